#pragma once

// Commits as the REST specification defines them: requirements checked against the latest
// committed metadata and updates applied with the semantics of Java's TableMetadata.Builder
// (ids reused for identical schemas, specs and sort orders, -1 meaning "last added", the
// snapshot log following main, the metadata log capped by write.metadata.previous-versions-max,
// row lineage on v3). Also the metadata of new tables and of views.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/table_metadata.h"

namespace sparkling::iceberg {

/// The newest format version tables can be created with or upgraded to.
constexpr int kMaxFormatVersion = 3;

struct TableRequirement {
  enum class Kind {
    kAssertCreate,
    kAssertTableUuid,
    kAssertRefSnapshotId,
    kAssertLastAssignedFieldId,
    kAssertCurrentSchemaId,
    kAssertLastAssignedPartitionId,
    kAssertDefaultSpecId,
    kAssertDefaultSortOrderId,
    kAssertViewUuid,
  };
  Kind kind = Kind::kAssertCreate;
  std::string uuid;                    // table or view uuid
  std::string ref;                     // assert-ref-snapshot-id
  std::optional<int64_t> snapshot_id;  // assert-ref-snapshot-id; none: the ref must not exist
  int value = 0;                       // the asserted id of the other assertions
};

struct TableUpdate {
  enum class Action {
    kAssignUuid,
    kUpgradeFormatVersion,
    kAddSchema,
    kSetCurrentSchema,
    kAddSpec,
    kSetDefaultSpec,
    kAddSortOrder,
    kSetDefaultSortOrder,
    kAddSnapshot,
    kSetSnapshotRef,
    kRemoveSnapshots,
    kRemoveSnapshotRef,
    kSetLocation,
    kSetProperties,
    kRemoveProperties,
    kSetStatistics,
    kRemoveStatistics,
    kSetPartitionStatistics,
    kRemovePartitionStatistics,
    kRemovePartitionSpecs,
    kRemoveSchemas,
    kAddEncryptionKey,
    kRemoveEncryptionKey,
    kAddViewVersion,
    kSetCurrentViewVersion,
  };
  Action action = Action::kAssignUuid;
  std::string name;  // the "action" as sent, for messages
  std::string text;  // assign-uuid uuid, set-location location, ref name, encryption key id
  int number = 0;    // format version; schema, spec, sort order or view version id (-1: last)
  std::optional<int> last_column_id;  // add-schema's deprecated field
  IcebergSchema schema;
  PartitionSpec spec;
  SortOrder sort_order;
  Snapshot snapshot;
  SnapshotRef ref;
  std::vector<int64_t> snapshot_ids;              // remove-snapshots
  std::vector<int> ids;                           // remove-partition-specs, remove-schemas
  std::map<std::string, std::string> properties;  // set-properties
  std::vector<std::string> removals;              // remove-properties
  int64_t snapshot_id = 0;                        // remove-statistics, remove-partition-statistics
  nlohmann::json payload;  // statistics file, encryption key or view version, verbatim
};

/// Parse the REST JSON arrays. Unknown types or actions, and malformed entries, are
/// ICEBERG_BAD_REQUEST (400), so nothing is checked or applied for such a request.
Result<std::vector<TableRequirement>> ParseRequirements(const nlohmann::json& json);
Result<std::vector<TableUpdate>> ParseUpdates(const nlohmann::json& json);

/// Whether the requirements are a create ([assert-create]); any other requirement next to
/// assert-create is ICEBERG_BAD_REQUEST.
Result<bool> IsCreateCommit(const std::vector<TableRequirement>& requirements);

/// Checks every requirement against `current` (nullptr: the table does not exist), in order.
/// The first failure is ICEBERG_COMMIT_FAILED with Java's "Requirement failed: ..." wording.
Status CheckRequirements(const std::vector<TableRequirement>& requirements,
                         const TableMetadata* current);

struct CommitResult {
  TableMetadata metadata;
  bool changed = false;  // false: the updates were all no-ops; nothing to write
};

/// Applies `updates` to `base` as Java's TableMetadata.Builder does. `base` nullptr builds a
/// new table from empty metadata (the assert-create path; format version from the first
/// upgrade-format-version, else 2). `base_location` is the metadata file of `base`, appended
/// to the metadata log when something changed. Invalid updates are ICEBERG_VALIDATION or
/// ICEBERG_BAD_REQUEST (400); a snapshot whose sequence number is not newer than the table's
/// is ICEBERG_COMMIT_FAILED (409) so that the writer retries on fresh metadata.
Result<CommitResult> ApplyUpdates(const TableMetadata* base, const std::string& base_location,
                                  const std::vector<TableUpdate>& updates, int64_t now_ms);

/// The reserved table properties that are never stored (format-version, uuid, ...).
bool IsReservedTableProperty(const std::string& key);

/// Metadata for a new table as Java's TableMetadata.newTableMetadata builds it: fresh column
/// ids from 1 (breadth-first), spec and sort-order source ids rebound by column name,
/// partition field ids from 1000, spec id 0, sort order id 1 (0 when unsorted), format
/// version from the "format-version" property (default 2), reserved properties stripped and
/// write.parquet.compression-codec=zstd added unless given.
Result<TableMetadata> NewTableMetadata(const CreateTableRequest& request,
                                       const std::string& location, int64_t now_ms);

/// A random (version 4) UUID in its canonical text form.
std::string RandomUuid();
/// The current time in milliseconds since the epoch.
int64_t NowMillis();

/// View metadata (view spec, format-version 1) for a new view.
Result<nlohmann::json> NewViewMetadata(const CreateViewRequest& request,
                                       const std::string& location, int64_t now_ms);
/// Checks assert-view-uuid requirements and applies view updates (assign-uuid,
/// upgrade-format-version, add-schema, set-location, set-properties, remove-properties,
/// add-view-version, set-current-view-version). Returns the new view metadata.
Result<nlohmann::json> ApplyViewUpdates(const nlohmann::json& base,
                                        const std::vector<TableRequirement>& requirements,
                                        const std::vector<TableUpdate>& updates, int64_t now_ms);
/// Minimal validation of view metadata read from a file or register request.
Status ValidateViewMetadata(const nlohmann::json& metadata);

}  // namespace sparkling::iceberg
