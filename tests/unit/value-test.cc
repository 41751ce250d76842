// Values: the NaN-boxing encoding and number normalisation.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "vm/objects/value.h"

namespace jsvm {
namespace {

TEST(ValueTest, SpecialsAreDistinct) {
  Value specials[] = {Value::Undefined(), Value::Null(), Value::True(), Value::False(), Value::Hole(), Value::Empty()};
  for (size_t i = 0; i < std::size(specials); ++i) {
    for (size_t j = 0; j < std::size(specials); ++j) EXPECT_EQ(i == j, specials[i] == specials[j]);
    EXPECT_FALSE(specials[i].IsNumber());
    EXPECT_FALSE(specials[i].IsCell());
  }
  EXPECT_TRUE(Value::Undefined().IsNullish());
  EXPECT_TRUE(Value::Null().IsNullish());
  EXPECT_FALSE(Value::False().IsNullish());
  EXPECT_TRUE(Value::True().IsBoolean());
  EXPECT_TRUE(Value::False().IsBoolean());
  EXPECT_FALSE(Value::Hole().IsBoolean());
}

TEST(ValueTest, NumbersNormaliseToInt32) {
  EXPECT_TRUE(Value::Number(3.0).IsInt());
  EXPECT_EQ(Value::Number(3.0).AsInt(), 3);
  EXPECT_TRUE(Value::Number(-2147483648.0).IsInt());
  EXPECT_FALSE(Value::Number(2147483648.0).IsInt());
  EXPECT_FALSE(Value::Number(0.5).IsInt());
  // -0 keeps its sign as a double.
  Value mz = Value::Number(-0.0);
  EXPECT_TRUE(mz.IsDouble());
  EXPECT_TRUE(std::signbit(mz.AsDouble()));
  EXPECT_EQ(Value::Number(1.0), Value::Int(1));
}

TEST(ValueTest, NaNIsCanonicalAndStillANumber) {
  double nans[] = {std::numeric_limits<double>::quiet_NaN(), -std::numeric_limits<double>::quiet_NaN(),
                   std::nan("0x7ffff")};
  for (double d : nans) {
    Value v = Value::Double(d);
    EXPECT_TRUE(v.IsDouble());
    EXPECT_TRUE(v.IsNumber());
    EXPECT_FALSE(v.IsCell());
    EXPECT_TRUE(std::isnan(v.AsNumber()));
  }
}

TEST(ValueTest, DoublesRoundTrip) {
  double values[] = {0.1, -1e300, 1e-320, std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity(), 123456789.125};
  for (double d : values) {
    Value v = Value::Double(d);
    EXPECT_TRUE(v.IsDouble());
    EXPECT_EQ(v.AsDouble(), d);
  }
}

}  // namespace
}  // namespace jsvm
