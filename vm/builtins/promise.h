// The Promise built-in's operations for the rest of the VM (the interpreter's
// async functions, the host): creating, resolving and rejecting promises and
// subscribing native continuations to them. The built-in itself (the
// constructor, then/catch/finally, the combinators) is vm/builtins/promise.cc;
// the job queue that runs the reactions is vm/execution/job-queue.h.
#pragma once

#include "vm/execution/job-queue.h"
#include "vm/execution/runtime.h"
#include "vm/objects/promise.h"

namespace jsvm {

// A pending promise whose prototype is %Promise.prototype%.
PromiseObject* NewPromise(Runtime& rt);
// The steps of a promise's resolve function: a TypeError rejection when v is
// p itself, fulfilment for non-thenables, and for thenables a
// NewPromiseResolveThenableJob. Does nothing when p is already settled.
void ResolvePromise(Runtime& rt, PromiseObject* p, Value v);
// RejectPromise (with the rejection tracker). Does nothing when p is
// already settled.
void RejectPromise(Runtime& rt, PromiseObject* p, Value reason);
// FulfillPromise: settles p with v (no thenable check). Does nothing when p
// is already settled.
void FulfillPromise(Runtime& rt, PromiseObject* p, Value v);
// PromiseResolve(%Promise%, v): v itself when it is a promise whose
// `constructor` is %Promise%, else a new promise resolved with v. May throw
// (a throwing `constructor` getter).
PromiseObject* PromiseResolve(Runtime& rt, Value v);
// PerformPromiseThen(p) with the native continuation `fn` and `target` (kept
// alive by the reaction) as the reaction, and no result promise; marks p
// handled. The job (JobKind::kAwait) runs fn(rt, target, value, rejected).
void PerformPromiseThenNative(Runtime& rt, PromiseObject* p, PromiseContinuation fn, Object* target);
// PerformPromiseThen(p, onFulfilled, onRejected, resultCapability) where the
// capability is the built-in promise `result_promise` (or none when null).
// Non-callable handlers pass the value or reason through.
void PerformPromiseThen(Runtime& rt, PromiseObject* p, Value on_fulfilled, Value on_rejected,
                        PromiseObject* result_promise);
// The same with any capability (a subclass's, from NewPromiseCapability).
void PerformPromiseThen(Runtime& rt, PromiseObject* p, Value on_fulfilled, Value on_rejected,
                        const PromiseCapability& capability);
// Whether v is a promise object (has [[PromiseState]]).
inline bool IsPromise(Value v) { return v.IsCellOfKind(CellKind::kPromise); }

// Runs one job of the queue (RunMicrotasks calls it for each).
void RunJob(Runtime& rt, Job& job);

// Installs Promise and queueMicrotask on rt's global object.
void InstallPromiseBuiltins(Runtime& rt);

}  // namespace jsvm
