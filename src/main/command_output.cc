#include "main/command_output.h"

#include <arrow/api.h>

namespace sparkling {

StructField StringField(std::string name, bool nullable) {
  return StructField{std::move(name), DataType::String(), nullable};
}
StructField BooleanField(std::string name) {
  return StructField{std::move(name), DataType::Boolean(), false};
}
StructField LongField(std::string name, bool nullable) {
  return StructField{std::move(name), DataType::Long(), nullable};
}

Result<StatementResult> MakeRows(Schema schema, const std::vector<std::vector<Cell>>& rows,
                                 const std::string& time_zone) {
  std::vector<std::shared_ptr<arrow::Array>> columns;
  for (size_t c = 0; c < schema.size(); ++c) {
    std::shared_ptr<arrow::Array> column;
    const TypeId type = schema[c].type->id();
    if (type == TypeId::kBoolean) {
      arrow::BooleanBuilder builder;
      for (const auto& row : rows) {
        if (const bool* value = std::get_if<bool>(&row[c])) {
          SPK_RETURN_NOT_OK_ARROW(builder.Append(*value));
        } else {
          SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        }
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Finish(&column));
    } else if (type == TypeId::kLong) {
      arrow::Int64Builder builder;
      for (const auto& row : rows) {
        if (const int64_t* value = std::get_if<int64_t>(&row[c])) {
          SPK_RETURN_NOT_OK_ARROW(builder.Append(*value));
        } else {
          SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        }
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Finish(&column));
    } else {
      arrow::StringBuilder builder;
      for (const auto& row : rows) {
        if (const std::string* value = std::get_if<std::string>(&row[c])) {
          SPK_RETURN_NOT_OK_ARROW(builder.Append(*value));
        } else {
          SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        }
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Finish(&column));
    }
    columns.push_back(std::move(column));
  }
  StatementResult result;
  result.rows = arrow::Table::Make(ToArrowSchema(schema, time_zone), columns,
                                   static_cast<int64_t>(rows.size()));
  result.schema = std::move(schema);
  return result;
}

Result<StatementResult> NoRows(const std::string& time_zone) { return MakeRows({}, {}, time_zone); }

}  // namespace sparkling
