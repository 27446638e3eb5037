#include "main/session.h"

#include <cctype>
#include <cstdio>
#include <random>

namespace sparkling {

std::string NewUuid() {
  // Per-thread generator seeded from the OS, so ids are unpredictable and lock-free.
  thread_local std::mt19937_64 generator{std::random_device{}()};
  uint64_t high = generator();
  uint64_t low = generator();
  high = (high & ~0xF000ULL) | 0x4000ULL;                // version 4
  low = (low & ~(0xC000ULL << 48)) | (0x8000ULL << 48);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                static_cast<unsigned>(high & 0xFFFF), static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

bool IsCanonicalUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) {
      return false;
    }
  }
  return true;
}

Session::Session(std::string session_id, std::string user_id,
                 std::shared_ptr<SessionCatalog> catalog)
    : session_id_(std::move(session_id)),
      user_id_(std::move(user_id)),
      server_side_session_id_(NewUuid()),
      catalog_(std::move(catalog)),
      last_access_(Clock::now()) {}

Session::~Session() = default;

SqlConf Session::ConfSnapshot() const {
  std::lock_guard lock(mutex_);
  return conf_;
}

void Session::Touch() {
  std::lock_guard lock(mutex_);
  last_access_ = Clock::now();
}

Session::Clock::time_point Session::last_access() const {
  std::lock_guard lock(mutex_);
  return last_access_;
}

void Session::Persist(const std::string& plan_key, StorageLevel level) {
  std::lock_guard lock(mutex_);
  persisted_plans_[plan_key] = level;
}

bool Session::Unpersist(const std::string& plan_key) {
  std::lock_guard lock(mutex_);
  return persisted_plans_.erase(plan_key) > 0;
}

std::optional<StorageLevel> Session::GetStorageLevel(const std::string& plan_key) const {
  std::lock_guard lock(mutex_);
  auto it = persisted_plans_.find(plan_key);
  if (it == persisted_plans_.end()) return std::nullopt;
  return it->second;
}

void Session::CacheTable(const std::string& name) {
  std::lock_guard lock(mutex_);
  cached_tables_.insert(name);
}

bool Session::UncacheTable(const std::string& name) {
  std::lock_guard lock(mutex_);
  return cached_tables_.erase(name) > 0;
}

bool Session::IsTableCached(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return cached_tables_.count(name) > 0;
}

void Session::ClearCache() {
  std::lock_guard lock(mutex_);
  cached_tables_.clear();
  persisted_plans_.clear();
}

}  // namespace sparkling
