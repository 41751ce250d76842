#!/usr/bin/env bash
# run-regressions.sh FUZZER DIR: runs the fuzz target once on every input in
# DIR (crashes found by fuzzing, since fixed; docs/testing.md).
set -euo pipefail
fuzzer=$1 dir=$2
shopt -s nullglob
inputs=("$dir"/*)
[ ${#inputs[@]} -gt 0 ] || { echo "no inputs in $dir"; exit 0; }
exec "$fuzzer" -timeout=20 "${inputs[@]}"
