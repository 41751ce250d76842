// `jsvm trace --format=chrome`: the run as a Trace Event Format file that
// Perfetto UI (ui.perfetto.dev) and chrome://tracing open. Function calls are
// nested "X" slices on the interpreter's track, native calls made by call
// bytecodes are slices inside them, collections are slices on a track of
// their own, the heap size is a counter, and console output appears as
// instant events. Timer callbacks (tasks) and microtasks are slices on two
// tracks of their own, with flow arrows from where each was queued or armed. Timestamps count executed bytecodes (1 us = 1 bytecode) or,
// with --clock=wall, real microseconds (docs/trace-format.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "tools/trace-common.h"

namespace jsvm {

class ChromeTracer final : public Tracer {
 public:
  using Tracer::Tracer;

  // Writes the metadata events (process and track names) and attaches.
  void Begin(const FunctionInfo* top) override;
  // Ends the slices still open and writes the file's end (see Tracer::Finish).
  void Finish(const std::string& outcome, const std::string& message, int exit_code) override;

  // TraceHooks.
  void OnInstruction(const Frame& frame, const uint8_t* pc, Value acc) override;
  void OnCall(const Frame& callee) override;
  void OnReturn(const Frame& frame, Value result) override;
  void OnNativeReturn(const Frame& frame, Value result) override;
  void OnCatch(const Frame& frame, Value exception) override;
  void OnUnwind(const Frame& frame) override;
  void OnOutput(int stream, std::string_view text) override;
  void OnRegExpRun(const RegExpRun& run) override;
  void OnSuspend(const Frame& frame, Value generator, Value result) override;
  void OnResume(const Frame& frame, Value generator) override;
  void OnJobEnqueued(const Job& job) override;
  void OnJobStart(const Job& job) override;
  void OnJobEnd(const Job& job) override;
  void OnTimerArmed(uint32_t id, double delay_ms, bool repeat, Value callback) override;
  void OnTimerFired(uint32_t id) override;
  void OnTimerDone(uint32_t id) override;
  void OnTimerCleared(uint32_t id) override;

  // HeapObserver.
  void OnAllocate(Cell*, size_t) override {}
  void OnCollectStart(const char* reason, size_t heap_bytes) override;
  void OnFree(Cell*) override {}
  void OnCollectEnd(const CollectionRecord& record) override;

 private:
  // A call that has begun and not ended: a JavaScript frame or a native call.
  struct Slice {
    size_t depth;          // the frame's (natives: the calling frame's)
    bool native;
    bool recorded;         // --functions selects it
    double start;
    uint64_t start_steps;
    std::string name;
    std::string source;    // "file:line:col" of a JavaScript function
    std::string suspended; // "file:line:col" where a generator or async function suspended
  };
  // A task (a timer's callback) or a microtask: a slice on its own track.
  struct Task {
    int tid = 0;           // kTaskTid or kMicrotaskTid; 0: none runs
    double start = 0;
    uint64_t start_steps = 0;
    uint64_t id = 0;       // the job's or timer's
    std::string name;
    std::string kind;      // the job's kind, or "timeout", "interval", "immediate"
    std::string site;      // where it was queued or armed: "file:line:col"
  };
  // A timer as armed: what its task slice shows.
  struct TimerInfo {
    std::string name, kind, site;
    bool repeat = false;
    uint64_t flow = 0;     // the flow arrow to its next run
  };
  // A job as queued.
  struct JobInfo {
    std::string name, kind, site;
    uint64_t flow = 0;
  };

  // The timestamp of an event happening now; strictly increasing.
  double Now();
  // Starts an event object: `{"ph":"PH","pid":1,"tid":TID` (the caller ends it).
  void BeginEvent(char ph, int tid);
  // Starts an instant event on the interpreter's track, its name cut at
  // kMaxInstantText, up to its open "args" object (the caller fills and closes it).
  void BeginInstant(const char* cat, std::string_view name);
  // An "X" slice from `start` to now, with the fields every slice has.
  void BeginSlice(int tid, const char* cat, std::string_view name, double start);
  // Ends the innermost open slice now; `why` ("unwound", "unfinished") when
  // it did not return normally.
  void EndSlice(const char* why);
  // Ends the slices of natives called from frames at `depth` or deeper.
  void EndNatives(size_t depth);
  void Counter(double ts);
  void Stop();
  // The start of a flow arrow, bound to the slice running now: a call on
  // the interpreter's track, else the task or microtask running. Returns its id.
  uint64_t BeginFlow(const char* name);
  // The end of flow `id` on `tid`, bound to the slice enclosing it.
  void EndFlow(uint64_t id, const char* name, int tid);
  // "file:line:col" of the instruction running now, or "".
  std::string SiteNow() const;
  // Starts the slice of a task or microtask; EndTask ends it (`why` as for EndSlice).
  void StartTask(int tid, uint64_t id, std::string name, std::string kind, std::string site);
  void EndTask(const char* why);
  // A function's name as the slices show it ("<anonymous>", "bound f", a native's name).
  static std::string CallableName(Value v);

  bool stopped_ = false;
  bool truncated_ = false;
  bool first_event_ = true;
  std::vector<Slice> open_;
  std::vector<bool> frame_recorded_;  // by depth
  uint64_t recorded_ = 0;
  uint64_t next_counter_steps_ = 0;
  // The clock.
  std::chrono::steady_clock::time_point start_;
  uint64_t tick_step_ = 0;  // step clock: the step the ticks below belong to
  uint32_t ticks_ = 0;      // events so far in that step
  double last_ts_ = -1;
  // The collection in progress.
  double gc_start_ = 0;
  // The event loop.
  Task task_;
  std::map<uint64_t, JobInfo> jobs_;
  std::map<uint32_t, TimerInfo> timers_;
  uint64_t next_flow_ = 1;
};

}  // namespace jsvm
