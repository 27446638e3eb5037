// Joins (ON, USING, NATURAL) and set operations (UNION, INTERSECT, EXCEPT, unionByName).

#include <unordered_set>

#include "analyzer/attribute_lookup.h"
#include "analyzer/plan_reinstance.h"
#include "analyzer/resolver.h"
#include "plan/identifier.h"
#include "types/type_coercion.h"

namespace sparkling {

namespace {

std::vector<Attribute> Nullable(std::vector<Attribute> attributes) {
  for (auto& attribute : attributes) attribute.nullable = true;
  return attributes;
}

std::vector<Attribute> JoinOutput(JoinType type, const LogicalPlan& left,
                                  const LogicalPlan& right) {
  std::vector<Attribute> output;
  auto append = [&](std::vector<Attribute> attributes) {
    output.insert(output.end(), attributes.begin(), attributes.end());
  };
  switch (type) {
    case JoinType::kLeftSemi:
    case JoinType::kLeftAnti:
      return left.output;
    case JoinType::kLeftOuter:
    case JoinType::kLeftSingle:
      append(left.output);
      append(Nullable(right.output));
      break;
    case JoinType::kRightOuter:
      append(Nullable(left.output));
      append(right.output);
      break;
    case JoinType::kFullOuter:
      append(Nullable(left.output));
      append(Nullable(right.output));
      break;
    default:
      append(left.output);
      append(right.output);
      break;
  }
  return output;
}

const char* SetOperationName(SetOperationType op) {
  switch (op) {
    case SetOperationType::kUnion:
      return "UNION";
    case SetOperationType::kIntersect:
      return "INTERSECT";
    case SetOperationType::kExcept:
      return "EXCEPT";
  }
  return "UNION";
}

std::string QuotedNames(const std::vector<Attribute>& attributes) {
  std::string out;
  for (size_t i = 0; i < attributes.size(); ++i) {
    if (i > 0) out += ", ";
    out += QuoteIdentifier(attributes[i].name);
  }
  return out;
}

}  // namespace

Result<PlanPtr> Resolver::ResolveJoin(const Join& join, PlanPtr left, PlanPtr right) {
  // A self-join reads the same relation twice: give the right side its own ExprIds.
  std::unordered_set<ExprId> left_ids;
  for (const auto& attribute : left->output) left_ids.insert(attribute.id);
  for (const auto& attribute : right->output) {
    if (left_ids.count(attribute.id) > 0) {
      SPK_ASSIGN_OR_RAISE(right, ReinstancePlan(right));
      break;
    }
  }
  if (join.natural || !join.using_columns.empty()) {
    std::vector<std::string> using_columns = join.using_columns;
    if (join.natural) {
      using_columns.clear();
      for (const auto& attribute : left->output) {
        for (const auto& other : right->output) {
          if (NamesMatch(attribute.name, other.name, context_.case_sensitive)) {
            using_columns.push_back(attribute.name);
            break;
          }
        }
      }
    }
    return ResolveUsingJoin(join, std::move(left), std::move(right), std::move(using_columns));
  }
  auto resolved = std::make_shared<Join>(join);
  resolved->children = {left, right};
  if (join.condition.has_value() && *join.condition != nullptr) {
    ExpressionScope scope;
    scope.input = left->output;
    scope.input.insert(scope.input.end(), right->output.begin(), right->output.end());
    scope.children = {left, right};
    SPK_ASSIGN_OR_RAISE(ExprPtr condition, ResolveExpression(*join.condition, scope));
    if (condition->type->id() != TypeId::kBoolean && condition->type->id() != TypeId::kNull) {
      return WithOrigin(Status::Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                                      {{"sqlExpr", "\"" + condition->ToSql() + "\""},
                                       {"paramIndex", "first"},
                                       {"requiredType", "\"BOOLEAN\""},
                                       {"inputSql", "\"" + condition->ToSql() + "\""},
                                       {"inputType", "\"" + condition->type->Sql() + "\""}}),
                        (*join.condition)->origin);
    }
    resolved->condition = condition;
  } else {
    resolved->condition.reset();
  }
  return Finish(resolved, JoinOutput(join.join_type, *left, *right));
}

Result<PlanPtr> Resolver::ResolveUsingJoin(const Join& join, PlanPtr left, PlanPtr right,
                                           std::vector<std::string> using_columns) {
  std::vector<Attribute> left_keys;
  std::vector<Attribute> right_keys;
  auto find_key = [&](const PlanPtr& side, const std::string& name,
                      const char* side_name) -> Result<Attribute> {
    for (const auto& attribute : side->output) {
      if (NamesMatch(attribute.name, name, context_.case_sensitive)) return attribute;
    }
    return Status::Error("UNRESOLVED_USING_COLUMN_FOR_JOIN",
                         {{"colName", QuoteIdentifier(name)},
                          {"side", side_name},
                          {"suggestion", QuotedNames(side->output)}});
  };
  ExprPtr condition;
  for (const auto& name : using_columns) {
    SPK_ASSIGN_OR_RAISE(Attribute left_key, find_key(left, name, "left"));
    SPK_ASSIGN_OR_RAISE(Attribute right_key, find_key(right, name, "right"));
    SPK_ASSIGN_OR_RAISE(ExprPtr equality,
                        CallFunction("=", {left_key.ToReference(), right_key.ToReference()}));
    if (condition == nullptr) {
      condition = equality;
    } else {
      SPK_ASSIGN_OR_RAISE(condition, CallFunction("and", {condition, equality}));
    }
    left_keys.push_back(left_key);
    right_keys.push_back(right_key);
  }
  auto resolved = std::make_shared<Join>(join);
  resolved->children = {left, right};
  resolved->using_columns.clear();
  resolved->natural = false;
  if (condition != nullptr) {
    // An ON condition given together with NATURAL/USING is ANDed (Spark allows neither, the
    // parser rejects it; Connect's using + condition does not exist).
    resolved->condition = condition;
  } else {
    resolved->condition.reset();
  }
  std::vector<Attribute> join_output = JoinOutput(join.join_type, *left, *right);
  PlanPtr join_plan = Finish(resolved, join_output);

  auto from_join = [&](const Attribute& attribute) {
    for (const auto& candidate : join_output) {
      if (candidate.id == attribute.id) return candidate.ToReference();
    }
    return attribute.ToReference();
  };
  auto is_key = [](const std::vector<Attribute>& keys, const Attribute& attribute) {
    for (const auto& key : keys) {
      if (key.id == attribute.id) return true;
    }
    return false;
  };
  // Spark's output order: the join keys, then the other left columns, then the other right
  // columns; keys come from the side that keeps all rows (coalesced for full outer joins).
  std::vector<ExprPtr> projection;
  for (size_t i = 0; i < left_keys.size(); ++i) {
    switch (join.join_type) {
      case JoinType::kRightOuter:
        projection.push_back(from_join(right_keys[i]));
        break;
      case JoinType::kFullOuter: {
        SPK_ASSIGN_OR_RAISE(
            ExprPtr coalesced,
            CallFunction("coalesce", {from_join(left_keys[i]), from_join(right_keys[i])}));
        projection.push_back(MakeAlias(coalesced, left_keys[i].name));
        break;
      }
      default:
        projection.push_back(from_join(left_keys[i]));
        break;
    }
  }
  for (const auto& attribute : left->output) {
    if (!is_key(left_keys, attribute)) projection.push_back(from_join(attribute));
  }
  if (join.join_type != JoinType::kLeftSemi && join.join_type != JoinType::kLeftAnti) {
    for (const auto& attribute : right->output) {
      if (!is_key(right_keys, attribute)) projection.push_back(from_join(attribute));
    }
  }
  return MakeProject(join_plan, std::move(projection));
}

Result<PlanPtr> Resolver::ResolveSetOperation(const SetOperation& set_operation, PlanPtr left,
                                              PlanPtr right) {
  const char* operator_name = SetOperationName(set_operation.op);
  if (set_operation.by_name) {
    // unionByName: line the right side up with the left by name, optionally filling columns
    // missing on either side with NULLs.
    std::vector<ExprPtr> right_projection;
    std::vector<bool> right_used(right->output.size(), false);
    for (const auto& attribute : left->output) {
      const Attribute* match = nullptr;
      for (size_t i = 0; i < right->output.size(); ++i) {
        if (NamesMatch(right->output[i].name, attribute.name, context_.case_sensitive)) {
          match = &right->output[i];
          right_used[i] = true;
          break;
        }
      }
      if (match != nullptr) {
        right_projection.push_back(match->ToReference());
      } else if (set_operation.allow_missing_columns) {
        right_projection.push_back(MakeAlias(MakeNullLiteral(attribute.type), attribute.name));
      } else {
        std::string fields;
        for (size_t i = 0; i < right->output.size(); ++i) {
          if (i > 0) fields += ", ";
          fields += right->output[i].name;
        }
        return Status::Error("_LEGACY_ERROR_TEMP_1201",
                             {{"colName", attribute.name}, {"fieldNames", fields}});
      }
    }
    if (set_operation.allow_missing_columns) {
      std::vector<ExprPtr> left_projection = OutputReferences(*left);
      bool left_extended = false;
      for (size_t i = 0; i < right->output.size(); ++i) {
        if (right_used[i]) continue;
        const Attribute& extra = right->output[i];
        left_projection.push_back(MakeAlias(MakeNullLiteral(extra.type), extra.name));
        right_projection.push_back(extra.ToReference());
        left_extended = true;
      }
      if (left_extended) left = MakeProject(left, std::move(left_projection));
    } else if (right->output.size() != left->output.size()) {
      return Status::Error("NUM_COLUMNS_MISMATCH",
                           {{"operator", operator_name},
                            {"firstNumColumns", std::to_string(left->output.size())},
                            {"invalidOrdinalNum", "second"},
                            {"invalidNumColumns", std::to_string(right->output.size())}});
    }
    right = MakeProject(right, std::move(right_projection));
  }
  if (left->output.size() != right->output.size()) {
    return Status::Error("NUM_COLUMNS_MISMATCH",
                         {{"operator", operator_name},
                          {"firstNumColumns", std::to_string(left->output.size())},
                          {"invalidOrdinalNum", "second"},
                          {"invalidNumColumns", std::to_string(right->output.size())}});
  }
  // Widen each column to the common type of both sides.
  std::vector<ExprPtr> left_projection;
  std::vector<ExprPtr> right_projection;
  bool cast_left = false;
  bool cast_right = false;
  for (size_t i = 0; i < left->output.size(); ++i) {
    const Attribute& l = left->output[i];
    const Attribute& r = right->output[i];
    DataTypePtr type = l.type;
    if (!l.type->Equals(*r.type)) {
      auto common = FindWiderCommonType({l.type, r.type}, context_.ansi);
      if (!common.has_value()) {
        return Status::Error("INCOMPATIBLE_COLUMN_TYPE",
                             {{"operator", operator_name},
                              {"columnOrdinalNumber", OrdinalWord(i)},
                              {"tableOrdinalNumber", "second"},
                              {"dataType1", "\"" + r.type->Sql() + "\""},
                              {"dataType2", "\"" + l.type->Sql() + "\""},
                              {"hint", ""}});
      }
      type = *common;
    }
    auto widen = [&](const Attribute& attribute, bool& changed) {
      if (attribute.type->Equals(*type)) return attribute.ToReference();
      changed = true;
      return MakeAlias(ImplicitCast(attribute.ToReference(), type), attribute.name);
    };
    left_projection.push_back(widen(l, cast_left));
    right_projection.push_back(widen(r, cast_right));
  }
  if (cast_left) left = MakeProject(left, std::move(left_projection));
  if (cast_right) right = MakeProject(right, std::move(right_projection));

  auto resolved = std::make_shared<SetOperation>(set_operation);
  resolved->by_name = false;
  resolved->allow_missing_columns = false;
  resolved->children = {left, right};
  std::vector<Attribute> output = left->output;
  for (size_t i = 0; i < output.size(); ++i) {
    if (set_operation.op == SetOperationType::kUnion) {
      output[i].nullable = output[i].nullable || right->output[i].nullable;
    } else if (set_operation.op == SetOperationType::kIntersect) {
      output[i].nullable = output[i].nullable && right->output[i].nullable;
    }
  }
  return Finish(resolved, std::move(output));
}

}  // namespace sparkling
