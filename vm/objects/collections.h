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

// WeakMap and WeakSet (CellKind::kObject with a table). Entries are
// ephemerons: the key is a weak edge, and a WeakMap's value is marked only
// once its key is marked by something else (Visitor::Ephemeron; the
// collector iterates to a fixpoint), so a key kept alive only by its own
// value is collected. Entries whose key died are removed by the built-ins'
// weak callback after marking.
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

// A WeakRef (CellKind::kObject): its target is a weak edge, cleared (to
// undefined) by the built-ins' weak callback when the target dies.
class WeakRefObject final : public Object {
 public:
  WeakRefObject(Object* proto, Value target) : Object(CellKind::kObject, proto), target_(target) {}
  Value target() const { return target_; }
  void Clear() {
    NoteCellWrite(this);
    target_ = Value::Undefined();
  }
  void Trace(Visitor& v) const override {
    Object::Trace(v);
    TraceValue(v, target_, EdgeType::kWeak, EdgeName::Str("target"));
  }
  size_t OwnedBytes() const override { return Object::OwnedBytes() + sizeof(Value); }
  std::string SnapshotName() const override { return "WeakRef"; }

 private:
  Value target_;
};

// A FinalizationRegistry (CellKind::kObject). Each registered cell holds its
// target and unregister token weakly and its held value strongly. When a
// target dies the weak callback moves the held value to `pending` and the
// host runs the cleanup callback with it later, as a task of its own.
class FinalizationRegistryObject final : public Object {
 public:
  struct Record {
    Value target;  // weak
    Value held;    // strong
    Value token;   // weak; Empty when there is none (or it died)
  };
  FinalizationRegistryObject(Object* proto, Value cleanup)
      : Object(CellKind::kObject, proto), cleanup_(cleanup) {}
  Value cleanup() const { return cleanup_; }
  std::vector<Record>& records() {
    NoteCellWrite(this);
    return records_;
  }
  const std::vector<Record>& records() const { return records_; }
  // Held values whose targets died, waiting for the cleanup callback.
  std::vector<Value>& pending() {
    NoteCellWrite(this);
    return pending_;
  }
  // Whether the registry waits in the host's cleanup queue.
  bool queued = false;

  void Trace(Visitor& v) const override {
    Object::Trace(v);
    TraceValue(v, cleanup_, EdgeType::kInternal, EdgeName::Str("cleanup"));
    for (uint32_t i = 0; i < records_.size(); ++i) {
      TraceValue(v, records_[i].target, EdgeType::kWeak, EdgeName::Str("target"));
      TraceValue(v, records_[i].held, EdgeType::kInternal, EdgeName::Str("held value"));
      TraceValue(v, records_[i].token, EdgeType::kWeak, EdgeName::Str("unregister token"));
    }
    for (Value held : pending_) TraceValue(v, held, EdgeType::kInternal, EdgeName::Str("pending held value"));
  }
  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + records_.capacity() * sizeof(Record) + pending_.capacity() * sizeof(Value);
  }
  std::string SnapshotName() const override { return "FinalizationRegistry"; }

 private:
  Value cleanup_;
  std::vector<Record> records_;
  std::vector<Value> pending_;
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
