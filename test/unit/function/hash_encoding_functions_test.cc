// Digests, Spark's row hashes, base64/hex and the regex/substring additions: expected values
// taken from Spark 4.1.

#include <gtest/gtest.h>

#include "function_test_support.h"

namespace sparkling::testing {
namespace {

ExprPtr MustCall(const std::string& name, std::vector<ExprPtr> args) {
  auto call = Call(name, std::move(args));
  EXPECT_TRUE(call.ok()) << call.status().ToString();
  return call.ok() ? *call : nullptr;
}

std::string Eval(const std::string& name, std::vector<ExprPtr> args) {
  auto out = EvaluateToStrings(name, std::move(args));
  if (!out.ok()) return "ERROR " + out.status().error().error_class;
  return out->front();
}

ExprPtr Repeat(const std::string& text, int times) {
  return MustCall("repeat", {StringLiteral(text), IntLiteral(times)});
}

TEST(HashFunctions, Digests) {
  EXPECT_EQ(Eval("md5", {StringLiteral("abc")}), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Eval("sha1", {StringLiteral("abc")}), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Eval("sha2", {StringLiteral("abc"), IntLiteral(256)}),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Eval("sha2", {StringLiteral("abc"), IntLiteral(224)}),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(Eval("sha2", {StringLiteral("abc"), IntLiteral(384)}),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baec"
            "a134c825a7");
  EXPECT_EQ(Eval("sha2", {StringLiteral("abc"), IntLiteral(512)}),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c"
            "23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(Eval("sha2", {StringLiteral("abc"), IntLiteral(1)}), "NULL");
  EXPECT_EQ(Eval("crc32", {StringLiteral("abc")}), "891568578");
  EXPECT_EQ(Eval("crc32", {StringLiteral("")}), "0");
  // Multi-block input.
  EXPECT_EQ(Eval("md5", {Repeat("abcdefgh", 20)}).size(), 32u);
  EXPECT_EQ(MustCall("md5", {StringLiteral("abc")})->ToSql(), "md5(abc)");
}

TEST(HashFunctions, Murmur3MatchesSpark) {
  EXPECT_EQ(Eval("hash", {StringLiteral("abc")}), "1322437556");
  EXPECT_EQ(Eval("hash", {StringLiteral("abcde")}), "814637928");
  EXPECT_EQ(Eval("hash", {Repeat("abcdefgh", 5)}), "1303053142");
  EXPECT_EQ(Eval("hash", {IntLiteral(1)}), "-559580957");
  EXPECT_EQ(Eval("hash", {LongLiteral(1)}), "-1712319331");
  EXPECT_EQ(Eval("hash", {DoubleLiteral(1.5)}), "1290763749");
  EXPECT_EQ(Eval("hash", {DoubleLiteral(-0.0)}), "-1670924195");
  EXPECT_EQ(Eval("hash", {BoolLiteral(true)}), "-559580957");
  EXPECT_EQ(Eval("hash", {IntLiteral(1), StringLiteral("a")}), "-936062819");
  EXPECT_EQ(Eval("hash", {MustCall("array", {IntLiteral(1), IntLiteral(2)})}), "-222940379");
  EXPECT_EQ(Eval("hash", {DecimalLiteral("1.5", 2, 1)}), "-18083236");
  EXPECT_EQ(Eval("hash", {MakeLiteral(arrow::MakeNullScalar(arrow::null()), DataType::Null())}),
            "42");
}

TEST(HashFunctions, XxHash64MatchesSpark) {
  EXPECT_EQ(Eval("xxhash64", {StringLiteral("abc")}), "1423657621850124518");
  EXPECT_EQ(Eval("xxhash64", {StringLiteral("abcdefghi")}), "-7093207067522615973");
  EXPECT_EQ(Eval("xxhash64", {Repeat("abcdefgh", 5)}), "-659657274293229061");
  EXPECT_EQ(Eval("xxhash64", {IntLiteral(1)}), "-6698625589789238999");
  EXPECT_EQ(Eval("xxhash64", {BoolLiteral(true)}), "-6698625589789238999");
}

TEST(EncodingFunctions, Base64AndHex) {
  EXPECT_EQ(Eval("base64", {StringLiteral("abc")}), "YWJj");
  EXPECT_EQ(Eval("base64", {Repeat("a", 100)}),
            "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh\r\n"
            "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ==");
  EXPECT_EQ(Eval("unbase64", {StringLiteral("YWJj")}), "abc");
  EXPECT_EQ(Eval("hex", {IntLiteral(255)}), "FF");
  EXPECT_EQ(Eval("hex", {IntLiteral(-1)}), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(Eval("hex", {StringLiteral("abc")}), "616263");
  EXPECT_EQ(Eval("unhex", {StringLiteral("616263")}), "abc");
  EXPECT_EQ(Eval("unhex", {StringLiteral("zz")}), "NULL");
  EXPECT_EQ(MustCall("unhex", {StringLiteral("F")})->type->Sql(), "BINARY");
}

TEST(StringAdditions, SubstringIndexAndRegex) {
  auto text = StringLiteral("a.b.c");
  auto dot = StringLiteral(".");
  EXPECT_EQ(Eval("substring_index", {text, dot, IntLiteral(2)}), "a.b");
  EXPECT_EQ(Eval("substring_index", {text, dot, IntLiteral(-2)}), "b.c");
  EXPECT_EQ(Eval("substring_index", {text, dot, IntLiteral(0)}), "");
  EXPECT_EQ(Eval("substring_index", {text, dot, IntLiteral(5)}), "a.b.c");
  EXPECT_EQ(Eval("substring_index", {text, dot, IntLiteral(-5)}), "a.b.c");
  EXPECT_EQ(Eval("regexp_count", {StringLiteral("abcabc"), StringLiteral("b")}), "2");
  EXPECT_EQ(Eval("regexp_substr", {StringLiteral("abc123"), StringLiteral("[0-9]+")}), "123");
  EXPECT_EQ(Eval("regexp_substr", {StringLiteral("abc"), StringLiteral("[0-9]+")}), "NULL");
}

}  // namespace
}  // namespace sparkling::testing

namespace sparkling::testing {
namespace {

TEST(FormatFunctions, FormatNumber) {
  EXPECT_EQ(Eval("format_number", {DecimalLiteral("1234567.891", 10, 3), IntLiteral(2)}),
            "1,234,567.89");
  EXPECT_EQ(Eval("format_number", {DoubleLiteral(1234567.891), IntLiteral(0)}), "1,234,568");
  EXPECT_EQ(Eval("format_number", {DoubleLiteral(-0.5), IntLiteral(3)}), "-0.500");
  EXPECT_EQ(Eval("format_number", {DoubleLiteral(0.125), IntLiteral(2)}), "0.12");
  EXPECT_EQ(Eval("format_number", {DecimalLiteral("0.125", 4, 3), IntLiteral(2)}), "0.12");
  EXPECT_EQ(Eval("format_number", {DecimalLiteral("0.135", 4, 3), IntLiteral(2)}), "0.14");
  EXPECT_EQ(Eval("format_number", {IntLiteral(1234), IntLiteral(1)}), "1,234.0");
  EXPECT_EQ(Eval("format_number", {IntLiteral(1234), IntLiteral(-1)}), "NULL");
}

TEST(FormatFunctions, FormatString) {
  EXPECT_EQ(Eval("format_string", {StringLiteral("%d-%s"), IntLiteral(1), StringLiteral("a")}),
            "1-a");
  EXPECT_EQ(Eval("printf", {StringLiteral("%05.2f"), DoubleLiteral(3.14159)}), "03.14");
  EXPECT_EQ(Eval("format_string",
                 {StringLiteral("%s %s"), StringLiteral("a"),
                  MakeLiteral(arrow::MakeNullScalar(arrow::utf8()), DataType::String())}),
            "a null");
  EXPECT_EQ(Eval("format_string", {StringLiteral("%x|%X|%,d|%-4s|100%%"), IntLiteral(-1),
                                   IntLiteral(255), IntLiteral(1234567), StringLiteral("ab")}),
            "ffffffff|FF|1,234,567|ab  |100%");
  EXPECT_EQ(
      Eval("format_string", {StringLiteral("%2$s %1$s"), StringLiteral("a"), StringLiteral("b")}),
      "b a");
  EXPECT_EQ(MustCall("printf", {StringLiteral("%d"), IntLiteral(1)})->ToSql(), "printf(%d, 1)");
}

}  // namespace
}  // namespace sparkling::testing

namespace sparkling::testing {
namespace {

TEST(FormatFunctions, FormatStringConversions) {
  EXPECT_EQ(Eval("format_string",
                 {StringLiteral("%s|%S|%b|%10.3f|%e"), DoubleLiteral(1.5), StringLiteral("ab"),
                  MakeLiteral(arrow::MakeNullScalar(arrow::null()), DataType::Null()),
                  DoubleLiteral(3.14159), DoubleLiteral(12345.678)}),
            "1.5|AB|false|     3.142|1.234568e+04");
}

}  // namespace
}  // namespace sparkling::testing
