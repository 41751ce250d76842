// Emits one function's bytecode: instructions with checked operands, labels
// and jump patching, the constant pool, temporary registers (a stack with
// RAII scopes, above the registers of local variables), source positions and
// the handler table.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <vector>

#include "vm/interpreter/bytecodes.h"
#include "vm/objects/function.h"
#include "vm/execution/runtime.h"

namespace jsvm {

// A register operand (see reg:: in bytecodes.h for the encoding).
struct Register {
  int32_t index = 0;
  static Register Local(int32_t i) { return {i}; }
  static Register Context() { return {reg::kContext}; }
  static Register Closure() { return {reg::kClosure}; }
  bool operator==(const Register& o) const { return index == o.index; }
};

struct RegisterList {
  Register first;
  uint16_t count = 0;
  Register operator[](int i) const { return {first.index + i}; }
};

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

class BytecodeArrayBuilder {
 public:
  BytecodeArrayBuilder(Runtime& rt, uint32_t locals);

  // ---- instructions
  // Emits `op` with operands in bytecodes.def order (a kRegList operand takes
  // two values: first register and count).
  void Emit(Bytecode op, std::initializer_list<int64_t> operands = {});
  void Ldar(Register r) { Emit(Bytecode::kLdar, {r.index}); }
  void Star(Register r);
  void Mov(Register from, Register to) { Emit(Bytecode::kMov, {from.index, to.index}); }
  void LoadConstant(Value v);
  void LoadNumber(double d);
  void LoadUndefined() { Emit(Bytecode::kLdaUndefined); }
  void CallRuntime(RuntimeFunction f, RegisterList args);

  // ---- jumps
  void Jump(Bytecode op, Label* target);  // forward or backward (kJump family only)
  void Bind(Label* label);
  void BindLoopHeader(Label* label);
  int offset() const { return static_cast<int>(code_.size()); }
  // A loop header is an already bound label; JumpLoop goes back to it.
  void JumpLoop(const Label& header, uint32_t depth);

  // ---- constants
  uint32_t AddConstant(Value v);
  uint32_t AddName(const std::u16string& name);  // interned string constant

  // ---- registers
  Register NewRegister();
  RegisterList NewRegisterList(int count);
  uint32_t temp_top() const { return next_; }
  void ResetTemps(uint32_t top) { next_ = top; }
  uint32_t register_count() const { return max_; }
  // Slot operands are 16 bits: past 65535 sites every further site shares
  // slot kSharedFeedbackSlot, which the interpreter never caches in.
  uint16_t NewFeedbackSlot() {
    if (slots_ < kSharedFeedbackSlot) return static_cast<uint16_t>(slots_++);
    slots_ = kSharedFeedbackSlot + 1;
    return kSharedFeedbackSlot;
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
