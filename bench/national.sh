#!/usr/bin/env bash
# A national SIPAS round on one machine, stage by stage: draw, print, scan, verify, report, audit
# bundle, audit check (a 5 % share drawn from a seed, and --all). ≈ 40,000 forms at full size; by
# default a tenth of it (--fraction 0.1), so that it runs in minutes, with every figure also
# scaled to the national size (linearly: each stage's work grows with the forms).
#
#   bash bench/national.sh [--fraction F] [--dir DIR] [--keep]
#
# Needs a build with the benchmarks (build/cli/phieu and build/bench/national_scans; PHIEU_BENCH
# is ON by default: cmake --build build --target phieu national_scans). The scans are made on the
# fly, CHUNK forms at a time (200), scanned and deleted, so disk holds one chunk of input on top
# of what phieu keeps (its database, the printed PDF, the archived scans, the bundle). For each
# stage it prints the wall time, the peak memory (/usr/bin/time -v "Maximum resident set size")
# and the disk used by DIR afterwards. Nothing is asserted: the figures go in the README with the
# machine and its load (uptime), which this script prints too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fraction=0.1
dir="${TMPDIR:-/tmp}/phieu-national"
keep=0
national_forms=40000
chunk=200
while [ $# -gt 0 ]; do
  case "$1" in
    --fraction) fraction="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: bench/national.sh [--fraction F] [--dir DIR] [--keep]" >&2; exit 2 ;;
  esac
done
phieu="$root/build/cli/phieu"
scans="$root/build/bench/national_scans"
for tool in "$phieu" "$scans"; do
  [ -x "$tool" ] || { echo "national.sh: $tool is missing: cmake --build build --target phieu national_scans" >&2; exit 1; }
done
forms=$(awk -v f="$fraction" -v n="$national_forms" 'BEGIN { x = int(f * n + 0.5); print (x < 1 ? 1 : x) }')
scale=$(awk -v f="$forms" -v n="$national_forms" 'BEGIN { printf "%.4f", n / f }')
cores=$(nproc --all)  # before OMP_THREAD_LIMIT, which nproc obeys
export OMP_THREAD_LIMIT=1  # Tesseract is ~8x slower on 2 cores without it (NOTES.md)
export PHIEU_DB="$dir/national.db"
# DIR is cleared: only one this script made (its marker inside), never someone's folder.
if [ -e "$dir" ] && [ ! -e "$dir/.phieu-national" ]; then
  echo "national.sh: $dir exists and was not made by this script; give another --dir" >&2
  exit 1
fi
rm -rf "$dir"
mkdir -p "$dir"
touch "$dir/.phieu-national"
cd "$dir"

echo "national.sh: $forms forms (fraction $fraction of $national_forms; figures x $scale for the national size)"
echo "machine: $cores cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB; $(uptime | sed 's/^ *//')"
echo "dir: $dir"

results="$dir/stages.tsv"
: > "$results"
# run STAGE COMMAND...: runs it under /usr/bin/time -v, adds its wall seconds and peak KiB to the
# stage's line (a stage run in several pieces, the scan, adds up its times and keeps its peak).
run() {
  local stage="$1"; shift
  local log="$dir/time.log"
  /usr/bin/time -v -o "$log" "$@" > "$dir/$stage.out" 2> "$dir/$stage.err" || {
    echo "national.sh: stage $stage failed: $*" >&2; tail -5 "$dir/$stage.err" >&2; tail -5 "$dir/$stage.out" >&2; exit 1; }
  local wall kib
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
  echo -e "$stage\t$wall\t$kib" >> "$results"
}
disk() { du -sk "$dir" | awk '{ print $1 }'; }
declare -A disk_after

"$scans" frame $((forms * 2)) frame.csv
run init "$phieu" init --survey sipas-2022
run draw "$phieu" sample draw --frame frame.csv --seed national-bench-2026 --size "$forms" --by unit
disk_after[draw]=$(disk)
run print "$phieu" forms print --out forms.pdf --draft
disk_after[print]=$(disk)

# Scan: the printed forms come back CHUNK at a time; only phieu scan is timed (the generator's
# time is printed apart).
generated=0
gen_seconds=0
peak_chunk_kib=0
for ((first = 0; first < forms; first += chunk)); do
  count=$((forms - first < chunk ? forms - first : chunk))
  start=$(date +%s.%N)
  "$scans" scans forms.pdf "$dir/chunk" "$first" "$count"
  gen_seconds=$(awk -v a="$gen_seconds" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print a + e - s }')
  chunk_kib=$(du -sk "$dir/chunk" | awk '{ print $1 }')
  [ "$chunk_kib" -gt "$peak_chunk_kib" ] && peak_chunk_kib=$chunk_kib
  run scan "$phieu" scan "$dir/chunk" --batch "chunk-$((first / chunk + 1))" --operator national-bench
  rm -rf "$dir/chunk"
  generated=$((generated + count))
  printf '\r  scanned %d of %d forms' "$generated" "$forms" >&2
done
echo >&2
disk_after[scan]=$(disk)
pages=$(sqlite3 "$PHIEU_DB" "SELECT count(*) FROM scan_page" 2>/dev/null || echo "?")
run verify "$phieu" verify
run report "$phieu" report --out report.pdf
disk_after[report]=$(disk)
run audit-export "$phieu" audit export bundle --redact
disk_after[audit-export]=$(disk)
run audit-check-seed "$phieu" audit check bundle --seed "MTTQ national bench 2026" --share 0.05
run audit-check-all "$phieu" audit check bundle --all
disk_after[audit-check-all]=$(disk)

echo
echo "national.sh: $forms forms, $pages pages scanned (fraction $fraction; x $scale = national)"
echo "scan input made on the fly in $(printf '%.0f' "$gen_seconds") s (not counted), at most $((peak_chunk_kib / 1024)) MiB on disk at a time"
printf '%-18s %10s %14s %14s %12s %14s\n' stage seconds "national s" "per second" "peak MiB" "disk MiB after"
awk -F'\t' '{ s[$1] += $2; if ($3 > m[$1]) m[$1] = $3; if (!($1 in o)) o[$1] = ++n } END { for (k in o) print o[k] "\t" k "\t" s[k] "\t" m[k] }' "$results" |
  sort -n | while IFS=$'\t' read -r _ stage seconds kib; do
    rate=""
    case "$stage" in
      print) rate=$(awk -v n="$forms" -v s="$seconds" 'BEGIN { printf "%.0f forms/s", n / s }') ;;
      scan|audit-check-all) [ "$pages" != "?" ] && rate=$(awk -v n="$pages" -v s="$seconds" 'BEGIN { printf "%.1f pages/s", n / s }') ;;
      audit-check-seed) [ "$pages" != "?" ] && rate=$(awk -v n="$pages" 'BEGIN { x = 0.05 * n; printf "%d pages read", (x == int(x) ? x : int(x) + 1) }') ;;
    esac
    national=$(awk -v s="$seconds" -v k="$scale" 'BEGIN { printf "%.0f", s * k }')
    printf '%-18s %10.1f %14s %14s %12.0f %14s\n' "$stage" "$seconds" "$national" "$rate" \
      "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$([ -n "${disk_after[$stage]:-}" ] && echo $(( ${disk_after[$stage]} / 1024 )) || echo -)"
  done
echo "load at the end: $(uptime | sed 's/^ *//')"
[ "$keep" = 1 ] || rm -rf "$dir"
