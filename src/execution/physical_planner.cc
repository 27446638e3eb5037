#include "execution/physical_planner.h"

#include <arrow/api.h>

#include <unordered_set>

#include "analyzer/semantic_equality.h"
#include "execution/execution_context.h"
#include "execution/expression_evaluator.h"
#include "execution/hash_aggregate_operator.h"
#include "execution/join_operator.h"
#include "execution/key_hash_table.h"
#include "execution/limit_operator.h"
#include "execution/local_relation_source.h"
#include "execution/project_operator.h"
#include "execution/range_source.h"
#include "execution/set_operation_operator.h"
#include "execution/sort_operator.h"
#include "execution/table_scan_source.h"
#include "execution/union_operator.h"
#include "function/function_registry.h"
#include "iceberg/iceberg_table_source.h"
#include "types/array_conformance.h"

namespace sparkling {

std::shared_ptr<arrow::Schema> OutputArrowSchema(const std::vector<Attribute>& output,
                                                 const std::string& time_zone) {
  arrow::FieldVector fields;
  fields.reserve(output.size());
  for (const auto& attribute : output) {
    fields.push_back(
        arrow::field(attribute.name, ToArrowType(*attribute.type, time_zone), attribute.nullable));
  }
  return arrow::schema(std::move(fields));
}

namespace {

std::vector<Attribute> Concat(const std::vector<Attribute>& a, const std::vector<Attribute>& b) {
  std::vector<Attribute> all = a;
  all.insert(all.end(), b.begin(), b.end());
  return all;
}

// The ids of attributes an expression reads.
std::unordered_set<ExprId> ReferencedIds(const ExprPtr& expr) {
  std::unordered_set<ExprId> ids;
  ForEachNode(expr, [&](const Expression& node) {
    if (node.kind == ExprKind::kAttributeReference) ids.insert(node.As<AttributeReference>().id);
  });
  return ids;
}

bool AllIn(const std::unordered_set<ExprId>& ids, const std::unordered_set<ExprId>& side) {
  if (ids.empty()) return false;
  for (ExprId id : ids) {
    if (side.count(id) == 0) return false;
  }
  return true;
}

std::unordered_set<ExprId> IdsOf(const std::vector<Attribute>& attributes) {
  std::unordered_set<ExprId> ids;
  for (const auto& attribute : attributes) ids.insert(attribute.id);
  return ids;
}

// Rows a plan produces when cheaply known (sources, row-preserving or bounding nodes);
// -1 when unknown.
int64_t EstimateRows(const LogicalPlan& plan) {
  switch (plan.kind) {
    case PlanKind::kRange: {
      const auto& range = plan.As<Range>();
      if (range.step == 0) return -1;
      __int128 span = static_cast<__int128>(range.end) - range.start;
      if ((span > 0) != (range.step > 0) || span == 0) return 0;
      __int128 count = (span + range.step + (range.step > 0 ? -1 : 1)) / range.step;
      return static_cast<int64_t>(std::min<__int128>(count, INT64_MAX));
    }
    case PlanKind::kLocalRelation: {
      const auto& data = plan.As<LocalRelation>().data;
      return data == nullptr ? 0 : data->num_rows();
    }
    case PlanKind::kOneRow:
      return 1;
    case PlanKind::kTableScan:
      return plan.As<TableScan>().source->EstimatedRows();
    case PlanKind::kProject:
    case PlanKind::kFilter:  // an upper bound is good enough to pick a build side
    case PlanKind::kSort:
    case PlanKind::kSubqueryAlias:
    case PlanKind::kRepartition:
      return EstimateRows(*plan.child());
    case PlanKind::kLimit: {
      int64_t child = EstimateRows(*plan.child());
      const auto& limit = plan.As<Limit>().limit;
      if (limit == nullptr || limit->kind != ExprKind::kLiteral) return child;
      auto value = limit->As<Literal>().value;
      if (value == nullptr || !value->is_valid) return child;
      auto as_long = value->CastTo(arrow::int64());
      if (!as_long.ok()) return child;
      int64_t n = static_cast<const arrow::Int64Scalar&>(**as_long).value;
      return child < 0 ? n : std::min(n, child);
    }
    default:
      return -1;
  }
}

const ScalarFunctionCall* AsCall(const ExprPtr& expr) {
  return expr->kind == ExprKind::kScalarFunction ? &expr->As<ScalarFunctionCall>() : nullptr;
}

void SplitConjuncts(const ExprPtr& expr, std::vector<ExprPtr>* conjuncts) {
  const ScalarFunctionCall* call = AsCall(expr);
  if (call != nullptr && call->function != nullptr &&
      call->function->conditional_kind() == ConditionalKind::kAnd && expr->children.size() == 2) {
    SplitConjuncts(expr->children[0], conjuncts);
    SplitConjuncts(expr->children[1], conjuncts);
    return;
  }
  conjuncts->push_back(expr);
}

class PhysicalPlanner {
 public:
  explicit PhysicalPlanner(ExecutionContext* context) : context_(context) {}

  Result<PhysicalOperatorPtr> Plan(const PlanPtr& plan) {
    if (!plan->analyzed && plan->kind != PlanKind::kOneRow) {
      return Status::Internal("executing a plan that was not analyzed: " + plan->NodeString());
    }
    switch (plan->kind) {
      case PlanKind::kLocalRelation:
        return PlanLocalRelation(plan->As<LocalRelation>());
      case PlanKind::kTableScan:
        return PlanTableScan(*plan, {});
      case PlanKind::kRange: {
        const auto& range = plan->As<Range>();
        return PhysicalOperatorPtr(
            std::make_shared<RangeSource>(Schema(*plan), range.start, range.end, range.step,
                                          context_->parallelism(), context_->batch_size()));
      }
      case PlanKind::kOneRow: {
        auto schema = arrow::schema(arrow::FieldVector{});
        auto table =
            arrow::Table::Make(schema, std::vector<std::shared_ptr<arrow::ChunkedArray>>{}, 1);
        return PhysicalOperatorPtr(
            std::make_shared<LocalRelationSource>(schema, table, 1, context_->batch_size()));
      }
      case PlanKind::kProject: {
        SPK_ASSIGN_OR_RAISE(auto child, Plan(plan->child()));
        SPK_ASSIGN_OR_RAISE(auto expressions,
                            Bind(plan->As<Project>().expressions, plan->child()->output));
        return PhysicalOperatorPtr(
            std::make_shared<ProjectOperator>(Schema(*plan), child, std::move(expressions)));
      }
      case PlanKind::kFilter: {
        PhysicalOperatorPtr child;
        if (const LogicalPlan* scan = ScanBelow(*plan->child())) {
          // Conjuncts comparing a column with a constant let the scan skip files.
          std::vector<ExprPtr> conjuncts;
          SplitConjuncts(plan->As<Filter>().condition, &conjuncts);
          SPK_ASSIGN_OR_RAISE(child, PlanTableScan(*scan, conjuncts));
        } else {
          SPK_ASSIGN_OR_RAISE(child, Plan(plan->child()));
        }
        SPK_ASSIGN_OR_RAISE(auto condition,
                            Bind({plan->As<Filter>().condition}, plan->child()->output));
        return PhysicalOperatorPtr(std::make_shared<FilterOperator>(child, std::move(condition)));
      }
      case PlanKind::kAggregate: {
        const auto& aggregate = plan->As<Aggregate>();
        return PlanAggregate(*plan, aggregate.groupings, aggregate.aggregates);
      }
      case PlanKind::kDistinct:
        return PlanDistinct(*plan, plan->child());
      case PlanKind::kDeduplicate:
        return PlanDeduplicate(*plan);
      case PlanKind::kSort:
        return PlanSort(*plan);
      case PlanKind::kLimit:
        return PlanLimit(*plan);
      case PlanKind::kOffset: {
        SPK_ASSIGN_OR_RAISE(int64_t offset, FoldCount(plan->As<Offset>().offset, "offset"));
        SPK_ASSIGN_OR_RAISE(auto child, Plan(plan->child()));
        return PhysicalOperatorPtr(std::make_shared<LimitOperator>(child, -1, offset));
      }
      case PlanKind::kTail: {
        SPK_ASSIGN_OR_RAISE(int64_t limit, FoldCount(plan->As<Tail>().limit, "tail"));
        SPK_ASSIGN_OR_RAISE(auto child, Plan(plan->child()));
        return PhysicalOperatorPtr(std::make_shared<TailOperator>(child, limit));
      }
      case PlanKind::kSubqueryAlias:
      case PlanKind::kRepartition:
      case PlanKind::kWithCte:
        return Plan(plan->child());
      case PlanKind::kJoin:
        return PlanJoin(*plan);
      case PlanKind::kSetOperation:
        return PlanSetOperation(*plan);
      default:
        return Status::Internal("plan node cannot be executed: " + plan->NodeString());
    }
  }

 private:
  std::shared_ptr<arrow::Schema> Schema(const LogicalPlan& plan) const {
    return OutputArrowSchema(plan.output, context_->time_zone());
  }

  Result<std::unique_ptr<ExpressionEvaluator>> Bind(const std::vector<ExprPtr>& expressions,
                                                    const std::vector<Attribute>& input) {
    std::vector<ExprPtr> planned;
    planned.reserve(expressions.size());
    for (const auto& expr : expressions) {
      SPK_ASSIGN_OR_RAISE(auto rewritten, RunSubqueries(expr));
      planned.push_back(std::move(rewritten));
    }
    return ExpressionEvaluator::Make(planned, input, context_->eval_options());
  }

  // Replaces uncorrelated subqueries by their results.
  Result<ExprPtr> RunSubqueries(const ExprPtr& expr) {
    return TransformUp(expr, [this](const ExprPtr& node) -> Result<ExprPtr> {
      switch (node->kind) {
        case ExprKind::kScalarSubquery:
          return RunScalarSubquery(*node);
        case ExprKind::kExists: {
          SPK_ASSIGN_OR_RAISE(auto table, RunSubquery(node->As<Exists>().plan));
          return MakeLiteral(std::make_shared<arrow::BooleanScalar>(table->num_rows() > 0),
                             DataType::Boolean());
        }
        case ExprKind::kInSubquery:
          if (dynamic_cast<const InSubqueryExpression*>(node.get()) != nullptr) return node;
          return RunInSubquery(*node);
        default:
          return node;
      }
    });
  }

  Result<std::shared_ptr<arrow::Table>> RunSubquery(const PlanPtr& plan) {
    if (plan == nullptr) return Status::Internal("subquery without a plan");
    return ExecuteToTable(plan, context_->options());
  }

  Result<ExprPtr> RunScalarSubquery(const Expression& subquery) {
    SPK_ASSIGN_OR_RAISE(auto table, RunSubquery(subquery.As<ScalarSubquery>().plan));
    if (table->num_columns() != 1) {
      return Status::Internal("scalar subquery returned " + std::to_string(table->num_columns()) +
                              " columns");
    }
    if (table->num_rows() > 1) return Status::Error("SCALAR_SUBQUERY_TOO_MANY_ROWS");
    if (table->num_rows() == 0) return MakeNullLiteral(subquery.type);
    SPK_ASSIGN_OR_RAISE_ARROW(auto value, table->column(0)->GetScalar(0));
    return MakeLiteral(std::move(value), subquery.type);
  }

  Result<ExprPtr> RunInSubquery(const Expression& in) {
    SPK_ASSIGN_OR_RAISE(auto table, RunSubquery(in.As<InSubquery>().plan));
    if (table->num_columns() != static_cast<int>(in.children.size())) {
      return Status::Internal("IN subquery column count does not match its values");
    }
    auto values = std::make_shared<InSubqueryValues>();
    auto rows = std::make_shared<KeyHashTable>();
    values->empty = table->num_rows() == 0;
    arrow::TableBatchReader reader(*table);
    std::shared_ptr<arrow::RecordBatch> batch;
    EncodedRows encoded;
    while (true) {
      SPK_RETURN_NOT_OK_ARROW(reader.ReadNext(&batch));
      if (batch == nullptr) break;
      std::vector<std::shared_ptr<arrow::Array>> columns;
      for (int c = 0; c < batch->num_columns(); ++c) {
        auto type = ToArrowType(*in.children[c]->type, context_->time_zone());
        SPK_ASSIGN_OR_RAISE(auto column, ConformArray(batch->column(c), type, batch->num_rows()));
        for (int64_t i = 0; i < batch->num_rows() && !values->has_null_row; ++i) {
          values->has_null_row = column->IsNull(i);
        }
        columns.push_back(std::move(column));
      }
      SPK_RETURN_NOT_OK(EncodeRowKeys(columns, {}, batch->num_rows(), &encoded));
      for (int64_t i = 0; i < batch->num_rows(); ++i) {
        bool inserted = false;
        rows->FindOrInsert(encoded.row(i), &inserted);
      }
    }
    values->rows = std::move(rows);
    auto planned = std::make_shared<InSubqueryExpression>();
    planned->children = in.children;
    planned->type = in.type;
    planned->nullable = in.nullable;
    planned->values = std::move(values);
    return ExprPtr(std::move(planned));
  }

  // A foldable, non-negative integer (LIMIT, OFFSET, tail).
  Result<int64_t> FoldCount(const ExprPtr& expr, const char* what) {
    SPK_ASSIGN_OR_RAISE(auto evaluator, Bind({expr}, {}));
    auto one_row =
        arrow::RecordBatch::Make(arrow::schema(arrow::FieldVector{}), 1, arrow::ArrayVector{});
    SPK_ASSIGN_OR_RAISE(auto value, evaluator->EvaluateToArray(0, *one_row));
    SPK_ASSIGN_OR_RAISE_ARROW(auto scalar, value->GetScalar(0));
    if (!scalar->is_valid) return Status::Internal(std::string(what) + " is NULL");
    SPK_ASSIGN_OR_RAISE_ARROW(auto as_long, scalar->CastTo(arrow::int64()));
    int64_t count = static_cast<const arrow::Int64Scalar&>(*as_long).value;
    if (count < 0) return Status::Internal(std::string(what) + " is negative");
    return count;
  }

  // The table scan directly below a filter (through subquery aliases), if any.
  static const LogicalPlan* ScanBelow(const LogicalPlan& plan) {
    const LogicalPlan* node = &plan;
    while (node->kind == PlanKind::kSubqueryAlias) node = node->child().get();
    return node->kind == PlanKind::kTableScan ? node : nullptr;
  }

  // `attribute op literal` (either side) as a pruning predicate on a top-level column.
  static std::optional<iceberg::PruningPredicate> PruningPredicateOf(
      const ExprPtr& conjunct, const std::unordered_map<ExprId, int>& field_ids) {
    const ScalarFunctionCall* call = AsCall(conjunct);
    if (call == nullptr || call->function == nullptr) return std::nullopt;
    const std::string& name = call->function->name();
    auto field_of = [&](const ExprPtr& expr) -> int {
      if (expr->kind != ExprKind::kAttributeReference) return -1;
      auto it = field_ids.find(expr->As<AttributeReference>().id);
      return it == field_ids.end() ? -1 : it->second;
    };
    iceberg::PruningPredicate predicate;
    if ((name == "isnull" || name == "isnotnull") && conjunct->children.size() == 1) {
      predicate.field_id = field_of(conjunct->children[0]);
      if (predicate.field_id < 0) return std::nullopt;
      predicate.op = name == "isnull" ? iceberg::PruningPredicate::Op::kIsNull
                                      : iceberg::PruningPredicate::Op::kIsNotNull;
      return predicate;
    }
    if (conjunct->children.size() != 2) return std::nullopt;
    using Op = iceberg::PruningPredicate::Op;
    static const std::map<std::string, std::pair<Op, Op>> kOps = {
        {"=", {Op::kEq, Op::kEq}},  {"==", {Op::kEq, Op::kEq}}, {"<", {Op::kLt, Op::kGt}},
        {"<=", {Op::kLe, Op::kGe}}, {">", {Op::kGt, Op::kLt}},  {">=", {Op::kGe, Op::kLe}}};
    auto op = kOps.find(name);
    if (op == kOps.end()) return std::nullopt;
    const ExprPtr& left = conjunct->children[0];
    const ExprPtr& right = conjunct->children[1];
    if (field_of(left) >= 0 && right->kind == ExprKind::kLiteral) {
      predicate.field_id = field_of(left);
      predicate.op = op->second.first;
      predicate.value = right->As<Literal>().value;
    } else if (field_of(right) >= 0 && left->kind == ExprKind::kLiteral) {
      predicate.field_id = field_of(right);
      predicate.op = op->second.second;
      predicate.value = left->As<Literal>().value;
    } else {
      return std::nullopt;
    }
    if (predicate.value == nullptr || !predicate.value->is_valid) return std::nullopt;
    return predicate;
  }

  Result<PhysicalOperatorPtr> PlanTableScan(const LogicalPlan& plan,
                                            const std::vector<ExprPtr>& conjuncts) {
    auto source =
        std::dynamic_pointer_cast<const iceberg::IcebergTableSource>(plan.As<TableScan>().source);
    if (source == nullptr) return Status::NotImplemented("scanning this kind of table");
    const auto& fields = source->read_schema().fields;
    std::vector<int> columns;
    std::unordered_map<ExprId, int> field_ids;
    for (const auto& attribute : plan.output) {
      int column = 0;
      bool found = false;
      for (const auto& field : fields) {
        if (field.name == attribute.name) {
          column = field.id;
          found = true;
          field_ids[attribute.id] = field.id;
          break;
        }
      }
      if (!found) {
        if (attribute.name == "_file") {
          column = TableScanSource::kFileColumn;
        } else if (attribute.name == "_pos") {
          column = TableScanSource::kPositionColumn;
        } else {
          return Status::Internal("table column " + attribute.name + " not in the table");
        }
      }
      columns.push_back(column);
    }
    std::vector<iceberg::PruningPredicate> predicates;
    for (const auto& conjunct : conjuncts) {
      if (auto predicate = PruningPredicateOf(conjunct, field_ids)) {
        predicates.push_back(std::move(*predicate));
      }
    }
    return PhysicalOperatorPtr(std::make_shared<TableScanSource>(
        Schema(plan), std::move(source), std::move(columns), std::move(predicates),
        context_->parallelism(), context_->batch_size()));
  }

  Result<PhysicalOperatorPtr> PlanLocalRelation(const LocalRelation& relation) {
    auto schema = Schema(relation);
    auto table = relation.data;
    if (table != nullptr && table->num_columns() != schema->num_fields()) {
      return Status::Internal("local relation data has " + std::to_string(table->num_columns()) +
                              " columns, its output " + std::to_string(schema->num_fields()));
    }
    return PhysicalOperatorPtr(std::make_shared<LocalRelationSource>(
        schema, table, context_->parallelism(), context_->batch_size()));
  }

  Result<PhysicalOperatorPtr> PlanLimit(const LogicalPlan& plan) {
    SPK_ASSIGN_OR_RAISE(int64_t limit, FoldCount(plan.As<Limit>().limit, "limit"));
    // LIMIT over OFFSET is one operator: skip, then take.
    int64_t offset = 0;
    PlanPtr input = plan.child();
    if (input->kind == PlanKind::kOffset) {
      SPK_ASSIGN_OR_RAISE(offset, FoldCount(input->As<Offset>().offset, "offset"));
      input = input->child();
    }
    // ORDER BY ... LIMIT n: the sort only needs its first offset + n rows.
    PhysicalOperatorPtr child;
    if (input->kind == PlanKind::kSort && input->As<Sort>().global) {
      SPK_ASSIGN_OR_RAISE(child, PlanSort(*input, limit + offset));
    } else {
      SPK_ASSIGN_OR_RAISE(child, Plan(input));
    }
    return PhysicalOperatorPtr(std::make_shared<LimitOperator>(child, limit, offset));
  }

  Result<PhysicalOperatorPtr> PlanSort(const LogicalPlan& plan, int64_t limit = -1) {
    const auto& sort = plan.As<Sort>();
    SPK_ASSIGN_OR_RAISE(auto child, Plan(plan.child()));
    std::vector<KeyOrder> orders;
    for (const auto& order : sort.orders) {
      KeyOrder key;
      if (order->kind == ExprKind::kSortOrder) {
        const auto& sort_order = order->As<SortOrder>();
        key.descending = sort_order.direction == SortDirection::kDescending;
        key.nulls_first = sort_order.null_ordering == NullOrdering::kNullsFirst;
      }
      orders.push_back(key);
    }
    SPK_ASSIGN_OR_RAISE(auto keys, Bind(sort.orders, plan.child()->output));
    return PhysicalOperatorPtr(std::make_shared<SortOperator>(
        child, std::move(keys), std::move(orders), sort.global, context_->parallelism(), limit));
  }

  // Aggregation: grouping keys, then aggregate calls, feed `results`, which see the keys
  // and the calls' results as attributes.
  Result<PhysicalOperatorPtr> PlanAggregate(const LogicalPlan& plan,
                                            const std::vector<ExprPtr>& groupings,
                                            const std::vector<ExprPtr>& outputs) {
    SPK_ASSIGN_OR_RAISE(auto child, Plan(plan.child()));
    const auto& input = plan.child()->output;
    std::vector<Attribute> key_attributes;
    for (size_t i = 0; i < groupings.size(); ++i) {
      const ExprPtr& key = StripAliases(groupings[i]);
      Attribute attribute;
      attribute.type = key->type;
      attribute.nullable = key->nullable;
      if (key->kind == ExprKind::kAttributeReference) {
        attribute.name = key->As<AttributeReference>().name;
        attribute.id = key->As<AttributeReference>().id;
      } else {
        attribute.name = "_groupingexpression" + std::to_string(i);
        attribute.id = NewExprId();
      }
      key_attributes.push_back(std::move(attribute));
    }
    std::vector<ExprPtr> calls;
    std::vector<Attribute> call_attributes;
    std::vector<ExprPtr> results;
    for (const auto& output : outputs) {
      SPK_ASSIGN_OR_RAISE(auto rewritten, RewriteAggregateOutput(output, groupings, key_attributes,
                                                                 &calls, &call_attributes));
      results.push_back(std::move(rewritten));
    }
    std::vector<AggregateCallSpec> specs;
    for (const auto& call_expr : calls) {
      const auto& call = call_expr->As<AggregateFunctionCall>();
      if (call.function == nullptr) return Status::Internal("aggregate call without a kernel");
      AggregateCallSpec spec;
      spec.function = call.function;
      SPK_ASSIGN_OR_RAISE(spec.arguments, Bind(call.children, input));
      if (call.filter.has_value()) {
        SPK_ASSIGN_OR_RAISE(spec.filter, Bind({*call.filter}, input));
      }
      spec.result_type = ToArrowType(*call.function->result_type(), context_->time_zone());
      specs.push_back(std::move(spec));
    }
    SPK_ASSIGN_OR_RAISE(auto key_evaluator, Bind(groupings, input));
    SPK_ASSIGN_OR_RAISE(auto result_evaluator,
                        Bind(results, Concat(key_attributes, call_attributes)));
    return PhysicalOperatorPtr(std::make_shared<HashAggregateOperator>(
        Schema(plan), child, std::move(key_evaluator), std::move(specs),
        std::move(result_evaluator), context_->parallelism()));
  }

  // Rewrites an aggregate output over [keys..., calls...]: calls become attributes (equal
  // calls share one), expressions equal to a grouping key become that key's attribute.
  Result<ExprPtr> RewriteAggregateOutput(const ExprPtr& expr, const std::vector<ExprPtr>& groupings,
                                         const std::vector<Attribute>& key_attributes,
                                         std::vector<ExprPtr>* calls,
                                         std::vector<Attribute>* call_attributes) {
    if (expr->kind == ExprKind::kAggregateFunction) {
      for (size_t i = 0; i < calls->size(); ++i) {
        if (SemanticEquals(*(*calls)[i], *expr) &&
            (*calls)[i]->As<AggregateFunctionCall>().filter.has_value() ==
                expr->As<AggregateFunctionCall>().filter.has_value() &&
            !expr->As<AggregateFunctionCall>().filter.has_value()) {
          return (*call_attributes)[i].ToReference();
        }
      }
      Attribute attribute;
      attribute.name = "_aggregate" + std::to_string(calls->size());
      attribute.type = expr->type;
      attribute.nullable = expr->nullable;
      attribute.id = NewExprId();
      calls->push_back(expr);
      call_attributes->push_back(attribute);
      return attribute.ToReference();
    }
    if (expr->kind != ExprKind::kAlias && expr->kind != ExprKind::kLiteral) {
      for (size_t i = 0; i < groupings.size(); ++i) {
        if (SemanticEquals(*expr, *StripAliases(groupings[i]))) {
          return key_attributes[i].ToReference();
        }
      }
    }
    if (expr->children.empty()) return expr;
    std::vector<ExprPtr> children;
    for (const auto& child : expr->children) {
      SPK_ASSIGN_OR_RAISE(auto rewritten, RewriteAggregateOutput(child, groupings, key_attributes,
                                                                 calls, call_attributes));
      children.push_back(std::move(rewritten));
    }
    return expr->WithChildren(std::move(children));
  }

  Result<PhysicalOperatorPtr> PlanDistinct(const LogicalPlan& plan, const PlanPtr& input) {
    std::vector<ExprPtr> columns;
    for (const auto& attribute : input->output) columns.push_back(attribute.ToReference());
    return PlanAggregate(plan, columns, columns);
  }

  // dropDuplicates: group by the key columns, first() of every other column.
  Result<PhysicalOperatorPtr> PlanDeduplicate(const LogicalPlan& plan) {
    const auto& deduplicate = plan.As<Deduplicate>();
    const auto& input = plan.child()->output;
    std::vector<ExprPtr> keys, outputs;
    std::vector<bool> is_key(input.size(), deduplicate.column_names.empty());
    for (const auto& name : deduplicate.column_names) {
      bool found = false;
      for (size_t i = 0; i < input.size(); ++i) {
        if (!is_key[i] && input[i].name == name) {
          is_key[i] = true;
          found = true;
          break;
        }
      }
      if (!found) {
        bool duplicate = false;
        for (size_t i = 0; i < input.size(); ++i) duplicate |= input[i].name == name;
        if (!duplicate) return Status::Internal("dropDuplicates column not found: " + name);
      }
    }
    for (size_t i = 0; i < input.size(); ++i) {
      if (is_key[i]) keys.push_back(input[i].ToReference());
    }
    for (size_t i = 0; i < input.size(); ++i) {
      ExprPtr column = input[i].ToReference();
      if (is_key[i]) {
        outputs.push_back(column);
        continue;
      }
      SPK_ASSIGN_OR_RAISE(auto first,
                          FunctionRegistry::Global().Resolve("first", {column}, ResolveOptions{}));
      outputs.push_back(MakeAlias(first, input[i].name));
    }
    return PlanAggregate(plan, keys, outputs);
  }

  Result<PhysicalOperatorPtr> PlanJoin(const LogicalPlan& plan) {
    const auto& join = plan.As<Join>();
    const PlanPtr& left_plan = plan.children[0];
    const PlanPtr& right_plan = plan.children[1];
    SPK_ASSIGN_OR_RAISE(auto left, Plan(left_plan));
    SPK_ASSIGN_OR_RAISE(auto right, Plan(right_plan));
    JoinSpec spec;
    spec.type = join.join_type == JoinType::kCross ? JoinType::kInner : join.join_type;
    spec.build_is_right = spec.type != JoinType::kRightOuter;
    if (spec.type == JoinType::kInner) {
      // Build the hash table on the smaller side when both sizes are known.
      int64_t left_rows = EstimateRows(*left_plan);
      int64_t right_rows = EstimateRows(*right_plan);
      spec.build_is_right = left_rows < 0 || right_rows < 0 || right_rows <= left_rows;
    }
    std::vector<ExprPtr> left_keys, right_keys;
    bool needs_residual = false;
    if (join.condition.has_value() && *join.condition != nullptr) {
      auto left_ids = IdsOf(left_plan->output);
      auto right_ids = IdsOf(right_plan->output);
      std::vector<ExprPtr> conjuncts;
      SplitConjuncts(*join.condition, &conjuncts);
      for (const auto& conjunct : conjuncts) {
        const ScalarFunctionCall* call = AsCall(conjunct);
        bool is_key = false;
        if (call != nullptr && call->function != nullptr && conjunct->children.size() == 2) {
          const std::string& name = call->function->name();
          const bool null_safe = name == "<=>" || name == "equal_null";
          if (null_safe || name == "=" || name == "==") {
            const ExprPtr& a = conjunct->children[0];
            const ExprPtr& b = conjunct->children[1];
            auto a_ids = ReferencedIds(a);
            auto b_ids = ReferencedIds(b);
            if (a->type != nullptr && b->type != nullptr && a->type->SameType(*b->type)) {
              if (AllIn(a_ids, left_ids) && AllIn(b_ids, right_ids)) {
                left_keys.push_back(a);
                right_keys.push_back(b);
                is_key = true;
              } else if (AllIn(a_ids, right_ids) && AllIn(b_ids, left_ids)) {
                left_keys.push_back(b);
                right_keys.push_back(a);
                is_key = true;
              }
            }
            if (is_key) spec.null_safe.push_back(null_safe);
          }
        }
        needs_residual |= !is_key;
      }
      // The residual is the whole condition: it keeps the written evaluation order (so lazy
      // branches behave as written) and re-checking the keys is harmless.
      if (needs_residual) {
        SPK_ASSIGN_OR_RAISE(spec.residual,
                            Bind({*join.condition}, Concat(left_plan->output, right_plan->output)));
      }
    }
    const auto& probe_output = spec.build_is_right ? left_plan->output : right_plan->output;
    const auto& build_output = spec.build_is_right ? right_plan->output : left_plan->output;
    SPK_ASSIGN_OR_RAISE(spec.probe_keys,
                        Bind(spec.build_is_right ? left_keys : right_keys, probe_output));
    SPK_ASSIGN_OR_RAISE(spec.build_keys,
                        Bind(spec.build_is_right ? right_keys : left_keys, build_output));
    return PhysicalOperatorPtr(
        std::make_shared<JoinOperator>(Schema(plan), left, right, std::move(spec)));
  }

  Result<PhysicalOperatorPtr> PlanSetOperation(const LogicalPlan& plan) {
    const auto& operation = plan.As<SetOperation>();
    if (operation.op == SetOperationType::kUnion) {
      std::vector<PhysicalOperatorPtr> inputs;
      for (const auto& child : plan.children) {
        SPK_ASSIGN_OR_RAISE(auto input, Plan(child));
        inputs.push_back(std::move(input));
      }
      auto union_all = std::make_shared<UnionOperator>(Schema(plan), std::move(inputs));
      if (operation.is_all) return PhysicalOperatorPtr(union_all);
      return DistinctOver(plan, union_all);
    }
    SPK_ASSIGN_OR_RAISE(auto left, Plan(plan.children[0]));
    SPK_ASSIGN_OR_RAISE(auto right, Plan(plan.children[1]));
    return PhysicalOperatorPtr(std::make_shared<SetOperationOperator>(
        Schema(plan), left, right, operation.op, operation.is_all, context_->parallelism()));
  }

  // Distinct rows of an already planned input whose output is `plan.output`.
  Result<PhysicalOperatorPtr> DistinctOver(const LogicalPlan& plan, PhysicalOperatorPtr input) {
    std::vector<ExprPtr> columns;
    for (const auto& attribute : plan.output) columns.push_back(attribute.ToReference());
    SPK_ASSIGN_OR_RAISE(auto keys, Bind(columns, plan.output));
    SPK_ASSIGN_OR_RAISE(auto results, Bind(columns, plan.output));
    return PhysicalOperatorPtr(std::make_shared<HashAggregateOperator>(
        Schema(plan), std::move(input), std::move(keys), std::vector<AggregateCallSpec>{},
        std::move(results), context_->parallelism()));
  }

  ExecutionContext* context_;
};

}  // namespace

Result<PhysicalOperatorPtr> CreatePhysicalPlan(const PlanPtr& plan, ExecutionContext* context) {
  PhysicalPlanner planner(context);
  return planner.Plan(plan);
}

}  // namespace sparkling
