// Emits one function's bytecode: instructions through one typed method per
// bytecode (generated from bytecodes.def), labels and jump patching, the
// constant pool, temporary registers (a stack with RAII scopes, above the
// registers of local variables), source positions and the handler table.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <vector>

#include "vm/interpreter/bytecodes.h"
#include "vm/objects/function.h"
#include "vm/execution/runtime.h"

namespace jsvm {

// ---- operand types: one C++ type per operand kind of bytecodes.def, so that
// a builder method given the wrong kind of operand does not compile. None
// converts implicitly from an integer (or from a braced integer).

// A register operand, kReg or kRegOut (see reg:: in bytecodes.h for the encoding).
struct Register {
  constexpr Register() = default;
  constexpr explicit Register(int32_t i) : index(i) {}
  static Register Local(int32_t i) { return Register(i); }
  static Register Context() { return Register(reg::kContext); }
  static Register Closure() { return Register(reg::kClosure); }
  bool operator==(const Register& o) const { return index == o.index; }
  int32_t index = 0;
};

// Consecutive registers, a kRegList operand: the first and how many.
struct RegisterList {
  constexpr RegisterList() = default;
  constexpr RegisterList(Register f, uint16_t n) : first(f), count(n) {}
  Register operator[](int i) const { return Register(first.index + i); }
  Register first;
  uint16_t count = 0;
};

// A constant-pool index, a kIdx operand (from AddConstant or AddName).
struct ConstantIndex {
  constexpr explicit ConstantIndex(uint32_t v) : value(v) {}
  bool operator==(const ConstantIndex&) const = default;
  uint32_t value;
};

// A feedback slot, a kSlot operand (from NewFeedbackSlot).
struct FeedbackSlot {
  constexpr explicit FeedbackSlot(uint16_t v) : value(v) {}
  bool operator==(const FeedbackSlot&) const = default;
  uint16_t value;
};

// A signed immediate, a kImm operand (the small integer of LdaSmi, AddSmi, ...).
struct Imm {
  constexpr explicit Imm(int32_t v) : value(v) {}
  int32_t value;
};

// An unsigned immediate, a kUImm operand: a context slot, a context depth,
// a slot count, a loop depth.
struct UImm {
  constexpr explicit UImm(uint32_t v) : value(v) {}
  uint32_t value;
};

// An 8-bit flags operand, kFlag.
struct Flag {
  constexpr explicit Flag(uint8_t v) : value(v) {}
  uint8_t value;
};

// kRuntime operands are RuntimeFunction (bytecodes.h); kJump operands are the
// Label jumped to, kJumpBack operands the bound loop header.

// A position in the bytecode that jumps refer to before it is known.
class Label {
 public:
  bool bound() const { return offset_ >= 0; }
  int offset() const { return offset_; }

 private:
  friend class BytecodeArrayBuilder;
  int offset_ = -1;
  bool loop_header_ = false;
  std::vector<size_t> patch_sites_;  // instruction starts of forward jumps to here
};

// ---- the typed builder methods, generated from bytecodes.def
//
// Each BYTECODE(Name, acc, facts, doc, kinds...) line becomes a method
// `void Name(T0 o0, T1 o1, ...)` whose parameter types are the operand kinds'
// C++ types (JSVM_OPERAND_TYPE_k...), as V8 generates its BytecodeArrayBuilder
// methods and Hermes its emitters from BytecodeList.def. It is done with the
// preprocessor, not a build-time script: each line's operand kinds are at most
// kMaxOperands, so a counted FOR_EACH maps them to parameters and to encoded
// values cleanly, and the methods stay visible to the compiler, the debugger
// and grep without a generated file. A line with more operands than
// kMaxOperands makes JSVM_OPERAND_COUNT fail to compile.
#define JSVM_OPERAND_TYPE_kReg Register
#define JSVM_OPERAND_TYPE_kRegOut Register
#define JSVM_OPERAND_TYPE_kRegList RegisterList
#define JSVM_OPERAND_TYPE_kIdx ConstantIndex
#define JSVM_OPERAND_TYPE_kSlot FeedbackSlot
#define JSVM_OPERAND_TYPE_kImm Imm
#define JSVM_OPERAND_TYPE_kUImm UImm
#define JSVM_OPERAND_TYPE_kFlag Flag
#define JSVM_OPERAND_TYPE_kRuntime RuntimeFunction
#define JSVM_OPERAND_TYPE_kIntrinsic Intrinsic
#define JSVM_OPERAND_TYPE_kJump Label&
#define JSVM_OPERAND_TYPE_kJumpBack const Label&
// The values Output encodes for an operand (a register list is two: first and count).
#define JSVM_OPERAND_VALUE_kReg(o) o.index
#define JSVM_OPERAND_VALUE_kRegOut(o) o.index
#define JSVM_OPERAND_VALUE_kRegList(o) o.first.index, o.count
#define JSVM_OPERAND_VALUE_kIdx(o) o.value
#define JSVM_OPERAND_VALUE_kSlot(o) o.value
#define JSVM_OPERAND_VALUE_kImm(o) o.value
#define JSVM_OPERAND_VALUE_kUImm(o) o.value
#define JSVM_OPERAND_VALUE_kFlag(o) o.value
#define JSVM_OPERAND_VALUE_kRuntime(o) static_cast<int64_t>(o)
#define JSVM_OPERAND_VALUE_kIntrinsic(o) static_cast<int64_t>(o)
#define JSVM_OPERAND_VALUE_kJump(o) ForwardJumpOperand(o)
#define JSVM_OPERAND_VALUE_kJumpBack(o) LoopJumpOperand(o)

#define JSVM_OPERAND_COUNT(...) JSVM_OPERAND_COUNT_I(__VA_ARGS__ __VA_OPT__(, ) 5, 4, 3, 2, 1, 0)
#define JSVM_OPERAND_COUNT_I(a, b, c, d, e, n, ...) n
#define JSVM_OPERAND_CAT(a, b) JSVM_OPERAND_CAT_I(a, b)
#define JSVM_OPERAND_CAT_I(a, b) a##b
// The parameter list `T0 o0, T1 o1, ...` of a line's operand kinds.
#define JSVM_OPERAND_PARAMS(...) JSVM_OPERAND_CAT(JSVM_OPERAND_PARAMS_, JSVM_OPERAND_COUNT(__VA_ARGS__))(__VA_ARGS__)
#define JSVM_OPERAND_PARAMS_0()
#define JSVM_OPERAND_PARAMS_1(k0) JSVM_OPERAND_TYPE_##k0 o0
#define JSVM_OPERAND_PARAMS_2(k0, k1) JSVM_OPERAND_PARAMS_1(k0), JSVM_OPERAND_TYPE_##k1 o1
#define JSVM_OPERAND_PARAMS_3(k0, k1, k2) JSVM_OPERAND_PARAMS_2(k0, k1), JSVM_OPERAND_TYPE_##k2 o2
#define JSVM_OPERAND_PARAMS_4(k0, k1, k2, k3) JSVM_OPERAND_PARAMS_3(k0, k1, k2), JSVM_OPERAND_TYPE_##k3 o3
#define JSVM_OPERAND_PARAMS_5(k0, k1, k2, k3, k4) \
  JSVM_OPERAND_PARAMS_4(k0, k1, k2, k3), JSVM_OPERAND_TYPE_##k4 o4
// The encoded values `V(o0), V(o1), ...` of those parameters, in order.
#define JSVM_OPERAND_VALUES(...) JSVM_OPERAND_CAT(JSVM_OPERAND_VALUES_, JSVM_OPERAND_COUNT(__VA_ARGS__))(__VA_ARGS__)
#define JSVM_OPERAND_VALUES_0()
#define JSVM_OPERAND_VALUES_1(k0) JSVM_OPERAND_VALUE_##k0(o0)
#define JSVM_OPERAND_VALUES_2(k0, k1) JSVM_OPERAND_VALUES_1(k0), JSVM_OPERAND_VALUE_##k1(o1)
#define JSVM_OPERAND_VALUES_3(k0, k1, k2) JSVM_OPERAND_VALUES_2(k0, k1), JSVM_OPERAND_VALUE_##k2(o2)
#define JSVM_OPERAND_VALUES_4(k0, k1, k2, k3) JSVM_OPERAND_VALUES_3(k0, k1, k2), JSVM_OPERAND_VALUE_##k3(o3)
#define JSVM_OPERAND_VALUES_5(k0, k1, k2, k3, k4) \
  JSVM_OPERAND_VALUES_4(k0, k1, k2, k3), JSVM_OPERAND_VALUE_##k4(o4)
static_assert(kMaxOperands == 5, "JSVM_OPERAND_PARAMS and JSVM_OPERAND_VALUES go up to 5 operands");

class BytecodeArrayBuilder {
 public:
  BytecodeArrayBuilder(Runtime& rt, uint32_t locals);

  // ---- instructions: one method per bytecode (see above), e.g.
  //   GetNamedProperty(Register object, ConstantIndex name, FeedbackSlot slot)
  //   JumpIfTrue(Label& target)   JumpLoop(const Label& header, UImm depth)
  // A forward jump's label is patched when it is bound; a label must not be
  // bound before a jump to it (backward jumps are JumpLoop). Code after
  // Return, Throw, ReThrow, Jump and JumpLoop is dropped until the next
  // bound label or handler.
#define BYTECODE(name, acc, facts, doc, ...) \
  void name(JSVM_OPERAND_PARAMS(__VA_ARGS__)) { Output(Bytecode::k##name, {JSVM_OPERAND_VALUES(__VA_ARGS__)}); }
#include "vm/interpreter/bytecodes.def"
#undef BYTECODE

  // Star, in its one-byte form (Star0..Star15) when the register has one.
  void StoreAccumulator(Register r);
  // acc = v, from the constant pool.
  void LoadConstant(Value v);
  // acc = d in the shortest form: LdaZero, LdaSmi or LdaConstant.
  void LoadNumber(double d);

  // ---- labels
  void Bind(Label* label);
  void BindLoopHeader(Label* label);
  int offset() const { return static_cast<int>(code_.size()); }

  // ---- jump tables (SwitchOnSmiNoFeedback, SwitchOnGeneratorState): `count`
  // fresh constant-pool entries, each the bytecode offset of one target
  ConstantIndex AllocateJumpTable(uint32_t count);
  // Binds entry i of `table` here (the code after it becomes reachable).
  void BindJumpTableEntry(ConstantIndex table, uint32_t i);
  // Sets entry i of `table` to `offset` (a resume point bound earlier).
  void SetJumpTableEntry(ConstantIndex table, uint32_t i, int offset) {
    constants_[table.value + i] = Value::Int(offset);
  }

  // A generator's resume point, after SuspendGenerator: reachable again.
  int BindResumePoint() {
    reachable_ = true;
    return offset();
  }
  // Sets operand `operand` (a 32-bit one) of the instruction at `at`.
  void PatchOperand32(int at, int operand, uint32_t value);

  // ---- constants
  ConstantIndex AddConstant(Value v);
  ConstantIndex AddName(const std::u16string& name);  // interned string constant

  // ---- registers
  Register NewRegister();
  RegisterList NewRegisterList(int count);
  uint32_t temp_top() const { return next_; }
  void ResetTemps(uint32_t top) { next_ = top; }
  uint32_t register_count() const { return max_; }
  // Slot operands are 16 bits: past 65535 sites every further site shares
  // slot kSharedFeedbackSlot, which the interpreter never caches in.
  FeedbackSlot NewFeedbackSlot() {
    if (slots_ < kSharedFeedbackSlot) return FeedbackSlot(static_cast<uint16_t>(slots_++));
    slots_ = kSharedFeedbackSlot + 1;
    return FeedbackSlot(kSharedFeedbackSlot);
  }

  // ---- positions: attach to the next instruction emitted
  void SetStatementPosition(uint32_t source_offset) { pending_ = {source_offset, true, true}; }
  void SetExpressionPosition(uint32_t source_offset) {
    if (!pending_.valid || !pending_.statement) pending_ = {source_offset, false, true};
  }

  // ---- call sites: what an error of the next instruction emitted prints
  // (vm/objects/function.h, CallSite; the bytecode offset is filled in on emission)
  void SetCallSite(CallSiteKind kind, std::u16string text, std::u16string property = {}) {
    pending_call_site_ = {kind, std::move(text), std::move(property), true};
  }

  // ---- handler table
  size_t AddHandler(uint32_t start, int32_t context_register);
  void SetHandlerEnd(size_t index, uint32_t end);
  void SetHandlerTarget(size_t index, uint32_t handler);

  // Moves everything into `info`.
  void Finish(FunctionInfo* info);

  Runtime& runtime() { return rt_; }
  // After Return, Throw, ReThrow, Jump and JumpLoop nothing is reachable
  // until the next bound label or handler; such code is dropped (as V8 does).
  bool reachable() const { return reachable_; }

 private:
  // Emits `op` with its operands' values in bytecodes.def order (a kRegList
  // operand is two values: first register and count); the generated methods
  // are its only callers.
  void Output(Bytecode op, std::initializer_list<int64_t> operands);
  // The value of a kJump operand (0 until the label is bound; the jump is
  // recorded for patching) and of a kJumpBack operand (the distance back).
  int64_t ForwardJumpOperand(Label& target);
  int64_t LoopJumpOperand(const Label& header) const;

  struct Pending {
    uint32_t offset = 0;
    bool statement = false;
    bool valid = false;
  };
  Runtime& rt_;
  ExternalVector<uint8_t> code_;
  ExternalVector<Value> constants_;
  std::map<uint64_t, uint32_t> constant_index_;  // value bits -> index (dedup)
  ExternalVector<SourcePosition> positions_;
  ExternalVector<HandlerEntry> handlers_;
  struct PendingCallSite {
    CallSiteKind kind = CallSiteKind::kCall;
    std::u16string text;
    std::u16string property;
    bool valid = false;
  };
  CallSiteTable call_sites_;
  PendingCallSite pending_call_site_;
  Pending pending_;
  uint32_t next_;
  uint32_t max_;
  uint32_t slots_ = 0;
  bool reachable_ = true;
};

// Restores the temporary register stack on scope exit.
class RegisterScope {
 public:
  explicit RegisterScope(BytecodeArrayBuilder& b) : b_(b), top_(b.temp_top()) {}
  ~RegisterScope() { b_.ResetTemps(top_); }
  RegisterScope(const RegisterScope&) = delete;
  RegisterScope& operator=(const RegisterScope&) = delete;

 private:
  BytecodeArrayBuilder& b_;
  uint32_t top_;
};

}  // namespace jsvm
