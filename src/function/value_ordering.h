#pragma once

// Internal to src/function: Spark's ordering and equality of values stored in Arrow arrays
// (NaN equals NaN and sorts above every other number, -0.0 equals 0.0, strings and binary
// compare as unsigned bytes, arrays and structs lexicographically with NULL first).

#include <arrow/type_fwd.h>

#include <cstdint>
#include <string>

namespace sparkling {

/// Compares row i of `a` with row j of `b` (same Arrow type; NULL rows allowed: NULL is
/// smallest). Returns <0, 0 or >0.
int CompareValues(const arrow::Array& a, int64_t i, const arrow::Array& b, int64_t j);

/// A byte string that identifies a value for hashing and deduplication: equal values (by
/// CompareValues) give equal keys. Used by DISTINCT aggregates, collect_set, IN.
void AppendValueKey(const arrow::Array& array, int64_t i, std::string* key);

}  // namespace sparkling
