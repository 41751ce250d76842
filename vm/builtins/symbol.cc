// Symbol, Symbol.prototype and the well-known symbols.
#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"

namespace jsvm {

namespace {

// thisSymbolValue(v).
Symbol* ThisSymbol(Runtime& rt, Value v, const char* method) {
  if (v.IsSymbol()) return v.AsSymbol();
  if (v.IsCellOfKind(CellKind::kPrimitiveWrapper)) {
    Value p = static_cast<PrimitiveWrapper*>(v.AsObject())->primitive();
    if (p.IsSymbol()) return p.AsSymbol();
  }
  rt.ThrowTypeError(std::string(method) + " requires that 'this' be a Symbol");
}

Value SymbolConstructor(Runtime& rt, CallArgs& args) {
  if (args.is_construct()) rt.ThrowTypeError("Symbol is not a constructor");
  Value desc = args[0].IsUndefined() ? Value::Undefined() : Value::FromCell(ToString(rt, args[0]));
  Rooted<Value> d(rt, desc);
  return Value::FromCell(rt.NewSymbol(d));
}

Value SymbolFor(Runtime& rt, CallArgs& args) {
  Rooted<String*> key(rt, ToString(rt, args[0]));
  std::u16string k(key->view());
  auto& reg = StateOf(rt).symbol_registry;
  auto it = reg.find(k);
  if (it != reg.end()) return Value::FromCell(it->second);
  Symbol* sym = rt.NewSymbol(Value::FromCell(key.get()));
  StateOf(rt).symbol_registry[k] = sym;
  return Value::FromCell(sym);
}

Value SymbolKeyFor(Runtime& rt, CallArgs& args) {
  if (!args[0].IsSymbol()) rt.ThrowTypeError(DescribeForError(rt, args[0]) + " is not a symbol");
  Symbol* sym = args[0].AsSymbol();
  if (!sym->description().IsString()) return Value::Undefined();
  auto& reg = StateOf(rt).symbol_registry;
  auto it = reg.find(std::u16string(sym->description().AsString()->view()));
  if (it != reg.end() && it->second == sym) return sym->description();
  return Value::Undefined();
}

Value SymbolToString(Runtime& rt, CallArgs& args) {
  Symbol* sym = ThisSymbol(rt, args.this_value, "Symbol.prototype.toString");
  std::u16string text = u"Symbol(";
  if (sym->description().IsString()) text += sym->description().AsString()->view();
  text += u")";
  return StringValue(rt, text);
}

Value SymbolValueOf(Runtime& rt, CallArgs& args) {
  return Value::FromCell(ThisSymbol(rt, args.this_value, "Symbol.prototype.valueOf"));
}

Value SymbolToPrimitive(Runtime& rt, CallArgs& args) {
  return Value::FromCell(ThisSymbol(rt, args.this_value, "Symbol.prototype [ @@toPrimitive ]"));
}

Value SymbolDescription(Runtime& rt, CallArgs& args) {
  return ThisSymbol(rt, args.this_value, "Symbol.prototype.description")->description();
}

}  // namespace

void InstallSymbolBuiltins(Runtime& rt) {
  // The runtime creates the five symbols of WellKnownSymbols; the others
  // live in the built-ins' state.
  const WellKnownSymbols& wk = rt.symbols();
  BuiltinsState& st = StateOf(rt);
  auto make = [&rt](const char* desc) {
    Rooted<String*> d(rt, rt.InternUtf8(desc));
    return rt.NewSymbol(Value::FromCell(d.get()));
  };
  StateOf(rt).is_concat_spreadable = make("Symbol.isConcatSpreadable");
  StateOf(rt).unscopables = make("Symbol.unscopables");
  StateOf(rt).async_iterator = make("Symbol.asyncIterator");
  StateOf(rt).match = make("Symbol.match");
  StateOf(rt).match_all = make("Symbol.matchAll");
  StateOf(rt).replace = make("Symbol.replace");
  StateOf(rt).search = make("Symbol.search");
  StateOf(rt).split = make("Symbol.split");

  Object* proto = rt.intrinsics().symbol_prototype;
  NativeFunction* ctor = MakeConstructor(rt, "Symbol", SymbolConstructor, 0, proto);
  Rooted<Object*> c(rt, ctor);
  DefineMethod(rt, c, "for", SymbolFor, 1);
  DefineMethod(rt, c, "keyFor", SymbolKeyFor, 1);
  const std::pair<const char*, Symbol*> wells[] = {
      {"asyncIterator", st.async_iterator}, {"hasInstance", wk.has_instance},
      {"isConcatSpreadable", st.is_concat_spreadable}, {"iterator", wk.iterator},
      {"match", st.match}, {"matchAll", st.match_all}, {"replace", st.replace},
      {"search", st.search}, {"species", wk.species}, {"split", st.split},
      {"toPrimitive", wk.to_primitive}, {"toStringTag", wk.to_string_tag},
      {"unscopables", st.unscopables}};
  for (const auto& [name, sym] : wells) DefineValue(rt, c, name, Value::FromCell(sym), kAttrNone);
  // node 20 has the explicit resource management symbols (without `using`),
  // described as its own.
  for (const auto& [name, desc] : {std::pair{"dispose", "nodejs.dispose"}, std::pair{"asyncDispose", "nodejs.asyncDispose"}}) {
    Symbol* sym = make(desc);
    st.roots.push_back(Value::FromCell(sym));
    DefineValue(rt, c, name, Value::FromCell(sym), kAttrNone);
  }

  DefineMethod(rt, proto, "toString", SymbolToString, 0);
  DefineMethod(rt, proto, "valueOf", SymbolValueOf, 0);
  DefineGetter(rt, proto, "description", SymbolDescription);
  DefineMethod(rt, proto, wk.to_primitive, "[Symbol.toPrimitive]", SymbolToPrimitive, 1,
               kAttrConfigurable);
  DefineRaw(rt, proto, PropertyKey::Named(wk.to_string_tag), StringValueUtf8(rt, "Symbol"),
            kAttrConfigurable);
}

}  // namespace jsvm
