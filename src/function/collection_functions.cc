// Collection constructors and accessors: array, map, struct, named_struct, size/cardinality,
// element_at, get, the subscripts s.a / a[i] / m[k], array_contains, and array
// transformations (sort_array, slice, flatten, sequence, ...).

#include <arrow/compute/api.h>

#include <algorithm>
#include <unordered_set>

#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/value_ordering.h"

namespace sparkling {
namespace {

// Interleaves rows: output row i is [args[0][i], args[1][i], ...] as one list.
Result<std::pair<ArrayPtr, ArrayPtr>> InterleaveRows(const std::vector<ArrayPtr>& args,
                                                     const std::shared_ptr<arrow::DataType>& type,
                                                     int64_t length, size_t stride, size_t first) {
  const size_t per_row = args.size() / stride;
  arrow::Int64Builder indices;
  arrow::Int32Builder offsets;
  SPK_RETURN_NOT_OK_ARROW(offsets.Append(0));
  for (int64_t i = 0; i < length; ++i) {
    for (size_t k = 0; k < per_row; ++k) {
      SPK_RETURN_NOT_OK_ARROW(indices.Append(static_cast<int64_t>(k) * length + i));
    }
    SPK_RETURN_NOT_OK_ARROW(offsets.Append(static_cast<int32_t>((i + 1) * per_row)));
  }
  std::vector<ArrayPtr> chosen;
  for (size_t k = first; k < args.size(); k += stride) chosen.push_back(args[k]);
  ArrayPtr index_array, offset_array;
  SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
  SPK_RETURN_NOT_OK_ARROW(offsets.Finish(&offset_array));
  ArrayPtr values;
  if (chosen.empty()) {
    SPK_ASSIGN_OR_RAISE_ARROW(values, arrow::MakeArrayOfNull(type, 0));
  } else {
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto all, arrow::Concatenate(chosen));
    SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(all, index_array));
    values = taken.make_array();
  }
  return std::make_pair(offset_array, values);
}

Result<ExprPtr> BindArray(CallBinding& call) {
  SqlRenderer sql = CallSql("array");
  DataTypePtr element = DataType::Null();
  if (!call.args.empty()) {
    std::vector<size_t> all;
    for (size_t i = 0; i < call.args.size(); ++i) all.push_back(i);
    SPK_ASSIGN_OR_RAISE(element, CoerceToCommonType(call, all, sql));
  }
  bool contains_null = call.args.empty() ? false : call.any_nullable();
  DataTypePtr type = DataType::Array(element, contains_null);
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    auto element_type = KernelArrowType(*type->element_type());
    SPK_ASSIGN_OR_RAISE(auto parts, InterleaveRows(args, element_type, length, 1, 0));
    return ArrayPtr(std::make_shared<arrow::ListArray>(
        KernelArrowType(*type), length,
        std::static_pointer_cast<arrow::Int32Array>(parts.first)->values(), parts.second));
  };
  spec.per_row = call.args.empty();
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

Result<ExprPtr> BindMap(CallBinding& call) {
  SqlRenderer sql = CallSql("map");
  if (call.args.size() % 2 != 0) {
    return Status::Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                         {{"functionName", "`map`"},
                          {"expectedNum", "2n (n > 0)"},
                          {"actualNum", std::to_string(call.args.size())},
                          {"docroot", "https://spark.apache.org/docs/latest"}});
  }
  std::vector<size_t> keys, values;
  for (size_t i = 0; i < call.args.size(); i += 2) {
    keys.push_back(i);
    values.push_back(i + 1);
  }
  DataTypePtr key_type = DataType::Null(), value_type = DataType::Null();
  if (!keys.empty()) {
    SPK_ASSIGN_OR_RAISE(key_type, CoerceToCommonType(call, keys, sql));
    SPK_ASSIGN_OR_RAISE(value_type, CoerceToCommonType(call, values, sql));
  }
  bool value_nullable = false;
  for (size_t v : values) value_nullable = value_nullable || call.args[v]->nullable;
  DataTypePtr type = DataType::Map(key_type, value_type, value_nullable);
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    for (size_t k = 0; k < args.size(); k += 2) {
      if (args[k]->null_count() > 0) return Status::Error("NULL_MAP_KEY");
    }
    // Duplicate keys fail (Spark's default spark.sql.mapKeyDedupPolicy=EXCEPTION).
    for (int64_t i = 0; i < length && args.size() > 2; ++i) {
      std::unordered_set<std::string> seen;
      for (size_t k = 0; k < args.size(); k += 2) {
        std::string key;
        AppendValueKey(*args[k], i, &key);
        if (!seen.insert(key).second) {
          SPK_ASSIGN_OR_RAISE_ARROW(auto scalar, args[k]->GetScalar(i));
          return Status::Error("DUPLICATED_MAP_KEY",
                               {{"key", scalar->ToString()},
                                {"mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\""}});
        }
      }
    }
    SPK_ASSIGN_OR_RAISE(auto key_parts,
                        InterleaveRows(args, KernelArrowType(*type->key_type()), length, 2, 0));
    SPK_ASSIGN_OR_RAISE(auto value_parts,
                        InterleaveRows(args, KernelArrowType(*type->value_type()), length, 2, 1));
    return ArrayPtr(std::make_shared<arrow::MapArray>(
        KernelArrowType(*type), length,
        std::static_pointer_cast<arrow::Int32Array>(key_parts.first)->values(), key_parts.second,
        value_parts.second));
  };
  spec.per_row = call.args.empty();
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

std::string FieldNameOf(const ExprPtr& expr, size_t index) {
  if (expr->kind == ExprKind::kAttributeReference) return expr->As<AttributeReference>().name;
  if (expr->kind == ExprKind::kAlias) return expr->As<Alias>().name();
  return "col" + std::to_string(index + 1);
}

Result<ExprPtr> MakeStructCall(CallBinding& call, std::vector<std::string> names,
                               std::vector<ExprPtr> values, SqlRenderer sql) {
  std::vector<StructField> fields;
  for (size_t i = 0; i < values.size(); ++i) {
    fields.push_back(StructField{names[i], values[i]->type, values[i]->nullable});
  }
  DataTypePtr type = DataType::Struct(fields);
  // named_struct keeps its names as arguments: its values are every second argument.
  const bool names_interleaved =
      call.args.size() == 2 * values.size() && !values.empty() && call.args[0] != values[0];
  ScalarFunctionSpec spec{call.name, type, std::move(sql)};
  spec.array_kernel = [type, names_interleaved](const std::vector<ArrayPtr>& args, int64_t length,
                                                const EvalOptions&) -> Result<ArrayPtr> {
    std::vector<ArrayPtr> children;
    const size_t first = names_interleaved ? 1 : 0;
    const size_t step = names_interleaved ? 2 : 1;
    for (size_t i = first; i < args.size(); i += step) children.push_back(args[i]);
    return ArrayPtr(std::make_shared<arrow::StructArray>(KernelArrowType(*type), length, children));
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), false);
}

Result<ExprPtr> BindStruct(CallBinding& call) {
  std::vector<std::string> names;
  for (size_t i = 0; i < call.args.size(); ++i) names.push_back(FieldNameOf(call.args[i], i));
  std::vector<ExprPtr> values = call.args;
  return MakeStructCall(call, std::move(names), std::move(values), CallSql("struct"));
}

Result<ExprPtr> BindNamedStruct(CallBinding& call) {
  SqlRenderer sql = CallSql("named_struct");
  if (call.args.size() % 2 != 0) {
    return Status::Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                         {{"functionName", "`named_struct`"},
                          {"expectedNum", "2n (n > 0)"},
                          {"actualNum", std::to_string(call.args.size())},
                          {"docroot", "https://spark.apache.org/docs/latest"}});
  }
  std::vector<std::string> names;
  std::vector<ExprPtr> values;
  for (size_t i = 0; i < call.args.size(); i += 2) {
    const auto& name = call.args[i];
    if (name->kind != ExprKind::kLiteral || !name->type->IsStringLike() ||
        !name->As<Literal>().value->is_valid) {
      return Status::Error("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
                           {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                            {"inputExprs", "[" + QuotedSql(name->ToSql()) + "]"}});
    }
    names.push_back(
        static_cast<const arrow::StringScalar&>(*name->As<Literal>().value).value->ToString());
    values.push_back(call.args[i + 1]);
  }
  // The names stay arguments (Spark renders them); the kernel reads every second argument.
  return MakeStructCall(call, std::move(names), std::move(values), sql);
}

Result<ExprPtr> BindSize(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArgument(
      call, 0,
      {ExpectedType::Of(ExpectedType::Kind::kArray), ExpectedType::Of(ExpectedType::Kind::kMap)},
      sql));
  // Legacy mode keeps spark.sql.legacy.sizeOfNull: size(NULL) = -1.
  bool null_is_minus_one = !call.ansi();
  return MakeScalarCall(
      ScalarFunctionSpec{call.name, DataType::Integer(), sql, nullptr,
                         [null_is_minus_one](const std::vector<ArrayPtr>& args, int64_t length,
                                             const EvalOptions&) -> Result<ArrayPtr> {
                           const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
                           arrow::Int32Builder builder;
                           for (int64_t i = 0; i < length; ++i) {
                             if (list.IsNull(i)) {
                               if (null_is_minus_one) {
                                 SPK_RETURN_NOT_OK_ARROW(builder.Append(-1));
                               } else {
                                 SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
                               }
                             } else {
                               SPK_RETURN_NOT_OK_ARROW(builder.Append(list.value_length(i)));
                             }
                           }
                           return FinishBuilder(builder);
                         }},
      std::move(call.args), !null_is_minus_one && call.any_nullable());
}

// element_at(array, 1-based index) / element_at(map, key) / get(array, 0-based index), and the
// subscripts a[i] / m[k] (get_array_item / get_map_value) the analyzer emits.
Result<ExprPtr> BindElementAt(CallBinding& call, bool zero_based, bool tolerant, SqlRenderer sql) {
  const DataType& container = call.arg_type(0);
  if (container.id() == TypeId::kMap) {
    DataTypePtr key_type = container.key_type();
    call.args[1] = ImplicitCast(call.args[1], key_type);
    DataTypePtr value_type = container.value_type();
    ScalarFunctionSpec spec{call.name, value_type, sql};
    spec.array_kernel = [value_type](const std::vector<ArrayPtr>& args, int64_t length,
                                     const EvalOptions&) -> Result<ArrayPtr> {
      const auto& map = static_cast<const arrow::MapArray&>(*args[0]);
      arrow::Int64Builder indices;
      for (int64_t i = 0; i < length; ++i) {
        int64_t found = -1;
        if (map.IsValid(i) && args[1]->IsValid(i)) {
          for (int64_t e = map.value_offset(i); e < map.value_offset(i + 1); ++e) {
            if (CompareValues(*map.keys(), e, *args[1], i) == 0) found = e;
          }
        }
        if (found < 0) {
          SPK_RETURN_NOT_OK_ARROW(indices.AppendNull());
        } else {
          SPK_RETURN_NOT_OK_ARROW(indices.Append(found));
        }
      }
      ArrayPtr index_array;
      SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
      EnsureArrowCompute();
      SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(map.items(), index_array));
      return taken.make_array();
    };
    return MakeScalarCall(std::move(spec), std::move(call.args), true);
  }
  if (container.id() != TypeId::kArray) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "(\"ARRAY\" or \"MAP\")");
  }
  // A subscript takes any integral index (a[0L]); Spark reads it as an int.
  if (zero_based && !tolerant && call.arg_type(1).IsIntegral()) {
    call.args[1] = ImplicitCast(call.args[1], DataType::Integer());
  }
  SPK_RETURN_NOT_OK(CoerceArgument(call, 1, {ExpectedType::Exact(DataType::Integer())}, sql));
  DataTypePtr element = container.element_type();
  bool ansi = call.ansi() && !tolerant;
  ScalarFunctionSpec spec{call.name, element, sql};
  spec.array_kernel = [element, zero_based, ansi](const std::vector<ArrayPtr>& args, int64_t length,
                                                  const EvalOptions&) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& index = static_cast<const arrow::Int32Array&>(*args[1]);
    arrow::Int64Builder indices;
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsNull(i) || index.IsNull(i)) {
        SPK_RETURN_NOT_OK_ARROW(indices.AppendNull());
        continue;
      }
      int64_t size = list.value_length(i);
      int64_t k = index.Value(i);
      int64_t position;
      if (zero_based) {
        position = k;
      } else {
        if (k == 0) return Status::Error("INVALID_INDEX_OF_ZERO");
        position = k > 0 ? k - 1 : size + k;
      }
      if (position < 0 || position >= size) {
        if (ansi) {
          return Status::Error(
              zero_based ? "INVALID_ARRAY_INDEX" : "INVALID_ARRAY_INDEX_IN_ELEMENT_AT",
              {{"indexValue", std::to_string(k)},
               {"arraySize", std::to_string(size)},
               {"ansiConfig", "\"spark.sql.ansi.enabled\""}});
        }
        SPK_RETURN_NOT_OK_ARROW(indices.AppendNull());
        continue;
      }
      SPK_RETURN_NOT_OK_ARROW(indices.Append(list.value_offset(i) + position));
    }
    ArrayPtr index_array;
    SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(list.values(), index_array));
    return taken.make_array();
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

Result<ExprPtr> BindElementAtOneBased(CallBinding& call) {
  return BindElementAt(call, false, false, CallSql(call.name));
}
Result<ExprPtr> BindTryElementAt(CallBinding& call) {
  return BindElementAt(call, false, true, CallSql(call.name));
}
Result<ExprPtr> BindGet(CallBinding& call) {
  return BindElementAt(call, true, true, CallSql(call.name));
}

// base[key], as Spark renders GetArrayItem / GetMapValue.
std::string SubscriptSql(const std::vector<std::string>& args) {
  return args[0] + "[" + args[1] + "]";
}

// a[i]: 0-based; out of range is INVALID_ARRAY_INDEX under ANSI, NULL otherwise.
Result<ExprPtr> BindGetArrayItem(CallBinding& call) {
  if (call.arg_type(0).id() != TypeId::kArray) {
    return UnexpectedInputType(call, SubscriptSql(ArgumentSql(call)), 0, "\"ARRAY\"");
  }
  return BindElementAt(call, true, false, &SubscriptSql);
}

Result<ExprPtr> BindGetMapValue(CallBinding& call) {
  if (call.arg_type(0).id() != TypeId::kMap) {
    return UnexpectedInputType(call, SubscriptSql(ArgumentSql(call)), 0, "\"MAP\"");
  }
  return BindElementAt(call, false, true, &SubscriptSql);
}

// s.field: the analyzer passes the field's exact name as a string literal.
Result<ExprPtr> BindGetStructField(CallBinding& call) {
  SqlRenderer sql = [](const std::vector<std::string>& args) { return args[0] + "." + args[1]; };
  if (call.arg_type(0).id() != TypeId::kStruct) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"STRUCT\"");
  }
  const auto& name_arg = call.args[1];
  if (name_arg->kind != ExprKind::kLiteral || !name_arg->type->IsStringLike() ||
      !name_arg->As<Literal>().value->is_valid) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 1, "\"STRING\"");
  }
  const std::string name =
      static_cast<const arrow::StringScalar&>(*name_arg->As<Literal>().value).value->ToString();
  const auto& fields = call.arg_type(0).fields();
  int ordinal = -1;
  for (size_t i = 0; i < fields.size() && ordinal < 0; ++i) {
    if (fields[i].name == name) ordinal = static_cast<int>(i);
  }
  if (ordinal < 0) {
    std::string names;
    for (size_t i = 0; i < fields.size(); ++i) names += (i > 0 ? ", " : "") + fields[i].name;
    return Status::Error("FIELD_NOT_FOUND", {{"fieldName", "`" + name + "`"}, {"fields", names}});
  }
  const StructField& field = fields[ordinal];
  ScalarFunctionSpec spec{call.name, field.type, sql};
  spec.array_kernel = [ordinal](const std::vector<ArrayPtr>& args, int64_t,
                                const EvalOptions&) -> Result<ArrayPtr> {
    // The flattened field is NULL wherever the struct itself is NULL.
    const auto& structs = static_cast<const arrow::StructArray&>(*args[0]);
    SPK_ASSIGN_OR_RAISE_ARROW(auto value, structs.GetFlattenedField(ordinal));
    return value;
  };
  bool nullable = call.args[0]->nullable || field.nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

Result<ExprPtr> BindArrayContains(CallBinding& call) {
  SqlRenderer sql = CallSql("array_contains");
  if (call.arg_type(0).id() != TypeId::kArray) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"ARRAY\"");
  }
  DataTypePtr element = call.arg_type(0).element_type();
  auto common = FindTightestCommonType(*element, call.arg_type(1), call.ansi());
  if (!common) {
    return Status::Error("DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"functionName", "`array_contains`"},
                          {"dataType", "\"ARRAY\""},
                          {"leftType", QuotedType(call.arg_type(0))},
                          {"rightType", QuotedType(call.arg_type(1))}});
  }
  call.args[0] =
      ImplicitCast(call.args[0], DataType::Array(*common, call.arg_type(0).contains_null()));
  call.args[1] = ImplicitCast(call.args[1], *common);
  ScalarFunctionSpec spec{call.name, DataType::Boolean(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    arrow::BooleanBuilder builder;
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsNull(i) || args[1]->IsNull(i)) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      bool found = false, saw_null = false;
      for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1) && !found; ++e) {
        if (list.values()->IsNull(e)) {
          saw_null = true;
        } else if (CompareValues(*list.values(), e, *args[1], i) == 0) {
          found = true;
        }
      }
      if (!found && saw_null) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
      } else {
        SPK_RETURN_NOT_OK_ARROW(builder.Append(found));
      }
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

// --- Array transformations ---------------------------------------------------------------------

// Rebuilds a list array whose row i holds the elements `rows[i]` (indexes into `values`), or
// NULL when `valid[i]` is false.
Result<ArrayPtr> BuildList(const std::shared_ptr<arrow::DataType>& list_type,
                           const ArrayPtr& values, const std::vector<std::vector<int64_t>>& rows,
                           const std::vector<bool>& valid) {
  arrow::Int64Builder indices;
  arrow::Int32Builder offsets;
  arrow::TypedBufferBuilder<bool> validity;
  SPK_RETURN_NOT_OK_ARROW(offsets.Append(0));
  int32_t total = 0;
  int64_t null_count = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    for (int64_t e : rows[i]) SPK_RETURN_NOT_OK_ARROW(indices.Append(e));
    total += static_cast<int32_t>(rows[i].size());
    SPK_RETURN_NOT_OK_ARROW(offsets.Append(total));
    SPK_RETURN_NOT_OK_ARROW(validity.Append(valid[i]));
    if (!valid[i]) ++null_count;
  }
  ArrayPtr index_array, offset_array;
  SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
  SPK_RETURN_NOT_OK_ARROW(offsets.Finish(&offset_array));
  std::shared_ptr<arrow::Buffer> bitmap;
  SPK_RETURN_NOT_OK_ARROW(validity.Finish(&bitmap));
  EnsureArrowCompute();
  SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(values, index_array));
  return ArrayPtr(std::make_shared<arrow::ListArray>(
      list_type, static_cast<int64_t>(rows.size()),
      std::static_pointer_cast<arrow::Int32Array>(offset_array)->values(), taken.make_array(),
      null_count > 0 ? bitmap : nullptr, null_count));
}

enum class ArrayTransform { kSortAscending, kSortDescending, kDistinct };

Result<ArrayPtr> TransformLists(const ArrayPtr& input, ArrayTransform transform) {
  const auto& list = static_cast<const arrow::ListArray&>(*input);
  const auto& values = *list.values();
  std::vector<std::vector<int64_t>> rows(list.length());
  std::vector<bool> valid(list.length());
  for (int64_t i = 0; i < list.length(); ++i) {
    valid[i] = list.IsValid(i);
    if (!valid[i]) continue;
    auto& row = rows[i];
    for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) row.push_back(e);
    if (transform == ArrayTransform::kDistinct) {
      std::unordered_set<std::string> seen;
      std::vector<int64_t> kept;
      for (int64_t e : row) {
        std::string key;
        AppendValueKey(values, e, &key);
        if (seen.insert(key).second) kept.push_back(e);
      }
      row = std::move(kept);
    } else {
      // Ascending puts NULLs first, descending puts them last (Spark's sort_array).
      bool descending = transform == ArrayTransform::kSortDescending;
      std::stable_sort(row.begin(), row.end(), [&](int64_t x, int64_t y) {
        int c = CompareValues(values, x, values, y);
        return descending ? c > 0 : c < 0;
      });
    }
  }
  return BuildList(list.type(), list.values(), rows, valid);
}

Status RequireArray(CallBinding& call, const SqlRenderer& sql) {
  if (call.arg_type(0).id() != TypeId::kArray) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"ARRAY\"");
  }
  return Status::OK();
}

Result<ExprPtr> BindSortArray(CallBinding& call) {
  if (call.args.size() == 1) {
    call.args.push_back(
        MakeLiteral(std::make_shared<arrow::BooleanScalar>(true), DataType::Boolean()));
  }
  SqlRenderer sql = CallSql("sort_array");
  SPK_RETURN_NOT_OK(RequireArray(call, sql));
  const auto& order = call.args[1];
  if (order->kind != ExprKind::kLiteral || order->type->id() != TypeId::kBoolean) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 1, "\"BOOLEAN\"");
  }
  bool ascending = static_cast<const arrow::BooleanScalar&>(*order->As<Literal>().value).value;
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [ascending](const std::vector<ArrayPtr>& args, int64_t,
                                  const EvalOptions&) -> Result<ArrayPtr> {
    return TransformLists(
        args[0], ascending ? ArrayTransform::kSortAscending : ArrayTransform::kSortDescending);
  };
  bool nullable = call.args[0]->nullable;
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

Result<ExprPtr> BindArrayDistinct(CallBinding& call) {
  SqlRenderer sql = CallSql("array_distinct");
  SPK_RETURN_NOT_OK(RequireArray(call, sql));
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t,
                         const EvalOptions&) -> Result<ArrayPtr> {
    return TransformLists(args[0], ArrayTransform::kDistinct);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

template <bool kMax>
Result<ExprPtr> BindArrayExtreme(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(RequireArray(call, sql));
  DataTypePtr element = call.arg_type(0).element_type();
  ScalarFunctionSpec spec{call.name, element, sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& values = *list.values();
    arrow::Int64Builder indices;
    for (int64_t i = 0; i < length; ++i) {
      int64_t best = -1;
      if (list.IsValid(i)) {
        for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
          if (values.IsNull(e)) continue;
          if (best < 0) {
            best = e;
            continue;
          }
          int c = CompareValues(values, e, values, best);
          if (kMax ? c > 0 : c < 0) best = e;
        }
      }
      if (best < 0) {
        SPK_RETURN_NOT_OK_ARROW(indices.AppendNull());
      } else {
        SPK_RETURN_NOT_OK_ARROW(indices.Append(best));
      }
    }
    ArrayPtr index_array;
    SPK_RETURN_NOT_OK_ARROW(indices.Finish(&index_array));
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto taken, arrow::compute::Take(list.values(), index_array));
    return taken.make_array();
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), true);
}

Result<ExprPtr> BindArrayJoin(CallBinding& call) {
  SqlRenderer sql = CallSql("array_join");
  SPK_RETURN_NOT_OK(RequireArray(call, sql));
  call.args[0] = ImplicitCast(
      call.args[0], DataType::Array(DataType::String(), call.arg_type(0).contains_null()));
  for (size_t i = 1; i < call.args.size(); ++i) {
    SPK_RETURN_NOT_OK(
        CoerceArgument(call, i, {ExpectedType::Of(ExpectedType::Kind::kStringLike)}, sql));
  }
  ScalarFunctionSpec spec{call.name, DataType::String(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& values = static_cast<const arrow::StringArray&>(*list.values());
    const auto& separators = static_cast<const arrow::StringArray&>(*args[1]);
    const arrow::StringArray* replacement =
        args.size() > 2 ? &static_cast<const arrow::StringArray&>(*args[2]) : nullptr;
    arrow::StringBuilder builder;
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsNull(i) || separators.IsNull(i) || (replacement && replacement->IsNull(i))) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      std::string text;
      bool first = true;
      for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
        if (values.IsNull(e) && replacement == nullptr) continue;
        if (!first) text += separators.GetView(i);
        text += values.IsNull(e) ? replacement->GetView(i) : values.GetView(e);
        first = false;
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Append(text));
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

template <bool kKeys>
Result<ExprPtr> BindMapPart(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  if (call.arg_type(0).id() != TypeId::kMap) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"MAP\"");
  }
  const DataType& map = call.arg_type(0);
  DataTypePtr type = kKeys ? DataType::Array(map.key_type(), false)
                           : DataType::Array(map.value_type(), map.contains_null());
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t,
                             const EvalOptions&) -> Result<ArrayPtr> {
    const auto& map = static_cast<const arrow::MapArray&>(*args[0]);
    return ArrayPtr(std::make_shared<arrow::ListArray>(
        KernelArrowType(*type), map.length(), map.value_offsets(), kKeys ? map.keys() : map.items(),
        map.null_bitmap(), map.null_count(), map.offset()));
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// array_position / array_remove coerce the value and the elements to their tightest common
// type, as array_contains does.
Status CoerceElementAndValue(CallBinding& call, const SqlRenderer& sql) {
  if (call.arg_type(0).id() != TypeId::kArray) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"ARRAY\"");
  }
  DataTypePtr element = call.arg_type(0).element_type();
  auto common = FindTightestCommonType(*element, call.arg_type(1), call.ansi());
  if (!common) {
    return Status::Error("DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
                         {{"sqlExpr", QuotedSql(sql(ArgumentSql(call)))},
                          {"functionName", "`" + call.name + "`"},
                          {"dataType", "\"ARRAY\""},
                          {"leftType", QuotedType(call.arg_type(0))},
                          {"rightType", QuotedType(call.arg_type(1))}});
  }
  call.args[0] =
      ImplicitCast(call.args[0], DataType::Array(*common, call.arg_type(0).contains_null()));
  call.args[1] = ImplicitCast(call.args[1], *common);
  return Status::OK();
}

// array_position(array, value): 1-based index of the first equal element, 0 when absent.
Result<ExprPtr> BindArrayPosition(CallBinding& call) {
  SqlRenderer sql = CallSql("array_position");
  SPK_RETURN_NOT_OK(CoerceElementAndValue(call, sql));
  ScalarFunctionSpec spec{call.name, DataType::Long(), sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& values = *list.values();
    arrow::Int64Builder builder;
    for (int64_t i = 0; i < length; ++i) {
      if (list.IsNull(i) || args[1]->IsNull(i)) {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
        continue;
      }
      int64_t position = 0;
      for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
        if (values.IsValid(e) && CompareValues(values, e, *args[1], i) == 0) {
          position = e - list.value_offset(i) + 1;
          break;
        }
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Append(position));
    }
    return FinishBuilder(builder);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// array_remove(array, value): drops every element equal to value (NULL elements stay).
Result<ExprPtr> BindArrayRemove(CallBinding& call) {
  SqlRenderer sql = CallSql("array_remove");
  SPK_RETURN_NOT_OK(CoerceElementAndValue(call, sql));
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& values = *list.values();
    std::vector<std::vector<int64_t>> rows(length);
    std::vector<bool> valid(length);
    for (int64_t i = 0; i < length; ++i) {
      valid[i] = list.IsValid(i) && args[1]->IsValid(i);
      if (!valid[i]) continue;
      for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
        if (values.IsNull(e) || CompareValues(values, e, *args[1], i) != 0) rows[i].push_back(e);
      }
    }
    return BuildList(list.type(), list.values(), rows, valid);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// slice(array, start, length): start is 1-based, negative counts from the end.
Result<ExprPtr> BindSlice(CallBinding& call) {
  SqlRenderer sql = CallSql("slice");
  SPK_RETURN_NOT_OK(RequireArray(call, sql));
  for (size_t i = 1; i < 3; ++i) {
    if (call.arg_type(i).IsIntegral())
      call.args[i] = ImplicitCast(call.args[i], DataType::Integer());
    SPK_RETURN_NOT_OK(CoerceArgument(call, i, {ExpectedType::Exact(DataType::Integer())}, sql));
  }
  DataTypePtr type = call.args[0]->type;
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [](const std::vector<ArrayPtr>& args, int64_t length,
                         const EvalOptions&) -> Result<ArrayPtr> {
    const auto& list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& starts = static_cast<const arrow::Int32Array&>(*args[1]);
    const auto& lengths = static_cast<const arrow::Int32Array&>(*args[2]);
    std::vector<std::vector<int64_t>> rows(length);
    std::vector<bool> valid(length);
    for (int64_t i = 0; i < length; ++i) {
      valid[i] = list.IsValid(i) && starts.IsValid(i) && lengths.IsValid(i);
      if (!valid[i]) continue;
      const int64_t size = list.value_length(i);
      const int64_t start = starts.Value(i), count = lengths.Value(i);
      if (start == 0) {
        return Status::Error("INVALID_PARAMETER_VALUE.START",
                             {{"parameter", "`start`"}, {"functionName", "`slice`"}});
      }
      if (count < 0) {
        return Status::Error("INVALID_PARAMETER_VALUE.LENGTH", {{"parameter", "`length`"},
                                                                {"functionName", "`slice`"},
                                                                {"length", std::to_string(count)}});
      }
      const int64_t first = start > 0 ? start - 1 : size + start;
      if (first < 0 || first >= size) continue;
      const int64_t end = std::min(size, first + count);
      for (int64_t k = first; k < end; ++k) rows[i].push_back(list.value_offset(i) + k);
    }
    return BuildList(list.type(), list.values(), rows, valid);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

// flatten(array<array<T>>): NULL when the outer array or any inner array is NULL.
Result<ExprPtr> BindFlatten(CallBinding& call) {
  SqlRenderer sql = CallSql("flatten");
  const DataType& outer = call.arg_type(0);
  if (outer.id() != TypeId::kArray || outer.element_type()->id() != TypeId::kArray) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"ARRAY<ARRAY>\"");
  }
  DataTypePtr type = outer.element_type();
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    const auto& outer_list = static_cast<const arrow::ListArray&>(*args[0]);
    const auto& inner_list = static_cast<const arrow::ListArray&>(*outer_list.values());
    std::vector<std::vector<int64_t>> rows(length);
    std::vector<bool> valid(length);
    for (int64_t i = 0; i < length; ++i) {
      valid[i] = outer_list.IsValid(i);
      for (int64_t j = outer_list.value_offset(i); valid[i] && j < outer_list.value_offset(i + 1);
           ++j) {
        if (inner_list.IsNull(j)) {
          valid[i] = false;
          break;
        }
        for (int64_t e = inner_list.value_offset(j); e < inner_list.value_offset(j + 1); ++e) {
          rows[i].push_back(e);
        }
      }
      if (!valid[i]) rows[i].clear();
    }
    return BuildList(KernelArrowType(*type), inner_list.values(), rows, valid);
  };
  bool nullable = call.args[0]->nullable || call.arg_type(0).contains_null();
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// sequence(start, stop[, step]) over integral types; the step defaults to 1 or -1.
Result<ExprPtr> BindSequence(CallBinding& call) {
  SqlRenderer sql = CallSql("sequence");
  std::vector<size_t> all;
  for (size_t i = 0; i < call.args.size(); ++i) all.push_back(i);
  SPK_ASSIGN_OR_RAISE(DataTypePtr element, CoerceToCommonType(call, all, sql));
  if (!element->IsIntegral()) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"INTEGRAL\"");
  }
  // The kernel computes in bigint; the result is cast back to the element type.
  for (auto& arg : call.args) arg = ImplicitCast(arg, DataType::Long());
  DataTypePtr type = DataType::Array(element, false);
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type, element](const std::vector<ArrayPtr>& args, int64_t length,
                                      const EvalOptions&) -> Result<ArrayPtr> {
    const auto& starts = static_cast<const arrow::Int64Array&>(*args[0]);
    const auto& stops = static_cast<const arrow::Int64Array&>(*args[1]);
    const auto* steps =
        args.size() > 2 ? &static_cast<const arrow::Int64Array&>(*args[2]) : nullptr;
    arrow::Int64Builder values;
    std::vector<int32_t> offsets = {0};
    arrow::TypedBufferBuilder<bool> validity;
    int64_t null_count = 0;
    for (int64_t i = 0; i < length; ++i) {
      const bool valid = starts.IsValid(i) && stops.IsValid(i) && (!steps || steps->IsValid(i));
      SPK_RETURN_NOT_OK_ARROW(validity.Append(valid));
      if (!valid) {
        ++null_count;
        offsets.push_back(offsets.back());
        continue;
      }
      const int64_t start = starts.Value(i), stop = stops.Value(i);
      const int64_t step = steps ? steps->Value(i) : (start <= stop ? 1 : -1);
      const bool legal = (step > 0 && start <= stop) || (step < 0 && start >= stop) ||
                         (step == 0 && start == stop);
      if (!legal) {
        return Status::Error(
            "INVALID_PARAMETER_VALUE.PATTERN",
            {{"parameter", "`step`"},
             {"functionName", "`sequence`"},
             {"value", "Illegal sequence boundaries: " + std::to_string(start) + " to " +
                           std::to_string(stop) + " by " + std::to_string(step)}});
      }
      const __int128 count = step == 0 ? 1 : (static_cast<__int128>(stop) - start) / step + 1;
      if (count > (1 << 30)) {
        return Status::Error("INVALID_PARAMETER_VALUE.PATTERN", {{"parameter", "`step`"},
                                                                 {"functionName", "`sequence`"},
                                                                 {"value", "too many elements"}});
      }
      for (__int128 k = 0; k < count; ++k) {
        SPK_RETURN_NOT_OK_ARROW(values.Append(static_cast<int64_t>(start + k * step)));
      }
      offsets.push_back(static_cast<int32_t>(values.length()));
    }
    ArrayPtr longs;
    SPK_RETURN_NOT_OK_ARROW(values.Finish(&longs));
    EnsureArrowCompute();
    SPK_ASSIGN_OR_RAISE_ARROW(auto cast, arrow::compute::Cast(longs, KernelArrowType(*element)));
    std::shared_ptr<arrow::Buffer> bitmap;
    SPK_RETURN_NOT_OK_ARROW(validity.Finish(&bitmap));
    return ArrayPtr(std::make_shared<arrow::ListArray>(
        KernelArrowType(*type), length, arrow::Buffer::FromVector(offsets), cast.make_array(),
        null_count > 0 ? bitmap : nullptr, null_count));
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

}  // namespace

Result<ExprPtr> BindArrayConcat(CallBinding& call) {
  SqlRenderer sql = CallSql("concat");
  std::vector<size_t> all;
  for (size_t i = 0; i < call.args.size(); ++i) all.push_back(i);
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, CoerceToCommonType(call, all, sql));
  if (type->id() != TypeId::kArray) {
    return UnexpectedInputType(call, sql(ArgumentSql(call)), 0, "\"ARRAY\"");
  }
  ScalarFunctionSpec spec{call.name, type, sql};
  spec.array_kernel = [type](const std::vector<ArrayPtr>& args, int64_t length,
                             const EvalOptions&) -> Result<ArrayPtr> {
    // Row i: the elements of every argument's row i, or NULL when any argument is NULL.
    std::vector<ArrayPtr> values;
    std::vector<int64_t> bases;
    int64_t base = 0;
    auto element_type = KernelArrowType(*type->element_type());
    for (const auto& arg : args) {
      SPK_ASSIGN_OR_RAISE(
          auto conformed,
          ConformArray(static_cast<const arrow::ListArray&>(*arg).values(), element_type));
      bases.push_back(base);
      base += conformed->length();
      values.push_back(std::move(conformed));
    }
    ArrayPtr all_values;
    if (values.empty()) {
      SPK_ASSIGN_OR_RAISE_ARROW(all_values, arrow::MakeArrayOfNull(element_type, 0));
    } else {
      SPK_ASSIGN_OR_RAISE_ARROW(all_values, arrow::Concatenate(values));
    }
    std::vector<std::vector<int64_t>> rows(length);
    std::vector<bool> valid(length, true);
    for (int64_t i = 0; i < length; ++i) {
      for (size_t k = 0; k < args.size(); ++k) {
        const auto& list = static_cast<const arrow::ListArray&>(*args[k]);
        if (list.IsNull(i)) {
          valid[i] = false;
          break;
        }
        for (int64_t e = list.value_offset(i); e < list.value_offset(i + 1); ++e) {
          rows[i].push_back(bases[k] + e);
        }
      }
      if (!valid[i]) rows[i].clear();
    }
    return BuildList(KernelArrowType(*type), all_values, rows, valid);
  };
  return MakeScalarCall(std::move(spec), std::move(call.args), call.any_nullable());
}

const std::vector<FunctionDefinition>& CollectionFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"array", 0, -1, false, &BindArray, "CreateArray",
       "array(expr, ...) - Returns an array with the given elements."},
      {"map", 0, -1, false, &BindMap, "CreateMap",
       "map(key0, value0, key1, value1, ...) - Creates a map with the given key/value pairs."},
      {"struct", 0, -1, false, &BindStruct, "CreateNamedStruct",
       "struct(col1, col2, col3, ...) - Creates a struct with the given field values."},
      {"named_struct", 0, -1, false, &BindNamedStruct, "CreateNamedStruct",
       "named_struct(name1, val1, name2, val2, ...) - Creates a struct with the given field "
       "names and values."},
      {"size", 1, 1, false, &BindSize, "Size",
       "size(expr) - Returns the size of an array or a map."},
      {"cardinality", 1, 1, false, &BindSize, "Size",
       "cardinality(expr) - Returns the size of an array or a map."},
      {"element_at", 2, 2, false, &BindElementAtOneBased, "ElementAt",
       "element_at(array, index) - Returns element of array at given (1-based) index."},
      {"try_element_at", 2, 2, false, &BindTryElementAt, "TryElementAt",
       "try_element_at(array, index) - Returns element of array at given (1-based) index, or "
       "NULL when the index is out of bounds."},
      {"get", 2, 2, false, &BindGet, "Get",
       "get(array, index) - Returns element of array at given (0-based) index."},
      {"get_array_item", 2, 2, false, &BindGetArrayItem, "GetArrayItem",
       "array[index] - Returns element of array at given (0-based) index."},
      {"get_map_value", 2, 2, false, &BindGetMapValue, "GetMapValue",
       "map[key] - Returns the value of the key in the map, or NULL."},
      {"get_struct_field", 2, 2, false, &BindGetStructField, "GetStructField",
       "struct.field - Returns the value of a field of the struct."},
      {"array_contains", 2, 2, false, &BindArrayContains, "ArrayContains",
       "array_contains(array, value) - Returns true if the array contains the value."},
      {"sort_array", 1, 2, false, &BindSortArray, "SortArray",
       "sort_array(array[, ascendingOrder]) - Sorts the input array in ascending or descending "
       "order according to the natural ordering of the array elements."},
      {"array_distinct", 1, 1, false, &BindArrayDistinct, "ArrayDistinct",
       "array_distinct(array) - Removes duplicate values from the array."},
      {"array_max", 1, 1, false, &BindArrayExtreme<true>, "ArrayMax",
       "array_max(array) - Returns the maximum value in the array. NULL elements are skipped."},
      {"array_min", 1, 1, false, &BindArrayExtreme<false>, "ArrayMin",
       "array_min(array) - Returns the minimum value in the array. NULL elements are skipped."},
      {"array_join", 2, 3, false, &BindArrayJoin, "ArrayJoin",
       "array_join(array, delimiter[, nullReplacement]) - Concatenates the elements of the "
       "given array using the delimiter."},
      {"array_position", 2, 2, false, &BindArrayPosition, "ArrayPosition",
       "array_position(array, element) - Returns the (1-based) index of the first matching "
       "element of the array as long, or 0 if no match is found."},
      {"array_remove", 2, 2, false, &BindArrayRemove, "ArrayRemove",
       "array_remove(array, element) - Remove all elements that equal to element from array."},
      {"slice", 3, 3, false, &BindSlice, "Slice",
       "slice(x, start, length) - Subsets array x starting from index start (array indices "
       "start at 1, or starting from the end if start is negative) with the specified length."},
      {"flatten", 1, 1, false, &BindFlatten, "Flatten",
       "flatten(arrayOfArrays) - Transforms an array of arrays into a single array."},
      {"sequence", 2, 3, false, &BindSequence, "Sequence",
       "sequence(start, stop, step) - Generates an array of elements from start to stop "
       "(inclusive), incrementing by step."},
      {"map_keys", 1, 1, false, &BindMapPart<true>, "MapKeys",
       "map_keys(map) - Returns an unordered array containing the keys of the map."},
      {"map_values", 1, 1, false, &BindMapPart<false>, "MapValues",
       "map_values(map) - Returns an unordered array containing the values of the map."},
  };
  return kFunctions;
}

}  // namespace sparkling
