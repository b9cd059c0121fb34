#!/usr/bin/env bash
# Load test of QR check-in (issue #5): 500 volunteers check in to ONE activity within 10 seconds
# (server/examples/load_checkin.rs), on SQLite and PostgreSQL (scripts/load-bench.sh).
#   LOAD_VOLUNTEERS=500 LOAD_SECONDS=10      how many volunteers, over how many seconds
set -euo pipefail
cd "$(dirname "$0")/.."
volunteers="${LOAD_VOLUNTEERS:-500}"
seconds="${LOAD_SECONDS:-10}"
exec scripts/load-bench.sh load_checkin "check-in load, $volunteers volunteers over $seconds s" \
  --volunteers "$volunteers" --seconds "$seconds"
