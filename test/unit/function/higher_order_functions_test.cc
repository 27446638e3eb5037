// Higher-order functions (transform, filter, exists, forall, aggregate, zip_with, array_sort,
// map_filter, transform_keys, transform_values): results and column names checked against
// Spark 4.1; lambda bodies run through the test LambdaEvaluator, as the executor runs them.

#include <gtest/gtest.h>

#include "function_test_support.h"

namespace sparkling::testing {
namespace {

using Strings = std::vector<std::string>;

ExprPtr MustCall(const std::string& name, std::vector<ExprPtr> args) {
  auto call = Call(name, std::move(args));
  EXPECT_TRUE(call.ok()) << call.status().ToString();
  return call.ok() ? *call : nullptr;
}

ExprPtr IntArray(std::vector<ExprPtr> elements) { return MustCall("array", std::move(elements)); }

ExprPtr NullInt() {
  return MakeLiteral(arrow::MakeNullScalar(arrow::int32()), DataType::Integer());
}

// The rows of a call as strings, or "ERROR <class>".
Strings Rows(const std::string& name, std::vector<ExprPtr> args, const TestBatch& batch = {}) {
  auto out = EvaluateToStrings(name, std::move(args), batch);
  if (!out.ok()) return {"ERROR " + out.status().error().error_class};
  return *out;
}

// x -> x <op> literal over int elements.
ExprPtr IntLambda(const std::string& op, int32_t operand) {
  auto x = Variable("x", DataType::Integer());
  return MakeLambdaExpr(MustCall(op, {x, IntLiteral(operand)}), {x});
}

TEST(HigherOrderFunctions, TransformAndFilter) {
  EXPECT_EQ(Rows("transform", {IntArray({IntLiteral(1), IntLiteral(2)}), IntLambda("+", 1)}),
            Strings({"[2, 3]"}));
  auto x = Variable("x", DataType::Integer());
  auto i = Variable("i", DataType::Integer(), false);
  auto by_index = MakeLambdaExpr(MustCall(">", {i, IntLiteral(0)}), {x, i});
  EXPECT_EQ(Rows("filter", {IntArray({IntLiteral(1), IntLiteral(2), IntLiteral(3)}), by_index}),
            Strings({"[2, 3]"}));
  auto call = MustCall("transform", {IntArray({IntLiteral(1), IntLiteral(2)}), IntLambda("+", 1)});
  EXPECT_EQ(call->ToSql(),
            "transform(array(1, 2), lambdafunction((namedlambdavariable() + 1), "
            "namedlambdavariable()))");
  EXPECT_EQ(call->type->Sql(), "ARRAY<INT>");
}

TEST(HigherOrderFunctions, LambdaReadsOuterColumnsPerRow) {
  TestBatch batch;
  batch.num_rows = 2;
  batch.columns["c"] = Int32Array({10, 20});
  auto x = Variable("x", DataType::Integer());
  auto plus_c = MakeLambdaExpr(MustCall("+", {x, Column("c", DataType::Integer())}), {x});
  EXPECT_EQ(Rows("transform", {IntArray({IntLiteral(1), IntLiteral(2)}), plus_c}, batch),
            Strings({"[11, 12]", "[21, 22]"}));
}

TEST(HigherOrderFunctions, NestedLambdasSeeOuterVariables) {
  // transform(array(1, 2), x -> transform(array(10), y -> x + y))
  auto x = Variable("x", DataType::Integer());
  auto y = Variable("y", DataType::Integer());
  auto inner = MustCall("transform",
                        {IntArray({IntLiteral(10)}), MakeLambdaExpr(MustCall("+", {x, y}), {y})});
  EXPECT_EQ(
      Rows("transform", {IntArray({IntLiteral(1), IntLiteral(2)}), MakeLambdaExpr(inner, {x})}),
      Strings({"[[11], [12]]"}));
}

TEST(HigherOrderFunctions, ExistsAndForallUseThreeValuedLogic) {
  auto one_null = IntArray({IntLiteral(1), NullInt()});
  EXPECT_EQ(Rows("exists", {one_null, IntLambda(">", 1)}), Strings({"NULL"}));
  EXPECT_EQ(Rows("exists", {one_null, IntLambda(">", 0)}), Strings({"true"}));
  EXPECT_EQ(Rows("forall", {one_null, IntLambda(">", 0)}), Strings({"NULL"}));
  EXPECT_EQ(Rows("forall", {one_null, IntLambda(">", 5)}), Strings({"false"}));
  EXPECT_EQ(Rows("forall", {IntArray({IntLiteral(1), IntLiteral(2)}), IntLambda(">", 0)}),
            Strings({"true"}));
  EXPECT_EQ(Rows("exists", {IntArray({}), IntLambda(">", 0)}), Strings({"false"}));
}

TEST(HigherOrderFunctions, AggregateFoldsWithOptionalFinish) {
  auto array = IntArray({IntLiteral(1), IntLiteral(2), IntLiteral(3)});
  auto acc = Variable("acc", DataType::Integer());
  auto x = Variable("x", DataType::Integer());
  auto merge = MakeLambdaExpr(MustCall("+", {acc, x}), {acc, x});
  auto result = Variable("acc", DataType::Integer());
  auto finish = MakeLambdaExpr(MustCall("*", {result, IntLiteral(10)}), {result});
  EXPECT_EQ(Rows("aggregate", {array, IntLiteral(0), merge}), Strings({"6"}));
  EXPECT_EQ(Rows("aggregate", {array, IntLiteral(0), merge, finish}), Strings({"60"}));
  EXPECT_EQ(Rows("reduce", {IntArray({}), IntLiteral(7), merge}), Strings({"7"}));
  auto call = MustCall("reduce", {array, IntLiteral(0), merge});
  EXPECT_EQ(call->ToSql(),
            "reduce(array(1, 2, 3), 0, lambdafunction((namedlambdavariable() + "
            "namedlambdavariable()), namedlambdavariable(), namedlambdavariable()), "
            "lambdafunction(namedlambdavariable(), namedlambdavariable()))");
  // The merge must produce the accumulator's type.
  auto as_long = MakeLambdaExpr(MustCall("+", {acc, LongLiteral(1)}), {acc, x});
  auto wrong = Call("aggregate", {array, IntLiteral(0), as_long});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().error().error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(HigherOrderFunctions, ZipWithPadsTheShorterArray) {
  auto x = Variable("x", DataType::Integer());
  auto y = Variable("y", DataType::Integer());
  auto add = MakeLambdaExpr(MustCall("+", {x, y}), {x, y});
  EXPECT_EQ(
      Rows("zip_with", {IntArray({IntLiteral(1), IntLiteral(2)}), IntArray({IntLiteral(3)}), add}),
      Strings({"[4, null]"}));
}

TEST(HigherOrderFunctions, ArraySort) {
  auto a = Variable("a", DataType::Integer());
  auto b = Variable("b", DataType::Integer());
  auto descending = MakeLambdaExpr(MustCall("-", {b, a}), {a, b});
  auto array = IntArray({IntLiteral(3), IntLiteral(1), IntLiteral(2)});
  EXPECT_EQ(Rows("array_sort", {array, descending}), Strings({"[3, 2, 1]"}));
  EXPECT_EQ(Rows("array_sort", {IntArray({IntLiteral(3), NullInt(), IntLiteral(1)})}),
            Strings({"[1, 3, null]"}));
  EXPECT_EQ(MustCall("array_sort", {array, descending})->ToSql(),
            "array_sort(array(3, 1, 2), lambdafunction((namedlambdavariable() - "
            "namedlambdavariable()), namedlambdavariable(), namedlambdavariable()))");
}

TEST(HigherOrderFunctions, MapFunctions) {
  auto map = MustCall("map", {IntLiteral(1), IntLiteral(2), IntLiteral(3), IntLiteral(4)});
  auto k = Variable("k", DataType::Integer(), false);
  auto v = Variable("v", DataType::Integer());
  EXPECT_EQ(Rows("map_filter", {map, MakeLambdaExpr(MustCall(">", {k, IntLiteral(1)}), {k, v})}),
            Strings({"{3 -> 4}"}));
  EXPECT_EQ(
      Rows("transform_keys", {map, MakeLambdaExpr(MustCall("+", {k, IntLiteral(1)}), {k, v})}),
      Strings({"{2 -> 2, 4 -> 4}"}));
  EXPECT_EQ(
      Rows("transform_values", {map, MakeLambdaExpr(MustCall("*", {v, IntLiteral(2)}), {k, v})}),
      Strings({"{1 -> 4, 3 -> 8}"}));
  EXPECT_EQ(Rows("transform_keys", {map, MakeLambdaExpr(IntLiteral(0), {k, v})}),
            Strings({"ERROR DUPLICATED_MAP_KEY"}));
}

TEST(HigherOrderFunctions, RejectsNonLambdaAndNonBooleanPredicates) {
  auto array = IntArray({IntLiteral(1)});
  auto not_lambda = Call("transform", {array, IntLiteral(1)});
  ASSERT_FALSE(not_lambda.ok());
  EXPECT_EQ(not_lambda.status().error().error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  auto not_boolean = Call("filter", {array, IntLambda("+", 1)});
  ASSERT_FALSE(not_boolean.ok());
  EXPECT_EQ(not_boolean.status().error().error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(HigherOrderFunctions, NullArraysGiveNull) {
  TestBatch batch;
  batch.num_rows = 2;
  auto list_type = ToArrowType(*DataType::Array(DataType::Integer(), true), "UTC");
  auto offsets = Int32Array({0, 2, 2});
  auto values = Int32Array({1, 2});
  auto lists = arrow::ListArray::FromArrays(*offsets, *values);
  ASSERT_TRUE(lists.ok());
  // Row 1 is NULL.
  auto with_null =
      std::make_shared<arrow::ListArray>(list_type, 2, (*lists)->value_offsets(), values,
                                         arrow::AllocateEmptyBitmap(2).ValueOrDie(), 1);
  arrow::bit_util::SetBit(with_null->null_bitmap()->mutable_data(), 0);
  batch.columns["xs"] = with_null;
  auto xs = Column("xs", DataType::Array(DataType::Integer(), true));
  EXPECT_EQ(Rows("transform", {xs, IntLambda("+", 1)}, batch), Strings({"[2, 3]", "NULL"}));
  EXPECT_EQ(Rows("exists", {xs, IntLambda(">", 1)}, batch), Strings({"true", "NULL"}));
  auto acc = Variable("acc", DataType::Integer());
  auto x = Variable("x", DataType::Integer());
  auto merge = MakeLambdaExpr(MustCall("+", {acc, x}), {acc, x});
  EXPECT_EQ(Rows("aggregate", {xs, IntLiteral(0), merge}, batch), Strings({"3", "NULL"}));
}

}  // namespace
}  // namespace sparkling::testing

namespace sparkling::testing {
namespace {

TEST(HigherOrderFunctions, MapZipWithUnionsKeys) {
  auto left = MustCall("map", {IntLiteral(1), IntLiteral(10), IntLiteral(2), IntLiteral(20)});
  auto right = MustCall("map", {IntLiteral(2), IntLiteral(200), IntLiteral(3), IntLiteral(300)});
  auto k = Variable("k", DataType::Integer(), false);
  auto v1 = Variable("v1", DataType::Integer());
  auto v2 = Variable("v2", DataType::Integer());
  auto body = MustCall("coalesce", {MustCall("+", {v1, v2}), v1, v2});
  EXPECT_EQ(Rows("map_zip_with", {left, right, MakeLambdaExpr(body, {k, v1, v2})}),
            Strings({"{1 -> 10, 2 -> 220, 3 -> 300}"}));
}

}  // namespace
}  // namespace sparkling::testing
