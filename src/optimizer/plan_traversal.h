#pragma once

#include <functional>
#include <initializer_list>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

using PlanRewrite = std::function<Result<PlanPtr>(const PlanPtr&)>;

/// TransformUp over the plan and, recursively, over the plans of subquery expressions
/// (ScalarSubquery, Exists, InSubquery) its nodes hold: each subquery plan is rewritten before
/// the node holding it.
Result<PlanPtr> TransformUpWithSubqueries(const PlanPtr& plan, const PlanRewrite& rule);

/// Whether the expression (or any subquery plan in it) contains an OuterReference.
bool HasOuterReference(const ExprPtr& expr);
/// Whether any expression of the plan (subqueries included) contains an OuterReference.
bool HasOuterReference(const PlanPtr& plan);

/// The conjuncts of an AND tree ("a AND (b AND c)" → a, b, c).
std::vector<ExprPtr> SplitConjuncts(const ExprPtr& condition);
/// AND of the conditions, built through the function registry; nullptr for none.
Result<ExprPtr> MakeConjunction(const std::vector<ExprPtr>& conditions);
/// A resolved call of a registered function.
Result<ExprPtr> CallRegistered(const std::string& name, std::vector<ExprPtr> arguments);
/// Whether `expr` is a call of a registered scalar function bound under one of `names` (the
/// registry keeps the spelling of the call: "=" and "==" are both equality).
bool IsCallOf(const ExprPtr& expr, std::initializer_list<const char*> names);

}  // namespace sparkling
