#include "connect/error_store.h"

#include "main/session.h"

namespace sparkling::connect {

ErrorStore::ErrorStore(size_t max_errors_per_session)
    : max_errors_per_session_(max_errors_per_session) {}

std::string ErrorStore::Record(const std::string& session_id, const SparkError& error) {
  std::string error_id = NewUuid();
  std::lock_guard lock(mutex_);
  auto& errors = errors_[session_id];
  errors.emplace_back(error_id, error);
  while (errors.size() > max_errors_per_session_) errors.pop_front();
  return error_id;
}

std::optional<SparkError> ErrorStore::Find(const std::string& session_id,
                                           const std::string& error_id) const {
  std::lock_guard lock(mutex_);
  auto session = errors_.find(session_id);
  if (session == errors_.end()) return std::nullopt;
  for (const auto& [id, error] : session->second) {
    if (id == error_id) return error;
  }
  return std::nullopt;
}

void ErrorStore::RemoveSession(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  errors_.erase(session_id);
}

}  // namespace sparkling::connect
