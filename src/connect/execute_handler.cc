#include "connect/execute_handler.h"

#include <arrow/api.h>
#include <spark/connect/base.pb.h>
#include <spark/connect/commands.pb.h>
#include <spark/connect/relations.pb.h>

#include <algorithm>
#include <climits>
#include <optional>

#include "catalog/session_catalog.h"
#include "common/logging.h"
#include "connect/arrow_encoding.h"
#include "connect/catalog_handler.h"
#include "connect/expression_translator.h"
#include "connect/pipeline_handler.h"
#include "connect/plan_decoding.h"
#include "connect/relation_translator.h"
#include "connect/translation_errors.h"
#include "connect/type_translator.h"
#include "execution/executor.h"
#include "main/show_string.h"
#include "parser/sql_parser.h"
#include "plan/identifier.h"
#include "plan/logical_plan.h"

namespace sparkling::connect {
namespace {

using spark::connect::Command;
using spark::connect::ExecutePlanResponse;
using spark::connect::Relation;

// The name of the set oneof field of a message ("sql_command", "write_operation").
std::string OneofCaseName(const google::protobuf::Message& message, int field_number) {
  const auto* field = message.GetDescriptor()->FindFieldByNumber(field_number);
  return field != nullptr ? field->name() : "#" + std::to_string(field_number);
}

// The SQL relation a SqlCommand stands for. Old clients put the query and its arguments on
// the command itself (deprecated fields 1-5); 3.5+ clients wrap a relation in `input`.
Relation SqlCommandInput(const spark::connect::SqlCommand& command) {
  if (command.has_input()) return command.input();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  Relation relation;
  auto* sql = relation.mutable_sql();
  sql->set_query(command.sql());
  for (const auto& [name, literal] : command.args()) (*sql->mutable_args())[name] = literal;
  for (const auto& literal : command.pos_args()) *sql->add_pos_args() = literal;
  for (const auto& [name, value] : command.named_arguments()) {
    (*sql->mutable_named_arguments())[name] = value;
  }
  for (const auto& value : command.pos_arguments()) *sql->add_pos_arguments() = value;
#pragma GCC diagnostic pop
  return relation;
}

// The parameter values of a SQL relation (named or positional, current or deprecated form).
Result<QueryParameters> SqlParameters(const spark::connect::SQL& sql,
                                      const TranslationContext& context) {
  QueryParameters parameters;
  auto literal_expression = [](const spark::connect::Expression::Literal& literal) {
    spark::connect::Expression expression;
    *expression.mutable_literal() = literal;
    return expression;
  };
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  for (const auto& [name, literal] : sql.args()) {
    SPK_ASSIGN_OR_RAISE(parameters.named[name],
                        TranslateExpression(literal_expression(literal), context));
  }
  for (const auto& literal : sql.pos_args()) {
    SPK_ASSIGN_OR_RAISE(auto value, TranslateExpression(literal_expression(literal), context));
    parameters.positional.push_back(std::move(value));
  }
#pragma GCC diagnostic pop
  for (const auto& [name, expression] : sql.named_arguments()) {
    SPK_ASSIGN_OR_RAISE(parameters.named[name], TranslateExpression(expression, context));
  }
  for (const auto& expression : sql.pos_arguments()) {
    SPK_ASSIGN_OR_RAISE(auto value, TranslateExpression(expression, context));
    parameters.positional.push_back(std::move(value));
  }
  return parameters;
}

class PlanRunner {
 public:
  PlanRunner(ServerState& state, const SessionPtr& session, ExecuteOperation& operation)
      : state_(state), session_(session), operation_(operation) {
    const std::string session_id = session->session_id();
    ArtifactManager* artifacts = &state.artifacts;
    context_.fetch_cached_artifact = [artifacts,
                                      session_id](const std::string& hash) -> Result<std::string> {
      SPK_ASSIGN_OR_RAISE(ArtifactBytes blob, artifacts->FindCachedBlob(session_id, hash));
      return *blob;
    };
    SqlConf conf = session->ConfSnapshot();
    batch_limits_ = state.limits.arrow_batches;
    batch_limits_.max_rows = std::max<int64_t>(1, conf.max_records_per_batch());
  }

  Status Run(const spark::connect::Plan& plan) {
    SPK_ASSIGN_OR_RAISE(DecodedPlan decoded, DecodePlan(plan, state_.limits.max_plan_bytes));
    SPK_RETURN_NOT_OK(decoded.relation ? RunRelation(*decoded.relation)
                                       : RunCommand(*decoded.command));
    return Flush();
  }

 private:
  Status RunRelation(const Relation& relation) {
    switch (relation.rel_type_case()) {
      case Relation::kShowString: {
        const auto& show = relation.show_string();
        ShowOptions options;
        options.num_rows = show.num_rows();
        options.truncate = show.truncate();
        options.vertical = show.vertical();
        return RunFormatted(show.input(), options, "show_string", ShowString);
      }
      case Relation::kHtmlString: {
        const auto& html = relation.html_string();
        ShowOptions options;
        options.num_rows = html.num_rows();
        options.truncate = html.truncate();
        return RunFormatted(html.input(), options, "html_string", HtmlString);
      }
      case Relation::kCatalog: {
        SPK_ASSIGN_OR_RAISE(LocalResult result,
                            RunCatalogOperation(state_.engine, *session_, relation.catalog()));
        return SendLocalResult(result);
      }
      default:
        return RunQuery(relation);
    }
  }

  Status RunQuery(const Relation& relation) {
    SPK_ASSIGN_OR_RAISE(PlanPtr plan, TranslateRelation(relation, context_));
    SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, state_.engine.Analyze(*session_, plan));
    SPK_RETURN_NOT_OK(SendSchema(Engine::OutputSchema(*analyzed)));
    ExecuteOperation* operation = &operation_;
    SPK_ASSIGN_OR_RAISE(auto stream,
                        state_.engine.Execute(*session_, analyzed, operation_.cancellation(),
                                              [operation](const ExecutionProgress& progress) {
                                                operation->RecordProgress(progress);
                                              }));
    std::shared_ptr<arrow::Schema> arrow_schema = stream->schema();
    while (true) {
      SPK_RETURN_NOT_OK(operation_.cancellation()->Check());
      SPK_ASSIGN_OR_RAISE(std::shared_ptr<arrow::RecordBatch> batch, stream->Next());
      if (batch == nullptr) break;
      SPK_RETURN_NOT_OK(SendBatch(batch, arrow_schema));
    }
    if (batches_sent_ == 0) SPK_RETURN_NOT_OK(SendEmptyBatch(arrow_schema));
    session_->Touch();
    return SendMetrics();
  }

  // show() / _repr_html_: the first num_rows + 1 rows (the extra one decides the "only showing
  // top N rows" footer), formatted into one string cell.
  using Formatter = Result<std::string> (*)(const arrow::Table&, const Schema&, const ShowOptions&);
  Status RunFormatted(const Relation& input, ShowOptions options, const char* column,
                      Formatter format) {
    SPK_ASSIGN_OR_RAISE(PlanPtr plan, TranslateRelation(input, context_));
    int64_t rows = std::clamp<int64_t>(options.num_rows, 0, INT_MAX - 1) + 1;
    auto limit = std::make_shared<Limit>();
    limit->limit = MakeLiteral(std::make_shared<arrow::Int32Scalar>(static_cast<int32_t>(rows)),
                               DataType::Integer());
    limit->children = {plan};
    SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, state_.engine.Analyze(*session_, limit));
    SPK_ASSIGN_OR_RAISE(auto table, CollectAnalyzed(analyzed));
    options.time_zone = session_->ConfSnapshot().session_time_zone();
    SPK_ASSIGN_OR_RAISE(std::string text, format(*table, Engine::OutputSchema(*analyzed), options));

    arrow::StringBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Append(text));
    SPK_ASSIGN_OR_RAISE_ARROW(auto array, builder.Finish());
    LocalResult result;
    result.schema = {StructField{column, DataType::String(), false}};
    result.table =
        arrow::Table::Make(arrow::schema({arrow::field(column, arrow::utf8(), false)}), {array});
    return SendLocalResult(result);
  }

  Result<std::shared_ptr<arrow::Table>> CollectAnalyzed(const PlanPtr& analyzed) {
    SPK_ASSIGN_OR_RAISE(auto stream,
                        state_.engine.Execute(*session_, analyzed, operation_.cancellation()));
    std::vector<std::shared_ptr<arrow::RecordBatch>> batches;
    while (true) {
      SPK_RETURN_NOT_OK(operation_.cancellation()->Check());
      SPK_ASSIGN_OR_RAISE(std::shared_ptr<arrow::RecordBatch> batch, stream->Next());
      if (batch == nullptr) break;
      SPK_ASSIGN_OR_RAISE(batch, WithSchema(batch, stream->schema()));
      batches.push_back(std::move(batch));
    }
    SPK_ASSIGN_OR_RAISE_ARROW(auto table,
                              arrow::Table::FromRecordBatches(stream->schema(), batches));
    return table;
  }

  Status RunCommand(const Command& command) {
    switch (command.command_type_case()) {
      case Command::kSqlCommand:
        return RunSqlCommand(command.sql_command());
      case Command::kCreateDataframeView:
        return RunCreateView(command.create_dataframe_view());
      case Command::kWriteOperation: {
        SPK_ASSIGN_OR_RAISE(PlanPtr write, TranslateWrite(command.write_operation()));
        return RunEagerCommand(write);
      }
      case Command::kWriteOperationV2: {
        SPK_ASSIGN_OR_RAISE(PlanPtr write, TranslateWriteV2(command.write_operation_v2()));
        return RunEagerCommand(write);
      }
      case Command::kPipelineCommand:
        // Each response (one per pipeline event) goes out as it happens: a run can be long.
        return RunPipelineCommand(state_, session_, operation_.cancellation(),
                                  command.pipeline_command(), context_,
                                  [this](ExecutePlanResponse response) {
                                    SPK_RETURN_NOT_OK(Send(std::move(response)));
                                    return Flush();
                                  });
      case Command::kMlCommand:
        // Every client cleans its ML model cache when it closes; with no Spark ML here the
        // cache is always empty, so cleaning it succeeds with nothing to report.
        if (command.ml_command().has_clean_cache()) return Status::OK();
        return UnsupportedConnectFeature("Spark ML commands");
      default:
        return UnsupportedConnectFeature("command type " +
                                         OneofCaseName(command, command.command_type_case()));
    }
  }

  Status RunEagerCommand(const PlanPtr& command) {
    SPK_RETURN_NOT_OK(state_.engine.RunCommand(*session_, command).status());
    session_->Touch();
    return Status::OK();
  }

  /// df.write...saveAsTable / insertInto / save as a table command.
  Result<PlanPtr> TranslateWrite(const spark::connect::WriteOperation& write) {
    using spark::connect::WriteOperation;
    if (!write.has_input()) return InvalidPlanInput("WriteOperation without input");
    auto command = std::make_shared<sparkling::Command>();
    SPK_ASSIGN_OR_RAISE(command->query, TranslateRelation(write.input(), context_));
    std::string format = LowerCase(write.source());
    std::string table_name;
    if (write.has_table()) {
      table_name = write.table().table_name();
    } else if (write.has_path() && format == "iceberg" &&
               write.path().find('/') == std::string::npos) {
      table_name = write.path();  // Iceberg takes a table name as the path
    } else {
      return Status::NotImplemented("DataFrameWriter.save to a path (format '" + format +
                                    "'); write to a table with saveAsTable or insertInto");
    }
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartIdentifier(table_name));
    auto definition = std::make_shared<TableDefinition>();
    if (!format.empty()) definition->provider = format;
    for (const auto& column : write.partitioning_columns()) {
      auto attribute = std::make_shared<UnresolvedAttribute>();
      attribute->name_parts = {column};
      definition->partitioning.push_back(std::move(attribute));
    }
    for (const auto& [key, value] : write.options()) definition->options.emplace_back(key, value);
    if (write.bucket_by().bucket_column_names_size() > 0) {
      return Status::NotImplemented("bucketBy (bucketed tables)");
    }
    SaveMode mode = SaveMode::kErrorIfExists;
    switch (write.mode()) {
      case WriteOperation::SAVE_MODE_APPEND:
        mode = SaveMode::kAppend;
        break;
      case WriteOperation::SAVE_MODE_OVERWRITE:
        mode = SaveMode::kOverwrite;
        break;
      case WriteOperation::SAVE_MODE_IGNORE:
        mode = SaveMode::kIgnore;
        break;
      default:
        break;
    }
    if (write.has_table() &&
        write.table().save_method() == WriteOperation::SaveTable::TABLE_SAVE_METHOD_INSERT_INTO) {
      command->command = CommandKind::kInsert;
      command->overwrite = mode == SaveMode::kOverwrite;
    } else {
      command->command = CommandKind::kCreateTable;
      command->save_mode = mode;
      command->table = std::move(definition);
    }
    return PlanPtr(std::move(command));
  }

  /// df.writeTo(t).create / createOrReplace / replace / append / overwrite /
  /// overwritePartitions as a table command.
  Result<PlanPtr> TranslateWriteV2(const spark::connect::WriteOperationV2& write) {
    using spark::connect::WriteOperationV2;
    if (!write.has_input()) return InvalidPlanInput("WriteOperationV2 without input");
    auto command = std::make_shared<sparkling::Command>();
    SPK_ASSIGN_OR_RAISE(command->query, TranslateRelation(write.input(), context_));
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartIdentifier(write.table_name()));
    auto definition = std::make_shared<TableDefinition>();
    if (write.has_provider()) definition->provider = LowerCase(write.provider());
    for (const auto& expression : write.partitioning_columns()) {
      SPK_ASSIGN_OR_RAISE(ExprPtr transform, TranslateExpression(expression, context_));
      definition->partitioning.push_back(std::move(transform));
    }
    for (const auto& [key, value] : write.options()) definition->options.emplace_back(key, value);
    for (const auto& [key, value] : write.table_properties()) {
      definition->properties.emplace_back(key, value);
    }
    command->by_name = true;
    switch (write.mode()) {
      case WriteOperationV2::MODE_CREATE:
        command->command = CommandKind::kCreateTable;
        break;
      case WriteOperationV2::MODE_CREATE_OR_REPLACE:
        command->command = CommandKind::kCreateTable;
        command->replace = true;
        command->if_exists = true;
        break;
      case WriteOperationV2::MODE_REPLACE:
        command->command = CommandKind::kCreateTable;
        command->replace = true;
        break;
      case WriteOperationV2::MODE_APPEND:
        command->command = CommandKind::kInsert;
        break;
      case WriteOperationV2::MODE_OVERWRITE:
        command->command = CommandKind::kInsert;
        command->overwrite = true;
        if (write.has_overwrite_condition()) {
          SPK_ASSIGN_OR_RAISE(command->condition,
                              TranslateExpression(write.overwrite_condition(), context_));
        }
        break;
      case WriteOperationV2::MODE_OVERWRITE_PARTITIONS:
        command->command = CommandKind::kInsert;
        command->overwrite = true;
        command->dynamic_partition_overwrite = true;
        break;
      default:
        return InvalidPlanInput("WriteOperationV2 without a mode");
    }
    if (command->command == CommandKind::kCreateTable) command->table = std::move(definition);
    return PlanPtr(std::move(command));
  }

  Status RunSqlCommand(const spark::connect::SqlCommand& command) {
    Relation input = SqlCommandInput(command);
    std::optional<StatementResult> result;
    if (input.has_sql()) {
      SPK_ASSIGN_OR_RAISE(QueryParameters parameters, SqlParameters(input.sql(), context_));
      SPK_ASSIGN_OR_RAISE(result, state_.engine.RunSql(*session_, input.sql().query(), parameters));
    } else {
      // spark.sql(query, df=...) arrives as WithRelations: run it now when it is a command.
      SPK_ASSIGN_OR_RAISE(PlanPtr plan, TranslateRelation(input, context_));
      if (plan->kind == PlanKind::kCommand) {
        SPK_ASSIGN_OR_RAISE(result, state_.engine.RunCommand(*session_, plan));
      }
    }

    ExecutePlanResponse response;
    Relation* relation = response.mutable_sql_command_result()->mutable_relation();
    if (result && result->is_command()) {
      auto table = result->rows;
      if (table == nullptr) {
        table = arrow::Table::MakeEmpty(arrow::schema({})).ValueOr(nullptr);
      }
      SPK_ASSIGN_OR_RAISE(std::string data, SerializeIpcStream(*table));
      relation->mutable_local_relation()->set_data(std::move(data));
    } else {
      // A query runs when the client acts on the DataFrame: hand its relation back.
      *relation = std::move(input);
    }
    SPK_RETURN_NOT_OK(Send(std::move(response)));
    return SendMetrics();
  }

  Status RunCreateView(const spark::connect::CreateDataFrameViewCommand& command) {
    if (!command.has_input()) return InvalidPlanInput("CreateDataFrameViewCommand without input");
    SPK_ASSIGN_OR_RAISE(PlanPtr plan, TranslateRelation(command.input(), context_));
    SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, state_.engine.Analyze(*session_, plan));
    TempView view;
    view.name = command.name();
    view.plan = std::move(analyzed);
    if (command.is_global()) {
      return session_->catalog().CreateGlobalTempView(std::move(view), command.replace());
    }
    return session_->catalog().CreateTempView(std::move(view), command.replace());
  }

  // Every response costs the client a ReleaseExecute call, so the schema, a batch and the
  // metrics travel together where they can (they are separate fields; pyspark reads each).
  static bool Mergeable(const ExecutePlanResponse& a, const ExecutePlanResponse& b) {
    const auto kNone = ExecutePlanResponse::RESPONSE_TYPE_NOT_SET;
    return (a.response_type_case() == kNone || b.response_type_case() == kNone) &&
           !(a.has_schema() && b.has_schema()) && !(a.has_metrics() && b.has_metrics());
  }

  Status Send(ExecutePlanResponse response) {
    if (held_ && Mergeable(*held_, response)) {
      held_->MergeFrom(response);
      return Status::OK();
    }
    SPK_RETURN_NOT_OK(Flush());
    held_ = std::move(response);
    return Status::OK();
  }

  Status Flush() {
    if (!held_) return Status::OK();
    Status status = operation_.Push(std::move(*held_));
    held_.reset();
    return status;
  }

  Status SendSchema(const Schema& schema) {
    ExecutePlanResponse response;
    SchemaToProto(schema, response.mutable_schema());
    return Send(std::move(response));
  }

  Status SendBatch(const std::shared_ptr<arrow::RecordBatch>& batch,
                   const std::shared_ptr<arrow::Schema>& schema) {
    SPK_ASSIGN_OR_RAISE(auto uniform, WithSchema(batch, schema));
    for (const auto& slice : SliceForTransport(uniform, batch_limits_)) {
      SPK_ASSIGN_OR_RAISE(std::string data, SerializeIpcStream(*slice));
      ExecutePlanResponse response;
      auto* arrow_batch = response.mutable_arrow_batch();
      arrow_batch->set_row_count(slice->num_rows());
      arrow_batch->set_start_offset(rows_sent_);
      arrow_batch->set_data(std::move(data));
      SPK_RETURN_NOT_OK(Send(std::move(response)));
      rows_sent_ += slice->num_rows();
      ++batches_sent_;
    }
    return Status::OK();
  }

  Status SendEmptyBatch(const std::shared_ptr<arrow::Schema>& schema) {
    SPK_ASSIGN_OR_RAISE(std::string data, SerializeEmptyIpcStream(schema));
    ExecutePlanResponse response;
    response.mutable_arrow_batch()->set_row_count(0);
    response.mutable_arrow_batch()->set_start_offset(rows_sent_);
    response.mutable_arrow_batch()->set_data(std::move(data));
    ++batches_sent_;
    return Send(std::move(response));
  }

  Status SendLocalResult(const LocalResult& result) {
    SPK_RETURN_NOT_OK(SendSchema(result.schema));
    SPK_ASSIGN_OR_RAISE_ARROW(auto combined, result.table->CombineChunksToBatch());
    if (combined->num_rows() > 0) {
      SPK_RETURN_NOT_OK(SendBatch(combined, combined->schema()));
    } else {
      SPK_RETURN_NOT_OK(SendEmptyBatch(result.table->schema()));
    }
    return SendMetrics();
  }

  // Spark sends the plan's metrics tree; pyspark only exposes it through df.explain-like
  // debugging APIs, so an empty tree suffices.
  Status SendMetrics() {
    ExecutePlanResponse response;
    response.mutable_metrics();
    return Send(std::move(response));
  }

  ServerState& state_;
  const SessionPtr& session_;
  ExecuteOperation& operation_;
  TranslationContext context_;
  ArrowBatchLimits batch_limits_;
  int64_t rows_sent_ = 0;
  int64_t batches_sent_ = 0;
  std::optional<ExecutePlanResponse> held_;  // the last response, until it is known complete
};

}  // namespace

void RunPlan(ServerState& state, const SessionPtr& session, const ExecuteOperationPtr& operation,
             const spark::connect::Plan& plan) {
  PlanRunner runner(state, session, *operation);
  Status status = runner.Run(plan);
  if (status.ok()) {
    ExecutePlanResponse complete;
    complete.mutable_result_complete();
    status = operation->Push(std::move(complete));
  }
  if (!status.ok() && operation->cancellation()->IsCancelled()) {
    // Whatever failed last, the reason is the interrupt.
    status = Status::Cancelled();
  }
  if (!status.ok()) {
    SPK_LOG_DEBUG("SparkConnectServer", "Operation {} failed: {}", operation->operation_id(),
                  status.message());
  }
  operation->Finish(std::move(status));
}

}  // namespace sparkling::connect
