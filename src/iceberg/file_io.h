#pragma once

// Files of tables on the local file system. Locations are URIs ("file:///abs/path",
// "file:/abs/path") or absolute paths; nothing else is supported.

#include <string>
#include <string_view>

#include "common/status.h"

namespace sparkling::iceberg {

/// The local path of a location; ICEBERG_VALIDATION for other schemes or relative paths.
Result<std::string> LocalPath(std::string_view location);
/// "file://" + the absolute, normalized path.
std::string FileUri(std::string_view path);
/// Joins a location and a relative part with one '/'.
std::string JoinLocation(std::string_view location, std::string_view relative);
/// Whether `path` is `root` or lies below it, after normalizing "." and ".." (no symlinks
/// are followed): the guard against path traversal.
bool IsWithin(std::string_view path, std::string_view root);

Result<std::string> ReadLocalFile(const std::string& path);
/// Writes a new file durably: a temporary file in the same directory, fsync, rename, fsync of
/// the directory. Fails with ICEBERG_ALREADY_EXISTS if `path` exists (never overwrites).
Status WriteLocalFileDurably(const std::string& path, std::string_view data);
/// Creates the directory and its parents.
/// fsync()s a file written by other means (Parquet data files) and the directory entry that
/// names it, so that a commit referencing it never outlives its content.
Status SyncLocalFile(const std::string& path);

Status MakeDirectories(const std::string& path);
/// Deletes a file; a missing file is not an error.
Status DeleteLocalFile(const std::string& path);
/// Deletes a directory tree; a missing one is not an error.
Status DeleteLocalTree(const std::string& path);

}  // namespace sparkling::iceberg
