// Micro benchmarks of the dispatch loop (Google Benchmark): small scripts,
// each compiled once and run whole per iteration, reported as time per
// executed bytecode. Build jsvm with -DJSVM_DISPATCH=goto and =switch (and
// -DJSVM_TRACING=OFF) and compare; bench/run records the figures in
// docs/performance.md.
//
//   build/jsvm_dispatch_bench [--benchmark_filter=Loop]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>

#include "compiler/compiler.h"
#include "vm/interpreter/interpreter.h"
#include "vm/execution/runtime.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// Each script does its work in a function (locals in registers) and prints nothing.
const char* const kLoop = R"JS(
function f(n) { var s = 0; for (var i = 0; i < n; i++) { s = (s + i * 3) | 0; } return s; }
f(200000);
)JS";

const char* const kCalls = R"JS(
function add(a, b) { return a + b; }
function f(n) { var s = 0; for (var i = 0; i < n; i++) s = add(s, i) | 0; return s; }
f(100000);
)JS";

const char* const kProperties = R"JS(
function P(x, y) { this.x = x; this.y = y; }
P.prototype.norm = function () { return this.x * this.x + this.y * this.y; };
function f(n) { var p = new P(1, 2), s = 0; for (var i = 0; i < n; i++) { p.x = i & 7; s = (s + p.norm()) | 0; } return s; }
f(100000);
)JS";

const char* const kClosures = R"JS(
function counter() { var c = 0; return function () { c = (c + 1) | 0; return c; }; }
function f(n) { var next = counter(), s = 0; for (var i = 0; i < n; i++) s = (s + next()) | 0; return s; }
f(100000);
)JS";

const char* const kSwitch = R"JS(
function f(n) {
  var s = 0;
  for (var i = 0; i < n; i++) {
    switch (i & 3) { case 0: s += 1; break; case 1: s -= 2; break; case 2: s ^= 5; break; default: s = s | 0; }
  }
  return s;
}
f(200000);
)JS";

struct Script {
  Runtime rt;
  FunctionInfo* top = nullptr;

  explicit Script(const char* source) {
    CompileResult compiled = CompileScript(rt, "bench.js", Utf8ToUtf16(source));
    if (!compiled.ok()) {
      std::fprintf(stderr, "bench script does not compile: %s\n", compiled.error.c_str());
      std::abort();
    }
    top = compiled.top;
    rt.AddPermanentRoot(Value::FromCell(top));
  }
  void Run() { rt.interpreter().RunScript(top); }
};

// Bytecodes one run executes, counted with the dispatch statistics.
uint64_t CountBytecodes(const char* source) {
  Script s(source);
  s.rt.interpreter().EnableDispatchStats(true);
  s.Run();
  const std::vector<uint64_t>& c = s.rt.interpreter().dispatch_counts();
  return std::accumulate(c.begin(), c.end(), uint64_t{0});
}

void RunScriptBenchmark(benchmark::State& state, const char* source) {
  uint64_t per_run = CountBytecodes(source);
  Script s(source);
  for (auto _ : state) s.Run();
  if (per_run == 0) return;  // -DJSVM_TRACING=OFF: no dispatch statistics to count with
  auto n = static_cast<double>(per_run) * static_cast<double>(state.iterations());
  state.counters["bytecodes/s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["s/bytecode"] =
      benchmark::Counter(n, benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}

BENCHMARK_CAPTURE(RunScriptBenchmark, Loop, kLoop)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunScriptBenchmark, Calls, kCalls)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunScriptBenchmark, Properties, kProperties)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunScriptBenchmark, Closures, kClosures)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunScriptBenchmark, Switch, kSwitch)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jsvm

BENCHMARK_MAIN();
