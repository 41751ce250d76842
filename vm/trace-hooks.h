// What the interpreter tells an observer (the tracer, the viewer's recorder)
// when tracing is on. When it is off the interpreter pays one predictable
// branch per instruction. An interface only: tools/ implements it.
#pragma once

#include <cstdint>

#include "vm/value.h"

namespace jsvm {

struct Frame;

class TraceHooks {
 public:
  virtual ~TraceHooks() = default;
  // Before the instruction at pc runs (acc is the accumulator before it).
  virtual void OnInstruction(const Frame& frame, const uint8_t* pc, Value acc) = 0;
  virtual void OnPushContext(const Frame& frame, Value context) = 0;
  virtual void OnPopContext(const Frame& frame, Value context) = 0;
  virtual void OnCreateClosure(const Frame& frame, Value closure) = 0;
  // A JavaScript frame was pushed (the callee's frame).
  virtual void OnCall(const Frame& callee) = 0;
  virtual void OnReturn(const Frame& frame, Value result) = 0;
  // A native function called from `frame` returned.
  virtual void OnNativeReturn(const Frame& frame, Value result) = 0;
  virtual void OnCatch(const Frame& frame, Value exception) = 0;
  // `frame` is being left by an exception.
  virtual void OnUnwind(const Frame& frame) = 0;
};

}  // namespace jsvm
