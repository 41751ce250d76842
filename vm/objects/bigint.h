// The BigInt primitive (ECMA-262 6.1.6.2): an immutable arbitrary-precision
// integer on the heap, and its operations. The arithmetic is GMP's (mpn/mpz,
// used only in bigint.cc); a cell stores sign and magnitude, its 64-bit
// digits inline after the header, least significant first, no leading zero
// digit (0n has none), so GMP reads a cell in place (mpz_roinit_n).
//
// For BigInt64Array, BigUint64Array and DataView's get/setBigInt64 the two
// conversions they need are BigIntToInt64/BigIntToUint64 (ToBigInt64 and
// ToBigUint64: the value modulo 2^64) and BigIntFromInt64/BigIntFromUint64.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gc/cell.h"

namespace jsvm {

class Runtime;

class BigInt final : public Cell {
 public:
  using Digit = uint64_t;
  // The most bits a BigInt may have, as V8's BigInt::kMaxLengthBits; larger
  // results are a RangeError ("Maximum BigInt size exceeded").
  static constexpr uint64_t kMaxBits = uint64_t{1} << 30;

  // A BigInt of `length` digits, written through mutable_digits() right after
  // allocation (Heap::NewWithExtra with length * sizeof(Digit) extra bytes).
  BigInt(bool negative, uint32_t length) : Cell(CellKind::kBigInt), negative_(negative), length_(length) {}

  bool negative() const { return negative_; }
  bool IsZero() const { return length_ == 0; }
  // The number of digits of the magnitude.
  uint32_t length() const { return length_; }
  const Digit* digits() const { return reinterpret_cast<const Digit*>(this + 1); }
  Digit* mutable_digits() { return reinterpret_cast<Digit*>(this + 1); }

  void Trace(Visitor&) const override {}
  size_t OwnedBytes() const override { return sizeof(BigInt) + length_ * sizeof(Digit); }
  uint8_t SnapshotType() const override { return 13; /* bigint */ }
  std::string SnapshotName() const override { return "bigint"; }

 private:
  bool negative_;
  uint32_t length_;
};

static_assert(sizeof(BigInt) == 16, "a BigInt's sign and length fill the cell header's spare bytes");

// ---- making BigInts
BigInt* BigIntFromInt64(Runtime& rt, int64_t v);
BigInt* BigIntFromUint64(Runtime& rt, uint64_t v);
// NumberToBigInt for an integral finite double (the caller checks).
BigInt* BigIntFromDouble(Runtime& rt, double d);
// `digits` of `radix` (2, 8, 10 or 16), no sign, prefix or separator; as the lexer gives them.
BigInt* BigIntFromDigits(Runtime& rt, std::string_view digits, int radix);
// StringToBigInt: nullptr when `s` is not a StringIntegerLiteral.
BigInt* StringToBigInt(Runtime& rt, std::u16string_view s);
// The decimal digits of a literal's `digits` of `radix` (for property keys like `{ 0x10n: 1 }`).
std::string BigIntDigitsToDecimal(std::string_view digits, int radix);

// ---- reading BigInts
// ToBigInt64 / ToBigUint64: the value modulo 2^64.
int64_t BigIntToInt64(const BigInt* b);
uint64_t BigIntToUint64(const BigInt* b);
// Number(b): the nearest double, ties to even (Infinity past the largest double).
double BigIntToDouble(const BigInt* b);
// BigInt::toString(radix), radix 2..36, lower-case digits.
std::string BigIntToString(const BigInt* b, int radix = 10);
// -1, 0 or 1 as a is less than, equal to or greater than b.
int BigIntCompare(const BigInt* a, const BigInt* b);
// The same against a double that is not NaN (infinities allowed).
int BigIntCompareToDouble(const BigInt* a, double d);
bool BigIntEquals(const BigInt* a, const BigInt* b);
// A hash of the value (equal BigInts hash alike).
uint64_t BigIntHash(const BigInt* b);

// ---- operators (RangeError on division by zero, a negative exponent, a result too large)
enum class BigIntOp : uint8_t { kAdd, kSub, kMul, kDiv, kMod, kExp, kAnd, kOr, kXor, kShiftLeft, kShiftRight };
BigInt* BigIntBinary(Runtime& rt, BigIntOp op, const BigInt* a, const BigInt* b);
BigInt* BigIntNegate(Runtime& rt, const BigInt* a);
BigInt* BigIntBitwiseNot(Runtime& rt, const BigInt* a);
// a + delta (++ and --).
BigInt* BigIntAddSmall(Runtime& rt, const BigInt* a, int64_t delta);
// BigInt.asIntN / asUintN with `bits` already a valid index (0 .. 2^53 - 1).
BigInt* BigIntAsIntN(Runtime& rt, uint64_t bits, const BigInt* a);
BigInt* BigIntAsUintN(Runtime& rt, uint64_t bits, const BigInt* a);

}  // namespace jsvm
