// The compile pipeline: source -> tokens -> AST -> scope analysis -> bytecode.
#pragma once

#include <string>

#include "compiler/diagnostics.h"
#include "vm/objects/function.h"
#include "vm/execution/runtime.h"

namespace jsvm {

struct CompileResult {
  // The script's top-level function, not rooted: the caller roots it before
  // anything allocates (the script, its functions and scope infos hang off
  // it, and are collected with it, as V8 collects code nothing refers to).
  FunctionInfo* top = nullptr;
  bool ok() const { return top != nullptr; }
  std::string error_kind;       // "SyntaxError" or "RangeError" when !ok()
  std::string error;            // FILE:LINE:COL: SyntaxError: message + source line and caret
  bool incomplete = false;      // the error is at the end of the input, or the input ends inside a comment or
                                // template literal (the REPL reads more)
};

struct CompileOptions {
  // REPL input: the script returns its completion value (the value of the
  // last expression statement run at top level).
  bool repl = false;
  // Indirect eval code: top-level let/const/class stay local to this run,
  // in an eval context that later scripts do not see.
  bool eval = false;
  // Module code (the module goal): the result is the module's code, which
  // the module loader runs (vm/modules/module-loader.h).
  bool module = false;
};

// Compiles a classic script (or module code). Nothing runs; errors are
// reported, not thrown.
CompileResult CompileScript(Runtime& rt, const std::string& file, const std::u16string& source,
                            CompileOptions options = {});

// Compiles and runs `source` as a new script in `rt` (global code; its
// top-level lexicals stay visible to later scripts) and returns its
// completion value. Syntax errors are thrown as JavaScript SyntaxErrors.
// This is indirect eval and the Function constructor's engine.
Value EvaluateScript(Runtime& rt, const std::u16string& source);

// Compiles and runs `source` as a new classic Script, as a host runs one
// more <script> (test262's $262.evalScript): its top-level let/const/class
// join the script scope every script shares, and a clash with an existing
// binding is a SyntaxError. Returns the completion value.
Value EvaluateNewScript(Runtime& rt, const std::u16string& source);

// Compiles the source of a direct eval made in `context` (the caller's
// current context; `mode`: kEvalStrict, kEvalInParameters) to its top-level
// function. Compile errors are thrown as JavaScript SyntaxErrors.
FunctionInfo* CompileDirectEval(Runtime& rt, const std::u16string& source, Context* context, int mode,
                                const FunctionInfo* caller);

// Lets the built-ins (eval, Function, direct eval) reach the compiler.
void InstallScriptEvaluator(Runtime& rt);

}  // namespace jsvm
