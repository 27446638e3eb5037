#include "iceberg/table_scan.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/io/file.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/schema.h>
#include <parquet/properties.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "iceberg/deletion_vector.h"
#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/single_value.h"
#include "types/array_conformance.h"

namespace sparkling::iceberg {
namespace {

constexpr char kFieldIdKey[] = "PARQUET:field_id";

// -1 / 0 / 1, or nullopt when the values cannot be compared.
std::optional<int> CompareScalars(const arrow::Scalar& left, const arrow::Scalar& right) {
  std::shared_ptr<arrow::Scalar> right_cast;
  if (!left.type->Equals(*right.type)) {
    auto cast = right.CastTo(left.type);
    if (!cast.ok()) return std::nullopt;
    right_cast = *cast;
  }
  const arrow::Scalar& other = right_cast ? *right_cast : right;
  auto less = arrow::compute::CallFunction(
      "less", {arrow::Datum(left.GetSharedPtr()), arrow::Datum(other.GetSharedPtr())});
  auto greater = arrow::compute::CallFunction(
      "greater", {arrow::Datum(left.GetSharedPtr()), arrow::Datum(other.GetSharedPtr())});
  if (!less.ok() || !greater.ok()) return std::nullopt;
  const auto& lt = static_cast<const arrow::BooleanScalar&>(*less->scalar());
  const auto& gt = static_cast<const arrow::BooleanScalar&>(*greater->scalar());
  if (!lt.is_valid || !gt.is_valid) return std::nullopt;
  if (lt.value) return -1;
  if (gt.value) return 1;
  return 0;
}

// Whether a file may hold rows matching `predicate`, judged from its column statistics.
bool MayMatch(const DataFile& file, const PruningPredicate& predicate, const IcebergType& type) {
  const int id = predicate.field_id;
  auto count_of = [](const std::map<int, int64_t>& counts, int key) -> std::optional<int64_t> {
    auto it = counts.find(key);
    if (it == counts.end()) return std::nullopt;
    return it->second;
  };
  std::optional<int64_t> nulls = count_of(file.null_value_counts, id);
  std::optional<int64_t> values = count_of(file.value_counts, id);
  if (predicate.op == PruningPredicate::Op::kIsNull) return !nulls || *nulls > 0;
  const bool all_null = nulls && values && *nulls == *values;
  if (predicate.op == PruningPredicate::Op::kIsNotNull) return !all_null;
  if (all_null) return false;  // comparisons with NULL never hold
  if (predicate.value == nullptr || !predicate.value->is_valid) return true;
  auto bound = [&](const std::map<int, std::string>& bounds) -> std::shared_ptr<arrow::Scalar> {
    auto it = bounds.find(id);
    if (it == bounds.end()) return nullptr;
    auto decoded = FromSingleValue(it->second, type);
    return decoded.ok() ? *decoded : nullptr;
  };
  std::shared_ptr<arrow::Scalar> lower = bound(file.lower_bounds);
  std::shared_ptr<arrow::Scalar> upper = bound(file.upper_bounds);
  auto compare = [&](const std::shared_ptr<arrow::Scalar>& b) -> std::optional<int> {
    if (b == nullptr) return std::nullopt;
    return CompareScalars(*b, *predicate.value);  // bound vs value
  };
  std::optional<int> low = compare(lower);
  std::optional<int> high = compare(upper);
  switch (predicate.op) {
    case PruningPredicate::Op::kEq:
      return !((low && *low > 0) || (high && *high < 0));
    case PruningPredicate::Op::kLt:
      return !(low && *low >= 0);
    case PruningPredicate::Op::kLe:
      return !(low && *low > 0);
    case PruningPredicate::Op::kGt:
      return !(high && *high <= 0);
    case PruningPredicate::Op::kGe:
      return !(high && *high < 0);
    default:
      return true;
  }
}

bool SamePartition(const DataFile& a, const DataFile& b) {
  if (a.spec_id != b.spec_id || a.partition.size() != b.partition.size()) return false;
  for (size_t i = 0; i < a.partition.size(); ++i) {
    const auto& x = a.partition[i];
    const auto& y = b.partition[i];
    if (x == nullptr || y == nullptr) return x == y;
    if (!x->Equals(*y)) return false;
  }
  return true;
}

int FieldIdOf(const arrow::Field& field) {
  if (field.metadata() == nullptr) return -1;
  auto value = field.metadata()->Get(kFieldIdKey);
  if (!value.ok()) return -1;
  try {
    return std::stoi(*value);
  } catch (...) {
    return -1;
  }
}

void CollectLeaves(const parquet::arrow::SchemaField& field, std::vector<int>* leaves) {
  if (field.column_index >= 0) leaves->push_back(field.column_index);
  for (const auto& child : field.children) CollectLeaves(child, leaves);
}

// Sorted positions deleted from one data file.
using DeletedPositions = std::vector<int64_t>;

Result<DeletedPositions> ReadPositionDeletes(const std::vector<DataFile>& delete_files,
                                             const std::string& data_file_path) {
  DeletedPositions positions;
  for (const auto& file : delete_files) {
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(file.file_path));
    SPK_ASSIGN_OR_RAISE_ARROW(auto input, arrow::io::ReadableFile::Open(path));
    std::unique_ptr<parquet::arrow::FileReader> reader;
    SPK_ASSIGN_OR_RAISE_ARROW(reader,
                              parquet::arrow::OpenFile(input, arrow::default_memory_pool()));
    std::shared_ptr<arrow::Schema> schema;
    SPK_RETURN_NOT_OK_ARROW(reader->GetSchema(&schema));
    int path_index = schema->GetFieldIndex("file_path");
    int pos_index = schema->GetFieldIndex("pos");
    if (path_index < 0 || pos_index < 0) {
      return CatalogError("ICEBERG_VALIDATION",
                          "Position delete file without file_path / pos: " + file.file_path);
    }
    std::shared_ptr<arrow::Table> table;
    SPK_RETURN_NOT_OK_ARROW(reader->ReadTable({path_index, pos_index}, &table));
    SPK_ASSIGN_OR_RAISE_ARROW(table, table->CombineChunks());
    if (table->num_rows() == 0) continue;
    auto paths = table->column(0)->chunk(0);
    SPK_ASSIGN_OR_RAISE_ARROW(auto pos_datum,
                              arrow::compute::Cast(table->column(1)->chunk(0), arrow::int64()));
    auto pos = std::static_pointer_cast<arrow::Int64Array>(pos_datum.make_array());
    SPK_ASSIGN_OR_RAISE_ARROW(auto path_datum, arrow::compute::Cast(paths, arrow::utf8()));
    auto path_strings = std::static_pointer_cast<arrow::StringArray>(path_datum.make_array());
    for (int64_t i = 0; i < table->num_rows(); ++i) {
      if (path_strings->IsNull(i) || pos->IsNull(i)) continue;
      if (path_strings->GetView(i) == data_file_path) positions.push_back(pos->Value(i));
    }
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}

class ParquetDataFileReader : public DataFileReader {
 public:
  Status Open(const FileScanTask& task, const ReadOptions& options) {
    options_ = options;
    file_uri_ = task.file.file_path;
    if (!task.equality_deletes.empty()) {
      return Status::NotImplemented("Iceberg equality delete files");
    }
    if (task.file.file_format != "PARQUET" && task.file.file_format != "parquet") {
      return Status::NotImplemented("Iceberg data files in " + task.file.file_format + " format");
    }
    if (!task.position_deletes.empty()) {
      // v3 deletion vectors (a blob in a Puffin file) and v2 position delete files (Parquet);
      // a table upgraded to v3 may have both for one data file: their union is deleted.
      std::vector<DataFile> delete_files;
      for (const auto& file : task.position_deletes) {
        if (!file.content_offset.has_value()) {
          delete_files.push_back(file);
          continue;
        }
        SPK_ASSIGN_OR_RAISE(auto positions, ReadDeletionVector(file));
        deleted_.insert(deleted_.end(), positions.begin(), positions.end());
      }
      if (!delete_files.empty()) {
        SPK_ASSIGN_OR_RAISE(auto positions, ReadPositionDeletes(delete_files, file_uri_));
        deleted_.insert(deleted_.end(), positions.begin(), positions.end());
      }
      std::sort(deleted_.begin(), deleted_.end());
      deleted_.erase(std::unique(deleted_.begin(), deleted_.end()), deleted_.end());
    }
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(file_uri_));
    SPK_ASSIGN_OR_RAISE_ARROW(auto input, arrow::io::ReadableFile::Open(path));
    parquet::ArrowReaderProperties properties;
    properties.set_batch_size(std::max<int64_t>(1, options.batch_size));
    parquet::arrow::FileReaderBuilder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.Open(input));
    builder.properties(properties);
    SPK_ASSIGN_OR_RAISE_ARROW(reader_, builder.Build());
    std::shared_ptr<arrow::Schema> file_schema;
    SPK_RETURN_NOT_OK_ARROW(reader_->GetSchema(&file_schema));

    // Top-level columns by field id; files without ids (name mapping) by name.
    std::unordered_map<int, int> index_by_id;
    for (int i = 0; i < file_schema->num_fields(); ++i) {
      int id = FieldIdOf(*file_schema->field(i));
      if (id >= 0) index_by_id[id] = i;
    }
    output_schema_ = ReadSchema(options);
    std::vector<int> leaves;
    for (int id : options.field_ids) {
      const NestedField* field = options.schema->FindField(id);
      int index = -1;
      if (auto it = index_by_id.find(id); it != index_by_id.end()) {
        index = it->second;
      } else if (index_by_id.empty() && field != nullptr) {
        index = file_schema->GetFieldIndex(field->name);
      }
      if (index < 0) {
        sources_.push_back(-1);
        continue;
      }
      sources_.push_back(static_cast<int>(read_fields_.size()));
      read_fields_.push_back(index);
      CollectLeaves(reader_->manifest().schema_fields[index], &leaves);
    }
    std::vector<int> row_groups(reader_->num_row_groups());
    for (int i = 0; i < reader_->num_row_groups(); ++i) row_groups[i] = i;
    total_rows_ = reader_->parquet_reader()->metadata()->num_rows();
    if (leaves.empty()) {
      // Only missing columns or metadata columns: rows come from the row count alone.
      return Status::OK();
    }
    SPK_ASSIGN_OR_RAISE_ARROW(batches_, reader_->GetRecordBatchReader(row_groups, leaves));
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    while (true) {
      std::shared_ptr<arrow::RecordBatch> raw;
      int64_t rows = 0;
      if (batches_ != nullptr) {
        SPK_RETURN_NOT_OK_ARROW(batches_->ReadNext(&raw));
        if (raw == nullptr) return std::shared_ptr<arrow::RecordBatch>();
        rows = raw->num_rows();
      } else {
        if (position_ >= total_rows_) return std::shared_ptr<arrow::RecordBatch>();
        rows = std::min(options_.batch_size, total_rows_ - position_);
      }
      SPK_ASSIGN_OR_RAISE(auto batch, BuildBatch(raw, rows));
      position_ += rows;
      SPK_ASSIGN_OR_RAISE(batch, ApplyDeletes(batch, position_ - rows));
      if (batch->num_rows() > 0) return batch;
    }
  }

 private:
  Result<std::shared_ptr<arrow::RecordBatch>> BuildBatch(
      const std::shared_ptr<arrow::RecordBatch>& raw, int64_t rows) {
    arrow::ArrayVector columns;
    for (size_t i = 0; i < options_.field_ids.size(); ++i) {
      const auto& type = output_schema_->field(static_cast<int>(i))->type();
      if (sources_[i] < 0) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto nulls, arrow::MakeArrayOfNull(type, rows));
        columns.push_back(std::move(nulls));
        continue;
      }
      SPK_ASSIGN_OR_RAISE(auto column, ConformArray(raw->column(sources_[i]), type, rows));
      columns.push_back(std::move(column));
    }
    if (options_.with_file_path) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto paths,
                                arrow::MakeArrayFromScalar(arrow::StringScalar(file_uri_), rows));
      columns.push_back(std::move(paths));
    }
    if (options_.with_position) {
      arrow::Int64Builder builder;
      SPK_RETURN_NOT_OK_ARROW(builder.Reserve(rows));
      for (int64_t r = 0; r < rows; ++r) builder.UnsafeAppend(position_ + r);
      std::shared_ptr<arrow::Array> positions;
      SPK_RETURN_NOT_OK_ARROW(builder.Finish(&positions));
      columns.push_back(std::move(positions));
    }
    return arrow::RecordBatch::Make(output_schema_, rows, std::move(columns));
  }

  Result<std::shared_ptr<arrow::RecordBatch>> ApplyDeletes(
      const std::shared_ptr<arrow::RecordBatch>& batch, int64_t first_position) {
    if (deleted_.empty()) return batch;
    const int64_t end = first_position + batch->num_rows();
    auto from = std::lower_bound(deleted_.begin(), deleted_.end(), first_position);
    if (from == deleted_.end() || *from >= end) return batch;
    arrow::BooleanBuilder keep;
    SPK_RETURN_NOT_OK_ARROW(keep.Reserve(batch->num_rows()));
    auto next = from;
    for (int64_t pos = first_position; pos < end; ++pos) {
      bool deleted = next != deleted_.end() && *next == pos;
      if (deleted) ++next;
      keep.UnsafeAppend(!deleted);
    }
    std::shared_ptr<arrow::Array> mask;
    SPK_RETURN_NOT_OK_ARROW(keep.Finish(&mask));
    SPK_ASSIGN_OR_RAISE_ARROW(auto filtered, arrow::compute::Filter(batch, mask));
    return filtered.record_batch();
  }

  ReadOptions options_;
  std::string file_uri_;
  std::unique_ptr<parquet::arrow::FileReader> reader_;
  std::unique_ptr<arrow::RecordBatchReader> batches_;
  std::shared_ptr<arrow::Schema> output_schema_;
  std::vector<int> read_fields_;  // file top-level field indexes read, in read order
  std::vector<int> sources_;      // per output column: its column in the read batch, or -1
  DeletedPositions deleted_;
  int64_t total_rows_ = 0;
  int64_t position_ = 0;
};

}  // namespace

Result<std::vector<LiveEntry>> ReadLiveEntries(const TableMetadata& metadata,
                                               const Snapshot* snapshot) {
  std::vector<LiveEntry> live;
  if (snapshot == nullptr) return live;
  SPK_ASSIGN_OR_RAISE(std::string list_path, LocalPath(snapshot->manifest_list));
  SPK_ASSIGN_OR_RAISE(auto manifests, ReadManifestList(list_path));
  for (const auto& manifest : manifests) {
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(manifest.manifest_path));
    SPK_ASSIGN_OR_RAISE(auto entries, ReadManifest(path, manifest));
    for (auto& entry : entries) {
      if (entry.status == EntryStatus::kDeleted) continue;
      live.push_back(LiveEntry{manifest, std::move(entry)});
    }
  }
  return live;
}

Result<std::vector<FileScanTask>> PlanFiles(const TableMetadata& metadata, const Snapshot* snapshot,
                                            const std::vector<PruningPredicate>& predicates) {
  SPK_ASSIGN_OR_RAISE(auto live, ReadLiveEntries(metadata, snapshot));
  const IcebergSchema& schema =
      snapshot ? metadata.schema_for(*snapshot) : metadata.current_schema();
  std::vector<FileScanTask> tasks;
  std::vector<const LiveEntry*> deletes;
  for (const auto& item : live) {
    const DataFile& file = item.entry.data_file;
    if (file.content != FileContent::kData) {
      deletes.push_back(&item);
      continue;
    }
    bool keep = true;
    for (const auto& predicate : predicates) {
      const NestedField* field = schema.FindField(predicate.field_id);
      if (field == nullptr || !field->type->is_primitive()) continue;
      if (!MayMatch(file, predicate, *field->type)) {
        keep = false;
        break;
      }
    }
    if (!keep) continue;
    FileScanTask task;
    task.file = file;
    task.data_sequence_number = item.entry.sequence_number.value_or(0);
    tasks.push_back(std::move(task));
  }
  for (const LiveEntry* item : deletes) {
    const DataFile& file = item->entry.data_file;
    const int64_t sequence = item->entry.sequence_number.value_or(0);
    for (auto& task : tasks) {
      if (file.content == FileContent::kPositionDeletes) {
        if (task.data_sequence_number > sequence) continue;
        if (file.referenced_data_file && *file.referenced_data_file != task.file.file_path) {
          continue;
        }
        if (!file.referenced_data_file && !SamePartition(file, task.file)) continue;
        task.position_deletes.push_back(file);
      } else {
        if (task.data_sequence_number >= sequence) continue;
        const PartitionSpec* spec = metadata.spec_by_id(file.spec_id);
        bool global = spec != nullptr && spec->unpartitioned();
        if (!global && !SamePartition(file, task.file)) continue;
        task.equality_deletes.push_back(file);
      }
    }
  }
  return tasks;
}

std::shared_ptr<arrow::Schema> ReadSchema(const ReadOptions& options) {
  std::shared_ptr<arrow::Schema> table_schema = ToArrowSchema(*options.schema);
  arrow::FieldVector fields;
  for (int id : options.field_ids) {
    for (const auto& field : table_schema->fields()) {
      if (FieldIdOf(*field) == id) {
        fields.push_back(field);
        break;
      }
    }
  }
  if (options.with_file_path) fields.push_back(arrow::field("_file", arrow::utf8(), false));
  if (options.with_position) fields.push_back(arrow::field("_pos", arrow::int64(), false));
  return arrow::schema(std::move(fields));
}

Result<std::unique_ptr<DataFileReader>> OpenDataFile(const FileScanTask& task,
                                                     const ReadOptions& options) {
  if (options.schema == nullptr) return Status::Internal("OpenDataFile without a schema");
  auto reader = std::make_unique<ParquetDataFileReader>();
  SPK_RETURN_NOT_OK(reader->Open(task, options));
  return std::unique_ptr<DataFileReader>(std::move(reader));
}

}  // namespace sparkling::iceberg
