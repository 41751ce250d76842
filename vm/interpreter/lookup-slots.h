// Names resolved at run time: the bindings that static scoping cannot place,
// inside `with` and around a sloppy direct eval that may declare variables in
// its caller (V8's lookup slots). A lookup walks the context chain from the
// innermost context: a with context's object (its @@unscopables honoured), a
// context's named slots, a function context's eval-declared variables, then
// the script contexts' top-level lexicals and the global object.
// Anything here may run JavaScript (getters, proxies) and may throw JsThrow.
#pragma once

#include <cstdint>

#include "vm/execution/runtime.h"
#include "vm/objects/function.h"

namespace jsvm {

// acc = the binding `name`; a ReferenceError "name is not defined" when there
// is none (undefined instead when `inside_typeof`). When `receiver` is given it
// receives the `this` of a call through the name: a with scope's object, else
// undefined.
Value LoadLookupSlot(Runtime& rt, Context* context, String* name, bool inside_typeof, Value* receiver = nullptr);

// The binding `name` = value. An unresolvable name is a global property in
// sloppy code and a ReferenceError in strict code.
void StoreLookupSlot(Runtime& rt, Context* context, String* name, Value value, bool strict);

// The context of the var scope around `context` (the nearest function
// context), where a sloppy direct eval's var declarations live; nullptr at the
// top level (they are global properties there). Annex B's block function
// assignment starts its lookup here, past the block and catch bindings of
// the same name.
Context* VarScopeContext(Context* context);

// `delete name` in code whose names are resolved at run time: true when the
// binding is a deletable property (with objects, eval-declared variables,
// configurable globals) or absent; false for declared bindings.
bool DeleteLookupSlot(Runtime& rt, Context* context, String* name);

// Whether any of the `depth` innermost contexts from `context` has an
// extension (eval-declared variables or a with object), so that a name
// statically resolved past them must be looked up by name instead.
bool HasContextExtension(Context* context, uint32_t depth);

// The var (or function) declaration `name` of sloppy direct eval code whose
// context is `context`: declared in the nearest function context's extension
// (or as a configurable global property for eval code at the top level)
// unless that scope already has the binding. A SyntaxError when a lexical
// binding between the eval and that scope has the same name (EvalDeclaration-
// Instantiation); so is a parameter of that name when the eval was called in
// the parameter list (`in_parameters`).
// A function declaration (`function`) at the top level is a global function
// binding: an existing configurable property is redefined as a writable,
// enumerable one.
void DeclareEvalVar(Runtime& rt, Context* context, String* name, bool in_parameters = false, bool function = false);

// CanDeclareGlobalVar / CanDeclareGlobalFunction of a global var or function
// declaration `name` (scripts and eval code): a TypeError when the global
// object is not extensible and lacks the property, or (a function) when the
// property is non-configurable and not a writable, enumerable data property.
void CheckGlobalDeclaration(Runtime& rt, String* name, bool function);

}  // namespace jsvm
