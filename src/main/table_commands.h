#pragma once

#include "common/status.h"
#include "main/engine.h"

namespace sparkling {

/// Whether a command acts on catalog tables or persistent views (CREATE TABLE, INSERT,
/// DELETE, UPDATE, MERGE, ALTER, DROP TABLE, TRUNCATE, SHOW / DESCRIBE of tables, CALL, ...).
bool IsTableCommand(const Command& command);

/// Runs a table command against the Iceberg catalog behind the named table's catalog: writes
/// data files, commits snapshots, changes metadata, and answers the metadata queries in
/// Spark's output layout.
Result<StatementResult> RunTableCommand(Engine& engine, Session& session, const Command& command,
                                        const QueryParameters& parameters);

}  // namespace sparkling
