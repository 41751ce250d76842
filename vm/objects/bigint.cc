#include "vm/objects/bigint.h"

#include <gmp.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "vm/execution/runtime.h"
#include "vm/objects/unicode.h"

namespace jsvm {

static_assert(sizeof(mp_limb_t) == sizeof(BigInt::Digit), "a cell's digits are GMP limbs");

namespace {

// An mpz_t that clears itself.
class Mpz {
 public:
  Mpz() { mpz_init(z_); }
  ~Mpz() { mpz_clear(z_); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  mpz_ptr get() { return z_; }
  operator mpz_ptr() { return z_; }

 private:
  mpz_t z_;
};

// A read-only view of a cell's digits as an mpz (valid while the cell is).
struct View {
  explicit View(const BigInt* b) {
    auto size = static_cast<mp_size_t>(b->length());
    mpz_roinit_n(z, reinterpret_cast<const mp_limb_t*>(b->digits()), b->negative() ? -size : size);
  }
  operator mpz_srcptr() const { return z; }
  mpz_t z;
};

[[noreturn]] void ThrowTooBig(Runtime& rt) { rt.ThrowRangeError("Maximum BigInt size exceeded"); }

// A new cell holding z's value.
BigInt* Make(Runtime& rt, mpz_srcptr z) {
  size_t n = mpz_size(z);
  if (n * 64 > BigInt::kMaxBits + 64) ThrowTooBig(rt);
  BigInt* b = rt.heap().NewWithExtra<BigInt>(n * sizeof(BigInt::Digit), mpz_sgn(z) < 0, static_cast<uint32_t>(n));
  if (n) std::memcpy(b->mutable_digits(), mpz_limbs_read(z), n * sizeof(BigInt::Digit));
  return b;
}

uint64_t BitLength(mpz_srcptr z) { return mpz_sgn(z) == 0 ? 0 : mpz_sizeinbase(z, 2); }

}  // namespace

// ---------------------------------------------------------------- making

BigInt* BigIntFromUint64(Runtime& rt, uint64_t v) {
  BigInt* b = rt.heap().NewWithExtra<BigInt>(v ? sizeof(BigInt::Digit) : 0, false, v ? 1u : 0u);
  if (v) b->mutable_digits()[0] = v;
  return b;
}

BigInt* BigIntFromInt64(Runtime& rt, int64_t v) {
  // The magnitude in unsigned arithmetic (INT64_MIN has no positive int64).
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  BigInt* b = rt.heap().NewWithExtra<BigInt>(magnitude ? sizeof(BigInt::Digit) : 0, v < 0, magnitude ? 1u : 0u);
  if (magnitude) b->mutable_digits()[0] = magnitude;
  return b;
}

BigInt* BigIntFromDouble(Runtime& rt, double d) {
  Mpz z;
  mpz_set_d(z, d);
  return Make(rt, z);
}

BigInt* BigIntFromDigits(Runtime& rt, std::string_view digits, int radix) {
  Mpz z;
  std::string text(digits);
  if (text.empty() || mpz_set_str(z, text.c_str(), radix) != 0) mpz_set_ui(z, 0);
  return Make(rt, z);
}

std::string BigIntDigitsToDecimal(std::string_view digits, int radix) {
  Mpz z;
  std::string text(digits);
  if (text.empty() || mpz_set_str(z, text.c_str(), radix) != 0) return "0";
  char* s = mpz_get_str(nullptr, 10, z);
  std::string out(s);
  void (*free_fn)(void*, size_t);
  mp_get_memory_functions(nullptr, nullptr, &free_fn);
  free_fn(s, out.size() + 1);
  return out;
}

BigInt* StringToBigInt(Runtime& rt, std::u16string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (IsJsWhiteSpace(s[b]) || IsJsLineTerminator(s[b]))) ++b;
  while (e > b && (IsJsWhiteSpace(s[e - 1]) || IsJsLineTerminator(s[e - 1]))) --e;
  if (b == e) return BigIntFromUint64(rt, 0);
  std::string ascii;
  for (size_t i = b; i < e; ++i) {
    if (s[i] > 127) return nullptr;
    ascii.push_back(static_cast<char>(s[i]));
  }
  // StrIntegerLiteral: [+-] decimal digits, or 0x/0o/0b and digits of that radix (no sign).
  int radix = 10;
  bool negative = false;
  size_t i = 0;
  if (ascii.size() > 2 && ascii[0] == '0') {
    char p = static_cast<char>(ascii[1] | 0x20);
    radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
    if (radix != 10) i = 2;
  }
  if (radix == 10 && (ascii[0] == '+' || ascii[0] == '-')) {
    negative = ascii[0] == '-';
    i = 1;
  }
  if (i == ascii.size()) return nullptr;
  for (size_t k = i; k < ascii.size(); ++k) {
    int c = ascii[k], d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
    else return nullptr;
    if (d >= radix) return nullptr;
  }
  Mpz z;
  mpz_set_str(z, ascii.c_str() + i, radix);
  if (negative) mpz_neg(z, z);
  return Make(rt, z);
}

// ---------------------------------------------------------------- reading

uint64_t BigIntToUint64(const BigInt* b) {
  uint64_t low = b->IsZero() ? 0 : b->digits()[0];
  return b->negative() ? 0 - low : low;
}

int64_t BigIntToInt64(const BigInt* b) { return static_cast<int64_t>(BigIntToUint64(b)); }

double BigIntToDouble(const BigInt* b) {
  View v(b);
  uint64_t bits = BitLength(v);
  double magnitude;
  if (bits <= 64) {
    magnitude = static_cast<double>(b->IsZero() ? 0 : b->digits()[0]);
  } else {
    // The top 64 bits, with any lower 1 bit folded into the lowest (a sticky
    // bit far below the rounding position), so one conversion rounds right.
    Mpz top;
    mpz_abs(top, v);
    uint64_t shift = bits - 64;
    bool sticky = mpz_scan1(top, 0) < shift;
    mpz_tdiv_q_2exp(top, top, shift);
    uint64_t t = mpz_getlimbn(top, 0) | (sticky ? 1 : 0);
    magnitude = shift > 2000 ? INFINITY : std::ldexp(static_cast<double>(t), static_cast<int>(shift));
  }
  return b->negative() ? -magnitude : magnitude;
}

std::string BigIntToString(const BigInt* b, int radix) {
  View v(b);
  std::string out(mpz_sizeinbase(v, radix) + 2, '\0');
  mpz_get_str(out.data(), radix, v);
  out.resize(std::strlen(out.c_str()));
  return out;
}

int BigIntCompare(const BigInt* a, const BigInt* b) {
  int c = mpz_cmp(View(a), View(b));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int BigIntCompareToDouble(const BigInt* a, double d) {
  int c = mpz_cmp_d(View(a), d);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool BigIntEquals(const BigInt* a, const BigInt* b) {
  return a->negative() == b->negative() && a->length() == b->length() &&
         std::memcmp(a->digits(), b->digits(), a->length() * sizeof(BigInt::Digit)) == 0;
}

uint64_t BigIntHash(const BigInt* b) {
  uint64_t h = b->negative() ? 0x9e3779b97f4a7c15ull : 0;
  for (uint32_t i = 0; i < b->length(); ++i) {
    h ^= b->digits()[i] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return h;
}

// ---------------------------------------------------------------- operators

namespace {

// a ** b for b >= 0.
void Power(Runtime& rt, mpz_ptr r, mpz_srcptr a, mpz_srcptr b) {
  if (mpz_sgn(b) == 0) return mpz_set_ui(r, 1);
  if (mpz_sgn(a) == 0 || mpz_cmp_ui(a, 1) == 0) return mpz_set(r, a);
  if (mpz_cmp_si(a, -1) == 0) return mpz_set_si(r, mpz_odd_p(b) ? -1 : 1);
  // |a| >= 2: the result has at least b bits.
  if (!mpz_fits_ulong_p(b) || mpz_get_ui(b) > BigInt::kMaxBits) ThrowTooBig(rt);
  unsigned long e = mpz_get_ui(b);
  if ((BitLength(a) - 1) * e > BigInt::kMaxBits) ThrowTooBig(rt);
  mpz_pow_ui(r, a, e);
}

// a << b (b may be negative: a right shift), rounding toward -Infinity.
void Shift(Runtime& rt, mpz_ptr r, mpz_srcptr a, mpz_srcptr b, bool left) {
  bool up = left == (mpz_sgn(b) >= 0);
  Mpz amount;
  mpz_abs(amount, b);
  if (mpz_sgn(a) == 0) return mpz_set_ui(r, 0);
  if (!mpz_fits_ulong_p(amount) || mpz_get_ui(amount) > BigInt::kMaxBits) {
    if (up) ThrowTooBig(rt);
    return mpz_set_si(r, mpz_sgn(a) < 0 ? -1 : 0);
  }
  unsigned long n = mpz_get_ui(amount);
  if (up) {
    if (BitLength(a) + n > BigInt::kMaxBits) ThrowTooBig(rt);
    mpz_mul_2exp(r, a, n);
  } else {
    mpz_fdiv_q_2exp(r, a, n);
  }
}

}  // namespace

BigInt* BigIntBinary(Runtime& rt, BigIntOp op, const BigInt* a, const BigInt* b) {
  View x(a), y(b);
  Mpz r;
  switch (op) {
    case BigIntOp::kAdd: mpz_add(r, x, y); break;
    case BigIntOp::kSub: mpz_sub(r, x, y); break;
    case BigIntOp::kMul:
      if (BitLength(x) + BitLength(y) > BigInt::kMaxBits + 1) ThrowTooBig(rt);
      mpz_mul(r, x, y);
      break;
    case BigIntOp::kDiv:
      if (b->IsZero()) rt.ThrowRangeError("Division by zero");
      mpz_tdiv_q(r, x, y);
      break;
    case BigIntOp::kMod:
      if (b->IsZero()) rt.ThrowRangeError("Division by zero");
      mpz_tdiv_r(r, x, y);
      break;
    case BigIntOp::kExp:
      // node 20 prints V8's message template without its argument.
      if (b->negative()) rt.ThrowRangeError("undefined must be positive");
      Power(rt, r, x, y);
      break;
    case BigIntOp::kAnd: mpz_and(r, x, y); break;
    case BigIntOp::kOr: mpz_ior(r, x, y); break;
    case BigIntOp::kXor: mpz_xor(r, x, y); break;
    case BigIntOp::kShiftLeft: Shift(rt, r, x, y, true); break;
    case BigIntOp::kShiftRight: Shift(rt, r, x, y, false); break;
  }
  return Make(rt, r);
}

BigInt* BigIntNegate(Runtime& rt, const BigInt* a) {
  Mpz r;
  mpz_neg(r, View(a));
  return Make(rt, r);
}

BigInt* BigIntBitwiseNot(Runtime& rt, const BigInt* a) {
  Mpz r;
  mpz_com(r, View(a));
  return Make(rt, r);
}

BigInt* BigIntAddSmall(Runtime& rt, const BigInt* a, int64_t delta) {
  Mpz r;
  if (delta >= 0) mpz_add_ui(r, View(a), static_cast<unsigned long>(delta));
  else mpz_sub_ui(r, View(a), static_cast<unsigned long>(-delta));
  return Make(rt, r);
}

BigInt* BigIntAsUintN(Runtime& rt, uint64_t bits, const BigInt* a) {
  View x(a);
  if (!a->negative() && BitLength(x) <= bits) return const_cast<BigInt*>(a);
  if (bits > BigInt::kMaxBits) ThrowTooBig(rt);  // a negative value wraps to a number of `bits` bits
  Mpz r;
  mpz_fdiv_r_2exp(r, x, bits);
  return Make(rt, r);
}

BigInt* BigIntAsIntN(Runtime& rt, uint64_t bits, const BigInt* a) {
  View x(a);
  if (bits == 0) return BigIntFromUint64(rt, 0);
  // Values of fewer than `bits` bits (in two's complement) are their own result.
  if (BitLength(x) < bits) return const_cast<BigInt*>(a);
  Mpz r;
  mpz_fdiv_r_2exp(r, x, bits);
  if (mpz_tstbit(r, bits - 1)) {
    Mpz modulus;
    mpz_setbit(modulus, bits);
    mpz_sub(r, r, modulus);
  }
  return Make(rt, r);
}

}  // namespace jsvm
