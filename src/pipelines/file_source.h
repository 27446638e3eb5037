#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "main/engine.h"
#include "plan/logical_plan.h"

namespace sparkling::pipelines {

/// A local path from a `file:` URI or a plain absolute path; other schemes are unsupported.
Result<std::string> LocalPathOf(const std::string& uri);

/// The data files of a file source: each path that is a file, and the visible files directly
/// inside each path that is a directory (names starting with `_` or `.` are Spark's metadata
/// and are skipped), sorted. PATH_NOT_FOUND for a missing path.
Result<std::vector<std::string>> ListSourceFiles(const DataSourceRead& read);

/// The rows of `files` read as `read.format` (csv, json, parquet) with `schema`, as a plan of
/// in-memory rows. Values are converted the way Spark's file sources do: with mode PERMISSIVE
/// (the default) a value that does not fit its column is NULL, DROPMALFORMED drops the row,
/// FAILFAST fails with MALFORMED_RECORD_IN_PARSING naming the value and column.
Result<PlanPtr> ReadSourceFiles(Engine& engine, Session& session, const DataSourceRead& read,
                                const Schema& schema, const std::vector<std::string>& files);

}  // namespace sparkling::pipelines
