#include "vm/interpreter/lookup-slots.h"

#include "vm/builtins/builtins.h"
#include "vm/execution/handles.h"
#include "vm/execution/operations.h"
#include "vm/objects/object-ops.h"

namespace jsvm {

namespace {

// Where a name resolved: a context slot, or a property of an object (a with
// scope's object, a function's eval-declared variables, the global object).
struct Binding {
  enum class Kind : uint8_t { kNone, kSlot, kObject };
  Kind kind = Kind::kNone;
  Context* context = nullptr;
  uint32_t slot = 0;
  VariableMode mode = VariableMode::kVar;
  Object* holder = nullptr;
  bool with = false;  // holder is a with scope's object (the receiver of calls)
};

bool IsLexicalMode(VariableMode m) {
  return m == VariableMode::kLet || m == VariableMode::kConst || m == VariableMode::kClassName;
}

// The object in a context's extension slot, or nullptr.
Object* ExtensionOf(const Context* c) {
  if (!c->scope_info()->has_extension()) return nullptr;
  Value e = c->get(Context::kFirstSlot);
  return e.IsObject() ? e.AsObject() : nullptr;
}

// HasBinding of an object environment record with `with` semantics:
// a property named in the object's @@unscopables is not a binding.
bool WithHasBinding(Runtime& rt, Object* obj, PropertyKey key) {
  if (!HasProperty(rt, obj, key)) return false;
  Rooted<Object*> robj(rt, obj);
  Value unscopables = GetProperty(rt, robj, PropertyKey::Named(StateOf(rt).unscopables));
  if (!unscopables.IsObject()) return true;
  return !ToBoolean(GetProperty(rt, unscopables.AsObject(), key));
}

// Slot of `name` among a context's named slots (0 when absent).
uint32_t FindSlot(const ScopeInfo* si, const String* name) {
  for (uint32_t i = 0; i < si->slot_count(); ++i) {
    if (si->name(i) == name) return Context::kFirstSlot + i;
  }
  return 0;
}

Binding Resolve(Runtime& rt, Context* start, String* name) {
  PropertyKey key = rt.KeyFor(name);
  Binding b;
  // Contexts are never moved and stay reachable from the running frame, so
  // the chain may be walked with raw pointers across calls into JavaScript.
  for (Context* c = start; c; c = c->previous()) {
    const ScopeInfo* si = c->scope_info();
    if (si->type() == ScopeType::kWith) {
      Object* obj = ExtensionOf(c);
      if (obj && WithHasBinding(rt, obj, key)) {
        b.kind = Binding::Kind::kObject;
        b.holder = obj;
        b.with = true;
        return b;
      }
      continue;
    }
    if (uint32_t slot = FindSlot(si, name)) {
      b.kind = Binding::Kind::kSlot;
      b.context = c;
      b.slot = slot;
      b.mode = si->mode(slot - Context::kFirstSlot);
      return b;
    }
    if (Object* ext = ExtensionOf(c); ext && HasOwnProperty(rt, ext, key)) {
      b.kind = Binding::Kind::kObject;
      b.holder = ext;
      return b;
    }
  }
  if (const Runtime::ScriptBinding* sb = rt.FindScriptBinding(name)) {
    b.kind = Binding::Kind::kSlot;
    b.context = sb->context;
    b.slot = sb->slot;
    b.mode = sb->mode;
    return b;
  }
  if (HasProperty(rt, rt.global(), key)) {
    b.kind = Binding::Kind::kObject;
    b.holder = rt.global();
  }
  return b;
}

[[noreturn]] void ThrowNotDefined(Runtime& rt, String* name) { rt.ThrowReferenceError(name->ToUtf8() + " is not defined"); }

[[noreturn]] void ThrowTdz(Runtime& rt, String* name) {
  rt.ThrowReferenceError("Cannot access '" + name->ToUtf8() + "' before initialization");
}

}  // namespace

Value LoadLookupSlot(Runtime& rt, Context* context, String* name, bool inside_typeof, Value* receiver) {
  Rooted<String*> rname(rt, name);
  Binding b = Resolve(rt, context, name);
  if (receiver) *receiver = Value::Undefined();
  switch (b.kind) {
    case Binding::Kind::kSlot: {
      Value v = b.context->get(b.slot);
      if (v.IsHole()) ThrowTdz(rt, rname);
      return v;
    }
    case Binding::Kind::kObject: {
      Rooted<Object*> holder(rt, b.holder);
      Value v = GetProperty(rt, holder, rt.KeyFor(rname));
      if (receiver && b.with) *receiver = Value::FromCell(holder.get());
      return v;
    }
    case Binding::Kind::kNone:
      break;
  }
  if (inside_typeof) return Value::Undefined();
  ThrowNotDefined(rt, rname);
}

void StoreLookupSlot(Runtime& rt, Context* context, String* name, Value value, bool strict) {
  Rooted<String*> rname(rt, name);
  Rooted<Value> rvalue(rt, value);
  Binding b = Resolve(rt, context, name);
  switch (b.kind) {
    case Binding::Kind::kSlot:
      if (b.mode == VariableMode::kConst || b.mode == VariableMode::kClassName ||
          (b.mode == VariableMode::kFunctionName && strict)) {
        if (b.context->get(b.slot).IsHole()) ThrowTdz(rt, rname);
        rt.ThrowTypeError("Assignment to constant variable.");
      }
      if (b.mode == VariableMode::kFunctionName) return;  // sloppy: a named function expression's name ignores writes
      if (b.context->get(b.slot).IsHole() && IsLexicalMode(b.mode)) ThrowTdz(rt, rname);
      b.context->set(b.slot, rvalue);
      return;
    case Binding::Kind::kObject: {
      Rooted<Object*> holder(rt, b.holder);
      PropertyKey key = rt.KeyFor(rname);
      // A with object's property deleted meanwhile: strict code may not recreate it.
      if (strict && b.with && !HasProperty(rt, holder, key)) ThrowNotDefined(rt, rname);
      SetProperty(rt, holder, key, rvalue, strict);
      return;
    }
    case Binding::Kind::kNone:
      break;
  }
  if (strict) ThrowNotDefined(rt, rname);
  SetProperty(rt, rt.global(), rt.KeyFor(rname), rvalue, false);
}

Context* VarScopeContext(Context* context) {
  Context* c = context;
  while (c && c->scope_info()->type() != ScopeType::kFunction) c = c->previous();
  return c;
}

bool DeleteLookupSlot(Runtime& rt, Context* context, String* name) {
  Rooted<String*> rname(rt, name);
  Binding b = Resolve(rt, context, name);
  switch (b.kind) {
    case Binding::Kind::kSlot: return false;
    case Binding::Kind::kObject: return DeleteProperty(rt, b.holder, rt.KeyFor(rname));
    case Binding::Kind::kNone: return true;
  }
  return true;
}

bool HasContextExtension(Context* context, uint32_t depth) {
  for (Context* c = context; c && depth > 0; c = c->previous(), --depth) {
    if (ExtensionOf(c)) return true;
  }
  return false;
}

void CheckGlobalDeclaration(Runtime& rt, String* name, bool function) {
  Rooted<String*> rname(rt, name);
  Rooted<Object*> global(rt, rt.global());
  OwnProperty existing;
  if (!GetOwnProperty(rt, global, rt.KeyFor(rname), &existing)) {
    if (!IsExtensible(rt, global)) {
      rt.ThrowTypeError("Cannot add property " + rname->ToUtf8() + ", object is not extensible");
    }
    return;
  }
  if (!function || (existing.attrs & kAttrConfigurable)) return;
  bool writable_data = !(existing.attrs & kAttrAccessor) && (existing.attrs & kAttrWritable) &&
                       (existing.attrs & kAttrEnumerable);
  if (!writable_data) rt.ThrowTypeError("Identifier '" + rname->ToUtf8() + "' has already been declared");
}

void DeclareEvalVar(Runtime& rt, Context* context, String* name, bool in_parameters, bool function) {
  Rooted<String*> rname(rt, name);
  PropertyKey key = rt.KeyFor(name);
  auto redeclared = [&]() { rt.ThrowSyntaxError("Identifier '" + rname->ToUtf8() + "' has already been declared"); };
  for (Context* c = context; c; c = c->previous()) {
    const ScopeInfo* si = c->scope_info();
    if (si->type() == ScopeType::kWith) continue;
    uint32_t slot = FindSlot(si, name);
    if (slot && IsLexicalMode(si->mode(slot - Context::kFirstSlot))) redeclared();
    // Eval code in a parameter list may not redeclare a parameter, nor the
    // arguments object of the function (EvalDeclarationInstantiation).
    if (slot && in_parameters && (si->mode(slot - Context::kFirstSlot) == VariableMode::kParam ||
                                  si->mode(slot - Context::kFirstSlot) == VariableMode::kArguments)) {
      redeclared();
    }
    if (si->type() != ScopeType::kFunction) continue;
    // The var scope: the nearest function.
    if (slot) return;  // a var, parameter or function of that name: the same binding
    if (!si->has_extension()) {
      rt.ThrowTypeError("invalid bytecode: eval declares a var in a function without an extension slot");
    }
    Rooted<Context*> rc(rt, c);
    Object* ext = ExtensionOf(c);
    if (!ext) {
      ext = rt.NewObject(nullptr);
      rc->set(Context::kFirstSlot, Value::FromCell(ext));
    }
    if (!HasOwnProperty(rt, ext, key)) {
      DefineRaw(rt, ext, key, Value::Undefined(), kAttrWritable | kAttrEnumerable | kAttrConfigurable);
    }
    return;
  }
  // Eval code of the script: a configurable global property.
  if (const Runtime::ScriptBinding* sb = rt.FindScriptBinding(rname); sb && IsLexicalMode(sb->mode)) redeclared();
  CheckGlobalDeclaration(rt, rname, function);
  Rooted<Object*> global(rt, rt.global());
  OwnProperty existing;
  bool exists = GetOwnProperty(rt, global, key, &existing);
  if (!exists || (function && (existing.attrs & kAttrConfigurable))) {
    // CreateGlobalFunctionBinding redefines a configurable property; the
    // function is stored when the eval code's declarations are instantiated.
    DefineRaw(rt, global, key, Value::Undefined(), kAttrWritable | kAttrEnumerable | kAttrConfigurable);
  }
}

}  // namespace jsvm
