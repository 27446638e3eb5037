#include "main/engine.h"

#include <arrow/api.h>

#include <chrono>

#include "analyzer/analyzer.h"
#include "catalog/session_catalog.h"
#include "main/command_runner.h"
#include "optimizer/optimizer.h"
#include "parser/sql_parser.h"

namespace sparkling {
namespace {

AnalyzerContext MakeAnalyzerContext(Session& session, const SqlConf& conf,
                                    const QueryParameters& parameters) {
  AnalyzerContext context;
  context.catalog = &session.catalog();
  context.ansi = conf.ansi_enabled();
  context.case_sensitive = conf.case_sensitive();
  context.session_time_zone = conf.session_time_zone();
  context.named_parameters = parameters.named;
  context.positional_parameters = parameters.positional;
  context.group_by_ordinal = conf.GetBool("spark.sql.groupByOrdinal", true);
  context.order_by_ordinal = conf.GetBool("spark.sql.orderByOrdinal", true);
  context.group_by_aliases = conf.GetBool("spark.sql.groupByAliases", true);
  return context;
}

OptimizerOptions MakeOptimizerOptions(const SqlConf& conf) {
  OptimizerOptions options;
  options.ansi = conf.ansi_enabled();
  if (auto excluded = conf.GetOption("spark.sql.optimizer.excludedRules"); excluded) {
    options.excluded_rules = ParseExcludedRules(*excluded);
  }
  return options;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// Serves an already computed table (command output) as a result stream.
class TableResultStream : public ResultStream {
 public:
  TableResultStream(std::shared_ptr<arrow::Table> table, int64_t max_rows)
      : table_(std::move(table)), reader_(*table_) {
    reader_.set_chunksize(max_rows);
  }
  std::shared_ptr<arrow::Schema> schema() const override { return table_->schema(); }
  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    std::shared_ptr<arrow::RecordBatch> batch;
    SPK_RETURN_NOT_OK_ARROW(reader_.ReadNext(&batch));
    return batch;
  }

 private:
  std::shared_ptr<arrow::Table> table_;
  arrow::TableBatchReader reader_;
};

}  // namespace

Engine::Engine() {
  // Persistent views are stored as SQL text; the catalog parses them through the engine's parser.
  CatalogStore::Global()->SetViewParser(
      [](const std::string& sql) -> Result<PlanPtr> { return ParseStatement(sql); });
}
Engine::~Engine() = default;

Schema Engine::OutputSchema(const LogicalPlan& analyzed) {
  Schema schema;
  for (const auto& attribute : analyzed.output) {
    StructField field{attribute.name, attribute.type, attribute.nullable};
    if (!attribute.metadata_json.empty()) field.metadata_json = attribute.metadata_json;
    schema.push_back(std::move(field));
  }
  return schema;
}

Result<PlanPtr> Engine::Resolve(Session& session, const PlanPtr& unresolved,
                                const QueryParameters& parameters) {
  if (unresolved == nullptr) return Status::Internal("Resolve of a null plan");
  SqlConf conf = session.ConfSnapshot();
  return sparkling::Analyze(unresolved, MakeAnalyzerContext(session, conf, parameters));
}

Result<PlanPtr> Engine::ResolveViewQuery(Session& session, const PlanPtr& unresolved,
                                         const QueryParameters& parameters,
                                         const std::vector<std::string>& view) {
  if (unresolved == nullptr) return Status::Internal("Resolve of a null plan");
  AnalyzerContext context = MakeAnalyzerContext(session, session.ConfSnapshot(), parameters);
  context.defining_view = view;
  return sparkling::Analyze(unresolved, context);
}

Result<PlanPtr> Engine::Analyze(Session& session, const PlanPtr& unresolved,
                                const QueryParameters& parameters) {
  SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, Resolve(session, unresolved, parameters));
  return Optimize(analyzed, MakeOptimizerOptions(session.ConfSnapshot()));
}

Result<std::unique_ptr<ResultStream>> Engine::Execute(Session& session, const PlanPtr& analyzed,
                                                      CancellationTokenPtr cancellation,
                                                      ProgressCallback progress) {
  SqlConf conf = session.ConfSnapshot();
  if (analyzed->kind == PlanKind::kCommand) {
    SPK_ASSIGN_OR_RAISE(auto result, RunCommand(session, analyzed));
    return std::unique_ptr<ResultStream>(
        std::make_unique<TableResultStream>(std::move(result.rows), conf.max_records_per_batch()));
  }
  ExecutionOptions options;
  options.eval.ansi = conf.ansi_enabled();
  options.eval.session_time_zone = conf.session_time_zone();
  options.eval.query_start_micros = NowMicros();
  options.max_records_per_batch = std::max<int64_t>(1, conf.max_records_per_batch());
  options.cancellation = std::move(cancellation);
  options.on_progress = std::move(progress);
  return sparkling::Execute(analyzed, options);
}

Result<std::shared_ptr<arrow::Table>> Engine::Collect(Session& session, const PlanPtr& unresolved,
                                                      CancellationTokenPtr cancellation) {
  if (unresolved->kind == PlanKind::kCommand) {
    SPK_ASSIGN_OR_RAISE(auto result, RunCommand(session, unresolved));
    return result.rows;
  }
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, Analyze(session, unresolved));
  SPK_ASSIGN_OR_RAISE(auto stream, Execute(session, plan, std::move(cancellation)));
  std::vector<std::shared_ptr<arrow::RecordBatch>> batches;
  while (true) {
    SPK_ASSIGN_OR_RAISE(auto batch, stream->Next());
    if (batch == nullptr) break;
    batches.push_back(std::move(batch));
  }
  SPK_ASSIGN_OR_RAISE_ARROW(auto table, arrow::Table::FromRecordBatches(stream->schema(), batches));
  return table;
}

Result<StatementResult> Engine::RunSql(Session& session, std::string_view sql,
                                       const QueryParameters& parameters) {
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, ParseStatement(sql));
  if (plan->kind == PlanKind::kCommand) return RunCommand(session, plan, parameters);
  StatementResult result;
  result.query = std::move(plan);
  return result;
}

Result<StatementResult> Engine::RunCommand(Session& session, const PlanPtr& command,
                                           const QueryParameters& parameters) {
  return RunCommandStatement(*this, session, command, parameters);
}

Result<std::string> Engine::Explain(Session& session, const PlanPtr& unresolved, ExplainMode mode,
                                    const QueryParameters& parameters) {
  ExplainPlans plans;
  plans.parsed = unresolved;
  SPK_ASSIGN_OR_RAISE(plans.analyzed, Resolve(session, unresolved, parameters));
  SPK_ASSIGN_OR_RAISE(plans.optimized,
                      Optimize(plans.analyzed, MakeOptimizerOptions(session.ConfSnapshot())));
  return RenderExplain(plans, mode);
}

}  // namespace sparkling
