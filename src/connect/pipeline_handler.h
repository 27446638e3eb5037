#pragma once

#include <functional>

#include "common/cancellation.h"
#include "common/status.h"
#include "connect/relation_translator.h"
#include "connect/server_state.h"
#include "main/session.h"

namespace spark::connect {
class ExecutePlanResponse;
class PipelineCommand;
}  // namespace spark::connect

namespace sparkling::connect {

/// Runs a PipelineCommand of Spark Declarative Pipelines (what `spark-pipelines run` sends):
/// creates and drops dataflow graphs of the session, registers outputs, flows (their relation
/// translated, not analysed) and SQL files, and runs the graph. Each command answers one
/// pipeline_command_result; StartRun first streams a pipeline_event_result per event, and a
/// failed run ends with its error instead. `send` pushes one response to the client.
Status RunPipelineCommand(ServerState& state, const SessionPtr& session,
                          const CancellationTokenPtr& cancellation,
                          const spark::connect::PipelineCommand& command,
                          const TranslationContext& context,
                          const std::function<Status(spark::connect::ExecutePlanResponse)>& send);

}  // namespace sparkling::connect
