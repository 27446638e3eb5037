#pragma once

// A compact, test-only rendering of parsed trees, so that expectations read like the SQL:
// "Project[(a + 1:int) AS x](UnresolvedRelation[t])".

#include <arrow/scalar.h>

#include <string>

#include "plan/expression.h"
#include "plan/logical_plan.h"

namespace sparkling {

inline std::string Compact(const PlanPtr& plan);

inline std::string JoinNames(const std::vector<std::string>& parts, const char* separator = ".") {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

inline std::string Compact(const ExprPtr& expr) {
  if (!expr) return "<null>";
  auto children = [&](const char* separator = ", ") {
    std::string out;
    for (const auto& child : expr->children) {
      out += (out.empty() ? "" : separator) + Compact(child);
    }
    return out;
  };
  switch (expr->kind) {
    case ExprKind::kLiteral: {
      const auto& literal = expr->As<Literal>();
      std::string value = literal.value && literal.value->is_valid ? literal.value->ToString()
                                                                   : std::string("NULL");
      if (literal.type && literal.type->IsStringLike()) value = "'" + value + "'";
      return value + ":" + (literal.type ? literal.type->SimpleString() : "?");
    }
    case ExprKind::kAlias:
      return Compact(expr->children[0]) + " AS " + JoinNames(expr->As<Alias>().names, ",");
    case ExprKind::kCast: {
      const auto& cast = expr->As<Cast>();
      std::string name = cast.mode == CastMode::kTry ? "TRY_CAST" : "CAST";
      if (!cast.user_specified) name += "!";
      return name + "(" + children() + " AS " + cast.target->SimpleString() + ")";
    }
    case ExprKind::kSortOrder: {
      const auto& order = expr->As<SortOrder>();
      return children() + (order.direction == SortDirection::kAscending ? " ASC" : " DESC") +
             (order.null_ordering == NullOrdering::kNullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
    case ExprKind::kScalarSubquery:
      return "scalar(" + Compact(expr->As<ScalarSubquery>().plan) + ")";
    case ExprKind::kExists:
      return "exists(" + Compact(expr->As<Exists>().plan) + ")";
    case ExprKind::kInSubquery:
      return "(" + children() + ") IN (" + Compact(expr->As<InSubquery>().plan) + ")";
    case ExprKind::kLambda: {
      std::string names;
      for (const auto& argument : expr->As<Lambda>().arguments) {
        names += (names.empty() ? "" : ", ") + argument->name;
      }
      return "lambda(" + names + ") -> " + children();
    }
    case ExprKind::kUnresolvedAttribute:
      return JoinNames(expr->As<UnresolvedAttribute>().name_parts);
    case ExprKind::kUnresolvedStar: {
      const auto& star = expr->As<UnresolvedStar>();
      return star.target.empty() ? "*" : JoinNames(star.target) + ".*";
    }
    case ExprKind::kUnresolvedFunction: {
      const auto& function = expr->As<UnresolvedFunction>();
      std::string name = JoinNames(function.name_parts);
      static const char* kInfix[] = {"+", "-",  "*", "/",  "%", "div", "==", "<=>", "!=",
                                     "<", "<=", ">", ">=", "&", "|",   "^",  "and", "or"};
      if (expr->children.size() == 2 && !function.is_distinct) {
        for (const char* op : kInfix) {
          if (name == op) {
            return "(" + Compact(expr->children[0]) + " " + name + " " +
                   Compact(expr->children[1]) + ")";
          }
        }
      }
      std::string out = name + "(";
      if (function.is_distinct) out += "DISTINCT ";
      out += function.is_star_argument ? "*" : children();
      out += ")";
      if (function.filter) out += " FILTER(" + Compact(*function.filter) + ")";
      return out;
    }
    case ExprKind::kUnresolvedExtractValue:
      return Compact(expr->children[0]) + "[" + Compact(expr->children[1]) + "]";
    case ExprKind::kParameter: {
      const auto& parameter = expr->As<Parameter>();
      return parameter.position >= 0 ? "?" + std::to_string(parameter.position)
                                     : ":" + parameter.name;
    }
    default:
      return "<expr>";
  }
}

inline std::string CompactList(const std::vector<ExprPtr>& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : ", ") + Compact(item);
  return out;
}

inline std::string Compact(const PlanPtr& plan) {
  if (!plan) return "<null>";
  std::string head;
  switch (plan->kind) {
    case PlanKind::kUnresolvedRelation:
      head = "Relation[" + JoinNames(plan->As<UnresolvedRelation>().name_parts) + "]";
      break;
    case PlanKind::kUnresolvedTableFunction: {
      const auto& function = plan->As<UnresolvedTableFunction>();
      head = "TableFunction[" + JoinNames(function.name_parts) + "(" +
             CompactList(function.arguments) + ")]";
      break;
    }
    case PlanKind::kInlineTable: {
      const auto& table = plan->As<InlineTable>();
      head = "Values[";
      for (size_t i = 0; i < table.rows.size(); ++i) {
        head += (i ? ", (" : "(") + CompactList(table.rows[i]) + ")";
      }
      if (!table.column_names.empty()) head += " AS (" + JoinNames(table.column_names, ",") + ")";
      head += "]";
      break;
    }
    case PlanKind::kOneRow:
      head = "OneRow";
      break;
    case PlanKind::kProject:
      head = "Project[" + CompactList(plan->As<Project>().expressions) + "]";
      break;
    case PlanKind::kFilter:
      head = std::string(plan->As<Filter>().is_having ? "Having[" : "Filter[") +
             Compact(plan->As<Filter>().condition) + "]";
      break;
    case PlanKind::kAggregate: {
      const auto& aggregate = plan->As<Aggregate>();
      head = "Aggregate[" +
             (aggregate.group_by_all ? std::string("ALL") : CompactList(aggregate.groupings)) +
             "; " + CompactList(aggregate.aggregates) + "]";
      break;
    }
    case PlanKind::kSort:
      head = std::string(plan->As<Sort>().global ? "Sort[" : "LocalSort[") +
             CompactList(plan->As<Sort>().orders) + "]";
      break;
    case PlanKind::kLimit:
      head = "Limit[" + Compact(plan->As<Limit>().limit) + "]";
      break;
    case PlanKind::kOffset:
      head = "Offset[" + Compact(plan->As<Offset>().offset) + "]";
      break;
    case PlanKind::kDistinct:
      head = "Distinct";
      break;
    case PlanKind::kSubqueryAlias: {
      const auto& alias = plan->As<SubqueryAlias>();
      head = "Alias[" + JoinNames(alias.qualifier);
      if (!alias.column_names.empty()) head += "(" + JoinNames(alias.column_names, ",") + ")";
      head += "]";
      break;
    }
    case PlanKind::kRepartition:
      head = "Repartition[" + CompactList(plan->As<Repartition>().partition_expressions) + "]";
      break;
    case PlanKind::kWithCte: {
      head = "With[";
      for (const auto& definition : plan->As<WithCte>().definitions) {
        if (head.size() > 5) head += ", ";
        head += definition.name;
        if (!definition.column_names.empty()) {
          head += "(" + JoinNames(definition.column_names, ",") + ")";
        }
        head += " AS " + Compact(definition.plan);
      }
      head += "]";
      break;
    }
    case PlanKind::kJoin: {
      const auto& join = plan->As<Join>();
      static const char* kTypes[] = {"Inner",    "LeftOuter", "RightOuter", "FullOuter",
                                     "LeftSemi", "LeftAnti",  "Cross"};
      head = std::string("Join[") + (join.natural ? "Natural" : "") +
             kTypes[static_cast<int>(join.join_type)];
      if (join.condition) head += " ON " + Compact(*join.condition);
      if (!join.using_columns.empty()) head += " USING " + JoinNames(join.using_columns, ",");
      head += "]";
      break;
    }
    case PlanKind::kSetOperation: {
      const auto& op = plan->As<SetOperation>();
      static const char* kOps[] = {"Union", "Intersect", "Except"};
      head = std::string(kOps[static_cast<int>(op.op)]) + (op.is_all ? "All" : "") +
             (op.by_name ? "ByName" : "");
      break;
    }
    case PlanKind::kCommand: {
      const auto& command = plan->As<Command>();
      static const char* kKinds[] = {"Set",
                                     "Reset",
                                     "Use",
                                     "ShowDatabases",
                                     "ShowTables",
                                     "ShowCatalogs",
                                     "CreateTempView",
                                     "DropView",
                                     "CreateDatabase",
                                     "DropDatabase",
                                     "Explain",
                                     "Describe",
                                     "ShowColumns",
                                     "ShowFunctions",
                                     "CacheTable",
                                     "UncacheTable",
                                     "ClearCache",
                                     "DescribeFunction"};
      head = std::string(kKinds[static_cast<int>(command.command)]) + "[";
      std::string fields;
      auto add = [&](const std::string& text) { fields += (fields.empty() ? "" : " ") + text; };
      if (!command.name_parts.empty()) add("name=" + JoinNames(command.name_parts));
      if (command.key) add("key=" + *command.key);
      if (command.value) add("value=" + *command.value);
      if (command.replace) add("replace");
      if (command.if_exists) add("if_exists");
      if (command.if_not_exists) add("if_not_exists");
      if (command.is_global) add("global");
      if (command.cascade) add("cascade");
      if (command.is_lazy) add("lazy");
      if (!command.column_names.empty()) add("columns=" + JoinNames(command.column_names, ","));
      for (const auto& [key, value] : command.properties) add(key + "=" + value);
      if (!command.query_text.empty()) add("text=" + command.query_text);
      if (command.query) add("query=" + Compact(command.query));
      head += fields + "]";
      break;
    }
    default:
      head = "<plan>";
  }
  if (plan->children.empty()) return head;
  std::string out = head + "(";
  for (size_t i = 0; i < plan->children.size(); ++i) {
    out += (i ? ", " : "") + Compact(plan->children[i]);
  }
  return out + ")";
}

}  // namespace sparkling
