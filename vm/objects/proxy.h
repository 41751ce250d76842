// Proxy exotic objects (ECMAScript 10.5): every internal method is forwarded
// to a handler's trap, or to the target when the handler has none, and the
// trap's result is checked against the target's invariants. The object
// operations of object-ops.cc dispatch here on CellKind::kProxy; a proxy has
// no storage of its own.
#pragma once

#include <vector>

#include "vm/objects/object-ops.h"

namespace jsvm {

// A proxy: [[ProxyTarget]] and [[ProxyHandler]] (both null once revoked).
// Callable and constructible when its target was at creation.
class Proxy final : public Object {
 public:
  Proxy(Object* target, Object* handler, bool callable, bool constructor)
      : Object(CellKind::kProxy, nullptr), target_(target), handler_(handler), callable_(callable),
        constructor_(constructor) {}
  Object* target() const { return target_; }
  Object* handler() const { return handler_; }
  bool revoked() const { return handler_ == nullptr; }
  bool callable() const { return callable_; }
  bool constructor() const { return constructor_; }
  // Proxy.revocable's revoke(): both slots become null.
  void Revoke() {
    NoteCellWrite(this);
    target_ = nullptr;
    handler_ = nullptr;
  }

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override { return Object::OwnedBytes() + (sizeof(Proxy) - sizeof(Object)); }
  // An object node even when callable: V8 makes closure nodes of JSFunctions only.
  uint8_t SnapshotType() const override { return 3; }
  std::string SnapshotName() const override { return "Proxy"; }

 private:
  Object* target_;
  Object* handler_;
  bool callable_;
  bool constructor_;
};

// ProxyCreate(target, handler): TypeError unless both are objects.
Proxy* ProxyCreate(Runtime& rt, Value target, Value handler);

// ---- the internal methods of a proxy (10.5.1 - 10.5.13)
Object* ProxyGetPrototypeOf(Runtime& rt, Proxy* proxy);
bool ProxySetPrototypeOf(Runtime& rt, Proxy* proxy, Object* proto);
bool ProxyIsExtensible(Runtime& rt, Proxy* proxy);
bool ProxyPreventExtensions(Runtime& rt, Proxy* proxy);
// [[GetOwnProperty]]: an accessor comes back as an Accessor cell, as stored properties do.
bool ProxyGetOwnProperty(Runtime& rt, Proxy* proxy, PropertyKey key, OwnProperty* out);
bool ProxyDefineOwnProperty(Runtime& rt, Proxy* proxy, PropertyKey key, const PropertyDescriptor& desc);
bool ProxyHas(Runtime& rt, Proxy* proxy, PropertyKey key);
Value ProxyGet(Runtime& rt, Proxy* proxy, PropertyKey key, Value receiver);
bool ProxySet(Runtime& rt, Proxy* proxy, PropertyKey key, Value value, Value receiver);
bool ProxyDelete(Runtime& rt, Proxy* proxy, PropertyKey key);
// [[OwnPropertyKeys]] (the trap result, checked); callers root the keys (RootedKeys).
std::vector<PropertyKey> ProxyOwnKeys(Runtime& rt, Proxy* proxy);
Value ProxyCall(Runtime& rt, Proxy* proxy, Value this_value, const Value* argv, uint32_t argc);
Value ProxyConstruct(Runtime& rt, Proxy* proxy, const Value* argv, uint32_t argc, Value new_target);

// IsArray(v) through proxies (TypeError on a revoked one).
bool IsArrayThroughProxies(Runtime& rt, Value v);

// FromPropertyDescriptor for a descriptor with absent fields (only present ones become properties).
Value FromPartialDescriptor(Runtime& rt, const PropertyDescriptor& desc);

}  // namespace jsvm
