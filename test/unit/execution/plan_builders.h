#pragma once

// Hand-made resolved plans and tiny test kernels for executor tests: what the analyzer and
// the function registry would produce, without depending on them.

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "execution/executor.h"
#include "plan/bound_function.h"
#include "plan/logical_plan.h"

namespace sparkling::testing {

// --- Expressions -------------------------------------------------------------------------

inline ExprPtr Ref(const Attribute& attribute) { return attribute.ToReference(); }

inline ExprPtr Long(int64_t value) {
  return MakeLiteral(std::make_shared<arrow::Int64Scalar>(value), DataType::Long());
}
inline ExprPtr Bool(bool value) {
  return MakeLiteral(std::make_shared<arrow::BooleanScalar>(value), DataType::Boolean());
}

/// A scalar function over Arrow compute: `compute_name` applied to the arguments.
class ComputeFunction : public BoundScalarFunction {
 public:
  ComputeFunction(std::string name, std::string compute_name, DataTypePtr result,
                  ConditionalKind conditional = ConditionalKind::kNone)
      : name_(std::move(name)),
        compute_name_(std::move(compute_name)),
        result_(std::move(result)),
        conditional_(conditional) {}
  const std::string& name() const override { return name_; }
  const DataTypePtr& result_type() const override { return result_; }
  std::string ToSql(const std::vector<std::string>& args) const override {
    std::string out = name_ + "(";
    for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
    return out + ")";
  }
  ConditionalKind conditional_kind() const override { return conditional_; }
  Result<arrow::Datum> Evaluate(const std::vector<arrow::Datum>& args, int64_t num_rows,
                                const EvalOptions& options) const override {
    if (compute_name_ == "checked_divide") {
      // Spark's ANSI division: a zero divisor is an error, not NULL.
      for (int64_t i = 0; args[1].is_array() && i < args[1].length(); ++i) {
        auto divisor = args[1].make_array();
        if (divisor->IsValid(i) && static_cast<const arrow::Int64Array&>(*divisor).Value(i) == 0) {
          return Status::Error("DIVIDE_BY_ZERO", {{"config", "\"spark.sql.ansi.enabled\""}});
        }
      }
      auto quotient = arrow::compute::CallFunction("divide", args);
      if (!quotient.ok()) return Status::Internal(quotient.status().ToString());
      return *quotient;
    }
    auto result = arrow::compute::CallFunction(compute_name_, args);
    if (!result.ok()) return Status::Internal(result.status().ToString());
    return *result;
  }

 private:
  std::string name_;
  std::string compute_name_;
  DataTypePtr result_;
  ConditionalKind conditional_;
};

inline ExprPtr Call(const std::string& name, const std::string& compute_name, DataTypePtr result,
                    std::vector<ExprPtr> args,
                    ConditionalKind conditional = ConditionalKind::kNone) {
  auto call = std::make_shared<ScalarFunctionCall>();
  call->function = std::make_shared<ComputeFunction>(name, compute_name, result, conditional);
  call->type = result;
  call->children = std::move(args);
  return call;
}
inline ExprPtr Add(ExprPtr a, ExprPtr b) {
  auto type = a->type;
  return Call("+", "add", type, {std::move(a), std::move(b)});
}
inline ExprPtr Divide(ExprPtr a, ExprPtr b) {
  return Call("/", "checked_divide", DataType::Long(), {std::move(a), std::move(b)});
}
inline ExprPtr Equal(ExprPtr a, ExprPtr b) {
  return Call("=", "equal", DataType::Boolean(), {std::move(a), std::move(b)});
}
inline ExprPtr Less(ExprPtr a, ExprPtr b) {
  return Call("<", "less", DataType::Boolean(), {std::move(a), std::move(b)});
}
inline ExprPtr And(ExprPtr a, ExprPtr b) {
  return Call("and", "and_kleene", DataType::Boolean(), {std::move(a), std::move(b)},
              ConditionalKind::kAnd);
}
/// CASE WHEN c THEN a ELSE b END (Evaluate is never called for conditionals).
inline ExprPtr CaseWhen(ExprPtr condition, ExprPtr then_value, ExprPtr else_value) {
  auto type = then_value->type;
  return Call("when", "unused", type, {condition, then_value, else_value},
              ConditionalKind::kCaseWhen);
}

/// sum(bigint) / count(x): minimal grouped accumulators.
class TestAccumulator : public GroupedAccumulator {
 public:
  explicit TestAccumulator(bool is_count) : is_count_(is_count) {}
  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    Grow(num_groups);
    auto values = args[0].is_array() ? args[0].make_array() : nullptr;
    for (int64_t i = 0; i < num_rows; ++i) {
      bool valid = values ? values->IsValid(i) : args[0].scalar()->is_valid;
      if (!valid) continue;
      int64_t v = is_count_ ? 1
                  : values  ? static_cast<const arrow::Int64Array&>(*values).Value(i)
                            : static_cast<const arrow::Int64Scalar&>(*args[0].scalar()).value;
      sums_[group_ids[i]] += v;
      seen_[group_ids[i]] = true;
    }
    return Status::OK();
  }
  Status Merge(GroupedAccumulator& other, const uint32_t* mapping) override {
    auto& from = static_cast<TestAccumulator&>(other);
    for (size_t g = 0; g < from.sums_.size(); ++g) {
      Grow(mapping[g] + 1);
      sums_[mapping[g]] += from.sums_[g];
      seen_[mapping[g]] = seen_[mapping[g]] || from.seen_[g];
    }
    return Status::OK();
  }
  Result<std::shared_ptr<arrow::Array>> Finish() override {
    arrow::Int64Builder builder;
    for (size_t g = 0; g < sums_.size(); ++g) {
      if (is_count_ || seen_[g]) {
        (void)builder.Append(sums_[g]);
      } else {
        (void)builder.AppendNull();
      }
    }
    return builder.Finish().ValueOrDie();
  }

 private:
  void Grow(size_t n) {
    if (sums_.size() < n) {
      sums_.resize(n, 0);
      seen_.resize(n, false);
    }
  }
  bool is_count_;
  std::vector<int64_t> sums_;
  std::vector<bool> seen_;
};

class TestAggregate : public BoundAggregateFunction {
 public:
  explicit TestAggregate(bool is_count) : is_count_(is_count), name_(is_count ? "count" : "sum") {}
  const std::string& name() const override { return name_; }
  const DataTypePtr& result_type() const override { return type_; }
  std::string ToSql(const std::vector<std::string>& args) const override {
    return name_ + "(" + (args.empty() ? "" : args[0]) + ")";
  }
  bool is_distinct() const override { return false; }
  std::unique_ptr<GroupedAccumulator> MakeAccumulator(const EvalOptions&) const override {
    return std::make_unique<TestAccumulator>(is_count_);
  }

 private:
  bool is_count_;
  std::string name_;
  DataTypePtr type_ = DataType::Long();
};

inline ExprPtr Sum(ExprPtr arg) {
  auto call = std::make_shared<AggregateFunctionCall>();
  call->function = std::make_shared<TestAggregate>(false);
  call->type = DataType::Long();
  call->children = {std::move(arg)};
  return call;
}
inline ExprPtr Count(ExprPtr arg) {
  auto call = std::make_shared<AggregateFunctionCall>();
  call->function = std::make_shared<TestAggregate>(true);
  call->type = DataType::Long();
  call->nullable = false;
  call->children = {std::move(arg)};
  return call;
}

inline ExprPtr Order(ExprPtr child, bool descending, bool nulls_first) {
  auto order = std::make_shared<SortOrder>();
  order->type = child->type;
  order->children = {std::move(child)};
  order->direction = descending ? SortDirection::kDescending : SortDirection::kAscending;
  order->null_ordering = nulls_first ? NullOrdering::kNullsFirst : NullOrdering::kNullsLast;
  return order;
}

// --- Plans -------------------------------------------------------------------------------

inline Attribute NewAttribute(const std::string& name, DataTypePtr type, bool nullable = true) {
  Attribute attribute;
  attribute.name = name;
  attribute.type = std::move(type);
  attribute.nullable = nullable;
  attribute.id = NewExprId();
  return attribute;
}

/// The attribute a named expression defines (Alias or AttributeReference).
inline Attribute OutputOf(const ExprPtr& expr) {
  Attribute attribute;
  attribute.type = expr->type;
  attribute.nullable = expr->nullable;
  if (expr->kind == ExprKind::kAlias) {
    attribute.name = expr->As<Alias>().name();
    attribute.id = expr->As<Alias>().id;
  } else {
    attribute.name = expr->As<AttributeReference>().name;
    attribute.id = expr->As<AttributeReference>().id;
  }
  return attribute;
}

template <typename T>
std::shared_ptr<T> Node(std::vector<PlanPtr> children, std::vector<Attribute> output) {
  auto node = std::make_shared<T>();
  node->children = std::move(children);
  node->output = std::move(output);
  node->analyzed = true;
  return node;
}

inline PlanPtr RangePlan(int64_t start, int64_t end, int64_t step = 1) {
  auto range = Node<Range>({}, {NewAttribute("id", DataType::Long(), false)});
  range->start = start;
  range->end = end;
  range->step = step;
  return range;
}

/// A LocalRelation over `table`; Spark types come from the Arrow schema.
inline PlanPtr TablePlan(const std::shared_ptr<arrow::Table>& table) {
  std::vector<Attribute> output;
  Schema schema;
  for (const auto& field : table->schema()->fields()) {
    auto type = FromArrowType(*field->type()).ValueOrDie();
    output.push_back(NewAttribute(field->name(), type, field->nullable()));
    schema.push_back(StructField{field->name(), type, field->nullable()});
  }
  auto relation = Node<LocalRelation>({}, output);
  relation->data = table;
  relation->schema = schema;
  return relation;
}

inline PlanPtr ProjectPlan(PlanPtr child, std::vector<ExprPtr> expressions) {
  std::vector<Attribute> output;
  for (const auto& expr : expressions) output.push_back(OutputOf(expr));
  auto project = Node<Project>({std::move(child)}, output);
  project->expressions = std::move(expressions);
  return project;
}

inline PlanPtr FilterPlan(PlanPtr child, ExprPtr condition) {
  auto output = child->output;
  auto filter = Node<Filter>({std::move(child)}, output);
  filter->condition = std::move(condition);
  return filter;
}

inline PlanPtr AggregatePlan(PlanPtr child, std::vector<ExprPtr> groupings,
                             std::vector<ExprPtr> aggregates) {
  std::vector<Attribute> output;
  for (const auto& expr : aggregates) output.push_back(OutputOf(expr));
  auto aggregate = Node<Aggregate>({std::move(child)}, output);
  aggregate->groupings = std::move(groupings);
  aggregate->aggregates = std::move(aggregates);
  return aggregate;
}

inline PlanPtr SortPlan(PlanPtr child, std::vector<ExprPtr> orders, bool global = true) {
  auto output = child->output;
  auto sort = Node<Sort>({std::move(child)}, output);
  sort->orders = std::move(orders);
  sort->global = global;
  return sort;
}

inline PlanPtr LimitPlan(PlanPtr child, int64_t n) {
  auto output = child->output;
  auto limit = Node<Limit>({std::move(child)}, output);
  limit->limit = Long(n);
  return limit;
}

inline PlanPtr OffsetPlan(PlanPtr child, int64_t n) {
  auto output = child->output;
  auto offset = Node<Offset>({std::move(child)}, output);
  offset->offset = Long(n);
  return offset;
}

inline PlanPtr TailPlan(PlanPtr child, int64_t n) {
  auto output = child->output;
  auto tail = Node<Tail>({std::move(child)}, output);
  tail->limit = Long(n);
  return tail;
}

inline PlanPtr JoinPlan(PlanPtr left, PlanPtr right, JoinType type,
                        std::optional<ExprPtr> condition) {
  std::vector<Attribute> output = left->output;
  const bool left_nullable = type == JoinType::kRightOuter || type == JoinType::kFullOuter;
  const bool right_nullable = type == JoinType::kLeftOuter || type == JoinType::kFullOuter;
  for (auto& attribute : output) attribute.nullable |= left_nullable;
  if (type != JoinType::kLeftSemi && type != JoinType::kLeftAnti) {
    for (auto attribute : right->output) {
      attribute.nullable |= right_nullable;
      output.push_back(attribute);
    }
  }
  auto join = Node<Join>({std::move(left), std::move(right)}, output);
  join->join_type = type;
  join->condition = std::move(condition);
  return join;
}

inline PlanPtr SetOperationPlan(PlanPtr left, PlanPtr right, SetOperationType op, bool is_all) {
  auto output = left->output;
  auto operation = Node<SetOperation>({std::move(left), std::move(right)}, output);
  operation->op = op;
  operation->is_all = is_all;
  return operation;
}

// --- Data --------------------------------------------------------------------------------

inline std::shared_ptr<arrow::Array> Int64s(const std::vector<std::optional<int64_t>>& values) {
  arrow::Int64Builder builder;
  for (const auto& v : values) (void)(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}
inline std::shared_ptr<arrow::Array> Doubles(const std::vector<std::optional<double>>& values) {
  arrow::DoubleBuilder builder;
  for (const auto& v : values) (void)(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}
inline std::shared_ptr<arrow::Array> Strings(
    const std::vector<std::optional<std::string>>& values) {
  arrow::StringBuilder builder;
  for (const auto& v : values) (void)(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}
/// A table from named columns.
inline std::shared_ptr<arrow::Table> MakeTable(
    const std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>>& columns) {
  arrow::FieldVector fields;
  arrow::ArrayVector arrays;
  for (const auto& [name, array] : columns) {
    fields.push_back(arrow::field(name, array->type()));
    arrays.push_back(array);
  }
  return arrow::Table::Make(arrow::schema(fields), arrays);
}

// --- Running -----------------------------------------------------------------------------

inline ExecutionOptions Options(int parallelism = 2, int64_t batch_size = 10000) {
  ExecutionOptions options;
  options.parallelism = parallelism;
  options.max_records_per_batch = batch_size;
  options.batch_rows = batch_size;
  return options;
}

/// Every row of the result rendered as "a|b|c" (null as "null"), in result order.
inline std::vector<std::string> Rows(const std::shared_ptr<arrow::Table>& table) {
  std::vector<std::string> rows;
  auto combined = table->CombineChunksToBatch().ValueOrDie();
  for (int64_t r = 0; r < combined->num_rows(); ++r) {
    std::string row;
    for (int c = 0; c < combined->num_columns(); ++c) {
      auto scalar = combined->column(c)->GetScalar(r).ValueOrDie();
      if (c > 0) row += "|";
      row += scalar->is_valid ? scalar->ToString() : "null";
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace sparkling::testing
