// The bytecode interpreter: one dispatch loop over an accumulator and a
// register file per frame. Frames live on a contiguous register stack; a
// JavaScript-to-JavaScript call pushes a frame and stays in the same loop, so
// calls allocate nothing on the heap unless the callee needs a context.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vm/interpreter/bytecodes.h"
#include "vm/objects/function.h"
#include "vm/objects/generator.h"
#include "vm/execution/runtime.h"
#include "vm/objects/value.h"

namespace jsvm {

// One activation. `fp` points at r0 in the register stack (see reg:: in
// bytecodes.h for the layout below it).
struct Frame {
  Function* function = nullptr;
  FunctionInfo* info = nullptr;
  Value* base = nullptr;             // first stack slot of the frame (extra arguments, then <this>)
  Value* fp = nullptr;               // r0
  const uint8_t* pc = nullptr;       // current instruction (saved before anything that can throw)
  Value acc;                         // accumulator, saved with pc
  uint32_t argc = 0;                 // actual argument count
  uint32_t extra_count = 0;          // arguments beyond param_count, stored at `base`
  Value new_target;                  // undefined for calls
  bool is_entry = false;             // entered from C++: Run returns when this frame returns
  bool construct_result_check = false;  // base-class [[Construct]]: result is `this` unless an object

  Value* top() const { return fp + info->register_count; }
  Value receiver() const { return fp[reg::Receiver(info->param_count)]; }
};

class Interpreter {
 public:
  explicit Interpreter(Runtime& rt);
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Calls a closure with a receiver and arguments (Call() in operations.h
  // dispatches here for closures).
  Value CallFunction(Function* fn, Value this_value, const Value* argv, uint32_t argc, Value new_target);

  // Resumes a suspended generator (any GeneratorKind) whose input and resume
  // mode are set: pushes a frame for its function with its saved parameters,
  // <context> and the object in r0 (where SwitchOnGeneratorState looks), and
  // runs until the activation suspends again or returns. Returns what it
  // gave back (SuspendGenerator's or Return's accumulator); afterwards the
  // object is executing if the activation returned, suspended if it yielded.
  Value ResumeGenerator(GeneratorObject* gen);

  // Runs a compiled script's top-level function. Its top-level
  // let/const/class go into a new script context that joins the script
  // context table, so scripts run later (REPL inputs, indirect eval, the
  // Function constructor) see them; indirect eval code gets an eval context
  // of its own instead, which no later script sees.
  Value RunScript(FunctionInfo* top);

  // Reports every value on the register stack and in frames.
  void TraceRoots(Visitor& v) const;

  // The frame running now (the innermost), or nullptr.
  Frame* current_frame() { return frames_.empty() ? nullptr : &frames_.back(); }

  // "    at fn (file:line:col)" lines for the frames on the stack, innermost first.
  std::string StackTrace(size_t max_frames = 10) const;

  const std::vector<Frame>& frames() const { return frames_; }
  uint64_t steps() const { return steps_; }
  // Counts n steps that native code took (regexp backtracking) and enforces
  // --max-steps and --timeout as the dispatch loop does.
  void CountNativeSteps(uint64_t n);

  // Dispatch statistics (--dispatch-stats): counts[bytecode] and pairs[prev][next].
  void EnableDispatchStats(bool on);
  const std::vector<uint64_t>& dispatch_counts() const { return counts_; }
  const std::vector<uint64_t>& dispatch_pairs() const { return pairs_; }

 private:
  Value Run();
  // Pushes a frame for `fn` with arguments copied from argv; throws RangeError on overflow.
  Frame* PushFrame(Function* fn, Value this_value, const Value* argv, uint32_t argc, Value new_target);
  Value* StackTop() const;
  Runtime& rt_;
  // The register stack, malloc'd uninitialised: its pages become resident
  // only as frames reach them (PushFrame initialises every slot it uses).
  Value* stack_ = nullptr;
  Value* stack_limit_ = nullptr;
  std::vector<Frame> frames_;
  uint64_t steps_ = 0;
  std::vector<uint64_t> counts_;
  std::vector<uint64_t> pairs_;
  bool dispatch_stats_ = false;
};

// The stack trace of the running program for Error objects.
std::string CaptureStackTrace(Runtime& rt);

}  // namespace jsvm
