#include "connect/translation_errors.h"

namespace sparkling::connect {

Status InvalidPlanInput(std::string message) {
  SparkError error;
  error.kind = ErrorKind::kInvalidPlanInput;
  error.sql_state = "XX000";
  error.message = std::move(message);
  return Status(std::move(error));
}

Status UnsupportedConnectFeature(const std::string& what) {
  return Status::Error("UNSUPPORTED_CONNECT_FEATURE", {{"feature", what}});
}

}  // namespace sparkling::connect
