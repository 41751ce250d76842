#!/usr/bin/env python3
"""The parser against test262's syntax tests for generators and async code.

  test262-parse.py --jsvm BUILD/jsvm [--shared DIR] [--jobs N] [-v]

Selects every test of ../shared/test262/test/language in a directory whose
name (any path component) mentions gen, async, await or yield (generators,
async functions, arrows, methods and generators, yield, await, for-await-of,
their class and object method forms and destructuring families), except
module code, import() and `using` declarations (not ES2024), and tests of
features the parser does not have yet (UNSUPPORTED_FEATURES: private
methods and static blocks; counted as skipped). Each test is
compiled with `jsvm compile FILE -o /dev/null` in the modes its flags ask for
(sloppy and "use strict"; onlyStrict; noStrict/raw) without running it:
  - a negative test of phase `parse` must be rejected with a SyntaxError;
  - any other test must parse: compiling it may fail only in the bytecode
    generator ("unsupported expression Yield", "... not supported").
test262-parse-known.txt lists the files that may disagree (`PATH: reason`);
a listed file that agrees fails, so the list only shrinks. Exit 0 when all
agree or are listed, 1 otherwise, 77 (skipped) without ../shared/test262.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SELECT = re.compile(r"gen|async|await|yield")
EXCLUDE = re.compile(r"(^|/)(module-code|dynamic-import|import|await-using|using)(/|$)")
# test262 feature tags the parser does not implement yet (remove one when it does).
UNSUPPORTED_FEATURES = {"class-methods-private", "class-static-methods-private", "class-fields-private",
                        "class-static-fields-private", "class-static-block", "decorators"}
# What the bytecode generator says about what it cannot compile yet.
CODEGEN_GAP = re.compile(r"^(unsupported (expression|statement) |.* not supported)")


def select(language):
    files = []
    for dirpath, _, names in os.walk(language):
        rel = os.path.relpath(dirpath, language)
        if not SELECT.search(rel) or EXCLUDE.search(rel):
            continue
        files += [os.path.join(dirpath, n) for n in names if n.endswith(".js") and "_FIXTURE" not in n]
    return sorted(files)


def read_known(path):
    known = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    name, _, reason = line.partition(": ")
                    known[name] = reason
    return known


def check(jsvm, tmp, path):
    """None when the parser agrees with the test, "skip", or what differs."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    m = re.search(r"/\*---(.*?)---\*/", source, re.S)
    meta = m.group(1) if m else ""
    flags = re.search(r"flags:\s*\[(.*?)\]", meta)
    flags = [x.strip() for x in flags.group(1).split(",")] if flags else []
    if "module" in flags:
        return None
    features = re.search(r"features:\s*\[(.*?)\]", meta)
    if features and UNSUPPORTED_FEATURES & {x.strip() for x in features.group(1).split(",")}:
        return "skip"
    negative = re.search(r"negative:\s*\n\s*phase:\s*(\w+)\s*\n\s*type:\s*(\w+)", meta)
    must_reject = negative is not None and negative.group(1) == "parse"
    if "onlyStrict" in flags:
        modes = ['"use strict";\n']
    elif "noStrict" in flags or "raw" in flags:
        modes = [""]
    else:
        modes = ["", '"use strict";\n']
    problems = []
    for i, prefix in enumerate(modes):
        name = os.path.join(tmp, "%d-%d-%s" % (os.getpid(), i, os.path.basename(path)))
        with open(name, "w", encoding="utf-8") as f:
            f.write(prefix + source)
        r = subprocess.run([jsvm, "compile", name, "-o", os.devnull], capture_output=True, text=True,
                           timeout=60)
        os.unlink(name)
        mode = "strict" if prefix else "sloppy"
        first = r.stderr.split("\n")[0]
        e = re.match(r"^.*?:\d+:\d+: (\w+): (.*)$", first)
        if r.returncode not in (0, 1) or (r.returncode == 1 and not e):
            problems.append("%s: jsvm crashed (exit %d): %s" % (mode, r.returncode, first))
            continue
        parsed = r.returncode == 0 or bool(CODEGEN_GAP.match(e.group(2)))
        if must_reject and parsed:
            problems.append("%s: parsed, a SyntaxError expected" % mode)
        elif must_reject and e.group(1) != "SyntaxError":
            problems.append("%s: %s, a SyntaxError expected" % (mode, e.group(1)))
        elif not must_reject and not parsed:
            problems.append("%s: %s: %s" % (mode, e.group(1), e.group(2)))
    return "; ".join(problems) if problems else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--shared", default=os.environ.get("JSVM_SHARED_DIR",
                                                       os.path.join(HERE, "..", "..", "..", "shared")))
    ap.add_argument("--known", default=os.path.join(HERE, "test262-parse-known.txt"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    test_root = os.path.join(args.shared, "test262", "test")
    language = os.path.join(test_root, "language")
    if not os.path.isdir(language):
        print("SKIPPED: test262 not found at %s" % test_root)
        return 77
    files = select(language)
    known = read_known(args.known)
    failures, listed, agree, skipped = [], 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = pool.map(lambda p: (p, check(args.jsvm, tmp, p)), files)
        for path, problem in results:
            rel = os.path.relpath(path, test_root)
            if problem == "skip":
                skipped += 1
            elif rel in known:
                listed += 1
                if problem is None:
                    failures.append("%s: agrees now, remove it from %s" % (rel, os.path.basename(args.known)))
                elif args.verbose:
                    print("known %s: %s" % (rel, problem))
            elif problem is not None:
                failures.append("%s: %s" % (rel, problem))
            else:
                agree += 1
    for f in failures:
        print("FAIL " + f)
    print("%d files: %d agree, %d known differences, %d failures, %d skipped (features not implemented)"
          % (len(files), agree, listed, len(failures), skipped))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
