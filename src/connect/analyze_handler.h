#pragma once

#include "common/status.h"
#include "connect/server_state.h"
#include "main/session.h"

namespace spark::connect {
class AnalyzePlanRequest;
class AnalyzePlanResponse;
}  // namespace spark::connect

namespace sparkling::connect {

/// The AnalyzePlan RPC: schema, explain (all modes), tree_string, is_local, is_streaming,
/// input_files, spark_version, ddl_parse, same_semantics, semantic_hash, persist, unpersist,
/// get_storage_level and json_to_ddl.
Status HandleAnalyze(ServerState& state, Session& session,
                     const spark::connect::AnalyzePlanRequest& request,
                     spark::connect::AnalyzePlanResponse* response);

/// An analyzed plan's tree string with expression ids renumbered in order of appearance, so
/// that two analyses of the same query compare equal (sameSemantics / semanticHash).
std::string CanonicalPlanString(const LogicalPlan& analyzed);

/// Spark's StructType.toDDL: "a INT NOT NULL,b STRING COMMENT 'x'".
std::string SchemaToDdl(const Schema& schema);

}  // namespace sparkling::connect
