#include "analyzer/semantic_equality.h"

#include <arrow/scalar.h>

#include "plan/bound_function.h"

namespace sparkling {

const ExprPtr& StripAliases(const ExprPtr& expr) {
  const ExprPtr* current = &expr;
  while ((*current)->kind == ExprKind::kAlias) current = &(*current)->children[0];
  return *current;
}

namespace {

bool ChildrenEqual(const Expression& a, const Expression& b) {
  if (a.children.size() != b.children.size()) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!SemanticEquals(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

bool OptionalEqual(const std::optional<ExprPtr>& a, const std::optional<ExprPtr>& b) {
  bool has_a = a.has_value() && *a != nullptr;
  bool has_b = b.has_value() && *b != nullptr;
  if (has_a != has_b) return false;
  return !has_a || SemanticEquals(**a, **b);
}

}  // namespace

bool SemanticEquals(const Expression& a_in, const Expression& b_in) {
  const Expression* a = &a_in;
  const Expression* b = &b_in;
  while (a->kind == ExprKind::kAlias) a = a->children[0].get();
  while (b->kind == ExprKind::kAlias) b = b->children[0].get();
  if (a == b) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case ExprKind::kLiteral: {
      const auto& la = a->As<Literal>();
      const auto& lb = b->As<Literal>();
      if (!la.type->SameType(*lb.type)) return false;
      if (la.value == nullptr || lb.value == nullptr) return la.value == lb.value;
      return la.value->Equals(*lb.value);
    }
    case ExprKind::kAttributeReference:
      return a->As<AttributeReference>().id == b->As<AttributeReference>().id;
    case ExprKind::kOuterReference:
      return ChildrenEqual(*a, *b);
    case ExprKind::kCast: {
      const auto& ca = a->As<Cast>();
      const auto& cb = b->As<Cast>();
      return ca.target->SameType(*cb.target) && ca.mode == cb.mode && ChildrenEqual(*a, *b);
    }
    case ExprKind::kScalarFunction: {
      const auto& fa = a->As<ScalarFunctionCall>();
      const auto& fb = b->As<ScalarFunctionCall>();
      if (fa.function == nullptr || fb.function == nullptr) return false;
      // Non-deterministic calls (rand()) never equal each other.
      if (!fa.function->deterministic()) return false;
      return fa.function->name() == fb.function->name() &&
             fa.function->result_type()->SameType(*fb.function->result_type()) &&
             ChildrenEqual(*a, *b);
    }
    case ExprKind::kAggregateFunction: {
      const auto& fa = a->As<AggregateFunctionCall>();
      const auto& fb = b->As<AggregateFunctionCall>();
      if (fa.function == nullptr || fb.function == nullptr) return false;
      return fa.function->name() == fb.function->name() &&
             fa.function->is_distinct() == fb.function->is_distinct() &&
             fa.function->result_type()->SameType(*fb.function->result_type()) &&
             ChildrenEqual(*a, *b) && OptionalEqual(fa.filter, fb.filter);
    }
    case ExprKind::kSortOrder: {
      const auto& sa = a->As<SortOrder>();
      const auto& sb = b->As<SortOrder>();
      return sa.direction == sb.direction && sa.null_ordering == sb.null_ordering &&
             ChildrenEqual(*a, *b);
    }
    case ExprKind::kLambdaVariable:
      return a->As<LambdaVariable>().id == b->As<LambdaVariable>().id;
    case ExprKind::kLambda:
      return ChildrenEqual(*a, *b);
    default:
      return false;
  }
}

bool ContainsAggregate(const ExprPtr& expr) {
  bool found = false;
  ForEachNode(expr, [&](const Expression& node) {
    if (node.kind == ExprKind::kAggregateFunction) found = true;
  });
  return found;
}

}  // namespace sparkling
