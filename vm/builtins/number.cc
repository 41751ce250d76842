// Number, Boolean and Math.
//
// Math.random is a xorshift128+ generator seeded with a fixed seed, so runs
// are deterministic unless SetMathRandomSeed (builtins.h) reseeds it.
// Number.prototype.toLocaleString formats like en-US through ICU (locale.h);
// of its options it reads minimumFractionDigits and maximumFractionDigits.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "vm/builtins/builtins.h"
#include "vm/builtins/locale.h"
#include "vm/execution/operations.h"
#include "vm/objects/bigint.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

double ThisNumberValue(Runtime& rt, Value v, const char* method) {
  if (v.IsNumber()) return v.AsNumber();
  if (v.IsCellOfKind(CellKind::kPrimitiveWrapper)) {
    Value p = static_cast<PrimitiveWrapper*>(v.AsObject())->primitive();
    if (p.IsNumber()) return p.AsNumber();
  }
  rt.ThrowTypeError(std::string("Number.prototype.") + method + " requires that 'this' be a Number");
}

Value NumberConstructor(Runtime& rt, CallArgs& args) {
  // ToNumeric, then a BigInt becomes the nearest Number.
  Value n = args.argc == 0 ? Value::Int(0) : ToNumeric(rt, args[0]);
  if (n.IsBigInt()) n = Value::Number(BigIntToDouble(n.AsBigInt()));
  if (!args.is_construct()) return n;
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, rt.intrinsics().number_prototype);
  return Value::FromCell(rt.heap().New<PrimitiveWrapper>(proto, n));
}

Value NumberIsFinite(Runtime&, CallArgs& args) {
  return Value::Boolean(args[0].IsNumber() && std::isfinite(args[0].AsNumber()));
}
Value NumberIsNaN(Runtime&, CallArgs& args) {
  return Value::Boolean(args[0].IsNumber() && std::isnan(args[0].AsNumber()));
}
bool IsIntegral(Value v) {
  if (!v.IsNumber()) return false;
  double d = v.AsNumber();
  return std::isfinite(d) && std::trunc(d) == d;
}
Value NumberIsInteger(Runtime&, CallArgs& args) { return Value::Boolean(IsIntegral(args[0])); }
Value NumberIsSafeInteger(Runtime&, CallArgs& args) {
  return Value::Boolean(IsIntegral(args[0]) && std::fabs(args[0].AsNumber()) <= 9007199254740991.0);
}

Value NumberToStringMethod(Runtime& rt, CallArgs& args) {
  double x = ThisNumberValue(rt, args.this_value, "toString");
  double radix = 10;
  if (!args[0].IsUndefined()) radix = ToIntegerOrInfinity(rt, args[0]);
  if (radix < 2 || radix > 36) rt.ThrowRangeError("toString() radix argument must be between 2 and 36");
  if (radix == 10) return Value::FromCell(NumberToString(rt, x));
  return StringValueUtf8(rt, NumberToStringRadix(x, static_cast<int>(radix)));
}

}  // namespace

FractionDigits LocaleFractionDigits(Runtime& rt, Value options, const char* method) {
  FractionDigits digits;
  if (options.IsUndefined()) return digits;
  if (options.IsNull()) rt.ThrowTypeError(std::string(method) + " called on null or undefined");
  Rooted<Object*> o(rt, ToObject(rt, options));
  Rooted<Value> min(rt, GetProperty(rt, o, rt.KeyForUtf8("minimumFractionDigits")));
  Rooted<Value> max(rt, GetProperty(rt, o, rt.KeyForUtf8("maximumFractionDigits")));
  // DefaultNumberOption: ToNumber, a RangeError outside 0..20 (node 20's V8
  // has ECMA-402's bound before ES2023 raised it to 100), the floor.
  auto option = [&rt](Value v, const char* name) {
    if (v.IsUndefined()) return -1;
    double d = ToNumber(rt, v);
    if (std::isnan(d) || d < 0 || d > 20) rt.ThrowRangeError(std::string(name) + " value is out of range.");
    return static_cast<int>(std::floor(d));
  };
  int mnfd = option(min, "minimumFractionDigits");
  int mxfd = option(max, "maximumFractionDigits");
  if (mnfd < 0 && mxfd < 0) return digits;
  if (mnfd < 0) {
    digits.min = std::min(digits.min, mxfd);
    digits.max = mxfd;
  } else if (mxfd < 0) {
    digits.min = mnfd;
    digits.max = std::max(digits.max, mnfd);
  } else {
    if (mnfd > mxfd) rt.ThrowRangeError("maximumFractionDigits value is out of range.");
    digits.min = mnfd;
    digits.max = mxfd;
  }
  return digits;
}

namespace {

Value NumberToLocaleString(Runtime& rt, CallArgs& args) {
  double x = ThisNumberValue(rt, args.this_value, "toLocaleString");
  return StringValueUtf8(rt, FormatNumberEnUs(x, LocaleFractionDigits(rt, args[1], "Number.prototype.toLocaleString")));
}

Value NumberValueOf(Runtime& rt, CallArgs& args) {
  return Value::Number(ThisNumberValue(rt, args.this_value, "valueOf"));
}

Value NumberToFixedMethod(Runtime& rt, CallArgs& args) {
  double x = ThisNumberValue(rt, args.this_value, "toFixed");
  double f = ToIntegerOrInfinity(rt, args[0]);
  if (!std::isfinite(f) || f < 0 || f > 100) {
    rt.ThrowRangeError("toFixed() digits argument must be between 0 and 100");
  }
  if (!std::isfinite(x)) return Value::FromCell(NumberToString(rt, x));
  if (x == 0) x = 0;  // -0 prints as 0
  return StringValueUtf8(rt, NumberToFixed(x, static_cast<int>(f)));
}

Value NumberToExponentialMethod(Runtime& rt, CallArgs& args) {
  double x = ThisNumberValue(rt, args.this_value, "toExponential");
  double f = ToIntegerOrInfinity(rt, args[0]);
  if (!std::isfinite(x)) return Value::FromCell(NumberToString(rt, x));
  if (f < 0 || f > 100) rt.ThrowRangeError("toExponential() argument must be between 0 and 100");
  if (x == 0) x = 0;
  return StringValueUtf8(rt, NumberToExponential(x, args[0].IsUndefined() ? -1 : static_cast<int>(f)));
}

Value NumberToPrecisionMethod(Runtime& rt, CallArgs& args) {
  double x = ThisNumberValue(rt, args.this_value, "toPrecision");
  if (args[0].IsUndefined()) return Value::FromCell(NumberToString(rt, x));
  double p = ToIntegerOrInfinity(rt, args[0]);
  if (!std::isfinite(x)) return Value::FromCell(NumberToString(rt, x));
  if (p < 1 || p > 100) rt.ThrowRangeError("toPrecision() argument must be between 1 and 100");
  if (x == 0) x = 0;
  return StringValueUtf8(rt, NumberToPrecision(x, static_cast<int>(p)));
}

Value GlobalParseInt(Runtime& rt, CallArgs& args) {
  Rooted<String*> s(rt, ToString(rt, args[0]));
  int32_t radix = ToInt32(rt, args[1]);
  return Value::Number(ParseIntCore(s->view(), radix));
}

Value GlobalParseFloat(Runtime& rt, CallArgs& args) {
  Rooted<String*> s(rt, ToString(rt, args[0]));
  return Value::Number(ParseFloatCore(s->view()));
}

// ---- Boolean

bool ThisBooleanValue(Runtime& rt, Value v, const char* method) {
  if (v.IsBoolean()) return v.AsBoolean();
  if (v.IsCellOfKind(CellKind::kPrimitiveWrapper)) {
    Value p = static_cast<PrimitiveWrapper*>(v.AsObject())->primitive();
    if (p.IsBoolean()) return p.AsBoolean();
  }
  rt.ThrowTypeError(std::string("Boolean.prototype.") + method + " requires that 'this' be a Boolean");
}

Value BooleanConstructor(Runtime& rt, CallArgs& args) {
  Value b = Value::Boolean(ToBoolean(args[0]));
  if (!args.is_construct()) return b;
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, rt.intrinsics().boolean_prototype);
  return Value::FromCell(rt.heap().New<PrimitiveWrapper>(proto, b));
}

Value BooleanToString(Runtime& rt, CallArgs& args) {
  return Value::FromCell(ThisBooleanValue(rt, args.this_value, "toString") ? rt.names().true_ : rt.names().false_);
}

Value BooleanValueOf(Runtime& rt, CallArgs& args) {
  return Value::Boolean(ThisBooleanValue(rt, args.this_value, "valueOf"));
}

// ---- Math

template <double (*F)(double)>
Value MathUnary(Runtime& rt, CallArgs& args) {
  return Value::Number(F(ToNumber(rt, args[0])));
}

double Abs(double x) { return std::fabs(x); }
double Acos(double x) { return std::acos(x); }
double Acosh(double x) { return std::acosh(x); }
double Asin(double x) { return std::asin(x); }
double Asinh(double x) { return x == 0 ? x : std::asinh(x); }
double Atan(double x) { return std::atan(x); }
double Atanh(double x) { return std::atanh(x); }
double Cbrt(double x) { return std::cbrt(x); }
double Ceil(double x) { return std::ceil(x); }
double Cos(double x) { return std::cos(x); }
double Cosh(double x) { return std::cosh(x); }
double Exp(double x) { return std::exp(x); }
double Expm1(double x) { return std::expm1(x); }
double Floor(double x) { return std::floor(x); }
double Fround(double x) { return static_cast<double>(static_cast<float>(x)); }
double Log(double x) { return std::log(x); }
double Log1p(double x) { return std::log1p(x); }
double Log10(double x) { return std::log10(x); }
double Log2(double x) { return std::log2(x); }
double Sin(double x) { return std::sin(x); }
double Sinh(double x) { return std::sinh(x); }
double Sqrt(double x) { return std::sqrt(x); }
double Tan(double x) { return std::tan(x); }
double Tanh(double x) { return std::tanh(x); }
double Trunc(double x) { return std::trunc(x); }
double Sign(double x) {
  if (std::isnan(x) || x == 0) return x;
  return x > 0 ? 1 : -1;
}
double Round(double x) {
  if (!std::isfinite(x) || x == 0) return x;
  if (x > 0 && x < 0.5) return 0.0;
  if (x < 0 && x >= -0.5) return -0.0;
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1;
  return r;
}

Value MathAtan2(Runtime& rt, CallArgs& args) {
  double y = ToNumber(rt, args[0]);
  double x = ToNumber(rt, args[1]);
  return Value::Number(std::atan2(y, x));
}

Value MathPow(Runtime& rt, CallArgs& args) {
  double b = ToNumber(rt, args[0]);
  double e = ToNumber(rt, args[1]);
  return Value::Number(Power(b, e));
}

Value MathMax(Runtime& rt, CallArgs& args) {
  double r = -INFINITY;
  bool nan = false;
  for (uint32_t i = 0; i < args.argc; ++i) {
    double d = ToNumber(rt, args[i]);
    if (std::isnan(d)) nan = true;
    else if (d > r || (d == 0 && r == 0 && !std::signbit(d))) r = d;
  }
  return Value::Number(nan ? NAN : r);
}

Value MathMin(Runtime& rt, CallArgs& args) {
  double r = INFINITY;
  bool nan = false;
  for (uint32_t i = 0; i < args.argc; ++i) {
    double d = ToNumber(rt, args[i]);
    if (std::isnan(d)) nan = true;
    else if (d < r || (d == 0 && r == 0 && std::signbit(d))) r = d;
  }
  return Value::Number(nan ? NAN : r);
}

Value MathHypot(Runtime& rt, CallArgs& args) {
  std::vector<double> xs;
  for (uint32_t i = 0; i < args.argc; ++i) xs.push_back(ToNumber(rt, args[i]));
  bool nan = false;
  double max = 0;
  for (double d : xs) {
    if (std::isinf(d)) return Value::Double(INFINITY);
    if (std::isnan(d)) nan = true;
    else max = std::max(max, std::fabs(d));
  }
  if (nan) return Value::Double(NAN);
  if (max == 0) return Value::Int(0);
  double sum = 0, comp = 0;
  for (double d : xs) {
    double r = d / max;
    double y = r * r - comp;
    double t = sum + y;
    comp = (t - sum) - y;
    sum = t;
  }
  return Value::Number(std::sqrt(sum) * max);
}

Value MathClz32(Runtime& rt, CallArgs& args) {
  uint32_t n = ToUint32(rt, args[0]);
  return Value::Int(n == 0 ? 32 : std::countl_zero(n));
}

Value MathImul(Runtime& rt, CallArgs& args) {
  uint32_t a = ToUint32(rt, args[0]);
  uint32_t b = ToUint32(rt, args[1]);
  return Value::Int(static_cast<int32_t>(a * b));
}

Value MathRandom(Runtime& rt, CallArgs&) {
  uint64_t* s = StateOf(rt).random_state;
  uint64_t s1 = s[0];
  uint64_t s0 = s[1];
  s[0] = s0;
  s1 ^= s1 << 23;
  s1 ^= s1 >> 17;
  s1 ^= s0;
  s1 ^= s0 >> 26;
  s[1] = s1;
  uint64_t bits = (s[0] + s[1]) >> 11;
  return Value::Double(static_cast<double>(bits) * (1.0 / 9007199254740992.0));
}

// Math.sumPrecise: an exact fixed-point accumulator (value * 2^1074 as a
// two's-complement integer of kLimbs 64-bit limbs), rounded once at the end.
class ExactSum {
 public:
  void Add(double d) {
    if (d == 0) return;
    int exp;
    double frac = std::frexp(std::fabs(d), &exp);  // |d| = frac * 2^exp, frac in [0.5, 1)
    // |d| = m * 2^(exp - 53) with m a 53-bit integer; scale to units of 2^-1074.
    int shift = exp - 53 + 1074;
    uint64_t m = static_cast<uint64_t>(std::ldexp(frac, 53));
    if (shift < 0) {  // subnormal: drop the (zero) low bits
      m >>= -shift;
      shift = 0;
    }
    AddShifted(m, shift, d < 0);
  }

  double Result() const {
    uint64_t mag[kLimbs];
    bool negative = limbs_[kLimbs - 1] >> 63;
    for (int i = 0; i < kLimbs; ++i) mag[i] = negative ? ~limbs_[i] : limbs_[i];
    if (negative) {  // two's complement: ~x + 1
      for (int i = 0; i < kLimbs; ++i) {
        if (++mag[i] != 0) break;
      }
    }
    int top = -1;
    for (int i = kLimbs - 1; i >= 0 && top < 0; --i) {
      if (mag[i]) top = i * 64 + 63 - std::countl_zero(mag[i]);
    }
    if (top < 0) return 0;
    auto bit = [&](int b) { return b >= 0 && ((mag[b / 64] >> (b % 64)) & 1); };
    double result;
    if (top < 53) {
      result = std::ldexp(static_cast<double>(mag[0]), -1074);
    } else {
      uint64_t mant = 0;
      for (int b = top; b > top - 53; --b) mant = (mant << 1) | (bit(b) ? 1 : 0);
      int low = top - 53;  // first bit below the mantissa
      bool round = bit(low);
      bool sticky = false;
      for (int b = low - 1; b >= 0 && !sticky; --b) sticky = bit(b);
      if (round && (sticky || (mant & 1))) ++mant;
      result = std::ldexp(static_cast<double>(mant), low + 1 - 1074);
    }
    return negative ? -result : result;
  }

 private:
  static constexpr int kLimbs = 36;

  void AddShifted(uint64_t m, int shift, bool subtract) {
    uint64_t add[kLimbs] = {};
    int limb = shift / 64, off = shift % 64;
    add[limb] = m << off;
    if (off && limb + 1 < kLimbs) add[limb + 1] = m >> (64 - off);
    if (subtract) {  // add the two's complement
      for (int i = 0; i < kLimbs; ++i) add[i] = ~add[i];
      for (int i = 0; i < kLimbs; ++i) {
        if (++add[i] != 0) break;
      }
    }
    unsigned carry = 0;
    for (int i = 0; i < kLimbs; ++i) {
      uint64_t a = limbs_[i];
      uint64_t r = a + add[i];
      unsigned c1 = r < a;
      uint64_t r2 = r + carry;
      unsigned c2 = r2 < r;
      limbs_[i] = r2;
      carry = c1 | c2;
    }
  }

  uint64_t limbs_[kLimbs] = {};
};

Value MathSumPrecise(Runtime& rt, CallArgs& args) {
  if (args[0].IsNullish()) rt.ThrowTypeError("Math.sumPrecise requires an iterable");
  ExactSum sum;
  bool nan = false, pos_inf = false, neg_inf = false, all_minus_zero = true;
  uint64_t count = 0;
  IterateValues(rt, args[0], [&](Value v) {
    if (++count >= 9007199254740992.0) rt.ThrowRangeError("Too many values for Math.sumPrecise");
    if (!v.IsNumber()) rt.ThrowTypeError(DescribeForError(rt, v) + " is not a number");
    double d = v.AsNumber();
    if (std::isnan(d)) nan = true;
    else if (d == INFINITY) pos_inf = true;
    else if (d == -INFINITY) neg_inf = true;
    if (!(d == 0 && std::signbit(d))) all_minus_zero = false;
    if (std::isfinite(d)) sum.Add(d);
  });
  if (nan || (pos_inf && neg_inf)) return Value::Double(NAN);
  if (pos_inf) return Value::Double(INFINITY);
  if (neg_inf) return Value::Double(-INFINITY);
  if (all_minus_zero) return Value::Double(-0.0);
  return Value::Number(sum.Result());
}

}  // namespace

// ---- parsing (shared with the globals)

double ParseIntCore(std::u16string_view s, int32_t radix) {
  size_t i = 0;
  while (i < s.size() && (IsJsWhiteSpace(s[i]) || IsJsLineTerminator(s[i]))) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  bool strip_prefix = true;
  if (radix != 0) {
    if (radix < 2 || radix > 36) return NAN;
    if (radix != 16) strip_prefix = false;
  } else {
    radix = 10;
  }
  if (strip_prefix && i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    i += 2;
    radix = 16;
  }
  size_t start = i;
  auto digit = [](char16_t c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
  };
  while (i < s.size() && digit(s[i]) < radix) ++i;
  if (i == start) return NAN;
  double result;
  if (radix == 10) {
    // Decimal: let the number parser round correctly.
    std::u16string digits(s.substr(start, i - start));
    result = StringToNumber(digits);
  } else if ((radix & (radix - 1)) == 0) {
    // Power-of-two radix: exact with correct rounding over 53 bits.
    int bits_per_digit = std::countr_zero(static_cast<unsigned>(radix));
    double value = 0;
    uint64_t mantissa = 0;
    int mantissa_bits = 0;
    int exponent = 0;
    bool sticky = false;
    for (size_t k = start; k < i; ++k) {
      int d = digit(s[k]);
      for (int b = bits_per_digit - 1; b >= 0; --b) {
        int bit = (d >> b) & 1;
        if (mantissa_bits == 0 && bit == 0) continue;
        if (mantissa_bits < 54) {
          mantissa = (mantissa << 1) | static_cast<uint64_t>(bit);
          ++mantissa_bits;
        } else {
          ++exponent;
          if (bit) sticky = true;
        }
      }
    }
    if (mantissa_bits == 54) {
      // Round half to even on the 54th bit.
      bool round_bit = mantissa & 1;
      mantissa >>= 1;
      ++exponent;
      if (round_bit && (sticky || (mantissa & 1))) ++mantissa;
    }
    value = std::ldexp(static_cast<double>(mantissa), exponent);
    result = value;
  } else {
    double value = 0;
    for (size_t k = start; k < i; ++k) value = value * radix + digit(s[k]);
    result = value;
  }
  return negative ? -result : result;
}

double ParseFloatCore(std::u16string_view s) {
  size_t i = 0;
  while (i < s.size() && (IsJsWhiteSpace(s[i]) || IsJsLineTerminator(s[i]))) ++i;
  size_t start = i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::u16string_view rest = s.substr(i);
  if (rest.substr(0, 8) == u"Infinity") return s[start] == '-' ? -INFINITY : INFINITY;
  size_t digits_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  size_t int_digits = i - digits_start;
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    frac_digits = j - i - 1;
    if (int_digits > 0 || frac_digits > 0) i = j;
  }
  if (int_digits == 0 && frac_digits == 0) return NAN;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    size_t exp_start = j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j > exp_start) i = j;
  }
  std::u16string text(s.substr(start, i - start));
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == u"-" || text == u"+") return NAN;
  // StringToNumber rejects "5." forms only through the pop above; "-.5" is fine.
  double d = StringToNumber(text);
  return d;
}

void InstallNumberBuiltins(Runtime& rt) {
  const Intrinsics& in = rt.intrinsics();
  // Number
  Rooted<Object*> proto(rt, in.number_prototype);
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "Number", NumberConstructor, 1, proto));
  DefineValue(rt, ctor, "EPSILON", Value::Double(std::numeric_limits<double>::epsilon()), kAttrNone);
  DefineValue(rt, ctor, "MAX_SAFE_INTEGER", Value::Double(9007199254740991.0), kAttrNone);
  DefineValue(rt, ctor, "MAX_VALUE", Value::Double(std::numeric_limits<double>::max()), kAttrNone);
  DefineValue(rt, ctor, "MIN_SAFE_INTEGER", Value::Double(-9007199254740991.0), kAttrNone);
  DefineValue(rt, ctor, "MIN_VALUE", Value::Double(std::numeric_limits<double>::denorm_min()), kAttrNone);
  DefineValue(rt, ctor, "NaN", Value::Double(NAN), kAttrNone);
  DefineValue(rt, ctor, "NEGATIVE_INFINITY", Value::Double(-INFINITY), kAttrNone);
  DefineValue(rt, ctor, "POSITIVE_INFINITY", Value::Double(INFINITY), kAttrNone);
  DefineMethod(rt, ctor, "isFinite", NumberIsFinite, 1);
  DefineMethod(rt, ctor, "isInteger", NumberIsInteger, 1);
  DefineMethod(rt, ctor, "isNaN", NumberIsNaN, 1);
  DefineMethod(rt, ctor, "isSafeInteger", NumberIsSafeInteger, 1);
  Rooted<NativeFunction*> parse_float(rt, DefineMethod(rt, ctor, "parseFloat", GlobalParseFloat, 1));
  Rooted<NativeFunction*> parse_int(rt, DefineMethod(rt, ctor, "parseInt", GlobalParseInt, 2));
  DefineValue(rt, rt.global(), "parseFloat", Value::FromCell(parse_float.get()));
  DefineValue(rt, rt.global(), "parseInt", Value::FromCell(parse_int.get()));
  DefineMethod(rt, proto, "toExponential", NumberToExponentialMethod, 1);
  DefineMethod(rt, proto, "toFixed", NumberToFixedMethod, 1);
  DefineMethod(rt, proto, "toPrecision", NumberToPrecisionMethod, 1);
  DefineMethod(rt, proto, "toString", NumberToStringMethod, 1);
  DefineMethod(rt, proto, "toLocaleString", NumberToLocaleString, 0);
  DefineMethod(rt, proto, "valueOf", NumberValueOf, 0);

  // Boolean
  Rooted<Object*> bproto(rt, in.boolean_prototype);
  MakeConstructor(rt, "Boolean", BooleanConstructor, 1, bproto);
  DefineMethod(rt, bproto, "toString", BooleanToString, 0);
  DefineMethod(rt, bproto, "valueOf", BooleanValueOf, 0);
}

void InstallMathBuiltins(Runtime& rt) {
  Rooted<Object*> math(rt, rt.NewObject());
  DefineValue(rt, rt.global(), "Math", Value::FromCell(math.get()));
  const std::pair<const char*, double> constants[] = {
      {"E", M_E}, {"LN10", M_LN10}, {"LN2", M_LN2}, {"LOG10E", M_LOG10E}, {"LOG2E", M_LOG2E},
      {"PI", M_PI}, {"SQRT1_2", M_SQRT1_2}, {"SQRT2", M_SQRT2}};
  for (const auto& [name, v] : constants) DefineValue(rt, math, name, Value::Double(v), kAttrNone);
  struct Fn {
    const char* name;
    NativeFn fn;
    uint16_t length;
  };
  const Fn fns[] = {
      {"abs", MathUnary<Abs>, 1}, {"acos", MathUnary<Acos>, 1}, {"acosh", MathUnary<Acosh>, 1},
      {"asin", MathUnary<Asin>, 1}, {"asinh", MathUnary<Asinh>, 1}, {"atan", MathUnary<Atan>, 1},
      {"atanh", MathUnary<Atanh>, 1}, {"atan2", MathAtan2, 2}, {"ceil", MathUnary<Ceil>, 1},
      {"cbrt", MathUnary<Cbrt>, 1}, {"expm1", MathUnary<Expm1>, 1}, {"clz32", MathClz32, 1},
      {"cos", MathUnary<Cos>, 1}, {"cosh", MathUnary<Cosh>, 1}, {"exp", MathUnary<Exp>, 1},
      {"floor", MathUnary<Floor>, 1}, {"fround", MathUnary<Fround>, 1}, {"hypot", MathHypot, 2},
      {"imul", MathImul, 2}, {"log", MathUnary<Log>, 1}, {"log1p", MathUnary<Log1p>, 1},
      {"log2", MathUnary<Log2>, 1}, {"log10", MathUnary<Log10>, 1}, {"max", MathMax, 2},
      {"min", MathMin, 2}, {"pow", MathPow, 2}, {"random", MathRandom, 0},
      {"round", MathUnary<Round>, 1}, {"sumPrecise", MathSumPrecise, 1}, {"sign", MathUnary<Sign>, 1}, {"sin", MathUnary<Sin>, 1},
      {"sinh", MathUnary<Sinh>, 1}, {"sqrt", MathUnary<Sqrt>, 1}, {"tan", MathUnary<Tan>, 1},
      {"tanh", MathUnary<Tanh>, 1}, {"trunc", MathUnary<Trunc>, 1}};
  for (const Fn& f : fns) DefineMethod(rt, math, f.name, f.fn, f.length);
  Rooted<Value> tag(rt, StringValueUtf8(rt, "Math"));
  DefineRaw(rt, math, PropertyKey::Named(rt.symbols().to_string_tag), tag, kAttrConfigurable);
}

}  // namespace jsvm
