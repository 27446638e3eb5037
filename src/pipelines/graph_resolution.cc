#include "pipelines/graph_resolution.h"

#include <arrow/api.h>

#include <algorithm>
#include <set>

#include "catalog/session_catalog.h"
#include "optimizer/plan_traversal.h"
#include "parser/sql_parser.h"
#include "plan/identifier.h"

namespace sparkling::pipelines {
namespace {

Status AnalysisError(std::string message) {
  return Status::Error("_LEGACY_ERROR_PIPELINE_ANALYSIS", {{"message", std::move(message)}});
}

// Every plan node of `plan`: children, CTE definitions and subquery plans included.
void VisitPlans(const PlanPtr& plan, const std::function<void(const LogicalPlan&)>& visit) {
  if (plan == nullptr) return;
  visit(*plan);
  for (const auto& child : plan->children) VisitPlans(child, visit);
  if (plan->kind == PlanKind::kWithCte) {
    for (const auto& definition : plan->As<WithCte>().definitions) {
      VisitPlans(definition.plan, visit);
    }
  }
  if (plan->kind == PlanKind::kCommand && plan->As<Command>().query != nullptr) {
    VisitPlans(plan->As<Command>().query, visit);
  }
  for (const auto& expression : NodeExpressions(*plan)) {
    if (expression == nullptr) continue;
    ForEachNode(expression, [&](const Expression& node) {
      switch (node.kind) {
        case ExprKind::kScalarSubquery:
          VisitPlans(node.As<ScalarSubquery>().plan, visit);
          break;
        case ExprKind::kExists:
          VisitPlans(node.As<Exists>().plan, visit);
          break;
        case ExprKind::kInSubquery:
          VisitPlans(node.As<InSubquery>().plan, visit);
          break;
        default:
          break;
      }
    });
  }
}

// Rewrites every leaf read (UnresolvedRelation, DataSourceRead) of the plan, CTE definitions
// and subqueries included.
Result<PlanPtr> RewriteReads(const PlanPtr& plan, const PlanRewrite& rule) {
  return TransformUpWithSubqueries(plan, [&](const PlanPtr& node) -> Result<PlanPtr> {
    if (node->kind == PlanKind::kWithCte) {
      auto copy = std::static_pointer_cast<WithCte>(node->Copy());
      for (auto& definition : copy->definitions) {
        SPK_ASSIGN_OR_RAISE(definition.plan, RewriteReads(definition.plan, rule));
      }
      return PlanPtr(copy);
    }
    if (node->kind == PlanKind::kUnresolvedRelation || node->kind == PlanKind::kDataSourceRead) {
      return rule(node);
    }
    return node;
  });
}

std::set<std::string> CteNames(const PlanPtr& plan) {
  std::set<std::string> names;
  VisitPlans(plan, [&](const LogicalPlan& node) {
    if (node.kind != PlanKind::kWithCte) return;
    for (const auto& definition : node.As<WithCte>().definitions) {
      names.insert(LowerCase(definition.name));
    }
  });
  return names;
}

// What a name read by a flow refers to.
struct ReadTarget {
  enum class Kind { kCte, kGraphDataset, kExternal } kind = Kind::kExternal;
  std::string key;                     // kGraphDataset
  std::vector<std::string> qualified;  // kGraphDataset / kExternal (when qualifiable)
};

ReadTarget ClassifyRead(const UnresolvedRelation& read, const Flow& flow,
                        const std::map<std::string, Output>& outputs,
                        const std::set<std::string>& cte_names) {
  ReadTarget target;
  const auto& parts = read.name_parts;
  if (parts.size() == 1) {
    if (cte_names.count(LowerCase(parts[0])) > 0) {
      target.kind = ReadTarget::Kind::kCte;
      return target;
    }
    auto view = outputs.find(LowerCase(parts[0]));
    if (view != outputs.end() && view->second.type == OutputType::kTemporaryView) {
      target.kind = ReadTarget::Kind::kGraphDataset;
      target.key = view->first;
      return target;
    }
  }
  auto qualified = DataflowGraph::Qualify(parts, flow.catalog, flow.database);
  if (!qualified.ok()) return target;  // left to the analyzer's own error
  target.qualified = *qualified;
  auto table = outputs.find(GraphKey(*qualified));
  if (table != outputs.end() && table->second.is_table()) {
    target.kind = ReadTarget::Kind::kGraphDataset;
    target.key = table->first;
  }
  return target;
}

PlanPtr EmptyRelation(const Schema& schema) {
  auto relation = std::make_shared<LocalRelation>();
  relation->schema = schema;
  return relation;
}

PlanPtr Aliased(PlanPtr child, std::vector<std::string> qualifier) {
  auto alias = std::make_shared<SubqueryAlias>();
  alias->qualifier = std::move(qualifier);
  alias->children = {std::move(child)};
  return alias;
}

// Columns of `from` added to `into` by name; a type conflict fails.
Status MergeSchema(Schema& into, const Schema& from, const std::string& table) {
  for (const auto& field : from) {
    auto existing = std::find_if(into.begin(), into.end(), [&](const StructField& f) {
      return EqualsIgnoreCase(f.name, field.name);
    });
    if (existing == into.end()) {
      into.push_back(field);
    } else if (!existing->type->SameType(*field.type)) {
      return Status::Error("UNABLE_TO_INFER_PIPELINE_TABLE_SCHEMA",
                           {{"tableName", table},
                            {"inferredDataSchema", DataType::Struct(into)->Sql()},
                            {"incompatibleDataSchema", DataType::Struct(from)->Sql()}});
    }
  }
  return Status::OK();
}

Schema Nullable(Schema schema) {
  for (auto& field : schema) field.nullable = true;
  return schema;
}

}  // namespace

std::string WithError(std::string message, const Status& error) {
  if (error.ok()) return message;
  return message + "\nError: " + error.message();
}

std::string GraphKey(const std::vector<std::string>& identifier) {
  return LowerCase(DisplayName(identifier));
}

const ResolvedFlow* ResolvedGraph::FindFlow(const std::string& key) const {
  for (const auto& flow : flows) {
    if (flow.key == key) return &flow;
  }
  return nullptr;
}

std::vector<const ResolvedFlow*> ResolvedGraph::FlowsInto(const std::string& target_key) const {
  std::vector<const ResolvedFlow*> out;
  for (const auto& flow : flows) {
    if (flow.target_key == target_key) out.push_back(&flow);
  }
  return out;
}

Result<Schema> DeclaredFileSchema(const DataSourceRead& read) {
  if (!read.schema) {
    return Status::Error("_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
                         {{"message",
                           "Schema must be specified when creating a streaming source DataFrame. "
                           "Use .schema(\"a INT, b STRING\") on the reader."}});
  }
  const std::string& text = *read.schema;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') {
    SPK_ASSIGN_OR_RAISE(DataTypePtr type, DataTypeFromJson(text));
    if (type->id() != TypeId::kStruct) return Status::Internal("file schema is not a struct");
    return type->fields();
  }
  return ParseTableSchema(text);
}

std::shared_ptr<Session> FlowSession(const Session& client, const Flow& flow) {
  auto session =
      std::make_shared<Session>(client.session_id(), client.user_id(), client.catalog_ptr());
  session->conf() = client.ConfSnapshot();
  for (const auto& [key, value] : flow.sql_conf) {
    (void)session->conf().Set(key, value);  // static or unknown keys are not the flow's concern
  }
  return session;
}

Result<PlanPtr> BindFlowInputs(const ResolvedGraph& graph, const ResolvedFlow& flow,
                               const InputBinder& binder) {
  std::set<std::string> cte_names = CteNames(flow.flow.query);
  return RewriteReads(flow.flow.query, [&](const PlanPtr& node) -> Result<PlanPtr> {
    if (node->kind == PlanKind::kDataSourceRead) {
      return binder.file_source(node->As<DataSourceRead>());
    }
    const auto& read = node->As<UnresolvedRelation>();
    ReadTarget target = ClassifyRead(read, flow.flow, graph.outputs, cte_names);
    switch (target.kind) {
      case ReadTarget::Kind::kCte:
        return node;
      case ReadTarget::Kind::kExternal: {
        if (target.qualified.empty()) return node;
        auto qualified = std::static_pointer_cast<UnresolvedRelation>(node->Copy());
        qualified->name_parts = target.qualified;
        qualified->is_streaming = false;
        return PlanPtr(qualified);
      }
      case ReadTarget::Kind::kGraphDataset:
        break;
    }
    const Output& output = graph.outputs.at(target.key);
    if (output.type == OutputType::kTemporaryView) {
      const auto writers = graph.FlowsInto(target.key);
      if (writers.empty()) return AnalysisError("View " + output.identifier[0] + " has no query.");
      SPK_ASSIGN_OR_RAISE(PlanPtr inlined, BindFlowInputs(graph, *writers.front(), binder));
      return Aliased(std::move(inlined), output.identifier);
    }
    auto schema = graph.table_schemas.find(target.key);
    if (schema == graph.table_schemas.end()) {
      return Status::Internal("table " + target.key + " read before its schema is known");
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr bound, binder.table(output, schema->second, read.is_streaming));
    return Aliased(std::move(bound), output.identifier);
  });
}

Result<ResolvedGraph> ResolveGraph(Engine& engine, const Session& client,
                                   const DataflowGraph& graph, const PipelineEventSink& events) {
  ResolvedGraph resolved;
  // Outputs, by key; a name registered twice is an error.
  for (auto& output : graph.outputs()) {
    std::string key = GraphKey(output.identifier);
    auto existing = resolved.outputs.find(key);
    if (existing != resolved.outputs.end()) {
      return Status::Error("PIPELINE_DUPLICATE_IDENTIFIERS.OUTPUT",
                           {{"outputType1", OutputTypeName(output.type)},
                            {"outputName", DisplayName(output.identifier)},
                            {"outputType2", OutputTypeName(existing->second.type)}});
    }
    resolved.outputs.emplace(std::move(key), output);
  }
  bool has_table = false;
  for (const auto& [key, output] : resolved.outputs) has_table |= output.is_table();
  if (!has_table) return Status::Error("RUN_EMPTY_PIPELINE");

  // Flows, with what they read.
  std::vector<ResolvedFlow> flows;
  std::map<std::string, size_t> flow_index;
  for (auto& flow : graph.flows()) {
    ResolvedFlow entry;
    entry.key = GraphKey(flow.identifier);
    entry.target_key = GraphKey(flow.target);
    if (flow_index.count(entry.key) > 0) {
      return Status::Error("PIPELINE_DUPLICATE_IDENTIFIERS.FLOW",
                           {{"flowName", DisplayName(flow.identifier)},
                            {"datasetNames", DisplayName(flows[flow_index[entry.key]].flow.target) +
                                                 ", " + DisplayName(flow.target)}});
    }
    if (resolved.outputs.count(entry.target_key) == 0) {
      return AnalysisError("Flow '" + DisplayName(flow.identifier) + "' writes to '" +
                           DisplayName(flow.target) +
                           "', which is not a dataset defined in the pipeline.");
    }
    std::set<std::string> cte_names = CteNames(flow.query);
    std::set<std::string> inputs;
    VisitPlans(flow.query, [&](const LogicalPlan& node) {
      if (node.kind == PlanKind::kDataSourceRead) {
        entry.streaming |= node.As<DataSourceRead>().is_streaming;
        return;
      }
      if (node.kind != PlanKind::kUnresolvedRelation) return;
      const auto& read = node.As<UnresolvedRelation>();
      entry.streaming |= read.is_streaming;
      ReadTarget target = ClassifyRead(read, flow, resolved.outputs, cte_names);
      if (target.kind == ReadTarget::Kind::kGraphDataset) inputs.insert(target.key);
    });
    entry.inputs.assign(inputs.begin(), inputs.end());
    entry.flow = flow;
    flow_index[entry.key] = flows.size();
    flows.push_back(std::move(entry));
  }

  // Dependency order (Kahn's algorithm, stable in definition order).
  std::map<std::string, std::vector<size_t>> writers;  // dataset key → flows writing it
  for (size_t i = 0; i < flows.size(); ++i) writers[flows[i].target_key].push_back(i);
  std::vector<int> pending(flows.size(), 0);
  for (size_t i = 0; i < flows.size(); ++i) {
    for (const auto& input : flows[i].inputs) pending[i] += writers[input].size();
  }
  std::vector<size_t> order;
  std::vector<bool> placed(flows.size(), false);
  while (order.size() < flows.size()) {
    bool progress = false;
    for (size_t i = 0; i < flows.size(); ++i) {
      if (placed[i] || pending[i] > 0) continue;
      placed[i] = true;
      progress = true;
      order.push_back(i);
      for (size_t j = 0; j < flows.size(); ++j) {
        for (const auto& input : flows[j].inputs) {
          if (input == flows[i].target_key) --pending[j];
        }
      }
    }
    if (progress) continue;
    // Every remaining flow waits on another remaining one: report one edge of a cycle.
    for (size_t i = 0; i < flows.size(); ++i) {
      if (placed[i]) continue;
      for (const auto& input : flows[i].inputs) {
        bool waiting = false;
        for (size_t writer : writers[input]) waiting |= !placed[writer];
        if (!waiting) continue;
        std::string upstream = DisplayName(flows[i].flow.target);
        std::string downstream = DisplayName(resolved.outputs.at(input).identifier);
        return AnalysisError("The downstream table '" + downstream +
                             "' is referenced when creating the upstream table or view '" +
                             upstream +
                             "'. Circular dependencies are not supported in a pipeline. Please "
                             "remove the dependency between '" +
                             upstream + "' and '" + downstream + "'.");
      }
    }
    return Status::Internal("pipeline flows cannot be ordered");
  }
  for (size_t i : order) resolved.flows.push_back(flows[i]);

  // Resolution in dependency order: each flow is analysed against empty relations of its
  // inputs' schemas, which gives the schema of what it writes.
  std::set<std::string> failed_datasets;  // keys of datasets with a flow that failed
  std::vector<std::pair<const ResolvedFlow*, Status>> failures;
  std::vector<const ResolvedFlow*> upstream_failures;
  std::map<std::string, bool> streaming_views;
  InputBinder binder;
  binder.table = [](const Output&, const Schema& schema, bool) -> Result<PlanPtr> {
    return EmptyRelation(schema);
  };
  binder.file_source = [](const DataSourceRead& read) -> Result<PlanPtr> {
    SPK_ASSIGN_OR_RAISE(Schema schema, DeclaredFileSchema(read));
    return EmptyRelation(schema);
  };
  for (auto& flow : resolved.flows) {
    bool upstream_failed = false;
    for (const auto& input : flow.inputs) {
      upstream_failed |= failed_datasets.count(input) > 0;
      auto view = streaming_views.find(input);
      if (view != streaming_views.end()) flow.streaming |= view->second;
    }
    if (upstream_failed) {
      failed_datasets.insert(flow.target_key);
      upstream_failures.push_back(&flow);
      continue;
    }
    auto session = FlowSession(client, flow.flow);
    Result<PlanPtr> bound = BindFlowInputs(resolved, flow, binder);
    Result<PlanPtr> analyzed = bound.ok() ? engine.Resolve(*session, *bound) : bound.status();
    if (!analyzed.ok()) {
      failed_datasets.insert(flow.target_key);
      failures.emplace_back(&flow, analyzed.status());
      continue;
    }
    flow.schema = Engine::OutputSchema(**analyzed);
    const Output& target = resolved.outputs.at(flow.target_key);
    if (target.type == OutputType::kTemporaryView) {
      streaming_views[flow.target_key] = flow.streaming;
      continue;
    }
    auto [schema, inserted] = resolved.table_schemas.emplace(flow.target_key, Schema{});
    if (target.schema) {
      schema->second = *target.schema;
    } else {
      Status merged =
          MergeSchema(schema->second, Nullable(flow.schema), QuoteNameParts(target.identifier));
      if (!merged.ok()) {
        failed_datasets.insert(flow.target_key);
        failures.emplace_back(&flow, merged);
      }
    }
  }
  if (!failures.empty() || !upstream_failures.empty()) {
    std::string with_errors;
    std::string downstream;
    for (const auto& [flow, status] : failures) {
      events({std::chrono::system_clock::now(),
              WithError("Failed to resolve flow: '" + DisplayName(flow->flow.identifier) + "'.",
                        status)});
      with_errors += (with_errors.empty() ? "" : ", ") + DisplayName(flow->flow.identifier);
    }
    for (const auto* flow : upstream_failures) {
      events(
          {std::chrono::system_clock::now(), "Failed to resolve flow due to upstream failure: '" +
                                                 DisplayName(flow->flow.identifier) + "'."});
      downstream += (downstream.empty() ? "" : ", ") + DisplayName(flow->flow.identifier);
    }
    return AnalysisError(
        "Failed to resolve flows in the pipeline.\n\nA flow can fail to resolve because the "
        "flow itself contains errors or because it reads\nfrom an upstream flow which failed to "
        "resolve.\n\nFlows with errors: " +
        with_errors + "\nFlows that failed due to upstream errors: " + downstream +
        "\n\nTo view the exceptions that were raised while resolving these flows, look for "
        "flow\nfailures that precede this log.");
  }

  // Validation, in Spark's order.
  for (const auto& [key, output] : resolved.outputs) {
    if (output.type != OutputType::kMaterializedView) continue;
    if (resolved.FlowsInto(key).size() > 1) {
      return AnalysisError("Materialized view " + QuoteNameParts(output.identifier) +
                           " is written by more than one flow; a materialized view is defined "
                           "by exactly one query.");
    }
  }
  for (const auto& [key, output] : resolved.outputs) {
    if (resolved.FlowsInto(key).empty()) {
      return Status::Error("PIPELINE_DATASET_WITHOUT_FLOW",
                           {{"identifier", QuoteNameParts(output.identifier)}});
    }
  }
  for (const auto& flow : resolved.flows) {
    const Output& target = resolved.outputs.at(flow.target_key);
    std::vector<std::pair<std::string, std::string>> parameters = {
        {"flowIdentifier", QuoteNameParts(flow.flow.identifier)},
        {"tableIdentifier", QuoteNameParts(target.identifier)}};
    if (target.type == OutputType::kStreamingTable && !flow.streaming && !flow.flow.once) {
      return Status::Error("INVALID_FLOW_QUERY_TYPE.BATCH_RELATION_FOR_STREAMING_TABLE",
                           std::move(parameters));
    }
    if (target.type == OutputType::kMaterializedView && flow.streaming) {
      return Status::Error("INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_MATERIALIZED_VIEW",
                           std::move(parameters));
    }
  }
  return resolved;
}

}  // namespace sparkling::pipelines
