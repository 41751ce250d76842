#include "vm/interpreter/private-names.h"

#include <string>

#include "vm/execution/operations.h"
#include "vm/objects/function.h"
#include "vm/objects/object.h"

namespace jsvm {

namespace {

std::string Describe(Symbol* name) {
  return name->description().IsString() ? name->description().AsString()->ToUtf8() : std::string();
}

// The own slot of a private field or brand, or -1 (primitives have none).
int FindPrivate(Value object, Symbol* key) {
  return object.IsObject() ? object.AsObject()->FindNamed(key) : -1;
}

// Whether `object` carries the brand a private method or accessor needs: its
// class's brand symbol, or for a static member the class constructor itself.
bool HasBrand(Value object, Symbol* name) {
  Value brand = name->brand();
  if (brand.IsSymbol()) return FindPrivate(object, brand.AsSymbol()) >= 0;
  return object == brand;
}

[[noreturn]] void ThrowBrandError(Runtime& rt, Symbol* name) {
  Value brand = name->brand();
  if (brand.IsSymbol()) rt.ThrowTypeError("Receiver must be an instance of class " + Describe(brand.AsSymbol()));
  std::string class_name;
  if (brand.IsCellOfKind(CellKind::kFunction)) {
    String* n = static_cast<Function*>(brand.AsCell())->info()->name;
    if (n) class_name = n->ToUtf8();
  }
  rt.ThrowTypeError("Receiver must be class " + class_name);
}

void CheckBrand(Runtime& rt, Value object, Symbol* name) {
  if (!HasBrand(object, name)) ThrowBrandError(rt, name);
}

}  // namespace

bool FillPrivateFieldIC(Runtime& rt, PropertyIC& ic, Value obj, Symbol* key) {
  if (key->private_kind() != PrivateKind::kField || !obj.IsObject()) return false;
  Object* o = obj.AsObject();
  int i = o->FindNamed(key);
  if (i < 0 || o->shape()->is_dictionary()) return false;
  ic = PropertyIC{};
  ic.epoch = rt.shapes().epoch();
  ic.kind = ICKind::kPrivateField;
  ic.levels = 1;
  ic.kinds[0] = o->kind();
  ic.shapes[0] = o->shape();
  ic.slot = static_cast<uint32_t>(i);
  ic.private_key = key;
  return true;
}

Value PrivateGet(Runtime& rt, Value object, Symbol* name) {
  switch (name->private_kind()) {
    case PrivateKind::kMethod:
      CheckBrand(rt, object, name);
      return name->getter();
    case PrivateKind::kAccessor: {
      CheckBrand(rt, object, name);
      if (name->getter().IsUndefined()) rt.ThrowTypeError("'" + Describe(name) + "' was defined without a getter");
      return Call(rt, name->getter(), object, nullptr, 0);
    }
    default: {
      int i = FindPrivate(object, name);
      if (i < 0) {
        rt.ThrowTypeError("Cannot read private member " + Describe(name) +
                          " from an object whose class did not declare it");
      }
      return object.AsObject()->named_value(i);
    }
  }
}

void PrivateSet(Runtime& rt, Value object, Symbol* name, Value value) {
  switch (name->private_kind()) {
    case PrivateKind::kMethod:
      CheckBrand(rt, object, name);
      rt.ThrowTypeError("Private method '" + Describe(name) + "' is not writable");
    case PrivateKind::kAccessor: {
      CheckBrand(rt, object, name);
      if (name->setter().IsUndefined()) rt.ThrowTypeError("'" + Describe(name) + "' was defined without a setter");
      Call(rt, name->setter(), object, &value, 1);
      return;
    }
    default: {
      int i = FindPrivate(object, name);
      if (i < 0) {
        rt.ThrowTypeError("Cannot write private member " + Describe(name) +
                          " to an object whose class did not declare it");
      }
      object.AsObject()->set_named_value(i, value);
      return;
    }
  }
}

void PrivateDefine(Runtime& rt, Value object, Symbol* name, Value value) {
  if (!object.IsObject()) rt.ThrowTypeError("invalid bytecode: defining a private member on a non-object");
  bool brand = name->private_kind() == PrivateKind::kBrand;
  if (!brand && name->private_kind() != PrivateKind::kField) {
    rt.ThrowTypeError("invalid bytecode: defining a private method as a field");
  }
  if (FindPrivate(object, name) >= 0) {
    if (brand) rt.ThrowTypeError("Cannot initialize private methods of class " + Describe(name) + " twice on the same object");
    rt.ThrowTypeError("Cannot initialize " + Describe(name) + " twice on the same object");
  }
  // Not [[DefineOwnProperty]]: no proxy trap, no extensibility check.
  object.AsObject()->AddNamed(rt, name, value, kAttrWritable);
}

bool PrivateIn(Runtime& rt, Value object, Symbol* name) {
  if (!object.IsObject()) {
    Rooted<Value> robj(rt, object);
    rt.ThrowTypeError("Cannot use 'in' operator to search for '" + Describe(name) + "' in " +
                      (robj.get().IsString() ? robj.get().AsString()->ToUtf8() : DescribeForError(rt, robj)));
  }
  switch (name->private_kind()) {
    case PrivateKind::kMethod:
    case PrivateKind::kAccessor:
      return HasBrand(object, name);
    default:
      return FindPrivate(object, name) >= 0;
  }
}

}  // namespace jsvm
