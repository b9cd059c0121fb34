"""Turns the raw figures of scripts/bench.sh into bench/RESULTS.md (Markdown on stdout).

    python3 bench/report.py RAW_DIR CORES SECONDS CONNECTIONS
"""

import datetime
import json
import pathlib
import platform
import re
import subprocess
import sys

raw, cores, seconds, conns = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
BACKENDS = ("sqlite", "postgres")


def read(name):
    p = raw / name
    if not p.exists():
        return None
    return json.loads(p.read_text()) if name.endswith(".json") else p.read_text()


def cpu_model():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def mark(ok):
    return "✅" if ok else "❌"


def oha(backend, row):
    """(requests/s, p50 ms, p99 ms, errors) of one oha run, or None."""
    d = read(f"{backend}-{row}.json")
    if d is None:
        return None
    codes = d.get("statusCodeDistribution", {})
    bad = sum(n for code, n in codes.items() if not code.startswith("2"))
    # Requests still in flight when the fixed duration ends are cut by oha itself: not errors.
    bad += sum(n for why, n in d.get("errorDistribution", {}).items() if why != "aborted due to deadline")
    p = d["latencyPercentiles"]
    return d["summary"]["requestsPerSec"], p["p50"] * 1000, p["p99"] * 1000, bad


def donations(backend):
    text = read(f"{backend}-donations.txt")
    m = text and re.search(
        r"count (\d+) paid (\d+) failed (\d+) in ([\d.]+) s: (\d+) paid donations/s; .*p50 ([\d.]+) ms p99 ([\d.]+) ms", text
    )
    if not m:
        return None
    count, paid, failed, _, rate, p50, p99 = m.groups()
    sound = "reconciliation: ok true" in text
    return int(rate), float(p50), float(p99), int(failed), int(paid), sound


def checkins(backend):
    text = read(f"{backend}-checkins.txt")
    if not text:
        return None
    m = re.search(r"count (\d+)\s+ok (\d+)\s+failed (\d+)\s+p50 (\S+ \S+)\s+p99 (\S+ \S+)", text)
    wall = re.search(r"answered in ([\d.]+) s", text)
    if not (m and wall):
        return None
    count, ok, failed, p50, p99 = m.groups()
    return int(count), int(ok), int(failed), float(wall.group(1)), p50, p99


def cells(fn):
    return [fn(b) for b in BACKENDS]


def fmt_rate(r):
    return f"{r:,.0f}"


lines = []
out = lines.append
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
out("# Benchmark results")
out("")
out(f"Measured {now} by `make bench` at commit `{commit()}` on {cores} cores ({cpu_model()}), "
    f"release build. HTTP rows: {conns} connections for {seconds} s from a separate load-generator "
    "process on the same machine (it shares the 2 cores with the server). `oha` asks as a browser "
    "does (`Accept-Encoding: gzip, compress, deflate, br`), so pages and API answers are measured "
    "compressed, as a phone gets them.")
out("")

engine = read("engine.json") or []
out("## Policy engine (criterion, in-process)")
out("")
out("| Benchmark | Median |")
out("|---|---|")
for e in engine:
    out(f"| {e['name']} | {e['median_ns'] / 1000:.1f} µs |")
out("")

out("## Server, per database")
out("")
out("| Measure | Target | SQLite | PostgreSQL |")
out("|---|---|---|---|")


def row(label, target, values):
    out(f"| {label} | {target} | " + " | ".join(v if v is not None else "not measured" for v in values) + " |")


for suffix, how in (("-production", "as deployed (no demo data)"), ("", "with the demo data (4 staff passwords hashed)")):
    ready = cells(lambda b: (read(f"{b}{suffix}-ready.json") or {}).get("ready_ms"))
    row(f"Process start → `/readyz` 200, fresh database, {how}", "≤ 1,000 ms",
        [None if v is None else f"{v} ms {mark(v <= 1000)}" for v in ready])
    idle = cells(lambda b: (read(f"{b}{suffix}-idle.json") or {}).get("idle_kb"))
    row(f"RSS idle 3 s after ready, {how}", "≤ 60 MB",
        [None if v is None else f"{v / 1024:.1f} MB {mark(v <= 60 * 1024)}" for v in idle])
mem = cells(lambda b: read(f"{b}-memory.json"))
row("RSS peak under load (VmHWM)", "≤ 250 MB",
    [None if v is None else f"{v['peak_kb'] / 1024:.1f} MB {mark(v['peak_kb'] <= 250 * 1024)}" for v in mem])
row("RSS after all load", "—", [None if v is None else f"{v['after_kb'] / 1024:.1f} MB" for v in mem])

for key, label, rps_target, p99_target in (
    ("home", "Home page `/` (SSR)", 3000, 30),
    ("projects", "Project list `/charity` (SSR)", None, None),
    ("eligibility", "`POST /api/v1/eligibility/check`", 20000, 10),
):
    runs = cells(lambda b: oha(b, key))
    row(f"{label}: requests/s", f"≥ {rps_target:,}" if rps_target else "—",
        [None if r is None else fmt_rate(r[0]) + (f" {mark(r[0] >= rps_target)}" if rps_target else "") for r in runs])
    row(f"{label}: p50 / p99", f"p99 ≤ {p99_target} ms" if p99_target else "—",
        [None if r is None else f"{r[1]:.1f} / {r[2]:.1f} ms" + (f" {mark(r[2] <= p99_target)}" if p99_target else "") for r in runs])
    row(f"{label}: errors", "0", [None if r is None else f"{r[3]} {mark(r[3] == 0)}" for r in runs])

don = cells(donations)
row("Paid donations (order + signed notification, delivered twice)", "≥ 500 /s",
    [None if d is None else f"{d[0]:,} /s {mark(d[0] >= 500)}" for d in don])
row("Paid donations: p50 / p99 per donation", "—", [None if d is None else f"{d[1]:.1f} / {d[2]:.1f} ms" for d in don])
row("Paid donations: failures; reconciliation", "0; passes",
    [None if d is None else f"{d[3]} of {d[3] + d[4]}; {'passes' if d[5] else 'FAILS'} {mark(d[3] == 0 and d[5])}" for d in don])
chk = cells(checkins)
row("Check-ins: 500 volunteers scan within 10 s", "all succeed",
    [None if c is None else f"{c[1]} of {c[0]} in {c[3]:.1f} s {mark(c[2] == 0 and c[3] <= 10.5)}" for c in chk])
row("Check-ins: p50 / p99", "—", [None if c is None else f"{c[4]} / {c[5]}" for c in chk])
out("")

speed = read("pagespeed.json")
wasm = {w["path"]: w for w in (read("wasm.json") or [])}
out("## Resident pages in Chromium: slow 4G (1.6 Mbit/s, 150 ms), 4× CPU slowdown, cold cache")
out("")
if speed:
    out(f"Median of {speed['runs']} runs per page. Bytes: everything on the wire (compressed). Wasm: the files the "
        "page loaded, as raw / gzip -9 / brotli -q 11.")
    out("")
    out("| Page | First contentful paint (≤ 1.5 s) | Hydrated (≤ 3.5 s) | Bytes on the wire | Wasm raw / gzip / brotli (brotli ≤ 300 KB) |")
    out("|---|---|---|---|---|")
    for p in speed["pages"]:
        w = wasm.get(p["path"])
        wcell = "not measured" if not w else (
            f"{w['raw'] / 1000:,.0f} / {w['gzip'] / 1000:,.0f} / {w['brotli'] / 1000:,.0f} KB {mark(w['brotli'] <= 300_000)}")
        err = f" ({len(p['errors'])} page errors)" if p["errors"] else ""
        out(f"| `{p['path']}`{err} | {p['fcp_ms']:,} ms {mark(p['fcp_ms'] <= 1500)} | "
            f"{p['hydrated_ms']:,} ms {mark(p['hydrated_ms'] <= 3500)} | {p['bytes'] / 1000:,.0f} KB | {wcell} |")
else:
    out("not measured")
out("")
notes = pathlib.Path(__file__).with_name("NOTES.md")
if notes.exists():
    out(notes.read_text().rstrip())
    out("")
print("\n".join(lines))
