// Math functions: rounding (HALF_UP round, HALF_EVEN bround), ceil/floor, roots, logarithms,
// powers, trigonometry, sign, greatest/least, rand/randn, pi and e.

#include <atomic>
#include <cmath>
#include <random>

#include "function/decimal_arithmetic.h"
#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/value_ordering.h"
#include "plan/literal_text.h"

namespace sparkling {
namespace {

using Kind = ExpectedType::Kind;

// Spark names canonical math functions in upper case ("SQRT(x)") and aliases as written.
SqlRenderer MathSql(const std::string& called, const char* canonical_upper) {
  return CallSql(canonical_upper != nullptr ? std::string(canonical_upper) : called);
}

std::optional<int32_t> LiteralInt(const ExprPtr& expr) {
  if (expr->kind != ExprKind::kLiteral || !expr->type->IsIntegral()) return std::nullopt;
  const auto& value = expr->As<Literal>().value;
  if (!value || !value->is_valid) return std::nullopt;
  auto parsed = std::stoll(value->ToString());
  return static_cast<int32_t>(parsed);
}

// --- Rounding ----------------------------------------------------------------------------------

enum class Rounding { kHalfUp, kHalfEven, kCeiling, kFloor };

// Rounds an unscaled decimal from `scale` to `new_scale` (new_scale may be negative: the result
// then keeps scale 0 with the low digits zeroed).
Int128 RoundUnscaled(Int128 value, int scale, int new_scale, Rounding mode) {
  if (new_scale >= scale) return value;
  Int128 divisor = PowerOfTen(scale - new_scale);
  Int128 q = value / divisor;
  Int128 r = value % divisor;
  if (r != 0) {
    Int128 twice = (r < 0 ? -r : r) * 2;
    bool negative = value < 0;
    bool away = false;
    switch (mode) {
      case Rounding::kHalfUp:
        away = twice >= divisor;
        break;
      case Rounding::kHalfEven:
        away = twice > divisor || (twice == divisor && (q % 2 != 0));
        break;
      case Rounding::kCeiling:
        away = !negative;
        break;
      case Rounding::kFloor:
        away = negative;
        break;
    }
    if (away) q += negative ? -1 : 1;
  }
  return q;
}

double RoundDouble(double value, int32_t scale, Rounding mode) {
  if (!std::isfinite(value)) return value;
  // Round the value's shortest decimal text (as Spark's BigDecimal(double) does).
  Int128 unscaled;
  bool overflow;
  std::string text = JavaDoubleString(value);
  int working_scale = 20;
  if (!ParseDecimal(text, 38, working_scale, &unscaled, &overflow)) return value;
  Int128 rounded = RoundUnscaled(unscaled, working_scale, scale, mode);
  int result_scale = std::max(scale, 0);
  if (scale < 0) {
    rounded *= PowerOfTen(-scale);
    result_scale = 0;
  }
  return std::stod(DecimalToString(rounded, result_scale));
}

template <typename T>
T RoundIntegral(T value, int32_t scale, Rounding mode) {
  if (scale >= 0) return value;
  if (-scale >= 19) return 0;
  Int128 rounded = RoundUnscaled(value, 0, scale, mode) * PowerOfTen(-scale);
  return static_cast<T>(rounded);
}

template <Rounding kMode>
Result<ExprPtr> BindRound(CallBinding& call) {
  if (call.args.size() == 1)
    call.args.push_back(MakeLiteral(std::make_shared<arrow::Int32Scalar>(0), DataType::Integer()));
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(
      call, {ExpectedType::Of(Kind::kNumeric), ExpectedType::Exact(DataType::Integer())}, sql));
  auto scale_literal = LiteralInt(call.args[1]);
  if (!scale_literal) {
    return Status::Error("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"inputName", "`scale`"},
                          {"inputType", "\"INT\""},
                          {"inputExpr", QuotedSql(call.args[1]->ToSql())}});
  }
  const int32_t scale = *scale_literal;
  DataTypePtr input = call.args[0]->type;
  DataTypePtr result = input;
  if (input->id() == TypeId::kDecimal) {
    int p = input->precision(), s = input->scale();
    int integral_digits = p - s + 1;
    if (scale < 0) {
      result = DataType::Decimal(std::min(std::max(integral_digits, -scale + 1), 38), 0);
    } else {
      int new_scale = std::min(s, scale);
      result = DataType::Decimal(std::min(integral_digits + new_scale, 38), new_scale);
    }
    return MakeScalarCall(
        ScalarFunctionSpec{
            call.name, result, sql, nullptr,
            [input, result, scale](const std::vector<ArrayPtr>& args, int64_t,
                                   const EvalOptions&) -> Result<ArrayPtr> {
              return MapUnary<arrow::Decimal128Type, arrow::Decimal128Type>(
                  args[0], KernelArrowType(*result),
                  [&](arrow::Decimal128Builder& out, arrow::Decimal128 v) {
                    Int128 rounded = RoundUnscaled(ToInt128(v), input->scale(), scale, kMode);
                    if (scale < 0)
                      rounded *= PowerOfTen(-scale);
                    else
                      rounded *= PowerOfTen(result->scale() - std::min(scale, input->scale()));
                    if (!FitsPrecision(rounded, result->precision())) {
                      return AppendNull(out);
                    }
                    return AppendValue(out, FromInt128(rounded));
                  });
            }},
        std::move(call.args), true);
  }
  ScalarFunctionSpec spec{call.name, result, sql};
  auto kernel = VisitNumericType(*input, [&]<typename ArrowT>() -> Result<ArrayKernel> {
    using T = typename ArrowT::c_type;
    return ArrayKernel([result, scale](const std::vector<ArrayPtr>& args, int64_t,
                                       const EvalOptions&) -> Result<ArrayPtr> {
      return MapUnary<ArrowT, ArrowT>(
          args[0], KernelArrowType(*result), [scale](BuilderOf<ArrowT>& out, T v) {
            if constexpr (std::is_floating_point_v<T>) {
              return AppendValue(out, static_cast<T>(RoundDouble(v, scale, kMode)));
            } else {
              return AppendValue(out, RoundIntegral<T>(v, scale, kMode));
            }
          });
    });
  });
  if (!kernel.ok()) return kernel.status();
  spec.array_kernel = *kernel;
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

template <Rounding kMode>
Result<ExprPtr> BindCeilFloor(CallBinding& call) {
  const bool ceil = kMode == Rounding::kCeiling;
  SqlRenderer sql = CallSql(call.name == "ceiling" ? "ceiling" : (ceil ? "CEIL" : "FLOOR"));
  if (call.args.size() == 2) {
    return Status::NotImplemented(call.name + " with a scale argument");
  }
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Of(Kind::kNumeric)}, sql));
  DataTypePtr input = call.args[0]->type;
  if (input->id() == TypeId::kDecimal) {
    DataTypePtr result =
        DataType::Decimal(std::min(input->precision() - input->scale() + 1, 38), 0);
    ScalarFunctionSpec spec{call.name, result, sql};
    spec.array_kernel = [input, result](const std::vector<ArrayPtr>& args, int64_t,
                                        const EvalOptions&) -> Result<ArrayPtr> {
      return MapUnary<arrow::Decimal128Type, arrow::Decimal128Type>(
          args[0], KernelArrowType(*result),
          [&](arrow::Decimal128Builder& out, arrow::Decimal128 v) {
            return AppendValue(out,
                               FromInt128(RoundUnscaled(ToInt128(v), input->scale(), 0, kMode)));
          });
    };
    return MakeScalarCall(std::move(spec), std::move(call.args), true);
  }
  if (input->IsIntegral()) call.args[0] = ImplicitCast(call.args[0], DataType::Long());
  bool floating = input->IsFractional();
  if (floating) call.args[0] = ImplicitCast(call.args[0], DataType::Double());
  ScalarFunctionSpec spec{call.name, DataType::Long(), sql};
  spec.array_kernel = [floating](const std::vector<ArrayPtr>& args, int64_t,
                                 const EvalOptions&) -> Result<ArrayPtr> {
    if (!floating) return args[0];
    return MapUnary<arrow::DoubleType, arrow::Int64Type>(
        args[0], arrow::int64(), [](arrow::Int64Builder& out, double v) {
          double r = ceil ? std::ceil(v) : std::floor(v);
          // Java's (long) conversion: NaN → 0, saturation at the bounds.
          int64_t value = std::isnan(r)                 ? 0
                          : r >= 9.2233720368547758e18  ? INT64_MAX
                          : r <= -9.2233720368547758e18 ? INT64_MIN
                                                        : static_cast<int64_t>(r);
          return AppendValue(out, value);
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

// --- double → double functions ----------------------------------------------------------------

enum class NullWhen { kNever, kNonPositive };

Result<ExprPtr> BindUnaryDouble(CallBinding& call, const char* upper_name, double (*fn)(double),
                                NullWhen null_when) {
  SqlRenderer sql = MathSql(call.name, upper_name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Exact(DataType::Double())}, sql));
  ScalarFunctionSpec spec{call.name, DataType::Double(), sql};
  spec.array_kernel = [fn, null_when](const std::vector<ArrayPtr>& args, int64_t,
                                      const EvalOptions&) -> Result<ArrayPtr> {
    return MapUnary<arrow::DoubleType, arrow::DoubleType>(
        args[0], arrow::float64(), [&](arrow::DoubleBuilder& out, double v) {
          if (null_when == NullWhen::kNonPositive && v <= 0) return AppendNull(out);
          return AppendValue(out, fn(v));
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args),
                        null_when != NullWhen::kNever || call.any_nullable());
}

double Sqrt(double v) { return std::sqrt(v); }
double Exp(double v) { return std::exp(v); }
double Ln(double v) { return std::log(v); }
double Log10(double v) { return std::log10(v); }
double Log2(double v) { return std::log2(v); }
double Cbrt(double v) { return std::cbrt(v); }
double Sin(double v) { return std::sin(v); }
double Cos(double v) { return std::cos(v); }
double Tan(double v) { return std::tan(v); }
double Asin(double v) { return std::asin(v); }
double Acos(double v) { return std::acos(v); }
double Atan(double v) { return std::atan(v); }
double Sinh(double v) { return std::sinh(v); }
double Cosh(double v) { return std::cosh(v); }
double Tanh(double v) { return std::tanh(v); }
double Degrees(double v) { return v * 180.0 / M_PI; }
double Radians(double v) { return v / 180.0 * M_PI; }
double Signum(double v) { return std::isnan(v) ? v : (v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0)); }

template <double (*kFn)(double)>
Result<ExprPtr> BindUpperNamed(CallBinding& call) {
  std::string upper = call.name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return BindUnaryDouble(call, upper.c_str(), kFn, NullWhen::kNever);
}

template <double (*kFn)(double)>
Result<ExprPtr> BindLowerNamed(CallBinding& call) {
  return BindUnaryDouble(call, nullptr, kFn, NullWhen::kNever);
}

Result<ExprPtr> BindLn(CallBinding& call) {
  return BindUnaryDouble(call, nullptr, &Ln, NullWhen::kNonPositive);
}
Result<ExprPtr> BindLog10(CallBinding& call) {
  return BindUnaryDouble(call, "LOG10", &Log10, NullWhen::kNonPositive);
}
Result<ExprPtr> BindLog2(CallBinding& call) {
  return BindUnaryDouble(call, "LOG2", &Log2, NullWhen::kNonPositive);
}
Result<ExprPtr> BindSignum(CallBinding& call) {
  return BindUnaryDouble(call, call.name == "signum" ? "SIGNUM" : nullptr, &Signum,
                         NullWhen::kNever);
}

// log(x) is LOG(E(), x); log(base, x) is ln(x) / ln(base), NULL for non-positive inputs.
Result<ExprPtr> BindLog(CallBinding& call) {
  if (call.args.size() == 1) {
    call.args.insert(call.args.begin(),
                     MakeLiteral(std::make_shared<arrow::DoubleScalar>(M_E), DataType::Double()));
    // Rendered "LOG(E(), x)": the base prints as E().
    SqlRenderer sql = [](const std::vector<std::string>& args) {
      return "LOG(E(), " + args[1] + ")";
    };
    SPK_RETURN_NOT_OK(CoerceArguments(
        call, {ExpectedType::Exact(DataType::Double()), ExpectedType::Exact(DataType::Double())},
        sql));
    ScalarFunctionSpec spec{call.name, DataType::Double(), sql};
    spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                           const EvalOptions&) -> Result<ArrayPtr> {
      return MapUnary<arrow::DoubleType, arrow::DoubleType>(
          args[1], arrow::float64(), [](arrow::DoubleBuilder& out, double v) {
            if (v <= 0) return AppendNull(out);
            return AppendValue(out, std::log(v));
          });
    };
    return MakeScalarCall(std::move(spec), std::move(call.args), true);
  }
  SqlRenderer sql = CallSql("LOG");
  SPK_RETURN_NOT_OK(CoerceArguments(
      call, {ExpectedType::Exact(DataType::Double()), ExpectedType::Exact(DataType::Double())},
      sql));
  ScalarFunctionSpec spec{call.name, DataType::Double(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    return MapBinary<arrow::DoubleType, arrow::DoubleType, arrow::DoubleType>(
        args[0], args[1], arrow::float64(), [](arrow::DoubleBuilder& out, double base, double v) {
          if (base <= 0 || v <= 0) return AppendNull(out);
          return AppendValue(out, std::log(v) / std::log(base));
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

Result<ExprPtr> BindBinaryDouble(CallBinding& call, double (*fn)(double, double)) {
  std::string upper = call.name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  SqlRenderer sql = CallSql(call.name == "pow" ? call.name : upper);
  SPK_RETURN_NOT_OK(CoerceArguments(
      call, {ExpectedType::Exact(DataType::Double()), ExpectedType::Exact(DataType::Double())},
      sql));
  ScalarFunctionSpec spec{call.name, DataType::Double(), sql};
  spec.array_kernel = [fn](const std::vector<ArrayPtr>& args, int64_t,
                           const EvalOptions&) -> Result<ArrayPtr> {
    return MapBinary<arrow::DoubleType, arrow::DoubleType, arrow::DoubleType>(
        args[0], args[1], arrow::float64(),
        [fn](arrow::DoubleBuilder& out, double a, double b) { return AppendValue(out, fn(a, b)); });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

double Pow(double a, double b) { return std::pow(a, b); }
double Atan2(double a, double b) { return std::atan2(a, b); }
double Hypot(double a, double b) { return std::hypot(a, b); }

Result<ExprPtr> BindPow(CallBinding& call) { return BindBinaryDouble(call, &Pow); }
Result<ExprPtr> BindAtan2(CallBinding& call) { return BindBinaryDouble(call, &Atan2); }
Result<ExprPtr> BindHypot(CallBinding& call) { return BindBinaryDouble(call, &Hypot); }

// --- greatest / least --------------------------------------------------------------------------

template <bool kGreatest>
Result<ExprPtr> BindExtreme(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  std::vector<size_t> all;
  for (size_t i = 0; i < call.args.size(); ++i) all.push_back(i);
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, CoerceToCommonType(call, all, sql, false));
  bool nullable = true;
  for (const auto& arg : call.args) nullable = nullable && arg->nullable;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    std::vector<int> choice(length, -1);
    for (int64_t i = 0; i < length; ++i) {
      for (size_t k = 0; k < args.size(); ++k) {
        if (args[k]->IsNull(i)) continue;
        if (choice[i] < 0) {
          choice[i] = static_cast<int>(k);
          continue;
        }
        int c = CompareValues(*args[k], i, *args[choice[i]], i);
        if (kGreatest ? c > 0 : c < 0) choice[i] = static_cast<int>(k);
      }
    }
    return SelectRows(choice, args, KernelArrowType(*type), length);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// --- rand / randn / pi / e ---------------------------------------------------------------------

template <bool kGaussian>
Result<ExprPtr> BindRandom(CallBinding& call) {
  int64_t seed;
  if (call.args.empty()) {
    seed = static_cast<int64_t>(std::random_device{}()) << 32 | std::random_device{}();
    call.args.push_back(MakeLiteral(std::make_shared<arrow::Int64Scalar>(seed), DataType::Long()));
  } else {
    const auto& arg = call.args[0];
    if (arg->kind != ExprKind::kLiteral ||
        !(arg->type->IsIntegral() || arg->type->id() == TypeId::kNull)) {
      return UnexpectedInputType(call, CallSql(call.name)(ArgumentSql(call)), 0,
                                 "(\"INT\" or \"BIGINT\")");
    }
    const auto& value = arg->As<Literal>().value;
    seed = value && value->is_valid ? std::stoll(value->ToString()) : 0;
  }
  ScalarFunctionSpec spec{call.name, DataType::Double(), CallSql(call.name)};
  spec.deterministic = false;
  spec.per_row = true;
  // Each evaluation draws a fresh stream seeded by seed + partition + batch counter: values are
  // uniform/normal like Spark's but not the same numbers.
  auto counter = std::make_shared<std::atomic<uint64_t>>(0);
  spec.array_kernel = [seed, counter](const std::vector<ArrayPtr>&, int64_t length,
                                      const EvalOptions& options) -> Result<ArrayPtr> {
    std::mt19937_64 engine(static_cast<uint64_t>(seed) * 0x9E3779B97F4A7C15ULL +
                           static_cast<uint64_t>(options.partition_index) * 0xBF58476D1CE4E5B9ULL +
                           counter->fetch_add(1));
    arrow::DoubleBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(length));
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (int64_t i = 0; i < length; ++i) {
      builder.UnsafeAppend(kGaussian ? normal(engine) : uniform(engine));
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

template <int kWhich>
Result<ExprPtr> BindConstant(CallBinding& call) {
  const double value = kWhich == 0 ? M_PI : M_E;
  ScalarFunctionSpec spec{call.name, DataType::Double(), CallSql(kWhich == 0 ? "PI" : "E")};
  spec.datum_kernel = [value](const std::vector<arrow::Datum>&, int64_t,
                              const EvalOptions&) -> Result<arrow::Datum> {
    return arrow::Datum(std::make_shared<arrow::DoubleScalar>(value));
  };
  return MakeScalarCall(std::move(spec), {}, false);
}

}  // namespace

const std::vector<FunctionDefinition>& MathFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"round", 1, 2, false, &BindRound<Rounding::kHalfUp>, "Round",
       "round(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_UP rounding "
       "mode."},
      {"bround", 1, 2, false, &BindRound<Rounding::kHalfEven>, "BRound",
       "bround(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_EVEN rounding "
       "mode."},
      {"ceil", 1, 2, false, &BindCeilFloor<Rounding::kCeiling>, "Ceil",
       "ceil(expr) - Returns the smallest integer not smaller than `expr`."},
      {"ceiling", 1, 2, false, &BindCeilFloor<Rounding::kCeiling>, "Ceil",
       "ceiling(expr) - Returns the smallest integer not smaller than `expr`."},
      {"floor", 1, 2, false, &BindCeilFloor<Rounding::kFloor>, "Floor",
       "floor(expr) - Returns the largest integer not greater than `expr`."},
      {"sqrt", 1, 1, false, &BindUpperNamed<&Sqrt>, "Sqrt",
       "sqrt(expr) - Returns the square root of `expr`."},
      {"cbrt", 1, 1, false, &BindUpperNamed<&Cbrt>, "Cbrt",
       "cbrt(expr) - Returns the cube root of `expr`."},
      {"exp", 1, 1, false, &BindUpperNamed<&Exp>, "Exp",
       "exp(expr) - Returns e to the power of `expr`."},
      {"ln", 1, 1, false, &BindLn, "Log", "ln(expr) - Returns the natural logarithm of `expr`."},
      {"log", 1, 2, false, &BindLog, "Logarithm",
       "log(base, expr) - Returns the logarithm of `expr` with `base`."},
      {"log10", 1, 1, false, &BindLog10, "Log10",
       "log10(expr) - Returns the logarithm of `expr` with base 10."},
      {"log2", 1, 1, false, &BindLog2, "Log2",
       "log2(expr) - Returns the logarithm of `expr` with base 2."},
      {"pow", 2, 2, false, &BindPow, "Pow",
       "pow(expr1, expr2) - Raises `expr1` to the power of `expr2`."},
      {"power", 2, 2, false, &BindPow, "Pow",
       "power(expr1, expr2) - Raises `expr1` to the power of `expr2`."},
      {"atan2", 2, 2, false, &BindAtan2, "Atan2", "atan2(exprY, exprX) - Returns the angle."},
      {"hypot", 2, 2, false, &BindHypot, "Hypot", "hypot(expr1, expr2) - Returns sqrt(a^2 + b^2)."},
      {"sin", 1, 1, false, &BindUpperNamed<&Sin>, "Sin", "sin(expr) - Returns the sine of `expr`."},
      {"cos", 1, 1, false, &BindUpperNamed<&Cos>, "Cos",
       "cos(expr) - Returns the cosine of `expr`."},
      {"tan", 1, 1, false, &BindUpperNamed<&Tan>, "Tan",
       "tan(expr) - Returns the tangent of `expr`."},
      {"asin", 1, 1, false, &BindUpperNamed<&Asin>, "Asin",
       "asin(expr) - Returns the inverse sine."},
      {"acos", 1, 1, false, &BindUpperNamed<&Acos>, "Acos",
       "acos(expr) - Returns the inverse cosine."},
      {"atan", 1, 1, false, &BindUpperNamed<&Atan>, "Atan",
       "atan(expr) - Returns the inverse tangent."},
      {"sinh", 1, 1, false, &BindUpperNamed<&Sinh>, "Sinh",
       "sinh(expr) - Returns hyperbolic sine."},
      {"cosh", 1, 1, false, &BindUpperNamed<&Cosh>, "Cosh",
       "cosh(expr) - Returns hyperbolic cosine."},
      {"tanh", 1, 1, false, &BindUpperNamed<&Tanh>, "Tanh",
       "tanh(expr) - Returns hyperbolic tangent."},
      {"degrees", 1, 1, false, &BindUpperNamed<&Degrees>, "ToDegrees",
       "degrees(expr) - Converts radians to degrees."},
      {"radians", 1, 1, false, &BindUpperNamed<&Radians>, "ToRadians",
       "radians(expr) - Converts degrees to radians."},
      {"sign", 1, 1, false, &BindSignum, "Signum", "sign(expr) - Returns -1.0, 0.0 or 1.0."},
      {"signum", 1, 1, false, &BindSignum, "Signum", "signum(expr) - Returns -1.0, 0.0 or 1.0."},
      {"greatest", 2, -1, false, &BindExtreme<true>, "Greatest",
       "greatest(expr, ...) - Returns the greatest value of all parameters, skipping null values."},
      {"least", 2, -1, false, &BindExtreme<false>, "Least",
       "least(expr, ...) - Returns the least value of all parameters, skipping null values."},
      {"rand", 0, 1, false, &BindRandom<false>, "Rand",
       "rand([seed]) - Returns a random value uniformly distributed in [0, 1)."},
      {"random", 0, 1, false, &BindRandom<false>, "Rand",
       "random([seed]) - Returns a random value uniformly distributed in [0, 1)."},
      {"randn", 0, 1, false, &BindRandom<true>, "Randn",
       "randn([seed]) - Returns a random value from the standard normal distribution."},
      {"pi", 0, 0, false, &BindConstant<0>, "Pi", "pi() - Returns pi."},
      {"e", 0, 0, false, &BindConstant<1>, "EulerNumber", "e() - Returns Euler's number."},
  };
  return kFunctions;
}

}  // namespace sparkling
