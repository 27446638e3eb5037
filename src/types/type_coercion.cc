#include "types/type_coercion.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace sparkling {
namespace {

using TypeFinder = std::function<std::optional<DataTypePtr>(const DataType&, const DataType&)>;

// Spark's numericPrecedence for the non-decimal numeric types.
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kByte:
      return 0;
    case TypeId::kShort:
      return 1;
    case TypeId::kInteger:
      return 2;
    case TypeId::kLong:
      return 3;
    case TypeId::kFloat:
      return 4;
    case TypeId::kDouble:
      return 5;
    default:
      return -1;
  }
}

DataTypePtr NumericOfRank(int rank) {
  switch (rank) {
    case 0:
      return DataType::Byte();
    case 1:
      return DataType::Short();
    case 2:
      return DataType::Integer();
    case 3:
      return DataType::Long();
    case 4:
      return DataType::Float();
    default:
      return DataType::Double();
  }
}

DataTypePtr PrimitiveOf(TypeId id) {
  switch (id) {
    case TypeId::kNull:
      return DataType::Null();
    case TypeId::kBoolean:
      return DataType::Boolean();
    case TypeId::kString:
      return DataType::String();
    case TypeId::kBinary:
      return DataType::Binary();
    case TypeId::kDate:
      return DataType::Date();
    case TypeId::kTimestamp:
      return DataType::Timestamp();
    case TypeId::kTimestampNtz:
      return DataType::TimestampNtz();
    case TypeId::kCalendarInterval:
      return DataType::CalendarInterval();
    default:
      return NumericOfRank(NumericRank(id));
  }
}

// Rebuilds a shared pointer for a type we only hold by reference. Primitive types are
// singletons; parameterised types are rebuilt structurally.
DataTypePtr Share(const DataType& type) {
  switch (type.id()) {
    case TypeId::kDecimal:
      return DataType::Decimal(type.precision(), type.scale());
    case TypeId::kChar:
      return DataType::Char(type.length());
    case TypeId::kVarchar:
      return DataType::Varchar(type.length());
    case TypeId::kYearMonthInterval:
      return DataType::YearMonthInterval(type.start_field(), type.end_field());
    case TypeId::kDayTimeInterval:
      return DataType::DayTimeInterval(type.start_field(), type.end_field());
    case TypeId::kArray:
      return DataType::Array(type.element_type(), type.contains_null());
    case TypeId::kMap:
      return DataType::Map(type.key_type(), type.value_type(), type.contains_null());
    case TypeId::kStruct:
      return DataType::Struct(type.fields());
    default:
      return PrimitiveOf(type.id());
  }
}

bool IsAtomic(const DataType& type) {
  return !type.IsNested() && type.id() != TypeId::kNull && type.id() != TypeId::kCalendarInterval;
}

bool IsAnsiInterval(const DataType& type) {
  return type.id() == TypeId::kYearMonthInterval || type.id() == TypeId::kDayTimeInterval;
}

// Precision of the decimal an integral type converts to (DecimalType.forType).
int IntegralDecimalPrecision(TypeId id) {
  switch (id) {
    case TypeId::kByte:
      return 3;
    case TypeId::kShort:
      return 5;
    case TypeId::kInteger:
      return 10;
    case TypeId::kLong:
      return 20;
    default:
      return 0;
  }
}

// Spark's DecimalType.isWiderThan(integral): the decimal holds every value of the integral.
bool DecimalIsWiderThanIntegral(const DataType& decimal, const DataType& integral) {
  int digits = IntegralDecimalPrecision(integral.id());
  return decimal.precision() - decimal.scale() >= digits;
}

DataTypePtr WiderDateTimeType(const DataType& a, const DataType& b) {
  if (a.id() == b.id()) return Share(a);
  if (a.id() == TypeId::kTimestamp || b.id() == TypeId::kTimestamp) return DataType::Timestamp();
  return DataType::TimestampNtz();  // date with timestamp_ntz
}

// Spark's findTypeForComplex: element-wise through arrays, maps and structs.
std::optional<DataTypePtr> FindTypeForComplex(const DataType& a, const DataType& b,
                                              const TypeFinder& finder) {
  if (a.id() == TypeId::kArray && b.id() == TypeId::kArray) {
    auto element = finder(*a.element_type(), *b.element_type());
    if (!element) return std::nullopt;
    return DataType::Array(*element, a.contains_null() || b.contains_null());
  }
  if (a.id() == TypeId::kMap && b.id() == TypeId::kMap) {
    auto key = finder(*a.key_type(), *b.key_type());
    auto value = finder(*a.value_type(), *b.value_type());
    if (!key || !value) return std::nullopt;
    return DataType::Map(*key, *value, a.contains_null() || b.contains_null());
  }
  if (a.id() == TypeId::kStruct && b.id() == TypeId::kStruct) {
    const auto& fa = a.fields();
    const auto& fb = b.fields();
    if (fa.size() != fb.size()) return std::nullopt;
    std::vector<StructField> fields;
    for (size_t i = 0; i < fa.size(); ++i) {
      std::string na = fa[i].name, nb = fb[i].name;
      auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
      };
      if (lower(na) != lower(nb)) return std::nullopt;
      auto field_type = finder(*fa[i].type, *fb[i].type);
      if (!field_type) return std::nullopt;
      fields.push_back(StructField{na, *field_type, fa[i].nullable || fb[i].nullable});
    }
    return DataType::Struct(std::move(fields));
  }
  return std::nullopt;
}

std::optional<DataTypePtr> FindWiderTypeForDecimal(const DataType& a, const DataType& b) {
  bool a_dec = a.id() == TypeId::kDecimal, b_dec = b.id() == TypeId::kDecimal;
  if (a_dec && b_dec) return WiderDecimalType(a, b);
  if (a_dec && b.IsIntegral()) return WiderDecimalType(a, *DecimalForType(b));
  if (b_dec && a.IsIntegral()) return WiderDecimalType(*DecimalForType(a), b);
  if ((a_dec && b.IsFractional()) || (b_dec && a.IsFractional())) return DataType::Double();
  return std::nullopt;
}

// Legacy TypeCoercion.stringPromotion.
std::optional<DataTypePtr> LegacyStringPromotion(const DataType& a, const DataType& b) {
  auto promotable = [](const DataType& t) {
    return IsAtomic(t) && t.id() != TypeId::kBinary && t.id() != TypeId::kBoolean;
  };
  if (a.IsStringLike() && promotable(b)) return DataType::String();
  if (b.IsStringLike() && promotable(a)) return DataType::String();
  return std::nullopt;
}

// AnsiTypeCoercion.findWiderTypeForString: a string takes the other side's type.
std::optional<DataTypePtr> AnsiStringPromotion(const DataType& a, const DataType& b) {
  const DataType* str = a.IsStringLike() ? &a : (b.IsStringLike() ? &b : nullptr);
  if (str == nullptr) return std::nullopt;
  const DataType& other = str == &a ? b : a;
  if (other.IsIntegral()) return DataType::Long();
  if (other.IsFractional()) return DataType::Double();
  if (other.id() == TypeId::kNull) return DataType::String();
  if (IsAnsiInterval(other)) return std::nullopt;
  if (other.IsStringLike()) return DataType::String();
  if (IsAtomic(other)) return Share(other);
  return std::nullopt;
}

}  // namespace

std::optional<DataTypePtr> FindTightestCommonType(const DataType& a, const DataType& b, bool ansi) {
  if (a.Equals(b)) return Share(a);
  if (a.id() == TypeId::kNull) return Share(b);
  if (b.id() == TypeId::kNull) return Share(a);
  // char/varchar behave as string once they meet another type.
  if (a.IsStringLike() && b.IsStringLike()) return DataType::String();
  if (a.IsIntegral() && b.id() == TypeId::kDecimal && DecimalIsWiderThanIntegral(b, a)) {
    return Share(b);
  }
  if (b.IsIntegral() && a.id() == TypeId::kDecimal && DecimalIsWiderThanIntegral(a, b)) {
    return Share(a);
  }
  int ra = NumericRank(a.id()), rb = NumericRank(b.id());
  if (ra >= 0 && rb >= 0) {
    int wider = std::max(ra, rb);
    // ANSI: an int/bigint meeting a float widens to double to avoid precision loss.
    if (ansi && wider == 4 &&
        (a.id() == TypeId::kInteger || a.id() == TypeId::kLong || b.id() == TypeId::kInteger ||
         b.id() == TypeId::kLong)) {
      return DataType::Double();
    }
    return NumericOfRank(wider);
  }
  if (a.IsDatetime() && b.IsDatetime()) return WiderDateTimeType(a, b);
  if (a.id() == b.id() && IsAnsiInterval(a)) {
    int start = std::min(a.start_field(), b.start_field());
    int end = std::max(a.end_field(), b.end_field());
    return a.id() == TypeId::kDayTimeInterval ? DataType::DayTimeInterval(start, end)
                                              : DataType::YearMonthInterval(start, end);
  }
  return FindTypeForComplex(a, b, [ansi](const DataType& x, const DataType& y) {
    return FindTightestCommonType(x, y, ansi);
  });
}

std::optional<DataTypePtr> FindWiderType(const DataType& a, const DataType& b, bool ansi) {
  if (auto tightest = FindTightestCommonType(a, b, ansi)) return tightest;
  if (auto decimal = FindWiderTypeForDecimal(a, b)) return decimal;
  if (auto promoted = ansi ? AnsiStringPromotion(a, b) : LegacyStringPromotion(a, b)) {
    return promoted;
  }
  return FindTypeForComplex(
      a, b, [ansi](const DataType& x, const DataType& y) { return FindWiderType(x, y, ansi); });
}

namespace {
bool HasStringType(const DataType& type) {
  if (type.IsStringLike()) return true;
  if (type.id() == TypeId::kArray) return HasStringType(*type.element_type());
  return false;
}
}  // namespace

std::optional<DataTypePtr> FindWiderCommonType(const std::vector<DataTypePtr>& types, bool ansi) {
  // Wider-type search is not associative once strings are involved; like Spark, visit the
  // string-typed inputs first in legacy mode so (timestamp, int, string) → string.
  std::vector<DataTypePtr> ordered;
  if (!ansi) {
    for (const auto& t : types) {
      if (HasStringType(*t)) ordered.push_back(t);
    }
    for (const auto& t : types) {
      if (!HasStringType(*t)) ordered.push_back(t);
    }
  } else {
    ordered = types;
  }
  DataTypePtr current = DataType::Null();
  for (const auto& t : ordered) {
    auto wider = FindWiderType(*current, *t, ansi);
    if (!wider) return std::nullopt;
    current = *wider;
  }
  return current;
}

namespace {
std::optional<DataTypePtr> WiderWithoutStringPromotion(const DataType& a, const DataType& b,
                                                       bool ansi) {
  if (auto tightest = FindTightestCommonType(a, b, ansi)) return tightest;
  if (auto decimal = FindWiderTypeForDecimal(a, b)) return decimal;
  return FindTypeForComplex(a, b, [ansi](const DataType& x, const DataType& y) {
    return WiderWithoutStringPromotion(x, y, ansi);
  });
}
}  // namespace

std::optional<DataTypePtr> FindWiderCommonTypeWithoutStringPromotion(
    const std::vector<DataTypePtr>& types, bool ansi) {
  DataTypePtr current = DataType::Null();
  for (const auto& t : types) {
    auto wider = WiderWithoutStringPromotion(*current, *t, ansi);
    if (!wider) return std::nullopt;
    current = *wider;
  }
  return current;
}

std::optional<DataTypePtr> FindBinaryComparisonType(const DataType& a, const DataType& b,
                                                    bool ansi) {
  if (ansi) {
    if (auto tightest = FindTightestCommonType(a, b, true)) return tightest;
    if (auto decimal = FindWiderTypeForDecimal(a, b)) return decimal;
    if (auto promoted = AnsiStringPromotion(a, b)) return promoted;
    return FindTypeForComplex(
        a, b, [](const DataType& x, const DataType& y) { return FindWiderType(x, y, true); });
  }
  // Legacy PromoteStrings / findCommonTypeForBinaryComparison.
  bool sa = a.IsStringLike(), sb = b.IsStringLike();
  if (sa && sb) return DataType::String();
  if ((sa && b.id() == TypeId::kNull) || (sb && a.id() == TypeId::kNull)) {
    return DataType::String();
  }
  if ((a.id() == TypeId::kTimestamp && b.id() == TypeId::kDate) ||
      (a.id() == TypeId::kDate && b.id() == TypeId::kTimestamp)) {
    return DataType::Timestamp();
  }
  if ((sa && b.id() == TypeId::kDecimal) || (sb && a.id() == TypeId::kDecimal)) {
    return DataType::Double();
  }
  if (sa && IsAtomic(b)) return Share(b);
  if (sb && IsAtomic(a)) return Share(a);
  if (auto tightest = FindTightestCommonType(a, b, false)) return tightest;
  if (auto decimal = FindWiderTypeForDecimal(a, b)) return decimal;
  return FindTypeForComplex(
      a, b, [](const DataType& x, const DataType& y) { return FindWiderType(x, y, false); });
}

// ---------------------------------------------------------------------------------------------
// Decimals

DataTypePtr BoundedDecimal(int precision, int scale) {
  return DataType::Decimal(std::min(precision, DataType::kMaxDecimalPrecision),
                           std::min(scale, DataType::kMaxDecimalPrecision));
}

DataTypePtr AdjustedDecimal(int precision, int scale) {
  constexpr int kMinimumAdjustedScale = 6;
  if (precision <= DataType::kMaxDecimalPrecision) return DataType::Decimal(precision, scale);
  if (scale < 0) return DataType::Decimal(DataType::kMaxDecimalPrecision, scale);
  int int_digits = precision - scale;
  int min_scale = std::min(scale, kMinimumAdjustedScale);
  int adjusted_scale = std::max(DataType::kMaxDecimalPrecision - int_digits, min_scale);
  return DataType::Decimal(DataType::kMaxDecimalPrecision, adjusted_scale);
}

DataTypePtr DecimalForType(const DataType& type) {
  switch (type.id()) {
    case TypeId::kByte:
      return DataType::Decimal(3, 0);
    case TypeId::kShort:
      return DataType::Decimal(5, 0);
    case TypeId::kInteger:
      return DataType::Decimal(10, 0);
    case TypeId::kLong:
      return DataType::Decimal(20, 0);
    case TypeId::kFloat:
      return DataType::Decimal(14, 7);
    case TypeId::kDouble:
      return DataType::Decimal(30, 15);
    case TypeId::kDecimal:
      return DataType::Decimal(type.precision(), type.scale());
    default:
      return nullptr;
  }
}

DataTypePtr WiderDecimalType(const DataType& a, const DataType& b) {
  int scale = std::max(a.scale(), b.scale());
  int range = std::max(a.precision() - a.scale(), b.precision() - b.scale());
  return BoundedDecimal(range + scale, scale);
}

DataTypePtr DecimalArithmeticResultType(DecimalArithmetic op, const DataType& left,
                                        const DataType& right) {
  int p1 = left.precision(), s1 = left.scale();
  int p2 = right.precision(), s2 = right.scale();
  switch (op) {
    case DecimalArithmetic::kAdd:
    case DecimalArithmetic::kSubtract: {
      int scale = std::max(s1, s2);
      int range = std::max(p1 - s1, p2 - s2);
      return AdjustedDecimal(range + scale + 1, scale);
    }
    case DecimalArithmetic::kMultiply:
      return AdjustedDecimal(p1 + p2 + 1, s1 + s2);
    case DecimalArithmetic::kDivide: {
      int int_digits = p1 - s1 + s2;
      int scale = std::max(6, s1 + p2 + 1);
      return AdjustedDecimal(int_digits + scale, scale);
    }
    case DecimalArithmetic::kRemainder: {
      int scale = std::max(s1, s2);
      int range = std::min(p1 - s1, p2 - s2);
      return AdjustedDecimal(range + scale, scale);
    }
    case DecimalArithmetic::kIntegralDivide: {
      // The quotient's decimal type; `div` then returns it as a bigint.
      int int_digits = p1 - s1 + s2;
      int scale = std::max(6, s1 + p2 + 1);
      return AdjustedDecimal(int_digits + scale, scale);
    }
  }
  return DataType::Decimal(38, 18);
}

// ---------------------------------------------------------------------------------------------
// Function inputs

bool ExpectedType::Accepts(const DataType& t) const {
  switch (kind) {
    case Kind::kExact:
      if (type->id() == TypeId::kDecimal) return t.id() == TypeId::kDecimal;
      return type->SameType(t);
    case Kind::kAny:
      return true;
    case Kind::kNumeric:
      return t.IsNumeric();
    case Kind::kIntegral:
      return t.IsIntegral();
    case Kind::kDecimal:
      return t.id() == TypeId::kDecimal;
    case Kind::kStringLike:
      return t.IsStringLike();
    case Kind::kAnyTimestamp:
      return t.id() == TypeId::kTimestamp || t.id() == TypeId::kTimestampNtz;
    case Kind::kArray:
      return t.id() == TypeId::kArray;
    case Kind::kMap:
      return t.id() == TypeId::kMap;
    case Kind::kStruct:
      return t.id() == TypeId::kStruct;
    case Kind::kAtomic:
      return IsAtomic(t);
  }
  return false;
}

std::string ExpectedType::SqlName() const {
  switch (kind) {
    case Kind::kExact:
      return type->id() == TypeId::kDecimal ? "DECIMAL" : type->Sql();
    case Kind::kAny:
      return "ANY";
    case Kind::kNumeric:
      return "NUMERIC";
    case Kind::kIntegral:
      return "INTEGRAL";
    case Kind::kDecimal:
      return "DECIMAL";
    case Kind::kStringLike:
      return "STRING";
    case Kind::kAnyTimestamp:
      return "TIMESTAMP";  // Spark prints ("TIMESTAMP" or "TIMESTAMP_NTZ")
    case Kind::kArray:
      return "ARRAY";
    case Kind::kMap:
      return "MAP";
    case Kind::kStruct:
      return "STRUCT";
    case Kind::kAtomic:
      return "ATOMIC";
  }
  return "ANY";
}

namespace {

DataTypePtr DefaultConcreteType(const ExpectedType& expected) {
  using Kind = ExpectedType::Kind;
  switch (expected.kind) {
    case Kind::kExact:
      return expected.type;
    case Kind::kNumeric:
      return DataType::Double();
    case Kind::kIntegral:
      return DataType::Long();
    case Kind::kDecimal:
      return DataType::Decimal(38, 18);
    case Kind::kStringLike:
      return DataType::String();
    case Kind::kAnyTimestamp:
      return DataType::Timestamp();
    default:
      return nullptr;
  }
}

// Spark's Cast.canANSIStoreAssign for atomic types: what ANSI implicit casts allow.
bool CanAnsiStoreAssign(const DataType& from, const DataType& to) {
  if (from.id() == TypeId::kNull) return true;
  if (from.IsNumeric() && to.IsNumeric()) return true;
  if (IsAtomic(from) && to.IsStringLike()) return true;
  if (from.IsDatetime() && to.IsDatetime()) return true;
  if (from.id() == to.id() && IsAtomic(from)) return true;
  return false;
}

}  // namespace

std::optional<DataTypePtr> ImplicitCastTarget(const DataType& from, const ExpectedType& expected,
                                              bool ansi) {
  using Kind = ExpectedType::Kind;
  if (expected.Accepts(from)) {
    // A decimal parameter accepts any decimal as is.
    return Share(from);
  }
  DataTypePtr target = DefaultConcreteType(expected);
  if (from.id() == TypeId::kNull) {
    if (target) return target;
    return std::nullopt;
  }
  if (expected.kind == Kind::kExact && expected.type->id() == TypeId::kDecimal) {
    target = from.IsIntegral() ? DecimalForType(from) : DataType::Decimal(38, 18);
  }
  if (target == nullptr) return std::nullopt;
  // Any atomic value is accepted where a string is expected (upper(1), concat(1, 'a')).
  if (expected.kind == Kind::kStringLike && IsAtomic(from)) return DataType::String();
  if (ansi) {
    if (from.IsFractional() && expected.kind == Kind::kIntegral) return std::nullopt;
    if (from.IsStringLike() && (IsAtomic(*target) || expected.kind == Kind::kNumeric)) {
      return target;
    }
    if (expected.kind == Kind::kExact && CanAnsiStoreAssign(from, *target)) return target;
    if (from.IsNumeric() && (expected.kind == Kind::kNumeric || expected.kind == Kind::kDecimal)) {
      return expected.kind == Kind::kDecimal ? DecimalForType(from) : target;
    }
    if (from.id() == TypeId::kDate && expected.kind == Kind::kAnyTimestamp) return target;
    return std::nullopt;
  }
  // Legacy TypeCoercion.implicitCast.
  if (from.IsStringLike() && expected.kind == Kind::kNumeric) return DataType::Double();
  if (from.IsNumeric() && target->id() == TypeId::kDecimal) return DecimalForType(from);
  if (from.IsNumeric() && target->IsNumeric()) return target;
  if (from.id() == TypeId::kDate &&
      (target->id() == TypeId::kTimestamp || target->id() == TypeId::kTimestampNtz)) {
    return target;
  }
  if ((from.id() == TypeId::kTimestamp || from.id() == TypeId::kTimestampNtz) &&
      target->id() == TypeId::kDate) {
    return target;
  }
  if (from.IsStringLike() &&
      (target->IsNumeric() || target->IsDatetime() || target->id() == TypeId::kBinary)) {
    return target;
  }
  if (IsAtomic(from) && target->IsStringLike()) return DataType::String();
  return std::nullopt;
}

std::optional<DataTypePtr> ImplicitCastTarget(const DataType& from,
                                              const std::vector<ExpectedType>& expected,
                                              bool ansi) {
  for (const auto& e : expected) {
    if (e.Accepts(from)) return Share(from);
  }
  if (from.id() == TypeId::kNull && !expected.empty()) {
    // Spark does not pick a default for a type collection; a NULL takes the first option.
    return ImplicitCastTarget(from, expected.front(), ansi);
  }
  for (const auto& e : expected) {
    if (auto target = ImplicitCastTarget(from, e, ansi)) return target;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Explicit casts

bool CanCast(const DataType& from, const DataType& to, bool ansi) {
  if (from.SameType(to)) return true;
  if (from.id() == TypeId::kNull) return true;
  const TypeId f = from.id(), t = to.id();
  if (to.IsStringLike()) {
    return true;  // every type has a string form
  }
  if (from.IsStringLike()) {
    // Strings parse into every atomic type (and into intervals).
    return IsAtomic(to) || t == TypeId::kCalendarInterval || IsAnsiInterval(to);
  }
  switch (t) {
    case TypeId::kBoolean:
      return from.IsNumeric() || (!ansi && (from.IsDatetime()));
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInteger:
    case TypeId::kLong:
      if (IsAnsiInterval(from)) return from.start_field() == from.end_field();
      return from.IsNumeric() || f == TypeId::kBoolean || f == TypeId::kTimestamp ||
             (!ansi && f == TypeId::kDate);
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      if (IsAnsiInterval(from)) return t == TypeId::kDecimal;
      return from.IsNumeric() || f == TypeId::kBoolean || f == TypeId::kTimestamp ||
             (!ansi && f == TypeId::kDate);
    case TypeId::kBinary:
      return from.IsIntegral() && !ansi;
    case TypeId::kDate:
      return f == TypeId::kTimestamp || f == TypeId::kTimestampNtz;
    case TypeId::kTimestamp:
      return f == TypeId::kDate || f == TypeId::kTimestampNtz || from.IsNumeric() ||
             (!ansi && f == TypeId::kBoolean);
    case TypeId::kTimestampNtz:
      return f == TypeId::kDate || f == TypeId::kTimestamp;
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      return f == t || (from.IsIntegral() || f == TypeId::kDecimal);
    case TypeId::kArray:
      return f == TypeId::kArray && CanCast(*from.element_type(), *to.element_type(), ansi) &&
             (to.contains_null() || !from.contains_null());
    case TypeId::kMap:
      return f == TypeId::kMap && CanCast(*from.key_type(), *to.key_type(), ansi) &&
             CanCast(*from.value_type(), *to.value_type(), ansi) &&
             (to.contains_null() || !from.contains_null());
    case TypeId::kStruct: {
      if (f != TypeId::kStruct || from.fields().size() != to.fields().size()) return false;
      for (size_t i = 0; i < from.fields().size(); ++i) {
        const auto& ff = from.fields()[i];
        const auto& tf = to.fields()[i];
        if (!CanCast(*ff.type, *tf.type, ansi) || (ff.nullable && !tf.nullable)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

bool CanUpCast(const DataType& from, const DataType& to) {
  if (from.SameType(to)) return true;
  if (from.id() == TypeId::kNull) return true;
  if (to.id() == TypeId::kDecimal) {
    DataTypePtr as_decimal =
        from.IsIntegral() || from.id() == TypeId::kDecimal ? DecimalForType(from) : nullptr;
    return as_decimal &&
           as_decimal->precision() - as_decimal->scale() <= to.precision() - to.scale() &&
           as_decimal->scale() <= to.scale();
  }
  int rf = NumericRank(from.id()), rt = NumericRank(to.id());
  if (rf >= 0 && rt >= 0) return rf <= rt && !(rf == 3 && rt == 4);
  if (from.id() == TypeId::kDecimal && to.IsFractional()) return true;  // Spark allows it
  if (from.id() == TypeId::kDate && to.id() == TypeId::kTimestamp) return true;
  if (from.id() == TypeId::kDate && to.id() == TypeId::kTimestampNtz) return true;
  if (IsAtomic(from) && to.IsStringLike()) return from.id() != TypeId::kBinary;
  if (from.id() == TypeId::kArray && to.id() == TypeId::kArray) {
    return CanUpCast(*from.element_type(), *to.element_type()) &&
           (to.contains_null() || !from.contains_null());
  }
  if (from.id() == TypeId::kMap && to.id() == TypeId::kMap) {
    return CanUpCast(*from.key_type(), *to.key_type()) &&
           CanUpCast(*from.value_type(), *to.value_type()) &&
           (to.contains_null() || !from.contains_null());
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct) {
    if (from.fields().size() != to.fields().size()) return false;
    for (size_t i = 0; i < from.fields().size(); ++i) {
      if (!CanUpCast(*from.fields()[i].type, *to.fields()[i].type)) return false;
      if (from.fields()[i].nullable && !to.fields()[i].nullable) return false;
    }
    return true;
  }
  return false;
}

}  // namespace sparkling
