#include "connect/plan_decoding.h"

#include <gtest/gtest.h>
#include <spark/connect/base.pb.h>
#include <zstd.h>

namespace sparkling::connect {
namespace {

using spark::connect::Plan;

std::string Compress(const std::string& bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  size_t size = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  out.resize(size);
  return out;
}

Plan CompressedRange(int64_t end) {
  spark::connect::Relation relation;
  relation.mutable_range()->set_end(end);
  Plan plan;
  auto* compressed = plan.mutable_compressed_operation();
  compressed->set_data(Compress(relation.SerializeAsString()));
  compressed->set_op_type(Plan::CompressedOperation::OP_TYPE_RELATION);
  compressed->set_compression_codec(spark::connect::COMPRESSION_CODEC_ZSTD);
  return plan;
}

TEST(PlanDecoding, PlainRootsAndCommandsPassThrough) {
  Plan plan;
  plan.mutable_root()->mutable_range()->set_end(5);
  auto decoded = DecodePlan(plan, 1 << 20);
  ASSERT_TRUE(decoded.ok());
  ASSERT_NE(decoded->relation, nullptr);
  EXPECT_EQ(decoded->relation->range().end(), 5);
  EXPECT_EQ(decoded->command, nullptr);

  Plan command;
  command.mutable_command()->mutable_sql_command()->mutable_input()->mutable_sql()->set_query("x");
  decoded = DecodePlan(command, 1 << 20);
  ASSERT_TRUE(decoded.ok());
  ASSERT_NE(decoded->command, nullptr);
}

TEST(PlanDecoding, CompressedOperationsAreDecompressed) {
  auto decoded = DecodePlan(CompressedRange(42), 1 << 20);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->relation->range().end(), 42);
}

TEST(PlanDecoding, CorruptOrOversizedCompressedPlansAreRejected) {
  Plan corrupt = CompressedRange(1);
  corrupt.mutable_compressed_operation()->set_data("not zstd");
  auto decoded = DecodePlan(corrupt, 1 << 20);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().error().error_class, "CONNECT_INVALID_PLAN.CANNOT_PARSE");

  auto too_big = DecodePlan(CompressedRange(1), 2);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().error().error_class, "CONNECT_INVALID_PLAN.PLAN_SIZE_LARGER_THAN_MAX");
}

TEST(PlanDecoding, EmptyPlansAndUnknownFieldsAreInvalidInput) {
  auto empty = DecodePlan(Plan(), 1 << 20);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().error().kind, ErrorKind::kInvalidPlanInput);

  // Field 127 does not exist in Range: what a newer client could send.
  spark::connect::Range known;
  known.set_end(3);
  spark::connect::Range range;
  ASSERT_TRUE(range.ParseFromString(known.SerializeAsString() + "\xf8\x07\x01"));
  Plan plan;
  *plan.mutable_root()->mutable_range() = range;
  auto unknown = DecodePlan(plan, 1 << 20);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().error().kind, ErrorKind::kInvalidPlanInput);
  EXPECT_NE(unknown.status().message().find("127"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("Relation.range"), std::string::npos);
}

}  // namespace
}  // namespace sparkling::connect
