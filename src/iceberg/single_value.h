#pragma once

// The spec's single-value binary serialization (Appendix D), used for column bounds in
// manifests and partition summaries in manifest lists.

#include <memory>
#include <string>

#include "common/status.h"
#include "iceberg/iceberg_schema.h"

namespace arrow {
class Scalar;
}

namespace sparkling::iceberg {

/// Encodes a non-null value of an Iceberg primitive type (the scalar's Arrow type as
/// ToArrowSchema / PartitionArrowType produce it; int8/int16 widen to int).
Result<std::string> ToSingleValue(const arrow::Scalar& value, const IcebergType& type);

/// Decodes a value of an Iceberg primitive type into the Arrow scalar of ToArrowSchema's type.
Result<std::shared_ptr<arrow::Scalar>> FromSingleValue(const std::string& bytes,
                                                       const IcebergType& type);

}  // namespace sparkling::iceberg
