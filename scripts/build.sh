#!/usr/bin/env bash
# Builds what the npm scripts need, through the one CMakeLists.txt:
#   scripts/build.sh wasm     web/dist/cos-presign-core{,-sigv4}.{mjs,wasm} (emcmake)
#                             and web/dist/node.mjs (the Node entry, bundled)
#   scripts/build.sh native   build/native: core + unit tests, ASan/UBSan
#   scripts/build.sh bench    build/bench-{native,wasm}: the core's signing
#                             loop for npm run bench (not part of "all")
#   scripts/build.sh cli      build/cli: the C++ library and the cos-presign
#                             CLI (build/cli/cos-presign), Release, natively
#   scripts/build.sh          wasm + cli + native
# Runs scripts/setup.sh first, so a fresh clone needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

bash scripts/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
# Debian's emscripten needs acorn from /usr/share/nodejs for optimised links.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

if [ "$what" = all ] || [ "$what" = wasm ]; then
  echo "build: wasm modules (COS; COS + SigV4) -> web/dist/"
  mkdir -p build
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >build/wasm-configure.log 2>&1 \
    || { cat build/wasm-configure.log; exit 1; }
  cmake --build build/wasm -j "$jobs"
  # Minify the Emscripten glue (after Closure, see CMakeLists.txt); the
  # result is what the package ships. esbuild is a devDependency.
  esbuild=node_modules/.bin/esbuild
  if [ -x "$esbuild" ]; then
    for glue in web/dist/cos-presign-core.mjs web/dist/cos-presign-core-sigv4.mjs; do
      "$esbuild" "$glue" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$glue"
    done
  else
    echo "build: WARNING: $esbuild missing (run npm ci): the glue is left unminified (~6 KB gzip more)" >&2
  fi
  # The package's Node entry, bundled into one file (needs esbuild).
  node scripts/bundle-node.mjs
fi
if [ "$what" = bench ]; then
  echo "build: benchmark ceilings (native, wasm) -> build/bench-native, build/bench-wasm"
  mkdir -p build
  cmake -S . -B build/bench-native -DCMAKE_BUILD_TYPE=Release -DCOS_PRESIGN_BENCH=ON >build/bench-native-configure.log 2>&1 \
    || { cat build/bench-native-configure.log; exit 1; }
  cmake --build build/bench-native --target core_bench -j "$jobs"
  emcmake cmake -S . -B build/bench-wasm -DCMAKE_BUILD_TYPE=Release -DCOS_PRESIGN_BENCH=ON >build/bench-wasm-configure.log 2>&1 \
    || { cat build/bench-wasm-configure.log; exit 1; }
  cmake --build build/bench-wasm --target core_bench_wasm -j "$jobs"
fi
if [ "$what" = all ] || [ "$what" = cli ]; then
  echo "build: C++ library and the cos-presign CLI (Release) -> build/cli/"
  mkdir -p build
  cmake -S . -B build/cli -DCMAKE_BUILD_TYPE=Release -DCOS_PRESIGN_TESTS=OFF >build/cli-configure.log 2>&1 \
    || { cat build/cli-configure.log; exit 1; }
  cmake --build build/cli -j "$jobs" --target cos_presign cos-presign
fi
if [ "$what" = all ] || [ "$what" = native ]; then
  echo "build: native core and unit tests (ASan/UBSan) -> build/native/"
  mkdir -p build
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Debug -DCOS_PRESIGN_SANITIZE=ON >build/native-configure.log 2>&1 \
    || { cat build/native-configure.log; exit 1; }
  cmake --build build/native -j "$jobs"
fi
