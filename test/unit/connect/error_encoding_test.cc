#include "connect/error_encoding.h"

#include <gtest/gtest.h>
#include <spark/connect/base.pb.h>

#include <nlohmann/json.hpp>

namespace sparkling::connect {
namespace {

TEST(ErrorEncoding, StatusCarriesErrorInfoWithIdenticalMessage) {
  Status status = Status::Error("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", "`t`"}});
  grpc::Status grpc_status = ToGrpcStatus(status, "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INTERNAL);

  int code = 0;
  std::string message;
  ErrorInfo info;
  ASSERT_TRUE(DecodeRpcStatus(grpc_status.error_details(), &code, &message, &info));
  EXPECT_EQ(code, 13);
  EXPECT_EQ(message, grpc_status.error_message());
  EXPECT_EQ(info.reason, "org.apache.spark.sql.AnalysisException");
  EXPECT_EQ(info.domain, "org.apache.spark");
  EXPECT_EQ(info.metadata["errorClass"], "TABLE_OR_VIEW_NOT_FOUND");
  EXPECT_EQ(info.metadata["sqlState"], "42P01");
  EXPECT_EQ(info.metadata["errorId"], "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(nlohmann::json::parse(info.metadata["messageParameters"])["relationName"], "`t`");
  auto classes = nlohmann::json::parse(info.metadata["classes"]);
  ASSERT_TRUE(classes.is_array());
  EXPECT_EQ(classes.front(), "org.apache.spark.sql.AnalysisException");
  EXPECT_EQ(classes.back(), "java.lang.Throwable");
}

TEST(ErrorEncoding, ParseErrorsListParseExceptionFirst) {
  grpc::Status grpc_status =
      ToGrpcStatus(Status::Error("PARSE_SYNTAX_ERROR", {{"error", "'x'"}, {"hint", ""}}));
  int code = 0;
  std::string message;
  ErrorInfo info;
  ASSERT_TRUE(DecodeRpcStatus(grpc_status.error_details(), &code, &message, &info));
  auto classes = nlohmann::json::parse(info.metadata["classes"]);
  EXPECT_EQ(classes[0], "org.apache.spark.sql.catalyst.parser.ParseException");
  EXPECT_EQ(classes[1], "org.apache.spark.sql.AnalysisException");
  EXPECT_EQ(info.metadata.count("errorId"), 0u);
}

TEST(ErrorEncoding, ErrorsWithoutClassStillCarryTheirKind) {
  SparkError error;
  error.kind = ErrorKind::kInvalidPlanInput;
  error.message = "bad plan";
  grpc::Status grpc_status = ToGrpcStatus(Status(error));
  int code = 0;
  std::string message;
  ErrorInfo info;
  ASSERT_TRUE(DecodeRpcStatus(grpc_status.error_details(), &code, &message, &info));
  EXPECT_EQ(message, "bad plan");
  EXPECT_EQ(info.reason, "org.apache.spark.sql.connect.common.InvalidPlanInput");
  EXPECT_EQ(info.metadata.count("errorClass"), 0u);
}

TEST(ErrorEncoding, LongMessagesKeepHeadAndTailWithinTheLimit) {
  std::string message = "[HEAD] " + std::string(5000, 'x') + " [TAIL]";
  std::string truncated = TruncateErrorMessage(message);
  EXPECT_LE(truncated.size(), kMaxErrorMessageBytes);
  EXPECT_EQ(truncated.rfind("[HEAD]", 0), 0u);
  EXPECT_EQ(truncated.substr(truncated.size() - 6), "[TAIL]");
  EXPECT_NE(truncated.find("truncated"), std::string::npos);
  EXPECT_EQ(TruncateErrorMessage("short"), "short");
}

TEST(ErrorEncoding, TruncationNeverSplitsUtf8) {
  std::string message;
  for (int i = 0; i < 2000; ++i) message += "\xC3\xA9";  // é
  std::string truncated = TruncateErrorMessage(message, 101);
  EXPECT_LE(truncated.size(), 101u);
  // Every byte sequence is complete: lead bytes are always followed by one continuation.
  for (size_t i = 0; i < truncated.size(); ++i) {
    auto byte = static_cast<unsigned char>(truncated[i]);
    if (byte == 0xC3) {
      ASSERT_LT(i + 1, truncated.size());
      EXPECT_EQ(static_cast<unsigned char>(truncated[i + 1]), 0xA9);
    }
    if (byte == 0xA9) {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(static_cast<unsigned char>(truncated[i - 1]), 0xC3);
    }
  }
}

TEST(ErrorEncoding, OversizedParametersAreLeftToFetchErrorDetails) {
  Status status =
      Status::Error("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", std::string(3000, 'a')}});
  grpc::Status grpc_status = ToGrpcStatus(status);
  int code = 0;
  std::string message;
  ErrorInfo info;
  ASSERT_TRUE(DecodeRpcStatus(grpc_status.error_details(), &code, &message, &info));
  EXPECT_EQ(info.metadata.count("messageParameters"), 0u);
  EXPECT_EQ(info.metadata["errorClass"], "TABLE_OR_VIEW_NOT_FOUND");
}

TEST(ErrorEncoding, FetchErrorDetailsCarriesTheSparkThrowable) {
  Status status = Status::Error("DIVIDE_BY_ZERO", {{"config", "\"spark.sql.ansi.enabled\""}});
  spark::connect::FetchErrorDetailsResponse response;
  FillErrorDetails(status.error(), &response);
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.root_error_idx(), 0);
  const auto& error = response.errors(0);
  EXPECT_EQ(error.error_type_hierarchy(0), "org.apache.spark.SparkArithmeticException");
  EXPECT_EQ(error.message(), status.message());
  EXPECT_EQ(error.spark_throwable().error_class(), "DIVIDE_BY_ZERO");
  EXPECT_EQ(error.spark_throwable().sql_state(), "22012");
  EXPECT_EQ(error.spark_throwable().message_parameters().at("config"),
            "\"spark.sql.ansi.enabled\"");
}

TEST(ErrorEncoding, MalformedDetailsAreRejected) {
  int code = 0;
  std::string message;
  ErrorInfo info;
  EXPECT_FALSE(DecodeRpcStatus(std::string("\x12\x7f", 2), &code, &message, &info));
}

}  // namespace
}  // namespace sparkling::connect
