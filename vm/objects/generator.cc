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
  // V8 keeps these in a FixedArray (parameters_and_registers); here they are
  // edges of the object itself, named after their variable when the
  // compiler recorded one (FunctionInfo::saved_names).
  const ExternalVector<String*>& names = function_->info()->saved_names;
  for (size_t i = 0; i < saved_.size(); ++i) {
    if (!saved_[i].IsCell()) continue;
    String* name = v.WantsNames() && i < names.size() ? names[i] : nullptr;
    TraceValue(v, saved_[i], EdgeType::kInternal,
               name ? EdgeName::Of(name) : EdgeName::Str("parameters_and_registers"));
  }
  for (const AsyncGeneratorRequest& r : queue_) {
    TraceValue(v, r.value, EdgeType::kInternal, EdgeName::Str("queue"));
    TraceValue(v, r.promise, EdgeType::kInternal, EdgeName::Str("queue"));
  }
}

uint32_t GeneratorObject::suspend_source_offset() const {
  uint32_t source = 0;
  if (suspend_bytecode_offset_ == UINT32_MAX || !function_->info()->SourceOffsetAt(suspend_bytecode_offset_, &source)) {
    return 0;
  }
  return source;
}

std::string GeneratorObject::SnapshotName() const {
  // V8's constructor name: a generator (sync or async) is named after its
  // function, an anonymous one and every async function object "Generator".
  if (kind_ == GeneratorKind::kAsyncFunction) return "Generator";
  std::string name = function_->info()->SnapshotName();
  return name.empty() ? "Generator" : name;
}

}  // namespace jsvm
