#!/bin/sh
# After a full end-to-end run: the database files (SQLite main file, WAL and journal) and the
# server's log must not hold any of the known personal data the tests typed in, in clear.
# Usage: scripts/pii-scan.sh <directory holding e2e.db* and server.log>
#
# The needles are values the end-to-end tests enter (see end2end/tests/pii-needles.ts). As a
# check that the scan is not vacuous, the masked form of the phone number must be present in
# the database (the development outbox keeps only masked recipients), proving the number went
# through the system.
set -eu
dir="$1"
needles_file="$(dirname "$0")/../end2end/tests/pii-needles.ts"
needles=$(sed -n "s/.*'\([0-9X]\{11,18\}\)'.*/\1/p" "$needles_file")
# Names (NEEDLE_NAME_*): compared byte for byte (UTF-8), like the numbers.
names=$(sed -n "s/.*NEEDLE_NAME[A-Z_]* = '\([^']*\)'.*/\1/p" "$needles_file")
[ -n "$needles" ] || { echo "pii-scan: no needles found in $needles_file"; exit 1; }
files=$(ls "$dir"/e2e.db* "$dir"/server.log 2>/dev/null || true)
[ -s "$dir/server.log" ] || { echo "pii-scan: the server log is missing or empty"; exit 1; }
[ -s "$dir/e2e.db" ] || { echo "pii-scan: the database file is missing or empty"; exit 1; }
status=0
for n in $needles $names; do
  for f in $files; do
    if grep -a -q -F -- "$n" "$f"; then
      echo "pii-scan: FOUND a known personal value in clear in $(basename "$f")"
      status=1
    fi
  done
done
# Proof the phone number reached the server: its masked form is in the outbox.
phone=$(echo "$needles" | head -n1)
masked="$(echo "$phone" | cut -c1-3)****$(echo "$phone" | cut -c8-11)"
sqlite_has_masked=0
for f in "$dir"/e2e.db*; do grep -a -q -F -- "$masked" "$f" && sqlite_has_masked=1; done
[ "$sqlite_has_masked" = 1 ] || { echo "pii-scan: $masked never reached the database; the scan proves nothing"; exit 1; }
# And the donor's name: its masked form (张**) is in the public ledger.
for name in $names; do
  masked_name=$(python3 -c 'import sys; n = sys.argv[1]; print(n[0] + "*" * max(len(n) - 1, 1))' "$name")
  found=0
  for f in "$dir"/e2e.db*; do grep -a -q -F -- "$masked_name" "$f" && found=1; done
  [ "$found" = 1 ] || { echo "pii-scan: $masked_name never reached the database; the name scan proves nothing"; exit 1; }
done
[ $status = 0 ] && echo "pii-scan: none of $(echo $needles $names | wc -w) known values in clear in $(echo "$files" | wc -w) files (database and log)"
exit $status
