// `jsvm trace --format=chrome`: the run as a Trace Event Format file that
// Perfetto UI (ui.perfetto.dev) and chrome://tracing open. Function calls are
// nested "X" slices on the interpreter's track, native calls made by call
// bytecodes are slices inside them, collections are slices on a track of
// their own, the heap size is a counter, and console output appears as
// instant events. Timestamps count executed bytecodes (1 us = 1 bytecode) or,
// with --clock=wall, real microseconds (docs/trace-format.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
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
  };

  // The timestamp of an event happening now; strictly increasing.
  double Now();
  // Starts an event object: `{"ph":"PH","pid":1,"tid":TID` (the caller ends it).
  void BeginEvent(char ph, int tid);
  // An "X" slice from `start` to now, with the fields every slice has.
  void BeginSlice(int tid, const char* cat, std::string_view name, double start);
  // Ends the innermost open slice now; `why` ("unwound", "unfinished") when
  // it did not return normally.
  void EndSlice(const char* why);
  // Ends the slices of natives called from frames at `depth` or deeper.
  void EndNatives(size_t depth);
  void Counter(double ts);
  void Stop();

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
};

}  // namespace jsvm
