#include "iceberg/snapshot_producer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/table_scan.h"

namespace sparkling::iceberg {
namespace {

namespace fs = std::filesystem;

class SnapshotProducerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "snapshot_producer_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    auto catalog = OpenWarehouseCatalog(root_ + "/wh", "spark_catalog");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = *catalog;
    ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  }
  void TearDown() override {
    catalog_.reset();
    (void)DeleteLocalTree(root_);
  }

  LoadedTable Create(const std::string& name, const std::string& format_version) {
    CreateTableRequest request;
    request.name = name;
    request.schema = *IcebergSchemaFromJson(nlohmann::json::parse(
        R"({"type":"struct","fields":[{"id":1,"name":"id","required":false,"type":"long"}]})"));
    request.properties["format-version"] = format_version;
    auto table = catalog_->CreateTable({"db"}, request);
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return table.ok() ? *table : LoadedTable{};
  }

  // The producer writes manifests only; the data files themselves need not exist.
  static DataFile File(const std::string& name, int64_t rows) {
    DataFile file;
    file.file_path = "file:///nowhere/" + name + ".parquet";
    file.record_count = rows;
    file.file_size_in_bytes = 100 + rows;
    return file;
  }

  std::string root_;
  std::shared_ptr<IcebergCatalog> catalog_;
};

TEST_F(SnapshotProducerTest, V3SnapshotsCarryRowLineage) {
  Create("t", "3");
  const TableIdentifier id{{"db"}, "t"};
  SnapshotChange first;
  first.added = {File("a", 10), File("b", 4)};
  auto after_first = CommitSnapshot(*catalog_, id, first);
  ASSERT_TRUE(after_first.ok()) << after_first.status().ToString();
  const TableMetadata& m1 = *after_first->metadata;
  ASSERT_EQ(m1.snapshots.size(), 1u);
  EXPECT_EQ(m1.snapshots[0].first_row_id, 0);
  EXPECT_EQ(m1.snapshots[0].added_rows, 14);
  EXPECT_EQ(m1.next_row_id, 14);

  SnapshotChange second;
  second.added = {File("c", 5)};
  auto after_second = CommitSnapshot(*catalog_, id, second);
  ASSERT_TRUE(after_second.ok()) << after_second.status().ToString();
  const TableMetadata& m2 = *after_second->metadata;
  ASSERT_EQ(m2.snapshots.size(), 2u);
  EXPECT_EQ(m2.snapshots[1].first_row_id, 14);
  EXPECT_EQ(m2.snapshots[1].added_rows, 5);
  EXPECT_EQ(m2.next_row_id, 19);

  // Every data file has a distinct range of row ids.
  auto tasks = PlanFiles(m2, m2.current_snapshot());
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  std::map<std::string, int64_t> first_ids;
  for (const auto& task : *tasks) {
    ASSERT_TRUE(task.file.first_row_id.has_value()) << task.file.file_path;
    first_ids[task.file.file_path] = *task.file.first_row_id;
  }
  ASSERT_EQ(first_ids.size(), 3u);
  EXPECT_EQ(first_ids["file:///nowhere/c.parquet"], 14);
  EXPECT_EQ(
      std::min(first_ids["file:///nowhere/a.parquet"], first_ids["file:///nowhere/b.parquet"]), 0);
}

TEST_F(SnapshotProducerTest, V2SnapshotsHaveNoRowLineage) {
  Create("t2", "2");
  SnapshotChange change;
  change.added = {File("a", 3)};
  auto table = CommitSnapshot(*catalog_, {{"db"}, "t2"}, change);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_FALSE(table->metadata->snapshots[0].first_row_id.has_value());
  EXPECT_FALSE(table->metadata->snapshots[0].added_rows.has_value());
  EXPECT_FALSE(table->metadata->next_row_id.has_value());
}

TEST_F(SnapshotProducerTest, ConcurrentAppendsInOneProcessAllLand) {
  Create("concurrent", "2");
  const TableIdentifier id{{"db"}, "concurrent"};
  constexpr int kWriters = 6;
  constexpr int kCommits = 8;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kCommits; ++i) {
        SnapshotChange change;
        change.added = {File("w" + std::to_string(w) + "_" + std::to_string(i), 1)};
        if (!CommitSnapshot(*catalog_, id, change).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto table = catalog_->LoadTable(id);
  ASSERT_TRUE(table.ok());
  const TableMetadata& metadata = *table->metadata;
  EXPECT_EQ(metadata.snapshots.size(), static_cast<size_t>(kWriters * kCommits));
  auto live = ReadLiveEntries(metadata, metadata.current_snapshot());
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  std::set<std::string> paths;
  for (const auto& item : *live) paths.insert(item.entry.data_file.file_path);
  EXPECT_EQ(paths.size(), static_cast<size_t>(kWriters * kCommits));
}

TEST_F(SnapshotProducerTest, RemovingAFileAConcurrentCommitRemovedIsAConflict) {
  Create("gone", "2");
  const TableIdentifier id{{"db"}, "gone"};
  SnapshotChange first;
  first.added = {File("a", 2), File("b", 2)};
  ASSERT_TRUE(CommitSnapshot(*catalog_, id, first).ok());
  SnapshotChange remove_a;
  remove_a.removed_paths = {"file:///nowhere/a.parquet"};
  ASSERT_TRUE(CommitSnapshot(*catalog_, id, remove_a).ok());
  // An overwrite computed before that removal: committing it would keep stale rows.
  SnapshotChange stale;
  stale.removed_paths = {"file:///nowhere/a.parquet"};
  stale.added = {File("a2", 1)};
  auto result = CommitSnapshot(*catalog_, id, stale);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error().error_class, "ICEBERG_VALIDATION");
  EXPECT_NE(result.status().message().find("missing data files"), std::string::npos);
  auto table = catalog_->LoadTable(id);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->metadata->snapshots.size(), 2u);
}

TEST_F(SnapshotProducerTest, ConflictsFromAnotherWriterAreRetriedWithBackoff) {
  Create("retried", "2");
  const TableIdentifier id{{"db"}, "retried"};
  // A table that retries quickly: a writer outside this process (here: direct catalog commits
  // that move the pointer) keeps invalidating attempts for a while; the append still lands.
  TableChange props;
  props.identifier = id;
  props.updates = nlohmann::json::array(
      {{{"action", "set-properties"},
        {"updates", {{"commit.retry.min-wait-ms", "1"}, {"commit.retry.num-retries", "50"}}}}});
  ASSERT_TRUE(catalog_->CommitTable(props).ok());
  std::atomic<bool> stop{false};
  std::thread other([&] {
    for (int i = 0; i < 200 && !stop; ++i) {
      TableChange change;
      change.identifier = id;
      change.updates = nlohmann::json::array(
          {{{"action", "set-properties"}, {"updates", {{"tick", std::to_string(i)}}}}});
      (void)catalog_->CommitTable(change);
    }
  });
  SnapshotChange change;
  change.added = {File("x", 1)};
  auto result = CommitSnapshot(*catalog_, id, change);
  stop = true;
  other.join();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  auto table = catalog_->LoadTable(id);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->metadata->snapshots.size(), 1u);
}

}  // namespace
}  // namespace sparkling::iceberg
