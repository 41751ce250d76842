// External memory (gc/external-memory.h): what cells own outside the heap is
// charged to the heap as it is allocated and given back as it is freed, and
// the collector's recount from OwnedBytes() agrees with the running count.
#include <gtest/gtest.h>

#include <string>

#include "compiler/compiler.h"
#include "vm/builtins/builtins.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/runtime.h"

namespace jsvm {
namespace {

size_t External(Runtime& rt) { return rt.heap().stats().external_bytes; }

TEST(ExternalMemory, ChargedToTheNewestHeapOnTheThread) {
  Runtime outer;
  EXPECT_EQ(external_memory::CurrentHeap(), &outer.heap());
  {
    Runtime inner;
    EXPECT_EQ(external_memory::CurrentHeap(), &inner.heap());
    size_t before = External(inner);
    void* p = external_memory::Allocate(1000);
    EXPECT_EQ(External(inner), before + 1000);
    p = external_memory::Reallocate(p, 1000, 3000);
    EXPECT_EQ(External(inner), before + 3000);
    external_memory::Free(p, 3000);
    EXPECT_EQ(External(inner), before);
  }
  EXPECT_EQ(external_memory::CurrentHeap(), &outer.heap());
}

TEST(ExternalMemory, FlatteningARopeIsCountedAtOnce) {
  Runtime rt;
  Rooted<Value> a(rt, Value::FromCell(rt.NewStringFromUtf8(std::string(1000, 'a'))));
  Rooted<Value> b(rt, Value::FromCell(rt.NewStringFromUtf8(std::string(500, 'b'))));
  Rooted<Value> rope(rt, Value::FromCell(rt.Concat(a.get().AsString(), b.get().AsString())));
  ASSERT_TRUE(rope.get().AsString()->IsUnflattenedCons());
  size_t heap_before = rt.heap().heap_bytes(), before = External(rt);
  rope.get().AsString()->data();
  EXPECT_EQ(External(rt), before + 1500 * sizeof(char16_t));
  EXPECT_EQ(rt.heap().heap_bytes(), heap_before + 1500 * sizeof(char16_t));
}

TEST(ExternalMemory, ElementsAndSlotsGrowAndShrink) {
  Runtime rt;
  size_t before = External(rt);
  Rooted<Object*> array(rt, rt.NewArray());
  for (int i = 0; i < 10000; ++i) array->dense().push_back(Value::Int(i));
  EXPECT_GE(External(rt), before + 10000 * sizeof(Value));
  EXPECT_EQ(External(rt) - before, array->dense().owned_bytes());
  array->dense().resize(0);
  array->dense().shrink_to_fit();
  EXPECT_EQ(External(rt), before);

  Rooted<Object*> object(rt, rt.NewObject());
  for (int i = 0; i < 40; ++i) {
    SetProperty(rt, object.get(), rt.KeyForUtf8("p" + std::to_string(i)), Value::Int(i), true);
  }
  EXPECT_GT(External(rt), before);  // the slots moved out of line (and shapes grew)
}

// After a program made and dropped elements, tables, ropes and functions, a
// full collection leaves the running count equal to what the survivors own:
// nothing counted is lost, nothing freed is still counted.
TEST(ExternalMemory, GarbageIsGivenBack) {
  Runtime rt;
  SetScriptEvaluatorHook(rt, EvaluateScript);
  rt.heap().Collect("baseline");
  size_t baseline = External(rt);
  EvaluateScript(rt, u"(function () {"
                     u"  var keep = [];"
                     u"  for (var i = 0; i < 200; i++) {"
                     u"    var a = new Array(1000).fill(i), m = new Map(), s = new Set(), o = {};"
                     u"    for (var j = 0; j < 100; j++) { m.set(j, a); s.add('k' + j); o['p' + j] = j; a[5000 + j * 7000] = j; }"
                     u"    var t = ''; for (var k = 0; k < 200; k++) { t += k; t.charAt(0); }"
                     u"    var f = function (x) { return x + i; }; f.bind(null, 1, 2, 3)(4);"
                     u"    if (i % 50 === 0) keep.push(t);"
                     u"  }"
                     u"  return keep.length;"
                     u"})()");
  rt.heap().Collect("check");
  EXPECT_GT(rt.heap().stats().peak_external_bytes, baseline + (256u << 10));
  EXPECT_GT(rt.heap().stats().collections, 3u);
  // Scripts compiled by eval stay (they are permanent roots); everything the
  // loop made is garbage.
  EXPECT_LT(External(rt), baseline + (64u << 10));
}

}  // namespace
}  // namespace jsvm
