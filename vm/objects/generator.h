// Generator objects: the suspended activation of a generator, an async
// function or an async generator (V8's JSGeneratorObject and its
// JSAsyncFunctionObject / JSAsyncGeneratorObject subclasses).
//
// The activation's frame does not outlive a suspension: SuspendGenerator
// copies its parameters, its live registers and its current context into the
// generator object and returns; resuming pushes a fresh frame for the same
// function with those parameters, puts the object in r0 and runs from the
// top, where SwitchOnGeneratorState jumps to the resume point and
// ResumeGenerator copies the registers back. So a suspended function keeps
// alive exactly what its saved registers and context hold, and the collector
// sees it through this object.
#pragma once

#include <cstdint>

#include "vm/objects/function.h"
#include "vm/objects/object.h"
#include "vm/objects/value.h"

namespace jsvm {

// What kind of function made the object.
enum class GeneratorKind : uint8_t { kGenerator, kAsyncFunction, kAsyncGenerator };

// How a suspended generator is resumed (the values V8 uses: the bytecode
// dispatches on them with SwitchOnSmiNoFeedback).
enum class ResumeMode : uint8_t { kNext = 0, kReturn = 1, kThrow = 2 };

// One next/return/throw call on an async generator, waiting in its queue.
struct AsyncGeneratorRequest {
  ResumeMode mode;
  Value value;
  Value promise;  // the PromiseObject the call returned
};

class GeneratorObject final : public Object {
 public:
  // The continuation of a generator that is running or finished; a
  // suspended one holds the id of the SuspendGenerator it stopped at.
  static constexpr int32_t kExecuting = -2;
  static constexpr int32_t kClosed = -1;

  GeneratorObject(Object* proto, Function* function, Value receiver, GeneratorKind kind)
      : Object(CellKind::kGenerator, proto), function_(function), receiver_(receiver), kind_(kind) {}

  GeneratorKind generator_kind() const { return kind_; }
  Function* function() const { return function_; }
  Value receiver() const { return receiver_; }
  // The context current at the last suspension (the frame's <context>).
  Value context() const { return context_; }
  void set_context(Value c) { context_ = c; }
  // The value of the resumption (next(v)'s v, the awaited result ...).
  Value input() const { return input_; }
  void set_input(Value v) { input_ = v; }
  ResumeMode resume_mode() const { return resume_mode_; }
  void set_resume_mode(ResumeMode m) { resume_mode_ = m; }
  int32_t continuation() const { return continuation_; }
  void set_continuation(int32_t c) { continuation_ = c; }
  bool is_closed() const { return continuation_ == kClosed; }
  bool is_executing() const { return continuation_ == kExecuting; }
  bool is_suspended() const { return continuation_ >= 0; }
  // Parameters first, then the saved registers (V8's parameters_and_registers).
  ExternalVector<Value>& saved() { return saved_; }
  const ExternalVector<Value>& saved() const { return saved_; }

  // Async functions: the promise the call returned. Async generators: the
  // promise of the request being served.
  Value promise() const { return promise_; }
  void set_promise(Value p) { promise_ = p; }
  // Async generators: the pending next/return/throw calls, oldest first.
  ExternalVector<AsyncGeneratorRequest>& queue() { return queue_; }
  const ExternalVector<AsyncGeneratorRequest>& queue() const { return queue_; }
  // Async generators: awaiting (inside the body, or a return's operand).
  bool awaiting() const { return awaiting_; }
  void set_awaiting(bool b) { awaiting_ = b; }
  // Async generators: closed, a return(v) request waits for v to settle.
  bool draining() const { return draining_; }
  void set_draining(bool b) { draining_ = b; }
  // Where it is suspended, for debug views and leak reports: the source
  // offset of the last suspension (0 when not known). Looked up from the
  // bytecode offset when asked, so a suspension costs no table search.
  uint32_t suspend_source_offset() const;
  // The bytecode offset of the SuspendGenerator it last stopped at.
  void set_suspend_bytecode_offset(uint32_t o) { suspend_bytecode_offset_ = o; }

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + (sizeof(GeneratorObject) - sizeof(Object)) + saved_.capacity() * sizeof(Value) +
           queue_.capacity() * sizeof(AsyncGeneratorRequest);
  }
  std::string SnapshotName() const override;

 private:
  Function* function_;
  Value receiver_;
  Value context_;
  Value input_;
  Value promise_;
  ExternalVector<Value> saved_;
  ExternalVector<AsyncGeneratorRequest> queue_;
  int32_t continuation_ = kExecuting;
  uint32_t suspend_bytecode_offset_ = UINT32_MAX;  // none yet
  ResumeMode resume_mode_ = ResumeMode::kNext;
  GeneratorKind kind_;
  bool awaiting_ = false;
  bool draining_ = false;
};

}  // namespace jsvm
