// Function and Function.prototype (call, apply, bind, toString,
// [Symbol.hasInstance]).
//
// The Function constructor compiles source text, which needs the compiler
// (a layer above vm/); it works once that layer installs a hook with
// SetScriptEvaluatorHook, and otherwise throws TypeError "Function
// constructor is not supported". Like V8 it compiles
// "(function anonymous(PARAMS\n) {\nBODY\n})".
#include <algorithm>

#include "vm/builtins/builtins.h"
#include "vm/interpreter/error-sites.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

// Rejects parameter or body text that would end the wrapper function early
// (the spec parses them separately; the wrapper must not be escaped).
bool BalancedSource(std::u16string_view s) {
  int depth = 0;
  char16_t quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char16_t c = s[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find(u"*/", i + 2);
      if (end == std::u16string_view::npos) return false;
      i = end + 1;
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') quote = c;
    else if (c == '(' || c == '{' || c == '[') ++depth;
    else if (c == ')' || c == '}' || c == ']') {
      if (--depth < 0) return false;
    }
  }
  return true;
}

}  // namespace

Value CreateDynamicFunction(Runtime& rt, CallArgs& args, std::u16string_view keyword, Object* fallback_proto) {
  ScriptEvaluatorHook hook = StateOf(rt).script_evaluator;
  if (!hook) rt.ThrowTypeError("Function constructor is not supported");
  std::u16string params;
  for (uint32_t i = 0; i + 1 < args.argc; ++i) {
    if (i) params += u",";
    params += ToString(rt, args[i])->view();
  }
  std::u16string body;
  if (args.argc > 0) body = ToString(rt, args[args.argc - 1])->view();
  if (!BalancedSource(params)) rt.ThrowSyntaxError("Arg string terminates parameters early");
  if (!BalancedSource(body)) rt.ThrowSyntaxError("Unexpected token ')'");
  std::u16string source = u"(" + std::u16string(keyword) + u" anonymous(" + params + u"\n) {\n" + body + u"\n})";
  Rooted<Value> fn(rt, hook(rt, source));
  // V8 marks the result to print as anonymous: fn.name stays "anonymous",
  // but its scope's debug name, which [[Scopes]] shows, is "".
  if (fn.get().IsCellOfKind(CellKind::kFunction)) {
    if (ScopeInfo* si = static_cast<Function*>(fn.get().AsObject())->info()->scope_info) {
      si->set_function_name(rt.names().empty);
    }
  }
  if (args.is_construct() && fn.get().IsObject() && args.new_target != Value::FromCell(args.callee)) {
    Object* proto = GetPrototypeFromConstructor(rt, args.new_target, fallback_proto);
    fn.get().AsObject()->set_proto(proto);
  }
  return fn;
}

namespace {

Value FunctionConstructor(Runtime& rt, CallArgs& args) {
  return CreateDynamicFunction(rt, args, u"function", rt.intrinsics().function_prototype);
}

Value FunctionCall(Runtime& rt, CallArgs& args) {
  if (!IsCallable(args.this_value)) ThrowCalledNonCallable(rt, args.this_value);
  if (args.argc == 0) return Call(rt, args.this_value, Value::Undefined(), nullptr, 0);
  return Call(rt, args.this_value, args.argv[0], args.argv + 1, args.argc - 1);
}

// CreateListFromArrayLike(v) into `out`.
// The elements of an array, or of an arguments object whose indices alias no
// parameter, read straight from their dense storage when every index below
// the length is there (nothing then runs a getter or reaches a prototype).
bool DenseListFromArrayLike(Runtime& rt, Object* obj, RootedVector& out) {
  uint32_t len;
  if (obj->kind() == CellKind::kArray) {
    len = static_cast<Array*>(obj)->length();
  } else if (obj->kind() == CellKind::kArguments && !static_cast<Arguments*>(obj)->mapped_context) {
    int i = obj->FindNamed(rt.names().length);
    if (i < 0 || (obj->named_attrs(i) & kAttrAccessor) || !obj->named_value(i).IsInt() || obj->named_value(i).AsInt() < 0) {
      return false;
    }
    len = static_cast<uint32_t>(obj->named_value(i).AsInt());
  } else {
    return false;
  }
  const DenseElements& dense = obj->elements();
  if (len > dense.size() || std::any_of(dense.begin(), dense.begin() + len, [](Value e) { return e.IsHole(); })) {
    return false;
  }
  out.values().assign(dense.begin(), dense.begin() + len);
  return true;
}

}  // namespace

void ListFromArrayLike(Runtime& rt, Value v, RootedVector& out) {
  if (!v.IsObject()) rt.ThrowTypeError("CreateListFromArrayLike called on non-object");
  if (DenseListFromArrayLike(rt, v.AsObject(), out)) return;
  Rooted<Object*> obj(rt, v.AsObject());
  uint64_t len = LengthOf(rt, obj);
  if (len > 10000000) rt.ThrowRangeError("Maximum call stack size exceeded");
  out.values().reserve(len);
  for (uint64_t i = 0; i < len; ++i) out.push_back(GetIndex(rt, obj, i));
}

namespace {

Value FunctionApply(Runtime& rt, CallArgs& args) {
  if (!IsCallable(args.this_value)) ThrowCalledNonCallable(rt, args.this_value);
  if (args[1].IsNullish()) return Call(rt, args.this_value, args[0], nullptr, 0);
  RootedVector list(rt);
  ListFromArrayLike(rt, args[1], list);
  return Call(rt, args.this_value, args[0], list.data(), static_cast<uint32_t>(list.size()));
}

Value FunctionBind(Runtime& rt, CallArgs& args) {
  if (!IsCallable(args.this_value)) rt.ThrowTypeError("Bind must be called on a function");
  Rooted<Object*> target(rt, args.this_value.AsObject());
  std::vector<Value> bound;
  for (uint32_t i = 1; i < args.argc; ++i) bound.push_back(args.argv[i]);
  Rooted<Object*> proto(rt, GetPrototypeOf(rt, target));  // a proxy's trap may run
  Rooted<Object*> fn(rt, rt.heap().New<BoundFunction>(proto, target.get(), args[0], bound));
  static_cast<BoundFunction*>(fn.get())->set_lazy_properties(false);
  double length = 0;
  PropertyKey length_key = PropertyKey::Named(rt.names().length);
  if (HasOwnProperty(rt, target, length_key)) {
    Value len = GetProperty(rt, target, length_key);
    if (len.IsNumber()) {
      double d = len.AsNumber();
      if (d == INFINITY) {
        length = INFINITY;
      } else if (d != -INFINITY) {
        double n = ToIntegerOrInfinity(rt, len) - static_cast<double>(bound.size());
        length = n > 0 ? n : 0;
      }
    }
  }
  DefineRaw(rt, fn, length_key, Value::Number(length), kAttrConfigurable);
  Value name = GetProperty(rt, target, PropertyKey::Named(rt.names().name));
  std::u16string text = u"bound ";
  if (name.IsString()) text += name.AsString()->view();
  Rooted<Value> name_value(rt, StringValue(rt, text));
  DefineRaw(rt, fn, PropertyKey::Named(rt.names().name), name_value, kAttrConfigurable);
  return Value::FromCell(fn.get());
}

Value FunctionToStringMethod(Runtime& rt, CallArgs& args) {
  if (!IsCallable(args.this_value)) {
    rt.ThrowTypeError("Function.prototype.toString requires that 'this' be a Function");
  }
  return Value::FromCell(FunctionToString(rt, args.this_value.AsObject()));
}

Value FunctionHasInstance(Runtime& rt, CallArgs& args) {
  return Value::Boolean(OrdinaryHasInstance(rt, args.this_value, args[0]));
}

}  // namespace

void SetScriptEvaluatorHook(Runtime& rt, ScriptEvaluatorHook hook) { StateOf(rt).script_evaluator = hook; }
void SetDirectEvalHook(Runtime& rt, DirectEvalHook hook) { StateOf(rt).direct_eval = hook; }
DirectEvalHook GetDirectEvalHook(Runtime& rt) { return StateOf(rt).direct_eval; }

bool IsDefaultHasInstance(Value fn) {
  return fn.IsCellOfKind(CellKind::kNativeFunction) && static_cast<NativeFunction*>(fn.AsObject())->fn() == FunctionHasInstance;
}

String* FunctionToString(Runtime& rt, Object* fn) {
  if (fn->kind() == CellKind::kFunction) {
    FunctionInfo* info = static_cast<Function*>(fn)->info();
    if (info->script && info->source_end > info->source_start &&
        info->source_end <= info->script->source().size()) {
      std::u16string_view src(info->script->source());
      return rt.NewString(src.substr(info->source_start, info->source_end - info->source_start));
    }
  }
  std::u16string text = u"function ";
  if (fn->kind() == CellKind::kNativeFunction) {
    String* name = static_cast<NativeFunction*>(fn)->name();
    if (name) text += name->view();
  } else if (fn->kind() == CellKind::kFunction) {
    text += FunctionName(rt, fn);
  }
  text += u"() { [native code] }";
  return rt.NewString(text);
}

void InstallFunctionBuiltins(Runtime& rt) {
  Object* proto = rt.intrinsics().function_prototype;
  NativeFunction* ctor = MakeConstructor(rt, "Function", FunctionConstructor, 1, proto);
  rt.mutable_intrinsics().function_constructor = ctor;
  DefineMethod(rt, proto, "apply", FunctionApply, 2);
  DefineMethod(rt, proto, "bind", FunctionBind, 1);
  DefineMethod(rt, proto, "call", FunctionCall, 1);
  DefineMethod(rt, proto, "toString", FunctionToStringMethod, 0);
  DefineMethod(rt, proto, rt.symbols().has_instance, "[Symbol.hasInstance]", FunctionHasInstance, 1,
               kAttrNone);
  Value tte = Value::FromCell(rt.intrinsics().throw_type_error);
  DefineAccessorRaw(rt, proto, PropertyKey::Named(rt.names().caller), tte, tte, kAttrConfigurable);
  DefineAccessorRaw(rt, proto, PropertyKey::Named(rt.names().arguments), tte, tte, kAttrConfigurable);
}

}  // namespace jsvm
