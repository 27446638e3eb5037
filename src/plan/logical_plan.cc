#include "plan/logical_plan.h"

#include <arrow/table.h>

namespace sparkling {

PlanPtr LogicalPlan::WithChildren(std::vector<PlanPtr> new_children) const {
  std::shared_ptr<LogicalPlan> copy = Copy();
  copy->children = std::move(new_children);
  return copy;
}

namespace {

std::string ExplainList(const std::vector<ExprPtr>& exprs) {
  std::string out = "[";
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += ", ";
    out += exprs[i]->ToExplainString();
  }
  return out + "]";
}

std::string AttributeList(const std::vector<Attribute>& attributes) {
  std::string out = "[";
  for (size_t i = 0; i < attributes.size(); ++i) {
    if (i > 0) out += ", ";
    out += attributes[i].ToReference()->ToExplainString();
  }
  return out + "]";
}

std::string NameList(const std::vector<std::string>& names, const char* separator = ", ") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += separator;
    out += names[i];
  }
  return out;
}

const char* JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "Inner";
    case JoinType::kLeftOuter:
      return "LeftOuter";
    case JoinType::kRightOuter:
      return "RightOuter";
    case JoinType::kFullOuter:
      return "FullOuter";
    case JoinType::kLeftSemi:
      return "LeftSemi";
    case JoinType::kLeftAnti:
      return "LeftAnti";
    case JoinType::kCross:
      return "Cross";
    case JoinType::kLeftSingle:
      return "LeftSingle";
  }
  return "Inner";
}

const char* CommandName(CommandKind kind) {
  switch (kind) {
    case CommandKind::kSetConfig:
      return "SetCommand";
    case CommandKind::kResetConfig:
      return "ResetCommand";
    case CommandKind::kUse:
      return "SetNamespaceCommand";
    case CommandKind::kShowDatabases:
      return "ShowNamespaces";
    case CommandKind::kShowTables:
      return "ShowTables";
    case CommandKind::kShowCatalogs:
      return "ShowCatalogsCommand";
    case CommandKind::kCreateTempView:
      return "CreateViewCommand";
    case CommandKind::kDropView:
      return "DropTempViewCommand";
    case CommandKind::kCreateDatabase:
      return "CreateNamespace";
    case CommandKind::kDropDatabase:
      return "DropNamespace";
    case CommandKind::kExplain:
      return "ExplainCommand";
    case CommandKind::kDescribeQuery:
      return "DescribeQueryCommand";
    case CommandKind::kShowColumns:
      return "ShowColumnsCommand";
    case CommandKind::kShowFunctions:
      return "ShowFunctionsCommand";
    case CommandKind::kCacheTable:
      return "CacheTableCommand";
    case CommandKind::kUncacheTable:
      return "UncacheTableCommand";
    case CommandKind::kClearCache:
      return "ClearCacheCommand";
    case CommandKind::kDescribeFunction:
      return "DescribeFunctionCommand";
    case CommandKind::kCreateTable:
      return "CreateTable";
    case CommandKind::kInsert:
      return "AppendData";
    case CommandKind::kDelete:
      return "DeleteFromTable";
    case CommandKind::kUpdate:
      return "UpdateTable";
    case CommandKind::kMerge:
      return "MergeIntoTable";
    case CommandKind::kAlterTable:
      return "AlterTable";
    case CommandKind::kDropTable:
      return "DropTable";
    case CommandKind::kTruncateTable:
      return "TruncateTable";
    case CommandKind::kCreateView:
      return "CreateView";
    case CommandKind::kShowTableExtended:
      return "ShowTablesExtended";
    case CommandKind::kShowTblProperties:
      return "ShowTableProperties";
    case CommandKind::kShowCreateTable:
      return "ShowCreateTable";
    case CommandKind::kShowViews:
      return "ShowViews";
    case CommandKind::kDescribeDatabase:
      return "DescribeNamespace";
    case CommandKind::kAlterDatabase:
      return "SetNamespaceProperties";
    case CommandKind::kCall:
      return "Call";
    case CommandKind::kRefreshTable:
      return "RefreshTable";
    case CommandKind::kCreateMaterializedView:
      return "CreateMaterializedViewAsSelect";
    case CommandKind::kCreateStreamingTable:
      return "CreateStreamingTable";
    case CommandKind::kCreateFlow:
      return "CreateFlowCommand";
  }
  return "Command";
}

// Plans shown under a node without being its children: subqueries in its expressions, CTE
// definitions, a command's query (Spark's innerChildren).
std::vector<PlanPtr> InnerChildren(const LogicalPlan& plan) {
  std::vector<PlanPtr> inner;
  for (const auto& expr : NodeExpressions(plan)) {
    ForEachNode(expr, [&](const Expression& node) {
      switch (node.kind) {
        case ExprKind::kScalarSubquery:
          inner.push_back(node.As<ScalarSubquery>().plan);
          break;
        case ExprKind::kExists:
          inner.push_back(node.As<Exists>().plan);
          break;
        case ExprKind::kInSubquery:
          inner.push_back(node.As<InSubquery>().plan);
          break;
        default:
          break;
      }
    });
  }
  if (plan.kind == PlanKind::kWithCte) {
    for (const auto& definition : plan.As<WithCte>().definitions) inner.push_back(definition.plan);
  }
  if (plan.kind == PlanKind::kCommand && plan.As<Command>().query != nullptr) {
    inner.push_back(plan.As<Command>().query);
  }
  std::erase(inner, nullptr);
  return inner;
}

// Spark's TreeNode.generateTreeString: "+- " for the last child, ":- " otherwise; inner
// children come first, two levels deeper.
void AppendLine(int depth, const std::vector<bool>& last_children, const std::string& text,
                std::string& out) {
  if (depth > 0) {
    for (size_t i = 0; i + 1 < last_children.size(); ++i) {
      out += last_children[i] ? "   " : ":  ";
    }
    out += last_children.back() ? "+- " : ":- ";
  }
  out += text;
  out += "\n";
}

void AppendTree(const LogicalPlan& plan, int depth, std::vector<bool>& last_children,
                std::string& out) {
  AppendLine(depth, last_children, plan.NodeString(), out);
  if (plan.kind == PlanKind::kLimit) {
    // Spark plans LIMIT as GlobalLimit over LocalLimit; explain shows both.
    last_children.push_back(true);
    AppendLine(depth + 1, last_children,
               (plan.analyzed ? "LocalLimit " : "'LocalLimit ") +
                   plan.As<Limit>().limit->ToExplainString(),
               out);
    last_children.push_back(true);
    AppendTree(*plan.child(), depth + 2, last_children, out);
    last_children.pop_back();
    last_children.pop_back();
    return;
  }
  std::vector<PlanPtr> inner = InnerChildren(plan);
  for (size_t i = 0; i < inner.size(); ++i) {
    last_children.push_back(plan.children.empty());
    last_children.push_back(i + 1 == inner.size());
    AppendTree(*inner[i], depth + 2, last_children, out);
    last_children.pop_back();
    last_children.pop_back();
  }
  for (size_t i = 0; i < plan.children.size(); ++i) {
    last_children.push_back(i + 1 == plan.children.size());
    AppendTree(*plan.children[i], depth + 1, last_children, out);
    last_children.pop_back();
  }
}

}  // namespace

std::string LogicalPlan::TreeString() const {
  std::string out;
  std::vector<bool> last_children;
  AppendTree(*this, 0, last_children, out);
  if (!out.empty()) out.pop_back();
  return out;
}

const char* CommandNodeName(CommandKind kind) { return CommandName(kind); }

std::string LogicalPlan::NodeString() const {
  // Spark marks unresolved nodes with a leading quote.
  const std::string mark = analyzed ? "" : "'";
  switch (kind) {
    case PlanKind::kUnresolvedRelation: {
      const auto& relation = As<UnresolvedRelation>();
      return "'UnresolvedRelation [" + NameList(relation.name_parts) + "], [], " +
             (relation.is_streaming ? "true" : "false");
    }
    case PlanKind::kUnresolvedTableFunction: {
      const auto& function = As<UnresolvedTableFunction>();
      return "'UnresolvedTableValuedFunction [" + NameList(function.name_parts) + "], " +
             ExplainList(function.arguments) + ", false";
    }
    case PlanKind::kInlineTable: {
      const auto& table = As<InlineTable>();
      std::string rows = "[";
      for (size_t i = 0; i < table.rows.size(); ++i) {
        if (i > 0) rows += ", ";
        rows += ExplainList(table.rows[i]);
      }
      return "'UnresolvedInlineTable [" + NameList(table.column_names) + "], " + rows + "]";
    }
    case PlanKind::kLocalRelation: {
      const auto& relation = As<LocalRelation>();
      bool empty = relation.data == nullptr || relation.data->num_rows() == 0;
      if (!analyzed) {
        std::vector<std::string> names;
        for (const auto& field : relation.schema) names.push_back(field.name);
        return std::string("LocalRelation ") + (empty ? "<empty>, " : "") + "[" + NameList(names) +
               "]";
      }
      return std::string("LocalRelation ") + (empty ? "<empty>, " : "") + AttributeList(output);
    }
    case PlanKind::kRange: {
      const auto& range = As<Range>();
      std::string out = "Range (" + std::to_string(range.start) + ", " + std::to_string(range.end) +
                        ", step=" + std::to_string(range.step);
      if (range.num_partitions.has_value()) {
        out += ", splits=Some(" + std::to_string(*range.num_partitions) + ")";
      }
      return out + ")";
    }
    case PlanKind::kOneRow:
      return "OneRowRelation";
    case PlanKind::kDataSourceRead: {
      const auto& read = As<DataSourceRead>();
      return mark + "UnresolvedDataSource " + read.format + ", [" + NameList(read.paths) + "], " +
             (read.is_streaming ? "true" : "false");
    }
    case PlanKind::kTableScan:
      return "RelationV2" + AttributeList(output) + " " + As<TableScan>().source->QuotedName();
    case PlanKind::kProject:
      return mark + "Project " + ExplainList(As<Project>().expressions);
    case PlanKind::kFilter: {
      const auto& filter = As<Filter>();
      return mark + (filter.is_having && !analyzed ? "UnresolvedHaving " : "Filter ") +
             filter.condition->ToExplainString();
    }
    case PlanKind::kAggregate: {
      const auto& aggregate = As<Aggregate>();
      return mark + "Aggregate " + ExplainList(aggregate.groupings) + ", " +
             ExplainList(aggregate.aggregates);
    }
    case PlanKind::kSort: {
      const auto& sort = As<Sort>();
      return mark + "Sort " + ExplainList(sort.orders) + ", " + (sort.global ? "true" : "false");
    }
    case PlanKind::kLimit:
      return mark + "GlobalLimit " + As<Limit>().limit->ToExplainString();
    case PlanKind::kOffset:
      return mark + "Offset " + As<Offset>().offset->ToExplainString();
    case PlanKind::kTail:
      return mark + "Tail " + As<Tail>().limit->ToExplainString();
    case PlanKind::kDistinct:
      return mark + "Distinct";
    case PlanKind::kDeduplicate: {
      const auto& deduplicate = As<Deduplicate>();
      if (analyzed && !deduplicate.all_columns && !deduplicate.column_names.empty()) {
        std::vector<Attribute> keys;
        for (const auto& attribute : output) {
          for (const auto& name : deduplicate.column_names) {
            if (attribute.name == name) {
              keys.push_back(attribute);
              break;
            }
          }
        }
        return "Deduplicate " + AttributeList(keys);
      }
      return mark + "Deduplicate " + (analyzed ? AttributeList(output) : "[]");
    }
    case PlanKind::kSubqueryAlias:
      return mark + "SubqueryAlias " + NameList(As<SubqueryAlias>().qualifier, ".");
    case PlanKind::kRepartition: {
      const auto& repartition = As<Repartition>();
      std::string partitions = repartition.num_partitions.has_value()
                                   ? std::to_string(*repartition.num_partitions)
                                   : std::string("None");
      if (repartition.partition_expressions.empty())
        return mark + "Repartition " + partitions + ", true";
      return mark + "RepartitionByExpression " + ExplainList(repartition.partition_expressions) +
             ", " + partitions;
    }
    case PlanKind::kWithCte: {
      std::vector<std::string> names;
      for (const auto& definition : As<WithCte>().definitions) names.push_back(definition.name);
      return mark + "WithCTE [" + NameList(names) + "]";
    }
    case PlanKind::kToDF:
      return "'ToDF [" + NameList(As<ToDF>().column_names) + "]";
    case PlanKind::kWithColumns:
      return "'WithColumns " + ExplainList(As<WithColumns>().aliases);
    case PlanKind::kWithColumnsRenamed: {
      std::vector<std::string> renames;
      for (const auto& [from, to] : As<WithColumnsRenamed>().renames) {
        renames.push_back(from + " -> " + to);
      }
      return "'WithColumnsRenamed [" + NameList(renames) + "]";
    }
    case PlanKind::kDrop: {
      const auto& drop = As<Drop>();
      return "'Drop " + ExplainList(drop.columns) + ", [" + NameList(drop.column_names) + "]";
    }
    case PlanKind::kJoin: {
      const auto& join = As<Join>();
      std::string type = JoinTypeName(join.join_type);
      if (!join.using_columns.empty() && !analyzed) {
        type = (join.natural ? "NaturalJoin(" : "UsingJoin(") + type + ", [" +
               NameList(join.using_columns) + "])";
      } else if (join.natural && !analyzed) {
        type = "NaturalJoin(" + type + ")";
      }
      std::string out = mark + "Join " + type;
      if (join.condition.has_value() && *join.condition != nullptr) {
        out += ", " + (*join.condition)->ToExplainString();
      }
      return out;
    }
    case PlanKind::kSetOperation: {
      const auto& set_operation = As<SetOperation>();
      switch (set_operation.op) {
        case SetOperationType::kUnion:
          return mark + "Union " + (set_operation.by_name ? "true" : "false") + ", " +
                 (set_operation.allow_missing_columns ? "true" : "false");
        case SetOperationType::kIntersect:
          return mark + (set_operation.is_all ? "Intersect All true" : "Intersect false");
        case SetOperationType::kExcept:
          return mark + (set_operation.is_all ? "Except All true" : "Except false");
      }
      return mark + "SetOperation";
    }
    case PlanKind::kCommand: {
      const auto& command = As<Command>();
      std::string out = CommandName(command.command);
      if (!command.name_parts.empty()) out += " " + NameList(command.name_parts, ".");
      return out;
    }
  }
  return "LogicalPlan";
}

Result<PlanPtr> TransformUp(const PlanPtr& plan,
                            const std::function<Result<PlanPtr>(const PlanPtr&)>& rule) {
  bool changed = false;
  std::vector<PlanPtr> new_children;
  new_children.reserve(plan->children.size());
  for (const auto& child : plan->children) {
    SPK_ASSIGN_OR_RAISE(PlanPtr new_child, TransformUp(child, rule));
    changed = changed || new_child != child;
    new_children.push_back(std::move(new_child));
  }
  PlanPtr current = changed ? plan->WithChildren(std::move(new_children)) : plan;
  return rule(current);
}

std::vector<ExprPtr> NodeExpressions(const LogicalPlan& plan) {
  switch (plan.kind) {
    case PlanKind::kUnresolvedTableFunction:
      return plan.As<UnresolvedTableFunction>().arguments;
    case PlanKind::kInlineTable: {
      std::vector<ExprPtr> out;
      for (const auto& row : plan.As<InlineTable>().rows)
        out.insert(out.end(), row.begin(), row.end());
      return out;
    }
    case PlanKind::kProject:
      return plan.As<Project>().expressions;
    case PlanKind::kFilter:
      return {plan.As<Filter>().condition};
    case PlanKind::kAggregate: {
      const auto& aggregate = plan.As<Aggregate>();
      std::vector<ExprPtr> out = aggregate.groupings;
      out.insert(out.end(), aggregate.aggregates.begin(), aggregate.aggregates.end());
      return out;
    }
    case PlanKind::kSort:
      return plan.As<Sort>().orders;
    case PlanKind::kLimit:
      return {plan.As<Limit>().limit};
    case PlanKind::kOffset:
      return {plan.As<Offset>().offset};
    case PlanKind::kTail:
      return {plan.As<Tail>().limit};
    case PlanKind::kRepartition:
      return plan.As<Repartition>().partition_expressions;
    case PlanKind::kWithColumns:
      return plan.As<WithColumns>().aliases;
    case PlanKind::kDrop:
      return plan.As<Drop>().columns;
    case PlanKind::kJoin: {
      const auto& join = plan.As<Join>();
      if (join.condition.has_value() && *join.condition != nullptr) return {*join.condition};
      return {};
    }
    default:
      return {};
  }
}

PlanPtr WithNodeExpressions(const LogicalPlan& plan, std::vector<ExprPtr> expressions) {
  std::shared_ptr<LogicalPlan> copy = plan.Copy();
  switch (plan.kind) {
    case PlanKind::kUnresolvedTableFunction:
      static_cast<UnresolvedTableFunction&>(*copy).arguments = std::move(expressions);
      break;
    case PlanKind::kInlineTable: {
      auto& table = static_cast<InlineTable&>(*copy);
      size_t next = 0;
      for (auto& row : table.rows) {
        for (auto& value : row) value = expressions[next++];
      }
      break;
    }
    case PlanKind::kProject:
      static_cast<Project&>(*copy).expressions = std::move(expressions);
      break;
    case PlanKind::kFilter:
      static_cast<Filter&>(*copy).condition = expressions[0];
      break;
    case PlanKind::kAggregate: {
      auto& aggregate = static_cast<Aggregate&>(*copy);
      size_t num_groupings = aggregate.groupings.size();
      aggregate.groupings.assign(expressions.begin(), expressions.begin() + num_groupings);
      aggregate.aggregates.assign(expressions.begin() + num_groupings, expressions.end());
      break;
    }
    case PlanKind::kSort:
      static_cast<Sort&>(*copy).orders = std::move(expressions);
      break;
    case PlanKind::kLimit:
      static_cast<Limit&>(*copy).limit = expressions[0];
      break;
    case PlanKind::kOffset:
      static_cast<Offset&>(*copy).offset = expressions[0];
      break;
    case PlanKind::kTail:
      static_cast<Tail&>(*copy).limit = expressions[0];
      break;
    case PlanKind::kRepartition:
      static_cast<Repartition&>(*copy).partition_expressions = std::move(expressions);
      break;
    case PlanKind::kWithColumns:
      static_cast<WithColumns&>(*copy).aliases = std::move(expressions);
      break;
    case PlanKind::kDrop:
      static_cast<Drop&>(*copy).columns = std::move(expressions);
      break;
    case PlanKind::kJoin:
      if (!expressions.empty()) static_cast<Join&>(*copy).condition = expressions[0];
      break;
    default:
      break;
  }
  return copy;
}

}  // namespace sparkling
