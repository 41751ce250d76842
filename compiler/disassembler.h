// Bytecode listings in the layout of V8's --print-bytecode, without machine
// addresses, so that a listing diffs cleanly against node's.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "vm/objects/function.h"

namespace jsvm {

// The operands of one instruction as listings print them: "r0", "[2]",
// "r1-r3", "#2", "[DeclareGlobals]", "[6] (@ 46)".
std::vector<std::string> DisassembleOperands(const FunctionInfo* info, uint32_t offset);
// One instruction's text: "LdaSmi [2]", "JumpIfFalse [6] (@ 46)".
std::string DisassembleInstruction(const FunctionInfo* info, uint32_t offset);
// The listing of one function.
std::string DisassembleFunction(const FunctionInfo* info);
// Calls fn for `top` and every function reachable through constant pools,
// depth first (the order of DisassembleAll).
void ForEachFunction(const FunctionInfo* top, const std::function<void(const FunctionInfo*)>& fn);
// The listings of `top` and every function reachable through constant pools, depth first.
std::string DisassembleAll(const FunctionInfo* top);

}  // namespace jsvm
