#pragma once

#include <string>
#include <vector>

#include "common/cancellation.h"
#include "common/status.h"
#include "main/engine.h"
#include "pipelines/dataflow_graph.h"
#include "pipelines/graph_resolution.h"

namespace sparkling::pipelines {

/// StartRun's options.
struct RunOptions {
  bool dry = false;                       // resolve and validate only
  bool full_refresh_all = false;          // reset every table and checkpoint
  std::vector<std::string> full_refresh;  // datasets to reset (names as the user gave them)
  std::vector<std::string> refresh;       // datasets to refresh; none given: all
  std::string storage;                    // root of streaming checkpoints (file: URI)
};

/// Runs the graph as Spark's PipelineExecution does: resolve and validate; then create or reset
/// the selected tables, queue their flows, and run every flow once its upstream flows are done
/// (independent flows concurrently, up to spark.sql.pipelines.execution.maxConcurrentFlows),
/// retrying a failed flow spark.sql.pipelines.maxFlowRetryAttempts times with exponential
/// back-off. Materialized views are recomputed and replace their table's rows in one commit;
/// streaming flows append what their sources gained since the checkpoint. Events go to
/// `events` in Spark's wording, ending with "Run is COMPLETED."; a failed run returns the
/// error that failed it (after its flow events) and sends no run event.
Status RunPipeline(Engine& engine, const Session& client, const DataflowGraph& graph,
                   const RunOptions& options, const PipelineEventSink& events,
                   const CancellationTokenPtr& cancellation);

}  // namespace sparkling::pipelines
