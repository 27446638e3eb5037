// The subscript functions the analyzer emits for s.a, a[i] and m[k]: names, types and values
// as Spark 4.1 gives them.

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

std::string Eval(const std::string& name, std::vector<ExprPtr> args, bool ansi = true) {
  EvalOptions options;
  options.ansi = ansi;
  auto out = EvaluateToStrings(name, std::move(args), {}, ansi, options);
  if (!out.ok()) return "ERROR " + out.status().error().error_class;
  return out->front();
}

TEST(ExtractValueFunctions, StructField) {
  auto named = MustCall(
      "named_struct", {StringLiteral("a"), IntLiteral(1), StringLiteral("b"), StringLiteral("x")});
  auto field = MustCall("get_struct_field", {named, StringLiteral("b")});
  EXPECT_EQ(field->ToSql(), "named_struct(a, 1, b, x).b");
  EXPECT_EQ(field->type->Sql(), "STRING");
  EXPECT_EQ(Eval("get_struct_field", {named, StringLiteral("a")}), "1");
  auto s = Column("s", DataType::Struct({StructField{"a", DataType::Integer(), false}}), false);
  EXPECT_EQ(MustCall("get_struct_field", {s, StringLiteral("a")})->ToSql(), "s.a");
  EXPECT_FALSE(MustCall("get_struct_field", {s, StringLiteral("a")})->nullable);

  // A NULL struct gives a NULL field.
  TestBatch batch;
  batch.num_rows = 2;
  auto values = Int32Array({7, 8});
  auto bitmap = arrow::AllocateEmptyBitmap(2).ValueOrDie();
  arrow::bit_util::SetBit(bitmap->mutable_data(), 1);
  batch.columns["t"] = std::make_shared<arrow::StructArray>(
      arrow::struct_({arrow::field("a", arrow::int32())}), 2,
      std::vector<std::shared_ptr<arrow::Array>>{values}, bitmap, 1);
  auto t = Column("t", DataType::Struct({StructField{"a", DataType::Integer(), false}}));
  auto out = EvaluateToStrings("get_struct_field", {t, StringLiteral("a")}, batch);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, Strings({"NULL", "8"}));
}

TEST(ExtractValueFunctions, ArrayItem) {
  auto array = MustCall("array", {IntLiteral(1), IntLiteral(2)});
  EXPECT_EQ(MustCall("get_array_item", {array, IntLiteral(0)})->ToSql(), "array(1, 2)[0]");
  EXPECT_EQ(Eval("get_array_item", {array, IntLiteral(1)}), "2");
  EXPECT_EQ(Eval("get_array_item", {array, LongLiteral(0)}), "1");
  EXPECT_EQ(Eval("get_array_item", {array, IntLiteral(5)}), "ERROR INVALID_ARRAY_INDEX");
  EXPECT_EQ(Eval("get_array_item", {array, IntLiteral(5)}, false), "NULL");
  EXPECT_EQ(Eval("get_array_item", {array, IntLiteral(-1)}, false), "NULL");
}

TEST(ExtractValueFunctions, MapValue) {
  auto map = MustCall("map", {StringLiteral("k"), IntLiteral(1)});
  EXPECT_EQ(MustCall("get_map_value", {map, StringLiteral("k")})->ToSql(), "map(k, 1)[k]");
  EXPECT_EQ(Eval("get_map_value", {map, StringLiteral("k")}), "1");
  EXPECT_EQ(Eval("get_map_value", {map, StringLiteral("z")}), "NULL");
  auto wrong = Call("get_map_value", {IntLiteral(1), IntLiteral(1)});
  ASSERT_FALSE(wrong.ok());
}

}  // namespace
}  // namespace sparkling::testing
