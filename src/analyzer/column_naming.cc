#include "analyzer/column_naming.h"

#include <arrow/scalar.h>

#include "function/datetime_values.h"
#include "plan/bound_function.h"

namespace sparkling {

std::string GeneratedColumnName(const ExprPtr& resolved, const std::string& session_time_zone) {
  switch (resolved->kind) {
    case ExprKind::kLiteral: {
      // TIMESTAMP '...' names show the wall clock of the session time zone.
      const auto& literal = resolved->As<Literal>();
      if (literal.type->id() == TypeId::kTimestamp && literal.value != nullptr &&
          literal.value->is_valid) {
        auto zone = TimeZone::Find(session_time_zone);
        if (zone.ok()) {
          int64_t micros = static_cast<const arrow::TimestampScalar&>(*literal.value).value;
          return "TIMESTAMP '" + FormatLocalTimestamp((*zone)->UtcToLocal(micros)) + "'";
        }
      }
      break;
    }
    case ExprKind::kAttributeReference:
      return resolved->As<AttributeReference>().name;
    case ExprKind::kAlias:
      return resolved->As<Alias>().name();
    case ExprKind::kCast: {
      // Spark 4 names CAST(col AS t) after the column.
      const ExprPtr& child = resolved->children[0];
      if (child->kind == ExprKind::kAttributeReference) {
        return child->As<AttributeReference>().name;
      }
      break;
    }
    default:
      break;
  }
  return resolved->ToSql();
}

ExprPtr NameExpression(const ExprPtr& resolved, const std::string& session_time_zone) {
  if (resolved->kind == ExprKind::kAttributeReference || resolved->kind == ExprKind::kAlias) {
    return resolved;
  }
  return MakeAlias(resolved, GeneratedColumnName(resolved, session_time_zone));
}

}  // namespace sparkling
