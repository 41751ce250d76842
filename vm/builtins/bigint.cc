// BigInt and BigInt.prototype (ECMA-262 21.2).
#include <cmath>

#include "vm/builtins/builtins.h"
#include "vm/builtins/locale.h"
#include "vm/execution/operations.h"
#include "vm/objects/bigint.h"

namespace jsvm {

namespace {

// thisBigIntValue(v).
BigInt* ThisBigInt(Runtime& rt, Value v, const char* method) {
  if (v.IsBigInt()) return v.AsBigInt();
  if (v.IsCellOfKind(CellKind::kPrimitiveWrapper)) {
    Value p = static_cast<PrimitiveWrapper*>(v.AsObject())->primitive();
    if (p.IsBigInt()) return p.AsBigInt();
  }
  rt.ThrowTypeError(std::string("BigInt.prototype.") + method + " requires that 'this' be a BigInt");
}

// BigInt(value): not a constructor; Numbers must be integers (NumberToBigInt).
Value BigIntConstructor(Runtime& rt, CallArgs& args) {
  if (args.is_construct()) rt.ThrowTypeError("BigInt is not a constructor");
  Value prim = ToPrimitive(rt, args[0], ToPrimitiveHint::kNumber);
  if (prim.IsNumber()) {
    double d = prim.AsNumber();
    if (!std::isfinite(d) || std::trunc(d) != d) {
      rt.ThrowRangeError("The number " + NumberToStdString(d) +
                         " cannot be converted to a BigInt because it is not an integer");
    }
    return Value::FromCell(BigIntFromDouble(rt, d));
  }
  return Value::FromCell(ToBigInt(rt, prim));
}

// ToIndex for asIntN/asUintN's `bits`.
uint64_t ToBitsIndex(Runtime& rt, Value v) {
  double d = ToIntegerOrInfinity(rt, v);
  if (d < 0 || d > 9007199254740991.0) rt.ThrowRangeError("Invalid value: not (convertible to) a safe integer");
  return static_cast<uint64_t>(d);
}

Value BigIntAsIntNFn(Runtime& rt, CallArgs& args) {
  Rooted<Value> rb(rt, args[1]);
  uint64_t bits = ToBitsIndex(rt, args[0]);
  return Value::FromCell(BigIntAsIntN(rt, bits, ToBigInt(rt, rb)));
}

Value BigIntAsUintNFn(Runtime& rt, CallArgs& args) {
  Rooted<Value> rb(rt, args[1]);
  uint64_t bits = ToBitsIndex(rt, args[0]);
  return Value::FromCell(BigIntAsUintN(rt, bits, ToBigInt(rt, rb)));
}

Value BigIntToStringFn(Runtime& rt, CallArgs& args) {
  Rooted<Value> x(rt, Value::FromCell(ThisBigInt(rt, args.this_value, "toString")));
  double radix = args[0].IsUndefined() ? 10 : ToIntegerOrInfinity(rt, args[0]);
  if (radix < 2 || radix > 36) rt.ThrowRangeError("toString() radix argument must be between 2 and 36");
  return StringValueUtf8(rt, BigIntToString(x.get().AsBigInt(), static_cast<int>(radix)));
}

// en-US formatting through ICU (locale.h): every digit, grouped by three
// with commas; the fraction digits options as Number's.
Value BigIntToLocaleStringFn(Runtime& rt, CallArgs& args) {
  std::string digits = BigIntToString(ThisBigInt(rt, args.this_value, "toLocaleString"));
  return StringValueUtf8(
      rt, FormatDecimalEnUs(digits, LocaleFractionDigits(rt, args[1], "BigInt.prototype.toLocaleString")));
}

Value BigIntValueOfFn(Runtime& rt, CallArgs& args) {
  return Value::FromCell(ThisBigInt(rt, args.this_value, "valueOf"));
}

}  // namespace

void InstallBigIntBuiltins(Runtime& rt) {
  Rooted<Object*> proto(rt, rt.NewObject());
  rt.mutable_intrinsics().bigint_prototype = proto;
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "BigInt", BigIntConstructor, 1, proto));
  DefineMethod(rt, ctor, "asIntN", BigIntAsIntNFn, 2);
  DefineMethod(rt, ctor, "asUintN", BigIntAsUintNFn, 2);
  DefineMethod(rt, proto, "toLocaleString", BigIntToLocaleStringFn, 0);
  DefineMethod(rt, proto, "toString", BigIntToStringFn, 0);
  DefineMethod(rt, proto, "valueOf", BigIntValueOfFn, 0);
  DefineRaw(rt, proto, PropertyKey::Named(rt.symbols().to_string_tag), StringValueUtf8(rt, "BigInt"),
            kAttrConfigurable);
}

}  // namespace jsvm
