// Atomics (ECMA-262 25.4) as node 20 has it: load, store, the
// read-modify-write operations, compareExchange, isLockFree, wait, notify
// and waitAsync, on the integer typed arrays (and the BigInt ones) over an
// ArrayBuffer or a SharedArrayBuffer. The validation order is the spec's:
// ValidateIntegerTypedArray, ValidateAtomicAccess (the length read before
// the index is converted), the value conversions, then RevalidateAtomicAccess
// (a conversion may have detached or shrunk the buffer). V8's messages.
//
// The host is node's main thread, which can block: Atomics.wait sleeps until
// notified or timed out ([[CanBlock]] true). The waiter lists are
// process-wide, one critical section for all of them, as the spec's
// WaiterList is shared by the agents of a cluster. Atomics.waitAsync's
// promise is settled by Atomics.notify ("ok") or by a timer of the host's
// event loop ("timed-out") that, as in node, does not keep the loop alive.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <list>
#include <map>
#include <memory>
#include <mutex>

#include "vm/builtins/binary-data.h"
#include "vm/builtins/promise.h"
#include "vm/execution/operations.h"
#include "vm/host/event-loop.h"
#include "vm/objects/bigint.h"

namespace jsvm {

namespace {

// ---- the waiter lists

// A Waiter Record: an agent waiting on one location of a shared block.
struct Waiter {
  const void* block = nullptr;  // BlockOf the SharedArrayBuffer waited on
  size_t byte_index = 0;
  Runtime* runtime = nullptr;  // the agent
  uint64_t async_id = 0;       // 0: Atomics.wait; else the key of its AsyncWait
  bool notified = false;       // set by Atomics.notify (which takes it off the list)
  std::condition_variable woken;
};

// What names a buffer's waiter lists: its bytes, which the buffers of other
// agents share (a growable buffer's bytes move, and no agent shares them: the
// buffer itself).
const void* BlockOf(ArrayBufferObject* b) {
  return b->resizable() ? static_cast<const void*>(b) : static_cast<const void*>(b->data());
}

// Every waiter of every block, oldest first, and the one critical section
// that guards them.
struct WaiterLists {
  std::mutex mutex;
  std::list<Waiter*> waiters;
};

// Never destroyed: runtimes (and their pending waits) may outlive static
// destructors.
WaiterLists& Lists() {
  static auto* lists = new WaiterLists;
  return *lists;
}

void RemoveWaiter(Waiter* w) { Lists().waiters.remove(w); }

}  // namespace

// A runtime's pending Atomics.waitAsync calls (BuiltinsState::atomics).
struct AtomicsState {
  struct AsyncWait {
    std::unique_ptr<Waiter> waiter;
    Value promise;
    Value buffer;        // kept alive: its address names the waiter list
    uint32_t timer = 0;  // the timeout's timer (0: none)
  };
  std::map<uint64_t, AsyncWait> waits;
  uint64_t next_id = 1;

  ~AtomicsState() {
    std::lock_guard<std::mutex> lock(Lists().mutex);
    for (auto& [id, wait] : waits) RemoveWaiter(wait.waiter.get());
  }
};

void TraceAtomicsState(const AtomicsState& s, Visitor& v) {
  for (const auto& [id, wait] : s.waits) {
    TraceValue(v, wait.promise, EdgeType::kInternal, EdgeName::Str("Atomics.waitAsync promise"));
    TraceValue(v, wait.buffer, EdgeType::kInternal, EdgeName::Str("Atomics.waitAsync buffer"));
  }
}

namespace {

AtomicsState& AtomicsStateOf(Runtime& rt) {
  std::shared_ptr<AtomicsState>& s = StateOf(rt).atomics;
  if (!s) s = std::make_shared<AtomicsState>();
  return *s;
}

// ---- validation

bool IsWaitableKind(ElementKind k) { return k == ElementKind::kInt32 || k == ElementKind::kBigInt64; }

bool IsAtomicKind(ElementKind k) {
  return k != ElementKind::kUint8Clamped && k != ElementKind::kFloat32 && k != ElementKind::kFloat64;
}

// ValidateIntegerTypedArray(typedArray, waitable). `method` names the
// operation in the detached-buffer message (V8's names, which are not always
// the method called).
TypedArrayObject* ValidateIntegerTypedArray(Runtime& rt, Value v, bool waitable, const char* method) {
  bool ok = v.IsCellOfKind(CellKind::kTypedArray);
  auto* ta = ok ? static_cast<TypedArrayObject*>(v.AsObject()) : nullptr;
  if (ok) ok = waitable ? IsWaitableKind(ta->element_kind()) : IsAtomicKind(ta->element_kind());
  if (!ok) {
    rt.ThrowTypeError(DescribeForError(rt, v) +
                      (waitable ? " is not an int32 or BigInt64 typed array." : " is not an integer typed array."));
  }
  if (ta->IsOutOfBounds()) ThrowDetached(rt, method);
  return ta;
}

[[noreturn]] void ThrowInvalidIndex(Runtime& rt) { rt.ThrowRangeError("Invalid atomic access index"); }

// ValidateAtomicAccess: the element index (the length is read before the
// index is converted, which may run JavaScript).
size_t ValidateAtomicAccess(Runtime& rt, TypedArrayObject* ta, Value request) {
  size_t length = ta->length();
  uint64_t index = ToIndex(rt, request, "Invalid atomic access index");
  if (index >= length) ThrowInvalidIndex(rt);
  return static_cast<size_t>(index);
}

// RevalidateAtomicAccess: after the conversions the view must still be in
// bounds and still reach the element; returns its address. Where the spec
// has a RangeError for an element that a shrunk buffer lost, V8 (and so
// node) throws its detached-buffer TypeError, as for an out-of-bounds view.
uint8_t* RevalidateAtomicAccess(Runtime& rt, TypedArrayObject* ta, size_t index, const char* method) {
  if (ta->IsOutOfBounds() || ta->byte_offset() + (index + 1) * ta->element_size() > ta->buffer()->byte_length()) {
    ThrowDetached(rt, method);
  }
  return ta->element_address(index);
}

// The value operand of a store or read-modify-write: ToBigInt for the
// BigInt kinds, else 𝔽(ToIntegerOrInfinity(v)).
Value ToAtomicOperand(Runtime& rt, ElementKind kind, Value v) {
  if (IsBigIntKind(kind)) return v.IsBigInt() ? v : Value::FromCell(ToBigInt(rt, v));
  if (v.IsInt()) return v;
  return Value::Number(ToIntegerOrInfinity(rt, v) + 0.0);  // -0 is +0
}

// ---- the operations on memory

enum class Rmw { kAdd, kSub, kAnd, kOr, kXor, kExchange, kCompareExchange };

// One atomic operation on the element of type T at p; `operand` and
// `expected` hold the operand's bytes, `old` receives the element's bytes
// before the operation.
template <class T>
void AtomicOp(Rmw op, uint8_t* p, const uint8_t* operand, const uint8_t* expected, uint8_t* old) {
  std::atomic_ref<T> cell(*reinterpret_cast<T*>(p));
  T v;
  std::memcpy(&v, operand, sizeof(T));
  T result{};
  switch (op) {
    case Rmw::kAdd: result = cell.fetch_add(v); break;
    case Rmw::kSub: result = cell.fetch_sub(v); break;
    case Rmw::kAnd: result = cell.fetch_and(v); break;
    case Rmw::kOr: result = cell.fetch_or(v); break;
    case Rmw::kXor: result = cell.fetch_xor(v); break;
    case Rmw::kExchange: result = cell.exchange(v); break;
    case Rmw::kCompareExchange:
      std::memcpy(&result, expected, sizeof(T));
      cell.compare_exchange_strong(result, v);  // result: the element before
      break;
  }
  std::memcpy(old, &result, sizeof(T));
}

void AtomicOp(ElementKind kind, Rmw op, uint8_t* p, const uint8_t* operand, const uint8_t* expected, uint8_t* old) {
  switch (kind) {
    case ElementKind::kInt8:
    case ElementKind::kUint8: AtomicOp<uint8_t>(op, p, operand, expected, old); return;
    case ElementKind::kInt16:
    case ElementKind::kUint16: AtomicOp<uint16_t>(op, p, operand, expected, old); return;
    case ElementKind::kInt32:
    case ElementKind::kUint32: AtomicOp<uint32_t>(op, p, operand, expected, old); return;
    case ElementKind::kBigInt64:
    case ElementKind::kBigUint64: AtomicOp<uint64_t>(op, p, operand, expected, old); return;
    default: return;  // not an integer kind (validated before)
  }
}

// A seq-cst load of the element of `kind` at p into `out`.
void AtomicLoad(ElementKind kind, uint8_t* p, uint8_t* out) {
  switch (ElementSize(kind)) {
    case 1: { uint8_t v = std::atomic_ref<uint8_t>(*p).load(); std::memcpy(out, &v, 1); return; }
    case 2: { uint16_t v = std::atomic_ref<uint16_t>(*reinterpret_cast<uint16_t*>(p)).load(); std::memcpy(out, &v, 2); return; }
    case 4: { uint32_t v = std::atomic_ref<uint32_t>(*reinterpret_cast<uint32_t*>(p)).load(); std::memcpy(out, &v, 4); return; }
    default: { uint64_t v = std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(p)).load(); std::memcpy(out, &v, 8); return; }
  }
}

// AtomicReadModifyWrite and Atomics.compareExchange.
Value ReadModifyWrite(Runtime& rt, CallArgs& args, Rmw op, const char* method) {
  Rooted<TypedArrayObject*> ta(rt, ValidateIntegerTypedArray(rt, args[0], false, method));
  size_t index = ValidateAtomicAccess(rt, ta, args[1]);
  ElementKind kind = ta->element_kind();
  Rooted<Value> operand(rt, ToAtomicOperand(rt, kind, args[2]));
  Rooted<Value> replacement(rt, Value::Undefined());
  if (op == Rmw::kCompareExchange) replacement = ToAtomicOperand(rt, kind, args[3]);
  uint8_t* p = RevalidateAtomicAccess(rt, ta, index, method);
  uint8_t first[8] = {}, second[8] = {}, old[8] = {};
  StoreElement(kind, first, operand);
  if (op == Rmw::kCompareExchange) {
    StoreElement(kind, second, replacement);
    AtomicOp(kind, op, p, second, first, old);  // compares with the expected value's bytes
  } else {
    AtomicOp(kind, op, p, first, nullptr, old);
  }
  return LoadElement(rt, kind, old);
}

Value AtomicsAdd(Runtime& rt, CallArgs& args) { return ReadModifyWrite(rt, args, Rmw::kAdd, "Atomics.add"); }
Value AtomicsSub(Runtime& rt, CallArgs& args) { return ReadModifyWrite(rt, args, Rmw::kSub, "Atomics.sub"); }
Value AtomicsAnd(Runtime& rt, CallArgs& args) { return ReadModifyWrite(rt, args, Rmw::kAnd, "Atomics.and"); }
Value AtomicsOr(Runtime& rt, CallArgs& args) { return ReadModifyWrite(rt, args, Rmw::kOr, "Atomics.or"); }
Value AtomicsXor(Runtime& rt, CallArgs& args) { return ReadModifyWrite(rt, args, Rmw::kXor, "Atomics.xor"); }
Value AtomicsExchange(Runtime& rt, CallArgs& args) {
  return ReadModifyWrite(rt, args, Rmw::kExchange, "Atomics.exchange");
}
// V8 names compareExchange "Atomics.store" in its detached-buffer message.
Value AtomicsCompareExchange(Runtime& rt, CallArgs& args) {
  return ReadModifyWrite(rt, args, Rmw::kCompareExchange, "Atomics.store");
}

Value AtomicsLoad(Runtime& rt, CallArgs& args) {
  Rooted<TypedArrayObject*> ta(rt, ValidateIntegerTypedArray(rt, args[0], false, "Atomics.load"));
  size_t index = ValidateAtomicAccess(rt, ta, args[1]);
  uint8_t* p = RevalidateAtomicAccess(rt, ta, index, "Atomics.load");
  uint8_t bytes[8];
  AtomicLoad(ta->element_kind(), p, bytes);
  return LoadElement(rt, ta->element_kind(), bytes);
}

Value AtomicsStore(Runtime& rt, CallArgs& args) {
  Rooted<TypedArrayObject*> ta(rt, ValidateIntegerTypedArray(rt, args[0], false, "Atomics.store"));
  size_t index = ValidateAtomicAccess(rt, ta, args[1]);
  Rooted<Value> v(rt, ToAtomicOperand(rt, ta->element_kind(), args[2]));
  uint8_t* p = RevalidateAtomicAccess(rt, ta, index, "Atomics.store");
  uint8_t bytes[8], old[8];
  StoreElement(ta->element_kind(), bytes, v);
  AtomicOp(ta->element_kind(), Rmw::kExchange, p, bytes, nullptr, old);  // a seq-cst store
  return v;
}

// Atomics.isLockFree(size): true for 1, 2, 4 and 8 bytes (as V8 on x64 and
// arm64 answers). V8 compares ToNumber(size), where the spec truncates it
// first: 4.5 is false, as in node.
Value AtomicsIsLockFree(Runtime& rt, CallArgs& args) {
  double n = ToNumber(rt, args[0]);
  return Value::Boolean(n == 1 || n == 2 || n == 4 || n == 8);
}

// ---- wait, waitAsync and notify

// The shared typed array, the element and the timeout DoWait works with.
struct WaitRequest {
  TypedArrayObject* ta;
  size_t byte_index;   // in the buffer
  uint8_t value[8];    // the expected element's bytes
  double timeout_ms;   // +∞: none
};

// DoWait's steps 1-8: validation and conversions (may run JavaScript; `ta`
// is rooted by the caller).
WaitRequest PrepareWait(Runtime& rt, CallArgs& args, Rooted<TypedArrayObject*>& ta) {
  ta = ValidateIntegerTypedArray(rt, args[0], true, "Atomics.wait");
  if (!ta->buffer()->shared()) rt.ThrowTypeError(DescribeForError(rt, args[0]) + " is not a shared typed array.");
  size_t index = ValidateAtomicAccess(rt, ta, args[1]);
  WaitRequest r{};
  if (ta->element_kind() == ElementKind::kBigInt64) {
    uint64_t v = BigIntToUint64(ToBigInt(rt, args[2]));
    std::memcpy(r.value, &v, 8);
  } else {
    int32_t v = ToInt32(rt, args[2]);
    std::memcpy(r.value, &v, 4);
  }
  double q = ToNumber(rt, args[3]);
  r.timeout_ms = std::isnan(q) ? INFINITY : std::max(q, 0.0);
  r.ta = ta;
  r.byte_index = ta->byte_offset() + index * ta->element_size();
  return r;
}

// Whether the element waited on still holds the expected value (in the
// critical section).
bool StillEqual(const WaitRequest& r) {
  uint8_t now[8];
  AtomicLoad(r.ta->element_kind(), r.ta->buffer()->data() + r.byte_index, now);
  return std::memcmp(now, r.value, r.ta->element_size()) == 0;
}

Value Str(Runtime& rt, const char* s) { return StringValueUtf8(rt, s); }

Value AtomicsWait(Runtime& rt, CallArgs& args) {
  Rooted<TypedArrayObject*> ta(rt, nullptr);
  WaitRequest r = PrepareWait(rt, args, ta);
  using Clock = std::chrono::steady_clock;
  Clock::time_point now = Clock::now();
  // A wait longer than a century is a wait without end.
  bool forever = !(r.timeout_ms < 3.2e12);
  Clock::time_point deadline =
      forever ? Clock::time_point::max()
              : now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(r.timeout_ms));
  // --timeout ends the wait too, as it ends any other busy run.
  bool host_deadline = false;
  if (double limit = rt.options().timeout_seconds; limit > 0) {
    Clock::time_point end =
        rt.start_time() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limit));
    if (end < deadline) {
      deadline = end;
      host_deadline = true;
    }
  }
  WaiterLists& lists = Lists();
  std::unique_lock<std::mutex> lock(lists.mutex);
  if (!StillEqual(r)) return Str(rt, "not-equal");
  Waiter waiter;
  waiter.block = BlockOf(ta->buffer());
  waiter.byte_index = r.byte_index;
  waiter.runtime = &rt;
  lists.waiters.push_back(&waiter);
  if (deadline == Clock::time_point::max()) {
    waiter.woken.wait(lock, [&] { return waiter.notified; });
  } else {
    waiter.woken.wait_until(lock, deadline, [&] { return waiter.notified; });
  }
  if (waiter.notified) return Str(rt, "ok");
  RemoveWaiter(&waiter);
  lock.unlock();
  if (host_deadline) rt.ThrowTimeout();
  return Str(rt, "timed-out");
}

// { async, value }: Atomics.waitAsync's result object.
Value WaitAsyncResult(Runtime& rt, bool async, Value value) {
  Rooted<Value> v(rt, value);
  Rooted<Object*> result(rt, rt.NewObject());
  CreateDataProperty(rt, result, PropertyKey::Named(rt.Intern(u"async")), Value::Boolean(async));
  CreateDataProperty(rt, result, PropertyKey::Named(rt.names().value), v);
  return Value::FromCell(result.get());
}

// Settles waitAsync call `id` of rt with `outcome` (its waiter already out
// of the list); nothing when it was settled before.
void SettleAsyncWait(Runtime& rt, uint64_t id, const char* outcome) {
  AtomicsState& s = AtomicsStateOf(rt);
  auto it = s.waits.find(id);
  if (it == s.waits.end()) return;
  Rooted<Value> promise(rt, it->second.promise);
  uint32_t timer = it->second.timer;
  s.waits.erase(it);
  if (timer) EventLoopOf(rt).Clear(timer);
  ResolvePromise(rt, static_cast<PromiseObject*>(promise.get().AsObject()), Str(rt, outcome));
}

// The timer of a waitAsync with a timeout: data[0] is the call's id.
Value WaitAsyncTimedOut(Runtime& rt, CallArgs& args) {
  uint64_t id = static_cast<uint64_t>(static_cast<NativeFunction*>(args.callee)->data[0].AsNumber());
  AtomicsState& s = AtomicsStateOf(rt);
  auto it = s.waits.find(id);
  if (it == s.waits.end()) return Value::Undefined();
  it->second.timer = 0;  // it is firing: nothing to clear
  {
    std::lock_guard<std::mutex> lock(Lists().mutex);
    // Notified by another agent, whose "ok" is on its way (a posted task).
    if (it->second.waiter->notified) return Value::Undefined();
    RemoveWaiter(it->second.waiter.get());
  }
  SettleAsyncWait(rt, id, "timed-out");
  return Value::Undefined();
}

Value AtomicsWaitAsync(Runtime& rt, CallArgs& args) {
  Rooted<TypedArrayObject*> ta(rt, nullptr);
  WaitRequest r = PrepareWait(rt, args, ta);
  Rooted<Value> promise(rt, Value::FromCell(NewPromise(rt)));
  AtomicsState& s = AtomicsStateOf(rt);
  EventLoop& loop = EventLoopOf(rt);  // made here, on its thread: other agents post to it
  uint64_t id = 0;
  {
    std::lock_guard<std::mutex> lock(Lists().mutex);
    if (!StillEqual(r)) return WaitAsyncResult(rt, false, Str(rt, "not-equal"));
    if (r.timeout_ms == 0) return WaitAsyncResult(rt, false, Str(rt, "timed-out"));
    id = s.next_id++;
    AtomicsState::AsyncWait& wait = s.waits[id];
    wait.waiter = std::make_unique<Waiter>();
    wait.waiter->block = BlockOf(ta->buffer());
    wait.waiter->byte_index = r.byte_index;
    wait.waiter->runtime = &rt;
    wait.waiter->async_id = id;
    wait.promise = promise;
    wait.buffer = Value::FromCell(ta->buffer());
    Lists().waiters.push_back(wait.waiter.get());
  }
  if (r.timeout_ms < 3.2e12) {
    Rooted<NativeFunction*> fire(rt, rt.NewNativeFunction(WaitAsyncTimedOut, rt.names().empty, 0, false));
    fire->data[0] = Value::Number(static_cast<double>(id));
    uint32_t timer = loop.SetTimer(Value::FromCell(fire.get()), {}, std::max(r.timeout_ms, 1.0), false, true);
    loop.SetRef(timer, false);  // node: a waitAsync timeout keeps no process alive
    auto it = s.waits.find(id);
    if (it != s.waits.end()) it->second.timer = timer;
  }
  return WaitAsyncResult(rt, true, promise);
}

Value AtomicsNotify(Runtime& rt, CallArgs& args) {
  Rooted<TypedArrayObject*> ta(rt, ValidateIntegerTypedArray(rt, args[0], true, "Atomics.notify"));
  size_t index = ValidateAtomicAccess(rt, ta, args[1]);
  double count = INFINITY;
  if (!args[2].IsUndefined()) count = std::max(ToIntegerOrInfinity(rt, args[2]), 0.0);
  ArrayBufferObject* buffer = ta->buffer();
  if (!buffer->shared()) return Value::Int(0);
  size_t byte_index = ta->byte_offset() + index * ta->element_size();
  const void* block = BlockOf(buffer);
  std::vector<uint64_t> settled;  // this runtime's waitAsync calls woken
  double n = 0;
  {
    std::lock_guard<std::mutex> lock(Lists().mutex);
    auto& waiters = Lists().waiters;
    for (auto it = waiters.begin(); it != waiters.end() && n < count;) {
      Waiter* w = *it;
      if (w->block != block || w->byte_index != byte_index) {
        ++it;
        continue;
      }
      it = waiters.erase(it);
      ++n;
      w->notified = true;
      if (w->async_id == 0) {
        w->woken.notify_one();
      } else if (w->runtime == &rt) {
        settled.push_back(w->async_id);
      } else {
        // Another agent's: EnqueueResolveInAgentJob, a task of its loop.
        uint64_t id = w->async_id;
        EventLoopOf(*w->runtime).Post([id](Runtime& owner) { SettleAsyncWait(owner, id, "ok"); });
      }
    }
  }
  for (uint64_t id : settled) SettleAsyncWait(rt, id, "ok");
  return Value::Number(n);
}

}  // namespace

void InstallAtomicsBuiltins(Runtime& rt) {
  Rooted<Object*> atomics(rt, rt.NewObject());
  DefineValue(rt, rt.global(), "Atomics", Value::FromCell(atomics.get()));
  struct Fn {
    const char* name;
    NativeFn fn;
    uint16_t length;
  };
  // node 20's order (Object.getOwnPropertyNames(Atomics)).
  const Fn fns[] = {{"load", AtomicsLoad, 2},
                    {"store", AtomicsStore, 3},
                    {"add", AtomicsAdd, 3},
                    {"sub", AtomicsSub, 3},
                    {"and", AtomicsAnd, 3},
                    {"or", AtomicsOr, 3},
                    {"xor", AtomicsXor, 3},
                    {"exchange", AtomicsExchange, 3},
                    {"compareExchange", AtomicsCompareExchange, 4},
                    {"isLockFree", AtomicsIsLockFree, 1},
                    {"wait", AtomicsWait, 4},
                    {"waitAsync", AtomicsWaitAsync, 4},
                    {"notify", AtomicsNotify, 3}};
  for (const Fn& f : fns) DefineMethod(rt, atomics, f.name, f.fn, f.length);
  DefineRaw(rt, atomics, PropertyKey::Named(rt.symbols().to_string_tag), StringValueUtf8(rt, "Atomics"),
            kAttrConfigurable);
}

}  // namespace jsvm
