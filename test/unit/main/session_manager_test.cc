#include "main/session_manager.h"

#include <gtest/gtest.h>

#include <thread>

namespace sparkling {
namespace {

constexpr const char* kSessionA = "00112233-4455-6677-8899-aabbccddeeff";
constexpr const char* kSessionB = "8a1c2d3e-0000-4000-8000-123456789abc";

TEST(SessionManagerTest, GetOrCreateReturnsTheSameSession) {
  SessionManager manager;
  auto first = manager.GetOrCreate(kSessionA, "alice");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = manager.GetOrCreate(kSessionA, "alice");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->get(), second->get());
  EXPECT_EQ((*first)->session_id(), kSessionA);
  EXPECT_EQ((*first)->user_id(), "alice");
  EXPECT_TRUE(IsCanonicalUuid((*first)->server_side_session_id()));
  EXPECT_NE((*first)->server_side_session_id(), kSessionA);
  auto other = manager.GetOrCreate(kSessionB, "bob");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->get(), first->get());
  EXPECT_EQ(manager.size(), 2u);
}

TEST(SessionManagerTest, SessionsHaveTheirOwnConf) {
  SessionManager manager;
  auto a = *manager.GetOrCreate(kSessionA, "u");
  auto b = *manager.GetOrCreate(kSessionB, "u");
  ASSERT_TRUE(a->conf().Set("spark.sql.shuffle.partitions", "3").ok());
  EXPECT_EQ(a->conf().shuffle_partitions(), 3);
  EXPECT_EQ(b->conf().shuffle_partitions(), 200);
}

TEST(SessionManagerTest, RejectsMalformedIds) {
  SessionManager manager;
  auto result = manager.GetOrCreate("not-a-uuid", "u");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error().error_class, "INVALID_HANDLE.FORMAT");
}

TEST(SessionManagerTest, ReleasedSessionsAreTombstoned) {
  SessionManager manager;
  ASSERT_TRUE(manager.GetOrCreate(kSessionA, "u").ok());
  manager.Release(kSessionA);
  EXPECT_EQ(manager.Find(kSessionA), nullptr);
  auto again = manager.GetOrCreate(kSessionA, "u");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().error().error_class, "INVALID_HANDLE.SESSION_CLOSED");
  // Releasing an unknown session is fine; reconnecting is allowed on request.
  manager.Release(kSessionB);
  EXPECT_TRUE(manager.GetOrCreate(kSessionA, "u", /*allow_reconnect=*/true).ok());
}

TEST(SessionManagerTest, SweepDropsIdleSessions) {
  SessionManager manager;
  manager.set_idle_timeout(std::chrono::milliseconds(50));
  ASSERT_TRUE(manager.GetOrCreate(kSessionA, "u").ok());
  EXPECT_EQ(manager.SweepExpired(), 0u);
  EXPECT_EQ(manager.SweepExpired(Session::Clock::now() + std::chrono::seconds(1)), 1u);
  EXPECT_EQ(manager.size(), 0u);
  // Expiry is no tombstone: the client may come back.
  EXPECT_TRUE(manager.GetOrCreate(kSessionA, "u").ok());
}

TEST(SessionManagerTest, ConcurrentGetOrCreateYieldsOneSession) {
  SessionManager manager;
  std::vector<std::thread> threads;
  std::vector<Session*> seen(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { seen[i] = manager.GetOrCreate(kSessionA, "u")->get(); });
  }
  for (auto& thread : threads) thread.join();
  for (Session* session : seen) EXPECT_EQ(session, seen[0]);
}

TEST(SessionTest, PersistedPlansAndCachedTables) {
  Session session(kSessionA, "u", nullptr);
  EXPECT_FALSE(session.GetStorageLevel("plan").has_value());
  StorageLevel level;
  level.use_disk = false;
  session.Persist("plan", level);
  ASSERT_TRUE(session.GetStorageLevel("plan").has_value());
  EXPECT_FALSE(session.GetStorageLevel("plan")->use_disk);
  EXPECT_TRUE(session.Unpersist("plan"));
  EXPECT_FALSE(session.Unpersist("plan"));
  session.CacheTable("t");
  EXPECT_TRUE(session.IsTableCached("t"));
  session.ClearCache();
  EXPECT_FALSE(session.IsTableCached("t"));
}

}  // namespace
}  // namespace sparkling
