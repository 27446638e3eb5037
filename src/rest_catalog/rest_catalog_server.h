#pragma once

// The Iceberg REST catalog protocol (rest-catalog-open-api.yaml, Iceberg 1.10) over HTTP,
// serving any IcebergCatalog: the embedded warehouse catalog, or a remote one it proxies.

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "common/status.h"
#include "iceberg/iceberg_catalog.h"

namespace httplib {
class Server;
}

namespace sparkling::rest_catalog {

struct RestCatalogServerOptions {
  std::string host = "127.0.0.1";
  int port = 8181;  // 0: any free port
  size_t max_body_bytes = 64 << 20;
  int threads = 16;
};

/// One HTTP exchange as the router sees it: the raw request target (path and query, still
/// percent-encoded) and the reply.
struct RestRequest {
  std::string method;
  std::string target;
  std::string body;
};
struct RestResponse {
  int status = 200;
  std::string body;  // JSON, or empty (HEAD, 204)
};

class RestCatalogServer {
 public:
  RestCatalogServer(std::shared_ptr<iceberg::IcebergCatalog> catalog,
                    RestCatalogServerOptions options);
  ~RestCatalogServer();
  RestCatalogServer(const RestCatalogServer&) = delete;
  RestCatalogServer& operator=(const RestCatalogServer&) = delete;

  /// Binds the port (an error naming it when it is in use) and starts serving.
  Status Start();
  int bound_port() const { return bound_port_; }
  /// Stops accepting and finishes; safe to call more than once.
  void Shutdown();
  /// Blocks until the server has stopped.
  void Wait();

  /// Routes and handles one request: the whole protocol, without sockets.
  RestResponse Handle(const RestRequest& request);

 private:
  std::shared_ptr<iceberg::IcebergCatalog> catalog_;
  RestCatalogServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  std::atomic<bool> stopped_{false};
  int bound_port_ = 0;
};

}  // namespace sparkling::rest_catalog
