#!/usr/bin/env bash
# run-fuzzer.sh FUZZER WORKDIR SEEDS [libFuzzer flags...]: fuzz from SEEDS,
# adding new inputs to WORKDIR/corpus; crashes go to WORKDIR/artifacts.
# One job (the machines are small); a crash, leak or timeout fails.
set -euo pipefail
fuzzer=$1 work=$2 seeds=$3; shift 3
mkdir -p "$work/corpus" "$work/artifacts"
exec "$fuzzer" -artifact_prefix="$work/artifacts/" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
  -print_final_stats=1 "$@" "$work/corpus" "$seeds"
