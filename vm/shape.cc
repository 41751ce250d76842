#include "vm/shape.h"

#include <algorithm>

namespace jsvm {

Shape* TransitionTable::Find(Cell* key, uint8_t attrs) const {
  if (index_) {
    auto it = index_->find(KeyOf(key, attrs));
    return it == index_->end() ? nullptr : it->second;
  }
  for (Shape* child : list_) {
    const ShapeEntry& last = child->entry(child->size() - 1);
    if (last.key == key && last.attrs == attrs) return child;
  }
  return nullptr;
}

void TransitionTable::Add(Shape* child) {
  list_.push_back(child);
  if (index_) {
    const ShapeEntry& last = child->entry(child->size() - 1);
    (*index_)[KeyOf(last.key, last.attrs)] = child;
  } else if (list_.size() > kLinearLimit) {
    RebuildIndex();
  }
}

void TransitionTable::RebuildIndex() {
  if (list_.size() <= kLinearLimit) {
    index_.reset();
    return;
  }
  if (!index_) index_ = std::make_unique<std::unordered_map<uint64_t, Shape*>>();
  index_->clear();
  for (Shape* child : list_) {
    const ShapeEntry& last = child->entry(child->size() - 1);
    (*index_)[KeyOf(last.key, last.attrs)] = child;
  }
}

void Shape::UpdateIndex() {
  if (entries_.size() <= kLinearLimit) {
    index_.reset();
    return;
  }
  if (!index_) index_ = std::make_unique<std::unordered_map<Cell*, uint32_t>>();
  index_->clear();
  index_->reserve(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) (*index_)[entries_[i].key] = static_cast<uint32_t>(i);
}

void Shape::DictionaryAdd(Cell* key, uint8_t attrs) {
  entries_.push_back({key, attrs});
  if (index_) {
    (*index_)[key] = static_cast<uint32_t>(entries_.size() - 1);
  } else if (entries_.size() > kLinearLimit) {
    UpdateIndex();
  }
}

void Shape::DictionaryRemove(uint32_t i) {
  entries_.erase(entries_.begin() + i);
  ++version_;
  if (index_) UpdateIndex();
}

void Shape::Trace(Visitor& v) const {
  if (parent_) v.Edge(parent_, EdgeType::kInternal, EdgeName::Str("back_pointer"));
  for (const ShapeEntry& e : entries_) v.Edge(e.key, EdgeType::kInternal, EdgeName::Str("key"));
}

size_t Shape::OwnedBytes() const {
  size_t n = sizeof(Shape) + entries_.capacity() * sizeof(ShapeEntry) + transitions_.OwnedBytes();
  if (index_) n += index_->size() * 32;
  return n;
}

ShapeRegistry::ShapeRegistry(Heap& heap) : heap_(heap) {
  weak_callback_ = heap_.AddWeakCallback([this] { SweepDead(); });
}

ShapeRegistry::~ShapeRegistry() { heap_.RemoveWeakCallback(weak_callback_); }

Shape* ShapeRegistry::Allocate(Shape* parent, bool dictionary) {
  // Callers hold raw pointers to the object being changed: no collection here.
  NoGcScope no_gc(heap_);
  Shape* s = heap_.New<Shape>(parent, dictionary);
  all_.push_back(s);
  return s;
}

Shape* ShapeRegistry::Transition(Shape* from, Cell* key, uint8_t attrs) {
  TransitionTable& children = from ? from->transitions_ : root_transitions_;
  if (Shape* child = children.Find(key, attrs)) return child;
  Shape* s = Allocate(from, /*dictionary=*/false);
  s->entries_.reserve((from ? from->entries_.size() : 0) + 1);
  if (from) s->entries_ = from->entries_;
  s->entries_.push_back({key, attrs});
  s->UpdateIndex();
  size_t table_before = children.OwnedBytes();
  children.Add(s);
  // The new shape's storage, and the parent's table growth (an estimate for
  // the root table, which no cell owns; the collector recounts exactly).
  heap_.NoteExternalAllocation(static_cast<ptrdiff_t>(s->OwnedBytes() - sizeof(Shape) + children.OwnedBytes()) -
                               static_cast<ptrdiff_t>(table_before));
  return s;
}

Shape* ShapeRegistry::NewDictionary(const Shape* from) {
  Shape* s = Allocate(nullptr, /*dictionary=*/true);
  if (from) s->entries_ = from->entries_;
  s->UpdateIndex();
  heap_.NoteExternalAllocation(static_cast<ptrdiff_t>(s->OwnedBytes() - sizeof(Shape)));
  return s;
}

void ShapeRegistry::SweepDead() {
  // Runs after marking: unmarked shapes are about to be freed.
  ++epoch_;
  auto dead = [this](Shape* s) { return !heap_.IsMarked(s); };
  root_transitions_.Sweep(dead);
  std::erase_if(all_, dead);
  for (Shape* s : all_) s->transitions_.Sweep(dead);
}

}  // namespace jsvm
