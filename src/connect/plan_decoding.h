#pragma once

#include <cstddef>
#include <memory>

#include "common/status.h"

namespace google::protobuf {
class Message;
}
namespace spark::connect {
class Command;
class Plan;
class Relation;
}  // namespace spark::connect

namespace sparkling::connect {

/// The operation a Plan carries, decompressed when the client sent it compressed.
/// Exactly one of `relation` and `command` is set.
struct DecodedPlan {
  std::shared_ptr<const spark::connect::Relation> relation;
  std::shared_ptr<const spark::connect::Command> command;
};

/// Unpacks `plan` (root, command or zstd-compressed operation). Fails with
/// CONNECT_INVALID_PLAN.CANNOT_PARSE for corrupt or unparsable compressed data,
/// CONNECT_INVALID_PLAN.PLAN_SIZE_LARGER_THAN_MAX when it decompresses beyond `max_plan_bytes`,
/// and with an InvalidPlanInput error for an empty plan or fields this server does not know.
Result<DecodedPlan> DecodePlan(const spark::connect::Plan& plan, size_t max_plan_bytes);

/// InvalidPlanInput naming the first field (anywhere in the message tree) that is not part of
/// the protocol version this server implements, e.g. sent by a newer client.
Status CheckKnownFields(const google::protobuf::Message& message);

}  // namespace sparkling::connect
