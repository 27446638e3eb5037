#include "execution/key_hash_table.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace sparkling {

namespace {
constexpr uint64_t kInitialSlots = 1024;
}  // namespace

KeyHashTable::KeyHashTable()
    : key_offsets_{0}, slots_(kInitialSlots, kEmptySlot), mask_(kInitialSlots - 1) {}

namespace {

// MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
uint64_t Avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

uint64_t KeyHashTable::Hash(std::string_view key) {
  if (key.size() <= 16) {
    // Short keys (one or two fixed-width columns) are the common case: mix two words.
    uint64_t low = 0, high = 0;
    std::memcpy(&low, key.data(), std::min<size_t>(key.size(), 8));
    if (key.size() > 8) std::memcpy(&high, key.data() + 8, key.size() - 8);
    return Avalanche(low ^ Avalanche(high + key.size()));
  }
  return Avalanche(std::hash<std::string_view>{}(key));
}

int64_t KeyHashTable::Find(std::string_view key) const { return FindHashed(key, Hash(key)); }

int64_t KeyHashTable::FindHashed(std::string_view key, uint64_t hash) const {
  const uint64_t tag = hash & ~0xffffffffULL;
  for (uint64_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const uint64_t entry = slots_[slot];
    if (entry == kEmptySlot) return -1;
    const auto id = static_cast<uint32_t>(entry);
    if ((entry & ~0xffffffffULL) == tag && this->key(id) == key) return id;
  }
}

uint32_t KeyHashTable::FindOrInsert(std::string_view key, bool* inserted) {
  return FindOrInsertHashed(key, Hash(key), inserted);
}

uint32_t KeyHashTable::FindOrInsertHashed(std::string_view key, uint64_t hash, bool* inserted) {
  uint64_t slot = hash & mask_;
  const uint64_t tag = hash & ~0xffffffffULL;
  for (;; slot = (slot + 1) & mask_) {
    const uint64_t entry = slots_[slot];
    if (entry == kEmptySlot) break;
    const auto id = static_cast<uint32_t>(entry);
    if ((entry & ~0xffffffffULL) == tag && this->key(id) == key) {
      *inserted = false;
      return id;
    }
  }
  auto id = static_cast<uint32_t>(size());
  arena_.insert(arena_.end(), key.begin(), key.end());
  key_offsets_.push_back(static_cast<int64_t>(arena_.size()));
  key_hashes_.push_back(hash);
  slots_[slot] = MakeSlot(hash, id);
  *inserted = true;
  if (static_cast<uint64_t>(size()) * 2 > slots_.size()) Grow();
  return id;
}

namespace {
// Rows looked up ahead of the current one: enough to cover a memory access.
constexpr int64_t kPrefetchDistance = 16;
}  // namespace

void KeyHashTable::HashRows(const EncodedRows& keys, std::vector<uint64_t>* hashes) {
  const int64_t n = keys.num_rows();
  hashes->resize(n);
  for (int64_t i = 0; i < n; ++i) (*hashes)[i] = Hash(keys.row(i));
}

void KeyHashTable::FindOrInsert(const EncodedRows& keys, std::vector<uint32_t>* ids,
                                std::vector<int64_t>* new_rows) {
  const int64_t n = keys.num_rows();
  HashRows(keys, &row_hashes_);
  ids->resize(n);
  for (int64_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) {
      __builtin_prefetch(&slots_[row_hashes_[i + kPrefetchDistance] & mask_]);
    }
    bool inserted = false;
    (*ids)[i] = FindOrInsertHashed(keys.row(i), row_hashes_[i], &inserted);
    if (inserted && new_rows != nullptr) new_rows->push_back(i);
  }
}

void KeyHashTable::FindAll(const EncodedRows& keys, std::vector<int64_t>* ids,
                           std::vector<uint64_t>* hashes) const {
  const int64_t n = keys.num_rows();
  HashRows(keys, hashes);
  ids->resize(n);
  for (int64_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) {
      __builtin_prefetch(&slots_[(*hashes)[i + kPrefetchDistance] & mask_]);
    }
    (*ids)[i] = FindHashed(keys.row(i), (*hashes)[i]);
  }
}

void KeyHashTable::InsertAll(const KeyHashTable& other, std::vector<uint32_t>* mapping,
                             std::vector<int64_t>* new_ids) {
  const int64_t n = other.size();
  mapping->resize(n);
  for (int64_t g = 0; g < n; ++g) {
    if (g + kPrefetchDistance < n) {
      __builtin_prefetch(&slots_[other.key_hashes_[g + kPrefetchDistance] & mask_]);
    }
    bool inserted = false;
    (*mapping)[g] = FindOrInsertHashed(other.key(g), other.key_hashes_[g], &inserted);
    if (inserted) new_ids->push_back(g);
  }
}

void KeyHashTable::Grow() {
  std::vector<uint64_t> slots(slots_.size() * 2, kEmptySlot);
  uint64_t mask = slots.size() - 1;
  for (int64_t id = 0; id < size(); ++id) {
    uint64_t slot = key_hashes_[id] & mask;
    while (slots[slot] != kEmptySlot) slot = (slot + 1) & mask;
    slots[slot] = MakeSlot(key_hashes_[id], static_cast<uint32_t>(id));
  }
  slots_ = std::move(slots);
  mask_ = mask;
}

}  // namespace sparkling
