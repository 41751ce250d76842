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
  kReg, kRegOut, kRegList, kIdx, kSlot, kImm, kUImm, kFlag, kRuntime, kIntrinsic, kJump, kJumpBack,
};
enum class AccumulatorUse : uint8_t { kNone, kRead, kWrite, kReadWrite };

// ---- The facts column of bytecodes.def: what a bytecode's line says of it
// beyond its operands, for the tools that treat bytecodes by kind (builder,
// verifier, tracers). Everything that needs a set of bytecodes asks the
// predicates below instead of listing names.

// How control leaves a bytecode.
enum class ControlFlow : uint8_t {
  kNext,    // falls through to the next instruction
  kJump,    // jumps, always (Jump, JumpLoop)
  kJumpIf,  // jumps or falls through (JumpIf...)
  kReturn,  // leaves the function
  kThrow,   // throws, always
  kSwitch,  // jumps to an entry of a jump table in the constant pool, or falls through
};

// The family a bytecode belongs to: its members do the same thing to
// different operands.
enum class BytecodeFamily : uint8_t {
  kNone,
  kCall,            // calls its first operand
  kConstruct,       // constructs its first operand (new.target in acc)
  kCallRuntime,     // calls a runtime function
  kPropertyLoad,    // acc = r.name, r[acc], super.name
  kPropertyStore,   // r.name = acc, r1[r2] = acc (ordinary or defining stores)
  kPropertyDelete,  // acc = delete r[acc]
  kGlobalLoad,      // acc = global[name]
  kGlobalStore,     // global[name] = acc
  kContextLoad,     // acc = a context slot (of <context> walked depth times, or of the current one)
  kContextStore,    // a context slot = acc (same two forms)
  kContextCreate,   // acc = a new context for a scope info
  kContextSwitch,   // changes <context> (PushContext, PopContext)
  kLookupLoad,      // acc = a binding found by name at run time (with, sloppy eval)
  kLookupStore,     // a binding found by name at run time = acc
};

// What an Idx operand names in the constant pool.
enum class ConstantKind : uint8_t {
  kNone,               // not an Idx operand
  kName,               // a string: a property or variable name, a regexp's source or flags
  kValue,              // any value but a function or scope info (LdaConstant)
  kFunction,           // a FunctionInfo
  kScope,              // a ScopeInfo
  kArrayBoilerplate,   // an array of primitives, copied on write
  kObjectBoilerplate,  // an array of distinct property names (not array indices)
  kJumpTable,          // the first of `count` consecutive integers: bytecode offsets
};

// One line's facts. Written in bytecodes.def as the constants below joined by
// `|`, e.g. `kFlowJumpIf`, `kFamilyCall | kSpreadsLast`; kNoFacts for none.
struct BytecodeFacts {
  ControlFlow flow = ControlFlow::kNext;
  BytecodeFamily family = BytecodeFamily::kNone;
  ConstantKind constant = ConstantKind::kNone;  // of every Idx operand
  bool spreads_last = false;       // the register list's last register is spread (...xs)
  int8_t writes_register = -1;     // >= 0: also writes that register, r0.. (Star0..Star15)
  uint8_t writes_after_out = 0;    // also writes the n registers after its RegOut operand
  uint8_t reads_after_last = 0;    // also reads the n registers after its last Reg operand
  bool writes_reg_operand = false; // writes its first operand, a Reg, too (in place)
  bool writes_context = false;     // writes <context>
  bool writes_reg_list = false;    // writes the registers of its register list (ResumeGenerator)
};

namespace detail {
// A field of `a` or of `b`; naming it in both is a compile error in bytecodes.def.
template <typename T>
constexpr T OneOf(T a, T b, T none) {
  if (a != none && b != none) throw "bytecodes.def: a fact given twice on one line";
  return a != none ? a : b;
}
}  // namespace detail

// Joins two lines' worth of facts (each field may be given once).
constexpr BytecodeFacts operator|(BytecodeFacts a, BytecodeFacts b) {
  using detail::OneOf;
  return {OneOf(a.flow, b.flow, ControlFlow::kNext),
          OneOf(a.family, b.family, BytecodeFamily::kNone),
          OneOf(a.constant, b.constant, ConstantKind::kNone),
          OneOf(a.spreads_last, b.spreads_last, false),
          OneOf(a.writes_register, b.writes_register, int8_t{-1}),
          OneOf(a.writes_after_out, b.writes_after_out, uint8_t{0}),
          OneOf(a.reads_after_last, b.reads_after_last, uint8_t{0}),
          OneOf(a.writes_reg_operand, b.writes_reg_operand, false),
          OneOf(a.writes_context, b.writes_context, false),
          OneOf(a.writes_reg_list, b.writes_reg_list, false)};
}

// The vocabulary of the facts column.
inline constexpr BytecodeFacts kNoFacts{};
inline constexpr BytecodeFacts kFlowJump{.flow = ControlFlow::kJump};
inline constexpr BytecodeFacts kFlowJumpIf{.flow = ControlFlow::kJumpIf};
inline constexpr BytecodeFacts kFlowReturn{.flow = ControlFlow::kReturn};
inline constexpr BytecodeFacts kFlowThrow{.flow = ControlFlow::kThrow};
inline constexpr BytecodeFacts kFlowSwitch{.flow = ControlFlow::kSwitch};
inline constexpr BytecodeFacts kFamilyCall{.family = BytecodeFamily::kCall};
inline constexpr BytecodeFacts kFamilyConstruct{.family = BytecodeFamily::kConstruct};
inline constexpr BytecodeFacts kFamilyCallRuntime{.family = BytecodeFamily::kCallRuntime};
inline constexpr BytecodeFacts kFamilyPropertyLoad{.family = BytecodeFamily::kPropertyLoad};
inline constexpr BytecodeFacts kFamilyPropertyStore{.family = BytecodeFamily::kPropertyStore};
inline constexpr BytecodeFacts kFamilyPropertyDelete{.family = BytecodeFamily::kPropertyDelete};
inline constexpr BytecodeFacts kFamilyGlobalLoad{.family = BytecodeFamily::kGlobalLoad};
inline constexpr BytecodeFacts kFamilyGlobalStore{.family = BytecodeFamily::kGlobalStore};
inline constexpr BytecodeFacts kFamilyContextLoad{.family = BytecodeFamily::kContextLoad};
inline constexpr BytecodeFacts kFamilyContextStore{.family = BytecodeFamily::kContextStore};
inline constexpr BytecodeFacts kFamilyContextCreate{.family = BytecodeFamily::kContextCreate};
inline constexpr BytecodeFacts kFamilyContextSwitch{.family = BytecodeFamily::kContextSwitch};
inline constexpr BytecodeFacts kFamilyLookupLoad{.family = BytecodeFamily::kLookupLoad};
inline constexpr BytecodeFacts kFamilyLookupStore{.family = BytecodeFamily::kLookupStore};
inline constexpr BytecodeFacts kConstName{.constant = ConstantKind::kName};
inline constexpr BytecodeFacts kConstValue{.constant = ConstantKind::kValue};
inline constexpr BytecodeFacts kConstFunction{.constant = ConstantKind::kFunction};
inline constexpr BytecodeFacts kConstScope{.constant = ConstantKind::kScope};
inline constexpr BytecodeFacts kConstArrayBoilerplate{.constant = ConstantKind::kArrayBoilerplate};
inline constexpr BytecodeFacts kConstObjectBoilerplate{.constant = ConstantKind::kObjectBoilerplate};
inline constexpr BytecodeFacts kConstJumpTable{.constant = ConstantKind::kJumpTable};
inline constexpr BytecodeFacts kWritesRegList{.writes_reg_list = true};
inline constexpr BytecodeFacts kSpreadsLast{.spreads_last = true};
inline constexpr BytecodeFacts kWritesRegOperand{.writes_reg_operand = true};
inline constexpr BytecodeFacts kWritesContext{.writes_context = true};
// Also writes register r<n>.
constexpr BytecodeFacts WritesRegister(int n) { return {.writes_register = static_cast<int8_t>(n)}; }
// Also writes the n registers after its RegOut operand.
constexpr BytecodeFacts WritesAfterOut(int n) { return {.writes_after_out = static_cast<uint8_t>(n)}; }
// Also reads the n registers after its last Reg operand.
constexpr BytecodeFacts ReadsAfterLast(int n) { return {.reads_after_last = static_cast<uint8_t>(n)}; }

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
  BytecodeFacts facts;                    // the facts column
};

constexpr int OperandSize(OperandKind k) {
  switch (k) {
    case OperandKind::kReg: case OperandKind::kRegOut: case OperandKind::kSlot:
    case OperandKind::kRuntime: case OperandKind::kIntrinsic:
      return 2;
    case OperandKind::kFlag:
      return 1;
    default:
      return 4;  // kRegList (2 + 2), kIdx, kImm, kUImm, kJump, kJumpBack
  }
}

namespace detail {
template <size_t N>
constexpr BytecodeInfo MakeInfo(const char* name, const char* doc, AccumulatorUse acc, BytecodeFacts facts,
                                const OperandKind (&ops)[N], size_t count) {
  BytecodeInfo info{name, doc, acc, static_cast<uint8_t>(count), {}, {}, 1, facts};
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
  detail::MakeInfo(#name, doc, detail::acc, facts, detail::k##name##Ops, detail::k##name##Count),
#include "vm/interpreter/bytecodes.def"
#undef BYTECODE
};
static_assert(sizeof(kBytecodeInfos) / sizeof(kBytecodeInfos[0]) == kBytecodeCount);

constexpr const BytecodeInfo& GetBytecodeInfo(Bytecode b) { return kBytecodeInfos[static_cast<int>(b)]; }
constexpr int BytecodeSize(Bytecode b) { return GetBytecodeInfo(b).size; }
inline const char* BytecodeName(Bytecode b) { return GetBytecodeInfo(b).name; }
const char* OperandKindName(OperandKind k);

// ---- Predicates on the facts (V8's Bytecodes::IsJump and kin).

constexpr const BytecodeFacts& FactsOf(Bytecode b) { return GetBytecodeInfo(b).facts; }
constexpr ControlFlow ControlFlowOf(Bytecode b) { return FactsOf(b).flow; }
constexpr BytecodeFamily FamilyOf(Bytecode b) { return FactsOf(b).family; }
// Jump, JumpLoop.
constexpr bool IsUnconditionalJump(Bytecode b) { return ControlFlowOf(b) == ControlFlow::kJump; }
// JumpIf...: jumps or falls through.
constexpr bool IsConditionalJump(Bytecode b) { return ControlFlowOf(b) == ControlFlow::kJumpIf; }
constexpr bool IsJump(Bytecode b) { return IsUnconditionalJump(b) || IsConditionalJump(b); }
// Jumps through a jump table (SwitchOnSmiNoFeedback, SwitchOnGeneratorState) or falls through.
constexpr bool IsSwitch(Bytecode b) { return ControlFlowOf(b) == ControlFlow::kSwitch; }
constexpr bool Returns(Bytecode b) { return ControlFlowOf(b) == ControlFlow::kReturn; }
constexpr bool UnconditionallyThrows(Bytecode b) { return ControlFlowOf(b) == ControlFlow::kThrow; }
// Never falls through to the next instruction: the last of a basic block.
constexpr bool EndsBasicBlock(Bytecode b) {
  return IsUnconditionalJump(b) || Returns(b) || UnconditionallyThrows(b);
}
constexpr bool IsCall(Bytecode b) { return FamilyOf(b) == BytecodeFamily::kCall; }
constexpr bool IsConstruct(Bytecode b) { return FamilyOf(b) == BytecodeFamily::kConstruct; }
constexpr bool IsCallOrConstruct(Bytecode b) { return IsCall(b) || IsConstruct(b); }
// The last register of its register list is spread (CallWithSpread, ConstructWithSpread).
constexpr bool SpreadsLastArgument(Bytecode b) { return FactsOf(b).spreads_last; }
constexpr bool IsPropertyStore(Bytecode b) { return FamilyOf(b) == BytecodeFamily::kPropertyStore; }
// A store whose key is a name in the constant pool: r.name = acc, global[name] = acc.
constexpr bool IsNamedStore(Bytecode b) {
  return (IsPropertyStore(b) || FamilyOf(b) == BytecodeFamily::kGlobalStore) &&
         FactsOf(b).constant == ConstantKind::kName;
}
// A context slot load or store.
constexpr bool IsContextSlotAccess(Bytecode b) {
  return FamilyOf(b) == BytecodeFamily::kContextLoad || FamilyOf(b) == BytecodeFamily::kContextStore;
}
// What operand `i` names in the constant pool (kNone: not an Idx operand).
constexpr ConstantKind ConstantKindOf(Bytecode b, int i) {
  return GetBytecodeInfo(b).operands[i] == OperandKind::kIdx ? FactsOf(b).constant : ConstantKind::kNone;
}
// Writes registers that no RegOut operand names (see RegistersWritten).
constexpr bool WritesRegistersImplicitly(Bytecode b) {
  const BytecodeFacts& f = FactsOf(b);
  return f.writes_register >= 0 || f.writes_after_out > 0 || f.writes_reg_operand || f.writes_context ||
         f.writes_reg_list;
}
// The register r0.. it writes implicitly, or -1 (Star0..Star15).
constexpr int ImplicitRegisterWritten(Bytecode b) { return FactsOf(b).writes_register; }
// How many registers after its RegOut operand it writes too (ForInPrepare: 2).
constexpr int RegistersWrittenAfterOut(Bytecode b) { return FactsOf(b).writes_after_out; }
// How many registers after its last Reg operand it reads too (ForInNext: 1).
constexpr int RegistersReadAfterLast(Bytecode b) { return FactsOf(b).reads_after_last; }

namespace detail {
constexpr bool HasOperand(const BytecodeInfo& info, OperandKind k) {
  for (int i = 0; i < info.operand_count; ++i) {
    if (info.operands[i] == k) return true;
  }
  return false;
}
// The facts a line gives agree with its operands.
constexpr bool FactsFitOperands(const BytecodeInfo& info) {
  const BytecodeFacts& f = info.facts;
  bool jumps = f.flow == ControlFlow::kJump || f.flow == ControlFlow::kJumpIf;
  return (f.constant != ConstantKind::kNone) == HasOperand(info, OperandKind::kIdx) &&
         jumps == (HasOperand(info, OperandKind::kJump) || HasOperand(info, OperandKind::kJumpBack)) &&
         (f.writes_after_out == 0 || HasOperand(info, OperandKind::kRegOut)) &&
         (f.reads_after_last == 0 || HasOperand(info, OperandKind::kReg)) &&
         (!f.writes_reg_operand || (info.operand_count > 0 && info.operands[0] == OperandKind::kReg)) &&
         (!f.spreads_last || HasOperand(info, OperandKind::kRegList)) &&
         (!f.writes_reg_list || HasOperand(info, OperandKind::kRegList)) &&
         ((f.flow == ControlFlow::kSwitch) == (f.constant == ConstantKind::kJumpTable));
}
constexpr bool AllFactsFitOperands() {
  for (const BytecodeInfo& info : kBytecodeInfos) {
    if (!FactsFitOperands(info)) return false;
  }
  return true;
}
}  // namespace detail
static_assert(detail::AllFactsFitOperands(),
              "bytecodes.def: a line's facts do not fit its operands (an Idx operand needs a constant "
              "kind, a jump operand a jump flow, ...)");

enum class RuntimeFunction : uint16_t {
#define RUNTIME_FUNCTION(name, argc, doc) k##name,
#include "vm/interpreter/runtime-functions.def"
#undef RUNTIME_FUNCTION
  kCount
};
const char* RuntimeFunctionName(RuntimeFunction f);
int RuntimeFunctionArgc(RuntimeFunction f);

// The intrinsics of InvokeIntrinsic (intrinsics.def): the steps of
// generators and async functions that V8 inlines, printed [_Name].
enum class Intrinsic : uint16_t {
#define INTRINSIC(name, argc, doc) k##name,
#include "vm/interpreter/intrinsics.def"
#undef INTRINSIC
  kCount
};
const char* IntrinsicName(Intrinsic f);  // without the leading underscore
int IntrinsicArgc(Intrinsic f);

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
// its facts name (Star0..Star15's register, ForInPrepare's r+1 and r+2,
// ForInStep's r, and <context> for PushContext and PopContext). Returns how
// many it stored.
constexpr int kMaxWrittenRegisters = 4;
int RegistersWritten(const uint8_t* pc, int32_t out[kMaxWrittenRegisters]);

}  // namespace jsvm
