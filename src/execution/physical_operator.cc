#include "execution/physical_operator.h"

namespace sparkling {

Status PhysicalOperator::Prepare(ExecutionContext* context) {
  for (const auto& child : children_) SPK_RETURN_NOT_OK(child->Prepare(context));
  return Status::OK();
}

}  // namespace sparkling
