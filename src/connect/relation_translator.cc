#include "connect/relation_translator.h"

#include <arrow/api.h>
#include <arrow/io/memory.h>
#include <arrow/ipc/reader.h>

#include "connect/expression_translator.h"
#include "connect/literal_translator.h"
#include "connect/na_stat_translator.h"
#include "connect/translation_errors.h"
#include "connect/type_translator.h"
#include "main/query_parameters.h"
#include "parser/sql_parser.h"
#include "plan/identifier.h"
#include "spark/connect/relations.pb.h"

// Older clients still send the deprecated SQL.args/pos_args and rename_columns_map fields;
// reading them is deliberate.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace sparkling::connect {

namespace proto = spark::connect;

std::string RelationTypeName(const proto::Relation& relation) {
  const auto* field = proto::Relation::descriptor()->FindFieldByNumber(relation.rel_type_case());
  return field == nullptr ? "unknown" : field->name();
}

namespace {

template <typename Node>
std::shared_ptr<Node> MakeNode(PlanPtr child) {
  auto node = std::make_shared<Node>();
  if (child != nullptr) node->children.push_back(std::move(child));
  return node;
}

ExprPtr IntLiteral(int32_t value) {
  return MakeLiteral(std::make_shared<arrow::Int32Scalar>(value), DataType::Integer());
}

Result<PlanPtr> TranslateInput(const proto::Relation& parent, bool has_input,
                               const proto::Relation& input, const TranslationContext& context) {
  if (!has_input) {
    return InvalidPlanInput("Relation " + RelationTypeName(parent) + " has no input relation");
  }
  return TranslateRelation(input, context);
}

Result<std::vector<ExprPtr>> TranslateExpressions(
    const google::protobuf::RepeatedPtrField<proto::Expression>& expressions,
    const TranslationContext& context) {
  std::vector<ExprPtr> out;
  out.reserve(expressions.size());
  for (const auto& expression : expressions) {
    SPK_ASSIGN_OR_RAISE(auto translated, TranslateExpression(expression, context));
    out.push_back(std::move(translated));
  }
  return out;
}

Result<PlanPtr> TranslateRead(const proto::Read& read) {
  switch (read.read_type_case()) {
    case proto::Read::kNamedTable: {
      auto node = std::make_shared<UnresolvedRelation>();
      SPK_ASSIGN_OR_RAISE(node->name_parts,
                          ParseMultipartIdentifier(read.named_table().unparsed_identifier()));
      for (const auto& [key, value] : read.named_table().options()) {
        node->options.emplace_back(key, value);
      }
      node->is_streaming = read.is_streaming();
      return node;
    }
    case proto::Read::kDataSource: {
      // Kept unresolved: only declarative pipelines' streaming tables read files so far.
      const auto& source = read.data_source();
      auto node = std::make_shared<DataSourceRead>();
      node->format = LowerCase(source.format());
      node->paths.assign(source.paths().begin(), source.paths().end());
      if (source.has_schema() && !source.schema().empty()) node->schema = source.schema();
      for (const auto& [key, value] : source.options()) {
        node->options.emplace_back(LowerCase(key), value);  // option names ignore case
      }
      node->is_streaming = read.is_streaming();
      return node;
    }
    default:
      return InvalidPlanInput("Read without a named table or data source");
  }
}

Result<PlanPtr> TranslateJoin(const proto::Join& join, const TranslationContext& context) {
  if (!join.has_left() || !join.has_right()) {
    return InvalidPlanInput("Join needs a left and a right input");
  }
  auto node = std::make_shared<Join>();
  SPK_ASSIGN_OR_RAISE(auto left, TranslateRelation(join.left(), context));
  SPK_ASSIGN_OR_RAISE(auto right, TranslateRelation(join.right(), context));
  node->children = {std::move(left), std::move(right)};
  switch (join.join_type()) {
    case proto::Join_JoinType_JOIN_TYPE_INNER:
      node->join_type = JoinType::kInner;
      break;
    case proto::Join_JoinType_JOIN_TYPE_FULL_OUTER:
      node->join_type = JoinType::kFullOuter;
      break;
    case proto::Join_JoinType_JOIN_TYPE_LEFT_OUTER:
      node->join_type = JoinType::kLeftOuter;
      break;
    case proto::Join_JoinType_JOIN_TYPE_RIGHT_OUTER:
      node->join_type = JoinType::kRightOuter;
      break;
    case proto::Join_JoinType_JOIN_TYPE_LEFT_ANTI:
      node->join_type = JoinType::kLeftAnti;
      break;
    case proto::Join_JoinType_JOIN_TYPE_LEFT_SEMI:
      node->join_type = JoinType::kLeftSemi;
      break;
    case proto::Join_JoinType_JOIN_TYPE_CROSS:
      node->join_type = JoinType::kCross;
      break;
    default:
      return InvalidPlanInput("Join type " + std::to_string(join.join_type()) +
                              " is not supported");
  }
  if (join.has_join_condition() && join.using_columns_size() > 0) {
    return InvalidPlanInput(
        "Using columns or join conditions cannot be set at the same time "
        "in Join");
  }
  if (join.has_join_condition()) {
    SPK_ASSIGN_OR_RAISE(auto condition, TranslateExpression(join.join_condition(), context));
    node->condition = std::move(condition);
  }
  node->using_columns.assign(join.using_columns().begin(), join.using_columns().end());
  return node;
}

Result<PlanPtr> TranslateSetOperation(const proto::SetOperation& set_op,
                                      const TranslationContext& context) {
  if (!set_op.has_left_input() || !set_op.has_right_input()) {
    return InvalidPlanInput("SetOperation needs a left and a right input");
  }
  auto node = std::make_shared<SetOperation>();
  SPK_ASSIGN_OR_RAISE(auto left, TranslateRelation(set_op.left_input(), context));
  SPK_ASSIGN_OR_RAISE(auto right, TranslateRelation(set_op.right_input(), context));
  node->children = {std::move(left), std::move(right)};
  switch (set_op.set_op_type()) {
    case proto::SetOperation_SetOpType_SET_OP_TYPE_UNION:
      node->op = SetOperationType::kUnion;
      break;
    case proto::SetOperation_SetOpType_SET_OP_TYPE_INTERSECT:
      node->op = SetOperationType::kIntersect;
      break;
    case proto::SetOperation_SetOpType_SET_OP_TYPE_EXCEPT:
      node->op = SetOperationType::kExcept;
      break;
    default:
      return InvalidPlanInput("Unsupported set operation " + std::to_string(set_op.set_op_type()));
  }
  node->is_all = set_op.has_is_all() && set_op.is_all();
  node->by_name = set_op.has_by_name() && set_op.by_name();
  node->allow_missing_columns =
      set_op.has_allow_missing_columns() && set_op.allow_missing_columns();
  if (node->allow_missing_columns && !node->by_name) {
    return InvalidPlanInput("UnionByName `allowMissingCol` can be true only if `byName` is true.");
  }
  if (node->by_name && node->op != SetOperationType::kUnion) {
    return InvalidPlanInput("By name is only supported for union");
  }
  return node;
}

Result<PlanPtr> TranslateAggregate(const proto::Aggregate& aggregate, PlanPtr input,
                                   const TranslationContext& context) {
  switch (aggregate.group_type()) {
    case proto::Aggregate_GroupType_GROUP_TYPE_GROUPBY:
      break;
    case proto::Aggregate_GroupType_GROUP_TYPE_ROLLUP:
      return UnsupportedConnectFeature("aggregate group type ROLLUP");
    case proto::Aggregate_GroupType_GROUP_TYPE_CUBE:
      return UnsupportedConnectFeature("aggregate group type CUBE");
    case proto::Aggregate_GroupType_GROUP_TYPE_PIVOT:
      return UnsupportedConnectFeature("aggregate group type PIVOT");
    case proto::Aggregate_GroupType_GROUP_TYPE_GROUPING_SETS:
      return UnsupportedConnectFeature("aggregate group type GROUPING_SETS");
    default:
      return InvalidPlanInput("Unknown Group Type " + std::to_string(aggregate.group_type()));
  }
  auto node = MakeNode<Aggregate>(std::move(input));
  SPK_ASSIGN_OR_RAISE(node->groupings,
                      TranslateExpressions(aggregate.grouping_expressions(), context));
  SPK_ASSIGN_OR_RAISE(auto aggregates,
                      TranslateExpressions(aggregate.aggregate_expressions(), context));
  // Like Spark's RelationalGroupedDataset (spark.sql.retainGroupColumns): the grouping
  // columns come first in the output.
  node->aggregates = node->groupings;
  node->aggregates.insert(node->aggregates.end(), aggregates.begin(), aggregates.end());
  return node;
}

// Binds the SQL relation's arguments to the parameter markers of its parsed statement.
Result<PlanPtr> TranslateSql(const proto::SQL& sql, const TranslationContext& context) {
  SPK_ASSIGN_OR_RAISE(auto plan, ParseStatement(sql.query()));
  QueryParameters parameters;
  for (const auto& [name, literal] : sql.args()) {
    SPK_ASSIGN_OR_RAISE(parameters.named[name], TranslateLiteralExpression(literal));
  }
  for (const auto& literal : sql.pos_args()) {
    SPK_ASSIGN_OR_RAISE(auto value, TranslateLiteralExpression(literal));
    parameters.positional.push_back(std::move(value));
  }
  for (const auto& [name, expression] : sql.named_arguments()) {
    SPK_ASSIGN_OR_RAISE(parameters.named[name], TranslateExpression(expression, context));
  }
  for (const auto& expression : sql.pos_arguments()) {
    SPK_ASSIGN_OR_RAISE(auto value, TranslateExpression(expression, context));
    parameters.positional.push_back(std::move(value));
  }
  if (parameters.empty()) return plan;
  return BindParameters(plan, parameters);
}

// WithRelations: the root plus the relations it refers to. spark.sql(query, df=...) names
// DataFrames through SubqueryAlias references, which become CTE definitions (shadowing tables
// of the same name); subquery expressions refer to references by plan id.
Result<PlanPtr> TranslateWithRelations(const proto::WithRelations& with,
                                       const TranslationContext& context) {
  if (!with.has_root()) return InvalidPlanInput("WithRelations without a root relation");
  std::map<int64_t, const proto::Relation*> by_plan_id;
  if (context.plan_references != nullptr) by_plan_id = *context.plan_references;
  for (const auto& reference : with.references()) {
    if (reference.has_common() && reference.common().has_plan_id()) {
      by_plan_id[reference.common().plan_id()] = &reference;
    }
  }
  TranslationContext inner = context;
  inner.plan_references = &by_plan_id;
  SPK_ASSIGN_OR_RAISE(auto root, TranslateRelation(with.root(), inner));
  auto node = std::make_shared<WithCte>();
  for (const auto& reference : with.references()) {
    if (!reference.has_subquery_alias()) continue;
    const auto& alias = reference.subquery_alias();
    SPK_ASSIGN_OR_RAISE(auto plan, TranslateRelation(alias.input(), inner));
    node->definitions.push_back({alias.alias(), std::move(plan), {}});
  }
  if (node->definitions.empty()) return root;
  node->children.push_back(std::move(root));
  return node;
}

Result<std::shared_ptr<arrow::Table>> ReadArrowStream(const std::string& bytes) {
  auto buffer = std::make_shared<arrow::Buffer>(reinterpret_cast<const uint8_t*>(bytes.data()),
                                                static_cast<int64_t>(bytes.size()));
  auto input = std::make_shared<arrow::io::BufferReader>(buffer);
  auto reader = arrow::ipc::RecordBatchStreamReader::Open(input);
  if (!reader.ok()) {
    return InvalidPlanInput("LocalRelation data is not an Arrow IPC stream: " +
                            reader.status().message());
  }
  auto table = (*reader)->ToTable();
  if (!table.ok()) {
    return InvalidPlanInput("Invalid Arrow IPC stream in LocalRelation: " +
                            table.status().message());
  }
  // The table references `bytes` through `buffer`; copy so it outlives the request.
  SPK_ASSIGN_OR_RAISE_ARROW(auto combined, (*table)->CombineChunks());
  std::vector<std::shared_ptr<arrow::ChunkedArray>> columns;
  for (const auto& column : combined->columns()) {
    std::vector<std::shared_ptr<arrow::Array>> chunks;
    for (const auto& chunk : column->chunks()) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto copy, chunk->CopyTo(arrow::default_cpu_memory_manager()));
      chunks.push_back(std::move(copy));
    }
    SPK_ASSIGN_OR_RAISE_ARROW(auto chunked,
                              arrow::ChunkedArray::Make(std::move(chunks), column->type()));
    columns.push_back(std::move(chunked));
  }
  return arrow::Table::Make(combined->schema(), std::move(columns), combined->num_rows());
}

// A LocalRelation / cached relation schema string: Spark's JSON form, else DDL.
Result<Schema> ParseRelationSchema(const std::string& text) {
  DataTypePtr type;
  if (!text.empty() && text.front() == '{') {
    SPK_ASSIGN_OR_RAISE(type, DataTypeFromJson(text));
  } else {
    auto ddl = ParseTableSchema(text);
    if (ddl.ok()) return std::move(ddl).ValueOrDie();
    SPK_ASSIGN_OR_RAISE(type, ParseDataType(text));
  }
  if (type->id() != TypeId::kStruct) {
    return Schema{StructField{"value", type, true}};
  }
  return type->fields();
}

// Casts and renames to `schema` by name, like Dataset.to(schema).
PlanPtr ProjectToSchema(PlanPtr input, const Schema& schema) {
  auto project = MakeNode<Project>(std::move(input));
  for (const StructField& field : schema) {
    auto cast = std::make_shared<Cast>();
    cast->children.push_back(MakeUnresolvedAttribute({field.name}));
    cast->target = field.type;
    cast->user_specified = false;
    auto alias = std::make_shared<Alias>();
    alias->children.push_back(std::move(cast));
    alias->names = {field.name};
    if (field.metadata_json != "{}") alias->metadata_json = field.metadata_json;
    project->expressions.push_back(std::move(alias));
  }
  return project;
}

// Data (Arrow IPC stream, possibly absent) plus an optional user schema → plan.
Result<PlanPtr> MakeLocalRelation(std::shared_ptr<arrow::Table> table,
                                  const std::optional<std::string>& schema_text) {
  std::optional<Schema> user_schema;
  if (schema_text) {
    SPK_ASSIGN_OR_RAISE(user_schema, ParseRelationSchema(*schema_text));
  }
  auto node = std::make_shared<LocalRelation>();
  if (table == nullptr) {
    if (!user_schema) {
      return InvalidPlanInput(
          "Schema for LocalRelation is required when the input data is "
          "not provided.");
    }
    node->schema = *user_schema;
    return node;
  }
  SPK_ASSIGN_OR_RAISE(node->schema, FromArrowSchema(*table->schema()));
  node->data = std::move(table);
  if (!user_schema) return node;
  if (user_schema->size() != node->schema.size()) {
    return InvalidPlanInput("LocalRelation schema has " + std::to_string(user_schema->size()) +
                            " fields but its data has " + std::to_string(node->schema.size()) +
                            " columns");
  }
  // The client builds the Arrow data from the same schema, so types usually agree: then the
  // data is used as is under the user's names and nullability; otherwise, cast by position.
  bool same_types = true;
  for (size_t i = 0; i < user_schema->size(); ++i) {
    same_types = same_types && node->schema[i].type->SameType(*(*user_schema)[i].type);
  }
  if (same_types) {
    node->schema = *user_schema;
    return node;
  }
  auto to_df = MakeNode<ToDF>(node);
  for (const auto& field : *user_schema) to_df->column_names.push_back(field.name);
  return ProjectToSchema(to_df, *user_schema);
}

Result<PlanPtr> TranslateLocalRelation(const proto::LocalRelation& local) {
  std::shared_ptr<arrow::Table> table;
  if (local.has_data()) {
    SPK_ASSIGN_OR_RAISE(table, ReadArrowStream(local.data()));
  }
  std::optional<std::string> schema;
  if (local.has_schema()) schema = local.schema();
  return MakeLocalRelation(std::move(table), schema);
}

Result<std::string> FetchArtifact(const TranslationContext& context, const std::string& hash) {
  if (!context.fetch_cached_artifact) {
    return UnsupportedConnectFeature("cached local relations");
  }
  return context.fetch_cached_artifact(hash);
}

Result<PlanPtr> TranslateCachedLocalRelation(const proto::CachedLocalRelation& cached,
                                             const TranslationContext& context) {
  SPK_ASSIGN_OR_RAISE(auto bytes, FetchArtifact(context, cached.hash()));
  proto::LocalRelation local;
  if (!local.ParseFromString(bytes)) {
    return InvalidPlanInput("Cached local relation " + cached.hash() + " is not a LocalRelation");
  }
  return TranslateLocalRelation(local);
}

Result<PlanPtr> TranslateChunkedCachedLocalRelation(const proto::ChunkedCachedLocalRelation& cached,
                                                    const TranslationContext& context) {
  std::shared_ptr<arrow::Table> table;
  if (cached.datahashes_size() > 0) {
    std::vector<std::shared_ptr<arrow::Table>> chunks;
    for (const auto& hash : cached.datahashes()) {
      SPK_ASSIGN_OR_RAISE(auto bytes, FetchArtifact(context, hash));
      SPK_ASSIGN_OR_RAISE(auto chunk, ReadArrowStream(bytes));
      chunks.push_back(std::move(chunk));
    }
    SPK_ASSIGN_OR_RAISE_ARROW(table, arrow::ConcatenateTables(chunks));
  }
  std::optional<std::string> schema;
  if (cached.has_schemahash()) {
    SPK_ASSIGN_OR_RAISE(schema, FetchArtifact(context, cached.schemahash()));
  }
  return MakeLocalRelation(std::move(table), schema);
}

// df.sample(): Bernoulli sampling as a filter on rand(seed) in [lower, upper).
Result<PlanPtr> TranslateSample(const proto::Sample& sample, PlanPtr input) {
  if (sample.has_with_replacement() && sample.with_replacement()) {
    return UnsupportedConnectFeature("sampling with replacement");
  }
  std::vector<ExprPtr> seed;
  if (sample.has_seed()) {
    seed.push_back(
        MakeLiteral(std::make_shared<arrow::Int64Scalar>(sample.seed()), DataType::Long()));
  }
  auto rand = MakeUnresolvedFunction("rand", seed);
  auto bound = [](double value) {
    return MakeLiteral(std::make_shared<arrow::DoubleScalar>(value), DataType::Double());
  };
  ExprPtr condition = MakeUnresolvedFunction("<", {rand, bound(sample.upper_bound())});
  if (sample.lower_bound() > 0) {
    condition = MakeUnresolvedFunction(
        "and", {MakeUnresolvedFunction(">=", {rand, bound(sample.lower_bound())}), condition});
  }
  auto filter = MakeNode<Filter>(std::move(input));
  filter->condition = std::move(condition);
  return filter;
}

// A node that keeps the input's columns unchanged, to carry a plan id of its own (hints).
PlanPtr PassThrough(PlanPtr input) {
  auto project = MakeNode<Project>(std::move(input));
  project->expressions.push_back(std::make_shared<UnresolvedStar>());
  return project;
}

Result<PlanPtr> TranslateWithoutCommon(const proto::Relation& relation,
                                       const TranslationContext& context) {
  switch (relation.rel_type_case()) {
    case proto::Relation::kRead:
      return TranslateRead(relation.read());
    case proto::Relation::kProject: {
      const auto& project = relation.project();
      auto node = std::make_shared<Project>();
      if (project.has_input()) {
        SPK_ASSIGN_OR_RAISE(auto input, TranslateRelation(project.input(), context));
        node->children.push_back(std::move(input));
      } else {
        // select() without a DataFrame (spark.range-less expressions): one row, no columns.
        node->children.push_back(std::make_shared<OneRow>());
      }
      SPK_ASSIGN_OR_RAISE(node->expressions, TranslateExpressions(project.expressions(), context));
      return node;
    }
    case proto::Relation::kFilter: {
      const auto& filter = relation.filter();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, filter.has_input(), filter.input(), context));
      if (!filter.has_condition()) return InvalidPlanInput("Filter without a condition");
      auto node = MakeNode<Filter>(std::move(input));
      SPK_ASSIGN_OR_RAISE(node->condition, TranslateExpression(filter.condition(), context));
      return node;
    }
    case proto::Relation::kJoin:
      return TranslateJoin(relation.join(), context);
    case proto::Relation::kSetOp:
      return TranslateSetOperation(relation.set_op(), context);
    case proto::Relation::kSort: {
      const auto& sort = relation.sort();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, sort.has_input(), sort.input(), context));
      auto node = MakeNode<Sort>(std::move(input));
      for (const auto& order : sort.order()) {
        proto::Expression wrapper;
        *wrapper.mutable_sort_order() = order;
        SPK_ASSIGN_OR_RAISE(auto translated, TranslateExpression(wrapper, context));
        node->orders.push_back(std::move(translated));
      }
      node->global = !sort.has_is_global() || sort.is_global();
      return node;
    }
    case proto::Relation::kLimit: {
      const auto& limit = relation.limit();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, limit.has_input(), limit.input(), context));
      auto node = MakeNode<Limit>(std::move(input));
      node->limit = IntLiteral(limit.limit());
      return node;
    }
    case proto::Relation::kOffset: {
      const auto& offset = relation.offset();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, offset.has_input(), offset.input(), context));
      auto node = MakeNode<Offset>(std::move(input));
      node->offset = IntLiteral(offset.offset());
      return node;
    }
    case proto::Relation::kTail: {
      const auto& tail = relation.tail();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, tail.has_input(), tail.input(), context));
      auto node = MakeNode<Tail>(std::move(input));
      node->limit = IntLiteral(tail.limit());
      return node;
    }
    case proto::Relation::kAggregate: {
      const auto& aggregate = relation.aggregate();
      SPK_ASSIGN_OR_RAISE(
          auto input, TranslateInput(relation, aggregate.has_input(), aggregate.input(), context));
      return TranslateAggregate(aggregate, std::move(input), context);
    }
    case proto::Relation::kSql:
      return TranslateSql(relation.sql(), context);
    case proto::Relation::kWithRelations:
      return TranslateWithRelations(relation.with_relations(), context);
    case proto::Relation::kLocalRelation:
      return TranslateLocalRelation(relation.local_relation());
    case proto::Relation::kCachedLocalRelation:
      return TranslateCachedLocalRelation(relation.cached_local_relation(), context);
    case proto::Relation::kChunkedCachedLocalRelation:
      return TranslateChunkedCachedLocalRelation(relation.chunked_cached_local_relation(), context);
    case proto::Relation::kRange: {
      const auto& range = relation.range();
      auto node = std::make_shared<Range>();
      node->start = range.has_start() ? range.start() : 0;
      node->end = range.end();
      node->step = range.step();
      if (node->step == 0) return InvalidPlanInput("The step of range must not be 0");
      if (range.has_num_partitions()) {
        if (range.num_partitions() <= 0) {
          return InvalidPlanInput("The number of partitions of range must be positive");
        }
        node->num_partitions = range.num_partitions();
      }
      return node;
    }
    case proto::Relation::kSubqueryAlias: {
      const auto& alias = relation.subquery_alias();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, alias.has_input(), alias.input(), context));
      auto node = MakeNode<SubqueryAlias>(std::move(input));
      node->qualifier.assign(alias.qualifier().begin(), alias.qualifier().end());
      node->qualifier.push_back(alias.alias());
      return node;
    }
    case proto::Relation::kDeduplicate: {
      const auto& dedup = relation.deduplicate();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, dedup.has_input(), dedup.input(), context));
      bool all_columns = dedup.has_all_columns_as_keys() && dedup.all_columns_as_keys();
      if (all_columns && dedup.column_names_size() > 0) {
        return InvalidPlanInput("Cannot deduplicate on both all columns and a subset of columns");
      }
      if (!all_columns && dedup.column_names_size() == 0) {
        return InvalidPlanInput(
            "Deduplicate requires to either deduplicate on all columns or a "
            "subset of columns");
      }
      auto node = MakeNode<Deduplicate>(std::move(input));
      node->all_columns = all_columns;
      node->column_names.assign(dedup.column_names().begin(), dedup.column_names().end());
      return node;
    }
    case proto::Relation::kToDf: {
      const auto& to_df = relation.to_df();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, to_df.has_input(), to_df.input(), context));
      auto node = MakeNode<ToDF>(std::move(input));
      node->column_names.assign(to_df.column_names().begin(), to_df.column_names().end());
      return node;
    }
    case proto::Relation::kWithColumns: {
      const auto& with = relation.with_columns();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, with.has_input(), with.input(), context));
      auto node = MakeNode<WithColumns>(std::move(input));
      for (const auto& alias : with.aliases()) {
        proto::Expression wrapper;
        *wrapper.mutable_alias() = alias;
        SPK_ASSIGN_OR_RAISE(auto translated, TranslateExpression(wrapper, context));
        if (alias.name_size() != 1) {
          return InvalidPlanInput("WithColumns requires single-name aliases");
        }
        node->aliases.push_back(std::move(translated));
      }
      return node;
    }
    case proto::Relation::kWithColumnsRenamed: {
      const auto& renamed = relation.with_columns_renamed();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, renamed.has_input(), renamed.input(), context));
      auto node = MakeNode<WithColumnsRenamed>(std::move(input));
      // The deprecated map has no order; sort it so results are deterministic.
      std::map<std::string, std::string> legacy(renamed.rename_columns_map().begin(),
                                                renamed.rename_columns_map().end());
      for (const auto& [from, to] : legacy) node->renames.emplace_back(from, to);
      for (const auto& rename : renamed.renames()) {
        node->renames.emplace_back(rename.col_name(), rename.new_col_name());
      }
      return node;
    }
    case proto::Relation::kDrop: {
      const auto& drop = relation.drop();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, drop.has_input(), drop.input(), context));
      auto node = MakeNode<Drop>(std::move(input));
      SPK_ASSIGN_OR_RAISE(node->columns, TranslateExpressions(drop.columns(), context));
      node->column_names.assign(drop.column_names().begin(), drop.column_names().end());
      return node;
    }
    case proto::Relation::kHint: {
      const auto& hint = relation.hint();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, hint.has_input(), hint.input(), context));
      return PassThrough(std::move(input));  // hints only steer Spark's planner
    }
    case proto::Relation::kRepartition: {
      const auto& repartition = relation.repartition();
      SPK_ASSIGN_OR_RAISE(auto input, TranslateInput(relation, repartition.has_input(),
                                                     repartition.input(), context));
      if (repartition.num_partitions() <= 0) {
        return InvalidPlanInput("Number of partitions (" +
                                std::to_string(repartition.num_partitions()) +
                                ") must be positive.");
      }
      auto node = MakeNode<Repartition>(std::move(input));
      node->num_partitions = repartition.num_partitions();
      return node;
    }
    case proto::Relation::kRepartitionByExpression: {
      const auto& repartition = relation.repartition_by_expression();
      SPK_ASSIGN_OR_RAISE(auto input, TranslateInput(relation, repartition.has_input(),
                                                     repartition.input(), context));
      auto node = MakeNode<Repartition>(std::move(input));
      if (repartition.has_num_partitions()) node->num_partitions = repartition.num_partitions();
      SPK_ASSIGN_OR_RAISE(node->partition_expressions,
                          TranslateExpressions(repartition.partition_exprs(), context));
      return node;
    }
    case proto::Relation::kToSchema: {
      const auto& to_schema = relation.to_schema();
      SPK_ASSIGN_OR_RAISE(
          auto input, TranslateInput(relation, to_schema.has_input(), to_schema.input(), context));
      if (!to_schema.has_schema()) return InvalidPlanInput("ToSchema without a schema");
      SPK_ASSIGN_OR_RAISE(auto type, DataTypeFromProto(to_schema.schema()));
      if (type->id() != TypeId::kStruct) return InvalidPlanInput("ToSchema needs a struct type");
      return ProjectToSchema(std::move(input), type->fields());
    }
    case proto::Relation::kSample: {
      const auto& sample = relation.sample();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, sample.has_input(), sample.input(), context));
      return TranslateSample(sample, std::move(input));
    }
    case proto::Relation::kUnresolvedTableValuedFunction: {
      const auto& function = relation.unresolved_table_valued_function();
      auto node = std::make_shared<UnresolvedTableFunction>();
      SPK_ASSIGN_OR_RAISE(node->name_parts, ParseMultipartIdentifier(function.function_name()));
      SPK_ASSIGN_OR_RAISE(node->arguments, TranslateExpressions(function.arguments(), context));
      return node;
    }
    case proto::Relation::kFillNa: {
      const auto& fill = relation.fill_na();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, fill.has_input(), fill.input(), context));
      return TranslateNaFill(fill, std::move(input), context);
    }
    case proto::Relation::kDropNa: {
      const auto& drop = relation.drop_na();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, drop.has_input(), drop.input(), context));
      return TranslateNaDrop(drop, std::move(input), context);
    }
    case proto::Relation::kReplace: {
      const auto& replace = relation.replace();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, replace.has_input(), replace.input(), context));
      return TranslateNaReplace(replace, std::move(input), context);
    }
    case proto::Relation::kDescribe: {
      const auto& describe = relation.describe();
      SPK_ASSIGN_OR_RAISE(
          auto input, TranslateInput(relation, describe.has_input(), describe.input(), context));
      return TranslateDescribe(describe, std::move(input), context);
    }
    case proto::Relation::kSummary: {
      const auto& summary = relation.summary();
      SPK_ASSIGN_OR_RAISE(auto input,
                          TranslateInput(relation, summary.has_input(), summary.input(), context));
      return TranslateSummary(summary, std::move(input), context);
    }
    case proto::Relation::kShowString:
    case proto::Relation::kHtmlString:
      return InvalidPlanInput(RelationTypeName(relation) +
                              " is only supported at the root of a plan");
    case proto::Relation::REL_TYPE_NOT_SET:
      return InvalidPlanInput("This relation has no rel_type set");
    default:
      return UnsupportedConnectFeature("relation type " + RelationTypeName(relation));
  }
}

}  // namespace

Result<PlanPtr> TranslateRelation(const proto::Relation& relation,
                                  const TranslationContext& context) {
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, TranslateWithoutCommon(relation, context));
  if (relation.has_common() && relation.common().has_plan_id()) {
    auto copy = plan->Copy();
    copy->plan_id = relation.common().plan_id();
    plan = std::move(copy);
  }
  return plan;
}

}  // namespace sparkling::connect
