// The Proxy constructor and Proxy.revocable (ECMAScript 28.2); the proxy
// objects themselves are vm/objects/proxy.h.
#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/objects/proxy.h"

namespace jsvm {

namespace {

Value ProxyConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) rt.ThrowTypeError("Constructor Proxy requires 'new'");
  return Value::FromCell(ProxyCreate(rt, args[0], args[1]));
}

// The revoke function of Proxy.revocable: data[0] holds the proxy until it is used.
Value RevokeProxy(Runtime&, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  if (self->data[0].IsCellOfKind(CellKind::kProxy)) {
    static_cast<Proxy*>(self->data[0].AsObject())->Revoke();
    self->data[0] = Value::Null();
  }
  return Value::Undefined();
}

Value ProxyRevocable(Runtime& rt, CallArgs& args) {
  Rooted<Proxy*> proxy(rt, ProxyCreate(rt, args[0], args[1]));
  Rooted<NativeFunction*> revoke(rt, NewBuiltinFunction(rt, "", RevokeProxy, 0));
  revoke->data[0] = Value::FromCell(proxy.get());
  Rooted<Object*> result(rt, rt.NewObject());
  CreateDataProperty(rt, result, rt.KeyForUtf8("proxy"), Value::FromCell(proxy.get()));
  CreateDataProperty(rt, result, rt.KeyForUtf8("revoke"), Value::FromCell(revoke.get()));
  return Value::FromCell(result.get());
}

}  // namespace

void InstallProxyBuiltins(Runtime& rt) {
  // Proxy has no `prototype` property.
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "Proxy", ProxyConstructor, 2, nullptr));
  DefineMethod(rt, ctor.get(), "revocable", ProxyRevocable, 2);
}

}  // namespace jsvm
