"""Static files: our own JavaScript is served minified (rjsmin: comments and spaces only, so the
source stays commented and the shared tests run on the same code), and every URL carries a hash of
what is served in its name (`app.5931a1e7dad8.css`), so a changed file gets a new URL and an
unchanged one can be cached for a year, by browsers and by a CDN in front.

`build()` writes the files as served, under both names, with gzip and brotli copies (WhiteNoise's
compressor), and WhiteNoise serves them: the compressed copy to a client that accepts it. The
Docker image builds them at image build time (`flask --app app build-static`); elsewhere the app
builds them at start-up when they are missing or stale. Only static files are compressed: pages
carry a CSRF token next to echoed answers, and compressing those would invite BREACH.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from functools import cache, lru_cache
from pathlib import Path, PurePosixPath

import click
import rjsmin
from flask import Flask, Response, request, send_from_directory, url_for
from werkzeug.security import safe_join
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from web.security import static_headers

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
BUILD_DIR = Path(os.environ.get("STATIC_BUILD_DIR", ROOT / "build" / "static"))
MINIFIED = "js/"  # our own scripts; static/vendor/ holds the libraries as their authors ship them
FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


@cache
def served_bytes(filename: str) -> bytes:
    data = (STATIC_DIR / filename).read_bytes()
    if filename.startswith(MINIFIED) and filename.endswith(".js"):
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8")
    return data


@cache
def fingerprint(filename: str) -> str:
    return hashlib.sha256(served_bytes(filename)).hexdigest()[:12]


def fingerprinted_name(filename: str) -> str:
    path = PurePosixPath(filename)
    return str(path.with_name(f"{path.stem}.{fingerprint(filename)}{path.suffix}"))


def asset_url(filename: str) -> str:
    return cached_asset_url(request.script_root, filename)


@lru_cache(maxsize=256)
def cached_asset_url(script_root: str, filename: str) -> str:
    """Static URLs depend only on the script root and the file: build each once (url_for is slow)."""
    return url_for("static", filename=fingerprinted_name(filename))


def static_files() -> list[str]:
    return sorted(path.relative_to(STATIC_DIR).as_posix() for path in STATIC_DIR.rglob("*") if path.is_file())


def build(target: Path = BUILD_DIR) -> Path:
    """Write every static file as served, under its plain and its fingerprinted name, each with its
    .gz and .br copies; nothing is done when `target` already holds this exact build."""
    files = static_files()
    manifest = "\n".join(f"{name} {fingerprint(name)}" for name in files)
    stamp = target.with_name(target.name + ".manifest")
    if target.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == manifest:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".static-"))
    compressor = Compressor(quiet=True)
    for name in files:
        plain = staging / name
        plain.parent.mkdir(parents=True, exist_ok=True)
        plain.write_bytes(served_bytes(name))
        copies = [str(plain)]
        if compressor.should_compress(str(plain)):
            copies += compressor.compress(str(plain))
        for copy in copies:
            shutil.copyfile(copy, copy.replace(str(plain), str(staging / fingerprinted_name(name)), 1))
    # Swap in the finished build, so a server starting meanwhile never sees half of one.
    staging.chmod(0o755)  # mkdtemp makes it private to the builder
    old = target.with_name(f".old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    stamp.write_text(manifest, encoding="utf-8")
    return target


def serve_static(filename: str) -> Response:
    path = safe_join(str(STATIC_DIR), filename)
    if path is not None and filename.startswith(MINIFIED) and filename.endswith(".js") and Path(path).is_file():
        return Response(served_bytes(filename), mimetype="text/javascript")
    return send_from_directory(STATIC_DIR, filename)


def is_fingerprinted(path: str, url: str) -> bool:
    return bool(FINGERPRINTED.search(url))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url
    # Reached only for a file missing from the build (WhiteNoise answers the others).
    app.view_functions["static"] = serve_static
    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(build()),
        prefix=app.static_url_path,
        max_age=None,
        allow_all_origins=False,
        immutable_file_test=is_fingerprinted,
        add_headers_function=lambda headers, path, url: static_headers(headers, is_fingerprinted(path, url)),
    )

    @app.cli.command("build-static")
    def build_static() -> None:
        """Write the static files as served, compressed (the Docker image runs this)."""
        click.echo(build())
