#!/usr/bin/env bash
# README command 2: set up, build, and run the whole test suite twice: a normal build, then an
# AddressSanitizer + UndefinedBehaviorSanitizer build (memory errors fail the run).
#   scripts/test.sh            both builds
#   scripts/test.sh --quick    the normal build only (while developing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${PHIEU_JOBS:-2}"

run_suite() {
  local dir="$1"
  echo "== ctest in ${dir#$root/}"
  (cd "$dir" && ctest --output-on-failure -j "$jobs")
}

run_suite "$(bash "$root/scripts/build.sh" | tail -n 1)"
if [ "${1:-}" != "--quick" ]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
  run_suite "$(bash "$root/scripts/build.sh" --sanitize | tail -n 1)"
fi
