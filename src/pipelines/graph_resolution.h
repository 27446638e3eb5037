#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "main/engine.h"
#include "pipelines/dataflow_graph.h"

namespace sparkling::pipelines {

/// One event of a run as the client prints it ("Flow a.b.c is QUEUED."). Spark only sends the
/// timestamp and the message over the wire; a failure's error text is part of the message.
struct PipelineEvent {
  std::chrono::system_clock::time_point timestamp;
  std::string message;
};
using PipelineEventSink = std::function<void(PipelineEvent)>;

/// A message with the "\nError: ..." suffix Spark appends to events carrying an error.
std::string WithError(std::string message, const Status& error);

/// Lower-case display name: how graph elements are looked up (catalog names ignore case).
std::string GraphKey(const std::vector<std::string>& identifier);

/// A flow of a resolved graph with what its query reads.
struct ResolvedFlow {
  Flow flow;
  std::string key;         // GraphKey(flow.identifier)
  std::string target_key;  // GraphKey(flow.target)
  /// Graph datasets read (tables and temporary views), by key; views are not looked through.
  std::vector<std::string> inputs;
  bool streaming = false;  // reads a streaming relation (readStream, STREAM t)
  Schema schema;           // the query's output schema
};

/// The graph after resolution and validation: flows in dependency order, table schemas known.
struct ResolvedGraph {
  std::map<std::string, Output> outputs;        // by key
  std::vector<ResolvedFlow> flows;              // topological order: inputs before readers
  std::map<std::string, Schema> table_schemas;  // by key: specified, else inferred

  const ResolvedFlow* FindFlow(const std::string& key) const;
  /// The flows writing `target_key`, in graph order.
  std::vector<const ResolvedFlow*> FlowsInto(const std::string& target_key) const;
};

/// How a flow's reads of graph datasets and files become plans: resolution binds them to
/// empty relations of the inferred schemas, execution to the tables and new files.
struct InputBinder {
  /// A read of a table of the graph (`streaming` for readStream / STREAM).
  std::function<Result<PlanPtr>(const Output& table, const Schema& schema, bool streaming)> table;
  /// spark.read[Stream].format(...).load(...).
  std::function<Result<PlanPtr>(const DataSourceRead& read)> file_source;
};

/// The flow's query with every read of a graph dataset or file bound by `binder`; temporary
/// views of the graph are inlined (their own reads bound the same way).
Result<PlanPtr> BindFlowInputs(const ResolvedGraph& graph, const ResolvedFlow& flow,
                               const InputBinder& binder);

/// The Spark schema a file read declares (DDL or JSON text); files need one to be streamed.
Result<Schema> DeclaredFileSchema(const DataSourceRead& read);

/// A session for analysing and running one flow: the client session's conf with the flow's
/// sql_conf on top, the flow's catalog and database current.
std::shared_ptr<Session> FlowSession(const Session& client, const Flow& flow);

/// Builds the graph (duplicate identifiers, empty pipelines), orders flows by their inputs
/// (cycles), resolves every flow in that order to infer table schemas, and validates it as
/// Spark does. Flows failing to resolve are reported through `events` ("Failed to resolve
/// flow: 'x'." with the error) before the run fails with Spark's summary message.
Result<ResolvedGraph> ResolveGraph(Engine& engine, const Session& client,
                                   const DataflowGraph& graph, const PipelineEventSink& events);

}  // namespace sparkling::pipelines
