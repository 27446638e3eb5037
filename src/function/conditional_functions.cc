// Conditional expressions: CASE WHEN, if, coalesce/nvl/ifnull, nvl2, nullif, nanvl. The lazy
// ones report a ConditionalKind so the executor evaluates branches only where needed; their
// Evaluate works on eagerly evaluated arguments too.

#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/value_ordering.h"

namespace sparkling {
namespace {

bool IsTrue(const arrow::Array& condition, int64_t i) {
  return condition.IsValid(i) && static_cast<const arrow::BooleanArray&>(condition).Value(i);
}

// IF accepts a NULL-typed condition (Spark's IfCoercion casts it); CASE WHEN does not.
Status RequireBooleanCondition(CallBinding& call, size_t index, const SqlRenderer& sql,
                               bool allow_null_type) {
  if (allow_null_type && call.arg_type(index).id() == TypeId::kNull) {
    call.args[index] = ImplicitCast(call.args[index], DataType::Boolean());
  }
  if (call.arg_type(index).id() != TypeId::kBoolean) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), index, "\"BOOLEAN\"");
  }
  return Status::OK();
}

// args: [c1, v1, c2, v2, ..., else?]
Result<ExprPtr> BindCaseWhen(CallBinding& call) {
  SqlRenderer sql = [](const std::vector<std::string>& args) {
    std::string out = "CASE";
    size_t pairs = args.size() / 2;
    for (size_t k = 0; k < pairs; ++k) {
      out += " WHEN " + args[2 * k] + " THEN " + args[2 * k + 1];
    }
    if (args.size() % 2 == 1) out += " ELSE " + args.back();
    return out + " END";
  };
  const size_t pairs = call.args.size() / 2;
  const bool has_else = call.args.size() % 2 == 1;
  for (size_t k = 0; k < pairs; ++k)
    SPK_RETURN_NOT_OK(RequireBooleanCondition(call, 2 * k, sql, false));
  std::vector<size_t> values;
  for (size_t k = 0; k < pairs; ++k) values.push_back(2 * k + 1);
  if (has_else) values.push_back(call.args.size() - 1);
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, CoerceToCommonType(call, values, sql));
  bool nullable = !has_else;
  for (size_t v : values) nullable = nullable || call.args[v]->nullable;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.conditional_kind = ConditionalKind::kCaseWhen;
  spec.array_kernel = [pairs, has_else, type](const std::vector<ArrayPtr>& args, int64_t length,
                                              const EvalOptions&) -> Result<ArrayPtr> {
    std::vector<int> choice(length, -1);
    std::vector<ArrayPtr> candidates;
    for (size_t k = 0; k < pairs; ++k) candidates.push_back(args[2 * k + 1]);
    if (has_else) candidates.push_back(args.back());
    for (int64_t i = 0; i < length; ++i) {
      for (size_t k = 0; k < pairs; ++k) {
        if (IsTrue(*args[2 * k], i)) {
          choice[i] = static_cast<int>(k);
          break;
        }
      }
      if (choice[i] < 0 && has_else) choice[i] = static_cast<int>(pairs);
    }
    return SelectRows(choice, candidates, KernelArrowType(*type), length);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

Result<ExprPtr> BindIf(CallBinding& call) {
  SqlRenderer sql = [](const std::vector<std::string>& args) {
    return "(IF(" + JoinSql(args, ", ") + "))";
  };
  SPK_RETURN_NOT_OK(RequireBooleanCondition(call, 0, sql, true));
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, CoerceToCommonType(call, {1, 2}, sql));
  bool nullable = call.args[1]->nullable || call.args[2]->nullable;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.conditional_kind = ConditionalKind::kIf;
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    std::vector<int> choice(length);
    for (int64_t i = 0; i < length; ++i) choice[i] = IsTrue(*args[0], i) ? 0 : 1;
    return SelectRows(choice, {args[1], args[2]}, KernelArrowType(*type), length);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

ArrayKernel CoalesceKernel(DataTypePtr type) {
  return [type](const std::vector<ArrayPtr>& args, int64_t length,
                const EvalOptions&) -> Result<ArrayPtr> {
    std::vector<int> choice(length, -1);
    for (int64_t i = 0; i < length; ++i) {
      for (size_t k = 0; k < args.size(); ++k) {
        if (args[k]->IsValid(i)) {
          choice[i] = static_cast<int>(k);
          break;
        }
      }
    }
    return SelectRows(choice, args, KernelArrowType(*type), length);
  };
}

Result<ExprPtr> BindCoalesce(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  std::vector<size_t> all;
  for (size_t i = 0; i < call.args.size(); ++i) all.push_back(i);
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, CoerceToCommonType(call, all, sql));
  bool nullable = true;
  for (const auto& arg : call.args) nullable = nullable && arg->nullable;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.conditional_kind = ConditionalKind::kCoalesce;
  spec.array_kernel = CoalesceKernel(type);
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// nvl2(a, b, c): b when a is not NULL, else c.
Result<ExprPtr> BindNvl2(CallBinding& call) {
  SqlRenderer sql = CallSql("nvl2");
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, CoerceToCommonType(call, {1, 2}, sql));
  bool nullable = call.args[1]->nullable || call.args[2]->nullable;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    std::vector<int> choice(length);
    for (int64_t i = 0; i < length; ++i) choice[i] = args[0]->IsValid(i) ? 0 : 1;
    return SelectRows(choice, {args[1], args[2]}, KernelArrowType(*type), length);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// nullif(a, b): NULL when a = b, else a.
Result<ExprPtr> BindNullIf(CallBinding& call) {
  SqlRenderer sql = CallSql("nullif");
  auto common = FindBinaryComparisonType(call.arg_type(0), call.arg_type(1), call.ansi());
  if (!common) {
    return Status::Error("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"left", QuotedType(call.arg_type(0))},
                          {"right", QuotedType(call.arg_type(1))}});
  }
  DataTypePtr result_type = call.args[0]->type;
  // The comparison runs on the common type; the result keeps the first argument's type.
  auto left_compared = ImplicitCast(call.args[0], *common);
  auto right_compared = ImplicitCast(call.args[1], *common);
  ScalarFunctionSpec spec{call.name, result_type, sql};
  spec.array_kernel = [result_type](const std::vector<ArrayPtr>& args, int64_t length,
                                    const EvalOptions&) -> Result<ArrayPtr> {
    // args: [a, a as common type, b as common type]
    std::vector<int> choice(length);
    for (int64_t i = 0; i < length; ++i) {
      bool equal = args[1]->IsValid(i) && args[2]->IsValid(i) &&
                   CompareValues(*args[1], i, *args[2], i) == 0;
      choice[i] = equal ? -1 : 0;
    }
    return SelectRows(choice, {args[0]}, KernelArrowType(*result_type), length);
  };
  // The rendered SQL must show the user's two arguments only.
  spec.sql = [](const std::vector<std::string>& args) {
    return "nullif(" + args[0] + ", " + args[args.size() - 1] + ")";
  };
  std::vector<ExprPtr> args = {call.args[0], left_compared, right_compared};
  return MakeScalarCall(std::move(spec), std::move(args), true);
}

Result<ExprPtr> BindNanvl(CallBinding& call) {
  SqlRenderer sql = CallSql("nanvl");
  std::vector<ExpectedType> fractional = {ExpectedType::Exact(DataType::Double()),
                                          ExpectedType::Exact(DataType::Float())};
  SPK_RETURN_NOT_OK(CoerceArgument(call, 0, fractional, sql));
  SPK_RETURN_NOT_OK(CoerceArgument(call, 1, fractional, sql));
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, CoerceToCommonType(call, {0, 1}, sql));
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    std::vector<int> choice(length);
    for (int64_t i = 0; i < length; ++i) {
      bool nan = false;
      if (args[0]->IsValid(i)) {
        nan = args[0]->type_id() == arrow::Type::FLOAT
                  ? std::isnan(static_cast<const arrow::FloatArray&>(*args[0]).Value(i))
                  : std::isnan(static_cast<const arrow::DoubleArray&>(*args[0]).Value(i));
      }
      choice[i] = args[0]->IsNull(i) ? -1 : (nan ? 1 : 0);
    }
    return SelectRows(choice, {args[0], args[1]}, KernelArrowType(*type), length);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

}  // namespace

const std::vector<FunctionDefinition>& ConditionalFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"when", 2, -1, false, &BindCaseWhen, "CaseWhen",
       "CASE WHEN expr1 THEN expr2 [WHEN expr3 THEN expr4]* [ELSE expr5] END"},
      {"case", 2, -1, false, &BindCaseWhen, "CaseWhen",
       "CASE WHEN expr1 THEN expr2 [WHEN expr3 THEN expr4]* [ELSE expr5] END"},
      {"if", 3, 3, false, &BindIf, "If",
       "if(expr1, expr2, expr3) - If `expr1` evaluates to true, then returns `expr2`; otherwise "
       "returns `expr3`."},
      {"iff", 3, 3, false, &BindIf, "If", "iff(expr1, expr2, expr3) - Same as if."},
      {"coalesce", 1, -1, false, &BindCoalesce, "Coalesce",
       "coalesce(expr1, expr2, ...) - Returns the first non-null argument if exists."},
      {"nvl", 2, 2, false, &BindCoalesce, "Nvl",
       "nvl(expr1, expr2) - Returns `expr2` if `expr1` is null, or `expr1` otherwise."},
      {"ifnull", 2, 2, false, &BindCoalesce, "IfNull",
       "ifnull(expr1, expr2) - Returns `expr2` if `expr1` is null, or `expr1` otherwise."},
      {"nvl2", 3, 3, false, &BindNvl2, "Nvl2",
       "nvl2(expr1, expr2, expr3) - Returns `expr2` if `expr1` is not null, or `expr3`."},
      {"nullif", 2, 2, false, &BindNullIf, "NullIf",
       "nullif(expr1, expr2) - Returns null if `expr1` equals to `expr2`, or `expr1` otherwise."},
      {"nanvl", 2, 2, false, &BindNanvl, "NaNvl",
       "nanvl(expr1, expr2) - Returns `expr1` if it's not NaN, or `expr2` otherwise."},
  };
  return kFunctions;
}

}  // namespace sparkling
