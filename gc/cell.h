// The header of every garbage-collected object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "gc/visitor.h"

namespace jsvm {

enum class CellKind : uint8_t {
#define CELL_KIND(name, text) k##name,
#include "gc/cell-kinds.def"
#undef CELL_KIND
  kCount
};

const char* CellKindName(CellKind kind);

// Base class of every heap object. Cells are allocated only by Heap (through
// Heap::New) and freed only by the collector's sweep. The header is 16 bytes:
// the vtable pointer, the kind and the mark bit; a subclass's first fields
// fill the rest (the allocator, not the cell, knows where cells are and how
// big their slots are: gc/cell-allocator.h).
class Cell {
 public:
  explicit Cell(CellKind kind) : kind_(kind) {}
  virtual ~Cell() = default;
  Cell(const Cell&) = delete;
  Cell& operator=(const Cell&) = delete;

  CellKind kind() const { return kind_; }

  // Reports every outgoing reference to the visitor (see visitor.h).
  virtual void Trace(Visitor& v) const = 0;
  // Bytes this cell owns: the cell itself plus any out-of-line storage.
  virtual size_t OwnedBytes() const = 0;
  // Snapshot node type index (DevTools node_types) and display name.
  virtual uint8_t SnapshotType() const { return 3; /* object */ }
  virtual std::string SnapshotName() const { return CellKindName(kind_); }

 private:
  friend class Heap;
  CellKind kind_;
  bool marked_ = false;
};

static_assert(sizeof(Cell) == 16, "the cell header is a vtable pointer and 8 bytes");

}  // namespace jsvm
