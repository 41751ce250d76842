#include "vm/interpreter/error-sites.h"

#include "vm/execution/handles.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"
#include "vm/execution/runtime.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

// The call-site entry of the instruction `frame` is at.
const CallSite* SiteOf(const Frame& frame) {
  return frame.info->call_sites.Find(static_cast<uint32_t>(frame.pc - frame.info->bytecode.data()));
}

}  // namespace

std::string DefaultCallSiteText(Runtime& rt, Value v) {
  std::string text = TypeOf(rt, v).AsString()->ToUtf8();
  if (v.IsString()) return text + " \"" + v.AsString()->ToUtf8() + "\"";
  if (v.IsNull()) return text + " null";
  if (v.IsBoolean()) return text + (v.IsTrue() ? " true" : " false");
  if (v.IsNumber()) return text + " " + NumberToStdString(v.AsNumber());
  return text;
}

void ThrowAtCallSite(Runtime& rt, const Frame& frame, Value v, CallSiteKind fallback) {
  const CallSite* site = SiteOf(frame);
  CallSiteKind kind = site ? site->kind : fallback;
  const CallSiteTable& table = frame.info->call_sites;
  std::string text = site ? Utf16ToUtf8(table.Text(*site)) : std::string();
  std::string property = site ? Utf16ToUtf8(table.Property(*site)) : std::string();
  const char* as_it_is = v.IsNull() ? "null" : "undefined";
  switch (kind) {
    case CallSiteKind::kCall:
      rt.ThrowTypeError((text.empty() ? DescribeForError(rt, v) : text) + " is not a function");
    case CallSiteKind::kConstruct:
      rt.ThrowTypeError((text.empty() ? DescribeForError(rt, v) : text) + " is not a constructor");
    case CallSiteKind::kIterable:
      if (!site) rt.ThrowTypeError(DescribeForError(rt, v) + " is not iterable");
      if (text.empty()) {
        rt.ThrowTypeError(DefaultCallSiteText(rt, v) +
                          " is not iterable (cannot read property Symbol(Symbol.iterator))");
      }
      rt.ThrowTypeError(text + " is not iterable");
    case CallSiteKind::kCallIterable:
      rt.ThrowTypeError(text + " is not a function or its return value is not iterable");
    case CallSiteKind::kSpread:
      if (!v.IsNullish()) rt.ThrowTypeError("Spread syntax requires ...iterable[Symbol.iterator] to be a function");
      rt.ThrowTypeError((text.empty() ? DefaultCallSiteText(rt, v) : text) +
                        " is not iterable (cannot read property " + as_it_is + ")");
    case CallSiteKind::kDestructure: case CallSiteKind::kNestedPattern:
      if (text.empty()) text = DefaultCallSiteText(rt, v);
      if (!property.empty() && kind == CallSiteKind::kNestedPattern) {
        rt.ThrowTypeError(std::string("Cannot read properties of ") + as_it_is + " (reading '" + property + "')");
      }
      if (!property.empty()) {
        rt.ThrowTypeError("Cannot destructure property '" + property + "' of '" + text + "' as it is " + as_it_is + ".");
      }
      rt.ThrowTypeError("Cannot destructure '" + text + "' as it is " + as_it_is + ".");
  }
  rt.ThrowTypeError(DescribeForError(rt, v) + " is not a function");
}

void ThrowCalledNonCallable(Runtime& rt, Value v) {
  const Frame* frame = rt.interpreter().current_frame();
  if (frame && frame->pc) {
    const CallSite* site = SiteOf(*frame);
    if (site && site->kind == CallSiteKind::kCall && site->text_length > 0) {
      rt.ThrowTypeError(Utf16ToUtf8(frame->info->call_sites.Text(*site)) + " is not a function");
    }
  }
  rt.ThrowTypeError(DefaultCallSiteText(rt, v) + " is not a function");
}

Value GetIteratorAtSite(Runtime& rt, const Frame& frame, Value v, Value* next_method) {
  Rooted<Value> rv(rt, v);
  Value method = v.IsNullish() ? Value::Undefined() : GetValueProperty(rt, v, PropertyKey::Named(rt.symbols().iterator));
  if (!IsCallable(method)) ThrowAtCallSite(rt, frame, rv, CallSiteKind::kIterable);
  return GetIteratorFromMethod(rt, rv, method, next_method);
}

}  // namespace jsvm
