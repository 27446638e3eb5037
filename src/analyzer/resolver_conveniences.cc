// Connect's DataFrame conveniences, lowered to Projects once the child is resolved.

#include <unordered_set>

#include "analyzer/attribute_lookup.h"
#include "analyzer/resolver.h"
#include "plan/identifier.h"

namespace sparkling {
namespace {

ExpressionScope ScopeOf(const PlanPtr& child) {
  ExpressionScope scope;
  scope.input = child->output;
  scope.children = {child};
  return scope;
}

}  // namespace

Result<PlanPtr> Resolver::ResolveToDF(const ToDF& to_df, PlanPtr child) {
  if (to_df.column_names.size() != child->output.size()) {
    return Status::Error("ASSIGNMENT_ARITY_MISMATCH",
                         {{"numTarget", std::to_string(child->output.size())},
                          {"numExpr", std::to_string(to_df.column_names.size())}});
  }
  std::vector<ExprPtr> projection;
  for (size_t i = 0; i < child->output.size(); ++i) {
    const Attribute& attribute = child->output[i];
    if (attribute.name == to_df.column_names[i]) {
      projection.push_back(attribute.ToReference());
    } else {
      projection.push_back(MakeAlias(attribute.ToReference(), to_df.column_names[i]));
    }
  }
  return MakeProject(std::move(child), std::move(projection));
}

Result<PlanPtr> Resolver::ResolveWithColumns(const WithColumns& with_columns, PlanPtr child) {
  ExpressionScope scope = ScopeOf(child);
  std::vector<ExprPtr> aliases;
  for (const auto& alias : with_columns.aliases) {
    SPK_ASSIGN_OR_RAISE(ExprPtr resolved, ResolveExpression(alias, scope));
    if (resolved->kind != ExprKind::kAlias) {
      return Status::Internal("withColumns expects aliased expressions");
    }
    aliases.push_back(std::move(resolved));
  }
  // Two new columns of the same name are an error.
  for (size_t i = 0; i < aliases.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (NamesMatch(aliases[i]->As<Alias>().name(), aliases[j]->As<Alias>().name(),
                     context_.case_sensitive)) {
        return Status::Error("COLUMN_ALREADY_EXISTS",
                             {{"columnName", QuoteIdentifier(aliases[i]->As<Alias>().name())}});
      }
    }
  }
  // Existing columns of the same name are replaced in place; the others are appended in order.
  std::vector<bool> used(aliases.size(), false);
  std::vector<ExprPtr> projection;
  for (const auto& attribute : child->output) {
    bool replaced = false;
    for (size_t i = 0; i < aliases.size(); ++i) {
      if (NamesMatch(attribute.name, aliases[i]->As<Alias>().name(), context_.case_sensitive)) {
        projection.push_back(aliases[i]);
        used[i] = true;
        replaced = true;
        break;
      }
    }
    if (!replaced) projection.push_back(attribute.ToReference());
  }
  for (size_t i = 0; i < aliases.size(); ++i) {
    if (!used[i]) projection.push_back(aliases[i]);
  }
  return MakeProject(std::move(child), std::move(projection));
}

Result<PlanPtr> Resolver::ResolveWithColumnsRenamed(const WithColumnsRenamed& renamed,
                                                    PlanPtr child) {
  // Renames apply one after the other: {"a": "x", "A": "y"} renames a to x only.
  std::vector<std::string> names;
  for (const auto& attribute : child->output) names.push_back(attribute.name);
  for (const auto& [existing, target] : renamed.renames) {
    for (auto& name : names) {
      if (NamesMatch(name, existing, context_.case_sensitive)) name = target;
    }
  }
  std::vector<ExprPtr> projection;
  for (size_t i = 0; i < names.size(); ++i) {
    const Attribute& attribute = child->output[i];
    if (names[i] != attribute.name) {
      projection.push_back(MakeAlias(attribute.ToReference(), names[i]));
    } else {
      projection.push_back(attribute.ToReference());
    }
  }
  return MakeProject(std::move(child), std::move(projection));
}

Result<PlanPtr> Resolver::ResolveDrop(const Drop& drop, PlanPtr child) {
  std::unordered_set<ExprId> dropped;
  ExpressionScope scope = ScopeOf(child);
  for (const auto& column : drop.columns) {
    // Columns that do not resolve are ignored, as Spark's drop does.
    auto resolved = ResolveExpression(column, scope);
    if (resolved.ok() && (*resolved)->kind == ExprKind::kAttributeReference) {
      dropped.insert((*resolved)->As<AttributeReference>().id);
    }
  }
  for (const auto& name : drop.column_names) {
    for (const auto& attribute : child->output) {
      if (NamesMatch(attribute.name, name, context_.case_sensitive)) dropped.insert(attribute.id);
    }
  }
  std::vector<ExprPtr> projection;
  for (const auto& attribute : child->output) {
    if (dropped.count(attribute.id) == 0) projection.push_back(attribute.ToReference());
  }
  return MakeProject(std::move(child), std::move(projection));
}

}  // namespace sparkling
