#!/usr/bin/env bash
# Idempotent set-up: installs what the build and tests need and is missing,
# and says what it did. Called by the npm scripts; never a manual step.
#
#   scripts/setup.sh            toolchain (emcc, cmake, g++), mbedTLS source, npm packages
#   scripts/setup.sh --browser  also Chromium for the browser tests
#
# On a machine where it cannot install (not root, not Debian) it stops with
# what to do instead: install emsdk and set MBEDTLS_SOURCE_DIR.
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
deps_dir="$root_dir/.deps"
want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { echo "setup: $*"; }
die() { echo "setup: $*" >&2; exit 1; }

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
}

apt_install() {
  # $@: Debian package names
  can_apt || die "cannot install $* (needs root and apt-get). Install them yourself, or on non-Debian systems use emsdk (https://emscripten.org/docs/getting_started/) and set MBEDTLS_SOURCE_DIR to an mbedTLS 3.6 source tree."
  apt_update_once
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- toolchain ------------------------------------------------------------
missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v emcc >/dev/null 2>&1 || missing+=(emscripten)
[ -f /usr/include/gtest/gtest.h ] || missing+=(libgtest-dev)
# The libFuzzer targets (scripts/fuzz.sh) need clang 14 and its runtimes.
command -v clang++-14 >/dev/null 2>&1 || missing+=(clang-14)
compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a" >/dev/null || missing+=(libclang-rt-14-dev)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
else
  say "toolchain present (emcc $(emcc --version 2>/dev/null | head -n1 | grep -o '[0-9][0-9.]*[0-9]' | tail -n1), cmake $(cmake --version | head -n1 | awk '{print $3}'))"
fi

# --- mbedTLS source -------------------------------------------------------
# MBEDTLS_SOURCE_DIR wins; otherwise a 3.6 tree fetched from Debian's source
# packages (trixie carries the 3.6 LTS line) into the ignored .deps/ folder.
mbedtls_version_of() {
  # 3.x: build_info.h; 2.x: version.h
  local f
  for f in "$1/include/mbedtls/build_info.h" "$1/include/mbedtls/version.h"; do
    [ -f "$f" ] && sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"/\1/p' "$f" | head -n1 && return 0
  done
  return 0
}

if [ -n "${MBEDTLS_SOURCE_DIR:-}" ]; then
  v=$(mbedtls_version_of "$MBEDTLS_SOURCE_DIR")
  [ -n "$v" ] || die "MBEDTLS_SOURCE_DIR=$MBEDTLS_SOURCE_DIR is not an mbedTLS source tree"
  case "$v" in
    3.[6-9]*|3.[1-9][0-9]*) say "using mbedTLS $v from MBEDTLS_SOURCE_DIR" ;;
    *) die "MBEDTLS_SOURCE_DIR holds mbedTLS $v; cos-presign needs the 3.6 LTS line (3.x with x >= 6)" ;;
  esac
else
  existing=$(ls -d "$deps_dir"/mbedtls-3.* 2>/dev/null | sort -V | tail -n1 || true)
  if [ -n "$existing" ] && [ -n "$(mbedtls_version_of "$existing")" ]; then
    say "mbedTLS $(mbedtls_version_of "$existing") source present in .deps/"
  else
    can_apt || die "no mbedTLS source. Set MBEDTLS_SOURCE_DIR to an mbedTLS 3.6 source tree (not root or no apt-get here)."
    src_list=/etc/apt/sources.list.d/cos-presign-trixie-src.sources
    if [ ! -f "$src_list" ]; then
      # Mirror and keyring are read from the machine's own Debian entry.
      base=/etc/apt/sources.list.d/debian.sources
      [ -f "$base" ] || die "no $base to read the Debian mirror from; set MBEDTLS_SOURCE_DIR instead"
      uris=$(awk '/^URIs:/{print $2; exit}' "$base")
      keyring=$(awk '/^Signed-By:/{print $2; exit}' "$base")
      [ -n "$uris" ] || die "could not read URIs from $base; set MBEDTLS_SOURCE_DIR instead"
      say "adding a deb-src entry for trixie (source packages only) as $src_list"
      {
        echo "Types: deb-src"
        echo "URIs: $uris"
        echo "Suites: trixie"
        echo "Components: main"
        [ -n "$keyring" ] && echo "Signed-By: $keyring"
      } > "$src_list"
      apt_updated=0
    fi
    apt_update_once
    mkdir -p "$deps_dir/download"
    say "fetching mbedTLS source with apt-get source (signed and checksummed by apt)"
    (cd "$deps_dir/download" && apt-get source -qq --download-only mbedtls/trixie 2>&1 >/dev/null | grep -v 'unsandboxed' >&2 || true)
    tarball=$(ls "$deps_dir"/download/mbedtls_3.*.orig.tar.* 2>/dev/null | sort -V | tail -n1 || true)
    [ -n "$tarball" ] || die "apt-get source gave no mbedTLS 3.x tarball"
    tar -xf "$tarball" -C "$deps_dir"
    existing=$(ls -d "$deps_dir"/mbedtls-3.* 2>/dev/null | sort -V | tail -n1 || true)
    v=$(mbedtls_version_of "$existing")
    [ -n "$v" ] || die "unpacked $tarball but found no mbedTLS tree"
    say "unpacked mbedTLS $v into .deps/$(basename "$existing")"
  fi
fi

# --- npm packages (the reference SDKs and test tools) -----------------------
if [ ! -f "$root_dir/node_modules/.package-lock.json" ] || [ "$root_dir/package-lock.json" -nt "$root_dir/node_modules/.package-lock.json" ]; then
  say "installing npm packages (npm ci)"
  (cd "$root_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
else
  say "npm packages present"
fi

# --- browser --------------------------------------------------------------
if [ "$want_browser" = 1 ]; then
  browser_missing=()
  [ -x /usr/bin/chromium ] || browser_missing+=(chromium)
  # A CJK font, so the demo's Chinese object names render in screenshots.
  [ -d /usr/share/fonts/truetype/wqy ] || browser_missing+=(fonts-wqy-zenhei)
  if [ ${#browser_missing[@]} -gt 0 ]; then
    apt_install "${browser_missing[@]}"
  else
    say "chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -n1))"
  fi
fi
say "done"
