#!/usr/bin/env bash
# The conformance runner's --vm for the bytecode-file suite: compiles FILE.js
# to a .jsbc in a temporary directory, then runs the .jsbc. A compile error
# (SyntaxError) is reported as `jsvm run FILE.js` would report it.
# Usage: compile-then-run.sh JSVM FILE.js
set -u
jsvm=$1; file=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$jsvm" compile "$file" -o "$tmp/script.jsbc" || exit $?
"$jsvm" run "$tmp/script.jsbc"
