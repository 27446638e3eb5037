// Comparison predicates: = <=> != < <= > >=, IN, BETWEEN, IS [NOT] NULL, isnan, LIKE, ILIKE,
// RLIKE. Operands are first cast to their common comparison type (Spark's coercion rules).

#include <unordered_set>

#include "function/function_definition.h"
#include "function/java_regex.h"
#include "function/kernel_support.h"
#include "function/value_ordering.h"

namespace sparkling {
namespace {

enum class CompareOp {
  kEqual,
  kNullSafeEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual
};

bool Holds(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kEqual:
    case CompareOp::kNullSafeEqual:
      return c == 0;
    case CompareOp::kNotEqual:
      return c != 0;
    case CompareOp::kLess:
      return c < 0;
    case CompareOp::kLessEqual:
      return c <= 0;
    case CompareOp::kGreater:
      return c > 0;
    case CompareOp::kGreaterEqual:
      return c >= 0;
  }
  return false;
}

template <typename ArrowT>
Result<ArrayPtr> ComparePrimitiveArrays(CompareOp op, const ArrayPtr& a, const ArrayPtr& b) {
  using T = typename ArrowT::c_type;
  const auto& x = static_cast<const ArrayOf<ArrowT>&>(*a);
  const auto& y = static_cast<const ArrayOf<ArrowT>&>(*b);
  arrow::BooleanBuilder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.Reserve(a->length()));
  for (int64_t i = 0; i < a->length(); ++i) {
    bool xn = x.IsNull(i), yn = y.IsNull(i);
    if (xn || yn) {
      if (op == CompareOp::kNullSafeEqual) {
        builder.UnsafeAppend(xn && yn);
      } else {
        builder.UnsafeAppendNull();
      }
      continue;
    }
    T u = x.Value(i), v = y.Value(i);
    int c;
    if constexpr (std::is_floating_point_v<T>) {
      bool un = std::isnan(u), vn = std::isnan(v);
      c = (un || vn) ? (un == vn ? 0 : (un ? 1 : -1)) : (u < v ? -1 : (v < u ? 1 : 0));
    } else {
      c = u < v ? -1 : (v < u ? 1 : 0);
    }
    builder.UnsafeAppend(Holds(op, c));
  }
  return FinishBuilder(builder);
}

Result<ArrayPtr> CompareArrays(CompareOp op, const ArrayPtr& a, const ArrayPtr& b) {
  switch (a->type_id()) {
    case arrow::Type::INT8:
      return ComparePrimitiveArrays<arrow::Int8Type>(op, a, b);
    case arrow::Type::INT16:
      return ComparePrimitiveArrays<arrow::Int16Type>(op, a, b);
    case arrow::Type::INT32:
    case arrow::Type::DATE32:
      return ComparePrimitiveArrays<arrow::Int32Type>(op, a, b);
    case arrow::Type::INT64:
      return ComparePrimitiveArrays<arrow::Int64Type>(op, a, b);
    case arrow::Type::FLOAT:
      return ComparePrimitiveArrays<arrow::FloatType>(op, a, b);
    case arrow::Type::DOUBLE:
      return ComparePrimitiveArrays<arrow::DoubleType>(op, a, b);
    default:
      break;
  }
  arrow::BooleanBuilder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.Reserve(a->length()));
  for (int64_t i = 0; i < a->length(); ++i) {
    bool xn = a->IsNull(i), yn = b->IsNull(i);
    if (xn || yn) {
      if (op == CompareOp::kNullSafeEqual) {
        builder.UnsafeAppend(xn && yn);
      } else {
        builder.UnsafeAppendNull();
      }
      continue;
    }
    builder.UnsafeAppend(Holds(op, CompareValues(*a, i, *b, i)));
  }
  return FinishBuilder(builder);
}

bool IsOrderable(const DataType& type) {
  if (type.id() == TypeId::kMap) return false;
  if (type.id() == TypeId::kArray) return IsOrderable(*type.element_type());
  if (type.id() == TypeId::kStruct) {
    for (const auto& f : type.fields()) {
      if (!IsOrderable(*f.type)) return false;
    }
  }
  return true;
}

// Casts both operands to their comparison type.
Status CoerceComparison(CallBinding& call, size_t left, size_t right, const SqlRenderer& sql) {
  auto common = FindBinaryComparisonType(call.arg_type(left), call.arg_type(right), call.ansi());
  if (!common) {
    return Status::Error("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"left", QuotedType(call.arg_type(left))},
                          {"right", QuotedType(call.arg_type(right))}});
  }
  if (!IsOrderable(**common)) {
    return Status::Error("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"functionName", "`" + call.name + "`"},
                          {"dataType", QuotedType(**common)}});
  }
  call.args[left] = ImplicitCast(call.args[left], *common);
  call.args[right] = ImplicitCast(call.args[right], *common);
  return Status::OK();
}

Result<ExprPtr> BindCompare(CallBinding& call, CompareOp op, SqlRenderer sql) {
  SPK_RETURN_NOT_OK(CoerceComparison(call, 0, 1, sql));
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.array_kernel = [op](const std::vector<ArrayPtr>& args, int64_t,
                           const EvalOptions&) -> Result<ArrayPtr> {
    return CompareArrays(op, args[0], args[1]);
  };
  bool nullable = op != CompareOp::kNullSafeEqual && call.any_nullable();
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

template <CompareOp kOp>
Result<ExprPtr> BindCompareOperator(CallBinding& call) {
  static const char* const kSymbols[] = {"=", "<=>", "!=", "<", "<=", ">", ">="};
  SqlRenderer sql = InfixSql(kSymbols[static_cast<int>(kOp)]);
  if (kOp == CompareOp::kNotEqual) {
    // Spark parses a != b as NOT (a = b) and names it that way.
    sql = [](const std::vector<std::string>& args) {
      return "(NOT (" + args[0] + " = " + args[1] + "))";
    };
  }
  return BindCompare(call, kOp, sql);
}

// value IN (list...): NULL when value is NULL, or when nothing matched and the list has a NULL.
Result<ExprPtr> BindIn(CallBinding& call) {
  SqlRenderer sql = [](const std::vector<std::string>& args) {
    std::vector<std::string> list(args.begin() + 1, args.end());
    return "(" + args[0] + " IN (" + JoinSql(list, ", ") + "))";
  };
  std::vector<size_t> all;
  for (size_t i = 0; i < call.args.size(); ++i) all.push_back(i);
  std::vector<DataTypePtr> types;
  for (const auto& arg : call.args) types.push_back(arg->type);
  std::optional<DataTypePtr> common;
  if (call.args.size() == 2) {
    common = FindBinaryComparisonType(*types[0], *types[1], call.ansi());
  } else {
    common = FindWiderCommonType(types, call.ansi());
  }
  if (!common) {
    std::string listed = "[";
    for (size_t i = 0; i < types.size(); ++i) {
      if (i > 0) listed += ", ";
      listed += QuotedType(*types[i]);
    }
    return Status::Error("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"functionName", "`in`"},
                          {"dataType", listed + "]"}});
  }
  for (auto& arg : call.args) arg = ImplicitCast(arg, *common);
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    arrow::BooleanBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(length));
    for (int64_t i = 0; i < length; ++i) {
      if (args[0]->IsNull(i)) {
        builder.UnsafeAppendNull();
        continue;
      }
      bool found = false, saw_null = false;
      for (size_t k = 1; k < args.size() && !found; ++k) {
        if (args[k]->IsNull(i)) {
          saw_null = true;
        } else if (CompareValues(*args[0], i, *args[k], i) == 0) {
          found = true;
        }
      }
      if (found) {
        builder.UnsafeAppend(true);
      } else if (saw_null) {
        builder.UnsafeAppendNull();
      } else {
        builder.UnsafeAppend(false);
      }
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// between(v, low, high) = v >= low AND v <= high (Kleene AND).
Result<ExprPtr> BindBetween(CallBinding& call) {
  SqlRenderer sql = CallSql("between");
  std::vector<DataTypePtr> types;
  for (const auto& arg : call.args) types.push_back(arg->type);
  auto low = FindBinaryComparisonType(*types[0], *types[1], call.ansi());
  auto high = FindBinaryComparisonType(*types[0], *types[2], call.ansi());
  std::optional<DataTypePtr> common;
  if (low && high) common = FindWiderType(**low, **high, call.ansi());
  if (!common) {
    return Status::Error("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"left", QuotedType(*types[0])},
                          {"right", QuotedType(low ? *types[2] : *types[1])}});
  }
  for (auto& arg : call.args) arg = ImplicitCast(arg, *common);
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    arrow::BooleanBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(length));
    for (int64_t i = 0; i < length; ++i) {
      // Kleene: false if either known comparison is false; NULL if any is unknown.
      std::optional<bool> ge, le;
      if (!args[0]->IsNull(i) && !args[1]->IsNull(i))
        ge = CompareValues(*args[0], i, *args[1], i) >= 0;
      if (!args[0]->IsNull(i) && !args[2]->IsNull(i))
        le = CompareValues(*args[0], i, *args[2], i) <= 0;
      if ((ge && !*ge) || (le && !*le)) {
        builder.UnsafeAppend(false);
      } else if (ge && le) {
        builder.UnsafeAppend(true);
      } else {
        builder.UnsafeAppendNull();
      }
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

Result<ExprPtr> BindNullTest(CallBinding& call, bool want_null) {
  SqlRenderer sql = [want_null](const std::vector<std::string>& args) {
    return "(" + args[0] + (want_null ? " IS NULL)" : " IS NOT NULL)");
  };
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.datum_kernel = [want_null](const std::vector<arrow::Datum>& args, int64_t,
                                  const EvalOptions&) -> Result<arrow::Datum> {
    if (args[0].is_scalar()) {
      return arrow::Datum(
          std::make_shared<arrow::BooleanScalar>(args[0].scalar()->is_valid != want_null));
    }
    auto array = args[0].make_array();
    arrow::BooleanBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(array->length()));
    for (int64_t i = 0; i < array->length(); ++i)
      builder.UnsafeAppend(array->IsNull(i) == want_null);
    SPK_ASSIGN_OR_RAISE(auto out, FinishBuilder(builder));
    return arrow::Datum(out);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

Result<ExprPtr> BindIsNull(CallBinding& call) { return BindNullTest(call, true); }
Result<ExprPtr> BindIsNotNull(CallBinding& call) { return BindNullTest(call, false); }

Result<ExprPtr> BindIsNan(CallBinding& call) {
  SqlRenderer sql = CallSql("isnan");
  SPK_RETURN_NOT_OK(CoerceArgument(
      call, 0, {ExpectedType::Exact(DataType::Double()), ExpectedType::Exact(DataType::Float())},
      sql));
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    arrow::BooleanBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(length));
    const auto& a = *args[0];
    for (int64_t i = 0; i < length; ++i) {
      bool nan = false;
      if (a.IsValid(i)) {
        nan = a.type_id() == arrow::Type::FLOAT
                  ? std::isnan(static_cast<const arrow::FloatArray&>(a).Value(i))
                  : std::isnan(static_cast<const arrow::DoubleArray&>(a).Value(i));
      }
      builder.UnsafeAppend(nan);
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

// ---------------------------------------------------------------------------------------------
// LIKE / ILIKE / RLIKE

enum class PatternKind { kLike, kILike, kRegex };

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Result<ExprPtr> BindPatternMatch(CallBinding& call, PatternKind kind, SqlRenderer sql) {
  SPK_RETURN_NOT_OK(CoerceArguments(call,
                                    {ExpectedType::Of(ExpectedType::Kind::kStringLike),
                                     ExpectedType::Of(ExpectedType::Kind::kStringLike)},
                                    sql));
  char escape = '\\';
  if (call.args.size() == 3) {
    const auto* literal =
        call.args[2]->kind == ExprKind::kLiteral ? &call.args[2]->As<Literal>() : nullptr;
    if (literal == nullptr || !literal->value || !literal->value->is_valid) {
      return Status::NotImplemented("a non-literal LIKE escape character");
    }
    auto text = literal->value->ToString();
    if (text.size() != 1) return Status::NotImplemented("a multi-character LIKE escape");
    escape = text[0];
    call.args.pop_back();
  }
  std::string function_name = call.name;
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.array_kernel = [kind, escape, function_name](const std::vector<ArrayPtr>& args,
                                                    int64_t length,
                                                    const EvalOptions&) -> Result<ArrayPtr> {
    // Patterns are usually one literal: compile each distinct pattern once per batch.
    std::string cached_pattern;
    std::shared_ptr<const JavaRegex> cached;
    return MapBinary<arrow::StringType, arrow::StringType, arrow::BooleanType>(
        args[0], args[1], arrow::boolean(),
        [&](arrow::BooleanBuilder& out, std::string_view text, std::string_view pattern) -> Status {
          if (!cached || pattern != cached_pattern) {
            cached_pattern = std::string(pattern);
            std::string regex;
            if (kind == PatternKind::kRegex) {
              regex = cached_pattern;
            } else {
              regex = LikePatternToRegex(
                  kind == PatternKind::kILike ? LowerAscii(pattern) : cached_pattern, escape);
            }
            SPK_ASSIGN_OR_RAISE(cached, JavaRegex::Compile(regex, function_name));
          }
          if (kind == PatternKind::kILike) return AppendValue(out, cached->Find(LowerAscii(text)));
          return AppendValue(out, cached->Find(text));
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

Result<ExprPtr> BindLike(CallBinding& call) {
  return BindPatternMatch(call, PatternKind::kLike, [](const std::vector<std::string>& args) {
    return args[0] + " LIKE " + args[1];
  });
}
Result<ExprPtr> BindILike(CallBinding& call) {
  return BindPatternMatch(call, PatternKind::kILike, CallSql("ilike"));
}
Result<ExprPtr> BindRLike(CallBinding& call) {
  SqlRenderer sql = call.name == "rlike" ? CallSql("RLIKE") : CallSql(call.name);
  return BindPatternMatch(call, PatternKind::kRegex, sql);
}

}  // namespace

const std::vector<FunctionDefinition>& ComparisonFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"==", 2, 2, false, &BindCompareOperator<CompareOp::kEqual>, "EqualTo",
       "expr1 = expr2 - Returns true if `expr1` equals `expr2`, or false otherwise."},
      {"=", 2, 2, false, &BindCompareOperator<CompareOp::kEqual>, "EqualTo",
       "expr1 = expr2 - Returns true if `expr1` equals `expr2`, or false otherwise."},
      {"<=>", 2, 2, false, &BindCompareOperator<CompareOp::kNullSafeEqual>, "EqualNullSafe",
       "expr1 <=> expr2 - Returns same result as the EQUAL(=) operator for non-null operands, "
       "but returns true if both are null, false if one of the them is null."},
      {"!=", 2, 2, false, &BindCompareOperator<CompareOp::kNotEqual>, "Not",
       "expr1 != expr2 - Returns true if `expr1` is not equal to `expr2`."},
      {"<>", 2, 2, false, &BindCompareOperator<CompareOp::kNotEqual>, "Not",
       "expr1 <> expr2 - Returns true if `expr1` is not equal to `expr2`."},
      {"<", 2, 2, false, &BindCompareOperator<CompareOp::kLess>, "LessThan",
       "expr1 < expr2 - Returns true if `expr1` is less than `expr2`."},
      {"<=", 2, 2, false, &BindCompareOperator<CompareOp::kLessEqual>, "LessThanOrEqual",
       "expr1 <= expr2 - Returns true if `expr1` is less than or equal to `expr2`."},
      {">", 2, 2, false, &BindCompareOperator<CompareOp::kGreater>, "GreaterThan",
       "expr1 > expr2 - Returns true if `expr1` is greater than `expr2`."},
      {">=", 2, 2, false, &BindCompareOperator<CompareOp::kGreaterEqual>, "GreaterThanOrEqual",
       "expr1 >= expr2 - Returns true if `expr1` is greater than or equal to `expr2`."},
      {"in", 2, -1, false, &BindIn, "In",
       "expr1 in(expr2, expr3, ...) - Returns true if `expr` equals to any valN."},
      {"between", 3, 3, false, &BindBetween, "Between",
       "expr1 [NOT] BETWEEN expr2 AND expr3 - evaluate if `expr1` is [not] in between `expr2` "
       "and `expr3`."},
      {"isnull", 1, 1, false, &BindIsNull, "IsNull",
       "isnull(expr) - Returns true if `expr` is null, or false otherwise."},
      {"isnotnull", 1, 1, false, &BindIsNotNull, "IsNotNull",
       "isnotnull(expr) - Returns true if `expr` is not null, or false otherwise."},
      {"isnan", 1, 1, false, &BindIsNan, "IsNaN",
       "isnan(expr) - Returns true if `expr` is NaN, or false otherwise."},
      {"like", 2, 3, false, &BindLike, "Like",
       "str like pattern[ ESCAPE escape] - Returns true if str matches `pattern` with `escape`."},
      {"ilike", 2, 3, false, &BindILike, "ILike",
       "str ilike pattern[ ESCAPE escape] - Returns true if str matches `pattern` "
       "case-insensitively."},
      {"rlike", 2, 2, false, &BindRLike, "RLike",
       "rlike(str, regexp) - Returns true if `str` matches `regexp`, or false otherwise."},
      {"regexp", 2, 2, false, &BindRLike, "RLike",
       "regexp(str, regexp) - Returns true if `str` matches `regexp`, or false otherwise."},
      {"regexp_like", 2, 2, false, &BindRLike, "RLike",
       "regexp_like(str, regexp) - Returns true if `str` matches `regexp`, or false otherwise."},
  };
  return kFunctions;
}

}  // namespace sparkling
