#include "vm/objects/function.h"

#include <algorithm>

namespace jsvm {

Script::Script(std::string file, std::u16string source)
    : Cell(CellKind::kScript), file_(std::move(file)), source_(std::move(source)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < source_.size(); ++i) {
    char16_t c = source_[i];
    if (c == '\r' && i + 1 < source_.size() && source_[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }
}

void Script::LineCol(uint32_t offset, uint32_t* line, uint32_t* col) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t idx = static_cast<size_t>(it - line_starts_.begin()) - 1;
  *line = static_cast<uint32_t>(idx + 1);
  *col = offset - line_starts_[idx] + 1;
}

const char* ScopeTypeName(ScopeType t) {
  switch (t) {
    case ScopeType::kFunction: return "FUNCTION_SCOPE";
    case ScopeType::kBlock: return "BLOCK_SCOPE";
    case ScopeType::kCatch: return "CATCH_SCOPE";
    case ScopeType::kScript: return "SCRIPT_SCOPE";
    case ScopeType::kClass: return "CLASS_SCOPE";
    case ScopeType::kWith: return "WITH_SCOPE";
    case ScopeType::kEval: return "EVAL_SCOPE";
    case ScopeType::kModule: return "MODULE_SCOPE";
  }
  return "?";
}

void ScopeInfo::Trace(Visitor& v) const {
  for (String* s : names_) v.Edge(s, EdgeType::kInternal, EdgeName::Str("name"));
  if (function_name_) v.Edge(function_name_, EdgeType::kInternal, EdgeName::Str("function_name"));
  for (const Capturer& c : capturers_) v.Edge(c.name, EdgeType::kInternal, EdgeName::Str("capturer"));
  if (module_info_) module_info_->Trace(v);
}

std::vector<ModuleInfo::CellSlot> ModuleInfo::CellSlots() const {
  std::vector<CellSlot> slots;
  std::vector<bool> seen(cell_count + 1, false);
  std::vector<const LocalExport*> exports;
  for (const LocalExport& e : local_exports) exports.push_back(&e);
  std::sort(exports.begin(), exports.end(), [](const LocalExport* a, const LocalExport* b) { return a->cell < b->cell; });
  for (const LocalExport* e : exports) {
    if (e->cell <= 0 || static_cast<uint32_t>(e->cell) > cell_count || seen[static_cast<size_t>(e->cell)]) continue;
    seen[static_cast<size_t>(e->cell)] = true;
    slots.push_back({e->local_name, e->cell, false});
  }
  for (const Import& i : imports) slots.push_back({i.local_name, i.cell, true});
  return slots;
}

void ModuleInfo::Trace(Visitor& v) const {
  auto edge = [&v](String* s) { v.Edge(s, EdgeType::kInternal, EdgeName::Str("module_info")); };
  for (const Request& r : requests) {
    edge(r.specifier);
    edge(r.type);
  }
  for (const Import& i : imports) {
    edge(i.local_name);
    edge(i.import_name);
  }
  for (const LocalExport& e : local_exports) {
    edge(e.export_name);
    edge(e.local_name);
  }
  for (const IndirectExport& e : indirect_exports) {
    edge(e.export_name);
    edge(e.import_name);
  }
}

bool FunctionInfo::SourceOffsetAt(uint32_t bytecode_offset, uint32_t* source_offset) const {
  // positions are sorted by bytecode offset; take the last at or before.
  auto it = std::upper_bound(positions.begin(), positions.end(), bytecode_offset,
                             [](uint32_t off, const SourcePosition& p) { return off < p.bytecode_offset; });
  if (it == positions.begin()) return false;
  *source_offset = (it - 1)->source_offset;
  return true;
}

void CallSiteTable::Add(uint32_t bytecode_offset, CallSiteKind kind, std::u16string_view text,
                        std::u16string_view property) {
  text = text.substr(0, 0xFFFF);
  property = property.substr(0, 0xFFFF);
  sites_.push_back({bytecode_offset, static_cast<uint32_t>(text_.size()), static_cast<uint16_t>(text.size()),
                    static_cast<uint16_t>(property.size()), kind});
  text_ += text;
  text_ += property;
}

const CallSite* CallSiteTable::Find(uint32_t bytecode_offset) const {
  auto it = std::lower_bound(sites_.begin(), sites_.end(), bytecode_offset,
                             [](const CallSite& c, uint32_t off) { return c.bytecode_offset < off; });
  return it != sites_.end() && it->bytecode_offset == bytecode_offset ? &*it : nullptr;
}

void FunctionInfo::Trace(Visitor& v) const {
  if (name) v.Edge(name, EdgeType::kInternal, EdgeName::Str("name"));
  if (debug_name) v.Edge(debug_name, EdgeType::kInternal, EdgeName::Str("debug_name"));
  if (script) v.Edge(script, EdgeType::kInternal, EdgeName::Str("script"));
  if (scope_info) v.Edge(scope_info, EdgeType::kInternal, EdgeName::Str("scope_info"));
  for (size_t i = 0; i < constants.size(); ++i) {
    TraceValue(v, constants[i], EdgeType::kHidden, EdgeName::Index(static_cast<uint32_t>(i)));
  }
  for (String* n : saved_names) {
    if (n) v.Edge(n, EdgeType::kInternal, EdgeName::Str("saved_names"));
  }
}

FunctionInfo::~FunctionInfo() {
  if (ics) external_memory::Adjust(-static_cast<ptrdiff_t>(feedback_slot_count * sizeof(PropertyIC)));
}

void FunctionInfo::AllocateFeedback(Heap&) {
  if (ics || feedback_slot_count == 0) return;
  ics = std::make_unique<PropertyIC[]>(feedback_slot_count);
  external_memory::Adjust(static_cast<ptrdiff_t>(feedback_slot_count * sizeof(PropertyIC)));
}

size_t FunctionInfo::OwnedBytes() const {
  return sizeof(FunctionInfo) + bytecode.capacity() + constants.capacity() * sizeof(Value) +
         handlers.capacity() * sizeof(HandlerEntry) + positions.capacity() * sizeof(SourcePosition) +
         parameter_context_slots.capacity() * sizeof(int32_t) + saved_names.capacity() * sizeof(String*) +
         call_sites.OwnedBytes() +
         (ics ? feedback_slot_count * sizeof(PropertyIC) : 0);
}

std::string FunctionInfo::SnapshotName() const {
  return debug_name ? debug_name->ToUtf8() : name ? name->ToUtf8() : "";
}

void Context::Trace(Visitor& v) const {
  if (scope_info_) v.Edge(scope_info_, EdgeType::kInternal, EdgeName::Str("scope_info"));
  if (previous_) v.Edge(previous_, EdgeType::kInternal, EdgeName::Str("previous"));
  for (uint32_t i = 0; i < var_count_; ++i) {
    Value val = vars()[i];
    if (!val.IsCell()) continue;
    if (scope_info_ && i < scope_info_->slot_count()) {
      v.Edge(val.AsCell(), EdgeType::kContext, EdgeName::Of(scope_info_->name(i)));
    } else {
      v.Edge(val.AsCell(), EdgeType::kHidden, EdgeName::Index(i));
    }
  }
}

void Function::Trace(Visitor& v) const {
  TraceProperties(v);
  v.Edge(info_, EdgeType::kInternal, EdgeName::Str("shared"));
  // A function with no context of its own lives in the global scope.
  if (context_) {
    v.Edge(context_, EdgeType::kInternal, EdgeName::Str("context"));
  } else if (realm_) {
    v.Edge(realm_, EdgeType::kInternal, EdgeName::Str("context"));
  }
  TraceValue(v, fields_initializer_, EdgeType::kInternal, EdgeName::Str("fields_initializer"));
}

std::string Function::SnapshotName() const { return info_->SnapshotName(); }

void NativeFunction::Trace(Visitor& v) const {
  TraceProperties(v);
  if (name_) v.Edge(name_, EdgeType::kInternal, EdgeName::Str("name"));
  if (realm_) v.Edge(realm_, EdgeType::kInternal, EdgeName::Str("context"));
  TraceValue(v, data[0], EdgeType::kInternal, EdgeName::Str("data0"));
  TraceValue(v, data[1], EdgeType::kInternal, EdgeName::Str("data1"));
}

std::string NativeFunction::SnapshotName() const { return name_ ? name_->ToUtf8() : ""; }

void BoundFunction::Trace(Visitor& v) const {
  TraceProperties(v);
  // V8's names; internal/hidden rather than shortcut edges, because DevTools
  // does not let a shortcut retain anything.
  v.Edge(target_, EdgeType::kInternal, EdgeName::Str("bound_function"));
  TraceValue(v, bound_this_, EdgeType::kInternal, EdgeName::Str("bound_this"));
  for (size_t i = 0; i < bound_args_.size(); ++i) {
    TraceValue(v, bound_args_[i], EdgeType::kHidden, EdgeName::Index(static_cast<uint32_t>(i)));
  }
}

std::string BoundFunction::SnapshotName() const { return "bound " + target_->SnapshotName(); }

}  // namespace jsvm
