#include "compiler/scope-analysis.h"

#include <algorithm>
#include <functional>
#include <sstream>
#include <unordered_set>

#include "vm/objects/unicode.h"

namespace jsvm {

VariableMode Variable::Mode() const {
  switch (kind) {
    case VarKind::kLet: return VariableMode::kLet;
    case VarKind::kConst: return VariableMode::kConst;
    case VarKind::kClass: return VariableMode::kLet;
    case VarKind::kClassName: return VariableMode::kClassName;
    case VarKind::kParameter: return VariableMode::kParam;
    case VarKind::kFunctionName: return VariableMode::kFunctionName;
    case VarKind::kThis: return VariableMode::kThis;
    case VarKind::kArguments: return VariableMode::kArguments;
    case VarKind::kNewTarget: return VariableMode::kInternal;
    case VarKind::kHomeObject: return VariableMode::kInternal;
    case VarKind::kExtension: return VariableMode::kInternal;
    case VarKind::kPrivateName: return VariableMode::kInternal;
    case VarKind::kImport: return VariableMode::kConst;
    default: return VariableMode::kVar;
  }
}

Scope::Scope(ScopeKind k, Scope* o, FunctionLiteral* f) : kind(k), outer(o), function(f) {
  if (o) o->inner.push_back(this);
}

bool Scope::is_arrow() const { return kind == ScopeKind::kFunction && function->fn_kind == FunctionKind::kArrow; }
bool Scope::strict() const { return function->strict; }

Scope* Scope::ClosureScope() {
  Scope* s = this;
  while (!s->is_function_scope() && s->outer) s = s->outer;
  return s;
}

std::vector<Variable*> Scope::ContextVariables() const {
  std::vector<Variable*> out;
  for (Variable* v : variables) {
    if (v->location == VarLocation::kContext && v->scope == this) out.push_back(v);
  }
  if (function_name_var && function_name_var->location == VarLocation::kContext) out.push_back(function_name_var);
  std::sort(out.begin(), out.end(), [](Variable* a, Variable* b) { return a->index < b->index; });
  return out;
}

namespace {

// ---------------------------------------------------------------- the rule

// Whether a variable must live in a context rather than a register. This is
// V8's rule (Scope::MustAllocateInContext):
//  - top-level let/const/class of a script live in the script context, whether
//    or not anything captures them (they are shared by every script); those of
//    indirect eval code likewise live in the eval's own context;
//  - a catch parameter always lives in its catch context (Ignition always emits
//    CreateCatchContext);
//  - any variable that an inner function references, at any depth, lives in a
//    context; it does not matter whether that inner function is ever created
//    or called (seed 1's fun1 forces `arr` into fun's context);
//  - in a sloppy function with simple parameters that uses `arguments`, the
//    parameters live in the context, so the mapped arguments object can alias
//    them;
//  - a scope that contains a call of eval, or encloses one, keeps all its
//    variables in its context (eval code may name any of them), and a
//    variable referenced from inside `with` is found by name, so it lives
//    in a context too.
// Everything else stays in a register (or the parameter area).
bool MustAllocateInContext(const Variable* var) {
  const Scope* scope = var->scope;
  // Private names live in the class scope's context (V8 forces them there).
  if (var->forced_context || var->kind == VarKind::kExtension || var->kind == VarKind::kPrivateName) return true;
  if (scope->kind == ScopeKind::kScript) {
    return var->IsLexical() || var->captured || (scope->direct_eval && scope->inner_calls_eval);
  }
  if (var->kind == VarKind::kCatch) return true;
  if (var->captured) return true;
  // Eval code may name any variable of the scopes around it.
  if (scope->inner_calls_eval) return true;
  if (var->kind == VarKind::kParameter && scope->kind == ScopeKind::kFunction && scope->uses_arguments &&
      !scope->function->strict && scope->function->simple_params()) {
    return true;
  }
  return false;
}

// Whether a variable needs storage at all: V8 leaves never-referenced
// variables unallocated (an unreferenced function declaration gets no
// CreateClosure), but parameters always have their frame slot.
bool MustAllocate(const Variable* var) {
  return var->is_used || var->kind == VarKind::kParameter || var->kind == VarKind::kCatch ||
         var->scope->inner_calls_eval;
}

// ---------------------------------------------------------------- analyzer

class Analyzer {
 public:
  Analyzer(ScopeTree* tree, ScopeError* error) : tree_(tree), error_(error) {}

  bool Run(Program* program) {
    FunctionLiteral* top = program->top;
    tree_->function_scopes.assign(program->function_count + 1, nullptr);
    Scope* script = NewScope(program->is_module ? ScopeKind::kModule : ScopeKind::kScript, nullptr, top);
    tree_->script = script;
    script->is_eval = tree_->eval_code;
    script->direct_eval = tree_->direct_eval;
    script->outer = tree_->outer_scope;  // direct eval code: its caller's scopes
    top->scope = script;
    tree_->function_scopes[top->function_id] = script;
    // Top-level var and function declarations are global-object properties.
    HoistVars(top->body, script);
    DeclareLexical(top->body, script);
    if (program->is_module) {
      // The context's first slot holds the module (V8's context extension).
      Declare(script, u".module", VarKind::kExtension, 0)->is_used = true;
      DeclareImports(top->body, script);
    }
    current_ = script;
    VisitStatements(top->body);
    if (failed_) return false;
    if (program->is_module) DescribeModule(program, script);
    Allocate(script);
    return !failed_;
  }

 private:
  Scope* NewScope(ScopeKind kind, Scope* outer, FunctionLiteral* fn) {
    tree_->scopes.push_back(std::make_unique<Scope>(kind, outer, fn));
    return tree_->scopes.back().get();
  }

  Variable* Declare(Scope* scope, const std::u16string& name, VarKind kind, uint32_t init_end, uint32_t pos = 0) {
    if (Variable* existing = scope->Lookup(name)) {
      ++existing->declaration_count;
      // var/function redeclarations share one binding (the parser rejected
      // lexical conflicts). A function declaration wins over var.
      if (kind == VarKind::kFunction && existing->kind == VarKind::kVar) existing->kind = VarKind::kFunction;
      return existing;
    }
    tree_->variables.push_back(std::make_unique<Variable>());
    Variable* v = tree_->variables.back().get();
    v->name = name;
    v->kind = kind;
    v->scope = scope;
    v->initializer_end = init_end;
    v->declaration_pos = pos;
    scope->variables.push_back(v);
    scope->by_name[name] = v;
    return v;
  }

  void Fail(const std::string& message, SourcePos pos) {
    if (failed_) return;
    failed_ = true;
    error_->message = message;
    error_->pos = pos;
  }

  // Names bound by a pattern.
  static void BoundNames(Pattern* p, std::vector<Identifier*>* out) {
    if (!p) return;
    if (auto* id = p->As<Identifier>()) {
      out->push_back(id);
    } else if (auto* ap = p->As<ArrayPattern>()) {
      for (Pattern* e : ap->elements) BoundNames(e, out);
    } else if (auto* op = p->As<ObjectPattern>()) {
      for (auto& prop : op->properties) BoundNames(prop.value, out);
      BoundNames(op->rest, out);
    } else if (auto* as = p->As<AssignPattern>()) {
      BoundNames(as->target, out);
    } else if (auto* r = p->As<RestElement>()) {
      BoundNames(r->target, out);
    }
  }

  // var declarations (and, in sloppy code, block function declarations) of a
  // function body, hoisted to `scope`; does not enter nested functions.
  // `params`: the function's parameter names (Annex B does not hoist a block
  // function named like one).
  void HoistVars(const std::vector<Stmt*>& body, Scope* scope, std::vector<std::u16string> params = {}) {
    annex_b_blocked_ = std::move(params);
    LexicalNames(body, &annex_b_blocked_);
    for (Stmt* s : body) HoistVarsIn(s, scope, /*top=*/true);
    annex_b_blocked_.clear();
  }

  // The let/const/class names declared directly in `body`. (Function
  // declarations of enclosing blocks do not count: V8 hoists a block
  // function past them, and past a name `arguments`, as node 20 shows.)
  static void LexicalNames(const std::vector<Stmt*>& body, std::vector<std::u16string>* out) {
    for (Stmt* s : body) {
      if (auto* d = s->As<VarDecl>()) {
        if (d->decl_kind != DeclKind::kVar) DeclaratorNames(d, out);
      } else if (auto* c = s->As<ClassDecl>()) {
        if (c->cls->name) out->push_back(c->cls->name->name);
      }
    }
  }

  static void DeclaratorNames(VarDecl* d, std::vector<std::u16string>* out) {
    for (auto& decl : d->declarators) {
      std::vector<Identifier*> names;
      BoundNames(decl.target, &names);
      for (Identifier* id : names) out->push_back(id->name);
    }
  }

  // Hoists the vars of a block's (or a case block's) statements, whose
  // lexical names block Annex B hoisting of the block functions inside.
  void HoistBlockVars(const std::vector<Stmt*>& body, Scope* scope) {
    size_t mark = annex_b_blocked_.size();
    LexicalNames(body, &annex_b_blocked_);
    for (Stmt* c : body) HoistVarsIn(c, scope, false);
    annex_b_blocked_.resize(mark);
  }

  // Hoists the vars of `s` with `names` (a loop head's let/const, a catch
  // parameter pattern) blocking Annex B hoisting inside it.
  void HoistVarsWithLexicals(Node* s, Scope* scope, const std::vector<std::u16string>& names) {
    size_t mark = annex_b_blocked_.size();
    annex_b_blocked_.insert(annex_b_blocked_.end(), names.begin(), names.end());
    HoistVarsIn(s, scope, false);
    annex_b_blocked_.resize(mark);
  }

  // The let/const names of a for/for-in/for-of head (none for var or an expression).
  static std::vector<std::u16string> HeadLexicals(Node* head) {
    std::vector<std::u16string> names;
    if (auto* d = head ? head->As<VarDecl>() : nullptr) {
      if (d->decl_kind != DeclKind::kVar) DeclaratorNames(d, &names);
    }
    return names;
  }

  void HoistVarsIn(Node* s, Scope* scope, bool top) {
    if (!s) return;
    switch (s->kind) {
      case NodeKind::kVarDecl: {
        auto* d = static_cast<VarDecl*>(s);
        if (d->decl_kind != DeclKind::kVar) return;
        for (auto& decl : d->declarators) {
          std::vector<Identifier*> names;
          BoundNames(decl.target, &names);
          for (Identifier* id : names) {
            Variable* v = Declare(scope, id->name, VarKind::kVar, 0, id->pos.offset);
            if (loop_nesting_ > 0 && decl.init) v->declared_in_loop = true;
          }
        }
        return;
      }
      case NodeKind::kFunctionDecl: {
        auto* f = static_cast<FunctionDecl*>(s);
        if (top) {
          Declare(scope, f->fn->name->name, VarKind::kFunction, 0, f->pos.offset);
        } else if (!scope->function->strict) {
          // Annex B.3.3: a block function in sloppy code is also a var of the
          // function, unless that would clash with a lexical binding (of an
          // enclosing block or the body) or a parameter.
          const std::u16string& name = f->fn->name->name;
          bool blocked = std::find(annex_b_blocked_.begin(), annex_b_blocked_.end(), name) != annex_b_blocked_.end();
          if (!blocked && (!scope->Lookup(name) || !scope->Lookup(name)->IsLexical())) {
            sloppy_block_functions_[f] = Declare(scope, f->fn->name->name, VarKind::kVar, 0, f->pos.offset);
          }
        }
        return;
      }
      case NodeKind::kBlock:
        HoistBlockVars(static_cast<Block*>(s)->body, scope);
        return;
      case NodeKind::kIf:
        HoistVarsIn(static_cast<If*>(s)->then_stmt, scope, false);
        HoistVarsIn(static_cast<If*>(s)->else_stmt, scope, false);
        return;
      case NodeKind::kFor:
        HoistVarsIn(static_cast<For*>(s)->init, scope, false);
        ++loop_nesting_;
        HoistVarsWithLexicals(static_cast<For*>(s)->body, scope, HeadLexicals(static_cast<For*>(s)->init));
        --loop_nesting_;
        return;
      case NodeKind::kForIn:
        HoistVarsIn(static_cast<ForIn*>(s)->left, scope, false);
        ++loop_nesting_;
        HoistVarsWithLexicals(static_cast<ForIn*>(s)->body, scope, HeadLexicals(static_cast<ForIn*>(s)->left));
        --loop_nesting_;
        return;
      case NodeKind::kForOf:
        HoistVarsIn(static_cast<ForOf*>(s)->left, scope, false);
        ++loop_nesting_;
        HoistVarsWithLexicals(static_cast<ForOf*>(s)->body, scope, HeadLexicals(static_cast<ForOf*>(s)->left));
        --loop_nesting_;
        return;
      case NodeKind::kWhile:
        ++loop_nesting_;
        HoistVarsIn(static_cast<While*>(s)->body, scope, false);
        --loop_nesting_;
        return;
      case NodeKind::kDoWhile:
        ++loop_nesting_;
        HoistVarsIn(static_cast<DoWhile*>(s)->body, scope, false);
        --loop_nesting_;
        return;
      case NodeKind::kTry: {
        auto* t = static_cast<Try*>(s);
        HoistVarsIn(t->block, scope, false);
        // A catch parameter pattern's names block Annex B hoisting (a plain
        // identifier does not: B.3.4 lets a var redeclare it).
        std::vector<std::u16string> catch_names;
        if (t->catch_param && !t->catch_param->As<Identifier>()) {
          std::vector<Identifier*> ids;
          BoundNames(t->catch_param, &ids);
          for (Identifier* id : ids) catch_names.push_back(id->name);
        }
        HoistVarsWithLexicals(t->handler, scope, catch_names);
        HoistVarsIn(t->finalizer, scope, false);
        return;
      }
      case NodeKind::kSwitch: {
        // The cases share one block.
        std::vector<Stmt*> all;
        for (auto& c : static_cast<Switch*>(s)->cases) all.insert(all.end(), c.body.begin(), c.body.end());
        HoistBlockVars(all, scope);
        return;
      }
      case NodeKind::kLabeled:
        HoistVarsIn(static_cast<Labeled*>(s)->body, scope, top);
        return;
      case NodeKind::kExportDecl:
        HoistVarsIn(static_cast<ExportDecl*>(s)->declaration, scope, top);
        return;
      case NodeKind::kWith:
        HoistVarsIn(static_cast<With*>(s)->body, scope, false);
        return;
      default:
        return;
    }
  }

  // let/const/class (and block functions) declared directly in `body`.
  bool DeclareLexical(const std::vector<Stmt*>& body, Scope* scope, bool include_functions = true) {
    bool any = false;
    for (Stmt* s : body) {
      if (auto* e = s->As<ExportDecl>()) {
        // Module code: `export default <expression>` binds `.default`.
        if (e->default_binding) {
          Declare(scope, e->default_binding->name, VarKind::kConst, MaxOffset(e->value) + 1, e->pos.offset);
        }
        if (!e->declaration) continue;
        s = e->declaration;
      }
      if (auto* d = s->As<VarDecl>()) {
        if (d->decl_kind == DeclKind::kVar) continue;
        for (auto& decl : d->declarators) {
          std::vector<Identifier*> names;
          BoundNames(decl.target, &names);
          uint32_t end = decl.init ? EndOffset(decl) : decl.pos.offset;
          for (Identifier* id : names) {
            Declare(scope, id->name, d->decl_kind == DeclKind::kLet ? VarKind::kLet : VarKind::kConst, end,
                    id->pos.offset);
          }
          any = true;
        }
      } else if (auto* c = s->As<ClassDecl>()) {
        if (c->cls->name) Declare(scope, c->cls->name->name, VarKind::kClass, c->cls->source_end, c->pos.offset);
        any = true;
      } else if (auto* f = DeclaredFunction(s)) {
        if (include_functions && !scope->is_function_scope()) {
          Variable* v = Declare(scope, f->fn->name->name, VarKind::kFunction, 0, f->pos.offset);
          auto annex_b = sloppy_block_functions_.find(f);
          if (annex_b != sloppy_block_functions_.end()) {
            // The block binding is read when the declaration is evaluated.
            v->sloppy_block_function = true;
            v->is_used = true;
            annex_b->second->is_used = true;
            tree_->annex_b[f] = {v, annex_b->second};
          }
          any = true;
        }
      }
    }
    return any;
  }

  // The offset where a declarator's initialisation is complete (the start of
  // the next token after it is close enough: anything positioned inside the
  // initialiser reads the binding before it is initialised).
  static uint32_t EndOffset(const Declarator& d) { return MaxOffset(d.init) + 1; }

  static uint32_t MaxOffset(const Node* n) {
    // The largest start offset of any node inside n (a cheap upper bound of n's span).
    if (!n) return 0;
    uint32_t m = n->pos.offset;
    if (auto* f = n->As<FunctionLiteral>()) return std::max(m, f->source_end);
    if (auto* c = n->As<ClassLiteral>()) return std::max(m, c->source_end);
    auto visit = [&m](const Node* c) { m = std::max(m, MaxOffset(c)); };
    switch (n->kind) {
      case NodeKind::kBinary: visit(static_cast<const Binary*>(n)->left); visit(static_cast<const Binary*>(n)->right); break;
      case NodeKind::kLogical: visit(static_cast<const Logical*>(n)->left); visit(static_cast<const Logical*>(n)->right); break;
      case NodeKind::kAssignment: visit(static_cast<const Assignment*>(n)->value); break;
      case NodeKind::kConditional: visit(static_cast<const Conditional*>(n)->else_expr); break;
      case NodeKind::kCall: {
        auto* c = static_cast<const Call*>(n);
        visit(c->callee);
        for (auto* a : c->args) visit(a);
        break;
      }
      case NodeKind::kNew: {
        auto* c = static_cast<const New*>(n);
        visit(c->callee);
        for (auto* a : c->args) visit(a);
        break;
      }
      case NodeKind::kMember: visit(static_cast<const Member*>(n)->object); break;
      case NodeKind::kKeyed: visit(static_cast<const Keyed*>(n)->key); break;
      case NodeKind::kSequence: for (auto* e : static_cast<const Sequence*>(n)->exprs) visit(e); break;
      case NodeKind::kArrayLiteral: for (auto* e : static_cast<const ArrayLiteral*>(n)->elements) visit(e); break;
      case NodeKind::kObjectLiteral: for (auto& p : static_cast<const ObjectLiteral*>(n)->properties) { visit(p.key); visit(p.value); } break;
      case NodeKind::kUnary: visit(static_cast<const Unary*>(n)->operand); break;
      case NodeKind::kUpdate: visit(static_cast<const Update*>(n)->target); break;
      case NodeKind::kTemplateLiteral: for (auto* e : static_cast<const TemplateLiteral*>(n)->exprs) visit(e); break;
      case NodeKind::kTaggedTemplate: visit(static_cast<const TaggedTemplate*>(n)->quasi); break;
      case NodeKind::kSpread: visit(static_cast<const Spread*>(n)->arg); break;
      case NodeKind::kOptionalChain: visit(static_cast<const OptionalChain*>(n)->expr); break;
      case NodeKind::kYield: visit(static_cast<const Yield*>(n)->arg); break;
      case NodeKind::kAwait: visit(static_cast<const Await*>(n)->arg); break;
      default: break;
    }
    return m;
  }

  // ---------------------------------------------------------------- resolution

  Scope* NearestNonArrowFunction(Scope* s, bool* crossed) {
    *crossed = false;
    while (s) {
      if (s->kind == ScopeKind::kScript || s->kind == ScopeKind::kModule) return s;
      if (s->kind == ScopeKind::kFunction && !s->is_arrow()) return s;
      if (s->kind == ScopeKind::kFunction) *crossed = true;
      s = s->outer;
    }
    return nullptr;
  }

  // Resolves a reference. Inside `with`, or past a function whose sloppy
  // direct eval may declare the name, the reference is also recorded as
  // dynamic (tree_->dynamic_refs): resolved by name at run time.
  void Resolve(Identifier* id, bool is_assignment, bool is_initialization = false) {
    bool crossed = false;
    bool through_with = false;
    Scope* extensible = nullptr;  // the outermost scope passed whose eval may declare the name
    for (Scope* s = current_; s; s = s->outer) {
      Variable* v = s->Lookup(id->name);
      if (!s->deserialized) {
        if (!v && s->kind == ScopeKind::kFunction && s->function_name_var && s->function_name_var->name == id->name) {
          v = s->function_name_var;
        }
        if (!v && id->name == u"arguments" && s->kind == ScopeKind::kFunction && !s->is_arrow()) {
          v = ArgumentsVar(s);
        }
      }
      if (v) {
        bool global = s->VarsAreGlobal() && (v->kind == VarKind::kVar || v->kind == VarKind::kFunction);
        if (through_with) {
          tree_->dynamic_refs[id] = {LookupMode::kDynamic};
          if (!s->deserialized && !global) v->forced_context = true;
        } else if (extensible) {
          tree_->dynamic_refs[id] = {global ? LookupMode::kDynamicGlobal : LookupMode::kDynamicLocal, extensible};
        }
        Use(id, v, crossed, is_assignment, is_initialization);
        return;
      }
      if (s->kind == ScopeKind::kWith) through_with = true;
      if (s->calls_sloppy_eval) extensible = s;
      if (s->kind == ScopeKind::kFunction) crossed = true;
    }
    id->var = nullptr;  // a global reference
    if (through_with) tree_->dynamic_refs[id] = {LookupMode::kDynamic};
    else if (extensible) tree_->dynamic_refs[id] = {LookupMode::kDynamicGlobal, extensible};
  }

  Variable* ArgumentsVar(Scope* fn_scope) {
    if (!fn_scope->arguments_var) {
      tree_->variables.push_back(std::make_unique<Variable>());
      Variable* v = tree_->variables.back().get();
      v->name = u"arguments";
      v->kind = VarKind::kArguments;
      v->scope = fn_scope;
      fn_scope->variables.push_back(v);
      fn_scope->arguments_var = v;
      fn_scope->uses_arguments = true;
    }
    return fn_scope->arguments_var;
  }

  void Use(Identifier* id, Variable* v, bool crossed, bool is_assignment, bool is_initialization) {
    id->var = v;
    if (v->kind == VarKind::kParameter && v->scope == param_tdz_scope_ && !crossed &&
        current_ == param_tdz_scope_ && v->index >= param_tdz_index_) {
      tree_->tdz_errors.insert(id);
    }
    v->is_used = true;
    if (crossed) Capture(v);
    if (is_assignment && !is_initialization) v->maybe_assigned = true;
    if (v->kind == VarKind::kParameter && crossed && !v->scope->function->simple_params() && !is_initialization) {
      tree_->hole_checks.insert(id);
      v->needs_hole_init = true;
    }
    if (v->kind == VarKind::kImport && v->module_request < 0) {
      // An import may be read before its module has run (a cycle): V8
      // checks every read.
      tree_->hole_checks.insert(id);
    }
    if (v->IsLexical() && !is_initialization) {
      bool check = v->scope->ClosureScope() != current_->ClosureScope() || v->scope->nonlinear ||
                   id->pos.offset < v->initializer_end;
      if (check) {
        tree_->hole_checks.insert(id);
        v->needs_hole_init = true;
      }
    }
  }

  // The code of the current function references v, declared in an enclosing function.
  void Capture(Variable* v) {
    v->captured = true;
    std::vector<Variable*>& list = tree_->captures[current_->function];
    if (std::find(list.begin(), list.end(), v) == list.end()) {
      list.push_back(v);
      tree_->capturers[v].push_back(current_->function);
    }
  }

  Variable* ThisVar(Scope* fn_scope) {
    if (!fn_scope->this_var) {
      tree_->variables.push_back(std::make_unique<Variable>());
      Variable* v = tree_->variables.back().get();
      v->name = u"this";
      v->kind = VarKind::kThis;
      v->scope = fn_scope;
      fn_scope->variables.push_back(v);
      fn_scope->this_var = v;
    }
    return fn_scope->this_var;
  }

  // new.target or the active function read from inside an arrow function:
  // a variable of the enclosing non-arrow function, kept in its context.
  void ResolveFunctionVar(Node* node, const char16_t* name, std::unordered_map<const Node*, Variable*>* refs) {
    bool crossed;
    Scope* fn = NearestNonArrowFunction(current_, &crossed);
    if (fn && fn->direct_eval) {
      // Eval code reads its caller's, which a direct eval keeps in the
      // context of the nearest non-arrow function around the call (the
      // eval may be in an arrow).
      for (Scope* s = fn->outer; s; s = s->outer) {
        if (Variable* v = s->Lookup(name)) {
          Capture(v);
          (*refs)[node] = v;
          return;
        }
      }
      return;
    }
    if (!crossed || !fn || fn->kind != ScopeKind::kFunction || fn->deserialized) return;
    Variable* v = fn->Lookup(name);
    if (!v) v = Declare(fn, name, VarKind::kNewTarget, 0);
    v->is_used = true;
    Capture(v);
    (*refs)[node] = v;
  }

  void ResolveThis(Node* node) {
    bool crossed;
    Scope* fn = NearestNonArrowFunction(current_, &crossed);
    if (fn->direct_eval) {
      // Eval code sees its caller's `this`, which a direct eval forces into
      // the caller function's context; at the top level its own receiver
      // is the global object.
      for (Scope* s = fn->outer; s; s = s->outer) {
        if (Variable* v = s->Lookup(u"this")) {
          v->is_used = true;
          Capture(v);
          tree_->this_refs[node] = v;
          return;
        }
      }
    }
    Variable* v = ThisVar(fn);
    v->is_used = true;
    if (crossed) Capture(v);
    tree_->this_refs[node] = v;
  }

  // ---------------------------------------------------------------- walk

  void VisitStatements(const std::vector<Stmt*>& body) {
    for (Stmt* s : body) VisitStatement(s);
  }

  // Enters a block scope for `body` when it declares anything lexically.
  Scope* MaybeBlockScope(const std::vector<Stmt*>& body, bool force = false) {
    Scope* scope = NewScope(ScopeKind::kBlock, current_, current_->function);
    bool any = DeclareLexical(body, scope);
    if (!any && !force) {
      // Drop the empty scope again.
      current_->inner.pop_back();
      return nullptr;
    }
    return scope;
  }

  void VisitBlockBody(Block* b, bool force_scope = false) {
    Scope* scope = MaybeBlockScope(b->body, force_scope);
    b->scope = scope;
    Scope* saved = current_;
    if (scope) current_ = scope;
    VisitStatements(b->body);
    current_ = saved;
  }

  // A declaration's binding. A var's initialiser counts as an assignment
  // (V8's maybe_assigned) only when the var is declared more than once or
  // inside a loop; let/const initialisers never do.
  void VisitDeclarationTarget(Pattern* p, bool is_var) {
    std::vector<Identifier*> names;
    // Defaults and computed keys inside the pattern are expressions.
    VisitPatternExpressions(p);
    BoundNames(p, &names);
    for (Identifier* id : names) {
      Resolve(id, true, true);
      if (is_var && id->var && (id->var->declaration_count > 1 || id->var->declared_in_loop)) {
        id->var->maybe_assigned = true;
      }
    }
  }

  void VisitPatternExpressions(Pattern* p) {
    if (!p) return;
    if (auto* ap = p->As<ArrayPattern>()) {
      for (Pattern* e : ap->elements) VisitPatternExpressions(e);
    } else if (auto* op = p->As<ObjectPattern>()) {
      for (auto& prop : op->properties) {
        if (prop.computed) VisitExpression(prop.key);
        VisitPatternExpressions(prop.value);
      }
      VisitPatternExpressions(op->rest);
    } else if (auto* as = p->As<AssignPattern>()) {
      VisitPatternExpressions(as->target);
      VisitExpression(as->default_value);
    } else if (auto* r = p->As<RestElement>()) {
      VisitPatternExpressions(r->target);
    } else if (p->Is<Member>() || p->Is<Keyed>()) {
      VisitExpression(p);
    }
  }

  // An assignment target (not a declaration).
  void VisitAssignmentTarget(Pattern* p) {
    if (!p) return;
    if (auto* id = p->As<Identifier>()) {
      Resolve(id, true);
    } else if (auto* ap = p->As<ArrayPattern>()) {
      for (Pattern* e : ap->elements) VisitAssignmentTarget(e);
    } else if (auto* op = p->As<ObjectPattern>()) {
      for (auto& prop : op->properties) {
        if (prop.computed) VisitExpression(prop.key);
        VisitAssignmentTarget(prop.value);
      }
      VisitAssignmentTarget(op->rest);
    } else if (auto* as = p->As<AssignPattern>()) {
      VisitAssignmentTarget(as->target);
      VisitExpression(as->default_value);
    } else if (auto* r = p->As<RestElement>()) {
      VisitAssignmentTarget(r->target);
    } else {
      VisitExpression(p);
    }
  }

  void VisitStatement(Stmt* s) {
    if (!s || failed_) return;
    switch (s->kind) {
      case NodeKind::kVarDecl: {
        auto* d = static_cast<VarDecl*>(s);
        for (auto& decl : d->declarators) {
          if (decl.init) VisitExpression(decl.init);
          // let x; initialises x to undefined; var x; does nothing.
          if (decl.init || d->decl_kind != DeclKind::kVar) VisitDeclarationTarget(decl.target, d->decl_kind == DeclKind::kVar);
        }
        return;
      }
      case NodeKind::kFunctionDecl: {
        auto* f = static_cast<FunctionDecl*>(s);
        VisitFunction(f->fn);
        return;
      }
      case NodeKind::kClassDecl: {
        auto* c = static_cast<ClassDecl*>(s);
        VisitClass(c->cls);
        if (c->cls->name) {
          Identifier* id = c->cls->name;
          Resolve(id, true, true);
        }
        return;
      }
      case NodeKind::kExprStmt:
        VisitExpression(static_cast<ExprStmt*>(s)->expr);
        return;
      case NodeKind::kImportDecl:
        return;
      case NodeKind::kExportDecl: {
        auto* e = static_cast<ExportDecl*>(s);
        if (e->declaration) VisitStatement(e->declaration);
        if (e->value) {
          VisitExpression(e->value);
          Resolve(e->default_binding, true, true);
        }
        for (ExportSpecifier& spec : e->specifiers) {
          if (spec.local) Resolve(spec.local, false, true);
        }
        return;
      }
      case NodeKind::kBlock:
        VisitBlockBody(static_cast<Block*>(s));
        return;
      case NodeKind::kIf: {
        auto* i = static_cast<If*>(s);
        VisitExpression(i->test);
        VisitStatement(i->then_stmt);
        VisitStatement(i->else_stmt);
        return;
      }
      case NodeKind::kFor: {
        auto* f = static_cast<For*>(s);
        Scope* saved = current_;
        if (auto* d = f->init ? f->init->As<VarDecl>() : nullptr; d && d->decl_kind != DeclKind::kVar) {
          Scope* head = NewScope(ScopeKind::kBlock, current_, current_->function);
          DeclareLexical({d}, head);
          f->scope = head;
          current_ = head;
        }
        if (f->init) {
          if (f->init->Is<VarDecl>()) VisitStatement(f->init);
          else VisitExpression(f->init);
        }
        VisitExpression(f->test);
        VisitExpression(f->update);
        VisitStatement(f->body);
        current_ = saved;
        return;
      }
      case NodeKind::kForIn:
      case NodeKind::kForOf: {
        Node*& left = s->Is<ForIn>() ? static_cast<ForIn*>(s)->left : static_cast<ForOf*>(s)->left;
        Expr* right = s->Is<ForIn>() ? static_cast<ForIn*>(s)->right : static_cast<ForOf*>(s)->right;
        Stmt* body = s->Is<ForIn>() ? static_cast<ForIn*>(s)->body : static_cast<ForOf*>(s)->body;
        Scope*& scope_slot = s->Is<ForIn>() ? static_cast<ForIn*>(s)->scope : static_cast<ForOf*>(s)->scope;
        Scope* saved = current_;
        auto* d = left->As<VarDecl>();
        if (d && d->decl_kind != DeclKind::kVar) {
          // The right side sees the loop's names in their TDZ (for (const x of x) throws).
          Scope* tdz = NewScope(ScopeKind::kBlock, current_, current_->function);
          DeclareLexical({d}, tdz);
          for (Variable* v : tdz->variables) v->initializer_end = 0xFFFFFFFFu;
          tree_->tdz_scopes[s] = tdz;
          current_ = tdz;
          VisitExpression(right);
          current_ = saved;
        } else {
          VisitExpression(right);
        }
        if (d && d->decl_kind != DeclKind::kVar) {
          Scope* head = NewScope(ScopeKind::kBlock, current_, current_->function);
          DeclareLexical({d}, head);
          for (Variable* v : head->variables) v->initializer_end = 0;  // bound before the body runs
          scope_slot = head;
          current_ = head;
        }
        if (d) {
          for (auto& decl : d->declarators) {
            if (decl.init) VisitExpression(decl.init);
            VisitDeclarationTarget(decl.target, d->decl_kind == DeclKind::kVar);
          }
        } else {
          VisitAssignmentTarget(left);
        }
        VisitStatement(body);
        current_ = saved;
        return;
      }
      case NodeKind::kWhile:
        VisitExpression(static_cast<While*>(s)->test);
        VisitStatement(static_cast<While*>(s)->body);
        return;
      case NodeKind::kDoWhile:
        VisitStatement(static_cast<DoWhile*>(s)->body);
        VisitExpression(static_cast<DoWhile*>(s)->test);
        return;
      case NodeKind::kReturn:
        VisitExpression(static_cast<Return*>(s)->value);
        return;
      case NodeKind::kThrow:
        VisitExpression(static_cast<Throw*>(s)->value);
        return;
      case NodeKind::kTry: {
        auto* t = static_cast<Try*>(s);
        VisitBlockBody(t->block);
        if (t->handler) {
          Scope* saved = current_;
          if (t->catch_param) {
            Scope* cs = NewScope(ScopeKind::kCatch, current_, current_->function);
            t->catch_scope = cs;
            if (auto* id = t->catch_param->As<Identifier>()) {
              Variable* v = Declare(cs, id->name, VarKind::kCatch, 0);
              v->is_used = true;
              id->var = v;
              current_ = cs;
              VisitBlockBody(t->handler);
            } else {
              // catch ({a, b}): the exception sits in a hidden catch slot; the
              // pattern's names are lexical bindings of the catch block.
              Variable* v = Declare(cs, u".catch", VarKind::kCatch, 0);
              v->is_used = true;
              current_ = cs;
              Scope* block = NewScope(ScopeKind::kBlock, current_, current_->function);
              std::vector<Identifier*> names;
              BoundNames(t->catch_param, &names);
              for (Identifier* id : names) Declare(block, id->name, VarKind::kLet, 0);
              DeclareLexical(t->handler->body, block);
              t->handler->scope = block;
              current_ = block;
              VisitDeclarationTarget(t->catch_param, false);
              VisitStatements(t->handler->body);
            }
          } else {
            VisitBlockBody(t->handler);
          }
          current_ = saved;
        }
        if (t->finalizer) VisitBlockBody(t->finalizer);
        return;
      }
      case NodeKind::kSwitch: {
        auto* sw = static_cast<Switch*>(s);
        VisitExpression(sw->discriminant);
        std::vector<Stmt*> all;
        for (auto& c : sw->cases) all.insert(all.end(), c.body.begin(), c.body.end());
        Scope* scope = MaybeBlockScope(all);
        Scope* saved = current_;
        if (scope) {
          scope->nonlinear = true;
          sw->scope = scope;
          current_ = scope;
        }
        for (auto& c : sw->cases) {
          VisitExpression(c.test);
          VisitStatements(c.body);
        }
        current_ = saved;
        return;
      }
      case NodeKind::kLabeled:
        VisitStatement(static_cast<Labeled*>(s)->body);
        return;
      case NodeKind::kWith: {
        auto* w = static_cast<With*>(s);
        VisitExpression(w->object);
        Scope* saved = current_;
        w->scope = NewScope(ScopeKind::kWith, current_, current_->function);
        current_ = w->scope;
        VisitStatement(w->body);
        current_ = saved;
        return;
      }
      default:
        return;
    }
  }

  void VisitFunction(FunctionLiteral* fn) {
    Scope* scope = NewScope(ScopeKind::kFunction, current_, fn);
    fn->scope = scope;
    if (fn->calls_eval && !fn->strict) {
      // A sloppy direct eval may declare vars here: the context's extension slot holds them.
      scope->calls_sloppy_eval = true;
      Declare(scope, u".extension", VarKind::kExtension, 0)->is_used = true;
    }
    if (fn->function_id < tree_->function_scopes.size()) tree_->function_scopes[fn->function_id] = scope;
    Scope* saved = current_;
    current_ = scope;
    // Parameters, in order (V8 allocates their slots in reverse).
    uint32_t index = 0;
    std::vector<Identifier*> pattern_names;
    for (Pattern* p : fn->params) {
      Pattern* target = p;
      if (auto* as = p->As<AssignPattern>()) target = as->target;
      if (auto* r = p->As<RestElement>()) {
        scope->has_rest = true;
        BoundNames(r->target, &pattern_names);
        continue;
      }
      if (auto* id = target->As<Identifier>()) {
        Variable* v = Declare(scope, id->name, VarKind::kParameter, 0);
        v->index = static_cast<int>(index);
        id->var = v;
      } else {
        BoundNames(target, &pattern_names);
      }
      ++index;
    }
    for (Identifier* id : pattern_names) Declare(scope, id->name, VarKind::kVar, 0);
    if (fn->is_expression && fn->name && fn->fn_kind != FunctionKind::kArrow) {
      tree_->variables.push_back(std::make_unique<Variable>());
      Variable* v = tree_->variables.back().get();
      v->name = fn->name->name;
      v->kind = VarKind::kFunctionName;
      v->scope = scope;
      scope->function_name_var = v;
    }
    if (fn->fn_kind == FunctionKind::kDerivedConstructor) ThisVar(scope)->is_used = true;
    Scope* body_scope = scope;
    if (!fn->simple_params()) {
      body_scope = NewScope(ScopeKind::kBlock, scope, fn);
      fn->body_scope = body_scope;
      // With parameter expressions the body's vars are a separate
      // environment; a var named like a parameter starts with its value.
      std::vector<std::u16string> param_names;
      for (Variable* v : scope->variables) param_names.push_back(v->name);
      HoistVars(fn->body, body_scope, param_names);
      for (Variable* v : body_scope->variables) {
        bool clash = std::find(param_names.begin(), param_names.end(), v->name) != param_names.end();
        if (clash) tree_->param_copies[v] = scope->Lookup(v->name);
      }
    } else {
      std::vector<std::u16string> param_names;
      for (Variable* v : scope->variables) param_names.push_back(v->name);
      HoistVars(fn->body, scope, std::move(param_names));
    }
    DeclareLexical(fn->body, body_scope, /*include_functions=*/false);
    // Parameter defaults and patterns are evaluated in the parameter scope;
    // a default that reads its own or a later parameter meets it in the TDZ.
    int param_index = 0;
    for (Pattern* p : fn->params) {
      param_tdz_scope_ = scope;
      param_tdz_index_ = param_index++;
      if (auto* as = p->As<AssignPattern>()) {
        VisitExpression(as->default_value);
        if (!as->target->Is<Identifier>()) VisitDeclarationTarget(as->target, true);
      } else if (auto* r = p->As<RestElement>()) {
        VisitDeclarationTarget(r->target, true);
      } else if (!p->Is<Identifier>()) {
        VisitDeclarationTarget(p, true);
      }
    }
    param_tdz_scope_ = nullptr;
    current_ = body_scope;
    VisitStatements(fn->body);
    current_ = saved;
  }

  // A class body always has its own scope, and V8 always gives it a block
  // context. Its slots follow V8's declaration order: the private names (a
  // getter and setter share one), the brand, the home objects (slots when a
  // method uses super.x), then the class's own name.
  void VisitClass(ClassLiteral* cls) {
    Scope* saved = current_;
    Scope* cs = NewScope(ScopeKind::kClass, current_, current_->function);
    cls->scope = cs;
    for (auto& m : cls->members) {
      if (!m.is_private) continue;
      auto* name = static_cast<PrivateName*>(m.key);
      name->var = Declare(cs, name->name, VarKind::kPrivateName, 0);
      name->var->is_used = true;
    }
    if (cls->has_private_methods) Declare(cs, kBrandVarName, VarKind::kPrivateName, 0)->is_used = true;
    Declare(cs, kHomeObjectVarName, VarKind::kHomeObject, 0);
    Declare(cs, kStaticHomeObjectVarName, VarKind::kHomeObject, 0);
    if (cls->name) Declare(cs, cls->name->name, VarKind::kClassName, cls->source_end);
    // A computed field key is evaluated with the class definition and kept
    // for the initializer that defines the field.
    int computed_fields = 0;
    for (auto& m : cls->members) {
      if (!m.is_field || !m.computed) continue;
      m.key_var = Declare(cs, u".field_key" + Utf8ToUtf16(std::to_string(computed_fields++)), VarKind::kPrivateName, 0);
      m.key_var->is_used = true;
    }
    current_ = cs;
    VisitExpression(cls->extends);
    if (cls->constructor) VisitMethod(cls->constructor, kHomeObjectVarName);
    for (auto& m : cls->members) {
      if (m.computed) VisitExpression(m.key);
      if (m.is_field || m.static_block) continue;  // code of an initializer function
      if (auto* f = m.value ? m.value->As<FunctionLiteral>() : nullptr) {
        VisitMethod(f, m.is_static ? kStaticHomeObjectVarName : kHomeObjectVarName);
      }
    }
    // Field initializers and static blocks are the code of the class's
    // initializer functions, whose `this` is the instance (or the class).
    for (FunctionLiteral* init : {cls->instance_init, cls->static_init}) {
      if (!init) continue;
      tree_->home_objects[init] = init->static_initializer ? kStaticHomeObjectVarName : kHomeObjectVarName;
      Scope* fs = NewScope(ScopeKind::kFunction, cs, init);
      init->scope = fs;
      if (init->function_id < tree_->function_scopes.size()) tree_->function_scopes[init->function_id] = fs;
      current_ = fs;
      ThisVar(fs)->is_used = true;
      if (!init->static_initializer && cls->has_private_methods) Capture(cs->Lookup(kBrandVarName));
      for (auto& m : cls->members) {
        if (m.is_static != init->static_initializer) continue;
        if (m.is_private && m.is_field) Capture(static_cast<PrivateName*>(m.key)->var);
        if (m.key_var) Capture(m.key_var);
        if (m.is_field) {
          VisitExpression(m.value);
        } else if (m.static_block) {
          VisitStaticBlock(m.static_block);
        }
      }
      current_ = cs;
    }
    current_ = saved;
  }

  // `static { ... }`: a block that is also a var scope.
  void VisitStaticBlock(Block* b) {
    Scope* saved = current_;
    Scope* scope = NewScope(ScopeKind::kBlock, current_, current_->function);
    b->scope = scope;
    HoistVars(b->body, scope);
    DeclareLexical(b->body, scope);
    current_ = scope;
    VisitStatements(b->body);
    current_ = saved;
  }

  // #x: the private name of the nearest class declaring it (the parser
  // checked that one does).
  void ResolvePrivateName(PrivateName* name) {
    for (Scope* s = current_; s; s = s->outer) {
      if (s->kind != ScopeKind::kClass) continue;
      Variable* v = s->Lookup(name->name);
      if (v && v->kind == VarKind::kPrivateName) {
        name->var = v;
        if (current_->function != v->scope->function) Capture(v);
        return;
      }
    }
  }

  // An object literal gets a block scope holding .home_object; it has a
  // context only when a method of the literal uses super.x.
  void VisitObjectLiteral(ObjectLiteral* obj) {
    Scope* saved = current_;
    Scope* scope = NewScope(ScopeKind::kBlock, current_, current_->function);
    Declare(scope, kHomeObjectVarName, VarKind::kHomeObject, 0);
    current_ = scope;
    for (auto& p : obj->properties) {
      if (p.computed) VisitExpression(p.key);
      auto* f = p.value ? p.value->As<FunctionLiteral>() : nullptr;
      if (f && (p.method || p.kind == PropertyKind::kGetter || p.kind == PropertyKind::kSetter)) {
        VisitMethod(f, kHomeObjectVarName);
      } else {
        VisitExpression(p.value);
      }
    }
    current_ = saved;
    if (scope->Lookup(kHomeObjectVarName)->is_used) obj->scope = scope;
  }

  void VisitMethod(FunctionLiteral* f, const char16_t* home) {
    tree_->home_objects[f] = home;
    VisitFunction(f);
  }

  // super.x / super[x]: the home object of the nearest enclosing method,
  // found by name like any variable. The class declares both home objects
  // together, so using one allocates both (as V8 does).
  void ResolveHomeObject(Node* super_node) {
    if (Variable* v = UseHomeObject()) tree_->super_refs[super_node] = v;
  }

  // The home-object variable of the nearest enclosing method, marked used
  // (and with it its sibling), or nullptr outside methods.
  Variable* UseHomeObject() {
    bool crossed;
    Scope* fn = NearestNonArrowFunction(current_, &crossed);
    const char16_t* name = nullptr;
    if (auto it = fn ? tree_->home_objects.find(fn->function) : tree_->home_objects.end(); it != tree_->home_objects.end()) {
      name = it->second;
    } else if (fn && fn->direct_eval) {
      name = tree_->eval_home_object;  // eval code in a method
    }
    if (!name) return nullptr;  // the parser reports super outside methods
    for (Scope* s = current_; s; s = s->outer) {
      Variable* v = s->Lookup(name);
      if (!v || v->kind != VarKind::kHomeObject) continue;
      for (Variable* home : s->variables) {
        if (home->kind != VarKind::kHomeObject) continue;
        home->is_used = true;
        home->captured = true;  // methods are always inner functions of the scope
      }
      return v;
    }
    return nullptr;
  }

  void VisitExpression(Expr* e) {
    if (!e || failed_) return;
    switch (e->kind) {
      case NodeKind::kIdentifier:
        Resolve(static_cast<Identifier*>(e), false);
        return;
      case NodeKind::kThisExpression:
        ResolveThis(e);
        return;
      case NodeKind::kPrivateName:
        ResolvePrivateName(static_cast<PrivateName*>(e));
        return;
      case NodeKind::kSuperExpression:
        // super() and super.x use `this`.
        ResolveThis(e);
        return;
      case NodeKind::kNewTarget:
        ResolveFunctionVar(e, u".new.target", &tree_->new_target_refs);
        return;
      case NodeKind::kImportCall:
        VisitExpression(static_cast<ImportCall*>(e)->specifier);
        VisitExpression(static_cast<ImportCall*>(e)->options);
        return;
      case NodeKind::kImportMeta:
        return;
      case NodeKind::kTemplateLiteral:
        for (Expr* x : static_cast<TemplateLiteral*>(e)->exprs) VisitExpression(x);
        return;
      case NodeKind::kTaggedTemplate:
        VisitExpression(static_cast<TaggedTemplate*>(e)->tag);
        VisitExpression(static_cast<TaggedTemplate*>(e)->quasi);
        return;
      case NodeKind::kArrayLiteral:
        for (Expr* x : static_cast<ArrayLiteral*>(e)->elements) VisitExpression(x);
        return;
      case NodeKind::kObjectLiteral:
        VisitObjectLiteral(static_cast<ObjectLiteral*>(e));
        return;
      case NodeKind::kFunctionLiteral:
        VisitFunction(static_cast<FunctionLiteral*>(e));
        return;
      case NodeKind::kClassLiteral:
        VisitClass(static_cast<ClassLiteral*>(e));
        return;
      case NodeKind::kUnary:
        VisitExpression(static_cast<Unary*>(e)->operand);
        return;
      case NodeKind::kUpdate:
        VisitAssignmentTarget(static_cast<Update*>(e)->target);
        if (auto* id = static_cast<Update*>(e)->target->As<Identifier>()) Resolve(id, true);
        return;
      case NodeKind::kBinary:
        VisitExpression(static_cast<Binary*>(e)->left);
        VisitExpression(static_cast<Binary*>(e)->right);
        return;
      case NodeKind::kLogical:
        VisitExpression(static_cast<Logical*>(e)->left);
        VisitExpression(static_cast<Logical*>(e)->right);
        return;
      case NodeKind::kAssignment: {
        auto* a = static_cast<Assignment*>(e);
        if (a->op != AssignOp::kAssign) {
          if (auto* id = a->target->As<Identifier>()) Resolve(id, false);
        }
        VisitAssignmentTarget(a->target);
        VisitExpression(a->value);
        return;
      }
      case NodeKind::kConditional:
        VisitExpression(static_cast<Conditional*>(e)->test);
        VisitExpression(static_cast<Conditional*>(e)->then_expr);
        VisitExpression(static_cast<Conditional*>(e)->else_expr);
        return;
      case NodeKind::kCall: {
        auto* c = static_cast<Call*>(e);
        if (c->callee->Is<SuperExpression>()) {
          // super(...) in an arrow: the constructor's closure and new.target.
          ResolveFunctionVar(c->callee, u".new.target", &tree_->new_target_refs);
          ResolveFunctionVar(c->callee, u".this_function", &tree_->this_function_refs);
        }
        VisitExpression(c->callee);
        for (Expr* a : c->args) VisitExpression(a);
        auto* callee = c->callee->As<Identifier>();
        if (callee && callee->name == u"eval" && !c->optional) NotePossibleDirectEval(c);
        return;
      }
      case NodeKind::kNew:
        VisitExpression(static_cast<New*>(e)->callee);
        for (Expr* a : static_cast<New*>(e)->args) VisitExpression(a);
        return;
      case NodeKind::kMember:
      case NodeKind::kKeyed: {
        Expr* object = e->Is<Member>() ? static_cast<Member*>(e)->object : static_cast<Keyed*>(e)->object;
        VisitExpression(object);
        if (object->Is<SuperExpression>()) ResolveHomeObject(object);
        if (auto* k = e->As<Keyed>()) VisitExpression(k->key);
        return;
      }
      case NodeKind::kOptionalChain:
        VisitExpression(static_cast<OptionalChain*>(e)->expr);
        return;
      case NodeKind::kSequence:
        for (Expr* x : static_cast<Sequence*>(e)->exprs) VisitExpression(x);
        return;
      case NodeKind::kSpread:
        VisitExpression(static_cast<Spread*>(e)->arg);
        return;
      case NodeKind::kYield:
        if (Expr* arg = static_cast<Yield*>(e)->arg) VisitExpression(arg);
        return;
      case NodeKind::kAwait:
        VisitExpression(static_cast<Await*>(e)->arg);
        return;
      case NodeKind::kArrayPattern:
      case NodeKind::kObjectPattern:
        VisitAssignmentTarget(e);
        return;
      default:
        return;
    }
  }

  // A call `eval(...)`: every scope around it keeps all its variables in its
  // context, and every function around it has its `this` and `arguments`
  // (V8 declares them for every non-arrow function; the eval makes them
  // all context variables).
  void NotePossibleDirectEval(Call* c) {
    tree_->possible_direct_evals.insert(c);
    if (param_tdz_scope_ && current_ == param_tdz_scope_) tree_->parameter_evals.insert(c);
    for (Scope* s = current_; s && !s->deserialized; s = s->outer) {
      s->inner_calls_eval = true;
      if (s->kind != ScopeKind::kFunction || s->is_arrow()) continue;
      ThisVar(s)->is_used = true;
      if (!s->Lookup(u".new.target")) Declare(s, u".new.target", VarKind::kNewTarget, 0)->is_used = true;
      if (!s->Lookup(u"arguments") && !s->arguments_var) {
        Variable* a = ArgumentsVar(s);
        a->is_used = true;
        a->declaration_pos = UINT32_MAX;  // V8 puts it after the declared variables
      }
    }
    // The eval code may read super.x: the method's home object is kept.
    UseHomeObject();
  }

  // ---------------------------------------------------------------- allocation

  // ---------------------------------------------------------------- modules

  // The module's import bindings (before its code is visited).
  void DeclareImports(const std::vector<Stmt*>& body, Scope* scope) {
    for (Stmt* s : body) {
      auto* d = s->As<ImportDecl>();
      if (!d) continue;
      for (ImportBinding& b : d->bindings) {
        Variable* v = Declare(scope, b.local->name, VarKind::kImport, 0, b.pos.offset);
        v->is_used = true;
        v->import_name = b.import_name;
        // (Its request index is known once DescribeModule has the requests in order.)
        if (b.is_namespace) v->module_request = 0;
        b.local->var = v;
      }
    }
  }

  int RequestIndex(const std::u16string& specifier, const std::u16string& type) {
    auto& requests = tree_->module.requests;
    for (size_t i = 0; i < requests.size(); ++i) {
      if (requests[i].specifier == specifier && requests[i].type == type) return static_cast<int>(i);
    }
    requests.push_back({specifier, type});
    return static_cast<int>(requests.size() - 1);
  }

  // The module's requests, imports and exports (the spec's ParseModule),
  // and the module cell of every exported variable and import (V8's
  // numbering: by name).
  void DescribeModule(Program* program, Scope* scope) {
    ModuleDescriptor& m = tree_->module;
    m.has_top_level_await = program->has_top_level_await;
    // Requests in source order.
    for (Stmt* s : program->body) {
      if (auto* d = s->As<ImportDecl>()) RequestIndex(d->specifier, d->type_attribute);
      auto* e = s->As<ExportDecl>();
      if (e && (e->export_kind == ExportKind::kStar || e->export_kind == ExportKind::kStarAs ||
                e->export_kind == ExportKind::kFrom)) {
        RequestIndex(e->specifier, e->type_attribute);
      }
    }
    for (Stmt* s : program->body) {
      auto* d = s->As<ImportDecl>();
      if (!d) continue;
      for (ImportBinding& b : d->bindings) {
        if (b.is_namespace) b.local->var->module_request = RequestIndex(d->specifier, d->type_attribute);
      }
    }
    auto local_export = [&](const std::u16string& export_name, Variable* v) {
      v->exported = true;
      v->is_used = true;
      m.local_exports.push_back({export_name, v->name, 0});
    };
    for (Stmt* s : program->body) {
      auto* e = s->As<ExportDecl>();
      if (!e) continue;
      switch (e->export_kind) {
        case ExportKind::kDeclaration: {
          std::vector<Identifier*> names;
          if (auto* v = e->declaration->As<VarDecl>()) {
            for (auto& d : v->declarators) BoundNames(d.target, &names);
          } else if (auto* f = e->declaration->As<FunctionDecl>()) {
            names.push_back(f->fn->name);
          } else if (auto* c = e->declaration->As<ClassDecl>()) {
            names.push_back(c->cls->name);
          }
          for (Identifier* id : names) local_export(id->name, scope->Lookup(id->name));
          break;
        }
        case ExportKind::kDefault: {
          Identifier* id = e->default_binding;
          if (auto* f = e->declaration ? e->declaration->As<FunctionDecl>() : nullptr) id = f->fn->name;
          if (auto* c = e->declaration ? e->declaration->As<ClassDecl>() : nullptr) id = c->cls->name;
          local_export(u"default", scope->Lookup(id->name));
          break;
        }
        case ExportKind::kNamed:
          for (ExportSpecifier& spec : e->specifiers) {
            Variable* v = scope->Lookup(spec.local_name);
            if (v->kind == VarKind::kImport && v->module_request >= 0) {
              // Re-exporting an imported namespace: an indirect export of the whole module.
              m.indirect_exports.push_back({spec.export_name, u"", v->module_request, true});
            } else if (v->kind == VarKind::kImport) {
              // Re-exporting an import: an indirect export of what it imports.
              int request = -1;
              for (Stmt* t : program->body) {
                auto* d = t->As<ImportDecl>();
                if (!d) continue;
                for (ImportBinding& b : d->bindings) {
                  if (b.local->var == v) request = RequestIndex(d->specifier, d->type_attribute);
                }
              }
              m.indirect_exports.push_back({spec.export_name, v->import_name, request, false});
            } else {
              local_export(spec.export_name, v);
            }
          }
          break;
        case ExportKind::kFrom:
          for (ExportSpecifier& spec : e->specifiers) {
            m.indirect_exports.push_back({spec.export_name, spec.local_name, RequestIndex(e->specifier, e->type_attribute), false});
          }
          break;
        case ExportKind::kStarAs:
          m.indirect_exports.push_back({e->star_name, u"", RequestIndex(e->specifier, e->type_attribute), true});
          break;
        case ExportKind::kStar:
          m.star_exports.push_back(RequestIndex(e->specifier, e->type_attribute));
          break;
      }
    }
    // Cells: exported variables 1, 2, ... and imports -1, -2, ..., each
    // sorted by name.
    std::vector<Variable*> exported, imported;
    for (Variable* v : scope->variables) {
      if (v->exported) exported.push_back(v);
      else if (v->kind == VarKind::kImport && v->module_request < 0) imported.push_back(v);
    }
    auto by_name = [](const Variable* a, const Variable* b) { return a->name < b->name; };
    std::sort(exported.begin(), exported.end(), by_name);
    std::sort(imported.begin(), imported.end(), by_name);
    for (size_t i = 0; i < exported.size(); ++i) module_cells_[exported[i]] = static_cast<int>(i + 1);
    for (size_t i = 0; i < imported.size(); ++i) module_cells_[imported[i]] = -static_cast<int>(i + 1);
    m.cell_count = static_cast<uint32_t>(exported.size());
    for (auto& e : m.local_exports) e.cell = module_cells_.at(scope->Lookup(e.local_name));
    for (Stmt* s : program->body) {
      auto* d = s->As<ImportDecl>();
      if (!d) continue;
      for (ImportBinding& b : d->bindings) {
        if (b.is_namespace) continue;
        m.imports.push_back({b.local->name, b.import_name, RequestIndex(d->specifier, d->type_attribute),
                             module_cells_.at(b.local->var)});
      }
    }
  }

  void Allocate(Scope* scope) {
    Scope* closure = scope->ClosureScope();
    if (scope->inner_calls_eval) {
      for (Variable* v : scope->variables) v->maybe_assigned = true;  // eval code may assign any of them
    }
    uint32_t slot = Context::kFirstSlot;
    auto to_context = [&](Variable* v) {
      v->location = VarLocation::kContext;
      v->index = static_cast<int>(slot++);
    };
    auto to_register = [&](Variable* v) {
      v->location = VarLocation::kLocal;
      v->index = static_cast<int>(next_register_[closure]++);
    };
    // A generator's or async function's r0 holds its generator object (V8's
    // generator register); its locals start at r1.
    if (scope->kind == ScopeKind::kFunction) {
      next_register_[scope] = scope->function && (scope->function->is_generator || scope->function->is_async) ? 1 : 0;
    }
    if (scope->kind == ScopeKind::kModule) {
      // The module's code is resumable (its generator object in r0); the
      // module occupies the context's first slot; exports and imports live
      // in module cells.
      next_register_[scope] = 1;
      to_context(scope->Lookup(u".module"));
      for (Variable* v : scope->variables) {
        if (v->exported || (v->kind == VarKind::kImport && v->module_request < 0)) {
          v->location = VarLocation::kModule;
          v->index = module_cells_.at(v);
        }
      }
    }
    // V8's order: the receiver, then the parameters from the last to the
    // first, then the other variables in source order.
    if (scope->kind == ScopeKind::kFunction) {
      // A sloppy eval caller's extension slot comes first (slot 2, as in V8).
      if (Variable* e = scope->Lookup(u".extension")) to_context(e);
      if (Variable* t = scope->this_var) {
        if (MustAllocateInContext(t)) {
          to_context(t);
        } else if (scope->function->fn_kind == FunctionKind::kDerivedConstructor) {
          to_register(t);
        } else {
          t->location = VarLocation::kReceiver;
        }
      }
      std::vector<Variable*> params;
      for (Variable* v : scope->variables) {
        if (v->kind == VarKind::kParameter) params.push_back(v);
      }
      std::sort(params.begin(), params.end(), [](Variable* a, Variable* b) { return a->index > b->index; });
      for (Variable* v : params) {
        int param_index = v->index;
        if (MustAllocateInContext(v)) {
          to_context(v);
          if (scope->uses_arguments && !scope->function->strict) v->maybe_assigned = true;  // aliased
          param_index_[v] = param_index;
        } else {
          v->location = VarLocation::kParameter;
        }
      }
    }
    std::vector<Variable*> locals;
    for (Variable* v : scope->variables) {
      if (v->kind != VarKind::kParameter && v->kind != VarKind::kThis && v->kind != VarKind::kExtension &&
          v->location != VarLocation::kModule) {
        locals.push_back(v);
      }
    }
    std::stable_sort(locals.begin(), locals.end(),
                     [](Variable* a, Variable* b) { return a->declaration_pos < b->declaration_pos; });
    for (Variable* v : locals) {
      if (scope->kind == ScopeKind::kScript && (v->kind == VarKind::kVar || v->kind == VarKind::kFunction)) {
        // Sloppy direct eval code declares them in its caller's var scope;
        // strict eval code keeps them (they are its locals).
        if (scope->VarsAreGlobal()) {
          v->location = VarLocation::kGlobal;
          continue;
        }
        if (!scope->strict()) {
          v->location = VarLocation::kLookup;
          continue;
        }
      }
      if (!MustAllocate(v)) continue;
      if (MustAllocateInContext(v)) to_context(v);
      else to_register(v);
    }
    if ((scope->kind == ScopeKind::kScript || scope->kind == ScopeKind::kModule) && scope->this_var) {
      Variable* t = scope->this_var;
      if (t->captured) to_context(t);
      else t->location = VarLocation::kReceiver;
    }
    if (Variable* f = scope->function_name_var) {
      if (f->captured || scope->inner_calls_eval) to_context(f);
      else f->location = VarLocation::kClosure;
    }
    scope->context_slots = slot - Context::kFirstSlot;
    // V8 gives every class body a block context, even an empty one.
    scope->needs_context = scope->context_slots > 0 || scope->kind == ScopeKind::kClass || scope->kind == ScopeKind::kWith ||
                           scope->kind == ScopeKind::kModule;
    for (Scope* inner : scope->inner) Allocate(inner);
  }

  ScopeTree* tree_;
  ScopeError* error_;
  Scope* current_ = nullptr;
  Scope* param_tdz_scope_ = nullptr;  // while visiting parameter defaults
  int param_tdz_index_ = 0;
  int loop_nesting_ = 0;  // while hoisting: loops around the current statement
  bool failed_ = false;
  std::unordered_map<Scope*, uint32_t> next_register_;
  // Module code: the cell index of each exported variable and import.
  std::unordered_map<const Variable*, int> module_cells_;
  // The home-object variable name of each method (class members and
  // object-literal methods and accessors).

  std::unordered_map<Variable*, int> param_index_;
  // Annex B: sloppy block functions and the function-level var each feeds.
  std::unordered_map<const FunctionDecl*, Variable*> sloppy_block_functions_;
  // While hoisting: names a var could not have here without an early error
  // (enclosing let/const/class, catch parameter patterns, parameters).
  std::vector<std::u16string> annex_b_blocked_;

  friend bool jsvm::AnalyzeScopes(Program*, ScopeTree*, ScopeError*);
 public:
  const std::unordered_map<Variable*, int>& param_index() const { return param_index_; }
  const std::unordered_map<Scope*, uint32_t>& register_counts() const { return next_register_; }
};

}  // namespace

bool AnalyzeScopes(Program* program, ScopeTree* tree, ScopeError* error) {
  Analyzer analyzer(tree, error);
  bool ok = analyzer.Run(program);
  for (auto& [var, index] : analyzer.param_index()) tree->parameter_index[var] = index;
  for (auto& [scope, count] : analyzer.register_counts()) tree->local_register_count[scope] = count;
  return ok;
}

void DeserializeScopeChain(ScopeTree* tree, const Context* context, FunctionLiteral* owner) {
  std::vector<Scope*> chain;  // innermost first
  for (const Context* c = context; c; c = c->previous()) {
    ScopeInfo* si = c->scope_info();
    ScopeKind kind = ScopeKind::kBlock;  // block, script and eval contexts: plain name-to-slot maps
    switch (si->type()) {
      case ScopeType::kFunction: kind = ScopeKind::kFunction; break;
      case ScopeType::kCatch: kind = ScopeKind::kCatch; break;
      case ScopeType::kClass: kind = ScopeKind::kClass; break;
      case ScopeType::kWith: kind = ScopeKind::kWith; break;
      default: break;
    }
    tree->scopes.push_back(std::make_unique<Scope>(kind, nullptr, owner));
    Scope* scope = tree->scopes.back().get();
    scope->deserialized = true;
    scope->needs_context = true;
    scope->scope_info = si;
    scope->context_slots = si->slot_count();
    scope->calls_sloppy_eval = kind == ScopeKind::kFunction && si->has_extension();
    for (uint32_t i = 0; i < si->slot_count(); ++i) {
      if (si->has_extension() && i == 0) continue;  // .extension
      tree->variables.push_back(std::make_unique<Variable>());
      Variable* v = tree->variables.back().get();
      v->name = std::u16string(si->name(i)->view());
      switch (si->mode(i)) {
        case VariableMode::kVar: v->kind = VarKind::kVar; break;
        case VariableMode::kLet: v->kind = VarKind::kLet; break;
        case VariableMode::kConst: v->kind = VarKind::kConst; break;
        case VariableMode::kParam: v->kind = VarKind::kParameter; break;
        case VariableMode::kThis: v->kind = VarKind::kThis; break;
        case VariableMode::kFunctionName: v->kind = VarKind::kFunctionName; break;
        case VariableMode::kClassName: v->kind = VarKind::kClassName; break;
        case VariableMode::kArguments: v->kind = VarKind::kArguments; break;
        case VariableMode::kInternal:
          v->kind = v->name[0] == u'#' || v->name == kBrandVarName ? VarKind::kPrivateName : VarKind::kHomeObject;
          break;
      }
      v->scope = scope;
      v->location = VarLocation::kContext;
      v->index = static_cast<int>(Context::kFirstSlot + i);
      v->is_used = true;
      v->initializer_end = 0xFFFFFFFFu;  // lexicals are checked for the hole
      scope->variables.push_back(v);
      scope->by_name[v->name] = v;
    }
    if (const ModuleInfo* m = si->module_info()) {
      // A module context: eval code reaches its imports and exported
      // variables in their module cells (exports are checked for the hole
      // as lexicals; which of them are const is not recorded).
      auto add = [&](String* name, int32_t cell, VarKind kind) {
        std::u16string n(name->view());
        if (scope->by_name.count(n) || n.empty() || n[0] == u'.') return;
        tree->variables.push_back(std::make_unique<Variable>());
        Variable* v = tree->variables.back().get();
        v->name = n;
        v->kind = kind;
        v->scope = scope;
        v->location = VarLocation::kModule;
        v->index = cell;
        v->is_used = true;
        v->initializer_end = 0xFFFFFFFFu;
        scope->variables.push_back(v);
        scope->by_name[n] = v;
      };
      for (const ModuleInfo::Import& i : m->imports) add(i.local_name, i.cell, VarKind::kImport);
      for (const ModuleInfo::LocalExport& e : m->local_exports) add(e.local_name, e.cell, VarKind::kLet);
    }
    if (!chain.empty()) chain.back()->outer = scope;
    chain.push_back(scope);
  }
  tree->outer_scope = chain.empty() ? nullptr : chain.front();
  tree->outer_contexts.assign(chain.rbegin(), chain.rend());
}

namespace {
const char* LocationName(VarLocation l) {
  switch (l) {
    case VarLocation::kUnallocated: return "unallocated";
    case VarLocation::kParameter: return "parameter";
    case VarLocation::kLocal: return "register";
    case VarLocation::kContext: return "context";
    case VarLocation::kGlobal: return "global";
    case VarLocation::kClosure: return "closure";
    case VarLocation::kReceiver: return "receiver";
    case VarLocation::kLookup: return "lookup";
    case VarLocation::kModule: return "module";
  }
  return "?";
}
const char* ScopeKindName(ScopeKind k) {
  switch (k) {
    case ScopeKind::kScript: return "script";
    case ScopeKind::kModule: return "module";
    case ScopeKind::kFunction: return "function";
    case ScopeKind::kBlock: return "block";
    case ScopeKind::kCatch: return "catch";
    case ScopeKind::kClass: return "class";
    case ScopeKind::kWith: return "with";
  }
  return "?";
}
}  // namespace

std::string DumpScopes(const ScopeTree& tree) {
  std::ostringstream out;
  std::function<void(const Scope*, int)> dump = [&](const Scope* s, int depth) {
    std::string indent(depth * 2, ' ');
    out << indent << ScopeKindName(s->kind);
    if (s->kind == ScopeKind::kFunction) {
      out << " " << (s->function->name ? Utf16ToUtf8(s->function->name->name) : std::string("(anonymous)"));
    }
    if (s->needs_context) out << " [context: " << s->context_slots << " slots]";
    out << "\n";
    std::vector<Variable*> vars = s->variables;
    if (s->function_name_var) vars.push_back(s->function_name_var);
    for (const Variable* v : vars) {
      out << indent << "  " << Utf16ToUtf8(v->name) << ": " << LocationName(v->location);
      if (v->location == VarLocation::kContext || v->location == VarLocation::kLocal ||
          v->location == VarLocation::kParameter) {
        out << " " << v->index;
      }
      if (v->captured) out << " (captured)";
      out << "\n";
    }
    for (const Scope* i : s->inner) dump(i, depth + 1);
  };
  if (tree.script) dump(tree.script, 0);
  return out.str();
}

}  // namespace jsvm
