// The bytecode generator: functions, contexts, control flow and statements.
// Expressions are in bytecode-generator-expressions.cc.
#include "compiler/bytecode-generator.h"
#include "compiler/call-printer.h"

#include <algorithm>

#include "vm/objects/object-ops.h"
#include "vm/objects/unicode.h"

// Control scopes are RAII objects on the C++ stack that link themselves into
// the generator's chain and unlink in their destructor; GCC 12 cannot see the
// unlinking and warns about the stored address.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif

namespace jsvm {

// ---------------------------------------------------------------- control scopes

ControlScope::ControlScope(BytecodeGenerator* gen) : gen_(gen), outer_(gen->control_top()) {
  gen->control_top() = this;
}

ControlScope::~ControlScope() { gen_->control_top() = outer_; }

namespace {

// Passes `command` to the scopes from `from` outward until one handles it.
void ExecuteCommand(ControlScope* from, ControlScope::Command command, const Node* target) {
  for (ControlScope* s = from; s; s = s->outer()) {
    if (s->Execute(command, target)) return;
  }
}

// The function body: only `return` ends here.
class FunctionControlScope final : public ControlScope {
 public:
  using ControlScope::ControlScope;
  bool Execute(Command command, const Node*) override {
    if (command == Command::kReturn) {
      gen_->EmitReturnStatementExit();
      return true;
    }
    return false;
  }
};

}  // namespace

// A loop, switch or labelled statement that break/continue can target.
class LoopScope final : public ControlScope {
 public:
  LoopScope(BytecodeGenerator* gen, const Node* statement, bool is_loop, std::vector<std::u16string> labels)
      : ControlScope(gen), statement_(statement), is_loop_(is_loop), labels_(std::move(labels)) {}

  bool Execute(Command command, const Node* target) override {
    if (target != statement_) return false;
    if (command == Command::kBreak && handles_break) {
      gen_->builder().Jump(break_label);
      return true;
    }
    if (command == Command::kContinue && is_loop_) {
      gen_->builder().Jump(continue_label);
      return true;
    }
    return false;
  }
  bool Accepts(ControlScope::Command command, const std::u16string& label) const {
    if (label.empty()) return command == Command::kBreak ? (is_loop_ || is_switch) : is_loop_;
    if (std::find(labels_.begin(), labels_.end(), label) == labels_.end()) return false;
    return command == Command::kBreak || is_loop_;
  }
  const Node* statement() const { return statement_; }

  Label break_label;
  Label continue_label;
  bool is_switch = false;
  bool handles_break = true;  // false for the continue target inside a per-iteration context

 private:
  const Node* statement_;
  bool is_loop_;
  std::vector<std::u16string> labels_;
};

namespace {

// try { } finally { }: commands leaving the try block run the finally block first.
class TryFinallyScope final : public ControlScope {
 public:
  TryFinallyScope(BytecodeGenerator* gen, Register token, Register result)
      : ControlScope(gen), token_(token), result_(result) {}
  bool Execute(Command command, const Node* target) override {
    BytecodeArrayBuilder& b = gen_->builder();
    int token = static_cast<int>(commands_.size()) + 1;
    commands_.push_back({command, target});
    b.StoreAccumulator(result_);
    b.LoadNumber(token);
    b.StoreAccumulator(token_);
    b.Jump(finally_label);
    return true;
  }
  struct Deferred {
    Command command;
    const Node* target;
  };
  std::vector<Deferred> commands_;
  Label finally_label;

 private:
  Register token_;
  Register result_;
};

}  // namespace

bool HasTryFinallyOutside(ControlScope* s) {
  for (; s; s = s->outer()) {
    if (dynamic_cast<TryFinallyScope*>(s)) return true;
  }
  return false;
}

namespace {

// A for-of loop: leaving it early (break, return, an outer continue) closes the iterator.
class IteratorCloseScope final : public ControlScope {
 public:
  IteratorCloseScope(BytecodeGenerator* gen, const Node* loop, Register iterator, bool await = false)
      : ControlScope(gen), loop_(loop), iterator_(iterator), await_(await) {}
  bool Execute(Command command, const Node* target) override {
    if (command == Command::kContinue && target == loop_) return false;
    BytecodeArrayBuilder& b = gen_->builder();
    RegisterScope rs(b);
    Register saved = b.NewRegister();
    b.StoreAccumulator(saved);
    if (await_) {
      // AsyncIteratorClose: await iterator.return(), whose result must be an object.
      Label done, is_object;
      Register method = b.NewRegister();
      b.GetNamedProperty(iterator_, b.AddName(u"return"), b.NewFeedbackSlot());
      b.JumpIfUndefinedOrNull(done);
      b.StoreAccumulator(method);
      b.CallProperty0(method, iterator_, b.NewFeedbackSlot());
      gen_->EmitAwait();
      b.JumpIfJSReceiver(is_object);
      b.StoreAccumulator(method);
      b.CallRuntime(RuntimeFunction::kThrowIteratorResultNotAnObject, {method, 1});
      b.Bind(&is_object);
      b.Bind(&done);
    } else {
      b.CallRuntime(RuntimeFunction::kIteratorClose, {iterator_, 1});
    }
    b.Ldar(saved);
    return false;
  }

 private:
  const Node* loop_;
  Register iterator_;
  bool await_;
};

FunctionFlavor FlavorOf(const FunctionLiteral* fn) {
  switch (fn->fn_kind) {
    case FunctionKind::kArrow: return FunctionFlavor::kArrow;
    case FunctionKind::kMethod: return FunctionFlavor::kMethod;
    case FunctionKind::kGetter: return FunctionFlavor::kGetter;
    case FunctionKind::kSetter: return FunctionFlavor::kSetter;
    case FunctionKind::kClassConstructor: return FunctionFlavor::kClassConstructor;
    case FunctionKind::kDerivedConstructor: return FunctionFlavor::kDerivedConstructor;
    default: return FunctionFlavor::kNormal;
  }
}

// Records on a context's ScopeInfo which inner functions' code references
// each of its slots (for the leaks report: "arr is captured by fun1").
void AddCapturers(Runtime& rt, const ScopeTree& tree, Scope* scope, ScopeInfo* si) {
  std::vector<Variable*> vars = scope->ContextVariables();
  for (uint32_t i = 0; i < vars.size(); ++i) {
    auto it = tree.capturers.find(vars[i]);
    if (it == tree.capturers.end()) continue;
    for (const FunctionLiteral* fn : it->second) {
      String* name = rt.Intern(fn->name ? fn->name->name : u"");
      si->AddCapturer(i, fn->function_id, name);
    }
  }
}

}  // namespace

// ---------------------------------------------------------------- setup

BytecodeGenerator::BytecodeGenerator(Runtime& rt, ScopeTree& tree, Script* script, FunctionLiteral* fn,
                                     std::vector<Scope*> context_chain)
    : rt_(rt), tree_(tree), script_(script), fn_(fn), scope_(fn->scope),
      builder_(rt, tree.local_register_count.count(fn->scope) ? tree.local_register_count.at(fn->scope) : 0),
      context_chain_(std::move(context_chain)) {}

ScopeInfo* BytecodeGenerator::GetScopeInfo(Scope* scope) {
  if (scope->scope_info) return scope->scope_info;
  ScopeType type = ScopeType::kBlock;
  switch (scope->kind) {
    case ScopeKind::kScript: type = scope->is_eval ? ScopeType::kEval : ScopeType::kScript; break;
    case ScopeKind::kFunction: type = ScopeType::kFunction; break;
    case ScopeKind::kBlock: type = ScopeType::kBlock; break;
    case ScopeKind::kCatch: type = ScopeType::kCatch; break;
    case ScopeKind::kClass: type = ScopeType::kClass; break;
    case ScopeKind::kWith: type = ScopeType::kWith; break;
    case ScopeKind::kModule: type = ScopeType::kModule; break;
  }
  ScopeInfo* si = rt_.heap().New<ScopeInfo>(type);
  if (scope->kind == ScopeKind::kWith) {
    // Its one slot: the object.
    si->set_has_extension(true);
    si->AddSlot(rt_.Intern(u".extension"), VariableMode::kInternal);
  }
  if (scope->calls_sloppy_eval) si->set_has_extension(true);
  for (Variable* v : scope->ContextVariables()) si->AddSlot(rt_.Intern(v->name), v->Mode());
  if (scope->kind == ScopeKind::kModule) si->set_module_info(MakeModuleInfo());
  AddCapturers(rt_, tree_, scope, si);
  scope->scope_info = si;
  return si;
}

uint32_t BytecodeGenerator::ContextDepth(const Scope* scope) const {
  for (size_t i = context_chain_.size(); i-- > 0;) {
    if (context_chain_[i] == scope) return static_cast<uint32_t>(context_chain_.size() - 1 - i);
  }
  throw CompileError{"internal error: variable's context is not on the chain", {}};
}

Register BytecodeGenerator::ParameterRegister(int index) const {
  return Register(reg::Param(index, static_cast<int32_t>(fn_->params.size() - (scope_->has_rest ? 1 : 0))));
}

std::unique_ptr<ModuleInfo> BytecodeGenerator::MakeModuleInfo() {
  const ModuleDescriptor& d = tree_.module;
  auto m = std::make_unique<ModuleInfo>();
  for (const auto& r : d.requests) m->requests.push_back({rt_.Intern(r.specifier), rt_.Intern(r.type)});
  for (const auto& i : d.imports) {
    m->imports.push_back({rt_.Intern(i.local_name), rt_.Intern(i.import_name), static_cast<uint32_t>(i.request), i.cell});
  }
  for (const auto& e : d.local_exports) {
    m->local_exports.push_back({rt_.Intern(e.export_name), rt_.Intern(e.local_name), e.cell});
  }
  for (const auto& e : d.indirect_exports) {
    m->indirect_exports.push_back({rt_.Intern(e.export_name), rt_.Intern(e.import_name),
                                   static_cast<uint32_t>(e.request), e.is_namespace});
  }
  for (int r : d.star_exports) m->star_exports.push_back(static_cast<uint32_t>(r));
  m->cell_count = d.cell_count;
  m->has_top_level_await = d.has_top_level_await;
  return m;
}

FunctionInfo* BytecodeGenerator::Generate(const std::u16string& name) {
  FunctionInfo* info = rt_.heap().New<FunctionInfo>();
  bool script_top = scope_->kind == ScopeKind::kScript;
  // Module code is top-level code too; its context is made by the runtime.
  bool top = script_top || scope_->kind == ScopeKind::kModule;
  info->name = rt_.Intern(name);
  info->debug_name = info->name;
  info->script = script_;
  info->flavor = top ? FunctionFlavor::kTopLevel : FlavorOf(fn_);
  info->resumable = script_top ? ResumableKind::kNone : ResumableKindOf(fn_->is_generator, fn_->is_async);
  info->strict = fn_->strict;
  info->is_expression = fn_->is_expression;
  info->has_simple_params = fn_->simple_params();
  info->function_id = fn_->function_id;
  info->source_start = fn_->source_start;
  info->source_end = fn_->source_end;
  uint16_t params = 0, length = 0;
  bool seen_default = false;
  for (Pattern* p : fn_->params) {
    if (p->Is<RestElement>()) break;
    ++params;
    if (p->Is<AssignPattern>()) seen_default = true;
    if (!seen_default) ++length;
  }
  info->param_count = params;
  info->length = length;
  if (scope_->needs_context) {
    ScopeInfo* si = GetScopeInfo(scope_);
    si->set_function_name(info->name);
    info->scope_info = si;
  }
  // The contexts this function captures from learn its (inferred) name.
  if (auto cap = tree_.captures.find(fn_); cap != tree_.captures.end()) {
    for (Variable* v : cap->second) {
      if (v->location == VarLocation::kContext) GetScopeInfo(v->scope)->SetCapturerName(fn_->function_id, info->debug_name);
    }
  }
  info->parameter_context_slots.assign(params, -1);
  for (Variable* v : scope_->variables) {
    if (v->kind == VarKind::kParameter && v->location == VarLocation::kContext) {
      auto it = tree_.parameter_index.find(v);
      if (it != tree_.parameter_index.end() && it->second < params) info->parameter_context_slots[it->second] = v->index;
    }
  }
  if (std::all_of(info->parameter_context_slots.begin(), info->parameter_context_slots.end(),
                  [](int32_t s) { return s < 0; })) {
    info->parameter_context_slots.clear();
  }

  {
    FunctionControlScope function_scope(this);
    // A resumption jumps from here to its resume point (the table is
    // allocated once the suspensions are known).
    if (resumable()) builder_.SwitchOnGeneratorState(generator_object(), ConstantIndex(0), UImm(0));
    // The function context (the script context is made by the runtime).
    // (Direct eval code makes its own eval context.)
    ContextScope context(this, top && !scope_->direct_eval ? nullptr : scope_, /*is_function_context=*/true);
    context.Detach();
    if (top && !scope_->direct_eval && scope_->needs_context) context_chain_.push_back(scope_);
    EmitPrologue();
    if (fn_->initializes_instance) {
      // A base class constructor: the fields exist before the parameters are bound.
      RegisterScope rs(builder_);
      RegisterList init = builder_.NewRegisterList(2);
      builder_.Mov(ReceiverRegister(), init[0]);
      builder_.Mov(Register::Closure(), init[1]);
      builder_.CallRuntime(RuntimeFunction::kInitializeInstanceFields, init);
    }
    if (resumable()) {
      GenerateResumableBody();
    } else {
      EmitParameterInitialization();
      if (repl_) {
        completion_ = builder_.NewRegister();
        builder_.LdaUndefined();
        builder_.StoreAccumulator(completion_);
      }
      ContextScope body_context(this, fn_->body_scope);
      body_context.Detach();
      EmitBodyScopeEntry();
      if (fn_->initializer_of) EmitClassInitializerBody();
      else VisitStatements(fn_->body);
      // Falling off the end returns undefined (or `this` in a derived constructor).
      builder_.SetStatementPosition(fn_->end_pos.offset);
      if (repl_) builder_.Ldar(completion_);
      else builder_.LdaUndefined();
      EmitReturn();
      if (derived_return_used_) {
        builder_.Bind(&derived_return_);
        EmitReturn();
      }
    }
  }
  if (resumable()) {
    ConstantIndex table = builder_.AllocateJumpTable(static_cast<uint32_t>(resume_points_.size()));
    for (size_t i = 0; i < resume_points_.size(); ++i) {
      builder_.SetJumpTableEntry(table, static_cast<uint32_t>(i), resume_points_[i]);
    }
    builder_.PatchOperand32(0, 1, table.value);
    builder_.PatchOperand32(0, 2, static_cast<uint32_t>(resume_points_.size()));
  }
  builder_.Finish(info);
  if (resumable()) RecordSavedNames(info);
  return info;
}

void BytecodeGenerator::RecordSavedNames(FunctionInfo* info) {
  // In the order of GeneratorObject::saved(): the parameters, then r0, r1, ...
  uint32_t params = info->param_count;
  std::vector<String*> names(params + info->register_count, nullptr);
  std::vector<Scope*> work{scope_};
  while (!work.empty()) {
    Scope* s = work.back();
    work.pop_back();
    for (Variable* v : s->variables) {
      if (v->index < 0 || v->name.empty() || v->name[0] == u'.') continue;  // .home_object and such are V8's hidden names
      size_t at = names.size();
      if (v->location == VarLocation::kParameter && static_cast<uint32_t>(v->index) < params) at = v->index;
      if (v->location == VarLocation::kLocal) at = params + static_cast<size_t>(v->index);
      if (at < names.size()) names[at] = rt_.Intern(v->name);
    }
    for (Scope* inner : s->inner) {
      if (!inner->is_function_scope()) work.push_back(inner);  // inner functions have frames of their own
    }
  }
  while (!names.empty() && !names.back()) names.pop_back();
  info->saved_names.assign(names.begin(), names.end());
}

void BytecodeGenerator::EmitReturnStatementExit() {
  if (fn_->fn_kind != FunctionKind::kDerivedConstructor || resumable()) {
    EmitReturn();
    return;
  }
  derived_return_used_ = true;
  builder_.Jump(derived_return_);
}

void BytecodeGenerator::EmitReturn() {
  if (fn_->is_async) {
    // Async functions resolve their promise (and hand it back); async
    // generators resolve the request being served with {value, done: true}.
    RegisterScope rs(builder_);
    bool gen = fn_->is_generator;
    RegisterList args = builder_.NewRegisterList(gen ? 3 : 2);
    builder_.StoreAccumulator(args[1]);
    if (gen) {
      builder_.LdaTrue();
      builder_.StoreAccumulator(args[2]);
    }
    builder_.Mov(generator_object(), args[0]);
    builder_.InvokeIntrinsic(gen ? Intrinsic::kAsyncGeneratorResolve : Intrinsic::kAsyncFunctionResolve, args);
    if (gen) {
      builder_.InvokeIntrinsic(Intrinsic::kGeneratorClose, RegisterList(generator_object(), 1));
      builder_.LdaUndefined();
    }
    builder_.Return();
    return;
  }
  if (fn_->fn_kind == FunctionKind::kDerivedConstructor) {
    // acc: undefined means "return this" (checked); objects are returned as they are.
    Label done, use_this;
    builder_.JumpIfUndefined(use_this);
    builder_.JumpIfJSReceiver(done);
    builder_.CallRuntime(RuntimeFunction::kThrowDerivedReturnNotObject, RegisterList());
    builder_.Bind(&use_this);
    LoadThisVariable(scope_->this_var, true);
    builder_.Bind(&done);
  }
  builder_.Return();
}

void BytecodeGenerator::EmitEvalDeclarations() {
  for (Variable* v : scope_->variables) {
    if (v->location != VarLocation::kLookup) continue;
    RegisterScope rs(builder_);
    bool function = v->kind == VarKind::kFunction;
    RegisterList args = builder_.NewRegisterList(function ? 3 : tree_.eval_in_parameters ? 2 : 1);
    builder_.LdaConstant(builder_.AddName(v->name));
    builder_.StoreAccumulator(args[0]);
    if (tree_.eval_in_parameters || function) {
      if (tree_.eval_in_parameters) builder_.LdaTrue();
      else builder_.LdaFalse();
      builder_.StoreAccumulator(args[1]);
    }
    if (function) {
      builder_.LdaTrue();
      builder_.StoreAccumulator(args[2]);
    }
    builder_.CallRuntime(RuntimeFunction::kDeclareEvalVar, args);
  }
  if (Variable* t = scope_->this_var; t && t->location == VarLocation::kContext) {
    builder_.Ldar(Register(reg::Receiver(0)));
    EmitContextSlotStore(t);
  }
  EmitScopeEntry(scope_, &fn_->body);
}

void BytecodeGenerator::EmitPrologue() {
  bool top = scope_->kind == ScopeKind::kScript;
  if (top && (scope_->direct_eval || !scope_->VarsAreGlobal())) {
    // Direct eval code, and strict indirect eval code (whose declarations
    // are its own locals).
    EmitEvalDeclarations();
    return;
  }
  if (top) {
    // Top-level var and function declarations become global properties.
    RootedVector keep(rt_);
    for (Variable* v : scope_->variables) {
      if (v->location != VarLocation::kGlobal) continue;
      keep.push_back(Value::FromCell(rt_.Intern(v->name)));
      keep.push_back(Value::Undefined());
    }
    // Function declarations: compiled now, instantiated by DeclareGlobals.
    for (Stmt* s : fn_->body) {
      FunctionDecl* fd = DeclaredFunction(s);
      if (!fd) continue;
      FunctionInfo* fi = CompileFunction(fd->fn, fd->fn->name->name);
      String* name = rt_.Intern(fd->fn->name->name);
      for (size_t i = 0; i < keep.size(); i += 2) {
        if (keep[i].AsString() == name) keep[i + 1] = Value::FromCell(fi);
      }
    }
    if (keep.size() > 0) {
      Array* array = rt_.NewArrayFrom(keep.values());
      RegisterScope rs(builder_);
      Register r = builder_.NewRegister();
      builder_.LoadConstant(Value::FromCell(array));
      builder_.StoreAccumulator(r);
      builder_.CallRuntime(scope_->is_eval ? RuntimeFunction::kDeclareEvalGlobals : RuntimeFunction::kDeclareGlobals,
                           {r, 1});
    }
    if (Variable* t = scope_->this_var; t && t->location == VarLocation::kContext) {
      builder_.Ldar(Register(reg::Receiver(0)));
      EmitContextSlotStore(t);
    }
    return;
  }
  // `this`, then captured parameters move into the context (V8's order).
  if (Variable* t = scope_->this_var) {
    if (fn_->fn_kind == FunctionKind::kDerivedConstructor) {
      builder_.LdaTheHole();
      StoreVariable(t, u"this", true, false);
    } else if (t->location == VarLocation::kContext) {
      builder_.Ldar(ReceiverRegister());
      EmitContextSlotStore(t);
    }
  }
  for (size_t i = 0; fn_->simple_params() && i < fn_->params.size(); ++i) {
    Pattern* p = fn_->params[i];
    if (auto* as = p->As<AssignPattern>()) p = as->target;
    auto* id = p->As<Identifier>();
    if (!id || !id->var || id->var->kind != VarKind::kParameter) continue;
    if (id->var->location == VarLocation::kContext) {
      builder_.Ldar(ParameterRegister(static_cast<int>(i)));
      EmitContextSlotStore(id->var);
    }
  }
  if (Variable* a = scope_->arguments_var; a && a->location != VarLocation::kUnallocated) {
    bool mapped = !fn_->strict && fn_->simple_params();
    if (mapped) builder_.CreateMappedArguments();
    else builder_.CreateUnmappedArguments();
    StoreVariable(a, u"arguments", true, false);
  }
  if (Variable* nt = scope_->Lookup(u".new.target"); nt && nt->location == VarLocation::kContext) {
    // A function that calls eval keeps new.target where eval code finds it.
    builder_.CallRuntime(RuntimeFunction::kNewTarget, RegisterList());
    EmitContextSlotStore(nt);
  }
  if (Variable* tf = scope_->Lookup(u".this_function"); tf && tf->location == VarLocation::kContext) {
    // super(...) inside an arrow function finds the constructor here.
    builder_.Ldar(Register::Closure());
    EmitContextSlotStore(tf);
  }
  if (Variable* f = scope_->function_name_var; f && f->location == VarLocation::kContext) {
    builder_.Ldar(Register::Closure());
    EmitContextSlotStore(f);
  }
  if (resumable()) EmitGeneratorObjectCreation();
  // Declarations of the function scope (lexicals in the TDZ, function closures).
  if (fn_->simple_params()) {
    EmitScopeEntry(scope_, &fn_->body);
    if (scope_->kind == ScopeKind::kModule) EmitModuleDeclarations();
  } else {
    // With parameter expressions, captured parameters start in the TDZ and
    // are initialised left to right.
    for (Variable* v : scope_->variables) {
      if (v->kind == VarKind::kParameter && v->location == VarLocation::kContext) {
        builder_.LdaTheHole();
        EmitContextSlotStore(v);
      }
    }
  }
}

void BytecodeGenerator::EmitModuleDeclarations() {
  for (Variable* v : scope_->variables) {
    if (v->location == VarLocation::kModule && v->index > 0 && v->kind == VarKind::kVar) {
      // An exported var starts as undefined (its cell, like all, as the hole).
      builder_.LdaUndefined();
      StoreVariable(v, v->name, true, false);
    } else if (v->kind == VarKind::kImport && v->module_request >= 0 && v->location != VarLocation::kUnallocated) {
      // import * as ns: the requested module's namespace object.
      RegisterScope rs(builder_);
      Register request = builder_.NewRegister();
      builder_.LoadNumber(v->module_request);
      builder_.StoreAccumulator(request);
      builder_.CallRuntime(RuntimeFunction::kGetModuleNamespace, {request, 1});
      StoreVariable(v, v->name, true, false);
    }
  }
}

void BytecodeGenerator::EmitParameterInitialization() {
  for (size_t i = 0; i < fn_->params.size(); ++i) {
    Pattern* p = fn_->params[i];
    builder_.SetExpressionPosition(p->pos.offset);
    if (auto* r = p->As<RestElement>()) {
      builder_.CreateRestParameter();
      AssignToTarget(r->target, true, DeclKind::kLet);
      continue;
    }
    Register param = ParameterRegister(static_cast<int>(i));
    Pattern* target = p;
    if (auto* as = p->As<AssignPattern>()) {
      target = as->target;
      Label has_value;
      builder_.Ldar(param);
      builder_.JumpIfNotUndefined(has_value);
      std::u16string hint = target->Is<Identifier>() ? target->As<Identifier>()->name : u"";
      VisitForAccumulator(as->default_value, hint);
      builder_.StoreAccumulator(param);
      builder_.Bind(&has_value);
    }
    if (auto* id = target->As<Identifier>();
        !fn_->simple_params() && id && id->var && id->var->location == VarLocation::kContext) {
      builder_.Ldar(param);
      EmitContextSlotStore(id->var);
    }
    if (!target->Is<Identifier>()) {
      // V8 prints nothing for a parameter; for one with a default, its
      // desugaring (a conditional).
      SetPatternSource(target, nullptr, p->Is<AssignPattern>() ? u"(intermediate value)(intermediate value)(intermediate value)" : u"");
      Destructure(target, param, true, DeclKind::kLet);
    }
  }
}

void BytecodeGenerator::EmitBodyScopeEntry() {
  Scope* body = fn_->body_scope;
  if (!body) return;
  EmitScopeEntry(body, &fn_->body);
  for (Variable* v : body->variables) {
    auto it = tree_.param_copies.find(v);
    if (it == tree_.param_copies.end() || v->location == VarLocation::kUnallocated) continue;
    LoadVariable(it->second, it->second->name, false, false);
    StoreVariable(v, v->name, true, false);
  }
}

void BytecodeGenerator::EmitScopeEntry(Scope* scope, const std::vector<Stmt*>* body) {
  // V8 visits a scope's declarations in source order: lexical bindings start
  // in the TDZ (the hole), function declarations get their closures.
  struct Step {
    uint32_t pos;
    Variable* hole = nullptr;
    FunctionDecl* function = nullptr;
  };
  std::vector<Step> steps;
  for (Variable* v : scope->variables) {
    // (Module cells start in the TDZ already.)
    if (!v->IsLexical() || v->location == VarLocation::kUnallocated || v->location == VarLocation::kModule) continue;
    if (v->location == VarLocation::kContext || v->needs_hole_init) steps.push_back({v->declaration_pos, v, nullptr});
  }
  if (body) {
    for (Stmt* st : *body) {
      if (auto* e = st->As<ExportDecl>()) st = e->declaration;
      FunctionDecl* fd = DeclaredFunction(st);
      if (!fd) continue;
      Variable* v = scope->Lookup(fd->fn->name->name);
      if (!v || v->location == VarLocation::kUnallocated) continue;
      steps.push_back({fd->pos.offset, nullptr, fd});
    }
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.pos < b.pos; });
  for (const Step& step : steps) {
    if (step.hole) {
      builder_.LdaTheHole();
      StoreVariable(step.hole, step.hole->name, true, false);
    } else {
      FunctionDecl* fd = step.function;
      builder_.SetStatementPosition(fd->pos.offset);
      VisitFunctionLiteral(fd->fn, fd->fn->name->name);
      Variable* v = scope->Lookup(fd->fn->name->name);
      StoreVariable(v, v->name, true, false);
    }
  }
}

FunctionInfo* BytecodeGenerator::CompileFunction(FunctionLiteral* fn, const std::u16string& name) {
  BytecodeGenerator inner(rt_, tree_, script_, fn, context_chain_);
  // `export default function () {}` is named "default" (and bound to `.default`).
  return inner.Generate(fn->default_export ? u"default" : name);
}

// ---------------------------------------------------------------- statements

void BytecodeGenerator::VisitStatements(const std::vector<Stmt*>& body) {
  for (Stmt* s : body) VisitStatement(s);
}

void BytecodeGenerator::VisitStatement(Stmt* s) {
  if (!s) return;
  if (repl_) {
    // These statements complete with undefined when their body leaves no
    // value (UpdateEmpty(C, undefined)): `1; if (false) {}` is undefined.
    switch (s->kind) {
      case NodeKind::kIf: case NodeKind::kFor: case NodeKind::kForIn: case NodeKind::kForOf:
      case NodeKind::kWhile: case NodeKind::kDoWhile: case NodeKind::kSwitch: case NodeKind::kTry:
      case NodeKind::kWith:
        builder_.LdaUndefined();
        builder_.StoreAccumulator(completion_);
        break;
      default:
        break;
    }
  }
  switch (s->kind) {
    case NodeKind::kVarDecl:
      VisitVarDecl(static_cast<VarDecl*>(s));
      return;
    case NodeKind::kFunctionDecl: {
      // Hoisted: instantiated at scope entry (EmitScopeEntry). Annex B: when
      // a sloppy block function's declaration is evaluated, its value is
      // copied to the function-level var of the same name.
      auto it = tree_.annex_b.find(s);
      if (it != tree_.annex_b.end()) {
        Variable* block_binding = it->second.block_binding;
        Variable* var = it->second.var;
        LoadVariable(block_binding, block_binding->name, false, false);
        if (var->location == VarLocation::kGlobal) {
          StoreGlobal(var->name);
        } else if (var->location == VarLocation::kLookup) {
          // Sloppy direct eval code: the var lives in the caller's var scope,
          // past any block or catch binding of the same name around the eval.
          builder_.StaLookupSlot(builder_.AddName(var->name), Flag(2));
        } else {
          StoreVariable(var, var->name, false, false);
        }
      }
      return;
    }
    case NodeKind::kClassDecl: {
      auto* c = static_cast<ClassDecl*>(s);
      builder_.SetStatementPosition(s->pos.offset);
      VisitClassLiteral(c->cls, c->cls->name ? c->cls->name->name : u"");
      if (c->cls->name) StoreToIdentifier(c->cls->name, true);
      return;
    }
    case NodeKind::kExprStmt:
      builder_.SetStatementPosition(s->pos.offset);
      if (repl_) {
        VisitForAccumulator(static_cast<ExprStmt*>(s)->expr);
        builder_.StoreAccumulator(completion_);
      } else {
        VisitForEffect(static_cast<ExprStmt*>(s)->expr);
      }
      return;
    case NodeKind::kBlock:
      VisitBlock(static_cast<Block*>(s));
      return;
    case NodeKind::kEmpty:
    case NodeKind::kDebugger:
      if (s->Is<Debugger>()) builder_.Debugger();
      return;
    case NodeKind::kIf:
      VisitIf(static_cast<If*>(s));
      return;
    case NodeKind::kFor:
      VisitFor(static_cast<For*>(s));
      return;
    case NodeKind::kForIn:
      VisitForIn(static_cast<ForIn*>(s));
      return;
    case NodeKind::kForOf:
      VisitForOf(static_cast<ForOf*>(s));
      return;
    case NodeKind::kWhile:
      VisitWhile(static_cast<While*>(s));
      return;
    case NodeKind::kDoWhile:
      VisitDoWhile(static_cast<DoWhile*>(s));
      return;
    case NodeKind::kContinue:
      VisitBreakContinue(s, ControlScope::Command::kContinue, static_cast<Continue*>(s)->label);
      return;
    case NodeKind::kBreak:
      VisitBreakContinue(s, ControlScope::Command::kBreak, static_cast<Break*>(s)->label);
      return;
    case NodeKind::kReturn:
      VisitReturn(static_cast<Return*>(s));
      return;
    case NodeKind::kThrow:
      builder_.SetStatementPosition(s->pos.offset);
      VisitForAccumulator(static_cast<Throw*>(s)->value);
      builder_.SetExpressionPosition(s->pos.offset);
      builder_.Throw();
      return;
    case NodeKind::kTry:
      VisitTry(static_cast<Try*>(s));
      return;
    case NodeKind::kSwitch:
      VisitSwitch(static_cast<Switch*>(s));
      return;
    case NodeKind::kLabeled:
      VisitLabeled(static_cast<Labeled*>(s));
      return;
    case NodeKind::kWith:
      VisitWith(static_cast<With*>(s));
      return;
    case NodeKind::kImportDecl:
      return;  // linked before the module runs
    case NodeKind::kExportDecl: {
      auto* e = static_cast<ExportDecl*>(s);
      if (e->declaration) {
        VisitStatement(e->declaration);
      } else if (e->value) {
        // export default <expression>: an anonymous function or class is named "default".
        builder_.SetStatementPosition(s->pos.offset);
        VisitForAccumulator(e->value, u"default");
        StoreToIdentifier(e->default_binding, true);
      }
      return;
    }
    default:
      throw CompileError{std::string("unsupported statement ") + NodeKindName(s->kind), s->pos};
  }
}

void BytecodeGenerator::VisitVarDecl(VarDecl* d) {
  for (Declarator& decl : d->declarators) {
    bool init = d->decl_kind != DeclKind::kVar;
    if (!decl.init) {
      if (d->decl_kind == DeclKind::kVar) continue;
      // let x;  initialises x to undefined.
      builder_.SetStatementPosition(decl.pos.offset);
      builder_.LdaUndefined();
      AssignToTarget(decl.target, true, d->decl_kind);
      continue;
    }
    builder_.SetStatementPosition(decl.pos.offset);
    std::u16string hint = decl.target->Is<Identifier>() ? decl.target->As<Identifier>()->name : u"";
    VisitForAccumulator(decl.init, hint);
    SetPatternSource(decl.target, decl.init);
    AssignToTarget(decl.target, init, d->decl_kind);
  }
}

void BytecodeGenerator::VisitBlock(Block* b) {
  ContextScope context(this, b->scope);
  if (b->scope) EmitScopeEntry(b->scope, &b->body);
  VisitStatements(b->body);
}

void BytecodeGenerator::VisitIf(If* s) {
  builder_.SetStatementPosition(s->pos.offset);
  Label else_label, done;
  VisitForTest(s->test, &else_label);
  VisitStatement(s->then_stmt);
  if (s->else_stmt) {
    builder_.Jump(done);
    builder_.Bind(&else_label);
    VisitStatement(s->else_stmt);
    builder_.Bind(&done);
  } else {
    builder_.Bind(&else_label);
  }
}

namespace {
std::vector<std::u16string> TakeLabels(std::vector<std::u16string>& pending) {
  std::vector<std::u16string> out;
  out.swap(pending);
  return out;
}
}  // namespace

static thread_local std::vector<std::u16string> g_pending_labels;

void BytecodeGenerator::VisitWhile(While* s) {
  LoopScope loop(this, s, true, TakeLabels(g_pending_labels));
  Label header;
  builder_.BindLoopHeader(&header);
  ++loop_depth_;
  builder_.SetStatementPosition(s->test->pos.offset);
  VisitForTest(s->test, &loop.break_label);
  VisitStatement(s->body);
  builder_.Bind(&loop.continue_label);
  builder_.JumpLoop(header, UImm(loop_depth_ - 1));
  --loop_depth_;
  builder_.Bind(&loop.break_label);
}

void BytecodeGenerator::VisitDoWhile(DoWhile* s) {
  LoopScope loop(this, s, true, TakeLabels(g_pending_labels));
  Label header;
  builder_.BindLoopHeader(&header);
  ++loop_depth_;
  VisitStatement(s->body);
  builder_.Bind(&loop.continue_label);
  builder_.SetStatementPosition(s->test->pos.offset);
  VisitForTest(s->test, &loop.break_label);
  builder_.JumpLoop(header, UImm(loop_depth_ - 1));
  --loop_depth_;
  builder_.Bind(&loop.break_label);
}

void BytecodeGenerator::VisitFor(For* s) {
  std::vector<std::u16string> labels = TakeLabels(g_pending_labels);
  Scope* head = s->scope;
  if (!head || !head->needs_context) {
    // No per-iteration context: an ordinary loop (let bindings in registers
    // are fresh per iteration by construction, since nothing captures them).
    if (head) EmitScopeEntry(head);
    if (s->init) {
      if (s->init->Is<VarDecl>()) VisitVarDecl(static_cast<VarDecl*>(s->init));
      else {
        builder_.SetStatementPosition(s->init->pos.offset);
        VisitForEffect(s->init);
      }
    }
    LoopScope loop(this, s, true, labels);
    Label header;
    builder_.BindLoopHeader(&header);
    ++loop_depth_;
    if (s->test) {
      builder_.SetStatementPosition(s->test->pos.offset);
      VisitForTest(s->test, &loop.break_label);
    }
    VisitStatement(s->body);
    builder_.Bind(&loop.continue_label);
    if (s->update) {
      builder_.SetStatementPosition(s->update->pos.offset);
      VisitForEffect(s->update);
    }
    builder_.JumpLoop(header, UImm(loop_depth_ - 1));
    --loop_depth_;
    builder_.Bind(&loop.break_label);
    return;
  }
  // Per-iteration bindings in a context (V8's scheme): the loop variables
  // live in temporaries between iterations; each iteration gets a fresh
  // block context, copies them in, runs the update (after the first
  // iteration), the test and the body, and copies them out again.
  std::vector<Variable*> vars = head->ContextVariables();
  RegisterScope rs(builder_);
  std::vector<Register> temps;
  for (size_t i = 0; i < vars.size(); ++i) temps.push_back(builder_.NewRegister());
  Register first = builder_.NewRegister();
  if (s->init && !ContainsClosure(s->init)) {
    // The initialiser cannot capture the bindings: evaluate it straight into
    // the temporaries, with no context (as V8 does).
    std::vector<std::pair<VarLocation, int>> saved;
    for (size_t i = 0; i < vars.size(); ++i) {
      saved.push_back({vars[i]->location, vars[i]->index});
      vars[i]->location = VarLocation::kLocal;
      vars[i]->index = temps[i].index;
      if (vars[i]->needs_hole_init) {
        builder_.LdaTheHole();
        builder_.StoreAccumulator(temps[i]);
      }
    }
    VisitVarDecl(static_cast<VarDecl*>(s->init));
    for (size_t i = 0; i < vars.size(); ++i) {
      vars[i]->location = saved[i].first;
      vars[i]->index = saved[i].second;
    }
  } else {
    ContextScope init_context(this, head);
    EmitScopeEntry(head);
    if (s->init) VisitVarDecl(static_cast<VarDecl*>(s->init));
    for (size_t i = 0; i < vars.size(); ++i) {
      EmitContextSlotLoad(vars[i], false);
      builder_.StoreAccumulator(temps[i]);
    }
  }
  builder_.LoadNumber(1);
  builder_.StoreAccumulator(first);
  // V8's desugaring (Parser::DesugarBindingsInForStatement), so that the
  // context bytecodes line up with node's listings:
  //   outer: for (;;) { let x = temp;                      // fresh context
  //     if (first == 1) first = 0; else update;  flag = 1;
  //     if (!test) break outer;
  //     for (; flag == 1; flag = 0, temp = x) body        // continue lands here
  //     if (flag == 1) break outer;                        // body used break
  //   }
  Register flag = builder_.NewRegister();
  Label outer_header, exit;
  builder_.BindLoopHeader(&outer_header);
  ++loop_depth_;
  {
    ContextScope iteration(this, head);
    Register saved = iteration.saved();
    EmitScopeEntry(head);
    for (size_t i = 0; i < vars.size(); ++i) {
      builder_.Ldar(temps[i]);
      EmitContextSlotStore(vars[i]);
    }
    Label do_update, after_update;
    builder_.LoadNumber(1);
    builder_.TestEqual(first, builder_.NewFeedbackSlot());
    builder_.JumpIfFalse(do_update);
    builder_.LdaZero();
    builder_.StoreAccumulator(first);
    builder_.Jump(after_update);
    builder_.Bind(&do_update);
    if (s->update) {
      builder_.SetStatementPosition(s->update->pos.offset);
      VisitForEffect(s->update);
    }
    builder_.Bind(&after_update);
    builder_.LoadNumber(1);
    builder_.StoreAccumulator(flag);
    if (s->test) {
      Label test_failed, body_start;
      builder_.SetStatementPosition(s->test->pos.offset);
      VisitForTest(s->test, &test_failed);
      builder_.Jump(body_start);
      builder_.Bind(&test_failed);
      builder_.PopContext(saved);
      builder_.Jump(exit);
      builder_.Bind(&body_start);
    }
    {
      // The inner loop: `break` and `continue` in the body target it.
      LoopScope inner(this, s, true, labels);
      Label inner_header;
      builder_.BindLoopHeader(&inner_header);
      ++loop_depth_;
      builder_.LoadNumber(1);
      builder_.TestEqual(flag, builder_.NewFeedbackSlot());
      builder_.JumpIfFalse(inner.break_label);
      VisitStatement(s->body);
      builder_.Bind(&inner.continue_label);
      builder_.LdaZero();
      builder_.StoreAccumulator(flag);
      for (size_t i = 0; i < vars.size(); ++i) {
        EmitContextSlotLoad(vars[i], false);
        builder_.StoreAccumulator(temps[i]);
      }
      builder_.JumpLoop(inner_header, UImm(loop_depth_ - 1));
      --loop_depth_;
      builder_.Bind(&inner.break_label);
    }
    Label no_break;
    builder_.LoadNumber(1);
    builder_.TestEqual(flag, builder_.NewFeedbackSlot());
    builder_.JumpIfFalse(no_break);
    builder_.PopContext(saved);
    builder_.Jump(exit);
    builder_.Bind(&no_break);
  }
  builder_.JumpLoop(outer_header, UImm(loop_depth_ - 1));
  --loop_depth_;
  builder_.Bind(&exit);
}

void BytecodeGenerator::AssignForTarget(Node* left, Scope* head) {
  if (auto* d = left->As<VarDecl>()) {
    (void)head;
    SetPatternSource(d->declarators[0].target, nullptr, u".for");  // V8's name for the loop's value
    AssignToTarget(d->declarators[0].target, d->decl_kind != DeclKind::kVar, d->decl_kind);
  } else {
    AssignToTarget(left, false, DeclKind::kVar);
  }
}

void BytecodeGenerator::VisitIterationRight(Node* loop, Expr* right) {
  auto it = tree_.tdz_scopes.find(loop);
  if (it == tree_.tdz_scopes.end()) {
    VisitForAccumulator(right);
    return;
  }
  // The loop's own names are in their TDZ while `right` is evaluated.
  ContextScope tdz(this, it->second);
  EmitScopeEntry(it->second);
  VisitForAccumulator(right);
}

void BytecodeGenerator::VisitForIn(ForIn* s) {
  std::vector<std::u16string> labels = TakeLabels(g_pending_labels);
  builder_.SetStatementPosition(s->pos.offset);
  RegisterScope rs(builder_);
  Register object = builder_.NewRegister();
  RegisterList cache = builder_.NewRegisterList(3);
  Register index = builder_.NewRegister();
  // Annex B.3.5: sloppy `for (var x = init in o)` assigns init before o is evaluated.
  if (auto* d = s->left->As<VarDecl>(); d && d->declarators[0].init) {
    auto* id = d->declarators[0].target->As<Identifier>();
    VisitForAccumulator(d->declarators[0].init, id->name);
    StoreToIdentifier(id, false);
  }
  VisitIterationRight(s, s->right);
  builder_.StoreAccumulator(object);
  builder_.ForInEnumerate(object);
  builder_.ForInPrepare(cache.first, builder_.NewFeedbackSlot());
  builder_.LdaZero();
  builder_.StoreAccumulator(index);
  LoopScope loop(this, s, true, labels);
  Label header;
  builder_.BindLoopHeader(&header);
  ++loop_depth_;
  builder_.ForInContinue(index, cache[2]);
  builder_.JumpIfFalse(loop.break_label);
  builder_.ForInNext(object, index, cache[0], builder_.NewFeedbackSlot());
  builder_.JumpIfUndefined(loop.continue_label);
  {
    Register key = builder_.NewRegister();
    builder_.StoreAccumulator(key);
    ContextScope iteration(this, s->scope);
    if (s->scope) EmitScopeEntry(s->scope);
    builder_.Ldar(key);
    AssignForTarget(s->left, s->scope);
    VisitStatement(s->body);
  }
  builder_.Bind(&loop.continue_label);
  builder_.ForInStep(index);
  builder_.JumpLoop(header, UImm(loop_depth_ - 1));
  --loop_depth_;
  builder_.Bind(&loop.break_label);
}

void BytecodeGenerator::EmitGetIterator(Register iterable, Register iterator, Register next) {
  FeedbackSlot load_slot = builder_.NewFeedbackSlot();
  builder_.GetIterator(iterable, load_slot, builder_.NewFeedbackSlot());
  builder_.StoreAccumulator(iterator);
  builder_.GetNamedProperty(iterator, builder_.AddName(u"next"), builder_.NewFeedbackSlot());
  builder_.StoreAccumulator(next);
}

void BytecodeGenerator::EmitIteratorStep(Register iterator, Register next, Register result, bool await) {
  builder_.CallProperty0(next, iterator, builder_.NewFeedbackSlot());
  // for await: the step's result is awaited.
  if (await) EmitAwait();
  Label is_object;
  builder_.JumpIfJSReceiver(is_object);
  builder_.StoreAccumulator(result);
  builder_.CallRuntime(RuntimeFunction::kThrowIteratorResultNotAnObject, {result, 1});
  builder_.Bind(&is_object);
  builder_.StoreAccumulator(result);
  builder_.GetNamedProperty(result, builder_.AddName(u"done"), builder_.NewFeedbackSlot());
}

void BytecodeGenerator::VisitForOf(ForOf* s) {
  std::vector<std::u16string> labels = TakeLabels(g_pending_labels);
  builder_.SetStatementPosition(s->pos.offset);
  RegisterScope rs(builder_);
  Register iterable = builder_.NewRegister();
  Register iterator = builder_.NewRegister();
  Register next = builder_.NewRegister();
  Register result = builder_.NewRegister();
  VisitIterationRight(s, s->right);
  builder_.StoreAccumulator(iterable);
  if (s->is_await) {
    // The async iterator (or an async wrapper of the sync one).
    builder_.CallRuntime(RuntimeFunction::kGetAsyncIterator, {iterable, 1});
    builder_.StoreAccumulator(iterator);
    builder_.GetNamedProperty(iterator, builder_.AddName(u"next"), builder_.NewFeedbackSlot());
    builder_.StoreAccumulator(next);
  } else {
    builder_.SetCallSite(IterationSiteKind(s->right), PrintIterationSubject(s->right));
    EmitGetIterator(iterable, iterator, next);
  }
  LoopScope loop(this, s, true, labels);
  Label header;
  builder_.BindLoopHeader(&header);
  ++loop_depth_;
  EmitIteratorStep(iterator, next, result, s->is_await);
  builder_.JumpIfToBooleanTrue(loop.break_label);
  builder_.GetNamedProperty(result, builder_.AddName(u"value"), builder_.NewFeedbackSlot());
  builder_.StoreAccumulator(result);
  {
    // An exception in the body closes the iterator.
    Register saved_context = builder_.NewRegister();
    builder_.Mov(Register::Context(), saved_context);
    size_t handler = builder_.AddHandler(static_cast<uint32_t>(builder_.offset()), saved_context.index);
    {
      IteratorCloseScope closer(this, s, iterator, s->is_await);
      ContextScope iteration(this, s->scope);
      if (s->scope) EmitScopeEntry(s->scope);
      builder_.Ldar(result);
      AssignForTarget(s->left, s->scope);
      VisitStatement(s->body);
    }
    builder_.SetHandlerEnd(handler, static_cast<uint32_t>(builder_.offset()));
    builder_.Jump(loop.continue_label);
    builder_.SetHandlerTarget(handler, static_cast<uint32_t>(builder_.offset()));
    Register exception = builder_.NewRegister();
    builder_.StoreAccumulator(exception);
    builder_.CallRuntime(RuntimeFunction::kIteratorCloseOnThrow, {iterator, 1});
    builder_.Ldar(exception);
    builder_.ReThrow();
  }
  builder_.Bind(&loop.continue_label);
  builder_.JumpLoop(header, UImm(loop_depth_ - 1));
  --loop_depth_;
  builder_.Bind(&loop.break_label);
}

void BytecodeGenerator::VisitBreakContinue(Node* s, ControlScope::Command command, const std::u16string& label) {
  builder_.SetStatementPosition(s->pos.offset);
  for (ControlScope* c = control_top_; c; c = c->outer()) {
    auto* loop = dynamic_cast<LoopScope*>(c);
    if (loop && loop->Accepts(command, label)) {
      ExecuteCommand(control_top_, command, loop->statement());
      return;
    }
  }
  throw CompileError{"Illegal break or continue statement", s->pos};
}

void BytecodeGenerator::ExecuteControlCommand(ControlScope::Command command) {
  ExecuteCommand(control_top_, command, nullptr);
}

void BytecodeGenerator::VisitReturn(Return* s) {
  builder_.SetStatementPosition(s->pos.offset);
  if (s->value) {
    VisitForAccumulator(s->value);
    // `return x` in an async generator is `return await x`.
    if (fn_->is_async && fn_->is_generator) EmitAwait();
  } else {
    builder_.LdaUndefined();
  }
  ExecuteCommand(control_top_, ControlScope::Command::kReturn, nullptr);
}

void BytecodeGenerator::VisitWith(With* s) {
  // V8: the object (ToObject'd: null and undefined throw), then a with
  // context holding it for the body; names inside resolve through it.
  builder_.SetStatementPosition(s->pos.offset);
  VisitForAccumulator(s->object);
  Register object = builder_.NewRegister();
  builder_.ToObject(object);
  ContextScope context(this, s->scope, ContextScope::WithObject{object});
  VisitStatement(s->body);
}

void BytecodeGenerator::VisitLabeled(Labeled* s) {
  // Labels attach to the loop (or statement) they name.
  Node* body = s->body;
  g_pending_labels.push_back(s->label);
  if (body->Is<For>() || body->Is<ForIn>() || body->Is<ForOf>() || body->Is<While>() || body->Is<DoWhile>() ||
      body->Is<Labeled>()) {
    VisitStatement(body);
    return;
  }
  LoopScope block(this, s, false, TakeLabels(g_pending_labels));
  VisitStatement(body);
  builder_.Bind(&block.break_label);
}

void BytecodeGenerator::VisitSwitch(Switch* s) {
  std::vector<std::u16string> labels = TakeLabels(g_pending_labels);
  builder_.SetStatementPosition(s->pos.offset);
  RegisterScope rs(builder_);
  Register tag = builder_.NewRegister();
  VisitForAccumulator(s->discriminant);
  builder_.StoreAccumulator(tag);
  LoopScope breakable(this, s, false, labels);
  breakable.is_switch = true;
  ContextScope context(this, s->scope);
  if (s->scope) {
    std::vector<Stmt*> all;
    for (auto& c : s->cases) all.insert(all.end(), c.body.begin(), c.body.end());
    EmitScopeEntry(s->scope, &all);
  }
  std::vector<Label> case_labels(s->cases.size());
  int default_index = -1;
  for (size_t i = 0; i < s->cases.size(); ++i) {
    if (!s->cases[i].test) {
      default_index = static_cast<int>(i);
      continue;
    }
    VisitForAccumulator(s->cases[i].test);
    builder_.TestEqualStrict(tag, builder_.NewFeedbackSlot());
    builder_.JumpIfTrue(case_labels[i]);
  }
  Label end_of_cases;
  if (default_index >= 0) {
    builder_.Jump(case_labels[default_index]);
  } else {
    builder_.Jump(end_of_cases);
  }
  for (size_t i = 0; i < s->cases.size(); ++i) {
    builder_.Bind(&case_labels[i]);
    VisitStatements(s->cases[i].body);
  }
  builder_.Bind(&end_of_cases);
  // break jumps past the PopContext emitted by the ContextScope; pop there too.
  if (context.active()) {
    Label done;
    builder_.Jump(done);
    builder_.Bind(&breakable.break_label);
    builder_.Bind(&done);
  } else {
    builder_.Bind(&breakable.break_label);
  }
}

void BytecodeGenerator::VisitTry(Try* s) {
  builder_.SetStatementPosition(s->pos.offset);
  RegisterScope rs(builder_);
  auto emit_try_catch = [&](auto&& emit_block) {
    Register saved_context = builder_.NewRegister();
    builder_.Mov(Register::Context(), saved_context);
    size_t handler = builder_.AddHandler(static_cast<uint32_t>(builder_.offset()), saved_context.index);
    ++try_depth_;
    emit_block();
    --try_depth_;
    builder_.SetHandlerEnd(handler, static_cast<uint32_t>(builder_.offset()));
    Label done;
    builder_.Jump(done);
    builder_.SetHandlerTarget(handler, static_cast<uint32_t>(builder_.offset()));
    // acc: the exception.
    if (s->catch_scope) {
      Register exception = builder_.NewRegister();
      builder_.StoreAccumulator(exception);
      ContextScope catch_context(this, s->catch_scope, exception);
      if (s->catch_param && !s->catch_param->Is<Identifier>()) {
        // catch ({a, b}): destructure the exception into the block's bindings.
        ContextScope block_context(this, s->handler->scope);
        if (s->handler->scope) EmitScopeEntry(s->handler->scope, &s->handler->body);
        SetPatternSource(s->catch_param, nullptr, u".catch");  // V8's name for the caught value
        Destructure(s->catch_param, exception, true, DeclKind::kLet);
        VisitStatements(s->handler->body);
      } else {
        VisitBlock(s->handler);
      }
    } else {
      VisitBlock(s->handler);
    }
    builder_.Bind(&done);
  };
  if (!s->finalizer) {
    emit_try_catch([&] { VisitBlock(s->block); });
    return;
  }
  // try/finally: the token says how the protected region was left.
  constexpr int kFallThrough = -1;
  constexpr int kThrow = 0;
  Register token = builder_.NewRegister();
  Register result = builder_.NewRegister();
  Register saved_context = builder_.NewRegister();
  builder_.Mov(Register::Context(), saved_context);
  size_t handler = builder_.AddHandler(static_cast<uint32_t>(builder_.offset()), saved_context.index);
  std::vector<TryFinallyScope::Deferred> commands;
  Label finally_label;
  {
    TryFinallyScope finally_scope(this, token, result);
    ++try_depth_;
    if (s->handler) {
      emit_try_catch([&] { VisitBlock(s->block); });
    } else {
      VisitBlock(s->block);
    }
    --try_depth_;
    builder_.SetHandlerEnd(handler, static_cast<uint32_t>(builder_.offset()));
    builder_.LoadNumber(kFallThrough);
    builder_.StoreAccumulator(token);
    builder_.Jump(finally_scope.finally_label);
    builder_.SetHandlerTarget(handler, static_cast<uint32_t>(builder_.offset()));
    builder_.StoreAccumulator(result);
    builder_.LoadNumber(kThrow);
    builder_.StoreAccumulator(token);
    builder_.Bind(&finally_scope.finally_label);
    commands = finally_scope.commands_;
  }
  if (repl_) {
    // A finally block's own completion value is dropped when it completes normally.
    RegisterScope rs(builder_);
    Register saved = builder_.NewRegister();
    builder_.Mov(completion_, saved);
    VisitBlock(s->finalizer);
    builder_.Mov(saved, completion_);
  } else {
    VisitBlock(s->finalizer);
  }
  // Resume whatever left the try block.
  Label rethrow_skip;
  builder_.LoadNumber(kThrow);
  builder_.TestReferenceEqual(token);
  builder_.JumpIfFalse(rethrow_skip);
  builder_.Ldar(result);
  builder_.ReThrow();
  builder_.Bind(&rethrow_skip);
  for (size_t i = 0; i < commands.size(); ++i) {
    Label next;
    builder_.LoadNumber(static_cast<double>(i + 1));
    builder_.TestReferenceEqual(token);
    builder_.JumpIfFalse(next);
    builder_.Ldar(result);
    ExecuteCommand(control_top_, commands[i].command, commands[i].target);
    builder_.Bind(&next);
  }
}

// ---------------------------------------------------------------- entry

FunctionInfo* GenerateEval(Runtime& rt, ScopeTree& tree, Script* script, Program* program) {
  BytecodeGenerator gen(rt, tree, script, program->top, tree.outer_contexts);
  gen.set_repl(true);
  FunctionInfo* info = gen.Generate(u"");
  info->direct_eval = true;
  return info;
}

FunctionInfo* GenerateProgram(Runtime& rt, ScopeTree& tree, Script* script, Program* program, bool repl) {
  BytecodeGenerator gen(rt, tree, script, program->top, {});
  gen.set_repl(repl);
  FunctionInfo* info = gen.Generate(u"");
  if (tree.script->needs_context) {
    ScopeInfo* si = tree.script->scope_info;
    if (!si) {
      // The script scope's info is made lazily; make sure it exists.
      si = rt.heap().New<ScopeInfo>(tree.script->is_eval ? ScopeType::kEval : ScopeType::kScript);
      for (Variable* v : tree.script->ContextVariables()) si->AddSlot(rt.Intern(v->name), v->Mode());
      AddCapturers(rt, tree, tree.script, si);
      tree.script->scope_info = si;
    }
    info->scope_info = si;
  }
  return info;
}

}  // namespace jsvm
