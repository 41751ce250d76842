// The intrinsics of InvokeIntrinsic and the generator state that
// SuspendGenerator and ResumeGenerator move between a frame and its
// generator object (vm/objects/generator.h).
#include "vm/builtins/generator.h"
#include "vm/interpreter/interpreter-runtime.h"
#include "vm/execution/operations.h"
#include "vm/objects/object-ops.h"

namespace jsvm {

GeneratorObject* CheckedGenerator(Runtime& rt, Frame& frame, Value v) {
  if (!v.IsCellOfKind(CellKind::kGenerator) || static_cast<GeneratorObject*>(v.AsCell())->function() != frame.function) {
    rt.ThrowTypeError("invalid bytecode: a generator operand that is not this activation's generator");
  }
  return static_cast<GeneratorObject*>(v.AsCell());
}

void SaveGeneratorState(Frame& frame, GeneratorObject* gen, int32_t first, uint32_t count,
                        uint32_t suspend_id, uint32_t bytecode_offset) {
  uint32_t params = frame.info->param_count;
  ExternalVector<Value>& saved = gen->saved();
  saved.resize(params + count);
  for (uint32_t i = 0; i < params; ++i) saved[i] = frame.fp[reg::Param(static_cast<int32_t>(i), static_cast<int32_t>(params))];
  for (uint32_t i = 0; i < count; ++i) saved[params + i] = frame.fp[first + static_cast<int32_t>(i)];
  gen->set_context(frame.fp[reg::kContext]);
  gen->set_continuation(static_cast<int32_t>(suspend_id));
  gen->set_suspend_bytecode_offset(bytecode_offset);
}

Value RestoreGeneratorRegisters(Runtime& rt, Frame& frame, GeneratorObject* gen, int32_t first, uint32_t count) {
  uint32_t params = frame.info->param_count;
  const ExternalVector<Value>& saved = gen->saved();
  if (saved.size() != params + count) {
    rt.ThrowTypeError("invalid bytecode: ResumeGenerator restores other registers than were saved");
  }
  for (uint32_t i = 0; i < count; ++i) frame.fp[first + static_cast<int32_t>(i)] = saved[params + i];
  return gen->input();
}

Value CallIntrinsic(Runtime& rt, Frame& frame, Intrinsic id, Value* args, uint32_t argc) {
  auto arg = [&](uint32_t i) { return i < argc ? args[i] : Value::Undefined(); };
  auto generator = [&](uint32_t i) -> GeneratorObject* { return CheckedGenerator(rt, frame, arg(i)); };
  switch (id) {
    case Intrinsic::kCreateJSGeneratorObject:
    case Intrinsic::kAsyncFunctionEnter:
      return Value::FromCell(NewGeneratorObject(rt, arg(0), arg(1)));
    case Intrinsic::kGeneratorGetResumeMode:
      return Value::Int(static_cast<int32_t>(generator(0)->resume_mode()));
    case Intrinsic::kGeneratorClose:
      CloseGenerator(generator(0));
      return Value::Undefined();
    case Intrinsic::kCreateIterResultObject:
      return Value::FromCell(CreateIterResultObject(rt, arg(0), ToBoolean(arg(1))));
    case Intrinsic::kAsyncFunctionAwaitCaught:
    case Intrinsic::kAsyncFunctionAwaitUncaught:
      return AsyncFunctionAwait(rt, generator(0), arg(1));
    case Intrinsic::kAsyncFunctionResolve:
      return AsyncFunctionResolve(rt, generator(0), arg(1));
    case Intrinsic::kAsyncFunctionReject:
      return AsyncFunctionReject(rt, generator(0), arg(1));
    case Intrinsic::kAsyncGeneratorAwaitCaught:
    case Intrinsic::kAsyncGeneratorAwaitUncaught:
      return AsyncGeneratorAwait(rt, generator(0), arg(1));
    case Intrinsic::kAsyncGeneratorYieldWithAwait:
      return AsyncGeneratorYieldWithAwait(rt, generator(0), arg(1));
    case Intrinsic::kAsyncGeneratorYield:
      return AsyncGeneratorResolve(rt, generator(0), arg(1), false);
    case Intrinsic::kAsyncGeneratorResolve:
      return AsyncGeneratorResolve(rt, generator(0), arg(1), ToBoolean(arg(2)));
    case Intrinsic::kAsyncGeneratorReject:
      return AsyncGeneratorReject(rt, generator(0), arg(1));
    case Intrinsic::kCreateAsyncFromSyncIterator:
      return CreateAsyncFromSyncIterator(rt, arg(0));
    case Intrinsic::kCount:
      break;
  }
  rt.ThrowTypeError("invalid bytecode: unknown intrinsic");
}

}  // namespace jsvm
