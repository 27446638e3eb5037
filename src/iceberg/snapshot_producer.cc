#include "iceberg/snapshot_producer.h"

#include <arrow/scalar.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "iceberg/file_io.h"
#include "iceberg/table_scan.h"

namespace sparkling::iceberg {
namespace {

constexpr int kDefaultRetries = 4;

std::mt19937_64& Random() {
  static thread_local std::mt19937_64 random(
      std::random_device{}() ^
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  return random;
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Java's commit retry settings (TableProperties COMMIT_*), read from the table's properties.
struct RetryPolicy {
  int retries = kDefaultRetries;
  int64_t min_wait_ms = 100;
  int64_t max_wait_ms = 60'000;
  int64_t total_timeout_ms = 30 * 60'000;
};

int64_t LongProperty(const TableMetadata& metadata, const char* key, int64_t fallback) {
  auto it = metadata.properties.find(key);
  if (it == metadata.properties.end()) return fallback;
  try {
    return std::max<int64_t>(0, std::stoll(it->second));
  } catch (...) {
    return fallback;
  }
}

RetryPolicy RetryPolicyOf(const TableMetadata& metadata) {
  RetryPolicy policy;
  policy.retries = static_cast<int>(std::min<int64_t>(
      LongProperty(metadata, "commit.retry.num-retries", kDefaultRetries), 1'000'000));
  policy.min_wait_ms = LongProperty(metadata, "commit.retry.min-wait-ms", policy.min_wait_ms);
  policy.max_wait_ms = std::max(
      policy.min_wait_ms, LongProperty(metadata, "commit.retry.max-wait-ms", policy.max_wait_ms));
  policy.total_timeout_ms =
      LongProperty(metadata, "commit.retry.total-timeout-ms", policy.total_timeout_ms);
  return policy;
}

// Exponential backoff with up to 10% jitter, as Java's Tasks.exponentialBackoff waits.
int64_t BackoffMillis(const RetryPolicy& policy, int attempt_number) {
  double delay = static_cast<double>(policy.min_wait_ms);
  for (int i = 0; i < attempt_number && delay < static_cast<double>(policy.max_wait_ms); ++i) {
    delay *= 2;
  }
  int64_t wait = std::min<int64_t>(static_cast<int64_t>(delay), policy.max_wait_ms);
  const int64_t jitter_range = std::max<int64_t>(1, wait / 10);
  return wait + static_cast<int64_t>(Random()() % static_cast<uint64_t>(jitter_range));
}

// Commits to one table from this process take turns: each attempt loads the latest metadata,
// builds on it and commits while holding the table's turn, so writers in the same process never
// invalidate each other's attempts (and never exhaust their retries). Conflicts then come only
// from other processes (REST clients), which the retry loop handles.
class CommitTurns {
 public:
  std::shared_ptr<std::mutex> For(const IcebergCatalog& catalog, const TableIdentifier& id) {
    std::string key = std::to_string(reinterpret_cast<uintptr_t>(&catalog));
    for (const auto& level : id.ns) key += '\x1f' + level;
    key += '\x1e' + id.name;
    std::lock_guard<std::mutex> guard(mutex_);
    auto& slot = turns_[key];
    if (!slot) slot = std::make_shared<std::mutex>();
    return slot;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<std::mutex>> turns_;
};

CommitTurns& Turns() {
  static auto* turns = new CommitTurns();
  return *turns;
}

int64_t SummaryNumber(const Snapshot* snapshot, const std::string& key) {
  if (snapshot == nullptr) return 0;
  auto it = snapshot->summary.find(key);
  if (it == snapshot->summary.end()) return 0;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return 0;
  }
}

bool IsCommitConflict(const Status& status) {
  return !status.ok() && status.error().error_class == "ICEBERG_COMMIT_FAILED";
}

/// What one attempt wrote, so that a failed attempt can clean up.
struct Attempt {
  std::vector<std::string> files;
  void Cleanup() {
    for (const auto& file : files) (void)DeleteLocalFile(file);
    files.clear();
  }
};

struct SnapshotPlan {
  Snapshot snapshot;
  nlohmann::json requirements = nlohmann::json::array();
  nlohmann::json updates = nlohmann::json::array();
};

class SnapshotBuilder {
 public:
  SnapshotBuilder(const TableMetadata& base, int64_t snapshot_id, Attempt* attempt)
      : base_(base), snapshot_id_(snapshot_id), attempt_(attempt) {}

  /// Manifests of the new snapshot: the base's, with removed files marked DELETED, plus one
  /// manifest of added files. `parent` is the snapshot the new one follows (may be null).
  Result<std::vector<ManifestFile>> Manifests(const Snapshot* parent, int64_t sequence_number,
                                              const SnapshotChange& change,
                                              std::map<std::string, std::string>* summary) {
    std::vector<ManifestFile> out;
    int64_t deleted_files = 0, deleted_records = 0, removed_size = 0;
    int64_t deleted_delete_files = 0;
    std::set<std::string> changed_partitions;
    std::unordered_set<std::string> to_remove(change.removed_paths.begin(),
                                              change.removed_paths.end());
    std::unordered_set<std::string> removed_seen;
    if (parent != nullptr) {
      SPK_ASSIGN_OR_RAISE(std::string list_path, LocalPath(parent->manifest_list));
      SPK_ASSIGN_OR_RAISE(auto manifests, ReadManifestList(list_path));
      for (const auto& manifest : manifests) {
        if (!change.remove_all && to_remove.empty()) {
          out.push_back(manifest);
          continue;
        }
        SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(manifest.manifest_path));
        SPK_ASSIGN_OR_RAISE(auto entries, ReadManifest(path, manifest));
        bool touched = false;
        std::vector<ManifestEntry> rewritten;
        for (auto& entry : entries) {
          if (entry.status == EntryStatus::kDeleted) continue;  // dropped from the new manifest
          const DataFile& file = entry.data_file;
          bool remove = change.remove_all ||
                        (file.content == FileContent::kData && to_remove.count(file.file_path) > 0);
          if (remove) {
            touched = true;
            removed_seen.insert(file.file_path);
            entry.status = EntryStatus::kDeleted;
            entry.snapshot_id = snapshot_id_;
            if (file.content == FileContent::kData) {
              ++deleted_files;
              deleted_records += file.record_count;
            } else {
              ++deleted_delete_files;
            }
            removed_size += file.file_size_in_bytes;
            changed_partitions.insert(PartitionKey(file));
          } else {
            entry.status = EntryStatus::kExisting;
          }
          rewritten.push_back(std::move(entry));
        }
        if (!touched) {
          out.push_back(manifest);
          continue;
        }
        bool any_live = false;
        for (const auto& entry : rewritten) any_live |= entry.status == EntryStatus::kExisting;
        if (!any_live && rewritten.empty()) continue;
        SPK_ASSIGN_OR_RAISE(ManifestFile written, Write(rewritten, manifest.partition_spec_id,
                                                        manifest.content, sequence_number));
        out.push_back(std::move(written));
      }
    }
    // A file to remove that is gone was removed by a concurrent commit: the change was computed
    // from rows that no longer exist (committing it would resurrect or keep stale rows). As in
    // Java (a ValidationException), retrying cannot help: the statement fails.
    for (const auto& path : to_remove) {
      if (removed_seen.count(path) == 0) {
        return CatalogError("ICEBERG_VALIDATION", "Cannot commit, missing data files: " + path);
      }
    }
    int64_t added_records = 0, added_size = 0;
    if (!change.added.empty()) {
      std::vector<ManifestEntry> entries;
      // Files of one manifest share a spec: group by spec id.
      std::map<int, std::vector<ManifestEntry>> by_spec;
      for (const auto& file : change.added) {
        ManifestEntry entry;
        entry.status = EntryStatus::kAdded;
        entry.snapshot_id = snapshot_id_;
        entry.data_file = file;
        added_records += file.record_count;
        added_size += file.file_size_in_bytes;
        changed_partitions.insert(PartitionKey(file));
        by_spec[file.spec_id].push_back(std::move(entry));
      }
      for (auto& [spec_id, spec_entries] : by_spec) {
        SPK_ASSIGN_OR_RAISE(ManifestFile written,
                            Write(spec_entries, spec_id, FileContent::kData, sequence_number));
        // New manifests go first, as Java lists them.
        out.insert(out.begin(), std::move(written));
      }
    }
    auto& s = *summary;
    if (!change.added.empty()) {
      s["added-data-files"] = std::to_string(change.added.size());
      s["added-records"] = std::to_string(added_records);
      s["added-files-size"] = std::to_string(added_size);
    }
    if (deleted_files > 0) {
      s["deleted-data-files"] = std::to_string(deleted_files);
      s["deleted-records"] = std::to_string(deleted_records);
    }
    if (deleted_delete_files > 0) s["removed-delete-files"] = std::to_string(deleted_delete_files);
    if (removed_size > 0) s["removed-files-size"] = std::to_string(removed_size);
    s["changed-partition-count"] = std::to_string(changed_partitions.size());
    const int64_t total_records =
        SummaryNumber(parent, "total-records") + added_records - deleted_records;
    const int64_t total_size =
        SummaryNumber(parent, "total-files-size") + added_size - removed_size;
    const int64_t total_files = SummaryNumber(parent, "total-data-files") +
                                static_cast<int64_t>(change.added.size()) - deleted_files;
    s["total-records"] = std::to_string(std::max<int64_t>(0, total_records));
    s["total-files-size"] = std::to_string(std::max<int64_t>(0, total_size));
    s["total-data-files"] = std::to_string(std::max<int64_t>(0, total_files));
    s["total-delete-files"] = std::to_string(
        change.remove_all ? 0
                          : std::max<int64_t>(0, SummaryNumber(parent, "total-delete-files") -
                                                     deleted_delete_files));
    s["total-position-deletes"] =
        change.remove_all ? "0" : std::to_string(SummaryNumber(parent, "total-position-deletes"));
    s["total-equality-deletes"] =
        change.remove_all ? "0" : std::to_string(SummaryNumber(parent, "total-equality-deletes"));
    removed_any_ = deleted_files > 0 || deleted_delete_files > 0;
    return out;
  }

  bool removed_any() const { return removed_any_; }

 private:
  static std::string PartitionKey(const DataFile& file) {
    std::string key = std::to_string(file.spec_id);
    for (const auto& value : file.partition) {
      key += '\x1f';
      key += value && value->is_valid ? value->ToString() : "\x01";
    }
    return key;
  }

  Result<ManifestFile> Write(const std::vector<ManifestEntry>& entries, int spec_id,
                             FileContent content, int64_t sequence_number) {
    const PartitionSpec* spec = base_.spec_by_id(spec_id);
    if (spec == nullptr) {
      return CatalogError("ICEBERG_VALIDATION",
                          "Unknown partition spec " + std::to_string(spec_id));
    }
    ManifestWriteOptions options;
    options.format_version = base_.format_version;
    options.schema = &base_.current_schema();
    options.spec = spec;
    options.content = content;
    options.snapshot_id = snapshot_id_;
    options.sequence_number = sequence_number;
    std::string location = JoinLocation(MetadataLocation(base_),
                                        NewUuid() + "-m" + std::to_string(count_++) + ".avro");
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(location));
    SPK_RETURN_NOT_OK(MakeDirectories(std::filesystem::path(path).parent_path().string()));
    attempt_->files.push_back(path);
    return WriteManifest(path, location, options, entries);
  }

  const TableMetadata& base_;
  int64_t snapshot_id_;
  Attempt* attempt_;
  int count_ = 0;
  bool removed_any_ = false;
};

// Writes the manifest list and fills the snapshot.
Result<Snapshot> FinishSnapshot(const TableMetadata& base, int64_t snapshot_id,
                                const Snapshot* parent, int64_t sequence_number,
                                const std::vector<ManifestFile>& manifests,
                                std::map<std::string, std::string> summary, Attempt* attempt) {
  Snapshot snapshot;
  snapshot.snapshot_id = snapshot_id;
  if (parent != nullptr) snapshot.parent_snapshot_id = parent->snapshot_id;
  snapshot.sequence_number = sequence_number;
  snapshot.timestamp_ms = std::max(NowMillis(), base.last_updated_ms);
  snapshot.schema_id = base.current_schema_id;
  snapshot.summary = std::move(summary);
  std::string location = JoinLocation(
      MetadataLocation(base), "snap-" + std::to_string(snapshot_id) + "-1-" + NewUuid() + ".avro");
  SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(location));
  attempt->files.push_back(path);
  ManifestListWriteOptions options;
  options.format_version = base.format_version;
  options.snapshot_id = snapshot_id;
  options.parent_snapshot_id = snapshot.parent_snapshot_id;
  options.sequence_number = sequence_number;
  if (base.format_version >= 3) {
    // Row lineage: data manifests new in this snapshot get the row ids from the table's
    // next-row-id on (WriteManifestList assigns them in order); the snapshot records the range.
    const int64_t first_row_id = base.next_row_id.value_or(0);
    int64_t added_rows = 0;
    for (const auto& manifest : manifests) {
      if (manifest.content == FileContent::kData && !manifest.first_row_id) {
        added_rows += manifest.added_rows_count + manifest.existing_rows_count;
      }
    }
    options.first_row_id = first_row_id;
    snapshot.first_row_id = first_row_id;
    snapshot.added_rows = added_rows;
  }
  SPK_RETURN_NOT_OK(WriteManifestList(path, options, manifests).status());
  snapshot.manifest_list = location;
  return snapshot;
}

std::string DeriveOperation(const SnapshotChange& change, bool removed_any) {
  if (!change.operation.empty()) return change.operation;
  if (!removed_any) return "append";
  if (change.added.empty()) return "delete";
  return "overwrite";
}

nlohmann::json SetMainRef(int64_t snapshot_id) {
  return {{"action", "set-snapshot-ref"},
          {"ref-name", "main"},
          {"type", "branch"},
          {"snapshot-id", snapshot_id}};
}

// One attempt of CommitSnapshot on `table` (the latest metadata): requirements that the main
// branch is still where the change was built, the new snapshot, and the commit.
Result<LoadedTable> CommitAttempt(IcebergCatalog& catalog, const TableIdentifier& id,
                                  const SnapshotChange& change, const LoadedTable& table,
                                  int64_t snapshot_id) {
  const TableMetadata& base = *table.metadata;
  const Snapshot* parent = base.current_snapshot();
  if (change.serializable && change.base_snapshot_id &&
      (parent == nullptr || parent->snapshot_id != *change.base_snapshot_id)) {
    // Were data files added since the change was computed? Then it may have missed rows.
    for (const Snapshot* s = parent; s != nullptr && s->snapshot_id != *change.base_snapshot_id;
         s = s->parent_snapshot_id ? base.snapshot_by_id(*s->parent_snapshot_id) : nullptr) {
      if (SummaryNumber(s, "added-data-files") > 0 || SummaryNumber(s, "added-delete-files") > 0) {
        // Java's ValidationException: final, not retried.
        return CatalogError("ICEBERG_VALIDATION",
                            "Found conflicting files that can contain records matching the "
                            "operation, added by snapshot " +
                                std::to_string(s->snapshot_id));
      }
    }
  }
  Attempt attempt;
  const int64_t sequence_number = base.last_sequence_number + 1;
  SnapshotBuilder builder(base, snapshot_id, &attempt);
  std::map<std::string, std::string> summary = change.extra_summary;
  auto manifests = builder.Manifests(parent, sequence_number, change, &summary);
  if (!manifests.ok()) {
    attempt.Cleanup();
    return manifests.status();
  }
  if (change.added.empty() && !builder.removed_any()) {
    attempt.Cleanup();
    return table;  // nothing to remove after all
  }
  summary["operation"] = DeriveOperation(change, builder.removed_any());
  auto snapshot = FinishSnapshot(base, snapshot_id, parent, sequence_number, *manifests,
                                 std::move(summary), &attempt);
  if (!snapshot.ok()) {
    attempt.Cleanup();
    return snapshot.status();
  }
  TableChange commit;
  commit.identifier = id;
  commit.requirements.push_back({{"type", "assert-table-uuid"}, {"uuid", base.table_uuid}});
  nlohmann::json ref_requirement = {{"type", "assert-ref-snapshot-id"}, {"ref", "main"}};
  ref_requirement["snapshot-id"] =
      parent ? nlohmann::json(parent->snapshot_id) : nlohmann::json(nullptr);
  commit.requirements.push_back(std::move(ref_requirement));
  commit.updates.push_back({{"action", "add-snapshot"}, {"snapshot", SnapshotToJson(*snapshot)}});
  commit.updates.push_back(SetMainRef(snapshot_id));
  auto committed = catalog.CommitTable(commit);
  if (!committed.ok() && committed.status().error().error_class != "ICEBERG_COMMIT_STATE_UNKNOWN") {
    // After an unknown outcome the files may be referenced by a commit that landed: keep them.
    attempt.Cleanup();
  }
  return committed;
}

}  // namespace

std::string MetadataLocation(const TableMetadata& metadata) {
  auto it = metadata.properties.find("write.metadata.path");
  if (it != metadata.properties.end() && !it->second.empty()) return it->second;
  return JoinLocation(metadata.location, "metadata");
}

int64_t NewSnapshotId() {
  int64_t id = 0;
  while (id <= 0) id = static_cast<int64_t>(Random()() >> 1);
  return id;
}

std::string NewUuid() {
  static const char kHex[] = "0123456789abcdef";
  uint64_t high = Random()();
  uint64_t low = Random()();
  high = (high & ~0xF000ULL) | 0x4000ULL;                       // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant
  std::string out;
  for (int i = 15; i >= 0; --i) out.push_back(kHex[(high >> (i * 4)) & 15]);
  for (int i = 15; i >= 0; --i) out.push_back(kHex[(low >> (i * 4)) & 15]);
  out.insert(20, "-");
  out.insert(16, "-");
  out.insert(12, "-");
  out.insert(8, "-");
  return out;
}

Result<LoadedTable> CommitSnapshot(IcebergCatalog& catalog, const TableIdentifier& id,
                                   const SnapshotChange& change) {
  if (change.added.empty() && change.removed_paths.empty() && !change.remove_all) {
    return catalog.LoadTable(id);
  }
  const int64_t snapshot_id = NewSnapshotId();
  const auto started = std::chrono::steady_clock::now();
  std::shared_ptr<std::mutex> turn = Turns().For(catalog, id);
  for (int attempt_number = 0;; ++attempt_number) {
    Result<LoadedTable> committed = Status::OK();
    RetryPolicy policy;
    {
      std::lock_guard<std::mutex> my_turn(*turn);
      SPK_ASSIGN_OR_RAISE(LoadedTable table, catalog.LoadTable(id));
      policy = RetryPolicyOf(*table.metadata);
      committed = CommitAttempt(catalog, id, change, table, snapshot_id);
    }
    if (committed.ok() || !IsCommitConflict(committed.status())) return committed;
    const int64_t elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now() - started)
                                   .count();
    if (attempt_number >= policy.retries || elapsed_ms >= policy.total_timeout_ms) {
      return committed.status();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(
        std::min(BackoffMillis(policy, attempt_number), policy.total_timeout_ms - elapsed_ms)));
  }
}

Result<LoadedTable> CommitStagedCreate(IcebergCatalog& catalog, const TableIdentifier& id,
                                       const LoadedTable& staged,
                                       const std::vector<DataFile>& files) {
  const TableMetadata& base = *staged.metadata;
  TableChange commit;
  commit.identifier = id;
  commit.requirements.push_back({{"type", "assert-create"}});
  commit.updates.push_back({{"action", "assign-uuid"}, {"uuid", base.table_uuid}});
  commit.updates.push_back(
      {{"action", "upgrade-format-version"}, {"format-version", base.format_version}});
  commit.updates.push_back({{"action", "add-schema"},
                            {"schema", IcebergSchemaToJson(base.current_schema())},
                            {"last-column-id", base.last_column_id}});
  commit.updates.push_back({{"action", "set-current-schema"}, {"schema-id", -1}});
  commit.updates.push_back(
      {{"action", "add-spec"}, {"spec", PartitionSpecToJson(base.default_spec())}});
  commit.updates.push_back({{"action", "set-default-spec"}, {"spec-id", -1}});
  const SortOrder* order = base.sort_order_by_id(base.default_sort_order_id);
  commit.updates.push_back({{"action", "add-sort-order"},
                            {"sort-order", SortOrderToJson(order ? *order : SortOrder{})}});
  commit.updates.push_back({{"action", "set-default-sort-order"}, {"sort-order-id", -1}});
  commit.updates.push_back({{"action", "set-location"}, {"location", base.location}});
  commit.updates.push_back({{"action", "set-properties"}, {"updates", base.properties}});
  Attempt attempt;
  if (!files.empty()) {
    const int64_t snapshot_id = NewSnapshotId();
    SnapshotBuilder builder(base, snapshot_id, &attempt);
    SnapshotChange change;
    change.added = files;
    std::map<std::string, std::string> summary;
    auto manifests = builder.Manifests(nullptr, 1, change, &summary);
    if (!manifests.ok()) {
      attempt.Cleanup();
      return manifests.status();
    }
    summary["operation"] = "append";
    auto snapshot =
        FinishSnapshot(base, snapshot_id, nullptr, 1, *manifests, std::move(summary), &attempt);
    if (!snapshot.ok()) {
      attempt.Cleanup();
      return snapshot.status();
    }
    commit.updates.push_back({{"action", "add-snapshot"}, {"snapshot", SnapshotToJson(*snapshot)}});
    commit.updates.push_back(SetMainRef(snapshot_id));
  }
  auto committed = catalog.CommitTable(commit);
  if (!committed.ok()) attempt.Cleanup();
  return committed;
}

Result<LoadedTable> CommitReplace(IcebergCatalog& catalog, const TableIdentifier& id,
                                  const LoadedTable& base_table,
                                  const TableDefinitionChange& definition,
                                  const std::vector<DataFile>& files) {
  const TableMetadata& base = *base_table.metadata;
  TableChange commit;
  commit.identifier = id;
  commit.requirements.push_back({{"type", "assert-table-uuid"}, {"uuid", base.table_uuid}});
  commit.updates.push_back(
      {{"action", "add-schema"},
       {"schema", IcebergSchemaToJson(definition.schema)},
       {"last-column-id", std::max(base.last_column_id, definition.schema.HighestFieldId())}});
  commit.updates.push_back({{"action", "set-current-schema"}, {"schema-id", -1}});
  commit.updates.push_back(
      {{"action", "add-spec"}, {"spec", PartitionSpecToJson(definition.spec)}});
  commit.updates.push_back({{"action", "set-default-spec"}, {"spec-id", -1}});
  commit.updates.push_back(
      {{"action", "add-sort-order"}, {"sort-order", SortOrderToJson(definition.sort_order)}});
  commit.updates.push_back({{"action", "set-default-sort-order"}, {"sort-order-id", -1}});
  if (definition.location) {
    commit.updates.push_back({{"action", "set-location"}, {"location", *definition.location}});
  }
  if (!definition.properties.empty()) {
    commit.updates.push_back({{"action", "set-properties"}, {"updates", definition.properties}});
  }
  if (base.refs.count("main") > 0) {
    commit.updates.push_back({{"action", "remove-snapshot-ref"}, {"ref-name", "main"}});
  }
  Attempt attempt;
  if (!files.empty()) {
    // The data files were written with the new schema and spec; the manifests are written
    // against metadata that already holds them.
    TableMetadata replaced = base;
    IcebergSchema schema = definition.schema;
    int schema_id = 0;
    for (const auto& existing : base.schemas)
      schema_id = std::max(schema_id, existing.schema_id + 1);
    bool reused = false;
    for (const auto& existing : base.schemas) {
      if (existing.SameStructure(schema)) {
        schema.schema_id = existing.schema_id;
        reused = true;
      }
    }
    if (!reused) {
      schema.schema_id = schema_id;
      replaced.schemas.push_back(schema);
    }
    replaced.current_schema_id = schema.schema_id;
    int spec_id = -1;
    for (const auto& spec : base.partition_specs) {
      bool same = spec.fields.size() == definition.spec.fields.size();
      for (size_t i = 0; same && i < spec.fields.size(); ++i) {
        same = spec.fields[i].source_id == definition.spec.fields[i].source_id &&
               spec.fields[i].transform == definition.spec.fields[i].transform &&
               spec.fields[i].name == definition.spec.fields[i].name;
      }
      if (same) spec_id = spec.spec_id;
    }
    if (spec_id < 0) {
      PartitionSpec spec = definition.spec;
      spec.spec_id = 0;
      for (const auto& existing : base.partition_specs) {
        spec.spec_id = std::max(spec.spec_id, existing.spec_id + 1);
      }
      replaced.partition_specs.push_back(spec);
      spec_id = spec.spec_id;
    }
    replaced.default_spec_id = spec_id;
    std::vector<DataFile> added = files;
    for (auto& file : added) file.spec_id = spec_id;
    const int64_t snapshot_id = NewSnapshotId();
    const int64_t sequence_number = base.last_sequence_number + 1;
    SnapshotBuilder builder(replaced, snapshot_id, &attempt);
    SnapshotChange change;
    change.added = added;
    std::map<std::string, std::string> summary;
    auto manifests = builder.Manifests(nullptr, sequence_number, change, &summary);
    if (!manifests.ok()) {
      attempt.Cleanup();
      return manifests.status();
    }
    summary["operation"] = "append";
    replaced.current_schema_id = schema.schema_id;
    auto snapshot = FinishSnapshot(replaced, snapshot_id, nullptr, sequence_number, *manifests,
                                   std::move(summary), &attempt);
    if (!snapshot.ok()) {
      attempt.Cleanup();
      return snapshot.status();
    }
    commit.updates.push_back({{"action", "add-snapshot"}, {"snapshot", SnapshotToJson(*snapshot)}});
    commit.updates.push_back(SetMainRef(snapshot_id));
  }
  auto committed = catalog.CommitTable(commit);
  if (!committed.ok()) attempt.Cleanup();
  return committed;
}

}  // namespace sparkling::iceberg
