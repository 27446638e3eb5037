#pragma once

#include "execution/expression_evaluator.h"
#include "execution/key_hash_table.h"
#include "execution/partition_io.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// How a join finds candidate pairs and what it does with them.
struct JoinSpec {
  JoinType type = JoinType::kInner;
  /// Equi-join keys (probe side, build side), evaluated on each side's own rows. Empty keys
  /// make a nested-loop join: every probe row meets every build row.
  std::unique_ptr<ExpressionEvaluator> probe_keys;
  std::unique_ptr<ExpressionEvaluator> build_keys;
  std::vector<bool> null_safe;  // per key: `<=>` (NULL matches NULL) instead of `=`
  /// The rest of the condition, bound to [left columns..., right columns...]; may be null.
  std::unique_ptr<ExpressionEvaluator> residual;
  /// Which input is materialized: the right one, except for RIGHT OUTER, which builds the
  /// left so that the preserved side streams.
  bool build_is_right = true;
};

/// Joins a streaming probe side against a materialized build side. With keys it is a hash
/// join (the build side in a KeyHashTable with row chains; NULL keys never match unless
/// null-safe); without, a nested loop over build rows. The residual condition filters
/// candidate pairs; outer, semi and anti joins then keep or null-extend probe rows. Probe
/// partitions run in parallel; a FULL OUTER join reads its probe side as one partition so
/// that the build rows nothing matched can be emitted at the end.
class JoinOperator : public PhysicalOperator {
 public:
  JoinOperator(std::shared_ptr<arrow::Schema> schema, PhysicalOperatorPtr left,
               PhysicalOperatorPtr right, JoinSpec spec);
  ~JoinOperator() override;

  std::string name() const override;
  int num_partitions() const override;
  Status Prepare(ExecutionContext* context) override;
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

  const PhysicalOperatorPtr& probe_side() const { return children_[spec_.build_is_right ? 0 : 1]; }
  const PhysicalOperatorPtr& build_side() const { return children_[spec_.build_is_right ? 1 : 0]; }
  const JoinSpec& spec() const { return spec_; }

  /// The materialized build side, filled by Prepare.
  struct BuildSide {
    std::shared_ptr<arrow::RecordBatch> rows;
    KeyHashTable table;
    std::vector<int64_t> first_row;  // per key id: first build row with that key
    std::vector<int64_t> next_row;   // per build row: next row with the same key, or -1
  };
  const BuildSide& build() const { return *build_; }

 private:
  JoinSpec spec_;
  std::unique_ptr<BuildSide> build_;
};

}  // namespace sparkling
