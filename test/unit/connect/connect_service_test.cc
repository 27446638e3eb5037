// The service in-process: a ConnectServer on a free port and a C++ stub, checking the
// protocol rules pyspark relies on (ids on every response, result framing, errors).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <spark/connect/base.grpc.pb.h>

#include <nlohmann/json.hpp>

#include "connect/connect_server.h"
#include "connect/error_encoding.h"

namespace sparkling::connect {
namespace {

using spark::connect::ExecutePlanRequest;
using spark::connect::ExecutePlanResponse;

constexpr char kSession[] = "3f2a9c1e-58b7-4d0a-9e6f-1b2c3d4e5f60";

class ConnectServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ConnectServerOptions options;
    options.port = 0;
    server_ = new ConnectServer(options);
    ASSERT_TRUE(server_->Start().ok());
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->bound_port()),
                                       grpc::InsecureChannelCredentials());
    stub_ = spark::connect::SparkConnectService::NewStub(channel).release();
  }
  static void TearDownTestSuite() {
    delete stub_;
    delete server_;
  }

  std::vector<ExecutePlanResponse> Execute(const ExecutePlanRequest& request,
                                           grpc::Status* status) {
    grpc::ClientContext context;
    auto reader = stub_->ExecutePlan(&context, request);
    std::vector<ExecutePlanResponse> responses;
    ExecutePlanResponse response;
    while (reader->Read(&response)) responses.push_back(response);
    *status = reader->Finish();
    return responses;
  }

  static ErrorInfo DecodeError(const grpc::Status& status) {
    int code = 0;
    std::string message;
    ErrorInfo info;
    EXPECT_TRUE(DecodeRpcStatus(status.error_details(), &code, &message, &info));
    EXPECT_EQ(code, 13);
    EXPECT_EQ(message, status.error_message());
    return info;
  }

  static ConnectServer* server_;
  static spark::connect::SparkConnectService::Stub* stub_;
};

ConnectServer* ConnectServiceTest::server_ = nullptr;
spark::connect::SparkConnectService::Stub* ConnectServiceTest::stub_ = nullptr;

TEST_F(ConnectServiceTest, ConfigAnswersOnePairPerKeyWithSessionIds) {
  spark::connect::ConfigRequest set;
  set.set_session_id(kSession);
  auto* pair = set.mutable_operation()->mutable_set()->add_pairs();
  pair->set_key("spark.sql.shuffle.partitions");
  pair->set_value("7");
  spark::connect::ConfigResponse set_response;
  grpc::ClientContext set_context;
  ASSERT_TRUE(stub_->Config(&set_context, set, &set_response).ok());
  EXPECT_EQ(set_response.session_id(), kSession);
  EXPECT_FALSE(set_response.server_side_session_id().empty());

  spark::connect::ConfigRequest get;
  get.set_session_id(kSession);
  auto* keys = get.mutable_operation()->mutable_get_option();
  keys->add_keys("spark.sql.shuffle.partitions");
  keys->add_keys("spark.sparkling.no.such.key");
  spark::connect::ConfigResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->Config(&context, get, &response).ok());
  ASSERT_EQ(response.pairs_size(), 2);
  EXPECT_EQ(response.pairs(0).value(), "7");
  EXPECT_FALSE(response.pairs(1).has_value());
  EXPECT_EQ(response.server_side_session_id(), set_response.server_side_session_id());
}

TEST_F(ConnectServiceTest, UnknownConfigKeysFailWithSparkNoSuchElement) {
  spark::connect::ConfigRequest get;
  get.set_session_id(kSession);
  get.mutable_operation()->mutable_get()->add_keys("spark.sparkling.no.such.key");
  spark::connect::ConfigResponse response;
  grpc::ClientContext context;
  grpc::Status status = stub_->Config(&context, get, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  ErrorInfo info = DecodeError(status);
  EXPECT_EQ(info.reason, "org.apache.spark.SparkNoSuchElementException");
  EXPECT_EQ(info.metadata["errorClass"], "SQL_CONF_NOT_FOUND");
  ASSERT_EQ(info.metadata.count("errorId"), 1u);

  spark::connect::FetchErrorDetailsRequest fetch;
  fetch.set_session_id(kSession);
  fetch.set_error_id(info.metadata["errorId"]);
  spark::connect::FetchErrorDetailsResponse details;
  grpc::ClientContext fetch_context;
  ASSERT_TRUE(stub_->FetchErrorDetails(&fetch_context, fetch, &details).ok());
  ASSERT_EQ(details.errors_size(), 1);
  EXPECT_EQ(details.errors(0).spark_throwable().error_class(), "SQL_CONF_NOT_FOUND");
  EXPECT_EQ(details.session_id(), kSession);
}

TEST_F(ConnectServiceTest, RelationResultsAreFramedLikeSpark) {
  ExecutePlanRequest request;
  request.set_session_id(kSession);
  request.mutable_plan()->mutable_root()->mutable_range()->set_end(25000);
  request.mutable_plan()->mutable_root()->mutable_range()->set_step(1);
  request.add_request_options()->mutable_reattach_options()->set_reattachable(true);
  grpc::Status status;
  auto responses = Execute(request, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(responses.size(), 4u);
  EXPECT_TRUE(responses.front().has_schema());
  EXPECT_TRUE(responses.back().has_result_complete());
  EXPECT_TRUE(responses[responses.size() - 2].has_metrics());
  int64_t rows = 0;
  std::set<std::string> response_ids;
  for (const auto& response : responses) {
    EXPECT_EQ(response.session_id(), kSession);
    EXPECT_FALSE(response.server_side_session_id().empty());
    EXPECT_FALSE(response.operation_id().empty());
    EXPECT_TRUE(response_ids.insert(response.response_id()).second);
    if (!response.has_arrow_batch()) continue;
    EXPECT_EQ(response.arrow_batch().start_offset(), rows);
    rows += response.arrow_batch().row_count();
  }
  EXPECT_EQ(rows, 25000);
}

TEST_F(ConnectServiceTest, SqlQueriesAreEchoedAndCommandsReturnRows) {
  ExecutePlanRequest query;
  query.set_session_id(kSession);
  query.mutable_plan()
      ->mutable_command()
      ->mutable_sql_command()
      ->mutable_input()
      ->mutable_sql()
      ->set_query("SELECT 1 AS one");
  grpc::Status status;
  auto responses = Execute(query, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(responses.front().has_sql_command_result());
  EXPECT_EQ(responses.front().sql_command_result().relation().sql().query(), "SELECT 1 AS one");
  EXPECT_TRUE(responses.back().has_result_complete());

  ExecutePlanRequest command = query;
  command.mutable_plan()
      ->mutable_command()
      ->mutable_sql_command()
      ->mutable_input()
      ->mutable_sql()
      ->set_query("SET spark.sql.shuffle.partitions=3");
  responses = Execute(command, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(responses.front().has_sql_command_result());
  EXPECT_TRUE(responses.front().sql_command_result().relation().has_local_relation());
}

// The unit-test server's spark_catalog is in memory: table writes need an Iceberg catalog.
TEST_F(ConnectServiceTest, WritesWithoutAnIcebergCatalogAreUnsupported) {
  ExecutePlanRequest request;
  request.set_session_id(kSession);
  auto* write = request.mutable_plan()->mutable_command()->mutable_write_operation();
  write->mutable_input()->mutable_range()->set_end(1);
  write->mutable_input()->mutable_range()->set_step(1);
  write->mutable_table()->set_table_name("t");
  grpc::Status status;
  Execute(request, &status);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(DecodeError(status).metadata["errorClass"], "UNSUPPORTED_FEATURE")
      << status.error_message();
}

TEST_F(ConnectServiceTest, ChangedServerSideSessionIsReported) {
  spark::connect::ConfigRequest get;
  get.set_session_id(kSession);
  get.set_client_observed_server_side_session_id("00000000-0000-4000-8000-000000000000");
  get.mutable_operation()->mutable_get_all();
  spark::connect::ConfigResponse response;
  grpc::ClientContext context;
  grpc::Status status = stub_->Config(&context, get, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(DecodeError(status).metadata["errorClass"], "INVALID_HANDLE.SESSION_CHANGED");
}

TEST_F(ConnectServiceTest, ReleasesAndInterruptsAlwaysSucceed) {
  const std::string stranger = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
  spark::connect::ReleaseExecuteRequest release;
  release.set_session_id(stranger);
  release.set_operation_id("5f0c8a7e-1111-4222-8333-944455556666");
  release.mutable_release_all();
  spark::connect::ReleaseExecuteResponse release_response;
  grpc::ClientContext release_context;
  EXPECT_TRUE(stub_->ReleaseExecute(&release_context, release, &release_response).ok());
  EXPECT_EQ(release_response.session_id(), stranger);

  spark::connect::InterruptRequest interrupt;
  interrupt.set_session_id(kSession);
  interrupt.set_interrupt_type(spark::connect::InterruptRequest::INTERRUPT_TYPE_ALL);
  spark::connect::InterruptResponse interrupt_response;
  grpc::ClientContext interrupt_context;
  EXPECT_TRUE(stub_->Interrupt(&interrupt_context, interrupt, &interrupt_response).ok());
  EXPECT_EQ(interrupt_response.interrupted_ids_size(), 0);

  spark::connect::ReleaseSessionRequest release_session;
  release_session.set_session_id(stranger);
  spark::connect::ReleaseSessionResponse session_response;
  grpc::ClientContext session_context;
  EXPECT_TRUE(stub_->ReleaseSession(&session_context, release_session, &session_response).ok());
  EXPECT_EQ(session_response.session_id(), stranger);
}

TEST_F(ConnectServiceTest, MalformedSessionIdsAreRejected) {
  spark::connect::ConfigRequest get;
  get.set_session_id("not-a-uuid");
  get.mutable_operation()->mutable_get_all();
  spark::connect::ConfigResponse response;
  grpc::ClientContext context;
  grpc::Status status = stub_->Config(&context, get, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  ErrorInfo info = DecodeError(status);
  EXPECT_EQ(info.metadata["errorClass"], "INVALID_HANDLE.FORMAT");
  EXPECT_EQ(info.metadata.count("errorId"), 0u);
}

TEST_F(ConnectServiceTest, SparkVersionIs411) {
  spark::connect::AnalyzePlanRequest request;
  request.set_session_id(kSession);
  request.mutable_spark_version();
  spark::connect::AnalyzePlanResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->AnalyzePlan(&context, request, &response).ok());
  EXPECT_EQ(response.spark_version().version(), "4.1.1");
  EXPECT_EQ(response.session_id(), kSession);
}

}  // namespace
}  // namespace sparkling::connect
