#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/cancellation.h"
#include "common/status.h"
#include "execution/executor.h"

namespace spark::connect {
class ExecutePlanResponse;
}

namespace sparkling::connect {

using ResponsePtr = std::shared_ptr<const spark::connect::ExecutePlanResponse>;

/// Memory bounds of one operation's response buffer.
struct ResponseBufferLimits {
  /// The producer waits while this many bytes are produced but not yet sent (backpressure
  /// against a slow or detached client).
  size_t max_unsent_bytes = 64 * 1024 * 1024;
  /// Responses already sent stay for a reattach until the client releases them, up to this
  /// many bytes (spark.connect.execute.reattachable.observerRetryBufferSize).
  size_t max_sent_retained_bytes = 16 * 1024 * 1024;
};

/// One ExecutePlan operation: its identity and tags, the cancellation token its execution
/// polls, and the buffer of responses a (re)attached client stream reads. The execution
/// pushes responses from its own thread; the gRPC stream that is attached sends them; a
/// dropped stream can resume from the last response it saw (ReattachExecute) until the client
/// releases responses (ReleaseExecute). Thread-safe.
class ExecuteOperation {
 public:
  using Clock = std::chrono::steady_clock;

  ExecuteOperation(std::string session_id, std::string server_side_session_id,
                   std::string operation_id, std::vector<std::string> tags, bool reattachable,
                   ResponseBufferLimits limits = {});
  ~ExecuteOperation();

  const std::string& session_id() const { return session_id_; }
  const std::string& operation_id() const { return operation_id_; }
  const std::vector<std::string>& tags() const { return tags_; }
  bool reattachable() const { return reattachable_; }
  const CancellationTokenPtr& cancellation() const { return cancellation_; }

  // --- Producer side (the execution thread) ---

  /// Stamps the response with the session ids, the operation id and a fresh response id, and
  /// buffers it. Waits while the client lags `max_unsent_bytes` behind; OPERATION_CANCELED
  /// when the operation is cancelled (the execution should stop).
  Status Push(spark::connect::ExecutePlanResponse response);
  /// The execution ended: OK after its last response (result_complete), or the error the
  /// client stream ends with. Later calls are ignored.
  void Finish(Status status);

  /// Latest progress of the execution (from executor threads), reported in
  /// execution_progress responses.
  void RecordProgress(const ExecutionProgress& progress);

  // --- Consumer side (the gRPC stream of ExecutePlan / ReattachExecute) ---

  /// Where an attached stream reads next. A newer attachment supersedes older ones.
  struct Cursor {
    int64_t next_index = 0;
    uint64_t attachment = 0;
  };
  /// Attaches a stream that continues after `last_response_id` (from the first response when
  /// absent). INVALID_CURSOR.POSITION_NOT_FOUND for an unknown id,
  /// INVALID_CURSOR.POSITION_NOT_AVAILABLE when the next response was already released.
  Result<Cursor> Attach(const std::optional<std::string>& last_response_id);

  enum class Poll {
    kResponse,    // `*response` is the next response to send
    kIdle,        // nothing new within the wait
    kFinished,    // all responses sent; `*final_status` says how the stream ends
    kSuperseded,  // a newer stream attached; end this one quietly
  };
  /// Waits up to `wait` for the response at the cursor and advances it. While the execution
  /// runs without producing anything for `progress_interval`, an execution_progress response
  /// is produced so that the client sees the operation alive.
  Poll Next(Cursor* cursor, std::chrono::milliseconds wait, ResponsePtr* response,
            Status* final_status);
  /// The stream using `cursor` went away (client disconnected, or it finished).
  void Detach(const Cursor& cursor);

  // --- Client acknowledgements and control ---

  /// ReleaseExecute(release_until): responses up to and including `response_id` are no longer
  /// needed for a reattach. Unknown ids are ignored.
  void ReleaseUntil(const std::string& response_id);
  /// Cancels the execution. True when it was still running (so the interrupt took effect).
  bool Cancel();

  bool finished() const;
  bool attached() const;
  /// When the last stream detached (or when the operation started, if none ever attached).
  Clock::time_point detached_since() const;
  void set_progress_interval(std::chrono::milliseconds interval) { progress_interval_ = interval; }

  /// Buffered responses and their bytes, for tests and diagnostics.
  size_t buffered_responses() const;
  size_t buffered_bytes() const;

 private:
  struct Entry {
    int64_t index;
    std::string response_id;
    ResponsePtr response;
    size_t bytes;
  };

  // Helpers expecting `mutex_` held.
  void StampAndBufferLocked(spark::connect::ExecutePlanResponse&& response);
  size_t UnsentBytesLocked() const;
  void TrimSentLocked();
  void DropFrontLocked();

  const std::string session_id_;
  const std::string server_side_session_id_;
  const std::string operation_id_;
  const std::vector<std::string> tags_;
  const bool reattachable_;
  const ResponseBufferLimits limits_;
  const CancellationTokenPtr cancellation_ = std::make_shared<CancellationToken>();
  std::chrono::milliseconds progress_interval_{1000};

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Entry> buffer_;  // indexes first_index_ .. next_index_-1
  int64_t first_index_ = 0;
  int64_t next_index_ = 0;
  size_t buffered_bytes_ = 0;
  // Every response id the operation produced → its index, so a reattach after an already
  // released response still finds its position.
  std::unordered_map<std::string, int64_t> index_by_id_;
  int64_t sent_index_ = 0;   // responses below this were handed to a stream
  int64_t read_index_ = 0;   // where the attached stream reads next
  uint64_t attachment_ = 0;  // id of the attached stream; 0 when none
  uint64_t attachments_made_ = 0;
  Clock::time_point detached_since_ = Clock::now();
  Clock::time_point last_push_ = Clock::now();
  bool finished_ = false;
  Status final_status_;

  mutable std::mutex progress_mutex_;  // separate: executor threads must never wait on mutex_
  std::optional<ExecutionProgress> progress_;
};

using ExecuteOperationPtr = std::shared_ptr<ExecuteOperation>;

}  // namespace sparkling::connect
