#include "iceberg/avro_file.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <random>

namespace sparkling::iceberg {
namespace {

using Type = AvroNode::Type;
using Kind = AvroValue::Kind;

// Every kind of node Iceberg's manifests use, plus a native map, an enum and a named-type
// reference, with Iceberg's id attributes.
constexpr const char* kSchemaJson = R"({
  "type": "record", "name": "everything", "fields": [
    {"name": "i", "type": "int", "field-id": 1},
    {"name": "l", "type": "long", "field-id": 2},
    {"name": "s", "type": "string", "field-id": 3},
    {"name": "b", "type": "bytes", "field-id": 4},
    {"name": "flag", "type": "boolean", "field-id": 5},
    {"name": "f", "type": "float", "field-id": 6},
    {"name": "d", "type": "double", "field-id": 7},
    {"name": "md5", "type": {"type": "fixed", "name": "fixed_16", "size": 16}, "field-id": 8},
    {"name": "again", "type": "fixed_16", "field-id": 9},
    {"name": "opt", "type": ["null", "long"], "default": null, "field-id": 10},
    {"name": "day", "type": {"type": "int", "logicalType": "date"}, "field-id": 11},
    {"name": "amount", "type": {"type": "fixed", "name": "decimal_9_2", "size": 4,
      "logicalType": "decimal", "precision": 9, "scale": 2}, "field-id": 12},
    {"name": "offsets", "type": {"type": "array", "items": "long", "element-id": 13},
     "field-id": 14},
    {"name": "sizes", "type": ["null", {"type": "array", "logicalType": "map", "items": {
      "type": "record", "name": "k117_v118", "fields": [
        {"name": "key", "type": "int", "field-id": 117},
        {"name": "value", "type": "long", "field-id": 118}]}}], "default": null, "field-id": 15},
    {"name": "props", "type": {"type": "map", "values": "string", "key-id": 16,
      "value-id": 17}, "field-id": 18},
    {"name": "color", "type": {"type": "enum", "name": "color", "symbols": ["RED", "GREEN"]},
     "field-id": 19},
    {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros",
      "adjust-to-utc": true}, "field-id": 20}
  ]})";

AvroValue SampleRecord(int64_t n) {
  AvroValue props;
  props.kind = Kind::kMap;
  props.keys = {"a", "bb"};
  props.items = {AvroValue::Bytes("x"), AvroValue::Bytes("")};
  std::vector<AvroValue> sizes = {AvroValue::Record({AvroValue::Int(1), AvroValue::Long(n)}),
                                  AvroValue::Record({AvroValue::Int(2), AvroValue::Long(-n)})};
  return AvroValue::Record({
      AvroValue::Int(static_cast<int32_t>(-n)),
      AvroValue::Long(n * 1000000007LL),
      AvroValue::Bytes("row " + std::to_string(n) + " \xc3\xa9"),
      AvroValue::Bytes(std::string("\0\x01\xff", 3)),
      AvroValue::Boolean(n % 2 == 0),
      AvroValue::Float(1.5f * static_cast<float>(n)),
      AvroValue::Double(-0.0),
      AvroValue::Bytes(std::string(16, static_cast<char>(n))),
      AvroValue::Bytes(std::string(16, 'z')),
      n % 3 == 0 ? AvroValue::Null() : AvroValue::Long(INT64_MIN + n),
      AvroValue::Int(17486),
      AvroValue::Bytes(std::string("\x00\x00\x05\x8c", 4)),
      AvroValue::Array({AvroValue::Long(4), AvroValue::Long(INT64_MAX)}),
      n % 2 == 0 ? AvroValue::Null() : AvroValue::Array(std::move(sizes)),
      std::move(props),
      AvroValue::Bytes(n % 2 == 0 ? "RED" : "GREEN"),
      AvroValue::Long(-1),
  });
}

// Compares decoded values; floats compare by bits so that -0.0 and NaN payloads count.
void ExpectSameValue(const AvroValue& expected, const AvroValue& actual, const std::string& path) {
  ASSERT_EQ(static_cast<int>(expected.kind), static_cast<int>(actual.kind)) << path;
  EXPECT_EQ(expected.integer, actual.integer) << path;
  EXPECT_EQ(std::signbit(expected.real), std::signbit(actual.real)) << path;
  if (!std::isnan(expected.real)) EXPECT_EQ(expected.real, actual.real) << path;
  EXPECT_EQ(expected.bytes, actual.bytes) << path;
  EXPECT_EQ(expected.keys, actual.keys) << path;
  ASSERT_EQ(expected.items.size(), actual.items.size()) << path;
  for (size_t i = 0; i < expected.items.size(); ++i) {
    ExpectSameValue(expected.items[i], actual.items[i], path + "/" + std::to_string(i));
  }
}

// Container-file bytes written by hand, for inputs our writer never produces.
void PutLong(std::string* out, int64_t value) {
  uint64_t zigzag = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  while (zigzag >= 0x80) {
    out->push_back(static_cast<char>((zigzag & 0x7f) | 0x80));
    zigzag >>= 7;
  }
  out->push_back(static_cast<char>(zigzag));
}

void PutBytes(std::string* out, const std::string& bytes) {
  PutLong(out, static_cast<int64_t>(bytes.size()));
  *out += bytes;
}

std::string HandMadeFile(const std::string& schema, const std::string& codec,
                         const std::vector<std::pair<int64_t, std::string>>& blocks) {
  const std::string sync(16, '\x5a');
  std::string out("Obj\x01", 4);
  PutLong(&out, 2);
  PutBytes(&out, "avro.schema");
  PutBytes(&out, schema);
  PutBytes(&out, "avro.codec");
  PutBytes(&out, codec);
  PutLong(&out, 0);
  out += sync;
  for (const auto& [count, data] : blocks) {
    PutLong(&out, count);
    PutBytes(&out, data);
    out += sync;
  }
  return out;
}

TEST(AvroSchema, ParsesIcebergAttributes) {
  auto schema = AvroSchemaFromJson(kSchemaJson);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  const AvroNode& root = **schema;
  ASSERT_EQ(root.type, Type::kRecord);
  ASSERT_EQ(root.fields.size(), 17u);
  EXPECT_EQ(root.fields[0].field_id, 1);
  EXPECT_EQ(root.fields[8].type, root.fields[7].type);  // "fixed_16" resolved by name
  EXPECT_TRUE(root.fields[9].default_null);
  ASSERT_NE(root.fields[9].type->OptionalBranch(), nullptr);
  EXPECT_EQ(root.fields[9].type->OptionalBranch()->type, Type::kLong);
  EXPECT_EQ(root.fields[10].type->logical_type, "date");
  EXPECT_EQ(root.fields[11].type->precision, 9);
  EXPECT_EQ(root.fields[11].type->scale, 2);
  EXPECT_EQ(root.fields[12].type->element_id, 13);
  const AvroNode* sizes = root.fields[13].type->OptionalBranch();
  ASSERT_NE(sizes, nullptr);
  EXPECT_EQ(sizes->logical_type, "map");
  EXPECT_EQ(sizes->items->name, "k117_v118");
  EXPECT_EQ(sizes->items->fields[1].field_id, 118);
  EXPECT_EQ(root.fields[14].type->key_id, 16);
  EXPECT_EQ(root.fields[14].type->value_id, 17);
  EXPECT_TRUE(root.fields[16].type->adjust_to_utc);
  EXPECT_EQ(root.FieldIndex(12, "amount"), 11);
  EXPECT_EQ(root.FieldIndex(99, "amount"), -1);  // ids present: no fallback to names
}

TEST(AvroSchema, WritesJavaStyleJson) {
  auto schema = AvroNode::Record(
      "manifest_entry",
      {AvroField{"status", AvroNode::Primitive(Type::kInt), 0, false, ""},
       AvroField{"snapshot_id", AvroNode::Optional(AvroNode::Primitive(Type::kLong)), 1, true, ""},
       AvroField{"sizes",
                 AvroNode::KeyValueArray(117, AvroNode::Primitive(Type::kInt), 118,
                                         AvroNode::Primitive(Type::kLong)),
                 108, false, ""},
       AvroField{"day", AvroNode::Primitive(Type::kInt, "date"), 1000, false, ""},
       AvroField{"offsets", AvroNode::Array(AvroNode::Primitive(Type::kLong), 133), 132, false,
                 ""}});
  EXPECT_EQ(
      AvroSchemaToJson(*schema),
      R"({"type":"record","name":"manifest_entry","fields":[)"
      R"({"name":"status","type":"int","field-id":0},)"
      R"({"name":"snapshot_id","type":["null","long"],"default":null,"field-id":1},)"
      R"({"name":"sizes","type":{"type":"array","items":{"type":"record","name":"k117_v118",)"
      R"("fields":[{"name":"key","type":"int","field-id":117},)"
      R"({"name":"value","type":"long","field-id":118}]},"logicalType":"map"},"field-id":108},)"
      R"({"name":"day","type":{"type":"int","logicalType":"date"},"field-id":1000},)"
      R"({"name":"offsets","type":{"type":"array","items":"long","element-id":133},)"
      R"("field-id":132}]})");
}

TEST(AvroSchema, RoundTripsThroughJson) {
  auto schema = AvroSchemaFromJson(kSchemaJson);
  ASSERT_TRUE(schema.ok());
  std::string json = AvroSchemaToJson(**schema);
  auto again = AvroSchemaFromJson(json);
  ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << json;
  EXPECT_EQ(AvroSchemaToJson(**again), json);
  // The second use of fixed_16 is a reference, as Avro requires.
  EXPECT_NE(json.find(R"("name":"again","type":"fixed_16")"), std::string::npos) << json;
}

TEST(AvroSchema, RejectsMalformedSchemas) {
  for (
      const char* text :
      {"", "{", "42", R"({"type":"record","name":"r"})", R"({"type":"nonsense"})",
       R"({"type":"fixed","name":"f"})", R"({"type":"array"})", "[]", R"(["null", ["int"]])",
       R"({"type":"enum","name":"e","symbols":[1]})",
       R"({"type":"record","name":"r","fields":[{"name":"x","type":"r"}]})",
       R"({"type":"record","name":"r","fields":[{"name":"a","type":{"type":"fixed","name":"f","size":1}},{"name":"b","type":{"type":"fixed","name":"f","size":2}}]})"}) {
    EXPECT_FALSE(AvroSchemaFromJson(text).ok()) << text;
  }
}

class AvroFileRoundTrip : public ::testing::TestWithParam<AvroCodec> {};

TEST_P(AvroFileRoundTrip, ValuesAndMetadataSurvive) {
  auto schema = AvroSchemaFromJson(kSchemaJson);
  ASSERT_TRUE(schema.ok());
  std::vector<AvroValue> records;
  for (int64_t n = 0; n < 50; ++n) records.push_back(SampleRecord(n));
  auto bytes = WriteAvroFile(**schema, {{"snapshot-id", "42"}, {"binary", std::string("\0\1", 2)}},
                             records, GetParam());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto contents = ReadAvroFile(*bytes);
  ASSERT_TRUE(contents.ok()) << contents.status().ToString();
  ASSERT_NE(contents->FindMetadata("snapshot-id"), nullptr);
  EXPECT_EQ(*contents->FindMetadata("snapshot-id"), "42");
  EXPECT_EQ(*contents->FindMetadata("binary"), std::string("\0\1", 2));
  EXPECT_EQ(*contents->FindMetadata("avro.codec"),
            GetParam() == AvroCodec::kDeflate ? "deflate" : "null");
  EXPECT_EQ(contents->FindMetadata("missing"), nullptr);
  EXPECT_EQ(AvroSchemaToJson(*contents->schema), AvroSchemaToJson(**schema));
  ASSERT_EQ(contents->records.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    ExpectSameValue(records[i], contents->records[i], "record " + std::to_string(i));
  }
}

TEST_P(AvroFileRoundTrip, ManyRecordsSpanSeveralBlocks) {
  auto schema =
      AvroNode::Record("r", {AvroField{"s", AvroNode::Primitive(Type::kString), 1, false, ""}});
  std::vector<AvroValue> records;
  for (int i = 0; i < 3000; ++i) {
    records.push_back(AvroValue::Record({AvroValue::Bytes(std::string(1000, 'a' + i % 26))}));
  }
  auto bytes = WriteAvroFile(*schema, {}, records, GetParam());
  ASSERT_TRUE(bytes.ok());
  auto contents = ReadAvroFile(*bytes);
  ASSERT_TRUE(contents.ok()) << contents.status().ToString();
  ASSERT_EQ(contents->records.size(), 3000u);
  EXPECT_EQ(contents->records[2999].items[0].bytes, std::string(1000, 'a' + 2999 % 26));
}

TEST_P(AvroFileRoundTrip, EmptyFileHasNoBlocks) {
  auto schema = AvroNode::Record("r", {});
  auto bytes = WriteAvroFile(*schema, {}, {}, GetParam());
  ASSERT_TRUE(bytes.ok());
  auto contents = ReadAvroFile(*bytes);
  ASSERT_TRUE(contents.ok());
  EXPECT_TRUE(contents->records.empty());
}

INSTANTIATE_TEST_SUITE_P(Codecs, AvroFileRoundTrip,
                         ::testing::Values(AvroCodec::kNull, AvroCodec::kDeflate));

TEST(AvroFile, WriterRejectsValuesThatDoNotMatch) {
  auto schema =
      AvroNode::Record("r", {AvroField{"i", AvroNode::Primitive(Type::kInt), 1, false, ""},
                             AvroField{"f", AvroNode::Fixed("f4", 4), 2, false, ""}});
  EXPECT_FALSE(WriteAvroFile(*schema, {},
                             {AvroValue::Record({AvroValue::Bytes("x"), AvroValue::Bytes("abcd")})})
                   .ok());
  EXPECT_FALSE(WriteAvroFile(*schema, {},
                             {AvroValue::Record(
                                 {AvroValue::Long(int64_t{1} << 40), AvroValue::Bytes("abcd")})})
                   .ok());
  EXPECT_FALSE(
      WriteAvroFile(*schema, {}, {AvroValue::Record({AvroValue::Int(1), AvroValue::Bytes("abc")})})
          .ok());
  EXPECT_FALSE(WriteAvroFile(*schema, {}, {AvroValue::Record({AvroValue::Int(1)})}).ok());
  EXPECT_FALSE(WriteAvroFile(*schema, {{"avro.codec", "null"}}, {}).ok());
}

TEST(AvroFile, ReadsSnappyBlocks) {
  // libsnappy's compression of the data below (literals and 1- and 2-byte-offset copies).
  const std::string compressed(
      "\xcd\x01\x1c\x69\x63\x65\x62\x65\x72\x67\x20\x3e\x08\x00\x1c\x6d\x61\x6e\x69\x66\x65\x73"
      "\x74\x42\x19\x00\x11\x29\xfe\x21\x00\xae\x21\x00\x9c\x00\x01\x02\x03\x04\x05\x06\x07\x08"
      "\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e"
      "\x1f\x20\x21\x22\x23\x24\x25\x26\x27",
      75);
  std::string expected;
  for (int i = 0; i < 5; ++i) expected += "iceberg iceberg iceberg manifest ";
  for (int i = 0; i < 40; ++i) expected.push_back(static_cast<char>(i));
  const std::string crc("\xcf\xe6\x10\x3d", 4);  // big-endian CRC-32 of `expected`
  const std::string schema = R"({"type":"fixed","name":"blob","size":205})";
  auto contents = ReadAvroFile(HandMadeFile(schema, "snappy", {{1, compressed + crc}}));
  ASSERT_TRUE(contents.ok()) << contents.status().ToString();
  ASSERT_EQ(contents->records.size(), 1u);
  EXPECT_EQ(contents->records[0].bytes, expected);

  std::string bad_crc = crc;
  bad_crc[3] ^= 1;
  auto corrupt = ReadAvroFile(HandMadeFile(schema, "snappy", {{1, compressed + bad_crc}}));
  ASSERT_FALSE(corrupt.ok());
  EXPECT_NE(corrupt.status().message().find("checksum"), std::string::npos);
}

TEST(AvroFile, UnknownCodecIsUnsupported) {
  auto contents = ReadAvroFile(HandMadeFile(R"("int")", "zstandard", {}));
  ASSERT_FALSE(contents.ok());
  EXPECT_EQ(contents.status().error().error_class, "UNSUPPORTED_FEATURE");
}

TEST(AvroFile, CorruptInputGivesClearErrors) {
  auto expect_invalid = [](const std::string& bytes, const std::string& words) {
    auto contents = ReadAvroFile(bytes);
    ASSERT_FALSE(contents.ok());
    EXPECT_EQ(contents.status().error().error_class, "ICEBERG_VALIDATION");
    EXPECT_NE(contents.status().message().find(words), std::string::npos)
        << contents.status().message();
  };
  expect_invalid("", "bad magic");
  expect_invalid("PAR1 not avro", "bad magic");
  const std::string schema =
      R"({"type":"record","name":"r","fields":[{"name":"l","type":"long"}]})";
  std::string one_long;
  PutLong(&one_long, 7);
  // A block claiming more records than its bytes can hold.
  expect_invalid(HandMadeFile(schema, "null", {{1000000, one_long}}), "cannot fit");
  // Bytes left over after the claimed records.
  expect_invalid(HandMadeFile(schema, "null", {{1, one_long + one_long}}), "bytes left");
  // A variable-length integer running past 64 bits.
  expect_invalid(HandMadeFile(schema, "null", {{1, std::string(11, '\xff')}}), "overflows");
  // Garbage where deflate data should be.
  expect_invalid(HandMadeFile(schema, "deflate", {{1, "\xff\xff\xff\xff"}}), "deflate");
  // A sync marker that does not match the header's.
  std::string file = HandMadeFile(schema, "null", {{1, one_long}});
  file.back() ^= 1;
  expect_invalid(file, "sync marker");
  // Union branch and enum index out of range.
  expect_invalid(HandMadeFile(R"(["null","long"])", "null", {{1, "\x08"}}), "union branch");
  expect_invalid(
      HandMadeFile(R"({"type":"enum","name":"e","symbols":["A"]})", "null", {{1, "\x04"}}),
      "enum index");
  // An array claiming a billion items of a one-byte type.
  std::string huge_array;
  PutLong(&huge_array, 1000000000);
  expect_invalid(HandMadeFile(R"({"type":"array","items":"int"})", "null", {{1, huge_array}}),
                 "exceeds the data");
}

TEST(AvroFile, EveryTruncationFailsCleanly) {
  auto schema = AvroSchemaFromJson(kSchemaJson);
  ASSERT_TRUE(schema.ok());
  for (AvroCodec codec : {AvroCodec::kNull, AvroCodec::kDeflate}) {
    auto bytes = WriteAvroFile(**schema, {{"k", "v"}}, {SampleRecord(1), SampleRecord(2)}, codec);
    ASSERT_TRUE(bytes.ok());
    int valid_prefixes = 0;
    for (size_t size = 0; size < bytes->size(); ++size) {
      auto contents = ReadAvroFile(std::string_view(*bytes).substr(0, size));
      if (contents.ok()) {
        // Only the bare header is a valid file (of no records): the format cannot tell a
        // file cut at a block boundary, which is why manifest lengths are recorded exactly.
        EXPECT_TRUE(contents->records.empty()) << "prefix of " << size << " bytes";
        ++valid_prefixes;
        continue;
      }
      EXPECT_EQ(contents.status().error().error_class, "ICEBERG_VALIDATION");
    }
    EXPECT_EQ(valid_prefixes, 1);
  }
}

TEST(AvroFile, RandomCorruptionNeverCrashes) {
  auto schema = AvroSchemaFromJson(kSchemaJson);
  ASSERT_TRUE(schema.ok());
  std::mt19937 random(20250101);
  for (AvroCodec codec : {AvroCodec::kNull, AvroCodec::kDeflate}) {
    auto bytes = WriteAvroFile(**schema, {}, {SampleRecord(1), SampleRecord(2)}, codec);
    ASSERT_TRUE(bytes.ok());
    for (int round = 0; round < 2000; ++round) {
      std::string corrupt = *bytes;
      for (int flips = 1 + round % 4; flips > 0; --flips) {
        corrupt[random() % corrupt.size()] ^= static_cast<char>(1 + random() % 255);
      }
      // Any outcome but a crash or a hang is fine; errors must be statuses.
      auto contents = ReadAvroFile(corrupt);
      if (!contents.ok()) EXPECT_FALSE(contents.status().message().empty());
    }
  }
}

}  // namespace
}  // namespace sparkling::iceberg
