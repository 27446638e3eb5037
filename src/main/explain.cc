#include "main/explain.h"

#include <functional>

#include "plan/identifier.h"

namespace sparkling {
namespace {

std::string Section(const std::string& title, const std::string& body) {
  return "== " + title + " ==\n" + body + "\n";
}

// "x: bigint, y: string": the analyzed plan's schema line in EXTENDED mode.
std::string SchemaLine(const LogicalPlan& plan) {
  std::string out;
  for (const auto& attribute : plan.output) {
    if (!out.empty()) out += ", ";
    out += attribute.name + ": " + (attribute.type ? attribute.type->SimpleString() : "?");
  }
  return out;
}

std::string AttributeList(const std::vector<Attribute>& attributes) {
  std::string out = "[";
  for (size_t i = 0; i < attributes.size(); ++i) {
    if (i > 0) out += ", ";
    out += attributes[i].ToReference()->ToExplainString();
  }
  return out + "]";
}

// The node's name without its arguments ("Project", "Filter").
std::string NodeName(const LogicalPlan& plan) {
  std::string text = plan.NodeString();
  size_t end = text.find(' ');
  return end == std::string::npos ? text : text.substr(0, end);
}

// FORMATTED mode: an outline with operator ids, then one paragraph per operator.
std::string Formatted(const PlanPtr& plan) {
  std::vector<const LogicalPlan*> post_order;
  std::function<void(const LogicalPlan&)> number = [&](const LogicalPlan& node) {
    for (const auto& child : node.children) number(*child);
    post_order.push_back(&node);
  };
  number(*plan);
  auto id_of = [&](const LogicalPlan* node) {
    for (size_t i = 0; i < post_order.size(); ++i) {
      if (post_order[i] == node) return i + 1;
    }
    return size_t{0};
  };
  std::string outline;
  std::function<void(const LogicalPlan&, const std::string&, bool, bool)> draw =
      [&](const LogicalPlan& node, const std::string& prefix, bool root, bool last) {
        outline += root ? "" : prefix + (last ? "+- " : ":- ");
        outline += NodeName(node) + " (" + std::to_string(id_of(&node)) + ")\n";
        std::string child_prefix = root ? "" : prefix + (last ? "   " : ":  ");
        for (size_t i = 0; i < node.children.size(); ++i) {
          draw(*node.children[i], child_prefix, false, i + 1 == node.children.size());
        }
      };
  draw(*plan, "", true, true);
  std::string details;
  for (size_t i = 0; i < post_order.size(); ++i) {
    const LogicalPlan& node = *post_order[i];
    details += "(" + std::to_string(i + 1) + ") " + NodeName(node) + "\n";
    if (node.children.empty()) {
      details += "Output [" + std::to_string(node.output.size()) +
                 "]: " + AttributeList(node.output) + "\n";
      details += "Arguments: " + node.NodeString() + "\n";
    } else {
      details += "Output [" + std::to_string(node.output.size()) +
                 "]: " + AttributeList(node.output) + "\n";
      const auto& input = node.children.front()->output;
      details += "Input [" + std::to_string(input.size()) + "]: " + AttributeList(input) + "\n";
    }
    details += "\n";
  }
  return "== Physical Plan ==\n" + outline + "\n\n" + details;
}

}  // namespace

std::optional<ExplainMode> ExplainModeFromName(const std::string& name) {
  std::string lower = LowerCase(name);
  if (lower == "simple") return ExplainMode::kSimple;
  if (lower == "extended") return ExplainMode::kExtended;
  if (lower == "codegen") return ExplainMode::kCodegen;
  if (lower == "cost") return ExplainMode::kCost;
  if (lower == "formatted") return ExplainMode::kFormatted;
  return std::nullopt;
}

std::string RenderExplain(const ExplainPlans& plans, ExplainMode mode) {
  // Sparkling has no separate physical plan: the optimized plan is what runs.
  const std::string physical = plans.optimized->TreeString();
  switch (mode) {
    case ExplainMode::kSimple:
      return Section("Physical Plan", physical) + "\n";
    case ExplainMode::kExtended:
      return Section("Parsed Logical Plan", plans.parsed->TreeString()) + "\n" +
             Section("Analyzed Logical Plan",
                     SchemaLine(*plans.analyzed) + "\n" + plans.analyzed->TreeString()) +
             "\n" + Section("Optimized Logical Plan", plans.optimized->TreeString()) + "\n" +
             Section("Physical Plan", physical);
    case ExplainMode::kCodegen:
      // No generated code: report no codegen stages, as Spark does for such plans.
      return "Found 0 WholeStageCodegen subtrees.\n";
    case ExplainMode::kCost:
      return Section("Optimized Logical Plan", plans.optimized->TreeString()) + "\n" +
             Section("Physical Plan", physical) + "\n";
    case ExplainMode::kFormatted:
      return Formatted(plans.optimized);
  }
  return Section("Physical Plan", physical) + "\n";
}

}  // namespace sparkling
