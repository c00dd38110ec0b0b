"""Fingerprinted static URLs: `?v=` carries a hash of the file, so a changed file gets a new URL
and an unchanged one can be cached for a year (web/security.py sets the header)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, url_for

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


@lru_cache(maxsize=None)
def fingerprint(filename: str) -> str:
    return hashlib.sha256((STATIC_DIR / filename).read_bytes()).hexdigest()[:12]


def asset_url(filename: str) -> str:
    return url_for("static", filename=filename, v=fingerprint(filename))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url
