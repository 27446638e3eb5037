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

  std::string_view key(int64_t id) const {
    return {arena_.data() + key_offsets_[id],
            static_cast<size_t>(key_offsets_[id + 1] - key_offsets_[id])};
  }

  static uint64_t Hash(std::string_view key);

 private:
  void Grow();

  std::vector<char> arena_;
  std::vector<int64_t> key_offsets_;  // size() + 1 entries
  std::vector<uint64_t> key_hashes_;  // per id
  std::vector<int64_t> slots_;        // id, or -1 when empty
  uint64_t mask_ = 0;
};

}  // namespace sparkling
