// Trace Event Format output (docs/trace-format.md, "Chrome format").
//
// Slices are "X" (complete) events written when the call ends, so their
// nesting comes from their intervals alone. To keep those intervals strictly
// nested even though several calls can begin or end within one bytecode (a
// native calling back into JavaScript), the step clock places the events of
// one step 1 ns apart: a timestamp is step + 0.001 * (event index in that
// step) microseconds.
#include "tools/chrome-trace.h"

#include "vm/execution/job-queue.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/generator.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

constexpr int kInterpreterTid = 1;
constexpr int kGcTid = 2;
constexpr int kTaskTid = 3;       // timer callbacks (tasks of the event loop)
constexpr int kMicrotaskTid = 4;  // jobs of the microtask queue
constexpr uint64_t kCounterEverySteps = 10000;  // heap counter samples between collections
constexpr double kTick = 0.001;                 // 1 ns in microseconds
constexpr uint32_t kMaxTicksPerStep = 999;
constexpr size_t kMaxInstantText = 80;

// Microseconds rounded to whole nanoseconds, as the viewers keep them.
double RoundToNs(double us) { return static_cast<double>(static_cast<int64_t>(us * 1000.0 + 0.5)) / 1000.0; }

}  // namespace

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
  ts = RoundToNs(ts);
  if (ts <= last_ts_) ts = last_ts_ + kTick;
  last_ts_ = ts;
  return ts;
}

void ChromeTracer::BeginEvent(char ph, int tid) {
  out_.Raw(first_event_ ? "\n{\"ph\":\"" : ",\n{\"ph\":\"");
  first_event_ = false;
  out_.Char(ph);
  out_.Raw("\",\"pid\":1");
  out_.Field("tid", static_cast<int64_t>(tid));
}

void ChromeTracer::BeginSlice(int tid, const char* cat, std::string_view name, double start) {
  double end = Now();
  BeginEvent('X', tid);
  out_.Field("cat", cat);
  out_.Field("name", name);
  out_.Field("ts", start);
  out_.Field("dur", RoundToNs(end - start));
}

void ChromeTracer::Counter(double ts) {
  BeginEvent('C', kInterpreterTid);
  out_.Field("name", "heap");
  out_.Field("cat", "heap");
  out_.Field("ts", ts);
  out_.Raw(",\"args\":{\"bytes\":");
  out_.UInt(rt_.heap().heap_bytes());
  out_.Raw("}}");
}

void ChromeTracer::Begin(const FunctionInfo* /*top*/) {
  start_ = std::chrono::steady_clock::now();
  out_.Raw("{\"traceEvents\":[");
  // args: {"name": TEXT} for names, {"sort_index": N} for track order.
  auto metadata = [&](int tid, const char* what, const std::string& name, int sort_index) {
    BeginEvent('M', tid);
    out_.Field("name", what);
    out_.Raw(",\"args\":{");
    if (name.empty()) {
      out_.Key("sort_index");
      out_.Int(sort_index);
    } else {
      out_.Key("name");
      out_.String(name);
    }
    out_.Raw("}}");
  };
  metadata(kInterpreterTid, "process_name", "jsvm " + options_.program, 0);
  metadata(kInterpreterTid, "thread_name", "interpreter", 0);
  metadata(kGcTid, "thread_name", "gc", 0);
  metadata(kTaskTid, "thread_name", "event loop: tasks (timers)", 0);
  metadata(kMicrotaskTid, "thread_name", "microtasks", 0);
  metadata(kInterpreterTid, "thread_sort_index", "", 0);
  metadata(kTaskTid, "thread_sort_index", "", 1);
  metadata(kMicrotaskTid, "thread_sort_index", "", 2);
  metadata(kGcTid, "thread_sort_index", "", 3);
  Counter(Now());
  next_counter_steps_ = kCounterEverySteps;
  Attach();
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
    open_.push_back(Slice{depth, true, recorded, Now(), rt_.interpreter().steps(), std::move(name), "", ""});
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
  Slice s{depth, false, recorded, Now(), rt_.interpreter().steps(), TraceFunctionName(callee.info), "", ""};
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
  BeginSlice(kInterpreterTid, s.native ? "native" : "js", s.name, s.start);
  out_.Raw(",\"args\":{\"steps\":");
  out_.UInt(rt_.interpreter().steps() - s.start_steps);
  if (!s.source.empty()) out_.Field("source", s.source);
  if (!s.suspended.empty()) out_.Field("suspended", s.suspended);
  if (why) out_.Field("ended", why);
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

void ChromeTracer::BeginInstant(const char* cat, std::string_view name) {
  if (name.size() > kMaxInstantText) name = name.substr(0, kMaxInstantText);
  BeginEvent('i', kInterpreterTid);
  out_.Field("s", "t");
  out_.Field("cat", cat);
  out_.Field("name", name);
  out_.Field("ts", Now());
  out_.Raw(",\"args\":{");
}

void ChromeTracer::OnOutput(int stream, std::string_view text) {
  if (stopped_) return;
  BeginInstant("output", text.substr(0, text.find('\n')));
  out_.Key("stream");
  out_.String(stream == 2 ? "stderr" : "stdout");
  out_.Field("text", text);
  out_.Raw("}}");
}

void ChromeTracer::OnRegExpRun(const RegExpRun& run) {
  if (stopped_) return;
  BeginInstant("regexp", "/" + Utf16ToUtf8(run.pattern) + "/" + std::string(run.flags));
  out_.Key("lastIndex");
  out_.UInt(run.last_index);
  out_.Field("matched", run.captures != nullptr);
  if (run.captures) {
    out_.Field("start", static_cast<int64_t>(run.captures[0]));
    out_.Field("end", static_cast<int64_t>(run.captures[1]));
  }
  out_.Field("backtracks", run.backtracks);
  out_.Raw("}}");
}

void ChromeTracer::OnCollectStart(const char* /*reason*/, size_t /*heap_bytes*/) {
  if (stopped_) return;
  gc_start_ = Now();
  Counter(gc_start_);
}

void ChromeTracer::OnCollectEnd(const CollectionRecord& r) {
  if (stopped_) return;
  BeginSlice(kGcTid, "gc", "Mark-Sweep", gc_start_);
  out_.Raw(",\"args\":{");
  out_.Key("reason");
  out_.String(r.reason);
  out_.Field("before", static_cast<uint64_t>(r.before_bytes));
  out_.Field("after", static_cast<uint64_t>(r.after_bytes));
  out_.Field("live", static_cast<uint64_t>(r.live_objects));
  out_.Field("freed", static_cast<uint64_t>(r.freed_objects));
  out_.Field("freedBytes", static_cast<uint64_t>(r.freed_bytes));
  out_.Field("pauseMs", r.pause_ms);
  out_.Field("weakCleared", static_cast<uint64_t>(r.weak_cleared));
  out_.Field("finalizersQueued", static_cast<uint64_t>(r.finalizers_queued));
  out_.Raw("}}");
  Counter(Now());
}

// ---------------------------------------------------------------- the event loop

std::string ChromeTracer::CallableName(Value v) {
  if (v.IsCellOfKind(CellKind::kFunction)) return TraceFunctionName(static_cast<Function*>(v.AsCell())->info());
  if (v.IsCellOfKind(CellKind::kGenerator)) {
    return TraceFunctionName(static_cast<GeneratorObject*>(v.AsCell())->function()->info());
  }
  return TraceCalleeName(v);
}

std::string ChromeTracer::SiteNow() const {
  const Frame* frame = rt_.interpreter().current_frame();
  if (!frame || !frame->pc || !frame->info || !frame->info->script) return "";
  uint32_t src = 0, line = 0, col = 0;
  if (!frame->info->SourceOffsetAt(static_cast<uint32_t>(frame->pc - frame->info->bytecode.data()), &src)) return "";
  frame->info->script->LineCol(src, &line, &col);
  return frame->info->script->file() + ":" + std::to_string(line) + ":" + std::to_string(col);
}

uint64_t ChromeTracer::BeginFlow(const char* name) {
  uint64_t id = next_flow_++;
  // Bound to the innermost slice open now: a recorded call, else the task running.
  bool in_call = rt_.interpreter().current_frame() && !open_.empty() && open_.back().recorded;
  BeginEvent('s', in_call || task_.tid == 0 ? kInterpreterTid : task_.tid);
  out_.Field("cat", "loop");
  out_.Field("name", name);
  out_.Field("id", id);
  out_.Field("ts", Now());
  out_.Raw("}");
  return id;
}

void ChromeTracer::EndFlow(uint64_t id, const char* name, int tid) {
  BeginEvent('f', tid);
  out_.Field("cat", "loop");
  out_.Field("name", name);
  out_.Field("id", id);
  out_.Field("bp", "e");
  out_.Field("ts", Now());
  out_.Raw("}");
}

void ChromeTracer::StartTask(int tid, uint64_t id, std::string name, std::string kind, std::string site) {
  task_ = Task{tid, Now(), rt_.interpreter().steps(), id, std::move(name), std::move(kind), std::move(site)};
}

void ChromeTracer::EndTask(const char* why) {
  if (task_.tid == 0) return;
  bool job = task_.tid == kMicrotaskTid;
  BeginSlice(task_.tid, job ? "microtask" : "task", task_.name, task_.start);
  out_.Raw(",\"args\":{");
  out_.Key(job ? "job" : "timer");
  out_.UInt(task_.id);
  out_.Field("kind", task_.kind);
  out_.Field("steps", rt_.interpreter().steps() - task_.start_steps);
  if (!task_.site.empty()) out_.Field(job ? "queuedAt" : "armedAt", task_.site);
  if (why) out_.Field("ended", why);
  out_.Raw("}}");
  task_ = Task{};
}

void ChromeTracer::OnJobEnqueued(const Job& job) {
  if (stopped_) return;
  Value handler = JobHandler(job);
  JobInfo info;
  info.kind = JobKindName(job.kind);
  switch (job.kind) {
    case JobKind::kReaction:
      info.name = handler.IsUndefined() ? "then (passes the value on)" : "then: " + CallableName(handler);
      break;
    case JobKind::kAwait: info.name = "resume " + CallableName(handler) + " after await"; break;
    case JobKind::kThenable: info.name = "thenable: " + CallableName(handler); break;
    default: info.name = "queueMicrotask: " + CallableName(handler); break;
  }
  info.site = SiteNow();
  info.flow = BeginFlow("queued");
  jobs_[job.id] = std::move(info);
}

void ChromeTracer::OnJobStart(const Job& job) {
  if (stopped_) return;
  auto it = jobs_.find(job.id);
  if (it == jobs_.end()) {
    StartTask(kMicrotaskTid, job.id, JobKindName(job.kind), JobKindName(job.kind), "");
    return;
  }
  JobInfo info = std::move(it->second);
  jobs_.erase(it);
  StartTask(kMicrotaskTid, job.id, std::move(info.name), std::move(info.kind), std::move(info.site));
  EndFlow(info.flow, "queued", kMicrotaskTid);
}

void ChromeTracer::OnJobEnd(const Job& /*job*/) {
  if (!stopped_) EndTask(nullptr);
}

void ChromeTracer::OnTimerArmed(uint32_t id, double delay_ms, bool repeat, Value callback) {
  if (stopped_) return;
  TimerInfo t;
  t.kind = delay_ms < 0 ? "immediate" : repeat ? "interval" : "timeout";
  t.name = (delay_ms < 0 ? "setImmediate: " : repeat ? "setInterval: " : "setTimeout: ") + CallableName(callback);
  t.site = SiteNow();
  t.repeat = repeat;
  t.flow = BeginFlow("armed");
  timers_[id] = std::move(t);
}

void ChromeTracer::OnTimerFired(uint32_t id) {
  if (stopped_) return;
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  TimerInfo& t = it->second;
  StartTask(kTaskTid, id, t.name, t.kind, t.site);
  EndFlow(t.flow, "armed", kTaskTid);
  // An interval's next run is caused by this one.
  if (t.repeat) {
    t.flow = BeginFlow("armed");
  } else {
    timers_.erase(it);
  }
}

void ChromeTracer::OnTimerDone(uint32_t /*id*/) {
  if (!stopped_) EndTask(nullptr);
}

void ChromeTracer::OnTimerCleared(uint32_t id) {
  if (!stopped_) timers_.erase(id);
}

void ChromeTracer::OnSuspend(const Frame& frame, Value /*generator*/, Value result) {
  if (stopped_) return;
  if (!open_.empty() && !open_.back().native) open_.back().suspended = SiteNow();
  OnReturn(frame, result);
}

void ChromeTracer::OnResume(const Frame& frame, Value /*generator*/) {
  if (stopped_) return;
  OnCall(frame);
  open_.back().name += " (resumed)";
}

void ChromeTracer::Stop() {
  while (!open_.empty()) EndSlice("unfinished");
  EndTask("unfinished");
  Counter(Now());
  stopped_ = true;
  truncated_ = true;
}

void ChromeTracer::Finish(const std::string& outcome, const std::string& message, int exit_code) {
  if (!stopped_) {
    // Frames left open by a --timeout or an out-of-memory exit.
    while (!open_.empty()) EndSlice("unfinished");
    EndTask("unfinished");
    Counter(Now());
    stopped_ = true;
  }
  out_.Raw("\n],\"otherData\":{");
  out_.Key("producer");
  out_.String(options_.engine);
  out_.Field("program", options_.program);
  out_.Field("clock", options_.wall_clock ? "wall: microseconds since the start"
                                          : "steps: 1 us = 1 executed bytecode; events within one bytecode 1 ns apart");
  WriteOutcome(recorded_, truncated_, outcome, message, exit_code);
  out_.Raw("}}\n");
  out_.Flush();
}

}  // namespace jsvm
