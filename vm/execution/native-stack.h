// The machine stack of the current thread: where it ends, so that recursive
// C++ code (the parser, JSON, console.log, join) can stop with a RangeError
// before it overflows, whatever the thread's stack size and the build's frame
// sizes (ASan frames are several times larger).
#pragma once

#include <cstddef>
#include <cstdint>

namespace jsvm {

// The current frame's address.
inline uintptr_t CurrentStackAddress() { return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)); }

// The lowest usable address of the current thread's stack (stacks grow down)
// and its size; {0, 0} when the platform cannot tell. Asked once per thread.
struct StackBounds {
  uintptr_t low = 0;
  size_t size = 0;
};
StackBounds CurrentThreadStack();
// Tells CurrentThreadStack that the thread now runs on another stack (one it
// switched to with swapcontext); {} to ask the system again.
void SetCurrentThreadStack(StackBounds bounds);

// The lowest address recursion may reach from `here` when it may use at most
// `budget` bytes below `here` (0: no budget of its own), keeping `reserve`
// bytes (at most a quarter of the stack) free for reporting the error and
// unwinding.
uintptr_t StackLimitFrom(uintptr_t here, size_t budget, size_t reserve);

}  // namespace jsvm
