#include "connect/relation_translator.h"

#include <arrow/api.h>
#include <arrow/io/memory.h>
#include <arrow/ipc/writer.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <map>

#include "spark/connect/relations.pb.h"

namespace sparkling::connect {
namespace {

spark::connect::Relation Parse(const std::string& text) {
  spark::connect::Relation proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

Result<PlanPtr> TranslateText(const std::string& text, const TranslationContext& context = {}) {
  return TranslateRelation(Parse(text), context);
}

PlanPtr Translate(const std::string& text, const TranslationContext& context = {}) {
  auto result = TranslateText(text, context);
  EXPECT_TRUE(result.ok()) << text << ": " << result.status().ToString();
  return result.ok() ? *result : nullptr;
}

std::string ArrowStream(const std::shared_ptr<arrow::Table>& table) {
  auto sink = *arrow::io::BufferOutputStream::Create();
  auto writer = *arrow::ipc::MakeStreamWriter(sink, table->schema());
  EXPECT_TRUE(writer->WriteTable(*table).ok());
  EXPECT_TRUE(writer->Close().ok());
  auto buffer = *sink->Finish();
  return buffer->ToString();
}

std::shared_ptr<arrow::Table> SampleTable() {
  arrow::Int64Builder ids;
  EXPECT_TRUE(ids.AppendValues({1, 2, 3}).ok());
  arrow::StringBuilder names;
  EXPECT_TRUE(names.AppendValues({"a", "b", "c"}).ok());
  return arrow::Table::Make(
      arrow::schema({arrow::field("x", arrow::int64()), arrow::field("y", arrow::utf8())}),
      {*ids.Finish(), *names.Finish()});
}

constexpr const char* kRange = R"pb(range { start: 0 end: 10 step: 1 })pb";

TEST(RelationTranslatorTest, ReadNamedTable) {
  auto plan = Translate(R"pb(
    common { plan_id: 4 }
    read {
      named_table {
        unparsed_identifier: "db.`my t`"
        options { key: "k" value: "v" }
      }
    })pb");
  ASSERT_EQ(plan->kind, PlanKind::kUnresolvedRelation);
  EXPECT_EQ(plan->As<UnresolvedRelation>().name_parts, (std::vector<std::string>{"db", "my t"}));
  EXPECT_EQ(plan->As<UnresolvedRelation>().options.size(), 1u);
  EXPECT_EQ(plan->plan_id, 4);
  // File reads stay unresolved (declarative pipelines bind them); option names ignore case.
  auto source = TranslateText(R"pb(read {
                                     is_streaming: true
                                     data_source {
                                       format: "CSV"
                                       schema: "a INT"
                                       paths: "/in"
                                       options { key: "Header" value: "true" }
                                     }
                                   })pb");
  ASSERT_TRUE(source.ok());
  ASSERT_EQ((*source)->kind, PlanKind::kDataSourceRead);
  const auto& read = (*source)->As<DataSourceRead>();
  EXPECT_EQ(read.format, "csv");
  EXPECT_EQ(read.paths, (std::vector<std::string>{"/in"}));
  EXPECT_EQ(read.schema, "a INT");
  EXPECT_EQ(read.options, (std::vector<std::pair<std::string, std::string>>{{"header", "true"}}));
  EXPECT_TRUE(read.is_streaming);
}

TEST(RelationTranslatorTest, RangeDefaultsAndValidation) {
  auto plan = Translate(R"pb(range { end: 5 step: 2 num_partitions: 3 })pb");
  const auto& range = plan->As<Range>();
  EXPECT_EQ(range.start, 0);
  EXPECT_EQ(range.end, 5);
  EXPECT_EQ(range.step, 2);
  EXPECT_EQ(range.num_partitions, 3);
  EXPECT_FALSE(TranslateText(R"pb(range { end: 5 step: 0 })pb").ok());
}

TEST(RelationTranslatorTest, ProjectFilterSortLimit) {
  auto plan = Translate(
      std::string(R"pb(
        common { plan_id: 9 }
        limit {
          limit: 5
          input { sort {
            order { child { unresolved_attribute { unparsed_identifier: "id" } } }
            input { filter {
              condition { expression_string { expression: "id > 2" } }
              input { project { expressions { unresolved_attribute { unparsed_identifier: "id" } }
                                input { common { plan_id: 1 })pb") +
      kRange + R"pb(}
                    }
              }
            }
          }
        }
      }
    })pb");
  ASSERT_EQ(plan->kind, PlanKind::kLimit);
  EXPECT_EQ(plan->plan_id, 9);
  const auto& sort = plan->child();
  ASSERT_EQ(sort->kind, PlanKind::kSort);
  EXPECT_TRUE(sort->As<Sort>().global);
  EXPECT_EQ(sort->As<Sort>().orders[0]->kind, ExprKind::kSortOrder);
  const auto& filter = sort->child();
  ASSERT_EQ(filter->kind, PlanKind::kFilter);
  const auto& project = filter->child();
  ASSERT_EQ(project->kind, PlanKind::kProject);
  EXPECT_EQ(project->child()->kind, PlanKind::kRange);
  EXPECT_EQ(project->child()->plan_id, 1);
}

TEST(RelationTranslatorTest, ProjectWithoutInputSelectsFromOneRow) {
  auto plan = Translate(R"pb(project { expressions { literal { integer: 1 } } })pb");
  EXPECT_EQ(plan->child()->kind, PlanKind::kOneRow);
}

TEST(RelationTranslatorTest, JoinTypesAndUsingColumns) {
  auto plan = Translate(std::string("join { left { ") + kRange + " } right { " + kRange +
                        R"pb(}
                             join_type: JOIN_TYPE_LEFT_ANTI using_columns: "id" })pb");
  const auto& join = plan->As<Join>();
  EXPECT_EQ(join.join_type, JoinType::kLeftAnti);
  EXPECT_EQ(join.using_columns, std::vector<std::string>{"id"});
  EXPECT_FALSE(join.condition.has_value());
  EXPECT_FALSE(
      TranslateText(std::string("join { left { ") + kRange + " } right { " + kRange + " } }")
          .ok());  // JOIN_TYPE_UNSPECIFIED
  EXPECT_FALSE(
      TranslateText(std::string("join { left { ") + kRange + " } join_type: JOIN_TYPE_INNER }")
          .ok());  // no right side
}

TEST(RelationTranslatorTest, SetOperations) {
  auto plan =
      Translate(std::string("set_op { left_input { ") + kRange + " } right_input { " + kRange +
                " } set_op_type: SET_OP_TYPE_UNION is_all: true by_name: true "
                "allow_missing_columns: true }");
  const auto& op = plan->As<SetOperation>();
  EXPECT_EQ(op.op, SetOperationType::kUnion);
  EXPECT_TRUE(op.is_all && op.by_name && op.allow_missing_columns);
  EXPECT_FALSE(TranslateText(std::string("set_op { left_input { ") + kRange + " } right_input { " +
                             kRange + " } set_op_type: SET_OP_TYPE_EXCEPT by_name: true }")
                   .ok());
}

TEST(RelationTranslatorTest, AggregateKeepsGroupingColumnsFirst) {
  auto plan = Translate(
      std::string(R"pb(
        aggregate { group_type: GROUP_TYPE_GROUPBY
                    grouping_expressions { unresolved_attribute { unparsed_identifier: "id" } }
                    aggregate_expressions {
                      unresolved_function {
                        function_name: "count"
                        arguments { literal { integer: 1 } }
                      }
                    }
                    input {)pb") +
      kRange + " } }");
  const auto& aggregate = plan->As<Aggregate>();
  ASSERT_EQ(aggregate.groupings.size(), 1u);
  ASSERT_EQ(aggregate.aggregates.size(), 2u);
  EXPECT_EQ(aggregate.aggregates[0]->kind, ExprKind::kUnresolvedAttribute);
  auto rollup = TranslateText(std::string("aggregate { group_type: GROUP_TYPE_ROLLUP input { ") +
                              kRange + " } }");
  ASSERT_FALSE(rollup.ok());
  EXPECT_EQ(rollup.status().error().error_class, "UNSUPPORTED_CONNECT_FEATURE");
}

bool ContainsParameter(const PlanPtr& plan) {
  bool found = false;
  for (const auto& expression : NodeExpressions(*plan)) {
    ForEachNode(expression, [&](const Expression& node) {
      found = found || node.kind == ExprKind::kParameter;
    });
  }
  for (const auto& child : plan->children) found = found || ContainsParameter(child);
  return found;
}

TEST(RelationTranslatorTest, SqlWithArguments) {
  auto named = Translate(R"pb(
    sql {
      query: "SELECT * FROM range(10) WHERE id > :low"
      named_arguments {
        key: "low"
        value { literal { integer: 5 } }
      }
    })pb");
  EXPECT_FALSE(ContainsParameter(named));
  auto positional = Translate(R"pb(
    sql {
      query: "SELECT ? + 1"
      pos_arguments { literal { long: 2 } }
    })pb");
  EXPECT_FALSE(ContainsParameter(positional));
  auto unbound = TranslateText(R"pb(
    sql {
      query: "SELECT :x"
      named_arguments {
        key: "y"
        value { literal { integer: 1 } }
      }
    })pb");
  ASSERT_FALSE(unbound.ok());
  EXPECT_EQ(unbound.status().error().error_class, "UNBOUND_SQL_PARAMETER");
  auto syntax = TranslateText(R"pb(sql { query: "SELEC 1" })pb");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().error().kind, ErrorKind::kParse);
}

TEST(RelationTranslatorTest, WithRelationsBecomeCtes) {
  auto plan =
      Translate(std::string(R"pb(
                  with_relations { root { sql { query: "SELECT * FROM df1" } }
                                   references { subquery_alias { alias: "df1" input {)pb") +
                kRange + " } } } }");
  ASSERT_EQ(plan->kind, PlanKind::kWithCte);
  ASSERT_EQ(plan->As<WithCte>().definitions.size(), 1u);
  EXPECT_EQ(plan->As<WithCte>().definitions[0].name, "df1");
  EXPECT_EQ(plan->As<WithCte>().definitions[0].plan->kind, PlanKind::kRange);
}

TEST(RelationTranslatorTest, SubqueryExpressionsReferToWithRelations) {
  auto plan = Translate(
      std::string(R"pb(
        with_relations { root {
          project {
            expressions { subquery_expression { plan_id: 42 subquery_type: SUBQUERY_TYPE_SCALAR } }
            expressions {
              subquery_expression {
                plan_id: 42
                subquery_type: SUBQUERY_TYPE_IN
                in_subquery_values { literal { long: 1 } }
              }
            }
          }
        }
                         references { common { plan_id: 42 })pb") +
      kRange + " } }");
  ASSERT_EQ(plan->kind, PlanKind::kProject);
  const auto& expressions = plan->As<Project>().expressions;
  ASSERT_EQ(expressions[0]->kind, ExprKind::kScalarSubquery);
  EXPECT_EQ(expressions[0]->As<ScalarSubquery>().plan->kind, PlanKind::kRange);
  ASSERT_EQ(expressions[1]->kind, ExprKind::kInSubquery);
  EXPECT_EQ(expressions[1]->children.size(), 1u);
  auto dangling = TranslateText(R"pb(
    project {
      expressions { subquery_expression { plan_id: 7 subquery_type: SUBQUERY_TYPE_EXISTS } }
    })pb");
  ASSERT_FALSE(dangling.ok());
  EXPECT_EQ(dangling.status().error().kind, ErrorKind::kInvalidPlanInput);
}

TEST(RelationTranslatorTest, LocalRelationData) {
  spark::connect::Relation relation;
  relation.mutable_local_relation()->set_data(ArrowStream(SampleTable()));
  auto plan = TranslateRelation(relation, {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const auto& local = (*plan)->As<LocalRelation>();
  ASSERT_NE(local.data, nullptr);
  EXPECT_EQ(local.data->num_rows(), 3);
  ASSERT_EQ(local.schema.size(), 2u);
  EXPECT_EQ(local.schema[0].name, "x");
  EXPECT_EQ(local.schema[0].type->SimpleString(), "bigint");
}

TEST(RelationTranslatorTest, LocalRelationWithJsonSchemaRenames) {
  spark::connect::Relation relation;
  relation.mutable_local_relation()->set_data(ArrowStream(SampleTable()));
  relation.mutable_local_relation()->set_schema(
      R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":false,"metadata":{}},)"
      R"({"name":"b","type":"string","nullable":true,"metadata":{}}]})");
  auto plan = TranslateRelation(relation, {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const auto& local = (*plan)->As<LocalRelation>();
  EXPECT_EQ(local.schema[0].name, "a");
  EXPECT_FALSE(local.schema[0].nullable);
  EXPECT_EQ(local.schema[1].name, "b");
}

TEST(RelationTranslatorTest, LocalRelationWithDifferentTypesCasts) {
  spark::connect::Relation relation;
  relation.mutable_local_relation()->set_data(ArrowStream(SampleTable()));
  relation.mutable_local_relation()->set_schema("a int, b string");
  auto plan = TranslateRelation(relation, {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ((*plan)->kind, PlanKind::kProject);
  EXPECT_EQ((*plan)->child()->kind, PlanKind::kToDF);
}

TEST(RelationTranslatorTest, EmptyLocalRelationNeedsSchema) {
  auto plan = Translate(R"pb(local_relation { schema: "a int, b string" })pb");
  const auto& local = plan->As<LocalRelation>();
  EXPECT_EQ(local.data, nullptr);
  ASSERT_EQ(local.schema.size(), 2u);
  EXPECT_EQ(local.schema[1].type->SimpleString(), "string");
  auto missing = TranslateText("local_relation {}");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error().kind, ErrorKind::kInvalidPlanInput);
  EXPECT_FALSE(TranslateText(R"pb(local_relation { data: "not arrow" })pb").ok());
}

TEST(RelationTranslatorTest, CachedLocalRelationsFetchArtifacts) {
  std::map<std::string, std::string> artifacts;
  spark::connect::LocalRelation local;
  local.set_data(ArrowStream(SampleTable()));
  artifacts["h1"] = local.SerializeAsString();
  artifacts["c1"] = ArrowStream(SampleTable());
  artifacts["c2"] = ArrowStream(SampleTable());
  artifacts["s"] = "x bigint, y string";
  TranslationContext context;
  context.fetch_cached_artifact = [&](const std::string& hash) -> Result<std::string> {
    auto it = artifacts.find(hash);
    if (it == artifacts.end()) return Status::Internal("no artifact " + hash);
    return it->second;
  };
  auto cached = Translate(R"pb(cached_local_relation { hash: "h1" })pb", context);
  EXPECT_EQ(cached->As<LocalRelation>().data->num_rows(), 3);
  auto chunked = Translate(
      R"pb(chunked_cached_local_relation { dataHashes: "c1" dataHashes: "c2" schemaHash: "s" })pb",
      context);
  EXPECT_EQ(chunked->As<LocalRelation>().data->num_rows(), 6);
  EXPECT_FALSE(TranslateText(R"pb(cached_local_relation { hash: "h1" })pb").ok());
  EXPECT_FALSE(
      TranslateText(R"pb(chunked_cached_local_relation { dataHashes: "zz" })pb", context).ok());
}

TEST(RelationTranslatorTest, DataFrameConveniences) {
  const std::string input = std::string(" input { ") + kRange + " } ";
  auto alias = Translate("subquery_alias { alias: \"t\" qualifier: \"db\"" + input + "}");
  EXPECT_EQ(alias->As<SubqueryAlias>().qualifier, (std::vector<std::string>{"db", "t"}));
  auto dedup = Translate("deduplicate { column_names: \"id\"" + input + "}");
  EXPECT_EQ(dedup->As<Deduplicate>().column_names, std::vector<std::string>{"id"});
  auto all = Translate("deduplicate { all_columns_as_keys: true" + input + "}");
  EXPECT_TRUE(all->As<Deduplicate>().all_columns);
  EXPECT_FALSE(TranslateText("deduplicate {" + input + "}").ok());
  auto to_df = Translate("to_df { column_names: \"a\"" + input + "}");
  EXPECT_EQ(to_df->As<ToDF>().column_names, std::vector<std::string>{"a"});
  auto with = Translate("with_columns { aliases { expr { literal { integer: 1 } } name: \"one\" }" +
                        input + "}");
  EXPECT_EQ(with->As<WithColumns>().aliases[0]->kind, ExprKind::kAlias);
  auto renamed = Translate(
      "with_columns_renamed { rename_columns_map { key: \"id\" value: \"x\" } "
      "renames { col_name: \"x\" new_col_name: \"y\" }" +
      input + "}");
  EXPECT_EQ(renamed->As<WithColumnsRenamed>().renames.size(), 2u);
  auto drop = Translate(
      "drop { column_names: \"id\" columns { unresolved_attribute { "
      "unparsed_identifier: \"z\" } }" +
      input + "}");
  EXPECT_EQ(drop->As<Drop>().column_names, std::vector<std::string>{"id"});
  EXPECT_EQ(drop->As<Drop>().columns.size(), 1u);
  auto hint = Translate("common { plan_id: 5 } hint { name: \"broadcast\"" + input + "}");
  EXPECT_EQ(hint->kind, PlanKind::kProject);
  EXPECT_EQ(hint->plan_id, 5);
  auto repartition = Translate("repartition { num_partitions: 4" + input + "}");
  EXPECT_EQ(repartition->As<Repartition>().num_partitions, 4);
  auto by_expression = Translate(
      "repartition_by_expression { partition_exprs { unresolved_attribute { "
      "unparsed_identifier: \"id\" } }" +
      input + "}");
  EXPECT_EQ(by_expression->As<Repartition>().partition_expressions.size(), 1u);
  auto tail = Translate("tail { limit: 3" + input + "}");
  EXPECT_EQ(tail->kind, PlanKind::kTail);
  auto offset = Translate("offset { offset: 3" + input + "}");
  EXPECT_EQ(offset->kind, PlanKind::kOffset);
  auto to_schema = Translate(
      "to_schema { schema { struct { fields { name: \"id\" data_type { integer {} } "
      "nullable: true } } }" +
      input + "}");
  ASSERT_EQ(to_schema->kind, PlanKind::kProject);
  EXPECT_EQ(to_schema->As<Project>().expressions[0]->children[0]->kind, ExprKind::kCast);
  auto sample = Translate("sample { lower_bound: 0 upper_bound: 0.5 seed: 1" + input + "}");
  EXPECT_EQ(sample->kind, PlanKind::kFilter);
}

TEST(RelationTranslatorTest, UnsupportedAndMalformedRelations) {
  auto unpivot = TranslateText(std::string("unpivot { input { ") + kRange + " } }");
  ASSERT_FALSE(unpivot.ok());
  EXPECT_EQ(unpivot.status().error().error_class, "UNSUPPORTED_CONNECT_FEATURE");
  EXPECT_NE(unpivot.status().message().find("unpivot"), std::string::npos);
  auto empty = TranslateText("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().error().kind, ErrorKind::kInvalidPlanInput);
  auto no_input = TranslateText("filter { condition { literal { boolean: true } } }");
  ASSERT_FALSE(no_input.ok());
  EXPECT_EQ(no_input.status().error().kind, ErrorKind::kInvalidPlanInput);
  auto nested_show = TranslateText(std::string("limit { limit: 1 input { show_string { input { ") +
                                   kRange + " } } } }");
  EXPECT_FALSE(nested_show.ok());
  EXPECT_EQ(RelationTypeName(Parse(kRange)), "range");
}

}  // namespace
}  // namespace sparkling::connect
