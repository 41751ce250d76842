// The host's event loop: timers (setTimeout, setInterval, setImmediate) on a
// libuv loop (uv_loop_t, one uv_timer_t per timer), and the run that node
// makes after the script: tasks one at a time, the microtask queue drained
// after each, unhandled rejections checked after each drain, until no work
// is left. The tools layer calls RunEventLoop after the script; the globals
// are installed with the built-ins (InstallTimerBuiltins).
//
// A timer's callback never runs inside a libuv callback: libuv only tells
// which timers are due (in its order: due time, then creation), and the loop
// runs them afterwards in that order, so a JavaScript exception or a
// --timeout/--max-steps termination unwinds through jsvm's frames only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_set>
#include <vector>

#include "vm/execution/runtime.h"
#include "vm/objects/value.h"

namespace jsvm {

// Thrown by DrainMicrotasksAndCheck when a promise was rejected and still has
// no handler once the microtask queue is empty; the reason is in
// Runtime::exception(). The host reports it as node does and exits 1.
struct JsUnhandledRejection {};

class EventLoop {
 public:
  explicit EventLoop(Runtime& rt);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Arms a timer that calls `callback` with `args` after `delay_ms` (every
  // `delay_ms` when `repeat`); returns its id (1, 2, ...). `delay_ms` is
  // already coerced (at least 1). The delay counts from the loop's time, as
  // node's timers do, or, when `from_now`, from the present (a waitAsync
  // timeout must not end early after a long task).
  uint32_t SetTimer(Value callback, std::vector<Value> args, double delay_ms, bool repeat, bool from_now = false);
  // Queues `callback(args...)` for the check phase (setImmediate); returns its id.
  uint32_t SetImmediate(Value callback, std::vector<Value> args);
  // Cancels timer or immediate `id` (nothing when it is not armed).
  void Clear(uint32_t id);
  // Timeout.hasRef(): false once unref()'d (clearing does not change it).
  bool HasRef(uint32_t id) const;
  // Timeout.ref()/unref(): whether timer `id` keeps the loop alive.
  void SetRef(uint32_t id, bool ref);
  // Timeout.refresh(): restarts timer `id`'s delay from now.
  void Refresh(uint32_t id);
  // Whether timer or immediate `id` is armed.
  bool IsArmed(uint32_t id) const { return timers_.count(id) != 0; }
  // Queues `task` to run on the loop's thread, as a task of its own (then
  // the microtasks); callable from any thread, it wakes a waiting loop.
  // Another agent's Atomics.notify and a $262.agent broadcast come this way.
  void Post(std::function<void(Runtime&)> task);
  // Whether the loop stays alive with nothing to do but wait for posted
  // tasks (a $262.agent's does, as a worker's open port keeps it).
  void SetKeepAlive(bool keep);

  // Runs tasks until none is left: each due timer's callback (then the
  // microtasks), then the immediates. Throws JsThrow (an uncaught exception
  // of a callback: later tasks do not run), JsUnhandledRejection, or
  // JsTerminate (--timeout also while only waiting for a timer; --max-steps).
  void Run();

  // Reports every callback and argument of the armed timers.
  void Trace(Visitor& v) const;

  // The timers and immediates armed, by id (for the trace and the viewer).
  struct Timer;
  const std::map<uint32_t, std::unique_ptr<Timer>>& timers() const { return timers_; }

 private:
  struct Impl;
  void RunTimer(uint32_t id);
  void RunImmediates();
  void RunPosted();
  Runtime& rt_;
  std::unique_ptr<Impl> impl_;
  std::map<uint32_t, std::unique_ptr<Timer>> timers_;
  std::unordered_set<uint32_t> unreferenced_;  // ids unref()'d (also once cleared: hasRef() stays false)
  uint32_t next_id_ = 1;
};

// rt's event loop, made on first use.
EventLoop& EventLoopOf(Runtime& rt);

// Drains the microtask queue, then throws JsUnhandledRejection if a promise
// was rejected without a handler and still has none (node's
// processTicksAndRejections).
void DrainMicrotasksAndCheck(Runtime& rt);

// What the host runs after the script: DrainMicrotasksAndCheck, then the
// event loop until no work is left. Throws as EventLoop::Run does.
void RunEventLoop(Runtime& rt);

// Installs setTimeout, setInterval, setImmediate and their clear functions.
void InstallTimerBuiltins(Runtime& rt);

}  // namespace jsvm
