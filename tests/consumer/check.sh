#!/usr/bin/env bash
# Builds tests/consumer against cos_presign and runs it.
#   check.sh find_package WORKDIR       installs the library (from build/cli when
#                                       scripts/build.sh made it, else a fresh
#                                       Release build) into WORKDIR/prefix, then
#                                       find_package() from there
#   check.sh add_subdirectory WORKDIR   add_subdirectory() of the repository
set -euo pipefail
mode=$1
work=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
jobs=$(nproc 2>/dev/null || echo 2)

case "$mode" in
  find_package)
    lib_build="$repo/build/cli"
    if [ ! -f "$lib_build/cmake_install.cmake" ]; then
      lib_build="$work/library"
      cmake -S "$repo" -B "$lib_build" -DCMAKE_BUILD_TYPE=Release -DCOS_PRESIGN_TESTS=OFF >"$work/library-configure.log"
    fi
    cmake --build "$lib_build" -j "$jobs" --target cos_presign cos-presign >"$work/library-build.log"
    cmake --install "$lib_build" --prefix "$work/prefix" >"$work/install.log"
    # What a consumer gets: headers, one archive, the package config, the CLI.
    for f in include/cos_presign/cos_presign.h lib/libcos_presign.a lib/cmake/cos_presign/cos_presignConfig.cmake bin/cos-presign; do
      [ -e "$work/prefix/$f" ] || { echo "not installed: $f"; exit 1; }
    done
    # No private header and no mbedTLS header is installed.
    if [ -n "$(find "$work/prefix/include" -name '*.h' ! -path '*/cos_presign/*' | head -1)" ]; then
      echo "headers other than include/cos_presign/ were installed"; exit 1
    fi
    # mbedTLS's digest files only: md.c (its HMAC) is not used by the library.
    if ar t "$work/prefix/lib/libcos_presign.a" | grep -qx 'md\.c\.o'; then
      echo "libcos_presign.a contains mbedTLS's md.c"; exit 1
    fi
    cmake -S "$repo/tests/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/consumer-configure.log"
    ;;
  add_subdirectory)
    # Debug: it compiles the whole library, in a third of Release's time; the
    # find_package case runs the Release build.
    cmake -S "$repo/tests/consumer" -B "$work/consumer" -DCOS_PRESIGN_SOURCE_DIR="$repo" \
      -DCMAKE_BUILD_TYPE=Debug >"$work/consumer-configure.log"
    # COS_PRESIGN_INSTALL is off below the top level: the parent's install gets nothing of ours.
    if grep -q 'cos_presign' "$work/consumer/cos_presign/cmake_install.cmake"; then
      echo "add_subdirectory() of cos-presign added install rules"; exit 1
    fi
    ;;
  *) echo "usage: check.sh find_package|add_subdirectory WORKDIR" >&2; exit 2 ;;
esac
cmake --build "$work/consumer" -j "$jobs" >"$work/consumer-build.log" || { cat "$work/consumer-build.log"; exit 1; }
"$work/consumer/consumer"
