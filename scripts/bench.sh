#!/usr/bin/env bash
# make bench: every figure of issue #8 on this machine, written to bench/RESULTS.md.
#
# 1. the policy engine (criterion): all programs for one household;
# 2. for SQLite, then PostgreSQL: the release server on a free loopback port and a fresh
#    database — time from process start to /readyz, RSS idle, HTTP load from separate
#    processes (oha for pages and the eligibility API; the load examples for paid donations and
#    check-ins, which need signed notifications and signed-in volunteers), RSS peak (VmHWM);
# 3. page speed in Chromium on a slow-4G phone, and the wasm each resident page loads.
#
#   BENCH_SECONDS=10 BENCH_CONNECTIONS=64 BENCH_DONATIONS=4000   load per row
#   BENCH_OUT=bench/RESULTS.md                                   where the table goes
#   REQUIRE_POSTGRES=1                                           fail if PostgreSQL is absent
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
server_bin="${SERVER_BIN:-$target_dir/release/server}"
site="${LEPTOS_SITE_ROOT:-target/site}"
seconds="${BENCH_SECONDS:-10}"
conns="${BENCH_CONNECTIONS:-64}"
donations="${BENCH_DONATIONS:-4000}"
out="${BENCH_OUT:-bench/RESULTS.md}"
pg_admin="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
resident_pages=(/ /check /charity /funeral /volunteer /cases /timebank/totals /open-data)

for tool in oha node brotli curl; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing: run 'make tools bench-tools'"; exit 1; }
done
[ -x "$server_bin" ] || { echo "error: $server_bin is missing: run 'make build' first"; exit 1; }

# The server and the load examples must derive the same keys: give both the same secret.
export APP_SECRET="${APP_SECRET:-bench-only-not-a-production-secret}"
export CLIENT_WRITES_PER_HOUR=100000000 STAFF_SIGNIN_ATTEMPTS_PER_CLIENT=1000000 PRODUCTION=false SEED_DEMO=true RUST_LOG="${RUST_LOG:-warn}" NO_COLOR=1

raw=$(mktemp -d)
server_pid=""
pg_db=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null || true; fi
  rm -rf "$raw"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

echo "== building the load examples (release)"
cargo build --release --quiet -p server --example load_donations --example load_checkin

echo "== policy engine (criterion)"
cargo bench -q -p policy --bench evaluate -- --noplot | tee "$raw/criterion.log"
python3 - "$target_dir/criterion" "$raw/engine.json" <<'EOF'
import json, pathlib, sys
rows = []
for est in sorted(pathlib.Path(sys.argv[1]).glob("*/new/estimates.json")):
    name = json.loads((est.parent / "benchmark.json").read_text())["full_id"]
    median = json.loads(est.read_text())["median"]["point_estimate"]
    rows.append({"name": name, "median_ns": median})
json.dump(rows, open(sys.argv[2], "w"))
EOF

# start NAME DATABASE_URL: the server on a free port; sets $port and $server_pid and writes the
# milliseconds from process start to the first 200 from /readyz.
start() {
  local name=$1 url=$2 t0 t1
  port=$(free_port)
  t0=$(date +%s%N)
  DATABASE_URL="$url" ADDR="127.0.0.1:$port" "$server_bin" >"$raw/$name-server.log" 2>&1 &
  server_pid=$!
  until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$raw/$name-server.log"; return 1; }
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 60 ] || { echo "error: $name not ready in 60 s"; return 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  echo "{\"ready_ms\": $(( (t1 - t0) / 1000000 ))}" >"$raw/$name-ready.json"
}

stop() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# load NAME ROW [oha options...] URL: a fixed-duration oha run, JSON into $raw/NAME-ROW.json.
load() {
  local name=$1 row=$2; shift 2
  echo "-- $name $row: $conns connections for $seconds s"
  oha --no-tui --output-format json -z "${seconds}s" -c "$conns" "$@" >"$raw/$name-$row.json"
}

# production_start NAME DATABASE_URL: a start as deployed (no demo data): time to ready, idle RSS.
production_start() {
  local name=$1-production
  SEED_DEMO=false start "$name" "$2"
  sleep 3
  echo "{\"idle_kb\": $(status_kb "$server_pid" VmRSS)}" >"$raw/$name-idle.json"
  stop
}

bench_backend() {
  local name=$1 url=$2 base
  echo "== $name"
  start "$name" "$url"
  base="http://127.0.0.1:$port"
  sleep 3
  echo "{\"idle_kb\": $(status_kb "$server_pid" VmRSS)}" >"$raw/$name-idle.json"
  load "$name" home "$base/"
  load "$name" projects "$base/charity"
  load "$name" eligibility -m POST -T application/json -D bench/eligibility-request.json \
    "$base/api/v1/eligibility/check"
  echo "-- $name donations: $donations orders paid, $conns in flight"
  DATABASE_URL="$url" "$target_dir/release/examples/load_donations" --server "$base" \
    --donations "$donations" --concurrency "$conns" | tee "$raw/$name-donations.txt"
  echo "-- $name check-ins: 500 volunteers within 10 s"
  DATABASE_URL="$url" "$target_dir/release/examples/load_checkin" --server "$base" \
    --volunteers 500 --seconds 10 | tee "$raw/$name-checkins.txt"
  echo "{\"peak_kb\": $(status_kb "$server_pid" VmHWM), \"after_kb\": $(status_kb "$server_pid" VmRSS)}" \
    >"$raw/$name-memory.json"
  stop
  if grep -qi "panic" "$raw/$name-server.log"; then
    echo "error: the $name server panicked:"; grep -i -m5 panic "$raw/$name-server.log"; return 1
  fi
}

production_start sqlite "sqlite://$raw/production.db"
bench_backend sqlite "sqlite://$raw/bench.db"

if python3 -c "import socket; socket.create_connection(('127.0.0.1',5432),2)" 2>/dev/null && command -v psql >/dev/null; then
  pg_db="bench_$(date +%s)_$$"
  psql -q "$pg_admin" -c "CREATE DATABASE $pg_db" >/dev/null
  production_start postgres "${pg_admin%/*}/$pg_db"
  psql -q "$pg_admin" -c "DROP DATABASE $pg_db WITH (FORCE)" -c "CREATE DATABASE $pg_db" >/dev/null
  bench_backend postgres "${pg_admin%/*}/$pg_db"
  psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
  pg_db=""
elif [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "error: PostgreSQL is required (REQUIRE_POSTGRES=1) but 127.0.0.1:5432 (or psql) is not there"; exit 1
else
  echo "******** PostgreSQL not reachable on 127.0.0.1:5432 (or no psql): its rows are EMPTY ********"
fi

echo "== page speed: slow 4G, 4x CPU slowdown, cold cache"
start pagespeed "sqlite://$raw/pagespeed.db"
node end2end/bench/pagespeed.mjs "http://127.0.0.1:$port" "${resident_pages[@]}" >"$raw/pagespeed.json"
stop
# The wasm each page loaded, raw / gzip -9 / brotli -q 11.
python3 - "$raw/pagespeed.json" "$site" "$raw/wasm.json" <<'EOF'
import json, subprocess, sys, pathlib, gzip
speed, site = json.load(open(sys.argv[1])), pathlib.Path(sys.argv[2])
sizes = {}
def size(path):
    if path not in sizes:
        data = (site / path.lstrip("/")).read_bytes()
        br = subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout
        sizes[path] = (len(data), len(gzip.compress(data, 9)), len(br))
    return sizes[path]
rows = []
for page in speed["pages"]:
    wasm = [f for f in page["files"] if f.endswith(".wasm")]
    total = [sum(size(f)[i] for f in wasm) for i in range(3)]
    rows.append({"path": page["path"], "files": wasm, "raw": total[0], "gzip": total[1], "brotli": total[2]})
json.dump(rows, open(sys.argv[3], "w"))
EOF

mkdir -p "$(dirname "$out")"
python3 bench/report.py "$raw" "$(nproc)" "$seconds" "$conns" >"$out"
echo "== written to $out"
cat "$out"
