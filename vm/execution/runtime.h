// The runtime: the heap, interned names, the realm's intrinsic objects, the
// interpreter's stack, the exception being thrown, and program output.
//
// Errors: a JavaScript exception is thrown in C++ as `JsThrow` after the
// thrown value is stored in Runtime::exception(); handlers of try/catch in the
// interpreter catch it. Every operation that can run JavaScript or fail may
// throw JsThrow.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gc/heap.h"
#include "vm/objects/function.h"
#include "vm/execution/handles.h"
#include "vm/objects/object.h"
#include "vm/debug/debug-scopes.h"
#include "vm/objects/string.h"
#include "vm/objects/value.h"

namespace jsvm {

class EventLoop;
class Interpreter;
class JobQueue;
class MegamorphicLoadCache;
class TraceHooks;

// Thrown (as a C++ exception) to unwind to the nearest JavaScript handler.
struct JsThrow {};

// Thrown when a resource limit ends the program (not catchable by JS).
struct JsTerminate {
  int exit_code;
  std::string message;
};

// The arguments of a call into a native function.
struct CallArgs {
  Value this_value;
  const Value* argv = nullptr;
  uint32_t argc = 0;
  Value new_target;      // undefined for a plain call
  Object* callee = nullptr;

  Value operator[](uint32_t i) const { return i < argc ? argv[i] : Value::Undefined(); }
  bool is_construct() const { return !new_target.IsUndefined(); }
};

// Interned names the runtime uses often.
#define JSVM_NAME_LIST(V)                                                       \
  V(length, "length") V(prototype, "prototype") V(constructor, "constructor")  \
  V(name, "name") V(message, "message") V(stack, "stack") V(cause, "cause")    \
  V(toString, "toString") V(valueOf, "valueOf") V(toJSON, "toJSON")            \
  V(get, "get") V(set, "set") V(value, "value") V(writable, "writable")        \
  V(enumerable, "enumerable") V(configurable, "configurable")                  \
  V(next, "next") V(done, "done") V(return_, "return") V(raw, "raw")           \
  V(callee, "callee") V(caller, "caller") V(arguments, "arguments")            \
  V(undefined, "undefined") V(null, "null") V(true_, "true") V(false_, "false") \
  V(number, "number") V(string, "string") V(boolean, "boolean")                \
  V(symbol, "symbol") V(object, "object") V(function, "function")              \
  V(bigint, "bigint") V(empty, "") V(default_, "default") V(anonymous, "anonymous") \
  V(NaN, "NaN") V(Infinity, "Infinity") V(__proto__, "__proto__")              \
  V(globalThis, "globalThis") V(lastIndex, "lastIndex") V(index, "index")      \
  V(input, "input") V(errors, "errors") V(join, "join") V(size, "size")        \
  V(then, "then")

struct Names {
#define JSVM_DECLARE_NAME(field, text) String* field = nullptr;
  JSVM_NAME_LIST(JSVM_DECLARE_NAME)
#undef JSVM_DECLARE_NAME
};

// The realm's built-in objects.
#define JSVM_INTRINSIC_LIST(V)                                                  \
  V(object_prototype) V(function_prototype) V(array_prototype)                 \
  V(string_prototype) V(number_prototype) V(boolean_prototype)                 \
  V(symbol_prototype) V(error_prototype) V(type_error_prototype)               \
  V(range_error_prototype) V(reference_error_prototype)                        \
  V(syntax_error_prototype) V(eval_error_prototype) V(uri_error_prototype)     \
  V(map_prototype) V(set_prototype) V(iterator_prototype)                      \
  V(array_iterator_prototype) V(string_iterator_prototype)                     \
  V(map_iterator_prototype) V(set_iterator_prototype) V(regexp_prototype)      \
  V(global_object) V(object_constructor) V(array_constructor)                  \
  V(function_constructor) V(throw_type_error) V(array_proto_values)           \
  V(generator_function_prototype) V(generator_prototype)                       \
  V(async_function_prototype) V(async_generator_function_prototype)            \
  V(async_generator_prototype) V(async_iterator_prototype)                     \
  V(async_from_sync_iterator_prototype) V(promise_prototype) V(promise_constructor) \
  V(bigint_prototype)

struct Intrinsics {
#define JSVM_DECLARE_INTRINSIC(field) Object* field = nullptr;
  JSVM_INTRINSIC_LIST(JSVM_DECLARE_INTRINSIC)
#undef JSVM_DECLARE_INTRINSIC
};

// Well-known symbols.
struct WellKnownSymbols {
  Symbol* iterator = nullptr;
  Symbol* has_instance = nullptr;
  Symbol* to_primitive = nullptr;
  Symbol* to_string_tag = nullptr;
  Symbol* species = nullptr;
};

// C++ stack that recursion in native code may use by default (bytes).
constexpr size_t kDefaultNativeStackLimit = 5u << 20;
// Stack kept free below the native stack limit: the deepest single native
// frame, creating the RangeError and unwinding.
constexpr size_t kNativeStackReserve = 512u << 10;

// What the host does with a promise rejected with no handler once the
// microtask queue is empty (node's --unhandled-rejections): report it as an
// uncaught error and exit 1 (node 20's default), warn on stderr and go on, or
// ignore it.
enum class UnhandledRejections : uint8_t { kThrow, kWarn, kNone };

struct RuntimeOptions {
  HeapOptions heap;
  size_t stack_size_bytes = 1u << 20;  // the interpreter's register stack (Values)
  uint32_t max_call_depth = 10000;     // JS frames before "Maximum call stack size exceeded"
  size_t native_stack_limit = 0;       // bytes of C++ stack allowed for recursion (0: default);
                                       // never more than the thread's stack less a reserve
  uint64_t max_steps = 0;              // 0: unlimited
  double timeout_seconds = 0;          // 0: unlimited
  UnhandledRejections unhandled_rejections = UnhandledRejections::kThrow;
  bool expose_gc = false;              // --expose-gc: a global gc() that collects now
};

// --stack-size=KB: native recursion may use KB kilobytes of C++ stack; the
// JavaScript frame limit (2 per KB) and the register stack (256 bytes per KB)
// scale with it. The default, kDefaultStackSizeKb, gives 10,240 frames.
constexpr size_t kDefaultStackSizeKb = kDefaultNativeStackLimit >> 10;
void SetStackSize(RuntimeOptions* options, size_t kb);

class Runtime {
 public:
  explicit Runtime(RuntimeOptions options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  Heap& heap() { return heap_; }
  ShapeRegistry& shapes() { return shapes_; }
  // Made on first use: most scripts never have a polymorphic load.
  MegamorphicLoadCache& load_cache();
  // The shape every arguments object starts with: length, @@iterator and
  // callee (mapped: the function; unmapped: the %ThrowTypeError% accessor,
  // `thrower`). Never collects.
  Shape* ArgumentsShape(bool mapped);
  // The accessor pair of unmapped arguments objects' callee, shared by all.
  Accessor* ArgumentsCalleeThrower();
  const RuntimeOptions& options() const { return options_; }
  // --timeout counts from the runtime's construction.
  std::chrono::steady_clock::time_point start_time() const { return start_time_; }
  // Enforces --timeout where native code loops without running bytecode (a
  // built-in over an array-like's indices, a walk up a 100,000-long prototype
  // chain): cheap enough to call per index or per hop, it reads the clock
  // every 4,096th call and throws JsTerminate when the time is up.
  void PollNativeTimeout() {
    if (options_.timeout_seconds > 0 && (++native_polls_ & 4095) == 0) CheckTimeout();
  }
  // Throws JsTerminate (exit code 6) if --timeout has passed.
  void CheckTimeout() const;
  // Throws JsTerminate (exit code 6): --timeout has passed.
  [[noreturn]] void ThrowTimeout() const;
  Interpreter& interpreter() { return *interpreter_; }
  const Names& names() const { return names_; }
  const Intrinsics& intrinsics() const { return intrinsics_; }
  Intrinsics& mutable_intrinsics() { return intrinsics_; }
  const WellKnownSymbols& symbols() const { return symbols_; }
  Object* global() const { return intrinsics_.global_object; }
  // The realm cell (global object and intrinsics), the outermost scope of
  // every function.
  NativeContext* native_context() const { return native_context_; }

  // ---- strings
  String* NewString(std::u16string_view s);
  String* NewStringFromUtf8(std::string_view s);
  String* NewStringFromAscii(std::string_view s) { return NewStringFromUtf8(s); }
  // The unique interned string with this content.
  String* Intern(std::u16string_view s);
  String* InternUtf8(std::string_view s);
  // The one-code-unit string for c (cached for c < 256).
  String* CharString(char16_t c);
  // a + b (allocates a new flat string).
  String* Concat(String* a, String* b);
  // Key for a string: an array index or the interned name.
  PropertyKey KeyFor(String* s);
  PropertyKey KeyFor(std::u16string_view s) { return KeyFor(Intern(s)); }
  PropertyKey KeyForUtf8(std::string_view s) { return KeyFor(InternUtf8(s)); }

  // ---- objects
  // A plain object with room for `inline_slots` named properties inside it
  // (4, as V8 gives `{}`; more for instances of a constructor that is known
  // to add more).
  static constexpr uint32_t kDefaultInlineSlots = 4;
  static constexpr uint32_t kMaxInlineSlots = 32;
  Object* NewObject(Object* proto, uint32_t inline_slots = kDefaultInlineSlots);
  Object* NewObject() { return NewObject(intrinsics_.object_prototype); }
  Array* NewArray(uint32_t length = 0);
  Array* NewArrayFrom(const std::vector<Value>& values);
  NativeFunction* NewNativeFunction(NativeFn fn, String* name, uint16_t length, bool constructor = false);
  ErrorObject* NewError(Object* proto, String* message);
  Symbol* NewSymbol(Value description);
  Function* NewClosure(FunctionInfo* info, Context* context);
  Context* NewContext(ScopeInfo* info, Context* previous, uint32_t var_count);

  // ---- exceptions
  Value exception() const { return exception_; }
  void set_exception(Value v) { exception_ = v; }
  [[noreturn]] void Throw(Value v);
  [[noreturn]] void ThrowError(Object* proto, const std::string& message);
  [[noreturn]] void ThrowTypeError(const std::string& message);
  [[noreturn]] void ThrowRangeError(const std::string& message);
  [[noreturn]] void ThrowReferenceError(const std::string& message);
  [[noreturn]] void ThrowSyntaxError(const std::string& message);
  // RangeError "Maximum call stack size exceeded" when native recursion is
  // too deep (call at the top of recursive C++ functions).
  void CheckNativeStack();

  // ---- output (console.log, print); buffered, flushed at exit and on errors
  void WriteStdout(std::string_view s);
  void FlushStdout();
  std::function<void(std::string_view)>& stdout_sink() { return stdout_sink_; }

  // ---- jobs and the host's event loop
  // The microtask queue (vm/execution/job-queue.h).
  JobQueue& job_queue() { return *job_queue_; }
  // The host's event loop (vm/host/event-loop.h), or nullptr until the
  // program first arms a timer (EventLoopOf makes it).
  EventLoop* event_loop() const { return event_loop_.get(); }
  std::unique_ptr<EventLoop>& event_loop_slot() { return event_loop_; }

  // ---- the interpreter's trace hooks (nullptr when tracing is off)
  TraceHooks* trace_hooks() const { return trace_hooks_; }
  void set_trace_hooks(TraceHooks* hooks) { trace_hooks_ = hooks; }

  // ---- the script context (top-level let/const/class) and scripts
  Context* script_context() const { return script_context_; }
  void set_script_context(Context* c) { script_context_ = c; }
  // The script context table (V8's ScriptContextTable): the top-level
  // let/const/class of every script run so far, so that later scripts (REPL
  // inputs) see them through LdaGlobal/StaGlobal.
  struct ScriptBinding {
    Context* context;
    uint32_t slot;
    VariableMode mode;
  };
  void RegisterScriptContext(Context* context);
  const ScriptBinding* FindScriptBinding(String* name) const {
    if (script_bindings_.empty()) return nullptr;
    auto it = script_bindings_.find(name);
    return it == script_bindings_.end() ? nullptr : &it->second;
  }
  // Cells kept alive for the runtime's lifetime (compiled scripts).
  void AddPermanentRoot(Value v) { permanent_roots_.push_back(v); }

  // Every script's top-level let/const/class by name (the table above).
  const std::unordered_map<String*, ScriptBinding>& script_bindings() const { return script_bindings_; }

  // What each __inspect(fn, label) call saw, in call order, for `jsvm scopes`
  // (rendered when called, so nothing here keeps fn alive).
  std::vector<ScopeInspection>& inspections() { return inspections_; }

  // Rooting list (handles.h).
  RootedBase*& rooted_top() { return rooted_top_; }

 private:
  void TraceRoots(Visitor& v);
  void InitNames();
  void ClearDeadInternedStrings();

  RuntimeOptions options_;
  std::chrono::steady_clock::time_point start_time_ = std::chrono::steady_clock::now();
  uint32_t native_polls_ = 0;
  Heap heap_;
  ShapeRegistry shapes_{heap_};
  std::unique_ptr<MegamorphicLoadCache> load_cache_;
  // ArgumentsShape's, valid in the shape epoch it was found in (a shape
  // freed since would have started a new one).
  struct CachedShape {
    Shape* shape = nullptr;
    uint32_t epoch = 0;
  };
  CachedShape arguments_shapes_[2];
  Accessor* arguments_callee_thrower_ = nullptr;  // a permanent root
  Names names_;
  Intrinsics intrinsics_;
  NativeContext* native_context_ = nullptr;
  WellKnownSymbols symbols_;
  std::unique_ptr<Interpreter> interpreter_;
  std::unique_ptr<JobQueue> job_queue_;
  std::unique_ptr<EventLoop> event_loop_;
  TraceHooks* trace_hooks_ = nullptr;
  Value exception_;
  Context* script_context_ = nullptr;
  std::vector<Value> permanent_roots_;
  std::unordered_map<String*, ScriptBinding> script_bindings_;
  std::vector<ScopeInspection> inspections_;
  RootedBase* rooted_top_ = nullptr;
  String* char_strings_[256] = {};

  struct InternHash {
    size_t operator()(std::u16string_view s) const { return String::HashOf(s); }
  };
  std::unordered_map<std::u16string_view, String*, InternHash> interned_;

  std::string stdout_buffer_;
  std::function<void(std::string_view)> stdout_sink_;
  uintptr_t native_stack_limit_address_ = 0;  // CheckNativeStack throws below this address
};

// Sets up the realm: intrinsics, built-in constructors and the global object
// (vm/builtins/*.cc).
void InstallBuiltins(Runtime& rt);

}  // namespace jsvm
