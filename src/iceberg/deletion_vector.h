#pragma once

// Iceberg v3 deletion vectors: a `deletion-vector-v1` blob in a Puffin file holds the deleted
// row positions of one data file as a 64-bit Roaring bitmap (portable serialization). Delete
// manifests point at the blob with `content_offset` and `content_size_in_bytes`.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "iceberg/manifest.h"

namespace sparkling::iceberg {

/// The sorted positions of a `deletion-vector-v1` blob: a 4-byte big-endian length of the
/// magic and bitmap, the magic D1 D3 39 64, the Roaring64 bitmap, then a big-endian CRC-32 of
/// the magic and bitmap. Malformed blobs are ICEBERG_VALIDATION errors, never a crash.
Result<std::vector<int64_t>> DecodeDeletionVector(std::string_view blob);

/// The sorted positions in a 64-bit Roaring bitmap in portable form: a little-endian 64-bit
/// count of 32-bit bitmaps, then per bitmap its 4-byte little-endian high key and the 32-bit
/// Roaring bitmap (array, bitmap and run containers). `consumed` gets the bytes read.
Result<std::vector<int64_t>> DecodeRoaring64(std::string_view bytes, size_t* consumed = nullptr);

/// Reads the deletion vector `file` (a position-delete entry with a content offset) points at.
Result<std::vector<int64_t>> ReadDeletionVector(const DataFile& file);

}  // namespace sparkling::iceberg
