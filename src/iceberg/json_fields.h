#pragma once

// Typed reads of fields from JSON objects that never throw: requests and metadata files come
// from outside, so every missing or mistyped field is an ICEBERG_BAD_REQUEST with Java's
// JsonUtil wording ("Cannot parse missing int: last-column-id").

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sparkling::iceberg {

/// Parses JSON text; malformed text is ICEBERG_BAD_REQUEST.
Result<nlohmann::json> ParseJsonText(std::string_view text);

/// The field, or nullptr when absent or JSON null.
const nlohmann::json* FindField(const nlohmann::json& object, std::string_view key);

Result<int> IntField(const nlohmann::json& object, std::string_view key);
Result<std::optional<int>> OptionalIntField(const nlohmann::json& object, std::string_view key);
Result<int64_t> LongField(const nlohmann::json& object, std::string_view key);
Result<std::optional<int64_t>> OptionalLongField(const nlohmann::json& object,
                                                 std::string_view key);
Result<std::string> StringField(const nlohmann::json& object, std::string_view key);
Result<std::optional<std::string>> OptionalStringField(const nlohmann::json& object,
                                                       std::string_view key);
Result<bool> BoolField(const nlohmann::json& object, std::string_view key);
Result<std::optional<bool>> OptionalBoolField(const nlohmann::json& object, std::string_view key);
/// A {"k":"v"} object; absent is empty. Non-string values are rejected.
Result<std::map<std::string, std::string>> StringMapField(const nlohmann::json& object,
                                                          std::string_view key);
/// A ["a","b"] array; absent is empty.
Result<std::vector<std::string>> StringListField(const nlohmann::json& object,
                                                 std::string_view key);
Result<std::vector<int>> IntListField(const nlohmann::json& object, std::string_view key);
Result<std::vector<int64_t>> LongListField(const nlohmann::json& object, std::string_view key);

/// Integer value checks shared by the field readers.
Result<int64_t> JsonToLong(const nlohmann::json& value, std::string_view what);
Result<int> JsonToInt(const nlohmann::json& value, std::string_view what);

}  // namespace sparkling::iceberg
