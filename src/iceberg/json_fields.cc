#include "iceberg/json_fields.h"

#include <limits>

#include "iceberg/iceberg_catalog.h"

namespace sparkling::iceberg {
namespace {

Status BadRequest(const std::string& message) {
  return CatalogError("ICEBERG_BAD_REQUEST", message);
}

std::string Shown(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 200) text = text.substr(0, 200) + "...";
  return text;
}

Status MissingField(std::string_view kind, std::string_view key) {
  return BadRequest("Cannot parse missing " + std::string(kind) + ": " + std::string(key));
}

}  // namespace

Result<nlohmann::json> ParseJsonText(std::string_view text) {
  // Deeply nested input would exhaust the stack in the recursive code that walks and prints
  // documents; no request or metadata file nests anywhere near this deep.
  constexpr int kMaxDepth = 256;
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return BadRequest("Malformed request: JSON nested too deeply");
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return BadRequest("Malformed request: invalid JSON");
  return parsed;
}

const nlohmann::json* FindField(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<int64_t> JsonToLong(const nlohmann::json& value, std::string_view what) {
  if (value.is_number_unsigned()) {
    uint64_t raw = value.get<uint64_t>();
    if (raw <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return static_cast<int64_t>(raw);
    }
  } else if (value.is_number_integer()) {
    return value.get<int64_t>();
  }
  return BadRequest("Cannot parse to a long value: " + std::string(what) + ": " + Shown(value));
}

Result<int> JsonToInt(const nlohmann::json& value, std::string_view what) {
  if (value.is_number_integer()) {
    auto wide = JsonToLong(value, what);
    if (wide.ok() && *wide >= std::numeric_limits<int>::min() &&
        *wide <= std::numeric_limits<int>::max()) {
      return static_cast<int>(*wide);
    }
  }
  return BadRequest("Cannot parse to an integer value: " + std::string(what) + ": " + Shown(value));
}

Result<int> IntField(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return MissingField("int", key);
  return JsonToInt(*value, key);
}

Result<std::optional<int>> OptionalIntField(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return std::optional<int>();
  SPK_ASSIGN_OR_RAISE(int parsed, JsonToInt(*value, key));
  return std::optional<int>(parsed);
}

Result<int64_t> LongField(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return MissingField("long", key);
  return JsonToLong(*value, key);
}

Result<std::optional<int64_t>> OptionalLongField(const nlohmann::json& object,
                                                 std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return std::optional<int64_t>();
  SPK_ASSIGN_OR_RAISE(int64_t parsed, JsonToLong(*value, key));
  return std::optional<int64_t>(parsed);
}

Result<std::string> StringField(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return MissingField("string", key);
  if (!value->is_string()) {
    return BadRequest("Cannot parse to a string value: " + std::string(key) + ": " + Shown(*value));
  }
  return value->get<std::string>();
}

Result<std::optional<std::string>> OptionalStringField(const nlohmann::json& object,
                                                       std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return std::optional<std::string>();
  SPK_ASSIGN_OR_RAISE(std::string parsed, StringField(object, key));
  return std::optional<std::string>(std::move(parsed));
}

Result<bool> BoolField(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return MissingField("boolean", key);
  if (!value->is_boolean()) {
    return BadRequest("Cannot parse to a boolean value: " + std::string(key) + ": " +
                      Shown(*value));
  }
  return value->get<bool>();
}

Result<std::optional<bool>> OptionalBoolField(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return std::optional<bool>();
  SPK_ASSIGN_OR_RAISE(bool parsed, BoolField(object, key));
  return std::optional<bool>(parsed);
}

Result<std::map<std::string, std::string>> StringMapField(const nlohmann::json& object,
                                                          std::string_view key) {
  std::map<std::string, std::string> out;
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return out;
  if (!value->is_object()) {
    return BadRequest("Cannot parse string map from non-object value: " + std::string(key) + ": " +
                      Shown(*value));
  }
  for (auto it = value->begin(); it != value->end(); ++it) {
    if (!it.value().is_string()) {
      return BadRequest("Cannot parse to a string value: " + it.key() + ": " + Shown(it.value()));
    }
    out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

Result<std::vector<std::string>> StringListField(const nlohmann::json& object,
                                                 std::string_view key) {
  std::vector<std::string> out;
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return out;
  if (!value->is_array()) {
    return BadRequest("Cannot parse string list from non-array: " + std::string(key) + ": " +
                      Shown(*value));
  }
  for (const auto& item : *value) {
    if (!item.is_string()) {
      return BadRequest("Cannot parse string from non-text value in " + std::string(key) + ": " +
                        Shown(item));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::vector<int>> IntListField(const nlohmann::json& object, std::string_view key) {
  std::vector<int> out;
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return out;
  if (!value->is_array()) {
    return BadRequest("Cannot parse integer list from non-array: " + std::string(key) + ": " +
                      Shown(*value));
  }
  for (const auto& item : *value) {
    SPK_ASSIGN_OR_RAISE(int parsed, JsonToInt(item, key));
    out.push_back(parsed);
  }
  return out;
}

Result<std::vector<int64_t>> LongListField(const nlohmann::json& object, std::string_view key) {
  std::vector<int64_t> out;
  const nlohmann::json* value = FindField(object, key);
  if (value == nullptr) return out;
  if (!value->is_array()) {
    return BadRequest("Cannot parse long list from non-array: " + std::string(key) + ": " +
                      Shown(*value));
  }
  for (const auto& item : *value) {
    SPK_ASSIGN_OR_RAISE(int64_t parsed, JsonToLong(item, key));
    out.push_back(parsed);
  }
  return out;
}

}  // namespace sparkling::iceberg
