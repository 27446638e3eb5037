#include "execution/hash_aggregate_operator.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "execution/execution_context.h"
#include "execution/key_hash_table.h"
#include "types/array_conformance.h"

namespace sparkling {

struct HashAggregateOperator::PartialState {
  KeyHashTable groups;
  std::vector<arrow::ArrayVector> key_chunks;  // per grouping key: values of new groups
  std::vector<std::unique_ptr<GroupedAccumulator>> accumulators;
  // Scratch reused across batches.
  EncodedRows encoded;
  std::vector<uint32_t> group_ids;
  std::vector<int64_t> new_rows;
};

namespace {

Result<std::shared_ptr<arrow::Array>> IndexArray(const std::vector<int64_t>& indices) {
  arrow::Int64Builder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(indices));
  std::shared_ptr<arrow::Array> array;
  SPK_RETURN_NOT_OK_ARROW(builder.Finish(&array));
  return array;
}

Result<std::shared_ptr<arrow::Array>> TakeArray(const std::shared_ptr<arrow::Array>& values,
                                                const std::shared_ptr<arrow::Array>& indices) {
  SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum taken, arrow::compute::Take(values, indices));
  return taken.make_array();
}

Result<std::shared_ptr<arrow::Array>> ConcatenateOrEmpty(
    const arrow::ArrayVector& chunks, const std::shared_ptr<arrow::DataType>& type) {
  if (chunks.empty()) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto empty, arrow::MakeEmptyArray(type));
    return empty;
  }
  if (chunks.size() == 1) return chunks.front();
  SPK_ASSIGN_OR_RAISE_ARROW(auto array, arrow::Concatenate(chunks));
  return array;
}

}  // namespace

HashAggregateOperator::HashAggregateOperator(std::shared_ptr<arrow::Schema> schema,
                                             PhysicalOperatorPtr child,
                                             std::unique_ptr<ExpressionEvaluator> groupings,
                                             std::vector<AggregateCallSpec> aggregates,
                                             std::unique_ptr<ExpressionEvaluator> results,
                                             int num_output_partitions)
    : PhysicalOperator(std::move(schema), {std::move(child)}),
      groupings_(std::move(groupings)),
      aggregates_(std::move(aggregates)),
      results_(std::move(results)),
      num_output_partitions_(std::max(1, num_output_partitions)) {}

HashAggregateOperator::~HashAggregateOperator() = default;

Result<std::unique_ptr<HashAggregateOperator::PartialState>> HashAggregateOperator::MakeState(
    ExecutionContext* context) const {
  auto state = std::make_unique<PartialState>();
  state->key_chunks.resize(groupings_->num_expressions());
  const bool global = groupings_->num_expressions() == 0;
  for (const auto& aggregate : aggregates_) {
    auto accumulator = aggregate.function->MakeAccumulator(context->eval_options());
    if (accumulator == nullptr) {
      return Status::Internal("aggregate " + aggregate.function->name() + " has no accumulator");
    }
    if (global) {
      // A global aggregate has exactly one group, even over no rows.
      std::vector<arrow::Datum> no_rows;
      for (int i = 0; i < aggregate.arguments->num_expressions(); ++i) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto empty,
                                  arrow::MakeEmptyArray(aggregate.arguments->arrow_type(i)));
        no_rows.emplace_back(empty);
      }
      SPK_RETURN_NOT_OK(accumulator->Update(no_rows, nullptr, 0, 1));
    }
    state->accumulators.push_back(std::move(accumulator));
  }
  if (global) {
    bool inserted = false;
    state->groups.FindOrInsert(std::string_view(), &inserted);
  }
  return state;
}

Status HashAggregateOperator::Consume(PartialState* state, const arrow::RecordBatch& batch) const {
  const int64_t n = batch.num_rows();
  if (groupings_->num_expressions() == 0) {
    state->group_ids.assign(n, 0);
  } else {
    SPK_ASSIGN_OR_RAISE(auto keys, groupings_->EvaluateAll(batch));
    SPK_RETURN_NOT_OK(EncodeRowKeys(keys, {}, n, &state->encoded));
    state->new_rows.clear();
    state->groups.FindOrInsert(state->encoded, &state->group_ids, &state->new_rows);
    if (!state->new_rows.empty()) {
      SPK_ASSIGN_OR_RAISE(auto indices, IndexArray(state->new_rows));
      for (size_t k = 0; k < keys.size(); ++k) {
        SPK_ASSIGN_OR_RAISE(auto values, TakeArray(keys[k], indices));
        state->key_chunks[k].push_back(std::move(values));
      }
    }
  }
  const auto num_groups = static_cast<uint32_t>(state->groups.size());
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    const AggregateCallSpec& aggregate = aggregates_[a];
    std::vector<arrow::Datum> args;
    for (int i = 0; i < aggregate.arguments->num_expressions(); ++i) {
      SPK_ASSIGN_OR_RAISE(auto value, aggregate.arguments->Evaluate(i, batch));
      args.push_back(std::move(value));
    }
    if (aggregate.filter == nullptr) {
      SPK_RETURN_NOT_OK(
          state->accumulators[a]->Update(args, state->group_ids.data(), n, num_groups));
      continue;
    }
    SPK_ASSIGN_OR_RAISE(auto mask, aggregate.filter->EvaluateToArray(0, batch));
    const auto& bools = static_cast<const arrow::BooleanArray&>(*mask);
    std::vector<int64_t> selected;
    std::vector<uint32_t> selected_groups;
    for (int64_t i = 0; i < n; ++i) {
      if (bools.IsValid(i) && bools.Value(i)) {
        selected.push_back(i);
        selected_groups.push_back(state->group_ids[i]);
      }
    }
    SPK_ASSIGN_OR_RAISE(auto indices, IndexArray(selected));
    for (auto& arg : args) {
      if (arg.is_scalar()) continue;
      SPK_ASSIGN_OR_RAISE(auto taken, TakeArray(arg.make_array(), indices));
      arg = taken;
    }
    SPK_RETURN_NOT_OK(state->accumulators[a]->Update(
        args, selected_groups.data(), static_cast<int64_t>(selected.size()), num_groups));
  }
  return Status::OK();
}

Status HashAggregateOperator::Merge(PartialState* into, PartialState* from) const {
  std::vector<uint32_t> mapping;
  std::vector<int64_t> new_groups;
  into->groups.InsertAll(from->groups, &mapping, &new_groups);
  if (!new_groups.empty()) {
    SPK_ASSIGN_OR_RAISE(auto indices, IndexArray(new_groups));
    for (size_t k = 0; k < into->key_chunks.size(); ++k) {
      SPK_ASSIGN_OR_RAISE(auto keys,
                          ConcatenateOrEmpty(from->key_chunks[k], groupings_->arrow_type(k)));
      SPK_ASSIGN_OR_RAISE(auto values, TakeArray(keys, indices));
      into->key_chunks[k].push_back(std::move(values));
    }
  }
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    SPK_RETURN_NOT_OK(into->accumulators[a]->Merge(*from->accumulators[a], mapping.data()));
  }
  return Status::OK();
}

Result<std::shared_ptr<arrow::RecordBatch>> HashAggregateOperator::Finish(
    PartialState* state) const {
  const int64_t num_groups = state->groups.size();
  arrow::FieldVector fields;
  arrow::ArrayVector columns;
  for (size_t k = 0; k < state->key_chunks.size(); ++k) {
    SPK_ASSIGN_OR_RAISE(auto keys,
                        ConcatenateOrEmpty(state->key_chunks[k], groupings_->arrow_type(k)));
    fields.push_back(arrow::field("k" + std::to_string(k), keys->type()));
    columns.push_back(std::move(keys));
  }
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    SPK_ASSIGN_OR_RAISE(auto values, state->accumulators[a]->Finish());
    if (values->length() < num_groups) {
      return Status::Internal("aggregate " + aggregates_[a].function->name() + " returned " +
                              std::to_string(values->length()) + " results for " +
                              std::to_string(num_groups) + " groups");
    }
    if (values->length() > num_groups) values = values->Slice(0, num_groups);
    SPK_ASSIGN_OR_RAISE(values, ConformArray(values, aggregates_[a].result_type, num_groups));
    fields.push_back(arrow::field("a" + std::to_string(a), values->type()));
    columns.push_back(std::move(values));
  }
  auto intermediate = arrow::RecordBatch::Make(arrow::schema(fields), num_groups, columns);
  SPK_ASSIGN_OR_RAISE(auto outputs, results_->EvaluateAll(*intermediate));
  return arrow::RecordBatch::Make(schema_, num_groups, std::move(outputs));
}

Status HashAggregateOperator::Prepare(ExecutionContext* context) {
  SPK_RETURN_NOT_OK(PhysicalOperator::Prepare(context));
  const int num_inputs = child()->num_partitions();
  std::vector<std::unique_ptr<PartialState>> states(num_inputs);
  for (auto& state : states) {
    SPK_ASSIGN_OR_RAISE(state, MakeState(context));
  }
  SPK_RETURN_NOT_OK(ConsumePartitionsInParallel(
      child(), context, [&](int partition, const std::shared_ptr<arrow::RecordBatch>& batch) {
        return Consume(states[partition].get(), *batch);
      }));
  for (int i = 1; i < num_inputs; ++i) {
    SPK_RETURN_NOT_OK(context->CheckCancelled());
    SPK_RETURN_NOT_OK(Merge(states[0].get(), states[i].get()));
    states[i].reset();
  }
  SPK_ASSIGN_OR_RAISE(auto result, Finish(states[0].get()));
  states.clear();
  SPK_ASSIGN_OR_RAISE_ARROW(auto table, arrow::Table::FromRecordBatches(schema_, {result}));
  SPK_ASSIGN_OR_RAISE(output_,
                      SplitIntoPartitions(table, num_output_partitions_, context->batch_size()));
  return Status::OK();
}

Result<BatchStreamPtr> HashAggregateOperator::OpenPartition(int partition,
                                                            ExecutionContext* context) {
  return MakeBatchListStream(std::move(output_.at(partition)), shared_from_this());
}

}  // namespace sparkling
