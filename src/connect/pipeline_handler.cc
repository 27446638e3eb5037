#include "connect/pipeline_handler.h"

#include <algorithm>

#include <google/protobuf/timestamp.pb.h>
#include <spark/connect/base.pb.h>
#include <spark/connect/common.pb.h>
#include <spark/connect/pipelines.pb.h>

#include "catalog/session_catalog.h"
#include "common/logging.h"
#include "connect/translation_errors.h"
#include "connect/type_translator.h"
#include "parser/sql_parser.h"
#include "pipelines/pipeline_run.h"
#include "pipelines/sql_graph_registration.h"
#include "plan/identifier.h"

namespace sparkling::connect {
namespace {

namespace proto = spark::connect;
using pipelines::DataflowGraph;
using pipelines::OutputType;

constexpr const char* kComponent = "PipelinesHandler";

void SetResolvedIdentifier(const std::vector<std::string>& identifier,
                           proto::ResolvedIdentifier* out) {
  if (identifier.size() == 3) {
    out->set_catalog_name(identifier[0]);
    out->add_namespace_(identifier[1]);
  }
  out->set_table_name(identifier.back());
}

pipelines::SourceLocation Location(const proto::SourceCodeLocation& location) {
  return {location.file_name(), location.line_number()};
}

class PipelineCommandRunner {
 public:
  PipelineCommandRunner(ServerState& state, const SessionPtr& session,
                        const CancellationTokenPtr& cancellation, const TranslationContext& context,
                        const std::function<Status(proto::ExecutePlanResponse)>& send)
      : state_(state),
        session_(session),
        cancellation_(cancellation),
        context_(context),
        send_(send) {}

  Status Run(const proto::PipelineCommand& command) {
    proto::ExecutePlanResponse response;
    auto* result = response.mutable_pipeline_command_result();
    switch (command.command_type_case()) {
      case proto::PipelineCommand::kCreateDataflowGraph:
        SPK_RETURN_NOT_OK(CreateDataflowGraph(command.create_dataflow_graph(), result));
        break;
      case proto::PipelineCommand::kDefineOutput:
        SPK_RETURN_NOT_OK(DefineOutput(command.define_output(), result));
        break;
      case proto::PipelineCommand::kDefineFlow:
        SPK_RETURN_NOT_OK(DefineFlow(command.define_flow(), result));
        break;
      case proto::PipelineCommand::kDefineSqlGraphElements:
        SPK_RETURN_NOT_OK(DefineSqlGraphElements(command.define_sql_graph_elements()));
        break;
      case proto::PipelineCommand::kDropDataflowGraph:
        state_.dataflow_graphs.Drop(session_->session_id(),
                                    command.drop_dataflow_graph().dataflow_graph_id());
        break;
      case proto::PipelineCommand::kStartRun:
        SPK_RETURN_NOT_OK(StartRun(command.start_run()));
        break;
      default: {
        const auto* field = command.GetDescriptor()->FindFieldByNumber(command.command_type_case());
        return UnsupportedConnectFeature("pipeline command " +
                                         (field != nullptr ? field->name() : std::string("?")));
      }
    }
    return send_(std::move(response));
  }

 private:
  Status CreateDataflowGraph(const proto::PipelineCommand::CreateDataflowGraph& create,
                             proto::PipelineCommandResult* result) {
    // Without defaults from the spec, names are qualified with the session's current ones.
    std::string catalog = create.has_default_catalog() && !create.default_catalog().empty()
                              ? create.default_catalog()
                              : session_->catalog().current_catalog();
    std::string database = create.has_default_database() && !create.default_database().empty()
                               ? create.default_database()
                               : session_->catalog().current_database();
    std::map<std::string, std::string> conf(create.sql_conf().begin(), create.sql_conf().end());
    auto graph =
        state_.dataflow_graphs.Create(session_->session_id(), catalog, database, std::move(conf));
    SPK_LOG_INFO(kComponent, "Create dataflow graph {} (session {})", graph->id(),
                 session_->session_id());
    result->mutable_create_dataflow_graph_result()->set_dataflow_graph_id(graph->id());
    return Status::OK();
  }

  Result<std::shared_ptr<DataflowGraph>> Graph(const std::string& id) {
    return state_.dataflow_graphs.Find(session_->session_id(), id);
  }

  Status DefineOutput(const proto::PipelineCommand::DefineOutput& define,
                      proto::PipelineCommandResult* result) {
    SPK_ASSIGN_OR_RAISE(auto graph, Graph(define.dataflow_graph_id()));
    pipelines::Output output;
    SPK_ASSIGN_OR_RAISE(output.identifier, ParseMultipartIdentifier(define.output_name()));
    switch (define.output_type()) {
      case proto::MATERIALIZED_VIEW:
        output.type = OutputType::kMaterializedView;
        break;
      case proto::TABLE:
        output.type = OutputType::kStreamingTable;
        break;
      case proto::TEMPORARY_VIEW:
        output.type = OutputType::kTemporaryView;
        break;
      case proto::SINK:
        return Status::NotImplemented("pipeline sinks (dp.create_sink)");
      default:
        return InvalidPlanInput("Unknown output type: " +
                                proto::OutputType_Name(define.output_type()));
    }
    if (define.has_comment()) output.comment = define.comment();
    if (define.has_source_code_location()) {
      output.origin = Location(define.source_code_location());
    }
    if (define.has_table_details()) {
      const auto& details = define.table_details();
      for (const auto& [key, value] : details.table_properties()) {
        output.table_properties.emplace_back(key, value);
      }
      std::sort(output.table_properties.begin(), output.table_properties.end());
      output.partition_columns.assign(details.partition_cols().begin(),
                                      details.partition_cols().end());
      if (details.clustering_columns_size() > 0) {
        return Status::NotImplemented("clustered pipeline tables (cluster_by)");
      }
      if (details.has_format()) output.format = LowerCase(details.format());
      if (details.has_schema_data_type()) {
        SPK_ASSIGN_OR_RAISE(DataTypePtr type, DataTypeFromProto(details.schema_data_type()));
        if (type->id() != TypeId::kStruct) {
          return InvalidPlanInput("The schema of a pipeline table must be a struct");
        }
        output.schema = type->fields();
      } else if (details.has_schema_string()) {
        SPK_ASSIGN_OR_RAISE(output.schema, ParseTableSchema(details.schema_string()));
      }
    }
    SPK_ASSIGN_OR_RAISE(auto identifier, graph->DefineOutput(std::move(output)));
    SetResolvedIdentifier(identifier,
                          result->mutable_define_output_result()->mutable_resolved_identifier());
    return Status::OK();
  }

  Status DefineFlow(const proto::PipelineCommand::DefineFlow& define,
                    proto::PipelineCommandResult* result) {
    SPK_ASSIGN_OR_RAISE(auto graph, Graph(define.dataflow_graph_id()));
    if (!define.has_relation_flow_details() || !define.relation_flow_details().has_relation()) {
      return Status::NotImplemented("flows without a relation (deferred query functions)");
    }
    SPK_ASSIGN_OR_RAISE(auto flow_name, ParseMultipartIdentifier(define.flow_name()));
    SPK_ASSIGN_OR_RAISE(auto target, ParseMultipartIdentifier(define.target_dataset_name()));
    if (flow_name != target && flow_name.size() > 1) {
      return Status::Error("MULTIPART_FLOW_NAME_NOT_SUPPORTED", {{"flowName", define.flow_name()}});
    }
    pipelines::Flow flow;
    SPK_ASSIGN_OR_RAISE(flow.query,
                        TranslateRelation(define.relation_flow_details().relation(), context_));
    flow.sql_conf.insert(define.sql_conf().begin(), define.sql_conf().end());
    flow.once = define.has_once() && define.once();
    if (define.has_source_code_location()) flow.origin = Location(define.source_code_location());
    SPK_ASSIGN_OR_RAISE(auto identifier, graph->DefineFlow(flow_name, target, std::move(flow)));
    SetResolvedIdentifier(identifier,
                          result->mutable_define_flow_result()->mutable_resolved_identifier());
    return Status::OK();
  }

  Status DefineSqlGraphElements(const proto::PipelineCommand::DefineSqlGraphElements& define) {
    SPK_ASSIGN_OR_RAISE(auto graph, Graph(define.dataflow_graph_id()));
    return pipelines::RegisterSqlGraphElements(*graph, define.sql_file_path(), define.sql_text());
  }

  Status StartRun(const proto::PipelineCommand::StartRun& start) {
    SPK_ASSIGN_OR_RAISE(auto graph, Graph(start.dataflow_graph_id()));
    SPK_LOG_INFO(kComponent, "Start run of dataflow graph {}{}", graph->id(),
                 start.dry() ? " (dry run)" : "");
    pipelines::RunOptions options;
    options.dry = start.has_dry() && start.dry();
    options.full_refresh_all = start.has_full_refresh_all() && start.full_refresh_all();
    options.full_refresh.assign(start.full_refresh_selection().begin(),
                                start.full_refresh_selection().end());
    options.refresh.assign(start.refresh_selection().begin(), start.refresh_selection().end());
    options.storage = start.has_storage() ? start.storage() : "";
    Status delivery;  // the first failure to hand an event to the client
    auto events = [&](pipelines::PipelineEvent event) {
      proto::ExecutePlanResponse response;
      auto* out = response.mutable_pipeline_event_result()->mutable_event();
      auto since_epoch = event.timestamp.time_since_epoch();
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
      out->mutable_timestamp()->set_seconds(seconds.count());
      out->mutable_timestamp()->set_nanos(static_cast<int32_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count()));
      out->set_message(std::move(event.message));
      Status sent = send_(std::move(response));
      if (!sent.ok() && delivery.ok()) delivery = sent;
    };
    Status status =
        pipelines::RunPipeline(state_.engine, *session_, *graph, options, events, cancellation_);
    session_->Touch();
    if (!status.ok()) return status;
    return delivery;
  }

  ServerState& state_;
  const SessionPtr& session_;
  const CancellationTokenPtr& cancellation_;
  const TranslationContext& context_;
  const std::function<Status(proto::ExecutePlanResponse)>& send_;
};

}  // namespace

Status RunPipelineCommand(ServerState& state, const SessionPtr& session,
                          const CancellationTokenPtr& cancellation,
                          const proto::PipelineCommand& command, const TranslationContext& context,
                          const std::function<Status(proto::ExecutePlanResponse)>& send) {
  PipelineCommandRunner runner(state, session, cancellation, context, send);
  return runner.Run(command);
}

}  // namespace sparkling::connect
