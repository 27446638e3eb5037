#include "iceberg/metadata_update.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <set>

#include "iceberg/json_fields.h"

namespace sparkling::iceberg {
namespace {

constexpr int kLastAdded = -1;
constexpr int kDefaultPreviousVersionsMax = 100;
constexpr int kDefaultViewVersionsKept = 10;
constexpr char kMainBranch[] = "main";

Status BadRequest(const std::string& message) {
  return CatalogError("ICEBERG_BAD_REQUEST", message);
}
Status Validation(const std::string& message) {
  return CatalogError("ICEBERG_VALIDATION", message);
}
Status RequirementFailed(const std::string& message) {
  return CatalogError("ICEBERG_COMMIT_FAILED", "Requirement failed: " + message);
}

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

const char* const kReservedProperties[] = {
    "format-version",           "uuid",
    "snapshot-count",           "current-snapshot-id",
    "current-snapshot-summary", "current-snapshot-timestamp-ms",
    "current-schema",           "default-partition-spec",
    "default-sort-order"};

// Types that need format version 3.
bool NeedsV3(const IcebergType& type) {
  switch (type.kind) {
    case IcebergType::Kind::kPrimitive: {
      const std::string& name = type.primitive;
      return name == "timestamp_ns" || name == "timestamptz_ns" || name == "variant" ||
             name == "unknown" || name.rfind("geometry", 0) == 0 || name.rfind("geography", 0) == 0;
    }
    case IcebergType::Kind::kStruct:
      for (const auto& field : type.fields) {
        if ((!field.initial_default_json.empty() && field.initial_default_json != "null") ||
            NeedsV3(*field.type)) {
          return true;
        }
      }
      return false;
    case IcebergType::Kind::kList:
      return NeedsV3(*type.element.type);
    case IcebergType::Kind::kMap:
      return NeedsV3(*type.key.type) || NeedsV3(*type.value.type);
  }
  return false;
}

Status CheckSchemaForVersion(const IcebergSchema& schema, int format_version) {
  if (format_version >= 3) return Status::OK();
  for (const auto& field : schema.fields) {
    bool has_default = !field.initial_default_json.empty() && field.initial_default_json != "null";
    if (has_default || NeedsV3(*field.type)) {
      return Validation("Invalid schema for v" + std::to_string(format_version) + ": " +
                        field.name + " needs format version 3 or later");
    }
  }
  return Status::OK();
}

bool SameSpecFields(const PartitionSpec& a, const PartitionSpec& b) {
  if (a.fields.size() != b.fields.size()) return false;
  for (size_t i = 0; i < a.fields.size(); ++i) {
    if (a.fields[i].source_id != b.fields[i].source_id ||
        a.fields[i].transform != b.fields[i].transform || a.fields[i].name != b.fields[i].name) {
      return false;
    }
  }
  return true;
}

bool SameOrderFields(const SortOrder& a, const SortOrder& b) {
  if (a.fields.size() != b.fields.size()) return false;
  for (size_t i = 0; i < a.fields.size(); ++i) {
    const SortField& x = a.fields[i];
    const SortField& y = b.fields[i];
    if (x.source_id != y.source_id || x.transform != y.transform || x.direction != y.direction ||
        x.null_order != y.null_order) {
      return false;
    }
  }
  return true;
}

bool SameRef(const SnapshotRef& a, const SnapshotRef& b) {
  return a.snapshot_id == b.snapshot_id && a.type == b.type &&
         a.max_ref_age_ms == b.max_ref_age_ms && a.max_snapshot_age_ms == b.max_snapshot_age_ms &&
         a.min_snapshots_to_keep == b.min_snapshots_to_keep;
}

std::string DescribeSpecField(const PartitionField& field) {
  return std::to_string(field.field_id) + ": " + field.name + ": " + field.transform + "(" +
         std::to_string(field.source_id) + ")";
}

Status CheckSpecAgainstSchema(const PartitionSpec& spec, const IcebergSchema& schema) {
  for (const auto& field : spec.fields) {
    if (field.transform == "void") continue;
    if (schema.FindField(field.source_id) == nullptr) {
      return Validation("Cannot find source column for partition field: " +
                        DescribeSpecField(field));
    }
  }
  return Status::OK();
}

Status CheckOrderAgainstSchema(const SortOrder& order, const IcebergSchema& schema) {
  for (const auto& field : order.fields) {
    if (schema.FindField(field.source_id) == nullptr) {
      return Validation("Cannot find source column for sort field: " + field.transform + "(" +
                        std::to_string(field.source_id) + ") " + field.direction + " " +
                        field.null_order);
    }
  }
  return Status::OK();
}

int64_t StatisticsSnapshotId(const nlohmann::json& entry) {
  const nlohmann::json* id = FindField(entry, "snapshot-id");
  if (id == nullptr) return 0;
  auto parsed = JsonToLong(*id, "snapshot-id");
  return parsed.ok() ? *parsed : 0;
}

// Removes the entries of a statistics array that belong to `snapshot_id`; true if any.
bool RemoveStatisticsOf(nlohmann::json* files, int64_t snapshot_id) {
  if (!files->is_array()) return false;
  nlohmann::json kept = nlohmann::json::array();
  bool removed = false;
  for (const auto& entry : *files) {
    if (StatisticsSnapshotId(entry) == snapshot_id) {
      removed = true;
    } else {
      kept.push_back(entry);
    }
  }
  *files = std::move(kept);
  return removed;
}

// Applies updates the way Java's TableMetadata.Builder does.
class MetadataBuilder {
 public:
  MetadataBuilder(const TableMetadata* base, int format_version) : base_(base) {
    if (base != nullptr) {
      metadata_ = *base;
    } else {
      metadata_.format_version = format_version;
      metadata_.table_uuid = RandomUuid();
      metadata_.last_partition_id = 999;
      metadata_.partition_specs.clear();
      metadata_.sort_orders.clear();
      if (format_version >= 3) metadata_.next_row_id = 0;
      changed_ = true;
    }
  }

  Status Apply(const TableUpdate& update, int64_t now_ms) {
    using Action = TableUpdate::Action;
    switch (update.action) {
      case Action::kAssignUuid:
        return AssignUuid(update.text);
      case Action::kUpgradeFormatVersion:
        return UpgradeFormatVersion(update.number);
      case Action::kAddSchema:
        return AddSchema(update.schema, update.last_column_id);
      case Action::kSetCurrentSchema:
        return SetCurrentSchema(update.number);
      case Action::kAddSpec:
        return AddSpec(update.spec);
      case Action::kSetDefaultSpec:
        return SetDefaultSpec(update.number);
      case Action::kAddSortOrder:
        return AddSortOrder(update.sort_order);
      case Action::kSetDefaultSortOrder:
        return SetDefaultSortOrder(update.number);
      case Action::kAddSnapshot:
        return AddSnapshot(update.snapshot);
      case Action::kSetSnapshotRef:
        return SetRef(update.text, update.ref, now_ms);
      case Action::kRemoveSnapshots:
        return RemoveSnapshots(update.snapshot_ids);
      case Action::kRemoveSnapshotRef:
        RemoveRef(update.text);
        return Status::OK();
      case Action::kSetLocation:
        if (metadata_.location != update.text) {
          metadata_.location = update.text;
          changed_ = true;
        }
        return Status::OK();
      case Action::kSetProperties:
        return SetProperties(update.properties);
      case Action::kRemoveProperties:
        for (const auto& key : update.removals) {
          if (metadata_.properties.erase(key) > 0) changed_ = true;
        }
        return Status::OK();
      case Action::kSetStatistics: {
        int64_t snapshot_id = StatisticsSnapshotId(update.payload);
        RemoveStatisticsOf(&metadata_.statistics, snapshot_id);
        metadata_.statistics.push_back(update.payload);
        changed_ = true;
        return Status::OK();
      }
      case Action::kRemoveStatistics:
        if (RemoveStatisticsOf(&metadata_.statistics, update.snapshot_id)) changed_ = true;
        return Status::OK();
      case Action::kSetPartitionStatistics: {
        int64_t snapshot_id = StatisticsSnapshotId(update.payload);
        RemoveStatisticsOf(&metadata_.partition_statistics, snapshot_id);
        metadata_.partition_statistics.push_back(update.payload);
        changed_ = true;
        return Status::OK();
      }
      case Action::kRemovePartitionStatistics:
        if (RemoveStatisticsOf(&metadata_.partition_statistics, update.snapshot_id)) {
          changed_ = true;
        }
        return Status::OK();
      case Action::kRemovePartitionSpecs:
        return RemoveSpecs(update.ids);
      case Action::kRemoveSchemas:
        return RemoveSchemas(update.ids);
      case Action::kAddEncryptionKey:
        return AddEncryptionKey(update.payload);
      case Action::kRemoveEncryptionKey:
        return RemoveEncryptionKey(update.text);
      case Action::kAddViewVersion:
      case Action::kSetCurrentViewVersion:
        return BadRequest("Cannot apply view update to a table: " + update.name);
    }
    return BadRequest("Unsupported update: " + update.name);
  }

  Result<CommitResult> Build(const std::string& base_location, int64_t now_ms) {
    if (!changed_) return CommitResult{*base_, false};
    if (metadata_.schemas.empty()) return Validation("Cannot create a table without a schema");
    if (metadata_.schema_by_id(metadata_.current_schema_id) == nullptr) {
      return Validation("Cannot find current schema " +
                        std::to_string(metadata_.current_schema_id));
    }
    // A create that never added a spec or sort order gets the unpartitioned / unsorted ones.
    if (metadata_.partition_specs.empty()) {
      metadata_.partition_specs.push_back(PartitionSpec{});
      metadata_.default_spec_id = 0;
    }
    if (metadata_.sort_orders.empty()) {
      metadata_.sort_orders.push_back(SortOrder{});
      metadata_.default_sort_order_id = 0;
    }
    const PartitionSpec* spec = metadata_.spec_by_id(metadata_.default_spec_id);
    if (spec == nullptr) {
      return Validation("Cannot find default partition spec " +
                        std::to_string(metadata_.default_spec_id));
    }
    const SortOrder* order = metadata_.sort_order_by_id(metadata_.default_sort_order_id);
    if (order == nullptr) {
      return Validation("Cannot find default sort order " +
                        std::to_string(metadata_.default_sort_order_id));
    }
    SPK_RETURN_NOT_OK(CheckSpecAgainstSchema(*spec, metadata_.current_schema()));
    SPK_RETURN_NOT_OK(CheckOrderAgainstSchema(*order, metadata_.current_schema()));

    metadata_.last_updated_ms = last_updated_ms_.value_or(now_ms);
    if (base_ != nullptr && !base_location.empty()) AppendMetadataLog(base_location);
    SPK_RETURN_NOT_OK(FixSnapshotLog());
    if (metadata_.format_version >= 3 && !metadata_.next_row_id) metadata_.next_row_id = 0;
    while (metadata_.location.size() > 1 && metadata_.location.back() == '/') {
      metadata_.location.pop_back();
    }
    return CommitResult{std::move(metadata_), true};
  }

 private:
  Status AssignUuid(const std::string& uuid) {
    if (Lower(uuid) == Lower(metadata_.table_uuid)) return Status::OK();
    if (base_ != nullptr) {
      return BadRequest("Cannot reassign uuid of an existing table: " + metadata_.table_uuid);
    }
    metadata_.table_uuid = uuid;
    return Status::OK();
  }

  Status UpgradeFormatVersion(int version) {
    if (version > kMaxFormatVersion) {
      return BadRequest("Cannot upgrade table to unsupported format version: v" +
                        std::to_string(version) + " (supported: v" +
                        std::to_string(kMaxFormatVersion) + ")");
    }
    if (version < metadata_.format_version) {
      return BadRequest("Cannot downgrade v" + std::to_string(metadata_.format_version) +
                        " table to v" + std::to_string(version));
    }
    if (version == metadata_.format_version) return Status::OK();
    metadata_.format_version = version;
    if (version >= 3 && !metadata_.next_row_id) metadata_.next_row_id = 0;
    changed_ = true;
    return Status::OK();
  }

  Status AddSchema(const IcebergSchema& schema, std::optional<int> requested_last_column_id) {
    int new_last_column_id = std::max(metadata_.last_column_id, schema.HighestFieldId());
    if (requested_last_column_id) {
      new_last_column_id = std::max(new_last_column_id, *requested_last_column_id);
    }
    SPK_RETURN_NOT_OK(CheckSchemaForVersion(schema, metadata_.format_version));
    std::optional<int> existing;
    int new_id = metadata_.schemas.empty() ? 0 : metadata_.current_schema_id;
    for (const auto& candidate : metadata_.schemas) {
      if (candidate.SameStructure(schema)) {
        existing = candidate.schema_id;
        break;
      }
      new_id = std::max(new_id, candidate.schema_id + 1);
    }
    if (existing) {
      // Re-adding a known schema (Spark's create transactions repeat updates): reuse its id.
      last_added_schema_id_ = *existing;
      if (new_last_column_id != metadata_.last_column_id) {
        metadata_.last_column_id = new_last_column_id;
        changed_ = true;
      }
      return Status::OK();
    }
    IcebergSchema added = schema;
    added.schema_id = new_id;
    metadata_.schemas.push_back(std::move(added));
    metadata_.last_column_id = new_last_column_id;
    last_added_schema_id_ = new_id;
    changed_ = true;
    return Status::OK();
  }

  Status SetCurrentSchema(int schema_id) {
    if (schema_id == kLastAdded) {
      if (!last_added_schema_id_) {
        return Validation("Cannot set last added schema: no schema has been added");
      }
      schema_id = *last_added_schema_id_;
    }
    if (metadata_.schema_by_id(schema_id) == nullptr) {
      return BadRequest("Cannot set current schema to unknown schema: " +
                        std::to_string(schema_id));
    }
    if (schema_id == metadata_.current_schema_id && base_ != nullptr) return Status::OK();
    metadata_.current_schema_id = schema_id;
    changed_ = true;
    return Status::OK();
  }

  Status AddSpec(const PartitionSpec& requested) {
    std::optional<int> existing;
    int new_id = 0;
    for (const auto& candidate : metadata_.partition_specs) {
      if (SameSpecFields(candidate, requested)) {
        existing = candidate.spec_id;
        break;
      }
      new_id = std::max(new_id, candidate.spec_id + 1);
    }
    if (existing) {
      last_added_spec_id_ = *existing;
      return Status::OK();
    }
    const IcebergSchema* schema = metadata_.schema_by_id(metadata_.current_schema_id);
    if (schema == nullptr) return Validation("Cannot add a partition spec before a schema");
    SPK_RETURN_NOT_OK(CheckSpecAgainstSchema(requested, *schema));
    PartitionSpec spec = requested;
    spec.spec_id = new_id;
    int next_field_id = metadata_.last_partition_id + 1;
    std::set<std::string> names;
    for (auto& field : spec.fields) {
      if (field.field_id == 0) field.field_id = next_field_id++;
      if (field.name.empty() || !names.insert(field.name).second) {
        return BadRequest("Cannot use partition name more than once: " + field.name);
      }
      metadata_.last_partition_id = std::max(metadata_.last_partition_id, field.field_id);
      next_field_id = std::max(next_field_id, metadata_.last_partition_id + 1);
    }
    metadata_.partition_specs.push_back(std::move(spec));
    last_added_spec_id_ = new_id;
    changed_ = true;
    return Status::OK();
  }

  Status SetDefaultSpec(int spec_id) {
    if (spec_id == kLastAdded) {
      if (!last_added_spec_id_) {
        return Validation("Cannot set last added spec: no spec has been added");
      }
      spec_id = *last_added_spec_id_;
    }
    if (metadata_.spec_by_id(spec_id) == nullptr) {
      return BadRequest("Cannot set default partition spec to unknown spec: " +
                        std::to_string(spec_id));
    }
    if (spec_id == metadata_.default_spec_id && base_ != nullptr) return Status::OK();
    metadata_.default_spec_id = spec_id;
    changed_ = true;
    return Status::OK();
  }

  Status AddSortOrder(const SortOrder& requested) {
    std::optional<int> existing;
    int new_id = 1;
    if (requested.fields.empty()) {
      new_id = 0;
      if (metadata_.sort_order_by_id(0) != nullptr) existing = 0;
    } else {
      for (const auto& candidate : metadata_.sort_orders) {
        if (SameOrderFields(candidate, requested)) {
          existing = candidate.order_id;
          break;
        }
        new_id = std::max(new_id, candidate.order_id + 1);
      }
    }
    if (existing) {
      last_added_order_id_ = *existing;
      return Status::OK();
    }
    const IcebergSchema* schema = metadata_.schema_by_id(metadata_.current_schema_id);
    if (schema == nullptr) return Validation("Cannot add a sort order before a schema");
    SPK_RETURN_NOT_OK(CheckOrderAgainstSchema(requested, *schema));
    SortOrder order = requested;
    order.order_id = new_id;
    metadata_.sort_orders.push_back(std::move(order));
    last_added_order_id_ = new_id;
    changed_ = true;
    return Status::OK();
  }

  Status SetDefaultSortOrder(int order_id) {
    if (order_id == kLastAdded) {
      if (!last_added_order_id_) {
        return Validation("Cannot set last added sort order: no sort order has been added");
      }
      order_id = *last_added_order_id_;
    }
    if (metadata_.sort_order_by_id(order_id) == nullptr) {
      return BadRequest("Cannot set default sort order to unknown order: " +
                        std::to_string(order_id));
    }
    if (order_id == metadata_.default_sort_order_id && base_ != nullptr) return Status::OK();
    metadata_.default_sort_order_id = order_id;
    changed_ = true;
    return Status::OK();
  }

  Status AddSnapshot(const Snapshot& snapshot) {
    if (metadata_.schemas.empty()) {
      return Validation("Attempting to add a snapshot before a schema is added");
    }
    if (metadata_.snapshot_by_id(snapshot.snapshot_id) != nullptr) {
      return Validation("Snapshot already exists for id: " + std::to_string(snapshot.snapshot_id));
    }
    if (metadata_.format_version > 1 && snapshot.parent_snapshot_id &&
        snapshot.sequence_number <= metadata_.last_sequence_number) {
      // A concurrent commit took this sequence number: the writer must retry on new metadata.
      return CatalogError(
          "ICEBERG_COMMIT_FAILED",
          "Cannot add snapshot with sequence number " + std::to_string(snapshot.sequence_number) +
              " older than last sequence number " + std::to_string(metadata_.last_sequence_number));
    }
    if (metadata_.format_version >= 3) {
      int64_t next_row_id = metadata_.next_row_id.value_or(0);
      if (!snapshot.first_row_id) {
        return Validation("Cannot add a snapshot: first-row-id is null");
      }
      if (*snapshot.first_row_id < next_row_id) {
        return Validation("Cannot add a snapshot, first-row-id is behind table next-row-id: " +
                          std::to_string(*snapshot.first_row_id) + " < " +
                          std::to_string(next_row_id));
      }
      if (!snapshot.added_rows) return Validation("Cannot add a snapshot: added-rows is null");
      metadata_.next_row_id = next_row_id + *snapshot.added_rows;
    }
    last_updated_ms_ = snapshot.timestamp_ms;
    metadata_.last_sequence_number =
        std::max(metadata_.last_sequence_number, snapshot.sequence_number);
    metadata_.snapshots.push_back(snapshot);
    added_snapshots_.insert(snapshot.snapshot_id);
    changed_ = true;
    return Status::OK();
  }

  Status SetRef(const std::string& name, const SnapshotRef& ref, int64_t now_ms) {
    auto existing = metadata_.refs.find(name);
    if (existing != metadata_.refs.end() && SameRef(existing->second, ref)) return Status::OK();
    const Snapshot* snapshot = metadata_.snapshot_by_id(ref.snapshot_id);
    if (snapshot == nullptr) {
      return Validation("Cannot set " + name +
                        " to unknown snapshot: " + std::to_string(ref.snapshot_id));
    }
    if (added_snapshots_.count(ref.snapshot_id) > 0) last_updated_ms_ = snapshot->timestamp_ms;
    if (name == kMainBranch) {
      metadata_.current_snapshot_id = ref.snapshot_id;
      if (!last_updated_ms_) last_updated_ms_ = now_ms;
      metadata_.snapshot_log.push_back(SnapshotLogEntry{*last_updated_ms_, ref.snapshot_id});
      if (added_snapshots_.count(ref.snapshot_id) > 0)
        main_set_to_added_.push_back(ref.snapshot_id);
    }
    metadata_.refs[name] = ref;
    changed_ = true;
    return Status::OK();
  }

  void RemoveRef(const std::string& name) {
    if (name == kMainBranch && metadata_.current_snapshot_id) {
      metadata_.current_snapshot_id.reset();
      changed_ = true;
    }
    if (metadata_.refs.erase(name) > 0) changed_ = true;
  }

  Status RemoveSnapshots(const std::vector<int64_t>& ids) {
    std::set<int64_t> to_remove(ids.begin(), ids.end());
    std::vector<Snapshot> kept;
    for (auto& snapshot : metadata_.snapshots) {
      if (to_remove.count(snapshot.snapshot_id) > 0) {
        removed_snapshots_ = true;
        changed_ = true;
        RemoveStatisticsOf(&metadata_.statistics, snapshot.snapshot_id);
        RemoveStatisticsOf(&metadata_.partition_statistics, snapshot.snapshot_id);
      } else {
        kept.push_back(std::move(snapshot));
      }
    }
    metadata_.snapshots = std::move(kept);
    std::vector<std::string> dangling;
    for (const auto& [name, ref] : metadata_.refs) {
      if (metadata_.snapshot_by_id(ref.snapshot_id) == nullptr) dangling.push_back(name);
    }
    for (const auto& name : dangling) RemoveRef(name);
    return Status::OK();
  }

  Status SetProperties(const std::map<std::string, std::string>& updates) {
    for (const auto& [key, value] : updates) {
      if (key == "format-version") {
        // As Java's replaceProperties: the reserved property upgrades the format.
        int version = 0;
        if (std::sscanf(value.c_str(), "%d", &version) != 1) {
          return BadRequest("Invalid format version: " + value);
        }
        SPK_RETURN_NOT_OK(UpgradeFormatVersion(version));
        continue;
      }
      if (IsReservedTableProperty(key)) continue;
      auto it = metadata_.properties.find(key);
      if (it == metadata_.properties.end() || it->second != value) {
        metadata_.properties[key] = value;
        changed_ = true;
      }
    }
    return Status::OK();
  }

  Status RemoveSpecs(const std::vector<int>& ids) {
    for (int id : ids) {
      if (id == metadata_.default_spec_id) {
        return BadRequest("Cannot remove the default partition spec");
      }
    }
    auto& specs = metadata_.partition_specs;
    size_t before = specs.size();
    specs.erase(std::remove_if(specs.begin(), specs.end(),
                               [&](const PartitionSpec& spec) {
                                 return std::find(ids.begin(), ids.end(), spec.spec_id) !=
                                        ids.end();
                               }),
                specs.end());
    if (specs.size() != before) changed_ = true;
    return Status::OK();
  }

  Status RemoveSchemas(const std::vector<int>& ids) {
    for (int id : ids) {
      if (id == metadata_.current_schema_id) return BadRequest("Cannot remove the current schema");
    }
    auto& schemas = metadata_.schemas;
    size_t before = schemas.size();
    schemas.erase(std::remove_if(schemas.begin(), schemas.end(),
                                 [&](const IcebergSchema& schema) {
                                   return std::find(ids.begin(), ids.end(), schema.schema_id) !=
                                          ids.end();
                                 }),
                  schemas.end());
    if (schemas.size() != before) changed_ = true;
    return Status::OK();
  }

  Status AddEncryptionKey(const nlohmann::json& key) {
    SPK_ASSIGN_OR_RAISE(std::string key_id, StringField(key, "key-id"));
    nlohmann::json& keys = metadata_.extra["encryption-keys"];
    if (!keys.is_array()) keys = nlohmann::json::array();
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& entry : keys) {
      auto id = StringField(entry, "key-id");
      if (!id.ok() || *id != key_id) kept.push_back(entry);
    }
    kept.push_back(key);
    keys = std::move(kept);
    changed_ = true;
    return Status::OK();
  }

  Status RemoveEncryptionKey(const std::string& key_id) {
    auto it = metadata_.extra.find("encryption-keys");
    if (it == metadata_.extra.end() || !it->is_array()) return Status::OK();
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& entry : *it) {
      auto id = StringField(entry, "key-id");
      if (id.ok() && *id == key_id) {
        changed_ = true;
      } else {
        kept.push_back(entry);
      }
    }
    *it = std::move(kept);
    return Status::OK();
  }

  void AppendMetadataLog(const std::string& previous_file) {
    int max_size = kDefaultPreviousVersionsMax;
    auto it = metadata_.properties.find("write.metadata.previous-versions-max");
    if (it != metadata_.properties.end()) {
      int parsed = 0;
      if (std::sscanf(it->second.c_str(), "%d", &parsed) == 1) max_size = parsed;
    }
    max_size = std::max(1, max_size);
    auto& log = metadata_.metadata_log;
    if (static_cast<int>(log.size()) >= max_size) {
      log.erase(log.begin(), log.begin() + (static_cast<int>(log.size()) - max_size + 1));
    }
    log.push_back(MetadataLogEntry{base_->last_updated_ms, previous_file});
  }

  // Drops snapshot-log entries of snapshots that were current only inside this commit, and
  // cuts the history before removed snapshots, as Java's updateSnapshotLog.
  Status FixSnapshotLog() {
    std::set<int64_t> intermediate;
    for (int64_t id : main_set_to_added_) {
      if (!metadata_.current_snapshot_id || id != *metadata_.current_snapshot_id) {
        intermediate.insert(id);
      }
    }
    if (intermediate.empty() && !removed_snapshots_) return Status::OK();
    std::vector<SnapshotLogEntry> log;
    for (const auto& entry : metadata_.snapshot_log) {
      if (metadata_.snapshot_by_id(entry.snapshot_id) != nullptr) {
        if (intermediate.count(entry.snapshot_id) == 0) log.push_back(entry);
      } else if (removed_snapshots_) {
        log.clear();
      }
    }
    if (metadata_.current_snapshot() != nullptr &&
        (log.empty() || log.back().snapshot_id != *metadata_.current_snapshot_id)) {
      return Validation(
          "Cannot set invalid snapshot log: latest entry is not the current snapshot");
    }
    metadata_.snapshot_log = std::move(log);
    return Status::OK();
  }

  const TableMetadata* base_;
  TableMetadata metadata_;
  bool changed_ = false;
  bool removed_snapshots_ = false;
  std::optional<int64_t> last_updated_ms_;
  std::optional<int> last_added_schema_id_;
  std::optional<int> last_added_spec_id_;
  std::optional<int> last_added_order_id_;
  std::set<int64_t> added_snapshots_;
  std::vector<int64_t> main_set_to_added_;
};

Result<SnapshotRef> RefFromUpdate(const nlohmann::json& json) {
  SnapshotRef ref;
  SPK_ASSIGN_OR_RAISE(ref.snapshot_id, LongField(json, "snapshot-id"));
  SPK_ASSIGN_OR_RAISE(std::string type, StringField(json, "type"));
  ref.type = Lower(type);
  if (ref.type != "branch" && ref.type != "tag") {
    return BadRequest("Invalid snapshot ref type: " + type);
  }
  SPK_ASSIGN_OR_RAISE(ref.min_snapshots_to_keep, OptionalIntField(json, "min-snapshots-to-keep"));
  SPK_ASSIGN_OR_RAISE(ref.max_snapshot_age_ms, OptionalLongField(json, "max-snapshot-age-ms"));
  SPK_ASSIGN_OR_RAISE(ref.max_ref_age_ms, OptionalLongField(json, "max-ref-age-ms"));
  if (ref.type == "tag" && (ref.min_snapshots_to_keep || ref.max_snapshot_age_ms)) {
    return BadRequest("Tags do not support setting minSnapshotsToKeep or maxSnapshotAgeMs");
  }
  if ((ref.min_snapshots_to_keep && *ref.min_snapshots_to_keep <= 0) ||
      (ref.max_snapshot_age_ms && *ref.max_snapshot_age_ms <= 0) ||
      (ref.max_ref_age_ms && *ref.max_ref_age_ms <= 0)) {
    return BadRequest("Snapshot ref retention values must be greater than 0");
  }
  return ref;
}

Result<TableUpdate> ParseUpdate(const nlohmann::json& json) {
  if (!json.is_object()) {
    return BadRequest("Cannot parse metadata update from non-object value");
  }
  SPK_ASSIGN_OR_RAISE(auto action_field, OptionalStringField(json, "action"));
  if (!action_field) return BadRequest("Cannot parse metadata update. Missing field: action");
  using Action = TableUpdate::Action;
  TableUpdate update;
  update.name = Lower(*action_field);
  const std::string& action = update.name;
  if (action == "assign-uuid") {
    update.action = Action::kAssignUuid;
    SPK_ASSIGN_OR_RAISE(update.text, StringField(json, "uuid"));
  } else if (action == "upgrade-format-version") {
    update.action = Action::kUpgradeFormatVersion;
    SPK_ASSIGN_OR_RAISE(update.number, IntField(json, "format-version"));
  } else if (action == "add-schema") {
    update.action = Action::kAddSchema;
    const nlohmann::json* schema = FindField(json, "schema");
    if (schema == nullptr) return BadRequest("Cannot parse missing field: schema");
    SPK_ASSIGN_OR_RAISE(update.schema, IcebergSchemaFromJson(*schema));
    SPK_ASSIGN_OR_RAISE(update.last_column_id, OptionalIntField(json, "last-column-id"));
  } else if (action == "set-current-schema") {
    update.action = Action::kSetCurrentSchema;
    SPK_ASSIGN_OR_RAISE(update.number, IntField(json, "schema-id"));
  } else if (action == "add-spec") {
    update.action = Action::kAddSpec;
    const nlohmann::json* spec = FindField(json, "spec");
    if (spec == nullptr) return BadRequest("Cannot parse missing field: spec");
    SPK_ASSIGN_OR_RAISE(update.spec, PartitionSpecFromJson(*spec));
  } else if (action == "set-default-spec") {
    update.action = Action::kSetDefaultSpec;
    SPK_ASSIGN_OR_RAISE(update.number, IntField(json, "spec-id"));
  } else if (action == "add-sort-order") {
    update.action = Action::kAddSortOrder;
    const nlohmann::json* order = FindField(json, "sort-order");
    if (order == nullptr) return BadRequest("Cannot parse missing field: sort-order");
    SPK_ASSIGN_OR_RAISE(update.sort_order, SortOrderFromJson(*order));
  } else if (action == "set-default-sort-order") {
    update.action = Action::kSetDefaultSortOrder;
    SPK_ASSIGN_OR_RAISE(update.number, IntField(json, "sort-order-id"));
  } else if (action == "add-snapshot") {
    update.action = Action::kAddSnapshot;
    const nlohmann::json* snapshot = FindField(json, "snapshot");
    if (snapshot == nullptr) return BadRequest("Cannot parse missing field: snapshot");
    SPK_ASSIGN_OR_RAISE(update.snapshot, SnapshotFromJson(*snapshot));
  } else if (action == "set-snapshot-ref") {
    update.action = Action::kSetSnapshotRef;
    SPK_ASSIGN_OR_RAISE(update.text, StringField(json, "ref-name"));
    SPK_ASSIGN_OR_RAISE(update.ref, RefFromUpdate(json));
  } else if (action == "remove-snapshots") {
    update.action = Action::kRemoveSnapshots;
    SPK_ASSIGN_OR_RAISE(update.snapshot_ids, LongListField(json, "snapshot-ids"));
  } else if (action == "remove-snapshot-ref") {
    update.action = Action::kRemoveSnapshotRef;
    SPK_ASSIGN_OR_RAISE(update.text, StringField(json, "ref-name"));
  } else if (action == "set-location") {
    update.action = Action::kSetLocation;
    SPK_ASSIGN_OR_RAISE(update.text, StringField(json, "location"));
    if (update.text.empty()) return BadRequest("Invalid location: empty");
  } else if (action == "set-properties") {
    update.action = Action::kSetProperties;
    const char* key = FindField(json, "updates") != nullptr ? "updates" : "updated";
    if (FindField(json, key) == nullptr) return BadRequest("Cannot parse missing field: updates");
    SPK_ASSIGN_OR_RAISE(update.properties, StringMapField(json, key));
  } else if (action == "remove-properties") {
    update.action = Action::kRemoveProperties;
    const char* key = FindField(json, "removals") != nullptr ? "removals" : "removed";
    if (FindField(json, key) == nullptr) {
      return BadRequest("Cannot parse missing field: removals");
    }
    SPK_ASSIGN_OR_RAISE(update.removals, StringListField(json, key));
  } else if (action == "set-statistics") {
    update.action = Action::kSetStatistics;
    const nlohmann::json* statistics = FindField(json, "statistics");
    if (statistics == nullptr || !statistics->is_object()) {
      return BadRequest("Cannot parse missing field: statistics");
    }
    update.payload = *statistics;
    if (FindField(update.payload, "snapshot-id") == nullptr) {
      // The deprecated top-level snapshot-id of older clients.
      SPK_ASSIGN_OR_RAISE(int64_t id, LongField(json, "snapshot-id"));
      update.payload["snapshot-id"] = id;
    }
    SPK_RETURN_NOT_OK(LongField(update.payload, "snapshot-id").status());
    SPK_RETURN_NOT_OK(StringField(update.payload, "statistics-path").status());
  } else if (action == "remove-statistics") {
    update.action = Action::kRemoveStatistics;
    SPK_ASSIGN_OR_RAISE(update.snapshot_id, LongField(json, "snapshot-id"));
  } else if (action == "set-partition-statistics") {
    update.action = Action::kSetPartitionStatistics;
    const nlohmann::json* statistics = FindField(json, "partition-statistics");
    if (statistics == nullptr || !statistics->is_object()) {
      return BadRequest("Cannot parse missing field: partition-statistics");
    }
    update.payload = *statistics;
    SPK_RETURN_NOT_OK(LongField(update.payload, "snapshot-id").status());
    SPK_RETURN_NOT_OK(StringField(update.payload, "statistics-path").status());
  } else if (action == "remove-partition-statistics") {
    update.action = Action::kRemovePartitionStatistics;
    SPK_ASSIGN_OR_RAISE(update.snapshot_id, LongField(json, "snapshot-id"));
  } else if (action == "remove-partition-specs") {
    update.action = Action::kRemovePartitionSpecs;
    SPK_ASSIGN_OR_RAISE(update.ids, IntListField(json, "spec-ids"));
  } else if (action == "remove-schemas") {
    update.action = Action::kRemoveSchemas;
    SPK_ASSIGN_OR_RAISE(update.ids, IntListField(json, "schema-ids"));
  } else if (action == "add-encryption-key") {
    update.action = Action::kAddEncryptionKey;
    const nlohmann::json* key = FindField(json, "encryption-key");
    if (key == nullptr || !key->is_object()) {
      return BadRequest("Cannot parse missing field: encryption-key");
    }
    update.payload = *key;
    SPK_RETURN_NOT_OK(StringField(update.payload, "key-id").status());
  } else if (action == "remove-encryption-key") {
    update.action = Action::kRemoveEncryptionKey;
    SPK_ASSIGN_OR_RAISE(update.text, StringField(json, "key-id"));
  } else if (action == "add-view-version") {
    update.action = Action::kAddViewVersion;
    const nlohmann::json* version = FindField(json, "view-version");
    if (version == nullptr || !version->is_object()) {
      return BadRequest("Cannot parse missing field: view-version");
    }
    update.payload = *version;
  } else if (action == "set-current-view-version") {
    update.action = Action::kSetCurrentViewVersion;
    SPK_ASSIGN_OR_RAISE(update.number, IntField(json, "view-version-id"));
  } else {
    return BadRequest("Cannot convert metadata update action to json: " + action);
  }
  return update;
}

Result<TableRequirement> ParseRequirement(const nlohmann::json& json) {
  if (!json.is_object()) return BadRequest("Cannot parse update requirement from non-object");
  SPK_ASSIGN_OR_RAISE(auto type_field, OptionalStringField(json, "type"));
  if (!type_field) return BadRequest("Cannot parse update requirement. Missing field: type");
  using Kind = TableRequirement::Kind;
  TableRequirement requirement;
  const std::string type = Lower(*type_field);
  if (type == "assert-create") {
    requirement.kind = Kind::kAssertCreate;
  } else if (type == "assert-table-uuid") {
    requirement.kind = Kind::kAssertTableUuid;
    SPK_ASSIGN_OR_RAISE(requirement.uuid, StringField(json, "uuid"));
  } else if (type == "assert-view-uuid") {
    requirement.kind = Kind::kAssertViewUuid;
    SPK_ASSIGN_OR_RAISE(requirement.uuid, StringField(json, "uuid"));
  } else if (type == "assert-ref-snapshot-id") {
    requirement.kind = Kind::kAssertRefSnapshotId;
    SPK_ASSIGN_OR_RAISE(requirement.ref, StringField(json, "ref"));
    SPK_ASSIGN_OR_RAISE(requirement.snapshot_id, OptionalLongField(json, "snapshot-id"));
  } else if (type == "assert-last-assigned-field-id") {
    requirement.kind = Kind::kAssertLastAssignedFieldId;
    SPK_ASSIGN_OR_RAISE(requirement.value, IntField(json, "last-assigned-field-id"));
  } else if (type == "assert-current-schema-id") {
    requirement.kind = Kind::kAssertCurrentSchemaId;
    SPK_ASSIGN_OR_RAISE(requirement.value, IntField(json, "current-schema-id"));
  } else if (type == "assert-last-assigned-partition-id") {
    requirement.kind = Kind::kAssertLastAssignedPartitionId;
    SPK_ASSIGN_OR_RAISE(requirement.value, IntField(json, "last-assigned-partition-id"));
  } else if (type == "assert-default-spec-id") {
    requirement.kind = Kind::kAssertDefaultSpecId;
    SPK_ASSIGN_OR_RAISE(requirement.value, IntField(json, "default-spec-id"));
  } else if (type == "assert-default-sort-order-id") {
    requirement.kind = Kind::kAssertDefaultSortOrderId;
    SPK_ASSIGN_OR_RAISE(requirement.value, IntField(json, "default-sort-order-id"));
  } else {
    return BadRequest("Cannot parse update requirement: unknown type: " + *type_field);
  }
  return requirement;
}

// Fresh ids in TypeUtil.assignFreshIds order, remembering old → new.
class FreshIds {
 public:
  std::vector<NestedField> Struct(const std::vector<NestedField>& fields) {
    std::vector<NestedField> out = fields;
    for (auto& field : out) field.id = Next(field.id);
    for (auto& field : out) field.type = Type(*field.type);
    return out;
  }
  IcebergTypePtr Type(const IcebergType& type) {
    switch (type.kind) {
      case IcebergType::Kind::kPrimitive:
        return std::make_shared<IcebergType>(type);
      case IcebergType::Kind::kStruct:
        return IcebergType::Struct(Struct(type.fields));
      case IcebergType::Kind::kList: {
        int element_id = Next(type.element.id);
        return IcebergType::List(element_id, type.element.required, Type(*type.element.type));
      }
      case IcebergType::Kind::kMap: {
        int key_id = Next(type.key.id);
        int value_id = Next(type.value.id);
        auto key = Type(*type.key.type);
        auto value = Type(*type.value.type);
        return IcebergType::Map(key_id, std::move(key), value_id, type.value.required,
                                std::move(value));
      }
    }
    return nullptr;
  }
  int last() const { return next_; }
  std::optional<int> Mapped(int old_id) const {
    auto it = mapping_.find(old_id);
    if (it == mapping_.end()) return std::nullopt;
    return it->second;
  }

 private:
  int Next(int old_id) {
    mapping_[old_id] = ++next_;
    return next_;
  }
  int next_ = 0;
  std::map<int, int> mapping_;
};

Result<int> ParseFormatVersion(const std::string& text) {
  int version = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d%c", &version, &extra) != 1) {
    return BadRequest("Invalid format version: " + text);
  }
  if (version < 1 || version > kMaxFormatVersion) {
    return BadRequest("Unsupported format version: v" + std::to_string(version) + " (supported: v" +
                      std::to_string(kMaxFormatVersion) + ")");
  }
  return version;
}

// View metadata helpers.

Result<IcebergSchema> ViewSchema(const nlohmann::json& json) { return IcebergSchemaFromJson(json); }

bool SameViewVersion(const nlohmann::json& a, const nlohmann::json& b) {
  // Equal apart from id and timestamp: Java reuses the id of such a version.
  nlohmann::json x = a;
  nlohmann::json y = b;
  for (auto* v : {&x, &y}) {
    v->erase("version-id");
    v->erase("timestamp-ms");
  }
  return x == y;
}

class ViewBuilder {
 public:
  explicit ViewBuilder(nlohmann::json metadata) : metadata_(std::move(metadata)) {
    for (const char* key : {"versions", "version-log", "schemas"}) {
      if (!metadata_[key].is_array()) metadata_[key] = nlohmann::json::array();
    }
    if (!metadata_["properties"].is_object()) metadata_["properties"] = nlohmann::json::object();
  }

  Status Apply(const TableUpdate& update, int64_t now_ms) {
    using Action = TableUpdate::Action;
    switch (update.action) {
      case Action::kAssignUuid:
        if (metadata_.value("view-uuid", "") != update.text) {
          if (metadata_.contains("view-uuid")) {
            return BadRequest("Cannot reassign uuid of an existing view");
          }
          metadata_["view-uuid"] = update.text;
        }
        return Status::OK();
      case Action::kUpgradeFormatVersion:
        if (update.number != 1) {
          return BadRequest("Cannot upgrade view to unsupported format version: v" +
                            std::to_string(update.number) + " (supported: v1)");
        }
        return Status::OK();
      case Action::kAddSchema:
        AddSchema(update.schema);
        return Status::OK();
      case Action::kSetLocation:
        metadata_["location"] = update.text;
        return Status::OK();
      case Action::kSetProperties:
        for (const auto& [key, value] : update.properties) metadata_["properties"][key] = value;
        return Status::OK();
      case Action::kRemoveProperties:
        for (const auto& key : update.removals) metadata_["properties"].erase(key);
        return Status::OK();
      case Action::kAddViewVersion:
        return AddVersion(update.payload, now_ms).status();
      case Action::kSetCurrentViewVersion:
        return SetCurrentVersion(update.number, now_ms);
      default:
        return BadRequest("Cannot apply table update to a view: " + update.name);
    }
  }

  int AddSchema(const IcebergSchema& schema) {
    int new_id = 0;
    for (const auto& existing : metadata_["schemas"]) {
      auto parsed = ViewSchema(existing);
      if (!parsed.ok()) continue;
      if (parsed->SameStructure(schema)) {
        last_added_schema_id_ = parsed->schema_id;
        return parsed->schema_id;
      }
      new_id = std::max(new_id, parsed->schema_id + 1);
    }
    IcebergSchema added = schema;
    added.schema_id = new_id;
    metadata_["schemas"].push_back(IcebergSchemaToJson(added));
    last_added_schema_id_ = new_id;
    return new_id;
  }

  Result<int> AddVersion(nlohmann::json version, int64_t now_ms) {
    SPK_ASSIGN_OR_RAISE(int schema_id, IntField(version, "schema-id"));
    if (schema_id == kLastAdded) {
      if (!last_added_schema_id_) {
        return Validation("Cannot set last added schema: no schema has been added");
      }
      schema_id = *last_added_schema_id_;
      version["schema-id"] = schema_id;
    }
    bool schema_known = false;
    for (const auto& existing : metadata_["schemas"]) {
      if (existing.value("schema-id", -2) == schema_id) schema_known = true;
    }
    if (!schema_known) {
      return Validation("Cannot add version with unknown schema: " + std::to_string(schema_id));
    }
    const nlohmann::json* representations = FindField(version, "representations");
    if (representations == nullptr || !representations->is_array()) {
      return BadRequest("Cannot parse missing field: representations");
    }
    std::set<std::string> dialects;
    for (const auto& representation : *representations) {
      SPK_ASSIGN_OR_RAISE(std::string type, StringField(representation, "type"));
      if (Lower(type) != "sql") continue;
      SPK_ASSIGN_OR_RAISE(std::string dialect, StringField(representation, "dialect"));
      if (!dialects.insert(Lower(dialect)).second) {
        return Validation("Invalid view version: Cannot add multiple queries for dialect " +
                          Lower(dialect));
      }
    }
    if (FindField(version, "timestamp-ms") == nullptr) version["timestamp-ms"] = now_ms;
    if (FindField(version, "summary") == nullptr) version["summary"] = nlohmann::json::object();
    if (FindField(version, "default-namespace") == nullptr) {
      version["default-namespace"] = nlohmann::json::array();
    }
    int new_id = 1;
    for (const auto& existing : metadata_["versions"]) {
      if (SameViewVersion(existing, version)) {
        last_added_version_id_ = existing.value("version-id", 0);
        return *last_added_version_id_;
      }
      new_id = std::max(new_id, existing.value("version-id", 0) + 1);
    }
    version["version-id"] = new_id;
    metadata_["versions"].push_back(version);
    last_added_version_id_ = new_id;
    return new_id;
  }

  Status SetCurrentVersion(int version_id, int64_t now_ms) {
    if (version_id == kLastAdded) {
      if (!last_added_version_id_) {
        return Validation("Cannot set last added version: no version has been added");
      }
      version_id = *last_added_version_id_;
    }
    const nlohmann::json* found = nullptr;
    for (const auto& existing : metadata_["versions"]) {
      if (existing.value("version-id", 0) == version_id) found = &existing;
    }
    if (found == nullptr) {
      return Validation("Cannot set current version to unknown version: " +
                        std::to_string(version_id));
    }
    if (metadata_.value("current-version-id", -2) == version_id) return Status::OK();
    int64_t timestamp = found->value("timestamp-ms", now_ms);
    metadata_["current-version-id"] = version_id;
    metadata_["version-log"].push_back({{"timestamp-ms", timestamp}, {"version-id", version_id}});
    return Status::OK();
  }

  Result<nlohmann::json> Build() {
    if (!metadata_.contains("view-uuid")) metadata_["view-uuid"] = RandomUuid();
    metadata_["format-version"] = 1;
    if (!metadata_.contains("current-version-id")) {
      return Validation("Cannot create view metadata without a current version");
    }
    // Keep the newest versions (view.version.history.num-entries), never the current one.
    int keep = kDefaultViewVersionsKept;
    auto it = metadata_["properties"].find("version.history.num-entries");
    if (it != metadata_["properties"].end() && it->is_string()) {
      int parsed = 0;
      if (std::sscanf(it->get<std::string>().c_str(), "%d", &parsed) == 1 && parsed > 0) {
        keep = parsed;
      }
    }
    nlohmann::json& versions = metadata_["versions"];
    int current = metadata_["current-version-id"].get<int>();
    while (static_cast<int>(versions.size()) > keep) {
      size_t drop = versions[0].value("version-id", 0) == current ? 1 : 0;
      versions.erase(versions.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    std::set<int> kept_ids;
    for (const auto& version : versions) kept_ids.insert(version.value("version-id", 0));
    nlohmann::json log = nlohmann::json::array();
    for (const auto& entry : metadata_["version-log"]) {
      if (kept_ids.count(entry.value("version-id", 0)) > 0) log.push_back(entry);
    }
    metadata_["version-log"] = std::move(log);
    return metadata_;
  }

 private:
  nlohmann::json metadata_;
  std::optional<int> last_added_schema_id_;
  std::optional<int> last_added_version_id_;
};

}  // namespace

bool IsReservedTableProperty(const std::string& key) {
  return std::find(std::begin(kReservedProperties), std::end(kReservedProperties), key) !=
         std::end(kReservedProperties);
}

std::string RandomUuid() {
  static thread_local std::mt19937_64 random(std::random_device{}());
  uint64_t high = random();
  uint64_t low = random();
  high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // IETF variant
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                static_cast<unsigned>(high & 0xFFFF), static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::vector<TableRequirement>> ParseRequirements(const nlohmann::json& json) {
  std::vector<TableRequirement> out;
  if (json.is_null()) return out;
  if (!json.is_array()) return BadRequest("Cannot parse requirements from non-array");
  for (const auto& item : json) {
    SPK_ASSIGN_OR_RAISE(TableRequirement requirement, ParseRequirement(item));
    out.push_back(std::move(requirement));
  }
  return out;
}

Result<std::vector<TableUpdate>> ParseUpdates(const nlohmann::json& json) {
  std::vector<TableUpdate> out;
  if (json.is_null()) return out;
  if (!json.is_array()) return BadRequest("Cannot parse updates from non-array");
  for (const auto& item : json) {
    SPK_ASSIGN_OR_RAISE(TableUpdate update, ParseUpdate(item));
    out.push_back(std::move(update));
  }
  return out;
}

Result<bool> IsCreateCommit(const std::vector<TableRequirement>& requirements) {
  bool create = false;
  for (const auto& requirement : requirements) {
    if (requirement.kind == TableRequirement::Kind::kAssertCreate) create = true;
  }
  if (create && requirements.size() != 1) {
    return BadRequest(
        "Invalid create request: assert-create cannot be combined with other "
        "requirements");
  }
  return create;
}

Status CheckRequirements(const std::vector<TableRequirement>& requirements,
                         const TableMetadata* current) {
  using Kind = TableRequirement::Kind;
  for (const auto& requirement : requirements) {
    if (requirement.kind == Kind::kAssertCreate) {
      if (current != nullptr) return RequirementFailed("table already exists");
      continue;
    }
    if (current == nullptr) return RequirementFailed("table does not exist");
    const TableMetadata& base = *current;
    switch (requirement.kind) {
      case Kind::kAssertCreate:
        break;
      case Kind::kAssertTableUuid:
        if (Lower(requirement.uuid) != Lower(base.table_uuid)) {
          return RequirementFailed("UUID does not match: expected " + base.table_uuid +
                                   " != " + requirement.uuid);
        }
        break;
      case Kind::kAssertViewUuid:
        return BadRequest("Cannot validate AssertViewUUID against a table");
      case Kind::kAssertRefSnapshotId: {
        auto ref = base.refs.find(requirement.ref);
        if (ref != base.refs.end()) {
          const std::string& type = ref->second.type;
          if (!requirement.snapshot_id) {
            return RequirementFailed(type + " " + requirement.ref + " was created concurrently");
          }
          if (*requirement.snapshot_id != ref->second.snapshot_id) {
            return RequirementFailed(type + " " + requirement.ref + " has changed: expected id " +
                                     std::to_string(*requirement.snapshot_id) +
                                     " != " + std::to_string(ref->second.snapshot_id));
          }
        } else if (requirement.snapshot_id) {
          return RequirementFailed("branch or tag " + requirement.ref + " is missing, expected " +
                                   std::to_string(*requirement.snapshot_id));
        }
        break;
      }
      case Kind::kAssertLastAssignedFieldId:
        if (base.last_column_id != requirement.value) {
          return RequirementFailed("last assigned field id changed: expected id " +
                                   std::to_string(requirement.value) +
                                   " != " + std::to_string(base.last_column_id));
        }
        break;
      case Kind::kAssertCurrentSchemaId:
        if (base.current_schema_id != requirement.value) {
          return RequirementFailed("current schema changed: expected id " +
                                   std::to_string(requirement.value) +
                                   " != " + std::to_string(base.current_schema_id));
        }
        break;
      case Kind::kAssertLastAssignedPartitionId:
        if (base.last_partition_id != requirement.value) {
          return RequirementFailed("last assigned partition id changed: expected id " +
                                   std::to_string(requirement.value) +
                                   " != " + std::to_string(base.last_partition_id));
        }
        break;
      case Kind::kAssertDefaultSpecId:
        if (base.default_spec_id != requirement.value) {
          return RequirementFailed("default partition spec changed: expected id " +
                                   std::to_string(requirement.value) +
                                   " != " + std::to_string(base.default_spec_id));
        }
        break;
      case Kind::kAssertDefaultSortOrderId:
        if (base.default_sort_order_id != requirement.value) {
          return RequirementFailed("default sort order changed: expected id " +
                                   std::to_string(requirement.value) +
                                   " != " + std::to_string(base.default_sort_order_id));
        }
        break;
    }
  }
  return Status::OK();
}

Result<CommitResult> ApplyUpdates(const TableMetadata* base, const std::string& base_location,
                                  const std::vector<TableUpdate>& updates, int64_t now_ms) {
  int format_version = 2;
  if (base == nullptr) {
    for (const auto& update : updates) {
      if (update.action == TableUpdate::Action::kUpgradeFormatVersion) {
        format_version = update.number;
        break;
      }
    }
    if (format_version < 1 || format_version > kMaxFormatVersion) {
      return BadRequest("Unsupported format version: v" + std::to_string(format_version) +
                        " (supported: v" + std::to_string(kMaxFormatVersion) + ")");
    }
  }
  MetadataBuilder builder(base, format_version);
  for (const auto& update : updates) SPK_RETURN_NOT_OK(builder.Apply(update, now_ms));
  return builder.Build(base_location, now_ms);
}

Result<TableMetadata> NewTableMetadata(const CreateTableRequest& request,
                                       const std::string& location, int64_t now_ms) {
  TableMetadata metadata;
  metadata.format_version = 2;
  if (auto it = request.properties.find("format-version"); it != request.properties.end()) {
    SPK_ASSIGN_OR_RAISE(metadata.format_version, ParseFormatVersion(it->second));
  }
  metadata.table_uuid = RandomUuid();
  metadata.location = location;
  while (metadata.location.size() > 1 && metadata.location.back() == '/') {
    metadata.location.pop_back();
  }
  metadata.last_sequence_number = 0;
  metadata.last_updated_ms = now_ms;

  FreshIds fresh;
  IcebergSchema schema;
  schema.schema_id = 0;
  schema.fields = fresh.Struct(request.schema.fields);
  for (int id : request.schema.identifier_field_ids) {
    auto mapped = fresh.Mapped(id);
    if (!mapped) return BadRequest("Cannot find identifier field id: " + std::to_string(id));
    schema.identifier_field_ids.push_back(*mapped);
  }
  SPK_RETURN_NOT_OK(CheckSchemaForVersion(schema, metadata.format_version));
  metadata.last_column_id = fresh.last();
  metadata.schemas.push_back(schema);
  metadata.current_schema_id = 0;

  PartitionSpec spec;
  spec.spec_id = 0;
  metadata.last_partition_id = 999;
  if (request.partition_spec) {
    std::set<std::string> names;
    for (const auto& field : request.partition_spec->fields) {
      PartitionField fresh_field = field;
      auto mapped = fresh.Mapped(field.source_id);
      if (!mapped) {
        return Validation("Cannot find source column for partition field: " +
                          DescribeSpecField(field));
      }
      fresh_field.source_id = *mapped;
      fresh_field.field_id = ++metadata.last_partition_id;
      if (fresh_field.name.empty() || !names.insert(fresh_field.name).second) {
        return BadRequest("Cannot use partition name more than once: " + fresh_field.name);
      }
      spec.fields.push_back(std::move(fresh_field));
    }
  }
  metadata.partition_specs.push_back(std::move(spec));
  metadata.default_spec_id = 0;

  SortOrder order;
  if (request.write_order && !request.write_order->fields.empty()) {
    order.order_id = 1;
    for (const auto& field : request.write_order->fields) {
      SortField fresh_field = field;
      auto mapped = fresh.Mapped(field.source_id);
      if (!mapped) {
        return Validation("Cannot find source column for sort field: " +
                          std::to_string(field.source_id));
      }
      fresh_field.source_id = *mapped;
      order.fields.push_back(std::move(fresh_field));
    }
  }
  metadata.default_sort_order_id = order.order_id;
  metadata.sort_orders.push_back(std::move(order));

  metadata.properties["write.parquet.compression-codec"] = "zstd";
  for (const auto& [key, value] : request.properties) {
    if (!IsReservedTableProperty(key)) metadata.properties[key] = value;
  }
  if (metadata.format_version >= 3) metadata.next_row_id = 0;
  return metadata;
}

Result<nlohmann::json> NewViewMetadata(const CreateViewRequest& request,
                                       const std::string& location, int64_t now_ms) try {
  nlohmann::json base = {{"view-uuid", RandomUuid()},
                         {"format-version", 1},
                         {"location", location},
                         {"properties", nlohmann::json::object()}};
  for (const auto& [key, value] : request.properties) base["properties"][key] = value;
  ViewBuilder builder(std::move(base));
  int schema_id = builder.AddSchema(request.schema);
  if (!request.view_version.is_object()) return BadRequest("Invalid view version: not an object");
  nlohmann::json version = request.view_version;
  version["schema-id"] = schema_id;
  SPK_ASSIGN_OR_RAISE(int version_id, builder.AddVersion(version, now_ms));
  SPK_RETURN_NOT_OK(builder.SetCurrentVersion(version_id, now_ms));
  return builder.Build();
} catch (const nlohmann::json::exception& error) {
  return BadRequest(std::string("Invalid view metadata: ") + error.what());
}

Result<nlohmann::json> ApplyViewUpdates(const nlohmann::json& base,
                                        const std::vector<TableRequirement>& requirements,
                                        const std::vector<TableUpdate>& updates,
                                        int64_t now_ms) try {
  if (!base.is_object()) return BadRequest("Invalid view metadata: not an object");
  for (const auto& requirement : requirements) {
    if (requirement.kind != TableRequirement::Kind::kAssertViewUuid) {
      return BadRequest("Cannot validate requirement against a view");
    }
    std::string uuid = base.value("view-uuid", "");
    if (Lower(requirement.uuid) != Lower(uuid)) {
      return RequirementFailed("view UUID does not match: expected " + uuid +
                               " != " + requirement.uuid);
    }
  }
  ViewBuilder builder(base);
  for (const auto& update : updates) SPK_RETURN_NOT_OK(builder.Apply(update, now_ms));
  return builder.Build();
} catch (const nlohmann::json::exception& error) {
  return BadRequest(std::string("Invalid view metadata: ") + error.what());
}

Status ValidateViewMetadata(const nlohmann::json& metadata) {
  if (!metadata.is_object()) return BadRequest("Invalid view metadata: not an object");
  SPK_RETURN_NOT_OK(StringField(metadata, "view-uuid").status());
  SPK_ASSIGN_OR_RAISE(int version, IntField(metadata, "format-version"));
  if (version != 1) {
    return BadRequest("Cannot read unsupported view version " + std::to_string(version));
  }
  SPK_RETURN_NOT_OK(StringField(metadata, "location").status());
  SPK_ASSIGN_OR_RAISE(int current, IntField(metadata, "current-version-id"));
  const nlohmann::json* versions = FindField(metadata, "versions");
  if (versions == nullptr || !versions->is_array()) {
    return BadRequest("Invalid view metadata: versions must be an array");
  }
  bool found = false;
  for (const auto& entry : *versions) {
    auto id = IntField(entry, "version-id");
    if (id.ok() && *id == current) found = true;
  }
  if (!found) {
    return BadRequest("Cannot find current version " + std::to_string(current) +
                      " in view versions");
  }
  const nlohmann::json* schemas = FindField(metadata, "schemas");
  if (schemas == nullptr || !schemas->is_array()) {
    return BadRequest("Invalid view metadata: schemas must be an array");
  }
  for (const auto& schema : *schemas) {
    SPK_RETURN_NOT_OK(IcebergSchemaFromJson(schema).status());
  }
  return Status::OK();
}

}  // namespace sparkling::iceberg
