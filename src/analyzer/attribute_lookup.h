#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "plan/expression.h"

namespace sparkling {

/// The attribute a (possibly qualified) column name denotes, plus the struct fields to extract
/// from it for the remaining name parts ("s.a.b" → attribute s, fields {"a", "b"}).
struct AttributeMatch {
  Attribute attribute;
  std::vector<std::string> nested_fields;
};

/// Spark's name resolution over a list of attributes: the longest qualifier match first
/// (catalog.db.t.col, db.t.col, t.col), then the bare column name. nullopt when nothing
/// matches; AMBIGUOUS_REFERENCE when several distinct attributes match.
Result<std::optional<AttributeMatch>> LookupAttribute(const std::vector<Attribute>& input,
                                                      const std::vector<std::string>& name_parts,
                                                      bool case_sensitive);

/// UNRESOLVED_COLUMN.WITH_SUGGESTION (or WITHOUT_SUGGESTION for no candidates) for
/// `name_parts`, proposing `candidates` ordered by similarity as Spark does.
Status UnresolvedColumnError(const std::vector<std::string>& name_parts,
                             const std::vector<Attribute>& candidates);

/// Levenshtein edit distance.
size_t EditDistance(const std::string& a, const std::string& b);

/// Whether two identifiers match under the session's case sensitivity.
bool NamesMatch(const std::string& a, const std::string& b, bool case_sensitive);

}  // namespace sparkling
