#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "types/data_type.h"

namespace arrow {
class Array;
}

namespace sparkling {

/// Renders every value of `array` (typed as ToArrowType(type)) the way Spark's ToPrettyString
/// does for show(): NULL for nulls at any depth, doubles like Java ("1.0E10"), timestamps in
/// `time_zone`, binary as hex "[01 AB]", arrays "[1, 2]", maps "{a -> 1}", structs "{1, a}",
/// intervals "INTERVAL '1-2' YEAR TO MONTH".
Result<std::vector<std::string>> PrettyStrings(const arrow::Array& array, const DataType& type,
                                               const std::string& time_zone);

}  // namespace sparkling
