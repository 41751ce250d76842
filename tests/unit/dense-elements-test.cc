// DenseElements (vm/objects/dense-elements.h): the vector operations the VM uses,
// checked against std::vector doing the same, copy-on-write sharing, the
// allocation-site hint of array literals (an array literal's site remembers
// the length its arrays reached), literals of constants sharing their
// boilerplate's elements, and object literals sized by their property names.
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "compiler/compiler.h"
#include "vm/objects/dense-elements.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/runtime.h"
#include "vm/objects/unicode.h"

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

// Every mutating operation, applied to a list sharing another's block,
// leaves the other list as it was.
TEST(DenseElementsTest, SharedListsCopyOnWrite) {
  std::vector<Value> start{Value::Int(1), Value::Int(2), Value::Int(3), Value::Int(4)};
  std::vector<std::function<void(DenseElements&)>> edits = {
      [](DenseElements& d) { d[1] = Value::Int(20); },
      [](DenseElements& d) { d.push_back(Value::Int(5)); },
      [](DenseElements& d) { d.pop_back(); },
      [](DenseElements& d) { d.resize(2); },
      [](DenseElements& d) { d.resize(9); },
      [](DenseElements& d) { d.erase(d.begin()); },
      [](DenseElements& d) { Value v = Value::Int(7); d.insert(d.begin() + 1, &v, &v + 1); },
      [](DenseElements& d) { d.reserve(100); },
      [](DenseElements& d) { d.shrink_to_fit(); },
      [](DenseElements& d) { *d.data() = Value::Int(0); },
      [](DenseElements& d) { d.back() = Value::Int(0); },
      [](DenseElements& d) { d = std::vector<Value>{Value::Int(8)}; },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    DenseElements original;
    original = start;
    DenseElements copy;
    copy.ShareFrom(original);
    EXPECT_TRUE(copy.shared());
    EXPECT_TRUE(original.shared());
    EXPECT_EQ(std::as_const(copy).data(), std::as_const(original).data());
    EXPECT_EQ(copy.owned_bytes() + original.owned_bytes(), 16 + 4 * sizeof(Value));
    std::vector<Value> expected = start;
    edits[i](copy);
    EXPECT_EQ(Ints(original), Ints(start)) << "edit " << i;
    EXPECT_FALSE(original.shared()) << "edit " << i;
    EXPECT_FALSE(copy.shared()) << "edit " << i;
  }
  // The last of the lists sharing a block frees it (ASan checks the count).
  auto* first = new DenseElements;
  *first = start;
  DenseElements second, third;
  second.ShareFrom(*first);
  third.ShareFrom(second);
  delete first;
  EXPECT_EQ(Ints(second), Ints(start));
  third.push_back(Value::Int(5));
  EXPECT_EQ(Ints(second), Ints(start));
  EXPECT_FALSE(second.shared());
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
      "for (var i = 0; i < 3; i++) made.push([i, 2, 3, 4, 5, 6, 7, 8, 9, 10]);\n"
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

// Runs `source` as a script; then `global(name)` is that global's object
// (with collections off, so the pointers stay good).
class ScriptRun {
 public:
  explicit ScriptRun(const char* source) {
    auto compiled = CompileScript(rt_, "t.js", Utf8ToUtf16(source));
    EXPECT_TRUE(compiled.ok()) << compiled.error;
    if (compiled.ok()) rt_.interpreter().RunScript(compiled.top);
    no_gc_.emplace(rt_.heap());
  }
  template <class T = Object>
  T* global(const char* name) {
    return static_cast<T*>(GetProperty(rt_, rt_.global(), rt_.KeyForUtf8(name)).AsCell());
  }

 private:
  Runtime rt_;
  std::optional<NoGcScope> no_gc_;
};

// Literals of constants share their boilerplate's elements until written;
// the boilerplate and the other arrays keep theirs.
TEST(DenseElementsTest, ConstantArrayLiteralsShareElements) {
  ScriptRun run(
      "function make() { return [1, 'two', 3.5, null, true]; }\n"
      "var a = make(), b = make(), c = make();\n"
      "b[0] = 10; c.push(6);\n"
      "var d = make();\n");
  auto array = [&](const char* name) { return run.global<Array>(name); };
  EXPECT_TRUE(array("a")->elements().shared());
  EXPECT_EQ(array("a")->elements().data(), array("d")->elements().data());
  EXPECT_FALSE(array("b")->elements().shared());
  EXPECT_FALSE(array("c")->elements().shared());
  EXPECT_EQ(array("a")->elements()[0].AsNumber(), 1);
  EXPECT_EQ(array("b")->elements()[0].AsNumber(), 10);
  EXPECT_EQ(array("c")->length(), 6u);
  EXPECT_EQ(array("d")->length(), 5u);
  EXPECT_EQ(array("d")->elements()[0].AsNumber(), 1);
}

// An object literal's names give its objects their shape at once and
// exactly that many inline slots.
TEST(DenseElementsTest, ObjectLiteralsAreSizedByTheirNames) {
  ScriptRun run(
      "function make(v) { return { left: v, right: v + 1, left: v + 2 }; }\n"
      "var a = make(1), b = make(2);\n"
      "b.extra = 3;\n");
  auto object = [&](const char* name) { return run.global(name); };
  Object* a = object("a");
  EXPECT_EQ(a->named_count(), 2u);
  EXPECT_EQ(a->named_value(0).AsNumber(), 3);  // left: defined first, value of the last definition
  EXPECT_EQ(a->named_value(1).AsNumber(), 2);
  EXPECT_FALSE(a->slots_out_of_line());
  EXPECT_EQ(a->OwnedBytes(), sizeof(Object) + 2 * sizeof(Value));
  EXPECT_EQ(object("b")->shape()->parent(), a->shape());
  EXPECT_TRUE(object("b")->slots_out_of_line());
}

}  // namespace
}  // namespace jsvm
