// $262, the host object test262's harness expects (test262's
// INTERPRETING.md), installed by `jsvm run --test262-host`:
//   $262.global             the global object
//   $262.gc()               a full collection now
//   $262.detachArrayBuffer  DetachArrayBuffer(buffer)
//   $262.evalScript(src)    src run as a new classic Script (its SyntaxError thrown)
//   $262.createRealm()      not available: a jsvm runtime has one realm
//                           (a TypeError, so realm tests fail cleanly)
// `$262.agent` (multiple threads) and `$262.IsHTMLDDA` are absent, which
// test262 allows. `print` is a global of every jsvm run.
#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/objects/array-buffer.h"

namespace jsvm {

namespace {

Value HostGc(Runtime& rt, CallArgs&) {
  rt.heap().Collect("$262.gc");
  return Value::Undefined();
}

Value HostDetachArrayBuffer(Runtime& rt, CallArgs& args) {
  if (!args[0].IsCellOfKind(CellKind::kArrayBuffer)) rt.ThrowTypeError("$262.detachArrayBuffer: not an ArrayBuffer");
  auto* buffer = static_cast<ArrayBufferObject*>(args[0].AsCell());
  if (buffer->shared()) rt.ThrowTypeError("$262.detachArrayBuffer: a SharedArrayBuffer cannot be detached");
  buffer->Detach();
  return Value::Null();
}

Value HostEvalScript(Runtime& rt, CallArgs& args) {
  ScriptEvaluatorHook hook = StateOf(rt).new_script_evaluator;
  if (!hook) rt.ThrowTypeError("$262.evalScript is not supported");
  std::u16string source(ToString(rt, args[0])->view());
  return hook(rt, source);
}

Value HostCreateRealm(Runtime& rt, CallArgs&) {
  rt.ThrowTypeError("$262.createRealm is not supported: a jsvm runtime has one realm");
}

}  // namespace

void InstallTest262Host(Runtime& rt, ScriptEvaluatorHook new_script) {
  StateOf(rt).new_script_evaluator = new_script;
  Rooted<Object*> host(rt, rt.NewObject());
  DefineRaw(rt, host, PropertyKey::Named(rt.Intern(u"global")), Value::FromCell(rt.global()), kAttrHidden);
  DefineMethod(rt, host, "gc", HostGc, 0);
  DefineMethod(rt, host, "detachArrayBuffer", HostDetachArrayBuffer, 1);
  DefineMethod(rt, host, "evalScript", HostEvalScript, 1);
  DefineMethod(rt, host, "createRealm", HostCreateRealm, 0);
  DefineRaw(rt, rt.global(), PropertyKey::Named(rt.Intern(u"$262")), Value::FromCell(host.get()), kAttrHidden);
}

}  // namespace jsvm
