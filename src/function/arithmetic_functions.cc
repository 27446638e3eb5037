// Arithmetic operators and functions: + - * / % div, unary - and +, abs, pmod, mod, bitwise
// operators and the try_ variants, with Spark's ANSI / legacy overflow and zero semantics.

#include <cmath>
#include <limits>

#include "function/decimal_arithmetic.h"
#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/runtime_errors.h"

namespace sparkling {
namespace {

enum class ArithmeticOp {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kRemainder,
  kPmod,
  kIntegralDivide,
  kBitAnd,
  kBitOr,
  kBitXor,
};

/// What a kernel does when a row overflows or divides by zero.
enum class FailureMode {
  kAnsi,    // raise
  kLegacy,  // integers wrap on overflow; division by zero gives NULL
  kTry,     // NULL
};

const char* OperatorSymbol(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd:
      return "+";
    case ArithmeticOp::kSubtract:
      return "-";
    case ArithmeticOp::kMultiply:
      return "*";
    case ArithmeticOp::kDivide:
      return "/";
    case ArithmeticOp::kRemainder:
      return "%";
    case ArithmeticOp::kPmod:
      return "pmod";
    case ArithmeticOp::kIntegralDivide:
      return "div";
    case ArithmeticOp::kBitAnd:
      return "&";
    case ArithmeticOp::kBitOr:
      return "|";
    case ArithmeticOp::kBitXor:
      return "^";
  }
  return "?";
}

const char* TryFunctionFor(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd:
      return "try_add";
    case ArithmeticOp::kSubtract:
      return "try_subtract";
    case ArithmeticOp::kMultiply:
      return "try_multiply";
    case ArithmeticOp::kDivide:
    case ArithmeticOp::kIntegralDivide:
      return "try_divide";
    default:
      return "";
  }
}

template <typename T>
std::string IntegralTypeOverflowMessage() {
  if constexpr (sizeof(T) == 4) return "integer overflow";
  return "long overflow";
}

template <typename T>
std::string SqlIntegralLiteral(T value) {
  std::string text = std::to_string(static_cast<int64_t>(value));
  if constexpr (sizeof(T) == 1) return text + "Y";
  if constexpr (sizeof(T) == 2) return text + "S";
  if constexpr (sizeof(T) == 8) return text + "L";
  return text;
}

template <typename T>
Status IntegralOverflow(ArithmeticOp op, T a, T b) {
  if constexpr (sizeof(T) <= 2) {
    return Status::Error("BINARY_ARITHMETIC_OVERFLOW",
                         {{"value1", SqlIntegralLiteral(a)},
                          {"symbol", OperatorSymbol(op)},
                          {"value2", SqlIntegralLiteral(b)},
                          {"functionName", std::string("`") + TryFunctionFor(op) + "`"}});
  } else {
    return ArithmeticOverflow(IntegralTypeOverflowMessage<T>(), TryFunctionFor(op));
  }
}

// One row of an integral operation. Returns false for a NULL result; `error` is set when the
// row must raise.
template <typename T>
bool IntegralRow(ArithmeticOp op, FailureMode mode, T a, T b, T* out, Status* error) {
  auto zero_divisor = [&](bool remainder) {
    if (mode == FailureMode::kAnsi) *error = remainder ? RemainderByZero() : DivideByZero();
    return false;
  };
  auto overflow = [&](T wrapped) {
    if (mode == FailureMode::kLegacy) {
      *out = wrapped;
      return true;
    }
    if (mode == FailureMode::kAnsi) *error = IntegralOverflow(op, a, b);
    return false;
  };
  using Unsigned = std::make_unsigned_t<T>;
  switch (op) {
    case ArithmeticOp::kAdd: {
      T r;
      if (__builtin_add_overflow(a, b, &r)) {
        return overflow(static_cast<T>(static_cast<Unsigned>(a) + static_cast<Unsigned>(b)));
      }
      *out = r;
      return true;
    }
    case ArithmeticOp::kSubtract: {
      T r;
      if (__builtin_sub_overflow(a, b, &r)) {
        return overflow(static_cast<T>(static_cast<Unsigned>(a) - static_cast<Unsigned>(b)));
      }
      *out = r;
      return true;
    }
    case ArithmeticOp::kMultiply: {
      T r;
      if (__builtin_mul_overflow(a, b, &r)) {
        return overflow(static_cast<T>(static_cast<Unsigned>(a) * static_cast<Unsigned>(b)));
      }
      *out = r;
      return true;
    }
    case ArithmeticOp::kIntegralDivide:
      if (b == 0) return zero_divisor(false);
      if (b == -1 && a == std::numeric_limits<T>::min()) return overflow(a);
      *out = static_cast<T>(a / b);
      return true;
    case ArithmeticOp::kRemainder:
      if (b == 0) return zero_divisor(true);
      *out = b == -1 ? 0 : static_cast<T>(a % b);
      return true;
    case ArithmeticOp::kPmod: {
      if (b == 0) return zero_divisor(true);
      if (b == -1) {
        *out = 0;
        return true;
      }
      T r = static_cast<T>(a % b);
      if (r < 0) r = static_cast<T>((r + b) % b);
      *out = r;
      return true;
    }
    case ArithmeticOp::kBitAnd:
      *out = a & b;
      return true;
    case ArithmeticOp::kBitOr:
      *out = a | b;
      return true;
    case ArithmeticOp::kBitXor:
      *out = a ^ b;
      return true;
    case ArithmeticOp::kDivide:
      break;
  }
  *error = Status::Internal("unsupported integral operation");
  return false;
}

template <typename T>
bool FloatingRow(ArithmeticOp op, FailureMode mode, T a, T b, T* out, Status* error) {
  switch (op) {
    case ArithmeticOp::kAdd:
      *out = a + b;
      return true;
    case ArithmeticOp::kSubtract:
      *out = a - b;
      return true;
    case ArithmeticOp::kMultiply:
      *out = a * b;
      return true;
    case ArithmeticOp::kDivide:
    case ArithmeticOp::kRemainder:
    case ArithmeticOp::kPmod:
      if (b == 0) {
        if (mode == FailureMode::kAnsi) {
          *error = op == ArithmeticOp::kDivide ? DivideByZero() : RemainderByZero();
        }
        return false;
      }
      if (op == ArithmeticOp::kDivide) {
        *out = a / b;
      } else {
        T r = std::fmod(a, b);
        if (op == ArithmeticOp::kPmod && r < 0) r = std::fmod(r + b, b);
        *out = r;
      }
      return true;
    default:
      break;
  }
  *error = Status::Internal("unsupported floating-point operation");
  return false;
}

template <typename ArrowT>
ArrayKernel NumericKernel(ArithmeticOp op, FailureMode mode, DataTypePtr result_type) {
  using T = typename ArrowT::c_type;
  return [op, mode, result_type](const std::vector<ArrayPtr>& args, int64_t,
                                 const EvalOptions&) -> Result<ArrayPtr> {
    return MapBinary<ArrowT, ArrowT, ArrowT>(
        args[0], args[1], KernelArrowType(*result_type),
        [op, mode](BuilderOf<ArrowT>& out, T a, T b) -> Status {
          T value{};
          Status error;
          bool ok;
          if constexpr (std::is_integral_v<T>) {
            ok = IntegralRow<T>(op, mode, a, b, &value, &error);
          } else {
            ok = FloatingRow<T>(op, mode, a, b, &value, &error);
          }
          if (!error.ok()) return error;
          return ok ? AppendValue(out, value) : AppendNull(out);
        });
  };
}

ArrayKernel DecimalKernel(ArithmeticOp op, FailureMode mode, DataTypePtr left, DataTypePtr right,
                          DataTypePtr result_type) {
  return [=](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
    const int ls = left->scale(), rs = right->scale();
    const int p = result_type->precision(), s = result_type->scale();
    if (op == ArithmeticOp::kIntegralDivide) {
      return MapBinary<arrow::Decimal128Type, arrow::Decimal128Type, arrow::Int64Type>(
          args[0], args[1], arrow::int64(),
          [&](arrow::Int64Builder& out, arrow::Decimal128 a, arrow::Decimal128 b) -> Status {
            Int128 x = ToInt128(a), y = ToInt128(b);
            if (y == 0) {
              if (mode == FailureMode::kAnsi) return DivideByZero();
              return AppendNull(out);
            }
            int64_t q;
            if (!DecimalIntegralDivide(x, ls, y, rs, &q)) {
              if (mode == FailureMode::kAnsi)
                return ArithmeticOverflow("long overflow", "try_divide");
              return AppendNull(out);
            }
            return AppendValue(out, q);
          });
    }
    return MapBinary<arrow::Decimal128Type, arrow::Decimal128Type, arrow::Decimal128Type>(
        args[0], args[1], KernelArrowType(*result_type),
        [&](arrow::Decimal128Builder& out, arrow::Decimal128 a, arrow::Decimal128 b) -> Status {
          Int128 x = ToInt128(a), y = ToInt128(b), r = 0;
          bool fits = true;
          switch (op) {
            case ArithmeticOp::kAdd:
            case ArithmeticOp::kSubtract:
              fits = DecimalAdd(x, ls, y, rs, op == ArithmeticOp::kSubtract, p, s, &r);
              break;
            case ArithmeticOp::kMultiply:
              fits = DecimalMultiply(x, ls, y, rs, p, s, &r);
              break;
            case ArithmeticOp::kDivide:
            case ArithmeticOp::kRemainder:
            case ArithmeticOp::kPmod:
              if (y == 0) {
                if (mode == FailureMode::kAnsi) {
                  return op == ArithmeticOp::kDivide ? DivideByZero() : RemainderByZero();
                }
                return AppendNull(out);
              }
              if (op == ArithmeticOp::kDivide) {
                fits = DecimalDivide(x, ls, y, rs, p, s, &r);
              } else {
                fits = DecimalRemainder(x, ls, y, rs, p, s, &r);
                if (fits && op == ArithmeticOp::kPmod && r < 0) {
                  Int128 shifted;
                  fits = DecimalAdd(r, s, y, rs, false, p, s, &shifted) &&
                         DecimalRemainder(shifted, s, y, rs, p, s, &r);
                }
              }
              break;
            default:
              return Status::Internal("unsupported decimal operation");
          }
          if (!fits) {
            if (mode == FailureMode::kAnsi) {
              return DecimalOutOfRange("overflowed decimal", p, s);
            }
            return AppendNull(out);
          }
          return AppendValue(out, FromInt128(r));
        });
  };
}

// The decimal an integral operand takes next to a decimal. Like Spark's
// literalPickMinimumPrecision, an integral literal takes only the digits it has: 3 is
// decimal(1,0), so 1.0 / 3 is decimal(7,6).
DataTypePtr DecimalForOperand(const ExprPtr& operand) {
  if (operand->kind == ExprKind::kLiteral && operand->type->IsIntegral()) {
    const auto& value = operand->As<Literal>().value;
    if (value && value->is_valid) {
      std::string digits = value->ToString();
      if (!digits.empty() && digits[0] == '-') digits.erase(0, 1);
      return DataType::Decimal(std::max<int>(1, static_cast<int>(digits.size())), 0);
    }
  }
  return DecimalForType(*operand->type);
}

bool IsArithmeticOperand(const DataType& type) {
  return type.IsNumeric() || type.id() == TypeId::kNull;
}

Status BinaryOpDiffTypes(const CallBinding& call, const SqlRenderer& sql) {
  return Status::Error("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                       {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                        {"left", QuotedType(call.arg_type(0))},
                        {"right", QuotedType(call.arg_type(1))}});
}

Status BinaryOpWrongType(const CallBinding& call, const SqlRenderer& sql,
                         const std::string& input_type, const DataType& actual) {
  return Status::Error("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
                       {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                        {"inputType", input_type},
                        {"actualDataType", QuotedType(actual)}});
}

Result<ExprPtr> BindDateArithmetic(CallBinding& call, ArithmeticOp op);

// Binds a binary arithmetic call: Spark's operand promotion, decimal result types, kernels.
Result<ExprPtr> BindBinaryArithmetic(CallBinding& call, ArithmeticOp op, FailureMode mode,
                                     SqlRenderer sql) {
  const bool ansi = call.ansi();
  const bool bitwise =
      op == ArithmeticOp::kBitAnd || op == ArithmeticOp::kBitOr || op == ArithmeticOp::kBitXor;
  if (!bitwise &&
      (call.arg_type(0).id() == TypeId::kDate || call.arg_type(1).id() == TypeId::kDate)) {
    return BindDateArithmetic(call, op);
  }
  // Strings meeting numbers: ANSI casts to the number's wider type, legacy to double.
  for (size_t i = 0; i < 2; ++i) {
    const DataType& self = call.arg_type(i);
    const DataType& other = call.arg_type(1 - i);
    if (!self.IsStringLike()) continue;
    DataTypePtr target;
    if (!ansi) {
      target = DataType::Double();
    } else if (other.IsIntegral() || other.IsStringLike() || other.id() == TypeId::kNull) {
      target = other.IsStringLike() || other.id() == TypeId::kNull ? DataType::Double()
                                                                   : DataType::Long();
    } else if (other.IsFractional()) {
      target = DataType::Double();
    } else if (other.id() == TypeId::kDecimal) {
      target = DataType::Decimal(other.precision(), other.scale());
    }
    if (target) call.args[i] = ImplicitCast(call.args[i], target);
  }
  const DataType& l = call.arg_type(0);
  const DataType& r = call.arg_type(1);
  if (!IsArithmeticOperand(l) || !IsArithmeticOperand(r)) {
    if (!l.SameType(r) && l.id() != TypeId::kNull && r.id() != TypeId::kNull) {
      return BinaryOpDiffTypes(call, sql);
    }
    const DataType& bad = IsArithmeticOperand(l) ? r : l;
    return BinaryOpWrongType(call, sql,
                             bitwise ? "\"INTEGRAL\""
                                     : "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL "
                                       "YEAR TO MONTH\" or \"INTERVAL\")",
                             bad);
  }
  // NULL operands take the other side's type (double when both are NULL).
  if (l.id() == TypeId::kNull || r.id() == TypeId::kNull) {
    DataTypePtr other = l.id() == TypeId::kNull ? call.args[1]->type : call.args[0]->type;
    if (other->id() == TypeId::kNull) other = bitwise ? DataType::Long() : DataType::Double();
    for (auto& arg : call.args) {
      if (arg->type->id() == TypeId::kNull) arg = ImplicitCast(arg, other);
    }
  }
  bool always_nullable = op == ArithmeticOp::kDivide || op == ArithmeticOp::kRemainder ||
                         op == ArithmeticOp::kPmod || op == ArithmeticOp::kIntegralDivide ||
                         mode == FailureMode::kTry;
  const DataType& lt = call.arg_type(0);
  const DataType& rt = call.arg_type(1);
  if (bitwise) {
    if (!lt.IsIntegral() || !rt.IsIntegral()) {
      return BinaryOpWrongType(call, sql, "\"INTEGRAL\"", lt.IsIntegral() ? rt : lt);
    }
  }
  bool decimal = lt.id() == TypeId::kDecimal || rt.id() == TypeId::kDecimal;
  bool fractional = lt.IsFractional() || rt.IsFractional();
  if (decimal && !fractional && !bitwise) {
    for (auto& arg : call.args) {
      if (arg->type->id() != TypeId::kDecimal) arg = ImplicitCast(arg, DecimalForOperand(arg));
    }
    DataTypePtr left = call.args[0]->type, right = call.args[1]->type;
    DecimalArithmetic dop = DecimalArithmetic::kAdd;
    switch (op) {
      case ArithmeticOp::kSubtract:
        dop = DecimalArithmetic::kSubtract;
        break;
      case ArithmeticOp::kMultiply:
        dop = DecimalArithmetic::kMultiply;
        break;
      case ArithmeticOp::kDivide:
        dop = DecimalArithmetic::kDivide;
        break;
      case ArithmeticOp::kRemainder:
      case ArithmeticOp::kPmod:
        dop = DecimalArithmetic::kRemainder;
        break;
      case ArithmeticOp::kIntegralDivide:
        dop = DecimalArithmetic::kIntegralDivide;
        break;
      default:
        break;
    }
    DataTypePtr result = op == ArithmeticOp::kIntegralDivide
                             ? DataType::Long()
                             : DecimalArithmeticResultType(dop, *left, *right);
    ScalarFunctionSpec spec{call.name, result, sql};
    spec.array_kernel = DecimalKernel(op, mode, left, right, result);
    bool nullable = call.any_nullable() || always_nullable || mode != FailureMode::kAnsi;
    return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
  }
  DataTypePtr common;
  if (op == ArithmeticOp::kDivide) {
    common = DataType::Double();
  } else if (op == ArithmeticOp::kIntegralDivide) {
    common = DataType::Long();
  } else if (decimal) {
    common = DataType::Double();
  } else {
    auto tightest = FindTightestCommonType(lt, rt, ansi);
    if (!tightest) return BinaryOpDiffTypes(call, sql);
    common = *tightest;
  }
  for (auto& arg : call.args) arg = ImplicitCast(arg, common);
  ScalarFunctionSpec spec{call.name, common, sql};
  auto kernel = VisitNumericType(*common, [&]<typename ArrowT>() -> Result<ArrayKernel> {
    return NumericKernel<ArrowT>(op, mode, common);
  });
  if (!kernel.ok()) return kernel.status();
  spec.array_kernel = *kernel;
  return MakeScalarCall(std::move(spec), std::move(call.args),
                        call.any_nullable() || always_nullable);
}

// date + int, date - int (Spark rewrites them to date_add / date_sub).
Result<ExprPtr> BindDateArithmetic(CallBinding& call, ArithmeticOp op) {
  const DataType& l = call.arg_type(0);
  const DataType& r = call.arg_type(1);
  if (l.id() == TypeId::kDate && (r.IsIntegral() || r.IsStringLike()) &&
      (op == ArithmeticOp::kAdd || op == ArithmeticOp::kSubtract)) {
    return FunctionRegistry::Global().Resolve(op == ArithmeticOp::kAdd ? "date_add" : "date_sub",
                                              std::move(call.args), *call.options);
  }
  if (r.id() == TypeId::kDate && l.IsIntegral() && op == ArithmeticOp::kAdd) {
    std::vector<ExprPtr> swapped = {call.args[1], call.args[0]};
    return FunctionRegistry::Global().Resolve("date_add", std::move(swapped), *call.options);
  }
  return Status::NotImplemented("arithmetic " + std::string(OperatorSymbol(op)) + " on " + l.Sql() +
                                " and " + r.Sql());
}

FailureMode ModeOf(const CallBinding& call) {
  return call.ansi() ? FailureMode::kAnsi : FailureMode::kLegacy;
}

template <ArithmeticOp kOp>
Result<ExprPtr> BindInfix(CallBinding& call) {
  return BindBinaryArithmetic(call, kOp, ModeOf(call), InfixSql(OperatorSymbol(kOp)));
}

template <ArithmeticOp kOp>
Result<ExprPtr> BindNamedCall(CallBinding& call) {
  return BindBinaryArithmetic(call, kOp, ModeOf(call), CallSql(call.name));
}

template <ArithmeticOp kOp>
Result<ExprPtr> BindTry(CallBinding& call) {
  return BindBinaryArithmetic(call, kOp, FailureMode::kTry, CallSql(call.name));
}

// ---------------------------------------------------------------------------------------------
// Unary: negative, positive, abs, bitwise not.

enum class UnaryOp { kNegate, kAbs, kBitNot };

template <typename ArrowT>
ArrayKernel UnaryNumericKernel(UnaryOp op, FailureMode mode, DataTypePtr type) {
  using T = typename ArrowT::c_type;
  return [op, mode, type](const std::vector<ArrayPtr>& args, int64_t,
                          const EvalOptions&) -> Result<ArrayPtr> {
    return MapUnary<ArrowT, ArrowT>(
        args[0], KernelArrowType(*type), [op, mode](BuilderOf<ArrowT>& out, T a) -> Status {
          if constexpr (std::is_integral_v<T>) {
            if (op == UnaryOp::kBitNot) return AppendValue(out, static_cast<T>(~a));
            bool negate = op == UnaryOp::kNegate || a < 0;
            if (!negate) return AppendValue(out, a);
            if (a == std::numeric_limits<T>::min()) {
              if (mode == FailureMode::kAnsi) {
                return ArithmeticOverflow(sizeof(T) == 8 ? "long overflow" : "integer overflow",
                                          "");
              }
              return AppendValue(out, a);  // two's complement wrap, as Java
            }
            return AppendValue(out, static_cast<T>(-a));
          } else {
            return AppendValue(out, op == UnaryOp::kAbs ? std::fabs(a) : -a);
          }
        });
  };
}

Result<ExprPtr> BindUnary(CallBinding& call, UnaryOp op, SqlRenderer sql) {
  ExpectedType expected = op == UnaryOp::kBitNot ? ExpectedType::Of(ExpectedType::Kind::kIntegral)
                                                 : ExpectedType::Of(ExpectedType::Kind::kNumeric);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {expected}, sql));
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  FailureMode mode = ModeOf(call);
  if (type->id() == TypeId::kDecimal) {
    spec.array_kernel = [op, type](const std::vector<ArrayPtr>& args, int64_t,
                                   const EvalOptions&) -> Result<ArrayPtr> {
      return MapUnary<arrow::Decimal128Type, arrow::Decimal128Type>(
          args[0], KernelArrowType(*type),
          [op](arrow::Decimal128Builder& out, arrow::Decimal128 a) -> Status {
            Int128 v = ToInt128(a);
            if (op == UnaryOp::kNegate || v < 0) v = -v;
            return AppendValue(out, FromInt128(v));
          });
    };
  } else {
    auto kernel = VisitNumericType(*type, [&]<typename ArrowT>() -> Result<ArrayKernel> {
      return UnaryNumericKernel<ArrowT>(op, mode, type);
    });
    if (!kernel.ok()) return kernel.status();
    spec.array_kernel = *kernel;
  }
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

Result<ExprPtr> BindMinus(CallBinding& call) {
  if (call.args.size() == 1) return BindUnary(call, UnaryOp::kNegate, PrefixSql("-"));
  return BindInfix<ArithmeticOp::kSubtract>(call);
}

Result<ExprPtr> BindPositive(CallBinding& call) {
  SqlRenderer sql = PrefixSql("+");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Of(ExpectedType::Kind::kNumeric)}, sql));
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.datum_kernel = [](const std::vector<arrow::Datum>& args, int64_t,
                         const EvalOptions&) -> Result<arrow::Datum> { return args[0]; };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

Result<ExprPtr> BindPlus(CallBinding& call) {
  if (call.args.size() == 1) return BindPositive(call);
  return BindInfix<ArithmeticOp::kAdd>(call);
}

Result<ExprPtr> BindNegative(CallBinding& call) {
  return BindUnary(call, UnaryOp::kNegate, CallSql("negative"));
}
Result<ExprPtr> BindAbs(CallBinding& call) {
  return BindUnary(call, UnaryOp::kAbs, CallSql("abs"));
}
Result<ExprPtr> BindBitNot(CallBinding& call) {
  return BindUnary(call, UnaryOp::kBitNot,
                   [](const std::vector<std::string>& args) { return "~" + args[0]; });
}

}  // namespace

const std::vector<FunctionDefinition>& ArithmeticFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"+", 1, 2, false, &BindPlus, "Add", "expr1 + expr2 - Returns `expr1`+`expr2`."},
      {"-", 1, 2, false, &BindMinus, "Subtract", "expr1 - expr2 - Returns `expr1`-`expr2`."},
      {"*", 2, 2, false, &BindInfix<ArithmeticOp::kMultiply>, "Multiply",
       "expr1 * expr2 - Returns `expr1`*`expr2`."},
      {"/", 2, 2, false, &BindInfix<ArithmeticOp::kDivide>, "Divide",
       "expr1 / expr2 - Returns `expr1`/`expr2`. It always performs floating point division."},
      {"%", 2, 2, false, &BindInfix<ArithmeticOp::kRemainder>, "Remainder",
       "expr1 % expr2 - Returns the remainder after `expr1`/`expr2`."},
      {"mod", 2, 2, false, &BindNamedCall<ArithmeticOp::kRemainder>, "Remainder",
       "mod(expr1, expr2) - Returns the remainder after `expr1`/`expr2`."},
      {"div", 2, 2, false, &BindInfix<ArithmeticOp::kIntegralDivide>, "IntegralDivide",
       "expr1 div expr2 - Divide `expr1` by `expr2` rounded toward zero."},
      {"pmod", 2, 2, false, &BindNamedCall<ArithmeticOp::kPmod>, "Pmod",
       "pmod(expr1, expr2) - Returns the positive value of `expr1` mod `expr2`."},
      {"&", 2, 2, false, &BindInfix<ArithmeticOp::kBitAnd>, "BitwiseAnd",
       "expr1 & expr2 - Returns the result of bitwise AND of `expr1` and `expr2`."},
      {"|", 2, 2, false, &BindInfix<ArithmeticOp::kBitOr>, "BitwiseOr",
       "expr1 | expr2 - Returns the result of bitwise OR of `expr1` and `expr2`."},
      {"^", 2, 2, false, &BindInfix<ArithmeticOp::kBitXor>, "BitwiseXor",
       "expr1 ^ expr2 - Returns the result of bitwise exclusive OR of `expr1` and `expr2`."},
      {"~", 1, 1, false, &BindBitNot, "BitwiseNot", "~ expr - Returns the result of bitwise NOT."},
      {"negative", 1, 1, false, &BindNegative, "UnaryMinus",
       "negative(expr) - Returns the negated value of `expr`."},
      {"positive", 1, 1, false, &BindPositive, "UnaryPositive",
       "positive(expr) - Returns the value of `expr`."},
      {"abs", 1, 1, false, &BindAbs, "Abs", "abs(expr) - Returns the absolute value."},
      {"try_add", 2, 2, false, &BindTry<ArithmeticOp::kAdd>, "TryAdd",
       "try_add(expr1, expr2) - Returns the sum, or NULL on overflow."},
      {"try_subtract", 2, 2, false, &BindTry<ArithmeticOp::kSubtract>, "TrySubtract",
       "try_subtract(expr1, expr2) - Returns the difference, or NULL on overflow."},
      {"try_multiply", 2, 2, false, &BindTry<ArithmeticOp::kMultiply>, "TryMultiply",
       "try_multiply(expr1, expr2) - Returns the product, or NULL on overflow."},
      {"try_divide", 2, 2, false, &BindTry<ArithmeticOp::kDivide>, "TryDivide",
       "try_divide(dividend, divisor) - Returns the quotient, or NULL when divisor is 0."},
      {"try_mod", 2, 2, false, &BindTry<ArithmeticOp::kRemainder>, "TryMod",
       "try_mod(dividend, divisor) - Returns the remainder, or NULL when divisor is 0."},
  };
  return kFunctions;
}

}  // namespace sparkling
