#pragma once

#include <memory>

#include "common/status.h"
#include "plan/expression.h"
#include "types/data_type.h"

namespace arrow {
class Scalar;
}
namespace spark::connect {
class Expression_Literal;
}

namespace sparkling::connect {

/// A Connect literal as a typed Arrow scalar (Arrow type = ToArrowType(type, "UTC")).
struct TranslatedLiteral {
  std::shared_ptr<arrow::Scalar> value;
  DataTypePtr type;
};

/// Every Literal kind, including arrays, maps and structs given either by the 4.1 root
/// `data_type` field or by the older per-element type fields.
Result<TranslatedLiteral> TranslateLiteral(const spark::connect::Expression_Literal& literal);
/// The same, as a Literal expression node.
Result<ExprPtr> TranslateLiteralExpression(const spark::connect::Expression_Literal& literal);

/// The reverse: an Arrow scalar of Spark type `type` as a Connect literal (for echoing
/// parameters or building test plans).
Status LiteralToProto(const arrow::Scalar& value, const DataType& type,
                      spark::connect::Expression_Literal* out);

}  // namespace sparkling::connect
