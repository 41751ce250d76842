#include "vm/execution/runtime.h"

#include <algorithm>
#include <cstdio>

#include "vm/builtins/builtins.h"
#include "vm/objects/inline-cache.h"
#include "vm/interpreter/interpreter.h"
#include "vm/execution/job-queue.h"
#include "vm/execution/native-stack.h"
#include "vm/host/event-loop.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"
#include "vm/interpreter/trace-hooks.h"
#include "vm/objects/unicode.h"

namespace jsvm {

RootedBase::RootedBase(Runtime& rt, bool is_vector) : rt_(rt), prev_(rt.rooted_top()), is_vector_(is_vector) {
  rt.rooted_top() = this;
}

RootedBase::~RootedBase() { rt_.rooted_top() = prev_; }

Runtime::Runtime(RuntimeOptions options) : options_(options), heap_(options.heap) {
  if (options_.native_stack_limit == 0) options_.native_stack_limit = kDefaultNativeStackLimit;
  // The budget counts from here, and never reaches the last part of this
  // thread's real stack, which is kept for throwing the error and unwinding.
  native_stack_limit_address_ = StackLimitFrom(CurrentStackAddress(), options_.native_stack_limit, kNativeStackReserve);
  heap_.AddRootSection("(Runtime roots)", [this](Visitor& v) { TraceRoots(v); });
  // Past --max-heap the heap prints the fatal error and exits; keep the output so far.
  heap_.SetOutOfMemoryHandler([this](size_t) { FlushStdout(); });
  heap_.AddWeakCallback([this] { ClearDeadInternedStrings(); });
  interpreter_ = std::make_unique<Interpreter>(*this);
  heap_.AddRootSection("(Stack roots)", [this](Visitor& v) { interpreter_->TraceRoots(v); });
  job_queue_ = std::make_unique<JobQueue>();
  heap_.AddRootSection("(Microtask queue)", [this](Visitor& v) { job_queue_->Trace(v); });
  heap_.AddRootSection("(Timers)", [this](Visitor& v) {
    if (event_loop_) event_loop_->Trace(v);
  });
  heap_.AddRootSection("(Handle roots)", [this](Visitor& v) {
    for (RootedBase* r = rooted_top_; r; r = r->prev_) {
      if (r->is_vector_) {
        for (Value val : r->values_) TraceValue(v, val, EdgeType::kHidden, EdgeName::Index(0));
      } else {
        TraceValue(v, r->value_, EdgeType::kHidden, EdgeName::Index(0));
      }
    }
  });
  NoGcScope no_gc(heap_);
  InitNames();
  native_context_ = heap_.New<NativeContext>(&intrinsics_);
  auto make_symbol = [this](const char* desc) {
    return NewSymbol(Value::FromCell(InternUtf8(std::string("Symbol.") + desc)));
  };
  symbols_.iterator = make_symbol("iterator");
  symbols_.has_instance = make_symbol("hasInstance");
  symbols_.to_primitive = make_symbol("toPrimitive");
  symbols_.to_string_tag = make_symbol("toStringTag");
  symbols_.species = make_symbol("species");
  InstallBuiltins(*this);
}

Runtime::~Runtime() = default;

MegamorphicLoadCache& Runtime::load_cache() {
  if (!load_cache_) load_cache_ = std::make_unique<MegamorphicLoadCache>();
  return *load_cache_;
}

Shape* Runtime::ArgumentsShape(bool mapped) {
  CachedShape& cached = arguments_shapes_[mapped];
  if (cached.shape && cached.epoch == shapes_.epoch()) return cached.shape;
  Shape* s = shapes_.Transition(nullptr, names_.length, kAttrHidden);
  s = shapes_.Transition(s, symbols_.iterator, kAttrHidden);
  s = shapes_.Transition(s, names_.callee, mapped ? kAttrHidden : static_cast<uint8_t>(kAttrAccessor));
  cached = {s, shapes_.epoch()};
  return s;
}

Accessor* Runtime::ArgumentsCalleeThrower() {
  if (!arguments_callee_thrower_) {
    Value thrower = Value::FromCell(intrinsics_.throw_type_error);
    arguments_callee_thrower_ = heap_.New<Accessor>(thrower, thrower);
    AddPermanentRoot(Value::FromCell(arguments_callee_thrower_));
  }
  return arguments_callee_thrower_;
}

void Runtime::InitNames() {
#define JSVM_INIT_NAME(field, text) names_.field = InternUtf8(text);
  JSVM_NAME_LIST(JSVM_INIT_NAME)
#undef JSVM_INIT_NAME
}

void Runtime::TraceRoots(Visitor& v) {
#define JSVM_TRACE_NAME(field, text) v.Edge(names_.field, EdgeType::kHidden, EdgeName::Str(#field));
  JSVM_NAME_LIST(JSVM_TRACE_NAME)
#undef JSVM_TRACE_NAME
  if (native_context_) v.Edge(native_context_, EdgeType::kHidden, EdgeName::Str("native_context"));
  for (Symbol* s : {symbols_.iterator, symbols_.has_instance, symbols_.to_primitive,
                    symbols_.to_string_tag, symbols_.species}) {
    if (s) v.Edge(s, EdgeType::kHidden, EdgeName::Str("symbol"));
  }
  TraceValue(v, exception_, EdgeType::kHidden, EdgeName::Str("exception"));
  if (script_context_) v.Edge(script_context_, EdgeType::kHidden, EdgeName::Str("script_context"));
  for (Value p : permanent_roots_) TraceValue(v, p, EdgeType::kHidden, EdgeName::Str("script"));
  auto trace_binding = [&v](String* name, const ScriptBinding& binding) {
    v.Edge(name, EdgeType::kHidden, EdgeName::Str("script_binding"));
    v.Edge(binding.context, EdgeType::kHidden, EdgeName::Str("script_context"));
  };
  if (v.WantsNames()) {
    // Snapshots must not depend on the hash order of pointers.
    std::vector<std::pair<String*, const ScriptBinding*>> sorted;
    for (auto& [name, binding] : script_bindings_) sorted.push_back({name, &binding});
    std::sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.first->view() < b.first->view(); });
    for (auto& [name, binding] : sorted) trace_binding(name, *binding);
  } else {
    for (auto& [name, binding] : script_bindings_) trace_binding(name, binding);
  }
  for (String* s : char_strings_) {
    if (s) v.Edge(s, EdgeType::kHidden, EdgeName::Str("char"));
  }
}

void NativeContext::Trace(Visitor& v) const {
#define JSVM_TRACE_INTRINSIC(field) \
  if (intrinsics_->field) v.Edge(intrinsics_->field, EdgeType::kInternal, EdgeName::Str(#field));
  JSVM_INTRINSIC_LIST(JSVM_TRACE_INTRINSIC)
#undef JSVM_TRACE_INTRINSIC
}

void Runtime::ClearDeadInternedStrings() {
  for (auto it = interned_.begin(); it != interned_.end();) {
    if (!heap_.IsMarked(it->second)) {
      it = interned_.erase(it);
    } else {
      ++it;
    }
  }
}

String* Runtime::NewString(std::u16string_view s) {
  String* str = heap_.NewWithExtra<String>(s.size() * sizeof(char16_t), static_cast<uint32_t>(s.size()));
  if (!s.empty()) std::memcpy(str->mutable_data(), s.data(), s.size() * sizeof(char16_t));
  return str;
}

String* Runtime::NewStringFromUtf8(std::string_view s) { return NewString(Utf8ToUtf16(s)); }

String* Runtime::Intern(std::u16string_view s) {
  auto it = interned_.find(s);
  if (it != interned_.end()) return it->second;
  String* str = NewString(s);
  str->set_interned(true);
  interned_.emplace(str->view(), str);
  return str;
}

String* Runtime::InternUtf8(std::string_view s) { return Intern(Utf8ToUtf16(s)); }

String* Runtime::CharString(char16_t c) {
  if (c < 256) {
    if (!char_strings_[c]) char_strings_[c] = Intern(std::u16string_view(&c, 1));
    return char_strings_[c];
  }
  return NewString(std::u16string_view(&c, 1));
}

String* Runtime::Concat(String* a, String* b) {
  if (a->length() == 0) return b;
  if (b->length() == 0) return a;
  uint64_t len = static_cast<uint64_t>(a->length()) + b->length();
  if (len > (1u << 29)) ThrowRangeError("Invalid string length");
  Rooted<String*> ra(*this, a), rb(*this, b);
  if (len >= String::kMinConsLength) return heap_.NewWithExtra<String>(sizeof(String::ConsParts), ra.get(), rb.get());
  String* str = heap_.NewWithExtra<String>(len * sizeof(char16_t), static_cast<uint32_t>(len));
  std::memcpy(str->mutable_data(), ra->data(), ra->length() * sizeof(char16_t));
  std::memcpy(str->mutable_data() + ra->length(), rb->data(), rb->length() * sizeof(char16_t));
  return str;
}

PropertyKey Runtime::KeyFor(String* s) {
  uint32_t index;
  if (s->AsArrayIndex(&index)) return PropertyKey::Index(index);
  if (!s->interned()) {
    // Interning may allocate the copy: keep the source alive while it is read.
    Rooted<String*> source(*this, s);
    s = Intern(source->view());
  }
  return PropertyKey::Named(s);
}

Object* Runtime::NewObject(Object* proto, uint32_t inline_slots) {
  inline_slots = std::min(inline_slots, kMaxInlineSlots);
  Object* o = heap_.NewWithExtra<Object>(inline_slots * sizeof(Value), CellKind::kObject, proto);
  o->InitInlineSlots(static_cast<uint16_t>(inline_slots));
  return o;
}

Array* Runtime::NewArray(uint32_t length) {
  Array* a = heap_.New<Array>(intrinsics_.array_prototype);
  a->set_length_raw(length);
  return a;
}

Array* Runtime::NewArrayFrom(const std::vector<Value>& values) {
  Array* a = heap_.New<Array>(intrinsics_.array_prototype);
  a->ReserveDense(*this, static_cast<uint32_t>(values.size()));
  for (Value v : values) a->dense().push_back(v.IsEmpty() ? Value::Hole() : v);
  a->set_length_raw(static_cast<uint32_t>(values.size()));
  return a;
}

NativeFunction* Runtime::NewNativeFunction(NativeFn fn, String* name, uint16_t length, bool constructor) {
  Rooted<String*> rname(*this, name);
  return heap_.New<NativeFunction>(intrinsics_.function_prototype, fn, rname.get(), length, constructor,
                                   native_context_);
}

ErrorObject* Runtime::NewError(Object* proto, String* message) {
  Rooted<String*> msg(*this, message);
  Rooted<ErrorObject*> error(*this, heap_.New<ErrorObject>(proto));
  if (msg.get()) DefineRaw(*this, error, PropertyKey::Named(names_.message), Value::FromCell(msg.get()), kAttrHidden);
  // stack: "Name: message\n    at ..." like V8 (the header follows later
  // changes of name and message until first read).
  AttachErrorStack(*this, error);
  return error;
}

void Runtime::RegisterScriptContext(Context* context) {
  shapes_.InvalidateCaches();  // new top-level bindings may shadow cached globals
  ScopeInfo* si = context->scope_info();
  for (uint32_t i = 0; i < si->slot_count(); ++i) {
    if (si->mode(i) == VariableMode::kThis) continue;
    script_bindings_[si->name(i)] = {context, Context::kFirstSlot + i, si->mode(i)};
  }
}

Symbol* Runtime::NewSymbol(Value description) { return heap_.New<Symbol>(description); }

Function* Runtime::NewClosure(FunctionInfo* info, Context* context) {
  Object* proto = intrinsics_.function_prototype;
  switch (info->resumable) {
    case ResumableKind::kNone: break;
    case ResumableKind::kGenerator: proto = intrinsics_.generator_function_prototype; break;
    case ResumableKind::kAsync: proto = intrinsics_.async_function_prototype; break;
    case ResumableKind::kAsyncGenerator: proto = intrinsics_.async_generator_function_prototype; break;
  }
  return heap_.New<Function>(proto, info, context, native_context_);
}

Context* Runtime::NewContext(ScopeInfo* info, Context* previous, uint32_t var_count) {
  return heap_.NewWithExtra<Context>(var_count * sizeof(Value), info, previous, var_count);
}

void Runtime::Throw(Value v) {
  exception_ = v;
  throw JsThrow{};
}

void Runtime::ThrowError(Object* proto, const std::string& message) {
  String* msg = NewStringFromUtf8(message);
  Throw(Value::FromCell(NewError(proto, msg)));
}

void Runtime::ThrowTypeError(const std::string& m) { ThrowError(intrinsics_.type_error_prototype, m); }
void Runtime::ThrowRangeError(const std::string& m) { ThrowError(intrinsics_.range_error_prototype, m); }
void Runtime::ThrowReferenceError(const std::string& m) { ThrowError(intrinsics_.reference_error_prototype, m); }
void Runtime::ThrowSyntaxError(const std::string& m) { ThrowError(intrinsics_.syntax_error_prototype, m); }

void SetStackSize(RuntimeOptions* options, size_t kb) {
  kb = std::max<size_t>(kb, 64);
  options->native_stack_limit = kb << 10;
  options->max_call_depth = static_cast<uint32_t>(std::min<size_t>(kb * 2, 100000000));
  options->stack_size_bytes = kb * 256;
}

void Runtime::CheckNativeStack() {
  if (CurrentStackAddress() < native_stack_limit_address_) ThrowRangeError("Maximum call stack size exceeded");
}

void Runtime::WriteStdout(std::string_view s) {
  if (trace_hooks_) trace_hooks_->OnOutput(1, s);
  if (stdout_sink_) {
    stdout_sink_(s);
    return;
  }
  stdout_buffer_.append(s);
  if (stdout_buffer_.size() > (1u << 16)) FlushStdout();
}

void Runtime::FlushStdout() {
  if (!stdout_buffer_.empty()) {
    std::fwrite(stdout_buffer_.data(), 1, stdout_buffer_.size(), stdout);
    stdout_buffer_.clear();
  }
  std::fflush(stdout);
}

void Runtime::CheckTimeout() const {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time_).count();
  if (elapsed > options_.timeout_seconds) ThrowTimeout();
}

void Runtime::ThrowTimeout() const {
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%g", options_.timeout_seconds);
  throw JsTerminate{6, std::string("execution timed out after ") + seconds + " s (--timeout)"};
}

}  // namespace jsvm
