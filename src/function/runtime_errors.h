#pragma once

// Internal to src/function: the runtime errors kernels raise, with Spark's parameters.

#include <string>

#include "common/status.h"

namespace sparkling {

/// The ANSI config name as Spark quotes it in error parameters.
inline constexpr const char* kAnsiConfig = "\"spark.sql.ansi.enabled\"";

/// ARITHMETIC_OVERFLOW: message "integer overflow"/"long overflow"; `try_function` names the
/// try_ variant suggested in the message ("try_add"), empty for none.
Status ArithmeticOverflow(const std::string& message, const std::string& try_function);
Status DivideByZero();
Status RemainderByZero();
/// NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION for a decimal that does not fit.
Status DecimalOutOfRange(const std::string& value, int precision, int scale);

}  // namespace sparkling
