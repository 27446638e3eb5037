#include "iceberg/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "iceberg/iceberg_catalog.h"

namespace sparkling::iceberg {
namespace {

Status IoError(const std::string& what, const std::string& path) {
  return Status::Internal(what + " " + path + ": " + std::strerror(errno));
}

Status SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return IoError("cannot open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError("cannot sync directory", dir);
  return Status::OK();
}

}  // namespace

Result<std::string> LocalPath(std::string_view location) {
  std::string_view path = location;
  if (path.rfind("file://", 0) == 0) {
    path.remove_prefix(7);
    // file://localhost/x and file:///x
    if (path.rfind("localhost/", 0) == 0) path.remove_prefix(9);
  } else if (path.rfind("file:", 0) == 0) {
    path.remove_prefix(5);
  }
  if (path.empty() || path[0] != '/') {
    return CatalogError("ICEBERG_VALIDATION",
                        "Unsupported location (only local absolute paths and file: URIs): " +
                            std::string(location));
  }
  return std::filesystem::path(path).lexically_normal().string();
}

std::string FileUri(std::string_view path) {
  std::string normal = std::filesystem::path(path).lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return "file://" + normal;
}

std::string JoinLocation(std::string_view location, std::string_view relative) {
  std::string out(location);
  while (!out.empty() && out.back() == '/') out.pop_back();
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  out.push_back('/');
  out.append(relative);
  return out;
}

bool IsWithin(std::string_view path, std::string_view root) {
  std::filesystem::path p = std::filesystem::path(path).lexically_normal();
  std::filesystem::path r = std::filesystem::path(root).lexically_normal();
  auto rel = p.lexically_relative(r);
  if (rel.empty()) return false;
  auto first = *rel.begin();
  return first != "..";
}

Result<std::string> ReadLocalFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read", path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Status WriteLocalFileDurably(const std::string& path, std::string_view data) {
  std::filesystem::path target(path);
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) {
    return CatalogError("ICEBERG_ALREADY_EXISTS", "File already exists: " + path);
  }
  SPK_RETURN_NOT_OK(MakeDirectories(target.parent_path().string()));
  static thread_local std::mt19937_64 random(std::random_device{}());
  std::string temp = path + "." + std::to_string(random()) + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create", temp);
  size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status status = IoError("cannot write", temp);
      ::close(fd);
      ::unlink(temp.c_str());
      return status;
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status status = IoError("cannot sync", temp);
    ::close(fd);
    ::unlink(temp.c_str());
    return status;
  }
  ::close(fd);
  // link() fails when the target exists, unlike rename(): a file is never replaced.
  if (::link(temp.c_str(), path.c_str()) != 0) {
    Status status = errno == EEXIST
                        ? CatalogError("ICEBERG_ALREADY_EXISTS", "File already exists: " + path)
                        : IoError("cannot create", path);
    ::unlink(temp.c_str());
    return status;
  }
  ::unlink(temp.c_str());
  return SyncDirectory(target.parent_path().string());
}

Status SyncLocalFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError("cannot sync", path);
  return SyncDirectory(std::filesystem::path(path).parent_path().string());
}

Status MakeDirectories(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Status::Internal("cannot create directory " + path + ": " + ec.message());
  return Status::OK();
}

Status DeleteLocalFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return IoError("cannot delete", path);
  return Status::OK();
}

Status DeleteLocalTree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  if (ec) return Status::Internal("cannot delete " + path + ": " + ec.message());
  return Status::OK();
}

}  // namespace sparkling::iceberg
