"""Static files: our own JavaScript is served minified (rjsmin: comments and spaces only, so the
source stays commented and the shared tests run on the same code), and every URL carries a hash of
what is served (`?v=`), so a changed file gets a new URL and an unchanged one can be cached for a
year (web/security.py sets the header)."""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from pathlib import Path

import rjsmin
from flask import Flask, Response, request, send_from_directory, url_for
from werkzeug.security import safe_join

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
MINIFIED = "js/"  # our own scripts; static/vendor/ holds the libraries as their authors ship them


@cache
def served_bytes(filename: str) -> bytes:
    data = (STATIC_DIR / filename).read_bytes()
    if filename.startswith(MINIFIED) and filename.endswith(".js"):
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8")
    return data


@cache
def fingerprint(filename: str) -> str:
    return hashlib.sha256(served_bytes(filename)).hexdigest()[:12]


def asset_url(filename: str) -> str:
    return cached_asset_url(request.script_root, filename)


@lru_cache(maxsize=256)
def cached_asset_url(script_root: str, filename: str) -> str:
    """Static URLs depend only on the script root and the file: build each once (url_for is slow)."""
    return url_for("static", filename=filename, v=fingerprint(filename))


def serve_static(filename: str) -> Response:
    path = safe_join(str(STATIC_DIR), filename)
    if path is not None and filename.startswith(MINIFIED) and filename.endswith(".js") and Path(path).is_file():
        return Response(served_bytes(filename), mimetype="text/javascript")
    return send_from_directory(STATIC_DIR, filename)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url
    app.view_functions["static"] = serve_static
