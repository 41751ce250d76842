#!/usr/bin/env bash
# Shared set-up for tools/run-example.sh and tools/run-tests.sh: installs the
# Debian packages jsvm needs (only those missing) and builds a tree.
#   source tools/setup.sh; jsvm_install_deps; jsvm_build DIR [cmake args...]
set -euo pipefail

JSVM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JSVM_PACKAGES=(g++ cmake ninja-build python3 libboost-program-options-dev nlohmann-json3-dev
               libdouble-conversion-dev libuv1-dev libgmp-dev libicu-dev pkg-config libgtest-dev libbenchmark-dev
               help2man         # the man page (cmake --install)
               chromium         # the viewer's browser test
               clang libclang-rt-14-dev)  # the libFuzzer targets (tests/fuzz, build-fuzz)

jsvm_install_deps() {
  local missing=()
  for p in "${JSVM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # node and npm (the viewer's browser test) may come from Debian or from
  # another distribution of Node.js that bundles npm: check the commands.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# jsvm_build DIR [cmake args...]: configure (once) and build.
jsvm_build() {
  local dir=$1; shift
  cmake -S "$JSVM_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir"
}

# jsvm_npm_ci SRC DEST MODULE WHAT: the node packages SRC/package-lock.json
# pins, installed into DEST (never committed) unless DEST/node_modules/MODULE
# is there. Leaves WHAT skipped when it fails.
jsvm_npm_ci() {
  local src=$1 dest=$2 module=$3 what=$4
  [ -d "$dest/node_modules/$module" ] && return 0
  mkdir -p "$dest"
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  (cd "$dest" && npm ci --no-audit --no-fund >/dev/null) || echo "== npm ci failed: $what will be skipped"
}

# jsvm_viewer_deps DIR: playwright-core for the viewer's browser test
# (tests/viewer), at the version tests/viewer/package-lock.json pins, in
# DIR/viewer-node.
jsvm_viewer_deps() {
  jsvm_npm_ci "$JSVM_ROOT/tests/viewer" "$1/viewer-node" playwright-core "the viewer test"
}

# jsvm_unicode_data_deps DIR: the Unicode data tools/gen-unicode-properties.mjs
# writes vm/objects/unicode-properties.inc from, at the versions
# tools/unicode-data/package-lock.json pins, in DIR/unicode-data-node.
jsvm_unicode_data_deps() {
  jsvm_npm_ci "$JSVM_ROOT/tools/unicode-data" "$1/unicode-data-node" regenerate-unicode-properties "the Unicode tables check"
}

# jsvm_differential_deps DIR: eslump and acorn for the parser differential
# (tests/differential), at the versions its package-lock.json pins, in
# DIR/differential-node.
jsvm_differential_deps() {
  jsvm_npm_ci "$JSVM_ROOT/tests/differential" "$1/differential-node" eslump "the parser differential"
}
