#!/usr/bin/env bash
# merge-corpus.sh FUZZER SEEDS KEPT NEW...: minimises the corpus kept in the
# repository (KEPT, tests/fuzz/corpus/KIND) with the inputs of the NEW
# directories (a campaign's corpus): KEPT ends up holding the inputs that add
# coverage beyond SEEDS (the conformance seeds, which stay in ../shared), as
# libFuzzer's -merge=1 chooses them, named by content hash.
set -euo pipefail
fuzzer=$1 seeds=$2 kept=$3; shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/merged" "$kept"
kept=$(cd "$kept" && pwd)
cp "$seeds"/* "$work/merged/"
ls "$work/merged" > "$work/seed-names"
ASAN_OPTIONS=detect_leaks=0 "$fuzzer" -merge=1 -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
  "$work/merged" "$kept" "$@" > "$work/merge.log" 2>&1 || { tail -20 "$work/merge.log"; exit 1; }
grep -E "MERGE-OUTER: [0-9]+ new files" "$work/merge.log" || true
rm -f "$kept"/*
(cd "$work/merged" && ls | { grep -vxF -f "$work/seed-names" || true; } | xargs -r cp -t "$kept")
echo "$(ls "$kept" | wc -l) inputs, $(du -sh "$kept" | cut -f1) in $kept"
