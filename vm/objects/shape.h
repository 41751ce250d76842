// Hidden classes (V8: Maps). A Shape is the layout of an object's named
// properties: their keys and attributes in insertion order. The object keeps
// only the values, in slots numbered as in its shape, so objects built the
// same way share one Shape and a property load is a compare of one pointer
// and an indexed read (see inline-cache.h).
//
// Shapes form a transition tree: adding key K with attributes A to an object
// of shape S moves it to S's child for (K, A), made on first use. The empty
// shape is nullptr (an object with no named properties). Children are held
// weakly: a shape no object uses any more dies, and the collector drops it
// from its parent's transitions (ShapeRegistry::SweepDead).
//
// An object whose layout churns (a property deleted, attributes changed, too
// many properties) moves to a dictionary shape: a Shape of its own, changed in
// place. Dictionary shapes are never shared and never cached by inline caches.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>
#include <algorithm>

#include "gc/cell.h"
#include "gc/external-memory.h"
#include "gc/heap.h"

namespace jsvm {

struct ShapeEntry {
  Cell* key;      // interned String or Symbol
  uint8_t attrs;  // PropertyAttr bits
};

class Shape;

// A shape's children (weak), found by the (key, attributes) each one adds.
class TransitionTable {
 public:
  Shape* Find(Cell* key, uint8_t attrs) const;
  void Add(Shape* child);
  // Drops the children `dead` says are dying.
  template <class Dead>
  void Sweep(Dead&& dead) {
    if (list_.empty()) return;
    size_t before = list_.size();
    std::erase_if(list_, dead);
    if (index_ && list_.size() != before) RebuildIndex();
  }
  size_t size() const { return list_.size(); }
  size_t OwnedBytes() const { return list_.capacity() * sizeof(Shape*) + (index_ ? HashTableBytes(*index_) : 0); }

 private:
  static constexpr size_t kLinearLimit = 4;
  static uint64_t KeyOf(Cell* key, uint8_t attrs) { return (reinterpret_cast<uint64_t>(key) << 4) | attrs; }
  void RebuildIndex();

  ExternalVector<Shape*> list_;
  std::unique_ptr<ExternalUnorderedMap<uint64_t, Shape*, std::hash<uint64_t>, std::equal_to<uint64_t>>> index_;  // past kLinearLimit children
};

class Shape final : public Cell {
 public:
  // Objects with more named properties than this use a dictionary shape.
  static constexpr uint32_t kMaxFastProperties = 128;

  Shape(Shape* parent, bool dictionary) : Cell(CellKind::kShape), parent_(parent), dictionary_(dictionary) {}

  uint32_t size() const { return size_; }
  // Valid until the next transition from this shape or a shape sharing its entries.
  const ShapeEntry& entry(uint32_t i) const { return (*entries_)[i]; }
  bool is_dictionary() const { return dictionary_; }
  Shape* parent() const { return parent_; }

  // The slot of `key`, or -1.
  int Find(Cell* key) const {
    if (index_ || (size_ > kLinearLimit && ++linear_searches_ > kSearchesBeforeIndex)) return FindIndexed(key);
    const ShapeEntry* e = entries_->data();
    for (uint32_t i = 0; i < size_; ++i) {
      if (e[i].key == key) return static_cast<int>(i);
    }
    return -1;
  }

  // Dictionary shapes only: in-place changes.
  void DictionaryAdd(Cell* key, uint8_t attrs);
  void DictionaryRemove(uint32_t i);
  void DictionarySetAttrs(uint32_t i, uint8_t attrs) {
    (*entries_)[i].attrs = attrs;
    ++version_;
  }
  // Changes when an existing entry moves or changes (never for shared
  // shapes): a slot cached with this version still holds the same property.
  uint32_t version() const { return version_; }

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override;
  uint8_t SnapshotType() const override { return 0; /* hidden */ }
  std::string SnapshotName() const override { return "system / Map"; }

 private:
  friend class ShapeRegistry;
  static constexpr size_t kLinearLimit = 8;

  // Finds `key` through the hash index, building it first if need be. A
  // shape past kLinearLimit entries gets one once it has been searched
  // kSearchesBeforeIndex times: the intermediate shapes of a long transition
  // chain (a built-in prototype's: each addition checks the key is new) are
  // searched once each and never need one.
  static constexpr uint8_t kSearchesBeforeIndex = 4;
  int FindIndexed(Cell* key) const;

  Shape* parent_;            // the shape this one extends (nullptr: empty, or dictionary)
  bool dictionary_;
  uint32_t version_ = 0;
  // The first size_ entries are this shape's. A transition chain shares one
  // array (V8 shares DescriptorArrays so): a child made from a shape whose
  // entries end the array appends to it, so a chain of n shapes holds n
  // entries, not n^2/2. Any other child, and every dictionary, copies.
  using Entries = ExternalVector<ShapeEntry>;
  std::shared_ptr<Entries> entries_;
  uint32_t size_ = 0;
  mutable uint8_t linear_searches_ = 0;
  using Index = ExternalUnorderedMap<Cell*, uint32_t, std::hash<Cell*>, std::equal_to<Cell*>>;
  mutable std::unique_ptr<Index> index_;  // past kLinearLimit entries, once searched
  TransitionTable transitions_;
};

// Makes and finds shapes; owned by the Runtime. Keeps every shape in a list
// so that after each marking it can drop the dead ones from the transition
// tree, and counts in `epoch` the collections that freed a shape (inline
// caches are valid for one epoch: a freed shape's address may be reused).
class ShapeRegistry {
 public:
  explicit ShapeRegistry(Heap& heap);
  ~ShapeRegistry();
  ShapeRegistry(const ShapeRegistry&) = delete;
  ShapeRegistry& operator=(const ShapeRegistry&) = delete;

  // The shape after adding (key, attrs) to an object of shape `from`
  // (nullptr: empty). `from` must not be a dictionary. Never collects.
  Shape* Transition(Shape* from, Cell* key, uint8_t attrs);
  // A new dictionary shape with the entries of `from` (nullptr: none). Never collects.
  Shape* NewDictionary(const Shape* from);

  uint32_t epoch() const { return epoch_; }
  // Empties every inline cache (a new epoch).
  void InvalidateCaches() { ++epoch_; }
  size_t shape_count() const { return all_.size(); }

 private:
  Shape* Allocate(Shape* parent, bool dictionary);
  void SweepDead();

  Heap& heap_;
  size_t weak_callback_;
  std::vector<Shape*> all_;
  TransitionTable root_transitions_;  // children of the empty shape
  uint32_t epoch_ = 1;
};

}  // namespace jsvm
