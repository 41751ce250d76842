// The execution tracers' building blocks and their records on small programs:
// JSON string escaping, the registers an instruction writes by definition,
// what JsonTracer records for a closure, a collection and a truncated run,
// and ChromeTracer's slices. (tests/trace/trace-test.py checks whole traces:
// schema, replay, Chrome nesting.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "compiler/compiler.h"
#include "tools/chrome-trace.h"
#include "tools/json-tracer.h"
#include "tools/json-writer.h"
#include "vm/interpreter/bytecodes.h"
#include "vm/interpreter/interpreter.h"
#include "vm/host/event-loop.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\nd\te\x01 \xc3\xa9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 \xc3\xa9\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "a\"b\\c\nd\te\x01 \xc3\xa9");
}

TEST(JsonWriter, StreamsNumbersAndStringsToAFile) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    JsonWriter w(f);
    w.Raw("[");
    w.Int(-5);
    w.Char(',');
    w.UInt(18446744073709551615ull);
    w.Char(',');
    w.Double(0.25);
    w.Char(',');
    w.Double(1.0 / 0.0);
    w.Char(',');
    w.String("x\"y");
    w.Raw("]");
    EXPECT_TRUE(w.ok());
  }
  std::rewind(f);
  char buf[128] = {};
  size_t n = std::fread(buf, 1, sizeof(buf) - 1, f);
  std::fclose(f);
  EXPECT_EQ(std::string(buf, n), "[-5,18446744073709551615,0.25,null,\"x\\\"y\"]");
}

// Encodes one instruction for RegistersWritten.
std::vector<uint8_t> Encode(Bytecode op, std::vector<int32_t> operands) {
  const BytecodeInfo& info = GetBytecodeInfo(op);
  std::vector<uint8_t> code(info.size, 0);
  code[0] = static_cast<uint8_t>(op);
  for (size_t i = 0; i < operands.size(); ++i) {
    int32_t v = operands[i];
    std::memcpy(&code[info.operand_offsets[i]], &v, OperandSize(info.operands[i]) == 1 ? 1 : 2);
  }
  return code;
}

std::vector<int32_t> Written(Bytecode op, std::vector<int32_t> operands) {
  std::vector<uint8_t> code = Encode(op, std::move(operands));
  int32_t out[kMaxWrittenRegisters];
  int n = RegistersWritten(code.data(), out);
  return std::vector<int32_t>(out, out + n);
}

TEST(RegistersWritten, OutputOperandsAndImplicitRegisters) {
  EXPECT_EQ(Written(Bytecode::kStar3, {}), (std::vector<int32_t>{3}));
  EXPECT_EQ(Written(Bytecode::kStar, {20}), (std::vector<int32_t>{20}));
  EXPECT_EQ(Written(Bytecode::kMov, {reg::kClosure, 5}), (std::vector<int32_t>{5}));
  EXPECT_EQ(Written(Bytecode::kForInPrepare, {4, 0}), (std::vector<int32_t>{4, 5, 6}));
  EXPECT_EQ(Written(Bytecode::kForInStep, {7}), (std::vector<int32_t>{7}));
  EXPECT_EQ(Written(Bytecode::kPushContext, {2}), (std::vector<int32_t>{2, reg::kContext}));
  EXPECT_EQ(Written(Bytecode::kPopContext, {2}), (std::vector<int32_t>{reg::kContext}));
  EXPECT_EQ(Written(Bytecode::kLdaSmi, {1}), (std::vector<int32_t>{}));
  EXPECT_EQ(Written(Bytecode::kStaCurrentContextSlot, {2}), (std::vector<int32_t>{}));
}

// Traces `source` with `options` and returns the parsed file and the program's output.
struct Traced {
  nlohmann::json trace;
  std::string out;
};

template <class T>
Traced TraceJs(const std::string& source, TraceOptions options, RuntimeOptions rt_options = {}) {
  Runtime rt(rt_options);
  Traced result;
  rt.stdout_sink() = [&result](std::string_view s) { result.out.append(s); };
  CompileResult compiled = CompileScript(rt, "test.js", Utf8ToUtf16(source));
  EXPECT_TRUE(compiled.ok()) << compiled.error;
  std::FILE* f = std::tmpfile();
  {
    T tracer(rt, f, options);
    tracer.Begin(compiled.top);
    std::string outcome = "ok";
    try {
      rt.interpreter().RunScript(compiled.top);
      RunEventLoop(rt);  // jobs and timers, as jsvm trace runs them
    } catch (JsThrow&) {
      outcome = "uncaught";
    }
    tracer.Finish(outcome, "", 0);
    EXPECT_TRUE(tracer.ok());
  }
  std::rewind(f);
  std::string text;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof(buf), f)) > 0;) text.append(buf, n);
  std::fclose(f);
  result.trace = nlohmann::json::parse(text);
  return result;
}

// Every event of the records, in order.
std::vector<nlohmann::json> Events(const nlohmann::json& trace) {
  std::vector<nlohmann::json> events;
  for (const auto& r : trace["records"]) {
    const nlohmann::json* delta = nullptr;
    if (r.is_array() && r.size() > 3) delta = &r[3];
    if (r.is_object() && r.contains("gap")) delta = &r;
    if (delta && delta->contains("e")) {
      for (const auto& e : (*delta)["e"]) events.push_back(e);
    }
  }
  return events;
}

TEST(JsonTracer, ClosureCapturesTheContextItsFunctionMade) {
  Traced t = TraceJs<JsonTracer>(
      "function outer(n) { let x = n * 2; return () => x; }\n"
      "var f = outer(21);\n"
      "console.log(f());\n",
      {});
  EXPECT_EQ(t.out, "42\n");
  const nlohmann::json& functions = t.trace["functions"];
  int outer = -1, arrow = -1;
  for (const auto& f : functions) {
    if (f["name"] == "outer") outer = f["id"];
    if (f["kind"] == "arrow") arrow = f["id"];
  }
  ASSERT_GE(outer, 0);
  ASSERT_GE(arrow, 0);
  // The context made inside outer's frame is the one the arrow captures and x lives in.
  std::string outer_context, captured, x_slot_value;
  int current_function = -1;
  for (const auto& r : t.trace["records"]) {
    if (r.is_array()) current_function = r[1];
    if (!r.is_array() || r.size() < 4 || !r[3].contains("e")) continue;
    for (const auto& e : r[3]["e"]) {
      if (e[0] == "context" && current_function == outer) outer_context = "@" + std::to_string(e[1].get<int>());
      if (e[0] == "closure" && e[3] == arrow) captured = e[4];
      if (e[0] == "slot" && e[1] == outer_context) x_slot_value = e[3];
    }
  }
  EXPECT_FALSE(outer_context.empty());
  EXPECT_EQ(captured, outer_context);
  EXPECT_EQ(x_slot_value, "42");
  EXPECT_FALSE(t.trace["end"]["truncated"]);
}

TEST(JsonTracer, CollectionsFreeIdsThatAreNeverUsedAgain) {
  RuntimeOptions rt;
  rt.heap.stress = true;  // a collection before every allocation
  Traced t = TraceJs<JsonTracer>(
      "var keep = [];\n"
      "for (var i = 0; i < 30; i++) { var o = {i: i}; if (i % 10 === 0) keep.push(o); }\n"
      "console.log(keep.length);\n",
      {}, rt);
  EXPECT_EQ(t.out, "3\n");
  std::set<int> introduced, freed;
  int collections = 0;
  for (const auto& e : Events(t.trace)) {
    if (e[0] == "new" || e[0] == "context" || e[0] == "closure" || e[0] == "ref") {
      int id = e[1];
      EXPECT_TRUE(introduced.insert(id).second) << "id " << id << " introduced twice";
      EXPECT_EQ(freed.count(id), 0u);
    }
    if (e[0] == "gc") {
      ++collections;
      for (int id : e[1]["freedIds"]) {
        EXPECT_TRUE(introduced.count(id)) << "freed unknown id " << id;
        EXPECT_TRUE(freed.insert(id).second) << "id " << id << " freed twice";
      }
    }
  }
  EXPECT_GT(collections, 30);
  // Of the 27 objects not kept, the global `o` still holds the last one, and
  // a register may still hold the one before it.
  EXPECT_GE(freed.size(), 25u);
  EXPECT_EQ(t.trace["end"]["collections"], collections);
}

TEST(JsonTracer, MaxStepsTruncatesTheRecordingButNotTheRun) {
  TraceOptions options;
  options.max_steps = 10;
  Traced t = TraceJs<JsonTracer>("function f(n) { return n + 1; }\nvar s = 0;\n"
                                 "for (var i = 0; i < 100; i++) s = f(s);\nconsole.log(s);\n",
                                 options);
  EXPECT_EQ(t.out, "100\n");
  int steps = 0;
  for (const auto& r : t.trace["records"]) steps += r.is_array();
  EXPECT_EQ(steps, 10);
  EXPECT_TRUE(t.trace["end"]["truncated"]);
  EXPECT_EQ(t.trace["end"]["recorded"], 10);
  EXPECT_GT(t.trace["end"]["steps"].get<int>(), 1000);
  EXPECT_EQ(t.trace["end"]["openFrames"].size(), 1u);  // stopped in the script's frame
}

// Cells that existed before tracing (the global object, built-in prototypes)
// are in no keyframe, so every write to them, a native's included, must be an
// event; and only what changed is written (not every built-in they hold).
TEST(JsonTracer, NativesWritesToOlderCellsAreEvents) {
  Traced t = TraceJs<JsonTracer>(
      "var a = 1;\n"
      "function f() { return a; }\n"
      "Object.assign(globalThis, {b: 2});\n"
      "Object.defineProperty(globalThis, 'c', {value: 3, enumerable: true, configurable: true});\n"
      "Object.assign(Array.prototype, {extra: 4});\n"
      "delete globalThis.c;\n"
      "delete Array.prototype.extra;\n"
      "console.log(a + b);\n",
      {});
  EXPECT_EQ(t.out, "3\n");
  std::map<std::string, std::vector<std::string>> writes;  // "prop key value" / "delete key" by cell
  int refs = 0;
  for (const auto& e : Events(t.trace)) {
    if (e[0] == "ref") ++refs;
    if (e[0] == "prop") writes[e[1]].push_back("prop " + e[2].get<std::string>() + " " + e[3].get<std::string>());
    if (e[0] == "delete") writes[e[1]].push_back("delete " + e[2].get<std::string>());
  }
  auto has = [](const std::vector<std::string>& list, const std::string& what) {
    return std::find(list.begin(), list.end(), what) != list.end();
  };
  // The global object is the cell `var a` is stored to; Array.prototype the
  // one `extra` is deleted from (the object literals have them too).
  std::vector<std::string> on_global, on_array_prototype;
  for (const auto& [cell, list] : writes) {
    if (has(list, "prop a 1")) on_global = list;
    if (has(list, "delete extra")) on_array_prototype = list;
  }
  // DeclareGlobals (a and f), the assign, the defineProperty and the delete.
  ASSERT_FALSE(on_global.empty());
  EXPECT_TRUE(has(on_global, "prop a undefined"));
  EXPECT_TRUE(has(on_global, "prop b 2"));
  EXPECT_TRUE(has(on_global, "prop a 1"));
  EXPECT_TRUE(has(on_global, "prop c 3"));
  EXPECT_TRUE(has(on_global, "delete c"));
  EXPECT_TRUE(std::any_of(on_global.begin(), on_global.end(), [](const std::string& w) { return w.rfind("prop f @", 0) == 0; }));
  EXPECT_TRUE(has(on_array_prototype, "prop extra 4"));
  // Array.prototype's own 40-odd methods were not introduced by the write.
  EXPECT_LT(refs, 30);
}

// The events of the given tags, in order.
std::vector<nlohmann::json> EventsTagged(const nlohmann::json& trace, std::set<std::string> tags) {
  std::vector<nlohmann::json> out;
  for (const auto& e : Events(trace)) {
    if (tags.count(e[0].get<std::string>())) out.push_back(e);
  }
  return out;
}

TEST(JsonTracer, JobsAndTimersAreRecordedWithWhoQueuedThem) {
  Traced t = TraceJs<JsonTracer>(
      "setTimeout(function tick() { console.log('t'); }, 5);\n"
      "Promise.resolve().then(function shown() { console.log('p'); });\n",
      {});
  EXPECT_EQ(t.out, "p\nt\n");
  EXPECT_EQ(t.trace["version"], 4);  // version 4: the regexp event
  auto loop = EventsTagged(t.trace, {"jobEnqueue", "jobStart", "jobEnd", "timerArm", "timerFire", "timerDone"});
  ASSERT_EQ(loop.size(), 6u);
  EXPECT_EQ(loop[0][0], "timerArm");
  EXPECT_EQ(loop[0][1]["kind"], "timeout");
  EXPECT_EQ(loop[0][1]["delay"], 5);
  EXPECT_EQ(loop[0][1]["due"], 5);
  EXPECT_EQ(loop[0][1]["site"]["line"], 1);
  EXPECT_EQ(loop[1][0], "jobEnqueue");
  EXPECT_EQ(loop[1][1]["kind"], "reaction");
  EXPECT_EQ(loop[1][1]["site"]["line"], 2);
  EXPECT_EQ(loop[2], nlohmann::json::parse("[\"jobStart\",1]"));
  EXPECT_EQ(loop[3], nlohmann::json::parse("[\"jobEnd\",1]"));
  EXPECT_EQ(loop[4][0], "timerFire");
  EXPECT_EQ(loop[4][1]["now"], 5);
  EXPECT_EQ(loop[5], nlohmann::json::parse("[\"timerDone\",1]"));
  // A task or microtask begins a record of its own: a gap of no steps.
  int task_records = 0;
  for (const auto& r : t.trace["records"]) {
    if (!r.is_object() || !r.contains("gap") || !r.contains("e")) continue;
    const auto& first = r["e"][0][0];
    if (first == "jobStart" || first == "timerFire") {
      EXPECT_EQ(r["gap"], 0);
      ++task_records;
    }
  }
  EXPECT_EQ(task_records, 2);
}

TEST(JsonTracer, GeneratorsSuspendAndResumeWhereTheyYield) {
  Traced t = TraceJs<JsonTracer>(
      "function* g() {\n"
      "  let a = 1;\n"
      "  yield a;\n"
      "  yield a + 1;\n"
      "}\n"
      "const it = g();\n"
      "console.log(it.next().value, it.next().value);\n",
      {});
  EXPECT_EQ(t.out, "1 2\n");
  std::vector<nlohmann::json> events = Events(t.trace);
  std::vector<int> lines;
  int resumes = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e[0] == "suspend") {
      EXPECT_EQ(e[1]["kind"], "generator");
      lines.push_back(e[1]["site"]["line"]);
      // Old readers see a return: it follows at once.
      ASSERT_LT(i + 1, events.size());
      EXPECT_EQ(events[i + 1][0], "return");
      EXPECT_EQ(events[i + 1][1], e[1]["frame"]);
    }
    if (e[0] == "resume") {
      ++resumes;
      ASSERT_GT(i, 0u);
      EXPECT_EQ(events[i - 1][0], "call");
      EXPECT_EQ(events[i - 1][1]["frame"], e[1]["frame"]);
    }
  }
  // The initial suspension (at the function's start), then the two yields; two next() calls resume it.
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], 3);
  EXPECT_EQ(lines[2], 4);
  EXPECT_EQ(resumes, 2);
}

TEST(ChromeTracer, MicrotasksAreSlicesWithAFlowFromWhereTheyWereQueued) {
  Traced t = TraceJs<ChromeTracer>("queueMicrotask(function later() { console.log('m'); });\n", {});
  EXPECT_EQ(t.out, "m\n");
  double start = -1, end = -1, flow_start = -1, flow_end = -1;
  for (const auto& e : t.trace["traceEvents"]) {
    if (e["ph"] == "X" && e["tid"] == 4) {
      EXPECT_EQ(e["name"], "queueMicrotask: later");
      start = e["ts"];
      end = start + e["dur"].get<double>();
    }
    if (e["ph"] == "s") flow_start = e["ts"];
    if (e["ph"] == "f") {
      flow_end = e["ts"];
      EXPECT_EQ(e["tid"], 4);
      EXPECT_EQ(e["bp"], "e");
    }
  }
  ASSERT_GE(start, 0);
  EXPECT_LT(flow_start, flow_end);
  EXPECT_LE(start, flow_end);
  EXPECT_LE(flow_end, end);
}

TEST(ChromeTracer, CallsAreSlicesAndCollectionsHaveTheirOwnTrack) {
  RuntimeOptions rt;
  rt.heap.stress = true;
  Traced t = TraceJs<ChromeTracer>("function f(n) { return n < 1 ? [n] : f(n - 1); }\nconsole.log(f(3).length);\n",
                                   {}, rt);
  EXPECT_EQ(t.out, "1\n");
  int js = 0, gc = 0, log = 0;
  for (const auto& e : t.trace["traceEvents"]) {
    if (e["ph"] != "X") continue;
    if (e["cat"] == "js" && e["name"] == "f") ++js;
    if (e["cat"] == "gc") {
      ++gc;
      EXPECT_EQ(e["tid"], 2);
    }
    if (e["name"] == "log") ++log;
  }
  EXPECT_EQ(js, 4);
  EXPECT_GT(gc, 0);
  EXPECT_EQ(log, 1);
  EXPECT_EQ(t.trace["otherData"]["outcome"], "ok");
}

}  // namespace
}  // namespace jsvm
