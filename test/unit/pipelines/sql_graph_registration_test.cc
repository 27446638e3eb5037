#include "pipelines/sql_graph_registration.h"

#include <gtest/gtest.h>

#include "parser/sql_parser.h"

namespace sparkling::pipelines {
namespace {

using Names = std::vector<std::string>;

DataflowGraph NewGraph() {
  return DataflowGraph("g", "spark_catalog", "default", {{"spark.sql.shuffle.partitions", "2"}});
}

TEST(PipelineStatementParserTest, DefinitionsAndStreamReads) {
  auto mv = ParseStatement(
      "CREATE OR REFRESH MATERIALIZED VIEW db.mv (id BIGINT) PARTITIONED BY (id) "
      "COMMENT 'c' TBLPROPERTIES ('k' = 'v') AS SELECT * FROM STREAM(src)");
  ASSERT_TRUE(mv.ok()) << mv.status().message();
  const auto& command = (*mv)->As<Command>();
  EXPECT_EQ(command.command, CommandKind::kCreateMaterializedView);
  EXPECT_EQ(command.name_parts, (Names{"db", "mv"}));
  EXPECT_EQ(command.table->comment, "c");
  EXPECT_EQ(command.table->columns.size(), 1u);
  const PlanPtr* leaf = &command.query;
  while (!(*leaf)->children.empty()) leaf = &(*leaf)->children.front();
  ASSERT_EQ((*leaf)->kind, PlanKind::kUnresolvedRelation);
  EXPECT_TRUE((*leaf)->As<UnresolvedRelation>().is_streaming);

  auto table = ParseStatement("CREATE STREAMING TABLE st");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ((*table)->As<Command>().command, CommandKind::kCreateStreamingTable);
  EXPECT_EQ((*table)->As<Command>().query, nullptr);

  auto flow = ParseStatement("CREATE FLOW f AS INSERT INTO st BY NAME SELECT * FROM STREAM x");
  ASSERT_TRUE(flow.ok()) << flow.status().message();
  EXPECT_EQ((*flow)->As<Command>().command, CommandKind::kCreateFlow);
  EXPECT_EQ((*flow)->As<Command>().name_parts2, (Names{"st"}));

  EXPECT_FALSE(ParseStatement("CREATE MATERIALIZED VIEW mv").ok());  // a view needs its query
  EXPECT_FALSE(ParseStatement("CREATE FLOW f AS INSERT INTO st SELECT 1").ok());  // BY NAME
  // A table named `stream` is still a table.
  auto plain = ParseStatement("SELECT * FROM stream");
  ASSERT_TRUE(plain.ok()) << plain.status().message();
}

TEST(SqlGraphRegistrationTest, RegistersOutputsAndFlowsWithTheFileContext) {
  DataflowGraph graph = NewGraph();
  Status status = RegisterSqlGraphElements(graph, "t/a.sql", R"sql(
    -- comments; and quotes ';' do not split
    CREATE MATERIALIZED VIEW a AS SELECT ';' AS s;
    USE other;
    SET spark.sql.ansi.enabled = false;
    /* block; comment */ CREATE TEMPORARY VIEW v AS SELECT * FROM a;
    CREATE STREAMING TABLE st;
    CREATE FLOW f AS INSERT INTO st BY NAME SELECT * FROM STREAM a;
  )sql");
  ASSERT_TRUE(status.ok()) << status.message();
  auto outputs = graph.outputs();
  ASSERT_EQ(outputs.size(), 3u);
  EXPECT_EQ(outputs[0].identifier, (Names{"spark_catalog", "default", "a"}));
  EXPECT_EQ(outputs[0].origin.line, 3);
  EXPECT_EQ(outputs[1].identifier, (Names{"v"}));
  EXPECT_EQ(outputs[2].identifier, (Names{"spark_catalog", "other", "st"}));
  auto flows = graph.flows();
  ASSERT_EQ(flows.size(), 3u);
  EXPECT_EQ(flows[0].sql_conf.count("spark.sql.ansi.enabled"), 0u);
  EXPECT_EQ(flows[1].sql_conf.at("spark.sql.ansi.enabled"), "false");
  EXPECT_EQ(flows[1].sql_conf.at("spark.sql.shuffle.partitions"), "2");
  EXPECT_EQ(flows[2].identifier, (Names{"spark_catalog", "other", "f"}));
  EXPECT_EQ(flows[2].target, (Names{"spark_catalog", "other", "st"}));
  EXPECT_EQ(flows[2].database, "other");
}

TEST(SqlGraphRegistrationTest, RejectsOtherStatementsAndSyntaxErrors) {
  DataflowGraph graph = NewGraph();
  Status unsupported = RegisterSqlGraphElements(graph, "b.sql", "SELECT 1;");
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.error().error_class, "PIPELINE_SQL_GRAPH_ELEMENT_REGISTRATION_ERROR");
  EXPECT_NE(unsupported.message().find("b.sql:1"), std::string::npos);
  Status syntax = RegisterSqlGraphElements(graph, "c.sql", "CREATE MATERIALIZED VIEW x AS SELEC 1");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().error_class, "PARSE_SYNTAX_ERROR");
  Status multipart = RegisterSqlGraphElements(
      graph, "d.sql", "CREATE FLOW a.b AS INSERT INTO t BY NAME SELECT * FROM STREAM s");
  ASSERT_FALSE(multipart.ok());
  EXPECT_EQ(multipart.error().error_class, "MULTIPART_FLOW_NAME_NOT_SUPPORTED");
}

TEST(DataflowGraphTest, QualifiesNamesAndRegistry) {
  DataflowGraph graph = NewGraph();
  Output view;
  view.type = OutputType::kTemporaryView;
  view.identifier = {"db", "v"};
  EXPECT_FALSE(graph.DefineOutput(view).ok());  // temporary views have one part
  Output table;
  table.identifier = {"db", "t"};
  auto identifier = graph.DefineOutput(table);
  ASSERT_TRUE(identifier.ok());
  EXPECT_EQ(*identifier, (Names{"spark_catalog", "db", "t"}));

  DataflowGraphRegistry registry;
  auto created = registry.Create("s1", "spark_catalog", "default", {});
  EXPECT_TRUE(registry.Find("s1", created->id()).ok());
  auto other_session = registry.Find("s2", created->id());
  ASSERT_FALSE(other_session.ok());
  EXPECT_EQ(other_session.status().error().error_class, "DATAFLOW_GRAPH_NOT_FOUND");
  registry.RemoveSession("s1");
  EXPECT_FALSE(registry.Find("s1", created->id()).ok());
}

}  // namespace
}  // namespace sparkling::pipelines
