// Text encodings of binary data: base64/unbase64 and hex/unhex.

#include <arrow/api.h>

#include "function/function_definition.h"
#include "function/kernel_support.h"

namespace sparkling {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// MIME-style base64 as Spark 4 produces it (spark.sql.chunkBase64String.enabled): lines of
// 76 characters separated by CRLF.
std::string EncodeBase64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + bytes.size() / 57 * 2);
  size_t line = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    if (line == 76) {
      out += "\r\n";
      line = 0;
    }
    uint32_t chunk = static_cast<uint8_t>(bytes[i]) << 16;
    const size_t available = std::min<size_t>(3, bytes.size() - i);
    if (available > 1) chunk |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (available > 2) chunk |= static_cast<uint8_t>(bytes[i + 2]);
    out += kBase64Alphabet[(chunk >> 18) & 63];
    out += kBase64Alphabet[(chunk >> 12) & 63];
    out += available > 1 ? kBase64Alphabet[(chunk >> 6) & 63] : '=';
    out += available > 2 ? kBase64Alphabet[chunk & 63] : '=';
    line += 4;
  }
  return out;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Lenient decoding like the MIME decoder: characters outside the alphabet are skipped and
// decoding stops at the padding.
std::string DecodeBase64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    int value = Base64Value(c);
    if (value < 0) continue;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string HexOfBytes(std::string_view bytes) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// Java's Long.toHexString in upper case: the two's complement without leading zeros.
std::string HexOfLong(int64_t value) {
  static const char kDigits[] = "0123456789ABCDEF";
  auto bits = static_cast<uint64_t>(value);
  std::string out;
  do {
    out.insert(out.begin(), kDigits[bits & 15]);
    bits >>= 4;
  } while (bits != 0);
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<ExprPtr> BindBase64(CallBinding& call) {
  SqlRenderer sql = CallSql("base64");
  SPK_RETURN_NOT_OK(CoerceArgument(call, 0, {ExpectedType::Exact(DataType::Binary())}, sql));
  ScalarFunctionSpec spec{call.name, DataType::String(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    return MapUnary<arrow::BinaryType, arrow::StringType>(
        args[0], arrow::utf8(), [](arrow::StringBuilder& out, std::string_view bytes) {
          return AppendValue(out, EncodeBase64(bytes));
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

Result<ExprPtr> BindUnbase64(CallBinding& call) {
  SqlRenderer sql = CallSql("unbase64");
  SPK_RETURN_NOT_OK(
      CoerceArgument(call, 0, {ExpectedType::Of(ExpectedType::Kind::kStringLike)}, sql));
  ScalarFunctionSpec spec{call.name, DataType::Binary(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    return MapUnary<arrow::StringType, arrow::BinaryType>(
        args[0], arrow::binary(), [](arrow::BinaryBuilder& out, std::string_view text) {
          return AppendValue(out, DecodeBase64(text));
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// hex(bigint) → Long.toHexString; hex(string/binary) → hex of the bytes.
Result<ExprPtr> BindHex(CallBinding& call) {
  SqlRenderer sql = CallSql("hex");
  const DataType& type = call.arg_type(0);
  const bool is_bytes = type.IsStringLike() || type.id() == TypeId::kBinary;
  if (!is_bytes) {
    SPK_RETURN_NOT_OK(CoerceArgument(call, 0, {ExpectedType::Exact(DataType::Long())}, sql));
  }
  ScalarFunctionSpec spec{call.name, DataType::String(), sql};
  spec.array_kernel = [is_bytes](const std::vector<ArrayPtr>& args, int64_t,
                                 const EvalOptions&) -> Result<ArrayPtr> {
    if (is_bytes) {
      return MapUnary<arrow::BinaryType, arrow::StringType>(
          args[0], arrow::utf8(), [](arrow::StringBuilder& out, std::string_view bytes) {
            return AppendValue(out, HexOfBytes(bytes));
          });
    }
    return MapUnary<arrow::Int64Type, arrow::StringType>(
        args[0], arrow::utf8(), [](arrow::StringBuilder& out, int64_t value) {
          return AppendValue(out, HexOfLong(value));
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// unhex(str): an odd length reads as a leading 0; any non-hex digit gives NULL.
Result<ExprPtr> BindUnhex(CallBinding& call) {
  SqlRenderer sql = CallSql("unhex");
  SPK_RETURN_NOT_OK(
      CoerceArgument(call, 0, {ExpectedType::Of(ExpectedType::Kind::kStringLike)}, sql));
  ScalarFunctionSpec spec{call.name, DataType::Binary(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    return MapUnary<arrow::StringType, arrow::BinaryType>(
        args[0], arrow::binary(), [](arrow::BinaryBuilder& out, std::string_view text) {
          std::string bytes;
          size_t i = 0;
          if (text.size() % 2 == 1) {
            int low = HexValue(text[0]);
            if (low < 0) return AppendNull(out);
            bytes += static_cast<char>(low);
            i = 1;
          }
          for (; i < text.size(); i += 2) {
            int high = HexValue(text[i]), low = HexValue(text[i + 1]);
            if (high < 0 || low < 0) return AppendNull(out);
            bytes += static_cast<char>(high * 16 + low);
          }
          return AppendValue(out, bytes);
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

}  // namespace

const std::vector<FunctionDefinition>& EncodingFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"base64", 1, 1, false, &BindBase64, "Base64",
       "base64(bin) - Converts the argument from a binary `bin` to a base 64 string."},
      {"unbase64", 1, 1, false, &BindUnbase64, "UnBase64",
       "unbase64(str) - Converts the argument from a base 64 string `str` to a binary."},
      {"hex", 1, 1, false, &BindHex, "Hex", "hex(expr) - Converts `expr` to hexadecimal."},
      {"unhex", 1, 1, false, &BindUnhex, "Unhex",
       "unhex(expr) - Converts hexadecimal `expr` to binary."},
  };
  return kFunctions;
}

}  // namespace sparkling
