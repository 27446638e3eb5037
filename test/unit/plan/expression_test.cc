#include "plan/expression.h"

#include <arrow/scalar.h>
#include <gtest/gtest.h>

#include "plan/literal_text.h"

namespace sparkling {
namespace {

ExprPtr Int(int32_t v) {
  return MakeLiteral(std::make_shared<arrow::Int32Scalar>(v), DataType::Integer());
}
ExprPtr Long(int64_t v) {
  return MakeLiteral(std::make_shared<arrow::Int64Scalar>(v), DataType::Long());
}
ExprPtr Str(const std::string& v) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(v), DataType::String());
}

TEST(LiteralTextTest, PrettyFormsMatchSparkColumnNames) {
  EXPECT_EQ(Long(1)->ToSql(), "1");
  EXPECT_EQ(Str("a")->ToSql(), "a");
  EXPECT_EQ(MakeNullLiteral(DataType::Null())->ToSql(), "NULL");
  auto date = MakeLiteral(std::make_shared<arrow::Date32Scalar>(18262), DataType::Date());
  EXPECT_EQ(date->ToSql(), "DATE '2020-01-01'");
  auto ts = MakeLiteral(std::make_shared<arrow::TimestampScalar>(
                            1577836800000000LL, arrow::timestamp(arrow::TimeUnit::MICRO)),
                        DataType::TimestampNtz());
  EXPECT_EQ(ts->ToSql(), "TIMESTAMP_NTZ '2020-01-01 00:00:00'");
}

TEST(LiteralTextTest, SqlFormsCarryTypeSuffixes) {
  EXPECT_EQ(LiteralText(Long(1)->As<Literal>(), LiteralTextForm::kSql), "1L");
  EXPECT_EQ(LiteralText(Str("it's")->As<Literal>(), LiteralTextForm::kSql), "'it\\'s'");
  EXPECT_EQ(LiteralText(MakeNullLiteral(DataType::Integer())->As<Literal>(), LiteralTextForm::kSql),
            "CAST(NULL AS INT)");
}

TEST(LiteralTextTest, DoublesPrintLikeJava) {
  EXPECT_EQ(JavaDoubleString(1.0), "1.0");
  EXPECT_EQ(JavaDoubleString(1.5), "1.5");
  EXPECT_EQ(JavaDoubleString(1e10), "1.0E10");
  EXPECT_EQ(JavaDoubleString(1e-5), "1.0E-5");
  EXPECT_EQ(JavaDoubleString(123456.789), "123456.789");
  EXPECT_EQ(JavaDoubleString(0.001), "0.001");
  EXPECT_EQ(JavaDoubleString(-2.5e7), "-2.5E7");
  EXPECT_EQ(JavaFloatString(0.1f), "0.1");
}

TEST(ExpressionTextTest, ExplainStringsUseExprIds) {
  auto id = MakeAttributeReference("id", 3, DataType::Long(), false);
  auto sum = MakeUnresolvedFunction("+", {id, Int(1)});
  EXPECT_EQ(sum->ToSql(), "(id + 1)");
  auto alias = std::static_pointer_cast<const Alias>(MakeAlias(id, "x"));
  auto explain = alias->ToExplainString();
  EXPECT_EQ(explain, "id#3L AS x#" + std::to_string(alias->id) + "L");
}

TEST(ExpressionTextTest, CastsInsertedByTheAnalyzerAreInvisibleInNames) {
  auto id = MakeAttributeReference("id", 3, DataType::Long(), false);
  auto cast = std::make_shared<Cast>();
  cast->children = {id};
  cast->target = DataType::Integer();
  cast->type = DataType::Integer();
  EXPECT_EQ(cast->ToSql(), "CAST(id AS INT)");
  EXPECT_EQ(cast->ToExplainString(), "cast(id#3L as int)");
  cast->user_specified = false;
  EXPECT_EQ(cast->ToSql(), "id");
}

TEST(ExpressionTransformTest, TransformUpRewritesBottomUp) {
  auto expr = MakeUnresolvedFunction("+", {MakeUnresolvedAttribute({"a"}), Int(1)});
  auto result = TransformUp(expr, [](const ExprPtr& e) -> Result<ExprPtr> {
    if (e->kind == ExprKind::kUnresolvedAttribute) return Long(7);
    return e;
  });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)->ToSql(), "(7 + 1)");
  EXPECT_EQ(expr->ToSql(), "(a + 1)");  // the original is untouched
  int count = 0;
  ForEachNode(*result, [&](const Expression&) { ++count; });
  EXPECT_EQ(count, 3);
}

TEST(ExpressionIdTest, NewExprIdIsUnique) {
  ExprId a = NewExprId();
  ExprId b = NewExprId();
  EXPECT_LT(a, b);
}

}  // namespace
}  // namespace sparkling
