#include "main/session_manager.h"

#include "catalog/session_catalog.h"

namespace sparkling {

SessionManager::SessionManager(CatalogFactory catalog_factory)
    : catalog_factory_(std::move(catalog_factory)) {}

Result<SessionPtr> SessionManager::GetOrCreate(const std::string& session_id,
                                               const std::string& user_id, bool allow_reconnect) {
  if (!IsCanonicalUuid(session_id)) {
    return Status::Error("INVALID_HANDLE.FORMAT", {{"handle", session_id}});
  }
  SessionPtr session;
  {
    std::lock_guard lock(mutex_);
    if (auto it = sessions_.find(session_id); it != sessions_.end()) {
      session = it->second;
    } else {
      if (closed_session_ids_.count(session_id) > 0) {
        if (!allow_reconnect) {
          return Status::Error("INVALID_HANDLE.SESSION_CLOSED", {{"handle", session_id}});
        }
        closed_session_ids_.erase(session_id);
      }
      session = std::make_shared<Session>(
          session_id, user_id,
          catalog_factory_ ? catalog_factory_() : std::make_shared<SessionCatalog>());
      sessions_.emplace(session_id, session);
    }
  }
  session->Touch();
  return session;
}

SessionPtr SessionManager::Find(const std::string& session_id) const {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(session_id);
  return it == sessions_.end() ? nullptr : it->second;
}

void SessionManager::Release(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session_id);
  closed_session_ids_.insert(session_id);
}

size_t SessionManager::SweepExpired(Session::Clock::time_point now) {
  std::lock_guard lock(mutex_);
  size_t removed = 0;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (now - it->second->last_access() > idle_timeout_) {
      it = sessions_.erase(it);
      ++removed;
    } else {
      ++it;
    }
  }
  return removed;
}

void SessionManager::set_idle_timeout(std::chrono::milliseconds timeout) {
  std::lock_guard lock(mutex_);
  idle_timeout_ = timeout;
}

std::chrono::milliseconds SessionManager::idle_timeout() const {
  std::lock_guard lock(mutex_);
  return idle_timeout_;
}

size_t SessionManager::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace sparkling
