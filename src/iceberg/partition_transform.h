#pragma once

// Iceberg partition transforms (identity, bucket[N], truncate[W], year, month, day, hour,
// void) over Arrow arrays, with the spec's Murmur3 hashing for buckets.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "iceberg/iceberg_schema.h"

namespace arrow {
class Array;
class DataType;
class Scalar;
}  // namespace arrow

namespace sparkling::iceberg {

struct Transform {
  enum class Kind { kIdentity, kBucket, kTruncate, kYear, kMonth, kDay, kHour, kVoid, kUnknown };
  Kind kind = Kind::kIdentity;
  int param = 0;     // N of bucket[N], W of truncate[W]
  std::string text;  // as written in metadata, kept for unknown transforms

  /// The metadata form: "identity", "bucket[16]", "truncate[4]", "day", ...
  std::string ToString() const;
  /// Whether the order of results follows the order of source values (identity, truncate,
  /// year, month, day, hour): pruning by bounds is then possible.
  bool PreservesOrder() const;
};

/// Parses a transform name; unknown names give Kind::kUnknown (readers must ignore them).
Transform ParseTransform(std::string_view text);

/// The Iceberg result type of a transform on a source type (bucket: int; year/month/hour:
/// int; day: date; identity/truncate: the source type). UNSUPPORTED for invalid pairs
/// (bucket on float, day on string, ...).
Result<IcebergTypePtr> TransformResultType(const Transform& transform, const IcebergType& source);

/// The Arrow type partition values of this result type use (int32, date32, the source's).
std::shared_ptr<arrow::DataType> PartitionArrowType(const IcebergType& result_type);

/// Applies a transform to a column as the engine holds it (Arrow types of ToArrowSchema, or
/// the engine's own: int8/int16/int32/int64, float, double, decimal128, utf8/large_utf8,
/// binary, date32, timestamp[us] with or without zone). Nulls map to nulls.
Result<std::shared_ptr<arrow::Array>> ApplyTransform(const Transform& transform,
                                                     const std::shared_ptr<arrow::Array>& values);

/// Murmur3 x86 32-bit, seed 0, of the bytes (the spec's bucket hash).
int32_t Murmur3Hash32(std::string_view bytes);

/// The value's form in partition paths and Spark's output: "2020-01-01" for day, "2020-01"
/// for month, "2020" for year, "2020-01-01-10" for hour, the value itself otherwise; "null".
std::string PartitionValueToString(const Transform& transform, const arrow::Scalar& value);

}  // namespace sparkling::iceberg
