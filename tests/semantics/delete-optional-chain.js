// delete through an optional chain: the chain's last property is deleted; a ?. that
// meets null or undefined makes the delete true (strict mode throws as a plain delete does).
var a = [0, { name: "x", other: 1 }];
console.log(delete a?.[1]?.name, a[1]);
console.log(delete a?.[1].other, a[1]);
var n = null;
console.log(delete n?.x, delete n?.[0], delete n?.a.b);
var o = { p: { q: 1 } };
console.log(delete o?.p.q, o);
console.log(delete (o?.p), o);
var f = Object.freeze({ k: 1 });
console.log(delete f?.k);
(function () { "use strict"; try { delete f?.k; } catch (e) { console.log(e.constructor.name, e.message); } })();
var g = { h() { return this; } };
console.log(delete g?.h(), delete g.nope?.(), delete g?.["h"], g);
