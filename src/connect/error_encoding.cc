#include "connect/error_encoding.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <spark/connect/base.pb.h>

#include <nlohmann/json.hpp>

#include "common/error_classes.h"

namespace sparkling::connect {
namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::ArrayInputStream;
using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;
using google::protobuf::io::StringOutputStream;

constexpr char kErrorInfoTypeUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";
constexpr char kSparkDomain[] = "org.apache.spark";
constexpr int kGrpcInternal = 13;

// Length of the longest prefix of `text` no longer than `limit` bytes that ends on a UTF-8
// character boundary.
size_t Utf8PrefixLength(std::string_view text, size_t limit) {
  if (limit >= text.size()) return text.size();
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

// Start of the shortest suffix of `text` no longer than `limit` bytes that begins on a
// character boundary.
size_t Utf8SuffixStart(std::string_view text, size_t limit) {
  if (limit >= text.size()) return 0;
  size_t start = text.size() - limit;
  while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    ++start;
  }
  return start;
}

void WriteStringField(int field, std::string_view value, CodedOutputStream* out) {
  out->WriteTag(WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
  out->WriteVarint32(static_cast<uint32_t>(value.size()));
  out->WriteRaw(value.data(), static_cast<int>(value.size()));
}

template <typename WriteBody>
std::string Serialize(WriteBody&& write_body) {
  std::string bytes;
  {
    StringOutputStream stream(&bytes);
    CodedOutputStream out(&stream);
    write_body(&out);
  }
  return bytes;
}

std::string EncodeErrorInfo(const ErrorInfo& info) {
  return Serialize([&](CodedOutputStream* out) {
    WriteStringField(1, info.reason, out);
    WriteStringField(2, info.domain, out);
    for (const auto& [key, value] : info.metadata) {
      std::string entry = Serialize([&](CodedOutputStream* entry_out) {
        WriteStringField(1, key, entry_out);
        WriteStringField(2, value, entry_out);
      });
      WriteStringField(3, entry, out);
    }
  });
}

// Reads the fields of one message, calling `on_field(number, wire_type, input)` for each;
// the callback consumes the value. False when the bytes are not a well-formed message.
template <typename OnField>
bool ForEachField(std::string_view bytes, OnField&& on_field) {
  ArrayInputStream stream(bytes.data(), static_cast<int>(bytes.size()));
  CodedInputStream in(&stream);
  while (true) {
    uint32_t tag = in.ReadTag();
    if (tag == 0) return in.ConsumedEntireMessage();
    if (!on_field(WireFormatLite::GetTagFieldNumber(tag), WireFormatLite::GetTagWireType(tag),
                  &in)) {
      return false;
    }
  }
}

bool ReadString(CodedInputStream* in, std::string* value) {
  uint32_t length = 0;
  return in->ReadVarint32(&length) && in->ReadString(value, static_cast<int>(length));
}

bool SkipField(WireFormatLite::WireType wire_type, CodedInputStream* in) {
  switch (wire_type) {
    case WireFormatLite::WIRETYPE_VARINT: {
      uint64_t ignored;
      return in->ReadVarint64(&ignored);
    }
    case WireFormatLite::WIRETYPE_FIXED64: {
      uint64_t ignored;
      return in->ReadLittleEndian64(&ignored);
    }
    case WireFormatLite::WIRETYPE_FIXED32: {
      uint32_t ignored;
      return in->ReadLittleEndian32(&ignored);
    }
    case WireFormatLite::WIRETYPE_LENGTH_DELIMITED: {
      std::string ignored;
      return ReadString(in, &ignored);
    }
    default:
      return false;
  }
}

bool DecodeErrorInfo(std::string_view bytes, ErrorInfo* info) {
  return ForEachField(bytes, [&](int field, WireFormatLite::WireType type, CodedInputStream* in) {
    if (type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) return SkipField(type, in);
    std::string value;
    if (!ReadString(in, &value)) return false;
    if (field == 1) info->reason = std::move(value);
    if (field == 2) info->domain = std::move(value);
    if (field == 3) {
      std::string key, entry_value;
      bool ok = ForEachField(value, [&](int f, WireFormatLite::WireType t, CodedInputStream* e) {
        if (t != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) return SkipField(t, e);
        return ReadString(e, f == 1 ? &key : &entry_value);
      });
      if (!ok) return false;
      info->metadata[key] = std::move(entry_value);
    }
    return true;
  });
}

}  // namespace

std::string TruncateErrorMessage(std::string_view message, size_t max_bytes) {
  if (message.size() <= max_bytes) return std::string(message);
  static constexpr std::string_view kMarker = " ... (truncated) ... ";
  if (max_bytes <= kMarker.size()) {
    return std::string(message.substr(0, Utf8PrefixLength(message, max_bytes)));
  }
  // Two thirds head (the error class and the first explanation), one third tail (the query
  // context, which Spark appends at the end).
  size_t budget = max_bytes - kMarker.size();
  size_t head = Utf8PrefixLength(message, budget * 2 / 3);
  size_t tail_start = Utf8SuffixStart(message, budget - budget * 2 / 3);
  std::string out(message.substr(0, head));
  out += kMarker;
  out += message.substr(tail_start);
  return out;
}

std::string EncodeRpcStatus(int code, std::string_view message, const ErrorInfo& info) {
  std::string any = Serialize([&](CodedOutputStream* out) {
    WriteStringField(1, kErrorInfoTypeUrl, out);
    WriteStringField(2, EncodeErrorInfo(info), out);
  });
  return Serialize([&](CodedOutputStream* out) {
    out->WriteTag(WireFormatLite::MakeTag(1, WireFormatLite::WIRETYPE_VARINT));
    out->WriteVarint64(static_cast<uint64_t>(static_cast<int64_t>(code)));
    WriteStringField(2, message, out);
    WriteStringField(3, any, out);
  });
}

bool DecodeRpcStatus(std::string_view bytes, int* code, std::string* message, ErrorInfo* info) {
  *code = 0;
  message->clear();
  return ForEachField(bytes, [&](int field, WireFormatLite::WireType type, CodedInputStream* in) {
    if (field == 1 && type == WireFormatLite::WIRETYPE_VARINT) {
      uint64_t value;
      if (!in->ReadVarint64(&value)) return false;
      *code = static_cast<int>(value);
      return true;
    }
    if (type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) return SkipField(type, in);
    std::string value;
    if (!ReadString(in, &value)) return false;
    if (field == 2) *message = std::move(value);
    if (field == 3) {
      std::string type_url, payload;
      bool ok = ForEachField(value, [&](int f, WireFormatLite::WireType t, CodedInputStream* a) {
        if (t != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) return SkipField(t, a);
        return ReadString(a, f == 1 ? &type_url : &payload);
      });
      if (!ok) return false;
      if (type_url == kErrorInfoTypeUrl && !DecodeErrorInfo(payload, info)) return false;
    }
    return true;
  });
}

std::string MessageParametersJson(const SparkError& error) {
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
  for (const auto& [key, value] : error.parameters) parameters[key] = value;
  // Replace invalid UTF-8 rather than fail: parameters may quote user data.
  return parameters.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

grpc::Status ToGrpcStatus(const Status& status, const std::string& error_id) {
  if (status.ok()) return grpc::Status::OK;
  const SparkError& error = status.error();
  const std::vector<std::string>& classes = JvmClassHierarchy(error.kind);

  ErrorInfo info;
  info.reason = classes.empty() ? "org.apache.spark.SparkException" : classes.front();
  info.domain = kSparkDomain;
  info.metadata["classes"] = nlohmann::json(classes).dump();
  if (!error.error_class.empty()) info.metadata["errorClass"] = error.error_class;
  if (!error.sql_state.empty()) info.metadata["sqlState"] = error.sql_state;
  std::string parameters = MessageParametersJson(error);
  if (parameters.size() <= kMaxErrorMetadataBytes) {
    info.metadata["messageParameters"] = std::move(parameters);
  }
  if (!error_id.empty()) info.metadata["errorId"] = error_id;

  // The client checks that the details' message equals the gRPC message byte for byte.
  std::string message = TruncateErrorMessage(error.message);
  std::string details = EncodeRpcStatus(kGrpcInternal, message, info);
  return grpc::Status(grpc::StatusCode::INTERNAL, message, details);
}

void FillErrorDetails(const SparkError& error, spark::connect::FetchErrorDetailsResponse* out) {
  out->clear_errors();
  out->set_root_error_idx(0);
  auto* detail = out->add_errors();
  for (const auto& jvm_class : JvmClassHierarchy(error.kind)) {
    detail->add_error_type_hierarchy(jvm_class);
  }
  detail->set_message(error.message);
  auto* throwable = detail->mutable_spark_throwable();
  if (!error.error_class.empty()) throwable->set_error_class(error.error_class);
  if (!error.sql_state.empty()) throwable->set_sql_state(error.sql_state);
  auto& parameters = *throwable->mutable_message_parameters();
  for (const auto& [key, value] : error.parameters) parameters[key] = value;
  if (error.context && error.context->start_index >= 0) {
    auto* context = throwable->add_query_contexts();
    context->set_context_type(spark::connect::FetchErrorDetailsResponse_QueryContext::SQL);
    context->set_start_index(error.context->start_index);
    context->set_stop_index(error.context->stop_index);
    context->set_fragment(error.context->fragment);
    context->set_summary(error.context->fragment);
  }
}

}  // namespace sparkling::connect
