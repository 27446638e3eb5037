#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "execution/row_key_encoder.h"

namespace sparkling {

/// An open-addressing hash table from encoded row keys (see EncodeRowKeys) to dense ids
/// 0, 1, 2, ... in insertion order. Keys live in one growing arena, so inserting a key costs
/// no allocation of its own.
class KeyHashTable {
 public:
  KeyHashTable();

  int64_t size() const { return static_cast<int64_t>(key_offsets_.size()) - 1; }

  /// The id of every row of `keys`, inserting unseen keys; rows that created a new id are
  /// appended to `new_rows` (in order, so new ids are size()-before + 0, 1, ...).
  void FindOrInsert(const EncodedRows& keys, std::vector<uint32_t>* ids,
                    std::vector<int64_t>* new_rows);
  /// The id of one key, inserting it if unseen; `inserted` tells which.
  uint32_t FindOrInsert(std::string_view key, bool* inserted);
  /// The id of `key`, or -1.
  int64_t Find(std::string_view key) const;
  /// Find for every row of `keys` (prefetching ahead, which matters once the table outgrows
  /// the caches). Thread-safe; `hashes` is the caller's scratch.
  void FindAll(const EncodedRows& keys, std::vector<int64_t>* ids,
               std::vector<uint64_t>* hashes) const;
  /// Inserts every key of `other`: mapping[g] is the id here of other's id g; other's ids
  /// that created a new id are appended to `new_ids`, in order.
  void InsertAll(const KeyHashTable& other, std::vector<uint32_t>* mapping,
                 std::vector<int64_t>* new_ids);

  std::string_view key(int64_t id) const {
    return {arena_.data() + key_offsets_[id],
            static_cast<size_t>(key_offsets_[id + 1] - key_offsets_[id])};
  }

  static uint64_t Hash(std::string_view key);

 private:
  uint32_t FindOrInsertHashed(std::string_view key, uint64_t hash, bool* inserted);
  int64_t FindHashed(std::string_view key, uint64_t hash) const;
  static void HashRows(const EncodedRows& keys, std::vector<uint64_t>* hashes);

  static constexpr uint64_t kEmptySlot = UINT64_MAX;
  static uint64_t MakeSlot(uint64_t hash, uint32_t id) { return (hash & ~0xffffffffULL) | id; }
  void Grow();

  std::vector<char> arena_;
  std::vector<int64_t> key_offsets_;  // size() + 1 entries
  std::vector<uint64_t> key_hashes_;  // per id
  // Per slot: the key's hash tag (high 32 bits of its hash) above its id, so probing
  // rejects most other keys without touching them; kEmptySlot when free.
  std::vector<uint64_t> slots_;
  uint64_t mask_ = 0;
  std::vector<uint64_t> row_hashes_;  // scratch of the batch FindOrInsert
};

}  // namespace sparkling
