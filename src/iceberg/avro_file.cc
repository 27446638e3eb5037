#include "iceberg/avro_file.h"

#include <zlib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>
#include <random>
#include <set>

#include "iceberg/iceberg_catalog.h"

namespace sparkling::iceberg {
namespace {

static_assert(std::endian::native == std::endian::little, "Avro floats are little-endian");

using Type = AvroNode::Type;
using Kind = AvroValue::Kind;

constexpr std::string_view kMagic("Obj\x01", 4);
constexpr size_t kSyncSize = 16;
// Nesting deeper than this is not a schema anyone writes; the limit keeps recursion bounded.
constexpr int kMaxDepth = 64;
// Bounds allocations a corrupt length could otherwise request.
constexpr size_t kMaxBlockBytes = size_t{1} << 30;
// Zero-byte items (nulls, empty records) cost nothing to claim: cap how many one block holds.
constexpr int64_t kMaxZeroSizeItems = int64_t{1} << 24;
constexpr size_t kTargetBlockBytes = size_t{1} << 20;

Status InvalidFile(const std::string& what) {
  return CatalogError("ICEBERG_VALIDATION", "Invalid Avro file: " + what);
}

Status InvalidSchema(const std::string& what) {
  return CatalogError("ICEBERG_VALIDATION", "Invalid Avro schema: " + what);
}

// ---------------------------------------------------------------------------------------
// Binary encoding

void PutLong(std::string* out, int64_t value) {
  uint64_t zigzag = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  while (zigzag >= 0x80) {
    out->push_back(static_cast<char>((zigzag & 0x7f) | 0x80));
    zigzag >>= 7;
  }
  out->push_back(static_cast<char>(zigzag));
}

void PutBytes(std::string* out, std::string_view bytes) {
  PutLong(out, static_cast<int64_t>(bytes.size()));
  out->append(bytes);
}

template <typename T>
void PutRaw(std::string* out, T value) {
  char buffer[sizeof(T)];
  std::memcpy(buffer, &value, sizeof(T));
  out->append(buffer, sizeof(T));
}

class AvroDecoder {
 public:
  AvroDecoder(std::string_view data, std::string context)
      : data_(data), context_(std::move(context)) {}

  Result<int64_t> Long() {
    uint64_t zigzag = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return Truncated();
      uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
      if (shift == 63 && byte > 1) return Error("variable-length integer overflows 64 bits");
      zigzag |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        return static_cast<int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
      }
    }
    return Error("variable-length integer overflows 64 bits");
  }

  Result<std::string_view> Raw(size_t size) {
    if (size > data_.size() - pos_) return Truncated();
    std::string_view out = data_.substr(pos_, size);
    pos_ += size;
    return out;
  }

  Result<std::string_view> Bytes() {
    SPK_ASSIGN_OR_RAISE(int64_t size, Long());
    if (size < 0) return Error("negative length " + std::to_string(size));
    return Raw(static_cast<size_t>(size));
  }

  template <typename T>
  Result<T> Fixed() {
    SPK_ASSIGN_OR_RAISE(std::string_view raw, Raw(sizeof(T)));
    T value;
    std::memcpy(&value, raw.data(), sizeof(T));
    return value;
  }

  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }
  bool at_end() const { return pos_ >= data_.size(); }

  Status Error(const std::string& what) const {
    return InvalidFile(context_ + " at byte " + std::to_string(pos_) + ": " + what);
  }

 private:
  Status Truncated() const { return Error("unexpected end of data (truncated file?)"); }

  std::string_view data_;
  std::string context_;
  size_t pos_ = 0;
};

// The fewest bytes a value of this schema takes: bounds item counts read from a file.
size_t MinEncodedSize(const AvroNode& node, int depth = 0) {
  if (depth > kMaxDepth) return 0;
  switch (node.type) {
    case Type::kNull:
      return 0;
    case Type::kFloat:
      return 4;
    case Type::kDouble:
      return 8;
    case Type::kFixed:
      return static_cast<size_t>(node.size);
    case Type::kRecord: {
      size_t total = 0;
      for (const auto& field : node.fields) total += MinEncodedSize(*field.type, depth + 1);
      return total;
    }
    default:
      return 1;
  }
}

bool IsIntegral(const AvroValue& value) {
  return value.kind == Kind::kInt || value.kind == Kind::kLong;
}

// Whether a value fits a union branch; the first fitting branch is written.
bool Fits(const AvroNode& node, const AvroValue& value) {
  switch (node.type) {
    case Type::kNull:
      return value.kind == Kind::kNull;
    case Type::kBoolean:
      return value.kind == Kind::kBoolean;
    case Type::kInt:
    case Type::kLong:
      return IsIntegral(value);
    case Type::kFloat:
    case Type::kDouble:
      return value.kind == Kind::kFloat || value.kind == Kind::kDouble;
    case Type::kBytes:
    case Type::kString:
    case Type::kEnum:
      return value.kind == Kind::kBytes;
    case Type::kFixed:
      return value.kind == Kind::kBytes && value.bytes.size() == static_cast<size_t>(node.size);
    case Type::kRecord:
      return value.kind == Kind::kRecord;
    case Type::kArray:
      return value.kind == Kind::kArray;
    case Type::kMap:
      return value.kind == Kind::kMap;
    case Type::kUnion:
      return false;
  }
  return false;
}

std::string TypeName(Type type) {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kBoolean:
      return "boolean";
    case Type::kInt:
      return "int";
    case Type::kLong:
      return "long";
    case Type::kFloat:
      return "float";
    case Type::kDouble:
      return "double";
    case Type::kBytes:
      return "bytes";
    case Type::kString:
      return "string";
    case Type::kFixed:
      return "fixed";
    case Type::kEnum:
      return "enum";
    case Type::kRecord:
      return "record";
    case Type::kArray:
      return "array";
    case Type::kMap:
      return "map";
    case Type::kUnion:
      return "union";
  }
  return "?";
}

Status Mismatch(const AvroNode& node, const std::string& where) {
  // Values are built by our own code: a mismatch is a bug, not bad input.
  return Status::Internal("Avro value does not match schema type " + TypeName(node.type) +
                          (node.name.empty() ? "" : " " + node.name) + where);
}

Status EncodeValue(const AvroNode& node, const AvroValue& value, std::string* out, int depth) {
  if (depth > kMaxDepth) return Status::Internal("Avro value nested too deeply");
  switch (node.type) {
    case Type::kNull:
      if (value.kind != Kind::kNull) return Mismatch(node, "");
      return Status::OK();
    case Type::kBoolean:
      if (value.kind != Kind::kBoolean) return Mismatch(node, "");
      out->push_back(value.integer != 0 ? 1 : 0);
      return Status::OK();
    case Type::kInt:
      if (!IsIntegral(value) || value.integer < INT32_MIN || value.integer > INT32_MAX) {
        return Mismatch(node, "");
      }
      PutLong(out, value.integer);
      return Status::OK();
    case Type::kLong:
      if (!IsIntegral(value)) return Mismatch(node, "");
      PutLong(out, value.integer);
      return Status::OK();
    case Type::kFloat:
      if (value.kind != Kind::kFloat && value.kind != Kind::kDouble) return Mismatch(node, "");
      PutRaw(out, static_cast<float>(value.real));
      return Status::OK();
    case Type::kDouble:
      if (value.kind != Kind::kFloat && value.kind != Kind::kDouble) return Mismatch(node, "");
      PutRaw(out, value.real);
      return Status::OK();
    case Type::kBytes:
    case Type::kString:
      if (value.kind != Kind::kBytes) return Mismatch(node, "");
      PutBytes(out, value.bytes);
      return Status::OK();
    case Type::kFixed:
      if (!Fits(node, value)) return Mismatch(node, " (fixed size)");
      out->append(value.bytes);
      return Status::OK();
    case Type::kEnum: {
      if (value.kind != Kind::kBytes) return Mismatch(node, "");
      auto it = std::find(node.symbols.begin(), node.symbols.end(), value.bytes);
      if (it == node.symbols.end()) return Mismatch(node, " (unknown symbol " + value.bytes + ")");
      PutLong(out, it - node.symbols.begin());
      return Status::OK();
    }
    case Type::kRecord:
      if (value.kind != Kind::kRecord || value.items.size() != node.fields.size()) {
        return Mismatch(node, " (field count)");
      }
      for (size_t i = 0; i < node.fields.size(); ++i) {
        Status status = EncodeValue(*node.fields[i].type, value.items[i], out, depth + 1);
        if (!status.ok())
          return Mismatch(node, "." + node.fields[i].name + ": " + status.message());
      }
      return Status::OK();
    case Type::kArray:
      if (value.kind != Kind::kArray) return Mismatch(node, "");
      if (!value.items.empty()) {
        PutLong(out, static_cast<int64_t>(value.items.size()));
        for (const auto& item : value.items) {
          SPK_RETURN_NOT_OK(EncodeValue(*node.items, item, out, depth + 1));
        }
      }
      PutLong(out, 0);
      return Status::OK();
    case Type::kMap:
      if (value.kind != Kind::kMap || value.keys.size() != value.items.size()) {
        return Mismatch(node, "");
      }
      if (!value.items.empty()) {
        PutLong(out, static_cast<int64_t>(value.items.size()));
        for (size_t i = 0; i < value.items.size(); ++i) {
          PutBytes(out, value.keys[i]);
          SPK_RETURN_NOT_OK(EncodeValue(*node.values, value.items[i], out, depth + 1));
        }
      }
      PutLong(out, 0);
      return Status::OK();
    case Type::kUnion:
      for (size_t i = 0; i < node.branches.size(); ++i) {
        if (Fits(*node.branches[i], value)) {
          PutLong(out, static_cast<int64_t>(i));
          return EncodeValue(*node.branches[i], value, out, depth + 1);
        }
      }
      return Mismatch(node, " (no branch fits)");
  }
  return Mismatch(node, "");
}

Result<AvroValue> DecodeValue(const AvroNode& node, AvroDecoder& in, int depth);

// Array and map blocks: a count, negative when followed by the block's byte size.
Result<int64_t> DecodeBlockCount(const AvroNode& item, AvroDecoder& in, int64_t items_so_far) {
  SPK_ASSIGN_OR_RAISE(int64_t count, in.Long());
  if (count < 0) {
    if (count == INT64_MIN) return in.Error("invalid block count");
    count = -count;
    SPK_ASSIGN_OR_RAISE(int64_t size, in.Long());
    if (size < 0) return in.Error("negative block size");
  }
  size_t min_size = MinEncodedSize(item);
  if (min_size == 0) {
    if (count > kMaxZeroSizeItems - items_so_far) return in.Error("too many items in a block");
  } else if (static_cast<uint64_t>(count) > in.remaining() / min_size) {
    return in.Error("block of " + std::to_string(count) + " items exceeds the data");
  }
  return count;
}

Result<AvroValue> DecodeValue(const AvroNode& node, AvroDecoder& in, int depth) {
  if (depth > kMaxDepth) return in.Error("value nested too deeply");
  switch (node.type) {
    case Type::kNull:
      return AvroValue::Null();
    case Type::kBoolean: {
      SPK_ASSIGN_OR_RAISE(std::string_view raw, in.Raw(1));
      if (raw[0] != 0 && raw[0] != 1) return in.Error("invalid boolean");
      return AvroValue::Boolean(raw[0] == 1);
    }
    case Type::kInt: {
      SPK_ASSIGN_OR_RAISE(int64_t value, in.Long());
      if (value < INT32_MIN || value > INT32_MAX) return in.Error("int out of range");
      return AvroValue::Int(static_cast<int32_t>(value));
    }
    case Type::kLong: {
      SPK_ASSIGN_OR_RAISE(int64_t value, in.Long());
      return AvroValue::Long(value);
    }
    case Type::kFloat: {
      SPK_ASSIGN_OR_RAISE(float value, in.Fixed<float>());
      return AvroValue::Float(value);
    }
    case Type::kDouble: {
      SPK_ASSIGN_OR_RAISE(double value, in.Fixed<double>());
      return AvroValue::Double(value);
    }
    case Type::kBytes:
    case Type::kString: {
      SPK_ASSIGN_OR_RAISE(std::string_view bytes, in.Bytes());
      return AvroValue::Bytes(std::string(bytes));
    }
    case Type::kFixed: {
      SPK_ASSIGN_OR_RAISE(std::string_view bytes, in.Raw(static_cast<size_t>(node.size)));
      return AvroValue::Bytes(std::string(bytes));
    }
    case Type::kEnum: {
      SPK_ASSIGN_OR_RAISE(int64_t index, in.Long());
      if (index < 0 || static_cast<size_t>(index) >= node.symbols.size()) {
        return in.Error("enum index " + std::to_string(index) + " out of range");
      }
      return AvroValue::Bytes(node.symbols[index]);
    }
    case Type::kRecord: {
      std::vector<AvroValue> fields;
      fields.reserve(node.fields.size());
      for (const auto& field : node.fields) {
        SPK_ASSIGN_OR_RAISE(AvroValue value, DecodeValue(*field.type, in, depth + 1));
        fields.push_back(std::move(value));
      }
      return AvroValue::Record(std::move(fields));
    }
    case Type::kArray: {
      std::vector<AvroValue> items;
      while (true) {
        SPK_ASSIGN_OR_RAISE(int64_t count,
                            DecodeBlockCount(*node.items, in, static_cast<int64_t>(items.size())));
        if (count == 0) break;
        for (int64_t i = 0; i < count; ++i) {
          SPK_ASSIGN_OR_RAISE(AvroValue item, DecodeValue(*node.items, in, depth + 1));
          items.push_back(std::move(item));
        }
      }
      return AvroValue::Array(std::move(items));
    }
    case Type::kMap: {
      AvroValue map;
      map.kind = Kind::kMap;
      while (true) {
        SPK_ASSIGN_OR_RAISE(
            int64_t count,
            DecodeBlockCount(*node.values, in, static_cast<int64_t>(map.items.size())));
        if (count == 0) break;
        for (int64_t i = 0; i < count; ++i) {
          SPK_ASSIGN_OR_RAISE(std::string_view key, in.Bytes());
          SPK_ASSIGN_OR_RAISE(AvroValue item, DecodeValue(*node.values, in, depth + 1));
          map.keys.emplace_back(key);
          map.items.push_back(std::move(item));
        }
      }
      return map;
    }
    case Type::kUnion: {
      SPK_ASSIGN_OR_RAISE(int64_t branch, in.Long());
      if (branch < 0 || static_cast<size_t>(branch) >= node.branches.size()) {
        return in.Error("union branch " + std::to_string(branch) + " out of range");
      }
      return DecodeValue(*node.branches[branch], in, depth + 1);
    }
  }
  return in.Error("unknown schema type");
}

// ---------------------------------------------------------------------------------------
// Schema JSON

const std::map<std::string, Type, std::less<>>& PrimitiveTypes() {
  static const auto* types = new std::map<std::string, Type, std::less<>>{
      {"null", Type::kNull},   {"boolean", Type::kBoolean}, {"int", Type::kInt},
      {"long", Type::kLong},   {"float", Type::kFloat},     {"double", Type::kDouble},
      {"bytes", Type::kBytes}, {"string", Type::kString}};
  return *types;
}

int IdAttribute(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return kNoFieldId;
  int64_t id = it->get<int64_t>();
  if (id < INT32_MIN || id > INT32_MAX) return kNoFieldId;
  return static_cast<int>(id);
}

int IntAttribute(const nlohmann::json& object, const char* key, int fallback) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return fallback;
  int64_t value = it->get<int64_t>();
  if (value < 0 || value > INT32_MAX) return fallback;
  return static_cast<int>(value);
}

std::string StringAttribute(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

class AvroSchemaParser {
 public:
  Result<AvroNodePtr> Parse(const nlohmann::json& json, const std::string& space, int depth) {
    if (depth > kMaxDepth) return InvalidSchema("nested too deeply");
    if (json.is_string()) return ParseName(json.get<std::string>(), space);
    if (json.is_array()) return ParseUnion(json, space, depth);
    if (!json.is_object()) return InvalidSchema("unexpected JSON " + json.dump());
    auto type_it = json.find("type");
    if (type_it == json.end()) return InvalidSchema("missing \"type\" in " + json.dump());
    if (!type_it->is_string()) return Parse(*type_it, space, depth + 1);
    const std::string type = type_it->get<std::string>();
    if (auto primitive = PrimitiveTypes().find(type); primitive != PrimitiveTypes().end()) {
      auto node = std::make_shared<AvroNode>();
      node->type = primitive->second;
      ReadLogicalType(json, node.get());
      return AvroNodePtr(node);
    }
    if (type == "record" || type == "error") return ParseRecord(json, space, depth);
    if (type == "enum") return ParseEnum(json, space);
    if (type == "fixed") return ParseFixed(json, space);
    if (type == "array") {
      auto items = json.find("items");
      if (items == json.end()) return InvalidSchema("array without \"items\"");
      auto node = std::make_shared<AvroNode>();
      node->type = Type::kArray;
      SPK_ASSIGN_OR_RAISE(node->items, Parse(*items, space, depth + 1));
      node->element_id = IdAttribute(json, "element-id");
      node->logical_type = StringAttribute(json, "logicalType");
      return AvroNodePtr(node);
    }
    if (type == "map") {
      auto values = json.find("values");
      if (values == json.end()) return InvalidSchema("map without \"values\"");
      auto node = std::make_shared<AvroNode>();
      node->type = Type::kMap;
      SPK_ASSIGN_OR_RAISE(node->values, Parse(*values, space, depth + 1));
      node->key_id = IdAttribute(json, "key-id");
      node->value_id = IdAttribute(json, "value-id");
      return AvroNodePtr(node);
    }
    return ParseName(type, space);
  }

 private:
  static void ReadLogicalType(const nlohmann::json& json, AvroNode* node) {
    node->logical_type = StringAttribute(json, "logicalType");
    node->precision = IntAttribute(json, "precision", 0);
    node->scale = IntAttribute(json, "scale", 0);
    auto utc = json.find("adjust-to-utc");
    node->adjust_to_utc = utc != json.end() && utc->is_boolean() && utc->get<bool>();
  }

  static std::string FullName(const nlohmann::json& json, const std::string& space,
                              std::string* own_space) {
    std::string name = StringAttribute(json, "name");
    if (name.find('.') != std::string::npos) {
      *own_space = name.substr(0, name.rfind('.'));
      return name;
    }
    auto it = json.find("namespace");
    *own_space = it != json.end() && it->is_string() ? it->get<std::string>() : space;
    return own_space->empty() ? name : *own_space + "." + name;
  }

  Status Define(const std::string& full_name, AvroNodePtr node) {
    if (full_name.empty()) return InvalidSchema("named type without a name");
    if (!named_.emplace(full_name, std::move(node)).second) {
      return InvalidSchema("type " + full_name + " defined twice");
    }
    return Status::OK();
  }

  Result<AvroNodePtr> ParseName(const std::string& name, const std::string& space) {
    if (auto primitive = PrimitiveTypes().find(name); primitive != PrimitiveTypes().end()) {
      return AvroNode::Primitive(primitive->second);
    }
    for (const std::string& candidate : {space.empty() ? name : space + "." + name, name}) {
      if (in_progress_.count(candidate) > 0) {
        return Status::NotImplemented("recursive Avro type " + candidate);
      }
      if (auto it = named_.find(candidate); it != named_.end()) return it->second;
    }
    return InvalidSchema("unknown type " + name);
  }

  Result<AvroNodePtr> ParseUnion(const nlohmann::json& json, const std::string& space, int depth) {
    auto node = std::make_shared<AvroNode>();
    node->type = Type::kUnion;
    for (const auto& branch : json) {
      SPK_ASSIGN_OR_RAISE(AvroNodePtr parsed, Parse(branch, space, depth + 1));
      if (parsed->type == Type::kUnion) return InvalidSchema("union inside a union");
      node->branches.push_back(std::move(parsed));
    }
    if (node->branches.empty()) return InvalidSchema("empty union");
    return AvroNodePtr(node);
  }

  Result<AvroNodePtr> ParseRecord(const nlohmann::json& json, const std::string& space, int depth) {
    std::string own_space;
    std::string full_name = FullName(json, space, &own_space);
    if (full_name.empty()) return InvalidSchema("record without a name");
    auto fields = json.find("fields");
    if (fields == json.end() || !fields->is_array()) {
      return InvalidSchema("record " + full_name + " without \"fields\"");
    }
    auto node = std::make_shared<AvroNode>();
    node->type = Type::kRecord;
    node->name = StringAttribute(json, "name");
    in_progress_.insert(full_name);
    for (const auto& field_json : *fields) {
      if (!field_json.is_object() || !field_json.contains("type")) {
        return InvalidSchema("record " + full_name + " has a malformed field");
      }
      AvroField field;
      field.name = StringAttribute(field_json, "name");
      SPK_ASSIGN_OR_RAISE(field.type, Parse(field_json["type"], own_space, depth + 1));
      field.field_id = IdAttribute(field_json, "field-id");
      auto default_it = field_json.find("default");
      field.default_null = default_it != field_json.end() && default_it->is_null();
      field.doc = StringAttribute(field_json, "doc");
      field.iceberg_field_name = StringAttribute(field_json, "iceberg-field-name");
      node->fields.push_back(std::move(field));
    }
    in_progress_.erase(full_name);
    SPK_RETURN_NOT_OK(Define(full_name, node));
    return AvroNodePtr(node);
  }

  Result<AvroNodePtr> ParseEnum(const nlohmann::json& json, const std::string& space) {
    std::string own_space;
    std::string full_name = FullName(json, space, &own_space);
    auto node = std::make_shared<AvroNode>();
    node->type = Type::kEnum;
    node->name = StringAttribute(json, "name");
    auto symbols = json.find("symbols");
    if (symbols == json.end() || !symbols->is_array()) {
      return InvalidSchema("enum " + full_name + " without \"symbols\"");
    }
    for (const auto& symbol : *symbols) {
      if (!symbol.is_string()) return InvalidSchema("enum " + full_name + " has a bad symbol");
      node->symbols.push_back(symbol.get<std::string>());
    }
    SPK_RETURN_NOT_OK(Define(full_name, node));
    return AvroNodePtr(node);
  }

  Result<AvroNodePtr> ParseFixed(const nlohmann::json& json, const std::string& space) {
    std::string own_space;
    std::string full_name = FullName(json, space, &own_space);
    auto node = std::make_shared<AvroNode>();
    node->type = Type::kFixed;
    node->name = StringAttribute(json, "name");
    node->size = IntAttribute(json, "size", -1);
    if (node->size < 0 || static_cast<size_t>(node->size) > kMaxBlockBytes) {
      return InvalidSchema("fixed " + full_name + " has no valid \"size\"");
    }
    ReadLogicalType(json, node.get());
    SPK_RETURN_NOT_OK(Define(full_name, node));
    return AvroNodePtr(node);
  }

  std::map<std::string, AvroNodePtr> named_;
  std::set<std::string> in_progress_;
};

void AddLogicalType(const AvroNode& node, nlohmann::ordered_json* out) {
  if (node.logical_type.empty()) return;
  (*out)["logicalType"] = node.logical_type;
  if (node.logical_type == "decimal") {
    (*out)["precision"] = node.precision;
    (*out)["scale"] = node.scale;
  }
  if (node.logical_type.rfind("timestamp-", 0) == 0) (*out)["adjust-to-utc"] = node.adjust_to_utc;
}

nlohmann::ordered_json NodeToJson(const AvroNode& node, std::set<std::string>* defined) {
  using Json = nlohmann::ordered_json;
  switch (node.type) {
    case Type::kRecord: {
      if (!defined->insert(node.name).second) return node.name;
      Json out = {{"type", "record"}, {"name", node.name}};
      Json fields = Json::array();
      for (const auto& field : node.fields) {
        Json field_json = {{"name", field.name}, {"type", NodeToJson(*field.type, defined)}};
        if (!field.doc.empty()) field_json["doc"] = field.doc;
        if (field.default_null) field_json["default"] = nullptr;
        if (field.field_id != kNoFieldId) field_json["field-id"] = field.field_id;
        if (!field.iceberg_field_name.empty()) {
          field_json["iceberg-field-name"] = field.iceberg_field_name;
        }
        fields.push_back(std::move(field_json));
      }
      out["fields"] = std::move(fields);
      return out;
    }
    case Type::kFixed: {
      if (!defined->insert(node.name).second) return node.name;
      Json out = {{"type", "fixed"}, {"name", node.name}, {"size", node.size}};
      AddLogicalType(node, &out);
      return out;
    }
    case Type::kEnum: {
      if (!defined->insert(node.name).second) return node.name;
      return Json{{"type", "enum"}, {"name", node.name}, {"symbols", node.symbols}};
    }
    case Type::kArray: {
      Json out = {{"type", "array"}, {"items", NodeToJson(*node.items, defined)}};
      if (node.element_id != kNoFieldId) out["element-id"] = node.element_id;
      if (!node.logical_type.empty()) out["logicalType"] = node.logical_type;
      return out;
    }
    case Type::kMap: {
      Json out = {{"type", "map"}, {"values", NodeToJson(*node.values, defined)}};
      if (node.key_id != kNoFieldId) out["key-id"] = node.key_id;
      if (node.value_id != kNoFieldId) out["value-id"] = node.value_id;
      return out;
    }
    case Type::kUnion: {
      Json out = Json::array();
      for (const auto& branch : node.branches) out.push_back(NodeToJson(*branch, defined));
      return out;
    }
    default: {
      if (node.logical_type.empty()) return TypeName(node.type);
      Json out = {{"type", TypeName(node.type)}};
      AddLogicalType(node, &out);
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Codecs

Result<std::string> DeflateRaw(std::string_view input) {
  z_stream stream{};
  // Negative window bits: raw RFC 1951 data without a zlib header, as Avro's deflate is.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::Internal("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(input.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return Status::Internal("deflate failed: " + std::to_string(rc));
  return out;
}

Result<std::string> InflateRaw(std::string_view input, const std::string& context) {
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) return Status::Internal("inflateInit2 failed");
  std::string out(std::max<size_t>(input.size() * 4, 1024), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  Status status;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + stream.total_out);
    stream.avail_out = static_cast<uInt>(out.size() - stream.total_out);
    int rc = inflate(&stream, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      status = InvalidFile(context + ": corrupt deflate data" +
                           (stream.msg != nullptr ? std::string(" (") + stream.msg + ")" : ""));
      break;
    }
    if (stream.avail_out == 0) {
      if (out.size() >= kMaxBlockBytes) {
        status = InvalidFile(context + ": block inflates beyond 1 GiB");
        break;
      }
      out.resize(out.size() * 2);
    } else if (stream.avail_in == 0) {
      status = InvalidFile(context + ": truncated deflate data");
      break;
    }
  }
  out.resize(stream.total_out);
  inflateEnd(&stream);
  if (!status.ok()) return status;
  return out;
}

uint32_t LittleEndian(std::string_view bytes) {
  uint32_t value = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    value |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << (8 * i);
  }
  return value;
}

// Snappy's raw format; Avro appends the big-endian CRC-32 of the uncompressed data.
Result<std::string> SnappyDecompress(std::string_view input, const std::string& context) {
  auto corrupt = [&](const std::string& what) {
    return InvalidFile(context + ": corrupt snappy data (" + what + ")");
  };
  if (input.size() < 4) return corrupt("no checksum");
  std::string_view body = input.substr(0, input.size() - 4);
  uint32_t expected_crc = 0;
  for (size_t i = input.size() - 4; i < input.size(); ++i) {
    expected_crc = (expected_crc << 8) | static_cast<uint8_t>(input[i]);
  }
  size_t pos = 0;
  uint64_t length = 0;
  for (int shift = 0;; shift += 7) {
    if (pos >= body.size() || shift > 28) return corrupt("bad length");
    uint8_t byte = static_cast<uint8_t>(body[pos++]);
    length |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (length > kMaxBlockBytes) return corrupt("block too large");
  std::string out;
  out.reserve(length);
  while (pos < body.size()) {
    uint8_t tag = static_cast<uint8_t>(body[pos++]);
    size_t copy_length = 0;
    size_t offset = 0;
    switch (tag & 3) {
      case 0: {  // literal
        size_t literal = tag >> 2;
        if (literal >= 60) {
          size_t extra = literal - 59;
          if (body.size() - pos < extra) return corrupt("truncated literal length");
          literal = LittleEndian(body.substr(pos, extra));
          pos += extra;
        }
        literal += 1;
        if (body.size() - pos < literal || out.size() + literal > length) {
          return corrupt("literal overruns");
        }
        out.append(body.substr(pos, literal));
        pos += literal;
        continue;
      }
      case 1:
        if (body.size() - pos < 1) return corrupt("truncated copy");
        copy_length = 4 + ((tag >> 2) & 7);
        offset = (static_cast<size_t>(tag >> 5) << 8) | static_cast<uint8_t>(body[pos]);
        pos += 1;
        break;
      case 2:
        if (body.size() - pos < 2) return corrupt("truncated copy");
        copy_length = 1 + (tag >> 2);
        offset = LittleEndian(body.substr(pos, 2));
        pos += 2;
        break;
      default:
        if (body.size() - pos < 4) return corrupt("truncated copy");
        copy_length = 1 + (tag >> 2);
        offset = LittleEndian(body.substr(pos, 4));
        pos += 4;
        break;
    }
    if (offset == 0 || offset > out.size() || out.size() + copy_length > length) {
      return corrupt("bad copy");
    }
    // Copies may overlap their own output (run-length style), so go byte by byte.
    for (size_t i = 0; i < copy_length; ++i) out.push_back(out[out.size() - offset]);
  }
  if (out.size() != length) return corrupt("length mismatch");
  uint32_t crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())));
  if (crc != expected_crc) return corrupt("checksum mismatch");
  return out;
}

std::string RandomSync() {
  static thread_local std::mt19937_64 random(std::random_device{}());
  std::string sync(kSyncSize, '\0');
  for (size_t i = 0; i < kSyncSize; i += 8) {
    uint64_t value = random();
    std::memcpy(sync.data() + i, &value, 8);
  }
  return sync;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// AvroNode and AvroValue

AvroNodePtr AvroNode::Primitive(Type type, std::string logical_type) {
  auto node = std::make_shared<AvroNode>();
  node->type = type;
  node->logical_type = std::move(logical_type);
  return node;
}

AvroNodePtr AvroNode::Fixed(std::string name, int size, std::string logical_type) {
  auto node = std::make_shared<AvroNode>();
  node->type = Type::kFixed;
  node->name = std::move(name);
  node->size = size;
  node->logical_type = std::move(logical_type);
  return node;
}

AvroNodePtr AvroNode::Record(std::string name, std::vector<AvroField> fields) {
  auto node = std::make_shared<AvroNode>();
  node->type = Type::kRecord;
  node->name = std::move(name);
  node->fields = std::move(fields);
  return node;
}

AvroNodePtr AvroNode::Array(AvroNodePtr items, int element_id) {
  auto node = std::make_shared<AvroNode>();
  node->type = Type::kArray;
  node->items = std::move(items);
  node->element_id = element_id;
  return node;
}

AvroNodePtr AvroNode::KeyValueArray(int key_id, AvroNodePtr key, int value_id, AvroNodePtr value) {
  std::string name = "k" + std::to_string(key_id) + "_v" + std::to_string(value_id);
  std::vector<AvroField> fields;
  fields.push_back(AvroField{"key", std::move(key), key_id, false, ""});
  fields.push_back(AvroField{"value", std::move(value), value_id, false, ""});
  auto node = std::make_shared<AvroNode>();
  node->type = Type::kArray;
  node->items = Record(std::move(name), std::move(fields));
  node->logical_type = "map";
  return node;
}

AvroNodePtr AvroNode::Optional(AvroNodePtr type) {
  auto node = std::make_shared<AvroNode>();
  node->type = Type::kUnion;
  node->branches = {Primitive(Type::kNull), std::move(type)};
  return node;
}

const AvroNode* AvroNode::OptionalBranch() const {
  if (type != Type::kUnion || branches.size() != 2) return nullptr;
  if (branches[0]->type == Type::kNull) return branches[1].get();
  if (branches[1]->type == Type::kNull) return branches[0].get();
  return nullptr;
}

int AvroNode::FieldIndex(int field_id, std::string_view field_name) const {
  bool any_ids = false;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].field_id == kNoFieldId) continue;
    any_ids = true;
    if (fields[i].field_id == field_id) return static_cast<int>(i);
  }
  if (any_ids) return -1;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field_name) return static_cast<int>(i);
  }
  return -1;
}

AvroValue AvroValue::Boolean(bool value) {
  AvroValue out;
  out.kind = Kind::kBoolean;
  out.integer = value ? 1 : 0;
  return out;
}

AvroValue AvroValue::Int(int32_t value) {
  AvroValue out;
  out.kind = Kind::kInt;
  out.integer = value;
  return out;
}

AvroValue AvroValue::Long(int64_t value) {
  AvroValue out;
  out.kind = Kind::kLong;
  out.integer = value;
  return out;
}

AvroValue AvroValue::Float(float value) {
  AvroValue out;
  out.kind = Kind::kFloat;
  out.real = value;
  return out;
}

AvroValue AvroValue::Double(double value) {
  AvroValue out;
  out.kind = Kind::kDouble;
  out.real = value;
  return out;
}

AvroValue AvroValue::Bytes(std::string value) {
  AvroValue out;
  out.kind = Kind::kBytes;
  out.bytes = std::move(value);
  return out;
}

AvroValue AvroValue::Record(std::vector<AvroValue> fields) {
  AvroValue out;
  out.kind = Kind::kRecord;
  out.items = std::move(fields);
  return out;
}

AvroValue AvroValue::Array(std::vector<AvroValue> items) {
  AvroValue out;
  out.kind = Kind::kArray;
  out.items = std::move(items);
  return out;
}

// ---------------------------------------------------------------------------------------
// Schemas and files

Result<AvroNodePtr> AvroSchemaFromJson(std::string_view text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return InvalidSchema("not valid JSON");
  AvroSchemaParser parser;
  return parser.Parse(json, "", 0);
}

std::string AvroSchemaToJson(const AvroNode& schema) {
  std::set<std::string> defined;
  return NodeToJson(schema, &defined).dump();
}

Result<std::string> WriteAvroFile(const AvroNode& schema,
                                  const std::vector<std::pair<std::string, std::string>>& metadata,
                                  const std::vector<AvroValue>& records, AvroCodec codec) {
  std::string out(kMagic);
  std::vector<std::pair<std::string, std::string>> header = {
      {"avro.schema", AvroSchemaToJson(schema)},
      {"avro.codec", codec == AvroCodec::kDeflate ? "deflate" : "null"}};
  for (const auto& entry : metadata) {
    if (entry.first == "avro.schema" || entry.first == "avro.codec") {
      return Status::Internal("Avro metadata key " + entry.first + " is reserved");
    }
    header.push_back(entry);
  }
  PutLong(&out, static_cast<int64_t>(header.size()));
  for (const auto& [key, value] : header) {
    PutBytes(&out, key);
    PutBytes(&out, value);
  }
  PutLong(&out, 0);
  const std::string sync = RandomSync();
  out.append(sync);

  std::string block;
  int64_t block_records = 0;
  auto flush = [&]() -> Status {
    if (block_records == 0) return Status::OK();
    std::string data;
    if (codec == AvroCodec::kDeflate) {
      SPK_ASSIGN_OR_RAISE(data, DeflateRaw(block));
    } else {
      data = std::move(block);
    }
    PutLong(&out, block_records);
    PutBytes(&out, data);
    out.append(sync);
    block.clear();
    block_records = 0;
    return Status::OK();
  };
  for (const auto& record : records) {
    SPK_RETURN_NOT_OK(EncodeValue(schema, record, &block, 0));
    ++block_records;
    if (block.size() >= kTargetBlockBytes) SPK_RETURN_NOT_OK(flush());
  }
  SPK_RETURN_NOT_OK(flush());
  return out;
}

const std::string* AvroFileContents::FindMetadata(std::string_view key) const {
  for (const auto& entry : metadata) {
    if (entry.first == key) return &entry.second;
  }
  return nullptr;
}

Result<AvroFileContents> ReadAvroFile(std::string_view data) {
  AvroDecoder in(data, "header");
  if (data.size() < kMagic.size() || data.substr(0, kMagic.size()) != kMagic) {
    return InvalidFile("not an Avro object container file (bad magic bytes)");
  }
  SPK_RETURN_NOT_OK(in.Raw(kMagic.size()).status());
  AvroFileContents contents;
  while (true) {
    SPK_ASSIGN_OR_RAISE(int64_t count, in.Long());
    if (count == 0) break;
    if (count < 0) {
      if (count == INT64_MIN) return in.Error("invalid metadata count");
      count = -count;
      SPK_RETURN_NOT_OK(in.Long().status());
    }
    if (static_cast<uint64_t>(count) > in.remaining() / 2) {
      return in.Error("metadata count exceeds the data");
    }
    for (int64_t i = 0; i < count; ++i) {
      SPK_ASSIGN_OR_RAISE(std::string_view key, in.Bytes());
      SPK_ASSIGN_OR_RAISE(std::string_view value, in.Bytes());
      contents.metadata.emplace_back(std::string(key), std::string(value));
    }
  }
  SPK_ASSIGN_OR_RAISE(std::string_view sync, in.Raw(kSyncSize));

  const std::string* schema_text = contents.FindMetadata("avro.schema");
  if (schema_text == nullptr) return InvalidFile("no avro.schema in the header");
  SPK_ASSIGN_OR_RAISE(contents.schema, AvroSchemaFromJson(*schema_text));
  const std::string* codec_name = contents.FindMetadata("avro.codec");
  std::string codec = codec_name == nullptr ? "null" : *codec_name;
  if (codec != "null" && codec != "deflate" && codec != "snappy") {
    return Status::NotImplemented("Avro codec " + codec);
  }

  size_t min_record_size = MinEncodedSize(*contents.schema);
  for (int block_index = 0; !in.at_end(); ++block_index) {
    const std::string context = "block " + std::to_string(block_index);
    SPK_ASSIGN_OR_RAISE(int64_t count, in.Long());
    SPK_ASSIGN_OR_RAISE(std::string_view raw, in.Bytes());
    SPK_ASSIGN_OR_RAISE(std::string_view marker, in.Raw(kSyncSize));
    if (marker != sync) return in.Error("sync marker mismatch after " + context);
    if (count < 0) return in.Error("negative record count in " + context);
    std::string inflated;
    std::string_view block = raw;
    if (codec == "deflate") {
      SPK_ASSIGN_OR_RAISE(inflated, InflateRaw(raw, context));
      block = inflated;
    } else if (codec == "snappy") {
      SPK_ASSIGN_OR_RAISE(inflated, SnappyDecompress(raw, context));
      block = inflated;
    }
    AvroDecoder block_in(block, context);
    if (min_record_size == 0 ? count > kMaxZeroSizeItems
                             : static_cast<uint64_t>(count) > block.size() / min_record_size) {
      return block_in.Error(std::to_string(count) + " records cannot fit the block");
    }
    for (int64_t i = 0; i < count; ++i) {
      SPK_ASSIGN_OR_RAISE(AvroValue record, DecodeValue(*contents.schema, block_in, 0));
      contents.records.push_back(std::move(record));
    }
    if (!block_in.at_end()) {
      return block_in.Error(std::to_string(block_in.remaining()) + " bytes left after the records");
    }
  }
  return contents;
}

}  // namespace sparkling::iceberg
