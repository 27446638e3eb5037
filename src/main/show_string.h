#pragma once

#include <string>

#include "common/status.h"
#include "types/data_type.h"

namespace arrow {
class Table;
}

namespace sparkling {

/// Options of Dataset.showString / htmlString.
struct ShowOptions {
  int num_rows = 20;  // rows to print (Spark clamps negatives to 0)
  int truncate = 20;  // 0: no truncation; > 0: cells longer than this are cut
  bool vertical = false;
  std::string time_zone = "UTC";  // session time zone, for timestamps
};

/// Spark's Dataset.showString(numRows, truncate, vertical): the text df.show() prints.
/// `table` holds the first rows of the result, up to num_rows + 1 of them: an extra row makes
/// the "only showing top N rows" footer appear, as in Spark (which fetches numRows + 1).
Result<std::string> ShowString(const arrow::Table& table, const Schema& schema,
                               const ShowOptions& options);

/// Spark's Dataset.htmlString (the notebook _repr_html_ table), same row convention.
Result<std::string> HtmlString(const arrow::Table& table, const Schema& schema,
                               const ShowOptions& options);

}  // namespace sparkling
