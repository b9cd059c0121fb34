#!/usr/bin/env bash
# Load test of money donations (issue #6): concurrent donors each place an order and pay it, and
# every payment notification is delivered twice (server/examples/load_donations.rs), on SQLite
# and PostgreSQL (scripts/load-bench.sh); the reconciliation must pass afterwards with exactly
# one donation per paid order.
#   LOAD_DONATIONS=3000 LOAD_CONCURRENCY=32  how many donations, how many in flight at once
set -euo pipefail
cd "$(dirname "$0")/.."
donations="${LOAD_DONATIONS:-3000}"
concurrency="${LOAD_CONCURRENCY:-32}"
exec scripts/load-bench.sh load_donations \
  "donations load, $donations donations, $concurrency in flight, each notification delivered twice" \
  --donations "$donations" --concurrency "$concurrency"
