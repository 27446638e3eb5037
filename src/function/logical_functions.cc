// Boolean connectives with Kleene (three-valued) semantics: and, or, not.

#include "function/function_definition.h"
#include "function/kernel_support.h"

namespace sparkling {
namespace {

// Both operands must be boolean; a NULL literal or a string is cast like Spark does.
Status CoerceBooleanOperands(CallBinding& call, const SqlRenderer& sql) {
  for (auto& arg : call.args) {
    if (arg->type->id() == TypeId::kNull) arg = ImplicitCast(arg, DataType::Boolean());
  }
  const DataType& l = call.arg_type(0);
  const DataType& r = call.arg_type(1);
  if (!l.SameType(r)) {
    bool string_boolean = (l.IsStringLike() && r.id() == TypeId::kBoolean) ||
                          (r.IsStringLike() && l.id() == TypeId::kBoolean);
    if (!string_boolean) {
      return Status::Error("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                           {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                            {"left", QuotedType(l)},
                            {"right", QuotedType(r)}});
    }
    for (auto& arg : call.args) arg = ImplicitCast(arg, DataType::Boolean());
  }
  if (call.arg_type(0).id() != TypeId::kBoolean) {
    return Status::Error("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"inputType", "\"BOOLEAN\""},
                          {"actualDataType", QuotedType(call.arg_type(0))}});
  }
  return Status::OK();
}

Result<ExprPtr> BindConnective(CallBinding& call, bool is_and) {
  SqlRenderer sql = InfixSql(is_and ? "AND" : "OR");
  SPK_RETURN_NOT_OK(CoerceBooleanOperands(call, sql));
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.conditional_kind = is_and ? ConditionalKind::kAnd : ConditionalKind::kOr;
  spec.array_kernel = [is_and](const std::vector<ArrayPtr>& args, int64_t length,
                               const EvalOptions&) -> Result<ArrayPtr> {
    const auto& a = static_cast<const arrow::BooleanArray&>(*args[0]);
    const auto& b = static_cast<const arrow::BooleanArray&>(*args[1]);
    arrow::BooleanBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(length));
    // The dominant value (false for AND, true for OR) wins over NULL.
    const bool dominant = !is_and;
    for (int64_t i = 0; i < length; ++i) {
      bool an = a.IsNull(i), bn = b.IsNull(i);
      if ((!an && a.Value(i) == dominant) || (!bn && b.Value(i) == dominant)) {
        builder.UnsafeAppend(dominant);
      } else if (an || bn) {
        builder.UnsafeAppendNull();
      } else {
        builder.UnsafeAppend(!dominant);
      }
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

Result<ExprPtr> BindAnd(CallBinding& call) { return BindConnective(call, true); }
Result<ExprPtr> BindOr(CallBinding& call) { return BindConnective(call, false); }

Result<ExprPtr> BindNot(CallBinding& call) {
  SqlRenderer sql = PrefixSql("NOT");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Exact(DataType::Boolean())}, sql));
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    return MapUnary<arrow::BooleanType, arrow::BooleanType>(
        args[0], arrow::boolean(),
        [](arrow::BooleanBuilder& out, bool v) { return AppendValue(out, !v); });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

}  // namespace

const std::vector<FunctionDefinition>& LogicalFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"and", 2, 2, false, &BindAnd, "And", "expr1 and expr2 - Logical AND."},
      {"or", 2, 2, false, &BindOr, "Or", "expr1 or expr2 - Logical OR."},
      {"not", 1, 1, false, &BindNot, "Not", "not expr - Logical not."},
      {"!", 1, 1, false, &BindNot, "Not", "! expr - Logical not."},
  };
  return kFunctions;
}

}  // namespace sparkling
