#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "types/data_type.h"

namespace arrow {
class Scalar;
}

namespace sparkling {

struct Expression;
struct LogicalPlan;
using ExprPtr = std::shared_ptr<const Expression>;
using PlanPtr = std::shared_ptr<const LogicalPlan>;
class BoundScalarFunction;
class BoundAggregateFunction;

/// Identity of an attribute across a plan (Spark's ExprId). Unique per process.
using ExprId = int64_t;
ExprId NewExprId();

/// Expression kinds. The front ends (SQL parser, Connect translator) produce the
/// "unresolved" kinds; the analyzer replaces them with the resolved ones.
enum class ExprKind {
  // Shared by both phases.
  kLiteral,
  kAlias,
  kCast,
  kSortOrder,
  kScalarSubquery,
  kExists,
  kInSubquery,  // children[0..n) IN (subquery)
  kLambda,      // x -> expr (children[0] is the body)
  kLambdaVariable,
  // Front-end output.
  kUnresolvedAttribute,
  kUnresolvedStar,
  kUnresolvedFunction,
  kUnresolvedExtractValue,  // children[0][children[1]], a.b on structs, m['k'] on maps
  kParameter,               // :name or ? (positional index)
  // Analyzer output.
  kAttributeReference,
  kOuterReference,  // attribute of an enclosing query, inside a correlated subquery
  kScalarFunction,  // call of a registered scalar function (children are its arguments)
  kAggregateFunction,
};

enum class SortDirection { kAscending, kDescending };
enum class NullOrdering { kNullsFirst, kNullsLast };

/// Base of all expression nodes. Nodes are immutable once built; rewrite by copying.
struct Expression {
  explicit Expression(ExprKind k) : kind(k) {}
  virtual ~Expression() = default;

  const ExprKind kind;
  std::vector<ExprPtr> children;
  /// Result type and nullability; set on resolved expressions, null before.
  DataTypePtr type;
  bool nullable = true;
  /// Position in the SQL text, for error messages (Spark's query context).
  std::optional<QueryContext> origin;

  bool resolved() const { return type != nullptr; }

  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }
  /// A shallow copy of this node with other children.
  virtual std::shared_ptr<Expression> Copy() const = 0;
  ExprPtr WithChildren(std::vector<ExprPtr> new_children) const;

  /// Spark's SQL text for this expression, as used for generated column names:
  /// "(a + 1)", "count(1)", "CAST(x AS INT)", "upper(name)".
  std::string ToSql() const;
  /// Spark's explain form, e.g. "(id#3L + 1) AS x#5".
  std::string ToExplainString() const;
};

template <typename Derived, ExprKind Kind>
struct ExpressionNode : Expression {
  static constexpr ExprKind kKind = Kind;
  ExpressionNode() : Expression(Kind) {}
  std::shared_ptr<Expression> Copy() const override {
    return std::make_shared<Derived>(static_cast<const Derived&>(*this));
  }
};

/// A constant. `value` is an Arrow scalar whose Arrow type follows ToArrowType(type); a null
/// literal has value->is_valid == false. Literals are resolved from birth (type is set).
struct Literal : ExpressionNode<Literal, ExprKind::kLiteral> {
  std::shared_ptr<arrow::Scalar> value;
};

/// expr AS name. `names` has more than one entry only for multi-column aliases.
struct Alias : ExpressionNode<Alias, ExprKind::kAlias> {
  std::vector<std::string> names;
  ExprId id = NewExprId();
  std::string metadata_json;  // optional column metadata from Connect
  const std::string& name() const { return names.front(); }
};

enum class CastMode { kDefault, kAnsi, kLegacy, kTry };  // kDefault follows spark.sql.ansi.enabled

struct Cast : ExpressionNode<Cast, ExprKind::kCast> {
  DataTypePtr target;
  CastMode mode = CastMode::kDefault;
  bool user_specified = true;  // false for casts the analyzer inserts (printed differently)
  /// The table column a write assigns to (store assignment): overflow errors name it.
  std::string store_column;
};

struct SortOrder : ExpressionNode<SortOrder, ExprKind::kSortOrder> {
  SortDirection direction = SortDirection::kAscending;
  NullOrdering null_ordering =
      NullOrdering::kNullsFirst;  // Spark: ASC → NULLS FIRST, DESC → NULLS LAST
};

/// (SELECT ...) used as a value. `plan` is the subquery; outer references inside it are
/// kOuterReference after analysis.
struct ScalarSubquery : ExpressionNode<ScalarSubquery, ExprKind::kScalarSubquery> {
  PlanPtr plan;
};
struct Exists : ExpressionNode<Exists, ExprKind::kExists> {
  PlanPtr plan;
};
struct InSubquery : ExpressionNode<InSubquery, ExprKind::kInSubquery> {
  PlanPtr plan;  // children are the left-hand values
};

struct LambdaVariable : ExpressionNode<LambdaVariable, ExprKind::kLambdaVariable> {
  std::string name;
  ExprId id = NewExprId();
};
struct Lambda : ExpressionNode<Lambda, ExprKind::kLambda> {
  std::vector<std::shared_ptr<const LambdaVariable>> arguments;  // children[0] is the body
};

/// A column name as written: ["t", "a"] for t.a. `plan_id` is set by Connect for df["a"]:
/// it names the DataFrame (relation with that plan id) the column must come from.
struct UnresolvedAttribute : ExpressionNode<UnresolvedAttribute, ExprKind::kUnresolvedAttribute> {
  std::vector<std::string> name_parts;
  std::optional<int64_t> plan_id;
  bool is_metadata_column = false;
};

/// * or t.* ; `target` empty for a bare star.
struct UnresolvedStar : ExpressionNode<UnresolvedStar, ExprKind::kUnresolvedStar> {
  std::vector<std::string> target;
  std::optional<int64_t> plan_id;
};

/// A function call or operator by Spark SQL name ("+", "==", "and", "upper", "count", "when",
/// "in", "like", ...). Both front ends use Spark's names so one resolver serves both.
struct UnresolvedFunction : ExpressionNode<UnresolvedFunction, ExprKind::kUnresolvedFunction> {
  std::vector<std::string> name_parts;  // usually one part
  bool is_distinct = false;
  bool is_star_argument = false;  // count(*): Spark rewrites it to count(1)
  std::optional<ExprPtr> filter;  // agg(...) FILTER (WHERE ...)
  const std::string& name() const { return name_parts.back(); }
};

struct UnresolvedExtractValue
    : ExpressionNode<UnresolvedExtractValue, ExprKind::kUnresolvedExtractValue> {};

/// A SQL parameter marker, bound from the request's arguments by the analyzer.
struct Parameter : ExpressionNode<Parameter, ExprKind::kParameter> {
  std::string name;   // for :name
  int position = -1;  // 0-based for ?
};

/// A resolved reference to a column of a child plan's output (or of an outer query).
struct AttributeReference : ExpressionNode<AttributeReference, ExprKind::kAttributeReference> {
  std::string name;
  ExprId id = 0;
  std::vector<std::string> qualifier;  // e.g. {"spark_catalog", "default", "t"} or {"t"}
  std::string metadata_json;
};

struct OuterReference : ExpressionNode<OuterReference, ExprKind::kOuterReference> {
  // children[0] is the AttributeReference of the outer query.
};

/// A call of a registered scalar function; `function` carries name, SQL rendering and kernel.
struct ScalarFunctionCall : ExpressionNode<ScalarFunctionCall, ExprKind::kScalarFunction> {
  std::shared_ptr<const BoundScalarFunction> function;
};

/// A call of a registered aggregate function (only inside Aggregate nodes after analysis).
struct AggregateFunctionCall : ExpressionNode<AggregateFunctionCall, ExprKind::kAggregateFunction> {
  std::shared_ptr<const BoundAggregateFunction> function;
  bool is_distinct = false;
  std::optional<ExprPtr> filter;
};

// Convenience builders used by the front ends and the analyzer.
ExprPtr MakeLiteral(std::shared_ptr<arrow::Scalar> value, DataTypePtr type);
ExprPtr MakeNullLiteral(DataTypePtr type);
ExprPtr MakeUnresolvedAttribute(std::vector<std::string> name_parts);
ExprPtr MakeUnresolvedFunction(std::string name, std::vector<ExprPtr> arguments,
                               bool is_distinct = false);
ExprPtr MakeAlias(ExprPtr child, std::string name);
ExprPtr MakeAttributeReference(const std::string& name, ExprId id, DataTypePtr type, bool nullable,
                               std::vector<std::string> qualifier = {});

/// The output column an expression defines: name, type, nullability and id.
struct Attribute {
  std::string name;
  DataTypePtr type;
  bool nullable = true;
  ExprId id = 0;
  std::vector<std::string> qualifier;
  std::string metadata_json;
  ExprPtr ToReference() const;
};

/// Rewrites bottom-up (children first): `rule` returns its argument unchanged, or a
/// replacement. Subquery plans are not entered.
Result<ExprPtr> TransformUp(const ExprPtr& expr,
                            const std::function<Result<ExprPtr>(const ExprPtr&)>& rule);
/// Calls `visit` on every node, parents before children (subquery plans not entered).
void ForEachNode(const ExprPtr& expr, const std::function<void(const Expression&)>& visit);

}  // namespace sparkling
