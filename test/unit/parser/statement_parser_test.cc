#include <gtest/gtest.h>

#include "compact_tree.h"
#include "parser/sql_parser.h"

namespace sparkling {
namespace {

std::string Plan(std::string_view sql) {
  Result<PlanPtr> plan = ParseStatement(sql);
  if (!plan.ok()) return "ERROR " + plan.status().error().error_class;
  return Compact(*plan);
}

TEST(StatementParserTest, SetTakesTheRawText) {
  EXPECT_EQ(Plan("SET"), "Set[]");
  EXPECT_EQ(Plan("SET -v"), "Set[key=-v]");
  EXPECT_EQ(Plan("SET spark.sql.ansi.enabled"), "Set[key=spark.sql.ansi.enabled]");
  EXPECT_EQ(Plan("set spark.sql.shuffle.partitions = 4 ;"),
            "Set[key=spark.sql.shuffle.partitions value=4]");
  EXPECT_EQ(Plan("SET spark.app.name=my app name"), "Set[key=spark.app.name value=my app name]");
  EXPECT_EQ(Plan("SET a.b='x # y'"), "Set[key=a.b value='x # y']");
  EXPECT_EQ(Plan("SET `a b`=`c;d`"), "Set[key=a b value=c;d]");
  EXPECT_EQ(Plan("SET k="), "Set[key=k value=]");
  EXPECT_EQ(Plan("SET a b c"), "ERROR INVALID_SET_SYNTAX");
  EXPECT_EQ(Plan("SET spark.sql.x-y = 1"), "ERROR INVALID_SET_SYNTAX");
  EXPECT_EQ(Plan("SET a=b#c$d"), "Set[key=a value=b#c$d]");  // text the lexer rejects
  EXPECT_EQ(Plan("SET a = b = c"), "Set[key=a value=b = c]");
  EXPECT_EQ(Plan("SET a = b -- why\n"), "Set[key=a value=b]");
  EXPECT_EQ(Plan("SET a.b:c\\d = x"), "Set[key=a.b:c\\d value=x]");
  EXPECT_EQ(Plan("SET CATALOG other"), "ERROR UNSUPPORTED_FEATURE");
  EXPECT_EQ(Plan("SET TIME ZONE 'UTC'"), "Set[key=spark.sql.session.timeZone value=UTC]");
  EXPECT_EQ(Plan("RESET"), "Reset[]");
  EXPECT_EQ(Plan("RESET spark.sql.ansi.enabled"), "Reset[key=spark.sql.ansi.enabled]");
  EXPECT_EQ(Plan("RESET `a b`"), "Reset[key=a b]");
}

TEST(StatementParserTest, SetSyntaxErrorCoversTheStatement) {
  Result<PlanPtr> plan = ParseStatement("SET a b c;");
  ASSERT_FALSE(plan.ok());
  ASSERT_TRUE(plan.status().error().context.has_value());
  EXPECT_EQ(plan.status().error().context->fragment, "SET a b c");
  EXPECT_EQ(plan.status().error().context->stop_index, 8);
}

TEST(StatementParserTest, CatalogCommands) {
  EXPECT_EQ(Plan("USE db"), "Use[name=db]");
  EXPECT_EQ(Plan("USE NAMESPACE cat.db"), "Use[name=cat.db]");
  EXPECT_EQ(Plan("USE database"), "Use[name=database]");
  EXPECT_EQ(Plan("SHOW DATABASES"), "ShowDatabases[]");
  EXPECT_EQ(Plan("SHOW SCHEMAS LIKE 'a*'"), "ShowDatabases[key=a*]");
  EXPECT_EQ(Plan("SHOW NAMESPACES 'a*'"), "ShowDatabases[key=a*]");
  EXPECT_EQ(Plan("SHOW TABLES"), "ShowTables[]");
  EXPECT_EQ(Plan("SHOW TABLES IN db LIKE 't*'"), "ShowTables[name=db key=t*]");
  EXPECT_EQ(Plan("SHOW CATALOGS"), "ShowCatalogs[]");
  EXPECT_EQ(Plan("SHOW FUNCTIONS"), "ShowFunctions[]");
  EXPECT_EQ(Plan("SHOW USER FUNCTIONS LIKE 'f*'"), "ShowFunctions[key=f* value=user]");
  EXPECT_EQ(Plan("SHOW COLUMNS IN t IN db"), "ShowColumns[name=db.t]");
  EXPECT_EQ(Plan("SHOW COLUMNS FROM db.t"), "ShowColumns[name=db.t]");
  EXPECT_EQ(Plan("CREATE DATABASE IF NOT EXISTS d COMMENT 'c' LOCATION '/tmp/d' "
                 "WITH DBPROPERTIES ('a' = 'b', x.y = 1)"),
            "CreateDatabase[name=d if_not_exists comment=c location=/tmp/d a=b x.y=1]");
  EXPECT_EQ(Plan("CREATE SCHEMA s"), "CreateDatabase[name=s]");
  EXPECT_EQ(Plan("DROP DATABASE IF EXISTS d CASCADE"), "DropDatabase[name=d if_exists cascade]");
  EXPECT_EQ(Plan("DROP NAMESPACE d RESTRICT"), "DropDatabase[name=d]");
}

TEST(StatementParserTest, Views) {
  EXPECT_EQ(Plan("CREATE TEMP VIEW v AS SELECT 1"),
            "CreateTempView[name=v text=SELECT 1 query=Project[1:int](OneRow)]");
  EXPECT_EQ(Plan("CREATE OR REPLACE GLOBAL TEMPORARY VIEW v (a COMMENT 'x', b) AS "
                 "SELECT 1, 2;"),
            "CreateTempView[name=v replace global columns=a,b text=SELECT 1, 2 "
            "query=Project[1:int, 2:int](OneRow)]");
  // Spark rejects IF NOT EXISTS on temporary views (_LEGACY_ERROR_TEMP_0053).
  EXPECT_EQ(Plan("CREATE TEMPORARY VIEW IF NOT EXISTS v AS (SELECT 1) -- done"),
            "ERROR _LEGACY_ERROR_TEMP_0053");
  EXPECT_EQ(Plan("CREATE TEMP VIEW v USING parquet OPTIONS (path '/x')"),
            "ERROR UNSUPPORTED_FEATURE");
  EXPECT_EQ(Plan("CREATE TEMP VIEW v (a INT) USING csv"), "ERROR UNSUPPORTED_FEATURE");
  EXPECT_EQ(Plan("DROP VIEW IF EXISTS global_temp.v"), "DropView[name=global_temp.v if_exists]");
}

TEST(StatementParserTest, ExplainDescribeCache) {
  EXPECT_EQ(Plan("EXPLAIN SELECT 1"), "Explain[key=simple query=Project[1:int](OneRow)]");
  EXPECT_EQ(Plan("EXPLAIN EXTENDED SELECT 1"),
            "Explain[key=extended query=Project[1:int](OneRow)]");
  EXPECT_EQ(Plan("explain formatted select 1"),
            "Explain[key=formatted query=Project[1:int](OneRow)]");
  EXPECT_EQ(Plan("DESCRIBE QUERY SELECT 1"), "Describe[query=Project[1:int](OneRow)]");
  EXPECT_EQ(Plan("DESC SELECT 1"), "Describe[query=Project[1:int](OneRow)]");
  EXPECT_EQ(Plan("DESCRIBE TABLE EXTENDED db.t"),
            "Describe[name=db.t key=extended query=Relation[db.t]]");
  EXPECT_EQ(Plan("DESC t"), "Describe[name=t query=Relation[t]]");
  EXPECT_EQ(Plan("DESCRIBE FUNCTION EXTENDED abs"), "DescribeFunction[name=abs key=extended]");
  EXPECT_EQ(Plan("DESC FUNCTION 'upper'"), "DescribeFunction[name=upper]");
  EXPECT_EQ(Plan("CACHE TABLE t"), "CacheTable[name=t]");
  EXPECT_EQ(Plan("CACHE LAZY TABLE t OPTIONS ('storageLevel' 'DISK_ONLY') AS SELECT 1"),
            "CacheTable[name=t lazy storageLevel=DISK_ONLY text=SELECT 1 "
            "query=Project[1:int](OneRow)]");
  EXPECT_EQ(Plan("UNCACHE TABLE IF EXISTS t"), "UncacheTable[name=t if_exists]");
  EXPECT_EQ(Plan("CLEAR CACHE"), "ClearCache[]");
}

TEST(StatementParserTest, TableStatementsBecomeCommands) {
  const std::pair<const char*, CommandKind> cases[] = {
      {"CREATE TABLE t (a int) USING iceberg PARTITIONED BY (bucket(4, a))",
       CommandKind::kCreateTable},
      {"CREATE OR REPLACE TABLE db.t AS SELECT 1 AS a", CommandKind::kCreateTable},
      {"INSERT INTO t VALUES (1)", CommandKind::kInsert},
      {"INSERT OVERWRITE TABLE t PARTITION (p = 1) SELECT 2", CommandKind::kInsert},
      {"DELETE FROM t WHERE a > 1", CommandKind::kDelete},
      {"UPDATE t AS x SET a = a + 1, b = 'z' WHERE a = 1", CommandKind::kUpdate},
      {"MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE "
       "WHEN NOT MATCHED THEN INSERT *",
       CommandKind::kMerge},
      {"ALTER TABLE t ADD COLUMN x int", CommandKind::kAlterTable},
      {"ALTER TABLE t ADD PARTITION FIELD days(ts) AS d", CommandKind::kAlterTable},
      {"DROP TABLE IF EXISTS t PURGE", CommandKind::kDropTable},
      {"TRUNCATE TABLE t", CommandKind::kTruncateTable},
      {"CREATE VIEW v AS SELECT 1", CommandKind::kCreateView},
      {"SHOW CREATE TABLE t", CommandKind::kShowCreateTable},
      {"SHOW TABLE EXTENDED IN db LIKE '*'", CommandKind::kShowTableExtended},
      {"CALL spark_catalog.system.rollback_to_snapshot('db.t', 1)", CommandKind::kCall},
  };
  for (const auto& [sql, kind] : cases) {
    Result<PlanPtr> plan = ParseStatement(sql);
    ASSERT_TRUE(plan.ok()) << sql << ": " << plan.status().message();
    ASSERT_EQ((*plan)->kind, PlanKind::kCommand) << sql;
    EXPECT_EQ((*plan)->As<Command>().command, kind) << sql;
  }
}

TEST(StatementParserTest, OtherStatementsAreNotImplemented) {
  for (const char* sql :
       {"CREATE TEMPORARY FUNCTION f AS 'x'", "ANALYZE TABLE t COMPUTE STATISTICS"}) {
    Result<PlanPtr> plan = ParseStatement(sql);
    ASSERT_FALSE(plan.ok()) << sql;
    EXPECT_EQ(plan.status().error().error_class, "UNSUPPORTED_FEATURE") << sql;
  }
}

}  // namespace
}  // namespace sparkling
