#include "compiler/compiler.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "compiler/bytecode-generator.h"
#include "compiler/parser.h"
#include "compiler/scope-analysis.h"
#include "vm/builtins/builtins.h"
#include "vm/interpreter/bytecode-verifier.h"
#include "vm/interpreter/interpreter.h"
#include "vm/modules/module-loader.h"

namespace jsvm {

namespace {

// In debug and sanitizer builds, every function the compiler produces goes
// through the bytecode verifier, which checks the two against each other: a
// rejection is a compiler bug (or a verifier rule too strict), never the
// script's fault, so it aborts.
void CheckCompiledCode([[maybe_unused]] const std::string& file, [[maybe_unused]] const FunctionInfo* top) {
#if !defined(NDEBUG) || defined(JSVM_SANITIZE)
  VerifyError error;
  if (!VerifyScript(top, &error)) {
    std::fprintf(stderr, "jsvm: internal error: the compiler emitted bytecode the verifier rejects\n  %s: %s\n",
                 file.c_str(), FormatVerifyError(error).c_str());
    std::abort();
  }
#endif
}

}  // namespace

CompileResult CompileScript(Runtime& rt, const std::string& file, const std::u16string& source,
                            CompileOptions options) {
  CompileResult result;
  ParseOptions parse_options;
  parse_options.module = options.module;
  ParseResult parsed = ParseProgram(source, parse_options);
  auto fail = [&](ParseErrorKind kind, const std::string& message, SourcePos pos) {
    ParseError e{kind, message, pos};
    result.error_kind = kind == ParseErrorKind::kRangeError ? "RangeError" : "SyntaxError";
    result.error = FormatParseError(file, source, e);
    return result;
  };
  if (parsed.error) {
    result.incomplete = parsed.error->pos.offset >= source.size() || parsed.error->unterminated;
    return fail(parsed.error->kind, parsed.error->message, parsed.error->pos);
  }
  ScopeTree tree;
  tree.eval_code = options.eval;
  ScopeError scope_error;
  if (!AnalyzeScopes(parsed.program, &tree, &scope_error)) {
    return fail(ParseErrorKind::kSyntaxError, scope_error.message, scope_error.pos);
  }
  // Nothing is rooted while the code is generated: nothing collects. The
  // caller roots the result; the rest hangs off it (constants, script).
  NoGcScope no_gc(rt.heap());
  Script* script = rt.heap().New<Script>(file, source);
  try {
    result.top = GenerateProgram(rt, tree, script, parsed.program, options.repl);
  } catch (const CompileError& e) {
    return fail(ParseErrorKind::kSyntaxError, e.message, e.pos);
  } catch (const std::length_error& e) {
    return fail(ParseErrorKind::kRangeError, e.what(), parsed.program->pos);
  }
  CheckCompiledCode(file, result.top);
  return result;
}

namespace {

// A compile error of code made at run time, thrown as the JavaScript error
// it is: just the message, as V8 gives it.
[[noreturn]] void ThrowCompileError(Runtime& rt, const std::string& kind, const std::string& message) {
  if (kind == "RangeError") rt.ThrowRangeError(message);
  rt.ThrowSyntaxError(message);
}

Value CompileAndRun(Runtime& rt, const std::u16string& source, bool eval_code) {
  CompileOptions options;
  options.repl = true;  // the completion value
  options.eval = eval_code;
  CompileResult r = CompileScript(rt, eval_code ? "<eval>" : "<script>", source, options);
  if (!r.ok()) {
    // "FILE:LINE:COL: Kind: message\n..." -> "message"
    std::string message = r.error;
    size_t at = message.find(r.error_kind + ": ");
    if (at != std::string::npos) message = message.substr(at + r.error_kind.size() + 2);
    ThrowCompileError(rt, r.error_kind, message.substr(0, message.find('\n')));
  }
  Rooted<FunctionInfo*> top(rt, r.top);
  return rt.interpreter().RunScript(top);
}

}  // namespace

Value EvaluateScript(Runtime& rt, const std::u16string& source) { return CompileAndRun(rt, source, true); }

Value EvaluateNewScript(Runtime& rt, const std::u16string& source) { return CompileAndRun(rt, source, false); }

FunctionInfo* CompileDirectEval(Runtime& rt, const std::u16string& source, Context* context, int mode,
                                const FunctionInfo* /*caller*/) {
  ParseOptions options;
  options.strict = (mode & kEvalStrict) != 0;
  // new.target is allowed in eval code inside a function, super.x inside
  // methods (the mode bits say which).
  options.allow_new_target = (mode & kEvalInFunction) != 0;
  options.arguments_banned = (mode & kEvalInFieldInitializer) != 0;
  options.allow_super_property = (mode & kEvalInMethod) != 0;
  // The private names of the class bodies around the call.
  for (const Context* c = context; c; c = c->previous()) {
    const ScopeInfo* si = c->scope_info();
    if (si->type() != ScopeType::kClass) continue;
    for (uint32_t i = 0; i < si->slot_count(); ++i) {
      if (si->name(i)->view().substr(0, 1) == u"#") options.private_names.emplace_back(si->name(i)->view());
    }
  }
  ParseResult parsed = ParseProgram(source, options);
  if (parsed.error) {
    ThrowCompileError(rt, parsed.error->kind == ParseErrorKind::kRangeError ? "RangeError" : "SyntaxError",
                      parsed.error->message);
  }
  ScopeTree tree;
  tree.eval_code = true;
  tree.direct_eval = true;
  tree.eval_in_parameters = (mode & kEvalInParameters) != 0;
  tree.eval_in_function = (mode & kEvalInFunction) != 0;
  if (mode & kEvalInMethod) tree.eval_home_object = (mode & kEvalInStaticMethod) ? kStaticHomeObjectVarName : kHomeObjectVarName;
  DeserializeScopeChain(&tree, context, parsed.program->top);
  ScopeError scope_error;
  if (!AnalyzeScopes(parsed.program, &tree, &scope_error)) ThrowCompileError(rt, "SyntaxError", scope_error.message);
  FunctionInfo* top = nullptr;
  {
    NoGcScope no_gc(rt.heap());
    Script* script = rt.heap().New<Script>("<eval>", source);
    try {
      top = GenerateEval(rt, tree, script, parsed.program);
    } catch (const CompileError& e) {
      ThrowCompileError(rt, "SyntaxError", e.message);
    } catch (const std::length_error& e) {
      ThrowCompileError(rt, "RangeError", e.what());
    }
  }
#if !defined(NDEBUG) || defined(JSVM_SANITIZE)
  ContextChain entry;
  for (const Context* c = context; c; c = c->previous()) entry.push_back(c->var_count());
  VerifyError error;
  if (!VerifyScript(top, entry, &error)) {
    std::fprintf(stderr, "jsvm: internal error: the compiler emitted bytecode the verifier rejects\n  <eval>: %s\n",
                 FormatVerifyError(error).c_str());
    std::abort();
  }
#endif
  return top;
}

namespace {

// The module loader's compiler (SetModuleCompilerHook).
void CompileModuleForLoader(Runtime& rt, const std::string& file, const std::u16string& source,
                            ModuleCompileResult* out) {
  CompileOptions options;
  options.module = true;
  CompileResult r = CompileScript(rt, file, source, options);
  out->code = r.top;
  if (r.ok()) return;
  out->error_kind = r.error_kind;
  out->formatted = r.error;
  // "FILE:LINE:COL: Kind: message\n..." -> "message"
  std::string message = r.error;
  size_t at = message.find(r.error_kind + ": ");
  if (at != std::string::npos) message = message.substr(at + r.error_kind.size() + 2);
  out->message = message.substr(0, message.find('\n'));
}

}  // namespace

void InstallScriptEvaluator(Runtime& rt) {
  SetScriptEvaluatorHook(rt, EvaluateScript);
  SetDirectEvalHook(rt, CompileDirectEval);
  SetModuleCompilerHook(rt, CompileModuleForLoader);
}

}  // namespace jsvm
