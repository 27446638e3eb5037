#include "connect/operation_registry.h"

#include <functional>

#include "common/logging.h"

namespace sparkling::connect {
namespace {

constexpr size_t kMaxAbandonedRemembered = 1024;

}  // namespace

OperationRegistry::OperationRegistry(OperationRetention retention) : retention_(retention) {}

Result<ExecuteOperationPtr> OperationRegistry::Register(const std::string& session_id,
                                                        const std::string& server_side_session_id,
                                                        const std::string& operation_id,
                                                        std::vector<std::string> tags,
                                                        bool reattachable,
                                                        ResponseBufferLimits limits) {
  std::lock_guard lock(mutex_);
  Key key{session_id, operation_id};
  if (operations_.count(key) > 0 || abandoned_.count(key) > 0) {
    return Status::Error("INVALID_HANDLE.OPERATION_ALREADY_EXISTS", {{"handle", operation_id}});
  }
  auto operation = std::make_shared<ExecuteOperation>(
      session_id, server_side_session_id, operation_id, std::move(tags), reattachable, limits);
  operations_.emplace(std::move(key), operation);
  return operation;
}

Result<ExecuteOperationPtr> OperationRegistry::Find(const std::string& session_id,
                                                    const std::string& operation_id) const {
  std::lock_guard lock(mutex_);
  Key key{session_id, operation_id};
  auto it = operations_.find(key);
  if (it != operations_.end()) return it->second;
  if (abandoned_.count(key) > 0) {
    return Status::Error("INVALID_HANDLE.OPERATION_ABANDONED", {{"handle", operation_id}});
  }
  return Status::Error("INVALID_HANDLE.OPERATION_NOT_FOUND", {{"handle", operation_id}});
}

void OperationRegistry::Remove(const std::string& session_id, const std::string& operation_id) {
  ExecuteOperationPtr removed;
  {
    std::lock_guard lock(mutex_);
    auto it = operations_.find(Key{session_id, operation_id});
    if (it == operations_.end()) return;
    removed = std::move(it->second);
    operations_.erase(it);
  }
  removed->Cancel();
}

std::vector<std::string> OperationRegistry::CancelMatching(
    const std::string& session_id, const std::function<bool(const ExecuteOperation&)>& matches) {
  std::vector<ExecuteOperationPtr> candidates;
  {
    std::lock_guard lock(mutex_);
    for (auto it = operations_.lower_bound(Key{session_id, ""});
         it != operations_.end() && it->first.first == session_id; ++it) {
      if (matches(*it->second)) candidates.push_back(it->second);
    }
  }
  std::vector<std::string> interrupted;
  for (const auto& operation : candidates) {
    if (operation->Cancel()) interrupted.push_back(operation->operation_id());
  }
  return interrupted;
}

std::vector<std::string> OperationRegistry::InterruptAll(const std::string& session_id) {
  return CancelMatching(session_id, [](const ExecuteOperation&) { return true; });
}

std::vector<std::string> OperationRegistry::InterruptTag(const std::string& session_id,
                                                         const std::string& tag) {
  return CancelMatching(session_id, [&](const ExecuteOperation& operation) {
    for (const auto& t : operation.tags()) {
      if (t == tag) return true;
    }
    return false;
  });
}

std::vector<std::string> OperationRegistry::InterruptOperation(const std::string& session_id,
                                                               const std::string& operation_id) {
  return CancelMatching(session_id, [&](const ExecuteOperation& operation) {
    return operation.operation_id() == operation_id;
  });
}

void OperationRegistry::RemoveSession(const std::string& session_id) {
  std::vector<ExecuteOperationPtr> removed;
  {
    std::lock_guard lock(mutex_);
    auto it = operations_.lower_bound(Key{session_id, ""});
    while (it != operations_.end() && it->first.first == session_id) {
      removed.push_back(std::move(it->second));
      it = operations_.erase(it);
    }
  }
  for (const auto& operation : removed) operation->Cancel();
}

void OperationRegistry::RememberAbandonedLocked(const Key& key) {
  if (abandoned_.size() >= kMaxAbandonedRemembered) abandoned_.erase(abandoned_.begin());
  abandoned_.insert(key);
}

size_t OperationRegistry::Sweep(ExecuteOperation::Clock::time_point now) {
  std::vector<ExecuteOperationPtr> dropped;
  {
    std::lock_guard lock(mutex_);
    for (auto it = operations_.begin(); it != operations_.end();) {
      const ExecuteOperation& operation = *it->second;
      bool drop = false;
      if (!operation.attached()) {
        auto idle = now - operation.detached_since();
        drop = operation.finished() ? idle > retention_.finished_retention
                                    : idle > retention_.detached_timeout;
      }
      if (drop) {
        if (!operation.finished()) RememberAbandonedLocked(it->first);
        dropped.push_back(std::move(it->second));
        it = operations_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& operation : dropped) {
    if (operation->Cancel()) {
      SPK_LOG_INFO("SparkConnectServer", "Operation {} of session {} abandoned: cancelled",
                   operation->operation_id(), operation->session_id());
    }
  }
  return dropped.size();
}

void OperationRegistry::CancelAll() {
  std::vector<ExecuteOperationPtr> all;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, operation] : operations_) all.push_back(operation);
  }
  for (const auto& operation : all) operation->Cancel();
}

void OperationRegistry::ExecutionStarted() {
  std::lock_guard lock(mutex_);
  ++running_executions_;
}

void OperationRegistry::ExecutionEnded() {
  std::lock_guard lock(mutex_);
  --running_executions_;
  executions_changed_.notify_all();
}

bool OperationRegistry::WaitForExecutions(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return executions_changed_.wait_for(lock, timeout, [&] { return running_executions_ == 0; });
}

size_t OperationRegistry::size() const {
  std::lock_guard lock(mutex_);
  return operations_.size();
}

}  // namespace sparkling::connect
