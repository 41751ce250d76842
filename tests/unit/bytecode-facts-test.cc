// The facts column of bytecodes.def and the predicates of bytecodes.h: each
// predicate holds for exactly the bytecodes the hand-written lists it
// replaced named (the builder's and verifier's terminators, the tracer's
// calls and stores, the verifier's constant kinds).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "vm/interpreter/bytecodes.h"
#include "vm/interpreter/trace-hooks.h"

namespace jsvm {
namespace {

// The names of the bytecodes for which `pred` holds.
template <typename Pred>
std::set<std::string> Where(Pred pred) {
  std::set<std::string> out;
  for (int i = 0; i < kBytecodeCount; ++i) {
    auto op = static_cast<Bytecode>(i);
    if (pred(op)) out.insert(BytecodeName(op));
  }
  return out;
}

using Names = std::set<std::string>;

TEST(BytecodeFacts, ControlFlow) {
  EXPECT_EQ(Where(EndsBasicBlock), (Names{"Return", "SuspendGenerator", "Throw", "ReThrow", "Jump", "JumpLoop"}));
  EXPECT_EQ(Where(IsUnconditionalJump), (Names{"Jump", "JumpLoop"}));
  EXPECT_EQ(Where(Returns), (Names{"Return", "SuspendGenerator"}));
  EXPECT_EQ(Where(IsSwitch), (Names{"SwitchOnGeneratorState", "SwitchOnSmiNoFeedback"}));
  EXPECT_EQ(Where(UnconditionallyThrows), (Names{"Throw", "ReThrow"}));
  Names conditional = Where(IsConditionalJump);
  EXPECT_EQ(conditional.size(), 11u);
  for (const std::string& name : conditional) EXPECT_EQ(name.rfind("JumpIf", 0), 0u) << name;
  // Every bytecode with a jump operand jumps, and no other.
  EXPECT_EQ(Where(IsJump), Where([](Bytecode op) {
              const BytecodeInfo& info = GetBytecodeInfo(op);
              for (int i = 0; i < info.operand_count; ++i) {
                if (info.operands[i] == OperandKind::kJump || info.operands[i] == OperandKind::kJumpBack) return true;
              }
              return false;
            }));
}

TEST(BytecodeFacts, Families) {
  EXPECT_EQ(Where(CallsNativesWithHook),
            (Names{"CallProperty", "CallProperty0", "CallProperty1", "CallProperty2", "CallUndefinedReceiver",
                   "CallUndefinedReceiver0", "CallUndefinedReceiver1", "CallUndefinedReceiver2", "Construct"}));
  EXPECT_EQ(Where(IsConstruct), (Names{"Construct", "ConstructWithSpread"}));
  EXPECT_EQ(Where(SpreadsLastArgument), (Names{"CallWithSpread", "ConstructWithSpread"}));
  EXPECT_EQ(Where(IsPropertyStore), (Names{"SetNamedProperty", "SetKeyedProperty", "DefineNamedOwnProperty",
                                           "DefineKeyedOwnProperty", "StaInArrayLiteral"}));
  EXPECT_EQ(Where(IsNamedStore), (Names{"StaGlobal", "SetNamedProperty", "DefineNamedOwnProperty"}));
  EXPECT_EQ(Where(IsContextSlotAccess),
            (Names{"LdaContextSlot", "LdaImmutableContextSlot", "StaContextSlot", "LdaCurrentContextSlot",
                   "LdaImmutableCurrentContextSlot", "StaCurrentContextSlot"}));
  EXPECT_EQ(Where([](Bytecode op) { return FamilyOf(op) == BytecodeFamily::kPropertyDelete; }),
            (Names{"DeletePropertyStrict", "DeletePropertySloppy"}));
}

TEST(BytecodeFacts, ImplicitRegisters) {
  for (int n = 0; n < 16; ++n) {
    auto op = static_cast<Bytecode>(static_cast<int>(Bytecode::kStar0) + n);
    EXPECT_EQ(BytecodeName(op), "Star" + std::to_string(n));
    EXPECT_EQ(ImplicitRegisterWritten(op), n);
  }
  EXPECT_EQ(ImplicitRegisterWritten(Bytecode::kStar), -1);
  EXPECT_EQ(RegistersWrittenAfterOut(Bytecode::kForInPrepare), 2);
  EXPECT_EQ(RegistersReadAfterLast(Bytecode::kForInNext), 1);
  Names implicit = Where(WritesRegistersImplicitly);
  Names expected{"ForInPrepare", "ForInStep", "PushContext", "PopContext", "ResumeGenerator", "CallRuntimeForPair"};
  for (int n = 0; n < 16; ++n) expected.insert("Star" + std::to_string(n));
  EXPECT_EQ(implicit, expected);
}

TEST(BytecodeFacts, ConstantKinds) {
  // Every Idx operand names a kind of constant; other operands none.
  for (int i = 0; i < kBytecodeCount; ++i) {
    auto op = static_cast<Bytecode>(i);
    const BytecodeInfo& info = GetBytecodeInfo(op);
    for (int k = 0; k < info.operand_count; ++k) {
      EXPECT_EQ(ConstantKindOf(op, k) != ConstantKind::kNone, info.operands[k] == OperandKind::kIdx)
          << info.name << " operand " << k;
    }
  }
  EXPECT_EQ(ConstantKindOf(Bytecode::kLdaConstant, 0), ConstantKind::kValue);
  EXPECT_EQ(ConstantKindOf(Bytecode::kCreateClosure, 0), ConstantKind::kFunction);
  EXPECT_EQ(ConstantKindOf(Bytecode::kCreateFunctionContext, 0), ConstantKind::kScope);
  EXPECT_EQ(ConstantKindOf(Bytecode::kCreateBlockContext, 0), ConstantKind::kScope);
  EXPECT_EQ(ConstantKindOf(Bytecode::kCreateCatchContext, 1), ConstantKind::kScope);
  EXPECT_EQ(ConstantKindOf(Bytecode::kCreateArrayLiteral, 0), ConstantKind::kArrayBoilerplate);
  EXPECT_EQ(ConstantKindOf(Bytecode::kCreateObjectLiteral, 0), ConstantKind::kObjectBoilerplate);
  // The rest name strings: names, and a regexp's source and flags.
  Names named = Where([](Bytecode op) {
    const BytecodeInfo& info = GetBytecodeInfo(op);
    for (int k = 0; k < info.operand_count; ++k) {
      if (ConstantKindOf(op, k) == ConstantKind::kName) return true;
    }
    return false;
  });
  EXPECT_EQ(named, (Names{"LdaGlobal", "LdaGlobalInsideTypeof", "StaGlobal", "GetNamedProperty",
                          "GetNamedPropertyFromSuper", "SetNamedProperty", "DefineNamedOwnProperty",
                          "ThrowReferenceErrorIfHole", "CreateRegExpLiteral", "LdaLookupSlot",
                          "LdaLookupSlotInsideTypeof", "LdaLookupContextSlot", "LdaLookupContextSlotInsideTypeof",
                          "LdaLookupGlobalSlot", "LdaLookupGlobalSlotInsideTypeof", "StaLookupSlot"}));
}

}  // namespace
}  // namespace jsvm
