#!/usr/bin/env python3
"""Golden bytecode tests: `jsvm disasm` of every snippet against its expected listing.

Usage:
  golden-test.py [--jsvm PATH] [--rebaseline] [NAME ...]

For every tests/golden/snippets/NAME.js (or only the NAMEs given), runs
`jsvm disasm NAME.js` from the snippets folder and compares its output with
tests/golden/expected/NAME.txt.  On a mismatch it prints the snippet name and
the first differing line: its line number, the expected and the actual text.
An expected file without a snippet is reported as stale.

--rebaseline rewrites the expected files from the current output (and removes
stale ones).  Review the diff before committing it: the expected listings are
the reviewed record of what the generator emits.

Prints `N passed, N failed` last; exits 0 when every snippet matched.
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SNIPPETS = os.path.join(HERE, 'snippets')
EXPECTED = os.path.join(HERE, 'expected')


def find_jsvm(arg):
    if arg:
        return arg
    for candidate in ('build/jsvm', 'build/tools/jsvm'):
        path = os.path.join(REPO, candidate)
        if os.path.exists(path):
            return path
    sys.exit('jsvm not found: pass --jsvm PATH')


def disasm(jsvm, name):
    """Returns (listing, error): the disassembly of snippets/NAME.js."""
    proc = subprocess.run([jsvm, 'disasm', name + '.js'], cwd=SNIPPETS, capture_output=True, text=True)
    if proc.returncode != 0:
        return None, 'jsvm disasm exited %d: %s' % (proc.returncode, proc.stderr.strip())
    return proc.stdout, None


def first_difference(expected, actual):
    """(line number, expected line, actual line) of the first difference, or None."""
    exp_lines = expected.splitlines()
    act_lines = actual.splitlines()
    for i in range(max(len(exp_lines), len(act_lines))):
        e = exp_lines[i] if i < len(exp_lines) else '(end of file)'
        a = act_lines[i] if i < len(act_lines) else '(end of file)'
        if e != a:
            return i + 1, e, a
    if expected != actual:  # differs only in trailing newlines
        return len(exp_lines) + 1, repr(expected[-2:]), repr(actual[-2:])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--jsvm', help='the jsvm binary (default: build/jsvm)')
    ap.add_argument('--rebaseline', action='store_true', help='rewrite the expected files')
    ap.add_argument('names', nargs='*', help='snippet names (default: all)')
    args = ap.parse_args()
    jsvm = find_jsvm(args.jsvm)

    names = sorted(n[:-3] for n in os.listdir(SNIPPETS) if n.endswith('.js'))
    if args.names:
        unknown = sorted(set(args.names) - set(names))
        if unknown:
            sys.exit('no such snippet: %s' % ', '.join(unknown))
        names = [n for n in names if n in args.names]
    passed = failed = 0
    for name in names:
        expected_path = os.path.join(EXPECTED, name + '.txt')
        actual, error = disasm(jsvm, name)
        if error:
            print('FAIL %s: %s' % (name, error))
            failed += 1
            continue
        if args.rebaseline:
            old = open(expected_path).read() if os.path.exists(expected_path) else None
            if old != actual:
                with open(expected_path, 'w') as f:
                    f.write(actual)
                print('rebaselined %s' % name)
            passed += 1
            continue
        if not os.path.exists(expected_path):
            print('FAIL %s: no expected/%s.txt (run with --rebaseline)' % (name, name))
            failed += 1
            continue
        with open(expected_path) as f:
            expected = f.read()
        diff = first_difference(expected, actual)
        if diff:
            line, e, a = diff
            print('FAIL %s: line %d differs' % (name, line))
            print('  expected: %s' % e)
            print('  actual:   %s' % a)
            failed += 1
        else:
            passed += 1

    if not args.names:
        for stale in sorted(n[:-4] for n in os.listdir(EXPECTED) if n.endswith('.txt')):
            if stale in names:
                continue
            if args.rebaseline:
                os.remove(os.path.join(EXPECTED, stale + '.txt'))
                print('removed stale expected/%s.txt' % stale)
            else:
                print('FAIL %s: expected/%s.txt has no snippet' % (stale, stale))
                failed += 1

    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
