// Generators, async functions and async generators at run time: the
// objects their activations create, the steps their intrinsics perform, and
// the built-in prototypes (%GeneratorFunction.prototype%,
// %GeneratorPrototype%, %AsyncGeneratorPrototype%, ...). The bytecode side
// (SwitchOnGeneratorState, SuspendGenerator, ResumeGenerator) is in
// vm/interpreter; the object in vm/objects/generator.h.
#pragma once

#include "vm/execution/runtime.h"
#include "vm/objects/generator.h"

namespace jsvm {

// _CreateJSGeneratorObject / _AsyncFunctionEnter: the generator object of a
// generator, async function or async generator activation (by the closure's
// kind); an async function's gets its promise.
GeneratorObject* NewGeneratorObject(Runtime& rt, Value closure, Value receiver);
// _GeneratorClose: the generator is done; it lets go of its saved state.
void CloseGenerator(GeneratorObject* gen);
// %GeneratorPrototype%.next/return/throw's common steps (GeneratorResume and
// GeneratorResumeAbrupt): a TypeError for a running generator, the result
// of a closed one, else the generator resumed with `mode` and `value`.
Value GeneratorResume(Runtime& rt, Value generator, ResumeMode mode, Value value, const char* method);

// ---- async functions (async-function.cc)
// _AsyncFunctionAwait*: await `value` (PromiseResolve, then resume `gen`
// with its result in a job); returns the function's promise (what the first
// suspension hands to the caller).
Value AsyncFunctionAwait(Runtime& rt, GeneratorObject* gen, Value value);
// _AsyncFunctionResolve / _AsyncFunctionReject: settle the function's
// promise; return it.
Value AsyncFunctionResolve(Runtime& rt, GeneratorObject* gen, Value value);
Value AsyncFunctionReject(Runtime& rt, GeneratorObject* gen, Value reason);

// ---- async generators (async-function.cc)
Value AsyncGeneratorAwait(Runtime& rt, GeneratorObject* gen, Value value);
Value AsyncGeneratorYieldWithAwait(Runtime& rt, GeneratorObject* gen, Value value);
Value AsyncGeneratorResolve(Runtime& rt, GeneratorObject* gen, Value value, bool done);
Value AsyncGeneratorReject(Runtime& rt, GeneratorObject* gen, Value reason);
// _CreateAsyncFromSyncIterator: %AsyncFromSyncIteratorPrototype% over `iterator`.
Value CreateAsyncFromSyncIterator(Runtime& rt, Value iterator);

// The async function object's part that needs promises (async-function.cc).
void InitAsyncFunctionObject(Runtime& rt, GeneratorObject* gen);
// Sets up %XFunction% (named `name`, made by `ctor_fn`), its prototype
// `function_proto` and, when not null, the prototype of what its functions
// make, `instance_proto`, tagged `instance_tag`: V8's layout of the
// generator and async function intrinsics.
void LinkFunctionKind(Runtime& rt, std::string_view name, NativeFn ctor_fn, Object* function_proto,
                      Object* instance_proto, const char* instance_tag);

// Installers (called by InstallBuiltins).
void InstallGeneratorBuiltins(Runtime& rt);
void InstallAsyncFunctionBuiltins(Runtime& rt);

}  // namespace jsvm
