// String.prototype's HTML methods of Annex B (B.2.2.2-B.2.2.14): anchor, big,
// blink, bold, fixed, fontcolor, fontsize, italics, link, small, strike, sub
// and sup wrap the string in a tag (CreateHTML), e.g. "x".anchor('a"b') is
// '<a name="a&quot;b">x</a>'.
#include <utility>

#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"

namespace jsvm {

namespace {

// One HTML method: its name, its tag and, for the methods with an argument,
// the attribute the argument becomes.
struct HtmlMethod {
  const char* name;
  const char16_t* tag;
  const char16_t* attribute;  // empty: no argument
};

constexpr HtmlMethod kHtmlMethods[] = {
    {"anchor", u"a", u"name"},        {"big", u"big", u""},     {"blink", u"blink", u""},
    {"bold", u"b", u""},              {"fixed", u"tt", u""},    {"fontcolor", u"font", u"color"},
    {"fontsize", u"font", u"size"},   {"italics", u"i", u""},   {"link", u"a", u"href"},
    {"small", u"small", u""},         {"strike", u"strike", u""}, {"sub", u"sub", u""},
    {"sup", u"sup", u""},
};

// CreateHTML(this, tag, attribute, args[0]).
Value CreateHtml(Runtime& rt, CallArgs& args, const HtmlMethod& m) {
  if (args.this_value.IsNullish()) {
    rt.ThrowTypeError(std::string("String.prototype.") + m.name + " called on null or undefined");
  }
  Rooted<String*> s(rt, ToString(rt, args.this_value));
  std::u16string out = u"<";
  out += m.tag;
  if (*m.attribute) {
    Rooted<String*> v(rt, ToString(rt, args[0]));
    out += u" ";
    out += m.attribute;
    out += u"=\"";
    for (char16_t c : v->view()) {
      if (c == u'"') out += u"&quot;";
      else out += c;
    }
    out += u"\"";
  }
  out += u">";
  out += s->view();
  out += u"</";
  out += m.tag;
  out += u">";
  return StringValue(rt, out);
}

template <size_t I>
Value StringHtmlMethod(Runtime& rt, CallArgs& args) {
  return CreateHtml(rt, args, kHtmlMethods[I]);
}

template <size_t... I>
void DefineHtmlMethods(Runtime& rt, Object* proto, std::index_sequence<I...>) {
  (DefineMethod(rt, proto, kHtmlMethods[I].name, StringHtmlMethod<I>, *kHtmlMethods[I].attribute ? 1 : 0),
   ...);
}

}  // namespace

void InstallStringHtmlBuiltins(Runtime& rt) {
  Rooted<Object*> proto(rt, rt.intrinsics().string_prototype);
  DefineHtmlMethods(rt, proto, std::make_index_sequence<std::size(kHtmlMethods)>());
}

}  // namespace jsvm
