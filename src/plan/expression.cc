#include "plan/expression.h"

#include <arrow/scalar.h>

#include <atomic>
#include <unordered_map>

#include "plan/bound_function.h"
#include "plan/literal_text.h"
#include "plan/logical_plan.h"

namespace sparkling {

ExprId NewExprId() {
  static std::atomic<ExprId> next_id{0};
  return next_id.fetch_add(1, std::memory_order_relaxed);
}

ExprPtr Expression::WithChildren(std::vector<ExprPtr> new_children) const {
  std::shared_ptr<Expression> copy = Copy();
  copy->children = std::move(new_children);
  return copy;
}

namespace {

// The two text forms differ only in leaves (names vs name#id) and a few operators; one
// renderer parameterised by the form keeps them consistent.
enum class TextForm { kPretty, kExplain };

std::string Render(const Expression& expr, TextForm form);

std::string JoinRendered(const std::vector<ExprPtr>& exprs, TextForm form,
                         const char* separator = ", ") {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += separator;
    out += Render(*exprs[i], form);
  }
  return out;
}

std::vector<std::string> RenderAll(const std::vector<ExprPtr>& exprs, TextForm form) {
  std::vector<std::string> out;
  out.reserve(exprs.size());
  for (const auto& e : exprs) out.push_back(Render(*e, form));
  return out;
}

std::string JoinNames(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ".";
    out += parts[i];
  }
  return out;
}

// Spark's explain suffix for named expressions of type bigint ("id#3L").
std::string TypeSuffix(const Expression& expr) {
  return expr.type != nullptr && expr.type->id() == TypeId::kLong ? "L" : "";
}

// Infix spellings of the operators the front ends produce as unresolved functions.
const std::unordered_map<std::string, std::string>& BinaryOperatorSymbols() {
  static const auto* symbols = new std::unordered_map<std::string, std::string>{
      {"+", "+"}, {"-", "-"},   {"*", "*"}, {"/", "/"},   {"%", "%"},     {"div", "div"},
      {"&", "&"}, {"|", "|"},   {"^", "^"}, {"=", "="},   {"==", "="},    {"<=>", "<=>"},
      {"<", "<"}, {"<=", "<="}, {">", ">"}, {">=", ">="}, {"and", "AND"}, {"or", "OR"},
  };
  return *symbols;
}

std::string RenderUnresolvedFunction(const UnresolvedFunction& fn, TextForm form) {
  std::string name = fn.name();
  std::string lower;
  for (char c : name)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  const auto& args = fn.children;
  std::string prefix = form == TextForm::kExplain ? "'" : "";
  if (args.size() == 2) {
    auto it = BinaryOperatorSymbols().find(lower);
    if (it != BinaryOperatorSymbols().end()) {
      return "(" + Render(*args[0], form) + " " + it->second + " " + Render(*args[1], form) + ")";
    }
    if (lower == "!=" || lower == "<>") {
      return "(NOT (" + Render(*args[0], form) + " = " + Render(*args[1], form) + "))";
    }
  }
  if (args.size() == 1) {
    if (lower == "not" || lower == "!") return "(NOT " + Render(*args[0], form) + ")";
    if (lower == "-" || lower == "negative") return "(- " + Render(*args[0], form) + ")";
  }
  std::string out = prefix + JoinNames(fn.name_parts) + "(";
  if (fn.is_distinct) out += "DISTINCT ";
  out += fn.is_star_argument && args.empty() ? "*" : JoinRendered(args, form);
  out += ")";
  if (fn.filter.has_value() && *fn.filter != nullptr) {
    out += " FILTER (WHERE " + Render(**fn.filter, form) + ")";
  }
  return out;
}

std::string RenderSortOrder(const SortOrder& order, TextForm form) {
  std::string out = Render(*order.children[0], form);
  out += order.direction == SortDirection::kAscending ? " ASC" : " DESC";
  out += order.null_ordering == NullOrdering::kNullsFirst ? " NULLS FIRST" : " NULLS LAST";
  return out;
}

std::string RenderFunctionCall(const Expression& expr, TextForm form) {
  std::vector<std::string> args = RenderAll(expr.children, form);
  if (expr.kind == ExprKind::kScalarFunction) {
    const auto& call = expr.As<ScalarFunctionCall>();
    if (call.function != nullptr) return call.function->ToSql(args);
  } else {
    const auto& call = expr.As<AggregateFunctionCall>();
    if (call.function != nullptr) {
      std::string out = call.function->ToSql(args);
      if (call.filter.has_value() && *call.filter != nullptr) {
        out += " FILTER (WHERE " + Render(**call.filter, form) + ")";
      }
      return out;
    }
  }
  return "function(" + JoinRendered(expr.children, form) + ")";
}

std::string Render(const Expression& expr, TextForm form) {
  const bool explain = form == TextForm::kExplain;
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return LiteralText(expr.As<Literal>(),
                         explain ? LiteralTextForm::kExplain : LiteralTextForm::kPretty);
    case ExprKind::kAlias: {
      const auto& alias = expr.As<Alias>();
      std::string out = Render(*expr.children[0], form) + " AS ";
      if (explain) return out + alias.name() + "#" + std::to_string(alias.id) + TypeSuffix(expr);
      return out + "`" + alias.name() + "`";
    }
    case ExprKind::kCast: {
      const auto& cast = expr.As<Cast>();
      if (explain) {
        const char* fn = cast.mode == CastMode::kTry ? "try_cast(" : "cast(";
        return fn + Render(*expr.children[0], form) + " as " + cast.target->SimpleString() + ")";
      }
      // Casts the analyzer inserts are invisible in generated names.
      if (!cast.user_specified) return Render(*expr.children[0], form);
      const char* fn = cast.mode == CastMode::kTry ? "TRY_CAST(" : "CAST(";
      return fn + Render(*expr.children[0], form) + " AS " + cast.target->Sql() + ")";
    }
    case ExprKind::kSortOrder:
      return RenderSortOrder(expr.As<SortOrder>(), form);
    case ExprKind::kScalarSubquery:
      return explain ? "scalar-subquery []" : "scalarsubquery()";
    case ExprKind::kExists:
      return explain ? "exists []" : "exists()";
    case ExprKind::kInSubquery: {
      std::string values = expr.children.size() == 1
                               ? Render(*expr.children[0], form)
                               : "named_struct(" + JoinRendered(expr.children, form) + ")";
      if (explain) return values + " IN (list [])";
      return "(" + values + " IN (listquery()))";
    }
    case ExprKind::kLambda: {
      const auto& lambda = expr.As<Lambda>();
      std::string out = "lambdafunction(" + Render(*expr.children[0], form);
      for (const auto& argument : lambda.arguments) out += ", " + Render(*argument, form);
      return out + (explain ? ", false)" : ")");
    }
    case ExprKind::kLambdaVariable: {
      const auto& variable = expr.As<LambdaVariable>();
      if (explain)
        return "lambda " + variable.name + "#" + std::to_string(variable.id) + TypeSuffix(expr);
      return "namedlambdavariable()";
    }
    case ExprKind::kUnresolvedAttribute: {
      const auto& attribute = expr.As<UnresolvedAttribute>();
      return (explain ? "'" : "") + JoinNames(attribute.name_parts);
    }
    case ExprKind::kUnresolvedStar: {
      const auto& star = expr.As<UnresolvedStar>();
      return star.target.empty() ? "*" : JoinNames(star.target) + ".*";
    }
    case ExprKind::kUnresolvedFunction:
      return RenderUnresolvedFunction(expr.As<UnresolvedFunction>(), form);
    case ExprKind::kUnresolvedExtractValue:
      return Render(*expr.children[0], form) + "[" + Render(*expr.children[1], form) + "]";
    case ExprKind::kParameter: {
      const auto& parameter = expr.As<Parameter>();
      return parameter.position >= 0 ? "?" : ":" + parameter.name;
    }
    case ExprKind::kAttributeReference: {
      const auto& attribute = expr.As<AttributeReference>();
      if (explain) return attribute.name + "#" + std::to_string(attribute.id) + TypeSuffix(expr);
      return attribute.name;
    }
    case ExprKind::kOuterReference:
      return "outer(" + Render(*expr.children[0], form) + ")";
    case ExprKind::kScalarFunction:
    case ExprKind::kAggregateFunction:
      return RenderFunctionCall(expr, form);
  }
  return "?";
}

}  // namespace

std::string Expression::ToSql() const { return Render(*this, TextForm::kPretty); }

std::string Expression::ToExplainString() const { return Render(*this, TextForm::kExplain); }

ExprPtr MakeLiteral(std::shared_ptr<arrow::Scalar> value, DataTypePtr type) {
  auto literal = std::make_shared<Literal>();
  literal->nullable = value == nullptr || !value->is_valid;
  literal->value = std::move(value);
  literal->type = std::move(type);
  return literal;
}

ExprPtr MakeNullLiteral(DataTypePtr type) {
  auto arrow_type = ToArrowType(*type, "UTC");
  return MakeLiteral(arrow::MakeNullScalar(arrow_type), std::move(type));
}

ExprPtr MakeUnresolvedAttribute(std::vector<std::string> name_parts) {
  auto attribute = std::make_shared<UnresolvedAttribute>();
  attribute->name_parts = std::move(name_parts);
  return attribute;
}

ExprPtr MakeUnresolvedFunction(std::string name, std::vector<ExprPtr> arguments, bool is_distinct) {
  auto function = std::make_shared<UnresolvedFunction>();
  function->name_parts = {std::move(name)};
  function->children = std::move(arguments);
  function->is_distinct = is_distinct;
  return function;
}

ExprPtr MakeAlias(ExprPtr child, std::string name) {
  auto alias = std::make_shared<Alias>();
  alias->names = {std::move(name)};
  alias->type = child->type;
  alias->nullable = child->nullable;
  alias->children = {std::move(child)};
  return alias;
}

ExprPtr MakeAttributeReference(const std::string& name, ExprId id, DataTypePtr type, bool nullable,
                               std::vector<std::string> qualifier) {
  auto attribute = std::make_shared<AttributeReference>();
  attribute->name = name;
  attribute->id = id;
  attribute->type = std::move(type);
  attribute->nullable = nullable;
  attribute->qualifier = std::move(qualifier);
  return attribute;
}

ExprPtr Attribute::ToReference() const {
  auto attribute = std::make_shared<AttributeReference>();
  attribute->name = name;
  attribute->id = id;
  attribute->type = type;
  attribute->nullable = nullable;
  attribute->qualifier = qualifier;
  attribute->metadata_json = metadata_json;
  return attribute;
}

namespace {

// The FILTER clause of an aggregate call is held outside `children`; it is rewritten too.
const std::optional<ExprPtr>* FilterOf(const Expression& expr) {
  if (expr.kind == ExprKind::kUnresolvedFunction) return &expr.As<UnresolvedFunction>().filter;
  if (expr.kind == ExprKind::kAggregateFunction) return &expr.As<AggregateFunctionCall>().filter;
  return nullptr;
}

}  // namespace

Result<ExprPtr> TransformUp(const ExprPtr& expr,
                            const std::function<Result<ExprPtr>(const ExprPtr&)>& rule) {
  bool changed = false;
  std::vector<ExprPtr> new_children;
  new_children.reserve(expr->children.size());
  for (const auto& child : expr->children) {
    SPK_ASSIGN_OR_RAISE(ExprPtr new_child, TransformUp(child, rule));
    changed = changed || new_child != child;
    new_children.push_back(std::move(new_child));
  }
  std::optional<ExprPtr> new_filter;
  if (const auto* filter = FilterOf(*expr); filter != nullptr && filter->has_value() && **filter) {
    SPK_ASSIGN_OR_RAISE(ExprPtr transformed, TransformUp(**filter, rule));
    if (transformed != **filter) {
      new_filter = std::move(transformed);
      changed = true;
    }
  }
  ExprPtr current = expr;
  if (changed) {
    std::shared_ptr<Expression> copy = expr->Copy();
    copy->children = std::move(new_children);
    if (new_filter.has_value()) {
      if (copy->kind == ExprKind::kUnresolvedFunction) {
        static_cast<UnresolvedFunction&>(*copy).filter = new_filter;
      } else {
        static_cast<AggregateFunctionCall&>(*copy).filter = new_filter;
      }
    }
    current = std::move(copy);
  }
  return rule(current);
}

void ForEachNode(const ExprPtr& expr, const std::function<void(const Expression&)>& visit) {
  visit(*expr);
  for (const auto& child : expr->children) ForEachNode(child, visit);
  if (const auto* filter = FilterOf(*expr); filter != nullptr && filter->has_value() && **filter) {
    ForEachNode(**filter, visit);
  }
}

}  // namespace sparkling
