// Digests and hashes: md5, sha1, sha2, crc32 (of binary input) and Spark's row hashes hash
// (Murmur3 x86_32, seed 42) and xxhash64 (XXH64, seed 42), which walk values of any type the
// way Spark's HashExpression does so that results match Spark bit for bit.

#include <arrow/api.h>

#include <bit>
#include <cmath>
#include <cstring>

#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/message_digest.h"

namespace sparkling {
namespace {

constexpr uint32_t kHashSeed = 42;

inline uint32_t Rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
inline uint64_t Rotl64(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

// Spark's Murmur3_x86_32 (including its byte-at-a-time handling of a trailing partial word).
struct Murmur3 {
  using Hash = uint32_t;

  static uint32_t MixK1(uint32_t k1) { return Rotl32(k1 * 0xcc9e2d51u, 15) * 0x1b873593u; }
  static uint32_t MixH1(uint32_t h1, uint32_t k1) { return Rotl32(h1 ^ k1, 13) * 5 + 0xe6546b64u; }
  static uint32_t Finish(uint32_t h1, uint32_t length) {
    h1 ^= length;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    h1 ^= h1 >> 16;
    return h1;
  }
  static Hash Int(int32_t value, Hash seed) {
    return Finish(MixH1(seed, MixK1(static_cast<uint32_t>(value))), 4);
  }
  static Hash Long(int64_t value, Hash seed) {
    auto bits = static_cast<uint64_t>(value);
    uint32_t h1 = MixH1(seed, MixK1(static_cast<uint32_t>(bits)));
    h1 = MixH1(h1, MixK1(static_cast<uint32_t>(bits >> 32)));
    return Finish(h1, 8);
  }
  static Hash Bytes(std::string_view data, Hash seed) {
    const size_t aligned = data.size() - data.size() % 4;
    uint32_t h1 = seed;
    for (size_t i = 0; i < aligned; i += 4) {
      uint32_t word;
      std::memcpy(&word, data.data() + i, 4);  // little-endian, as Spark reads it
      h1 = MixH1(h1, MixK1(word));
    }
    for (size_t i = aligned; i < data.size(); ++i) {
      auto byte = static_cast<int32_t>(static_cast<int8_t>(data[i]));  // Java's signed byte
      h1 = MixH1(h1, MixK1(static_cast<uint32_t>(byte)));
    }
    return Finish(h1, static_cast<uint32_t>(data.size()));
  }
};

// XXH64, as Spark's XXH64 class computes it.
struct XxHash64 {
  using Hash = uint64_t;
  static constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ull;
  static constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4Full;
  static constexpr uint64_t kPrime3 = 0x165667B19E3779F9ull;
  static constexpr uint64_t kPrime4 = 0x85EBCA77C2B2AE63ull;
  static constexpr uint64_t kPrime5 = 0x27D4EB2F165667C5ull;

  static uint64_t Finish(uint64_t hash) {
    hash ^= hash >> 33;
    hash *= kPrime2;
    hash ^= hash >> 29;
    hash *= kPrime3;
    hash ^= hash >> 32;
    return hash;
  }
  static uint64_t Round(uint64_t acc, uint64_t input) {
    return Rotl64(acc + input * kPrime2, 31) * kPrime1;
  }
  static Hash Int(int32_t value, Hash seed) {
    uint64_t hash = seed + kPrime5 + 4;
    hash ^= static_cast<uint64_t>(static_cast<uint32_t>(value)) * kPrime1;
    hash = Rotl64(hash, 23) * kPrime2 + kPrime3;
    return Finish(hash);
  }
  static Hash Long(int64_t value, Hash seed) {
    uint64_t hash = seed + kPrime5 + 8;
    hash ^= Round(0, static_cast<uint64_t>(value));
    hash = Rotl64(hash, 27) * kPrime1 + kPrime4;
    return Finish(hash);
  }
  static Hash Bytes(std::string_view data, Hash seed) {
    const auto* p = reinterpret_cast<const uint8_t*>(data.data());
    const size_t length = data.size();
    size_t i = 0;
    uint64_t hash;
    auto load64 = [&](size_t at) {
      uint64_t v;
      std::memcpy(&v, p + at, 8);
      return v;
    };
    if (length >= 32) {
      uint64_t v1 = seed + kPrime1 + kPrime2, v2 = seed + kPrime2, v3 = seed, v4 = seed - kPrime1;
      for (; i + 32 <= length; i += 32) {
        v1 = Round(v1, load64(i));
        v2 = Round(v2, load64(i + 8));
        v3 = Round(v3, load64(i + 16));
        v4 = Round(v4, load64(i + 24));
      }
      hash = Rotl64(v1, 1) + Rotl64(v2, 7) + Rotl64(v3, 12) + Rotl64(v4, 18);
      for (uint64_t v : {v1, v2, v3, v4}) {
        hash ^= Round(0, v);
        hash = hash * kPrime1 + kPrime4;
      }
    } else {
      hash = seed + kPrime5;
    }
    hash += length;
    for (; i + 8 <= length; i += 8) {
      hash ^= Round(0, load64(i));
      hash = Rotl64(hash, 27) * kPrime1 + kPrime4;
    }
    if (i + 4 <= length) {
      uint32_t word;
      std::memcpy(&word, p + i, 4);
      hash ^= uint64_t{word} * kPrime1;
      hash = Rotl64(hash, 23) * kPrime2 + kPrime3;
      i += 4;
    }
    for (; i < length; ++i) {
      hash ^= uint64_t{p[i]} * kPrime5;
      hash = Rotl64(hash, 11) * kPrime1;
    }
    return Finish(hash);
  }
};

// Java's BigInteger.toByteArray of a 128-bit value: minimal big-endian two's complement.
std::string MinimalTwosComplement(const arrow::Decimal128& value) {
  uint8_t bytes[16];
  const uint64_t high = static_cast<uint64_t>(value.high_bits());
  const uint64_t low = value.low_bits();
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<uint8_t>(high >> (56 - 8 * i));
    bytes[8 + i] = static_cast<uint8_t>(low >> (56 - 8 * i));
  }
  int start = 0;
  while (start < 15) {
    const bool redundant = (bytes[start] == 0x00 && (bytes[start + 1] & 0x80) == 0) ||
                           (bytes[start] == 0xFF && (bytes[start + 1] & 0x80) != 0);
    if (!redundant) break;
    ++start;
  }
  return std::string(reinterpret_cast<const char*>(bytes + start), 16 - start);
}

// Folds row i of `array` into `seed` (NULL leaves the seed unchanged).
template <typename H>
Result<typename H::Hash> HashValue(const arrow::Array& array, int64_t i, typename H::Hash seed) {
  if (array.IsNull(i)) return seed;
  switch (array.type_id()) {
    case arrow::Type::NA:
      return seed;
    case arrow::Type::BOOL:
      return H::Int(static_cast<const arrow::BooleanArray&>(array).Value(i) ? 1 : 0, seed);
    case arrow::Type::INT8:
      return H::Int(static_cast<const arrow::Int8Array&>(array).Value(i), seed);
    case arrow::Type::INT16:
      return H::Int(static_cast<const arrow::Int16Array&>(array).Value(i), seed);
    case arrow::Type::INT32:
      return H::Int(static_cast<const arrow::Int32Array&>(array).Value(i), seed);
    case arrow::Type::DATE32:
      return H::Int(static_cast<const arrow::Date32Array&>(array).Value(i), seed);
    case arrow::Type::INT64:
      return H::Long(static_cast<const arrow::Int64Array&>(array).Value(i), seed);
    case arrow::Type::TIMESTAMP:
      return H::Long(static_cast<const arrow::TimestampArray&>(array).Value(i), seed);
    case arrow::Type::DURATION:
      return H::Long(static_cast<const arrow::DurationArray&>(array).Value(i), seed);
    case arrow::Type::FLOAT: {
      float value = static_cast<const arrow::FloatArray&>(array).Value(i);
      if (value == 0.0f) value = 0.0f;  // -0.0 hashes as 0.0
      if (std::isnan(value)) value = std::numeric_limits<float>::quiet_NaN();
      return H::Int(std::bit_cast<int32_t>(value), seed);
    }
    case arrow::Type::DOUBLE: {
      double value = static_cast<const arrow::DoubleArray&>(array).Value(i);
      if (value == 0.0) value = 0.0;
      if (std::isnan(value)) value = std::numeric_limits<double>::quiet_NaN();
      return H::Long(std::bit_cast<int64_t>(value), seed);
    }
    case arrow::Type::STRING:
    case arrow::Type::BINARY:
      return H::Bytes(static_cast<const arrow::BinaryArray&>(array).GetView(i), seed);
    case arrow::Type::DECIMAL128: {
      const auto& decimals = static_cast<const arrow::Decimal128Array&>(array);
      arrow::Decimal128 value(decimals.GetValue(i));
      const auto& type = static_cast<const arrow::Decimal128Type&>(*array.type());
      // Compact decimals hash their unscaled long; wider ones their BigInteger bytes.
      if (type.precision() <= 18) return H::Long(static_cast<int64_t>(value.low_bits()), seed);
      return H::Bytes(MinimalTwosComplement(value), seed);
    }
    case arrow::Type::LIST: {
      const auto& list = static_cast<const arrow::ListArray&>(array);
      auto hash = seed;
      for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
        SPK_ASSIGN_OR_RAISE(hash, HashValue<H>(*list.values(), e, hash));
      }
      return hash;
    }
    case arrow::Type::MAP: {
      const auto& map = static_cast<const arrow::MapArray&>(array);
      auto hash = seed;
      for (int64_t e = map.value_offset(i); e < map.value_offset(i + 1); ++e) {
        SPK_ASSIGN_OR_RAISE(hash, HashValue<H>(*map.keys(), e, hash));
        SPK_ASSIGN_OR_RAISE(hash, HashValue<H>(*map.items(), e, hash));
      }
      return hash;
    }
    case arrow::Type::STRUCT: {
      const auto& structs = static_cast<const arrow::StructArray&>(array);
      auto hash = seed;
      for (int f = 0; f < structs.num_fields(); ++f) {
        SPK_ASSIGN_OR_RAISE(hash, HashValue<H>(*structs.field(f), i, hash));
      }
      return hash;
    }
    default:
      return Status::NotImplemented("hashing values of type " + array.type()->ToString());
  }
}

template <typename H>
Result<ExprPtr> BindRowHash(CallBinding& call) {
  using Hash = typename H::Hash;
  constexpr bool kWide = sizeof(Hash) == 8;
  if (call.args.empty()) {
    return Status::Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                         {{"functionName", "`" + call.name + "`"},
                          {"expectedNum", "> 0"},
                          {"actualNum", "0"},
                          {"docroot", "https://spark.apache.org/docs/latest"}});
  }
  ScalarFunctionSpec spec{call.name, kWide ? DataType::Long() : DataType::Integer(),
                          CallSql(call.name)};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    using Builder = std::conditional_t<kWide, arrow::Int64Builder, arrow::Int32Builder>;
    using Value = std::conditional_t<kWide, int64_t, int32_t>;
    Builder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Reserve(length));
    for (int64_t i = 0; i < length; ++i) {
      Hash hash = kHashSeed;
      for (const auto& arg : args) {
        SPK_ASSIGN_OR_RAISE(hash, HashValue<H>(*arg, i, hash));
      }
      builder.UnsafeAppend(static_cast<Value>(hash));
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

// md5/sha1/crc32/sha2 over BINARY (strings are implicitly cast, as in Spark).
enum class Digest { kMd5, kSha1, kCrc32 };

template <Digest kDigest>
Result<ExprPtr> BindDigest(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArgument(call, 0, {ExpectedType::Exact(DataType::Binary())}, sql));
  constexpr bool kChecksum = kDigest == Digest::kCrc32;
  ScalarFunctionSpec spec{call.name, kChecksum ? DataType::Long() : DataType::String(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    if constexpr (kChecksum) {
      return MapUnary<arrow::BinaryType, arrow::Int64Type>(
          args[0], arrow::int64(), [](arrow::Int64Builder& out, std::string_view bytes) {
            return AppendValue(out, static_cast<int64_t>(Crc32(bytes)));
          });
    } else {
      return MapUnary<arrow::BinaryType, arrow::StringType>(
          args[0], arrow::utf8(), [](arrow::StringBuilder& out, std::string_view bytes) {
            return AppendValue(out, kDigest == Digest::kMd5 ? Md5Hex(bytes) : Sha1Hex(bytes));
          });
    }
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// sha2(bin, bits): bits 0 means 256; unsupported lengths give NULL.
Result<ExprPtr> BindSha2(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(
      call, {ExpectedType::Exact(DataType::Binary()), ExpectedType::Exact(DataType::Integer())},
      sql));
  ScalarFunctionSpec spec{call.name, DataType::String(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    return MapBinary<arrow::BinaryType, arrow::Int32Type, arrow::StringType>(
        args[0], args[1], arrow::utf8(),
        [](arrow::StringBuilder& out, std::string_view bytes, int32_t bits) {
          if (bits == 0) bits = 256;
          if (bits != 224 && bits != 256 && bits != 384 && bits != 512) return AppendNull(out);
          return AppendValue(out, Sha2Hex(bytes, bits));
        });
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

}  // namespace

const std::vector<FunctionDefinition>& HashFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"md5", 1, 1, false, &BindDigest<Digest::kMd5>, "Md5",
       "md5(expr) - Returns an MD5 128-bit checksum as a hex string of `expr`."},
      {"sha", 1, 1, false, &BindDigest<Digest::kSha1>, "Sha1",
       "sha(expr) - Returns a sha1 hash value as a hex string of the `expr`."},
      {"sha1", 1, 1, false, &BindDigest<Digest::kSha1>, "Sha1",
       "sha1(expr) - Returns a sha1 hash value as a hex string of the `expr`."},
      {"sha2", 2, 2, false, &BindSha2, "Sha2",
       "sha2(expr, bitLength) - Returns a checksum of SHA-2 family as a hex string of `expr`."},
      {"crc32", 1, 1, false, &BindDigest<Digest::kCrc32>, "Crc32",
       "crc32(expr) - Returns a cyclic redundancy check value of the `expr` as a bigint."},
      {"hash", 0, -1, false, &BindRowHash<Murmur3>, "Murmur3Hash",
       "hash(expr1, expr2, ...) - Returns a hash value of the arguments."},
      {"xxhash64", 0, -1, false, &BindRowHash<XxHash64>, "XxHash64",
       "xxhash64(expr1, expr2, ...) - Returns a 64-bit hash value of the arguments."},
  };
  return kFunctions;
}

}  // namespace sparkling
