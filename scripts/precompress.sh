#!/usr/bin/env bash
# Writes brotli (-q 11) and gzip (-9) copies next to every wasm, JS and CSS file the build put in
# the site's pkg directory. The server sends them as they are to browsers that accept them (the
# static-file handler serves `.br`/`.gz` siblings), so a phone on a slow network gets the smallest
# file instead of one compressed on the fly at a fast, weaker level. Run after every site build:
# a copy older than its file is replaced, one without its file is removed. Files under 1 KB (most
# of the split wasm chunks) gain nothing from compression and go out as they are.
set -euo pipefail
pkg="${1:?usage: precompress.sh SITE_ROOT/pkg}"
[ -d "$pkg" ] || { echo "precompress: no directory $pkg" >&2; exit 1; }
shopt -s nullglob
for copy in "$pkg"/*.br "$pkg"/*.gz; do
  [ -e "${copy%.*}" ] || rm -f "$copy"
done
count=0
for file in "$pkg"/*.wasm "$pkg"/*.js "$pkg"/*.css; do
  if [ "$(stat -c %s "$file")" -lt 1024 ]; then rm -f "$file.br" "$file.gz"; continue; fi
  if [ ! "$file.br" -nt "$file" ]; then brotli -q 11 -f -o "$file.br" "$file"; fi
  if [ ! "$file.gz" -nt "$file" ]; then gzip -9 -n -c "$file" > "$file.gz"; fi
  count=$((count + 1))
done
echo "precompress: brotli and gzip copies of $count files in $pkg"
