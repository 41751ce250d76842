// What the differential drivers share: a seeded random source that stands in
// for Math.random (eslump and shift-fuzzer draw only from Math.random, so a
// seed fixes a program), eslump loaded from a node_modules directory outside
// the repository, and a small pool that runs child processes two at a time.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

// sfc32 seeded through splitmix32: a 32-bit generator with a period far
// beyond what one program draws; returns a function like Math.random.
export function SeededRandom(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

// Runs fn with Math.random replaced by SeededRandom(seed).
export function WithSeed(seed, fn) {
  const saved = Math.random;
  Math.random = SeededRandom(seed);
  try {
    return fn();
  } finally {
    Math.random = saved;
  }
}

// eslump's generateRandomJS from MODULES/node_modules, or null when absent.
export function LoadEslump(modules) {
  try {
    const require = createRequire(path.join(path.resolve(modules), "node_modules", "index.js"));
    return require("eslump").generateRandomJS;
  } catch {
    return null;
  }
}

// The random classic script for a seed: eslump's generator in script mode,
// comments and random whitespace each on for half the seeds.
export function EslumpProgram(generate, seed) {
  return WithSeed(seed, () =>
    generate({ sourceType: "script", maxDepth: 7, comments: (seed & 1) === 1, whitespace: (seed & 2) === 2 }));
}

// Runs CMD ARGS, collecting stdout and stderr; resolves to
// {code, signal, stdout, stderr, timedOut}.
export function RunProcess(cmd, args, timeoutMs = 20000) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out = [], err = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, timeoutMs);
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(out).toString("utf8"),
                stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

// Calls work(i) for i in [0, count) with at most `jobs` calls pending at once.
export async function ForEachParallel(count, jobs, work) {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, worker));
}

// Parses --name value pairs (and bare --flag) into an object.
export function ParseArgs(argv, defaults) {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option --${m[1]}`);
    if (m[2] !== undefined) args[key] = m[2];
    else if (typeof defaults[key] === "boolean") args[key] = true;
    else args[key] = argv[++i];
  }
  return args;
}
