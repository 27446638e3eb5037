#include "connect/config_handler.h"

#include <spark/connect/base.pb.h>

#include <mutex>

#include "connect/translation_errors.h"

namespace sparkling::connect {
namespace {

using spark::connect::ConfigRequest;
using spark::connect::KeyValue;

void AddPair(const std::string& key, const std::optional<std::string>& value,
             spark::connect::ConfigResponse* response) {
  KeyValue* pair = response->add_pairs();
  pair->set_key(key);
  if (value) pair->set_value(*value);
}

}  // namespace

Status HandleConfig(Session& session, const ConfigRequest& request,
                    spark::connect::ConfigResponse* response) {
  std::lock_guard lock(session.mutex());
  SqlConf& conf = session.conf();
  const auto& operation = request.operation();
  switch (operation.op_type_case()) {
    case ConfigRequest::Operation::kSet: {
      const auto& set = operation.set();
      // Builder options arrive as one silent set: keys the session cannot change (static or
      // invalid ones) are skipped instead of failing session creation.
      bool silent = set.has_silent() && set.silent();
      for (const auto& pair : set.pairs()) {
        Status status = conf.Set(pair.key(), pair.value());
        if (!status.ok() && !silent) return status;
      }
      return Status::OK();
    }
    case ConfigRequest::Operation::kGet: {
      for (const auto& key : operation.get().keys()) {
        SPK_ASSIGN_OR_RAISE(std::optional<std::string> value, conf.Get(key));
        AddPair(key, value, response);
      }
      return Status::OK();
    }
    case ConfigRequest::Operation::kGetWithDefault: {
      for (const auto& pair : operation.get_with_default().pairs()) {
        if (pair.has_value()) {
          AddPair(pair.key(), conf.GetOrDefault(pair.key(), pair.value()), response);
        } else {
          AddPair(pair.key(), conf.GetOption(pair.key()), response);
        }
      }
      return Status::OK();
    }
    case ConfigRequest::Operation::kGetOption: {
      for (const auto& key : operation.get_option().keys()) {
        AddPair(key, conf.GetOption(key), response);
      }
      return Status::OK();
    }
    case ConfigRequest::Operation::kGetAll: {
      const auto& get_all = operation.get_all();
      for (const auto& [key, value] : conf.GetAll(get_all.has_prefix() ? get_all.prefix() : "")) {
        AddPair(key, value, response);
      }
      return Status::OK();
    }
    case ConfigRequest::Operation::kUnset: {
      for (const auto& key : operation.unset().keys()) conf.Unset(key);
      return Status::OK();
    }
    case ConfigRequest::Operation::kIsModifiable: {
      for (const auto& key : operation.is_modifiable().keys()) {
        AddPair(key, conf.IsModifiable(key) ? "true" : "false", response);
      }
      return Status::OK();
    }
    case ConfigRequest::Operation::OP_TYPE_NOT_SET:
      break;
  }
  return InvalidPlanInput("Config request without an operation");
}

}  // namespace sparkling::connect
