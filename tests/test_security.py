"""Headers, cookies, caching and logs: the privacy and security baseline, pinned exactly."""

from __future__ import annotations

import gzip
import logging
import re
from pathlib import Path

import brotli
import pytest

EXPECTED_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize("path", ["/ja/", "/en/guide", "/ja/about", "/healthz", "/api/v1/openapi.json", "/ja/nowhere"])
def test_every_response_has_exactly_the_security_headers(client, path):
    response = client.get(path)
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers[name] == value
    assert response.headers["Cache-Control"] == "no-store"


def fingerprinted_css(client):
    page = client.get("/ja/").get_data(as_text=True)
    match = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
    assert match, "the stylesheet's URL carries its fingerprint"
    return match.group(1)


def test_only_fingerprinted_static_files_are_cached(client):
    fingerprinted = client.get(fingerprinted_css(client))
    assert fingerprinted.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/static/css/app.css").headers["Cache-Control"] == "no-cache"
    for name, value in EXPECTED_HEADERS.items():
        assert fingerprinted.headers[name] == value


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_go_out_compressed_to_clients_that_accept_it(client, encoding):
    url = fingerprinted_css(client)
    plain = client.get(url, headers={"Accept-Encoding": ""})
    packed = client.get(url, headers={"Accept-Encoding": f"{encoding}, identity"})
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == encoding and packed.headers["Vary"] == "Accept-Encoding"
    assert len(packed.data) < len(plain.data) / 2
    decoded = brotli.decompress(packed.data) if encoding == "br" else gzip.decompress(packed.data)
    assert decoded == plain.data
    assert packed.headers["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/ja/", "/ja/guide"])
def test_pages_are_never_compressed_because_they_carry_a_csrf_token_next_to_answers(client, path):
    """BREACH: a compressed page that reflects input next to a secret leaks the secret by its length."""
    assert client.get(path, headers={"Accept-Encoding": "br, gzip"}).headers.get("Content-Encoding") is None


def test_the_only_cookie_is_the_csrf_session_with_strict_flags(client):
    response = client.get("/ja/guide")
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1
    cookie = cookies[0]
    assert cookie.startswith("__Host-mochimono=")
    for flag in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax"):
        assert flag in cookie
    assert "Domain=" not in cookie and "Expires=" not in cookie  # a browser-session cookie


def test_nothing_typed_reaches_the_logs(flow, caplog):
    caplog.set_level(logging.DEBUG)
    walk = flow("ja")
    walk.press(who="me")
    walk.press(birth_era="western", birth_year="1961", birth_month="7", birth_day="19")
    walk.press(insurance="welfare")
    walk.press(holds=["welfare_ticket"])
    walk.press(visit_year="2026", visit_month="11", visit_day="23")
    walk.press("result")
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "1961" not in text and "welfare" not in text


def test_a_crash_shows_a_generic_page_and_no_details(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("web.views.pages.load_rules", broken)
    response = client.get("/ja/about")
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True)
    assert "問題が発生しました" in response.get_data(as_text=True)


def test_secret_key_is_never_a_fixed_string():
    from app import create_app

    assert create_app().config["SECRET_KEY"] != create_app().config["SECRET_KEY"]


def test_a_huge_form_post_is_refused_without_a_5xx(client):
    response = client.post("/ja/guide", data={"step": "who", "junk": "x" * 200_000})
    assert response.status_code == 413


@pytest.mark.parametrize(
    "path", ["/static/js/../../app.py", "/static/js/..%2F..%2Fapp.py", "/static/js/../js/../../web/engine.js"]
)
def test_static_files_never_leave_the_static_folder(client, path):
    assert client.get(path).status_code == 404


def test_our_scripts_are_served_minified_and_the_libraries_as_shipped(client):
    source = (Path(__file__).resolve().parent.parent / "static/js/engine.js").read_text(encoding="utf-8")
    served = client.get("/static/js/engine.js").get_data(as_text=True)
    assert "/*" not in served and len(served) < len(source) * 0.8 and "makeGuide" in served
    vendor = client.get("/static/vendor/htmx-2.0.11.min.js").data
    assert vendor == (Path(__file__).resolve().parent.parent / "static/vendor/htmx-2.0.11.min.js").read_bytes()
