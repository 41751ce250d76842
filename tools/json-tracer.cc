// The step recorder behind `jsvm trace` (format: docs/trace-format.md).
//
// How an instruction becomes a record: OnInstruction closes the record of the
// previous instruction and opens one for this instruction. Everything the
// observers hear until the next instruction (allocations, calls, context
// pushes, collections, output) is appended to the open record as an event.
// When the instruction is over, the heap writes it made are read back from
// the heap (Decode/CompleteInstruction), and the registers of the frame on
// top are compared with their last reported values (CloseRecord), so a record
// carries exactly what changed.
//
// Nothing here allocates on the JavaScript heap: the observers are called in
// the middle of instructions and allocations.
#include "tools/json-tracer.h"

#include <algorithm>
#include <cctype>

#include "compiler/disassembler.h"
#include "vm/builtins/builtins.h"
#include "vm/objects/collections.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/object.h"
#include "vm/execution/operations.h"
#include "vm/debug/debug-scopes.h"
#include "vm/execution/job-queue.h"
#include "vm/objects/generator.h"
#include "vm/objects/unicode.h"
#include "vm/modules/module-record.h"

namespace jsvm {

namespace {

// 2: natives' writes (state, length), Map/Set entries, long-string previews;
// 3: jobs, timers, suspensions and resumptions, the loop's state in keyframes.
constexpr int kFormatVersion = 4;
// A longer string is written as a preview of its first kStringPreview code
// units and its length, so that a growing string does not make the trace grow
// with the square of the steps.
constexpr uint32_t kStringPreview = 100;

// "function" for FUNCTION_SCOPE, "block" for BLOCK_SCOPE, ...
std::string ScopeTypeText(ScopeType t) {
  std::string name = ScopeTypeName(t);
  name = name.substr(0, name.find('_'));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

const char* ModeText(VariableMode m) {
  switch (m) {
    case VariableMode::kVar: return "var";
    case VariableMode::kLet: return "let";
    case VariableMode::kConst: return "const";
    case VariableMode::kParam: return "param";
    case VariableMode::kThis: return "this";
    case VariableMode::kFunctionName: return "function-name";
    case VariableMode::kClassName: return "class-name";
    case VariableMode::kArguments: return "arguments";
    case VariableMode::kInternal: return "internal";
  }
  return "internal";
}

const char* FlavorText(FunctionFlavor f) {
  switch (f) {
    case FunctionFlavor::kNormal: return "function";
    case FunctionFlavor::kArrow: return "arrow";
    case FunctionFlavor::kMethod: return "method";
    case FunctionFlavor::kGetter: return "getter";
    case FunctionFlavor::kSetter: return "setter";
    case FunctionFlavor::kClassConstructor: return "class-constructor";
    case FunctionFlavor::kDerivedConstructor: return "derived-constructor";
    case FunctionFlavor::kTopLevel: return "script";
  }
  return "function";
}

// Cells the trace names by id: every object and every context. Strings and
// symbols are values; code (functions, scopes, scripts) is indexed apart.
bool IsTrackedKind(CellKind k) { return IsObjectKind(k) || k == CellKind::kContext; }

void AppendUInt(std::string& out, uint64_t v) { out += std::to_string(v); }

std::string SymbolText(const Symbol* s) {
  Value d = s->description();
  // A private name keys an object's private field as `#x` (DevTools' way).
  if (s->is_private() && d.IsString()) {
    return s->private_kind() == PrivateKind::kBrand ? "<brand of " + d.AsString()->ToUtf8() + ">" : d.AsString()->ToUtf8();
  }
  return d.IsString() ? "Symbol(" + d.AsString()->ToUtf8() + ")" : "Symbol()";
}

std::string KeyText(PropertyKey key) {
  if (key.IsIndex()) return std::to_string(key.index());
  if (key.IsSymbol()) return SymbolText(static_cast<const Symbol*>(key.cell()));
  return key.string()->ToUtf8();
}

// The property key a bytecode's key operand names, as text; false for
// objects (their conversion to a key runs JavaScript).
bool KeyValueText(Value key, std::string* out) {
  if (key.IsString()) {
    *out = key.AsString()->ToUtf8();
  } else if (key.IsSymbol()) {
    *out = SymbolText(key.AsSymbol());
  } else if (key.IsNumber()) {
    *out = NumberToStdString(key.AsNumber());
  } else if (key.IsUndefined() || key.IsNull() || key.IsBoolean()) {
    *out = RenderScopeValue(key);
  } else {
    return false;
  }
  return true;
}

// obj's own data property `key` (a string, symbol or number), read from
// storage without running JavaScript. False when absent or an accessor.
bool OwnDataValue(const Object* obj, Value key, Value* out) {
  uint32_t index = 0;
  bool is_index = false;
  if (key.IsInt() && key.AsInt() >= 0) {
    index = static_cast<uint32_t>(key.AsInt());
    is_index = true;
  } else if (key.IsString()) {
    is_index = key.AsString()->AsArrayIndex(&index);
  } else if (!key.IsSymbol()) {
    return false;
  }
  uint8_t attrs = 0;
  if (is_index) return obj->FindIndexed(index, out, &attrs) && !(attrs & kAttrAccessor);
  for (uint32_t i = 0; i < obj->named_count(); ++i) {
    PropertyKey k = obj->named_key(i);
    bool same = key.IsSymbol() ? k.cell() == key.AsCell()
                               : k.IsString() && k.string()->view() == key.AsString()->view();
    if (!same) continue;
    *out = obj->named_value(i);
    return !(obj->named_attrs(i) & kAttrAccessor);
  }
  return false;
}

bool WritesAccumulator(Bytecode op) {
  AccumulatorUse use = GetBytecodeInfo(op).acc;
  return use == AccumulatorUse::kWrite || use == AccumulatorUse::kReadWrite;
}

const char* GeneratorKindText(GeneratorKind k) {
  switch (k) {
    case GeneratorKind::kGenerator: return "generator";
    case GeneratorKind::kAsyncFunction: return "async";
    case GeneratorKind::kAsyncGenerator: return "async-generator";
  }
  return "generator";
}

// A time on the loop clock (ms), as JSON.
std::string MsText(double ms) { return NumberToStdString(ms); }

Context* ContextAtDepth(Value context, uint32_t depth) {
  if (!context.IsCell()) return nullptr;
  auto* c = static_cast<Context*>(context.AsCell());
  while (c && depth--) c = c->previous();
  return c;
}

}  // namespace

JsonTracer::JsonTracer(Runtime& rt, std::FILE* out, TraceOptions options) : Tracer(rt, out, std::move(options)) {
  ids_.reserve(1 << 12);
}

JsonTracer::~JsonTracer() {
  if (!stopped_) SetWriteObserver(nullptr);
}

bool JsonTracer::Reported(const Cell* cell) const {
  if (IsFollowed(cell)) return true;
  auto w = written_cells_.find(cell);
  return w != written_cells_.end() && w->second.limit != 0;
}

bool JsonTracer::IsFollowed(const Cell* cell) const {
  auto it = ids_.find(cell);
  return it != ids_.end() && it->second.user;
}

// ---------------------------------------------------------------- ids and descriptions

uint32_t JsonTracer::IdOf(const Cell* cell) {
  auto it = ids_.find(cell);
  if (it != ids_.end()) return it->second.id;
  uint32_t id = next_id_++;
  ids_.emplace(cell, CellId{id, false});
  // A cell made before tracing began (a built-in, the global object).
  if (!intros_.empty()) intros_ += ',';
  intros_ += "[\"ref\",";
  AppendUInt(intros_, id);
  intros_ += ',';
  AppendJsonString(intros_, CellKindName(cell->kind()));
  intros_ += ',';
  AppendJsonString(intros_, cell->SnapshotName());
  intros_ += ']';
  return id;
}

void JsonTracer::Introduce(const char* tag, std::string&& json) {
  if (in_header_) {
    std::string_view t = tag;
    std::string& list = t == "function" ? header_functions_ : t == "scope" ? header_scopes_ : header_scripts_;
    if (!list.empty()) list += ",\n";
    list += json;
    return;
  }
  if (!intros_.empty()) intros_ += ',';
  intros_ += "[\"";
  intros_ += tag;
  intros_ += "\",";
  intros_ += json;
  intros_ += ']';
}

uint32_t JsonTracer::ScriptIndex(const Script* script) {
  return CodeIndex(script_index_, script_count_, script, "script",
                   [&](uint32_t index) { return DescribeScript(index, script); });
}

uint32_t JsonTracer::ScopeIndex(const ScopeInfo* info) {
  return CodeIndex(scope_index_, scope_count_, info, "scope", [&](uint32_t index) { return DescribeScope(index, info); });
}

uint32_t JsonTracer::FunctionIndex(const FunctionInfo* info) {
  auto it = function_index_.find(info);
  if (it != function_index_.end()) return it->second;
  // What the description refers to is introduced before it.
  if (info->script) ScriptIndex(info->script);
  if (info->scope_info) ScopeIndex(info->scope_info);
  for (Value c : info->constants) {
    if (c.IsCellOfKind(CellKind::kScopeInfo)) ScopeIndex(static_cast<const ScopeInfo*>(c.AsCell()));
  }
  auto index = static_cast<uint32_t>(functions_.size());
  function_index_.emplace(info, index);
  FunctionData data{info, filter_.Selects(info), {}};
  int32_t params = info->param_count;
  int32_t count = params + 3 + static_cast<int32_t>(info->register_count);
  data.reg_names.reserve(count);
  for (int32_t i = 0; i < count; ++i) data.reg_names.push_back(reg::Name(i + reg::Receiver(params), params));
  functions_.push_back(std::move(data));
  Introduce("function", DescribeFunction(index, info));
  return index;
}

std::string JsonTracer::DescribeScript(uint32_t index, const Script* script) {
  std::string j = "{\"id\":";
  AppendUInt(j, index);
  j += ",\"file\":";
  AppendJsonString(j, script->file());
  j += ",\"source\":";
  AppendJsonString(j, Utf16ToUtf8(script->source()));
  j += '}';
  return j;
}

std::string JsonTracer::DescribeScope(uint32_t index, const ScopeInfo* info) {
  std::string j = "{\"id\":";
  AppendUInt(j, index);
  j += ",\"type\":";
  AppendJsonString(j, ScopeTypeText(info->type()));
  j += ",\"function\":";
  if (info->function_name()) {
    AppendJsonString(j, info->function_name()->ToUtf8());
  } else {
    j += "null";
  }
  j += ",\"slots\":[";
  for (uint32_t i = 0; i < info->slot_count(); ++i) {
    if (i) j += ',';
    j += '[';
    AppendJsonString(j, info->name(i) ? info->name(i)->ToUtf8() : "");
    j += ",\"";
    j += ModeText(info->mode(i));
    j += "\"]";
  }
  if (const ModuleInfo* m = info->module_info()) {
    // A module context: its module cells follow the slots (what it exports,
    // then what it imports), so that a trace shows a module's bindings.
    for (const ModuleInfo::CellSlot& slot : m->CellSlots()) {
      if (j.back() != '[') j += ',';
      j += '[';
      std::string name = slot.name->ToUtf8();
      AppendJsonString(j, name == ".default" ? "default" : name);
      j += slot.is_import ? ",\"import\"]" : ",\"export\"]";
    }
  }
  j += "]}";
  return j;
}

std::string JsonTracer::DescribeFunction(uint32_t index, const FunctionInfo* info) {
  const Script* script = info->script;
  auto line_col = [&](uint32_t offset, std::string& j) {
    uint32_t line = 0, col = 0;
    if (script) script->LineCol(offset, &line, &col);
    AppendUInt(j, line);
    j += ',';
    AppendUInt(j, col);
  };
  std::string j = "{\"id\":";
  AppendUInt(j, index);
  j += ",\"name\":";
  AppendJsonString(j, TraceFunctionName(info));
  j += ",\"kind\":\"";
  j += FlavorText(info->flavor);
  j += "\",\"script\":";
  if (script) {
    AppendUInt(j, script_index_.at(script));
  } else {
    j += "null";
  }
  j += ",\"params\":";
  AppendUInt(j, info->param_count);
  j += ",\"registers\":";
  AppendUInt(j, info->register_count);
  j += ",\"strict\":";
  j += info->strict ? "true" : "false";
  j += ",\"start\":";
  AppendUInt(j, info->source_start);
  j += ",\"end\":";
  AppendUInt(j, info->source_end);
  j += ",\"position\":[";
  line_col(info->source_start, j);
  j += "],\"scope\":";
  if (info->scope_info) {
    AppendUInt(j, scope_index_.at(info->scope_info));
  } else {
    j += "null";
  }
  j += ",\"regNames\":[";
  const std::vector<std::string>& names = functions_[index].reg_names;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) j += ',';
    AppendJsonString(j, names[i]);
  }
  j += "],\"code\":[";
  size_t pos = 0;
  for (uint32_t offset = 0; offset < info->bytecode.size();) {
    if (offset) j += ",\n";
    j += '[';
    AppendUInt(j, offset);
    j += ",\"";
    auto op = static_cast<Bytecode>(info->bytecode[offset]);
    j += BytecodeName(op);
    j += "\",[";
    std::vector<std::string> operands = DisassembleOperands(info, offset);
    for (size_t i = 0; i < operands.size(); ++i) {
      if (i) j += ',';
      AppendJsonString(j, operands[i]);
    }
    j += "],";
    // The effective source position (the closest one at or before), then
    // whether this very offset has a statement (S) or expression (E) position.
    uint32_t src = 0;
    if (script && info->SourceOffsetAt(offset, &src)) {
      AppendUInt(j, src);
      j += ',';
      line_col(src, j);
    } else {
      j += "-1,0,0";
    }
    while (pos < info->positions.size() && info->positions[pos].bytecode_offset < offset) ++pos;
    if (pos < info->positions.size() && info->positions[pos].bytecode_offset == offset) {
      j += info->positions[pos].is_statement ? ",\"S\"]" : ",\"E\"]";
    } else {
      j += ",\"\"]";
    }
    offset += BytecodeSize(op);
  }
  j += "],\"handlers\":[";
  for (size_t i = 0; i < info->handlers.size(); ++i) {
    const HandlerEntry& h = info->handlers[i];
    if (i) j += ',';
    AppendArray(j, h.start, h.end, h.handler, reg::Name(h.context_register, info->param_count));
  }
  j += "]}";
  return j;
}

// ---------------------------------------------------------------- values

void JsonTracer::AppendRef(std::string& out, const Cell* cell) {
  out += "\"@";
  AppendUInt(out, IdOf(cell));
  out += '"';
}

void JsonTracer::EventArg(std::string& e, const Cell* c) {
  if (c) {
    AppendRef(e, c);
  } else {
    e += "null";
  }
}

void JsonTracer::AppendStringValue(std::string& out, std::u16string_view text) {
  std::u16string quoted;
  if (text.size() <= kStringPreview) {
    JsonQuote(text, quoted);  // as RenderScopeValue gives it
    AppendJsonString(out, Utf16ToUtf8(quoted));
    return;
  }
  // <string LENGTH "PREVIEW">, the preview cut before a lone high surrogate.
  size_t n = kStringPreview;
  if (text[n - 1] >= 0xD800 && text[n - 1] <= 0xDBFF) --n;
  JsonQuote(text.substr(0, n), quoted);
  AppendJsonString(out, "<string " + std::to_string(text.size()) + " " + Utf16ToUtf8(quoted) + ">");
}

void JsonTracer::AppendValue(std::string& out, Value v) {
  if (v.IsCell() && IsTrackedKind(v.AsCell()->kind())) {
    AppendRef(out, v.AsCell());
  } else if (v.IsHole()) {
    out += "\"<hole>\"";
  } else if (v.IsInt()) {
    // What RenderScopeValue gives for a small integer, without its detour through double-conversion.
    out += '"';
    out += std::to_string(v.AsInt());
    out += '"';
  } else if (v.IsString()) {
    AppendStringValue(out, v.AsString()->view());
  } else {
    AppendJsonString(out, RenderScopeValue(v));
  }
}

void JsonTracer::AppendContents(std::string& out, Cell* cell) {
  if (cell->kind() == CellKind::kContext) {
    auto* c = static_cast<Context*>(cell);
    out += "{\"slots\":[";
    for (uint32_t i = 0; i < c->var_count(); ++i) {
      if (i) out += ',';
      AppendValue(out, c->vars()[i]);
    }
    if (const ModuleInfo* m = c->scope_info() ? c->scope_info()->module_info() : nullptr) {
      for (const ModuleInfo::CellSlot& slot : m->CellSlots()) {
        if (out.back() != '[') out += ',';
        AppendValue(out, PeekModuleCell(c, slot.cell));
      }
    }
    out += "]}";
    return;
  }
  AppendView(out, ViewOf(static_cast<Object*>(cell)));
}

JsonTracer::RawView JsonTracer::RawViewOf(const Object* o, size_t limit) const {
  RawView raw;
  raw.proto = o->proto();
  if (o->kind() == CellKind::kArray) raw.length = static_cast<const Array*>(o)->length();
  raw.props.reserve(std::min<size_t>(limit, o->elements().size() + o->named_count()));
  auto add = [&](uintptr_t key, Value value, uint8_t attrs) {
    if (raw.props.size() == limit) {
      raw.more = true;
      return false;
    }
    raw.props.push_back({key, value, attrs});
    return true;
  };
  const DenseElements& dense = o->elements();
  for (size_t i = 0; i < dense.size() && !raw.more; ++i) {
    if (!dense[i].IsHole()) add((i << 1) | 1, dense[i], kAttrDefault);
  }
  if (o->has_sparse() && !raw.more) {
    for (const auto& [index, e] : *o->sparse()) {
      if (!add((uintptr_t{index} << 1) | 1, e.value, e.attrs)) break;
    }
  }
  for (uint32_t i = 0; i < o->named_count() && !raw.more; ++i) {
    if (!add(reinterpret_cast<uintptr_t>(o->named_key(i).cell()), o->named_value(i), o->named_attrs(i))) break;
  }
  if (o->kind() == CellKind::kMap || o->kind() == CellKind::kSet) {
    const OrderedTable& table = static_cast<const CollectionObject*>(o)->table();
    raw.size = table.size();
    for (const OrderedTable::Entry& e : table.entries()) {
      if (e.key.IsEmpty()) continue;
      if (raw.entries.size() == limit) {
        raw.more = true;
        break;
      }
      raw.entries.emplace_back(e.key, e.value);
    }
  }
  return raw;
}

JsonTracer::ObjectView JsonTracer::Render(const Object* o, const RawView& raw) {
  ObjectView view;
  AppendJsonString(view.cls, o->SnapshotName());
  if (raw.proto) {
    AppendRef(view.proto, raw.proto);
  } else {
    view.proto = "null";
  }
  view.length = raw.length;
  view.size = raw.size;
  view.more = raw.more;
  view.props.reserve(raw.props.size());
  for (const RawView::Prop& p : raw.props) {
    auto& [k, v] = view.props.emplace_back();
    RenderProp(p, k, v);
  }
  bool is_map = o->kind() == CellKind::kMap;
  for (const auto& [key, value] : raw.entries) {
    std::string& text = view.entries.emplace_back("[");
    AppendValue(text, key);
    if (is_map) {
      text += ',';
      AppendValue(text, value);
    }
    text += ']';
  }
  return view;
}

void JsonTracer::RenderKey(uintptr_t key, std::string& out) {
  AppendJsonString(out, (key & 1) ? std::to_string(key >> 1) : KeyText(PropertyKey::Named(reinterpret_cast<Cell*>(key))));
}

void JsonTracer::RenderProp(const RawView::Prop& p, std::string& key, std::string& value) {
  RenderKey(p.key, key);
  if (p.attrs & kAttrAccessor) {
    value = "\"<accessor>\"";
  } else {
    AppendValue(value, p.value);
  }
}

void JsonTracer::AppendView(std::string& out, const ObjectView& view) {
  out += "{\"class\":";
  out += view.cls;
  out += ",\"proto\":";
  out += view.proto;
  if (view.length >= 0) {
    out += ",\"length\":";
    AppendUInt(out, static_cast<uint64_t>(view.length));
  }
  out += ",\"props\":[";
  for (size_t i = 0; i < view.props.size(); ++i) {
    if (i) out += ',';
    out += '[';
    out += view.props[i].first;
    out += ',';
    out += view.props[i].second;
    out += ']';
  }
  out += ']';
  if (view.size >= 0) {
    out += ",\"size\":";
    AppendUInt(out, static_cast<uint64_t>(view.size));
    out += ",\"entries\":[";
    for (size_t i = 0; i < view.entries.size(); ++i) {
      if (i) out += ',';
      out += view.entries[i];
    }
    out += ']';
  }
  if (view.more) out += ",\"more\":true";
  out += '}';
}

void JsonTracer::OnCellWrite(Cell* cell) {
  if (cell == last_written_) return;  // the usual case: several writes to one object in a row
  last_written_ = cell;
  if (!IsObjectKind(cell->kind()) || written_cells_.count(cell)) return;
  auto it = ids_.find(cell);
  // A cell the trace never mentioned is not shown anywhere; one allocated in
  // this step gets an "init" at its end.
  if (it == ids_.end() || (it->second.user && it->second.id >= step_first_id_)) return;
  // Older cells (built-ins, the global object) are in no keyframe: the trace
  // follows every property of theirs, so that no write is lost past the 100th.
  // Except in the instruction's own named store to one (`var` at the top
  // level: StaGlobal), which CompleteInstruction reports by its key; copying
  // every global at each such step made tracing a top-level loop 3x slower.
  // Its prototype and length are still compared (a native `__proto__` setter).
  size_t limit = kMaxListed;
  if (!it->second.user) {
    bool named_store = IsNamedStore(pending_op_);
    bool own_store = write_ != WriteKind::kNone && !interrupted_ && write_object_.IsCell() && write_object_.AsCell() == cell;
    limit = named_store && own_store ? 0 : SIZE_MAX;
  }
  written_cells_.emplace(cell, Written{limit, RawViewOf(static_cast<Object*>(cell), limit), std::nullopt});
  written_order_.emplace_back(cell, it->second.id);
}

void JsonTracer::ReportOlderCellProps(Cell* cell, const RawView& before, const RawView& after) {
  std::unordered_map<uintptr_t, const RawView::Prop*> was;
  for (const RawView::Prop& p : before.props) was.emplace(p.key, &p);
  std::string key, value;
  for (const RawView::Prop& p : after.props) {
    auto it = was.find(p.key);
    if (it != was.end()) {
      bool same = *it->second == p;
      was.erase(it);
      if (same) continue;
    }
    key.clear();
    value.clear();
    RenderProp(p, key, value);
    Event("prop", cell, Json{key}, Json{value});
  }
  for (const RawView::Prop& p : before.props) {
    if (!was.count(p.key)) continue;
    key.clear();
    RenderKey(p.key, key);  // the value is gone: rendering it would only introduce cells
    Event("delete", cell, Json{key});
  }
  if (before.length != after.length) Event("length", cell, after.length);
}

void JsonTracer::ReportWrittenCells() {
  // A "state" event: the object whole, when a delta cannot say it.
  auto restate = [this](uint32_t id, const ObjectView& view) {
    std::string& e = BeginEvent("state");
    e += ',';
    AppendUInt(e, id);
    e += ',';
    AppendView(e, view);
    e += ']';
  };
  for (const auto& [cell, id] : written_order_) {
    auto w = written_cells_.find(cell);
    if (w == written_cells_.end()) continue;  // collected since
    auto* object = static_cast<Object*>(cell);
    RawView raw = RawViewOf(object, w->second.limit);
    // Unchanged (no collection since, so equal pointers are the same cells).
    if (!w->second.rendered && raw == w->second.raw) continue;
    if (w->second.limit != kMaxListed && !w->second.rendered && raw.proto == w->second.raw.proto &&
        raw.size == w->second.raw.size && raw.entries == w->second.raw.entries) {
      ReportOlderCellProps(cell, w->second.raw, raw);
      continue;
    }
    const ObjectView before = w->second.rendered ? *w->second.rendered : Render(object, w->second.raw);
    ObjectView after = Render(object, raw);
    if (before.cls != after.cls || before.proto != after.proto || before.more != after.more ||
        before.size != after.size || before.entries != after.entries) {
      restate(id, after);
      continue;
    }
    // Properties: those deleted, those changed in place, those appended (the
    // viewer keeps them in this order). Anything else restates the object.
    std::unordered_map<std::string_view, size_t> now;
    for (size_t i = 0; i < after.props.size(); ++i) now.emplace(after.props[i].first, i);
    std::vector<size_t> removed;
    size_t kept = 0;
    bool in_order = true;
    for (size_t i = 0; i < before.props.size(); ++i) {
      auto n = now.find(before.props[i].first);
      if (n == now.end()) {
        removed.push_back(i);
      } else if (n->second != kept++) {
        in_order = false;
        break;
      }
    }
    if (!in_order) {
      restate(id, after);
      continue;
    }
    for (size_t i : removed) Event("delete", cell, Json{before.props[i].first});
    size_t b = 0;
    for (size_t i = 0; i < after.props.size(); ++i) {
      while (b < before.props.size() && std::find(removed.begin(), removed.end(), b) != removed.end()) ++b;
      bool same = i < kept && b < before.props.size() && before.props[b].second == after.props[i].second;
      if (i < kept) ++b;
      if (!same) Event("prop", cell, Json{after.props[i].first}, Json{after.props[i].second});
    }
    if (before.length != after.length) Event("length", cell, after.length);
  }
  written_cells_.clear();
  written_order_.clear();
  last_written_ = nullptr;
}

void JsonTracer::AppendRegisters(std::string& out, const FrameState& fs, size_t begin, size_t end) {
  const std::vector<std::string>& names = functions_[fs.function].reg_names;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += ',';
    AppendJsonString(out, names[i]);
    out += ':';
    AppendValue(out, fs.regs[i]);
  }
}

std::string& JsonTracer::BeginEvent(const char* tag) {
  if (!events_.empty()) events_ += ',';
  events_ += "[\"";
  events_ += tag;
  events_ += '"';
  return events_;
}

// ---------------------------------------------------------------- header, footer

void JsonTracer::Begin(const FunctionInfo* top) {
  in_header_ = true;
  ForEachFunction(top, [&](const FunctionInfo* f) { FunctionIndex(f); });
  in_header_ = false;
  out_.Raw("{\"format\":\"jsvm-trace\"");
  out_.Field("version", static_cast<int64_t>(kFormatVersion));
  out_.Field("engine", options_.engine);
  out_.Field("program", options_.program);
  out_.Raw(",\"options\":{\"functions\":[");
  for (size_t i = 0; i < options_.functions.size(); ++i) {
    if (i) out_.Char(',');
    out_.String(options_.functions[i]);
  }
  out_.Raw("]");
  out_.Field("maxSteps", options_.max_steps);
  out_.Field("keyframeInterval", options_.keyframe_interval);
  last_heap_bytes_ = rt_.heap().heap_bytes();
  out_.Raw("}");
  out_.Field("heapBytes", static_cast<uint64_t>(last_heap_bytes_));
  out_.Raw(",\n\"scripts\":[");
  out_.Raw(header_scripts_);
  out_.Raw("],\n\"scopes\":[");
  out_.Raw(header_scopes_);
  out_.Raw("],\n\"functions\":[");
  out_.Raw(header_functions_);
  out_.Raw("],\n\"records\":[");
  header_scripts_.clear();
  header_scopes_.clear();
  header_functions_.clear();
  Attach();
  SetWriteObserver(this);
  // What happens before the first instruction (the script context, the
  // script's closure, its frame) goes into a gap record of no steps.
  pending_ = Pending::kGap;
  gap_steps_ = 0;
}

std::string JsonTracer::OpenFrames() const {
  std::string out;
  size_t depth = rt_.interpreter().frames().size();
  for (size_t d = 0; d < depth && d < frames_.size(); ++d) {
    if (!frames_[d].recorded) continue;
    if (!out.empty()) out += ',';
    AppendUInt(out, frames_[d].id);
  }
  return out;
}

void JsonTracer::Finish(const std::string& outcome, const std::string& message, int exit_code) {
  std::string open = open_frames_at_stop_;
  if (!stopped_) {
    CompleteInstruction();
    const std::vector<Frame>& frames = rt_.interpreter().frames();
    CloseRecord(frames.empty() ? last_result_ : frames.back().acc);
    open = OpenFrames();
    stopped_ = true;
    SetWriteObserver(nullptr);
  }
  out_.Raw("\n],\n\"end\":{\"collections\":");
  out_.UInt(collections_);
  out_.Field("heapBytes", static_cast<uint64_t>(rt_.heap().heap_bytes()));
  WriteOutcome(recorded_, truncated_, outcome, message, exit_code);
  out_.Raw(",\"openFrames\":[");
  out_.Raw(open);
  out_.Raw("]}}\n");
  out_.Flush();
}

// ---------------------------------------------------------------- records

void JsonTracer::OnInstruction(const Frame& frame, const uint8_t* pc, Value acc) {
  if (stopped_) return;
  CompleteInstruction();
  size_t depth = DepthOf(frame);
  bool record = frames_[depth].recorded;
  if (pending_ == Pending::kStep || (pending_ == Pending::kGap && record)) CloseRecord(acc);
  if (!record) {
    if (pending_ == Pending::kNone) {
      pending_ = Pending::kGap;
      gap_steps_ = 0;
    }
    ++gap_steps_;
    pending_n_ = rt_.interpreter().steps();
    Decode(frame, pc, acc);
    return;
  }
  if (options_.max_steps != 0 && recorded_ >= options_.max_steps) {
    Stop();
    return;
  }
  if (options_.keyframe_interval != 0 && recorded_ != 0 && recorded_ % options_.keyframe_interval == 0) {
    WriteKeyframe(acc);
  }
  ++recorded_;
  pending_ = Pending::kStep;
  pending_n_ = rt_.interpreter().steps();
  pending_function_ = frames_[depth].function;
  pending_offset_ = static_cast<uint32_t>(pc - frame.info->bytecode.data());
  Decode(frame, pc, acc);
}

void JsonTracer::Decode(const Frame& frame, const uint8_t* pc, Value acc) {
  Value callee;
  bool construct = false;
  if (NativeCallAt(frame, pc, &callee, &construct)) BeginNative(frame, callee, construct);
  auto op = static_cast<Bytecode>(*pc);
  pending_op_ = op;
  interrupted_ = false;
  written_count_ = RegistersWritten(pc, written_);
  context_before_ = frame.fp[reg::kContext];
  write_ = WriteKind::kNone;
  auto operand = [&](int i) { return ReadOperand(pc, i); };
  auto constant = [&](int i) { return frame.info->constants[static_cast<uint32_t>(operand(i))]; };
  // The write the instruction means to make, by its family; where the
  // object, key and slot are depends on the operands.
  if (op == Bytecode::kStaModuleVariable) {
    write_context_ = ContextAtDepth(context_before_, static_cast<uint32_t>(operand(1)));
    write_cell_ = static_cast<int32_t>(operand(0));
    write_ = write_context_ ? WriteKind::kModuleCell : WriteKind::kNone;
  }
  switch (FamilyOf(op)) {
    case BytecodeFamily::kContextStore: {
      // StaContextSlot <context> [slot] [depth]; StaCurrentContextSlot [slot].
      bool current = GetBytecodeInfo(op).operand_count == 1;
      write_context_ = current ? ContextAtDepth(context_before_, 0)
                               : ContextAtDepth(frame.fp[operand(0)], static_cast<uint32_t>(operand(2)));
      write_slot_ = static_cast<uint32_t>(operand(current ? 0 : 1));
      write_ = write_context_ ? WriteKind::kSlot : WriteKind::kNone;
      break;
    }
    case BytecodeFamily::kPropertyStore:
      // r.name = acc (the name an Idx operand) or r1[r2] = acc.
      write_object_ = frame.fp[operand(0)];
      write_key_ = ConstantKindOf(op, 1) == ConstantKind::kName ? constant(1) : frame.fp[operand(1)];
      write_value_ = acc;
      write_ = WriteKind::kProperty;
      break;
    case BytecodeFamily::kPropertyDelete:
      // delete r[acc]
      write_object_ = frame.fp[operand(0)];
      write_key_ = acc;
      write_ = WriteKind::kDelete;
      break;
    case BytecodeFamily::kGlobalStore:
      // global[name] = acc
      write_object_ = Value::FromCell(rt_.global());
      write_key_ = constant(0);
      write_value_ = acc;
      write_ = WriteKind::kGlobal;
      break;
    default:
      break;
  }
}

void JsonTracer::CompleteInstruction() {
  // An instruction that called out, or threw, may not have written what it
  // meant to; what it did write is read back below or at the next keyframe.
  if (write_ != WriteKind::kNone && !interrupted_) {
    std::string key;
    Value now;
    switch (write_) {
      case WriteKind::kModuleCell: {
        // The cell is shown in the exporter's context and in every
        // importer's: one write, seen in all of them (a live binding).
        const Box* box = ModuleCellOf(write_context_, write_cell_);
        for (Context* mc : module_contexts_) {
          std::vector<ModuleInfo::CellSlot> slots = mc->scope_info()->module_info()->CellSlots();
          for (size_t k = 0; k < slots.size(); ++k) {
            if (box && ModuleCellOf(mc, slots[k].cell) == box) {
              Event("slot", mc, Context::kFirstSlot + mc->var_count() + static_cast<uint32_t>(k), box->value);
            }
          }
        }
        break;
      }
      case WriteKind::kSlot: {
        Value v = write_context_->get(write_slot_);
        Event("slot", write_context_, write_slot_, v);
        auto it = aliased_.find(write_context_);
        if (it != aliased_.end()) it->second[write_slot_ - Context::kFirstSlot] = v;
        break;
      }
      case WriteKind::kGlobal:
        if (const Runtime::ScriptBinding* b = rt_.FindScriptBinding(write_key_.AsString())) {
          // A top-level let/const/class of another script: a context slot.
          Event("slot", b->context, b->slot, b->context->get(b->slot));
          break;
        }
        [[fallthrough]];
      case WriteKind::kProperty:
        // Objects the trace knows report their writes through OnCellWrite.
        if (write_object_.IsObject() && !Reported(write_object_.AsCell()) && KeyValueText(write_key_, &key) &&
            OwnDataValue(write_object_.AsObject(), write_key_, &now) && now == write_value_) {
          Event("prop", write_object_.AsCell(), key, now);
        }
        break;
      case WriteKind::kDelete:
        if (write_object_.IsObject() && !Reported(write_object_.AsCell()) && KeyValueText(write_key_, &key) &&
            !OwnDataValue(write_object_.AsObject(), write_key_, &now)) {
          Event("delete", write_object_.AsCell(), key);
        }
        break;
      case WriteKind::kNone:
        break;
    }
  }
  write_ = WriteKind::kNone;
  // What natives and bytecodes changed in older objects.
  if (!written_order_.empty()) ReportWrittenCells();
  last_written_ = nullptr;
  // The cells allocated since the last instruction began, as they are now.
  for (const auto& [cell, id] : new_cells_) {
    auto it = ids_.find(cell);
    if (it == ids_.end() || it->second.id != id) continue;  // already collected
    std::string& e = BeginEvent("init");
    e += ',';
    AppendUInt(e, id);
    e += ',';
    AppendContents(e, cell);
    e += ']';
    if (cell->kind() == CellKind::kArguments) {
      Context* mapped = static_cast<Arguments*>(cell)->mapped_context;
      if (mapped) aliased_.emplace(mapped, std::vector<Value>(mapped->vars(), mapped->vars() + mapped->var_count()));
    }
  }
  new_cells_.clear();
  step_first_id_ = next_id_;
  // Writes through a mapped arguments object land in its function's context.
  for (auto& [context, shadow] : aliased_) {
    for (uint32_t i = 0; i < shadow.size(); ++i) {
      Value v = context->vars()[i];
      if (v == shadow[i]) continue;
      shadow[i] = v;
      Event("slot", context, i + Context::kFirstSlot, v);
    }
  }
}

void JsonTracer::BeginRecordText() {
  if (!first_record_) out_.Char(',');
  first_record_ = false;
  out_.Char('\n');
}

void JsonTracer::CloseRecord(Value acc) {
  if (pending_ == Pending::kNone) return;
  // Registers and accumulator: of the frame on top now, if it is recorded.
  const std::vector<Frame>& frames = rt_.interpreter().frames();
  FrameState* top = nullptr;
  if (!frames.empty() && frames.size() <= frames_.size() && frames_[frames.size() - 1].recorded) {
    top = &frames_[frames.size() - 1];
  }
  scratch_.clear();
  bool acc_out = false;
  if (top) {
    const FunctionData& fd = functions_[top->function];
    size_t count = top->shadow.size();
    bool exact = pending_ == Pending::kStep && !interrupted_;
    // Registers this instruction wrote, whether or not their value changed...
    int32_t base = static_cast<int32_t>(fd.info->param_count) + 3;
    if (exact) {
      for (int k = 0; k < written_count_; ++k) {
        auto i = static_cast<size_t>(written_[k] + base);
        if (i >= count) continue;
        if (!scratch_.empty()) scratch_ += ',';
        AppendJsonString(scratch_, fd.reg_names[i]);
        scratch_ += ':';
        AppendValue(scratch_, top->regs[i]);
        top->shadow[i] = top->regs[i];
      }
    }
    // ...and every other register that changed.
    for (size_t i = 0; i < count; ++i) {
      if (top->regs[i] == top->shadow[i]) continue;
      top->shadow[i] = top->regs[i];
      if (!scratch_.empty()) scratch_ += ',';
      AppendJsonString(scratch_, fd.reg_names[i]);
      scratch_ += ':';
      AppendValue(scratch_, top->regs[i]);
    }
    acc_out = acc != acc_ || (exact && WritesAccumulator(pending_op_));
  }
  std::string acc_text;
  if (acc_out) {
    acc_ = acc;
    AppendValue(acc_text, acc);
  }
  size_t heap_bytes = rt_.heap().heap_bytes();
  bool heap_out = heap_bytes != last_heap_bytes_;
  last_heap_bytes_ = heap_bytes;
  bool any = !intros_.empty() || !events_.empty() || acc_out || !scratch_.empty() || heap_out;

  BeginRecordText();
  if (pending_ == Pending::kStep) {
    out_.Char('[');
    out_.UInt(pending_n_);
    out_.Char(',');
    out_.UInt(pending_function_);
    out_.Char(',');
    out_.UInt(pending_offset_);
    if (any) out_.Raw(",{");
  } else {
    out_.Raw("{\"gap\":");
    out_.UInt(gap_steps_);
    out_.Raw(",\"n\":");
    out_.UInt(pending_n_);
    if (any) out_.Char(',');
  }
  if (any) {
    bool comma = false;
    if (!intros_.empty() || !events_.empty()) {
      out_.Raw("\"e\":[");
      out_.Raw(intros_);
      if (!intros_.empty() && !events_.empty()) out_.Char(',');
      out_.Raw(events_);
      out_.Char(']');
      comma = true;
    }
    if (acc_out) {
      out_.Raw(comma ? ",\"a\":" : "\"a\":");
      out_.Raw(acc_text);
      comma = true;
    }
    if (!scratch_.empty()) {
      out_.Raw(comma ? ",\"r\":{" : "\"r\":{");
      out_.Raw(scratch_);
      out_.Char('}');
      comma = true;
    }
    if (heap_out) {
      out_.Raw(comma ? ",\"h\":" : "\"h\":");
      out_.UInt(heap_bytes);
    }
  }
  out_.Raw(pending_ == Pending::kStep ? (any ? "}]" : "]") : "}");
  intros_.clear();
  events_.clear();
  pending_ = Pending::kNone;
}

void JsonTracer::WriteKeyframe(Value acc) {
  // Everything the records so far describe, as it is now: a viewer can start here.
  std::string body = "{\"keyframe\":{\"n\":";
  AppendUInt(body, rt_.interpreter().steps());
  body += ",\"a\":";
  AppendValue(body, acc);
  body += ",\"h\":";
  AppendUInt(body, rt_.heap().heap_bytes());
  body += ",\"frames\":[";
  size_t depth = rt_.interpreter().frames().size();
  bool first = true;
  for (size_t d = 0; d < depth && d < frames_.size(); ++d) {
    const FrameState& fs = frames_[d];
    if (!fs.recorded) continue;
    if (!first) body += ',';
    first = false;
    body += "{\"frame\":";
    AppendUInt(body, fs.id);
    body += ",\"function\":";
    AppendUInt(body, fs.function);
    body += ",\"depth\":";
    AppendUInt(body, d);
    body += ",\"regs\":{";
    AppendRegisters(body, fs, 0, fs.shadow.size());
    body += "}}";
  }
  body += "],\"heap\":[";
  std::vector<std::pair<uint32_t, Cell*>> cells;
  for (const auto& [cell, cid] : ids_) {
    if (cid.user) cells.emplace_back(cid.id, const_cast<Cell*>(cell));
  }
  std::sort(cells.begin(), cells.end());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) body += ",\n";
    body += '[';
    AppendUInt(body, cells[i].first);
    body += ',';
    AppendContents(body, cells[i].second);
    body += ']';
  }
  body += ']';
  AppendLoopState(body);
  body += ",\"e\":[";
  body += intros_;
  body += "]}}";
  intros_.clear();
  BeginRecordText();
  out_.Raw(body);
}

void JsonTracer::Stop() {
  SetWriteObserver(nullptr);
  stopped_ = true;
  truncated_ = true;
  open_frames_at_stop_ = OpenFrames();
}

// ---------------------------------------------------------------- frames

void JsonTracer::OnCall(const Frame& callee) {
  if (stopped_) return;
  interrupted_ = true;
  size_t depth = DepthOf(callee);
  if (frames_.size() <= depth) frames_.resize(depth + 1);
  FrameState& fs = frames_[depth];
  fs.id = next_frame_id_++;
  fs.function = FunctionIndex(callee.info);
  fs.recorded = functions_[fs.function].selected;
  uint32_t params = callee.info->param_count;
  fs.regs = callee.fp + reg::Receiver(static_cast<int32_t>(params));
  fs.shadow.assign(fs.regs, fs.regs + params + 3 + callee.info->register_count);
  if (!fs.recorded) return;
  std::string& e = BeginEvent("call");
  e += ",{\"frame\":";
  AppendUInt(e, fs.id);
  AppendFields(e, "function", fs.function, "closure", callee.function, "depth", depth, "new",
               callee.new_target.IsObject(), "entry", callee.is_entry);
  e += ",\"regs\":{";
  AppendRegisters(e, fs, 0, params + 3);
  e += "}}]";
}

void JsonTracer::OnReturn(const Frame& frame, Value result) {
  if (stopped_) return;
  interrupted_ = true;
  last_result_ = result;
  const FrameState& fs = frames_[DepthOf(frame)];
  if (fs.recorded) Event("return", fs.id, result);
}

void JsonTracer::UnwindNatives(size_t depth) {
  while (!natives_.empty() && natives_.back().depth >= depth) {
    if (natives_.back().recorded) Event("nativeUnwind");
    natives_.pop_back();
  }
}

void JsonTracer::OnUnwind(const Frame& frame) {
  if (stopped_) return;
  interrupted_ = true;
  size_t depth = DepthOf(frame);
  UnwindNatives(depth);
  const FrameState& fs = frames_[depth];
  if (fs.recorded) Event("unwind", fs.id);
}

void JsonTracer::OnCatch(const Frame& frame, Value exception) {
  if (stopped_) return;
  interrupted_ = true;
  size_t depth = DepthOf(frame);
  UnwindNatives(depth);
  const FrameState& fs = frames_[depth];
  if (fs.recorded) Event("catch", fs.id, exception);
}

void JsonTracer::BeginNative(const Frame& frame, Value callee, bool construct) {
  size_t depth = DepthOf(frame);
  bool recorded = frames_[depth].recorded;
  natives_.push_back({depth, recorded});
  if (recorded) Event("native", callee, TraceCalleeName(callee), construct);
}

void JsonTracer::OnNativeReturn(const Frame& /*frame*/, Value result) {
  if (stopped_ || natives_.empty()) return;
  bool recorded = natives_.back().recorded;
  natives_.pop_back();
  if (recorded) Event("nativeReturn", result);
}

void JsonTracer::OnPushContext(const Frame& frame, Value context) {
  if (!stopped_ && frames_[DepthOf(frame)].recorded) Event("push", context, context_before_);
}

void JsonTracer::OnPopContext(const Frame& frame, Value context) {
  if (!stopped_ && frames_[DepthOf(frame)].recorded) Event("pop", context, context_before_);
}

void JsonTracer::OnOutput(int stream, std::string_view text) {
  if (!stopped_) Event("out", stream, text);
}

void JsonTracer::OnRegExpRun(const RegExpRun& run) {
  if (stopped_) return;
  std::string j = "{\"pattern\":";
  AppendJsonString(j, Utf16ToUtf8(run.pattern));
  AppendFields(j, "flags", run.flags, "subject", run.subject, "lastIndex", run.last_index);
  // The match: [start, end] of each group (null: unmatched), and the texts as values.
  std::string result = "null", captures = "null";
  if (run.captures) {
    result = "[";
    captures = "[";
    std::u16string_view subject = run.subject.AsString()->view();
    for (uint32_t g = 0; g < run.groups; ++g) {
      if (g > 0) result += ',', captures += ',';
      int32_t b = run.captures[2 * g], e = run.captures[2 * g + 1];
      if (b < 0) {
        result += "null";
        captures += "\"undefined\"";
        continue;
      }
      AppendArray(result, b, e);
      AppendStringValue(captures, subject.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
    }
    result += ']';
    captures += ']';
  }
  AppendFields(j, "result", Json{result}, "captures", Json{captures}, "backtracks", run.backtracks);
  j += '}';
  Event("regexp", Json{j});
}

// ---------------------------------------------------------------- jobs, timers, generators

void JsonTracer::AppendSite(std::string& out) {
  out += ",\"site\":";
  const Frame* frame = rt_.interpreter().current_frame();
  if (!frame || !frame->pc || !frame->info) {
    out += "null";
    return;
  }
  auto offset = static_cast<uint32_t>(frame->pc - frame->info->bytecode.data());
  uint32_t src = 0, line = 0, col = 0;
  if (frame->info->script && frame->info->SourceOffsetAt(offset, &src)) frame->info->script->LineCol(src, &line, &col);
  out += "{\"function\":";
  AppendUInt(out, FunctionIndex(frame->info));
  AppendFields(out, "offset", offset, "line", line, "column", col);
  out += '}';
}

void JsonTracer::BeginTaskRecord() {
  CompleteInstruction();
  const std::vector<Frame>& frames = rt_.interpreter().frames();
  if (pending_ != Pending::kNone) CloseRecord(frames.empty() ? last_result_ : frames.back().acc);
  pending_ = Pending::kGap;
  gap_steps_ = 0;
  pending_n_ = rt_.interpreter().steps();
}

void JsonTracer::AppendLoopState(std::string& out) const {
  out += ",\"jobs\":[";
  for (size_t i = 0; i < queued_jobs_.size(); ++i) {
    if (i) out += ',';
    out += queued_jobs_[i].second;
  }
  out += "],\"timers\":[";
  bool first = true;
  for (const auto& [id, t] : timers_) {
    if (!first) out += ',';
    first = false;
    out += t.json;
    out.pop_back();  // the closing brace: "due" changes as an interval repeats
    out += ",\"due\":";
    out += t.due < 0 ? "null" : MsText(t.due);
    out += '}';
  }
  out += "],\"suspended\":[";
  first = true;
  for (const auto& [id, json] : suspended_) {
    if (!first) out += ',';
    first = false;
    out += json;
  }
  out += "],\"running\":";
  out += running_;
  out += ",\"now\":";
  out += MsText(loop_now_);
}

void JsonTracer::OnJobEnqueued(const Job& job) {
  if (stopped_) return;
  std::string j = "{\"job\":";
  AppendUInt(j, job.id);
  AppendFields(j, "kind", JobKindName(job.kind), "handler", JobHandler(job));
  AppendSite(j);
  j += '}';
  Event("jobEnqueue", Json{j});
  queued_jobs_.emplace_back(job.id, std::move(j));
}

void JsonTracer::OnJobStart(const Job& job) {
  if (stopped_) return;
  BeginTaskRecord();
  std::erase_if(queued_jobs_, [&](const auto& q) { return q.first == job.id; });
  running_ = "{\"job\":" + std::to_string(job.id) + "}";
  Event("jobStart", job.id);
}

void JsonTracer::OnJobEnd(const Job& job) {
  if (stopped_) return;
  running_ = "null";
  Event("jobEnd", job.id);
}

void JsonTracer::OnTimerArmed(uint32_t id, double delay_ms, bool repeat, Value callback) {
  if (stopped_) return;
  TimerState t;
  t.delay = delay_ms;
  t.repeat = repeat;
  t.due = delay_ms < 0 ? -1 : loop_now_ + delay_ms;
  t.json = "{\"timer\":";
  AppendUInt(t.json, id);
  AppendFields(t.json, "kind", delay_ms < 0 ? "immediate" : repeat ? "interval" : "timeout", "delay",
               Json{delay_ms < 0 ? "null" : MsText(delay_ms)}, "callback", callback);
  AppendSite(t.json);
  t.json += '}';
  std::string event = t.json;
  event.pop_back();
  event += ",\"due\":";
  event += t.due < 0 ? "null" : MsText(t.due);
  event += '}';
  Event("timerArm", Json{event});
  timers_[id] = std::move(t);
}

void JsonTracer::OnTimerFired(uint32_t id) {
  if (stopped_) return;
  BeginTaskRecord();
  auto it = timers_.find(id);
  std::string next = "null";
  if (it != timers_.end()) {
    TimerState& t = it->second;
    if (t.due > loop_now_) loop_now_ = t.due;
    if (t.repeat) {
      t.due = loop_now_ + t.delay;
      next = MsText(t.due);
    } else {
      timers_.erase(it);
    }
  }
  running_ = "{\"timer\":" + std::to_string(id) + "}";
  std::string j = "{\"timer\":";
  AppendUInt(j, id);
  AppendFields(j, "now", Json{MsText(loop_now_)}, "next", Json{next});
  j += '}';
  Event("timerFire", Json{j});
}

void JsonTracer::OnTimerDone(uint32_t id) {
  if (stopped_) return;
  running_ = "null";
  Event("timerDone", id);
}

void JsonTracer::OnTimerCleared(uint32_t id) {
  if (stopped_) return;
  timers_.erase(id);
  Event("timerClear", id);
}

void JsonTracer::OnSuspend(const Frame& frame, Value generator, Value result) {
  if (stopped_) return;
  const FrameState& fs = frames_[DepthOf(frame)];
  if (fs.recorded && generator.IsCellOfKind(CellKind::kGenerator)) {
    auto* gen = static_cast<GeneratorObject*>(generator.AsCell());
    std::string j = "{\"generator\":";
    AppendValue(j, generator);
    AppendFields(j, "kind", GeneratorKindText(gen->generator_kind()), "function", fs.function, "frame", fs.id,
                 "context", gen->context(), "value", result);
    AppendSite(j);
    // What it keeps besides its context: its parameters and locals (r0...)
    // that hold something.
    j += ",\"regs\":{";
    const std::vector<std::string>& names = functions_[fs.function].reg_names;
    bool first = true;
    for (size_t i = 1; i < fs.shadow.size(); ++i) {
      if (fs.regs[i].IsUndefined() || names[i] == "<closure>" || names[i] == "<context>") continue;
      if (!first) j += ',';
      first = false;
      AppendJsonString(j, names[i]);
      j += ':';
      AppendValue(j, fs.regs[i]);
    }
    j += "}}";
    Event("suspend", Json{j});
    uint32_t id = IdOf(gen);
    suspended_[id] = std::move(j);
    suspended_cells_[gen] = id;
  }
  OnReturn(frame, result);
}

void JsonTracer::OnResume(const Frame& frame, Value generator) {
  if (stopped_) return;
  OnCall(frame);
  FrameState& fs = frames_[DepthOf(frame)];
  // The call event lists <this>, the parameters, <closure> and <context>;
  // the other registers start as undefined for a reader, so r0 (the
  // generator) is reported with the step's registers.
  size_t named = frame.info->param_count + 3;
  for (size_t i = named; i < fs.shadow.size(); ++i) fs.shadow[i] = Value::Undefined();
  if (!generator.IsCell()) return;
  if (auto g = suspended_cells_.find(generator.AsCell()); g != suspended_cells_.end()) {
    suspended_.erase(g->second);
    suspended_cells_.erase(g);
  }
  if (fs.recorded) {
    std::string j = "{\"generator\":";
    AppendValue(j, generator);
    AppendFields(j, "frame", fs.id);
    j += '}';
    Event("resume", Json{j});
  }
}

// ---------------------------------------------------------------- heap

void JsonTracer::OnAllocate(Cell* cell, size_t bytes) {
  if (stopped_) return;
  CellKind kind = cell->kind();
  if (!IsTrackedKind(kind)) return;
  uint32_t id = next_id_++;
  ids_.insert_or_assign(cell, CellId{id, true});
  new_cells_.emplace_back(cell, id);
  if (kind == CellKind::kContext) {
    auto* c = static_cast<Context*>(cell);
    std::optional<uint32_t> scope;
    if (c->scope_info()) scope = ScopeIndex(c->scope_info());
    Event("context", id, bytes, scope, c->previous());
    if (c->scope_info() && c->scope_info()->module_info()) module_contexts_.push_back(c);
  } else if (kind == CellKind::kFunction) {
    auto* f = static_cast<Function*>(cell);
    uint32_t function = FunctionIndex(f->info());
    Event("closure", id, bytes, function, f->context());
  } else {
    Event("new", id, bytes, CellKindName(kind));
  }
}

void JsonTracer::OnCollectStart(const char* /*reason*/, size_t /*heap_bytes*/) {
  freed_ids_.clear();
  // How the objects written in this step were, rendered while what they
  // pointed to still exists (the sweep may free it and reuse its address).
  for (auto& [cell, written] : written_cells_) {
    if (!written.rendered) written.rendered = Render(static_cast<const Object*>(cell), written.raw);
  }
}

void JsonTracer::OnFree(Cell* cell) {
  switch (cell->kind()) {
    case CellKind::kFunctionInfo:
      function_index_.erase(static_cast<FunctionInfo*>(cell));
      return;
    case CellKind::kScopeInfo:
      scope_index_.erase(static_cast<ScopeInfo*>(cell));
      return;
    case CellKind::kScript:
      script_index_.erase(static_cast<Script*>(cell));
      return;
    case CellKind::kContext:
      aliased_.erase(static_cast<Context*>(cell));
      break;
    default:
      break;
  }
  if (cell == last_written_) last_written_ = nullptr;
  if (!written_cells_.empty()) written_cells_.erase(cell);
  auto it = ids_.find(cell);
  if (it == ids_.end()) return;
  if (auto g = suspended_cells_.find(cell); g != suspended_cells_.end()) {
    suspended_.erase(g->second);
    suspended_cells_.erase(g);
  }
  if (!stopped_) freed_ids_.push_back(it->second.id);
  ids_.erase(it);
}

void JsonTracer::OnCollectEnd(const CollectionRecord& r) {
  if (stopped_) return;
  ++collections_;
  std::sort(freed_ids_.begin(), freed_ids_.end());
  std::string ids;
  for (size_t i = 0; i < freed_ids_.size(); ++i) {
    if (i) ids += ',';
    AppendUInt(ids, freed_ids_[i]);
  }
  std::string fields = "{\"reason\":";
  AppendJsonString(fields, r.reason);
  AppendFields(fields, "before", r.before_bytes, "after", r.after_bytes, "live", r.live_objects, "freed",
               r.freed_objects, "freedBytes", r.freed_bytes, "pauseMs", Json{std::to_string(r.pause_ms)}, "weakCleared",
               r.weak_cleared, "finalizersQueued", r.finalizers_queued, "freedIds", Json{"[" + ids + "]"});
  fields += '}';
  Event("gc", Json{fields});
  freed_ids_.clear();
}

}  // namespace jsvm
