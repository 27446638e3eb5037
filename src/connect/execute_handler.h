#pragma once

#include <memory>

#include "connect/execute_operation.h"
#include "connect/server_state.h"
#include "main/session.h"

namespace spark::connect {
class Plan;
}

namespace sparkling::connect {

/// Runs the plan of an ExecutePlan request on the calling thread (the operation's execution
/// thread) and pushes its responses into `operation`:
/// - a relation: the schema, ≥ 1 arrow_batch (cumulative start_offset), metrics;
/// - ShowString / HtmlString: one row with the formatted text; Catalog: its result rows;
/// - SqlCommand: sql_command_result (the SQL relation echoed for queries, the command's rows
///   as a LocalRelation for commands), metrics; other commands: nothing but completion;
/// then result_complete, or the error the stream ends with. Always finishes the operation.
void RunPlan(ServerState& state, const SessionPtr& session, const ExecuteOperationPtr& operation,
             const spark::connect::Plan& plan);

}  // namespace sparkling::connect
