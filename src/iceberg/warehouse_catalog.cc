// The embedded catalog of a local warehouse: pointers in SQLite using the layout of Iceberg's
// JDBC catalog (so pyiceberg's SqlCatalog and Java's JdbcCatalog can open the same file),
// metadata files under each table's location, written durably before the pointer moves.

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <list>
#include <mutex>
#include <set>
#include <unordered_map>

#include "common/logging.h"
#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/json_fields.h"
#include "iceberg/manifest.h"
#include "iceberg/metadata_update.h"

namespace sparkling::iceberg {
namespace {

constexpr char kComponent[] = "WarehouseCatalog";
constexpr char kExistsProperty[] = "exists";
constexpr char kTableType[] = "TABLE";
constexpr char kViewType[] = "VIEW";
constexpr size_t kMetadataCacheEntries = 512;
constexpr size_t kMaxDirectoryName = 255;  // NAME_MAX of Linux file systems

Status NoSuchNamespace(const Namespace& ns);
Status NoSuchTable(const TableIdentifier& id) {
  return CatalogError("ICEBERG_NO_SUCH_TABLE", "Table does not exist: " + id.ToString());
}
Status NoSuchView(const TableIdentifier& id) {
  return CatalogError("ICEBERG_NO_SUCH_VIEW", "View does not exist: " + id.ToString());
}
Status BadRequest(const std::string& message) {
  return CatalogError("ICEBERG_BAD_REQUEST", message);
}

std::string JoinNamespace(const Namespace& ns) {
  std::string out;
  for (size_t i = 0; i < ns.size(); ++i) {
    if (i > 0) out.push_back('.');
    out += ns[i];
  }
  return out;
}

Namespace SplitNamespace(const std::string& text) {
  Namespace ns;
  if (text.empty()) return ns;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    ns.push_back(text.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return ns;
}

Status NoSuchNamespace(const Namespace& ns) {
  return CatalogError("ICEBERG_NO_SUCH_NAMESPACE",
                      "Namespace does not exist: " + JoinNamespace(ns));
}

// Names are stored as given; they only need to be representable: no NUL, not empty.
Status CheckName(const std::string& name, const char* what) {
  if (name.empty()) return BadRequest(std::string("Invalid ") + what + ": empty name");
  if (name.find('\0') != std::string::npos) {
    return BadRequest(std::string("Invalid ") + what + " name: contains NUL");
  }
  return Status::OK();
}

Status CheckNamespace(const Namespace& ns) {
  if (ns.empty()) return BadRequest("Invalid namespace: empty");
  for (const auto& level : ns) {
    SPK_RETURN_NOT_OK(CheckName(level, "namespace"));
    // The JDBC layout joins levels with '.', so a dot inside a level would be ambiguous.
    if (level.find('.') != std::string::npos) {
      return BadRequest("Invalid namespace level (contains '.'): " + level);
    }
  }
  return Status::OK();
}

// A name as one directory: '/', '\', '%' and control characters escaped, "." and ".."
// escaped, so that a default location never leaves the warehouse.
std::string DirectoryName(const std::string& name) {
  if (name == "." || name == "..") {
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) out += "%2E";
    return out;
  }
  std::string out;
  for (unsigned char c : name) {
    if (c == '/' || c == '\\' || c == '%' || c < 0x20 || c == 0x7F) {
      char escaped[4];
      std::snprintf(escaped, sizeof(escaped), "%%%02X", c);
      out += escaped;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// "00042-<uuid>.metadata.json" → 42; -1 when the name has no version prefix.
int MetadataVersion(const std::string& location) {
  size_t slash = location.find_last_of('/');
  std::string file = slash == std::string::npos ? location : location.substr(slash + 1);
  size_t dash = file.find('-');
  if (dash == std::string::npos || dash == 0 || dash > 9) return -1;
  int version = 0;
  for (size_t i = 0; i < dash; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(file[i]))) return -1;
    version = version * 10 + (file[i] - '0');
  }
  return version;
}

std::string MetadataFileName(int version, bool view) {
  char prefix[16];
  std::snprintf(prefix, sizeof(prefix), "%05d", version);
  (void)view;
  return std::string(prefix) + "-" + RandomUuid() + ".metadata.json";
}

// --- SQLite -------------------------------------------------------------------------------

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr);
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(const std::string& value) {
    if (rc_ == SQLITE_OK) {
      rc_ = sqlite3_bind_text(statement_, ++index_, value.data(), static_cast<int>(value.size()),
                              SQLITE_TRANSIENT);
    }
    return *this;
  }
  Statement& BindNull() {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_null(statement_, ++index_);
    return *this;
  }
  // SQLITE_ROW: a row is available; SQLITE_DONE: finished; anything else: error.
  int Step() {
    if (rc_ != SQLITE_OK) return rc_;
    int rc = sqlite3_step(statement_);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) rc_ = rc;
    return rc;
  }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), size);
  }
  bool IsNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  Status Error(const std::string& what) const {
    return Status::Internal("catalog database error (" + what + "): " + sqlite3_errmsg(db_));
  }
  bool ok() const { return rc_ == SQLITE_OK; }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  int rc_ = SQLITE_OK;
  int index_ = 0;
};

struct PointerRow {
  std::string metadata_location;
  std::string type;  // TABLE or VIEW
};

// Serializes the per-table work (build, write, swap) for each identifier.
class TableLocks {
 public:
  std::vector<std::unique_lock<std::mutex>> Lock(std::vector<TableIdentifier> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<std::shared_ptr<std::mutex>> mutexes;
    {
      std::lock_guard<std::mutex> guard(mutex_);
      for (const auto& id : ids) {
        auto& slot = locks_[Key(id)];
        if (!slot) slot = std::make_shared<std::mutex>();
        mutexes.push_back(slot);
      }
    }
    std::vector<std::unique_lock<std::mutex>> held;
    for (auto& m : mutexes) held.emplace_back(*m);
    return held;
  }

 private:
  static std::string Key(const TableIdentifier& id) {
    std::string key;
    for (const auto& level : id.ns) key += level + '\x1f';
    return key + '\x1e' + id.name;
  }
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<std::mutex>> locks_;
};

class WarehouseCatalog : public IcebergCatalog {
 public:
  WarehouseCatalog(std::string root, std::string catalog_name, sqlite3* db)
      : root_(std::move(root)), catalog_name_(std::move(catalog_name)), db_(db) {}
  ~WarehouseCatalog() override { sqlite3_close(db_); }

  std::string warehouse_location() const override { return FileUri(root_); }

  // ---- Namespaces ----

  Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent) override {
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_ASSIGN_OR_RAISE(std::vector<std::string> all, AllNamespacesLocked());
    if (!parent.empty() && !ExistsIn(all, parent)) return NoSuchNamespace(parent);
    std::set<Namespace> children;
    for (const auto& text : all) {
      Namespace ns = SplitNamespace(text);
      if (ns.size() <= parent.size()) continue;
      if (!std::equal(parent.begin(), parent.end(), ns.begin())) continue;
      children.insert(Namespace(ns.begin(), ns.begin() + parent.size() + 1));
    }
    return std::vector<Namespace>(children.begin(), children.end());
  }

  Status CreateNamespace(const Namespace& ns,
                         const std::map<std::string, std::string>& properties) override {
    SPK_RETURN_NOT_OK(CheckNamespace(ns));
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_ASSIGN_OR_RAISE(bool exists, NamespaceExistsLocked(ns));
    if (exists) {
      return CatalogError("ICEBERG_ALREADY_EXISTS",
                          "Namespace already exists: " + JoinNamespace(ns));
    }
    SPK_RETURN_NOT_OK(Execute("BEGIN IMMEDIATE"));
    Status status = InsertProperty(ns, kExistsProperty, "true");
    for (const auto& [key, value] : properties) {
      if (!status.ok()) break;
      if (key == kExistsProperty) continue;
      status = InsertProperty(ns, key, value);
    }
    return FinishTransaction(status);
  }

  Result<std::map<std::string, std::string>> LoadNamespace(const Namespace& ns) override {
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_ASSIGN_OR_RAISE(bool exists, NamespaceExistsLocked(ns));
    if (!exists) return NoSuchNamespace(ns);
    return PropertiesLocked(ns);
  }

  Result<bool> NamespaceExists(const Namespace& ns) override {
    std::lock_guard<std::mutex> guard(db_mutex_);
    return NamespaceExistsLocked(ns);
  }

  Status DropNamespace(const Namespace& ns) override {
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_ASSIGN_OR_RAISE(std::vector<std::string> all, AllNamespacesLocked());
    if (ns.empty() || !ExistsIn(all, ns)) return NoSuchNamespace(ns);
    const std::string name = JoinNamespace(ns);
    int tables = 0;
    {
      Statement count(db_,
                      "SELECT count(*) FROM iceberg_tables WHERE catalog_name = ? AND "
                      "table_namespace = ?");
      count.Bind(catalog_name_).Bind(name);
      if (count.Step() != SQLITE_ROW) return count.Error("count tables");
      tables = std::stoi(count.Text(0));
    }
    bool children = false;
    for (const auto& text : all) {
      if (text.size() > name.size() && text.compare(0, name.size(), name) == 0 &&
          text[name.size()] == '.') {
        children = true;
      }
    }
    if (tables > 0 || children) {
      return CatalogError(
          "ICEBERG_NAMESPACE_NOT_EMPTY",
          "Namespace " + name + " is not empty. " + std::to_string(tables) + " tables exist.");
    }
    Statement drop(db_,
                   "DELETE FROM iceberg_namespace_properties WHERE catalog_name = ? AND "
                   "namespace = ?");
    drop.Bind(catalog_name_).Bind(name);
    if (drop.Step() != SQLITE_DONE) return drop.Error("drop namespace");
    return Status::OK();
  }

  Result<NamespacePropertiesUpdate> UpdateNamespaceProperties(
      const Namespace& ns, const std::vector<std::string>& removals,
      const std::map<std::string, std::string>& updates) override {
    for (const auto& key : removals) {
      if (updates.count(key) > 0) {
        return CatalogError("ICEBERG_UNPROCESSABLE",
                            "Cannot update and remove the same property: " + key);
      }
    }
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_ASSIGN_OR_RAISE(bool exists, NamespaceExistsLocked(ns));
    if (!exists) return NoSuchNamespace(ns);
    SPK_ASSIGN_OR_RAISE(auto current, PropertiesLocked(ns));
    NamespacePropertiesUpdate result;
    SPK_RETURN_NOT_OK(Execute("BEGIN IMMEDIATE"));
    Status status;
    for (const auto& key : removals) {
      if (key == kExistsProperty || current.count(key) == 0) {
        result.missing.push_back(key);
        continue;
      }
      Statement remove(db_,
                       "DELETE FROM iceberg_namespace_properties WHERE catalog_name = ? AND "
                       "namespace = ? AND property_key = ?");
      remove.Bind(catalog_name_).Bind(JoinNamespace(ns)).Bind(key);
      if (remove.Step() != SQLITE_DONE) {
        status = remove.Error("remove property");
        break;
      }
      result.removed.push_back(key);
    }
    for (const auto& [key, value] : updates) {
      if (!status.ok()) break;
      if (key == kExistsProperty) continue;
      status = InsertProperty(ns, key, value);
      result.updated.push_back(key);
    }
    // An empty namespace keeps its marker row so that it still exists.
    if (status.ok()) status = InsertProperty(ns, kExistsProperty, "true");
    SPK_RETURN_NOT_OK(FinishTransaction(status));
    return result;
  }

  // ---- Tables ----

  Result<std::vector<TableIdentifier>> ListTables(const Namespace& ns) override {
    return ListRows(ns, kTableType);
  }

  Result<LoadedTable> CreateTable(const Namespace& ns, const CreateTableRequest& request) override {
    TableIdentifier id{ns, request.name};
    SPK_RETURN_NOT_OK(CheckIdentifier(id));
    auto locks = locks_.Lock({id});
    SPK_RETURN_NOT_OK(RequireNamespace(ns));
    SPK_RETURN_NOT_OK(RequireAbsent(id));
    SPK_ASSIGN_OR_RAISE(std::string location, TableLocation(id, request.location));
    SPK_ASSIGN_OR_RAISE(TableMetadata metadata, NewTableMetadata(request, location, NowMillis()));
    auto shared = std::make_shared<const TableMetadata>(std::move(metadata));
    if (request.stage_create) return LoadedTable{"", shared, {}};
    SPK_ASSIGN_OR_RAISE(std::string metadata_location, WriteMetadata(*shared, 0));
    Status inserted = InsertPointer(id, metadata_location, kTableType);
    if (!inserted.ok()) {
      DeleteMetadataFile(metadata_location);
      return inserted;
    }
    Remember(metadata_location, shared);
    SPK_LOG_DEBUG(kComponent, "Created table {} at {}", id.ToString(), metadata_location);
    return LoadedTable{metadata_location, shared, {}};
  }

  Result<LoadedTable> LoadTable(const TableIdentifier& id) override {
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (!row || row->type != kTableType) return NoSuchTable(id);
    SPK_ASSIGN_OR_RAISE(auto metadata, ReadMetadata(row->metadata_location));
    return LoadedTable{row->metadata_location, metadata, {}};
  }

  Result<bool> TableExists(const TableIdentifier& id) override {
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    return row.has_value() && row->type == kTableType;
  }

  Status DropTable(const TableIdentifier& id, bool purge) override {
    auto locks = locks_.Lock({id});
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (!row || row->type != kTableType) return NoSuchTable(id);
    std::shared_ptr<const TableMetadata> metadata;
    if (purge) {
      auto read = ReadMetadata(row->metadata_location);
      if (read.ok()) metadata = *read;
    }
    SPK_RETURN_NOT_OK(DeletePointer(id, kTableType));
    SPK_LOG_DEBUG(kComponent, "Dropped table {}{}", id.ToString(), purge ? " (purge)" : "");
    if (purge) Purge(row->metadata_location, metadata.get());
    return Status::OK();
  }

  Status RenameTable(const TableIdentifier& from, const TableIdentifier& to) override {
    return RenameRow(from, to, kTableType);
  }

  Result<LoadedTable> RegisterTable(const TableIdentifier& id, const std::string& metadata_location,
                                    bool overwrite) override {
    SPK_RETURN_NOT_OK(CheckIdentifier(id));
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(metadata_location));
    auto locks = locks_.Lock({id});
    SPK_RETURN_NOT_OK(RequireNamespace(id.ns));
    auto text = ReadLocalFile(path);
    if (!text.ok()) return BadRequest("Cannot read metadata file: " + metadata_location);
    SPK_ASSIGN_OR_RAISE(TableMetadata metadata, TableMetadataFromText(*text));
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (row && row->type == kViewType) {
      return CatalogError("ICEBERG_ALREADY_EXISTS",
                          "View with same name already exists: " + id.ToString());
    }
    if (row && !overwrite) {
      return CatalogError("ICEBERG_ALREADY_EXISTS", "Table already exists: " + id.ToString());
    }
    if (row) {
      SPK_RETURN_NOT_OK(SwapPointers({{id, row->metadata_location, metadata_location}}));
    } else {
      SPK_RETURN_NOT_OK(InsertPointer(id, metadata_location, kTableType));
    }
    auto shared = std::make_shared<const TableMetadata>(std::move(metadata));
    Remember(metadata_location, shared);
    return LoadedTable{metadata_location, shared, {}};
  }

  Result<LoadedTable> CommitTable(const TableChange& change) override {
    SPK_RETURN_NOT_OK(CheckIdentifier(change.identifier));
    SPK_ASSIGN_OR_RAISE(auto requirements, ParseRequirements(change.requirements));
    SPK_ASSIGN_OR_RAISE(auto updates, ParseUpdates(change.updates));
    SPK_ASSIGN_OR_RAISE(bool create, IsCreateCommit(requirements));
    auto locks = locks_.Lock({change.identifier});
    SPK_ASSIGN_OR_RAISE(PreparedCommit prepared,
                        Prepare(change.identifier, create, requirements, updates));
    if (!prepared.changed) {
      return LoadedTable{prepared.old_location, prepared.metadata, {}};
    }
    Status swapped =
        create ? InsertPointer(change.identifier, prepared.new_location, kTableType)
               : SwapPointers({{change.identifier, prepared.old_location, prepared.new_location}});
    if (!swapped.ok()) {
      DeleteMetadataFile(prepared.new_location);
      if (create && swapped.error().error_class == "ICEBERG_ALREADY_EXISTS") {
        return CatalogError("ICEBERG_COMMIT_FAILED", "Requirement failed: table already exists");
      }
      return swapped;
    }
    Remember(prepared.new_location, prepared.metadata);
    return LoadedTable{prepared.new_location, prepared.metadata, {}};
  }

  Status CommitTransaction(const std::vector<TableChange>& changes) override {
    if (changes.empty()) return Status::OK();
    struct Parsed {
      TableIdentifier id;
      std::vector<TableRequirement> requirements;
      std::vector<TableUpdate> updates;
      bool create = false;
    };
    std::vector<Parsed> parsed;
    std::vector<TableIdentifier> ids;
    for (const auto& change : changes) {
      SPK_RETURN_NOT_OK(CheckIdentifier(change.identifier));
      Parsed entry;
      entry.id = change.identifier;
      SPK_ASSIGN_OR_RAISE(entry.requirements, ParseRequirements(change.requirements));
      SPK_ASSIGN_OR_RAISE(entry.updates, ParseUpdates(change.updates));
      SPK_ASSIGN_OR_RAISE(entry.create, IsCreateCommit(entry.requirements));
      ids.push_back(entry.id);
      parsed.push_back(std::move(entry));
    }
    std::set<TableIdentifier> unique(ids.begin(), ids.end());
    if (unique.size() != ids.size()) {
      return BadRequest("Invalid transaction: a table appears more than once");
    }
    // Every table is locked (in sorted order, so transactions cannot deadlock) before any is
    // validated; every metadata file is written before one database transaction moves all
    // pointers.
    auto locks = locks_.Lock(ids);
    std::vector<PreparedCommit> prepared;
    std::vector<std::string> written;
    auto discard = [&](Status status) {
      for (const auto& location : written) DeleteMetadataFile(location);
      return status;
    };
    for (const auto& entry : parsed) {
      auto commit = Prepare(entry.id, entry.create, entry.requirements, entry.updates);
      if (!commit.ok()) return discard(commit.status());
      if (commit->changed) written.push_back(commit->new_location);
      commit->id = entry.id;
      commit->create = entry.create;
      prepared.push_back(std::move(*commit));
    }
    std::vector<PointerSwap> swaps;
    std::vector<const PreparedCommit*> inserts;
    for (const auto& commit : prepared) {
      if (!commit.changed) continue;
      if (commit.create) {
        inserts.push_back(&commit);
      } else {
        swaps.push_back({commit.id, commit.old_location, commit.new_location});
      }
    }
    Status swapped = SwapPointers(swaps, inserts);
    if (!swapped.ok()) return discard(swapped);
    for (const auto& commit : prepared) {
      if (commit.changed) Remember(commit.new_location, commit.metadata);
    }
    return Status::OK();
  }

  // ---- Views ----

  Result<std::vector<TableIdentifier>> ListViews(const Namespace& ns) override {
    return ListRows(ns, kViewType);
  }

  Result<LoadedView> CreateView(const Namespace& ns, const CreateViewRequest& request) override {
    TableIdentifier id{ns, request.name};
    SPK_RETURN_NOT_OK(CheckIdentifier(id));
    auto locks = locks_.Lock({id});
    SPK_RETURN_NOT_OK(RequireNamespace(ns));
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (row) {
      return CatalogError("ICEBERG_ALREADY_EXISTS",
                          row->type == kViewType
                              ? "View already exists: " + id.ToString()
                              : "Table with same name already exists: " + id.ToString());
    }
    SPK_ASSIGN_OR_RAISE(std::string location, TableLocation(id, request.location));
    SPK_ASSIGN_OR_RAISE(nlohmann::json metadata, NewViewMetadata(request, location, NowMillis()));
    SPK_ASSIGN_OR_RAISE(std::string metadata_location, WriteViewMetadata(metadata, location, 0));
    Status inserted = InsertPointer(id, metadata_location, kViewType);
    if (!inserted.ok()) {
      DeleteMetadataFile(metadata_location);
      return inserted;
    }
    return LoadedView{metadata_location, std::move(metadata)};
  }

  Result<LoadedView> LoadView(const TableIdentifier& id) override {
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (!row || row->type != kViewType) return NoSuchView(id);
    SPK_ASSIGN_OR_RAISE(nlohmann::json metadata, ReadViewMetadata(row->metadata_location));
    return LoadedView{row->metadata_location, std::move(metadata)};
  }

  Result<bool> ViewExists(const TableIdentifier& id) override {
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    return row.has_value() && row->type == kViewType;
  }

  Status DropView(const TableIdentifier& id) override {
    auto locks = locks_.Lock({id});
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (!row || row->type != kViewType) return NoSuchView(id);
    return DeletePointer(id, kViewType);
  }

  Status RenameView(const TableIdentifier& from, const TableIdentifier& to) override {
    return RenameRow(from, to, kViewType);
  }

  Result<LoadedView> ReplaceView(const TableIdentifier& id, const nlohmann::json& requirements,
                                 const nlohmann::json& updates) override {
    SPK_ASSIGN_OR_RAISE(auto parsed_requirements, ParseRequirements(requirements));
    SPK_ASSIGN_OR_RAISE(auto parsed_updates, ParseUpdates(updates));
    auto locks = locks_.Lock({id});
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (!row || row->type != kViewType) return NoSuchView(id);
    SPK_ASSIGN_OR_RAISE(nlohmann::json base, ReadViewMetadata(row->metadata_location));
    SPK_ASSIGN_OR_RAISE(nlohmann::json metadata,
                        ApplyViewUpdates(base, parsed_requirements, parsed_updates, NowMillis()));
    if (metadata == base) return LoadedView{row->metadata_location, std::move(base)};
    std::string location = metadata.value("location", "");
    SPK_RETURN_NOT_OK(LocalPath(location).status());
    SPK_ASSIGN_OR_RAISE(
        std::string metadata_location,
        WriteViewMetadata(metadata, location, MetadataVersion(row->metadata_location) + 1));
    Status swapped = SwapPointers({{id, row->metadata_location, metadata_location}}, {}, kViewType);
    if (!swapped.ok()) {
      DeleteMetadataFile(metadata_location);
      return swapped;
    }
    return LoadedView{metadata_location, std::move(metadata)};
  }

  // Opening: the schema of Iceberg's JDBC catalog (V1, with iceberg_type).
  Status Initialize() {
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_RETURN_NOT_OK(Execute("PRAGMA journal_mode=WAL"));
    SPK_RETURN_NOT_OK(Execute("PRAGMA synchronous=FULL"));
    sqlite3_busy_timeout(db_, 10000);
    SPK_RETURN_NOT_OK(
        Execute("CREATE TABLE IF NOT EXISTS iceberg_tables(catalog_name VARCHAR(255) NOT NULL, "
                "table_namespace VARCHAR(255) NOT NULL, table_name VARCHAR(255) NOT NULL, "
                "metadata_location VARCHAR(1000), previous_metadata_location VARCHAR(1000), "
                "iceberg_type VARCHAR(5), "
                "PRIMARY KEY (catalog_name, table_namespace, table_name))"));
    SPK_RETURN_NOT_OK(Execute(
        "CREATE TABLE IF NOT EXISTS iceberg_namespace_properties(catalog_name VARCHAR(255) NOT "
        "NULL, namespace VARCHAR(255) NOT NULL, property_key VARCHAR(255), property_value "
        "VARCHAR(1000), PRIMARY KEY (catalog_name, namespace, property_key))"));
    // A catalog created by a tool that writes the older (V0) layout has no iceberg_type.
    bool has_type = false;
    {
      Statement columns(db_, "PRAGMA table_info(iceberg_tables)");
      while (columns.Step() == SQLITE_ROW) {
        if (columns.Text(1) == "iceberg_type") has_type = true;
      }
    }
    if (!has_type) {
      SPK_RETURN_NOT_OK(Execute("ALTER TABLE iceberg_tables ADD COLUMN iceberg_type VARCHAR(5)"));
    }
    return Status::OK();
  }

 private:
  struct PreparedCommit {
    TableIdentifier id;
    bool create = false;
    bool changed = false;
    std::string old_location;
    std::string new_location;
    std::shared_ptr<const TableMetadata> metadata;
  };
  struct PointerSwap {
    TableIdentifier id;
    std::string old_location;
    std::string new_location;
  };

  // Requirements against the latest metadata, updates applied, new metadata file written;
  // the pointer is not moved. Called with the table locked.
  Result<PreparedCommit> Prepare(const TableIdentifier& id, bool create,
                                 const std::vector<TableRequirement>& requirements,
                                 const std::vector<TableUpdate>& updates) {
    PreparedCommit prepared;
    prepared.id = id;
    prepared.create = create;
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (row && row->type == kViewType) {
      if (create) {
        return CatalogError("ICEBERG_ALREADY_EXISTS",
                            "View with same name already exists: " + id.ToString());
      }
      return NoSuchTable(id);
    }
    std::shared_ptr<const TableMetadata> base;
    if (create) {
      if (row)
        return CatalogError("ICEBERG_COMMIT_FAILED", "Requirement failed: table already exists");
      SPK_RETURN_NOT_OK(RequireNamespace(id.ns));
    } else {
      if (!row) return NoSuchTable(id);
      prepared.old_location = row->metadata_location;
      SPK_ASSIGN_OR_RAISE(base, ReadMetadata(row->metadata_location));
    }
    SPK_RETURN_NOT_OK(CheckRequirements(requirements, base.get()));
    const int64_t now = NowMillis();
    SPK_ASSIGN_OR_RAISE(CommitResult result,
                        ApplyUpdates(base.get(), prepared.old_location, updates, now));
    if (!result.changed) {
      prepared.metadata = base;
      return prepared;
    }
    TableMetadata& metadata = result.metadata;
    if (metadata.location.empty()) {
      SPK_ASSIGN_OR_RAISE(metadata.location, TableLocation(id, std::nullopt));
    }
    SPK_RETURN_NOT_OK(LocalPath(metadata.location).status());
    prepared.metadata = std::make_shared<const TableMetadata>(std::move(metadata));
    prepared.changed = true;
    int version = create ? 0 : MetadataVersion(prepared.old_location) + 1;
    SPK_ASSIGN_OR_RAISE(prepared.new_location, WriteMetadata(*prepared.metadata, version));
    return prepared;
  }

  Status CheckIdentifier(const TableIdentifier& id) {
    SPK_RETURN_NOT_OK(CheckNamespace(id.ns));
    return CheckName(id.name, "table");
  }

  // Explicit locations may be anywhere on the local file system; default ones lie inside the
  // warehouse, under the namespace's "location" property when it has one.
  Result<std::string> TableLocation(const TableIdentifier& id,
                                    const std::optional<std::string>& requested) {
    if (requested) {
      SPK_RETURN_NOT_OK(LocalPath(*requested).status());
      std::string location = *requested;
      while (location.size() > 1 && location.back() == '/') location.pop_back();
      return location;
    }
    std::map<std::string, std::string> properties;
    {
      std::lock_guard<std::mutex> guard(db_mutex_);
      SPK_ASSIGN_OR_RAISE(properties, PropertiesLocked(id.ns));
    }
    // Each level becomes one directory: a name the file system cannot hold is a bad name, not
    // an internal error when the first file is written.
    auto base = properties.find("location");
    const bool under_namespace_location = base != properties.end() && !base->second.empty();
    for (const std::string* level : LevelsOf(id)) {
      if (under_namespace_location && level != &id.name) continue;
      if (DirectoryName(*level).size() > kMaxDirectoryName) {
        return BadRequest("Invalid name (too long for a directory of the warehouse): " + *level);
      }
    }
    if (under_namespace_location) {
      SPK_ASSIGN_OR_RAISE(std::string base_path, LocalPath(base->second));
      std::string path = base_path + "/" + DirectoryName(id.name);
      if (!IsWithin(path, base_path)) return BadRequest("Invalid table name: " + id.name);
      return FileUri(path);
    }
    std::string path = root_;
    for (const auto& level : id.ns) path += "/" + DirectoryName(level);
    path += "/" + DirectoryName(id.name);
    if (!IsWithin(path, root_)) {
      return BadRequest("Invalid table name (outside the warehouse): " + id.ToString());
    }
    return FileUri(path);
  }

  static std::vector<const std::string*> LevelsOf(const TableIdentifier& id) {
    std::vector<const std::string*> levels;
    for (const auto& level : id.ns) levels.push_back(&level);
    levels.push_back(&id.name);
    return levels;
  }

  Result<std::string> WriteMetadata(const TableMetadata& metadata, int version) {
    std::string location = JoinLocation(
        metadata.location, "metadata/" + MetadataFileName(std::max(0, version), false));
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(location));
    SPK_RETURN_NOT_OK(WriteLocalFileDurably(path, TableMetadataToJson(metadata).dump()));
    return location;
  }

  Result<std::string> WriteViewMetadata(const nlohmann::json& metadata, const std::string& location,
                                        int version) {
    std::string file =
        JoinLocation(location, "metadata/" + MetadataFileName(std::max(0, version), true));
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(file));
    SPK_RETURN_NOT_OK(WriteLocalFileDurably(
        path, metadata.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
    return file;
  }

  void DeleteMetadataFile(const std::string& location) {
    auto path = LocalPath(location);
    if (path.ok()) (void)DeleteLocalFile(*path);
  }

  Result<std::shared_ptr<const TableMetadata>> ReadMetadata(const std::string& location) {
    {
      std::lock_guard<std::mutex> guard(cache_mutex_);
      auto it = cache_.find(location);
      if (it != cache_.end()) return it->second;
    }
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(location));
    auto text = ReadLocalFile(path);
    if (!text.ok()) {
      return CatalogError("ICEBERG_BAD_REQUEST", "Cannot read table metadata " + location);
    }
    SPK_ASSIGN_OR_RAISE(TableMetadata metadata, TableMetadataFromText(*text));
    auto shared = std::make_shared<const TableMetadata>(std::move(metadata));
    Remember(location, shared);
    return shared;
  }

  Result<nlohmann::json> ReadViewMetadata(const std::string& location) {
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPath(location));
    auto text = ReadLocalFile(path);
    if (!text.ok()) return BadRequest("Cannot read view metadata " + location);
    SPK_ASSIGN_OR_RAISE(nlohmann::json metadata, ParseJsonText(*text));
    SPK_RETURN_NOT_OK(ValidateViewMetadata(metadata));
    return metadata;
  }

  // Metadata files never change, so a parsed file can be kept by its location.
  void Remember(const std::string& location, std::shared_ptr<const TableMetadata> metadata) {
    std::lock_guard<std::mutex> guard(cache_mutex_);
    if (cache_.size() >= kMetadataCacheEntries) cache_.clear();
    cache_[location] = std::move(metadata);
  }

  // Deletes what the table's metadata reaches: data and delete files, manifests, manifest
  // lists, statistics files and metadata files; only files inside the table's location or the
  // warehouse, so that a hostile metadata file cannot delete anything else.
  void Purge(const std::string& metadata_location, const TableMetadata* metadata) {
    std::set<std::string> files;
    files.insert(metadata_location);
    std::string table_root;
    if (metadata != nullptr) {
      auto root = LocalPath(metadata->location);
      if (root.ok()) table_root = *root;
      for (const auto& entry : metadata->metadata_log) files.insert(entry.metadata_file);
      for (const auto& snapshot : metadata->snapshots) {
        files.insert(snapshot.manifest_list);
        auto list_path = LocalPath(snapshot.manifest_list);
        if (!list_path.ok()) continue;
        auto manifests = ReadManifestList(*list_path);
        if (!manifests.ok()) continue;
        for (const auto& manifest : *manifests) {
          files.insert(manifest.manifest_path);
          auto manifest_path = LocalPath(manifest.manifest_path);
          if (!manifest_path.ok()) continue;
          auto entries = ReadManifest(*manifest_path, manifest);
          if (!entries.ok()) continue;
          for (const auto& entry : *entries) files.insert(entry.data_file.file_path);
        }
      }
      for (const auto* statistics : {&metadata->statistics, &metadata->partition_statistics}) {
        if (!statistics->is_array()) continue;
        for (const auto& entry : *statistics) {
          auto path = StringField(entry, "statistics-path");
          if (path.ok()) files.insert(*path);
        }
      }
    }
    size_t deleted = 0;
    for (const auto& file : files) {
      auto path = LocalPath(file);
      if (!path.ok()) continue;
      bool allowed = IsWithin(*path, root_) || (!table_root.empty() && IsWithin(*path, table_root));
      if (!allowed) {
        SPK_LOG_WARN(kComponent, "Purge skips {}: outside the table location and the warehouse",
                     file);
        continue;
      }
      if (DeleteLocalFile(*path).ok()) ++deleted;
    }
    SPK_LOG_DEBUG(kComponent, "Purged {} files of {}", deleted, metadata_location);
  }

  Status RequireNamespace(const Namespace& ns) {
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_ASSIGN_OR_RAISE(bool exists, NamespaceExistsLocked(ns));
    if (!exists) return NoSuchNamespace(ns);
    return Status::OK();
  }

  Status RequireAbsent(const TableIdentifier& id) {
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> row, Pointer(id));
    if (!row) return Status::OK();
    if (row->type == kViewType) {
      return CatalogError("ICEBERG_ALREADY_EXISTS",
                          "View with same name already exists: " + id.ToString());
    }
    return CatalogError("ICEBERG_ALREADY_EXISTS", "Table already exists: " + id.ToString());
  }

  Result<std::vector<TableIdentifier>> ListRows(const Namespace& ns, const char* type) {
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_ASSIGN_OR_RAISE(bool exists, NamespaceExistsLocked(ns));
    if (!exists) return NoSuchNamespace(ns);
    Statement list(db_,
                   "SELECT table_name, iceberg_type FROM iceberg_tables WHERE catalog_name = ? "
                   "AND table_namespace = ? ORDER BY table_name");
    list.Bind(catalog_name_).Bind(JoinNamespace(ns));
    std::vector<TableIdentifier> out;
    int rc;
    while ((rc = list.Step()) == SQLITE_ROW) {
      std::string row_type = list.IsNull(1) ? kTableType : list.Text(1);
      if (row_type == type) out.push_back(TableIdentifier{ns, list.Text(0)});
    }
    if (rc != SQLITE_DONE) return list.Error("list tables");
    return out;
  }

  Status RenameRow(const TableIdentifier& from, const TableIdentifier& to, const char* type) {
    SPK_RETURN_NOT_OK(CheckIdentifier(from));
    SPK_RETURN_NOT_OK(CheckIdentifier(to));
    const bool view = std::string(type) == kViewType;
    auto locks = locks_.Lock({from, to});
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> source, Pointer(from));
    if (!source || source->type != type) return view ? NoSuchView(from) : NoSuchTable(from);
    SPK_RETURN_NOT_OK(RequireNamespace(to.ns));
    if (from == to) return Status::OK();
    SPK_ASSIGN_OR_RAISE(std::optional<PointerRow> target, Pointer(to));
    if (target) {
      const std::string prefix = "Cannot rename " + from.ToString() + " to " + to.ToString();
      if (target->type == kViewType) {
        return CatalogError("ICEBERG_ALREADY_EXISTS", prefix + ". View already exists");
      }
      return CatalogError("ICEBERG_ALREADY_EXISTS", view
                                                        ? prefix + ". Table already exists"
                                                        : "Table already exists: " + to.ToString());
    }
    std::lock_guard<std::mutex> guard(db_mutex_);
    Statement rename(db_,
                     "UPDATE iceberg_tables SET table_namespace = ?, table_name = ? WHERE "
                     "catalog_name = ? AND table_namespace = ? AND table_name = ?");
    rename.Bind(JoinNamespace(to.ns))
        .Bind(to.name)
        .Bind(catalog_name_)
        .Bind(JoinNamespace(from.ns))
        .Bind(from.name);
    if (rename.Step() != SQLITE_DONE) return rename.Error("rename");
    if (sqlite3_changes(db_) != 1) return view ? NoSuchView(from) : NoSuchTable(from);
    return Status::OK();
  }

  // ---- SQLite access (db_mutex_ held by the *Locked ones) ----

  Status Execute(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error != nullptr ? error : "unknown error";
      sqlite3_free(error);
      return Status::Internal(std::string("catalog database error (") + sql + "): " + message);
    }
    return Status::OK();
  }

  Status FinishTransaction(Status status) {
    if (status.ok()) status = Execute("COMMIT");
    if (!status.ok()) (void)Execute("ROLLBACK");
    return status;
  }

  Status InsertProperty(const Namespace& ns, const std::string& key, const std::string& value) {
    Statement insert(db_,
                     "INSERT OR REPLACE INTO iceberg_namespace_properties(catalog_name, "
                     "namespace, property_key, property_value) VALUES (?, ?, ?, ?)");
    insert.Bind(catalog_name_).Bind(JoinNamespace(ns)).Bind(key).Bind(value);
    if (insert.Step() != SQLITE_DONE) return insert.Error("set namespace property");
    return Status::OK();
  }

  Result<std::map<std::string, std::string>> PropertiesLocked(const Namespace& ns) {
    Statement select(db_,
                     "SELECT property_key, property_value FROM iceberg_namespace_properties "
                     "WHERE catalog_name = ? AND namespace = ?");
    select.Bind(catalog_name_).Bind(JoinNamespace(ns));
    std::map<std::string, std::string> out;
    int rc;
    while ((rc = select.Step()) == SQLITE_ROW) {
      std::string key = select.Text(0);
      if (key != kExistsProperty) out[key] = select.Text(1);
    }
    if (rc != SQLITE_DONE) return select.Error("load namespace");
    return out;
  }

  // Every namespace string with a properties row or a table, as JdbcCatalog sees namespaces.
  Result<std::vector<std::string>> AllNamespacesLocked() {
    Statement select(db_,
                     "SELECT namespace FROM iceberg_namespace_properties WHERE catalog_name = ? "
                     "UNION SELECT table_namespace FROM iceberg_tables WHERE catalog_name = ?");
    select.Bind(catalog_name_).Bind(catalog_name_);
    std::vector<std::string> out;
    int rc;
    while ((rc = select.Step()) == SQLITE_ROW) out.push_back(select.Text(0));
    if (rc != SQLITE_DONE) return select.Error("list namespaces");
    return out;
  }

  // A namespace exists when it or a namespace below it has a row (JdbcCatalog semantics).
  static bool ExistsIn(const std::vector<std::string>& all, const Namespace& ns) {
    const std::string name = JoinNamespace(ns);
    for (const auto& text : all) {
      if (text == name) return true;
      if (text.size() > name.size() && text.compare(0, name.size(), name) == 0 &&
          text[name.size()] == '.') {
        return true;
      }
    }
    return false;
  }

  Result<bool> NamespaceExistsLocked(const Namespace& ns) {
    if (ns.empty()) return false;
    SPK_ASSIGN_OR_RAISE(std::vector<std::string> all, AllNamespacesLocked());
    return ExistsIn(all, ns);
  }

  Result<std::optional<PointerRow>> Pointer(const TableIdentifier& id) {
    std::lock_guard<std::mutex> guard(db_mutex_);
    return PointerLocked(id);
  }

  Result<std::optional<PointerRow>> PointerLocked(const TableIdentifier& id) {
    Statement select(db_,
                     "SELECT metadata_location, iceberg_type FROM iceberg_tables WHERE "
                     "catalog_name = ? AND table_namespace = ? AND table_name = ?");
    select.Bind(catalog_name_).Bind(JoinNamespace(id.ns)).Bind(id.name);
    int rc = select.Step();
    if (rc == SQLITE_DONE) return std::optional<PointerRow>();
    if (rc != SQLITE_ROW) return select.Error("load pointer");
    PointerRow row;
    row.metadata_location = select.Text(0);
    row.type = select.IsNull(1) ? kTableType : select.Text(1);
    return std::optional<PointerRow>(std::move(row));
  }

  Status InsertPointer(const TableIdentifier& id, const std::string& metadata_location,
                       const char* type) {
    std::lock_guard<std::mutex> guard(db_mutex_);
    Statement insert(db_,
                     "INSERT INTO iceberg_tables(catalog_name, table_namespace, table_name, "
                     "metadata_location, previous_metadata_location, iceberg_type) VALUES (?, "
                     "?, ?, ?, NULL, ?)");
    insert.Bind(catalog_name_).Bind(JoinNamespace(id.ns)).Bind(id.name).Bind(metadata_location);
    insert.Bind(type);
    int rc = insert.Step();
    if (rc == SQLITE_CONSTRAINT) {
      return CatalogError(
          "ICEBERG_ALREADY_EXISTS",
          std::string(type == kViewType ? "View" : "Table") + " already exists: " + id.ToString());
    }
    if (rc != SQLITE_DONE) {
      return CatalogError("ICEBERG_COMMIT_STATE_UNKNOWN",
                          "Cannot record " + id.ToString() + ": " + sqlite3_errmsg(db_));
    }
    return Status::OK();
  }

  Status DeletePointer(const TableIdentifier& id, const char* type) {
    std::lock_guard<std::mutex> guard(db_mutex_);
    Statement drop(db_,
                   "DELETE FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ? AND "
                   "table_name = ? AND (iceberg_type = ? OR iceberg_type IS NULL)");
    drop.Bind(catalog_name_).Bind(JoinNamespace(id.ns)).Bind(id.name).Bind(type);
    if (drop.Step() != SQLITE_DONE) return drop.Error("drop");
    if (sqlite3_changes(db_) == 0) {
      return std::string(type) == kViewType ? NoSuchView(id) : NoSuchTable(id);
    }
    return Status::OK();
  }

  // Moves every pointer (compare-and-swap on the old location) and inserts the created
  // tables in one database transaction: all or nothing.
  Status SwapPointers(const std::vector<PointerSwap>& swaps,
                      const std::vector<const PreparedCommit*>& inserts = {},
                      const char* type = kTableType) {
    std::lock_guard<std::mutex> guard(db_mutex_);
    SPK_RETURN_NOT_OK(Execute("BEGIN IMMEDIATE"));
    Status status;
    for (const auto& swap : swaps) {
      Statement update(db_,
                       "UPDATE iceberg_tables SET metadata_location = ?, "
                       "previous_metadata_location = ? WHERE catalog_name = ? AND "
                       "table_namespace = ? AND table_name = ? AND metadata_location = ? AND "
                       "(iceberg_type = ? OR iceberg_type IS NULL)");
      update.Bind(swap.new_location)
          .Bind(swap.old_location)
          .Bind(catalog_name_)
          .Bind(JoinNamespace(swap.id.ns))
          .Bind(swap.id.name)
          .Bind(swap.old_location)
          .Bind(type);
      if (update.Step() != SQLITE_DONE) {
        status = CatalogError("ICEBERG_COMMIT_STATE_UNKNOWN",
                              "Cannot commit " + swap.id.ToString() + ": " + sqlite3_errmsg(db_));
        break;
      }
      if (sqlite3_changes(db_) != 1) {
        status =
            CatalogError("ICEBERG_COMMIT_FAILED",
                         "Cannot commit " + swap.id.ToString() +
                             ": metadata location changed concurrently from " + swap.old_location);
        break;
      }
    }
    for (const PreparedCommit* insert : inserts) {
      if (!status.ok()) break;
      Statement statement(db_,
                          "INSERT INTO iceberg_tables(catalog_name, table_namespace, "
                          "table_name, metadata_location, previous_metadata_location, "
                          "iceberg_type) VALUES (?, ?, ?, ?, NULL, ?)");
      statement.Bind(catalog_name_)
          .Bind(JoinNamespace(insert->id.ns))
          .Bind(insert->id.name)
          .Bind(insert->new_location)
          .Bind(kTableType);
      int rc = statement.Step();
      if (rc == SQLITE_CONSTRAINT) {
        status = CatalogError("ICEBERG_COMMIT_FAILED", "Requirement failed: table already exists");
      } else if (rc != SQLITE_DONE) {
        status =
            CatalogError("ICEBERG_COMMIT_STATE_UNKNOWN",
                         "Cannot commit " + insert->id.ToString() + ": " + sqlite3_errmsg(db_));
      }
    }
    if (status.ok()) {
      Status committed = Execute("COMMIT");
      if (!committed.ok()) {
        (void)Execute("ROLLBACK");
        return CatalogError("ICEBERG_COMMIT_STATE_UNKNOWN", committed.message());
      }
      return Status::OK();
    }
    (void)Execute("ROLLBACK");
    return status;
  }

  const std::string root_;  // absolute, normalized warehouse directory
  const std::string catalog_name_;
  sqlite3* db_;
  std::mutex db_mutex_;  // one connection, one statement at a time
  TableLocks locks_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, std::shared_ptr<const TableMetadata>> cache_;
};

}  // namespace

Result<std::shared_ptr<IcebergCatalog>> OpenWarehouseCatalog(const std::string& warehouse_dir,
                                                             const std::string& catalog_name) {
  if (warehouse_dir.empty()) return BadRequest("Warehouse directory is empty");
  std::error_code ec;
  std::filesystem::path root = std::filesystem::absolute(warehouse_dir, ec).lexically_normal();
  if (ec) return Status::Internal("invalid warehouse directory " + warehouse_dir);
  std::string root_text = root.string();
  while (root_text.size() > 1 && root_text.back() == '/') root_text.pop_back();
  SPK_RETURN_NOT_OK(MakeDirectories(root_text));
  std::string db_path = root_text + "/catalog.db";
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(db_path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::Internal("cannot open catalog database " + db_path + ": " + message);
  }
  auto catalog = std::make_shared<WarehouseCatalog>(root_text, catalog_name, db);
  SPK_RETURN_NOT_OK(catalog->Initialize());
  return std::shared_ptr<IcebergCatalog>(std::move(catalog));
}

}  // namespace sparkling::iceberg
