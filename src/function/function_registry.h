#pragma once

// The built-in function registry: resolves a Spark function or operator name plus resolved
// argument expressions into a resolved call (arity check, implicit casts, result type).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "plan/expression.h"

namespace sparkling {

struct ResolveOptions {
  bool ansi = true;                    // spark.sql.ansi.enabled
  bool is_distinct = false;            // agg(DISTINCT ...)
  std::optional<ExprPtr> filter;       // agg(...) FILTER (WHERE ...), already resolved
  std::optional<QueryContext> origin;  // where the call appears, attached to errors
  /// The session's current catalog and namespace, for current_catalog()/current_database().
  std::string current_catalog = "spark_catalog";
  std::string current_database = "default";
};

struct FunctionInfo {
  std::string name;  // lower case, as registered ("upper", "+", "count")
  bool is_aggregate = false;
  std::string class_name;  // Spark's expression class, e.g.
                           // "org.apache.spark.sql.catalyst.expressions.Upper"
  std::string usage;       // one-line description
};

class FunctionDefinition;

class FunctionRegistry {
 public:
  /// The registry of built-in functions (built once, immutable, thread-safe).
  static const FunctionRegistry& Global();

  /// Names are case-insensitive.
  bool Contains(const std::string& name) const;
  bool IsAggregate(const std::string& name) const;

  /// Resolves `name(resolved_arguments...)`. Returns a resolved ScalarFunctionCall,
  /// AggregateFunctionCall or Cast (`int(x)`, `string(x)`), with arguments wrapped in
  /// implicit Casts (user_specified = false) where Spark's coercion inserts them.
  /// Errors: UNRESOLVED_ROUTINE, WRONG_NUM_ARGS.WITHOUT_SUGGESTION, DATATYPE_MISMATCH.*.
  Result<ExprPtr> Resolve(const std::string& name, std::vector<ExprPtr> resolved_arguments,
                          const ResolveOptions& options) const;

  /// All functions, sorted by name (SHOW FUNCTIONS, catalog.listFunctions).
  std::vector<FunctionInfo> List() const;

  FunctionRegistry();
  ~FunctionRegistry();
  FunctionRegistry(const FunctionRegistry&) = delete;
  FunctionRegistry& operator=(const FunctionRegistry&) = delete;

 private:
  const FunctionDefinition* Find(const std::string& name) const;

  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace sparkling
