// The host's side of ES modules: turning a specifier into a file, reading
// it (JavaScript as module code, .json as a JSON module), keeping one module
// per real path, import() and import.meta.
//
// Imports are the first way a script can read a file, so they are fenced:
// a module file must lie inside one of the import roots (the main script's
// directory tree, and any directory `--import-root` names). Only .js and
// .mjs files are read as code and .json files (with `type: 'json'`) as
// data; anything else is refused before it is read, so no other file's
// text can reach an error message.
//
// Compiling needs the compiler, a layer above: it installs itself with
// SetModuleCompilerHook (compiler/compiler.cc).
#pragma once

#include <string>

#include "vm/execution/runtime.h"
#include "vm/modules/module-record.h"

namespace jsvm {

// What compiling a module's source gave: its code, or the error (`message`
// alone, as V8 gives it, and `formatted`: FILE:LINE:COL: Kind: message with
// the source line, for the command line).
struct ModuleCompileResult {
  FunctionInfo* code = nullptr;
  std::string error_kind;  // "SyntaxError" or "RangeError"
  std::string message;
  std::string formatted;
};
using ModuleCompilerHook = void (*)(Runtime& rt, const std::string& file, const std::u16string& source,
                                    ModuleCompileResult* out);
void SetModuleCompilerHook(Runtime& rt, ModuleCompilerHook hook);

// Adds a directory (made absolute and real) whose tree imports may read.
// False when it does not exist.
bool AddImportRoot(Runtime& rt, const std::string& dir);
// The main script (or module): its directory becomes an import root, and
// code without a file of its own (eval code) resolves specifiers from it.
void SetMainScript(Runtime& rt, const std::string& file);

// Loads the module at `path` (whose code, when given, is compiled already)
// and, recursively, every module it imports (HostLoadImportedModule for the
// whole graph). Throws (JsThrow) a SyntaxError for code that does not
// compile and an Error or TypeError for a file that cannot or may not be
// read.
SourceTextModule* LoadModuleGraph(Runtime& rt, const std::string& path, FunctionInfo* code = nullptr);

// The FILE:LINE:COL form of the last compile error LoadModuleGraph threw
// (empty when the last failure was none), for the command line.
std::string LastModuleCompileError(Runtime& rt);

// import(specifier, options) made by code running in `context` (whose
// script is `referrer_file` when it is not module code): a promise of the
// namespace. Never throws: every failure rejects the promise.
Value DynamicImport(Runtime& rt, Context* context, const std::string& referrer_file, Value specifier, Value options);

// import.meta of the module running in `context`.
Object* ImportMeta(Runtime& rt, Context* context);

}  // namespace jsvm
