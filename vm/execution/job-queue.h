// The job queue (ECMA-262 HostEnqueuePromiseJob; V8's MicrotaskQueue): the
// microtasks that promise reactions, thenables, `await` and queueMicrotask
// enqueue, run in FIFO order until the queue is empty. Owned by the Runtime
// (Runtime::job_queue()) and traced as the root section "(Microtask queue)".
//
// Also the host's promise rejection tracker (HostPromiseRejectionTracker):
// the promises rejected with no handler, checked by the host after each
// drain (node reports the first still unhandled and exits 1).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "vm/objects/promise.h"
#include "vm/objects/value.h"

namespace jsvm {

class Runtime;
class Visitor;

// Who enqueued a job (the trace tells tasks and microtasks apart by it).
enum class JobKind : uint8_t {
  kReaction,      // a then/catch/finally reaction (NewPromiseReactionJob)
  kAwait,         // a native continuation: `await` resuming its function
  kThenable,      // NewPromiseResolveThenableJob: calling a thenable's then
  kMicrotask,     // queueMicrotask(fn)
  kTimer,         // a timer or immediate callback (a task of the event loop, never queued here)
};

// The name of a job kind ("reaction", "await", ...), for traces.
const char* JobKindName(JobKind kind);

// One job. Which fields are used depends on the kind:
//   kReaction/kAwait: `reaction` runs with `argument`; `rejected` is the reaction type;
//   kThenable: calls `handler` (the then) on `argument` (the thenable) with resolving
//              functions for `promise`;
//   kMicrotask: calls `handler` with no arguments.
struct Job {
  JobKind kind = JobKind::kMicrotask;
  bool rejected = false;
  uint64_t id = 0;  // sequence number, given when enqueued
  PromiseReaction reaction;
  Value handler;
  Value argument;
  Value promise;
};

class JobQueue {
 public:
  // Appends a job (gives it its id) and tells the trace hooks.
  void Enqueue(Runtime& rt, Job job);
  bool empty() const { return jobs_.empty(); }
  size_t size() const { return jobs_.size(); }
  // The jobs waiting, oldest first.
  const std::deque<Job>& jobs() const { return jobs_; }
  // Removes and returns the oldest job.
  Job Pop();

  // HostPromiseRejectionTracker(p, "reject"): p was rejected with no handler.
  void NoteRejectedWithoutHandler(PromiseObject* p);
  // HostPromiseRejectionTracker(p, "handle"): a handler was added to a
  // rejected promise that had none.
  void NoteHandlerAdded(PromiseObject* p);
  // The first promise rejected without a handler that still has none, or
  // nullptr; forgets those that got a handler.
  PromiseObject* TakeUnhandledRejection();

  // Reports every value the queued jobs and tracked promises hold.
  void Trace(Visitor& v) const;

 private:
  std::deque<Job> jobs_;
  uint64_t next_id_ = 1;
  std::vector<PromiseObject*> pending_rejections_;
};

// Enqueues `job` on rt's job queue.
void EnqueueMicrotask(Runtime& rt, Job job);
// Drains the job queue: runs jobs, oldest first, until it is empty (jobs
// enqueued while draining run too). A job that throws (only queueMicrotask
// callbacks can: promise jobs turn exceptions into rejections) leaves the
// rest queued and the exception propagates (JsThrow) to the host, which
// reports it as uncaught.
void RunMicrotasks(Runtime& rt);

}  // namespace jsvm
