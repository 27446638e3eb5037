#pragma once

// The spec's single-value binary serialization (Appendix D), used for column bounds in
// manifests and partition summaries in manifest lists.

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "iceberg/iceberg_schema.h"

namespace arrow {
class Decimal128;
class Scalar;
}  // namespace arrow

namespace sparkling::iceberg {

/// Encodes a non-null value of an Iceberg primitive type (the scalar's Arrow type as
/// ToArrowSchema / PartitionArrowType produce it; int8/int16 widen to int).
Result<std::string> ToSingleValue(const arrow::Scalar& value, const IcebergType& type);

/// Decodes a value of an Iceberg primitive type into the Arrow scalar of ToArrowSchema's type.
Result<std::shared_ptr<arrow::Scalar>> FromSingleValue(const std::string& bytes,
                                                       const IcebergType& type);

/// A decimal's unscaled value as Java's BigInteger.toByteArray writes it: minimal big-endian
/// two's complement. The decimal form of bounds, and the bytes bucket[N] hashes.
std::string DecimalToMinimalBytes(const arrow::Decimal128& unscaled);
/// Big-endian two's complement of 1 to 16 bytes (sign-extended) as a Decimal128.
Result<arrow::Decimal128> DecimalFromBigEndian(std::string_view bytes);

}  // namespace sparkling::iceberg
