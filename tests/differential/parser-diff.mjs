#!/usr/bin/env node
// The parser differential: random classic scripts from eslump (seeded, so a
// seed range is reproducible) are parsed by node (`new vm.Script`, in this
// process) and compiled by `jsvm compile` (one process each); both must accept
// or both reject. Every disagreement is classified:
//   unimplemented:FEATURE  jsvm rejects at the head of a construct it does not
//                          implement yet (with statements, class fields, ...),
//                          or parses yield/await but cannot generate code for them
//   known:ID               a listed disagreement (parser-known.json) with its reason
//                          (optionally only when acorn, which follows the spec,
//                          agrees with jsvm)
//   unexplained            anything else: a parser bug to fix or to list
// and a jsvm crash (a signal, an exit code other than 0 and 1, an internal
// error or a timeout) is always a failure.
//
//   node parser-diff.mjs --jsvm build/jsvm --modules build/differential-node \
//        [--from 0] [--count 300] [--jobs 2] [--out DIR] [--summary FILE.md]
//        [--seeds FILE]   (instead of --from/--count: the seeds of FILE, one
//                          a line or the results.jsonl of an earlier --out)
//
// Exits 0 when every disagreement is explained and nothing crashed, 1 when
// not, 77 (skipped) when eslump is not installed in MODULES.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { EslumpProgram, ForEachParallel, LoadEslump, ParseArgs, RunProcess } from "./seeded.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = ParseArgs(process.argv.slice(2), {
  jsvm: "", modules: "", from: "0", count: "300", jobs: "2", out: "", summary: "",
  known: path.join(here, "parser-known.json"), verbose: false, seeds: "",
});
const generate = LoadEslump(args.modules);
if (!generate) {
  console.log(`SKIP: eslump is not installed in ${args.modules} (tools/setup.sh installs it)`);
  process.exit(77);
}
const acorn = createRequire(path.join(path.resolve(args.modules), "node_modules", "index.js"))("acorn");
const known = JSON.parse(fs.readFileSync(args.known, "utf8"));
const seeds = args.seeds
  ? fs.readFileSync(args.seeds, "utf8").split("\n").filter((l) => l.trim())
      .map((l) => (l.startsWith("{") ? JSON.parse(l).seed : Number(l)))
  : null;
const from = Number(args.from), count = seeds ? seeds.length : Number(args.count);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "jsvm-parser-diff-"));

// node's verdict: null when it parses, else the SyntaxError's message.
function NodeVerdict(src) {
  try {
    new vm.Script(src, { filename: "random.js" });
    return null;
  } catch (e) {
    return String(e && e.message);
  }
}

// jsvm's verdict: {error, line, col} (error null when it compiles) or
// {crash} for anything that is not a clean accept or SyntaxError.
async function JsvmVerdict(file) {
  const r = await RunProcess(args.jsvm, ["compile", file, "-o", "/dev/null"]);
  if (r.timedOut) return { crash: "timeout" };
  if (r.signal) return { crash: `signal ${r.signal}: ${r.stderr.slice(0, 400)}` };
  if (r.code === 0) return { error: null };
  const m = /^[^\n]*?:(\d+):(\d+): (SyntaxError|RangeError): ([^\n]*)/.exec(r.stderr);
  if (r.code !== 1 || !m) return { crash: `exit ${r.code}: ${r.stderr.slice(0, 400)}` };
  return { error: `${m[3]}: ${m[4]}`, line: Number(m[1]), col: Number(m[2]) };
}

// The UTF-16 offset of jsvm's 1-based LINE:COL (line terminators as in the spec).
function Offset(src, line, col) {
  let offset = 0;
  for (let l = 1; l < line && offset < src.length; offset++) {
    const c = src[offset];
    if (c === "\r" && src[offset + 1] === "\n") offset++;
    if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") l++;
  }
  return offset + col - 1;
}

// The unimplemented constructs (acorn's AST, ES2024) whose head, from their
// start up to their body, holds OFFSET: {features: [name]}, or {parseError}.
// With IN_TEMPLATE (jsvm's error is "Missing } in template expression", at
// the start of a template's expression): the first construct that starts
// inside that expression.
function FeaturesAt(src, offset, inTemplate = false) {
  let tree;
  try {
    tree = acorn.parse(src, { ecmaVersion: 2024, sourceType: "script", allowReturnOutsideFunction: false });
  } catch (e) {
    return { parseError: String(e.message) };
  }
  const found = [];
  let range = null;  // the template expression, with IN_TEMPLATE
  let inside = [];   // the constructs that start in it
  const head = (node, body) => range ? node.start >= range.start && node.start < range.end
                                     : offset >= node.start && offset <= (body ? body.start : node.end);
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object" || typeof node.type !== "string") return;
    if (inTemplate && node.type === "TemplateLiteral" && !range) {
      range = node.expressions.find((e) => e.start === offset) || null;
      if (range) {
        const before = found.length;
        visit(range);
        inside = found.slice(before);
        range = "done";
        return;
      }
    }
    switch (node.type) {
      case "WithStatement": if (head(node, node.body)) found.push("with statements"); break;
      case "PropertyDefinition": if (head(node, node.value)) found.push("class fields"); break;
      case "StaticBlock": if (head(node, null)) found.push("class static blocks"); break;
      case "PrivateIdentifier": if (head(node, null)) found.push("private names"); break;
      case "ImportExpression": if (head(node, node.source)) found.push("dynamic import"); break;
      case "Literal": if (node.bigint !== undefined && head(node, null)) found.push("BigInt literals"); break;
    }
    for (const key of Object.keys(node)) if (key !== "type") visit(node[key]);
  };
  visit(tree);
  // The innermost construct is the one jsvm stopped at; in a template
  // expression the first one.
  return { features: inside.length ? inside : found.reverse() };
}

// acorn's verdict (ES2024, script): true when it parses SRC.
function AcornAccepts(src) {
  try {
    acorn.parse(src, { ecmaVersion: 2024, sourceType: "script" });
    return true;
  } catch {
    return false;
  }
}

// The bytecode generator's errors for what it cannot compile yet (the
// program parsed): the message names the feature.
const kCodegenGaps = [
  [/^SyntaxError: unsupported expression (Yield|Await)$/, "yield/await code generation"],
  [/^SyntaxError: 'with' statements are not supported$/, "with statements"],
  [/^SyntaxError: class fields are not supported yet$/, "class fields"],
];

function Classify(src, jsvm, nodeError) {
  const direction = jsvm.error === null ? "jsvm accepts, node rejects" : "jsvm rejects, node accepts";
  for (const k of known) {
    if (k.direction !== direction) continue;
    if (k.jsvm && !(jsvm.error && new RegExp(k.jsvm).test(jsvm.error))) continue;
    if (k.node && !(nodeError && new RegExp(k.node).test(nodeError))) continue;
    if (k.source && !new RegExp(k.source).test(src)) continue;
    // "acorn": "accepts" / "rejects": acorn (the spec) sides with jsvm.
    if (k.acorn && AcornAccepts(src) !== (k.acorn === "accepts")) continue;
    return { direction, cls: `known:${k.id}` };
  }
  for (const [message, feature] of kCodegenGaps) {
    if (jsvm.error !== null && message.test(jsvm.error)) return { direction, cls: `unimplemented:${feature}` };
  }
  if (jsvm.error !== null) {
    const offset = Offset(src, jsvm.line, jsvm.col);
    const at = FeaturesAt(src, offset, jsvm.error === "SyntaxError: Missing } in template expression");
    if (at.features && at.features.length) return { direction, cls: `unimplemented:${at.features[0]}` };
    if (at.parseError) return { direction, cls: "unexplained", note: `acorn: ${at.parseError}` };
  }
  return { direction, cls: "unexplained" };
}

const counts = { programs: 0, agreeAccept: 0, agreeReject: 0, crashes: 0 };
const classes = new Map();  // "direction | class" -> {count, seeds}
const failures = [];
let results = null;
if (args.out) {
  fs.mkdirSync(path.join(args.out, "programs"), { recursive: true });
  results = fs.openSync(path.join(args.out, "results.jsonl"), "w");
}
const started = Date.now();

await ForEachParallel(count, Number(args.jobs), async (i) => {
  const seed = seeds ? seeds[i] : from + i;
  const src = EslumpProgram(generate, seed);
  const nodeError = NodeVerdict(src);
  const file = path.join(work, `${seed}.js`);
  fs.writeFileSync(file, src);
  const jsvm = await JsvmVerdict(file);
  fs.unlinkSync(file);
  counts.programs++;
  let record = null;
  if (jsvm.crash) {
    counts.crashes++;
    record = { seed, cls: "crash", detail: jsvm.crash, nodeError };
    failures.push(record);
  } else if ((jsvm.error === null) === (nodeError === null)) {
    if (nodeError === null) counts.agreeAccept++; else counts.agreeReject++;
  } else {
    const c = Classify(src, jsvm, nodeError);
    const key = `${c.direction} | ${c.cls}`;
    const entry = classes.get(key) || { count: 0, seeds: [] };
    entry.count++;
    if (entry.seeds.length < 5) entry.seeds.push(seed);
    classes.set(key, entry);
    record = { seed, direction: c.direction, cls: c.cls, jsvm: jsvm.error, at: jsvm.line && `${jsvm.line}:${jsvm.col}`,
               node: nodeError, note: c.note };
    if (c.cls === "unexplained") failures.push(record);
  }
  if (record && args.out) {
    fs.writeSync(results, JSON.stringify(record) + "\n");
    fs.writeFileSync(path.join(args.out, "programs", `${seed}.js`), src);
  }
  if (args.verbose && counts.programs % 1000 === 0)
    console.error(`${counts.programs} programs, ${Math.round((Date.now() - started) / 1000)} s`);
});
fs.rmSync(work, { recursive: true, force: true });

const seconds = (Date.now() - started) / 1000;
const lines = [];
lines.push(`${seeds ? `The ${count} seeds of ${path.basename(args.seeds)}` : `Seeds ${from}..${from + count - 1}`} (${counts.programs} programs, eslump script mode, ${seconds.toFixed(0)} s):`);
lines.push("");
lines.push("| outcome | programs | first seeds |");
lines.push("|---|---|---|");
lines.push(`| both accept | ${counts.agreeAccept} | |`);
lines.push(`| both reject | ${counts.agreeReject} | |`);
for (const [key, e] of [...classes].sort((a, b) => b[1].count - a[1].count))
  lines.push(`| ${key} | ${e.count} | ${e.seeds.join(", ")} |`);
lines.push(`| jsvm crashes | ${counts.crashes} | ${failures.filter((f) => f.cls === "crash").slice(0, 5).map((f) => f.seed).join(", ")} |`);
const report = lines.join("\n");
console.log(report);
if (args.summary) fs.writeFileSync(args.summary, report + "\n");
for (const f of failures.slice(0, 20)) console.log(`FAIL ${JSON.stringify(f)}`);
if (failures.length > 20) console.log(`... ${failures.length - 20} more failures`);
const passed = counts.programs - failures.length;
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
