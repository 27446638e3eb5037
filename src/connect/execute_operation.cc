#include "connect/execute_operation.h"

#include <spark/connect/base.pb.h>

#include <algorithm>

#include "main/session.h"

namespace sparkling::connect {

ExecuteOperation::ExecuteOperation(std::string session_id, std::string server_side_session_id,
                                   std::string operation_id, std::vector<std::string> tags,
                                   bool reattachable, ResponseBufferLimits limits)
    : session_id_(std::move(session_id)),
      server_side_session_id_(std::move(server_side_session_id)),
      operation_id_(std::move(operation_id)),
      tags_(std::move(tags)),
      reattachable_(reattachable),
      limits_(limits) {}

ExecuteOperation::~ExecuteOperation() = default;

void ExecuteOperation::StampAndBufferLocked(spark::connect::ExecutePlanResponse&& response) {
  std::string response_id = NewUuid();
  response.set_session_id(session_id_);
  response.set_server_side_session_id(server_side_session_id_);
  response.set_operation_id(operation_id_);
  response.set_response_id(response_id);
  size_t bytes = response.ByteSizeLong();
  index_by_id_.emplace(response_id, next_index_);
  buffer_.push_back(Entry{
      next_index_, std::move(response_id),
      std::make_shared<const spark::connect::ExecutePlanResponse>(std::move(response)), bytes});
  buffered_bytes_ += bytes;
  ++next_index_;
  last_push_ = Clock::now();
  changed_.notify_all();
}

size_t ExecuteOperation::UnsentBytesLocked() const {
  size_t unsent = 0;
  for (auto it = buffer_.rbegin(); it != buffer_.rend() && it->index >= sent_index_; ++it) {
    unsent += it->bytes;
  }
  return unsent;
}

void ExecuteOperation::DropFrontLocked() {
  buffered_bytes_ -= buffer_.front().bytes;
  buffer_.pop_front();
  ++first_index_;
}

void ExecuteOperation::TrimSentLocked() {
  // Without reattach nobody reads a sent response again; otherwise keep a bounded tail.
  size_t budget = reattachable_ ? limits_.max_sent_retained_bytes : 0;
  // Never drop what the attached stream still has to (re)read after a reattach.
  int64_t droppable_below = std::min(sent_index_, read_index_);
  size_t sent_bytes = 0;
  for (const auto& entry : buffer_) {
    if (entry.index >= droppable_below) break;
    sent_bytes += entry.bytes;
  }
  while (!buffer_.empty() && buffer_.front().index < droppable_below && sent_bytes > budget) {
    sent_bytes -= buffer_.front().bytes;
    DropFrontLocked();
  }
}

Status ExecuteOperation::Push(spark::connect::ExecutePlanResponse response) {
  std::unique_lock lock(mutex_);
  // Backpressure: a single response larger than the budget still goes through once the
  // client has caught up with everything before it.
  changed_.wait(lock, [&] {
    return cancellation_->IsCancelled() || finished_ || UnsentBytesLocked() == 0 ||
           UnsentBytesLocked() < limits_.max_unsent_bytes;
  });
  if (cancellation_->IsCancelled()) return Status::Cancelled();
  if (finished_) return Status::Internal("response pushed after the operation finished");
  StampAndBufferLocked(std::move(response));
  return Status::OK();
}

void ExecuteOperation::Finish(Status status) {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  final_status_ = std::move(status);
  changed_.notify_all();
}

void ExecuteOperation::RecordProgress(const ExecutionProgress& progress) {
  std::lock_guard lock(progress_mutex_);
  progress_ = progress;
}

Result<ExecuteOperation::Cursor> ExecuteOperation::Attach(
    const std::optional<std::string>& last_response_id) {
  std::lock_guard lock(mutex_);
  int64_t next = 0;
  if (last_response_id) {
    auto it = index_by_id_.find(*last_response_id);
    if (it == index_by_id_.end()) {
      return Status::Error("INVALID_CURSOR.POSITION_NOT_FOUND",
                           {{"responseId", *last_response_id}});
    }
    next = it->second + 1;
  }
  if (next < first_index_) {
    return Status::Error(
        "INVALID_CURSOR.POSITION_NOT_AVAILABLE",
        {{"responseId", last_response_id.value_or("")}, {"index", std::to_string(next)}});
  }
  Cursor cursor;
  cursor.next_index = next;
  cursor.attachment = ++attachments_made_;
  read_index_ = next;
  attachment_ = cursor.attachment;
  changed_.notify_all();  // wakes a superseded stream
  return cursor;
}

ExecuteOperation::Poll ExecuteOperation::Next(Cursor* cursor, std::chrono::milliseconds wait,
                                              ResponsePtr* response, Status* final_status) {
  std::unique_lock lock(mutex_);
  auto ready = [&] {
    return attachment_ != cursor->attachment || cursor->next_index < next_index_ || finished_;
  };
  changed_.wait_for(lock, wait, ready);
  if (attachment_ != cursor->attachment) return Poll::kSuperseded;

  if (cursor->next_index < next_index_) {
    if (cursor->next_index < first_index_) {
      // Released or trimmed under this stream's feet: only a misbehaving client gets here.
      *final_status =
          Status::Error("INVALID_CURSOR.POSITION_NOT_AVAILABLE",
                        {{"responseId", ""}, {"index", std::to_string(cursor->next_index)}});
      return Poll::kFinished;
    }
    const Entry& entry = buffer_[static_cast<size_t>(cursor->next_index - first_index_)];
    *response = entry.response;
    ++cursor->next_index;
    read_index_ = cursor->next_index;
    if (cursor->next_index > sent_index_) sent_index_ = cursor->next_index;
    TrimSentLocked();
    changed_.notify_all();  // the producer may be waiting for room
    return Poll::kResponse;
  }
  if (finished_) {
    *final_status = final_status_;
    return Poll::kFinished;
  }
  // Still running and silent: tell the client the operation is alive.
  if (Clock::now() - last_push_ >= progress_interval_) {
    spark::connect::ExecutePlanResponse progress;
    auto* info = progress.mutable_execution_progress();
    std::optional<ExecutionProgress> latest;
    {
      std::lock_guard progress_lock(progress_mutex_);
      latest = progress_;
    }
    if (latest) {
      for (const auto& stage : latest->stages) {
        auto* out = info->add_stages();
        out->set_stage_id(stage.stage_id);
        out->set_num_tasks(stage.num_tasks);
        out->set_num_completed_tasks(stage.num_completed_tasks);
        out->set_input_bytes_read(stage.input_bytes_read);
        out->set_done(stage.done);
      }
      info->set_num_inflight_tasks(latest->num_inflight_tasks);
    } else {
      // Nothing reported yet: one stage that has not started.
      auto* stage = info->add_stages();
      stage->set_num_tasks(1);
      info->set_num_inflight_tasks(1);
    }
    StampAndBufferLocked(std::move(progress));
    *response = buffer_.back().response;
    cursor->next_index = next_index_;
    read_index_ = next_index_;
    sent_index_ = std::max(sent_index_, next_index_);
    TrimSentLocked();
    return Poll::kResponse;
  }
  return Poll::kIdle;
}

void ExecuteOperation::Detach(const Cursor& cursor) {
  std::lock_guard lock(mutex_);
  if (attachment_ != cursor.attachment) return;
  attachment_ = 0;
  detached_since_ = Clock::now();
  changed_.notify_all();
}

void ExecuteOperation::ReleaseUntil(const std::string& response_id) {
  std::lock_guard lock(mutex_);
  auto it = index_by_id_.find(response_id);
  if (it == index_by_id_.end()) return;
  int64_t last = it->second;
  while (!buffer_.empty() && buffer_.front().index <= last) DropFrontLocked();
  if (sent_index_ < first_index_) sent_index_ = first_index_;
  changed_.notify_all();
}

bool ExecuteOperation::Cancel() {
  std::lock_guard lock(mutex_);
  bool was_running = !finished_ && !cancellation_->IsCancelled();
  cancellation_->Cancel();
  changed_.notify_all();
  return was_running;
}

bool ExecuteOperation::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

bool ExecuteOperation::attached() const {
  std::lock_guard lock(mutex_);
  return attachment_ != 0;
}

ExecuteOperation::Clock::time_point ExecuteOperation::detached_since() const {
  std::lock_guard lock(mutex_);
  return detached_since_;
}

size_t ExecuteOperation::buffered_responses() const {
  std::lock_guard lock(mutex_);
  return buffer_.size();
}

size_t ExecuteOperation::buffered_bytes() const {
  std::lock_guard lock(mutex_);
  return buffered_bytes_;
}

}  // namespace sparkling::connect
