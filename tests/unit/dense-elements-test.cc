// DenseElements (vm/dense-elements.h): the vector operations the VM uses,
// checked against std::vector doing the same, and the allocation-site hint of
// array literals (an array literal's site remembers the length its arrays
// reached).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "compiler/compiler.h"
#include "vm/dense-elements.h"
#include "vm/interpreter.h"
#include "vm/object-ops.h"
#include "vm/runtime.h"
#include "vm/unicode.h"

namespace jsvm {
namespace {

std::vector<int> Ints(const DenseElements& d) {
  std::vector<int> out;
  for (const Value& v : d) out.push_back(v.IsHole() ? -1 : static_cast<int>(v.AsNumber()));
  return out;
}

std::vector<int> Ints(const std::vector<Value>& d) {
  std::vector<int> out;
  for (const Value& v : d) out.push_back(v.IsHole() ? -1 : static_cast<int>(v.AsNumber()));
  return out;
}

TEST(DenseElementsTest, EmptyHoldsNoBlock) {
  DenseElements d;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.capacity(), 0u);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.begin(), d.end());
  static_assert(sizeof(DenseElements) == sizeof(void*));
}

TEST(DenseElementsTest, MatchesStdVectorUnderRandomEdits) {
  std::mt19937 rng(7);
  DenseElements d;
  std::vector<Value> ref;
  for (int step = 0; step < 5000; ++step) {
    int op = static_cast<int>(rng() % 7);
    Value v = Value::Int(static_cast<int32_t>(rng() % 1000));
    switch (op) {
      case 0: case 1:
        d.push_back(v);
        ref.push_back(v);
        break;
      case 2:
        if (!ref.empty()) {
          d.pop_back();
          ref.pop_back();
        }
        break;
      case 3: {
        size_t n = rng() % 40;
        d.resize(n);
        ref.resize(n, Value::Hole());
        break;
      }
      case 4:
        if (!ref.empty()) {
          size_t at = rng() % ref.size(), count = rng() % (ref.size() - at + 1);
          d.erase(d.begin() + at, d.begin() + at + count);
          ref.erase(ref.begin() + at, ref.begin() + at + count);
        }
        break;
      case 5: {
        Value items[3] = {v, Value::Int(1), Value::Int(2)};
        size_t at = ref.empty() ? 0 : rng() % (ref.size() + 1);
        d.insert(d.begin() + at, items, items + 3);
        ref.insert(ref.begin() + at, items, items + 3);
        break;
      }
      case 6:
        if (rng() % 4 == 0) d.shrink_to_fit();
        else d.reserve(rng() % 64);
        break;
    }
    ASSERT_EQ(Ints(d), Ints(ref)) << "step " << step;
    ASSERT_GE(d.capacity(), d.size());
  }
}

TEST(DenseElementsTest, AssignsFromAVector) {
  DenseElements d;
  d.push_back(Value::Int(9));
  d = std::vector<Value>{Value::Int(1), Value::Hole(), Value::Int(3)};
  EXPECT_EQ(Ints(d), (std::vector<int>{1, -1, 3}));
}

// The second array made by a literal site gets room for what the first held.
TEST(DenseElementsTest, ArrayLiteralSitesRememberTheirLength) {
  Runtime rt;
  auto compiled = CompileScript(rt, "t.js", Utf8ToUtf16(
      "var made = [];\n"
      "for (var i = 0; i < 3; i++) made.push([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);\n"
      "made.push([]);\n"));
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  rt.interpreter().RunScript(compiled.top);
  NoGcScope no_gc(rt.heap());
  auto* made = static_cast<Array*>(GetProperty(rt, rt.global(), rt.KeyForUtf8("made")).AsCell());
  ASSERT_EQ(made->length(), 4u);
  auto element = [&](uint32_t i) { return static_cast<Array*>(made->dense()[i].AsCell()); };
  EXPECT_EQ(element(0)->dense().capacity(), 16u);  // grown by doubling: no hint yet
  EXPECT_EQ(element(1)->dense().capacity(), 10u);  // exactly what the first reached
  EXPECT_EQ(element(2)->dense().capacity(), 10u);
  EXPECT_EQ(element(2)->length(), 10u);
  EXPECT_EQ(element(3)->dense().capacity(), 0u);   // another site
}

}  // namespace
}  // namespace jsvm
