#pragma once

// Test helpers for function-layer unit tests: build resolved argument expressions, resolve
// calls through the registry, and evaluate resolved expression trees over small batches.

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include <map>
#include <string>
#include <vector>

#include "function/cast.h"
#include "function/decimal_arithmetic.h"
#include "function/function_registry.h"
#include "plan/bound_function.h"
#include "plan/expression.h"

namespace sparkling::testing {

/// A batch of named columns the test evaluator reads AttributeReferences from.
struct TestBatch {
  std::map<std::string, std::shared_ptr<arrow::Array>> columns;
  int64_t num_rows = 1;
  std::map<ExprId, arrow::Datum> variables;  // lambda variables in scope, by id
};

/// A lambda variable `name` of the given type, for building lambda bodies.
inline std::shared_ptr<const LambdaVariable> Variable(const std::string& name, DataTypePtr type,
                                                      bool nullable = true) {
  auto variable = std::make_shared<LambdaVariable>();
  variable->name = name;
  variable->type = std::move(type);
  variable->nullable = nullable;
  return variable;
}

/// A resolved lambda `(variables...) -> body`.
inline ExprPtr MakeLambdaExpr(ExprPtr body,
                              std::vector<std::shared_ptr<const LambdaVariable>> variables) {
  auto lambda = std::make_shared<Lambda>();
  lambda->type = body->type;
  lambda->nullable = body->nullable;
  lambda->arguments = std::move(variables);
  lambda->children = {std::move(body)};
  return lambda;
}

inline ExprPtr Column(const std::string& name, DataTypePtr type, bool nullable = true) {
  return MakeAttributeReference(name, NewExprId(), std::move(type), nullable);
}

inline ExprPtr IntLiteral(int32_t value) {
  return MakeLiteral(std::make_shared<arrow::Int32Scalar>(value), DataType::Integer());
}
inline ExprPtr LongLiteral(int64_t value) {
  return MakeLiteral(std::make_shared<arrow::Int64Scalar>(value), DataType::Long());
}
inline ExprPtr DoubleLiteral(double value) {
  return MakeLiteral(std::make_shared<arrow::DoubleScalar>(value), DataType::Double());
}
inline ExprPtr StringLiteral(const std::string& value) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(value), DataType::String());
}
inline ExprPtr BoolLiteral(bool value) {
  return MakeLiteral(std::make_shared<arrow::BooleanScalar>(value), DataType::Boolean());
}
inline ExprPtr DecimalLiteral(const std::string& text, int precision, int scale);

inline Result<ExprPtr> Call(const std::string& name, std::vector<ExprPtr> args, bool ansi = true,
                            bool is_distinct = false);

/// Evaluates a resolved expression (literals, attributes, scalar calls, casts) eagerly.
inline Result<arrow::Datum> Evaluate(const ExprPtr& expr, const TestBatch& batch,
                                     const EvalOptions& options = {});

/// Resolves name(args) and evaluates it on `batch`; returns the rows as strings via CAST to
/// STRING ("NULL" for nulls).
inline Result<std::vector<std::string>> EvaluateToStrings(const std::string& name,
                                                          std::vector<ExprPtr> args,
                                                          const TestBatch& batch = {},
                                                          bool ansi = true,
                                                          const EvalOptions& options = {});

inline std::shared_ptr<arrow::Array> Int32Array(const std::vector<std::optional<int32_t>>& values);
inline std::shared_ptr<arrow::Array> Int64Array(const std::vector<std::optional<int64_t>>& values);
inline std::shared_ptr<arrow::Array> DoubleArray(const std::vector<std::optional<double>>& values);
inline std::shared_ptr<arrow::Array> StringArray(
    const std::vector<std::optional<std::string>>& values);
inline std::shared_ptr<arrow::Array> BoolArray(const std::vector<std::optional<bool>>& values);

inline ExprPtr DecimalLiteral(const std::string& text, int precision, int scale) {
  Int128 value = 0;
  bool overflow = false;
  ParseDecimal(text, precision, scale, &value, &overflow);
  return MakeLiteral(std::make_shared<arrow::Decimal128Scalar>(FromInt128(value),
                                                               arrow::decimal128(precision, scale)),
                     DataType::Decimal(precision, scale));
}

inline Result<ExprPtr> Call(const std::string& name, std::vector<ExprPtr> args, bool ansi,
                            bool is_distinct) {
  ResolveOptions options;
  options.ansi = ansi;
  options.is_distinct = is_distinct;
  return FunctionRegistry::Global().Resolve(name, std::move(args), options);
}

/// What the executor does for lambda bodies: element rows see the outer columns (and outer
/// lambda variables) taken at their outer row, plus the lambda's own variables.
class TestLambdaEvaluator final : public LambdaEvaluator {
 public:
  TestLambdaEvaluator(const Expression& call, const TestBatch& batch, const EvalOptions& options)
      : call_(call), batch_(batch), options_(options) {}

  Result<arrow::Datum> Evaluate(size_t argument_index,
                                const std::vector<arrow::Datum>& variable_values,
                                const std::vector<int64_t>& outer_rows) const override {
    const auto& lambda = call_.children.at(argument_index)->As<Lambda>();
    TestBatch inner;
    inner.num_rows = static_cast<int64_t>(outer_rows.size());
    arrow::Int64Builder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(outer_rows));
    std::shared_ptr<arrow::Array> indices;
    SPK_RETURN_NOT_OK_ARROW(builder.Finish(&indices));
    for (const auto& [name, column] : batch_.columns) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(column, indices));
      inner.columns[name] = taken.make_array();
    }
    for (const auto& [id, value] : batch_.variables) {
      if (value.is_scalar()) {
        inner.variables[id] = value;
      } else {
        SPK_ASSIGN_OR_RAISE_ARROW(inner.variables[id], arrow::compute::Take(value, indices));
      }
    }
    for (size_t v = 0; v < lambda.arguments.size(); ++v) {
      inner.variables[lambda.arguments[v]->id] = variable_values.at(v);
    }
    return testing::Evaluate(lambda.children[0], inner, options_);
  }

 private:
  const Expression& call_;
  const TestBatch& batch_;
  const EvalOptions& options_;
};

inline Result<arrow::Datum> Evaluate(const ExprPtr& expr, const TestBatch& batch,
                                     const EvalOptions& options) {
  switch (expr->kind) {
    case ExprKind::kLambdaVariable: {
      auto it = batch.variables.find(expr->As<LambdaVariable>().id);
      if (it == batch.variables.end()) return Status::Internal("lambda variable not in scope");
      return it->second;
    }
    case ExprKind::kLiteral:
      return arrow::Datum(expr->As<Literal>().value);
    case ExprKind::kAttributeReference: {
      auto it = batch.columns.find(expr->As<AttributeReference>().name);
      if (it == batch.columns.end()) return Status::Internal("no column in test batch");
      return arrow::Datum(it->second);
    }
    case ExprKind::kCast: {
      const auto& cast = expr->As<Cast>();
      SPK_ASSIGN_OR_RAISE(auto child, Evaluate(cast.children[0], batch, options));
      return CastDatum(child, *cast.children[0]->type, *cast.target, cast.mode, options);
    }
    case ExprKind::kScalarFunction: {
      const auto& call = expr->As<ScalarFunctionCall>();
      std::vector<arrow::Datum> args;
      for (const auto& child : call.children) {
        if (child->kind == ExprKind::kLambda) {
          args.emplace_back();
          continue;
        }
        SPK_ASSIGN_OR_RAISE(auto value, Evaluate(child, batch, options));
        args.push_back(std::move(value));
      }
      if (call.function->takes_lambdas()) {
        TestLambdaEvaluator lambdas(call, batch, options);
        return call.function->EvaluateWithLambdas(args, batch.num_rows, options, lambdas);
      }
      return call.function->Evaluate(args, batch.num_rows, options);
    }
    default:
      return Status::Internal("test evaluator: unsupported expression");
  }
}

inline Result<std::vector<std::string>> EvaluateToStrings(const std::string& name,
                                                          std::vector<ExprPtr> args,
                                                          const TestBatch& batch, bool ansi,
                                                          const EvalOptions& options) {
  SPK_ASSIGN_OR_RAISE(auto expr, Call(name, std::move(args), ansi));
  SPK_ASSIGN_OR_RAISE(auto value, Evaluate(expr, batch, options));
  SPK_ASSIGN_OR_RAISE(auto text,
                      CastDatum(value, *expr->type, *DataType::String(), CastMode::kAnsi, options));
  std::vector<std::string> out;
  if (text.is_scalar()) {
    const auto& scalar = static_cast<const arrow::StringScalar&>(*text.scalar());
    out.push_back(scalar.is_valid ? scalar.value->ToString() : "NULL");
    return out;
  }
  auto array = std::static_pointer_cast<arrow::StringArray>(text.make_array());
  for (int64_t i = 0; i < array->length(); ++i) {
    out.push_back(array->IsNull(i) ? "NULL" : std::string(array->GetView(i)));
  }
  return out;
}

namespace {
template <typename Builder, typename T>
std::shared_ptr<arrow::Array> Build(const std::vector<std::optional<T>>& values) {
  Builder builder;
  for (const auto& v : values) {
    if (v) {
      (void)builder.Append(*v);
    } else {
      (void)builder.AppendNull();
    }
  }
  std::shared_ptr<arrow::Array> out;
  (void)builder.Finish(&out);
  return out;
}
}  // namespace

inline std::shared_ptr<arrow::Array> Int32Array(const std::vector<std::optional<int32_t>>& values) {
  return Build<arrow::Int32Builder>(values);
}
inline std::shared_ptr<arrow::Array> Int64Array(const std::vector<std::optional<int64_t>>& values) {
  return Build<arrow::Int64Builder>(values);
}
inline std::shared_ptr<arrow::Array> DoubleArray(const std::vector<std::optional<double>>& values) {
  return Build<arrow::DoubleBuilder>(values);
}
inline std::shared_ptr<arrow::Array> StringArray(
    const std::vector<std::optional<std::string>>& values) {
  return Build<arrow::StringBuilder>(values);
}
inline std::shared_ptr<arrow::Array> BoolArray(const std::vector<std::optional<bool>>& values) {
  return Build<arrow::BooleanBuilder>(values);
}

}  // namespace sparkling::testing
