#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace sparkling::pipelines {

/// The progress of one streaming flow: which files of each source it has appended, and up to
/// which snapshot it has read each streaming table. Spark's
/// layout: <storage>/_checkpoints/<catalog>/<database>/<table>/<flow>/<n>, `n` the highest
/// numbered directory; a full refresh starts the next number (the old one stays, as in Spark).
/// The state is one JSON file, replaced atomically after the table commit it describes.
class FlowCheckpoint {
 public:
  /// Opens (creating it) the latest checkpoint directory of the flow; `reset` starts a new one.
  /// Fails with a message naming the path when the storage cannot be written.
  static Result<FlowCheckpoint> Open(const std::string& storage_root,
                                     const std::vector<std::string>& table,
                                     const std::string& flow_name, bool reset);

  bool Processed(const std::string& source, const std::string& file) const;
  void MarkProcessed(const std::string& source, const std::string& file);
  /// A source read by position (a table's snapshot id): the last position read, if any.
  std::optional<std::string> Offset(const std::string& source) const;
  void SetOffset(const std::string& source, const std::string& offset);
  /// Writes the state (temp file + rename).
  Status Commit() const;

  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
  std::map<std::string, std::set<std::string>> processed_;  // source → files
};

/// PIPELINE_STORAGE_ROOT_INVALID unless `storage` is an absolute `file:` URI or path.
Status ValidateStorageRoot(const std::string& storage);

}  // namespace sparkling::pipelines
