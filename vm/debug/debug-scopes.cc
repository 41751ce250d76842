// [[Scopes]] from context chains. The rules are V8's (debug-scopes.cc and the
// inspector's description of each scope), as ../shared/reference/v8-semantics.md
// records them; docs/scopes.md walks through an example.
#include "vm/debug/debug-scopes.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "vm/builtins/builtins.h"
#include "vm/objects/bigint.h"
#include "vm/objects/function.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"
#include "vm/execution/runtime.h"
#include "vm/modules/module-record.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

const char* EntryType(ScopeType type) {
  switch (type) {
    case ScopeType::kFunction: return "closure";
    case ScopeType::kEval: return "closure";  // V8 reports eval contexts as Closure scopes
    case ScopeType::kBlock: return "block";
    case ScopeType::kClass: return "block";   // a class scope is a block context in V8
    case ScopeType::kCatch: return "catch";
    case ScopeType::kWith: return "with";
    case ScopeType::kScript: return "script";
    case ScopeType::kModule: return "module";
  }
  return "block";
}

// Slots [[Scopes]] never shows: the receiver, a named function expression's
// own name, compiler temporaries (names starting with '.' or '#').
bool IsHiddenSlot(const ScopeInfo* si, uint32_t i) {
  switch (si->mode(i)) {
    case VariableMode::kThis:
    case VariableMode::kFunctionName:
    case VariableMode::kInternal:
      return true;
    default:
      break;
  }
  const String* name = si->name(i);
  if (!name) return true;
  std::u16string_view n = name->view();
  return n.empty() || n[0] == u'.' || n[0] == u'#' || n == u"this";
}

// V8 names every scope after the nearest *function* context at or beyond
// it in the chain (Context::closure_context(), which also stops at script and
// eval contexts, whose names are empty).
std::string DebugNameOf(const Context* c) {
  for (; c; c = c->previous()) {
    const ScopeInfo* si = c->scope_info();
    if (!si) continue;
    switch (si->type()) {
      case ScopeType::kFunction:
        return si->function_name() ? si->function_name()->ToUtf8() : "";
      case ScopeType::kScript:
      case ScopeType::kEval:
        return "";
      default:
        break;
    }
  }
  return "";
}

// Variables sorted as JavaScript sorts strings (by UTF-16 code units); a
// later Add of the same name replaces the value.
class VariableSet {
 public:
  void Add(const String* name, Value value) { vars_[std::u16string(name->view())] = RenderScopeValue(value); }
  void AddVisibleSlots(const Context* c) {
    const ScopeInfo* si = c->scope_info();
    for (uint32_t i = 0; i < si->slot_count() && i < c->var_count(); ++i) {
      if (!IsHiddenSlot(si, i)) Add(si->name(i), c->get(Context::kFirstSlot + i));
    }
  }
  // The own string-keyed properties of a context's extension object: a with
  // scope's object, or the variables a sloppy direct eval declared (V8 lists
  // both as the scope's variables; accessors are not called).
  void AddExtension(Runtime& rt, const Context* c) {
    if (!c->scope_info()->has_extension() || c->var_count() == 0) return;
    Value ext = c->get(Context::kFirstSlot);
    if (!ext.IsObject()) return;
    Rooted<Object*> obj(rt, ext.AsObject());
    for (PropertyKey key : OwnPropertyKeys(rt, obj, kKeysStrings)) {
      OwnProperty p;
      if (key.IsIndex() || !GetOwnProperty(rt, obj, key, &p)) continue;  // indices are no variable names
      Add(static_cast<String*>(key.cell()), (p.attrs & kAttrAccessor) ? Value::Undefined() : p.value);
    }
  }
  // A module context's module cells: its imports and its exported
  // variables (V8 lists them with the context's own variables).
  void AddModuleCells(const Context* c) {
    const ModuleInfo* info = c->scope_info()->module_info();
    if (!info) return;
    for (const ModuleInfo::CellSlot& slot : info->CellSlots()) {
      const Box* cell = ModuleCellOf(c, slot.cell);
      if (cell && slot.name->view().substr(0, 1) != u".") Add(slot.name, cell->value);  // not `.default`
    }
  }
  bool empty() const { return vars_.empty(); }
  std::vector<ScopeVariable> Take() const {
    std::vector<ScopeVariable> out;
    out.reserve(vars_.size());
    for (const auto& [name, value] : vars_) out.push_back({Utf16ToUtf8(name), value});
    return out;
  }

 private:
  std::map<std::u16string, std::string> vars_;
};

std::string RenderNumber(double d) {
  if (d == 0 && std::signbit(d)) return "-0";
  return NumberToStdString(d);  // NaN, Infinity and -Infinity as written
}

std::string RenderObject(const Object* o) {
  if (o->IsCallable()) return "<function>";
  switch (o->kind()) {
    case CellKind::kArray: return "<array>";
    case CellKind::kArguments: return "<arguments>";
    case CellKind::kError: return "<error>";
    case CellKind::kMap: return "<map>";
    case CellKind::kSet: return "<set>";
    default: return "<object>";
  }
}

}  // namespace

std::string RenderScopeValue(Value v) {
  if (v.IsUndefined() || v.IsHole() || v.IsEmpty()) return "undefined";  // TDZ reads as undefined
  if (v.IsNull()) return "null";
  if (v.IsBoolean()) return v.AsBoolean() ? "true" : "false";
  if (v.IsNumber()) return RenderNumber(v.AsNumber());
  if (v.IsString()) {
    std::u16string quoted;
    JsonQuote(v.AsString()->view(), quoted);
    return Utf16ToUtf8(quoted);
  }
  if (v.IsSymbol()) {
    // Private names never appear in [[Scopes]]; traces show what they are.
    const Symbol* s = v.AsSymbol();
    std::string d = s->description().IsString() ? s->description().AsString()->ToUtf8() : "";
    if (s->private_kind() == PrivateKind::kBrand) return "<private brand of class " + d + ">";
    if (s->is_private()) return "<private name " + d + ">";
    return "<symbol>";
  }
  if (v.IsBigInt()) {
    // As node prints it (123n); a long one as its digit count and first digits.
    std::string digits = BigIntToString(v.AsBigInt());
    size_t count = digits.size() - (digits[0] == '-' ? 1 : 0);
    if (count <= kBigIntDigitsShown) return digits + "n";
    return "<bigint " + std::to_string(count) + " digits " + digits.substr(0, kBigIntDigitsShown / 2) + "...n>";
  }
  if (v.IsObject()) return RenderObject(v.AsObject());
  return "<object>";
}

std::vector<ScopeEntry> CollectScopes(Runtime& rt, Object* callable) {
  std::vector<ScopeEntry> scopes;
  // Only closures compiled from source have a context chain; V8 likewise
  // gives bound functions no [[Scopes]] and built-ins an empty list.
  if (callable->kind() != CellKind::kFunction) return scopes;
  VariableSet script;
  for (const Context* c = static_cast<Function*>(callable)->context(); c; c = c->previous()) {
    const ScopeInfo* si = c->scope_info();
    if (!si) continue;
    if (si->type() == ScopeType::kScript) {
      script.AddVisibleSlots(c);
      continue;
    }
    VariableSet vars;
    vars.AddVisibleSlots(c);
    vars.AddModuleCells(c);
    if (si->type() != ScopeType::kModule) vars.AddExtension(rt, c);
    // V8 drops scopes without visible variables (with scopes excepted).
    if (vars.empty() && si->type() != ScopeType::kWith) continue;
    scopes.push_back({EntryType(si->type()), DebugNameOf(c), vars.Take()});
  }
  // The script scope lists the top-level lexicals of every script run in the
  // realm (V8's script context table; a later declaration of a name wins),
  // whether or not this closure's chain passes through their context, and
  // sits just before global.
  for (const auto& [name, binding] : rt.script_bindings()) {
    if (binding.mode == VariableMode::kThis || binding.mode == VariableMode::kInternal) continue;
    script.Add(name, binding.context->get(binding.slot));
  }
  if (!script.empty()) scopes.push_back({"script", "", script.Take()});
  scopes.push_back({"global", "", {}});  // the global object's properties are left out
  return scopes;
}

ScopeInspection InspectScopes(Runtime& rt, Value fn, Value label) {
  // The order of v8-scopes' inspect(): check fn, String(label), walk the
  // scopes, then read fn.name.
  if (!IsCallable(fn)) rt.ThrowTypeError("__inspect: first argument must be a function");
  Rooted<Object*> callable(rt, fn.AsObject());
  ScopeInspection inspection;
  inspection.label = ToString(rt, label)->ToUtf8();
  inspection.scopes = CollectScopes(rt, callable);
  Value name = GetProperty(rt, callable, PropertyKey::Named(rt.names().name));
  if (name.IsString()) inspection.function = name.AsString()->ToUtf8();
  return inspection;
}

}  // namespace jsvm
