#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/cancellation.h"
#include "common/status.h"
#include "execution/executor.h"
#include "main/explain.h"
#include "main/query_parameters.h"
#include "main/session.h"
#include "plan/logical_plan.h"
#include "types/data_type.h"

namespace arrow {
class Table;
}

namespace sparkling {

/// What spark.sql() produced: either an unexecuted query (Connect echoes the SQL relation back
/// and runs it on the next action) or the output rows of a command that ran now.
struct StatementResult {
  PlanPtr query;                       // set for queries
  std::shared_ptr<arrow::Table> rows;  // set for commands (may have 0 rows / 0 columns)
  Schema schema;                       // Spark schema of `rows`
  bool is_command() const { return query == nullptr; }
};

/// Progress of a running query (Connect's execution_progress responses); see ExecutionOptions.
using ProgressCallback = std::function<void(const ExecutionProgress&)>;

/// The one path from a plan to results: parse (SQL), analyze, optimize, execute, and run
/// commands. Stateless besides what sessions hold; safe to call concurrently.
class Engine {
 public:
  Engine();
  ~Engine();

  /// Binds parameters, resolves the plan against the session (analyzer) and optimizes it.
  Result<PlanPtr> Analyze(Session& session, const PlanPtr& unresolved,
                          const QueryParameters& parameters = {});
  /// Only the analyzer (for schema / printSchema, where optimization is wasted work).
  Result<PlanPtr> Resolve(Session& session, const PlanPtr& unresolved,
                          const QueryParameters& parameters = {});
  /// Resolves the query of CREATE/ALTER VIEW `view` (catalog, namespace, name), refusing
  /// queries that read the view itself (RECURSIVE_VIEW).
  Result<PlanPtr> ResolveViewQuery(Session& session, const PlanPtr& unresolved,
                                   const QueryParameters& parameters,
                                   const std::vector<std::string>& view);

  /// Starts executing an analyzed plan; batches are pulled from the returned stream.
  Result<std::unique_ptr<ResultStream>> Execute(Session& session, const PlanPtr& analyzed,
                                                CancellationTokenPtr cancellation,
                                                ProgressCallback progress = {});
  /// Analyze + Execute + gather everything (commands, show, tests).
  Result<std::shared_ptr<arrow::Table>> Collect(Session& session, const PlanPtr& unresolved,
                                                CancellationTokenPtr cancellation = nullptr);

  /// spark.sql(): parses one statement; runs it now when it is a command, else returns the
  /// unresolved query plan.
  Result<StatementResult> RunSql(Session& session, std::string_view sql,
                                 const QueryParameters& parameters = {});
  /// Runs a command plan (a Command node) and returns its output rows.
  Result<StatementResult> RunCommand(Session& session, const PlanPtr& command,
                                     const QueryParameters& parameters = {});

  /// df.explain(mode) text for an unresolved plan.
  Result<std::string> Explain(Session& session, const PlanPtr& unresolved, ExplainMode mode,
                              const QueryParameters& parameters = {});

  /// The Spark schema of an analyzed plan's output.
  static Schema OutputSchema(const LogicalPlan& analyzed);
};

}  // namespace sparkling
