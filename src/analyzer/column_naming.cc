#include "analyzer/column_naming.h"

#include "plan/bound_function.h"

namespace sparkling {

std::string GeneratedColumnName(const ExprPtr& resolved) {
  switch (resolved->kind) {
    case ExprKind::kAttributeReference: return resolved->As<AttributeReference>().name;
    case ExprKind::kAlias: return resolved->As<Alias>().name();
    case ExprKind::kCast: {
      // Spark 4 names CAST(col AS t) after the column.
      const ExprPtr& child = resolved->children[0];
      if (child->kind == ExprKind::kAttributeReference) {
        return child->As<AttributeReference>().name;
      }
      break;
    }
    default: break;
  }
  return resolved->ToSql();
}

ExprPtr NameExpression(const ExprPtr& resolved) {
  if (resolved->kind == ExprKind::kAttributeReference || resolved->kind == ExprKind::kAlias) {
    return resolved;
  }
  return MakeAlias(resolved, GeneratedColumnName(resolved));
}

}  // namespace sparkling
