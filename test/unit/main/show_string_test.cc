#include "main/show_string.h"

#include <arrow/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

namespace sparkling {
namespace {

// Expected texts were produced by Spark 4.1.1 (Connect, session time zone
// America/Los_Angeles) for the same two rows.
// df.show(20, 20, False) from Spark 4.1.1.
constexpr const char* kTruncated =
    R"spark(+---+------+------+-----+----------+--------------------+--------------------+------------+-------------------+------------+-------+--------------------+------+----+-----+--------------------+--------------------+
|  i|     d|     f|  dec|        dt|                  ts|                 ntz|         arr|                  m|           s|    bin|                 str|   cjk| nul|    b|                  ym|                 dtm|
+---+------+------+-----+----------+--------------------+--------------------+------------+-------------------+------------+-------+--------------------+------+----+-----+--------------------+--------------------+
|  1|1.0E10|   1.5|12.30|2020-01-02|2020-01-02 03:04:...|2021-03-04 05:06:...|[1, NULL, 3]|{a -> 1, b -> NULL}|{1, z, NULL}|[41 42]|       tab\there\nnl|日本語|NULL| true|INTERVAL '1-2' YE...|INTERVAL '1 02:03...|
|-22|-0.001|1.0E20|-0.50|1900-12-31| 2020-07-01 00:00:00| 2021-03-04 00:00:00|          []|               NULL|        NULL|     []|a long string wit...|      |   x|false|INTERVAL '-3-0' Y...|INTERVAL '-0 00:0...|
+---+------+------+-----+----------+--------------------+--------------------+------------+-------------------+------------+-------+--------------------+------+----+-----+--------------------+--------------------+
)spark";

// df.show(20, 0, False) from Spark 4.1.1.
constexpr const char* kUntruncated =
    R"spark(+---+------+------+-----+----------+--------------------------+---------------------+------------+-------------------+------------+-------+----------------------------------------------+------+----+-----+-----------------------------+-------------------------------------+
|i  |d     |f     |dec  |dt        |ts                        |ntz                  |arr         |m                  |s           |bin    |str                                           |cjk   |nul |b    |ym                           |dtm                                  |
+---+------+------+-----+----------+--------------------------+---------------------+------------+-------------------+------------+-------+----------------------------------------------+------+----+-----+-----------------------------+-------------------------------------+
|1  |1.0E10|1.5   |12.30|2020-01-02|2020-01-02 03:04:05.123456|2021-03-04 05:06:07.5|[1, NULL, 3]|{a -> 1, b -> NULL}|{1, z, NULL}|[41 42]|tab\there\nnl                                 |日本語|NULL|true |INTERVAL '1-2' YEAR TO MONTH |INTERVAL '1 02:03:04.5' DAY TO SECOND|
|-22|-0.001|1.0E20|-0.50|1900-12-31|2020-07-01 00:00:00       |2021-03-04 00:00:00  |[]          |NULL               |NULL        |[]     |a long string with more than twenty characters|      |x   |false|INTERVAL '-3-0' YEAR TO MONTH|INTERVAL '-0 00:00:01' DAY TO SECOND |
+---+------+------+-----+----------+--------------------------+---------------------+------------+-------------------+------------+-------+----------------------------------------------+------+----+-----+-----------------------------+-------------------------------------+
)spark";

// df.show(1, 20, False) from Spark 4.1.1.
constexpr const char* kFirstRow =
    R"spark(+---+------+---+-----+----------+--------------------+--------------------+------------+-------------------+------------+-------+-------------+------+----+----+--------------------+--------------------+
|  i|     d|  f|  dec|        dt|                  ts|                 ntz|         arr|                  m|           s|    bin|          str|   cjk| nul|   b|                  ym|                 dtm|
+---+------+---+-----+----------+--------------------+--------------------+------------+-------------------+------------+-------+-------------+------+----+----+--------------------+--------------------+
|  1|1.0E10|1.5|12.30|2020-01-02|2020-01-02 03:04:...|2021-03-04 05:06:...|[1, NULL, 3]|{a -> 1, b -> NULL}|{1, z, NULL}|[41 42]|tab\there\nnl|日本語|NULL|true|INTERVAL '1-2' YE...|INTERVAL '1 02:03...|
+---+------+---+-----+----------+--------------------+--------------------+------------+-------------------+------------+-------+-------------+------+----+----+--------------------+--------------------+
only showing top 1 row)spark";

// df.show(20, 20, True) from Spark 4.1.1.
constexpr const char* kVertical = R"spark(-RECORD 0-------------------
 i   | 1                    
 d   | 1.0E10               
 f   | 1.5                  
 dec | 12.30                
 dt  | 2020-01-02           
 ts  | 2020-01-02 03:04:... 
 ntz | 2021-03-04 05:06:... 
 arr | [1, NULL, 3]         
 m   | {a -> 1, b -> NULL}  
 s   | {1, z, NULL}         
 bin | [41 42]              
 str | tab\there\nnl        
 cjk | 日本語               
 nul | NULL                 
 b   | true                 
 ym  | INTERVAL '1-2' YE... 
 dtm | INTERVAL '1 02:03... 
-RECORD 1-------------------
 i   | -22                  
 d   | -0.001               
 f   | 1.0E20               
 dec | -0.50                
 dt  | 1900-12-31           
 ts  | 2020-07-01 00:00:00  
 ntz | 2021-03-04 00:00:00  
 arr | []                   
 m   | NULL                 
 s   | NULL                 
 bin | []                   
 str | a long string wit... 
 cjk |                      
 nul | x                    
 b   | false                
 ym  | INTERVAL '-3-0' Y... 
 dtm | INTERVAL '-0 00:0... 
)spark";

// df.show(20, 3, False) from Spark 4.1.1.
constexpr const char* kTruncatedTo3 =
    R"spark(+---+---+---+---+---+---+---+---+---+---+---+---+------+---+---+---+---+
|  i|  d|  f|dec| dt| ts|ntz|arr|  m|  s|bin|str|   cjk|nul|  b| ym|dtm|
+---+---+---+---+---+---+---+---+---+---+---+---+------+---+---+---+---+
|  1|1.0|1.5|12.|202|202|202|[1,|{a |{1,|[41|tab|日本語|NUL|tru|INT|INT|
|-22|-0.|1.0|-0.|190|202|202| []|NUL|NUL| []|a l|      |  x|fal|INT|INT|
+---+---+---+---+---+---+---+---+---+---+---+---+------+---+---+---+---+
)spark";

struct Column {
  std::string name;
  DataTypePtr type;
  std::string json;
};

std::pair<std::shared_ptr<arrow::Table>, Schema> MakeTable(const std::vector<Column>& columns) {
  Schema schema;
  std::vector<std::shared_ptr<arrow::Array>> arrays;
  for (const auto& column : columns) {
    schema.push_back({column.name, column.type, true});
    auto array = arrow::json::ArrayFromJSONString(ToArrowType(*column.type, "UTC"), column.json);
    EXPECT_TRUE(array.ok()) << column.name << ": " << array.status().ToString();
    arrays.push_back(*array);
  }
  return {arrow::Table::Make(ToArrowSchema(schema, "UTC"), arrays), schema};
}

std::pair<std::shared_ptr<arrow::Table>, Schema> MixedTypes() {
  return MakeTable({
      {"i", DataType::Integer(), "[1, -22]"},
      {"d", DataType::Double(), "[1e10, -0.001]"},
      {"f", DataType::Float(), "[1.5, 1e20]"},
      {"dec", DataType::Decimal(10, 2), R"(["12.30", "-0.50"])"},
      {"dt", DataType::Date(), "[18263, -25203]"},
      {"ts", DataType::Timestamp(), "[1577963045123456, 1593586800000000]"},
      {"ntz", DataType::TimestampNtz(), "[1614834367500000, 1614816000000000]"},
      {"arr", DataType::Array(DataType::Integer()), "[[1, null, 3], []]"},
      {"m", DataType::Map(DataType::String(), DataType::Integer()),
       R"([[["a", 1], ["b", null]], null])"},
      {"s",
       DataType::Struct({{"x", DataType::Integer(), true},
                         {"y", DataType::String(), true},
                         {"n", DataType::String(), true}}),
       R"([{"x": 1, "y": "z", "n": null}, null])"},
      {"bin", DataType::Binary(), R"(["AB", ""])"},
      {"str", DataType::String(),
       R"(["tab\there\nnl", "a long string with more than twenty characters"])"},
      {"cjk", DataType::String(), R"(["日本語", ""])"},
      {"nul", DataType::String(), R"([null, "x"])"},
      {"b", DataType::Boolean(), "[true, false]"},
      {"ym", DataType::YearMonthInterval(0, 1), "[14, -36]"},
      {"dtm", DataType::DayTimeInterval(0, 3), "[93784500000, -1000000]"},
  });
}

std::string Show(int num_rows, int truncate, bool vertical) {
  auto [table, schema] = MixedTypes();
  ShowOptions options;
  options.num_rows = num_rows;
  options.truncate = truncate;
  options.vertical = vertical;
  options.time_zone = "America/Los_Angeles";
  auto text = ShowString(*table, schema, options);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

TEST(ShowStringTest, MixedTypesTruncatedLikeSpark) { EXPECT_EQ(Show(20, 20, false), kTruncated); }

TEST(ShowStringTest, MixedTypesUntruncatedAreLeftAligned) {
  EXPECT_EQ(Show(20, 0, false), kUntruncated);
}

TEST(ShowStringTest, FooterWhenMoreRowsExist) { EXPECT_EQ(Show(1, 20, false), kFirstRow); }

TEST(ShowStringTest, Vertical) { EXPECT_EQ(Show(20, 20, true), kVertical); }

TEST(ShowStringTest, TruncationBelowFourCutsWithoutEllipsis) {
  EXPECT_EQ(Show(20, 3, false), kTruncatedTo3);
}

std::pair<std::shared_ptr<arrow::Table>, Schema> Ids(const std::string& json) {
  return MakeTable({{"id", DataType::Long(), json}});
}

TEST(ShowStringTest, ZeroRowsAndFooters) {
  auto [table, schema] = Ids("[0, 1, 2]");
  ShowOptions options;
  options.num_rows = 2;
  EXPECT_EQ(*ShowString(*table, schema, options),
            "+---+\n| id|\n+---+\n|  0|\n|  1|\n+---+\nonly showing top 2 rows");
  options.num_rows = 0;
  EXPECT_EQ(*ShowString(*table, schema, options),
            "+---+\n| id|\n+---+\n+---+\nonly showing top 0 rows");
  options.vertical = true;
  EXPECT_EQ(*ShowString(*table, schema, options), "(0 rows)");
  options.num_rows = 2;
  EXPECT_EQ(*ShowString(*table, schema, options),
            "-RECORD 0--\n id  | 0   \n-RECORD 1--\n id  | 1   \nonly showing top 2 rows");
  auto [empty, empty_schema] = Ids("[]");
  options = ShowOptions();
  EXPECT_EQ(*ShowString(*empty, empty_schema, options), "+---+\n| id|\n+---+\n+---+\n");
}

TEST(ShowStringTest, WideCharactersAndHeadersAreNotTruncated) {
  auto [table, schema] = MakeTable({{"abcdefghijklmnop", DataType::String(), R"(["abcdefghij"])"},
                                    {"日本", DataType::String(), R"(["ｆｕｌｌ"])"}});
  ShowOptions options;
  options.truncate = 5;
  EXPECT_EQ(*ShowString(*table, schema, options),
            "+----------------+--------+\n|abcdefghijklmnop|    日本|\n"
            "+----------------+--------+\n|           ab...|ｆｕｌｌ|\n"
            "+----------------+--------+\n");
}

TEST(ShowStringTest, NoColumns) {
  auto table =
      arrow::Table::Make(arrow::schema({}), std::vector<std::shared_ptr<arrow::Array>>{}, 2);
  ShowOptions options;
  options.num_rows = 1;
  EXPECT_EQ(*ShowString(*table, {}, options), "++\n||\n++\n||\n++\nonly showing top 1 row");
}

TEST(HtmlStringTest, EscapesAndFooter) {
  auto [table, schema] = MakeTable({{"id", DataType::Long(), "[0, 1, 2]"},
                                    {"s", DataType::String(), R"(["<a>&0", "<a>&1", "x"])"},
                                    {"n", DataType::Integer(), "[null, null, null]"}});
  ShowOptions options;
  options.num_rows = 2;
  EXPECT_EQ(*HtmlString(*table, schema, options),
            "<table border='1'>\n<tr><th>id</th><th>s</th><th>n</th></tr>\n"
            "<tr><td>0</td><td>&lt;a&gt;&amp;0</td><td>NULL</td></tr>\n"
            "<tr><td>1</td><td>&lt;a&gt;&amp;1</td><td>NULL</td></tr>\n</table>\n"
            "only showing top 2 rows\n");
}

}  // namespace
}  // namespace sparkling
