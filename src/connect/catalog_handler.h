#pragma once

#include <memory>

#include "common/status.h"
#include "main/engine.h"
#include "main/session.h"
#include "types/data_type.h"

namespace arrow {
class Table;
}
namespace spark::connect {
class Catalog;
}

namespace sparkling::connect {

/// A small result computed without the executor: its rows and their Spark schema.
struct LocalResult {
  std::shared_ptr<arrow::Table> table;
  Schema schema;
};

/// Runs a Catalog relation (spark.catalog.*) and returns its rows in the column layout pyspark
/// reads by position: listTables → name, catalog, namespace, description, tableType,
/// isTemporary; listColumns → name, description, dataType, nullable, isPartition, isBucket,
/// isCluster; currentDatabase / exists-checks → one `value` column; setters → no columns.
Result<LocalResult> RunCatalogOperation(Engine& engine, Session& session,
                                        const spark::connect::Catalog& catalog);

}  // namespace sparkling::connect
