#!/usr/bin/env bash
# Installs missing Debian packages, then configures and builds phieu.
#   scripts/build.sh              release build with tests, in build/
#   scripts/build.sh --only phieu the same build folder, but only the `phieu` executable and what
#                                 it needs (README command 1: the tests are built by command 2)
#   scripts/build.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build, in build-asan/
# Prints the build directory on the last line of stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${PHIEU_JOBS:-2}"

dir="$root/build"
# Optimised, with light debug info (-g1: functions and line numbers, enough for a stack trace):
# full -g costs a fifth more compile time and gives nothing CI or the demo uses.
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
targets=()
if [ "${1:-}" = "--only" ] && [ -n "${2:-}" ]; then
  targets=(--target "$2")
elif [ "${1:-}" = "--sanitize" ]; then
  dir="$root/build-asan"
  # Lightly optimised, light debug info: compiles much faster than -O2 -g (this build is half of
  # CI's time), the suite still runs faster than at -O0, and stack traces keep function names.
  flags=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" -DPHIEU_SANITIZE=ON -DPHIEU_BENCH=OFF)
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/build.sh [--sanitize | --only TARGET]" >&2
  exit 2
fi

bash "$root/scripts/install-deps.sh" >&2
cmake -S "$root" -B "$dir" "${flags[@]}" >&2
cmake --build "$dir" -j "$jobs" "${targets[@]}" >&2
echo "$dir"
