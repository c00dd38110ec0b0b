"""A crowd: simulated patients (locust) each walking the whole flow — the start page, every
question, the result and the .ics — with 1–3 s of think time, against gunicorn as the Dockerfile
runs it (gunicorn.conf.py) on 127.0.0.1, for a bounded time.

Reports requests/s, failures and p50/p95/p99 per page. With --kill-worker, one gunicorn worker is
killed (SIGKILL) halfway, and the run reports the failed requests and the throughput per second
before and after, and how long it took to get back to 90% of it. --saturate drops the think time
(the server, not the users, sets the pace), which is where a lost worker shows; --keep-alive N runs
the server with keep-alive (gunicorn's default is 2 s; gunicorn.conf.py has 0) for comparison.

locust is a bench-only tool, installed apart from the app's environment (not in CI):
  python3 -m venv .venv-bench && .venv-bench/bin/pip install locust==2.47.0
Run: .venv/bin/python bench/load.py [--users 200] [--seconds 60] [--kill-worker] [--saturate] [--keep-alive N]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import ROOT, free_port, start_server  # noqa: E402

LOCUST = ROOT / ".venv-bench/bin/locust"
PAGES = ["start", "question 1", *(f"question {n}" for n in range(2, 9)), "check", "result", "calendar.ics"]


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(records: list, started: float, seconds: int, killed_at: float | None) -> bool:
    by_page = defaultdict(list)
    for _, name, ok, millis in records:
        by_page[name].append((ok, millis))
    print(f"{'page':<14} {'requests':>9} {'req/s':>7} {'failed':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for name in PAGES + sorted(set(by_page) - set(PAGES)):
        rows = by_page.get(name)
        if not rows:
            continue
        times = [millis for _, millis in rows]
        failed = sum(not ok for ok, _ in rows)
        print(
            f"{name:<14} {len(rows):>9} {len(rows) / seconds:>7.1f} {failed:>7} {percentile(times, 0.5):>7.0f} "
            f"{percentile(times, 0.95):>7.0f} {percentile(times, 0.99):>7.0f}"
        )
    total, failed = len(records), sum(not ok for _, _, ok, _ in records)
    all_times = [millis for *_, millis in records]
    print(
        f"{'all':<14} {total:>9} {total / seconds:>7.1f} {failed:>7} {percentile(all_times, 0.5):>7.0f} "
        f"{percentile(all_times, 0.95):>7.0f} {percentile(all_times, 0.99):>7.0f}"
    )
    print(f"failed: {failed} of {total} ({100 * failed / max(total, 1):.2f}%)")
    if killed_at is None:
        return failed == 0
    per_second, failures = Counter(), Counter()
    for when, _, ok, _ in records:
        per_second[int(when - started)] += 1
        failures[int(when - started)] += not ok
    kill = int(killed_at - started)
    before = statistics.mean(per_second[s] for s in range(kill - 10, kill))
    print(f"\none worker killed (SIGKILL) at t={killed_at - started:.1f}s; throughput before: {before:.0f} req/s")
    print("  t(s)  req/s  failed  of before")
    recovered = None
    for second in range(kill - 3, min(kill + 12, seconds)):
        share = per_second[second] / before
        if second > kill and recovered is None and share >= 0.9:
            recovered = second - kill
        marker = "  <- kill" if second == kill else ""
        print(f"  {second:>4} {per_second[second]:>6} {failures[second]:>7} {share:>9.0%}{marker}")
    after = statistics.mean(per_second[s] for s in range(kill + 5, min(kill + 15, seconds - 1)))
    print(f"throughput 5–15 s after the kill: {after:.0f} req/s ({after / before:.0%} of before)")
    print(f"back to ≥ 90% of before within {recovered} s" if recovered is not None else "not back to 90%")
    return failed / max(total, 1) < 0.01 and recovered is not None and recovered <= 5


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--kill-worker", action="store_true")
    parser.add_argument("--saturate", action="store_true")
    parser.add_argument("--keep-alive", type=int)
    args = parser.parse_args()
    if not LOCUST.exists():
        raise SystemExit(
            "locust is not installed: python3 -m venv .venv-bench && .venv-bench/bin/pip install locust==2.47.0"
        )
    port = free_port()
    extra = ("--keep-alive", str(args.keep_alive)) if args.keep_alive is not None else ()
    server = start_server(port, extra)
    record = Path(tempfile.mkstemp(suffix=".json")[1])
    killed_at = None
    try:
        started = time.time()
        env = {**os.environ, "LOAD_RECORD": str(record), "LOAD_THINK": "0" if args.saturate else "1"}
        locust = subprocess.Popen(
            [str(LOCUST), "-f", str(ROOT / "bench/locustfile.py"), "--headless", "--only-summary"]
            + ["-u", str(args.users), "-r", str(max(1, args.users // 10)), "-t", f"{args.seconds}s"]
            + ["--host", f"http://127.0.0.1:{port}", "--stop-timeout", "5", "--loglevel", "WARNING"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if args.kill_worker:
            time.sleep(args.seconds / 2)
            victim = workers_of(server.pid)[0]
            killed_at = time.time()
            os.kill(victim, signal.SIGKILL)
            threading.Event().wait(1)
            print(f"killed worker {victim}; workers now {workers_of(server.pid)}")
        _, errors = locust.communicate(timeout=args.seconds + 60)
        if "Error report" in errors:  # locust's own summary of what failed, and why
            print(errors[errors.index("Error report") :].strip()[:3000])
        records = json.loads(record.read_text(encoding="utf-8"))
    finally:
        server.terminate()
        server.wait()
        record.unlink(missing_ok=True)
    setup = f"keep-alive {args.keep_alive} s" if args.keep_alive is not None else "gunicorn.conf.py (no keep-alive)"
    think = "no think time" if args.saturate else "1–3 s think time"
    print(f"\n{args.users} patients, {think}, {args.seconds} s, gunicorn 2 workers × 4 threads, {setup}\n")
    ok = report(records, started, args.seconds, killed_at)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
