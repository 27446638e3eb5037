#pragma once

#include "common/status.h"
#include "main/session.h"

namespace spark::connect {
class ConfigRequest;
class ConfigResponse;
}  // namespace spark::connect

namespace sparkling::connect {

/// The Config RPC (spark.conf.*): set, get, get_with_default, get_option, get_all, unset,
/// is_modifiable against the session's SQL conf. Gets answer exactly one pair per requested
/// key, in request order. A get of an unknown key without default fails the whole call with
/// SQL_CONF_NOT_FOUND, like Spark. Takes the session's lock.
Status HandleConfig(Session& session, const spark::connect::ConfigRequest& request,
                    spark::connect::ConfigResponse* response);

}  // namespace sparkling::connect
