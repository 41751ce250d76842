// Map and Set objects and the built-in iterator objects (Array, String, Map
// and Set iterators).
//
// A collection keeps its entries in insertion order in a vector; deleted
// entries become tombstones (key Empty) so that an iterator's position, an
// index into that vector, survives deletions. A hash index from key to
// position gives O(1) average lookups. Keys are compared with SameValueZero
// (strings by content, -0 stored as +0). When tombstones outnumber live
// entries the vector is compacted and the positions of live iterators are
// shifted to match (iterators register in BuiltinsState::live_iterators).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "vm/objects/object.h"
#include "vm/objects/string.h"
#include "vm/objects/value.h"

namespace jsvm {

// The insertion-ordered hash table of Map and Set.
class OrderedTable {
 public:
  struct Entry {
    Value key;    // Value::Empty() for a deleted entry
    Value value;  // Set: same as key
  };

  // SameValueZero normalisation: -0 becomes +0, integral doubles int32 form.
  static Value Normalize(Value key);

  // Position of key (normalised) or -1.
  int64_t Find(Value key) const;
  // Inserts or overwrites; returns true when the key was new.
  bool Put(Value key, Value value);
  // Deletes; returns true when the key was present.
  bool Remove(Value key);
  // Removes every entry (positions restart at 0).
  void Clear();
  // Drops tombstones; `remap(old_position)` gives each old position's new one.
  std::vector<uint32_t> Compact();
  bool NeedsCompaction() const { return tombstones() > 32 && tombstones() > live_; }

  uint32_t size() const { return live_; }
  uint32_t tombstones() const { return static_cast<uint32_t>(entries_.size()) - live_; }
  using Entries = ExternalVector<Entry>;
  const Entries& entries() const { return entries_; }
  Entries& entries() { return entries_; }
  // The external memory the table holds (gc/external-memory.h).
  size_t Bytes() const { return entries_.capacity() * sizeof(Entry) + HashTableBytes(index_); }

 private:
  struct KeyHash {
    size_t operator()(Value v) const;
  };
  struct KeyEq {
    bool operator()(Value a, Value b) const;
  };
  Entries entries_;
  ExternalUnorderedMap<Value, uint32_t, KeyHash, KeyEq> index_;
  uint32_t live_ = 0;
};

// Map and Set objects (CellKind::kMap / kSet).
class CollectionObject : public Object {
 public:
  CollectionObject(CellKind kind, Object* proto) : Object(kind, proto) {}
  // For writing (the tracer hears of it: see write-observer.h).
  OrderedTable& table() {
    NoteCellWrite(this);
    return table_;
  }
  const OrderedTable& table() const { return table_; }
  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override { return Object::OwnedBytes() + table_.Bytes(); }

 private:
  OrderedTable table_;
};

// A Map: entries are key => value.
class MapObject final : public CollectionObject {
 public:
  explicit MapObject(Object* proto) : CollectionObject(CellKind::kMap, proto) {}
  std::string SnapshotName() const override { return "Map"; }
};

// A Set: entries are value => value.
class SetObject final : public CollectionObject {
 public:
  explicit SetObject(Object* proto) : CollectionObject(CellKind::kSet, proto) {}
  std::string SnapshotName() const override { return "Set"; }
};

// WeakMap and WeakSet (CellKind::kObject with a table). Keys are weak
// edges; values are traced strongly (so a value that refers back to its key
// keeps the entry alive: a leak, never a dangling reference). Entries whose
// key died are removed by the built-ins' weak callback after marking.
class WeakCollectionObject final : public Object {
 public:
  WeakCollectionObject(Object* proto, bool is_map) : Object(CellKind::kObject, proto), is_map_(is_map) {}
  bool is_map() const { return is_map_; }
  OrderedTable& table() { return table_; }
  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override { return Object::OwnedBytes() + table_.Bytes(); }
  std::string SnapshotName() const override { return is_map_ ? "WeakMap" : "WeakSet"; }

 private:
  bool is_map_;
  OrderedTable table_;
};

enum class IterationKind : uint8_t { kKeys, kValues, kEntries };
enum class IteratorSource : uint8_t { kArray, kString, kMap, kSet, kAsyncFromSync, kRegExpString };

// %ArrayIterator%, %StringIterator%, %MapIterator%, %SetIterator% and
// %AsyncFromSyncIteratorPrototype% and %RegExpStringIteratorPrototype% instances
// (CellKind::kIterator). `target` becomes undefined when done.
class IteratorObject final : public Object {
 public:
  IteratorObject(Object* proto, IteratorSource source, Value target, IterationKind kind)
      : Object(CellKind::kIterator, proto), source(source), kind(kind), target(target) {}
  IteratorSource source;
  IterationKind kind;
  Value target;
  uint64_t index = 0;
  // kAsyncFromSync: the sync iterator's `next`, read once when it was made.
  Value next_method;

  void Trace(Visitor& v) const override {
    Object::Trace(v);
    TraceValue(v, target, EdgeType::kInternal, EdgeName::Str("iterated"));
    TraceValue(v, next_method, EdgeType::kInternal, EdgeName::Str("next"));
  }
  std::string SnapshotName() const override { return "Iterator"; }
};

}  // namespace jsvm
