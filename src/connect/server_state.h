#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "connect/arrow_encoding.h"
#include "connect/artifact_manager.h"
#include "connect/error_store.h"
#include "connect/execute_operation.h"
#include "connect/operation_registry.h"
#include "main/engine.h"
#include "main/session_manager.h"
#include "pipelines/dataflow_graph.h"

namespace sparkling::connect {

/// The Spark version reported to clients (AnalyzePlan spark_version).
constexpr const char* kSparkVersion = "4.1.1";

/// Limits of the Connect service, named after Spark's configuration keys where Spark has them.
struct ConnectLimits {
  /// spark.connect.grpc.maxInboundMessageSize: the largest request (inline LocalRelation data).
  size_t max_inbound_message_bytes = 128 * 1024 * 1024 + 16 * 1024;
  /// Largest plan a compressed operation may decompress to.
  size_t max_plan_bytes = 512 * 1024 * 1024;
  ArrowBatchLimits arrow_batches;
  ResponseBufferLimits response_buffer;
  /// spark.connect.progress.reportInterval: execution_progress while a query is silent.
  std::chrono::milliseconds progress_interval{1000};
};

/// Everything the RPC handlers share: the engine, the sessions and the Connect-side state kept
/// per session (operations, artifacts, recent errors, declarative pipelines' graphs).
struct ServerState {
  explicit ServerState(ConnectLimits connect_limits = {}, OperationRetention retention = {})
      : operations(retention), limits(connect_limits) {}

  Engine engine;
  SessionManager sessions;
  OperationRegistry operations;
  ArtifactManager artifacts;
  ErrorStore errors;
  pipelines::DataflowGraphRegistry dataflow_graphs;
  ConnectLimits limits;
};

}  // namespace sparkling::connect
