#!/usr/bin/env bash
# Fuzzes phieu's input parsers with libFuzzer (README "Fuzzing"; targets in fuzz/).
#   scripts/fuzz.sh TARGET SECONDS   runs fuzz/TARGET_fuzz.cc for SECONDS (TARGET: csv, scan_page ...)
#   scripts/fuzz.sh all SECONDS      runs every target for SECONDS each
#   scripts/fuzz.sh build            only builds them (clang, ASan + UBSan, in build-fuzz/)
# Installs missing Debian packages and builds first. The committed corpus fuzz/corpus/TARGET/ is
# only read: new inputs go to build-fuzz/corpus/TARGET/, crashes to build-fuzz/crashes/TARGET/.
# Fails when a target crashes, leaks, times out or runs out of memory, printing the input's path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${PHIEU_JOBS:-2}"
dir="$root/build-fuzz"

usage() {
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS, or scripts/fuzz.sh build" >&2
  exit 2
}

targets() {
  for source in "$root"/fuzz/*_fuzz.cc; do
    basename "$source" _fuzz.cc
  done
}

build() {
  bash "$root/scripts/install-deps.sh" >&2
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    CXX=clang++ cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" \
      -DPHIEU_FUZZ=ON -DPHIEU_TESTS=OFF -DPHIEU_BENCH=OFF >&2
  fi
  cmake --build "$dir" --target fuzz_targets -j "$jobs" >&2
}

# run TARGET SECONDS: fuzzes one target; fails naming the input that made it fail.
run() {
  local target="$1" seconds="$2"
  local scratch="$dir/corpus/$target" crashes="$dir/crashes/$target"
  local -a options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10
                    -print_final_stats=1 -artifact_prefix="$crashes/")
  # A page is decoded and read whole: allow more time per input, and keep inputs small.
  if [ "$target" = scan_page ]; then options+=(-timeout=30 -max_len=204800); fi
  if [ -f "$root/fuzz/$target.dict" ]; then options+=(-dict="$root/fuzz/$target.dict"); fi
  mkdir -p "$scratch" "$crashes"
  echo "== fuzz $target for $seconds s"
  local status=0
  "$dir/fuzz/${target}_fuzz" "${options[@]}" "$scratch" "$root/fuzz/corpus/$target" \
    >"$dir/$target.log" 2>&1 || status=$?
  grep -E '(DONE|^stat::number_of_executed_units|^stat::peak_rss_mb)' "$dir/$target.log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$dir/$target.log"
    echo "fuzz.sh: $target failed (exit $status); log $dir/$target.log" >&2
    grep -o "Test unit written to .*" "$dir/$target.log" |
      sed 's/.*written to /fuzz.sh: the input: /' >&2 || true
    return 1
  fi
}

[ $# -ge 1 ] || usage
export ASAN_OPTIONS="abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
export OMP_THREAD_LIMIT=1  # Tesseract, for the page reader (NOTES.md)
case "$1" in
  build)
    [ $# -eq 1 ] || usage
    build
    ;;
  all)
    [ $# -eq 2 ] || usage
    build
    failed=()
    for target in $(targets); do run "$target" "$2" || failed+=("$target"); done
    if [ "${#failed[@]}" -gt 0 ]; then
      echo "fuzz.sh: failed: ${failed[*]}" >&2
      exit 1
    fi
    ;;
  *)
    [ $# -eq 2 ] || usage
    [ -f "$root/fuzz/$1_fuzz.cc" ] || { echo "fuzz.sh: no target '$1'; targets:" $(targets) >&2; exit 2; }
    build
    run "$1" "$2"
    ;;
esac
