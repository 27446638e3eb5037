#pragma once

// Internal to src/function: the byte digests and checksums of md5/sha1/sha2/crc32, written
// from the published algorithms (RFC 1321, FIPS 180-4, ISO-HDLC CRC-32).

#include <cstdint>
#include <string>
#include <string_view>

namespace sparkling {

/// Lower-case hex digests, as Spark's md5/sha1/sha2 return them.
std::string Md5Hex(std::string_view data);
std::string Sha1Hex(std::string_view data);
/// bits: 224, 256, 384 or 512.
std::string Sha2Hex(std::string_view data, int bits);
/// CRC-32 (zlib's polynomial), as Spark's crc32.
uint32_t Crc32(std::string_view data);

}  // namespace sparkling
