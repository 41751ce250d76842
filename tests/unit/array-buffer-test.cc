// Binary data from C++ (vm/objects/array-buffer.h): backing stores charged
// to the heap and freed with their buffer, detaching, element conversions
// and the canonical numeric keys of the integer-indexed exotic object.
#include <gtest/gtest.h>

#include <cmath>

#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/objects/array-buffer.h"
#include "vm/objects/bigint.h"
#include "vm/objects/object-ops.h"

namespace jsvm {
namespace {

size_t External(Runtime& rt) { return rt.heap().stats().external_bytes; }

Value New(Runtime& rt, const char* ctor, std::initializer_list<Value> args) {
  Value c = GetProperty(rt, rt.global(), rt.KeyForUtf8(ctor));
  return Construct(rt, c, args);
}

TEST(ArrayBuffer, BackingStoreIsChargedAndFreedWithTheBuffer) {
  Runtime rt;
  rt.heap().Collect("test");
  size_t before = External(rt);
  {
    Rooted<Value> buffer(rt, New(rt, "ArrayBuffer", {Value::Int(1 << 20)}));
    EXPECT_EQ(External(rt), before + (1u << 20));
    rt.heap().Collect("test");
    EXPECT_EQ(External(rt), before + (1u << 20));  // still reachable
    EXPECT_GE(buffer.get().AsObject()->OwnedBytes(), 1u << 20);
  }
  rt.heap().Collect("test");
  EXPECT_EQ(External(rt), before);
}

TEST(ArrayBuffer, ResizeChargesTheGrowth) {
  Runtime rt;
  Rooted<Object*> options(rt, rt.NewObject());
  CreateDataProperty(rt, options, rt.KeyForUtf8("maxByteLength"), Value::Int(4096));
  size_t before = External(rt);
  Rooted<Value> buffer(rt, New(rt, "ArrayBuffer", {Value::Int(16), Value::FromCell(options.get())}));
  EXPECT_EQ(External(rt), before + 16);
  auto* b = static_cast<ArrayBufferObject*>(buffer.get().AsObject());
  ASSERT_TRUE(b->Resize(1000));
  EXPECT_EQ(External(rt), before + 1000);
  EXPECT_EQ(b->data()[999], 0);
  ASSERT_TRUE(b->Resize(10));  // shrinking keeps the memory
  EXPECT_EQ(b->byte_length(), 10u);
  EXPECT_EQ(External(rt), before + 1000);
}

TEST(ArrayBuffer, DetachFreesTheBytesAndPutsViewsOutOfBounds) {
  Runtime rt;
  Rooted<Value> buffer(rt, New(rt, "ArrayBuffer", {Value::Int(64)}));
  Rooted<Value> view(rt, New(rt, "Uint8Array", {buffer.get()}));
  Rooted<Value> dv(rt, New(rt, "DataView", {buffer.get()}));
  auto* ta = static_cast<TypedArrayObject*>(view.get().AsObject());
  SetProperty(rt, ta, PropertyKey::Index(3), Value::Int(7), true);
  EXPECT_EQ(GetProperty(rt, ta, PropertyKey::Index(3)).AsNumber(), 7);
  size_t before = External(rt);
  static_cast<ArrayBufferObject*>(buffer.get().AsObject())->Detach();
  EXPECT_EQ(External(rt), before - 64);
  EXPECT_TRUE(ta->IsOutOfBounds());
  EXPECT_EQ(ta->length(), 0u);
  EXPECT_TRUE(GetProperty(rt, ta, PropertyKey::Index(3)).IsUndefined());
  EXPECT_FALSE(HasProperty(rt, ta, PropertyKey::Index(0)));
  SetProperty(rt, ta, PropertyKey::Index(0), Value::Int(1), true);  // ignored, no crash
  EXPECT_EQ(GetProperty(rt, ta, rt.KeyForUtf8("length")).AsNumber(), 0);
  EXPECT_EQ(GetProperty(rt, buffer.get().AsObject(), rt.KeyForUtf8("byteLength")).AsNumber(), 0);
  EXPECT_TRUE(static_cast<DataViewObject*>(dv.get().AsObject())->IsOutOfBounds());
  // Methods throw a TypeError naming the detached buffer.
  Value fill = GetProperty(rt, ta, rt.KeyForUtf8("fill"));
  EXPECT_THROW(Call(rt, fill, view.get(), {Value::Int(1)}), JsThrow);
  EXPECT_NE(ToString(rt, GetProperty(rt, rt.exception().AsObject(), rt.KeyForUtf8("message")))->ToUtf8().find("detached"),
            std::string::npos);
  rt.heap().Collect("test");  // a detached buffer's cell is freed without its bytes
}

TEST(ArrayBuffer, ElementConversions) {
  Runtime rt;
  uint8_t b[8];
  auto round_trip = [&](ElementKind kind, double d) {
    StoreElement(kind, b, Value::Number(d));
    return LoadElement(rt, kind, b).AsNumber();
  };
  EXPECT_EQ(round_trip(ElementKind::kInt8, 200), -56);
  EXPECT_EQ(round_trip(ElementKind::kUint8, -1), 255);
  EXPECT_EQ(round_trip(ElementKind::kUint8Clamped, 2.5), 2);   // ties to even
  EXPECT_EQ(round_trip(ElementKind::kUint8Clamped, 3.5), 4);
  EXPECT_EQ(round_trip(ElementKind::kUint8Clamped, 300), 255);
  EXPECT_EQ(round_trip(ElementKind::kUint8Clamped, NAN), 0);
  EXPECT_EQ(round_trip(ElementKind::kInt16, 32768), -32768);
  EXPECT_EQ(round_trip(ElementKind::kUint32, -1), 4294967295.0);
  EXPECT_EQ(round_trip(ElementKind::kInt32, 4294967296.0 + 5), 5);
  EXPECT_EQ(round_trip(ElementKind::kFloat32, 0.1), static_cast<double>(0.1f));
  EXPECT_TRUE(std::isinf(round_trip(ElementKind::kFloat32, 1e40)));
  EXPECT_TRUE(std::signbit(round_trip(ElementKind::kFloat64, -0.0)));
  EXPECT_EQ(ElementSize(ElementKind::kFloat64), 8u);
  EXPECT_STREQ(ElementKindConstructorName(ElementKind::kUint8Clamped), "Uint8ClampedArray");
}

TEST(ArrayBuffer, BigIntElementsKeepTheValueModulo2To64) {
  Runtime rt;
  uint8_t b[8];
  // 2^64 + 5 into a BigInt64 element, read back through both BigInt kinds.
  Rooted<Value> big(rt, Value::FromCell(BigIntFromDigits(rt, "18446744073709551621", 10)));
  StoreElement(ElementKind::kBigInt64, b, big);
  EXPECT_EQ(BigIntToInt64(LoadElement(rt, ElementKind::kBigInt64, b).AsBigInt()), 5);
  Rooted<Value> minus_one(rt, Value::FromCell(BigIntFromInt64(rt, -1)));
  StoreElement(ElementKind::kBigInt64, b, minus_one);
  Value u = LoadElement(rt, ElementKind::kBigUint64, b);
  ASSERT_TRUE(u.IsBigInt());
  EXPECT_EQ(BigIntToString(u.AsBigInt()), "18446744073709551615");
  EXPECT_EQ(BigIntToString(LoadElement(rt, ElementKind::kBigInt64, b).AsBigInt()), "-1");
  EXPECT_TRUE(IsBigIntKind(ElementKind::kBigUint64));
  EXPECT_FALSE(IsBigIntKind(ElementKind::kFloat64));
  EXPECT_EQ(ElementSize(ElementKind::kBigInt64), 8u);
  // A Number is a TypeError for a BigInt kind, a BigInt for a Number kind.
  EXPECT_THROW(ToElementValue(rt, ElementKind::kBigInt64, Value::Int(1)), JsThrow);
  EXPECT_THROW(ToElementValue(rt, ElementKind::kInt32, minus_one), JsThrow);
}

TEST(ArrayBuffer, CanonicalNumericKeys) {
  Runtime rt;
  auto key = [&](const char* s) { return TypedArrayNumericKey(rt.KeyForUtf8(s)); };
  EXPECT_TRUE(key("0").numeric);
  EXPECT_TRUE(key("-0").numeric && std::signbit(key("-0").index));
  EXPECT_TRUE(key("1.5").numeric);
  EXPECT_TRUE(key("-1").numeric);
  EXPECT_TRUE(key("Infinity").numeric);
  EXPECT_TRUE(key("NaN").numeric);
  EXPECT_TRUE(key("1e+21").numeric);
  EXPECT_TRUE(key("4294967295").numeric);
  EXPECT_FALSE(key("01").numeric);
  EXPECT_FALSE(key("+1").numeric);
  EXPECT_FALSE(key("1e21").numeric);
  EXPECT_FALSE(key("").numeric);
  EXPECT_FALSE(key("length").numeric);
  EXPECT_FALSE(TypedArrayNumericKey(PropertyKey::Named(rt.symbols().iterator)).numeric);
}

}  // namespace
}  // namespace jsvm
