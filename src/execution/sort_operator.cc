#include "execution/sort_operator.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include <algorithm>
#include <queue>

#include "execution/execution_context.h"

namespace sparkling {

struct SortOperator::SortedRun {
  std::shared_ptr<arrow::RecordBatch> rows;
  EncodedRows keys;
  std::vector<int64_t> order;  // row indices in sorted order
};

namespace {

Result<std::shared_ptr<arrow::Array>> IndexArray(const int64_t* begin, const int64_t* end) {
  arrow::Int64Builder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(begin, end - begin));
  std::shared_ptr<arrow::Array> array;
  SPK_RETURN_NOT_OK_ARROW(builder.Finish(&array));
  return array;
}

Result<std::shared_ptr<arrow::RecordBatch>> TakeRows(
    const std::shared_ptr<arrow::RecordBatch>& rows, const int64_t* begin, const int64_t* end) {
  SPK_ASSIGN_OR_RAISE(auto indices, IndexArray(begin, end));
  SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum taken, arrow::compute::Take(rows, indices));
  return taken.record_batch();
}

// Splits `num_rows` positions of `order` into `parts` contiguous ranges of batches.
Result<std::vector<BatchList>> TakeInPartitions(const std::shared_ptr<arrow::RecordBatch>& rows,
                                                const std::vector<int64_t>& order, int parts,
                                                int64_t batch_size, ExecutionContext* context) {
  std::vector<BatchList> output(parts);
  const auto total = static_cast<int64_t>(order.size());
  SPK_RETURN_NOT_OK(
      context->scheduler().ParallelFor(parts, context->parallelism(), [&](int p) -> Status {
        int64_t begin = total * p / parts;
        int64_t end = total * (p + 1) / parts;
        for (int64_t start = begin; start < end; start += batch_size) {
          SPK_RETURN_NOT_OK(context->CheckCancelled());
          int64_t stop = std::min(end, start + batch_size);
          SPK_ASSIGN_OR_RAISE(auto batch,
                              TakeRows(rows, order.data() + start, order.data() + stop));
          output[p].push_back(std::move(batch));
        }
        return Status::OK();
      }));
  return output;
}

}  // namespace

SortOperator::SortOperator(PhysicalOperatorPtr child, std::unique_ptr<ExpressionEvaluator> keys,
                           std::vector<KeyOrder> orders, bool global, int num_output_partitions,
                           int64_t limit)
    : PhysicalOperator(child->schema(), {child}),
      keys_(std::move(keys)),
      orders_(std::move(orders)),
      global_(global),
      limit_(global ? limit : -1),
      num_output_partitions_(std::max(1, num_output_partitions)) {}

SortOperator::~SortOperator() = default;

int SortOperator::num_partitions() const {
  return global_ ? num_output_partitions_ : child()->num_partitions();
}

Status SortOperator::MakeRun(const BatchList& batches, SortedRun* run) const {
  SPK_ASSIGN_OR_RAISE(run->rows, ConcatenateBatches(batches, schema_));
  SPK_ASSIGN_OR_RAISE(auto key_columns, keys_->EvaluateAll(*run->rows));
  const int64_t n = run->rows->num_rows();
  SPK_RETURN_NOT_OK(EncodeRowKeys(key_columns, orders_, n, &run->keys));
  run->order.resize(n);
  for (int64_t i = 0; i < n; ++i) run->order[i] = i;
  const EncodedRows& keys = run->keys;
  // The row index breaks ties, so equal keys keep their input order (a stable sort).
  auto before = [&keys](int64_t a, int64_t b) {
    int c = keys.row(a).compare(keys.row(b));
    return c < 0 || (c == 0 && a < b);
  };
  if (limit_ >= 0 && limit_ < n) {
    std::partial_sort(run->order.begin(), run->order.begin() + limit_, run->order.end(), before);
    run->order.resize(limit_);
  } else {
    std::sort(run->order.begin(), run->order.end(), before);
  }
  return Status::OK();
}

Status SortOperator::Prepare(ExecutionContext* context) {
  SPK_RETURN_NOT_OK(PhysicalOperator::Prepare(context));
  const int num_runs = child()->num_partitions();
  std::vector<BatchList> inputs(num_runs);
  std::vector<int64_t> input_rows(num_runs, 0);
  // With a limit (ORDER BY ... LIMIT n) a partition never holds much more than n rows:
  // whenever it grows past the threshold it is cut back to its first n.
  const int64_t compact_at = std::max<int64_t>(4 * limit_, 4 * context->batch_size());
  SPK_RETURN_NOT_OK(ConsumePartitionsInParallel(
      child(), context, [&](int p, const std::shared_ptr<arrow::RecordBatch>& batch) -> Status {
        inputs[p].push_back(batch);
        input_rows[p] += batch->num_rows();
        if (limit_ < 0 || input_rows[p] < compact_at) return Status::OK();
        SortedRun run;
        SPK_RETURN_NOT_OK(MakeRun(inputs[p], &run));
        SPK_ASSIGN_OR_RAISE(
            auto top, TakeRows(run.rows, run.order.data(), run.order.data() + run.order.size()));
        inputs[p] = {top};
        input_rows[p] = top->num_rows();
        return Status::OK();
      }));
  std::vector<SortedRun> runs(num_runs);
  SPK_RETURN_NOT_OK(
      context->scheduler().ParallelFor(num_runs, context->parallelism(), [&](int r) -> Status {
        SPK_RETURN_NOT_OK(MakeRun(inputs[r], &runs[r]));
        inputs[r].clear();
        return Status::OK();
      }));
  SPK_RETURN_NOT_OK(context->CheckCancelled());

  if (!global_) {
    output_.resize(num_runs);
    return context->scheduler().ParallelFor(num_runs, context->parallelism(), [&](int r) -> Status {
      SPK_ASSIGN_OR_RAISE(auto parts, TakeInPartitions(runs[r].rows, runs[r].order, 1,
                                                       context->batch_size(), context));
      output_[r] = std::move(parts[0]);
      return Status::OK();
    });
  }

  // Merge the runs: positions index the concatenation of all runs' rows.
  BatchList all_rows;
  std::vector<int64_t> run_base(num_runs, 0);
  int64_t total = 0;
  for (int r = 0; r < num_runs; ++r) {
    run_base[r] = total;
    total += runs[r].rows->num_rows();
    if (runs[r].rows->num_rows() > 0) all_rows.push_back(runs[r].rows);
  }
  std::vector<int64_t> merged;
  const auto wanted = limit_ >= 0 ? std::min<int64_t>(limit_, total) : total;
  merged.reserve(wanted);
  std::vector<int> nonempty;
  for (int r = 0; r < num_runs; ++r) {
    if (!runs[r].order.empty()) nonempty.push_back(r);
  }
  auto key_at = [&runs](int r, int64_t position) {
    return runs[r].keys.row(runs[r].order[position]);
  };
  if (nonempty.size() == 1) {
    const int r = nonempty[0];
    for (int64_t position = 0; position < wanted; ++position) {
      merged.push_back(run_base[r] + runs[r].order[position]);
    }
  } else if (nonempty.size() == 2) {
    // Two runs (the common case on two cores): a plain two-way merge.
    const int a = nonempty[0], b = nonempty[1];
    const auto size_a = static_cast<int64_t>(runs[a].order.size());
    const auto size_b = static_cast<int64_t>(runs[b].order.size());
    int64_t i = 0, j = 0;
    while (static_cast<int64_t>(merged.size()) < wanted) {
      // Equal keys keep partition order: take from the earlier run first.
      if (j >= size_b || (i < size_a && key_at(b, j) >= key_at(a, i))) {
        merged.push_back(run_base[a] + runs[a].order[i++]);
      } else {
        merged.push_back(run_base[b] + runs[b].order[j++]);
      }
    }
  } else {
    using Cursor = std::pair<int, int64_t>;  // run, position in its order
    auto later = [&key_at](const Cursor& x, const Cursor& y) {
      int c = key_at(x.first, x.second).compare(key_at(y.first, y.second));
      if (c != 0) return c > 0;
      return x.first > y.first;  // equal keys keep partition order
    };
    std::priority_queue<Cursor, std::vector<Cursor>, decltype(later)> heap(later);
    for (int r : nonempty) heap.push({r, 0});
    while (!heap.empty() && static_cast<int64_t>(merged.size()) < wanted) {
      auto [r, position] = heap.top();
      heap.pop();
      merged.push_back(run_base[r] + runs[r].order[position]);
      if (position + 1 < static_cast<int64_t>(runs[r].order.size())) heap.push({r, position + 1});
    }
  }
  for (auto& run : runs) run.keys = EncodedRows();
  SPK_ASSIGN_OR_RAISE(auto rows, ConcatenateBatches(all_rows, schema_));
  runs.clear();
  SPK_ASSIGN_OR_RAISE(output_, TakeInPartitions(rows, merged, num_output_partitions_,
                                                context->batch_size(), context));
  return Status::OK();
}

Result<BatchStreamPtr> SortOperator::OpenPartition(int partition, ExecutionContext* context) {
  return MakeBatchListStream(std::move(output_.at(partition)), shared_from_this());
}

}  // namespace sparkling
