#pragma once

#include <string>

#include "common/status.h"

namespace sparkling {

/// A Spark error condition: SQLSTATE, the exception it surfaces as, and the message template
/// whose <param> placeholders are filled from the error's parameters.
struct ErrorClassInfo {
  const char* name;
  const char* sql_state;
  ErrorKind kind;
  const char* message_template;
};

/// Looks up an error condition by its full name ("UNRESOLVED_COLUMN.WITH_SUGGESTION");
/// nullptr when unknown.
const ErrorClassInfo* FindErrorClass(const std::string& name);

/// JVM class names, most specific first, for the Connect ErrorInfo "classes" metadata.
const std::vector<std::string>& JvmClassHierarchy(ErrorKind kind);

}  // namespace sparkling
