#pragma once

// Spark's CAST semantics over Arrow data, in ANSI, legacy and TRY modes.

#include <arrow/type_fwd.h>

#include "common/status.h"
#include "plan/bound_function.h"
#include "plan/expression.h"
#include "types/data_type.h"

namespace sparkling {

/// Casts `value` (an Array or Scalar typed as ToArrowType(from)) from Spark type `from` to
/// Spark type `to`; the result has the same shape (Array or Scalar) and is typed as
/// ToArrowType(to, options.session_time_zone).
///   kAnsi: malformed input → CAST_INVALID_INPUT, overflow → CAST_OVERFLOW.
///   kLegacy: malformed input → NULL, integral overflow wraps, fractional → integral
///            truncates/saturates as Java does, decimal overflow → NULL.
///   kTry: every failure → NULL.
///   kDefault: kAnsi when options.ansi, else kLegacy.
/// Strings are parsed and printed as Spark does: doubles print like Java (1.0E10), timestamps
/// in the session time zone, arrays "[1, 2]", structs "{1, a}", maps "{a -> 1}".
Result<arrow::Datum> CastDatum(const arrow::Datum& value, const DataType& from, const DataType& to,
                               CastMode mode, const EvalOptions& options);

}  // namespace sparkling
