// Prints the expression at an error site as V8's CallPrinter does, so that
// "x is not a function" and its relatives name the callee as node does:
// `a.b.c`, `obj[key]`, `foo(...)`, `(void 0)`, `(intermediate value).x`.
// The bytecode generator prints each site once, at compile time, into the
// function's call-site table (vm/objects/function.h, CallSite).
#pragma once

#include <string>

#include "compiler/ast.h"
#include "vm/objects/function.h"

namespace jsvm {

// How the printed expression is used. In kIterator mode (the subject of a
// for-of, a spread, an array pattern's initialiser) calls print without
// their `(...)`, as V8 does.
enum class CallPrintMode : uint8_t { kCall, kIterator };

// The text V8 prints for `e` as the callee, subject or value of an error
// site; "(intermediate value)" for what V8 does not print.
std::u16string PrintCallSite(const Expr* e, CallPrintMode mode = CallPrintMode::kCall);

// The kind of an error site that iterates `subject` (a for-of, a spread, an
// array pattern's initialiser): kCallIterable when it is a call, else kIterable.
CallSiteKind IterationSiteKind(const Expr* subject);
// Its text: a call prints as its callee ("f" for `f()`).
std::u16string PrintIterationSubject(const Expr* subject);

}  // namespace jsvm
