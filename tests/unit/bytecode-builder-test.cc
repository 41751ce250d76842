// BytecodeArrayBuilder: operand encoding, the short Star forms, jump
// patching, the constant pool, temporary registers and the handler table;
// and the consistency of the instruction set table made from bytecodes.def.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "compiler/bytecode-array-builder.h"
#include "compiler/disassembler.h"
#include "vm/interpreter/bytecodes.h"
#include "vm/objects/function.h"
#include "vm/execution/runtime.h"

namespace jsvm {
namespace {

// One decoded instruction.
struct Insn {
  uint32_t offset;
  Bytecode op;
};

// Splits finished bytecode into instructions by their table sizes.
std::vector<Insn> Decode(const FunctionInfo& info) {
  std::vector<Insn> out;
  uint32_t pc = 0;
  while (pc < info.bytecode.size()) {
    auto op = static_cast<Bytecode>(info.bytecode[pc]);
    EXPECT_LT(static_cast<int>(op), kBytecodeCount) << "bad opcode at " << pc;
    if (static_cast<int>(op) >= kBytecodeCount) break;
    out.push_back({pc, op});
    pc += BytecodeSize(op);
  }
  EXPECT_EQ(pc, info.bytecode.size()) << "the last instruction runs past the end";
  return out;
}

class BytecodeBuilderTest : public ::testing::Test {
 protected:
  BytecodeBuilderTest() : no_gc_(rt_.heap()) {}

  const uint8_t* At(uint32_t offset) const { return info_.bytecode.data() + offset; }

  Runtime rt_;
  NoGcScope no_gc_;  // interned names in the pool are not rooted by anything here
  FunctionInfo info_;
};

// ---------------------------------------------------------------- bytecodes.def

TEST(BytecodeTable, NamesAreUniqueAndDocumented) {
  std::set<std::string> names;
  for (int i = 0; i < kBytecodeCount; ++i) {
    const BytecodeInfo& info = GetBytecodeInfo(static_cast<Bytecode>(i));
    ASSERT_NE(info.name, nullptr);
    EXPECT_TRUE(names.insert(info.name).second) << "duplicate bytecode name " << info.name;
    ASSERT_NE(info.doc, nullptr) << info.name;
    EXPECT_GT(std::strlen(info.doc), 3u) << info.name << " has no meaningful doc string";
    EXPECT_STREQ(BytecodeName(static_cast<Bytecode>(i)), info.name);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kBytecodeCount));
}

TEST(BytecodeTable, OperandOffsetsAddUpToTheSize) {
  for (int i = 0; i < kBytecodeCount; ++i) {
    const BytecodeInfo& info = GetBytecodeInfo(static_cast<Bytecode>(i));
    ASSERT_LE(info.operand_count, kMaxOperands) << info.name;
    int offset = 1;  // the opcode byte
    for (int k = 0; k < info.operand_count; ++k) {
      EXPECT_EQ(info.operand_offsets[k], offset) << info.name << " operand " << k;
      offset += OperandSize(info.operands[k]);
    }
    EXPECT_EQ(info.size, offset) << info.name;
    EXPECT_EQ(BytecodeSize(static_cast<Bytecode>(i)), offset) << info.name;
  }
}

TEST(BytecodeTable, ShortStarFormsAreConsecutive) {
  for (int i = 0; i <= 15; ++i) {
    auto op = static_cast<Bytecode>(static_cast<int>(Bytecode::kStar0) + i);
    EXPECT_EQ(BytecodeName(op), "Star" + std::to_string(i));
    EXPECT_EQ(BytecodeSize(op), 1);
    EXPECT_EQ(GetBytecodeInfo(op).acc, AccumulatorUse::kRead);
  }
}

TEST(BytecodeTable, OperandSizes) {
  EXPECT_EQ(OperandSize(OperandKind::kReg), 2);
  EXPECT_EQ(OperandSize(OperandKind::kRegOut), 2);
  EXPECT_EQ(OperandSize(OperandKind::kRegList), 4);
  EXPECT_EQ(OperandSize(OperandKind::kIdx), 4);
  EXPECT_EQ(OperandSize(OperandKind::kSlot), 2);
  EXPECT_EQ(OperandSize(OperandKind::kImm), 4);
  EXPECT_EQ(OperandSize(OperandKind::kUImm), 4);
  EXPECT_EQ(OperandSize(OperandKind::kFlag), 1);
  EXPECT_EQ(OperandSize(OperandKind::kRuntime), 2);
  EXPECT_EQ(OperandSize(OperandKind::kJump), 4);
  EXPECT_EQ(OperandSize(OperandKind::kJumpBack), 4);
}

TEST(BytecodeTable, RegisterNames) {
  EXPECT_EQ(reg::Name(0, 2), "r0");
  EXPECT_EQ(reg::Name(reg::kContext, 2), "<context>");
  EXPECT_EQ(reg::Name(reg::kClosure, 2), "<closure>");
  EXPECT_EQ(reg::Name(reg::Param(0, 2), 2), "a0");
  EXPECT_EQ(reg::Name(reg::Param(1, 2), 2), "a1");
  EXPECT_EQ(reg::Name(reg::Receiver(2), 2), "<this>");
  EXPECT_EQ(reg::Param(1, 2), reg::kFirstParamFromTop);
}

// ---------------------------------------------------------------- operands

TEST_F(BytecodeBuilderTest, OperandEncodingRoundTrips) {
  BytecodeArrayBuilder b(rt_, 0);
  // kImm: signed 32-bit
  b.LdaSmi(Imm(std::numeric_limits<int32_t>::min()));
  b.LdaSmi(Imm(std::numeric_limits<int32_t>::max()));
  b.LdaSmi(Imm(-1));
  // kReg: signed 16-bit (locals, parameters, <closure>, <context>)
  b.Ldar(Register(reg::kMaxLocal));
  b.Ldar(Register::Context());
  b.Ldar(Register(reg::Param(0, 3)));
  // kReg + kRegOut
  b.Mov(Register::Closure(), Register(300));
  // kIdx: unsigned 32-bit
  b.LdaConstant(ConstantIndex(70000));
  // kReg, kIdx, kSlot (unsigned 16-bit)
  b.GetNamedProperty(Register(7), ConstantIndex(123456), FeedbackSlot(65535));
  // kReg, kUImm, kUImm
  b.LdaContextSlot(Register::Context(), UImm(9), UImm(4));
  // kIdx, kSlot, kFlag (8-bit)
  b.CreateClosure(ConstantIndex(3), FeedbackSlot(2), Flag(255));
  b.TestTypeOf(Flag(7));
  // kImm, kSlot
  b.AddSmi(Imm(-5), FeedbackSlot(1));
  b.Return();
  struct Expected {
    Bytecode op;
    std::vector<int32_t> read;  // ReadOperand(i) for each operand
  };
  const std::vector<Expected> expected = {
      {Bytecode::kLdaSmi, {std::numeric_limits<int32_t>::min()}},
      {Bytecode::kLdaSmi, {std::numeric_limits<int32_t>::max()}},
      {Bytecode::kLdaSmi, {-1}},
      {Bytecode::kLdar, {reg::kMaxLocal}},
      {Bytecode::kLdar, {-1}},
      {Bytecode::kLdar, {reg::Param(0, 3)}},
      {Bytecode::kMov, {-2, 300}},
      {Bytecode::kLdaConstant, {70000}},
      {Bytecode::kGetNamedProperty, {7, 123456, 65535}},
      {Bytecode::kLdaContextSlot, {-1, 9, 4}},
      {Bytecode::kCreateClosure, {3, 2, 255}},
      {Bytecode::kTestTypeOf, {7}},
      {Bytecode::kAddSmi, {-5, 1}},
  };
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), expected.size() + 1);
  for (size_t i = 0; i < expected.size(); ++i) {
    const Expected& c = expected[i];
    EXPECT_EQ(insns[i].op, c.op) << i;
    const BytecodeInfo& bi = GetBytecodeInfo(c.op);
    ASSERT_EQ(bi.operand_count, c.read.size()) << bi.name;
    for (size_t k = 0; k < c.read.size(); ++k) {
      EXPECT_EQ(ReadOperand(At(insns[i].offset), static_cast<int>(k)), c.read[k])
          << bi.name << " operand " << k << " (" << OperandKindName(bi.operands[k]) << ")";
    }
  }
}

TEST_F(BytecodeBuilderTest, RegisterListAndRuntimeOperands) {
  BytecodeArrayBuilder b(rt_, 4);
  RegisterList args(Register::Local(2), 3);
  b.CallRuntime(RuntimeFunction::kDefineClass, args);
  b.CallUndefinedReceiver(Register(1), RegisterList(Register(5), 0), FeedbackSlot(17));  // callee, list, slot
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), 2u);
  const uint8_t* call_runtime = At(insns[0].offset);
  EXPECT_EQ(insns[0].op, Bytecode::kCallRuntime);
  EXPECT_EQ(ReadOperand(call_runtime, 0), static_cast<int32_t>(RuntimeFunction::kDefineClass));
  EXPECT_EQ(ReadOperand(call_runtime, 1), 2);
  EXPECT_EQ(ReadRegListCount(call_runtime, 1), 3);
  const uint8_t* call = At(insns[1].offset);
  EXPECT_EQ(ReadOperand(call, 0), 1);
  EXPECT_EQ(ReadOperand(call, 1), 5);
  EXPECT_EQ(ReadRegListCount(call, 1), 0);
  EXPECT_EQ(ReadOperand(call, 2), 17);
  info_.param_count = 0;
  EXPECT_EQ(DisassembleInstruction(&info_, insns[0].offset), "CallRuntime [DefineClass], r2-r4");
}

// ---------------------------------------------------------------- typed methods

// Each generated method takes exactly its line's operands.
template <class... Args>
constexpr size_t Arity(void (BytecodeArrayBuilder::*)(Args...)) {
  return sizeof...(Args);
}
#define BYTECODE(name, acc, facts, doc, ...)                                                             \
  static_assert(Arity(&BytecodeArrayBuilder::name) == GetBytecodeInfo(Bytecode::k##name).operand_count, \
                #name " takes its operands");
#include "vm/interpreter/bytecodes.def"
#undef BYTECODE

// Wrong operands are compile errors: a concept per method says whether a call
// with the given argument types compiles.
template <class... A>
concept CanLdaConstant = requires(BytecodeArrayBuilder& b, A... a) { b.LdaConstant(a...); };
template <class... A>
concept CanLdaSmi = requires(BytecodeArrayBuilder& b, A... a) { b.LdaSmi(a...); };
template <class... A>
concept CanGetNamedProperty = requires(BytecodeArrayBuilder& b, A... a) { b.GetNamedProperty(a...); };
template <class... A>
concept CanLdaCurrentContextSlot = requires(BytecodeArrayBuilder& b, A... a) { b.LdaCurrentContextSlot(a...); };
template <class... A>
concept CanCallRuntime = requires(BytecodeArrayBuilder& b, A... a) { b.CallRuntime(a...); };
template <class... A>
concept CanJumpIfTrue = requires(BytecodeArrayBuilder& b, A&&... a) { b.JumpIfTrue(std::forward<A>(a)...); };
template <class... A>
concept CanLdar = requires(BytecodeArrayBuilder& b, A... a) { b.Ldar(a...); };

// The right operands compile...
static_assert(CanLdaConstant<ConstantIndex>);
static_assert(CanLdaSmi<Imm>);
static_assert(CanGetNamedProperty<Register, ConstantIndex, FeedbackSlot>);
static_assert(CanLdaCurrentContextSlot<UImm>);
static_assert(CanCallRuntime<RuntimeFunction, RegisterList>);
static_assert(CanJumpIfTrue<Label&>);
static_assert(CanLdar<Register>);
// ...a register where a constant index belongs, or operands out of order, do not;
static_assert(!CanLdaConstant<Register>);
static_assert(!CanGetNamedProperty<Register, FeedbackSlot, ConstantIndex>);
static_assert(!CanGetNamedProperty<Register, Register, FeedbackSlot>);
// nor a wrong operand count;
static_assert(!CanLdaConstant<>);
static_assert(!CanGetNamedProperty<Register, ConstantIndex>);
static_assert(!CanLdar<Register, Register>);
static_assert(!CanCallRuntime<RuntimeFunction, Register, int>);  // a list is not a register and a count
// nor a plain integer for any operand;
static_assert(!CanLdaConstant<uint32_t>);
static_assert(!CanLdaSmi<int>);
static_assert(!CanLdar<int>);
static_assert(!CanLdaCurrentContextSlot<int>);
static_assert(!CanGetNamedProperty<Register, uint32_t, uint16_t>);
// nor one immediate kind for another;
static_assert(!CanLdaSmi<UImm>);
static_assert(!CanLdaCurrentContextSlot<FeedbackSlot>);
// nor a temporary label (the builder patches the label it is given).
static_assert(!CanJumpIfTrue<Label>);
// No operand type converts from an integer.
static_assert(!std::is_convertible_v<int, Register> && !std::is_convertible_v<uint32_t, ConstantIndex> &&
              !std::is_convertible_v<uint16_t, FeedbackSlot> && !std::is_convertible_v<int, Imm> &&
              !std::is_convertible_v<uint32_t, UImm> && !std::is_convertible_v<uint8_t, Flag>);

TEST_F(BytecodeBuilderTest, GeneratedMethodsEmitTheirBytecode) {
  BytecodeArrayBuilder b(rt_, 2);
  Label target;
  b.LdaTrue();
  b.JumpIfToBooleanFalse(target);
  b.TestEqualStrict(Register(1), FeedbackSlot(4));
  b.Star(Register(3));  // the long form, whatever the register
  b.Star3();
  b.ForInPrepare(Register(0), FeedbackSlot(5));
  b.Bind(&target);
  b.Return();
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  const std::vector<Bytecode> expected = {Bytecode::kLdaTrue, Bytecode::kJumpIfToBooleanFalse,
                                          Bytecode::kTestEqualStrict, Bytecode::kStar,
                                          Bytecode::kStar3, Bytecode::kForInPrepare, Bytecode::kReturn};
  ASSERT_EQ(insns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(insns[i].op, expected[i]) << i;
  EXPECT_EQ(ReadOperand(At(insns[2].offset), 0), 1);
  EXPECT_EQ(ReadOperand(At(insns[2].offset), 1), 4);
  EXPECT_EQ(ReadOperand(At(insns[3].offset), 0), 3);
  // The forward jump lands on the label.
  EXPECT_EQ(ReadOperand(At(insns[1].offset), 0), static_cast<int32_t>(insns[6].offset - insns[1].offset));
}

TEST_F(BytecodeBuilderTest, UnreachableCodeIsDropped) {
  // After a terminator nothing is emitted until a label someone jumps to;
  // a dropped jump patches nothing.
  BytecodeArrayBuilder b(rt_, 0);
  Label used, unused;
  b.LdaTrue();
  b.JumpIfTrue(used);
  b.Return();
  b.LdaZero();         // dropped
  b.JumpIfTrue(unused);  // dropped
  b.Bind(&unused);     // nobody jumps here: still unreachable
  b.LdaNull();         // dropped
  b.Bind(&used);
  b.LdaUndefined();
  b.Return();
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  const std::vector<Bytecode> expected = {Bytecode::kLdaTrue, Bytecode::kJumpIfTrue, Bytecode::kReturn,
                                          Bytecode::kLdaUndefined, Bytecode::kReturn};
  ASSERT_EQ(insns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(insns[i].op, expected[i]) << i;
}

// ---------------------------------------------------------------- Star

TEST_F(BytecodeBuilderTest, ShortStarForms) {
  BytecodeArrayBuilder b(rt_, 20);
  for (int i = 0; i <= 17; ++i) b.StoreAccumulator(Register::Local(i));
  b.StoreAccumulator(Register::Context());
  b.StoreAccumulator(Register(reg::Param(0, 1)));
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), 20u);
  for (int i = 0; i <= 15; ++i) {
    EXPECT_EQ(insns[i].op, static_cast<Bytecode>(static_cast<int>(Bytecode::kStar0) + i)) << i;
    EXPECT_EQ(insns[i].offset, static_cast<uint32_t>(i));  // one byte each
  }
  EXPECT_EQ(insns[16].op, Bytecode::kStar);
  EXPECT_EQ(ReadOperand(At(insns[16].offset), 0), 16);
  EXPECT_EQ(insns[17].op, Bytecode::kStar);
  EXPECT_EQ(ReadOperand(At(insns[17].offset), 0), 17);
  EXPECT_EQ(insns[18].op, Bytecode::kStar);
  EXPECT_EQ(ReadOperand(At(insns[18].offset), 0), reg::kContext);
  EXPECT_EQ(insns[19].op, Bytecode::kStar);
  EXPECT_EQ(ReadOperand(At(insns[19].offset), 0), reg::Param(0, 1));
  info_.param_count = 1;
  EXPECT_EQ(DisassembleInstruction(&info_, insns[3].offset), "Star3");
  EXPECT_EQ(DisassembleInstruction(&info_, insns[16].offset), "Star r16");
  EXPECT_EQ(DisassembleInstruction(&info_, insns[19].offset), "Star a0");
}

// ---------------------------------------------------------------- numbers

TEST_F(BytecodeBuilderTest, LoadNumberPicksTheShortestForm) {
  BytecodeArrayBuilder b(rt_, 0);
  b.LoadNumber(0);
  b.LoadNumber(42);
  b.LoadNumber(-7);
  b.LoadNumber(1.5);
  b.LoadNumber(-0.0);  // not an int: -0 must survive
  b.LoadNumber(4294967296.0);
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), 6u);
  EXPECT_EQ(insns[0].op, Bytecode::kLdaZero);
  EXPECT_EQ(insns[1].op, Bytecode::kLdaSmi);
  EXPECT_EQ(ReadOperand(At(insns[1].offset), 0), 42);
  EXPECT_EQ(insns[2].op, Bytecode::kLdaSmi);
  EXPECT_EQ(ReadOperand(At(insns[2].offset), 0), -7);
  EXPECT_EQ(insns[3].op, Bytecode::kLdaConstant);
  EXPECT_EQ(insns[4].op, Bytecode::kLdaConstant);
  EXPECT_EQ(insns[5].op, Bytecode::kLdaConstant);
  ASSERT_EQ(info_.constants.size(), 3u);
  EXPECT_EQ(info_.constants[ReadOperand(At(insns[3].offset), 0)].AsNumber(), 1.5);
  Value mz = info_.constants[ReadOperand(At(insns[4].offset), 0)];
  EXPECT_TRUE(mz.IsDouble());
  EXPECT_TRUE(std::signbit(mz.AsDouble()));
  EXPECT_EQ(info_.constants[ReadOperand(At(insns[5].offset), 0)].AsNumber(), 4294967296.0);
}

// ---------------------------------------------------------------- jumps

TEST_F(BytecodeBuilderTest, ForwardJumpsArePatched) {
  BytecodeArrayBuilder b(rt_, 2);
  Label target;
  b.LdaUndefined();                        // @0, 1 byte
  b.JumpIfTrue(target);   // @1, 5 bytes
  b.LdaSmi(Imm(1));           // @6, 5 bytes
  b.JumpIfFalse(target);  // @11
  b.Ldar(Register::Local(1));               // @16, 3 bytes
  EXPECT_FALSE(target.bound());
  b.Bind(&target);                          // @19
  EXPECT_TRUE(target.bound());
  EXPECT_EQ(target.offset(), 19);
  b.Return();
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), 6u);
  EXPECT_EQ(insns[1].offset, 1u);
  EXPECT_EQ(insns[1].op, Bytecode::kJumpIfTrue);
  EXPECT_EQ(ReadOperand(At(insns[1].offset), 0), 18);  // distance from the jump's start
  EXPECT_EQ(insns[3].offset, 11u);
  EXPECT_EQ(ReadOperand(At(insns[3].offset), 0), 8);
  EXPECT_EQ(insns[5].offset, 19u);
  EXPECT_EQ(DisassembleInstruction(&info_, 1), "JumpIfTrue [18] (@ 19)");
}

TEST_F(BytecodeBuilderTest, UnconditionalJumpOverBlock) {
  BytecodeArrayBuilder b(rt_, 0);
  Label else_label, end;
  b.LdaUndefined();                           // @0
  b.JumpIfToBooleanFalse(else_label);  // @1
  b.LdaSmi(Imm(1));              // @6
  b.Jump(end);               // @11
  b.Bind(&else_label);                         // @16
  b.LdaSmi(Imm(2));              // @16
  b.Bind(&end);                                // @21
  b.Return();
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), 6u);
  EXPECT_EQ(ReadOperand(At(1), 0), 15);
  EXPECT_EQ(insns[3].op, Bytecode::kJump);
  EXPECT_EQ(ReadOperand(At(11), 0), 10);
  EXPECT_EQ(insns[5].offset, 21u);
}

TEST_F(BytecodeBuilderTest, JumpToBoundLabelIsRejected) {
  BytecodeArrayBuilder b(rt_, 0);
  Label header;
  b.Bind(&header);
  b.LdaUndefined();
  EXPECT_THROW(b.JumpIfTrue(header), std::logic_error);
}

TEST_F(BytecodeBuilderTest, JumpLoopDistances) {
  BytecodeArrayBuilder b(rt_, 1);
  b.LdaUndefined();              // @0
  Label outer, inner, exit;
  b.Bind(&outer);                 // @1
  b.Ldar(Register::Local(0));     // @1, 3 bytes
  b.JumpIfFalse(exit);  // @4
  b.Bind(&inner);                 // @9
  b.Inc(FeedbackSlot(0));    // @9, 3 bytes
  b.StoreAccumulator(Register::Local(0));     // @12
  b.JumpLoop(inner, UImm(2));           // @13: back to 9
  b.Bind(&exit);                  // @22 (JumpLoop is 9 bytes)
  b.Return();
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), 7u);
  EXPECT_EQ(insns[5].op, Bytecode::kJumpLoop);
  EXPECT_EQ(insns[5].offset, 13u);
  EXPECT_EQ(ReadOperand(At(13), 0), 4);
  EXPECT_EQ(ReadOperand(At(13), 1), 2);  // loop depth
  EXPECT_EQ(13 - ReadOperand(At(13), 0), inner.offset());
  EXPECT_EQ(ReadOperand(At(4), 0), 18);  // the exit jump skips the JumpLoop
  EXPECT_EQ(DisassembleInstruction(&info_, 13), "JumpLoop [4] (@ 9), [2]");
  EXPECT_EQ(outer.offset(), 1);
}

TEST_F(BytecodeBuilderTest, JumpLoopToFunctionStart) {
  BytecodeArrayBuilder b(rt_, 0);
  Label header;
  b.Bind(&header);
  b.LdaUndefined();
  b.LdaUndefined();
  b.JumpLoop(header, UImm(0));
  b.Finish(&info_);
  std::vector<Insn> insns = Decode(info_);
  ASSERT_EQ(insns.size(), 3u);
  EXPECT_EQ(ReadOperand(At(2), 0), 2);
}

// ---------------------------------------------------------------- constants

TEST_F(BytecodeBuilderTest, ConstantPoolDeduplicates) {
  BytecodeArrayBuilder b(rt_, 0);
  ConstantIndex a = b.AddName(u"foo");
  ConstantIndex bar = b.AddName(u"bar");
  EXPECT_NE(a, bar);
  EXPECT_EQ(b.AddName(u"foo"), a);
  EXPECT_EQ(b.AddConstant(Value::FromCell(rt_.Intern(u"foo"))), a);  // the interned string is the same cell
  ConstantIndex n = b.AddConstant(Value::Number(1.5));
  EXPECT_EQ(b.AddConstant(Value::Double(1.5)), n);
  ConstantIndex one = b.AddConstant(Value::Number(1.0));
  EXPECT_EQ(b.AddConstant(Value::Int(1)), one);  // numbers are normalised before pooling
  ConstantIndex zero = b.AddConstant(Value::Number(0.0));
  ConstantIndex minus_zero = b.AddConstant(Value::Number(-0.0));
  EXPECT_NE(zero, minus_zero);  // +0 and -0 are different constants
  ConstantIndex nan = b.AddConstant(Value::Double(std::nan("")));
  EXPECT_EQ(b.AddConstant(Value::Double(-std::numeric_limits<double>::quiet_NaN())), nan);
  b.LoadConstant(Value::Number(1.5));
  b.Finish(&info_);
  EXPECT_EQ(info_.constants.size(), 7u);  // foo, bar, 1.5, 1, 0, -0, NaN
}

// ---------------------------------------------------------------- registers

TEST_F(BytecodeBuilderTest, TemporariesAboveLocalsWithNestedScopes) {
  BytecodeArrayBuilder b(rt_, 3);
  EXPECT_EQ(b.temp_top(), 3u);
  EXPECT_EQ(b.register_count(), 3u);
  {
    RegisterScope outer(b);
    Register r3 = b.NewRegister();
    Register r4 = b.NewRegister();
    EXPECT_EQ(r3.index, 3);
    EXPECT_EQ(r4.index, 4);
    {
      RegisterScope inner(b);
      Register r5 = b.NewRegister();
      RegisterList list = b.NewRegisterList(3);
      EXPECT_EQ(r5.index, 5);
      EXPECT_EQ(list.first.index, 6);
      EXPECT_EQ(list.count, 3);
      EXPECT_EQ(list[2].index, 8);
      EXPECT_EQ(b.temp_top(), 9u);
    }
    EXPECT_EQ(b.temp_top(), 5u);
    EXPECT_EQ(b.NewRegister().index, 5);  // reused
    {
      RegisterScope again(b);
      EXPECT_EQ(b.NewRegisterList(0).first.index, 6);
    }
  }
  EXPECT_EQ(b.temp_top(), 3u);
  EXPECT_EQ(b.register_count(), 9u);  // the high-water mark
  b.Return();
  b.Finish(&info_);
  EXPECT_EQ(info_.register_count, 9u);
}

TEST_F(BytecodeBuilderTest, TooManyRegistersThrows) {
  BytecodeArrayBuilder b(rt_, static_cast<uint32_t>(reg::kMaxLocal) - 1);
  EXPECT_NO_THROW(b.NewRegister());
  EXPECT_THROW(b.NewRegister(), std::length_error);
  EXPECT_THROW(b.NewRegisterList(4), std::length_error);
}

TEST_F(BytecodeBuilderTest, FeedbackSlotsCount) {
  BytecodeArrayBuilder b(rt_, 0);
  EXPECT_EQ(b.NewFeedbackSlot().value, 0);
  EXPECT_EQ(b.NewFeedbackSlot().value, 1);
  EXPECT_EQ(b.NewFeedbackSlot().value, 2);
  b.Finish(&info_);
  EXPECT_EQ(info_.feedback_slot_count, 3u);
}

// ---------------------------------------------------------------- handlers and positions

TEST_F(BytecodeBuilderTest, HandlerTableEntries) {
  BytecodeArrayBuilder b(rt_, 2);
  size_t outer = b.AddHandler(static_cast<uint32_t>(b.offset()), 0);
  b.LdaUndefined();
  size_t inner = b.AddHandler(static_cast<uint32_t>(b.offset()), 1);
  b.LdaSmi(Imm(3));
  b.Throw();
  b.SetHandlerEnd(inner, static_cast<uint32_t>(b.offset()));
  b.SetHandlerTarget(inner, static_cast<uint32_t>(b.offset()));
  b.StoreAccumulator(Register::Local(1));
  b.SetHandlerEnd(outer, static_cast<uint32_t>(b.offset()));
  Label done;
  b.Jump(done);
  b.SetHandlerTarget(outer, static_cast<uint32_t>(b.offset()));
  b.StoreAccumulator(Register::Local(0));
  b.Bind(&done);
  b.Return();
  b.Finish(&info_);
  ASSERT_EQ(info_.handlers.size(), 2u);
  EXPECT_EQ(outer, 0u);
  EXPECT_EQ(inner, 1u);
  const HandlerEntry& o = info_.handlers[0];
  const HandlerEntry& i = info_.handlers[1];
  EXPECT_EQ(o.start, 0u);
  EXPECT_EQ(o.end, 8u);       // LdaUndefined(1) + LdaSmi(5) + Throw(1) + Star1(1)
  EXPECT_EQ(o.handler, 13u);  // after the 5-byte Jump
  EXPECT_EQ(o.context_register, 0);
  EXPECT_EQ(i.start, 1u);
  EXPECT_EQ(i.end, 7u);
  EXPECT_EQ(i.handler, 7u);
  EXPECT_EQ(i.context_register, 1);
  // The handler code is really there.
  EXPECT_EQ(static_cast<Bytecode>(info_.bytecode[i.handler]), Bytecode::kStar1);
  EXPECT_EQ(static_cast<Bytecode>(info_.bytecode[o.handler]), Bytecode::kStar0);
}

TEST_F(BytecodeBuilderTest, SourcePositionsAttachToNextInstruction) {
  BytecodeArrayBuilder b(rt_, 0);
  b.SetStatementPosition(10);
  b.SetExpressionPosition(12);  // does not replace a pending statement position
  b.LdaUndefined();            // @0: statement 10
  b.LdaNull();   // @1: no position
  b.SetExpressionPosition(20);
  b.LdaTrue();   // @2: expression 20
  b.Return();
  b.Finish(&info_);
  ASSERT_EQ(info_.positions.size(), 2u);
  EXPECT_EQ(info_.positions[0].bytecode_offset, 0u);
  EXPECT_EQ(info_.positions[0].source_offset, 10u);
  EXPECT_TRUE(info_.positions[0].is_statement);
  EXPECT_EQ(info_.positions[1].bytecode_offset, 2u);
  EXPECT_EQ(info_.positions[1].source_offset, 20u);
  EXPECT_FALSE(info_.positions[1].is_statement);
}

}  // namespace
}  // namespace jsvm
