#include "iceberg/deletion_vector.h"

#include <arrow/buffer.h>
#include <arrow/io/file.h>
#include <zlib.h>

#include <algorithm>

#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"

namespace sparkling::iceberg {
namespace {

constexpr unsigned char kMagic[4] = {0xD1, 0xD3, 0x39, 0x64};
// Roaring's portable format: a cookie announcing run containers (the container count in the
// high 16 bits) or none (the count follows as a 32-bit integer).
constexpr uint32_t kCookieWithRuns = 12347;
constexpr uint32_t kCookieNoRuns = 12346;
constexpr uint32_t kNoOffsetThreshold = 4;
constexpr uint32_t kMaxArrayCardinality = 4096;
constexpr size_t kBitmapContainerBytes = 8192;

Status Malformed(const std::string& what) {
  return CatalogError("ICEBERG_VALIDATION", "Malformed deletion vector: " + what);
}

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool Has(size_t n) const { return bytes_.size() - pos_ >= n; }
  size_t position() const { return pos_; }
  void Skip(size_t n) { pos_ += n; }

  uint8_t U8() { return static_cast<uint8_t>(bytes_[pos_++]); }  // callers check Has() first
  uint16_t U16() {                                               // little-endian
    uint16_t v = static_cast<uint8_t>(bytes_[pos_]) |
                 static_cast<uint16_t>(static_cast<uint8_t>(bytes_[pos_ + 1])) << 8;
    pos_ += 2;
    return v;
  }
  uint32_t U32() {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
    pos_ += 4;
    return v;
  }
  uint64_t U64() {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
    pos_ += 8;
    return v;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

uint32_t BigEndian32(std::string_view bytes) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

// One 32-bit Roaring bitmap; positions get `high` as their upper 32 bits.
Status DecodeRoaring32(ByteReader* in, uint64_t high, std::vector<int64_t>* out) {
  if (!in->Has(4)) return Malformed("truncated bitmap header");
  const uint32_t cookie = in->U32();
  uint32_t containers = 0;
  bool has_runs = false;
  std::string run_flags;
  if ((cookie & 0xFFFF) == kCookieWithRuns) {
    has_runs = true;
    containers = (cookie >> 16) + 1;
    const size_t flag_bytes = (containers + 7) / 8;
    if (!in->Has(flag_bytes)) return Malformed("truncated run flags");
    run_flags.resize(flag_bytes);
    for (size_t i = 0; i < flag_bytes; ++i) run_flags[i] = static_cast<char>(in->U8());
  } else if (cookie == kCookieNoRuns) {
    if (!in->Has(4)) return Malformed("truncated container count");
    containers = in->U32();
  } else {
    return Malformed("unknown Roaring cookie " + std::to_string(cookie));
  }
  if (containers > 65536) return Malformed("too many containers");
  if (!in->Has(static_cast<size_t>(containers) * 4)) return Malformed("truncated key header");
  std::vector<uint16_t> keys(containers);
  std::vector<uint32_t> cardinalities(containers);
  for (uint32_t i = 0; i < containers; ++i) {
    keys[i] = in->U16();
    cardinalities[i] = static_cast<uint32_t>(in->U16()) + 1;
  }
  if (!has_runs || containers >= kNoOffsetThreshold) {
    if (!in->Has(static_cast<size_t>(containers) * 4)) return Malformed("truncated offsets");
    in->Skip(static_cast<size_t>(containers) * 4);  // containers follow in order anyway
  }
  for (uint32_t i = 0; i < containers; ++i) {
    const uint64_t base = (high << 32) | (static_cast<uint64_t>(keys[i]) << 16);
    const bool is_run = has_runs && (static_cast<uint8_t>(run_flags[i / 8]) >> (i % 8) & 1) != 0;
    if (is_run) {
      if (!in->Has(2)) return Malformed("truncated run container");
      const uint16_t runs = in->U16();
      if (!in->Has(static_cast<size_t>(runs) * 4)) return Malformed("truncated runs");
      for (uint16_t r = 0; r < runs; ++r) {
        const uint32_t start = in->U16();
        const uint32_t length = in->U16();
        if (start + length > 0xFFFF) return Malformed("run past its container");
        for (uint32_t v = start; v <= start + length; ++v) {
          out->push_back(static_cast<int64_t>(base | v));
        }
      }
    } else if (cardinalities[i] <= kMaxArrayCardinality) {
      if (!in->Has(static_cast<size_t>(cardinalities[i]) * 2)) {
        return Malformed("truncated array container");
      }
      for (uint32_t k = 0; k < cardinalities[i]; ++k) {
        out->push_back(static_cast<int64_t>(base | in->U16()));
      }
    } else {
      if (!in->Has(kBitmapContainerBytes)) return Malformed("truncated bitmap container");
      for (uint32_t word = 0; word < kBitmapContainerBytes / 8; ++word) {
        uint64_t bits = in->U64();
        while (bits != 0) {
          const int bit = __builtin_ctzll(bits);
          out->push_back(static_cast<int64_t>(base | (word * 64 + bit)));
          bits &= bits - 1;
        }
      }
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<int64_t>> DecodeRoaring64(std::string_view bytes, size_t* consumed) {
  ByteReader in(bytes);
  if (!in.Has(8)) return Malformed("truncated bitmap count");
  const uint64_t bitmaps = in.U64();
  // Each 32-bit bitmap takes at least 8 bytes (key and cookie): bound the count by the input.
  if (bitmaps > bytes.size() / 8) return Malformed("bitmap count past the end");
  std::vector<int64_t> positions;
  for (uint64_t b = 0; b < bitmaps; ++b) {
    if (!in.Has(4)) return Malformed("truncated bitmap key");
    const uint32_t high = in.U32();
    if (high > 0x7FFFFFFF) return Malformed("position beyond a long");
    SPK_RETURN_NOT_OK(DecodeRoaring32(&in, high, &positions));
  }
  if (consumed != nullptr) *consumed = in.position();
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}

Result<std::vector<int64_t>> DecodeDeletionVector(std::string_view blob) {
  // length (4) + magic (4) + bitmap (at least its 8-byte count) + CRC (4)
  if (blob.size() < 20) return Malformed("blob of " + std::to_string(blob.size()) + " bytes");
  const uint32_t length = BigEndian32(blob.substr(0, 4));
  if (length != blob.size() - 8) {
    return Malformed("length " + std::to_string(length) + " does not match the blob size " +
                     std::to_string(blob.size()));
  }
  std::string_view body = blob.substr(4, length);  // magic + bitmap
  if (!std::equal(body.begin(), body.begin() + 4, reinterpret_cast<const char*>(kMagic))) {
    return Malformed("bad magic");
  }
  const uint32_t expected_crc = BigEndian32(blob.substr(4 + length, 4));
  const uint32_t crc = static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
  if (crc != expected_crc) return Malformed("CRC mismatch");
  size_t consumed = 0;
  SPK_ASSIGN_OR_RAISE(auto positions, DecodeRoaring64(body.substr(4), &consumed));
  if (consumed != body.size() - 4) return Malformed("trailing bytes after the bitmap");
  return positions;
}

Result<std::vector<int64_t>> ReadDeletionVector(const DataFile& file) {
  if (!file.content_offset || !file.content_size_in_bytes || *file.content_offset < 0 ||
      *file.content_size_in_bytes < 0) {
    return Malformed("delete entry without content_offset / content_size_in_bytes: " +
                     file.file_path);
  }
  SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(file.file_path));
  SPK_ASSIGN_OR_RAISE_ARROW(auto input, arrow::io::ReadableFile::Open(path));
  SPK_ASSIGN_OR_RAISE_ARROW(int64_t size, input->GetSize());
  if (*file.content_offset + *file.content_size_in_bytes > size) {
    return Malformed("blob past the end of " + file.file_path);
  }
  SPK_ASSIGN_OR_RAISE_ARROW(auto buffer,
                            input->ReadAt(*file.content_offset, *file.content_size_in_bytes));
  return DecodeDeletionVector(
      std::string_view(reinterpret_cast<const char*>(buffer->data()), buffer->size()));
}

}  // namespace sparkling::iceberg
