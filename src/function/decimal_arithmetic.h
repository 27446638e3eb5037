#pragma once

// Internal to src/function: exact decimal arithmetic on unscaled 128-bit values with Spark's
// HALF_UP rounding. Every operation returns false when the result does not fit the requested
// precision (the caller raises or returns NULL by mode).

#include <arrow/util/decimal.h>

#include <string>

namespace sparkling {

using Int128 = __int128;

Int128 ToInt128(const arrow::Decimal128& value);
arrow::Decimal128 FromInt128(Int128 value);
/// 10^n for 0 <= n <= 38.
Int128 PowerOfTen(int n);
bool FitsPrecision(Int128 unscaled, int precision);

/// Changes the scale of `unscaled`, rounding HALF_UP when the scale shrinks.
bool RescaleDecimal(Int128 unscaled, int from_scale, int to_scale, int to_precision, Int128* out);

bool DecimalAdd(Int128 a, int a_scale, Int128 b, int b_scale, bool subtract, int precision,
                int scale, Int128* out);
bool DecimalMultiply(Int128 a, int a_scale, Int128 b, int b_scale, int precision, int scale,
                     Int128* out);
/// `b` must not be zero.
bool DecimalDivide(Int128 a, int a_scale, Int128 b, int b_scale, int precision, int scale,
                   Int128* out);
/// Remainder with the dividend's sign (Java's BigDecimal.remainder). `b` must not be zero.
bool DecimalRemainder(Int128 a, int a_scale, Int128 b, int b_scale, int precision, int scale,
                      Int128* out);
/// The integral part of a / b (truncated toward zero); false when it exceeds 64 bits.
bool DecimalIntegralDivide(Int128 a, int a_scale, Int128 b, int b_scale, int64_t* out);

/// Plain notation, as Spark prints decimals: "-12.50", "0.001".
std::string DecimalToString(Int128 unscaled, int scale);
/// Parses a decimal literal ("1.5", "-2e3", " 7 "); false when malformed. The result is
/// rounded HALF_UP to `scale`; false when it does not fit `precision`.
bool ParseDecimal(std::string_view text, int precision, int scale, Int128* out, bool* overflow);
double DecimalToDouble(Int128 unscaled, int scale);
/// Converts a double to decimal(precision, scale) rounding HALF_UP; false when it does not fit
/// or is not finite.
bool DoubleToDecimal(double value, int precision, int scale, Int128* out);

}  // namespace sparkling
