#!/usr/bin/env bash
# The review station's latency as a reviewer feels it: the time from pressing Enter (a decision
# recorded) to the next item's crop on screen, in Debian's headless chromium driven by
# tests/browser/review_station_browser.py, median and 95th percentile.
#
#   bash bench/review_station_latency.sh [DEMO-DB] [PHIEU]
#
# DEMO-DB (default demo-output/phieu.db, made by `bash scripts/demo.sh`) is copied, never changed;
# every mark waiting in the copy but one is decided. PHIEU defaults to build/cli/phieu. The
# reviewer waits PHIEU_THINK_MS (default 800 ms: a fast person) between the pick and Enter, as the
# page uses that time to claim and fetch the next item; PHIEU_THINK_MS=0 presses at once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db="${1:-demo-output/phieu.db}"
phieu="${2:-$here/build/cli/phieu}"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

name="$(basename "$db")"
cp "$db" "$work/$name"
# The archived scans are found beside the database, in NAME.archive/ (store/archive.h).
archive="$(dirname "$db")/${name%.*}.archive"
[ -d "$archive" ] && ln -s "$(cd "$archive" && pwd)" "$work/${name%.*}.archive"
printf 'bench-password\n' | "$phieu" users add "Bench Reviewer" --role reviewer --db "$work/$name" >/dev/null
waiting="$("$phieu" review list --kind marks --db "$work/$name" | sed -n 's/^\([0-9]*\) item(s) wait.*/\1/p')"
if [ -z "$waiting" ] || [ "$waiting" -lt 3 ]; then
  echo "review_station_latency: $db has fewer than 3 marks waiting; nothing to measure" >&2
  exit 1
fi
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$phieu" serve --port "$port" --db "$work/$name" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 200); do
  /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break
  sleep 0.05
done
/usr/bin/python3 "$here/tests/browser/review_station_browser.py" --url "http://127.0.0.1:$port/" \
  --name "Bench Reviewer" --password bench-password --count "$((waiting - 1))" \
  --shots "$work/screens" --think-ms "${PHIEU_THINK_MS:-800}" >"$work/run.json"
/usr/bin/python3 - "$work/run.json" "$db" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
n = len(run["latency_ms"])
print(f"{sys.argv[2]}: Enter to the next crop on screen over {n} decisions: "
      f"median {run['median_ms']} ms, p95 {run['p95_ms']} ms; "
      f"to the decision confirmed (the form's new verdict shown): "
      f"median {run['recorded_median_ms']} ms, p95 {run['recorded_p95_ms']} ms")
PY
