#include "execution/key_hash_table.h"

#include <cstring>
#include <functional>

namespace sparkling {

namespace {
constexpr uint64_t kInitialSlots = 1024;
}  // namespace

KeyHashTable::KeyHashTable()
    : key_offsets_{0}, slots_(kInitialSlots, -1), mask_(kInitialSlots - 1) {}

uint64_t KeyHashTable::Hash(std::string_view key) {
  // std::hash is a murmur variant in libstdc++; the extra mix spreads low bits for masking.
  uint64_t h = std::hash<std::string_view>{}(key);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

int64_t KeyHashTable::Find(std::string_view key) const {
  uint64_t hash = Hash(key);
  for (uint64_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    int64_t id = slots_[slot];
    if (id < 0) return -1;
    if (key_hashes_[id] == hash && this->key(id) == key) return id;
  }
}

uint32_t KeyHashTable::FindOrInsert(std::string_view key, bool* inserted) {
  uint64_t hash = Hash(key);
  uint64_t slot = hash & mask_;
  for (;; slot = (slot + 1) & mask_) {
    int64_t id = slots_[slot];
    if (id < 0) break;
    if (key_hashes_[id] == hash && this->key(id) == key) {
      *inserted = false;
      return static_cast<uint32_t>(id);
    }
  }
  int64_t id = size();
  arena_.insert(arena_.end(), key.begin(), key.end());
  key_offsets_.push_back(static_cast<int64_t>(arena_.size()));
  key_hashes_.push_back(hash);
  slots_[slot] = id;
  *inserted = true;
  if (static_cast<uint64_t>(size()) * 2 > slots_.size()) Grow();
  return static_cast<uint32_t>(id);
}

void KeyHashTable::FindOrInsert(const EncodedRows& keys, std::vector<uint32_t>* ids,
                                std::vector<int64_t>* new_rows) {
  const int64_t n = keys.num_rows();
  ids->resize(n);
  for (int64_t i = 0; i < n; ++i) {
    bool inserted = false;
    (*ids)[i] = FindOrInsert(keys.row(i), &inserted);
    if (inserted && new_rows != nullptr) new_rows->push_back(i);
  }
}

void KeyHashTable::Grow() {
  std::vector<int64_t> slots(slots_.size() * 2, -1);
  uint64_t mask = slots.size() - 1;
  for (int64_t id = 0; id < size(); ++id) {
    uint64_t slot = key_hashes_[id] & mask;
    while (slots[slot] >= 0) slot = (slot + 1) & mask;
    slots[slot] = id;
  }
  slots_ = std::move(slots);
  mask_ = mask;
}

}  // namespace sparkling
