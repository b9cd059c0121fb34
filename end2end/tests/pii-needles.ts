// Known personal values the tests enter, which scripts/pii-scan.sh then looks for in the
// database files and the server log of the run (it must find none in clear).
// The first is a phone number; keep one value per line in single quotes.
export const NEEDLE_PHONE = '13900001234';
