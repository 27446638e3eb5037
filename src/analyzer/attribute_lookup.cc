#include "analyzer/attribute_lookup.h"

#include <algorithm>
#include <map>

#include "plan/identifier.h"

namespace sparkling {

bool NamesMatch(const std::string& a, const std::string& b, bool case_sensitive) {
  return case_sensitive ? a == b : EqualsIgnoreCase(a, b);
}

namespace {

// Whether the last `count` qualifier parts equal name_parts[0, count).
bool QualifierSuffixMatches(const std::vector<std::string>& qualifier,
                            const std::vector<std::string>& name_parts, size_t count,
                            bool case_sensitive) {
  if (qualifier.size() < count) return false;
  size_t offset = qualifier.size() - count;
  for (size_t i = 0; i < count; ++i) {
    if (!NamesMatch(qualifier[offset + i], name_parts[i], case_sensitive)) return false;
  }
  return true;
}

std::string QualifiedName(const Attribute& attribute) {
  std::vector<std::string> parts = attribute.qualifier;
  parts.push_back(attribute.name);
  return QuoteNameParts(parts);
}

}  // namespace

Result<std::optional<AttributeMatch>> LookupAttribute(const std::vector<Attribute>& input,
                                                      const std::vector<std::string>& name_parts,
                                                      bool case_sensitive) {
  if (name_parts.empty()) return std::optional<AttributeMatch>();
  std::vector<const Attribute*> candidates;
  size_t consumed = 0;
  // A qualified match wins over reading the first part as a column (of struct type).
  for (size_t qualifier_length = std::min<size_t>(3, name_parts.size() - 1);
       qualifier_length >= 1 && candidates.empty(); --qualifier_length) {
    for (const auto& attribute : input) {
      if (QualifierSuffixMatches(attribute.qualifier, name_parts, qualifier_length,
                                 case_sensitive) &&
          NamesMatch(attribute.name, name_parts[qualifier_length], case_sensitive)) {
        candidates.push_back(&attribute);
      }
    }
    consumed = qualifier_length + 1;
  }
  if (candidates.empty()) {
    for (const auto& attribute : input) {
      if (NamesMatch(attribute.name, name_parts[0], case_sensitive)) {
        candidates.push_back(&attribute);
      }
    }
    consumed = 1;
  }
  // The same attribute reachable twice (e.g. through both sides of a USING join) is one match.
  std::vector<const Attribute*> distinct;
  for (const Attribute* candidate : candidates) {
    bool seen = std::any_of(distinct.begin(), distinct.end(),
                            [&](const Attribute* other) { return other->id == candidate->id; });
    if (!seen) distinct.push_back(candidate);
  }
  if (distinct.empty()) return std::optional<AttributeMatch>();
  if (distinct.size() > 1) {
    std::string references = "[";
    for (size_t i = 0; i < distinct.size(); ++i) {
      if (i > 0) references += ", ";
      references += QualifiedName(*distinct[i]);
    }
    references += "]";
    std::vector<std::string> name(name_parts.begin(), name_parts.begin() + consumed);
    return Status::Error("AMBIGUOUS_REFERENCE",
                         {{"name", QuoteNameParts(name)}, {"referenceNames", references}});
  }
  AttributeMatch match;
  match.attribute = *distinct[0];
  match.nested_fields.assign(name_parts.begin() + consumed, name_parts.end());
  return std::optional<AttributeMatch>(std::move(match));
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

Status UnresolvedColumnError(const std::vector<std::string>& name_parts,
                             const std::vector<Attribute>& candidates) {
  std::string object_name = QuoteNameParts(name_parts);
  if (candidates.empty()) {
    return Status::Error("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", {{"objectName", object_name}});
  }
  std::vector<std::vector<std::string>> names;
  for (const auto& candidate : candidates) {
    std::vector<std::string> parts = candidate.qualifier;
    parts.push_back(candidate.name);
    names.push_back(std::move(parts));
  }
  // Spark drops the qualifier parts all candidates share: everything but the column for a
  // one-part name, everything but table and column for two-part names.
  auto distinct_prefixes = [&](size_t keep) {
    std::map<std::vector<std::string>, int> prefixes;
    for (const auto& parts : names) {
      size_t prefix_length = parts.size() > keep ? parts.size() - keep : 0;
      prefixes[std::vector<std::string>(parts.begin(), parts.begin() + prefix_length)]++;
    }
    return prefixes.size();
  };
  size_t keep = 0;
  if (name_parts.size() == 1 && distinct_prefixes(1) == 1) {
    keep = 1;
  } else if (name_parts.size() <= 2 && distinct_prefixes(2) == 1) {
    keep = 2;
  }
  std::string base;
  for (size_t i = 0; i < name_parts.size(); ++i) {
    if (i > 0) base += ".";
    base += name_parts[i];
  }
  std::vector<std::pair<size_t, std::string>> ranked;
  for (const auto& parts : names) {
    std::vector<std::string> kept = parts;
    if (keep > 0 && kept.size() > keep) kept.erase(kept.begin(), kept.end() - keep);
    std::string quoted = QuoteNameParts(kept);
    ranked.emplace_back(EditDistance(quoted, base), quoted);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Spark proposes the five closest names.
  if (ranked.size() > 5) ranked.resize(5);
  std::string proposal;
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (i > 0) proposal += ", ";
    proposal += ranked[i].second;
  }
  return Status::Error("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                       {{"objectName", object_name}, {"proposal", proposal}});
}

}  // namespace sparkling
