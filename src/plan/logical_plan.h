#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plan/expression.h"

namespace arrow {
class Table;
}

namespace sparkling {

/// Plan node kinds. SQL text and Connect relations both lower into these; the analyzer
/// resolves the unresolved kinds away and fills `output` on every node.
enum class PlanKind {
  // Leaves.
  kUnresolvedRelation,       // a table or view by name (front ends)
  kUnresolvedTableFunction,  // range(...) and other table-valued functions in FROM (front ends)
  kInlineTable,              // VALUES (...), (...) (front ends)
  kLocalRelation,            // in-memory Arrow data (Connect LocalRelation, temp view data)
  kRange,                    // spark.range / range(): one `id` bigint column
  kOneRow,                   // SELECT without FROM: one row, no columns
  // Unary.
  kProject,
  kFilter,
  kAggregate,
  kSort,
  kLimit,
  kOffset,
  kTail,
  kDistinct,
  kDeduplicate,
  kSubqueryAlias,
  kRepartition,  // kept so explain output and partition hints survive; execution ignores it
  kWithCte,      // WITH name AS (...) ... ; children[0] is the main query
  // Connect-only conveniences; the analyzer lowers them once the child is resolved.
  kToDF,
  kWithColumns,
  kWithColumnsRenamed,
  kDrop,
  // Binary.
  kJoin,
  kSetOperation,
  // Statements with side effects (run eagerly by spark.sql()).
  kCommand,
};

/// kLeftSingle is Spark's LeftSingle: a left outer join where a left row matching more than
/// one right row is SCALAR_SUBQUERY_TOO_MANY_ROWS (correlated scalar subqueries).
enum class JoinType {
  kInner,
  kLeftOuter,
  kRightOuter,
  kFullOuter,
  kLeftSemi,
  kLeftAnti,
  kCross,
  kLeftSingle
};
enum class SetOperationType { kUnion, kIntersect, kExcept };

struct LogicalPlan {
  explicit LogicalPlan(PlanKind k) : kind(k) {}
  virtual ~LogicalPlan() = default;

  const PlanKind kind;
  std::vector<PlanPtr> children;
  /// Output columns; filled by the analyzer (empty on unresolved plans).
  std::vector<Attribute> output;
  bool analyzed = false;
  /// Connect's RelationCommon.plan_id, so df["col"] can name the DataFrame it comes from.
  std::optional<int64_t> plan_id;

  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }
  virtual std::shared_ptr<LogicalPlan> Copy() const = 0;
  PlanPtr WithChildren(std::vector<PlanPtr> new_children) const;
  const PlanPtr& child() const { return children.front(); }

  /// Spark's explain tree ("Project [id#0L]\n+- Range (0, 10, step=1, splits=Some(2))").
  std::string TreeString() const;
  /// One line describing this node only, as in explain output.
  virtual std::string NodeString() const;
};

template <typename Derived, PlanKind Kind>
struct PlanNode : LogicalPlan {
  static constexpr PlanKind kKind = Kind;
  PlanNode() : LogicalPlan(Kind) {}
  std::shared_ptr<LogicalPlan> Copy() const override {
    return std::make_shared<Derived>(static_cast<const Derived&>(*this));
  }
};

struct UnresolvedRelation : PlanNode<UnresolvedRelation, PlanKind::kUnresolvedRelation> {
  std::vector<std::string> name_parts;
  std::vector<std::pair<std::string, std::string>> options;
  bool is_streaming = false;
  std::optional<QueryContext> origin;
};

struct UnresolvedTableFunction
    : PlanNode<UnresolvedTableFunction, PlanKind::kUnresolvedTableFunction> {
  std::vector<std::string> name_parts;
  std::vector<ExprPtr> arguments;
  std::optional<QueryContext> origin;
};

struct InlineTable : PlanNode<InlineTable, PlanKind::kInlineTable> {
  std::vector<std::vector<ExprPtr>> rows;
  std::vector<std::string> column_names;  // empty: col1, col2, ...
};

struct LocalRelation : PlanNode<LocalRelation, PlanKind::kLocalRelation> {
  std::shared_ptr<arrow::Table> data;  // may be null for an empty relation with a schema
  Schema schema;                       // Spark types of the columns
};

struct Range : PlanNode<Range, PlanKind::kRange> {
  int64_t start = 0;
  int64_t end = 0;
  int64_t step = 1;
  std::optional<int32_t> num_partitions;
};

struct OneRow : PlanNode<OneRow, PlanKind::kOneRow> {};

struct Project : PlanNode<Project, PlanKind::kProject> {
  std::vector<ExprPtr> expressions;  // named after analysis: Alias or AttributeReference
};

struct Filter : PlanNode<Filter, PlanKind::kFilter> {
  ExprPtr condition;
  bool is_having = false;  // HAVING: may refer to aggregates and grouping columns
};

/// GROUP BY. After analysis `aggregates` are named expressions (Alias or AttributeReference)
/// that may contain AggregateFunctionCall; `groupings` are the key expressions.
struct Aggregate : PlanNode<Aggregate, PlanKind::kAggregate> {
  std::vector<ExprPtr> groupings;
  std::vector<ExprPtr> aggregates;
  bool group_by_all = false;  // GROUP BY ALL
};

struct Sort : PlanNode<Sort, PlanKind::kSort> {
  std::vector<ExprPtr> orders;  // SortOrder expressions
  bool global = true;           // false for sortWithinPartitions
};

struct Limit : PlanNode<Limit, PlanKind::kLimit> {
  ExprPtr limit;  // foldable integer expression
};
struct Offset : PlanNode<Offset, PlanKind::kOffset> {
  ExprPtr offset;
};
struct Tail : PlanNode<Tail, PlanKind::kTail> {
  ExprPtr limit;
};
struct Distinct : PlanNode<Distinct, PlanKind::kDistinct> {};

/// dropDuplicates(columns); all columns when `column_names` is empty.
struct Deduplicate : PlanNode<Deduplicate, PlanKind::kDeduplicate> {
  std::vector<std::string> column_names;
  bool all_columns = false;
};

struct SubqueryAlias : PlanNode<SubqueryAlias, PlanKind::kSubqueryAlias> {
  std::vector<std::string> qualifier;     // the alias (one part), or a table's full name
  std::vector<std::string> column_names;  // t(a, b) column aliases, if any
};

struct Repartition : PlanNode<Repartition, PlanKind::kRepartition> {
  std::optional<int32_t> num_partitions;
  std::vector<ExprPtr> partition_expressions;
};

struct WithCte : PlanNode<WithCte, PlanKind::kWithCte> {
  /// (name, definition, optional column aliases), in order; later ones may use earlier ones.
  struct Definition {
    std::string name;
    PlanPtr plan;
    std::vector<std::string> column_names;
  };
  std::vector<Definition> definitions;
};

struct ToDF : PlanNode<ToDF, PlanKind::kToDF> {
  std::vector<std::string> column_names;
};
struct WithColumns : PlanNode<WithColumns, PlanKind::kWithColumns> {
  std::vector<ExprPtr> aliases;  // Alias expressions: new or replaced columns
};
struct WithColumnsRenamed : PlanNode<WithColumnsRenamed, PlanKind::kWithColumnsRenamed> {
  std::vector<std::pair<std::string, std::string>> renames;  // (existing, new)
};
struct Drop : PlanNode<Drop, PlanKind::kDrop> {
  std::vector<ExprPtr> columns;
  std::vector<std::string> column_names;
};

struct Join : PlanNode<Join, PlanKind::kJoin> {
  JoinType join_type = JoinType::kInner;
  std::optional<ExprPtr> condition;
  std::vector<std::string> using_columns;  // JOIN ... USING (a, b); also NATURAL after analysis
  bool natural = false;
};

struct SetOperation : PlanNode<SetOperation, PlanKind::kSetOperation> {
  SetOperationType op = SetOperationType::kUnion;
  bool is_all = false;
  bool by_name = false;
  bool allow_missing_columns = false;
};

/// A statement with side effects. The analyzer checks and resolves it; the engine runs it.
enum class CommandKind {
  kSetConfig,      // SET key=value / SET key / SET / SET -v
  kResetConfig,    // RESET / RESET key
  kUse,            // USE [NAMESPACE] name
  kShowDatabases,  // SHOW DATABASES|NAMESPACES|SCHEMAS [LIKE pattern]
  kShowTables,     // SHOW TABLES [IN db] [LIKE pattern]
  kShowCatalogs,
  kCreateTempView,  // CREATE [OR REPLACE] [GLOBAL] TEMPORARY VIEW name AS query
  kDropView,        // DROP VIEW [IF EXISTS] name
  kCreateDatabase,
  kDropDatabase,
  kExplain,        // EXPLAIN [EXTENDED|FORMATTED|...] query
  kDescribeQuery,  // DESCRIBE QUERY / DESCRIBE t (temp views for now)
  kShowColumns,
  kShowFunctions,
  kCacheTable,
  kUncacheTable,
  kClearCache,
  kDescribeFunction,
};

struct Command : PlanNode<Command, PlanKind::kCommand> {
  CommandKind command = CommandKind::kSetConfig;
  std::vector<std::string> name_parts;  // view / database / table name
  std::optional<std::string> key;       // SET / RESET key, LIKE pattern, explain mode
  std::optional<std::string> value;     // SET value
  bool replace = false;
  bool if_exists = false;
  bool if_not_exists = false;
  bool is_global = false;
  PlanPtr query;           // view body, explained query
  std::string query_text;  // original SQL text of the view body
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<std::string> column_names;  // CREATE VIEW v(a, b): user-specified column names
  bool cascade = false;                   // DROP DATABASE ... CASCADE
  bool is_lazy = false;                   // CACHE LAZY TABLE
};

/// Rewrites bottom-up: `rule` returns its argument unchanged or a replacement.
Result<PlanPtr> TransformUp(const PlanPtr& plan,
                            const std::function<Result<PlanPtr>(const PlanPtr&)>& rule);

/// Every expression held directly by a node (not its children's), for generic traversals.
std::vector<ExprPtr> NodeExpressions(const LogicalPlan& plan);
/// A copy of the node whose expressions (in NodeExpressions order) are replaced.
PlanPtr WithNodeExpressions(const LogicalPlan& plan, std::vector<ExprPtr> expressions);

}  // namespace sparkling
