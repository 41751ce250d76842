#!/usr/bin/env bash
# Builds jsvm three times (optimised; with AddressSanitizer + UBSan; the
# libFuzzer targets with clang) and runs every test: unit tests, golden
# bytecode, the shared conformance suite and test262 (the ../shared suites are
# skipped, visibly, when ../shared is absent), and a one-minute run of each
# fuzz target with its regression inputs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
jsvm_install_deps
jobs=$(nproc)

echo "== build (RelWithDebInfo)"
jsvm_build "$JSVM_ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
jsvm_viewer_deps "$JSVM_ROOT/build"
echo "== tests"
ctest --test-dir "$JSVM_ROOT/build" -j "$jobs" --output-on-failure -LE gc-stress

echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer)"
jsvm_build "$JSVM_ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJSVM_SANITIZE=ON
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$JSVM_ROOT/build-asan" -j "$jobs" --output-on-failure -L "unit|golden|conformance" -LE "slow|gc-stress"
echo "== the conformance corpus under --gc-stress, ASan+UBSan build"
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$JSVM_ROOT/build-asan" --output-on-failure -L gc-stress

echo "== build (libFuzzer targets: clang, ASan + UBSan)"
jsvm_build "$JSVM_ROOT/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DJSVM_FUZZ=ON
echo "== fuzz smoke runs (60 s each) and regression inputs"
ctest --test-dir "$JSVM_ROOT/build-fuzz" --output-on-failure -L fuzz
