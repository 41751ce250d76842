#include "vm/objects/object-ops.h"

#include <algorithm>
#include <cmath>

#include "vm/execution/operations.h"
#include "vm/objects/array-buffer.h"
#include "vm/objects/proxy.h"
#include "vm/modules/module-record.h"

namespace jsvm {

namespace {

inline bool IsFunctionKind(CellKind k) {
  return k == CellKind::kFunction || k == CellKind::kNativeFunction || k == CellKind::kBoundFunction;
}

// A module namespace, for a string key (its symbols are ordinary properties).
inline ModuleNamespace* AsNamespace(Object* obj, PropertyKey key) {
  if (obj->kind() != CellKind::kModuleNamespace || key.IsSymbol()) return nullptr;
  return static_cast<ModuleNamespace*>(obj);
}

inline Proxy* AsProxy(Object* obj) {
  return obj->kind() == CellKind::kProxy ? static_cast<Proxy*>(obj) : nullptr;
}

inline void EnsureMaterialized(Runtime& rt, Object* obj) {
  if (IsFunctionKind(obj->kind()) && static_cast<FunctionBase*>(obj)->lazy_properties()) {
    MaterializeFunctionProperties(rt, obj);
  }
}

bool IsStringWrapper(const Object* obj) {
  return obj->kind() == CellKind::kPrimitiveWrapper &&
         static_cast<const PrimitiveWrapper*>(obj)->primitive().IsString();
}

String* WrappedString(const Object* obj) {
  return static_cast<const PrimitiveWrapper*>(obj)->primitive().AsString();
}

// The context slot a mapped arguments index aliases, or -1.
int32_t MappedSlot(const Object* obj, uint32_t index) {
  if (obj->kind() != CellKind::kArguments) return -1;
  auto* args = static_cast<const Arguments*>(obj);
  if (!args->mapped_context || index >= args->mapped_slots.size()) return -1;
  return args->mapped_slots[index];
}

void Unmap(Object* obj, uint32_t index) {
  auto* args = static_cast<Arguments*>(obj);
  if (index < args->mapped_slots.size()) args->mapped_slots[index] = -1;
}

bool Reject(Runtime& rt, bool throw_on_failure, const std::string& message) {
  if (throw_on_failure) rt.ThrowTypeError(message);
  return false;
}

std::string KeyText(Runtime& rt, PropertyKey key) {
  if (key.IsIndex()) return std::to_string(key.index());
  if (key.IsSymbol()) {
    Value d = static_cast<Symbol*>(key.cell())->description();
    return "Symbol(" + (d.IsString() ? d.AsString()->ToUtf8() : std::string()) + ")";
  }
  (void)rt;
  return key.string()->ToUtf8();
}

// Writes `value` into an existing own data property (no attribute change).
void WriteOwnData(Runtime& rt, Object* obj, PropertyKey key, Value value) {
  if (key.IsIndex()) {
    int32_t slot = MappedSlot(obj, key.index());
    if (slot >= 0) static_cast<Arguments*>(obj)->mapped_context->set(slot, value);
    Value old;
    uint8_t attrs;
    if (obj->FindIndexed(key.index(), &old, &attrs)) obj->PutIndexed(rt, key.index(), value, attrs);
    return;
  }
  int i = obj->FindNamed(key.cell());
  if (i >= 0) obj->set_named_value(i, value);
}

// A typed array and the canonical numeric key it is addressed with (the
// integer-indexed exotic object's keys, array-buffer.h), or null.
TypedArrayObject* NumericKeyOf(Object* obj, PropertyKey key, double* index) {
  if (obj->kind() != CellKind::kTypedArray) return nullptr;
  NumericKey nk = TypedArrayNumericKey(key);
  if (!nk.numeric) return nullptr;
  *index = nk.index;
  return static_cast<TypedArrayObject*>(obj);
}

}  // namespace

PropertyDescriptor PropertyDescriptor::Data(Value v, uint8_t attrs) {
  PropertyDescriptor d;
  d.value = v;
  d.has_value = d.has_writable = d.has_enumerable = d.has_configurable = true;
  d.writable = attrs & kAttrWritable;
  d.enumerable = attrs & kAttrEnumerable;
  d.configurable = attrs & kAttrConfigurable;
  return d;
}

void MaterializeFunctionProperties(Runtime& rt, Object* obj) {
  auto* fb = static_cast<FunctionBase*>(obj);
  if (!fb->lazy_properties()) return;
  fb->set_lazy_properties(false);
  Rooted<Object*> fn(rt, obj);
  const Names& n = rt.names();
  if (obj->kind() == CellKind::kFunction) {
    FunctionInfo* info = static_cast<Function*>(obj)->info();
    DefineRaw(rt, fn, PropertyKey::Named(n.length), Value::Int(info->length), kAttrConfigurable);
    DefineRaw(rt, fn, PropertyKey::Named(n.name), Value::FromCell(info->name ? info->name : n.empty),
              kAttrConfigurable);
    if (info->is_generator()) {
      // A generator function's prototype is the [[Prototype]] of the
      // generator objects it makes; it has no `constructor`.
      const Intrinsics& in = rt.intrinsics();
      Rooted<Object*> proto(rt, rt.NewObject(info->is_async() ? in.async_generator_prototype : in.generator_prototype));
      DefineRaw(rt, fn, PropertyKey::Named(n.prototype), Value::FromCell(proto.get()), kAttrWritable);
    } else if (info->IsConstructor()) {
      Rooted<Object*> proto(rt, rt.NewObject());
      DefineRaw(rt, proto, PropertyKey::Named(n.constructor), Value::FromCell(fn.get()), kAttrHidden);
      uint8_t attrs = info->IsClassConstructor() ? uint8_t{kAttrNone} : uint8_t{kAttrWritable};
      DefineRaw(rt, fn, PropertyKey::Named(n.prototype), Value::FromCell(proto.get()), attrs);
    }
  } else if (obj->kind() == CellKind::kNativeFunction) {
    auto* nf = static_cast<NativeFunction*>(obj);
    DefineRaw(rt, fn, PropertyKey::Named(n.length), Value::Int(nf->length()), kAttrConfigurable);
    DefineRaw(rt, fn, PropertyKey::Named(n.name), Value::FromCell(nf->name() ? nf->name() : n.empty),
              kAttrConfigurable);
  }
}

bool GetOwnProperty(Runtime& rt, Object* obj, PropertyKey key, OwnProperty* out) {
  if (Proxy* proxy = AsProxy(obj)) return ProxyGetOwnProperty(rt, proxy, key, out);
  if (ModuleNamespace* ns = AsNamespace(obj, key)) return NamespaceGetOwnProperty(rt, ns, key, &out->value, &out->attrs);
  EnsureMaterialized(rt, obj);
  double ta_index;
  if (TypedArrayObject* ta = NumericKeyOf(obj, key, &ta_index)) {
    out->attrs = kAttrDefault;
    return TypedArrayGetOwn(rt, ta, ta_index, &out->value);
  }
  if (key.IsIndex()) {
    if (IsStringWrapper(obj)) {
      String* s = WrappedString(obj);
      if (key.index() < s->length()) {
        out->value = Value::FromCell(rt.CharString(s->at(key.index())));
        out->attrs = kAttrEnumerable;
        return true;
      }
    }
    if (!obj->FindIndexed(key.index(), &out->value, &out->attrs)) return false;
    int32_t slot = MappedSlot(obj, key.index());
    if (slot >= 0) out->value = static_cast<Arguments*>(obj)->mapped_context->get(slot);
    return true;
  }
  if (key.cell() == rt.names().length) {
    if (obj->kind() == CellKind::kArray) {
      auto* a = static_cast<Array*>(obj);
      out->value = Value::Number(a->length());
      out->attrs = a->length_writable() ? uint8_t{kAttrWritable} : uint8_t{kAttrNone};
      return true;
    }
    if (IsStringWrapper(obj)) {
      out->value = Value::Int(static_cast<int32_t>(WrappedString(obj)->length()));
      out->attrs = kAttrNone;
      return true;
    }
  }
  int i = obj->FindNamed(key.cell());
  if (i < 0) return false;
  out->value = obj->named_value(i);
  out->attrs = obj->named_attrs(i);
  return true;
}

bool HasOwnProperty(Runtime& rt, Object* obj, PropertyKey key) {
  OwnProperty p;
  return GetOwnProperty(rt, obj, key, &p);
}

void DefineRaw(Runtime& rt, Object* obj, PropertyKey key, Value value, uint8_t attrs) {
  EnsureMaterialized(rt, obj);
  if (key.IsIndex()) {
    obj->PutIndexed(rt, key.index(), value, attrs);
    if (obj->kind() == CellKind::kArray) {
      auto* a = static_cast<Array*>(obj);
      if (key.index() >= a->length()) a->set_length_raw(key.index() + 1);
    }
    return;
  }
  int i = obj->FindNamed(key.cell());
  if (i >= 0) {
    obj->set_named_value(i, value);
    obj->SetNamedAttrs(rt, i, attrs);
  } else {
    obj->AddNamed(rt, key.cell(), value, attrs);
  }
}

void DefineAccessorRaw(Runtime& rt, Object* obj, PropertyKey key, Value getter, Value setter, uint8_t attrs) {
  Rooted<Object*> robj(rt, obj);
  Accessor* acc = rt.heap().New<Accessor>(getter, setter);
  DefineRaw(rt, robj, key, Value::FromCell(acc), static_cast<uint8_t>((attrs & ~kAttrWritable) | kAttrAccessor));
}

bool SetArrayLength(Runtime& rt, Array* array, double new_length, bool throw_on_failure) {
  if (!(new_length >= 0 && new_length <= 4294967295.0) || new_length != std::floor(new_length)) {
    rt.ThrowRangeError("Invalid array length");
  }
  auto len = static_cast<uint32_t>(new_length);
  if (len == array->length()) return true;
  if (!array->length_writable()) {
    return Reject(rt, throw_on_failure, "Cannot assign to read only property 'length' of object '[object Array]'");
  }
  if (len > array->length()) {
    array->set_length_raw(len);
    return true;
  }
  uint32_t remaining;
  bool ok = array->TruncateIndexed(rt, len, &remaining);
  array->set_length_raw(remaining);
  if (!ok) {
    return Reject(rt, throw_on_failure, "Cannot delete property '" + std::to_string(remaining - 1) + "' of " +
                                            DescribeForError(rt, Value::FromCell(array)));
  }
  return true;
}

bool DefineOwnProperty(Runtime& rt, Object* obj, PropertyKey key, const PropertyDescriptor& desc,
                       bool throw_on_failure) {
  if (Proxy* proxy = AsProxy(obj)) {
    if (ProxyDefineOwnProperty(rt, proxy, key, desc)) return true;
    return Reject(rt, throw_on_failure, "'defineProperty' on proxy: trap returned falsish for property '" +
                                            KeyText(rt, key) + "'");
  }
  if (ModuleNamespace* ns = AsNamespace(obj, key)) {
    if (NamespaceDefineOwnProperty(rt, ns, key, desc)) return true;
    return Reject(rt, throw_on_failure, "Cannot redefine property: " + KeyText(rt, key));
  }
  EnsureMaterialized(rt, obj);
  double ta_index;
  if (TypedArrayObject* ta = NumericKeyOf(obj, key, &ta_index)) {
    if (TypedArrayDefineOwn(rt, ta, ta_index, desc)) return true;
    return Reject(rt, throw_on_failure, "Cannot redefine property: " + KeyText(rt, key));
  }
  Rooted<Object*> robj(rt, obj);
  // Array exotic: "length" and indices past the end.
  if (obj->kind() == CellKind::kArray) {
    auto* a = static_cast<Array*>(obj);
    if (!key.IsIndex() && key.cell() == rt.names().length) {
      if (desc.IsAccessor() || (desc.has_configurable && desc.configurable) ||
          (desc.has_enumerable && desc.enumerable)) {
        return Reject(rt, throw_on_failure, "Cannot redefine property: length");
      }
      if (desc.has_value) {
        double n = ToNumber(rt, desc.value);
        uint32_t u = ToUint32(rt, desc.value);
        if (static_cast<double>(u) != n) rt.ThrowRangeError("Invalid array length");
        if (!a->length_writable() && u != a->length()) {
          return Reject(rt, throw_on_failure, "Cannot redefine property: length");
        }
        if (!SetArrayLength(rt, a, u, false)) {
          if (desc.has_writable && !desc.writable) a->set_length_writable(false);
          return Reject(rt, throw_on_failure, "Cannot redefine property: length");
        }
      }
      if (desc.has_writable) {
        if (desc.writable && !a->length_writable()) {
          return Reject(rt, throw_on_failure, "Cannot redefine property: length");
        }
        if (!desc.writable) a->set_length_writable(false);
      }
      return true;
    }
    if (key.IsIndex() && key.index() >= a->length() && !a->length_writable()) {
      return Reject(rt, throw_on_failure, "Cannot add property " + std::to_string(key.index()) + ", object is not extensible");
    }
  }
  if (IsStringWrapper(obj)) {
    OwnProperty p;
    if ((key.IsIndex() && key.index() < WrappedString(obj)->length()) ||
        (!key.IsIndex() && key.cell() == rt.names().length)) {
      GetOwnProperty(rt, obj, key, &p);
      bool same = !desc.IsAccessor() && (!desc.has_value || SameValue(desc.value, p.value)) &&
                  (!desc.has_writable || !desc.writable) && (!desc.has_configurable || !desc.configurable) &&
                  (!desc.has_enumerable || desc.enumerable == bool(p.attrs & kAttrEnumerable));
      return same ? true : Reject(rt, throw_on_failure, "Cannot redefine property: " + KeyText(rt, key));
    }
  }

  OwnProperty current;
  if (!GetOwnProperty(rt, obj, key, &current)) {
    if (!obj->extensible()) {
      return Reject(rt, throw_on_failure, "Cannot define property " + KeyText(rt, key) + ", object is not extensible");
    }
    uint8_t attrs = 0;
    if (desc.enumerable) attrs |= kAttrEnumerable;
    if (desc.configurable) attrs |= kAttrConfigurable;
    if (desc.IsAccessor()) {
      DefineAccessorRaw(rt, robj, key, desc.has_get ? desc.get : Value::Undefined(),
                        desc.has_set ? desc.set : Value::Undefined(), attrs);
    } else {
      if (desc.writable) attrs |= kAttrWritable;
      DefineRaw(rt, robj, key, desc.has_value ? desc.value : Value::Undefined(), attrs);
    }
    return true;
  }

  // ValidateAndApplyPropertyDescriptor.
  bool is_accessor = current.attrs & kAttrAccessor;
  if (!IsCompatiblePropertyDescriptor(obj->extensible(), desc, &current)) goto reject;
  {
    uint8_t attrs = current.attrs;
    if (desc.has_enumerable) attrs = desc.enumerable ? (attrs | kAttrEnumerable) : (attrs & ~kAttrEnumerable);
    if (desc.has_configurable) attrs = desc.configurable ? (attrs | kAttrConfigurable) : (attrs & ~kAttrConfigurable);
    if (desc.IsAccessor()) {
      Value getter = Value::Undefined(), setter = Value::Undefined();
      if (is_accessor) {
        auto* acc = static_cast<Accessor*>(current.value.AsCell());
        getter = acc->getter;
        setter = acc->setter;
      }
      if (desc.has_get) getter = desc.get;
      if (desc.has_set) setter = desc.set;
      if (key.IsIndex() && MappedSlot(obj, key.index()) >= 0) Unmap(obj, key.index());
      DefineAccessorRaw(rt, robj, key, getter, setter, attrs & ~kAttrAccessor);
    } else if (desc.IsData() || !is_accessor) {
      Value value = is_accessor ? Value::Undefined() : current.value;
      if (is_accessor) attrs &= ~(kAttrAccessor | kAttrWritable);
      if (desc.has_value) value = desc.value;
      if (desc.has_writable) attrs = desc.writable ? (attrs | kAttrWritable) : (attrs & ~kAttrWritable);
      if (key.IsIndex() && MappedSlot(obj, key.index()) >= 0) {
        if (desc.has_value) static_cast<Arguments*>(obj)->mapped_context->set(MappedSlot(obj, key.index()), value);
        if (desc.has_writable && !desc.writable) Unmap(obj, key.index());
      }
      DefineRaw(rt, robj, key, value, attrs);
    } else {
      // Generic descriptor on an accessor: only attribute changes.
      DefineRaw(rt, robj, key, current.value, attrs);
    }
  }
  return true;
reject:
  return Reject(rt, throw_on_failure, "Cannot redefine property: " + KeyText(rt, key));
}

void ThrowCannotRedefine(Runtime& rt, PropertyKey key) {
  rt.ThrowTypeError("Cannot redefine property: " + ToString(rt, KeyToValue(rt, key))->ToUtf8());
}

bool CreateDataProperty(Runtime& rt, Object* obj, PropertyKey key, Value value) {
  // Fast path: a fresh key on an ordinary extensible object.
  if (obj->kind() == CellKind::kObject && obj->extensible()) {
    if (key.IsIndex()) {
      Value v;
      uint8_t a;
      if (!obj->FindIndexed(key.index(), &v, &a) || a == kAttrDefault) {
        obj->PutIndexed(rt, key.index(), value, kAttrDefault);
        return true;
      }
    } else {
      int i = obj->FindNamed(key.cell());
      if (i < 0) {
        obj->AddNamed(rt, key.cell(), value, kAttrDefault);
        return true;
      }
      if (obj->named_attrs(i) == kAttrDefault) {
        obj->set_named_value(i, value);
        return true;
      }
    }
  }
  return DefineOwnProperty(rt, obj, key, PropertyDescriptor::Data(value, kAttrDefault), false);
}

bool DeleteProperty(Runtime& rt, Object* obj, PropertyKey key) {
  double ta_index;
  if (TypedArrayObject* ta = NumericKeyOf(obj, key, &ta_index)) {
    return !TypedArrayHasElement(ta, ta_index);
  }
  if (Proxy* proxy = AsProxy(obj)) return ProxyDelete(rt, proxy, key);
  if (ModuleNamespace* ns = AsNamespace(obj, key)) return NamespaceDelete(rt, ns, key);
  OwnProperty p;
  if (!GetOwnProperty(rt, obj, key, &p)) return true;
  if (!(p.attrs & kAttrConfigurable)) return false;
  if (key.IsIndex()) {
    if (MappedSlot(obj, key.index()) >= 0) Unmap(obj, key.index());
    obj->RemoveIndexed(rt, key.index());
  } else {
    int i = obj->FindNamed(key.cell());
    if (i >= 0) obj->RemoveNamed(rt, i);
  }
  return true;
}

std::vector<PropertyKey> OwnPropertyKeys(Runtime& rt, Object* obj, uint8_t filter) {
  if (Proxy* proxy = AsProxy(obj)) {
    Rooted<Object*> robj(rt, obj);
    std::vector<PropertyKey> all = ProxyOwnKeys(rt, proxy);
    RootedVector roots(rt);
    for (const PropertyKey& k : all) {
      if (k.cell()) roots.push_back(Value::FromCell(k.cell()));
    }
    std::vector<PropertyKey> keys;
    for (const PropertyKey& k : all) {
      if (!(filter & (k.IsSymbol() ? kKeysSymbols : kKeysStrings))) continue;
      if (filter & kKeysEnumerableOnly) {
        OwnProperty p;
        if (!GetOwnProperty(rt, robj, k, &p) || !(p.attrs & kAttrEnumerable)) continue;
      }
      keys.push_back(k);
    }
    return keys;
  }
  EnsureMaterialized(rt, obj);
  std::vector<PropertyKey> keys;
  bool enumerable_only = filter & kKeysEnumerableOnly;
  if (obj->kind() == CellKind::kModuleNamespace) {
    auto* ns = static_cast<ModuleNamespace*>(obj);
    NamespaceOwnKeys(rt, ns, &keys, filter);
    if (enumerable_only) {
      // Each key's [[GetOwnProperty]]: an export still in its TDZ throws.
      for (const PropertyKey& k : keys) {
        Value v;
        uint8_t attrs;
        NamespaceGetOwnProperty(rt, ns, k, &v, &attrs);
      }
    }
    filter &= static_cast<uint8_t>(~kKeysStrings);  // the ordinary part: its symbols
  }
  if (filter & kKeysStrings) {
    if (IsStringWrapper(obj)) {
      uint32_t n = WrappedString(obj)->length();
      for (uint32_t i = 0; i < n; ++i) keys.push_back(PropertyKey::Index(i));
    }
    if (obj->kind() == CellKind::kTypedArray) {
      size_t n = TypedArrayOwnIndexCount(static_cast<TypedArrayObject*>(obj));
      for (size_t i = 0; i < n; ++i) keys.push_back(PropertyKey::Index(static_cast<uint32_t>(i)));
    }
    std::vector<uint32_t> indices;
    obj->CollectIndices(&indices);
    for (uint32_t i : indices) {
      if (enumerable_only) {
        OwnProperty p;
        obj->FindIndexed(i, &p.value, &p.attrs);
        if (!(p.attrs & kAttrEnumerable)) continue;
      }
      keys.push_back(PropertyKey::Index(i));
    }
    if (!enumerable_only && (obj->kind() == CellKind::kArray || IsStringWrapper(obj))) {
      keys.push_back(PropertyKey::Named(rt.names().length));
    }
    for (uint32_t i = 0; i < obj->named_count(); ++i) {
      PropertyKey k = obj->named_key(i);
      if (k.IsString() && (!enumerable_only || (obj->named_attrs(i) & kAttrEnumerable))) keys.push_back(k);
    }
  }
  if (filter & kKeysSymbols) {
    for (uint32_t i = 0; i < obj->named_count(); ++i) {
      PropertyKey k = obj->named_key(i);
      // Private names (class fields and brands) are never keys.
      if (!k.IsSymbol() || static_cast<Symbol*>(k.cell())->is_private()) continue;
      if (!enumerable_only || (obj->named_attrs(i) & kAttrEnumerable)) keys.push_back(k);
    }
  }
  return keys;
}

bool HasProperty(Runtime& rt, Object* obj, PropertyKey key) {
  for (Object* o = obj; o; o = o->proto(), rt.PollNativeTimeout()) {
    double ta_index;
    if (TypedArrayObject* ta = NumericKeyOf(o, key, &ta_index)) {
      return TypedArrayHasElement(ta, ta_index);
    }
    if (Proxy* proxy = AsProxy(o)) return ProxyHas(rt, proxy, key);
    if (ModuleNamespace* ns = AsNamespace(o, key)) return NamespaceHas(rt, ns, key);
    if (HasOwnProperty(rt, o, key)) return true;
  }
  return false;
}

Value GetProperty(Runtime& rt, Object* obj, PropertyKey key, Value receiver) {
  for (Object* o = obj; o; o = o->proto(), rt.PollNativeTimeout()) {
    // Fast path: plain named data property.
    if (!key.IsIndex() && o->kind() == CellKind::kObject) {
      int i = o->FindNamed(key.cell());
      if (i >= 0) {
        Value value = o->named_value(i);
        if (!(o->named_attrs(i) & kAttrAccessor)) return value;
        Value getter = static_cast<Accessor*>(value.AsCell())->getter;
        if (getter.IsUndefined()) return Value::Undefined();
        return Call(rt, getter, receiver, nullptr, 0);
      }
      continue;
    }
    double ta_index;
    if (TypedArrayObject* ta = NumericKeyOf(o, key, &ta_index)) return TypedArrayGetElement(rt, ta, ta_index);
    if (Proxy* proxy = AsProxy(o)) return ProxyGet(rt, proxy, key, receiver);
    if (ModuleNamespace* ns = AsNamespace(o, key)) return NamespaceGet(rt, ns, key, receiver);
    OwnProperty p;
    if (GetOwnProperty(rt, o, key, &p)) {
      if (!(p.attrs & kAttrAccessor)) return p.value;
      Value getter = static_cast<Accessor*>(p.value.AsCell())->getter;
      if (getter.IsUndefined()) return Value::Undefined();
      return Call(rt, getter, receiver, nullptr, 0);
    }
  }
  return Value::Undefined();
}

Value GetValueProperty(Runtime& rt, Value base, PropertyKey key) {
  if (base.IsObject()) return GetProperty(rt, base.AsObject(), key, base);
  if (base.IsString()) {
    String* s = base.AsString();
    if (key.IsIndex()) {
      if (key.index() < s->length()) return Value::FromCell(rt.CharString(s->at(key.index())));
    } else if (key.cell() == rt.names().length) {
      return Value::Int(static_cast<int32_t>(s->length()));
    }
    return GetProperty(rt, rt.intrinsics().string_prototype, key, base);
  }
  if (base.IsNumber()) return GetProperty(rt, rt.intrinsics().number_prototype, key, base);
  if (base.IsBoolean()) return GetProperty(rt, rt.intrinsics().boolean_prototype, key, base);
  if (base.IsSymbol()) return GetProperty(rt, rt.intrinsics().symbol_prototype, key, base);
  if (base.IsBigInt()) return GetProperty(rt, rt.intrinsics().bigint_prototype, key, base);
  rt.ThrowTypeError("Cannot read properties of " + std::string(base.IsNull() ? "null" : "undefined") +
                    " (reading '" + KeyText(rt, key) + "')");
}

namespace {

// The end of OrdinarySetWithOwnDescriptor when the receiver is a proxy: its
// [[GetOwnProperty]] and [[DefineOwnProperty]] (traps) decide.
bool SetOnProxyReceiver(Runtime& rt, Object* receiver, PropertyKey key, Value value, bool strict) {
  Rooted<Object*> rreceiver(rt, receiver);
  Rooted<Value> rvalue(rt, value);
  OwnProperty existing;
  if (GetOwnProperty(rt, receiver, key, &existing)) {
    if (existing.attrs & kAttrAccessor) return Reject(rt, strict, "Cannot redefine property: " + KeyText(rt, key));
    if (!(existing.attrs & kAttrWritable)) {
      return Reject(rt, strict, "Cannot assign to read only property '" + KeyText(rt, key) + "' of " +
                                    DescribeWithType(rt, Value::FromCell(rreceiver.get())));
    }
    PropertyDescriptor d;
    d.value = rvalue;
    d.has_value = true;
    return DefineOwnProperty(rt, rreceiver, key, d, strict);
  }
  return DefineOwnProperty(rt, rreceiver, key, PropertyDescriptor::Data(rvalue, kAttrDefault), strict);
}

}  // namespace

bool SetProperty(Runtime& rt, Object* obj, PropertyKey key, Value value, Value receiver, bool strict) {
  bool receiver_is_obj = receiver.IsCell() && receiver.AsCell() == obj;
  // Fast path: existing writable own data property of an ordinary object.
  if (receiver_is_obj && obj->kind() == CellKind::kObject && !key.IsIndex()) {
    int i = obj->FindNamed(key.cell());
    if (i >= 0 && (obj->named_attrs(i) & (kAttrWritable | kAttrAccessor)) == kAttrWritable) {
      obj->set_named_value(i, value);
      return true;
    }
  }
  // A module namespace's [[Set]] always fails (its exports are read-only views).
  if (obj->kind() == CellKind::kModuleNamespace && !key.IsSymbol()) {
    return Reject(rt, strict, "Cannot assign to read only property '" + KeyText(rt, key) + "' of object '[object Module]'");
  }
  // A typed array's [[Set]] for a numeric key: its own element, or nothing
  // when the index is not valid (the chain above it is not consulted).
  double ta_index;
  if (TypedArrayObject* ta = NumericKeyOf(obj, key, &ta_index); ta && receiver_is_obj) {
    TypedArraySetElement(rt, ta, ta_index, value);
    return true;
  }
  Rooted<Object*> robj(rt, obj);
  Rooted<Value> rvalue(rt, value);
  Rooted<Value> rreceiver(rt, receiver);
  // OrdinarySet: find the property along the chain.
  OwnProperty p;
  bool found = false;
  for (Object* o = obj; o; o = o->proto(), rt.PollNativeTimeout()) {
    if (TypedArrayObject* ta = NumericKeyOf(o, key, &ta_index)) {
      if (!TypedArrayHasElement(ta, ta_index)) return true;
    }
    if (Proxy* proxy = AsProxy(o)) {
      if (ProxySet(rt, proxy, key, rvalue, rreceiver)) return true;
      return Reject(rt, strict, "'set' on proxy: trap returned falsish for property '" + KeyText(rt, key) + "'");
    }
    if (GetOwnProperty(rt, o, key, &p)) {
      found = true;
      break;
    }
  }
  if (found && (p.attrs & kAttrAccessor)) {
    Value setter = static_cast<Accessor*>(p.value.AsCell())->setter;
    if (setter.IsUndefined()) {
      return Reject(rt, strict, "Cannot set property " + KeyText(rt, key) + " of " +
                    DescribeForError(rt, rreceiver) + " which has only a getter");
    }
    Value arg = rvalue;
    Call(rt, setter, rreceiver, &arg, 1);
    return true;
  }
  if (found && !(p.attrs & kAttrWritable)) {
    return Reject(rt, strict, "Cannot assign to read only property '" + KeyText(rt, key) + "' of " +
                  DescribeWithType(rt, rreceiver));
  }
  if (!rreceiver.get().IsObject()) {
    return Reject(rt, strict, "Cannot create property '" + KeyText(rt, key) + "' on " +
                  DescribeWithType(rt, rreceiver));
  }
  Object* target = rreceiver.get().AsObject();
  if (NumericKeyOf(target, key, &ta_index)) {
    // Receiver.[[DefineOwnProperty]]: writes the element, or fails.
    PropertyDescriptor d = PropertyDescriptor::Data(rvalue, kAttrDefault);
    if (GetOwnProperty(rt, target, key, &p)) d.has_writable = d.has_enumerable = d.has_configurable = false;
    return DefineOwnProperty(rt, target, key, d, strict);
  }
  if (target->kind() == CellKind::kProxy) return SetOnProxyReceiver(rt, target, key, rvalue, strict);
  OwnProperty existing;
  if (GetOwnProperty(rt, target, key, &existing)) {
    if (existing.attrs & kAttrAccessor) return Reject(rt, strict, "Cannot redefine property: " + KeyText(rt, key));
    if (!(existing.attrs & kAttrWritable)) {
      return Reject(rt, strict, "Cannot assign to read only property '" + KeyText(rt, key) + "' of " +
                    DescribeWithType(rt, Value::FromCell(target)));
    }
    if (target->kind() == CellKind::kArray && !key.IsIndex() && key.cell() == rt.names().length) {
      double n = ToNumber(rt, rvalue);
      uint32_t u = ToUint32(rt, rvalue);
      if (static_cast<double>(u) != n) rt.ThrowRangeError("Invalid array length");
      return SetArrayLength(rt, static_cast<Array*>(target), u, strict);
    }
    WriteOwnData(rt, target, key, rvalue);
    return true;
  }
  if (!target->extensible()) {
    return Reject(rt, strict, "Cannot add property " + KeyText(rt, key) + ", object is not extensible");
  }
  if (target->kind() == CellKind::kArray && key.IsIndex()) {
    auto* a = static_cast<Array*>(target);
    if (key.index() >= a->length() && !a->length_writable()) {
      return Reject(rt, strict, "Cannot add property " + std::to_string(key.index()) + ", object is not extensible");
    }
    a->PutIndexed(rt, key.index(), rvalue, kAttrDefault);
    if (key.index() >= a->length()) a->set_length_raw(key.index() + 1);
    return true;
  }
  if (key.IsIndex()) {
    target->PutIndexed(rt, key.index(), rvalue, kAttrDefault);
  } else {
    target->AddNamed(rt, key.cell(), rvalue, kAttrDefault);
  }
  return true;
}

void SetValueProperty(Runtime& rt, Value base, PropertyKey key, Value value, bool strict) {
  if (base.IsObject()) {
    SetProperty(rt, base.AsObject(), key, value, base, strict);
    return;
  }
  if (base.IsNullish()) {
    rt.ThrowTypeError("Cannot set properties of " + std::string(base.IsNull() ? "null" : "undefined") +
                      " (setting '" + KeyText(rt, key) + "')");
  }
  // Primitive base: setters on the prototype chain run; anything else fails.
  Object* proto = ToObject(rt, base)->proto();
  SetProperty(rt, proto, key, value, base, strict);
}

void ArrayPush(Runtime& rt, Array* array, Value v) {
  uint32_t len = array->length();
  if (len == 0xFFFFFFFFu) rt.ThrowRangeError("Invalid array length");
  array->PutIndexed(rt, len, v, kAttrDefault);
  array->set_length_raw(len + 1);
}

uint64_t LengthOf(Runtime& rt, Object* obj) {
  if (obj->kind() == CellKind::kArray) return static_cast<Array*>(obj)->length();
  return ToLength(rt, GetProperty(rt, obj, PropertyKey::Named(rt.names().length)));
}

Object* GetPrototypeOf(Runtime& rt, Object* obj) {
  if (Proxy* proxy = AsProxy(obj)) return ProxyGetPrototypeOf(rt, proxy);
  return obj->proto();
}

bool SetPrototypeOf(Runtime& rt, Object* obj, Object* proto) {
  if (Proxy* proxy = AsProxy(obj)) return ProxySetPrototypeOf(rt, proxy, proto);
  if (obj->proto() == proto) return true;
  if (obj == rt.intrinsics().object_prototype) return false;  // immutable prototype exotic
  if (!obj->extensible()) return false;
  // A proxy ends the cycle check (its [[GetPrototypeOf]] is not ordinary):
  // its proto() is null.
  for (Object* p = proto; p; p = p->proto(), rt.PollNativeTimeout()) {
    if (p == obj) return false;
  }
  obj->set_proto(proto);
  return true;
}

bool IsExtensible(Runtime& rt, Object* obj) {
  if (Proxy* proxy = AsProxy(obj)) return ProxyIsExtensible(rt, proxy);
  return obj->extensible();
}

bool PreventExtensions(Runtime& rt, Object* obj) {
  if (Proxy* proxy = AsProxy(obj)) return ProxyPreventExtensions(rt, proxy);
  obj->set_extensible(false);
  return true;
}

bool IsCompatiblePropertyDescriptor(bool extensible, const PropertyDescriptor& desc, const OwnProperty* current) {
  if (!current) return extensible;
  if (current->attrs & kAttrConfigurable) return true;
  bool is_accessor = current->attrs & kAttrAccessor;
  if (desc.has_configurable && desc.configurable) return false;
  if (desc.has_enumerable && desc.enumerable != bool(current->attrs & kAttrEnumerable)) return false;
  if (!desc.IsAccessor() && !desc.IsData()) return true;  // generic
  if (desc.IsAccessor() != is_accessor) return false;
  if (is_accessor) {
    auto* acc = static_cast<Accessor*>(current->value.AsCell());
    if (desc.has_get && !SameValue(desc.get, acc->getter)) return false;
    if (desc.has_set && !SameValue(desc.set, acc->setter)) return false;
  } else if (!(current->attrs & kAttrWritable)) {
    if (desc.has_writable && desc.writable) return false;
    if (desc.has_value && !SameValue(desc.value, current->value)) return false;
  }
  return true;
}

bool SetIntegrityLevel(Runtime& rt, Object* obj, bool frozen) {
  if (frozen && obj->kind() == CellKind::kTypedArray && static_cast<TypedArrayObject*>(obj)->length() > 0) {
    rt.ThrowTypeError("Cannot freeze array buffer views with elements");
  }
  Rooted<Object*> robj(rt, obj);
  if (!PreventExtensions(rt, obj)) return false;
  RootedVector key_roots(rt);
  std::vector<PropertyKey> keys = OwnPropertyKeys(rt, robj);
  for (const PropertyKey& k : keys) {
    if (k.cell()) key_roots.push_back(Value::FromCell(k.cell()));
  }
  for (PropertyKey key : keys) {
    PropertyDescriptor d;
    d.has_configurable = true;
    d.configurable = false;
    if (frozen) {
      OwnProperty p;
      if (GetOwnProperty(rt, robj, key, &p) && !(p.attrs & kAttrAccessor)) {
        d.has_writable = true;
        d.writable = false;
      }
    }
    DefineOwnProperty(rt, robj, key, d, true);
  }
  return true;
}

bool TestIntegrityLevel(Runtime& rt, Object* obj, bool frozen) {
  Rooted<Object*> robj(rt, obj);
  if (IsExtensible(rt, obj)) return false;
  RootedVector key_roots(rt);
  std::vector<PropertyKey> keys = OwnPropertyKeys(rt, robj);
  for (const PropertyKey& k : keys) {
    if (k.cell()) key_roots.push_back(Value::FromCell(k.cell()));
  }
  for (PropertyKey key : keys) {
    OwnProperty p;
    if (!GetOwnProperty(rt, robj, key, &p)) continue;
    if (p.attrs & kAttrConfigurable) return false;
    if (frozen && !(p.attrs & kAttrAccessor) && (p.attrs & kAttrWritable)) return false;
  }
  return true;
}

PropertyDescriptor ToPropertyDescriptor(Runtime& rt, Value v) {
  if (!v.IsObject()) rt.ThrowTypeError("Property description must be an object: " + DescribeForError(rt, v));
  Rooted<Object*> obj(rt, v.AsObject());
  const Names& n = rt.names();
  PropertyDescriptor d;
  auto field = [&](String* name, bool* has, Value* out) {
    PropertyKey key = PropertyKey::Named(name);
    if (HasProperty(rt, obj, key)) {
      *has = true;
      *out = GetProperty(rt, obj, key);
    }
  };
  Value tmp;
  field(n.enumerable, &d.has_enumerable, &tmp);
  if (d.has_enumerable) d.enumerable = ToBoolean(tmp);
  field(n.configurable, &d.has_configurable, &tmp);
  if (d.has_configurable) d.configurable = ToBoolean(tmp);
  Rooted<Value> value(rt, Value::Undefined());
  field(n.value, &d.has_value, &tmp);
  if (d.has_value) value = tmp;
  field(n.writable, &d.has_writable, &tmp);
  if (d.has_writable) d.writable = ToBoolean(tmp);
  Rooted<Value> getter(rt, Value::Undefined());
  field(n.get, &d.has_get, &tmp);
  if (d.has_get) {
    if (!tmp.IsUndefined() && !IsCallable(tmp)) rt.ThrowTypeError("Getter must be a function: " + DescribeForError(rt, tmp));
    getter = tmp;
  }
  field(n.set, &d.has_set, &tmp);
  if (d.has_set && !tmp.IsUndefined() && !IsCallable(tmp)) {
    rt.ThrowTypeError("Setter must be a function: " + DescribeForError(rt, tmp));
  }
  d.set = tmp;
  d.get = getter;
  d.value = value;
  if ((d.has_get || d.has_set) && (d.has_value || d.has_writable)) {
    rt.ThrowTypeError("Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, " +
                      DescribeForError(rt, Value::FromCell(obj.get())));
  }
  return d;
}

Value FromPropertyDescriptor(Runtime& rt, const OwnProperty& p) {
  // The value may be fresh (a BigInt typed array element): root it.
  Rooted<Value> value(rt, p.value);
  Rooted<Object*> obj(rt, rt.NewObject());
  const Names& n = rt.names();
  if (p.attrs & kAttrAccessor) {
    auto* acc = static_cast<Accessor*>(value.get().AsCell());
    Rooted<Value> setter(rt, acc->setter);
    CreateDataProperty(rt, obj, PropertyKey::Named(n.get), acc->getter);
    CreateDataProperty(rt, obj, PropertyKey::Named(n.set), setter);
  } else {
    CreateDataProperty(rt, obj, PropertyKey::Named(n.value), value);
    CreateDataProperty(rt, obj, PropertyKey::Named(n.writable), Value::Boolean(p.attrs & kAttrWritable));
  }
  CreateDataProperty(rt, obj, PropertyKey::Named(n.enumerable), Value::Boolean(p.attrs & kAttrEnumerable));
  CreateDataProperty(rt, obj, PropertyKey::Named(n.configurable), Value::Boolean(p.attrs & kAttrConfigurable));
  return Value::FromCell(obj.get());
}

}  // namespace jsvm
