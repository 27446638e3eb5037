#include "main/table_commands.h"

#include <arrow/api.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>
#include <unordered_set>

#include "catalog/session_catalog.h"
#include "iceberg/data_file_writer.h"
#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/iceberg_table_source.h"
#include "iceberg/partition_transform.h"
#include "iceberg/snapshot_producer.h"
#include "iceberg/table_scan.h"
#include "main/command_output.h"
#include "plan/identifier.h"

namespace sparkling {
namespace {

using iceberg::DataFile;
using iceberg::IcebergCatalog;
using iceberg::LoadedTable;
using iceberg::TableIdentifier;

// ---- Building unresolved plans (the analyzer resolves them against the session) ----

ExprPtr Column(std::vector<std::string> parts) {
  auto column = std::make_shared<UnresolvedAttribute>();
  column->name_parts = std::move(parts);
  return column;
}

ExprPtr Call(std::string name, std::vector<ExprPtr> arguments) {
  auto call = std::make_shared<UnresolvedFunction>();
  call->name_parts = {std::move(name)};
  call->children = std::move(arguments);
  return call;
}

ExprPtr BoolLiteral(bool value) {
  return MakeLiteral(std::make_shared<arrow::BooleanScalar>(value), DataType::Boolean());
}

ExprPtr StringLiteral(const std::string& value) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(value), DataType::String());
}

ExprPtr IntLiteral(int32_t value) {
  return MakeLiteral(std::make_shared<arrow::Int32Scalar>(value), DataType::Integer());
}

ExprPtr CastTo(ExprPtr value, DataTypePtr type, std::string column = {}) {
  auto cast = std::make_shared<Cast>();
  cast->children.push_back(std::move(value));
  cast->target = std::move(type);
  cast->store_column = std::move(column);
  cast->mode = CastMode::kAnsi;  // Spark's ANSI store assignment, whatever ansi.enabled says
  cast->user_specified = false;
  return cast;
}

PlanPtr FilterOf(PlanPtr child, ExprPtr condition) {
  auto filter = std::make_shared<Filter>();
  filter->condition = std::move(condition);
  filter->children = {std::move(child)};
  return filter;
}

PlanPtr ProjectOf(PlanPtr child, std::vector<ExprPtr> expressions) {
  auto project = std::make_shared<Project>();
  project->expressions = std::move(expressions);
  project->children = {std::move(child)};
  return project;
}

PlanPtr AliasOf(PlanPtr child, std::vector<std::string> qualifier) {
  auto alias = std::make_shared<SubqueryAlias>();
  alias->qualifier = std::move(qualifier);
  alias->children = {std::move(child)};
  return alias;
}

PlanPtr DistinctOf(PlanPtr child) {
  auto distinct = std::make_shared<Distinct>();
  distinct->children = {std::move(child)};
  return distinct;
}

std::string OwnerName() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "root";
}

std::string LowerName(std::string text) { return LowerCase(text); }

// ---- Errors in Spark's terms ----

Status TableNotFound(const std::string& quoted) {
  return Status::Error("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", quoted}});
}

Status TableAlreadyExists(const std::string& quoted) {
  return Status::Error("TABLE_OR_VIEW_ALREADY_EXISTS", {{"relationName", quoted}});
}

/// The table a command names, in an Iceberg catalog.
struct TargetTable {
  std::shared_ptr<IcebergCatalog> catalog;
  TableIdentifier id;
  std::string catalog_name;
  std::string database;
  std::string quoted;  // `spark_catalog`.`db`.`t`
};

Result<TargetTable> Target(Session& session, const std::vector<std::string>& name_parts) {
  auto name = session.catalog().ResolveTableName(name_parts);
  if (!name) {
    if (name_parts.size() > 3) {
      return Status::Error(
          "REQUIRES_SINGLE_PART_NAMESPACE",
          {{"sessionCatalog", "spark_catalog"},
           {"namespace", QuoteNameParts({name_parts.begin() + 1, name_parts.end() - 1})}});
    }
    return Status::Error("CATALOG_NOT_FOUND", {{"catalogName", QuoteIdentifier(name_parts[0])}});
  }
  TargetTable target;
  target.catalog = name->catalog->iceberg();
  target.catalog_name = name->catalog->name();
  target.database = LowerName(name->database);
  target.id = TableIdentifier{{target.database}, name->table};
  target.quoted = QuoteNameParts({target.catalog_name, target.database, name->table});
  if (target.catalog == nullptr) {
    return Status::NotImplemented("tables in catalog " + QuoteIdentifier(target.catalog_name) +
                                  " (only Iceberg catalogs hold tables)");
  }
  return target;
}

/// Loads a table; TABLE_OR_VIEW_NOT_FOUND when it (or its namespace) does not exist.
Result<LoadedTable> Load(const TargetTable& target) {
  auto loaded = target.catalog->LoadTable(target.id);
  if (loaded.ok()) return loaded;
  const std::string& error_class = loaded.status().error().error_class;
  if (error_class == "ICEBERG_NO_SUCH_TABLE" || error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
    return TableNotFound(target.quoted);
  }
  return loaded.status();
}

Result<bool> Exists(const TargetTable& target) {
  auto exists = target.catalog->TableExists(target.id);
  if (exists.ok()) return exists;
  if (exists.status().error().error_class == "ICEBERG_NO_SUCH_NAMESPACE") return false;
  return exists.status();
}

/// Commit conflicts that outlived the retries, in the words Spark users see from Iceberg.
Status CommitError(Status status) {
  if (status.ok() || status.error().error_class != "ICEBERG_COMMIT_FAILED") return status;
  return status;
}

// ---- Partition specs and schemas ----

/// Iceberg's Spark naming of partition fields: id, id_bucket, s_trunc, ts_day, ...
Result<iceberg::PartitionSpec> SpecFromTransforms(const std::vector<ExprPtr>& transforms,
                                                  const iceberg::IcebergSchema& schema) {
  iceberg::PartitionSpec spec;
  int next_field_id = 1000;
  for (const auto& expr : transforms) {
    std::string column;
    std::string transform = "identity";
    std::string suffix;
    if (expr->kind == ExprKind::kUnresolvedAttribute) {
      const auto& parts = expr->As<UnresolvedAttribute>().name_parts;
      for (const auto& part : parts) column += (column.empty() ? "" : ".") + part;
    } else if (expr->kind == ExprKind::kUnresolvedFunction) {
      std::string name = LowerName(expr->As<UnresolvedFunction>().name());
      const auto& args = expr->children;
      auto column_of = [&](const ExprPtr& arg) -> Result<std::string> {
        if (arg->kind != ExprKind::kUnresolvedAttribute) {
          return Status::Error(
              "_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
              {{"message", "Invalid partition transform argument: " + arg->ToSql()}});
        }
        std::string out;
        for (const auto& part : arg->As<UnresolvedAttribute>().name_parts) {
          out += (out.empty() ? "" : ".") + part;
        }
        return out;
      };
      auto number_of = [&](const ExprPtr& arg) -> Result<int> {
        if (arg->kind != ExprKind::kLiteral || !arg->As<Literal>().value->is_valid) {
          return Status::NotImplemented("a partition transform parameter that is not a number");
        }
        auto cast = arg->As<Literal>().value->CastTo(arrow::int32());
        if (!cast.ok()) return Status::NotImplemented("this partition transform parameter");
        return static_cast<const arrow::Int32Scalar&>(**cast).value;
      };
      if ((name == "bucket" || name == "truncate") && args.size() == 2) {
        SPK_ASSIGN_OR_RAISE(int n, number_of(args[0]));
        SPK_ASSIGN_OR_RAISE(column, column_of(args[1]));
        transform = name + "[" + std::to_string(n) + "]";
        suffix = name == "bucket" ? "_bucket" : "_trunc";
      } else if (args.size() == 1 &&
                 (name == "years" || name == "year" || name == "months" || name == "month" ||
                  name == "days" || name == "day" || name == "date" || name == "hours" ||
                  name == "hour" || name == "date_hour" || name == "identity")) {
        SPK_ASSIGN_OR_RAISE(column, column_of(args[0]));
        if (name == "years" || name == "year") transform = "year";
        if (name == "months" || name == "month") transform = "month";
        if (name == "days" || name == "day" || name == "date") transform = "day";
        if (name == "hours" || name == "hour" || name == "date_hour") transform = "hour";
        if (transform != "identity") suffix = "_" + transform;
      } else {
        return Status::NotImplemented("the partition transform " + expr->ToSql());
      }
    } else {
      return Status::NotImplemented("the partition transform " + expr->ToSql());
    }
    const iceberg::NestedField* field = schema.FindFieldByName(column);
    if (field == nullptr) {
      return Status::Error("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
                           {{"objectName", QuoteIdentifier(column)}});
    }
    iceberg::PartitionField partition_field;
    partition_field.source_id = field->id;
    partition_field.field_id = next_field_id++;
    partition_field.transform = transform;
    partition_field.name = field->name + suffix;
    auto result_type =
        iceberg::TransformResultType(iceberg::ParseTransform(transform), *field->type);
    if (!result_type.ok()) {
      return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                           {{"message", "Invalid source type " + field->type->primitive +
                                            " for transform: " + transform}});
    }
    spec.fields.push_back(std::move(partition_field));
  }
  return spec;
}

/// Spark shows transforms as it declares them: id, bucket(16, id), days(ts), ...
std::string TransformSql(const iceberg::PartitionField& field,
                         const iceberg::IcebergSchema& schema) {
  const iceberg::NestedField* source = schema.FindField(field.source_id);
  std::string column = source ? source->name : std::to_string(field.source_id);
  iceberg::Transform transform = iceberg::ParseTransform(field.transform);
  switch (transform.kind) {
    case iceberg::Transform::Kind::kIdentity:
      return column;
    case iceberg::Transform::Kind::kBucket:
      return "bucket(" + std::to_string(transform.param) + ", " + column + ")";
    case iceberg::Transform::Kind::kTruncate:
      return "truncate(" + std::to_string(transform.param) + ", " + column + ")";
    case iceberg::Transform::Kind::kYear:
      return "years(" + column + ")";
    case iceberg::Transform::Kind::kMonth:
      return "months(" + column + ")";
    case iceberg::Transform::Kind::kDay:
      return "days(" + column + ")";
    case iceberg::Transform::Kind::kHour:
      return "hours(" + column + ")";
    default:
      return field.transform + "(" + column + ")";
  }
}

/// A schema with ids reused from `base` for columns of the same name (replace keeps ids).
iceberg::IcebergSchema ReuseIds(iceberg::IcebergSchema fresh, const iceberg::IcebergSchema* base,
                                int last_column_id) {
  if (base == nullptr) return fresh;
  // Only top-level ids are reused; nested ids stay fresh beyond last_column_id.
  int next = std::max(last_column_id, base->HighestFieldId());
  std::function<void(iceberg::NestedField&, bool)> assign = [&](iceberg::NestedField& field,
                                                                bool top) {
    const iceberg::NestedField* old = top ? base->FindFieldByName(field.name) : nullptr;
    field.id = old != nullptr && old->type->is_primitive() && field.type->is_primitive() ? old->id
                                                                                         : ++next;
    if (!field.type->is_primitive()) {
      auto type = std::make_shared<iceberg::IcebergType>(*field.type);
      for (auto& child : type->fields) assign(child, false);
      if (type->kind == iceberg::IcebergType::Kind::kList) {
        type->element.id = ++next;
      } else if (type->kind == iceberg::IcebergType::Kind::kMap) {
        type->key.id = ++next;
        type->value.id = ++next;
      }
      field.type = type;
    }
  };
  for (auto& field : fresh.fields) assign(field, true);
  return fresh;
}

/// Spark's CTAS makes every column nullable.
Schema AsNullable(const Schema& schema) {
  Schema out = schema;
  for (auto& field : out) field.nullable = true;
  return out;
}

// Whether the store assignment policy (ANSI) allows writing `from` into `to`.
bool CanStoreAssign(const DataType& from, const DataType& to) {
  if (from.id() == TypeId::kNull) return true;
  if (from.SameType(to)) return true;
  if (to.IsStringLike()) return !from.IsNested() || from.id() == TypeId::kStruct ? true : true;
  if (from.IsNumeric() && to.IsNumeric()) return true;
  if (from.IsDatetime() && to.IsDatetime()) return true;
  if (from.id() == TypeId::kArray && to.id() == TypeId::kArray) {
    return CanStoreAssign(*from.element_type(), *to.element_type());
  }
  if (from.id() == TypeId::kMap && to.id() == TypeId::kMap) {
    return CanStoreAssign(*from.key_type(), *to.key_type()) &&
           CanStoreAssign(*from.value_type(), *to.value_type());
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct) {
    if (from.fields().size() != to.fields().size()) return false;
    for (size_t i = 0; i < from.fields().size(); ++i) {
      if (!CanStoreAssign(*from.fields()[i].type, *to.fields()[i].type)) return false;
    }
    return true;
  }
  return false;
}

class TableCommandRunner {
 public:
  TableCommandRunner(Engine& engine, Session& session, const QueryParameters& parameters)
      : engine_(engine),
        session_(session),
        parameters_(parameters),
        time_zone_(session.ConfSnapshot().session_time_zone()) {}

  Result<StatementResult> Run(const Command& command) {
    switch (command.command) {
      case CommandKind::kCreateTable:
        return CreateTable(command);
      case CommandKind::kInsert:
        return Insert(command);
      case CommandKind::kDelete:
        return Delete(command);
      case CommandKind::kUpdate:
        return Update(command);
      case CommandKind::kMerge:
        return Merge(command);
      case CommandKind::kTruncateTable:
        return Truncate(command);
      case CommandKind::kDropTable:
        return DropTable(command);
      case CommandKind::kAlterTable:
        return AlterTable(command);
      case CommandKind::kShowTableExtended:
        return ShowTableExtended(command);
      case CommandKind::kShowTblProperties:
        return ShowTblProperties(command);
      case CommandKind::kShowCreateTable:
        return ShowCreateTable(command);
      case CommandKind::kDescribeQuery:
        return DescribeTable(command);
      case CommandKind::kDescribeDatabase:
        return DescribeDatabase(command);
      case CommandKind::kAlterDatabase:
        return AlterDatabase(command);
      case CommandKind::kCall:
        return CallProcedure(command);
      case CommandKind::kRefreshTable: {
        SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
        SPK_RETURN_NOT_OK(Load(target).status());
        return NoRows(time_zone_);
      }
      default:
        return Status::NotImplemented("command " + std::string(CommandNodeName(command.command)));
    }
  }

 private:
  // ---- Running queries and writing their rows ----

  /// Analyzes `plan` (unresolved or partly resolved) and optimizes it.
  Result<PlanPtr> Analyze(const PlanPtr& plan) {
    return engine_.Analyze(session_, plan, parameters_);
  }

  Result<std::shared_ptr<arrow::Table>> Collect(const PlanPtr& plan) {
    return engine_.Collect(session_, plan);
  }

  /// The rows of `query` (its columns already in the table's order and types) written as
  /// data files of the table.
  Result<std::vector<DataFile>> WriteRows(const PlanPtr& query,
                                          const iceberg::TableMetadata& metadata,
                                          const iceberg::IcebergSchema& schema,
                                          const iceberg::PartitionSpec& spec) {
    SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, Analyze(query));
    iceberg::DataFileWriterOptions options;
    options.file_prefix = "00000-" + iceberg::NewUuid();
    SPK_ASSIGN_OR_RAISE(auto writer, iceberg::MakeDataFileWriter(metadata, schema, spec, options));
    SPK_ASSIGN_OR_RAISE(auto stream, engine_.Execute(session_, analyzed, nullptr));
    while (true) {
      auto batch = stream->Next();
      if (!batch.ok()) {
        writer->Abort();
        return batch.status();
      }
      if (*batch == nullptr) break;
      Status written = writer->Write(*batch);
      if (!written.ok()) {
        writer->Abort();
        return written;
      }
    }
    return writer->Finish();
  }

  /// `query`'s columns matched to the table's (by position, by name, or through a column
  /// list), cast to the table's types as Spark's ANSI store assignment does.
  Result<PlanPtr> ToTableColumns(
      const PlanPtr& query, const Schema& table_schema, const std::string& quoted, bool by_name,
      const std::vector<std::string>& column_list,
      const std::vector<std::pair<std::string, ExprPtr>>& static_values) {
    SPK_ASSIGN_OR_RAISE(PlanPtr resolved, engine_.Resolve(session_, query, parameters_));
    const auto& output = resolved->output;
    std::vector<std::string> table_names;
    for (const auto& field : table_schema) table_names.push_back(field.name);
    auto find_static = [&](const std::string& name) -> const ExprPtr* {
      for (const auto& [column, value] : static_values) {
        if (value != nullptr && EqualsIgnoreCase(column, name)) return &value;
      }
      return nullptr;
    };
    // The table columns the query provides, in the query's order.
    std::vector<std::string> targets;
    if (!column_list.empty()) {
      for (const auto& name : column_list) {
        bool known = false;
        for (const auto& table_name : table_names) known |= EqualsIgnoreCase(table_name, name);
        if (!known) {
          return Status::Error(
              "UNRESOLVED_COLUMN.WITH_SUGGESTION",
              {{"objectName", QuoteIdentifier(name)}, {"proposal", QuoteNameList(table_names)}});
        }
        targets.push_back(name);
      }
    } else if (by_name) {
      for (const auto& attribute : output) {
        bool known = false;
        for (const auto& table_name : table_names)
          known |= EqualsIgnoreCase(table_name, attribute.name);
        if (!known) {
          return Status::Error(
              "INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS",
              {{"tableName", quoted}, {"extraColumns", QuoteIdentifier(attribute.name)}});
        }
        targets.push_back(attribute.name);
      }
    } else {
      for (const auto& name : table_names) {
        if (find_static(name) == nullptr) targets.push_back(name);
      }
    }
    // By position (with or without a column list) every query column needs a target.
    if ((!by_name || !column_list.empty()) && output.size() != targets.size()) {
      std::vector<std::string> data_names;
      for (const auto& attribute : output) data_names.push_back(attribute.name);
      return Status::Error(output.size() > targets.size()
                               ? "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
                               : "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
                           {{"tableName", quoted},
                            {"tableColumns", QuoteNameList(targets)},
                            {"dataColumns", QuoteNameList(data_names)}});
    }
    std::vector<ExprPtr> projection;
    for (const auto& field : table_schema) {
      ExprPtr value;
      if (const ExprPtr* fixed = find_static(field.name)) {
        value = *fixed;
      } else {
        for (size_t i = 0; i < targets.size(); ++i) {
          if (!EqualsIgnoreCase(targets[i], field.name)) continue;
          const Attribute& source = output[i];
          if (!CanStoreAssign(*source.type, *field.type)) {
            return Status::Error("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST",
                                 {{"tableName", quoted},
                                  {"colName", QuoteIdentifier(field.name)},
                                  {"srcType", "\"" + source.type->Sql() + "\""},
                                  {"targetType", "\"" + field.type->Sql() + "\""}});
          }
          value = source.ToReference();
          break;
        }
      }
      if (value == nullptr) {
        // A column the query leaves out gets NULL (its default), if it may be NULL.
        if (!field.nullable) {
          return Status::Error("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA",
                               {{"tableName", quoted}, {"colName", QuoteIdentifier(field.name)}});
        }
        value = MakeNullLiteral(field.type);
      }
      projection.push_back(MakeAlias(CastTo(value, field.type, field.name), field.name));
    }
    return ProjectOf(resolved, std::move(projection));
  }

  // ---- CREATE TABLE / CTAS / REPLACE / saveAsTable ----

  Result<StatementResult> CreateTable(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    const TableDefinition& definition =
        command.table ? *command.table : *std::make_shared<TableDefinition>();
    if (definition.provider && *definition.provider != "iceberg") {
      return Status::NotImplemented("tables USING " + *definition.provider +
                                    " (spark_catalog holds Iceberg tables; use USING iceberg)");
    }
    SPK_ASSIGN_OR_RAISE(bool exists, Exists(target));
    SaveMode mode = command.save_mode.value_or(SaveMode::kErrorIfExists);
    if (exists) {
      if (command.if_not_exists || mode == SaveMode::kIgnore) return NoRows(time_zone_);
      if (mode == SaveMode::kAppend) {
        Command insert = command;
        insert.command = CommandKind::kInsert;
        insert.by_name = true;
        return Insert(insert);
      }
      if (!command.replace && mode != SaveMode::kOverwrite)
        return TableAlreadyExists(target.quoted);
      return ReplaceTable(command, target, definition);
    }
    if (command.replace && !command.if_exists && !command.save_mode) {
      return Status::Error("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", target.quoted}});
    }
    // A new table: columns from the definition or from the query.
    PlanPtr resolved_query;
    Schema columns = definition.columns;
    if (command.query != nullptr) {
      SPK_ASSIGN_OR_RAISE(resolved_query, engine_.Resolve(session_, command.query, parameters_));
      if (columns.empty()) columns = AsNullable(Engine::OutputSchema(*resolved_query));
    }
    SPK_RETURN_NOT_OK(CheckColumnNames(columns));
    SPK_ASSIGN_OR_RAISE(iceberg::IcebergSchema schema, iceberg::FromSparkSchema(columns));
    SPK_ASSIGN_OR_RAISE(iceberg::PartitionSpec spec,
                        SpecFromTransforms(definition.partitioning, schema));
    iceberg::CreateTableRequest request;
    request.name = target.id.name;
    request.location = definition.location;
    request.schema = schema;
    request.partition_spec = spec;
    request.properties = TableProperties(definition);
    request.stage_create = command.query != nullptr;
    auto created = target.catalog->CreateTable(target.id.ns, request);
    if (!created.ok()) return MapCreateError(created.status(), target);
    if (command.query == nullptr) return NoRows(time_zone_);
    const iceberg::TableMetadata& metadata = *created->metadata;
    SPK_ASSIGN_OR_RAISE(PlanPtr rows,
                        ToTableColumns(resolved_query, ToSparkSchema(metadata.current_schema()),
                                       target.quoted, false, {}, {}));
    SPK_ASSIGN_OR_RAISE(
        auto files, WriteRows(rows, metadata, metadata.current_schema(), metadata.default_spec()));
    auto committed = iceberg::CommitStagedCreate(*target.catalog, target.id, *created, files);
    if (!committed.ok()) {
      DeleteFiles(files);
      return MapCreateError(committed.status(), target);
    }
    return NoRows(time_zone_);
  }

  Status CheckColumnNames(const Schema& columns) {
    std::set<std::string> seen;
    for (const auto& field : columns) {
      if (!seen.insert(LowerName(field.name)).second) {
        return Status::Error("COLUMN_ALREADY_EXISTS",
                             {{"columnName", QuoteIdentifier(field.name)}});
      }
    }
    return Status::OK();
  }

  Status MapCreateError(const Status& status, const TargetTable& target) {
    const std::string& error_class = status.error().error_class;
    if (error_class == "ICEBERG_ALREADY_EXISTS") return TableAlreadyExists(target.quoted);
    if (error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
      return Status::Error(
          "SCHEMA_NOT_FOUND",
          {{"schemaName", QuoteNameParts({target.catalog_name, target.database})}});
    }
    return status;
  }

  std::map<std::string, std::string> TableProperties(const TableDefinition& definition) {
    std::map<std::string, std::string> properties;
    for (const auto& [key, value] : definition.properties) properties[key] = value;
    for (const auto& [key, value] : definition.options) properties[key] = value;
    if (definition.comment) properties["comment"] = *definition.comment;
    if (properties.count("owner") == 0) properties["owner"] = OwnerName();
    return properties;
  }

  Result<StatementResult> ReplaceTable(const Command& command, const TargetTable& target,
                                       const TableDefinition& definition) {
    SPK_ASSIGN_OR_RAISE(LoadedTable base, Load(target));
    PlanPtr resolved_query;
    Schema columns = definition.columns;
    if (command.query != nullptr) {
      SPK_ASSIGN_OR_RAISE(resolved_query, engine_.Resolve(session_, command.query, parameters_));
      if (columns.empty()) columns = AsNullable(Engine::OutputSchema(*resolved_query));
    }
    SPK_RETURN_NOT_OK(CheckColumnNames(columns));
    SPK_ASSIGN_OR_RAISE(iceberg::IcebergSchema fresh, iceberg::FromSparkSchema(columns));
    iceberg::TableDefinitionChange change;
    change.schema =
        ReuseIds(fresh, &base.metadata->current_schema(), base.metadata->last_column_id);
    SPK_ASSIGN_OR_RAISE(change.spec, SpecFromTransforms(definition.partitioning, change.schema));
    // Spec field ids continue after the table's last partition id.
    int next = base.metadata->last_partition_id;
    for (auto& field : change.spec.fields) {
      bool reused = false;
      for (const auto& spec : base.metadata->partition_specs) {
        for (const auto& old : spec.fields) {
          if (!reused && old.source_id == field.source_id && old.transform == field.transform) {
            field.field_id = old.field_id;
            reused = true;
          }
        }
      }
      if (!reused) field.field_id = ++next;
    }
    change.properties = TableProperties(definition);
    change.location = definition.location;
    std::vector<DataFile> files;
    if (resolved_query != nullptr) {
      // Files are written against a view of the table with the new schema and spec.
      iceberg::TableMetadata staged = *base.metadata;
      for (const auto& [key, value] : change.properties) staged.properties[key] = value;
      if (change.location) staged.location = *change.location;
      SPK_ASSIGN_OR_RAISE(PlanPtr rows, ToTableColumns(resolved_query, ToSparkSchema(change.schema),
                                                       target.quoted, false, {}, {}));
      SPK_ASSIGN_OR_RAISE(files, WriteRows(rows, staged, change.schema, change.spec));
    }
    auto committed = iceberg::CommitReplace(*target.catalog, target.id, base, change, files);
    if (!committed.ok()) {
      DeleteFiles(files);
      return CommitError(committed.status());
    }
    return NoRows(time_zone_);
  }

  void DeleteFiles(const std::vector<DataFile>& files) {
    for (const auto& file : files) {
      auto path = iceberg::LocalPath(file.file_path);
      if (path.ok()) (void)iceberg::DeleteLocalFile(*path);
    }
  }

  // ---- INSERT INTO / OVERWRITE ----

  Result<StatementResult> Insert(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    const iceberg::IcebergSchema& schema = metadata.current_schema();
    Schema table_schema = ToSparkSchema(schema);
    for (const auto& [column, value] : command.partition_values) {
      bool known = false;
      for (const auto& field : table_schema) known |= EqualsIgnoreCase(field.name, column);
      if (!known) {
        return Status::Error("PARTITIONS_NOT_FOUND",
                             {{"partitionList", "PARTITION (" + QuoteIdentifier(column) + ")"},
                              {"tableName", target.quoted}});
      }
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr rows,
                        ToTableColumns(command.query, table_schema, target.quoted, command.by_name,
                                       command.column_names, command.partition_values));
    SPK_ASSIGN_OR_RAISE(auto files, WriteRows(rows, metadata, schema, metadata.default_spec()));
    iceberg::SnapshotChange change;
    change.added = files;
    if (command.overwrite) {
      SPK_RETURN_NOT_OK(OverwriteScope(command, metadata, files, &change));
    }
    auto committed = iceberg::CommitSnapshot(*target.catalog, target.id, change);
    if (!committed.ok()) {
      DeleteFiles(files);
      return CommitError(committed.status());
    }
    return NoRows(time_zone_);
  }

  /// Which files an INSERT OVERWRITE replaces: the whole table (static mode, no partition
  /// values), the partitions written (dynamic mode), or the static partition named.
  Status OverwriteScope(const Command& command, const iceberg::TableMetadata& metadata,
                        const std::vector<DataFile>& files, iceberg::SnapshotChange* change) {
    const iceberg::PartitionSpec& spec = metadata.default_spec();
    std::string mode = LowerName(session_.ConfSnapshot()
                                     .GetOption("spark.sql.sources.partitionOverwriteMode")
                                     .value_or("static"));
    bool has_static = false;
    for (const auto& [column, value] : command.partition_values) has_static |= value != nullptr;
    bool dynamic = command.dynamic_partition_overwrite ||
                   (mode == "dynamic" && !spec.unpartitioned() && !has_static);
    if (!dynamic && !has_static) {
      change->remove_all = true;
      change->operation = "overwrite";
      return Status::OK();
    }
    SPK_ASSIGN_OR_RAISE(auto live, iceberg::ReadLiveEntries(metadata, metadata.current_snapshot()));
    auto key_of = [](const DataFile& file) {
      std::string key = std::to_string(file.spec_id);
      for (const auto& value : file.partition) {
        key += '\x1f';
        key += value && value->is_valid ? value->ToString() : "\x01";
      }
      return key;
    };
    if (dynamic) {
      std::set<std::string> written;
      for (const auto& file : files) written.insert(key_of(file));
      for (const auto& item : live) {
        const DataFile& file = item.entry.data_file;
        if (file.content == iceberg::FileContent::kData && written.count(key_of(file)) > 0) {
          change->removed_paths.push_back(file.file_path);
        }
      }
      change->operation = "overwrite";
      return Status::OK();
    }
    // Static values: files of partitions whose identity fields equal them.
    const iceberg::IcebergSchema& schema = metadata.current_schema();
    std::vector<std::pair<size_t, std::shared_ptr<arrow::Scalar>>> required;
    for (const auto& [column, value] : command.partition_values) {
      if (value == nullptr) continue;
      const iceberg::NestedField* field = schema.FindFieldByName(column);
      std::optional<size_t> position;
      for (size_t i = 0; field != nullptr && i < spec.fields.size(); ++i) {
        if (spec.fields[i].source_id == field->id && spec.fields[i].transform == "identity") {
          position = i;
        }
      }
      if (!position) {
        return Status::NotImplemented(
            "INSERT OVERWRITE ... PARTITION on a column that is not an "
            "identity partition field");
      }
      SPK_ASSIGN_OR_RAISE(
          PlanPtr literal_plan,
          Analyze(ProjectOf(std::make_shared<OneRow>(),
                            {MakeAlias(CastTo(value, ToSparkType(*field->type)), "v")})));
      SPK_ASSIGN_OR_RAISE(auto table, Collect(literal_plan));
      SPK_ASSIGN_OR_RAISE_ARROW(auto scalar, table->column(0)->GetScalar(0));
      required.emplace_back(*position, scalar);
    }
    for (const auto& item : live) {
      const DataFile& file = item.entry.data_file;
      if (file.content != iceberg::FileContent::kData || file.spec_id != spec.spec_id) continue;
      bool match = true;
      for (const auto& [position, scalar] : required) {
        if (position >= file.partition.size() || file.partition[position] == nullptr) {
          match = false;
          break;
        }
        auto cast = file.partition[position]->CastTo(scalar->type);
        match = match && cast.ok() && (*cast)->Equals(*scalar);
      }
      if (match) change->removed_paths.push_back(file.file_path);
    }
    change->operation = "overwrite";
    return Status::OK();
  }

  // ---- DELETE / UPDATE / MERGE (copy-on-write) ----

  /// The table's rows with `_file` (and `_pos`) appended, under the command's alias.
  Result<PlanPtr> TargetRows(const TargetTable& target, const LoadedTable& table,
                             const std::optional<std::string>& alias, bool with_position) {
    auto source = std::make_shared<iceberg::IcebergTableSource>(target.quoted, target.id, table,
                                                                std::nullopt);
    auto scan = std::make_shared<TableScan>();
    scan->source = source;
    for (const auto& field : source->schema()) {
      Attribute attribute;
      attribute.name = field.name;
      attribute.type = field.type;
      attribute.nullable = field.nullable;
      attribute.id = NewExprId();
      scan->output.push_back(std::move(attribute));
    }
    Attribute file;
    file.name = "_file";
    file.type = DataType::String();
    file.nullable = false;
    file.id = NewExprId();
    scan->output.push_back(file);
    if (with_position) {
      Attribute position;
      position.name = "_pos";
      position.type = DataType::Long();
      position.nullable = false;
      position.id = NewExprId();
      scan->output.push_back(position);
    }
    scan->analyzed = true;
    std::vector<std::string> qualifier =
        alias ? std::vector<std::string>{*alias}
              : std::vector<std::string>{target.catalog_name, target.database, target.id.name};
    return AliasOf(scan, std::move(qualifier));
  }

  /// The distinct `_file` values of the rows of `rows` matching `condition`.
  Result<std::vector<std::string>> FilesMatching(const PlanPtr& rows, const ExprPtr& condition) {
    PlanPtr files = DistinctOf(ProjectOf(FilterOf(rows, condition), {Column({"_file"})}));
    SPK_ASSIGN_OR_RAISE(auto table, Collect(files));
    std::vector<std::string> out;
    for (const auto& chunk : table->column(0)->chunks()) {
      const auto& strings = static_cast<const arrow::StringArray&>(*chunk);
      for (int64_t i = 0; i < strings.length(); ++i) out.emplace_back(strings.GetView(i));
    }
    return out;
  }

  ExprPtr InFiles(const std::vector<std::string>& files) {
    std::vector<ExprPtr> arguments = {Column({"_file"})};
    for (const auto& file : files) arguments.push_back(StringLiteral(file));
    return Call("in", std::move(arguments));
  }

  /// Commits `files` in place of `removed` (or of every file) as one serializable snapshot on
  /// top of `metadata`'s current one; a failed commit deletes the files it would have added.
  Status CommitRewrite(const TargetTable& target, const iceberg::TableMetadata& metadata,
                       const std::string& operation, std::vector<iceberg::DataFile> files,
                       std::vector<std::string> removed, bool remove_all) {
    iceberg::SnapshotChange change;
    change.operation = operation;
    change.added = std::move(files);
    change.removed_paths = std::move(removed);
    change.remove_all = remove_all;
    change.serializable = true;
    if (const auto* snapshot = metadata.current_snapshot()) {
      change.base_snapshot_id = snapshot->snapshot_id;
    }
    auto committed = iceberg::CommitSnapshot(*target.catalog, target.id, change);
    if (!committed.ok()) {
      DeleteFiles(change.added);
      return CommitError(committed.status());
    }
    return Status::OK();
  }

  Result<StatementResult> Delete(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    if (command.condition == nullptr) {
      SPK_RETURN_NOT_OK(CommitRewrite(target, metadata, "delete", {}, {}, true));
      return NoRows(time_zone_);
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr rows, TargetRows(target, table, command.alias, false));
    SPK_ASSIGN_OR_RAISE(auto affected, FilesMatching(rows, command.condition));
    if (affected.empty()) return NoRows(time_zone_);
    // The rows of those files that survive: the condition is not true for them.
    ExprPtr keep = Call("not", {Call("<=>", {command.condition, BoolLiteral(true)})});
    PlanPtr survivors = FilterOf(FilterOf(rows, InFiles(affected)), keep);
    std::vector<ExprPtr> columns;
    for (const auto& field : metadata.current_schema().fields)
      columns.push_back(Column({field.name}));
    Schema table_schema = ToSparkSchema(metadata.current_schema());
    SPK_ASSIGN_OR_RAISE(
        PlanPtr projected,
        ToTableColumns(ProjectOf(survivors, columns), table_schema, target.quoted, false, {}, {}));
    SPK_ASSIGN_OR_RAISE(auto files, WriteRows(projected, metadata, metadata.current_schema(),
                                              metadata.default_spec()));
    SPK_RETURN_NOT_OK(
        CommitRewrite(target, metadata, "delete", std::move(files), std::move(affected), false));
    return NoRows(time_zone_);
  }

  /// The column an assignment targets (UPDATE SET a = ..., t.a = ...).
  Result<std::string> AssignedColumn(const Assignment& assignment, const Schema& table_schema,
                                     const std::optional<std::string>& alias,
                                     const TargetTable& target) {
    const auto& parts = assignment.target->As<UnresolvedAttribute>().name_parts;
    std::string name = parts.back();
    if (parts.size() > 1) {
      bool qualified = parts.size() == 2 && ((alias && EqualsIgnoreCase(parts[0], *alias)) ||
                                             EqualsIgnoreCase(parts[0], target.id.name));
      if (!qualified) return Status::NotImplemented("assigning to nested fields");
    }
    for (const auto& field : table_schema) {
      if (EqualsIgnoreCase(field.name, name)) return field.name;
    }
    std::vector<std::string> names;
    for (const auto& field : table_schema) names.push_back(field.name);
    return Status::Error(
        "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        {{"objectName", QuoteNameParts(parts)}, {"proposal", QuoteNameList(names)}});
  }

  Result<StatementResult> Update(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    Schema table_schema = ToSparkSchema(metadata.current_schema());
    std::map<std::string, ExprPtr> values;
    for (const auto& assignment : command.assignments) {
      SPK_ASSIGN_OR_RAISE(std::string column,
                          AssignedColumn(assignment, table_schema, command.alias, target));
      if (values.count(LowerName(column)) > 0) {
        return Status::Error("DUPLICATE_ASSIGNMENTS", {{"nameList", QuoteIdentifier(column)}});
      }
      values[LowerName(column)] = assignment.value;
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr rows, TargetRows(target, table, command.alias, false));
    ExprPtr condition = command.condition ? command.condition : BoolLiteral(true);
    SPK_ASSIGN_OR_RAISE(auto affected, FilesMatching(rows, condition));
    if (affected.empty()) return NoRows(time_zone_);
    std::vector<ExprPtr> columns;
    for (const auto& field : table_schema) {
      auto it = values.find(LowerName(field.name));
      ExprPtr current = Column({field.name});
      if (it == values.end()) {
        columns.push_back(MakeAlias(current, field.name));
      } else {
        columns.push_back(MakeAlias(
            Call("when", {condition, CastTo(it->second, field.type), current}), field.name));
      }
    }
    PlanPtr updated = ProjectOf(FilterOf(rows, InFiles(affected)), columns);
    SPK_ASSIGN_OR_RAISE(PlanPtr projected,
                        ToTableColumns(updated, table_schema, target.quoted, false, {}, {}));
    SPK_ASSIGN_OR_RAISE(auto files, WriteRows(projected, metadata, metadata.current_schema(),
                                              metadata.default_spec()));
    SPK_RETURN_NOT_OK(
        CommitRewrite(target, metadata, "overwrite", std::move(files), std::move(affected), false));
    return NoRows(time_zone_);
  }

  Result<StatementResult> Merge(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    Schema table_schema = ToSparkSchema(metadata.current_schema());
    static const std::string kTargetMark = "__merge_target_row";
    static const std::string kSourceMark = "__merge_source_row";
    static const std::string kAction = "__merge_action";

    // Target rows (with _file, _pos) and source rows, each with a marker column.
    SPK_ASSIGN_OR_RAISE(PlanPtr target_rows, TargetRows(target, table, command.alias, true));
    std::vector<std::string> target_qualifier =
        command.alias
            ? std::vector<std::string>{*command.alias}
            : std::vector<std::string>{target.catalog_name, target.database, target.id.name};
    PlanPtr marked_target = AliasOf(
        ProjectOf(target_rows,
                  {std::make_shared<UnresolvedStar>(), MakeAlias(BoolLiteral(true), kTargetMark)}),
        target_qualifier);
    SPK_ASSIGN_OR_RAISE(PlanPtr resolved_source,
                        engine_.Resolve(session_, command.source, parameters_));
    std::vector<std::string> source_qualifier;
    if (resolved_source->kind == PlanKind::kSubqueryAlias) {
      source_qualifier = resolved_source->As<SubqueryAlias>().qualifier;
    }
    PlanPtr marked_source = ProjectOf(resolved_source, {std::make_shared<UnresolvedStar>(),
                                                        MakeAlias(BoolLiteral(true), kSourceMark)});
    if (!source_qualifier.empty()) marked_source = AliasOf(marked_source, source_qualifier);

    bool any_matched = false, any_not_matched = false, any_by_source = false;
    for (const auto& clause : command.merge_clauses) {
      any_matched |= clause.when == MergeClause::When::kMatched;
      any_not_matched |= clause.when == MergeClause::When::kNotMatched;
      any_by_source |= clause.when == MergeClause::When::kNotMatchedBySource;
    }
    auto join = std::make_shared<Join>();
    join->join_type = any_not_matched ? JoinType::kFullOuter : JoinType::kLeftOuter;
    join->condition = command.condition;
    join->children = {marked_target, marked_source};
    (void)any_by_source;

    ExprPtr target_present = Call("isnotnull", {Column({kTargetMark})});
    ExprPtr source_present = Call("isnotnull", {Column({kSourceMark})});
    ExprPtr matched = Call("and", {target_present, source_present});
    ExprPtr not_matched = Call("isnull", {Column({kTargetMark})});
    ExprPtr by_source = Call("and", {target_present, Call("isnull", {Column({kSourceMark})})});

    if (any_matched) {
      // Each target row may match one source row at most.
      PlanPtr multiple =
          FilterOf(FilterOf(AggregateCount(join, {Column({"_file"}), Column({"_pos"})}, matched),
                            Call(">", {Column({"__matches"}), IntLiteral(1)})),
                   BoolLiteral(true));
      SPK_ASSIGN_OR_RAISE(auto conflicts, Collect(multiple));
      if (conflicts->num_rows() > 0) return Status::Error("MERGE_CARDINALITY_VIOLATION", {});
    }

    // The clause each joined row takes: its 1-based index, 0 for none.
    std::vector<ExprPtr> action_cases;
    for (size_t i = 0; i < command.merge_clauses.size(); ++i) {
      const MergeClause& clause = command.merge_clauses[i];
      ExprPtr when = clause.when == MergeClause::When::kMatched      ? matched
                     : clause.when == MergeClause::When::kNotMatched ? not_matched
                                                                     : by_source;
      if (clause.condition != nullptr) when = Call("and", {when, clause.condition});
      action_cases.push_back(when);
      action_cases.push_back(IntLiteral(static_cast<int32_t>(i + 1)));
    }
    action_cases.push_back(IntLiteral(0));
    std::vector<ExprPtr> with_action = {std::make_shared<UnresolvedStar>(),
                                        MakeAlias(Call("when", action_cases), kAction)};
    PlanPtr acted = ProjectOf(join, with_action);

    // Rows kept: target rows not deleted, source rows an insert clause takes.
    std::vector<ExprPtr> deletes = {Column({kAction})}, inserts = {Column({kAction})};
    for (size_t i = 0; i < command.merge_clauses.size(); ++i) {
      const MergeClause& clause = command.merge_clauses[i];
      if (clause.action == MergeClause::Action::kDelete) {
        deletes.push_back(IntLiteral(static_cast<int32_t>(i + 1)));
      }
      if (clause.action == MergeClause::Action::kInsert ||
          clause.action == MergeClause::Action::kInsertAll) {
        inserts.push_back(IntLiteral(static_cast<int32_t>(i + 1)));
      }
    }
    ExprPtr kept_target = deletes.size() > 1
                              ? Call("and", {target_present, Call("not", {Call("in", deletes)})})
                              : target_present;
    ExprPtr kept_insert =
        inserts.size() > 1
            ? Call("and", {Call("isnull", {Column({kTargetMark})}), Call("in", inserts)})
            : BoolLiteral(false);
    PlanPtr kept = FilterOf(acted, Call("or", {kept_target, kept_insert}));

    // Each column's new value: the clause's assignment or insert value, else the target's.
    std::vector<ExprPtr> columns;
    for (const auto& field : table_schema) {
      ExprPtr current = ColumnOf(target_qualifier, field.name);
      std::vector<ExprPtr> cases;
      for (size_t i = 0; i < command.merge_clauses.size(); ++i) {
        const MergeClause& clause = command.merge_clauses[i];
        SPK_ASSIGN_OR_RAISE(ExprPtr value, ClauseValue(clause, field, source_qualifier,
                                                       table_schema, command, target));
        if (value == nullptr) continue;
        cases.push_back(Call("==", {Column({kAction}), IntLiteral(static_cast<int32_t>(i + 1))}));
        cases.push_back(CastTo(value, field.type));
      }
      cases.push_back(current);
      ExprPtr value = cases.size() == 1 ? current : Call("when", cases);
      columns.push_back(MakeAlias(value, field.name));
    }
    PlanPtr merged = ProjectOf(kept, columns);
    SPK_ASSIGN_OR_RAISE(PlanPtr projected,
                        ToTableColumns(merged, table_schema, target.quoted, false, {}, {}));
    SPK_ASSIGN_OR_RAISE(auto files, WriteRows(projected, metadata, metadata.current_schema(),
                                              metadata.default_spec()));
    SPK_RETURN_NOT_OK(CommitRewrite(target, metadata, "overwrite", std::move(files), {}, true));
    return NoRows(time_zone_);
  }

  static ExprPtr ColumnOf(const std::vector<std::string>& qualifier, const std::string& name) {
    std::vector<std::string> parts = qualifier;
    parts.push_back(name);
    return Column(std::move(parts));
  }

  /// count(*) AS __matches grouped by `keys` over the rows of `plan` where `condition` holds.
  PlanPtr AggregateCount(PlanPtr plan, std::vector<ExprPtr> keys, ExprPtr condition) {
    auto aggregate = std::make_shared<Aggregate>();
    aggregate->groupings = keys;
    auto count = std::make_shared<UnresolvedFunction>();
    count->name_parts = {"count"};
    count->is_star_argument = true;
    aggregate->aggregates = std::move(keys);
    aggregate->aggregates.push_back(MakeAlias(count, "__matches"));
    aggregate->children = {FilterOf(std::move(plan), std::move(condition))};
    return aggregate;
  }

  /// The value a MERGE clause gives a column; nullptr when it leaves the column as is.
  Result<ExprPtr> ClauseValue(const MergeClause& clause, const StructField& field,
                              const std::vector<std::string>& source_qualifier,
                              const Schema& table_schema, const Command& command,
                              const TargetTable& target) {
    switch (clause.action) {
      case MergeClause::Action::kDelete:
        return ExprPtr(nullptr);
      case MergeClause::Action::kUpdateAll:
      case MergeClause::Action::kInsertAll:
        return source_qualifier.empty() ? Column({field.name})
                                        : ColumnOf(source_qualifier, field.name);
      case MergeClause::Action::kUpdate: {
        for (const auto& assignment : clause.assignments) {
          SPK_ASSIGN_OR_RAISE(std::string column,
                              AssignedColumn(assignment, table_schema, command.alias, target));
          if (EqualsIgnoreCase(column, field.name)) return assignment.value;
        }
        return ExprPtr(nullptr);
      }
      case MergeClause::Action::kInsert: {
        if (clause.insert_columns.empty()) {
          for (size_t i = 0; i < table_schema.size(); ++i) {
            if (table_schema[i].name == field.name && i < clause.insert_values.size()) {
              return clause.insert_values[i];
            }
          }
          return MakeNullLiteral(field.type);
        }
        for (size_t i = 0; i < clause.insert_columns.size() && i < clause.insert_values.size();
             ++i) {
          std::string name = clause.insert_columns[i];
          size_t dot = name.rfind('.');
          if (dot != std::string::npos) name = name.substr(dot + 1);
          if (EqualsIgnoreCase(name, field.name)) return clause.insert_values[i];
        }
        return MakeNullLiteral(field.type);
      }
    }
    return ExprPtr(nullptr);
  }

  Result<StatementResult> Truncate(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_RETURN_NOT_OK(Load(target).status());
    iceberg::SnapshotChange change;
    change.remove_all = true;
    change.operation = "delete";
    SPK_RETURN_NOT_OK(
        CommitError(iceberg::CommitSnapshot(*target.catalog, target.id, change).status()));
    return NoRows(time_zone_);
  }

  // ---- DROP / ALTER ----

  Result<StatementResult> DropTable(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    Status dropped = target.catalog->DropTable(target.id, command.purge);
    if (!dropped.ok()) {
      const std::string& error_class = dropped.error().error_class;
      if (error_class == "ICEBERG_NO_SUCH_TABLE" || error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
        // A view is not a table to Spark's v2 catalogs: DROP TABLE of one finds nothing.
        if (command.if_exists) return NoRows(time_zone_);
        return TableNotFound(target.quoted);
      }
      return dropped;
    }
    return NoRows(time_zone_);
  }

  /// Commits schema, spec, property or location updates with their requirements.
  Status CommitMetadata(const TargetTable& target, const LoadedTable& table,
                        nlohmann::json requirements, nlohmann::json updates) {
    iceberg::TableChange change;
    change.identifier = target.id;
    change.requirements = std::move(requirements);
    change.requirements.push_back(
        {{"type", "assert-table-uuid"}, {"uuid", table.metadata->table_uuid}});
    change.updates = std::move(updates);
    return target.catalog->CommitTable(change).status();
  }

  Result<StatementResult> AlterTable(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    const iceberg::IcebergSchema& schema = metadata.current_schema();
    auto schema_requirements = [&]() {
      return nlohmann::json::array({{{"type", "assert-current-schema-id"},
                                     {"current-schema-id", metadata.current_schema_id}},
                                    {{"type", "assert-last-assigned-field-id"},
                                     {"last-assigned-field-id", metadata.last_column_id}}});
    };
    auto commit_schema = [&](const iceberg::IcebergSchema& updated) -> Result<StatementResult> {
      nlohmann::json updates = nlohmann::json::array(
          {{{"action", "add-schema"},
            {"schema", iceberg::IcebergSchemaToJson(updated)},
            {"last-column-id", std::max(metadata.last_column_id, updated.HighestFieldId())}},
           {{"action", "set-current-schema"}, {"schema-id", -1}}});
      SPK_RETURN_NOT_OK(CommitMetadata(target, table, schema_requirements(), updates));
      return NoRows(time_zone_);
    };
    auto find_top = [&](const iceberg::IcebergSchema& s, const std::string& name) -> int {
      for (size_t i = 0; i < s.fields.size(); ++i) {
        if (EqualsIgnoreCase(s.fields[i].name, name)) return static_cast<int>(i);
      }
      return -1;
    };
    auto column_missing = [&](const std::string& name) {
      std::vector<std::string> names;
      for (const auto& field : schema.fields) names.push_back(field.name);
      return Status::Error(
          "UNRESOLVED_COLUMN.WITH_SUGGESTION",
          {{"objectName", QuoteIdentifier(name)}, {"proposal", QuoteNameList(names)}});
    };
    switch (*command.alter_action) {
      case AlterTableAction::kRename: {
        std::vector<std::string> parts = command.name_parts2;
        if (parts.size() == 1) parts.insert(parts.begin(), target.database);
        SPK_ASSIGN_OR_RAISE(TargetTable destination, Target(session_, parts));
        Status renamed = target.catalog->RenameTable(target.id, destination.id);
        if (!renamed.ok() && renamed.error().error_class == "ICEBERG_ALREADY_EXISTS") {
          return TableAlreadyExists(destination.quoted);
        }
        SPK_RETURN_NOT_OK(renamed);
        return NoRows(time_zone_);
      }
      case AlterTableAction::kAddColumns: {
        iceberg::IcebergSchema updated = schema;
        int next = std::max(metadata.last_column_id, schema.HighestFieldId());
        for (const auto& column : command.table->columns) {
          if (find_top(updated, column.name) >= 0) {
            return Status::Error(
                "FIELD_ALREADY_EXISTS",
                {{"op", "add"},
                 {"fieldNames", QuoteIdentifier(column.name)},
                 {"struct", "\"" + DataType::Struct(ToSparkSchema(schema))->Sql() + "\""}});
          }
          SPK_ASSIGN_OR_RAISE(iceberg::IcebergSchema added,
                              iceberg::FromSparkSchema({column}, next));
          next = std::max(next, added.HighestFieldId());
          iceberg::NestedField field = added.fields[0];
          field.required = false;  // new columns are optional: old rows read NULL
          updated.fields.push_back(std::move(field));
        }
        return commit_schema(updated);
      }
      case AlterTableAction::kDropColumns: {
        iceberg::IcebergSchema updated = schema;
        for (const auto& name : command.column_names) {
          int index = find_top(updated, name);
          if (index < 0) {
            if (command.if_exists) continue;
            return column_missing(name);
          }
          for (const auto& field : metadata.default_spec().fields) {
            if (field.source_id == updated.fields[index].id) {
              return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                                   {{"message", "Cannot delete field " + name +
                                                    " as it is used by the partition spec"}});
            }
          }
          updated.fields.erase(updated.fields.begin() + index);
        }
        if (updated.fields.empty()) {
          return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                               {{"message", "Cannot delete every column of a table"}});
        }
        return commit_schema(updated);
      }
      case AlterTableAction::kRenameColumn: {
        iceberg::IcebergSchema updated = schema;
        int index = find_top(updated, command.column_names[0]);
        if (index < 0) return column_missing(command.column_names[0]);
        if (find_top(updated, *command.value) >= 0) {
          return Status::Error(
              "FIELD_ALREADY_EXISTS",
              {{"op", "rename"},
               {"fieldNames", QuoteIdentifier(*command.value)},
               {"struct", "\"" + DataType::Struct(ToSparkSchema(schema))->Sql() + "\""}});
        }
        updated.fields[index].name = *command.value;
        return commit_schema(updated);
      }
      case AlterTableAction::kAlterColumn: {
        iceberg::IcebergSchema updated = schema;
        int index = find_top(updated, command.column_names[0]);
        if (index < 0) return column_missing(command.column_names[0]);
        iceberg::NestedField& field = updated.fields[index];
        const std::string& what = command.key.value_or("");
        if (what == "comment") {
          field.doc = *command.value;
        } else if (what == "drop not null") {
          field.required = false;
        } else if (what == "set not null") {
          return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                               {{"message", "Cannot change column nullability: " + field.name +
                                                ": optional -> required"}});
        } else if (what == "type") {
          SPK_ASSIGN_OR_RAISE(iceberg::IcebergSchema typed,
                              iceberg::FromSparkSchema({command.table->columns[0]}, 0));
          const auto& from = field.type->primitive;
          const auto& to_type = typed.fields[0].type;
          const auto& to = to_type->primitive;
          bool allowed =
              from == to || (from == "int" && to == "long") || (from == "float" && to == "double");
          if (!allowed && from.rfind("decimal", 0) == 0 && to.rfind("decimal", 0) == 0) {
            allowed = field.type->decimal_scale() == to_type->decimal_scale() &&
                      field.type->decimal_precision() <= to_type->decimal_precision();
          }
          if (!allowed) {
            return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                                 {{"message", "Cannot change column type: " + field.name + ": " +
                                                  from + " -> " + to}});
          }
          field.type = to_type;
        }
        return commit_schema(updated);
      }
      case AlterTableAction::kSetProperties: {
        std::map<std::string, std::string> updates;
        for (const auto& [key, value] : command.properties) updates[key] = value;
        SPK_RETURN_NOT_OK(CommitMetadata(target, table, nlohmann::json::array(),
                                         {{{"action", "set-properties"}, {"updates", updates}}}));
        return NoRows(time_zone_);
      }
      case AlterTableAction::kUnsetProperties: {
        std::vector<std::string> removals;
        for (const auto& key : command.column_names) {
          removals.push_back(key);
        }
        SPK_RETURN_NOT_OK(
            CommitMetadata(target, table, nlohmann::json::array(),
                           {{{"action", "remove-properties"}, {"removals", removals}}}));
        return NoRows(time_zone_);
      }
      case AlterTableAction::kSetLocation: {
        SPK_RETURN_NOT_OK(
            CommitMetadata(target, table, nlohmann::json::array(),
                           {{{"action", "set-location"}, {"location", *command.value}}}));
        return NoRows(time_zone_);
      }
      case AlterTableAction::kAddPartitionField:
      case AlterTableAction::kDropPartitionField:
      case AlterTableAction::kReplacePartitionField:
        return EvolvePartitionSpec(command, target, table);
      case AlterTableAction::kWriteOrderedBy:
        return Status::NotImplemented("ALTER TABLE ... WRITE ORDERED BY");
    }
    return Status::NotImplemented("this ALTER TABLE form");
  }

  Result<StatementResult> EvolvePartitionSpec(const Command& command, const TargetTable& target,
                                              const LoadedTable& table) {
    const iceberg::TableMetadata& metadata = *table.metadata;
    const iceberg::IcebergSchema& schema = metadata.current_schema();
    iceberg::PartitionSpec spec = metadata.default_spec();
    auto matches = [&](const iceberg::PartitionField& field, const ExprPtr& expr) -> Result<bool> {
      if (expr->kind == ExprKind::kUnresolvedAttribute) {
        const auto& parts = expr->As<UnresolvedAttribute>().name_parts;
        if (parts.size() == 1 && EqualsIgnoreCase(field.name, parts[0])) return true;
      }
      SPK_ASSIGN_OR_RAISE(iceberg::PartitionSpec probe, SpecFromTransforms({expr}, schema));
      return probe.fields[0].source_id == field.source_id &&
             probe.fields[0].transform == field.transform;
    };
    auto remove = [&](const ExprPtr& expr) -> Status {
      for (size_t i = 0; i < spec.fields.size(); ++i) {
        SPK_ASSIGN_OR_RAISE(bool same, matches(spec.fields[i], expr));
        if (same) {
          spec.fields.erase(spec.fields.begin() + static_cast<long>(i));
          return Status::OK();
        }
      }
      return Status::Error(
          "_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
          {{"message", "Cannot find partition field to remove: " + expr->ToSql()}});
    };
    auto add = [&](const ExprPtr& expr) -> Status {
      SPK_ASSIGN_OR_RAISE(iceberg::PartitionSpec probe, SpecFromTransforms({expr}, schema));
      iceberg::PartitionField field = probe.fields[0];
      if (command.value) field.name = *command.value;
      for (const auto& existing : spec.fields) {
        if (existing.source_id == field.source_id && existing.transform == field.transform) {
          return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                               {{"message", "Cannot add duplicate partition field " + field.name}});
        }
      }
      // Reuse the id of an equivalent field of an older spec, else a new one.
      field.field_id = -1;
      for (const auto& old_spec : metadata.partition_specs) {
        for (const auto& old : old_spec.fields) {
          if (old.source_id == field.source_id && old.transform == field.transform) {
            field.field_id = old.field_id;
          }
        }
      }
      if (field.field_id < 0) {
        int highest = metadata.last_partition_id;
        for (const auto& existing : spec.fields) highest = std::max(highest, existing.field_id);
        field.field_id = highest + 1;
      }
      spec.fields.push_back(std::move(field));
      return Status::OK();
    };
    switch (*command.alter_action) {
      case AlterTableAction::kAddPartitionField:
        SPK_RETURN_NOT_OK(add(command.expressions[0]));
        break;
      case AlterTableAction::kDropPartitionField:
        SPK_RETURN_NOT_OK(remove(command.expressions[0]));
        break;
      default:
        SPK_RETURN_NOT_OK(remove(command.expressions[0]));
        SPK_RETURN_NOT_OK(add(command.expressions[1]));
        break;
    }
    nlohmann::json requirements = nlohmann::json::array(
        {{{"type", "assert-last-assigned-partition-id"},
          {"last-assigned-partition-id", metadata.last_partition_id}},
         {{"type", "assert-default-spec-id"}, {"default-spec-id", metadata.default_spec_id}}});
    nlohmann::json updates = nlohmann::json::array(
        {{{"action", "add-spec"}, {"spec", iceberg::PartitionSpecToJson(spec)}},
         {{"action", "set-default-spec"}, {"spec-id", -1}}});
    SPK_RETURN_NOT_OK(CommitMetadata(target, table, requirements, updates));
    return NoRows(time_zone_);
  }

  // ---- SHOW / DESCRIBE ----

  /// Iceberg's SparkTable properties as Spark lists them (reserved ones removed).
  static std::map<std::string, std::string> ShownProperties(const LoadedTable& table) {
    const iceberg::TableMetadata& metadata = *table.metadata;
    std::map<std::string, std::string> properties = metadata.properties;
    const iceberg::Snapshot* snapshot = metadata.current_snapshot();
    properties["current-snapshot-id"] = snapshot ? std::to_string(snapshot->snapshot_id) : "none";
    properties["format"] = "iceberg/parquet";
    properties["format-version"] = std::to_string(metadata.format_version);
    for (const char* reserved : {"owner", "comment", "location", "provider", "external"}) {
      properties.erase(reserved);
    }
    return properties;
  }

  static std::string PropertyList(const std::map<std::string, std::string>& properties) {
    std::string out = "[";
    bool first = true;
    for (const auto& [key, value] : properties) {
      if (!first) out += ",";
      first = false;
      out += key + "=" + value;
    }
    return out + "]";
  }

  static std::string TreeString(const Schema& schema) {
    std::string out = "root\n";
    std::function<void(const std::vector<StructField>&, const std::string&)> fields =
        [&](const std::vector<StructField>& list, const std::string& prefix) {
          for (const auto& field : list) {
            out += prefix + "|-- " + field.name + ": " + field.type->TypeName() +
                   " (nullable = " + (field.nullable ? "true" : "false") + ")\n";
            if (field.type->id() == TypeId::kStruct) fields(field.type->fields(), prefix + "|    ");
          }
        };
    fields(schema, " ");
    return out;
  }

  Result<StatementResult> ShowTableExtended(const Command& command) {
    std::vector<std::string> database = command.name_parts;
    if (database.empty()) database = {session_.catalog().current_database()};
    SPK_ASSIGN_OR_RAISE(auto tables, session_.catalog().ListTables(database, command.key));
    std::vector<std::vector<Cell>> rows;
    for (const auto& info : tables) {
      std::string information;
      if (info.is_temporary) {
        information = "Table: " + info.name + "\nType: VIEW\n";
        rows.push_back({info.database, info.name, true, information});
        continue;
      }
      std::vector<std::string> parts = database;
      parts.push_back(info.name);
      auto target = Target(session_, parts);
      if (!target.ok()) continue;
      auto table = target->catalog->LoadTable(target->id);
      if (!table.ok()) {
        auto view = target->catalog->LoadView(target->id);
        if (!view.ok()) continue;
        information = "Catalog: " + target->catalog_name + "\nNamespace: " + target->database +
                      "\nTable: " + info.name + "\nType: VIEW\n";
        rows.push_back({info.database, info.name, false, information});
        continue;
      }
      const iceberg::TableMetadata& metadata = *table->metadata;
      information = "Catalog: " + target->catalog_name + "\n";
      information += "Namespace: " + target->database + "\n";
      information += "Table: " + info.name + "\n";
      information += "Type: MANAGED\n";
      if (auto comment = metadata.properties.find("comment");
          comment != metadata.properties.end()) {
        information += "Comment: " + comment->second + "\n";
      }
      information += "Location: " + metadata.location + "\n";
      information += "Provider: iceberg\n";
      if (auto owner = metadata.properties.find("owner"); owner != metadata.properties.end()) {
        information += "Owner: " + owner->second + "\n";
      }
      information += "Table Properties: " + PropertyList(ShownProperties(*table)) + "\n";
      if (!metadata.default_spec().unpartitioned()) {
        std::vector<std::string> transforms;
        for (const auto& field : metadata.default_spec().fields) {
          transforms.push_back(TransformSql(field, metadata.current_schema()));
        }
        information += "Partition Provider: Catalog\nPartition Columns: [";
        for (size_t i = 0; i < transforms.size(); ++i) {
          information += (i ? ", " : "") + ("`" + transforms[i] + "`");
        }
        information += "]\n";
      }
      information += "Schema: " + TreeString(ToSparkSchema(metadata.current_schema()));
      rows.push_back({info.database, info.name, false, information});
    }
    return MakeRows({StringField("namespace"), StringField("tableName"),
                     BooleanField("isTemporary"), StringField("information")},
                    rows, time_zone_);
  }

  Result<StatementResult> ShowTblProperties(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    std::map<std::string, std::string> properties = ShownProperties(table);
    if (auto owner = table.metadata->properties.find("owner");
        owner != table.metadata->properties.end()) {
      properties["owner"] = owner->second;
    }
    std::vector<std::vector<Cell>> rows;
    if (command.key) {
      auto it = properties.find(*command.key);
      rows.push_back({*command.key, it == properties.end()
                                        ? Cell("Table " + target.quoted +
                                               " does not have property: " + *command.key)
                                        : Cell(it->second)});
    } else {
      for (const auto& [key, value] : properties) rows.push_back({key, value});
    }
    return MakeRows({StringField("key"), StringField("value")}, rows, time_zone_);
  }

  Result<StatementResult> ShowCreateTable(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    std::string text = "CREATE TABLE " +
                       QuoteNameParts({target.catalog_name, target.database, target.id.name}) +
                       " (\n";
    Schema schema = ToSparkSchema(metadata.current_schema());
    for (size_t i = 0; i < schema.size(); ++i) {
      text += "  " + schema[i].name + " " + schema[i].type->Sql();
      if (!schema[i].nullable) text += " NOT NULL";
      text += i + 1 < schema.size() ? ",\n" : ")\n";
    }
    text += "USING iceberg\n";
    if (!metadata.default_spec().unpartitioned()) {
      text += "PARTITIONED BY (";
      const auto& fields = metadata.default_spec().fields;
      for (size_t i = 0; i < fields.size(); ++i) {
        text += (i ? ", " : "") + TransformSql(fields[i], metadata.current_schema());
      }
      text += ")\n";
    }
    if (auto comment = metadata.properties.find("comment"); comment != metadata.properties.end()) {
      text += "COMMENT '" + comment->second + "'\n";
    }
    text += "LOCATION '" + metadata.location + "'\n";
    text += "TBLPROPERTIES (\n";
    auto properties = ShownProperties(table);
    size_t i = 0;
    for (const auto& [key, value] : properties) {
      text += "  '" + key + "' = '" + value + "'" + (++i < properties.size() ? ",\n" : ")\n");
    }
    return MakeRows({StringField("createtab_stmt")}, {{text}}, time_zone_);
  }

  /// DESCRIBE [EXTENDED] t of an Iceberg table: columns, partitioning, and with EXTENDED the
  /// "# Metadata Columns" and "# Detailed Table Information" sections.
  Result<StatementResult> DescribeTable(const Command& command) {
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, command.name_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    std::vector<std::vector<Cell>> rows;
    auto comment_of = [](const std::string& doc) { return doc.empty() ? Cell() : Cell(doc); };
    Schema schema = ToSparkSchema(metadata.current_schema());
    for (size_t i = 0; i < schema.size(); ++i) {
      rows.push_back({schema[i].name, schema[i].type->SimpleString(),
                      comment_of(metadata.current_schema().fields[i].doc)});
    }
    const auto& spec = metadata.default_spec();
    if (!spec.unpartitioned()) {
      rows.push_back({std::string(""), std::string(""), std::string("")});
      rows.push_back({std::string("# Partitioning"), std::string(""), std::string("")});
      for (size_t i = 0; i < spec.fields.size(); ++i) {
        rows.push_back({"Part " + std::to_string(i),
                        TransformSql(spec.fields[i], metadata.current_schema()), std::string("")});
      }
    }
    bool extended = command.key == "extended" || command.key == "formatted";
    if (extended) {
      rows.push_back({std::string(""), std::string(""), std::string("")});
      rows.push_back({std::string("# Metadata Columns"), std::string(""), std::string("")});
      rows.push_back({std::string("_spec_id"), std::string("int"), std::string("")});
      rows.push_back({std::string("_partition"), std::string("struct<>"), std::string("")});
      rows.push_back({std::string("_file"), std::string("string"), std::string("")});
      rows.push_back({std::string("_pos"), std::string("bigint"), std::string("")});
      rows.push_back({std::string("_deleted"), std::string("boolean"), std::string("")});
      rows.push_back({std::string(""), std::string(""), std::string("")});
      rows.push_back(
          {std::string("# Detailed Table Information"), std::string(""), std::string("")});
      rows.push_back({std::string("Name"),
                      target.quoted.empty()
                          ? std::string("")
                          : target.catalog_name + "." + target.database + "." + target.id.name,
                      std::string("")});
      rows.push_back({std::string("Type"), std::string("MANAGED"), std::string("")});
      if (auto comment = metadata.properties.find("comment");
          comment != metadata.properties.end()) {
        rows.push_back({std::string("Comment"), comment->second, std::string("")});
      }
      rows.push_back({std::string("Location"), metadata.location, std::string("")});
      rows.push_back({std::string("Provider"), std::string("iceberg"), std::string("")});
      if (auto owner = metadata.properties.find("owner"); owner != metadata.properties.end()) {
        rows.push_back({std::string("Owner"), owner->second, std::string("")});
      }
      rows.push_back(
          {std::string("Table Properties"), PropertyList(ShownProperties(table)), std::string("")});
    }
    return MakeRows({StringField("col_name"), StringField("data_type"),
                     StringField("comment", /*nullable=*/true)},
                    rows, time_zone_);
  }

  Result<StatementResult> DescribeDatabase(const Command& command) {
    std::vector<std::string> name = command.name_parts;
    auto& catalog = session_.catalog();
    std::shared_ptr<TableCatalog> table_catalog =
        catalog.store().GetCatalog(catalog.current_catalog());
    std::string database = name.back();
    if (name.size() == 2) table_catalog = catalog.store().GetCatalog(name[0]);
    if (table_catalog == nullptr) {
      return Status::Error("CATALOG_NOT_FOUND", {{"catalogName", QuoteIdentifier(name[0])}});
    }
    auto info = table_catalog->GetDatabase(database);
    if (!info) {
      return Status::Error("SCHEMA_NOT_FOUND",
                           {{"schemaName", QuoteNameParts({table_catalog->name(), database})}});
    }
    std::vector<std::vector<Cell>> rows = {{std::string("Catalog Name"), table_catalog->name()},
                                           {std::string("Namespace Name"), info->name},
                                           {std::string("Comment"), info->description},
                                           {std::string("Location"), info->location_uri}};
    std::string owner;
    std::vector<std::pair<std::string, std::string>> others;
    for (const auto& [key, value] : info->properties) {
      if (key == "owner")
        owner = value;
      else if (key != "comment" && key != "location")
        others.emplace_back(key, value);
    }
    rows.push_back({std::string("Owner"), owner});
    if (command.key == "extended") {
      std::string properties;
      for (const auto& [key, value] : others) {
        properties += (properties.empty() ? "" : ", ") + ("(" + key + "," + value + ")");
      }
      rows.push_back({std::string("Properties"), "(" + properties + ")"});
    }
    return MakeRows({StringField("info_name"), StringField("info_value", true)}, rows, time_zone_);
  }

  Result<StatementResult> AlterDatabase(const Command& command) {
    auto& catalog = session_.catalog();
    std::shared_ptr<TableCatalog> table_catalog =
        catalog.store().GetCatalog(catalog.current_catalog());
    if (command.name_parts.size() == 2)
      table_catalog = catalog.store().GetCatalog(command.name_parts[0]);
    if (table_catalog == nullptr || table_catalog->iceberg() == nullptr) {
      return Status::NotImplemented("ALTER NAMESPACE outside an Iceberg catalog");
    }
    std::string database = command.name_parts.back();
    std::map<std::string, std::string> updates(command.properties.begin(),
                                               command.properties.end());
    auto updated = table_catalog->iceberg()->UpdateNamespaceProperties({database}, {}, updates);
    if (!updated.ok() && updated.status().error().error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
      return Status::Error("SCHEMA_NOT_FOUND",
                           {{"schemaName", QuoteNameParts({table_catalog->name(), database})}});
    }
    SPK_RETURN_NOT_OK(updated.status());
    return NoRows(time_zone_);
  }

  // ---- CALL system procedures ----

  Result<StatementResult> CallProcedure(const Command& command) {
    const auto& parts = command.name_parts;
    std::string procedure = LowerName(parts.back());
    bool system = parts.size() >= 2 && EqualsIgnoreCase(parts[parts.size() - 2], "system");
    if (!system) {
      return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                           {{"message", "Procedure " + QuoteNameParts(parts) + " not found"}});
    }
    // Arguments by name, or by position in the procedure's parameter order.
    static const std::map<std::string, std::vector<std::string>> kParameters = {
        {"rollback_to_snapshot", {"table", "snapshot_id"}},
        {"set_current_snapshot", {"table", "snapshot_id", "ref"}},
        {"expire_snapshots",
         {"table", "older_than", "retain_last", "max_concurrent_deletes", "stream_results",
          "snapshot_ids"}},
        {"rewrite_data_files", {"table", "strategy", "sort_order", "options", "where"}},
        {"rollback_to_timestamp", {"table", "timestamp"}}};
    auto params = kParameters.find(procedure);
    if (params == kParameters.end()) {
      return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                           {{"message", "Procedure system." + procedure + " not found"}});
    }
    std::map<std::string, ExprPtr> arguments;
    for (size_t i = 0; i < command.expressions.size(); ++i) {
      std::string name = command.argument_names[i];
      if (name.empty()) {
        if (i >= params->second.size()) {
          return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                               {{"message", "Too many arguments for procedure " + procedure}});
        }
        name = params->second[i];
      }
      arguments[name] = command.expressions[i];
    }
    auto value_of = [&](const std::string& name) -> Result<std::shared_ptr<arrow::Scalar>> {
      auto it = arguments.find(name);
      if (it == arguments.end()) return std::shared_ptr<arrow::Scalar>();
      SPK_ASSIGN_OR_RAISE(PlanPtr plan, Analyze(ProjectOf(std::make_shared<OneRow>(),
                                                          {MakeAlias(it->second, "v")})));
      SPK_ASSIGN_OR_RAISE(auto rows, Collect(plan));
      SPK_ASSIGN_OR_RAISE_ARROW(auto scalar, rows->column(0)->GetScalar(0));
      return scalar;
    };
    SPK_ASSIGN_OR_RAISE(auto table_arg, value_of("table"));
    if (table_arg == nullptr || !table_arg->is_valid) {
      return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                           {{"message", "Missing required parameters: [table]"}});
    }
    SPK_ASSIGN_OR_RAISE(std::vector<std::string> table_parts,
                        ParseTableName(table_arg->ToString()));
    if (parts.size() == 3) table_parts.insert(table_parts.begin(), parts[0]);
    SPK_ASSIGN_OR_RAISE(TargetTable target, Target(session_, table_parts));
    SPK_ASSIGN_OR_RAISE(LoadedTable table, Load(target));
    const iceberg::TableMetadata& metadata = *table.metadata;
    auto long_of = [](const std::shared_ptr<arrow::Scalar>& scalar) -> std::optional<int64_t> {
      if (scalar == nullptr || !scalar->is_valid) return std::nullopt;
      auto cast = scalar->CastTo(arrow::int64());
      if (!cast.ok()) return std::nullopt;
      return static_cast<const arrow::Int64Scalar&>(**cast).value;
    };
    auto timestamp_ms_of =
        [](const std::shared_ptr<arrow::Scalar>& scalar) -> std::optional<int64_t> {
      if (scalar == nullptr || !scalar->is_valid) return std::nullopt;
      if (scalar->type->id() == arrow::Type::TIMESTAMP) {
        return static_cast<const arrow::TimestampScalar&>(*scalar).value / 1000;
      }
      auto cast = scalar->CastTo(arrow::int64());
      if (!cast.ok()) return std::nullopt;
      return static_cast<const arrow::Int64Scalar&>(**cast).value;
    };
    const int64_t previous =
        metadata.current_snapshot() ? metadata.current_snapshot()->snapshot_id : -1;
    auto move_main = [&](int64_t snapshot_id) -> Result<StatementResult> {
      if (metadata.snapshot_by_id(snapshot_id) == nullptr) {
        return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                             {{"message", "Cannot roll back to unknown snapshot id: " +
                                              std::to_string(snapshot_id)}});
      }
      nlohmann::json requirement = {{"type", "assert-ref-snapshot-id"}, {"ref", "main"}};
      requirement["snapshot-id"] =
          previous >= 0 ? nlohmann::json(previous) : nlohmann::json(nullptr);
      SPK_RETURN_NOT_OK(CommitMetadata(target, table, nlohmann::json::array({requirement}),
                                       {{{"action", "set-snapshot-ref"},
                                         {"ref-name", "main"},
                                         {"type", "branch"},
                                         {"snapshot-id", snapshot_id}}}));
      Schema schema = {LongField("previous_snapshot_id", true), LongField("current_snapshot_id")};
      return MakeRows(schema, {{previous >= 0 ? Cell(previous) : Cell(), Cell(snapshot_id)}},
                      time_zone_);
    };
    if (procedure == "rollback_to_snapshot" || procedure == "set_current_snapshot") {
      SPK_ASSIGN_OR_RAISE(auto id, value_of("snapshot_id"));
      std::optional<int64_t> snapshot_id = long_of(id);
      if (!snapshot_id) {
        return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                             {{"message", "Missing required parameters: [snapshot_id]"}});
      }
      return move_main(*snapshot_id);
    }
    if (procedure == "rollback_to_timestamp") {
      SPK_ASSIGN_OR_RAISE(auto value, value_of("timestamp"));
      std::optional<int64_t> millis = timestamp_ms_of(value);
      const iceberg::Snapshot* snapshot = millis ? metadata.snapshot_as_of(*millis) : nullptr;
      if (snapshot == nullptr) {
        return Status::Error(
            "_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
            {{"message", "Cannot roll back, no valid snapshot older than timestamp"}});
      }
      return move_main(snapshot->snapshot_id);
    }
    if (procedure == "expire_snapshots")
      return ExpireSnapshots(target, table, value_of, timestamp_ms_of, long_of);
    return RewriteDataFiles(target, table);
  }

  static Result<std::vector<std::string>> ParseTableName(const std::string& text) {
    std::vector<std::string> parts;
    std::string current;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '`') {
        if (quoted && i + 1 < text.size() && text[i + 1] == '`') {
          current += '`';
          ++i;
        } else {
          quoted = !quoted;
        }
      } else if (c == '.' && !quoted) {
        parts.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
    parts.push_back(current);
    return parts;
  }

  template <typename ValueOf, typename TimestampOf, typename LongOf>
  Result<StatementResult> ExpireSnapshots(const TargetTable& target, const LoadedTable& table,
                                          ValueOf& value_of, TimestampOf& timestamp_ms_of,
                                          LongOf& long_of) {
    const iceberg::TableMetadata& metadata = *table.metadata;
    SPK_ASSIGN_OR_RAISE(auto older_value, value_of("older_than"));
    SPK_ASSIGN_OR_RAISE(auto retain_value, value_of("retain_last"));
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    int64_t older_than = timestamp_ms_of(older_value).value_or(now_ms - 5LL * 24 * 3600 * 1000);
    int64_t retain_last = long_of(retain_value).value_or(1);
    // Snapshots referenced by refs and the newest `retain_last` of main's history stay.
    std::set<int64_t> keep;
    for (const auto& [name, ref] : metadata.refs) keep.insert(ref.snapshot_id);
    int64_t kept = 0;
    for (const iceberg::Snapshot* s = metadata.current_snapshot();
         s != nullptr && kept < retain_last;
         s = s->parent_snapshot_id ? metadata.snapshot_by_id(*s->parent_snapshot_id) : nullptr) {
      keep.insert(s->snapshot_id);
      ++kept;
    }
    std::vector<int64_t> expired;
    for (const auto& snapshot : metadata.snapshots) {
      if (keep.count(snapshot.snapshot_id) == 0 && snapshot.timestamp_ms < older_than) {
        expired.push_back(snapshot.snapshot_id);
      }
    }
    int64_t deleted_data = 0, deleted_manifests = 0, deleted_lists = 0;
    if (!expired.empty()) {
      // Files reachable only from expired snapshots are deleted after the commit.
      std::set<std::string> live_files, live_manifests, live_lists;
      std::set<std::string> old_files, old_manifests, old_lists;
      std::set<int64_t> expired_set(expired.begin(), expired.end());
      for (const auto& snapshot : metadata.snapshots) {
        bool dead = expired_set.count(snapshot.snapshot_id) > 0;
        (dead ? old_lists : live_lists).insert(snapshot.manifest_list);
        auto list_path = iceberg::LocalPath(snapshot.manifest_list);
        if (!list_path.ok()) continue;
        auto manifests = iceberg::ReadManifestList(*list_path);
        if (!manifests.ok()) continue;
        for (const auto& manifest : *manifests) {
          (dead ? old_manifests : live_manifests).insert(manifest.manifest_path);
          auto path = iceberg::LocalPath(manifest.manifest_path);
          if (!path.ok()) continue;
          auto entries = iceberg::ReadManifest(*path, manifest);
          if (!entries.ok()) continue;
          for (const auto& entry : *entries) {
            if (!dead && entry.status == iceberg::EntryStatus::kDeleted) continue;
            (dead ? old_files : live_files).insert(entry.data_file.file_path);
          }
        }
      }
      SPK_RETURN_NOT_OK(
          CommitMetadata(target, table, nlohmann::json::array(),
                         {{{"action", "remove-snapshots"}, {"snapshot-ids", expired}}}));
      auto remove = [](const std::set<std::string>& old, const std::set<std::string>& live) {
        int64_t count = 0;
        for (const auto& location : old) {
          if (live.count(location) > 0) continue;
          auto path = iceberg::LocalPath(location);
          if (path.ok() && iceberg::DeleteLocalFile(*path).ok()) ++count;
        }
        return count;
      };
      deleted_data = remove(old_files, live_files);
      deleted_manifests = remove(old_manifests, live_manifests);
      deleted_lists = remove(old_lists, live_lists);
    }
    Schema schema = {LongField("deleted_data_files_count"),
                     LongField("deleted_position_delete_files_count"),
                     LongField("deleted_equality_delete_files_count"),
                     LongField("deleted_manifest_files_count"),
                     LongField("deleted_manifest_lists_count"),
                     LongField("deleted_statistics_files_count")};
    return MakeRows(schema,
                    {{Cell(deleted_data), Cell(int64_t{0}), Cell(int64_t{0}),
                      Cell(deleted_manifests), Cell(deleted_lists), Cell(int64_t{0})}},
                    time_zone_);
  }

  /// Compacts the live data files of each partition into one new file per partition.
  Result<StatementResult> RewriteDataFiles(const TargetTable& target, const LoadedTable& table) {
    const iceberg::TableMetadata& metadata = *table.metadata;
    SPK_ASSIGN_OR_RAISE(auto live, iceberg::ReadLiveEntries(metadata, metadata.current_snapshot()));
    std::vector<std::string> rewritten;
    int64_t bytes = 0;
    for (const auto& item : live) {
      if (item.entry.data_file.content != iceberg::FileContent::kData) {
        return Status::NotImplemented("rewrite_data_files on a table with delete files");
      }
      rewritten.push_back(item.entry.data_file.file_path);
      bytes += item.entry.data_file.file_size_in_bytes;
    }
    Schema schema = {StructField{"rewritten_data_files_count", DataType::Integer(), false},
                     StructField{"added_data_files_count", DataType::Integer(), false},
                     StructField{"rewritten_bytes_count", DataType::Long(), false},
                     StructField{"failed_data_files_count", DataType::Integer(), false}};
    auto rows_of = [&](int64_t rewritten_count, int64_t added,
                       int64_t rewritten_bytes) -> Result<StatementResult> {
      arrow::Int32Builder a, b, d;
      arrow::Int64Builder c;
      SPK_RETURN_NOT_OK_ARROW(a.Append(static_cast<int32_t>(rewritten_count)));
      SPK_RETURN_NOT_OK_ARROW(b.Append(static_cast<int32_t>(added)));
      SPK_RETURN_NOT_OK_ARROW(c.Append(rewritten_bytes));
      SPK_RETURN_NOT_OK_ARROW(d.Append(0));
      std::shared_ptr<arrow::Array> ca, cb, cc, cd;
      SPK_RETURN_NOT_OK_ARROW(a.Finish(&ca));
      SPK_RETURN_NOT_OK_ARROW(b.Finish(&cb));
      SPK_RETURN_NOT_OK_ARROW(c.Finish(&cc));
      SPK_RETURN_NOT_OK_ARROW(d.Finish(&cd));
      StatementResult result;
      result.rows = arrow::Table::Make(ToArrowSchema(schema, time_zone_), {ca, cb, cc, cd}, 1);
      result.schema = schema;
      return result;
    };
    if (rewritten.size() < 2) return rows_of(0, 0, 0);
    SPK_ASSIGN_OR_RAISE(PlanPtr rows, TargetRows(target, table, std::nullopt, false));
    std::vector<ExprPtr> columns;
    for (const auto& field : metadata.current_schema().fields)
      columns.push_back(Column({field.name}));
    SPK_ASSIGN_OR_RAISE(auto files, WriteRows(ProjectOf(rows, columns), metadata,
                                              metadata.current_schema(), metadata.default_spec()));
    const int64_t added_files = static_cast<int64_t>(files.size());
    SPK_RETURN_NOT_OK(
        CommitRewrite(target, metadata, "replace", std::move(files), rewritten, false));
    return rows_of(static_cast<int64_t>(rewritten.size()), added_files, bytes);
  }

  Engine& engine_;
  Session& session_;
  const QueryParameters& parameters_;
  const std::string time_zone_;
};

}  // namespace

bool IsTableCommand(const Command& command) {
  switch (command.command) {
    case CommandKind::kCreateTable:
    case CommandKind::kInsert:
    case CommandKind::kDelete:
    case CommandKind::kUpdate:
    case CommandKind::kMerge:
    case CommandKind::kAlterTable:
    case CommandKind::kDropTable:
    case CommandKind::kTruncateTable:
    case CommandKind::kShowTableExtended:
    case CommandKind::kShowTblProperties:
    case CommandKind::kShowCreateTable:
    case CommandKind::kDescribeDatabase:
    case CommandKind::kAlterDatabase:
    case CommandKind::kCall:
    case CommandKind::kRefreshTable:
      return true;
    default:
      return false;
  }
}

Result<StatementResult> RunTableCommand(Engine& engine, Session& session, const Command& command,
                                        const QueryParameters& parameters) {
  TableCommandRunner runner(engine, session, parameters);
  return runner.Run(command);
}

}  // namespace sparkling
