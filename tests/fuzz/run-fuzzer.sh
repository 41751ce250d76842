#!/usr/bin/env bash
# run-fuzzer.sh FUZZER WORKDIR INPUTS... [libFuzzer flags...]: fuzz from the
# input corpora (the seeds, the corpus kept in tests/fuzz/corpus/KIND; a
# missing one is left out), adding new inputs to WORKDIR/corpus; crashes go
# to WORKDIR/artifacts. One job (the machines are small); a crash, leak or
# timeout fails.
set -euo pipefail
fuzzer=$1 work=$2; shift 2
inputs=() flags=()
for a in "$@"; do
  case $a in
    -*) flags+=("$a") ;;
    *) [ -d "$a" ] && inputs+=("$a") ;;
  esac
done
mkdir -p "$work/corpus" "$work/artifacts"
exec "$fuzzer" -artifact_prefix="$work/artifacts/" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
  -print_final_stats=1 "${flags[@]}" "$work/corpus" "${inputs[@]}"
