#include "vm/objects/generator.h"

namespace jsvm {

void GeneratorObject::Trace(Visitor& v) const {
  Object::Trace(v);
  // V8's field names, as DevTools shows them.
  v.Edge(function_, EdgeType::kInternal, EdgeName::Str("function"));
  TraceValue(v, context_, EdgeType::kInternal, EdgeName::Str("context"));
  TraceValue(v, receiver_, EdgeType::kInternal, EdgeName::Str("receiver"));
  TraceValue(v, input_, EdgeType::kInternal, EdgeName::Str("input_or_debug_pos"));
  TraceValue(v, promise_, EdgeType::kInternal, EdgeName::Str("promise"));
  for (size_t i = 0; i < saved_.size(); ++i) {
    TraceValue(v, saved_[i], EdgeType::kInternal, EdgeName::Str("parameters_and_registers"));
  }
  for (const AsyncGeneratorRequest& r : queue_) {
    TraceValue(v, r.value, EdgeType::kInternal, EdgeName::Str("queue"));
    TraceValue(v, r.promise, EdgeType::kInternal, EdgeName::Str("queue"));
  }
}

std::string GeneratorObject::SnapshotName() const {
  switch (kind_) {
    case GeneratorKind::kGenerator: return "Generator";
    case GeneratorKind::kAsyncFunction: return "AsyncFunctionObject";
    case GeneratorKind::kAsyncGenerator: return "AsyncGenerator";
  }
  return "Generator";
}

}  // namespace jsvm
