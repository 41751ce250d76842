// Promise (ECMA-262 §27.2) as V8 runs it: the constructor and resolving
// functions, then/catch/finally with species constructors, the statics
// (resolve, reject, all, allSettled, race, any, withResolvers), thenables,
// subclassing through NewPromiseCapability, and the jobs the queue runs; plus
// queueMicrotask. Exported operations are in promise.h.
//
// A capability of %Promise% made for `then` has no resolving functions: the
// reaction job settles its promise directly (V8 does the same; nothing can
// observe the difference, since nobody else holds those functions). Every
// other capability has real ones.
#include "vm/builtins/promise.h"

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/objects/object-ops.h"

namespace jsvm {

namespace {

// ---- helpers

PromiseObject* AsPromise(Value v) { return static_cast<PromiseObject*>(v.AsObject()); }

Value PromiseValue(PromiseObject* p) { return Value::FromCell(p); }

// An anonymous built-in function (name "", as the spec's abstract closures).
NativeFunction* NewAnonymousFunction(Runtime& rt, NativeFn fn, uint16_t length, Value data0 = Value::Undefined(),
                                     Value data1 = Value::Undefined()) {
  Rooted<Value> d0(rt, data0);
  Rooted<Value> d1(rt, data1);
  NativeFunction* f = rt.NewNativeFunction(fn, rt.names().empty, length, false);
  f->data[0] = d0;
  f->data[1] = d1;
  return f;
}

// The current exception, taken (the caller handles it).
Value TakeException(Runtime& rt) {
  Value e = rt.exception();
  rt.set_exception(Value::Undefined());
  return e;
}

// ---- resolving functions (CreateResolvingFunctions): data[0] the promise,
// data[1] the shared [[AlreadyResolved]] record (a Box holding a boolean).

bool TakeAlreadyResolved(NativeFunction* f) {
  auto* record = static_cast<Box*>(f->data[1].AsCell());
  if (record->value.IsTrue()) return true;
  record->value = Value::True();
  return false;
}

Value ResolveFunction(Runtime& rt, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  if (TakeAlreadyResolved(self)) return Value::Undefined();
  ResolvePromise(rt, AsPromise(self->data[0]), args[0]);
  return Value::Undefined();
}

Value RejectFunction(Runtime& rt, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  if (TakeAlreadyResolved(self)) return Value::Undefined();
  RejectPromise(rt, AsPromise(self->data[0]), args[0]);
  return Value::Undefined();
}

// The resolve and reject functions of `p`, sharing one [[AlreadyResolved]].
std::pair<Value, Value> CreateResolvingFunctions(Runtime& rt, PromiseObject* p, RootedVector& keep) {
  Rooted<Value> promise(rt, PromiseValue(p));
  Rooted<Value> record(rt, Value::FromCell(rt.heap().New<Box>(Value::False())));
  Rooted<Value> resolve(rt, Value::FromCell(NewAnonymousFunction(rt, ResolveFunction, 1, promise, record)));
  Rooted<Value> reject(rt, Value::FromCell(NewAnonymousFunction(rt, RejectFunction, 1, promise, record)));
  keep.push_back(resolve);
  keep.push_back(reject);
  return {resolve.get(), reject.get()};
}

// ---- reactions

void TriggerReactions(Runtime& rt, ExternalVector<PromiseReaction> reactions, Value argument, bool rejected) {
  for (PromiseReaction& r : reactions) {
    Job job;
    job.kind = r.native ? JobKind::kAwait : JobKind::kReaction;
    job.rejected = rejected;
    job.reaction = r;
    job.argument = argument;
    EnqueueMicrotask(rt, std::move(job));
  }
}

void Settle(Runtime& rt, PromiseObject* p, PromiseState state, Value value) {
  // Settle hands the reactions over; nothing allocates on the JS heap until
  // they are queued (the queue is a root).
  ExternalVector<PromiseReaction> reactions = p->Settle(state, value);
  TriggerReactions(rt, std::move(reactions), value, state == PromiseState::kRejected);
}

// Settles a capability: its resolving function, or the built-in promise directly.
void ResolveCapability(Runtime& rt, const PromiseCapability& cap, Value v) {
  if (cap.resolve.IsUndefined()) {
    ResolvePromise(rt, AsPromise(cap.promise), v);
  } else {
    Call(rt, cap.resolve, Value::Undefined(), {v});
  }
}

void RejectCapability(Runtime& rt, const PromiseCapability& cap, Value reason) {
  if (cap.reject.IsUndefined()) {
    RejectPromise(rt, AsPromise(cap.promise), reason);
  } else {
    Call(rt, cap.reject, Value::Undefined(), {reason});
  }
}

// ---- NewPromiseCapability

// GetCapabilitiesExecutor: data[0] resolve, data[1] reject.
Value CapabilitiesExecutor(Runtime& rt, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  if (!self->data[0].IsUndefined() || !self->data[1].IsUndefined()) {
    rt.ThrowTypeError("Promise executor has already been invoked with non-undefined arguments");
  }
  self->data[0] = args[0];
  self->data[1] = args[1];
  return Value::Undefined();
}

// NewPromiseCapability(C). With `functions` false and C %Promise%, the
// capability has no resolving functions (see the file comment). The values
// are pushed on `keep`.
PromiseCapability NewPromiseCapability(Runtime& rt, Value c, bool functions, RootedVector& keep) {
  PromiseCapability cap;
  if (c.IsObject() && c.AsObject() == rt.intrinsics().promise_constructor) {
    Rooted<PromiseObject*> p(rt, NewPromise(rt));
    keep.push_back(PromiseValue(p));
    cap.promise = PromiseValue(p);
    if (functions) std::tie(cap.resolve, cap.reject) = CreateResolvingFunctions(rt, p, keep);
    return cap;
  }
  if (!IsConstructor(c)) rt.ThrowTypeError(DescribeForError(rt, c) + " is not a constructor");
  Rooted<NativeFunction*> executor(rt, NewAnonymousFunction(rt, CapabilitiesExecutor, 2));
  Value executor_value = Value::FromCell(executor.get());
  Rooted<Value> promise(rt, Construct(rt, c, &executor_value, 1, c));
  if (!IsCallable(executor->data[0]) || !IsCallable(executor->data[1])) {
    rt.ThrowTypeError("Promise resolve or reject function is not callable");
  }
  cap.promise = promise;
  cap.resolve = executor->data[0];
  cap.reject = executor->data[1];
  keep.push_back(cap.promise);
  keep.push_back(cap.resolve);
  keep.push_back(cap.reject);
  return cap;
}

// SpeciesConstructor(o, %Promise%).
Value SpeciesConstructor(Runtime& rt, Object* o) {
  return SpeciesConstructor(rt, o, Value::FromCell(rt.intrinsics().promise_constructor));
}

// PromiseResolve(C, x).
Value PromiseResolveWith(Runtime& rt, Value c, Value x) {
  Rooted<Value> ctor(rt, c);
  Rooted<Value> value(rt, x);
  if (IsPromise(value)) {
    Value x_ctor = GetProperty(rt, value.get().AsObject(), PropertyKey::Named(rt.names().constructor));
    if (SameValue(x_ctor, ctor)) return value;
  }
  RootedVector keep(rt);
  PromiseCapability cap = NewPromiseCapability(rt, ctor, false, keep);
  ResolveCapability(rt, cap, value);
  return cap.promise;
}

// ---- the constructor and prototype methods

Value PromiseConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) rt.ThrowTypeError("Promise constructor cannot be invoked without 'new'");
  Rooted<Value> executor(rt, args[0]);
  if (!IsCallable(executor)) rt.ThrowTypeError("Promise resolver " + DescribeForError(rt, executor) + " is not a function");
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, rt.intrinsics().promise_prototype);
  Rooted<PromiseObject*> p(rt, rt.heap().New<PromiseObject>(proto));
  RootedVector keep(rt);
  auto [resolve, reject] = CreateResolvingFunctions(rt, p, keep);
  try {
    Call(rt, executor, Value::Undefined(), {resolve, reject});
  } catch (JsThrow&) {
    Rooted<Value> error(rt, TakeException(rt));
    Call(rt, reject, Value::Undefined(), {error});
  }
  return PromiseValue(p);
}

Value PromiseThen(Runtime& rt, CallArgs& args) {
  if (!IsPromise(args.this_value)) {
    rt.ThrowTypeError("Method Promise.prototype.then called on incompatible receiver " +
                      DescribeForError(rt, args.this_value));
  }
  Rooted<PromiseObject*> p(rt, AsPromise(args.this_value));
  RootedVector keep(rt);
  keep.push_back(args[0]);
  keep.push_back(args[1]);
  Rooted<Value> c(rt, SpeciesConstructor(rt, p));
  PromiseCapability cap = NewPromiseCapability(rt, c, false, keep);
  PerformPromiseThen(rt, p, args[0], args[1], cap);
  return cap.promise;
}

Value PromiseCatch(Runtime& rt, CallArgs& args) {
  return Invoke(rt, args.this_value, PropertyKey::Named(rt.names().then), {Value::Undefined(), args[0]});
}

// finally's closures. thenFinally/catchFinally: data[0] onFinally, data[1] C;
// the value thunk and thrower: data[0] the value or reason.
Value ValueThunk(Runtime&, CallArgs& args) { return static_cast<NativeFunction*>(args.callee)->data[0]; }

Value Thrower(Runtime& rt, CallArgs& args) { rt.Throw(static_cast<NativeFunction*>(args.callee)->data[0]); }

Value FinallyStep(Runtime& rt, CallArgs& args, NativeFn after) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  Rooted<Value> value(rt, args[0]);
  Rooted<Value> c(rt, self->data[1]);
  Rooted<Value> result(rt, Call(rt, self->data[0], Value::Undefined(), nullptr, 0));
  Rooted<Value> promise(rt, PromiseResolveWith(rt, c, result));
  Rooted<Value> thunk(rt, Value::FromCell(NewAnonymousFunction(rt, after, 0, value)));
  return Invoke(rt, promise, PropertyKey::Named(rt.names().then), {thunk});
}

Value ThenFinally(Runtime& rt, CallArgs& args) { return FinallyStep(rt, args, ValueThunk); }
Value CatchFinally(Runtime& rt, CallArgs& args) { return FinallyStep(rt, args, Thrower); }

Value PromiseFinally(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) rt.ThrowTypeError("Promise.prototype.finally called on non-object");
  Rooted<Value> promise(rt, args.this_value);
  Rooted<Value> on_finally(rt, args[0]);
  Rooted<Value> c(rt, SpeciesConstructor(rt, promise.get().AsObject()));
  Rooted<Value> then_finally(rt, on_finally);
  Rooted<Value> catch_finally(rt, on_finally);
  if (IsCallable(on_finally)) {
    then_finally = Value::FromCell(NewAnonymousFunction(rt, ThenFinally, 1, on_finally, c));
    catch_finally = Value::FromCell(NewAnonymousFunction(rt, CatchFinally, 1, on_finally, c));
  }
  return Invoke(rt, promise, PropertyKey::Named(rt.names().then), {then_finally, catch_finally});
}

// ---- statics

Value PromiseResolveStatic(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) rt.ThrowTypeError("PromiseResolve called on non-object");
  return PromiseResolveWith(rt, args.this_value, args[0]);
}

Value PromiseRejectStatic(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) rt.ThrowTypeError("PromiseReject called on non-object");
  Rooted<Value> reason(rt, args[0]);
  RootedVector keep(rt);
  PromiseCapability cap = NewPromiseCapability(rt, args.this_value, false, keep);
  RejectCapability(rt, cap, reason);
  return cap.promise;
}

Value PromiseWithResolvers(Runtime& rt, CallArgs& args) {
  RootedVector keep(rt);
  PromiseCapability cap = NewPromiseCapability(rt, args.this_value, true, keep);
  Rooted<Object*> obj(rt, rt.NewObject());
  const char* names[] = {"promise", "resolve", "reject"};
  Value values[] = {cap.promise, cap.resolve, cap.reject};
  for (int i = 0; i < 3; ++i) {
    Rooted<String*> key(rt, rt.InternUtf8(names[i]));
    CreateDataProperty(rt, obj, rt.KeyFor(key), values[i]);
  }
  return Value::FromCell(obj.get());
}

// Promise.try(callback, ...args) (ES2025).
Value PromiseTry(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) rt.ThrowTypeError("Promise.try called on non-object");
  RootedVector keep(rt);
  PromiseCapability cap = NewPromiseCapability(rt, args.this_value, false, keep);
  Rooted<Value> result(rt, Value::Undefined());
  try {
    result = Call(rt, args[0], Value::Undefined(), args.argc > 1 ? args.argv + 1 : nullptr,
                  args.argc > 1 ? args.argc - 1 : 0);
  } catch (JsThrow&) {
    Rooted<Value> error(rt, TakeException(rt));
    RejectCapability(rt, cap, error);
    return cap.promise;
  }
  ResolveCapability(rt, cap, result);
  return cap.promise;
}


// ---- combinators. The shared state of one call is an internal array:
// [values or errors (an Array), resolve, reject, remaining (a number)]; each
// element function has data[0] the state and data[1] a Box holding its index
// (undefined once called: [[AlreadyCalled]], shared by allSettled's pair).

enum class Combinator { kAll, kAllSettled, kAny };
enum StateSlot : uint32_t { kValues, kResolve, kReject, kRemaining, kStateSize };

Value StateGet(Object* state, uint32_t slot) { return state->elements()[slot]; }

// remaining -= 1; true when it reached 0.
bool DecrementRemaining(Runtime& rt, Object* state) {
  double n = StateGet(state, kRemaining).AsNumber() - 1;
  CreateIndex(rt, state, kRemaining, Value::Number(n));
  return n == 0;
}

void IncrementRemaining(Runtime& rt, Object* state) {
  CreateIndex(rt, state, kRemaining, Value::Number(StateGet(state, kRemaining).AsNumber() + 1));
}

Object* AggregateErrorFor(Runtime& rt, Value errors) {
  Rooted<Value> list(rt, errors);
  Rooted<Object*> e(rt, MakeError(rt, StateOf(rt).aggregate_error_prototype.AsObject(),
                                  StringValueUtf8(rt, "All promises were rejected")));
  DefineRaw(rt, e, PropertyKey::Named(rt.names().errors), list, kAttrHidden);
  return e;
}

// Settles the combinator's promise with its list once every element is in.
void FinishCombinator(Runtime& rt, Object* state_obj, Combinator kind) {
  Rooted<Object*> state(rt, state_obj);
  Rooted<Value> list(rt, StateGet(state, kValues));
  if (kind == Combinator::kAny) {
    Rooted<Value> error(rt, Value::FromCell(AggregateErrorFor(rt, list)));
    Call(rt, StateGet(state, kReject), Value::Undefined(), {error});
  } else {
    Call(rt, StateGet(state, kResolve), Value::Undefined(), {list});
  }
}

// The body of every element function: `entry` is the value to store.
template <Combinator kKind>
Value ElementFunctionBody(Runtime& rt, CallArgs& args, Value (*make_entry)(Runtime&, Value)) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  auto* called = static_cast<Box*>(self->data[1].AsCell());
  if (called->value.IsUndefined()) return Value::Undefined();
  uint32_t index = static_cast<uint32_t>(called->value.AsNumber());
  called->value = Value::Undefined();
  Rooted<Object*> state(rt, self->data[0].AsObject());
  Rooted<Value> entry(rt, make_entry ? make_entry(rt, args[0]) : args[0]);
  CreateIndex(rt, StateGet(state, kValues).AsObject(), index, entry);
  if (DecrementRemaining(rt, state)) FinishCombinator(rt, state, kKind);
  return Value::Undefined();
}

Value SettledRecord(Runtime& rt, Value v, bool fulfilled) {
  Rooted<Value> value(rt, v);
  Rooted<Object*> obj(rt, rt.NewObject());
  Rooted<String*> status_key(rt, rt.InternUtf8("status"));
  Rooted<Value> status(rt, Value::FromCell(rt.InternUtf8(fulfilled ? "fulfilled" : "rejected")));
  CreateDataProperty(rt, obj, rt.KeyFor(status_key), status);
  Rooted<String*> value_key(rt, fulfilled ? rt.names().value : rt.InternUtf8("reason"));
  CreateDataProperty(rt, obj, rt.KeyFor(value_key), value);
  return Value::FromCell(obj.get());
}

Value FulfilledRecord(Runtime& rt, Value v) { return SettledRecord(rt, v, true); }
Value RejectedRecord(Runtime& rt, Value v) { return SettledRecord(rt, v, false); }

Value AllResolveElement(Runtime& rt, CallArgs& args) { return ElementFunctionBody<Combinator::kAll>(rt, args, nullptr); }
Value AllSettledResolveElement(Runtime& rt, CallArgs& args) {
  return ElementFunctionBody<Combinator::kAllSettled>(rt, args, FulfilledRecord);
}
Value AllSettledRejectElement(Runtime& rt, CallArgs& args) {
  return ElementFunctionBody<Combinator::kAllSettled>(rt, args, RejectedRecord);
}
Value AnyRejectElement(Runtime& rt, CallArgs& args) { return ElementFunctionBody<Combinator::kAny>(rt, args, nullptr); }

// IteratorClose(iteratorRecord, a throw completion): the original exception wins.
void CloseIteratorAfterThrow(Runtime& rt, Value iterator) {
  Rooted<Value> exception(rt, rt.exception());
  try {
    IteratorClose(rt, iterator);
  } catch (JsThrow&) {
  }
  rt.set_exception(exception);
}

// Promise.all, allSettled, any and race: the shared frame (GetPromiseResolve,
// GetIterator, the loop, IfAbruptRejectPromise); `race` has no element state.
Value RunCombinator(Runtime& rt, CallArgs& args, const char* name, bool race, Combinator kind) {
  Rooted<Value> c(rt, args.this_value);
  if (!c.get().IsObject()) rt.ThrowTypeError(std::string(name) + " called on non-object");
  Rooted<Value> iterable(rt, args[0]);
  RootedVector keep(rt);
  PromiseCapability cap = NewPromiseCapability(rt, c, true, keep);
  Rooted<Value> iterator(rt, Value::Undefined());
  bool done = true;  // [[Done]]: no IteratorClose when the iterator itself failed
  try {
    Rooted<Value> promise_resolve(rt, GetProperty(rt, c.get().AsObject(), rt.KeyForUtf8("resolve")));
    if (!IsCallable(promise_resolve)) rt.ThrowTypeError("Promise resolve or reject function is not callable");
    Value next_method_raw;
    iterator = GetIterator(rt, iterable, &next_method_raw);
    Rooted<Value> next_method(rt, next_method_raw);
    done = false;
    Rooted<Object*> state(rt, nullptr);
    if (!race) {
      state = rt.NewArray(0);
      Rooted<Value> list(rt, Value::FromCell(rt.NewArray(0)));
      ArrayPush(rt, static_cast<Array*>(state.get()), list);
      ArrayPush(rt, static_cast<Array*>(state.get()), cap.resolve);
      ArrayPush(rt, static_cast<Array*>(state.get()), cap.reject);
      ArrayPush(rt, static_cast<Array*>(state.get()), Value::Int(1));
    }
    for (uint32_t index = 0;; ++index) {
      Value next_raw;
      done = true;
      bool more = IteratorStep(rt, iterator, next_method, &next_raw);
      if (!more) break;
      done = false;
      Rooted<Value> next(rt, next_raw);
      Rooted<Value> next_promise(rt, Call(rt, promise_resolve, c, {next}));
      if (race) {
        Invoke(rt, next_promise, PropertyKey::Named(rt.names().then), {cap.resolve, cap.reject});
        continue;
      }
      CreateIndex(rt, StateGet(state, kValues).AsObject(), index, Value::Undefined());
      Rooted<Value> called(rt, Value::FromCell(rt.heap().New<Box>(Value::Int(static_cast<int32_t>(index)))));
      Rooted<Value> on_fulfilled(rt, cap.resolve);
      Rooted<Value> on_rejected(rt, cap.reject);
      Value state_value = Value::FromCell(state.get());
      if (kind == Combinator::kAll) {
        on_fulfilled = Value::FromCell(NewAnonymousFunction(rt, AllResolveElement, 1, state_value, called));
      } else if (kind == Combinator::kAllSettled) {
        on_fulfilled = Value::FromCell(NewAnonymousFunction(rt, AllSettledResolveElement, 1, state_value, called));
        on_rejected = Value::FromCell(NewAnonymousFunction(rt, AllSettledRejectElement, 1, state_value, called));
      } else {
        on_rejected = Value::FromCell(NewAnonymousFunction(rt, AnyRejectElement, 1, state_value, called));
      }
      IncrementRemaining(rt, state);
      Invoke(rt, next_promise, PropertyKey::Named(rt.names().then), {on_fulfilled, on_rejected});
    }
    if (!race && DecrementRemaining(rt, state)) FinishCombinator(rt, state, kind);
  } catch (JsThrow&) {
    if (!done) CloseIteratorAfterThrow(rt, iterator);
    Rooted<Value> error(rt, TakeException(rt));
    RejectCapability(rt, cap, error);
  }
  return cap.promise;
}

Value PromiseAll(Runtime& rt, CallArgs& args) { return RunCombinator(rt, args, "Promise.all", false, Combinator::kAll); }
Value PromiseAllSettled(Runtime& rt, CallArgs& args) {
  return RunCombinator(rt, args, "Promise.allSettled", false, Combinator::kAllSettled);
}
Value PromiseAny(Runtime& rt, CallArgs& args) { return RunCombinator(rt, args, "Promise.any", false, Combinator::kAny); }
Value PromiseRace(Runtime& rt, CallArgs& args) { return RunCombinator(rt, args, "Promise.race", true, Combinator::kAll); }

}  // namespace

// ---- exported operations

PromiseObject* NewPromise(Runtime& rt) { return rt.heap().New<PromiseObject>(rt.intrinsics().promise_prototype); }

void FulfillPromise(Runtime& rt, PromiseObject* p, Value v) {
  if (p->state() != PromiseState::kPending) return;
  Settle(rt, p, PromiseState::kFulfilled, v);
}

void RejectPromise(Runtime& rt, PromiseObject* p, Value reason) {
  if (p->state() != PromiseState::kPending) return;
  if (!p->is_handled()) rt.job_queue().NoteRejectedWithoutHandler(p);
  Settle(rt, p, PromiseState::kRejected, reason);
}

void ResolvePromise(Runtime& rt, PromiseObject* promise, Value resolution) {
  Rooted<PromiseObject*> p(rt, promise);
  Rooted<Value> v(rt, resolution);
  if (v.get().IsCell() && v.get().AsCell() == p.get()) {
    Rooted<Value> error(rt, Value::FromCell(MakeError(rt, rt.intrinsics().type_error_prototype,
                                                      StringValueUtf8(rt, "Chaining cycle detected for promise #<Promise>"))));
    RejectPromise(rt, p, error);
    return;
  }
  if (!v.get().IsObject()) {
    FulfillPromise(rt, p, v);
    return;
  }
  Rooted<Value> then(rt, Value::Undefined());
  try {
    then = GetProperty(rt, v.get().AsObject(), PropertyKey::Named(rt.names().then));
  } catch (JsThrow&) {
    Rooted<Value> error(rt, TakeException(rt));
    RejectPromise(rt, p, error);
    return;
  }
  if (!IsCallable(then)) {
    FulfillPromise(rt, p, v);
    return;
  }
  Job job;
  job.kind = JobKind::kThenable;
  job.promise = PromiseValue(p);
  job.argument = v;
  job.handler = then;
  EnqueueMicrotask(rt, std::move(job));
}

PromiseObject* PromiseResolve(Runtime& rt, Value v) {
  return AsPromise(PromiseResolveWith(rt, Value::FromCell(rt.intrinsics().promise_constructor), v));
}

namespace {

// PerformPromiseThen's common steps: a pending promise keeps the reaction; a
// settled one queues its job (of `kind`) now. The promise is handled after.
void AddReaction(Runtime& rt, PromiseObject* p, const PromiseReaction& r, JobKind kind) {
  if (p->state() == PromiseState::kPending) {
    p->AddReaction(r);
  } else {
    bool rejected = p->state() == PromiseState::kRejected;
    if (rejected && !p->is_handled()) rt.job_queue().NoteHandlerAdded(p);
    Job job;
    job.kind = kind;
    job.rejected = rejected;
    job.reaction = r;
    job.argument = p->result();
    EnqueueMicrotask(rt, std::move(job));
  }
  p->set_handled();
}

}  // namespace

void PerformPromiseThen(Runtime& rt, PromiseObject* p, Value on_fulfilled, Value on_rejected,
                        const PromiseCapability& capability) {
  PromiseReaction r;
  r.capability = capability;
  r.on_fulfilled = IsCallable(on_fulfilled) ? on_fulfilled : Value::Undefined();
  r.on_rejected = IsCallable(on_rejected) ? on_rejected : Value::Undefined();
  AddReaction(rt, p, r, JobKind::kReaction);
}

void PerformPromiseThen(Runtime& rt, PromiseObject* p, Value on_fulfilled, Value on_rejected,
                        PromiseObject* result_promise) {
  PromiseCapability cap;
  if (result_promise) cap.promise = PromiseValue(result_promise);
  PerformPromiseThen(rt, p, on_fulfilled, on_rejected, cap);
}

void PerformPromiseThenNative(Runtime& rt, PromiseObject* p, PromiseContinuation fn, Object* target) {
  PromiseReaction r;
  r.native = fn;
  r.target = target;
  AddReaction(rt, p, r, JobKind::kAwait);
}

void RunJob(Runtime& rt, Job& job) {
  switch (job.kind) {
    case JobKind::kAwait:
      job.reaction.native(rt, job.reaction.target, job.argument, job.rejected);
      return;
    case JobKind::kMicrotask:
      Call(rt, job.handler, Value::Undefined(), nullptr, 0);
      return;
    case JobKind::kThenable: {
      // NewPromiseResolveThenableJob.
      RootedVector keep(rt);
      auto [resolve, reject] = CreateResolvingFunctions(rt, AsPromise(job.promise), keep);
      try {
        Call(rt, job.handler, job.argument, {resolve, reject});
      } catch (JsThrow&) {
        Rooted<Value> error(rt, TakeException(rt));
        Call(rt, reject, Value::Undefined(), {error});
      }
      return;
    }
    case JobKind::kReaction: {
      // NewPromiseReactionJob.
      const PromiseReaction& r = job.reaction;
      Value handler = job.rejected ? r.on_rejected : r.on_fulfilled;
      Rooted<Value> result(rt, job.argument);
      bool threw = job.rejected;
      if (!handler.IsUndefined()) {
        try {
          result = Call(rt, handler, Value::Undefined(), {job.argument});
          threw = false;
        } catch (JsThrow&) {
          result = TakeException(rt);
          threw = true;
        }
      }
      if (r.capability.promise.IsUndefined()) return;
      if (threw) {
        RejectCapability(rt, r.capability, result);
      } else {
        ResolveCapability(rt, r.capability, result);
      }
      return;
    }
    case JobKind::kTimer:
      return;
  }
}

void InstallPromiseBuiltins(Runtime& rt) {
  Intrinsics& in = rt.mutable_intrinsics();
  Rooted<Object*> proto(rt, rt.NewObject(in.object_prototype));
  in.promise_prototype = proto;
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "Promise", PromiseConstructor, 1, proto));
  in.promise_constructor = ctor;
  DefineMethod(rt, ctor, "all", PromiseAll, 1);
  DefineMethod(rt, ctor, "allSettled", PromiseAllSettled, 1);
  DefineMethod(rt, ctor, "any", PromiseAny, 1);
  DefineMethod(rt, ctor, "race", PromiseRace, 1);
  DefineMethod(rt, ctor, "resolve", PromiseResolveStatic, 1);
  DefineMethod(rt, ctor, "reject", PromiseRejectStatic, 1);
  DefineMethod(rt, ctor, "withResolvers", PromiseWithResolvers, 0);
  DefineMethod(rt, ctor, "try", PromiseTry, 1);
  DefineSpeciesGetter(rt, ctor);
  DefineMethod(rt, proto, "then", PromiseThen, 2);
  DefineMethod(rt, proto, "catch", PromiseCatch, 1);
  DefineMethod(rt, proto, "finally", PromiseFinally, 1);
  Rooted<Value> tag(rt, Value::FromCell(rt.InternUtf8("Promise")));
  DefineRaw(rt, proto, PropertyKey::Named(rt.symbols().to_string_tag), tag, kAttrConfigurable);
  Value aggregate = GetProperty(rt, rt.global(), rt.KeyForUtf8("AggregateError"));
  StateOf(rt).aggregate_error_prototype =
      GetProperty(rt, aggregate.AsObject(), PropertyKey::Named(rt.names().prototype));
}

}  // namespace jsvm
