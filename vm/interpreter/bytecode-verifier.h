// The bytecode verifier: checks that a function's bytecode, constant pool and
// handler table are safe to run before any of it runs (bytecode files are
// untrusted input). Every rule is driven by the operand tables of
// vm/bytecodes.def. The rules are listed in docs/bytecode-file.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vm/objects/function.h"

namespace jsvm {

// Why verification failed: the function, the instruction offset, the rule.
struct VerifyError {
  std::string function;  // the function's debug name, "(anonymous)" or "(top-level)"
  uint32_t offset = 0;   // bytecode offset of the offending instruction (0 for table errors)
  std::string reason;
};

// The static context nesting a function starts in: the variable counts of
// the contexts of its closure's chain, innermost first (empty: no context).
using ContextChain = std::vector<uint32_t>;

// A function that another function's code creates, and the context nesting
// it is created in.
struct CreatedFunction {
  const FunctionInfo* info;
  ContextChain chain;
};

// Verifies one function entered with the context nesting `entry`. On success
// appends the functions it creates (CreateClosure, DeclareGlobals arrays) to
// `created` and returns true.
bool VerifyFunction(const FunctionInfo* info, const ContextChain& entry, std::vector<CreatedFunction>* created,
                    VerifyError* error);

// Verifies a script's top-level function and every function it can create,
// each in the context nesting it is created in.
bool VerifyScript(const FunctionInfo* top, VerifyError* error);
// As VerifyScript, for code that starts in the given context chain (direct
// eval code: its caller's contexts, innermost first).
bool VerifyScript(const FunctionInfo* top, const ContextChain& entry, VerifyError* error);

// "function NAME: offset N: reason".
std::string FormatVerifyError(const VerifyError& error);

}  // namespace jsvm
