// Map, Set, their prototypes and iterators, and the OrderedTable behind them.
#include <algorithm>
#include <cmath>

#include "vm/builtins/builtins.h"
#include "vm/objects/bigint.h"
#include "vm/objects/collections.h"
#include "vm/interpreter/error-sites.h"
#include "vm/execution/operations.h"

namespace jsvm {

// ---- OrderedTable

Value OrderedTable::Normalize(Value key) {
  if (key.IsNumber()) {
    double d = key.AsNumber();
    return Value::Number(d == 0 ? 0.0 : d);
  }
  return key;
}

size_t OrderedTable::KeyHash::operator()(Value v) const {
  if (v.IsString()) return v.AsString()->Hash();
  uint64_t b = v.IsBigInt() ? BigIntHash(v.AsBigInt()) : v.bits();
  b ^= b >> 33;
  b *= 0xff51afd7ed558ccdull;
  b ^= b >> 33;
  return static_cast<size_t>(b);
}

bool OrderedTable::KeyEq::operator()(Value a, Value b) const {
  if (a == b) return true;
  if (a.IsBigInt() && b.IsBigInt()) return BigIntEquals(a.AsBigInt(), b.AsBigInt());
  return a.IsString() && b.IsString() && a.AsString()->view() == b.AsString()->view();
}

int64_t OrderedTable::Find(Value key) const {
  auto it = index_.find(Normalize(key));
  return it == index_.end() ? -1 : static_cast<int64_t>(it->second);
}

bool OrderedTable::Put(Value key, Value value) {
  key = Normalize(key);
  auto it = index_.find(key);
  if (it != index_.end()) {
    entries_[it->second].value = value;
    return false;
  }
  index_.emplace(key, static_cast<uint32_t>(entries_.size()));
  entries_.push_back({key, value});
  ++live_;
  return true;
}

bool OrderedTable::Remove(Value key) {
  auto it = index_.find(Normalize(key));
  if (it == index_.end()) return false;
  Entry& e = entries_[it->second];
  e.key = Value::Empty();
  e.value = Value::Undefined();
  index_.erase(it);
  --live_;
  return true;
}

void OrderedTable::Clear() {
  entries_.clear();
  entries_.shrink_to_fit();
  index_.clear();
  live_ = 0;
}

std::vector<uint32_t> OrderedTable::Compact() {
  std::vector<uint32_t> remap(entries_.size() + 1);
  uint32_t out = 0;
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    remap[i] = out;
    if (!entries_[i].key.IsEmpty()) {
      entries_[out] = entries_[i];
      index_[entries_[out].key] = out;
      ++out;
    }
  }
  remap[entries_.size()] = out;
  entries_.resize(out);
  return remap;
}

void CollectionObject::Trace(Visitor& v) const {
  Object::Trace(v);
  const auto& entries = table_.entries();
  for (uint32_t i = 0; i < entries.size(); ++i) {
    TraceValue(v, entries[i].key, EdgeType::kHidden, EdgeName::Index(2 * i));
    if (kind() == CellKind::kMap) TraceValue(v, entries[i].value, EdgeType::kHidden, EdgeName::Index(2 * i + 1));
  }
}

void WeakCollectionObject::Trace(Visitor& v) const {
  Object::Trace(v);
  const auto& entries = table_.entries();
  for (uint32_t i = 0; i < entries.size(); ++i) {
    TraceValue(v, entries[i].key, EdgeType::kWeak, EdgeName::Index(2 * i));
    if (is_map_ && entries[i].key.IsCell() && entries[i].value.IsCell()) {
      v.Ephemeron(entries[i].key.AsCell(), entries[i].value.AsCell(), EdgeName::Index(2 * i + 1));
    }
  }
}

size_t SweepWeakCollection(Runtime& rt, Cell* collection) {
  auto* w = static_cast<WeakCollectionObject*>(collection);
  std::vector<Value> dead;
  for (const auto& e : w->table().entries()) {
    if (e.key.IsCell() && !rt.heap().IsMarked(e.key.AsCell())) dead.push_back(e.key);
  }
  if (dead.empty()) return 0;
  NoteCellWrite(w);
  for (Value k : dead) w->table().Remove(k);
  if (w->table().NeedsCompaction()) w->table().Compact();
  return dead.size();
}

namespace {

// ---- shared

CollectionObject* ThisCollection(Runtime& rt, Value v, CellKind kind, const char* method) {
  if (!v.IsCellOfKind(kind)) {
    rt.ThrowTypeError(std::string("Method ") + method + " called on incompatible receiver " +
                      DescribeForError(rt, v));
  }
  return static_cast<CollectionObject*>(v.AsObject());
}

// Compacts c's table when worthwhile, moving live iterators' positions.
void MaybeCompact(Runtime& rt, CollectionObject* c) {
  if (!c->table().NeedsCompaction()) return;
  std::vector<uint32_t> remap = c->table().Compact();
  for (Cell* cell : StateOf(rt).live_iterators) {
    auto* it = static_cast<IteratorObject*>(cell);
    if (it->target == Value::FromCell(c)) {
      it->index = remap[std::min<uint64_t>(it->index, remap.size() - 1)];
    }
  }
}

void PutEntry(Runtime&, CollectionObject* c, Value key, Value value) { c->table().Put(key, value); }

void ClearCollection(Runtime& rt, CollectionObject* c) {
  c->table().Clear();
  for (Cell* cell : StateOf(rt).live_iterators) {
    auto* it = static_cast<IteratorObject*>(cell);
    if (it->target == Value::FromCell(c)) it->index = 0;
  }
}

Object* NewCollectionIterator(Runtime& rt, CollectionObject* c, IterationKind kind) {
  bool is_map = c->kind() == CellKind::kMap;
  Object* proto = is_map ? rt.intrinsics().map_iterator_prototype : rt.intrinsics().set_iterator_prototype;
  auto* it = rt.heap().New<IteratorObject>(proto, is_map ? IteratorSource::kMap : IteratorSource::kSet,
                                           Value::FromCell(c), kind);
  StateOf(rt).live_iterators.push_back(it);
  return it;
}

void FinishIterator(Runtime& rt, IteratorObject* it) {
  it->target = Value::Undefined();
  auto& live = StateOf(rt).live_iterators;
  auto pos = std::find(live.begin(), live.end(), it);
  if (pos != live.end()) live.erase(pos);
}

// The next live entry of a collection iterator, or nullptr when done.
const OrderedTable::Entry* StepCollection(Runtime& rt, IteratorObject* it) {
  if (!it->target.IsObject()) return nullptr;
  auto* c = static_cast<CollectionObject*>(it->target.AsObject());
  const auto& entries = c->table().entries();
  while (it->index < entries.size() && entries[it->index].key.IsEmpty()) ++it->index;
  if (it->index >= entries.size()) {
    FinishIterator(rt, it);
    return nullptr;
  }
  return &entries[it->index++];
}

// forEach over a collection, robust against mutation by the callback.
void CollectionForEach(Runtime& rt, CallArgs& args, CellKind kind, const char* method) {
  Rooted<Object*> c(rt, ThisCollection(rt, args.this_value, kind, method));
  // V8 calls the callback unchecked: the error is its generic one.
  if (!IsCallable(args[0])) rt.ThrowTypeError(DefaultCallSiteText(rt, args[0]) + " is not a function");
  Rooted<Value> fn(rt, args[0]);
  Rooted<IteratorObject*> it(rt, static_cast<IteratorObject*>(NewCollectionIterator(
                                     rt, static_cast<CollectionObject*>(c.get()), IterationKind::kEntries)));
  while (const OrderedTable::Entry* e = StepCollection(rt, it)) {
    Rooted<Value> k(rt, e->key);
    Rooted<Value> v(rt, e->value);
    Call(rt, fn, args[1], {v.get(), k.get(), Value::FromCell(c.get())});
  }
}

// Adds every value of `iterable` with `adder_name` (a Map/Set constructor's tail).
void FillFromIterable(Runtime& rt, Object* target, Value iterable, bool is_map) {
  Rooted<Object*> obj(rt, target);
  const char* adder_name = is_map ? "set" : "add";
  Rooted<Value> adder(rt, GetProperty(rt, obj, rt.KeyForUtf8(adder_name)));
  if (!IsCallable(adder)) {
    rt.ThrowTypeError("'" + DescribeForError(rt, adder) + "' returned for property '" + adder_name +
                      "' of object '" + DescribeForError(rt, Value::FromCell(obj.get())) +
                      "' is not a function");
  }
  IterateValues(rt, iterable, [&](Value item) {
    Rooted<Value> entry(rt, item);
    if (!is_map) {
      Call(rt, adder, Value::FromCell(obj.get()), {entry.get()});
      return;
    }
    if (!entry.get().IsObject()) {
      rt.ThrowTypeError("Iterator value " + DescribeForError(rt, entry) + " is not an entry object");
    }
    Rooted<Value> k(rt, GetIndex(rt, entry.get().AsObject(), 0));
    Rooted<Value> v(rt, GetIndex(rt, entry.get().AsObject(), 1));
    Call(rt, adder, Value::FromCell(obj.get()), {k.get(), v.get()});
  });
}

// ---- Map

Value MapConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) rt.ThrowTypeError("Constructor Map requires 'new'");
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, rt.intrinsics().map_prototype);
  Rooted<Object*> map(rt, rt.heap().New<MapObject>(proto));
  if (!args[0].IsNullish()) FillFromIterable(rt, map, args[0], true);
  return Value::FromCell(map.get());
}

Value MapGet(Runtime& rt, CallArgs& args) {
  CollectionObject* m = ThisCollection(rt, args.this_value, CellKind::kMap, "Map.prototype.get");
  int64_t i = m->table().Find(args[0]);
  return i < 0 ? Value::Undefined() : m->table().entries()[i].value;
}

Value MapSet(Runtime& rt, CallArgs& args) {
  CollectionObject* m = ThisCollection(rt, args.this_value, CellKind::kMap, "Map.prototype.set");
  PutEntry(rt, m, args[0], args[1]);
  MaybeCompact(rt, m);
  return args.this_value;
}

Value MapHas(Runtime& rt, CallArgs& args) {
  CollectionObject* m = ThisCollection(rt, args.this_value, CellKind::kMap, "Map.prototype.has");
  return Value::Boolean(m->table().Find(args[0]) >= 0);
}

Value MapDelete(Runtime& rt, CallArgs& args) {
  CollectionObject* m = ThisCollection(rt, args.this_value, CellKind::kMap, "Map.prototype.delete");
  return Value::Boolean(m->table().Remove(args[0]));
}

Value MapClear(Runtime& rt, CallArgs& args) {
  ClearCollection(rt, ThisCollection(rt, args.this_value, CellKind::kMap, "Map.prototype.clear"));
  return Value::Undefined();
}

Value MapSize(Runtime& rt, CallArgs& args) {
  return Value::Number(
      ThisCollection(rt, args.this_value, CellKind::kMap, "get Map.prototype.size")->table().size());
}

Value MapForEach(Runtime& rt, CallArgs& args) {
  CollectionForEach(rt, args, CellKind::kMap, "Map.prototype.forEach");
  return Value::Undefined();
}

template <IterationKind K>
Value MapIteratorMethod(Runtime& rt, CallArgs& args) {
  static const char* const kNames[] = {"Map.prototype.keys", "Map.prototype.values", "Map.prototype.entries"};
  CollectionObject* m = ThisCollection(rt, args.this_value, CellKind::kMap, kNames[static_cast<int>(K)]);
  return Value::FromCell(NewCollectionIterator(rt, m, K));
}

// Map.groupBy(items, callback).
Value MapGroupBy(Runtime& rt, CallArgs& args) {
  if (args[0].IsNullish()) rt.ThrowTypeError("Cannot convert undefined or null to object");
  Rooted<Value> fn(rt, RequireCallable(rt, args[1]));
  Rooted<Object*> map(rt, rt.heap().New<MapObject>(rt.intrinsics().map_prototype));
  double k = 0;
  IterateValues(rt, args[0], [&](Value item) {
    Rooted<Value> v(rt, item);
    Rooted<Value> key(rt, Call(rt, fn, Value::Undefined(), {v.get(), Value::Number(k)}));
    k += 1;
    auto* m = static_cast<CollectionObject*>(map.get());
    int64_t i = m->table().Find(key);
    if (i >= 0) {
      ArrayPush(rt, static_cast<Array*>(m->table().entries()[i].value.AsObject()), v);
    } else {
      Rooted<Array*> group(rt, rt.NewArray(0));
      ArrayPush(rt, group, v);
      PutEntry(rt, m, key, Value::FromCell(group.get()));
    }
  });
  return Value::FromCell(map.get());
}

// ---- Set

Value SetConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) rt.ThrowTypeError("Constructor Set requires 'new'");
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, rt.intrinsics().set_prototype);
  Rooted<Object*> set(rt, rt.heap().New<SetObject>(proto));
  if (!args[0].IsNullish()) FillFromIterable(rt, set, args[0], false);
  return Value::FromCell(set.get());
}

Value SetAdd(Runtime& rt, CallArgs& args) {
  CollectionObject* s = ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.add");
  Value key = OrderedTable::Normalize(args[0]);
  PutEntry(rt, s, key, key);
  MaybeCompact(rt, s);
  return args.this_value;
}

Value SetHas(Runtime& rt, CallArgs& args) {
  CollectionObject* s = ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.has");
  return Value::Boolean(s->table().Find(args[0]) >= 0);
}

Value SetDelete(Runtime& rt, CallArgs& args) {
  CollectionObject* s = ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.delete");
  return Value::Boolean(s->table().Remove(args[0]));
}

Value SetClear(Runtime& rt, CallArgs& args) {
  ClearCollection(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.clear"));
  return Value::Undefined();
}

Value SetSize(Runtime& rt, CallArgs& args) {
  return Value::Number(
      ThisCollection(rt, args.this_value, CellKind::kSet, "get Set.prototype.size")->table().size());
}

Value SetForEach(Runtime& rt, CallArgs& args) {
  CollectionForEach(rt, args, CellKind::kSet, "Set.prototype.forEach");
  return Value::Undefined();
}

template <IterationKind K>
Value SetIteratorMethod(Runtime& rt, CallArgs& args) {
  static const char* const kNames[] = {"Set.prototype.keys", "Set.prototype.values", "Set.prototype.entries"};
  CollectionObject* s = ThisCollection(rt, args.this_value, CellKind::kSet, kNames[static_cast<int>(K)]);
  return Value::FromCell(NewCollectionIterator(rt, s, K));
}

// ---- Set methods (ES2025: union, intersection, ...)

// GetSetRecord(other).
struct SetRecord {
  SetRecord(Runtime& rt) : object(rt, Value::Undefined()), has(rt, Value::Undefined()), keys(rt, Value::Undefined()) {}
  Rooted<Value> object;
  double size = 0;
  Rooted<Value> has;
  Rooted<Value> keys;
};

void GetSetRecord(Runtime& rt, Value other, SetRecord& rec) {
  if (!other.IsObject()) rt.ThrowTypeError(DescribeForError(rt, other) + " is not an object");
  rec.object = other;
  Value raw_size = GetProperty(rt, other.AsObject(), PropertyKey::Named(rt.names().size));
  double num = ToNumber(rt, raw_size);
  if (std::isnan(num)) rt.ThrowTypeError("The .size property is NaN");
  double int_size = ToIntegerOrInfinity(rt, Value::Number(num));
  if (int_size < 0) rt.ThrowRangeError("'" + NumberToStdString(int_size) + "' is an invalid size");
  rec.size = int_size;
  rec.has = GetProperty(rt, other.AsObject(), rt.KeyForUtf8("has"));
  if (!IsCallable(rec.has)) rt.ThrowTypeError("The 'has' property must be a function");
  rec.keys = GetProperty(rt, other.AsObject(), rt.KeyForUtf8("keys"));
  if (!IsCallable(rec.keys)) rt.ThrowTypeError("The 'keys' property must be a function");
}

// Walks the keys iterator of a set record: f(value) returns false to stop
// (closing the iterator).
template <class F, class S = void (*)()>
void ForEachOtherKey(Runtime& rt, SetRecord& rec, F&& f, S&& on_open = [] {}) {
  Rooted<Value> iter(rt, Call(rt, rec.keys, rec.object, nullptr, 0));
  if (!iter.get().IsObject()) rt.ThrowTypeError("Result of the keys method is not an object");
  Rooted<Value> next(rt, GetProperty(rt, iter.get().AsObject(), PropertyKey::Named(rt.names().next)));
  on_open();
  while (true) {
    Value v;
    if (!IteratorStep(rt, iter, next, &v)) return;
    Rooted<Value> value(rt, OrderedTable::Normalize(v));
    if (!f(value.get())) {
      IteratorClose(rt, iter);
      return;
    }
  }
}

// Calls f(e) for each element of `set`, robust against mutation; stops when f returns false.
template <class F>
void ForEachThisElement(Runtime& rt, Object* set, F&& f) {
  Rooted<IteratorObject*> it(rt, static_cast<IteratorObject*>(NewCollectionIterator(
                                     rt, static_cast<CollectionObject*>(set), IterationKind::kValues)));
  while (const OrderedTable::Entry* e = StepCollection(rt, it)) {
    Rooted<Value> v(rt, e->key);
    if (!f(v.get())) {
      FinishIterator(rt, it);
      return;
    }
  }
}

CollectionObject* NewSetFrom(Runtime& rt, CollectionObject* source) {
  Rooted<Object*> src(rt, source);
  auto* result = rt.heap().New<SetObject>(rt.intrinsics().set_prototype);
  if (src.get()) {
    for (const auto& e : static_cast<CollectionObject*>(src.get())->table().entries()) {
      if (!e.key.IsEmpty()) result->table().Put(e.key, e.key);
    }
  }
  return result;
}

bool CallHas(Runtime& rt, SetRecord& rec, Value e) {
  return ToBoolean(Call(rt, rec.has, rec.object, {e}));
}

Value SetUnion(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.union"));
  SetRecord rec(rt);
  GetSetRecord(rt, args[0], rec);
  Rooted<CollectionObject*> result(rt, nullptr);
  ForEachOtherKey(
      rt, rec,
      [&](Value v) {
        PutEntry(rt, result, v, v);
        return true;
      },
      [&] { result = NewSetFrom(rt, static_cast<CollectionObject*>(o.get())); });
  return Value::FromCell(result.get());
}

Value SetIntersection(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.intersection"));
  SetRecord rec(rt);
  GetSetRecord(rt, args[0], rec);
  Rooted<CollectionObject*> result(rt, NewSetFrom(rt, nullptr));
  auto* self = static_cast<CollectionObject*>(o.get());
  if (self->table().size() <= rec.size) {
    ForEachThisElement(rt, o, [&](Value e) {
      if (CallHas(rt, rec, e)) PutEntry(rt, result, e, e);
      return true;
    });
  } else {
    ForEachOtherKey(rt, rec, [&](Value v) {
      if (static_cast<CollectionObject*>(o.get())->table().Find(v) >= 0) PutEntry(rt, result, v, v);
      return true;
    });
  }
  return Value::FromCell(result.get());
}

Value SetDifference(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.difference"));
  SetRecord rec(rt);
  GetSetRecord(rt, args[0], rec);
  auto* self = static_cast<CollectionObject*>(o.get());
  Rooted<CollectionObject*> result(rt, NewSetFrom(rt, self));
  if (static_cast<CollectionObject*>(o.get())->table().size() <= rec.size) {
    RootedVector elements(rt);
    for (const auto& e : result->table().entries()) {
      if (!e.key.IsEmpty()) elements.push_back(e.key);
    }
    for (size_t i = 0; i < elements.size(); ++i) {
      if (CallHas(rt, rec, elements[i])) result->table().Remove(elements[i]);
    }
  } else {
    ForEachOtherKey(rt, rec, [&](Value v) {
      result->table().Remove(v);
      return true;
    });
  }
  return Value::FromCell(result.get());
}

Value SetSymmetricDifference(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.symmetricDifference"));
  SetRecord rec(rt);
  GetSetRecord(rt, args[0], rec);
  Rooted<CollectionObject*> result(rt, nullptr);
  ForEachOtherKey(rt, rec, [&](Value v) {
    bool in_result = result->table().Find(v) >= 0;
    bool in_this = static_cast<CollectionObject*>(o.get())->table().Find(v) >= 0;
    if (in_this) {
      if (in_result) result->table().Remove(v);
    } else if (!in_result) {
      PutEntry(rt, result, v, v);
    }
    return true;
  }, [&] { result = NewSetFrom(rt, static_cast<CollectionObject*>(o.get())); });
  return Value::FromCell(result.get());
}

Value SetIsSubsetOf(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.isSubsetOf"));
  SetRecord rec(rt);
  GetSetRecord(rt, args[0], rec);
  if (static_cast<CollectionObject*>(o.get())->table().size() > rec.size) return Value::False();
  bool result = true;
  ForEachThisElement(rt, o, [&](Value e) {
    if (!CallHas(rt, rec, e)) result = false;
    return result;
  });
  return Value::Boolean(result);
}

Value SetIsSupersetOf(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.isSupersetOf"));
  SetRecord rec(rt);
  GetSetRecord(rt, args[0], rec);
  if (static_cast<CollectionObject*>(o.get())->table().size() < rec.size) return Value::False();
  bool result = true;
  ForEachOtherKey(rt, rec, [&](Value v) {
    if (static_cast<CollectionObject*>(o.get())->table().Find(v) < 0) result = false;
    return result;
  });
  return Value::Boolean(result);
}

Value SetIsDisjointFrom(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ThisCollection(rt, args.this_value, CellKind::kSet, "Set.prototype.isDisjointFrom"));
  SetRecord rec(rt);
  GetSetRecord(rt, args[0], rec);
  bool result = true;
  if (static_cast<CollectionObject*>(o.get())->table().size() <= rec.size) {
    ForEachThisElement(rt, o, [&](Value e) {
      if (CallHas(rt, rec, e)) result = false;
      return result;
    });
  } else {
    ForEachOtherKey(rt, rec, [&](Value v) {
      if (static_cast<CollectionObject*>(o.get())->table().Find(v) >= 0) result = false;
      return result;
    });
  }
  return Value::Boolean(result);
}

// ---- Map upsert (getOrInsert, getOrInsertComputed)

Value MapGetOrInsert(Runtime& rt, CallArgs& args) {
  CollectionObject* m = ThisCollection(rt, args.this_value, CellKind::kMap, "Map.prototype.getOrInsert");
  int64_t i = m->table().Find(args[0]);
  if (i >= 0) return m->table().entries()[i].value;
  PutEntry(rt, m, args[0], args[1]);
  return args[1];
}

Value MapGetOrInsertComputed(Runtime& rt, CallArgs& args) {
  Rooted<Object*> m(rt, ThisCollection(rt, args.this_value, CellKind::kMap, "Map.prototype.getOrInsertComputed"));
  if (!IsCallable(args[1])) rt.ThrowTypeError(DescribeForError(rt, args[1]) + " is not a function");
  Rooted<Value> key(rt, OrderedTable::Normalize(args[0]));
  auto* map = static_cast<CollectionObject*>(m.get());
  int64_t i = map->table().Find(key);
  if (i >= 0) return map->table().entries()[i].value;
  Rooted<Value> value(rt, Call(rt, args[1], Value::Undefined(), {key.get()}));
  PutEntry(rt, static_cast<CollectionObject*>(m.get()), key, value);
  return value;
}

// ---- WeakMap and WeakSet

WeakCollectionObject* ThisWeak(Runtime& rt, Value v, bool is_map, const char* method) {
  if (v.IsObject()) {
    auto* w = dynamic_cast<WeakCollectionObject*>(v.AsObject());
    if (w && w->is_map() == is_map) return w;
  }
  rt.ThrowTypeError(std::string("Method ") + method + " called on incompatible receiver " +
                    DescribeForError(rt, v));
}

}  // namespace

bool CanBeHeldWeakly(Runtime& rt, Value v) {
  if (v.IsObject()) return true;
  if (!v.IsSymbol()) return false;
  Symbol* sym = v.AsSymbol();
  if (!sym->description().IsString()) return true;
  auto& reg = StateOf(rt).symbol_registry;
  auto it = reg.find(std::u16string(sym->description().AsString()->view()));
  return it == reg.end() || it->second != sym;
}

namespace {

void WeakPut(Runtime&, WeakCollectionObject* w, Value key, Value value) {
  w->table().Put(key, value);
  if (w->table().NeedsCompaction()) w->table().Compact();
}

Value NewWeakCollection(Runtime& rt, CallArgs& args, bool is_map) {
  if (!args.is_construct()) rt.ThrowTypeError(std::string("Constructor ") + (is_map ? "WeakMap" : "WeakSet") +
                                              " requires 'new'");
  Object* fallback = GetProperty(rt, args.callee, PropertyKey::Named(rt.names().prototype)).AsObject();
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, fallback);
  Rooted<Object*> w(rt, rt.heap().New<WeakCollectionObject>(proto, is_map));
  StateOf(rt).weak_collections.push_back(w.get());
  if (!args[0].IsNullish()) FillFromIterable(rt, w, args[0], is_map);
  return Value::FromCell(w.get());
}

Value WeakMapConstructor(Runtime& rt, CallArgs& args) { return NewWeakCollection(rt, args, true); }
Value WeakSetConstructor(Runtime& rt, CallArgs& args) { return NewWeakCollection(rt, args, false); }

Value WeakMapGet(Runtime& rt, CallArgs& args) {
  WeakCollectionObject* w = ThisWeak(rt, args.this_value, true, "WeakMap.prototype.get");
  int64_t i = w->table().Find(args[0]);
  return i < 0 ? Value::Undefined() : w->table().entries()[i].value;
}

Value WeakMapSet(Runtime& rt, CallArgs& args) {
  WeakCollectionObject* w = ThisWeak(rt, args.this_value, true, "WeakMap.prototype.set");
  if (!CanBeHeldWeakly(rt, args[0])) rt.ThrowTypeError("Invalid value used as weak map key");
  WeakPut(rt, w, args[0], args[1]);
  return args.this_value;
}

Value WeakMapHas(Runtime& rt, CallArgs& args) {
  return Value::Boolean(ThisWeak(rt, args.this_value, true, "WeakMap.prototype.has")->table().Find(args[0]) >= 0);
}

Value WeakMapDelete(Runtime& rt, CallArgs& args) {
  return Value::Boolean(ThisWeak(rt, args.this_value, true, "WeakMap.prototype.delete")->table().Remove(args[0]));
}

Value WeakMapGetOrInsert(Runtime& rt, CallArgs& args) {
  WeakCollectionObject* w = ThisWeak(rt, args.this_value, true, "WeakMap.prototype.getOrInsert");
  if (!CanBeHeldWeakly(rt, args[0])) rt.ThrowTypeError("Invalid value used as weak map key");
  int64_t i = w->table().Find(args[0]);
  if (i >= 0) return w->table().entries()[i].value;
  WeakPut(rt, w, args[0], args[1]);
  return args[1];
}

Value WeakMapGetOrInsertComputed(Runtime& rt, CallArgs& args) {
  Rooted<Object*> w(rt, ThisWeak(rt, args.this_value, true, "WeakMap.prototype.getOrInsertComputed"));
  if (!CanBeHeldWeakly(rt, args[0])) rt.ThrowTypeError("Invalid value used as weak map key");
  if (!IsCallable(args[1])) rt.ThrowTypeError(DescribeForError(rt, args[1]) + " is not a function");
  auto* wc = static_cast<WeakCollectionObject*>(w.get());
  int64_t i = wc->table().Find(args[0]);
  if (i >= 0) return wc->table().entries()[i].value;
  Rooted<Value> value(rt, Call(rt, args[1], Value::Undefined(), {args[0]}));
  WeakPut(rt, static_cast<WeakCollectionObject*>(w.get()), args[0], value);
  return value;
}

Value WeakSetAdd(Runtime& rt, CallArgs& args) {
  WeakCollectionObject* w = ThisWeak(rt, args.this_value, false, "WeakSet.prototype.add");
  if (!CanBeHeldWeakly(rt, args[0])) rt.ThrowTypeError("Invalid value used in weak set");
  WeakPut(rt, w, args[0], args[0]);
  return args.this_value;
}

Value WeakSetHas(Runtime& rt, CallArgs& args) {
  return Value::Boolean(ThisWeak(rt, args.this_value, false, "WeakSet.prototype.has")->table().Find(args[0]) >= 0);
}

Value WeakSetDelete(Runtime& rt, CallArgs& args) {
  return Value::Boolean(ThisWeak(rt, args.this_value, false, "WeakSet.prototype.delete")->table().Remove(args[0]));
}

// ---- iterators

Value CollectionIteratorNext(Runtime& rt, CallArgs& args, IteratorSource source, const char* method) {
  Value self = args.this_value;
  if (!self.IsCellOfKind(CellKind::kIterator) ||
      static_cast<IteratorObject*>(self.AsObject())->source != source) {
    rt.ThrowTypeError(std::string("Method ") + method + " called on incompatible receiver " +
                      DescribeForError(rt, self));
  }
  Rooted<IteratorObject*> it(rt, static_cast<IteratorObject*>(self.AsObject()));
  const OrderedTable::Entry* e = StepCollection(rt, it);
  if (!e) return Value::FromCell(CreateIterResultObject(rt, Value::Undefined(), true));
  Rooted<Value> k(rt, e->key);
  Rooted<Value> v(rt, e->value);
  switch (it->kind) {
    case IterationKind::kKeys: return Value::FromCell(CreateIterResultObject(rt, k, false));
    case IterationKind::kValues: return Value::FromCell(CreateIterResultObject(rt, v, false));
    case IterationKind::kEntries: break;
  }
  Rooted<Array*> pair(rt, rt.NewArray(0));
  ArrayPush(rt, pair, k);
  ArrayPush(rt, pair, v);
  return Value::FromCell(CreateIterResultObject(rt, Value::FromCell(pair.get()), false));
}

Value MapIteratorNext(Runtime& rt, CallArgs& args) {
  return CollectionIteratorNext(rt, args, IteratorSource::kMap, "Map Iterator.prototype.next");
}
Value SetIteratorNext(Runtime& rt, CallArgs& args) {
  return CollectionIteratorNext(rt, args, IteratorSource::kSet, "Set Iterator.prototype.next");
}


void DefineTag(Runtime& rt, Object* obj, const char* tag) {
  Rooted<Object*> o(rt, obj);
  Rooted<Value> v(rt, StringValueUtf8(rt, tag));
  DefineRaw(rt, o, PropertyKey::Named(rt.symbols().to_string_tag), v, kAttrConfigurable);
}

}  // namespace

void InstallCollectionBuiltins(Runtime& rt) {
  const Intrinsics& in = rt.intrinsics();
  Symbol* iter = rt.symbols().iterator;

  // Map
  Rooted<Object*> map_proto(rt, in.map_prototype);
  Rooted<NativeFunction*> map(rt, MakeConstructor(rt, "Map", MapConstructor, 0, map_proto));
  DefineMethod(rt, map, "groupBy", MapGroupBy, 2);
  DefineSpeciesGetter(rt, map);
  DefineMethod(rt, map_proto, "get", MapGet, 1);
  DefineMethod(rt, map_proto, "set", MapSet, 2);
  DefineMethod(rt, map_proto, "has", MapHas, 1);
  DefineMethod(rt, map_proto, "delete", MapDelete, 1);
  DefineMethod(rt, map_proto, "clear", MapClear, 0);
  Rooted<NativeFunction*> entries(rt, DefineMethod(rt, map_proto, "entries",
                                                   MapIteratorMethod<IterationKind::kEntries>, 0));
  DefineMethod(rt, map_proto, "forEach", MapForEach, 1);
  DefineMethod(rt, map_proto, "getOrInsert", MapGetOrInsert, 2);
  DefineMethod(rt, map_proto, "getOrInsertComputed", MapGetOrInsertComputed, 2);
  DefineMethod(rt, map_proto, "keys", MapIteratorMethod<IterationKind::kKeys>, 0);
  DefineGetter(rt, map_proto, "size", MapSize);
  DefineMethod(rt, map_proto, "values", MapIteratorMethod<IterationKind::kValues>, 0);
  DefineRaw(rt, map_proto, PropertyKey::Named(iter), Value::FromCell(entries.get()), kAttrHidden);
  DefineTag(rt, map_proto, "Map");

  // Set
  Rooted<Object*> set_proto(rt, in.set_prototype);
  Rooted<NativeFunction*> set(rt, MakeConstructor(rt, "Set", SetConstructor, 0, set_proto));
  DefineSpeciesGetter(rt, set);
  DefineMethod(rt, set_proto, "has", SetHas, 1);
  DefineMethod(rt, set_proto, "add", SetAdd, 1);
  DefineMethod(rt, set_proto, "delete", SetDelete, 1);
  DefineMethod(rt, set_proto, "clear", SetClear, 0);
  DefineMethod(rt, set_proto, "entries", SetIteratorMethod<IterationKind::kEntries>, 0);
  DefineMethod(rt, set_proto, "forEach", SetForEach, 1);
  DefineGetter(rt, set_proto, "size", SetSize);
  DefineMethod(rt, set_proto, "union", SetUnion, 1);
  DefineMethod(rt, set_proto, "intersection", SetIntersection, 1);
  DefineMethod(rt, set_proto, "difference", SetDifference, 1);
  DefineMethod(rt, set_proto, "symmetricDifference", SetSymmetricDifference, 1);
  DefineMethod(rt, set_proto, "isSubsetOf", SetIsSubsetOf, 1);
  DefineMethod(rt, set_proto, "isSupersetOf", SetIsSupersetOf, 1);
  DefineMethod(rt, set_proto, "isDisjointFrom", SetIsDisjointFrom, 1);
  Rooted<NativeFunction*> values(rt, DefineMethod(rt, set_proto, "values",
                                                  SetIteratorMethod<IterationKind::kValues>, 0));
  DefineRaw(rt, set_proto, rt.KeyForUtf8("keys"), Value::FromCell(values.get()), kAttrHidden);
  DefineRaw(rt, set_proto, PropertyKey::Named(iter), Value::FromCell(values.get()), kAttrHidden);
  DefineTag(rt, set_proto, "Set");

  // WeakMap, WeakSet
  Rooted<Object*> weak_map_proto(rt, rt.NewObject());
  MakeConstructor(rt, "WeakMap", WeakMapConstructor, 0, weak_map_proto);
  DefineMethod(rt, weak_map_proto, "delete", WeakMapDelete, 1);
  DefineMethod(rt, weak_map_proto, "get", WeakMapGet, 1);
  DefineMethod(rt, weak_map_proto, "set", WeakMapSet, 2);
  DefineMethod(rt, weak_map_proto, "has", WeakMapHas, 1);
  DefineMethod(rt, weak_map_proto, "getOrInsert", WeakMapGetOrInsert, 2);
  DefineMethod(rt, weak_map_proto, "getOrInsertComputed", WeakMapGetOrInsertComputed, 2);
  DefineTag(rt, weak_map_proto, "WeakMap");
  Rooted<Object*> weak_set_proto(rt, rt.NewObject());
  MakeConstructor(rt, "WeakSet", WeakSetConstructor, 0, weak_set_proto);
  DefineMethod(rt, weak_set_proto, "delete", WeakSetDelete, 1);
  DefineMethod(rt, weak_set_proto, "has", WeakSetHas, 1);
  DefineMethod(rt, weak_set_proto, "add", WeakSetAdd, 1);
  DefineTag(rt, weak_set_proto, "WeakSet");

  // Iterators
  DefineMethod(rt, in.map_iterator_prototype, "next", MapIteratorNext, 0);
  DefineTag(rt, in.map_iterator_prototype, "Map Iterator");
  DefineMethod(rt, in.set_iterator_prototype, "next", SetIteratorNext, 0);
  DefineTag(rt, in.set_iterator_prototype, "Set Iterator");
}

}  // namespace jsvm
