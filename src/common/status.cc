#include "common/status.h"

#include <arrow/status.h>

#include "common/error_classes.h"

namespace sparkling {
namespace {

std::string Render(const char* message_template,
                   const std::vector<std::pair<std::string, std::string>>& parameters) {
  std::string out;
  for (const char* p = message_template; *p != '\0'; ++p) {
    if (*p == '<') {
      const char* end = p + 1;
      while (*end != '\0' && *end != '>' && *end != '<' && *end != ' ') ++end;
      if (*end == '>') {
        std::string name(p + 1, end);
        bool found = false;
        for (const auto& [key, value] : parameters) {
          if (key == name) {
            out += value;
            found = true;
            break;
          }
        }
        if (found) {
          p = end;
          continue;
        }
      }
    }
    out += *p;
  }
  return out;
}

}  // namespace

const std::string& Status::message() const {
  static const std::string kEmpty;
  return ok() ? kEmpty : error_->message;
}

std::string Status::ToString() const { return ok() ? "OK" : error_->message; }

Status Status::Error(const std::string& error_class,
                     std::vector<std::pair<std::string, std::string>> parameters) {
  SparkError error;
  error.error_class = error_class;
  const ErrorClassInfo* info = FindErrorClass(error_class);
  if (info == nullptr) {
    error.kind = ErrorKind::kInternal;
    error.sql_state = "XX000";
    error.message = "[" + error_class + "] unregistered error condition";
    for (const auto& [key, value] : parameters) error.message += " " + key + "=" + value;
  } else {
    error.kind = info->kind;
    error.sql_state = info->sql_state;
    // Legacy conditions (_LEGACY_ERROR_TEMP_*) print neither their name nor a SQLSTATE.
    // Legacy conditions and Iceberg's catalog errors print neither name nor SQLSTATE.
    const bool legacy =
        error_class.rfind("_LEGACY_ERROR", 0) == 0 || info->kind == ErrorKind::kIceberg;
    error.message =
        (legacy ? "" : "[" + error_class + "] ") + Render(info->message_template, parameters);
    if (!legacy) error.message += std::string(" SQLSTATE: ") + info->sql_state;
  }
  error.parameters = std::move(parameters);
  return Status(std::move(error));
}

Status Status::Internal(const std::string& detail) {
  return Error("INTERNAL_ERROR", {{"message", detail}});
}

Status Status::NotImplemented(const std::string& what) {
  return Error("UNSUPPORTED_FEATURE", {{"feature", what}});
}

Status Status::Cancelled() { return Error("OPERATION_CANCELED"); }

Status Status::WithContext(QueryContext context) && {
  if (!ok()) {
    auto& error = mutable_error();
    if (!error.context) {
      // A ParseException places the position itself, beside the SQL text (parser/).
      if (error.kind != ErrorKind::kParse) {
        error.message += "; line " + std::to_string(context.line) + " pos " +
                         std::to_string(context.start_position);
      }
      error.context = std::move(context);
    }
  }
  return std::move(*this);
}

Status FromArrow(const arrow::Status& status) {
  if (status.ok()) return Status::OK();
  if (status.IsCancelled()) return Status::Cancelled();
  return Status::Internal("Arrow: " + status.ToString());
}

}  // namespace sparkling
