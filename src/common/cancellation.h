#pragma once

#include <atomic>
#include <memory>

#include "common/status.h"

namespace sparkling {

/// Set by Interrupt (or a dropped client) and polled by running operators between batches.
class CancellationToken {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_release); }
  bool IsCancelled() const { return cancelled_.load(std::memory_order_acquire); }
  /// OPERATION_CANCELED when cancelled, OK otherwise.
  Status Check() const { return IsCancelled() ? Status::Cancelled() : Status::OK(); }

 private:
  std::atomic<bool> cancelled_{false};
};

using CancellationTokenPtr = std::shared_ptr<CancellationToken>;

}  // namespace sparkling
