#include "connect/arrow_encoding.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

namespace sparkling::connect {
namespace {

std::shared_ptr<arrow::RecordBatch> Ids(int64_t n) {
  arrow::Int64Builder ids;
  for (int64_t i = 0; i < n; ++i) EXPECT_TRUE(ids.Append(i).ok());
  auto schema = arrow::schema({arrow::field("id", arrow::int64(), false)});
  return arrow::RecordBatch::Make(schema, n, {ids.Finish().ValueOrDie()});
}

TEST(ArrowEncoding, BatchRoundTripsThroughAnIpcStream) {
  auto batch = Ids(5);
  auto bytes = SerializeIpcStream(*batch);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto table = ReadIpcStream(*bytes);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->num_rows(), 5);
  EXPECT_TRUE((*table)->schema()->Equals(*batch->schema()));
}

TEST(ArrowEncoding, EmptyResultsStillHoldOneRecordBatch) {
  auto schema = arrow::schema({arrow::field("a", arrow::utf8())});
  auto bytes = SerializeEmptyIpcStream(schema);
  ASSERT_TRUE(bytes.ok());
  auto table = ReadIpcStream(*bytes);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)->num_rows(), 0);
  EXPECT_EQ((*table)->num_columns(), 1);
}

TEST(ArrowEncoding, TablesWithoutChunksSerialiseOneEmptyBatch) {
  auto schema = arrow::schema({arrow::field("a", arrow::int32())});
  auto table = arrow::Table::MakeEmpty(schema).ValueOrDie();
  auto bytes = SerializeIpcStream(*table);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ((*ReadIpcStream(*bytes))->num_rows(), 0);
}

TEST(ArrowEncoding, SlicesRespectRowAndByteLimits) {
  auto batch = Ids(25000);
  auto slices = SliceForTransport(batch, ArrowBatchLimits{10000, 1 << 30});
  ASSERT_EQ(slices.size(), 3u);
  EXPECT_EQ(slices[0]->num_rows(), 10000);
  EXPECT_EQ(slices[2]->num_rows(), 5000);

  auto small = SliceForTransport(batch, ArrowBatchLimits{100000, 8 * 1000});
  int64_t total = 0;
  for (const auto& slice : small) {
    EXPECT_LE(slice->num_rows(), 1000);
    total += slice->num_rows();
  }
  EXPECT_EQ(total, 25000);
  EXPECT_EQ(SliceForTransport(Ids(0), {}).size(), 1u);
}

TEST(ArrowEncoding, WithSchemaRelabelsCompatibleBatches) {
  auto batch = Ids(3);
  auto nullable = arrow::schema({arrow::field("id", arrow::int64(), true)});
  auto relabelled = WithSchema(batch, nullable);
  ASSERT_TRUE(relabelled.ok());
  EXPECT_TRUE((*relabelled)->schema()->Equals(*nullable));

  auto wrong = arrow::schema({arrow::field("id", arrow::utf8())});
  EXPECT_FALSE(WithSchema(batch, wrong).ok());
}

TEST(ArrowEncoding, GarbageIsAnInvalidPlanError) {
  auto table = ReadIpcStream("not arrow at all");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().error().error_class, "CONNECT_INVALID_PLAN.CANNOT_PARSE");
}

}  // namespace
}  // namespace sparkling::connect
