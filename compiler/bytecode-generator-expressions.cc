// The bytecode generator: expressions, variables and destructuring.
#include <algorithm>
#include <cmath>
#include <functional>

#include "compiler/bytecode-generator.h"
#include "compiler/call-printer.h"
#include "vm/builtins/builtins.h"
#include "vm/objects/bigint.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"
#include "vm/regexp/regexp.h"

namespace jsvm {

namespace {

bool IsAnonymousFunctionDefinition(const Expr* e) {
  if (auto* f = e->As<FunctionLiteral>()) return f->name == nullptr;
  if (auto* c = e->As<ClassLiteral>()) return c->name == nullptr;
  return false;
}

// Whether evaluating `e` can assign to a register-resident variable.
bool HasAssignment(const Node* n) {
  if (!n) return false;
  switch (n->kind) {
    case NodeKind::kAssignment: case NodeKind::kUpdate: return true;
    case NodeKind::kFunctionLiteral: case NodeKind::kClassLiteral: return false;
    case NodeKind::kBinary: return HasAssignment(static_cast<const Binary*>(n)->left) || HasAssignment(static_cast<const Binary*>(n)->right);
    case NodeKind::kLogical: return HasAssignment(static_cast<const Logical*>(n)->left) || HasAssignment(static_cast<const Logical*>(n)->right);
    case NodeKind::kUnary: return HasAssignment(static_cast<const Unary*>(n)->operand);
    case NodeKind::kMember: return HasAssignment(static_cast<const Member*>(n)->object);
    case NodeKind::kKeyed: return HasAssignment(static_cast<const Keyed*>(n)->object) || HasAssignment(static_cast<const Keyed*>(n)->key);
    case NodeKind::kConditional: {
      auto* c = static_cast<const Conditional*>(n);
      return HasAssignment(c->test) || HasAssignment(c->then_expr) || HasAssignment(c->else_expr);
    }
    // A call cannot assign the caller's register variables: variables a
    // closure could assign live in contexts. Only its operands can.
    case NodeKind::kCall: {
      auto* c = static_cast<const struct Call*>(n);
      if (c->callee->Is<SuperExpression>()) return true;  // initialises `this`
      return HasAssignment(c->callee) || std::any_of(c->args.begin(), c->args.end(), HasAssignment);
    }
    case NodeKind::kNew: {
      auto* c = static_cast<const struct New*>(n);
      return HasAssignment(c->callee) || std::any_of(c->args.begin(), c->args.end(), HasAssignment);
    }
    case NodeKind::kIdentifier: case NodeKind::kNumberLiteral: case NodeKind::kStringLiteral:
    case NodeKind::kNullLiteral: case NodeKind::kBooleanLiteral: case NodeKind::kThisExpression:
    case NodeKind::kBigIntLiteral:
      return false;
    default:
      return true;  // conservatively
  }
}

double NumberKey(const Expr* key) { return key->As<NumberLiteral>()->value; }

// Text of a non-computed property key.
std::u16string StaticKey(Runtime& rt, const Expr* key) {
  if (auto* s = key->As<StringLiteral>()) return s->value;
  if (key->Is<NumberLiteral>()) return std::u16string(ToString(rt, Value::Number(NumberKey(key)))->view());
  return u"";
}

uint8_t TypeOfFlag(const std::u16string& s) {
  static const char16_t* const kNames[] = {u"number", u"string", u"symbol", u"boolean", u"bigint",
                                           u"undefined", u"function", u"object"};
  for (uint8_t i = 0; i < 8; ++i) {
    if (s == kNames[i]) return i;
  }
  return 8;
}

// The builder method of a binary operator's bytecode (acc = r op acc).
using BinaryOperation = void (BytecodeArrayBuilder::*)(Register, FeedbackSlot);
BinaryOperation BinaryBytecode(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return &BytecodeArrayBuilder::Add;
    case BinaryOp::kSub: return &BytecodeArrayBuilder::Sub;
    case BinaryOp::kMul: return &BytecodeArrayBuilder::Mul;
    case BinaryOp::kDiv: return &BytecodeArrayBuilder::Div;
    case BinaryOp::kMod: return &BytecodeArrayBuilder::Mod;
    case BinaryOp::kExp: return &BytecodeArrayBuilder::Exp;
    case BinaryOp::kShl: return &BytecodeArrayBuilder::ShiftLeft;
    case BinaryOp::kSar: return &BytecodeArrayBuilder::ShiftRight;
    case BinaryOp::kShr: return &BytecodeArrayBuilder::ShiftRightLogical;
    case BinaryOp::kBitAnd: return &BytecodeArrayBuilder::BitwiseAnd;
    case BinaryOp::kBitOr: return &BytecodeArrayBuilder::BitwiseOr;
    case BinaryOp::kBitXor: return &BytecodeArrayBuilder::BitwiseXor;
    case BinaryOp::kEq: case BinaryOp::kNe: return &BytecodeArrayBuilder::TestEqual;
    case BinaryOp::kStrictEq: case BinaryOp::kStrictNe: return &BytecodeArrayBuilder::TestEqualStrict;
    case BinaryOp::kLt: return &BytecodeArrayBuilder::TestLessThan;
    case BinaryOp::kGt: return &BytecodeArrayBuilder::TestGreaterThan;
    case BinaryOp::kLe: return &BytecodeArrayBuilder::TestLessThanOrEqual;
    case BinaryOp::kGe: return &BytecodeArrayBuilder::TestGreaterThanOrEqual;
    case BinaryOp::kIn: return &BytecodeArrayBuilder::TestIn;
    case BinaryOp::kInstanceOf: return &BytecodeArrayBuilder::TestInstanceOf;
  }
  return &BytecodeArrayBuilder::Add;
}

// The builder method of a binary operator's small-integer form (acc = acc op
// imm), or nullptr when it has none.
using SmiOperation = void (BytecodeArrayBuilder::*)(Imm, FeedbackSlot);
SmiOperation SmiBytecode(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return &BytecodeArrayBuilder::AddSmi;
    case BinaryOp::kSub: return &BytecodeArrayBuilder::SubSmi;
    case BinaryOp::kMul: return &BytecodeArrayBuilder::MulSmi;
    case BinaryOp::kDiv: return &BytecodeArrayBuilder::DivSmi;
    case BinaryOp::kMod: return &BytecodeArrayBuilder::ModSmi;
    case BinaryOp::kExp: return &BytecodeArrayBuilder::ExpSmi;
    case BinaryOp::kShl: return &BytecodeArrayBuilder::ShiftLeftSmi;
    case BinaryOp::kSar: return &BytecodeArrayBuilder::ShiftRightSmi;
    case BinaryOp::kShr: return &BytecodeArrayBuilder::ShiftRightLogicalSmi;
    case BinaryOp::kBitAnd: return &BytecodeArrayBuilder::BitwiseAndSmi;
    case BinaryOp::kBitOr: return &BytecodeArrayBuilder::BitwiseOrSmi;
    case BinaryOp::kBitXor: return &BytecodeArrayBuilder::BitwiseXorSmi;
    default: return nullptr;
  }
}

BinaryOp CompoundBinaryOp(AssignOp op) {
  switch (op) {
    case AssignOp::kAdd: return BinaryOp::kAdd;
    case AssignOp::kSub: return BinaryOp::kSub;
    case AssignOp::kMul: return BinaryOp::kMul;
    case AssignOp::kDiv: return BinaryOp::kDiv;
    case AssignOp::kMod: return BinaryOp::kMod;
    case AssignOp::kExp: return BinaryOp::kExp;
    case AssignOp::kShl: return BinaryOp::kShl;
    case AssignOp::kSar: return BinaryOp::kSar;
    case AssignOp::kShr: return BinaryOp::kShr;
    case AssignOp::kBitAnd: return BinaryOp::kBitAnd;
    case AssignOp::kBitOr: return BinaryOp::kBitOr;
    case AssignOp::kBitXor: return BinaryOp::kBitXor;
    default: return BinaryOp::kAdd;
  }
}

bool IsSmiLiteral(const Expr* e, int32_t* value) {
  auto* n = e->As<NumberLiteral>();
  if (!n) return false;
  Value v = Value::Number(n->value);
  if (!v.IsInt()) return false;
  *value = v.AsInt();
  return true;
}

}  // namespace

bool BytecodeGenerator::ContainsClosure(const Node* n) {
  if (!n) return false;
  if (n->Is<FunctionLiteral>() || n->Is<ClassLiteral>()) return true;
  if (auto* d = n->As<VarDecl>()) {
    for (auto& decl : d->declarators) {
      if (ContainsClosure(decl.init) || !decl.target->Is<Identifier>()) return true;
    }
    return false;
  }
  switch (n->kind) {
    case NodeKind::kIdentifier: case NodeKind::kNumberLiteral: case NodeKind::kStringLiteral:
    case NodeKind::kNullLiteral: case NodeKind::kBooleanLiteral: case NodeKind::kThisExpression:
    case NodeKind::kBigIntLiteral:
      return false;
    case NodeKind::kBinary: return ContainsClosure(static_cast<const Binary*>(n)->left) || ContainsClosure(static_cast<const Binary*>(n)->right);
    case NodeKind::kUnary: return ContainsClosure(static_cast<const Unary*>(n)->operand);
    case NodeKind::kMember: return ContainsClosure(static_cast<const Member*>(n)->object);
    default: return true;  // conservatively
  }
}

Register BytecodeGenerator::ReceiverRegister() const {
  return Register(reg::Receiver(static_cast<int32_t>(fn_->params.size() - (scope_->has_rest ? 1 : 0))));
}

namespace {

// Array destructuring in a generator: a return through a yield inside the
// pattern closes the iterator unless it is done.
class DestructuringCloseScope final : public ControlScope {
 public:
  DestructuringCloseScope(BytecodeGenerator* gen, Register iterator, Register done)
      : ControlScope(gen), iterator_(iterator), done_(done) {}
  bool Execute(Command command, const Node*) override {
    if (command != Command::kReturn) return false;
    BytecodeArrayBuilder& b = gen_->builder();
    RegisterScope rs(b);
    Register saved = b.NewRegister();
    b.StoreAccumulator(saved);
    Label closed;
    b.Ldar(done_);
    b.JumpIfTrue(closed);
    // Done now: an exception from return() does not close it again.
    b.LdaTrue();
    b.StoreAccumulator(done_);
    b.CallRuntime(RuntimeFunction::kIteratorClose, {iterator_, 1});
    b.Bind(&closed);
    b.Ldar(saved);
    return false;
  }

 private:
  Register iterator_;
  Register done_;
};

}  // namespace

// ---------------------------------------------------------------- dispatch

void BytecodeGenerator::VisitForEffect(Expr* e) {
  RegisterScope rs(builder_);
  VisitForAccumulator(e);
}

Register BytecodeGenerator::VisitForRegister(Expr* e) {
  Register r = builder_.NewRegister();
  {
    RegisterScope rs(builder_);
    VisitForAccumulator(e);
  }
  builder_.StoreAccumulator(r);
  return r;
}

bool BytecodeGenerator::OwnRegister(Expr* e, std::initializer_list<const Node*> later, Register* out) {
  if (std::any_of(later.begin(), later.end(), HasAssignment)) return false;
  if (auto* id = e->As<Identifier>()) {
    Variable* v = id->var;
    if (v && !NeedsHoleCheck(id) && !tree_.tdz_errors.count(id)) {
      if (v->location == VarLocation::kLocal) {
        *out = Register(v->index);
        return true;
      }
      if (v->location == VarLocation::kParameter) {
        *out = ParameterRegister(v->index);
        return true;
      }
    }
  } else if (e->Is<ThisExpression>()) {
    // `this` in the receiver register, which nothing assigns (a derived
    // constructor's `this` is a variable, checked for the hole).
    auto it = tree_.this_refs.find(e);
    Variable* v = it == tree_.this_refs.end() ? nullptr : it->second;
    if (!v || v->location == VarLocation::kReceiver || v->location == VarLocation::kUnallocated) {
      *out = ReceiverRegister();
      return true;
    }
  }
  return false;
}

Register BytecodeGenerator::VisitForOperand(Expr* e, std::initializer_list<const Node*> later) {
  Register r;
  return OwnRegister(e, later, &r) ? r : VisitForRegister(e);
}

void BytecodeGenerator::VisitForTest(Expr* e, Label* if_false) {
  if (auto* l = e->As<Logical>(); l && l->op == LogicalOp::kAnd) {
    VisitForTest(l->left, if_false);
    VisitForTest(l->right, if_false);
    return;
  }
  if (auto* u = e->As<Unary>(); u && u->op == UnaryOp::kNot) {
    Label if_true;
    RegisterScope rs(builder_);
    VisitForAccumulator(u->operand);
    builder_.JumpIfToBooleanTrue(*if_false);
    return;
  }
  bool boolean = false;
  if (auto* b = e->As<Binary>()) {
    switch (b->op) {
      case BinaryOp::kEq: case BinaryOp::kNe: case BinaryOp::kStrictEq: case BinaryOp::kStrictNe:
      case BinaryOp::kLt: case BinaryOp::kGt: case BinaryOp::kLe: case BinaryOp::kGe:
      case BinaryOp::kIn: case BinaryOp::kInstanceOf:
        boolean = true;
        break;
      default:
        break;
    }
  }
  if (e->Is<BooleanLiteral>()) boolean = true;
  {
    RegisterScope rs(builder_);
    VisitForAccumulator(e);
  }
  if (boolean) builder_.JumpIfFalse(*if_false);
  else builder_.JumpIfToBooleanFalse(*if_false);
}

void BytecodeGenerator::VisitForAccumulator(Expr* e, const std::u16string& name_hint) {
  RegisterScope rs(builder_);
  switch (e->kind) {
    case NodeKind::kNumberLiteral:
      builder_.LoadNumber(static_cast<NumberLiteral*>(e)->value);
      return;
    case NodeKind::kStringLiteral:
      builder_.LdaConstant(builder_.AddName(static_cast<StringLiteral*>(e)->value));
      return;
    case NodeKind::kBigIntLiteral: {
      // A cell of its own per literal, as V8's constant pool has.
      std::u16string_view digits = static_cast<BigIntLiteral*>(e)->digits;
      BigInt* value = BigIntFromDigits(rt_, std::string(digits.begin(), digits.end()), 10);
      builder_.LdaConstant(builder_.AddConstant(Value::FromCell(value)));
      return;
    }
    case NodeKind::kNullLiteral:
      builder_.LdaNull();
      return;
    case NodeKind::kBooleanLiteral:
      if (static_cast<BooleanLiteral*>(e)->value) builder_.LdaTrue();
      else builder_.LdaFalse();
      return;
    case NodeKind::kTemplateLiteral:
      VisitTemplateLiteral(static_cast<TemplateLiteral*>(e));
      return;
    case NodeKind::kTaggedTemplate:
      VisitTaggedTemplate(static_cast<TaggedTemplate*>(e));
      return;
    case NodeKind::kRegExpLiteral: {
      auto* r = static_cast<RegExpLiteral*>(e);
      ConstantIndex pattern = builder_.AddName(r->pattern);
      uint16_t flags = 0;
      ParseRegExpFlags(r->flags, &flags);  // valid: the parser checked them
      builder_.CreateRegExpLiteral(pattern, builder_.NewFeedbackSlot(), UImm(flags));
      return;
    }
    case NodeKind::kIdentifier:
      VisitIdentifier(static_cast<Identifier*>(e));
      return;
    case NodeKind::kThisExpression:
      VisitThis(e);
      return;
    case NodeKind::kNewTarget:
      LoadNewTarget(e);
      return;
    case NodeKind::kImportCall: {
      auto* call = static_cast<ImportCall*>(e);
      RegisterScope rs(builder_);
      RegisterList args = builder_.NewRegisterList(2);
      VisitForAccumulator(call->specifier);
      builder_.StoreAccumulator(args[0]);
      if (call->options) VisitForAccumulator(call->options);
      else builder_.LdaUndefined();
      builder_.StoreAccumulator(args[1]);
      builder_.SetExpressionPosition(e->pos.offset);
      builder_.CallRuntime(RuntimeFunction::kDynamicImport, args);
      return;
    }
    case NodeKind::kImportMeta:
      builder_.CallRuntime(RuntimeFunction::kGetImportMetaObject, RegisterList());
      return;
    case NodeKind::kArrayLiteral:
      VisitArrayLiteral(static_cast<ArrayLiteral*>(e)->elements);
      return;
    case NodeKind::kObjectLiteral:
      VisitObjectLiteral(static_cast<ObjectLiteral*>(e));
      return;
    case NodeKind::kFunctionLiteral: {
      auto* f = static_cast<FunctionLiteral*>(e);
      VisitFunctionLiteral(f, f->name ? f->name->name : name_hint);
      return;
    }
    case NodeKind::kClassLiteral: {
      auto* c = static_cast<ClassLiteral*>(e);
      VisitClassLiteral(c, c->name ? c->name->name : name_hint);
      return;
    }
    case NodeKind::kPrivateName: {
      // The private symbol, from the class scope's context.
      Variable* var = static_cast<PrivateName*>(e)->var;
      if (!var) throw CompileError{"private name outside its class", e->pos};
      EmitContextSlotLoad(var, true);
      return;
    }
    case NodeKind::kUnary:
      VisitUnary(static_cast<Unary*>(e));
      return;
    case NodeKind::kUpdate:
      VisitUpdate(static_cast<Update*>(e));
      return;
    case NodeKind::kBinary:
      VisitBinary(static_cast<Binary*>(e));
      return;
    case NodeKind::kLogical:
      VisitLogical(static_cast<Logical*>(e));
      return;
    case NodeKind::kAssignment:
      VisitAssignment(static_cast<Assignment*>(e));
      return;
    case NodeKind::kConditional:
      VisitConditional(static_cast<Conditional*>(e));
      return;
    case NodeKind::kCall:
      VisitCall(static_cast<struct Call*>(e));
      return;
    case NodeKind::kNew:
      VisitNew(static_cast<New*>(e));
      return;
    case NodeKind::kMember:
      VisitMember(static_cast<Member*>(e));
      return;
    case NodeKind::kKeyed:
      VisitKeyed(static_cast<Keyed*>(e));
      return;
    case NodeKind::kOptionalChain:
      VisitOptionalChain(static_cast<OptionalChain*>(e));
      return;
    case NodeKind::kYield:
      VisitYield(static_cast<Yield*>(e));
      return;
    case NodeKind::kAwait:
      VisitAwait(static_cast<Await*>(e));
      return;
    case NodeKind::kSequence: {
      auto* s = static_cast<Sequence*>(e);
      for (size_t i = 0; i + 1 < s->exprs.size(); ++i) VisitForEffect(s->exprs[i]);
      VisitForAccumulator(s->exprs.back());
      return;
    }
    default:
      throw CompileError{std::string("unsupported expression ") + NodeKindName(e->kind), e->pos};
  }
}

// ---------------------------------------------------------------- variables

void BytecodeGenerator::EmitContextSlotLoad(Variable* var, bool immutable) {
  uint32_t depth = ContextDepth(var->scope);
  if (depth == 0) {
    if (immutable) builder_.LdaImmutableCurrentContextSlot(UImm(var->index));
    else builder_.LdaCurrentContextSlot(UImm(var->index));
  } else {
    if (immutable) builder_.LdaImmutableContextSlot(Register::Context(), UImm(var->index), UImm(depth));
    else builder_.LdaContextSlot(Register::Context(), UImm(var->index), UImm(depth));
  }
}

void BytecodeGenerator::EmitContextSlotStore(Variable* var) {
  uint32_t depth = ContextDepth(var->scope);
  if (depth == 0) {
    builder_.StaCurrentContextSlot(UImm(var->index));
  } else {
    builder_.StaContextSlot(Register::Context(), UImm(var->index), UImm(depth));
  }
}

void BytecodeGenerator::LoadVariable(Variable* var, const std::u16string& name, bool check, bool inside_typeof) {
  if (!var || var->location == VarLocation::kGlobal) {
    if (inside_typeof) builder_.LdaGlobalInsideTypeof(builder_.AddName(name), builder_.NewFeedbackSlot());
    else builder_.LdaGlobal(builder_.AddName(name), builder_.NewFeedbackSlot());
    return;
  }
  switch (var->location) {
    case VarLocation::kGlobal:
      return;  // handled above
    case VarLocation::kParameter:
      builder_.Ldar(ParameterRegister(var->index));
      break;
    case VarLocation::kLocal:
      builder_.Ldar(Register(var->index));
      break;
    case VarLocation::kContext:
      // V8 loads a binding that is never assigned after its initialisation
      // with the Immutable form (class bindings excepted).
      EmitContextSlotLoad(var, var->kind == VarKind::kConst ||
                                   (!var->maybe_assigned && var->kind != VarKind::kClass &&
                                    var->kind != VarKind::kClassName));
      break;
    case VarLocation::kClosure:
      builder_.Ldar(Register::Closure());
      return;
    case VarLocation::kReceiver:
      builder_.Ldar(ReceiverRegister());
      return;
    case VarLocation::kUnallocated:
      builder_.LdaUndefined();
      return;
    case VarLocation::kLookup:
      if (inside_typeof) builder_.LdaLookupSlotInsideTypeof(builder_.AddName(name));
      else builder_.LdaLookupSlot(builder_.AddName(name));
      return;
    case VarLocation::kModule:
      builder_.LdaModuleVariable(Imm(var->index), UImm(ContextDepth(var->scope)));
      break;
  }
  if (check) builder_.ThrowReferenceErrorIfHole(builder_.AddName(name));
}

const DynamicRef* BytecodeGenerator::DynamicRefOf(const Identifier* id) const {
  if (tree_.dynamic_refs.empty()) return nullptr;
  auto it = tree_.dynamic_refs.find(id);
  return it == tree_.dynamic_refs.end() ? nullptr : &it->second;
}

void BytecodeGenerator::EmitDynamicLoad(Identifier* id, const DynamicRef& ref, bool inside_typeof) {
  ConstantIndex name = builder_.AddName(id->name);
  switch (ref.mode) {
    case LookupMode::kDynamic:
      if (inside_typeof) builder_.LdaLookupSlotInsideTypeof(name);
      else builder_.LdaLookupSlot(name);
      return;
    case LookupMode::kDynamicLocal: {
      UImm slot(static_cast<uint32_t>(id->var->index));
      UImm depth(ContextDepth(id->var->scope));
      if (inside_typeof) builder_.LdaLookupContextSlotInsideTypeof(name, slot, depth);
      else builder_.LdaLookupContextSlot(name, slot, depth);
      return;
    }
    case LookupMode::kDynamicGlobal: {
      // Every context out to the outermost one that may hold eval-declared vars.
      UImm depth(ContextDepth(ref.outermost_extensible) + 1);
      if (inside_typeof) builder_.LdaLookupGlobalSlotInsideTypeof(name, builder_.NewFeedbackSlot(), depth);
      else builder_.LdaLookupGlobalSlot(name, builder_.NewFeedbackSlot(), depth);
      return;
    }
  }
}

void BytecodeGenerator::EmitLookupStore(const std::u16string& name) {
  builder_.StaLookupSlot(builder_.AddName(name), Flag(fn_->strict ? 1 : 0));
}

void BytecodeGenerator::EmitLookupCallee(Identifier* id, RegisterList pair) {
  RegisterScope rs(builder_);
  Register n = builder_.NewRegister();
  builder_.LdaConstant(builder_.AddName(id->name));
  builder_.StoreAccumulator(n);
  builder_.CallRuntimeForPair(RuntimeFunction::kLoadLookupSlotForCall, {n, 1}, pair[0]);
}

void BytecodeGenerator::EmitResolvePossiblyDirectEval(struct Call* c, Register callee, Register first_arg) {
  // V8's operands: the callee, the source, the calling closure, the
  // language mode, the function's and the call's positions.
  RegisterScope rs(builder_);
  RegisterList args = builder_.NewRegisterList(6);
  int mode = (fn_->strict ? kEvalStrict : 0) | (tree_.parameter_evals.count(c) ? kEvalInParameters : 0);
  // What the nearest non-arrow function allows the eval code.
  const Scope* s = scope_;
  while (s->is_arrow() && s->outer) s = s->outer->ClosureScope();
  if (s->function->initializer_of) mode |= kEvalInFieldInitializer;
  if (s->kind == ScopeKind::kFunction || (s->direct_eval && tree_.eval_in_function)) mode |= kEvalInFunction;
  if (auto home = tree_.home_objects.find(s->function); home != tree_.home_objects.end()) {
    mode |= kEvalInMethod | (std::u16string_view(home->second) == kStaticHomeObjectVarName ? kEvalInStaticMethod : 0);
  }
  if (mode) builder_.LoadNumber(mode);
  else builder_.LdaZero();
  builder_.StoreAccumulator(args[3]);
  builder_.LoadNumber(static_cast<double>(fn_->source_start));
  builder_.StoreAccumulator(args[4]);
  builder_.LoadNumber(static_cast<double>(c->pos.offset));
  builder_.StoreAccumulator(args[5]);
  builder_.Mov(callee, args[0]);
  builder_.Mov(first_arg, args[1]);
  builder_.Mov(Register::Closure(), args[2]);
  builder_.SetExpressionPosition(c->pos.offset);
  builder_.CallRuntime(RuntimeFunction::kResolvePossiblyDirectEval, args);
  builder_.StoreAccumulator(callee);
}

void BytecodeGenerator::VisitIdentifier(Identifier* id, bool inside_typeof) {
  builder_.SetExpressionPosition(id->pos.offset);
  if (const DynamicRef* ref = DynamicRefOf(id)) {
    EmitDynamicLoad(id, *ref, inside_typeof);
    return;
  }
  if (id->var && id->var->kind == VarKind::kThis) {
    LoadThisVariable(id->var, NeedsHoleCheck(id));
    return;
  }
  if (tree_.tdz_errors.count(id)) {
    // A parameter default reading its own or a later parameter.
    builder_.LdaTheHole();
    builder_.ThrowReferenceErrorIfHole(builder_.AddName(id->name));
    return;
  }
  LoadVariable(id->var, id->name, NeedsHoleCheck(id), inside_typeof);
}

void BytecodeGenerator::StoreGlobal(const std::u16string& name) {
  builder_.StaGlobal(builder_.AddName(name), builder_.NewFeedbackSlot());
}

void BytecodeGenerator::StoreVariable(Variable* var, const std::u16string& name, bool init, bool check) {
  if (!var) {
    StoreGlobal(name);
    return;
  }
  if (!init && check) {
    // Assigning to a binding in its TDZ throws; read it first.
    RegisterScope rs(builder_);
    Register value = builder_.NewRegister();
    builder_.StoreAccumulator(value);
    LoadVariable(var, name, true, false);
    builder_.Ldar(value);
  }
  if (!init && var->IsConst()) {
    RegisterScope rs(builder_);
    Register n = builder_.NewRegister();
    builder_.LdaConstant(builder_.AddName(name));
    builder_.StoreAccumulator(n);
    builder_.CallRuntime(RuntimeFunction::kThrowConstAssignError, {n, 1});
    return;
  }
  if (!init && var->kind == VarKind::kFunctionName) {
    // A named function expression's own name is read-only.
    if (fn_->strict) {
      RegisterScope rs(builder_);
      Register n = builder_.NewRegister();
      builder_.StoreAccumulator(n);
      builder_.CallRuntime(RuntimeFunction::kThrowAssignToFunctionName, {n, 1});
    }
    return;
  }
  switch (var->location) {
    case VarLocation::kGlobal:
      StoreGlobal(name);
      return;
    case VarLocation::kParameter:
      builder_.StoreAccumulator(ParameterRegister(var->index));
      return;
    case VarLocation::kLocal:
      builder_.StoreAccumulator(Register(var->index));
      return;
    case VarLocation::kContext:
      EmitContextSlotStore(var);
      return;
    case VarLocation::kReceiver:
      builder_.StoreAccumulator(ReceiverRegister());
      return;
    case VarLocation::kLookup:
      EmitLookupStore(name);
      return;
    case VarLocation::kModule:
      builder_.StaModuleVariable(Imm(var->index), UImm(ContextDepth(var->scope)));
      return;
    case VarLocation::kClosure:
    case VarLocation::kUnallocated:
      return;
  }
}

void BytecodeGenerator::StoreToIdentifier(Identifier* id, bool init) {
  if (DynamicRefOf(id)) {
    EmitLookupStore(id->name);
    return;
  }
  StoreVariable(id->var, id->name, init, !init && NeedsHoleCheck(id));
}

void BytecodeGenerator::LoadThisVariable(Variable* var, bool check) {
  if (!var || var->location == VarLocation::kReceiver || var->location == VarLocation::kUnallocated) {
    builder_.Ldar(ReceiverRegister());
    return;
  }
  if (var->location == VarLocation::kLocal) builder_.Ldar(Register(var->index));
  else EmitContextSlotLoad(var, true);
  // Eval code cannot tell whether its caller is a derived constructor: it checks.
  bool derived = var->scope->deserialized || (var->scope->kind == ScopeKind::kFunction &&
                                              var->scope->function->fn_kind == FunctionKind::kDerivedConstructor);
  if (derived && (check || true)) builder_.ThrowSuperNotCalledIfHole();
}

void BytecodeGenerator::VisitThis(Node* node) {
  auto it = tree_.this_refs.find(node);
  LoadThisVariable(it == tree_.this_refs.end() ? nullptr : it->second, true);
}

void BytecodeGenerator::LoadHomeObject(Node* super_node) {
  auto it = tree_.super_refs.find(super_node);
  if (it == tree_.super_refs.end()) throw CompileError{"'super' keyword unexpected here", super_node->pos};
  LoadVariable(it->second, it->second->name, false, false);
}

RegisterList BytecodeGenerator::PrepareSuperReference(Expr* target) {
  RegisterList ref = builder_.NewRegisterList(4);
  Node* super_node;
  if (auto* m = target->As<Member>()) {
    super_node = m->object;
  } else {
    super_node = target->As<Keyed>()->object;
  }
  LoadHomeObject(super_node);
  builder_.StoreAccumulator(ref[0]);
  VisitThis(super_node);  // before the key: `this` in its dead zone throws first
  builder_.StoreAccumulator(ref[1]);
  if (auto* m = target->As<Member>()) {
    builder_.LdaConstant(builder_.AddName(m->name));
    builder_.StoreAccumulator(ref[2]);
  } else {
    VisitForAccumulator(target->As<Keyed>()->key);
    builder_.StoreAccumulator(ref[2]);  // converted by each runtime call: V8 converts it twice in super[k] += v
  }
  return ref;
}

// ---------------------------------------------------------------- functions, classes

void BytecodeGenerator::VisitFunctionLiteral(FunctionLiteral* fn, const std::u16string& name) {
  FunctionInfo* info = CompileFunction(fn, name);
  builder_.SetExpressionPosition(fn->pos.offset);
  builder_.CreateClosure(builder_.AddConstant(Value::FromCell(info)), builder_.NewFeedbackSlot(), Flag(2));
}

FunctionInfo* BytecodeGenerator::MakeDefaultConstructor(ClassLiteral* cls, const std::u16string& name) {
  FunctionInfo* info = rt_.heap().New<FunctionInfo>();
  info->name = rt_.Intern(name);
  info->debug_name = info->name;
  info->script = script_;
  info->strict = true;
  info->source_start = cls->source_start;
  info->source_end = cls->source_end;
  BytecodeArrayBuilder b(rt_, 0);
  if (cls->extends) {
    // constructor(...args) { super(...args); }
    info->flavor = FunctionFlavor::kDerivedConstructor;
    Register args = b.NewRegister();
    Register ctor = b.NewRegister();
    b.CreateRestParameter();
    b.StoreAccumulator(args);
    b.Ldar(Register::Closure());
    b.GetSuperConstructor(ctor);
    b.ThrowIfNotSuperConstructor(ctor);
    b.CallRuntime(RuntimeFunction::kNewTarget, RegisterList());
    b.ConstructWithSpread(ctor, RegisterList(args, 1), b.NewFeedbackSlot());
    Register self = b.NewRegister();
    b.StoreAccumulator(self);
    RegisterList init = b.NewRegisterList(2);
    b.Mov(self, init[0]);
    b.Mov(Register::Closure(), init[1]);
    b.CallRuntime(RuntimeFunction::kInitializeInstanceFields, init);
    b.Ldar(self);
  } else {
    info->flavor = FunctionFlavor::kClassConstructor;
    RegisterList init = b.NewRegisterList(2);
    b.Mov(Register(reg::Receiver(0)), init[0]);
    b.Mov(Register::Closure(), init[1]);
    b.CallRuntime(RuntimeFunction::kInitializeInstanceFields, init);
    b.LdaUndefined();
  }
  b.Return();
  b.Finish(info);
  return info;
}

void BytecodeGenerator::VisitClassLiteral(ClassLiteral* cls, const std::u16string& name) {
  builder_.SetExpressionPosition(cls->pos.offset);
  RegisterScope rs(builder_);
  Register ctor = builder_.NewRegister();
  Register proto = builder_.NewRegister();
  {
    ContextScope class_context(this, cls->scope);
    EmitScopeEntry(cls->scope);
    // The private names of this evaluation of the class: a brand (when it
    // has instance private methods) and one private symbol per #name.
    auto create_symbol = [&](RuntimeFunction fn, const std::u16string& text, Variable* var) {
      RegisterScope symbol_scope(builder_);
      Register arg = builder_.NewRegister();
      builder_.LdaConstant(builder_.AddName(text));
      builder_.StoreAccumulator(arg);
      builder_.CallRuntime(fn, RegisterList(arg, 1));
      StoreVariable(var, var->name, true, false);
    };
    if (cls->has_private_methods) {
      create_symbol(RuntimeFunction::kCreatePrivateBrandSymbol, cls->name ? cls->name->name : u"anonymous",
                    cls->scope->Lookup(kBrandVarName));
    }
    for (Variable* v : cls->scope->variables) {
      if (v->kind == VarKind::kPrivateName && !v->name.empty() && v->name[0] == u'#') {
        create_symbol(RuntimeFunction::kCreatePrivateNameSymbol, v->name, v);
      }
    }
    RegisterList define = builder_.NewRegisterList(2);
    if (cls->extends) {
      VisitForAccumulator(cls->extends);
    } else {
      builder_.LdaTheHole();
    }
    builder_.StoreAccumulator(define[1]);
    FunctionInfo* ctor_info = cls->constructor ? CompileFunction(cls->constructor, name) : MakeDefaultConstructor(cls, name);
    builder_.CreateClosure(builder_.AddConstant(Value::FromCell(ctor_info)), builder_.NewFeedbackSlot(), Flag(2));
    builder_.StoreAccumulator(ctor);
    builder_.Mov(ctor, define[0]);
    builder_.CallRuntime(RuntimeFunction::kDefineClass, define);
    builder_.StoreAccumulator(proto);
    // The home objects super.x reads: the prototype for instance methods and
    // the constructor, the constructor itself for static methods.
    for (Variable* v : cls->scope->variables) {
      if (v->kind != VarKind::kHomeObject || v->location == VarLocation::kUnallocated) continue;
      builder_.Ldar(v->name == kHomeObjectVarName ? proto : ctor);
      StoreVariable(v, v->name, true, false);
    }
    // The elements in order: methods and accessors are defined, computed
    // field keys evaluated; fields and static blocks run later, in the
    // initializers.
    for (auto& m : cls->members) {
      if (m.static_block) continue;
      RegisterScope member_scope(builder_);
      if (m.is_field) {
        if (m.computed) {
          VisitForAccumulator(m.key);
          builder_.ToName(builder_.NewRegister());
          StoreVariable(m.key_var, m.key_var->name, true, false);
        }
        continue;
      }
      auto* f = m.value->As<FunctionLiteral>();
      int kind = m.kind == PropertyKind::kGetter ? 1 : m.kind == PropertyKind::kSetter ? 2 : 0;
      if (m.is_private) {
        // DefinePrivateMethod(#name, brand or the class, function, kind)
        auto* key = static_cast<PrivateName*>(m.key);
        RegisterList args = builder_.NewRegisterList(4);
        LoadVariable(key->var, key->var->name, false, false);
        builder_.StoreAccumulator(args[0]);
        if (m.is_static) {
          builder_.Mov(ctor, args[1]);
        } else {
          Variable* brand = cls->scope->Lookup(kBrandVarName);
          LoadVariable(brand, brand->name, false, false);
          builder_.StoreAccumulator(args[1]);
        }
        VisitFunctionLiteral(f, (kind == 1 ? u"get " : kind == 2 ? u"set " : u"") + key->name);
        builder_.StoreAccumulator(args[2]);
        builder_.LoadNumber(kind);
        builder_.StoreAccumulator(args[3]);
        builder_.CallRuntime(RuntimeFunction::kDefinePrivateMethod, args);
        continue;
      }
      RegisterList args = builder_.NewRegisterList(5);
      builder_.Mov(m.is_static ? ctor : proto, args[0]);
      std::u16string key_name;
      if (m.computed) {
        VisitForAccumulator(m.key);
        builder_.ToName(args[1]);
      } else {
        key_name = StaticKey(rt_, m.key);
        builder_.LdaConstant(builder_.AddName(key_name));
        builder_.StoreAccumulator(args[1]);
      }
      std::u16string fname = key_name;
      if (m.kind == PropertyKind::kGetter) fname = u"get " + key_name;
      if (m.kind == PropertyKind::kSetter) fname = u"set " + key_name;
      VisitFunctionLiteral(f, m.computed ? u"" : fname);
      builder_.StoreAccumulator(args[2]);
      builder_.LoadNumber(kind);
      builder_.StoreAccumulator(args[3]);
      builder_.LdaFalse();
      builder_.StoreAccumulator(args[4]);
      builder_.CallRuntime(RuntimeFunction::kDefineClassMember, args);
    }
    if (cls->name) {
      Variable* inner = cls->scope->Lookup(cls->name->name);
      if (inner && inner->location != VarLocation::kUnallocated) {
        builder_.Ldar(ctor);
        StoreVariable(inner, inner->name, true, false);
      }
    }
    if (cls->instance_init) {
      // The constructor runs it on each new instance (V8's
      // <instance_members_initializer>).
      RegisterList args = builder_.NewRegisterList(2);
      builder_.Mov(ctor, args[0]);
      VisitFunctionLiteral(cls->instance_init, u"<instance_members_initializer>");
      builder_.StoreAccumulator(args[1]);
      builder_.CallRuntime(RuntimeFunction::kSetFieldsInitializer, args);
    }
    if (cls->static_init) {
      // Static fields and blocks, in order, with the class as `this`.
      Register callee = builder_.NewRegister();
      VisitFunctionLiteral(cls->static_init, u"<static_initializer>");
      builder_.StoreAccumulator(callee);
      builder_.CallProperty(callee, RegisterList(ctor, 1), builder_.NewFeedbackSlot());
    }
  }
  builder_.Ldar(ctor);
}

void BytecodeGenerator::DefineOwnStaticKey(Register object, String* key) {
  uint32_t index;
  if (key->AsArrayIndex(&index)) {
    RegisterScope rs(builder_);
    Register value = builder_.NewRegister();
    Register k = builder_.NewRegister();
    builder_.StoreAccumulator(value);
    builder_.LoadNumber(index);
    builder_.StoreAccumulator(k);
    builder_.Ldar(value);
    builder_.DefineKeyedOwnProperty(object, k, Flag(0), builder_.NewFeedbackSlot());
  } else {
    builder_.DefineNamedOwnProperty(object, builder_.AddConstant(Value::FromCell(key)), builder_.NewFeedbackSlot());
  }
}

void BytecodeGenerator::EmitClassInitializerBody() {
  ClassLiteral* cls = fn_->initializer_of;
  Register self = builder_.NewRegister();
  LoadThisVariable(scope_->this_var, false);
  builder_.StoreAccumulator(self);
  if (!fn_->static_initializer && cls->has_private_methods) {
    // Instances carry the class's brand before any field exists.
    RegisterScope rs(builder_);
    Variable* brand = cls->scope->Lookup(kBrandVarName);
    Register key = builder_.NewRegister();
    LoadVariable(brand, brand->name, false, false);
    builder_.StoreAccumulator(key);
    builder_.DefineKeyedOwnProperty(self, key, Flag(0), builder_.NewFeedbackSlot());
  }
  for (auto& m : cls->members) {
    if (m.is_static != fn_->static_initializer) continue;
    if (m.static_block) {
      VisitBlock(m.static_block);
      continue;
    }
    if (!m.is_field) continue;
    RegisterScope rs(builder_);
    builder_.SetStatementPosition(m.pos.offset);
    if (m.is_private || m.computed) {
      Variable* key_var = m.is_private ? static_cast<PrivateName*>(m.key)->var : m.key_var;
      Register key = builder_.NewRegister();
      LoadVariable(key_var, key_var->name, false, false);
      builder_.StoreAccumulator(key);
      if (!m.value) {
        builder_.LdaUndefined();
      } else if (m.is_private) {
        VisitForAccumulator(m.value, static_cast<PrivateName*>(m.key)->name);
      } else {
        VisitForAccumulator(m.value);
        if (IsAnonymousFunctionDefinition(m.value)) {
          RegisterList args = builder_.NewRegisterList(2);
          builder_.StoreAccumulator(args[0]);
          builder_.Mov(key, args[1]);
          builder_.CallRuntime(RuntimeFunction::kSetFunctionName, args);
        }
      }
      builder_.DefineKeyedOwnProperty(self, key, Flag(0), builder_.NewFeedbackSlot());
    } else {
      std::u16string key_name = StaticKey(rt_, m.key);
      if (m.value) VisitForAccumulator(m.value, key_name);
      else builder_.LdaUndefined();
      DefineOwnStaticKey(self, rt_.Intern(key_name));
    }
  }
}

// ---------------------------------------------------------------- literals

void BytecodeGenerator::VisitObjectLiteral(ObjectLiteral* obj) {
  // A literal whose methods use super.x keeps itself as their home object in
  // a block context around the literal (V8's object literal scope).
  ContextScope home_context(this, obj->scope);
  Register object = builder_.NewRegister();
  // The names of the leading `name: value` properties (up to the first
  // computed key, accessor, spread, __proto__ or index key, which could
  // change the order) make the object's shape at once, and its size (V8's
  // boilerplate of CreateObjectLiteral, without the constant values).
  std::vector<Value> names;
  for (const Property& p : obj->properties) {
    if (p.kind != PropertyKind::kInit || p.computed || names.size() == Runtime::kMaxInlineSlots) break;
    String* key = rt_.Intern(StaticKey(rt_, p.key));
    uint32_t index;
    if (key->AsArrayIndex(&index)) break;
    if (std::find(names.begin(), names.end(), Value::FromCell(key)) == names.end()) names.push_back(Value::FromCell(key));
  }
  if (names.empty()) {
    builder_.CreateEmptyObjectLiteral();
  } else {
    builder_.CreateObjectLiteral(builder_.AddConstant(Value::FromCell(rt_.NewArrayFrom(names))),
                                 builder_.NewFeedbackSlot());
  }
  builder_.StoreAccumulator(object);
  for (Property& p : obj->properties) {
    RegisterScope rs(builder_);
    switch (p.kind) {
      case PropertyKind::kInit: {
        bool method = p.method && p.value->Is<FunctionLiteral>();
        if (!p.computed) {
          std::u16string key = StaticKey(rt_, p.key);
          VisitForAccumulator(p.value, key);
          DefineOwnStaticKey(object, rt_.Intern(key));
        } else {
          Register key = builder_.NewRegister();
          VisitForAccumulator(p.key);
          builder_.ToName(key);
          VisitForAccumulator(p.value);
          if (IsAnonymousFunctionDefinition(p.value) || method) {
            RegisterList args = builder_.NewRegisterList(2);
            builder_.StoreAccumulator(args[0]);
            builder_.Mov(key, args[1]);
            builder_.CallRuntime(RuntimeFunction::kSetFunctionName, args);
          }
          builder_.DefineKeyedOwnProperty(object, key, Flag(0), builder_.NewFeedbackSlot());
        }
        break;
      }
      case PropertyKind::kGetter:
      case PropertyKind::kSetter: {
        RegisterList args = builder_.NewRegisterList(4);
        builder_.Mov(object, args[0]);
        std::u16string key;
        if (p.computed) {
          VisitForAccumulator(p.key);
          builder_.ToName(args[1]);
        } else {
          key = StaticKey(rt_, p.key);
          builder_.LdaConstant(builder_.AddName(key));
          builder_.StoreAccumulator(args[1]);
        }
        bool getter = p.kind == PropertyKind::kGetter;
        VisitFunctionLiteral(p.value->As<FunctionLiteral>(), p.computed ? u"" : (getter ? u"get " : u"set ") + key);
        builder_.StoreAccumulator(getter ? args[2] : args[3]);
        builder_.LdaUndefined();
        builder_.StoreAccumulator(getter ? args[3] : args[2]);
        builder_.CallRuntime(RuntimeFunction::kDefineAccessor, args);
        break;
      }
      case PropertyKind::kSpread: {
        RegisterList args = builder_.NewRegisterList(2);
        builder_.Mov(object, args[0]);
        VisitForAccumulator(p.value);
        builder_.StoreAccumulator(args[1]);
        builder_.CallRuntime(RuntimeFunction::kCopyDataProperties, args);
        break;
      }
      case PropertyKind::kProto: {
        RegisterList args = builder_.NewRegisterList(2);
        builder_.Mov(object, args[0]);
        VisitForAccumulator(p.value);
        builder_.StoreAccumulator(args[1]);
        builder_.CallRuntime(RuntimeFunction::kSetLiteralPrototype, args);
        break;
      }
    }
  }
  builder_.Ldar(object);
  if (obj->scope) {
    Variable* home = obj->scope->Lookup(kHomeObjectVarName);
    StoreVariable(home, home->name, true, false);
  }
}

namespace {

// The value of a literal primitive (numbers, strings, booleans, null), if `e` is one.
bool LiteralPrimitive(Runtime& rt, const Expr* e, Value* out) {
  if (!e) return false;
  if (auto* n = e->As<NumberLiteral>()) {
    *out = Value::Number(n->value);
  } else if (auto* str = e->As<StringLiteral>()) {
    *out = Value::FromCell(rt.Intern(str->value));
  } else if (auto* b = e->As<BooleanLiteral>()) {
    *out = Value::Boolean(b->value);
  } else if (e->Is<NullLiteral>()) {
    *out = Value::Null();
  } else {
    return false;
  }
  return true;
}

}  // namespace

void BytecodeGenerator::VisitArrayLiteral(const std::vector<Expr*>& elements, bool spread_arguments) {
  // Only literal primitives: the array shares the elements of a constant
  // boilerplate until it is written (V8's CreateArrayLiteral, COW elements).
  std::vector<Value> constants;
  for (const Expr* e : elements) {
    Value v;
    if (!LiteralPrimitive(rt_, e, &v)) break;
    constants.push_back(v);
  }
  if (!elements.empty() && constants.size() == elements.size()) {
    builder_.CreateArrayLiteral(builder_.AddConstant(Value::FromCell(rt_.NewArrayFrom(constants))));
    return;
  }
  Register array = builder_.NewRegister();
  builder_.CreateEmptyArrayLiteral(builder_.NewFeedbackSlot());
  builder_.StoreAccumulator(array);
  bool dynamic = false;  // after a spread, indices are not known statically
  uint32_t index = 0;
  bool trailing_hole = false;
  for (Expr* e : elements) {
    RegisterScope rs(builder_);
    trailing_hole = e == nullptr;
    if (!e) {
      if (dynamic) {
        RegisterList args = builder_.NewRegisterList(2);
        builder_.Mov(array, args[0]);
        builder_.LdaTheHole();
        builder_.StoreAccumulator(args[1]);
        builder_.CallRuntime(RuntimeFunction::kArrayAppend, args);
      }
      ++index;
      continue;
    }
    if (auto* sp = e->As<Spread>()) {
      if (!dynamic && index > 0) {
        // Make the length right before appending (holes so far).
        builder_.LoadNumber(index);
        builder_.SetNamedProperty(array, builder_.AddName(u"length"), builder_.NewFeedbackSlot());
      }
      dynamic = true;
      RegisterList args = builder_.NewRegisterList(2);
      builder_.Mov(array, args[0]);
      VisitForAccumulator(sp->arg);
      builder_.StoreAccumulator(args[1]);
      if (spread_arguments) builder_.SetCallSite(CallSiteKind::kSpread, PrintCallSite(sp->arg));
      else builder_.SetCallSite(IterationSiteKind(sp->arg), PrintIterationSubject(sp->arg));
      builder_.CallRuntime(RuntimeFunction::kArrayAppendSpread, args);
      continue;
    }
    if (dynamic) {
      RegisterList args = builder_.NewRegisterList(2);
      builder_.Mov(array, args[0]);
      VisitForAccumulator(e);
      builder_.StoreAccumulator(args[1]);
      builder_.CallRuntime(RuntimeFunction::kArrayAppend, args);
    } else {
      Register k = builder_.NewRegister();
      builder_.LoadNumber(index);
      builder_.StoreAccumulator(k);
      VisitForAccumulator(e);
      builder_.StaInArrayLiteral(array, k, builder_.NewFeedbackSlot());
    }
    ++index;
  }
  if (!dynamic && trailing_hole) {
    builder_.LoadNumber(index);
    builder_.SetNamedProperty(array, builder_.AddName(u"length"), builder_.NewFeedbackSlot());
  }
  builder_.Ldar(array);
}

void BytecodeGenerator::VisitTemplateLiteral(TemplateLiteral* t) {
  Register acc = builder_.NewRegister();
  builder_.LdaConstant(builder_.AddName(t->cooked[0]));
  for (size_t i = 0; i < t->exprs.size(); ++i) {
    builder_.StoreAccumulator(acc);
    VisitForAccumulator(t->exprs[i]);
    builder_.ToString();
    builder_.Add(acc, builder_.NewFeedbackSlot());
    if (!t->cooked[i + 1].empty()) {
      builder_.StoreAccumulator(acc);
      builder_.LdaConstant(builder_.AddName(t->cooked[i + 1]));
      builder_.Add(acc, builder_.NewFeedbackSlot());
    }
  }
}

Array* NewTemplateObject(Runtime& rt, const std::vector<Value>& cooked, const std::vector<Value>& raw) {
  Array* cooked_array = rt.NewArrayFrom(cooked);
  Array* raw_array = rt.NewArrayFrom(raw);
  SetIntegrityLevel(rt, raw_array, true);
  DefineRaw(rt, cooked_array, PropertyKey::Named(rt.names().raw), Value::FromCell(raw_array), kAttrNone);
  SetIntegrityLevel(rt, cooked_array, true);
  return cooked_array;
}

void BytecodeGenerator::VisitTaggedTemplate(TaggedTemplate* t) {
  // The template object is made once, at compile time: frozen strings with a frozen .raw.
  TemplateLiteral* q = t->quasi;
  std::vector<Value> cooked, raw;
  for (size_t i = 0; i < q->raw.size(); ++i) {
    bool valid = i >= q->cooked_valid.size() || q->cooked_valid[i];
    cooked.push_back(valid ? Value::FromCell(rt_.Intern(q->cooked[i])) : Value::Undefined());
    raw.push_back(Value::FromCell(rt_.Intern(q->raw[i])));
  }
  Array* cooked_array = NewTemplateObject(rt_, cooked, raw);
  // Call the tag like any call, with the template object first.
  Register callee = builder_.NewRegister();
  Register receiver = builder_.NewRegister();
  auto* member = t->tag->As<Member>();
  auto* keyed = t->tag->As<Keyed>();
  if ((member && member->object->Is<SuperExpression>()) || (keyed && keyed->object->Is<SuperExpression>())) {
    // super.m`...`: called with this.
    VisitThis(member ? member->object : keyed->object);
    builder_.StoreAccumulator(receiver);
    VisitForAccumulator(t->tag);
  } else if (member) {
    VisitForAccumulator(member->object);
    builder_.StoreAccumulator(receiver);
    builder_.GetNamedProperty(receiver, builder_.AddName(member->name), builder_.NewFeedbackSlot());
  } else if (keyed) {
    // o[k]`...`: called with o as this.
    VisitForAccumulator(keyed->object);
    builder_.StoreAccumulator(receiver);
    VisitForAccumulator(keyed->key);
    builder_.GetKeyedProperty(receiver, builder_.NewFeedbackSlot());
  } else {
    builder_.LdaUndefined();
    builder_.StoreAccumulator(receiver);
    VisitForAccumulator(t->tag);
  }
  builder_.StoreAccumulator(callee);
  RegisterList list = builder_.NewRegisterList(static_cast<int>(q->exprs.size() + 2));
  builder_.Mov(receiver, list[0]);
  builder_.LoadConstant(Value::FromCell(cooked_array));
  builder_.StoreAccumulator(list[1]);
  for (size_t i = 0; i < q->exprs.size(); ++i) {
    VisitForAccumulator(q->exprs[i]);
    builder_.StoreAccumulator(list[static_cast<int>(i) + 2]);
  }
  builder_.SetExpressionPosition(t->pos.offset);
  builder_.SetCallSite(CallSiteKind::kCall, PrintCallSite(t->tag));
  builder_.CallProperty(callee, list, builder_.NewFeedbackSlot());
}

// ---------------------------------------------------------------- operators

// super.name or super[key] as a target, else null.
static Expr* SuperPropertyTarget(Pattern* target) {
  if (auto* m = target->As<Member>(); m && m->object->Is<SuperExpression>()) return m;
  if (auto* k = target->As<Keyed>(); k && k->object->Is<SuperExpression>()) return k;
  return nullptr;
}


void BytecodeGenerator::VisitUnary(Unary* u) {
  switch (u->op) {
    case UnaryOp::kNot:
      VisitForAccumulator(u->operand);
      builder_.ToBooleanLogicalNot();
      return;
    case UnaryOp::kMinus:
      if (auto* n = u->operand->As<NumberLiteral>()) {
        builder_.LoadNumber(-n->value);
        return;
      }
      VisitForAccumulator(u->operand);
      builder_.Negate(builder_.NewFeedbackSlot());
      return;
    case UnaryOp::kPlus:
      VisitForAccumulator(u->operand);
      builder_.ToNumber(builder_.NewFeedbackSlot());
      return;
    case UnaryOp::kBitNot:
      VisitForAccumulator(u->operand);
      builder_.BitwiseNot(builder_.NewFeedbackSlot());
      return;
    case UnaryOp::kVoid:
      VisitForEffect(u->operand);
      builder_.LdaUndefined();
      return;
    case UnaryOp::kTypeof:
      if (auto* id = u->operand->As<Identifier>()) {
        VisitIdentifier(id, /*inside_typeof=*/true);
      } else {
        VisitForAccumulator(u->operand);
      }
      builder_.TypeOf();
      return;
    case UnaryOp::kDelete: {
      auto op = fn_->strict ? &BytecodeArrayBuilder::DeletePropertyStrict : &BytecodeArrayBuilder::DeletePropertySloppy;
      // `delete a?.b.c`: the chain's last property is deleted; a `?.` that
      // meets null or undefined makes the delete true.
      Expr* target = u->operand;
      auto* chain = target->As<OptionalChain>();
      Label nullish, done;
      Label* saved_chain_end = optional_chain_end_;
      if (chain) {
        target = chain->expr;
        optional_chain_end_ = &nullish;
      }
      auto object_for_delete = [&](Expr* object, bool optional) {
        Register obj = VisitForRegister(object);
        if (optional) {
          builder_.Ldar(obj);
          builder_.JumpIfUndefinedOrNull(*optional_chain_end_);
        }
        return obj;
      };
      if (Expr* super_target = SuperPropertyTarget(target)) {
        // V8: the reference is evaluated (this, then the key), then refused.
        RegisterScope rs(builder_);
        PrepareSuperReference(super_target);
        builder_.CallRuntime(RuntimeFunction::kThrowUnsupportedSuperError, RegisterList());
      } else if (auto* m = target->As<Member>()) {
        Register obj = object_for_delete(m->object, m->optional);
        builder_.LdaConstant(builder_.AddName(m->name));
        (builder_.*op)(obj);
      } else if (auto* k = target->As<Keyed>()) {
        Register obj = object_for_delete(k->object, k->optional);
        VisitForAccumulator(k->key);
        (builder_.*op)(obj);
      } else if (auto* id = target->As<Identifier>()) {
        if (DynamicRefOf(id) || (id->var && id->var->location == VarLocation::kLookup)) {
          Register n = builder_.NewRegister();
          builder_.LdaConstant(builder_.AddName(id->name));
          builder_.StoreAccumulator(n);
          builder_.CallRuntime(RuntimeFunction::kDeleteLookupSlot, {n, 1});
        } else if (!id->var || id->var->location == VarLocation::kGlobal) {
          Register n = builder_.NewRegister();
          builder_.LdaConstant(builder_.AddName(id->name));
          builder_.StoreAccumulator(n);
          builder_.CallRuntime(RuntimeFunction::kDeleteGlobal, {n, 1});
        } else {
          builder_.LdaFalse();
        }
      } else {
        VisitForEffect(target);
        builder_.LdaTrue();
      }
      if (chain) {
        optional_chain_end_ = saved_chain_end;
        builder_.Jump(done);
        builder_.Bind(&nullish);
        builder_.LdaTrue();
        builder_.Bind(&done);
      }
      return;
    }
  }
}

void BytecodeGenerator::EmitCallTargetError(Expr* call, CallTarget role) {
  VisitForEffect(call);
  RegisterScope rs(builder_);
  Register arg = builder_.NewRegister();
  builder_.LoadNumber(static_cast<int>(role));
  builder_.StoreAccumulator(arg);
  builder_.SetExpressionPosition(call->pos.offset);
  builder_.CallRuntime(RuntimeFunction::kThrowInvalidCallTarget, {arg, 1});
}

void BytecodeGenerator::EmitReadModifyWrite(Pattern* target, Expr* value, const std::function<void()>& modify,
                                            CallTarget role) {
  if (auto* id = target->As<Identifier>()) {
    VisitIdentifier(id);
    modify();
    StoreToIdentifier(id, false);
  } else if (Expr* super_target = SuperPropertyTarget(target)) {
    RegisterList ref = PrepareSuperReference(super_target);
    builder_.CallRuntime(RuntimeFunction::kGetKeyedSuperProperty, {ref[0], 3});
    modify();
    builder_.StoreAccumulator(ref[3]);
    builder_.CallRuntime(RuntimeFunction::kSetSuperProperty, ref);
  } else if (auto* m = target->As<Member>()) {
    Register obj = VisitForOperand(m->object, {value});
    ConstantIndex name = builder_.AddName(m->name);
    builder_.GetNamedProperty(obj, name, builder_.NewFeedbackSlot());
    modify();
    builder_.SetNamedProperty(obj, name, builder_.NewFeedbackSlot());
  } else if (auto* k = target->As<Keyed>()) {
    Register obj = VisitForOperand(k->object, {k->key, value});
    Register key = builder_.NewRegister();
    VisitForAccumulator(k->key);
    if (k->key->Is<NumberLiteral>() || k->key->Is<StringLiteral>()) {
      builder_.ToName(key);
    } else {
      // The key is converted once, for the read and the write, but only
      // after GetValue's ToObject(base): a null or undefined base throws
      // before an object key's toString runs.
      Label read;
      builder_.StoreAccumulator(key);
      builder_.Ldar(obj);
      builder_.JumpIfUndefinedOrNull(read);
      builder_.Ldar(key);
      builder_.ToName(key);
      builder_.Bind(&read);
    }
    builder_.Ldar(key);
    builder_.GetKeyedProperty(obj, builder_.NewFeedbackSlot());
    modify();
    builder_.SetKeyedProperty(obj, key, builder_.NewFeedbackSlot());
  } else {
    // The parser lets only a sloppy call through: the value is never read.
    EmitCallTargetError(target, role);
  }
}

void BytecodeGenerator::VisitUpdate(Update* u) {
  auto op = u->increment ? &BytecodeArrayBuilder::Inc : &BytecodeArrayBuilder::Dec;
  Register old_value = builder_.NewRegister();
  auto apply = [&]() {
    builder_.ToNumeric(builder_.NewFeedbackSlot());
    if (!u->prefix) builder_.StoreAccumulator(old_value);
    (builder_.*op)(builder_.NewFeedbackSlot());
  };
  EmitReadModifyWrite(u->target, nullptr, apply, u->prefix ? CallTarget::kPrefix : CallTarget::kPostfix);
  if (!u->prefix) builder_.Ldar(old_value);
}

void BytecodeGenerator::VisitBinary(Binary* b) {
  int32_t smi;
  SmiOperation smi_op = SmiBytecode(b->op);
  if (IsSmiLiteral(b->right, &smi) && smi_op) {
    VisitForAccumulator(b->left);
    builder_.SetExpressionPosition(b->pos.offset);
    (builder_.*smi_op)(Imm(smi), builder_.NewFeedbackSlot());
    return;
  }
  // typeof x === "literal"
  if ((b->op == BinaryOp::kStrictEq || b->op == BinaryOp::kEq) && b->right->Is<StringLiteral>()) {
    if (auto* u = b->left->As<Unary>(); u && u->op == UnaryOp::kTypeof) {
      if (auto* id = u->operand->As<Identifier>()) VisitIdentifier(id, true);
      else VisitForAccumulator(u->operand);
      builder_.TestTypeOf(Flag(TypeOfFlag(b->right->As<StringLiteral>()->value)));
      return;
    }
  }
  Register left = VisitForOperand(b->left, {b->right});
  VisitForAccumulator(b->right);
  builder_.SetExpressionPosition(b->pos.offset);
  (builder_.*BinaryBytecode(b->op))(left, builder_.NewFeedbackSlot());
  if (b->op == BinaryOp::kNe || b->op == BinaryOp::kStrictNe) builder_.LogicalNot();
}

void BytecodeGenerator::VisitLogical(Logical* l) {
  Label done;
  VisitForAccumulator(l->left);
  switch (l->op) {
    case LogicalOp::kAnd: builder_.JumpIfToBooleanFalse(done); break;
    case LogicalOp::kOr: builder_.JumpIfToBooleanTrue(done); break;
    case LogicalOp::kNullish: builder_.JumpIfNotUndefinedOrNull(done); break;
  }
  VisitForAccumulator(l->right);
  builder_.Bind(&done);
}

void BytecodeGenerator::VisitConditional(Conditional* c) {
  Label else_label, done;
  VisitForTest(c->test, &else_label);
  VisitForAccumulator(c->then_expr);
  builder_.Jump(done);
  builder_.Bind(&else_label);
  VisitForAccumulator(c->else_expr);
  builder_.Bind(&done);
}

void BytecodeGenerator::VisitAssignment(Assignment* a) {
  builder_.SetExpressionPosition(a->pos.offset);
  if (a->op == AssignOp::kAssign) {
    if (auto* id = a->target->As<Identifier>()) {
      VisitForAccumulator(a->value, a->named_target ? id->name : u"");
      StoreToIdentifier(id, false);
      return;
    }
    if (Expr* super_target = SuperPropertyTarget(a->target)) {
      RegisterList ref = PrepareSuperReference(super_target);
      VisitForAccumulator(a->value);
      builder_.StoreAccumulator(ref[3]);
      builder_.CallRuntime(RuntimeFunction::kSetSuperProperty, ref);
      return;
    }
    if (auto* m = a->target->As<Member>()) {
      Register obj = VisitForOperand(m->object, {a->value});
      VisitForAccumulator(a->value);
      builder_.SetExpressionPosition(a->pos.offset);
      builder_.SetNamedProperty(obj, builder_.AddName(m->name), builder_.NewFeedbackSlot());
      return;
    }
    if (auto* k = a->target->As<Keyed>()) {
      Register obj = VisitForOperand(k->object, {k->key, a->value});
      Register key = VisitForOperand(k->key, {a->value});
      VisitForAccumulator(a->value);
      builder_.SetExpressionPosition(a->pos.offset);
      builder_.SetKeyedProperty(obj, key, builder_.NewFeedbackSlot());
      return;
    }
    if (a->target->kind == NodeKind::kCall) {  // sloppy `f() = v`: v is never evaluated
      EmitCallTargetError(a->target, CallTarget::kAssignment);
      return;
    }
    // Destructuring assignment: the value of the expression is the right side.
    Register value = VisitForRegister(a->value);
    // V8 names the right side of an object pattern; an array pattern's
    // iterator error prints the value.
    if (a->target->Is<ObjectPattern>()) SetPatternSource(a->target, a->value);
    else SetPatternSource(a->target, nullptr);
    Destructure(a->target, value, false, DeclKind::kVar);
    builder_.Ldar(value);
    return;
  }
  // Compound and logical assignment: read, combine, write.
  bool logical = a->op == AssignOp::kAnd || a->op == AssignOp::kOr || a->op == AssignOp::kNullish;
  Label done;
  auto combine = [&]() {
    if (logical) {
      switch (a->op) {
        case AssignOp::kAnd: builder_.JumpIfToBooleanFalse(done); break;
        case AssignOp::kOr: builder_.JumpIfToBooleanTrue(done); break;
        default: builder_.JumpIfNotUndefinedOrNull(done); break;
      }
      std::u16string hint = a->named_target && a->target->Is<Identifier>() ? a->target->As<Identifier>()->name : u"";
      VisitForAccumulator(a->value, hint);
      return;
    }
    Register old_value = builder_.NewRegister();
    builder_.StoreAccumulator(old_value);
    VisitForAccumulator(a->value);
    builder_.SetExpressionPosition(a->pos.offset);
    (builder_.*BinaryBytecode(CompoundBinaryOp(a->op)))(old_value, builder_.NewFeedbackSlot());
  };
  EmitReadModifyWrite(a->target, a->value, combine, CallTarget::kAssignment);
  builder_.Bind(&done);
}

// ---------------------------------------------------------------- property access

void BytecodeGenerator::VisitMember(Member* m) {
  if (m->object->Is<SuperExpression>()) {
    Register receiver = builder_.NewRegister();
    VisitThis(m->object);
    builder_.StoreAccumulator(receiver);
    LoadHomeObject(m->object);
    builder_.GetNamedPropertyFromSuper(receiver, builder_.AddName(m->name), builder_.NewFeedbackSlot());
    return;
  }
  Register obj;
  if (m->optional || !OwnRegister(m->object, {}, &obj)) {
    // Evaluated before its register is taken: its temporaries are free again.
    VisitForAccumulator(m->object);
    if (m->optional) builder_.JumpIfUndefinedOrNull(*optional_chain_end_);
    obj = builder_.NewRegister();
    builder_.StoreAccumulator(obj);
  }
  builder_.SetExpressionPosition(m->pos.offset);
  builder_.GetNamedProperty(obj, builder_.AddName(m->name), builder_.NewFeedbackSlot());
}

void BytecodeGenerator::VisitKeyed(Keyed* k) {
  if (k->object->Is<SuperExpression>()) {
    RegisterList args = builder_.NewRegisterList(3);
    LoadHomeObject(k->object);
    builder_.StoreAccumulator(args[0]);
    VisitThis(k->object);
    builder_.StoreAccumulator(args[1]);
    VisitForAccumulator(k->key);
    builder_.StoreAccumulator(args[2]);
    builder_.CallRuntime(RuntimeFunction::kGetKeyedSuperProperty, args);
    return;
  }
  Register obj;
  if (k->optional || !OwnRegister(k->object, {k->key}, &obj)) {
    VisitForAccumulator(k->object);
    if (k->optional) builder_.JumpIfUndefinedOrNull(*optional_chain_end_);
    obj = builder_.NewRegister();
    builder_.StoreAccumulator(obj);
  }
  VisitForAccumulator(k->key);
  builder_.SetExpressionPosition(k->pos.offset);
  builder_.GetKeyedProperty(obj, builder_.NewFeedbackSlot());
}

void BytecodeGenerator::VisitOptionalChain(OptionalChain* c) {
  Label end, done;
  Label* saved = optional_chain_end_;
  optional_chain_end_ = &end;
  VisitForAccumulator(c->expr);
  optional_chain_end_ = saved;
  builder_.Jump(done);
  builder_.Bind(&end);
  builder_.LdaUndefined();
  builder_.Bind(&done);
}

// ---------------------------------------------------------------- calls

bool BytecodeGenerator::VisitArguments(const std::vector<Expr*>& args, Register* receiver, RegisterList* list) {
  bool spread = false;
  for (Expr* a : args) spread |= a->Is<Spread>();
  int extra = receiver ? 1 : 0;
  if (!spread) {
    *list = builder_.NewRegisterList(static_cast<int>(args.size()) + extra);
    if (receiver) builder_.Mov(*receiver, (*list)[0]);
    for (size_t i = 0; i < args.size(); ++i) {
      VisitForAccumulator(args[i]);
      builder_.StoreAccumulator((*list)[static_cast<int>(i) + extra]);
    }
    return true;
  }
  // Spreads: gather every argument into one array, passed as a final spread.
  *list = builder_.NewRegisterList(1 + extra);
  if (receiver) builder_.Mov(*receiver, (*list)[0]);
  VisitArrayLiteral(args, true);
  builder_.StoreAccumulator((*list)[extra]);
  return false;
}

void BytecodeGenerator::LoadNewTarget(const Node* node) {
  auto it = tree_.new_target_refs.find(node);
  if (it != tree_.new_target_refs.end()) EmitContextSlotLoad(it->second, true);
  else builder_.CallRuntime(RuntimeFunction::kNewTarget, RegisterList());
}

Register BytecodeGenerator::LoadActiveFunction(const Node* node) {
  auto it = tree_.this_function_refs.find(node);
  if (it == tree_.this_function_refs.end()) {
    builder_.Ldar(Register::Closure());
    return Register::Closure();
  }
  EmitContextSlotLoad(it->second, true);
  Register active = builder_.NewRegister();
  builder_.StoreAccumulator(active);
  return active;
}

void BytecodeGenerator::VisitSuperCall(struct Call* c) {
  Register ctor = builder_.NewRegister();
  Register active = LoadActiveFunction(c->callee);
  builder_.GetSuperConstructor(ctor);
  builder_.ThrowIfNotSuperConstructor(ctor);
  RegisterList list;
  bool plain = VisitArguments(c->args, nullptr, &list);
  LoadNewTarget(c->callee);
  builder_.SetExpressionPosition(c->pos.offset);
  if (plain) builder_.Construct(ctor, list, builder_.NewFeedbackSlot());
  else builder_.ConstructWithSpread(ctor, list, builder_.NewFeedbackSlot());
  // Bind `this` (once).
  Register self = builder_.NewRegister();
  builder_.StoreAccumulator(self);
  auto it = tree_.this_refs.find(c->callee);
  Variable* this_var = it == tree_.this_refs.end() ? nullptr : it->second;
  if (this_var && this_var->location != VarLocation::kReceiver) {
    if (this_var->location == VarLocation::kLocal) builder_.Ldar(Register(this_var->index));
    else EmitContextSlotLoad(this_var, false);
    builder_.ThrowSuperAlreadyCalledIfNotHole();
    builder_.Ldar(self);
    if (this_var->location == VarLocation::kLocal) builder_.StoreAccumulator(Register(this_var->index));
    else EmitContextSlotStore(this_var);
  }
  RegisterList init = builder_.NewRegisterList(2);
  builder_.Mov(self, init[0]);
  builder_.Mov(active, init[1]);
  builder_.CallRuntime(RuntimeFunction::kInitializeInstanceFields, init);
  builder_.Ldar(self);
}

void BytecodeGenerator::VisitCall(struct Call* c) {
  if (c->callee->Is<SuperExpression>()) {
    VisitSuperCall(c);
    return;
  }
  Register callee = builder_.NewRegister();
  Register receiver = builder_.NewRegister();
  bool has_receiver = false;
  if (auto* m = c->callee->As<Member>()) {
    has_receiver = true;
    if (m->object->Is<SuperExpression>()) {
      VisitThis(m->object);
      builder_.StoreAccumulator(receiver);
      LoadHomeObject(m->object);
      builder_.GetNamedPropertyFromSuper(receiver, builder_.AddName(m->name), builder_.NewFeedbackSlot());
    } else {
      VisitForAccumulator(m->object);
      if (m->optional) builder_.JumpIfUndefinedOrNull(*optional_chain_end_);
      builder_.StoreAccumulator(receiver);
      builder_.SetExpressionPosition(m->pos.offset);
      builder_.GetNamedProperty(receiver, builder_.AddName(m->name), builder_.NewFeedbackSlot());
    }
  } else if (auto* k = c->callee->As<Keyed>()) {
    has_receiver = true;
    if (k->object->Is<SuperExpression>()) {
      VisitKeyed(k);
      Register tmp = builder_.NewRegister();
      builder_.StoreAccumulator(tmp);
      VisitThis(k->object);
      builder_.StoreAccumulator(receiver);
      builder_.Ldar(tmp);
    } else {
      VisitForAccumulator(k->object);
      if (k->optional) builder_.JumpIfUndefinedOrNull(*optional_chain_end_);
      builder_.StoreAccumulator(receiver);
      VisitForAccumulator(k->key);
      builder_.SetExpressionPosition(k->pos.offset);
      builder_.GetKeyedProperty(receiver, builder_.NewFeedbackSlot());
    }
  } else if (auto* id = c->callee->As<Identifier>();
             id && DynamicRefOf(id) && DynamicRefOf(id)->mode == LookupMode::kDynamic) {
    // Through `with`: the callee's this is the with object that has it.
    has_receiver = true;
    RegisterList pair = builder_.NewRegisterList(2);
    builder_.SetExpressionPosition(id->pos.offset);
    EmitLookupCallee(id, pair);
    callee = pair[0];
    receiver = pair[1];
    builder_.Ldar(callee);
  } else {
    VisitForAccumulator(c->callee);
  }
  builder_.StoreAccumulator(callee);
  if (c->optional) {
    builder_.JumpIfUndefinedOrNull(*optional_chain_end_);
  }
  RegisterList list;
  bool plain = VisitArguments(c->args, has_receiver ? &receiver : nullptr, &list);
  builder_.SetExpressionPosition(c->pos.offset);
  if (plain && !c->args.empty() && tree_.possible_direct_evals.count(c)) {
    EmitResolvePossiblyDirectEval(c, callee, list[has_receiver ? 1 : 0]);
  }
  FeedbackSlot slot = builder_.NewFeedbackSlot();
  if (!plain) {
    if (!has_receiver) {
      // CallWithSpread takes the receiver first: prepend undefined.
      RegisterList with_receiver = builder_.NewRegisterList(2);
      builder_.LdaUndefined();
      builder_.StoreAccumulator(with_receiver[0]);
      builder_.Mov(list[0], with_receiver[1]);
      list = with_receiver;
    }
    builder_.SetCallSite(CallSiteKind::kCall, PrintCallSite(c->callee));
    builder_.CallWithSpread(callee, list, slot);
    return;
  }
  size_t argc = c->args.size();
  builder_.SetCallSite(CallSiteKind::kCall, PrintCallSite(c->callee));
  if (has_receiver) {
    if (argc == 0) builder_.CallProperty0(callee, list[0], slot);
    else if (argc == 1) builder_.CallProperty1(callee, list[0], list[1], slot);
    else if (argc == 2) builder_.CallProperty2(callee, list[0], list[1], list[2], slot);
    else builder_.CallProperty(callee, list, slot);
  } else {
    if (argc == 0) builder_.CallUndefinedReceiver0(callee, slot);
    else if (argc == 1) builder_.CallUndefinedReceiver1(callee, list[0], slot);
    else if (argc == 2) builder_.CallUndefinedReceiver2(callee, list[0], list[1], slot);
    else builder_.CallUndefinedReceiver(callee, list, slot);
  }
}

void BytecodeGenerator::VisitNew(New* n) {
  Register callee = VisitForRegister(n->callee);
  RegisterList list;
  bool plain = VisitArguments(n->args, nullptr, &list);
  builder_.Ldar(callee);
  builder_.SetExpressionPosition(n->pos.offset);
  builder_.SetCallSite(CallSiteKind::kConstruct, PrintCallSite(n->callee));
  if (plain) builder_.Construct(callee, list, builder_.NewFeedbackSlot());
  else builder_.ConstructWithSpread(callee, list, builder_.NewFeedbackSlot());
}

// ---------------------------------------------------------------- destructuring

void BytecodeGenerator::AssignToTarget(Pattern* target, bool init, DeclKind kind) {
  if (auto* id = target->As<Identifier>()) {
    StoreToIdentifier(id, init);
    return;
  }
  if (Expr* super_target = SuperPropertyTarget(target)) {
    RegisterScope rs(builder_);
    Register value = builder_.NewRegister();
    builder_.StoreAccumulator(value);
    RegisterList ref = PrepareSuperReference(super_target);
    builder_.Mov(value, ref[3]);
    builder_.CallRuntime(RuntimeFunction::kSetSuperProperty, ref);
    return;
  }
  if (auto* m = target->As<Member>()) {
    RegisterScope rs(builder_);
    Register value = builder_.NewRegister();
    builder_.StoreAccumulator(value);
    Register obj = VisitForRegister(m->object);
    builder_.Ldar(value);
    builder_.SetNamedProperty(obj, builder_.AddName(m->name), builder_.NewFeedbackSlot());
    return;
  }
  if (auto* k = target->As<Keyed>()) {
    RegisterScope rs(builder_);
    Register value = builder_.NewRegister();
    builder_.StoreAccumulator(value);
    Register obj = VisitForRegister(k->object);
    Register key = VisitForRegister(k->key);
    builder_.Ldar(value);
    builder_.SetKeyedProperty(obj, key, builder_.NewFeedbackSlot());
    return;
  }
  if (target->kind == NodeKind::kCall) {  // sloppy `for (f() in o)`
    EmitCallTargetError(target, CallTarget::kForLoop);
    return;
  }
  RegisterScope rs(builder_);
  Register value = builder_.NewRegister();
  builder_.StoreAccumulator(value);
  Destructure(target, value, init, kind);
}

void BytecodeGenerator::SetPatternSource(const Pattern* target, const Expr* expr, std::u16string text) {
  if (target->Is<ObjectPattern>() || target->Is<ArrayPattern>()) pattern_source_ = PatternSource{expr, std::move(text)};
}

// The first property of an object pattern, as V8's errors name it: a static
// key without a default (V8 reads it first; otherwise it checks the value
// on its own and names no property).
static std::u16string FirstPatternProperty(Runtime& rt, const ObjectPattern* op) {
  if (op->properties.empty()) return u"";
  const PatternProperty& p = op->properties[0];
  if (p.computed) return u"";
  return StaticKey(rt, p.key);
}

BytecodeGenerator::PreparedTarget BytecodeGenerator::PrepareTarget(Pattern* element) {
  PreparedTarget t;
  Pattern* target = element;
  if (auto* as = target->As<AssignPattern>()) target = as->target;
  if (auto* r = target->As<RestElement>()) target = r->target;
  if (SuperPropertyTarget(target)) return t;
  if (auto* m = target->As<Member>()) {
    t.prepared = true;
    t.object = VisitForRegister(m->object);
    t.member = m;
  } else if (auto* k = target->As<Keyed>()) {
    t.prepared = true;
    t.object = VisitForRegister(k->object);
    t.key = VisitForRegister(k->key);
  }
  return t;
}

void BytecodeGenerator::Destructure(Pattern* pattern, Register value, bool init, DeclKind kind,
                                    const PreparedTarget* prepared) {
  RegisterScope rs(builder_);
  std::optional<PatternSource> source = std::move(pattern_source_);
  pattern_source_.reset();
  // acc = the value: into the target (its reference prepared or not).
  auto store = [&](Pattern* target) {
    if (!prepared || !prepared->prepared) {
      AssignToTarget(target, init, kind);
    } else if (prepared->member) {
      builder_.SetNamedProperty(prepared->object, builder_.AddName(prepared->member->name),
                                builder_.NewFeedbackSlot());
    } else {
      builder_.SetKeyedProperty(prepared->object, prepared->key, builder_.NewFeedbackSlot());
    }
  };
  if (auto* as = pattern->As<AssignPattern>()) {
    Label has_value;
    builder_.Ldar(value);
    builder_.JumpIfNotUndefined(has_value);
    std::u16string hint = as->target->Is<Identifier>() ? as->target->As<Identifier>()->name : u"";
    VisitForAccumulator(as->default_value, hint);
    builder_.Bind(&has_value);
    store(as->target);
    return;
  }
  if (!pattern->Is<ObjectPattern>() && !pattern->Is<ArrayPattern>()) {
    builder_.Ldar(value);
    store(pattern);
    return;
  }
  if (auto* op = pattern->As<ObjectPattern>()) {
    Label ok;
    builder_.Ldar(value);
    builder_.JumpIfNotUndefinedOrNull(ok);
    std::u16string property = FirstPatternProperty(rt_, op);
    bool reads_first = !property.empty() && !op->properties[0].value->Is<AssignPattern>();
    if (source && (reads_first || property.empty())) {
      std::u16string text = source->expr ? PrintCallSite(source->expr) : std::move(source->text);
      builder_.SetCallSite(CallSiteKind::kDestructure, std::move(text), reads_first ? property : u"");
    } else {
      // V8 reads the first property of an inner pattern (or one with a
      // default) as a plain load.
      builder_.SetCallSite(CallSiteKind::kNestedPattern, u"", property);
    }
    builder_.CallRuntime(RuntimeFunction::kThrowPatternNotObjectCoercible, {value, 1});
    builder_.Bind(&ok);
    std::vector<Register> keys;
    for (PatternProperty& p : op->properties) {
      Register element = builder_.NewRegister();
      PreparedTarget target;
      if (p.computed || op->rest) {
        Register key = builder_.NewRegister();
        if (p.computed) {
          VisitForAccumulator(p.key);
        } else {
          builder_.LdaConstant(builder_.AddName(StaticKey(rt_, p.key)));
        }
        builder_.ToName(key);
        keys.push_back(key);
        target = PrepareTarget(p.value);
        builder_.Ldar(key);
        builder_.GetKeyedProperty(value, builder_.NewFeedbackSlot());
      } else {
        target = PrepareTarget(p.value);
        builder_.GetNamedProperty(value, builder_.AddName(StaticKey(rt_, p.key)), builder_.NewFeedbackSlot());
      }
      builder_.StoreAccumulator(element);
      Destructure(p.value, element, init, kind, &target);
    }
    if (op->rest) {
      RegisterList args = builder_.NewRegisterList(static_cast<int>(keys.size()) + 2);
      builder_.CreateEmptyObjectLiteral();
      builder_.StoreAccumulator(args[0]);
      builder_.Mov(value, args[1]);
      for (size_t i = 0; i < keys.size(); ++i) builder_.Mov(keys[i], args[static_cast<int>(i) + 2]);
      builder_.CallRuntime(RuntimeFunction::kCopyDataPropertiesExcluding, args);
      AssignToTarget(op->rest, init, kind);
    }
    return;
  }
  // Array patterns use the iteration protocol.
  auto* ap = pattern->As<ArrayPattern>();
  Register iterator = builder_.NewRegister();
  Register next = builder_.NewRegister();
  Register done = builder_.NewRegister();
  Register result = builder_.NewRegister();
  Register element = builder_.NewRegister();
  if (source && source->expr) {
    builder_.SetCallSite(IterationSiteKind(source->expr), PrintIterationSubject(source->expr));
  } else {
    builder_.SetCallSite(CallSiteKind::kIterable, source ? std::move(source->text) : u"");
  }
  EmitGetIterator(value, iterator, next);
  builder_.LdaFalse();
  builder_.StoreAccumulator(done);
  // An exception while the elements are taken apart closes the iterator
  // unless it is done; `done` is set while next() and the result's done
  // and value are read, whose exceptions do not close it (V8's
  // BuildDestructuringArrayAssignment).
  Register saved_context = builder_.NewRegister();
  builder_.Mov(Register::Context(), saved_context);
  size_t handler = builder_.AddHandler(static_cast<uint32_t>(builder_.offset()), saved_context.index);
  {
    // In a generator a yield inside the pattern (`[x = yield]`) may be
    // resumed with return(): the iterator is closed on the way out.
    std::optional<DestructuringCloseScope> closer;
    if (resumable()) closer.emplace(this, iterator, done);
    for (Pattern* e : ap->elements) {
      // The target's reference comes before the step.
      PreparedTarget target;
      if (e) target = PrepareTarget(e);
      if (e && e->Is<RestElement>()) {
        Label have;
        builder_.CreateEmptyArrayLiteral(builder_.NewFeedbackSlot());
        builder_.StoreAccumulator(element);
        builder_.Ldar(done);
        builder_.JumpIfTrue(have);
        builder_.LdaTrue();
        builder_.StoreAccumulator(done);
        RegisterList args = builder_.NewRegisterList(2);
        builder_.Mov(iterator, args[0]);
        builder_.Mov(next, args[1]);
        builder_.CallRuntime(RuntimeFunction::kIteratorRestToArray, args);
        builder_.StoreAccumulator(element);
        builder_.Bind(&have);
        Destructure(e->As<RestElement>()->target, element, init, kind, &target);
        continue;
      }
      Label skip;
      builder_.LdaUndefined();
      builder_.StoreAccumulator(element);
      builder_.Ldar(done);
      builder_.JumpIfTrue(skip);
      builder_.LdaTrue();
      builder_.StoreAccumulator(done);
      EmitIteratorStep(iterator, next, result);
      builder_.JumpIfToBooleanTrue(skip);
      builder_.GetNamedProperty(result, builder_.AddName(u"value"), builder_.NewFeedbackSlot());
      builder_.StoreAccumulator(element);
      builder_.LdaFalse();
      builder_.StoreAccumulator(done);
      builder_.Bind(&skip);
      if (e) Destructure(e, element, init, kind, &target);
    }
  }
  builder_.SetHandlerEnd(handler, static_cast<uint32_t>(builder_.offset()));
  Label closed;
  builder_.Ldar(done);
  builder_.JumpIfTrue(closed);
  builder_.CallRuntime(RuntimeFunction::kIteratorClose, {iterator, 1});
  builder_.Jump(closed);
  builder_.SetHandlerTarget(handler, static_cast<uint32_t>(builder_.offset()));
  {
    Label rethrow;
    Register exception = builder_.NewRegister();
    builder_.StoreAccumulator(exception);
    builder_.Ldar(done);
    builder_.JumpIfTrue(rethrow);
    builder_.CallRuntime(RuntimeFunction::kIteratorCloseOnThrow, {iterator, 1});
    builder_.Bind(&rethrow);
    builder_.Ldar(exception);
    builder_.ReThrow();
  }
  builder_.Bind(&closed);
}

}  // namespace jsvm
