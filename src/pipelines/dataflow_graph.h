#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "plan/logical_plan.h"
#include "types/data_type.h"

namespace sparkling::pipelines {

/// What a pipeline output is (Spark's OutputType of DefineOutput).
enum class OutputType { kMaterializedView, kStreamingTable, kTemporaryView, kSink };

/// "materialized view", "streaming table", "temporary view", "sink" (for messages).
const char* OutputTypeName(OutputType type);

/// Where a definition came from: a Python decorator's file and line, or a SQL file's statement.
struct SourceLocation {
  std::string file_name;
  int line = 0;
};

/// A dataset of the graph. Tables (materialized views, streaming tables) are Iceberg tables;
/// temporary views exist only inside the run, inlined into their readers.
struct Output {
  /// Catalog, database, name for tables; one part for temporary views.
  std::vector<std::string> identifier;
  OutputType type = OutputType::kMaterializedView;
  std::optional<std::string> comment;
  std::vector<std::pair<std::string, std::string>> table_properties;
  std::vector<std::string> partition_columns;
  std::optional<std::string> format;
  std::optional<Schema> schema;  // user-specified
  SourceLocation origin;

  bool is_table() const {
    return type == OutputType::kMaterializedView || type == OutputType::kStreamingTable;
  }
};

/// A query writing into one output.
struct Flow {
  std::vector<std::string> identifier;  // qualified like tables; one part for temp-view flows
  std::vector<std::string> target;      // the output written (qualified)
  PlanPtr query;                        // unresolved IR of the user's relation or SQL query
  std::map<std::string, std::string> sql_conf;  // the graph's conf overlaid with the flow's
  bool once = false;
  /// Names read by the query are qualified with this catalog and database.
  std::string catalog;
  std::string database;
  SourceLocation origin;
};

/// `a.b.c` as Spark displays graph identifiers in events (unquoted).
std::string DisplayName(const std::vector<std::string>& identifier);

/// The dataflow graph a client registers before starting a run: outputs and flows as defined,
/// names already qualified with the graph's defaults. Definitions may arrive concurrently
/// (one client thread per file is allowed), so every member takes the graph's lock.
class DataflowGraph {
 public:
  DataflowGraph(std::string id, std::string default_catalog, std::string default_database,
                std::map<std::string, std::string> sql_conf);

  const std::string& id() const { return id_; }
  const std::string& default_catalog() const { return default_catalog_; }
  const std::string& default_database() const { return default_database_; }
  const std::map<std::string, std::string>& sql_conf() const { return sql_conf_; }

  /// Qualifies `name_parts` (1-3 parts) with `catalog` / `database` where missing.
  static Result<std::vector<std::string>> Qualify(const std::vector<std::string>& name_parts,
                                                  const std::string& catalog,
                                                  const std::string& database);

  /// Registers an output; its identifier is qualified here (temporary views must have one
  /// part) and returned.
  Result<std::vector<std::string>> DefineOutput(Output output);
  /// Registers a flow. `flow_name` empty or equal to the target: the output's implicit flow.
  /// Callers reject multi-part names of explicit flows (MULTIPART_FLOW_NAME_NOT_SUPPORTED)
  /// before qualifying them. Returns the qualified flow identifier.
  Result<std::vector<std::string>> DefineFlow(const std::vector<std::string>& flow_name,
                                              const std::vector<std::string>& target_name,
                                              Flow flow);

  /// A consistent copy of what is registered so far.
  std::vector<Output> outputs() const;
  std::vector<Flow> flows() const;

 private:
  const std::string id_;
  const std::string default_catalog_;
  const std::string default_database_;
  const std::map<std::string, std::string> sql_conf_;
  mutable std::mutex mutex_;
  std::vector<Output> outputs_;
  std::vector<Flow> flows_;
};

/// The dataflow graphs of all client sessions. Spark keeps them per session and drops them
/// with the session; a graph id of another session is unknown.
class DataflowGraphRegistry {
 public:
  std::shared_ptr<DataflowGraph> Create(const std::string& session_id,
                                        const std::string& default_catalog,
                                        const std::string& default_database,
                                        std::map<std::string, std::string> sql_conf);
  /// DATAFLOW_GRAPH_NOT_FOUND when unknown.
  Result<std::shared_ptr<DataflowGraph>> Find(const std::string& session_id,
                                              const std::string& id) const;
  void Drop(const std::string& session_id, const std::string& id);
  void RemoveSession(const std::string& session_id);

 private:
  mutable std::mutex mutex_;
  // (session id, graph id) → graph
  std::map<std::pair<std::string, std::string>, std::shared_ptr<DataflowGraph>> graphs_;
};

}  // namespace sparkling::pipelines
