// What both fuzz targets share: a runtime with step, heap and stack limits
// whose output is discarded, and a run that turns every way a program can end
// (normally, uncaught exception, a limit) into a plain return. Anything else
// (a sanitizer report, a crash, an abort) is a bug libFuzzer reports.
#pragma once

#include <memory>

#include "vm/interpreter/interpreter.h"
#include "vm/execution/runtime.h"

namespace jsvm::fuzz {

// Thrown by the heap's out-of-memory handler instead of exiting the process.
struct HeapLimitReached {};

inline std::unique_ptr<Runtime> NewFuzzRuntime() {
  RuntimeOptions options;
  options.heap.max_heap_bytes = 64u << 20;
  options.max_steps = 200000;
  options.timeout_seconds = 5;
  SetStackSize(&options, 1024);  // well inside libFuzzer's 8 MB main thread, ASan frames included
  auto rt = std::make_unique<Runtime>(options);
  rt->stdout_sink() = [](std::string_view) {};
  rt->heap().SetOutOfMemoryHandler([](size_t) { throw HeapLimitReached{}; });
  return rt;
}

inline void RunToEnd(Runtime& rt, FunctionInfo* top) {
  try {
    rt.interpreter().RunScript(top);
  } catch (JsThrow&) {
  } catch (const JsTerminate&) {
  } catch (const HeapLimitReached&) {
  }
}

}  // namespace jsvm::fuzz
