#include "common/logging.h"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace sparkling {
namespace {

std::atomic<LogLevel> g_level{LogLevel::kInfo};
std::mutex g_write_mutex;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarn:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

const char* LevelColour(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "\033[2m";
    case LogLevel::kInfo:
      return "\033[32m";
    case LogLevel::kWarn:
      return "\033[33m";
    case LogLevel::kError:
      return "\033[31m";
  }
  return "";
}

}  // namespace

void SetLogLevel(LogLevel level) { g_level.store(level); }
LogLevel CurrentLogLevel() { return g_level.load(std::memory_order_relaxed); }

bool ParseLogLevel(std::string_view text, LogLevel* level) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "debug")
    *level = LogLevel::kDebug;
  else if (lower == "info")
    *level = LogLevel::kInfo;
  else if (lower == "warn" || lower == "warning")
    *level = LogLevel::kWarn;
  else if (lower == "error")
    *level = LogLevel::kError;
  else
    return false;
  return true;
}

void WriteLogLine(LogLevel level, std::string_view component, std::string_view message) {
  static const bool colour = isatty(STDERR_FILENO) == 1;
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%y/%m/%d %H:%M:%S", &local);
  std::string line;
  if (colour) {
    line = fmt::format("{} {}{}\033[0m {}: {}\n", stamp, LevelColour(level), LevelName(level),
                       component, message);
  } else {
    line = fmt::format("{} {} {}: {}\n", stamp, LevelName(level), component, message);
  }
  std::lock_guard<std::mutex> lock(g_write_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace sparkling
