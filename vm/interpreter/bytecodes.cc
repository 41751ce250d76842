#include "vm/interpreter/bytecodes.h"

namespace jsvm {

using enum OperandKind;

const char* OperandKindName(OperandKind k) {
  switch (k) {
    case kReg: return "Reg";
    case kRegOut: return "RegOut";
    case kRegList: return "RegList";
    case kIdx: return "Idx";
    case kSlot: return "Slot";
    case kImm: return "Imm";
    case kUImm: return "UImm";
    case kFlag: return "Flag";
    case kRuntime: return "Runtime";
    case kIntrinsic: return "Intrinsic";
    case kJump: return "Jump";
    case kJumpBack: return "JumpBack";
  }
  return "?";
}

namespace {
// Entry i of a table generated from a .def list, or `fallback` past its end.
template <typename T, size_t N>
T TableEntry(const T (&table)[N], size_t i, T fallback) {
  return i < N ? table[i] : fallback;
}
}  // namespace

const char* RuntimeFunctionName(RuntimeFunction f) {
  static const char* const kNames[] = {
#define RUNTIME_FUNCTION(name, argc, doc) #name,
#include "vm/interpreter/runtime-functions.def"
#undef RUNTIME_FUNCTION
  };
  return TableEntry(kNames, static_cast<size_t>(f), "?");
}

int RuntimeFunctionArgc(RuntimeFunction f) {
  static const int kArgc[] = {
#define RUNTIME_FUNCTION(name, argc, doc) argc,
#include "vm/interpreter/runtime-functions.def"
#undef RUNTIME_FUNCTION
  };
  return TableEntry(kArgc, static_cast<size_t>(f), 0);
}

const char* IntrinsicName(Intrinsic f) {
  static const char* const kNames[] = {
#define INTRINSIC(name, argc, doc) #name,
#include "vm/interpreter/intrinsics.def"
#undef INTRINSIC
  };
  return TableEntry(kNames, static_cast<size_t>(f), "?");
}

int IntrinsicArgc(Intrinsic f) {
  static const int kArgc[] = {
#define INTRINSIC(name, argc, doc) argc,
#include "vm/interpreter/intrinsics.def"
#undef INTRINSIC
  };
  return TableEntry(kArgc, static_cast<size_t>(f), 0);
}

int32_t ReadOperand(const uint8_t* pc, int i) {
  const BytecodeInfo& info = GetBytecodeInfo(static_cast<Bytecode>(pc[0]));
  const uint8_t* p = pc + info.operand_offsets[i];
  switch (info.operands[i]) {
    case kReg: case kRegOut: case kRegList: return ReadI16(p);
    case kSlot: case kRuntime: case kIntrinsic: return ReadU16(p);
    case kFlag: return *p;
    case kImm: return ReadI32(p);
    default: return static_cast<int32_t>(ReadU32(p));
  }
}

uint16_t ReadRegListCount(const uint8_t* pc, int i) {
  const BytecodeInfo& info = GetBytecodeInfo(static_cast<Bytecode>(pc[0]));
  return ReadU16(pc + info.operand_offsets[i] + 2);
}

int RegistersWritten(const uint8_t* pc, int32_t out[kMaxWrittenRegisters]) {
  auto op = static_cast<Bytecode>(pc[0]);
  const BytecodeInfo& info = GetBytecodeInfo(op);
  const BytecodeFacts& facts = info.facts;
  int n = 0;
  for (int i = 0; i < info.operand_count; ++i) {
    if (info.operands[i] != kRegOut) continue;
    int32_t r = ReadOperand(pc, i);
    for (int k = 0; k <= facts.writes_after_out; ++k) out[n++] = r + k;
  }
  if (facts.writes_register >= 0) out[n++] = facts.writes_register;
  if (facts.writes_reg_operand) out[n++] = ReadOperand(pc, 0);
  if (facts.writes_context) out[n++] = reg::kContext;
  return n;
}

namespace {
constexpr bool FitsWrittenRegisters(const BytecodeInfo& info) {
  const BytecodeFacts& f = info.facts;
  int n = (f.writes_register >= 0) + f.writes_reg_operand + f.writes_context;
  for (int i = 0; i < info.operand_count; ++i) n += info.operands[i] == kRegOut ? 1 + f.writes_after_out : 0;
  return n <= kMaxWrittenRegisters;
}
constexpr bool AllFitWrittenRegisters() {
  for (const BytecodeInfo& info : kBytecodeInfos) {
    if (!FitsWrittenRegisters(info)) return false;
  }
  return true;
}
static_assert(AllFitWrittenRegisters(), "a bytecode writes more than kMaxWrittenRegisters registers");
}  // namespace

namespace reg {
std::string Name(int32_t operand, int32_t param_count) {
  if (operand >= 0) return "r" + std::to_string(operand);
  if (operand == kContext) return "<context>";
  if (operand == kClosure) return "<closure>";
  if (operand == Receiver(param_count)) return "<this>";
  int32_t i = operand - Param(0, param_count);
  if (i >= 0 && i < param_count) return "a" + std::to_string(i);
  return "r?" + std::to_string(operand);
}
}  // namespace reg

}  // namespace jsvm
