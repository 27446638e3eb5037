#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace arrow {
class Array;
}

namespace sparkling {

/// How one key column orders: Spark's SortOrder direction and null ordering.
struct KeyOrder {
  bool descending = false;
  bool nulls_first = true;
};

/// Row keys of a batch, one contiguous byte string per row.
struct EncodedRows {
  std::vector<uint8_t> bytes;
  std::vector<int64_t> offsets;  // num_rows + 1 entries

  int64_t num_rows() const { return static_cast<int64_t>(offsets.size()) - 1; }
  std::string_view row(int64_t i) const {
    return {reinterpret_cast<const char*>(bytes.data()) + offsets[i],
            static_cast<size_t>(offsets[i + 1] - offsets[i])};
  }
};

/// Encodes several columns row by row into byte strings such that
///  - byte equality is Spark's grouping/join equality: nulls equal each other, all NaNs are
///    equal, -0.0 equals 0.0, strings compare by bytes;
///  - memcmp order is Spark's ordering for the given KeyOrders (NaN above every number,
///    strings by UTF-8 bytes, per-column direction and null placement).
/// One encoding serves sort, hash aggregation, joins, distinct and set operations.
/// `orders` may be empty (ascending, nulls first for every column).
Status EncodeRowKeys(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                     const std::vector<KeyOrder>& orders, int64_t num_rows, EncodedRows* out);

}  // namespace sparkling
