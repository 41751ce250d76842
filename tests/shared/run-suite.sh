#!/usr/bin/env bash
# Runs one of the ../shared suites against a jsvm binary, for CTest.
# Usage: run-suite.sh SUITE JSVM [extra runner args...]
#   SUITE: conformance | conformance-gc-stress | conformance-bytecode-file | test262 | scopes | scopes-gc-stress
#          | modern | modern-gc-stress | modern-bytecode-file | modern-scopes (../shared/modern: the
#          generators, async, classes, eval-with and errors tiers; regexp has its own suites)
# The shared material lives beside the repository (../shared). Where it is
# absent (a user's clone), the test says so and is skipped (exit 77).
set -u
suite=$1; jsvm=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
shared=${JSVM_SHARED_DIR:-$here/../../../shared}
if [ ! -d "$shared" ]; then
  echo "SKIPPED: $suite needs ../shared beside the repository (not found at $shared)"
  exit 77
fi
case "$suite" in
  conformance)
    exec python3 "$shared/conformance/run" --vm "$jsvm run" -j 2 "$@" ;;
  conformance-gc-stress)
    # Per program: the GC churn seeds collect ~800,000 times (minutes under ASan).
    exec python3 "$shared/conformance/run" --vm "$jsvm run --gc-stress" -j 2 --timeout 900 "$@" ;;
  conformance-bytecode-file)
    # Every program compiled to a bytecode file, which is then run.
    exec python3 "$shared/conformance/run" --vm "$here/compile-then-run.sh $jsvm" -j 2 "$@" ;;
  modern)
    exec python3 "$shared/conformance/run" --vm "$jsvm run" -j 2 "$shared/modern/conformance/generators" \
      "$shared/modern/conformance/async" "$shared/modern/conformance/classes" "$shared/modern/conformance/eval-with" \
      "$shared/modern/conformance/errors" "$@" ;;
  modern-gc-stress)
    exec python3 "$shared/conformance/run" --vm "$jsvm run --gc-stress" -j 2 --timeout 900 \
      "$shared/modern/conformance/generators" "$shared/modern/conformance/async" "$shared/modern/conformance/classes" \
      "$shared/modern/conformance/eval-with" "$shared/modern/conformance/errors" "$@" ;;
  modern-bytecode-file)
    exec python3 "$shared/conformance/run" --vm "$here/compile-then-run.sh $jsvm" -j 2 \
      "$shared/modern/conformance/generators" "$shared/modern/conformance/async" "$shared/modern/conformance/classes" \
      "$shared/modern/conformance/eval-with" "$shared/modern/conformance/errors" "$@" ;;
  regexp)
    exec python3 "$shared/conformance/run" --vm "$jsvm run" -j 2 "$shared/modern/conformance/regexp" \
      "$shared/modern/conformance/errors/syn_regex_invalid.js" "$shared/modern/conformance/errors/err_regexp_constructor.js" "$@" ;;
  regexp-gc-stress)
    exec python3 "$shared/conformance/run" --vm "$jsvm run --gc-stress" -j 2 --timeout 900 "$shared/modern/conformance/regexp" \
      "$shared/modern/conformance/errors/syn_regex_invalid.js" "$shared/modern/conformance/errors/err_regexp_constructor.js" "$@" ;;
  regexp-bytecode-file)
    exec python3 "$shared/conformance/run" --vm "$here/compile-then-run.sh $jsvm" -j 2 "$shared/modern/conformance/regexp" \
      "$shared/modern/conformance/errors/syn_regex_invalid.js" "$shared/modern/conformance/errors/err_regexp_constructor.js" "$@" ;;
  modern-scopes)
    exec python3 "$here/scopes-check.py" --jsvm "$jsvm" --shared "$shared" --corpus modern/scopes \
      --list "$here/modern-scopes-known-differences.txt" "$@" ;;
  test262)
    exec python3 "$shared/test262/run" --vm "$jsvm run" --jobs 2 "$@" ;;
  scopes)
    exec python3 "$here/scopes-check.py" --jsvm "$jsvm" --shared "$shared" "$@" ;;
  scopes-gc-stress)
    exec python3 "$here/scopes-check.py" --jsvm "$jsvm" --shared "$shared" --gc-stress "$@" ;;
  *)
    echo "unknown suite $suite"; exit 2 ;;
esac
