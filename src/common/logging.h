#pragma once

#include <fmt/format.h>

#include <string_view>

namespace sparkling {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

/// Process-wide log settings. Lines look like Spark's console log:
/// "25/11/25 03:14:26 INFO SparkConnectServer: message", coloured when stderr is a terminal.
void SetLogLevel(LogLevel level);
LogLevel CurrentLogLevel();
/// Parses "debug|info|warn|error" (case-insensitive); false if unknown.
bool ParseLogLevel(std::string_view text, LogLevel* level);

void WriteLogLine(LogLevel level, std::string_view component, std::string_view message);

template <typename... Args>
void Log(LogLevel level, std::string_view component, fmt::format_string<Args...> format,
         Args&&... args) {
  if (level < CurrentLogLevel()) return;
  WriteLogLine(level, component, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace sparkling

#define SPK_LOG_DEBUG(component, ...) \
  ::sparkling::Log(::sparkling::LogLevel::kDebug, component, __VA_ARGS__)
#define SPK_LOG_INFO(component, ...) \
  ::sparkling::Log(::sparkling::LogLevel::kInfo, component, __VA_ARGS__)
#define SPK_LOG_WARN(component, ...) \
  ::sparkling::Log(::sparkling::LogLevel::kWarn, component, __VA_ARGS__)
#define SPK_LOG_ERROR(component, ...) \
  ::sparkling::Log(::sparkling::LogLevel::kError, component, __VA_ARGS__)
