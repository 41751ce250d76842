#include "vm/interpreter/bytecode-verifier.h"

#include <deque>
#include <map>
#include <set>

#include "vm/interpreter/bytecodes.h"
#include "vm/objects/object.h"
#include "vm/objects/string.h"

namespace jsvm {

namespace {

using enum OperandKind;

// Thrown inside the verifier, caught at its entry points.
struct Reject {
  uint32_t offset;
  std::string reason;
};

[[noreturn]] void Fail(uint32_t offset, std::string reason) { throw Reject{offset, std::move(reason)}; }

std::string DisplayName(const FunctionInfo* info) {
  if (info->flavor == FunctionFlavor::kTopLevel) return "(top-level)";
  const String* s = info->debug_name ? info->debug_name : info->name;
  std::string name = s ? s->ToUtf8() : "";
  return name.empty() ? "(anonymous)" : name;
}

// A context shape known statically: its variable count and enclosing shape.
struct Shape {
  uint32_t var_count;
  int32_t parent;  // index into the shape list, -1: none
};

// Not a context the verifier knows of.
constexpr int32_t kUnknown = -2;

// What the verifier knows at an instruction boundary: the current context,
// the context in the accumulator and the contexts saved in registers.
struct State {
  bool reached = false;
  int32_t cur = -1;  // current context shape, -1: none
  int32_t acc = kUnknown;  // shape of the context in acc (-1: no context)
  std::map<int32_t, int32_t> saved;  // register -> shape of the context it holds (-1: no context)
};

class FunctionVerifier {
 public:
  FunctionVerifier(const FunctionInfo* info, const ContextChain& entry, std::vector<CreatedFunction>* created)
      : info_(info), code_(info->bytecode), created_(created) {
    for (size_t i = 0; i < entry.size(); ++i) {
      shapes_.push_back({entry[i], i + 1 < entry.size() ? static_cast<int32_t>(i + 1) : -1});
    }
    entry_cur_ = entry.empty() ? -1 : 0;
  }

  void Run() {
    CheckTables();
    Decode();
    CheckTargets();
    Flow();
  }

 private:
  const FunctionInfo* info_;
  const ExternalVector<uint8_t>& code_;
  std::vector<CreatedFunction>* created_;
  std::vector<Shape> shapes_;
  int32_t entry_cur_;
  std::vector<uint32_t> starts_;         // instruction offsets in order
  std::vector<bool> boundary_;           // per byte (and one past the end): an instruction starts here
  std::map<uint32_t, int32_t> created_shape_;  // Create*Context offset -> shape it makes
  std::set<std::pair<const FunctionInfo*, int32_t>> created_here_;  // (function, creation context)

  int32_t LowestRegister() const { return reg::Receiver(info_->param_count); }

  void CheckTables() {
    if (info_->bytecode.empty()) Fail(0, "empty bytecode");
    if (info_->register_count > static_cast<uint32_t>(reg::kMaxLocal) + 1) Fail(0, "register count too large");
    // Slot operands are 16 bits wide, so no function has more than 0x10000 slots.
    if (info_->feedback_slot_count > static_cast<uint32_t>(kSharedFeedbackSlot) + 1) Fail(0, "feedback slot count too large");
    if (info_->parameter_context_slots.size() > info_->param_count) Fail(0, "more parameter slots than parameters");
  }

  void CheckRegister(uint32_t at, int32_t r, bool write) {
    if (r < LowestRegister() || r >= static_cast<int32_t>(info_->register_count)) {
      Fail(at, "register operand " + std::to_string(r) + " outside the frame");
    }
    if (write && (r == reg::kContext || r == reg::kClosure)) Fail(at, "write to " + reg::Name(r, info_->param_count));
  }

  void CheckConstant(uint32_t at, Bytecode op, int operand, uint32_t index) {
    // A jump table (possibly empty) is checked with its count (CheckJumpTables).
    if (ConstantKindOf(op, operand) == ConstantKind::kJumpTable) return;
    if (index >= info_->constants.size()) Fail(at, "constant index " + std::to_string(index) + " out of range");
    Value c = info_->constants[index];
    switch (ConstantKindOf(op, operand)) {
      case ConstantKind::kNone:  // not an Idx operand: never asked
        break;
      case ConstantKind::kValue:
        if (c.IsCellOfKind(CellKind::kFunctionInfo) || c.IsCellOfKind(CellKind::kScopeInfo)) {
          Fail(at, "constant " + std::to_string(index) + " is not a value");
        }
        break;
      case ConstantKind::kFunction:
        if (!c.IsCellOfKind(CellKind::kFunctionInfo)) Fail(at, "constant " + std::to_string(index) + " is not a function");
        break;
      case ConstantKind::kScope:
        if (!c.IsCellOfKind(CellKind::kScopeInfo)) Fail(at, "constant " + std::to_string(index) + " is not a scope info");
        break;
      case ConstantKind::kName:
        if (!c.IsString()) Fail(at, "constant " + std::to_string(index) + " is not a string");
        break;
      case ConstantKind::kArrayBoilerplate:
        // Array constants hold primitives only (the loader's rule); holes are allowed.
        if (!c.IsCellOfKind(CellKind::kArray)) Fail(at, "constant " + std::to_string(index) + " is not an array");
        break;
      case ConstantKind::kJumpTable:  // returned above
        break;
      case ConstantKind::kObjectBoilerplate: {
        // Distinct property names (not array indices): they become a shape.
        if (!c.IsCellOfKind(CellKind::kArray)) Fail(at, "constant " + std::to_string(index) + " is not an array");
        const DenseElements& names = static_cast<const Array*>(c.AsCell())->elements();
        std::set<const Cell*> seen;
        for (Value n : names) {
          uint32_t array_index;
          if (!n.IsString() || !n.AsString()->interned() || n.AsString()->AsArrayIndex(&array_index) ||
              !seen.insert(n.AsCell()).second) {
            Fail(at, "constant " + std::to_string(index) + " is not a list of distinct property names");
          }
        }
        break;
      }
    }
  }

  // Pass 1: every instruction decodes, its operands are in range.
  void Decode() {
    boundary_.assign(code_.size() + 1, false);
    uint32_t size = static_cast<uint32_t>(code_.size());
    for (uint32_t at = 0; at < size;) {
      if (code_[at] >= kBytecodeCount) Fail(at, "unknown opcode " + std::to_string(code_[at]));
      auto op = static_cast<Bytecode>(code_[at]);
      const BytecodeInfo& bi = GetBytecodeInfo(op);
      if (bi.size > size - at) Fail(at, std::string(bi.name) + " runs past the end of the bytecode");
      boundary_[at] = true;
      starts_.push_back(at);
      const uint8_t* pc = code_.data() + at;
      for (int i = 0; i < bi.operand_count; ++i) {
        int32_t v = ReadOperand(pc, i);
        switch (bi.operands[i]) {
          case kReg: CheckRegister(at, v, false); break;
          case kRegOut:
            CheckRegister(at, v, true);
            // The registers after it that it writes too (ForInPrepare's triple):
            // with the first one checked, the last one tells whether all fit.
            if (int after = RegistersWrittenAfterOut(op)) CheckRegister(at, v + after, true);
            break;
          case kRegList: {
            uint16_t count = ReadRegListCount(pc, i);
            // CallProperty's list starts with the receiver and a spreading
            // call's ends with the spread: neither may be empty.
            if (count == 0 && (op == Bytecode::kCallProperty || SpreadsLastArgument(op))) {
              Fail(at, "empty register list where a receiver or a spread argument must be");
            }
            if (count > 0) {
              CheckRegister(at, v, false);
              CheckRegister(at, v + count - 1, false);
            }
            break;
          }
          case kIdx: CheckConstant(at, op, i, static_cast<uint32_t>(v)); break;
          case kSlot:
            if (static_cast<uint32_t>(v) >= info_->feedback_slot_count) {
              Fail(at, "feedback slot " + std::to_string(v) + " out of range");
            }
            break;
          case kRuntime:
            // Runtime functions read missing arguments as undefined, so the count is free.
            if (v >= static_cast<int32_t>(RuntimeFunction::kCount)) Fail(at, "unknown runtime function " + std::to_string(v));
            break;
          case kIntrinsic:
            if (v >= static_cast<int32_t>(Intrinsic::kCount)) Fail(at, "unknown intrinsic " + std::to_string(v));
            break;
          case kJump:
            if (v == 0 || static_cast<uint32_t>(v) >= size - at) Fail(at, "jump target outside the function");
            break;
          case kJumpBack:
            // JumpLoop 0 is a loop on itself (`for (;;) {}`), stopped by --max-steps/--timeout.
            if (static_cast<uint32_t>(v) > at) Fail(at, "jump target outside the function");
            break;
          case kImm: case kUImm: case kFlag: break;  // checked by the context flow where it matters
        }
      }
      // The registers it reads after its last Reg operand (ForInNext's key
      // array after its cache register), and the one it writes by its facts.
      if (int after = RegistersReadAfterLast(op)) {
        int last_reg = bi.operand_count - 1;
        while (bi.operands[last_reg] != kReg) --last_reg;
        CheckRegister(at, ReadOperand(pc, last_reg) + after, false);
      }
      if (int r = ImplicitRegisterWritten(op); r >= 0) CheckRegister(at, r, true);
      at += bi.size;
    }
    boundary_[size] = true;
    if (!EndsBasicBlock(static_cast<Bytecode>(code_[starts_.back()]))) {
      Fail(starts_.back(), "execution can run past the end of the function");
    }
  }

  static uint32_t JumpTarget(uint32_t at, const uint8_t* pc, const BytecodeInfo& bi, int i) {
    uint32_t d = static_cast<uint32_t>(ReadOperand(pc, i));
    return bi.operands[i] == kJump ? at + d : at - d;
  }

  // Pass 2: jump targets and handler ranges lie on instruction boundaries.
  void CheckTargets() {
    for (uint32_t at : starts_) {
      const uint8_t* pc = code_.data() + at;
      const BytecodeInfo& bi = GetBytecodeInfo(static_cast<Bytecode>(*pc));
      for (int i = 0; i < bi.operand_count; ++i) {
        if (bi.operands[i] != kJump && bi.operands[i] != kJumpBack) continue;
        uint32_t target = JumpTarget(at, pc, bi, i);
        if (target >= code_.size() || !boundary_[target]) {
          Fail(at, "jump target " + std::to_string(target) + " is not an instruction boundary");
        }
      }
    }
    CheckJumpTables();
    uint32_t size = static_cast<uint32_t>(code_.size());
    for (size_t i = 0; i < info_->handlers.size(); ++i) {
      const HandlerEntry& h = info_->handlers[i];
      std::string which = "handler " + std::to_string(i) + ": ";
      if (h.start > h.end || h.end > size || !boundary_[h.start] || !boundary_[h.end]) {
        Fail(h.start <= size ? h.start : 0, which + "try range is not a range of instructions");
      }
      if (h.handler >= size || !boundary_[h.handler]) Fail(h.start, which + "handler is not an instruction boundary");
      if (h.context_register < LowestRegister() || h.context_register >= static_cast<int32_t>(info_->register_count)) {
        Fail(h.start, which + "context register outside the frame");
      }
    }
  }

  // A switch's jump table: its first constant and entry count.
  std::pair<uint32_t, uint32_t> JumpTableOf(uint32_t at) const {
    const uint8_t* pc = code_.data() + at;
    const BytecodeInfo& bi = GetBytecodeInfo(static_cast<Bytecode>(*pc));
    int idx = 0;
    while (bi.operands[idx] != kIdx) ++idx;
    return {static_cast<uint32_t>(ReadOperand(pc, idx)), static_cast<uint32_t>(ReadOperand(pc, idx + 1))};
  }

  // Switch targets lie on instruction boundaries. A generator's resume
  // points: one SwitchOnGeneratorState, first in the function, whose entry k
  // is the instruction right after SuspendGenerator [k] (execution resumes
  // there with the registers and context saved at that suspension).
  void CheckJumpTables() {
    int64_t generator_switch = -1;
    for (uint32_t at : starts_) {
      auto op = static_cast<Bytecode>(code_[at]);
      if (!IsSwitch(op)) continue;
      auto [first, count] = JumpTableOf(at);
      if (count > info_->constants.size() || first > info_->constants.size() - count) {
        Fail(at, "jump table outside the constant pool");
      }
      for (uint32_t i = 0; i < count; ++i) {
        Value t = info_->constants[first + i];
        if (!t.IsInt() || t.AsInt() < 0 || static_cast<uint32_t>(t.AsInt()) >= code_.size() ||
            !boundary_[static_cast<uint32_t>(t.AsInt())]) {
          Fail(at, "jump table entry " + std::to_string(i) + " is not an instruction boundary");
        }
      }
      if (op == Bytecode::kSwitchOnGeneratorState) {
        if (at != 0 || generator_switch >= 0) Fail(at, "SwitchOnGeneratorState not first in the function");
        generator_switch = at;
      }
    }
    for (uint32_t at : starts_) {
      if (static_cast<Bytecode>(code_[at]) != Bytecode::kSuspendGenerator) continue;
      if (generator_switch < 0) Fail(at, "SuspendGenerator in a function without SwitchOnGeneratorState");
      auto [first, count] = JumpTableOf(0);
      auto id = static_cast<uint32_t>(ReadOperand(code_.data() + at, 2));
      uint32_t resume = at + GetBytecodeInfo(Bytecode::kSuspendGenerator).size;
      if (id >= count || info_->constants[first + id] != Value::Int(static_cast<int32_t>(resume))) {
        Fail(at, "suspend id " + std::to_string(id) + " does not resume after its SuspendGenerator");
      }
    }
  }

  // The shape `depth` steps out from `shape`.
  int32_t Walk(uint32_t at, int32_t shape, uint32_t depth) {
    if (shape < 0) Fail(at, "context access with no context");
    uint32_t nesting = 0;
    for (int32_t s = shape; s >= 0; s = shapes_[s].parent) ++nesting;
    if (depth >= nesting) {
      Fail(at, "context depth " + std::to_string(depth) + " deeper than the static scope nesting (" +
                   std::to_string(nesting) + ")");
    }
    while (depth--) shape = shapes_[shape].parent;
    return shape;
  }

  void CheckSlot(uint32_t at, int32_t shape, uint32_t slot) {
    if (slot < Context::kFirstSlot || slot - Context::kFirstSlot >= shapes_[shape].var_count) {
      Fail(at, "context slot " + std::to_string(slot) + " outside a context of " +
                   std::to_string(shapes_[shape].var_count) + " variables");
    }
  }

  ContextChain ChainOf(int32_t shape) const {
    ContextChain chain;
    for (int32_t s = shape; s >= 0; s = shapes_[s].parent) chain.push_back(shapes_[s].var_count);
    return chain;
  }

  void NoteCreated(const FunctionInfo* f, int32_t shape) { created_->push_back({f, ChainOf(shape)}); }

  int32_t NewContextShape(uint32_t at, uint32_t var_count, int32_t parent) {
    auto it = created_shape_.find(at);
    if (it == created_shape_.end()) {
      shapes_.push_back({var_count, parent});
      it = created_shape_.emplace(at, static_cast<int32_t>(shapes_.size() - 1)).first;
    } else if (shapes_[it->second].parent != parent) {
      Fail(at, "context created in different context nestings");
    }
    return it->second;
  }

  static int32_t Lookup(const State& s, int32_t r) {
    if (r == reg::kContext) return s.cur;
    auto it = s.saved.find(r);
    return it == s.saved.end() ? kUnknown : it->second;
  }
  static void Assign(State& s, int32_t r, int32_t shape) {
    if (shape != kUnknown) s.saved[r] = shape;
    else s.saved.erase(r);
  }

  // The effect of one instruction on the context state.
  State Transfer(uint32_t at, const State& in) {
    State s = in;
    const uint8_t* pc = code_.data() + at;
    auto op = static_cast<Bytecode>(*pc);
    const BytecodeInfo& bi = GetBytecodeInfo(op);
    auto uimm = [&](int i) { return static_cast<uint32_t>(ReadOperand(pc, i)); };
    auto scope = [&](int i) { return static_cast<const ScopeInfo*>(info_->constants[uimm(i)].AsCell()); };
    int32_t acc_out = kUnknown;
    if (IsContextSlotAccess(op)) {
      // Lda/StaContextSlot <context> [slot] [depth]; Lda/StaCurrentContextSlot [slot].
      bool current = bi.operand_count == 1;
      if (!current && ReadOperand(pc, 0) != reg::kContext) Fail(at, "context operand is not <context>");
      CheckSlot(at, Walk(at, s.cur, current ? 0 : uimm(2)), uimm(current ? 0 : 1));
      if (FamilyOf(op) == BytecodeFamily::kContextLoad) s.acc = kUnknown;
      return s;
    }
    if (FamilyOf(op) == BytecodeFamily::kLookupLoad && bi.operand_count == 3) {
      // LdaLookupContextSlot [name] [slot] [depth] reads that slot; LdaLookupGlobalSlot
      // [name] [feedback] [depth] checks the depth innermost contexts (all of them at most).
      if (bi.operands[1] == OperandKind::kUImm) CheckSlot(at, Walk(at, s.cur, uimm(2)), uimm(1));
      else if (uimm(2) > 0) Walk(at, s.cur, uimm(2) - 1);
      s.acc = kUnknown;
      return s;
    }
    switch (op) {
      case Bytecode::kLdar: acc_out = Lookup(s, ReadOperand(pc, 0)); break;
      case Bytecode::kStar:
        Assign(s, ReadOperand(pc, 0), s.acc);
        acc_out = s.acc;
        break;
      case Bytecode::kMov:
        Assign(s, ReadOperand(pc, 1), Lookup(s, ReadOperand(pc, 0)));
        acc_out = s.acc;
        break;
      case Bytecode::kPushContext:
        if (s.acc < 0) Fail(at, "PushContext of a value that is not a new context");
        Assign(s, ReadOperand(pc, 0), s.cur);
        s.cur = s.acc;
        acc_out = s.acc;
        break;
      case Bytecode::kPopContext: {
        int32_t r = ReadOperand(pc, 0);
        int32_t shape = Lookup(s, r);
        if (shape == kUnknown) Fail(at, "PopContext of a register that holds no saved context");
        s.cur = shape;
        break;
      }
      case Bytecode::kCreateFunctionContext:
        if (uimm(1) != scope(0)->slot_count()) Fail(at, "context size differs from its scope info");
        acc_out = NewContextShape(at, uimm(1), s.cur);
        break;
      case Bytecode::kCreateBlockContext: acc_out = NewContextShape(at, scope(0)->slot_count(), s.cur); break;
      case Bytecode::kCreateCatchContext:
        if (scope(1)->slot_count() < 1) Fail(at, "catch context without a slot for the exception");
        acc_out = NewContextShape(at, scope(1)->slot_count(), s.cur);
        break;
      case Bytecode::kCreateWithContext:
        if (!scope(1)->has_extension() || scope(1)->slot_count() != 1) Fail(at, "with context whose scope info has no object slot");
        acc_out = NewContextShape(at, 1, s.cur);
        break;
      case Bytecode::kCreateEvalContext:
        if (uimm(1) != scope(0)->slot_count()) Fail(at, "context size differs from its scope info");
        acc_out = NewContextShape(at, uimm(1), s.cur);
        break;
      case Bytecode::kCreateClosure: {
        auto* f = static_cast<const FunctionInfo*>(info_->constants[uimm(0)].AsCell());
        if (created_here_.insert({f, s.cur}).second) NoteCreated(f, s.cur);
        break;
      }
      case Bytecode::kCallRuntime: {
        // DeclareGlobals makes closures, verified for the entry context.
        auto rf = static_cast<RuntimeFunction>(ReadOperand(pc, 0));
        if ((rf == RuntimeFunction::kDeclareGlobals || rf == RuntimeFunction::kDeclareEvalGlobals) &&
            s.cur != entry_cur_) {
          Fail(at, "DeclareGlobals outside the function's entry context");
        }
        break;
      }
      case Bytecode::kResumeGenerator:
        // Restores the registers saved by the SuspendGenerator whose state
        // flows here: the saved contexts are those of that moment.
        break;
      case Bytecode::kCreateMappedArguments:
        for (int32_t slot : info_->parameter_context_slots) {
          if (slot >= 0) CheckSlot(at, Walk(at, s.cur, 0), static_cast<uint32_t>(slot));
        }
        break;
      default:
        if (int r = ImplicitRegisterWritten(op); r >= 0) {
          Assign(s, r, s.acc);
          acc_out = s.acc;
          break;
        }
        // Every register it writes (out operands, ForInPrepare's triple,
        // ForInStep's index) no longer holds a saved context.
        int32_t written[kMaxWrittenRegisters];
        for (int k = 0, n = RegistersWritten(pc, written); k < n; ++k) s.saved.erase(written[k]);
        if (bi.acc == AccumulatorUse::kNone || bi.acc == AccumulatorUse::kRead) acc_out = s.acc;
        break;
    }
    s.acc = acc_out;
    return s;
  }

  // Merges `in` into the state at `target`; true when that state changed.
  bool Merge(uint32_t from, uint32_t target, const State& in, std::vector<State>& states) {
    State& t = states[target];
    if (!t.reached) {
      t = in;
      t.reached = true;
      return true;
    }
    if (t.cur != in.cur) {
      Fail(from, "context nesting at " + std::to_string(target) + " differs between paths");
    }
    bool changed = false;
    if (t.acc != in.acc && t.acc != kUnknown) { t.acc = kUnknown; changed = true; }
    for (auto it = t.saved.begin(); it != t.saved.end();) {
      auto other = in.saved.find(it->first);
      if (other == in.saved.end() || other->second != it->second) {
        it = t.saved.erase(it);
        changed = true;
      } else {
        ++it;
      }
    }
    return changed;
  }

  // Pass 3: the context each instruction runs in, by data flow over the
  // control-flow graph (jumps, fall-through, exception handlers).
  void Flow() {
    std::vector<State> states(code_.size());
    std::deque<uint32_t> work;
    State entry;
    entry.cur = entry_cur_;
    entry.reached = true;
    states[0] = entry;
    work.push_back(0);
    std::vector<bool> queued(code_.size(), false);
    queued[0] = true;
    auto push = [&](uint32_t from, uint32_t target, const State& s) {
      if (Merge(from, target, s, states) && !queued[target]) {
        queued[target] = true;
        work.push_back(target);
      }
    };
    while (!work.empty()) {
      uint32_t at = work.front();
      work.pop_front();
      queued[at] = false;
      State in = states[at];
      State out = Transfer(at, in);
      const uint8_t* pc = code_.data() + at;
      auto op = static_cast<Bytecode>(*pc);
      const BytecodeInfo& bi = GetBytecodeInfo(op);
      for (const HandlerEntry& h : info_->handlers) {
        if (at < h.start || at >= h.end) continue;
        for (const State* s : {&in, &out}) {
          State hs = *s;
          hs.cur = Lookup(*s, h.context_register);
          if (hs.cur == kUnknown) Fail(at, "handler's context register holds no saved context");
          hs.acc = kUnknown;
          push(at, h.handler, hs);
        }
      }
      for (int i = 0; i < bi.operand_count; ++i) {
        if (bi.operands[i] == kJump || bi.operands[i] == kJumpBack) push(at, JumpTarget(at, pc, bi, i), out);
      }
      if (op == Bytecode::kSwitchOnSmiNoFeedback) {
        auto [first, count] = JumpTableOf(at);
        for (uint32_t i = 0; i < count; ++i) push(at, static_cast<uint32_t>(info_->constants[first + i].AsInt()), out);
      }
      // A suspended generator resumes after its SuspendGenerator with the
      // same context and registers (the SwitchOnGeneratorState edge).
      if (!EndsBasicBlock(op) || op == Bytecode::kSuspendGenerator) push(at, at + bi.size, out);
    }
    // Function declarations of a DeclareGlobals array are made in the entry context.
    for (Value c : info_->constants) {
      if (!c.IsCellOfKind(CellKind::kArray)) continue;
      for (Value e : static_cast<const Array*>(c.AsCell())->dense()) {
        if (e.IsCellOfKind(CellKind::kFunctionInfo)) NoteCreated(static_cast<const FunctionInfo*>(e.AsCell()), entry_cur_);
      }
    }
  }
};

}  // namespace

bool VerifyFunction(const FunctionInfo* info, const ContextChain& entry, std::vector<CreatedFunction>* created,
                    VerifyError* error) {
  try {
    FunctionVerifier(info, entry, created).Run();
    return true;
  } catch (const Reject& r) {
    *error = {DisplayName(info), r.offset, r.reason};
    return false;
  }
}

bool VerifyScript(const FunctionInfo* top, VerifyError* error) {
  ContextChain entry;
  // A script's code runs in its own script context; eval code in its eval
  // context (whose parent, the script context, it reaches by name only);
  // module code in its module context.
  ScopeType type = top->scope_info ? top->scope_info->type() : ScopeType::kFunction;
  if (type == ScopeType::kScript || type == ScopeType::kEval || type == ScopeType::kModule) {
    entry.push_back(top->scope_info->slot_count());
  }
  return VerifyScript(top, entry, error);
}

bool VerifyScript(const FunctionInfo* top, const ContextChain& entry, VerifyError* error) {
  std::vector<CreatedFunction> work{{top, entry}};
  std::map<const FunctionInfo*, ContextChain> done;
  while (!work.empty()) {
    CreatedFunction next = std::move(work.back());
    work.pop_back();
    auto it = done.find(next.info);
    if (it != done.end()) {
      if (it->second != next.chain) {
        *error = {DisplayName(next.info), 0, "function created in two different context nestings"};
        return false;
      }
      continue;
    }
    done.emplace(next.info, next.chain);
    if (!VerifyFunction(next.info, next.chain, &work, error)) return false;
  }
  return true;
}

std::string FormatVerifyError(const VerifyError& error) {
  return "function " + error.function + ": offset " + std::to_string(error.offset) + ": " + error.reason;
}

}  // namespace jsvm
