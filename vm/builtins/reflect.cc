// Reflect: the object internal methods as functions (ECMAScript 28.1).
#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"

namespace jsvm {

namespace {

// The target argument, or V8's TypeError "Reflect.<name> called on non-object".
Object* RequireTarget(Runtime& rt, Value v, const char* name) {
  if (!v.IsObject()) rt.ThrowTypeError(std::string("Reflect.") + name + " called on non-object");
  return v.AsObject();
}

// ToPropertyKey, with the key's cell kept alive for the rest of the call.
struct RootedKey {
  RootedKey(Runtime& rt, Value v) : key(ToPropertyKey(rt, v)), root(rt, key.cell() ? Value::FromCell(key.cell()) : Value::Undefined()) {}
  PropertyKey key;
  Rooted<Value> root;
};

Value ReflectApply(Runtime& rt, CallArgs& args) {
  if (!IsCallable(args[0])) {
    std::string type = TypeOf(rt, args[0]).AsString()->ToUtf8();
    type = args[0].IsNull() ? "null" : args[0].IsObject() ? "an object" : "a " + type;
    rt.ThrowTypeError("Function.prototype.apply was called on " + DescribeForError(rt, args[0]) + ", which is " +
                      type + " and not a function");
  }
  RootedVector list(rt);
  ListFromArrayLike(rt, args[2], list);
  return Call(rt, args[0], args[1], list.data(), static_cast<uint32_t>(list.size()));
}

Value ReflectConstruct(Runtime& rt, CallArgs& args) {
  if (!IsConstructor(args[0])) rt.ThrowTypeError(DescribeForError(rt, args[0]) + " is not a constructor");
  Value new_target = args.argc > 2 ? args[2] : args[0];
  if (!IsConstructor(new_target)) rt.ThrowTypeError(DescribeForError(rt, new_target) + " is not a constructor");
  RootedVector list(rt);
  ListFromArrayLike(rt, args[1], list);
  return Construct(rt, args[0], list.data(), static_cast<uint32_t>(list.size()), new_target);
}

Value ReflectDefineProperty(Runtime& rt, CallArgs& args) {
  Rooted<Object*> target(rt, RequireTarget(rt, args[0], "defineProperty"));
  RootedKey key(rt, args[1]);
  PropertyDescriptor desc = ToPropertyDescriptor(rt, args[2]);
  Rooted<Value> v(rt, desc.value), g(rt, desc.get), s(rt, desc.set);
  return Value::Boolean(DefineOwnProperty(rt, target, key.key, desc, false));
}

Value ReflectDeleteProperty(Runtime& rt, CallArgs& args) {
  Rooted<Object*> target(rt, RequireTarget(rt, args[0], "deleteProperty"));
  RootedKey key(rt, args[1]);
  return Value::Boolean(DeleteProperty(rt, target, key.key));
}

Value ReflectGet(Runtime& rt, CallArgs& args) {
  Rooted<Object*> target(rt, RequireTarget(rt, args[0], "get"));
  RootedKey key(rt, args[1]);
  Value receiver = args.argc > 2 ? args[2] : args[0];
  return GetProperty(rt, target, key.key, receiver);
}

Value ReflectGetOwnPropertyDescriptor(Runtime& rt, CallArgs& args) {
  Rooted<Object*> target(rt, RequireTarget(rt, args[0], "getOwnPropertyDescriptor"));
  RootedKey key(rt, args[1]);
  OwnProperty p;
  if (!GetOwnProperty(rt, target, key.key, &p)) return Value::Undefined();
  return FromPropertyDescriptor(rt, p);
}

Value ReflectGetPrototypeOf(Runtime& rt, CallArgs& args) {
  Object* proto = GetPrototypeOf(rt, RequireTarget(rt, args[0], "getPrototypeOf"));
  return proto ? Value::FromCell(proto) : Value::Null();
}

Value ReflectHas(Runtime& rt, CallArgs& args) {
  Rooted<Object*> target(rt, RequireTarget(rt, args[0], "has"));
  RootedKey key(rt, args[1]);
  return Value::Boolean(HasProperty(rt, target, key.key));
}

Value ReflectIsExtensible(Runtime& rt, CallArgs& args) {
  return Value::Boolean(IsExtensible(rt, RequireTarget(rt, args[0], "isExtensible")));
}

Value ReflectOwnKeys(Runtime& rt, CallArgs& args) {
  Rooted<Object*> target(rt, RequireTarget(rt, args[0], "ownKeys"));
  RootedKeys keys(rt, OwnPropertyKeys(rt, target));
  Rooted<Array*> result(rt, rt.NewArray(0));
  for (const PropertyKey& key : keys) ArrayPush(rt, result, KeyToValue(rt, key));
  return Value::FromCell(result.get());
}

Value ReflectPreventExtensions(Runtime& rt, CallArgs& args) {
  return Value::Boolean(PreventExtensions(rt, RequireTarget(rt, args[0], "preventExtensions")));
}

Value ReflectSet(Runtime& rt, CallArgs& args) {
  Rooted<Object*> target(rt, RequireTarget(rt, args[0], "set"));
  RootedKey key(rt, args[1]);
  Value receiver = args.argc > 3 ? args[3] : args[0];
  return Value::Boolean(SetProperty(rt, target, key.key, args[2], receiver, false));
}

Value ReflectSetPrototypeOf(Runtime& rt, CallArgs& args) {
  Object* target = RequireTarget(rt, args[0], "setPrototypeOf");
  if (!args[1].IsObject() && !args[1].IsNull()) {
    rt.ThrowTypeError("Object prototype may only be an Object or null: " + DescribeForError(rt, args[1]));
  }
  return Value::Boolean(SetPrototypeOf(rt, target, args[1].IsNull() ? nullptr : args[1].AsObject()));
}

}  // namespace

void InstallReflectBuiltins(Runtime& rt) {
  Rooted<Object*> reflect(rt, rt.NewObject());
  DefineValue(rt, rt.global(), "Reflect", Value::FromCell(reflect.get()));
  struct Fn {
    const char* name;
    NativeFn fn;
    uint16_t length;
  };
  const Fn fns[] = {
      {"defineProperty", ReflectDefineProperty, 3}, {"deleteProperty", ReflectDeleteProperty, 2},
      {"apply", ReflectApply, 3}, {"construct", ReflectConstruct, 2}, {"get", ReflectGet, 2},
      {"getOwnPropertyDescriptor", ReflectGetOwnPropertyDescriptor, 2},
      {"getPrototypeOf", ReflectGetPrototypeOf, 1}, {"has", ReflectHas, 2},
      {"isExtensible", ReflectIsExtensible, 1}, {"ownKeys", ReflectOwnKeys, 1},
      {"preventExtensions", ReflectPreventExtensions, 1}, {"set", ReflectSet, 3},
      {"setPrototypeOf", ReflectSetPrototypeOf, 2}};
  for (const Fn& f : fns) DefineMethod(rt, reflect, f.name, f.fn, f.length);
  DefineRaw(rt, reflect, PropertyKey::Named(rt.symbols().to_string_tag), StringValueUtf8(rt, "Reflect"),
            kAttrConfigurable);
}

}  // namespace jsvm
