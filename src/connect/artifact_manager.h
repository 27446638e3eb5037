#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace spark::connect {
class AddArtifactsRequest;
class AddArtifactsResponse;
}  // namespace spark::connect

namespace sparkling::connect {

/// CRC-32 (IEEE 802.3, zlib's crc32) of `data`, continuing from `crc`.
uint32_t Crc32(std::string_view data, uint32_t crc = 0);

using ArtifactBytes = std::shared_ptr<const std::string>;

/// The artifacts clients upload with AddArtifacts, per session: `cache/<sha256>` blobs
/// (createDataFrame data above the cache threshold: CachedLocalRelation and
/// ChunkedCachedLocalRelation), and pyfiles/jars/files/archives (stored, not used yet).
/// Held in memory; dropped with the session. Thread-safe.
class ArtifactManager {
 public:
  /// The artifact `name` ("cache/<hash>", "pyfiles/x.py") of the session, or nullptr.
  ArtifactBytes Find(const std::string& session_id, const std::string& name) const;
  /// The cached blob with this sha256 hex digest, as CachedLocalRelation refers to it; an
  /// InvalidPlanInput error when the session has no such blob.
  Result<ArtifactBytes> FindCachedBlob(const std::string& session_id,
                                       const std::string& hash) const;
  bool Exists(const std::string& session_id, const std::string& name) const;

  /// Stores an artifact. INVALID_ARTIFACT_PATH for absolute names or names leaving the
  /// artifact directory; ARTIFACT_ALREADY_EXISTS when a non-cache artifact is re-added with
  /// different content.
  Status Store(const std::string& session_id, const std::string& name, std::string bytes);

  /// Drops all artifacts of a session (ReleaseSession, expiry).
  void RemoveSession(const std::string& session_id);
  /// Copies a session's artifacts to another (CloneSession).
  void CopySession(const std::string& from_session_id, const std::string& to_session_id);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::map<std::string, ArtifactBytes>> artifacts_;  // session → name → data
};

/// The state of one AddArtifacts client stream: single-chunk batches and chunked artifacts
/// (begin_chunk followed by chunks), each chunk checked against its CRC. An artifact is stored
/// only when all its chunks arrived intact; the response reports per artifact whether the CRC
/// checks passed.
class ArtifactUpload {
 public:
  ArtifactUpload(ArtifactManager& manager, std::string session_id);

  /// Consumes one stream message. Errors end the RPC (protocol violations, invalid names).
  Status Add(const spark::connect::AddArtifactsRequest& request);
  /// The stream ended: INVALID (error) when a chunked artifact is incomplete; else the summary.
  Status Finish(spark::connect::AddArtifactsResponse* response);

 private:
  struct PendingChunked {
    std::string name;
    int64_t total_bytes = 0;
    int64_t chunks_expected = 0;
    int64_t chunks_received = 0;
    bool crc_ok = true;
    std::string data;
  };
  Status CompleteChunked();
  Status Record(const std::string& name, std::string data, bool crc_ok);

  ArtifactManager& manager_;
  const std::string session_id_;
  std::optional<PendingChunked> pending_;
  std::vector<std::pair<std::string, bool>> summaries_;  // name, CRC successful
};

}  // namespace sparkling::connect
