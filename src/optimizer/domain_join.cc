#include "optimizer/domain_join.h"

#include <functional>
#include <unordered_map>

#include "analyzer/plan_reinstance.h"
#include "optimizer/plan_traversal.h"

namespace sparkling {
namespace {

class DomainRewriter {
 public:
  DomainRewriter(PlanPtr domain_plan, std::unordered_map<ExprId, Attribute> domain_columns)
      : domain_(domain_plan->output),
        domain_plan_(std::move(domain_plan)),
        domain_columns_(std::move(domain_columns)) {}

  // The plan with the domain columns appended to its output (when it is correlated).
  Result<PlanPtr> Push(const PlanPtr& plan) {
    if (!HasOuterReference(plan)) return plan;
    if (plan->children.size() != 1) return Unsupported(*plan);
    SPK_ASSIGN_OR_RAISE(PlanPtr child, Push(plan->child()));
    bool child_has_domain = Contains(child->output, domain_.front());
    switch (plan->kind) {
      case PlanKind::kFilter: {
        PlanPtr input = child;
        if (!child_has_domain) {
          // Pair every row with every domain value; the condition then picks the matches.
          auto join = std::make_shared<Join>();
          join->join_type = JoinType::kCross;
          join->children = {child, domain_plan_};
          join->output = child->output;
          join->output.insert(join->output.end(), domain_plan_->output.begin(),
                              domain_plan_->output.end());
          join->analyzed = true;
          input = join;
        }
        auto filter = std::make_shared<Filter>(plan->As<Filter>());
        SPK_ASSIGN_OR_RAISE(filter->condition, ReplaceOuterReferences(filter->condition));
        filter->children = {input};
        filter->output = input->output;
        return PlanPtr(filter);
      }
      case PlanKind::kProject: {
        if (!child_has_domain) return Unsupported(*plan);
        auto project = std::make_shared<Project>(plan->As<Project>());
        for (const auto& expr : project->expressions) {
          if (HasOuterReference(expr)) return Unsupported(*plan);
        }
        project->children = {child};
        for (const auto& column : domain_) {
          project->expressions.push_back(column.ToReference());
          project->output.push_back(column);
        }
        return PlanPtr(project);
      }
      case PlanKind::kAggregate: {
        if (!child_has_domain) return Unsupported(*plan);
        auto aggregate = std::make_shared<Aggregate>(plan->As<Aggregate>());
        for (const auto& expr : NodeExpressions(*aggregate)) {
          if (HasOuterReference(expr)) return Unsupported(*plan);
        }
        aggregate->children = {child};
        for (const auto& column : domain_) {
          aggregate->groupings.push_back(column.ToReference());
          aggregate->aggregates.push_back(column.ToReference());
          aggregate->output.push_back(column);
        }
        return PlanPtr(aggregate);
      }
      case PlanKind::kSort:
      case PlanKind::kDistinct:
      case PlanKind::kSubqueryAlias:
      case PlanKind::kRepartition: {
        for (const auto& expr : NodeExpressions(*plan)) {
          if (HasOuterReference(expr)) return Unsupported(*plan);
        }
        auto copy = plan->Copy();
        copy->children = {child};
        copy->output = child->output;
        return PlanPtr(copy);
      }
      default:
        return Unsupported(*plan);
    }
  }

 private:
  static bool Contains(const std::vector<Attribute>& attributes, const Attribute& column) {
    for (const auto& attribute : attributes) {
      if (attribute.id == column.id) return true;
    }
    return false;
  }

  static Status Unsupported(const LogicalPlan& node) {
    return Status::NotImplemented("correlated column reference in " + node.NodeString());
  }

  Result<ExprPtr> ReplaceOuterReferences(const ExprPtr& expr) {
    return TransformUp(expr, [this](const ExprPtr& node) -> Result<ExprPtr> {
      if (node->kind != ExprKind::kOuterReference) return node;
      const ExprPtr& outer = node->children[0];
      if (outer->kind != ExprKind::kAttributeReference) {
        return Status::NotImplemented("outer reference to an expression");
      }
      auto it = domain_columns_.find(outer->As<AttributeReference>().id);
      if (it == domain_columns_.end()) {
        return Status::NotImplemented("reference to a column of an enclosing query's query");
      }
      return it->second.ToReference();
    });
  }

  std::vector<Attribute> domain_;  // the domain columns
  PlanPtr domain_plan_;
  std::unordered_map<ExprId, Attribute> domain_columns_;
};

}  // namespace

Result<DomainSubquery> RewriteOverDomain(const PlanPtr& subquery, const PlanPtr& outer_input) {
  // The outer columns the subquery reads, in first-use order.
  std::vector<Attribute> outer_columns;
  std::function<void(const PlanPtr&)> collect = [&](const PlanPtr& plan) {
    for (const auto& expr : NodeExpressions(*plan)) {
      ForEachNode(expr, [&](const Expression& node) {
        if (node.kind != ExprKind::kOuterReference ||
            node.children[0]->kind != ExprKind::kAttributeReference) {
          return;
        }
        ExprId id = node.children[0]->As<AttributeReference>().id;
        for (const auto& column : outer_columns) {
          if (column.id == id) return;
        }
        for (const auto& attribute : outer_input->output) {
          if (attribute.id == id) outer_columns.push_back(attribute);
        }
      });
    }
    for (const auto& child : plan->children) collect(child);
  };
  collect(subquery);
  if (outer_columns.empty()) {
    return Status::NotImplemented("correlated subquery over columns of an enclosing query");
  }
  // The domain: distinct outer values, as a separate instance of the outer plan.
  auto project = std::make_shared<Project>();
  for (const auto& column : outer_columns) project->expressions.push_back(column.ToReference());
  project->output = outer_columns;
  project->children = {outer_input};
  project->analyzed = true;
  auto distinct = std::make_shared<Distinct>();
  distinct->children = {project};
  distinct->output = outer_columns;
  distinct->analyzed = true;
  SPK_ASSIGN_OR_RAISE(PlanPtr domain_plan, ReinstancePlan(distinct));

  std::unordered_map<ExprId, Attribute> domain_columns;
  for (size_t i = 0; i < outer_columns.size(); ++i) {
    domain_columns[outer_columns[i].id] = domain_plan->output[i];
  }
  DomainRewriter rewriter(domain_plan, domain_columns);
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, rewriter.Push(subquery));
  if (HasOuterReference(plan)) {
    return Status::NotImplemented("this form of correlated subquery");
  }
  DomainSubquery result;
  result.plan = plan;
  for (size_t i = 0; i < outer_columns.size(); ++i) {
    SPK_ASSIGN_OR_RAISE(ExprPtr condition,
                        CallRegistered("<=>", {outer_columns[i].ToReference(),
                                               domain_plan->output[i].ToReference()}));
    result.join_conditions.push_back(std::move(condition));
  }
  return result;
}

}  // namespace sparkling
