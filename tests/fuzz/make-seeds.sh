#!/usr/bin/env bash
# make-seeds.sh JSVM CONFORMANCE_DIR OUT [MORE_DIR...]: the fuzz seed corpora,
# in the build tree (the programs stay in ../shared): OUT/source/*.js and
# OUT/bytecode/*.jsbc, from CONFORMANCE_DIR and the MORE_DIRs that exist (the
# modern tiers: generators and async functions).
# Exits 77 (skipped) when CONFORMANCE_DIR is absent.
set -euo pipefail
jsvm=$1 conformance=$2 out=$3
shift 3
dirs=("$conformance")
for d in "$@"; do [ -d "$d" ] && dirs+=("$d"); done
[ -d "$conformance" ] || { echo "SKIP: $conformance is absent"; exit 77; }
rm -rf "$out"
mkdir -p "$out/source" "$out/bytecode"
n=0
while IFS= read -r js; do
  name=$(basename "$(dirname "$js")")-$(basename "$js" .js)
  cp "$js" "$out/source/$name.js"
  # Programs with a SyntaxError (conformance/errors) have no bytecode file.
  ASAN_OPTIONS=detect_leaks=0 "$jsvm" compile "$js" -o "$out/bytecode/$name.jsbc" 2>/dev/null || true
  n=$((n + 1))
done < <(find "${dirs[@]}" -name '*.js' | sort)
echo "$n programs in $out/source, $(ls "$out/bytecode" | wc -l) bytecode files in $out/bytecode"
