#include "vm/objects/shape.h"

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
  if (!index_) index_ = std::make_unique<std::remove_reference_t<decltype(*index_)>>();
  index_->clear();
  for (Shape* child : list_) {
    const ShapeEntry& last = child->entry(child->size() - 1);
    (*index_)[KeyOf(last.key, last.attrs)] = child;
  }
}

int Shape::FindIndexed(Cell* key) const {
  if (!index_) {
    index_ = std::make_unique<Index>();
    index_->reserve(size_);
    for (uint32_t i = 0; i < size_; ++i) (*index_)[(*entries_)[i].key] = i;
  }
  auto it = index_->find(key);
  return it == index_->end() ? -1 : static_cast<int>(it->second);
}

void Shape::DictionaryAdd(Cell* key, uint8_t attrs) {
  entries_->push_back({key, attrs});
  if (index_) (*index_)[key] = size_;
  ++size_;
}

void Shape::DictionaryRemove(uint32_t i) {
  entries_->erase(entries_->begin() + i);
  --size_;
  ++version_;
  index_.reset();  // the slots after i moved: rebuilt at the next search
}

void Shape::Trace(Visitor& v) const {
  // A shape made by a transition has its parent's entries and one more: the
  // parent (kept alive through the back pointer) holds the earlier keys, so
  // each shape traces only the key it added, and marking a chain of n shapes
  // visits n keys, not n^2/2. Dictionary shapes have no parent: all of them.
  uint32_t first = 0;
  if (parent_) {
    v.Edge(parent_, EdgeType::kInternal, EdgeName::Str("back_pointer"));
    if (!parent_->dictionary_) first = size_ - 1;
  }
  for (uint32_t i = first; i < size_; ++i) v.Edge((*entries_)[i].key, EdgeType::kInternal, EdgeName::Str("key"));
}

size_t Shape::OwnedBytes() const {
  // Shared entries are split among the shapes sharing them.
  size_t n = sizeof(Shape) + entries_->capacity() * sizeof(ShapeEntry) / entries_.use_count() + transitions_.OwnedBytes();
  if (index_) n += HashTableBytes(*index_);
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
  if (from && !from->dictionary_ && from->entries_->size() == from->size_) {
    s->entries_ = from->entries_;  // extend the chain's array
  } else {
    s->entries_ = std::allocate_shared<Shape::Entries>(ExternalAllocator<Shape::Entries>());
    if (from) s->entries_->assign(from->entries_->begin(), from->entries_->begin() + from->size_);
  }
  s->entries_->push_back({key, attrs});
  s->size_ = (from ? from->size_ : 0) + 1;
  children.Add(s);
  return s;
}

Shape* ShapeRegistry::NewDictionary(const Shape* from) {
  Shape* s = Allocate(nullptr, /*dictionary=*/true);
  s->entries_ = std::allocate_shared<Shape::Entries>(ExternalAllocator<Shape::Entries>());
  if (from) {
    s->entries_->assign(from->entries_->begin(), from->entries_->begin() + from->size_);
    s->size_ = from->size_;
  }
  return s;
}

void ShapeRegistry::SweepDead() {
  // Runs after marking: unmarked shapes are about to be freed, and their
  // addresses may be reused, so caches that name them must go. When no shape
  // dies, every cached shape is still the one it was: the caches stay.
  auto dead = [this](Shape* s) { return !heap_.IsMarked(s); };
  size_t before = all_.size();
  std::erase_if(all_, dead);
  if (all_.size() == before) return;
  ++epoch_;
  root_transitions_.Sweep(dead);
  for (Shape* s : all_) s->transitions_.Sweep(dead);
}

}  // namespace jsvm
