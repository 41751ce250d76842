// ES modules at run time: the module record (the spec's Source Text Module
// Record, and the synthetic record of a JSON module), linking and
// evaluation with cycles and top-level await (ECMA-262 16.2.1.5), and the
// module namespace exotic object.
//
// A module's variables that are exported live in module cells (Box cells,
// V8's Cell): `export let x` is cell 1, ..., and an import is a reference to
// the exporting module's cell, shared, which is what makes bindings live.
// The module's code runs in a module context whose first slot holds the
// record; LdaModuleVariable [cell], [depth] finds it there.
//
// Loading (files, specifiers, JSON) is module-loader.h's; this file knows
// nothing of files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gc/external-memory.h"
#include "vm/execution/runtime.h"
#include "vm/objects/function.h"
#include "vm/objects/object.h"
#include "vm/objects/promise.h"

namespace jsvm {

// [[Status]] of a cyclic module record.
enum class ModuleStatus : uint8_t { kNew, kUnlinked, kLinking, kLinked, kEvaluating, kEvaluatingAsync, kEvaluated };

class SourceTextModule final : public Object {
 public:
  // A module whose code is `code` (module code's top-level function), or,
  // with `code` null, a synthetic module whose one export "default" is
  // `json_value` (a JSON module).
  SourceTextModule(String* path, FunctionInfo* code, Value json_value);

  String* path() const { return path_; }
  FunctionInfo* code() const { return code_; }
  const ModuleInfo* info() const { return code_ ? code_->scope_info->module_info() : nullptr; }
  bool is_synthetic() const { return code_ == nullptr; }

  ModuleStatus status = ModuleStatus::kNew;
  // [[EvaluationError]]: set once evaluation threw.
  bool has_error = false;
  Value error;
  uint32_t dfs_index = 0;
  uint32_t dfs_ancestor_index = 0;
  SourceTextModule* cycle_root = nullptr;
  bool has_tla = false;
  bool async_evaluation = false;
  uint64_t async_order = 0;
  uint32_t pending_async_deps = 0;
  ExternalVector<SourceTextModule*> async_parents;
  // [[TopLevelCapability]]: the promise Evaluate() returned (cycle roots).
  Value capability;
  // The loaded module of each request (ModuleInfo::requests), in order.
  ExternalVector<SourceTextModule*> requested;
  // Export cells (cell i is cells[i - 1]) and linked import cells (cell -i
  // is imports[i - 1]).
  ExternalVector<Box*> cells;
  ExternalVector<Box*> imports;
  // Made by InitializeEnvironment: the module context and the generator
  // object its code suspended in after its declarations.
  Context* context = nullptr;
  Value generator;
  Object* namespace_object = nullptr;
  Object* meta = nullptr;  // import.meta, made on first use

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override;
  std::string SnapshotName() const override { return "system / SourceTextModule"; }

 private:
  String* path_;
  FunctionInfo* code_;
  Value json_value_;
  friend void InitializeModuleEnvironment(Runtime& rt, SourceTextModule* module);
  friend void ExecuteModuleBody(Runtime& rt, SourceTextModule* module, bool* suspended);
};

// The module namespace exotic object: the module's exports, by name, as
// live read-only properties; a null prototype; not extensible.
class ModuleNamespace final : public Object {
 public:
  explicit ModuleNamespace(SourceTextModule* module) : Object(CellKind::kModuleNamespace, nullptr), module_(module) {}
  SourceTextModule* module() const { return module_; }
  // Export names in code-unit order, and the cell each resolves to.
  ExternalVector<String*> names;
  ExternalVector<Box*> bindings;
  // The binding named `name` (null when there is none).
  Box* Find(String* name) const;

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override;
  std::string SnapshotName() const override { return "Module"; }

 private:
  SourceTextModule* module_;
};

// Module cells start as the hole (TDZ) until the module's code initialises them.
SourceTextModule* NewSourceTextModule(Runtime& rt, String* path, FunctionInfo* code, Value json_value);

// Link(): InnerModuleLinking over the graph from `module` (all requested
// modules loaded). Throws a SyntaxError for an import or re-export no module
// provides, or provides ambiguously; the graph is then left unlinked.
void LinkModule(Runtime& rt, SourceTextModule* module);

// Evaluate(): runs the graph's code once, dependencies first. Returns the
// promise of its completion (rejected with the first error thrown; settled
// later when a module awaits at its top level).
PromiseObject* EvaluateModule(Runtime& rt, SourceTextModule* module);

// GetModuleNamespace(module): its namespace object, made on first use.
Object* GetModuleNamespace(Runtime& rt, SourceTextModule* module);

// The module whose code runs in (or inside) `context`, or null for script code.
SourceTextModule* ModuleOfContext(const Context* context);

// The value of module cell `cell` of the module whose context is `context`
// (LdaModuleVariable), and the store (StaModuleVariable: exports only).
// A TypeError when the context is no module's or the cell is not there.
Value LoadModuleVariable(Runtime& rt, const Context* context, int32_t cell);
void StoreModuleVariable(Runtime& rt, Context* context, int32_t cell, Value value);

// The value in module cell `cell` of the module whose context is `context`
// (the hole while uninitialised), for debug views; undefined when there is
// no such cell.
Value PeekModuleCell(const Context* context, int32_t cell);
// The cell itself (null when there is none): importers share the exporter's.
const Box* ModuleCellOf(const Context* context, int32_t cell);

// ---- the namespace object's internal methods (object-ops.cc dispatches here)
bool NamespaceGetOwnProperty(Runtime& rt, ModuleNamespace* ns, PropertyKey key, Value* value, uint8_t* attrs);
bool NamespaceDefineOwnProperty(Runtime& rt, ModuleNamespace* ns, PropertyKey key, const struct PropertyDescriptor& desc);
bool NamespaceHas(Runtime& rt, ModuleNamespace* ns, PropertyKey key);
Value NamespaceGet(Runtime& rt, ModuleNamespace* ns, PropertyKey key, Value receiver);
bool NamespaceDelete(Runtime& rt, ModuleNamespace* ns, PropertyKey key);
// Own keys: the export names, then the symbols (@@toStringTag).
void NamespaceOwnKeys(Runtime& rt, ModuleNamespace* ns, std::vector<PropertyKey>* keys, uint8_t filter);

}  // namespace jsvm
