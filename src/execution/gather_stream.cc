#include "execution/gather_stream.h"

#include <arrow/record_batch.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "execution/execution_context.h"

namespace sparkling {
namespace {

// Batches buffered per running partition before its producer pauses.
constexpr size_t kPartitionBufferBatches = 4;

struct PartitionSlot {
  BatchStreamPtr stream;
  std::deque<std::shared_ptr<arrow::RecordBatch>> buffer;
  bool started = false;
  bool step_queued = false;   // a pool task will run the next step
  bool step_running = false;  // some thread is inside stream->Next()
  bool done = false;
  bool reported = false;  // its task's end went to the progress tracker
};

// Shared between the reader and pool tasks; pool tasks keep it (and the context) alive.
struct GatherState : std::enable_shared_from_this<GatherState> {
  PhysicalOperatorPtr input;
  ExecutionContext* context = nullptr;
  std::shared_ptr<ExecutionContext> context_owner;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<PartitionSlot> slots;
  int next_to_start = 0;
  bool stopped = false;
  Status error;
  int64_t stage_id = 0;
  bool stage_reported = false;

  // Starts partitions so that `parallelism` of them, from `reading` on, are active.
  // mutex held.
  void StartWindow(int reading) {
    int window_end =
        std::min<int>(static_cast<int>(slots.size()), reading + context->parallelism());
    while (next_to_start < window_end) {
      PartitionSlot& slot = slots[next_to_start];
      slot.started = true;
      context->progress().TaskStarted(stage_id);
      QueueStep(next_to_start);
      ++next_to_start;
    }
  }

  // mutex held.
  void QueueStep(int partition) {
    slots[partition].step_queued = true;
    auto self = shared_from_this();
    context->scheduler().Submit([self, partition] { self->RunQueuedStep(partition); });
  }

  void RunQueuedStep(int partition) {
    std::unique_lock<std::mutex> lock(mutex);
    PartitionSlot& slot = slots[partition];
    if (!slot.step_queued) return;  // the reader ran it already
    slot.step_queued = false;
    RunStep(partition, lock);
  }

  // Pulls one batch of `partition`; lock held on entry and exit, released while working.
  void RunStep(int partition, std::unique_lock<std::mutex>& lock) {
    PartitionSlot& slot = slots[partition];
    if (stopped || slot.done) {
      changed.notify_all();
      return;
    }
    slot.step_running = true;
    lock.unlock();
    Result<std::shared_ptr<arrow::RecordBatch>> batch = Status::OK();
    Status status = context->CheckCancelled();
    if (status.ok() && slot.stream == nullptr) {
      auto opened = input->OpenPartition(partition, context);
      if (opened.ok()) {
        slot.stream = std::move(opened).ValueOrDie();
      } else {
        status = opened.status();
      }
    }
    if (status.ok()) batch = slot.stream->Next();
    lock.lock();
    slot.step_running = false;
    if (status.ok() && !batch.ok()) status = batch.status();
    if (!status.ok()) {
      if (error.ok()) error = status;
      stopped = true;
    } else if (*batch == nullptr) {
      slot.done = true;
      slot.stream.reset();  // release operator state early
      ReportFinished(&slot);
    } else {
      if ((*batch)->num_rows() > 0) slot.buffer.push_back(std::move(*batch));
      if (slot.buffer.size() < kPartitionBufferBatches && !stopped) QueueStep(partition);
    }
    changed.notify_all();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Next(int* reading) {
    std::unique_lock<std::mutex> lock(mutex);
    while (*reading < static_cast<int>(slots.size())) {
      StartWindow(*reading);
      if (!error.ok()) return error;
      PartitionSlot& slot = slots[*reading];
      if (!slot.buffer.empty()) {
        auto batch = std::move(slot.buffer.front());
        slot.buffer.pop_front();
        if (!slot.done && !slot.step_queued && !slot.step_running) QueueStep(*reading);
        return batch;
      }
      if (slot.done) {
        ++*reading;
        continue;
      }
      if (slot.step_queued) {
        slot.step_queued = false;
        RunStep(*reading, lock);
        continue;
      }
      if (!slot.step_running) {
        QueueStep(*reading);
        continue;
      }
      changed.wait(lock);
    }
    if (!error.ok()) return error;
    ReportStageDone();
    return std::shared_ptr<arrow::RecordBatch>();
  }

  // mutex held.
  void ReportStageDone() {
    if (stage_reported) return;
    stage_reported = true;
    context->progress().StageDone(stage_id);
  }

  // mutex held.
  void ReportFinished(PartitionSlot* slot) {
    if (slot->reported) return;
    slot->reported = true;
    context->progress().TaskFinished(stage_id, /*input_bytes=*/0);
  }

  void Stop() {
    std::lock_guard<std::mutex> lock(mutex);
    stopped = true;
    // Partitions cut short (LIMIT reached, reader gone) are no longer in flight.
    for (auto& slot : slots) {
      if (slot.started) ReportFinished(&slot);
    }
    ReportStageDone();
  }
};

class GatherStream : public BatchStream {
 public:
  explicit GatherStream(std::shared_ptr<GatherState> state) : state_(std::move(state)) {}
  ~GatherStream() override { state_->Stop(); }

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    if (finished_) return std::shared_ptr<arrow::RecordBatch>();
    auto batch = state_->Next(&reading_);
    if (batch.ok() && *batch == nullptr) finished_ = true;
    return batch;
  }

 private:
  std::shared_ptr<GatherState> state_;
  int reading_ = 0;
  bool finished_ = false;
};

}  // namespace

Result<BatchStreamPtr> GatherPartitions(const PhysicalOperatorPtr& input,
                                        ExecutionContext* context) {
  auto state = std::make_shared<GatherState>();
  state->input = input;
  state->context = context;
  state->context_owner = context->shared_from_this();
  state->slots.resize(input->num_partitions());
  state->stage_id = context->progress().AddStage(input->num_partitions());
  return BatchStreamPtr(std::make_unique<GatherStream>(std::move(state)));
}

}  // namespace sparkling
