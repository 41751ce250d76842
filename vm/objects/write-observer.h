// Heap writes as the execution tracer sees them: every change to an object's
// properties, elements, prototype, array length or Map/Set entries, whether a
// bytecode, a built-in or the runtime makes it, passes through one of the
// object model's few mutators (vm/objects/object.h, vm/objects/collections.h), which call
// NoteCellWrite first. With no observer attached that costs one predictable
// branch; a build with JSVM_TRACING off compiles it out.
#pragma once

#ifndef JSVM_TRACING
#define JSVM_TRACING 1
#endif

namespace jsvm {

class Cell;

// Told, before it happens, that a cell is about to change (several calls per
// change are allowed; some calls change nothing). Must not allocate on the
// JavaScript heap: it is called in the middle of instructions and during
// collections (weak tables).
class WriteObserver {
 public:
  virtual ~WriteObserver() = default;
  virtual void OnCellWrite(Cell* cell) = 0;
};

#if JSVM_TRACING
// The attached observer (one per process: the json tracer), or null.
inline WriteObserver* g_write_observer = nullptr;
#endif

// Installs `observer` (null: none). Without JSVM_TRACING it does nothing.
inline void SetWriteObserver([[maybe_unused]] WriteObserver* observer) {
#if JSVM_TRACING
  g_write_observer = observer;
#endif
}

#if JSVM_TRACING
// The call to the observer, out of line so that the inlined test stays small
// and leaves the caller's registers alone.
[[gnu::noinline, gnu::cold]] inline void NotifyCellWrite(Cell* cell) { g_write_observer->OnCellWrite(cell); }
#endif

// `cell` is about to change: tells the observer, if one is attached.
[[gnu::always_inline]] inline void NoteCellWrite([[maybe_unused]] Cell* cell) {
#if JSVM_TRACING
  if (g_write_observer != nullptr) [[unlikely]] NotifyCellWrite(cell);
#endif
}

}  // namespace jsvm
