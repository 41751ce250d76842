// Error and the native errors (TypeError, RangeError, ReferenceError,
// SyntaxError, EvalError, URIError), Error.prototype.toString and
// Error.captureStackTrace.
#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"

namespace jsvm {

namespace {

// The constructor of one error type; `Proto` selects its intrinsic prototype.
template <Object* Intrinsics::*Proto>
Value ErrorConstructor(Runtime& rt, CallArgs& args) {
  Value new_target = args.is_construct() ? args.new_target : Value::FromCell(args.callee);
  Object* proto = GetPrototypeFromConstructor(rt, new_target, rt.intrinsics().*Proto);
  return Value::FromCell(MakeError(rt, proto, args[0], args[1]));
}

Value ErrorToString(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) {
    rt.ThrowTypeError("Method Error.prototype.toString called on incompatible receiver " +
                      DescribeForError(rt, args.this_value));
  }
  Rooted<Object*> obj(rt, args.this_value.AsObject());
  Rooted<Value> name(rt, GetProperty(rt, obj, PropertyKey::Named(rt.names().name)));
  Rooted<String*> n(rt, name.get().IsUndefined() ? rt.InternUtf8("Error") : ToString(rt, name));
  Rooted<Value> msg(rt, GetProperty(rt, obj, PropertyKey::Named(rt.names().message)));
  Rooted<String*> m(rt, msg.get().IsUndefined() ? rt.names().empty : ToString(rt, msg));
  if (n->length() == 0) return Value::FromCell(m.get());
  if (m->length() == 0) return Value::FromCell(n.get());
  std::u16string text(n->view());
  text += u": ";
  text += m->view();
  return StringValue(rt, text);
}

Value ErrorCaptureStackTrace(Runtime& rt, CallArgs& args) {
  if (!args[0].IsObject()) rt.ThrowTypeError("invalid_argument");  // sic: V8's kInvalidArgument
  AttachErrorStack(rt, args[0].AsObject());
  return Value::Undefined();
}

Value ErrorIsError(Runtime&, CallArgs& args) { return Value::Boolean(args[0].IsCellOfKind(CellKind::kError)); }

Value AggregateErrorConstructor(Runtime& rt, CallArgs& args) {
  Value new_target = args.is_construct() ? args.new_target : Value::FromCell(args.callee);
  Object* fallback = GetProperty(rt, args.callee, PropertyKey::Named(rt.names().prototype)).AsObject();
  Object* proto = GetPrototypeFromConstructor(rt, new_target, fallback);
  Rooted<Object*> e(rt, MakeError(rt, proto, args[1], args[2]));
  Rooted<Array*> list(rt, rt.NewArray(0));
  IterateValues(rt, args[0], [&](Value v) { ArrayPush(rt, list, v); });
  DefineRaw(rt, e, PropertyKey::Named(rt.names().errors), Value::FromCell(list.get()), kAttrHidden);
  return Value::FromCell(e.get());
}

NativeFunction* InstallOne(Runtime& rt, const char* name, NativeFn fn, Object* proto, Object* parent) {
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, name, fn, 1, proto));
  if (parent) ctor->set_proto(parent);
  DefineValue(rt, proto, "name", StringValueUtf8(rt, name));
  DefineValue(rt, proto, "message", Value::FromCell(rt.names().empty));
  return ctor;
}

}  // namespace

void InstallErrorBuiltins(Runtime& rt) {
  const Intrinsics& in = rt.intrinsics();
  Rooted<NativeFunction*> error(
      rt, InstallOne(rt, "Error", ErrorConstructor<&Intrinsics::error_prototype>, in.error_prototype, nullptr));
  DefineMethod(rt, in.error_prototype, "toString", ErrorToString, 0);
  DefineMethod(rt, error, "captureStackTrace", ErrorCaptureStackTrace, 2);
  DefineValue(rt, error, "stackTraceLimit", Value::Int(10), kAttrDefault);
  DefineMethod(rt, error, "isError", ErrorIsError, 1);
  {
    Rooted<Object*> proto(rt, rt.NewObject(in.error_prototype));
    Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "AggregateError", AggregateErrorConstructor, 2, proto));
    ctor->set_proto(error);
    DefineValue(rt, proto, "name", StringValueUtf8(rt, "AggregateError"));
    DefineValue(rt, proto, "message", Value::FromCell(rt.names().empty));
  }
  InstallOne(rt, "EvalError", ErrorConstructor<&Intrinsics::eval_error_prototype>,
             in.eval_error_prototype, error);
  InstallOne(rt, "RangeError", ErrorConstructor<&Intrinsics::range_error_prototype>,
             in.range_error_prototype, error);
  InstallOne(rt, "ReferenceError", ErrorConstructor<&Intrinsics::reference_error_prototype>,
             in.reference_error_prototype, error);
  InstallOne(rt, "SyntaxError", ErrorConstructor<&Intrinsics::syntax_error_prototype>,
             in.syntax_error_prototype, error);
  InstallOne(rt, "TypeError", ErrorConstructor<&Intrinsics::type_error_prototype>,
             in.type_error_prototype, error);
  InstallOne(rt, "URIError", ErrorConstructor<&Intrinsics::uri_error_prototype>,
             in.uri_error_prototype, error);
}

}  // namespace jsvm
