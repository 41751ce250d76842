#!/usr/bin/env node
// The execution differential: programs from exec-gen.mjs (one per seed) run
// by node and by `jsvm run`; stdout and the exit status must be equal.
//
//   node exec-diff.mjs --jsvm build/jsvm [--from 0] [--count 300] [--jobs 2] [--out DIR]
//
// A program node itself does not run to the end (exit status not 0) is a
// generator bug and fails too. Differences go to DIR (default: a temporary
// directory) as SEED.js, SEED.node, SEED.jsvm. Seeds listed in
// exec-known.json (with the reason) are run and reported but do not fail.
// Exits 0 when every program agrees.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GenerateProgram } from "./exec-gen.mjs";
import { ForEachParallel, ParseArgs, RunProcess } from "./seeded.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = ParseArgs(process.argv.slice(2), {
  jsvm: "", node: process.execPath, from: "0", count: "300", jobs: "2", out: "",
  known: path.join(here, "exec-known.json"), verbose: false,
});
const known = new Map(JSON.parse(fs.readFileSync(args.known, "utf8")).map((k) => [k.seed, k.reason]));
const from = Number(args.from), count = Number(args.count);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "jsvm-exec-diff-"));
const out = args.out || path.join(work, "differences");
fs.mkdirSync(out, { recursive: true });

const Describe = (r) => r.timedOut ? "timeout" : r.signal ? `signal ${r.signal}` : `exit ${r.code}`;
let agree = 0, knownCount = 0;
const failures = [];
const started = Date.now();
await ForEachParallel(count, Number(args.jobs), async (i) => {
  const seed = from + i;
  const src = GenerateProgram(seed);
  const file = path.join(work, `${seed}.js`);
  fs.writeFileSync(file, src);
  const expected = await RunProcess(args.node, [file], 20000);
  const actual = await RunProcess(args.jsvm, ["run", file], 20000);
  fs.unlinkSync(file);
  let why = null;
  if (expected.code !== 0) why = `node: ${Describe(expected)} (a generator bug): ${expected.stderr.slice(0, 300)}`;
  else if (actual.code !== 0) why = `jsvm: ${Describe(actual)}: ${actual.stderr.slice(0, 300)}`;
  else if (actual.stdout !== expected.stdout) {
    const a = actual.stdout.split("\n"), e = expected.stdout.split("\n");
    let line = 0;
    while (line < a.length && a[line] === e[line]) line++;
    why = `stdout differs at line ${line + 1}: node ${JSON.stringify(e[line])}, jsvm ${JSON.stringify(a[line])}`;
  }
  if (why === null) { agree++; return; }
  fs.writeFileSync(path.join(out, `${seed}.js`), src);
  fs.writeFileSync(path.join(out, `${seed}.node`), expected.stdout + expected.stderr);
  fs.writeFileSync(path.join(out, `${seed}.jsvm`), actual.stdout + actual.stderr);
  if (known.has(seed)) { knownCount++; console.log(`KNOWN seed ${seed}: ${known.get(seed)}`); return; }
  failures.push({ seed, why });
  if (args.verbose) console.error(`FAIL seed ${seed}: ${why}`);
});
if (!args.out && failures.length === 0) fs.rmSync(work, { recursive: true, force: true });

for (const f of failures.slice(0, 20)) console.log(`FAIL seed ${f.seed}: ${f.why}`);
if (failures.length) console.log(`programs and both outputs in ${out}`);
console.log(`Seeds ${from}..${from + count - 1}: ${agree} agree, ${knownCount} known, ${failures.length} differ ` +
            `(${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(`${agree + knownCount} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
