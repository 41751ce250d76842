// Unit tests of vm/objects/bigint.h: the 64-bit conversions typed arrays and
// DataView will use (ToBigInt64/ToBigUint64 modulo 2^64, and back), Number
// conversion's rounding, and the cell's layout.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "vm/execution/operations.h"
#include "vm/objects/bigint.h"

namespace jsvm {
namespace {

BigInt* Parse(Runtime& rt, std::u16string_view s) {
  BigInt* b = StringToBigInt(rt, s);
  EXPECT_NE(b, nullptr);
  return b;
}

TEST(BigIntTest, Int64RoundTrips) {
  Runtime rt;
  NoGcScope no_gc(rt.heap());
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max(), int64_t{-4294967296}}) {
    BigInt* b = BigIntFromInt64(rt, v);
    EXPECT_EQ(BigIntToInt64(b), v);
    EXPECT_EQ(BigIntToString(b), std::to_string(v));
  }
  BigInt* max = BigIntFromUint64(rt, UINT64_MAX);
  EXPECT_EQ(BigIntToString(max), "18446744073709551615");
  EXPECT_EQ(BigIntToUint64(max), UINT64_MAX);
  EXPECT_EQ(BigIntToInt64(max), -1);
  EXPECT_TRUE(BigIntFromInt64(rt, 0)->IsZero());
  EXPECT_FALSE(BigIntFromInt64(rt, 0)->negative());
}

TEST(BigIntTest, ConversionsWrapModulo2To64) {
  Runtime rt;
  NoGcScope no_gc(rt.heap());
  EXPECT_EQ(BigIntToUint64(Parse(rt, u"-1")), UINT64_MAX);
  EXPECT_EQ(BigIntToUint64(Parse(rt, u"18446744073709551616")), 0u);   // 2^64
  EXPECT_EQ(BigIntToUint64(Parse(rt, u"18446744073709551621")), 5u);   // 2^64 + 5
  EXPECT_EQ(BigIntToInt64(Parse(rt, u"9223372036854775808")), std::numeric_limits<int64_t>::min());  // 2^63
  EXPECT_EQ(BigIntToInt64(Parse(rt, u"-9223372036854775809")), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(BigIntToInt64(Parse(rt, u"-340282366920938463463374607431768211457")), -1);  // -(2^128) - 1
}

TEST(BigIntTest, ToDoubleRoundsToNearestEven) {
  Runtime rt;
  NoGcScope no_gc(rt.heap());
  EXPECT_EQ(BigIntToDouble(Parse(rt, u"9007199254740993")), 9007199254740992.0);   // 2^53 + 1: tie, even
  EXPECT_EQ(BigIntToDouble(Parse(rt, u"9007199254740995")), 9007199254740996.0);   // 2^53 + 3: tie, even
  // 2^64 + 2^11 + 1 (just above the tie at 65 bits) rounds up.
  EXPECT_EQ(BigIntToDouble(Parse(rt, u"18446744073709553665")), 18446744073709555712.0);
  EXPECT_EQ(BigIntToDouble(Parse(rt, u"-18446744073709553664")), -18446744073709551616.0);  // tie, even
  EXPECT_TRUE(std::isinf(BigIntToDouble(Parse(rt, u"0x" + std::u16string(257, u'f')))));
  EXPECT_EQ(BigIntToDouble(Parse(rt, u"-0")), 0.0);
  EXPECT_FALSE(std::signbit(BigIntToDouble(Parse(rt, u"-0"))));
}

TEST(BigIntTest, CompareAndHashByValue) {
  Runtime rt;
  NoGcScope no_gc(rt.heap());
  BigInt* a = Parse(rt, u"123456789012345678901234567890");
  BigInt* b = Parse(rt, u"0x18EE90FF6C373E0EE4E3F0AD2");
  EXPECT_NE(a, b);
  EXPECT_TRUE(BigIntEquals(a, b));
  EXPECT_EQ(BigIntHash(a), BigIntHash(b));
  EXPECT_TRUE(StrictEquals(Value::FromCell(a), Value::FromCell(b)));
  EXPECT_EQ(BigIntCompareToDouble(Parse(rt, u"9007199254740993"), 9007199254740992.0), 1);  // exact beyond 2^53
  EXPECT_EQ(BigIntCompareToDouble(Parse(rt, u"9007199254740992"), 9007199254740992.0), 0);
  EXPECT_EQ(BigIntCompareToDouble(a, INFINITY), -1);
  EXPECT_EQ(BigIntCompareToDouble(BigIntFromInt64(rt, -3), -3.5), 1);
  EXPECT_EQ(StringToBigInt(rt, u"1n"), nullptr);
  EXPECT_EQ(StringToBigInt(rt, u"-0x1"), nullptr);
  EXPECT_EQ(StringToBigInt(rt, u"0x"), nullptr);
  EXPECT_EQ(BigIntToString(Parse(rt, u" \n+42\t")), "42");
}

TEST(BigIntTest, DigitsLiveInlineAfterTheHeader) {
  Runtime rt;
  NoGcScope no_gc(rt.heap());
  BigInt* b = BigIntNegate(rt, Parse(rt, u"0x10000000000000001"));  // -(2^64 + 1): two digits
  ASSERT_EQ(b->length(), 2u);
  EXPECT_TRUE(b->negative());
  EXPECT_EQ(b->digits()[0], 1u);
  EXPECT_EQ(b->digits()[1], 1u);
  EXPECT_EQ(b->OwnedBytes(), sizeof(BigInt) + 2 * sizeof(BigInt::Digit));
  EXPECT_EQ(BigIntDigitsToDecimal("ff", 16), "255");
  EXPECT_EQ(BigIntToString(BigIntFromDigits(rt, "777", 8), 2), "111111111");
}

}  // namespace
}  // namespace jsvm
