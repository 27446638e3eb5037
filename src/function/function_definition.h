#pragma once

// Internal to src/function: how a registered function binds a call, and the building blocks
// binders share (implicit casts, type errors, the generic scalar/aggregate call nodes).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "function/function_registry.h"
#include "plan/bound_function.h"
#include "plan/expression.h"
#include "types/type_coercion.h"

namespace sparkling {

/// One call being resolved.
struct CallBinding {
  std::string name;           // lower case, as the call spelled it ("ucase", "+")
  std::vector<ExprPtr> args;  // resolved arguments; binders replace them with casts
  const ResolveOptions* options = nullptr;

  bool ansi() const { return options->ansi; }
  const DataType& arg_type(size_t i) const { return *args[i]->type; }
  bool any_nullable() const;
  bool all_non_nullable() const { return !any_nullable(); }
};

using Binder = Result<ExprPtr> (*)(CallBinding& call);

/// One row of the function table.
struct FunctionDefinition {
  const char* name;
  int min_args;
  int max_args;  // -1: variadic
  bool is_aggregate;
  Binder bind;
  const char* class_name;  // Spark's expression class (short form, package prefix implied)
  const char* usage;
};

/// Renders a call's SQL from its rendered arguments.
using SqlRenderer = std::function<std::string(const std::vector<std::string>&)>;
SqlRenderer CallSql(std::string display_name);  // name(a, b)
SqlRenderer InfixSql(std::string op);           // (a op b)
SqlRenderer PrefixSql(std::string op);          // (op a)
std::string JoinSql(const std::vector<std::string>& parts, const std::string& separator);

/// Kernel over Datums (Arrays of num_rows values or Scalars), as BoundScalarFunction::Evaluate.
using DatumKernel = std::function<Result<arrow::Datum>(const std::vector<arrow::Datum>&, int64_t,
                                                       const EvalOptions&)>;
/// Kernel over Arrays only: the generic function broadcasts scalar arguments first, and when
/// every argument is a scalar it runs the kernel on one row and returns a Scalar.
using ArrayKernel = std::function<Result<std::shared_ptr<arrow::Array>>(
    const std::vector<std::shared_ptr<arrow::Array>>&, int64_t, const EvalOptions&)>;

/// Kernel of a higher-order function: like ArrayKernel, with nullptr at the Lambda argument
/// positions and `lambdas` to evaluate their bodies. Always runs on all `length` rows.
using LambdaKernel = std::function<Result<std::shared_ptr<arrow::Array>>(
    const std::vector<std::shared_ptr<arrow::Array>>&, int64_t, const EvalOptions&,
    const LambdaEvaluator&)>;

struct ScalarFunctionSpec {
  std::string name;
  DataTypePtr result_type;
  SqlRenderer sql;
  DatumKernel datum_kernel;  // one of the three kernels is set
  ArrayKernel array_kernel;
  LambdaKernel lambda_kernel;
  ConditionalKind conditional_kind = ConditionalKind::kNone;
  bool deterministic = true;
  /// A function without arguments whose value differs per row (rand()): never a Scalar.
  bool per_row = false;
};

std::shared_ptr<const BoundScalarFunction> MakeScalarFunction(ScalarFunctionSpec spec);

/// A resolved ScalarFunctionCall node. `args` is taken by rvalue reference so that callers may
/// compute `nullable` from the same vector in the same call.
ExprPtr MakeScalarCall(ScalarFunctionSpec spec, std::vector<ExprPtr>&& args, bool nullable);

/// Wraps `expr` in an implicit cast (user_specified = false) unless it already has type `to`.
ExprPtr ImplicitCast(const ExprPtr& expr, const DataTypePtr& to);

/// `"sql"` quoting used in DATATYPE_MISMATCH parameters (Spark's toSQLExpr / toSQLType).
std::string QuotedSql(const std::string& sql);
std::string QuotedType(const DataType& type);
std::string OrdinalName(size_t index);  // 0 → "first", 1 → "second" ...

/// DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for argument `index`.
Status UnexpectedInputType(const CallBinding& call, const std::string& call_sql, size_t index,
                           const std::string& required_type_sql);

/// Casts argument i to fit expected[i] (Spark's ImplicitCastInputTypes); raises
/// UNEXPECTED_INPUT_TYPE when no implicit cast exists. `call_sql` renders the call for errors.
Status CoerceArguments(CallBinding& call, const std::vector<ExpectedType>& expected,
                       const SqlRenderer& call_sql);
Status CoerceArgument(CallBinding& call, size_t index, const std::vector<ExpectedType>& accepted,
                      const SqlRenderer& call_sql);

/// Casts all (or the given) arguments to their wider common type; DATATYPE_MISMATCH.
/// DATA_DIFF_TYPES when there is none. Returns the common type.
Result<DataTypePtr> CoerceToCommonType(CallBinding& call, const std::vector<size_t>& indexes,
                                       const SqlRenderer& call_sql, bool string_promotion = true);

/// The rendered SQL of the call's current arguments.
std::vector<std::string> ArgumentSql(const CallBinding& call);

/// The Lambda at argument `index`, or DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE when the argument
/// is not a lambda function (higher_order_functions.cc).
Result<const Lambda*> LambdaArgument(const CallBinding& call, size_t index,
                                     const SqlRenderer& call_sql);

/// concat(...) over arrays (collection_functions.cc); string concat delegates to it.
Result<ExprPtr> BindArrayConcat(CallBinding& call);

// Family tables: each family file defines its rows; the registry concatenates them once.
const std::vector<FunctionDefinition>& ArithmeticFunctions();
const std::vector<FunctionDefinition>& ComparisonFunctions();
const std::vector<FunctionDefinition>& LogicalFunctions();
const std::vector<FunctionDefinition>& ConditionalFunctions();
const std::vector<FunctionDefinition>& MathFunctions();
const std::vector<FunctionDefinition>& StringFunctions();
const std::vector<FunctionDefinition>& DatetimeFunctions();
const std::vector<FunctionDefinition>& CollectionFunctions();
const std::vector<FunctionDefinition>& HigherOrderFunctions();
const std::vector<FunctionDefinition>& HashFunctions();
const std::vector<FunctionDefinition>& EncodingFunctions();
const std::vector<FunctionDefinition>& FormatFunctions();
const std::vector<FunctionDefinition>& CastFunctions();
const std::vector<FunctionDefinition>& AggregateFunctions();
const std::vector<FunctionDefinition>& MetadataFunctions();

}  // namespace sparkling
