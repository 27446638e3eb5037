#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "common/status.h"
#include "plan/logical_plan.h"
#include "types/data_type.h"

namespace spark::connect {
class Relation;
}

namespace sparkling::connect {

/// What translation needs from the session, supplied by the Connect service.
struct TranslationContext {
  /// Bytes of the session artifact "cache/<hash>" (CachedLocalRelation and
  /// ChunkedCachedLocalRelation blobs); unset → those relations are unsupported.
  std::function<Result<std::string>(const std::string& hash)> fetch_cached_artifact;
  /// The output schema of a translated (unresolved) plan, resolved with the session's
  /// analyzer. Relations whose lowering depends on the input's columns and types need it
  /// (na.fill / na.drop / na.replace, describe, summary); unset → those are unsupported.
  std::function<Result<Schema>(const PlanPtr& plan)> resolve_schema;
  /// Set by translation itself inside WithRelations: the referenced relations by plan id, for
  /// SubqueryExpression (df.scalar(), df.exists(), isin(df)). Callers leave it null.
  const std::map<int64_t, const spark::connect::Relation*>* plan_references = nullptr;
};

/// Lowers a Connect relation tree into the unresolved plan IR (nothing is resolved here).
/// `common.plan_id` becomes LogicalPlan::plan_id. Unsupported relation types fail with
/// UNSUPPORTED_CONNECT_FEATURE naming the type; malformed input with an InvalidPlanInput error.
///
/// ShowString / HtmlString are output wrappers, not plan nodes: the service handles them at the
/// root (translate `input`, then format with main/show_string.h); nested they are rejected.
/// SQL relations are parsed here, their arguments substituted for the parameter markers.
Result<PlanPtr> TranslateRelation(const spark::connect::Relation& relation,
                                  const TranslationContext& context);

/// The name of a Relation's rel_type ("read", "project", "show_string", ...), for messages.
std::string RelationTypeName(const spark::connect::Relation& relation);

}  // namespace sparkling::connect
