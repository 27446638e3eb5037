#include "function/function_registry.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "function/function_definition.h"

namespace sparkling {
namespace {

std::string Lower(const std::string& text) {
  std::string out = text;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ExpectedArgumentCount(const FunctionDefinition& def) {
  if (def.max_args == def.min_args) return std::to_string(def.min_args);
  if (def.max_args < 0) return "> " + std::to_string(def.min_args - 1);
  std::string out = "[";
  for (int n = def.min_args; n <= def.max_args; ++n) {
    if (n > def.min_args) out += ", ";
    out += std::to_string(n);
  }
  return out + "]";
}

}  // namespace

struct FunctionRegistry::Index {
  std::unordered_map<std::string, const FunctionDefinition*> by_name;
};

FunctionRegistry::FunctionRegistry() : index_(std::make_unique<Index>()) {
  // The one function table: every family contributes its rows here.
  for (const auto* family :
       {&ArithmeticFunctions(), &ComparisonFunctions(), &LogicalFunctions(),
        &ConditionalFunctions(), &MathFunctions(), &StringFunctions(), &DatetimeFunctions(),
        &CollectionFunctions(), &HigherOrderFunctions(), &HashFunctions(), &EncodingFunctions(),
        &FormatFunctions(), &CastFunctions(), &AggregateFunctions(), &MetadataFunctions()}) {
    for (const auto& def : *family) index_->by_name.emplace(def.name, &def);
  }
}

FunctionRegistry::~FunctionRegistry() = default;

const FunctionRegistry& FunctionRegistry::Global() {
  static const FunctionRegistry* registry = new FunctionRegistry();
  return *registry;
}

const FunctionDefinition* FunctionRegistry::Find(const std::string& name) const {
  auto it = index_->by_name.find(Lower(name));
  return it == index_->by_name.end() ? nullptr : it->second;
}

bool FunctionRegistry::Contains(const std::string& name) const { return Find(name) != nullptr; }

bool FunctionRegistry::IsAggregate(const std::string& name) const {
  const auto* def = Find(name);
  return def != nullptr && def->is_aggregate;
}

Result<ExprPtr> FunctionRegistry::Resolve(const std::string& name,
                                          std::vector<ExprPtr> resolved_arguments,
                                          const ResolveOptions& options) const {
  auto attach = [&](Status status) {
    if (options.origin) return std::move(status).WithContext(*options.origin);
    return status;
  };
  const FunctionDefinition* def = Find(name);
  if (def == nullptr) {
    return attach(Status::Error(
        "UNRESOLVED_ROUTINE",
        {{"routineName", "`" + name + "`"},
         {"searchPath", "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"}}));
  }
  const int count = static_cast<int>(resolved_arguments.size());
  if (count < def->min_args || (def->max_args >= 0 && count > def->max_args)) {
    return attach(Status::Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                                {{"functionName", "`" + Lower(name) + "`"},
                                 {"expectedNum", ExpectedArgumentCount(*def)},
                                 {"actualNum", std::to_string(count)},
                                 {"docroot", "https://spark.apache.org/docs/latest"}}));
  }
  for (const auto& arg : resolved_arguments) {
    if (arg == nullptr || !arg->resolved()) {
      return Status::Internal("function " + name + " resolved with an unresolved argument");
    }
  }
  CallBinding call{Lower(name), std::move(resolved_arguments), &options};
  auto bound = def->bind(call);
  if (!bound.ok()) return attach(bound.status());
  ExprPtr result = std::move(bound).ValueOrDie();
  if (options.origin && !result->origin) {
    auto copy = result->Copy();
    copy->origin = options.origin;
    result = copy;
  }
  return result;
}

std::vector<FunctionInfo> FunctionRegistry::List() const {
  std::vector<FunctionInfo> out;
  out.reserve(index_->by_name.size());
  for (const auto& [name, def] : index_->by_name) {
    // The analyzer's subscript functions (s.a, a[i], m[k]) are not SQL-callable names in Spark.
    if (name == "get_struct_field" || name == "get_array_item" || name == "get_map_value") {
      continue;
    }
    out.push_back(FunctionInfo{
        name, def->is_aggregate,
        std::string("org.apache.spark.sql.catalyst.expressions.") + def->class_name, def->usage});
  }
  std::sort(out.begin(), out.end(),
            [](const FunctionInfo& a, const FunctionInfo& b) { return a.name < b.name; });
  return out;
}

}  // namespace sparkling
