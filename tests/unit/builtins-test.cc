// Unit tests of the built-in library's pure helpers and of a few built-ins
// called directly from C++ (no compiler involved).
#include <gtest/gtest.h>

#include <cmath>

#include "vm/builtins/builtins.h"
#include "vm/debug/inspect.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

std::string Quote(std::u16string_view s) {
  std::u16string out;
  JsonQuote(s, out);
  return Utf16ToUtf8(out);
}

TEST(BuiltinsHelpers, JsonQuote) {
  EXPECT_EQ(Quote(u"abc"), "\"abc\"");
  EXPECT_EQ(Quote(u"a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quote(u"\n\t\b\f\r"), "\"\\n\\t\\b\\f\\r\"");
  EXPECT_EQ(Quote(std::u16string(1, u'\x01')), "\"\\u0001\"");
  EXPECT_EQ(Quote(std::u16string(1, u'\xD800')), "\"\\ud800\"");
}

TEST(BuiltinsHelpers, ParseInt) {
  EXPECT_EQ(ParseIntCore(u"  42px", 0), 42);
  EXPECT_EQ(ParseIntCore(u"-0x1F", 0), -31);
  EXPECT_EQ(ParseIntCore(u"0x1F", 10), 0);
  EXPECT_EQ(ParseIntCore(u"101", 2), 5);
  EXPECT_EQ(ParseIntCore(u"zz", 36), 35 * 36 + 35);
  EXPECT_TRUE(std::isnan(ParseIntCore(u"", 0)));
  EXPECT_TRUE(std::isnan(ParseIntCore(u"12", 1)));
  EXPECT_TRUE(std::signbit(ParseIntCore(u"-0", 0)));
  EXPECT_EQ(ParseIntCore(u"9007199254740993", 0), 9007199254740992.0);
}

TEST(BuiltinsHelpers, ParseFloat) {
  EXPECT_EQ(ParseFloatCore(u"3.25abc"), 3.25);
  EXPECT_EQ(ParseFloatCore(u"  -.5"), -0.5);
  EXPECT_EQ(ParseFloatCore(u"1e3x"), 1000);
  EXPECT_EQ(ParseFloatCore(u"1e"), 1);
  EXPECT_EQ(ParseFloatCore(u"-Infinityx"), -INFINITY);
  EXPECT_TRUE(std::isnan(ParseFloatCore(u"x1")));
  EXPECT_TRUE(std::isnan(ParseFloatCore(u".")));
  EXPECT_EQ(ParseFloatCore(u"0x10"), 0);
}

TEST(BuiltinsHelpers, CaseMapping) {
  EXPECT_EQ(ToUpperCaseCore(u"abc\u00e9\u00df"), u"ABC\u00c9SS");
  EXPECT_EQ(ToLowerCaseCore(u"ABC\u00c9"), u"abc\u00e9");
  EXPECT_EQ(ToUpperCaseCore(u"\u03b1\u03b2"), u"\u0391\u0392");
}

// Calls global.<object>.<method>(args) from C++.
Value CallBuiltin(Runtime& rt, const char* object, const char* method, std::initializer_list<Value> args) {
  Value holder = GetProperty(rt, rt.global(), rt.KeyForUtf8(object));
  Value fn = GetProperty(rt, holder.AsObject(), rt.KeyForUtf8(method));
  return Call(rt, fn, holder, args);
}

TEST(BuiltinsRuntime, JsonRoundTrip) {
  Runtime rt;
  Rooted<Value> text(rt, StringValueUtf8(rt, "{\"b\":[1,2,{\"c\":null}],\"a\":\"x\\ny\",\"1\":true}"));
  Rooted<Value> parsed(rt, CallBuiltin(rt, "JSON", "parse", {text.get()}));
  ASSERT_TRUE(parsed.get().IsObject());
  Value out = CallBuiltin(rt, "JSON", "stringify", {parsed.get()});
  EXPECT_EQ(out.AsString()->ToUtf8(), "{\"1\":true,\"b\":[1,2,{\"c\":null}],\"a\":\"x\\ny\"}");
  EXPECT_EQ(Inspect(rt, parsed), "{ '1': true, b: [ 1, 2, { c: null } ], a: 'x\\ny' }");
}

TEST(BuiltinsRuntime, JsonParseErrors) {
  Runtime rt;
  Rooted<Value> text(rt, StringValueUtf8(rt, "{\"a\":}"));
  try {
    CallBuiltin(rt, "JSON", "parse", {text.get()});
    FAIL();
  } catch (JsThrow&) {
    Value msg = GetProperty(rt, rt.exception().AsObject(), PropertyKey::Named(rt.names().message));
    EXPECT_EQ(msg.AsString()->ToUtf8(), "Unexpected token '}', \"{\"a\":}\" is not valid JSON");
  }
}

TEST(BuiltinsRuntime, ArraySortAndJoin) {
  Runtime rt;
  Rooted<Array*> a(rt, rt.NewArray(0));
  for (int v : {5, 1, 10, 2}) ArrayPush(rt, a, Value::Int(v));
  Value sort = GetProperty(rt, a, rt.KeyForUtf8("sort"));
  Call(rt, sort, Value::FromCell(a.get()), {});
  Value join = GetProperty(rt, a, rt.KeyForUtf8("join"));
  Value s = Call(rt, join, Value::FromCell(a.get()), {});
  EXPECT_EQ(s.AsString()->ToUtf8(), "1,10,2,5");
  EXPECT_EQ(Inspect(rt, Value::FromCell(a.get())), "[ 1, 10, 2, 5 ]");
}

TEST(BuiltinsRuntime, InspectGrouping) {
  Runtime rt;
  Rooted<Array*> a(rt, rt.NewArray(0));
  for (int i = 0; i < 10; ++i) ArrayPush(rt, a, Value::Int(i * 10));
  EXPECT_EQ(Inspect(rt, Value::FromCell(a.get())), "[\n   0, 10, 20, 30, 40,\n  50, 60, 70, 80, 90\n]");
}

TEST(BuiltinsRuntime, MapSetWithGcStress) {
  RuntimeOptions o;
  o.heap.stress = true;
  Runtime rt(o);
  Value map_ctor = GetProperty(rt, rt.global(), rt.KeyForUtf8("Map"));
  Rooted<Value> map(rt, Construct(rt, map_ctor, {}));
  Value set = GetProperty(rt, map.get().AsObject(), rt.KeyForUtf8("set"));
  Rooted<Value> set_fn(rt, set);
  for (int i = 0; i < 50; ++i) {
    Rooted<Value> k(rt, StringValueUtf8(rt, "k" + std::to_string(i)));
    Call(rt, set_fn, map, {k.get(), Value::Int(i)});
  }
  EXPECT_EQ(Inspect(rt, map).substr(0, 24), "Map(50) {\n  'k0' => 0,\n ");
}

}  // namespace
}  // namespace jsvm

// ---- the script-evaluator hook (Function constructor, indirect eval)

#include "compiler/compiler.h"
#include "vm/interpreter/interpreter.h"

namespace jsvm {
namespace {

// What the CLI is expected to install: compile as a REPL-style script (so the
// completion value is returned) and run it in the global scope.
TEST(BuiltinsRuntime, FunctionConstructorAndEvalThroughHook) {
  Runtime rt;
  SetScriptEvaluatorHook(rt, EvaluateScript);
  Value fn_ctor = GetProperty(rt, rt.global(), rt.KeyForUtf8("Function"));
  Rooted<Value> a(rt, StringValueUtf8(rt, "a"));
  Rooted<Value> b(rt, StringValueUtf8(rt, "b"));
  Rooted<Value> body(rt, StringValueUtf8(rt, "return a + b"));
  Rooted<Value> fn(rt, Construct(rt, fn_ctor, {a.get(), b.get(), body.get()}));
  ASSERT_TRUE(IsCallable(fn));
  EXPECT_EQ(Call(rt, fn, Value::Undefined(), {Value::Int(2), Value::Int(3)}).AsInt(), 5);
  EXPECT_EQ(FunctionToString(rt, fn.get().AsObject())->ToUtf8(), "function anonymous(a,b\n) {\nreturn a + b\n}");
  Value eval = GetProperty(rt, rt.global(), rt.KeyForUtf8("eval"));
  Rooted<Value> src(rt, StringValueUtf8(rt, "var q = 40; q + 2"));
  EXPECT_EQ(Call(rt, eval, Value::Undefined(), {src.get()}).AsInt(), 42);
  Rooted<Value> bad(rt, StringValueUtf8(rt, "}, function() {"));
  EXPECT_THROW(Construct(rt, fn_ctor, {bad.get()}), JsThrow);
}

}  // namespace
}  // namespace jsvm
