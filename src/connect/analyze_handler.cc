#include "connect/analyze_handler.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <spark/connect/base.pb.h>

#include <cctype>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "connect/plan_decoding.h"
#include "connect/relation_translator.h"
#include "connect/translation_errors.h"
#include "connect/type_translator.h"
#include "main/explain.h"
#include "parser/sql_parser.h"

namespace sparkling::connect {
namespace {

using spark::connect::AnalyzePlanRequest;
using spark::connect::AnalyzePlanResponse;

class Analyzer {
 public:
  Analyzer(ServerState& state, Session& session) : state_(state), session_(session) {
    const std::string session_id = session.session_id();
    ArtifactManager* artifacts = &state.artifacts;
    context_.fetch_cached_artifact = [artifacts,
                                      session_id](const std::string& hash) -> Result<std::string> {
      SPK_ASSIGN_OR_RAISE(ArtifactBytes blob, artifacts->FindCachedBlob(session_id, hash));
      return *blob;
    };
  }

  /// The unresolved plan of a Plan that must be a relation.
  Result<PlanPtr> Translate(const spark::connect::Plan& plan) {
    SPK_ASSIGN_OR_RAISE(DecodedPlan decoded, DecodePlan(plan, state_.limits.max_plan_bytes));
    if (!decoded.relation) return InvalidPlanInput("AnalyzePlan needs a relation, not a command");
    return Translate(*decoded.relation);
  }
  Result<PlanPtr> Translate(const spark::connect::Relation& relation) {
    SPK_RETURN_NOT_OK(CheckKnownFields(relation));
    return TranslateRelation(relation, context_);
  }
  Result<PlanPtr> Resolve(const spark::connect::Plan& plan) {
    SPK_ASSIGN_OR_RAISE(PlanPtr unresolved, Translate(plan));
    return state_.engine.Resolve(session_, unresolved);
  }

  Engine& engine() { return state_.engine; }
  Session& session() { return session_; }

 private:
  ServerState& state_;
  Session& session_;
  TranslationContext context_;
};

ExplainMode ToExplainMode(AnalyzePlanRequest::Explain::ExplainMode mode) {
  switch (mode) {
    case AnalyzePlanRequest::Explain::EXPLAIN_MODE_EXTENDED:
      return ExplainMode::kExtended;
    case AnalyzePlanRequest::Explain::EXPLAIN_MODE_CODEGEN:
      return ExplainMode::kCodegen;
    case AnalyzePlanRequest::Explain::EXPLAIN_MODE_COST:
      return ExplainMode::kCost;
    case AnalyzePlanRequest::Explain::EXPLAIN_MODE_FORMATTED:
      return ExplainMode::kFormatted;
    default:
      return ExplainMode::kSimple;
  }
}

// persist()/storageLevel identify a DataFrame by its relation; serialise deterministically
// so that map fields (options) do not make equal relations look different.
std::string PlanKey(const spark::connect::Relation& relation) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    relation.SerializeToCodedStream(&out);
  }
  return bytes;
}

void ToProto(const StorageLevel& level, spark::connect::StorageLevel* out) {
  out->set_use_disk(level.use_disk);
  out->set_use_memory(level.use_memory);
  out->set_use_off_heap(level.use_off_heap);
  out->set_deserialized(level.deserialized);
  out->set_replication(level.replication);
}

std::string QuoteIfNeeded(const std::string& name) {
  bool plain = !name.empty();
  bool all_digits = true;
  for (unsigned char c : name) {
    if (!std::isalnum(c) && c != '_') plain = false;
    if (!std::isdigit(c)) all_digits = false;
  }
  if (plain && !all_digits) return name;
  std::string quoted = "`";
  for (char c : name) quoted += (c == '`') ? std::string("``") : std::string(1, c);
  return quoted + "`";
}

bool IsLocalPlan(const LogicalPlan& plan) {
  if (plan.kind == PlanKind::kSubqueryAlias && !plan.children.empty()) {
    return IsLocalPlan(*plan.child());
  }
  return plan.kind == PlanKind::kLocalRelation;
}

Status Dispatch(Analyzer& analyzer, const AnalyzePlanRequest& request,
                AnalyzePlanResponse* response) {
  switch (request.analyze_case()) {
    case AnalyzePlanRequest::kSchema: {
      SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, analyzer.Resolve(request.schema().plan()));
      SchemaToProto(Engine::OutputSchema(*analyzed), response->mutable_schema()->mutable_schema());
      return Status::OK();
    }
    case AnalyzePlanRequest::kExplain: {
      SPK_ASSIGN_OR_RAISE(PlanPtr unresolved, analyzer.Translate(request.explain().plan()));
      SPK_ASSIGN_OR_RAISE(std::string text, analyzer.engine().Explain(
                                                analyzer.session(), unresolved,
                                                ToExplainMode(request.explain().explain_mode())));
      response->mutable_explain()->set_explain_string(std::move(text));
      return Status::OK();
    }
    case AnalyzePlanRequest::kTreeString: {
      const auto& tree = request.tree_string();
      SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, analyzer.Resolve(tree.plan()));
      int level = tree.has_level() ? tree.level() : -1;
      response->mutable_tree_string()->set_tree_string(
          SchemaTreeString(Engine::OutputSchema(*analyzed), level > 0 ? level : -1));
      return Status::OK();
    }
    case AnalyzePlanRequest::kIsLocal: {
      SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, analyzer.Resolve(request.is_local().plan()));
      response->mutable_is_local()->set_is_local(IsLocalPlan(*analyzed));
      return Status::OK();
    }
    case AnalyzePlanRequest::kIsStreaming: {
      SPK_RETURN_NOT_OK(analyzer.Resolve(request.is_streaming().plan()).status());
      response->mutable_is_streaming()->set_is_streaming(false);
      return Status::OK();
    }
    case AnalyzePlanRequest::kInputFiles: {
      // Tables live in memory for now: no files back any relation.
      SPK_RETURN_NOT_OK(analyzer.Resolve(request.input_files().plan()).status());
      response->mutable_input_files();
      return Status::OK();
    }
    case AnalyzePlanRequest::kSparkVersion:
      response->mutable_spark_version()->set_version(kSparkVersion);
      return Status::OK();
    case AnalyzePlanRequest::kDdlParse: {
      SPK_ASSIGN_OR_RAISE(DataTypePtr type,
                          ParseDataTypeOrSchema(request.ddl_parse().ddl_string()));
      DataTypeToProto(*type, response->mutable_ddl_parse()->mutable_parsed());
      return Status::OK();
    }
    case AnalyzePlanRequest::kSameSemantics: {
      const auto& same = request.same_semantics();
      SPK_ASSIGN_OR_RAISE(PlanPtr target, analyzer.Resolve(same.target_plan()));
      SPK_ASSIGN_OR_RAISE(PlanPtr other, analyzer.Resolve(same.other_plan()));
      response->mutable_same_semantics()->set_result(CanonicalPlanString(*target) ==
                                                     CanonicalPlanString(*other));
      return Status::OK();
    }
    case AnalyzePlanRequest::kSemanticHash: {
      SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, analyzer.Resolve(request.semantic_hash().plan()));
      size_t hash = std::hash<std::string>()(CanonicalPlanString(*analyzed));
      response->mutable_semantic_hash()->set_result(static_cast<int32_t>(hash ^ (hash >> 32)));
      return Status::OK();
    }
    case AnalyzePlanRequest::kPersist: {
      const auto& persist = request.persist();
      SPK_RETURN_NOT_OK(analyzer.Translate(persist.relation()).status());
      StorageLevel level;  // MEMORY_AND_DISK, the Dataset default
      if (persist.has_storage_level()) {
        const auto& requested = persist.storage_level();
        level.use_disk = requested.use_disk();
        level.use_memory = requested.use_memory();
        level.use_off_heap = requested.use_off_heap();
        level.deserialized = requested.deserialized();
        level.replication = requested.replication();
      }
      analyzer.session().Persist(PlanKey(persist.relation()), level);
      response->mutable_persist();
      return Status::OK();
    }
    case AnalyzePlanRequest::kUnpersist:
      analyzer.session().Unpersist(PlanKey(request.unpersist().relation()));
      response->mutable_unpersist();
      return Status::OK();
    case AnalyzePlanRequest::kGetStorageLevel: {
      auto level =
          analyzer.session().GetStorageLevel(PlanKey(request.get_storage_level().relation()));
      StorageLevel none{false, false, false, false, 1};  // StorageLevel.NONE
      ToProto(level.value_or(none), response->mutable_get_storage_level()->mutable_storage_level());
      return Status::OK();
    }
    case AnalyzePlanRequest::kJsonToDdl: {
      SPK_ASSIGN_OR_RAISE(DataTypePtr type, DataTypeFromJson(request.json_to_ddl().json_string()));
      if (type->id() != TypeId::kStruct) {
        return InvalidPlanInput("json_to_ddl expects a struct type, got " + type->SimpleString());
      }
      response->mutable_json_to_ddl()->set_ddl_string(SchemaToDdl(type->fields()));
      return Status::OK();
    }
    case AnalyzePlanRequest::ANALYZE_NOT_SET:
      break;
  }
  return InvalidPlanInput("AnalyzePlan request without an analysis");
}

}  // namespace

std::string CanonicalPlanString(const LogicalPlan& analyzed) {
  std::string tree = analyzed.TreeString();
  std::map<std::string, int> renumbered;
  std::string out;
  out.reserve(tree.size());
  for (size_t i = 0; i < tree.size(); ++i) {
    out += tree[i];
    if (tree[i] != '#') continue;
    size_t end = i + 1;
    while (end < tree.size() && std::isdigit(static_cast<unsigned char>(tree[end]))) ++end;
    if (end == i + 1) continue;
    std::string id = tree.substr(i + 1, end - i - 1);
    auto [it, inserted] = renumbered.emplace(id, static_cast<int>(renumbered.size()));
    out += std::to_string(it->second);
    i = end - 1;
  }
  return out;
}

std::string SchemaToDdl(const Schema& schema) {
  std::string ddl;
  for (const auto& field : schema) {
    if (!ddl.empty()) ddl += ",";
    ddl += QuoteIfNeeded(field.name) + " " + field.type->Sql();
    if (!field.nullable) ddl += " NOT NULL";
    auto metadata = nlohmann::json::parse(field.metadata_json, nullptr, false);
    if (metadata.is_object() && metadata.contains("comment") && metadata["comment"].is_string()) {
      std::string escaped;
      for (char c : metadata["comment"].get<std::string>()) {
        if (c == '\'' || c == '\\') escaped += '\\';
        escaped += c;
      }
      ddl += " COMMENT '" + escaped + "'";
    }
  }
  return ddl;
}

Status HandleAnalyze(ServerState& state, Session& session, const AnalyzePlanRequest& request,
                     AnalyzePlanResponse* response) {
  Analyzer analyzer(state, session);
  return Dispatch(analyzer, request, response);
}

}  // namespace sparkling::connect
