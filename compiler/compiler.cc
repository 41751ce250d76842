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
  ParseResult parsed = ParseProgram(source);
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

Value EvaluateScript(Runtime& rt, const std::u16string& source) {
  CompileOptions options;
  options.repl = true;
  options.eval = true;
  CompileResult r = CompileScript(rt, "<eval>", source, options);
  if (!r.ok()) {
    // "FILE:LINE:COL: Kind: message\n..." -> "message"
    std::string message = r.error;
    size_t at = message.find(r.error_kind + ": ");
    if (at != std::string::npos) message = message.substr(at + r.error_kind.size() + 2);
    message = message.substr(0, message.find('\n'));
    if (r.error_kind == "RangeError") rt.ThrowRangeError(message);
    rt.ThrowSyntaxError(message);
  }
  Rooted<FunctionInfo*> top(rt, r.top);
  return rt.interpreter().RunScript(top);
}

void InstallScriptEvaluator(Runtime& rt) { SetScriptEvaluatorHook(rt, EvaluateScript); }

}  // namespace jsvm
