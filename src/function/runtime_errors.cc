#include "function/runtime_errors.h"

namespace sparkling {

Status ArithmeticOverflow(const std::string& message, const std::string& try_function) {
  std::string alternative;
  if (!try_function.empty()) {
    alternative = " Use '" + try_function + "' to tolerate overflow and return NULL instead.";
  }
  return Status::Error(
      "ARITHMETIC_OVERFLOW",
      {{"message", message}, {"alternative", alternative}, {"config", kAnsiConfig}});
}

Status DivideByZero() { return Status::Error("DIVIDE_BY_ZERO", {{"config", kAnsiConfig}}); }

Status RemainderByZero() { return Status::Error("REMAINDER_BY_ZERO", {{"config", kAnsiConfig}}); }

Status DecimalOutOfRange(const std::string& value, int precision, int scale) {
  return Status::Error("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                       {{"value", value},
                        {"precision", std::to_string(precision)},
                        {"scale", std::to_string(scale)},
                        {"config", kAnsiConfig}});
}

}  // namespace sparkling
