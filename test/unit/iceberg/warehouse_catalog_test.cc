#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/metadata_update.h"

namespace sparkling::iceberg {
namespace {

namespace fs = std::filesystem;

class WarehouseCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "warehouse_test_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    Reopen();
  }
  void TearDown() override {
    catalog_.reset();
    (void)DeleteLocalTree(root_);
  }
  void Reopen() {
    catalog_.reset();
    auto catalog = OpenWarehouseCatalog(root_ + "/wh", "spark_catalog");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = *catalog;
  }

  static CreateTableRequest Request(const std::string& name) {
    CreateTableRequest request;
    request.name = name;
    request.schema = *IcebergSchemaFromJson(nlohmann::json::parse(
        R"({"type":"struct","fields":[{"id":1,"name":"id","required":false,"type":"long"}]})"));
    return request;
  }

  LoadedTable Create(const Namespace& ns, const std::string& name) {
    auto table = catalog_->CreateTable(ns, Request(name));
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return table.ok() ? *table : LoadedTable{};
  }

  // An append as pyiceberg sends it: requirements on uuid and main, a snapshot, main moved.
  static TableChange AppendChange(const TableIdentifier& id, const TableMetadata& base,
                                  int64_t snapshot_id) {
    TableChange change;
    change.identifier = id;
    nlohmann::json main = {{"type", "assert-ref-snapshot-id"}, {"ref", "main"}};
    main["snapshot-id"] =
        base.current_snapshot_id ? nlohmann::json(*base.current_snapshot_id) : nlohmann::json();
    change.requirements = {{{"type", "assert-table-uuid"}, {"uuid", base.table_uuid}}, main};
    nlohmann::json snapshot = {{"snapshot-id", snapshot_id},
                               {"sequence-number", base.last_sequence_number + 1},
                               {"timestamp-ms", NowMillis()},
                               {"manifest-list", base.location + "/metadata/snap.avro"},
                               {"summary", {{"operation", "append"}}}};
    if (base.current_snapshot_id) snapshot["parent-snapshot-id"] = *base.current_snapshot_id;
    change.updates = {{{"action", "add-snapshot"}, {"snapshot", snapshot}},
                      {{"action", "set-snapshot-ref"},
                       {"ref-name", "main"},
                       {"type", "branch"},
                       {"snapshot-id", snapshot_id}}};
    return change;
  }

  std::set<std::string> FilesUnder(const std::string& dir) {
    std::set<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::end(it); ++it) {
      if (it->is_regular_file()) out.insert(it->path().string());
    }
    return out;
  }

  std::string root_;
  std::shared_ptr<IcebergCatalog> catalog_;
};

TEST_F(WarehouseCatalogTest, NamespacesNestListAndCarryProperties) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {{"owner", "me"}}).ok());
  ASSERT_TRUE(catalog_->CreateNamespace({"db", "a"}, {}).ok());
  ASSERT_TRUE(catalog_->CreateNamespace({"other", "deep"}, {}).ok());
  Status again = catalog_->CreateNamespace({"db"}, {});
  EXPECT_EQ(again.error().error_class, "ICEBERG_ALREADY_EXISTS");
  EXPECT_EQ(again.message(), "Namespace already exists: db");

  EXPECT_EQ(*catalog_->ListNamespaces({}), (std::vector<Namespace>{{"db"}, {"other"}}));
  EXPECT_EQ(*catalog_->ListNamespaces({"db"}), (std::vector<Namespace>{{"db", "a"}}));
  EXPECT_TRUE(*catalog_->NamespaceExists({"other"}));  // a parent of an existing namespace
  EXPECT_FALSE(*catalog_->NamespaceExists({"nope"}));
  EXPECT_EQ(catalog_->ListNamespaces({"nope"}).status().error().error_class,
            "ICEBERG_NO_SUCH_NAMESPACE");
  EXPECT_EQ(*catalog_->LoadNamespace({"db"}),
            (std::map<std::string, std::string>{{"owner", "me"}}));
  EXPECT_TRUE(catalog_->LoadNamespace({"db", "a"})->empty());

  auto update = catalog_->UpdateNamespaceProperties({"db"}, {"owner", "ghost"}, {{"k", "v"}});
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->updated, std::vector<std::string>{"k"});
  EXPECT_EQ(update->removed, std::vector<std::string>{"owner"});
  EXPECT_EQ(update->missing, std::vector<std::string>{"ghost"});
  auto conflict = catalog_->UpdateNamespaceProperties({"db"}, {"k"}, {{"k", "w"}});
  EXPECT_EQ(conflict.status().error().error_class, "ICEBERG_UNPROCESSABLE");
  // Removing every property keeps the namespace.
  ASSERT_TRUE(catalog_->UpdateNamespaceProperties({"db"}, {"k"}, {}).ok());
  EXPECT_TRUE(*catalog_->NamespaceExists({"db"}));

  Status not_empty = catalog_->DropNamespace({"db"});
  EXPECT_EQ(not_empty.error().error_class, "ICEBERG_NAMESPACE_NOT_EMPTY");
  ASSERT_TRUE(catalog_->DropNamespace({"db", "a"}).ok());
  Create({"db"}, "t");
  EXPECT_EQ(catalog_->DropNamespace({"db"}).error().error_class, "ICEBERG_NAMESPACE_NOT_EMPTY");
  ASSERT_TRUE(catalog_->DropTable({{"db"}, "t"}, false).ok());
  ASSERT_TRUE(catalog_->DropNamespace({"db"}).ok());
  EXPECT_EQ(catalog_->DropNamespace({"db"}).error().error_class, "ICEBERG_NO_SUCH_NAMESPACE");
  EXPECT_EQ(catalog_->CreateNamespace({"a.b"}, {}).error().error_class, "ICEBERG_BAD_REQUEST");
}

TEST_F(WarehouseCatalogTest, StateLivesInJdbcCatalogTables) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db", "x"}, {{"p", "1"}}).ok());
  LoadedTable table = Create({"db", "x"}, "t");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((root_ + "/wh/catalog.db").c_str(), &db), SQLITE_OK);
  auto query = [&](const char* sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK);
    std::vector<std::string> rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const unsigned char* text = sqlite3_column_text(statement, i);
        if (i > 0) row += '|';
        if (text != nullptr) row += reinterpret_cast<const char*>(text);
      }
      rows.push_back(row);
    }
    sqlite3_finalize(statement);
    return rows;
  };
  EXPECT_EQ(query("SELECT catalog_name, table_namespace, table_name, metadata_location, "
                  "iceberg_type FROM iceberg_tables"),
            std::vector<std::string>{"spark_catalog|db.x|t|" + table.metadata_location + "|TABLE"});
  EXPECT_EQ(query("SELECT namespace, property_key, property_value FROM "
                  "iceberg_namespace_properties ORDER BY property_key"),
            (std::vector<std::string>{"db.x|exists|true", "db.x|p|1"}));
  EXPECT_EQ(query("PRAGMA journal_mode"), std::vector<std::string>{"wal"});
  sqlite3_close(db);
}

TEST_F(WarehouseCatalogTest, CreateLoadRenameDropTables) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  ASSERT_TRUE(catalog_->CreateNamespace({"db2"}, {}).ok());
  LoadedTable table = Create({"db"}, "t");
  EXPECT_EQ(table.metadata->location, "file://" + root_ + "/wh/db/t");
  EXPECT_EQ(table.metadata_location.rfind(table.metadata->location + "/metadata/00000-", 0), 0u);
  EXPECT_TRUE(fs::exists(*LocalPath(table.metadata_location)));

  auto again = catalog_->CreateTable({"db"}, Request("t"));
  EXPECT_EQ(again.status().message(), "Table already exists: db.t");
  EXPECT_EQ(catalog_->CreateTable({"nope"}, Request("t")).status().error().error_class,
            "ICEBERG_NO_SUCH_NAMESPACE");
  // A missing table is NoSuchTable even when its namespace is missing (Spark relies on it).
  EXPECT_EQ(catalog_->LoadTable({{"db", "t"}, "snapshots"}).status().error().error_class,
            "ICEBERG_NO_SUCH_TABLE");

  auto loaded = catalog_->LoadTable({{"db"}, "t"});
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->metadata->table_uuid, table.metadata->table_uuid);
  EXPECT_EQ(catalog_->ListTables({"db"})->size(), 1u);

  ASSERT_TRUE(catalog_->RenameTable({{"db"}, "t"}, {{"db2"}, "u"}).ok());
  EXPECT_FALSE(*catalog_->TableExists({{"db"}, "t"}));
  EXPECT_TRUE(*catalog_->TableExists({{"db2"}, "u"}));
  EXPECT_EQ(catalog_->RenameTable({{"db"}, "t"}, {{"db2"}, "v"}).error().error_class,
            "ICEBERG_NO_SUCH_TABLE");
  EXPECT_EQ(catalog_->RenameTable({{"db2"}, "u"}, {{"nope"}, "v"}).error().error_class,
            "ICEBERG_NO_SUCH_NAMESPACE");
  Create({"db2"}, "w");
  EXPECT_EQ(catalog_->RenameTable({{"db2"}, "u"}, {{"db2"}, "w"}).message(),
            "Table already exists: db2.w");

  ASSERT_TRUE(catalog_->DropTable({{"db2"}, "u"}, false).ok());
  EXPECT_TRUE(fs::exists(*LocalPath(table.metadata_location)));  // no purge: files stay
  EXPECT_EQ(catalog_->DropTable({{"db2"}, "u"}, false).error().error_class,
            "ICEBERG_NO_SUCH_TABLE");

  // Registering the dropped table's metadata brings it back.
  auto registered = catalog_->RegisterTable({{"db"}, "back"}, table.metadata_location, false);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->metadata->table_uuid, table.metadata->table_uuid);
  EXPECT_EQ(
      catalog_->RegisterTable({{"db"}, "back"}, table.metadata_location, false).status().message(),
      "Table already exists: db.back");
  EXPECT_TRUE(catalog_->RegisterTable({{"db"}, "back"}, table.metadata_location, true).ok());
}

TEST_F(WarehouseCatalogTest, StagedCreatePersistsNothingUntilCommitted) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  CreateTableRequest request = Request("staged");
  request.stage_create = true;
  auto staged = catalog_->CreateTable({"db"}, request);
  ASSERT_TRUE(staged.ok());
  EXPECT_TRUE(staged->metadata_location.empty());
  EXPECT_FALSE(*catalog_->TableExists({{"db"}, "staged"}));
  EXPECT_TRUE(FilesUnder(root_ + "/wh/db").empty());

  const TableMetadata& metadata = *staged->metadata;
  TableChange create;
  create.identifier = {{"db"}, "staged"};
  create.requirements = {{{"type", "assert-create"}}};
  create.updates = {
      {{"action", "assign-uuid"}, {"uuid", metadata.table_uuid}},
      {{"action", "upgrade-format-version"}, {"format-version", 2}},
      {{"action", "add-schema"}, {"schema", IcebergSchemaToJson(metadata.current_schema())}},
      {{"action", "set-current-schema"}, {"schema-id", -1}},
      {{"action", "add-spec"}, {"spec", PartitionSpecToJson(metadata.default_spec())}},
      {{"action", "set-default-spec"}, {"spec-id", -1}},
      {{"action", "add-sort-order"},
       {"sort-order", {{"order-id", 0}, {"fields", nlohmann::json::array()}}}},
      {{"action", "set-default-sort-order"}, {"sort-order-id", -1}},
      {{"action", "set-location"}, {"location", metadata.location}}};
  auto committed = catalog_->CommitTable(create);
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_EQ(committed->metadata->table_uuid, metadata.table_uuid);
  EXPECT_TRUE(*catalog_->TableExists({{"db"}, "staged"}));
  auto twice = catalog_->CommitTable(create);
  EXPECT_EQ(twice.status().message(), "Requirement failed: table already exists");
}

TEST_F(WarehouseCatalogTest, CommitsWriteNewMetadataAndMoveThePointer) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  LoadedTable table = Create({"db"}, "t");
  TableIdentifier id{{"db"}, "t"};
  auto first = catalog_->CommitTable(AppendChange(id, *table.metadata, 100));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_NE(first->metadata_location, table.metadata_location);
  EXPECT_NE(first->metadata_location.find("/metadata/00001-"), std::string::npos);
  EXPECT_EQ(first->metadata->metadata_log.back().metadata_file, table.metadata_location);
  EXPECT_EQ(catalog_->LoadTable(id)->metadata_location, first->metadata_location);

  // A stale writer: 409, and nothing written.
  std::set<std::string> before = FilesUnder(root_ + "/wh");
  auto stale = catalog_->CommitTable(AppendChange(id, *table.metadata, 101));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().error().error_class, "ICEBERG_COMMIT_FAILED");
  EXPECT_EQ(stale.status().message(), "Requirement failed: branch main was created concurrently");
  EXPECT_EQ(FilesUnder(root_ + "/wh"), before);

  // A request that changes nothing keeps the same metadata file.
  TableChange noop;
  noop.identifier = id;
  auto same = catalog_->CommitTable(noop);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->metadata_location, first->metadata_location);

  TableChange unknown;
  unknown.identifier = id;
  unknown.updates = {{{"action", "teleport"}}};
  EXPECT_EQ(catalog_->CommitTable(unknown).status().error().error_class, "ICEBERG_BAD_REQUEST");
  TableChange missing = AppendChange({{"db"}, "nope"}, *table.metadata, 5);
  EXPECT_EQ(catalog_->CommitTable(missing).status().error().error_class, "ICEBERG_NO_SUCH_TABLE");

  // Durable: a new catalog on the same warehouse sees the commit.
  Reopen();
  EXPECT_EQ(catalog_->LoadTable(id)->metadata->current_snapshot_id, 100);
}

TEST_F(WarehouseCatalogTest, ConcurrentAppendsLoseNothing) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  Create({"db"}, "t");
  TableIdentifier id{{"db"}, "t"};
  constexpr int kThreads = 6;
  constexpr int kCommitsPerThread = 15;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCommitsPerThread; ++i) {
        int64_t snapshot_id = 1000 * (t + 1) + i;
        while (true) {  // reload and retry on conflict, as clients do
          auto current = catalog_->LoadTable(id);
          ASSERT_TRUE(current.ok());
          auto result = catalog_->CommitTable(AppendChange(id, *current->metadata, snapshot_id));
          if (result.ok()) break;
          ASSERT_EQ(result.status().error().error_class, "ICEBERG_COMMIT_FAILED");
          ++conflicts;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto table = catalog_->LoadTable(id);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->metadata->snapshots.size(), size_t{kThreads * kCommitsPerThread});
  EXPECT_EQ(table->metadata->last_sequence_number, kThreads * kCommitsPerThread);
  EXPECT_EQ(table->metadata->snapshot_log.size(), size_t{kThreads * kCommitsPerThread});
  // The chain of parents is linear: every commit saw the previous one.
  std::set<int64_t> parents;
  for (const auto& snapshot : table->metadata->snapshots) {
    if (snapshot.parent_snapshot_id) {
      EXPECT_TRUE(parents.insert(*snapshot.parent_snapshot_id).second);
    }
  }
}

TEST_F(WarehouseCatalogTest, TransactionsAreAllOrNothing) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  LoadedTable a = Create({"db"}, "a");
  LoadedTable b = Create({"db"}, "b");
  TableChange good = AppendChange({{"db"}, "a"}, *a.metadata, 1);
  TableChange bad = AppendChange({{"db"}, "b"}, *b.metadata, 2);
  bad.requirements.push_back({{"type", "assert-current-schema-id"}, {"current-schema-id", 9}});
  std::set<std::string> before = FilesUnder(root_ + "/wh");
  Status failed = catalog_->CommitTransaction({good, bad});
  EXPECT_EQ(failed.error().error_class, "ICEBERG_COMMIT_FAILED");
  EXPECT_EQ(catalog_->LoadTable({{"db"}, "a"})->metadata_location, a.metadata_location);
  EXPECT_EQ(FilesUnder(root_ + "/wh"), before);  // the written file of `a` was removed

  TableChange fixed = AppendChange({{"db"}, "b"}, *b.metadata, 2);
  ASSERT_TRUE(catalog_->CommitTransaction({fixed, good}).ok());
  EXPECT_EQ(catalog_->LoadTable({{"db"}, "a"})->metadata->current_snapshot_id, 1);
  EXPECT_EQ(catalog_->LoadTable({{"db"}, "b"})->metadata->current_snapshot_id, 2);
  EXPECT_EQ(catalog_->CommitTransaction({good, good}).error().error_class, "ICEBERG_BAD_REQUEST");
  EXPECT_EQ(catalog_->CommitTransaction({AppendChange({{"db"}, "zz"}, *a.metadata, 3)})
                .error()
                .error_class,
            "ICEBERG_NO_SUCH_TABLE");
}

TEST_F(WarehouseCatalogTest, NamesNeverLeadOutsideTheWarehouse) {
  const std::string warehouse = root_ + "/wh";
  // Levels are joined with '.' in the catalog, so dots (and with them "..") are refused.
  EXPECT_EQ(catalog_->CreateNamespace({".."}, {}).error().error_class, "ICEBERG_BAD_REQUEST");
  ASSERT_TRUE(catalog_->CreateNamespace({"a/b"}, {}).ok());
  ASSERT_TRUE(catalog_->CreateNamespace({"c\\d"}, {}).ok());
  for (const auto& [ns, name] : std::vector<std::pair<Namespace, std::string>>{
           {{"a/b"}, ".."}, {{"a/b"}, "."}, {{"a/b"}, "../../../etc"}, {{"c\\d"}, "x/y\\z%2F"}}) {
    auto table = catalog_->CreateTable(ns, Request(name));
    ASSERT_TRUE(table.ok()) << name << ": " << table.status().ToString();
    std::string path = *LocalPath(table->metadata->location);
    EXPECT_TRUE(IsWithin(path, warehouse)) << path;
    EXPECT_NE(path, warehouse);
    EXPECT_TRUE(IsWithin(*LocalPath(table->metadata_location), warehouse));
    EXPECT_TRUE(*catalog_->TableExists({ns, name}));
  }
  EXPECT_EQ(
      catalog_->CreateTable({"a/b"}, Request(std::string("a\0b", 3))).status().error().error_class,
      "ICEBERG_BAD_REQUEST");
  EXPECT_EQ(catalog_->CreateTable({"a/b"}, Request("")).status().error().error_class,
            "ICEBERG_BAD_REQUEST");
  // A name longer than a directory entry can be is a bad request, not an I/O failure.
  EXPECT_EQ(
      catalog_->CreateTable({"a/b"}, Request(std::string(300, 'x'))).status().error().error_class,
      "ICEBERG_BAD_REQUEST");
  EXPECT_EQ(
      catalog_->CreateTable({"a/b"}, Request(std::string(100, '/'))).status().error().error_class,
      "ICEBERG_BAD_REQUEST");  // 300 bytes once escaped
  EXPECT_TRUE(catalog_->CreateTable({"a/b"}, Request(std::string(255, 'y'))).ok());
  for (const auto& entry : FilesUnder(root_)) {
    EXPECT_TRUE(IsWithin(entry, warehouse)) << entry;
  }

  // Explicit locations may be anywhere local, never remote or relative.
  CreateTableRequest remote = Request("remote");
  remote.location = "s3://bucket/t";
  EXPECT_EQ(catalog_->CreateTable({"a/b"}, remote).status().error().error_class,
            "ICEBERG_VALIDATION");
  remote.location = "relative/dir";
  EXPECT_FALSE(catalog_->CreateTable({"a/b"}, remote).ok());
  CreateTableRequest outside = Request("outside");
  outside.location = "file://" + root_ + "/elsewhere/t";
  auto placed = catalog_->CreateTable({"a/b"}, outside);
  ASSERT_TRUE(placed.ok());
  EXPECT_EQ(placed->metadata->location, "file://" + root_ + "/elsewhere/t");

  // A namespace "location" moves the default base.
  ASSERT_TRUE(catalog_->CreateNamespace({"placed"}, {{"location", root_ + "/nsbase"}}).ok());
  auto based = catalog_->CreateTable({"placed"}, Request("../t"));
  ASSERT_TRUE(based.ok());
  EXPECT_TRUE(IsWithin(*LocalPath(based->metadata->location), root_ + "/nsbase"));
}

TEST_F(WarehouseCatalogTest, PurgeDeletesTheTablesFiles) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  LoadedTable table = Create({"db"}, "t");
  auto next = catalog_->CommitTable(AppendChange({{"db"}, "t"}, *table.metadata, 7));
  ASSERT_TRUE(next.ok());
  std::string outside = root_ + "/precious.txt";
  ASSERT_TRUE(WriteLocalFileDurably(outside, "keep").ok());
  ASSERT_TRUE(catalog_->DropTable({{"db"}, "t"}, true).ok());
  EXPECT_FALSE(fs::exists(*LocalPath(table.metadata_location)));
  EXPECT_FALSE(fs::exists(*LocalPath(next->metadata_location)));
  EXPECT_TRUE(fs::exists(outside));
}

TEST_F(WarehouseCatalogTest, ViewsShareTheNameSpaceOfTables) {
  ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).ok());
  Create({"db"}, "t");
  CreateViewRequest request;
  request.name = "v";
  request.schema = Request("v").schema;
  request.view_version = nlohmann::json::parse(R"({"version-id":1,"timestamp-ms":1,
      "schema-id":0,"summary":{},"default-namespace":["db"],
      "representations":[{"type":"sql","sql":"select 1 as id","dialect":"spark"}]})");
  auto view = catalog_->CreateView({"db"}, request);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_TRUE(*catalog_->ViewExists({{"db"}, "v"}));
  EXPECT_FALSE(*catalog_->TableExists({{"db"}, "v"}));
  EXPECT_EQ(catalog_->ListViews({"db"})->size(), 1u);
  EXPECT_EQ(catalog_->ListTables({"db"})->size(), 1u);
  EXPECT_EQ(catalog_->CreateTable({"db"}, Request("v")).status().error().error_class,
            "ICEBERG_ALREADY_EXISTS");
  request.name = "t";
  EXPECT_EQ(catalog_->CreateView({"db"}, request).status().message(),
            "Table with same name already exists: db.t");
  EXPECT_EQ(catalog_->RenameView({{"db"}, "v"}, {{"db"}, "t"}).error().error_class,
            "ICEBERG_ALREADY_EXISTS");
  EXPECT_EQ(catalog_->LoadTable({{"db"}, "v"}).status().error().error_class,
            "ICEBERG_NO_SUCH_TABLE");

  std::string uuid = view->metadata["view-uuid"];
  auto replaced = catalog_->ReplaceView(
      {{"db"}, "v"}, nlohmann::json::array({{{"type", "assert-view-uuid"}, {"uuid", uuid}}}),
      nlohmann::json::array({{{"action", "set-properties"}, {"updates", {{"comment", "hi"}}}}}));
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_NE(replaced->metadata_location, view->metadata_location);
  EXPECT_EQ(catalog_->LoadView({{"db"}, "v"})->metadata["properties"]["comment"], "hi");
  ASSERT_TRUE(catalog_->RenameView({{"db"}, "v"}, {{"db"}, "w"}).ok());
  ASSERT_TRUE(catalog_->DropView({{"db"}, "w"}).ok());
  EXPECT_EQ(catalog_->DropView({{"db"}, "w"}).error().error_class, "ICEBERG_NO_SUCH_VIEW");
}

}  // namespace
}  // namespace sparkling::iceberg
