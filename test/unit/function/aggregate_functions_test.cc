#include <gtest/gtest.h>

#include "function/cast.h"
#include "function_test_support.h"

namespace sparkling::testing {
namespace {

using Strings = std::vector<std::string>;

// Runs an aggregate over `values` split in two partitions merged together, with the given
// group of each row; returns each group's result as text.
Strings Aggregate(const std::string& name, const std::shared_ptr<arrow::Array>& values,
                  const DataTypePtr& type, const std::vector<uint32_t>& groups, uint32_t num_groups,
                  bool distinct = false) {
  auto call = Call(name, {Column("x", type)}, true, distinct);
  EXPECT_TRUE(call.ok()) << call.status().ToString();
  const auto& agg = (*call)->As<AggregateFunctionCall>();
  EvalOptions options;
  auto left = agg.function->MakeAccumulator(options);
  auto right = agg.function->MakeAccumulator(options);
  int64_t half = values->length() / 2;
  EXPECT_TRUE(
      left->Update({arrow::Datum(values->Slice(0, half))}, groups.data(), half, num_groups).ok());
  auto status = right->Update({arrow::Datum(values->Slice(half))}, groups.data() + half,
                              values->length() - half, num_groups);
  EXPECT_TRUE(status.ok()) << status.ToString();
  std::vector<uint32_t> identity(num_groups);
  for (uint32_t g = 0; g < num_groups; ++g) identity[g] = g;
  EXPECT_TRUE(left->Merge(*right, identity.data()).ok());
  auto result = left->Finish();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  auto text = CastDatum(arrow::Datum(*result), *(*call)->type, *DataType::String(), CastMode::kAnsi,
                        options);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  auto strings = std::static_pointer_cast<arrow::StringArray>(text->make_array());
  Strings out;
  for (int64_t i = 0; i < strings->length(); ++i) {
    out.push_back(strings->IsNull(i) ? "NULL" : std::string(strings->GetView(i)));
  }
  return out;
}

TEST(AggregateFunctions, CountSumAvgWithEmptyGroup) {
  auto values = Int32Array({1, 2, std::nullopt, 4, 4, 6});
  std::vector<uint32_t> groups = {0, 0, 0, 1, 1, 1};
  EXPECT_EQ(Aggregate("count", values, DataType::Integer(), groups, 3), (Strings{"2", "3", "0"}));
  EXPECT_EQ(Aggregate("sum", values, DataType::Integer(), groups, 3), (Strings{"3", "14", "NULL"}));
  EXPECT_EQ(Aggregate("avg", values, DataType::Integer(), groups, 3),
            (Strings{"1.5", "4.666666666666667", "NULL"}));
  EXPECT_EQ(Aggregate("count", values, DataType::Integer(), groups, 3, /*distinct=*/true),
            (Strings{"2", "2", "0"}));
  EXPECT_EQ(Aggregate("sum", values, DataType::Integer(), groups, 3, /*distinct=*/true),
            (Strings{"3", "10", "NULL"}));
}

TEST(AggregateFunctions, MinMaxFirstLastCollect) {
  auto values = StringArray({"b", "a", std::nullopt, "z", "y", "z"});
  std::vector<uint32_t> groups = {0, 0, 0, 1, 1, 1};
  EXPECT_EQ(Aggregate("min", values, DataType::String(), groups, 2), (Strings{"a", "y"}));
  EXPECT_EQ(Aggregate("max", values, DataType::String(), groups, 2), (Strings{"b", "z"}));
  EXPECT_EQ(Aggregate("first", values, DataType::String(), groups, 2), (Strings{"b", "z"}));
  EXPECT_EQ(Aggregate("last", values, DataType::String(), groups, 2), (Strings{"NULL", "z"}));
  EXPECT_EQ(Aggregate("collect_list", values, DataType::String(), groups, 3),
            (Strings{"[b, a]", "[z, y, z]", "[]"}));
  EXPECT_EQ(Aggregate("collect_set", values, DataType::String(), groups, 2),
            (Strings{"[b, a]", "[z, y]"}));
}

TEST(AggregateFunctions, DecimalSumAndAverageTypes) {
  auto sum = Call("sum", {Column("d", DataType::Decimal(10, 2))});
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ((*sum)->type->SimpleString(), "decimal(20,2)");
  EXPECT_EQ((*sum)->ToSql(), "sum(d)");
  auto avg = Call("avg", {Column("d", DataType::Decimal(10, 2))});
  ASSERT_TRUE(avg.ok());
  EXPECT_EQ((*avg)->type->SimpleString(), "decimal(14,6)");
  auto count = Call("count", {Column("d", DataType::Decimal(10, 2))}, true, true);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ((*count)->ToSql(), "count(DISTINCT d)");
  EXPECT_FALSE((*count)->nullable);
}

TEST(AggregateFunctions, VarianceAndBooleans) {
  auto values = DoubleArray({1, 2, 3, 4});
  std::vector<uint32_t> groups = {0, 0, 0, 0};
  EXPECT_EQ(Aggregate("var_pop", values, DataType::Double(), groups, 1), (Strings{"1.25"}));
  EXPECT_EQ(Aggregate("stddev", DoubleArray({5}), DataType::Double(), {0}, 1), (Strings{"NULL"}));
  EXPECT_EQ(Aggregate("bool_and", BoolArray({true, false, std::nullopt}), DataType::Boolean(),
                      {0, 0, 0}, 1),
            (Strings{"false"}));
  EXPECT_EQ(Aggregate("count_if", BoolArray({true, false, true, std::nullopt}), DataType::Boolean(),
                      {0, 0, 0, 0}, 1),
            (Strings{"2"}));
}

}  // namespace
}  // namespace sparkling::testing

namespace sparkling::testing {
namespace {

TEST(AggregateFunctions, PercentilesAndApproxDistinct) {
  auto values = DoubleArray({1, 2, 3, 4, std::nullopt, 10, 10});
  std::vector<uint32_t> groups = {0, 0, 0, 0, 0, 1, 1};
  EXPECT_EQ(Aggregate("median", values, DataType::Double(), groups, 2), (Strings{"2.5", "10.0"}));
  EXPECT_EQ(Aggregate("approx_count_distinct", values, DataType::Double(), groups, 2),
            (Strings{"4", "1"}));
}

}  // namespace
}  // namespace sparkling::testing
