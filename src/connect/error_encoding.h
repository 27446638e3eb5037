#pragma once

#include <grpcpp/support/status.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace spark::connect {
class FetchErrorDetailsResponse;
}

namespace sparkling::connect {

/// Spark's gRPC error messages stay well under the 8-16 KiB metadata limits: the message
/// travels twice (grpc-message and inside grpc-status-details-bin).
constexpr size_t kMaxErrorMessageBytes = 2048;
/// spark.connect.grpc.maxMetadataSize: messageParameters larger than this are left out of the
/// ErrorInfo (the client still gets them through FetchErrorDetails).
constexpr size_t kMaxErrorMetadataBytes = 1024;

/// Shortens `message` to at most `max_bytes`, keeping its head and tail around a marker and
/// never splitting a UTF-8 sequence.
std::string TruncateErrorMessage(std::string_view message,
                                 size_t max_bytes = kMaxErrorMessageBytes);

/// The fields of a google.rpc.ErrorInfo.
struct ErrorInfo {
  std::string reason;
  std::string domain;
  std::map<std::string, std::string> metadata;
};

/// Serialises google.rpc.Status{code, message, details=[Any(ErrorInfo)]} in protobuf wire
/// format (the googleapis C++ types are not available, the messages are tiny).
std::string EncodeRpcStatus(int code, std::string_view message, const ErrorInfo& info);
/// The inverse, for tests and diagnostics. False on malformed input.
bool DecodeRpcStatus(std::string_view bytes, int* code, std::string* message, ErrorInfo* info);

/// The gRPC status pyspark turns into the matching Python exception: INTERNAL, with an
/// ErrorInfo naming the JVM class hierarchy, error class, SQLSTATE and message parameters.
/// `error_id` (may be empty) lets the client fetch the full error with FetchErrorDetails.
grpc::Status ToGrpcStatus(const Status& status, const std::string& error_id = "");

/// The JSON object of an error's message parameters ({"name":"value",...}).
std::string MessageParametersJson(const SparkError& error);

/// Fills a FetchErrorDetailsResponse (errors + root index) for one recorded error.
void FillErrorDetails(const SparkError& error, spark::connect::FetchErrorDetailsResponse* out);

}  // namespace sparkling::connect
