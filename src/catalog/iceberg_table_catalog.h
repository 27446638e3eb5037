#pragma once

#include <memory>
#include <string>

#include "catalog/table_catalog.h"
#include "iceberg/iceberg_catalog.h"

namespace sparkling {

/// A Spark catalog over an Iceberg catalog (embedded or REST): databases are namespaces,
/// tables are Iceberg tables, persistent views are Iceberg views.
std::shared_ptr<TableCatalog> MakeIcebergTableCatalog(
    std::string name, std::shared_ptr<iceberg::IcebergCatalog> catalog);

}  // namespace sparkling
