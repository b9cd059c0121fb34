#!/usr/bin/env bash
# API fuzzing: Schemathesis generates requests from the server's own OpenAPI document
# (/api/v1/openapi.json) and checks every answer: never a 5xx, and every status code, content
# type and body as documented. Against a fresh server on a free loopback port with a fresh
# SQLite database (development mode, demo data seeded); signed-in operations are called as a
# demo member of staff with an allowed role, or as a demo resident (scripts/api_fuzz_sessions.py).
# Fails on any check failure and on any panic in the server log.
#
#   scripts/api-fuzz.sh
#   SERVER_BIN=target/debug/server      the binary to fuzz (default: the release build)
#   API_FUZZ_EXAMPLES=25                 generated cases per operation in the fuzzing phase
#   API_FUZZ_SEED=20261129               the seed (the same seed asks the same requests)
#   API_FUZZ_ARGS=--continue-on-failure  more Schemathesis options (e.g. every failure per operation)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

SCHEMATHESIS_VERSION=4.32.5
server_bin="${SERVER_BIN:-${CARGO_TARGET_DIR:-target}/release/server}"
examples="${API_FUZZ_EXAMPLES:-25}"
seed="${API_FUZZ_SEED:-20261129}"
venv=.tools/venv

if [ ! -x "$server_bin" ]; then
  echo "error: $server_bin is missing: run 'make build' first (this script builds no server)"
  exit 1
fi

# Schemathesis, pinned, in a venv of its own (its dependencies pinned too, so one seed keeps
# generating the same requests).
if [ "$("$venv/bin/schemathesis" --version 2>/dev/null || true)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  echo "installing Schemathesis $SCHEMATHESIS_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    -c scripts/api-fuzz-constraints.txt "schemathesis==$SCHEMATHESIS_VERSION"
fi

. scripts/lib/scratch.sh

port=$(free_port)
base="http://127.0.0.1:$port"
echo "api-fuzz: serving $server_bin on 127.0.0.1:$port with a fresh database"
DATABASE_URL="sqlite://$dir/fuzz.db" ADDR="127.0.0.1:$port" PRODUCTION=false SEED_DEMO=true CLIENT_WRITES_PER_HOUR=100000000 \
  APP_SECRET="api-fuzz-only-not-a-production-secret-0000" RUST_LOG="${RUST_LOG:-warn}" NO_COLOR=1 \
  "$server_bin" >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log"; echo "error: the server stopped"; exit 1; }
  sleep 0.5
done
curl -fsS "$base/readyz" >/dev/null || { cat "$dir/server.log"; echo "error: the server is not ready"; exit 1; }

"$venv/bin/python" scripts/api_fuzz_sessions.py "$base" "$dir/schemathesis.toml"

started=$(date +%s)
status=0
(cd "$dir" && "$root/$venv/bin/schemathesis" --config-file "$dir/schemathesis.toml" --no-color \
  run "$base/api/v1/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "$examples" \
  --seed "$seed" \
  --workers 1 \
  --request-timeout 30 \
  --output-truncate false ${API_FUZZ_ARGS:-}) || status=$?
echo "api-fuzz: Schemathesis finished in $(($(date +%s) - started)) s (exit status $status)"

kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
if grep -q "panicked" "$dir/server.log"; then
  echo "error: the server panicked:"
  grep -A3 "panicked" "$dir/server.log" | head -20
  status=1
fi
if [ "$status" != 0 ]; then
  echo "-- server log lines with errors:"
  grep -i "error" "$dir/server.log" | head -20 || true
  exit 1
fi
echo "api-fuzz: passed"
