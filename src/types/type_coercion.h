#pragma once

// Spark 4.1's implicit type coercion rules, for ANSI mode (AnsiTypeCoercion, the default) and
// legacy mode (TypeCoercion, spark.sql.ansi.enabled=false). The analyzer uses the common-type
// functions for set operations, CASE/IF/COALESCE branches, IN lists and VALUES rows; the
// function registry uses ImplicitCastTarget and the decimal result types.

#include <optional>
#include <vector>

#include "types/data_type.h"

namespace sparkling {

/// Spark's findTightestCommonType: a common type both sides widen to without loss
/// (int + long → long, date + timestamp → timestamp, null + t → t). No string promotion.
std::optional<DataTypePtr> FindTightestCommonType(const DataType& left, const DataType& right,
                                                  bool ansi);

/// Spark's findWiderTypeForTwo: tightest common type, else decimal widening
/// (int + decimal(5,2) → decimal(12,2); decimal + double → double), else string promotion
/// (legacy: string + atomic → string; ANSI: string + integral → bigint, string + fractional →
/// double, string + other atomic → that type), recursively through arrays/maps/structs.
std::optional<DataTypePtr> FindWiderType(const DataType& left, const DataType& right, bool ansi);

/// Spark's findWiderCommonType over many types (UNION columns, CASE branches, COALESCE, IN
/// lists, VALUES rows, array(...)). nullopt when there is none (the caller raises
/// DATATYPE_MISMATCH.DATA_DIFF_TYPES or INCOMPATIBLE_COLUMN_TYPE).
std::optional<DataTypePtr> FindWiderCommonType(const std::vector<DataTypePtr>& types, bool ansi);

/// Spark's findWiderTypeWithoutStringPromotion over many types (greatest, least): like
/// FindWiderCommonType but a string never meets a non-string.
std::optional<DataTypePtr> FindWiderCommonTypeWithoutStringPromotion(
    const std::vector<DataTypePtr>& types, bool ansi);

/// The type both operands of a binary comparison (=, <, <=>, ...) are cast to; nullopt when
/// they are not comparable. Legacy mode follows TypeCoercion's PromoteStrings
/// (string vs number → the number's type, string vs decimal → double).
std::optional<DataTypePtr> FindBinaryComparisonType(const DataType& left, const DataType& right,
                                                    bool ansi);

// ---------------------------------------------------------------------------------------------
// Decimal arithmetic (Spark's DecimalPrecision with allowPrecisionLoss = true).

enum class DecimalArithmetic { kAdd, kSubtract, kMultiply, kDivide, kRemainder, kIntegralDivide };

/// decimal(min(p, 38), min(s, 38)).
DataTypePtr BoundedDecimal(int precision, int scale);
/// Spark's adjustPrecisionScale: keeps at least 6 fractional digits when precision exceeds 38.
DataTypePtr AdjustedDecimal(int precision, int scale);
/// The decimal an integral type converts to losslessly: byte → decimal(3,0),
/// short → (5,0), int → (10,0), long → (20,0), float → (14,7), double → (30,15); a decimal
/// is returned as is; nullptr for other types.
DataTypePtr DecimalForType(const DataType& type);
/// Result type of `left op right` where both are decimals.
DataTypePtr DecimalArithmeticResultType(DecimalArithmetic op, const DataType& left,
                                        const DataType& right);
/// Spark's widerDecimalType: the decimal both decimals fit in.
DataTypePtr WiderDecimalType(const DataType& left, const DataType& right);

// ---------------------------------------------------------------------------------------------
// Function inputs (Spark's AbstractDataType / ImplicitCastInputTypes).

/// What one function parameter accepts: an exact type or a class of types.
struct ExpectedType {
  enum class Kind {
    kExact,         // exactly `type` (nested nullability ignored)
    kAny,           // anything, no cast
    kNumeric,       // default: double
    kIntegral,      // default: bigint
    kDecimal,       // any decimal; default decimal(38,18)
    kStringLike,    // string/char/varchar; default string
    kAnyTimestamp,  // timestamp or timestamp_ntz; default timestamp
    kArray,         // any array (no implicit cast into it)
    kMap,
    kStruct,
    kAtomic,  // any non-nested type
  };
  Kind kind = Kind::kAny;
  DataTypePtr type;  // for kExact

  static ExpectedType Exact(DataTypePtr type) { return {Kind::kExact, std::move(type)}; }
  static ExpectedType Of(Kind kind) { return {kind, nullptr}; }

  bool Accepts(const DataType& type) const;
  /// Spark's simpleString of the expected type, for DATATYPE_MISMATCH messages:
  /// "\"NUMERIC\"", "\"INT\"", "(\"STRING\" or \"BINARY\")" are built by the caller from
  /// these: "NUMERIC", "INTEGRAL", "DECIMAL", "STRING", "TIMESTAMP", "ARRAY", "MAP",
  /// "STRUCT", or the exact type's SQL.
  std::string SqlName() const;
};

/// The type an argument of type `from` is implicitly cast to so that it matches `expected`
/// (Spark's implicitCast); `from` itself when it already matches, nullopt when no implicit
/// cast exists (the registry then raises DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE).
std::optional<DataTypePtr> ImplicitCastTarget(const DataType& from, const ExpectedType& expected,
                                              bool ansi);
/// Same for a collection of accepted types: the first that accepts `from` as is, else the first
/// implicit cast that exists.
std::optional<DataTypePtr> ImplicitCastTarget(const DataType& from,
                                              const std::vector<ExpectedType>& expected, bool ansi);

// ---------------------------------------------------------------------------------------------
// Explicit casts.

/// Whether CAST(from AS to) is allowed (Spark's Cast.canAnsiCast when `ansi`, else
/// Cast.canCast). A false answer becomes DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION.
bool CanCast(const DataType& from, const DataType& to, bool ansi);
/// Spark's Cast.canUpCast: a cast that never loses information (used for table writes and
/// Dataset encoders).
bool CanUpCast(const DataType& from, const DataType& to);

}  // namespace sparkling
