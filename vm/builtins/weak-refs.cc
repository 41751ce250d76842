// WeakRef and FinalizationRegistry (ECMA-262 26.1, 26.2), the weak
// callback that clears them after marking, the [[KeptAlive]] list, the
// host's cleanup task, and --expose-gc's gc().
//
// The collector never runs JavaScript: SweepWeakRefs only moves the held
// values of dead targets to their registry's pending list and queues the
// registry; the event loop runs the cleanup callbacks later as a task of
// their own (RunFinalizationCleanups), as node does.
#include <algorithm>

#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/objects/collections.h"

namespace jsvm {

namespace {

bool IsMarkedValue(Runtime& rt, Value v) { return !v.IsCell() || rt.heap().IsMarked(v.AsCell()); }

template <class T>
T* ThisOf(Runtime& rt, Value v, const char* method) {
  if (v.IsObject()) {
    if (auto* o = dynamic_cast<T*>(v.AsObject())) return o;
  }
  rt.ThrowTypeError(std::string("Method ") + method + " called on incompatible receiver " + DescribeForError(rt, v));
}

// AddToKeptObjects.
void KeepDuringJob(Runtime& rt, Value target) { StateOf(rt).kept_objects.push_back(target); }

// ---- WeakRef

Value WeakRefConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) rt.ThrowTypeError("Constructor WeakRef requires 'new'");
  Rooted<Value> target(rt, args[0]);
  if (!CanBeHeldWeakly(rt, target)) rt.ThrowTypeError("WeakRef: invalid target");
  Object* fallback = GetProperty(rt, args.callee, PropertyKey::Named(rt.names().prototype)).AsObject();
  Rooted<Object*> proto(rt, GetPrototypeFromConstructor(rt, args.new_target, fallback));
  auto* ref = rt.heap().New<WeakRefObject>(proto.get(), target.get());
  StateOf(rt).weak_refs.push_back(ref);
  KeepDuringJob(rt, target);
  return Value::FromCell(ref);
}

Value WeakRefDeref(Runtime& rt, CallArgs& args) {
  Value target = ThisOf<WeakRefObject>(rt, args.this_value, "WeakRef.prototype.deref")->target();
  if (!target.IsUndefined()) KeepDuringJob(rt, target);
  return target;
}

// ---- FinalizationRegistry

Value FinalizationRegistryConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) rt.ThrowTypeError("Constructor FinalizationRegistry requires 'new'");
  Rooted<Value> cleanup(rt, args[0]);
  if (!IsCallable(cleanup)) rt.ThrowTypeError("FinalizationRegistry: cleanup must be callable");
  Object* fallback = GetProperty(rt, args.callee, PropertyKey::Named(rt.names().prototype)).AsObject();
  Rooted<Object*> proto(rt, GetPrototypeFromConstructor(rt, args.new_target, fallback));
  auto* registry = rt.heap().New<FinalizationRegistryObject>(proto.get(), cleanup.get());
  StateOf(rt).finalization_registries.push_back(registry);
  return Value::FromCell(registry);
}

[[noreturn]] void ThrowInvalidToken(Runtime& rt, Value token) {
  rt.ThrowTypeError("Invalid unregisterToken ('" + DescribeForError(rt, token) + "')");
}

Value FinalizationRegistryRegister(Runtime& rt, CallArgs& args) {
  auto* registry = ThisOf<FinalizationRegistryObject>(rt, args.this_value, "FinalizationRegistry.prototype.register");
  Value target = args[0], held = args[1], token = args[2];
  if (!CanBeHeldWeakly(rt, target)) rt.ThrowTypeError("FinalizationRegistry.prototype.register: invalid target");
  if (SameValue(target, held)) {
    rt.ThrowTypeError("FinalizationRegistry.prototype.register: target and holdings must not be same");
  }
  if (!CanBeHeldWeakly(rt, token)) {
    if (!token.IsUndefined()) ThrowInvalidToken(rt, token);
    token = Value::Empty();
  }
  registry->records().push_back({target, held, token});
  return Value::Undefined();
}

Value FinalizationRegistryUnregister(Runtime& rt, CallArgs& args) {
  auto* registry =
      ThisOf<FinalizationRegistryObject>(rt, args.this_value, "FinalizationRegistry.prototype.unregister");
  Value token = args[0];
  if (!CanBeHeldWeakly(rt, token)) ThrowInvalidToken(rt, token);
  size_t removed = std::erase_if(registry->records(), [&](const FinalizationRegistryObject::Record& r) {
    return !r.token.IsEmpty() && SameValue(r.token, token);
  });
  return Value::Boolean(removed > 0);
}

// gc(): a full collection now (--expose-gc, as node's).
Value GcFunction(Runtime& rt, CallArgs&) {
  rt.heap().Collect("gc()");
  return Value::Undefined();
}

}  // namespace

void SweepWeakRefs(Runtime& rt) {
  BuiltinsState& s = StateOf(rt);
  Heap& heap = rt.heap();
  std::erase_if(s.weak_refs, [&heap](Cell* c) { return !heap.IsMarked(c); });
  size_t cleared = 0;
  for (Cell* c : s.weak_refs) {
    auto* ref = static_cast<WeakRefObject*>(c);
    if (!IsMarkedValue(rt, ref->target())) {
      ref->Clear();
      ++cleared;
    }
  }
  size_t queued = 0;
  std::erase_if(s.finalization_registries, [&heap](Cell* c) { return !heap.IsMarked(c); });
  for (Cell* c : s.finalization_registries) {
    auto* registry = static_cast<FinalizationRegistryObject*>(c);
    auto& records = registry->records();
    size_t before = registry->pending().size();
    // Newest registration first, as V8 hands the cleared cells over.
    for (auto r = records.rbegin(); r != records.rend(); ++r) {
      if (!r->token.IsEmpty() && !IsMarkedValue(rt, r->token)) r->token = Value::Empty();
      if (!IsMarkedValue(rt, r->target)) registry->pending().push_back(r->held);
    }
    std::erase_if(records, [&](const FinalizationRegistryObject::Record& r) { return !IsMarkedValue(rt, r.target); });
    size_t added = registry->pending().size() - before;
    cleared += added;
    queued += added;
    if (added && !registry->queued) {
      registry->queued = true;
      s.cleanup_queue.push_back(registry);
    }
  }
  heap.NoteWeakCleared(cleared);
  heap.NoteFinalizersQueued(queued);
}

void ClearKeptObjects(Runtime& rt) { StateOf(rt).kept_objects.clear(); }

bool HasFinalizationCleanups(Runtime& rt) { return !StateOf(rt).cleanup_queue.empty(); }

void RunFinalizationCleanups(Runtime& rt) {
  BuiltinsState& s = StateOf(rt);
  while (!s.cleanup_queue.empty()) {
    Rooted<Object*> holder(rt, static_cast<Object*>(s.cleanup_queue.front()));
    s.cleanup_queue.erase(s.cleanup_queue.begin());
    auto* registry = static_cast<FinalizationRegistryObject*>(holder.get());
    registry->queued = false;
    Rooted<Value> cleanup(rt, registry->cleanup());
    // CleanupFinalizationRegistry: one call per empty cell, in order.
    while (!static_cast<FinalizationRegistryObject*>(holder.get())->pending().empty()) {
      auto& pending = static_cast<FinalizationRegistryObject*>(holder.get())->pending();
      Rooted<Value> held(rt, pending.front());
      pending.erase(pending.begin());
      Value arg = held;
      Call(rt, cleanup, Value::Undefined(), &arg, 1);
    }
  }
}

void InstallWeakRefBuiltins(Runtime& rt) {
  Rooted<Object*> weak_ref_proto(rt, rt.NewObject());
  MakeConstructor(rt, "WeakRef", WeakRefConstructor, 1, weak_ref_proto);
  DefineMethod(rt, weak_ref_proto, "deref", WeakRefDeref, 0);
  Rooted<Value> tag(rt, StringValueUtf8(rt, "WeakRef"));
  DefineRaw(rt, weak_ref_proto, PropertyKey::Named(rt.symbols().to_string_tag), tag, kAttrConfigurable);

  Rooted<Object*> registry_proto(rt, rt.NewObject());
  MakeConstructor(rt, "FinalizationRegistry", FinalizationRegistryConstructor, 1, registry_proto);
  DefineMethod(rt, registry_proto, "register", FinalizationRegistryRegister, 2);
  DefineMethod(rt, registry_proto, "unregister", FinalizationRegistryUnregister, 1);
  tag = StringValueUtf8(rt, "FinalizationRegistry");
  DefineRaw(rt, registry_proto, PropertyKey::Named(rt.symbols().to_string_tag), tag, kAttrConfigurable);

  if (rt.options().expose_gc) DefineMethod(rt, rt.global(), "gc", GcFunction, 0);
}

}  // namespace jsvm
