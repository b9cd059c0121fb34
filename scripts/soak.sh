#!/usr/bin/env bash
# make soak: the release server on SQLite (or SOAK_DATABASE_URL) for SOAK_MINUTES (10) at half
# its measured peak. First 10 s each of the home page and the eligibility API at full speed
# (the peak); then both at once, each at a quarter of its own peak (together half the server),
# with paid donations trickling in, while the server's RSS is sampled every 10 s. Passes when no
# request failed and the RSS after the first minute stays within 10 % of its value at one minute.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
server_bin="${SERVER_BIN:-$target_dir/release/server}"
minutes="${SOAK_MINUTES:-10}"
conns="${BENCH_CONNECTIONS:-64}"
command -v oha >/dev/null || { echo "error: oha is missing: run 'make bench-tools'"; exit 1; }
[ -x "$server_bin" ] || { echo "error: $server_bin is missing: run 'make build' first"; exit 1; }
export APP_SECRET="${APP_SECRET:-bench-only-not-a-production-secret}"
export CLIENT_WRITES_PER_HOUR=100000000 STAFF_SIGNIN_ATTEMPTS_PER_CLIENT=1000000 PRODUCTION=false SEED_DEMO=true RUST_LOG="${RUST_LOG:-warn}" NO_COLOR=1

. scripts/lib/scratch.sh

cargo build --release --quiet -p server --example load_donations
url="${SOAK_DATABASE_URL:-sqlite://$dir/soak.db}"
port=$(free_port)
base="http://127.0.0.1:$port"
DATABASE_URL="$url" ADDR="127.0.0.1:$port" "$server_bin" >"$dir/server.log" 2>&1 &
server_pid=$!
until curl -fsS -o /dev/null "$base/readyz" 2>/dev/null; do
  kill -0 "$server_pid" || { cat "$dir/server.log"; exit 1; }
  sleep 0.1
done
rss() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$server_pid/status"; }
eligibility=(-m POST -T application/json -D bench/eligibility-request.json "$base/api/v1/eligibility/check")
peak() { oha --no-tui --output-format json -z 10s -c "$conns" "$@" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["summary"]["requestsPerSec"]))'; }

home_peak=$(peak "$base/")
elig_peak=$(peak "${eligibility[@]}")
home_rate=$((home_peak / 4)); elig_rate=$((elig_peak / 4))
echo "peak: home $home_peak req/s, eligibility $elig_peak req/s; soaking $minutes min at home $home_rate + eligibility $elig_rate req/s"

oha --no-tui --output-format json -z "${minutes}m" -c "$conns" -q "$home_rate" "$base/" >"$dir/home.json" &
home_job=$!
oha --no-tui --output-format json -z "${minutes}m" -c "$conns" -q "$elig_rate" "${eligibility[@]}" >"$dir/elig.json" &
elig_job=$!
# Donations at a trickle (one batch of 200 a minute), checked against the reconciliation.
(
  for _ in $(seq 1 "$minutes"); do
    DATABASE_URL="$url" "$target_dir/release/examples/load_donations" --server "$base" --donations 200 --concurrency 4 \
      >>"$dir/donations.txt" 2>&1 || echo "DONATIONS FAILED" >>"$dir/donations.txt"
    sleep 50
  done
) &
don_job=$!

samples=()
for _ in $(seq 1 $((minutes * 6))); do
  sleep 10
  samples+=("$(rss)")
  printf 'rss %s kB\n' "${samples[-1]}"
done
wait "$home_job" "$elig_job"
wait "$don_job" || true

python3 - "$dir" "${samples[@]}" <<'EOF'
import json, sys, pathlib
d = pathlib.Path(sys.argv[1]); samples = [int(x) for x in sys.argv[2:]]
failed = 0
for name in ("home", "elig"):
    r = json.loads((d / f"{name}.json").read_text())
    bad = sum(n for c, n in r.get("statusCodeDistribution", {}).items() if not c.startswith("2"))
    bad += sum(n for why, n in r.get("errorDistribution", {}).items() if why != "aborted due to deadline")
    print(f"{name}: {r['summary']['requestsPerSec']:.0f} req/s, p99 {r['latencyPercentiles']['p99']*1000:.1f} ms, errors {bad}")
    failed += bad
don = (d / "donations.txt").read_text()
batches = don.count("reconciliation: ok true")
print(f"donation batches reconciled: {batches}; failed batches: {don.count('DONATIONS FAILED')}")
failed += don.count("DONATIONS FAILED")
base = samples[5]  # at one minute, after warm-up
top = max(samples[5:])
growth = (top - base) / base * 100
print(f"RSS at 1 min {base/1024:.1f} MB, max after {top/1024:.1f} MB, growth {growth:.1f} % (limit 10 %)")
# A cache filling up grows early and stops; a leak keeps growing: the second half tells them apart.
half = samples[len(samples) // 2]
print(f"RSS over the second half: {half/1024:.1f} MB to at most {max(samples[len(samples) // 2:])/1024:.1f} MB "
      f"({(max(samples[len(samples) // 2:]) - half) / half * 100:.1f} %)")
sys.exit(1 if failed or growth > 10 else 0)
EOF
