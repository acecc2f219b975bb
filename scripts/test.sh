#!/usr/bin/env bash
# README command 2: set up, build, and run the whole test suite twice: a normal build, then an
# AddressSanitizer + UndefinedBehaviorSanitizer build (memory errors fail the run); then every
# fuzz target for a short fixed time on its committed corpus (scripts/fuzz.sh). Prints each
# stage's wall time.
#   scripts/test.sh            everything
#   scripts/test.sh --quick    the normal build only (while developing)
# PHIEU_FUZZ_SECONDS: seconds per fuzz target (default 20).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${PHIEU_JOBS:-2}"

# timed NAME COMMAND...: runs COMMAND, then prints NAME's wall time on stderr.
timed() {
  local name="$1" start="$SECONDS"
  shift
  "$@"
  echo "== ${name}: $((SECONDS - start)) s" >&2
}

run_suite() {
  local dir="$1"
  echo "== ctest in ${dir#$root/}"
  (cd "$dir" && ctest --output-on-failure -j "$jobs")
}

dir="$(timed "build" bash "$root/scripts/build.sh" | tail -n 1)"
timed "ctest" run_suite "$dir"
if [ "${1:-}" != "--quick" ]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
  dir="$(timed "build (sanitizers)" bash "$root/scripts/build.sh" --sanitize | tail -n 1)"
  timed "ctest (sanitizers)" run_suite "$dir"
  timed "fuzz build" bash "$root/scripts/fuzz.sh" build
  timed "fuzz" bash "$root/scripts/fuzz.sh" all "${PHIEU_FUZZ_SECONDS:-20}"
fi
