#include "vm/objects/object.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/objects/function.h"
#include "vm/objects/proxy.h"
#include "vm/execution/runtime.h"

namespace jsvm {

namespace {
constexpr uint32_t kMaxDenseGap = 1024;   // indices further past the end go to the sparse map
}  // namespace

Object::~Object() {
  if (slots_out_of_line()) external_memory::Free(slots_, slot_capacity_ * sizeof(Value));
}

bool Object::IsCallable() const {
  switch (kind()) {
    case CellKind::kFunction: case CellKind::kNativeFunction: case CellKind::kBoundFunction:
      return true;
    case CellKind::kProxy:
      return static_cast<const Proxy*>(this)->callable();
    default:
      return false;
  }
}

void Object::GrowSlots(Runtime&) {
  uint32_t old_cap = slot_capacity_;
  uint32_t new_cap = old_cap < 4 ? 4 : old_cap * 2;
  // The inline slots stay part of the cell; only the out-of-line array is external.
  auto* grown = static_cast<Value*>(external_memory::Allocate(new_cap * sizeof(Value)));
  if (old_cap) std::memcpy(static_cast<void*>(grown), slots_, named_count() * sizeof(Value));
  if (slots_out_of_line()) external_memory::Free(slots_, old_cap * sizeof(Value));
  slots_ = grown;
  slot_capacity_ = new_cap;
}

void Object::ToDictionary(Runtime& rt) {
  if (shape_ && shape_->is_dictionary()) return;
  shape_ = rt.shapes().NewDictionary(shape_);
}

void Object::DictionaryAdd(Runtime&, Cell* key, uint8_t attrs) { shape_->DictionaryAdd(key, attrs); }

void Object::AddNamed(Runtime& rt, Cell* key, Value value, uint8_t attrs) {
  NoteCellWrite(this);
  uint32_t n = named_count();
  if (n == slot_capacity_) GrowSlots(rt);
  if (shape_ && shape_->is_dictionary()) {
    DictionaryAdd(rt, key, attrs);
  } else if (named_count() >= Shape::kMaxFastProperties) {
    ToDictionary(rt);
    DictionaryAdd(rt, key, attrs);
  } else {
    shape_ = rt.shapes().Transition(shape_, key, attrs);
  }
  slots_[n] = value;
}

void Object::AddNamedWithShape(Runtime& rt, Shape* next, Value value) {
  NoteCellWrite(this);
  uint32_t n = named_count();
  if (n == slot_capacity_) GrowSlots(rt);
  shape_ = next;
  slots_[n] = value;
}

void Object::SetNamedAttrs(Runtime& rt, int i, uint8_t attrs) {
  NoteCellWrite(this);
  if (shape_->entry(i).attrs == attrs) return;
  ToDictionary(rt);
  shape_->DictionarySetAttrs(i, attrs);
}

void Object::RemoveNamed(Runtime& rt, int i) {
  NoteCellWrite(this);
  ToDictionary(rt);
  uint32_t n = named_count();
  shape_->DictionaryRemove(i);
  std::memmove(static_cast<void*>(slots_ + i), slots_ + i + 1, (n - static_cast<uint32_t>(i) - 1) * sizeof(Value));
}

bool Object::FindIndexed(uint32_t i, Value* value, uint8_t* attrs) const {
  if (i < dense_.size()) {
    Value v = dense_[i];
    if (!v.IsHole()) {
      *value = v;
      *attrs = kAttrDefault;
      return true;
    }
  }
  if (sparse_) {
    auto it = sparse_->find(i);
    if (it != sparse_->end()) {
      *value = it->second.value;
      *attrs = it->second.attrs;
      return true;
    }
  }
  return false;
}

void Object::PutIndexed(Runtime&, uint32_t i, Value value, uint8_t attrs) {
  NoteCellWrite(this);
  if (attrs == kAttrDefault && !value.IsHole()) {
    if (i < dense_.size()) {
      dense_[i] = value;
      if (sparse_) sparse_->erase(i);
      return;
    }
    if (i - dense_.size() <= kMaxDenseGap && !(sparse_ && sparse_->count(i))) {
      dense_.resize(static_cast<size_t>(i) + 1, Value::Hole());
      dense_[i] = value;
      return;
    }
  }
  if (i < dense_.size()) dense_[i] = Value::Hole();
  if (!sparse_) sparse_ = std::make_unique<SparseElements>();
  (*sparse_)[i] = {PropertyKey::Index(i), value, attrs};
}

void Object::ReserveDenseHoles(Runtime&, uint32_t n) {
  NoteCellWrite(this);
  if (n > dense_.size()) dense_.resize(n, Value::Hole());
}

void Object::ReserveDense(Runtime&, uint32_t n) { dense_.reserve(n); }

bool Object::RemoveIndexed(Runtime&, uint32_t i) {
  NoteCellWrite(this);
  bool removed = false;
  if (i < dense_.size() && !dense_[i].IsHole()) {
    dense_[i] = Value::Hole();
    removed = true;
  }
  if (sparse_ && sparse_->erase(i)) removed = true;
  return removed;
}

void Object::CollectIndices(std::vector<uint32_t>* out) const {
  for (size_t i = 0; i < dense_.size(); ++i) {
    if (!dense_[i].IsHole()) out->push_back(static_cast<uint32_t>(i));
  }
  if (sparse_ && !sparse_->empty()) {
    size_t mid = out->size();
    for (auto& [k, e] : *sparse_) out->push_back(k);
    if (mid > 0) std::inplace_merge(out->begin(), out->begin() + mid, out->end());
  }
}

bool Object::TruncateIndexed(Runtime&, uint32_t len, uint32_t* new_len) {
  NoteCellWrite(this);
  *new_len = len;
  if (sparse_) {
    // Non-configurable elements stop the truncation (largest first).
    for (auto it = sparse_->rbegin(); it != sparse_->rend(); ++it) {
      if (it->first < len) break;
      if (!(it->second.attrs & kAttrConfigurable)) {
        *new_len = it->first + 1;
        break;
      }
    }
    sparse_->erase(sparse_->lower_bound(*new_len), sparse_->end());
  }
  if (dense_.size() > *new_len) {
    dense_.resize(*new_len);
    if (dense_.size() < dense_.capacity() / 4) dense_.shrink_to_fit();
  }
  return *new_len == len;
}

void Object::TraceProperties(Visitor& v) const {
  if (proto_) v.Edge(const_cast<Object*>(proto_), EdgeType::kProperty, EdgeName::Str("__proto__"));
  if (shape_) {
    v.Edge(shape_, EdgeType::kInternal, EdgeName::Str("map"));
    for (uint32_t i = 0; i < shape_->size(); ++i) {
      TraceValue(v, slots_[i], EdgeType::kProperty, EdgeName::Of(shape_->entry(i).key));
    }
  }
  for (size_t i = 0; i < dense_.size(); ++i) {
    TraceValue(v, dense_[i], EdgeType::kElement, EdgeName::Index(static_cast<uint32_t>(i)));
  }
  if (sparse_) {
    for (auto& [k, e] : *sparse_) TraceValue(v, e.value, EdgeType::kElement, EdgeName::Index(k));
  }
}

void Object::Trace(Visitor& v) const { TraceProperties(v); }

size_t Object::OwnedBytes() const {
  size_t n = sizeof(Object) + inline_capacity_ * sizeof(Value) + dense_.owned_bytes();
  if (slots_out_of_line()) n += slot_capacity_ * sizeof(Value);
  if (sparse_) n += sizeof(SparseElements) + TreeBytes(*sparse_);
  if (kind() == CellKind::kArray) n += sizeof(Array) - sizeof(Object);
  return n;
}

uint8_t Object::SnapshotType() const { return 3; }

std::string Object::SnapshotName() const {
  // Named after the constructor of the prototype, as DevTools does.
  if (proto_) {
    for (uint32_t i = 0; i < proto_->named_count(); ++i) {
      PropertyKey key = proto_->named_key(i);
      Value value = proto_->named_value(i);
      if (key.IsString() && key.string()->view() == u"constructor" && value.IsObject()) {
        Object* ctor = value.AsObject();
        for (uint32_t j = 0; j < ctor->named_count(); ++j) {
          PropertyKey ckey = ctor->named_key(j);
          Value cvalue = ctor->named_value(j);
          if (ckey.IsString() && ckey.string()->view() == u"name" && cvalue.IsString()) {
            std::string name = cvalue.AsString()->ToUtf8();
            if (!name.empty()) return name;
          }
        }
        if (ctor->kind() == CellKind::kFunction) {
          auto* f = static_cast<Function*>(ctor);
          if (f->info()->name && f->info()->name->length()) return f->info()->name->ToUtf8();
        } else if (ctor->kind() == CellKind::kNativeFunction) {
          auto* f = static_cast<NativeFunction*>(ctor);
          if (f->name()) return f->name()->ToUtf8();
        }
      }
    }
  }
  return "Object";
}

}  // namespace jsvm
