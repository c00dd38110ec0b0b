"""First visit over a slow link: a cheap phone on a poor connection (400 kbps, 400 ms round trip,
CPU 4× slower), against gunicorn as the Dockerfile runs it (gunicorn.conf.py) on 127.0.0.1.

Two measurements of the largest contentful paint (LCP):
- Lighthouse (`npm ci --prefix bench`) with that custom throttling, both simulated (Lighthouse's
  model replays the page load as observed on loopback) and applied (`devtools`: the browser itself
  slowed down), for the pages a first visit can open by address: the start page, the first
  question, the 申立書 form;
- Chromium through the DevTools protocol with the same network and CPU throttling applied, for
  the start page, the first question and the result page (a POST, which Lighthouse cannot make):
  the flow is answered first, then the cache is cleared and the result form submitted, so the
  result page and everything it loads come over the slow link.
Target: LCP ≤ 2.0 s on each (the run fails on the applied measurements above it).
Run: .venv/bin/python bench/first_visit.py
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import ROOT, free_port, start_server  # noqa: E402
from walk import ANSWERS, hidden_fields, with_answer  # noqa: E402

RTT_MS, KBPS, CPU = 400, 400, 4
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
LCP = """new Promise(resolve => new PerformanceObserver(list => {
    const entries = list.getEntries(); resolve(entries[entries.length - 1].startTime);
}).observe({type: 'largest-contentful-paint', buffered: true}))"""


THROTTLING = {
    # Lighthouse's model of the page load, replayed at the given speeds.
    "simulate": [f"--throttling.rttMs={RTT_MS}", f"--throttling.throughputKbps={KBPS}"],
    # The browser itself slowed down (as DevTools does), the page loaded for real.
    "devtools": [
        f"--throttling.requestLatencyMs={RTT_MS}",
        f"--throttling.downloadThroughputKbps={KBPS}",
        f"--throttling.uploadThroughputKbps={KBPS}",
    ],
}


def lighthouse(url: str, method: str) -> dict[str, float] | None:
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
            "--only-categories=performance",
            f"--throttling-method={method}",
            *THROTTLING[method],
            f"--throttling.cpuSlowdownMultiplier={CPU}",
        ],
        capture_output=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    audits = json.loads(report.read_text(encoding="utf-8"))["audits"]
    report.unlink()
    return {
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def throttle(page) -> None:  # noqa: ANN001
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    per_second = KBPS * 1000 / 8
    conditions = {"offline": False, "latency": RTT_MS, "downloadThroughput": per_second, "uploadThroughput": per_second}
    cdp.send("Network.emulateNetworkConditions", conditions)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU})


def devtools_lcp(base: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, path in (("start", "/ja/"), ("question", "/ja/guide")):
            context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
            page = context.new_page()
            throttle(page)
            page.goto(base + path, wait_until="load", timeout=120_000)
            found[name] = page.evaluate(LCP) / 1000
            context.close()
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
        page = context.new_page()
        page.goto(base + "/ja/guide")
        html = page.content()
        for answer in ANSWERS:
            fields = with_answer(hidden_fields(html) + [("nav", "next")], answer)
            body = "&".join(f"{k}={v}" for k, v in _encoded(fields))
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": base + "/"}
            html = context.request.post(base + "/ja/guide", data=body, headers=headers).text()
        fields = hidden_fields(html, 'class="flow-form"') + [("nav", "result")]
        throttle(page)
        with page.expect_navigation(wait_until="load", timeout=120_000):
            page.evaluate(
                """fields => { const form = document.createElement('form'); form.method = 'post';
                for (const [name, value] of fields) { const input = document.createElement('input');
                  input.type = 'hidden'; input.name = name; input.value = value; form.append(input); }
                document.body.append(form); HTMLFormElement.prototype.submit.call(form); }""",
                [[k, _unescape(v)] for k, v in fields],
            )
        assert page.locator(".checklist").count() == 1, "did not reach the result page"
        found["result"] = page.evaluate(LCP) / 1000
        browser.close()
    return found


def _unescape(value: str) -> str:
    return re.sub(
        r"&(amp|quot|lt|gt|#39);", lambda m: {"amp": "&", "quot": '"', "lt": "<", "gt": ">", "#39": "'"}[m[1]], value
    )


def _encoded(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    from urllib.parse import quote_plus

    return [(quote_plus(k), quote_plus(_unescape(v))) for k, v in fields]


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    failed = False
    try:
        print(f"first visit, {KBPS} kbps, {RTT_MS} ms RTT, CPU {CPU}× slower; gunicorn as in the Dockerfile\n")
        print(f"{'page':<12} {'transfer':>9} {'LH simulate FCP/LCP':>20} {'LH devtools FCP/LCP':>20} {'CDP LCP':>8}")
        measured = devtools_lcp(base)
        pages = (("start", "/ja/"), ("question", "/ja/guide"), ("declaration", "/ja/moushitatesho"), ("result", None))
        for name, path in pages:
            row = f"{name:<12}"
            if path:
                simulated, applied = lighthouse(base + path, "simulate"), lighthouse(base + path, "devtools")
                if simulated is None or applied is None:
                    raise SystemExit("Lighthouse is not installed: npm ci --prefix bench")
                row += f" {applied['bytes'] / 1024:>8.1f}K"
                for scores in (simulated, applied):
                    row += f" {scores['fcp']:>9.2f}s/{scores['lcp']:.2f}s"
                failed |= applied["lcp"] > 2.0
            else:
                row += f" {'—':>9} {'—':>20} {'—':>20}"
            if name in measured:
                row += f" {measured[name]:>7.2f}s"
                failed |= measured[name] > 2.0
            print(row)
        print("\ntarget: LCP ≤ 2.0 s")
    finally:
        server.terminate()
        server.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
