#!/usr/bin/env python3
"""Compare jsvm's context and closure bytecodes with real V8's, function by function.

Usage:
  v8-context-sequence.py [--jsvm PATH] [--v8-dir DIR] [--snippets DIR] [--suspension] [--known FILE] [-v] [NAME ...]

With --suspension (the modern snippets of ../shared/modern/v8-bytecode, whose
.js files sit beside their listings: --snippets and --v8-dir both point there)
the sequence also holds the suspension bytecodes of generators and async
functions: SwitchOnGeneratorState, SuspendGenerator [id], ResumeGenerator and
InvokeIntrinsic [_Name] (registers, constant-pool indexes and jump tables
dropped; the suspend id and the intrinsic's name kept).

For every snippet tests/golden/snippets/NAME.js that has a V8 listing DIR/NAME.txt
(DIR defaults to ../shared/reference/v8-bytecode beside the repository; those
listings are node v20's --print-bytecode output and are read in place, never
copied), this runs `jsvm disasm NAME.js` and extracts from both listings, per
function, the sequence of these bytecodes:

  CreateFunctionContext, CreateBlockContext, CreateCatchContext,
  PushContext, PopContext, CreateClosure,
  LdaCurrentContextSlot, LdaImmutableCurrentContextSlot, StaCurrentContextSlot,
  LdaContextSlot, LdaImmutableContextSlot, StaContextSlot,
  ThrowReferenceErrorIfHole

Normalisation (what may legitimately differ between the two engines):
  - PushContext/PopContext/CreateCatchContext registers and the <context>
    register operand of the depth-taking slot bytecodes are dropped: register
    allocation is ours to choose.
  - Constant-pool indexes are dropped or resolved: CreateBlockContext and
    CreateCatchContext keep no operand; CreateFunctionContext keeps its slot
    count; CreateClosure is shown with the closure's function name and
    ThrowReferenceErrorIfHole with the variable name, both read from the
    function's own constant pool.
  - Feedback slots and CreateClosure's flags are dropped.
  - Context slot numbers and depths are KEPT: they are the point of the check.

Immutable vs mutable loads MUST match.  V8 emits LdaImmutable[Current]ContextSlot
for a context variable that is never assigned after its initialisation (var,
let, const, parameter or catch variable alike, with or without a hole check);
the distinction is observable in the listing and feeds the optimiser, so a
generator that picks the other variant is reported.

Functions are matched by name: the Script is the first listing of each file;
every other function by the name inside <SharedFunctionInfo NAME> (V8's
debug names such as `data.<computed>` count as anonymous, as do our unnamed
functions).  Functions sharing a name (anonymous ones, same-named methods of
two classes) are paired most-similar sequence first, then in listing order.  A function present only in our listing
is reported as "not in V8 listing" but is no failure: V8 compiles lazily and
its listings hold only the functions that ran.  A function only in V8's
listing is a failure.

When a sequence differs, each differing instruction that is unreachable in
its own listing (after Return/Throw/ReThrow/Jump with no jump or handler
leading to it) is marked "[dead code]": V8's bytecode builder never emits
unreachable bytecodes, so such a difference points at dead-code elision, not
at scope analysis.

Known differences: tests/golden/v8-sequence-known-differences.txt lists
`SNIPPET FUNCTION REASON...` lines (FUNCTION is `(script)` for the top level,
`(anonymous)` for an unnamed one, `*` for a snippet jsvm cannot compile yet).  A difference listed there prints KNOWN and
does not fail; an entry that no longer differs prints STALE and fails, so the
list only shrinks.  The goal is an empty list.

Output: one line per snippet, MATCH, KNOWN or the first difference; then
`N passed, N failed`.  Exit 0 when nothing failed.  When ../shared (or the
--v8-dir given) is absent, prints "SKIPPED: ../shared not found" and exits 0.
"""

import argparse
import difflib
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SNIPPETS = os.path.join(HERE, 'snippets')
DEFAULT_V8_DIR = os.path.join(REPO, '..', 'shared', 'reference', 'v8-bytecode')
DEFAULT_KNOWN = os.path.join(HERE, 'v8-sequence-known-differences.txt')

SUSPENSION = False  # --suspension
SCRIPT = '(script)'
ANONYMOUS = '(anonymous)'

CONTEXT_BYTECODES = {
    'CreateFunctionContext', 'CreateBlockContext', 'CreateCatchContext',
    'PushContext', 'PopContext', 'CreateClosure',
    'LdaCurrentContextSlot', 'LdaImmutableCurrentContextSlot', 'StaCurrentContextSlot',
    'LdaContextSlot', 'LdaImmutableContextSlot', 'StaContextSlot',
    'ThrowReferenceErrorIfHole',
}
# --suspension: generators and async functions.
SUSPENSION_BYTECODES = {'SwitchOnGeneratorState', 'SuspendGenerator', 'ResumeGenerator', 'InvokeIntrinsic'}
# Bytecodes after which control never falls through.
NO_FALLTHROUGH = {'Return', 'Throw', 'ReThrow', 'Jump', 'JumpConstant', 'JumpLoop', 'Abort'}

HEADER_RE = re.compile(r'^\[generated bytecode for function: (.*?) \((?:0x[0-9a-f]+ )?<SharedFunctionInfo ?(.*)>\)\]$')
# V8:   "   12 E> 0x710228e36e6 @    0 : 83 00 01          CreateFunctionContext [0], [1]"
# jsvm: "   12 E> @    0 : CreateFunctionContext [0], [1]"
INSTR_RE = re.compile(r'^(?:\s*\d+ [SE]> |\s*)(?:0x[0-9a-f]+ )?@\s*(\d+) : (?:(?:[0-9a-f]{2} )+\s*)?'
                      r'([A-Z][A-Za-z0-9]*(?:\.[A-Za-z]+)?)(.*)$')
POOL_RE = re.compile(r'^\s+(\d+): (?:0x[0-9a-f]+ )?(.*)$')
HANDLER_RE = re.compile(r'^\s*\(\s*(\d+),\s*(\d+)\)\s*->\s*(\d+)')
TARGET_RE = re.compile(r'@ ?(\d+)\)|: @(\d+)')


def function_name(sfi_name):
    """The matching name of a function from its <SharedFunctionInfo NAME>."""
    name = sfi_name.strip()
    if not name or '<computed>' in name:
        return ANONYMOUS
    return name


class Function:
    """One listing: its name, instructions, constant pool and handler targets."""

    def __init__(self, name):
        self.name = name
        self.instructions = []   # (offset, mnemonic, operand text)
        self.pool = {}           # index -> entry text
        self.handlers = []       # handler offsets

    def reachable_offsets(self):
        by_offset = {off: i for i, (off, _, _) in enumerate(self.instructions)}
        seen = set()
        work = [0] + list(self.handlers)
        while work:
            off = work.pop()
            if off in seen or off not in by_offset:
                continue
            seen.add(off)
            i = by_offset[off]
            _, mnemonic, operands = self.instructions[i]
            for m in TARGET_RE.finditer(operands):
                work.append(int(m.group(1) or m.group(2)))
            if mnemonic.split('.')[0] not in NO_FALLTHROUGH and i + 1 < len(self.instructions):
                work.append(self.instructions[i + 1][0])
        return seen

    def pool_name(self, operand):
        """The name a constant-pool operand `[i]` refers to."""
        m = re.match(r'\[(\d+)\]', operand.strip())
        entry = self.pool.get(int(m.group(1)), '') if m else ''
        s = re.match(r'<String\[\d+\]: #(.*)>$', entry)
        if s:
            return s.group(1)
        f = re.match(r'<SharedFunctionInfo ?(.*)>$', entry)
        if f:
            return function_name(f.group(1))
        return '?' + entry

    def sequence(self):
        """The normalised context/closure bytecodes: list of (offset, text, reachable)."""
        reachable = self.reachable_offsets()
        out = []
        for off, mnemonic, operands in self.instructions:
            base = mnemonic.split('.')[0]
            if base not in CONTEXT_BYTECODES and not (SUSPENSION and base in SUSPENSION_BYTECODES):
                continue
            operands = operands.split('{')[0]  # a jump table's listing
            ops = [o.strip() for o in operands.split(',')] if operands.strip() else []
            if base in ('SwitchOnGeneratorState', 'ResumeGenerator'):
                text = base
            elif base == 'SuspendGenerator':
                text = '%s %s' % (base, ops[-1])
            elif base == 'InvokeIntrinsic':
                text = '%s %s' % (base, ops[0])
            elif base == 'CreateFunctionContext':
                text = '%s %s' % (base, ops[1])
            elif base in ('CreateBlockContext', 'CreateCatchContext', 'PushContext', 'PopContext'):
                text = base
            elif base == 'CreateClosure':
                text = '%s %s' % (base, self.pool_name(ops[0]))
            elif base == 'ThrowReferenceErrorIfHole':
                text = '%s %s' % (base, self.pool_name(ops[0]))
            elif base in ('LdaContextSlot', 'LdaImmutableContextSlot', 'StaContextSlot'):
                text = '%s %s, depth %s' % (base, ops[1], ops[2].strip('[]'))
            else:
                text = '%s %s' % (base, ops[0])
            out.append((off, text, off in reachable))
        return out


def parse_listing(text):
    """Splits a --print-bytecode listing into Functions, the Script first."""
    functions = []
    section = None
    for line in text.splitlines():
        m = HEADER_RE.match(line)
        if m:
            functions.append(Function(SCRIPT if not functions else function_name(m.group(2))))
            section = 'code'
            continue
        if not functions:
            continue
        f = functions[-1]
        if line.startswith('Constant pool'):
            section = 'pool'
        elif line.startswith('Handler Table'):
            section = 'handlers'
        elif line.startswith('Source Position Table'):
            section = None
        elif section == 'code':
            m = INSTR_RE.match(line)
            if m:
                f.instructions.append((int(m.group(1)), m.group(2), m.group(3)))
        elif section == 'pool':
            m = POOL_RE.match(line)
            if m:
                f.pool[int(m.group(1))] = m.group(2)
        elif section == 'handlers':
            m = HANDLER_RE.match(line)
            if m:
                f.handlers.append(int(m.group(3)))
    return functions


def texts(seq):
    return [t for _, t, _ in seq]


def pair_functions(v8_funcs, our_funcs):
    """Pairs V8's functions with ours by name; returns (pairs, only_v8, only_ours).

    Within a group of same-named functions the most similar sequences are
    paired first (difflib ratio), ties in listing order: V8 lists functions in
    compilation order, which need not be ours."""
    pairs, only_v8 = [], []
    unpaired = list(our_funcs)
    for name in dict.fromkeys(vf.name for vf in v8_funcs):
        group_v8 = [vf for vf in v8_funcs if vf.name == name]
        group_ours = [of for of in unpaired if of.name == name]
        candidates = []
        for i, vf in enumerate(group_v8):
            for j, of in enumerate(group_ours):
                ratio = difflib.SequenceMatcher(None, texts(vf.sequence()), texts(of.sequence())).ratio()
                candidates.append((-ratio, abs(i - j), i, j))
        used_v8, used_ours = set(), set()
        for _, _, i, j in sorted(candidates):
            if i in used_v8 or j in used_ours:
                continue
            used_v8.add(i)
            used_ours.add(j)
            pairs.append((group_v8[i], group_ours[j]))
            unpaired.remove(group_ours[j])
        only_v8.extend(vf for i, vf in enumerate(group_v8) if i not in used_v8)
    order = {id(vf): k for k, vf in enumerate(v8_funcs)}
    pairs.sort(key=lambda p: order[id(p[0])])
    return pairs, only_v8, unpaired


def first_difference(v8_seq, our_seq):
    """Describes the first differing position of two sequences, or None."""
    for i in range(max(len(v8_seq), len(our_seq))):
        v = v8_seq[i] if i < len(v8_seq) else None
        o = our_seq[i] if i < len(our_seq) else None
        if v and o and v[1] == o[1]:
            continue

        def show(item):
            if item is None:
                return '(end)'
            return '"%s" (@%d%s)' % (item[1], item[0], '' if item[2] else ', dead code')
        return 'item %d: V8 has %s, ours %s' % (i + 1, show(v), show(o))
    return None


def format_sequence(seq):
    return '; '.join(t + ('' if live else ' [dead]') for _, t, live in seq) or '(none)'


def load_known(path):
    known = {}
    if not os.path.exists(path):
        return known
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = line.split(None, 2)
            if len(parts) < 3:
                sys.exit('%s: need SNIPPET FUNCTION REASON: %s' % (path, line))
            known[(parts[0], parts[1])] = parts[2]
    return known


def find_jsvm(arg):
    if arg:
        return arg
    for candidate in ('build/jsvm', 'build/tools/jsvm'):
        path = os.path.join(REPO, candidate)
        if os.path.exists(path):
            return path
    sys.exit('jsvm not found: pass --jsvm PATH')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--jsvm', help='the jsvm binary (default: build/jsvm)')
    ap.add_argument('--v8-dir', default=DEFAULT_V8_DIR, help='folder of V8 listings NAME.txt')
    ap.add_argument('--known', default=DEFAULT_KNOWN, help='known-differences file')
    ap.add_argument('--snippets', default=SNIPPETS, help='folder of the snippets NAME.js (default: tests/golden/snippets)')
    ap.add_argument('--suspension', action='store_true', help='also compare the suspension bytecodes')
    ap.add_argument('-v', '--verbose', action='store_true', help='print both sequences of every differing function')
    ap.add_argument('names', nargs='*', help='snippet names to check (default: all)')
    args = ap.parse_args()
    global SUSPENSION
    SUSPENSION = args.suspension

    if not os.path.isdir(args.v8_dir):
        print('SKIPPED: ../shared not found (%s)' % os.path.normpath(args.v8_dir))
        return 0
    jsvm = find_jsvm(args.jsvm)
    known = load_known(args.known)
    used_known = set()

    if not os.path.isdir(args.snippets):
        print('SKIPPED: snippets not found (%s)' % os.path.normpath(args.snippets))
        return 0
    all_names = sorted(n[:-3] for n in os.listdir(args.snippets) if n.endswith('.js') and n != 'run-script.js')
    names = [n for n in all_names if n in args.names] if args.names else all_names
    passed = failed = 0
    for name in names:
        v8_path = os.path.join(args.v8_dir, name + '.txt')
        if not os.path.exists(v8_path):
            continue
        proc = subprocess.run([jsvm, 'disasm', name + '.js'], cwd=args.snippets, capture_output=True, text=True)
        if proc.returncode != 0:
            # A known entry with FUNCTION `*`: jsvm cannot compile the snippet yet.
            if (name, '*') in known:
                used_known.add((name, '*'))
                print('%s: KNOWN jsvm cannot compile it (%s)' % (name, known[(name, '*')]))
                passed += 1
                continue
            print('%s: FAIL jsvm disasm exited %d: %s' % (name, proc.returncode, proc.stderr.strip()))
            failed += 1
            continue
        with open(v8_path) as f:
            v8_funcs = parse_listing(f.read())
        our_funcs = parse_listing(proc.stdout)
        pairs, only_v8, only_ours = pair_functions(v8_funcs, our_funcs)

        problems = []   # (function, message, v8 seq, our seq)
        for vf in only_v8:
            problems.append((vf.name, 'in V8 listing, missing from ours', vf.sequence(), []))
        for vf, of in pairs:
            diff = first_difference(vf.sequence(), of.sequence())
            if diff:
                problems.append((vf.name, diff, vf.sequence(), of.sequence()))
        notes = ['%s not in V8 listing' % of.name for of in only_ours]

        unexplained = []
        for fn, msg, vs, os_ in problems:
            if (name, fn) in known:
                used_known.add((name, fn))
                print('%s: KNOWN %s: %s (%s)' % (name, fn, msg, known[(name, fn)]))
            else:
                unexplained.append((fn, msg, vs, os_))
        stale = [k for k in known if k[0] == name and k not in used_known]
        for k in stale:
            print('%s: STALE known difference for %s: it matches now, remove the entry' % (name, k[1]))
        note = ' (%s)' % ', '.join(notes) if notes else ''
        if unexplained or stale:
            failed += 1
            for fn, msg, vs, os_ in unexplained[:None if args.verbose else 1]:
                print('%s: DIFF in %s: %s%s' % (name, fn, msg, note))
                if args.verbose:
                    print('    V8:   %s' % format_sequence(vs))
                    print('    ours: %s' % format_sequence(os_))
            if not args.verbose and len(unexplained) > 1:
                print('    (%d more differing functions; -v shows all)' % (len(unexplained) - 1))
        else:
            passed += 1
            if not problems:
                print('%s: MATCH%s' % (name, note))

    for k in known:
        if k[0] not in all_names:
            print('%s: STALE known difference for %s: no such snippet' % k)
            failed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
