#include <arrow/scalar.h>

#include "analyzer/attribute_lookup.h"
#include "analyzer/column_naming.h"
#include "analyzer/constant_folding.h"
#include "analyzer/resolver.h"
#include "catalog/session_catalog.h"
#include "function/function_registry.h"
#include "plan/identifier.h"
#include "types/type_coercion.h"

namespace sparkling {
namespace {

const LogicalPlan* FindPlanById(const PlanPtr& plan, int64_t plan_id) {
  if (plan->plan_id == plan_id) return plan.get();
  for (const auto& child : plan->children) {
    if (const LogicalPlan* found = FindPlanById(child, plan_id)) return found;
  }
  return nullptr;
}

const LogicalPlan* FindPlanById(const std::vector<PlanPtr>& plans, int64_t plan_id) {
  for (const auto& plan : plans) {
    if (const LogicalPlan* found = FindPlanById(plan, plan_id)) return found;
  }
  return nullptr;
}

const Attribute* FindById(const std::vector<Attribute>& attributes, ExprId id) {
  for (const auto& attribute : attributes) {
    if (attribute.id == id) return &attribute;
  }
  return nullptr;
}

ExprPtr StringLiteral(const std::string& value) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(value), DataType::String());
}

std::string QuotedSql(const ExprPtr& expr) { return "\"" + expr->ToSql() + "\""; }

std::string QuotedNames(const std::vector<Attribute>& attributes) {
  std::string out;
  for (size_t i = 0; i < attributes.size(); ++i) {
    if (i > 0) out += ", ";
    out += QuoteIdentifier(attributes[i].name);
  }
  return out;
}

// Variable types of the lambda arguments of Spark's higher-order functions, from the resolved
// non-lambda arguments. Empty when the function takes no lambda at that position.
std::vector<std::pair<DataTypePtr, bool>> LambdaParameterTypes(
    const std::string& function, size_t lambda_position, size_t num_variables,
    const std::vector<ExprPtr>& arguments) {
  auto element = [&](size_t i) -> std::pair<DataTypePtr, bool> {
    const auto& type = arguments[i]->type;
    if (type->id() == TypeId::kArray) return {type->element_type(), type->contains_null()};
    return {DataType::Null(), true};
  };
  auto map_key = [&](size_t i) -> std::pair<DataTypePtr, bool> {
    const auto& type = arguments[i]->type;
    if (type->id() == TypeId::kMap) return {type->key_type(), false};
    return {DataType::Null(), true};
  };
  auto map_value = [&](size_t i) -> std::pair<DataTypePtr, bool> {
    const auto& type = arguments[i]->type;
    if (type->id() == TypeId::kMap) return {type->value_type(), type->contains_null()};
    return {DataType::Null(), true};
  };
  std::vector<std::pair<DataTypePtr, bool>> types;
  if (function == "transform" || function == "filter") {
    types = {element(0), {DataType::Integer(), false}};
  } else if (function == "exists" || function == "forall" || function == "array_sort" ||
             function == "any_match" || function == "all_match") {
    types = {element(0), element(0)};
  } else if (function == "aggregate" || function == "reduce") {
    auto accumulator = std::make_pair(arguments[1]->type, true);
    types = lambda_position == 2
                ? std::vector<std::pair<DataTypePtr, bool>>{accumulator, element(0)}
                : std::vector<std::pair<DataTypePtr, bool>>{accumulator};
  } else if (function == "zip_with") {
    types = {element(0), element(1)};
  } else if (function == "map_filter" || function == "transform_keys" ||
             function == "transform_values") {
    types = {map_key(0), map_value(0)};
  } else if (function == "map_zip_with") {
    types = {map_key(0), map_value(0), map_value(1)};
  }
  if (types.size() > num_variables) types.resize(num_variables);
  return types;
}

}  // namespace

Result<ExprPtr> Resolver::ResolveExpression(const ExprPtr& expr, const ExpressionScope& scope) {
  if (expr == nullptr) return Status::Internal("missing expression in the plan");
  // Front ends build these with fixed arity; a malformed node is a bug, never a crash.
  size_t required_children = 0;
  switch (expr->kind) {
    case ExprKind::kAlias:
    case ExprKind::kCast:
    case ExprKind::kSortOrder:
    case ExprKind::kLambda:
      required_children = 1;
      break;
    case ExprKind::kUnresolvedExtractValue:
      required_children = 2;
      break;
    default:
      break;
  }
  if (expr->children.size() < required_children) {
    return Status::Internal("malformed expression of kind " +
                            std::to_string(static_cast<int>(expr->kind)));
  }
  switch (expr->kind) {
    case ExprKind::kLiteral:
    case ExprKind::kAttributeReference:
    case ExprKind::kOuterReference:
    case ExprKind::kScalarFunction:
    case ExprKind::kAggregateFunction:
    case ExprKind::kLambdaVariable:
      if (!expr->resolved()) return Status::Internal("unresolved " + expr->ToSql());
      return expr;
    case ExprKind::kAlias: {
      // Spark names the node that holds the star: `SELECT * FROM` aliases the star as FROM.
      if (expr->children[0]->kind == ExprKind::kUnresolvedStar) {
        return WithOrigin(Status::Error("INVALID_USAGE_OF_STAR_OR_REGEX",
                                        {{"elem", "'*'"}, {"prettyName", "expression `alias`"}}),
                          expr->children[0]->origin);
      }
      SPK_ASSIGN_OR_RAISE(ExprPtr child, ResolveExpression(expr->children[0], scope));
      auto alias = std::static_pointer_cast<Alias>(expr->Copy());
      alias->type = child->type;
      alias->nullable = child->nullable;
      alias->children = {std::move(child)};
      return ExprPtr(alias);
    }
    case ExprKind::kCast:
      return ResolveCast(expr->As<Cast>(), scope);
    case ExprKind::kSortOrder: {
      SPK_ASSIGN_OR_RAISE(ExprPtr child, ResolveExpression(expr->children[0], scope));
      auto order = std::static_pointer_cast<SortOrder>(expr->Copy());
      order->type = child->type;
      order->nullable = child->nullable;
      order->children = {std::move(child)};
      return ExprPtr(order);
    }
    case ExprKind::kScalarSubquery:
    case ExprKind::kExists:
    case ExprKind::kInSubquery:
      return ResolveSubqueryExpression(expr, scope);
    case ExprKind::kLambda:
      return Status::Internal("lambda function outside a higher-order function");
    case ExprKind::kUnresolvedAttribute:
      return ResolveAttribute(expr->As<UnresolvedAttribute>(), scope);
    case ExprKind::kUnresolvedStar:
      return WithOrigin(Status::Error("INVALID_USAGE_OF_STAR_OR_REGEX",
                                      {{"elem", "'*'"}, {"prettyName", "expression"}}),
                        expr->origin);
    case ExprKind::kUnresolvedFunction:
      return ResolveFunction(expr->As<UnresolvedFunction>(), scope);
    case ExprKind::kUnresolvedExtractValue:
      return ResolveExtractValue(expr, scope);
    case ExprKind::kParameter:
      return BindParameter(expr->As<Parameter>());
  }
  return Status::Internal("unknown expression kind");
}

Result<ExprPtr> Resolver::ResolveCast(const Cast& cast, const ExpressionScope& scope) {
  SPK_ASSIGN_OR_RAISE(ExprPtr child, ResolveExpression(cast.children[0], scope));
  // TIMESTAMP '...' reaches the analyzer as a cast of the text (the parser does not know the
  // session time zone): it is a literal again once the zone is applied.
  if (!cast.user_specified && child->kind == ExprKind::kLiteral && child->type->IsStringLike() &&
      cast.target->id() == TypeId::kTimestamp) {
    auto typed = std::static_pointer_cast<Cast>(cast.Copy());
    typed->children = {child};
    typed->type = cast.target;
    typed->nullable = child->nullable;
    return WithOrigin(FoldToLiteral(typed, eval_options()), cast.origin);
  }
  bool ansi = cast.mode == CastMode::kAnsi || (cast.mode == CastMode::kDefault && context_.ansi);
  if (!CanCast(*child->type, *cast.target, ansi && cast.mode != CastMode::kTry)) {
    auto resolved = std::static_pointer_cast<Cast>(cast.Copy());
    resolved->children = {child};
    resolved->type = cast.target;
    return WithOrigin(Status::Error("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                                    {{"sqlExpr", QuotedSql(resolved)},
                                     {"srcType", "\"" + child->type->Sql() + "\""},
                                     {"targetType", "\"" + cast.target->Sql() + "\""}}),
                      cast.origin);
  }
  auto resolved = std::static_pointer_cast<Cast>(cast.Copy());
  resolved->type = cast.target;
  // A cast can produce NULL from a non-null input when it tolerates bad values.
  bool tolerant = cast.mode == CastMode::kTry || !ansi;
  resolved->nullable = child->nullable || (tolerant && !child->type->SameType(*cast.target));
  resolved->children = {std::move(child)};
  return ExprPtr(resolved);
}

Result<ExprPtr> Resolver::ResolveAttribute(const UnresolvedAttribute& attribute,
                                           const ExpressionScope& scope) {
  const auto& parts = attribute.name_parts;
  if (parts.empty()) return Status::Internal("empty column name");
  const bool case_sensitive = context_.case_sensitive;

  // Lambda variables shadow columns.
  for (auto it = lambda_variables_.rbegin(); it != lambda_variables_.rend(); ++it) {
    if (NamesMatch((*it)->name, parts[0], case_sensitive)) {
      return WithOrigin(ExtractFields(*it, {parts.begin() + 1, parts.end()}), attribute.origin);
    }
  }

  auto reference_to = [&](const Attribute& found, const std::vector<std::string>& fields,
                          bool outer) -> Result<ExprPtr> {
    ExprPtr reference = found.ToReference();
    if (outer) {
      auto outer_reference = std::make_shared<OuterReference>();
      outer_reference->children = {reference};
      outer_reference->type = reference->type;
      outer_reference->nullable = reference->nullable;
      reference = outer_reference;
    }
    return WithOrigin(ExtractFields(reference, fields), attribute.origin);
  };

  // df["a"]: resolve against the DataFrame (plan id) the column was taken from.
  if (attribute.plan_id.has_value()) {
    const LogicalPlan* target = FindPlanById(scope.children, *attribute.plan_id);
    if (target != nullptr) {
      SPK_ASSIGN_OR_RAISE(auto match, LookupAttribute(target->output, parts, case_sensitive));
      if (!match.has_value()) {
        return WithOrigin(UnresolvedColumnError(parts, target->output), attribute.origin);
      }
      if (const Attribute* in_input = FindById(scope.input, match->attribute.id)) {
        return reference_to(*in_input, match->nested_fields, false);
      }
      if (const Attribute* in_fallback = FindById(scope.fallback, match->attribute.id)) {
        if (scope.missing != nullptr && !FindById(*scope.missing, in_fallback->id)) {
          scope.missing->push_back(*in_fallback);
        }
        return reference_to(*in_fallback, match->nested_fields, false);
      }
      return WithOrigin(
          Status::Error("CANNOT_RESOLVE_DATAFRAME_COLUMN", {{"name", QuoteNameParts(parts)}}),
          attribute.origin);
    }
    for (auto it = outer_scopes_.rbegin(); it != outer_scopes_.rend(); ++it) {
      const LogicalPlan* outer_target = FindPlanById((*it)->children, *attribute.plan_id);
      if (outer_target == nullptr) continue;
      SPK_ASSIGN_OR_RAISE(auto match, LookupAttribute(outer_target->output, parts, case_sensitive));
      if (match.has_value() && FindById((*it)->input, match->attribute.id)) {
        return reference_to(match->attribute, match->nested_fields, true);
      }
    }
    // The DataFrame is not part of this plan: fall back to resolving by name, as Spark does.
  }

  SPK_ASSIGN_OR_RAISE(auto match, LookupAttribute(scope.input, parts, case_sensitive));
  if (match.has_value()) return reference_to(match->attribute, match->nested_fields, false);
  if (!scope.fallback.empty()) {
    SPK_ASSIGN_OR_RAISE(auto fallback, LookupAttribute(scope.fallback, parts, case_sensitive));
    if (fallback.has_value()) {
      if (scope.missing != nullptr && !FindById(*scope.missing, fallback->attribute.id)) {
        scope.missing->push_back(fallback->attribute);
      }
      return reference_to(fallback->attribute, fallback->nested_fields, false);
    }
  }
  for (auto it = outer_scopes_.rbegin(); it != outer_scopes_.rend(); ++it) {
    SPK_ASSIGN_OR_RAISE(auto outer, LookupAttribute((*it)->input, parts, case_sensitive));
    if (outer.has_value()) return reference_to(outer->attribute, outer->nested_fields, true);
  }
  return WithOrigin(UnresolvedColumnError(parts, scope.input), attribute.origin);
}

Result<ExprPtr> Resolver::ExtractFields(ExprPtr base, const std::vector<std::string>& fields) {
  for (const auto& field : fields) {
    const DataType& type = *base->type;
    if (type.id() == TypeId::kStruct) {
      const StructField* found = nullptr;
      int matches = 0;
      for (const auto& candidate : type.fields()) {
        if (NamesMatch(candidate.name, field, context_.case_sensitive)) {
          if (found == nullptr) found = &candidate;
          ++matches;
        }
      }
      if (matches > 1) {
        return Status::Error("AMBIGUOUS_REFERENCE_TO_FIELDS", {{"field", QuoteIdentifier(field)},
                                                               {"count", std::to_string(matches)}});
      }
      if (found == nullptr) {
        std::string names;
        for (size_t i = 0; i < type.fields().size(); ++i) {
          if (i > 0) names += ", ";
          names += QuoteIdentifier(type.fields()[i].name);
        }
        return Status::Error("FIELD_NOT_FOUND",
                             {{"fieldName", QuoteIdentifier(field)}, {"fields", names}});
      }
      SPK_ASSIGN_OR_RAISE(base,
                          CallFunction("get_struct_field", {base, StringLiteral(found->name)}));
    } else if (type.id() == TypeId::kMap && type.key_type()->IsStringLike()) {
      SPK_ASSIGN_OR_RAISE(base, CallFunction("get_map_value", {base, StringLiteral(field)}));
    } else {
      return Status::Error("INVALID_EXTRACT_BASE_FIELD_TYPE",
                           {{"base", QuotedSql(base)}, {"other", "\"" + type.Sql() + "\""}});
    }
  }
  return base;
}

Result<ExprPtr> Resolver::ResolveExtractValue(const ExprPtr& expr, const ExpressionScope& scope) {
  SPK_ASSIGN_OR_RAISE(ExprPtr base, ResolveExpression(expr->children[0], scope));
  SPK_ASSIGN_OR_RAISE(ExprPtr key, ResolveExpression(expr->children[1], scope));
  const TypeId base_type = base->type->id();
  Result<ExprPtr> result = Status::OK();
  if (base_type == TypeId::kStruct) {
    if (key->kind != ExprKind::kLiteral || !key->type->IsStringLike()) {
      return WithOrigin(
          Status::Error("INVALID_EXTRACT_FIELD_TYPE", {{"extraction", QuotedSql(key)}}),
          expr->origin);
    }
    std::string field = key->ToSql();
    result = ExtractFields(base, {field});
  } else if (base_type == TypeId::kArray) {
    result = CallFunction("get_array_item", {base, key}, expr->origin);
  } else if (base_type == TypeId::kMap) {
    result = CallFunction("get_map_value", {base, key}, expr->origin);
  } else {
    result = Status::Error("INVALID_EXTRACT_BASE_FIELD_TYPE",
                           {{"base", QuotedSql(base)}, {"other", "\"" + base->type->Sql() + "\""}});
  }
  if (!result.ok()) return WithOrigin(result.status(), expr->origin);
  return result;
}

Result<std::vector<ExprPtr>> Resolver::ExpandStar(const UnresolvedStar& star,
                                                  const ExpressionScope& scope) {
  std::vector<ExprPtr> expanded;
  if (star.plan_id.has_value()) {
    const LogicalPlan* target = FindPlanById(scope.children, *star.plan_id);
    if (target != nullptr) {
      for (const auto& attribute : target->output) {
        const Attribute* in_input = FindById(scope.input, attribute.id);
        expanded.push_back((in_input != nullptr ? *in_input : attribute).ToReference());
      }
      return expanded;
    }
  }
  if (star.target.empty()) {
    for (const auto& attribute : scope.input) expanded.push_back(attribute.ToReference());
    return expanded;
  }
  for (const auto& attribute : scope.input) {
    const auto& qualifier = attribute.qualifier;
    if (qualifier.size() < star.target.size()) continue;
    bool matches = true;
    size_t offset = qualifier.size() - star.target.size();
    for (size_t i = 0; i < star.target.size() && matches; ++i) {
      matches = NamesMatch(qualifier[offset + i], star.target[i], context_.case_sensitive);
    }
    if (matches) expanded.push_back(attribute.ToReference());
  }
  if (!expanded.empty()) return expanded;
  // s.* over a struct column: one column per field.
  auto column = LookupAttribute(scope.input, star.target, context_.case_sensitive);
  if (column.ok() && column->has_value()) {
    SPK_ASSIGN_OR_RAISE(
        ExprPtr base, ExtractFields((*column)->attribute.ToReference(), (*column)->nested_fields));
    if (base->type->id() == TypeId::kStruct) {
      for (const auto& field : base->type->fields()) {
        SPK_ASSIGN_OR_RAISE(ExprPtr value, ExtractFields(base, {field.name}));
        expanded.push_back(MakeAlias(value, field.name));
      }
      return expanded;
    }
  }
  return WithOrigin(
      Status::Error("CANNOT_RESOLVE_STAR_EXPAND", {{"targetString", QuoteNameParts(star.target)},
                                                   {"columns", QuotedNames(scope.input)}}),
      star.origin);
}

Result<std::vector<ExprPtr>> Resolver::ResolveSelectList(const std::vector<ExprPtr>& items,
                                                         const ExpressionScope& scope) {
  std::vector<ExprPtr> resolved;
  for (const auto& item : items) {
    if (item->kind == ExprKind::kUnresolvedStar) {
      SPK_ASSIGN_OR_RAISE(auto expanded, ExpandStar(item->As<UnresolvedStar>(), scope));
      for (auto& expr : expanded) resolved.push_back(std::move(expr));
      continue;
    }
    SPK_ASSIGN_OR_RAISE(ExprPtr expr, ResolveExpression(item, scope));
    // `s.a` (a nested field written as a column name) is named after the field.
    if (item->kind == ExprKind::kUnresolvedAttribute &&
        expr->kind != ExprKind::kAttributeReference && expr->kind != ExprKind::kOuterReference &&
        expr->kind != ExprKind::kLambdaVariable) {
      expr = MakeAlias(expr, item->As<UnresolvedAttribute>().name_parts.back());
    }
    resolved.push_back(NameExpression(expr, context_.session_time_zone));
  }
  return resolved;
}

Result<ExprPtr> Resolver::CallFunction(const std::string& name, std::vector<ExprPtr> arguments,
                                       const std::optional<QueryContext>& origin) {
  ResolveOptions options;
  options.ansi = context_.ansi;
  options.origin = origin;
  if (context_.catalog != nullptr) {
    options.current_catalog = context_.catalog->current_catalog();
    options.current_database = context_.catalog->current_database();
  }
  auto result = FunctionRegistry::Global().Resolve(name, std::move(arguments), options);
  if (!result.ok()) return WithOrigin(result.status(), origin);
  return result;
}

Result<ExprPtr> Resolver::ResolveFunction(const UnresolvedFunction& function,
                                          const ExpressionScope& scope) {
  if (function.name_parts.size() != 1) {
    std::string search_path = "[`system`.`builtin`, `system`.`session`";
    if (context_.catalog != nullptr) {
      search_path += ", " + QuoteNameParts({context_.catalog->current_catalog(),
                                            context_.catalog->current_database()});
    }
    search_path += "]";
    return WithOrigin(
        Status::Error("UNRESOLVED_ROUTINE", {{"routineName", QuoteNameParts(function.name_parts)},
                                             {"searchPath", search_path}}),
        function.origin);
  }
  for (const auto& child : function.children) {
    if (child->kind == ExprKind::kLambda) return ResolveLambdaFunction(function, scope);
  }
  const std::string name = LowerCase(function.name());
  const FunctionRegistry& registry = FunctionRegistry::Global();
  // HAVING / ORDER BY over an Aggregate: aggregate arguments read the aggregated rows.
  const ExpressionScope* argument_scope = &scope;
  if (scope.aggregate_argument_scope != nullptr && registry.IsAggregate(name)) {
    argument_scope = scope.aggregate_argument_scope;
  }
  std::vector<ExprPtr> arguments;
  if (function.is_star_argument) {
    // count(*) is count(1).
    arguments.push_back(MakeLiteral(std::make_shared<arrow::Int32Scalar>(1), DataType::Integer()));
  }
  for (const auto& child : function.children) {
    if (child->kind == ExprKind::kUnresolvedStar) {
      if (name == "count") {
        arguments.push_back(
            MakeLiteral(std::make_shared<arrow::Int32Scalar>(1), DataType::Integer()));
        continue;
      }
      SPK_ASSIGN_OR_RAISE(auto expanded, ExpandStar(child->As<UnresolvedStar>(), *argument_scope));
      for (auto& expr : expanded) arguments.push_back(std::move(expr));
      continue;
    }
    SPK_ASSIGN_OR_RAISE(ExprPtr argument, ResolveExpression(child, *argument_scope));
    arguments.push_back(std::move(argument));
  }
  ResolveOptions options;
  options.ansi = context_.ansi;
  options.is_distinct = function.is_distinct;
  options.origin = function.origin;
  if (context_.catalog != nullptr) {
    options.current_catalog = context_.catalog->current_catalog();
    options.current_database = context_.catalog->current_database();
  }
  if (function.filter.has_value() && *function.filter != nullptr) {
    SPK_ASSIGN_OR_RAISE(ExprPtr filter, ResolveExpression(*function.filter, *argument_scope));
    if (filter->type->id() != TypeId::kBoolean) {
      return WithOrigin(Status::Error("INVALID_AGGREGATE_FILTER.NOT_BOOLEAN",
                                      {{"filterExpr", QuotedSql(filter)}}),
                        function.origin);
    }
    options.filter = filter;
  }
  auto result = registry.Resolve(name, std::move(arguments), options);
  if (!result.ok()) return WithOrigin(result.status(), function.origin);
  return result;
}

Result<ExprPtr> Resolver::ResolveLambdaFunction(const UnresolvedFunction& function,
                                                const ExpressionScope& scope) {
  const std::string name = LowerCase(function.name());
  std::vector<ExprPtr> arguments(function.children.size());
  for (size_t i = 0; i < function.children.size(); ++i) {
    if (function.children[i]->kind == ExprKind::kLambda) continue;
    SPK_ASSIGN_OR_RAISE(arguments[i], ResolveExpression(function.children[i], scope));
  }
  for (size_t i = 0; i < function.children.size(); ++i) {
    if (function.children[i]->kind != ExprKind::kLambda) continue;
    const auto& lambda = function.children[i]->As<Lambda>();
    auto types = LambdaParameterTypes(name, i, lambda.arguments.size(), arguments);
    if (types.size() != lambda.arguments.size()) {
      return WithOrigin(Status::Error("INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
                                      {{"expectedNumArgs", std::to_string(types.size())},
                                       {"actualNumArgs", std::to_string(lambda.arguments.size())}}),
                        function.origin);
    }
    auto resolved_lambda = std::make_shared<Lambda>();
    size_t scope_size = lambda_variables_.size();
    for (size_t v = 0; v < lambda.arguments.size(); ++v) {
      auto variable = std::make_shared<LambdaVariable>(*lambda.arguments[v]);
      variable->type = types[v].first;
      variable->nullable = types[v].second;
      resolved_lambda->arguments.push_back(variable);
      lambda_variables_.push_back(variable);
    }
    auto body = ResolveExpression(lambda.children[0], scope);
    lambda_variables_.resize(scope_size);
    if (!body.ok()) return body.status();
    resolved_lambda->type = (*body)->type;
    resolved_lambda->nullable = (*body)->nullable;
    resolved_lambda->children = {*body};
    arguments[i] = resolved_lambda;
  }
  return CallFunction(name, std::move(arguments), function.origin);
}

Result<ExprPtr> Resolver::ResolveSubqueryExpression(const ExprPtr& expr,
                                                    const ExpressionScope& scope) {
  PlanPtr subquery;
  switch (expr->kind) {
    case ExprKind::kScalarSubquery:
      subquery = expr->As<ScalarSubquery>().plan;
      break;
    case ExprKind::kExists:
      subquery = expr->As<Exists>().plan;
      break;
    default:
      subquery = expr->As<InSubquery>().plan;
      break;
  }
  outer_scopes_.push_back(&scope);
  auto resolved_plan = ResolvePlan(subquery);
  outer_scopes_.pop_back();
  if (!resolved_plan.ok()) return resolved_plan.status();
  PlanPtr plan = *resolved_plan;

  if (expr->kind == ExprKind::kScalarSubquery) {
    if (plan->output.size() != 1) {
      return WithOrigin(
          Status::Error(
              "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
              {{"number", std::to_string(plan->output.size())}}),
          expr->origin);
    }
    auto resolved = std::static_pointer_cast<ScalarSubquery>(expr->Copy());
    resolved->plan = plan;
    resolved->type = plan->output[0].type;
    resolved->nullable = true;
    return ExprPtr(resolved);
  }
  if (expr->kind == ExprKind::kExists) {
    auto resolved = std::static_pointer_cast<Exists>(expr->Copy());
    resolved->plan = plan;
    resolved->type = DataType::Boolean();
    resolved->nullable = false;
    return ExprPtr(resolved);
  }
  std::vector<ExprPtr> values;
  for (const auto& child : expr->children) {
    SPK_ASSIGN_OR_RAISE(ExprPtr value, ResolveExpression(child, scope));
    values.push_back(std::move(value));
  }
  if (values.size() != plan->output.size()) {
    return WithOrigin(Status::Error("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
                                    {{"sqlExpr", QuotedSql(expr)},
                                     {"leftLength", std::to_string(values.size())},
                                     {"rightLength", std::to_string(plan->output.size())},
                                     {"leftColumns", ""},
                                     {"rightColumns", ""}}),
                      expr->origin);
  }
  // Both sides are compared in their common type.
  std::vector<ExprPtr> plan_columns;
  bool plan_cast = false;
  for (size_t i = 0; i < values.size(); ++i) {
    const Attribute& column = plan->output[i];
    ExprPtr reference = column.ToReference();
    if (!values[i]->type->SameType(*column.type)) {
      auto common = FindWiderType(*values[i]->type, *column.type, context_.ansi);
      if (!common.has_value()) {
        return WithOrigin(
            Status::Error(
                "DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH",
                {{"sqlExpr", QuotedSql(expr)},
                 {"mismatchedColumns", "(" + values[i]->ToSql() + ":" + values[i]->type->Sql() +
                                           ", " + column.name + ":" + column.type->Sql() + ")"}}),
            expr->origin);
      }
      values[i] = ImplicitCast(values[i], *common);
      if (!column.type->SameType(**common)) {
        reference = MakeAlias(ImplicitCast(reference, *common), column.name);
        plan_cast = true;
      }
    }
    plan_columns.push_back(std::move(reference));
  }
  if (plan_cast) plan = MakeProject(plan, std::move(plan_columns));
  auto resolved = std::static_pointer_cast<InSubquery>(expr->Copy());
  resolved->plan = plan;
  resolved->children = std::move(values);
  resolved->type = DataType::Boolean();
  resolved->nullable = true;
  return ExprPtr(resolved);
}

Result<ExprPtr> Resolver::BindParameter(const Parameter& parameter) {
  ExprPtr value;
  std::string name;
  if (parameter.position >= 0) {
    name = "_" + std::to_string(parameter.position);
    if (static_cast<size_t>(parameter.position) < context_.positional_parameters.size()) {
      value = context_.positional_parameters[parameter.position];
    }
  } else {
    name = parameter.name;
    auto it = context_.named_parameters.find(parameter.name);
    if (it != context_.named_parameters.end()) value = it->second;
  }
  if (value == nullptr) {
    return WithOrigin(Status::Error("UNBOUND_SQL_PARAMETER", {{"name", name}}), parameter.origin);
  }
  ExpressionScope empty;
  return ResolveExpression(value, empty);
}

}  // namespace sparkling
