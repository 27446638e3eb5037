// Number and printf-style formatting: format_number, format_string / printf (the common subset
// of java.util.Formatter: %[index$][flags][width][.precision] with b, c, d, o, x, X, e, E, f,
// g, s, S, %, n).

#include <arrow/api.h>

#include <cstdio>
#include <optional>

#include "function/cast.h"
#include "function/function_definition.h"
#include "function/kernel_support.h"

namespace sparkling {
namespace {

// Inserts ',' every three digits into the integer part of a plain decimal number.
std::string GroupThousands(const std::string& number) {
  size_t begin = (!number.empty() && (number[0] == '-' || number[0] == '+')) ? 1 : 0;
  size_t end = number.find('.');
  if (end == std::string::npos) end = number.size();
  std::string out = number.substr(0, begin);
  for (size_t i = begin; i < end; ++i) {
    out += number[i];
    size_t remaining = end - i - 1;
    if (remaining > 0 && remaining % 3 == 0) out += ',';
  }
  return out + number.substr(end);
}

// Rounds a plain decimal string ("-123.4567") to `scale` fraction digits, half-even (Java's
// DecimalFormat default), and pads with zeros.
std::string RoundPlainDecimal(const std::string& text, int scale) {
  const bool negative = !text.empty() && text[0] == '-';
  std::string digits = negative ? text.substr(1) : text;
  size_t dot = digits.find('.');
  std::string integer = dot == std::string::npos ? digits : digits.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : digits.substr(dot + 1);
  if (static_cast<int>(fraction.size()) <= scale) {
    fraction.append(scale - fraction.size(), '0');
  } else {
    const char next = fraction[scale];
    const bool rest_nonzero = fraction.find_first_not_of('0', scale + 1) != std::string::npos;
    std::string kept = integer + fraction.substr(0, scale);
    const int last = kept.empty() ? 0 : kept.back() - '0';
    bool round_up = next > '5' || (next == '5' && (rest_nonzero || last % 2 == 1));
    if (round_up) {
      int i = static_cast<int>(kept.size()) - 1;
      while (i >= 0 && kept[i] == '9') kept[i--] = '0';
      if (i >= 0) {
        ++kept[i];
      } else {
        kept.insert(kept.begin(), '1');
      }
    }
    integer = kept.substr(0, kept.size() - scale);
    fraction = kept.substr(kept.size() - scale);
  }
  if (integer.empty()) integer = "0";
  std::string out = integer + (scale > 0 ? "." + fraction : "");
  const bool is_zero = out.find_first_not_of("0.") == std::string::npos;
  return (negative && !is_zero ? "-" : "") + out;
}

// format_number(x, d): x rounded half-even to d decimals with thousands separators; d < 0
// gives NULL.
Result<ExprPtr> BindFormatNumber(CallBinding& call) {
  SqlRenderer sql = CallSql("format_number");
  SPK_RETURN_NOT_OK(CoerceArguments(
      call,
      {ExpectedType::Of(ExpectedType::Kind::kNumeric), ExpectedType::Exact(DataType::Integer())},
      sql));
  const DataTypePtr input_type = call.args[0]->type;
  const bool fractional = input_type->id() == TypeId::kFloat || input_type->id() == TypeId::kDouble;
  ScalarFunctionSpec spec{call.name, DataType::String(), sql};
  spec.array_kernel = [input_type, fractional](const std::vector<ArrayPtr>& args, int64_t length,
                                               const EvalOptions& options) -> Result<ArrayPtr> {
    // Exact decimal text of the input: doubles via printf (exact binary expansion), the rest
    // through CAST to STRING (decimals and integers print plainly).
    ArrayPtr text;
    if (!fractional) {
      SPK_ASSIGN_OR_RAISE(auto cast, CastDatum(args[0], *input_type, *DataType::String(),
                                               CastMode::kLegacy, options));
      text = cast.make_array();
    }
    const auto& digits = static_cast<const arrow::Int32Array&>(*args[1]);
    arrow::StringBuilder builder;
    for (int64_t i = 0; i < length; ++i) {
      if (args[0]->IsNull(i) || digits.IsNull(i) || digits.Value(i) < 0) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      const int scale = digits.Value(i);
      std::string plain;
      if (fractional) {
        double value = input_type->id() == TypeId::kFloat
                           ? static_cast<const arrow::FloatArray&>(*args[0]).Value(i)
                           : static_cast<const arrow::DoubleArray&>(*args[0]).Value(i);
        if (std::isnan(value) || std::isinf(value)) {
          SPK_RETURN_NOT_OK_ARROW(
              builder.Append(std::isnan(value) ? "NaN" : (value > 0 ? "∞" : "-∞")));
          continue;
        }
        // glibc prints the exact binary value rounded half-even, like DecimalFormat.
        std::vector<char> buffer(400 + scale);
        std::snprintf(buffer.data(), buffer.size(), "%.*f", scale, value);
        plain = buffer.data();
        if (plain.find_first_not_of("-0.") == std::string::npos && plain[0] == '-') {
          plain = plain.substr(1);
        }
      } else {
        plain = RoundPlainDecimal(
            std::string(static_cast<const arrow::StringArray&>(*text).GetView(i)), scale);
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Append(GroupThousands(plain)));
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

// One parsed conversion of a format string.
struct FormatSpec {
  std::string literal;  // text before the conversion
  int argument = -1;    // 0-based argument, -1 for literal-only pieces / %% / %n
  std::string flags;    // Java flags: - # + space 0 , (
  std::optional<int> width;
  std::optional<int> precision;
  char conversion = 0;
};

Result<std::vector<FormatSpec>> ParseFormat(std::string_view format) {
  std::vector<FormatSpec> specs;
  FormatSpec current;
  int next_argument = 0;
  auto illegal = [&](const std::string& detail) {
    return Status::Error(
        "INVALID_PARAMETER_VALUE.PATTERN",
        {{"parameter", "`strfmt`"}, {"functionName", "`format_string`"}, {"value", detail}});
  };
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      current.literal += format[i];
      continue;
    }
    size_t j = i + 1;
    // Optional "n$" argument index.
    size_t digits_end = j;
    while (digits_end < format.size() &&
           std::isdigit(static_cast<unsigned char>(format[digits_end])))
      ++digits_end;
    if (digits_end < format.size() && format[digits_end] == '$' && digits_end > j) {
      current.argument = std::stoi(std::string(format.substr(j, digits_end - j))) - 1;
      j = digits_end + 1;
    }
    while (j < format.size() && std::string_view("-#+ 0,(").find(format[j]) != std::string::npos) {
      current.flags += format[j++];
    }
    size_t width_begin = j;
    while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j]))) ++j;
    if (j > width_begin)
      current.width = std::stoi(std::string(format.substr(width_begin, j - width_begin)));
    if (j < format.size() && format[j] == '.') {
      size_t precision_begin = ++j;
      while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j]))) ++j;
      current.precision =
          std::stoi("0" + std::string(format.substr(precision_begin, j - precision_begin)));
    }
    if (j >= format.size()) return illegal("incomplete format specifier at end of string");
    current.conversion = format[j];
    if (current.conversion == '%' || current.conversion == 'n') {
      current.literal += current.conversion == '%' ? "%" : "\n";
      current.conversion = 0;
      current.argument = -1;
      current.flags.clear();
      current.width.reset();
      current.precision.reset();
    } else {
      if (std::string_view("bBcdoxXeEfgGsS").find(current.conversion) == std::string_view::npos) {
        return illegal(std::string("unknown format conversion '") + current.conversion + "'");
      }
      if (current.argument < 0) current.argument = next_argument++;
      specs.push_back(std::move(current));
      current = FormatSpec();
    }
    i = j;
  }
  specs.push_back(std::move(current));  // trailing literal
  return specs;
}

std::string Pad(std::string text, const FormatSpec& spec) {
  if (spec.width && static_cast<int>(text.size()) < *spec.width) {
    const size_t fill = *spec.width - text.size();
    if (spec.flags.find('-') != std::string::npos) {
      text.append(fill, ' ');
    } else {
      text.insert(0, fill, ' ');
    }
  }
  return text;
}

// The C printf spec equivalent of a numeric Java conversion (',' is applied separately).
std::string CSpec(const FormatSpec& spec, const char* length_modifier, char conversion) {
  std::string out = "%";
  for (char flag : spec.flags) {
    if (flag != ',' && flag != '(') out += flag;
  }
  if (spec.width) out += std::to_string(*spec.width);
  if (spec.precision) out += "." + std::to_string(*spec.precision);
  return out + length_modifier + conversion;
}

template <typename... Values>
std::string PrintC(const std::string& c_spec, Values... values) {
  int size = std::snprintf(nullptr, 0, c_spec.c_str(), values...);
  std::string out(size > 0 ? size : 0, '\0');
  std::snprintf(out.data(), out.size() + 1, c_spec.c_str(), values...);
  return out;
}

// Row i of one argument, formatted by one conversion.
Result<std::string> FormatValue(const FormatSpec& spec, const arrow::Array& value,
                                const arrow::StringArray& as_text, const DataType& type,
                                int64_t i) {
  const char conversion = spec.conversion;
  const bool upper = std::isupper(static_cast<unsigned char>(conversion));
  if (conversion == 'b' || conversion == 'B') {
    std::string text =
        value.IsNull(i) ? "false"
        : type.id() == TypeId::kBoolean
            ? (static_cast<const arrow::BooleanArray&>(value).Value(i) ? "true" : "false")
            : "true";
    if (conversion == 'B') text = text == "true" ? "TRUE" : "FALSE";
    return Pad(text, spec);
  }
  if (value.IsNull(i)) return Pad(upper ? "NULL" : "null", spec);
  if (conversion == 's' || conversion == 'S') {
    std::string text(as_text.GetView(i));
    if (spec.precision && static_cast<int>(text.size()) > *spec.precision) {
      text.resize(*spec.precision);
    }
    if (conversion == 'S') {
      for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return Pad(text, spec);
  }
  auto mismatch = [&]() {
    return Status::Error("INVALID_PARAMETER_VALUE.PATTERN",
                         {{"parameter", "`strfmt`"},
                          {"functionName", "`format_string`"},
                          {"value", std::string("%") + conversion + " != " + type.Sql()}});
  };
  if (conversion == 'c') {
    if (type.id() != TypeId::kInteger && type.id() != TypeId::kByte && type.id() != TypeId::kShort)
      return mismatch();
    std::string text(as_text.GetView(i));
    int64_t code = std::stoll(text);
    std::string out;
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else {
      return mismatch();
    }
    return Pad(out, spec);
  }
  if (conversion == 'd' || conversion == 'o' || conversion == 'x' || conversion == 'X') {
    if (!type.IsIntegral()) return mismatch();
    const int64_t v = std::stoll(std::string(as_text.GetView(i)));
    std::string out;
    if (conversion == 'd') {
      out = PrintC(CSpec(spec, "ll", 'd'), static_cast<long long>(v));
    } else {
      // Java prints the two's complement of the argument's own width.
      uint64_t bits = static_cast<uint64_t>(v);
      if (type.id() == TypeId::kInteger) bits &= 0xFFFFFFFFull;
      if (type.id() == TypeId::kShort) bits &= 0xFFFFull;
      if (type.id() == TypeId::kByte) bits &= 0xFFull;
      out = PrintC(CSpec(spec, "ll", conversion), static_cast<unsigned long long>(bits));
    }
    if (spec.flags.find(',') != std::string::npos && conversion == 'd') {
      size_t start = out.find_first_not_of(' ');
      std::string number = out.substr(start);
      out = Pad(GroupThousands(number), spec);
    }
    return out;
  }
  // e, E, f, g, G
  if (!type.IsNumeric()) return mismatch();
  if (type.IsIntegral()) return mismatch();
  const double v = std::stod(std::string(as_text.GetView(i)));
  FormatSpec with_precision = spec;
  if (!with_precision.precision) with_precision.precision = 6;
  std::string out = PrintC(CSpec(with_precision, "", conversion), v);
  if (spec.flags.find(',') != std::string::npos && conversion == 'f') {
    size_t start = out.find_first_not_of(' ');
    out = Pad(GroupThousands(out.substr(start)), spec);
  }
  return out;
}

Result<ExprPtr> BindFormatString(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(
      CoerceArgument(call, 0, {ExpectedType::Of(ExpectedType::Kind::kStringLike)}, sql));
  std::vector<DataTypePtr> types;
  for (size_t i = 1; i < call.args.size(); ++i) types.push_back(call.args[i]->type);
  ScalarFunctionSpec spec{call.name, DataType::String(), sql};
  spec.array_kernel = [types](const std::vector<ArrayPtr>& args, int64_t length,
                              const EvalOptions& options) -> Result<ArrayPtr> {
    // Every argument's text form (as CAST to STRING prints it) serves %s and number parsing.
    std::vector<std::shared_ptr<arrow::StringArray>> texts;
    for (size_t a = 1; a < args.size(); ++a) {
      SPK_ASSIGN_OR_RAISE(auto text, CastDatum(args[a], *types[a - 1], *DataType::String(),
                                               CastMode::kLegacy, options));
      texts.push_back(std::static_pointer_cast<arrow::StringArray>(text.make_array()));
    }
    const auto& formats = static_cast<const arrow::StringArray&>(*args[0]);
    arrow::StringBuilder builder;
    std::string cached_format;
    std::vector<FormatSpec> specs;
    bool parsed = false;
    for (int64_t i = 0; i < length; ++i) {
      if (formats.IsNull(i)) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      if (!parsed || formats.GetView(i) != cached_format) {
        cached_format = std::string(formats.GetView(i));
        SPK_ASSIGN_OR_RAISE(specs, ParseFormat(cached_format));
        parsed = true;
      }
      std::string out;
      for (const auto& piece : specs) {
        out += piece.literal;
        if (piece.conversion == 0) continue;
        const size_t a = static_cast<size_t>(piece.argument) + 1;
        if (piece.argument < 0 || a >= args.size()) {
          return Status::Error("INVALID_PARAMETER_VALUE.PATTERN",
                               {{"parameter", "`strfmt`"},
                                {"functionName", "`format_string`"},
                                {"value", "Format specifier '%" + std::string(1, piece.conversion) +
                                              "' has no argument"}});
        }
        SPK_ASSIGN_OR_RAISE(auto text,
                            FormatValue(piece, *args[a], *texts[a - 1], *types[a - 1], i));
        out += text;
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Append(out));
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.args[0]->nullable);
}

}  // namespace

const std::vector<FunctionDefinition>& FormatFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"format_number", 2, 2, false, &BindFormatNumber, "FormatNumber",
       "format_number(expr1, expr2) - Formats the number `expr1` like '#,###,###.##', rounded "
       "to `expr2` decimal places."},
      {"format_string", 1, -1, false, &BindFormatString, "FormatString",
       "format_string(strfmt, obj, ...) - Returns a formatted string from printf-style format "
       "strings."},
      {"printf", 1, -1, false, &BindFormatString, "FormatString",
       "printf(strfmt, obj, ...) - Returns a formatted string from printf-style format strings."},
  };
  return kFunctions;
}

}  // namespace sparkling
