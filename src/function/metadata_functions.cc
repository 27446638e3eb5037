// Functions about values and the runtime rather than about data: typeof, spark_partition_id,
// uuid, current_catalog, current_database.

#include <random>

#include "function/function_definition.h"
#include "function/kernel_support.h"

namespace sparkling {
namespace {

Result<ExprPtr> BindTypeOf(CallBinding& call) {
  std::string name = call.arg_type(0).SimpleString();
  ScalarFunctionSpec spec{call.name, DataType::String(), CallSql("typeof")};
  spec.datum_kernel = [name](const std::vector<arrow::Datum>&, int64_t,
                             const EvalOptions&) -> Result<arrow::Datum> {
    return arrow::Datum(std::make_shared<arrow::StringScalar>(name));
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

Result<ExprPtr> BindSparkPartitionId(CallBinding& call) {
  ScalarFunctionSpec spec{call.name, DataType::Integer(), CallSql("SPARK_PARTITION_ID")};
  spec.deterministic = false;
  spec.datum_kernel = [](const std::vector<arrow::Datum>&, int64_t,
                         const EvalOptions& options) -> Result<arrow::Datum> {
    return arrow::Datum(
        std::make_shared<arrow::Int32Scalar>(static_cast<int32_t>(options.partition_index)));
  };
  return MakeScalarCall(std::move(spec), {}, false);
}

Result<ExprPtr> BindUuid(CallBinding& call) {
  ScalarFunctionSpec spec{call.name, DataType::String(), CallSql("uuid")};
  spec.deterministic = false;
  spec.per_row = true;
  spec.array_kernel = [](const std::vector<ArrayPtr>&, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    thread_local std::mt19937_64 engine(std::random_device{}());
    arrow::StringBuilder builder;
    char text[37];
    for (int64_t i = 0; i < length; ++i) {
      uint64_t high = engine(), low = engine();
      high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
      low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // IETF variant
      std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx",
                    static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                    static_cast<unsigned>(high & 0xFFFF), static_cast<unsigned>(low >> 48),
                    static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
      SPK_RETURN_NOT_OK_ARROW(builder.Append(text, 36));
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), {}, false);
}

// Fixed when the query is analysed, as Spark replaces them with literals before execution.
template <bool kCatalog>
Result<ExprPtr> BindCurrentNamespace(CallBinding& call) {
  std::string value = kCatalog ? call.options->current_catalog : call.options->current_database;
  // current_database() and current_schema() are one function, named current_schema().
  ScalarFunctionSpec spec{call.name, DataType::String(),
                          CallSql(kCatalog ? "current_catalog" : "current_schema")};
  spec.datum_kernel = [value](const std::vector<arrow::Datum>&, int64_t,
                              const EvalOptions&) -> Result<arrow::Datum> {
    return arrow::Datum(std::make_shared<arrow::StringScalar>(value));
  };
  return MakeScalarCall(std::move(spec), {}, false);
}

}  // namespace

const std::vector<FunctionDefinition>& MetadataFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"current_catalog", 0, 0, false, &BindCurrentNamespace<true>, "CurrentCatalog",
       "current_catalog() - Returns the current catalog."},
      {"current_database", 0, 0, false, &BindCurrentNamespace<false>, "CurrentDatabase",
       "current_database() - Returns the current database."},
      {"current_schema", 0, 0, false, &BindCurrentNamespace<false>, "CurrentDatabase",
       "current_schema() - Returns the current database."},
      {"typeof", 1, 1, false, &BindTypeOf, "TypeOf",
       "typeof(expr) - Return DDL-formatted type string for the data type of the input."},
      {"spark_partition_id", 0, 0, false, &BindSparkPartitionId, "SparkPartitionID",
       "spark_partition_id() - Returns the current partition id."},
      {"uuid", 0, 0, false, &BindUuid, "Uuid",
       "uuid() - Returns an universally unique identifier (UUID) string."},
  };
  return kFunctions;
}

}  // namespace sparkling
