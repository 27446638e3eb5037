// Aggregate functions with grouped accumulators: count, sum, avg, min, max, first, last,
// any_value, collect_list, collect_set, count_if, bool_and/or, variance/stddev. DISTINCT calls
// wrap the accumulator in one that deduplicates argument tuples per group.

#include <arrow/compute/api.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "function/decimal_arithmetic.h"
#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/runtime_errors.h"
#include "function/value_ordering.h"

namespace sparkling {
namespace {

using AccumulatorFactory = std::function<std::unique_ptr<GroupedAccumulator>(const EvalOptions&)>;

class GenericAggregateFunction final : public BoundAggregateFunction {
 public:
  GenericAggregateFunction(std::string name, DataTypePtr result_type, SqlRenderer sql,
                           bool is_distinct, AccumulatorFactory factory)
      : name_(std::move(name)),
        result_type_(std::move(result_type)),
        sql_(std::move(sql)),
        is_distinct_(is_distinct),
        factory_(std::move(factory)) {}

  const std::string& name() const override { return name_; }
  const DataTypePtr& result_type() const override { return result_type_; }
  std::string ToSql(const std::vector<std::string>& argument_sql) const override {
    return sql_(argument_sql);
  }
  bool is_distinct() const override { return is_distinct_; }
  std::unique_ptr<GroupedAccumulator> MakeAccumulator(const EvalOptions& options) const override;

 private:
  std::string name_;
  DataTypePtr result_type_;
  SqlRenderer sql_;
  bool is_distinct_;
  AccumulatorFactory factory_;
};

Result<std::vector<ArrayPtr>> ArgumentArrays(const std::vector<arrow::Datum>& args,
                                             int64_t num_rows) {
  std::vector<ArrayPtr> out;
  out.reserve(args.size());
  for (const auto& arg : args) {
    SPK_ASSIGN_OR_RAISE(auto array, DatumToArray(arg, num_rows));
    out.push_back(std::move(array));
  }
  return out;
}

uint32_t GroupsAfterMerge(uint32_t current, const uint32_t* mapping, uint32_t other_groups) {
  uint32_t groups = current;
  for (uint32_t g = 0; g < other_groups; ++g) groups = std::max(groups, mapping[g] + 1);
  return groups;
}

// ---------------------------------------------------------------------------------------------
// DISTINCT: keeps each group's distinct argument tuples; feeds them to the inner accumulator
// at Finish (so partial states merge exactly).

class DistinctAccumulator final : public GroupedAccumulator {
 public:
  explicit DistinctAccumulator(std::unique_ptr<GroupedAccumulator> inner)
      : inner_(std::move(inner)) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    SPK_ASSIGN_OR_RAISE(auto arrays, ArgumentArrays(args, num_rows));
    num_groups_ = std::max(num_groups_, num_groups);
    std::vector<int64_t> keep;
    std::string key;
    for (int64_t i = 0; i < num_rows; ++i) {
      key.assign(reinterpret_cast<const char*>(&group_ids[i]), sizeof(uint32_t));
      for (const auto& array : arrays) AppendValueKey(*array, i, &key);
      if (seen_.insert(key).second) {
        keep.push_back(i);
        kept_groups_.push_back(group_ids[i]);
      }
    }
    if (keep.empty()) return Status::OK();
    EnsureArrowCompute();
    arrow::Int64Builder indices;
    SPK_RETURN_NOT_OK_ARROW(indices.AppendValues(keep));
    ArrayPtr index_array;
    SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
    if (kept_.empty()) kept_.resize(arrays.size());
    for (size_t k = 0; k < arrays.size(); ++k) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(arrays[k], index_array));
      kept_[k].push_back(taken.make_array());
    }
    return Status::OK();
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<DistinctAccumulator&>(other_base);
    num_groups_ = GroupsAfterMerge(num_groups_, mapping, other.num_groups_);
    if (other.kept_.empty()) return Status::OK();
    std::vector<arrow::Datum> args;
    for (auto& chunks : other.kept_) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto all, arrow::Concatenate(chunks));
      args.emplace_back(all);
    }
    std::vector<uint32_t> groups(other.kept_groups_.size());
    for (size_t i = 0; i < groups.size(); ++i) groups[i] = mapping[other.kept_groups_[i]];
    return Update(args, groups.data(), static_cast<int64_t>(groups.size()), num_groups_);
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    std::vector<arrow::Datum> args;
    for (auto& chunks : kept_) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto all, arrow::Concatenate(chunks));
      args.emplace_back(all);
    }
    SPK_RETURN_NOT_OK(inner_->Update(args, kept_groups_.data(),
                                     static_cast<int64_t>(kept_groups_.size()), num_groups_));
    return inner_->Finish();
  }

 private:
  std::unique_ptr<GroupedAccumulator> inner_;
  uint32_t num_groups_ = 0;
  std::unordered_set<std::string> seen_;
  std::vector<std::vector<ArrayPtr>> kept_;  // per argument, chunks of distinct rows
  std::vector<uint32_t> kept_groups_;
};

std::unique_ptr<GroupedAccumulator> GenericAggregateFunction::MakeAccumulator(
    const EvalOptions& options) const {
  auto accumulator = factory_(options);
  if (is_distinct_) return std::make_unique<DistinctAccumulator>(std::move(accumulator));
  return accumulator;
}

// ---------------------------------------------------------------------------------------------
// count / count_if

class CountAccumulator final : public GroupedAccumulator {
 public:
  explicit CountAccumulator(bool count_true) : count_true_(count_true) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    counts_.resize(std::max<size_t>(counts_.size(), num_groups), 0);
    SPK_ASSIGN_OR_RAISE(auto arrays, ArgumentArrays(args, num_rows));
    for (int64_t i = 0; i < num_rows; ++i) {
      bool counted = true;
      for (const auto& array : arrays) counted = counted && array->IsValid(i);
      if (counted && count_true_) {
        counted = static_cast<const arrow::BooleanArray&>(*arrays[0]).Value(i);
      }
      if (counted) ++counts_[group_ids[i]];
    }
    return Status::OK();
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<CountAccumulator&>(other_base);
    counts_.resize(GroupsAfterMerge(static_cast<uint32_t>(counts_.size()), mapping,
                                    static_cast<uint32_t>(other.counts_.size())),
                   0);
    for (size_t g = 0; g < other.counts_.size(); ++g) counts_[mapping[g]] += other.counts_[g];
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    arrow::Int64Builder builder;
    SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(counts_));
    return FinishBuilder(builder);
  }

 private:
  bool count_true_;
  std::vector<int64_t> counts_;
};

// ---------------------------------------------------------------------------------------------
// sum / avg

enum class SumKind { kLong, kDouble, kDecimal };

class SumAccumulator final : public GroupedAccumulator {
 public:
  SumAccumulator(SumKind kind, bool average, bool ansi, DataTypePtr input, DataTypePtr result)
      : kind_(kind),
        average_(average),
        ansi_(ansi),
        input_(std::move(input)),
        result_(std::move(result)) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    Grow(num_groups);
    SPK_ASSIGN_OR_RAISE(auto array, DatumToArray(args[0], num_rows));
    const arrow::Array& a = *array;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (a.IsNull(i)) continue;
      uint32_t g = group_ids[i];
      ++counts_[g];
      switch (kind_) {
        case SumKind::kLong: {
          int64_t v = ReadIntegral(a, i);
          if (__builtin_add_overflow(longs_[g], v, &longs_[g])) {
            if (ansi_ && !average_) return ArithmeticOverflow("long overflow", "try_sum");
            overflowed_[g] = true;
          }
          doubles_[g] += static_cast<double>(v);
          break;
        }
        case SumKind::kDouble:
          doubles_[g] += a.type_id() == arrow::Type::FLOAT
                             ? static_cast<const arrow::FloatArray&>(a).Value(i)
                             : static_cast<const arrow::DoubleArray&>(a).Value(i);
          break;
        case SumKind::kDecimal: {
          Int128 v = ToInt128(
              arrow::Decimal128(static_cast<const arrow::Decimal128Array&>(a).GetValue(i)));
          if (__builtin_add_overflow(decimals_[g], v, &decimals_[g])) overflowed_[g] = true;
          break;
        }
      }
    }
    return Status::OK();
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<SumAccumulator&>(other_base);
    Grow(GroupsAfterMerge(static_cast<uint32_t>(counts_.size()), mapping,
                          static_cast<uint32_t>(other.counts_.size())));
    for (size_t g = 0; g < other.counts_.size(); ++g) {
      uint32_t t = mapping[g];
      counts_[t] += other.counts_[g];
      doubles_[t] += other.doubles_[g];
      overflowed_[t] = overflowed_[t] || other.overflowed_[g];
      if (__builtin_add_overflow(longs_[t], other.longs_[g], &longs_[t])) {
        if (ansi_ && !average_ && kind_ == SumKind::kLong) {
          return ArithmeticOverflow("long overflow", "try_sum");
        }
        overflowed_[t] = true;
      }
      if (__builtin_add_overflow(decimals_[t], other.decimals_[g], &decimals_[t])) {
        overflowed_[t] = true;
      }
    }
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    const size_t groups = counts_.size();
    if (result_->id() == TypeId::kDouble) {
      arrow::DoubleBuilder builder;
      for (size_t g = 0; g < groups; ++g) {
        if (counts_[g] == 0) {
          SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        } else {
          double sum = doubles_[g];
          SPK_RETURN_NOT_OK_ARROW(builder.Append(average_ ? sum / counts_[g] : sum));
        }
      }
      return FinishBuilder(builder);
    }
    if (result_->id() == TypeId::kLong) {
      arrow::Int64Builder builder;
      for (size_t g = 0; g < groups; ++g) {
        if (counts_[g] == 0) {
          SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        } else {
          SPK_RETURN_NOT_OK_ARROW(builder.Append(longs_[g]));  // legacy: wrapped like Java
        }
      }
      return FinishBuilder(builder);
    }
    // Decimal sum (p + 10, s) or average (p + 4, s + 4).
    arrow::Decimal128Builder builder(KernelArrowType(*result_));
    const int p = result_->precision(), s = result_->scale();
    for (size_t g = 0; g < groups; ++g) {
      if (counts_[g] == 0) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      Int128 value = 0;
      bool fits = !overflowed_[g];
      if (fits) {
        fits = average_ ? DecimalDivide(decimals_[g], input_->scale(), counts_[g], 0, p, s, &value)
                        : RescaleDecimal(decimals_[g], input_->scale(), s, p, &value);
      }
      if (!fits) {
        if (ansi_) return DecimalOutOfRange(DecimalToString(decimals_[g], input_->scale()), p, s);
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Append(FromInt128(value)));
    }
    return FinishBuilder(builder);
  }

 private:
  static int64_t ReadIntegral(const arrow::Array& a, int64_t i) {
    switch (a.type_id()) {
      case arrow::Type::INT8:
        return static_cast<const arrow::Int8Array&>(a).Value(i);
      case arrow::Type::INT16:
        return static_cast<const arrow::Int16Array&>(a).Value(i);
      case arrow::Type::INT32:
        return static_cast<const arrow::Int32Array&>(a).Value(i);
      default:
        return static_cast<const arrow::Int64Array&>(a).Value(i);
    }
  }
  void Grow(size_t groups) {
    if (groups <= counts_.size()) return;
    counts_.resize(groups, 0);
    longs_.resize(groups, 0);
    doubles_.resize(groups, 0);
    decimals_.resize(groups, 0);
    overflowed_.resize(groups, false);
  }

  SumKind kind_;
  bool average_;
  bool ansi_;
  DataTypePtr input_;
  DataTypePtr result_;
  std::vector<int64_t> counts_;
  std::vector<int64_t> longs_;
  std::vector<double> doubles_;
  std::vector<Int128> decimals_;
  std::vector<bool> overflowed_;
};

// ---------------------------------------------------------------------------------------------
// Value-picking aggregates: min, max, first, last, any_value. The chosen value of each group is
// kept in an Arrow array, rebuilt after each batch from (old choice, batch row).

enum class PickKind { kMin, kMax, kFirst, kLast };

class PickAccumulator final : public GroupedAccumulator {
 public:
  PickAccumulator(PickKind kind, bool ignore_nulls, DataTypePtr type)
      : kind_(kind), ignore_nulls_(ignore_nulls), arrow_type_(KernelArrowType(*type)) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    SPK_ASSIGN_OR_RAISE(auto raw, DatumToArray(args[0], num_rows));
    SPK_ASSIGN_OR_RAISE(auto batch, ConformArray(raw, arrow_type_));
    return Absorb(batch, group_ids, num_rows, num_groups);
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<PickAccumulator&>(other_base);
    uint32_t groups = GroupsAfterMerge(static_cast<uint32_t>(has_.size()), mapping,
                                       static_cast<uint32_t>(other.has_.size()));
    if (!other.values_) return Grow(groups);
    // Only the other side's groups that picked something take part.
    std::vector<uint32_t> ids;
    std::vector<int64_t> rows;
    for (size_t g = 0; g < other.has_.size(); ++g) {
      if (other.has_[g]) {
        ids.push_back(mapping[g]);
        rows.push_back(static_cast<int64_t>(g));
      }
    }
    EnsureArrowCompute();
    arrow::Int64Builder index_builder;
    SPK_RETURN_NOT_OK_ARROW(index_builder.AppendValues(rows));
    ArrayPtr indices;
    SPK_RETURN_NOT_OK_ARROW(index_builder.Finish(&indices));
    SPK_ASSIGN_OR_RAISE_ARROW(auto picked, arrow::compute::Take(other.values_, indices));
    return Absorb(picked.make_array(), ids.data(), static_cast<int64_t>(ids.size()), groups);
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    SPK_RETURN_NOT_OK(Grow(static_cast<uint32_t>(has_.size())));
    if (!values_) {
      SPK_ASSIGN_OR_RAISE_ARROW(auto nulls, arrow::MakeArrayOfNull(arrow_type_, 0));
      return nulls;
    }
    std::vector<int> choice(has_.size());
    for (size_t g = 0; g < has_.size(); ++g) choice[g] = has_[g] ? 0 : -1;
    return SelectRows(choice, {values_}, arrow_type_, static_cast<int64_t>(has_.size()));
  }

 private:
  Status Grow(uint32_t groups) {
    if (values_ && values_->length() >= groups) return Status::OK();
    has_.resize(std::max<size_t>(has_.size(), groups), false);
    int64_t missing = groups - (values_ ? values_->length() : 0);
    SPK_ASSIGN_OR_RAISE_ARROW(auto nulls, arrow::MakeArrayOfNull(arrow_type_, missing));
    if (!values_) {
      values_ = nulls;
    } else {
      SPK_ASSIGN_OR_RAISE_ARROW(values_, arrow::Concatenate({values_, nulls}));
    }
    return Status::OK();
  }

  // Folds `batch` rows into the current picks.
  Status Absorb(const ArrayPtr& batch, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) {
    SPK_RETURN_NOT_OK(Grow(num_groups));
    const int64_t groups = values_->length();
    // choice[g]: -1 keep current value, else the batch row that replaces it.
    std::vector<int64_t> replacement(groups, -1);
    for (int64_t i = 0; i < num_rows; ++i) {
      uint32_t g = group_ids[i];
      bool is_null = batch->IsNull(i);
      if (is_null && (ignore_nulls_ || kind_ == PickKind::kMin || kind_ == PickKind::kMax))
        continue;
      bool has = has_[g];
      bool take = false;
      switch (kind_) {
        case PickKind::kFirst:
          take = !has;
          break;
        case PickKind::kLast:
          take = true;
          break;
        case PickKind::kMin:
        case PickKind::kMax: {
          if (!has) {
            take = true;
            break;
          }
          int c = replacement[g] >= 0 ? CompareValues(*batch, i, *batch, replacement[g])
                                      : CompareValues(*batch, i, *values_, g);
          take = kind_ == PickKind::kMin ? c < 0 : c > 0;
          break;
        }
      }
      if (take) {
        replacement[g] = i;
        has_[g] = true;
      }
    }
    bool any = false;
    std::vector<ArrayPtr> candidates = {values_, batch};
    // Row g of the rebuilt array comes from values_[g] or batch[replacement[g]]: express it as
    // a take over concat(values_, batch).
    arrow::Int64Builder index_builder;
    SPK_RETURN_NOT_OK_ARROW(index_builder.Reserve(groups));
    for (int64_t g = 0; g < groups; ++g) {
      if (replacement[g] >= 0) {
        any = true;
        index_builder.UnsafeAppend(groups + replacement[g]);
      } else {
        index_builder.UnsafeAppend(g);
      }
    }
    if (!any) return Status::OK();
    ArrayPtr indices;
    SPK_RETURN_NOT_OK_ARROW(index_builder.Finish(&indices));
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto combined, arrow::Concatenate(candidates));
    SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(combined, indices));
    values_ = taken.make_array();
    return Status::OK();
  }

  PickKind kind_;
  bool ignore_nulls_;
  std::shared_ptr<arrow::DataType> arrow_type_;
  ArrayPtr values_;
  std::vector<bool> has_;
};

// ---------------------------------------------------------------------------------------------
// collect_list / collect_set

class CollectAccumulator final : public GroupedAccumulator {
 public:
  CollectAccumulator(bool distinct, DataTypePtr element)
      : distinct_(distinct), element_type_(KernelArrowType(*element)) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    SPK_ASSIGN_OR_RAISE(auto raw, DatumToArray(args[0], num_rows));
    SPK_ASSIGN_OR_RAISE(auto batch, ConformArray(raw, element_type_));
    num_groups_ = std::max(num_groups_, num_groups);
    if (distinct_ && seen_.size() < num_groups_) seen_.resize(num_groups_);
    std::vector<int64_t> keep;
    std::string key;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (batch->IsNull(i)) continue;  // Spark's collect_* skip NULLs
      if (distinct_) {
        key.clear();
        AppendValueKey(*batch, i, &key);
        if (!seen_[group_ids[i]].insert(key).second) continue;
      }
      keep.push_back(i);
      groups_.push_back(group_ids[i]);
    }
    if (keep.empty()) return Status::OK();
    EnsureArrowCompute();
    arrow::Int64Builder index_builder;
    SPK_RETURN_NOT_OK_ARROW(index_builder.AppendValues(keep));
    ArrayPtr indices;
    SPK_RETURN_NOT_OK_ARROW(index_builder.Finish(&indices));
    SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(batch, indices));
    chunks_.push_back(taken.make_array());
    return Status::OK();
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<CollectAccumulator&>(other_base);
    num_groups_ = GroupsAfterMerge(num_groups_, mapping, other.num_groups_);
    if (other.chunks_.empty()) return Status::OK();
    SPK_ASSIGN_OR_RAISE_ARROW(auto values, arrow::Concatenate(other.chunks_));
    std::vector<uint32_t> ids(other.groups_.size());
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = mapping[other.groups_[i]];
    return Update({arrow::Datum(values)}, ids.data(), static_cast<int64_t>(ids.size()),
                  num_groups_);
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    ArrayPtr values;
    if (chunks_.empty()) {
      SPK_ASSIGN_OR_RAISE_ARROW(values, arrow::MakeArrayOfNull(element_type_, 0));
    } else {
      SPK_ASSIGN_OR_RAISE_ARROW(values, arrow::Concatenate(chunks_));
    }
    // Order rows by group (stable), then cut the list offsets.
    std::vector<int64_t> counts(num_groups_ + 1, 0);
    for (uint32_t g : groups_) ++counts[g + 1];
    for (size_t g = 1; g < counts.size(); ++g) counts[g] += counts[g - 1];
    std::vector<int64_t> positions(groups_.size());
    std::vector<int64_t> cursor(counts.begin(), counts.end() - 1);
    for (size_t i = 0; i < groups_.size(); ++i)
      positions[cursor[groups_[i]]++] = static_cast<int64_t>(i);
    EnsureArrowCompute();
    arrow::Int64Builder index_builder;
    SPK_RETURN_NOT_OK_ARROW(index_builder.AppendValues(positions));
    ArrayPtr indices;
    SPK_RETURN_NOT_OK_ARROW(index_builder.Finish(&indices));
    SPK_ASSIGN_OR_RAISE_ARROW(auto ordered, arrow::compute::Take(values, indices));
    arrow::Int32Builder offsets;
    for (int64_t c : counts) SPK_RETURN_NOT_OK_ARROW(offsets.Append(static_cast<int32_t>(c)));
    ArrayPtr offset_array;
    SPK_RETURN_NOT_OK_ARROW(offsets.Finish(&offset_array));
    auto list_type = arrow::list(arrow::field("element", element_type_, false));
    return std::make_shared<arrow::ListArray>(
        list_type, static_cast<int64_t>(num_groups_),
        std::static_pointer_cast<arrow::Int32Array>(offset_array)->values(), ordered.make_array());
  }

 private:
  bool distinct_;
  std::shared_ptr<arrow::DataType> element_type_;
  uint32_t num_groups_ = 0;
  std::vector<ArrayPtr> chunks_;
  std::vector<uint32_t> groups_;
  std::vector<std::unordered_set<std::string>> seen_;
};

// ---------------------------------------------------------------------------------------------
// bool_and / bool_or

class BoolAccumulator final : public GroupedAccumulator {
 public:
  explicit BoolAccumulator(bool is_and) : is_and_(is_and) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    if (state_.size() < num_groups) state_.resize(num_groups, -1);
    SPK_ASSIGN_OR_RAISE(auto batch, DatumToArray(args[0], num_rows));
    const auto& values = static_cast<const arrow::BooleanArray&>(*batch);
    for (int64_t i = 0; i < num_rows; ++i) {
      if (values.IsNull(i)) continue;
      Combine(group_ids[i], values.Value(i) ? 1 : 0);
    }
    return Status::OK();
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<BoolAccumulator&>(other_base);
    uint32_t groups = GroupsAfterMerge(static_cast<uint32_t>(state_.size()), mapping,
                                       static_cast<uint32_t>(other.state_.size()));
    if (state_.size() < groups) state_.resize(groups, -1);
    for (size_t g = 0; g < other.state_.size(); ++g) {
      if (other.state_[g] >= 0) Combine(mapping[g], other.state_[g]);
    }
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    arrow::BooleanBuilder builder;
    for (int8_t s : state_) {
      if (s < 0) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
      } else {
        SPK_RETURN_NOT_OK_ARROW(builder.Append(s == 1));
      }
    }
    return FinishBuilder(builder);
  }

 private:
  void Combine(uint32_t g, int8_t value) {
    if (state_[g] < 0) {
      state_[g] = value;
    } else {
      state_[g] = is_and_ ? (state_[g] & value) : (state_[g] | value);
    }
  }
  bool is_and_;
  std::vector<int8_t> state_;  // -1: no input
};

// ---------------------------------------------------------------------------------------------
// variance / stddev (Welford with Chan's parallel merge)

enum class MomentKind { kVarSamp, kVarPop, kStddevSamp, kStddevPop };

class MomentAccumulator final : public GroupedAccumulator {
 public:
  explicit MomentAccumulator(MomentKind kind) : kind_(kind) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    Grow(num_groups);
    SPK_ASSIGN_OR_RAISE(auto batch, DatumToArray(args[0], num_rows));
    const auto& values = static_cast<const arrow::DoubleArray&>(*batch);
    for (int64_t i = 0; i < num_rows; ++i) {
      if (values.IsNull(i)) continue;
      uint32_t g = group_ids[i];
      double x = values.Value(i);
      n_[g] += 1;
      double delta = x - mean_[g];
      mean_[g] += delta / n_[g];
      m2_[g] += delta * (x - mean_[g]);
    }
    return Status::OK();
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<MomentAccumulator&>(other_base);
    Grow(GroupsAfterMerge(static_cast<uint32_t>(n_.size()), mapping,
                          static_cast<uint32_t>(other.n_.size())));
    for (size_t g = 0; g < other.n_.size(); ++g) {
      if (other.n_[g] == 0) continue;
      uint32_t t = mapping[g];
      double n = n_[t] + other.n_[g];
      double delta = other.mean_[g] - mean_[t];
      mean_[t] += delta * other.n_[g] / n;
      m2_[t] += other.m2_[g] + delta * delta * n_[t] * other.n_[g] / n;
      n_[t] = n;
    }
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    arrow::DoubleBuilder builder;
    bool sample = kind_ == MomentKind::kVarSamp || kind_ == MomentKind::kStddevSamp;
    bool root = kind_ == MomentKind::kStddevSamp || kind_ == MomentKind::kStddevPop;
    for (size_t g = 0; g < n_.size(); ++g) {
      double n = n_[g];
      if (n == 0 || (sample && n == 1)) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      double variance = m2_[g] / (sample ? n - 1 : n);
      SPK_RETURN_NOT_OK_ARROW(builder.Append(root ? std::sqrt(variance) : variance));
    }
    return FinishBuilder(builder);
  }

 private:
  void Grow(size_t groups) {
    if (groups <= n_.size()) return;
    n_.resize(groups, 0);
    mean_.resize(groups, 0);
    m2_.resize(groups, 0);
  }
  MomentKind kind_;
  std::vector<double> n_, mean_, m2_;
};

// ---------------------------------------------------------------------------------------------
// percentile / median: exact, with linear interpolation between the closest ranks.

class PercentileAccumulator final : public GroupedAccumulator {
 public:
  explicit PercentileAccumulator(double fraction) : fraction_(fraction) {}

  Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                uint32_t num_groups) override {
    if (values_.size() < num_groups) values_.resize(num_groups);
    SPK_ASSIGN_OR_RAISE(auto batch, DatumToArray(args[0], num_rows));
    const auto& values = static_cast<const arrow::DoubleArray&>(*batch);
    for (int64_t i = 0; i < num_rows; ++i) {
      if (values.IsValid(i)) values_[group_ids[i]].push_back(values.Value(i));
    }
    return Status::OK();
  }

  Status Merge(GroupedAccumulator& other_base, const uint32_t* mapping) override {
    auto& other = static_cast<PercentileAccumulator&>(other_base);
    uint32_t groups = GroupsAfterMerge(static_cast<uint32_t>(values_.size()), mapping,
                                       static_cast<uint32_t>(other.values_.size()));
    if (values_.size() < groups) values_.resize(groups);
    for (size_t g = 0; g < other.values_.size(); ++g) {
      auto& target = values_[mapping[g]];
      target.insert(target.end(), other.values_[g].begin(), other.values_[g].end());
    }
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::Array>> Finish() override {
    arrow::DoubleBuilder builder;
    for (auto& group : values_) {
      if (group.empty()) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      std::sort(group.begin(), group.end());
      double position = fraction_ * static_cast<double>(group.size() - 1);
      size_t lower = static_cast<size_t>(std::floor(position));
      size_t upper = static_cast<size_t>(std::ceil(position));
      double value =
          group[lower] + (position - static_cast<double>(lower)) * (group[upper] - group[lower]);
      SPK_RETURN_NOT_OK_ARROW(builder.Append(value));
    }
    return FinishBuilder(builder);
  }

 private:
  double fraction_;
  std::vector<std::vector<double>> values_;
};

// ---------------------------------------------------------------------------------------------
// Binders

SqlRenderer AggregateSql(const std::string& name, bool distinct) {
  return [name, distinct](const std::vector<std::string>& args) {
    return name + "(" + (distinct ? "DISTINCT " : "") + JoinSql(args, ", ") + ")";
  };
}

ExprPtr MakeAggregateCall(CallBinding& call, DataTypePtr result, bool nullable,
                          AccumulatorFactory factory, SqlRenderer sql = nullptr) {
  const bool distinct = call.options->is_distinct;
  if (!sql) sql = AggregateSql(call.name, distinct);
  auto node = std::make_shared<AggregateFunctionCall>();
  node->type = result;
  node->nullable = nullable;
  node->function = std::make_shared<GenericAggregateFunction>(call.name, result, std::move(sql),
                                                              distinct, std::move(factory));
  node->is_distinct = distinct;
  node->filter = call.options->filter;
  node->children = std::move(call.args);
  return node;
}

Result<ExprPtr> BindCount(CallBinding& call) {
  if (call.args.empty())
    call.args.push_back(MakeLiteral(std::make_shared<arrow::Int32Scalar>(1), DataType::Integer()));
  return MakeAggregateCall(call, DataType::Long(), false, [](const EvalOptions&) {
    return std::make_unique<CountAccumulator>(false);
  });
}

Result<ExprPtr> BindCountIf(CallBinding& call) {
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Exact(DataType::Boolean())},
                                    AggregateSql(call.name, false)));
  return MakeAggregateCall(call, DataType::Long(), false, [](const EvalOptions&) {
    return std::make_unique<CountAccumulator>(true);
  });
}

Result<ExprPtr> BindSumOrAvg(CallBinding& call, bool average) {
  SqlRenderer sql = AggregateSql(call.name, call.options->is_distinct);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Of(ExpectedType::Kind::kNumeric)}, sql));
  DataTypePtr input = call.args[0]->type;
  DataTypePtr result;
  SumKind kind;
  if (input->id() == TypeId::kDecimal) {
    kind = SumKind::kDecimal;
    result = average ? BoundedDecimal(input->precision() + 4, input->scale() + 4)
                     : BoundedDecimal(input->precision() + 10, input->scale());
  } else if (input->IsIntegral()) {
    kind = SumKind::kLong;
    result = average ? DataType::Double() : DataType::Long();
  } else {
    kind = SumKind::kDouble;
    result = DataType::Double();
    if (input->id() == TypeId::kFloat)
      call.args[0] = ImplicitCast(call.args[0], DataType::Double());
    input = DataType::Double();
  }
  bool ansi = call.ansi();
  return MakeAggregateCall(call, result, true, [=](const EvalOptions&) {
    return std::make_unique<SumAccumulator>(kind, average, ansi, input, result);
  });
}

Result<ExprPtr> BindSum(CallBinding& call) { return BindSumOrAvg(call, false); }
Result<ExprPtr> BindAvg(CallBinding& call) { return BindSumOrAvg(call, true); }

template <PickKind kKind>
Result<ExprPtr> BindPick(CallBinding& call) {
  bool ignore_nulls = false;
  if (call.args.size() == 2) {
    const auto& flag = call.args[1];
    if (flag->kind != ExprKind::kLiteral || flag->type->id() != TypeId::kBoolean ||
        !flag->As<Literal>().value->is_valid) {
      return Status::Error(
          "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
          {{"sqlExpr", QuotedSql(AggregateSql(call.name, false)(ArgumentSql(call)))},
           {"paramIndex", "second"},
           {"requiredType", "\"BOOLEAN\""},
           {"inputSql", QuotedSql(flag->ToSql())},
           {"inputType", QuotedType(*flag->type)}});
    }
    ignore_nulls = static_cast<const arrow::BooleanScalar&>(*flag->As<Literal>().value).value;
  }
  DataTypePtr type = call.args[0]->type;
  if ((kKind == PickKind::kMin || kKind == PickKind::kMax) && type->id() == TypeId::kMap) {
    return Status::Error("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                         {{"sqlExpr", QuotedSql(AggregateSql(call.name, false)(ArgumentSql(call)))},
                          {"functionName", "`" + call.name + "`"},
                          {"dataType", QuotedType(*type)}});
  }
  // Spark names first(x, true) "first(x)": the ignoreNulls flag is not rendered.
  SqlRenderer base = AggregateSql(call.name, call.options->is_distinct);
  SqlRenderer sql = [base](const std::vector<std::string>& args) {
    return base(std::vector<std::string>(args.begin(), args.begin() + 1));
  };
  return MakeAggregateCall(
      call, type, true,
      [=](const EvalOptions&) {
        return std::make_unique<PickAccumulator>(kKind, ignore_nulls, type);
      },
      sql);
}

template <bool kDistinct>
Result<ExprPtr> BindCollect(CallBinding& call) {
  DataTypePtr element = call.args[0]->type;
  DataTypePtr result = DataType::Array(element, false);
  return MakeAggregateCall(call, result, false, [=](const EvalOptions&) {
    return std::make_unique<CollectAccumulator>(kDistinct, element);
  });
}

template <bool kIsAnd>
Result<ExprPtr> BindBoolAggregate(CallBinding& call) {
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Exact(DataType::Boolean())},
                                    AggregateSql(call.name, false)));
  return MakeAggregateCall(call, DataType::Boolean(), true, [](const EvalOptions&) {
    return std::make_unique<BoolAccumulator>(kIsAnd);
  });
}

template <MomentKind kKind>
Result<ExprPtr> BindMoment(CallBinding& call) {
  SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Exact(DataType::Double())},
                                    AggregateSql(call.name, false)));
  return MakeAggregateCall(call, DataType::Double(), true, [](const EvalOptions&) {
    return std::make_unique<MomentAccumulator>(kKind);
  });
}

// approx_count_distinct counts exactly: a correct answer within any error bound.
Result<ExprPtr> BindApproxCountDistinct(CallBinding& call) {
  SqlRenderer sql = AggregateSql(call.name, false);
  if (call.args.size() == 2) call.args.pop_back();  // the relative error bound
  auto node = std::make_shared<AggregateFunctionCall>();
  node->type = DataType::Long();
  node->nullable = false;
  node->function = std::make_shared<GenericAggregateFunction>(
      call.name, DataType::Long(), std::move(sql), /*is_distinct=*/true,
      [](const EvalOptions&) { return std::make_unique<CountAccumulator>(false); });
  node->filter = call.options->filter;
  node->children = std::move(call.args);
  return ExprPtr(node);
}

Result<ExprPtr> BindPercentile(CallBinding& call) {
  SqlRenderer sql = AggregateSql(call.name, call.options->is_distinct);
  double fraction = 0.5;
  if (call.name == "median") {
    SPK_RETURN_NOT_OK(CoerceArguments(call, {ExpectedType::Exact(DataType::Double())}, sql));
  } else {
    SPK_RETURN_NOT_OK(CoerceArguments(
        call, {ExpectedType::Exact(DataType::Double()), ExpectedType::Exact(DataType::Double())},
        sql));
    const auto& p = call.args[1];
    const ExprPtr& literal = p->kind == ExprKind::kCast ? p->children[0] : p;
    if (literal->kind != ExprKind::kLiteral || !literal->As<Literal>().value->is_valid) {
      return Status::Error("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                           {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                            {"inputName", "`percentage`"},
                            {"inputType", "\"DOUBLE\""},
                            {"inputExpr", QuotedSql(p->ToSql())}});
    }
    fraction = std::stod(literal->As<Literal>().value->ToString());
    if (fraction < 0 || fraction > 1) {
      return Status::Error("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                           {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                            {"exprName", "percentage"},
                            {"valueRange", "[0.0, 1.0]"},
                            {"currentValue", literal->ToSql()}});
    }
  }
  return MakeAggregateCall(call, DataType::Double(), true, [fraction](const EvalOptions&) {
    return std::make_unique<PercentileAccumulator>(fraction);
  });
}

}  // namespace

const std::vector<FunctionDefinition>& AggregateFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"count", 0, -1, true, &BindCount, "aggregate.Count",
       "count(*) - Returns the total number of retrieved rows, including rows containing null."},
      {"approx_count_distinct", 1, 2, true, &BindApproxCountDistinct,
       "aggregate.HyperLogLogPlusPlus",
       "approx_count_distinct(expr[, relativeSD]) - Returns the estimated cardinality."},
      {"median", 1, 1, true, &BindPercentile, "aggregate.Median",
       "median(col) - Returns the median of numeric or ANSI interval column `col`."},
      {"percentile", 2, 2, true, &BindPercentile, "aggregate.Percentile",
       "percentile(col, percentage) - Returns the exact percentile value of numeric column "
       "`col` at the given percentage."},
      {"count_if", 1, 1, true, &BindCountIf, "aggregate.CountIf",
       "count_if(expr) - Returns the number of `TRUE` values for the expression."},
      {"sum", 1, 1, true, &BindSum, "aggregate.Sum",
       "sum(expr) - Returns the sum calculated from values of a group."},
      {"avg", 1, 1, true, &BindAvg, "aggregate.Average",
       "avg(expr) - Returns the mean calculated from values of a group."},
      {"mean", 1, 1, true, &BindAvg, "aggregate.Average",
       "mean(expr) - Returns the mean calculated from values of a group."},
      {"min", 1, 1, true, &BindPick<PickKind::kMin>, "aggregate.Min",
       "min(expr) - Returns the minimum value of `expr`."},
      {"max", 1, 1, true, &BindPick<PickKind::kMax>, "aggregate.Max",
       "max(expr) - Returns the maximum value of `expr`."},
      {"first", 1, 2, true, &BindPick<PickKind::kFirst>, "aggregate.First",
       "first(expr[, isIgnoreNull]) - Returns the first value of `expr` for a group of rows."},
      {"first_value", 1, 2, true, &BindPick<PickKind::kFirst>, "aggregate.First",
       "first_value(expr[, isIgnoreNull]) - Returns the first value of `expr`."},
      {"any_value", 1, 2, true, &BindPick<PickKind::kFirst>, "aggregate.AnyValue",
       "any_value(expr[, isIgnoreNull]) - Returns some value of `expr` for a group of rows."},
      {"last", 1, 2, true, &BindPick<PickKind::kLast>, "aggregate.Last",
       "last(expr[, isIgnoreNull]) - Returns the last value of `expr` for a group of rows."},
      {"last_value", 1, 2, true, &BindPick<PickKind::kLast>, "aggregate.Last",
       "last_value(expr[, isIgnoreNull]) - Returns the last value of `expr`."},
      {"collect_list", 1, 1, true, &BindCollect<false>, "aggregate.CollectList",
       "collect_list(expr) - Collects and returns a list of non-unique elements."},
      {"array_agg", 1, 1, true, &BindCollect<false>, "aggregate.CollectList",
       "array_agg(expr) - Collects and returns a list of non-unique elements."},
      {"collect_set", 1, 1, true, &BindCollect<true>, "aggregate.CollectSet",
       "collect_set(expr) - Collects and returns a set of unique elements."},
      {"bool_and", 1, 1, true, &BindBoolAggregate<true>, "aggregate.BoolAnd",
       "bool_and(expr) - Returns true if all values of `expr` are true."},
      {"every", 1, 1, true, &BindBoolAggregate<true>, "aggregate.BoolAnd",
       "every(expr) - Returns true if all values of `expr` are true."},
      {"bool_or", 1, 1, true, &BindBoolAggregate<false>, "aggregate.BoolOr",
       "bool_or(expr) - Returns true if at least one value of `expr` is true."},
      {"some", 1, 1, true, &BindBoolAggregate<false>, "aggregate.BoolOr",
       "some(expr) - Returns true if at least one value of `expr` is true."},
      {"any", 1, 1, true, &BindBoolAggregate<false>, "aggregate.BoolOr",
       "any(expr) - Returns true if at least one value of `expr` is true."},
      {"variance", 1, 1, true, &BindMoment<MomentKind::kVarSamp>, "aggregate.VarianceSamp",
       "variance(expr) - Returns the sample variance calculated from values of a group."},
      {"var_samp", 1, 1, true, &BindMoment<MomentKind::kVarSamp>, "aggregate.VarianceSamp",
       "var_samp(expr) - Returns the sample variance calculated from values of a group."},
      {"var_pop", 1, 1, true, &BindMoment<MomentKind::kVarPop>, "aggregate.VariancePop",
       "var_pop(expr) - Returns the population variance calculated from values of a group."},
      {"stddev", 1, 1, true, &BindMoment<MomentKind::kStddevSamp>, "aggregate.StddevSamp",
       "stddev(expr) - Returns the sample standard deviation calculated from values of a group."},
      {"std", 1, 1, true, &BindMoment<MomentKind::kStddevSamp>, "aggregate.StddevSamp",
       "std(expr) - Returns the sample standard deviation calculated from values of a group."},
      {"stddev_samp", 1, 1, true, &BindMoment<MomentKind::kStddevSamp>, "aggregate.StddevSamp",
       "stddev_samp(expr) - Returns the sample standard deviation of a group."},
      {"stddev_pop", 1, 1, true, &BindMoment<MomentKind::kStddevPop>, "aggregate.StddevPop",
       "stddev_pop(expr) - Returns the population standard deviation of a group."},
  };
  return kFunctions;
}

}  // namespace sparkling
