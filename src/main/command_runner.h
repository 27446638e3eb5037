#pragma once

#include "common/status.h"
#include "main/engine.h"

namespace sparkling {

/// Runs one command statement (SET, RESET, USE, SHOW ..., CREATE/DROP TEMP VIEW, CREATE/DROP
/// DATABASE, EXPLAIN, DESCRIBE, CACHE/UNCACHE/CLEAR CACHE) against the session and returns its
/// output rows under Spark's output schema for that command.
Result<StatementResult> RunCommandStatement(Engine& engine, Session& session,
                                            const PlanPtr& command,
                                            const QueryParameters& parameters);

}  // namespace sparkling
