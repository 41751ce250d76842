// How a heap cell describes its outgoing references: Cell::Trace calls the
// visitor once per edge. Marking, heap verification and heap snapshots all
// use the same Trace, so an edge is declared in exactly one place.
#pragma once

#include <cstdint>

namespace jsvm {

class Cell;

// Edge types, in the order of Chrome DevTools' heap snapshot `edge_types`.
enum class EdgeType : uint8_t {
  kContext,   // a variable in a context, named after it
  kElement,   // array element, by index
  kProperty,  // named JS property
  kInternal,  // engine field with a name ("context", "shared", ...)
  kHidden,    // engine slot by index
  kShortcut,
  kWeak,      // never retains
};

// The name of an edge: a C string, a string cell (a property key), or an index.
struct EdgeName {
  const char* cstr = nullptr;
  const Cell* cell = nullptr;
  uint32_t index = 0;

  static EdgeName Str(const char* s) { EdgeName n; n.cstr = s; return n; }
  static EdgeName Of(const Cell* c) { EdgeName n; n.cell = c; return n; }
  static EdgeName Index(uint32_t i) { EdgeName n; n.index = i; return n; }
};

class Visitor {
 public:
  virtual ~Visitor() = default;
  // One outgoing reference to `target` (never null).
  virtual void Edge(Cell* target, EdgeType type, EdgeName name) = 0;
  // An ephemeron's value (a WeakMap entry): `value` is reachable through
  // this cell only while `key` is reachable otherwise. The key is reported
  // on its own, as a weak edge. Marking keeps the value alive only once the
  // key is marked; every other visitor sees an ordinary hidden edge.
  virtual void Ephemeron(Cell* key, Cell* value, EdgeName name) {
    (void)key;
    Edge(value, EdgeType::kHidden, name);
  }
  // True when the visitor uses edge names (snapshots); marking does not, so
  // Trace may skip computing expensive names when this is false.
  virtual bool WantsNames() const { return false; }
};

}  // namespace jsvm
