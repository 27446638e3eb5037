#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "main/config.h"

namespace sparkling {

class SessionCatalog;

/// Spark's StorageLevel as persist()/storageLevel report it.
struct StorageLevel {
  bool use_disk = true;
  bool use_memory = true;
  bool use_off_heap = false;
  bool deserialized = true;
  int replication = 1;
};

/// One Spark session: identity, SQL conf, catalog state (temp views, current database) and
/// the bookkeeping the Connect service needs. Shared by concurrent requests of the session;
/// the conf and persisted-plan map are guarded by the session's mutex.
class Session {
 public:
  using Clock = std::chrono::steady_clock;

  Session(std::string session_id, std::string user_id, std::shared_ptr<SessionCatalog> catalog);
  ~Session();

  const std::string& session_id() const { return session_id_; }
  const std::string& user_id() const { return user_id_; }
  /// A random UUID fixed for this session's lifetime; the client detects server restarts by it.
  const std::string& server_side_session_id() const { return server_side_session_id_; }

  /// The session conf. Callers that may race with other requests of the same session take
  /// `mutex()` while using it (the Connect service does so per Config RPC).
  SqlConf& conf() { return conf_; }
  const SqlConf& conf() const { return conf_; }
  std::mutex& mutex() const { return mutex_; }
  /// A copy of the conf taken under the lock: what one query runs with.
  SqlConf ConfSnapshot() const;

  SessionCatalog& catalog() { return *catalog_; }
  const std::shared_ptr<SessionCatalog>& catalog_ptr() const { return catalog_; }

  /// Marks the session as used now (it expires after the idle timeout otherwise).
  void Touch();
  Clock::time_point last_access() const;

  /// persist()/unpersist()/storageLevel: the storage level recorded per plan. `plan_key` is any
  /// stable identity of the plan (the Connect service uses the serialized Relation).
  void Persist(const std::string& plan_key, StorageLevel level);
  bool Unpersist(const std::string& plan_key);
  std::optional<StorageLevel> GetStorageLevel(const std::string& plan_key) const;
  /// CACHE TABLE / UNCACHE TABLE / CLEAR CACHE bookkeeping (names are normalised by the caller).
  void CacheTable(const std::string& name);
  bool UncacheTable(const std::string& name);
  bool IsTableCached(const std::string& name) const;
  void ClearCache();

 private:
  const std::string session_id_;
  const std::string user_id_;
  const std::string server_side_session_id_;
  std::shared_ptr<SessionCatalog> catalog_;
  mutable std::mutex mutex_;
  SqlConf conf_;
  Clock::time_point last_access_;
  std::map<std::string, StorageLevel> persisted_plans_;
  std::set<std::string> cached_tables_;
};

using SessionPtr = std::shared_ptr<Session>;

/// A random RFC 4122 version-4 UUID string.
std::string NewUuid();
/// Whether `text` has the canonical 8-4-4-4-12 hex UUID form Spark requires of session ids.
bool IsCanonicalUuid(const std::string& text);

}  // namespace sparkling
