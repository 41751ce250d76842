// Abstract operations of the language: conversions, operators, equality,
// calls. Anything here may run JavaScript and may throw JsThrow.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vm/objects/object-ops.h"
#include "vm/execution/runtime.h"

namespace jsvm {

// An object with [[IsHTMLDDA]] (Object::undetectable).
inline bool IsUndetectable(Value v) { return v.IsObject() && v.AsObject()->undetectable(); }
// v == null (and v == undefined): null, undefined or an undetectable object.
inline bool IsLooselyNull(Value v) { return v.IsNullish() || IsUndetectable(v); }

// ---- type conversion
bool ToBoolean(Value v);
double ToNumber(Runtime& rt, Value v);
// A Number or a BigInt.
Value ToNumeric(Runtime& rt, Value v);
// ToBigInt: booleans, BigInts and strings (StringToBigInt, else a
// SyntaxError) convert; Numbers, undefined, null and symbols are a TypeError.
BigInt* ToBigInt(Runtime& rt, Value v);
// The TypeError of an operator given a BigInt and another type.
[[noreturn]] void ThrowBigIntMix(Runtime& rt);
String* ToString(Runtime& rt, Value v);
enum class ToPrimitiveHint { kDefault, kNumber, kString };
Value ToPrimitive(Runtime& rt, Value v, ToPrimitiveHint hint = ToPrimitiveHint::kDefault);
Object* ToObject(Runtime& rt, Value v);
PropertyKey ToPropertyKey(Runtime& rt, Value v);
// The key as a JS value (string or symbol).
Value KeyToValue(Runtime& rt, PropertyKey key);
int32_t ToInt32(Runtime& rt, Value v);
uint32_t ToUint32(Runtime& rt, Value v);
double ToIntegerOrInfinity(Runtime& rt, Value v);
uint64_t ToLength(Runtime& rt, Value v);
int32_t DoubleToInt32(double d);

// ---- numbers and strings
// Number::toString(radix 10) by ECMAScript's rules (double-conversion).
std::string NumberToStdString(double d);
String* NumberToString(Runtime& rt, double d);
std::string NumberToStringRadix(double d, int radix);
// StringToNumber (the grammar of Number("...")): NaN when not numeric.
double StringToNumber(std::u16string_view s);
// Number.prototype.toFixed / toPrecision / toExponential text.
std::string NumberToFixed(double d, int digits);
std::string NumberToPrecision(double d, int precision);
std::string NumberToExponential(double d, int digits);  // digits -1: as many as needed

// ---- operators
Value TypeOf(Runtime& rt, Value v);  // a string
bool StrictEquals(Value a, Value b);
bool LooseEquals(Runtime& rt, Value a, Value b);
bool SameValue(Value a, Value b);
bool SameValueZero(Value a, Value b);
Value Add(Runtime& rt, Value a, Value b);
// a < b: returns 1 true, 0 false, -1 undefined (NaN). left_first per spec.
int LessThan(Runtime& rt, Value a, Value b, bool left_first);
bool InstanceOf(Runtime& rt, Value v, Value target);
bool OrdinaryHasInstance(Runtime& rt, Value c, Value v);
double Modulo(double a, double b);
double Power(double a, double b);

// ---- functions
bool IsCallable(Value v);
bool IsConstructor(Value v);
Value Call(Runtime& rt, Value callee, Value this_value, const Value* argv, uint32_t argc);
inline Value Call(Runtime& rt, Value callee, Value this_value, std::initializer_list<Value> args) {
  return Call(rt, callee, this_value, args.begin(), static_cast<uint32_t>(args.size()));
}
Value Construct(Runtime& rt, Value callee, const Value* argv, uint32_t argc, Value new_target);
inline Value Construct(Runtime& rt, Value callee, std::initializer_list<Value> args) {
  return Construct(rt, callee, args.begin(), static_cast<uint32_t>(args.size()), callee);
}
// Invoke(v, key, args): GetV then Call.
Value Invoke(Runtime& rt, Value v, PropertyKey key, std::initializer_list<Value> args);
// OrdinaryCreateFromConstructor: an object whose prototype is new_target.prototype
// (or `fallback` when that is not an object).
Object* GetPrototypeFromConstructor(Runtime& rt, Value new_target, Object* fallback);
// The function's name for messages and inspection ("" when anonymous).
std::u16string FunctionName(Runtime& rt, Object* fn);

// ---- iteration
// GetIterator(v, sync); returns the iterator object and sets *next_method.
Value GetIterator(Runtime& rt, Value v, Value* next_method);
// The rest of GetIterator once `method` (v's callable @@iterator) is known.
Value GetIteratorFromMethod(Runtime& rt, Value v, Value method, Value* next_method);
// IteratorStep: false when done, else *value is the next value.
bool IteratorStep(Runtime& rt, Value iterator, Value next_method, Value* value);
void IteratorClose(Runtime& rt, Value iterator);
// Calls f(value) for each value of the iterable (closing the iterator when f throws).
void IterateValues(Runtime& rt, Value iterable, const std::function<void(Value)>& f);
// The same over an iterator already made (its next method given).
void IterateIterator(Runtime& rt, Value iterator, Value next_method, const std::function<void(Value)>& f);
Object* CreateIterResultObject(Runtime& rt, Value value, bool done);

// ---- errors with V8's wording for common cases
// A short description of a value for messages ("undefined", "x", "#<Object>").
std::string DescribeForError(Runtime& rt, Value v);
// The same after the value's typeof, quoted: "object '#<Object>'" (V8's
// read-only and create-property messages).
std::string DescribeWithType(Runtime& rt, Value v);

}  // namespace jsvm
