// The bytecode generator: walks the analysed AST of one function and emits
// its bytecode through a BytecodeArrayBuilder; inner functions are compiled
// recursively into FunctionInfos of their own.
//
// Contexts: the generator keeps the chain of scopes that have a context at the
// current point (outer functions' included), so a context variable's depth is
// its distance from the innermost one. ContextScope emits PushContext on entry
// and PopContext on exit.
//
// Control flow: break, continue and return leave through a chain of
// ControlScopes (loops, switches, labelled blocks, try/finally, context
// scopes, for-of iterators), each of which does its part (popping a context,
// running a finally block, closing an iterator) before passing the command on.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/bytecode-array-builder.h"
#include "compiler/scope-analysis.h"
#include "vm/objects/function.h"
#include "vm/execution/runtime.h"

namespace jsvm {

class BytecodeGenerator;

// A scope of control flow that break/continue/return may leave.
class ControlScope {
 public:
  enum class Command { kBreak, kContinue, kReturn };
  ControlScope(BytecodeGenerator* gen);
  virtual ~ControlScope();
  // Handles `command` aimed at `target` (a statement) or passes it outward.
  // Returns true when this scope handled it completely.
  virtual bool Execute(Command command, const Node* target) = 0;
  ControlScope* outer() const { return outer_; }

 protected:
  BytecodeGenerator* gen_;
  ControlScope* outer_;
};

// Whether a try/finally encloses `s` (returns must then pop contexts).
bool HasTryFinallyOutside(ControlScope* s);

// The generator of one function (or the script's top level).
class BytecodeGenerator {
 public:
  // `context_chain`: scopes with a context enclosing this function, innermost last.
  BytecodeGenerator(Runtime& rt, ScopeTree& tree, Script* script, FunctionLiteral* fn,
                    std::vector<Scope*> context_chain);

  // Compiles the function; the returned FunctionInfo is not rooted (compile
  // under a NoGcScope).
  FunctionInfo* Generate(const std::u16string& name);
  void set_repl(bool repl) { repl_ = repl; }

  // ---- used by control scopes
  BytecodeArrayBuilder& builder() { return builder_; }
  ControlScope*& control_top() { return control_top_; }
  void EmitReturn();  // the function's own return (acc holds the value)
  // A `return` statement's exit: EmitReturn, except in a derived
  // constructor, whose returns meet at one EmitReturn after the body, outside
  // every try (the check of the returned value is [[Construct]]'s, which no
  // catch of the constructor sees).
  void EmitReturnStatementExit();
  // Resumable functions: the names of what their generator object saves (FunctionInfo::saved_names).
  void RecordSavedNames(FunctionInfo* info);
  // await acc; acc is the awaited value (or the rejection is thrown).
  void EmitAwait();
  std::vector<Scope*>& context_chain() { return context_chain_; }

 private:
  friend class ContextScope;
  friend class LoopScope;

  // ---- functions (bytecode-generator.cc)
  // Everything before the parameters' defaults and patterns: contexts,
  // `this`, `arguments`, the generator object, the function scope's
  // declarations.
  void EmitPrologue();
  // Parameter defaults, patterns and the rest parameter, left to right.
  void EmitParameterInitialization();
  // The body of a generator, async function or async generator, after EmitPrologue.
  void GenerateResumableBody();
  // Declarations of a scope in source order: lexicals to the hole, function
  // declarations (found directly in `body`) to their closures.
  void EmitScopeEntry(Scope* scope, const std::vector<Stmt*>* body = nullptr);
  FunctionInfo* CompileFunction(FunctionLiteral* fn, const std::u16string& name);
  // Module code, before its initial suspension: exported vars to undefined,
  // `import * as ns` bindings to their namespace objects.
  void EmitModuleDeclarations();
  // The module's imports and exports, for its ScopeInfo.
  std::unique_ptr<ModuleInfo> MakeModuleInfo();
  FunctionInfo* MakeDefaultConstructor(ClassLiteral* cls, const std::u16string& name);
  ScopeInfo* GetScopeInfo(Scope* scope);

  // ---- statements (bytecode-generator.cc)
  void VisitStatements(const std::vector<Stmt*>& body);
  void VisitStatement(Stmt* s);
  void VisitVarDecl(VarDecl* d);
  void VisitBlock(Block* b);
  void VisitIf(If* s);
  void VisitFor(For* s);
  void VisitIterationRight(Node* loop, Expr* right);
  void EmitBodyScopeEntry();
  void VisitForIn(ForIn* s);
  void VisitForOf(ForOf* s);
  void VisitWhile(While* s);
  void VisitDoWhile(DoWhile* s);
  void VisitReturn(Return* s);
  void VisitWith(With* s);
  // Direct eval code: its var and function declarations go to its caller's
  // var scope (DeclareEvalVar), before the scope's own declarations.
  void EmitEvalDeclarations();

  // ---- generators and async functions (bytecode-generator-generators.cc)
  bool resumable() const { return fn_->is_generator || fn_->is_async; }
  Register generator_object() const { return Register(0); }
  // The generator object of this activation into r0 (_CreateJSGeneratorObject
  // or _AsyncFunctionEnter).
  void EmitGeneratorObjectCreation();
  // Suspends with acc handed to the resumer; on resumption the live
  // registers are back and acc holds the resumption's input.
  void EmitSuspend();
  // After EmitSuspend of a yield: throw or return as the resume mode says;
  // acc is the value sent in for next().
  void EmitYieldResumeDispatch();
  // break/continue/return from here (through the control scopes).
  void ExecuteControlCommand(ControlScope::Command command);
  void VisitYield(Yield* y);
  void VisitYieldStar(Yield* y);
  void VisitAwait(Await* a);
  void VisitTry(Try* s);
  void VisitSwitch(Switch* s);
  void VisitLabeled(Labeled* s);
  void VisitBreakContinue(Node* s, ControlScope::Command command, const std::u16string& label);
  // Assigns the iteration value in acc to a for-in/of left side.
  void AssignForTarget(Node* left, Scope* head_scope);
  // The iteration protocol, shared by for-of and array destructuring:
  // GetIterator on `iterable` (call site already set), the iterator into
  // `iterator` and its next method into `next`.
  void EmitGetIterator(Register iterable, Register iterator, Register next);
  // One step: result = next.call(iterator), a TypeError unless it is an
  // object; leaves result.done in acc for the caller's jump.
  void EmitIteratorStep(Register iterator, Register next, Register result, bool await = false);

  // ---- expressions (bytecode-generator-expressions.cc)
  void VisitForAccumulator(Expr* e, const std::u16string& name_hint = u"");
  void VisitForEffect(Expr* e);
  Register VisitForRegister(Expr* e);
  // Like VisitForRegister, but may return the variable's own register (or
  // the receiver's) when `e` is a register-resident variable (or `this`)
  // that none of `later`, evaluated before the operand is used, can assign.
  // (V8's register optimizer gets the same operands by eliding the moves.)
  Register VisitForOperand(Expr* e, std::initializer_list<const Node*> later = {});
  // The register VisitForOperand would use without evaluating `e`, if any.
  bool OwnRegister(Expr* e, std::initializer_list<const Node*> later, Register* out);
  // Jumps to if_false when e is falsy; falls through otherwise.
  void VisitForTest(Expr* e, Label* if_false);
  void VisitIdentifier(Identifier* id, bool inside_typeof = false);
  // A reference resolved at run time (tree_.dynamic_refs): load, store, delete.
  const DynamicRef* DynamicRefOf(const Identifier* id) const;
  void EmitDynamicLoad(Identifier* id, const DynamicRef& ref, bool inside_typeof);
  void EmitLookupStore(const std::u16string& name);
  // A callee resolved at run time through `with`: callee and its receiver
  // (the with object, else undefined) into pair[0] and pair[1].
  void EmitLookupCallee(Identifier* id, RegisterList pair);
  // The direct eval check of a possible direct eval call: callee becomes
  // the eval code's closure when it is the global eval given a string.
  void EmitResolvePossiblyDirectEval(struct Call* c, Register callee, Register first_arg);
  void VisitThis(Node* node);
  // Loads the home object a super.x / super[x] resolved to (scope analysis).
  void LoadHomeObject(Node* super_node);
  // super.name or super[key] as an assignment target: four consecutive
  // registers, the home object, the receiver, the key, and a free one for
  // the value, as the SetSuperProperty runtime function takes them.
  RegisterList PrepareSuperReference(Expr* target);
  void VisitFunctionLiteral(FunctionLiteral* fn, const std::u16string& name);
  void VisitClassLiteral(ClassLiteral* cls, const std::u16string& name);
  // The body of a class's instance or static initializer function: its
  // brand, fields and static blocks, in order.
  void EmitClassInitializerBody();
  // object.key = acc as an own data property ([[Define]]): DefineNamedOwnProperty,
  // or DefineKeyedOwnProperty for an array-index key.
  void DefineOwnStaticKey(Register object, String* key);
  // new.target, and the active function (what super(...) constructs from),
  // also from inside an arrow function; the active function is also left in
  // the register returned.
  void LoadNewTarget(const Node* node);
  Register LoadActiveFunction(const Node* node);
  void VisitObjectLiteral(ObjectLiteral* obj);
  // `spread_arguments`: the elements are a call's arguments (a spread's
  // error then reads as V8's spread-call messages).
  void VisitArrayLiteral(const std::vector<Expr*>& elements, bool spread_arguments = false);
  void VisitTemplateLiteral(TemplateLiteral* t);
  void VisitTaggedTemplate(TaggedTemplate* t);
  void VisitUnary(Unary* u);
  void VisitUpdate(Update* u);
  // Loads the reference `target`, runs `modify` on the value in acc, stores
  // the result back (x++, x += v, x ||= v on identifiers and properties).
  // `value`: the expression `modify` evaluates, if any.
  // What a sloppy call used as a target says when it throws (the argument of
  // CallRuntime [ThrowInvalidCallTarget]).
  enum class CallTarget : int { kAssignment = 0, kPrefix = 1, kPostfix = 2, kForLoop = 3 };
  void EmitReadModifyWrite(Pattern* target, Expr* value, const std::function<void()>& modify, CallTarget role);
  // `f() = v`, `f()++`, `for (f() in o)` in sloppy code: the call, then a ReferenceError.
  void EmitCallTargetError(Expr* call, CallTarget role);
  void VisitBinary(Binary* b);
  void VisitLogical(Logical* l);
  void VisitAssignment(Assignment* a);
  void VisitConditional(Conditional* c);
  void VisitCall(Call* c);
  void VisitSuperCall(Call* c);
  void VisitNew(New* n);
  void VisitMember(Member* m);
  void VisitKeyed(Keyed* k);
  void VisitOptionalChain(OptionalChain* c);
  // Arguments into a fresh consecutive list (starting with `receiver` when
  // given); returns false when a spread forced them into one array (the
  // list then holds [receiver], array).
  bool VisitArguments(const std::vector<Expr*>& args, Register* receiver, RegisterList* list);

  // ---- variables
  // Loads `var` (hole check when `check`).
  void LoadVariable(Variable* var, const std::u16string& name, bool check, bool inside_typeof);
  // Stores acc into the binding `id` refers to (an assignment, or the
  // initialisation of a declaration when `init`).
  void StoreToIdentifier(Identifier* id, bool init);
  void StoreVariable(Variable* var, const std::u16string& name, bool init, bool check);
  void StoreGlobal(const std::u16string& name);
  // Loads the `this` binding an expression resolved to.
  void LoadThisVariable(Variable* var, bool check);
  // Stores acc into any assignment target (identifier, member, pattern).
  void AssignToTarget(Pattern* target, bool init, DeclKind kind);
  // A destructuring assignment's property target (o.x, o[k]) whose object
  // and key were evaluated before the value it receives was read (the
  // spec's lref comes first); `prepared` is false for any other target.
  struct PreparedTarget {
    bool prepared = false;
    Register object;
    Register key;  // o[k] only (not yet converted: PutValue converts it)
    const Member* member = nullptr;
  };
  // Evaluates the reference of a pattern element's target (its default
  // looked through) when it is a property reference.
  PreparedTarget PrepareTarget(Pattern* element);
  // Destructures the value in `value` into a pattern; `prepared`: the
  // target's reference, evaluated already.
  void Destructure(Pattern* pattern, Register value, bool init, DeclKind kind,
                   const PreparedTarget* prepared = nullptr);
  // Where the value the next Destructure of `target` takes apart comes
  // from, for its errors: the expression `expr`, or else the name V8 prints
  // (`.for`; "" prints the value itself). Only patterns take one; a pattern
  // without one is an inner pattern.
  struct PatternSource {
    const Expr* expr = nullptr;
    std::u16string text;
  };
  void SetPatternSource(const Pattern* target, const Expr* expr, std::u16string text = {});
  void EmitContextSlotLoad(Variable* var, bool immutable);
  void EmitContextSlotStore(Variable* var);
  uint32_t ContextDepth(const Scope* scope) const;
  Register ParameterRegister(int index) const;
  Register ReceiverRegister() const;
  static bool ContainsClosure(const Node* n);
  bool NeedsHoleCheck(const Node* ref) const { return tree_.hole_checks.count(ref) > 0; }

  Runtime& rt_;
  ScopeTree& tree_;
  Script* script_;
  FunctionLiteral* fn_;
  Scope* scope_;  // the function scope
  BytecodeArrayBuilder builder_;
  std::vector<Scope*> context_chain_;
  ControlScope* control_top_ = nullptr;
  uint32_t loop_depth_ = 0;
  Label* optional_chain_end_ = nullptr;
  Label derived_return_;               // EmitReturnStatementExit's meeting point
  bool derived_return_used_ = false;
  std::optional<PatternSource> pattern_source_;  // see SetPatternSource
  bool repl_ = false;                 // top level of a REPL input
  Register completion_{0};            // its completion value
  // Resumable functions: the SwitchOnGeneratorState at offset 0 and the
  // resume point of each suspend id.
  std::vector<int> resume_points_;
  uint32_t try_depth_ = 0;            // enclosing try blocks (await prediction: caught or not)
};

// A scope with a runtime context: PushContext on entry, PopContext on exit,
// and on every jump out of it.
class ContextScope final : public ControlScope {
 public:
  ContextScope(BytecodeGenerator* gen, Scope* scope, bool is_function_context = false)
      : ControlScope(gen), active_(scope != nullptr && scope->needs_context) {
    if (!active_) return;
    BytecodeArrayBuilder& b = gen->builder();
    saved_ = b.NewRegister();
    ScopeInfo* si = gen->GetScopeInfo(scope);
    ConstantIndex idx = b.AddConstant(Value::FromCell(si));
    if (is_function_context && scope->direct_eval) {
      b.CreateEvalContext(idx, UImm(scope->context_slots));
    } else if (is_function_context) {
      b.CreateFunctionContext(idx, UImm(scope->context_slots));
    } else {
      b.CreateBlockContext(idx);
    }
    b.PushContext(saved_);
    gen->context_chain().push_back(scope);
  }
  // With contexts hold the statement's object (in register `object`).
  struct WithObject {
    Register object;
  };
  ContextScope(BytecodeGenerator* gen, Scope* scope, WithObject with) : ControlScope(gen), active_(true) {
    BytecodeArrayBuilder& b = gen->builder();
    saved_ = b.NewRegister();
    ScopeInfo* si = gen->GetScopeInfo(scope);
    b.CreateWithContext(with.object, b.AddConstant(Value::FromCell(si)));
    b.PushContext(saved_);
    gen->context_chain().push_back(scope);
  }
  // Catch contexts hold the exception register's value.
  ContextScope(BytecodeGenerator* gen, Scope* scope, Register exception)
      : ControlScope(gen), active_(true) {
    BytecodeArrayBuilder& b = gen->builder();
    saved_ = b.NewRegister();
    ScopeInfo* si = gen->GetScopeInfo(scope);
    b.CreateCatchContext(exception, b.AddConstant(Value::FromCell(si)));
    b.PushContext(saved_);
    gen->context_chain().push_back(scope);
  }
  ~ContextScope() override {
    if (!active_) return;
    gen_->context_chain().pop_back();
    if (!detached_) gen_->builder().PopContext(saved_);
  }
  // The function context is never popped (the frame goes away).
  void Detach() { detached_ = true; }
  bool Execute(Command command, const Node*) override {
    if (!active_) return false;
    if (command == Command::kReturn && !HasTryFinallyOutside(outer_)) return false;
    gen_->builder().PopContext(saved_);
    return false;
  }
  bool active() const { return active_; }
  Register saved() const { return saved_; }

 private:
  bool active_;
  bool detached_ = false;
  Register saved_;
};

// Compiles a parsed, analysed program: the FunctionInfo of its top level.
// With `repl`, the top level returns its completion value.
FunctionInfo* GenerateProgram(Runtime& rt, ScopeTree& tree, Script* script, Program* program, bool repl = false);
// Compiles analysed direct eval code (tree.direct_eval): a top-level
// function returning its completion value, which starts in the context
// chain of tree.outer_contexts.
FunctionInfo* GenerateEval(Runtime& rt, ScopeTree& tree, Script* script, Program* program);

// A tagged template's template object: a frozen array of the cooked strings
// (undefined where invalid) whose frozen .raw holds the raw strings; rooted
// for the runtime's life. Called with no collection possible (NoGcScope).
Array* NewTemplateObject(Runtime& rt, const std::vector<Value>& cooked, const std::vector<Value>& raw);

// Thrown when a program uses something the generator does not support.
struct CompileError {
  std::string message;
  SourcePos pos;
};

}  // namespace jsvm
