// Array, Array.prototype. Every method is generic (works on array-likes
// through Get/Set/HasProperty/LengthOf); a few have fast paths for plain
// dense arrays whose prototype chain has no indexed properties.
#include <algorithm>
#include <cmath>

#include "vm/builtins/builtins.h"
#include "vm/objects/proxy.h"
#include "vm/interpreter/error-sites.h"
#include "vm/execution/operations.h"

namespace jsvm {

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

Value Num(uint64_t n) { return Value::Number(static_cast<double>(n)); }

// A plain Array with only dense storage (length == dense size), extensible,
// with a writable length, whose prototype chain is the unmodified
// Array.prototype -> Object.prototype without indexed properties.
bool FastArray(Runtime& rt, Object* obj) {
  if (obj->kind() != CellKind::kArray || obj->has_sparse() || !obj->extensible()) return false;
  auto* a = static_cast<Array*>(obj);
  if (!a->length_writable() || a->length() != a->dense().size()) return false;
  Object* ap = rt.intrinsics().array_prototype;
  Object* op = rt.intrinsics().object_prototype;
  if (a->proto() != ap || ap->proto() != op) return false;
  return ap->dense().empty() && !ap->has_sparse() && op->dense().empty() && !op->has_sparse();
}

// ArrayCreate(len, proto).
Array* ArrayCreate(Runtime& rt, uint64_t len, Object* proto = nullptr) {
  Rooted<Object*> p(rt, proto);
  Array* a = NewArrayOfLength(rt, len);
  if (p.get()) a->set_proto(p);
  return a;
}

// ArraySpeciesCreate(original, length).
Object* ArraySpeciesCreate(Runtime& rt, Object* original, uint64_t length) {
  if (!IsArrayThroughProxies(rt, Value::FromCell(original))) return ArrayCreate(rt, length);
  Rooted<Object*> orig(rt, original);
  Rooted<Value> c(rt, GetProperty(rt, orig, PropertyKey::Named(rt.names().constructor)));
  if (c.get().IsObject()) {
    c = GetProperty(rt, c.get().AsObject(), PropertyKey::Named(rt.symbols().species));
    if (c.get().IsNull()) c = Value::Undefined();
  }
  if (c.get().IsUndefined()) return ArrayCreate(rt, length);
  if (!IsConstructor(c)) rt.ThrowTypeError("object.constructor[Symbol.species] is not a constructor");
  Value len = Num(length);
  Value result = Construct(rt, c, &len, 1, c);
  if (!result.IsObject()) rt.ThrowTypeError("object.constructor[Symbol.species] did not return an object");
  return result.AsObject();
}

struct ThisArray {
  ThisArray(Runtime& rt, Value this_value) : obj(rt, ToObject(rt, this_value)), len(LengthOf(rt, obj)) {}
  Rooted<Object*> obj;
  uint64_t len;
};

// ---- constructor and statics

Value ArrayConstructor(Runtime& rt, CallArgs& args) {
  Value nt = args.is_construct() ? args.new_target : Value::FromCell(args.callee);
  Rooted<Object*> proto(rt, GetPrototypeFromConstructor(rt, nt, rt.intrinsics().array_prototype));
  if (args.argc == 1) {
    Value len = args[0];
    if (!len.IsNumber()) {
      Rooted<Array*> a(rt, ArrayCreate(rt, 0, proto));
      CreateIndex(rt, a, 0, len);
      return Value::FromCell(a.get());
    }
    double d = len.AsNumber();
    if (!(d >= 0 && d <= 4294967295.0 && d == std::floor(d))) rt.ThrowRangeError("Invalid array length");
    Array* a = ArrayCreate(rt, static_cast<uint64_t>(d), proto);
    // V8 gives new Array(n) a backing store of n holes (8 bytes each: Array(1e7)
    // holds 80 MB, as node measures) below JSArray::kMaxFastArrayLength
    // (32M elements); longer ones start in dictionary mode (sparse).
    constexpr double kMaxFastArrayLength = 32 * 1024 * 1024;
    if (d < kMaxFastArrayLength) a->ReserveDenseHoles(rt, static_cast<uint32_t>(d));
    return Value::FromCell(a);
  }
  Rooted<Array*> a(rt, ArrayCreate(rt, 0, proto));
  for (uint32_t i = 0; i < args.argc; ++i) ArrayPush(rt, a, args.argv[i]);
  return Value::FromCell(a.get());
}

Value ArrayIsArray(Runtime& rt, CallArgs& args) {
  return Value::Boolean(IsArrayThroughProxies(rt, args[0]));
}

Value ArrayOf(Runtime& rt, CallArgs& args) {
  Rooted<Object*> a(rt, nullptr);
  Value len = Num(args.argc);
  if (IsConstructor(args.this_value)) {
    Value r = Construct(rt, args.this_value, &len, 1, args.this_value);
    if (!r.IsObject()) rt.ThrowTypeError("Array.of: constructor did not return an object");
    a = r.AsObject();
  } else {
    a = ArrayCreate(rt, args.argc);
  }
  for (uint32_t k = 0; k < args.argc; ++k) CreateIndex(rt, a, k, args.argv[k]);
  SetLength(rt, a, args.argc);
  return Value::FromCell(a.get());
}

Value ArrayFrom(Runtime& rt, CallArgs& args) {
  Rooted<Value> ctor(rt, args.this_value);
  Rooted<Value> items(rt, args[0]);
  Rooted<Value> mapfn(rt, args[1]);
  Rooted<Value> this_arg(rt, args[2]);
  bool mapping = !mapfn.get().IsUndefined();
  if (mapping && !IsCallable(mapfn)) rt.ThrowTypeError(DescribeForError(rt, mapfn) + " is not a function");
  if (items.get().IsNullish()) {
    rt.ThrowTypeError(DefaultCallSiteText(rt, items) + " is not iterable (cannot read property Symbol(Symbol.iterator))");
  }
  Rooted<Value> using_iterator(rt, GetValueProperty(rt, items, PropertyKey::Named(rt.symbols().iterator)));
  Rooted<Object*> a(rt, nullptr);
  if (!using_iterator.get().IsNullish() && !IsCallable(using_iterator)) {
    rt.ThrowTypeError("%Array%.from requires that the property of the first argument, items[Symbol.iterator], "
                      "when exists, be a function");
  }
  if (!using_iterator.get().IsNullish()) {
    if (IsConstructor(ctor)) {
      Value r = Construct(rt, ctor, nullptr, 0, ctor);
      if (!r.IsObject()) rt.ThrowTypeError("Array.from: constructor did not return an object");
      a = r.AsObject();
    } else {
      a = ArrayCreate(rt, 0);
    }
    uint64_t k = 0;
    // GetIteratorFromMethod: @@iterator is read once (a proxy's get trap sees one read).
    Rooted<Value> next_method(rt, Value::Undefined());
    Value next_fn;
    Rooted<Value> iterator(rt, GetIteratorFromMethod(rt, items, using_iterator, &next_fn));
    next_method = next_fn;
    IterateIterator(rt, iterator, next_method, [&](Value next) {
      Rooted<Value> v(rt, next);
      if (mapping) v = Call(rt, mapfn, this_arg, {v.get(), Num(k)});
      CreateIndex(rt, a, k, v);
      ++k;
    });
    SetLength(rt, a, static_cast<double>(k));
    return Value::FromCell(a.get());
  }
  Rooted<Object*> array_like(rt, ToObject(rt, items));
  uint64_t len = LengthOf(rt, array_like);
  if (IsConstructor(ctor)) {
    Value l = Num(len);
    Value r = Construct(rt, ctor, &l, 1, ctor);
    if (!r.IsObject()) rt.ThrowTypeError("Array.from: constructor did not return an object");
    a = r.AsObject();
  } else {
    a = ArrayCreate(rt, len);
  }
  for (uint64_t k = 0; k < len; ++k) {
    Rooted<Value> v(rt, GetIndex(rt, array_like, k));
    if (mapping) v = Call(rt, mapfn, this_arg, {v.get(), Num(k)});
    CreateIndex(rt, a, k, v);
  }
  SetLength(rt, a, static_cast<double>(len));
  return Value::FromCell(a.get());
}


// ---- mutators

Value ArrayPushMethod(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (FastArray(rt, t.obj) && t.len + args.argc <= 0xFFFFFFFFull) {
    for (uint32_t i = 0; i < args.argc; ++i) ArrayPush(rt, static_cast<Array*>(t.obj.get()), args.argv[i]);
    return Num(t.len + args.argc);
  }
  if (static_cast<double>(t.len) + args.argc > kMaxSafeInteger) {
    rt.ThrowTypeError("Pushing " + std::to_string(args.argc) + " elements on an array-like of length " +
                      NumberToStdString(static_cast<double>(t.len)) +
                      " is disallowed, as the total surpasses 2**53-1");
  }
  for (uint32_t i = 0; i < args.argc; ++i) SetIndex(rt, t.obj, t.len + i, args.argv[i]);
  SetLength(rt, t.obj, static_cast<double>(t.len + args.argc));
  return Num(t.len + args.argc);
}

Value ArrayPop(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (t.len == 0) {
    SetLength(rt, t.obj, 0);
    return Value::Undefined();
  }
  if (FastArray(rt, t.obj)) {
    auto* a = static_cast<Array*>(t.obj.get());
    Value v = a->dense().back();
    a->dense().pop_back();
    a->set_length_raw(a->length() - 1);
    return v.IsHole() ? Value::Undefined() : v;
  }
  Rooted<Value> v(rt, GetIndex(rt, t.obj, t.len - 1));
  DeleteIndex(rt, t.obj, t.len - 1);
  SetLength(rt, t.obj, static_cast<double>(t.len - 1));
  return v;
}

Value ArrayShift(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (t.len == 0) {
    SetLength(rt, t.obj, 0);
    return Value::Undefined();
  }
  if (FastArray(rt, t.obj)) {
    auto* a = static_cast<Array*>(t.obj.get());
    Value v = a->dense().front();
    a->dense().erase(a->dense().begin());
    a->set_length_raw(a->length() - 1);
    return v.IsHole() ? Value::Undefined() : v;
  }
  Rooted<Value> first(rt, GetIndex(rt, t.obj, 0));
  for (uint64_t k = 1; k < t.len; ++k) {
    if (HasIndex(rt, t.obj, k)) {
      Rooted<Value> v(rt, GetIndex(rt, t.obj, k));
      SetIndex(rt, t.obj, k - 1, v);
    } else {
      DeleteIndex(rt, t.obj, k - 1);
    }
  }
  DeleteIndex(rt, t.obj, t.len - 1);
  SetLength(rt, t.obj, static_cast<double>(t.len - 1));
  return first;
}

Value ArrayUnshift(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  uint32_t n = args.argc;
  if (n > 0) {
    if (FastArray(rt, t.obj) && t.len + n <= 0xFFFFFFFFull) {
      auto* a = static_cast<Array*>(t.obj.get());
      a->dense().insert(a->dense().begin(), args.argv, args.argv + n);
      a->set_length_raw(static_cast<uint32_t>(t.len + n));
      return Num(t.len + n);
    }
    if (static_cast<double>(t.len) + n > kMaxSafeInteger) {
      rt.ThrowTypeError("Invalid array length");
    }
    for (uint64_t k = t.len; k > 0; --k) {
      uint64_t from = k - 1, to = k + n - 1;
      if (HasIndex(rt, t.obj, from)) {
        Rooted<Value> v(rt, GetIndex(rt, t.obj, from));
        SetIndex(rt, t.obj, to, v);
      } else {
        DeleteIndex(rt, t.obj, to);
      }
    }
    for (uint32_t j = 0; j < n; ++j) SetIndex(rt, t.obj, j, args.argv[j]);
  }
  SetLength(rt, t.obj, static_cast<double>(t.len + n));
  return Num(t.len + n);
}

Value ArraySplice(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  uint64_t len = t.len;
  uint64_t start = RelativeIndex(rt, args[0], len, 0);
  uint64_t insert_count = args.argc > 2 ? args.argc - 2 : 0;
  uint64_t delete_count = 0;
  if (args.argc == 1) {
    delete_count = len - start;
  } else if (args.argc > 1) {
    double dc = ToIntegerOrInfinity(rt, args[1]);
    double max = static_cast<double>(len - start);
    delete_count = dc < 0 ? 0 : static_cast<uint64_t>(std::min(dc, max));
  }
  if (static_cast<double>(len + insert_count - delete_count) > kMaxSafeInteger) {
    rt.ThrowTypeError("Invalid array length");
  }
  Rooted<Object*> removed(rt, ArraySpeciesCreate(rt, t.obj, delete_count));
  for (uint64_t k = 0; k < delete_count; ++k) {
    if (HasIndex(rt, t.obj, start + k)) {
      Rooted<Value> v(rt, GetIndex(rt, t.obj, start + k));
      CreateIndex(rt, removed, k, v);
    }
  }
  SetLength(rt, removed, static_cast<double>(delete_count));
  if (FastArray(rt, t.obj) && static_cast<Array*>(t.obj.get())->length() == len) {
    auto& d = t.obj->dense();
    d.erase(d.begin() + start, d.begin() + start + delete_count);
    if (insert_count) d.insert(d.begin() + start, args.argv + 2, args.argv + 2 + insert_count);
    static_cast<Array*>(t.obj.get())->set_length_raw(static_cast<uint32_t>(d.size()));
    return Value::FromCell(removed.get());
  }
  if (insert_count < delete_count) {
    for (uint64_t k = start; k < len - delete_count; ++k) {
      uint64_t from = k + delete_count, to = k + insert_count;
      if (HasIndex(rt, t.obj, from)) {
        Rooted<Value> v(rt, GetIndex(rt, t.obj, from));
        SetIndex(rt, t.obj, to, v);
      } else {
        DeleteIndex(rt, t.obj, to);
      }
    }
    for (uint64_t k = len; k > len - delete_count + insert_count; --k) DeleteIndex(rt, t.obj, k - 1);
  } else if (insert_count > delete_count) {
    for (uint64_t k = len - delete_count; k > start; --k) {
      uint64_t from = k + delete_count - 1, to = k + insert_count - 1;
      if (HasIndex(rt, t.obj, from)) {
        Rooted<Value> v(rt, GetIndex(rt, t.obj, from));
        SetIndex(rt, t.obj, to, v);
      } else {
        DeleteIndex(rt, t.obj, to);
      }
    }
  }
  for (uint64_t i = 0; i < insert_count; ++i) SetIndex(rt, t.obj, start + i, args.argv[2 + i]);
  SetLength(rt, t.obj, static_cast<double>(len - delete_count + insert_count));
  return Value::FromCell(removed.get());
}

Value ArrayReverse(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (FastArray(rt, t.obj)) {
    std::reverse(t.obj->dense().begin(), t.obj->dense().end());
    return Value::FromCell(t.obj.get());
  }
  uint64_t middle = t.len / 2;
  for (uint64_t lower = 0; lower < middle; ++lower) {
    uint64_t upper = t.len - lower - 1;
    bool lower_exists = HasIndex(rt, t.obj, lower);
    Rooted<Value> lower_value(rt, lower_exists ? GetIndex(rt, t.obj, lower) : Value::Undefined());
    bool upper_exists = HasIndex(rt, t.obj, upper);
    Rooted<Value> upper_value(rt, upper_exists ? GetIndex(rt, t.obj, upper) : Value::Undefined());
    if (lower_exists && upper_exists) {
      SetIndex(rt, t.obj, lower, upper_value);
      SetIndex(rt, t.obj, upper, lower_value);
    } else if (upper_exists) {
      SetIndex(rt, t.obj, lower, upper_value);
      DeleteIndex(rt, t.obj, upper);
    } else if (lower_exists) {
      DeleteIndex(rt, t.obj, lower);
      SetIndex(rt, t.obj, upper, lower_value);
    }
  }
  return Value::FromCell(t.obj.get());
}

Value ArrayFill(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  uint64_t k = RelativeIndex(rt, args[1], t.len, 0);
  uint64_t end = RelativeIndex(rt, args[2], t.len, t.len);
  for (; k < end; ++k) SetIndex(rt, t.obj, k, args[0]);
  return Value::FromCell(t.obj.get());
}

Value ArrayCopyWithin(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  uint64_t to = RelativeIndex(rt, args[0], t.len, 0);
  uint64_t from = RelativeIndex(rt, args[1], t.len, 0);
  uint64_t fin = RelativeIndex(rt, args[2], t.len, t.len);
  int64_t count = std::min<int64_t>(static_cast<int64_t>(fin) - static_cast<int64_t>(from),
                                    static_cast<int64_t>(t.len) - static_cast<int64_t>(to));
  int64_t dir = 1;
  if (from < to && to < from + count) {
    dir = -1;
    from = from + count - 1;
    to = to + count - 1;
  }
  for (; count > 0; --count) {
    if (HasIndex(rt, t.obj, from)) {
      Rooted<Value> v(rt, GetIndex(rt, t.obj, from));
      SetIndex(rt, t.obj, to, v);
    } else {
      DeleteIndex(rt, t.obj, to);
    }
    from += dir;
    to += dir;
  }
  return Value::FromCell(t.obj.get());
}

// ---- sorting

// SortCompare with a user comparator (or default string order when fn is undefined).
class Sorter {
 public:
  Sorter(Runtime& rt, Value fn) : rt_(rt), fn_(rt, fn) {}

  // Sorts `items` stably (merge sort); keys are precomputed strings when default.
  void Sort(RootedVector& items) {
    size_t n = items.size();
    if (n < 2) return;
    if (fn_.get().IsUndefined()) {
      RootedVector keys(rt_);
      for (size_t i = 0; i < n; ++i) keys.push_back(Value::FromCell(ToString(rt_, items[i])));
      std::vector<size_t> order(n);
      for (size_t i = 0; i < n; ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return keys[a].AsString()->view() < keys[b].AsString()->view();
      });
      std::vector<Value> sorted(n);
      for (size_t i = 0; i < n; ++i) sorted[i] = items[order[i]];
      items.values() = std::move(sorted);
      return;
    }
    RootedVector tmp(rt_);
    tmp.values().resize(n);
    MergeSort(items, tmp, 0, n);
  }

 private:
  bool Less(Value a, Value b) {
    Value r = Call(rt_, fn_, Value::Undefined(), {a, b});
    double d = ToNumber(rt_, r);
    return d < 0;
  }
  void MergeSort(RootedVector& v, RootedVector& tmp, size_t lo, size_t hi) {
    if (hi - lo < 2) return;
    if (hi - lo <= 8) {  // insertion sort (stable)
      for (size_t i = lo + 1; i < hi; ++i) {
        Value x = v[i];
        tmp[i] = x;
        size_t j = i;
        while (j > lo && Less(tmp[i], v[j - 1])) {
          v[j] = v[j - 1];
          --j;
        }
        v[j] = tmp[i];
      }
      return;
    }
    size_t mid = lo + (hi - lo) / 2;
    MergeSort(v, tmp, lo, mid);
    MergeSort(v, tmp, mid, hi);
    for (size_t i = lo; i < hi; ++i) tmp[i] = v[i];
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
      if (Less(tmp[j], tmp[i])) v[k++] = tmp[j++];
      else v[k++] = tmp[i++];
    }
    while (i < mid) v[k++] = tmp[i++];
    while (j < hi) v[k++] = tmp[j++];
  }

  Runtime& rt_;
  Rooted<Value> fn_;
};

// SortIndexedProperties + sort: the present values, sorted, undefineds last.
// Returns the number of present values (hole count = len - result).
void CollectSorted(Runtime& rt, Object* obj, uint64_t len, Value fn, bool skip_holes, RootedVector& out) {
  Rooted<Object*> o(rt, obj);
  uint64_t undefineds = 0;
  for (uint64_t k = 0; k < len; ++k) {
    if (skip_holes && !HasIndex(rt, o, k)) continue;
    Value v = GetIndex(rt, o, k);
    if (v.IsUndefined()) ++undefineds;
    else out.push_back(v);
  }
  Sorter(rt, fn).Sort(out);
  for (uint64_t i = 0; i < undefineds; ++i) out.push_back(Value::Undefined());
}

void CheckComparator(Runtime& rt, Value fn) {
  if (!fn.IsUndefined() && !IsCallable(fn)) {
    rt.ThrowTypeError("The comparison function must be either a function or undefined");
  }
}

Value ArraySort(Runtime& rt, CallArgs& args) {
  CheckComparator(rt, args[0]);
  ThisArray t(rt, args.this_value);
  RootedVector items(rt);
  CollectSorted(rt, t.obj, t.len, args[0], true, items);
  uint64_t i = 0;
  for (; i < items.size(); ++i) SetIndex(rt, t.obj, i, items[i]);
  for (; i < t.len; ++i) DeleteIndex(rt, t.obj, i);
  return Value::FromCell(t.obj.get());
}

Value ArrayToSorted(Runtime& rt, CallArgs& args) {
  CheckComparator(rt, args[0]);
  ThisArray t(rt, args.this_value);
  Rooted<Array*> a(rt, ArrayCreate(rt, t.len));
  RootedVector items(rt);
  CollectSorted(rt, t.obj, t.len, args[0], false, items);
  for (uint64_t i = 0; i < items.size(); ++i) CreateIndex(rt, a, i, items[i]);
  return Value::FromCell(a.get());
}

// ---- non-mutating

Value ArraySlice(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  uint64_t k = RelativeIndex(rt, args[0], t.len, 0);
  uint64_t fin = RelativeIndex(rt, args[1], t.len, t.len);
  uint64_t count = fin > k ? fin - k : 0;
  Rooted<Object*> a(rt, ArraySpeciesCreate(rt, t.obj, count));
  if (FastArray(rt, t.obj) && a->kind() == CellKind::kArray && FastArray(rt, a) && a->dense().empty()) {
    auto& src = t.obj->dense();
    std::vector<Value> copy(src.begin() + k, src.begin() + k + count);
    bool holes = false;
    for (Value v : copy) holes |= v.IsHole();
    if (!holes) {
      auto* arr = static_cast<Array*>(a.get());
      arr->set_length_raw(0);
      for (Value v : copy) ArrayPush(rt, arr, v);
      return Value::FromCell(a.get());
    }
  }
  uint64_t n = 0;
  for (; k < fin; ++k, ++n) {
    if (HasIndex(rt, t.obj, k)) {
      Rooted<Value> v(rt, GetIndex(rt, t.obj, k));
      CreateIndex(rt, a, n, v);
    }
  }
  SetLength(rt, a, static_cast<double>(n));
  return Value::FromCell(a.get());
}

bool IsConcatSpreadable(Runtime& rt, Value v) {
  if (!v.IsObject()) return false;
  Value s = GetProperty(rt, v.AsObject(), PropertyKey::Named(StateOf(rt).is_concat_spreadable));
  if (!s.IsUndefined()) return ToBoolean(s);
  return IsArrayThroughProxies(rt, v);
}

Value ArrayConcat(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ToObject(rt, args.this_value));
  Rooted<Object*> a(rt, ArraySpeciesCreate(rt, o, 0));
  uint64_t n = 0;
  for (uint32_t i = 0; i <= args.argc; ++i) {
    Rooted<Value> e(rt, i == 0 ? Value::FromCell(o.get()) : args.argv[i - 1]);
    if (IsConcatSpreadable(rt, e)) {
      Rooted<Object*> eo(rt, e.get().AsObject());
      uint64_t len = LengthOf(rt, eo);
      if (static_cast<double>(n + len) > kMaxSafeInteger) rt.ThrowTypeError("Invalid array length");
      for (uint64_t k = 0; k < len; ++k, ++n) {
        if (HasIndex(rt, eo, k)) {
          Rooted<Value> v(rt, GetIndex(rt, eo, k));
          CreateIndex(rt, a, n, v);
        }
      }
    } else {
      if (static_cast<double>(n) >= kMaxSafeInteger) rt.ThrowTypeError("Invalid array length");
      CreateIndex(rt, a, n++, e);
    }
  }
  SetLength(rt, a, static_cast<double>(n));
  return Value::FromCell(a.get());
}

// Objects being joined, for cycle detection (V8 prints "" for a cycle); one
// per thread, as each agent's runtime joins its own.
std::vector<Object*>& JoinStack() {
  thread_local std::vector<Object*> stack;
  return stack;
}

Value ArrayJoinMethod(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ToObject(rt, args.this_value));
  Rooted<String*> sep(rt, args[0].IsUndefined() ? rt.CharString(',') : ToString(rt, args[0]));
  return Value::FromCell(ArrayJoin(rt, o, sep));
}

Value ArrayToStringMethod(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ToObject(rt, args.this_value));
  Value join = GetProperty(rt, o, PropertyKey::Named(rt.names().join));
  if (IsCallable(join)) return Call(rt, join, Value::FromCell(o.get()), nullptr, 0);
  return Value::FromCell(ObjectToStringTag(rt, Value::FromCell(o.get())));
}

Value ArrayToLocaleString(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  auto& stack = JoinStack();
  if (std::find(stack.begin(), stack.end(), t.obj.get()) != stack.end()) return Value::FromCell(rt.names().empty);
  stack.push_back(t.obj);
  std::u16string out;
  try {
    for (uint64_t k = 0; k < t.len; ++k) {
      if (k) out += u",";
      Rooted<Value> e(rt, GetIndex(rt, t.obj, k));
      if (e.get().IsNullish()) continue;
      Value s = Invoke(rt, e, rt.KeyForUtf8("toLocaleString"), {});
      out += ToString(rt, s)->view();
    }
  } catch (...) {
    stack.pop_back();
    throw;
  }
  stack.pop_back();
  return StringValue(rt, out);
}

Value ArrayAt(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  double rel = ToIntegerOrInfinity(rt, args[0]);
  double k = rel >= 0 ? rel : static_cast<double>(t.len) + rel;
  if (k < 0 || k >= static_cast<double>(t.len)) return Value::Undefined();
  return GetIndex(rt, t.obj, static_cast<uint64_t>(k));
}

Value ArrayIndexOf(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (t.len == 0) return Value::Int(-1);
  double n = args.argc > 1 ? ToIntegerOrInfinity(rt, args[1]) : 0;
  if (n >= static_cast<double>(t.len)) return Value::Int(-1);
  uint64_t k = n >= 0 ? static_cast<uint64_t>(n)
                      : static_cast<uint64_t>(std::max(0.0, static_cast<double>(t.len) + n));
  Value target = args[0];
  if (FastArray(rt, t.obj)) {
    const auto& d = t.obj->dense();
    for (; k < d.size(); ++k) {
      if (!d[k].IsHole() && StrictEquals(d[k], target)) return Num(k);
    }
    return Value::Int(-1);
  }
  for (; k < t.len; ++k) {
    if (HasIndex(rt, t.obj, k) && StrictEquals(GetIndex(rt, t.obj, k), target)) return Num(k);
  }
  return Value::Int(-1);
}

Value ArrayLastIndexOf(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (t.len == 0) return Value::Int(-1);
  double n = args.argc > 1 ? ToIntegerOrInfinity(rt, args[1]) : static_cast<double>(t.len) - 1;
  double kd = n >= 0 ? std::min(n, static_cast<double>(t.len) - 1) : static_cast<double>(t.len) + n;
  if (kd < 0) return Value::Int(-1);
  for (int64_t k = static_cast<int64_t>(kd); k >= 0; --k) {
    if (HasIndex(rt, t.obj, k) && StrictEquals(GetIndex(rt, t.obj, k), args[0])) return Num(k);
  }
  return Value::Int(-1);
}

Value ArrayIncludes(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (t.len == 0) return Value::False();
  double n = args.argc > 1 ? ToIntegerOrInfinity(rt, args[1]) : 0;
  if (n >= static_cast<double>(t.len)) return Value::False();
  uint64_t k = n >= 0 ? static_cast<uint64_t>(n)
                      : static_cast<uint64_t>(std::max(0.0, static_cast<double>(t.len) + n));
  for (; k < t.len; ++k) {
    if (SameValueZero(GetIndex(rt, t.obj, k), args[0])) return Value::True();
  }
  return Value::False();
}

// ---- callbacks

enum class IterOp { kForEach, kMap, kFilter, kSome, kEvery };

Value IterateWithCallback(Runtime& rt, CallArgs& args, IterOp op) {
  ThisArray t(rt, args.this_value);
  Rooted<Value> fn(rt, RequireCallable(rt, args[0]));
  Rooted<Value> this_arg(rt, args[1]);
  Rooted<Object*> a(rt, nullptr);
  if (op == IterOp::kMap) a = ArraySpeciesCreate(rt, t.obj, t.len);
  if (op == IterOp::kFilter) a = ArraySpeciesCreate(rt, t.obj, 0);
  uint64_t to = 0;
  for (uint64_t k = 0; k < t.len; ++k) {
    if (!HasIndex(rt, t.obj, k)) continue;
    Rooted<Value> v(rt, GetIndex(rt, t.obj, k));
    Value r = Call(rt, fn, this_arg, {v.get(), Num(k), Value::FromCell(t.obj.get())});
    switch (op) {
      case IterOp::kForEach: break;
      case IterOp::kMap: {
        Rooted<Value> mapped(rt, r);
        CreateIndex(rt, a, k, mapped);
        break;
      }
      case IterOp::kFilter:
        if (ToBoolean(r)) CreateIndex(rt, a, to++, v);
        break;
      case IterOp::kSome:
        if (ToBoolean(r)) return Value::True();
        break;
      case IterOp::kEvery:
        if (!ToBoolean(r)) return Value::False();
        break;
    }
  }
  switch (op) {
    case IterOp::kForEach: return Value::Undefined();
    case IterOp::kMap: case IterOp::kFilter: return Value::FromCell(a.get());
    case IterOp::kSome: return Value::False();
    case IterOp::kEvery: return Value::True();
  }
  return Value::Undefined();
}

Value ArrayForEach(Runtime& rt, CallArgs& args) { return IterateWithCallback(rt, args, IterOp::kForEach); }
Value ArrayMap(Runtime& rt, CallArgs& args) { return IterateWithCallback(rt, args, IterOp::kMap); }
Value ArrayFilter(Runtime& rt, CallArgs& args) { return IterateWithCallback(rt, args, IterOp::kFilter); }
Value ArraySome(Runtime& rt, CallArgs& args) { return IterateWithCallback(rt, args, IterOp::kSome); }
Value ArrayEvery(Runtime& rt, CallArgs& args) { return IterateWithCallback(rt, args, IterOp::kEvery); }

// find / findIndex / findLast / findLastIndex.
Value FindImpl(Runtime& rt, CallArgs& args, bool from_end, bool want_index) {
  ThisArray t(rt, args.this_value);
  Rooted<Value> fn(rt, RequireCallable(rt, args[0]));
  for (uint64_t i = 0; i < t.len; ++i) {
    uint64_t k = from_end ? t.len - 1 - i : i;
    Rooted<Value> v(rt, GetIndex(rt, t.obj, k));
    Value r = Call(rt, fn, args[1], {v.get(), Num(k), Value::FromCell(t.obj.get())});
    if (ToBoolean(r)) return want_index ? Num(k) : v.get();
  }
  return want_index ? Value::Int(-1) : Value::Undefined();
}

Value ArrayFind(Runtime& rt, CallArgs& args) { return FindImpl(rt, args, false, false); }
Value ArrayFindIndex(Runtime& rt, CallArgs& args) { return FindImpl(rt, args, false, true); }
Value ArrayFindLast(Runtime& rt, CallArgs& args) { return FindImpl(rt, args, true, false); }
Value ArrayFindLastIndex(Runtime& rt, CallArgs& args) { return FindImpl(rt, args, true, true); }

Value ReduceImpl(Runtime& rt, CallArgs& args, bool right) {
  ThisArray t(rt, args.this_value);
  Rooted<Value> fn(rt, RequireCallable(rt, args[0]));
  uint64_t len = t.len;
  uint64_t i = 0;
  auto index = [&](uint64_t j) { return right ? len - 1 - j : j; };
  Rooted<Value> acc(rt, Value::Undefined());
  if (args.argc >= 2) {
    acc = args[1];
  } else {
    bool found = false;
    for (; i < len && !found; ++i) {
      if (HasIndex(rt, t.obj, index(i))) {
        acc = GetIndex(rt, t.obj, index(i));
        found = true;
      }
    }
    if (!found) rt.ThrowTypeError("Reduce of empty array with no initial value");
  }
  for (; i < len; ++i) {
    uint64_t k = index(i);
    if (!HasIndex(rt, t.obj, k)) continue;
    Rooted<Value> v(rt, GetIndex(rt, t.obj, k));
    acc = Call(rt, fn, Value::Undefined(), {acc.get(), v.get(), Num(k), Value::FromCell(t.obj.get())});
  }
  return acc;
}

Value ArrayReduce(Runtime& rt, CallArgs& args) { return ReduceImpl(rt, args, false); }
Value ArrayReduceRight(Runtime& rt, CallArgs& args) { return ReduceImpl(rt, args, true); }

// FlattenIntoArray.
uint64_t Flatten(Runtime& rt, Object* target, Object* source, uint64_t source_len, uint64_t start,
                 double depth, Value mapper, Value this_arg) {
  rt.CheckNativeStack();
  Rooted<Object*> tgt(rt, target);
  Rooted<Object*> src(rt, source);
  uint64_t target_index = start;
  for (uint64_t k = 0; k < source_len; ++k) {
    if (!HasIndex(rt, src, k)) continue;
    Rooted<Value> e(rt, GetIndex(rt, src, k));
    if (!mapper.IsUndefined()) e = Call(rt, mapper, this_arg, {e.get(), Num(k), Value::FromCell(src.get())});
    if (depth > 0 && IsArrayThroughProxies(rt, e)) {
      uint64_t len = LengthOf(rt, e.get().AsObject());
      target_index = Flatten(rt, tgt, e.get().AsObject(), len, target_index, depth - 1, Value::Undefined(),
                             Value::Undefined());
    } else {
      if (static_cast<double>(target_index) >= kMaxSafeInteger) rt.ThrowTypeError("Invalid array length");
      CreateIndex(rt, tgt, target_index++, e);
    }
  }
  return target_index;
}

Value ArrayFlat(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  double depth = 1;
  if (!args[0].IsUndefined()) {
    depth = ToIntegerOrInfinity(rt, args[0]);
    if (depth < 0) depth = 0;
  }
  Rooted<Object*> a(rt, ArraySpeciesCreate(rt, t.obj, 0));
  Flatten(rt, a, t.obj, t.len, 0, depth, Value::Undefined(), Value::Undefined());
  return Value::FromCell(a.get());
}

Value ArrayFlatMap(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  if (!IsCallable(args[0])) rt.ThrowTypeError("flatMap mapper function is not callable");
  Rooted<Value> fn(rt, args[0]);
  Rooted<Object*> a(rt, ArraySpeciesCreate(rt, t.obj, 0));
  Flatten(rt, a, t.obj, t.len, 0, 1, fn, args[1]);
  return Value::FromCell(a.get());
}

// ---- copying variants (ES2023)

Value ArrayToReversed(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  Rooted<Array*> a(rt, ArrayCreate(rt, t.len));
  for (uint64_t k = 0; k < t.len; ++k) {
    Rooted<Value> v(rt, GetIndex(rt, t.obj, t.len - 1 - k));
    CreateIndex(rt, a, k, v);
  }
  return Value::FromCell(a.get());
}

Value ArrayToSpliced(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  uint64_t len = t.len;
  uint64_t start = RelativeIndex(rt, args[0], len, 0);
  uint64_t insert_count = args.argc > 2 ? args.argc - 2 : 0;
  uint64_t skip = 0;
  if (args.argc == 1) {
    skip = len - start;
  } else if (args.argc > 1) {
    double dc = ToIntegerOrInfinity(rt, args[1]);
    skip = dc < 0 ? 0 : static_cast<uint64_t>(std::min(dc, static_cast<double>(len - start)));
  }
  double new_len = static_cast<double>(len) + static_cast<double>(insert_count) - static_cast<double>(skip);
  if (new_len > kMaxSafeInteger) rt.ThrowTypeError("Invalid array length");
  Rooted<Array*> a(rt, ArrayCreate(rt, static_cast<uint64_t>(new_len)));
  uint64_t i = 0;
  for (; i < start; ++i) {
    Rooted<Value> v(rt, GetIndex(rt, t.obj, i));
    CreateIndex(rt, a, i, v);
  }
  for (uint64_t j = 0; j < insert_count; ++j) CreateIndex(rt, a, i++, args.argv[2 + j]);
  for (uint64_t r = start + skip; r < len; ++r) {
    Rooted<Value> v(rt, GetIndex(rt, t.obj, r));
    CreateIndex(rt, a, i++, v);
  }
  return Value::FromCell(a.get());
}

Value ArrayWith(Runtime& rt, CallArgs& args) {
  ThisArray t(rt, args.this_value);
  double rel = ToIntegerOrInfinity(rt, args[0]);
  double actual = rel >= 0 ? rel : static_cast<double>(t.len) + rel;
  if (actual >= static_cast<double>(t.len) || actual < 0) rt.ThrowRangeError("Invalid index : " + NumberToStdString(rel));
  Rooted<Array*> a(rt, ArrayCreate(rt, t.len));
  for (uint64_t k = 0; k < t.len; ++k) {
    Rooted<Value> v(rt, k == static_cast<uint64_t>(actual) ? args[1] : GetIndex(rt, t.obj, k));
    CreateIndex(rt, a, k, v);
  }
  return Value::FromCell(a.get());
}

// ---- iterators

template <int Kind>
Value ArrayIteratorMethod(Runtime& rt, CallArgs& args) {
  Rooted<Value> o(rt, Value::FromCell(ToObject(rt, args.this_value)));
  return Value::FromCell(NewArrayIterator(rt, o, Kind));
}

}  // namespace

String* ArrayJoin(Runtime& rt, Object* obj, String* separator) {
  Rooted<Object*> o(rt, obj);
  Rooted<String*> sep(rt, separator);
  auto& stack = JoinStack();
  if (std::find(stack.begin(), stack.end(), o.get()) != stack.end()) return rt.names().empty;
  uint64_t len = LengthOf(rt, o);
  rt.CheckNativeStack();
  stack.push_back(o);
  std::u16string out;
  try {
    for (uint64_t k = 0; k < len; ++k) {
      if (k) out += sep->view();
      Value e = GetIndex(rt, o, k);
      if (e.IsNullish()) continue;
      if (e.IsString()) {
        out += e.AsString()->view();
      } else if (e.IsNumber()) {
        // No heap string for numbers.
        for (char c : NumberToStdString(e.AsNumber())) out += static_cast<char16_t>(c);
      } else {
        out += ToString(rt, e)->view();
      }
      if (out.size() > (1u << 29)) rt.ThrowRangeError("Invalid string length");
    }
  } catch (...) {
    stack.pop_back();
    throw;
  }
  stack.pop_back();
  return rt.NewString(out);
}

void InstallArrayBuiltins(Runtime& rt) {
  Rooted<Object*> proto(rt, rt.intrinsics().array_prototype);
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "Array", ArrayConstructor, 1, proto));
  rt.mutable_intrinsics().array_constructor = ctor;
  DefineMethod(rt, ctor, "isArray", ArrayIsArray, 1);
  DefineMethod(rt, ctor, "from", ArrayFrom, 1);
  DefineMethod(rt, ctor, "of", ArrayOf, 0);
  DefineSpeciesGetter(rt, ctor);

  DefineMethod(rt, proto, "at", ArrayAt, 1);
  DefineMethod(rt, proto, "concat", ArrayConcat, 1);
  DefineMethod(rt, proto, "copyWithin", ArrayCopyWithin, 2);
  DefineMethod(rt, proto, "fill", ArrayFill, 1);
  DefineMethod(rt, proto, "find", ArrayFind, 1);
  DefineMethod(rt, proto, "findIndex", ArrayFindIndex, 1);
  DefineMethod(rt, proto, "findLast", ArrayFindLast, 1);
  DefineMethod(rt, proto, "findLastIndex", ArrayFindLastIndex, 1);
  DefineMethod(rt, proto, "lastIndexOf", ArrayLastIndexOf, 1);
  DefineMethod(rt, proto, "pop", ArrayPop, 0);
  DefineMethod(rt, proto, "push", ArrayPushMethod, 1);
  DefineMethod(rt, proto, "reverse", ArrayReverse, 0);
  DefineMethod(rt, proto, "shift", ArrayShift, 0);
  DefineMethod(rt, proto, "unshift", ArrayUnshift, 1);
  DefineMethod(rt, proto, "slice", ArraySlice, 2);
  DefineMethod(rt, proto, "sort", ArraySort, 1);
  DefineMethod(rt, proto, "splice", ArraySplice, 2);
  DefineMethod(rt, proto, "includes", ArrayIncludes, 1);
  DefineMethod(rt, proto, "indexOf", ArrayIndexOf, 1);
  DefineMethod(rt, proto, "join", ArrayJoinMethod, 1);
  DefineMethod(rt, proto, "keys", ArrayIteratorMethod<0>, 0);
  DefineMethod(rt, proto, "entries", ArrayIteratorMethod<2>, 0);
  Rooted<NativeFunction*> values(rt, DefineMethod(rt, proto, "values", ArrayIteratorMethod<1>, 0));
  rt.mutable_intrinsics().array_proto_values = values;
  DefineRaw(rt, proto, PropertyKey::Named(rt.symbols().iterator), Value::FromCell(values.get()), kAttrHidden);
  DefineMethod(rt, proto, "forEach", ArrayForEach, 1);
  DefineMethod(rt, proto, "filter", ArrayFilter, 1);
  DefineMethod(rt, proto, "flat", ArrayFlat, 0);
  DefineMethod(rt, proto, "flatMap", ArrayFlatMap, 1);
  DefineMethod(rt, proto, "map", ArrayMap, 1);
  DefineMethod(rt, proto, "every", ArrayEvery, 1);
  DefineMethod(rt, proto, "some", ArraySome, 1);
  DefineMethod(rt, proto, "reduce", ArrayReduce, 1);
  DefineMethod(rt, proto, "reduceRight", ArrayReduceRight, 1);
  DefineMethod(rt, proto, "toLocaleString", ArrayToLocaleString, 0);
  DefineMethod(rt, proto, "toString", ArrayToStringMethod, 0);
  DefineMethod(rt, proto, "toReversed", ArrayToReversed, 0);
  DefineMethod(rt, proto, "toSorted", ArrayToSorted, 1);
  DefineMethod(rt, proto, "toSpliced", ArrayToSpliced, 2);
  DefineMethod(rt, proto, "with", ArrayWith, 2);

  // Array.prototype[Symbol.unscopables]
  Rooted<Object*> unscopables(rt, rt.NewObject(nullptr));
  for (const char* name : {"at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast",
                           "findLastIndex", "flat", "flatMap", "includes", "keys", "toReversed",
                           "toSorted", "toSpliced", "values"}) {
    DefineValue(rt, unscopables, name, Value::True(), kAttrDefault);
  }
  DefineRaw(rt, proto, PropertyKey::Named(StateOf(rt).unscopables), Value::FromCell(unscopables.get()),
            kAttrConfigurable);
}

}  // namespace jsvm
