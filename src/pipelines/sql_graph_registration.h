#pragma once

#include <string>

#include "common/status.h"
#include "pipelines/dataflow_graph.h"

namespace sparkling::pipelines {

/// Registers the definitions of one SQL file of a pipeline (DefineSqlGraphElements): the text
/// is split into statements (quotes and comments respected) and each is parsed with the SQL
/// parser. CREATE MATERIALIZED VIEW / STREAMING TABLE / TEMPORARY VIEW and CREATE FLOW define
/// outputs and flows; SET k=v applies to the flows defined after it in the file, USE db / USE
/// cat.db to the names after it. Anything else is PIPELINE_SQL_GRAPH_ELEMENT_REGISTRATION_ERROR.
Status RegisterSqlGraphElements(DataflowGraph& graph, const std::string& file_path,
                                const std::string& sql_text);

}  // namespace sparkling::pipelines
