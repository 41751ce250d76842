#!/usr/bin/env bash
# Builds jsvm twice (optimised, and with AddressSanitizer + UBSan) and runs
# every test: unit tests, golden bytecode, the shared conformance suite and
# test262 (the ../shared suites are skipped, visibly, when ../shared is absent).
# Both dispatch loops are tested: the optimised build uses computed goto, the
# sanitizer build the portable `switch` loop.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
jsvm_install_deps
jobs=$(nproc)

echo "== build (RelWithDebInfo, computed-goto dispatch)"
jsvm_build "$JSVM_ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJSVM_DISPATCH=goto
jsvm_viewer_deps "$JSVM_ROOT/build"
echo "== tests"
ctest --test-dir "$JSVM_ROOT/build" -j "$jobs" --output-on-failure -LE gc-stress

echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer, switch dispatch)"
jsvm_build "$JSVM_ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJSVM_SANITIZE=ON -DJSVM_DISPATCH=switch \
  -DJSVM_BUILD_BENCHMARKS=OFF
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$JSVM_ROOT/build-asan" -j "$jobs" --output-on-failure -L "unit|golden|conformance" -LE "slow|gc-stress"
echo "== the conformance corpus under --gc-stress, ASan+UBSan build"
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$JSVM_ROOT/build-asan" --output-on-failure -L gc-stress
