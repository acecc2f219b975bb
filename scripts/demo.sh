#!/usr/bin/env bash
# README command 1: set up, build, and run `phieu demo` (the whole pipeline on a generated sample).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Only the executable is built: the tests and benchmarks wait for command 2.
dir="$(bash "$root/scripts/build.sh" --only phieu | tail -n 1)"
exec "$dir/cli/phieu" demo --dir "${PHIEU_DEMO_DIR:-$root/demo-output}" "$@"
