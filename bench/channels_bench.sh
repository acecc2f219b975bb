#!/usr/bin/env bash
# The channels' benchmark (issue 16 "must show"): a million generated channel rows (no real
# people: ids, offices and answers are made up) imported into four quarterly sipas-2022
# databases, then the four-period report (scorecards and the comparison) on them. Prints the wall
# time, rows per second and peak memory (/usr/bin/time -v) of every stage.
#   bash bench/channels_bench.sh [ROWS] [WORKDIR]     ROWS in all (default 1000000), split over 4
#                                                    quarters; WORKDIR default /tmp/phieu-channels-bench
# Not part of CI: it takes minutes and a few GB of disk.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
work="${2:-/tmp/phieu-channels-bench}"
phieu="${PHIEU:-$root/build/cli/phieu}"
[ -x "$phieu" ] || { echo "no $phieu: build it first (scripts/build.sh --only phieu)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
cd "$work"
per=$((rows / 4))

# 40 one-stop offices in 8 districts of 2 provinces; the sample list names them (an office must
# be a unit of the sample list for its answers to be imported).
/usr/bin/python3 - "$per" <<'PY'
import random, sys
per = int(sys.argv[1])
units = [f"Bộ phận Một cửa {i:02d}" for i in range(40)]
with open("sample.csv", "w", encoding="utf-8") as f:
    f.write("id,unit,district,province\n")
    for i, u in enumerate(units):
        f.write(f"S{i:04d},{u},Huyện {i % 8},Tỉnh {i % 2}\n")
items = [f"Q9.{k}" for k in range(15, 34)]  # block II: the services, 19 items
with open("sms.yaml", "w", encoding="utf-8") as f:
    f.write("channel: sms\nid: msg\nunit: office\ndate: date\nquestions:\n")
    for k, item in enumerate(items):
        f.write(f"  {item}: q{k + 1}\n")
for q in range(4):
    rnd = random.Random(q)
    months = [1 + 3 * q, 2 + 3 * q, 3 + 3 * q]
    with open(f"sms-q{q + 1}.csv", "w", encoding="utf-8") as f:
        f.write("msg,office,date," + ",".join(f"q{k + 1}" for k in range(len(items))) + "\n")
        for r in range(per):
            u = r % len(units)
            # Each office has its own level, rising a little each quarter; some blanks.
            base = 2.5 + (u % 5) * 0.5 + q * 0.1
            cells = []
            for k in range(len(items)):
                v = round(base + rnd.gauss(0, 1))
                cells.append("" if rnd.random() < 0.03 else str(min(5, max(1, v))))
            f.write(f"M{q}-{r},{units[u]},2026-{months[r % 3]:02d}-{1 + r % 28:02d},"
                    + ",".join(cells) + "\n")
PY

measure() {  # measure LABEL ROWS COMMAND...: runs it under /usr/bin/time -v, prints one line
  local label="$1" n="$2"
  shift 2
  /usr/bin/time -v "$@" > "$label.out" 2> "$label.time" || { cat "$label.out" "$label.time" >&2; exit 1; }
  local wall rss user sys
  wall=$(grep "Elapsed (wall clock)" "$label.time" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$label.time" | awk '{print $NF}')
  user=$(grep "User time" "$label.time" | awk '{print $NF}')
  sys=$(grep "System time" "$label.time" | awk '{print $NF}')
  # On a shared machine the wall time includes waiting for a core: the processor time (user +
  # system) is printed beside it, with the rate it would give on an idle core.
  /usr/bin/python3 - "$label" "$n" "$wall" "$rss" "$user" "$sys" <<'PY'
import sys
label, n, wall, rss = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
cpu = float(sys.argv[5]) + float(sys.argv[6])
parts = [float(p) for p in wall.split(":")]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rate = f", {n / seconds:,.0f} rows/s ({n / cpu:,.0f} per processor second)" if n else ""
print(f"{label:<24} {seconds:7.2f} s wall, {cpu:6.2f} s processor{rate}, peak {rss / 1024:,.0f} MB")
PY
}

echo "channels bench: $rows rows (${per} per quarter, 19 answers each), 40 offices; $(nproc) cores"
dbs=()
for q in 1 2 3 4; do
  db="q$q.db"
  "$phieu" init --survey sipas-2022 --period "2026-Q$q" --db "$db" > /dev/null
  "$phieu" sample import sample.csv --db "$db" > /dev/null
  measure "import-q$q" "$per" "$phieu" channel import "sms-q$q.csv" --channel sms --map sms.yaml --db "$db"
  dbs+=("$db")
done
measure "report-q4 (4 periods)" 0 "$phieu" report --out report.pdf --compare q1.db,q2.db,q3.db \
  --scorecards-csv scorecards.csv --db q4.db
echo "report: $work/report.pdf ($(stat -c %s report.pdf) bytes), scorecards: $work/scorecards.csv"
