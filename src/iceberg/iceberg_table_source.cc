#include "iceberg/iceberg_table_source.h"

#include <arrow/api.h>

#include <set>

#include "iceberg/file_io.h"
#include "iceberg/partition_transform.h"
#include "iceberg/single_value.h"
#include "iceberg/table_scan.h"

namespace sparkling::iceberg {
namespace {

using ScalarPtr = std::shared_ptr<arrow::Scalar>;
using Row = std::vector<ScalarPtr>;

StructField Column(std::string name, DataTypePtr type, bool nullable = true) {
  return StructField{std::move(name), std::move(type), nullable};
}

/// Rows of scalars → an Arrow table of the Spark schema's Arrow types.
Result<std::shared_ptr<arrow::Table>> MakeTable(const Schema& schema,
                                                const std::vector<Row>& rows) {
  auto arrow_schema = ToArrowSchema(schema, "UTC");
  arrow::ArrayVector columns;
  for (int c = 0; c < arrow_schema->num_fields(); ++c) {
    const auto& type = arrow_schema->field(c)->type();
    std::unique_ptr<arrow::ArrayBuilder> builder;
    SPK_RETURN_NOT_OK_ARROW(arrow::MakeBuilder(arrow::default_memory_pool(), type, &builder));
    for (const auto& row : rows) {
      const ScalarPtr& value = row[c];
      if (value == nullptr || !value->is_valid) {
        SPK_RETURN_NOT_OK_ARROW(builder->AppendNull());
      } else if (value->type->Equals(*type)) {
        SPK_RETURN_NOT_OK_ARROW(builder->AppendScalar(*value));
      } else {
        SPK_ASSIGN_OR_RAISE_ARROW(auto cast, value->CastTo(type));
        SPK_RETURN_NOT_OK_ARROW(builder->AppendScalar(*cast));
      }
    }
    std::shared_ptr<arrow::Array> array;
    SPK_RETURN_NOT_OK_ARROW(builder->Finish(&array));
    columns.push_back(std::move(array));
  }
  return arrow::Table::Make(arrow_schema, columns, static_cast<int64_t>(rows.size()));
}

ScalarPtr Long(std::optional<int64_t> value) {
  if (!value) return arrow::MakeNullScalar(arrow::int64());
  return std::make_shared<arrow::Int64Scalar>(*value);
}
ScalarPtr Int(std::optional<int> value) {
  if (!value) return arrow::MakeNullScalar(arrow::int32());
  return std::make_shared<arrow::Int32Scalar>(*value);
}
ScalarPtr Text(const std::optional<std::string>& value) {
  if (!value) return arrow::MakeNullScalar(arrow::utf8());
  return std::make_shared<arrow::StringScalar>(*value);
}
ScalarPtr Bool(std::optional<bool> value) {
  if (!value) return arrow::MakeNullScalar(arrow::boolean());
  return std::make_shared<arrow::BooleanScalar>(*value);
}
ScalarPtr Bytes(const std::optional<std::string>& value) {
  if (!value) return arrow::MakeNullScalar(arrow::binary());
  return std::make_shared<arrow::BinaryScalar>(*value);
}
ScalarPtr TimestampMillis(int64_t millis) {
  return std::make_shared<arrow::TimestampScalar>(millis * 1000,
                                                  arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"));
}

// One map value holding all of `keys` and `items`.
ScalarPtr MapScalar(const std::shared_ptr<arrow::DataType>& map_type,
                    const std::shared_ptr<arrow::Array>& keys,
                    const std::shared_ptr<arrow::Array>& items) {
  arrow::Int32Builder offsets;
  (void)offsets.Append(0);
  (void)offsets.Append(static_cast<int32_t>(keys->length()));
  std::shared_ptr<arrow::Array> offset_array;
  if (!offsets.Finish(&offset_array).ok()) return arrow::MakeNullScalar(map_type);
  auto map = arrow::MapArray::FromArrays(map_type, offset_array, keys, items);
  if (!map.ok()) return arrow::MakeNullScalar(map_type);
  auto scalar = (*map)->GetScalar(0);
  return scalar.ok() ? *scalar : arrow::MakeNullScalar(map_type);
}

template <typename V>
ScalarPtr IntMap(const std::map<int, V>& values, const std::shared_ptr<arrow::DataType>& value_type,
                 bool binary_values) {
  auto map_type = arrow::map(arrow::int32(), value_type);
  if (values.empty()) return arrow::MakeNullScalar(map_type);
  arrow::Int32Builder keys;
  std::unique_ptr<arrow::ArrayBuilder> items;
  (void)arrow::MakeBuilder(arrow::default_memory_pool(), value_type, &items);
  for (const auto& [key, value] : values) {
    (void)keys.Append(key);
    if constexpr (std::is_same_v<V, std::string>) {
      (void)static_cast<arrow::BinaryBuilder&>(*items).Append(value);
    } else {
      (void)static_cast<arrow::Int64Builder&>(*items).Append(value);
    }
  }
  std::shared_ptr<arrow::Array> key_array, item_array;
  (void)keys.Finish(&key_array);
  (void)items->Finish(&item_array);
  return MapScalar(map_type, key_array, item_array);
}

ScalarPtr StringMap(const std::map<std::string, std::string>& values) {
  auto map_type = arrow::map(arrow::utf8(), arrow::utf8());
  arrow::StringBuilder keys, items;
  for (const auto& [key, value] : values) {
    (void)keys.Append(key);
    (void)items.Append(value);
  }
  std::shared_ptr<arrow::Array> key_array, item_array;
  (void)keys.Finish(&key_array);
  (void)items.Finish(&item_array);
  return MapScalar(map_type, key_array, item_array);
}

ScalarPtr LongList(const std::vector<int64_t>& values) {
  arrow::Int64Builder builder;
  for (int64_t v : values) (void)builder.Append(v);
  std::shared_ptr<arrow::Array> array;
  (void)builder.Finish(&array);
  if (values.empty()) return arrow::MakeNullScalar(arrow::list(arrow::int64()));
  return std::make_shared<arrow::ListScalar>(array);
}

ScalarPtr IntList(const std::vector<int>& values) {
  arrow::Int32Builder builder;
  for (int v : values) (void)builder.Append(v);
  std::shared_ptr<arrow::Array> array;
  (void)builder.Finish(&array);
  if (values.empty()) return arrow::MakeNullScalar(arrow::list(arrow::int32()));
  return std::make_shared<arrow::ListScalar>(array);
}

/// The partition struct type of the table (fields of every spec, as Spark shows them).
struct PartitionColumns {
  std::vector<PartitionField> fields;  // by field id, first appearance
  std::vector<DataTypePtr> types;
  DataTypePtr struct_type;
};

PartitionColumns PartitionColumnsOf(const TableMetadata& metadata) {
  PartitionColumns out;
  std::set<int> seen;
  const IcebergSchema& schema = metadata.current_schema();
  for (const auto& spec : metadata.partition_specs) {
    for (const auto& field : spec.fields) {
      if (!seen.insert(field.field_id).second) continue;
      const NestedField* source = schema.FindField(field.source_id);
      if (source == nullptr) continue;
      auto result = TransformResultType(ParseTransform(field.transform), *source->type);
      if (!result.ok()) continue;
      out.fields.push_back(field);
      out.types.push_back(ToSparkType(**result));
    }
  }
  std::vector<StructField> struct_fields;
  for (size_t i = 0; i < out.fields.size(); ++i) {
    struct_fields.push_back(StructField{out.fields[i].name, out.types[i], true});
  }
  out.struct_type = DataType::Struct(std::move(struct_fields));
  return out;
}

ScalarPtr PartitionValue(const PartitionColumns& columns, const TableMetadata& metadata,
                         const DataFile& file) {
  const PartitionSpec* spec = metadata.spec_by_id(file.spec_id);
  auto arrow_type = ToArrowType(*columns.struct_type, "UTC");
  std::vector<ScalarPtr> values;
  for (size_t i = 0; i < columns.fields.size(); ++i) {
    ScalarPtr value = arrow::MakeNullScalar(ToArrowType(*columns.types[i], "UTC"));
    if (spec != nullptr) {
      for (size_t j = 0; j < spec->fields.size() && j < file.partition.size(); ++j) {
        if (spec->fields[j].field_id != columns.fields[i].field_id) continue;
        if (file.partition[j] != nullptr && file.partition[j]->is_valid) {
          auto cast = file.partition[j]->CastTo(ToArrowType(*columns.types[i], "UTC"));
          if (cast.ok()) value = *cast;
        }
      }
    }
    values.push_back(std::move(value));
  }
  auto scalar = arrow::StructScalar::Make(values, [&] {
    std::vector<std::string> names;
    for (const auto& field : columns.fields) names.push_back(field.name);
    return names;
  }());
  if (!scalar.ok()) return arrow::MakeNullScalar(arrow_type);
  return *scalar;
}

// The data_file columns of `files` and `entries` (without readable_metrics).
Schema DataFileSchema(const PartitionColumns& partition) {
  auto int_long_map = DataType::Map(DataType::Integer(), DataType::Long());
  auto int_binary_map = DataType::Map(DataType::Integer(), DataType::Binary());
  Schema schema = {Column("content", DataType::Integer()), Column("file_path", DataType::String()),
                   Column("file_format", DataType::String()),
                   Column("spec_id", DataType::Integer())};
  if (!partition.fields.empty()) schema.push_back(Column("partition", partition.struct_type));
  for (auto field :
       Schema{Column("record_count", DataType::Long()),
              Column("file_size_in_bytes", DataType::Long()), Column("column_sizes", int_long_map),
              Column("value_counts", int_long_map), Column("null_value_counts", int_long_map),
              Column("nan_value_counts", int_long_map), Column("lower_bounds", int_binary_map),
              Column("upper_bounds", int_binary_map), Column("key_metadata", DataType::Binary()),
              Column("split_offsets", DataType::Array(DataType::Long())),
              Column("equality_ids", DataType::Array(DataType::Integer())),
              Column("sort_order_id", DataType::Integer())}) {
    schema.push_back(std::move(field));
  }
  return schema;
}

Row DataFileRow(const PartitionColumns& partition, const TableMetadata& metadata,
                const DataFile& file) {
  Row row = {Int(static_cast<int>(file.content)), Text(file.file_path), Text(file.file_format),
             Int(file.spec_id)};
  if (!partition.fields.empty()) row.push_back(PartitionValue(partition, metadata, file));
  for (auto value :
       Row{Long(file.record_count), Long(file.file_size_in_bytes),
           IntMap(file.column_sizes, arrow::int64(), false),
           IntMap(file.value_counts, arrow::int64(), false),
           IntMap(file.null_value_counts, arrow::int64(), false),
           IntMap(file.nan_value_counts, arrow::int64(), false),
           IntMap(file.lower_bounds, arrow::binary(), true),
           IntMap(file.upper_bounds, arrow::binary(), true), Bytes(file.key_metadata),
           LongList(file.split_offsets), IntList(file.equality_ids), Int(file.sort_order_id)}) {
    row.push_back(std::move(value));
  }
  return row;
}

Result<MetadataTableRows> Snapshots(const TableMetadata& metadata) {
  Schema schema = {Column("committed_at", DataType::Timestamp()),
                   Column("snapshot_id", DataType::Long()),
                   Column("parent_id", DataType::Long()),
                   Column("operation", DataType::String()),
                   Column("manifest_list", DataType::String()),
                   Column("summary", DataType::Map(DataType::String(), DataType::String()))};
  std::vector<Row> rows;
  for (const auto& snapshot : metadata.snapshots) {
    std::map<std::string, std::string> summary = snapshot.summary;
    summary.erase("operation");
    rows.push_back({TimestampMillis(snapshot.timestamp_ms), Long(snapshot.snapshot_id),
                    Long(snapshot.parent_snapshot_id), Text(snapshot.operation()),
                    Text(snapshot.manifest_list), StringMap(summary)});
  }
  SPK_ASSIGN_OR_RAISE(auto table, MakeTable(schema, rows));
  return MetadataTableRows{schema, table};
}

Result<MetadataTableRows> History(const TableMetadata& metadata) {
  Schema schema = {Column("made_current_at", DataType::Timestamp()),
                   Column("snapshot_id", DataType::Long()), Column("parent_id", DataType::Long()),
                   Column("is_current_ancestor", DataType::Boolean())};
  std::set<int64_t> ancestors;
  for (const Snapshot* s = metadata.current_snapshot(); s != nullptr;
       s = s->parent_snapshot_id ? metadata.snapshot_by_id(*s->parent_snapshot_id) : nullptr) {
    if (!ancestors.insert(s->snapshot_id).second) break;
  }
  std::vector<Row> rows;
  for (const auto& entry : metadata.snapshot_log) {
    const Snapshot* snapshot = metadata.snapshot_by_id(entry.snapshot_id);
    std::optional<int64_t> parent;
    if (snapshot != nullptr) parent = snapshot->parent_snapshot_id;
    rows.push_back({TimestampMillis(entry.timestamp_ms), Long(entry.snapshot_id), Long(parent),
                    Bool(ancestors.count(entry.snapshot_id) > 0)});
  }
  SPK_ASSIGN_OR_RAISE(auto table, MakeTable(schema, rows));
  return MetadataTableRows{schema, table};
}

Result<MetadataTableRows> Refs(const TableMetadata& metadata) {
  Schema schema = {Column("name", DataType::String(), false),
                   Column("type", DataType::String(), false),
                   Column("snapshot_id", DataType::Long(), false),
                   Column("max_reference_age_in_ms", DataType::Long()),
                   Column("min_snapshots_to_keep", DataType::Integer()),
                   Column("max_snapshot_age_in_ms", DataType::Long())};
  std::vector<Row> rows;
  for (const auto& [name, ref] : metadata.refs) {
    std::string type = ref.type;
    for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    rows.push_back({Text(name), Text(type), Long(ref.snapshot_id), Long(ref.max_ref_age_ms),
                    Int(ref.min_snapshots_to_keep), Long(ref.max_snapshot_age_ms)});
  }
  SPK_ASSIGN_OR_RAISE(auto table, MakeTable(schema, rows));
  return MetadataTableRows{schema, table};
}

Result<MetadataTableRows> MetadataLogEntries(const LoadedTable& table) {
  const TableMetadata& metadata = *table.metadata;
  Schema schema = {Column("timestamp", DataType::Timestamp()), Column("file", DataType::String()),
                   Column("latest_snapshot_id", DataType::Long()),
                   Column("latest_schema_id", DataType::Integer()),
                   Column("latest_sequence_number", DataType::Long())};
  std::vector<Row> rows;
  auto latest_at = [&](int64_t timestamp) -> const Snapshot* {
    const Snapshot* found = nullptr;
    for (const auto& entry : metadata.snapshot_log) {
      if (entry.timestamp_ms <= timestamp) found = metadata.snapshot_by_id(entry.snapshot_id);
    }
    return found;
  };
  auto add = [&](int64_t timestamp, const std::string& file) {
    const Snapshot* snapshot = latest_at(timestamp);
    rows.push_back(
        {TimestampMillis(timestamp), Text(file),
         Long(snapshot ? std::optional<int64_t>(snapshot->snapshot_id) : std::nullopt),
         Int(snapshot ? snapshot->schema_id : std::nullopt),
         Long(snapshot ? std::optional<int64_t>(snapshot->sequence_number) : std::nullopt)});
  };
  for (const auto& entry : metadata.metadata_log) add(entry.timestamp_ms, entry.metadata_file);
  add(metadata.last_updated_ms, table.metadata_location);
  SPK_ASSIGN_OR_RAISE(auto rows_table, MakeTable(schema, rows));
  return MetadataTableRows{schema, rows_table};
}

Result<MetadataTableRows> Manifests(const TableMetadata& metadata) {
  auto summary_type = DataType::Struct({Column("contains_null", DataType::Boolean(), false),
                                        Column("contains_nan", DataType::Boolean()),
                                        Column("lower_bound", DataType::String()),
                                        Column("upper_bound", DataType::String())});
  Schema schema = {Column("content", DataType::Integer(), false),
                   Column("path", DataType::String(), false),
                   Column("length", DataType::Long(), false),
                   Column("partition_spec_id", DataType::Integer(), false),
                   Column("added_snapshot_id", DataType::Long(), false),
                   Column("added_data_files_count", DataType::Integer(), false),
                   Column("existing_data_files_count", DataType::Integer(), false),
                   Column("deleted_data_files_count", DataType::Integer(), false),
                   Column("added_delete_files_count", DataType::Integer(), false),
                   Column("existing_delete_files_count", DataType::Integer(), false),
                   Column("deleted_delete_files_count", DataType::Integer(), false),
                   Column("partition_summaries", DataType::Array(summary_type))};
  std::vector<Row> rows;
  const Snapshot* snapshot = metadata.current_snapshot();
  if (snapshot != nullptr) {
    SPK_ASSIGN_OR_RAISE(std::string list_path, LocalPath(snapshot->manifest_list));
    SPK_ASSIGN_OR_RAISE(auto manifests, ReadManifestList(list_path));
    auto summary_arrow = ToArrowType(*summary_type, "UTC");
    for (const auto& m : manifests) {
      const bool data = m.content == FileContent::kData;
      const PartitionSpec* spec = metadata.spec_by_id(m.partition_spec_id);
      std::unique_ptr<arrow::ArrayBuilder> builder;
      SPK_RETURN_NOT_OK_ARROW(
          arrow::MakeBuilder(arrow::default_memory_pool(), summary_arrow, &builder));
      for (size_t i = 0; i < m.partitions.size(); ++i) {
        const FieldSummary& field = m.partitions[i];
        auto bound = [&](const std::optional<std::string>& bytes) -> ScalarPtr {
          if (!bytes || spec == nullptr || i >= spec->fields.size()) return Text(std::nullopt);
          const NestedField* source =
              metadata.current_schema().FindField(spec->fields[i].source_id);
          if (source == nullptr) return Text(std::nullopt);
          Transform transform = ParseTransform(spec->fields[i].transform);
          auto type = TransformResultType(transform, *source->type);
          if (!type.ok()) return Text(std::nullopt);
          auto value = FromSingleValue(*bytes, **type);
          if (!value.ok()) return Text(std::nullopt);
          return Text(PartitionValueToString(transform, **value));
        };
        // Built with the declared type, so the non-null contains_null field matches.
        auto scalar = std::make_shared<arrow::StructScalar>(
            arrow::StructScalar::ValueType{Bool(field.contains_null), Bool(field.contains_nan),
                                           bound(field.lower_bound), bound(field.upper_bound)},
            summary_arrow);
        SPK_RETURN_NOT_OK_ARROW(builder->AppendScalar(*scalar));
      }
      std::shared_ptr<arrow::Array> summaries;
      SPK_RETURN_NOT_OK_ARROW(builder->Finish(&summaries));
      rows.push_back({Int(static_cast<int>(m.content)), Text(m.manifest_path),
                      Long(m.manifest_length), Int(m.partition_spec_id), Long(m.added_snapshot_id),
                      Int(data ? m.added_files_count : 0), Int(data ? m.existing_files_count : 0),
                      Int(data ? m.deleted_files_count : 0), Int(data ? 0 : m.added_files_count),
                      Int(data ? 0 : m.existing_files_count), Int(data ? 0 : m.deleted_files_count),
                      std::make_shared<arrow::ListScalar>(summaries)});
    }
  }
  SPK_ASSIGN_OR_RAISE(auto table, MakeTable(schema, rows));
  return MetadataTableRows{schema, table};
}

Result<MetadataTableRows> Files(const TableMetadata& metadata, const std::string& which) {
  PartitionColumns partition = PartitionColumnsOf(metadata);
  Schema schema = DataFileSchema(partition);
  SPK_ASSIGN_OR_RAISE(auto live, ReadLiveEntries(metadata, metadata.current_snapshot()));
  std::vector<Row> rows;
  for (const auto& item : live) {
    const DataFile& file = item.entry.data_file;
    const bool data = file.content == FileContent::kData;
    if (which == "data_files" && !data) continue;
    if (which == "delete_files" && data) continue;
    rows.push_back(DataFileRow(partition, metadata, file));
  }
  SPK_ASSIGN_OR_RAISE(auto table, MakeTable(schema, rows));
  return MetadataTableRows{schema, table};
}

Result<MetadataTableRows> Entries(const TableMetadata& metadata) {
  PartitionColumns partition = PartitionColumnsOf(metadata);
  Schema file_schema = DataFileSchema(partition);
  DataTypePtr file_type = DataType::Struct(file_schema);
  Schema schema = {
      Column("status", DataType::Integer(), false), Column("snapshot_id", DataType::Long()),
      Column("sequence_number", DataType::Long()), Column("file_sequence_number", DataType::Long()),
      Column("data_file", file_type, false)};
  std::vector<Row> rows;
  const Snapshot* snapshot = metadata.current_snapshot();
  if (snapshot != nullptr) {
    SPK_ASSIGN_OR_RAISE(std::string list_path, LocalPath(snapshot->manifest_list));
    SPK_ASSIGN_OR_RAISE(auto manifests, ReadManifestList(list_path));
    std::vector<std::string> names;
    for (const auto& field : file_schema) names.push_back(field.name);
    for (const auto& manifest : manifests) {
      SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(manifest.manifest_path));
      SPK_ASSIGN_OR_RAISE(auto entries, ReadManifest(path, manifest));
      for (const auto& entry : entries) {
        Row file_row = DataFileRow(partition, metadata, entry.data_file);
        // Typed scalars of the struct: cast each to its Arrow field type first.
        auto arrow_file_type = ToArrowType(*file_type, "UTC");
        std::vector<ScalarPtr> values;
        for (size_t i = 0; i < file_row.size(); ++i) {
          const auto& target = arrow_file_type->field(static_cast<int>(i))->type();
          ScalarPtr value = file_row[i];
          if (value == nullptr || !value->is_valid) {
            value = arrow::MakeNullScalar(target);
          } else if (!value->type->Equals(*target)) {
            SPK_ASSIGN_OR_RAISE_ARROW(value, value->CastTo(target));
          }
          values.push_back(std::move(value));
        }
        SPK_ASSIGN_OR_RAISE_ARROW(auto file_scalar, arrow::StructScalar::Make(values, names));
        rows.push_back({Int(static_cast<int>(entry.status)), Long(entry.snapshot_id),
                        Long(entry.sequence_number), Long(entry.file_sequence_number),
                        file_scalar});
      }
    }
  }
  SPK_ASSIGN_OR_RAISE(auto table, MakeTable(schema, rows));
  return MetadataTableRows{schema, table};
}

Result<MetadataTableRows> Partitions(const TableMetadata& metadata) {
  PartitionColumns partition = PartitionColumnsOf(metadata);
  Schema schema;
  if (!partition.fields.empty()) {
    schema.push_back(Column("partition", partition.struct_type, false));
    schema.push_back(Column("spec_id", DataType::Integer(), false));
  }
  for (auto field : Schema{Column("record_count", DataType::Long(), false),
                           Column("file_count", DataType::Integer(), false),
                           Column("total_data_file_size_in_bytes", DataType::Long(), false),
                           Column("position_delete_record_count", DataType::Long(), false),
                           Column("position_delete_file_count", DataType::Integer(), false),
                           Column("equality_delete_record_count", DataType::Long(), false),
                           Column("equality_delete_file_count", DataType::Integer(), false),
                           Column("last_updated_at", DataType::Timestamp()),
                           Column("last_updated_snapshot_id", DataType::Long())}) {
    schema.push_back(std::move(field));
  }
  SPK_ASSIGN_OR_RAISE(auto live, ReadLiveEntries(metadata, metadata.current_snapshot()));
  struct Totals {
    ScalarPtr partition;
    int spec_id = 0;
    int64_t records = 0, size = 0, pos_records = 0, eq_records = 0;
    int files = 0, pos_files = 0, eq_files = 0;
    std::optional<int64_t> last_snapshot;
    int64_t last_at = -1;
  };
  std::map<std::string, Totals> totals;
  std::vector<std::string> order;
  for (const auto& item : live) {
    const DataFile& file = item.entry.data_file;
    ScalarPtr value =
        partition.fields.empty() ? nullptr : PartitionValue(partition, metadata, file);
    std::string key = value ? value->ToString() : "";
    auto [it, inserted] = totals.try_emplace(key);
    if (inserted) order.push_back(key);
    Totals& t = it->second;
    t.partition = value;
    t.spec_id = file.spec_id;
    if (file.content == FileContent::kData) {
      t.records += file.record_count;
      t.size += file.file_size_in_bytes;
      ++t.files;
    } else if (file.content == FileContent::kPositionDeletes) {
      t.pos_records += file.record_count;
      ++t.pos_files;
    } else {
      t.eq_records += file.record_count;
      ++t.eq_files;
    }
    if (item.entry.snapshot_id) {
      const Snapshot* s = metadata.snapshot_by_id(*item.entry.snapshot_id);
      if (s != nullptr && s->timestamp_ms > t.last_at) {
        t.last_at = s->timestamp_ms;
        t.last_snapshot = s->snapshot_id;
      }
    }
  }
  std::vector<Row> rows;
  for (const auto& key : order) {
    const Totals& t = totals[key];
    Row row;
    if (!partition.fields.empty()) {
      row.push_back(t.partition);
      row.push_back(Int(t.spec_id));
    }
    for (auto value : Row{Long(t.records), Int(t.files), Long(t.size), Long(t.pos_records),
                          Int(t.pos_files), Long(t.eq_records), Int(t.eq_files),
                          t.last_at >= 0 ? TimestampMillis(t.last_at)
                                         : arrow::MakeNullScalar(
                                               arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
                          Long(t.last_snapshot)}) {
      row.push_back(std::move(value));
    }
    rows.push_back(std::move(row));
  }
  SPK_ASSIGN_OR_RAISE(auto table, MakeTable(schema, rows));
  return MetadataTableRows{schema, table};
}

}  // namespace

IcebergTableSource::IcebergTableSource(std::string quoted_name, TableIdentifier identifier,
                                       LoadedTable table, std::optional<int64_t> snapshot_id)
    : quoted_name_(std::move(quoted_name)),
      identifier_(std::move(identifier)),
      table_(std::move(table)),
      snapshot_id_(snapshot_id) {
  const Snapshot* pinned = snapshot();
  read_schema_ = pinned ? &metadata().schema_for(*pinned) : &metadata().current_schema();
  // Time travel reads with the snapshot's schema; the current state with the current one.
  if (!snapshot_id_) read_schema_ = &metadata().current_schema();
  spark_schema_ = ToSparkSchema(*read_schema_);
}

const Snapshot* IcebergTableSource::snapshot() const {
  if (snapshot_id_) return metadata().snapshot_by_id(*snapshot_id_);
  return metadata().current_snapshot();
}

Schema IcebergTableSource::metadata_columns() const {
  return {StructField{"_file", DataType::String(), false},
          StructField{"_pos", DataType::Long(), false}};
}

std::string IcebergTableSource::Describe() const {
  const Snapshot* s = snapshot();
  return s ? "snapshot " + std::to_string(s->snapshot_id) : "empty";
}

int64_t IcebergTableSource::EstimatedRows() const {
  const Snapshot* s = snapshot();
  if (s == nullptr) return 0;
  auto it = s->summary.find("total-records");
  if (it == s->summary.end()) return -1;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return -1;
  }
}

bool IsMetadataTableName(const std::string& name) {
  static const std::set<std::string> kNames = {
      "snapshots", "history",    "refs",         "metadata_log_entries", "manifests",    "files",
      "entries",   "data_files", "delete_files", "partitions",           "all_manifests"};
  return kNames.count(name) > 0;
}

Result<MetadataTableRows> ReadMetadataTable(const std::string& name, const LoadedTable& table) {
  const TableMetadata& metadata = *table.metadata;
  if (name == "snapshots") return Snapshots(metadata);
  if (name == "history") return History(metadata);
  if (name == "refs") return Refs(metadata);
  if (name == "metadata_log_entries") return MetadataLogEntries(table);
  if (name == "manifests" || name == "all_manifests") return Manifests(metadata);
  if (name == "files" || name == "data_files" || name == "delete_files") {
    return Files(metadata, name);
  }
  if (name == "entries") return Entries(metadata);
  if (name == "partitions") return Partitions(metadata);
  return Status::NotImplemented("Iceberg metadata table " + name);
}

}  // namespace sparkling::iceberg
