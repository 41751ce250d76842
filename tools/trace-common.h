// What the two execution tracers (json-tracer.h: jsvm's own step format;
// chrome-trace.h: Trace Event Format) share: their options, how functions are
// named and selected, and how they bound what they record.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

#include "gc/heap.h"
#include "tools/json-writer.h"
#include "vm/objects/function.h"
#include "vm/execution/runtime.h"
#include "vm/interpreter/trace-hooks.h"

namespace jsvm {

struct Frame;

// `jsvm trace` options common to both formats (docs/trace-format.md).
struct TraceOptions {
  std::string program;                  // script path as given, for the header
  std::string engine;                   // "jsvm 0.1.0"
  uint64_t max_steps = 0;               // stop recording after this many recorded steps (0: never)
  std::vector<std::string> functions;   // record only steps in these functions (empty: all)
  uint64_t keyframe_interval = 10000;   // json: a keyframe every N recorded steps (0: none)
  bool wall_clock = false;              // chrome: real microseconds instead of one per bytecode
};

// The name a trace shows for a function: its name or inferred name,
// "<anonymous>" when it has none, "<script>" for a script's top level.
std::string TraceFunctionName(const FunctionInfo* info);

// The name of a callee that is not a jsvm closure: a native's name, "bound f"
// for a bound function, or "<not callable>".
std::string TraceCalleeName(Value callee);

// What a job will call: a reaction's handler (undefined: the value passes
// through), the generator an await resumes, a thenable's then, a
// queueMicrotask callback.
Value JobHandler(const Job& job);

// Whether the instruction at `pc`, about to run in `frame`, calls a native
// (see CallsNativesWithHook): then its callee, and whether it is `new`.
bool NativeCallAt(const Frame& frame, const uint8_t* pc, Value* callee, bool* construct);

// --functions: which functions' steps are recorded.
class FunctionFilter {
 public:
  explicit FunctionFilter(const std::vector<std::string>& names)
      : all_(names.empty()), names_(names.begin(), names.end()) {}
  bool Selects(const FunctionInfo* info) const { return all_ || names_.count(TraceFunctionName(info)) > 0; }
  bool selects_all() const { return all_; }

 private:
  bool all_;
  std::unordered_set<std::string> names_;
};

// A tracer `jsvm trace` drives: it hears the interpreter (TraceHooks) and the
// heap (HeapObserver) between Begin and Finish, and writes one file.
class Tracer : public TraceHooks, public HeapObserver {
 public:
  // Writes to `out` (not owned).
  Tracer(Runtime& rt, std::FILE* out, TraceOptions options);
  // Detaches from the runtime and the heap.
  ~Tracer() override;
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  // Writes the file's header and attaches to the runtime and its heap. Call
  // after compiling `top` and before running it.
  virtual void Begin(const FunctionInfo* top) = 0;
  // Ends the file. `outcome` is "ok", "uncaught" (with the exception's text
  // as `message`), "terminated" (a --timeout, with its message) or
  // "out-of-memory"; `exit_code` is the process exit code.
  virtual void Finish(const std::string& outcome, const std::string& message, int exit_code) = 0;
  // False when writing the file failed.
  bool ok() const { return out_.ok(); }

 protected:
  // Installs this tracer as the runtime's trace hooks and the heap's observer.
  void Attach();
  // The index of `frame` in the interpreter's frame stack.
  size_t DepthOf(const Frame& frame) const;
  // The fields both formats end with, each after a comma: "steps",
  // "recorded", "truncated", "outcome", "message", "exitCode".
  void WriteOutcome(uint64_t recorded, bool truncated, const std::string& outcome, const std::string& message,
                    int exit_code);

  Runtime& rt_;
  TraceOptions options_;
  FunctionFilter filter_;
  JsonWriter out_;

 private:
  bool attached_ = false;
};

// Splits "a,b,c" into names (empty parts dropped).
std::vector<std::string> SplitFunctionList(const std::string& list);

}  // namespace jsvm
