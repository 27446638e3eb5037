#pragma once

#include <string>

namespace sparkling {

struct Literal;

/// How Spark prints a literal value in its different text forms.
enum class LiteralTextForm {
  kSql,      // Literal.sql: 1L, 'a', 1.5BD, DATE '2020-01-01', CAST(NULL AS INT)
  kPretty,   // toPrettySQL, used in generated column names: 1, a, 1.5, NULL
  kExplain,  // Literal.toString, used in explain output: 1, a, null
};

/// Renders a literal in one of Spark's text forms.
std::string LiteralText(const Literal& literal, LiteralTextForm form);

/// Java's Double.toString / Float.toString (Spark prints doubles the JVM way: "1.0", "1.0E10").
std::string JavaDoubleString(double value);
std::string JavaFloatString(float value);

}  // namespace sparkling
