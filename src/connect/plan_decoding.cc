#include "connect/plan_decoding.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>
#include <spark/connect/base.pb.h>
#include <zstd.h>

#include <string>
#include <vector>

#include "connect/translation_errors.h"

namespace sparkling::connect {
namespace {

Status CannotParse(const std::string& detail) {
  return Status::Error("CONNECT_INVALID_PLAN.CANNOT_PARSE", {{"errorMsg", detail}});
}

Result<std::string> Decompress(const std::string& data, size_t max_plan_bytes) {
  unsigned long long declared = ZSTD_getFrameContentSize(data.data(), data.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) return CannotParse("not a zstd frame");
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > max_plan_bytes) {
    return Status::Error(
        "CONNECT_INVALID_PLAN.PLAN_SIZE_LARGER_THAN_MAX",
        {{"planSize", std::to_string(declared)}, {"maxPlanSize", std::to_string(max_plan_bytes)}});
  }
  // Stream the frame so that a frame without a declared size is still bounded.
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (context == nullptr) return Status::Internal("cannot create a zstd context");
  std::string out;
  std::vector<char> chunk(ZSTD_DStreamOutSize());
  ZSTD_inBuffer input{data.data(), data.size(), 0};
  size_t remaining = 1;
  while (input.pos < input.size || remaining != 0) {
    ZSTD_outBuffer output{chunk.data(), chunk.size(), 0};
    size_t before = input.pos;
    remaining = ZSTD_decompressStream(context.get(), &output, &input);
    if (ZSTD_isError(remaining)) return CannotParse(ZSTD_getErrorName(remaining));
    out.append(chunk.data(), output.pos);
    if (out.size() > max_plan_bytes) {
      return Status::Error("CONNECT_INVALID_PLAN.PLAN_SIZE_LARGER_THAN_MAX",
                           {{"planSize", "> " + std::to_string(max_plan_bytes)},
                            {"maxPlanSize", std::to_string(max_plan_bytes)}});
    }
    if (output.pos == 0 && input.pos == before) {
      if (remaining != 0) return CannotParse("truncated zstd frame");
      break;
    }
  }
  return out;
}

Status CheckKnownFieldsAt(const google::protobuf::Message& message, const std::string& path) {
  const auto* reflection = message.GetReflection();
  const auto& unknown = reflection->GetUnknownFields(message);
  if (!unknown.empty()) {
    return InvalidPlanInput("Unknown field " + std::to_string(unknown.field(0).number()) + " in " +
                            message.GetDescriptor()->full_name() + " at " + path +
                            ": the client speaks a newer Spark Connect protocol than this "
                            "server (Spark 4.1.1)");
  }
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    std::string field_path = path + "." + field->name();
    if (field->is_repeated()) {
      int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        SPK_RETURN_NOT_OK(CheckKnownFieldsAt(reflection->GetRepeatedMessage(message, field, i),
                                             field_path + "[" + std::to_string(i) + "]"));
      }
    } else {
      SPK_RETURN_NOT_OK(CheckKnownFieldsAt(reflection->GetMessage(message, field), field_path));
    }
  }
  return Status::OK();
}

}  // namespace

Status CheckKnownFields(const google::protobuf::Message& message) {
  return CheckKnownFieldsAt(message, message.GetDescriptor()->name());
}

Result<DecodedPlan> DecodePlan(const spark::connect::Plan& plan, size_t max_plan_bytes) {
  using spark::connect::Plan;
  DecodedPlan decoded;
  switch (plan.op_type_case()) {
    case Plan::kRoot:
      decoded.relation = std::make_shared<spark::connect::Relation>(plan.root());
      break;
    case Plan::kCommand:
      decoded.command = std::make_shared<spark::connect::Command>(plan.command());
      break;
    case Plan::kCompressedOperation: {
      const auto& compressed = plan.compressed_operation();
      if (compressed.compression_codec() != spark::connect::COMPRESSION_CODEC_ZSTD) {
        return CannotParse("unsupported compression codec " +
                           std::to_string(compressed.compression_codec()));
      }
      SPK_ASSIGN_OR_RAISE(std::string bytes, Decompress(compressed.data(), max_plan_bytes));
      if (compressed.op_type() == Plan::CompressedOperation::OP_TYPE_RELATION) {
        auto relation = std::make_shared<spark::connect::Relation>();
        if (!relation->ParseFromString(bytes)) return CannotParse("invalid Relation message");
        decoded.relation = std::move(relation);
      } else if (compressed.op_type() == Plan::CompressedOperation::OP_TYPE_COMMAND) {
        auto command = std::make_shared<spark::connect::Command>();
        if (!command->ParseFromString(bytes)) return CannotParse("invalid Command message");
        decoded.command = std::move(command);
      } else {
        return CannotParse("unknown compressed operation type " +
                           std::to_string(compressed.op_type()));
      }
      break;
    }
    case Plan::OP_TYPE_NOT_SET:
      return InvalidPlanInput("The plan has neither a root relation nor a command");
  }
  if (decoded.relation) SPK_RETURN_NOT_OK(CheckKnownFields(*decoded.relation));
  if (decoded.command) SPK_RETURN_NOT_OK(CheckKnownFields(*decoded.command));
  return decoded;
}

}  // namespace sparkling::connect
