#include "execution/expression_evaluator.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "execution/key_hash_table.h"
#include "execution/row_key_encoder.h"
#include "function/cast.h"
#include "plan/identifier.h"
#include "types/array_conformance.h"

namespace sparkling {

struct ExpressionEvaluator::Node {
  enum class Kind { kColumn, kLiteral, kCast, kFunction, kConditional, kInSubquery, kLambda };
  Kind kind = Kind::kLiteral;
  DataTypePtr type;
  std::shared_ptr<arrow::DataType> arrow_type;
  int column = -1;
  std::shared_ptr<arrow::Scalar> literal;
  DataTypePtr cast_from;
  CastMode cast_mode = CastMode::kDefault;
  std::string store_column;  // Cast::store_column
  std::shared_ptr<const BoundScalarFunction> function;
  ConditionalKind conditional = ConditionalKind::kNone;
  std::shared_ptr<const InSubqueryValues> in_values;
  // kLambda: the input slots its variables occupy while the body (children[0]) runs. Lambda
  // variables are bound like columns, in slots after the operator's input columns.
  std::vector<int> variable_slots;
  std::vector<std::unique_ptr<Node>> children;
  std::vector<int> columns_used;       // sorted; what a subset of the input must carry
  std::optional<QueryContext> origin;  // attached to runtime errors, as Spark does
};

namespace {

using Node = ExpressionEvaluator::Node;
using IndexList = std::vector<int64_t>;

// The columns an expression reads; unused ones stay empty Datums.
struct EvalInput {
  std::vector<arrow::Datum> columns;
  int64_t num_rows = 0;
};

class Binder {
 public:
  Binder(const std::vector<Attribute>& input, const EvalOptions& options) : options_(options) {
    for (size_t i = 0; i < input.size(); ++i) columns_.emplace(input[i].id, static_cast<int>(i));
    next_slot_ = static_cast<int>(input.size());
  }

  Result<std::unique_ptr<Node>> Bind(const Expression& expr) {
    switch (expr.kind) {
      case ExprKind::kAlias:
      case ExprKind::kSortOrder:
        return Bind(*expr.children.at(0));
      default:
        break;
    }
    auto node = std::make_unique<Node>();
    if (expr.kind == ExprKind::kLambda) {
      // The variables must be bound before the body that reads them.
      for (const auto& variable : expr.As<Lambda>().arguments) {
        node->variable_slots.push_back(next_slot_);
        columns_[variable->id] = next_slot_++;
      }
    }
    node->type = expr.type;
    node->origin = expr.origin;
    if (node->type == nullptr) {
      return Status::Internal("unresolved expression reached execution: " + expr.ToSql());
    }
    node->arrow_type = ToArrowType(*node->type, options_.session_time_zone);
    for (const auto& child : expr.children) {
      SPK_ASSIGN_OR_RAISE(auto bound, Bind(*child));
      node->columns_used.insert(node->columns_used.end(), bound->columns_used.begin(),
                                bound->columns_used.end());
      node->children.push_back(std::move(bound));
    }
    switch (expr.kind) {
      case ExprKind::kLiteral: {
        node->kind = Node::Kind::kLiteral;
        node->literal = expr.As<Literal>().value;
        if (node->literal == nullptr) return Status::Internal("literal without a value");
        break;
      }
      case ExprKind::kAttributeReference: {
        const auto& ref = expr.As<AttributeReference>();
        auto it = columns_.find(ref.id);
        if (it == columns_.end()) {
          return Status::Internal("attribute " + ref.name + "#" + std::to_string(ref.id) +
                                  " is not produced by the operator's input");
        }
        node->kind = Node::Kind::kColumn;
        node->column = it->second;
        node->columns_used.push_back(it->second);
        break;
      }
      case ExprKind::kCast: {
        const auto& cast = expr.As<Cast>();
        node->kind = Node::Kind::kCast;
        node->cast_from = expr.children.at(0)->type;
        node->cast_mode = cast.mode;
        node->store_column = cast.store_column;
        node->type = cast.target ? cast.target : expr.type;
        node->arrow_type = ToArrowType(*node->type, options_.session_time_zone);
        break;
      }
      case ExprKind::kScalarFunction: {
        const auto& call = expr.As<ScalarFunctionCall>();
        if (call.function == nullptr) return Status::Internal("function call without a kernel");
        node->function = call.function;
        node->conditional = call.function->conditional_kind();
        node->kind = node->conditional == ConditionalKind::kNone ? Node::Kind::kFunction
                                                                 : Node::Kind::kConditional;
        SPK_RETURN_NOT_OK(CheckConditionalArity(*node));
        break;
      }
      case ExprKind::kInSubquery: {
        const auto* in = dynamic_cast<const InSubqueryExpression*>(&expr);
        if (in == nullptr) return Status::Internal("IN subquery was not planned");
        node->kind = Node::Kind::kInSubquery;
        node->in_values = in->values;
        break;
      }
      case ExprKind::kAggregateFunction:
        return Status::Internal("aggregate function outside an aggregation: " + expr.ToSql());
      case ExprKind::kOuterReference:
        return Status::NotImplemented("correlated subqueries that could not be decorrelated");
      case ExprKind::kLambda: {
        node->kind = Node::Kind::kLambda;
        // Its own variables are not inputs of the enclosing call.
        auto& used = node->columns_used;
        for (int slot : node->variable_slots) {
          used.erase(std::remove(used.begin(), used.end(), slot), used.end());
        }
        break;
      }
      case ExprKind::kLambdaVariable: {
        auto it = columns_.find(expr.As<LambdaVariable>().id);
        if (it == columns_.end()) return Status::Internal("lambda variable outside its lambda");
        node->kind = Node::Kind::kColumn;
        node->column = it->second;
        node->columns_used.push_back(it->second);
        break;
      }
      default:
        return Status::Internal("expression cannot be executed: " + expr.ToSql());
    }
    std::sort(node->columns_used.begin(), node->columns_used.end());
    node->columns_used.erase(std::unique(node->columns_used.begin(), node->columns_used.end()),
                             node->columns_used.end());
    return node;
  }

 private:
  static Status CheckConditionalArity(const Node& node) {
    size_t n = node.children.size();
    bool ok = true;
    switch (node.conditional) {
      case ConditionalKind::kAnd:
      case ConditionalKind::kOr:
        ok = n == 2;
        break;
      case ConditionalKind::kIf:
        ok = n == 3;
        break;
      case ConditionalKind::kCaseWhen:
      case ConditionalKind::kCoalesce:
        ok = n >= 1;
        break;
      case ConditionalKind::kNone:
        break;
    }
    return ok ? Status::OK()
              : Status::Internal("conditional function " + node.function->name() + " with " +
                                 std::to_string(n) + " arguments");
  }

  const EvalOptions& options_;
  std::unordered_map<ExprId, int> columns_;
  int next_slot_ = 0;  // the next free slot for lambda variables
};

// Row states of a boolean Datum over `num_rows` rows.
enum class Truth : uint8_t { kFalse, kTrue, kNull };

// A template so the per-row visit inlines.
template <typename Visit>
Status ForEachTruth(const arrow::Datum& mask, int64_t num_rows, Visit&& visit) {
  if (mask.is_scalar()) {
    const auto& scalar = *mask.scalar();
    Truth truth = !scalar.is_valid                                         ? Truth::kNull
                  : static_cast<const arrow::BooleanScalar&>(scalar).value ? Truth::kTrue
                                                                           : Truth::kFalse;
    if (scalar.type->id() != arrow::Type::BOOL && scalar.type->id() != arrow::Type::NA) {
      return Status::Internal("condition is not boolean: " + scalar.type->ToString());
    }
    for (int64_t i = 0; i < num_rows; ++i) visit(i, truth);
    return Status::OK();
  }
  auto array = mask.make_array();
  if (array->type_id() == arrow::Type::NA) {
    for (int64_t i = 0; i < num_rows; ++i) visit(i, Truth::kNull);
    return Status::OK();
  }
  if (array->type_id() != arrow::Type::BOOL) {
    return Status::Internal("condition is not boolean: " + array->type()->ToString());
  }
  const auto& bools = static_cast<const arrow::BooleanArray&>(*array);
  for (int64_t i = 0; i < num_rows; ++i) {
    visit(i, bools.IsNull(i) ? Truth::kNull : bools.Value(i) ? Truth::kTrue : Truth::kFalse);
  }
  return Status::OK();
}

Result<std::shared_ptr<arrow::Array>> MakeIndexArray(const IndexList& indices) {
  arrow::Int64Builder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(indices));
  std::shared_ptr<arrow::Array> array;
  SPK_RETURN_NOT_OK_ARROW(builder.Finish(&array));
  return array;
}

// The rows `indices` of `input`, carrying only `columns_used`.
Result<EvalInput> Subset(const EvalInput& input, const IndexList& indices,
                         const std::vector<int>& columns_used) {
  EvalInput subset;
  subset.num_rows = static_cast<int64_t>(indices.size());
  subset.columns.resize(input.columns.size());
  if (columns_used.empty()) return subset;
  SPK_ASSIGN_OR_RAISE(auto index_array, MakeIndexArray(indices));
  for (int column : columns_used) {
    const arrow::Datum& value = input.columns[column];
    if (value.is_scalar()) {
      subset.columns[column] = value;
      continue;
    }
    SPK_ASSIGN_OR_RAISE_ARROW(subset.columns[column], arrow::compute::Take(value, index_array));
  }
  return subset;
}

bool IsIdentity(const IndexList& indices, int64_t num_rows) {
  return static_cast<int64_t>(indices.size()) == num_rows;  // subsets keep row order
}

// One branch result: the values of rows `indices` (in that order).
struct Piece {
  IndexList indices;
  arrow::Datum values;
};

// Assembles `num_rows` values from pieces; later pieces overwrite earlier ones, rows no
// piece covers are NULL.
Result<arrow::Datum> Scatter(const std::vector<Piece>& pieces, int64_t num_rows,
                             const std::shared_ptr<arrow::DataType>& type) {
  if (pieces.size() == 1 && IsIdentity(pieces[0].indices, num_rows)) return pieces[0].values;
  std::vector<std::shared_ptr<arrow::Array>> chunks;
  std::vector<int64_t> take(num_rows, -1);
  int64_t base = 0;
  for (const auto& piece : pieces) {
    auto length = static_cast<int64_t>(piece.indices.size());
    SPK_ASSIGN_OR_RAISE(auto chunk, ConformArray(piece.values, type, length));
    for (int64_t j = 0; j < length; ++j) take[piece.indices[j]] = base + j;
    chunks.push_back(std::move(chunk));
    base += length;
  }
  SPK_ASSIGN_OR_RAISE_ARROW(auto null_row, arrow::MakeArrayOfNull(type, 1));
  chunks.push_back(null_row);
  for (auto& t : take) {
    if (t < 0) t = base;
  }
  SPK_ASSIGN_OR_RAISE_ARROW(auto all_values, arrow::Concatenate(chunks));
  SPK_ASSIGN_OR_RAISE(auto index_array, MakeIndexArray(take));
  SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum result, arrow::compute::Take(all_values, index_array));
  return result;
}

class Evaluation {
 public:
  Evaluation(const EvalOptions& options, int64_t partition_index) : options_(&options) {
    if (partition_index != options.partition_index) {
      partition_options_ = options;
      partition_options_->partition_index = partition_index;
      options_ = &*partition_options_;
    }
  }

  Result<arrow::Datum> Eval(const Node& node, const EvalInput& input) {
    switch (node.kind) {
      case Node::Kind::kColumn:
        return input.columns[node.column];
      case Node::Kind::kLiteral:
        return arrow::Datum(node.literal);
      case Node::Kind::kCast: {
        SPK_ASSIGN_OR_RAISE(auto value, Eval(*node.children[0], input));
        auto cast = CastDatum(value, *node.cast_from, *node.type, node.cast_mode, *options_);
        if (!cast.ok() && !node.store_column.empty() &&
            cast.status().error().error_class == "CAST_OVERFLOW") {
          // A table write reports the column it could not assign, as Spark does.
          return Status::Error("CAST_OVERFLOW_IN_TABLE_INSERT",
                               {{"sourceType", "\"" + node.cast_from->Sql() + "\""},
                                {"targetType", "\"" + node.type->Sql() + "\""},
                                {"columnName", QuoteIdentifier(node.store_column)}});
        }
        return WithOrigin(node, std::move(cast));
      }
      case Node::Kind::kFunction: {
        if (node.function->takes_lambdas()) return EvalHigherOrder(node, input);
        std::vector<arrow::Datum> args;
        args.reserve(node.children.size());
        for (const auto& child : node.children) {
          SPK_ASSIGN_OR_RAISE(auto value, Eval(*child, input));
          args.push_back(std::move(value));
        }
        return WithOrigin(node, node.function->Evaluate(args, input.num_rows, *options_));
      }
      case Node::Kind::kConditional:
        return EvalConditional(node, input);
      case Node::Kind::kInSubquery:
        return EvalInSubquery(node, input);
      case Node::Kind::kLambda:
        return Status::Internal("lambda function outside a higher-order function");
    }
    return Status::Internal("unknown expression node");
  }

 private:
  // Runs the Lambda arguments of one higher-order call: element rows see the outer input
  // taken at their outer row, plus the lambda's own variables in their slots.
  class NodeLambdaEvaluator final : public LambdaEvaluator {
   public:
    NodeLambdaEvaluator(Evaluation& evaluation, const Node& call, const EvalInput& input)
        : evaluation_(evaluation), call_(call), input_(input) {}

    Result<arrow::Datum> Evaluate(size_t argument_index,
                                  const std::vector<arrow::Datum>& variable_values,
                                  const std::vector<int64_t>& outer_rows) const override {
      if (argument_index >= call_.children.size() ||
          call_.children[argument_index]->kind != Node::Kind::kLambda) {
        return Status::Internal("argument " + std::to_string(argument_index) + " of " +
                                call_.function->name() + " is not a lambda function");
      }
      const Node& lambda = *call_.children[argument_index];
      if (variable_values.size() != lambda.variable_slots.size()) {
        return Status::Internal("lambda of " + call_.function->name() + " got " +
                                std::to_string(variable_values.size()) + " variables");
      }
      SPK_ASSIGN_OR_RAISE(auto inner, Subset(input_, outer_rows, lambda.columns_used));
      for (size_t v = 0; v < variable_values.size(); ++v) {
        const auto slot = static_cast<size_t>(lambda.variable_slots[v]);
        if (inner.columns.size() <= slot) inner.columns.resize(slot + 1);
        inner.columns[slot] = variable_values[v];
      }
      return evaluation_.Eval(*lambda.children[0], inner);
    }

   private:
    Evaluation& evaluation_;
    const Node& call_;
    const EvalInput& input_;
  };

  Result<arrow::Datum> EvalHigherOrder(const Node& node, const EvalInput& input) {
    std::vector<arrow::Datum> args;
    args.reserve(node.children.size());
    for (const auto& child : node.children) {
      if (child->kind == Node::Kind::kLambda) {
        args.emplace_back();  // evaluated by the function through the LambdaEvaluator
        continue;
      }
      SPK_ASSIGN_OR_RAISE(auto value, Eval(*child, input));
      args.push_back(std::move(value));
    }
    NodeLambdaEvaluator lambdas(*this, node, input);
    return WithOrigin(node,
                      node.function->EvaluateWithLambdas(args, input.num_rows, *options_, lambdas));
  }

  static Result<arrow::Datum> WithOrigin(const Node& node, Result<arrow::Datum> result) {
    if (result.ok() || !node.origin.has_value()) return result;
    return result.status().WithContext(*node.origin);
  }

  // `node` evaluated on the rows `indices` of `input`.
  Result<arrow::Datum> EvalOn(const Node& node, const EvalInput& input, const IndexList& rows) {
    if (IsIdentity(rows, input.num_rows)) return Eval(node, input);
    SPK_ASSIGN_OR_RAISE(auto subset, Subset(input, rows, node.columns_used));
    return Eval(node, subset);
  }

  Result<arrow::Datum> EvalConditional(const Node& node, const EvalInput& input) {
    const int64_t n = input.num_rows;
    switch (node.conditional) {
      case ConditionalKind::kAnd:
      case ConditionalKind::kOr: {
        const bool is_and = node.conditional == ConditionalKind::kAnd;
        SPK_ASSIGN_OR_RAISE(auto left, Eval(*node.children[0], input));
        // The right side matters only where the left does not decide alone.
        const Truth decisive = is_and ? Truth::kFalse : Truth::kTrue;
        IndexList undecided;
        SPK_RETURN_NOT_OK(ForEachTruth(left, n, [&](int64_t i, Truth t) {
          if (t != decisive) undecided.push_back(i);
        }));
        if (undecided.empty()) return left;
        SPK_ASSIGN_OR_RAISE(auto right, EvalOn(*node.children[1], input, undecided));
        SPK_ASSIGN_OR_RAISE(auto right_all,
                            Scatter({Piece{std::move(undecided), right}}, n, arrow::boolean()));
        if (left.is_scalar() && right_all.is_scalar()) {
          SPK_ASSIGN_OR_RAISE(auto left_array, ConformArray(left, arrow::boolean(), n));
          left = left_array;
        }
        SPK_ASSIGN_OR_RAISE_ARROW(
            arrow::Datum combined,
            arrow::compute::CallFunction(is_and ? "and_kleene" : "or_kleene", {left, right_all}));
        return combined;
      }
      case ConditionalKind::kIf: {
        SPK_ASSIGN_OR_RAISE(auto condition, Eval(*node.children[0], input));
        IndexList then_rows, else_rows;
        SPK_RETURN_NOT_OK(ForEachTruth(condition, n, [&](int64_t i, Truth t) {
          (t == Truth::kTrue ? then_rows : else_rows).push_back(i);
        }));
        std::vector<Piece> pieces;
        if (!then_rows.empty()) {
          SPK_ASSIGN_OR_RAISE(auto value, EvalOn(*node.children[1], input, then_rows));
          pieces.push_back({std::move(then_rows), std::move(value)});
        }
        if (!else_rows.empty()) {
          SPK_ASSIGN_OR_RAISE(auto value, EvalOn(*node.children[2], input, else_rows));
          pieces.push_back({std::move(else_rows), std::move(value)});
        }
        return Scatter(pieces, n, node.arrow_type);
      }
      case ConditionalKind::kCaseWhen: {
        const size_t num_args = node.children.size();
        IndexList remaining(n);
        for (int64_t i = 0; i < n; ++i) remaining[i] = i;
        std::vector<Piece> pieces;
        size_t arg = 0;
        for (; arg + 1 < num_args && !remaining.empty(); arg += 2) {
          SPK_ASSIGN_OR_RAISE(auto condition, EvalOn(*node.children[arg], input, remaining));
          IndexList selected, rest;
          SPK_RETURN_NOT_OK(ForEachTruth(
              condition, static_cast<int64_t>(remaining.size()), [&](int64_t j, Truth t) {
                (t == Truth::kTrue ? selected : rest).push_back(remaining[j]);
              }));
          if (!selected.empty()) {
            SPK_ASSIGN_OR_RAISE(auto value, EvalOn(*node.children[arg + 1], input, selected));
            pieces.push_back({std::move(selected), std::move(value)});
          }
          remaining = std::move(rest);
        }
        if (num_args % 2 == 1 && !remaining.empty()) {
          SPK_ASSIGN_OR_RAISE(auto value, EvalOn(*node.children.back(), input, remaining));
          pieces.push_back({std::move(remaining), std::move(value)});
        }
        return Scatter(pieces, n, node.arrow_type);
      }
      case ConditionalKind::kCoalesce: {
        IndexList remaining(n);
        for (int64_t i = 0; i < n; ++i) remaining[i] = i;
        std::vector<Piece> pieces;
        for (const auto& child : node.children) {
          if (remaining.empty()) break;
          SPK_ASSIGN_OR_RAISE(auto value, EvalOn(*child, input, remaining));
          IndexList still_null;
          if (value.is_scalar()) {
            if (!value.scalar()->is_valid) still_null = remaining;
          } else {
            auto array = value.make_array();
            for (size_t j = 0; j < remaining.size(); ++j) {
              if (array->IsNull(static_cast<int64_t>(j))) still_null.push_back(remaining[j]);
            }
          }
          pieces.push_back({std::move(remaining), std::move(value)});
          remaining = std::move(still_null);
        }
        return Scatter(pieces, n, node.arrow_type);
      }
      case ConditionalKind::kNone:
        break;
    }
    return Status::Internal("not a conditional function");
  }

  Result<arrow::Datum> EvalInSubquery(const Node& node, const EvalInput& input) {
    const int64_t n = input.num_rows;
    std::vector<std::shared_ptr<arrow::Array>> values;
    for (const auto& child : node.children) {
      SPK_ASSIGN_OR_RAISE(auto value, Eval(*child, input));
      SPK_ASSIGN_OR_RAISE(auto array, ConformArray(value, child->arrow_type, n));
      values.push_back(std::move(array));
    }
    const InSubqueryValues& set = *node.in_values;
    EncodedRows keys;
    SPK_RETURN_NOT_OK(EncodeRowKeys(values, {}, n, &keys));
    arrow::BooleanBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(n));
    for (int64_t i = 0; i < n; ++i) {
      bool has_null = false;
      for (const auto& value : values) has_null |= value->IsNull(i);
      if (set.empty) {
        builder.UnsafeAppend(false);
      } else if (!has_null && set.rows->Find(keys.row(i)) >= 0) {
        builder.UnsafeAppend(true);
      } else if (has_null || set.has_null_row) {
        builder.UnsafeAppendNull();
      } else {
        builder.UnsafeAppend(false);
      }
    }
    std::shared_ptr<arrow::Array> result;
    SPK_RETURN_NOT_OK_ARROW(builder.Finish(&result));
    return arrow::Datum(result);
  }

  const EvalOptions* options_;
  std::optional<EvalOptions> partition_options_;
};

EvalInput InputOf(const arrow::RecordBatch& batch) {
  EvalInput input;
  input.num_rows = batch.num_rows();
  input.columns.reserve(batch.num_columns());
  for (int i = 0; i < batch.num_columns(); ++i) input.columns.emplace_back(batch.column(i));
  return input;
}

}  // namespace

ExpressionEvaluator::~ExpressionEvaluator() = default;

Result<std::unique_ptr<ExpressionEvaluator>> ExpressionEvaluator::Make(
    const std::vector<ExprPtr>& expressions, const std::vector<Attribute>& input,
    const EvalOptions& options) {
  std::unique_ptr<ExpressionEvaluator> evaluator(new ExpressionEvaluator());
  evaluator->options_ = options;
  Binder binder(input, evaluator->options_);
  for (const auto& expr : expressions) {
    SPK_ASSIGN_OR_RAISE(auto root, binder.Bind(*expr));
    evaluator->arrow_types_.push_back(root->arrow_type);
    evaluator->roots_.push_back(std::move(root));
  }
  return evaluator;
}

const std::shared_ptr<arrow::DataType>& ExpressionEvaluator::arrow_type(int i) const {
  return arrow_types_[i];
}

Result<arrow::Datum> ExpressionEvaluator::Evaluate(int i, const arrow::RecordBatch& batch,
                                                   int64_t partition_index) const {
  Evaluation evaluation(options_, partition_index);
  return evaluation.Eval(*roots_[i], InputOf(batch));
}

Result<std::shared_ptr<arrow::Array>> ExpressionEvaluator::EvaluateToArray(
    int i, const arrow::RecordBatch& batch, int64_t partition_index) const {
  SPK_ASSIGN_OR_RAISE(auto value, Evaluate(i, batch, partition_index));
  return ConformArray(value, arrow_types_[i], batch.num_rows());
}

Result<std::vector<std::shared_ptr<arrow::Array>>> ExpressionEvaluator::EvaluateAll(
    const arrow::RecordBatch& batch, int64_t partition_index) const {
  Evaluation evaluation(options_, partition_index);
  EvalInput input = InputOf(batch);
  std::vector<std::shared_ptr<arrow::Array>> arrays;
  arrays.reserve(roots_.size());
  for (size_t i = 0; i < roots_.size(); ++i) {
    SPK_ASSIGN_OR_RAISE(auto value, evaluation.Eval(*roots_[i], input));
    SPK_ASSIGN_OR_RAISE(auto array, ConformArray(value, arrow_types_[i], batch.num_rows()));
    arrays.push_back(std::move(array));
  }
  return arrays;
}

Result<std::shared_ptr<arrow::RecordBatch>> FilterBatch(
    const std::shared_ptr<arrow::RecordBatch>& batch, const arrow::Datum& mask) {
  if (mask.is_scalar()) {
    const auto& scalar = *mask.scalar();
    bool keep = scalar.is_valid && scalar.type->id() == arrow::Type::BOOL &&
                static_cast<const arrow::BooleanScalar&>(scalar).value;
    return keep ? batch : batch->Slice(0, 0);
  }
  arrow::compute::FilterOptions options(arrow::compute::FilterOptions::DROP);
  SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum filtered, arrow::compute::Filter(batch, mask, options));
  return filtered.record_batch();
}

}  // namespace sparkling
