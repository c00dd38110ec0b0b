"""The one place that sets security and caching headers on every response.

Nothing here varies by page, except caching: only fingerprinted static files may be cached.
Everything else may show answers, so it is `no-store`.
"""

from __future__ import annotations

from wsgiref.headers import Headers

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Cross-Origin-Resource-Policy": "same-origin",
    # For browsers that ignore CSP frame-ancestors.
    "X-Frame-Options": "DENY",
}
STATIC_CACHE = "public, max-age=31536000, immutable"
# The reception tablet reads QR codes with its camera, and without BarcodeDetector with the ZXing
# WebAssembly reader, which needs 'wasm-unsafe-eval' (WebAssembly compilation, not JavaScript eval).
RECEPTION_HEADERS = {
    "Content-Security-Policy": CSP.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';"),
    "Permissions-Policy": HEADERS["Permissions-Policy"].replace("camera=()", "camera=(self)"),
}
PAGE_HEADERS = {"reception.scan": RECEPTION_HEADERS, "reception.read_pasted": RECEPTION_HEADERS}

csrf = CSRFProtect()


def static_headers(headers: Headers, fingerprinted: bool) -> None:
    """The headers of a static file served by WhiteNoise (web/assets.py), outside Flask."""
    for name, value in HEADERS.items():
        headers[name] = value
    headers["Cache-Control"] = STATIC_CACHE if fingerprinted else "no-cache"


def set_headers(response: Response) -> Response:
    response.headers.update(HEADERS)
    response.headers.update(PAGE_HEADERS.get(request.endpoint or "", {}))
    if request.endpoint == "static" and request.args.get("v"):
        response.headers["Cache-Control"] = STATIC_CACHE
    elif request.endpoint in ("static", "offline.service_worker"):
        response.headers["Cache-Control"] = "no-cache"
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(set_headers)
