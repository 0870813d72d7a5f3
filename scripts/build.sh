#!/usr/bin/env bash
# Builds what the npm scripts need, through the one CMakeLists.txt:
#   scripts/build.sh wasm     web/dist/cos-presign-core.{mjs,wasm} (emcmake)
#   scripts/build.sh native   build/native: core + unit tests, ASan/UBSan
#   scripts/build.sh          both
# Runs scripts/setup.sh first, so a fresh clone needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

bash scripts/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
# Debian's emscripten needs acorn from /usr/share/nodejs for optimised links.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

if [ "$what" = all ] || [ "$what" = wasm ]; then
  echo "build: wasm module -> web/dist/"
  mkdir -p build
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >build/wasm-configure.log 2>&1 \
    || { cat build/wasm-configure.log; exit 1; }
  cmake --build build/wasm -j "$jobs"
fi
if [ "$what" = all ] || [ "$what" = native ]; then
  echo "build: native core and unit tests (ASan/UBSan) -> build/native/"
  mkdir -p build
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Debug -DCOS_PRESIGN_SANITIZE=ON >build/native-configure.log 2>&1 \
    || { cat build/native-configure.log; exit 1; }
  cmake --build build/native -j "$jobs"
fi
