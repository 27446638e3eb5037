#include "rest_catalog/rest_catalog_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>

#include "common/logging.h"
#include "iceberg/json_fields.h"
#include "iceberg/rest_messages.h"

namespace sparkling::rest_catalog {
namespace {

using iceberg::CatalogError;
using iceberg::Namespace;
using iceberg::TableIdentifier;

constexpr char kComponent[] = "RestCatalog";

// What GET /v1/config advertises: exactly the routes served below. Java and pyiceberg only
// call HEAD, view and transaction routes that are listed.
const char* const kEndpoints[] = {
    "GET /v1/{prefix}/namespaces",
    "POST /v1/{prefix}/namespaces",
    "GET /v1/{prefix}/namespaces/{namespace}",
    "HEAD /v1/{prefix}/namespaces/{namespace}",
    "DELETE /v1/{prefix}/namespaces/{namespace}",
    "POST /v1/{prefix}/namespaces/{namespace}/properties",
    "GET /v1/{prefix}/namespaces/{namespace}/tables",
    "POST /v1/{prefix}/namespaces/{namespace}/tables",
    "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}",
    "HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}",
    "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}",
    "DELETE /v1/{prefix}/namespaces/{namespace}/tables/{table}",
    "POST /v1/{prefix}/namespaces/{namespace}/register",
    "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}/metrics",
    "POST /v1/{prefix}/tables/rename",
    "POST /v1/{prefix}/transactions/commit",
    "GET /v1/{prefix}/namespaces/{namespace}/views",
    "POST /v1/{prefix}/namespaces/{namespace}/views",
    "GET /v1/{prefix}/namespaces/{namespace}/views/{view}",
    "HEAD /v1/{prefix}/namespaces/{namespace}/views/{view}",
    "POST /v1/{prefix}/namespaces/{namespace}/views/{view}",
    "DELETE /v1/{prefix}/namespaces/{namespace}/views/{view}",
    "POST /v1/{prefix}/views/rename",
};

Status BadRequest(const std::string& message) {
  return CatalogError("ICEBERG_BAD_REQUEST", message);
}

RestResponse Json(const nlohmann::json& body, int status = 200) {
  return RestResponse{status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

RestResponse NoContent() { return RestResponse{204, ""}; }

RestResponse ErrorResponse(const Status& status) {
  iceberg::RestErrorType type = iceberg::CatalogErrorType(status.error().error_class);
  return Json(iceberg::ErrorResponseJson(status), type.code);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Form decoding ('+' is a space, as Java's URLEncoder writes it) of one path segment or
// query component.
Result<std::string> FormDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= text.size()) return BadRequest("Malformed percent-encoding in request path");
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return BadRequest("Malformed percent-encoding in request path");
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<Namespace> ParseNamespace(const std::string& decoded) {
  Namespace ns;
  size_t start = 0;
  while (true) {
    size_t separator = decoded.find('\x1f', start);
    std::string level =
        decoded.substr(start, separator == std::string::npos ? separator : separator - start);
    if (level.empty()) return BadRequest("Invalid namespace: empty level in '" + decoded + "'");
    ns.push_back(std::move(level));
    if (separator == std::string::npos) break;
    start = separator + 1;
  }
  return ns;
}

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string RandomToken() {
  static thread_local std::mt19937_64 random(std::random_device{}());
  char text[40];
  std::snprintf(text, sizeof(text), "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return text;
}

struct Query {
  std::map<std::string, std::string> params;
  const std::string* Find(const std::string& key) const {
    auto it = params.find(key);
    return it == params.end() ? nullptr : &it->second;
  }
};

Result<Query> ParseQuery(std::string_view text) {
  Query query;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    SPK_ASSIGN_OR_RAISE(std::string key, FormDecode(pair.substr(0, equals)));
    std::string value;
    if (equals != std::string_view::npos) {
      SPK_ASSIGN_OR_RAISE(value, FormDecode(pair.substr(equals + 1)));
    }
    query.params.emplace(std::move(key), std::move(value));
  }
  return query;
}

// A page of a list: pageToken is the offset of its first item (opaque to clients).
struct Page {
  size_t begin = 0;
  size_t end = 0;
  std::optional<std::string> next_token;
};

Result<Page> PageOf(size_t total, const Query& query) {
  Page page;
  page.end = total;
  if (const std::string* token = query.Find("pageToken"); token != nullptr && !token->empty()) {
    size_t offset = 0;
    for (char c : *token) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || offset > (size_t{1} << 40)) {
        return BadRequest("Invalid page token: " + *token);
      }
      offset = offset * 10 + static_cast<size_t>(c - '0');
    }
    page.begin = std::min(offset, total);
  }
  if (const std::string* size = query.Find("pageSize"); size != nullptr && !size->empty()) {
    // A positive decimal integer (sscanf would accept signs, spaces and overflow silently).
    uint64_t parsed = 0;
    const char* first = size->data();
    const char* last = first + size->size();
    auto [end, error] = std::from_chars(first, last, parsed);
    if (error != std::errc() || end != last || parsed == 0) {
      return BadRequest("Invalid page size: " + *size);
    }
    if (parsed < total - page.begin) {
      page.end = page.begin + static_cast<size_t>(parsed);
      page.next_token = std::to_string(page.end);
    }
  }
  return page;
}

Result<nlohmann::json> ParseBody(const std::string& body) {
  if (body.empty()) return BadRequest("Malformed request: empty body");
  SPK_ASSIGN_OR_RAISE(nlohmann::json json, iceberg::ParseJsonText(body));
  if (!json.is_object()) return BadRequest("Malformed request: the body is not a JSON object");
  return json;
}

nlohmann::json IdentifiersJson(const std::vector<TableIdentifier>& ids, const Page& page) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = page.begin; i < page.end; ++i) {
    list.push_back(iceberg::TableIdentifierToJson(ids[i]));
  }
  nlohmann::json out = {{"identifiers", std::move(list)}};
  out["next-page-token"] = page.next_token ? nlohmann::json(*page.next_token) : nlohmann::json();
  return out;
}

// The protocol: one method per route. Each returns the response or a Status that becomes
// the error model's body.
class Router {
 public:
  explicit Router(iceberg::IcebergCatalog& catalog) : catalog_(catalog) {}

  // nullopt: the segments are no route at all (the caller then tries them as {prefix}/...).
  std::optional<Result<RestResponse>> Dispatch(const std::string& method,
                                               const std::vector<std::string>& s,
                                               const Query& query, const std::string& body) {
    const size_t n = s.size();
    if (n == 1 && s[0] == "config") return Only(method, "GET", [&] { return Config(); });
    if (n == 2 && s[0] == "oauth" && s[1] == "tokens") {
      return Only(method, "POST", [&] { return Token(); });
    }
    if (n == 2 && s[0] == "tables" && s[1] == "rename") {
      return Only(method, "POST", [&] { return Rename(body, false); });
    }
    if (n == 2 && s[0] == "views" && s[1] == "rename") {
      return Only(method, "POST", [&] { return Rename(body, true); });
    }
    if (n == 2 && s[0] == "transactions" && s[1] == "commit") {
      return Only(method, "POST", [&] { return CommitTransaction(body); });
    }
    if (n == 0 || s[0] != "namespaces" || n > 5) return std::nullopt;
    if (n == 1) {
      if (method == "GET") return ListNamespaces(query);
      if (method == "POST") return CreateNamespace(body);
      return NotAllowed(method);
    }
    auto ns = ParseNamespace(s[1]);
    if (!ns.ok()) return Result<RestResponse>(ns.status());
    if (n == 2) {
      if (method == "GET") return LoadNamespace(*ns);
      if (method == "HEAD") return NamespaceExists(*ns);
      if (method == "DELETE") return DropNamespace(*ns);
      return NotAllowed(method);
    }
    const std::string& what = s[2];
    if (n == 3) {
      if (what == "properties") return Only(method, "POST", [&] { return Properties(*ns, body); });
      if (what == "register") return Only(method, "POST", [&] { return Register(*ns, body); });
      if (what == "tables" || what == "views") {
        const bool view = what == "views";
        if (method == "GET") return List(*ns, query, view);
        if (method == "POST") return view ? CreateView(*ns, body) : CreateTable(*ns, body);
        return NotAllowed(method);
      }
      return std::nullopt;
    }
    if (what != "tables" && what != "views") return std::nullopt;
    const bool view = what == "views";
    TableIdentifier id{*ns, s[3]};
    if (id.name.empty()) return Result<RestResponse>(BadRequest("Invalid empty table name"));
    if (n == 4) {
      if (method == "GET") return view ? LoadView(id) : LoadTable(id);
      if (method == "HEAD") return Exists(id, view);
      if (method == "POST") return view ? ReplaceView(id, body) : CommitTable(id, body);
      if (method == "DELETE") return view ? DropView(id) : DropTable(id, query);
      return NotAllowed(method);
    }
    if (view) return std::nullopt;
    if (s[4] == "metrics") return Only(method, "POST", [&] { return Metrics(body); });
    if (s[4] == "credentials") {
      return Only(method, "GET", [&]() -> Result<RestResponse> {
        SPK_RETURN_NOT_OK(catalog_.LoadTable(id).status());
        return Json({{"storage-credentials", nlohmann::json::array()}});
      });
    }
    return std::nullopt;
  }

 private:
  template <typename Handler>
  std::optional<Result<RestResponse>> Only(const std::string& method, const char* allowed,
                                           Handler handler) {
    if (method != allowed) return NotAllowed(method);
    return handler();
  }

  static Result<RestResponse> NotAllowed(const std::string& method) {
    return BadRequest("Method " + method + " is not supported on this route");
  }

  Result<RestResponse> Config() {
    nlohmann::json endpoints = nlohmann::json::array();
    for (const char* endpoint : kEndpoints) endpoints.push_back(endpoint);
    return Json({{"defaults", nlohmann::json::object()},
                 {"overrides", nlohmann::json::object()},
                 {"endpoints", std::move(endpoints)}});
  }

  // A development token endpoint: any credentials, an opaque token (nothing checks it).
  Result<RestResponse> Token() {
    return Json({{"access_token", "sparkling-" + RandomToken()},
                 {"token_type", "bearer"},
                 {"expires_in", 86400},
                 {"issued_token_type", "urn:ietf:params:oauth:token-type:access_token"}});
  }

  Result<RestResponse> ListNamespaces(const Query& query) {
    Namespace parent;
    if (const std::string* text = query.Find("parent"); text != nullptr && !text->empty()) {
      SPK_ASSIGN_OR_RAISE(parent, ParseNamespace(*text));
    }
    SPK_ASSIGN_OR_RAISE(auto namespaces, catalog_.ListNamespaces(parent));
    SPK_ASSIGN_OR_RAISE(Page page, PageOf(namespaces.size(), query));
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = page.begin; i < page.end; ++i) {
      list.push_back(iceberg::NamespaceToJson(namespaces[i]));
    }
    nlohmann::json out = {{"namespaces", std::move(list)}};
    out["next-page-token"] = page.next_token ? nlohmann::json(*page.next_token) : nlohmann::json();
    return Json(out);
  }

  Result<RestResponse> CreateNamespace(const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    const nlohmann::json* ns_json = iceberg::FindField(request, "namespace");
    if (ns_json == nullptr) return BadRequest("Invalid namespace: missing namespace");
    SPK_ASSIGN_OR_RAISE(Namespace ns, iceberg::NamespaceFromJson(*ns_json));
    if (ns.empty()) return BadRequest("Invalid namespace: empty");
    SPK_ASSIGN_OR_RAISE(auto properties, iceberg::StringMapField(request, "properties"));
    SPK_RETURN_NOT_OK(catalog_.CreateNamespace(ns, properties));
    return Json({{"namespace", iceberg::NamespaceToJson(ns)}, {"properties", properties}});
  }

  Result<RestResponse> LoadNamespace(const Namespace& ns) {
    SPK_ASSIGN_OR_RAISE(auto properties, catalog_.LoadNamespace(ns));
    return Json({{"namespace", iceberg::NamespaceToJson(ns)}, {"properties", properties}});
  }

  Result<RestResponse> NamespaceExists(const Namespace& ns) {
    SPK_ASSIGN_OR_RAISE(bool exists, catalog_.NamespaceExists(ns));
    if (!exists) {
      return CatalogError("ICEBERG_NO_SUCH_NAMESPACE", "Namespace does not exist: " + Join(ns));
    }
    return NoContent();
  }

  Result<RestResponse> DropNamespace(const Namespace& ns) {
    SPK_RETURN_NOT_OK(catalog_.DropNamespace(ns));
    return NoContent();
  }

  Result<RestResponse> Properties(const Namespace& ns, const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    SPK_ASSIGN_OR_RAISE(auto removals, iceberg::StringListField(request, "removals"));
    SPK_ASSIGN_OR_RAISE(auto updates, iceberg::StringMapField(request, "updates"));
    SPK_ASSIGN_OR_RAISE(auto result, catalog_.UpdateNamespaceProperties(ns, removals, updates));
    return Json(
        {{"updated", result.updated}, {"removed", result.removed}, {"missing", result.missing}});
  }

  Result<RestResponse> List(const Namespace& ns, const Query& query, bool views) {
    SPK_ASSIGN_OR_RAISE(auto ids, views ? catalog_.ListViews(ns) : catalog_.ListTables(ns));
    SPK_ASSIGN_OR_RAISE(Page page, PageOf(ids.size(), query));
    return Json(IdentifiersJson(ids, page));
  }

  Result<RestResponse> CreateTable(const Namespace& ns, const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    SPK_ASSIGN_OR_RAISE(auto create, iceberg::CreateTableRequestFromJson(request));
    SPK_ASSIGN_OR_RAISE(auto table, catalog_.CreateTable(ns, create));
    return Json(iceberg::LoadTableResultToJson(table));
  }

  Result<RestResponse> LoadTable(const TableIdentifier& id) {
    SPK_ASSIGN_OR_RAISE(auto table, catalog_.LoadTable(id));
    return Json(iceberg::LoadTableResultToJson(table));
  }

  Result<RestResponse> Exists(const TableIdentifier& id, bool view) {
    SPK_ASSIGN_OR_RAISE(bool exists, view ? catalog_.ViewExists(id) : catalog_.TableExists(id));
    if (!exists) {
      return CatalogError(
          view ? "ICEBERG_NO_SUCH_VIEW" : "ICEBERG_NO_SUCH_TABLE",
          std::string(view ? "View" : "Table") + " does not exist: " + id.ToString());
    }
    return NoContent();
  }

  Result<RestResponse> CommitTable(const TableIdentifier& id, const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    SPK_ASSIGN_OR_RAISE(iceberg::TableChange change, iceberg::TableChangeFromJson(request));
    change.identifier = id;  // the route names the table
    SPK_ASSIGN_OR_RAISE(auto table, catalog_.CommitTable(change));
    return Json({{"metadata-location", table.metadata_location},
                 {"metadata", iceberg::TableMetadataToJson(*table.metadata)}});
  }

  Result<RestResponse> DropTable(const TableIdentifier& id, const Query& query) {
    bool purge = false;
    if (const std::string* text = query.Find("purgeRequested")) purge = Lower(*text) == "true";
    SPK_RETURN_NOT_OK(catalog_.DropTable(id, purge));
    return NoContent();
  }

  Result<RestResponse> Metrics(const std::string& body) {
    SPK_RETURN_NOT_OK(ParseBody(body).status());
    return NoContent();
  }

  Result<RestResponse> Register(const Namespace& ns, const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    SPK_ASSIGN_OR_RAISE(std::string name, iceberg::StringField(request, "name"));
    SPK_ASSIGN_OR_RAISE(std::string location, iceberg::StringField(request, "metadata-location"));
    SPK_ASSIGN_OR_RAISE(auto overwrite, iceberg::OptionalBoolField(request, "overwrite"));
    SPK_ASSIGN_OR_RAISE(auto table, catalog_.RegisterTable(TableIdentifier{ns, name}, location,
                                                           overwrite.value_or(false)));
    return Json(iceberg::LoadTableResultToJson(table));
  }

  Result<RestResponse> Rename(const std::string& body, bool views) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    const nlohmann::json* source = iceberg::FindField(request, "source");
    const nlohmann::json* destination = iceberg::FindField(request, "destination");
    if (source == nullptr || destination == nullptr) {
      return BadRequest("Invalid rename request: source and destination are required");
    }
    SPK_ASSIGN_OR_RAISE(TableIdentifier from, iceberg::TableIdentifierFromJson(*source));
    SPK_ASSIGN_OR_RAISE(TableIdentifier to, iceberg::TableIdentifierFromJson(*destination));
    SPK_RETURN_NOT_OK(views ? catalog_.RenameView(from, to) : catalog_.RenameTable(from, to));
    return NoContent();
  }

  Result<RestResponse> CommitTransaction(const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    const nlohmann::json* list = iceberg::FindField(request, "table-changes");
    if (list == nullptr || !list->is_array()) {
      return BadRequest("Invalid transaction: table-changes must be an array");
    }
    std::vector<iceberg::TableChange> changes;
    for (const auto& item : *list) {
      if (iceberg::FindField(item, "identifier") == nullptr) {
        return BadRequest("Invalid table changes: table identifier is required");
      }
      SPK_ASSIGN_OR_RAISE(iceberg::TableChange change, iceberg::TableChangeFromJson(item));
      changes.push_back(std::move(change));
    }
    SPK_RETURN_NOT_OK(catalog_.CommitTransaction(changes));
    return NoContent();
  }

  Result<RestResponse> CreateView(const Namespace& ns, const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    SPK_ASSIGN_OR_RAISE(auto create, iceberg::CreateViewRequestFromJson(request));
    SPK_ASSIGN_OR_RAISE(auto view, catalog_.CreateView(ns, create));
    return Json(iceberg::LoadViewResultToJson(view));
  }

  Result<RestResponse> LoadView(const TableIdentifier& id) {
    SPK_ASSIGN_OR_RAISE(auto view, catalog_.LoadView(id));
    return Json(iceberg::LoadViewResultToJson(view));
  }

  Result<RestResponse> ReplaceView(const TableIdentifier& id, const std::string& body) {
    SPK_ASSIGN_OR_RAISE(nlohmann::json request, ParseBody(body));
    SPK_ASSIGN_OR_RAISE(iceberg::TableChange change, iceberg::TableChangeFromJson(request));
    SPK_ASSIGN_OR_RAISE(auto view, catalog_.ReplaceView(id, change.requirements, change.updates));
    return Json(iceberg::LoadViewResultToJson(view));
  }

  Result<RestResponse> DropView(const TableIdentifier& id) {
    SPK_RETURN_NOT_OK(catalog_.DropView(id));
    return NoContent();
  }

  static std::string Join(const Namespace& ns) {
    std::string out;
    for (size_t i = 0; i < ns.size(); ++i) out += (i > 0 ? "." : "") + ns[i];
    return out;
  }

  iceberg::IcebergCatalog& catalog_;
};

}  // namespace

RestCatalogServer::RestCatalogServer(std::shared_ptr<iceberg::IcebergCatalog> catalog,
                                     RestCatalogServerOptions options)
    : catalog_(std::move(catalog)), options_(std::move(options)) {}

RestCatalogServer::~RestCatalogServer() {
  Shutdown();
  Wait();
}

RestResponse RestCatalogServer::Handle(const RestRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  RestResponse response;
  try {
    Result<RestResponse> routed =
        BadRequest("No route for request: " + request.method + " " + request.target);
    std::string_view target = request.target;
    size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    std::string_view query_text =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    auto query = ParseQuery(query_text);
    if (!query.ok()) {
      routed = query.status();
    } else if (path.rfind("/v1/", 0) == 0) {
      // Split the raw path first, then decode: an encoded '/' inside a name stays a character.
      std::vector<std::string> segments;
      Status decoded;
      std::string_view rest = path.substr(4);
      while (true) {
        size_t slash = rest.find('/');
        auto segment = FormDecode(rest.substr(0, slash));
        if (!segment.ok()) {
          decoded = segment.status();
          break;
        }
        segments.push_back(std::move(*segment));
        if (slash == std::string_view::npos) break;
        rest = rest.substr(slash + 1);
      }
      if (!segments.empty() && segments.back().empty()) segments.pop_back();
      if (!decoded.ok()) {
        routed = decoded;
      } else {
        Router router(*catalog_);
        auto result = router.Dispatch(request.method, segments, *query, request.body);
        if (!result && segments.size() > 1) {
          std::vector<std::string> unprefixed(segments.begin() + 1, segments.end());
          result = router.Dispatch(request.method, unprefixed, *query, request.body);
        }
        if (result) routed = std::move(*result);
      }
    }
    response = routed.ok() ? std::move(*routed) : ErrorResponse(routed.status());
  } catch (const std::exception& error) {
    response = ErrorResponse(Status::Internal(std::string("REST catalog: ") + error.what()));
  } catch (...) {
    response = ErrorResponse(Status::Internal("REST catalog: unknown exception"));
  }
  if (request.method == "HEAD") response.body.clear();
  const double millis =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  SPK_LOG_DEBUG(kComponent, "{} {} -> {} ({:.2f} ms)", request.method, request.target,
                response.status, millis);
  return response;
}

Status RestCatalogServer::Start() {
  server_ = std::make_unique<httplib::Server>();
  const int threads = std::max(1, options_.threads);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib's default also sets SO_REUSEPORT, which would let a second server bind the same
  // port silently; a port in use must be an error.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_keep_alive_max_count(1000);
  server_->set_tcp_nodelay(true);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    RestResponse response = Handle(RestRequest{req.method, req.target, req.body});
    res.status = response.status;
    if (!response.body.empty()) res.set_content(response.body, "application/json");
  };
  const std::string any = "[\\s\\S]*";
  server_->Get(any, handler);
  server_->Post(any, handler);
  server_->Delete(any, handler);
  server_->Put(any, handler);
  server_->Patch(any, handler);
  server_->Options(any, handler);
  // Requests httplib rejects itself (body too large, bad request line) still get an
  // error-model body.
  server_->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                     httplib::Response& res) {
    if (!res.body.empty() || req.method == "HEAD") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    std::string message = res.status == 413
                              ? "Request body too large"
                              : "Malformed request (HTTP " + std::to_string(res.status) + ")";
    nlohmann::json body = {
        {"error", {{"message", message}, {"type", "BadRequestException"}, {"code", res.status}}}};
    res.set_content(body.dump(), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                    std::exception_ptr) {
    nlohmann::json body = {
        {"error", {{"message", "Internal error"}, {"type", "InternalServerError"}, {"code", 500}}}};
    res.status = 500;
    res.set_content(body.dump(), "application/json");
  });

  if (options_.port == 0) {
    bound_port_ = server_->bind_to_any_port(options_.host);
    if (bound_port_ <= 0) {
      return Status::Internal("Cannot bind the Iceberg REST catalog to " + options_.host);
    }
  } else {
    if (!server_->bind_to_port(options_.host, options_.port)) {
      return Status::Internal("Cannot start the Iceberg REST catalog on " + options_.host + ":" +
                              std::to_string(options_.port) +
                              ": the address is in use or unavailable (choose another with "
                              "--catalog-port, or --no-catalog-server)");
    }
    bound_port_ = options_.port;
  }
  listener_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() is a no-op until the loop runs: wait for it so that an early Shutdown works.
  for (int i = 0; i < 1000 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  SPK_LOG_INFO(kComponent, "Iceberg REST catalog listening on http://{}:{}", options_.host,
               bound_port_);
  return Status::OK();
}

void RestCatalogServer::Shutdown() {
  if (stopped_.exchange(true)) return;
  if (server_) server_->stop();
}

void RestCatalogServer::Wait() {
  if (listener_.joinable()) listener_.join();
}

}  // namespace sparkling::rest_catalog
