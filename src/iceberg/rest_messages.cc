#include "iceberg/rest_messages.h"

#include "iceberg/json_fields.h"

namespace sparkling::iceberg {
namespace {

Status BadRequest(const std::string& message) {
  return CatalogError("ICEBERG_BAD_REQUEST", message);
}

nlohmann::json StringMapToJson(const std::map<std::string, std::string>& map) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : map) out[key] = value;
  return out;
}

}  // namespace

nlohmann::json NamespaceToJson(const Namespace& ns) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& level : ns) out.push_back(level);
  return out;
}

Result<Namespace> NamespaceFromJson(const nlohmann::json& json) {
  if (!json.is_array()) return BadRequest("Cannot parse namespace from non-array value");
  Namespace ns;
  for (const auto& level : json) {
    if (!level.is_string()) return BadRequest("Cannot parse namespace level from non-string");
    ns.push_back(level.get<std::string>());
  }
  return ns;
}

nlohmann::json TableIdentifierToJson(const TableIdentifier& id) {
  return {{"namespace", NamespaceToJson(id.ns)}, {"name", id.name}};
}

Result<TableIdentifier> TableIdentifierFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadRequest("Cannot parse table identifier from non-object");
  TableIdentifier id;
  const nlohmann::json* ns = FindField(json, "namespace");
  if (ns == nullptr) return BadRequest("Cannot parse missing field: namespace");
  SPK_ASSIGN_OR_RAISE(id.ns, NamespaceFromJson(*ns));
  SPK_ASSIGN_OR_RAISE(id.name, StringField(json, "name"));
  return id;
}

nlohmann::json CreateTableRequestToJson(const CreateTableRequest& request) {
  nlohmann::json out = {{"name", request.name},
                        {"schema", IcebergSchemaToJson(request.schema)},
                        {"stage-create", request.stage_create},
                        {"properties", StringMapToJson(request.properties)}};
  if (request.location) out["location"] = *request.location;
  if (request.partition_spec) out["partition-spec"] = PartitionSpecToJson(*request.partition_spec);
  if (request.write_order) out["write-order"] = SortOrderToJson(*request.write_order);
  return out;
}

Result<CreateTableRequest> CreateTableRequestFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadRequest("Invalid create table request: not an object");
  CreateTableRequest request;
  SPK_ASSIGN_OR_RAISE(request.name, StringField(json, "name"));
  SPK_ASSIGN_OR_RAISE(request.location, OptionalStringField(json, "location"));
  if (request.location && request.location->empty()) request.location.reset();
  const nlohmann::json* schema = FindField(json, "schema");
  if (schema == nullptr) return BadRequest("Invalid create table request: missing schema");
  SPK_ASSIGN_OR_RAISE(request.schema, IcebergSchemaFromJson(*schema));
  if (const nlohmann::json* spec = FindField(json, "partition-spec")) {
    SPK_ASSIGN_OR_RAISE(request.partition_spec, PartitionSpecFromJson(*spec));
  }
  if (const nlohmann::json* order = FindField(json, "write-order")) {
    SPK_ASSIGN_OR_RAISE(request.write_order, SortOrderFromJson(*order));
  }
  SPK_ASSIGN_OR_RAISE(request.properties, StringMapField(json, "properties"));
  SPK_ASSIGN_OR_RAISE(auto stage, OptionalBoolField(json, "stage-create"));
  request.stage_create = stage.value_or(false);
  return request;
}

nlohmann::json LoadTableResultToJson(const LoadedTable& table) {
  nlohmann::json out = nlohmann::json::object();
  if (!table.metadata_location.empty()) out["metadata-location"] = table.metadata_location;
  out["metadata"] = table.metadata ? TableMetadataToJson(*table.metadata) : nlohmann::json();
  out["config"] = StringMapToJson(table.config);
  return out;
}

Result<LoadedTable> LoadTableResultFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadRequest("Invalid load table result: not an object");
  LoadedTable table;
  SPK_ASSIGN_OR_RAISE(auto location, OptionalStringField(json, "metadata-location"));
  table.metadata_location = location.value_or("");
  const nlohmann::json* metadata = FindField(json, "metadata");
  if (metadata == nullptr) return BadRequest("Invalid load table result: missing metadata");
  SPK_ASSIGN_OR_RAISE(TableMetadata parsed, TableMetadataFromJson(*metadata));
  table.metadata = std::make_shared<const TableMetadata>(std::move(parsed));
  SPK_ASSIGN_OR_RAISE(table.config, StringMapField(json, "config"));
  return table;
}

nlohmann::json TableChangeToJson(const TableChange& change) {
  return {{"identifier", TableIdentifierToJson(change.identifier)},
          {"requirements",
           change.requirements.is_array() ? change.requirements : nlohmann::json::array()},
          {"updates", change.updates.is_array() ? change.updates : nlohmann::json::array()}};
}

Result<TableChange> TableChangeFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadRequest("Invalid commit request: not an object");
  TableChange change;
  if (const nlohmann::json* id = FindField(json, "identifier")) {
    SPK_ASSIGN_OR_RAISE(change.identifier, TableIdentifierFromJson(*id));
  }
  if (const nlohmann::json* requirements = FindField(json, "requirements")) {
    if (!requirements->is_array()) return BadRequest("Cannot parse requirements from non-array");
    change.requirements = *requirements;
  }
  if (const nlohmann::json* updates = FindField(json, "updates")) {
    if (!updates->is_array()) return BadRequest("Cannot parse updates from non-array");
    change.updates = *updates;
  }
  return change;
}

nlohmann::json CreateViewRequestToJson(const CreateViewRequest& request) {
  nlohmann::json out = {{"name", request.name},
                        {"schema", IcebergSchemaToJson(request.schema)},
                        {"view-version", request.view_version},
                        {"properties", StringMapToJson(request.properties)}};
  if (request.location) out["location"] = *request.location;
  return out;
}

Result<CreateViewRequest> CreateViewRequestFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadRequest("Invalid create view request: not an object");
  CreateViewRequest request;
  SPK_ASSIGN_OR_RAISE(request.name, StringField(json, "name"));
  SPK_ASSIGN_OR_RAISE(request.location, OptionalStringField(json, "location"));
  if (request.location && request.location->empty()) request.location.reset();
  const nlohmann::json* schema = FindField(json, "schema");
  if (schema == nullptr) return BadRequest("Invalid create view request: missing schema");
  SPK_ASSIGN_OR_RAISE(request.schema, IcebergSchemaFromJson(*schema));
  const nlohmann::json* version = FindField(json, "view-version");
  if (version == nullptr || !version->is_object()) {
    return BadRequest("Invalid create view request: missing view-version");
  }
  request.view_version = *version;
  SPK_ASSIGN_OR_RAISE(request.properties, StringMapField(json, "properties"));
  return request;
}

nlohmann::json LoadViewResultToJson(const LoadedView& view) {
  return {{"metadata-location", view.metadata_location},
          {"metadata", view.metadata},
          {"config", nlohmann::json::object()}};
}

Result<LoadedView> LoadViewResultFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadRequest("Invalid load view result: not an object");
  LoadedView view;
  SPK_ASSIGN_OR_RAISE(view.metadata_location, StringField(json, "metadata-location"));
  const nlohmann::json* metadata = FindField(json, "metadata");
  if (metadata == nullptr || !metadata->is_object()) {
    return BadRequest("Invalid load view result: missing metadata");
  }
  view.metadata = *metadata;
  return view;
}

RestErrorType CatalogErrorType(const std::string& error_class) {
  static const struct {
    const char* error_class;
    int code;
    const char* type;
  } kTypes[] = {
      {"ICEBERG_NO_SUCH_NAMESPACE", 404, "NoSuchNamespaceException"},
      {"ICEBERG_NO_SUCH_TABLE", 404, "NoSuchTableException"},
      {"ICEBERG_NO_SUCH_VIEW", 404, "NoSuchViewException"},
      {"ICEBERG_ALREADY_EXISTS", 409, "AlreadyExistsException"},
      {"ICEBERG_NAMESPACE_NOT_EMPTY", 409, "NamespaceNotEmptyException"},
      {"ICEBERG_COMMIT_FAILED", 409, "CommitFailedException"},
      {"ICEBERG_BAD_REQUEST", 400, "BadRequestException"},
      {"ICEBERG_VALIDATION", 400, "ValidationException"},
      {"ICEBERG_UNSUPPORTED", 406, "UnsupportedOperationException"},
      {"ICEBERG_UNPROCESSABLE", 422, "UnprocessableEntityException"},
      {"ICEBERG_COMMIT_STATE_UNKNOWN", 500, "CommitStateUnknownException"},
  };
  for (const auto& entry : kTypes) {
    if (error_class == entry.error_class) return RestErrorType{entry.code, entry.type};
  }
  return RestErrorType{};
}

nlohmann::json ErrorResponseJson(const Status& status) {
  RestErrorType type = CatalogErrorType(status.error().error_class);
  return {{"error", {{"message", status.message()}, {"type", type.type}, {"code", type.code}}}};
}

Status StatusFromErrorResponse(int http_code, const std::string& body, RestRoute route) {
  std::string message;
  std::string type;
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (const nlohmann::json* error = FindField(parsed, "error")) {
    if (auto text = StringField(*error, "message"); text.ok()) message = *text;
    if (auto name = StringField(*error, "type"); name.ok()) type = *name;
  }
  if (message.empty()) {
    message = "HTTP " + std::to_string(http_code) +
              (body.empty() ? std::string() : ": " + body.substr(0, 500));
  }
  switch (http_code) {
    case 400:
      if (type == "NamespaceNotEmptyException") {
        return CatalogError("ICEBERG_NAMESPACE_NOT_EMPTY", message);
      }
      if (type == "ValidationException") return CatalogError("ICEBERG_VALIDATION", message);
      return CatalogError("ICEBERG_BAD_REQUEST", message);
    case 404:
      if (type == "NoSuchNamespaceException") {
        return CatalogError("ICEBERG_NO_SUCH_NAMESPACE", message);
      }
      if (type == "NoSuchTableException") return CatalogError("ICEBERG_NO_SUCH_TABLE", message);
      if (type == "NoSuchViewException") return CatalogError("ICEBERG_NO_SUCH_VIEW", message);
      if (route == RestRoute::kNamespace) {
        return CatalogError("ICEBERG_NO_SUCH_NAMESPACE", message);
      }
      if (route == RestRoute::kView) return CatalogError("ICEBERG_NO_SUCH_VIEW", message);
      return CatalogError("ICEBERG_NO_SUCH_TABLE", message);
    case 406:
      return CatalogError("ICEBERG_UNSUPPORTED", message);
    case 409:
      if (type == "CommitFailedException" || route == RestRoute::kCommit) {
        return CatalogError("ICEBERG_COMMIT_FAILED", message);
      }
      if (type == "NamespaceNotEmptyException") {
        return CatalogError("ICEBERG_NAMESPACE_NOT_EMPTY", message);
      }
      return CatalogError("ICEBERG_ALREADY_EXISTS", message);
    case 422:
      return CatalogError("ICEBERG_UNPROCESSABLE", message);
    default:
      break;
  }
  if (http_code >= 500 && route == RestRoute::kCommit) {
    return CatalogError("ICEBERG_COMMIT_STATE_UNKNOWN", message);
  }
  if (http_code == 401 || http_code == 403) {
    return CatalogError("ICEBERG_BAD_REQUEST", "Not authorized: " + message);
  }
  return Status::Internal("Iceberg REST catalog error " + std::to_string(http_code) + ": " +
                          message);
}

}  // namespace sparkling::iceberg
