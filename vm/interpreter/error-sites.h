// The errors whose text names their source, as V8 renders it (its
// CallPrinter): "obj.fn is not a function", "x is not iterable", "Cannot
// destructure property 'p' of 'x' as it is null.". The compiler prints each
// site into its function's call-site table (FunctionInfo::call_sites); these
// read the entry of the instruction a frame is at.
#pragma once

#include <string>

#include "vm/objects/function.h"
#include "vm/interpreter/interpreter.h"

namespace jsvm {

// V8's default text for a value when no source is printed: its typeof and,
// for a primitive, the value ("number 1", "object null", "undefined").
std::string DefaultCallSiteText(Runtime& rt, Value v);

// Throws the TypeError of the site `frame` is at about value `v` (the
// callee, the iterable or the destructured value). Without an entry (a
// bytecode file written without one) the message is of kind `fallback` and
// describes the value.
[[noreturn]] void ThrowAtCallSite(Runtime& rt, const Frame& frame, Value v, CallSiteKind fallback);

// V8's error for calling a non-callable from a built-in (Function.prototype.call
// on a non-function): it names the call the innermost script frame is making.
[[noreturn]] void ThrowCalledNonCallable(Runtime& rt, Value v);

// GetIterator at an iteration site (for-of, array pattern, spread): the
// iterator of `v` and its next method; a value without a callable
// @@iterator throws the site's error.
Value GetIteratorAtSite(Runtime& rt, const Frame& frame, Value v, Value* next_method);

}  // namespace jsvm
