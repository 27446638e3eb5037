#pragma once

#include <spark/connect/base.grpc.pb.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "connect/server_state.h"

namespace sparkling::connect {

/// The SparkConnectService gRPC service (synchronous API: each RPC runs on a thread of gRPC's
/// dynamically sized pool, executions on their own threads). Sessions are created on first
/// use; every response carries the session id and the session's server-side id.
class SparkConnectServiceImpl final : public spark::connect::SparkConnectService::Service {
 public:
  explicit SparkConnectServiceImpl(ServerState& state);
  ~SparkConnectServiceImpl() override;

  grpc::Status ExecutePlan(
      grpc::ServerContext* context, const spark::connect::ExecutePlanRequest* request,
      grpc::ServerWriter<spark::connect::ExecutePlanResponse>* writer) override;
  grpc::Status AnalyzePlan(grpc::ServerContext* context,
                           const spark::connect::AnalyzePlanRequest* request,
                           spark::connect::AnalyzePlanResponse* response) override;
  grpc::Status Config(grpc::ServerContext* context, const spark::connect::ConfigRequest* request,
                      spark::connect::ConfigResponse* response) override;
  grpc::Status AddArtifacts(grpc::ServerContext* context,
                            grpc::ServerReader<spark::connect::AddArtifactsRequest>* reader,
                            spark::connect::AddArtifactsResponse* response) override;
  grpc::Status ArtifactStatus(grpc::ServerContext* context,
                              const spark::connect::ArtifactStatusesRequest* request,
                              spark::connect::ArtifactStatusesResponse* response) override;
  grpc::Status Interrupt(grpc::ServerContext* context,
                         const spark::connect::InterruptRequest* request,
                         spark::connect::InterruptResponse* response) override;
  grpc::Status ReattachExecute(
      grpc::ServerContext* context, const spark::connect::ReattachExecuteRequest* request,
      grpc::ServerWriter<spark::connect::ExecutePlanResponse>* writer) override;
  grpc::Status ReleaseExecute(grpc::ServerContext* context,
                              const spark::connect::ReleaseExecuteRequest* request,
                              spark::connect::ReleaseExecuteResponse* response) override;
  grpc::Status ReleaseSession(grpc::ServerContext* context,
                              const spark::connect::ReleaseSessionRequest* request,
                              spark::connect::ReleaseSessionResponse* response) override;
  grpc::Status FetchErrorDetails(grpc::ServerContext* context,
                                 const spark::connect::FetchErrorDetailsRequest* request,
                                 spark::connect::FetchErrorDetailsResponse* response) override;
  grpc::Status CloneSession(grpc::ServerContext* context,
                            const spark::connect::CloneSessionRequest* request,
                            spark::connect::CloneSessionResponse* response) override;

  /// Drops the Connect-side state (operations, artifacts, errors) of sessions the session
  /// manager expired, and closes their ids. Called periodically.
  void ForgetClosedSessions();
  /// Server shutdown: ends every stream and cancels every running operation.
  void BeginShutdown();

 private:
  /// The session a request names, created on first use. INVALID_HANDLE.SESSION_CHANGED when
  /// the client saw another server-side session id (a server restart or an expired session).
  Result<SessionPtr> AcquireSession(const std::string& session_id,
                                    const spark::connect::UserContext& user_context,
                                    const std::string* observed_server_side_session_id);
  /// The live session, or nullptr (for RPCs that must not create one).
  SessionPtr FindSession(const std::string& session_id) const;
  /// The gRPC status for a failed request; the error is kept for FetchErrorDetails.
  grpc::Status ErrorStatus(const std::string& session_id, const Status& status);

  void StartExecution(const SessionPtr& session, const ExecuteOperationPtr& operation,
                      std::shared_ptr<const spark::connect::Plan> plan);
  /// Sends the operation's responses to one client stream until it completes, fails, the
  /// client goes away or a newer stream attaches.
  grpc::Status StreamResponses(grpc::ServerContext* context, const ExecuteOperationPtr& operation,
                               ExecuteOperation::Cursor cursor,
                               grpc::ServerWriter<spark::connect::ExecutePlanResponse>* writer);

  ServerState& state_;
  std::atomic<bool> shutting_down_{false};
  mutable std::mutex sessions_mutex_;
  std::set<std::string> known_sessions_;  // ids with Connect-side state to clean up
};

}  // namespace sparkling::connect
