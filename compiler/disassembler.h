// Bytecode listings in the layout of V8's --print-bytecode, without machine
// addresses, so that a listing diffs cleanly against node's.
#pragma once

#include <string>

#include "vm/function.h"

namespace jsvm {

// One instruction's text: "LdaSmi [2]", "JumpIfFalse [6] (@ 46)".
std::string DisassembleInstruction(const FunctionInfo* info, uint32_t offset);
// The listing of one function.
std::string DisassembleFunction(const FunctionInfo* info);
// `top` and every function reachable through constant pools, depth first.
std::string DisassembleAll(const FunctionInfo* top);

}  // namespace jsvm
