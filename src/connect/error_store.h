#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "common/status.h"

namespace sparkling::connect {

/// Recent errors of each session by error id, so FetchErrorDetails can return the complete
/// error (untruncated message, all parameters, query context) after the gRPC status carried
/// only a summary. Bounded per session; oldest errors are forgotten first. Thread-safe.
class ErrorStore {
 public:
  explicit ErrorStore(size_t max_errors_per_session = 64);

  /// Remembers `error` under a fresh id and returns the id.
  std::string Record(const std::string& session_id, const SparkError& error);
  std::optional<SparkError> Find(const std::string& session_id, const std::string& error_id) const;
  void RemoveSession(const std::string& session_id);

 private:
  const size_t max_errors_per_session_;
  mutable std::mutex mutex_;
  // Per session, in recording order: (error id, error).
  std::map<std::string, std::deque<std::pair<std::string, SparkError>>> errors_;
};

}  // namespace sparkling::connect
