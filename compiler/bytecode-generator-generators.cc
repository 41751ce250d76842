// The bytecode generator: generators, async functions and async generators,
// in V8's form. A resumable function starts with SwitchOnGeneratorState;
// its activation makes a generator object in r0 (_CreateJSGeneratorObject,
// _AsyncFunctionEnter); every yield and await is an intrinsic call followed
// by SuspendGenerator (which saves the live registers and <context> and
// returns) and, at the resume point, ResumeGenerator plus a dispatch on the
// resume mode. Async bodies are covered by a handler that rejects their
// promise (or the async generator's request).
#include "compiler/bytecode-generator.h"
#include "compiler/call-printer.h"
#include "vm/objects/generator.h"

namespace jsvm {

void BytecodeGenerator::EmitGeneratorObjectCreation() {
  RegisterScope rs(builder_);
  RegisterList args = builder_.NewRegisterList(2);
  builder_.Mov(Register::Closure(), args[0]);
  builder_.Mov(ReceiverRegister(), args[1]);
  builder_.SetExpressionPosition(fn_->pos.offset);
  bool async_function = fn_->is_async && !fn_->is_generator;
  builder_.InvokeIntrinsic(async_function ? Intrinsic::kAsyncFunctionEnter : Intrinsic::kCreateJSGeneratorObject,
                           args);
  builder_.StoreAccumulator(generator_object());
}

void BytecodeGenerator::EmitSuspend() {
  auto id = static_cast<uint32_t>(resume_points_.size());
  // Every register allocated now is live across the suspension.
  RegisterList live(Register(0), static_cast<uint16_t>(builder_.temp_top()));
  builder_.SuspendGenerator(generator_object(), live, UImm(id));
  resume_points_.push_back(builder_.BindResumePoint());
  builder_.ResumeGenerator(generator_object(), live);
}

void BytecodeGenerator::EmitYieldResumeDispatch() {
  RegisterScope rs(builder_);
  Register input = builder_.NewRegister();
  builder_.StoreAccumulator(input);
  builder_.InvokeIntrinsic(Intrinsic::kGeneratorGetResumeMode, RegisterList(generator_object(), 1));
  ConstantIndex table = builder_.AllocateJumpTable(2);
  builder_.SwitchOnSmiNoFeedback(table, UImm(2), Imm(static_cast<int32_t>(ResumeMode::kNext)));
  // throw(v): throw v where the generator stands.
  builder_.Ldar(input);
  builder_.Throw();
  // return(v): return v, through the finally blocks around the yield.
  builder_.BindJumpTableEntry(table, static_cast<uint32_t>(ResumeMode::kReturn));
  builder_.Ldar(input);
  ExecuteControlCommand(ControlScope::Command::kReturn);
  // next(v): v is the value of the yield.
  builder_.BindJumpTableEntry(table, static_cast<uint32_t>(ResumeMode::kNext));
  builder_.Ldar(input);
}

void BytecodeGenerator::EmitAwait() {
  {
    RegisterScope rs(builder_);
    RegisterList args = builder_.NewRegisterList(2);
    builder_.StoreAccumulator(args[1]);
    builder_.Mov(generator_object(), args[0]);
    // Whether a handler of this function would see a rejection (V8's
    // catch prediction; both await the same way).
    bool caught = try_depth_ > 0;
    Intrinsic id = fn_->is_generator
                       ? (caught ? Intrinsic::kAsyncGeneratorAwaitCaught : Intrinsic::kAsyncGeneratorAwaitUncaught)
                       : (caught ? Intrinsic::kAsyncFunctionAwaitCaught : Intrinsic::kAsyncFunctionAwaitUncaught);
    builder_.InvokeIntrinsic(id, args);
  }
  EmitSuspend();
  RegisterScope rs(builder_);
  Register input = builder_.NewRegister();
  builder_.StoreAccumulator(input);
  Register mode = builder_.NewRegister();
  builder_.InvokeIntrinsic(Intrinsic::kGeneratorGetResumeMode, RegisterList(generator_object(), 1));
  builder_.StoreAccumulator(mode);
  Label resume_next;
  builder_.LdaZero();
  builder_.TestReferenceEqual(mode);
  builder_.JumpIfTrue(resume_next);
  // The awaited promise rejected: throw its reason here.
  builder_.Ldar(input);
  builder_.ReThrow();
  builder_.Bind(&resume_next);
  builder_.Ldar(input);
}

void BytecodeGenerator::VisitAwait(Await* a) {
  VisitForAccumulator(a->arg);
  builder_.SetExpressionPosition(a->pos.offset);
  EmitAwait();
}

void BytecodeGenerator::VisitYield(Yield* y) {
  if (y->delegate) {
    VisitYieldStar(y);
    return;
  }
  {
    RegisterScope rs(builder_);
    RegisterList args = builder_.NewRegisterList(2);
    if (y->arg) VisitForAccumulator(y->arg);
    else builder_.LdaUndefined();
    builder_.SetExpressionPosition(y->pos.offset);
    if (fn_->is_async) {
      // The value is awaited, then yielded (the runtime resolves the request).
      builder_.StoreAccumulator(args[1]);
      builder_.Mov(generator_object(), args[0]);
      builder_.InvokeIntrinsic(Intrinsic::kAsyncGeneratorYieldWithAwait, args);
    } else {
      builder_.StoreAccumulator(args[0]);
      builder_.LdaFalse();
      builder_.StoreAccumulator(args[1]);
      builder_.InvokeIntrinsic(Intrinsic::kCreateIterResultObject, args);
    }
  }
  EmitSuspend();
  EmitYieldResumeDispatch();
}

void BytecodeGenerator::VisitYieldStar(Yield* y) {
  // In an async generator the inner iterator is async (or an async wrapper
  // of a sync one), each of its results is awaited, and its values (not
  // its result objects) are yielded.
  bool async = fn_->is_async;
  RegisterScope rs(builder_);
  Register iterator = builder_.NewRegister();
  Register next = builder_.NewRegister();
  Register received = builder_.NewRegister();
  Register mode = builder_.NewRegister();
  Register result = builder_.NewRegister();
  VisitForAccumulator(y->arg);
  builder_.StoreAccumulator(result);
  if (async) {
    builder_.CallRuntime(RuntimeFunction::kGetAsyncIterator, {result, 1});
    builder_.StoreAccumulator(iterator);
    builder_.GetNamedProperty(iterator, builder_.AddName(u"next"), builder_.NewFeedbackSlot());
    builder_.StoreAccumulator(next);
  } else {
    builder_.SetCallSite(IterationSiteKind(y->arg), PrintIterationSubject(y->arg));
    EmitGetIterator(result, iterator, next);
  }
  builder_.LdaUndefined();
  builder_.StoreAccumulator(received);
  builder_.LdaZero();
  builder_.StoreAccumulator(mode);
  Label header, call_return, call_throw, got_result, done;
  builder_.BindLoopHeader(&header);
  ++loop_depth_;
  builder_.LdaSmi(Imm(static_cast<int32_t>(ResumeMode::kReturn)));
  builder_.TestReferenceEqual(mode);
  builder_.JumpIfTrue(call_return);
  builder_.LdaSmi(Imm(static_cast<int32_t>(ResumeMode::kThrow)));
  builder_.TestReferenceEqual(mode);
  builder_.JumpIfTrue(call_throw);
  // next(v) goes to the inner iterator's next.
  builder_.CallProperty1(next, iterator, received, builder_.NewFeedbackSlot());
  builder_.Jump(got_result);
  // Calls the inner iterator's `method` with the value received, if it has
  // one; else binds `no_method` for the caller's alternative.
  auto call_method = [&](const char16_t* method, Label* no_method) {
    builder_.GetNamedProperty(iterator, builder_.AddName(method), builder_.NewFeedbackSlot());
    builder_.JumpIfUndefinedOrNull(*no_method);
    builder_.StoreAccumulator(result);
    builder_.CallProperty1(result, iterator, received, builder_.NewFeedbackSlot());
    builder_.Jump(got_result);
    builder_.Bind(no_method);
  };
  // return(v): the inner iterator's return, or return v if it has none.
  builder_.Bind(&call_return);
  {
    Label no_method;
    call_method(u"return", &no_method);
    builder_.Ldar(received);
    ExecuteControlCommand(ControlScope::Command::kReturn);
  }
  // throw(v): the inner iterator's throw; without one, close it and fail.
  builder_.Bind(&call_throw);
  {
    Label no_method;
    call_method(u"throw", &no_method);
    builder_.CallRuntime(RuntimeFunction::kIteratorClose, {iterator, 1});
    builder_.CallRuntime(RuntimeFunction::kThrowThrowMethodMissing, RegisterList());
  }
  builder_.Bind(&got_result);
  {
    Label is_object, not_done, plain_done;
    if (async) EmitAwait();
    builder_.StoreAccumulator(result);
    builder_.JumpIfJSReceiver(is_object);
    builder_.CallRuntime(RuntimeFunction::kThrowIteratorResultNotAnObject, {result, 1});
    builder_.Bind(&is_object);
    builder_.GetNamedProperty(result, builder_.AddName(u"done"), builder_.NewFeedbackSlot());
    builder_.JumpIfToBooleanFalse(not_done);
    // Done: the inner value is the yield*'s value (or what return(v) returns).
    builder_.GetNamedProperty(result, builder_.AddName(u"value"), builder_.NewFeedbackSlot());
    builder_.StoreAccumulator(received);
    builder_.LdaSmi(Imm(static_cast<int32_t>(ResumeMode::kReturn)));
    builder_.TestReferenceEqual(mode);
    builder_.JumpIfFalse(plain_done);
    builder_.Ldar(received);
    ExecuteControlCommand(ControlScope::Command::kReturn);
    builder_.Bind(&plain_done);
    builder_.Ldar(received);
    builder_.Jump(done);
    builder_.Bind(&not_done);
  }
  // Not done: re-yield the inner result object as it is (an async
  // generator yields its value, without awaiting it).
  if (async) {
    RegisterScope args_scope(builder_);
    RegisterList args = builder_.NewRegisterList(2);
    builder_.GetNamedProperty(result, builder_.AddName(u"value"), builder_.NewFeedbackSlot());
    builder_.StoreAccumulator(args[1]);
    builder_.Mov(generator_object(), args[0]);
    builder_.SetExpressionPosition(y->pos.offset);
    builder_.InvokeIntrinsic(Intrinsic::kAsyncGeneratorYield, args);
  } else {
    builder_.Ldar(result);
    builder_.SetExpressionPosition(y->pos.offset);
  }
  EmitSuspend();
  builder_.StoreAccumulator(received);
  builder_.InvokeIntrinsic(Intrinsic::kGeneratorGetResumeMode, RegisterList(generator_object(), 1));
  builder_.StoreAccumulator(mode);
  builder_.JumpLoop(header, UImm(loop_depth_ - 1));
  --loop_depth_;
  builder_.Bind(&done);
}

void BytecodeGenerator::GenerateResumableBody() {
  bool generator = fn_->is_generator;
  bool async = fn_->is_async;
  auto body = [&] {
    ContextScope body_context(this, fn_->body_scope);
    body_context.Detach();
    EmitBodyScopeEntry();
    if (generator || fn_->is_module) {
      // The initial yield: the call returns the generator object (module
      // code: its declarations are done; evaluation resumes it).
      builder_.Ldar(generator_object());
      EmitSuspend();
      EmitYieldResumeDispatch();
    }
    VisitStatements(fn_->body);
    builder_.SetStatementPosition(fn_->end_pos.offset);
    builder_.LdaUndefined();
    EmitReturn();
  };
  // Parameters: an error in a generator's or async generator's throws
  // from the call; in an async function's it rejects the promise.
  if (!async || generator) EmitParameterInitialization();
  if (!async) {
    body();
    return;
  }
  RegisterScope rs(builder_);
  Register saved_context = builder_.NewRegister();
  builder_.Mov(Register::Context(), saved_context);
  size_t handler = builder_.AddHandler(static_cast<uint32_t>(builder_.offset()), saved_context.index);
  if (!generator) EmitParameterInitialization();
  body();
  builder_.SetHandlerEnd(handler, static_cast<uint32_t>(builder_.offset()));
  builder_.SetHandlerTarget(handler, static_cast<uint32_t>(builder_.offset()));
  // acc: the exception, which rejects the promise. As in V8, the handler
  // is a catch clause: its variable (`.catch`) lives in a catch context.
  Register exception = builder_.NewRegister();
  builder_.StoreAccumulator(exception);
  ScopeInfo* catch_scope = rt_.heap().New<ScopeInfo>(ScopeType::kCatch);
  catch_scope->AddSlot(rt_.Intern(u".catch"), VariableMode::kInternal);
  builder_.CreateCatchContext(exception, builder_.AddConstant(Value::FromCell(catch_scope)));
  Register outer_context = builder_.NewRegister();
  builder_.PushContext(outer_context);
  RegisterList args = builder_.NewRegisterList(2);
  builder_.LdaImmutableCurrentContextSlot(UImm(Context::kFirstSlot));
  builder_.StoreAccumulator(args[1]);
  builder_.Mov(generator_object(), args[0]);
  builder_.InvokeIntrinsic(generator ? Intrinsic::kAsyncGeneratorReject : Intrinsic::kAsyncFunctionReject, args);
  if (generator) {
    builder_.PopContext(outer_context);
    builder_.InvokeIntrinsic(Intrinsic::kGeneratorClose, RegisterList(generator_object(), 1));
    builder_.LdaUndefined();
  }
  builder_.Return();
}

}  // namespace jsvm
