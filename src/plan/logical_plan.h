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
  kTableScan,                // a catalog table (Iceberg) read at one snapshot
  kDataSourceRead,           // spark.read[Stream].format(f).load(paths) (Connect front end)
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

/// Time travel of a table reference: VERSION AS OF (a snapshot id, branch or tag name) or
/// TIMESTAMP AS OF (an expression folded to a timestamp).
struct TimeTravel {
  std::optional<std::string> version;
  ExprPtr timestamp;
};

struct UnresolvedRelation : PlanNode<UnresolvedRelation, PlanKind::kUnresolvedRelation> {
  std::vector<std::string> name_parts;
  std::vector<std::pair<std::string, std::string>> options;
  std::optional<TimeTravel> time_travel;
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

/// A read of files through a data source (csv, json, parquet, ...). The engine does not scan
/// files itself yet; declarative pipelines replace streaming file reads by the rows of the
/// files a run has not processed before.
struct DataSourceRead : PlanNode<DataSourceRead, PlanKind::kDataSourceRead> {
  std::string format;  // lower case; empty: spark.sql.sources.default
  std::vector<std::string> paths;
  std::optional<std::string> schema;  // user-specified schema (DDL or JSON text)
  std::vector<std::pair<std::string, std::string>> options;
  bool is_streaming = false;
};

/// A table of a catalog as a source of rows. The catalog layer implements it (Iceberg tables
/// pinned at one snapshot); the executor asks the implementation for its files.
class TableSource {
 public:
  virtual ~TableSource() = default;
  /// `spark_catalog`.`db`.`t` as explain and errors print it.
  virtual std::string QuotedName() const = 0;
  /// The table's columns as read (the snapshot's schema), metadata columns excluded.
  virtual const Schema& schema() const = 0;
  /// Metadata columns that can be asked for besides the schema (`_file`, `_pos`).
  virtual Schema metadata_columns() const { return {}; }
  /// A short description for explain ("snapshot 123").
  virtual std::string Describe() const { return ""; }
  virtual int64_t EstimatedRows() const { return -1; }
};

/// Reads a TableSource. `output` lists the columns read: the source's schema columns and any
/// requested metadata columns, by name.
struct TableScan : PlanNode<TableScan, PlanKind::kTableScan> {
  std::shared_ptr<const TableSource> source;
  /// Conjuncts over `output` the scan may use to skip files (rows are still filtered above).
  std::vector<ExprPtr> filters;
};

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
  // Tables and persistent views of a catalog.
  kCreateTable,        // CREATE [OR REPLACE] TABLE / REPLACE TABLE [AS query]; saveAsTable
  kInsert,             // INSERT INTO / OVERWRITE; insertInto; writeTo().append/overwrite
  kDelete,             // DELETE FROM t [WHERE c]
  kUpdate,             // UPDATE t SET ... [WHERE c]
  kMerge,              // MERGE INTO t USING s ON c WHEN ...
  kAlterTable,         // ALTER TABLE t <key>: see AlterTableAction
  kDropTable,          // DROP TABLE [IF EXISTS] t [PURGE]
  kTruncateTable,      // TRUNCATE TABLE t
  kCreateView,         // CREATE [OR REPLACE] VIEW [IF NOT EXISTS] v AS query (persistent)
  kShowTableExtended,  // SHOW TABLE EXTENDED [IN db] LIKE pattern
  kShowTblProperties,  // SHOW TBLPROPERTIES t [(key)]
  kShowCreateTable,    // SHOW CREATE TABLE t
  kShowViews,          // SHOW VIEWS [IN db] [LIKE pattern]
  kDescribeDatabase,   // DESCRIBE NAMESPACE [EXTENDED] db
  kAlterDatabase,      // ALTER NAMESPACE db SET PROPERTIES / SET LOCATION
  kCall,               // CALL catalog.system.procedure(args)
  kRefreshTable,       // REFRESH TABLE t (tables are always read fresh: a no-op)
  // Declarative pipeline definitions: only valid in a pipeline's SQL files.
  kCreateMaterializedView,  // CREATE [OR REFRESH] MATERIALIZED VIEW t [...] AS query
  kCreateStreamingTable,    // CREATE [OR REFRESH] STREAMING TABLE t [...] [AS query]
  kCreateFlow,              // CREATE FLOW f AS INSERT INTO name_parts2 BY NAME query
};

/// ALTER TABLE forms (Command::alter_action).
enum class AlterTableAction {
  kRename,                 // RENAME TO name_parts2
  kAddColumns,             // ADD COLUMN(S) columns
  kDropColumns,            // DROP COLUMN(S) column_names (dotted paths)
  kRenameColumn,           // RENAME COLUMN column_names[0] TO value
  kAlterColumn,            // ALTER COLUMN column_names[0] TYPE / COMMENT / SET|DROP NOT NULL
  kSetProperties,          // SET TBLPROPERTIES properties
  kUnsetProperties,        // UNSET TBLPROPERTIES column_names (the keys)
  kAddPartitionField,      // ADD PARTITION FIELD expressions[0] [AS value]
  kDropPartitionField,     // DROP PARTITION FIELD expressions[0] or the field named value
  kReplacePartitionField,  // REPLACE PARTITION FIELD expressions[0] WITH expressions[1] [AS value]
  kWriteOrderedBy,         // WRITE [LOCALLY] ORDERED BY expressions (SortOrder)
  kSetLocation,            // SET LOCATION value
};

/// The table a CREATE TABLE (or a DataFrame writer) describes.
struct TableDefinition {
  Schema columns;                       // empty for CTAS without a column list
  std::optional<std::string> provider;  // USING x (iceberg, parquet, ...)
  /// PARTITIONED BY: column references, or transform calls as UnresolvedFunctions named
  /// "bucket", "truncate", "years", "months", "days", "hours" (and their singular forms).
  std::vector<ExprPtr> partitioning;
  std::optional<std::string> comment;
  std::optional<std::string> location;
  std::vector<std::pair<std::string, std::string>> properties;  // TBLPROPERTIES
  std::vector<std::pair<std::string, std::string>> options;     // OPTIONS
};

/// target = value, as in UPDATE SET and MERGE's UPDATE SET.
struct Assignment {
  ExprPtr target;  // an UnresolvedAttribute (possibly qualified)
  ExprPtr value;
};

struct MergeClause {
  enum class When { kMatched, kNotMatched, kNotMatchedBySource };
  enum class Action { kUpdate, kUpdateAll, kDelete, kInsert, kInsertAll };
  When when = When::kMatched;
  Action action = Action::kUpdate;
  ExprPtr condition;                        // AND condition, or null
  std::vector<Assignment> assignments;      // kUpdate
  std::vector<std::string> insert_columns;  // kInsert (empty: all columns in order)
  std::vector<ExprPtr> insert_values;       // kInsert
};

/// How a DataFrame writer or CTAS treats an existing table.
enum class SaveMode { kErrorIfExists, kAppend, kOverwrite, kIgnore };

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
  // Table commands.
  std::shared_ptr<const TableDefinition> table;  // CREATE TABLE / writers
  std::optional<SaveMode> save_mode;             // writers: what to do with an existing table
  bool overwrite = false;                        // INSERT OVERWRITE
  bool purge = false;                            // DROP TABLE ... PURGE
  bool by_name = false;  // insertInto by position (false) / writeTo by name (true)
  /// INSERT OVERWRITE with dynamic partitions replaces only the partitions written
  /// (spark.sql.sources.partitionOverwriteMode=dynamic or writeTo().overwritePartitions()).
  bool dynamic_partition_overwrite = false;
  /// INSERT ... PARTITION (k = v, k2): static values (expression) or dynamic (null).
  std::vector<std::pair<std::string, ExprPtr>> partition_values;
  std::optional<std::string> alias;  // DELETE / UPDATE / MERGE target alias
  ExprPtr condition;                 // WHERE of DELETE / UPDATE, ON of MERGE
  std::vector<Assignment> assignments;
  std::vector<MergeClause> merge_clauses;
  PlanPtr source;  // MERGE USING relation
  std::optional<AlterTableAction> alter_action;
  std::vector<std::string> name_parts2;     // RENAME TO target
  std::vector<ExprPtr> expressions;         // partition fields, sort fields, CALL arguments
  std::vector<std::string> argument_names;  // CALL named arguments ("" for positional)
};

/// Spark's class name of a command node ("SetCommand", "CreateTable", ...).
const char* CommandNodeName(CommandKind kind);

/// Rewrites bottom-up: `rule` returns its argument unchanged or a replacement.
Result<PlanPtr> TransformUp(const PlanPtr& plan,
                            const std::function<Result<PlanPtr>(const PlanPtr&)>& rule);

/// Every expression held directly by a node (not its children's), for generic traversals.
std::vector<ExprPtr> NodeExpressions(const LogicalPlan& plan);
/// A copy of the node whose expressions (in NodeExpressions order) are replaced.
PlanPtr WithNodeExpressions(const LogicalPlan& plan, std::vector<ExprPtr> expressions);

}  // namespace sparkling
