#include "function/decimal_arithmetic.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace sparkling {
namespace {

using Wide = arrow::Decimal256;

Wide ToWide(Int128 value) { return Wide(arrow::BasicDecimal256(FromInt128(value))); }

bool FromWide(const Wide& value, int precision, Int128* out) {
  if (!value.FitsInPrecision(precision)) return false;
  auto words = value.little_endian_array();
  *out = static_cast<Int128>((static_cast<unsigned __int128>(words[1]) << 64) | words[0]);
  return true;
}

Wide WidePowerOfTen(int n) { return Wide(arrow::BasicDecimal256::GetScaleMultiplier(n)); }

// Rounds numerator / denominator HALF_UP (both any sign; denominator non-zero).
Wide DivideHalfUp(const Wide& numerator, const Wide& denominator) {
  bool negative = numerator.IsNegative() != denominator.IsNegative();
  Wide n(Wide::Abs(numerator));
  Wide d(Wide::Abs(denominator));
  auto qr = n.Divide(d).ValueOrDie();
  Wide q = qr.first;
  Wide twice_remainder = qr.second + qr.second;
  if (!(twice_remainder < d)) q += Wide(1);
  if (negative) q.Negate();
  return q;
}

// Brings `value` from `from_scale` to `to_scale` in wide arithmetic (HALF_UP when reducing).
Wide RescaleWide(const Wide& value, int from_scale, int to_scale) {
  if (to_scale == from_scale) return value;
  if (to_scale > from_scale) return value * WidePowerOfTen(to_scale - from_scale);
  return DivideHalfUp(value, WidePowerOfTen(from_scale - to_scale));
}

}  // namespace

Int128 ToInt128(const arrow::Decimal128& value) {
  return static_cast<Int128>(
      (static_cast<unsigned __int128>(static_cast<uint64_t>(value.high_bits())) << 64) |
      value.low_bits());
}

arrow::Decimal128 FromInt128(Int128 value) {
  auto bits = static_cast<unsigned __int128>(value);
  return arrow::Decimal128(static_cast<int64_t>(bits >> 64), static_cast<uint64_t>(bits));
}

Int128 PowerOfTen(int n) {
  Int128 result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

bool FitsPrecision(Int128 unscaled, int precision) {
  Int128 magnitude = unscaled < 0 ? -unscaled : unscaled;
  return magnitude < PowerOfTen(precision);
}

bool RescaleDecimal(Int128 unscaled, int from_scale, int to_scale, int to_precision, Int128* out) {
  return FromWide(RescaleWide(ToWide(unscaled), from_scale, to_scale), to_precision, out);
}

bool DecimalAdd(Int128 a, int a_scale, Int128 b, int b_scale, bool subtract, int precision,
                int scale, Int128* out) {
  int common = std::max(a_scale, b_scale);
  Wide x = RescaleWide(ToWide(a), a_scale, common);
  Wide y = RescaleWide(ToWide(b), b_scale, common);
  Wide sum = x;
  if (subtract) {
    sum -= y;
  } else {
    sum += y;
  }
  return FromWide(RescaleWide(sum, common, scale), precision, out);
}

bool DecimalMultiply(Int128 a, int a_scale, Int128 b, int b_scale, int precision, int scale,
                     Int128* out) {
  Wide product = ToWide(a) * ToWide(b);
  return FromWide(RescaleWide(product, a_scale + b_scale, scale), precision, out);
}

bool DecimalDivide(Int128 a, int a_scale, Int128 b, int b_scale, int precision, int scale,
                   Int128* out) {
  // a/b at `scale`: round(a * 10^(scale - a_scale + b_scale) / b).
  int shift = scale - a_scale + b_scale;
  Wide numerator = ToWide(a);
  Wide denominator = ToWide(b);
  if (shift >= 0) {
    numerator = numerator * WidePowerOfTen(shift);
  } else {
    denominator = denominator * WidePowerOfTen(-shift);
  }
  return FromWide(DivideHalfUp(numerator, denominator), precision, out);
}

bool DecimalRemainder(Int128 a, int a_scale, Int128 b, int b_scale, int precision, int scale,
                      Int128* out) {
  int common = std::max(a_scale, b_scale);
  Wide x = RescaleWide(ToWide(a), a_scale, common);
  Wide y = RescaleWide(ToWide(b), b_scale, common);
  auto qr = Wide(Wide::Abs(x)).Divide(Wide(Wide::Abs(y))).ValueOrDie();
  Wide remainder = qr.second;
  if (x.IsNegative()) remainder.Negate();
  return FromWide(RescaleWide(remainder, common, scale), precision, out);
}

bool DecimalIntegralDivide(Int128 a, int a_scale, Int128 b, int b_scale, int64_t* out) {
  int common = std::max(a_scale, b_scale);
  Wide x = RescaleWide(ToWide(a), a_scale, common);
  Wide y = RescaleWide(ToWide(b), b_scale, common);
  bool negative = x.IsNegative() != y.IsNegative();
  Wide q = Wide(Wide::Abs(x)).Divide(Wide(Wide::Abs(y))).ValueOrDie().first;
  if (negative) q.Negate();
  Int128 narrow;
  if (!FromWide(q, 38, &narrow)) return false;
  if (narrow > INT64_MAX || narrow < INT64_MIN) return false;
  *out = static_cast<int64_t>(narrow);
  return true;
}

std::string DecimalToString(Int128 unscaled, int scale) {
  bool negative = unscaled < 0;
  auto magnitude = static_cast<unsigned __int128>(negative ? -unscaled : unscaled);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) {
      digits.insert(0, static_cast<size_t>(scale - static_cast<int>(digits.size()) + 1), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  } else if (scale < 0) {
    digits.append(static_cast<size_t>(-scale), '0');
  }
  return negative ? "-" + digits : digits;
}

bool ParseDecimal(std::string_view text, int precision, int scale, Int128* out, bool* overflow) {
  *overflow = false;
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  text = text.substr(begin, end - begin);
  if (text.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') {
    negative = text[i] == '-';
    ++i;
  }
  // Collect significant digits into a wide value; track the decimal exponent.
  Wide value(0);
  int digit_count = 0, exponent = 0;
  bool any_digit = false, seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (digit_count < 76) {
        value = value * Wide(10) + Wide(c - '0');
        if (value != Wide(0)) ++digit_count;
        if (seen_point) --exponent;
      } else if (!seen_point) {
        ++exponent;
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return false;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return false;
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    if (i >= text.size()) return false;
    int e = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      e = std::min(e * 10 + (text[i] - '0'), 100000);
    }
    exponent += exp_negative ? -e : e;
  }
  if (negative) value.Negate();
  // value * 10^exponent at `scale`.
  int shift = scale + exponent;
  Wide scaled;
  if (shift >= 0) {
    if (shift > 76 || (value != Wide(0) && shift + digit_count > 76)) {
      *overflow = value != Wide(0);
      if (!*overflow) {
        *out = 0;
        return true;
      }
      return false;
    }
    scaled = value * WidePowerOfTen(shift);
  } else {
    scaled = -shift > 76 ? Wide(0) : DivideHalfUp(value, WidePowerOfTen(-shift));
  }
  if (!FromWide(scaled, precision, out)) {
    *overflow = true;
    return false;
  }
  return true;
}

double DecimalToDouble(Int128 unscaled, int scale) { return FromInt128(unscaled).ToDouble(scale); }

bool DoubleToDecimal(double value, int precision, int scale, Int128* out) {
  if (!std::isfinite(value)) return false;
  // Through the shortest round-trip text so that 0.1 becomes exactly 0.1 (as Java's
  // BigDecimal.valueOf does), then exact decimal rounding.
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  double check = 0;
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", digits, value);
    std::sscanf(buffer, "%lf", &check);
    if (check == value) break;
  }
  bool overflow = false;
  return ParseDecimal(buffer, precision, scale, out, &overflow);
}

}  // namespace sparkling
