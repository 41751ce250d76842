// Async functions, async generators and %AsyncFromSyncIteratorPrototype%:
// the steps their intrinsics take (await, resolve, reject, the async
// generator's request queue), and the intrinsic objects
// (%AsyncFunction.prototype%, %AsyncGeneratorFunction.prototype%,
// %AsyncGeneratorPrototype%, %AsyncIteratorPrototype%).
//
// `await v` is PromiseResolve(v) plus a native reaction (a job of kind
// JobKind::kAwait) that resumes the suspended activation: one tick for a
// native promise, as in V8 since the await optimisation (ES2019).
//
// An async generator serves its queue of next/return/throw requests one at
// a time (the spec's AsyncGeneratorResumeNext as V8 implements it): a
// request resumes the body unless it is running or awaiting; a yield
// settles the request at the head; a return request awaits its value before
// the body sees it.
#include "vm/builtins/builtins.h"
#include "vm/builtins/generator.h"
#include "vm/builtins/promise.h"
#include "vm/objects/collections.h"
#include "vm/execution/operations.h"
#include "vm/interpreter/interpreter.h"

namespace jsvm {

namespace {

// Resumes `gen` with a completion; a failure to even enter the activation
// (stack overflow) is the activation's own exception.
Value ResumeWith(Runtime& rt, GeneratorObject* gen, ResumeMode mode, Value value) {
  gen->set_resume_mode(mode);
  gen->set_input(value);
  return rt.interpreter().ResumeGenerator(gen);
}

PromiseObject* PromiseOf(Value v) { return static_cast<PromiseObject*>(v.AsCell()); }

// ---- async functions

void AsyncFunctionAwaitContinuation(Runtime& rt, Object* target, Value value, bool rejected) {
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(target));
  try {
    ResumeWith(rt, gen.get(), rejected ? ResumeMode::kThrow : ResumeMode::kNext, value);
  } catch (JsThrow&) {
    // Only entering can throw (the body's handler catches the rest).
    Rooted<Value> e(rt, rt.exception());
    RejectPromise(rt, PromiseOf(gen->promise()), e);
  }
}

// ---- async generators

void AsyncGeneratorResumeNext(Runtime& rt, GeneratorObject* gen);

// Settles the request at the head of the queue (AsyncGeneratorCompleteStep).
void CompleteStep(Runtime& rt, GeneratorObject* gen, Value value, bool thrown, bool done) {
  if (gen->queue().empty()) return;
  AsyncGeneratorRequest req = gen->queue().front();
  gen->queue().erase(gen->queue().begin());
  Rooted<Value> promise(rt, req.promise);
  Rooted<Value> v(rt, value);
  if (thrown) {
    RejectPromise(rt, PromiseOf(promise), v);
  } else {
    Rooted<Value> result(rt, Value::FromCell(CreateIterResultObject(rt, v, done)));
    ResolvePromise(rt, PromiseOf(promise), result);
  }
}

// Resumes the body of `gen`; whatever settles requests runs in its intrinsics.
void ResumeAsyncGenerator(Runtime& rt, GeneratorObject* g, ResumeMode mode, Value value) {
  Rooted<GeneratorObject*> gen(rt, g);
  try {
    ResumeWith(rt, gen.get(), mode, value);
  } catch (JsThrow&) {
    Rooted<Value> e(rt, rt.exception());
    CloseGenerator(gen.get());
    CompleteStep(rt, gen.get(), e, true, true);
  }
}

// The body's await (and a yield's await of its operand) settled.
void AsyncGeneratorAwaitContinuation(Runtime& rt, Object* target, Value value, bool rejected) {
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(target));
  gen->set_awaiting(false);
  ResumeAsyncGenerator(rt, gen.get(), rejected ? ResumeMode::kThrow : ResumeMode::kNext, value);
  AsyncGeneratorResumeNext(rt, gen.get());
}

// `yield v`: v settled; a fulfilled v is the request's value.
void AsyncGeneratorYieldContinuation(Runtime& rt, Object* target, Value value, bool rejected) {
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(target));
  gen->set_awaiting(false);
  if (rejected) {
    // Await(v) threw: the exception surfaces at the yield.
    ResumeAsyncGenerator(rt, gen.get(), ResumeMode::kThrow, value);
  } else {
    CompleteStep(rt, gen.get(), value, false, false);
  }
  AsyncGeneratorResumeNext(rt, gen.get());
}

// return(v) on a suspended-at-yield generator: v settled, the body returns
// it (or throws the rejection) where it stands.
void AsyncGeneratorReturnContinuation(Runtime& rt, Object* target, Value value, bool rejected) {
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(target));
  gen->set_awaiting(false);
  ResumeAsyncGenerator(rt, gen.get(), rejected ? ResumeMode::kThrow : ResumeMode::kReturn, value);
  AsyncGeneratorResumeNext(rt, gen.get());
}

// return(v) on a finished generator: v settled, the request completes with it.
void AsyncGeneratorClosedReturnContinuation(Runtime& rt, Object* target, Value value, bool rejected) {
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(target));
  gen->set_awaiting(false);
  CompleteStep(rt, gen.get(), value, rejected, true);
  AsyncGeneratorResumeNext(rt, gen.get());
}

// Awaits `value` for `gen` with `continuation`. A PromiseResolve that throws
// (a promise whose `constructor` getter throws) throws at the await when the
// body awaits (`in_body`); for the runtime's own awaits (a return request's
// value) it runs the continuation as a rejection right away.
void AwaitFor(Runtime& rt, GeneratorObject* g, Value value, PromiseContinuation continuation, bool in_body) {
  Rooted<GeneratorObject*> gen(rt, g);
  Rooted<Value> operand(rt, value);
  Rooted<PromiseObject*> p(rt, nullptr);
  try {
    p = PromiseResolve(rt, operand);
  } catch (JsThrow&) {
    if (in_body) throw;
    Rooted<Value> e(rt, rt.exception());
    continuation(rt, gen.get(), e, true);
    return;
  }
  gen->set_awaiting(true);
  PerformPromiseThenNative(rt, p.get(), continuation, gen.get());
}

void AsyncGeneratorResumeNext(Runtime& rt, GeneratorObject* g) {
  Rooted<GeneratorObject*> gen(rt, g);
  for (;;) {
    if (gen->is_executing() || gen->awaiting() || gen->queue().empty()) return;
    AsyncGeneratorRequest req = gen->queue().front();
    Rooted<Value> value(rt, req.value);
    if (req.mode != ResumeMode::kNext && gen->continuation() == 0) {
      // An abrupt request before the body started: it never will.
      CloseGenerator(gen.get());
    }
    if (gen->is_closed()) {
      if (req.mode == ResumeMode::kReturn) {
        AwaitFor(rt, gen.get(), value, AsyncGeneratorClosedReturnContinuation, false);
        return;
      }
      CompleteStep(rt, gen.get(), req.mode == ResumeMode::kThrow ? value.get() : Value::Undefined(),
                   req.mode == ResumeMode::kThrow, true);
      continue;
    }
    if (req.mode == ResumeMode::kReturn) {
      // At a yield: the body sees return(v) once v settled.
      AwaitFor(rt, gen.get(), value, AsyncGeneratorReturnContinuation, false);
      return;
    }
    ResumeAsyncGenerator(rt, gen.get(), req.mode, value);
  }
}

// AsyncGenerator.prototype.next/return/throw.
Value AsyncGeneratorEnqueue(Runtime& rt, CallArgs& args, ResumeMode mode, const char* method) {
  Rooted<Value> promise(rt, Value::FromCell(NewPromise(rt)));
  Value self = args.this_value;
  if (!self.IsCellOfKind(CellKind::kGenerator) ||
      static_cast<GeneratorObject*>(self.AsCell())->generator_kind() != GeneratorKind::kAsyncGenerator) {
    Rooted<Value> error(rt, Value::FromCell(MakeError(
                                rt, rt.intrinsics().type_error_prototype,
                                StringValueUtf8(rt, std::string("Method [AsyncGenerator].prototype.") + method +
                                                        " called on incompatible receiver " +
                                                        DescribeForError(rt, self)))));
    RejectPromise(rt, PromiseOf(promise), error);
    return promise;
  }
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(self.AsCell()));
  gen->queue().push_back({mode, args[0], promise});
  AsyncGeneratorResumeNext(rt, gen.get());
  return promise;
}

Value AsyncGeneratorNext(Runtime& rt, CallArgs& args) { return AsyncGeneratorEnqueue(rt, args, ResumeMode::kNext, "next"); }
Value AsyncGeneratorReturnMethod(Runtime& rt, CallArgs& args) {
  return AsyncGeneratorEnqueue(rt, args, ResumeMode::kReturn, "return");
}
Value AsyncGeneratorThrow(Runtime& rt, CallArgs& args) { return AsyncGeneratorEnqueue(rt, args, ResumeMode::kThrow, "throw"); }

// ---- %AsyncFromSyncIteratorPrototype%

// The resolve step of AsyncFromSyncIteratorContinuation: {value, done}
// once the value settled (data[0]: done).
Value AsyncFromSyncUnwrap(Runtime& rt, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  return Value::FromCell(CreateIterResultObject(rt, args[0], self->data[0].IsTrue()));
}

// Calls the sync iterator's `method` and turns its result into a promise of
// an iterator result.
Value AsyncFromSyncStep(Runtime& rt, CallArgs& args, const char* method) {
  Rooted<PromiseObject*> promise(rt, NewPromise(rt));
  Value self = args.this_value;
  if (!self.IsCellOfKind(CellKind::kIterator) ||
      static_cast<IteratorObject*>(self.AsCell())->source != IteratorSource::kAsyncFromSync) {
    rt.ThrowTypeError("not an async-from-sync iterator");
  }
  auto* wrapper_object = static_cast<IteratorObject*>(self.AsCell());
  Rooted<Value> sync(rt, wrapper_object->target);
  bool is_next = std::string_view(method) == "next";
  Rooted<Value> next_method(rt, wrapper_object->next_method);
  try {
    // `next` was read when the wrapper was made; return and throw are looked up each time.
    Rooted<Value> fn(rt, is_next ? next_method.get() : GetValueProperty(rt, sync, rt.KeyForUtf8(method)));
    if (fn.get().IsNullish()) {
      if (std::string(method) == "return") {
        Rooted<Value> r(rt, Value::FromCell(CreateIterResultObject(rt, args[0], true)));
        ResolvePromise(rt, promise.get(), r);
        return Value::FromCell(promise.get());
      }
      if (std::string(method) == "throw") {
        RejectPromise(rt, promise.get(), args[0]);
        return Value::FromCell(promise.get());
      }
    }
    Value argv[1] = {args[0]};
    Rooted<Value> result(rt, Call(rt, fn, sync, argv, args.argc > 0 ? 1 : 0));
    if (!result.get().IsObject()) rt.ThrowTypeError("Iterator result " + DescribeForError(rt, result) + " is not an object");
    bool done = ToBoolean(GetValueProperty(rt, result, PropertyKey::Named(rt.names().done)));
    Rooted<Value> value(rt, GetValueProperty(rt, result, PropertyKey::Named(rt.names().value)));
    Rooted<PromiseObject*> wrapper(rt, PromiseResolve(rt, value));
    Rooted<NativeFunction*> unwrap(rt, NewBuiltinFunction(rt, "", AsyncFromSyncUnwrap, 1));
    unwrap->data[0] = Value::Boolean(done);
    PerformPromiseThen(rt, wrapper.get(), Value::FromCell(unwrap.get()), Value::Undefined(), promise.get());
  } catch (JsThrow&) {
    Rooted<Value> e(rt, rt.exception());
    RejectPromise(rt, promise.get(), e);
  }
  return Value::FromCell(promise.get());
}

Value AsyncFromSyncNext(Runtime& rt, CallArgs& args) { return AsyncFromSyncStep(rt, args, "next"); }
Value AsyncFromSyncReturn(Runtime& rt, CallArgs& args) { return AsyncFromSyncStep(rt, args, "return"); }
Value AsyncFromSyncThrow(Runtime& rt, CallArgs& args) { return AsyncFromSyncStep(rt, args, "throw"); }

Value AsyncIteratorPrototypeAsyncIterator(Runtime&, CallArgs& args) { return args.this_value; }

Value AsyncFunctionConstructor(Runtime& rt, CallArgs& args) {
  return CreateDynamicFunction(rt, args, u"async function", rt.intrinsics().async_function_prototype);
}
Value AsyncGeneratorFunctionConstructor(Runtime& rt, CallArgs& args) {
  return CreateDynamicFunction(rt, args, u"async function*", rt.intrinsics().async_generator_function_prototype);
}

}  // namespace

void InitAsyncFunctionObject(Runtime& rt, GeneratorObject* gen) {
  Rooted<GeneratorObject*> g(rt, gen);
  PromiseObject* p = NewPromise(rt);
  g->set_promise(Value::FromCell(p));
}

Value AsyncFunctionAwait(Runtime& rt, GeneratorObject* g, Value value) {
  Rooted<GeneratorObject*> gen(rt, g);
  // A throwing PromiseResolve (a promise whose `constructor` getter throws)
  // throws at the await.
  Rooted<PromiseObject*> p(rt, PromiseResolve(rt, value));
  PerformPromiseThenNative(rt, p.get(), AsyncFunctionAwaitContinuation, gen.get());
  return gen->promise();
}

Value AsyncFunctionResolve(Runtime& rt, GeneratorObject* g, Value value) {
  Rooted<GeneratorObject*> gen(rt, g);
  CloseGenerator(gen.get());
  ResolvePromise(rt, PromiseOf(gen->promise()), value);
  return gen->promise();
}

Value AsyncFunctionReject(Runtime& rt, GeneratorObject* g, Value reason) {
  Rooted<GeneratorObject*> gen(rt, g);
  CloseGenerator(gen.get());
  RejectPromise(rt, PromiseOf(gen->promise()), reason);
  return gen->promise();
}

Value AsyncGeneratorAwait(Runtime& rt, GeneratorObject* gen, Value value) {
  AwaitFor(rt, gen, value, AsyncGeneratorAwaitContinuation, true);
  return Value::Undefined();
}

Value AsyncGeneratorYieldWithAwait(Runtime& rt, GeneratorObject* gen, Value value) {
  AwaitFor(rt, gen, value, AsyncGeneratorYieldContinuation, true);
  return Value::Undefined();
}

Value AsyncGeneratorResolve(Runtime& rt, GeneratorObject* gen, Value value, bool done) {
  CompleteStep(rt, gen, value, false, done);
  return Value::Undefined();
}

Value AsyncGeneratorReject(Runtime& rt, GeneratorObject* gen, Value reason) {
  CompleteStep(rt, gen, reason, true, true);
  return Value::Undefined();
}

Value CreateAsyncFromSyncIterator(Runtime& rt, Value iterator) {
  Rooted<Value> it(rt, iterator);
  Rooted<Value> next(rt, GetValueProperty(rt, it, PropertyKey::Named(rt.names().next)));
  auto* wrapper = rt.heap().New<IteratorObject>(rt.intrinsics().async_from_sync_iterator_prototype,
                                                IteratorSource::kAsyncFromSync, it, IterationKind::kValues);
  wrapper->next_method = next;
  return Value::FromCell(wrapper);
}

void InstallAsyncFunctionBuiltins(Runtime& rt) {
  Intrinsics& in = rt.mutable_intrinsics();
  Heap& heap = rt.heap();
  in.async_function_prototype = heap.New<Object>(CellKind::kObject, in.function_prototype);
  in.async_iterator_prototype = heap.New<Object>(CellKind::kObject, in.object_prototype);
  in.async_generator_function_prototype = heap.New<Object>(CellKind::kObject, in.function_prototype);
  in.async_generator_prototype = heap.New<Object>(CellKind::kObject, in.async_iterator_prototype);
  in.async_from_sync_iterator_prototype = heap.New<Object>(CellKind::kObject, in.async_iterator_prototype);
  LinkFunctionKind(rt, "AsyncFunction", AsyncFunctionConstructor, in.async_function_prototype, nullptr, nullptr);
  LinkFunctionKind(rt, "AsyncGeneratorFunction", AsyncGeneratorFunctionConstructor,
                   in.async_generator_function_prototype, in.async_generator_prototype, "AsyncGenerator");
  DefineMethod(rt, in.async_iterator_prototype, StateOf(rt).async_iterator, "[Symbol.asyncIterator]",
               AsyncIteratorPrototypeAsyncIterator, 0);
  DefineMethod(rt, in.async_generator_prototype, "next", AsyncGeneratorNext, 1);
  DefineMethod(rt, in.async_generator_prototype, "return", AsyncGeneratorReturnMethod, 1);
  DefineMethod(rt, in.async_generator_prototype, "throw", AsyncGeneratorThrow, 1);
  DefineMethod(rt, in.async_from_sync_iterator_prototype, "next", AsyncFromSyncNext, 1);
  DefineMethod(rt, in.async_from_sync_iterator_prototype, "return", AsyncFromSyncReturn, 1);
  DefineMethod(rt, in.async_from_sync_iterator_prototype, "throw", AsyncFromSyncThrow, 1);
}

}  // namespace jsvm
