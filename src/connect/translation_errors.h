#pragma once

#include <string>

#include "common/status.h"

namespace sparkling::connect {

/// Malformed Connect input (a required field missing, an unknown enum value): Spark's
/// InvalidPlanInput, which carries no error class.
Status InvalidPlanInput(std::string message);

/// A Connect message kind Sparkling does not translate yet: UNSUPPORTED_CONNECT_FEATURE
/// naming it ("relation type sample", "expression type window").
Status UnsupportedConnectFeature(const std::string& what);

}  // namespace sparkling::connect
