#pragma once

#include <string>

#include "plan/logical_plan.h"

namespace sparkling {

/// A temporary view: its analyzed plan and, for SQL-defined views, the original query text.
struct TempView {
  std::string name;      // as written at creation
  PlanPtr plan;          // analyzed plan of the view body
  std::string sql_text;  // CREATE VIEW ... AS <sql_text>; empty for DataFrame views
};

}  // namespace sparkling
