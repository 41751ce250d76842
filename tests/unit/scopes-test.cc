// [[Scopes]] (vm/debug/debug-scopes.h, tools/scopes-json.h): what __inspect
// records for closures made by a program of our own — nested function
// contexts, a per-iteration block context, a catch context, script-level
// lexicals (one still in its TDZ), hidden slots, values taken at the call —
// and the JSON shape `jsvm scopes` prints.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "compiler/compiler.h"
#include "tools/scopes-json.h"
#include "vm/interpreter/interpreter.h"
#include "vm/execution/runtime.h"
#include "vm/debug/debug-scopes.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// Runs `source` and returns what its __inspect calls recorded.
std::vector<ScopeInspection> InspectionsOf(Runtime& rt, std::string_view source) {
  InstallScriptEvaluator(rt);
  CompileResult compiled = CompileScript(rt, "scopes-test.js", Utf8ToUtf16(source));
  EXPECT_TRUE(compiled.ok()) << compiled.error;
  if (!compiled.ok()) return {};
  try {
    rt.interpreter().RunScript(compiled.top);
  } catch (JsThrow&) {
    ADD_FAILURE() << "uncaught exception";
  }
  return rt.inspections();
}

// "type(name){a=1,b=2} -> ..." for compact assertions.
std::string Chain(const ScopeInspection& inspection) {
  std::string out;
  for (const ScopeEntry& s : inspection.scopes) {
    if (!out.empty()) out += " -> ";
    out += s.type + "(" + s.name + "){";
    for (size_t i = 0; i < s.variables.size(); ++i) {
      if (i) out += ",";
      out += s.variables[i].name + "=" + s.variables[i].value;
    }
    out += "}";
  }
  return out;
}

constexpr const char* kProgram = R"JS(
let counter = 0;
const label = "top";
function outer(p) {
  let hidden = "not captured";
  let kept = [p];
  return function middle() {
    let m = { k: 1 };
    return function inner() { return kept.length + m.k + counter; };
  };
}
const inner = outer(7)();
__inspect(inner, "nested");

function loops() {
  const fns = [];
  for (let i = 0; i < 2; i++) {
    let twice = i * 2;
    fns.push(() => i + twice);
  }
  return fns;
}
const fns = loops();
__inspect(fns[1], "loop-1");

function caught() {
  let before = true;
  try { throw new RangeError("r"); } catch (e) { return () => [e, before]; }
}
__inspect(caught(), "catch");

var named = function self() { let q = null; return () => [self, q]; };
__inspect(named(), "self-hidden");

counter = 5;
function probe() { let v = "first"; const f = () => v; __inspect(f, "at-call"); v = "second"; return f; }
probe();
let lateLet = 1;
)JS";

TEST(Scopes, ContextChainsAsV8ReportsThem) {
  Runtime rt;
  std::vector<ScopeInspection> got = InspectionsOf(rt, kProgram);
  ASSERT_EQ(got.size(), 5u);
  // Checked against V8: ../shared/tools/v8-scopes on this program agrees.
  const std::string script = "script(){counter=0,fns=<array>,inner=<function>,label=\"top\",lateLet=undefined}";

  EXPECT_EQ(got[0].label, "nested");
  EXPECT_EQ(got[0].function, "inner");
  // middle's context, then outer's (p is not captured, hidden is not), then
  // the script scope with every top-level lexical; fns and lateLet are still
  // in their TDZ.
  EXPECT_EQ(Chain(got[0]),
            "closure(middle){m=<object>} -> closure(outer){kept=<array>} -> "
            "script(){counter=0,fns=undefined,inner=<function>,label=\"top\",lateLet=undefined} -> global(){}");

  // One block context per iteration ({i}), one for the body's let ({twice});
  // block scopes take the name of the nearest function context: none here.
  EXPECT_EQ(got[1].function, "");
  EXPECT_EQ(Chain(got[1]), "block(){twice=2} -> block(){i=1} -> " + script + " -> global(){}");

  EXPECT_EQ(Chain(got[2]), "catch(caught){e=<error>} -> closure(caught){before=true} -> " + script +
                               " -> global(){}");

  // A named function expression's own name is context-allocated but hidden.
  EXPECT_EQ(Chain(got[3]), "closure(self){q=null} -> " + script + " -> global(){}");

  // Values are those at the __inspect call, not at exit.
  EXPECT_EQ(got[4].label, "at-call");
  EXPECT_EQ(got[4].function, "f");
  EXPECT_EQ(Chain(got[4]),
            "closure(probe){v=\"first\"} -> "
            "script(){counter=5,fns=<array>,inner=<function>,label=\"top\",lateLet=undefined} -> global(){}");
}

TEST(Scopes, JsonShapeOfTheReport) {
  Runtime rt;
  std::vector<ScopeInspection> got = InspectionsOf(rt, kProgram);
  nlohmann::ordered_json j = ScopesReportJson("p.js", "jsvm test", got);
  ASSERT_TRUE(j.is_object());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"program", "engine", "convention", "inspections"}));
  EXPECT_EQ(j["program"], "p.js");
  ASSERT_EQ(j["inspections"].size(), 5u);
  const auto& first = j["inspections"][0];
  EXPECT_EQ(first["label"], "nested");
  EXPECT_EQ(first["function"], "inner");
  const auto& scope = first["scopes"][1];
  EXPECT_EQ(scope["type"], "closure");
  EXPECT_EQ(scope["name"], "outer");
  EXPECT_EQ(scope["variables"], nlohmann::ordered_json::array({"kept"}));
  EXPECT_EQ(scope["values"]["kept"], "<array>");
  const auto& global = first["scopes"].back();
  EXPECT_EQ(global["type"], "global");
  EXPECT_EQ(global["variables"], nlohmann::ordered_json::array());
  EXPECT_TRUE(global["values"].is_object());
  EXPECT_TRUE(global["values"].empty());
  // Script variables are sorted by name.
  EXPECT_EQ(first["scopes"][2]["variables"],
            nlohmann::ordered_json::array({"counter", "fns", "inner", "label", "lateLet"}));
}

TEST(Scopes, RenderScopeValue) {
  EXPECT_EQ(RenderScopeValue(Value::Undefined()), "undefined");
  EXPECT_EQ(RenderScopeValue(Value::Hole()), "undefined");
  EXPECT_EQ(RenderScopeValue(Value::Null()), "null");
  EXPECT_EQ(RenderScopeValue(Value::Boolean(false)), "false");
  EXPECT_EQ(RenderScopeValue(Value::Number(-0.0)), "-0");
  EXPECT_EQ(RenderScopeValue(Value::Number(1e21)), "1e+21");
  EXPECT_EQ(RenderScopeValue(Value::Number(0.5)), "0.5");
  Runtime rt;
  String* s = rt.NewString(u"a\"b\n\xD800");
  EXPECT_EQ(RenderScopeValue(Value::FromCell(s)), "\"a\\\"b\\n\\ud800\"");
}

TEST(Scopes, BoundAndNativeFunctionsHaveNoChainAndNonFunctionsThrow) {
  Runtime rt;
  std::vector<ScopeInspection> got = InspectionsOf(rt,
      "__inspect(function () {}.bind(null), 'bound');\n"
      "__inspect(Math.max, 'native');\n"
      "let threw = false;\n"
      "try { __inspect({}, 'object'); } catch (e) { threw = e instanceof TypeError; }\n"
      "__inspect(() => threw, 'threw');\n");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_TRUE(got[0].scopes.empty());
  EXPECT_EQ(got[0].function, "bound ");
  EXPECT_TRUE(got[1].scopes.empty());
  EXPECT_EQ(Chain(got[2]), "script(){threw=true} -> global(){}");
}

TEST(Scopes, IndirectEvalLexicalsStayInTheirEvalContext) {
  Runtime rt;
  std::vector<ScopeInspection> got = InspectionsOf(rt,
      "let a = 1;\n"
      "(0, eval)('let a = 2, b = 3; globalThis.g = () => a;');\n"
      "__inspect(g, 'eval');\n"
      "__inspect(new Function('x', 'return () => x')(4), 'ctor');\n");
  ASSERT_EQ(got.size(), 2u);
  // V8 shows an eval context as an unnamed Closure scope; the Function
  // constructor's function prints as anonymous there.
  EXPECT_EQ(Chain(got[0]), "closure(){a=2,b=3} -> script(){a=1} -> global(){}");
  EXPECT_EQ(Chain(got[1]), "closure(){x=4} -> script(){a=1} -> global(){}");
}

}  // namespace
}  // namespace jsvm
