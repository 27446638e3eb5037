#include "connect/connect_service.h"

#include <chrono>
#include <thread>

#include "catalog/session_catalog.h"
#include "common/logging.h"
#include "connect/analyze_handler.h"
#include "connect/config_handler.h"
#include "connect/error_encoding.h"
#include "connect/execute_handler.h"
#include "connect/translation_errors.h"

namespace sparkling::connect {
namespace {

using namespace std::chrono_literals;
using spark::connect::ExecutePlanResponse;

constexpr char kComponent[] = "SparkConnectService";
// How often a stream waiting for responses checks whether its client is still there.
constexpr auto kStreamPollInterval = 100ms;

template <typename Request>
const std::string* ObservedServerSideSessionId(const Request& request) {
  return request.has_client_observed_server_side_session_id()
             ? &request.client_observed_server_side_session_id()
             : nullptr;
}

bool IsReattachable(const spark::connect::ExecutePlanRequest& request) {
  for (const auto& option : request.request_options()) {
    if (option.has_reattach_options() && option.reattach_options().reattachable()) return true;
  }
  return false;
}

// Errors before a session exists (a malformed session id) carry no errorId: there is no
// session to fetch the details from.
grpc::Status SessionlessError(const Status& status) { return ToGrpcStatus(status); }

}  // namespace

SparkConnectServiceImpl::SparkConnectServiceImpl(ServerState& state) : state_(state) {}

SparkConnectServiceImpl::~SparkConnectServiceImpl() { BeginShutdown(); }

Result<SessionPtr> SparkConnectServiceImpl::AcquireSession(
    const std::string& session_id, const spark::connect::UserContext& user_context,
    const std::string* observed_server_side_session_id) {
  SPK_ASSIGN_OR_RAISE(SessionPtr session,
                      state_.sessions.GetOrCreate(session_id, user_context.user_id()));
  {
    std::lock_guard lock(sessions_mutex_);
    if (known_sessions_.insert(session_id).second) {
      SPK_LOG_INFO(kComponent, "New session {} (server-side {}) for user '{}'", session_id,
                   session->server_side_session_id(), user_context.user_id());
    }
  }
  if (observed_server_side_session_id != nullptr && !observed_server_side_session_id->empty() &&
      *observed_server_side_session_id != session->server_side_session_id()) {
    return Status::Error("INVALID_HANDLE.SESSION_CHANGED", {{"handle", session_id}});
  }
  return session;
}

SessionPtr SparkConnectServiceImpl::FindSession(const std::string& session_id) const {
  return state_.sessions.Find(session_id);
}

grpc::Status SparkConnectServiceImpl::ErrorStatus(const std::string& session_id,
                                                  const Status& status) {
  if (status.error().kind == ErrorKind::kInternal) {
    SPK_LOG_ERROR(kComponent, "Internal error in session {}: {}", session_id, status.message());
  }
  if (FindSession(session_id) == nullptr) return SessionlessError(status);
  return ToGrpcStatus(status, state_.errors.Record(session_id, status.error()));
}

void SparkConnectServiceImpl::StartExecution(const SessionPtr& session,
                                             const ExecuteOperationPtr& operation,
                                             std::shared_ptr<const spark::connect::Plan> plan) {
  ServerState* state = &state_;
  state->operations.ExecutionStarted();
  try {
    std::thread([state, session, operation, plan = std::move(plan)] {
      RunPlan(*state, session, operation, *plan);
      state->operations.ExecutionEnded();
    }).detach();
  } catch (const std::system_error& error) {
    // Out of threads: fail this operation, keep serving.
    state->operations.ExecutionEnded();
    operation->Finish(
        Status::Internal(std::string("cannot start the execution thread: ") + error.what()));
  }
}

grpc::Status SparkConnectServiceImpl::StreamResponses(
    grpc::ServerContext* context, const ExecuteOperationPtr& operation,
    ExecuteOperation::Cursor cursor, grpc::ServerWriter<ExecutePlanResponse>* writer) {
  while (true) {
    ResponsePtr response;
    Status final_status;
    auto poll = operation->Next(&cursor, kStreamPollInterval, &response, &final_status);
    switch (poll) {
      case ExecuteOperation::Poll::kResponse:
        if (writer->Write(*response)) continue;
        break;  // the client went away
      case ExecuteOperation::Poll::kIdle:
        if (!context->IsCancelled() && !shutting_down_) continue;
        break;
      case ExecuteOperation::Poll::kSuperseded:
        return grpc::Status::OK;
      case ExecuteOperation::Poll::kFinished:
        operation->Detach(cursor);
        if (!operation->reattachable()) {
          state_.operations.Remove(operation->session_id(), operation->operation_id());
        }
        if (final_status.ok()) return grpc::Status::OK;
        return ErrorStatus(operation->session_id(), final_status);
    }
    // The stream is gone. A reattachable operation waits (bounded by the registry's detached
    // timeout) for the client to reattach; any other is cancelled now.
    operation->Detach(cursor);
    if (!operation->reattachable() || shutting_down_) {
      state_.operations.Remove(operation->session_id(), operation->operation_id());
    }
    SPK_LOG_DEBUG(kComponent, "Stream of operation {} ended before completion",
                  operation->operation_id());
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client stream was closed");
  }
}

grpc::Status SparkConnectServiceImpl::ExecutePlan(grpc::ServerContext* context,
                                                  const spark::connect::ExecutePlanRequest* request,
                                                  grpc::ServerWriter<ExecutePlanResponse>* writer) {
  if (shutting_down_) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down");
  }
  auto session = AcquireSession(request->session_id(), request->user_context(),
                                ObservedServerSideSessionId(*request));
  if (!session.ok()) return ErrorStatus(request->session_id(), session.status());

  std::string operation_id = request->has_operation_id() ? request->operation_id() : NewUuid();
  if (!IsCanonicalUuid(operation_id)) {
    return ErrorStatus(request->session_id(),
                       Status::Error("INVALID_HANDLE.FORMAT", {{"handle", operation_id}}));
  }
  std::vector<std::string> tags(request->tags().begin(), request->tags().end());
  auto operation = state_.operations.Register(
      request->session_id(), (*session)->server_side_session_id(), operation_id, std::move(tags),
      IsReattachable(*request), state_.limits.response_buffer);
  if (!operation.ok()) return ErrorStatus(request->session_id(), operation.status());
  (*operation)->set_progress_interval(state_.limits.progress_interval);
  SPK_LOG_DEBUG(kComponent, "ExecutePlan {} in session {}", operation_id, request->session_id());

  // The execution owns a copy of the plan: it may outlive this RPC (reattach).
  StartExecution(*session, *operation, std::make_shared<spark::connect::Plan>(request->plan()));
  auto cursor = (*operation)->Attach(std::nullopt);
  if (!cursor.ok()) return ErrorStatus(request->session_id(), cursor.status());
  return StreamResponses(context, *operation, *cursor, writer);
}

grpc::Status SparkConnectServiceImpl::ReattachExecute(
    grpc::ServerContext* context, const spark::connect::ReattachExecuteRequest* request,
    grpc::ServerWriter<ExecutePlanResponse>* writer) {
  SessionPtr session = FindSession(request->session_id());
  if (session == nullptr) {
    // Without a session there is no operation; the client retries ExecutePlan on this error
    // when it has not seen a response yet.
    return SessionlessError(
        Status::Error("INVALID_HANDLE.OPERATION_NOT_FOUND", {{"handle", request->operation_id()}}));
  }
  const std::string* observed = ObservedServerSideSessionId(*request);
  if (observed != nullptr && !observed->empty() && *observed != session->server_side_session_id()) {
    return ErrorStatus(request->session_id(), Status::Error("INVALID_HANDLE.SESSION_CHANGED",
                                                            {{"handle", request->session_id()}}));
  }
  session->Touch();
  auto operation = state_.operations.Find(request->session_id(), request->operation_id());
  if (!operation.ok()) return ErrorStatus(request->session_id(), operation.status());
  if (!(*operation)->reattachable()) {
    return ErrorStatus(request->session_id(), Status::Error("INVALID_CURSOR.NOT_REATTACHABLE"));
  }
  std::optional<std::string> last_response_id;
  if (request->has_last_response_id()) last_response_id = request->last_response_id();
  auto cursor = (*operation)->Attach(last_response_id);
  if (!cursor.ok()) return ErrorStatus(request->session_id(), cursor.status());
  SPK_LOG_DEBUG(kComponent, "ReattachExecute {} after {}", request->operation_id(),
                last_response_id.value_or("the start"));
  return StreamResponses(context, *operation, *cursor, writer);
}

grpc::Status SparkConnectServiceImpl::ReleaseExecute(
    grpc::ServerContext* context, const spark::connect::ReleaseExecuteRequest* request,
    spark::connect::ReleaseExecuteResponse* response) {
  // Always succeeds: releases race with completion, arrive after errors, and name operations
  // that are long gone.
  response->set_session_id(request->session_id());
  response->set_operation_id(request->operation_id());
  SessionPtr session = FindSession(request->session_id());
  if (session != nullptr) response->set_server_side_session_id(session->server_side_session_id());
  if (request->has_release_all()) {
    state_.operations.Remove(request->session_id(), request->operation_id());
  } else if (request->has_release_until()) {
    auto operation = state_.operations.Find(request->session_id(), request->operation_id());
    if (operation.ok()) (*operation)->ReleaseUntil(request->release_until().response_id());
  }
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::AnalyzePlan(grpc::ServerContext* context,
                                                  const spark::connect::AnalyzePlanRequest* request,
                                                  spark::connect::AnalyzePlanResponse* response) {
  auto session = AcquireSession(request->session_id(), request->user_context(),
                                ObservedServerSideSessionId(*request));
  if (!session.ok()) return ErrorStatus(request->session_id(), session.status());
  Status status = HandleAnalyze(state_, **session, *request, response);
  if (!status.ok()) return ErrorStatus(request->session_id(), status);
  response->set_session_id(request->session_id());
  response->set_server_side_session_id((*session)->server_side_session_id());
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::Config(grpc::ServerContext* context,
                                             const spark::connect::ConfigRequest* request,
                                             spark::connect::ConfigResponse* response) {
  auto session = AcquireSession(request->session_id(), request->user_context(),
                                ObservedServerSideSessionId(*request));
  if (!session.ok()) return ErrorStatus(request->session_id(), session.status());
  Status status = HandleConfig(**session, *request, response);
  if (!status.ok()) return ErrorStatus(request->session_id(), status);
  response->set_session_id(request->session_id());
  response->set_server_side_session_id((*session)->server_side_session_id());
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::AddArtifacts(
    grpc::ServerContext* context, grpc::ServerReader<spark::connect::AddArtifactsRequest>* reader,
    spark::connect::AddArtifactsResponse* response) {
  spark::connect::AddArtifactsRequest request;
  if (!reader->Read(&request)) {
    return SessionlessError(InvalidPlanInput("AddArtifacts stream without requests"));
  }
  const std::string session_id = request.session_id();
  auto session =
      AcquireSession(session_id, request.user_context(), ObservedServerSideSessionId(request));
  if (!session.ok()) return ErrorStatus(session_id, session.status());
  ArtifactUpload upload(state_.artifacts, session_id);
  do {
    if (request.session_id() != session_id) {
      return ErrorStatus(session_id, InvalidPlanInput("AddArtifacts stream switched sessions"));
    }
    Status status = upload.Add(request);
    if (!status.ok()) return ErrorStatus(session_id, status);
  } while (reader->Read(&request));
  if (context->IsCancelled()) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client stream was closed");
  }
  Status status = upload.Finish(response);
  if (!status.ok()) return ErrorStatus(session_id, status);
  response->set_session_id(session_id);
  response->set_server_side_session_id((*session)->server_side_session_id());
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::ArtifactStatus(
    grpc::ServerContext* context, const spark::connect::ArtifactStatusesRequest* request,
    spark::connect::ArtifactStatusesResponse* response) {
  auto session = AcquireSession(request->session_id(), request->user_context(),
                                ObservedServerSideSessionId(*request));
  if (!session.ok()) return ErrorStatus(request->session_id(), session.status());
  auto& statuses = *response->mutable_statuses();
  for (const auto& name : request->names()) {
    statuses[name].set_exists(state_.artifacts.Exists(request->session_id(), name));
  }
  response->set_session_id(request->session_id());
  response->set_server_side_session_id((*session)->server_side_session_id());
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::Interrupt(grpc::ServerContext* context,
                                                const spark::connect::InterruptRequest* request,
                                                spark::connect::InterruptResponse* response) {
  using spark::connect::InterruptRequest;
  auto session = AcquireSession(request->session_id(), request->user_context(),
                                ObservedServerSideSessionId(*request));
  if (!session.ok()) return ErrorStatus(request->session_id(), session.status());
  std::vector<std::string> interrupted;
  switch (request->interrupt_type()) {
    case InterruptRequest::INTERRUPT_TYPE_ALL:
      interrupted = state_.operations.InterruptAll(request->session_id());
      break;
    case InterruptRequest::INTERRUPT_TYPE_TAG:
      interrupted = state_.operations.InterruptTag(request->session_id(), request->operation_tag());
      break;
    case InterruptRequest::INTERRUPT_TYPE_OPERATION_ID:
      interrupted =
          state_.operations.InterruptOperation(request->session_id(), request->operation_id());
      break;
    default:
      return ErrorStatus(
          request->session_id(),
          Status::Error("UNSUPPORTED_FEATURE.INTERRUPT_TYPE",
                        {{"interruptType", std::to_string(request->interrupt_type())}}));
  }
  for (const auto& id : interrupted) {
    SPK_LOG_INFO(kComponent, "Interrupted operation {} of session {}", id, request->session_id());
    response->add_interrupted_ids(id);
  }
  response->set_session_id(request->session_id());
  response->set_server_side_session_id((*session)->server_side_session_id());
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::ReleaseSession(
    grpc::ServerContext* context, const spark::connect::ReleaseSessionRequest* request,
    spark::connect::ReleaseSessionResponse* response) {
  const std::string& session_id = request->session_id();
  response->set_session_id(session_id);
  SessionPtr session = FindSession(session_id);
  if (session != nullptr) response->set_server_side_session_id(session->server_side_session_id());
  // Unknown or already released sessions are fine: spark.stop() must not fail.
  state_.sessions.Release(session_id);
  state_.operations.RemoveSession(session_id);
  state_.artifacts.RemoveSession(session_id);
  state_.errors.RemoveSession(session_id);
  state_.dataflow_graphs.RemoveSession(session_id);
  {
    std::lock_guard lock(sessions_mutex_);
    known_sessions_.erase(session_id);
  }
  if (session != nullptr) SPK_LOG_INFO(kComponent, "Released session {}", session_id);
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::FetchErrorDetails(
    grpc::ServerContext* context, const spark::connect::FetchErrorDetailsRequest* request,
    spark::connect::FetchErrorDetailsResponse* response) {
  response->set_session_id(request->session_id());
  SessionPtr session = FindSession(request->session_id());
  if (session != nullptr) response->set_server_side_session_id(session->server_side_session_id());
  auto error = state_.errors.Find(request->session_id(), request->error_id());
  // An unknown id yields no errors: the client then uses the status message.
  if (error) FillErrorDetails(*error, response);
  return grpc::Status::OK;
}

grpc::Status SparkConnectServiceImpl::CloneSession(
    grpc::ServerContext* context, const spark::connect::CloneSessionRequest* request,
    spark::connect::CloneSessionResponse* response) {
  auto source = AcquireSession(request->session_id(), request->user_context(),
                               ObservedServerSideSessionId(*request));
  if (!source.ok()) return ErrorStatus(request->session_id(), source.status());
  std::string new_id = request->has_new_session_id() ? request->new_session_id() : NewUuid();
  if (new_id == request->session_id() || state_.sessions.Find(new_id) != nullptr) {
    return ErrorStatus(request->session_id(),
                       Status::Error("INVALID_HANDLE.SESSION_CHANGED", {{"handle", new_id}}));
  }
  auto clone = AcquireSession(new_id, request->user_context(), nullptr);
  if (!clone.ok()) return ErrorStatus(request->session_id(), clone.status());

  // Copy what makes the session: conf overrides, temp views, current catalog and database.
  Session& from = **source;
  Session& to = **clone;
  {
    std::scoped_lock lock(from.mutex(), to.mutex());
    for (const auto& [key, value] : from.conf().overrides()) (void)to.conf().Set(key, value);
  }
  for (auto view : from.catalog().ListTempViews()) {
    (void)to.catalog().CreateTempView(std::move(view), /*replace=*/true);
  }
  (void)to.catalog().SetCurrentCatalog(from.catalog().current_catalog());
  (void)to.catalog().SetCurrentDatabase({from.catalog().current_database()});
  state_.artifacts.CopySession(request->session_id(), new_id);

  response->set_session_id(request->session_id());
  response->set_server_side_session_id(from.server_side_session_id());
  response->set_new_session_id(new_id);
  response->set_new_server_side_session_id(to.server_side_session_id());
  return grpc::Status::OK;
}

void SparkConnectServiceImpl::ForgetClosedSessions() {
  std::vector<std::string> closed;
  {
    std::lock_guard lock(sessions_mutex_);
    for (auto it = known_sessions_.begin(); it != known_sessions_.end();) {
      if (state_.sessions.Find(*it) == nullptr) {
        closed.push_back(*it);
        it = known_sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& session_id : closed) {
    SPK_LOG_INFO(kComponent, "Session {} expired", session_id);
    // Like Spark, an expired session counts as closed: its id now fails with
    // INVALID_HANDLE.SESSION_CLOSED instead of silently starting an empty session.
    state_.sessions.Release(session_id);
    state_.operations.RemoveSession(session_id);
    state_.artifacts.RemoveSession(session_id);
    state_.errors.RemoveSession(session_id);
    state_.dataflow_graphs.RemoveSession(session_id);
  }
}

void SparkConnectServiceImpl::BeginShutdown() {
  if (shutting_down_.exchange(true)) return;
  state_.operations.CancelAll();
}

}  // namespace sparkling::connect
