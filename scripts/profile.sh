#!/usr/bin/env bash
# Where a benchmark row's time goes: the release server on a fresh database (SQLite, or
# PROFILE_DATABASE_URL) under load, sampled by `perf record` (CPU clock, 999 Hz, the server
# process only) for PROFILE_SECONDS (default 15). Prints the share of the server's samples per
# crate or area and the hottest symbols. Needs `perf` (Debian: linux-perf); not part of
# `make test` or `make bench`.
#   scripts/profile.sh eligibility   POST /api/v1/eligibility/check under oha, 64 connections
#   scripts/profile.sh home          GET / (SSR) under oha, 64 connections
#   scripts/profile.sh donations     paid donations (server/examples/load_donations, 32 in
#                                    flight); also `perf trace -s`: time in each system call,
#                                    where a request waits off the CPU (fsync, SQLite's busy sleeps);
#                                    PROFILE_TRACE=0 leaves the trace out (it distorts the samples)
set -euo pipefail
cd "$(dirname "$0")/.."
server_bin="${SERVER_BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
seconds="${PROFILE_SECONDS:-15}"
what="${1:-eligibility}"
case "$what" in eligibility|home|donations) ;; *) echo "usage: $0 [eligibility|home|donations]"; exit 2 ;; esac
for tool in perf oha curl; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing"; exit 1; }
done
. scripts/lib/scratch.sh
port=$(free_port)
url="${PROFILE_DATABASE_URL:-sqlite://$dir/db.sqlite}"
export APP_SECRET=profile-only
[ "$what" = donations ] && cargo build --release --quiet -p server --example load_donations
CLIENT_WRITES_PER_HOUR=100000000 PRODUCTION=false SEED_DEMO=false RUST_LOG=warn NO_COLOR=1 \
  DATABASE_URL="$url" ADDR="127.0.0.1:$port" "$server_bin" >"$dir/server.log" 2>&1 &
server_pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; do sleep 0.05; done
base="http://127.0.0.1:$port"
case "$what" in
  eligibility) request=(-m POST -T application/json -D bench/eligibility-request.json "$base/api/v1/eligibility/check") ;;
  home) request=("$base/") ;;
esac
if [ "$what" = donations ]; then
  # Enough donations to outlast the profile at about 500 a second.
  DATABASE_URL="$url" "${CARGO_TARGET_DIR:-target}/release/examples/load_donations" --server "$base" \
    --donations $(((seconds + 10) * 500)) --concurrency 32 >"$dir/load.txt" 2>&1 &
  load_pid=$!
  sleep 3
else
  oha --no-tui -z 3s -c 64 "${request[@]}" >/dev/null
  oha --no-tui --output-format json -z "$((seconds + 8))s" -c 64 "${request[@]}" >"$dir/load.json" &
  load_pid=$!
  sleep 1
fi
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
server_cpu0=$(cpu "$server_pid"); load_cpu0=$(cpu "$load_pid"); t0=$(date +%s%N)
trace=0
if [ "$what" = donations ] && [ "${PROFILE_TRACE:-1}" = 1 ]; then
  trace=1
  perf trace -s -p "$server_pid" -o "$dir/trace.txt" -- sleep "$seconds" 2>/dev/null &
  trace_pid=$!
fi
perf record -q -F 999 -e cpu-clock -p "$server_pid" -o "$dir/perf.data" -- sleep "$seconds" 2>/dev/null
server_cpu1=$(cpu "$server_pid"); load_cpu1=$(cpu "$load_pid"); t1=$(date +%s%N)
[ "$trace" = 1 ] && wait "$trace_pid"
wait "$load_pid"
tick=$(getconf CLK_TCK)
python3 -c "import sys; s, o, w = (int(a) for a in sys.argv[1:4]); t = $tick; print(f'CPU of the 2 cores during the profile: server {s / t / (w / 1e9) * 100:.0f} %, load generator {o / t / (w / 1e9) * 100:.0f} % (of one core)')" \
  "$((server_cpu1 - server_cpu0))" "$((load_cpu1 - load_cpu0))" "$((t1 - t0))"
perf report -i "$dir/perf.data" --no-children --sort sym --stdio 2>/dev/null >"$dir/report.txt"
python3 - "$dir/report.txt" "$dir" <<'PY'
import json, re, sys
from collections import Counter
rows = []
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"\s*([\d.]+)%\s+\[(.)\]\s+(.*)$", line)
    if m:
        rows.append((float(m.group(1)), m.group(2), m.group(3).strip()))
AREAS = [
    ("kernel: network, syscalls, scheduling", lambda k, s: k == "k"),
    ("response compression (brotli, gzip)", lambda k, s: re.search(r"brotli|alloc_no_stdlib|alloc_stdlib|flate2|miniz|deflate|crc32", s)),
    ("memory allocation", lambda k, s: re.search(r"malloc|free|realloc|calloc|alloc::alloc|__rust_(de|re)?alloc|_int_|cfree|tcache", s)),
    ("JSON (serde_json)", lambda k, s: "serde_json" in s or "serde::" in s or "serde_core" in s),
    ("policy engine", lambda k, s: s.startswith("policy::") or "<policy::" in s),
    ("HTTP (hyper, h1 parsing, headers)", lambda k, s: re.search(r"hyper|httparse|http::header|http::|bytes::", s)),
    ("tower / axum layers and routing", lambda k, s: re.search(r"tower|axum|matchit", s)),
    ("tracing", lambda k, s: "tracing" in s),
    ("tokio runtime", lambda k, s: "tokio" in s),
    ("formatting and strings", lambda k, s: re.search(r"core::fmt|alloc::fmt|String|memcpy|memmove|memset|memcmp|str::", s)),
    ("server's own code", lambda k, s: re.search(r"server::|app::", s)),
]
areas = Counter()
for pct, kind, sym in rows:
    for name, test in AREAS:
        if test(kind, sym):
            areas[name] += pct
            break
    else:
        areas["other"] += pct
import pathlib
d = pathlib.Path(sys.argv[2])
if (d / "load.json").exists():
    o = json.loads((d / "load.json").read_text())
    print(f"oha during the profile: {o['summary']['requestsPerSec']:,.0f} requests/s, "
          f"success rate {o['summary']['successRate']:.3f}")
else:
    print("load example:", (d / "load.txt").read_text().strip())
print("server samples by area:")
for name, pct in areas.most_common():
    print(f"  {pct:5.1f} %  {name}")
print("hottest symbols:")
for pct, kind, sym in rows[:25]:
    print(f"  {pct:5.2f} %  [{kind}] {sym[:110]}")
PY
if [ "$trace" = 1 ]; then
  # Per thread: the system calls with the most time (msec) in them.
  echo "system calls of the server's threads with the most time in them (perf trace -s):"
  python3 - "$dir/trace.txt" <<'PY'
import re, sys
from collections import defaultdict
calls = defaultdict(lambda: [0, 0.0])
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"\s+(\w+)\s+(\d+)\s+\d+\s+([\d.]+)\s", line)
    if m:
        calls[m.group(1)][0] += int(m.group(2))
        calls[m.group(1)][1] += float(m.group(3))
for name, (n, ms) in sorted(calls.items(), key=lambda kv: -kv[1][1])[:12]:
    print(f"  {name:<18} {n:>9,} calls {ms / 1000:>9.1f} s in all")
PY
fi
