#include "compiler/bytecode-array-builder.h"

#include <cstring>
#include <stdexcept>

namespace jsvm {

namespace {
void Put16(ExternalVector<uint8_t>& c, uint16_t v) {
  uint8_t b[2];
  std::memcpy(b, &v, 2);
  c.insert(c.end(), b, b + 2);
}
void Put32(ExternalVector<uint8_t>& c, uint32_t v) {
  uint8_t b[4];
  std::memcpy(b, &v, 4);
  c.insert(c.end(), b, b + 4);
}
}  // namespace

BytecodeArrayBuilder::BytecodeArrayBuilder(Runtime& rt, uint32_t locals) : rt_(rt), next_(locals), max_(locals) {}

void BytecodeArrayBuilder::Output(Bytecode op, std::initializer_list<int64_t> operands) {
  const BytecodeInfo& info = GetBytecodeInfo(op);
  if (!reachable_) {
    // A dropped jump leaves a pending position or call site to the next
    // instruction emitted; anything else dropped takes them with it.
    bool jump = info.operand_count > 0 &&
                (info.operands[0] == OperandKind::kJump || info.operands[0] == OperandKind::kJumpBack);
    if (!jump) {
      pending_.valid = false;
      pending_call_site_.valid = false;
    }
    return;
  }
  if (pending_call_site_.valid) {
    call_sites_.Add(static_cast<uint32_t>(code_.size()), pending_call_site_.kind, pending_call_site_.text,
                    pending_call_site_.property);
    pending_call_site_.valid = false;
  }
  if (pending_.valid) {
    positions_.push_back({static_cast<uint32_t>(code_.size()), pending_.offset, pending_.statement});
    pending_.valid = false;
  }
  code_.push_back(static_cast<uint8_t>(op));
  auto it = operands.begin();
  for (int i = 0; i < info.operand_count; ++i) {
    if (it == operands.end()) throw std::logic_error(std::string("missing operand for ") + info.name);
    int64_t v = *it++;
    switch (info.operands[i]) {
      case OperandKind::kReg:
      case OperandKind::kRegOut:
        Put16(code_, static_cast<uint16_t>(static_cast<int16_t>(v)));
        break;
      case OperandKind::kRegList: {
        Put16(code_, static_cast<uint16_t>(static_cast<int16_t>(v)));
        if (it == operands.end()) throw std::logic_error(std::string("missing count for ") + info.name);
        Put16(code_, static_cast<uint16_t>(*it++));
        break;
      }
      case OperandKind::kSlot:
      case OperandKind::kRuntime:
      case OperandKind::kIntrinsic:
        Put16(code_, static_cast<uint16_t>(v));
        break;
      case OperandKind::kFlag:
        code_.push_back(static_cast<uint8_t>(v));
        break;
      default:
        Put32(code_, static_cast<uint32_t>(v));
        break;
    }
  }
  if (it != operands.end()) throw std::logic_error(std::string("too many operands for ") + info.name);
  if (EndsBasicBlock(op)) reachable_ = false;
}

void BytecodeArrayBuilder::StoreAccumulator(Register r) {
  if (r.index >= 0 && r.index <= 15) {
    Output(static_cast<Bytecode>(static_cast<int>(Bytecode::kStar0) + r.index), {});
  } else {
    Star(r);
  }
}

void BytecodeArrayBuilder::LoadConstant(Value v) { LdaConstant(AddConstant(v)); }

void BytecodeArrayBuilder::LoadNumber(double d) {
  Value v = Value::Number(d);
  if (v.IsInt()) {
    if (v.AsInt() == 0) LdaZero();
    else LdaSmi(Imm(v.AsInt()));
  } else {
    LoadConstant(v);
  }
}

int64_t BytecodeArrayBuilder::ForwardJumpOperand(Label& target) {
  // Backward conditional jumps do not exist; route through a forward jump.
  if (target.bound()) throw std::logic_error("backward jumps use JumpLoop");
  // Output drops an unreachable jump, which then patches nothing.
  if (reachable_) target.patch_sites_.push_back(code_.size());
  return 0;
}

int64_t BytecodeArrayBuilder::LoopJumpOperand(const Label& header) const {
  return static_cast<int64_t>(code_.size() - header.offset());
}

void BytecodeArrayBuilder::Bind(Label* label) {
  // A label nobody jumps to does not make the code after it reachable
  // (a loop header always counts: JumpLoop comes later).
  if (!label->patch_sites_.empty() || label->loop_header_) reachable_ = true;
  label->offset_ = static_cast<int>(code_.size());
  for (size_t site : label->patch_sites_) {
    uint32_t distance = static_cast<uint32_t>(code_.size() - site);
    std::memcpy(&code_[site + 1], &distance, 4);
  }
  label->patch_sites_.clear();
}

void BytecodeArrayBuilder::BindLoopHeader(Label* label) {
  label->loop_header_ = true;
  Bind(label);
}

ConstantIndex BytecodeArrayBuilder::AddConstant(Value v) {
  auto it = constant_index_.find(v.bits());
  if (it != constant_index_.end()) return ConstantIndex(it->second);
  constants_.push_back(v);
  uint32_t index = static_cast<uint32_t>(constants_.size() - 1);
  constant_index_[v.bits()] = index;
  return ConstantIndex(index);
}

ConstantIndex BytecodeArrayBuilder::AllocateJumpTable(uint32_t count) {
  // Never shared with an equal constant: the entries are patched later.
  auto first = static_cast<uint32_t>(constants_.size());
  for (uint32_t i = 0; i < count; ++i) constants_.push_back(Value::Int(0));
  return ConstantIndex(first);
}

void BytecodeArrayBuilder::BindJumpTableEntry(ConstantIndex table, uint32_t i) {
  reachable_ = true;
  constants_[table.value + i] = Value::Int(static_cast<int32_t>(code_.size()));
}

void BytecodeArrayBuilder::PatchOperand32(int at, int operand, uint32_t value) {
  const BytecodeInfo& bi = GetBytecodeInfo(static_cast<Bytecode>(code_[static_cast<size_t>(at)]));
  std::memcpy(&code_[static_cast<size_t>(at) + bi.operand_offsets[operand]], &value, 4);
}

ConstantIndex BytecodeArrayBuilder::AddName(const std::u16string& name) {
  return AddConstant(Value::FromCell(rt_.Intern(name)));
}

Register BytecodeArrayBuilder::NewRegister() {
  Register r(static_cast<int32_t>(next_++));
  if (next_ > max_) max_ = next_;
  if (next_ > static_cast<uint32_t>(reg::kMaxLocal)) throw std::length_error("function needs too many registers");
  return r;
}

RegisterList BytecodeArrayBuilder::NewRegisterList(int count) {
  RegisterList list(Register(static_cast<int32_t>(next_)), static_cast<uint16_t>(count));
  next_ += count;
  if (next_ > max_) max_ = next_;
  if (next_ > static_cast<uint32_t>(reg::kMaxLocal)) throw std::length_error("function needs too many registers");
  return list;
}

size_t BytecodeArrayBuilder::AddHandler(uint32_t start, int32_t context_register) {
  handlers_.push_back({start, start, 0, context_register});
  return handlers_.size() - 1;
}

void BytecodeArrayBuilder::SetHandlerEnd(size_t index, uint32_t end) { handlers_[index].end = end; }
void BytecodeArrayBuilder::SetHandlerTarget(size_t index, uint32_t handler) {
  handlers_[index].handler = handler;
  reachable_ = true;
}

void BytecodeArrayBuilder::Finish(FunctionInfo* info) {
  info->bytecode = std::move(code_);
  info->constants = std::move(constants_);
  info->positions = std::move(positions_);
  info->handlers = std::move(handlers_);
  info->call_sites = std::move(call_sites_);
  info->register_count = max_;
  info->feedback_slot_count = slots_;
}

}  // namespace jsvm
