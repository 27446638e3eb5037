#include "iceberg/iceberg_catalog.h"

namespace sparkling::iceberg {

Status CatalogError(const std::string& error_class, const std::string& message) {
  return Status::Error(error_class, {{"message", message}});
}

std::string TableIdentifier::ToString() const {
  std::string out;
  for (const auto& level : ns) out += level + ".";
  return out + name;
}

bool TableIdentifier::operator<(const TableIdentifier& other) const {
  if (ns != other.ns) return ns < other.ns;
  return name < other.name;
}

}  // namespace sparkling::iceberg
