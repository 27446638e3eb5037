#include "connect/na_stat_translator.h"

#include <arrow/api.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "catalog/catalog_store.h"
#include "catalog/session_catalog.h"
#include "main/engine.h"
#include "spark/connect/relations.pb.h"

namespace sparkling::connect {
namespace {

// Translates with a context that resolves schemas through the real engine, then runs the
// plan, so the lowering is checked by its results.
class NaStatTranslatorTest : public ::testing::Test {
 protected:
  NaStatTranslatorTest()
      : session_("00112233-4455-6677-8899-aabbccddeeff", "u",
                 std::make_shared<SessionCatalog>(std::make_shared<CatalogStore>())) {
    context_.resolve_schema = [this](const PlanPtr& plan) -> Result<Schema> {
      SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, engine_.Resolve(session_, plan));
      return Engine::OutputSchema(*analyzed);
    };
  }

  // Rows of the result, each rendered as "v1|v2|...".
  std::vector<std::string> Run(const std::string& relation_text) {
    spark::connect::Relation relation;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(relation_text, &relation));
    auto plan = TranslateRelation(relation, context_);
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    if (!plan.ok()) return {};
    auto table = engine_.Collect(session_, *plan);
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    if (!table.ok()) return {};
    std::vector<std::string> rows;
    auto combined = *(*table)->CombineChunks();
    for (int64_t r = 0; r < combined->num_rows(); ++r) {
      std::string row;
      for (int c = 0; c < combined->num_columns(); ++c) {
        if (c > 0) row += "|";
        row += (*combined->column(c)->GetScalar(r))->ToString();
      }
      rows.push_back(row);
    }
    return rows;
  }

  Engine engine_;
  Session session_;
  TranslationContext context_;
};

constexpr const char* kInput = R"pb(
  sql {
    query: "SELECT * FROM VALUES (1, CAST(NULL AS DOUBLE), 'a'), (NULL, 2.0D, NULL), (3, CAST('NaN' AS DOUBLE), 'c') AS t(i, d, s)"
  }
)pb";

TEST_F(NaStatTranslatorTest, FillNumericColumnsOnly) {
  auto rows = Run(std::string("fill_na { values { long: 0 } input { ") + kInput + " } }");
  EXPECT_EQ(rows, (std::vector<std::string>{"1|0|a", "0|2|null", "3|0|c"}));
}

TEST_F(NaStatTranslatorTest, FillPerColumn) {
  auto rows = Run(std::string(R"pb(fill_na { cols: "s" cols: "i"
                                             values { string: "z" }
                                             values { long: 9 }
                                             input {)pb") +
                  kInput + " } }");
  EXPECT_EQ(rows, (std::vector<std::string>{"1|null|a", "9|2|z", "3|nan|c"}));
}

TEST_F(NaStatTranslatorTest, DropAnyAllAndThreshold) {
  EXPECT_EQ(Run(std::string("drop_na { input { ") + kInput + " } }").size(), 0u);
  EXPECT_EQ(Run(std::string("drop_na { cols: \"i\" input { ") + kInput + " } }").size(), 2u);
  EXPECT_EQ(Run(std::string("drop_na { min_non_nulls: 2 input { ") + kInput + " } }").size(), 2u);
}

TEST_F(NaStatTranslatorTest, ReplaceMatchingTypes) {
  auto rows = Run(std::string(R"pb(replace { cols: "s"
                                             replacements {
                                               old_value { string: "a" }
                                               new_value { string: "A" }
                                             }
                                             input {)pb") +
                  kInput + " } }");
  EXPECT_EQ(rows, (std::vector<std::string>{"1|null|A", "null|2|null", "3|nan|c"}));
}

TEST_F(NaStatTranslatorTest, Describe) {
  auto rows = Run(std::string("describe { cols: \"i\" input { ") + kInput + " } }");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], "count|2");
  EXPECT_EQ(rows[1], "mean|2.0");
  EXPECT_EQ(rows[3], "min|1");
  EXPECT_EQ(rows[4], "max|3");
}

TEST(NaStatTranslatorWithoutSchemaTest, Unsupported) {
  spark::connect::Relation relation;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      std::string("drop_na { input { ") + kInput + " } }", &relation));
  auto plan = TranslateRelation(relation, TranslationContext{});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().error().error_class, "UNSUPPORTED_CONNECT_FEATURE");
}

}  // namespace
}  // namespace sparkling::connect
