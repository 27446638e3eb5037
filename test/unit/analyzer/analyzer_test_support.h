#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "analyzer/analyzer.h"
#include "catalog/catalog_store.h"
#include "catalog/session_catalog.h"
#include "parser/sql_parser.h"

namespace sparkling {

/// Parses SQL and analyzes it against a private catalog.
class AnalyzerFixture : public ::testing::Test {
 protected:
  AnalyzerFixture()
      : store_(std::make_shared<CatalogStore>()),
        catalog_(std::make_shared<SessionCatalog>(store_)) {
    context_.catalog = catalog_.get();
  }

  Result<PlanPtr> AnalyzeSql(const std::string& sql) {
    SPK_ASSIGN_OR_RAISE(PlanPtr parsed, ParseStatement(sql));
    return Analyze(parsed, context_);
  }

  PlanPtr AnalyzeOk(const std::string& sql) {
    auto result = AnalyzeSql(sql);
    EXPECT_TRUE(result.ok()) << sql << "\n" << result.status().ToString();
    return result.ok() ? *result : nullptr;
  }

  /// The error analyzing `sql` raises; fails the test when it succeeds.
  SparkError ErrorOf(const std::string& sql) {
    auto result = AnalyzeSql(sql);
    EXPECT_FALSE(result.ok()) << sql << " analyzed to\n" << (*result)->TreeString();
    return result.ok() ? SparkError{} : result.status().error();
  }

  void CreateView(const std::string& name, const std::string& sql) {
    PlanPtr plan = AnalyzeOk(sql);
    ASSERT_NE(plan, nullptr);
    ASSERT_TRUE(catalog_->CreateTempView(TempView{name, plan, sql}, true).ok());
  }

  static std::vector<std::string> ColumnNames(const PlanPtr& plan) {
    std::vector<std::string> names;
    if (plan == nullptr) return names;
    for (const auto& attribute : plan->output) names.push_back(attribute.name);
    return names;
  }

  static std::string Parameter(const SparkError& error, const std::string& key) {
    for (const auto& [name, value] : error.parameters) {
      if (name == key) return value;
    }
    return "<missing " + key + ">";
  }

  std::shared_ptr<CatalogStore> store_;
  std::shared_ptr<SessionCatalog> catalog_;
  AnalyzerContext context_;
};

}  // namespace sparkling
