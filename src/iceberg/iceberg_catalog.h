#pragma once

// The Iceberg catalog as the REST specification defines it, in C++ terms. Two
// implementations: WarehouseCatalog (the embedded catalog over a local warehouse, SQLite in
// Iceberg's JDBC-catalog layout) and RestCatalogClient (any Iceberg REST server by URI). The
// REST server (rest_catalog/) serves an IcebergCatalog; the engine writes tables through one:
// one implementation of commits, two callers.
//
// Errors are Statuses whose error class is one of the ICEBERG_* classes below; each maps to
// the REST error model's HTTP code and Java exception type name (see CatalogErrorType() in
// rest_messages.h).

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "iceberg/table_metadata.h"

namespace sparkling::iceberg {

// Error classes (registered in common/error_classes.cc, message template "<message>"):
//   ICEBERG_NO_SUCH_NAMESPACE      404 NoSuchNamespaceException
//   ICEBERG_NO_SUCH_TABLE          404 NoSuchTableException
//   ICEBERG_NO_SUCH_VIEW           404 NoSuchViewException
//   ICEBERG_ALREADY_EXISTS         409 AlreadyExistsException
//   ICEBERG_NAMESPACE_NOT_EMPTY    409 NamespaceNotEmptyException
//   ICEBERG_COMMIT_FAILED          409 CommitFailedException
//   ICEBERG_BAD_REQUEST            400 BadRequestException (malformed JSON, unknown update)
//   ICEBERG_VALIDATION             400 ValidationException
//   ICEBERG_UNSUPPORTED            406 UnsupportedOperationException
//   ICEBERG_UNPROCESSABLE          422 UnprocessableEntityException
//   ICEBERG_COMMIT_STATE_UNKNOWN   500 CommitStateUnknownException
// Messages use Java's wording ("Table does not exist: ns.tbl").
Status CatalogError(const std::string& error_class, const std::string& message);

using Namespace = std::vector<std::string>;

struct TableIdentifier {
  Namespace ns;
  std::string name;
  /// "a.b.t" as Java prints identifiers in messages.
  std::string ToString() const;
  bool operator<(const TableIdentifier& other) const;
  bool operator==(const TableIdentifier& other) const = default;
};

struct LoadedTable {
  /// Empty for a staged create (nothing persisted yet).
  std::string metadata_location;
  std::shared_ptr<const TableMetadata> metadata;
  std::map<std::string, std::string> config;
};

struct CreateTableRequest {
  std::string name;
  std::optional<std::string> location;
  IcebergSchema schema;
  std::optional<PartitionSpec> partition_spec;  // field ids / source ids as given
  std::optional<SortOrder> write_order;
  std::map<std::string, std::string> properties;  // "format-version" is taken from here
  bool stage_create = false;
};

/// One table's commit: requirements and updates in the REST spec's JSON form
/// ({"type":"assert-table-uuid","uuid":...}, {"action":"add-snapshot","snapshot":{...}}).
struct TableChange {
  TableIdentifier identifier;
  nlohmann::json requirements = nlohmann::json::array();
  nlohmann::json updates = nlohmann::json::array();
};

struct NamespacePropertiesUpdate {
  std::vector<std::string> updated;
  std::vector<std::string> removed;
  std::vector<std::string> missing;
};

struct LoadedView {
  std::string metadata_location;
  nlohmann::json metadata;  // the view metadata JSON (format-version 1)
};

struct CreateViewRequest {
  std::string name;
  std::optional<std::string> location;
  IcebergSchema schema;
  nlohmann::json view_version;  // {"version-id","timestamp-ms","schema-id","summary",...}
  std::map<std::string, std::string> properties;
};

class IcebergCatalog {
 public:
  virtual ~IcebergCatalog() = default;

  /// Where new tables go by default ("file:///.../warehouse"); the `warehouse` location.
  virtual std::string warehouse_location() const = 0;

  // Namespaces. Listing returns full identifiers of the direct children of `parent`.
  virtual Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent) = 0;
  virtual Status CreateNamespace(const Namespace& ns,
                                 const std::map<std::string, std::string>& properties) = 0;
  virtual Result<std::map<std::string, std::string>> LoadNamespace(const Namespace& ns) = 0;
  virtual Result<bool> NamespaceExists(const Namespace& ns) = 0;
  /// ICEBERG_NAMESPACE_NOT_EMPTY when it holds tables, views or namespaces.
  virtual Status DropNamespace(const Namespace& ns) = 0;
  virtual Result<NamespacePropertiesUpdate> UpdateNamespaceProperties(
      const Namespace& ns, const std::vector<std::string>& removals,
      const std::map<std::string, std::string>& updates) = 0;

  // Tables.
  virtual Result<std::vector<TableIdentifier>> ListTables(const Namespace& ns) = 0;
  /// Fresh ids assigned as Java's TableMetadata.newTableMetadata does; staged creates persist
  /// nothing and are completed by a CommitTable whose requirements are [assert-create].
  virtual Result<LoadedTable> CreateTable(const Namespace& ns,
                                          const CreateTableRequest& request) = 0;
  virtual Result<LoadedTable> LoadTable(const TableIdentifier& id) = 0;
  virtual Result<bool> TableExists(const TableIdentifier& id) = 0;
  /// `purge` deletes every file the table's metadata reaches.
  virtual Status DropTable(const TableIdentifier& id, bool purge) = 0;
  virtual Status RenameTable(const TableIdentifier& from, const TableIdentifier& to) = 0;
  virtual Result<LoadedTable> RegisterTable(const TableIdentifier& id,
                                            const std::string& metadata_location,
                                            bool overwrite) = 0;
  /// Checks the requirements against the latest committed metadata, applies the updates,
  /// writes the new metadata file durably and moves the pointer; ICEBERG_COMMIT_FAILED (409)
  /// when a requirement fails, with no side effect.
  virtual Result<LoadedTable> CommitTable(const TableChange& change) = 0;
  /// All tables or none.
  virtual Status CommitTransaction(const std::vector<TableChange>& changes) = 0;

  // Views (Iceberg view spec, format-version 1).
  virtual Result<std::vector<TableIdentifier>> ListViews(const Namespace& ns) = 0;
  virtual Result<LoadedView> CreateView(const Namespace& ns, const CreateViewRequest& request) = 0;
  virtual Result<LoadedView> LoadView(const TableIdentifier& id) = 0;
  virtual Result<bool> ViewExists(const TableIdentifier& id) = 0;
  virtual Status DropView(const TableIdentifier& id) = 0;
  virtual Status RenameView(const TableIdentifier& from, const TableIdentifier& to) = 0;
  /// {"requirements":[{"type":"assert-view-uuid",...}],"updates":[...]} applied to a view.
  virtual Result<LoadedView> ReplaceView(const TableIdentifier& id,
                                         const nlohmann::json& requirements,
                                         const nlohmann::json& updates) = 0;
};

/// The catalog of a local warehouse directory: state in `<warehouse>/catalog.db` (SQLite,
/// Iceberg's JDBC-catalog tables, catalog name `catalog_name`), tables under
/// `<warehouse>/<ns>/<table>` unless a location is given. Safe for concurrent use.
Result<std::shared_ptr<IcebergCatalog>> OpenWarehouseCatalog(const std::string& warehouse_dir,
                                                             const std::string& catalog_name);

/// A client of an Iceberg REST catalog at `uri` ("http://host:port", optional path prefix).
Result<std::shared_ptr<IcebergCatalog>> ConnectRestCatalog(const std::string& uri,
                                                           const std::string& warehouse = "");

}  // namespace sparkling::iceberg
