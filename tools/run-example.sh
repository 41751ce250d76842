#!/usr/bin/env bash
# Builds jsvm and runs the closure-leak example: its output, then its bytecode.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
jsvm_install_deps
jsvm_build "$JSVM_ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
example="$JSVM_ROOT/examples/closure-leak.js"
echo "== jsvm run examples/closure-leak.js"
"$JSVM_ROOT/build/jsvm" run "$example"
echo
echo "== jsvm disasm examples/closure-leak.js"
"$JSVM_ROOT/build/jsvm" disasm "$example"
