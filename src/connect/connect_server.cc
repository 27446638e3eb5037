#include "connect/connect_server.h"

#include <grpcpp/grpcpp.h>

#include "common/logging.h"
#include "connect/connect_service.h"

namespace sparkling::connect {
namespace {

constexpr char kComponent[] = "SparkConnectServer";
constexpr auto kSweepInterval = std::chrono::seconds(1);

}  // namespace

ConnectServer::ConnectServer(ConnectServerOptions options) : options_(std::move(options)) {}

ConnectServer::~ConnectServer() {
  Shutdown();
  Wait();
  server_.reset();
  if (state_ != nullptr && !state_->operations.WaitForExecutions(std::chrono::seconds(10))) {
    // An execution ignores its cancellation: leave the state it uses alive rather than free
    // it under a running thread (the process is about to exit anyway).
    SPK_LOG_WARN(kComponent, "Executions still running at shutdown; leaving them behind");
    (void)service_.release();
    (void)state_.release();
  }
}

Status ConnectServer::Start() {
  state_ = std::make_unique<ServerState>(options_.limits, options_.retention);
  state_->sessions.set_idle_timeout(options_.session_timeout);
  service_ = std::make_unique<SparkConnectServiceImpl>(*state_);

  grpc::ServerBuilder builder;
  std::string address = options_.host + ":" + std::to_string(options_.port);
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &bound_port_);
  builder.RegisterService(service_.get());
  int max_message =
      static_cast<int>(std::min<size_t>(options_.limits.max_inbound_message_bytes, INT32_MAX));
  builder.SetMaxReceiveMessageSize(max_message);
  builder.SetMaxSendMessageSize(max_message);
  // Clients keep channels open for hours; let them ping without being cut off.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || bound_port_ == 0) {
    server_.reset();
    SparkError error;
    error.kind = ErrorKind::kSparkException;
    error.message = "Cannot start the Spark Connect server at " + address +
                    " (address in use or not available)";
    return Status(std::move(error));
  }
  sweeper_ = std::thread([this] { SweepLoop(); });
  SPK_LOG_INFO(kComponent, "Spark Connect server started at: {}", this->address());
  return Status::OK();
}

std::string ConnectServer::address() const {
  return options_.host + ":" + std::to_string(bound_port_);
}

void ConnectServer::SweepLoop() {
  std::unique_lock lock(sweep_mutex_);
  while (!stopping_) {
    sweep_wakeup_.wait_for(lock, kSweepInterval, [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    state_->operations.Sweep();
    state_->sessions.SweepExpired();
    service_->ForgetClosedSessions();
    lock.lock();
  }
}

void ConnectServer::Shutdown(std::chrono::milliseconds grace) {
  {
    std::lock_guard lock(sweep_mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  sweep_wakeup_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  if (server_ == nullptr) return;
  SPK_LOG_INFO(kComponent, "Shutting down the Spark Connect server");
  // Cancelled operations end their streams with OPERATION_CANCELED; the grace period lets
  // those final statuses reach the clients before gRPC cancels what remains.
  service_->BeginShutdown();
  server_->Shutdown(std::chrono::system_clock::now() + grace);
}

void ConnectServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace sparkling::connect
