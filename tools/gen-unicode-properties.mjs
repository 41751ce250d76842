#!/usr/bin/env node
// Writes vm/objects/unicode-properties.inc: the Unicode properties ECMAScript
// names (General_Category, Script, Script_Extensions, the binary properties
// and the v flag's properties of strings), as code point ranges and strings,
// for the regexp engine's \p{...} and the lexer's ID_Start / ID_Continue.
//
//   npm ci --prefix tools/unicode-data
//   node tools/gen-unicode-properties.mjs > vm/objects/unicode-properties.inc
//   node tools/gen-unicode-properties.mjs --check vm/objects/unicode-properties.inc
//
// --data DIR reads the packages from DIR/node_modules instead of
// tools/unicode-data/node_modules (the tests install them into the build).
//
// The data is the Unicode Character Database as the npm packages pinned in
// tools/unicode-data/package.json carry it for ECMAScript (regenerate-unicode-
// properties for the sets, unicode-property-aliases-ecmascript and unicode-
// property-value-aliases-ecmascript for the names). Before writing, every set
// is compared with what this node's own regexp engine matches, so the file
// holds node's Unicode (V8 takes \p from ICU); a node with another Unicode
// version than the packages' refuses, as the tables would disagree.
//
// Simple case folding (Canonicalize of /iu and /iv) comes from the same
// Unicode version's @unicode package (CaseFolding.txt's C and S mappings).
//
// --check exits 0 when the file equals what would be written from the
// packages (without the slow comparison with node, which writing did), 1
// when it differs (the first differing line is printed), and 77 (skip) when
// the packages are not installed or this node's Unicode is not the file's.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const kSkip = 77;
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dataAt = args.indexOf('--data');
const dataDir = dataAt >= 0 ? args.splice(dataAt, 2)[1] : join(here, 'unicode-data');
const require = createRequire(join(resolve(dataDir), 'package.json'));

async function loadCaseFolding(data) {
  // CaseFolding.txt's simple (S) and common (C) mappings: scf.
  const folding = new Map();
  for (const status of ['C', 'S']) {
    const url = require.resolve(`${data.ucdPackage}/Case_Folding/${status}/code-points.mjs`);
    const map = (await import(url)).default;
    for (const [from, to] of map) folding.set(from, to);
  }
  return [...folding].sort((a, b) => a[0] - b[0]);
}

function load() {
  try {
    return {
      sets: require('regenerate-unicode-properties'),
      version: require('regenerate-unicode-properties/unicode-version.js'),
      propertyAliases: require('unicode-property-aliases-ecmascript'),
      valueAliases: require('unicode-property-value-aliases-ecmascript'),
      pkgVersion: require('regenerate-unicode-properties/package.json').version,
      ucdPackage: `@unicode/unicode-${require('regenerate-unicode-properties/unicode-version.js')}`,
    };
  } catch {
    return null;
  }
}

const kKinds = {
  General_Category: 'kGeneralCategory',
  Script: 'kScript',
  Script_Extensions: 'kScriptExtensions',
  Binary_Property: 'kBinary',
  Property_of_Strings: 'kString',
};

// [lo, hi] inclusive ranges of a regenerate set.
function rangesOf(set) {
  const out = [];
  for (const cp of set.toArray()) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === cp) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

// The ranges node's engine matches for `\p{...}`: a global scan over every
// code point (surrogates one by one, so that no two pair up).
function nodeRanges(source) {
  const out = [];
  const add = (lo, hi) => {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === lo) last[1] = hi;
    else out.push([lo, hi]);
  };
  // Every code point of [from, to] has the same UTF-16 length, `width`.
  const scan = (from, to, width) => {
    let text = '';
    for (let c = from; c <= to; ++c) text += String.fromCodePoint(c);
    const re = new RegExp(`[${source}]+`, 'gu');
    for (const m of text.matchAll(re)) {
      const lo = from + m.index / width;
      add(lo, lo + m[0].length / width - 1);
    }
  };
  const single = new RegExp(`^[${source}]$`, 'u');
  scan(0, 0xd7ff, 1);
  for (let c = 0xd800; c <= 0xdfff; ++c) {
    if (single.test(String.fromCharCode(c))) add(c, c);
  }
  scan(0xe000, 0xffff, 1);
  scan(0x10000, 0x10ffff, 2);
  return out;
}

function sameRanges(a, b) {
  return a.length === b.length && a.every((r, i) => r[0] === b[i][0] && r[1] === b[i][1]);
}

// Every name ECMAScript accepts for a value, canonical first.
function namesOf(data, property, value) {
  const names = [value];
  if (property === 'Binary_Property') {
    for (const [alias, canonical] of data.propertyAliases) {
      if (canonical === value && alias !== value) names.push(alias);
    }
  } else if (property !== 'Property_of_Strings') {
    const aliases = data.valueAliases.get(property === 'Script_Extensions' ? 'Script' : property);
    for (const [alias, canonical] of aliases) {
      if (canonical === value && alias !== value && !names.includes(alias)) names.push(alias);
    }
  }
  return names;
}

// "17.0" and "17.0.0" are one version.
function sameVersion(a, b) {
  const norm = (v) => String(v).replace(/(\.0)+$/, '');
  return norm(a) === norm(b);
}

function hex(n) { return `0x${n.toString(16).toUpperCase()}`; }

function generate(data, folding, validate) {
  const properties = [];
  for (const [property, values] of data.sets) {
    const kind = kKinds[property];
    if (!kind) throw new Error(`unknown property ${property}`);
    for (const value of values) {
      const mod = require(`regenerate-unicode-properties/${property}/${value}.js`);
      const set = mod.characters ?? mod;
      const ranges = rangesOf(set);
      const strings = (mod.strings ?? []).map((s) => [...s].map((c) => c.codePointAt(0)));
      const names = namesOf(data, property, value);
      const prefix = kind === 'kGeneralCategory' ? 'gc=' : kind === 'kScript' ? 'sc=' :
                     kind === 'kScriptExtensions' ? 'scx=' : '';
      for (const name of names) {
        const source = `\\p{${prefix}${name}}`;
        let ok = true;
        try { new RegExp(source, kind === 'kString' ? 'v' : 'u'); } catch { ok = false; }
        if (!ok) throw new Error(`node does not accept ${source}`);
      }
      if (validate && kind !== 'kString' && !sameRanges(ranges, nodeRanges(`\\p{${prefix}${value}}`))) {
        throw new Error(`node's \\p{${prefix}${value}} differs from the package's`);
      }
      if (validate && kind === 'kString') {
        const whole = new RegExp(`^\\p{${value}}$`, 'v');
        for (const s of mod.strings) {
          if (!whole.test(s)) throw new Error(`node's \\p{${value}} lacks a string of the package's`);
        }
      }
      properties.push({ kind, names, ranges, strings });
    }
  }
  if (validate) {
    for (const [from, to] of folding) {
      const re = new RegExp(`^\\u{${from.toString(16)}}$`, 'ui');
      if (!re.test(String.fromCodePoint(to))) throw new Error(`node's /u{${from.toString(16)}}/ui does not match its folding`);
    }
  }
  const lines = [];
  lines.push(`// Generated by tools/gen-unicode-properties.mjs from regenerate-unicode-properties`);
  lines.push(`// ${data.pkgVersion} and ${data.ucdPackage} (Unicode ${data.version}), checked against`);
  lines.push(`// node's \\p and /iu. Do not edit.`);
  lines.push(`#define JSVM_UNICODE_PROPERTIES_VERSION "${data.version}"`);
  lines.push('');
  // Ranges: inclusive pairs, one property's after another's.
  lines.push('static constexpr char32_t kUnicodePropertyRanges[] = {');
  let rangeCount = 0;
  for (const p of properties) {
    p.firstRange = rangeCount;
    const items = p.ranges.map(([lo, hi]) => `${hex(lo)}, ${hex(hi)},`);
    for (let i = 0; i < items.length; i += 6) lines.push(`  ${items.slice(i, i + 6).join(' ')}`);
    rangeCount += p.ranges.length;
  }
  lines.push('};');
  lines.push('');
  // Strings: each is its length, then its code points.
  lines.push('static constexpr char32_t kUnicodePropertyStrings[] = {');
  let stringUnits = 0;
  for (const p of properties) {
    p.firstString = stringUnits;
    for (const s of p.strings) {
      lines.push(`  ${[s.length, ...s].map(hex).join(', ')},`);
      stringUnits += s.length + 1;
    }
  }
  if (stringUnits === 0) lines.push('  0,');
  lines.push('};');
  lines.push('');
  // Simple case folding (scf): code point, folded, in code point order.
  lines.push('static constexpr char32_t kSimpleCaseFolding[] = {');
  const pairs = folding.map(([from, to]) => `${hex(from)}, ${hex(to)},`);
  for (let i = 0; i < pairs.length; i += 6) lines.push(`  ${pairs.slice(i, i + 6).join(' ')}`);
  lines.push('};');
  lines.push('');
  lines.push('static constexpr UnicodePropertyEntry kUnicodeProperties[] = {');
  for (const p of properties) {
    lines.push(`  {UnicodePropertyKind::${p.kind}, "${p.names.join('|')}", ${p.firstRange}, ${p.ranges.length}, ` +
               `${p.firstString}, ${p.strings.length}},`);
  }
  lines.push('};');
  return lines.join('\n') + '\n';
}

const data = load();
if (args[0] === '--check') {
  const file = readFileSync(args[1], 'utf8');
  const version = /JSVM_UNICODE_PROPERTIES_VERSION "([^"]+)"/.exec(file)?.[1];
  if (!data) {
    console.log('skipped: the packages of tools/unicode-data are not installed');
    process.exit(kSkip);
  }
  if (!sameVersion(version, process.versions.unicode) || !sameVersion(data.version, version)) {
    console.log(`skipped: the file is Unicode ${version}, the packages ${data.version}, node ${process.versions.unicode}`);
    process.exit(kSkip);
  }
  const want = generate(data, await loadCaseFolding(data), false).split('\n');
  const have = file.split('\n');
  for (let i = 0; i < Math.max(want.length, have.length); ++i) {
    if (want[i] !== have[i]) {
      console.log(`line ${i + 1} differs:\n  file: ${have[i]}\n  want: ${want[i]}`);
      process.exit(1);
    }
  }
  console.log(`${args[1]} is up to date (Unicode ${version})`);
} else {
  if (!data) {
    console.error('install the data first: npm ci --prefix tools/unicode-data');
    process.exit(1);
  }
  if (!sameVersion(data.version, process.versions.unicode)) {
    console.error(`the packages hold Unicode ${data.version} but this node has ${process.versions.unicode}`);
    process.exit(1);
  }
  process.stdout.write(generate(data, await loadCaseFolding(data), true));
}
