// The object operations of the specification ([[Get]], [[Set]],
// [[DefineOwnProperty]], [[Delete]], [[OwnPropertyKeys]], ...) over the raw
// storage of object.h, including the exotic behaviour of arrays, arguments,
// string wrappers and lazily-materialised function properties.
// Anything here may run JavaScript (getters, setters) and may throw JsThrow.
#pragma once

#include <vector>

#include "vm/objects/object.h"
#include "vm/execution/runtime.h"

namespace jsvm {

// A property descriptor with presence flags (ToPropertyDescriptor's result).
struct PropertyDescriptor {
  Value value;
  Value get;
  Value set;
  bool has_value = false, has_get = false, has_set = false;
  bool has_writable = false, has_enumerable = false, has_configurable = false;
  bool writable = false, enumerable = false, configurable = false;

  bool IsAccessor() const { return has_get || has_set; }
  bool IsData() const { return has_value || has_writable; }
  static PropertyDescriptor Data(Value v, uint8_t attrs);
};

// An own property as stored (value may be an Accessor cell when attrs has kAttrAccessor).
struct OwnProperty {
  Value value;
  uint8_t attrs = 0;
};

// ---- own properties
bool GetOwnProperty(Runtime& rt, Object* obj, PropertyKey key, OwnProperty* out);
bool HasOwnProperty(Runtime& rt, Object* obj, PropertyKey key);
// [[DefineOwnProperty]]; returns false (or throws when `throw_on_failure`) when not allowed.
bool DefineOwnProperty(Runtime& rt, Object* obj, PropertyKey key, const PropertyDescriptor& desc,
                       bool throw_on_failure);
// CreateDataProperty: define key as a writable, enumerable, configurable data property.
bool CreateDataProperty(Runtime& rt, Object* obj, PropertyKey key, Value value);
// TypeError "Cannot redefine property: key" (a failed CreateDataPropertyOrThrow).
[[noreturn]] void ThrowCannotRedefine(Runtime& rt, PropertyKey key);
// Defines (or overwrites) an own data property with attrs, bypassing checks;
// for built-in setup and literals on fresh objects.
void DefineRaw(Runtime& rt, Object* obj, PropertyKey key, Value value, uint8_t attrs);
void DefineAccessorRaw(Runtime& rt, Object* obj, PropertyKey key, Value getter, Value setter, uint8_t attrs);
bool DeleteProperty(Runtime& rt, Object* obj, PropertyKey key);  // [[Delete]]

enum KeyFilter : uint8_t { kKeysStrings = 1, kKeysSymbols = 2, kKeysEnumerableOnly = 4 };
// [[OwnPropertyKeys]] in spec order (indices ascending, strings, symbols),
// filtered by `filter`.
std::vector<PropertyKey> OwnPropertyKeys(Runtime& rt, Object* obj, uint8_t filter = kKeysStrings | kKeysSymbols);

// ---- through the prototype chain
bool HasProperty(Runtime& rt, Object* obj, PropertyKey key);
// [[Get]] with an explicit receiver (for getters).
Value GetProperty(Runtime& rt, Object* obj, PropertyKey key, Value receiver);
inline Value GetProperty(Runtime& rt, Object* obj, PropertyKey key) {
  return GetProperty(rt, obj, key, Value::FromCell(obj));
}
// GetV: property of any value (primitives use their prototype). Throws a
// TypeError on null/undefined.
Value GetValueProperty(Runtime& rt, Value base, PropertyKey key);
// [[Set]]; returns false on failure (throws instead when `strict`).
bool SetProperty(Runtime& rt, Object* obj, PropertyKey key, Value value, Value receiver, bool strict);
inline bool SetProperty(Runtime& rt, Object* obj, PropertyKey key, Value value, bool strict) {
  return SetProperty(rt, obj, key, value, Value::FromCell(obj), strict);
}
// PutValue on any base: primitives fail silently (TypeError when strict).
void SetValueProperty(Runtime& rt, Value base, PropertyKey key, Value value, bool strict);

// ---- arrays
// Sets an array's length (array exotic [[DefineOwnProperty]] for "length").
bool SetArrayLength(Runtime& rt, Array* array, double new_length, bool throw_on_failure);
// Appends to a dense array (fast path for literals and builtins).
void ArrayPush(Runtime& rt, Array* array, Value v);
// LengthOfArrayLike(obj).
uint64_t LengthOf(Runtime& rt, Object* obj);

// ---- prototype and extensibility ([[GetPrototypeOf]], [[SetPrototypeOf]],
// [[IsExtensible]], [[PreventExtensions]]; proxies run their traps)
Object* GetPrototypeOf(Runtime& rt, Object* obj);
// False when not allowed (not extensible, a cycle, Object.prototype's immutable prototype).
bool SetPrototypeOf(Runtime& rt, Object* obj, Object* proto);
bool IsExtensible(Runtime& rt, Object* obj);
bool PreventExtensions(Runtime& rt, Object* obj);
// IsCompatiblePropertyDescriptor: whether `desc` may be applied over `current`
// (nullptr: absent) on an object that is `extensible`.
bool IsCompatiblePropertyDescriptor(bool extensible, const PropertyDescriptor& desc, const OwnProperty* current);

// ---- integrity
bool SetIntegrityLevel(Runtime& rt, Object* obj, bool frozen);
bool TestIntegrityLevel(Runtime& rt, Object* obj, bool frozen);

// Makes a function's lazy name/length/prototype properties real.
void MaterializeFunctionProperties(Runtime& rt, Object* fn);

// ToPropertyDescriptor / FromPropertyDescriptor.
PropertyDescriptor ToPropertyDescriptor(Runtime& rt, Value v);
Value FromPropertyDescriptor(Runtime& rt, const OwnProperty& p);

}  // namespace jsvm
