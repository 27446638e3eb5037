#include "connect/expression_translator.h"

#include "connect/literal_translator.h"
#include "connect/relation_translator.h"
#include "connect/translation_errors.h"
#include "connect/type_translator.h"
#include "parser/sql_parser.h"
#include "plan/identifier.h"
#include "spark/connect/expressions.pb.h"

namespace sparkling::connect {

namespace proto = spark::connect;

Result<std::vector<std::string>> ParseAttributeName(const std::string& name) {
  auto syntax_error = [&] {
    return Status::Error("INVALID_ATTRIBUTE_NAME_SYNTAX", {{"name", name}});
  };
  std::vector<std::string> parts;
  std::string current;
  bool in_quotes = false;
  bool part_was_quoted = false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (in_quotes) {
      if (c == '`') {
        if (i + 1 < name.size() && name[i + 1] == '`') {
          current += '`';
          ++i;
        } else {
          in_quotes = false;
          // A quoted part must be a whole part: `a`b is malformed.
          if (i + 1 < name.size() && name[i + 1] != '.') return syntax_error();
        }
      } else {
        current += c;
      }
    } else if (c == '`') {
      if (!current.empty()) return syntax_error();
      in_quotes = true;
      part_was_quoted = true;
    } else if (c == '.') {
      if (current.empty() && !part_was_quoted) return syntax_error();
      parts.push_back(std::move(current));
      current.clear();
      part_was_quoted = false;
    } else {
      current += c;
    }
  }
  if (in_quotes) return syntax_error();
  if (current.empty() && !part_was_quoted && !parts.empty()) return syntax_error();
  parts.push_back(std::move(current));
  return parts;
}

namespace {

Result<std::vector<ExprPtr>> TranslateAll(
    const google::protobuf::RepeatedPtrField<proto::Expression>& expressions,
    const TranslationContext& context) {
  std::vector<ExprPtr> out;
  out.reserve(expressions.size());
  for (const auto& expression : expressions) {
    SPK_ASSIGN_OR_RAISE(auto translated, TranslateExpression(expression, context));
    out.push_back(std::move(translated));
  }
  return out;
}

Result<ExprPtr> TranslateUnresolvedFunction(const proto::Expression_UnresolvedFunction& function,
                                            const TranslationContext& context) {
  if (function.function_name().empty()) {
    return InvalidPlanInput("UnresolvedFunction without a function name");
  }
  auto out = std::make_shared<UnresolvedFunction>();
  if (function.is_user_defined_function()) {
    SPK_ASSIGN_OR_RAISE(out->name_parts, ParseMultipartIdentifier(function.function_name()));
  } else {
    out->name_parts = {function.function_name()};
  }
  out->is_distinct = function.is_distinct();
  SPK_ASSIGN_OR_RAISE(out->children, TranslateAll(function.arguments(), context));
  // F.count("*") arrives as count(UnresolvedStar): Spark treats it as count(*).
  if (out->children.size() == 1 && out->children[0]->kind == ExprKind::kUnresolvedStar &&
      out->children[0]->As<UnresolvedStar>().target.empty() && !out->is_distinct &&
      EqualsIgnoreCase(function.function_name(), "count")) {
    out->children.clear();
    out->is_star_argument = true;
  }
  return out;
}

Result<ExprPtr> TranslateCast(const proto::Expression_Cast& cast,
                              const TranslationContext& context) {
  if (!cast.has_expr()) return InvalidPlanInput("Cast without an input expression");
  auto out = std::make_shared<Cast>();
  SPK_ASSIGN_OR_RAISE(auto child, TranslateExpression(cast.expr(), context));
  out->children.push_back(std::move(child));
  switch (cast.cast_to_type_case()) {
    case proto::Expression_Cast::kType: {
      SPK_ASSIGN_OR_RAISE(out->target, DataTypeFromProto(cast.type()));
      break;
    }
    case proto::Expression_Cast::kTypeStr: {
      SPK_ASSIGN_OR_RAISE(out->target, ParseDataType(cast.type_str()));
      break;
    }
    default:
      return InvalidPlanInput("Cast without a target type");
  }
  switch (cast.eval_mode()) {
    case proto::Expression_Cast_EvalMode_EVAL_MODE_LEGACY:
      out->mode = CastMode::kLegacy;
      break;
    case proto::Expression_Cast_EvalMode_EVAL_MODE_ANSI:
      out->mode = CastMode::kAnsi;
      break;
    case proto::Expression_Cast_EvalMode_EVAL_MODE_TRY:
      out->mode = CastMode::kTry;
      break;
    default:
      out->mode = CastMode::kDefault;
      break;
  }
  return out;
}

Result<ExprPtr> TranslateSortOrder(const proto::Expression_SortOrder& order,
                                   const TranslationContext& context) {
  if (!order.has_child()) return InvalidPlanInput("SortOrder without a child expression");
  auto out = std::make_shared<SortOrder>();
  SPK_ASSIGN_OR_RAISE(auto child, TranslateExpression(order.child(), context));
  out->children.push_back(std::move(child));
  switch (order.direction()) {
    case proto::Expression_SortOrder_SortDirection_SORT_DIRECTION_UNSPECIFIED:
    case proto::Expression_SortOrder_SortDirection_SORT_DIRECTION_ASCENDING:
      out->direction = SortDirection::kAscending;
      break;
    case proto::Expression_SortOrder_SortDirection_SORT_DIRECTION_DESCENDING:
      out->direction = SortDirection::kDescending;
      break;
    default:
      return InvalidPlanInput("Unknown sort direction " + std::to_string(order.direction()));
  }
  switch (order.null_ordering()) {
    case proto::Expression_SortOrder_NullOrdering_SORT_NULLS_FIRST:
      out->null_ordering = NullOrdering::kNullsFirst;
      break;
    case proto::Expression_SortOrder_NullOrdering_SORT_NULLS_LAST:
      out->null_ordering = NullOrdering::kNullsLast;
      break;
    case proto::Expression_SortOrder_NullOrdering_SORT_NULLS_UNSPECIFIED:
      // Spark's defaults: ascending puts nulls first, descending last.
      out->null_ordering = out->direction == SortDirection::kAscending ? NullOrdering::kNullsFirst
                                                                       : NullOrdering::kNullsLast;
      break;
    default:
      return InvalidPlanInput("Unknown null ordering " + std::to_string(order.null_ordering()));
  }
  return out;
}

Result<ExprPtr> TranslateLambda(const proto::Expression_LambdaFunction& lambda,
                                const TranslationContext& context) {
  if (!lambda.has_function()) return InvalidPlanInput("LambdaFunction without a body");
  if (lambda.arguments_size() < 1 || lambda.arguments_size() > 3) {
    return InvalidPlanInput("LambdaFunction requires 1 - 3 arguments, but got " +
                            std::to_string(lambda.arguments_size()) + " ones!");
  }
  auto out = std::make_shared<Lambda>();
  for (const auto& argument : lambda.arguments()) {
    if (argument.name_parts_size() != 1) {
      return InvalidPlanInput("Lambda variable must have exactly one name part");
    }
    auto variable = std::make_shared<LambdaVariable>();
    variable->name = argument.name_parts(0);
    out->arguments.push_back(std::move(variable));
  }
  // The body names its variables like the SQL parser's output does (as attributes); the
  // analyzer binds them to the lambda's arguments.
  SPK_ASSIGN_OR_RAISE(auto body, TranslateExpression(lambda.function(), context));
  out->children.push_back(std::move(body));
  return out;
}

// df.scalar() / df.exists() / col.isin(df): the subquery is a relation of the enclosing
// WithRelations, named by plan id.
Result<ExprPtr> TranslateSubquery(const proto::SubqueryExpression& subquery,
                                  const TranslationContext& context) {
  const proto::Relation* relation = nullptr;
  if (context.plan_references != nullptr) {
    auto it = context.plan_references->find(subquery.plan_id());
    if (it != context.plan_references->end()) relation = it->second;
  }
  if (relation == nullptr) {
    return InvalidPlanInput("Subquery plan " + std::to_string(subquery.plan_id()) +
                            " is not among the relations of the plan");
  }
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, TranslateRelation(*relation, context));
  switch (subquery.subquery_type()) {
    case proto::SubqueryExpression_SubqueryType_SUBQUERY_TYPE_SCALAR: {
      auto out = std::make_shared<ScalarSubquery>();
      out->plan = std::move(plan);
      return out;
    }
    case proto::SubqueryExpression_SubqueryType_SUBQUERY_TYPE_EXISTS: {
      auto out = std::make_shared<Exists>();
      out->plan = std::move(plan);
      return out;
    }
    case proto::SubqueryExpression_SubqueryType_SUBQUERY_TYPE_IN: {
      auto out = std::make_shared<InSubquery>();
      out->plan = std::move(plan);
      SPK_ASSIGN_OR_RAISE(out->children, TranslateAll(subquery.in_subquery_values(), context));
      return out;
    }
    case proto::SubqueryExpression_SubqueryType_SUBQUERY_TYPE_TABLE_ARG:
      return UnsupportedConnectFeature("table argument subqueries");
    default:
      return InvalidPlanInput("Unknown subquery type " + std::to_string(subquery.subquery_type()));
  }
}

}  // namespace

Result<ExprPtr> TranslateExpression(const proto::Expression& expression,
                                    const TranslationContext& context) {
  switch (expression.expr_type_case()) {
    case proto::Expression::kLiteral:
      return TranslateLiteralExpression(expression.literal());
    case proto::Expression::kUnresolvedAttribute: {
      const auto& attribute = expression.unresolved_attribute();
      auto out = std::make_shared<UnresolvedAttribute>();
      SPK_ASSIGN_OR_RAISE(out->name_parts, ParseAttributeName(attribute.unparsed_identifier()));
      if (attribute.has_plan_id()) out->plan_id = attribute.plan_id();
      out->is_metadata_column =
          attribute.has_is_metadata_column() && attribute.is_metadata_column();
      return out;
    }
    case proto::Expression::kUnresolvedFunction:
      return TranslateUnresolvedFunction(expression.unresolved_function(), context);
    case proto::Expression::kExpressionString:
      return ParseExpression(expression.expression_string().expression());
    case proto::Expression::kUnresolvedStar: {
      const auto& star = expression.unresolved_star();
      auto out = std::make_shared<UnresolvedStar>();
      if (star.has_unparsed_target()) {
        const std::string& target = star.unparsed_target();
        if (target.size() < 2 || target.compare(target.size() - 2, 2, ".*") != 0) {
          return InvalidPlanInput(
              "UnresolvedStar requires a unparsed target ending with '.*', "
              "but got " +
              target + ".");
        }
        if (target != ".*" && target.size() > 2) {
          SPK_ASSIGN_OR_RAISE(out->target, ParseAttributeName(target.substr(0, target.size() - 2)));
        }
      }
      if (star.has_plan_id()) out->plan_id = star.plan_id();
      return out;
    }
    case proto::Expression::kAlias: {
      const auto& alias = expression.alias();
      if (!alias.has_expr()) return InvalidPlanInput("Alias without an input expression");
      if (alias.name_size() == 0) return InvalidPlanInput("Alias without a name");
      auto out = std::make_shared<Alias>();
      SPK_ASSIGN_OR_RAISE(auto child, TranslateExpression(alias.expr(), context));
      out->children.push_back(std::move(child));
      out->names.assign(alias.name().begin(), alias.name().end());
      if (alias.has_metadata()) {
        if (alias.name_size() > 1) {
          return InvalidPlanInput(
              "Alias expressions with more than 1 identifier must not use "
              "optional metadata.");
        }
        out->metadata_json = alias.metadata();
      }
      return out;
    }
    case proto::Expression::kCast:
      return TranslateCast(expression.cast(), context);
    case proto::Expression::kSortOrder:
      return TranslateSortOrder(expression.sort_order(), context);
    case proto::Expression::kLambdaFunction:
      return TranslateLambda(expression.lambda_function(), context);
    case proto::Expression::kUnresolvedNamedLambdaVariable: {
      const auto& variable = expression.unresolved_named_lambda_variable();
      if (variable.name_parts_size() == 0) {
        return InvalidPlanInput("UnresolvedNamedLambdaVariable without a name");
      }
      return MakeUnresolvedAttribute(
          std::vector<std::string>(variable.name_parts().begin(), variable.name_parts().end()));
    }
    case proto::Expression::kUnresolvedExtractValue: {
      const auto& extract = expression.unresolved_extract_value();
      if (!extract.has_child() || !extract.has_extraction()) {
        return InvalidPlanInput("UnresolvedExtractValue needs a child and an extraction");
      }
      auto out = std::make_shared<UnresolvedExtractValue>();
      SPK_ASSIGN_OR_RAISE(auto child, TranslateExpression(extract.child(), context));
      SPK_ASSIGN_OR_RAISE(auto extraction, TranslateExpression(extract.extraction(), context));
      out->children = {std::move(child), std::move(extraction)};
      return out;
    }
    case proto::Expression::kCallFunction: {
      const auto& call = expression.call_function();
      auto out = std::make_shared<UnresolvedFunction>();
      SPK_ASSIGN_OR_RAISE(out->name_parts, ParseMultipartIdentifier(call.function_name()));
      SPK_ASSIGN_OR_RAISE(out->children, TranslateAll(call.arguments(), context));
      return out;
    }
    case proto::Expression::kUnresolvedRegex:
      return UnsupportedConnectFeature("expression type unresolved_regex (colRegex)");
    case proto::Expression::kWindow:
      return UnsupportedConnectFeature("expression type window");
    case proto::Expression::kUpdateFields:
      return UnsupportedConnectFeature("expression type update_fields (withField/dropFields)");
    case proto::Expression::kCommonInlineUserDefinedFunction:
      return UnsupportedConnectFeature("expression type common_inline_user_defined_function");
    case proto::Expression::kNamedArgumentExpression:
      return UnsupportedConnectFeature("expression type named_argument_expression");
    case proto::Expression::kMergeAction:
      return UnsupportedConnectFeature("expression type merge_action");
    case proto::Expression::kTypedAggregateExpression:
      return UnsupportedConnectFeature("expression type typed_aggregate_expression");
    case proto::Expression::kSubqueryExpression:
      return TranslateSubquery(expression.subquery_expression(), context);
    case proto::Expression::kDirectShufflePartitionId:
      return UnsupportedConnectFeature("expression type direct_shuffle_partition_id");
    case proto::Expression::kExtension:
      return UnsupportedConnectFeature("expression type extension");
    case proto::Expression::EXPR_TYPE_NOT_SET:
      break;
  }
  return InvalidPlanInput("Expression with no expr_type set");
}

}  // namespace sparkling::connect
