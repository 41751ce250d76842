// A generator of random programs that compute and print (console.log), for
// the execution differential (exec-diff.mjs): closures (also capturing let
// and var loop variables), loops with break/continue and labels, try/catch/
// finally with return, break and throw inside, getters and setters (object
// literals, classes, defineProperty), arrays and their methods, string
// building. Deterministic from a seed; every loop is bounded, every name
// unique, and nothing depends on the engine (no Date, Math.random, error
// message texts or property order of non-literal objects), so node's output
// is the expected one. `node exec-gen.mjs SEED` prints the program.
import { SeededRandom } from "./seeded.mjs";

export function GenerateProgram(seed) {
  const rnd = SeededRandom(seed);
  const int = (a, b) => a + Math.floor(rnd() * (b - a + 1));
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p) => rnd() < p;
  let counter = 0;
  const readonly = new Set();  // loop counters, constants and parameters: never assigned
  const fresh = (prefix) => `${prefix}${counter++}`;
  const out = [];
  let indent = 0;
  const emit = (line) => out.push("  ".repeat(indent) + line);

  // The environment: variables by type visible at this point.
  // {num: [...], str: [...], arr: [...], fn: [...] (number -> number), obj: [{name, props}]}
  const newEnv = (parent) => ({
    num: [...(parent ? parent.num : [])], str: [...(parent ? parent.str : [])],
    arr: [...(parent ? parent.arr : [])], fn: [...(parent ? parent.fn : [])],
    obj: [...(parent ? parent.obj : [])],
    inLoop: parent ? parent.inLoop : false, inFunction: parent ? parent.inFunction : false,
    labels: parent ? [...parent.labels] : [],
  });

  const smallInt = () => String(int(-3, 12));
  function num(env, d) {
    const choices = [() => smallInt()];
    if (env.num.length) choices.push(() => pick(env.num), () => pick(env.num));
    if (d > 0) {
      choices.push(
        () => `(${num(env, d - 1)} ${pick(["+", "-", "*", "+", "-"])} ${num(env, d - 1)})`,
        () => `(${num(env, d - 1)} % ${int(2, 7)})`,
        () => `(${num(env, d - 1)} / ${int(1, 8)})`,
        () => `(${bool(env, d - 1)} ? ${num(env, d - 1)} : ${num(env, d - 1)})`,
        () => `${str(env, d - 1)}.length`,
        () => `Math.max(${num(env, d - 1)}, ${num(env, d - 1)})`,
        () => `(${num(env, d - 1)} | 0)`,
        () => `(${num(env, d - 1)} << ${int(0, 4)})`,
        () => `((${num(env, d - 1)}) ** ${int(0, 3)})`,
        () => `Math.round(${num(env, d - 1)} * ${int(1, 9)} / 7)`,
        () => `[${num(env, d - 1)}, ${num(env, d - 1)}].at(${int(-2, 1)})`,
        () => `((a, b = ${smallInt()}, ...r) => a * 2 + b + r.length)(${num(env, d - 1)})`,
        () => `(function () { return arguments.length + arguments[0]; })(${num(env, d - 1)}, ${smallInt()})`,
        () => `(({ x, y = ${smallInt()} }) => x - y)({ x: ${num(env, d - 1)} })`);
      if (env.arr.length) {
        choices.push(
          () => `${pick(env.arr)}.length`,
          () => `${pick(env.arr)}.indexOf(${num(env, d - 1)})`,
          () => `${pick(env.arr)}.reduce((acc, x) => acc + x, ${smallInt()})`,
          () => `(${pick(env.arr)}[${int(0, 4)}] ?? ${smallInt()})`,
          () => `${pick(env.arr)}.filter((x) => x > ${smallInt()}).length`,
          () => `${pick(env.arr)}.lastIndexOf(${num(env, d - 1)})`,
          () => `(${pick(env.arr)}.findLast((x) => x < ${smallInt()}) ?? -1)`,
          () => `${pick(env.arr)}.findIndex((x) => x === ${smallInt()})`);
      }
      if (env.fn.length) choices.push(() => `${pick(env.fn)}(${num(env, d - 1)})`, () => `${pick(env.fn)}(${num(env, d - 1)})`);
      if (env.obj.length) {
        choices.push(() => {
          const o = pick(env.obj);
          return `${o.name}.${pick(o.props)}`;
        });
      }
      if (env.str.length) choices.push(() => `${pick(env.str)}.charCodeAt(0) % 7`);
    }
    return pick(choices)();
  }
  const words = ["a", "b", "xy", "foo", "bar", "q", "", "z9", "é", "-"];
  function str(env, d) {
    const choices = [() => JSON.stringify(pick(words))];
    if (env.str.length) choices.push(() => pick(env.str), () => pick(env.str));
    if (d > 0) {
      choices.push(
        () => `(${str(env, d - 1)} + ${num(env, d - 1)})`,
        () => `\`<\${${str(env, d - 1)}}:\${${num(env, d - 1)}}>\``,
        () => `${str(env, d - 1)}.toUpperCase()`,
        () => `${str(env, d - 1)}.slice(${int(0, 2)}, ${int(2, 6)})`,
        () => `String(${num(env, d - 1)})`,
        () => `${str(env, d - 1)}.padStart(${int(0, 6)}, "*")`,
        () => `${str(env, d - 1)}.repeat(${int(0, 2)})`,
        () => `(typeof ${pick([num, str, arr])(env, d - 1)})`,
        () => `(${num(env, d - 1)} / ${int(3, 9)}).toFixed(${int(0, 3)})`,
        () => `${str(env, d - 1)}.split("").reverse().join("")`,
        () => `${str(env, d - 1)}.replaceAll("a", "A").trim()`,
        () => `String.fromCharCode(65 + (${num(env, d - 1)} & 15))`,
        () => `(${str(env, d - 1)} || "empty")`,
        () => `String(${num(env, d - 1)} / ${pick(["0", "-0", "3", "1e21", "0.1"])})`);
      if (env.arr.length) {
        choices.push(
          () => `${pick(env.arr)}.join(${JSON.stringify(pick([",", "-", ""]))})`,
          () => `JSON.stringify(${pick(env.arr)})`,
          () => `${pick(env.arr)}.map((x) => x * ${int(-2, 3)}).join()`,
          () => `[${pick(env.arr)}[${int(0, 5)}], null, , ${num(env, d - 1)}].join("|")`);
      }
    }
    return pick(choices)();
  }
  function arr(env, d) {
    const lit = () => `[${Array.from({ length: int(0, 4) }, () => num(env, Math.max(0, d - 1))).join(", ")}]`;
    const choices = [lit];
    if (env.arr.length) choices.push(() => pick(env.arr));
    if (d > 0) {
      choices.push(
        () => `${arr(env, d - 1)}.map((x, i) => x + i * ${int(1, 3)})`,
        () => `${arr(env, d - 1)}.filter((x) => x % 2 === 0)`,
        () => `${arr(env, d - 1)}.slice(${int(0, 2)})`,
        () => `${arr(env, d - 1)}.concat(${lit()})`,
        () => `[...${arr(env, d - 1)}, ${num(env, d - 1)}]`,
        () => `Array.from({ length: ${int(0, 4)} }, (_, i) => i * ${num(env, d - 1)})`,
        () => `${arr(env, d - 1)}.slice().sort((a, b) => a - b)`,
        () => `${arr(env, d - 1)}.slice().sort()`,
        () => `[${arr(env, d - 1)}, [${num(env, d - 1)}]].flat()`,
        () => `Array(${int(0, 3)}).fill(${num(env, d - 1)})`,
        () => `${arr(env, d - 1)}.flatMap((x) => [x, -x])`);
    }
    return pick(choices)();
  }
  function bool(env, d) {
    const choices = [
      () => `(${num(env, d)} ${pick(["<", ">", "<=", "===", "!=="])} ${num(env, d)})`,
      () => pick(["true", "false"]),
    ];
    if (d > 0) {
      choices.push(() => `!${bool(env, d - 1)}`, () => `(${bool(env, d - 1)} && ${bool(env, d - 1)})`,
                   () => `${str(env, d - 1)}.includes(${JSON.stringify(pick(words))})`);
      if (env.arr.length) choices.push(() => `${pick(env.arr)}.includes(${num(env, d - 1)})`,
                                       () => `${pick(env.arr)}.some((x) => x > ${smallInt()})`);
    }
    return pick(choices)();
  }
  const any = (env, d) => pick([num, str, bool])(env, d);

  const print = (env) => emit(`console.log(${pick([
    () => any(env, 2),
    () => `${str(env, 1)}, ${num(env, 1)}`,
    () => `JSON.stringify(${arr(env, 2)})`,
  ])()});`);

  // Statements. Each returns nothing; declarations extend env.
  function declare(env) {
    const kind = pick(["let", "var", "const"]);
    const type = pick(["num", "num", "str", "arr"]);
    const name = fresh(type === "num" ? "n" : type === "str" ? "s" : "a");
    const init = type === "num" ? num(env, 2) : type === "str" ? str(env, 2) : arr(env, 2);
    emit(`${kind} ${name} = ${init};`);
    env[type].push(name);
    if (kind === "const" && type !== "arr") readonly.add(name);
  }
  function assign(env) {
    const mutable = (t) => env[t].filter((n) => !readonly.has(n));
    const t = pick(["num", "str", "arr"]);
    if (!mutable(t).length) return print(env);
    const name = pick(mutable(t));
    if (t === "num") emit(`${name} ${pick(["=", "+=", "-=", "*="])} ${num(env, 2)};`);
    else if (t === "str") emit(`${name} = (${name} + ${str(env, 1)}).slice(-12);`);
    else emit(pick([
      () => `${name}.push(${num(env, 1)});`,
      () => `${name}.pop();`,
      () => `${name}.unshift(${num(env, 1)});`,
      () => `${name}.splice(${int(0, 2)}, ${int(0, 2)}, ${num(env, 1)});`,
      () => `${name}.reverse();`,
      () => `${name}[${int(0, 3)}] = ${num(env, 1)};`,
      () => `if (${name}.length > 6) ${name}.length = 3;`,
    ])());
  }
  function block(env, d, body) {
    indent++;
    const inner = newEnv(env);
    const n = int(1, 3);
    for (let i = 0; i < n; i++) (body || statement)(inner, d);
    indent--;
    return inner;
  }
  function loopControl(env) {
    if (!env.inLoop || !chance(0.5)) return;
    const label = env.labels.length && chance(0.3) ? " " + pick(env.labels) : "";
    emit(`if (${bool(env, 1)}) ${pick(["break", "continue"])}${label};`);
  }
  function loop(env, d) {
    const i = fresh("i");
    const label = chance(0.2) ? fresh("L") : null;
    const prefix = label ? `${label}: ` : "";
    const decl = pick(["let", "var"]);
    const bound = int(0, 5);
    readonly.add(i);
    const inner = newEnv(env);
    inner.inLoop = true;
    if (label) inner.labels.push(label);
    const kind = pick(["for", "for", "forof", "while", "do"]);
    const closures = chance(0.4) ? fresh("fs") : null;
    if (closures) emit(`const ${closures} = [];`);
    if (kind === "for") {
      emit(`${prefix}for (${decl} ${i} = 0; ${i} < ${bound}; ${i}++) {`);
      inner.num.push(i);
    } else if (kind === "forof") {
      emit(`${prefix}for (${decl} ${i} of ${arr(env, 1)}) {`);
      inner.num.push(i);
    } else if (kind === "while") {
      emit(`${decl} ${i} = 0;`);
      emit(`${prefix}while (${i} < ${bound}) {`);
      indent++;
      emit(`${i}++;`);
      indent--;
      inner.num.push(i);
    } else {
      emit(`${decl} ${i} = 0;`);
      emit(`${prefix}do {`);
      indent++;
      emit(`${i}++;`);
      indent--;
      inner.num.push(i);
    }
    indent++;
    if (closures) emit(`${closures}.push(() => ${i} * 10 + ${num(inner, 1)});`);
    loopControl(inner);
    const n = int(1, 3);
    for (let k = 0; k < n; k++) statement(inner, d - 1);
    loopControl(inner);
    indent--;
    emit(kind === "do" ? `} while (${i} < ${bound});` : "}");
    if (closures) emit(`console.log(${closures}.map((f) => f()).join(" "));`);
  }
  function ifStatement(env, d) {
    emit(`if (${bool(env, 2)}) {`);
    block(env, d - 1);
    if (chance(0.5)) {
      emit("} else {");
      block(env, d - 1);
    }
    emit("}");
  }
  function tryStatement(env, d) {
    const e = fresh("e");
    const hasCatch = chance(0.7);
    emit("try {");
    block(env, d - 1, (inner, dd) => {
      statement(inner, dd - 1);
      // Only a try with a catch throws: an escaping throw would end the program.
      if (hasCatch && chance(0.4)) emit(`if (${bool(inner, 1)}) throw ${pick([str, num])(inner, 1)};`);
    });
    if (hasCatch) {
      emit(`} catch (${e}) {`);
      indent++;
      emit(`console.log("caught", ${e});`);
      indent--;
    }
    if (!hasCatch || chance(0.5)) {
      emit("} finally {");
      block(env, d - 1, (inner) => { print(inner); loopControl(inner); });
    }
    emit("}");
  }
  // A function of one number returning a number, maybe a closure over a
  // counter, with try/finally and early returns; added to env.fn.
  function functionDecl(env, d) {
    const f = fresh("f");
    const p = fresh("p");
    const inner = newEnv(env);
    inner.inFunction = true;
    inner.inLoop = false;
    inner.labels = [];
    inner.num.push(p);
    const style = pick(["plain", "counter", "finally", "recursive"]);
    if (style === "counter") {
      const c = fresh("k");
      emit(`const ${f} = (() => {`);
      indent++;
      emit(`let ${c} = ${smallInt()};`);
      emit(`return (${p}) => { ${c} += ${p}; return ${c} % 1000; };`);
      indent--;
      emit("})();");
    } else if (style === "finally") {
      const log = fresh("log");
      emit(`const ${log} = [];`);
      emit(`function ${f}(${p}) {`);
      indent++;
      emit("try {");
      indent++;
      emit(`if (${p} > ${smallInt()}) return ${num(inner, 1)};`);
      emit(`for (let j = 0; j < 3; j++) { if (j === ${p} % 3) return j + ${p}; }`);
      indent--;
      emit("} finally {");
      indent++;
      emit(`${log}.push(${p});`);
      if (chance(0.3)) emit(`if (${log}.length % 4 === 0) return -${log}.length;`);
      indent--;
      emit("}");
      emit(`return ${num(inner, 1)};`);
      indent--;
      emit("}");
      emit(`${f}(${smallInt()}); ${f}(${smallInt()});`);
      emit(`console.log(${log}.join("/"));`);
    } else if (style === "recursive") {
      emit(`function ${f}(${p}) {`);
      indent++;
      emit(`if (!(${p} > 0) || ${p} > 20) return ${num(inner, 1)};`);
      emit(`return ${f}(${p} - 1) + ${num(inner, 1)};`);
      indent--;
      emit("}");
    } else {
      emit(`function ${f}(${p}) {`);
      block(inner, d - 1, (ii, dd) => statement(ii, Math.min(dd, 1)));
      indent++;
      emit(`return ${num(inner, 2)};`);
      indent--;
      emit("}");
    }
    env.fn.push(f);
  }
  function objectWithAccessors(env) {
    const o = fresh("o");
    const backing = fresh("b");
    const props = [];
    const kind = pick(["literal", "class", "define"]);
    const getter = fresh("g");
    props.push(getter);
    if (kind === "literal") {
      emit(`const ${o} = {`);
      indent++;
      emit(`${backing}: ${num(env, 1)},`);
      emit(`get ${getter}() { return this.${backing} * 2; },`);
      emit(`set ${getter}(v) { this.${backing} = v + 1; },`);
      indent--;
      emit("};");
    } else if (kind === "class") {
      const C = fresh("C");
      emit(`class ${C} {`);
      indent++;
      emit(`constructor(x) { this.${backing} = x; }`);
      emit(`get ${getter}() { return this.${backing} - 1; }`);
      emit(`set ${getter}(v) { this.${backing} = v * 3; }`);
      emit(`static make(x) { return new ${C}(x + 1); }`);
      indent--;
      emit("}");
      emit(`const ${o} = ${C}.make(${num(env, 1)});`);
    } else {
      emit(`const ${o} = { ${backing}: ${num(env, 1)} };`);
      emit(`Object.defineProperty(${o}, "${getter}", { get() { return this.${backing} + 5; }, set(v) { this.${backing} = v; }, enumerable: ${pick(["true", "false"])} });`);
    }
    props.push(backing);
    env.obj.push({ name: o, props });
    emit(`${o}.${getter} = ${num(env, 1)};`);
    emit(`console.log(${o}.${getter}, Object.keys(${o}).join());`);
  }
  // Nested labelled loops whose try/finally mixes break, continue and return.
  function finallyControl(env) {
    const f = fresh("fc");
    const p = fresh("p");
    const inner = newEnv(env);
    inner.num.push(p);
    const cond = () => `${p} % ${int(2, 5)} === ${int(0, 2)} || ${bool(inner, 0)}`;
    emit(`function ${f}(${p}) {`);
    indent++;
    emit(`let r = "";`);
    emit(`outer: for (let a = 0; a < ${int(1, 3)}; a++) {`);
    indent++;
    emit(`for (${pick(["let", "var"])} b = 0; b < ${int(1, 3)}; b++) {`);
    indent++;
    emit("try {");
    indent++;
    emit(`if (${cond()}) continue outer;`);
    emit(`if (${cond()}) break;`);
    emit(`if (${cond()}) return r + "R";`);
    emit(`if (${cond()}) throw a;`);
    emit(`r += a + "" + b;`);
    emit(`${p}++;`);
    indent--;
    emit(`} ${chance(0.5) ? "catch (x) { r += \"c\" + x; } " : ""}finally {`);
    indent++;
    emit(`r += "f";`);
    if (chance(0.5)) emit(`if (${cond()}) break outer;`);
    if (chance(0.3)) emit(`if (${cond()}) return r + "F";`);
    indent--;
    emit("}");
    indent--;
    emit("}");
    indent--;
    emit("}");
    emit(`return r;`);
    indent--;
    emit("}");
    emit(`try { console.log(${f}(${smallInt()}), ${f}(${smallInt()})); } catch (x) { console.log("threw", x); }`);
  }
  // A subclass whose accessor calls the base class's through super.
  function inheritance(env) {
    const B = fresh("B"), D = fresh("D"), v = fresh("v");
    emit(`class ${B} { constructor(x) { this.x = x; } get ${v}() { return this.x * 2; } m(k) { return k + this.x; } }`);
    emit(`class ${D} extends ${B} {`);
    indent++;
    emit(`constructor(x) { super(x + 1); this.y = ${num(env, 1)}; }`);
    emit(`get ${v}() { return super.${v} + this.y; }`);
    emit(`set ${v}(n) { this.x = n; }`);
    emit(`m(k) { return super.m(k) * 2; }`);
    indent--;
    emit("}");
    const o = fresh("d");
    emit(`const ${o} = new ${D}(${num(env, 1)});`);
    emit(`${o}.${v} = ${num(env, 1)};`);
    emit(`console.log(${o}.${v}, ${o}.m(${smallInt()}), ${o} instanceof ${B}, Object.keys(${o}).join());`);
  }
  function switchStatement(env) {
    emit(`switch (${num(env, 1)} % 4) {`);
    indent++;
    for (const c of [0, 1, 2].filter(() => chance(0.8))) {
      emit(`case ${c}:`);
      indent++;
      print(env);
      if (chance(0.5)) emit("break;");
      indent--;
    }
    emit("default:");
    indent++;
    print(env);
    indent--;
    indent--;
    emit("}");
  }
  // Errors thrown by the engine: only their class is printed (messages differ).
  function engineError(env) {
    const e = fresh("e");
    const bad = pick(["null.x", "undefined()", "(1).x.y", "new Array(-1)", "x_undeclared_", "(() => { \"use strict\"; undeclared_ = 1; })()",
                      "Object.defineProperty(Object.freeze({}), \"a\", { value: 1 })", "[].reduce((a, b) => a)"]);
    emit(`try { ${bad}; } catch (${e}) { console.log(${e}.name, ${e} instanceof Error, ${e}.constructor === globalThis[${e}.name]); }`);
  }
  // Two closures sharing one binding, and closures made in a loop over var and let.
  function sharedClosures(env) {
    const mk = fresh("mk"), p = fresh("p");
    emit(`function ${mk}(${p}) {`);
    indent++;
    emit(`let n = ${p};`);
    emit(`const fns = [];`);
    emit(`for (${pick(["var", "let"])} q = 0; q < ${int(1, 4)}; q++) { ${pick(["var", "let"])} w = q * n; fns.push(() => q + ":" + w + ":" + n); }`);
    emit(`return { inc: () => ++n, get: () => n, all: () => fns.map((f) => f()).join(",") };`);
    indent--;
    emit("}");
    const c = fresh("c");
    emit(`const ${c} = ${mk}(${num(env, 1)});`);
    emit(`${c}.inc(); ${chance(0.5) ? `${c}.inc();` : ""}`);
    emit(`console.log(${c}.get(), ${c}.all());`);
  }
  function statement(env, d) {
    const choices = [declare, declare, assign, assign, print];
    if (d > 0) choices.push(loop, loop, ifStatement, tryStatement, functionDecl, objectWithAccessors, finallyControl,
                            inheritance, switchStatement, engineError, sharedClosures);
    pick(choices)(env, d);
  }

  const env = newEnv(null);
  const n = int(6, 14);
  for (let i = 0; i < n; i++) statement(env, 3);
  // Print the state at the end.
  for (const t of ["num", "str", "arr"])
    for (const name of env[t].slice(-3)) emit(`console.log(${JSON.stringify(name)}, JSON.stringify(${name}));`);
  return out.join("\n") + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(GenerateProgram(Number(process.argv[2] || 0)));
