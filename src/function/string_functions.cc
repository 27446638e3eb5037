// String functions. Positions and lengths count Unicode code points (Spark's UTF8String);
// regular expressions follow java.util.regex through JavaRegex.

#include <arrow/compute/api.h>

#include "function/function_definition.h"
#include "function/java_regex.h"
#include "function/kernel_support.h"

namespace sparkling {
namespace {

using Kind = ExpectedType::Kind;

ExpectedType StringArg() { return ExpectedType::Of(Kind::kStringLike); }
ExpectedType IntArg() { return ExpectedType::Exact(DataType::Integer()); }

ExprPtr IntegerConstant(int32_t value) {
  return MakeLiteral(std::make_shared<arrow::Int32Scalar>(value), DataType::Integer());
}
ExprPtr StringConstant(const std::string& value) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(value), DataType::String());
}

// --- UTF-8 code point helpers ---------------------------------------------------------------

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

int64_t CodePointCount(std::string_view text) {
  int64_t n = 0;
  for (char c : text) n += IsContinuation(c) ? 0 : 1;
  return n;
}

// Byte offset of code point `index` (clamped to the end).
size_t ByteOffset(std::string_view text, int64_t index) {
  size_t i = 0;
  for (int64_t k = 0; k < index && i < text.size(); ++k) {
    ++i;
    while (i < text.size() && IsContinuation(text[i])) ++i;
  }
  return i;
}

std::string_view CodePointSlice(std::string_view text, int64_t start, int64_t end) {
  size_t b = ByteOffset(text, start);
  size_t e = ByteOffset(text, end);
  return text.substr(b, e - b);
}

// Spark's UTF8String.substringSQL.
std::string_view SubstringSql(std::string_view text, int64_t pos, int64_t length) {
  int64_t len = CodePointCount(text);
  int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? len + pos : 0);
  int64_t end = std::clamp<int64_t>(start + length, INT32_MIN, INT32_MAX);
  start = std::max<int64_t>(start, 0);
  if (start >= end) return {};
  return CodePointSlice(text, start, std::min(end, len));
}

// Decodes the code points of `text`.
std::vector<std::string_view> CodePoints(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i + 1;
    while (j < text.size() && IsContinuation(text[j])) ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

// --- Binding helpers ---------------------------------------------------------------------------

Result<ExprPtr> Finish(CallBinding& call, DataTypePtr type, SqlRenderer sql, ArrayKernel kernel,
                       bool nullable) {
  ScalarFunctionSpec spec{call.name, std::move(type), std::move(sql)};
  spec.array_kernel = std::move(kernel);
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

Result<ExprPtr> BindCaseMapping(CallBinding& call, const char* arrow_function) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg()}, sql));
  if (call.arg_type(0).id() != TypeId::kString) {
    call.args[0] = ImplicitCast(call.args[0], DataType::String());
  }
  std::string function = arrow_function;
  ScalarFunctionSpec spec{call.name, DataType::String(), sql};
  spec.datum_kernel = [function](const std::vector<arrow::Datum>& args, int64_t,
                                 const EvalOptions&) -> Result<arrow::Datum> {
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto out, arrow::compute::CallFunction(function, {args[0]}));
    return out;
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

Result<ExprPtr> BindUpper(CallBinding& call) { return BindCaseMapping(call, "utf8_upper"); }
Result<ExprPtr> BindLower(CallBinding& call) { return BindCaseMapping(call, "utf8_lower"); }

Result<ExprPtr> BindLength(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(
      CoerceArgument(call, 0, {StringArg(), ExpectedType::Exact(DataType::Binary())}, sql));
  bool bytes = call.arg_type(0).id() == TypeId::kBinary || call.name == "octet_length" ||
               call.name == "bit_length";
  int multiplier = call.name == "bit_length" ? 8 : 1;
  return Finish(
      call, DataType::Integer(), sql,
      [bytes, multiplier](const std::vector<ArrayPtr>& args, int64_t,
                          const EvalOptions&) -> Result<ArrayPtr> {
        return MapUnary<arrow::BinaryType, arrow::Int32Type>(
            args[0], arrow::int32(), [&](arrow::Int32Builder& out, std::string_view text) {
              int64_t n = bytes ? static_cast<int64_t>(text.size()) : CodePointCount(text);
              return AppendValue(out, static_cast<int32_t>(n * multiplier));
            });
      },
      call.any_nullable());
}

enum class TrimSide { kBoth, kLeading, kTrailing };

std::string_view TrimText(std::string_view text, std::string_view characters, TrimSide side) {
  auto in_set = [&](size_t pos, size_t* width) {
    size_t j = pos + 1;
    while (j < text.size() && IsContinuation(text[j])) ++j;
    *width = j - pos;
    return characters.find(text.substr(pos, *width)) != std::string_view::npos;
  };
  size_t begin = 0, end = text.size();
  if (side != TrimSide::kTrailing) {
    size_t width;
    while (begin < end && in_set(begin, &width)) begin += width;
  }
  if (side != TrimSide::kLeading) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && IsContinuation(text[start])) --start;
      size_t width;
      if (!in_set(start, &width)) break;
      end = start;
    }
  }
  return text.substr(begin, end - begin);
}

template <TrimSide kSide>
Result<ExprPtr> BindTrim(CallBinding& call) {
  // trim(str) or trim(trimStr, str) (Spark's function-call order).
  SqlRenderer sql =
      call.args.size() == 1
          ? CallSql(call.name)
          : SqlRenderer([](const std::vector<std::string>& args) {
              const char* side = kSide == TrimSide::kBoth      ? "BOTH"
                                 : kSide == TrimSide::kLeading ? "LEADING"
                                                               : "TRAILING";
              return std::string("TRIM(") + side + " " + args[0] + " FROM " + args[1] + ")";
            });
  std::vector<ExpectedType> expected(call.args.size(), StringArg());
  SPK_RETURN_NOT_OK(CoerceArguments(call, expected, sql));
  const bool custom = call.args.size() == 2;
  return Finish(
      call, DataType::String(), sql,
      [custom](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        if (!custom) {
          return MapUnary<arrow::StringType, arrow::StringType>(
              args[0], arrow::utf8(), [](arrow::StringBuilder& out, std::string_view s) {
                return AppendValue(out, TrimText(s, " ", kSide));
              });
        }
        return MapBinary<arrow::StringType, arrow::StringType, arrow::StringType>(
            args[1], args[0], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view s, std::string_view chars) {
              return AppendValue(out, TrimText(s, chars, kSide));
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindSubstring(CallBinding& call) {
  if (call.args.size() == 2) call.args.push_back(IntegerConstant(INT32_MAX));
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), IntArg(), IntArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapTernary<arrow::StringType, arrow::Int32Type, arrow::Int32Type, arrow::StringType>(
            args[0], args[1], args[2], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view s, int32_t pos, int32_t len) {
              return AppendValue(out, SubstringSql(s, pos, len));
            });
      },
      call.any_nullable());
}

template <bool kLeft>
Result<ExprPtr> BindLeftRight(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), IntArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::StringType, arrow::Int32Type, arrow::StringType>(
            args[0], args[1], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view s, int32_t len) {
              if (len <= 0) return AppendValue(out, std::string_view());
              return AppendValue(out, kLeft ? SubstringSql(s, 1, len) : SubstringSql(s, -len, len));
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindConcat(CallBinding& call) {
  for (const auto& arg : call.args) {
    if (arg->type->id() == TypeId::kArray) return BindArrayConcat(call);
  }
  SqlRenderer sql = CallSql("concat");
  std::vector<ExpectedType> expected(call.args.size(), StringArg());
  SPK_RETURN_NOT_OK(CoerceArguments(call, expected, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t length,
         const EvalOptions&) -> Result<ArrayPtr> {
        arrow::StringBuilder builder;
        std::string text;
        for (int64_t i = 0; i < length; ++i) {
          text.clear();
          bool is_null = false;
          for (const auto& arg : args) {
            if (arg->IsNull(i)) {
              is_null = true;
              break;
            }
            text += static_cast<const arrow::StringArray&>(*arg).GetView(i);
          }
          if (is_null) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
          } else {
            SPK_RETURN_NOT_OK_ARROW(builder.Append(text));
          }
        }
        return FinishBuilder(builder);
      },
      call.any_nullable());
}

Result<ExprPtr> BindConcatWs(CallBinding& call) {
  SqlRenderer sql = CallSql("concat_ws");
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (i > 0 && call.arg_type(i).id() == TypeId::kArray) continue;  // array<string> pieces
    SPK_RETURN_NOT_OK(CoerceArgument(call, i, {StringArg()}, sql));
  }
  bool nullable = call.args[0]->nullable;
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t length,
         const EvalOptions&) -> Result<ArrayPtr> {
        arrow::StringBuilder builder;
        const auto& separators = static_cast<const arrow::StringArray&>(*args[0]);
        std::string text;
        for (int64_t i = 0; i < length; ++i) {
          if (separators.IsNull(i)) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
            continue;
          }
          std::string_view separator = separators.GetView(i);
          text.clear();
          bool first = true;
          auto add = [&](std::string_view piece) {
            if (!first) text += separator;
            text += piece;
            first = false;
          };
          for (size_t k = 1; k < args.size(); ++k) {
            if (args[k]->IsNull(i)) continue;
            if (args[k]->type_id() == arrow::Type::LIST) {
              const auto& list = static_cast<const arrow::ListArray&>(*args[k]);
              const auto& values = static_cast<const arrow::StringArray&>(*list.values());
              for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
                if (values.IsValid(e)) add(values.GetView(e));
              }
            } else {
              add(static_cast<const arrow::StringArray&>(*args[k]).GetView(i));
            }
          }
          SPK_RETURN_NOT_OK_ARROW(builder.Append(text));
        }
        return FinishBuilder(builder);
      },
      nullable);
}

Result<ExprPtr> BindReplace(CallBinding& call) {
  if (call.args.size() == 2) call.args.push_back(StringConstant(""));
  SqlRenderer sql = CallSql("replace");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg(), StringArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapTernary<arrow::StringType, arrow::StringType, arrow::StringType,
                          arrow::StringType>(
            args[0], args[1], args[2], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view s, std::string_view search,
               std::string_view replacement) {
              if (search.empty()) return AppendValue(out, s);
              std::string text;
              size_t pos = 0;
              while (true) {
                size_t found = s.find(search, pos);
                if (found == std::string_view::npos) break;
                text.append(s.substr(pos, found - pos));
                text.append(replacement);
                pos = found + search.size();
              }
              text.append(s.substr(pos));
              return AppendValue(out, text);
            });
      },
      call.any_nullable());
}

template <bool kLeftPad>
Result<ExprPtr> BindPad(CallBinding& call) {
  if (call.args.size() == 2) call.args.push_back(StringConstant(" "));
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), IntArg(), StringArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapTernary<arrow::StringType, arrow::Int32Type, arrow::StringType,
                          arrow::StringType>(
            args[0], args[1], args[2], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view s, int32_t len, std::string_view pad) {
              int64_t have = CodePointCount(s);
              if (len <= 0) return AppendValue(out, std::string_view());
              if (have >= len) return AppendValue(out, CodePointSlice(s, 0, len));
              auto pad_points = CodePoints(pad);
              if (pad_points.empty()) return AppendValue(out, s);
              std::string filler;
              for (int64_t k = 0; k < len - have; ++k) {
                filler += pad_points[k % pad_points.size()];
              }
              return AppendValue(out, kLeftPad ? filler + std::string(s) : std::string(s) + filler);
            });
      },
      call.any_nullable());
}

// 1-based code point position of `needle` in `haystack` at or after code point `from` (0-based);
// 0 when absent.
int32_t FindPosition(std::string_view haystack, std::string_view needle, int64_t from) {
  size_t start = ByteOffset(haystack, from);
  size_t found = haystack.find(needle, start);
  if (found == std::string_view::npos) return 0;
  return static_cast<int32_t>(CodePointCount(haystack.substr(0, found)) + 1);
}

Result<ExprPtr> BindInstr(CallBinding& call) {
  SqlRenderer sql = CallSql("instr");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg()}, sql));
  return Finish(
      call, DataType::Integer(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::StringType, arrow::StringType, arrow::Int32Type>(
            args[0], args[1], arrow::int32(),
            [](arrow::Int32Builder& out, std::string_view s, std::string_view sub) {
              return AppendValue(out, FindPosition(s, sub, 0));
            });
      },
      call.any_nullable());
}

// locate(substr, str[, pos]) and position(substr, str[, pos]), named locate by Spark.
Result<ExprPtr> BindLocate(CallBinding& call) {
  if (call.args.size() == 2) call.args.push_back(IntegerConstant(1));
  SqlRenderer sql = CallSql("locate");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg(), IntArg()}, sql));
  return Finish(
      call, DataType::Integer(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapTernary<arrow::StringType, arrow::StringType, arrow::Int32Type, arrow::Int32Type>(
            args[0], args[1], args[2], arrow::int32(),
            [](arrow::Int32Builder& out, std::string_view sub, std::string_view s, int32_t pos) {
              if (pos < 1) return AppendValue(out, 0);
              return AppendValue(out, FindPosition(s, sub, pos - 1));
            });
      },
      call.any_nullable());
}

enum class Affix { kStartsWith, kEndsWith, kContains };

template <Affix kAffix>
Result<ExprPtr> BindAffix(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg()}, sql));
  return Finish(
      call, DataType::Boolean(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::StringType, arrow::StringType, arrow::BooleanType>(
            args[0], args[1], arrow::boolean(),
            [](arrow::BooleanBuilder& out, std::string_view s, std::string_view part) {
              bool result = kAffix == Affix::kStartsWith ? s.starts_with(part)
                            : kAffix == Affix::kEndsWith ? s.ends_with(part)
                                                         : s.find(part) != std::string_view::npos;
              return AppendValue(out, result);
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindInitcap(CallBinding& call) {
  SqlRenderer sql = CallSql("initcap");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapUnary<arrow::StringType, arrow::StringType>(
            args[0], arrow::utf8(), [](arrow::StringBuilder& out, std::string_view s) {
              std::string text(s);
              bool word_start = true;
              for (char& c : text) {
                unsigned char u = static_cast<unsigned char>(c);
                if (u < 0x80) {
                  c = static_cast<char>(word_start ? std::toupper(u) : std::tolower(u));
                }
                word_start = c == ' ';
              }
              return AppendValue(out, text);
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindReverse(CallBinding& call) {
  SqlRenderer sql = CallSql("reverse");
  if (call.arg_type(0).id() == TypeId::kArray) {
    DataTypePtr type = call.args[0]->type;
    return Finish(
        call, type, sql,
        [type](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
          const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
          arrow::Int64Builder indices;
          arrow::Int32Builder offsets;
          SPK_RETURN_NOT_OK_ARROW(offsets.Append(0));
          int32_t total = 0;
          for (int64_t i = 0; i < list.length(); ++i) {
            for (int64_t e = list.value_offset(i + 1) - 1; e >= list.value_offset(i); --e) {
              SPK_RETURN_NOT_OK_ARROW(indices.Append(e));
              ++total;
            }
            SPK_RETURN_NOT_OK_ARROW(offsets.Append(total));
          }
          ArrayPtr index_array, offset_array;
          SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
          SPK_RETURN_NOT_OK_ARROW(offsets.Finish(&offset_array));
          EnsureArrowCompute();
          SPK_ASSIGN_OR_RAISE_ARROW(auto values, arrow::compute::Take(list.values(), index_array));
          return ArrayPtr(std::make_shared<arrow::ListArray>(
              list.type(), list.length(),
              std::static_pointer_cast<arrow::Int32Array>(offset_array)->values(),
              values.make_array(), list.null_bitmap(), list.null_count(), list.offset()));
        },
        call.any_nullable());
  }
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapUnary<arrow::StringType, arrow::StringType>(
            args[0], arrow::utf8(), [](arrow::StringBuilder& out, std::string_view s) {
              auto points = CodePoints(s);
              std::string text;
              for (auto it = points.rbegin(); it != points.rend(); ++it) text += *it;
              return AppendValue(out, text);
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindRepeat(CallBinding& call) {
  SqlRenderer sql = CallSql("repeat");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), IntArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::StringType, arrow::Int32Type, arrow::StringType>(
            args[0], args[1], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view s, int32_t n) {
              std::string text;
              for (int32_t k = 0; k < n; ++k) text += s;
              return AppendValue(out, text);
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindAscii(CallBinding& call) {
  SqlRenderer sql = CallSql("ascii");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg()}, sql));
  return Finish(
      call, DataType::Integer(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapUnary<arrow::StringType, arrow::Int32Type>(
            args[0], arrow::int32(), [](arrow::Int32Builder& out, std::string_view s) {
              if (s.empty()) return AppendValue(out, 0);
              // The first code point's value.
              auto c = static_cast<unsigned char>(s[0]);
              int32_t value = c;
              int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
              if (extra > 0) value = c & (0x3F >> extra);
              for (int k = 1; k <= extra && k < static_cast<int>(s.size()); ++k) {
                value = (value << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
              }
              return AppendValue(out, value);
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindTranslate(CallBinding& call) {
  SqlRenderer sql = CallSql("translate");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg(), StringArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapTernary<arrow::StringType, arrow::StringType, arrow::StringType,
                          arrow::StringType>(
            args[0], args[1], args[2], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view s, std::string_view from,
               std::string_view to) {
              auto from_points = CodePoints(from);
              auto to_points = CodePoints(to);
              std::string text;
              for (auto point : CodePoints(s)) {
                auto it = std::find(from_points.begin(), from_points.end(), point);
                if (it == from_points.end()) {
                  text += point;
                } else {
                  size_t k = static_cast<size_t>(it - from_points.begin());
                  if (k < to_points.size()) text += to_points[k];
                }
              }
              return AppendValue(out, text);
            });
      },
      call.any_nullable());
}

// --- Regular expressions -----------------------------------------------------------------------

// Compiles each distinct pattern once per batch (patterns are nearly always literals).
class PatternCache {
 public:
  explicit PatternCache(std::string function_name) : function_name_(std::move(function_name)) {}
  Result<const JavaRegex*> Get(std::string_view pattern) {
    if (!regex_ || pattern != pattern_) {
      pattern_ = std::string(pattern);
      SPK_ASSIGN_OR_RAISE(regex_, JavaRegex::Compile(pattern_, function_name_));
    }
    return regex_.get();
  }

 private:
  std::string function_name_;
  std::string pattern_;
  std::shared_ptr<const JavaRegex> regex_;
};

Result<ExprPtr> BindSplit(CallBinding& call) {
  if (call.args.size() == 2) call.args.push_back(IntegerConstant(-1));
  SqlRenderer sql = CallSql("split");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg(), IntArg()}, sql));
  auto type = DataType::Array(DataType::String(), false);
  return Finish(
      call, type, sql,
      [type](const std::vector<ArrayPtr>& args, int64_t length,
             const EvalOptions&) -> Result<ArrayPtr> {
        PatternCache cache("split");
        arrow::ListBuilder builder(arrow::default_memory_pool(),
                                   std::make_shared<arrow::StringBuilder>(),
                                   KernelArrowType(*type));
        auto* values = static_cast<arrow::StringBuilder*>(builder.value_builder());
        const auto& text = static_cast<const arrow::StringArray&>(*args[0]);
        const auto& pattern = static_cast<const arrow::StringArray&>(*args[1]);
        const auto& limit = static_cast<const arrow::Int32Array&>(*args[2]);
        for (int64_t i = 0; i < length; ++i) {
          if (text.IsNull(i) || pattern.IsNull(i) || limit.IsNull(i)) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
            continue;
          }
          SPK_ASSIGN_OR_RAISE(auto regex, cache.Get(pattern.GetView(i)));
          SPK_RETURN_NOT_OK_ARROW(builder.Append());
          for (const auto& piece : regex->Split(text.GetView(i), limit.Value(i))) {
            SPK_RETURN_NOT_OK_ARROW(values->Append(piece));
          }
        }
        return FinishBuilder(builder);
      },
      call.any_nullable());
}

Result<ExprPtr> BindRegexpReplace(CallBinding& call) {
  if (call.args.size() == 3) call.args.push_back(IntegerConstant(1));
  SqlRenderer sql = CallSql("regexp_replace");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg(), StringArg(), IntArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t length,
         const EvalOptions&) -> Result<ArrayPtr> {
        PatternCache cache("regexp_replace");
        arrow::StringBuilder builder;
        const auto& text = static_cast<const arrow::StringArray&>(*args[0]);
        const auto& pattern = static_cast<const arrow::StringArray&>(*args[1]);
        const auto& replacement = static_cast<const arrow::StringArray&>(*args[2]);
        const auto& position = static_cast<const arrow::Int32Array&>(*args[3]);
        for (int64_t i = 0; i < length; ++i) {
          if (text.IsNull(i) || pattern.IsNull(i) || replacement.IsNull(i) || position.IsNull(i)) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
            continue;
          }
          SPK_ASSIGN_OR_RAISE(auto regex, cache.Get(pattern.GetView(i)));
          size_t from = ByteOffset(text.GetView(i), std::max(position.Value(i), 1) - 1);
          SPK_RETURN_NOT_OK_ARROW(
              builder.Append(regex->ReplaceAll(text.GetView(i), replacement.GetView(i), from)));
        }
        return FinishBuilder(builder);
      },
      call.any_nullable());
}

Result<ExprPtr> BindRegexpExtract(CallBinding& call) {
  if (call.args.size() == 2) call.args.push_back(IntegerConstant(1));
  SqlRenderer sql = CallSql("regexp_extract");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg(), IntArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t length,
         const EvalOptions&) -> Result<ArrayPtr> {
        PatternCache cache("regexp_extract");
        arrow::StringBuilder builder;
        const auto& text = static_cast<const arrow::StringArray&>(*args[0]);
        const auto& pattern = static_cast<const arrow::StringArray&>(*args[1]);
        const auto& group = static_cast<const arrow::Int32Array&>(*args[2]);
        std::string out;
        for (int64_t i = 0; i < length; ++i) {
          if (text.IsNull(i) || pattern.IsNull(i) || group.IsNull(i)) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
            continue;
          }
          SPK_ASSIGN_OR_RAISE(auto regex, cache.Get(pattern.GetView(i)));
          if (!regex->Extract(text.GetView(i), group.Value(i), &out)) {
            return Status::Error("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                                 {{"parameter", "`idx`"},
                                  {"functionName", "`regexp_extract`"},
                                  {"groupCount", std::to_string(regex->group_count())},
                                  {"groupIndex", std::to_string(group.Value(i))}});
          }
          SPK_RETURN_NOT_OK_ARROW(builder.Append(out));
        }
        return FinishBuilder(builder);
      },
      call.any_nullable());
}

// substring_index(str, delim, count): the text before the count-th delimiter from the left
// (count > 0) or after the count-th from the right (count < 0).
Result<ExprPtr> BindSubstringIndex(CallBinding& call) {
  SqlRenderer sql = CallSql("substring_index");
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg(), IntArg()}, sql));
  return Finish(
      call, DataType::String(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapTernary<arrow::StringType, arrow::StringType, arrow::Int32Type,
                          arrow::StringType>(
            args[0], args[1], args[2], arrow::utf8(),
            [](arrow::StringBuilder& out, std::string_view text, std::string_view delimiter,
               int32_t count) {
              if (count == 0 || delimiter.empty()) return AppendValue(out, std::string_view());
              if (count > 0) {
                size_t at = 0;
                for (int32_t k = 0; k < count; ++k) {
                  size_t found = text.find(delimiter, k == 0 ? 0 : at + delimiter.size());
                  if (found == std::string_view::npos) return AppendValue(out, text);
                  at = found;
                }
                return AppendValue(out, text.substr(0, at));
              }
              size_t at = text.size();
              for (int32_t k = 0; k < -static_cast<int64_t>(count); ++k) {
                if (at < delimiter.size()) return AppendValue(out, text);
                size_t found = text.rfind(delimiter, at - delimiter.size());
                if (found == std::string_view::npos) return AppendValue(out, text);
                at = found;
              }
              return AppendValue(out, text.substr(at + delimiter.size()));
            });
      },
      call.any_nullable());
}

// regexp_count(str, regexp) → number of matches; regexp_substr(str, regexp) → the first match
// or NULL.
template <bool kCount>
Result<ExprPtr> BindRegexpMatches(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg()}, sql));
  const std::string name = call.name;
  return Finish(
      call, kCount ? DataType::Integer() : DataType::String(), sql,
      [name](const std::vector<ArrayPtr>& args, int64_t length,
             const EvalOptions&) -> Result<ArrayPtr> {
        PatternCache cache(name);
        const auto& text = static_cast<const arrow::StringArray&>(*args[0]);
        const auto& pattern = static_cast<const arrow::StringArray&>(*args[1]);
        std::conditional_t<kCount, arrow::Int32Builder, arrow::StringBuilder> builder;
        std::vector<std::string> matches;
        std::string match;
        for (int64_t i = 0; i < length; ++i) {
          if (text.IsNull(i) || pattern.IsNull(i)) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
            continue;
          }
          SPK_ASSIGN_OR_RAISE(auto regex, cache.Get(pattern.GetView(i)));
          if constexpr (kCount) {
            matches.clear();
            regex->ExtractAll(text.GetView(i), 0, &matches);
            SPK_RETURN_NOT_OK_ARROW(builder.Append(static_cast<int32_t>(matches.size())));
          } else {
            if (!regex->Find(text.GetView(i))) {
              SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
              continue;
            }
            regex->Extract(text.GetView(i), 0, &match);
            SPK_RETURN_NOT_OK_ARROW(builder.Append(match));
          }
        }
        return FinishBuilder(builder);
      },
      kCount ? call.any_nullable() : true);
}

}  // namespace

const std::vector<FunctionDefinition>& StringFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"upper", 1, 1, false, &BindUpper, "Upper", "upper(str) - Returns `str` in upper case."},
      {"ucase", 1, 1, false, &BindUpper, "Upper", "ucase(str) - Returns `str` in upper case."},
      {"lower", 1, 1, false, &BindLower, "Lower", "lower(str) - Returns `str` in lower case."},
      {"lcase", 1, 1, false, &BindLower, "Lower", "lcase(str) - Returns `str` in lower case."},
      {"length", 1, 1, false, &BindLength, "Length",
       "length(expr) - Returns the character length of string data or number of bytes of "
       "binary data."},
      {"char_length", 1, 1, false, &BindLength, "Length",
       "char_length(expr) - Returns the character length of string data."},
      {"character_length", 1, 1, false, &BindLength, "Length",
       "character_length(expr) - Returns the character length of string data."},
      {"len", 1, 1, false, &BindLength, "Length", "len(expr) - Returns the character length."},
      {"octet_length", 1, 1, false, &BindLength, "OctetLength",
       "octet_length(expr) - Returns the byte length of string data or number of bytes of "
       "binary data."},
      {"bit_length", 1, 1, false, &BindLength, "BitLength",
       "bit_length(expr) - Returns the bit length of string data or number of bits of binary "
       "data."},
      {"trim", 1, 2, false, &BindTrim<TrimSide::kBoth>, "StringTrim",
       "trim(str) - Removes the leading and trailing space characters from `str`."},
      {"ltrim", 1, 2, false, &BindTrim<TrimSide::kLeading>, "StringTrimLeft",
       "ltrim(str) - Removes the leading space characters from `str`."},
      {"rtrim", 1, 2, false, &BindTrim<TrimSide::kTrailing>, "StringTrimRight",
       "rtrim(str) - Removes the trailing space characters from `str`."},
      {"substring_index", 3, 3, false, &BindSubstringIndex, "SubstringIndex",
       "substring_index(str, delim, count) - Returns the substring from `str` before `count` "
       "occurrences of the delimiter `delim`."},
      {"regexp_count", 2, 2, false, &BindRegexpMatches<true>, "RegExpCount",
       "regexp_count(str, regexp) - Returns a count of the number of times that the regular "
       "expression pattern `regexp` is matched in the string `str`."},
      {"regexp_substr", 2, 2, false, &BindRegexpMatches<false>, "RegExpSubStr",
       "regexp_substr(str, regexp) - Returns the substring that matches the regular expression "
       "`regexp` within the string `str`, or NULL."},
      {"substring", 2, 3, false, &BindSubstring, "Substring",
       "substring(str, pos[, len]) - Returns the substring of `str` that starts at `pos` and is "
       "of length `len`."},
      {"substr", 2, 3, false, &BindSubstring, "Substring",
       "substr(str, pos[, len]) - Returns the substring of `str` that starts at `pos`."},
      {"left", 2, 2, false, &BindLeftRight<true>, "Left",
       "left(str, len) - Returns the leftmost `len` characters from the string `str`."},
      {"right", 2, 2, false, &BindLeftRight<false>, "Right",
       "right(str, len) - Returns the rightmost `len` characters from the string `str`."},
      {"concat", 0, -1, false, &BindConcat, "Concat",
       "concat(col1, col2, ..., colN) - Returns the concatenation of col1, col2, ..., colN."},
      {"concat_ws", 1, -1, false, &BindConcatWs, "ConcatWs",
       "concat_ws(sep[, str | array(str)]+) - Returns the concatenation of the strings "
       "separated by `sep`, skipping null values."},
      {"replace", 2, 3, false, &BindReplace, "StringReplace",
       "replace(str, search[, replace]) - Replaces all occurrences of `search` with `replace`."},
      {"lpad", 2, 3, false, &BindPad<true>, "StringLPad",
       "lpad(str, len[, pad]) - Returns `str`, left-padded with `pad` to a length of `len`."},
      {"rpad", 2, 3, false, &BindPad<false>, "StringRPad",
       "rpad(str, len[, pad]) - Returns `str`, right-padded with `pad` to a length of `len`."},
      {"instr", 2, 2, false, &BindInstr, "StringInstr",
       "instr(str, substr) - Returns the (1-based) index of the first occurrence of `substr` in "
       "`str`."},
      {"locate", 2, 3, false, &BindLocate, "StringLocate",
       "locate(substr, str[, pos]) - Returns the position of the first occurrence of `substr` in "
       "`str` after position `pos`."},
      {"position", 2, 3, false, &BindLocate, "StringLocate",
       "position(substr, str[, pos]) - Returns the position of the first occurrence of `substr` "
       "in `str` after position `pos`."},
      {"startswith", 2, 2, false, &BindAffix<Affix::kStartsWith>, "StartsWith",
       "startswith(left, right) - Returns true if `left` starts with `right`."},
      {"endswith", 2, 2, false, &BindAffix<Affix::kEndsWith>, "EndsWith",
       "endswith(left, right) - Returns true if `left` ends with `right`."},
      {"contains", 2, 2, false, &BindAffix<Affix::kContains>, "Contains",
       "contains(left, right) - Returns true if `right` is found inside `left`."},
      {"initcap", 1, 1, false, &BindInitcap, "InitCap",
       "initcap(str) - Returns `str` with the first letter of each word in uppercase."},
      {"reverse", 1, 1, false, &BindReverse, "Reverse",
       "reverse(array) - Returns a reversed string or an array with reverse order of elements."},
      {"repeat", 2, 2, false, &BindRepeat, "StringRepeat",
       "repeat(str, n) - Returns the string which repeats the given string value n times."},
      {"ascii", 1, 1, false, &BindAscii, "Ascii",
       "ascii(str) - Returns the numeric value of the first character of `str`."},
      {"translate", 3, 3, false, &BindTranslate, "StringTranslate",
       "translate(input, from, to) - Translates the `input` string by replacing the characters "
       "present in the `from` string with the corresponding characters in the `to` string."},
      {"split", 2, 3, false, &BindSplit, "StringSplit",
       "split(str, regex, limit) - Splits `str` around occurrences that match `regex`."},
      {"regexp_replace", 3, 4, false, &BindRegexpReplace, "RegExpReplace",
       "regexp_replace(str, regexp, rep[, position]) - Replaces all substrings of `str` that "
       "match `regexp` with `rep`."},
      {"regexp_extract", 2, 3, false, &BindRegexpExtract, "RegExpExtract",
       "regexp_extract(str, regexp[, idx]) - Extract the first string in the `str` that match "
       "the `regexp` expression and corresponding to the regex group index."},
  };
  return kFunctions;
}

}  // namespace sparkling
