// The `sparkling` command: `sparkling server` runs the Spark Connect server next to the Iceberg
// REST catalog of its warehouse; `sparkling catalog` runs the REST catalog alone.

#include <arrow/compute/initialize.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog_store.h"
#include "catalog/iceberg_table_catalog.h"
#include "common/logging.h"
#include "connect/connect_server.h"
#include "iceberg/iceberg_catalog.h"
#include "rest_catalog/rest_catalog_server.h"

namespace {

constexpr char kVersion[] = "0.1.0";
constexpr char kSparkVersion[] = "4.1.1";
constexpr char kComponent[] = "Sparkling";

// "90", "90s", "15m", "1h", "500ms" → a duration; nullopt when malformed.
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  long long value = std::stoll(text.substr(0, digits));
  std::string unit = text.substr(digits);
  if (unit.empty() || unit == "s") return std::chrono::seconds(value);
  if (unit == "ms") return std::chrono::milliseconds(value);
  if (unit == "m" || unit == "min") return std::chrono::minutes(value);
  if (unit == "h") return std::chrono::hours(value);
  return std::nullopt;
}

// Spark's byte strings: "134217728", "128m", "1g" → bytes; nullopt when malformed.
std::optional<size_t> ParseBytes(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 15) return std::nullopt;
  size_t value = std::stoull(text.substr(0, digits));
  std::string unit = text.substr(digits);
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit.empty() || unit == "b") return value;
  if (unit == "k" || unit == "kb") return value << 10;
  if (unit == "m" || unit == "mb") return value << 20;
  if (unit == "g" || unit == "gb") return value << 30;
  return std::nullopt;
}

// Server settings given as Spark configuration keys (--conf key=value).
bool ApplyServerConf(const std::string& assignment,
                     sparkling::connect::ConnectServerOptions* options) {
  size_t equals = assignment.find('=');
  if (equals == std::string::npos) {
    std::cerr << "--conf expects key=value, got '" << assignment << "'\n";
    return false;
  }
  std::string key = assignment.substr(0, equals);
  std::string value = assignment.substr(equals + 1);
  if (key == "spark.connect.grpc.maxInboundMessageSize") {
    auto bytes = ParseBytes(value);
    if (!bytes || *bytes < 1024) {
      std::cerr << "invalid " << key << ": '" << value << "'\n";
      return false;
    }
    options->limits.max_inbound_message_bytes = *bytes;
    return true;
  }
  if (key == "spark.connect.session.manager.defaultSessionTimeout") {
    auto timeout = ParseDuration(value);
    if (!timeout) {
      std::cerr << "invalid " << key << ": '" << value << "'\n";
      return false;
    }
    options->session_timeout = *timeout;
    return true;
  }
  if (key == "spark.connect.execute.manager.detachedTimeout") {
    auto timeout = ParseDuration(value);
    if (!timeout) {
      std::cerr << "invalid " << key << ": '" << value << "'\n";
      return false;
    }
    options->retention.detached_timeout = *timeout;
    return true;
  }
  if (key == "spark.connect.progress.reportInterval") {
    auto interval = ParseDuration(value);
    if (!interval || interval->count() <= 0) {
      std::cerr << "invalid " << key << ": '" << value << "'\n";
      return false;
    }
    options->limits.progress_interval = *interval;
    return true;
  }
  std::cerr << "unknown server configuration key '" << key << "'\n";
  return false;
}

// Where spark_catalog lives and whether its REST catalog is served.
struct CatalogSettings {
  std::string warehouse;    // local warehouse directory (embedded catalog)
  std::string catalog_uri;  // an external Iceberg REST catalog instead of the embedded one
  bool serve = true;
  sparkling::rest_catalog::RestCatalogServerOptions server;
};

// "./spark-warehouse/iceberg" unless --warehouse or WAREHOUSE_PATH say otherwise; absolute.
std::string ResolveWarehouse(const std::string& flag) {
  std::string path = flag;
  if (path.empty()) {
    const char* env = std::getenv("WAREHOUSE_PATH");
    path = env != nullptr && *env != '\0' ? env : "./spark-warehouse/iceberg";
  }
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec);
  return (ec ? std::filesystem::path(path) : absolute).lexically_normal().string();
}

sparkling::Result<std::shared_ptr<sparkling::iceberg::IcebergCatalog>> OpenCatalog(
    const CatalogSettings& settings) {
  if (!settings.catalog_uri.empty()) {
    SPK_LOG_INFO(kComponent, "spark_catalog is the Iceberg REST catalog at {}",
                 settings.catalog_uri);
    return sparkling::iceberg::ConnectRestCatalog(settings.catalog_uri);
  }
  SPK_LOG_INFO(kComponent, "Iceberg warehouse {}", settings.warehouse);
  auto catalog = sparkling::iceberg::OpenWarehouseCatalog(settings.warehouse,
                                                          sparkling::CatalogStore::kDefaultCatalog);
  if (!catalog.ok()) return catalog;
  // `default` is the current namespace of every new session, as in Spark: it must exist.
  const sparkling::iceberg::Namespace default_namespace{"default"};
  auto exists = (*catalog)->NamespaceExists(default_namespace);
  if (exists.ok() && !*exists) {
    sparkling::Status created = (*catalog)->CreateNamespace(default_namespace, {});
    if (!created.ok()) {
      SPK_LOG_WARN(kComponent, "Cannot create the default namespace: {}", created.message());
    }
  }
  return catalog;
}

// SIGINT/SIGTERM go to a dedicated thread (sigwait), so no handler runs inside gRPC, HTTP
// or engine code.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return signals;
}

int RunServer(sparkling::connect::ConnectServerOptions options, const CatalogSettings& settings) {
  sigset_t signals = BlockStopSignals();

  arrow::Status initialized = arrow::compute::Initialize();
  if (!initialized.ok()) {
    SPK_LOG_ERROR(kComponent, "Cannot initialise Arrow compute: {}", initialized.ToString());
    return 1;
  }

  auto catalog = OpenCatalog(settings);
  if (!catalog.ok()) {
    SPK_LOG_ERROR(kComponent, "Cannot open the Iceberg catalog: {}", catalog.status().message());
    return 1;
  }
  sparkling::CatalogStore::Global()->SetDefaultCatalog(
      sparkling::MakeIcebergTableCatalog(sparkling::CatalogStore::kDefaultCatalog, *catalog));

  std::unique_ptr<sparkling::rest_catalog::RestCatalogServer> catalog_server;
  if (settings.serve) {
    catalog_server =
        std::make_unique<sparkling::rest_catalog::RestCatalogServer>(*catalog, settings.server);
    sparkling::Status started = catalog_server->Start();
    if (!started.ok()) {
      SPK_LOG_ERROR(kComponent, "{}", started.message());
      return 1;
    }
  }

  sparkling::connect::ConnectServer server(std::move(options));
  sparkling::Status started = server.Start();
  if (!started.ok()) {
    SPK_LOG_ERROR(kComponent, "{}", started.message());
    if (catalog_server) catalog_server->Shutdown();
    return 1;
  }
  std::thread signal_waiter([&server, &catalog_server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    SPK_LOG_INFO(kComponent, "Received {}, stopping", received == SIGINT ? "SIGINT" : "SIGTERM");
    if (catalog_server) catalog_server->Shutdown();
    server.Shutdown();
  });
  server.Wait();
  signal_waiter.join();
  if (catalog_server) {
    catalog_server->Shutdown();
    catalog_server->Wait();
  }
  SPK_LOG_INFO(kComponent, "Stopped");
  return 0;
}

int RunCatalog(const CatalogSettings& settings) {
  sigset_t signals = BlockStopSignals();
  auto catalog = OpenCatalog(settings);
  if (!catalog.ok()) {
    SPK_LOG_ERROR(kComponent, "Cannot open the Iceberg catalog: {}", catalog.status().message());
    return 1;
  }
  sparkling::rest_catalog::RestCatalogServer catalog_server(*catalog, settings.server);
  sparkling::Status started = catalog_server.Start();
  if (!started.ok()) {
    SPK_LOG_ERROR(kComponent, "{}", started.message());
    return 1;
  }
  int received = 0;
  sigwait(&signals, &received);
  SPK_LOG_INFO(kComponent, "Received {}, stopping", received == SIGINT ? "SIGINT" : "SIGTERM");
  catalog_server.Shutdown();
  catalog_server.Wait();
  SPK_LOG_INFO(kComponent, "Stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sparkling: a native Spark Connect server compatible with Spark " +
               std::string(kSparkVersion)};
  app.set_version_flag("--version", std::string("sparkling ") + kVersion + " (Spark " +
                                        kSparkVersion + " compatible)");
  app.require_subcommand(1);

  sparkling::connect::ConnectServerOptions options;
  std::string log_level = "info";
  std::string session_timeout;
  std::vector<std::string> confs;
  CLI::App* server = app.add_subcommand("server", "Run the Spark Connect server");
  server->add_option("--host", options.host, "Address to listen on")
      ->envname("SPARKLING_HOST")
      ->capture_default_str();
  server->add_option("--port", options.port, "Port to listen on (0: any free port)")
      ->envname("SPARKLING_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  server->add_option("--log-level", log_level, "debug, info, warn or error")
      ->envname("SPARKLING_LOG_LEVEL")
      ->capture_default_str();
  server
      ->add_option("--session-timeout", session_timeout,
                   "Idle time after which a session is dropped (e.g. 3600s, 60m, 1h)")
      ->envname("SPARKLING_SESSION_TIMEOUT");
  server->add_option("--conf", confs,
                     "Server setting as a Spark key=value, e.g. "
                     "spark.connect.grpc.maxInboundMessageSize=256m");

  CatalogSettings catalog_settings;
  std::string warehouse_flag;
  bool no_catalog_server = false;
  server->add_option("--warehouse", warehouse_flag,
                     "Iceberg warehouse directory (default: $WAREHOUSE_PATH, else "
                     "./spark-warehouse/iceberg)");
  server
      ->add_option("--catalog-host", catalog_settings.server.host,
                   "Address the Iceberg REST catalog listens on")
      ->capture_default_str();
  server
      ->add_option("--catalog-port", catalog_settings.server.port,
                   "Port of the Iceberg REST catalog (0: any free port)")
      ->envname("SPARKLING_CATALOG_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  server->add_flag("--no-catalog-server", no_catalog_server,
                   "Do not serve the Iceberg REST catalog");
  server
      ->add_option("--catalog-uri", catalog_settings.catalog_uri,
                   "Use this external Iceberg REST catalog (http://host:port) as spark_catalog "
                   "instead of the embedded one")
      ->envname("ICEBERG_CATALOG_URI");

  CatalogSettings alone_settings;
  std::string alone_warehouse;
  CLI::App* catalog = app.add_subcommand("catalog", "Run the Iceberg REST catalog alone");
  catalog->add_option("--warehouse", alone_warehouse,
                      "Iceberg warehouse directory (default: $WAREHOUSE_PATH, else "
                      "./spark-warehouse/iceberg)");
  catalog->add_option("--host", alone_settings.server.host, "Address to listen on")
      ->capture_default_str();
  catalog->add_option("--port", alone_settings.server.port, "Port to listen on (0: any free port)")
      ->envname("SPARKLING_CATALOG_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  catalog
      ->add_option("--catalog-uri", alone_settings.catalog_uri,
                   "Serve (proxy) this external Iceberg REST catalog instead of the warehouse")
      ->envname("ICEBERG_CATALOG_URI");
  catalog->add_option("--log-level", log_level, "debug, info, warn or error")
      ->envname("SPARKLING_LOG_LEVEL")
      ->capture_default_str();

  CLI11_PARSE(app, argc, argv);

  sparkling::LogLevel level;
  if (!sparkling::ParseLogLevel(log_level, &level)) {
    std::cerr << "unknown log level '" << log_level << "' (debug, info, warn, error)\n";
    return 2;
  }
  sparkling::SetLogLevel(level);
  if (catalog->parsed()) {
    alone_settings.warehouse = ResolveWarehouse(alone_warehouse);
    return RunCatalog(alone_settings);
  }
  catalog_settings.warehouse = ResolveWarehouse(warehouse_flag);
  // With an external catalog, clients talk to it directly; serving it here as well is
  // opt-in (an explicit --catalog-port), which also avoids a clash on its port.
  catalog_settings.serve = !no_catalog_server && (catalog_settings.catalog_uri.empty() ||
                                                  server->count("--catalog-port") > 0 ||
                                                  std::getenv("SPARKLING_CATALOG_PORT") != nullptr);
  if (!session_timeout.empty()) {
    auto timeout = ParseDuration(session_timeout);
    if (!timeout || timeout->count() <= 0) {
      std::cerr << "invalid --session-timeout '" << session_timeout << "'\n";
      return 2;
    }
    options.session_timeout = *timeout;
  }
  for (const auto& conf : confs) {
    if (!ApplyServerConf(conf, &options)) return 2;
  }
  // Spark's own port variable, for scripts written against a Spark Connect server.
  if (server->count("--port") == 0 && std::getenv("SPARKLING_PORT") == nullptr) {
    if (const char* port = std::getenv("SPARK_CONNECT_PORT"); port != nullptr) {
      try {
        options.port = std::stoi(port);
      } catch (const std::exception&) {
        std::cerr << "invalid SPARK_CONNECT_PORT '" << port << "'\n";
        return 2;
      }
    }
  }
  return RunServer(std::move(options), catalog_settings);
}
