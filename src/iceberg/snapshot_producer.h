#pragma once

// Producing snapshots: manifests for added and removed files, a manifest list carrying the
// other manifests forward, and the commit through the catalog (requirements checked against
// the latest metadata; retried on conflicts as Java's SnapshotProducer does).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/manifest.h"

namespace sparkling::iceberg {

struct SnapshotChange {
  std::vector<DataFile> added;
  /// Live data files removed (copy-on-write deletes, updates, merges, partition overwrites).
  std::vector<std::string> removed_paths;
  /// Remove every live data and delete file (INSERT OVERWRITE of the whole table, TRUNCATE).
  bool remove_all = false;
  /// "append", "overwrite", "delete"; empty derives it from the change.
  std::string operation;
  /// The snapshot the change was computed from. With `serializable`, a commit fails
  /// (ICEBERG_VALIDATION, not retried) when other snapshots added data files after it (the
  /// change may have missed their rows). Any change fails that way when a file it removes is
  /// already gone.
  std::optional<int64_t> base_snapshot_id;
  bool serializable = false;
  std::map<std::string, std::string> extra_summary;
};

/// Commits `change` as a new snapshot of the table's main branch. A change that adds and
/// removes nothing commits nothing and returns the table as it is. Commits to one table from
/// this process take turns (no conflicts among them); a conflict with another writer
/// (ICEBERG_COMMIT_FAILED) is retried on the latest metadata with exponential backoff, as the
/// table's commit.retry.* properties say (Java's defaults: 4 retries, 100 ms doubling).
Result<LoadedTable> CommitSnapshot(IcebergCatalog& catalog, const TableIdentifier& id,
                                   const SnapshotChange& change);

/// The definition of a table being created or replaced (CTAS, RTAS, REPLACE TABLE).
struct TableDefinitionChange {
  IcebergSchema schema;
  PartitionSpec spec;
  SortOrder sort_order;
  std::map<std::string, std::string> properties;
  std::optional<std::string> location;
};

/// Completes a staged create (`staged` from CreateTable with stage_create) with its first
/// snapshot of `files` (none: a table without a snapshot).
Result<LoadedTable> CommitStagedCreate(IcebergCatalog& catalog, const TableIdentifier& id,
                                       const LoadedTable& staged,
                                       const std::vector<DataFile>& files);

/// Replaces an existing table's schema, spec, sort order and properties, and its content by
/// `files`, keeping its history (CREATE OR REPLACE TABLE ... AS, REPLACE TABLE).
Result<LoadedTable> CommitReplace(IcebergCatalog& catalog, const TableIdentifier& id,
                                  const LoadedTable& base, const TableDefinitionChange& definition,
                                  const std::vector<DataFile>& files);

/// Where a table's metadata files go: `write.metadata.path`, else `<location>/metadata`.
std::string MetadataLocation(const TableMetadata& metadata);

/// A new random positive snapshot id.
int64_t NewSnapshotId();
/// A random UUID string.
std::string NewUuid();

}  // namespace sparkling::iceberg
