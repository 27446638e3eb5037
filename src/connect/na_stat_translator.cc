#include "connect/na_stat_translator.h"

#include <arrow/api.h>

#include "connect/literal_translator.h"
#include "connect/translation_errors.h"
#include "plan/identifier.h"
#include "spark/connect/relations.pb.h"

namespace sparkling::connect {

namespace proto = spark::connect;

namespace {

Result<Schema> InputSchema(const PlanPtr& input, const TranslationContext& context,
                           const char* what) {
  if (!context.resolve_schema) return UnsupportedConnectFeature(what);
  return context.resolve_schema(input);
}

ExprPtr Column(const std::string& name) { return MakeUnresolvedAttribute({name}); }

ExprPtr Call(const char* name, std::vector<ExprPtr> arguments) {
  return MakeUnresolvedFunction(name, std::move(arguments));
}

ExprPtr IntLiteral(int32_t value) {
  return MakeLiteral(std::make_shared<arrow::Int32Scalar>(value), DataType::Integer());
}

ExprPtr StringLiteral(const std::string& value) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(value), DataType::String());
}

ExprPtr CastTo(ExprPtr child, DataTypePtr type) {
  auto cast = std::make_shared<Cast>();
  cast->children.push_back(std::move(child));
  cast->target = std::move(type);
  return cast;
}

ExprPtr Named(ExprPtr child, const std::string& name) { return MakeAlias(std::move(child), name); }

// The columns the operation applies to: `names` (matched case-insensitively), or all.
Result<std::vector<const StructField*>> SelectFields(
    const Schema& schema, const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::vector<const StructField*> out;
  if (names.empty()) {
    for (const auto& field : schema) out.push_back(&field);
    return out;
  }
  for (const auto& name : names) {
    const StructField* match = nullptr;
    for (const auto& field : schema) {
      if (EqualsIgnoreCase(field.name, name)) match = &field;
    }
    if (match == nullptr) {
      return Status::Error("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
                           {{"objectName", QuoteIdentifier(name)}});
    }
    out.push_back(match);
  }
  return out;
}

bool Contains(const std::vector<const StructField*>& fields, const StructField& field) {
  for (const StructField* candidate : fields) {
    if (candidate == &field) return true;
  }
  return false;
}

// Spark fills or replaces only columns whose type fits the value's kind.
bool KindMatches(const DataType& column, const DataType& value) {
  if (value.id() == TypeId::kNull) return true;
  if (value.IsNumeric()) return column.IsNumeric();
  if (value.IsStringLike()) return column.IsStringLike();
  if (value.id() == TypeId::kBoolean) return column.id() == TypeId::kBoolean;
  return column.SameType(value);
}

// A Project over all columns, replacing the ones `rewrite` returns an expression for.
PlanPtr ProjectColumns(PlanPtr input, const Schema& schema,
                       const std::function<ExprPtr(const StructField&)>& rewrite) {
  auto project = std::make_shared<Project>();
  project->children.push_back(std::move(input));
  for (const auto& field : schema) {
    ExprPtr replaced = rewrite(field);
    project->expressions.push_back(replaced ? Named(CastTo(replaced, field.type), field.name)
                                            : Column(field.name));
  }
  return project;
}

bool IsFloating(const DataType& type) { return type.IsFractional(); }

Result<PlanPtr> Describe(PlanPtr input, const Schema& schema,
                         const std::vector<const StructField*>& columns,
                         const std::vector<std::string>& statistics) {
  std::vector<PlanPtr> rows;
  for (const std::string& statistic : statistics) {
    auto aggregate = std::make_shared<Aggregate>();
    aggregate->children.push_back(input);
    aggregate->aggregates.push_back(Named(StringLiteral(statistic), "summary"));
    for (const StructField* field : columns) {
      ExprPtr column = Column(field->name);
      ExprPtr value;
      bool numeric = field->type->IsNumeric();
      if (statistic == "count") {
        value = Call("count", {column});
      } else if (statistic == "mean") {
        value = numeric ? Call("avg", {column}) : MakeNullLiteral(DataType::Double());
      } else if (statistic == "stddev") {
        value = numeric ? Call("stddev_samp", {column}) : MakeNullLiteral(DataType::Double());
      } else if (statistic == "min") {
        value = Call("min", {column});
      } else if (statistic == "max") {
        value = Call("max", {column});
      } else if (statistic == "count_distinct") {
        auto distinct = std::make_shared<UnresolvedFunction>();
        distinct->name_parts = {"count"};
        distinct->is_distinct = true;
        distinct->children.push_back(column);
        value = distinct;
      } else {
        return UnsupportedConnectFeature("summary statistic " + statistic);
      }
      aggregate->aggregates.push_back(Named(CastTo(value, DataType::String()), field->name));
    }
    rows.push_back(aggregate);
  }
  PlanPtr result = rows.front();
  for (size_t i = 1; i < rows.size(); ++i) {
    auto union_all = std::make_shared<SetOperation>();
    union_all->op = SetOperationType::kUnion;
    union_all->is_all = true;
    union_all->children = {result, rows[i]};
    result = union_all;
  }
  return result;
}

std::vector<const StructField*> NumericAndStringFields(const Schema& schema) {
  std::vector<const StructField*> out;
  for (const auto& field : schema) {
    if (field.type->IsNumeric() || field.type->IsStringLike()) out.push_back(&field);
  }
  return out;
}

}  // namespace

Result<PlanPtr> TranslateNaFill(const proto::NAFill& fill, PlanPtr input,
                                const TranslationContext& context) {
  if (fill.values_size() == 0) return InvalidPlanInput("values must contains at least 1 item!");
  if (fill.values_size() > 1 && fill.values_size() != fill.cols_size()) {
    return InvalidPlanInput(
        "When values contains more than 1 items, values and cols should "
        "have the same length!");
  }
  SPK_ASSIGN_OR_RAISE(Schema schema, InputSchema(input, context, "na.fill"));
  SPK_ASSIGN_OR_RAISE(auto fields, SelectFields(schema, fill.cols()));
  std::vector<TranslatedLiteral> values;
  for (const auto& value : fill.values()) {
    SPK_ASSIGN_OR_RAISE(auto literal, TranslateLiteral(value));
    values.push_back(std::move(literal));
  }
  return ProjectColumns(std::move(input), schema, [&](const StructField& field) -> ExprPtr {
    // One value: every selected column of a fitting type. Several: column i gets value i.
    const TranslatedLiteral* value = nullptr;
    if (values.size() == 1) {
      if (Contains(fields, field) && KindMatches(*field.type, *values[0].type)) value = &values[0];
    } else {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == &field) value = &values[i];
      }
    }
    if (value == nullptr) return nullptr;
    ExprPtr replacement = CastTo(MakeLiteral(value->value, value->type), field.type);
    ExprPtr column = Column(field.name);
    if (IsFloating(*field.type)) column = Call("nanvl", {column, replacement});
    return Call("coalesce", {column, replacement});
  });
}

Result<PlanPtr> TranslateNaDrop(const proto::NADrop& drop, PlanPtr input,
                                const TranslationContext& context) {
  SPK_ASSIGN_OR_RAISE(Schema schema, InputSchema(input, context, "na.drop"));
  SPK_ASSIGN_OR_RAISE(auto fields, SelectFields(schema, drop.cols()));
  int32_t min_non_nulls =
      drop.has_min_non_nulls() ? drop.min_non_nulls() : static_cast<int32_t>(fields.size());
  ExprPtr count;
  for (const StructField* field : fields) {
    ExprPtr present = Call("isnotnull", {Column(field->name)});
    if (IsFloating(*field->type)) {
      present = Call("and", {present, Call("not", {Call("isnan", {Column(field->name)})})});
    }
    ExprPtr one = Call("if", {present, IntLiteral(1), IntLiteral(0)});
    count = count ? Call("+", {count, one}) : one;
  }
  auto filter = std::make_shared<Filter>();
  filter->children.push_back(std::move(input));
  filter->condition = count
                          ? Call(">=", {count, IntLiteral(min_non_nulls)})
                          : MakeLiteral(std::make_shared<arrow::BooleanScalar>(min_non_nulls <= 0),
                                        DataType::Boolean());
  return filter;
}

Result<PlanPtr> TranslateNaReplace(const proto::NAReplace& replace, PlanPtr input,
                                   const TranslationContext& context) {
  SPK_ASSIGN_OR_RAISE(Schema schema, InputSchema(input, context, "na.replace"));
  SPK_ASSIGN_OR_RAISE(auto fields, SelectFields(schema, replace.cols()));
  if (replace.replacements_size() == 0) return PlanPtr(std::move(input));
  std::vector<std::pair<TranslatedLiteral, TranslatedLiteral>> replacements;
  for (const auto& replacement : replace.replacements()) {
    SPK_ASSIGN_OR_RAISE(auto old_value, TranslateLiteral(replacement.old_value()));
    SPK_ASSIGN_OR_RAISE(auto new_value, TranslateLiteral(replacement.new_value()));
    replacements.emplace_back(std::move(old_value), std::move(new_value));
  }
  return ProjectColumns(std::move(input), schema, [&](const StructField& field) -> ExprPtr {
    if (!Contains(fields, field)) return nullptr;
    std::vector<ExprPtr> branches;
    for (const auto& [old_value, new_value] : replacements) {
      if (!KindMatches(*field.type, *old_value.type)) continue;
      ExprPtr condition =
          old_value.value->is_valid
              ? Call("==", {Column(field.name), MakeLiteral(old_value.value, old_value.type)})
              : Call("isnull", {Column(field.name)});
      branches.push_back(std::move(condition));
      branches.push_back(CastTo(MakeLiteral(new_value.value, new_value.type), field.type));
    }
    if (branches.empty()) return nullptr;
    branches.push_back(Column(field.name));
    return Call("when", std::move(branches));
  });
}

Result<PlanPtr> TranslateDescribe(const proto::StatDescribe& describe, PlanPtr input,
                                  const TranslationContext& context) {
  SPK_ASSIGN_OR_RAISE(Schema schema, InputSchema(input, context, "describe"));
  std::vector<const StructField*> fields;
  if (describe.cols_size() > 0) {
    SPK_ASSIGN_OR_RAISE(fields, SelectFields(schema, describe.cols()));
  } else {
    fields = NumericAndStringFields(schema);
  }
  return Describe(std::move(input), schema, fields, {"count", "mean", "stddev", "min", "max"});
}

Result<PlanPtr> TranslateSummary(const proto::StatSummary& summary, PlanPtr input,
                                 const TranslationContext& context) {
  SPK_ASSIGN_OR_RAISE(Schema schema, InputSchema(input, context, "summary"));
  std::vector<std::string> statistics(summary.statistics().begin(), summary.statistics().end());
  if (statistics.empty()) {
    statistics = {"count", "mean", "stddev", "min", "25%", "50%", "75%", "max"};
  }
  return Describe(std::move(input), schema, NumericAndStringFields(schema), statistics);
}

}  // namespace sparkling::connect
