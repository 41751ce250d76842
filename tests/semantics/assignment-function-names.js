// NamedEvaluation: an assignment names an anonymous function after a bare
// identifier target only, not a parenthesized one.
var fn, g, h, k;
(fn) = function () {};
g = function () {};
(h) ??= function () {};
k ??= () => {};
var [m = function () {}] = [];

console.log(JSON.stringify([fn.name, g.name, h.name, k.name, m.name]));
var o = {}; (o.p) = function () {}; console.log(o.p.name);
