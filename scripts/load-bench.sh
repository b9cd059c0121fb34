#!/usr/bin/env bash
# Runs one load example (server/examples/<EXAMPLE>.rs) against the release server, on a fresh
# SQLite database and a fresh PostgreSQL database. For each backend: start the server on a free
# loopback port (development mode), wait for /readyz, run the example with the same
# DATABASE_URL and APP_SECRET (it seeds what it needs, fires its requests over HTTP and prints a
# line starting with "count"), stop the server. Exits non-zero if any run failed.
#
#   scripts/load-bench.sh EXAMPLE "LABEL" [example arguments...]
#   PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres   where the test database is made
#   REQUIRE_POSTGRES=1                       fail instead of skipping when PostgreSQL is absent
set -euo pipefail
cd "$(dirname "$0")/.."

server_bin="${SERVER_BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
example="$1"; label="$2"; shift 2
args=("$@")   # passed on to the example
pg_admin="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

if [ ! -x "$server_bin" ]; then
  echo "error: $server_bin is missing: run 'make build' first (this script builds no server)"
  exit 1
fi
# The server and the example must derive the same keys: give both the same secret.
export APP_SECRET="${APP_SECRET:-load-bench-only-not-a-production-secret}"
export CLIENT_WRITES_PER_HOUR=100000000 STAFF_SIGNIN_ATTEMPTS_PER_CLIENT=1000000 PRODUCTION=false SEED_DEMO=true RUST_LOG="${RUST_LOG:-warn}" NO_COLOR=1

echo "building the load example $example (release)"
cargo build --release --quiet -p server --example "$example"

dir=$(mktemp -d)
server_pid=""
pg_db=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

# run NAME DATABASE_URL: one measurement against a fresh server; its figures go to $dir/NAME.out.
run() {
  local name=$1 url=$2 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "== $name: release server on 127.0.0.1:$port"
  DATABASE_URL="$url" ADDR="127.0.0.1:$port" "$server_bin" >"$dir/$name-server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/$name-server.log"; return 1; }
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "error: $name server not ready"; return 1; }
  local status=0
  DATABASE_URL="$url" cargo run --release --quiet -p server --example "$example" -- \
    --server "http://127.0.0.1:$port" "${args[@]}" \
    | tee "$dir/$name.out" || status=$?
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  if grep -qi "error\|panic" "$dir/$name-server.log"; then
    echo "-- server log lines with errors:"; grep -i "error\|panic" "$dir/$name-server.log" | head -5
  fi
  return $status
}

failed=0
run sqlite "sqlite://$dir/load.db" || failed=1

if python3 -c "import socket; socket.create_connection(('127.0.0.1',5432),2)" 2>/dev/null && command -v psql >/dev/null; then
  pg_db="load_$(date +%s)_$$"
  psql -q "$pg_admin" -c "CREATE DATABASE $pg_db" >/dev/null
  run postgres "${pg_admin%/*}/$pg_db" || failed=1
  psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
  pg_db=""
elif [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "error: PostgreSQL is required (REQUIRE_POSTGRES=1) but 127.0.0.1:5432 (or psql) is not there"
  failed=1
else
  echo "******** PostgreSQL not reachable on 127.0.0.1:5432 (or no psql): its run is SKIPPED ********"
fi

echo
echo "== $label, release server on $(nproc) cores"
for name in sqlite postgres; do
  [ -f "$dir/$name.out" ] && printf '%-9s %s\n' "$name" "$(grep '^count' "$dir/$name.out")"
done
exit $failed
