#!/usr/bin/env bash
# Prints the release wasm size: raw, gzip -9 and brotli (quality 11).
set -euo pipefail
site="${1:-target/site}"
wasm="$site/pkg/dongxihu.wasm"
[ -f "$wasm" ] || { echo "no $wasm: run make build first" >&2; exit 1; }
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(brotli -c -q 11 "$wasm" | wc -c)
printf 'wasm raw %s bytes, gzip %s bytes, brotli %s bytes\n' "$raw" "$gz" "$br"
