// The shared machinery of function binding: the generic BoundScalarFunction, implicit casts
// and the DATATYPE_MISMATCH errors binders raise.

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/compute/initialize.h>

#include <mutex>

#include "function/function_definition.h"
#include "function/kernel_support.h"

namespace sparkling {
namespace {

class GenericScalarFunction final : public BoundScalarFunction {
 public:
  explicit GenericScalarFunction(ScalarFunctionSpec spec) : spec_(std::move(spec)) {}

  const std::string& name() const override { return spec_.name; }
  const DataTypePtr& result_type() const override { return spec_.result_type; }
  std::string ToSql(const std::vector<std::string>& argument_sql) const override {
    return spec_.sql(argument_sql);
  }
  bool deterministic() const override { return spec_.deterministic; }
  ConditionalKind conditional_kind() const override { return spec_.conditional_kind; }

  bool takes_lambdas() const override { return spec_.lambda_kernel != nullptr; }

  Result<arrow::Datum> EvaluateWithLambdas(const std::vector<arrow::Datum>& args, int64_t num_rows,
                                           const EvalOptions& options,
                                           const LambdaEvaluator& lambdas) const override {
    if (!spec_.lambda_kernel) return Evaluate(args, num_rows, options);
    std::vector<std::shared_ptr<arrow::Array>> arrays;
    arrays.reserve(args.size());
    for (const auto& arg : args) {
      if (arg.kind() == arrow::Datum::NONE) {
        arrays.push_back(nullptr);  // a Lambda position
        continue;
      }
      SPK_ASSIGN_OR_RAISE(auto array, DatumToArray(arg, num_rows));
      SPK_ASSIGN_OR_RAISE(array, NormalizeArray(array));
      arrays.push_back(std::move(array));
    }
    SPK_ASSIGN_OR_RAISE(auto result, spec_.lambda_kernel(arrays, num_rows, options, lambdas));
    return arrow::Datum(std::move(result));
  }

  Result<arrow::Datum> Evaluate(const std::vector<arrow::Datum>& args, int64_t num_rows,
                                const EvalOptions& options) const override {
    if (spec_.lambda_kernel) {
      return Status::Internal("higher-order function " + spec_.name +
                              " evaluated without a lambda evaluator");
    }
    if (spec_.datum_kernel) return spec_.datum_kernel(args, num_rows, options);
    bool any_array = spec_.per_row;
    for (const auto& arg : args) {
      if (arg.is_array() || arg.is_chunked_array()) any_array = true;
    }
    const int64_t length = any_array ? num_rows : 1;
    std::vector<std::shared_ptr<arrow::Array>> arrays;
    arrays.reserve(args.size());
    for (const auto& arg : args) {
      if (arg.is_array()) {
        SPK_ASSIGN_OR_RAISE(auto array, NormalizeArray(arg.make_array()));
        arrays.push_back(std::move(array));
      } else if (arg.is_scalar()) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto array, arrow::MakeArrayFromScalar(*arg.scalar(), length));
        SPK_ASSIGN_OR_RAISE(array, NormalizeArray(array));
        arrays.push_back(std::move(array));
      } else if (arg.is_chunked_array()) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto array, arrow::Concatenate(arg.chunked_array()->chunks()));
        arrays.push_back(std::move(array));
      } else {
        return Status::Internal("function " + spec_.name + " got an unsupported argument shape");
      }
    }
    SPK_ASSIGN_OR_RAISE(auto result, spec_.array_kernel(arrays, length, options));
    if (any_array) return arrow::Datum(std::move(result));
    SPK_ASSIGN_OR_RAISE_ARROW(auto scalar, result->GetScalar(0));
    return arrow::Datum(std::move(scalar));
  }

 private:
  ScalarFunctionSpec spec_;
};

}  // namespace

Result<arrow::Datum> BoundScalarFunction::EvaluateWithLambdas(const std::vector<arrow::Datum>& args,
                                                              int64_t num_rows,
                                                              const EvalOptions& options,
                                                              const LambdaEvaluator&) const {
  return Evaluate(args, num_rows, options);
}

bool CallBinding::any_nullable() const {
  for (const auto& arg : args) {
    if (arg->nullable) return true;
  }
  return false;
}

SqlRenderer CallSql(std::string display_name) {
  return [display_name](const std::vector<std::string>& args) {
    return display_name + "(" + JoinSql(args, ", ") + ")";
  };
}

SqlRenderer InfixSql(std::string op) {
  return [op](const std::vector<std::string>& args) {
    if (args.size() != 2) return "(" + JoinSql(args, " " + op + " ") + ")";
    return "(" + args[0] + " " + op + " " + args[1] + ")";
  };
}

SqlRenderer PrefixSql(std::string op) {
  return [op](const std::vector<std::string>& args) {
    return "(" + op + " " + (args.empty() ? std::string() : args[0]) + ")";
  };
}

std::string JoinSql(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::shared_ptr<const BoundScalarFunction> MakeScalarFunction(ScalarFunctionSpec spec) {
  return std::make_shared<GenericScalarFunction>(std::move(spec));
}

ExprPtr MakeScalarCall(ScalarFunctionSpec spec, std::vector<ExprPtr>&& args, bool nullable) {
  auto call = std::make_shared<ScalarFunctionCall>();
  call->type = spec.result_type;
  call->nullable = nullable;
  call->function = MakeScalarFunction(std::move(spec));
  call->children = std::move(args);
  return call;
}

ExprPtr ImplicitCast(const ExprPtr& expr, const DataTypePtr& to) {
  if (expr->type && expr->type->Equals(*to)) return expr;
  auto cast = std::make_shared<Cast>();
  cast->children = {expr};
  cast->target = to;
  cast->type = to;
  cast->mode = CastMode::kDefault;
  cast->user_specified = false;
  const DataType& from = *expr->type;
  // A string parsed into another type may be NULL in legacy mode; other implicit casts
  // (widenings) keep the input's nullability.
  cast->nullable =
      expr->nullable || from.id() == TypeId::kNull || (from.IsStringLike() && !to->IsStringLike());
  cast->origin = expr->origin;
  return cast;
}

std::string QuotedSql(const std::string& sql) { return "\"" + sql + "\""; }

std::string QuotedType(const DataType& type) { return "\"" + type.Sql() + "\""; }

std::string OrdinalName(size_t index) {
  static const char* const kNames[] = {"first", "second",  "third",  "fourth", "fifth",
                                       "sixth", "seventh", "eighth", "ninth",  "tenth"};
  if (index < 10) return kNames[index];
  return std::to_string(index + 1) + "th";
}

std::vector<std::string> ArgumentSql(const CallBinding& call) {
  std::vector<std::string> out;
  out.reserve(call.args.size());
  for (const auto& arg : call.args) out.push_back(arg->ToSql());
  return out;
}

Status UnexpectedInputType(const CallBinding& call, const std::string& call_sql, size_t index,
                           const std::string& required_type_sql) {
  return Status::Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                       {{"sqlExpr", QuotedSql(call_sql)},
                        {"paramIndex", OrdinalName(index)},
                        {"requiredType", required_type_sql},
                        {"inputSql", QuotedSql(call.args[index]->ToSql())},
                        {"inputType", QuotedType(call.arg_type(index))}});
}

namespace {
std::string RequiredTypeSql(const std::vector<ExpectedType>& accepted) {
  if (accepted.size() == 1) return QuotedSql(accepted[0].SqlName());
  std::string out = "(";
  for (size_t i = 0; i < accepted.size(); ++i) {
    if (i > 0) out += " or ";
    out += QuotedSql(accepted[i].SqlName());
  }
  return out + ")";
}
}  // namespace

Status CoerceArgument(CallBinding& call, size_t index, const std::vector<ExpectedType>& accepted,
                      const SqlRenderer& call_sql) {
  auto target = ImplicitCastTarget(call.arg_type(index), accepted, call.ansi());
  if (!target) {
    return UnexpectedInputType(call, call_sql(ArgumentSql(call)), index, RequiredTypeSql(accepted));
  }
  call.args[index] = ImplicitCast(call.args[index], *target);
  return Status::OK();
}

Status CoerceArguments(CallBinding& call, const std::vector<ExpectedType>& expected,
                       const SqlRenderer& call_sql) {
  for (size_t i = 0; i < call.args.size() && i < expected.size(); ++i) {
    SPK_RETURN_NOT_OK(CoerceArgument(call, i, {expected[i]}, call_sql));
  }
  return Status::OK();
}

Result<DataTypePtr> CoerceToCommonType(CallBinding& call, const std::vector<size_t>& indexes,
                                       const SqlRenderer& call_sql, bool string_promotion) {
  std::vector<DataTypePtr> types;
  for (size_t i : indexes) types.push_back(call.args[i]->type);
  auto common = string_promotion ? FindWiderCommonType(types, call.ansi())
                                 : FindWiderCommonTypeWithoutStringPromotion(types, call.ansi());
  if (!common) {
    std::string listed = "[";
    for (size_t i = 0; i < types.size(); ++i) {
      if (i > 0) listed += ", ";
      listed += QuotedType(*types[i]);
    }
    listed += "]";
    return Status::Error("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                         {{"sqlExpr", QuotedSql(call_sql(ArgumentSql(call)))},
                          {"functionName", "`" + call.name + "`"},
                          {"dataType", listed}});
  }
  for (size_t i : indexes) call.args[i] = ImplicitCast(call.args[i], *common);
  return *common;
}

}  // namespace sparkling

namespace sparkling {

Result<ArrayPtr> NormalizeArray(const ArrayPtr& array) {
  std::shared_ptr<arrow::DataType> target;
  switch (array->type_id()) {
    case arrow::Type::LARGE_STRING:
    case arrow::Type::STRING_VIEW:
      target = arrow::utf8();
      break;
    case arrow::Type::LARGE_BINARY:
    case arrow::Type::BINARY_VIEW:
      target = arrow::binary();
      break;
    case arrow::Type::DICTIONARY:
      target = static_cast<const arrow::DictionaryType&>(*array->type()).value_type();
      break;
    default:
      return array;
  }
  EnsureArrowCompute();
  SPK_ASSIGN_OR_RAISE_ARROW(auto cast, arrow::compute::Cast(*array, target));
  return NormalizeArray(cast);
}

Result<ArrayPtr> ConformArray(const ArrayPtr& array, const std::shared_ptr<arrow::DataType>& type) {
  if (array->type()->Equals(*type)) return array;
  SPK_ASSIGN_OR_RAISE(auto normalized, NormalizeArray(array));
  if (normalized->type()->Equals(*type)) return normalized;
  SPK_ASSIGN_OR_RAISE_ARROW(auto relabeled, normalized->View(type));
  return relabeled;
}

Result<ArrayPtr> DatumToArray(const arrow::Datum& datum, int64_t length) {
  if (datum.is_array()) return NormalizeArray(datum.make_array());
  if (datum.is_scalar()) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto array, arrow::MakeArrayFromScalar(*datum.scalar(), length));
    return NormalizeArray(array);
  }
  if (datum.is_chunked_array()) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto array, arrow::Concatenate(datum.chunked_array()->chunks()));
    return array;
  }
  return Status::Internal("unsupported datum shape");
}

}  // namespace sparkling

namespace sparkling {

void EnsureArrowCompute() {
  static std::once_flag once;
  std::call_once(once, [] { (void)arrow::compute::Initialize(); });
}

Result<ArrayPtr> SelectRows(const std::vector<int>& choice, const std::vector<ArrayPtr>& candidates,
                            const std::shared_ptr<arrow::DataType>& type, int64_t length) {
  EnsureArrowCompute();
  arrow::Int64Builder indices;
  SPK_RETURN_NOT_OK_ARROW(indices.Reserve(length));
  for (int64_t i = 0; i < length; ++i) {
    if (choice[i] < 0) {
      indices.UnsafeAppendNull();
    } else {
      indices.UnsafeAppend(static_cast<int64_t>(choice[i]) * length + i);
    }
  }
  std::shared_ptr<arrow::Array> index_array;
  SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
  // Candidates may differ from `type` only in metadata (a timestamp's zone, a list's field
  // name); re-label them so that they concatenate.
  std::vector<ArrayPtr> uniform;
  for (const auto& candidate : candidates) {
    SPK_ASSIGN_OR_RAISE(auto conformed, ConformArray(candidate, type));
    uniform.push_back(std::move(conformed));
  }
  std::shared_ptr<arrow::Array> values;
  if (uniform.empty()) {
    SPK_ASSIGN_OR_RAISE_ARROW(values, arrow::MakeArrayOfNull(type, 0));
  } else if (uniform.size() == 1) {
    values = uniform[0];
  } else {
    SPK_ASSIGN_OR_RAISE_ARROW(values, arrow::Concatenate(uniform));
  }
  if (values->length() == 0) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto nulls, arrow::MakeArrayOfNull(type, length));
    return nulls;
  }
  SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(values, index_array));
  return taken.make_array();
}

}  // namespace sparkling
