#include "vm/objects/proxy.h"

#include <algorithm>

#include "vm/execution/operations.h"

namespace jsvm {

namespace {

// The handler of a live proxy; a TypeError naming `trap` when revoked.
Object* LiveHandler(Runtime& rt, Proxy* proxy, const char* trap) {
  if (proxy->revoked()) {
    rt.ThrowTypeError(std::string("Cannot perform '") + trap + "' on a proxy that has been revoked");
  }
  return proxy->handler();
}

// GetMethod(handler, trap): undefined when absent, a TypeError when not callable.
Value GetTrap(Runtime& rt, Object* handler, const char* trap) {
  Rooted<Object*> rhandler(rt, handler);
  PropertyKey key = PropertyKey::Named(rt.InternUtf8(trap));
  Value method = GetProperty(rt, handler, key);
  if (method.IsNullish()) return Value::Undefined();
  if (!IsCallable(method)) {
    rt.ThrowTypeError("'" + DescribeForError(rt, method) + "' returned for property '" + trap + "' of object '" +
                      DescribeForError(rt, Value::FromCell(rhandler.get())) + "' is not a function");
  }
  return method;
}

std::string KeyName(Runtime& rt, PropertyKey key) {
  return ToString(rt, KeyToValue(rt, key))->ToUtf8();
}

[[noreturn]] void ThrowInvariant(Runtime& rt, const char* trap, const std::string& what) {
  rt.ThrowTypeError(std::string("'") + trap + "' on proxy: " + what);
}

// The usual call of a trap: trap.call(handler, target, ...args).
Value CallTrap(Runtime& rt, Value trap, Object* handler, std::initializer_list<Value> args) {
  return Call(rt, trap, Value::FromCell(handler), args.begin(), static_cast<uint32_t>(args.size()));
}

// CompletePropertyDescriptor(desc) as a stored property.
OwnProperty CompleteToOwn(Runtime& rt, const PropertyDescriptor& d) {
  OwnProperty p;
  uint8_t attrs = 0;
  if (d.has_enumerable && d.enumerable) attrs |= kAttrEnumerable;
  if (d.has_configurable && d.configurable) attrs |= kAttrConfigurable;
  if (d.IsAccessor()) {
    Value get = d.has_get ? d.get : Value::Undefined();
    Value set = d.has_set ? d.set : Value::Undefined();
    p.value = Value::FromCell(rt.heap().New<Accessor>(get, set));
    p.attrs = attrs | kAttrAccessor;
  } else {
    if (d.has_writable && d.writable) attrs |= kAttrWritable;
    p.value = d.has_value ? d.value : Value::Undefined();
    p.attrs = attrs;
  }
  return p;
}

bool IsDataProperty(const OwnProperty& p) { return !(p.attrs & kAttrAccessor); }
bool IsConfigurable(const OwnProperty& p) { return p.attrs & kAttrConfigurable; }

}  // namespace

void Proxy::Trace(Visitor& v) const {
  TraceProperties(v);
  if (target_) v.Edge(target_, EdgeType::kInternal, EdgeName::Str("target"));
  if (handler_) v.Edge(handler_, EdgeType::kInternal, EdgeName::Str("handler"));
}

Proxy* ProxyCreate(Runtime& rt, Value target, Value handler) {
  if (!target.IsObject() || !handler.IsObject()) {
    rt.ThrowTypeError("Cannot create proxy with a non-object as target or handler");
  }
  Object* t = target.AsObject();
  return rt.heap().New<Proxy>(t, handler.AsObject(), t->IsCallable(), IsConstructor(target));
}

Object* ProxyGetPrototypeOf(Runtime& rt, Proxy* proxy) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "getPrototypeOf"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "getPrototypeOf"));
  if (trap.get().IsUndefined()) return GetPrototypeOf(rt, target);
  Rooted<Value> result(rt, CallTrap(rt, trap, handler, {Value::FromCell(target.get())}));
  if (!result.get().IsObject() && !result.get().IsNull()) {
    ThrowInvariant(rt, "getPrototypeOf", "trap returned neither object nor null");
  }
  Object* proto = result.get().IsNull() ? nullptr : result.get().AsObject();
  if (IsExtensible(rt, target)) return proto;
  if (GetPrototypeOf(rt, target) != proto) {
    ThrowInvariant(rt, "getPrototypeOf", "proxy target is non-extensible but the trap did not return its actual prototype");
  }
  return proto;
}

bool ProxySetPrototypeOf(Runtime& rt, Proxy* proxy, Object* proto) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "setPrototypeOf"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Object*> rproto(rt, proto);
  Rooted<Value> trap(rt, GetTrap(rt, handler, "setPrototypeOf"));
  if (trap.get().IsUndefined()) return SetPrototypeOf(rt, target, proto);
  Value v = proto ? Value::FromCell(proto) : Value::Null();
  if (!ToBoolean(CallTrap(rt, trap, handler, {Value::FromCell(target.get()), v}))) return false;
  if (IsExtensible(rt, target)) return true;
  if (GetPrototypeOf(rt, target) != rproto.get()) {
    ThrowInvariant(rt, "setPrototypeOf", "trap returned truish for setting a new prototype on the non-extensible proxy target");
  }
  return true;
}

bool ProxyIsExtensible(Runtime& rt, Proxy* proxy) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "isExtensible"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "isExtensible"));
  if (trap.get().IsUndefined()) return IsExtensible(rt, target);
  bool result = ToBoolean(CallTrap(rt, trap, handler, {Value::FromCell(target.get())}));
  if (result != IsExtensible(rt, target)) {
    ThrowInvariant(rt, "isExtensible", std::string("trap result does not reflect extensibility of proxy target (which is '") +
                                           (result ? "false" : "true") + "')");
  }
  return result;
}

bool ProxyPreventExtensions(Runtime& rt, Proxy* proxy) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "preventExtensions"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "preventExtensions"));
  if (trap.get().IsUndefined()) return PreventExtensions(rt, target);
  bool result = ToBoolean(CallTrap(rt, trap, handler, {Value::FromCell(target.get())}));
  if (result && IsExtensible(rt, target)) {
    ThrowInvariant(rt, "preventExtensions", "trap returned truish but the proxy target is extensible");
  }
  return result;
}

bool ProxyGetOwnProperty(Runtime& rt, Proxy* proxy, PropertyKey key, OwnProperty* out) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "getOwnPropertyDescriptor"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "getOwnPropertyDescriptor"));
  if (trap.get().IsUndefined()) return GetOwnProperty(rt, target, key, out);
  Rooted<Value> name(rt, KeyToValue(rt, key));
  Rooted<Value> result(rt, CallTrap(rt, trap, handler, {Value::FromCell(target.get()), name}));
  if (!result.get().IsObject() && !result.get().IsUndefined()) {
    ThrowInvariant(rt, "getOwnPropertyDescriptor", "trap returned neither object nor undefined for property '" +
                                                       KeyName(rt, key) + "'");
  }
  OwnProperty target_desc;
  bool has_target = GetOwnProperty(rt, target, key, &target_desc);
  Rooted<Value> target_value(rt, target_desc.value);
  if (result.get().IsUndefined()) {
    if (!has_target) return false;
    if (!IsConfigurable(target_desc)) {
      ThrowInvariant(rt, "getOwnPropertyDescriptor", "trap returned undefined for property '" + KeyName(rt, key) +
                                                         "' which is non-configurable in the proxy target");
    }
    if (!IsExtensible(rt, target)) {
      ThrowInvariant(rt, "getOwnPropertyDescriptor", "trap returned undefined for property '" + KeyName(rt, key) +
                                                         "' which exists in the non-extensible proxy target");
    }
    return false;
  }
  bool extensible = IsExtensible(rt, target);
  PropertyDescriptor desc = ToPropertyDescriptor(rt, result);
  Rooted<Value> dv(rt, desc.value), dg(rt, desc.get), ds(rt, desc.set);
  target_desc.value = target_value;
  if (!IsCompatiblePropertyDescriptor(extensible, desc, has_target ? &target_desc : nullptr)) {
    ThrowInvariant(rt, "getOwnPropertyDescriptor", "trap returned descriptor for property '" + KeyName(rt, key) +
                                                       "' that is incompatible with the existing property in the proxy target");
  }
  OwnProperty own = CompleteToOwn(rt, desc);
  if (!IsConfigurable(own)) {
    if (!has_target || IsConfigurable(target_desc)) {
      ThrowInvariant(rt, "getOwnPropertyDescriptor", "trap reported non-configurability for property '" +
                                                         KeyName(rt, key) +
                                                         "' which is either non-existent or configurable in the proxy target");
    }
    if (IsDataProperty(own) && !(own.attrs & kAttrWritable) && IsDataProperty(target_desc) &&
        (target_desc.attrs & kAttrWritable)) {
      ThrowInvariant(rt, "getOwnPropertyDescriptor", "trap reported non-configurable and writable for property '" +
                                                         KeyName(rt, key) +
                                                         "' which is non-configurable, non-writable in the proxy target");
    }
  }
  *out = own;
  return true;
}

bool ProxyDefineOwnProperty(Runtime& rt, Proxy* proxy, PropertyKey key, const PropertyDescriptor& desc) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "defineProperty"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> dv(rt, desc.value), dg(rt, desc.get), ds(rt, desc.set);
  Rooted<Value> trap(rt, GetTrap(rt, handler, "defineProperty"));
  PropertyDescriptor d = desc;
  d.value = dv;
  d.get = dg;
  d.set = ds;
  if (trap.get().IsUndefined()) return DefineOwnProperty(rt, target, key, d, false);
  Rooted<Value> name(rt, KeyToValue(rt, key));
  Rooted<Value> desc_obj(rt, FromPartialDescriptor(rt, d));
  if (!ToBoolean(CallTrap(rt, trap, handler, {Value::FromCell(target.get()), name, desc_obj}))) return false;
  d.value = dv;
  d.get = dg;
  d.set = ds;
  OwnProperty target_desc;
  bool has_target = GetOwnProperty(rt, target, key, &target_desc);
  Rooted<Value> target_value(rt, target_desc.value);
  bool extensible = IsExtensible(rt, target);
  target_desc.value = target_value;
  bool setting_config_false = d.has_configurable && !d.configurable;
  if (!has_target) {
    if (!extensible) {
      ThrowInvariant(rt, "defineProperty", "trap returned truish for adding property '" + KeyName(rt, key) +
                                               "'  to the non-extensible proxy target");
    }
    if (setting_config_false) {
      ThrowInvariant(rt, "defineProperty", "trap returned truish for defining non-configurable property '" +
                                               KeyName(rt, key) + "' which is either non-existent or configurable in the proxy target");
    }
    return true;
  }
  if (!IsCompatiblePropertyDescriptor(extensible, d, &target_desc)) {
    ThrowInvariant(rt, "defineProperty", "trap returned truish for adding property '" + KeyName(rt, key) +
                                             "'  that is incompatible with the existing property in the proxy target");
  }
  if (setting_config_false && IsConfigurable(target_desc)) {
    ThrowInvariant(rt, "defineProperty", "trap returned truish for defining non-configurable property '" +
                                             KeyName(rt, key) + "' which is either non-existent or configurable in the proxy target");
  }
  if (IsDataProperty(target_desc) && !IsConfigurable(target_desc) && (target_desc.attrs & kAttrWritable) &&
      d.has_writable && !d.writable) {
    ThrowInvariant(rt, "defineProperty", "trap returned truish for defining non-configurable property '" +
                                             KeyName(rt, key) + "' which cannot be non-writable, unless there exists a corresponding non-configurable, non-writable own property of the target object.");
  }
  return true;
}

bool ProxyHas(Runtime& rt, Proxy* proxy, PropertyKey key) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "has"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "has"));
  if (trap.get().IsUndefined()) return HasProperty(rt, target, key);
  Rooted<Value> name(rt, KeyToValue(rt, key));
  if (ToBoolean(CallTrap(rt, trap, handler, {Value::FromCell(target.get()), name}))) return true;
  OwnProperty target_desc;
  if (GetOwnProperty(rt, target, key, &target_desc)) {
    if (!IsConfigurable(target_desc)) {
      ThrowInvariant(rt, "has", "trap returned falsish for property '" + KeyName(rt, key) +
                                    "' which exists in the proxy target as non-configurable");
    }
    if (!IsExtensible(rt, target)) {
      ThrowInvariant(rt, "has", "trap returned falsish for property '" + KeyName(rt, key) +
                                    "' but the proxy target is not extensible");
    }
  }
  return false;
}

Value ProxyGet(Runtime& rt, Proxy* proxy, PropertyKey key, Value receiver) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "get"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> rreceiver(rt, receiver);
  Rooted<Value> trap(rt, GetTrap(rt, handler, "get"));
  if (trap.get().IsUndefined()) return GetProperty(rt, target, key, rreceiver);
  Rooted<Value> name(rt, KeyToValue(rt, key));
  Rooted<Value> result(rt, CallTrap(rt, trap, handler, {Value::FromCell(target.get()), name, rreceiver}));
  OwnProperty target_desc;
  if (GetOwnProperty(rt, target, key, &target_desc) && !IsConfigurable(target_desc)) {
    if (IsDataProperty(target_desc) && !(target_desc.attrs & kAttrWritable) && !SameValue(result, target_desc.value)) {
      Rooted<Value> expected(rt, target_desc.value);
      std::string got = DescribeForError(rt, result);
      ThrowInvariant(rt, "get", "property '" + KeyName(rt, key) +
                                    "' is a read-only and non-configurable data property on the proxy target but the proxy did not return its actual value (expected '" +
                                    DescribeForError(rt, expected) + "' but got '" + got + "')");
    }
    if (!IsDataProperty(target_desc) && static_cast<Accessor*>(target_desc.value.AsCell())->getter.IsUndefined() &&
        !result.get().IsUndefined()) {
      ThrowInvariant(rt, "get", "property '" + KeyName(rt, key) +
                                    "' is a non-configurable accessor property on the proxy target and does not have a getter function, but the trap did not return 'undefined' (got '" +
                                    DescribeForError(rt, result) + "')");
    }
  }
  return result;
}

bool ProxySet(Runtime& rt, Proxy* proxy, PropertyKey key, Value value, Value receiver) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "set"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> rvalue(rt, value), rreceiver(rt, receiver);
  Rooted<Value> trap(rt, GetTrap(rt, handler, "set"));
  if (trap.get().IsUndefined()) return SetProperty(rt, target, key, rvalue, rreceiver, false);
  Rooted<Value> name(rt, KeyToValue(rt, key));
  if (!ToBoolean(CallTrap(rt, trap, handler, {Value::FromCell(target.get()), name, rvalue, rreceiver}))) return false;
  OwnProperty target_desc;
  if (GetOwnProperty(rt, target, key, &target_desc) && !IsConfigurable(target_desc)) {
    if (IsDataProperty(target_desc) && !(target_desc.attrs & kAttrWritable) && !SameValue(rvalue, target_desc.value)) {
      ThrowInvariant(rt, "set", "trap returned truish for property '" + KeyName(rt, key) +
                                    "' which exists in the proxy target as a non-configurable and non-writable data property with a different value");
    }
    if (!IsDataProperty(target_desc) && static_cast<Accessor*>(target_desc.value.AsCell())->setter.IsUndefined()) {
      ThrowInvariant(rt, "set", "trap returned truish for property '" + KeyName(rt, key) +
                                    "' which exists in the proxy target as a non-configurable and non-writable accessor property without a setter");
    }
  }
  return true;
}

bool ProxyDelete(Runtime& rt, Proxy* proxy, PropertyKey key) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "deleteProperty"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "deleteProperty"));
  if (trap.get().IsUndefined()) return DeleteProperty(rt, target, key);
  Rooted<Value> name(rt, KeyToValue(rt, key));
  if (!ToBoolean(CallTrap(rt, trap, handler, {Value::FromCell(target.get()), name}))) return false;
  OwnProperty target_desc;
  if (!GetOwnProperty(rt, target, key, &target_desc)) return true;
  if (!IsConfigurable(target_desc)) {
    ThrowInvariant(rt, "deleteProperty", "trap returned truish for property '" + KeyName(rt, key) +
                                             "' which is non-configurable in the proxy target");
  }
  if (!IsExtensible(rt, target)) {
    ThrowInvariant(rt, "deleteProperty", "trap returned truish for property '" + KeyName(rt, key) +
                                             "' but the proxy target is non-extensible");
  }
  return true;
}

std::vector<PropertyKey> ProxyOwnKeys(Runtime& rt, Proxy* proxy) {
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "ownKeys"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "ownKeys"));
  if (trap.get().IsUndefined()) return OwnPropertyKeys(rt, target);
  Rooted<Value> array(rt, CallTrap(rt, trap, handler, {Value::FromCell(target.get())}));
  // CreateListFromArrayLike(array, « String, Symbol »).
  if (!array.get().IsObject()) rt.ThrowTypeError("CreateListFromArrayLike called on non-object");
  RootedVector roots(rt);
  std::vector<PropertyKey> keys;
  uint64_t len = LengthOf(rt, array.get().AsObject());
  for (uint64_t i = 0; i < len; ++i) {
    PropertyKey ik = i <= PropertyKey::kMaxIndex ? PropertyKey::Index(static_cast<uint32_t>(i))
                                                 : rt.KeyForUtf8(std::to_string(i));
    Value v = GetProperty(rt, array.get().AsObject(), ik);
    if (!v.IsString() && !v.IsSymbol()) {
      rt.ThrowTypeError(DescribeForError(rt, v) + " is not a valid property name");
    }
    PropertyKey key = ToPropertyKey(rt, v);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
      ThrowInvariant(rt, "ownKeys", "trap returned duplicate entries");
    }
    if (key.cell()) roots.push_back(Value::FromCell(key.cell()));
    keys.push_back(key);
  }
  bool extensible = IsExtensible(rt, target);
  std::vector<PropertyKey> target_keys = OwnPropertyKeys(rt, target);
  for (const PropertyKey& k : target_keys) {
    if (k.cell()) roots.push_back(Value::FromCell(k.cell()));
  }
  std::vector<PropertyKey> configurable, nonconfigurable;
  for (const PropertyKey& k : target_keys) {
    OwnProperty p;
    if (GetOwnProperty(rt, target, k, &p) && !IsConfigurable(p)) {
      nonconfigurable.push_back(k);
    } else {
      configurable.push_back(k);
    }
  }
  if (extensible && nonconfigurable.empty()) return keys;
  std::vector<PropertyKey> unchecked = keys;
  auto take = [&](const PropertyKey& k, const char* why) {
    auto it = std::find(unchecked.begin(), unchecked.end(), k);
    if (it == unchecked.end()) ThrowInvariant(rt, "ownKeys", "trap result did not include '" + KeyName(rt, k) + "'" + why);
    unchecked.erase(it);
  };
  for (const PropertyKey& k : nonconfigurable) take(k, "");
  if (extensible) return keys;
  for (const PropertyKey& k : configurable) take(k, "");
  if (!unchecked.empty()) {
    ThrowInvariant(rt, "ownKeys", "trap returned extra keys but proxy target is non-extensible");
  }
  return keys;
}

Value ProxyCall(Runtime& rt, Proxy* proxy, Value this_value, const Value* argv, uint32_t argc) {
  RootedVector args(rt);
  args.values().assign(argv, argv + argc);
  Rooted<Value> rthis(rt, this_value);
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "apply"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "apply"));
  if (trap.get().IsUndefined()) return Call(rt, Value::FromCell(target.get()), rthis, args.data(), argc);
  Rooted<Value> array(rt, Value::FromCell(rt.NewArrayFrom(args.values())));
  return CallTrap(rt, trap, handler, {Value::FromCell(target.get()), rthis, array});
}

Value ProxyConstruct(Runtime& rt, Proxy* proxy, const Value* argv, uint32_t argc, Value new_target) {
  RootedVector args(rt);
  args.values().assign(argv, argv + argc);
  Rooted<Value> rnew_target(rt, new_target);
  Rooted<Object*> handler(rt, LiveHandler(rt, proxy, "construct"));
  Rooted<Object*> target(rt, proxy->target());
  Rooted<Value> trap(rt, GetTrap(rt, handler, "construct"));
  if (trap.get().IsUndefined()) return Construct(rt, Value::FromCell(target.get()), args.data(), argc, rnew_target);
  Rooted<Value> array(rt, Value::FromCell(rt.NewArrayFrom(args.values())));
  Value result = CallTrap(rt, trap, handler, {Value::FromCell(target.get()), array, rnew_target});
  if (!result.IsObject()) ThrowInvariant(rt, "construct", "trap returned non-object ('" + DescribeForError(rt, result) + "')");
  return result;
}

bool IsArrayThroughProxies(Runtime& rt, Value v) {
  while (v.IsObject()) {
    Object* o = v.AsObject();
    if (o->kind() != CellKind::kProxy) return o->IsArray();
    auto* proxy = static_cast<Proxy*>(o);
    if (proxy->revoked()) rt.ThrowTypeError("Cannot perform 'IsArray' on a proxy that has been revoked");
    v = Value::FromCell(proxy->target());
  }
  return false;
}

Value FromPartialDescriptor(Runtime& rt, const PropertyDescriptor& d) {
  Rooted<Value> value(rt, d.value), get(rt, d.get), set(rt, d.set);
  Rooted<Object*> obj(rt, rt.NewObject());
  const Names& n = rt.names();
  if (d.has_value) CreateDataProperty(rt, obj, PropertyKey::Named(n.value), value);
  if (d.has_writable) CreateDataProperty(rt, obj, PropertyKey::Named(n.writable), Value::Boolean(d.writable));
  if (d.has_get) CreateDataProperty(rt, obj, PropertyKey::Named(n.get), get);
  if (d.has_set) CreateDataProperty(rt, obj, PropertyKey::Named(n.set), set);
  if (d.has_enumerable) CreateDataProperty(rt, obj, PropertyKey::Named(n.enumerable), Value::Boolean(d.enumerable));
  if (d.has_configurable) {
    CreateDataProperty(rt, obj, PropertyKey::Named(n.configurable), Value::Boolean(d.configurable));
  }
  return Value::FromCell(obj.get());
}

}  // namespace jsvm
