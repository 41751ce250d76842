// Object and Object.prototype.
#include "vm/builtins/builtins.h"
#include "vm/objects/proxy.h"
#include "vm/execution/operations.h"

namespace jsvm {

namespace {

Value ObjectValue(Object* o) { return o ? Value::FromCell(o) : Value::Null(); }

PropertyKey Name(String* s) { return PropertyKey::Named(s); }

// Throws "Cannot convert undefined or null to object" for nullish values.
void RequireObjectCoercible(Runtime& rt, Value v) {
  if (v.IsNullish()) rt.ThrowTypeError("Cannot convert undefined or null to object");
}

Value ObjectConstructor(Runtime& rt, CallArgs& args) {
  if (args.is_construct() && args.new_target != Value::FromCell(args.callee)) {
    return Value::FromCell(
        rt.NewObject(GetPrototypeFromConstructor(rt, args.new_target, rt.intrinsics().object_prototype)));
  }
  Value v = args[0];
  if (v.IsNullish()) return Value::FromCell(rt.NewObject());
  return Value::FromCell(ToObject(rt, v));
}

// EnumerableOwnProperties(O, kind): 0 keys, 1 values, 2 entries.
Value EnumerableOwn(Runtime& rt, Value target, int kind) {
  Rooted<Object*> obj(rt, ToObject(rt, target));
  RootedKeys keys(rt, OwnPropertyKeys(rt, obj, kKeysStrings));
  Rooted<Array*> result(rt, rt.NewArray(0));
  for (const PropertyKey& key : keys) {
    OwnProperty p;
    if (!GetOwnProperty(rt, obj, key, &p) || !(p.attrs & kAttrEnumerable)) continue;
    if (kind == 0) {
      ArrayPush(rt, result, KeyToValue(rt, key));
      continue;
    }
    Rooted<Value> v(rt, GetProperty(rt, obj, key));
    if (kind == 1) {
      ArrayPush(rt, result, v);
    } else {
      Rooted<Value> k(rt, KeyToValue(rt, key));
      Rooted<Array*> pair(rt, rt.NewArray(0));
      ArrayPush(rt, pair, k);
      ArrayPush(rt, pair, v);
      ArrayPush(rt, result, Value::FromCell(pair.get()));
    }
  }
  return Value::FromCell(result.get());
}

Value ObjectKeys(Runtime& rt, CallArgs& args) { return EnumerableOwn(rt, args[0], 0); }
Value ObjectValues(Runtime& rt, CallArgs& args) { return EnumerableOwn(rt, args[0], 1); }
Value ObjectEntries(Runtime& rt, CallArgs& args) { return EnumerableOwn(rt, args[0], 2); }

Value ObjectAssign(Runtime& rt, CallArgs& args) {
  Rooted<Object*> to(rt, ToObject(rt, args[0]));
  for (uint32_t i = 1; i < args.argc; ++i) {
    if (args[i].IsNullish()) continue;
    Rooted<Object*> from(rt, ToObject(rt, args[i]));
    RootedKeys keys(rt, OwnPropertyKeys(rt, from));
    for (const PropertyKey& key : keys) {
      OwnProperty p;
      if (!GetOwnProperty(rt, from, key, &p) || !(p.attrs & kAttrEnumerable)) continue;
      Rooted<Value> v(rt, GetProperty(rt, from, key));
      SetProperty(rt, to, key, v, true);
    }
  }
  return Value::FromCell(to.get());
}

// ObjectDefineProperties(O, Properties).
void DefinePropertiesFrom(Runtime& rt, Object* target, Value properties) {
  Rooted<Object*> obj(rt, target);
  Rooted<Object*> props(rt, ToObject(rt, properties));
  RootedKeys keys(rt, OwnPropertyKeys(rt, props));
  std::vector<std::pair<PropertyKey, PropertyDescriptor>> descs;
  RootedVector keep(rt);
  for (const PropertyKey& key : keys) {
    OwnProperty p;
    if (!GetOwnProperty(rt, props, key, &p) || !(p.attrs & kAttrEnumerable)) continue;
    Rooted<Value> desc_obj(rt, GetProperty(rt, props, key));
    PropertyDescriptor d = ToPropertyDescriptor(rt, desc_obj);
    keep.push_back(d.value);
    keep.push_back(d.get);
    keep.push_back(d.set);
    descs.emplace_back(key, d);
  }
  for (auto& [key, d] : descs) DefineOwnProperty(rt, obj, key, d, true);
}

Value ObjectCreate(Runtime& rt, CallArgs& args) {
  Value proto = args[0];
  if (!proto.IsObject() && !proto.IsNull()) {
    rt.ThrowTypeError("Object prototype may only be an Object or null: " + DescribeForError(rt, proto));
  }
  Rooted<Object*> obj(rt, rt.NewObject(proto.IsNull() ? nullptr : proto.AsObject()));
  if (!args[1].IsUndefined()) DefinePropertiesFrom(rt, obj, args[1]);
  return Value::FromCell(obj.get());
}

Value ObjectDefineProperty(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) rt.ThrowTypeError("Object.defineProperty called on non-object");
  Rooted<Object*> obj(rt, args[0].AsObject());
  PropertyKey key = ToPropertyKey(rt, args[1]);
  Rooted<Value> key_root(rt, key.cell() ? Value::FromCell(key.cell()) : Value::Undefined());
  PropertyDescriptor d = ToPropertyDescriptor(rt, args[2]);
  DefineOwnProperty(rt, obj, key, d, true);
  return Value::FromCell(obj.get());
}

Value ObjectDefineProperties(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) rt.ThrowTypeError("Object.defineProperties called on non-object");
  DefinePropertiesFrom(rt, args[0].AsObject(), args[1]);
  return args[0];
}

Value KeysArray(Runtime& rt, Value target, uint8_t filter) {
  Rooted<Object*> obj(rt, ToObject(rt, target));
  RootedKeys keys(rt, OwnPropertyKeys(rt, obj, filter));
  Rooted<Array*> result(rt, rt.NewArray(0));
  for (const PropertyKey& key : keys) ArrayPush(rt, result, KeyToValue(rt, key));
  return Value::FromCell(result.get());
}

Value ObjectGetOwnPropertyNames(Runtime& rt, CallArgs& args) {
  return KeysArray(rt, args[0], kKeysStrings);
}
Value ObjectGetOwnPropertySymbols(Runtime& rt, CallArgs& args) {
  return KeysArray(rt, args[0], kKeysSymbols);
}

Value ObjectGetOwnPropertyDescriptor(Runtime& rt, CallArgs& args) {
  Rooted<Object*> obj(rt, ToObject(rt, args[0]));
  PropertyKey key = ToPropertyKey(rt, args[1]);
  OwnProperty p;
  if (!GetOwnProperty(rt, obj, key, &p)) return Value::Undefined();
  return FromPropertyDescriptor(rt, p);
}

Value ObjectGetOwnPropertyDescriptors(Runtime& rt, CallArgs& args) {
  Rooted<Object*> obj(rt, ToObject(rt, args[0]));
  RootedKeys keys(rt, OwnPropertyKeys(rt, obj));
  Rooted<Object*> result(rt, rt.NewObject());
  for (const PropertyKey& key : keys) {
    OwnProperty p;
    if (!GetOwnProperty(rt, obj, key, &p)) continue;
    Rooted<Value> d(rt, FromPropertyDescriptor(rt, p));
    CreateDataProperty(rt, result, key, d);
  }
  return Value::FromCell(result.get());
}

// [[SetPrototypeOf]] or a TypeError saying why it was refused.
void SetPrototypeOrThrow(Runtime& rt, Object* obj, Value proto, Value what) {
  Rooted<Object*> robj(rt, obj);
  Rooted<Value> rwhat(rt, what);
  if (SetPrototypeOf(rt, obj, proto.IsNull() ? nullptr : proto.AsObject())) return;
  if (robj.get() == rt.intrinsics().object_prototype) {
    rt.ThrowTypeError("Immutable prototype object 'Object.prototype' cannot have their prototype set");
  }
  // V8 names a property that is not there.
  if (robj->kind() == CellKind::kProxy) rt.ThrowTypeError("'setPrototypeOf' on proxy: trap returned falsish for property 'undefined'");
  if (!robj->extensible()) rt.ThrowTypeError(DescribeForError(rt, rwhat) + " is not extensible");
  rt.ThrowTypeError("Cyclic __proto__ value");
}

Value ObjectGetPrototypeOf(Runtime& rt, CallArgs& args) {
  return ObjectValue(GetPrototypeOf(rt, ToObject(rt, args[0])));
}

Value ObjectSetPrototypeOf(Runtime& rt, CallArgs& args) {
  RequireObjectCoercible(rt, args[0]);
  Value proto = args[1];
  if (!proto.IsObject() && !proto.IsNull()) {
    rt.ThrowTypeError("Object prototype may only be an Object or null: " + DescribeForError(rt, proto));
  }
  if (!args[0].IsObject()) return args[0];
  Object* obj = args[0].AsObject();
  SetPrototypeOrThrow(rt, obj, proto, args[0]);
  return args[0];
}

Value ObjectFreeze(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) return args[0];
  if (!SetIntegrityLevel(rt, args[0].AsObject(), true)) rt.ThrowTypeError("'preventExtensions' on proxy: trap returned falsish");
  return args[0];
}
Value ObjectSeal(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) return args[0];
  if (!SetIntegrityLevel(rt, args[0].AsObject(), false)) rt.ThrowTypeError("'preventExtensions' on proxy: trap returned falsish");
  return args[0];
}
Value ObjectPreventExtensions(Runtime& rt, CallArgs& args) {
  if (args[0].IsObject() && !PreventExtensions(rt, args[0].AsObject())) {
    rt.ThrowTypeError("'preventExtensions' on proxy: trap returned falsish");
  }
  return args[0];
}
Value ObjectIsFrozen(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) return Value::True();
  return Value::Boolean(TestIntegrityLevel(rt, args[0].AsObject(), true));
}
Value ObjectIsSealed(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) return Value::True();
  return Value::Boolean(TestIntegrityLevel(rt, args[0].AsObject(), false));
}
Value ObjectIsExtensible(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) return Value::False();
  return Value::Boolean(IsExtensible(rt, args[0].AsObject()));
}
Value ObjectIs(Runtime&, CallArgs& args) { return Value::Boolean(SameValue(args[0], args[1])); }

Value ObjectFromEntries(Runtime& rt, CallArgs& args) {
  RequireObjectCoercible(rt, args[0]);
  Rooted<Object*> obj(rt, rt.NewObject());
  IterateValues(rt, args[0], [&](Value entry) {
    if (!entry.IsObject()) {
      rt.ThrowTypeError("Iterator value " + DescribeForError(rt, entry) + " is not an entry object");
    }
    Rooted<Object*> e(rt, entry.AsObject());
    Rooted<Value> k(rt, GetIndex(rt, e, 0));
    Rooted<Value> v(rt, GetIndex(rt, e, 1));
    PropertyKey key = ToPropertyKey(rt, k);
    Rooted<Value> key_root(rt, key.cell() ? Value::FromCell(key.cell()) : Value::Undefined());
    CreateDataProperty(rt, obj, key, v);
  });
  return Value::FromCell(obj.get());
}

Value ObjectHasOwn(Runtime& rt, CallArgs& args) {
  Rooted<Object*> obj(rt, ToObject(rt, args[0]));
  PropertyKey key = ToPropertyKey(rt, args[1]);
  return Value::Boolean(HasOwnProperty(rt, obj, key));
}

// Object.groupBy(items, callback).
Value ObjectGroupBy(Runtime& rt, CallArgs& args) {
  RequireObjectCoercible(rt, args[0]);
  Rooted<Value> fn(rt, RequireCallable(rt, args[1]));
  Rooted<Object*> result(rt, rt.NewObject(nullptr));
  double k = 0;
  IterateValues(rt, args[0], [&](Value item) {
    Rooted<Value> it(rt, item);
    Rooted<Value> key(rt, Call(rt, fn, Value::Undefined(), {it.get(), Value::Number(k)}));
    k += 1;
    PropertyKey pk = ToPropertyKey(rt, key);
    Rooted<Value> key_root(rt, pk.cell() ? Value::FromCell(pk.cell()) : Value::Undefined());
    OwnProperty p;
    if (GetOwnProperty(rt, result, pk, &p)) {
      ArrayPush(rt, static_cast<Array*>(p.value.AsObject()), it);
    } else {
      Rooted<Array*> group(rt, rt.NewArray(0));
      ArrayPush(rt, group, it);
      CreateDataProperty(rt, result, pk, Value::FromCell(group.get()));
    }
  });
  return Value::FromCell(result.get());
}

// ---- Object.prototype

Value ProtoHasOwnProperty(Runtime& rt, CallArgs& args) {
  PropertyKey key = ToPropertyKey(rt, args[0]);
  Rooted<Value> key_root(rt, key.cell() ? Value::FromCell(key.cell()) : Value::Undefined());
  Rooted<Object*> obj(rt, ToObject(rt, args.this_value));
  return Value::Boolean(HasOwnProperty(rt, obj, key));
}

Value ProtoIsPrototypeOf(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) return Value::False();
  Rooted<Value> v(rt, args[0]);
  Rooted<Object*> o(rt, ToObject(rt, args.this_value));
  Rooted<Object*> p(rt, GetPrototypeOf(rt, v.get().AsObject()));
  for (; p.get(); p = GetPrototypeOf(rt, p), rt.PollNativeTimeout()) {
    if (p.get() == o.get()) return Value::True();
  }
  return Value::False();
}

Value ProtoPropertyIsEnumerable(Runtime& rt, CallArgs& args) {
  PropertyKey key = ToPropertyKey(rt, args[0]);
  Rooted<Value> key_root(rt, key.cell() ? Value::FromCell(key.cell()) : Value::Undefined());
  Rooted<Object*> obj(rt, ToObject(rt, args.this_value));
  OwnProperty p;
  if (!GetOwnProperty(rt, obj, key, &p)) return Value::False();
  return Value::Boolean(p.attrs & kAttrEnumerable);
}

Value ProtoToString(Runtime& rt, CallArgs& args) {
  return Value::FromCell(ObjectToStringTag(rt, args.this_value));
}

Value ProtoToLocaleString(Runtime& rt, CallArgs& args) {
  return Invoke(rt, args.this_value, Name(rt.names().toString), {});
}

Value ProtoValueOf(Runtime& rt, CallArgs& args) { return Value::FromCell(ToObject(rt, args.this_value)); }

Value ProtoGetProto(Runtime& rt, CallArgs& args) {
  return ObjectValue(GetPrototypeOf(rt, ToObject(rt, args.this_value)));
}

Value ProtoSetProto(Runtime& rt, CallArgs& args) {
  RequireObjectCoercible(rt, args.this_value);
  Value proto = args[0];
  if (!proto.IsObject() && !proto.IsNull()) return Value::Undefined();
  if (!args.this_value.IsObject()) return Value::Undefined();
  Object* obj = args.this_value.AsObject();
  SetPrototypeOrThrow(rt, obj, proto, args.this_value);
  return Value::Undefined();
}

// __defineGetter__ / __defineSetter__ / __lookupGetter__ / __lookupSetter__.
Value DefineAccessorLegacy(Runtime& rt, CallArgs& args, bool getter) {
  Rooted<Object*> obj(rt, ToObject(rt, args.this_value));
  if (!IsCallable(args[1])) {
    rt.ThrowTypeError(std::string("Object.prototype.") + (getter ? "__defineGetter__" : "__defineSetter__") +
                      ": Expecting function");
  }
  PropertyDescriptor d;
  if (getter) {
    d.get = args[1];
    d.has_get = true;
  } else {
    d.set = args[1];
    d.has_set = true;
  }
  d.has_enumerable = d.enumerable = true;
  d.has_configurable = d.configurable = true;
  PropertyKey key = ToPropertyKey(rt, args[0]);
  DefineOwnProperty(rt, obj, key, d, true);
  return Value::Undefined();
}
Value ProtoDefineGetter(Runtime& rt, CallArgs& args) { return DefineAccessorLegacy(rt, args, true); }
Value ProtoDefineSetter(Runtime& rt, CallArgs& args) { return DefineAccessorLegacy(rt, args, false); }

Value LookupAccessorLegacy(Runtime& rt, CallArgs& args, bool getter) {
  Rooted<Object*> obj(rt, ToObject(rt, args.this_value));
  PropertyKey key = ToPropertyKey(rt, args[0]);
  Rooted<Value> key_root(rt, key.cell() ? Value::FromCell(key.cell()) : Value::Undefined());
  for (Rooted<Object*> o(rt, obj.get()); o.get(); o = GetPrototypeOf(rt, o), rt.PollNativeTimeout()) {
    OwnProperty p;
    if (GetOwnProperty(rt, o, key, &p)) {
      if (!(p.attrs & kAttrAccessor)) return Value::Undefined();
      auto* acc = static_cast<Accessor*>(p.value.AsCell());
      return getter ? acc->getter : acc->setter;
    }
  }
  return Value::Undefined();
}
Value ProtoLookupGetter(Runtime& rt, CallArgs& args) { return LookupAccessorLegacy(rt, args, true); }
Value ProtoLookupSetter(Runtime& rt, CallArgs& args) { return LookupAccessorLegacy(rt, args, false); }

}  // namespace

String* ObjectToStringTag(Runtime& rt, Value v) {
  if (v.IsUndefined()) return rt.InternUtf8("[object Undefined]");
  if (v.IsNull()) return rt.InternUtf8("[object Null]");
  Rooted<Object*> obj(rt, ToObject(rt, v));
  const char* builtin = "Object";
  switch (obj->kind()) {
    case CellKind::kArray: builtin = "Array"; break;
    case CellKind::kArguments: builtin = "Arguments"; break;
    case CellKind::kFunction: case CellKind::kNativeFunction: case CellKind::kBoundFunction:
      builtin = "Function";
      break;
    case CellKind::kError: builtin = "Error"; break;
    case CellKind::kProxy:
      if (IsArrayThroughProxies(rt, Value::FromCell(obj.get()))) builtin = "Array";
      else if (obj->IsCallable()) builtin = "Function";
      break;
    case CellKind::kRegExp: builtin = "RegExp"; break;
    case CellKind::kPrimitiveWrapper: {
      Value p = static_cast<PrimitiveWrapper*>(obj.get())->primitive();
      if (p.IsBoolean()) builtin = "Boolean";
      else if (p.IsNumber()) builtin = "Number";
      else if (p.IsString()) builtin = "String";
      break;
    }
    default:
      if (IsDateObject(obj)) builtin = "Date";
      break;
  }
  Value tag = GetProperty(rt, obj, PropertyKey::Named(rt.symbols().to_string_tag));
  std::u16string out = u"[object ";
  if (tag.IsString()) {
    out += tag.AsString()->view();
  } else {
    for (const char* c = builtin; *c; ++c) out += static_cast<char16_t>(*c);
  }
  out += u"]";
  return rt.NewString(out);
}

void InstallObjectBuiltins(Runtime& rt) {
  Object* proto = rt.intrinsics().object_prototype;
  NativeFunction* ctor = MakeConstructor(rt, "Object", ObjectConstructor, 1, proto);
  rt.mutable_intrinsics().object_constructor = ctor;
  DefineMethod(rt, ctor, "assign", ObjectAssign, 2);
  DefineMethod(rt, ctor, "create", ObjectCreate, 2);
  DefineMethod(rt, ctor, "defineProperty", ObjectDefineProperty, 3);
  DefineMethod(rt, ctor, "defineProperties", ObjectDefineProperties, 2);
  DefineMethod(rt, ctor, "entries", ObjectEntries, 1);
  DefineMethod(rt, ctor, "freeze", ObjectFreeze, 1);
  DefineMethod(rt, ctor, "fromEntries", ObjectFromEntries, 1);
  DefineMethod(rt, ctor, "getOwnPropertyDescriptor", ObjectGetOwnPropertyDescriptor, 2);
  DefineMethod(rt, ctor, "getOwnPropertyDescriptors", ObjectGetOwnPropertyDescriptors, 1);
  DefineMethod(rt, ctor, "getOwnPropertyNames", ObjectGetOwnPropertyNames, 1);
  DefineMethod(rt, ctor, "getOwnPropertySymbols", ObjectGetOwnPropertySymbols, 1);
  DefineMethod(rt, ctor, "getPrototypeOf", ObjectGetPrototypeOf, 1);
  DefineMethod(rt, ctor, "groupBy", ObjectGroupBy, 2);
  DefineMethod(rt, ctor, "hasOwn", ObjectHasOwn, 2);
  DefineMethod(rt, ctor, "is", ObjectIs, 2);
  DefineMethod(rt, ctor, "isExtensible", ObjectIsExtensible, 1);
  DefineMethod(rt, ctor, "isFrozen", ObjectIsFrozen, 1);
  DefineMethod(rt, ctor, "isSealed", ObjectIsSealed, 1);
  DefineMethod(rt, ctor, "keys", ObjectKeys, 1);
  DefineMethod(rt, ctor, "preventExtensions", ObjectPreventExtensions, 1);
  DefineMethod(rt, ctor, "seal", ObjectSeal, 1);
  DefineMethod(rt, ctor, "setPrototypeOf", ObjectSetPrototypeOf, 2);
  DefineMethod(rt, ctor, "values", ObjectValues, 1);

  DefineMethod(rt, proto, "__defineGetter__", ProtoDefineGetter, 2);
  DefineMethod(rt, proto, "__defineSetter__", ProtoDefineSetter, 2);
  DefineMethod(rt, proto, "hasOwnProperty", ProtoHasOwnProperty, 1);
  DefineMethod(rt, proto, "__lookupGetter__", ProtoLookupGetter, 1);
  DefineMethod(rt, proto, "__lookupSetter__", ProtoLookupSetter, 1);
  DefineMethod(rt, proto, "isPrototypeOf", ProtoIsPrototypeOf, 1);
  DefineMethod(rt, proto, "propertyIsEnumerable", ProtoPropertyIsEnumerable, 1);
  DefineMethod(rt, proto, "toString", ProtoToString, 0);
  DefineMethod(rt, proto, "valueOf", ProtoValueOf, 0);
  DefineGetter(rt, proto, "__proto__", ProtoGetProto, ProtoSetProto);
  DefineMethod(rt, proto, "toLocaleString", ProtoToLocaleString, 0);
}

}  // namespace jsvm
