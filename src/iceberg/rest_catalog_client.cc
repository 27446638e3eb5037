// An IcebergCatalog over any Iceberg REST catalog server (plain HTTP), so that the engine can
// use an external catalog exactly as it uses the embedded one.

#include <httplib.h>

#include <cstdio>
#include <memory>

#include "iceberg/iceberg_catalog.h"
#include "iceberg/json_fields.h"
#include "iceberg/rest_messages.h"

namespace sparkling::iceberg {
namespace {

constexpr int kConnectTimeoutSeconds = 10;
constexpr int kReadTimeoutSeconds = 120;

std::string PercentEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof(escaped), "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

// Levels joined by the unit separator (0x1F), then percent-encoded as one path segment.
std::string EncodeNamespace(const Namespace& ns) {
  std::string joined;
  for (size_t i = 0; i < ns.size(); ++i) {
    if (i > 0) joined.push_back('\x1f');
    joined += ns[i];
  }
  return PercentEncode(joined);
}

struct HttpReply {
  int status = 0;
  std::string body;
};

class RestCatalogClient : public IcebergCatalog {
 public:
  RestCatalogClient(std::string scheme_host_port, std::string base_path, std::string warehouse)
      : origin_(std::move(scheme_host_port)),
        base_path_(std::move(base_path)),
        warehouse_(std::move(warehouse)) {}

  Status Configure() {
    std::string path = base_path_ + "/v1/config";
    if (!warehouse_.empty()) path += "?warehouse=" + PercentEncode(warehouse_);
    SPK_ASSIGN_OR_RAISE(nlohmann::json config, Call("GET", path, nullptr, RestRoute::kOther));
    std::map<std::string, std::string> merged;
    for (const char* section : {"defaults", "overrides"}) {
      auto values = StringMapField(config, section);
      if (values.ok()) {
        for (const auto& [key, value] : *values) merged[key] = value;
      }
    }
    if (auto it = merged.find("prefix"); it != merged.end() && !it->second.empty()) {
      prefix_ = it->second;
    }
    if (auto it = merged.find("warehouse"); it != merged.end()) warehouse_ = it->second;
    return Status::OK();
  }

  std::string warehouse_location() const override { return warehouse_; }

  Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent) override {
    std::string path = Route("namespaces");
    std::string query = parent.empty() ? "" : "parent=" + EncodeNamespace(parent);
    std::vector<Namespace> out;
    SPK_RETURN_NOT_OK(Paged(path, query, RestRoute::kNamespace, [&](const nlohmann::json& page) {
      const nlohmann::json* namespaces = FindField(page, "namespaces");
      if (namespaces == nullptr || !namespaces->is_array()) {
        return CatalogError("ICEBERG_BAD_REQUEST", "Invalid list namespaces response");
      }
      for (const auto& item : *namespaces) {
        SPK_ASSIGN_OR_RAISE(Namespace ns, NamespaceFromJson(item));
        out.push_back(std::move(ns));
      }
      return Status::OK();
    }));
    return out;
  }

  Status CreateNamespace(const Namespace& ns,
                         const std::map<std::string, std::string>& properties) override {
    nlohmann::json body = {{"namespace", NamespaceToJson(ns)},
                           {"properties", nlohmann::json(properties)}};
    return Call("POST", Route("namespaces"), &body, RestRoute::kNamespace).status();
  }

  Result<std::map<std::string, std::string>> LoadNamespace(const Namespace& ns) override {
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply,
                        Call("GET", NamespaceRoute(ns), nullptr, RestRoute::kNamespace));
    return StringMapField(reply, "properties");
  }

  Result<bool> NamespaceExists(const Namespace& ns) override {
    return Exists(NamespaceRoute(ns), RestRoute::kNamespace);
  }

  Status DropNamespace(const Namespace& ns) override {
    return Call("DELETE", NamespaceRoute(ns), nullptr, RestRoute::kNamespace).status();
  }

  Result<NamespacePropertiesUpdate> UpdateNamespaceProperties(
      const Namespace& ns, const std::vector<std::string>& removals,
      const std::map<std::string, std::string>& updates) override {
    nlohmann::json body = {{"removals", removals}, {"updates", nlohmann::json(updates)}};
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply, Call("POST", NamespaceRoute(ns) + "/properties",
                                                   &body, RestRoute::kNamespace));
    NamespacePropertiesUpdate result;
    SPK_ASSIGN_OR_RAISE(result.updated, StringListField(reply, "updated"));
    SPK_ASSIGN_OR_RAISE(result.removed, StringListField(reply, "removed"));
    SPK_ASSIGN_OR_RAISE(result.missing, StringListField(reply, "missing"));
    return result;
  }

  Result<std::vector<TableIdentifier>> ListTables(const Namespace& ns) override {
    return ListIdentifiers(NamespaceRoute(ns) + "/tables");
  }

  Result<LoadedTable> CreateTable(const Namespace& ns, const CreateTableRequest& request) override {
    nlohmann::json body = CreateTableRequestToJson(request);
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply,
                        Call("POST", NamespaceRoute(ns) + "/tables", &body, RestRoute::kTable));
    return LoadTableResultFromJson(reply);
  }

  Result<LoadedTable> LoadTable(const TableIdentifier& id) override {
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply,
                        Call("GET", TableRoute(id) + "?snapshots=all", nullptr, RestRoute::kTable));
    return LoadTableResultFromJson(reply);
  }

  Result<bool> TableExists(const TableIdentifier& id) override {
    return Exists(TableRoute(id), RestRoute::kTable);
  }

  Status DropTable(const TableIdentifier& id, bool purge) override {
    std::string path = TableRoute(id) + (purge ? "?purgeRequested=true" : "?purgeRequested=false");
    return Call("DELETE", path, nullptr, RestRoute::kTable).status();
  }

  Status RenameTable(const TableIdentifier& from, const TableIdentifier& to) override {
    nlohmann::json body = {{"source", TableIdentifierToJson(from)},
                           {"destination", TableIdentifierToJson(to)}};
    return Call("POST", Route("tables/rename"), &body, RestRoute::kTable).status();
  }

  Result<LoadedTable> RegisterTable(const TableIdentifier& id, const std::string& metadata_location,
                                    bool overwrite) override {
    nlohmann::json body = {
        {"name", id.name}, {"metadata-location", metadata_location}, {"overwrite", overwrite}};
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply, Call("POST", NamespaceRoute(id.ns) + "/register",
                                                   &body, RestRoute::kTable));
    return LoadTableResultFromJson(reply);
  }

  Result<LoadedTable> CommitTable(const TableChange& change) override {
    nlohmann::json body = TableChangeToJson(change);
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply,
                        Call("POST", TableRoute(change.identifier), &body, RestRoute::kCommit));
    return LoadTableResultFromJson(reply);
  }

  Status CommitTransaction(const std::vector<TableChange>& changes) override {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& change : changes) list.push_back(TableChangeToJson(change));
    nlohmann::json body = {{"table-changes", std::move(list)}};
    return Call("POST", Route("transactions/commit"), &body, RestRoute::kCommit).status();
  }

  Result<std::vector<TableIdentifier>> ListViews(const Namespace& ns) override {
    return ListIdentifiers(NamespaceRoute(ns) + "/views");
  }

  Result<LoadedView> CreateView(const Namespace& ns, const CreateViewRequest& request) override {
    nlohmann::json body = CreateViewRequestToJson(request);
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply,
                        Call("POST", NamespaceRoute(ns) + "/views", &body, RestRoute::kView));
    return LoadViewResultFromJson(reply);
  }

  Result<LoadedView> LoadView(const TableIdentifier& id) override {
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply,
                        Call("GET", ViewRoute(id), nullptr, RestRoute::kView));
    return LoadViewResultFromJson(reply);
  }

  Result<bool> ViewExists(const TableIdentifier& id) override {
    return Exists(ViewRoute(id), RestRoute::kView);
  }

  Status DropView(const TableIdentifier& id) override {
    return Call("DELETE", ViewRoute(id), nullptr, RestRoute::kView).status();
  }

  Status RenameView(const TableIdentifier& from, const TableIdentifier& to) override {
    nlohmann::json body = {{"source", TableIdentifierToJson(from)},
                           {"destination", TableIdentifierToJson(to)}};
    return Call("POST", Route("views/rename"), &body, RestRoute::kView).status();
  }

  Result<LoadedView> ReplaceView(const TableIdentifier& id, const nlohmann::json& requirements,
                                 const nlohmann::json& updates) override {
    nlohmann::json body = {{"identifier", TableIdentifierToJson(id)},
                           {"requirements", requirements},
                           {"updates", updates}};
    SPK_ASSIGN_OR_RAISE(nlohmann::json reply, Call("POST", ViewRoute(id), &body, RestRoute::kView));
    return LoadViewResultFromJson(reply);
  }

 private:
  std::string Route(const std::string& tail) const {
    std::string path = base_path_ + "/v1/";
    if (!prefix_.empty()) path += PercentEncode(prefix_) + "/";
    return path + tail;
  }
  std::string NamespaceRoute(const Namespace& ns) const {
    return Route("namespaces/" + EncodeNamespace(ns));
  }
  std::string TableRoute(const TableIdentifier& id) const {
    return NamespaceRoute(id.ns) + "/tables/" + PercentEncode(id.name);
  }
  std::string ViewRoute(const TableIdentifier& id) const {
    return NamespaceRoute(id.ns) + "/views/" + PercentEncode(id.name);
  }

  // One connection per request: httplib serializes requests on a client, and loopback
  // connections are cheap.
  Result<HttpReply> Send(const std::string& method, const std::string& path,
                         const std::string* body) {
    httplib::Client client(origin_);
    client.set_connection_timeout(kConnectTimeoutSeconds, 0);
    client.set_read_timeout(kReadTimeoutSeconds, 0);
    client.set_write_timeout(kReadTimeoutSeconds, 0);
    httplib::Headers headers = {{"Accept", "application/json"}, {"X-Client-Version", "sparkling"}};
    httplib::Result result{nullptr, httplib::Error::Unknown};
    if (method == "GET") {
      result = client.Get(path, headers);
    } else if (method == "HEAD") {
      result = client.Head(path, headers);
    } else if (method == "DELETE") {
      result = client.Delete(path, headers);
    } else {
      result =
          client.Post(path, headers, body != nullptr ? *body : std::string(), "application/json");
    }
    if (!result) {
      return Status::Internal("Iceberg REST catalog at " + origin_ + " unreachable (" +
                              httplib::to_string(result.error()) + ") for " + method + " " + path);
    }
    return HttpReply{result->status, result->body};
  }

  Result<nlohmann::json> Call(const std::string& method, const std::string& path,
                              const nlohmann::json* body, RestRoute route) {
    std::string text;
    if (body != nullptr) {
      text = body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    auto reply = Send(method, path, body != nullptr ? &text : nullptr);
    if (!reply.ok()) {
      // A commit whose reply was lost may have landed.
      if (route == RestRoute::kCommit) {
        return CatalogError("ICEBERG_COMMIT_STATE_UNKNOWN", reply.status().message());
      }
      return reply.status();
    }
    if (reply->status < 200 || reply->status >= 300) {
      return StatusFromErrorResponse(reply->status, reply->body, route);
    }
    if (reply->body.empty()) return nlohmann::json::object();
    auto parsed = ParseJsonText(reply->body);
    if (!parsed.ok()) {
      return Status::Internal("Invalid JSON from the Iceberg REST catalog for " + method + " " +
                              path);
    }
    return parsed;
  }

  Result<bool> Exists(const std::string& path, RestRoute route) {
    SPK_ASSIGN_OR_RAISE(HttpReply reply, Send("HEAD", path, nullptr));
    if (reply.status >= 200 && reply.status < 300) return true;
    if (reply.status == 404) return false;
    // Servers without HEAD routes: fall back to GET.
    if (reply.status == 400 || reply.status == 405 || reply.status == 406) {
      SPK_ASSIGN_OR_RAISE(HttpReply get, Send("GET", path, nullptr));
      if (get.status >= 200 && get.status < 300) return true;
      if (get.status == 404) return false;
      return StatusFromErrorResponse(get.status, get.body, route);
    }
    return StatusFromErrorResponse(reply.status, reply.body, route);
  }

  template <typename OnPage>
  Status Paged(const std::string& path, const std::string& query, RestRoute route, OnPage on_page) {
    std::string token;
    for (int page = 0; page < 100000; ++page) {
      std::string target = path;
      target += '?';
      target += query;
      if (!token.empty()) {
        if (!query.empty()) target += '&';
        target += "pageToken=";
        target += PercentEncode(token);
      }
      SPK_ASSIGN_OR_RAISE(nlohmann::json reply, Call("GET", target, nullptr, route));
      SPK_RETURN_NOT_OK(on_page(reply));
      auto next = OptionalStringField(reply, "next-page-token");
      if (!next.ok() || !next->has_value() || (*next)->empty() || **next == token) break;
      token = **next;
    }
    return Status::OK();
  }

  Result<std::vector<TableIdentifier>> ListIdentifiers(const std::string& path) {
    std::vector<TableIdentifier> out;
    SPK_RETURN_NOT_OK(Paged(path, "", RestRoute::kTable, [&](const nlohmann::json& page) {
      const nlohmann::json* identifiers = FindField(page, "identifiers");
      if (identifiers == nullptr) return Status::OK();
      if (!identifiers->is_array()) {
        return CatalogError("ICEBERG_BAD_REQUEST", "Invalid list response");
      }
      for (const auto& item : *identifiers) {
        SPK_ASSIGN_OR_RAISE(TableIdentifier id, TableIdentifierFromJson(item));
        out.push_back(std::move(id));
      }
      return Status::OK();
    }));
    return out;
  }

  const std::string origin_;     // "http://host:port"
  const std::string base_path_;  // "" or "/some/path" before /v1
  std::string warehouse_;
  std::string prefix_;
};

}  // namespace

Result<std::shared_ptr<IcebergCatalog>> ConnectRestCatalog(const std::string& uri,
                                                           const std::string& warehouse) {
  std::string rest = uri;
  if (rest.rfind("http://", 0) != 0) {
    return CatalogError("ICEBERG_UNSUPPORTED",
                        "Unsupported Iceberg REST catalog URI (plain http:// only): " + uri);
  }
  size_t slash = rest.find('/', 7);
  std::string origin = slash == std::string::npos ? rest : rest.substr(0, slash);
  std::string base_path = slash == std::string::npos ? "" : rest.substr(slash);
  while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
  if (origin.size() <= 7) {
    return CatalogError("ICEBERG_BAD_REQUEST", "Invalid Iceberg REST catalog URI: " + uri);
  }
  auto client = std::make_shared<RestCatalogClient>(origin, base_path, warehouse);
  SPK_RETURN_NOT_OK(client->Configure());
  return std::shared_ptr<IcebergCatalog>(std::move(client));
}

}  // namespace sparkling::iceberg
