// $262, the host object test262's harness expects (test262's
// INTERPRETING.md), installed by `jsvm run --test262-host`:
//   $262.global             the global object
//   $262.gc()               a full collection now
//   $262.detachArrayBuffer  DetachArrayBuffer(buffer)
//   $262.evalScript(src)    src run as a new classic Script (its SyntaxError thrown)
//   $262.createRealm()      not available: a jsvm runtime has one realm
//                           (a TypeError, so realm tests fail cleanly)
//   $262.agent              agents on threads of their own (below)
//   $262.IsHTMLDDA          an undetectable function (Annex B.3.6, as
//                           document.all): typeof "undefined", falsy,
//                           == null; calling it returns null
// `print` is a global of every jsvm run.
//
// $262.agent: start(source) runs `source` in a new runtime (a realm, heap
// and event loop of its own) on a new thread and returns once the script
// ran; broadcast(sab, id) posts (sab, id) to every agent's event loop, each
// agent calling its receiveBroadcast callback with a SharedArrayBuffer over
// the same bytes, and returns once every agent took it; an agent's
// report(v) queues String(v) for the main thread's getReport() (null when
// none is queued); sleep(ms) and monotonicNow() on both sides. An agent's
// loop stays alive waiting for broadcasts and for other agents' notifies,
// as a node worker with an open port; the process ends when the main
// script's work is done (Test262AgentsStarted tells the host to exit
// without tearing down what the agents still use). Only fixed-length
// SharedArrayBuffers can be broadcast (a growable one's bytes move).
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "vm/builtins/binary-data.h"
#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/host/event-loop.h"
#include "vm/objects/array-buffer.h"

namespace jsvm {

namespace {

Value HostGc(Runtime& rt, CallArgs&) {
  rt.heap().Collect("$262.gc");
  return Value::Undefined();
}

Value HostDetachArrayBuffer(Runtime& rt, CallArgs& args) {
  if (!args[0].IsCellOfKind(CellKind::kArrayBuffer)) rt.ThrowTypeError("$262.detachArrayBuffer: not an ArrayBuffer");
  auto* buffer = static_cast<ArrayBufferObject*>(args[0].AsCell());
  if (buffer->shared()) rt.ThrowTypeError("$262.detachArrayBuffer: a SharedArrayBuffer cannot be detached");
  buffer->Detach();
  return Value::Null();
}

Value HostEvalScript(Runtime& rt, CallArgs& args) {
  ScriptEvaluatorHook hook = StateOf(rt).new_script_evaluator;
  if (!hook) rt.ThrowTypeError("$262.evalScript is not supported");
  std::u16string source(ToString(rt, args[0])->view());
  return hook(rt, source);
}

Value HostIsHTMLDDA(Runtime&, CallArgs&) { return Value::Null(); }

Value HostCreateRealm(Runtime& rt, CallArgs&) {
  rt.ThrowTypeError("$262.createRealm is not supported: a jsvm runtime has one realm");
}

// ---- $262.agent

// One agent: its runtime and loop once its script ran.
struct Agent {
  std::mutex mutex;
  std::condition_variable cv;
  bool ready = false;               // the script ran (or failed)
  EventLoop* loop = nullptr;        // null when the script failed
  size_t callback_root = SIZE_MAX;  // receiveBroadcast's callback in StateOf(rt).roots
};

// The agents of the process and the reports they queued.
struct Cluster {
  std::mutex mutex;
  std::vector<std::shared_ptr<Agent>> agents;
  std::deque<std::u16string> reports;
};

// Never destroyed: agents run until the process ends.
Cluster& TheCluster() {
  static auto* cluster = new Cluster;
  return *cluster;
}

// The agent this thread runs (null on the main thread).
thread_local Agent* this_agent = nullptr;

void InstallHost(Runtime& rt, ScriptEvaluatorHook new_script);

void MarkReady(Agent& agent, EventLoop* loop) {
  std::lock_guard<std::mutex> lock(agent.mutex);
  agent.ready = true;
  agent.loop = loop;
  agent.cv.notify_all();
}

// Reports an agent's uncaught exception on stderr, as node's host reports a
// worker's error.
void ReportAgentError(Runtime& rt) {
  rt.FlushStdout();
  Rooted<Value> e(rt, rt.exception());
  std::fprintf(stderr, "Uncaught %s (in a $262.agent)\n", DescribeForError(rt, e).c_str());
}

// An agent's thread: a runtime of its own (never freed: it lives as long as
// the process) runs the script, then its event loop, kept alive.
void AgentMain(std::shared_ptr<Agent> agent, RuntimeOptions options, ScriptEvaluatorHook script_evaluator,
               DirectEvalHook direct_eval, ScriptEvaluatorHook new_script, std::u16string source) {
  this_agent = agent.get();
  auto* rt = new Runtime(options);
  SetScriptEvaluatorHook(*rt, script_evaluator);
  SetDirectEvalHook(*rt, direct_eval);
  InstallHost(*rt, new_script);
  EventLoop* loop = &EventLoopOf(*rt);
  try {
    new_script(*rt, source);
    DrainMicrotasksAndCheck(*rt);
  } catch (JsThrow&) {
    ReportAgentError(*rt);
    MarkReady(*agent, nullptr);
    return;
  } catch (...) {
    MarkReady(*agent, nullptr);
    return;
  }
  MarkReady(*agent, loop);
  loop->SetKeepAlive(true);
  try {
    loop->Run();
  } catch (JsThrow&) {
    ReportAgentError(*rt);
  } catch (...) {
  }
  rt->FlushStdout();
}

Value AgentStart(Runtime& rt, CallArgs& args) {
  std::u16string source(ToString(rt, args[0])->view());
  BuiltinsState& st = StateOf(rt);
  auto agent = std::make_shared<Agent>();
  {
    std::lock_guard<std::mutex> lock(TheCluster().mutex);
    TheCluster().agents.push_back(agent);
  }
  std::thread(AgentMain, agent, rt.options(), st.script_evaluator, st.direct_eval, st.new_script_evaluator,
              std::move(source))
      .detach();
  std::unique_lock<std::mutex> lock(agent->mutex);
  agent->cv.wait(lock, [&] { return agent->ready; });
  return Value::Undefined();
}

// What a broadcast hands each agent.
struct Broadcast {
  std::shared_ptr<uint8_t> block;
  size_t length = 0;
  Value id;  // a Number, undefined or null (nothing of the sender's heap)
  std::mutex mutex;
  std::condition_variable cv;
  size_t taken = 0;
};

// In an agent: the broadcast's buffer and id to its receiveBroadcast callback.
void ReceiveBroadcast(Runtime& rt, const std::shared_ptr<Broadcast>& b) {
  {
    std::lock_guard<std::mutex> lock(b->mutex);
    ++b->taken;
    b->cv.notify_all();
  }
  if (this_agent == nullptr || this_agent->callback_root == SIZE_MAX) return;
  Rooted<Value> callback(rt, StateOf(rt).roots[this_agent->callback_root]);
  Rooted<Object*> proto(rt, BinaryIntrinsicsOf(rt).shared_array_buffer_prototype.AsObject());
  auto* sab = rt.heap().New<ArrayBufferObject>(proto.get(), true);
  sab->AdoptSharedBlock(b->block, b->length);
  Value argv[2] = {Value::FromCell(sab), b->id};
  Call(rt, callback, Value::Undefined(), argv, 2);
}

Value AgentBroadcast(Runtime& rt, CallArgs& args) {
  ArrayBufferObject* buffer = args[0].IsCellOfKind(CellKind::kArrayBuffer)
                                  ? static_cast<ArrayBufferObject*>(args[0].AsObject())
                                  : nullptr;
  std::shared_ptr<uint8_t> block = buffer ? buffer->SharedBlock() : nullptr;
  if (!block) rt.ThrowTypeError("$262.agent.broadcast: not a fixed-length SharedArrayBuffer");
  auto b = std::make_shared<Broadcast>();
  b->block = block;
  b->length = buffer->byte_length();
  b->id = args[1].IsNumber() || args[1].IsNullish() ? args[1] : Value::Undefined();
  size_t posted = 0;
  {
    std::lock_guard<std::mutex> lock(TheCluster().mutex);
    for (auto& agent : TheCluster().agents) {
      if (!agent->loop) continue;
      agent->loop->Post([b](Runtime& art) { ReceiveBroadcast(art, b); });
      ++posted;
    }
  }
  std::unique_lock<std::mutex> lock(b->mutex);
  b->cv.wait(lock, [&] { return b->taken == posted; });
  return Value::Undefined();
}

Value AgentGetReport(Runtime& rt, CallArgs&) {
  std::u16string report;
  {
    std::lock_guard<std::mutex> lock(TheCluster().mutex);
    if (TheCluster().reports.empty()) return Value::Null();
    report = std::move(TheCluster().reports.front());
    TheCluster().reports.pop_front();
  }
  return StringValue(rt, report);
}

Value AgentReport(Runtime& rt, CallArgs& args) {
  std::u16string report(ToString(rt, args[0])->view());
  std::lock_guard<std::mutex> lock(TheCluster().mutex);
  TheCluster().reports.push_back(std::move(report));
  return Value::Undefined();
}

Value AgentReceiveBroadcast(Runtime& rt, CallArgs& args) {
  if (this_agent == nullptr) rt.ThrowTypeError("$262.agent.receiveBroadcast: not in an agent");
  std::vector<Value>& roots = StateOf(rt).roots;
  if (this_agent->callback_root == SIZE_MAX) {
    this_agent->callback_root = roots.size();
    roots.push_back(args[0]);
  } else {
    roots[this_agent->callback_root] = args[0];
  }
  return Value::Undefined();
}

Value AgentLeaving(Runtime&, CallArgs&) { return Value::Undefined(); }

Value AgentSleep(Runtime& rt, CallArgs& args) {
  double ms = ToNumber(rt, args[0]);
  if (ms > 0) std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(std::min(ms, 1e9)));
  return Value::Undefined();
}

Value AgentMonotonicNow(Runtime&, CallArgs&) {
  auto now = std::chrono::steady_clock::now().time_since_epoch();
  return Value::Number(std::chrono::duration<double, std::milli>(now).count());
}

void InstallHost(Runtime& rt, ScriptEvaluatorHook new_script) {
  StateOf(rt).new_script_evaluator = new_script;
  Rooted<Object*> host(rt, rt.NewObject());
  DefineRaw(rt, host, PropertyKey::Named(rt.Intern(u"global")), Value::FromCell(rt.global()), kAttrHidden);
  DefineMethod(rt, host, "gc", HostGc, 0);
  DefineMethod(rt, host, "detachArrayBuffer", HostDetachArrayBuffer, 1);
  DefineMethod(rt, host, "evalScript", HostEvalScript, 1);
  DefineMethod(rt, host, "createRealm", HostCreateRealm, 0);
  DefineMethod(rt, host, "IsHTMLDDA", HostIsHTMLDDA, 0)->set_undetectable();
  Rooted<Object*> agent(rt, rt.NewObject());
  if (this_agent == nullptr) {
    DefineMethod(rt, agent, "start", AgentStart, 1);
    DefineMethod(rt, agent, "broadcast", AgentBroadcast, 2);
    DefineMethod(rt, agent, "getReport", AgentGetReport, 0);
  } else {
    DefineMethod(rt, agent, "receiveBroadcast", AgentReceiveBroadcast, 1);
    DefineMethod(rt, agent, "report", AgentReport, 1);
    DefineMethod(rt, agent, "leaving", AgentLeaving, 0);
  }
  DefineMethod(rt, agent, "sleep", AgentSleep, 1);
  DefineMethod(rt, agent, "monotonicNow", AgentMonotonicNow, 0);
  DefineRaw(rt, host, PropertyKey::Named(rt.Intern(u"agent")), Value::FromCell(agent.get()), kAttrHidden);
  DefineRaw(rt, rt.global(), PropertyKey::Named(rt.Intern(u"$262")), Value::FromCell(host.get()), kAttrHidden);
}

}  // namespace

bool Test262AgentsStarted() {
  std::lock_guard<std::mutex> lock(TheCluster().mutex);
  return !TheCluster().agents.empty();
}

void InstallTest262Host(Runtime& rt, ScriptEvaluatorHook new_script) { InstallHost(rt, new_script); }

}  // namespace jsvm
