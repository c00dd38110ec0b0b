"""What an operator sees, with no personal data: one JSON access-log line per request and
Prometheus metrics, both keyed by route name (the Flask endpoint, never the path or the query) and
status. Bodies, queries, paths and cookies are never read here.

Metrics are private by default: the app itself has no /metrics. With METRICS_PORT set, gunicorn's
master serves them on that separate port (gunicorn.conf.py), which the Service and the Ingress do
not expose; prometheus-client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR) adds up the workers.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint, Flask, Response, request
from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server

from web.engine import load_rules

REQUESTS = Counter("mochimono_http_requests", "HTTP requests by route and status", ["route", "method", "status"])
LATENCY = Histogram(
    "mochimono_http_request_duration_seconds",
    "Time to produce a response (pages: the whole body), by route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
ROUTE_KEY = "mochimono.route"
# A request id from the proxy in front (ingress-nginx sends 32 hex digits) is kept so that logs can
# be joined; anything else is replaced, so no client-chosen text reaches a log line.
REQUEST_ID = re.compile(r"[0-9A-Fa-f-]{8,64}")
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

access_log = logging.getLogger("mochimono.access")
bp = Blueprint("observability", __name__)


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {"message": record.getMessage()}
        return json.dumps({"time": self.formatTime(record), "level": record.levelname.lower(), **fields})


class Observed:
    """WSGI middleware around everything (WhiteNoise's static files included): times the request,
    names its route, logs one line and counts it."""

    def __init__(self, app: Callable[..., Iterable[bytes]]):
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        given = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        status = ["500"]

        def start(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[0] = code.split(" ", 1)[0]
            return start_response(code, [*headers, ("X-Request-ID", request_id)], exc_info)

        def done() -> None:
            duration = time.perf_counter() - started
            route = environ.get(ROUTE_KEY) or ("static" if status[0] in ("200", "304") else "unmatched")
            method = environ.get("REQUEST_METHOD", "") if environ.get("REQUEST_METHOD") in METHODS else "other"
            REQUESTS.labels(route, method, status[0]).inc()
            LATENCY.labels(route).observe(duration)
            fields = {
                "event": "request",
                "request_id": request_id,
                "method": method,
                "route": route,
                "status": int(status[0]),
                "duration_ms": round(duration * 1000, 2),
            }
            access_log.info("request", extra={"fields": fields})

        # Flask has rendered the whole body by now; a static file streams from disk after this.
        body = self.app(environ, start)
        done()
        return body


def name_the_route() -> None:
    """Flask knows the route; the middleware (outside Flask) reads it from the environ."""
    request.environ[ROUTE_KEY] = request.endpoint or "unmatched"


@bp.get("/readyz")
def ready() -> Response:
    """Readiness (Kubernetes): the rules load and are current enough to answer with."""
    rules = load_rules()
    if not rules.get("sources") or not rules.get("rules_as_of"):
        return Response("rules missing\n", status=503, mimetype="text/plain")
    return Response("ready\n", mimetype="text/plain")


def serve_metrics(port: int) -> None:
    """Called in gunicorn's master (gunicorn.conf.py): all workers' metrics on a separate port."""
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    start_http_server(port, registry=registry)


def init_app(app: Flask) -> None:
    # One JSON line per request on stdout, apart from the app's other logs (the root logger's).
    if not any(isinstance(handler.formatter, JsonLines) for handler in access_log.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonLines())
        access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    # First of the before-request functions, so a request refused by the CSRF check is named too.
    app.before_request_funcs.setdefault(None, []).insert(0, name_the_route)
    app.register_blueprint(bp)
    app.wsgi_app = Observed(app.wsgi_app)  # type: ignore[method-assign]
