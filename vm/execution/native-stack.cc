#include "vm/execution/native-stack.h"

#include <pthread.h>

#include <algorithm>

namespace jsvm {

namespace {
// Asking is slow for the main thread (glibc reads /proc/self/maps): once per thread.
thread_local StackBounds bounds;
thread_local bool asked = false;
}  // namespace

void SetCurrentThreadStack(StackBounds b) {
  bounds = b;
  asked = b.low != 0;
}

StackBounds CurrentThreadStack() {
  if (asked) return bounds;
  asked = true;
#if defined(__GLIBC__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* address = nullptr;
    size_t size = 0;
    if (pthread_attr_getstack(&attr, &address, &size) == 0) {
      bounds.low = reinterpret_cast<uintptr_t>(address);
      bounds.size = size;
    }
    pthread_attr_destroy(&attr);
  }
#endif
  return bounds;
}

uintptr_t StackLimitFrom(uintptr_t here, size_t budget, size_t reserve) {
  constexpr size_t kFallbackBudget = 1024 * 1024;  // when neither the budget nor the bounds are known
  StackBounds stack = CurrentThreadStack();
  uintptr_t limit = 0;
  if (budget != 0) {
    limit = here > budget ? here - budget : 0;
  } else if (stack.low == 0) {
    limit = here > kFallbackBudget ? here - kFallbackBudget : 0;
  }
  if (stack.low != 0 && here > stack.low) {
    uintptr_t floor = stack.low + std::min(reserve, stack.size / 4);
    limit = std::max(limit, std::min(floor, here));
  }
  return limit;
}

}  // namespace jsvm
