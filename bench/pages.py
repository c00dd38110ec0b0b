"""Performance budget: page weight, requests, third parties, fonts, Lighthouse, and throughput.

Starts the production server (gunicorn, as in the Dockerfile) on a loopback port and measures, for
the start page, a question page, the result page, the 申立書 form and the reception page:
compressed HTML, CSS and JS (ours, and the libraries separately), requests, third-party origins
and web fonts; then Lighthouse (mobile preset, Debian's chromium; `npm ci --prefix bench` first)
and the result page's throughput against a static file served by the same server in the same run.
Run: .venv/bin/python bench/pages.py [--no-lighthouse] [--keep-alive N]
(bench/first_visit.py measures the first visit over a slow link; bench/profile_pages.py profiles.)
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget import over_budget, page_weight  # noqa: E402
from server import free_port, start_server  # noqa: E402
from walk import ANSWERS  # noqa: E402

CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    """Send the app's Secure cookie over plain HTTP to the loopback server, as browsers do for localhost."""

    def return_ok_secure(self, cookie, request):  # noqa: ANN001, ANN201
        return True


class Session:
    def __init__(self, base: str):
        self.base = base
        jar = http.cookiejar.CookieJar(policy=LoopbackPolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(self, path: str) -> bytes:
        return self.opener.open(self.base + path, timeout=10).read()

    def post(self, path: str, fields: list[tuple[str, str]]) -> bytes:
        body = urllib.parse.urlencode(fields).encode()
        return self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=10).read()


def hidden_fields(html: str, form_class: str = "flow-form") -> list[tuple[str, str]]:
    form = html.split(f'class="{form_class}"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)


def pages(session: Session) -> dict[str, tuple[str, bytes]]:
    """The six pages, fetched as a user reaches them; returns (description, html)."""
    found = {"start": ("GET /ja/", session.get("/ja/"))}
    html = session.get("/ja/guide").decode()
    found["question"] = ("GET /ja/guide", html.encode())
    for answer in ANSWERS:
        fields = hidden_fields(html) + [("nav", "next")]
        for key, value in answer.items():
            fields += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
        html = session.post("/ja/guide", fields).decode()
        if 'name="step" value="holds"' in html:
            found["holdings"] = ("POST /ja/guide (holdings, with pictures)", html.encode())
    result_fields = hidden_fields(html) + [("nav", "result")]
    found["result"] = ("POST /ja/guide (result)", session.post("/ja/guide", result_fields))
    found["declaration"] = ("GET /ja/moushitatesho", session.get("/ja/moushitatesho"))
    found["reception"] = ("GET /ja/reception", session.get("/ja/reception"))
    return found, result_fields


def throughput(base: str, make_request, seconds: float = 4.0, threads: int = 8) -> float:
    done = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        nonlocal done
        while time.monotonic() < stop:
            make_request()
            with lock:
                done += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return done / seconds


def wrk(
    url: str, seconds: int = 5, method: str = "GET", body: bytes = b"", headers: dict | None = None
) -> float | None:
    """Requests per second from wrk (Debian's `wrk`), a load generator light enough to leave the
    server the CPU; None when wrk is not installed."""
    binary = shutil.which("wrk")
    if binary is None:
        return None
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    lines = [f"wrk.method = {json.dumps(method)}", f"wrk.body = {json.dumps(body.decode())}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in (headers or {}).items()]
    script.write_text("\n".join(lines), encoding="utf-8")
    out = subprocess.run(
        [binary, "-t1", "-c8", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    script.unlink()
    return float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))


def lighthouse(url: str) -> dict[str, int] | None:
    binary = ROOT / "bench/node_modules/.bin/lighthouse"
    if not binary.exists():
        return None
    report = Path(tempfile.mkstemp(suffix=".json")[1])
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    report.unlink()
    return {name: round(category["score"] * 100) for name, category in categories.items()}


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # --keep-alive N: the server with keep-alive (gunicorn.conf.py has none), for comparison.
    keep_alive = sys.argv[sys.argv.index("--keep-alive") + 1] if "--keep-alive" in sys.argv else None
    server = start_server(port, ("--keep-alive", keep_alive) if keep_alive else ())
    try:
        session = Session(base)
        found, result_fields = pages(session)
        print(
            f"{'page':<13} {'HTML gz':>8} {'CSS gz':>7} {'our JS gz':>10} {'lib JS gz':>10} "
            f"{'img gz':>7} {'requests':>9} {'3rd party':>10} {'fonts':>6}"
        )
        failed = False
        for name, (_, html) in found.items():
            m = page_weight(html, session.get)
            over = over_budget(m)
            failed |= bool(over)
            print(
                f"{name:<13} {m['html'] / 1024:>7.1f}K {m['css'] / 1024:>6.1f}K {m['own_js'] / 1024:>9.1f}K "
                f"{m['lib_js'] / 1024:>9.1f}K {m['img'] / 1024:>6.1f}K {m['requests']:>9} {len(m['third_party']):>10}"
                f" {m['fonts']:>6}"
                f"{'  OVER: ' + ', '.join(over) if over else ''}"
            )
        print("budgets: HTML ≤ 14K, CSS ≤ 20K, our JS ≤ 10K, images ≤ 16K (gzip -9), no third parties, no web fonts")

        static_path = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', found["start"][1].decode()).group(1)
        result_session = Session(base)
        token = re.search(r'name="csrf_token" value="([^"]+)"', result_session.get("/ja/guide").decode()).group(1)
        fields = [(k, token if k == "csrf_token" else v) for k, v in result_fields]
        cookie = "; ".join(
            f"{c.name}={c.value}"
            for h in result_session.opener.handlers
            if isinstance(h, urllib.request.HTTPCookieProcessor)
            for c in h.cookiejar
        )
        body = urllib.parse.urlencode(fields).encode()
        static_rps = wrk(base + static_path)
        if static_rps is None:
            print("\nthroughput: wrk is not installed (apt-get install wrk); using Python client threads")
            static_rps = throughput(base, lambda: Session(base).get(static_path))
            result_rps = throughput(base, lambda: result_session.post("/ja/guide", fields))
            tool = "8 Python client threads"
        else:
            result_rps = wrk(
                base + "/ja/guide",
                method="POST",
                body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
            )
            tool = "wrk -t1 -c8 -d5s"
        setup = f"keep-alive {keep_alive} s" if keep_alive else "gunicorn.conf.py as in the Dockerfile, no keep-alive"
        print(f"\nthroughput ({tool}; gunicorn 2 workers × 4 threads, {setup}):")
        print(f"  static file (baseline, WhiteNoise) {static_rps:7.0f} req/s")
        print(f"  result page {'':>22} {result_rps:7.0f} req/s   ratio {result_rps / static_rps:.2f} (target ≥ 0.4)")
        failed |= result_rps / static_rps < 0.4

        if "--no-lighthouse" not in sys.argv:
            print("\nLighthouse (mobile preset):")
            for name, path in (
                ("start", "/ja/"),
                ("question", "/ja/guide"),
                ("declaration", "/ja/moushitatesho"),
                ("reception", "/ja/reception"),
                ("offline guide", "/ja/guide/offline"),
            ):
                scores = lighthouse(base + path)
                if scores is None:
                    print("  not installed: run  npm ci --prefix bench")
                    break
                print(
                    f"  {name:<14} performance {scores['performance']:>3}  accessibility {scores['accessibility']:>3}  "
                    f"best practices {scores['best-practices']:>3}"
                )
    finally:
        server.terminate()
        server.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
