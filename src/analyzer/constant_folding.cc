#include "analyzer/constant_folding.h"

#include <arrow/array.h>
#include <arrow/datum.h>
#include <arrow/scalar.h>

#include "function/cast.h"

namespace sparkling {

bool IsFoldable(const ExprPtr& expr) {
  switch (expr->kind) {
    case ExprKind::kLiteral:
      return true;
    case ExprKind::kAlias:
    case ExprKind::kCast:
      return IsFoldable(expr->children[0]);
    case ExprKind::kScalarFunction: {
      const auto& call = expr->As<ScalarFunctionCall>();
      if (call.function == nullptr || !call.function->deterministic()) return false;
      for (const auto& child : expr->children) {
        if (!IsFoldable(child)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

namespace {

Result<std::shared_ptr<arrow::Scalar>> ToScalar(const arrow::Datum& datum) {
  if (datum.is_scalar()) return datum.scalar();
  if (datum.is_array() && datum.length() == 1) {
    auto scalar = datum.make_array()->GetScalar(0);
    if (!scalar.ok()) return Status::Internal(scalar.status().ToString());
    return *scalar;
  }
  return Status::Internal("constant expression did not evaluate to one value");
}

}  // namespace

Result<std::shared_ptr<arrow::Scalar>> EvaluateConstant(const ExprPtr& expr,
                                                        const EvalOptions& options) {
  switch (expr->kind) {
    case ExprKind::kLiteral:
      return expr->As<Literal>().value;
    case ExprKind::kAlias:
      return EvaluateConstant(expr->children[0], options);
    case ExprKind::kCast: {
      const auto& cast = expr->As<Cast>();
      const auto& child = expr->children[0];
      SPK_ASSIGN_OR_RAISE(auto value, EvaluateConstant(child, options));
      SPK_ASSIGN_OR_RAISE(arrow::Datum result, CastDatum(arrow::Datum(value), *child->type,
                                                         *cast.target, cast.mode, options));
      return ToScalar(result);
    }
    case ExprKind::kScalarFunction: {
      const auto& call = expr->As<ScalarFunctionCall>();
      std::vector<arrow::Datum> args;
      for (const auto& child : expr->children) {
        SPK_ASSIGN_OR_RAISE(auto value, EvaluateConstant(child, options));
        args.emplace_back(value);
      }
      SPK_ASSIGN_OR_RAISE(arrow::Datum result, call.function->Evaluate(args, 1, options));
      return ToScalar(result);
    }
    default:
      return Status::Internal("not a constant expression: " + expr->ToSql());
  }
}

Result<ExprPtr> FoldToLiteral(const ExprPtr& expr, const EvalOptions& options) {
  if (expr->kind == ExprKind::kLiteral) return expr;
  SPK_ASSIGN_OR_RAISE(auto value, EvaluateConstant(expr, options));
  return MakeLiteral(std::move(value), expr->type);
}

}  // namespace sparkling
