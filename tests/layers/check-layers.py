#!/usr/bin/env python3
"""The layers, checked: base <- gc <- vm <- compiler <- tools.

1. Every `#include "..."` in a layer's folder names a file of that layer or
   of a layer below it, written from the repository root ("vm/objects/value.h",
   never "value.h" or "../vm/..."), or "generated/..." (the build tree's);
   only tools/ includes nlohmann_json or Boost.
2. With --compiler and --layer-root (the build tree's layers/ folder, made by
   CMakeLists.txt): each layer's include root finds the layer's own headers
   and those below and none of a higher layer's, and no-json/'s
   nlohmann/json.hpp is an #error; with --compile-commands, every file of a
   layer is compiled with that layer's root (and no-json/ below tools/) and
   no other -I. That is what makes the build itself fail on an upward include.
3. The scanner of (1) is run on a made-up tree with one upward include of
   each kind, and must report every one of them (a check that cannot fail
   would prove nothing).

Exit status 0 when all holds, 1 otherwise. docs/architecture.md, "Layers".
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

LAYERS = ["base", "gc", "vm", "compiler", "tools"]
EXTENSIONS = (".h", ".cc", ".def", ".inc")
# Libraries only the top layer may use (JSON and the command line).
TOOLS_ONLY_LIBRARIES = ("nlohmann/", "boost/")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def allowed(layer):
    """The top-level folders a file of `layer` may include from: the layers up
    to it, and the build tree's generated/ (files made at build time)."""
    return LAYERS[: LAYERS.index(layer) + 1] + ["generated"]


def scan(root):
    """Every layering violation under `root`, as 'file:line: message' strings."""
    problems = []
    for layer in LAYERS:
        top = os.path.join(root, layer)
        for folder, _, files in os.walk(top):
            for name in sorted(files):
                if not name.endswith(EXTENSIONS):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        kind, target = m.groups()
                        where = f"{rel}:{number}: "
                        if kind == "<":
                            if layer != "tools" and target.startswith(TOOLS_ONLY_LIBRARIES):
                                problems.append(where + f"<{target}> is for tools/ only")
                            continue
                        first = target.split("/")[0]
                        if "/" not in target or ".." in target.split("/"):
                            problems.append(where + f'"{target}": write includes from the repository root')
                        elif first not in allowed(layer):
                            if first in LAYERS:
                                problems.append(where + f'"{target}": {layer}/ may not include {first}/ '
                                                f'(layers: {" <- ".join(LAYERS)})')
                            else:
                                problems.append(where + f'"{target}": not a layer {layer}/ may include')
    return problems


def self_test():
    """The scanner finds each kind of violation in a made-up tree."""
    planted = {
        "gc/a.cc": '#include "vm/objects/value.h"\n',
        "vm/b.h": '#include "compiler/ast.h"\n',
        "compiler/c.cc": '#include "tools/json-writer.h"\n',
        "base/d.h": '#include "gc/cell.h"\n',
        "vm/e.cc": "#include <nlohmann/json.hpp>\n",
        "vm/f.def": '#include "../compiler/g.h"\n',
        "gc/h.cc": '#include "heap.h"\n',
    }
    clean = {
        "tools/ok.cc": '#include "base/json-string.h"\n#include "generated/jsvm-commit.h"\n#include <nlohmann/json.hpp>\n',
        "vm/ok.cc": '#include "gc/heap.h"\n#include "vm/objects/value.h"\n#include <vector>\n',
    }
    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in {**planted, **clean}.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w") as f:
                f.write(text)
        found = scan(tmp)
    ok = True
    for rel in planted:
        hit = any(p.startswith(rel + ":") for p in found)
        print(("ok    " if hit else "FAIL  ") + f"self-test: the planted violation in {rel} is reported")
        ok &= hit
    for rel in clean:
        hit = [p for p in found if p.startswith(rel + ":")]
        print(("ok    " if not hit else "FAIL  ") + f"self-test: nothing reported for the allowed includes of {rel}")
        ok &= not hit
    return ok


def preprocesses(compiler, root, text):
    # Run from an empty folder: a quoted include is looked up beside the
    # including file first, and for standard input that is the working folder.
    with tempfile.TemporaryDirectory() as empty:
        r = subprocess.run([compiler, "-std=c++20", "-E", "-o", os.devnull, "-x", "c++", "-I", root, "-"],
                           input=text, capture_output=True, text=True, cwd=empty)
    return r.returncode == 0, r.stderr


def a_header(source, layer):
    """A header of `layer` (the first in sorted order), relative to the repository."""
    for folder, _, files in sorted(os.walk(os.path.join(source, layer))):
        for name in sorted(files):
            if name.endswith(".h"):
                return os.path.relpath(os.path.join(folder, name), source)
    return None


def probe_roots(compiler, layer_root, source):
    ok = True
    for i, layer in enumerate(LAYERS):
        root = os.path.join(layer_root, layer)
        if not os.path.isdir(root):
            print(f"FAIL  {root} is missing (configure the build tree)")
            ok = False
            continue
        for j, other in enumerate(LAYERS):
            header = a_header(source, other)
            good, err = preprocesses(compiler, root, f'#include "{header}"\n')
            if j <= i:
                print(("ok    " if good else "FAIL  ") + f"{layer}'s include root finds {header}")
                if not good:
                    print(err)
            else:
                blocked = not good and ("No such file" in err or "file not found" in err)  # gcc, clang
                print(("ok    " if blocked else "FAIL  ") + f"{layer}'s include root does not find {header}")
            ok &= good if j <= i else blocked
    good, err = preprocesses(compiler, os.path.join(layer_root, "no-json"), "#include <nlohmann/json.hpp>\n")
    stopped = not good and "tools/ only" in err
    print(("ok    " if stopped else "FAIL  ") + "no-json/: <nlohmann/json.hpp> stops the compile")
    ok &= stopped
    return ok


def include_dirs(command):
    """The -I folders of one compile command (a list of arguments)."""
    dirs = []
    for k, arg in enumerate(command):
        if arg in ("-I", "-isystem", "-iquote") and k + 1 < len(command):
            dirs.append(command[k + 1])
        elif arg.startswith("-I") and len(arg) > 2:
            dirs.append(arg[2:])
    return dirs


def check_compile_commands(path, layer_root, source):
    """Each layer's files are compiled with its own root and those below only
    (of the folders in the source and build trees); the layers below tools/
    with no-json/ in front of the system's headers."""
    with open(path) as f:
        entries = json.load(f)
    seen = {layer: 0 for layer in LAYERS}
    problems = []
    for e in entries:
        rel = os.path.relpath(os.path.join(e["directory"], e["file"]), source)
        layer = rel.split(os.sep)[0]
        if layer not in LAYERS:
            continue
        seen[layer] += 1
        build = os.path.normpath(e["directory"])  # the build tree
        command = e["arguments"] if "arguments" in e else shlex.split(e["command"])
        dirs = [os.path.normpath(os.path.join(e["directory"], d)) for d in include_dirs(command)]
        fine = {os.path.normpath(os.path.join(layer_root, l)) for l in allowed(layer) if l in LAYERS}
        fine.add(build)  # for generated/ (generated/jsvm-commit.h)
        if layer != "tools":
            no_json = os.path.normpath(os.path.join(layer_root, "no-json"))
            if no_json not in dirs:
                problems.append(f"{rel}: compiled without {no_json}")
            fine.add(no_json)
        for d in dirs:
            ours = any(d == top or d.startswith(top + os.sep) for top in (source, build))
            if ours and d not in fine:  # other folders are libraries' (double-conversion's, ...)
                problems.append(f"{rel}: compiled with -I {d}, which {layer}/ may not see")
    for p in problems:
        print("FAIL  " + p)
    counts = ", ".join(f"{seen[l]} {l}" for l in LAYERS)
    ok = not problems and all(seen.values())
    print(("ok    " if ok else "FAIL  ") + f"compile commands ({counts}): each layer's own include root only")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True, help="the repository root")
    ap.add_argument("--compiler", help="the C++ compiler (with --layer-root: probe the include roots)")
    ap.add_argument("--layer-root", help="the build tree's layers/ folder")
    ap.add_argument("--compile-commands", help="the build tree's compile_commands.json")
    args = ap.parse_args()

    args.source = os.path.abspath(args.source)
    if args.layer_root:
        args.layer_root = os.path.abspath(args.layer_root)
    ok = self_test()
    problems = scan(args.source)
    for p in problems:
        print("FAIL  " + p)
    print(("ok    " if not problems else "FAIL  ") + f"the sources: {len(problems)} layering violation(s)")
    ok &= not problems
    if args.compiler and args.layer_root:
        ok &= probe_roots(args.compiler, args.layer_root, args.source)
    if args.compile_commands and args.layer_root:
        ok &= check_compile_commands(args.compile_commands, args.layer_root, args.source)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
