#include "iceberg/data_file_writer.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/compute/row/grouper.h>
#include <arrow/io/file.h>
#include <parquet/arrow/writer.h>
#include <parquet/file_writer.h>
#include <parquet/metadata.h>
#include <parquet/properties.h>
#include <parquet/schema.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/partition_transform.h"
#include "iceberg/single_value.h"
#include "types/array_conformance.h"

namespace sparkling::iceberg {
namespace {

constexpr size_t kTruncateLength = 16;  // Java's default metrics mode: truncate(16)

std::string LowerCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

arrow::Compression::type CompressionOf(const TableMetadata& metadata) {
  auto it = metadata.properties.find("write.parquet.compression-codec");
  std::string codec = it == metadata.properties.end() ? "zstd" : LowerCase(it->second);
  if (codec == "snappy") return arrow::Compression::SNAPPY;
  if (codec == "gzip") return arrow::Compression::GZIP;
  if (codec == "lz4") return arrow::Compression::LZ4;
  if (codec == "uncompressed" || codec == "none") return arrow::Compression::UNCOMPRESSED;
  return arrow::Compression::ZSTD;
}

// Path segments are escaped like Java's URLEncoder, so that values never make directories.
std::string EscapePathValue(const std::string& value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Utf-8 prefix of at most `n` code points.
std::string Utf8Prefix(std::string_view text, size_t n, bool* truncated) {
  size_t points = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (points == n) {
      *truncated = true;
      return std::string(text.substr(0, i));
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    i += length;
    ++points;
  }
  *truncated = false;
  return std::string(text);
}

// The smallest string greater than every string starting with `prefix`: its last code point
// incremented (dropping trailing ones that cannot be); nullopt when none exists.
std::optional<std::string> IncrementUtf8(std::string prefix) {
  while (!prefix.empty()) {
    size_t start = prefix.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(prefix[start]) & 0xC0) == 0x80) --start;
    std::string last = prefix.substr(start);
    prefix.resize(start);
    uint32_t cp = 0;
    unsigned char c0 = static_cast<unsigned char>(last[0]);
    if (last.size() == 1) {
      cp = c0;
    } else if (last.size() == 2) {
      cp = ((c0 & 0x1F) << 6) | (last[1] & 0x3F);
    } else if (last.size() == 3) {
      cp = ((c0 & 0x0F) << 12) | ((last[1] & 0x3F) << 6) | (last[2] & 0x3F);
    } else {
      cp = ((c0 & 0x07) << 18) | ((last[1] & 0x3F) << 12) | ((last[2] & 0x3F) << 6) |
           (last[3] & 0x3F);
    }
    uint32_t next = cp + 1;
    if (next >= 0xD800 && next <= 0xDFFF) next = 0xE000;
    if (next > 0x10FFFF) continue;
    std::string encoded;
    if (next < 0x80) {
      encoded.push_back(static_cast<char>(next));
    } else if (next < 0x800) {
      encoded.push_back(static_cast<char>(0xC0 | (next >> 6)));
      encoded.push_back(static_cast<char>(0x80 | (next & 0x3F)));
    } else if (next < 0x10000) {
      encoded.push_back(static_cast<char>(0xE0 | (next >> 12)));
      encoded.push_back(static_cast<char>(0x80 | ((next >> 6) & 0x3F)));
      encoded.push_back(static_cast<char>(0x80 | (next & 0x3F)));
    } else {
      encoded.push_back(static_cast<char>(0xF0 | (next >> 18)));
      encoded.push_back(static_cast<char>(0x80 | ((next >> 12) & 0x3F)));
      encoded.push_back(static_cast<char>(0x80 | ((next >> 6) & 0x3F)));
      encoded.push_back(static_cast<char>(0x80 | (next & 0x3F)));
    }
    return prefix + encoded;
  }
  return std::nullopt;
}

// Iceberg orders -0.0 before +0.0; NaN is never a bound.
template <typename T>
bool FloatLess(T a, T b) {
  if (a == b) return std::signbit(a) && !std::signbit(b);
  return a < b;
}

/// Statistics of one primitive column over one file.
struct ColumnStats {
  int field_id = 0;
  IcebergTypePtr type;
  int64_t values = 0;
  int64_t nulls = 0;
  int64_t nans = 0;
  bool floating = false;
  std::shared_ptr<arrow::Scalar> min;
  std::shared_ptr<arrow::Scalar> max;

  Status Update(const std::shared_ptr<arrow::Array>& array) {
    values += array->length();
    nulls += array->null_count();
    if (array->length() == array->null_count()) return Status::OK();
    if (array->type_id() == arrow::Type::DOUBLE || array->type_id() == arrow::Type::FLOAT) {
      floating = true;
      return array->type_id() == arrow::Type::DOUBLE
                 ? UpdateFloat<arrow::DoubleArray, arrow::DoubleScalar>(*array)
                 : UpdateFloat<arrow::FloatArray, arrow::FloatScalar>(*array);
    }
    arrow::compute::ScalarAggregateOptions options(/*skip_nulls=*/true);
    auto result = arrow::compute::MinMax(array, options);
    if (!result.ok()) return Status::OK();  // a type without an order: no bounds
    const auto& pair = static_cast<const arrow::StructScalar&>(*result->scalar());
    Merge(pair.value[0], pair.value[1]);
    return Status::OK();
  }

  template <typename ArrayType, typename ScalarType>
  Status UpdateFloat(const arrow::Array& array) {
    const auto& values_array = static_cast<const ArrayType&>(array);
    using C = typename ScalarType::ValueType;
    bool any = false;
    C low = 0, high = 0;
    for (int64_t i = 0; i < values_array.length(); ++i) {
      if (values_array.IsNull(i)) continue;
      C v = values_array.Value(i);
      if (std::isnan(v)) {
        ++nans;
        continue;
      }
      if (!any || FloatLess(v, low)) low = v;
      if (!any || FloatLess(high, v)) high = v;
      any = true;
    }
    if (!any) return Status::OK();
    auto low_scalar = std::make_shared<ScalarType>(low);
    auto high_scalar = std::make_shared<ScalarType>(high);
    if (min == nullptr || FloatLess(low, static_cast<const ScalarType&>(*min).value)) {
      min = low_scalar;
    }
    if (max == nullptr || FloatLess(static_cast<const ScalarType&>(*max).value, high)) {
      max = high_scalar;
    }
    return Status::OK();
  }

  void Merge(const std::shared_ptr<arrow::Scalar>& low,
             const std::shared_ptr<arrow::Scalar>& high) {
    if (low == nullptr || !low->is_valid) return;
    if (min == nullptr || Less(*low, *min)) min = low;
    if (max == nullptr || Less(*max, *high)) max = high;
  }

  static bool Less(const arrow::Scalar& a, const arrow::Scalar& b) {
    auto less = arrow::compute::CallFunction(
        "less", {arrow::Datum(a.GetSharedPtr()), arrow::Datum(b.GetSharedPtr())});
    if (!less.ok()) return false;
    const auto& result = static_cast<const arrow::BooleanScalar&>(*less->scalar());
    return result.is_valid && result.value;
  }
};

/// One open Parquet file.
struct OpenFile {
  std::string location;
  std::string path;
  PartitionTuple partition;
  std::shared_ptr<arrow::io::FileOutputStream> stream;
  std::unique_ptr<parquet::arrow::FileWriter> writer;
  int64_t rows = 0;
  std::vector<ColumnStats> stats;
};

// The primitive columns statistics are kept for: top-level ones and those nested in structs.
void CollectStatsColumns(const std::vector<NestedField>& fields, std::vector<int>* path,
                         std::vector<std::pair<std::vector<int>, const NestedField*>>* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    const NestedField& field = fields[i];
    path->push_back(static_cast<int>(i));
    if (field.type->is_primitive()) {
      out->emplace_back(*path, &field);
    } else if (field.type->kind == IcebergType::Kind::kStruct) {
      CollectStatsColumns(field.type->fields, path, out);
    }
    path->pop_back();
  }
}

class ParquetDataFileWriter : public DataFileWriter {
 public:
  ParquetDataFileWriter(const TableMetadata& metadata, IcebergSchema schema, PartitionSpec spec,
                        DataFileWriterOptions options)
      : metadata_(metadata),
        schema_(std::move(schema)),
        spec_(std::move(spec)),
        options_(std::move(options)),
        arrow_schema_(ToArrowSchema(schema_)),
        data_location_(DataLocation(metadata)),
        compression_(CompressionOf(metadata)) {
    std::vector<int> path;
    CollectStatsColumns(schema_.fields, &path, &stats_columns_);
  }

  Status Prepare() {
    for (const auto& field : spec_.fields) {
      Transform transform = ParseTransform(field.transform);
      if (transform.kind == Transform::Kind::kUnknown) {
        return Status::NotImplemented("writing with the partition transform " + field.transform);
      }
      int column = -1;
      for (size_t i = 0; i < schema_.fields.size(); ++i) {
        if (schema_.fields[i].id == field.source_id) column = static_cast<int>(i);
      }
      if (column < 0) {
        return Status::NotImplemented("partitioning by a nested column (" + field.name + ")");
      }
      transforms_.push_back(transform);
      source_columns_.push_back(column);
    }
    return Status::OK();
  }

  Status Write(const std::shared_ptr<arrow::RecordBatch>& input) override {
    if (input->num_rows() == 0) return Status::OK();
    if (input->num_columns() != arrow_schema_->num_fields()) {
      return Status::Internal("data file writer got " + std::to_string(input->num_columns()) +
                              " columns for " + std::to_string(arrow_schema_->num_fields()));
    }
    arrow::ArrayVector columns;
    for (int c = 0; c < input->num_columns(); ++c) {
      SPK_ASSIGN_OR_RAISE(
          auto column,
          ConformArray(input->column(c), arrow_schema_->field(c)->type(), input->num_rows()));
      if (!arrow_schema_->field(c)->nullable() && column->null_count() > 0) {
        return Status::Error("NOT_NULL_ASSERT_VIOLATION",
                             {{"walkedTypePath", "`" + arrow_schema_->field(c)->name() + "`"}});
      }
      columns.push_back(std::move(column));
    }
    auto batch = arrow::RecordBatch::Make(arrow_schema_, input->num_rows(), std::move(columns));
    if (transforms_.empty()) return Append(batch, {});

    std::vector<arrow::Datum> keys;
    std::vector<arrow::TypeHolder> key_types;
    for (size_t i = 0; i < transforms_.size(); ++i) {
      SPK_ASSIGN_OR_RAISE(auto key,
                          ApplyTransform(transforms_[i], batch->column(source_columns_[i])));
      key_types.emplace_back(key->type());
      keys.emplace_back(std::move(key));
    }
    SPK_ASSIGN_OR_RAISE_ARROW(auto grouper, arrow::compute::Grouper::Make(key_types));
    arrow::compute::ExecBatch key_batch(keys, batch->num_rows());
    SPK_ASSIGN_OR_RAISE_ARROW(auto ids_datum,
                              grouper->Consume(arrow::compute::ExecSpan(key_batch)));
    SPK_ASSIGN_OR_RAISE_ARROW(auto uniques, grouper->GetUniques());
    auto ids = std::static_pointer_cast<arrow::UInt32Array>(ids_datum.make_array());
    SPK_ASSIGN_OR_RAISE_ARROW(auto groupings,
                              arrow::compute::Grouper::MakeGroupings(*ids, grouper->num_groups()));
    for (uint32_t g = 0; g < grouper->num_groups(); ++g) {
      PartitionTuple partition;
      for (size_t k = 0; k < keys.size(); ++k) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto value, uniques.values[k].make_array()->GetScalar(g));
        partition.push_back(std::move(value));
      }
      auto rows = groupings->value_slice(g);
      SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(batch, rows));
      SPK_RETURN_NOT_OK(Append(taken.record_batch(), std::move(partition)));
    }
    return Status::OK();
  }

  Result<std::vector<DataFile>> Finish() override {
    for (auto& [key, file] : open_) SPK_RETURN_NOT_OK(Close(*file));
    open_.clear();
    return std::move(finished_);
  }

  void Abort() override {
    for (auto& [key, file] : open_) {
      if (file->writer) (void)file->writer->Close();
      (void)DeleteLocalFile(file->path);
    }
    open_.clear();
    for (const auto& file : finished_) {
      auto path = LocalPath(file.file_path);
      if (path.ok()) (void)DeleteLocalFile(*path);
    }
    finished_.clear();
  }

 private:
  std::string PartitionKey(const PartitionTuple& partition) const {
    std::string key;
    for (const auto& value : partition)
      key += (value && value->is_valid ? value->ToString() : "\x01") + '\x00';
    return key;
  }

  std::string PartitionPath(const PartitionTuple& partition) const {
    std::string path;
    for (size_t i = 0; i < partition.size(); ++i) {
      if (!path.empty()) path += "/";
      std::string value = partition[i] && partition[i]->is_valid
                              ? PartitionValueToString(transforms_[i], *partition[i])
                              : "null";
      path += EscapePathValue(spec_.fields[i].name) + "=" + EscapePathValue(value);
    }
    return path;
  }

  Status Append(const std::shared_ptr<arrow::RecordBatch>& batch, PartitionTuple partition) {
    std::string key = PartitionKey(partition);
    auto it = open_.find(key);
    if (it == open_.end()) {
      SPK_ASSIGN_OR_RAISE(auto file, Start(std::move(partition)));
      it = open_.emplace(key, std::move(file)).first;
    }
    OpenFile& file = *it->second;
    SPK_RETURN_NOT_OK_ARROW(file.writer->WriteRecordBatch(*batch));
    file.rows += batch->num_rows();
    SPK_RETURN_NOT_OK(UpdateStats(file, *batch));
    if (file.rows >= options_.max_rows_per_file) {
      SPK_RETURN_NOT_OK(Close(file));
      open_.erase(it);
    }
    return Status::OK();
  }

  Result<std::unique_ptr<OpenFile>> Start(PartitionTuple partition) {
    auto file = std::make_unique<OpenFile>();
    std::string relative = options_.file_prefix + "-" + std::to_string(++file_count_) + ".parquet";
    std::string directory = data_location_;
    if (!partition.empty()) directory = JoinLocation(directory, PartitionPath(partition));
    file->location = JoinLocation(directory, relative);
    SPK_ASSIGN_OR_RAISE(file->path, LocalPath(file->location));
    SPK_RETURN_NOT_OK(MakeDirectories(std::filesystem::path(file->path).parent_path().string()));
    file->partition = std::move(partition);
    SPK_ASSIGN_OR_RAISE_ARROW(file->stream, arrow::io::FileOutputStream::Open(file->path));
    parquet::WriterProperties::Builder properties;
    properties.compression(compression_);
    properties.data_page_version(parquet::ParquetDataPageVersion::V1);
    properties.version(parquet::ParquetVersion::PARQUET_2_6);
    properties.created_by("Sparkling");
    parquet::ArrowWriterProperties::Builder arrow_properties;
    arrow_properties.set_use_threads(false);
    SPK_ASSIGN_OR_RAISE_ARROW(
        file->writer,
        parquet::arrow::FileWriter::Open(*arrow_schema_, arrow::default_memory_pool(), file->stream,
                                         properties.build(), arrow_properties.build()));
    for (const auto& [path, field] : stats_columns_) {
      ColumnStats stats;
      stats.field_id = field->id;
      stats.type = field->type;
      file->stats.push_back(std::move(stats));
    }
    return file;
  }

  Status UpdateStats(OpenFile& file, const arrow::RecordBatch& batch) {
    for (size_t s = 0; s < stats_columns_.size(); ++s) {
      const std::vector<int>& path = stats_columns_[s].first;
      std::shared_ptr<arrow::Array> array = batch.column(path[0]);
      for (size_t depth = 1; depth < path.size(); ++depth) {
        // A null struct makes its fields null too, as Parquet stores them.
        auto& parent = static_cast<const arrow::StructArray&>(*array);
        SPK_ASSIGN_OR_RAISE_ARROW(array, parent.GetFlattenedField(path[depth]));
      }
      SPK_RETURN_NOT_OK(file.stats[s].Update(array));
    }
    return Status::OK();
  }

  Status Close(OpenFile& file) {
    SPK_RETURN_NOT_OK_ARROW(file.writer->Close());
    std::shared_ptr<parquet::FileMetaData> metadata = file.writer->metadata();
    SPK_RETURN_NOT_OK_ARROW(file.stream->Close());
    SPK_RETURN_NOT_OK(SyncLocalFile(file.path));
    DataFile data;
    data.content = FileContent::kData;
    data.file_path = file.location;
    data.file_format = "PARQUET";
    data.partition = file.partition;
    data.record_count = file.rows;
    std::error_code ec;
    data.file_size_in_bytes = static_cast<int64_t>(std::filesystem::file_size(file.path, ec));
    if (ec) return Status::Internal("cannot stat " + file.path + ": " + ec.message());
    data.spec_id = spec_.spec_id;
    data.sort_order_id = 0;
    if (metadata != nullptr) {
      const parquet::SchemaDescriptor* descriptor = metadata->schema();
      for (int rg = 0; rg < metadata->num_row_groups(); ++rg) {
        auto row_group = metadata->RowGroup(rg);
        data.split_offsets.push_back(row_group->file_offset());
        for (int c = 0; c < row_group->num_columns(); ++c) {
          int id = descriptor->Column(c)->schema_node()->field_id();
          if (id >= 0) data.column_sizes[id] += row_group->ColumnChunk(c)->total_compressed_size();
        }
      }
      std::sort(data.split_offsets.begin(), data.split_offsets.end());
    }
    for (const auto& stats : file.stats) {
      data.value_counts[stats.field_id] = stats.values;
      data.null_value_counts[stats.field_id] = stats.nulls;
      if (stats.floating) data.nan_value_counts[stats.field_id] = stats.nans;
      if (stats.min == nullptr || stats.max == nullptr) continue;
      SPK_RETURN_NOT_OK(AddBounds(stats, &data));
    }
    finished_.push_back(std::move(data));
    return Status::OK();
  }

  static Status AddBounds(const ColumnStats& stats, DataFile* data) {
    const std::string& type = stats.type->primitive;
    if (type == "string") {
      bool truncated = false;
      std::string low = Utf8Prefix(static_cast<const arrow::BaseBinaryScalar&>(*stats.min).view(),
                                   kTruncateLength, &truncated);
      data->lower_bounds[stats.field_id] = low;
      std::string high = Utf8Prefix(static_cast<const arrow::BaseBinaryScalar&>(*stats.max).view(),
                                    kTruncateLength, &truncated);
      if (!truncated) {
        data->upper_bounds[stats.field_id] = high;
      } else if (auto incremented = IncrementUtf8(high)) {
        data->upper_bounds[stats.field_id] = *incremented;
      }
      return Status::OK();
    }
    if (type == "binary") {
      std::string low(static_cast<const arrow::BaseBinaryScalar&>(*stats.min).view());
      std::string high(static_cast<const arrow::BaseBinaryScalar&>(*stats.max).view());
      data->lower_bounds[stats.field_id] = low.substr(0, kTruncateLength);
      if (high.size() <= kTruncateLength) {
        data->upper_bounds[stats.field_id] = high;
      } else {
        std::string prefix = high.substr(0, kTruncateLength);
        while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) {
          prefix.pop_back();
        }
        if (!prefix.empty()) {
          prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
          data->upper_bounds[stats.field_id] = prefix;
        }
      }
      return Status::OK();
    }
    auto low = ToSingleValue(*stats.min, *stats.type);
    auto high = ToSingleValue(*stats.max, *stats.type);
    if (low.ok() && high.ok()) {
      data->lower_bounds[stats.field_id] = *low;
      data->upper_bounds[stats.field_id] = *high;
    }
    return Status::OK();
  }

  const TableMetadata& metadata_;
  IcebergSchema schema_;
  PartitionSpec spec_;
  DataFileWriterOptions options_;
  std::shared_ptr<arrow::Schema> arrow_schema_;
  std::string data_location_;
  arrow::Compression::type compression_;
  std::vector<std::pair<std::vector<int>, const NestedField*>> stats_columns_;
  std::vector<Transform> transforms_;
  std::vector<int> source_columns_;
  std::map<std::string, std::unique_ptr<OpenFile>> open_;
  std::vector<DataFile> finished_;
  int file_count_ = 0;
};

}  // namespace

std::string DataLocation(const TableMetadata& metadata) {
  auto it = metadata.properties.find("write.data.path");
  if (it != metadata.properties.end() && !it->second.empty()) return it->second;
  return JoinLocation(metadata.location, "data");
}

Result<std::unique_ptr<DataFileWriter>> MakeDataFileWriter(const TableMetadata& metadata,
                                                           const IcebergSchema& schema,
                                                           const PartitionSpec& spec,
                                                           const DataFileWriterOptions& options) {
  auto writer = std::make_unique<ParquetDataFileWriter>(metadata, schema, spec, options);
  SPK_RETURN_NOT_OK(writer->Prepare());
  return std::unique_ptr<DataFileWriter>(std::move(writer));
}

Result<std::unique_ptr<DataFileWriter>> MakeDataFileWriter(const TableMetadata& metadata,
                                                           const DataFileWriterOptions& options) {
  return MakeDataFileWriter(metadata, metadata.current_schema(), metadata.default_spec(), options);
}

}  // namespace sparkling::iceberg
