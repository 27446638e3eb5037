#include "catalog/session_catalog.h"

#include <gtest/gtest.h>

#include "catalog/in_memory_catalog.h"
#include "catalog/name_pattern.h"

namespace sparkling {
namespace {

PlanPtr OneColumnPlan() {
  auto range = std::make_shared<Range>();
  range->end = 3;
  range->analyzed = true;
  range->output = {Attribute{"id", DataType::Long(), false, NewExprId()}};
  return range;
}

std::string ParameterOf(const Status& status, const std::string& key) {
  for (const auto& [name, value] : status.error().parameters) {
    if (name == key) return value;
  }
  return "";
}

class SessionCatalogTest : public ::testing::Test {
 protected:
  std::shared_ptr<CatalogStore> store_ = std::make_shared<CatalogStore>();
  SessionCatalog catalog_{store_};
};

TEST_F(SessionCatalogTest, TempViewsAreCaseInsensitiveAndReplaceable) {
  ASSERT_TRUE(catalog_.CreateTempView(TempView{"MyView", OneColumnPlan(), "SELECT 1"}, false).ok());
  Status duplicate = catalog_.CreateTempView(TempView{"myview", OneColumnPlan(), ""}, false);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().error_class, "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS");
  EXPECT_EQ(ParameterOf(duplicate, "relationName"), "`myview`");
  EXPECT_TRUE(catalog_.CreateTempView(TempView{"myview", OneColumnPlan(), ""}, true).ok());
  auto found = catalog_.LookupRelation({"MYVIEW"});
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->kind, CatalogRelation::Kind::kTempView);
  EXPECT_EQ((*found)->qualifier, (std::vector<std::string>{"MYVIEW"}));
  EXPECT_TRUE(catalog_.DropTempView("myVIEW"));
  EXPECT_FALSE(catalog_.DropTempView("myview"));
  EXPECT_FALSE(catalog_.LookupRelation({"myview"})->has_value());
}

TEST_F(SessionCatalogTest, GlobalTempViewsAreSharedThroughTheStore) {
  ASSERT_TRUE(catalog_.CreateGlobalTempView(TempView{"g", OneColumnPlan(), ""}, false).ok());
  SessionCatalog other(store_);
  auto found = other.LookupRelation({"global_temp", "G"});
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->qualifier, (std::vector<std::string>{"global_temp", "G"}));
  EXPECT_FALSE(other.LookupRelation({"g"})->has_value());
  auto tables = other.ListTables(std::vector<std::string>{"global_temp"});
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 1u);
  EXPECT_TRUE((*tables)[0].is_temporary);
}

TEST_F(SessionCatalogTest, DatabasesCanBeCreatedUsedListedAndDropped) {
  EXPECT_EQ(catalog_.current_database(), "default");
  EXPECT_EQ(catalog_.current_catalog(), "spark_catalog");
  Status missing = catalog_.SetCurrentDatabase({"nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().error_class, "SCHEMA_NOT_FOUND");
  EXPECT_EQ(ParameterOf(missing, "schemaName"), "`spark_catalog`.`nope`");

  ASSERT_TRUE(catalog_.CreateDatabase({"Sales"}, DatabaseInfo{}, false).ok());
  Status exists = catalog_.CreateDatabase({"sales"}, DatabaseInfo{}, false);
  EXPECT_EQ(exists.error().error_class, "SCHEMA_ALREADY_EXISTS");
  EXPECT_TRUE(catalog_.CreateDatabase({"sales"}, DatabaseInfo{}, true).ok());
  EXPECT_TRUE(catalog_.DatabaseExists({"SALES"}));
  ASSERT_TRUE(catalog_.SetCurrentDatabase({"sales"}).ok());
  EXPECT_EQ(catalog_.current_database(), "sales");

  auto all = catalog_.ListDatabases();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "default");
  auto filtered = catalog_.ListDatabases(std::string("s*|nothing"));
  ASSERT_EQ(filtered->size(), 1u);
  EXPECT_EQ((*filtered)[0].name, "sales");

  Status drop_default = catalog_.DropDatabase({"default"}, false, false);
  EXPECT_EQ(drop_default.error().error_class, "UNSUPPORTED_FEATURE.DROP_DATABASE");
  ASSERT_TRUE(catalog_.DropDatabase({"sales"}, false, false).ok());
  EXPECT_EQ(catalog_.current_database(), "default");
  EXPECT_TRUE(catalog_.DropDatabase({"sales"}, true, false).ok());
  EXPECT_EQ(catalog_.DropDatabase({"sales"}, false, false).error().error_class, "SCHEMA_NOT_FOUND");
}

TEST_F(SessionCatalogTest, TablesAreFoundByQualifiedNamesAndListedWithTempViews) {
  auto spark_catalog = std::dynamic_pointer_cast<InMemoryCatalog>(store_->default_catalog());
  ASSERT_NE(spark_catalog, nullptr);
  TableInfo info;
  info.name = "t";
  ASSERT_TRUE(spark_catalog->PutTable("default", info, OneColumnPlan()).ok());
  ASSERT_TRUE(catalog_.CreateTempView(TempView{"v", OneColumnPlan(), ""}, false).ok());
  for (const auto& name : std::vector<std::vector<std::string>>{
           {"t"}, {"default", "t"}, {"spark_catalog", "default", "T"}}) {
    auto found = catalog_.LookupRelation(name);
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->qualifier,
              (std::vector<std::string>{"spark_catalog", "default", name.back()}));
  }
  auto tables = catalog_.ListTables();
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 2u);
  EXPECT_EQ((*tables)[0].name, "t");
  EXPECT_FALSE((*tables)[0].is_temporary);
  EXPECT_EQ((*tables)[1].name, "v");
  EXPECT_TRUE((*tables)[1].is_temporary);
  EXPECT_EQ(catalog_.ListTables(std::vector<std::string>{"nope"}).status().error().error_class,
            "SCHEMA_NOT_FOUND");
  Status not_empty = catalog_.CreateDatabase({"d"}, DatabaseInfo{}, false);
  ASSERT_TRUE(not_empty.ok());
  ASSERT_TRUE(spark_catalog->PutTable("d", info, OneColumnPlan()).ok());
  EXPECT_EQ(catalog_.DropDatabase({"d"}, false, false).error().error_class, "SCHEMA_NOT_EMPTY");
  EXPECT_TRUE(catalog_.DropDatabase({"d"}, false, true).ok());
}

TEST(NamePatternTest, FollowsSparksShowPatterns) {
  EXPECT_TRUE(MatchesNamePattern("default", "*"));
  EXPECT_TRUE(MatchesNamePattern("Default", "def*"));
  EXPECT_TRUE(MatchesNamePattern("sales", "nothing | sal*"));
  EXPECT_FALSE(MatchesNamePattern("sales", "sal"));
  EXPECT_FALSE(MatchesNamePattern("sales", "("));  // an invalid pattern matches nothing
}

}  // namespace
}  // namespace sparkling
