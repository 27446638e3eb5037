#include "main/config.h"

#include <gtest/gtest.h>

namespace sparkling {
namespace {

TEST(ConfigTableTest, SortedAndUnique) {
  const auto& entries = KnownConfigEntries();
  for (size_t i = 1; i < entries.size(); ++i) {
    EXPECT_LT(std::string(entries[i - 1].key), std::string(entries[i].key));
  }
}

TEST(ConfigTableTest, ClientKeysHaveSparkDefaults) {
  SqlConf conf;
  auto value = [&](const std::string& key) {
    auto result = conf.Get(key);
    EXPECT_TRUE(result.ok()) << key;
    return result.ok() && result->has_value() ? **result : std::string("<unset>");
  };
  EXPECT_EQ(value("spark.sql.ansi.enabled"), "true");
  EXPECT_EQ(value("spark.sql.shuffle.partitions"), "200");
  EXPECT_EQ(value("spark.sql.caseSensitive"), "false");
  EXPECT_EQ(value("spark.sql.timestampType"), "TIMESTAMP_LTZ");
  EXPECT_EQ(value("spark.sql.session.localRelationCacheThreshold"), "1048576");
  EXPECT_EQ(value("spark.sql.session.localRelationChunkSizeRows"), "10000");
  EXPECT_EQ(value("spark.sql.execution.arrow.maxRecordsPerBatch"), "10000");
  EXPECT_EQ(value("spark.sql.execution.pandas.convertToArrowArraySafely"), "true");
  EXPECT_EQ(value("spark.sql.execution.pandas.structHandlingMode"), "legacy");
  EXPECT_EQ(value("spark.connect.session.planCompression.threshold"), "10485760");
  EXPECT_EQ(value("spark.connect.session.planCompression.defaultAlgorithm"), "ZSTD");
  EXPECT_EQ(value("spark.sql.connect.serverStacktrace.enabled"), "true");
  EXPECT_EQ(value("spark.sql.pyspark.jvmStacktrace.enabled"), "false");
  EXPECT_EQ(value("spark.sql.repl.eagerEval.maxNumRows"), "20");
  EXPECT_EQ(value("spark.python.sql.dataFrameDebugging.enabled"), "true");
  EXPECT_EQ(value("spark.sql.session.timeZone"), MachineTimeZoneId());
  EXPECT_FALSE(MachineTimeZoneId().empty());
}

TEST(SqlConfTest, UnknownKeysFailUntilSet) {
  SqlConf conf;
  auto missing = conf.Get("my.key");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error().error_class, "SQL_CONF_NOT_FOUND");
  EXPECT_EQ(missing.status().error().kind, ErrorKind::kNoSuchElement);
  EXPECT_NE(missing.status().message().find("\"my.key\""), std::string::npos);
  ASSERT_TRUE(conf.Set("my.key", "1").ok());
  EXPECT_EQ(**conf.Get("my.key"), "1");
  conf.Unset("my.key");
  EXPECT_FALSE(conf.Get("my.key").ok());
}

TEST(SqlConfTest, OptionalEntriesHaveNoValue) {
  SqlConf conf;
  auto value = conf.Get("spark.sql.optimizer.excludedRules");
  ASSERT_TRUE(value.ok());
  EXPECT_FALSE(value->has_value());
}

TEST(SqlConfTest, ExplicitDefaultWinsOverTableDefault) {
  SqlConf conf;
  EXPECT_EQ(conf.GetOrDefault("spark.sql.shuffle.partitions", "7"), "7");
  EXPECT_EQ(conf.GetOrDefault("nope", "dflt"), "dflt");
  ASSERT_TRUE(conf.Set("spark.sql.shuffle.partitions", "8").ok());
  EXPECT_EQ(conf.GetOrDefault("spark.sql.shuffle.partitions", "7"), "8");
  EXPECT_EQ(conf.shuffle_partitions(), 8);
}

TEST(SqlConfTest, StaticAndCoreKeysCannotChange) {
  SqlConf conf;
  Status status = conf.Set("spark.sql.warehouse.dir", "/tmp/x");
  EXPECT_EQ(status.error().error_class, "CANNOT_MODIFY_STATIC_CONFIG");
  EXPECT_EQ(status.error().kind, ErrorKind::kAnalysis);
  EXPECT_EQ(conf.Set("spark.executor.memory", "2g").error().error_class, "CANNOT_MODIFY_CONFIG");
  // Builder options such as appName are accepted (and not modifiable).
  EXPECT_TRUE(conf.Set("spark.app.name", "x").ok());
  EXPECT_FALSE(conf.IsModifiable("spark.app.name"));
  EXPECT_FALSE(conf.IsModifiable("spark.sql.warehouse.dir"));
  EXPECT_TRUE(conf.IsModifiable("spark.sql.ansi.enabled"));
  EXPECT_FALSE(conf.IsModifiable("my.unknown.key"));
}

TEST(SqlConfTest, ValuesAreValidated) {
  SqlConf conf;
  Status status = conf.Set("spark.sql.ansi.enabled", "maybe");
  EXPECT_EQ(status.error().error_class, "INVALID_CONF_VALUE.TYPE_MISMATCH");
  EXPECT_EQ(status.message(),
            "[INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'maybe' in the config "
            "\"spark.sql.ansi.enabled\" is invalid. It should be a/an 'boolean' value. "
            "SQLSTATE: 22022");
  EXPECT_FALSE(conf.Set("spark.sql.shuffle.partitions", "abc").ok());
  EXPECT_EQ(conf.Set("spark.sql.session.timeZone", "Mars/X").error().error_class,
            "INVALID_CONF_VALUE.TIME_ZONE");
  EXPECT_TRUE(conf.Set("spark.sql.session.timeZone", "America/Los_Angeles").ok());
  EXPECT_EQ(conf.session_time_zone(), "America/Los_Angeles");
  EXPECT_TRUE(conf.Set("spark.sql.session.timeZone", "+08:00").ok());
  EXPECT_TRUE(conf.Set("spark.sql.autoBroadcastJoinThreshold", "20MB").ok());
  EXPECT_TRUE(conf.Set("spark.sql.ansi.enabled", "FALSE").ok());
  EXPECT_FALSE(conf.ansi_enabled());
}

TEST(SqlConfTest, GetAllAndSetRows) {
  SqlConf conf;
  ASSERT_TRUE(conf.Set("spark.sql.repl.eagerEval.enabled", "true").ok());
  auto eager = conf.GetAll("spark.sql.repl.eagerEval.");
  ASSERT_EQ(eager.size(), 3u);
  EXPECT_EQ(eager[0],
            (std::pair<std::string, std::string>("spark.sql.repl.eagerEval.enabled", "true")));
  ASSERT_TRUE(conf.Set("a.b", "1").ok());
  auto rows = conf.SetCommandRows();
  bool has_app_name = false, has_override = false;
  for (const auto& [key, value] : rows) {
    has_app_name = has_app_name || key == "spark.app.name";
    has_override = has_override || (key == "a.b" && value == "1");
  }
  EXPECT_TRUE(has_app_name);
  EXPECT_TRUE(has_override);
  conf.Clear();
  EXPECT_TRUE(conf.overrides().empty());
}

}  // namespace
}  // namespace sparkling
