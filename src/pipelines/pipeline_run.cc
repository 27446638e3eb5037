#include "pipelines/pipeline_run.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "catalog/session_catalog.h"
#include "common/logging.h"
#include "iceberg/iceberg_catalog.h"
#include "parser/sql_parser.h"
#include "pipelines/file_source.h"
#include "pipelines/flow_checkpoint.h"
#include "plan/identifier.h"

namespace sparkling::pipelines {
namespace {

using Clock = std::chrono::steady_clock;

PipelineEvent Event(std::string message) {
  return PipelineEvent{std::chrono::system_clock::now(), std::move(message)};
}

std::string FlowName(const ResolvedFlow& flow) { return DisplayName(flow.flow.identifier); }

// Seconds of a duration conf ("5", "5s", "500ms", "1min").
double ConfSeconds(const std::map<std::string, std::string>& conf, const std::string& key,
                   double fallback) {
  auto it = conf.find(key);
  if (it == conf.end()) return fallback;
  const std::string& text = it->second;
  size_t digits = 0;
  while (digits < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
    ++digits;
  }
  if (digits == 0) return fallback;
  double value = std::stod(text.substr(0, digits));
  std::string unit = LowerCase(text.substr(digits));
  if (unit == "ms") return value / 1000;
  if (unit == "min" || unit == "m") return value * 60;
  if (unit == "h") return value * 3600;
  return value;
}

int64_t ConfInt(const std::map<std::string, std::string>& conf, const std::string& key,
                int64_t fallback) {
  auto it = conf.find(key);
  if (it == conf.end()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return fallback;
  }
}

ExprPtr Column(const std::string& name) {
  auto column = std::make_shared<UnresolvedAttribute>();
  column->name_parts = {name};
  return column;
}

std::shared_ptr<TableDefinition> Definition(const Output& output,
                                            const std::optional<Schema>& columns) {
  auto definition = std::make_shared<TableDefinition>();
  if (columns) definition->columns = *columns;
  definition->provider = output.format;
  definition->comment = output.comment;
  definition->properties = output.table_properties;
  for (const auto& column : output.partition_columns) {
    definition->partitioning.push_back(Column(column));
  }
  return definition;
}

/// The selection of a run: which tables are refreshed and which are reset.
struct TableSelection {
  std::set<std::string> refreshed;  // keys of tables whose flows run
  std::set<std::string> reset;      // keys of tables (and their checkpoints) started over
};

Result<TableSelection> SelectTables(const ResolvedGraph& graph, const DataflowGraph& definition,
                                    const RunOptions& options) {
  auto keys_of = [&](const std::vector<std::string>& names) -> Result<std::set<std::string>> {
    std::set<std::string> keys;
    for (const auto& name : names) {
      SPK_ASSIGN_OR_RAISE(auto parts, ParseMultipartIdentifier(name));
      SPK_ASSIGN_OR_RAISE(auto qualified,
                          DataflowGraph::Qualify(parts, definition.default_catalog(),
                                                 definition.default_database()));
      std::string key = GraphKey(qualified);
      auto output = graph.outputs.find(key);
      if (output == graph.outputs.end() || !output->second.is_table()) {
        return Status::Error("_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
                             {{"message", "Dataset " + QuoteNameParts(qualified) +
                                              " selected for refresh is not a table of the "
                                              "pipeline."}});
      }
      keys.insert(key);
    }
    return keys;
  };
  TableSelection selection;
  SPK_ASSIGN_OR_RAISE(auto full_refresh, keys_of(options.full_refresh));
  SPK_ASSIGN_OR_RAISE(auto refresh, keys_of(options.refresh));
  std::vector<std::string> overlap;
  for (const auto& key : refresh) {
    if (full_refresh.count(key) > 0) overlap.push_back(key);
  }
  if (!overlap.empty()) {
    std::string names;
    for (const auto& key : overlap) names += (names.empty() ? "" : ", ") + key;
    return Status::Error(
        "_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
        {{"message", "Datasets specified for refresh and full refresh cannot overlap: " + names}});
  }
  for (const auto& [key, output] : graph.outputs) {
    if (!output.is_table()) continue;
    bool everything = options.full_refresh_all || (full_refresh.empty() && refresh.empty());
    if (everything || full_refresh.count(key) > 0 || refresh.count(key) > 0) {
      selection.refreshed.insert(key);
    }
    if (options.full_refresh_all || full_refresh.count(key) > 0) selection.reset.insert(key);
  }
  return selection;
}

/// Runs one flow: the writes of Spark's BatchTableWrite (materialized views: the query's rows
/// replace the table's in one commit) and StreamingTableWrite (what the sources gained since
/// the checkpoint is appended, then the checkpoint moves).
class FlowExecution {
 public:
  FlowExecution(Engine& engine, const Session& client, const ResolvedGraph& graph,
                const ResolvedFlow& flow, const RunOptions& options, bool reset)
      : engine_(engine),
        graph_(graph),
        flow_(flow),
        options_(options),
        reset_(reset),
        session_(FlowSession(client, flow.flow)) {}

  Status Run() {
    const Output& target = graph_.outputs.at(flow_.target_key);
    if (target.type == OutputType::kMaterializedView) return WriteMaterializedView(target);
    return AppendToStreamingTable(target);
  }

 private:
  Status WriteMaterializedView(const Output& target) {
    InputBinder binder;
    binder.table = [](const Output& table, const Schema&, bool) -> Result<PlanPtr> {
      auto read = std::make_shared<UnresolvedRelation>();
      read->name_parts = table.identifier;
      return PlanPtr(read);
    };
    binder.file_source = [this](const DataSourceRead& read) -> Result<PlanPtr> {
      SPK_ASSIGN_OR_RAISE(Schema schema, DeclaredFileSchema(read));
      SPK_ASSIGN_OR_RAISE(auto files, ListSourceFiles(read));
      return ReadSourceFiles(engine_, *session_, read, schema, files);
    };
    SPK_ASSIGN_OR_RAISE(PlanPtr query, BindFlowInputs(graph_, flow_, binder));
    auto command = std::make_shared<Command>();
    command->command = CommandKind::kCreateTable;
    command->name_parts = target.identifier;
    command->replace = true;  // CREATE OR REPLACE: one atomic commit, history kept
    command->if_exists = true;
    command->table = Definition(target, target.schema);
    command->query = std::move(query);
    return engine_.RunCommand(*session_, command).status();
  }

  Status AppendToStreamingTable(const Output& target) {
    SPK_ASSIGN_OR_RAISE(FlowCheckpoint checkpoint,
                        FlowCheckpoint::Open(options_.storage, target.identifier,
                                             flow_.flow.identifier.back(), reset_));
    bool has_new_data = false;
    InputBinder binder;
    if (flow_.flow.once) {
      // An append once-flow runs in the first run (and after a reset) only.
      if (checkpoint.Processed("once", "done")) return Status::OK();
      checkpoint.MarkProcessed("once", "done");
      has_new_data = true;
    }
    binder.table = [&](const Output& table, const Schema& schema,
                       bool streaming) -> Result<PlanPtr> {
      auto read = std::make_shared<UnresolvedRelation>();
      read->name_parts = table.identifier;
      if (!streaming) {
        has_new_data = true;
        return PlanPtr(read);
      }
      return NewTableRows(table, schema, checkpoint, has_new_data);
    };
    binder.file_source = [&](const DataSourceRead& read) -> Result<PlanPtr> {
      SPK_ASSIGN_OR_RAISE(Schema schema, DeclaredFileSchema(read));
      SPK_ASSIGN_OR_RAISE(auto files, ListSourceFiles(read));
      if (!read.is_streaming) {
        has_new_data = true;
        return ReadSourceFiles(engine_, *session_, read, schema, files);
      }
      std::string source = "files:" + read.format;
      for (const auto& path : read.paths) source += ":" + path;
      std::vector<std::string> fresh;
      for (const auto& file : files) {
        if (!checkpoint.Processed(source, file)) fresh.push_back(file);
      }
      for (const auto& file : fresh) checkpoint.MarkProcessed(source, file);
      has_new_data |= !fresh.empty();
      return ReadSourceFiles(engine_, *session_, read, schema, fresh);
    };
    SPK_ASSIGN_OR_RAISE(PlanPtr query, BindFlowInputs(graph_, flow_, binder));
    if (has_new_data) {
      auto command = std::make_shared<Command>();
      command->command = CommandKind::kInsert;
      command->name_parts = target.identifier;
      command->by_name = true;
      command->query = std::move(query);
      SPK_RETURN_NOT_OK(engine_.RunCommand(*session_, command).status());
    }
    return checkpoint.Commit();
  }

  /// readStream.table(t) of a streaming table: the rows its snapshots added since the one the
  /// flow read last. Streaming tables only append, so that is the current snapshot's rows
  /// minus (as multisets) those of the last snapshot read.
  Result<PlanPtr> NewTableRows(const Output& table, const Schema& schema,
                               FlowCheckpoint& checkpoint, bool& has_new_data) {
    auto name = session_->catalog().ResolveTableName(table.identifier);
    if (!name || name->catalog->iceberg() == nullptr) {
      return Status::Error("TABLE_OR_VIEW_NOT_FOUND",
                           {{"relationName", QuoteNameParts(table.identifier)}});
    }
    iceberg::TableIdentifier id{{LowerCase(name->database)}, name->table};
    SPK_ASSIGN_OR_RAISE(iceberg::LoadedTable loaded, name->catalog->iceberg()->LoadTable(id));
    const iceberg::Snapshot* current = loaded.metadata->current_snapshot();
    const std::string source = "table:" + GraphKey(table.identifier);
    std::optional<std::string> last = checkpoint.Offset(source);
    auto at_snapshot = [&](const std::string& snapshot_id) {
      auto read = std::make_shared<UnresolvedRelation>();
      read->name_parts = table.identifier;
      read->time_travel = TimeTravel{snapshot_id, nullptr};
      auto project = std::make_shared<Project>();
      for (const auto& field : schema) project->expressions.push_back(Column(field.name));
      project->children = {read};
      return PlanPtr(project);
    };
    if (current == nullptr || (last && *last == std::to_string(current->snapshot_id))) {
      auto empty = std::make_shared<LocalRelation>();
      empty->schema = schema;
      return PlanPtr(empty);
    }
    has_new_data = true;
    const std::string current_id = std::to_string(current->snapshot_id);
    checkpoint.SetOffset(source, current_id);
    PlanPtr rows = at_snapshot(current_id);
    int64_t last_id = 0;
    bool readable =
        last &&
        std::from_chars(last->data(), last->data() + last->size(), last_id).ec == std::errc();
    // A checkpoint of another table history (or damaged): read everything again.
    if (!readable || loaded.metadata->snapshot_by_id(last_id) == nullptr) return rows;
    auto added = std::make_shared<SetOperation>();
    added->op = SetOperationType::kExcept;
    added->is_all = true;
    added->children = {rows, at_snapshot(*last)};
    return PlanPtr(added);
  }

  Engine& engine_;
  const ResolvedGraph& graph_;
  const ResolvedFlow& flow_;
  const RunOptions& options_;
  const bool reset_;
  std::shared_ptr<Session> session_;
};

/// Creates the streaming tables of the selection that do not exist yet and empties the reset
/// ones (Spark's DatasetManager); materialized views are replaced by their flow's commit.
Status MaterializeStreamingTables(Engine& engine, const Session& client, const ResolvedGraph& graph,
                                  const TableSelection& selection) {
  for (const auto& key : selection.refreshed) {
    const Output& table = graph.outputs.at(key);
    if (table.type != OutputType::kStreamingTable) continue;
    auto session =
        std::make_shared<Session>(client.session_id(), client.user_id(), client.catalog_ptr());
    session->conf() = client.ConfSnapshot();
    const Schema& schema = graph.table_schemas.at(key);
    auto command = std::make_shared<Command>();
    command->command = CommandKind::kCreateTable;
    command->name_parts = table.identifier;
    command->table = Definition(table, schema);
    if (selection.reset.count(key) > 0) {
      command->replace = true;
      command->if_exists = true;
    } else {
      command->if_not_exists = true;
    }
    Status status = engine.RunCommand(*session, command).status();
    if (!status.ok()) return status;
  }
  return Status::OK();
}

/// The scheduler of one run (Spark's TriggeredGraphExecution).
class FlowScheduler {
 public:
  FlowScheduler(Engine& engine, const Session& client, const ResolvedGraph& graph,
                const RunOptions& options, const TableSelection& selection,
                const PipelineEventSink& events, const CancellationTokenPtr& cancellation)
      : engine_(engine),
        client_(client),
        graph_(graph),
        options_(options),
        selection_(selection),
        events_(events),
        cancellation_(cancellation) {}

  Status Run() {
    // Flows into temporary views are inlined into their readers and never scheduled.
    for (const auto& flow : graph_.flows) {
      const Output& target = graph_.outputs.at(flow.target_key);
      if (!target.is_table()) continue;
      State state;
      state.flow = &flow;
      state.upstream = MaterializedUpstream(flow);
      state.queued = selection_.refreshed.count(flow.target_key) > 0;
      states_.push_back(std::move(state));
    }
    for (auto& state : states_) {
      if (state.queued) {
        events_(Event("Flow " + FlowName(*state.flow) + " is QUEUED."));
      } else {
        state.phase = Phase::kExcluded;
        events_(Event("Flow '" + FlowName(*state.flow) + "' is EXCLUDED."));
      }
    }
    int64_t max_concurrent = 16;
    if (!graph_.flows.empty()) {
      max_concurrent =
          std::max<int64_t>(1, ConfInt(graph_.flows.front().flow.sql_conf,
                                       "spark.sql.pipelines.execution.maxConcurrentFlows", 16));
    }
    std::vector<std::thread> threads;
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      if (cancellation_ && cancellation_->IsCancelled()) cancelled_ = true;
      int running = 0;
      bool waiting = false;
      auto now = Clock::now();
      std::optional<Clock::time_point> next_retry;
      for (auto& state : states_) {
        if (state.phase == Phase::kRunning) ++running;
      }
      for (auto& state : states_) {
        if (state.phase != Phase::kQueued) continue;
        if (cancelled_) {
          state.phase = Phase::kSkipped;
          continue;
        }
        if (UpstreamFailed(state)) {
          state.phase = Phase::kSkipped;
          events_(
              Event("Flow '" + FlowName(*state.flow) + "' SKIPPED due to upstream failure(s)."));
          continue;
        }
        waiting = true;
        if (!UpstreamDone(state) || running >= max_concurrent) continue;
        if (state.retry_at && *state.retry_at > now) {
          next_retry = std::min(next_retry.value_or(*state.retry_at), *state.retry_at);
          continue;
        }
        state.phase = Phase::kRunning;
        ++running;
        threads.emplace_back([this, &state] { Execute(state); });
      }
      if (running == 0 && !waiting) break;
      if (next_retry) {
        changed_.wait_until(lock, *next_retry);
      } else {
        changed_.wait_for(lock, std::chrono::milliseconds(200));  // notices cancellation
      }
    }
    lock.unlock();
    for (auto& thread : threads) thread.join();
    if (cancelled_) {
      return Status::Error("_LEGACY_ERROR_PIPELINE_RUNTIME",
                           {{"message", "Pipeline run was canceled."}});
    }
    for (const auto& state : states_) {
      if (state.phase == Phase::kFailed) return state.error;
    }
    return Status::OK();
  }

 private:
  enum class Phase { kQueued, kRunning, kCompleted, kFailed, kSkipped, kExcluded };
  struct State {
    const ResolvedFlow* flow = nullptr;
    std::set<std::string> upstream;  // keys of tables whose flows must finish first
    bool queued = false;
    Phase phase = Phase::kQueued;
    int failures = 0;
    std::optional<Clock::time_point> retry_at;
    Status error;
  };

  // Tables read by the flow, through temporary views as well.
  std::set<std::string> MaterializedUpstream(const ResolvedFlow& flow) const {
    std::set<std::string> upstream;
    std::vector<std::string> pending = flow.inputs;
    std::set<std::string> seen;
    while (!pending.empty()) {
      std::string key = pending.back();
      pending.pop_back();
      if (!seen.insert(key).second) continue;
      if (graph_.outputs.at(key).is_table()) {
        upstream.insert(key);
        continue;
      }
      for (const auto* view_flow : graph_.FlowsInto(key)) {
        pending.insert(pending.end(), view_flow->inputs.begin(), view_flow->inputs.end());
      }
    }
    upstream.erase(flow.target_key);  // a flow may read its own table (batch)
    return upstream;
  }

  bool UpstreamDone(const State& state) const {
    for (const auto& other : states_) {
      if (state.upstream.count(other.flow->target_key) == 0) continue;
      if (other.phase != Phase::kCompleted && other.phase != Phase::kExcluded) return false;
    }
    return true;
  }

  bool UpstreamFailed(const State& state) const {
    for (const auto& other : states_) {
      if (state.upstream.count(other.flow->target_key) == 0) continue;
      if (other.phase == Phase::kFailed || other.phase == Phase::kSkipped) return true;
    }
    return false;
  }

  void Execute(State& state) {
    const ResolvedFlow& flow = *state.flow;
    const std::string name = FlowName(flow);
    const bool batch =
        graph_.outputs.at(flow.target_key).type == OutputType::kMaterializedView || flow.flow.once;
    if (batch) events_(Event("Flow " + name + " is PLANNING."));
    events_(Event("Flow " + name + " is STARTING."));
    events_(Event("Flow " + name + " is RUNNING."));
    bool reset = selection_.reset.count(flow.target_key) > 0;
    FlowExecution execution(engine_, client_, graph_, flow, options_, reset);
    Status status = execution.Run();
    std::lock_guard<std::mutex> lock(mutex_);
    if (status.ok()) {
      state.phase = Phase::kCompleted;
      events_(Event("Flow " + name + " has COMPLETED."));
    } else {
      ++state.failures;
      events_(Event(WithError("Flow '" + name + "' has FAILED.", status)));
      const auto& conf = flow.flow.sql_conf;
      int64_t max_retries = ConfInt(conf, "spark.sql.pipelines.maxFlowRetryAttempts", 2);
      if (state.failures <= max_retries && !cancelled_) {
        double min_wait =
            ConfSeconds(conf, "spark.sql.pipelines.execution.watchdog.minRetryTime", 5);
        double max_wait =
            ConfSeconds(conf, "spark.sql.pipelines.execution.watchdog.maxRetryTime", 3600);
        double wait = std::min(max_wait, min_wait * (1 << std::min(state.failures - 1, 20)));
        state.retry_at =
            Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(wait * 1000));
        state.phase = Phase::kQueued;
      } else {
        state.phase = Phase::kFailed;
        state.error = status;
      }
    }
    changed_.notify_all();
  }

  Engine& engine_;
  const Session& client_;
  const ResolvedGraph& graph_;
  const RunOptions& options_;
  const TableSelection& selection_;
  const PipelineEventSink& events_;
  CancellationTokenPtr cancellation_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<State> states_;  // fixed size once Run starts: threads hold references
  bool cancelled_ = false;
};

}  // namespace

Status RunPipeline(Engine& engine, const Session& client, const DataflowGraph& graph,
                   const RunOptions& options, const PipelineEventSink& events,
                   const CancellationTokenPtr& cancellation) {
  if (options.storage.empty()) {
    return Status::Error("_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
                         {{"message", "Storage must be specified to start a run."}});
  }
  if (options.full_refresh_all && (!options.full_refresh.empty() || !options.refresh.empty())) {
    return Status::Error(
        "_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
        {{"message", "Cannot specify a subset to refresh when full refresh all is set to true."}});
  }
  SPK_RETURN_NOT_OK(ValidateStorageRoot(options.storage));
  // Event sinks may be called from flow threads; the client sees one ordered stream.
  std::mutex event_mutex;
  PipelineEventSink ordered = [&](PipelineEvent event) {
    std::lock_guard<std::mutex> lock(event_mutex);
    events(std::move(event));
  };
  SPK_ASSIGN_OR_RAISE(ResolvedGraph resolved, ResolveGraph(engine, client, graph, ordered));
  if (!options.dry) {
    SPK_ASSIGN_OR_RAISE(TableSelection selection, SelectTables(resolved, graph, options));
    SPK_RETURN_NOT_OK(MaterializeStreamingTables(engine, client, resolved, selection));
    FlowScheduler scheduler(engine, client, resolved, options, selection, ordered, cancellation);
    SPK_RETURN_NOT_OK(scheduler.Run());
  }
  ordered(Event("Run is COMPLETED."));
  return Status::OK();
}

}  // namespace sparkling::pipelines
