#pragma once

// DataFrame.na (fill / drop / replace) and DataFrame.describe / summary relations. Unlike the
// other relations their lowering depends on the input's columns and types, which the
// translation context resolves.

#include "common/status.h"
#include "connect/relation_translator.h"
#include "plan/logical_plan.h"

namespace spark::connect {
class NAFill;
class NADrop;
class NAReplace;
class StatDescribe;
class StatSummary;
}  // namespace spark::connect

namespace sparkling::connect {

/// na.fill: a Project replacing NULLs (and NaNs of float columns) of the selected columns.
Result<PlanPtr> TranslateNaFill(const spark::connect::NAFill& fill, PlanPtr input,
                                const TranslationContext& context);
/// na.drop: a Filter keeping rows with at least min_non_nulls non-null (non-NaN) values.
Result<PlanPtr> TranslateNaDrop(const spark::connect::NADrop& drop, PlanPtr input,
                                const TranslationContext& context);
/// na.replace: a Project mapping old values to new ones in the columns of matching type.
Result<PlanPtr> TranslateNaReplace(const spark::connect::NAReplace& replace, PlanPtr input,
                                   const TranslationContext& context);
/// describe(cols): count, mean, stddev, min, max of numeric and string columns, as strings.
Result<PlanPtr> TranslateDescribe(const spark::connect::StatDescribe& describe, PlanPtr input,
                                  const TranslationContext& context);
/// summary(statistics): like describe with a chosen list of statistics (no percentiles yet).
Result<PlanPtr> TranslateSummary(const spark::connect::StatSummary& summary, PlanPtr input,
                                 const TranslationContext& context);

}  // namespace sparkling::connect
