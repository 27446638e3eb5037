#pragma once

// The JSON bodies of the Iceberg REST API (rest-catalog-open-api.yaml) as the catalog types,
// shared by the REST server and the REST client, and the error model's mapping of ICEBERG_*
// error classes to HTTP codes and Java exception names.

#include <nlohmann/json.hpp>

#include <string>

#include "common/status.h"
#include "iceberg/iceberg_catalog.h"

namespace sparkling::iceberg {

nlohmann::json NamespaceToJson(const Namespace& ns);
Result<Namespace> NamespaceFromJson(const nlohmann::json& json);
nlohmann::json TableIdentifierToJson(const TableIdentifier& id);
Result<TableIdentifier> TableIdentifierFromJson(const nlohmann::json& json);

nlohmann::json CreateTableRequestToJson(const CreateTableRequest& request);
Result<CreateTableRequest> CreateTableRequestFromJson(const nlohmann::json& json);

/// LoadTableResult: {"metadata-location", "metadata", "config"}; metadata-location is
/// omitted for staged creates.
nlohmann::json LoadTableResultToJson(const LoadedTable& table);
Result<LoadedTable> LoadTableResultFromJson(const nlohmann::json& json);

/// CommitTableRequest / one entry of CommitTransactionRequest.
nlohmann::json TableChangeToJson(const TableChange& change);
/// `identifier` is optional in the body (Java omits it on single-table commits).
Result<TableChange> TableChangeFromJson(const nlohmann::json& json);

nlohmann::json CreateViewRequestToJson(const CreateViewRequest& request);
Result<CreateViewRequest> CreateViewRequestFromJson(const nlohmann::json& json);
nlohmann::json LoadViewResultToJson(const LoadedView& view);
Result<LoadedView> LoadViewResultFromJson(const nlohmann::json& json);

/// The REST error model's code and `type` for an error class: ICEBERG_* classes as listed in
/// iceberg_catalog.h; anything else is 500 InternalServerError.
struct RestErrorType {
  int code = 500;
  std::string type = "InternalServerError";
};
RestErrorType CatalogErrorType(const std::string& error_class);
/// {"error":{"message","type","code"}} for a failed Status.
nlohmann::json ErrorResponseJson(const Status& status);

/// Which kind of route an error came from, for mapping it back as Java's ErrorHandlers do.
enum class RestRoute { kNamespace, kTable, kCommit, kView, kOther };
/// The Status a REST error response stands for (the client side of the error model).
Status StatusFromErrorResponse(int http_code, const std::string& body, RestRoute route);

}  // namespace sparkling::iceberg
