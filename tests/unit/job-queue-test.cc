// Unit tests of the job queue, the rejection tracker and the promise
// operations the interpreter uses (vm/builtins/promise.h), driven from C++.
#include <gtest/gtest.h>

#include <vector>

#include "vm/builtins/promise.h"
#include "vm/execution/job-queue.h"
#include "vm/host/event-loop.h"

namespace jsvm {
namespace {

// What a native continuation saw, in order.
struct Seen {
  Value value;
  bool rejected;
};
std::vector<Seen>* g_seen = nullptr;

void Record(Runtime&, Object*, Value value, bool rejected) { g_seen->push_back({value, rejected}); }

TEST(JobQueue, NativeContinuationRunsAfterSettlementInOrder) {
  Runtime rt;
  std::vector<Seen> seen;
  g_seen = &seen;
  Rooted<PromiseObject*> a(rt, NewPromise(rt));
  Rooted<PromiseObject*> b(rt, NewPromise(rt));
  PerformPromiseThenNative(rt, a, Record, a);
  PerformPromiseThenNative(rt, b, Record, b);
  EXPECT_TRUE(a->is_handled());
  ResolvePromise(rt, b, Value::Int(2));
  RejectPromise(rt, a, Value::Int(1));
  EXPECT_TRUE(seen.empty());  // jobs, not synchronous calls
  EXPECT_EQ(rt.job_queue().size(), 2u);
  RunMicrotasks(rt);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].value.AsInt(), 2);
  EXPECT_FALSE(seen[0].rejected);
  EXPECT_EQ(seen[1].value.AsInt(), 1);
  EXPECT_TRUE(seen[1].rejected);
  EXPECT_TRUE(rt.job_queue().empty());
  // Settling again does nothing.
  ResolvePromise(rt, a, Value::Int(3));
  EXPECT_TRUE(rt.job_queue().empty());
  g_seen = nullptr;
}

TEST(JobQueue, ResolvingWithAPromiseTakesTwoMoreJobs) {
  Runtime rt;
  std::vector<Seen> seen;
  g_seen = &seen;
  Rooted<PromiseObject*> inner(rt, NewPromise(rt));
  Rooted<PromiseObject*> outer(rt, NewPromise(rt));
  ResolvePromise(rt, inner, Value::Int(7));
  PerformPromiseThenNative(rt, outer, Record, outer);
  ResolvePromise(rt, outer, Value::FromCell(inner.get()));  // a thenable: NewPromiseResolveThenableJob
  EXPECT_EQ(rt.job_queue().size(), 1u);
  EXPECT_EQ(rt.job_queue().jobs().front().kind, JobKind::kThenable);
  RunMicrotasks(rt);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].value.AsInt(), 7);
  g_seen = nullptr;
}

TEST(JobQueue, RejectionTrackerForgetsPromisesHandledBeforeTheCheck) {
  Runtime rt;
  Rooted<PromiseObject*> handled_later(rt, NewPromise(rt));
  Rooted<PromiseObject*> never_handled(rt, NewPromise(rt));
  RejectPromise(rt, handled_later, Value::Int(1));
  RejectPromise(rt, never_handled, Value::Int(2));
  PerformPromiseThen(rt, handled_later, Value::Undefined(), Value::Undefined(), static_cast<PromiseObject*>(nullptr));
  RunMicrotasks(rt);
  EXPECT_EQ(rt.job_queue().TakeUnhandledRejection(), never_handled.get());
  EXPECT_EQ(rt.job_queue().TakeUnhandledRejection(), nullptr);
}

TEST(JobQueue, SelfResolutionRejectsWithTypeError) {
  Runtime rt;
  Rooted<PromiseObject*> p(rt, NewPromise(rt));
  ResolvePromise(rt, p, Value::FromCell(p.get()));
  EXPECT_EQ(p->state(), PromiseState::kRejected);
  EXPECT_TRUE(p->result().IsCellOfKind(CellKind::kError));
  // Unhandled: the host's check throws, with the reason as the exception.
  EXPECT_THROW(DrainMicrotasksAndCheck(rt), JsUnhandledRejection);
  EXPECT_TRUE(rt.exception().IsCellOfKind(CellKind::kError));
}

TEST(JobQueue, PendingChainSurvivesCollections) {
  Runtime rt;
  std::vector<Seen> seen;
  g_seen = &seen;
  {
    Rooted<PromiseObject*> head(rt, NewPromise(rt));
    // Reachable only through the head's reactions: a derived promise with a native reaction.
    PromiseObject* derived = NewPromise(rt);
    PerformPromiseThen(rt, head, Value::Undefined(), Value::Undefined(), derived);
    PerformPromiseThenNative(rt, derived, Record, derived);
    rt.heap().Collect("test");
    rt.heap().Collect("test");
    ResolvePromise(rt, head, Value::Int(5));
  }
  rt.heap().Collect("test");  // only the job queue holds the chain now
  RunMicrotasks(rt);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].value.AsInt(), 5);
  g_seen = nullptr;
}

}  // namespace
}  // namespace jsvm
