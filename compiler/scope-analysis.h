// Scope analysis: builds the scope tree of a program, declares every
// variable, resolves every identifier, and gives each variable exactly one
// location: a parameter, a register, a context slot, or the global object.
//
// The rule that decides context allocation is V8's and lives in one function,
// MustAllocateInContext (scope-analysis.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/ast.h"
#include "vm/objects/function.h"

namespace jsvm {

enum class ScopeKind : uint8_t {
  kScript,    // top level of a classic script
  kFunction,  // parameters, var and (with simple parameters) the body's lexicals
  kBlock,     // block, loop head, loop body, switch, function body with non-simple parameters
  kCatch,     // the catch parameter
  kClass,     // a class body: its own name and its home objects (V8 always gives it a context)
  kWith,      // the body of a with statement: declares nothing, always has a context (the object)
  kModule,    // top level of a module: its declarations and imports; always a context (made by the runtime)
};

enum class VarKind : uint8_t {
  kVar,           // var
  kLet,
  kConst,
  kClass,         // class declaration binding (let-like)
  kFunction,      // function declaration (var-like in functions, let-like in blocks)
  kParameter,
  kCatch,         // catch parameter
  kFunctionName,  // a named function expression's own name
  kClassName,     // the class scope's inner name (const-like)
  kThis,
  kArguments,
  kNewTarget,
  kHomeObject,    // .home_object / .static_home_object: what super.x looks up (class or literal scope)
  kExtension,     // .extension: a sloppy eval caller's context slot for eval-declared variables
  kPrivateName,   // #x of a class, and .brand: the private symbols of one class evaluation (class scope)
  kImport,        // an import binding of a module (immutable; `* as ns` ones have module_request set)
};

enum class VarLocation : uint8_t {
  kUnallocated,  // never referenced: no storage at all
  kParameter,    // a0.. (index = parameter index)
  kLocal,        // a register r(index)
  kContext,      // context slot (index), in the context of its scope
  kGlobal,       // a property of the global object (top-level var/function)
  kClosure,      // a named function expression's own name read from <closure>
  kReceiver,     // `this` in its frame's <this> register
  kLookup,       // found by name at run time: a sloppy direct eval's var and function
                 // declarations, which live in its caller's var scope
  kModule,       // a module cell (LdaModuleVariable): index > 0 an export of this
                 // module, index < 0 an import (V8's cell indices)
};

// How a reference that static scoping cannot place is resolved (V8's
// DYNAMIC, DYNAMIC_LOCAL and DYNAMIC_GLOBAL): by name through the context
// chain (inside `with`), or through a context slot or the global object
// unless a sloppy direct eval on the way declared the name
// (LdaLookupContextSlot, LdaLookupGlobalSlot).
enum class LookupMode : uint8_t { kDynamic, kDynamicLocal, kDynamicGlobal };
struct DynamicRef {
  LookupMode mode;
  // kDynamicGlobal: the outermost scope crossed whose context may hold
  // eval-declared variables (the lookup checks every context up to it).
  Scope* outermost_extensible = nullptr;
};

class Scope;

// The synthetic variables super.x reads (V8's names; a leading dot keeps them
// out of [[Scopes]]).
inline constexpr const char16_t* kHomeObjectVarName = u".home_object";
inline constexpr const char16_t* kStaticHomeObjectVarName = u".static_home_object";
// The class scope's private brand (classes with instance private methods).
inline constexpr const char16_t* kBrandVarName = u".brand";

class Variable {
 public:
  std::u16string name;
  VarKind kind = VarKind::kVar;
  Scope* scope = nullptr;
  VarLocation location = VarLocation::kUnallocated;
  int index = -1;                  // parameter index, register, or context slot
  uint32_t initializer_end = 0;    // source offset after which the binding is initialised (TDZ)
  uint32_t declaration_pos = 0;    // source offset of the declaration (declaration order)
  int declaration_count = 1;       // var/function declarations of the same name
  bool declared_in_loop = false;   // a var with an initialiser inside a loop
  bool is_used = false;            // referenced anywhere (declarations with initialisers count)
  bool captured = false;           // referenced from an inner function
  bool maybe_assigned = false;     // assigned after its initialisation
  bool needs_hole_init = false;    // some reference needs a TDZ hole check
  bool sloppy_block_function = false;  // Annex B: also copied to a function-level var
  bool forced_context = false;     // referenced through a with scope: found by name, so in a context
  bool exported = false;           // a module variable some export names: it lives in a module cell
  int module_request = -1;         // `import * as x`: the index of the module request it names
  std::u16string import_name;      // other imports: the name imported

  bool IsLexical() const {
    return kind == VarKind::kLet || kind == VarKind::kConst || kind == VarKind::kClass ||
           kind == VarKind::kClassName;
  }
  bool IsConst() const { return kind == VarKind::kConst || kind == VarKind::kClassName || kind == VarKind::kImport; }
  VariableMode Mode() const;
};

class Scope {
 public:
  Scope(ScopeKind kind, Scope* outer, FunctionLiteral* function);

  ScopeKind kind;
  Scope* outer;
  FunctionLiteral* function;  // the function this scope belongs to (top: Program::top)
  std::vector<Scope*> inner;
  std::vector<Variable*> variables;  // declaration order
  std::unordered_map<std::u16string, Variable*> by_name;

  bool is_function_scope() const {
    return kind == ScopeKind::kFunction || kind == ScopeKind::kScript || kind == ScopeKind::kModule;
  }
  // A script's, or sloppy indirect eval code's, top level: its var and
  // function declarations are global-object properties.
  bool VarsAreGlobal() const { return kind == ScopeKind::kScript && !direct_eval && !(is_eval && strict()); }
  bool is_arrow() const;
  bool strict() const;
  bool nonlinear = false;    // switch scopes: positions do not prove initialisation
  bool is_eval = false;      // script scopes only: the code of an eval (an eval scope)
  bool direct_eval = false;  // script scopes only: the code of a direct eval, inside `outer`'s scopes
  // Rebuilt from a run-time context's scope info (the callers of a direct
  // eval): its variables are context slots already; nothing is allocated.
  bool deserialized = false;
  // Function scopes whose own code calls eval in sloppy mode: a direct eval
  // may add variables, kept in the context's extension slot.
  bool calls_sloppy_eval = false;
  // This scope or one inside it calls eval: the eval code may name any of
  // its variables, so all of them live in the context (V8's rule).
  bool inner_calls_eval = false;
  bool needs_context = false;
  uint32_t context_slots = 0;  // variables in the context
  ScopeInfo* scope_info = nullptr;  // made by the generator for context scopes

  // Function scopes only.
  Variable* this_var = nullptr;
  Variable* arguments_var = nullptr;
  Variable* function_name_var = nullptr;  // named function expression
  bool uses_arguments = false;            // `arguments` resolved to this function
  bool has_rest = false;

  Variable* Lookup(const std::u16string& name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : it->second;
  }
  // The nearest function (or script) scope, this one included (the
  // outermost one of a deserialized chain that has none).
  Scope* ClosureScope();
  // Context variables in slot order (slot = Context::kFirstSlot + i).
  std::vector<Variable*> ContextVariables() const;
};

// What a module imports and exports (the module record's static part, as
// the spec's ParseModule gathers it), for the runtime's linking.
struct ModuleDescriptor {
  // The modules it requests, in source order, each once.
  struct Request {
    std::u16string specifier;
    std::u16string type;  // import attribute `type` ("json"), or empty
  };
  std::vector<Request> requests;
  // Named and default imports: the module cell (-1, -2, ...) the binding
  // reads, where the requested module's export `import_name` is linked in.
  struct Import {
    std::u16string local_name;
    std::u16string import_name;
    int request;
    int cell;
  };
  std::vector<Import> imports;
  // Exports of this module's own variables (cell 1, 2, ...): one entry per
  // exported name.
  struct LocalExport {
    std::u16string export_name;
    std::u16string local_name;
    int cell;
  };
  std::vector<LocalExport> local_exports;
  // Re-exports: `export { a as b } from 'm'`, an imported name exported
  // again, and `export * as ns from 'm'` (import_name empty, is_namespace).
  struct IndirectExport {
    std::u16string export_name;
    std::u16string import_name;
    int request;
    bool is_namespace = false;
  };
  std::vector<IndirectExport> indirect_exports;
  std::vector<int> star_exports;  // `export * from 'm'`: request indices
  uint32_t cell_count = 0;        // export cells
  bool has_top_level_await = false;
};

// The analysed program: owns scopes and variables.
class ScopeTree {
 public:
  // Set before AnalyzeScopes: the program is indirect-eval code, whose
  // let/const/class are local to the eval (V8's eval scope), not script
  // lexicals shared with later scripts.
  bool eval_code = false;
  // Set before AnalyzeScopes (with eval_code): the program is direct eval
  // code, whose scope continues outer_scope's chain.
  bool direct_eval = false;
  bool eval_in_parameters = false;  // direct eval code called in a parameter list's expressions
  bool eval_in_function = false;    // direct eval code whose nearest non-arrow function is a function
  Scope* script = nullptr;  // the top scope: kScript, or kModule for module code
  ModuleDescriptor module;  // module code: its imports and exports
  std::vector<std::unique_ptr<Scope>> scopes;
  std::vector<std::unique_ptr<Variable>> variables;
  // The scope of every FunctionLiteral, by function_id.
  std::vector<Scope*> function_scopes;
  // Identifier references that need a TDZ hole check.
  std::unordered_set<const Node*> hole_checks;
  // The `this` variable each ThisExpression / SuperExpression resolved to.
  std::unordered_map<const Node*, Variable*> this_refs;
  // new.target and super(...) inside arrow functions: the enclosing
  // function's `.new.target` and `.this_function` variables (keyed by the
  // NewTarget node, and by the super call's SuperExpression: both).
  std::unordered_map<const Node*, Variable*> new_target_refs;
  std::unordered_map<const Node*, Variable*> this_function_refs;
  // The home-object variable each `super.x` / `super[x]` resolved to (keyed
  // by its SuperExpression).
  std::unordered_map<const Node*, Variable*> super_refs;
  // References that always throw a TDZ ReferenceError (a parameter default
  // reading its own or a later parameter).
  std::unordered_set<const Node*> tdz_errors;
  // for (let/const x of/in right): the scope holding x's TDZ copy for `right`.
  std::unordered_map<const Node*, Scope*> tdz_scopes;
  // Annex B.3.3: a sloppy block function's block binding and the
  // function-level var it is copied to when the declaration is evaluated.
  struct AnnexB {
    Variable* block_binding;
    Variable* var;
  };
  std::unordered_map<const Node*, AnnexB> annex_b;
  // Body vars of functions with parameter expressions that start as a copy
  // of the same-named parameter.
  std::unordered_map<Variable*, Variable*> param_copies;
  // Parameter index of parameters moved into the context.
  std::unordered_map<const Variable*, int> parameter_index;
  // Variables of enclosing functions that each function's own code
  // references (not its inner functions'), in first-use order, and the other
  // way round: the functions whose own code references each variable.
  std::unordered_map<const FunctionLiteral*, std::vector<Variable*>> captures;
  std::unordered_map<const Variable*, std::vector<const FunctionLiteral*>> capturers;
  // Registers taken by local variables, per function scope (temporaries go above).
  std::unordered_map<const Scope*, uint32_t> local_register_count;
  // Calls `eval(...)` that may be direct evals (the callee the identifier
  // eval, not an optional call): resolved at run time.
  std::unordered_set<const Node*> possible_direct_evals;
  // Those among them in a parameter list's expressions.
  std::unordered_set<const Node*> parameter_evals;
  // References resolved at run time (keyed by Identifier).
  std::unordered_map<const Node*, DynamicRef> dynamic_refs;
  // Direct eval code: the innermost scope of its caller, rebuilt from the
  // run-time context chain (DeserializeScopeChain), and all of those scopes
  // outermost first (the context chain the code starts in).
  Scope* outer_scope = nullptr;
  std::vector<Scope*> outer_contexts;
  // Direct eval code in a method: the home-object variable super.x reads
  // (kHomeObjectVarName or kStaticHomeObjectVarName), found in outer_scope's chain.
  const char16_t* eval_home_object = nullptr;
  // The home object of each method (and class initializer), by name.
  std::unordered_map<const FunctionLiteral*, const char16_t*> home_objects;
};

struct ScopeError {
  std::string message;
  SourcePos pos;
};

// Analyses `program` (parsed with ParseProgram). Fills Scope pointers in the
// AST and Identifier::var. Returns false and sets *error on an early error
// that needs scope information.
bool AnalyzeScopes(Program* program, ScopeTree* tree, ScopeError* error);

// Rebuilds the scopes of a run-time context chain (innermost `context`) for
// the code of a direct eval made in it, setting tree->outer_scope and
// tree->outer_contexts. Call before AnalyzeScopes, with tree->eval_code set.
void DeserializeScopeChain(ScopeTree* tree, const Context* context, FunctionLiteral* owner);

// Text dump of the scope tree with every variable's location, for tests and
// `jsvm scopes --static`.
std::string DumpScopes(const ScopeTree& tree);

}  // namespace jsvm
