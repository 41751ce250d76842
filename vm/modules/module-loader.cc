#include "vm/modules/module-loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "vm/builtins/builtins.h"
#include "vm/builtins/promise.h"
#include "vm/execution/operations.h"
#include "vm/objects/object-ops.h"
#include "vm/objects/unicode.h"

namespace fs = std::filesystem;

namespace jsvm {

// The runtime's modules: one per real path (roots for the collector), the
// import roots, and the compiler.
struct ModuleRegistry {
  std::unordered_map<std::string, SourceTextModule*> by_path;
  std::vector<fs::path> roots;
  ModuleCompilerHook compiler = nullptr;
  std::string last_compile_error;
  std::string main_file;  // what code without a file of its own resolves from
};

namespace {

ModuleRegistry& RegistryOf(Runtime& rt) {
  BuiltinsState& bs = StateOf(rt);
  if (!bs.modules) {
    bs.modules = std::make_shared<ModuleRegistry>();
    ModuleRegistry* registry = bs.modules.get();
    rt.heap().AddRootSection("(Modules)", [registry](Visitor& v) {
      for (auto& [path, m] : registry->by_path) v.Edge(m, EdgeType::kHidden, EdgeName::Str("module"));
    });
  }
  return *bs.modules;
}

[[noreturn]] void ThrowPlainError(Runtime& rt, const std::string& message) {
  rt.ThrowError(rt.intrinsics().error_prototype, message);
}

bool Inside(const fs::path& file, const fs::path& root) {
  auto f = file.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++f) {
    if (r->empty()) continue;  // a trailing separator
    if (f == file.end() || *f != *r) return false;
  }
  return true;
}

// The real path of the file `specifier` names from `referrer` (a file), or
// a thrown Error.
std::string Resolve(Runtime& rt, const std::string& specifier, const std::string& referrer) {
  bool relative = specifier.rfind("./", 0) == 0 || specifier.rfind("../", 0) == 0;
  if (!relative && specifier.rfind('/', 0) != 0) {
    ThrowPlainError(rt, "Cannot find package '" + specifier + "' imported from " + referrer);
  }
  fs::path target = relative ? fs::path(referrer).parent_path() / specifier : fs::path(specifier);
  target = fs::absolute(target).lexically_normal();
  std::error_code ec;
  fs::path real = fs::canonical(target, ec);
  if (ec || !fs::is_regular_file(real, ec)) {
    ThrowPlainError(rt, "Cannot find module '" + target.string() + "' imported from " + referrer);
  }
  ModuleRegistry& registry = RegistryOf(rt);
  bool allowed = false;
  for (const fs::path& root : registry.roots) allowed = allowed || Inside(real, root);
  if (!allowed) {
    ThrowPlainError(rt, "Cannot import '" + real.string() +
                            "': it is outside the directories imports may read (the main script's, and those "
                            "--import-root names)");
  }
  return real.string();
}

bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return !in.bad();
}

std::string Extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Checks a request's `type` attribute against the file it names.
void CheckModuleType(Runtime& rt, const std::string& path, const std::string& type) {
  std::string ext = Extension(path);
  if (!type.empty() && type != "json") {
    rt.ThrowTypeError("Import attribute \"type\" with value \"" + type + "\" is not supported");
  }
  if (ext == ".json") {
    if (type != "json") rt.ThrowTypeError("Module \"" + path + "\" needs an import attribute of \"type: json\"");
    return;
  }
  if (ext != ".js" && ext != ".mjs") rt.ThrowTypeError("Unknown file extension \"" + ext + "\" for " + path);
  if (type == "json") rt.ThrowTypeError("Module \"" + path + "\" is not of type \"json\"");
}

SourceTextModule* LoadModule(Runtime& rt, const std::string& path, FunctionInfo* precompiled = nullptr);

// The modules `module` requests, loaded (the referrer is `path`).
void LoadRequests(Runtime& rt, SourceTextModule* module, const std::string& path) {
  const ModuleInfo* info = module->info();
  if (!info) return;
  Rooted<SourceTextModule*> m(rt, module);
  for (size_t i = 0; i < info->requests.size(); ++i) {
    std::string child = Resolve(rt, info->requests[i].specifier->ToUtf8(), path);
    CheckModuleType(rt, child, info->requests[i].type->ToUtf8());
    SourceTextModule* loaded = LoadModule(rt, child);
    m->requested[i] = loaded;
  }
}

SourceTextModule* LoadModule(Runtime& rt, const std::string& path, FunctionInfo* precompiled) {
  ModuleRegistry& registry = RegistryOf(rt);
  if (auto it = registry.by_path.find(path); it != registry.by_path.end()) return it->second;
  std::string bytes;
  if (!precompiled && !ReadWholeFile(path, &bytes)) ThrowPlainError(rt, "Cannot read module '" + path + "'");
  Rooted<String*> name(rt, rt.NewStringFromUtf8(path));
  Rooted<SourceTextModule*> module(rt, nullptr);
  if (precompiled) {
    module = NewSourceTextModule(rt, name, precompiled, Value::Undefined());
  } else if (Extension(path) == ".json") {
    Rooted<Value> value(rt, Value::Undefined());
    try {
      value = JsonParse(rt, Utf8ToUtf16(bytes));
    } catch (JsThrow&) {
      // V8's JSON messages quote the text; the file's text stays out of it.
      rt.ThrowSyntaxError("Invalid JSON in module " + path);
    }
    module = NewSourceTextModule(rt, name, nullptr, value);
  } else {
    if (!registry.compiler) rt.ThrowTypeError("modules are not supported");
    ModuleCompileResult compiled;
    registry.compiler(rt, path, Utf8ToUtf16(bytes), &compiled);
    if (!compiled.code) {
      registry.last_compile_error = compiled.formatted;
      if (compiled.error_kind == "RangeError") rt.ThrowRangeError(compiled.message);
      rt.ThrowSyntaxError(compiled.message);
    }
    Rooted<FunctionInfo*> code(rt, compiled.code);
    module = NewSourceTextModule(rt, name, code, Value::Undefined());
  }
  registry.by_path[path] = module;
  try {
    LoadRequests(rt, module, path);
  } catch (JsThrow&) {
    registry.by_path.erase(path);
    throw;
  }
  return module;
}

// The file a referrer's relative specifiers start from.
std::string ReferrerOf(Runtime& rt, Context* context, const std::string& referrer_file) {
  if (SourceTextModule* m = ModuleOfContext(context)) return m->path()->ToUtf8();
  // Code without a file of its own (eval code, new Function, $262.evalScript)
  // resolves from the main script.
  if (referrer_file.empty() || referrer_file[0] == '<') return RegistryOf(rt).main_file;
  return referrer_file;
}

// The promise import() returned: resolved with the namespace once the module
// evaluated (data[0]: the promise, data[1]: the module).
Value DynamicImportFulfilled(Runtime& rt, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  Rooted<PromiseObject*> promise(rt, static_cast<PromiseObject*>(self->data[0].AsCell()));
  auto* module = static_cast<SourceTextModule*>(self->data[1].AsCell());
  try {
    Rooted<Value> ns(rt, Value::FromCell(GetModuleNamespace(rt, module)));
    ResolvePromise(rt, promise, ns);
  } catch (JsThrow&) {
    RejectPromise(rt, promise, rt.exception());
  }
  return Value::Undefined();
}

Value DynamicImportRejected(Runtime& rt, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  RejectPromise(rt, static_cast<PromiseObject*>(self->data[0].AsCell()), args[0]);
  return Value::Undefined();
}

// The `type` of import()'s options ({ with: { type: 'json' } }); TypeErrors
// as the spec's EvaluateImportCall gives them.
std::string ImportType(Runtime& rt, Value options) {
  if (options.IsUndefined()) return {};
  if (!options.IsObject()) rt.ThrowTypeError("The second argument of import() must be an object");
  Rooted<Object*> opts(rt, options.AsObject());
  Rooted<Value> attributes(rt, GetProperty(rt, opts, rt.KeyForUtf8("with")));
  if (attributes.get().IsUndefined()) attributes = GetProperty(rt, opts, rt.KeyForUtf8("assert"));
  if (attributes.get().IsUndefined()) return {};
  if (!attributes.get().IsObject()) rt.ThrowTypeError("The 'with' option of import() must be an object");
  Rooted<Object*> attrs(rt, attributes.get().AsObject());
  std::string type;
  for (const PropertyKey& key : OwnPropertyKeys(rt, attrs, kKeysStrings | kKeysEnumerableOnly)) {
    Value v = GetProperty(rt, attrs, key);
    if (!v.IsString()) rt.ThrowTypeError("Import attribute values must be strings");
    if (key.IsString() && static_cast<String*>(key.cell())->view() == u"type") type = v.AsString()->ToUtf8();
  }
  return type;
}

}  // namespace

void SetModuleCompilerHook(Runtime& rt, ModuleCompilerHook hook) { RegistryOf(rt).compiler = hook; }

void SetMainScript(Runtime& rt, const std::string& file) {
  std::error_code ec;
  RegistryOf(rt).main_file = fs::absolute(file, ec).lexically_normal().string();
  AddImportRoot(rt, fs::absolute(file, ec).parent_path().string());
}

bool AddImportRoot(Runtime& rt, const std::string& dir) {
  std::error_code ec;
  fs::path real = fs::canonical(fs::absolute(dir), ec);
  if (ec || !fs::is_directory(real, ec)) return false;
  RegistryOf(rt).roots.push_back(real);
  return true;
}

SourceTextModule* LoadModuleGraph(Runtime& rt, const std::string& path, FunctionInfo* code) {
  ModuleRegistry& registry = RegistryOf(rt);
  registry.last_compile_error.clear();
  std::error_code ec;
  fs::path real = fs::canonical(fs::absolute(path), ec);
  if (ec) ThrowPlainError(rt, "Cannot find module '" + path + "'");
  return LoadModule(rt, real.string(), code);
}

std::string LastModuleCompileError(Runtime& rt) { return RegistryOf(rt).last_compile_error; }

namespace {

// import()'s second half, in a job of its own (the host loads
// asynchronously, so an import() made while modules evaluate waits until
// they are done): load, link, evaluate, then settle the promise
// (data[0]) with the namespace. data[1]: [path, type].
Value ContinueDynamicImport(Runtime& rt, CallArgs& args) {
  auto* self = static_cast<NativeFunction*>(args.callee);
  Rooted<PromiseObject*> promise(rt, static_cast<PromiseObject*>(self->data[0].AsCell()));
  Rooted<Array*> request(rt, static_cast<Array*>(self->data[1].AsCell()));
  try {
    std::string path = request->dense()[0].AsString()->ToUtf8();
    std::string type = request->dense()[1].AsString()->ToUtf8();
    CheckModuleType(rt, path, type);
    RegistryOf(rt).last_compile_error.clear();
    Rooted<SourceTextModule*> module(rt, LoadModule(rt, path));
    LinkModule(rt, module);
    Rooted<PromiseObject*> evaluated(rt, EvaluateModule(rt, module));
    Rooted<NativeFunction*> on_fulfilled(rt, rt.NewNativeFunction(DynamicImportFulfilled, rt.names().empty, 0));
    on_fulfilled->data[0] = Value::FromCell(promise.get());
    on_fulfilled->data[1] = Value::FromCell(module.get());
    Rooted<NativeFunction*> on_rejected(rt, rt.NewNativeFunction(DynamicImportRejected, rt.names().empty, 1));
    on_rejected->data[0] = Value::FromCell(promise.get());
    PerformPromiseThen(rt, evaluated, Value::FromCell(on_fulfilled.get()), Value::FromCell(on_rejected.get()),
                       nullptr);
  } catch (JsThrow&) {
    RejectPromise(rt, promise, rt.exception());
  }
  return Value::Undefined();
}

}  // namespace

Value DynamicImport(Runtime& rt, Context* context, const std::string& referrer_file, Value specifier,
                    Value options) {
  Rooted<Value> spec(rt, specifier);
  Rooted<Value> opts(rt, options);
  Rooted<Context*> ctx(rt, context);
  Rooted<PromiseObject*> promise(rt, NewPromise(rt));
  try {
    // EvaluateImportCall's own steps run now; the loading in a job.
    std::string name = ToString(rt, spec)->ToUtf8();
    std::string type = ImportType(rt, opts);
    std::string path = Resolve(rt, name, ReferrerOf(rt, ctx, referrer_file));
    Rooted<Array*> request(rt, rt.NewArray());
    for (const std::string* part : {&path, &type}) {
      Rooted<Value> text(rt, Value::FromCell(rt.NewStringFromUtf8(*part)));
      ArrayPush(rt, request, text);
    }
    Rooted<NativeFunction*> load(rt, rt.NewNativeFunction(ContinueDynamicImport, rt.names().empty, 0));
    load->data[0] = Value::FromCell(promise.get());
    load->data[1] = Value::FromCell(request.get());
    Rooted<PromiseObject*> now(rt, NewPromise(rt));
    FulfillPromise(rt, now, Value::Undefined());
    PerformPromiseThen(rt, now, Value::FromCell(load.get()), Value::Undefined(), nullptr);
  } catch (JsThrow&) {
    RejectPromise(rt, promise, rt.exception());
  }
  return Value::FromCell(promise.get());
}

Object* ImportMeta(Runtime& rt, Context* context) {
  Rooted<SourceTextModule*> m(rt, ModuleOfContext(context));
  if (m->meta) return m->meta;
  Rooted<Object*> meta(rt, rt.NewObject(nullptr));
  std::string path = m->path()->ToUtf8();
  auto define = [&](const char* name, const std::string& text) {
    Rooted<Value> value(rt, Value::FromCell(rt.NewStringFromUtf8(text)));
    DefineRaw(rt, meta, rt.KeyForUtf8(name), value, kAttrDefault);
  };
  define("url", "file://" + path);
  define("dirname", fs::path(path).parent_path().string());
  define("filename", path);
  m->meta = meta;
  return meta;
}

}  // namespace jsvm
