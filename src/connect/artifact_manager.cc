#include "connect/artifact_manager.h"

#include <spark/connect/base.pb.h>

#include <array>

namespace sparkling::connect {
namespace {

constexpr std::string_view kCachePrefix = "cache/";

const std::array<uint32_t, 256>& Crc32Table() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

// Artifact names are relative paths inside the session's artifact directory.
bool IsValidArtifactName(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\0') != std::string::npos) return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string_view part(name.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

Status InvalidArtifactPath(const std::string& name) {
  return Status::Error("INVALID_ARTIFACT_PATH", {{"name", name}});
}

// Protocol violations of the AddArtifacts stream; Spark reports them as plain
// InvalidPlanInput-like errors without an error class.
Status ProtocolError(const std::string& message) {
  SparkError error;
  error.kind = ErrorKind::kInvalidPlanInput;
  error.message = message;
  return Status(std::move(error));
}

}  // namespace

uint32_t Crc32(std::string_view data, uint32_t crc) {
  const auto& table = Crc32Table();
  crc = ~crc;
  for (unsigned char byte : data) crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

ArtifactBytes ArtifactManager::Find(const std::string& session_id, const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto session = artifacts_.find(session_id);
  if (session == artifacts_.end()) return nullptr;
  auto it = session->second.find(name);
  return it == session->second.end() ? nullptr : it->second;
}

Result<ArtifactBytes> ArtifactManager::FindCachedBlob(const std::string& session_id,
                                                      const std::string& hash) const {
  ArtifactBytes blob = Find(session_id, std::string(kCachePrefix) + hash);
  if (blob == nullptr) {
    SparkError error;
    error.kind = ErrorKind::kInvalidPlanInput;
    error.message = "Not found any cached local relation with the hash: " + hash +
                    " in the session with sessionUUID " + session_id + ".";
    return Status(std::move(error));
  }
  return blob;
}

bool ArtifactManager::Exists(const std::string& session_id, const std::string& name) const {
  return Find(session_id, name) != nullptr;
}

Status ArtifactManager::Store(const std::string& session_id, const std::string& name,
                              std::string bytes) {
  if (!IsValidArtifactName(name)) return InvalidArtifactPath(name);
  std::lock_guard lock(mutex_);
  auto& session = artifacts_[session_id];
  auto it = session.find(name);
  if (it != session.end()) {
    // Cache blobs are content-addressed, re-uploads are harmless; other names are immutable.
    if (name.rfind(kCachePrefix, 0) == 0 || *it->second == bytes) return Status::OK();
    return Status::Error("ARTIFACT_ALREADY_EXISTS", {{"normalizedRemoteRelativePath", name}});
  }
  session.emplace(name, std::make_shared<const std::string>(std::move(bytes)));
  return Status::OK();
}

void ArtifactManager::RemoveSession(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  artifacts_.erase(session_id);
}

void ArtifactManager::CopySession(const std::string& from_session_id,
                                  const std::string& to_session_id) {
  std::lock_guard lock(mutex_);
  auto it = artifacts_.find(from_session_id);
  if (it == artifacts_.end()) return;
  auto copy = it->second;  // blobs are immutable and shared
  artifacts_[to_session_id] = std::move(copy);
}

ArtifactUpload::ArtifactUpload(ArtifactManager& manager, std::string session_id)
    : manager_(manager), session_id_(std::move(session_id)) {}

Status ArtifactUpload::Record(const std::string& name, std::string data, bool crc_ok) {
  if (crc_ok) SPK_RETURN_NOT_OK(manager_.Store(session_id_, name, std::move(data)));
  summaries_.emplace_back(name, crc_ok);
  return Status::OK();
}

Status ArtifactUpload::CompleteChunked() {
  PendingChunked done = std::move(*pending_);
  pending_.reset();
  bool intact = done.crc_ok && static_cast<int64_t>(done.data.size()) == done.total_bytes;
  return Record(done.name, std::move(done.data), intact);
}

Status ArtifactUpload::Add(const spark::connect::AddArtifactsRequest& request) {
  using Request = spark::connect::AddArtifactsRequest;
  switch (request.payload_case()) {
    case Request::kBatch: {
      if (pending_) return ProtocolError("AddArtifacts: batch while a chunked artifact is open");
      for (const auto& artifact : request.batch().artifacts()) {
        if (!IsValidArtifactName(artifact.name())) return InvalidArtifactPath(artifact.name());
        const auto& chunk = artifact.data();
        bool crc_ok = Crc32(chunk.data()) == static_cast<uint32_t>(chunk.crc());
        SPK_RETURN_NOT_OK(Record(artifact.name(), chunk.data(), crc_ok));
      }
      return Status::OK();
    }
    case Request::kBeginChunk: {
      if (pending_) return ProtocolError("AddArtifacts: begin_chunk before the previous ended");
      const auto& begin = request.begin_chunk();
      if (!IsValidArtifactName(begin.name())) return InvalidArtifactPath(begin.name());
      if (begin.num_chunks() <= 0 || begin.total_bytes() < 0) {
        return ProtocolError("AddArtifacts: invalid chunk count or size for " + begin.name());
      }
      PendingChunked pending;
      pending.name = begin.name();
      pending.total_bytes = begin.total_bytes();
      pending.chunks_expected = begin.num_chunks();
      pending.data.reserve(static_cast<size_t>(std::min<int64_t>(begin.total_bytes(), 1 << 30)));
      pending_ = std::move(pending);
      const auto& chunk = begin.initial_chunk();
      pending_->crc_ok = Crc32(chunk.data()) == static_cast<uint32_t>(chunk.crc());
      pending_->data += chunk.data();
      pending_->chunks_received = 1;
      if (pending_->chunks_received == pending_->chunks_expected) return CompleteChunked();
      return Status::OK();
    }
    case Request::kChunk: {
      if (!pending_) return ProtocolError("AddArtifacts: chunk without begin_chunk");
      const auto& chunk = request.chunk();
      if (Crc32(chunk.data()) != static_cast<uint32_t>(chunk.crc())) pending_->crc_ok = false;
      pending_->data += chunk.data();
      ++pending_->chunks_received;
      if (pending_->chunks_received == pending_->chunks_expected) return CompleteChunked();
      return Status::OK();
    }
    case Request::PAYLOAD_NOT_SET:
      return ProtocolError("AddArtifacts: request without payload");
  }
  return ProtocolError("AddArtifacts: unknown payload");
}

Status ArtifactUpload::Finish(spark::connect::AddArtifactsResponse* response) {
  if (pending_) {
    std::string name = pending_->name;
    pending_.reset();
    return ProtocolError("AddArtifacts: stream ended before all chunks of " + name + " arrived");
  }
  response->clear_artifacts();
  for (const auto& [name, crc_ok] : summaries_) {
    auto* summary = response->add_artifacts();
    summary->set_name(name);
    summary->set_is_crc_successful(crc_ok);
  }
  return Status::OK();
}

}  // namespace sparkling::connect
