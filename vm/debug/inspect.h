// util.inspect as node v20 prints values (console.log of non-strings):
// objects, arrays (holes, grouping of long arrays), nesting depth, quoting,
// functions and classes, Map/Set, boxed primitives, errors, circular
// references and node's 80-column line breaking.
#pragma once

#include <string>

#include "vm/execution/runtime.h"
#include "vm/objects/value.h"

namespace jsvm {

struct InspectOptions {
  int depth = 2;            // nesting levels shown before [Object] / [Array]
  int break_length = 80;    // node's breakLength
  int max_array_length = 100;
  int max_string_length = 10000;
  bool compact_groups = true;  // group arrays with more than 6 entries
};

// The text node's util.inspect(v) would print.
std::string Inspect(Runtime& rt, Value v, const InspectOptions& opts = {});

// console.log's formatting of its arguments: strings raw, others inspected,
// joined by one space (node's formatWithOptions, with %s %d %i %f %j %o %O %c
// directives in a leading string).
std::string FormatLogArguments(Runtime& rt, const Value* argv, uint32_t argc);

}  // namespace jsvm
