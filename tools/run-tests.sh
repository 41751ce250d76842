#!/usr/bin/env bash
# Builds jsvm twice and runs every test: an optimised tree (gcc, computed-goto
# dispatch) runs the unit tests, golden bytecode, the shared conformance suite
# and test262 (the ../shared suites are skipped, visibly, when ../shared is
# absent); a sanitizer tree (clang, AddressSanitizer + UBSan, the portable
# `switch` dispatch loop, libFuzzer targets) runs them again except test262,
# the conformance corpus under --gc-stress, and a one-minute run of each fuzz
# target with its regression inputs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
jsvm_install_deps
jobs=$(nproc)

echo "== build (RelWithDebInfo, computed-goto dispatch)"
jsvm_build "$JSVM_ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJSVM_DISPATCH=goto
jsvm_viewer_deps "$JSVM_ROOT/build"
jsvm_differential_deps "$JSVM_ROOT/build"
jsvm_unicode_data_deps "$JSVM_ROOT/build"
echo "== tests"
ctest --test-dir "$JSVM_ROOT/build" -j "$jobs" --output-on-failure -LE gc-stress

echo "== build (clang, AddressSanitizer + UndefinedBehaviorSanitizer, switch dispatch, libFuzzer targets)"
jsvm_build "$JSVM_ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DJSVM_FUZZ=ON \
  -DJSVM_DISPATCH=switch -DJSVM_BUILD_BENCHMARKS=OFF
export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1
echo "== tests under sanitizers"
ctest --test-dir "$JSVM_ROOT/build-asan" -j "$jobs" --output-on-failure -L "unit|golden|conformance" -LE "slow|gc-stress|fuzz"
echo "== the conformance corpus under --gc-stress, sanitizer build"
ctest --test-dir "$JSVM_ROOT/build-asan" --output-on-failure -L gc-stress
echo "== fuzz smoke runs (60 s each) and regression inputs"
ctest --test-dir "$JSVM_ROOT/build-asan" --output-on-failure -L fuzz
