#include "main/engine.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "catalog/catalog_store.h"
#include "catalog/session_catalog.h"

namespace sparkling {
namespace {

class EngineTest : public ::testing::Test {
 protected:
  EngineTest()
      : session_("00112233-4455-6677-8899-aabbccddeeff", "u",
                 std::make_shared<SessionCatalog>(std::make_shared<CatalogStore>())) {}

  StatementResult Run(const std::string& sql) {
    auto result = engine_.RunSql(session_, sql);
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
    return result.ok() ? *result : StatementResult{};
  }

  // The first column of a command's output, as strings.
  std::vector<std::string> Column(const StatementResult& result, int index = 0) {
    std::vector<std::string> out;
    if (result.rows == nullptr) return out;
    auto column = result.rows->column(index);
    for (const auto& chunk : column->chunks()) {
      for (int64_t i = 0; i < chunk->length(); ++i)
        out.push_back((*chunk->GetScalar(i))->ToString());
    }
    return out;
  }

  std::vector<std::string> Names(const Schema& schema) {
    std::vector<std::string> names;
    for (const auto& field : schema) names.push_back(field.name);
    return names;
  }

  Engine engine_;
  Session session_;
};

TEST_F(EngineTest, QueriesAreReturnedUnexecuted) {
  auto result = Run("SELECT 1 AS a");
  EXPECT_FALSE(result.is_command());
  ASSERT_NE(result.query, nullptr);
}

TEST_F(EngineTest, SetAndReset) {
  auto set = Run("SET spark.sql.shuffle.partitions=7");
  EXPECT_EQ(Names(set.schema), (std::vector<std::string>{"key", "value"}));
  EXPECT_EQ(Column(set, 1), std::vector<std::string>{"7"});
  EXPECT_EQ(session_.conf().shuffle_partitions(), 7);
  EXPECT_EQ(Column(Run("SET spark.sql.shuffle.partitions"), 1), std::vector<std::string>{"7"});
  EXPECT_EQ(Column(Run("SET nope.nope"), 1), std::vector<std::string>{"<undefined>"});
  auto verbose = Run("SET -v");
  EXPECT_EQ(Names(verbose.schema),
            (std::vector<std::string>{"key", "value", "meaning", "Since version"}));
  EXPECT_GT(verbose.rows->num_rows(), 10);
  auto reset = Run("RESET");
  EXPECT_TRUE(reset.schema.empty());
  EXPECT_EQ(session_.conf().shuffle_partitions(), 200);
  auto bad = engine_.RunSql(session_, "SET spark.sql.ansi.enabled=maybe");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().error().error_class, "INVALID_CONF_VALUE.TYPE_MISMATCH");
}

TEST_F(EngineTest, DatabasesAndViews) {
  auto databases = Run("SHOW DATABASES");
  EXPECT_EQ(Names(databases.schema), std::vector<std::string>{"namespace"});
  EXPECT_EQ(Column(databases), std::vector<std::string>{"default"});
  Run("CREATE DATABASE d1");
  EXPECT_EQ(Column(Run("SHOW DATABASES")), (std::vector<std::string>{"d1", "default"}));
  Run("CREATE TEMP VIEW v AS SELECT 1 AS a, 'x' AS b");
  auto tables = Run("SHOW TABLES");
  EXPECT_EQ(Names(tables.schema),
            (std::vector<std::string>{"namespace", "tableName", "isTemporary"}));
  EXPECT_EQ(Column(tables, 1), std::vector<std::string>{"v"});
  EXPECT_EQ(Column(tables, 2), std::vector<std::string>{"true"});
  auto describe = Run("DESCRIBE v");
  EXPECT_EQ(Names(describe.schema), (std::vector<std::string>{"col_name", "data_type", "comment"}));
  EXPECT_EQ(Column(describe, 0), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Column(describe, 1), (std::vector<std::string>{"int", "string"}));
  Run("DROP VIEW v");
  EXPECT_TRUE(Column(Run("SHOW TABLES"), 1).empty());
  auto missing = engine_.RunSql(session_, "DROP VIEW v");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error().error_class, "TABLE_OR_VIEW_NOT_FOUND");
  Run("DROP VIEW IF EXISTS v");
  Run("USE d1");
  EXPECT_EQ(session_.catalog().current_database(), "d1");
  EXPECT_EQ(Column(Run("SHOW CATALOGS")), std::vector<std::string>{"spark_catalog"});
}

TEST_F(EngineTest, ExplainAndCache) {
  auto explain = Run("EXPLAIN SELECT 1 AS a");
  EXPECT_EQ(Names(explain.schema), std::vector<std::string>{"plan"});
  auto text = Column(explain);
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(text[0].rfind("== Physical Plan ==\n", 0), 0u) << text[0];
  Run("CREATE TEMP VIEW c AS SELECT 1 AS a");
  Run("CACHE TABLE c");
  EXPECT_TRUE(session_.IsTableCached("`c`"));
  Run("UNCACHE TABLE c");
  EXPECT_FALSE(session_.IsTableCached("`c`"));
  EXPECT_FALSE(engine_.RunSql(session_, "CACHE TABLE nope").ok());
  Run("CLEAR CACHE");
}

TEST_F(EngineTest, CollectRange) {
  auto range = std::make_shared<Range>();
  range->end = 5;
  auto table = engine_.Collect(session_, range);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->num_rows(), 5);
  auto explain = engine_.Explain(session_, range, ExplainMode::kExtended);
  ASSERT_TRUE(explain.ok()) << explain.status().ToString();
  EXPECT_NE(explain->find("== Analyzed Logical Plan ==\nid: bigint\n"), std::string::npos)
      << *explain;
}

}  // namespace
}  // namespace sparkling
