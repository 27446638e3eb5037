#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "common/status.h"
#include "main/session.h"

namespace sparkling {

/// All live sessions of the server, keyed by the client's session id. Thread-safe.
class SessionManager {
 public:
  /// Builds the catalog state of a new session (temp views over the shared table catalog).
  using CatalogFactory = std::function<std::shared_ptr<SessionCatalog>()>;

  /// `catalog_factory` empty: sessions get a SessionCatalog over CatalogStore::Global().
  explicit SessionManager(CatalogFactory catalog_factory = {});

  /// The session with this id, created on first use. INVALID_HANDLE.FORMAT when the id is not
  /// a UUID; INVALID_HANDLE.SESSION_CLOSED when it was released (unless `allow_reconnect`).
  /// Touches the session.
  Result<SessionPtr> GetOrCreate(const std::string& session_id, const std::string& user_id,
                                 bool allow_reconnect = false);
  /// An existing live session, or nullptr.
  SessionPtr Find(const std::string& session_id) const;

  /// ReleaseSession: drops the session and remembers its id so later use fails with
  /// INVALID_HANDLE.SESSION_CLOSED. Unknown ids are fine (no-op besides the tombstone).
  void Release(const std::string& session_id);

  /// Drops sessions idle longer than the timeout; returns how many. The service calls this
  /// periodically. Expired sessions are not tombstoned (Spark lets the client start anew).
  size_t SweepExpired(Session::Clock::time_point now = Session::Clock::now());

  /// spark.connect.session.manager.defaultSessionTimeout (default 60 minutes).
  void set_idle_timeout(std::chrono::milliseconds timeout);
  std::chrono::milliseconds idle_timeout() const;

  size_t size() const;

 private:
  CatalogFactory catalog_factory_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, SessionPtr> sessions_;
  std::set<std::string> closed_session_ids_;
  std::chrono::milliseconds idle_timeout_{std::chrono::minutes(60)};
};

}  // namespace sparkling
