#include <gtest/gtest.h>

#include "parser/sql_parser.h"

namespace sparkling {
namespace {

std::string Type(std::string_view text) {
  Result<DataTypePtr> type = ParseDataType(text);
  if (!type.ok()) return "ERROR " + type.status().error().error_class;
  return (*type)->SimpleString();
}

std::string SchemaText(const Schema& schema) {
  std::string out;
  for (const auto& field : schema) {
    if (!out.empty()) out += ", ";
    out += field.name + " " + field.type->SimpleString();
    if (!field.nullable) out += " not null";
    if (field.metadata_json != "{}") out += " " + field.metadata_json;
  }
  return out;
}

TEST(DataTypeParserTest, Primitives) {
  EXPECT_EQ(Type("int"), "int");
  EXPECT_EQ(Type("INTEGER"), "int");
  EXPECT_EQ(Type("long"), "bigint");
  EXPECT_EQ(Type("byte"), "tinyint");
  EXPECT_EQ(Type("short"), "smallint");
  EXPECT_EQ(Type("real"), "float");
  EXPECT_EQ(Type("double"), "double");
  EXPECT_EQ(Type("boolean"), "boolean");
  EXPECT_EQ(Type("string"), "string");
  EXPECT_EQ(Type("binary"), "binary");
  EXPECT_EQ(Type("date"), "date");
  EXPECT_EQ(Type("timestamp"), "timestamp");
  EXPECT_EQ(Type("timestamp_ltz"), "timestamp");
  EXPECT_EQ(Type("timestamp_ntz"), "timestamp_ntz");
  EXPECT_EQ(Type("void"), "void");
}

TEST(DataTypeParserTest, Parameterised) {
  EXPECT_EQ(Type("decimal"), "decimal(10,0)");
  EXPECT_EQ(Type("decimal(10, 2)"), "decimal(10,2)");
  EXPECT_EQ(Type("numeric(5)"), "decimal(5,0)");
  EXPECT_EQ(Type("decimal(40,2)"), "ERROR DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
  EXPECT_EQ(Type("char(3)"), "char(3)");
  EXPECT_EQ(Type("varchar(10)"), "varchar(10)");
  EXPECT_EQ(Type("varchar"), "ERROR DATATYPE_MISSING_SIZE");
  EXPECT_EQ(Type("interval"), "interval");
  EXPECT_EQ(Type("interval day to second"), "interval day to second");
  EXPECT_EQ(Type("interval year to month"), "interval year to month");
  EXPECT_EQ(Type("interval hour"), "interval hour");
  EXPECT_EQ(Type("interval second to day"), "ERROR PARSE_SYNTAX_ERROR");
}

TEST(DataTypeParserTest, Nested) {
  EXPECT_EQ(Type("array<int>"), "array<int>");
  EXPECT_EQ(Type("map<string,array<int>>"), "map<string,array<int>>");
  EXPECT_EQ(Type("array<array<array<int>>>"), "array<array<array<int>>>");
  EXPECT_EQ(Type("struct<a:int,b:string>"), "struct<a:int,b:string>");
  EXPECT_EQ(Type("STRUCT<a: INT, `b c`: ARRAY<STRING>>"), "struct<a:int,b c:array<string>>");
  EXPECT_EQ(Type("struct<>"), "struct<>");
  EXPECT_EQ(Type("array<struct<a:int,b:string>>"), "array<struct<a:int,b:string>>");
  EXPECT_EQ(Type("foo"), "ERROR UNSUPPORTED_DATATYPE");
  EXPECT_EQ(Type("array<int"), "ERROR PARSE_SYNTAX_ERROR");
  EXPECT_EQ(Type("int int"), "ERROR PARSE_SYNTAX_ERROR");
}

TEST(DataTypeParserTest, StructFieldOptions) {
  Result<DataTypePtr> type = ParseDataType("struct<a:int not null comment 'the \"a\"'>");
  ASSERT_TRUE(type.ok()) << type.status().message();
  EXPECT_EQ(SchemaText((*type)->fields()), "a int not null {\"comment\":\"the \\\"a\\\"\"}");
}

TEST(DataTypeParserTest, TableSchemas) {
  Result<Schema> schema =
      ParseTableSchema("a int, b string not null comment 'x', `c d` array<int>");
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(SchemaText(*schema), "a int, b string not null {\"comment\":\"x\"}, c d array<int>");
  Result<Schema> from_struct = ParseTableSchema("struct<a:int,b:string>");
  ASSERT_TRUE(from_struct.ok());
  EXPECT_EQ(SchemaText(*from_struct), "a int, b string");
  EXPECT_FALSE(ParseTableSchema("int").ok());
}

TEST(DataTypeParserTest, ConnectDdlStrings) {
  auto ddl = [](std::string_view text) {
    Result<DataTypePtr> type = ParseDataTypeOrSchema(text);
    return type.ok() ? (*type)->SimpleString() : "ERROR " + type.status().error().error_class;
  };
  EXPECT_EQ(ddl("int"), "int");
  EXPECT_EQ(ddl("a int, b string"), "struct<a:int,b:string>");
  EXPECT_EQ(ddl("a: int, b: string"), "struct<a:int,b:string>");
  EXPECT_EQ(ddl("struct<a:int>"), "struct<a:int>");
  EXPECT_EQ(ddl("array<bigint>"), "array<bigint>");
  EXPECT_EQ(ddl("a int,"), "ERROR PARSE_SYNTAX_ERROR");
}

TEST(DataTypeParserTest, MultipartIdentifiers) {
  auto parts = [](std::string_view text) {
    Result<std::vector<std::string>> result = ParseMultipartIdentifier(text);
    if (!result.ok()) return std::string("ERROR");
    std::string out;
    for (const auto& part : *result) out += "[" + part + "]";
    return out;
  };
  EXPECT_EQ(parts("db.t"), "[db][t]");
  EXPECT_EQ(parts("`a.b`.c"), "[a.b][c]");
  EXPECT_EQ(parts("`a``b`"), "[a`b]");
  EXPECT_EQ(parts("cat.db.Tbl"), "[cat][db][Tbl]");
  EXPECT_EQ(parts("a."), "ERROR");
  EXPECT_EQ(parts("a b"), "ERROR");
}

}  // namespace
}  // namespace sparkling
