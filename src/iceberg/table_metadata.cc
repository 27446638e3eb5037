#include "iceberg/table_metadata.h"

#include <algorithm>

#include "iceberg/iceberg_catalog.h"
#include "iceberg/json_fields.h"

namespace sparkling::iceberg {
namespace {

Status Invalid(const std::string& message) {
  return CatalogError("ICEBERG_BAD_REQUEST", "Invalid table metadata: " + message);
}

// Fields this file reads; everything else at the top level is kept in `extra`.
const char* const kKnownFields[] = {"format-version",
                                    "table-uuid",
                                    "location",
                                    "last-sequence-number",
                                    "last-updated-ms",
                                    "last-column-id",
                                    "schema",
                                    "schemas",
                                    "current-schema-id",
                                    "partition-spec",
                                    "partition-specs",
                                    "default-spec-id",
                                    "last-partition-id",
                                    "sort-orders",
                                    "default-sort-order-id",
                                    "properties",
                                    "current-snapshot-id",
                                    "snapshots",
                                    "refs",
                                    "snapshot-log",
                                    "metadata-log",
                                    "statistics",
                                    "partition-statistics",
                                    "next-row-id"};

Result<PartitionField> PartitionFieldFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Invalid("partition field is not an object");
  PartitionField field;
  SPK_ASSIGN_OR_RAISE(field.source_id, IntField(json, "source-id"));
  SPK_ASSIGN_OR_RAISE(auto field_id, OptionalIntField(json, "field-id"));
  field.field_id = field_id.value_or(0);  // 0: assigned when the spec is added
  SPK_ASSIGN_OR_RAISE(field.name, StringField(json, "name"));
  SPK_ASSIGN_OR_RAISE(field.transform, StringField(json, "transform"));
  return field;
}

// v1's legacy "partition-spec" is a bare array of fields; ids 1000 and up in order.
Result<PartitionSpec> LegacySpecFromJson(const nlohmann::json& json) {
  if (!json.is_array()) return Invalid("partition-spec is not an array");
  PartitionSpec spec;
  int next_id = 1000;
  for (const auto& item : json) {
    SPK_ASSIGN_OR_RAISE(PartitionField field, PartitionFieldFromJson(item));
    if (field.field_id == 0) field.field_id = next_id;
    next_id = field.field_id + 1;
    spec.fields.push_back(std::move(field));
  }
  return spec;
}

Result<SnapshotRef> RefFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Invalid("ref is not an object");
  SnapshotRef ref;
  SPK_ASSIGN_OR_RAISE(ref.snapshot_id, LongField(json, "snapshot-id"));
  SPK_ASSIGN_OR_RAISE(ref.type, StringField(json, "type"));
  for (auto& c : ref.type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ref.type != "branch" && ref.type != "tag") return Invalid("unknown ref type " + ref.type);
  SPK_ASSIGN_OR_RAISE(ref.max_ref_age_ms, OptionalLongField(json, "max-ref-age-ms"));
  SPK_ASSIGN_OR_RAISE(ref.max_snapshot_age_ms, OptionalLongField(json, "max-snapshot-age-ms"));
  SPK_ASSIGN_OR_RAISE(ref.min_snapshots_to_keep, OptionalIntField(json, "min-snapshots-to-keep"));
  return ref;
}

nlohmann::json RefToJson(const SnapshotRef& ref) {
  nlohmann::json out = {{"snapshot-id", ref.snapshot_id}, {"type", ref.type}};
  if (ref.min_snapshots_to_keep) out["min-snapshots-to-keep"] = *ref.min_snapshots_to_keep;
  if (ref.max_snapshot_age_ms) out["max-snapshot-age-ms"] = *ref.max_snapshot_age_ms;
  if (ref.max_ref_age_ms) out["max-ref-age-ms"] = *ref.max_ref_age_ms;
  return out;
}

Status CheckArray(const nlohmann::json& json, const char* key) {
  const nlohmann::json* value = FindField(json, key);
  if (value != nullptr && !value->is_array()) {
    return Invalid(std::string("Cannot parse ") + key + " from non-array");
  }
  return Status::OK();
}

}  // namespace

const std::string& Snapshot::operation() const {
  static const std::string kNone;
  auto it = summary.find("operation");
  return it == summary.end() ? kNone : it->second;
}

const IcebergSchema& TableMetadata::current_schema() const {
  static const IcebergSchema kEmpty;
  const IcebergSchema* schema = schema_by_id(current_schema_id);
  return schema != nullptr ? *schema : kEmpty;
}

const IcebergSchema* TableMetadata::schema_by_id(int id) const {
  for (const auto& schema : schemas) {
    if (schema.schema_id == id) return &schema;
  }
  return nullptr;
}

const PartitionSpec& TableMetadata::default_spec() const {
  static const PartitionSpec kUnpartitioned;
  const PartitionSpec* spec = spec_by_id(default_spec_id);
  return spec != nullptr ? *spec : kUnpartitioned;
}

const PartitionSpec* TableMetadata::spec_by_id(int id) const {
  for (const auto& spec : partition_specs) {
    if (spec.spec_id == id) return &spec;
  }
  return nullptr;
}

const SortOrder* TableMetadata::sort_order_by_id(int id) const {
  for (const auto& order : sort_orders) {
    if (order.order_id == id) return &order;
  }
  return nullptr;
}

const Snapshot* TableMetadata::snapshot_by_id(int64_t id) const {
  for (const auto& snapshot : snapshots) {
    if (snapshot.snapshot_id == id) return &snapshot;
  }
  return nullptr;
}

const Snapshot* TableMetadata::current_snapshot() const {
  if (!current_snapshot_id) return nullptr;
  return snapshot_by_id(*current_snapshot_id);
}

const Snapshot* TableMetadata::snapshot_as_of(int64_t timestamp_ms) const {
  std::optional<int64_t> found;
  for (const auto& entry : snapshot_log) {
    if (entry.timestamp_ms <= timestamp_ms) found = entry.snapshot_id;
  }
  return found ? snapshot_by_id(*found) : nullptr;
}

const IcebergSchema& TableMetadata::schema_for(const Snapshot& snapshot) const {
  if (snapshot.schema_id) {
    if (const IcebergSchema* schema = schema_by_id(*snapshot.schema_id)) return *schema;
  }
  return current_schema();
}

nlohmann::json PartitionSpecToJson(const PartitionSpec& spec) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : spec.fields) {
    fields.push_back({{"name", field.name},
                      {"transform", field.transform},
                      {"source-id", field.source_id},
                      {"field-id", field.field_id}});
  }
  return {{"spec-id", spec.spec_id}, {"fields", std::move(fields)}};
}

Result<PartitionSpec> PartitionSpecFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Invalid("partition spec is not an object");
  PartitionSpec spec;
  SPK_ASSIGN_OR_RAISE(auto spec_id, OptionalIntField(json, "spec-id"));
  spec.spec_id = spec_id.value_or(0);
  const nlohmann::json* fields = FindField(json, "fields");
  if (fields == nullptr || !fields->is_array()) {
    return Invalid("Cannot parse partition spec fields from non-array");
  }
  for (const auto& item : *fields) {
    SPK_ASSIGN_OR_RAISE(PartitionField field, PartitionFieldFromJson(item));
    spec.fields.push_back(std::move(field));
  }
  return spec;
}

nlohmann::json SortOrderToJson(const SortOrder& order) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : order.fields) {
    fields.push_back({{"transform", field.transform},
                      {"source-id", field.source_id},
                      {"direction", field.direction},
                      {"null-order", field.null_order}});
  }
  return {{"order-id", order.order_id}, {"fields", std::move(fields)}};
}

Result<SortOrder> SortOrderFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Invalid("sort order is not an object");
  SortOrder order;
  SPK_ASSIGN_OR_RAISE(auto order_id, OptionalIntField(json, "order-id"));
  order.order_id = order_id.value_or(0);
  const nlohmann::json* fields = FindField(json, "fields");
  if (fields == nullptr || !fields->is_array()) {
    return Invalid("Cannot parse sort order fields from non-array");
  }
  for (const auto& item : *fields) {
    if (!item.is_object()) return Invalid("sort field is not an object");
    SortField field;
    SPK_ASSIGN_OR_RAISE(field.transform, StringField(item, "transform"));
    SPK_ASSIGN_OR_RAISE(field.source_id, IntField(item, "source-id"));
    SPK_ASSIGN_OR_RAISE(field.direction, StringField(item, "direction"));
    SPK_ASSIGN_OR_RAISE(field.null_order, StringField(item, "null-order"));
    for (auto* text : {&field.direction, &field.null_order}) {
      for (auto& c : *text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (field.direction != "asc" && field.direction != "desc") {
      return Invalid("Invalid sort direction: " + field.direction);
    }
    if (field.null_order != "nulls-first" && field.null_order != "nulls-last") {
      return Invalid("Invalid null order: " + field.null_order);
    }
    order.fields.push_back(std::move(field));
  }
  return order;
}

nlohmann::json SnapshotToJson(const Snapshot& snapshot) {
  nlohmann::json out = nlohmann::json::object();
  out["snapshot-id"] = snapshot.snapshot_id;
  if (snapshot.parent_snapshot_id) out["parent-snapshot-id"] = *snapshot.parent_snapshot_id;
  if (snapshot.sequence_number > 0) out["sequence-number"] = snapshot.sequence_number;
  out["timestamp-ms"] = snapshot.timestamp_ms;
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& [key, value] : snapshot.summary) summary[key] = value;
  out["summary"] = std::move(summary);
  out["manifest-list"] = snapshot.manifest_list;
  if (snapshot.schema_id) out["schema-id"] = *snapshot.schema_id;
  if (snapshot.first_row_id) out["first-row-id"] = *snapshot.first_row_id;
  if (snapshot.added_rows) out["added-rows"] = *snapshot.added_rows;
  return out;
}

Result<Snapshot> SnapshotFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Invalid("snapshot is not an object");
  Snapshot snapshot;
  SPK_ASSIGN_OR_RAISE(snapshot.snapshot_id, LongField(json, "snapshot-id"));
  SPK_ASSIGN_OR_RAISE(snapshot.parent_snapshot_id, OptionalLongField(json, "parent-snapshot-id"));
  SPK_ASSIGN_OR_RAISE(auto sequence_number, OptionalLongField(json, "sequence-number"));
  snapshot.sequence_number = sequence_number.value_or(0);
  SPK_ASSIGN_OR_RAISE(snapshot.timestamp_ms, LongField(json, "timestamp-ms"));
  SPK_ASSIGN_OR_RAISE(auto manifest_list, OptionalStringField(json, "manifest-list"));
  if (!manifest_list) {
    // v1 snapshots may list manifests inline; no writer we interoperate with does that.
    return Invalid("snapshot " + std::to_string(snapshot.snapshot_id) +
                   " has no manifest-list (inline v1 manifests are not supported)");
  }
  snapshot.manifest_list = *manifest_list;
  if (const nlohmann::json* summary = FindField(json, "summary")) {
    if (!summary->is_object()) return Invalid("snapshot summary is not an object");
    for (auto it = summary->begin(); it != summary->end(); ++it) {
      if (it.value().is_string()) {
        snapshot.summary[it.key()] = it.value().get<std::string>();
      } else {
        snapshot.summary[it.key()] = it.value().dump();
      }
    }
    if (snapshot.summary.count("operation") == 0) {
      return Invalid("Cannot parse missing string: operation");
    }
  }
  SPK_ASSIGN_OR_RAISE(snapshot.schema_id, OptionalIntField(json, "schema-id"));
  SPK_ASSIGN_OR_RAISE(snapshot.first_row_id, OptionalLongField(json, "first-row-id"));
  SPK_ASSIGN_OR_RAISE(snapshot.added_rows, OptionalLongField(json, "added-rows"));
  return snapshot;
}

Result<TableMetadata> TableMetadataFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Invalid("Cannot parse metadata from a non-object");
  TableMetadata metadata;
  SPK_ASSIGN_OR_RAISE(metadata.format_version, IntField(json, "format-version"));
  const int version = metadata.format_version;
  if (version < 1 || version > 3) {
    return Invalid("Cannot read unsupported version " + std::to_string(version));
  }
  SPK_ASSIGN_OR_RAISE(auto uuid, OptionalStringField(json, "table-uuid"));
  if (!uuid && version > 1) return Invalid("Cannot parse missing string: table-uuid");
  metadata.table_uuid = uuid.value_or("");
  SPK_ASSIGN_OR_RAISE(metadata.location, StringField(json, "location"));
  if (version > 1) {
    SPK_ASSIGN_OR_RAISE(metadata.last_sequence_number, LongField(json, "last-sequence-number"));
  }
  SPK_ASSIGN_OR_RAISE(metadata.last_updated_ms, LongField(json, "last-updated-ms"));
  SPK_ASSIGN_OR_RAISE(metadata.last_column_id, IntField(json, "last-column-id"));
  for (const char* key :
       {"schemas", "partition-specs", "sort-orders", "snapshots", "snapshot-log", "metadata-log"}) {
    SPK_RETURN_NOT_OK(CheckArray(json, key));
  }

  // Schemas (v1 may carry only the legacy "schema").
  if (const nlohmann::json* schemas = FindField(json, "schemas")) {
    SPK_ASSIGN_OR_RAISE(metadata.current_schema_id, IntField(json, "current-schema-id"));
    for (const auto& item : *schemas) {
      SPK_ASSIGN_OR_RAISE(IcebergSchema schema, IcebergSchemaFromJson(item));
      metadata.schemas.push_back(std::move(schema));
    }
  } else {
    const nlohmann::json* legacy = FindField(json, "schema");
    if (version > 1 || legacy == nullptr) {
      return Invalid("schemas must exist in format v" + std::to_string(version));
    }
    SPK_ASSIGN_OR_RAISE(IcebergSchema schema, IcebergSchemaFromJson(*legacy));
    metadata.current_schema_id = schema.schema_id;
    metadata.schemas.push_back(std::move(schema));
  }
  if (metadata.schema_by_id(metadata.current_schema_id) == nullptr) {
    return Invalid("Cannot find schema with current-schema-id=" +
                   std::to_string(metadata.current_schema_id) + " from schemas");
  }

  // Partition specs.
  if (const nlohmann::json* specs = FindField(json, "partition-specs")) {
    SPK_ASSIGN_OR_RAISE(metadata.default_spec_id, IntField(json, "default-spec-id"));
    for (const auto& item : *specs) {
      SPK_ASSIGN_OR_RAISE(PartitionSpec spec, PartitionSpecFromJson(item));
      metadata.partition_specs.push_back(std::move(spec));
    }
  } else {
    const nlohmann::json* legacy = FindField(json, "partition-spec");
    if (version > 1 || legacy == nullptr) {
      return Invalid("partition-specs must exist in format v" + std::to_string(version));
    }
    SPK_ASSIGN_OR_RAISE(PartitionSpec spec, LegacySpecFromJson(*legacy));
    metadata.default_spec_id = 0;
    metadata.partition_specs.push_back(std::move(spec));
  }
  if (metadata.partition_specs.empty()) return Invalid("Partition specs cannot be empty");
  for (auto& spec : metadata.partition_specs) {
    // v1 writers may omit partition field ids: they are 1000, 1001, ... in spec order.
    int next_id = 1000;
    for (auto& field : spec.fields) {
      if (field.field_id == 0) field.field_id = next_id;
      next_id = field.field_id + 1;
    }
  }
  SPK_ASSIGN_OR_RAISE(auto last_partition_id, OptionalIntField(json, "last-partition-id"));
  if (last_partition_id) {
    metadata.last_partition_id = *last_partition_id;
  } else {
    if (version > 1) return Invalid("last-partition-id must exist in format v2");
    metadata.last_partition_id = 999;
    for (const auto& spec : metadata.partition_specs) {
      for (const auto& field : spec.fields) {
        metadata.last_partition_id = std::max(metadata.last_partition_id, field.field_id);
      }
    }
  }

  // Sort orders (v1 may have none: unsorted).
  if (const nlohmann::json* orders = FindField(json, "sort-orders")) {
    SPK_ASSIGN_OR_RAISE(metadata.default_sort_order_id, IntField(json, "default-sort-order-id"));
    for (const auto& item : *orders) {
      SPK_ASSIGN_OR_RAISE(SortOrder order, SortOrderFromJson(item));
      metadata.sort_orders.push_back(std::move(order));
    }
  } else {
    if (version > 1) return Invalid("sort-orders must exist in format v2");
    metadata.sort_orders.push_back(SortOrder{});
    metadata.default_sort_order_id = 0;
  }
  if (metadata.sort_orders.empty()) return Invalid("Sort orders cannot be empty");

  SPK_ASSIGN_OR_RAISE(metadata.properties, StringMapField(json, "properties"));
  SPK_ASSIGN_OR_RAISE(auto current, OptionalLongField(json, "current-snapshot-id"));
  if (current && *current != -1) metadata.current_snapshot_id = *current;

  if (const nlohmann::json* snapshots = FindField(json, "snapshots")) {
    for (const auto& item : *snapshots) {
      SPK_ASSIGN_OR_RAISE(Snapshot snapshot, SnapshotFromJson(item));
      metadata.snapshots.push_back(std::move(snapshot));
    }
  }
  if (const nlohmann::json* refs = FindField(json, "refs")) {
    if (!refs->is_object()) return Invalid("Cannot parse refs from non-object");
    for (auto it = refs->begin(); it != refs->end(); ++it) {
      SPK_ASSIGN_OR_RAISE(SnapshotRef ref, RefFromJson(it.value()));
      metadata.refs[it.key()] = ref;
    }
  } else if (metadata.current_snapshot_id) {
    // Writers before refs existed: main is the current snapshot.
    SnapshotRef main;
    main.snapshot_id = *metadata.current_snapshot_id;
    metadata.refs["main"] = main;
  }
  if (const nlohmann::json* log = FindField(json, "snapshot-log")) {
    for (const auto& item : *log) {
      SnapshotLogEntry entry;
      SPK_ASSIGN_OR_RAISE(entry.timestamp_ms, LongField(item, "timestamp-ms"));
      SPK_ASSIGN_OR_RAISE(entry.snapshot_id, LongField(item, "snapshot-id"));
      metadata.snapshot_log.push_back(entry);
    }
  }
  if (const nlohmann::json* log = FindField(json, "metadata-log")) {
    for (const auto& item : *log) {
      MetadataLogEntry entry;
      SPK_ASSIGN_OR_RAISE(entry.timestamp_ms, LongField(item, "timestamp-ms"));
      SPK_ASSIGN_OR_RAISE(entry.metadata_file, StringField(item, "metadata-file"));
      metadata.metadata_log.push_back(std::move(entry));
    }
  }
  if (const nlohmann::json* statistics = FindField(json, "statistics")) {
    if (!statistics->is_array()) return Invalid("Cannot parse statistics from non-array");
    metadata.statistics = *statistics;
  }
  if (const nlohmann::json* statistics = FindField(json, "partition-statistics")) {
    if (!statistics->is_array()) {
      return Invalid("Cannot parse partition-statistics from non-array");
    }
    metadata.partition_statistics = *statistics;
  }
  if (version >= 3) {
    SPK_ASSIGN_OR_RAISE(int64_t next_row_id, LongField(json, "next-row-id"));
    metadata.next_row_id = next_row_id;
  }

  // Consistency that readers rely on.
  for (const auto& [name, ref] : metadata.refs) {
    if (metadata.snapshot_by_id(ref.snapshot_id) == nullptr) {
      return Invalid("Snapshot for reference " + name + " does not exist in the snapshots list");
    }
  }
  auto main = metadata.refs.find("main");
  if (metadata.current_snapshot_id) {
    if (main != metadata.refs.end() && main->second.snapshot_id != *metadata.current_snapshot_id) {
      return Invalid("Current snapshot ID does not match main branch");
    }
    if (metadata.snapshot_by_id(*metadata.current_snapshot_id) == nullptr) {
      return Invalid("Cannot find current snapshot " +
                     std::to_string(*metadata.current_snapshot_id));
    }
  } else if (main != metadata.refs.end()) {
    return Invalid("Current snapshot is not set, but main branch exists");
  }

  for (auto it = json.begin(); it != json.end(); ++it) {
    if (std::find_if(std::begin(kKnownFields), std::end(kKnownFields), [&](const char* known) {
          return it.key() == known;
        }) == std::end(kKnownFields)) {
      metadata.extra[it.key()] = it.value();
    }
  }
  return metadata;
}

Result<TableMetadata> TableMetadataFromText(const std::string& text) {
  SPK_ASSIGN_OR_RAISE(nlohmann::json json, ParseJsonText(text));
  return TableMetadataFromJson(json);
}

nlohmann::json TableMetadataToJson(const TableMetadata& metadata) {
  nlohmann::json out = metadata.extra.is_object() ? metadata.extra : nlohmann::json::object();
  const int version = metadata.format_version;
  out["format-version"] = version;
  out["table-uuid"] = metadata.table_uuid;
  out["location"] = metadata.location;
  if (version > 1) out["last-sequence-number"] = metadata.last_sequence_number;
  out["last-updated-ms"] = metadata.last_updated_ms;
  out["last-column-id"] = metadata.last_column_id;
  if (version == 1) out["schema"] = IcebergSchemaToJson(metadata.current_schema());
  out["current-schema-id"] = metadata.current_schema_id;
  nlohmann::json schemas = nlohmann::json::array();
  for (const auto& schema : metadata.schemas) schemas.push_back(IcebergSchemaToJson(schema));
  out["schemas"] = std::move(schemas);
  if (version == 1) out["partition-spec"] = PartitionSpecToJson(metadata.default_spec())["fields"];
  out["default-spec-id"] = metadata.default_spec_id;
  nlohmann::json specs = nlohmann::json::array();
  for (const auto& spec : metadata.partition_specs) specs.push_back(PartitionSpecToJson(spec));
  out["partition-specs"] = std::move(specs);
  out["last-partition-id"] = metadata.last_partition_id;
  out["default-sort-order-id"] = metadata.default_sort_order_id;
  nlohmann::json orders = nlohmann::json::array();
  for (const auto& order : metadata.sort_orders) orders.push_back(SortOrderToJson(order));
  out["sort-orders"] = std::move(orders);
  nlohmann::json properties = nlohmann::json::object();
  for (const auto& [key, value] : metadata.properties) properties[key] = value;
  out["properties"] = std::move(properties);
  out["current-snapshot-id"] = metadata.current_snapshot_id.value_or(-1);
  if (version >= 3) out["next-row-id"] = metadata.next_row_id.value_or(0);
  nlohmann::json refs = nlohmann::json::object();
  for (const auto& [name, ref] : metadata.refs) refs[name] = RefToJson(ref);
  out["refs"] = std::move(refs);
  nlohmann::json snapshots = nlohmann::json::array();
  for (const auto& snapshot : metadata.snapshots) snapshots.push_back(SnapshotToJson(snapshot));
  out["snapshots"] = std::move(snapshots);
  out["statistics"] =
      metadata.statistics.is_array() ? metadata.statistics : nlohmann::json::array();
  out["partition-statistics"] = metadata.partition_statistics.is_array()
                                    ? metadata.partition_statistics
                                    : nlohmann::json::array();
  nlohmann::json snapshot_log = nlohmann::json::array();
  for (const auto& entry : metadata.snapshot_log) {
    snapshot_log.push_back(
        {{"timestamp-ms", entry.timestamp_ms}, {"snapshot-id", entry.snapshot_id}});
  }
  out["snapshot-log"] = std::move(snapshot_log);
  nlohmann::json metadata_log = nlohmann::json::array();
  for (const auto& entry : metadata.metadata_log) {
    metadata_log.push_back(
        {{"timestamp-ms", entry.timestamp_ms}, {"metadata-file", entry.metadata_file}});
  }
  out["metadata-log"] = std::move(metadata_log);
  return out;
}

}  // namespace sparkling::iceberg
