// The host's event loop on libuv (event-loop.h), and the timer globals.
#include "vm/host/event-loop.h"

#include <uv.h>

#include <cmath>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <utility>

#include "vm/builtins/builtins.h"
#include "vm/builtins/promise.h"
#include "vm/execution/job-queue.h"
#include "vm/execution/operations.h"
#include "vm/interpreter/trace-hooks.h"
#include "vm/objects/object-ops.h"
#include "vm/objects/unicode.h"

namespace jsvm {

// One armed timer or immediate.
struct EventLoop::Timer {
  Value callback;
  std::vector<Value> args;
  Value object;  // the Timeout or Immediate object setTimeout returned
  double delay_ms = 0;
  bool repeat = false;
  bool immediate = false;
  bool ref = true;
  uv_timer_t* handle = nullptr;  // timers only
};

namespace {

// What libuv reports, in its order: a timer id, kCheckPhase, or kPosted
// (tasks posted from other threads wait).
constexpr uint32_t kCheckPhase = 0;
constexpr uint32_t kPosted = UINT32_MAX;

// node's TIMEOUT_MAX: longer delays become 1 ms.
constexpr double kTimeoutMax = 2147483647;

// A uv_timer_t that knows its timer's id and its loop's list of due events.
struct TimerHandle {
  uv_timer_t uv;
  std::vector<uint32_t>* due;
  uint32_t id;
};

void CloseTimerHandle(uv_timer_t* handle) {
  uv_timer_stop(handle);
  uv_close(reinterpret_cast<uv_handle_t*>(handle),
           [](uv_handle_t* h) { delete reinterpret_cast<TimerHandle*>(h); });
}

}  // namespace

struct EventLoop::Impl {
  uv_loop_t loop;
  uv_timer_t watchdog;  // --timeout while the loop waits (unreferenced)
  uv_check_t check;     // marks the check phase (setImmediate; unreferenced)
  uv_idle_t idle;       // started while immediates wait: the poll must not block
  uv_async_t wake;      // Post from another thread (unreferenced unless kept alive)
  std::mutex posted_mutex;
  std::vector<std::function<void(Runtime&)>> posted;
  std::vector<uint32_t> due;
  std::deque<uint32_t> immediates;
  bool timed_out = false;
  bool watchdog_armed = false;
};

EventLoop::EventLoop(Runtime& rt) : rt_(rt), impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  uv_loop_init(&im.loop);
  im.loop.data = &im;
  uv_timer_init(&im.loop, &im.watchdog);
  uv_unref(reinterpret_cast<uv_handle_t*>(&im.watchdog));
  uv_check_init(&im.loop, &im.check);
  uv_check_start(&im.check, [](uv_check_t* h) { static_cast<Impl*>(h->loop->data)->due.push_back(kCheckPhase); });
  uv_unref(reinterpret_cast<uv_handle_t*>(&im.check));
  uv_idle_init(&im.loop, &im.idle);
  uv_async_init(&im.loop, &im.wake, [](uv_async_t* h) {
    static_cast<Impl*>(h->loop->data)->due.push_back(kPosted);
    uv_stop(h->loop);  // see the timers' callback
  });
  uv_unref(reinterpret_cast<uv_handle_t*>(&im.wake));
}

EventLoop::~EventLoop() {
  Impl& im = *impl_;
  for (auto& [id, timer] : timers_) {
    if (timer->handle) CloseTimerHandle(timer->handle);
  }
  timers_.clear();
  uv_close(reinterpret_cast<uv_handle_t*>(&im.watchdog), nullptr);
  uv_close(reinterpret_cast<uv_handle_t*>(&im.check), nullptr);
  uv_close(reinterpret_cast<uv_handle_t*>(&im.idle), nullptr);
  uv_close(reinterpret_cast<uv_handle_t*>(&im.wake), nullptr);
  uv_run(&im.loop, UV_RUN_DEFAULT);  // runs the close callbacks
  uv_loop_close(&im.loop);
}

uint32_t EventLoop::SetTimer(Value callback, std::vector<Value> args, double delay_ms, bool repeat, bool from_now) {
  uint32_t id = next_id_++;
  auto timer = std::make_unique<Timer>();
  timer->callback = callback;
  timer->args = std::move(args);
  timer->delay_ms = delay_ms;
  timer->repeat = repeat;
  auto* handle = new TimerHandle{{}, &impl_->due, id};
  uv_timer_init(&impl_->loop, &handle->uv);
  timer->handle = &handle->uv;
  uint64_t ms = static_cast<uint64_t>(std::ceil(delay_ms));
  if (from_now) {
    // Rounded up: the loop's clock is whole (and coarse) milliseconds, and
    // the delay must not end before it has passed on a precise clock.
    uint64_t now = (uv_hrtime() + 999999) / 1000000, loop_time = uv_now(&impl_->loop);
    if (now > loop_time) ms += now - loop_time;
  }
  uv_timer_start(
      &handle->uv, [](uv_timer_t* h) {
        auto* th = reinterpret_cast<TimerHandle*>(h);
        th->due->push_back(th->id);
        // libuv 1.44 runs due timers at the start of a UV_RUN_ONCE too, then
        // polls: without the stop, the poll would wait for the next event
        // (forever, for a kept-alive loop) before the timer's task runs.
        uv_stop(h->loop);
      },
      ms, 0);  // an interval is armed again after each run (RunTimer), as node does
  timers_.emplace(id, std::move(timer));
  if (TraceHooks* hooks = rt_.trace_hooks()) hooks->OnTimerArmed(id, delay_ms, repeat, callback);
  return id;
}

uint32_t EventLoop::SetImmediate(Value callback, std::vector<Value> args) {
  uint32_t id = next_id_++;
  auto timer = std::make_unique<Timer>();
  timer->callback = callback;
  timer->args = std::move(args);
  timer->immediate = true;
  timers_.emplace(id, std::move(timer));
  impl_->immediates.push_back(id);
  if (TraceHooks* hooks = rt_.trace_hooks()) hooks->OnTimerArmed(id, -1, false, callback);
  return id;
}

void EventLoop::Clear(uint32_t id) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  if (it->second->handle) CloseTimerHandle(it->second->handle);
  timers_.erase(it);
  if (TraceHooks* hooks = rt_.trace_hooks()) hooks->OnTimerCleared(id);
}

bool EventLoop::HasRef(uint32_t id) const { return unreferenced_.count(id) == 0; }

void EventLoop::SetRef(uint32_t id, bool ref) {
  if (ref) unreferenced_.erase(id);
  else unreferenced_.insert(id);
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  Timer& t = *it->second;
  t.ref = ref;
  if (t.handle) {
    if (ref) uv_ref(reinterpret_cast<uv_handle_t*>(t.handle));
    else uv_unref(reinterpret_cast<uv_handle_t*>(t.handle));
  }
}

void EventLoop::Refresh(uint32_t id) {
  auto it = timers_.find(id);
  if (it == timers_.end() || !it->second->handle) return;
  uint64_t ms = static_cast<uint64_t>(std::ceil(it->second->delay_ms));
  uv_timer_t* handle = it->second->handle;
  uv_timer_start(handle, handle->timer_cb, ms, 0);
}

void EventLoop::Post(std::function<void(Runtime&)> task) {
  {
    std::lock_guard<std::mutex> lock(impl_->posted_mutex);
    impl_->posted.push_back(std::move(task));
  }
  uv_async_send(&impl_->wake);
}

void EventLoop::SetKeepAlive(bool keep) {
  if (keep) uv_ref(reinterpret_cast<uv_handle_t*>(&impl_->wake));
  else uv_unref(reinterpret_cast<uv_handle_t*>(&impl_->wake));
}

void EventLoop::RunPosted() {
  std::vector<std::function<void(Runtime&)>> tasks;
  {
    std::lock_guard<std::mutex> lock(impl_->posted_mutex);
    tasks.swap(impl_->posted);
  }
  for (auto& task : tasks) {
    task(rt_);
    DrainMicrotasksAndCheck(rt_);
  }
}

void EventLoop::Trace(Visitor& v) const {
  for (const auto& [id, timer] : timers_) {
    // Named after the global that armed it: leak reports say which kind of
    // timer keeps a callback (and what it captured) alive.
    const char* name = timer->immediate ? "setImmediate callback"
                       : timer->repeat  ? "setInterval callback"
                                        : "setTimeout callback";
    TraceValue(v, timer->callback, EdgeType::kInternal, EdgeName::Str(name));
    TraceValue(v, timer->object, EdgeType::kInternal, EdgeName::Str("timer"));
    for (Value arg : timer->args) TraceValue(v, arg, EdgeType::kInternal, EdgeName::Str("argument"));
  }
}

void EventLoop::RunTimer(uint32_t id) {
  auto it = timers_.find(id);
  if (it == timers_.end() || it->second->immediate) return;  // cleared by an earlier task
  Timer& t = *it->second;
  RootedVector call(rt_);  // callback, this, arguments...
  call.push_back(t.callback);
  call.push_back(t.object);
  for (Value a : t.args) call.push_back(a);
  bool repeat = t.repeat;  // `t` is gone after the erase below
  if (!repeat) {
    // A timeout fires once: it is no longer armed while its callback runs.
    CloseTimerHandle(t.handle);
    timers_.erase(it);
  }
  TraceHooks* hooks = rt_.trace_hooks();
  if (hooks) hooks->OnTimerFired(id);
  Call(rt_, call[0], call[1], call.data() + 2, static_cast<uint32_t>(call.size() - 2));
  if (repeat) {
    // node arms an interval again once its callback returned (unless it
    // cleared itself): a timer the callback armed with the same delay runs
    // before the interval's next run.
    auto again = timers_.find(id);
    if (again != timers_.end() && again->second->handle) {
      uv_timer_t* handle = again->second->handle;
      uv_timer_start(handle, handle->timer_cb, static_cast<uint64_t>(std::ceil(again->second->delay_ms)), 0);
    }
  }
  if (TraceHooks* h = rt_.trace_hooks()) h->OnTimerDone(id);
  DrainMicrotasksAndCheck(rt_);
}

void EventLoop::RunImmediates() {
  // Those queued before this check phase; newer ones wait for the next.
  std::deque<uint32_t> batch;
  batch.swap(impl_->immediates);
  while (!batch.empty()) {
    uint32_t id = batch.front();
    batch.pop_front();
    auto it = timers_.find(id);
    if (it == timers_.end()) continue;
    RootedVector call(rt_);
    call.push_back(it->second->callback);
    call.push_back(it->second->object);
    for (Value a : it->second->args) call.push_back(a);
    timers_.erase(it);
    if (TraceHooks* hooks = rt_.trace_hooks()) hooks->OnTimerFired(id);
    try {
      Call(rt_, call[0], call[1], call.data() + 2, static_cast<uint32_t>(call.size() - 2));
      if (TraceHooks* h = rt_.trace_hooks()) h->OnTimerDone(id);
      DrainMicrotasksAndCheck(rt_);
    } catch (...) {
      // The program ends; the immediates not run yet stay queued.
      for (auto rest = batch.rbegin(); rest != batch.rend(); ++rest) impl_->immediates.push_front(*rest);
      throw;
    }
  }
}

void EventLoop::Run() {
  Impl& im = *impl_;
  double timeout = rt_.options().timeout_seconds;
  if (timeout > 0 && !im.watchdog_armed) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - rt_.start_time()).count();
    double left_ms = std::max(0.0, (timeout - elapsed) * 1000);
    uv_update_time(&im.loop);
    uv_timer_start(&im.watchdog, [](uv_timer_t* h) { static_cast<Impl*>(h->loop->data)->timed_out = true; },
                   static_cast<uint64_t>(std::ceil(left_ms)) + 1, 0);
    im.watchdog_armed = true;
  }
  for (;;) {
    // Immediates that wait keep the loop alive and the poll from blocking.
    bool immediates = false;
    for (uint32_t id : im.immediates) {
      auto it = timers_.find(id);
      if (it != timers_.end() && it->second->ref) immediates = true;
    }
    if (immediates) {
      uv_idle_start(&im.idle, [](uv_idle_t*) {});
    } else {
      uv_idle_stop(&im.idle);
    }
    // FinalizationRegistry cleanups queued by a collection: a task of their
    // own (HostEnqueueFinalizationRegistryCleanupJob), which keeps the loop alive.
    if (HasFinalizationCleanups(rt_)) {
      RunFinalizationCleanups(rt_);
      DrainMicrotasksAndCheck(rt_);
      continue;
    }
    if (!uv_loop_alive(&im.loop)) break;
    im.due.clear();
    uv_run(&im.loop, UV_RUN_ONCE);
    if (im.timed_out) rt_.ThrowTimeout();
    std::vector<uint32_t> events;
    events.swap(im.due);
    for (uint32_t id : events) {
      if (timeout > 0) rt_.CheckTimeout();
      if (id == kCheckPhase) {
        RunImmediates();
      } else if (id == kPosted) {
        RunPosted();
      } else {
        RunTimer(id);
      }
    }
  }
}

EventLoop& EventLoopOf(Runtime& rt) {
  std::unique_ptr<EventLoop>& slot = rt.event_loop_slot();
  if (!slot) slot = std::make_unique<EventLoop>(rt);
  return *slot;
}

void DrainMicrotasksAndCheck(Runtime& rt) {
  RunMicrotasks(rt);
  // The job is over: WeakRef targets it made or dereferenced may go.
  ClearKeptObjects(rt);
  while (PromiseObject* p = rt.job_queue().TakeUnhandledRejection()) {
    switch (rt.options().unhandled_rejections) {
      case UnhandledRejections::kThrow:
        rt.set_exception(p->result());
        throw JsUnhandledRejection{};
      case UnhandledRejections::kWarn: {
        Rooted<Value> reason(rt, p->result());
        rt.FlushStdout();
        std::fprintf(stderr, "jsvm: warning: unhandled promise rejection: %s\n", DescribeForError(rt, reason).c_str());
        break;
      }
      case UnhandledRejections::kNone:
        break;
    }
  }
}

void RunEventLoop(Runtime& rt) {
  DrainMicrotasksAndCheck(rt);
  if (EventLoop* loop = rt.event_loop()) loop->Run();
}

// ---- the globals

namespace {

// The symbol under which a Timeout or Immediate object keeps its id.
Value TimerIdSymbol(Runtime& rt) {
  BuiltinsState& st = StateOf(rt);
  return st.timer_id_symbol;
}

// node's ERR_INVALID_ARG_TYPE wording for what was received.
std::string DescribeReceived(Runtime& rt, Value v) {
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (IsCallable(v)) {
    std::u16string name = FunctionName(rt, v.AsObject());
    return name.empty() ? "function " : "function " + Utf16ToUtf8(name);
  }
  if (v.IsObject()) {
    Value ctor = GetProperty(rt, v.AsObject(), PropertyKey::Named(rt.names().constructor));
    if (IsCallable(ctor)) {
      std::u16string name = FunctionName(rt, ctor.AsObject());
      if (!name.empty()) return "an instance of " + Utf16ToUtf8(name);
    }
    return DescribeForError(rt, v);
  }
  std::string type = TypeOf(rt, v).AsString()->ToUtf8();
  std::string text = DescribeForError(rt, v);
  if (v.IsString()) {
    if (text.size() > 28) text = text.substr(0, 25) + "...";
    text = "'" + text + "'";
  }
  return "type " + type + " (" + text + ")";
}

Value RequireCallback(Runtime& rt, Value v) {
  if (!IsCallable(v)) {
    rt.ThrowTypeError("The \"callback\" argument must be of type function. Received " + DescribeReceived(rt, v));
  }
  return v;
}

// The id a clear function was given: a Timeout/Immediate object's, or a
// number (what the object's Symbol.toPrimitive gives); 0 for anything else.
uint32_t TimerIdOf(Runtime& rt, Value v) {
  if (v.IsObject()) {
    Value id = GetProperty(rt, v.AsObject(), PropertyKey::Named(static_cast<Symbol*>(TimerIdSymbol(rt).AsCell())));
    return id.IsNumber() ? static_cast<uint32_t>(id.AsNumber()) : 0;
  }
  if (v.IsNumber() || v.IsString()) {
    double d = ToNumber(rt, v);
    if (d >= 1 && d < 4294967296.0 && d == std::floor(d)) return static_cast<uint32_t>(d);
  }
  return 0;
}

// A Timeout or Immediate object for timer `id`.
Value NewTimerObject(Runtime& rt, Object* proto, uint32_t id) {
  Rooted<Object*> obj(rt, rt.NewObject(proto));
  DefineRaw(rt, obj, PropertyKey::Named(static_cast<Symbol*>(TimerIdSymbol(rt).AsCell())),
            Value::Int(static_cast<int32_t>(id)), kAttrNone);
  return Value::FromCell(obj.get());
}

Value ArmTimer(Runtime& rt, CallArgs& args, bool repeat) {
  Rooted<Value> callback(rt, RequireCallback(rt, args[0]));
  // node: after *= 1; not in [1, TIMEOUT_MAX] (NaN included) -> 1.
  double delay = ToNumber(rt, args[1]);
  if (!(delay >= 1 && delay <= kTimeoutMax)) delay = 1;
  std::vector<Value> extra;
  for (uint32_t i = 2; i < args.argc; ++i) extra.push_back(args.argv[i]);
  RootedVector keep(rt);
  for (Value e : extra) keep.push_back(e);
  EventLoop& loop = EventLoopOf(rt);
  uint32_t id = loop.SetTimer(callback, std::move(extra), delay, repeat);
  Value obj = NewTimerObject(rt, StateOf(rt).timeout_prototype.AsObject(), id);
  auto it = loop.timers().find(id);
  if (it != loop.timers().end()) it->second->object = obj;
  return obj;
}

Value SetTimeoutFn(Runtime& rt, CallArgs& args) { return ArmTimer(rt, args, false); }
Value SetIntervalFn(Runtime& rt, CallArgs& args) { return ArmTimer(rt, args, true); }

Value SetImmediateFn(Runtime& rt, CallArgs& args) {
  Rooted<Value> callback(rt, RequireCallback(rt, args[0]));
  std::vector<Value> extra;
  for (uint32_t i = 1; i < args.argc; ++i) extra.push_back(args.argv[i]);
  RootedVector keep(rt);
  for (Value e : extra) keep.push_back(e);
  EventLoop& loop = EventLoopOf(rt);
  uint32_t id = loop.SetImmediate(callback, std::move(extra));
  Value obj = NewTimerObject(rt, StateOf(rt).immediate_prototype.AsObject(), id);
  auto it = loop.timers().find(id);
  if (it != loop.timers().end()) it->second->object = obj;
  return obj;
}

Value ClearTimerFn(Runtime& rt, CallArgs& args) {
  uint32_t id = TimerIdOf(rt, args[0]);
  if (id && rt.event_loop()) rt.event_loop()->Clear(id);
  return Value::Undefined();
}

uint32_t ReceiverId(Runtime& rt, CallArgs& args) { return TimerIdOf(rt, args.this_value); }

Value TimerRef(Runtime& rt, CallArgs& args) {
  if (rt.event_loop()) rt.event_loop()->SetRef(ReceiverId(rt, args), true);
  return args.this_value;
}

Value TimerUnref(Runtime& rt, CallArgs& args) {
  if (rt.event_loop()) rt.event_loop()->SetRef(ReceiverId(rt, args), false);
  return args.this_value;
}

Value TimerHasRef(Runtime& rt, CallArgs& args) {
  return Value::Boolean(!rt.event_loop() || rt.event_loop()->HasRef(ReceiverId(rt, args)));
}

Value TimerRefresh(Runtime& rt, CallArgs& args) {
  if (rt.event_loop()) rt.event_loop()->Refresh(ReceiverId(rt, args));
  return args.this_value;
}

Value TimerClose(Runtime& rt, CallArgs& args) {
  if (rt.event_loop()) rt.event_loop()->Clear(ReceiverId(rt, args));
  return args.this_value;
}

Value TimerToPrimitive(Runtime& rt, CallArgs& args) {
  return Value::Int(static_cast<int32_t>(ReceiverId(rt, args)));
}

// Timeout.prototype or Immediate.prototype, with a constructor of that name
// (not a global, as in node) so that console.log shows `Timeout {}`.
Object* MakeTimerPrototype(Runtime& rt, const char* name, bool timeout) {
  Rooted<Object*> proto(rt, rt.NewObject());
  Rooted<NativeFunction*> ctor(rt, NewBuiltinFunction(rt, name, [](Runtime& r, CallArgs&) -> Value {
    r.ThrowTypeError("Illegal constructor");
  }, 0, true));
  DefineRaw(rt, ctor, PropertyKey::Named(rt.names().prototype), Value::FromCell(proto.get()), kAttrNone);
  DefineRaw(rt, proto, PropertyKey::Named(rt.names().constructor), Value::FromCell(ctor.get()), kAttrHidden);
  DefineMethod(rt, proto, "ref", TimerRef, 0);
  DefineMethod(rt, proto, "unref", TimerUnref, 0);
  DefineMethod(rt, proto, "hasRef", TimerHasRef, 0);
  if (timeout) {
    DefineMethod(rt, proto, "refresh", TimerRefresh, 0);
    DefineMethod(rt, proto, "close", TimerClose, 0);
    DefineMethod(rt, proto, rt.symbols().to_primitive, "[Symbol.toPrimitive]", TimerToPrimitive, 0);
  }
  return proto;
}

Value QueueMicrotask(Runtime& rt, CallArgs& args) {
  Job job;
  job.kind = JobKind::kMicrotask;
  job.handler = RequireCallback(rt, args[0]);
  EnqueueMicrotask(rt, std::move(job));
  return Value::Undefined();
}

}  // namespace

void InstallTimerBuiltins(Runtime& rt) {
  BuiltinsState& st = StateOf(rt);
  Rooted<Value> description(rt, Value::FromCell(rt.InternUtf8("timerId")));
  st.timer_id_symbol = Value::FromCell(rt.NewSymbol(description));
  st.timeout_prototype = Value::FromCell(MakeTimerPrototype(rt, "Timeout", true));
  st.immediate_prototype = Value::FromCell(MakeTimerPrototype(rt, "Immediate", false));
  Object* global = rt.global();
  DefineMethod(rt, global, "setTimeout", SetTimeoutFn, 2);
  DefineMethod(rt, global, "setInterval", SetIntervalFn, 2);
  DefineMethod(rt, global, "setImmediate", SetImmediateFn, 1);
  DefineMethod(rt, global, "clearTimeout", ClearTimerFn, 1);
  DefineMethod(rt, global, "clearInterval", ClearTimerFn, 1);
  DefineMethod(rt, global, "clearImmediate", ClearTimerFn, 1);
  DefineMethod(rt, global, "queueMicrotask", QueueMicrotask, 1);
}

}  // namespace jsvm
