// The interpreter's slow paths and runtime functions: everything a handler
// does that is too large or too rare to inline. All may throw JsThrow.
#pragma once

#include "vm/interpreter/bytecodes.h"
#include "vm/interpreter/interpreter.h"

namespace jsvm {

Value LoadGlobal(Runtime& rt, String* name, bool inside_typeof);
void StoreGlobal(Runtime& rt, String* name, Value value, bool strict);
Value GetNamed(Runtime& rt, Value object, String* name);
// An empty array for an array literal, with room for as many elements as
// the site's earlier arrays reached (recorded in `site`, its feedback slot).
Array* NewArrayLiteral(Runtime& rt, PropertyIC& site);
// CreateObjectLiteral: an object with the property names `names` (values
// undefined), its shape kept in `site`.
Object* NewObjectLiteral(Runtime& rt, const Array* names, PropertyIC& site);
// CreateArrayLiteral: an array sharing `boilerplate`'s elements copy-on-write.
Array* NewArrayFromBoilerplate(Runtime& rt, const Array* boilerplate);
Value GetKeyed(Runtime& rt, Value object, Value key);
void SetNamed(Runtime& rt, Value object, String* name, Value value, bool strict);
void SetKeyed(Runtime& rt, Value object, Value key, Value value, bool strict);
void DefineKeyedOwn(Runtime& rt, Value object, Value key, Value value);
bool DeletePropertyOf(Runtime& rt, Value object, Value key, bool strict);
Value GetSuperProperty(Runtime& rt, Value home_object, Value receiver, PropertyKey key);
// The binary operators other than + on any values (op is the register form, e.g. kSub).
Value Arithmetic(Runtime& rt, Bytecode op, Value lhs, Value rhs);
// The slow path of Inc, Dec, Negate and BitwiseNot (`op`): ToNumeric, then
// the Number or BigInt operation.
Value UnaryNumeric(Runtime& rt, Bytecode op, Value v);
bool HasPropertyOperator(Runtime& rt, Value key, Value object);
bool TypeOfIs(Value v, uint8_t literal_flag);
Value ToPropertyKeyValue(Runtime& rt, Value v);
// Calls (new_target empty) or constructs with the last list entry spread.
Value CallWithSpreadSlow(Runtime& rt, Value callee, const Value* list, uint32_t count, Value new_target);
Value CallRuntimeFunction(Runtime& rt, Frame& frame, RuntimeFunction id, Value* args, uint32_t argc);
// The frame's current context (nullptr when it has none).
Context* CurrentContextOf(const Frame& frame);
// InvokeIntrinsic (intrinsics.cc).
Value CallIntrinsic(Runtime& rt, Frame& frame, Intrinsic id, Value* args, uint32_t argc);
// The generator object in a Suspend/ResumeGenerator operand: one of the
// running function's (a damaged bytecode file gets a TypeError).
GeneratorObject* CheckedGenerator(Runtime& rt, Frame& frame, Value v);
// SuspendGenerator: the parameters, registers [first, first + count) and
// <context> into `gen`, which becomes suspended at `suspend_id`.
void SaveGeneratorState(Frame& frame, GeneratorObject* gen, int32_t first, uint32_t count,
                        uint32_t suspend_id, uint32_t bytecode_offset);
// ResumeGenerator: the registers back; returns the resumption's input.
Value RestoreGeneratorRegisters(Runtime& rt, Frame& frame, GeneratorObject* gen, int32_t first, uint32_t count);
Value ArrayFromIterable(Runtime& rt, Value iterable);
Value CreateArgumentsObject(Runtime& rt, Frame& frame, bool mapped);
Value CreateRestParameter(Runtime& rt, Frame& frame);
// An Array of the enumerable string keys of object and its prototypes (for-in).
Value ForInEnumerate(Runtime& rt, Value object);
// keys[index] if `receiver` still has it, else undefined.
Value ForInNext(Runtime& rt, Value receiver, Value cache, Value index);
// Enforces --max-steps and --timeout (throws JsTerminate).
void CheckLimits(Runtime& rt, uint64_t steps);

}  // namespace jsvm
