// Unicode 17 as node 20 has it: \p{...} sets, /iu and /i case-insensitive
// matching, and identifiers (ID_Start / ID_Continue), including characters
// assigned after Unicode 15 (Debian 12's ICU).
const show = (label, v) => console.log(label, JSON.stringify(v));

// Scripts assigned in Unicode 16 (Garay, Todhri) and 17 (Sidetic).
show("Garay", /\p{Script=Garay}/u.test("\u{10D50}"));
show("Todhri", /^\p{sc=Todr}+$/u.test("\u{105C0}\u{105C1}"));
show("Sidetic", /\p{Script=Sidetic}/u.test("\u{10940}"));
show("scx wider than sc", [/\p{sc=Beng}/u.test("\u0951"), /\p{scx=Beng}/u.test("\u0951")]);
show("gc aliases", [/\p{Lu}/u.test("A"), /\p{gc=Uppercase_Letter}/u.test("a"), /\p{digit}/u.test("\u0966")]);
show("matchAll over a mixed string", [..."aΩ1\u{10D50}x".matchAll(/\p{L}/gu)].map((m) => m.index));

// Names are exact: no loose matching.
for (const src of ["\\p{lu}", "\\p{Script=latin}", "\\p{WhiteSpace}", "\\p{RGI_Emoji}"]) {
  try {
    new RegExp(src, "u");
    show(src, "ok");
  } catch (e) {
    show(src, e.constructor.name);
  }
}
show("RGI_Emoji with v", /^\p{RGI_Emoji}$/v.test("\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"));
show("Emoji_Keycap_Sequence", "#\uFE0F\u20E3 5\uFE0F\u20E3".match(/\p{Emoji_Keycap_Sequence}/gv).length);

// Case folding: Unicode 16's simple foldings and new case pairs.
show("/iu U+1FD3 ~ U+0390", [/[\u0390]/iu.test("\u1fd3"), /\u1fe3/iu.test("\u03b0")]);
show("/iu Garay pair", /\u{10D50}/iu.test("\u{10D70}"));
show("/i U+019B ~ U+A7DC", [/\u019b/i.test("\ua7dc"), /[\u0264]/i.test("\ua7cb")]);
show("/i keeps ß and K", [/\u00df/i.test("\u1e9e"), /k/i.test("\u212a"), /k/iu.test("\u212a")]);

// Identifiers: ID_Start / ID_Continue, not "any letter-like code point".
const ident = (src) => {
  try {
    return (0, eval)(src);
  } catch (e) {
    return e.constructor.name;
  }
};
show("var ℘", ident("var \u2118x = 1; \u2118x"));
show("var a·b", ident("var a\u00b7b = 2; a\u00b7b"));
show("var ·a", ident("var \u00b7a = 3"));
show("var ∑", ident("var \u2211 = 4"));
show("vertical tilde", ident("var a\u2e2f = 5"));
show("Garay identifier", ident("var \u{10D50}\u{10D51} = 6; \u{10D50}\u{10D51}"));
show("escaped Garay", ident("var \\u{10D50} = 7; \u{10D50}"));
show("group name", "xy".replace(/(?<\u{10D50}>y)/u, "[$<\u{10D50}>]"));
