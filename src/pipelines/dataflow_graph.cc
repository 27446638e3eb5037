#include "pipelines/dataflow_graph.h"

#include "main/session.h"
#include "plan/identifier.h"

namespace sparkling::pipelines {

const char* OutputTypeName(OutputType type) {
  switch (type) {
    case OutputType::kMaterializedView:
      return "materialized view";
    case OutputType::kStreamingTable:
      return "streaming table";
    case OutputType::kTemporaryView:
      return "temporary view";
    case OutputType::kSink:
      return "sink";
  }
  return "output";
}

std::string DisplayName(const std::vector<std::string>& identifier) {
  std::string out;
  for (const auto& part : identifier) {
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

DataflowGraph::DataflowGraph(std::string id, std::string default_catalog,
                             std::string default_database,
                             std::map<std::string, std::string> sql_conf)
    : id_(std::move(id)),
      default_catalog_(std::move(default_catalog)),
      default_database_(std::move(default_database)),
      sql_conf_(std::move(sql_conf)) {}

Result<std::vector<std::string>> DataflowGraph::Qualify(const std::vector<std::string>& name_parts,
                                                        const std::string& catalog,
                                                        const std::string& database) {
  switch (name_parts.size()) {
    case 1:
      return std::vector<std::string>{catalog, database, name_parts[0]};
    case 2:
      return std::vector<std::string>{catalog, name_parts[0], name_parts[1]};
    case 3:
      return name_parts;
    default:
      return Status::NotImplemented("pipeline dataset names with " +
                                    std::to_string(name_parts.size()) + " parts (" +
                                    QuoteNameParts(name_parts) + ")");
  }
}

Result<std::vector<std::string>> DataflowGraph::DefineOutput(Output output) {
  if (output.identifier.empty()) {
    return Status::Error("_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
                         {{"message", "Output name must be specified."}});
  }
  if (output.type == OutputType::kTemporaryView) {
    if (output.identifier.size() != 1) {
      return Status::Error("_LEGACY_ERROR_PIPELINE_ANALYSIS",
                           {{"message", "Temporary view names must be single-part, got " +
                                            QuoteNameParts(output.identifier) + "."}});
    }
  } else {
    SPK_ASSIGN_OR_RAISE(output.identifier,
                        Qualify(output.identifier, default_catalog_, default_database_));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  outputs_.push_back(output);
  return output.identifier;
}

Result<std::vector<std::string>> DataflowGraph::DefineFlow(
    const std::vector<std::string>& flow_name, const std::vector<std::string>& target_name,
    Flow flow) {
  if (target_name.empty()) {
    return Status::Error("_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
                         {{"message", "Target dataset name must be specified."}});
  }
  bool implicit = flow_name.empty() || flow_name == target_name;
  // A single-part target naming a temporary view of the graph stays single-part.
  bool temporary_target = false;
  if (target_name.size() == 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& output : outputs_) {
      temporary_target |= output.type == OutputType::kTemporaryView &&
                          EqualsIgnoreCase(output.identifier[0], target_name[0]);
    }
  }
  if (temporary_target) {
    flow.target = target_name;
  } else {
    SPK_ASSIGN_OR_RAISE(flow.target, Qualify(target_name, default_catalog_, default_database_));
  }
  if (implicit) {
    flow.identifier = flow.target;
  } else {
    SPK_ASSIGN_OR_RAISE(flow.identifier, Qualify(flow_name, default_catalog_, default_database_));
  }
  std::map<std::string, std::string> conf = sql_conf_;
  for (const auto& [key, value] : flow.sql_conf) conf[key] = value;
  flow.sql_conf = std::move(conf);
  if (flow.catalog.empty()) flow.catalog = default_catalog_;
  if (flow.database.empty()) flow.database = default_database_;
  std::lock_guard<std::mutex> lock(mutex_);
  flows_.push_back(flow);
  return flow.identifier;
}

std::vector<Output> DataflowGraph::outputs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return outputs_;
}

std::vector<Flow> DataflowGraph::flows() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return flows_;
}

std::shared_ptr<DataflowGraph> DataflowGraphRegistry::Create(
    const std::string& session_id, const std::string& default_catalog,
    const std::string& default_database, std::map<std::string, std::string> sql_conf) {
  auto graph = std::make_shared<DataflowGraph>(NewUuid(), default_catalog, default_database,
                                               std::move(sql_conf));
  std::lock_guard<std::mutex> lock(mutex_);
  graphs_[{session_id, graph->id()}] = graph;
  return graph;
}

Result<std::shared_ptr<DataflowGraph>> DataflowGraphRegistry::Find(const std::string& session_id,
                                                                   const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = graphs_.find({session_id, id});
  if (it == graphs_.end()) return Status::Error("DATAFLOW_GRAPH_NOT_FOUND", {{"graphId", id}});
  return it->second;
}

void DataflowGraphRegistry::Drop(const std::string& session_id, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  graphs_.erase({session_id, id});
}

void DataflowGraphRegistry::RemoveSession(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = graphs_.begin(); it != graphs_.end();) {
    it = it->first.first == session_id ? graphs_.erase(it) : std::next(it);
  }
}

}  // namespace sparkling::pipelines
