#include "vm/execution/operations.h"

#include <double-conversion/double-conversion.h>

#include <cmath>
#include <cstring>

#include "vm/builtins/builtins.h"
#include "vm/interpreter/error-sites.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/bigint.h"
#include "vm/objects/object-ops.h"
#include "vm/objects/proxy.h"
#include "vm/objects/unicode.h"

namespace jsvm {

using double_conversion::DoubleToStringConverter;
using double_conversion::StringBuilder;
using double_conversion::StringToDoubleConverter;

// ---------------------------------------------------------------- conversions

bool ToBoolean(Value v) {
  if (v.IsInt()) return v.AsInt() != 0;
  if (v.IsDouble()) {
    double d = v.AsDouble();
    return !(d == 0 || d != d);
  }
  if (v.IsBoolean()) return v.IsTrue();
  if (v.IsNullish() || v.IsHole()) return false;
  if (v.IsString()) return v.AsString()->length() != 0;
  if (v.IsBigInt()) return !v.AsBigInt()->IsZero();
  return !IsUndetectable(v);
}

double ToNumber(Runtime& rt, Value v) {
  if (v.IsNumber()) return v.AsNumber();
  if (v.IsUndefined()) return NAN;
  if (v.IsNull()) return 0;
  if (v.IsBoolean()) return v.IsTrue() ? 1 : 0;
  if (v.IsString()) return StringToNumber(v.AsString()->view());
  if (v.IsSymbol()) rt.ThrowTypeError("Cannot convert a Symbol value to a number");
  if (v.IsBigInt()) rt.ThrowTypeError("Cannot convert a BigInt value to a number");
  if (v.IsObject()) return ToNumber(rt, ToPrimitive(rt, v, ToPrimitiveHint::kNumber));
  return NAN;
}

Value ToNumeric(Runtime& rt, Value v) {
  if (v.IsNumber() || v.IsBigInt()) return v;
  if (v.IsObject()) {
    v = ToPrimitive(rt, v, ToPrimitiveHint::kNumber);
    if (v.IsBigInt()) return v;
  }
  return Value::Number(ToNumber(rt, v));
}

BigInt* ToBigInt(Runtime& rt, Value v) {
  Rooted<Value> prim(rt, ToPrimitive(rt, v, ToPrimitiveHint::kNumber));
  Value p = prim;
  if (p.IsBigInt()) return p.AsBigInt();
  if (p.IsBoolean()) return BigIntFromUint64(rt, p.IsTrue() ? 1 : 0);
  if (p.IsString()) {
    BigInt* b = StringToBigInt(rt, p.AsString()->view());
    if (!b) rt.ThrowSyntaxError("Cannot convert " + prim.get().AsString()->ToUtf8() + " to a BigInt");
    return b;
  }
  rt.ThrowTypeError("Cannot convert " + DescribeForError(rt, p) + " to a BigInt");
}

void ThrowBigIntMix(Runtime& rt) {
  rt.ThrowTypeError("Cannot mix BigInt and other types, use explicit conversions");
}

String* ToString(Runtime& rt, Value v) {
  if (v.IsString()) return v.AsString();
  if (v.IsInt()) {
    int32_t i = v.AsInt();
    if (i >= 0 && i < 10) return rt.CharString(static_cast<char16_t>('0' + i));
    return rt.NewStringFromAscii(std::to_string(i));
  }
  if (v.IsDouble()) return NumberToString(rt, v.AsDouble());
  const Names& n = rt.names();
  if (v.IsUndefined()) return n.undefined;
  if (v.IsNull()) return n.null;
  if (v.IsTrue()) return n.true_;
  if (v.IsFalse()) return n.false_;
  if (v.IsSymbol()) rt.ThrowTypeError("Cannot convert a Symbol value to a string");
  if (v.IsBigInt()) return rt.NewStringFromAscii(BigIntToString(v.AsBigInt()));
  if (v.IsObject()) return ToString(rt, ToPrimitive(rt, v, ToPrimitiveHint::kString));
  return n.empty;
}

Value ToPrimitive(Runtime& rt, Value v, ToPrimitiveHint hint) {
  if (!v.IsObject()) return v;
  Rooted<Value> obj(rt, v);
  // @@toPrimitive
  Value exotic = GetProperty(rt, v.AsObject(), PropertyKey::Named(rt.symbols().to_primitive));
  if (!exotic.IsNullish()) {
    if (!IsCallable(exotic)) rt.ThrowTypeError(DefaultCallSiteText(rt, exotic) + " is not a function");
    const Names& n = rt.names();
    String* h = hint == ToPrimitiveHint::kNumber ? n.number : hint == ToPrimitiveHint::kString ? n.string : n.default_;
    Value arg = Value::FromCell(h);
    Value result = Call(rt, exotic, obj, &arg, 1);
    if (result.IsObject()) rt.ThrowTypeError("Cannot convert object to primitive value");
    return result;
  }
  // OrdinaryToPrimitive
  String* order[2] = {rt.names().valueOf, rt.names().toString};
  if (hint == ToPrimitiveHint::kString) std::swap(order[0], order[1]);
  for (String* name : order) {
    Value method = GetProperty(rt, obj.get().AsObject(), PropertyKey::Named(name));
    if (IsCallable(method)) {
      Value result = Call(rt, method, obj, nullptr, 0);
      if (!result.IsObject()) return result;
    }
  }
  rt.ThrowTypeError("Cannot convert object to primitive value");
}

Object* ToObject(Runtime& rt, Value v) {
  if (v.IsObject()) return v.AsObject();
  const Intrinsics& in = rt.intrinsics();
  Object* proto = nullptr;
  if (v.IsString()) proto = in.string_prototype;
  else if (v.IsNumber()) proto = in.number_prototype;
  else if (v.IsBoolean()) proto = in.boolean_prototype;
  else if (v.IsSymbol()) proto = in.symbol_prototype;
  else if (v.IsBigInt()) proto = in.bigint_prototype;
  else rt.ThrowTypeError("Cannot convert undefined or null to object");
  Rooted<Value> rv(rt, v);
  return rt.heap().New<PrimitiveWrapper>(proto, rv.get());
}

PropertyKey ToPropertyKey(Runtime& rt, Value v) {
  if (v.IsInt() && v.AsInt() >= 0) return PropertyKey::Index(static_cast<uint32_t>(v.AsInt()));
  if (v.IsString()) return rt.KeyFor(v.AsString());
  if (v.IsSymbol()) return PropertyKey::Named(v.AsSymbol());
  Value prim = ToPrimitive(rt, v, ToPrimitiveHint::kString);
  if (prim.IsSymbol()) return PropertyKey::Named(prim.AsSymbol());
  return rt.KeyFor(ToString(rt, prim));
}

Value KeyToValue(Runtime& rt, PropertyKey key) {
  if (key.IsIndex()) {
    if (key.index() <= 0x7FFFFFFF) return Value::FromCell(ToString(rt, Value::Int(static_cast<int32_t>(key.index()))));
    return Value::FromCell(rt.NewStringFromAscii(std::to_string(key.index())));
  }
  return Value::FromCell(key.cell());
}

int32_t DoubleToInt32(double d) {
  if (!std::isfinite(d)) return 0;
  if (d >= -2147483648.0 && d <= 2147483647.0) return static_cast<int32_t>(d);
  double t = std::trunc(d);
  double m = std::fmod(t, 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return static_cast<int32_t>(static_cast<uint32_t>(m));
}

int32_t ToInt32(Runtime& rt, Value v) {
  if (v.IsInt()) return v.AsInt();
  return DoubleToInt32(ToNumber(rt, v));
}

uint32_t ToUint32(Runtime& rt, Value v) { return static_cast<uint32_t>(ToInt32(rt, v)); }

double ToIntegerOrInfinity(Runtime& rt, Value v) {
  if (v.IsInt()) return v.AsInt();
  double d = ToNumber(rt, v);
  if (d != d || d == 0) return 0;
  return std::trunc(d);
}

uint64_t ToLength(Runtime& rt, Value v) {
  double d = ToIntegerOrInfinity(rt, v);
  if (d <= 0) return 0;
  return d > 9007199254740991.0 ? 9007199254740991ull : static_cast<uint64_t>(d);
}

// ---------------------------------------------------------------- numbers <-> strings

std::string NumberToStdString(double d) {
  char buf[64];
  StringBuilder builder(buf, sizeof(buf));
  DoubleToStringConverter::EcmaScriptConverter().ToShortest(d, &builder);
  return builder.Finalize();
}

String* NumberToString(Runtime& rt, double d) {
  if (d == 0) return rt.CharString('0');
  return rt.NewStringFromAscii(NumberToStdString(d));
}

std::string NumberToStringRadix(double value, int radix) {
  if (radix == 10 || value != value || std::isinf(value)) return NumberToStdString(value);
  if (value == 0) return "0";
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  bool negative = value < 0;
  if (negative) value = -value;
  double integer = std::floor(value);
  double fraction = value - integer;
  // Digits of the fraction: stop once the remaining value is below the
  // precision of the input (half the gap to the next double), rounding the last digit.
  double delta = 0.5 * (std::nextafter(value, INFINITY) - value);
  delta = std::max(std::nextafter(0.0, 1.0), delta);
  std::string frac;
  if (fraction >= delta) {
    do {
      fraction *= radix;
      delta *= radix;
      int digit = static_cast<int>(fraction);
      frac.push_back(kDigits[digit]);
      fraction -= digit;
      if (fraction > 0.5 || (fraction == 0.5 && (digit & 1))) {
        if (fraction + delta > 1) {
          // Round up, propagating carries.
          while (true) {
            if (frac.empty()) {
              integer += 1;
              break;
            }
            char& c = frac.back();
            int dv = static_cast<int>(std::strchr(kDigits, c) - kDigits) + 1;
            if (dv < radix) {
              c = kDigits[dv];
              break;
            }
            frac.pop_back();
          }
          break;
        }
      }
    } while (fraction >= delta);
  }
  std::string intpart;
  // Integer digits; exact while the value is below 2^53, approximated above.
  while (integer >= 1) {
    double q = std::floor(integer / radix);
    int digit = static_cast<int>(integer - q * radix);
    if (digit < 0 || digit >= radix) digit = 0;
    intpart.push_back(kDigits[digit]);
    integer = q;
  }
  if (intpart.empty()) intpart = "0";
  std::string out(negative ? "-" : "");
  out.append(intpart.rbegin(), intpart.rend());
  if (!frac.empty()) out += "." + frac;
  return out;
}

double StringToNumber(std::u16string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (IsJsWhiteSpace(s[b]) || IsJsLineTerminator(s[b]))) ++b;
  while (e > b && (IsJsWhiteSpace(s[e - 1]) || IsJsLineTerminator(s[e - 1]))) --e;
  if (b == e) return 0;
  std::string ascii;
  ascii.reserve(e - b);
  for (size_t i = b; i < e; ++i) {
    if (s[i] > 127) return NAN;
    ascii.push_back(static_cast<char>(s[i]));
  }
  if (ascii.size() > 2 && ascii[0] == '0') {
    int radix = 0;
    char p = static_cast<char>(ascii[1] | 0x20);
    if (p == 'x') radix = 16;
    else if (p == 'o') radix = 8;
    else if (p == 'b') radix = 2;
    if (radix) {
      // Regroup the digits' bits into hexadecimal and let double-conversion
      // round once (summing in a double would round at every step).
      static const char kHex[] = "0123456789abcdef";
      int bits_per_digit = radix == 16 ? 4 : radix == 8 ? 3 : 1;
      std::string bits;
      for (size_t i = 2; i < ascii.size(); ++i) {
        int c = ascii[i], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
        else return NAN;
        if (d >= radix) return NAN;
        for (int b = bits_per_digit - 1; b >= 0; --b) bits.push_back(static_cast<char>('0' + ((d >> b) & 1)));
      }
      while (bits.size() % 4) bits.insert(bits.begin(), '0');
      std::string hex = "0x";
      for (size_t i = 0; i < bits.size(); i += 4) {
        hex.push_back(kHex[(bits[i] - '0') * 8 + (bits[i + 1] - '0') * 4 + (bits[i + 2] - '0') * 2 + (bits[i + 3] - '0')]);
      }
      StringToDoubleConverter conv(StringToDoubleConverter::ALLOW_HEX, 0.0, NAN, nullptr, nullptr);
      int processed = 0;
      return conv.StringToDouble(hex.c_str(), static_cast<int>(hex.size()), &processed);
    }
  }
  // Decimal literal: [+-] (Infinity | digits [. digits] [e [+-] digits] | . digits ...)
  size_t i = 0;
  if (ascii[i] == '+' || ascii[i] == '-') ++i;
  if (ascii.compare(i, std::string::npos, "Infinity") == 0) return ascii[0] == '-' ? -INFINITY : INFINITY;
  bool digits = false;
  while (i < ascii.size() && isdigit(static_cast<unsigned char>(ascii[i]))) { ++i; digits = true; }
  if (i < ascii.size() && ascii[i] == '.') {
    ++i;
    while (i < ascii.size() && isdigit(static_cast<unsigned char>(ascii[i]))) { ++i; digits = true; }
  }
  if (!digits) return NAN;
  if (i < ascii.size() && (ascii[i] | 0x20) == 'e') {
    ++i;
    if (i < ascii.size() && (ascii[i] == '+' || ascii[i] == '-')) ++i;
    bool exp_digits = false;
    while (i < ascii.size() && isdigit(static_cast<unsigned char>(ascii[i]))) { ++i; exp_digits = true; }
    if (!exp_digits) return NAN;
  }
  if (i != ascii.size()) return NAN;
  StringToDoubleConverter conv(StringToDoubleConverter::NO_FLAGS, 0.0, NAN, nullptr, nullptr);
  int processed = 0;
  return conv.StringToDouble(ascii.c_str(), static_cast<int>(ascii.size()), &processed);
}

std::string NumberToFixed(double d, int digits) {
  if (std::fabs(d) >= 1e21 || d != d) return NumberToStdString(d);
  char buf[256];
  StringBuilder builder(buf, sizeof(buf));
  DoubleToStringConverter::EcmaScriptConverter().ToFixed(d, digits, &builder);
  std::string s = builder.Finalize();
  return s;
}

std::string NumberToPrecision(double d, int precision) {
  if (d != d || std::isinf(d)) return NumberToStdString(d);
  char buf[256];
  StringBuilder builder(buf, sizeof(buf));
  DoubleToStringConverter::EcmaScriptConverter().ToPrecision(d, precision, &builder);
  return builder.Finalize();
}

std::string NumberToExponential(double d, int digits) {
  if (d != d || std::isinf(d)) return NumberToStdString(d);
  char buf[256];
  StringBuilder builder(buf, sizeof(buf));
  DoubleToStringConverter::EcmaScriptConverter().ToExponential(d, digits, &builder);
  return builder.Finalize();
}

// ---------------------------------------------------------------- operators

Value TypeOf(Runtime& rt, Value v) {
  const Names& n = rt.names();
  if (v.IsNumber()) return Value::FromCell(n.number);
  if (v.IsUndefined()) return Value::FromCell(n.undefined);
  if (v.IsNull()) return Value::FromCell(n.object);
  if (v.IsBoolean()) return Value::FromCell(n.boolean);
  if (v.IsString()) return Value::FromCell(n.string);
  if (v.IsSymbol()) return Value::FromCell(n.symbol);
  if (v.IsBigInt()) return Value::FromCell(n.bigint);
  if (IsUndetectable(v)) return Value::FromCell(n.undefined);
  if (v.IsObject() && v.AsObject()->IsCallable()) return Value::FromCell(n.function);
  return Value::FromCell(n.object);
}

bool StrictEquals(Value a, Value b) {
  if (a.IsNumber() && b.IsNumber()) return a.AsNumber() == b.AsNumber();
  if (a == b) return true;
  if (a.IsString() && b.IsString()) return a.AsString()->view() == b.AsString()->view();
  if (a.IsBigInt() && b.IsBigInt()) return BigIntEquals(a.AsBigInt(), b.AsBigInt());
  return false;
}

namespace {

// BigInt == Number (IsLooselyEqual's step for a BigInt and a Number).
bool BigIntEqualsNumber(const BigInt* a, double d) {
  if (d != d || std::isinf(d)) return false;
  return BigIntCompareToDouble(a, d) == 0;
}

// BigInt == String: the string as StringToBigInt (false when it is not one).
bool BigIntEqualsString(Runtime& rt, Value bigint, String* s) {
  Rooted<Value> rb(rt, bigint);
  BigInt* other = StringToBigInt(rt, s->view());
  return other && BigIntEquals(rb.get().AsBigInt(), other);
}

}  // namespace

bool LooseEquals(Runtime& rt, Value a, Value b) {
  while (true) {
    if (a.IsNumber() && b.IsNumber()) return a.AsNumber() == b.AsNumber();
    if (a.IsString() && b.IsString()) return a.AsString()->view() == b.AsString()->view();
    if (a.IsNullish() || b.IsNullish()) return IsLooselyNull(a) && IsLooselyNull(b);
    if (a == b) return true;
    if (a.IsBoolean()) { a = Value::Int(a.IsTrue()); continue; }
    if (b.IsBoolean()) { b = Value::Int(b.IsTrue()); continue; }
    if (a.IsNumber() && b.IsString()) return a.AsNumber() == StringToNumber(b.AsString()->view());
    if (a.IsString() && b.IsNumber()) return StringToNumber(a.AsString()->view()) == b.AsNumber();
    if (a.IsBigInt() && b.IsBigInt()) return BigIntEquals(a.AsBigInt(), b.AsBigInt());
    if (a.IsBigInt() && b.IsNumber()) return BigIntEqualsNumber(a.AsBigInt(), b.AsNumber());
    if (a.IsNumber() && b.IsBigInt()) return BigIntEqualsNumber(b.AsBigInt(), a.AsNumber());
    if (a.IsBigInt() && b.IsString()) return BigIntEqualsString(rt, a, b.AsString());
    if (a.IsString() && b.IsBigInt()) return BigIntEqualsString(rt, b, a.AsString());
    if (a.IsObject() && b.IsObject()) return false;
    if (a.IsObject()) { Rooted<Value> rb(rt, b); a = ToPrimitive(rt, a); b = rb; continue; }
    if (b.IsObject()) { Rooted<Value> ra(rt, a); b = ToPrimitive(rt, b); a = ra; continue; }
    return false;  // symbol vs other primitive
  }
}

bool SameValue(Value a, Value b) {
  if (a.IsNumber() && b.IsNumber()) {
    double x = a.AsNumber(), y = b.AsNumber();
    if (x != x && y != y) return true;
    if (x == 0 && y == 0) return std::signbit(x) == std::signbit(y);
    return x == y;
  }
  return StrictEquals(a, b);
}

bool SameValueZero(Value a, Value b) {
  if (a.IsNumber() && b.IsNumber()) {
    double x = a.AsNumber(), y = b.AsNumber();
    if (x != x && y != y) return true;
    return x == y;
  }
  return StrictEquals(a, b);
}

Value Add(Runtime& rt, Value a, Value b) {
  if (a.IsNumber() && b.IsNumber()) return Value::Number(a.AsNumber() + b.AsNumber());
  if (a.IsString() && b.IsString()) return Value::FromCell(rt.Concat(a.AsString(), b.AsString()));
  Rooted<Value> ra(rt, a), rb(rt, b);
  Rooted<Value> pa(rt, ToPrimitive(rt, a));
  Rooted<Value> pb(rt, ToPrimitive(rt, rb));
  if (pa.get().IsString() || pb.get().IsString()) {
    Rooted<String*> sa(rt, ToString(rt, pa));
    String* sb = ToString(rt, pb);
    return Value::FromCell(rt.Concat(sa, sb));
  }
  Rooted<Value> x(rt, ToNumeric(rt, pa));
  Value y = ToNumeric(rt, pb);
  if (x.get().IsBigInt() || y.IsBigInt()) {
    if (!x.get().IsBigInt() || !y.IsBigInt()) ThrowBigIntMix(rt);
    return Value::FromCell(BigIntBinary(rt, BigIntOp::kAdd, x.get().AsBigInt(), y.AsBigInt()));
  }
  return Value::Number(x.get().AsNumber() + y.AsNumber());
}

int LessThan(Runtime& rt, Value a, Value b, bool left_first) {
  if (a.IsInt() && b.IsInt()) return a.AsInt() < b.AsInt();
  Rooted<Value> pa(rt, a), pb(rt, b);
  if (left_first) {
    pa = ToPrimitive(rt, a, ToPrimitiveHint::kNumber);
    pb = ToPrimitive(rt, pb, ToPrimitiveHint::kNumber);
  } else {
    pb = ToPrimitive(rt, b, ToPrimitiveHint::kNumber);
    pa = ToPrimitive(rt, pa, ToPrimitiveHint::kNumber);
  }
  if (pa.get().IsString() && pb.get().IsString()) {
    return pa.get().AsString()->view() < pb.get().AsString()->view();
  }
  // A BigInt and a string: the string as StringToBigInt (undefined when it is not one).
  if (pa.get().IsBigInt() && pb.get().IsString()) {
    BigInt* y = StringToBigInt(rt, pb.get().AsString()->view());
    return y ? BigIntCompare(pa.get().AsBigInt(), y) < 0 : -1;
  }
  if (pa.get().IsString() && pb.get().IsBigInt()) {
    BigInt* x = StringToBigInt(rt, pa.get().AsString()->view());
    return x ? BigIntCompare(x, pb.get().AsBigInt()) < 0 : -1;
  }
  pa = ToNumeric(rt, pa);
  pb = ToNumeric(rt, pb);
  Value x = pa, y = pb;
  if (x.IsBigInt() && y.IsBigInt()) return BigIntCompare(x.AsBigInt(), y.AsBigInt()) < 0;
  if (x.IsBigInt()) return y.AsNumber() != y.AsNumber() ? -1 : BigIntCompareToDouble(x.AsBigInt(), y.AsNumber()) < 0;
  if (y.IsBigInt()) return x.AsNumber() != x.AsNumber() ? -1 : BigIntCompareToDouble(y.AsBigInt(), x.AsNumber()) > 0;
  if (x.AsNumber() != x.AsNumber() || y.AsNumber() != y.AsNumber()) return -1;
  return x.AsNumber() < y.AsNumber();
}

namespace {

// The rest of OrdinaryHasInstance's walk from a proxy `o` on: its
// [[GetPrototypeOf]] trap may run JavaScript, so everything is rooted.
bool ProtoChainContainsFromProxy(Runtime& rt, Object* o, Object* proto) {
  Rooted<Object*> target(rt, proto);
  Rooted<Object*> cur(rt, o);
  while (cur.get()) {
    cur = GetPrototypeOf(rt, cur);
    if (cur.get() == target.get()) return true;
    rt.PollNativeTimeout();
  }
  return false;
}

}  // namespace

bool OrdinaryHasInstance(Runtime& rt, Value c, Value v) {
  if (!IsCallable(c)) return false;
  if (c.AsCell()->kind() == CellKind::kBoundFunction) {
    return InstanceOf(rt, v, Value::FromCell(static_cast<BoundFunction*>(c.AsObject())->target()));
  }
  if (!v.IsObject()) return false;
  Rooted<Value> rv(rt, v);
  Value proto = GetProperty(rt, c.AsObject(), PropertyKey::Named(rt.names().prototype));
  if (!proto.IsObject()) rt.ThrowTypeError("Function has non-object prototype '" + DescribeForError(rt, proto) + "' in instanceof check");
  // O.[[GetPrototypeOf]]() up the chain: proto() until a proxy.
  for (Object* o = rv.get().AsObject(); o; rt.PollNativeTimeout()) {
    if (o->kind() == CellKind::kProxy) return ProtoChainContainsFromProxy(rt, o, proto.AsObject());
    o = o->proto();
    if (o == proto.AsObject()) return true;
  }
  return false;
}

bool InstanceOf(Runtime& rt, Value v, Value target) {
  if (!target.IsObject()) rt.ThrowTypeError("Right-hand side of 'instanceof' is not an object");
  Rooted<Value> rv(rt, v), rtarget(rt, target);
  Value handler = GetProperty(rt, target.AsObject(), PropertyKey::Named(rt.symbols().has_instance));
  if (!handler.IsNullish()) {
    // The built-in Function.prototype[@@hasInstance]: OrdinaryHasInstance
    // without the call.
    if (IsDefaultHasInstance(handler)) return OrdinaryHasInstance(rt, rtarget, rv);
    if (!IsCallable(handler)) {
      // V8's wording: the type, then a number's value or a string's quoted text.
      std::string text = TypeOf(rt, handler).AsString()->ToUtf8();
      if (handler.IsNumber()) text += " " + NumberToStdString(handler.AsNumber());
      if (handler.IsString()) text += " \"" + handler.AsString()->ToUtf8() + "\"";
      rt.ThrowTypeError(text + " is not a function");
    }
    Value arg = rv;
    return ToBoolean(Call(rt, handler, rtarget, &arg, 1));
  }
  if (!IsCallable(rtarget)) rt.ThrowTypeError("Right-hand side of 'instanceof' is not callable");
  return OrdinaryHasInstance(rt, rtarget, rv);
}

double Modulo(double a, double b) {
  if (b == 0 || a != a || b != b || std::isinf(a)) return NAN;
  if (std::isinf(b)) return a;
  if (a == 0) return a;
  double r = std::fmod(a, b);
  return r;
}

double Power(double a, double b) {
  if (b != b) return NAN;
  if ((a == 1 || a == -1) && std::isinf(b)) return NAN;
  return std::pow(a, b);
}

// ---------------------------------------------------------------- functions

bool IsCallable(Value v) { return v.IsObject() && v.AsObject()->IsCallable(); }

bool IsConstructor(Value v) {
  if (!v.IsObject()) return false;
  Object* o = v.AsObject();
  switch (o->kind()) {
    case CellKind::kFunction: return static_cast<Function*>(o)->info()->IsConstructor();
    case CellKind::kNativeFunction: return static_cast<NativeFunction*>(o)->is_constructor();
    case CellKind::kBoundFunction: return IsConstructor(Value::FromCell(static_cast<BoundFunction*>(o)->target()));
    case CellKind::kProxy: return static_cast<Proxy*>(o)->constructor();
    default: return false;
  }
}

std::u16string FunctionName(Runtime& rt, Object* fn) {
  OwnProperty p;
  if (GetOwnProperty(rt, fn, PropertyKey::Named(rt.names().name), &p) && p.value.IsString()) {
    return std::u16string(p.value.AsString()->view());
  }
  return u"";
}

Value Call(Runtime& rt, Value callee, Value this_value, const Value* argv, uint32_t argc) {
  if (!callee.IsObject()) rt.ThrowTypeError(DescribeForError(rt, callee) + " is not a function");
  Object* fn = callee.AsObject();
  switch (fn->kind()) {
    case CellKind::kFunction: {
      auto* f = static_cast<Function*>(fn);
      if (f->info()->IsClassConstructor()) {
        std::string name = f->info()->name ? f->info()->name->ToUtf8() : std::string();
        if (name.empty()) rt.ThrowTypeError("Class constructors cannot be invoked without 'new'");
        rt.ThrowTypeError("Class constructor " + name + " cannot be invoked without 'new'");
      }
      return rt.interpreter().CallFunction(f, this_value, argv, argc, Value::Undefined());
    }
    case CellKind::kNativeFunction: {
      rt.CheckNativeStack();
      CallArgs args{this_value, argv, argc, Value::Undefined(), fn};
      return static_cast<NativeFunction*>(fn)->fn()(rt, args);
    }
    case CellKind::kBoundFunction: {
      rt.CheckNativeStack();  // bind(bind(bind(...))) recurses here
      auto* b = static_cast<BoundFunction*>(fn);
      RootedVector all(rt);
      all.values().assign(b->bound_args().begin(), b->bound_args().end());
      all.values().insert(all.values().end(), argv, argv + argc);
      return Call(rt, Value::FromCell(b->target()), b->bound_this(), all.data(), static_cast<uint32_t>(all.size()));
    }
    case CellKind::kProxy:
      if (!fn->IsCallable()) rt.ThrowTypeError(DescribeForError(rt, callee) + " is not a function");
      rt.CheckNativeStack();
      return ProxyCall(rt, static_cast<Proxy*>(fn), this_value, argv, argc);
    default:
      rt.ThrowTypeError(DescribeForError(rt, callee) + " is not a function");
  }
}

Object* GetPrototypeFromConstructor(Runtime& rt, Value new_target, Object* fallback) {
  if (!new_target.IsObject()) return fallback;
  // The usual case: a function's own `prototype`, a data property in its shape.
  Object* nt = new_target.AsObject();
  if (nt->kind() == CellKind::kFunction && !static_cast<FunctionBase*>(nt)->lazy_properties()) {
    int i = nt->FindNamed(rt.names().prototype);
    if (i >= 0 && !(nt->named_attrs(i) & kAttrAccessor)) {
      Value proto = nt->named_value(i);
      return proto.IsObject() ? proto.AsObject() : fallback;
    }
  }
  Rooted<Object*> rf(rt, fallback);
  Value proto = GetProperty(rt, new_target.AsObject(), PropertyKey::Named(rt.names().prototype));
  return proto.IsObject() ? proto.AsObject() : rf.get();
}

Value Construct(Runtime& rt, Value callee, const Value* argv, uint32_t argc, Value new_target) {
  if (!IsConstructor(callee)) rt.ThrowTypeError(DescribeForError(rt, callee) + " is not a constructor");
  Object* fn = callee.AsObject();
  switch (fn->kind()) {
    case CellKind::kFunction: {
      auto* f = static_cast<Function*>(fn);
      if (f->info()->flavor == FunctionFlavor::kDerivedConstructor) {
        return rt.interpreter().CallFunction(f, Value::Hole(), argv, argc, new_target);
      }
      Rooted<Function*> rf(rt, f);
      Rooted<Value> rnt(rt, new_target);
      RootedVector args(rt);
      args.values().assign(argv, argv + argc);
      Object* proto = GetPrototypeFromConstructor(rt, new_target, rt.intrinsics().object_prototype);
      Rooted<Value> self(rt, Value::FromCell(rt.NewObject(proto)));
      Value result = rt.interpreter().CallFunction(rf, self, args.data(), argc, rnt);
      return result.IsObject() ? result : self.get();
    }
    case CellKind::kNativeFunction: {
      rt.CheckNativeStack();
      CallArgs args{Value::Undefined(), argv, argc, new_target, fn};
      return static_cast<NativeFunction*>(fn)->fn()(rt, args);
    }
    case CellKind::kBoundFunction: {
      rt.CheckNativeStack();  // bind(bind(bind(...))) recurses here
      auto* b = static_cast<BoundFunction*>(fn);
      RootedVector all(rt);
      all.values().assign(b->bound_args().begin(), b->bound_args().end());
      all.values().insert(all.values().end(), argv, argv + argc);
      Value target = Value::FromCell(b->target());
      if (new_target == callee) new_target = target;
      return Construct(rt, target, all.data(), static_cast<uint32_t>(all.size()), new_target);
    }
    case CellKind::kProxy:
      rt.CheckNativeStack();
      return ProxyConstruct(rt, static_cast<Proxy*>(fn), argv, argc, new_target);
    default:
      rt.ThrowTypeError(DescribeForError(rt, callee) + " is not a constructor");
  }
}

Value Invoke(Runtime& rt, Value v, PropertyKey key, std::initializer_list<Value> args) {
  Rooted<Value> rv(rt, v);
  RootedVector rargs(rt);
  rargs.values().assign(args.begin(), args.end());
  Value fn = GetValueProperty(rt, v, key);
  return Call(rt, fn, rv, rargs.data(), static_cast<uint32_t>(rargs.size()));
}

// ---------------------------------------------------------------- iteration

Value GetIterator(Runtime& rt, Value v, Value* next_method) {
  Rooted<Value> rv(rt, v);
  Value method = v.IsNullish() ? Value::Undefined() : GetValueProperty(rt, v, PropertyKey::Named(rt.symbols().iterator));
  if (!IsCallable(method)) {
    rt.ThrowTypeError(DefaultCallSiteText(rt, rv) + " is not iterable (cannot read property Symbol(Symbol.iterator))");
  }
  return GetIteratorFromMethod(rt, rv, method, next_method);
}

Value GetIteratorFromMethod(Runtime& rt, Value v, Value method, Value* next_method) {
  Rooted<Value> iterator(rt, Call(rt, method, v, nullptr, 0));
  if (!iterator.get().IsObject()) rt.ThrowTypeError("Result of the Symbol.iterator method is not an object");
  *next_method = GetProperty(rt, iterator.get().AsObject(), PropertyKey::Named(rt.names().next));
  return iterator;
}

bool IteratorStep(Runtime& rt, Value iterator, Value next_method, Value* value) {
  Value result = Call(rt, next_method, iterator, nullptr, 0);
  if (!result.IsObject()) rt.ThrowTypeError("Iterator result " + DescribeForError(rt, result) + " is not an object");
  Rooted<Value> rres(rt, result);
  if (ToBoolean(GetProperty(rt, result.AsObject(), PropertyKey::Named(rt.names().done)))) return false;
  *value = GetProperty(rt, rres.get().AsObject(), PropertyKey::Named(rt.names().value));
  return true;
}

void IteratorClose(Runtime& rt, Value iterator) {
  Rooted<Value> it(rt, iterator);
  Value ret = GetProperty(rt, iterator.AsObject(), PropertyKey::Named(rt.names().return_));
  if (ret.IsNullish()) return;
  Value result = Call(rt, ret, it, nullptr, 0);
  if (!result.IsObject()) rt.ThrowTypeError("Iterator result " + DescribeForError(rt, result) + " is not an object");
}

void IterateValues(Runtime& rt, Value iterable, const std::function<void(Value)>& f) {
  Value next;
  Value iterator = GetIterator(rt, iterable, &next);
  IterateIterator(rt, iterator, next, f);
}

void IterateIterator(Runtime& rt, Value iterator_value, Value next, const std::function<void(Value)>& f) {
  Rooted<Value> iterator(rt, iterator_value);
  Rooted<Value> rnext(rt, next);
  Value value;
  while (IteratorStep(rt, iterator, rnext, &value)) {
    try {
      f(value);
    } catch (JsThrow&) {
      Rooted<Value> saved(rt, rt.exception());
      try {
        IteratorClose(rt, iterator);
      } catch (JsThrow&) {
      }
      rt.set_exception(saved);
      throw;
    }
  }
}

Object* CreateIterResultObject(Runtime& rt, Value value, bool done) {
  Rooted<Value> rv(rt, value);
  Object* obj = rt.NewObject();
  obj->AddNamed(rt, rt.names().value, rv, kAttrDefault);
  obj->AddNamed(rt, rt.names().done, Value::Boolean(done), kAttrDefault);
  return obj;
}

// ---------------------------------------------------------------- messages

namespace {

// A data property of `obj` or its prototypes, read without running a getter.
Value DataPropertyNoSideEffects(Runtime& rt, Object* obj, PropertyKey key) {
  for (Object* o = obj; o; o = o->proto(), rt.PollNativeTimeout()) {
    if (o->kind() == CellKind::kProxy) return Value::Undefined();  // its traps are side effects
    OwnProperty p;
    if (GetOwnProperty(rt, o, key, &p)) return (p.attrs & kAttrAccessor) ? Value::Undefined() : p.value;
  }
  return Value::Undefined();
}

}  // namespace

std::string DescribeWithType(Runtime& rt, Value v) {
  Rooted<Value> rv(rt, v);
  std::string type = TypeOf(rt, v).AsString()->ToUtf8();
  return type + " '" + DescribeForError(rt, rv) + "'";
}

std::string DescribeForError(Runtime& rt, Value v) {
  if (v.IsString()) return v.AsString()->ToUtf8();
  if (v.IsSymbol()) {
    Value d = v.AsSymbol()->description();
    return "Symbol(" + (d.IsString() ? d.AsString()->ToUtf8() : std::string()) + ")";
  }
  if (v.IsObject()) {
    Object* o = v.AsObject();
    if (o->IsCallable()) return FunctionToString(rt, o)->ToUtf8();
    if (o->kind() == CellKind::kError) {
      Value name = DataPropertyNoSideEffects(rt, o, PropertyKey::Named(rt.names().name));
      Value message = DataPropertyNoSideEffects(rt, o, PropertyKey::Named(rt.names().message));
      std::string n = name.IsString() ? name.AsString()->ToUtf8() : "Error";
      std::string m = message.IsString() ? message.AsString()->ToUtf8() : "";
      return n.empty() ? m : m.empty() ? n : n + ": " + m;
    }
    if (o->kind() == CellKind::kProxy) return "#<Object>";  // no trap runs for a message
    // An object that inherits Object.prototype.toString prints as its
    // constructor's name, "#<Map>"; others as their tag, "[object Array]".
    PropertyKey to_string = PropertyKey::Named(rt.names().toString);
    Value own = DataPropertyNoSideEffects(rt, o, to_string);
    Value original = DataPropertyNoSideEffects(rt, rt.intrinsics().object_prototype, to_string);
    if (own.IsObject() && own == original) {
      Value ctor = DataPropertyNoSideEffects(rt, o, PropertyKey::Named(rt.names().constructor));
      if (IsCallable(ctor)) {
        Value name = DataPropertyNoSideEffects(rt, ctor.AsObject(), PropertyKey::Named(rt.names().name));
        if (name.IsString() && name.AsString()->length() > 0) return "#<" + name.AsString()->ToUtf8() + ">";
      }
    }
    Value tag = DataPropertyNoSideEffects(rt, o, PropertyKey::Named(rt.symbols().to_string_tag));
    if (tag.IsString()) return "[object " + tag.AsString()->ToUtf8() + "]";
    return ObjectToStringTag(rt, v)->ToUtf8();
  }
  if (v.IsNumber()) return NumberToStdString(v.AsNumber());
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsBoolean()) return v.IsTrue() ? "true" : "false";
  if (v.IsBigInt()) return BigIntToString(v.AsBigInt());
  return "?";
}

}  // namespace jsvm
