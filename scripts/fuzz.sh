#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang-14 into build/fuzz and
# runs them.
#
#   scripts/fuzz.sh [target...]        fuzz each target FUZZ_SECONDS (default 60)
#   scripts/fuzz.sh --ci [target...]   replay the committed seeds, then fuzz
#                                      FUZZ_SECONDS (default 2) with a fixed seed
#
# New inputs go to build/fuzz/corpus/<target>/ (git-ignored), crashes to
# build/fuzz/artifacts/. The committed seeds in tests/fuzz/corpus/<target>/
# are only read. A crash prints the reproducer command and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --ci) ci=1 ;;
    -*) echo "fuzz: unknown option $arg" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(percent_encoding canonicalize key_time request_codec presign presign_v4 explain
  credentials_json)
seconds=${FUZZ_SECONDS:-$([ "$ci" = 1 ] && echo 2 || echo 60)}

bash scripts/setup.sh >/dev/null
mkdir -p build
CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOS_PRESIGN_FUZZ=ON \
  >build/fuzz-configure.log 2>&1 || { cat build/fuzz-configure.log; exit 1; }
cmake --build build/fuzz --target fuzzers -j "$(nproc 2>/dev/null || echo 2)" >build/fuzz-build.log 2>&1 \
  || { cat build/fuzz-build.log; exit 1; }

mkdir -p build/fuzz/artifacts
for t in "${targets[@]}"; do
  bin=build/fuzz/tests/fuzz/fuzz_$t
  seeds=tests/fuzz/corpus/$t
  work=build/fuzz/corpus/$t
  log=build/fuzz/$t.log
  [ -x "$bin" ] || { echo "fuzz: no target $t" >&2; exit 2; }
  mkdir -p "$work"
  opts=(-max_len=4096 -timeout=10 -print_final_stats=1 "-artifact_prefix=build/fuzz/artifacts/$t-")
  if [ "$ci" = 1 ]; then
    # Every committed seed (and past crash reproducers among them) must pass.
    "$bin" "${opts[@]}" "$seeds"/* >"$log" 2>&1 || { cat "$log"; echo "fuzz: $t failed on a committed seed" >&2; exit 1; }
    opts+=(-seed=1)
  fi
  if ! "$bin" "${opts[@]}" -max_total_time="$seconds" "$work" "$seeds" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $t found a failing input; reproduce with: $bin $(ls -t build/fuzz/artifacts/$t-* 2>/dev/null | head -n1)" >&2
    exit 1
  fi
  stats=$(grep -E '^#[0-9]+' "$log" | tail -n1 | sed -E 's/^#([0-9]+)[[:space:]]+[A-Z]+[[:space:]]+/\1 runs, /')
  echo "fuzz: $t ok (${seconds}s): $stats"
done
