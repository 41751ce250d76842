// Generator functions and generator objects: %GeneratorFunction%, its
// prototype, %GeneratorPrototype% (next, return, throw), and the shared
// pieces of the async kinds (the intrinsic objects' layout, making the
// generator object of an activation).
#include "vm/builtins/generator.h"

#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/interpreter/interpreter.h"

namespace jsvm {

GeneratorObject* NewGeneratorObject(Runtime& rt, Value closure, Value receiver) {
  if (!closure.IsCellOfKind(CellKind::kFunction) ||
      static_cast<Function*>(closure.AsCell())->info()->resumable == ResumableKind::kNone) {
    rt.ThrowTypeError("invalid bytecode: a generator object for a function that is not a generator");
  }
  Rooted<Function*> fn(rt, static_cast<Function*>(closure.AsCell()));
  Rooted<Value> self(rt, receiver);
  const Intrinsics& in = rt.intrinsics();
  GeneratorKind kind = GeneratorKind::kGenerator;
  Object* fallback = in.generator_prototype;
  switch (fn->info()->resumable) {
    case ResumableKind::kAsync: kind = GeneratorKind::kAsyncFunction; fallback = in.object_prototype; break;
    case ResumableKind::kAsyncGenerator: kind = GeneratorKind::kAsyncGenerator; fallback = in.async_generator_prototype; break;
    default: break;
  }
  // Generator objects inherit from the function's `prototype` (an object
  // someone may have replaced); async function objects are internal.
  Rooted<Object*> proto(rt, fallback);
  if (kind != GeneratorKind::kAsyncFunction) {
    Value p = GetProperty(rt, fn.get(), PropertyKey::Named(rt.names().prototype));
    if (p.IsObject()) proto = p.AsObject();
  }
  Rooted<GeneratorObject*> gen(rt, rt.heap().New<GeneratorObject>(proto.get(), fn.get(), self.get(), kind));
  if (kind == GeneratorKind::kAsyncFunction) InitAsyncFunctionObject(rt, gen.get());
  return gen.get();
}

void CloseGenerator(GeneratorObject* gen) {
  gen->set_continuation(GeneratorObject::kClosed);
  // A finished activation keeps nothing alive.
  gen->saved().clear();
  gen->saved().shrink_to_fit();
  gen->set_context(Value::Undefined());
  gen->set_input(Value::Undefined());
}

Value GeneratorResume(Runtime& rt, Value generator, ResumeMode mode, Value value, const char* method) {
  if (!generator.IsCellOfKind(CellKind::kGenerator) ||
      static_cast<GeneratorObject*>(generator.AsCell())->generator_kind() != GeneratorKind::kGenerator) {
    rt.ThrowTypeError(std::string("Method [Generator].prototype.") + method + " called on incompatible receiver " +
                      DescribeForError(rt, generator));
  }
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(generator.AsCell()));
  Rooted<Value> v(rt, value);
  if (gen->is_executing()) rt.ThrowTypeError("Generator is already running");
  if (gen->is_closed()) {
    if (mode == ResumeMode::kThrow) rt.Throw(v);
    return Value::FromCell(CreateIterResultObject(rt, mode == ResumeMode::kReturn ? v.get() : Value::Undefined(), true));
  }
  gen->set_resume_mode(mode);
  gen->set_input(v);
  Rooted<Value> result(rt, Value::Undefined());
  try {
    result = rt.interpreter().ResumeGenerator(gen.get());
  } catch (JsThrow&) {
    CloseGenerator(gen.get());
    throw;
  }
  if (gen->is_executing()) {
    // The activation returned: the generator is done.
    CloseGenerator(gen.get());
    return Value::FromCell(CreateIterResultObject(rt, result, true));
  }
  return result;  // the iterator result the yield made
}

namespace {

Value GeneratorNext(Runtime& rt, CallArgs& args) {
  return GeneratorResume(rt, args.this_value, ResumeMode::kNext, args[0], "next");
}
Value GeneratorReturn(Runtime& rt, CallArgs& args) {
  return GeneratorResume(rt, args.this_value, ResumeMode::kReturn, args[0], "return");
}
Value GeneratorThrow(Runtime& rt, CallArgs& args) {
  return GeneratorResume(rt, args.this_value, ResumeMode::kThrow, args[0], "throw");
}

Value GeneratorFunctionConstructor(Runtime& rt, CallArgs& args) {
  return CreateDynamicFunction(rt, args, u"function*", rt.intrinsics().generator_function_prototype);
}

}  // namespace

void LinkFunctionKind(Runtime& rt, std::string_view name, NativeFn ctor_fn, Object* function_proto,
                      Object* instance_proto, const char* instance_tag) {
  Rooted<Object*> fp(rt, function_proto);
  Rooted<Object*> ip(rt, instance_proto);
  const Names& n = rt.names();
  // %XFunction%: a constructor that inherits from %Function% (not a global).
  Rooted<NativeFunction*> ctor(rt, NewBuiltinFunction(rt, name, ctor_fn, 1, true));
  ctor->set_proto(rt.intrinsics().function_constructor);
  DefineRaw(rt, ctor.get(), PropertyKey::Named(n.prototype), Value::FromCell(fp.get()), kAttrNone);
  DefineRaw(rt, fp, PropertyKey::Named(n.constructor), Value::FromCell(ctor.get()), kAttrConfigurable);
  Rooted<Value> tag(rt, StringValueUtf8(rt, name));
  DefineRaw(rt, fp, PropertyKey::Named(rt.symbols().to_string_tag), tag, kAttrConfigurable);
  if (ip.get()) {
    DefineRaw(rt, fp, PropertyKey::Named(n.prototype), Value::FromCell(ip.get()), kAttrConfigurable);
    DefineRaw(rt, ip, PropertyKey::Named(n.constructor), Value::FromCell(fp.get()), kAttrConfigurable);
    Rooted<Value> itag(rt, StringValueUtf8(rt, instance_tag));
    DefineRaw(rt, ip, PropertyKey::Named(rt.symbols().to_string_tag), itag, kAttrConfigurable);
  }
}

void InstallGeneratorBuiltins(Runtime& rt) {
  Intrinsics& in = rt.mutable_intrinsics();
  Heap& heap = rt.heap();
  in.generator_function_prototype = heap.New<Object>(CellKind::kObject, in.function_prototype);
  in.generator_prototype = heap.New<Object>(CellKind::kObject, in.iterator_prototype);
  LinkFunctionKind(rt, "GeneratorFunction", GeneratorFunctionConstructor, in.generator_function_prototype,
                   in.generator_prototype, "Generator");
  DefineMethod(rt, in.generator_prototype, "next", GeneratorNext, 1);
  DefineMethod(rt, in.generator_prototype, "return", GeneratorReturn, 1);
  DefineMethod(rt, in.generator_prototype, "throw", GeneratorThrow, 1);
}

}  // namespace jsvm
