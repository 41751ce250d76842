#include "vm/modules/module-record.h"

#include <algorithm>

#include "vm/builtins/generator.h"
#include "vm/builtins/promise.h"
#include "vm/execution/operations.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/generator.h"
#include "vm/objects/object-ops.h"

namespace jsvm {

// ---------------------------------------------------------------- records

SourceTextModule::SourceTextModule(String* path, FunctionInfo* code, Value json_value)
    : Object(CellKind::kModule, nullptr), path_(path), code_(code), json_value_(json_value) {}

void SourceTextModule::Trace(Visitor& v) const {
  TraceProperties(v);
  v.Edge(path_, EdgeType::kInternal, EdgeName::Str("path"));
  if (code_) v.Edge(code_, EdgeType::kInternal, EdgeName::Str("code"));
  TraceValue(v, json_value_, EdgeType::kInternal, EdgeName::Str("value"));
  TraceValue(v, error, EdgeType::kInternal, EdgeName::Str("error"));
  TraceValue(v, capability, EdgeType::kInternal, EdgeName::Str("top_level_capability"));
  TraceValue(v, generator, EdgeType::kInternal, EdgeName::Str("generator"));
  if (cycle_root) v.Edge(cycle_root, EdgeType::kWeak, EdgeName::Str("cycle_root"));
  for (SourceTextModule* m : async_parents) v.Edge(m, EdgeType::kInternal, EdgeName::Str("async_parent"));
  for (SourceTextModule* m : requested) {
    if (m) v.Edge(m, EdgeType::kInternal, EdgeName::Str("requested_module"));
  }
  for (Box* b : cells) v.Edge(b, EdgeType::kInternal, EdgeName::Str("export"));
  for (Box* b : imports) {
    if (b) v.Edge(b, EdgeType::kInternal, EdgeName::Str("import"));
  }
  if (context) v.Edge(context, EdgeType::kInternal, EdgeName::Str("context"));
  if (namespace_object) v.Edge(namespace_object, EdgeType::kInternal, EdgeName::Str("namespace"));
  if (meta) v.Edge(meta, EdgeType::kInternal, EdgeName::Str("import_meta"));
}

size_t SourceTextModule::OwnedBytes() const {
  return Object::OwnedBytes() + (sizeof(SourceTextModule) - sizeof(Object)) +
         (async_parents.capacity() + requested.capacity()) * sizeof(void*) +
         (cells.capacity() + imports.capacity()) * sizeof(Box*);
}

Box* ModuleNamespace::Find(String* name) const {
  auto it = std::lower_bound(names.begin(), names.end(), name,
                             [](String* a, String* b) { return a->view() < b->view(); });
  if (it == names.end() || (*it)->view() != name->view()) return nullptr;
  return bindings[static_cast<size_t>(it - names.begin())];
}

void ModuleNamespace::Trace(Visitor& v) const {
  TraceProperties(v);
  v.Edge(module_, EdgeType::kInternal, EdgeName::Str("module"));
  for (size_t i = 0; i < names.size(); ++i) {
    v.Edge(names[i], EdgeType::kInternal, EdgeName::Str("name"));
    if (bindings[i]) v.Edge(bindings[i], EdgeType::kInternal, EdgeName::Str("binding"));
  }
}

size_t ModuleNamespace::OwnedBytes() const {
  return Object::OwnedBytes() + (sizeof(ModuleNamespace) - sizeof(Object)) +
         names.capacity() * sizeof(String*) + bindings.capacity() * sizeof(Box*);
}

SourceTextModule* NewSourceTextModule(Runtime& rt, String* path, FunctionInfo* code, Value json_value) {
  Rooted<Value> value(rt, json_value);
  Rooted<SourceTextModule*> m(rt, rt.heap().New<SourceTextModule>(path, code, json_value));
  const ModuleInfo* info = m->info();
  uint32_t cells = info ? info->cell_count : 1;
  for (uint32_t i = 0; i < cells; ++i) {
    Box* b = rt.heap().New<Box>(Value::Hole());
    m->cells.push_back(b);
  }
  if (info) {
    m->imports.assign(info->imports.size(), nullptr);
    m->requested.assign(info->requests.size(), nullptr);
    m->has_tla = info->has_top_level_await;
  }
  m->status = ModuleStatus::kUnlinked;
  return m;
}

SourceTextModule* ModuleOfContext(const Context* context) {
  for (const Context* c = context; c; c = c->previous()) {
    if (c->scope_info()->type() == ScopeType::kModule) {
      return static_cast<SourceTextModule*>(c->get(Context::kFirstSlot).AsCell());
    }
  }
  return nullptr;
}

const Box* ModuleCellOf(const Context* context, int32_t cell) {
  if (!context || context->scope_info()->type() != ScopeType::kModule || context->var_count() == 0 ||
      !context->get(Context::kFirstSlot).IsCellOfKind(CellKind::kModule)) {
    return nullptr;
  }
  auto* m = static_cast<const SourceTextModule*>(context->get(Context::kFirstSlot).AsCell());
  if (cell > 0 && static_cast<size_t>(cell) <= m->cells.size()) return m->cells[static_cast<size_t>(cell - 1)];
  if (cell < 0 && static_cast<size_t>(-static_cast<int64_t>(cell)) <= m->imports.size()) {
    return m->imports[static_cast<size_t>(-static_cast<int64_t>(cell) - 1)];
  }
  return nullptr;
}

namespace {

// Cell `cell` for LdaModuleVariable/StaModuleVariable (a store only to an
// export); a TypeError for bytecode (from an untrusted file) that names no
// such cell.
Box* ModuleCellAt(Runtime& rt, const Context* context, int32_t cell, bool store) {
  const Box* b = store && cell < 0 ? nullptr : ModuleCellOf(context, cell);
  if (!b) rt.ThrowTypeError("invalid bytecode: no module cell " + std::to_string(cell) + " here");
  return const_cast<Box*>(b);
}

}  // namespace

Value PeekModuleCell(const Context* context, int32_t cell) {
  const Box* b = ModuleCellOf(context, cell);
  return b ? b->value : Value::Undefined();
}

Value LoadModuleVariable(Runtime& rt, const Context* context, int32_t cell) {
  return ModuleCellAt(rt, context, cell, false)->value;
}

void StoreModuleVariable(Runtime& rt, Context* context, int32_t cell, Value value) {
  Box* b = ModuleCellAt(rt, context, cell, true);
  NoteCellWrite(b);
  b->value = value;
}

// ---------------------------------------------------------------- resolution

namespace {

// ResolveExport's answer: a module cell, a module's namespace, nothing
// (null) or an ambiguity.
struct Resolution {
  enum Kind { kNone, kAmbiguous, kCell, kNamespace } kind = kNone;
  SourceTextModule* module = nullptr;
  int32_t cell = 0;
  bool resolved() const { return kind == kCell || kind == kNamespace; }
};

std::u16string_view Str(String* s) { return s->view(); }

Resolution ResolveExport(SourceTextModule* module, std::u16string_view name,
                         std::vector<std::pair<SourceTextModule*, std::u16string>>* resolve_set) {
  for (auto& [m, n] : *resolve_set) {
    if (m == module && n == name) return {};  // a circular import request
  }
  resolve_set->push_back({module, std::u16string(name)});
  if (module->is_synthetic()) {
    if (name == u"default") return {Resolution::kCell, module, 1};
    return {};
  }
  const ModuleInfo* info = module->info();
  for (const ModuleInfo::LocalExport& e : info->local_exports) {
    if (Str(e.export_name) == name) return {Resolution::kCell, module, e.cell};
  }
  for (const ModuleInfo::IndirectExport& e : info->indirect_exports) {
    if (Str(e.export_name) != name) continue;
    SourceTextModule* imported = module->requested[e.request];
    if (e.is_namespace) return {Resolution::kNamespace, imported, 0};
    return ResolveExport(imported, Str(e.import_name), resolve_set);
  }
  if (name == u"default") return {};
  Resolution star;
  for (uint32_t request : info->star_exports) {
    Resolution r = ResolveExport(module->requested[request], name, resolve_set);
    if (r.kind == Resolution::kAmbiguous) return r;
    if (!r.resolved()) continue;
    if (!star.resolved()) {
      star = r;
    } else if (r.module != star.module || r.kind != star.kind || r.cell != star.cell) {
      return {Resolution::kAmbiguous};
    }
  }
  return star;
}

Resolution ResolveExport(SourceTextModule* module, std::u16string_view name) {
  std::vector<std::pair<SourceTextModule*, std::u16string>> set;
  return ResolveExport(module, name, &set);
}

void GetExportedNames(SourceTextModule* module, std::vector<SourceTextModule*>* star_set,
                      std::vector<std::u16string>* names) {
  if (std::find(star_set->begin(), star_set->end(), module) != star_set->end()) return;
  star_set->push_back(module);
  auto add = [names](std::u16string_view n) {
    if (std::find(names->begin(), names->end(), n) == names->end()) names->emplace_back(n);
  };
  if (module->is_synthetic()) {
    add(u"default");
    return;
  }
  const ModuleInfo* info = module->info();
  for (const ModuleInfo::LocalExport& e : info->local_exports) add(Str(e.export_name));
  for (const ModuleInfo::IndirectExport& e : info->indirect_exports) add(Str(e.export_name));
  for (uint32_t request : info->star_exports) {
    std::vector<std::u16string> star_names;
    GetExportedNames(module->requested[request], star_set, &star_names);
    for (const std::u16string& n : star_names) {
      if (n != u"default") add(n);
    }
  }
}

[[noreturn]] void ThrowUnresolvable(Runtime& rt, SourceTextModule* module, uint32_t request, String* name,
                                    const Resolution& r) {
  std::string specifier = module->info()->requests[request].specifier->ToUtf8();
  if (r.kind == Resolution::kAmbiguous) {
    rt.ThrowSyntaxError("The requested module '" + specifier + "' contains conflicting star exports for name '" +
                        name->ToUtf8() + "'");
  }
  rt.ThrowSyntaxError("The requested module '" + specifier + "' does not provide an export named '" +
                      name->ToUtf8() + "'");
}

// The cell a resolution names (a namespace gets a cell of its own, made once).
Box* CellOf(Runtime& rt, const Resolution& r) {
  if (r.kind == Resolution::kCell) return r.module->cells[static_cast<size_t>(r.cell - 1)];
  Rooted<Value> ns(rt, Value::FromCell(GetModuleNamespace(rt, r.module)));
  return rt.heap().New<Box>(ns);
}

}  // namespace

// InitializeEnvironment: the module's imports linked to their cells, its
// context made, and its code run up to its declarations (hoisted functions
// exist from here on, as cycles may call them before the module runs).
void InitializeModuleEnvironment(Runtime& rt, SourceTextModule* module) {
  Rooted<SourceTextModule*> m(rt, module);
  if (m->is_synthetic()) {
    NoteCellWrite(m->cells[0]);
    m->cells[0]->value = m->json_value_;
    return;
  }
  const ModuleInfo* info = m->info();
  for (const ModuleInfo::IndirectExport& e : info->indirect_exports) {
    if (e.is_namespace) continue;
    Resolution r = ResolveExport(m, Str(e.export_name));
    if (!r.resolved()) ThrowUnresolvable(rt, m, e.request, e.import_name, r);
  }
  for (const ModuleInfo::Import& i : info->imports) {
    Resolution r = ResolveExport(m->requested[i.request], Str(i.import_name));
    if (!r.resolved()) ThrowUnresolvable(rt, m, i.request, i.import_name, r);
    Box* cell = CellOf(rt, r);
    m->imports[static_cast<size_t>(-i.cell - 1)] = cell;
  }
  ScopeInfo* si = m->code_->scope_info;
  Rooted<Context*> context(rt, rt.NewContext(si, rt.script_context(), si->slot_count()));
  context->set(Context::kFirstSlot, Value::FromCell(m.get()));
  m->context = context;
  Function* closure = rt.NewClosure(m->code_, context);
  // The call runs the declarations and stops at the initial suspension,
  // handing back the generator object.
  m->generator = rt.interpreter().CallFunction(closure, Value::Undefined(), nullptr, 0, Value::Undefined());
}

// ExecuteModule: runs the module's code to its end (or, with top-level
// await, to its first suspension: *suspended then says so).
void ExecuteModuleBody(Runtime& rt, SourceTextModule* module, bool* suspended) {
  *suspended = false;
  if (module->is_synthetic()) return;
  Rooted<GeneratorObject*> gen(rt, static_cast<GeneratorObject*>(module->generator.AsCell()));
  gen->set_resume_mode(ResumeMode::kNext);
  gen->set_input(Value::Undefined());
  rt.interpreter().ResumeGenerator(gen);
  *suspended = module->has_tla;
}

// ---------------------------------------------------------------- linking

namespace {

uint32_t InnerModuleLinking(Runtime& rt, SourceTextModule* module, std::vector<SourceTextModule*>* stack,
                            uint32_t index) {
  if (module->is_synthetic()) {
    if (module->status == ModuleStatus::kUnlinked || module->status == ModuleStatus::kNew) {
      InitializeModuleEnvironment(rt, module);
      module->status = ModuleStatus::kLinked;
    }
    return index;
  }
  if (module->status != ModuleStatus::kUnlinked) return index;
  module->status = ModuleStatus::kLinking;
  module->dfs_index = index;
  module->dfs_ancestor_index = index;
  ++index;
  stack->push_back(module);
  for (SourceTextModule* required : module->requested) {
    // (A module whose import failed to load stays unlinked for good.)
    if (!required) rt.ThrowError(rt.intrinsics().error_prototype, "a module this one imports failed to load");
    index = InnerModuleLinking(rt, required, stack, index);
    if (required->status == ModuleStatus::kLinking) {
      module->dfs_ancestor_index = std::min(module->dfs_ancestor_index, required->dfs_ancestor_index);
    }
  }
  InitializeModuleEnvironment(rt, module);
  if (module->dfs_ancestor_index == module->dfs_index) {
    for (;;) {
      SourceTextModule* m = stack->back();
      stack->pop_back();
      m->status = ModuleStatus::kLinked;
      if (m == module) break;
    }
  }
  return index;
}

}  // namespace

void LinkModule(Runtime& rt, SourceTextModule* module) {
  Rooted<SourceTextModule*> m(rt, module);
  std::vector<SourceTextModule*> stack;  // all reachable from m, which roots them
  try {
    InnerModuleLinking(rt, m, &stack, 0);
  } catch (JsThrow&) {
    for (SourceTextModule* s : stack) {
      s->status = ModuleStatus::kUnlinked;
      s->context = nullptr;
      s->generator = Value::Undefined();
    }
    throw;
  }
}

// ---------------------------------------------------------------- evaluation

namespace {

void ExecuteAsyncModule(Runtime& rt, SourceTextModule* module);
void AsyncModuleExecutionFulfilled(Runtime& rt, SourceTextModule* module);
void AsyncModuleExecutionRejected(Runtime& rt, SourceTextModule* module, Value error);

uint64_t& AsyncEvaluationCounter(Runtime&) {
  static thread_local uint64_t counter = 1;
  return counter;
}

void Settle(Runtime& rt, SourceTextModule* module, bool rejected, Value value) {
  if (!module->capability.IsCellOfKind(CellKind::kPromise)) return;
  auto* p = static_cast<PromiseObject*>(module->capability.AsCell());
  if (rejected) RejectPromise(rt, p, value);
  else ResolvePromise(rt, p, Value::Undefined());
}

uint32_t InnerModuleEvaluation(Runtime& rt, SourceTextModule* module, std::vector<SourceTextModule*>* stack,
                               uint32_t index) {
  if (module->is_synthetic()) {
    module->status = ModuleStatus::kEvaluated;
    module->cycle_root = module;
    return index;
  }
  if (module->status == ModuleStatus::kEvaluatingAsync || module->status == ModuleStatus::kEvaluated) {
    if (module->has_error) rt.Throw(module->error);
    return index;
  }
  if (module->status == ModuleStatus::kEvaluating) return index;
  module->status = ModuleStatus::kEvaluating;
  module->dfs_index = index;
  module->dfs_ancestor_index = index;
  module->pending_async_deps = 0;
  ++index;
  stack->push_back(module);
  for (SourceTextModule* required : module->requested) {
    index = InnerModuleEvaluation(rt, required, stack, index);
    if (required->status == ModuleStatus::kEvaluating) {
      module->dfs_ancestor_index = std::min(module->dfs_ancestor_index, required->dfs_ancestor_index);
    } else {
      required = required->cycle_root;
      if (required->has_error) rt.Throw(required->error);
    }
    if (required->async_evaluation) {
      ++module->pending_async_deps;
      required->async_parents.push_back(module);
    }
  }
  if (module->pending_async_deps > 0 || module->has_tla) {
    module->async_evaluation = true;
    module->async_order = AsyncEvaluationCounter(rt)++;
    if (module->pending_async_deps == 0) ExecuteAsyncModule(rt, module);
  } else {
    bool suspended;
    ExecuteModuleBody(rt, module, &suspended);
  }
  if (module->dfs_ancestor_index == module->dfs_index) {
    for (;;) {
      SourceTextModule* m = stack->back();
      stack->pop_back();
      m->status = m->async_evaluation ? ModuleStatus::kEvaluatingAsync : ModuleStatus::kEvaluated;
      m->cycle_root = module;
      if (m == module) break;
    }
  }
  return index;
}

void OnAsyncModuleSettled(Runtime& rt, Object* target, Value value, bool rejected) {
  auto* module = static_cast<SourceTextModule*>(target);
  if (rejected) AsyncModuleExecutionRejected(rt, module, value);
  else AsyncModuleExecutionFulfilled(rt, module);
}

// Runs a module with top-level await; its promise settles the rest.
void ExecuteAsyncModule(Runtime& rt, SourceTextModule* module) {
  Rooted<SourceTextModule*> m(rt, module);
  bool suspended;
  ExecuteModuleBody(rt, m, &suspended);
  auto* gen = static_cast<GeneratorObject*>(m->generator.AsCell());
  auto* promise = static_cast<PromiseObject*>(gen->promise().AsCell());
  PerformPromiseThenNative(rt, promise, OnAsyncModuleSettled, m.get());
}

void GatherAvailableAncestors(SourceTextModule* module, std::vector<SourceTextModule*>* exec_list) {
  for (SourceTextModule* m : module->async_parents) {
    if (std::find(exec_list->begin(), exec_list->end(), m) != exec_list->end()) continue;
    if (m->cycle_root->has_error) continue;
    if (--m->pending_async_deps == 0) {
      exec_list->push_back(m);
      if (!m->has_tla) GatherAvailableAncestors(m, exec_list);
    }
  }
}

void AsyncModuleExecutionFulfilled(Runtime& rt, SourceTextModule* module) {
  if (module->status == ModuleStatus::kEvaluated) return;  // failed meanwhile
  Rooted<SourceTextModule*> root(rt, module);
  module->async_evaluation = false;
  module->status = ModuleStatus::kEvaluated;
  Settle(rt, module, false, Value::Undefined());
  std::vector<SourceTextModule*> exec_list;
  GatherAvailableAncestors(module, &exec_list);
  std::sort(exec_list.begin(), exec_list.end(),
            [](SourceTextModule* a, SourceTextModule* b) { return a->async_order < b->async_order; });
  for (SourceTextModule* m : exec_list) {
    if (m->status == ModuleStatus::kEvaluated) continue;
    if (m->has_tla) {
      ExecuteAsyncModule(rt, m);
      continue;
    }
    try {
      bool suspended;
      ExecuteModuleBody(rt, m, &suspended);
    } catch (JsThrow&) {
      Value error = rt.exception();
      AsyncModuleExecutionRejected(rt, m, error);
      continue;
    }
    m->async_evaluation = false;
    m->status = ModuleStatus::kEvaluated;
    Settle(rt, m, false, Value::Undefined());
  }
}

void AsyncModuleExecutionRejected(Runtime& rt, SourceTextModule* module, Value error) {
  if (module->status == ModuleStatus::kEvaluated) return;
  Rooted<Value> e(rt, error);
  module->has_error = true;
  module->error = error;
  module->status = ModuleStatus::kEvaluated;
  module->async_evaluation = false;
  // Leaf to root: this module's promise first, then its parents'.
  Settle(rt, module, true, e);
  for (SourceTextModule* m : module->async_parents) AsyncModuleExecutionRejected(rt, m, e);
}

}  // namespace

PromiseObject* EvaluateModule(Runtime& rt, SourceTextModule* module) {
  Rooted<SourceTextModule*> m(rt, module);
  if (m->status == ModuleStatus::kEvaluatingAsync || m->status == ModuleStatus::kEvaluated) {
    if (m->cycle_root) m = m->cycle_root;
  }
  if (m->capability.IsCellOfKind(CellKind::kPromise)) return static_cast<PromiseObject*>(m->capability.AsCell());
  Rooted<PromiseObject*> promise(rt, NewPromise(rt));
  m->capability = Value::FromCell(promise.get());
  std::vector<SourceTextModule*> stack;
  try {
    InnerModuleEvaluation(rt, m, &stack, 0);
  } catch (JsThrow&) {
    Rooted<Value> error(rt, rt.exception());
    for (SourceTextModule* s : stack) {
      s->status = ModuleStatus::kEvaluated;
      s->has_error = true;
      s->error = error;
    }
    // A module that failed before the graph's stack saw it (a dependency
    // evaluated earlier) keeps its own error.
    RejectPromise(rt, promise, error);
    return promise;
  }
  if (!m->async_evaluation) ResolvePromise(rt, promise, Value::Undefined());
  return promise;
}

// ---------------------------------------------------------------- namespaces

Object* GetModuleNamespace(Runtime& rt, SourceTextModule* module) {
  if (module->namespace_object) return module->namespace_object;
  Rooted<SourceTextModule*> m(rt, module);
  std::vector<SourceTextModule*> star_set;
  std::vector<std::u16string> names;
  GetExportedNames(m, &star_set, &names);
  std::sort(names.begin(), names.end());
  Rooted<ModuleNamespace*> ns(rt, rt.heap().New<ModuleNamespace>(m.get()));
  m->namespace_object = ns;
  for (const std::u16string& name : names) {
    Resolution r = ResolveExport(m, name);
    if (!r.resolved()) continue;
    String* s = rt.Intern(name);
    ns->names.push_back(s);
    ns->bindings.push_back(nullptr);
    Box* cell = CellOf(rt, r);
    ns->bindings.back() = cell;
  }
  DefineRaw(rt, ns, PropertyKey::Named(rt.symbols().to_string_tag), Value::FromCell(rt.InternUtf8("Module")),
            kAttrNone);
  ns->set_extensible(false);
  return ns;
}

namespace {

// The value of an export, or a ReferenceError while it is uninitialised.
Value NamespaceValue(Runtime& rt, Box* binding, String* name) {
  if (binding->value.IsHole()) rt.ThrowReferenceError("Cannot access '" + name->ToUtf8() + "' before initialization");
  return binding->value;
}

String* KeyString(Runtime& rt, PropertyKey key) {
  return key.IsIndex() ? rt.InternUtf8(std::to_string(key.index())) : static_cast<String*>(key.cell());
}

}  // namespace

bool NamespaceGetOwnProperty(Runtime& rt, ModuleNamespace* ns, PropertyKey key, Value* value, uint8_t* attrs) {
  String* name = KeyString(rt, key);
  Box* binding = ns->Find(name);
  if (!binding) return false;
  *value = NamespaceValue(rt, binding, name);
  *attrs = kAttrWritable | kAttrEnumerable;
  return true;
}

bool NamespaceDefineOwnProperty(Runtime& rt, ModuleNamespace* ns, PropertyKey key, const PropertyDescriptor& desc) {
  Value current;
  uint8_t attrs;
  if (!NamespaceGetOwnProperty(rt, ns, key, &current, &attrs)) return false;
  if (desc.has_configurable && desc.configurable) return false;
  if (desc.has_enumerable && !desc.enumerable) return false;
  if (desc.IsAccessor()) return false;
  if (desc.has_writable && !desc.writable) return false;
  if (desc.has_value) return SameValue(desc.value, current);
  return true;
}

bool NamespaceHas(Runtime& rt, ModuleNamespace* ns, PropertyKey key) {
  return ns->Find(KeyString(rt, key)) != nullptr;
}

Value NamespaceGet(Runtime& rt, ModuleNamespace* ns, PropertyKey key, Value) {
  String* name = KeyString(rt, key);
  Box* binding = ns->Find(name);
  if (!binding) return Value::Undefined();
  return NamespaceValue(rt, binding, name);
}

bool NamespaceDelete(Runtime& rt, ModuleNamespace* ns, PropertyKey key) {
  return ns->Find(KeyString(rt, key)) == nullptr;
}

void NamespaceOwnKeys(Runtime& rt, ModuleNamespace* ns, std::vector<PropertyKey>* keys, uint8_t filter) {
  if (!(filter & kKeysStrings)) return;
  for (String* name : ns->names) keys->push_back(rt.KeyFor(name));
}

}  // namespace jsvm
