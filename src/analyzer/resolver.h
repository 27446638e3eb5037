#pragma once

// Internal to the analyzer: the recursive plan and expression resolver behind Analyze().

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/analyzer.h"
#include "catalog/session_catalog.h"
#include "catalog/table_catalog.h"
#include "plan/bound_function.h"
#include "plan/logical_plan.h"

namespace sparkling {

class SessionCatalog;

/// The columns an expression may refer to.
struct ExpressionScope {
  std::vector<Attribute> input;  // the children's output
  /// The resolved children, for Connect's plan_id column references (df["a"]).
  std::vector<PlanPtr> children;
  /// Columns that are not in `input` but can be added to it (ORDER BY / WHERE over a
  /// Project: Spark's ResolveMissingReferences). Used ones are recorded in `missing`.
  std::vector<Attribute> fallback;
  std::vector<Attribute>* missing = nullptr;
  /// Where the arguments of aggregate functions resolve, when not here (HAVING / ORDER BY
  /// above an Aggregate: names mean select-list columns, except inside aggregate calls).
  const ExpressionScope* aggregate_argument_scope = nullptr;
};

class Resolver {
 public:
  explicit Resolver(const AnalyzerContext& context);

  Result<PlanPtr> ResolvePlan(const PlanPtr& plan);
  Result<ExprPtr> ResolveExpression(const ExprPtr& expr, const ExpressionScope& scope);
  /// Resolves a select list: stars expanded, every item named.
  Result<std::vector<ExprPtr>> ResolveSelectList(const std::vector<ExprPtr>& items,
                                                 const ExpressionScope& scope);

  const AnalyzerContext& context() const { return context_; }
  EvalOptions eval_options() const;

 private:
  // Plan nodes (resolver.cc).
  Result<PlanPtr> ResolveRelation(const UnresolvedRelation& relation);
  /// Time travel and reader options (snapshot-id, as-of-timestamp, branch, tag).
  Result<TableReadOptions> ReadOptionsOf(const UnresolvedRelation& relation);
  Result<PlanPtr> ResolveView(const CatalogRelation& view, const UnresolvedRelation& relation);
  /// Views being expanded, outermost first (lower-case qualified names), to report cycles.
  std::vector<std::vector<std::string>> view_path_;
  Result<PlanPtr> ResolveTableFunction(const UnresolvedTableFunction& function);
  Result<PlanPtr> ResolveInlineTable(const InlineTable& table);
  Result<PlanPtr> ResolveLeaf(const LogicalPlan& plan);
  Result<PlanPtr> ResolveFilter(const Filter& filter, PlanPtr child);
  Result<PlanPtr> ResolveLimitLike(const LogicalPlan& plan, PlanPtr child);
  Result<PlanPtr> ResolveSubqueryAlias(const SubqueryAlias& alias, PlanPtr child);
  Result<PlanPtr> ResolveWithCte(const WithCte& with);
  Result<PlanPtr> ResolveDeduplicate(const Deduplicate& deduplicate, PlanPtr child);
  Result<PlanPtr> ResolveRepartition(const Repartition& repartition, PlanPtr child);
  Result<PlanPtr> ResolveCommand(const Command& command);

  // Projections and aggregation (resolver_aggregates.cc).
  Result<PlanPtr> ResolveProject(const Project& project, PlanPtr child);
  /// Resolves a select item that names aliases defined earlier in the same select list;
  /// the aliases it reads are added to `lateral_aliases`.
  Result<std::vector<ExprPtr>> ResolveWithLateralAliases(const ExprPtr& item,
                                                         const ExpressionScope& scope,
                                                         const std::vector<ExprPtr>& earlier,
                                                         std::vector<ExprPtr>& lateral_aliases);
  Result<PlanPtr> ResolveAggregate(const Aggregate& aggregate, PlanPtr child);
  Result<PlanPtr> ResolveHaving(const Filter& having, PlanPtr child);
  Result<PlanPtr> ResolveSort(const Sort& sort, PlanPtr child);
  /// Resolves `expr` (HAVING / ORDER BY) above an Aggregate: aggregate calls and grouping
  /// columns not in the select list are appended to `extra` (new hidden aggregate outputs).
  Result<ExprPtr> ResolveOverAggregate(const ExprPtr& expr, const Aggregate& aggregate,
                                       std::vector<ExprPtr>& extra);
  Result<PlanPtr> BuildAggregate(const Aggregate& original, PlanPtr child,
                                 std::vector<ExprPtr> groupings, std::vector<ExprPtr> aggregates);

  // Joins and set operations (resolver_joins.cc).
  Result<PlanPtr> ResolveJoin(const Join& join, PlanPtr left, PlanPtr right);
  Result<PlanPtr> ResolveUsingJoin(const Join& join, PlanPtr left, PlanPtr right,
                                   std::vector<std::string> using_columns);
  Result<PlanPtr> ResolveSetOperation(const SetOperation& set_operation, PlanPtr left,
                                      PlanPtr right);

  // Connect conveniences (resolver_conveniences.cc).
  Result<PlanPtr> ResolveToDF(const ToDF& to_df, PlanPtr child);
  Result<PlanPtr> ResolveWithColumns(const WithColumns& with_columns, PlanPtr child);
  Result<PlanPtr> ResolveWithColumnsRenamed(const WithColumnsRenamed& renamed, PlanPtr child);
  Result<PlanPtr> ResolveDrop(const Drop& drop, PlanPtr child);

  // Expressions (resolver_expressions.cc).
  Result<ExprPtr> ResolveAttribute(const UnresolvedAttribute& attribute,
                                   const ExpressionScope& scope);
  Result<ExprPtr> ResolveFunction(const UnresolvedFunction& function, const ExpressionScope& scope);
  Result<ExprPtr> ResolveLambdaFunction(const UnresolvedFunction& function,
                                        const ExpressionScope& scope);
  Result<ExprPtr> ResolveExtractValue(const ExprPtr& expr, const ExpressionScope& scope);
  Result<ExprPtr> ResolveSubqueryExpression(const ExprPtr& expr, const ExpressionScope& scope);
  Result<ExprPtr> ResolveCast(const Cast& cast, const ExpressionScope& scope);
  Result<ExprPtr> BindParameter(const Parameter& parameter);
  Result<std::vector<ExprPtr>> ExpandStar(const UnresolvedStar& star, const ExpressionScope& scope);
  /// Extracts struct fields by name ("s.a.b").
  Result<ExprPtr> ExtractFields(ExprPtr base, const std::vector<std::string>& fields);

 public:
  /// Calls a registered function on resolved arguments (implicit casts inserted).
  Result<ExprPtr> CallFunction(const std::string& name, std::vector<ExprPtr> arguments,
                               const std::optional<QueryContext>& origin = std::nullopt);
  /// `expr` cast to `type` by the analyzer (user_specified = false); unchanged when it
  /// already has that type.
  ExprPtr ImplicitCast(const ExprPtr& expr, const DataTypePtr& type) const;

 private:
  const AnalyzerContext& context_;
  /// CTE definitions visible at this point, innermost scope last.
  std::vector<std::map<std::string, PlanPtr>> cte_scopes_;
  /// Lambda variables visible at this point, innermost last.
  std::vector<std::shared_ptr<const LambdaVariable>> lambda_variables_;
  /// Scopes of the enclosing queries while resolving a subquery, innermost last; their
  /// columns resolve to OuterReferences.
  std::vector<const ExpressionScope*> outer_scopes_;
};

/// Output attributes of named expressions (Alias / AttributeReference).
std::vector<Attribute> OutputOf(const std::vector<ExprPtr>& named_expressions);
/// The attribute a named expression defines.
Attribute ToAttribute(const ExprPtr& named_expression);
/// A resolved node: `output` set and `analyzed` = true.
PlanPtr Finish(std::shared_ptr<LogicalPlan> plan, std::vector<Attribute> output);
/// Project `expressions` over `child`.
PlanPtr MakeProject(PlanPtr child, std::vector<ExprPtr> expressions);
/// References to every output column of `plan`.
std::vector<ExprPtr> OutputReferences(const LogicalPlan& plan);
/// "first", "second", ... as Spark words ordinals in error messages (0-based index).
std::string OrdinalWord(size_t index);
/// Attaches the expression's SQL position to an error, when known and not already set.
Status WithOrigin(Status status, const std::optional<QueryContext>& origin);
Result<ExprPtr> WithOrigin(Result<ExprPtr> result, const std::optional<QueryContext>& origin);

}  // namespace sparkling
