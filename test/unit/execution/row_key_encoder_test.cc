#include "execution/row_key_encoder.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "plan_builders.h"
#include "types/array_conformance.h"

namespace sparkling {
namespace {

// Row order of `columns` under `orders`, by memcmp of the encoded keys.
std::vector<int64_t> SortedRows(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                                const std::vector<KeyOrder>& orders) {
  EncodedRows rows;
  EXPECT_TRUE(EncodeRowKeys(columns, orders, columns[0]->length(), &rows).ok());
  std::vector<int64_t> order(columns[0]->length());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return rows.row(a) < rows.row(b); });
  return order;
}

TEST(RowKeyEncoder, IntegersDatesAndDecimalsOrderNumerically) {
  arrow::Int32Builder ints;
  ASSERT_TRUE(ints.AppendValues({5, -7, 0, INT32_MIN, INT32_MAX}).ok());
  EXPECT_EQ(SortedRows({ints.Finish().ValueOrDie()}, {}), (std::vector<int64_t>{3, 1, 2, 0, 4}));

  arrow::Decimal128Builder decimals(arrow::decimal128(20, 2));
  for (const char* text : {"1.50", "-100.25", "0.00", "99999999.99", "-0.01"}) {
    ASSERT_TRUE(decimals.Append(arrow::Decimal128::FromString(text).ValueOrDie()).ok());
  }
  EXPECT_EQ(SortedRows({decimals.Finish().ValueOrDie()}, {}),
            (std::vector<int64_t>{1, 4, 2, 0, 3}));

  arrow::Date32Builder dates;
  ASSERT_TRUE(dates.AppendValues({19000, -5, 0}).ok());
  ASSERT_TRUE(dates.AppendNull().ok());
  // Descending, nulls last.
  EXPECT_EQ(SortedRows({dates.Finish().ValueOrDie()}, {{true, false}}),
            (std::vector<int64_t>{0, 2, 1, 3}));
}

TEST(RowKeyEncoder, ListsAndStructsCompareElementWise) {
  auto values = testing::Int64s({1, 2, 1, 1, std::nullopt});
  arrow::Int32Builder offset_builder;
  // [1, 2], [1], [], [1, null]
  ASSERT_TRUE(offset_builder.AppendValues({0, 2, 3, 3, 5}).ok());
  auto lists =
      arrow::ListArray::FromArrays(*offset_builder.Finish().ValueOrDie(), *values).ValueOrDie();
  EXPECT_EQ(SortedRows({std::static_pointer_cast<arrow::Array>(lists)}, {}),
            (std::vector<int64_t>{2, 1, 3, 0}));

  auto a = testing::Int64s({2, 1, 1});
  auto b = testing::Strings({"x", "y", "a"});
  auto structs =
      arrow::StructArray::Make(arrow::ArrayVector{a, b}, std::vector<std::string>{"a", "b"})
          .ValueOrDie();
  EXPECT_EQ(SortedRows({std::static_pointer_cast<arrow::Array>(structs)}, {}),
            (std::vector<int64_t>{2, 1, 0}));
}

TEST(RowKeyEncoder, EqualKeysAreEqualBytes) {
  auto strings = testing::Strings({std::string("a\0b", 3), "a", "a"});
  EncodedRows rows;
  ASSERT_TRUE(EncodeRowKeys({strings, testing::Int64s({1, 1, 1})}, {}, 3, &rows).ok());
  EXPECT_EQ(rows.row(1), rows.row(2));
  EXPECT_NE(rows.row(0), rows.row(1));
}

TEST(ArrayConformance, RelabelsTimestampZonesAndBroadcastsScalars) {
  arrow::TimestampBuilder builder(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"),
                                  arrow::default_memory_pool());
  ASSERT_TRUE(builder.Append(42).ok());
  auto utc = builder.Finish().ValueOrDie();
  auto target = arrow::timestamp(arrow::TimeUnit::MICRO, "Europe/Paris");
  auto conformed = ConformArray(utc, target, 1);
  ASSERT_TRUE(conformed.ok());
  EXPECT_TRUE((*conformed)->type()->Equals(*target));
  EXPECT_EQ(std::static_pointer_cast<arrow::TimestampArray>(*conformed)->Value(0), 42);

  auto broadcast =
      ConformArray(arrow::Datum(std::make_shared<arrow::Int64Scalar>(7)), arrow::int64(), 3);
  ASSERT_TRUE(broadcast.ok());
  EXPECT_EQ((*broadcast)->length(), 3);
}

}  // namespace
}  // namespace sparkling
