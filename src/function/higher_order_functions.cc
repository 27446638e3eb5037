// Higher-order functions: transform, filter, exists, forall, aggregate/reduce, zip_with,
// array_sort, map_filter, map_zip_with, transform_keys, transform_values. Their lambda arguments
// are evaluated through the executor's LambdaEvaluator over the flattened elements of all rows of
// the batch at once, each element carrying the row it came from (for outer column references).

#include <arrow/compute/api.h>

#include <algorithm>
#include <unordered_set>

#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/value_ordering.h"

namespace sparkling {
namespace {

// The elements of every row of a list (or map) array, flattened in row order.
struct FlatElements {
  std::vector<int64_t> outer_rows;  // element j comes from row outer_rows[j]
  std::vector<int64_t> positions;   // index of element j in the array's values()
  std::vector<int32_t> offsets;     // row i owns elements [offsets[i], offsets[i + 1])
  ArrayPtr index_in_row;            // int32: 0-based position of element j in its row
};

Result<FlatElements> Flatten(const arrow::ListArray& list) {
  FlatElements flat;
  flat.offsets.push_back(0);
  arrow::Int32Builder index_in_row;
  for (int64_t i = 0; i < list.length(); ++i) {
    if (list.IsValid(i)) {
      for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
        flat.outer_rows.push_back(i);
        flat.positions.push_back(e);
        SPK_RETURN_NOT_OK_ARROW(
            index_in_row.Append(static_cast<int32_t>(e - list.value_offset(i))));
      }
    }
    flat.offsets.push_back(static_cast<int32_t>(flat.positions.size()));
  }
  SPK_RETURN_NOT_OK_ARROW(index_in_row.Finish(&flat.index_in_row));
  return flat;
}

Result<ArrayPtr> IndexArray(const std::vector<int64_t>& indices) {
  arrow::Int64Builder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(indices));
  return FinishBuilder(builder);
}

// values[indices[j]] for every j.
Result<ArrayPtr> TakeValues(const ArrayPtr& values, const std::vector<int64_t>& indices) {
  SPK_ASSIGN_OR_RAISE(auto index_array, IndexArray(indices));
  EnsureArrowCompute();
  SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(values, index_array));
  return taken.make_array();
}

// Evaluates lambda argument `argument_index` and returns its values as an Array of `length`
// rows typed `type`.
Result<ArrayPtr> EvaluateLambda(const LambdaEvaluator& lambdas, size_t argument_index,
                                const std::vector<arrow::Datum>& variables,
                                const std::vector<int64_t>& outer_rows, const DataType& type) {
  SPK_ASSIGN_OR_RAISE(auto value, lambdas.Evaluate(argument_index, variables, outer_rows));
  const auto length = static_cast<int64_t>(outer_rows.size());
  SPK_ASSIGN_OR_RAISE(auto array, DatumToArray(value, length));
  SPK_ASSIGN_OR_RAISE(array, NormalizeArray(array));
  if (array->type_id() == arrow::Type::NA && type.id() != TypeId::kNull) {
    SPK_ASSIGN_OR_RAISE_ARROW(array, arrow::MakeArrayOfNull(KernelArrowType(type), length));
  }
  return ConformArray(array, KernelArrowType(type));
}

// The first `count` lambda variables of an element batch: the element and its index.
std::vector<arrow::Datum> ElementVariables(const ArrayPtr& elements, const FlatElements& flat,
                                           size_t count) {
  std::vector<arrow::Datum> variables = {arrow::Datum(elements)};
  if (count > 1) variables.emplace_back(flat.index_in_row);
  return variables;
}

std::shared_ptr<arrow::Buffer> OffsetsBuffer(const std::vector<int32_t>& offsets) {
  return arrow::Buffer::FromVector(offsets);
}

// A list array over `values` with the given offsets and the validity of `like`.
ArrayPtr MakeList(const std::shared_ptr<arrow::DataType>& type, const arrow::Array& like,
                  const std::vector<int32_t>& offsets, const ArrayPtr& values) {
  std::shared_ptr<arrow::Buffer> validity;
  int64_t null_count = like.null_count();
  if (null_count > 0) {
    auto copied = arrow::internal::CopyBitmap(arrow::default_memory_pool(), like.null_bitmap_data(),
                                              like.offset(), like.length());
    if (copied.ok()) {
      validity = *copied;
    } else {
      null_count = 0;
    }
  }
  return std::make_shared<arrow::ListArray>(type, like.length(), OffsetsBuffer(offsets), values,
                                            validity, null_count);
}

ArrayPtr MakeMap(const std::shared_ptr<arrow::DataType>& type, const arrow::Array& like,
                 const std::vector<int32_t>& offsets, const ArrayPtr& keys, const ArrayPtr& items) {
  std::shared_ptr<arrow::Buffer> validity;
  int64_t null_count = like.null_count();
  if (null_count > 0) {
    auto copied = arrow::internal::CopyBitmap(arrow::default_memory_pool(), like.null_bitmap_data(),
                                              like.offset(), like.length());
    if (copied.ok()) {
      validity = *copied;
    } else {
      null_count = 0;
    }
  }
  return std::make_shared<arrow::MapArray>(type, like.length(), OffsetsBuffer(offsets), keys, items,
                                           validity, null_count);
}

// Keeps the elements j where keep[j] is true; returns the new offsets and kept positions.
void KeepElements(const FlatElements& flat, const arrow::BooleanArray& keep,
                  std::vector<int32_t>* offsets, std::vector<int64_t>* kept) {
  offsets->assign(1, 0);
  for (size_t row = 0; row + 1 < flat.offsets.size(); ++row) {
    for (int32_t j = flat.offsets[row]; j < flat.offsets[row + 1]; ++j) {
      if (keep.IsValid(j) && keep.Value(j)) kept->push_back(flat.positions[j]);
    }
    offsets->push_back(static_cast<int32_t>(kept->size()));
  }
}

Status RequireArrayArgument(CallBinding& call, size_t index, const SqlRenderer& sql) {
  if (call.arg_type(index).id() != TypeId::kArray) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), index, "\"ARRAY\"");
  }
  return Status::OK();
}

Status RequireMapArgument(CallBinding& call, size_t index, const SqlRenderer& sql) {
  if (call.arg_type(index).id() != TypeId::kMap) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), index, "\"MAP\"");
  }
  return Status::OK();
}

Status RequireBooleanBody(CallBinding& call, size_t index, const SqlRenderer& sql) {
  auto type = call.arg_type(index).id();
  if (type != TypeId::kBoolean && type != TypeId::kNull) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), index, "\"BOOLEAN\"");
  }
  return Status::OK();
}

// --- Arrays ------------------------------------------------------------------------------------

Result<ExprPtr> BindTransform(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireArrayArgument(call, 0, sql));
  SPK_ASSIGN_OR_RAISE(const Lambda* lambda, LambdaArgument(call, 1, sql));
  const size_t num_variables = lambda->arguments.size();
  DataTypePtr body_type = lambda->type;
  DataTypePtr type = DataType::Array(body_type, lambda->nullable);
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [type, body_type, num_variables](
                           const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&,
                           const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    SPK_ASSIGN_OR_RAISE(auto flat, Flatten(list));
    SPK_ASSIGN_OR_RAISE(auto elements, TakeValues(list.values(), flat.positions));
    SPK_ASSIGN_OR_RAISE(auto results,
                        EvaluateLambda(lambdas, 1, ElementVariables(elements, flat, num_variables),
                                       flat.outer_rows, *body_type));
    return MakeList(KernelArrowType(*type), list, flat.offsets, results);
  };
  bool nullable = call.args[0]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

Result<ExprPtr> BindFilter(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireArrayArgument(call, 0, sql));
  SPK_ASSIGN_OR_RAISE(const Lambda* lambda, LambdaArgument(call, 1, sql));
  SPK_RETURN_NOT_OK(RequireBooleanBody(call, 1, sql));
  const size_t num_variables = lambda->arguments.size();
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [num_variables](const std::vector<ArrayPtr>& args, int64_t,
                                       const EvalOptions&,
                                       const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    SPK_ASSIGN_OR_RAISE(auto flat, Flatten(list));
    SPK_ASSIGN_OR_RAISE(auto elements, TakeValues(list.values(), flat.positions));
    SPK_ASSIGN_OR_RAISE(auto keep,
                        EvaluateLambda(lambdas, 1, ElementVariables(elements, flat, num_variables),
                                       flat.outer_rows, *DataType::Boolean()));
    std::vector<int32_t> offsets;
    std::vector<int64_t> kept;
    KeepElements(flat, static_cast<const arrow::BooleanArray&>(*keep), &offsets, &kept);
    SPK_ASSIGN_OR_RAISE(auto values, TakeValues(list.values(), kept));
    return MakeList(list.type(), list, offsets, values);
  };
  bool nullable = call.args[0]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// exists (kAny) / forall (kAll) with Spark's three-valued logic: a NULL predicate result
// makes the answer NULL unless a decisive element (true for exists, false for forall) exists.
template <bool kAll>
Result<ExprPtr> BindQuantifier(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireArrayArgument(call, 0, sql));
  SPK_ASSIGN_OR_RAISE(const Lambda* lambda, LambdaArgument(call, 1, sql));
  SPK_RETURN_NOT_OK(RequireBooleanBody(call, 1, sql));
  (void)lambda;
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.lambda_kernel = [](const std::vector<ArrayPtr>& args, int64_t length, const EvalOptions&,
                          const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    SPK_ASSIGN_OR_RAISE(auto flat, Flatten(list));
    SPK_ASSIGN_OR_RAISE(auto elements, TakeValues(list.values(), flat.positions));
    SPK_ASSIGN_OR_RAISE(auto tests, EvaluateLambda(lambdas, 1, {arrow::Datum(elements)},
                                                   flat.outer_rows, *DataType::Boolean()));
    const auto& truth = static_cast<const arrow::BooleanArray&>(*tests);
    arrow::BooleanBuilder builder;
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsNull(i)) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      bool decided = false, saw_null = false;
      for (int32_t j = flat.offsets[i]; j < flat.offsets[i + 1] && !decided; ++j) {
        if (truth.IsNull(j)) {
          saw_null = true;
        } else if (truth.Value(j) != kAll) {
          decided = true;
        }
      }
      if (decided) {
        SPK_RETURN_NOT_OK_ARROW(builder.Append(!kAll));
      } else if (saw_null) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
      } else {
        SPK_RETURN_NOT_OK_ARROW(builder.Append(kAll));
      }
    }
    return FinishBuilder(builder);
  };
  bool nullable = call.args[0]->nullable || call.args[1]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// aggregate(array, zero, (acc, x) -> merge[, acc -> finish]): the merge runs once per element
// position k over all rows that have a k-th element, so the batch is folded column-wise.
Result<ExprPtr> BindAggregate(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireArrayArgument(call, 0, sql));
  SPK_ASSIGN_OR_RAISE(const Lambda* merge, LambdaArgument(call, 2, sql));
  const bool has_finish = call.args.size() > 3;
  if (has_finish) SPK_RETURN_NOT_OK(LambdaArgument(call, 3, sql).status());
  if (!has_finish) {
    // Spark renders the default finish as the identity lambda.
    const std::string display = call.name;
    sql = [display](const std::vector<std::string>& args) {
      return display + "(" + JoinSql(args, ", ") +
             ", lambdafunction(namedlambdavariable(), namedlambdavariable()))";
    };
  }
  DataTypePtr accumulator_type = call.args[1]->type;
  if (!merge->type->SameType(*accumulator_type)) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 2, QuotedType(*accumulator_type));
  }
  DataTypePtr type = has_finish ? call.args[3]->type : accumulator_type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [accumulator_type, type, has_finish](
                           const std::vector<ArrayPtr>& args, int64_t length, const EvalOptions&,
                           const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto accumulator_arrow = KernelArrowType(*accumulator_type);
    SPK_ASSIGN_OR_RAISE(ArrayPtr accumulator, ConformArray(args[1], accumulator_arrow));
    int64_t longest = 0;
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsValid(i)) longest = std::max<int64_t>(longest, list.value_length(i));
    }
    for (int64_t k = 0; k < longest; ++k) {
      std::vector<int64_t> rows, positions;
      for (int64_t i = 0; i < length; ++i) {
        if (list.IsValid(i) && list.value_length(i) > k) {
          rows.push_back(i);
          positions.push_back(list.value_offset(i) + k);
        }
      }
      SPK_ASSIGN_OR_RAISE(auto current, TakeValues(accumulator, rows));
      SPK_ASSIGN_OR_RAISE(auto elements, TakeValues(list.values(), positions));
      SPK_ASSIGN_OR_RAISE(
          auto merged, EvaluateLambda(lambdas, 2, {arrow::Datum(current), arrow::Datum(elements)},
                                      rows, *accumulator_type));
      // Row i keeps its accumulator unless it was merged; merged rows read the new value.
      std::vector<int64_t> pick(length);
      for (int64_t i = 0; i < length; ++i) pick[i] = i;
      for (size_t r = 0; r < rows.size(); ++r) pick[rows[r]] = length + static_cast<int64_t>(r);
      SPK_ASSIGN_OR_RAISE_ARROW(auto both, arrow::Concatenate({accumulator, merged}));
      SPK_ASSIGN_OR_RAISE(accumulator, TakeValues(both, pick));
    }
    // NULL arrays give NULL; the finish lambda only sees the other rows.
    std::vector<int64_t> valid_rows;
    std::vector<int64_t> pick(length, -1);
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsValid(i)) {
        pick[i] = static_cast<int64_t>(valid_rows.size());
        valid_rows.push_back(i);
      }
    }
    SPK_ASSIGN_OR_RAISE(ArrayPtr results, TakeValues(accumulator, valid_rows));
    if (has_finish) {
      SPK_ASSIGN_OR_RAISE(results,
                          EvaluateLambda(lambdas, 3, {arrow::Datum(results)}, valid_rows, *type));
    }
    arrow::Int64Builder indices;
    for (int64_t p : pick) {
      SPK_RETURN_NOT_OK_ARROW(p < 0 ? indices.AppendNull() : indices.Append(p));
    }
    ArrayPtr index_array;
    SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(results, index_array));
    return taken.make_array();
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

// zip_with(a, b, (x, y) -> f): the shorter array is padded with NULLs.
Result<ExprPtr> BindZipWith(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireArrayArgument(call, 0, sql));
  SPK_RETURN_NOT_OK(RequireArrayArgument(call, 1, sql));
  SPK_ASSIGN_OR_RAISE(const Lambda* lambda, LambdaArgument(call, 2, sql));
  DataTypePtr body_type = lambda->type;
  DataTypePtr type = DataType::Array(body_type, lambda->nullable);
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [type, body_type](const std::vector<ArrayPtr>& args, int64_t length,
                                         const EvalOptions&,
                                         const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& left = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& right = static_cast<const arrow::ListArray&>(*args[1]);
    std::vector<int32_t> offsets = {0};
    std::vector<int64_t> outer_rows;
    arrow::Int64Builder left_positions, right_positions;
    arrow::TypedBufferBuilder<bool> validity;
    int64_t null_count = 0;
    for (int64_t i = 0; i < length; ++i) {
      const bool valid = left.IsValid(i) && right.IsValid(i);
      SPK_RETURN_NOT_OK_ARROW(validity.Append(valid));
      if (!valid) {
        ++null_count;
      } else {
        const int64_t n = std::max(left.value_length(i), right.value_length(i));
        for (int64_t k = 0; k < n; ++k) {
          outer_rows.push_back(i);
          SPK_RETURN_NOT_OK_ARROW(k < left.value_length(i)
                                      ? left_positions.Append(left.value_offset(i) + k)
                                      : left_positions.AppendNull());
          SPK_RETURN_NOT_OK_ARROW(k < right.value_length(i)
                                      ? right_positions.Append(right.value_offset(i) + k)
                                      : right_positions.AppendNull());
        }
      }
      offsets.push_back(static_cast<int32_t>(outer_rows.size()));
    }
    ArrayPtr left_index, right_index;
    SPK_RETURN_NOT_OK_ARROW(left_positions.Finish(&left_index));
    SPK_RETURN_NOT_OK_ARROW(right_positions.Finish(&right_index));
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto xs, arrow::compute::Take(left.values(), left_index));
    SPK_ASSIGN_OR_RAISE_ARROW(auto ys, arrow::compute::Take(right.values(), right_index));
    SPK_ASSIGN_OR_RAISE(auto results, EvaluateLambda(lambdas, 2, {xs, ys}, outer_rows, *body_type));
    std::shared_ptr<arrow::Buffer> bitmap;
    SPK_RETURN_NOT_OK_ARROW(validity.Finish(&bitmap));
    return ArrayPtr(
        std::make_shared<arrow::ListArray>(KernelArrowType(*type), length, OffsetsBuffer(offsets),
                                           results, null_count > 0 ? bitmap : nullptr, null_count));
  };
  bool nullable = call.args[0]->nullable || call.args[1]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// The comparator lambda Spark renders for array_sort(array) (ascending, NULLs last).
constexpr const char* kDefaultComparatorSql =
    "lambdafunction((IF(((namedlambdavariable() IS NULL) AND (namedlambdavariable() IS NULL)), "
    "0, (IF((namedlambdavariable() IS NULL), 1, (IF((namedlambdavariable() IS NULL), -1, "
    "(IF((namedlambdavariable() < namedlambdavariable()), -1, (IF((namedlambdavariable() > "
    "namedlambdavariable()), 1, 0)))))))))), namedlambdavariable(), namedlambdavariable())";

// array_sort(array[, (a, b) -> int]). With a comparator, every ordered pair of a row's elements
// is compared in one lambda evaluation, then each row is sorted from that table.
Result<ExprPtr> BindArraySort(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireArrayArgument(call, 0, sql));
  const bool has_comparator = call.args.size() > 1;
  if (has_comparator) {
    SPK_RETURN_NOT_OK(LambdaArgument(call, 1, sql).status());
    if (call.arg_type(1).id() != TypeId::kInteger) {
      return UnexpectedInputType(call, sql(ArgumentSql(call)), 1, "\"INT\"");
    }
  } else {
    sql = [](const std::vector<std::string>& args) {
      return "array_sort(" + args[0] + ", " + kDefaultComparatorSql + ")";
    };
  }
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [has_comparator](const std::vector<ArrayPtr>& args, int64_t length,
                                        const EvalOptions&,
                                        const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& values = *list.values();
    // pair_base[i]: where row i's n*n comparison results start.
    std::vector<int64_t> pair_base(length, 0);
    ArrayPtr comparisons;
    if (has_comparator) {
      std::vector<int64_t> outer_rows, lefts, rights;
      for (int64_t i = 0; i < length; ++i) {
        pair_base[i] = static_cast<int64_t>(outer_rows.size());
        if (list.IsNull(i)) continue;
        for (int64_t a = list.value_offset(i); a < list.value_offset(i + 1); ++a) {
          for (int64_t b = list.value_offset(i); b < list.value_offset(i + 1); ++b) {
            outer_rows.push_back(i);
            lefts.push_back(a);
            rights.push_back(b);
          }
        }
      }
      SPK_ASSIGN_OR_RAISE(auto xs, TakeValues(list.values(), lefts));
      SPK_ASSIGN_OR_RAISE(auto ys, TakeValues(list.values(), rights));
      SPK_ASSIGN_OR_RAISE(comparisons,
                          EvaluateLambda(lambdas, 1, {xs, ys}, outer_rows, *DataType::Integer()));
      for (int64_t j = 0; j < comparisons->length() && comparisons->null_count() > 0; ++j) {
        if (comparisons->IsValid(j)) continue;
        SPK_ASSIGN_OR_RAISE_ARROW(auto first, xs->GetScalar(j));
        SPK_ASSIGN_OR_RAISE_ARROW(auto second, ys->GetScalar(j));
        return Status::Error("COMPARATOR_RETURNS_NULL", {{"firstValue", first->ToString()},
                                                         {"secondValue", second->ToString()}});
      }
    }
    const auto* results = static_cast<const arrow::Int32Array*>(comparisons.get());
    std::vector<int32_t> offsets = {0};
    std::vector<int64_t> order;
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsValid(i)) {
        const int64_t first = list.value_offset(i);
        const int64_t n = list.value_length(i);
        std::vector<int64_t> row;
        for (int64_t e = first; e < first + n; ++e) row.push_back(e);
        std::stable_sort(row.begin(), row.end(), [&](int64_t x, int64_t y) {
          if (results != nullptr) {
            return results->Value(pair_base[i] + (x - first) * n + (y - first)) < 0;
          }
          if (values.IsNull(x) || values.IsNull(y)) return !values.IsNull(x) && values.IsNull(y);
          return CompareValues(values, x, values, y) < 0;
        });
        order.insert(order.end(), row.begin(), row.end());
      }
      offsets.push_back(static_cast<int32_t>(order.size()));
    }
    SPK_ASSIGN_OR_RAISE(auto sorted, TakeValues(list.values(), order));
    return MakeList(list.type(), list, offsets, sorted);
  };
  bool nullable = call.args[0]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// --- Maps --------------------------------------------------------------------------------------

struct FlatEntries {
  FlatElements flat;
  ArrayPtr keys;
  ArrayPtr values;
};

Result<FlatEntries> FlattenMap(const arrow::MapArray& map) {
  FlatEntries entries;
  // A MapArray is a ListArray of key/value structs: reuse the list flattening.
  SPK_ASSIGN_OR_RAISE(entries.flat, Flatten(map));
  SPK_ASSIGN_OR_RAISE(entries.keys, TakeValues(map.keys(), entries.flat.positions));
  SPK_ASSIGN_OR_RAISE(entries.values, TakeValues(map.items(), entries.flat.positions));
  return entries;
}

Result<ExprPtr> BindMapFilter(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireMapArgument(call, 0, sql));
  SPK_RETURN_NOT_OK(LambdaArgument(call, 1, sql).status());
  SPK_RETURN_NOT_OK(RequireBooleanBody(call, 1, sql));
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&,
                          const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& map = static_cast<const arrow::MapArray&>(*args[0]);
    SPK_ASSIGN_OR_RAISE(auto entries, FlattenMap(map));
    SPK_ASSIGN_OR_RAISE(auto keep, EvaluateLambda(lambdas, 1, {entries.keys, entries.values},
                                                  entries.flat.outer_rows, *DataType::Boolean()));
    std::vector<int32_t> offsets;
    std::vector<int64_t> kept;
    KeepElements(entries.flat, static_cast<const arrow::BooleanArray&>(*keep), &offsets, &kept);
    SPK_ASSIGN_OR_RAISE(auto keys, TakeValues(map.keys(), kept));
    SPK_ASSIGN_OR_RAISE(auto items, TakeValues(map.items(), kept));
    return MakeMap(map.type(), map, offsets, keys, items);
  };
  bool nullable = call.args[0]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// transform_keys (kKeys) / transform_values: replaces one side of every entry.
template <bool kKeys>
Result<ExprPtr> BindTransformMap(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireMapArgument(call, 0, sql));
  SPK_ASSIGN_OR_RAISE(const Lambda* lambda, LambdaArgument(call, 1, sql));
  const DataType& input = call.arg_type(0);
  DataTypePtr body_type = lambda->type;
  DataTypePtr type = kKeys ? DataType::Map(body_type, input.value_type(), input.contains_null())
                           : DataType::Map(input.key_type(), body_type, lambda->nullable);
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [type, body_type](const std::vector<ArrayPtr>& args, int64_t,
                                         const EvalOptions&,
                                         const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& map = static_cast<const arrow::MapArray&>(*args[0]);
    SPK_ASSIGN_OR_RAISE(auto entries, FlattenMap(map));
    SPK_ASSIGN_OR_RAISE(auto results, EvaluateLambda(lambdas, 1, {entries.keys, entries.values},
                                                     entries.flat.outer_rows, *body_type));
    if (kKeys) {
      if (results->null_count() > 0) return Status::Error("NULL_MAP_KEY");
      // Duplicate keys fail (Spark's default spark.sql.mapKeyDedupPolicy=EXCEPTION).
      for (size_t row = 0; row + 1 < entries.flat.offsets.size(); ++row) {
        std::unordered_set<std::string> seen;
        for (int32_t j = entries.flat.offsets[row]; j < entries.flat.offsets[row + 1]; ++j) {
          std::string key;
          AppendValueKey(*results, j, &key);
          if (!seen.insert(key).second) {
            SPK_ASSIGN_OR_RAISE_ARROW(auto scalar, results->GetScalar(j));
            return Status::Error("DUPLICATED_MAP_KEY",
                                 {{"key", scalar->ToString()},
                                  {"mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\""}});
          }
        }
      }
    }
    // The untouched side keeps its values; conform it to the result's (session-independent)
    // layout so the map's children match its type.
    SPK_ASSIGN_OR_RAISE(
        auto keys,
        kKeys ? results : ConformArray(entries.keys, KernelArrowType(*type->key_type())));
    SPK_ASSIGN_OR_RAISE(
        auto items,
        kKeys ? ConformArray(entries.values, KernelArrowType(*type->value_type())) : results);
    return MakeMap(KernelArrowType(*type), map, entries.flat.offsets, keys, items);
  };
  bool nullable = call.args[0]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// map_zip_with(m1, m2, (k, v1, v2) -> f): the keys of m1 in order, then the keys only m2 has;
// a value missing from one map is NULL.
Result<ExprPtr> BindMapZipWith(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireMapArgument(call, 0, sql));
  SPK_RETURN_NOT_OK(RequireMapArgument(call, 1, sql));
  SPK_ASSIGN_OR_RAISE(const Lambda* lambda, LambdaArgument(call, 2, sql));
  DataTypePtr key_type = call.arg_type(0).key_type();
  if (!call.arg_type(1).key_type()->SameType(*key_type)) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 1,
                               "\"MAP<" + key_type->Sql() + ", ANY>\"");
  }
  DataTypePtr body_type = lambda->type;
  DataTypePtr type = DataType::Map(key_type, body_type, lambda->nullable);
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.lambda_kernel = [type, key_type, body_type](
                           const std::vector<ArrayPtr>& args, int64_t length, const EvalOptions&,
                           const LambdaEvaluator& lambdas) -> Result<ArrayPtr> {
    const auto& left = static_cast<const arrow::MapArray&>(*args[0]);
    const auto& right = static_cast<const arrow::MapArray&>(*args[1]);
    const auto key_arrow = KernelArrowType(*key_type);
    SPK_ASSIGN_OR_RAISE(auto left_keys, ConformArray(left.keys(), key_arrow));
    SPK_ASSIGN_OR_RAISE(auto right_keys, ConformArray(right.keys(), key_arrow));
    const int64_t right_base = left_keys->length();
    SPK_ASSIGN_OR_RAISE_ARROW(auto all_keys, arrow::Concatenate({left_keys, right_keys}));
    std::vector<int32_t> offsets = {0};
    std::vector<int64_t> outer_rows, key_positions;
    arrow::Int64Builder left_positions, right_positions;
    arrow::TypedBufferBuilder<bool> validity;
    int64_t null_count = 0;
    for (int64_t i = 0; i < length; ++i) {
      const bool valid = left.IsValid(i) && right.IsValid(i);
      SPK_RETURN_NOT_OK_ARROW(validity.Append(valid));
      if (!valid) {
        ++null_count;
        offsets.push_back(offsets.back());
        continue;
      }
      std::vector<bool> matched(right.value_length(i), false);
      for (int64_t e = left.value_offset(i); e < left.value_offset(i + 1); ++e) {
        int64_t found = -1;
        for (int64_t f = right.value_offset(i); f < right.value_offset(i + 1) && found < 0; ++f) {
          if (CompareValues(*left_keys, e, *right_keys, f) == 0) found = f;
        }
        outer_rows.push_back(i);
        key_positions.push_back(e);
        SPK_RETURN_NOT_OK_ARROW(left_positions.Append(e));
        if (found < 0) {
          SPK_RETURN_NOT_OK_ARROW(right_positions.AppendNull());
        } else {
          matched[found - right.value_offset(i)] = true;
          SPK_RETURN_NOT_OK_ARROW(right_positions.Append(found));
        }
      }
      for (int64_t f = right.value_offset(i); f < right.value_offset(i + 1); ++f) {
        if (matched[f - right.value_offset(i)]) continue;
        outer_rows.push_back(i);
        key_positions.push_back(right_base + f);
        SPK_RETURN_NOT_OK_ARROW(left_positions.AppendNull());
        SPK_RETURN_NOT_OK_ARROW(right_positions.Append(f));
      }
      offsets.push_back(static_cast<int32_t>(outer_rows.size()));
    }
    ArrayPtr left_index, right_index;
    SPK_RETURN_NOT_OK_ARROW(left_positions.Finish(&left_index));
    SPK_RETURN_NOT_OK_ARROW(right_positions.Finish(&right_index));
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE(auto keys, TakeValues(all_keys, key_positions));
    SPK_ASSIGN_OR_RAISE_ARROW(auto left_values, arrow::compute::Take(left.items(), left_index));
    SPK_ASSIGN_OR_RAISE_ARROW(auto right_values, arrow::compute::Take(right.items(), right_index));
    SPK_ASSIGN_OR_RAISE(auto results, EvaluateLambda(lambdas, 2, {keys, left_values, right_values},
                                                     outer_rows, *body_type));
    std::shared_ptr<arrow::Buffer> bitmap;
    SPK_RETURN_NOT_OK_ARROW(validity.Finish(&bitmap));
    return ArrayPtr(std::make_shared<arrow::MapArray>(
        KernelArrowType(*type), length, OffsetsBuffer(offsets), keys, results,
        null_count > 0 ? bitmap : nullptr, null_count));
  };
  bool nullable = call.args[0]->nullable || call.args[1]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

}  // namespace

Result<const Lambda*> LambdaArgument(const CallBinding& call, size_t index,
                                     const SqlRenderer& call_sql) {
  if (index >= call.args.size() || call.args[index]->kind != ExprKind::kLambda) {
    return UnexpectedInputType(call, call_sql(ArgumentSql(call)), index, "\"LAMBDA\"");
  }
  return &call.args[index]->As<Lambda>();
}

const std::vector<FunctionDefinition>& HigherOrderFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"transform", 2, 2, false, &BindTransform, "ArrayTransform",
       "transform(expr, func) - Transforms elements in an array using the function."},
      {"filter", 2, 2, false, &BindFilter, "ArrayFilter",
       "filter(expr, func) - Filters the input array using the given predicate."},
      {"exists", 2, 2, false, &BindQuantifier<false>, "ArrayExists",
       "exists(expr, pred) - Tests whether a predicate holds for one or more elements in the "
       "array."},
      {"forall", 2, 2, false, &BindQuantifier<true>, "ArrayForAll",
       "forall(expr, pred) - Tests whether a predicate holds for all elements in the array."},
      {"aggregate", 3, 4, false, &BindAggregate, "ArrayAggregate",
       "aggregate(expr, start, merge, finish) - Applies a binary operator to an initial state "
       "and all elements in the array, and reduces this to a single state."},
      {"reduce", 3, 4, false, &BindAggregate, "ArrayAggregate",
       "reduce(expr, start, merge, finish) - Applies a binary operator to an initial state and "
       "all elements in the array, and reduces this to a single state."},
      {"zip_with", 3, 3, false, &BindZipWith, "ZipWith",
       "zip_with(left, right, func) - Merges the two given arrays, element-wise, into a single "
       "array using function."},
      {"array_sort", 1, 2, false, &BindArraySort, "ArraySort",
       "array_sort(expr, func) - Sorts the input array."},
      {"map_filter", 2, 2, false, &BindMapFilter, "MapFilter",
       "map_filter(expr, func) - Filters entries in a map using the function."},
      {"transform_keys", 2, 2, false, &BindTransformMap<true>, "TransformKeys",
       "transform_keys(expr, func) - Transforms elements in a map using the function."},
      {"map_zip_with", 3, 3, false, &BindMapZipWith, "MapZipWith",
       "map_zip_with(map1, map2, function) - Merges two given maps into a single map by "
       "applying function to the pair of values with the same key."},
      {"transform_values", 2, 2, false, &BindTransformMap<false>, "TransformValues",
       "transform_values(expr, func) - Transforms values in the map using the function."},
  };
  return kFunctions;
}

}  // namespace sparkling
