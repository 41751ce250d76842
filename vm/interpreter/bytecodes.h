// The instruction set, generated from bytecodes.def: the Bytecode enum,
// operand kinds and sizes, and the register operand encoding.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace jsvm {

enum class Bytecode : uint8_t {
#define BYTECODE(name, acc, facts, doc, ...) k##name,
#include "vm/interpreter/bytecodes.def"
#undef BYTECODE
  kCount
};
constexpr int kBytecodeCount = static_cast<int>(Bytecode::kCount);

enum class OperandKind : uint8_t {
  kReg, kRegOut, kRegList, kIdx, kSlot, kImm, kUImm, kFlag, kRuntime, kJump, kJumpBack,
};
enum class AccumulatorUse : uint8_t { kNone, kRead, kWrite, kReadWrite };
// What a bytecode's line in bytecodes.def says of it beyond its operands: a
// set of flags (filled in and used by the tools that need them).
enum BytecodeFacts : uint32_t { kNoFacts = 0 };

constexpr int kMaxOperands = 5;

// Static facts about one bytecode.
struct BytecodeInfo {
  const char* name;
  const char* doc;
  AccumulatorUse acc;
  uint8_t operand_count;
  OperandKind operands[kMaxOperands];
  uint8_t operand_offsets[kMaxOperands];  // byte offset of each operand after the opcode
  uint8_t size;                           // whole instruction, opcode included
};

constexpr int OperandSize(OperandKind k) {
  switch (k) {
    case OperandKind::kReg: case OperandKind::kRegOut: case OperandKind::kSlot:
    case OperandKind::kRuntime:
      return 2;
    case OperandKind::kFlag:
      return 1;
    default:
      return 4;  // kRegList (2 + 2), kIdx, kImm, kUImm, kJump, kJumpBack
  }
}

namespace detail {
template <size_t N>
constexpr BytecodeInfo MakeInfo(const char* name, const char* doc, AccumulatorUse acc,
                                const OperandKind (&ops)[N], size_t count) {
  BytecodeInfo info{name, doc, acc, static_cast<uint8_t>(count), {}, {}, 1};
  int offset = 1;
  for (size_t i = 0; i < count; ++i) {
    info.operands[i] = ops[i];
    info.operand_offsets[i] = static_cast<uint8_t>(offset);
    offset += OperandSize(ops[i]);
  }
  info.size = static_cast<uint8_t>(offset);
  return info;
}
// Each operand list ends with a dummy entry so that empty lists are valid arrays.
#define BYTECODE(name, acc, facts, doc, ...)                                                    \
  inline constexpr OperandKind k##name##Ops[] = {__VA_OPT__(__VA_ARGS__, ) OperandKind::kReg}; \
  inline constexpr size_t k##name##Count = sizeof(k##name##Ops) / sizeof(OperandKind) - 1;
using enum OperandKind;
using enum AccumulatorUse;
#include "vm/interpreter/bytecodes.def"
#undef BYTECODE
}  // namespace detail

inline constexpr BytecodeInfo kBytecodeInfos[] = {
#define BYTECODE(name, acc, facts, doc, ...) \
  detail::MakeInfo(#name, doc, detail::acc, detail::k##name##Ops, detail::k##name##Count),
#include "vm/interpreter/bytecodes.def"
#undef BYTECODE
};
static_assert(sizeof(kBytecodeInfos) / sizeof(kBytecodeInfos[0]) == kBytecodeCount);

constexpr const BytecodeInfo& GetBytecodeInfo(Bytecode b) { return kBytecodeInfos[static_cast<int>(b)]; }
constexpr int BytecodeSize(Bytecode b) { return GetBytecodeInfo(b).size; }
inline const char* BytecodeName(Bytecode b) { return GetBytecodeInfo(b).name; }
const char* OperandKindName(OperandKind k);

enum class RuntimeFunction : uint16_t {
#define RUNTIME_FUNCTION(name, argc, doc) k##name,
#include "vm/interpreter/runtime-functions.def"
#undef RUNTIME_FUNCTION
  kCount
};
const char* RuntimeFunctionName(RuntimeFunction f);
int RuntimeFunctionArgc(RuntimeFunction f);

// Register operands are int16 offsets from the frame's first local register.
// The frame below r0 holds, downwards: <context>, <closure>, the parameters
// a(n-1)..a0 and the receiver <this>:
//
//   [<this>][a0]..[a(n-1)][<closure>][<context>][r0][r1]...
//                                                ^ fp
namespace reg {
constexpr int32_t kContext = -1;
constexpr int32_t kClosure = -2;
constexpr int32_t kFirstParamFromTop = -3;  // a(n-1)
inline int32_t Param(int32_t i, int32_t param_count) { return -3 - (param_count - 1) + i; }
inline int32_t Receiver(int32_t param_count) { return -3 - param_count; }
constexpr int32_t kMaxLocal = 32767;
// Text of a register operand: r3, a0, <this>, <closure>, <context>.
std::string Name(int32_t operand, int32_t param_count);
}  // namespace reg

// Little-endian operand readers (unaligned).
inline uint32_t ReadU32(const uint8_t* p) { uint32_t v; std::memcpy(&v, p, 4); return v; }
inline int32_t ReadI32(const uint8_t* p) { int32_t v; std::memcpy(&v, p, 4); return v; }
inline uint16_t ReadU16(const uint8_t* p) { uint16_t v; std::memcpy(&v, p, 2); return v; }
inline int16_t ReadI16(const uint8_t* p) { int16_t v; std::memcpy(&v, p, 2); return v; }

// Reads operand i of the instruction at `pc` as a 32-bit value (registers and
// immediates sign-extended; a register list yields its first register, and its
// count through ReadRegListCount).
int32_t ReadOperand(const uint8_t* pc, int i);
uint16_t ReadRegListCount(const uint8_t* pc, int i);

// The registers (operand encoding, see reg::) that the instruction at `pc`
// writes, the accumulator aside: its RegOut operands plus the implicit ones
// (Star0..Star15's register, ForInPrepare's r+1 and r+2, ForInStep's r, and
// <context> for PushContext and PopContext). Returns how many it stored.
constexpr int kMaxWrittenRegisters = 4;
int RegistersWritten(const uint8_t* pc, int32_t out[kMaxWrittenRegisters]);

}  // namespace jsvm
