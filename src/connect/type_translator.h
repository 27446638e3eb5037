#pragma once

#include "common/status.h"
#include "types/data_type.h"

namespace spark::connect {
class DataType;
}

namespace sparkling::connect {

/// Connect DataType proto → Spark type. `unparsed` is parsed as DDL; UDT becomes its sqlType;
/// variant, time, geometry and geography are unsupported for now.
Result<DataTypePtr> DataTypeFromProto(const spark::connect::DataType& proto);

/// Spark type → Connect DataType proto (schema responses, ddl_parse, Arrow schema metadata).
void DataTypeToProto(const DataType& type, spark::connect::DataType* out);
/// A schema as a Connect struct DataType.
void SchemaToProto(const Schema& schema, spark::connect::DataType* out);

}  // namespace sparkling::connect
