// Monomorphic inline caches for named property access (V8: LoadIC, StoreIC,
// DefineNamedOwnIC), one per feedback slot of a function (FunctionInfo::ics).
//
// A load cache remembers the walk that found the property: the receiver's
// kind and shape, and the kind and shape of each prototype up to the holder,
// and the holder's slot. Equal shapes mean equal layouts, so a receiver whose
// walk shows the same shapes finds the property in the same slot of its own
// holder; no prototype identity is needed. A store cache remembers the
// receiver's shape and either the slot of an existing writable property or
// the transition that adds it (with every prototype's shape, proving none of
// them has a setter or read-only property of that name).
//
// Dictionary shapes change in place and are never cached. A cache is valid for
// one ShapeRegistry epoch: every collection that frees a shape starts a new
// one, since a freed shape's address can be reused. Caches hold no references.
#pragma once

#include <cstdint>

#include "vm/objects/object.h"
#include "vm/objects/value.h"

namespace jsvm {

class Array;
struct RegExpProgram;
class Runtime;

// The slot every site past the 65535th of a function shares (16-bit slot
// operands): never filled, so it always misses.
constexpr uint16_t kSharedFeedbackSlot = 0xFFFF;

// What a cache was filled for. A hit checks it: a bytecode file may (wrongly
// or on purpose) give two kinds of site one slot, and a load's slot must
// never serve a store.
// kArrayLiteral: the slot of CreateEmptyArrayLiteral, an allocation site
// (V8's AllocationSite, in small): `slot` is the length its arrays reached,
// so the next one is allocated with room for that many elements; its
// `epoch` counts collections, not shape epochs (NewArrayLiteral).
// kRegExpLiteral: the slot of CreateRegExpLiteral: `regexp_program` is the
// literal's compiled pattern (owned by the runtime), shared by every RegExp
// object the site makes.
// kObjectLiteral: the slot of CreateObjectLiteral: shapes[0] is the shape its
// property names (the array `last_literal`) make, valid in `epoch`.
enum class ICKind : uint8_t {
  kNone, kLoad, kStore, kDefine, kGlobalLoad, kGlobalStore, kArrayLiteral, kObjectLiteral, kRegExpLiteral,
  kPrivateField,  // a keyed access to a private field: the receiver's shape, the slot and the private name
};

struct PropertyIC {
  static constexpr uint32_t kMaxLevels = 4;  // the receiver and up to 3 prototypes

  uint32_t epoch = 0;  // 0: empty
  ICKind kind = ICKind::kNone;
  // Store transitions: the walk ends at a prototype holding the key as a
  // writable data property (the store shadows it), not at the chain's end.
  bool ends_at_shadowed = false;
  uint32_t slot = 0;
  uint32_t version = 0;  // globals: the global object's shape version
  uint8_t levels = 0;  // objects in the walk (load: receiver .. holder; store: receiver .. end of chain)
  CellKind kinds[kMaxLevels] = {};
  Shape* shapes[kMaxLevels] = {};
  union {
    Shape* next_shape = nullptr;  // store: the transition to take (nullptr: the property exists)
    Array* last_literal;          // kArrayLiteral: the array made last, alive while no collection ran;
                                  // kObjectLiteral: the names the shape was made from
    const RegExpProgram* regexp_program;     // kRegExpLiteral: the site's compiled pattern
    const Cell* private_key;                 // kPrivateField: the private name (a Symbol)
  };
};

// The walk of `ic` from `start` (level `level` already matched): true when
// every further object has the cached kind and shape; `*last` is the last one.
inline bool MatchWalk(const PropertyIC& ic, Object* start, uint32_t level, Object** last) {
  Object* o = start;
  for (++level; level < ic.levels; ++level) {
    o = o->proto();
    if (!o || o->kind() != ic.kinds[level] || o->shape() != ic.shapes[level]) return false;
  }
  *last = o;
  return true;
}

// A cached load: true with *out set on a hit. String receivers start their
// walk at String.prototype.
inline bool TryLoadIC(const PropertyIC& ic, uint32_t epoch, Value receiver, Object* string_prototype, Value* out) {
  if (ic.epoch != epoch || ic.kind != ICKind::kLoad || !receiver.IsCell()) return false;
  Cell* c = receiver.AsCell();
  if (c->kind() != ic.kinds[0]) return false;
  Object* o;
  uint32_t level;
  if (c->kind() == CellKind::kString) {
    o = string_prototype;
    level = 1;
    if (o->kind() != ic.kinds[1] || o->shape() != ic.shapes[1]) return false;
  } else {
    o = static_cast<Object*>(c);
    level = 0;
    if (o->shape() != ic.shapes[0]) return false;
  }
  Object* holder;
  if (!MatchWalk(ic, o, level, &holder)) return false;
  *out = holder->named_value(ic.slot);
  return true;
}

// A cached store of an existing writable data property: true when done.
// (Transitions take the slower StoreIC path, which allocates slot storage.)
inline bool TryStoreExistingIC(const PropertyIC& ic, uint32_t epoch, Value receiver, Value value) {
  if (ic.epoch != epoch || ic.kind != ICKind::kStore || ic.next_shape || !receiver.IsCell()) return false;
  Cell* c = receiver.AsCell();
  if (c->kind() != ic.kinds[0]) return false;
  auto* o = static_cast<Object*>(c);
  if (o->shape() != ic.shapes[0]) return false;
  o->set_named_value(ic.slot, value);
  return true;
}

// Cached global loads and stores: a slot of the global object, valid while
// its shape and that shape's version are unchanged.
inline bool TryGlobalIC(const PropertyIC& ic, ICKind kind, uint32_t epoch, const Object* global) {
  const Shape* s = global->shape();
  return ic.epoch == epoch && ic.kind == kind && s == ic.shapes[0] && s->version() == ic.version;
}

// The megamorphic load cache (V8: the stub cache), one per Runtime: load
// caches found by receiver shape and name, for sites that see more shapes
// than their own monomorphic cache holds (a constructor body shared by many
// classes, a method called on several kinds of object). A hit is checked as
// a site's cache is (TryLoadIC), and also against the collection count: the
// name is the key, and a freed name's address may be reused.
class MegamorphicLoadCache {
 public:
  static constexpr size_t kEntries = 1024;  // a power of two

  // A cached load of `name` from `receiver`: true with *out set on a hit.
  bool TryLoad(Runtime& rt, Value receiver, Cell* name, Value* out) const;
  void Insert(Runtime& rt, Value receiver, Cell* name, const PropertyIC& ic);

 private:
  struct Entry {
    Cell* name = nullptr;
    uint64_t collections = 0;
    PropertyIC ic;
  };
  static size_t IndexOf(Value receiver, Cell* name);

  Entry entries_[kEntries];
};

// The slow paths: perform the operation, then fill the cache when the access
// is cacheable.
Value LoadIC(Runtime& rt, PropertyIC& ic, Value receiver, String* name);
void StoreIC(Runtime& rt, PropertyIC& ic, Value receiver, String* name, Value value, bool strict);
Value LoadGlobalIC(Runtime& rt, PropertyIC& ic, String* name, bool inside_typeof);
void StoreGlobalIC(Runtime& rt, PropertyIC& ic, String* name, Value value, bool strict);
// Object literals and class fields: define own data property name = value.
void DefineNamedOwnIC(Runtime& rt, PropertyIC& ic, Object* receiver, String* name, Value value);

}  // namespace jsvm
