"""Shared fixtures: the app, a browser-like test client, and catalogs compiled before any test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks import check_page  # noqa: E402

from app import create_app  # noqa: E402

BASE = "https://localhost"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Tests must see the translated catalogs, as the Dockerfile compiles them."""
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "compile", "-d", str(ROOT / "translations")],
        check=True,
        capture_output=True,
    )


class BrowserLikeClient(FlaskClient):
    """Speaks HTTPS (the cookie is `__Host-`/Secure) and sends a same-origin Referer, as browsers do.

    Every HTML page it receives goes through the page checker (tests/checks.py), so no test can
    forget to check a page it happens to see."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("base_url", BASE)
        headers = kwargs.setdefault("headers", {})
        if isinstance(headers, dict):
            headers.setdefault("Referer", BASE + "/")
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
            check_page(response.get_data(as_text=True), lang=None)
        return response


@pytest.fixture
def app(tmp_path):
    # Each test's feedback store is its own embedded SQLite file, made on first use as in the app.
    store = {"DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.sqlite3'}", "FEEDBACK_MIGRATE_ON_FIRST_USE": True}
    app = create_app({"TESTING": True, **store})
    app.test_client_class = BrowserLikeClient
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html5lib")


def carried_fields(soup: BeautifulSoup) -> MultiDict:
    """The hidden fields of the page's question form: what a browser would post back."""
    form = soup.select_one("form.flow-form")
    assert form is not None, "page has no question form"
    return MultiDict([(field["name"], field.get("value", "")) for field in form.select("input[type=hidden]")])


class Flow:
    """Answers the question pages the way a browser would: reading and posting back each page."""

    def __init__(self, client: FlaskClient, lang: str = "ja"):
        self.client, self.lang = client, lang
        self.response = client.get(f"/{lang}/guide")
        assert self.response.status_code == 200

    @property
    def soup(self) -> BeautifulSoup:
        return soup_of(self.response)

    def press(self, nav: str = "next", **answers: Any) -> Any:
        data = carried_fields(self.soup)
        for name, value in answers.items():
            if isinstance(value, list):
                data.setlist(name, value)
            else:
                data[name] = value
        data["nav"] = nav
        self.response = self.client.post(f"/{self.lang}/guide", data=data)
        return self.response

    @property
    def step(self) -> str:
        return carried_fields(self.soup)["step"]


@pytest.fixture
def flow(client):
    return lambda lang="ja": Flow(client, lang)


@pytest.fixture(scope="session")
def playwright():
    """One Playwright driver for every browser test (Debian's chromium; see tests/browser.py)."""
    from browser import require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright):
    from browser import CHROMIUM, FLAGS

    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield launched
    launched.close()


@pytest.fixture
def server(app):
    """The app on a loopback port, for a real browser."""
    from browser import live_server

    with live_server(app) as url:
        yield url


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, for the JavaScript tests (the codec and the device engine)."""
    import os
    import shutil

    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required in CI for the JavaScript tests")
        pytest.skip("node is not installed")
    return found
