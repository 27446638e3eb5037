#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"
#include "connect/server_state.h"

namespace grpc {
class Server;
}

namespace sparkling::connect {

class SparkConnectServiceImpl;

struct ConnectServerOptions {
  std::string host = "127.0.0.1";
  int port = 15002;
  /// spark.connect.session.manager.defaultSessionTimeout: idle sessions are dropped after it.
  std::chrono::milliseconds session_timeout{std::chrono::minutes(60)};
  ConnectLimits limits;
  OperationRetention retention;
};

/// The Spark Connect gRPC server: the service, its shared state, and a background sweep that
/// expires idle sessions and abandoned operations.
class ConnectServer {
 public:
  explicit ConnectServer(ConnectServerOptions options);
  ~ConnectServer();

  /// Binds and starts serving. Fails (with the reason) when the address cannot be bound.
  Status Start();
  /// "host:port" actually bound (the port is resolved when 0 was requested).
  std::string address() const;
  int bound_port() const { return bound_port_; }

  /// Graceful stop: no new work, running operations are cancelled, streams end, then the
  /// server stops (in-flight RPCs get `grace` to finish). Idempotent.
  void Shutdown(std::chrono::milliseconds grace = std::chrono::seconds(5));
  /// Blocks until the server has shut down.
  void Wait();

 private:
  void SweepLoop();

  const ConnectServerOptions options_;
  std::unique_ptr<ServerState> state_;
  std::unique_ptr<SparkConnectServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int bound_port_ = 0;

  std::mutex sweep_mutex_;
  std::condition_variable sweep_wakeup_;
  bool stopping_ = false;
  std::thread sweeper_;
};

}  // namespace sparkling::connect
