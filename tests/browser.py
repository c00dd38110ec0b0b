"""Browser test support: Debian's chromium driven by Playwright, and the app on a loopback port."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


def require_chromium() -> None:
    """Skip without a browser on a developer's machine; in CI a skip would hide a failure."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed, and CI must run the browser tests")
        pytest.skip("chromium is not installed (apt-get install chromium)")


@contextmanager
def live_server(app) -> Iterator[str]:
    server = make_server("localhost", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def cached_texts(page) -> list[list[str]]:
    """[url, body] of every text entry in the page's service-worker caches (not wasm or images)."""
    return page.evaluate(
        """async () => {
        const out = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                const response = await cache.match(request);
                const type = response.headers.get('Content-Type') || '';
                if (type.includes('wasm') || type.includes('image')) continue;
                out.push([request.url, await response.text()]);
            }
        }
        return out;
    }"""
    )


def expect(locator):
    """Playwright's retrying assertions (imported late: Playwright loads only with a browser)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)
