#include "connect/expression_translator.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "connect/relation_translator.h"
#include "spark/connect/expressions.pb.h"

namespace sparkling::connect {
namespace {

Result<ExprPtr> TranslateText(const std::string& text) {
  spark::connect::Expression proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return TranslateExpression(proto, TranslationContext{});
}

ExprPtr Translate(const std::string& text) {
  auto result = TranslateText(text);
  EXPECT_TRUE(result.ok()) << text << ": " << result.status().ToString();
  return result.ok() ? *result : nullptr;
}

TEST(ParseAttributeNameTest, DotsAndBackticks) {
  EXPECT_EQ(*ParseAttributeName("a.b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(*ParseAttributeName("`a.b`.c"), (std::vector<std::string>{"a.b", "c"}));
  EXPECT_EQ(*ParseAttributeName("my col-1"), (std::vector<std::string>{"my col-1"}));
  EXPECT_EQ(*ParseAttributeName("`a``b`"), (std::vector<std::string>{"a`b"}));
  EXPECT_EQ(*ParseAttributeName("``"), (std::vector<std::string>{""}));
  auto unbalanced = ParseAttributeName("`a");
  ASSERT_FALSE(unbalanced.ok());
  EXPECT_EQ(unbalanced.status().error().error_class, "INVALID_ATTRIBUTE_NAME_SYNTAX");
  EXPECT_FALSE(ParseAttributeName("a.").ok());
  EXPECT_FALSE(ParseAttributeName("`a`b").ok());
}

TEST(ExpressionTranslatorTest, AttributeKeepsPlanId) {
  auto expr = Translate(R"pb(unresolved_attribute { unparsed_identifier: "t.id" plan_id: 7 })pb");
  ASSERT_EQ(expr->kind, ExprKind::kUnresolvedAttribute);
  const auto& attribute = expr->As<UnresolvedAttribute>();
  EXPECT_EQ(attribute.name_parts, (std::vector<std::string>{"t", "id"}));
  EXPECT_EQ(attribute.plan_id, 7);
}

TEST(ExpressionTranslatorTest, OperatorsKeepSparkNames) {
  auto expr = Translate(R"pb(
    unresolved_function {
      function_name: "+"
      arguments { unresolved_attribute { unparsed_identifier: "a" } }
      arguments { literal { integer: 1 } }
    })pb");
  ASSERT_EQ(expr->kind, ExprKind::kUnresolvedFunction);
  EXPECT_EQ(expr->As<UnresolvedFunction>().name(), "+");
  ASSERT_EQ(expr->children.size(), 2u);
  EXPECT_EQ(expr->children[1]->kind, ExprKind::kLiteral);
}

TEST(ExpressionTranslatorTest, CountStarAndDistinct) {
  auto count = Translate(R"pb(
    unresolved_function {
      function_name: "count"
      arguments { unresolved_star {} }
    })pb");
  EXPECT_TRUE(count->As<UnresolvedFunction>().is_star_argument);
  EXPECT_TRUE(count->children.empty());
  auto distinct = Translate(R"pb(
    unresolved_function {
      function_name: "count"
      is_distinct: true
      arguments { unresolved_attribute { unparsed_identifier: "x" } }
    })pb");
  EXPECT_TRUE(distinct->As<UnresolvedFunction>().is_distinct);
}

TEST(ExpressionTranslatorTest, StarTargets) {
  auto bare = Translate("unresolved_star {}");
  EXPECT_TRUE(bare->As<UnresolvedStar>().target.empty());
  auto qualified = Translate(R"pb(unresolved_star { unparsed_target: "t.*" plan_id: 3 })pb");
  EXPECT_EQ(qualified->As<UnresolvedStar>().target, std::vector<std::string>{"t"});
  EXPECT_EQ(qualified->As<UnresolvedStar>().plan_id, 3);
  auto bad = TranslateText(R"pb(unresolved_star { unparsed_target: "t" })pb");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().error().kind, ErrorKind::kInvalidPlanInput);
}

TEST(ExpressionTranslatorTest, AliasCastAndSortOrder) {
  auto alias = Translate(R"pb(
    alias {
      expr { literal { integer: 1 } }
      name: "one"
      metadata: "{\"k\":1}"
    })pb");
  EXPECT_EQ(alias->As<Alias>().name(), "one");
  EXPECT_EQ(alias->As<Alias>().metadata_json, "{\"k\":1}");
  auto cast = Translate(R"pb(
    cast {
      expr { literal { string: "1" } }
      type { long {} }
      eval_mode: EVAL_MODE_TRY
    })pb");
  EXPECT_EQ(cast->As<Cast>().target->SimpleString(), "bigint");
  EXPECT_EQ(cast->As<Cast>().mode, CastMode::kTry);
  auto cast_str = Translate(R"pb(cast {
                                   expr { literal { string: "1" } }
                                   type_str: "int"
                                 })pb");
  EXPECT_EQ(cast_str->As<Cast>().target->SimpleString(), "int");
  EXPECT_EQ(cast_str->As<Cast>().mode, CastMode::kDefault);
  auto desc = Translate(R"pb(
    sort_order {
      child { unresolved_attribute { unparsed_identifier: "a" } }
      direction: SORT_DIRECTION_DESCENDING
    })pb");
  EXPECT_EQ(desc->As<SortOrder>().direction, SortDirection::kDescending);
  EXPECT_EQ(desc->As<SortOrder>().null_ordering, NullOrdering::kNullsLast);
}

TEST(ExpressionTranslatorTest, ExpressionStringIsParsed) {
  auto expr = Translate(R"pb(expression_string { expression: "a + 1" })pb");
  EXPECT_EQ(expr->kind, ExprKind::kUnresolvedFunction);
}

TEST(ExpressionTranslatorTest, LambdaAndExtractValue) {
  auto lambda = Translate(R"pb(
    lambda_function {
      function {
        unresolved_function {
          function_name: "+"
          arguments { unresolved_named_lambda_variable { name_parts: "x_1" } }
          arguments { literal { integer: 1 } }
        }
      }
      arguments { name_parts: "x_1" }
    })pb");
  ASSERT_EQ(lambda->kind, ExprKind::kLambda);
  EXPECT_EQ(lambda->As<Lambda>().arguments[0]->name, "x_1");
  auto extract = Translate(R"pb(
    unresolved_extract_value {
      child { unresolved_attribute { unparsed_identifier: "s" } }
      extraction { literal { string: "f" } }
    })pb");
  EXPECT_EQ(extract->kind, ExprKind::kUnresolvedExtractValue);
  EXPECT_EQ(extract->children.size(), 2u);
  auto call = Translate(R"pb(
    call_function {
      function_name: "my_db.my_fn"
      arguments { literal { integer: 1 } }
    })pb");
  EXPECT_EQ(call->As<UnresolvedFunction>().name_parts,
            (std::vector<std::string>{"my_db", "my_fn"}));
}

TEST(ExpressionTranslatorTest, UnsupportedAndMalformed) {
  auto window = TranslateText(R"pb(window { window_function { literal { integer: 1 } } })pb");
  ASSERT_FALSE(window.ok());
  EXPECT_EQ(window.status().error().error_class, "UNSUPPORTED_CONNECT_FEATURE");
  EXPECT_NE(window.status().message().find("window"), std::string::npos);
  auto empty = TranslateText("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().error().kind, ErrorKind::kInvalidPlanInput);
  EXPECT_FALSE(TranslateText("alias { name: \"x\" }").ok());
  EXPECT_FALSE(TranslateText("cast { expr { literal { integer: 1 } } }").ok());
}

}  // namespace
}  // namespace sparkling::connect
