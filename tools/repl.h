// The interactive read-eval-print loop (`jsvm` with no file, or `jsvm repl`).
#pragma once

#include <cstdio>

#include "vm/execution/runtime.h"

namespace jsvm {

// Reads inputs from `in` until end of input or `.exit`, evaluating each in
// one runtime; declarations persist across inputs. Prompts ("> ", "... ")
// are printed when `prompts` is true (an interactive terminal). Returns the
// process exit code.
int RunRepl(const RuntimeOptions& options, std::FILE* in, bool prompts);

}  // namespace jsvm
