// PromiseObject's storage and its references (promise.h).
#include "vm/objects/promise.h"

#include <utility>

namespace jsvm {

void TracePromiseReaction(Visitor& v, const PromiseReaction& r) {
  TraceValue(v, r.capability.promise, EdgeType::kInternal, EdgeName::Str("promise_or_capability"));
  TraceValue(v, r.capability.resolve, EdgeType::kInternal, EdgeName::Str("resolve"));
  TraceValue(v, r.capability.reject, EdgeType::kInternal, EdgeName::Str("reject"));
  TraceValue(v, r.on_fulfilled, EdgeType::kInternal, EdgeName::Str("fulfill_handler"));
  TraceValue(v, r.on_rejected, EdgeType::kInternal, EdgeName::Str("reject_handler"));
  if (r.target) v.Edge(r.target, EdgeType::kInternal, EdgeName::Str("continuation"));
}

ExternalVector<PromiseReaction> PromiseObject::Settle(PromiseState state, Value result) {
  NoteCellWrite(this);
  state_ = state;
  result_ = result;
  ExternalVector<PromiseReaction> out;
  out.swap(reactions_);
  return out;
}

void PromiseObject::Trace(Visitor& v) const {
  Object::Trace(v);
  // V8 keeps the result and the reactions in one field; DevTools shows it as
  // "reactions_or_result".
  TraceValue(v, result_, EdgeType::kInternal, EdgeName::Str("reactions_or_result"));
  for (const PromiseReaction& r : reactions_) TracePromiseReaction(v, r);
}

}  // namespace jsvm
