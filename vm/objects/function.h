// Code and closures: Script (source text), ScopeInfo (the static description
// of a context), FunctionInfo (V8's SharedFunctionInfo: bytecode, constants,
// handler table), Context (a runtime scope), and the callable objects.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gc/cell.h"
#include "gc/heap.h"
#include "vm/objects/inline-cache.h"
#include "vm/objects/object.h"
#include "vm/objects/string.h"
#include "vm/objects/value.h"

namespace jsvm {

class Runtime;
struct CallArgs;
struct Intrinsics;

// The realm (V8's NativeContext): the global object and the intrinsic
// objects. It is the outermost scope of every function: built-ins and
// top-level functions without a script context point at it, so that a heap
// snapshot shows where every closure's scope chain ends.
class NativeContext final : public Cell {
 public:
  explicit NativeContext(const Intrinsics* intrinsics) : Cell(CellKind::kNativeContext), intrinsics_(intrinsics) {}
  void Trace(Visitor& v) const override;  // runtime.cc (it lists the intrinsics)
  size_t OwnedBytes() const override { return sizeof(NativeContext); }
  uint8_t SnapshotType() const override { return 0; /* hidden */ }
  std::string SnapshotName() const override { return "system / NativeContext"; }

 private:
  const Intrinsics* intrinsics_;
};

// The source of one script, for positions, stack traces and toString.
class Script final : public Cell {
 public:
  Script(std::string file, std::u16string source);
  const std::string& file() const { return file_; }
  std::u16string_view source() const { return source_; }
  // 1-based line and column of a 0-based UTF-16 offset.
  void LineCol(uint32_t offset, uint32_t* line, uint32_t* col) const;
  void Trace(Visitor&) const override {}
  size_t OwnedBytes() const override {
    return sizeof(Script) + (source_.capacity() + 1) * sizeof(char16_t) + line_starts_.capacity() * sizeof(uint32_t);
  }
  uint8_t SnapshotType() const override { return 4; /* code */ }
  std::string SnapshotName() const override { return "system / Script"; }

 private:
  std::string file_;
  ExternalU16String source_;
  ExternalVector<uint32_t> line_starts_;
};

enum class ScopeType : uint8_t { kFunction, kBlock, kCatch, kScript, kClass, kWith, kEval, kModule };
const char* ScopeTypeName(ScopeType t);  // "FUNCTION_SCOPE", ...

// What a context variable is, for [[Scopes]] and the hole checks.
enum class VariableMode : uint8_t { kVar, kLet, kConst, kParam, kThis, kFunctionName, kClassName, kArguments, kInternal };

// What a module imports and exports (the static part of its module record,
// V8's SourceTextModuleInfo), kept by its module scope's ScopeInfo. Cell
// numbers are the operands of LdaModuleVariable: exports 1, 2, ...,
// imports -1, -2, ...
struct ModuleInfo {
  struct Request {
    String* specifier;
    String* type;  // the `type` import attribute ("json"), or ""
  };
  struct Import {
    String* local_name;
    String* import_name;
    uint32_t request;
    int32_t cell;
  };
  struct LocalExport {
    String* export_name;
    String* local_name;
    int32_t cell;
  };
  // `export {a as b} from`, a re-exported import, `export * as ns from`.
  struct IndirectExport {
    String* export_name;
    String* import_name;  // "" for a namespace
    uint32_t request;
    bool is_namespace;
  };
  std::vector<Request> requests;
  std::vector<Import> imports;
  std::vector<LocalExport> local_exports;
  std::vector<IndirectExport> indirect_exports;
  std::vector<uint32_t> star_exports;
  uint32_t cell_count = 0;
  bool has_top_level_await = false;
  // The module's cells as debug views list them after the context's slots:
  // each exported variable once (by cell), then each import.
  struct CellSlot {
    String* name;
    int32_t cell;
    bool is_import;
  };
  std::vector<CellSlot> CellSlots() const;
  void Trace(Visitor& v) const;
};

// The static description of a context: its kind and the names of its slots.
class ScopeInfo final : public Cell {
 public:
  ScopeInfo(ScopeType type) : Cell(CellKind::kScopeInfo), type_(type) {}
  ScopeType type() const { return type_; }
  // Slot i of the context (first variable slot is Context::kFirstSlot).
  uint32_t slot_count() const { return static_cast<uint32_t>(names_.size()); }
  String* name(uint32_t i) const { return names_[i]; }
  VariableMode mode(uint32_t i) const { return modes_[i]; }
  void AddSlot(String* name, VariableMode mode) { names_.push_back(name); modes_.push_back(mode); }
  // Whether slot Context::kFirstSlot is the context's extension: a with
  // scope's object, or (function scopes of sloppy code that calls eval) the
  // object holding the variables a direct eval declares, undefined until the
  // first one. The slot is named ".extension".
  bool has_extension() const { return has_extension_; }
  void set_has_extension(bool b) { has_extension_ = b; }
  // For function scopes: the function's name, as [[Scopes]] shows it.
  String* function_name() const { return function_name_; }
  void set_function_name(String* s) { function_name_ = s; }
  // For module scopes: the module's imports and exports.
  const ModuleInfo* module_info() const { return module_info_.get(); }
  void set_module_info(std::unique_ptr<ModuleInfo> m) { module_info_ = std::move(m); }

  // An inner function whose own code references slot i: the reason the
  // variable lives in a context (from scope analysis). The function may never
  // be instantiated, like an inner declaration nothing calls.
  struct Capturer {
    uint32_t index;        // the slot's index (slot Context::kFirstSlot + index)
    uint32_t function_id;  // FunctionInfo::function_id, unique within the script
    String* name;          // the function's name ("" while anonymous)
  };
  const ExternalVector<Capturer>& capturers() const { return capturers_; }
  void AddCapturer(uint32_t index, uint32_t function_id, String* name) {
    capturers_.push_back({index, function_id, name});
  }
  // Names the capturers with this function id (once the function is compiled
  // and its inferred name known).
  void SetCapturerName(uint32_t function_id, String* name) {
    for (Capturer& c : capturers_) {
      if (c.function_id == function_id) c.name = name;
    }
  }

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override {
    return sizeof(ScopeInfo) + names_.capacity() * sizeof(String*) + modes_.capacity() * sizeof(VariableMode) +
           capturers_.capacity() * sizeof(Capturer);
  }
  uint8_t SnapshotType() const override { return 4; /* code */ }
  std::string SnapshotName() const override { return "system / ScopeInfo"; }

 private:
  ScopeType type_;
  bool has_extension_ = false;
  ExternalVector<String*> names_;
  ExternalVector<VariableMode> modes_;
  String* function_name_ = nullptr;
  ExternalVector<Capturer> capturers_;
  std::unique_ptr<ModuleInfo> module_info_;
};

// A try range of the handler table: [start, end) -> handler; the context
// register holds the context to restore.
struct HandlerEntry {
  uint32_t start;
  uint32_t end;
  uint32_t handler;
  int32_t context_register;
};

// Bytecode offset -> source offset; statement positions are `S>` in listings.
struct SourcePosition {
  uint32_t bytecode_offset;
  uint32_t source_offset;
  bool is_statement;
};

// What an error thrown at one instruction says about its source (V8 renders
// this from the AST when it throws; jsvm's compiler prints it beforehand,
// compiler/call-printer.h). The kind picks the message.
enum class CallSiteKind : uint8_t {
  kCall,          // "T is not a function"
  kConstruct,     // "T is not a constructor"
  kIterable,      // "T is not iterable" (no text: the value's default form)
  kCallIterable,  // "T is not a function or its return value is not iterable"
  kSpread,        // a call's spread argument: "T is not iterable (cannot read property V)"
  kDestructure,   // object pattern: "Cannot destructure property 'P' of 'T' as it is null."
  kNestedPattern, // inner object pattern: "Cannot read properties of null (reading 'P')"
};
inline constexpr CallSiteKind kLastCallSiteKind = CallSiteKind::kNestedPattern;

struct CallSite {
  uint32_t bytecode_offset;  // the instruction that throws
  uint32_t text_start;       // in its table's text buffer: the text, then the property
  uint16_t text_length;      // the printed expression (0: none, the value is described)
  uint16_t property_length;  // patterns: the first property's name (0: none)
  CallSiteKind kind;
};

// The call sites of one function, by ascending bytecode offset, their texts
// in one buffer (16 bytes a site and the characters).
class CallSiteTable {
 public:
  // Appends a site after every earlier one; texts past 65,535 units are cut.
  void Add(uint32_t bytecode_offset, CallSiteKind kind, std::u16string_view text, std::u16string_view property);
  // The site of the instruction at `bytecode_offset`, or nullptr.
  const CallSite* Find(uint32_t bytecode_offset) const;
  std::u16string_view Text(const CallSite& c) const {
    return std::u16string_view(text_).substr(c.text_start, c.text_length);
  }
  std::u16string_view Property(const CallSite& c) const {
    return std::u16string_view(text_).substr(c.text_start + c.text_length, c.property_length);
  }
  const ExternalVector<CallSite>& sites() const { return sites_; }
  // External memory (gc/external-memory.h), as the rest of a FunctionInfo.
  size_t OwnedBytes() const { return sites_.capacity() * sizeof(CallSite) + (text_.capacity() + 1) * sizeof(char16_t); }

 private:
  ExternalVector<CallSite> sites_;
  ExternalU16String text_;
};

enum class FunctionFlavor : uint8_t {
  kNormal, kArrow, kMethod, kGetter, kSetter, kClassConstructor, kDerivedConstructor, kTopLevel,
};

// Functions that suspend and resume: generators, async functions (and async
// arrows and methods), async generators.
enum class ResumableKind : uint8_t { kNone, kGenerator, kAsync, kAsyncGenerator };
constexpr ResumableKind ResumableKindOf(bool generator, bool async) {
  return generator ? (async ? ResumableKind::kAsyncGenerator : ResumableKind::kGenerator)
                   : (async ? ResumableKind::kAsync : ResumableKind::kNone);
}

// The compiled form of a function literal (V8: SharedFunctionInfo + BytecodeArray).
class FunctionInfo final : public Cell {
 public:
  FunctionInfo() : Cell(CellKind::kFunctionInfo) {}
  ~FunctionInfo() override;

  String* name = nullptr;         // fn.name ("" when anonymous)
  String* debug_name = nullptr;   // inferred name for listings and stacks (may equal name)
  Script* script = nullptr;
  FunctionFlavor flavor = FunctionFlavor::kNormal;
  ResumableKind resumable = ResumableKind::kNone;
  bool strict = false;
  bool is_expression = false;     // named function expression binds its own name
  bool has_simple_params = true;
  uint16_t param_count = 0;       // formal parameters in the frame (a0..), receiver excluded
  uint16_t length = 0;            // fn.length
  uint32_t register_count = 0;
  uint32_t feedback_slot_count = 0;
  // The most named properties an object constructed by this function had
  // when the constructor returned: `new` gives the next ones that many
  // inline slots (a simple form of V8's in-object slack tracking).
  uint16_t instance_properties = 0;
  uint32_t function_id = 0;
  // The code of a direct eval (a top-level function made at run time in its
  // caller's context): it runs with its caller's new.target, and `this` where
  // no context holds one is the global object.
  bool direct_eval = false;
  uint32_t source_start = 0;
  uint32_t source_end = 0;
  // Everything a function owns is external memory (gc/external-memory.h):
  // code made at run time (eval, new Function) counts toward the heap.
  ExternalVector<uint8_t> bytecode;
  ExternalVector<Value> constants;   // strings, numbers, FunctionInfo, ScopeInfo, template data
  ExternalVector<HandlerEntry> handlers;
  ExternalVector<SourcePosition> positions;
  CallSiteTable call_sites;
  ScopeInfo* scope_info = nullptr;  // the function scope's, when it has a context
  // Context slot of each parameter (-1: in its register); mapped arguments alias these.
  ExternalVector<int32_t> parameter_context_slots;
  // Generators and async functions: the variable name of each value their
  // generator object saves (GeneratorObject::saved(): the parameters, then
  // r0, r1, ...); nullptr for temporaries and for variables kept in a
  // context. Debug views and leak reports name saved registers with it;
  // empty for other functions and for code loaded from bytecode files.
  ExternalVector<String*> saved_names;
  // The inline caches, one per feedback slot (inline-cache.h); made on the
  // first call. They hold no references, so the collector ignores them.
  std::unique_ptr<PropertyIC[]> ics;
  void AllocateFeedback(Heap& heap);

  bool is_generator() const {
    return resumable == ResumableKind::kGenerator || resumable == ResumableKind::kAsyncGenerator;
  }
  bool is_async() const { return resumable == ResumableKind::kAsync || resumable == ResumableKind::kAsyncGenerator; }
  bool IsConstructor() const {
    if (resumable != ResumableKind::kNone) return false;
    return flavor == FunctionFlavor::kNormal || flavor == FunctionFlavor::kClassConstructor ||
           flavor == FunctionFlavor::kDerivedConstructor;
  }
  bool IsClassConstructor() const {
    return flavor == FunctionFlavor::kClassConstructor || flavor == FunctionFlavor::kDerivedConstructor;
  }
  // Source offset for a bytecode offset (the closest position at or before it).
  bool SourceOffsetAt(uint32_t bytecode_offset, uint32_t* source_offset) const;

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override;
  uint8_t SnapshotType() const override { return 4; /* code */ }
  std::string SnapshotName() const override;
};

// A runtime scope: a ScopeInfo, the enclosing context, and variable slots.
// Slot numbering follows V8: 0 is the ScopeInfo, 1 the previous context, and
// variables start at kFirstSlot, so listings read `StaCurrentContextSlot [2]`.
class Context final : public Cell {
 public:
  static constexpr uint32_t kFirstSlot = 2;

  Context(ScopeInfo* info, Context* previous, uint32_t var_count)
      : Cell(CellKind::kContext), scope_info_(info), previous_(previous), var_count_(var_count) {
    for (uint32_t i = 0; i < var_count; ++i) vars()[i] = Value::Undefined();
  }
  ScopeInfo* scope_info() const { return scope_info_; }
  Context* previous() const { return previous_; }
  uint32_t var_count() const { return var_count_; }
  // Slot s (s >= kFirstSlot).
  Value get(uint32_t s) const { return vars()[s - kFirstSlot]; }
  void set(uint32_t s, Value v) { vars()[s - kFirstSlot] = v; }
  Value* vars() { return reinterpret_cast<Value*>(this + 1); }
  const Value* vars() const { return reinterpret_cast<const Value*>(this + 1); }

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override { return sizeof(Context) + var_count_ * sizeof(Value); }
  std::string SnapshotName() const override { return "system / Context"; }

 private:
  ScopeInfo* scope_info_;
  Context* previous_;
  uint32_t var_count_;
};

// Function objects keep name/length/prototype lazily: they become real
// properties the first time any own property of the function is looked at.
class FunctionBase : public Object {
 public:
  FunctionBase(CellKind kind, Object* proto) : Object(kind, proto) {}
  bool lazy_properties() const { return lazy_properties_; }
  void set_lazy_properties(bool b) { lazy_properties_ = b; }

 private:
  bool lazy_properties_ = true;
};

// A closure: FunctionInfo + the context it was created in.
class Function final : public FunctionBase {
 public:
  Function(Object* proto, FunctionInfo* info, Context* context, NativeContext* realm)
      : FunctionBase(CellKind::kFunction, proto), info_(info), context_(context), realm_(realm) {}
  FunctionInfo* info() const { return info_; }
  // The innermost context (nullptr: only the global scope, the realm).
  Context* context() const { return context_; }
  NativeContext* realm() const { return realm_; }
  // Class constructors: the function that initialises instance fields.
  Value fields_initializer() const { return fields_initializer_; }
  void set_fields_initializer(Value v) { fields_initializer_ = v; }

  void Trace(Visitor& v) const override;
  uint8_t SnapshotType() const override { return 5; /* closure */ }
  std::string SnapshotName() const override;

 private:
  FunctionInfo* info_;
  Context* context_;
  NativeContext* realm_;
  Value fields_initializer_;
};

// A built-in function implemented in C++.
using NativeFn = Value (*)(Runtime& rt, CallArgs& args);

class NativeFunction final : public FunctionBase {
 public:
  NativeFunction(Object* proto, NativeFn fn, String* name, uint16_t length, bool constructor, NativeContext* realm)
      : FunctionBase(CellKind::kNativeFunction, proto), fn_(fn), name_(name), length_(length),
        constructor_(constructor), realm_(realm) {}
  NativeFn fn() const { return fn_; }
  String* name() const { return name_; }
  uint16_t length() const { return length_; }
  bool is_constructor() const { return constructor_; }
  // Per-function data for natives that need it (e.g. the target of a resolver).
  Value data[2];

  void Trace(Visitor& v) const override;
  uint8_t SnapshotType() const override { return 5; /* closure */ }
  std::string SnapshotName() const override;

 private:
  NativeFn fn_;
  String* name_;
  uint16_t length_;
  bool constructor_;
  NativeContext* realm_;
};

class BoundFunction final : public FunctionBase {
 public:
  BoundFunction(Object* proto, Object* target, Value bound_this, std::vector<Value> args)
      : FunctionBase(CellKind::kBoundFunction, proto), target_(target), bound_this_(bound_this),
        bound_args_(args.begin(), args.end()) {}
  Object* target() const { return target_; }
  Value bound_this() const { return bound_this_; }
  const ExternalVector<Value>& bound_args() const { return bound_args_; }

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + (sizeof(BoundFunction) - sizeof(Object)) + bound_args_.capacity() * sizeof(Value);
  }
  uint8_t SnapshotType() const override { return 5; /* closure */ }
  std::string SnapshotName() const override;

 private:
  Object* target_;
  Value bound_this_;
  ExternalVector<Value> bound_args_;
};

// An arguments object. Mapped (sloppy, simple parameters): index i < mapped
// count aliases the context slot of parameter i until it is deleted or
// redefined.
class Arguments final : public Object {
 public:
  explicit Arguments(Object* proto) : Object(CellKind::kArguments, proto) {}
  Context* mapped_context = nullptr;
  ExternalVector<int32_t> mapped_slots;  // context slot of each mapped index, or -1
  void Trace(Visitor& v) const override {
    Object::Trace(v);
    if (mapped_context) v.Edge(reinterpret_cast<Cell*>(mapped_context), EdgeType::kInternal, EdgeName::Str("context"));
  }
  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + (sizeof(Arguments) - sizeof(Object)) + mapped_slots.capacity() * sizeof(int32_t);
  }
  std::string SnapshotName() const override { return "Arguments"; }
};

}  // namespace jsvm
