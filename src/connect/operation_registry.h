#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "connect/execute_operation.h"

namespace sparkling::connect {

/// When operations nobody reads from are dropped.
struct OperationRetention {
  /// A running reattachable operation whose stream dropped is cancelled when no stream
  /// reattaches within this time (spark.connect.execute.manager.detachedTimeout).
  /// Short: on a local server a dropped stream almost always means the client is gone.
  std::chrono::milliseconds detached_timeout{std::chrono::seconds(10)};
  /// A finished operation the client never released (ReleaseExecute) is forgotten after this.
  std::chrono::milliseconds finished_retention{std::chrono::seconds(60)};
};

/// The ExecutePlan operations of all sessions, by (session id, operation id): reattach and
/// release find them here, Interrupt cancels them, and a periodic sweep drops abandoned ones.
/// Thread-safe.
class OperationRegistry {
 public:
  explicit OperationRegistry(OperationRetention retention = {});

  /// Registers a new operation. INVALID_HANDLE.OPERATION_ALREADY_EXISTS when the id is taken.
  Result<ExecuteOperationPtr> Register(const std::string& session_id,
                                       const std::string& server_side_session_id,
                                       const std::string& operation_id,
                                       std::vector<std::string> tags, bool reattachable,
                                       ResponseBufferLimits limits = {});
  /// The operation, or INVALID_HANDLE.OPERATION_NOT_FOUND / OPERATION_ABANDONED.
  Result<ExecuteOperationPtr> Find(const std::string& session_id,
                                   const std::string& operation_id) const;
  /// Forgets the operation, cancelling it if it still runs (ReleaseExecute(release_all), end
  /// of a non-reattachable stream). Unknown ids are fine.
  void Remove(const std::string& session_id, const std::string& operation_id);

  /// Interrupt: cancels the session's running operations (all / with a tag / one id) and
  /// returns the ids that were running.
  std::vector<std::string> InterruptAll(const std::string& session_id);
  std::vector<std::string> InterruptTag(const std::string& session_id, const std::string& tag);
  std::vector<std::string> InterruptOperation(const std::string& session_id,
                                              const std::string& operation_id);

  /// ReleaseSession / session expiry: cancels and forgets all the session's operations.
  void RemoveSession(const std::string& session_id);
  /// Cancels detached operations past their timeout and forgets finished, unreleased ones.
  /// Returns how many operations were dropped.
  size_t Sweep(ExecuteOperation::Clock::time_point now = ExecuteOperation::Clock::now());
  /// Server shutdown: cancels every running operation.
  void CancelAll();

  /// Execution threads call these around their work so shutdown can wait for them.
  void ExecutionStarted();
  void ExecutionEnded();
  /// Waits until no execution thread runs, up to `timeout`. True if they all ended.
  bool WaitForExecutions(std::chrono::milliseconds timeout);

  size_t size() const;

 private:
  using Key = std::pair<std::string, std::string>;  // (session id, operation id)
  std::vector<std::string> CancelMatching(const std::string& session_id,
                                          const std::function<bool(const ExecuteOperation&)>&);
  void RememberAbandonedLocked(const Key& key);

  const OperationRetention retention_;
  mutable std::mutex mutex_;
  std::map<Key, ExecuteOperationPtr> operations_;
  std::set<Key> abandoned_;  // bounded: dropped for inactivity, reported as abandoned
  std::condition_variable executions_changed_;
  int running_executions_ = 0;
};

}  // namespace sparkling::connect
