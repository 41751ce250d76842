// The bytecode verifier, one rule at a time: each test builds a small
// function by hand that breaks exactly one rule (and a valid twin where that
// matters), and the bytecode file loader: round trip, checksum, version and
// truncation messages.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "compiler/bytecode-file.h"
#include "compiler/compiler.h"
#include "vm/interpreter/bytecode-verifier.h"
#include "vm/interpreter/bytecodes.h"
#include "vm/interpreter/interpreter.h"
#include "vm/execution/runtime.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// Appends one instruction, operands laid out by the bytecodes.def tables.
void Emit(std::vector<uint8_t>& code, Bytecode op, std::initializer_list<int64_t> operands = {}) {
  const BytecodeInfo& bi = GetBytecodeInfo(op);
  size_t at = code.size();
  code.resize(at + bi.size, 0);
  code[at] = static_cast<uint8_t>(op);
  int i = 0;
  for (int64_t v : operands) {
    uint8_t* p = code.data() + at + bi.operand_offsets[i];
    int size = OperandSize(bi.operands[i]);
    auto bits = static_cast<uint32_t>(v);
    if (bi.operands[i] == OperandKind::kRegList) {
      // A register list takes its first register here; tests set its count.
      auto first = static_cast<uint16_t>(bits);
      std::memcpy(p, &first, 2);
      ++i;
      continue;
    }
    std::memcpy(p, &bits, static_cast<size_t>(size));
    ++i;
  }
}

class VerifierTest : public ::testing::Test {
 protected:
  Runtime rt_;

  FunctionInfo* NewFunction(std::vector<uint8_t> code, uint32_t registers = 2) {
    FunctionInfo* f = rt_.heap().New<FunctionInfo>();
    rt_.AddPermanentRoot(Value::FromCell(f));
    f->name = rt_.InternUtf8("f");
    f->debug_name = f->name;
    f->bytecode.assign(code.begin(), code.end());
    f->register_count = registers;
    f->feedback_slot_count = 4;
    return f;
  }
  ScopeInfo* NewScope(ScopeType type, int slots) {
    ScopeInfo* si = rt_.heap().New<ScopeInfo>(type);
    rt_.AddPermanentRoot(Value::FromCell(si));
    for (int i = 0; i < slots; ++i) si->AddSlot(rt_.InternUtf8("v" + std::to_string(i)), VariableMode::kLet);
    return si;
  }
  // The verifier's message for `f` entered with `chain`, "" when it passes.
  std::string Verify(const FunctionInfo* f, const ContextChain& chain = {}) {
    std::vector<CreatedFunction> created;
    VerifyError e;
    return VerifyFunction(f, chain, &created, &e) ? "" : FormatVerifyError(e);
  }
};

TEST_F(VerifierTest, AcceptsAValidFunction) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaSmi, {1});
  Emit(code, Bytecode::kStar, {1});
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code)), "");
}

TEST_F(VerifierTest, RejectsUnknownOpcode) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaZero);
  code.push_back(static_cast<uint8_t>(kBytecodeCount));
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 1: unknown opcode " + std::to_string(kBytecodeCount));
}

TEST_F(VerifierTest, RejectsInstructionRunningPastTheEnd) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaSmi, {1});
  code.pop_back();
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 0: LdaSmi runs past the end of the bytecode");
}

TEST_F(VerifierTest, RejectsFallingOffTheEnd) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaZero);
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 0: execution can run past the end of the function");
}

// Found by the bytecode fuzzer in CI: a huge slot count made the first call
// allocate gigabytes of inline caches.
TEST_F(VerifierTest, RejectsAFeedbackSlotCountNoOperandCanName) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaZero);
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  f->feedback_slot_count = 0x10000;
  EXPECT_EQ(Verify(f), "");
  f->feedback_slot_count = 0x10001;
  EXPECT_EQ(Verify(f), "function f: offset 0: feedback slot count too large");
  f->feedback_slot_count = 0x60600000;
  EXPECT_EQ(Verify(f), "function f: offset 0: feedback slot count too large");
}

TEST_F(VerifierTest, RejectsRegisterOutsideTheFrame) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdar, {1});
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code, 2)), "");
  EXPECT_EQ(Verify(NewFunction(code, 1)), "function f: offset 0: register operand 1 outside the frame");
  std::vector<uint8_t> below;
  Emit(below, Bytecode::kLdar, {reg::Receiver(0) - 1});
  Emit(below, Bytecode::kReturn);
  EXPECT_NE(Verify(NewFunction(below)).find("outside the frame"), std::string::npos);
}

TEST_F(VerifierTest, RejectsShortStarOutsideTheFrame) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kStar3);
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code, 4)), "");
  EXPECT_EQ(Verify(NewFunction(code, 3)), "function f: offset 0: register operand 3 outside the frame");
}

TEST_F(VerifierTest, RejectsRegisterListOutsideTheFrame) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kCallUndefinedReceiver, {0, 1, 0});
  // the count of the list (second half of the RegList operand)
  uint16_t count = 3;
  std::memcpy(code.data() + GetBytecodeInfo(Bytecode::kCallUndefinedReceiver).operand_offsets[1] + 2, &count, 2);
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code, 4)), "");
  EXPECT_EQ(Verify(NewFunction(code, 3)), "function f: offset 0: register operand 3 outside the frame");
}

TEST_F(VerifierTest, RejectsWritesToClosureAndContext) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kStar, {reg::kClosure});
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 0: write to <closure>");
}

TEST_F(VerifierTest, RejectsConstantIndexOutOfRangeAndWrongKind) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaGlobal, {0, 0});
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  EXPECT_EQ(Verify(f), "function f: offset 0: constant index 0 out of range");
  f->constants.push_back(Value::Int(3));
  EXPECT_EQ(Verify(f), "function f: offset 0: constant 0 is not a string");
  f->constants[0] = Value::FromCell(rt_.InternUtf8("x"));
  EXPECT_EQ(Verify(f), "");
}

TEST_F(VerifierTest, CreateClosureNeedsAFunctionConstant) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kCreateClosure, {0, 0, 2});
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  f->constants.push_back(Value::FromCell(rt_.InternUtf8("x")));
  EXPECT_EQ(Verify(f), "function f: offset 0: constant 0 is not a function");
}

TEST_F(VerifierTest, RejectsJumpsOffBoundariesAndPastTheEnd) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kJump, {BytecodeSize(Bytecode::kJump)});
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code)), "");
  code[1] = 1;  // into the middle of the Jump itself... forward by one
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 0: jump target 1 is not an instruction boundary");
  code[1] = 100;
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 0: jump target outside the function");
}

// `for (;;) {}` compiles to a JumpLoop onto itself, which the compiler's
// check in debug builds first showed the verifier rejecting.
TEST_F(VerifierTest, AcceptsALoopOnItself) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kJumpLoop, {0, 0});
  EXPECT_EQ(Verify(NewFunction(code)), "");
}

TEST_F(VerifierTest, RejectsBadHandlerTable) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaZero);
  Emit(code, Bytecode::kThrow);
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  f->handlers.push_back({0, 2, 2, reg::kContext});
  EXPECT_EQ(Verify(f), "");
  f->handlers[0].end = 9;
  EXPECT_EQ(Verify(f), "function f: offset 0: handler 0: try range is not a range of instructions");
  f->handlers[0] = {0, 2, 3, reg::kContext};
  EXPECT_EQ(Verify(f), "function f: offset 0: handler 0: handler is not an instruction boundary");
  f->handlers[0] = {0, 2, 2, 7};
  EXPECT_EQ(Verify(f), "function f: offset 0: handler 0: context register outside the frame");
}

TEST_F(VerifierTest, RejectsContextDepthBeyondTheStaticNesting) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaContextSlot, {reg::kContext, Context::kFirstSlot, 1});
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  EXPECT_EQ(Verify(f, {1, 1}), "");
  EXPECT_EQ(Verify(f, {1}),
            "function f: offset 0: context depth 1 deeper than the static scope nesting (1)");
}

TEST_F(VerifierTest, RejectsSlotOutsideItsContext) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kLdaCurrentContextSlot, {Context::kFirstSlot + 1});
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  EXPECT_EQ(Verify(f, {2}), "");
  EXPECT_EQ(Verify(f, {1}), "function f: offset 0: context slot 3 outside a context of 1 variables");
  EXPECT_EQ(Verify(f, {}), "function f: offset 0: context access with no context");
}

TEST_F(VerifierTest, TracksPushedBlockContexts) {
  // { let v0; } as the compiler makes it: create, push, store, pop.
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kCreateBlockContext, {0});
  Emit(code, Bytecode::kPushContext, {0});
  Emit(code, Bytecode::kStaCurrentContextSlot, {Context::kFirstSlot});
  Emit(code, Bytecode::kLdaContextSlot, {reg::kContext, Context::kFirstSlot + 2, 1});
  Emit(code, Bytecode::kPopContext, {0});
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  f->constants.push_back(Value::FromCell(NewScope(ScopeType::kBlock, 1)));
  EXPECT_EQ(Verify(f, {3}), "");
  // The outer context has two variables: slot 4 is outside it.
  EXPECT_EQ(Verify(f, {2}), "function f: offset 13: context slot 4 outside a context of 2 variables");
}

TEST_F(VerifierTest, RejectsPopOfARegisterWithoutASavedContext) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kPopContext, {0});
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 0: PopContext of a register that holds no saved context");
}

TEST_F(VerifierTest, ForgetsASavedContextOverwrittenByAnInstruction) {
  // ForInStep writes its (Reg) operand: r0 no longer holds the saved context,
  // so popping it would make an integer the current context.
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kCreateBlockContext, {0});
  Emit(code, Bytecode::kPushContext, {0});
  Emit(code, Bytecode::kForInStep, {0});
  Emit(code, Bytecode::kPopContext, {0});
  Emit(code, Bytecode::kReturn);
  FunctionInfo* f = NewFunction(code);
  f->constants.push_back(Value::FromCell(NewScope(ScopeType::kBlock, 1)));
  EXPECT_EQ(Verify(f, {3}), "function f: offset 11: PopContext of a register that holds no saved context");
}

// The verifier does not type registers; the for-in handlers check what they
// read, so a damaged file gives a TypeError, not a comparison of pointer bits.
TEST_F(VerifierTest, ForInHandlersRejectNonIntegerIndices) {
  for (Bytecode op : {Bytecode::kForInContinue, Bytecode::kForInStep}) {
    std::vector<uint8_t> code;
    Emit(code, Bytecode::kLdaUndefined);
    Emit(code, Bytecode::kStar0);
    Emit(code, Bytecode::kLdaZero);
    Emit(code, Bytecode::kStar1);
    if (op == Bytecode::kForInContinue) Emit(code, op, {0, 1});
    else Emit(code, op, {0});
    Emit(code, Bytecode::kReturn);
    FunctionInfo* f = NewFunction(code);
    ASSERT_EQ(Verify(f), "");
    EXPECT_THROW(rt_.interpreter().RunScript(f), JsThrow) << BytecodeName(op);
  }
}

TEST_F(VerifierTest, RejectsPathsThatDisagreeOnTheContext) {
  // if (acc) push a block context; then both paths join.
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kCreateBlockContext, {0});
  size_t jump_at = code.size();
  Emit(code, Bytecode::kJumpIfTrue, {0});
  Emit(code, Bytecode::kPushContext, {0});
  size_t join = code.size();
  Emit(code, Bytecode::kReturn);
  uint32_t distance = static_cast<uint32_t>(join - jump_at);
  std::memcpy(code.data() + jump_at + 1, &distance, 4);
  FunctionInfo* f = NewFunction(code);
  f->constants.push_back(Value::FromCell(NewScope(ScopeType::kBlock, 1)));
  EXPECT_NE(Verify(f, {1}).find("differs between paths"), std::string::npos);
}

TEST_F(VerifierTest, RejectsUnknownRuntimeFunction) {
  std::vector<uint8_t> code;
  Emit(code, Bytecode::kCallRuntime, {static_cast<int64_t>(RuntimeFunction::kCount) - 1, 0});
  Emit(code, Bytecode::kReturn);
  EXPECT_EQ(Verify(NewFunction(code)), "");
  int unknown = static_cast<int>(RuntimeFunction::kCount);
  std::memcpy(code.data() + 1, &unknown, 2);
  EXPECT_EQ(Verify(NewFunction(code)), "function f: offset 0: unknown runtime function " + std::to_string(unknown));
}

TEST_F(VerifierTest, NestedFunctionsAreVerifiedInTheirCreationContext) {
  // outer: CreateFunctionContext (1 variable), push, CreateClosure inner.
  std::vector<uint8_t> outer_code;
  Emit(outer_code, Bytecode::kCreateFunctionContext, {1, 1});
  Emit(outer_code, Bytecode::kPushContext, {0});
  Emit(outer_code, Bytecode::kCreateClosure, {0, 0, 2});
  Emit(outer_code, Bytecode::kReturn);
  std::vector<uint8_t> inner_code;
  Emit(inner_code, Bytecode::kLdaContextSlot, {reg::kContext, Context::kFirstSlot, 0});
  Emit(inner_code, Bytecode::kReturn);
  FunctionInfo* inner = NewFunction(inner_code);
  FunctionInfo* outer = NewFunction(outer_code);
  outer->flavor = FunctionFlavor::kTopLevel;
  outer->constants = {Value::FromCell(inner), Value::FromCell(NewScope(ScopeType::kFunction, 1))};
  VerifyError e;
  EXPECT_TRUE(VerifyScript(outer, &e)) << FormatVerifyError(e);
  // One step further out there is no context.
  inner->bytecode[GetBytecodeInfo(Bytecode::kLdaContextSlot).operand_offsets[2]] = 1;
  ASSERT_FALSE(VerifyScript(outer, &e));
  EXPECT_EQ(FormatVerifyError(e), "function f: offset 0: context depth 1 deeper than the static scope nesting (1)");
}

// ---- the loader

class BytecodeFileTest : public ::testing::Test {
 protected:
  Runtime rt_;
  std::vector<uint8_t> Compile(const std::string& source, bool strip = false) {
    CompileResult r = CompileScript(rt_, "t.js", Utf8ToUtf16(source));
    EXPECT_TRUE(r.ok()) << r.error;
    SerializeOptions options;
    options.strip = strip;
    return SerializeScript(rt_, r.top, options);
  }
};

TEST_F(BytecodeFileTest, RoundTripRunsAndIsReproducible) {
  const std::string source = "let a = 1; function f(x) { return () => x + a; } var s = `${f(2)()}`; String.raw`a\\n${s}`;";
  std::vector<uint8_t> bytes = Compile(source);
  EXPECT_EQ(bytes, Compile(source));
  Runtime other;
  LoadResult loaded = LoadScript(other, bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.error;
  EXPECT_EQ(SerializeScript(other, loaded.top), bytes);
  EXPECT_LT(Compile(source, true).size(), bytes.size());
}

TEST_F(BytecodeFileTest, ReportsChecksumVersionAndTruncation) {
  std::vector<uint8_t> bytes = Compile("var x = 1;");
  std::vector<uint8_t> flipped = bytes;
  flipped.back() ^= 1;
  LoadResult r = LoadScript(rt_, flipped);
  EXPECT_EQ(r.error_kind, LoadErrorKind::kChecksum);
  EXPECT_EQ(r.error, "bytecode file checksum mismatch: the file is corrupt");
  std::vector<uint8_t> old = bytes;
  old[sizeof(kBytecodeFileMagic)] = 0;  // format version 0
  r = LoadScript(rt_, old);
  EXPECT_EQ(r.error_kind, LoadErrorKind::kVersion);
  EXPECT_NE(r.error.find("recompile the script"), std::string::npos);
  // Cut inside the header (12: in the version length; 16: before the
  // version, which is not a version mismatch) or inside the payload.
  for (size_t cut : {1, 7, 12, 16, 20}) {
    r = LoadScript(rt_, std::vector<uint8_t>(bytes.begin(), bytes.begin() + cut));
    EXPECT_EQ(r.error_kind, LoadErrorKind::kTruncated) << cut;
    EXPECT_EQ(r.error, "truncated bytecode file: " + std::to_string(cut) + " bytes, cut inside the header");
  }
  r = LoadScript(rt_, std::vector<uint8_t>(bytes.begin(), bytes.end() - 1));
  EXPECT_EQ(r.error_kind, LoadErrorKind::kTruncated);
  EXPECT_NE(r.error.find("truncated bytecode file: the header says"), std::string::npos) << r.error;
  EXPECT_TRUE(IsBytecodeFile(std::string(kBytecodeFileMagic, 3)));
  EXPECT_FALSE(IsBytecodeFile(""));
}

}  // namespace
}  // namespace jsvm
