#include "iceberg/deletion_vector.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sparkling::iceberg {
namespace {

// Builders for the byte layouts, written from the format descriptions (Roaring's portable
// serialization and Iceberg's deletion-vector-v1 blob).
void Le16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>(v >> 8));
}
void Le32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void Le64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void Be32(std::string* out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A 32-bit bitmap without run containers: one array container (key 0) holding `values`.
std::string ArrayBitmap(const std::vector<uint16_t>& values, uint16_t key = 0) {
  std::string out;
  Le32(&out, 12346);  // no-run cookie
  Le32(&out, 1);      // one container
  Le16(&out, key);
  Le16(&out, static_cast<uint16_t>(values.size() - 1));
  Le32(&out, 0);  // offset (ignored by the reader)
  for (uint16_t v : values) Le16(&out, v);
  return out;
}

std::string Roaring64(const std::vector<std::pair<uint32_t, std::string>>& bitmaps) {
  std::string out;
  Le64(&out, bitmaps.size());
  for (const auto& [high, bitmap] : bitmaps) {
    Le32(&out, high);
    out += bitmap;
  }
  return out;
}

std::string Blob(const std::string& bitmap) {
  std::string body = "\xD1\xD3\x39\x64" + bitmap;
  std::string out;
  Be32(&out, static_cast<uint32_t>(body.size()));
  out += body;
  Be32(&out,
       static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(body.data()), body.size())));
  return out;
}

std::vector<int64_t> Decode(const std::string& blob) {
  auto positions = DecodeDeletionVector(blob);
  EXPECT_TRUE(positions.ok()) << positions.status().ToString();
  return positions.ok() ? *positions : std::vector<int64_t>{};
}

TEST(DeletionVector, ArrayContainer) {
  EXPECT_EQ(Decode(Blob(Roaring64({{0, ArrayBitmap({1, 2, 15})}}))),
            (std::vector<int64_t>{1, 2, 15}));
}

TEST(DeletionVector, HighKeysAndContainerKeysFormThePosition) {
  const int64_t high = int64_t{3} << 32;
  auto positions = Decode(Blob(Roaring64({{0, ArrayBitmap({7}, 2)}, {3, ArrayBitmap({0, 9})}})));
  EXPECT_EQ(positions, (std::vector<int64_t>{(2 << 16) + 7, high, high + 9}));
}

TEST(DeletionVector, RunContainersWithoutOffsetHeader) {
  // Two containers, the first a run container: cookie 12347 | (n - 1) << 16, then run flags.
  std::string bitmap;
  Le32(&bitmap, 12347 | (1u << 16));
  bitmap.push_back(0x01);  // container 0 is a run container
  Le16(&bitmap, 0);        // key 0
  Le16(&bitmap, 9);        // cardinality 10
  Le16(&bitmap, 1);        // key 1
  Le16(&bitmap, 1);        // cardinality 2
  // Fewer than four containers with runs: no offset header.
  Le16(&bitmap, 2);  // two runs
  Le16(&bitmap, 0);
  Le16(&bitmap, 4);  // 0..4
  Le16(&bitmap, 100);
  Le16(&bitmap, 4);  // 100..104
  Le16(&bitmap, 5);
  Le16(&bitmap, 6);  // array container of key 1: 65541, 65542
  auto positions = Decode(Blob(Roaring64({{0, bitmap}})));
  EXPECT_EQ(positions,
            (std::vector<int64_t>{0, 1, 2, 3, 4, 100, 101, 102, 103, 104, 65541, 65542}));
}

TEST(DeletionVector, BitmapContainer) {
  // More than 4096 values: a 1024-word bitmap; every even position below 10000.
  std::string bitmap;
  Le32(&bitmap, 12346);
  Le32(&bitmap, 1);
  Le16(&bitmap, 0);
  Le16(&bitmap, 5000 - 1);
  Le32(&bitmap, 0);
  std::vector<uint64_t> words(1024, 0);
  std::vector<int64_t> expected;
  for (int v = 0; v < 10000; v += 2) {
    words[v / 64] |= uint64_t{1} << (v % 64);
    expected.push_back(v);
  }
  for (uint64_t w : words) Le64(&bitmap, w);
  EXPECT_EQ(Decode(Blob(Roaring64({{0, bitmap}}))), expected);
}

TEST(DeletionVector, EmptyVector) { EXPECT_TRUE(Decode(Blob(Roaring64({}))).empty()); }

TEST(DeletionVector, RejectsMalformedBlobs) {
  const std::string good = Blob(Roaring64({{0, ArrayBitmap({1, 2})}}));
  ASSERT_TRUE(DecodeDeletionVector(good).ok());

  std::string bad_crc = good;
  bad_crc.back() ^= 1;
  std::string bad_magic = good;
  bad_magic[4] = 0;
  std::string bad_length = good;
  bad_length[3] ^= 1;
  std::string bad_cookie = Blob(Roaring64({{0, std::string("\x01\x02\x03\x04", 4)}}));
  std::string truncated_array = ArrayBitmap({1, 2, 3});
  truncated_array.resize(truncated_array.size() - 2);
  std::string huge_count;
  Le64(&huge_count, uint64_t{1} << 60);

  for (const std::string& blob :
       {bad_crc, bad_magic, bad_length, bad_cookie, Blob(Roaring64({{0, truncated_array}})),
        Blob(huge_count), good.substr(0, 10), std::string()}) {
    auto result = DecodeDeletionVector(blob);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.status().ToString().find("deletion vector"), std::string::npos)
        << result.status().ToString();
  }
}

TEST(DeletionVector, RunPastItsContainerIsRejected) {
  std::string bitmap;
  Le32(&bitmap, 12347);  // one container, with runs
  bitmap.push_back(0x01);
  Le16(&bitmap, 0);
  Le16(&bitmap, 0);
  Le16(&bitmap, 1);
  Le16(&bitmap, 0xFFF0);
  Le16(&bitmap, 0x20);  // 0xFFF0 + 0x20 > 0xFFFF
  EXPECT_FALSE(DecodeDeletionVector(Blob(Roaring64({{0, bitmap}}))).ok());
}

}  // namespace
}  // namespace sparkling::iceberg
