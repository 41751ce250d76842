// Private names of classes (`#x`): the run-time semantics of PrivateGet,
// PrivateSet, PrivateFieldAdd / PrivateMethodOrAccessorAdd and `#x in obj`
// over private symbols (PrivateKind in vm/objects/string.h). The compiler
// turns `obj.#x` into a keyed access whose key is the private symbol held in
// the class scope's context, so GetKeyedProperty, SetKeyedProperty,
// DefineKeyedOwnProperty and TestIn come here when their key is private.
// Private fields and brands are own properties that no key list, proxy
// trap, prototype walk or extensibility check ever sees.
#pragma once

#include "vm/execution/runtime.h"
#include "vm/objects/inline-cache.h"
#include "vm/objects/string.h"

namespace jsvm {

// Whether `key` is a private symbol (and so takes the paths below).
inline bool IsPrivateName(Value key) { return key.IsSymbol() && key.AsSymbol()->is_private(); }

// The inline cache of `obj.#x` for a private field: true, with the field's
// slot, when `obj` has the cached shape and `key` is the cached name.
inline bool TryPrivateFieldIC(const PropertyIC& ic, uint32_t epoch, Value obj, Value key, uint32_t* slot) {
  if (ic.kind != ICKind::kPrivateField || ic.epoch != epoch || !obj.IsObject() || ic.private_key != key.AsCell() ||
      obj.AsObject()->shape() != ic.shapes[0]) {
    return false;
  }
  *slot = ic.slot;
  return true;
}
// Caches where `obj` keeps its private field `key` (when it has it, in a
// shape that is not a dictionary's); returns whether it did.
bool FillPrivateFieldIC(Runtime& rt, PropertyIC& ic, Value obj, Symbol* key);

// obj.#x: a field's value, a method (after the brand check) or a getter's result.
Value PrivateGet(Runtime& rt, Value object, Symbol* name);
// obj.#x = value: a field, or an accessor's setter; TypeError for methods.
void PrivateSet(Runtime& rt, Value object, Symbol* name, Value value);
// Adds a private field, or a class's brand, to a new instance (a TypeError
// when it is there already: a constructor returned the same object twice).
void PrivateDefine(Runtime& rt, Value object, Symbol* name, Value value);
// `#x in object`.
bool PrivateIn(Runtime& rt, Value object, Symbol* name);

}  // namespace jsvm
