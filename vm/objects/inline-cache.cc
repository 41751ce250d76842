#include "vm/objects/inline-cache.h"

#include "vm/objects/array-buffer.h"
#include "vm/objects/function.h"
#include "vm/interpreter/interpreter-runtime.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/runtime.h"

namespace jsvm {

namespace {

// Whether a named lookup of `key` on `o` is exactly a lookup in its shape,
// and that shape may be cached.
bool Cacheable(Runtime& rt, const Object* o, Cell* key) {
  switch (o->kind()) {
    case CellKind::kObject: case CellKind::kError: case CellKind::kArguments:
    case CellKind::kMap: case CellKind::kSet: case CellKind::kIterator: case CellKind::kGenerator:
    case CellKind::kPromise: case CellKind::kArrayBuffer: case CellKind::kDataView: case CellKind::kRegExp:
      break;
    case CellKind::kTypedArray:
      if (TypedArrayNumericKey(PropertyKey::Named(key)).numeric) return false;  // integer-indexed exotic
      break;
    case CellKind::kArray: case CellKind::kPrimitiveWrapper:
      if (key == rt.names().length) return false;  // exotic (arrays, string wrappers)
      break;
    case CellKind::kFunction: case CellKind::kNativeFunction: case CellKind::kBoundFunction:
      // Not yet materialised: length, name and prototype are not in the shape yet.
      if (static_cast<const FunctionBase*>(o)->lazy_properties()) return false;
      break;
    default:
      return false;
  }
  return o->shape() == nullptr || !o->shape()->is_dictionary();
}

void Record(PropertyIC& ic, uint32_t level, const Object* o) {
  ic.kinds[level] = o->kind();
  ic.shapes[level] = o->shape();
}

// Plans a load cache for `receiver`.key; empty when not cacheable.
PropertyIC PlanLoad(Runtime& rt, Value receiver, Cell* key) {
  PropertyIC plan;
  Object* o;
  uint32_t level;
  if (receiver.IsString()) {
    if (key == rt.names().length) return {};
    plan.kinds[0] = CellKind::kString;
    o = rt.intrinsics().string_prototype;
    level = 1;
  } else if (receiver.IsObject()) {
    o = receiver.AsObject();
    level = 0;
  } else {
    return {};
  }
  for (; o && level < PropertyIC::kMaxLevels; o = o->proto(), ++level) {
    if (!Cacheable(rt, o, key)) return {};
    Record(plan, level, o);
    int i = o->FindNamed(key);
    if (i >= 0) {
      if (o->named_attrs(i) & kAttrAccessor) return {};
      plan.slot = static_cast<uint32_t>(i);
      plan.levels = static_cast<uint8_t>(level + 1);
      plan.kind = ICKind::kLoad;
      plan.epoch = rt.shapes().epoch();
      return plan;
    }
  }
  return {};  // not found (undefined) or too deep
}

// Plans a store to `receiver`.key: an existing writable data property, or a
// new one (the key nowhere on a chain of cacheable objects). `define`: an own
// definition, which does not look at the prototypes.
PropertyIC PlanStore(Runtime& rt, Object* receiver, Cell* key, bool define) {
  PropertyIC plan;
  if (!Cacheable(rt, receiver, key)) return {};
  plan.kind = define ? ICKind::kDefine : ICKind::kStore;
  Record(plan, 0, receiver);
  int i = receiver->FindNamed(key);
  if (i >= 0) {
    uint8_t attrs = receiver->named_attrs(i);
    bool ok = define ? attrs == kAttrDefault : (attrs & (kAttrWritable | kAttrAccessor)) == kAttrWritable;
    if (!ok) return {};
    plan.slot = static_cast<uint32_t>(i);
    plan.levels = 1;
    plan.epoch = rt.shapes().epoch();
    return plan;
  }
  if (!receiver->extensible()) return {};
  uint32_t level = 1;
  if (!define) {
    Object* o = receiver->proto();
    for (; o && level < PropertyIC::kMaxLevels; o = o->proto(), ++level) {
      if (!Cacheable(rt, o, key)) return {};
      Record(plan, level, o);
      int j = o->FindNamed(key);
      if (j >= 0) {
        // A prototype's writable data property: the store adds an own one
        // that shadows it (a setter or a read-only one: the generic path).
        if ((o->named_attrs(j) & (kAttrWritable | kAttrAccessor)) != kAttrWritable) return {};
        plan.ends_at_shadowed = true;
        ++level;
        break;
      }
    }
    if (o && !plan.ends_at_shadowed) return {};  // chain longer than the cache can check
  }
  plan.levels = static_cast<uint8_t>(level);
  plan.slot = receiver->named_count();
  plan.epoch = rt.shapes().epoch();
  // next_shape is filled in once the store has taken the transition.
  return plan;
}

// After the generic store: keep a planned cache if the store did what was
// planned (same epoch; a new property took a shared transition).
void Commit(Runtime& rt, PropertyIC& ic, PropertyIC plan, Object* receiver, Cell* key) {
  if (plan.epoch == 0 || plan.epoch != rt.shapes().epoch()) return;
  Shape* before = plan.shapes[0];
  uint32_t before_size = before ? before->size() : 0;
  if (plan.slot < before_size) {  // an existing property
    if (receiver->shape() != before) return;
    ic = plan;
    return;
  }
  Shape* after = receiver->shape();
  if (!after || after->is_dictionary() || after->parent() != before || after->size() != before_size + 1) return;
  const ShapeEntry& added = after->entry(before_size);
  if (added.key != key || added.attrs != kAttrDefault) return;
  plan.next_shape = after;
  ic = plan;
}

// A cached transition: adds the property and returns true on a hit.
bool TryTransitionIC(Runtime& rt, const PropertyIC& ic, Object* receiver, Value value, bool define) {
  if (ic.epoch != rt.shapes().epoch() || ic.kind != (define ? ICKind::kDefine : ICKind::kStore) || !ic.next_shape) {
    return false;
  }
  if (receiver->kind() != ic.kinds[0] || receiver->shape() != ic.shapes[0] || !receiver->extensible()) return false;
  if (!define) {
    Object* last;
    if (!MatchWalk(ic, receiver, 0, &last) || (!ic.ends_at_shadowed && last->proto() != nullptr)) return false;
  }
  receiver->AddNamedWithShape(rt, ic.next_shape, value);
  return true;
}

}  // namespace

size_t MegamorphicLoadCache::IndexOf(Value receiver, Cell* name) {
  // The receiver's shape and prototype: objects with no own property (all of
  // one shape, nullptr) still spread by class. Strings start at String.prototype.
  uintptr_t shape = 1;
  if (!receiver.IsString()) {
    const Object* o = receiver.AsObject();
    shape = reinterpret_cast<uintptr_t>(o->shape()) ^ (reinterpret_cast<uintptr_t>(o->proto()) >> 3);
  }
  uint64_t h = (shape ^ (reinterpret_cast<uintptr_t>(name) << 7)) * 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(h >> 54) & (kEntries - 1);  // 54: the top ten bits
}

bool MegamorphicLoadCache::TryLoad(Runtime& rt, Value receiver, Cell* name, Value* out) const {
  if (!receiver.IsString() && !receiver.IsObject()) return false;
  const Entry& e = entries_[IndexOf(receiver, name)];
  return e.name == name && e.collections == rt.heap().stats().collections &&
         TryLoadIC(e.ic, rt.shapes().epoch(), receiver, rt.intrinsics().string_prototype, out);
}

void MegamorphicLoadCache::Insert(Runtime& rt, Value receiver, Cell* name, const PropertyIC& ic) {
  Entry& e = entries_[IndexOf(receiver, name)];
  e.name = name;
  e.collections = rt.heap().stats().collections;
  e.ic = ic;
}

Value LoadIC(Runtime& rt, PropertyIC& ic, Value receiver, String* name) {
  // `length` of strings and arrays is not in a shape: answer it here.
  if (name == rt.names().length && receiver.IsCell()) {
    if (receiver.IsString()) return Value::Int(static_cast<int32_t>(receiver.AsString()->length()));
    if (receiver.IsCellOfKind(CellKind::kArray)) return Value::Number(static_cast<Array*>(receiver.AsObject())->length());
  }
  PropertyKey key = rt.KeyFor(name);
  if (!key.IsIndex()) {
    Value v;
    // A site whose cache holds another shape is polymorphic: try the shared cache.
    bool polymorphic = ic.epoch == rt.shapes().epoch() && ic.kind == ICKind::kLoad;
    if (polymorphic && rt.load_cache().TryLoad(rt, receiver, key.cell(), &v)) return v;
    PropertyIC plan = PlanLoad(rt, receiver, key.cell());
    if (plan.epoch != 0) {
      ic = plan;
      if (polymorphic) rt.load_cache().Insert(rt, receiver, key.cell(), plan);
      if (TryLoadIC(ic, rt.shapes().epoch(), receiver, rt.intrinsics().string_prototype, &v)) return v;
    }
  }
  return GetValueProperty(rt, receiver, key);
}

namespace {

// Caches global `name` when it is an own data property of the global object
// (writable, for stores) that no top-level let/const/class shadows.
void PlanGlobal(Runtime& rt, PropertyIC& ic, String* name, bool store) {
  if (rt.FindScriptBinding(name)) return;
  Object* global = rt.global();
  int i = global->FindNamed(name);
  if (i < 0) return;
  uint8_t attrs = global->named_attrs(i);
  if (attrs & kAttrAccessor || (store && !(attrs & kAttrWritable))) return;
  PropertyIC plan;
  Record(plan, 0, global);
  plan.kind = store ? ICKind::kGlobalStore : ICKind::kGlobalLoad;
  plan.levels = 1;
  plan.slot = static_cast<uint32_t>(i);
  plan.version = global->shape()->version();
  plan.epoch = rt.shapes().epoch();
  ic = plan;
}

}  // namespace

Value LoadGlobalIC(Runtime& rt, PropertyIC& ic, String* name, bool inside_typeof) {
  PlanGlobal(rt, ic, name, /*store=*/false);
  return LoadGlobal(rt, name, inside_typeof);
}

void StoreGlobalIC(Runtime& rt, PropertyIC& ic, String* name, Value value, bool strict) {
  StoreGlobal(rt, name, value, strict);
  PlanGlobal(rt, ic, name, /*store=*/true);
}

void StoreIC(Runtime& rt, PropertyIC& ic, Value receiver, String* name, Value value, bool strict) {
  PropertyKey key = rt.KeyFor(name);
  if (key.IsIndex() || !receiver.IsObject()) {
    SetValueProperty(rt, receiver, key, value, strict);
    return;
  }
  Object* obj = receiver.AsObject();
  if (TryTransitionIC(rt, ic, obj, value, /*define=*/false)) return;
  PropertyIC plan = PlanStore(rt, obj, key.cell(), /*define=*/false);
  Rooted<Object*> robj(rt, obj);
  SetProperty(rt, obj, key, value, receiver, strict);
  Commit(rt, ic, plan, robj, key.cell());
}

void DefineNamedOwnIC(Runtime& rt, PropertyIC& ic, Object* receiver, String* name, Value value) {
  PropertyKey key = rt.KeyFor(name);
  if (!key.IsIndex()) {
    if (ic.epoch == rt.shapes().epoch() && ic.kind == ICKind::kDefine && !ic.next_shape &&
        receiver->kind() == ic.kinds[0] && receiver->shape() == ic.shapes[0]) {
      receiver->set_named_value(ic.slot, value);
      return;
    }
    if (TryTransitionIC(rt, ic, receiver, value, /*define=*/true)) return;
  }
  PropertyIC plan = key.IsIndex() ? PropertyIC{} : PlanStore(rt, receiver, key.cell(), /*define=*/true);
  Rooted<Object*> robj(rt, receiver);
  if (!CreateDataProperty(rt, receiver, key, value)) ThrowCannotRedefine(rt, key);  // a class field on a locked object
  if (!key.IsIndex()) Commit(rt, ic, plan, robj, key.cell());
}

}  // namespace jsvm
