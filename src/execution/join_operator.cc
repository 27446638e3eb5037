#include "execution/join_operator.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include <algorithm>

#include "execution/execution_context.h"
#include "execution/gather_stream.h"
#include "types/array_conformance.h"

namespace sparkling {
namespace {

// Row indices where null marks "no row" (Take then yields nulls).
Result<std::shared_ptr<arrow::Array>> NullableIndexArray(const std::vector<int64_t>& indices) {
  arrow::Int64Builder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.Reserve(static_cast<int64_t>(indices.size())));
  for (int64_t index : indices) {
    if (index < 0) {
      builder.UnsafeAppendNull();
    } else {
      builder.UnsafeAppend(index);
    }
  }
  std::shared_ptr<arrow::Array> array;
  SPK_RETURN_NOT_OK_ARROW(builder.Finish(&array));
  return array;
}

Result<arrow::ArrayVector> TakeColumns(const arrow::RecordBatch& rows,
                                       const std::vector<int64_t>& indices) {
  SPK_ASSIGN_OR_RAISE(auto index_array, NullableIndexArray(indices));
  arrow::ArrayVector columns;
  for (int c = 0; c < rows.num_columns(); ++c) {
    SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum taken,
                              arrow::compute::Take(rows.column(c), index_array));
    columns.push_back(taken.make_array());
  }
  return columns;
}

class JoinStream : public BatchStream {
 public:
  JoinStream(std::shared_ptr<JoinOperator> join, BatchStreamPtr probe, ExecutionContext* context,
             std::shared_ptr<arrow::Schema> combined_schema)
      : join_(std::move(join)),
        spec_(join_->spec()),
        build_(join_->build()),
        probe_(std::move(probe)),
        context_(context),
        combined_schema_(std::move(combined_schema)) {
    if (spec_.type == JoinType::kFullOuter) matched_build_.assign(build_.rows->num_rows(), 0);
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    while (true) {
      if (current_ == nullptr || cursor_ >= current_->num_rows()) {
        SPK_RETURN_NOT_OK(context_->CheckCancelled());
        SPK_ASSIGN_OR_RAISE(current_, probe_->Next());
        if (current_ == nullptr) return UnmatchedBuildRows();
        cursor_ = 0;
        SPK_RETURN_NOT_OK(EncodeProbeKeys());
      }
      const int64_t rows = current_->num_rows();
      int64_t end = rows;
      if (!hashed()) {
        const int64_t build_rows = std::max<int64_t>(1, build_.rows->num_rows());
        end = std::min(rows, cursor_ + std::max<int64_t>(1, context_->batch_size() / build_rows));
      }
      SPK_ASSIGN_OR_RAISE(auto output, JoinRows(cursor_, end));
      cursor_ = end;
      if (output != nullptr && output->num_rows() > 0) return output;
    }
  }

 private:
  bool hashed() const { return spec_.probe_keys->num_expressions() > 0; }

  Status EncodeProbeKeys() {
    if (!hashed()) return Status::OK();
    SPK_ASSIGN_OR_RAISE(auto keys, spec_.probe_keys->EvaluateAll(*current_));
    const int64_t n = current_->num_rows();
    SPK_RETURN_NOT_OK(EncodeRowKeys(keys, {}, n, &encoded_));
    build_.table.FindAll(encoded_, &key_ids_, &key_hashes_);
    unmatchable_.assign(n, 0);
    for (size_t k = 0; k < keys.size(); ++k) {
      if (spec_.null_safe[k] || keys[k]->null_count() == 0) continue;
      for (int64_t i = 0; i < n; ++i) unmatchable_[i] |= keys[k]->IsNull(i);
    }
    return Status::OK();
  }

  // Candidate pairs of probe rows [begin, end), in probe order.
  void FindCandidates(int64_t begin, int64_t end) {
    probe_rows_.clear();
    build_rows_.clear();
    if (hashed()) {
      for (int64_t i = begin; i < end; ++i) {
        if (unmatchable_[i]) continue;
        int64_t id = key_ids_[i];
        if (id < 0) continue;
        for (int64_t r = build_.first_row[id]; r >= 0; r = build_.next_row[r]) {
          probe_rows_.push_back(i);
          build_rows_.push_back(r);
        }
      }
      return;
    }
    const int64_t build_count = build_.rows->num_rows();
    for (int64_t i = begin; i < end; ++i) {
      for (int64_t r = 0; r < build_count; ++r) {
        probe_rows_.push_back(i);
        build_rows_.push_back(r);
      }
    }
  }

  // [left columns..., right columns...] of the given pairs (-1: a null row on that side).
  Result<arrow::ArrayVector> PairColumns(const std::vector<int64_t>& probe_rows,
                                         const std::vector<int64_t>& build_rows) {
    SPK_ASSIGN_OR_RAISE(auto probe_columns, TakeColumns(*current_, probe_rows));
    SPK_ASSIGN_OR_RAISE(auto build_columns, TakeColumns(*build_.rows, build_rows));
    auto& first = spec_.build_is_right ? probe_columns : build_columns;
    auto& second = spec_.build_is_right ? build_columns : probe_columns;
    first.insert(first.end(), second.begin(), second.end());
    return std::move(first);
  }

  Status ApplyResidual() {
    if (spec_.residual == nullptr || probe_rows_.empty()) return Status::OK();
    SPK_ASSIGN_OR_RAISE(auto columns, PairColumns(probe_rows_, build_rows_));
    auto pairs = arrow::RecordBatch::Make(combined_schema_,
                                          static_cast<int64_t>(probe_rows_.size()), columns);
    SPK_ASSIGN_OR_RAISE(auto mask, spec_.residual->EvaluateToArray(0, *pairs));
    const auto& bools = static_cast<const arrow::BooleanArray&>(*mask);
    size_t kept = 0;
    for (size_t j = 0; j < probe_rows_.size(); ++j) {
      if (bools.IsValid(j) && bools.Value(j)) {
        probe_rows_[kept] = probe_rows_[j];
        build_rows_[kept] = build_rows_[j];
        ++kept;
      }
    }
    probe_rows_.resize(kept);
    build_rows_.resize(kept);
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> JoinRows(int64_t begin, int64_t end) {
    FindCandidates(begin, end);
    SPK_RETURN_NOT_OK(ApplyResidual());
    const auto& schema = join_->schema();
    switch (spec_.type) {
      case JoinType::kInner:
      case JoinType::kCross: {
        if (probe_rows_.empty()) return nullptr;
        SPK_ASSIGN_OR_RAISE(auto columns, PairColumns(probe_rows_, build_rows_));
        return arrow::RecordBatch::Make(schema, static_cast<int64_t>(probe_rows_.size()),
                                        std::move(columns));
      }
      case JoinType::kLeftSemi:
      case JoinType::kLeftAnti: {
        const bool semi = spec_.type == JoinType::kLeftSemi;
        std::vector<int64_t> keep;
        size_t j = 0;
        for (int64_t i = begin; i < end; ++i) {
          bool matched = j < probe_rows_.size() && probe_rows_[j] == i;
          while (j < probe_rows_.size() && probe_rows_[j] == i) ++j;
          if (matched == semi) keep.push_back(i);
        }
        if (keep.empty()) return nullptr;
        SPK_ASSIGN_OR_RAISE(auto columns, TakeColumns(*current_, keep));
        return arrow::RecordBatch::Make(schema, static_cast<int64_t>(keep.size()),
                                        std::move(columns));
      }
      default: {
        // Outer on the probe side: matched pairs, or the probe row with a null build row.
        std::vector<int64_t> probe_out, build_out;
        size_t j = 0;
        for (int64_t i = begin; i < end; ++i) {
          if (j < probe_rows_.size() && probe_rows_[j] == i) {
            if (spec_.type == JoinType::kLeftSingle && j + 1 < probe_rows_.size() &&
                probe_rows_[j + 1] == i) {
              return Status::Error("SCALAR_SUBQUERY_TOO_MANY_ROWS");
            }
            while (j < probe_rows_.size() && probe_rows_[j] == i) {
              probe_out.push_back(i);
              build_out.push_back(build_rows_[j]);
              if (!matched_build_.empty()) matched_build_[build_rows_[j]] = 1;
              ++j;
            }
          } else {
            probe_out.push_back(i);
            build_out.push_back(-1);
          }
        }
        if (probe_out.empty()) return nullptr;
        SPK_ASSIGN_OR_RAISE(auto columns, PairColumns(probe_out, build_out));
        return arrow::RecordBatch::Make(schema, static_cast<int64_t>(probe_out.size()),
                                        std::move(columns));
      }
    }
  }

  // FULL OUTER: build rows no probe row matched, with a null probe row.
  Result<std::shared_ptr<arrow::RecordBatch>> UnmatchedBuildRows() {
    if (spec_.type != JoinType::kFullOuter || emitted_unmatched_) {
      return std::shared_ptr<arrow::RecordBatch>();
    }
    emitted_unmatched_ = true;
    std::vector<int64_t> build_out;
    for (size_t r = 0; r < matched_build_.size(); ++r) {
      if (!matched_build_[r]) build_out.push_back(static_cast<int64_t>(r));
    }
    if (build_out.empty()) return std::shared_ptr<arrow::RecordBatch>();
    SPK_ASSIGN_OR_RAISE(auto build_columns, TakeColumns(*build_.rows, build_out));
    const auto& probe_schema = join_->probe_side()->schema();
    arrow::ArrayVector columns;
    const auto rows = static_cast<int64_t>(build_out.size());
    for (const auto& field : probe_schema->fields()) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto nulls, arrow::MakeArrayOfNull(field->type(), rows));
      columns.push_back(std::move(nulls));
    }
    if (spec_.build_is_right) {
      columns.insert(columns.end(), build_columns.begin(), build_columns.end());
    } else {
      build_columns.insert(build_columns.end(), columns.begin(), columns.end());
      columns = std::move(build_columns);
    }
    return arrow::RecordBatch::Make(join_->schema(), rows, std::move(columns));
  }

  std::shared_ptr<JoinOperator> join_;
  const JoinSpec& spec_;
  const JoinOperator::BuildSide& build_;
  BatchStreamPtr probe_;
  ExecutionContext* context_;
  std::shared_ptr<arrow::Schema> combined_schema_;
  std::shared_ptr<arrow::RecordBatch> current_;
  int64_t cursor_ = 0;
  EncodedRows encoded_;
  std::vector<int64_t> key_ids_;  // build key id per probe row, -1 when absent
  std::vector<uint64_t> key_hashes_;
  std::vector<uint8_t> unmatchable_;
  std::vector<int64_t> probe_rows_;
  std::vector<int64_t> build_rows_;
  std::vector<uint8_t> matched_build_;
  bool emitted_unmatched_ = false;
};

}  // namespace

JoinOperator::JoinOperator(std::shared_ptr<arrow::Schema> schema, PhysicalOperatorPtr left,
                           PhysicalOperatorPtr right, JoinSpec spec)
    : PhysicalOperator(std::move(schema), {std::move(left), std::move(right)}),
      spec_(std::move(spec)) {}

JoinOperator::~JoinOperator() = default;

std::string JoinOperator::name() const {
  return spec_.probe_keys->num_expressions() > 0 ? "HashJoin" : "NestedLoopJoin";
}

int JoinOperator::num_partitions() const {
  return spec_.type == JoinType::kFullOuter ? 1 : probe_side()->num_partitions();
}

Status JoinOperator::Prepare(ExecutionContext* context) {
  SPK_RETURN_NOT_OK(PhysicalOperator::Prepare(context));
  auto build = std::make_unique<BuildSide>();
  SPK_ASSIGN_OR_RAISE(auto partitions, CollectPartitions(build_side(), context));
  BatchList batches;
  for (auto& partition : partitions) {
    batches.insert(batches.end(), partition.begin(), partition.end());
  }
  SPK_ASSIGN_OR_RAISE(build->rows, ConcatenateBatches(batches, build_side()->schema()));
  batches.clear();
  const int64_t n = build->rows->num_rows();
  if (spec_.build_keys->num_expressions() > 0) {
    SPK_ASSIGN_OR_RAISE(auto keys, spec_.build_keys->EvaluateAll(*build->rows));
    for (size_t k = 0; k < keys.size(); ++k) {
      // Both sides must encode alike: give build keys the probe keys' Arrow types.
      SPK_ASSIGN_OR_RAISE(keys[k], ConformArray(keys[k], spec_.probe_keys->arrow_type(k), n));
    }
    EncodedRows encoded;
    SPK_RETURN_NOT_OK(EncodeRowKeys(keys, {}, n, &encoded));
    build->next_row.assign(n, -1);
    // Backwards, so that every chain lists its rows in input order.
    for (int64_t r = n - 1; r >= 0; --r) {
      bool unmatchable = false;
      for (size_t k = 0; k < keys.size() && !unmatchable; ++k) {
        unmatchable = !spec_.null_safe[k] && keys[k]->IsNull(r);
      }
      if (unmatchable) continue;
      bool inserted = false;
      uint32_t id = build->table.FindOrInsert(encoded.row(r), &inserted);
      if (inserted) build->first_row.push_back(-1);
      build->next_row[r] = build->first_row[id];
      build->first_row[id] = r;
    }
  }
  build_ = std::move(build);
  return Status::OK();
}

Result<BatchStreamPtr> JoinOperator::OpenPartition(int partition, ExecutionContext* context) {
  BatchStreamPtr probe;
  if (spec_.type == JoinType::kFullOuter) {
    SPK_ASSIGN_OR_RAISE(probe, GatherPartitions(probe_side(), context));
  } else {
    SPK_ASSIGN_OR_RAISE(probe, probe_side()->OpenPartition(partition, context));
  }
  arrow::FieldVector fields = children_[0]->schema()->fields();
  const auto& right_fields = children_[1]->schema()->fields();
  fields.insert(fields.end(), right_fields.begin(), right_fields.end());
  return BatchStreamPtr(
      std::make_unique<JoinStream>(std::static_pointer_cast<JoinOperator>(shared_from_this()),
                                   std::move(probe), context, arrow::schema(std::move(fields))));
}

}  // namespace sparkling
