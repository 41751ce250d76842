// Browser test of `jsvm viz` (CTest `viewer`): opens the generated pages in
// headless chromium through playwright-core and drives them with the keyboard,
// as a user would.
//   node viewer-test.mjs --jsvm build/jsvm --seeds ../shared/conformance/seeds \
//        --modules build/viewer-node --out build
// Exit 77 (skipped) when chromium or playwright-core is not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const chromiumPath = args.chromium || '/usr/bin/chromium';
const outDir = path.resolve(args.out || '.');
const seeds = path.resolve(args.seeds);

if (!existsSync(chromiumPath)) {
  console.log(`SKIP: no chromium at ${chromiumPath} (apt-get install chromium)`);
  process.exit(SKIP);
}
let chromium;
try {
  chromium = createRequire(path.join(path.resolve(args.modules || '.'), 'package.json'))('playwright-core').chromium;
} catch (e) {
  console.log(`SKIP: playwright-core is not installed under ${args.modules} (tools/setup.sh installs it)`);
  process.exit(SKIP);
}
if (!existsSync(path.join(seeds, 'seed_d_closure_leak.js'))) {
  console.log(`SKIP: the seeds are not at ${seeds} (../shared is absent)`);
  process.exit(SKIP);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

// jsvm viz SCRIPT -o OUT; returns the page's file:// URL.
function viz(script, name, extra = []) {
  const page = path.join(outDir, name);
  execFileSync(args.jsvm, ['viz', script, '-o', page, ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
  return 'file://' + page;
}

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1250 } });
  page.setDefaultTimeout(180000);  // the machine may be busy; the long trace is 25 MB
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push('console: ' + msg.text()); });
  page.on('pageerror', (err) => errors.push('page error: ' + err.message));

  // 1. The closure leak: after fun returns, fun2 still holds fun's context with arr.
  await page.goto(viz(path.join(seeds, 'seed_d_closure_leak.js'), 'viewer-closure-leak.html'));
  const status = page.locator('#status');
  let returned = false;
  for (let i = 0; i < 50 && !returned; i++) {
    await page.keyboard.press('r');
    returned = /\bfun returned\b/.test(await status.textContent());
  }
  check(returned, 'pressing r reaches the return of fun: ' + (await status.textContent()));
  const funContext = page.locator('#contexts .ctx-box[data-name="context of fun"]');
  check(await funContext.count() === 1, 'the context chain shows one box for the context of fun');
  const boxText = (await funContext.first().textContent()) || '';
  const slots = await funContext.first().locator('text.slot').allTextContents();
  check(slots.some((t) => /^arr\b/.test(t)), 'the box holds arr: ' + slots.join(' | '));
  check(/held by fun2\b/.test(boxText), 'the box says fun2 holds it');
  const arrowLabels = await page.locator('#contexts .arrow-label').allTextContents();
  check(arrowLabels.some((t) => t.includes('fun2 \u2192 context of fun')), 'an arrow runs from fun2 to the context of fun: ' + arrowLabels.join(' | '));
  // [[Scopes]] of fun2, by clicking it.
  await page.locator('#contexts .clo-box', { hasText: 'fun2' }).first().click();
  const scopeTitles = await page.locator('#scopes .scope-title').allTextContents();
  const scopeNames = await page.locator('#scopes td.mono').allTextContents();
  check(scopeTitles.some((t) => t.startsWith('Closure (fun)')) && scopeNames.includes('arr'),
        '[[Scopes]] of fun2: ' + scopeTitles.join(', ') + '; names ' + scopeNames.join(', '));
  await page.screenshot({ path: path.join(outDir, 'viewer-screenshot.png'), fullPage: true });
  console.log('screenshot: ' + path.join(outDir, 'viewer-screenshot.png'));
  // Back and forth with the keyboard and the help overlay.
  await page.keyboard.press('Home');
  check((await status.textContent()).startsWith('start'), 'Home goes to the start');
  await page.keyboard.press('End');
  check((await page.locator('#output').textContent()).includes('function function true undefined'), 'End shows the whole output');
  await page.keyboard.press('?');
  check(await page.locator('#help').isVisible(), '? opens the help');
  await page.keyboard.press('Escape');

  // 2. The replaceThing leak climbs; clearing leak keeps the heap flat.
  // Both programs allocate alike, so the line saw-tooths in both; what
  // differs is what every collection leaves behind.
  const ratios = async (file) => {
    await page.goto(viz(path.join(seeds, file), file.replace(/\.js$/, '.html').replace(/_/g, '-')));
    const svg = page.locator('#chart svg');
    const at = async (name) => Number(await svg.getAttribute(name));
    const first = await at('data-first');
    return { last: (await at('data-last')) / first, afterGc: (await at('data-max-after-gc')) / first };
  };
  const leak = await ratios('seed_e_replace_thing.js');
  const fixed = await ratios('seed_e_replace_thing_nulled.js');
  check(leak.last > 20 && leak.afterGc > 20,
        `replaceThing: the heap chart climbs and collections free little (last/first = ${leak.last.toFixed(1)}, most after a collection / first = ${leak.afterGc.toFixed(1)})`);
  check(fixed.afterGc > 0 && fixed.afterGc < 5,
        `replaceThing with leak = null: every collection brings the heap back to where it started (most after a collection / first = ${fixed.afterGc.toFixed(1)})`);

  // 3. A long trace stays responsive: stepping does not rebuild from the start.
  const dir = mkdtempSync(path.join(tmpdir(), 'jsvm-viewer-'));
  const loop = path.join(dir, 'long-loop.js');
  writeFileSync(loop, 'let total = 0;\nfunction add(k) { return () => total += k; }\nfor (let i = 0; i < 9000; i++) add(i)();\nconsole.log(total);\n');
  const started = Date.now();
  await page.goto(viz(loop, 'viewer-long-loop.html'));
  await page.locator('#status').waitFor();
  const loadMs = Date.now() - started;
  const max = Number(await page.locator('#slider').getAttribute('max'));
  const t0 = Date.now();
  let slowest = 0;
  const press = async (key) => {
    await page.keyboard.press(key);
    slowest = Math.max(slowest, Number(await page.evaluate(() => document.body.dataset.renderMs)));
  };
  await press('End');
  for (let i = 0; i < 20; i++) await press('ArrowLeft');
  for (let i = 0; i < 5; i++) await press('Shift+ArrowLeft');
  await press('Home');
  const keyMs = (Date.now() - t0) / 27;
  const rows = await page.locator('#source .row, #bytecode .row').count();
  check(max > 100000, `the long trace has ${max} records`);
  check(slowest < 750, `each step renders in under 750 ms (slowest ${slowest} ms; ${keyMs.toFixed(0)} ms a key press, load ${loadMs} ms)`);
  check(rows < 200, `listings hold only the visible rows (${rows})`);

  // 4. The README's example at its last step: what natives wrote is there.
  // handlers.push filled the array, and through it the three onClick closures
  // keep the three makeWidget contexts alive.
  const example = fileURLToPath(new URL('../../examples/closure-leak.js', import.meta.url));
  await page.goto(viz(example, 'viewer-example.html'));
  await page.keyboard.press('End');
  const handlersNode = await page.locator('#heap .heap-node').evaluateAll((nodes) => nodes.map((n) => n.textContent));
  const heapLabels = await page.locator('#heap .heap-edge-label').allTextContents();
  check(handlersNode.some((t) => t.startsWith('Array(3)')) && heapLabels.includes('handlers'),
        'at the last step handlers shows 3 elements: ' + handlersNode.slice(0, 4).join(' | '));
  const widgetContexts = await page.locator('#contexts .ctx-box[data-name="context of makeWidget"]').count();
  check(widgetContexts === 3, `the three makeWidget contexts are in the context chain (${widgetContexts})`);
  const overflowing = await page.evaluate(() => [...document.querySelectorAll('#contexts text[data-fit], #heap text[data-fit]')]
    .filter((t) => t.getComputedTextLength() > Number(t.dataset.fit) + 0.5).map((t) => t.textContent));
  check(overflowing.length === 0, 'no label overflows its box: ' + overflowing.join(' | '));
  await page.screenshot({ path: path.join(outDir, 'viewer-example-end.png'), fullPage: true });

  // 5. Keyframes are not steps: stepping across them shows one executed
  // bytecode at a time, and frames are named by depth and function.
  await page.goto(viz(example, 'viewer-example-keyframes.html', ['--keyframe-interval', '25']));
  let last = -1, monotonic = true, keyframeShown = false;
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('ArrowRight');
    const text = await status.textContent();
    if (text.startsWith('keyframe')) keyframeShown = true;
    const m = /^step (\d+) /.exec(text);
    if (m) { monotonic = monotonic && Number(m[1]) > last; last = Number(m[1]); }
  }
  check(!keyframeShown && monotonic && last > 25, `stepping over keyframes: no keyframe shown, steps increase (to ${last})`);
  const frameTitles = await page.locator('#frames .frame h3').allTextContents();
  check(frameTitles.length > 0 && frameTitles.every((t) => /^depth \d+ \u00b7 \S/.test(t)),
        'frames are labelled by depth and function: ' + frameTitles.join(' | '));

  // 6. The event loop: setTimeout, Promise.then and await in one program.
  // The queues at three steps (the script's end, the first microtask, the
  // resumption after await), then the output in node's order.
  const loopProgram = fileURLToPath(new URL('event-loop.js', import.meta.url));
  await page.goto(viz(loopProgram, 'viewer-event-loop.html'));
  const items = (section) => page.locator(`#loop-${section} .loop-item`).allTextContents();
  let ended = false;
  for (let i = 0; i < 60 && !ended; i++) {
    await page.keyboard.press('r');
    ended = /<script> returned/.test(await status.textContent());
  }
  check(ended, 'pressing r reaches the end of the script: ' + (await status.textContent()));
  let jobs = await items('job'), timers = await items('timer'), suspended = await items('gen');
  check(jobs.length === 1 && /^#1 then callback/.test(jobs[0]), 'at the script\'s end the microtask queue holds the then callback: ' + jobs.join(' | '));
  check(timers.length === 2 && /^timer #1 setTimeout\(.*, 1\) · due at 1 ms/.test(timers[0]) && /^timer #2 setTimeout\(.*, 10\) · due at 10 ms/.test(timers[1]),
        'and the timers, by due time: ' + timers.join(' | '));
  check(suspended.length === 1 && /async function load, suspended at line 10/.test(suspended[0]) && /keeps context of load/.test(suspended[0]),
        'and load suspended at its await, keeping its context: ' + suspended.join(' | '));
  const genLabels = await page.locator('#contexts .arrow-label.gen').allTextContents();
  check(genLabels.some((t) => t.startsWith('load keeps context of load')), 'the context chain links the suspended load to its context: ' + genLabels.join(' | '));
  await page.screenshot({ path: path.join(outDir, 'viewer-event-loop.png'), fullPage: true });
  console.log('screenshot: ' + path.join(outDir, 'viewer-event-loop.png'));
  await page.keyboard.press('t');
  jobs = await items('job');
  const running = await page.locator('#frames [data-running]').allTextContents();
  const runningNow = await items('running');
  check(/microtask #1 leaves the queue/.test(await status.textContent()) && jobs.length === 0 &&
        running.length === 1 && running[0].includes('microtask #1: then callback') &&
        runningNow.length === 1 && runningNow[0].startsWith('\u25B6 microtask #1 then callback'),
        'pressing t moves microtask #1 from the queue to the stack: ' + running.join(' | '));
  let resumed = false;
  for (let i = 0; i < 10 && !resumed; i++) {
    await page.keyboard.press('t');
    resumed = /resume load after await/.test(await status.textContent());
  }
  const frames = await page.locator('#frames .frame h3').allTextContents();
  timers = await items('timer');
  suspended = await items('gen');
  check(resumed && frames.some((t) => /load \(resumed\)/.test(t)) && frames.some((t) => t.includes('resume load after await')) &&
        timers.length === 0 && suspended.length === 0 && /loop clock: 10 ms/.test(await page.locator('#loop').textContent()),
        'after both timers the await job resumes load on the stack: ' + frames.join(' | '));
  await page.keyboard.press('End');
  const nodeOutput = execFileSync(process.execPath, [loopProgram], { encoding: 'utf8' });
  const shown = await page.locator('#output').textContent();
  check(shown === nodeOutput && shown === 'a: start\nscript end\nthen 1\ntimeout 0\na: a data\ndone a\n',
        'the output is in node\'s order: ' + JSON.stringify(shown));

  check(errors.length === 0, 'no console errors: ' + errors.join('; '));
  rmSync(dir, { recursive: true, force: true });
} finally {
  await browser.close();
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
