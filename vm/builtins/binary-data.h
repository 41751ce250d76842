// What the binary-data built-ins share: ArrayBuffer, SharedArrayBuffer and
// DataView (array-buffer.cc) and the typed arrays (typed-array.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "vm/builtins/builtins.h"
#include "vm/objects/array-buffer.h"

namespace jsvm {

// The realm's binary-data constructors and prototypes (kept in
// BuiltinsState::binary, traced with it).
struct BinaryIntrinsics {
  Value array_buffer_constructor;
  Value array_buffer_prototype;
  Value shared_array_buffer_constructor;
  Value shared_array_buffer_prototype;
  Value data_view_prototype;
  Value typed_array_constructor;  // %TypedArray%
  Value typed_array_prototype;    // %TypedArray%.prototype
  Value constructors[kElementKindCount];
  Value prototypes[kElementKindCount];
};

// ToIndex(v): RangeError `message` when v is negative or above 2^53 - 1.
uint64_t ToIndex(Runtime& rt, Value v, const std::string& message);
// AllocateArrayBuffer(constructor, byteLength[, maxByteLength]): the
// prototype comes from `new_target` (%ArrayBuffer.prototype% when it is
// undefined). RangeError when the memory cannot be had.
ArrayBufferObject* AllocateArrayBuffer(Runtime& rt, Value new_target, uint64_t byte_length,
                                       std::optional<uint64_t> max_byte_length = std::nullopt,
                                       bool shared = false);
// "Cannot perform <method> on a detached ArrayBuffer".
[[noreturn]] void ThrowDetached(Runtime& rt, const std::string& method);
// "Method <method> called on incompatible receiver <v>".
[[noreturn]] void ThrowIncompatibleReceiver(Runtime& rt, const std::string& method, Value v);

}  // namespace jsvm
