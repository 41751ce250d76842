#!/usr/bin/env python3
"""The command line from outside: exit codes and messages for bad input,
bad options and unwritable outputs (docs/cli.md), bytecode files cut short,
the source decoder against node's, and syntax errors on very long lines.

Usage: cli-test.py --jsvm PATH [--node PATH]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s\n     %s" % (name, detail))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=120, **kw)


def text(b):
    return b.decode("utf-8", "replace")


# Byte sequences for the UTF-8 decoder, each in a string literal: valid
# sequences, overlongs, surrogates, code points past U+10FFFF, lone and
# truncated sequences, a truncated sequence followed by a byte that starts
# the next character.
UTF8_CASES = [b"\xed\xa0\x80", b"\xed\x9f\xbf", b"\xed\xbf\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80",
              b"\xe0\x9f\xbf", b"\xe0\xa0", b"\xf0\x80\x80\x80", b"\xf4\x90\x80\x80", b"\xf4\x8f\xbf\xbf", b"\xf5\x80",
              b"\xff", b"\xfe\xfe", b"\x80", b"\xbf\x80", b"\xe2\x82", b"\xe2\x82x", b"\xf0\x9f\x98", b"\xf0\x9f\x98\x80",
              b"\xf0\x9f\x98\xf0\x9f\x98\x80", b"\xc3\xa9", b"\xe2\x82\xac", b"\xc2", b"\xc2\xc2\xa9", b"\xe1\x80\xc0"]
# node 20's answers (code units in hex), used when node is not installed.
UTF8_NODE = ["fffd fffd fffd", "d7ff", "fffd fffd fffd", "fffd fffd", "fffd fffd", "fffd fffd fffd",
             "fffd fffd fffd", "fffd", "fffd fffd fffd fffd", "fffd fffd fffd fffd", "dbff dfff", "fffd fffd",
             "fffd", "fffd fffd", "fffd", "fffd fffd", "fffd", "fffd 78", "fffd", "d83d de00",
             "fffd d83d de00", "e9", "20ac", "fffd", "fffd a9", "fffd fffd"]


def check_commit_header(src, tmp):
    """tools/commit-header.cmake follows new commits and rewrites the header
    only when the commit changed (so a build after a commit recompiles one
    file, and a build without one recompiles nothing)."""
    if not shutil.which("git") or not shutil.which("cmake"):
        print("SKIP commit header: git or cmake missing")
        return
    repo = os.path.join(tmp, "repo")
    os.makedirs(repo)
    git = ["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    run(git[:3] + ["init", "-q"])
    header = os.path.join(tmp, "jsvm-commit.h")
    script = os.path.join(src, "tools", "commit-header.cmake")

    def generate():
        run(["cmake", "-DSRC=" + repo, "-DOUT=" + header, "-DGIT=" + shutil.which("git"), "-P", script])
        return open(header).read()

    no_commit = generate()
    check("commit header outside a commit", '"unknown, not built from a git checkout"' in no_commit, no_commit)
    hashes = []
    for i in range(2):
        with open(os.path.join(repo, "f"), "w") as f:
            f.write(str(i))
        run(git + ["add", "f"])
        run(git + ["commit", "-qm", "c%d" % i])
        hashes.append(text(run(git + ["rev-parse", "--short=12", "HEAD"]).stdout).strip())
        content = generate()
        check("commit header follows commit %d" % i, '"%s"' % hashes[-1] in content, content)
    os.utime(header, (1, 1))
    generate()
    check("commit header left alone when the commit is the same", os.stat(header).st_mtime == 1)
    with open(os.path.join(repo, "f"), "w") as f:
        f.write("changed")
    check("commit header marks a dirty tree", '"%s-dirty"' % hashes[-1] in generate())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsvm", required=True)
    ap.add_argument("--node", default=shutil.which("node"))
    args = ap.parse_args()
    jsvm = args.jsvm
    with tempfile.TemporaryDirectory() as tmp:
        ok_js = os.path.join(tmp, "ok.js")
        with open(ok_js, "w") as f:
            f.write('console.log("ran");\n')

        # A directory is not a script: exit 3, for run and compile alike.
        for cmd in (["run", tmp], ["compile", tmp, "-o", os.path.join(tmp, "dir.jsbc")], [tmp]):
            p = run([jsvm] + cmd)
            check("directory input: jsvm %s" % cmd[0], p.returncode == 3 and p.stdout == b"" and
                  b"cannot read" in p.stderr and b"Is a directory" in p.stderr and
                  not os.path.exists(os.path.join(tmp, "dir.jsbc")), "exit %d %r" % (p.returncode, p.stderr))

        # Limits that mean nothing are refused (exit 2), not read as "none".
        for opt in ["--timeout=-1", "--timeout=0", "--timeout=nan", "--timeout=inf", "--max-heap=0", "--max-heap=-5",
                    "--max-steps=0", "--max-steps=-1", "--keyframe-interval=-1"]:
            p = run([jsvm, "run", opt, ok_js])
            name = opt.split("=")[0]
            check("refuses %s" % opt, p.returncode == 2 and p.stdout == b"" and name.encode() in p.stderr,
                  "exit %d %r" % (p.returncode, p.stderr))
        for opt in ["--timeout=0.5", "--max-heap=64", "--max-steps=100000"]:
            p = run([jsvm, "run", opt, ok_js])
            check("accepts %s" % opt, p.returncode == 0 and p.stdout == b"ran\n", "exit %d %r" % (p.returncode, p.stderr))

        # --expose-gc defines gc(); --trace-gc says what the collection cleared
        # and queued (a WeakMap entry, a WeakRef, a FinalizationRegistry cell).
        weak_js = os.path.join(tmp, "weak.js")
        with open(weak_js, "w") as f:
            f.write('const m = new WeakMap(), r = new FinalizationRegistry((h) => console.log("finalized", h));\n'
                    'let ref;\n(function () { const k = {}; m.set(k, { k }); ref = new WeakRef(k); r.register(k, 7); })();\n'
                    'setTimeout(() => { gc(); console.log(typeof gc, ref.deref()); }, 0);\n')
        p = run([jsvm, "run", "--expose-gc", "--trace-gc", weak_js])
        err = text(p.stderr)
        check("--expose-gc and --trace-gc: weak refs and finalizers",
              p.returncode == 0 and text(p.stdout) == "function undefined\nfinalized 7\n" and
              "gc(); weak refs cleared: 3, finalizers queued: 1;" in err, "exit %d %r %r" % (p.returncode, p.stdout, err))
        p = run([jsvm, "run", ok_js.replace("ok.js", "weak.js")])
        check("without --expose-gc there is no gc()", p.returncode == 1 and b"gc is not defined" in p.stderr,
              "exit %d %r" % (p.returncode, p.stderr))

        # --test262-host defines $262: a detached buffer, a new script whose
        # lexical clashes with an earlier one, gc(), and createRealm refused.
        host_js = os.path.join(tmp, "host.js")
        with open(host_js, "w") as f:
            f.write('const ab = new ArrayBuffer(4), u = new Uint8Array(ab);\n'
                    '$262.detachArrayBuffer(ab);\n'
                    'print(ab.byteLength, u.length, $262.global === globalThis, $262.evalScript("let n = 2; n * 21"));\n'
                    'try { $262.evalScript("var n;"); } catch (e) { print(e.name); }\n'
                    'try { $262.createRealm(); } catch (e) { print(e.name); }\n'
                    '$262.gc();\n')
        p = run([jsvm, "run", "--test262-host", host_js])
        check("--test262-host defines $262", p.returncode == 0 and
              text(p.stdout) == "0 0 true 42\nSyntaxError\nTypeError\n", "exit %d %r %r" % (p.returncode, p.stdout, p.stderr))
        p = run([jsvm, "run", host_js])
        check("without --test262-host there is no $262", p.returncode == 1 and b"$262 is not defined" in p.stderr,
              "exit %d %r" % (p.returncode, p.stderr))

        # Modules: imports read only inside the main script's directory tree
        # (or an --import-root), only .js/.mjs code and .json data, and no
        # other file's text reaches an error message.
        mods = os.path.join(tmp, "mods")
        os.makedirs(os.path.join(mods, "app"))
        secret = "TOP-SECRET-LINE"
        with open(os.path.join(mods, "outside.mjs"), "w") as f:
            f.write("export const v = 1;\n")
        with open(os.path.join(mods, "app", "notes.txt"), "w") as f:
            f.write(secret + " {{{\n")
        with open(os.path.join(mods, "app", "data.json"), "w") as f:
            f.write('{"n": 5}\n')
        with open(os.path.join(mods, "app", "bad.json"), "w") as f:
            f.write(secret + "\n")
        with open(os.path.join(mods, "app", "broken.mjs"), "w") as f:
            f.write("export let x = ;\n")
        def module_main(name, body):
            path = os.path.join(mods, "app", name)
            with open(path, "w") as f:
                f.write(body)
            return path
        p = run([jsvm, module_main("outside.mjs", "import { v } from '../outside.mjs';\nconsole.log(v);\n")])
        check("a static import outside the main directory tree is refused",
              p.returncode == 1 and b"outside the directories imports may read" in p.stderr, "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, "--import-root", mods, os.path.join(mods, "app", "outside.mjs")])
        check("--import-root lets imports read another tree", p.returncode == 0 and text(p.stdout) == "1\n",
              "exit %d %r %r" % (p.returncode, p.stdout, p.stderr))
        p = run([jsvm, module_main("dyn.mjs", "import('../outside.mjs').then(() => console.log('read'), e => console.log(e.name));\n")])
        check("import() outside the tree rejects", p.returncode == 0 and text(p.stdout) == "Error\n",
              "exit %d %r %r" % (p.returncode, p.stdout, p.stderr))
        p = run([jsvm, module_main("txt.mjs", "import t from './notes.txt';\n")])
        check("a file that is not JavaScript is refused unread",
              p.returncode == 1 and b"Unknown file extension" in p.stderr and secret.encode() not in p.stderr + p.stdout,
              "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, module_main("badjson.mjs", "import t from './bad.json' with { type: 'json' };\n")])
        check("a malformed JSON module's text stays out of the SyntaxError",
              p.returncode == 1 and b"SyntaxError" in p.stderr and secret.encode() not in p.stderr + p.stdout,
              "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, module_main("json.mjs", "import d from './data.json' with { type: 'json' };\nconsole.log(d.n);\n")])
        check("a JSON module", p.returncode == 0 and text(p.stdout) == "5\n", "exit %d %r %r" % (p.returncode, p.stdout, p.stderr))
        p = run([jsvm, module_main("nojson.mjs", "import d from './data.json';\n")])
        check("a JSON module needs type: 'json'", p.returncode == 1 and b"TypeError" in p.stderr, "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, module_main("broken-dep.mjs", "import { x } from './broken.mjs';\n")])
        check("a syntax error in an imported module is reported as FILE:LINE:COL",
              p.returncode == 1 and b"broken.mjs:1:16: SyntaxError: Unexpected token ';'" in p.stderr,
              "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, module_main("missing.mjs", "import { nope } from './data.json' with { type: 'json' };\n")])
        check("an import no module provides is a SyntaxError",
              p.returncode == 1 and b"does not provide an export named 'nope'" in p.stderr, "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, module_main("tla.mjs", "await new Promise(() => {});\n")])
        check("a top-level await that never settles exits 13", p.returncode == 13 and b"unsettled top-level await" in p.stderr,
              "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, "compile", module_main("c.mjs", "export let a = 1;\n"), "-o", os.path.join(tmp, "c.jsbc")])
        check("module code cannot become a bytecode file", p.returncode == 2 and b"module code cannot" in p.stderr,
              "exit %d %r" % (p.returncode, p.stderr))
        plain = os.path.join(mods, "app", "plain.js")
        with open(plain, "w") as f:
            f.write("export let a = 1;\n")
        p = run([jsvm, "--module", plain])
        check("--module runs a .js file as module code", p.returncode == 0, "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, plain])
        check("a .js file is a classic script", p.returncode == 1 and b"SyntaxError: Unexpected token 'export'" in p.stderr,
              "exit %d %r" % (p.returncode, p.stderr))

        # Commands.
        p = run([jsvm, "help"])
        check("jsvm help prints the help", p.returncode == 0 and b"Exit codes:" in p.stdout and b"--max-steps" in p.stdout,
              "exit %d %r" % (p.returncode, p.stderr))
        p = run([jsvm, "lint", ok_js])
        check("unknown command", p.returncode == 2 and b"unknown command 'lint'" in p.stderr, repr(p.stderr[:200]))
        p = run([jsvm, "repl", ok_js])
        check("repl takes no file", p.returncode == 2 and b"repl takes no file" in p.stderr, repr(p.stderr[:200]))
        p = run([jsvm, "--version"])
        out = text(p.stdout)
        check("--version names the commit", p.returncode == 0 and out.startswith("jsvm ") and "(commit " in out,
              repr(out))
        src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        named = out.split("(commit ")[-1].split(")")[0].replace("-dirty", "").split("-g")[-1]
        if run(["git", "-C", src, "rev-parse", "HEAD"]).returncode == 0:
            p = run(["git", "-C", src, "merge-base", "--is-ancestor", named, "HEAD"])
            check("--version's commit is HEAD or an ancestor", p.returncode == 0, "%r: %r" % (named, p.stderr))
        check_commit_header(src, tmp)

        # Outputs are checked before the script runs: nothing runs, exit 3
        # with the reason.
        bad = "/proc/jsvm-no-such-dir/out"
        for cmd in (["viz", ok_js, "-o", bad], ["trace", ok_js, "-o", bad], ["run", "--dispatch-stats-file", bad, ok_js],
                    ["run", "--heap-snapshot", "/proc/jsvm-out.heapsnapshot", ok_js],
                    ["compile", ok_js, "-o", bad], ["viz", ok_js, "-o", tmp]):
            p = run([jsvm] + cmd)
            check("unwritable output: %s" % " ".join(cmd[:2] + cmd[2:3] if cmd[0] == "run" else cmd[:1]),
                  p.returncode == 3 and p.stdout == b"" and b"cannot write " in p.stderr and b": " in p.stderr.split(b"cannot write ")[1],
                  "exit %d stdout %r stderr %r" % (p.returncode, p.stdout[:100], p.stderr))
        existing = os.path.join(tmp, "keep.txt")
        with open(existing, "w") as f:
            f.write("kept")
        p = run([jsvm, "run", "--dispatch-stats-file", existing, "--timeout=0", ok_js])
        check("a refused run leaves an existing output alone", open(existing).read() == "kept")

        # Bytecode files cut short: "truncated bytecode file", exit 7.
        jsbc = os.path.join(tmp, "ok.jsbc")
        p = run([jsvm, "compile", ok_js, "-o", jsbc])
        blob = open(jsbc, "rb").read()
        for cut in (1, 5, 8, 12, 16, 30, len(blob) - 1):
            path = os.path.join(tmp, "cut%d.jsbc" % cut)
            with open(path, "wb") as f:
                f.write(blob[:cut])
            p = run([jsvm, "run", path])
            check("bytecode file cut at %d bytes" % cut,
                  p.returncode == 7 and p.stderr.startswith((path + ": truncated bytecode file: ").encode()),
                  "exit %d %r" % (p.returncode, p.stderr))

        # A syntax error at the end of a 5 MB line: a window of the line, not
        # 10 MB of line and spaces; the first line's format is unchanged.
        long_js = os.path.join(tmp, "long.js")
        with open(long_js, "w") as f:
            f.write("var a = [" + "1," * 2500000 + " +* ];\n")
        p = run([jsvm, long_js])
        lines = text(p.stderr).split("\n")
        check("syntax error on a 5 MB line", p.returncode == 1 and len(p.stderr) < 400 and
              lines[0] == long_js + ":1:5000012: SyntaxError: Unexpected token '*'" and
              lines[1].startswith("...") and lines[1].endswith(" +* ];") and lines[2].endswith("^") and
              len(lines[2]) == lines[1].index("*") + 1, "exit %d, %d bytes: %r" % (p.returncode, len(p.stderr), p.stderr[:300]))

        # Source decoding: the WHATWG UTF-8 decoder, as node reads files.
        prog = (b'function d(s){var a=[];for(var i=0;i<s.length;i++)a.push(s.charCodeAt(i).toString(16));'
                b'console.log(a.join(" "))}\n' + b"".join(b'd("' + s + b'");\n' for s in UTF8_CASES))
        u_js = os.path.join(tmp, "utf8.js")
        with open(u_js, "wb") as f:
            f.write(prog)
        expected = UTF8_NODE
        if args.node:
            expected = text(run([args.node, u_js]).stdout).splitlines()
        got = text(run([jsvm, u_js]).stdout).splitlines()
        for seq, want, have in zip(UTF8_CASES, expected, got + [""] * len(UTF8_CASES)):
            check("UTF-8 %s" % seq.hex(" "), want == have, "node %r, jsvm %r" % (want, have))
        check("UTF-8 node's answers kept in this file are node's", expected == UTF8_NODE, repr(expected))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
