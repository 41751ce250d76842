// Promise objects (CellKind::kPromise): [[PromiseState]], [[PromiseResult]],
// [[PromiseIsHandled]] and the pending reactions.
//
// The spec keeps two reaction lists, fulfil and reject, always appended to in
// pairs; as V8 does, one list holds records that carry both handlers. A
// reaction either calls JavaScript handlers and settles a capability, or runs
// a native continuation (how `await` resumes a suspended function).
#pragma once

#include <cstdint>
#include <string>

#include "gc/external-memory.h"
#include "vm/objects/object.h"
#include "vm/objects/value.h"

namespace jsvm {

class Runtime;

enum class PromiseState : uint8_t { kPending, kFulfilled, kRejected };

// A native continuation run by a promise reaction job instead of a JS handler
// (how `await` resumes a suspended function): called with the settled value
// and whether the promise was rejected.
using PromiseContinuation = void (*)(Runtime& rt, Object* target, Value value, bool rejected);

// A PromiseCapability record: the derived promise and its resolving
// functions. `resolve` and `reject` are undefined when `promise` is a
// built-in PromiseObject nobody else can resolve (then the job settles it
// directly, as V8 does); `promise` is undefined when there is no capability.
struct PromiseCapability {
  Value promise;
  Value resolve;
  Value reject;
};

// One PromiseReaction pair: what to do when the promise settles.
struct PromiseReaction {
  PromiseCapability capability;
  Value on_fulfilled;  // a callable, or undefined (pass the value through)
  Value on_rejected;   // a callable, or undefined (pass the reason through)
  PromiseContinuation native = nullptr;  // when set: the handlers are not used
  Object* target = nullptr;              // the native continuation's argument
};

// Traces the cells a reaction refers to, with edge names as DevTools shows them.
void TracePromiseReaction(Visitor& v, const PromiseReaction& r);

class PromiseObject final : public Object {
 public:
  explicit PromiseObject(Object* proto) : Object(CellKind::kPromise, proto) {}

  PromiseState state() const { return state_; }
  // The value (fulfilled) or reason (rejected); undefined while pending.
  Value result() const { return result_; }
  bool is_handled() const { return is_handled_; }
  void set_handled() { is_handled_ = true; }
  // Settles the promise and hands back the reactions to trigger (the list
  // is emptied).
  ExternalVector<PromiseReaction> Settle(PromiseState state, Value result);
  // Appends a reaction (pending promises only).
  void AddReaction(const PromiseReaction& r) {
    NoteCellWrite(this);
    reactions_.push_back(r);
  }
  const ExternalVector<PromiseReaction>& reactions() const { return reactions_; }

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + (sizeof(PromiseObject) - sizeof(Object)) +
           reactions_.capacity() * sizeof(PromiseReaction);
  }
  std::string SnapshotName() const override { return "Promise"; }

 private:
  PromiseState state_ = PromiseState::kPending;
  bool is_handled_ = false;
  Value result_;
  ExternalVector<PromiseReaction> reactions_;
};

}  // namespace jsvm
