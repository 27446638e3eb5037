#include "execution/executor.h"

#include <arrow/api.h>
#include <arrow/compute/initialize.h>

#include <mutex>

#include "execution/execution_context.h"
#include "execution/gather_stream.h"
#include "execution/physical_planner.h"
#include "types/array_conformance.h"

namespace sparkling {
namespace {

Status InitializeComputeOnce() {
  static const arrow::Status status = arrow::compute::Initialize();
  SPK_RETURN_NOT_OK_ARROW(status);
  return Status::OK();
}

// Prepares the physical plan on the first Next, then reads its partitions in order and
// re-slices batches to the requested size.
class QueryResultStream : public ResultStream {
 public:
  QueryResultStream(std::shared_ptr<ExecutionContext> context, PhysicalOperatorPtr root,
                    std::shared_ptr<arrow::Schema> schema)
      : context_(std::move(context)), root_(std::move(root)), schema_(std::move(schema)) {}

  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    if (!error_.ok()) return error_;
    auto result = NextBatch();
    if (!result.ok()) {
      error_ = result.status();
      input_.reset();
    }
    return result;
  }

 private:
  Result<std::shared_ptr<arrow::RecordBatch>> NextBatch() {
    SPK_RETURN_NOT_OK(context_->CheckCancelled());
    if (input_ == nullptr) {
      if (finished_) return std::shared_ptr<arrow::RecordBatch>();
      SPK_RETURN_NOT_OK(root_->Prepare(context_.get()));
      SPK_ASSIGN_OR_RAISE(input_, GatherPartitions(root_, context_.get()));
    }
    const int64_t max_rows = context_->options().max_records_per_batch;
    while (pending_ == nullptr || offset_ >= pending_->num_rows()) {
      SPK_ASSIGN_OR_RAISE(pending_, input_->Next());
      offset_ = 0;
      if (pending_ == nullptr) {
        finished_ = true;
        input_.reset();
        return std::shared_ptr<arrow::RecordBatch>();
      }
    }
    std::shared_ptr<arrow::RecordBatch> batch = pending_;
    if (offset_ > 0 || pending_->num_rows() - offset_ > max_rows) {
      batch = pending_->Slice(offset_, std::min(max_rows, pending_->num_rows() - offset_));
    }
    offset_ += batch->num_rows();
    return ConformBatch(batch, schema_);
  }

  std::shared_ptr<ExecutionContext> context_;
  PhysicalOperatorPtr root_;
  std::shared_ptr<arrow::Schema> schema_;
  BatchStreamPtr input_;
  std::shared_ptr<arrow::RecordBatch> pending_;
  int64_t offset_ = 0;
  bool finished_ = false;
  Status error_;
};

}  // namespace

Result<std::unique_ptr<ResultStream>> Execute(const PlanPtr& plan,
                                              const ExecutionOptions& options) {
  if (plan == nullptr) return Status::Internal("no plan to execute");
  SPK_RETURN_NOT_OK(InitializeComputeOnce());
  auto context = std::make_shared<ExecutionContext>(options, &TaskScheduler::Default());
  SPK_ASSIGN_OR_RAISE(auto root, CreatePhysicalPlan(plan, context.get()));
  auto schema = OutputArrowSchema(plan->output, context->time_zone());
  return std::unique_ptr<ResultStream>(
      std::make_unique<QueryResultStream>(std::move(context), std::move(root), std::move(schema)));
}

Result<std::shared_ptr<arrow::Table>> ExecuteToTable(const PlanPtr& plan,
                                                     const ExecutionOptions& options) {
  SPK_ASSIGN_OR_RAISE(auto stream, Execute(plan, options));
  std::vector<std::shared_ptr<arrow::RecordBatch>> batches;
  while (true) {
    SPK_ASSIGN_OR_RAISE(auto batch, stream->Next());
    if (batch == nullptr) break;
    batches.push_back(std::move(batch));
  }
  SPK_ASSIGN_OR_RAISE_ARROW(auto table, arrow::Table::FromRecordBatches(stream->schema(), batches));
  return table;
}

}  // namespace sparkling
