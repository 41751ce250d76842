// The dispatch loop. Handlers are short: fast paths inline, everything else
// calls into operations.h / object-ops.h or the slow paths of
// interpreter-runtime.cc. Before anything that can allocate, throw or call
// out, a handler saves pc and the accumulator into its frame (SYNC), so that
// stack traces, the collector and exception handling see the current state.
// Each handler is `CASE(Name)` under a one-line comment in V8's style giving
// its operands (`// Add <r> [slot]: acc = r + acc`), so searching for a
// bytecode's name finds it; a macro may give the body of a family of them.
#include "vm/interpreter/interpreter.h"

#include <algorithm>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "vm/builtins/builtins.h"
#include "vm/interpreter/error-sites.h"
#include "vm/interpreter/interpreter-runtime.h"
#include "vm/interpreter/lookup-slots.h"
#include "vm/interpreter/private-names.h"
#include "vm/modules/module-record.h"
#include "vm/objects/array-buffer.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"
#include "vm/interpreter/trace-hooks.h"
#include "vm/objects/unicode.h"

#if defined(__GNUC__)
#define JSVM_LIKELY(x) __builtin_expect(!!(x), 1)
#define JSVM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define JSVM_LIKELY(x) (x)
#define JSVM_UNLIKELY(x) (x)
#endif

#ifndef JSVM_USE_COMPUTED_GOTO
#define JSVM_USE_COMPUTED_GOTO 0
#endif
#ifndef JSVM_TRACING
#define JSVM_TRACING 1
#endif

namespace jsvm {

Interpreter::Interpreter(Runtime& rt) : rt_(rt) {
  size_t slots = rt.options().stack_size_bytes / sizeof(Value) + 1024;
  stack_ = static_cast<Value*>(std::malloc(slots * sizeof(Value)));
  if (!stack_) throw std::bad_alloc();
  stack_limit_ = stack_ + slots - 1024;
  frames_.reserve(rt.options().max_call_depth + 16);
}

Interpreter::~Interpreter() { std::free(stack_); }

void Interpreter::EnableDispatchStats(bool on) {
  dispatch_stats_ = on;
  if (on) {
    counts_.assign(kBytecodeCount, 0);
    pairs_.assign(static_cast<size_t>(kBytecodeCount) * kBytecodeCount, 0);
  }
}

Value* Interpreter::StackTop() const {
  if (frames_.empty()) return stack_;
  return frames_.back().top();
}

void Interpreter::TraceRoots(Visitor& v) const {
  if (frames_.empty()) return;
  const Value* end = frames_.back().top();
  for (const Value* p = stack_; p < end; ++p) {
    TraceValue(v, *p, EdgeType::kHidden, EdgeName::Index(0));
  }
  for (const Frame& f : frames_) {
    if (f.function) v.Edge(f.function, EdgeType::kHidden, EdgeName::Str("function"));
    if (f.info) v.Edge(f.info, EdgeType::kHidden, EdgeName::Str("info"));
    TraceValue(v, f.acc, EdgeType::kHidden, EdgeName::Str("accumulator"));
    TraceValue(v, f.new_target, EdgeType::kHidden, EdgeName::Str("new_target"));
  }
}

Frame* Interpreter::PushFrame(Function* fn, Value this_value, const Value* argv, uint32_t argc, Value new_target) {
  FunctionInfo* info = fn->info();
  if (JSVM_UNLIKELY(!info->ics)) info->AllocateFeedback(rt_.heap());
  uint32_t params = info->param_count;
  uint32_t extra = argc > params ? argc - params : 0;
  Value* base = StackTop();
  Value* fp = base + extra + 1 + params + 2;
  if (JSVM_UNLIKELY(frames_.size() >= rt_.options().max_call_depth ||
                    fp + info->register_count >= stack_limit_)) {
    rt_.ThrowRangeError("Maximum call stack size exceeded");
  }
  // Extra arguments first, then the receiver, the parameters, closure, context.
  for (uint32_t i = 0; i < extra; ++i) base[i] = argv[params + i];
  Value* p = base + extra;
  *p++ = this_value;
  for (uint32_t i = 0; i < params; ++i) *p++ = i < argc ? argv[i] : Value::Undefined();
  *p++ = Value::FromCell(fn);
  *p++ = fn->context() ? Value::FromCell(fn->context()) : Value::Undefined();
  for (uint32_t i = 0; i < info->register_count; ++i) fp[i] = Value::Undefined();
  Frame& f = frames_.emplace_back();
  f.function = fn;
  f.info = info;
  f.base = base;
  f.fp = fp;
  f.pc = info->bytecode.data();
  f.argc = argc;
  f.extra_count = extra;
  f.new_target = new_target;
  if (JSVM_UNLIKELY(info->direct_eval)) {
    // Direct eval code runs with its caller's new.target; its own `this`
    // (used where no context holds the caller's) is the global object, or
    // undefined when the caller is module code.
    const FunctionInfo* caller = frames_.size() > 1 ? frames_[frames_.size() - 2].info : nullptr;
    if (caller) f.new_target = frames_[frames_.size() - 2].new_target;
    bool from_module = caller && caller->scope_info && caller->scope_info->type() == ScopeType::kModule;
    Value& self = fp[reg::Receiver(params)];
    if (self.IsNullish() && !from_module) self = Value::FromCell(rt_.global());
  }
  // Sloppy functions see undefined/null `this` as the global object and
  // primitives boxed.
  if (!info->strict && info->flavor != FunctionFlavor::kArrow) {
    Value& self = fp[reg::Receiver(params)];
    if (self.IsNullish()) {
      self = Value::FromCell(rt_.global());
    } else if (!self.IsObject() && !self.IsHole()) {
      self = Value::FromCell(ToObject(rt_, self));
    }
  }
  return &f;
}

Value Interpreter::CallFunction(Function* fn, Value this_value, const Value* argv, uint32_t argc,
                                Value new_target) {
  rt_.CheckNativeStack();
  Frame* f = PushFrame(fn, this_value, argv, argc, new_target);
  f->is_entry = true;
  if (TraceHooks* hooks = rt_.trace_hooks()) hooks->OnCall(*f);
  return Run();
}

Value Interpreter::ResumeGenerator(GeneratorObject* gen) {
  rt_.CheckNativeStack();
  Function* fn = gen->function();
  uint32_t params = fn->info()->param_count;
  if (gen->saved().size() < params || fn->info()->register_count == 0) {
    rt_.ThrowTypeError("invalid bytecode: a generator resumed without its saved state");
  }
  // The saved parameters are the arguments: PushFrame copies them onto the
  // stack (nothing it does resizes `saved`, and the collector moves nothing).
  Frame* f = PushFrame(fn, gen->receiver(), gen->saved().data(), params, Value::Undefined());
  f->fp[reg::kContext] = gen->context();
  f->fp[0] = Value::FromCell(gen);
  f->is_entry = true;
  if (TraceHooks* hooks = rt_.trace_hooks()) hooks->OnResume(*f, Value::FromCell(gen));
  return Run();
}

Value Interpreter::RunScript(FunctionInfo* top) {
  Rooted<FunctionInfo*> rtop(rt_, top);
  Rooted<Context*> context(rt_, rt_.script_context());
  if (ScopeInfo* si = top->scope_info) {
    ScopeType type = si->type();
    if (type == ScopeType::kScript) {
      // GlobalDeclarationInstantiation: a top-level let/const/class may not
      // redeclare an earlier script's, nor a non-configurable global property.
      for (uint32_t i = 0; i < si->slot_count(); ++i) {
        if (si->mode(i) == VariableMode::kThis) continue;
        String* name = si->name(i);
        OwnProperty existing;
        if (rt_.FindScriptBinding(name) ||
            (GetOwnProperty(rt_, rt_.global(), rt_.KeyFor(name), &existing) && !(existing.attrs & kAttrConfigurable))) {
          rt_.ThrowSyntaxError("Identifier '" + name->ToUtf8() + "' has already been declared");
        }
      }
    }
    // An eval context sits on the script context its code can see.
    context = rt_.NewContext(si, type == ScopeType::kEval ? context.get() : nullptr, si->slot_count());
    for (uint32_t i = 0; i < si->slot_count(); ++i) context->set(Context::kFirstSlot + i, Value::Hole());
    if (type == ScopeType::kScript) {
      rt_.set_script_context(context);
      rt_.RegisterScriptContext(context);
    }
  }
  Function* fn = rt_.NewClosure(rtop, context);
  return CallFunction(fn, Value::FromCell(rt_.global()), nullptr, 0, Value::Undefined());
}

void Interpreter::CountNativeSteps(uint64_t n) {
  steps_ += n;
  CheckLimits(rt_, steps_);  // --max-steps
  // Callers batch thousands of steps, so the clock is read at every call.
  if (rt_.options().timeout_seconds > 0) rt_.CheckTimeout();
}

std::string Interpreter::StackTrace(size_t max_frames) const {
  std::string out;
  size_t n = 0;
  for (auto it = frames_.rbegin(); it != frames_.rend() && n < max_frames; ++it, ++n) {
    const Frame& f = *it;
    const FunctionInfo* info = f.info;
    std::string name = info->debug_name ? info->debug_name->ToUtf8() : "";
    if (info->flavor == FunctionFlavor::kTopLevel) name = info->direct_eval ? "eval" : "";
    std::string where = info->script ? info->script->file() : "<unknown>";
    uint32_t src;
    if (info->script && info->SourceOffsetAt(static_cast<uint32_t>(f.pc - info->bytecode.data()), &src)) {
      uint32_t line, col;
      info->script->LineCol(src, &line, &col);
      where += ":" + std::to_string(line) + ":" + std::to_string(col);
    }
    if (!out.empty()) out += "\n";
    if (name.empty()) {
      out += "    at " + where;
    } else {
      if (f.new_target.IsObject()) name = "new " + name;
      out += "    at " + name + " (" + where + ")";
    }
  }
  return out;
}

std::string CaptureStackTrace(Runtime& rt) { return rt.interpreter().StackTrace(); }

// ---------------------------------------------------------------- the loop

namespace {

// The handler table lookup for `offset` in `info`: the innermost range.
const HandlerEntry* FindHandler(const FunctionInfo* info, uint32_t offset) {
  const HandlerEntry* best = nullptr;
  for (const HandlerEntry& h : info->handlers) {
    if (offset >= h.start && offset < h.end) {
      if (!best || (h.end - h.start) < (best->end - best->start)) best = &h;
    }
  }
  return best;
}

inline Context* CurrentContext(Value* fp) {
  Value c = fp[reg::kContext];
  return c.IsCell() ? static_cast<Context*>(c.AsCell()) : nullptr;
}

// A catch or with context: its first slot holds the exception or the object.
Context* NewContextHolding(Runtime& rt, Value scope_info, Context* previous, Value first) {
  auto* si = static_cast<ScopeInfo*>(scope_info.AsCell());
  Context* c = rt.NewContext(si, previous, si->slot_count());
  c->set(Context::kFirstSlot, first);
  return c;
}

inline Context* WalkContext(Value ctx, uint32_t depth) {
  auto* c = static_cast<Context*>(ctx.AsCell());
  while (depth--) c = c->previous();
  return c;
}

}  // namespace

Value Interpreter::Run() {
  Frame* frame = &frames_.back();
  const size_t entry_depth = frames_.size();
  Value* fp = frame->fp;
  const uint8_t* pc = frame->pc;
  const Value* constants = frame->info->constants.data();
  Value acc = Value::Undefined();
#if JSVM_TRACING
  TraceHooks* hooks = rt_.trace_hooks();
  const bool observing = hooks != nullptr || dispatch_stats_ || rt_.options().max_steps != 0 ||
                         rt_.options().timeout_seconds > 0;
#else
  // A measurement build (-DJSVM_TRACING=OFF): no tracing, dispatch statistics
  // or step/time limits, to show what their one branch per instruction costs.
  constexpr TraceHooks* hooks = nullptr;
  constexpr bool observing = false;
#endif
  Bytecode previous_op = Bytecode::kCount;
  const bool* const collection_requested = rt_.heap().collection_requested();
  PropertyIC scratch_ic;  // see IC_TO_FILL
  // Call state shared by the call handlers (declared here: handlers are jumped into).
  Value callee, receiver, new_target;
  const Value* argv = nullptr;
  uint32_t argc = 0;
  bool construct = false;

// Save the state the rest of the VM may look at.
// Handlers never hold a Rooted or other object with a destructor across
// DISPATCH: a computed goto leaves a scope without running destructors.
#define SYNC()          \
  do {                  \
    frame->pc = pc;     \
    frame->acc = acc;   \
  } while (0)
// Reload the frame-dependent locals after a frame change.
#define LOAD_FRAME()                               \
  do {                                             \
    frame = &frames_.back();                       \
    fp = frame->fp;                                \
    pc = frame->pc;                                \
    constants = frame->info->constants.data();     \
  } while (0)

// Pops the frame, handing acc to its caller: out of Run for an entry frame,
// else on after the caller's call instruction (Return, SuspendGenerator).
#define LEAVE_FRAME()                         \
  do {                                        \
    bool entry = frame->is_entry;             \
    frames_.pop_back();                       \
    if (entry) return acc;                    \
    LOAD_FRAME();                             \
    pc += kBytecodeInfos[*pc].size;           \
    DISPATCH();                               \
  } while (0)

#define OFFSET(i) (kBytecodeInfos[static_cast<int>(kOp)].operand_offsets[i])
#define REG_INDEX(i) ReadI16(pc + OFFSET(i))
#define REG(i) fp[REG_INDEX(i)]
#define IDX(i) ReadU32(pc + OFFSET(i))
#define IC(i) frame->info->ics[ReadU16(pc + OFFSET(i))]
// The cache a slow path may fill: the site's own, or a scratch one for the
// shared overflow slot (which must stay empty).
#define IC_TO_FILL(i) \
  (ReadU16(pc + OFFSET(i)) == kSharedFeedbackSlot ? (scratch_ic = PropertyIC{}, scratch_ic) : IC(i))
#define UIMM(i) ReadU32(pc + OFFSET(i))
#define IMM(i) ReadI32(pc + OFFSET(i))
#define FLAG(i) pc[OFFSET(i)]
#define LIST_COUNT(i) ReadU16(pc + OFFSET(i) + 2)
#define RUNTIME_ID(i) static_cast<RuntimeFunction>(ReadU16(pc + OFFSET(i)))
#define SIZE() (kBytecodeInfos[static_cast<int>(kOp)].size)

#if JSVM_USE_COMPUTED_GOTO
  static void* const kDispatch[] = {
#define BYTECODE(name, acc_use, facts, doc, ...) &&L_##name,
#include "vm/interpreter/bytecodes.def"
#undef BYTECODE
  };
#define DISPATCH()                                                \
  do {                                                            \
    if (JSVM_UNLIKELY(observing)) goto observe;                   \
    goto* kDispatch[*pc];                                         \
  } while (0)
// The for-statement gives each handler its own compile-time opcode (kOp);
// every handler leaves through DISPATCH, so the loop never iterates.
#define CASE(name) L_##name: for ([[maybe_unused]] constexpr Bytecode kOp = Bytecode::k##name;;)
#else
#define DISPATCH() goto dispatch_top
#define CASE(name) case Bytecode::k##name: for ([[maybe_unused]] constexpr Bytecode kOp = Bytecode::k##name;;)
#endif
#define NEXT()      \
  do {              \
    pc += SIZE();   \
    DISPATCH();     \
  } while (0)
#define JUMP_TO(target) \
  do {                  \
    pc = (target);      \
    DISPATCH();         \
  } while (0)

  for (;;) {
    try {
#if JSVM_USE_COMPUTED_GOTO
      DISPATCH();
#else
    dispatch_top:
      if (JSVM_UNLIKELY(observing)) goto observe;
    dispatch_switch:
      switch (static_cast<Bytecode>(*pc)) {
#endif

    observe: {
      auto op = static_cast<Bytecode>(*pc);
      ++steps_;
      if (dispatch_stats_) {
        counts_[static_cast<int>(op)]++;
        if (previous_op != Bytecode::kCount) {
          pairs_[static_cast<size_t>(previous_op) * kBytecodeCount + static_cast<size_t>(op)]++;
        }
        previous_op = op;
      }
      SYNC();
      CheckLimits(rt_, steps_);
      if (hooks) hooks->OnInstruction(*frame, pc, acc);
#if JSVM_USE_COMPUTED_GOTO
      goto* kDispatch[*pc];
#else
      goto dispatch_switch;
#endif
    }

    // ------------------------------------------------------------ loads
    // LdaZero: acc = 0
    CASE(LdaZero) { acc = Value::Int(0); NEXT(); }
    // LdaSmi [imm]: acc = imm (a small integer)
    CASE(LdaSmi) { acc = Value::Int(IMM(0)); NEXT(); }
    // LdaUndefined: acc = undefined
    CASE(LdaUndefined) { acc = Value::Undefined(); NEXT(); }
    // LdaNull: acc = null
    CASE(LdaNull) { acc = Value::Null(); NEXT(); }
    // LdaTheHole: acc = the hole (the TDZ marker)
    CASE(LdaTheHole) { acc = Value::Hole(); NEXT(); }
    // LdaTrue: acc = true
    CASE(LdaTrue) { acc = Value::True(); NEXT(); }
    // LdaFalse: acc = false
    CASE(LdaFalse) { acc = Value::False(); NEXT(); }
    // LdaConstant [idx]: acc = constant_pool[idx]
    CASE(LdaConstant) { acc = constants[IDX(0)]; NEXT(); }
    // Ldar <r>: acc = r
    CASE(Ldar) { acc = REG(0); NEXT(); }
    // Star <r>: r = acc
    CASE(Star) { REG(0) = acc; NEXT(); }
    // Star0: r0 = acc (short form)
    CASE(Star0) { fp[0] = acc; NEXT(); }
    // Star1: r1 = acc (short form)
    CASE(Star1) { fp[1] = acc; NEXT(); }
    // Star2: r2 = acc (short form)
    CASE(Star2) { fp[2] = acc; NEXT(); }
    // Star3: r3 = acc (short form)
    CASE(Star3) { fp[3] = acc; NEXT(); }
    // Star4: r4 = acc (short form)
    CASE(Star4) { fp[4] = acc; NEXT(); }
    // Star5: r5 = acc (short form)
    CASE(Star5) { fp[5] = acc; NEXT(); }
    // Star6: r6 = acc (short form)
    CASE(Star6) { fp[6] = acc; NEXT(); }
    // Star7: r7 = acc (short form)
    CASE(Star7) { fp[7] = acc; NEXT(); }
    // Star8: r8 = acc (short form)
    CASE(Star8) { fp[8] = acc; NEXT(); }
    // Star9: r9 = acc (short form)
    CASE(Star9) { fp[9] = acc; NEXT(); }
    // Star10: r10 = acc (short form)
    CASE(Star10) { fp[10] = acc; NEXT(); }
    // Star11: r11 = acc (short form)
    CASE(Star11) { fp[11] = acc; NEXT(); }
    // Star12: r12 = acc (short form)
    CASE(Star12) { fp[12] = acc; NEXT(); }
    // Star13: r13 = acc (short form)
    CASE(Star13) { fp[13] = acc; NEXT(); }
    // Star14: r14 = acc (short form)
    CASE(Star14) { fp[14] = acc; NEXT(); }
    // Star15: r15 = acc (short form)
    CASE(Star15) { fp[15] = acc; NEXT(); }
    // Mov <src> <dst>: dst = src
    CASE(Mov) { REG(1) = REG(0); NEXT(); }

    // ------------------------------------------------------------ globals
// The two global loads: `inside_typeof` makes an absent name undefined, not a ReferenceError.
#define LDA_GLOBAL(inside_typeof)                                                                  \
    {                                                                                              \
      PropertyIC& ic = IC(1);                                                                      \
      Object* global = rt_.global();                                                               \
      if (JSVM_LIKELY(TryGlobalIC(ic, ICKind::kGlobalLoad, rt_.shapes().epoch(), global))) {      \
        acc = global->named_value(ic.slot);                                                        \
        NEXT();                                                                                    \
      }                                                                                            \
      SYNC();                                                                                      \
      acc = LoadGlobalIC(rt_, IC_TO_FILL(1), constants[IDX(0)].AsString(), inside_typeof);         \
      NEXT();                                                                                      \
    }
    // LdaGlobal [name] [slot]: acc = global[name]; ReferenceError when absent
    CASE(LdaGlobal) LDA_GLOBAL(false)
    // LdaGlobalInsideTypeof [name] [slot]: acc = global[name], undefined when absent
    CASE(LdaGlobalInsideTypeof) LDA_GLOBAL(true)
#undef LDA_GLOBAL
    // StaGlobal [name] [slot]: global[name] = acc (strict: ReferenceError when absent)
    CASE(StaGlobal) {
      PropertyIC& ic = IC(1);
      Object* global = rt_.global();
      if (JSVM_LIKELY(TryGlobalIC(ic, ICKind::kGlobalStore, rt_.shapes().epoch(), global))) {
        global->set_named_value(ic.slot, acc);
        NEXT();
      }
      SYNC();
      StoreGlobalIC(rt_, IC_TO_FILL(1), constants[IDX(0)].AsString(), acc, frame->info->strict);
      NEXT();
    }

    // ------------------------------------------------------------ contexts
    // PushContext <r>: r = current context; current context = acc
    CASE(PushContext) {
      REG(0) = fp[reg::kContext];
      fp[reg::kContext] = acc;
      if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnPushContext(*frame, acc);
      NEXT();
    }
    // PopContext <r>: current context = r
    CASE(PopContext) {
      fp[reg::kContext] = REG(0);
      if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnPopContext(*frame, REG(0));
      NEXT();
    }
    // LdaContextSlot <context> [slot] [depth]: acc = (context r, walked depth times)[slot]
    CASE(LdaContextSlot) { acc = WalkContext(REG(0), UIMM(2))->get(UIMM(1)); NEXT(); }
    // LdaImmutableContextSlot <context> [slot] [depth]: as LdaContextSlot, for a slot never reassigned
    CASE(LdaImmutableContextSlot) { acc = WalkContext(REG(0), UIMM(2))->get(UIMM(1)); NEXT(); }
    // LdaCurrentContextSlot [slot]: acc = current_context[slot]
    CASE(LdaCurrentContextSlot) { acc = CurrentContext(fp)->get(UIMM(0)); NEXT(); }
    // LdaImmutableCurrentContextSlot [slot]: as LdaCurrentContextSlot, for a slot never reassigned
    CASE(LdaImmutableCurrentContextSlot) { acc = CurrentContext(fp)->get(UIMM(0)); NEXT(); }
    // StaContextSlot <context> [slot] [depth]: (context r, walked depth times)[slot] = acc
    CASE(StaContextSlot) { WalkContext(REG(0), UIMM(2))->set(UIMM(1), acc); NEXT(); }
    // LdaModuleVariable [cell], [depth]: acc = cell of the module whose context is depth out
    CASE(LdaModuleVariable) {
      SYNC();
      acc = LoadModuleVariable(rt_, WalkContext(Value::FromCell(CurrentContext(fp)), UIMM(1)), IMM(0));
      NEXT();
    }
    // StaModuleVariable [cell], [depth]: that module's export cell = acc
    CASE(StaModuleVariable) {
      SYNC();
      StoreModuleVariable(rt_, WalkContext(Value::FromCell(CurrentContext(fp)), UIMM(1)), IMM(0), acc);
      NEXT();
    }
    // StaCurrentContextSlot [slot]: current_context[slot] = acc
    CASE(StaCurrentContextSlot) { CurrentContext(fp)->set(UIMM(0), acc); NEXT(); }
    // CreateFunctionContext [idx] [slots]: acc = new function context (scope info idx, n slots) in the current one
    CASE(CreateFunctionContext) {
      SYNC();
      auto* si = static_cast<ScopeInfo*>(constants[IDX(0)].AsCell());
      acc = Value::FromCell(rt_.NewContext(si, CurrentContext(fp), UIMM(1)));
      NEXT();
    }
    // CreateBlockContext [idx]: acc = new block context for scope info idx
    CASE(CreateBlockContext) {
      SYNC();
      auto* si = static_cast<ScopeInfo*>(constants[IDX(0)].AsCell());
      acc = Value::FromCell(rt_.NewContext(si, CurrentContext(fp), si->slot_count()));
      NEXT();
    }
    // CreateCatchContext <r> [idx]: acc = new catch context holding exception r
    CASE(CreateCatchContext) {
      SYNC();
      acc = Value::FromCell(NewContextHolding(rt_, constants[IDX(1)], CurrentContext(fp), REG(0)));
      NEXT();
    }
    // CreateClosure [idx] [slot] #flags: acc = new closure of function info idx in the current context
    CASE(CreateClosure) {
      SYNC();
      auto* info = static_cast<FunctionInfo*>(constants[IDX(0)].AsCell());
      Function* closure = rt_.NewClosure(info, CurrentContext(fp));
      acc = Value::FromCell(closure);
      if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnCreateClosure(*frame, acc);
      NEXT();
    }

    // ------------------------------------------------------------ names resolved at run time
// The lookup loads: LdaLookupSlot and its fast forms, which read a context
// slot or the global object while no context on the way has an extension.
#define LDA_LOOKUP(inside_typeof)                                                                 \
    {                                                                                              \
      SYNC();                                                                                      \
      acc = LoadLookupSlot(rt_, CurrentContext(fp), constants[IDX(0)].AsString(), inside_typeof);  \
      NEXT();                                                                                      \
    }
    // LdaLookupSlot [name]: acc = the binding name, looked up through the context chain; ReferenceError when absent
    CASE(LdaLookupSlot) LDA_LOOKUP(false)
    // LdaLookupSlotInsideTypeof [name]: as LdaLookupSlot, undefined when absent
    CASE(LdaLookupSlotInsideTypeof) LDA_LOOKUP(true)
#define LDA_LOOKUP_CONTEXT(inside_typeof)                                                         \
    {                                                                                              \
      if (JSVM_LIKELY(!HasContextExtension(CurrentContext(fp), UIMM(2)))) {                        \
        acc = WalkContext(fp[reg::kContext], UIMM(2))->get(UIMM(1));                               \
        if (JSVM_LIKELY(!acc.IsHole())) NEXT();                                                    \
      }                                                                                            \
      LDA_LOOKUP(inside_typeof)                                                                    \
    }
    // LdaLookupContextSlot [name] [slot] [depth]: acc = (current context walked depth times)[slot], unless a context on the way has eval-declared vars
    CASE(LdaLookupContextSlot) LDA_LOOKUP_CONTEXT(false)
    // LdaLookupContextSlotInsideTypeof [name] [slot] [depth]: as LdaLookupContextSlot, undefined when absent
    CASE(LdaLookupContextSlotInsideTypeof) LDA_LOOKUP_CONTEXT(true)
#undef LDA_LOOKUP_CONTEXT
#define LDA_LOOKUP_GLOBAL(inside_typeof)                                                          \
    {                                                                                              \
      if (JSVM_LIKELY(!HasContextExtension(CurrentContext(fp), UIMM(2)))) {                        \
        SYNC();                                                                                    \
        acc = LoadGlobalIC(rt_, IC_TO_FILL(1), constants[IDX(0)].AsString(), inside_typeof);       \
        NEXT();                                                                                    \
      }                                                                                            \
      LDA_LOOKUP(inside_typeof)                                                                    \
    }
    // LdaLookupGlobalSlot [name] [slot] [depth]: acc = global[name], unless one of the depth innermost contexts has eval-declared vars
    CASE(LdaLookupGlobalSlot) LDA_LOOKUP_GLOBAL(false)
    // LdaLookupGlobalSlotInsideTypeof [name] [slot] [depth]: as LdaLookupGlobalSlot, undefined when absent
    CASE(LdaLookupGlobalSlotInsideTypeof) LDA_LOOKUP_GLOBAL(true)
#undef LDA_LOOKUP_GLOBAL
#undef LDA_LOOKUP
    // StaLookupSlot [name] #flags: the binding name, looked up through the context chain, = acc (flags: 1 strict, 2 an Annex B block function's var: looked up from the nearest function context)
    CASE(StaLookupSlot) {
      SYNC();
      Context* start = CurrentContext(fp);
      if (FLAG(1) & 2) start = VarScopeContext(start);
      StoreLookupSlot(rt_, start, constants[IDX(0)].AsString(), acc, (FLAG(1) & 1) != 0);
      NEXT();
    }
    // CreateWithContext <r> [idx]: acc = new with context for object r (scope info idx)
    CASE(CreateWithContext) {
      SYNC();
      if (!REG(0).IsObject()) rt_.ThrowTypeError("invalid bytecode: CreateWithContext of a value that is not an object");
      acc = Value::FromCell(NewContextHolding(rt_, constants[IDX(1)], CurrentContext(fp), REG(0)));
      NEXT();
    }
    // CreateEvalContext [idx] [slots]: acc = new eval context (scope info idx, n slots) whose previous is the current one
    CASE(CreateEvalContext) {
      SYNC();
      auto* si = static_cast<ScopeInfo*>(constants[IDX(0)].AsCell());
      acc = Value::FromCell(rt_.NewContext(si, CurrentContext(fp), UIMM(1)));
      NEXT();
    }
    // CallRuntimeForPair [function] <list> <out>: out, out+1 = runtime function(list...)
    CASE(CallRuntimeForPair) {
      SYNC();
      if (RUNTIME_ID(0) != RuntimeFunction::kLoadLookupSlotForCall || LIST_COUNT(1) != 1 || !REG(1).IsString()) {
        rt_.ThrowTypeError("invalid bytecode: CallRuntimeForPair of a function that does not return a pair");
      }
      Value receiver;
      Value value = LoadLookupSlot(rt_, CurrentContext(fp), REG(1).AsString(), false, &receiver);
      fp[REG_INDEX(2)] = value;
      fp[REG_INDEX(2) + 1] = receiver;
      NEXT();
    }

    // ------------------------------------------------------------ properties
    // GetNamedProperty <r> [name] [slot]: acc = r.name
    CASE(GetNamedProperty) {
      Value obj = REG(0);
      PropertyIC& ic = IC(2);
      if (JSVM_LIKELY(TryLoadIC(ic, rt_.shapes().epoch(), obj, rt_.intrinsics().string_prototype, &acc))) NEXT();
      SYNC();
      acc = LoadIC(rt_, IC_TO_FILL(2), obj, static_cast<String*>(constants[IDX(1)].AsCell()));
      NEXT();
    }
    // GetNamedPropertyFromSuper <r> [name] [slot]: acc = super.name with receiver r (acc: home object)
    CASE(GetNamedPropertyFromSuper) {
      SYNC();
      acc = GetSuperProperty(rt_, acc, REG(0), rt_.KeyFor(constants[IDX(1)].AsString()));
      NEXT();
    }
    // GetKeyedProperty <r> [slot]: acc = r[acc]
    CASE(GetKeyedProperty) {
      Value obj = REG(0);
      if (JSVM_LIKELY(acc.IsInt() && acc.AsInt() >= 0 && obj.IsCellOfKind(CellKind::kArray))) {
        auto* a = static_cast<Array*>(obj.AsObject());
        auto i = static_cast<uint32_t>(acc.AsInt());
        const DenseElements& elements = a->elements();
        if (i < elements.size() && !elements[i].IsHole()) {
          acc = elements[i];
          NEXT();
        }
      } else if (acc.IsInt() && acc.AsInt() >= 0 && obj.IsCellOfKind(CellKind::kTypedArray) &&
                 !IsBigIntKind(static_cast<TypedArrayObject*>(obj.AsObject())->element_kind())) {
        // An integer-indexed exotic object: no string key, no prototype walk.
        // (A BigInt element allocates: that takes the synced path below.)
        auto* ta = static_cast<TypedArrayObject*>(obj.AsObject());
        auto i = static_cast<size_t>(acc.AsInt());
        acc = i < ta->length() ? ta->Get(rt_, i) : Value::Undefined();
        NEXT();
      } else if (IsPrivateName(acc)) {
        // obj.#x: a private field, cached per site by shape and name.
        uint32_t slot;
        PropertyIC& ic = IC_TO_FILL(1);
        if (TryPrivateFieldIC(ic, rt_.shapes().epoch(), obj, acc, &slot) ||
            (FillPrivateFieldIC(rt_, ic, obj, acc.AsSymbol()) && (slot = ic.slot, true))) {
          acc = obj.AsObject()->named_value(static_cast<int>(slot));
          NEXT();
        }
      }
      SYNC();
      acc = GetKeyed(rt_, obj, acc);
      NEXT();
    }
    // SetNamedProperty <r> [name] [slot]: r.name = acc
    CASE(SetNamedProperty) {
      PropertyIC& ic = IC(2);
      if (JSVM_LIKELY(TryStoreExistingIC(ic, rt_.shapes().epoch(), REG(0), acc))) NEXT();
      SYNC();
      StoreIC(rt_, IC_TO_FILL(2), REG(0), static_cast<String*>(constants[IDX(1)].AsCell()), acc, frame->info->strict);
      NEXT();
    }
    // SetKeyedProperty <r1> <r2> [slot]: r1[r2] = acc
    CASE(SetKeyedProperty) {
      Value obj = REG(0);
      Value key = REG(1);
      if (JSVM_LIKELY(key.IsInt() && key.AsInt() >= 0 && obj.IsCellOfKind(CellKind::kArray))) {
        auto* a = static_cast<Array*>(obj.AsObject());
        auto i = static_cast<uint32_t>(key.AsInt());
        if (i < a->elements().size() && !a->elements()[i].IsHole()) {
          a->dense()[i] = acc;  // unshares copy-on-write elements
          NEXT();
        }
      } else if (key.IsInt() && key.AsInt() >= 0 && acc.IsNumber() && obj.IsCellOfKind(CellKind::kTypedArray) &&
                 !IsBigIntKind(static_cast<TypedArrayObject*>(obj.AsObject())->element_kind())) {
        // A number into a typed array: converted in place; an index past
        // the end is ignored.
        auto* ta = static_cast<TypedArrayObject*>(obj.AsObject());
        auto i = static_cast<size_t>(key.AsInt());
        if (i < ta->length()) ta->Set(i, acc);
        NEXT();
      } else if (IsPrivateName(key)) {
        // obj.#x = acc: a private field, cached like the load.
        uint32_t slot;
        PropertyIC& ic = IC_TO_FILL(2);
        if (TryPrivateFieldIC(ic, rt_.shapes().epoch(), obj, key, &slot) ||
            (FillPrivateFieldIC(rt_, ic, obj, key.AsSymbol()) && (slot = ic.slot, true))) {
          obj.AsObject()->set_named_value(static_cast<int>(slot), acc);
          NEXT();
        }
      }
      SYNC();
      SetKeyed(rt_, obj, key, acc, frame->info->strict);
      NEXT();
    }
    // DefineNamedOwnProperty <r> [name] [slot]: define own data property r.name = acc (literals, fields)
    CASE(DefineNamedOwnProperty) {
      SYNC();
      if (JSVM_UNLIKELY(!REG(0).IsObject())) rt_.ThrowTypeError("invalid bytecode: defining a property on a non-object");
      DefineNamedOwnIC(rt_, IC_TO_FILL(2), REG(0).AsObject(), constants[IDX(1)].AsString(), acc);
      NEXT();
    }
    // DefineKeyedOwnProperty <r1> <r2> #flags [slot]: define own data property r1[r2] = acc
    CASE(DefineKeyedOwnProperty) {
      SYNC();
      DefineKeyedOwn(rt_, REG(0), REG(1), acc);
      NEXT();
    }
    // StaInArrayLiteral <r1> <r2> [slot]: array literal r1[r2] = acc
    CASE(StaInArrayLiteral) {
      SYNC();
      DefineKeyedOwn(rt_, REG(0), REG(1), acc);
      NEXT();
    }
    // DeletePropertyStrict <r>: acc = delete r[acc] (TypeError when not configurable)
    CASE(DeletePropertyStrict) {
      SYNC();
      acc = Value::Boolean(DeletePropertyOf(rt_, REG(0), acc, true));
      NEXT();
    }
    // DeletePropertySloppy <r>: acc = delete r[acc]
    CASE(DeletePropertySloppy) {
      SYNC();
      acc = Value::Boolean(DeletePropertyOf(rt_, REG(0), acc, false));
      NEXT();
    }

    // ------------------------------------------------------------ arithmetic
// The body of a binary operator acc = <r> op acc: small integers first
// (int_expr sees a, b), then any two numbers (num_expr sees doubles x, y),
// then `slow`. INT_BINARY has no number path.
#define INT_BINARY(int_expr, slow) NUM_BINARY(int_expr, {}, slow)
#define NUM_BINARY(int_expr, num_expr, slow)                          \
    {                                                                 \
      Value lhs = REG(0);                                             \
      if (JSVM_LIKELY(lhs.IsInt() && acc.IsInt())) {                  \
        int32_t a = lhs.AsInt(), b = acc.AsInt();                     \
        int_expr;                                                     \
      }                                                               \
      if (lhs.IsNumber() && acc.IsNumber()) {                         \
        [[maybe_unused]] double x = lhs.AsNumber(), y = acc.AsNumber(); \
        num_expr;                                                     \
      }                                                               \
      SYNC();                                                         \
      acc = slow;                                                     \
      NEXT();                                                         \
    }
    // Add <r> [slot]: acc = r + acc
    CASE(Add) NUM_BINARY({ int32_t r; if (!__builtin_add_overflow(a, b, &r)) { acc = Value::Int(r); NEXT(); } },
                         { acc = Value::Number(x + y); NEXT(); }, Add(rt_, lhs, acc))
    // Sub <r> [slot]: acc = r - acc
    CASE(Sub) NUM_BINARY({ int32_t r; if (!__builtin_sub_overflow(a, b, &r)) { acc = Value::Int(r); NEXT(); } },
                         { acc = Value::Number(x - y); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // Mul <r> [slot]: acc = r * acc
    CASE(Mul) NUM_BINARY({ int32_t r; if (!__builtin_mul_overflow(a, b, &r) && r != 0) { acc = Value::Int(r); NEXT(); } },
                         { acc = Value::Number(x * y); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // Div <r> [slot]: acc = r / acc
    CASE(Div) NUM_BINARY({
                           if (b != 0 && a % b == 0 && !(a == 0 && b < 0) && !(a == INT32_MIN && b == -1)) {
                             acc = Value::Int(a / b);
                             NEXT();
                           }
                         },
                         { acc = Value::Number(x / y); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // Mod <r> [slot]: acc = r % acc
    CASE(Mod) NUM_BINARY({ if (a >= 0 && b > 0) { acc = Value::Int(a % b); NEXT(); } },
                         { acc = Value::Number(std::fmod(x, y)); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // Exp <r> [slot]: acc = r ** acc
    CASE(Exp) INT_BINARY({ (void)a; (void)b; }, Arithmetic(rt_, kOp, lhs, acc))
    // BitwiseOr <r> [slot]: acc = r | acc
    CASE(BitwiseOr) INT_BINARY({ acc = Value::Int(a | b); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // BitwiseXor <r> [slot]: acc = r ^ acc
    CASE(BitwiseXor) INT_BINARY({ acc = Value::Int(a ^ b); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // BitwiseAnd <r> [slot]: acc = r & acc
    CASE(BitwiseAnd) INT_BINARY({ acc = Value::Int(a & b); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // ShiftLeft <r> [slot]: acc = r << acc
    CASE(ShiftLeft) INT_BINARY({ acc = Value::Int(static_cast<int32_t>(static_cast<uint32_t>(a) << (b & 31))); NEXT(); },
                               Arithmetic(rt_, kOp, lhs, acc))
    // ShiftRight <r> [slot]: acc = r >> acc
    CASE(ShiftRight) INT_BINARY({ acc = Value::Int(a >> (b & 31)); NEXT(); }, Arithmetic(rt_, kOp, lhs, acc))
    // ShiftRightLogical <r> [slot]: acc = r >>> acc
    CASE(ShiftRightLogical) INT_BINARY({ acc = Value::Number(static_cast<double>(static_cast<uint32_t>(a) >> (b & 31))); NEXT(); },
                                       Arithmetic(rt_, kOp, lhs, acc))
#undef INT_BINARY
#undef NUM_BINARY

// The body of acc = acc op imm, where base_op is the register form of op:
// small integers first (a op b), then a double accumulator (x op y), then
// the generic operator. SMI_BINARY has no double path.
#define SMI_BINARY(base_op, int_expr) SMI_NUM_BINARY(base_op, int_expr, {})
#define SMI_NUM_BINARY(base_op, int_expr, num_expr)                   \
    {                                                                 \
      int32_t b = IMM(0);                                             \
      if (JSVM_LIKELY(acc.IsInt())) {                                 \
        int32_t a = acc.AsInt();                                      \
        int_expr;                                                     \
      }                                                               \
      if (acc.IsDouble()) {                                           \
        [[maybe_unused]] double x = acc.AsDouble(), y = b;            \
        num_expr;                                                     \
      }                                                               \
      SYNC();                                                         \
      acc = Bytecode::k##base_op == Bytecode::kAdd                    \
                ? Add(rt_, acc, Value::Int(b))                        \
                : Arithmetic(rt_, Bytecode::k##base_op, acc, Value::Int(b)); \
      NEXT();                                                         \
    }
    // AddSmi [imm] [slot]: acc = acc + imm
    CASE(AddSmi) SMI_NUM_BINARY(Add, { int32_t r; if (!__builtin_add_overflow(a, b, &r)) { acc = Value::Int(r); NEXT(); } },
                                { acc = Value::Number(x + y); NEXT(); })
    // SubSmi [imm] [slot]: acc = acc - imm
    CASE(SubSmi) SMI_NUM_BINARY(Sub, { int32_t r; if (!__builtin_sub_overflow(a, b, &r)) { acc = Value::Int(r); NEXT(); } },
                                { acc = Value::Number(x - y); NEXT(); })
    // MulSmi [imm] [slot]: acc = acc * imm
    CASE(MulSmi) SMI_NUM_BINARY(Mul,
                                { int32_t r; if (!__builtin_mul_overflow(a, b, &r) && r != 0) { acc = Value::Int(r); NEXT(); } },
                                { acc = Value::Number(x * y); NEXT(); })
    // DivSmi [imm] [slot]: acc = acc / imm
    CASE(DivSmi) SMI_BINARY(Div, {
                              if (b != 0 && a % b == 0 && !(a == 0 && b < 0) && !(a == INT32_MIN && b == -1)) {
                                acc = Value::Int(a / b);
                                NEXT();
                              }
                            })
    // ModSmi [imm] [slot]: acc = acc % imm
    CASE(ModSmi) SMI_BINARY(Mod, { if (a >= 0 && b > 0) { acc = Value::Int(a % b); NEXT(); } })
    // ExpSmi [imm] [slot]: acc = acc ** imm
    CASE(ExpSmi) SMI_BINARY(Exp, { (void)a; })
    // BitwiseOrSmi [imm] [slot]: acc = acc | imm
    CASE(BitwiseOrSmi) SMI_BINARY(BitwiseOr, { acc = Value::Int(a | b); NEXT(); })
    // BitwiseXorSmi [imm] [slot]: acc = acc ^ imm
    CASE(BitwiseXorSmi) SMI_BINARY(BitwiseXor, { acc = Value::Int(a ^ b); NEXT(); })
    // BitwiseAndSmi [imm] [slot]: acc = acc & imm
    CASE(BitwiseAndSmi) SMI_BINARY(BitwiseAnd, { acc = Value::Int(a & b); NEXT(); })
    // ShiftLeftSmi [imm] [slot]: acc = acc << imm
    CASE(ShiftLeftSmi) SMI_BINARY(ShiftLeft,
                                  { acc = Value::Int(static_cast<int32_t>(static_cast<uint32_t>(a) << (b & 31))); NEXT(); })
    // ShiftRightSmi [imm] [slot]: acc = acc >> imm
    CASE(ShiftRightSmi) SMI_BINARY(ShiftRight, { acc = Value::Int(a >> (b & 31)); NEXT(); })
    // ShiftRightLogicalSmi [imm] [slot]: acc = acc >>> imm
    CASE(ShiftRightLogicalSmi) SMI_BINARY(ShiftRightLogical,
                                          { acc = Value::Number(static_cast<double>(static_cast<uint32_t>(a) >> (b & 31))); NEXT(); })
#undef SMI_BINARY
#undef SMI_NUM_BINARY

    // Inc [slot]: acc = acc + 1 (acc is numeric)
    CASE(Inc) {
      if (JSVM_LIKELY(acc.IsInt() && acc.AsInt() != INT32_MAX)) {
        acc = Value::Int(acc.AsInt() + 1);
        NEXT();
      }
      SYNC();
      acc = UnaryNumeric(rt_, Bytecode::kInc, acc);
      NEXT();
    }
    // Dec [slot]: acc = acc - 1 (acc is numeric)
    CASE(Dec) {
      if (JSVM_LIKELY(acc.IsInt() && acc.AsInt() != INT32_MIN)) {
        acc = Value::Int(acc.AsInt() - 1);
        NEXT();
      }
      SYNC();
      acc = UnaryNumeric(rt_, Bytecode::kDec, acc);
      NEXT();
    }
    // Negate [slot]: acc = -acc
    CASE(Negate) {
      if (acc.IsInt() && acc.AsInt() != 0 && acc.AsInt() != INT32_MIN) {
        acc = Value::Int(-acc.AsInt());
        NEXT();
      }
      SYNC();
      acc = UnaryNumeric(rt_, Bytecode::kNegate, acc);
      NEXT();
    }
    // BitwiseNot [slot]: acc = ~acc
    CASE(BitwiseNot) {
      if (acc.IsInt()) {
        acc = Value::Int(~acc.AsInt());
        NEXT();
      }
      SYNC();
      acc = UnaryNumeric(rt_, Bytecode::kBitwiseNot, acc);
      NEXT();
    }
    // ToBooleanLogicalNot: acc = !ToBoolean(acc)
    CASE(ToBooleanLogicalNot) { acc = Value::Boolean(!ToBoolean(acc)); NEXT(); }
    // LogicalNot: acc = !acc (acc is a boolean)
    CASE(LogicalNot) { acc = Value::Boolean(!acc.IsTrue()); NEXT(); }
    // TypeOf: acc = typeof acc
    CASE(TypeOf) { acc = TypeOf(rt_, acc); NEXT(); }
    // ToNumeric [slot]: acc = ToNumeric(acc)
    CASE(ToNumeric) {
      if (!acc.IsNumber()) {
        SYNC();
        acc = ToNumeric(rt_, acc);
      }
      NEXT();
    }
    // ToNumber [slot]: acc = ToNumber(acc)
    CASE(ToNumber) {
      if (!acc.IsNumber()) {
        SYNC();
        acc = Value::Number(ToNumber(rt_, acc));
      }
      NEXT();
    }
    // ToString: acc = ToString(acc)
    CASE(ToString) {
      if (!acc.IsString()) {
        SYNC();
        acc = Value::FromCell(ToString(rt_, acc));
      }
      NEXT();
    }
    // ToName <r>: r = ToPropertyKey(acc)
    CASE(ToName) {
      SYNC();
      REG(0) = ToPropertyKeyValue(rt_, acc);
      NEXT();
    }
    // ToObject <r>: r = ToObject(acc)
    CASE(ToObject) {
      SYNC();
      REG(0) = Value::FromCell(ToObject(rt_, acc));
      NEXT();
    }

    // ------------------------------------------------------------ comparisons
// The body of acc = <r> op acc for a relational or equality operator:
// small integers, then numbers, then `slow`.
#define COMPARE(int_op, slow)                                         \
    {                                                                 \
      Value lhs = REG(0);                                             \
      if (JSVM_LIKELY(lhs.IsInt() && acc.IsInt())) {                  \
        acc = Value::Boolean(lhs.AsInt() int_op acc.AsInt());         \
        NEXT();                                                       \
      }                                                               \
      if (lhs.IsNumber() && acc.IsNumber()) {                         \
        acc = Value::Boolean(lhs.AsNumber() int_op acc.AsNumber());   \
        NEXT();                                                       \
      }                                                               \
      SYNC();                                                         \
      acc = Value::Boolean(slow);                                     \
      NEXT();                                                         \
    }
    // TestEqual <r> [slot]: acc = r == acc
    CASE(TestEqual) COMPARE(==, LooseEquals(rt_, lhs, acc))
    // TestEqualStrict <r> [slot]: acc = r === acc
    CASE(TestEqualStrict) COMPARE(==, StrictEquals(lhs, acc))
    // TestLessThan <r> [slot]: acc = r < acc
    CASE(TestLessThan) COMPARE(<, LessThan(rt_, lhs, acc, true) == 1)
    // TestGreaterThan <r> [slot]: acc = r > acc
    CASE(TestGreaterThan) COMPARE(>, LessThan(rt_, acc, lhs, false) == 1)
    // TestLessThanOrEqual <r> [slot]: acc = r <= acc
    CASE(TestLessThanOrEqual) COMPARE(<=, LessThan(rt_, acc, lhs, false) == 0)
    // TestGreaterThanOrEqual <r> [slot]: acc = r >= acc
    CASE(TestGreaterThanOrEqual) COMPARE(>=, LessThan(rt_, lhs, acc, true) == 0)
#undef COMPARE
    // TestReferenceEqual <r>: acc = r === acc, by identity
    CASE(TestReferenceEqual) { acc = Value::Boolean(REG(0) == acc); NEXT(); }
    // TestInstanceOf <r> [slot]: acc = r instanceof acc
    CASE(TestInstanceOf) {
      SYNC();
      acc = Value::Boolean(InstanceOf(rt_, REG(0), acc));
      NEXT();
    }
    // TestIn <r> [slot]: acc = r in acc
    CASE(TestIn) {
      SYNC();
      acc = Value::Boolean(HasPropertyOperator(rt_, REG(0), acc));
      NEXT();
    }
    // TestUndetectable: acc = acc == null (null, undefined or an undetectable object)
    CASE(TestUndetectable) { acc = Value::Boolean(IsLooselyNull(acc)); NEXT(); }
    // TestNull: acc = acc === null
    CASE(TestNull) { acc = Value::Boolean(acc.IsNull()); NEXT(); }
    // TestUndefined: acc = acc === undefined
    CASE(TestUndefined) { acc = Value::Boolean(acc.IsUndefined()); NEXT(); }
    // TestTypeOf #n: acc = typeof acc == the type literal #n names (bytecodes.def lists them)
    CASE(TestTypeOf) { acc = Value::Boolean(TypeOfIs(acc, FLAG(0))); NEXT(); }

    // ------------------------------------------------------------ jumps
    // Jump [distance]: pc += distance
    CASE(Jump) { JUMP_TO(pc + UIMM(0)); }
    // JumpLoop [distance] [depth]: pc -= distance (a loop back edge; depth is the loop nesting)
    // A loop's back edge is a safe point: the collection external memory
    // asked for (gc/external-memory.h) runs here, so a loop that only grows
    // elements or tables still meets the heap's limit.
    CASE(JumpLoop) {
      if (JSVM_UNLIKELY(*collection_requested)) {
        SYNC();
        rt_.heap().CollectIfRequested();
      }
      JUMP_TO(pc - UIMM(0));
    }
    // JumpIfTrue [distance]: jump when acc is true
    CASE(JumpIfTrue) { if (acc.IsTrue()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfFalse [distance]: jump when acc is false
    CASE(JumpIfFalse) { if (acc.IsFalse()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfToBooleanTrue [distance]: jump when ToBoolean(acc)
    CASE(JumpIfToBooleanTrue) { if (ToBoolean(acc)) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfToBooleanFalse [distance]: jump when !ToBoolean(acc)
    CASE(JumpIfToBooleanFalse) { if (!ToBoolean(acc)) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfNull [distance]: jump when acc is null
    CASE(JumpIfNull) { if (acc.IsNull()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfNotNull [distance]: jump when acc is not null
    CASE(JumpIfNotNull) { if (!acc.IsNull()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfUndefined [distance]: jump when acc is undefined
    CASE(JumpIfUndefined) { if (acc.IsUndefined()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfNotUndefined [distance]: jump when acc is not undefined
    CASE(JumpIfNotUndefined) { if (!acc.IsUndefined()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfUndefinedOrNull [distance]: jump when acc is undefined or null
    CASE(JumpIfUndefinedOrNull) { if (acc.IsNullish()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfNotUndefinedOrNull [distance]: jump when acc is neither undefined nor null
    CASE(JumpIfNotUndefinedOrNull) { if (!acc.IsNullish()) JUMP_TO(pc + UIMM(0)); NEXT(); }
    // JumpIfJSReceiver [distance]: jump when acc is an object
    CASE(JumpIfJSReceiver) { if (acc.IsObject()) JUMP_TO(pc + UIMM(0)); NEXT(); }

    // ------------------------------------------------------------ return, throw
    // Return: return acc
    CASE(Return) {
      if (JSVM_UNLIKELY(hooks != nullptr)) {
        SYNC();
        hooks->OnReturn(*frame, acc);
      }
      if (JSVM_UNLIKELY(frame->construct_result_check)) {
        Value self = frame->receiver();
        uint32_t props = self.IsObject() ? self.AsObject()->named_count() : 0;
        if (props > frame->info->instance_properties) {
          frame->info->instance_properties = static_cast<uint16_t>(std::min(props, Runtime::kMaxInlineSlots));
        }
        if (!acc.IsObject()) acc = self;
      }
      LEAVE_FRAME();
    }
    // Throw: throw acc
    CASE(Throw) {
      SYNC();
      rt_.Throw(acc);
    }
    // ReThrow: throw acc again (end of finally)
    CASE(ReThrow) {
      SYNC();
      rt_.Throw(acc);
    }
    // Debugger: debugger statement (no effect)
    CASE(Debugger) { NEXT(); }

    // ThrowReferenceErrorIfHole [name]: ReferenceError "Cannot access 'name' before ..." when acc is the hole
    CASE(ThrowReferenceErrorIfHole) {
      if (JSVM_UNLIKELY(acc.IsHole())) {
        SYNC();
        rt_.ThrowReferenceError("Cannot access '" + constants[IDX(0)].AsString()->ToUtf8() +
                                "' before initialization");
      }
      NEXT();
    }
    // ThrowSuperNotCalledIfHole: ReferenceError when acc (this) is the hole
    CASE(ThrowSuperNotCalledIfHole) {
      if (JSVM_UNLIKELY(acc.IsHole())) {
        SYNC();
        rt_.ThrowReferenceError(
            "Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
      }
      NEXT();
    }
    // ThrowSuperAlreadyCalledIfNotHole: ReferenceError when acc (this) is not the hole
    CASE(ThrowSuperAlreadyCalledIfNotHole) {
      if (JSVM_UNLIKELY(!acc.IsHole())) {
        SYNC();
        rt_.ThrowReferenceError("Super constructor may only be called once");
      }
      NEXT();
    }
    // ThrowIfNotSuperConstructor <r>: TypeError when r is not a constructor
    CASE(ThrowIfNotSuperConstructor) {
      if (!IsConstructor(REG(0))) {
        SYNC();
        std::u16string name = FunctionName(rt_, frame->function);
        rt_.ThrowTypeError("Super constructor " + DescribeForError(rt_, REG(0)) + " of " +
                           (name.empty() ? "anonymous class" : Utf16ToUtf8(name)) + " is not a constructor");
      }
      NEXT();
    }
    // GetSuperConstructor <r>: r = [[GetPrototypeOf]](acc) (the active function)
    CASE(GetSuperConstructor) {
      // The compiler loads the active function first; a damaged bytecode
      // file may not, and the verifier does not track types: no object, no
      // super constructor (the construct that follows throws).
      Object* proto = acc.IsObject() ? acc.AsObject()->proto() : nullptr;
      REG(0) = proto ? Value::FromCell(proto) : Value::Null();
      NEXT();
    }

    // ------------------------------------------------------------ calls
    {
    // CallProperty <callee> <list> [slot]: acc = callee.call(list[0], list[1..])
    CASE(CallProperty) {
      callee = REG(0);
      receiver = REG(1);
      argv = &REG(1) + 1;
      argc = LIST_COUNT(1) - 1;
      construct = false;
      goto do_call;
    }
    // CallProperty0 <callee> <receiver> [slot]: acc = callee.call(receiver)
    CASE(CallProperty0) {
      callee = REG(0);
      receiver = REG(1);
      argv = nullptr;
      argc = 0;
      construct = false;
      goto do_call;
    }
    // CallProperty1 <callee> <receiver> <a1> [slot]: acc = callee.call(receiver, a1)
    CASE(CallProperty1) {
      callee = REG(0);
      receiver = REG(1);
      argv = &REG(2);
      argc = 1;
      construct = false;
      goto do_call;
    }
    // CallProperty2 <callee> <receiver> <a1> <a2> [slot]: acc = callee.call(receiver, a1, a2)
    CASE(CallProperty2) {
      // a1 and a2 are consecutive registers (the generator guarantees it).
      callee = REG(0);
      receiver = REG(1);
      argv = &REG(2);
      argc = 2;
      construct = false;
      goto do_call;
    }
    // CallUndefinedReceiver <callee> <list> [slot]: acc = callee(list...) with this undefined
    CASE(CallUndefinedReceiver) {
      callee = REG(0);
      receiver = Value::Undefined();
      argv = &REG(1);
      argc = LIST_COUNT(1);
      construct = false;
      goto do_call;
    }
    // CallUndefinedReceiver0 <callee> [slot]: acc = callee()
    CASE(CallUndefinedReceiver0) {
      callee = REG(0);
      receiver = Value::Undefined();
      argv = nullptr;
      argc = 0;
      construct = false;
      goto do_call;
    }
    // CallUndefinedReceiver1 <callee> <a1> [slot]: acc = callee(a1)
    CASE(CallUndefinedReceiver1) {
      callee = REG(0);
      receiver = Value::Undefined();
      argv = &REG(1);
      argc = 1;
      construct = false;
      goto do_call;
    }
    // CallUndefinedReceiver2 <callee> <a1> <a2> [slot]: acc = callee(a1, a2)
    CASE(CallUndefinedReceiver2) {
      callee = REG(0);
      receiver = Value::Undefined();
      argv = &REG(1);
      argc = 2;
      construct = false;
      goto do_call;
    }
    // CallWithSpread <callee> <list> [slot]: acc = callee.call(list[0], list[1..], ...last)
    CASE(CallWithSpread) {
      SYNC();
      if (JSVM_UNLIKELY(!IsCallable(REG(0)))) ThrowAtCallSite(rt_, *frame, REG(0), CallSiteKind::kCall);
      acc = CallWithSpreadSlow(rt_, REG(0), &REG(1), LIST_COUNT(1), Value::Empty());
      NEXT();
    }
    // Construct <callee> <list> [slot]: acc = new callee(list...) with new.target acc
    CASE(Construct) {
      callee = REG(0);
      receiver = Value::Hole();
      argv = &REG(1);
      argc = LIST_COUNT(1);
      new_target = acc;
      construct = true;
      goto do_call;
    }
    // ConstructWithSpread <callee> <list> [slot]: acc = new callee(list..., ...last) with new.target acc
    CASE(ConstructWithSpread) {
      SYNC();
      if (JSVM_UNLIKELY(!IsConstructor(REG(0)))) ThrowAtCallSite(rt_, *frame, REG(0), CallSiteKind::kConstruct);
      acc = CallWithSpreadSlow(rt_, REG(0), &REG(1), LIST_COUNT(1), acc);
      NEXT();
    }

    do_call:
      SYNC();
      if (JSVM_LIKELY(callee.IsCellOfKind(CellKind::kFunction))) {
        auto* fn = static_cast<Function*>(callee.AsCell());
        FunctionInfo* info = fn->info();
        if (!construct && JSVM_LIKELY(!info->IsClassConstructor())) {
          PushFrame(fn, receiver, argv, argc, Value::Undefined());
          if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnCall(frames_.back());
          LOAD_FRAME();
          DISPATCH();
        }
        if (construct && info->IsConstructor() && info->flavor != FunctionFlavor::kDerivedConstructor) {
          // [[Construct]] of a base constructor: make `this` from new_target.prototype.
          // No Rooted here (a computed goto leaves the scope without running
          // destructors): the callee is in a register and new_target in
          // frame->acc, both seen by the collector; proto is reachable from
          // new_target.
          Object* proto = GetPrototypeFromConstructor(rt_, new_target, rt_.intrinsics().object_prototype);
          Value self = Value::FromCell(
              rt_.NewObject(proto, std::max<uint32_t>(info->instance_properties, Runtime::kDefaultInlineSlots)));
          // argv points into the caller's registers, which did not move.
          Frame* f = PushFrame(static_cast<Function*>(callee.AsCell()), self, argv, argc, new_target);
          f->construct_result_check = true;
          if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnCall(frames_.back());
          LOAD_FRAME();
          DISPATCH();
        }
        if (construct && info->flavor == FunctionFlavor::kDerivedConstructor) {
          PushFrame(fn, Value::Hole(), argv, argc, new_target);
          if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnCall(frames_.back());
          LOAD_FRAME();
          DISPATCH();
        }
      }
      // Natives, bound functions, errors: through the generic paths; the
      // errors name the call site.
      if (JSVM_UNLIKELY(construct ? !IsConstructor(callee) : !IsCallable(callee))) {
        ThrowAtCallSite(rt_, *frame, callee, construct ? CallSiteKind::kConstruct : CallSiteKind::kCall);
      }
      acc = construct ? Construct(rt_, callee, argv, argc, new_target) : Call(rt_, callee, receiver, argv, argc);
      if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnNativeReturn(*frame, acc);
      pc += kBytecodeInfos[*pc].size;
      DISPATCH();
    }

    // InvokeIntrinsic [intrinsic] <list>: acc = intrinsic(list...)
    CASE(InvokeIntrinsic) {
      SYNC();
      acc = CallIntrinsic(rt_, *frame, static_cast<Intrinsic>(ReadU16(pc + OFFSET(0))), &REG(1), LIST_COUNT(1));
      NEXT();
    }

    // CallRuntime [function] <list>: acc = runtime function(list...)
    CASE(CallRuntime) {
      SYNC();
      acc = CallRuntimeFunction(rt_, *frame, RUNTIME_ID(0), &REG(1), LIST_COUNT(1));
      NEXT();
    }

    // ------------------------------------------------------------ literals
    // CreateEmptyObjectLiteral: acc = {}
    CASE(CreateEmptyObjectLiteral) {
      SYNC();
      acc = Value::FromCell(rt_.NewObject());
      NEXT();
    }
    // CreateObjectLiteral [idx] [slot]: acc = new object of the property names of constant idx (shape in slot)
    CASE(CreateObjectLiteral) {
      SYNC();
      acc = Value::FromCell(NewObjectLiteral(rt_, static_cast<Array*>(constants[IDX(0)].AsCell()), IC_TO_FILL(1)));
      NEXT();
    }
    // CreateArrayLiteral [idx]: acc = new array of the elements of constant idx, shared copy-on-write
    CASE(CreateArrayLiteral) {
      SYNC();
      acc = Value::FromCell(NewArrayFromBoilerplate(rt_, static_cast<Array*>(constants[IDX(0)].AsCell())));
      NEXT();
    }
    // CreateEmptyArrayLiteral [slot]: acc = []
    CASE(CreateEmptyArrayLiteral) {
      SYNC();
      acc = Value::FromCell(NewArrayLiteral(rt_, IC(0)));
      NEXT();
    }
    // CreateArrayFromIterable: acc = [...acc]
    CASE(CreateArrayFromIterable) {
      SYNC();
      acc = ArrayFromIterable(rt_, acc);
      NEXT();
    }
    // CreateRegExpLiteral [pattern] [slot] #flags: acc = a new RegExp from the site's compiled pattern
    CASE(CreateRegExpLiteral) {
      SYNC();
      PropertyIC& site = IC(1);
      if (site.kind != ICKind::kRegExpLiteral) {
        site.kind = ICKind::kRegExpLiteral;
        site.regexp_program = nullptr;
      }
      acc = NewRegExpFromLiteral(rt_, constants[IDX(0)].AsString(), &site.regexp_program, UIMM(2));
      NEXT();
    }
    // CreateMappedArguments: acc = sloppy arguments object aliasing the parameters
    CASE(CreateMappedArguments) {
      SYNC();
      acc = CreateArgumentsObject(rt_, *frame, true);
      NEXT();
    }
    // CreateUnmappedArguments: acc = strict arguments object
    CASE(CreateUnmappedArguments) {
      SYNC();
      acc = CreateArgumentsObject(rt_, *frame, false);
      NEXT();
    }
    // CreateRestParameter: acc = array of the arguments past the formal parameters
    CASE(CreateRestParameter) {
      SYNC();
      acc = CreateRestParameter(rt_, *frame);
      NEXT();
    }

    // ------------------------------------------------------------ for-in, iteration
    // ForInEnumerate <r>: acc = the enumerable string keys of r and its prototypes
    CASE(ForInEnumerate) {
      SYNC();
      acc = ForInEnumerate(rt_, REG(0));
      NEXT();
    }
    // ForInPrepare <r> [slot]: r, r+1, r+2 = cache type, key array, length from acc
    CASE(ForInPrepare) {
      // acc: the key array from ForInEnumerate.
      int32_t r = REG_INDEX(0);
      if (JSVM_UNLIKELY(!acc.IsCellOfKind(CellKind::kArray))) {
        SYNC();
        rt_.ThrowTypeError("invalid bytecode: ForInPrepare without a key array");
      }
      fp[r] = acc;
      fp[r + 1] = acc;
      fp[r + 2] = Value::Int(static_cast<int32_t>(static_cast<Array*>(acc.AsCell())->length()));
      NEXT();
    }
    // ForInContinue <r1> <r2>: acc = index r1 < length r2
    CASE(ForInContinue) {
      // Bytecode files are untrusted: a non-integer index or length would
      // compare pointer bits (a result that changes from run to run).
      if (JSVM_UNLIKELY(!REG(0).IsInt() || !REG(1).IsInt())) {
        SYNC();
        rt_.ThrowTypeError("invalid bytecode: ForInContinue without an index and a length");
      }
      acc = Value::Boolean(REG(0).AsInt() < REG(1).AsInt());
      NEXT();
    }
    // ForInNext <r1> <r2> <r3> [slot]: acc = key at index r2 of cache r3 if r1 still has it, else undefined
    CASE(ForInNext) {
      SYNC();
      acc = ForInNext(rt_, REG(0), (&REG(2))[1], REG(1));
      NEXT();
    }
    // ForInStep <r>: r = r + 1
    CASE(ForInStep) {
      if (JSVM_UNLIKELY(!REG(0).IsInt() || REG(0).AsInt() == INT32_MAX)) {
        SYNC();
        rt_.ThrowTypeError("invalid bytecode: ForInStep without an index");
      }
      REG(0) = Value::Int(REG(0).AsInt() + 1);
      NEXT();
    }
    // GetIterator <r> [load slot] [call slot]: acc = r[Symbol.iterator]() (TypeError when not an object)
    CASE(GetIterator) {
      SYNC();
      Value next;
      acc = GetIteratorAtSite(rt_, *frame, REG(0), &next);
      NEXT();
    }

    // ------------------------------------------------------------ generators
    // SwitchOnGeneratorState <r> [table] [count]: r holds the generator when resuming: jump to table[its suspend id]
    CASE(SwitchOnGeneratorState) {
      Value g = REG(0);
      if (g.IsUndefined()) NEXT();  // the first entry
      GeneratorObject* gen = g.IsCellOfKind(CellKind::kGenerator) ? static_cast<GeneratorObject*>(g.AsCell()) : nullptr;
      if (JSVM_UNLIKELY(!gen || gen->function() != frame->function || gen->continuation() < 0 ||
                        static_cast<uint32_t>(gen->continuation()) >= UIMM(2))) {
        SYNC();
        rt_.ThrowTypeError("invalid bytecode: SwitchOnGeneratorState without a suspended generator of this function");
      }
      Value target = constants[IDX(1) + static_cast<uint32_t>(gen->continuation())];
      gen->set_continuation(GeneratorObject::kExecuting);
      JUMP_TO(frame->info->bytecode.data() + target.AsInt());
    }
    // SuspendGenerator <r> <list> [id]: save a0.., the list and <context> in generator r; return acc
    CASE(SuspendGenerator) {
      SYNC();
      GeneratorObject* gen = CheckedGenerator(rt_, *frame, REG(0));
      SaveGeneratorState(*frame, gen, REG_INDEX(1), LIST_COUNT(1), UIMM(2),
                         static_cast<uint32_t>(pc - frame->info->bytecode.data()));
      if (JSVM_UNLIKELY(hooks != nullptr)) hooks->OnSuspend(*frame, Value::FromCell(gen), acc);
      LEAVE_FRAME();
    }
    // ResumeGenerator <r> <list>: restore the list from generator r; acc = its input
    CASE(ResumeGenerator) {
      SYNC();
      GeneratorObject* gen = CheckedGenerator(rt_, *frame, REG(0));
      acc = RestoreGeneratorRegisters(rt_, *frame, gen, REG_INDEX(1), LIST_COUNT(1));
      NEXT();
    }
    // SwitchOnSmiNoFeedback [table] [count] [base]: jump to table[acc - base] when in range
    CASE(SwitchOnSmiNoFeedback) {
      if (acc.IsInt()) {
        int64_t i = static_cast<int64_t>(acc.AsInt()) - IMM(2);
        if (i >= 0 && i < static_cast<int64_t>(UIMM(1))) {
          JUMP_TO(frame->info->bytecode.data() + constants[IDX(0) + static_cast<uint32_t>(i)].AsInt());
        }
      }
      NEXT();
    }

#if !JSVM_USE_COMPUTED_GOTO
        default:
          rt_.ThrowTypeError("invalid bytecode");
      }
#endif
    } catch (JsThrow&) {
      // Unwind to the innermost handler of the frames this Run owns.
      for (;;) {
        Frame* f = &frames_.back();
        uint32_t offset = static_cast<uint32_t>(f->pc - f->info->bytecode.data());
        const HandlerEntry* h = FindHandler(f->info, offset);
        if (h) {
          f->fp[reg::kContext] = f->fp[h->context_register];
          LOAD_FRAME();
          acc = rt_.exception();
          pc = f->info->bytecode.data() + h->handler;
          if (hooks) hooks->OnCatch(*frame, acc);
          break;
        }
        if (hooks) hooks->OnUnwind(*f);
        bool entry = f->is_entry;
        frames_.pop_back();
        if (entry || frames_.size() < entry_depth) throw;
      }
    }
  }
#undef SYNC
#undef LOAD_FRAME
#undef LEAVE_FRAME
#undef OFFSET
#undef REG_INDEX
#undef REG
#undef IDX
#undef UIMM
#undef IMM
#undef FLAG
#undef LIST_COUNT
#undef RUNTIME_ID
#undef SIZE
#undef DISPATCH
#undef CASE
#undef NEXT
#undef JUMP_TO
}

}  // namespace jsvm
