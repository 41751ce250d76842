// Trace Event Format output (docs/trace-format.md, "Chrome format").
//
// Slices are "X" (complete) events written when the call ends, so their
// nesting comes from their intervals alone. To keep those intervals strictly
// nested even though several calls can begin or end within one bytecode (a
// native calling back into JavaScript), the step clock places the events of
// one step 1 ns apart: a timestamp is step + 0.001 * (event index in that
// step) microseconds.
#include "tools/chrome-trace.h"

#include "vm/interpreter.h"

namespace jsvm {

namespace {

constexpr int kPid = 1;
constexpr int kInterpreterTid = 1;
constexpr int kGcTid = 2;
constexpr uint64_t kCounterEverySteps = 10000;  // heap counter samples between collections
constexpr double kTick = 0.001;                 // 1 ns in microseconds
constexpr uint32_t kMaxTicksPerStep = 999;
constexpr size_t kMaxInstantText = 80;

}  // namespace

ChromeTracer::ChromeTracer(Runtime& rt, std::FILE* out, TraceOptions options)
    : rt_(rt), options_(std::move(options)), filter_(options_.functions), out_(out) {}

ChromeTracer::~ChromeTracer() {
  if (!attached_) return;
  if (rt_.trace_hooks() == this) rt_.set_trace_hooks(nullptr);
  rt_.heap().RemoveObserver(this);
}

double ChromeTracer::Now() {
  double ts;
  if (options_.wall_clock) {
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_);
    ts = static_cast<double>(ns.count()) / 1000.0;
  } else {
    uint64_t step = rt_.interpreter().steps();
    if (step != tick_step_) {
      tick_step_ = step;
      ticks_ = 0;
    }
    ts = static_cast<double>(step) + kTick * ticks_;
    if (ticks_ < kMaxTicksPerStep) ++ticks_;
  }
  // Round to whole nanoseconds, as the viewers do, then keep strictly increasing.
  ts = static_cast<double>(static_cast<int64_t>(ts * 1000.0 + 0.5)) / 1000.0;
  if (ts <= last_ts_) ts = last_ts_ + kTick;
  last_ts_ = ts;
  return ts;
}

size_t ChromeTracer::DepthOf(const Frame& frame) const {
  return static_cast<size_t>(&frame - rt_.interpreter().frames().data());
}

void ChromeTracer::BeginEvent() {
  out_.Raw(first_event_ ? "\n" : ",\n");
  first_event_ = false;
}

void ChromeTracer::Counter(double ts) {
  BeginEvent();
  out_.Raw("{\"ph\":\"C\",\"pid\":1,\"tid\":1,\"name\":\"heap\",\"cat\":\"heap\",\"ts\":");
  out_.Double(ts);
  out_.Raw(",\"args\":{\"bytes\":");
  out_.UInt(rt_.heap().heap_bytes());
  out_.Raw("}}");
}

void ChromeTracer::Begin(const FunctionInfo* /*top*/) {
  start_ = std::chrono::steady_clock::now();
  out_.Raw("{\"traceEvents\":[");
  auto metadata = [&](int tid, const char* what, const std::string& name) {
    BeginEvent();
    out_.Raw("{\"ph\":\"M\",\"pid\":");
    out_.Int(kPid);
    out_.Raw(",\"tid\":");
    out_.Int(tid);
    out_.Raw(",\"name\":\"");
    out_.Raw(what);
    out_.Raw("\",\"args\":{\"name\":");
    out_.String(name);
    out_.Raw("}}");
  };
  metadata(kInterpreterTid, "process_name", "jsvm " + options_.program);
  metadata(kInterpreterTid, "thread_name", "interpreter");
  metadata(kGcTid, "thread_name", "gc");
  auto sort_index = [&](int tid, int index) {
    BeginEvent();
    out_.Raw("{\"ph\":\"M\",\"pid\":1,\"tid\":");
    out_.Int(tid);
    out_.Raw(",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":");
    out_.Int(index);
    out_.Raw("}}");
  };
  sort_index(kInterpreterTid, 0);
  sort_index(kGcTid, 1);
  Counter(Now());
  next_counter_steps_ = kCounterEverySteps;
  rt_.set_trace_hooks(this);
  rt_.heap().AddObserver(this);
  attached_ = true;
}

void ChromeTracer::OnInstruction(const Frame& frame, const uint8_t* pc, Value /*acc*/) {
  if (stopped_) return;
  size_t depth = DepthOf(frame);
  bool recorded = depth < frame_recorded_.size() && frame_recorded_[depth];
  if (recorded && options_.max_steps != 0 && recorded_ >= options_.max_steps) {
    Stop();
    return;
  }
  // A native call begins in this instruction: its slice opens now (and is
  // kept on the stack, recorded or not, so that OnNativeReturn pairs with it).
  Value callee;
  bool construct = false;
  if (NativeCallAt(frame, pc, &callee, &construct)) {
    std::string name = TraceCalleeName(callee);
    if (construct) name = "new " + name;
    open_.push_back(Slice{depth, true, recorded, Now(), rt_.interpreter().steps(), std::move(name), ""});
  }
  if (!recorded) return;
  ++recorded_;
  uint64_t steps = rt_.interpreter().steps();
  if (steps >= next_counter_steps_) {
    Counter(Now());
    next_counter_steps_ = steps + kCounterEverySteps;
  }
}

void ChromeTracer::OnCall(const Frame& callee) {
  if (stopped_) return;
  size_t depth = DepthOf(callee);
  bool recorded = filter_.Selects(callee.info);
  if (frame_recorded_.size() <= depth) frame_recorded_.resize(depth + 1);
  frame_recorded_[depth] = recorded;
  Slice s{depth, false, recorded, Now(), rt_.interpreter().steps(), TraceFunctionName(callee.info), ""};
  if (recorded && callee.info->script) {
    uint32_t line = 0, col = 0;
    callee.info->script->LineCol(callee.info->source_start, &line, &col);
    s.source = callee.info->script->file() + ":" + std::to_string(line) + ":" + std::to_string(col);
  }
  if (callee.new_target.IsObject()) s.name = "new " + s.name;
  open_.push_back(std::move(s));
}

void ChromeTracer::EndSlice(const char* why) {
  Slice s = std::move(open_.back());
  open_.pop_back();
  if (!s.recorded) return;
  double end = Now();
  BeginEvent();
  out_.Raw("{\"ph\":\"X\",\"pid\":1,\"tid\":1,\"cat\":");
  out_.Raw(s.native ? "\"native\"" : "\"js\"");
  out_.Raw(",\"name\":");
  out_.String(s.name);
  out_.Raw(",\"ts\":");
  out_.Double(s.start);
  out_.Raw(",\"dur\":");
  out_.Double(static_cast<double>(static_cast<int64_t>((end - s.start) * 1000.0 + 0.5)) / 1000.0);
  out_.Raw(",\"args\":{\"steps\":");
  out_.UInt(rt_.interpreter().steps() - s.start_steps);
  if (!s.source.empty()) {
    out_.Raw(",\"source\":");
    out_.String(s.source);
  }
  if (why) {
    out_.Raw(",\"ended\":");
    out_.String(why);
  }
  out_.Raw("}}");
}

void ChromeTracer::EndNatives(size_t depth) {
  while (!open_.empty() && open_.back().native && open_.back().depth >= depth) EndSlice("unwound");
}

void ChromeTracer::OnReturn(const Frame& frame, Value /*result*/) {
  if (stopped_) return;
  EndNatives(DepthOf(frame));
  if (!open_.empty()) EndSlice(nullptr);
}

void ChromeTracer::OnUnwind(const Frame& frame) {
  if (stopped_) return;
  EndNatives(DepthOf(frame));
  if (!open_.empty()) EndSlice("unwound");
}

void ChromeTracer::OnCatch(const Frame& frame, Value /*exception*/) {
  if (stopped_) return;
  EndNatives(DepthOf(frame));
}

void ChromeTracer::OnNativeReturn(const Frame& /*frame*/, Value /*result*/) {
  if (stopped_ || open_.empty() || !open_.back().native) return;
  EndSlice(nullptr);
}

void ChromeTracer::OnOutput(int stream, std::string_view text) {
  if (stopped_) return;
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.size() > kMaxInstantText) line = line.substr(0, kMaxInstantText);
  BeginEvent();
  out_.Raw("{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":1,\"cat\":\"output\",\"name\":");
  out_.String(line);
  out_.Raw(",\"ts\":");
  out_.Double(Now());
  out_.Raw(",\"args\":{\"stream\":");
  out_.Raw(stream == 2 ? "\"stderr\"" : "\"stdout\"");
  out_.Raw(",\"text\":");
  out_.String(text);
  out_.Raw("}}");
}

void ChromeTracer::OnCollectStart(const char* /*reason*/, size_t /*heap_bytes*/) {
  if (stopped_) return;
  gc_start_ = Now();
  Counter(gc_start_);
}

void ChromeTracer::OnCollectEnd(const CollectionRecord& r) {
  if (stopped_) return;
  double end = Now();
  BeginEvent();
  out_.Raw("{\"ph\":\"X\",\"pid\":1,\"tid\":2,\"cat\":\"gc\",\"name\":\"Mark-Sweep\",\"ts\":");
  out_.Double(gc_start_);
  out_.Raw(",\"dur\":");
  out_.Double(static_cast<double>(static_cast<int64_t>((end - gc_start_) * 1000.0 + 0.5)) / 1000.0);
  out_.Raw(",\"args\":{\"reason\":");
  out_.String(r.reason);
  out_.Raw(",\"before\":");
  out_.UInt(r.before_bytes);
  out_.Raw(",\"after\":");
  out_.UInt(r.after_bytes);
  out_.Raw(",\"live\":");
  out_.UInt(r.live_objects);
  out_.Raw(",\"freed\":");
  out_.UInt(r.freed_objects);
  out_.Raw(",\"freedBytes\":");
  out_.UInt(r.freed_bytes);
  out_.Raw(",\"pauseMs\":");
  out_.Double(r.pause_ms);
  out_.Raw("}}");
  Counter(Now());
}

void ChromeTracer::Stop() {
  while (!open_.empty()) EndSlice("unfinished");
  Counter(Now());
  stopped_ = true;
  truncated_ = true;
}

void ChromeTracer::Finish(const std::string& outcome, const std::string& message, int exit_code) {
  if (!stopped_) {
    // Frames left open by a --timeout or an out-of-memory exit.
    while (!open_.empty()) EndSlice("unfinished");
    Counter(Now());
    stopped_ = true;
  }
  out_.Raw("\n],\"otherData\":{\"producer\":");
  out_.String(options_.engine);
  out_.Raw(",\"program\":");
  out_.String(options_.program);
  out_.Raw(",\"clock\":");
  out_.Raw(options_.wall_clock ? "\"wall: microseconds since the start\""
                               : "\"steps: 1 us = 1 executed bytecode; events within one bytecode 1 ns apart\"");
  out_.Raw(",\"steps\":");
  out_.UInt(rt_.interpreter().steps());
  out_.Raw(",\"recorded\":");
  out_.UInt(recorded_);
  out_.Raw(",\"truncated\":");
  out_.Raw(truncated_ ? "true" : "false");
  out_.Raw(",\"outcome\":");
  out_.String(outcome);
  out_.Raw(",\"message\":");
  out_.String(message);
  out_.Raw(",\"exitCode\":");
  out_.Int(exit_code);
  out_.Raw("}}\n");
  out_.Flush();
}

}  // namespace jsvm
