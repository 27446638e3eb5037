#include "pipelines/flow_checkpoint.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipelines/file_source.h"

namespace sparkling::pipelines {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStateFile = "sources.json";

Status StorageError(const std::string& path, const std::string& reason) {
  return Status::Error("_LEGACY_ERROR_PIPELINE_RUNTIME",
                       {{"message", "Cannot write pipeline storage at " + path + ": " + reason}});
}

}  // namespace

Status ValidateStorageRoot(const std::string& storage) {
  bool absolute_uri = storage.rfind("file:/", 0) == 0;
  bool absolute_path = !storage.empty() && storage[0] == '/';
  if (!absolute_uri && !absolute_path) {
    return Status::Error("PIPELINE_STORAGE_ROOT_INVALID", {{"storage_root", storage}});
  }
  return Status::OK();
}

Result<FlowCheckpoint> FlowCheckpoint::Open(const std::string& storage_root,
                                            const std::vector<std::string>& table,
                                            const std::string& flow_name, bool reset) {
  SPK_ASSIGN_OR_RAISE(std::string root, LocalPathOf(storage_root));
  fs::path flow_dir = fs::path(root) / "_checkpoints";
  for (const auto& part : table) flow_dir /= part;
  flow_dir /= flow_name;
  std::error_code error;
  fs::create_directories(flow_dir, error);
  if (error) return StorageError(flow_dir.string(), error.message());
  int latest = -1;
  for (const auto& entry : fs::directory_iterator(flow_dir, error)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.empty() ||
        name.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    latest = std::max(latest, std::stoi(name));
  }
  if (error) return StorageError(flow_dir.string(), error.message());
  int number = latest < 0 ? 0 : (reset ? latest + 1 : latest);
  FlowCheckpoint checkpoint;
  checkpoint.directory_ = (flow_dir / std::to_string(number)).string();
  fs::create_directories(checkpoint.directory_, error);
  if (error) return StorageError(checkpoint.directory_, error.message());
  std::ifstream in(fs::path(checkpoint.directory_) / kStateFile);
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json state = nlohmann::json::parse(text.str(), nullptr, false);
    if (state.is_object()) {
      for (const auto& [source, files] : state.items()) {
        if (!files.is_array()) continue;
        for (const auto& file : files) {
          if (file.is_string()) checkpoint.processed_[source].insert(file.get<std::string>());
        }
      }
    }
  }
  return checkpoint;
}

bool FlowCheckpoint::Processed(const std::string& source, const std::string& file) const {
  auto it = processed_.find(source);
  return it != processed_.end() && it->second.count(file) > 0;
}

void FlowCheckpoint::MarkProcessed(const std::string& source, const std::string& file) {
  processed_[source].insert(file);
}

std::optional<std::string> FlowCheckpoint::Offset(const std::string& source) const {
  auto it = processed_.find(source);
  if (it == processed_.end() || it->second.empty()) return std::nullopt;
  return *it->second.begin();
}

void FlowCheckpoint::SetOffset(const std::string& source, const std::string& offset) {
  processed_[source] = {offset};
}

Status FlowCheckpoint::Commit() const {
  nlohmann::json state = nlohmann::json::object();
  for (const auto& [source, files] : processed_) {
    state[source] = nlohmann::json(std::vector<std::string>(files.begin(), files.end()));
  }
  fs::path target = fs::path(directory_) / kStateFile;
  fs::path temporary = fs::path(directory_) / (std::string(".") + kStateFile + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << state.dump(1);
    if (!out) return StorageError(temporary.string(), "write failed");
  }
  std::error_code error;
  fs::rename(temporary, target, error);
  if (error) return StorageError(target.string(), error.message());
  return Status::OK();
}

}  // namespace sparkling::pipelines
