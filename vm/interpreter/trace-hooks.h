// What the interpreter and runtime tell an observer (the execution tracers of
// tools/, later the viewer's recorder) when tracing is on. When it is off the
// interpreter pays one predictable branch per instruction. An interface
// only: tools/ implements it. Every method has an empty default, so an
// observer overrides only what it needs. Allocation and collection events
// come from gc::Heap's own observer (gc/heap.h: HeapObserver), since gc/ does
// not see vm/.
//
// Observers must not allocate on the JavaScript heap from these calls: they
// are made in the middle of an instruction, where the interpreter's state is
// only partly rooted.
#pragma once

#include <cstdint>
#include <string_view>

#include "vm/interpreter/bytecodes.h"
#include "vm/objects/value.h"

namespace jsvm {

struct Frame;
struct Job;

// One run of the regexp matcher by a RegExp built-in (exec, test, match,
// matchAll, replace, replaceAll, search, split).
struct RegExpRun {
  std::u16string_view pattern;  // the source
  std::string_view flags;       // "dgimsuvy" order
  Value subject;                // the string searched
  uint32_t last_index;          // where the search started
  const int32_t* captures;      // 2 * groups indices (start, end; -1: unmatched), whole match first; null: no match
  uint32_t groups;              // capture groups + 1
  uint64_t backtracks;
};

class TraceHooks {
 public:
  virtual ~TraceHooks() = default;
  // Before the instruction at pc runs (acc is the accumulator before it).
  virtual void OnInstruction(const Frame& /*frame*/, const uint8_t* /*pc*/, Value /*acc*/) {}
  // PushContext made `context` current (the previous one is in the output register).
  virtual void OnPushContext(const Frame& /*frame*/, Value /*context*/) {}
  // PopContext made `context` current again.
  virtual void OnPopContext(const Frame& /*frame*/, Value /*context*/) {}
  // CreateClosure made `closure` (closures made by the runtime, e.g. for
  // top-level function declarations, are seen only as allocations).
  virtual void OnCreateClosure(const Frame& /*frame*/, Value /*closure*/) {}
  // A JavaScript frame was pushed (the callee's frame): by a call bytecode,
  // or from C++ (the script itself, callbacks of natives, getters, ...), in
  // which case `callee.is_entry` is true.
  virtual void OnCall(const Frame& /*callee*/) {}
  // `frame` returns `result` (before the frame is popped).
  virtual void OnReturn(const Frame& /*frame*/, Value /*result*/) {}
  // A call bytecode in `frame` (one for which CallsNativesWithHook holds)
  // called something other than a closure compiled by jsvm (a native, a bound
  // function), which returned `result`. There is no hook at the start of such
  // a call, so that the dispatch loop keeps its shape: an observer sees it
  // coming in OnInstruction, from the instruction and its callee register.
  virtual void OnNativeReturn(const Frame& /*frame*/, Value /*result*/) {}
  // ---- generators and async functions (vm/objects/generator.h)
  // `frame` (a generator, async function or async generator activation)
  // suspends at a yield or await, handing `result` to its resumer, before
  // the frame is popped; `generator` now holds its registers and context.
  // By default an observer sees a return.
  virtual void OnSuspend(const Frame& frame, Value /*generator*/, Value result) { OnReturn(frame, result); }
  // `frame` was pushed to resume `generator` (its registers come back with
  // the ResumeGenerator that follows). By default an observer sees a call
  // from C++.
  virtual void OnResume(const Frame& frame, Value /*generator*/) { OnCall(frame); }
  // `frame` catches `exception`: its handler runs next.
  virtual void OnCatch(const Frame& /*frame*/, Value /*exception*/) {}
  // `frame` is being left by an exception (before it is popped).
  virtual void OnUnwind(const Frame& /*frame*/) {}
  // The program wrote `text` to stdout (stream 1: console.log, print) or
  // stderr (stream 2: console.error).
  virtual void OnOutput(int /*stream*/, std::string_view /*text*/) {}
  // The regexp matcher ran (from inside a native: the current frame is its caller's).
  virtual void OnRegExpRun(const RegExpRun& /*run*/) {}

  // ---- tasks and microtasks (vm/execution/job-queue.h, vm/host/event-loop.h)
  // `job` joined the microtask queue (job.id numbers it; job.kind says who
  // enqueued it). Made from the middle of an instruction (a then, an await).
  virtual void OnJobEnqueued(const Job& /*job*/) {}
  // The microtask `job` starts running (it has left the queue).
  virtual void OnJobStart(const Job& /*job*/) {}
  // The microtask `job` finished (also when it threw).
  virtual void OnJobEnd(const Job& /*job*/) {}
  // Timer `id` was armed to call `callback` after `delay_ms` (every
  // `delay_ms` when `repeat`; an immediate has delay -1). Made from the
  // native that armed it (setTimeout, ...), so the current frame is its caller.
  virtual void OnTimerArmed(uint32_t /*id*/, double /*delay_ms*/, bool /*repeat*/, Value /*callback*/) {}
  // Timer `id`'s callback starts (a task); OnTimerDone when it returned or threw.
  virtual void OnTimerFired(uint32_t /*id*/) {}
  virtual void OnTimerDone(uint32_t /*id*/) {}
  // Timer `id` was cleared before firing (clearTimeout, clearInterval).
  virtual void OnTimerCleared(uint32_t /*id*/) {}
};

// The call bytecodes whose native calls end with OnNativeReturn (or an
// exception): the calls and constructs without a spread. Operand 0 is the
// callee; when it is not a CellKind::kFunction closure, the instruction calls
// it as a native. Other ways to reach natives (spread calls, CallRuntime,
// getters, natives calling natives) report nothing.
constexpr bool CallsNativesWithHook(Bytecode op) { return IsCallOrConstruct(op) && !SpreadsLastArgument(op); }

}  // namespace jsvm
