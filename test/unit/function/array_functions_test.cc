// Array functions: array_position, array_remove, slice, flatten, sequence (expected values
// from Spark 4.1).

#include <gtest/gtest.h>

#include "function_test_support.h"

namespace sparkling::testing {
namespace {

ExprPtr MustCall(const std::string& name, std::vector<ExprPtr> args) {
  auto call = Call(name, std::move(args));
  EXPECT_TRUE(call.ok()) << call.status().ToString();
  return call.ok() ? *call : nullptr;
}

std::string Eval(const std::string& name, std::vector<ExprPtr> args) {
  auto out = EvaluateToStrings(name, std::move(args));
  if (!out.ok()) return "ERROR " + out.status().error().error_class;
  return out->front();
}

ExprPtr Ints(std::vector<int> values) {
  std::vector<ExprPtr> elements;
  for (int v : values) elements.push_back(IntLiteral(v));
  return MustCall("array", std::move(elements));
}

TEST(ArrayFunctions, PositionRemoveSliceFlattenSequence) {
  EXPECT_EQ(Eval("array_position", {Ints({3, 2, 1}), IntLiteral(1)}), "3");
  EXPECT_EQ(Eval("array_position", {Ints({3, 2, 1}), IntLiteral(5)}), "0");
  EXPECT_EQ(MustCall("array_position", {Ints({1}), IntLiteral(1)})->type->Sql(), "BIGINT");
  EXPECT_EQ(Eval("array_remove", {Ints({1, 2, 1}), IntLiteral(1)}), "[2]");
  EXPECT_EQ(Eval("slice", {Ints({1, 2, 3, 4}), IntLiteral(2), IntLiteral(2)}), "[2, 3]");
  EXPECT_EQ(Eval("slice", {Ints({1, 2, 3, 4}), IntLiteral(-2), IntLiteral(2)}), "[3, 4]");
  EXPECT_EQ(Eval("slice", {Ints({1, 2, 3, 4}), IntLiteral(5), IntLiteral(2)}), "[]");
  EXPECT_EQ(Eval("slice", {Ints({1, 2}), IntLiteral(0), IntLiteral(1)}),
            "ERROR INVALID_PARAMETER_VALUE.START");
  EXPECT_EQ(Eval("slice", {Ints({1, 2}), IntLiteral(1), IntLiteral(-1)}),
            "ERROR INVALID_PARAMETER_VALUE.LENGTH");
  EXPECT_EQ(Eval("flatten", {MustCall("array", {Ints({1}), Ints({2, 3})})}), "[1, 2, 3]");
  EXPECT_EQ(Eval("sequence", {IntLiteral(1), IntLiteral(5)}), "[1, 2, 3, 4, 5]");
  EXPECT_EQ(Eval("sequence", {IntLiteral(5), IntLiteral(1)}), "[5, 4, 3, 2, 1]");
  EXPECT_EQ(Eval("sequence", {IntLiteral(1), IntLiteral(10), IntLiteral(3)}), "[1, 4, 7, 10]");
  EXPECT_EQ(MustCall("sequence", {IntLiteral(1), IntLiteral(5)})->type->Sql(), "ARRAY<INT>");
  EXPECT_EQ(MustCall("sequence", {LongLiteral(1), LongLiteral(3)})->ToSql(), "sequence(1, 3)");
}

}  // namespace
}  // namespace sparkling::testing
