// The microtask queue and the rejection tracker (job-queue.h).
#include "vm/execution/job-queue.h"

#include <algorithm>
#include <utility>

#include "vm/builtins/promise.h"
#include "vm/execution/runtime.h"
#include "vm/interpreter/trace-hooks.h"

namespace jsvm {

const char* JobKindName(JobKind kind) {
  switch (kind) {
    case JobKind::kReaction: return "reaction";
    case JobKind::kAwait: return "await";
    case JobKind::kThenable: return "thenable";
    case JobKind::kMicrotask: return "microtask";
    case JobKind::kTimer: return "timer";
  }
  return "job";
}

void JobQueue::Enqueue(Runtime& rt, Job job) {
  job.id = next_id_++;
  jobs_.push_back(std::move(job));
  if (TraceHooks* hooks = rt.trace_hooks()) hooks->OnJobEnqueued(jobs_.back());
}

Job JobQueue::Pop() {
  Job job = std::move(jobs_.front());
  jobs_.pop_front();
  return job;
}

void JobQueue::NoteRejectedWithoutHandler(PromiseObject* p) { pending_rejections_.push_back(p); }

void JobQueue::NoteHandlerAdded(PromiseObject* p) {
  std::erase(pending_rejections_, p);
}

PromiseObject* JobQueue::TakeUnhandledRejection() {
  std::erase_if(pending_rejections_, [](PromiseObject* p) { return p->is_handled(); });
  if (pending_rejections_.empty()) return nullptr;
  PromiseObject* p = pending_rejections_.front();
  pending_rejections_.erase(pending_rejections_.begin());
  return p;
}

void JobQueue::Trace(Visitor& v) const {
  for (const Job& job : jobs_) {
    TracePromiseReaction(v, job.reaction);
    TraceValue(v, job.handler, EdgeType::kInternal, EdgeName::Str("handler"));
    TraceValue(v, job.argument, EdgeType::kInternal, EdgeName::Str("argument"));
    TraceValue(v, job.promise, EdgeType::kInternal, EdgeName::Str("promise"));
  }
  for (PromiseObject* p : pending_rejections_) v.Edge(p, EdgeType::kInternal, EdgeName::Str("unhandled rejection"));
}

void EnqueueMicrotask(Runtime& rt, Job job) { rt.job_queue().Enqueue(rt, std::move(job)); }

void RunMicrotasks(Runtime& rt) {
  JobQueue& queue = rt.job_queue();
  // The running job's values stay reachable while it runs: a rooted copy
  // (one vector for the whole drain, emptied per job: no allocation per job).
  RootedVector roots(rt);
  while (!queue.empty()) {
    Job job = queue.Pop();
    roots.values().clear();
    for (Value val : {job.handler, job.argument, job.promise, job.reaction.capability.promise,
                      job.reaction.capability.resolve, job.reaction.capability.reject,
                      job.reaction.on_fulfilled, job.reaction.on_rejected}) {
      if (val.IsCell()) roots.push_back(val);
    }
    if (job.reaction.target) roots.push_back(Value::FromCell(job.reaction.target));
    TraceHooks* hooks = rt.trace_hooks();
    if (hooks) hooks->OnJobStart(job);
    try {
      RunJob(rt, job);
    } catch (...) {
      if (TraceHooks* h = rt.trace_hooks()) h->OnJobEnd(job);
      throw;
    }
    if (TraceHooks* h = rt.trace_hooks()) h->OnJobEnd(job);
  }
}

}  // namespace jsvm
