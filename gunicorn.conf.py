"""gunicorn settings for the Docker image, the Kubernetes Deployment and the benchmarks (bench/).

Recovery after a lost worker (bench/load.py --kill-worker): with keep-alive, the connections that
reconnect while the master is still starting the replacement all land on the surviving worker and
stay there, so the new worker idles and the service runs on one worker. Without keep-alive every
request is a new connection, spread by the kernel over all workers, so the replacement takes its
share from its first second. On loopback or behind the Ingress's proxy a connection costs little.
"""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
# The app is created once in the master, so the workers share the SECRET_KEY made at start-up when
# none is given, and the static files are built once.
preload_app = True
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("THREADS", "4"))
keepalive = 0
# A worker takes only the connections it can serve at once; the others wait in the kernel's listen
# queue, which all workers share, so a killed worker loses at most its in-flight requests (not a
# thousand accepted connections), and a new worker takes its share of the queue at once.
worker_connections = threads
# A stuck worker is replaced; a patient's request never takes this long.
timeout = 30
graceful_timeout = 20
# Logs go to stdout as JSON lines from the app (web/observability.py); gunicorn's own access log
# would repeat them with the query string.
accesslog = None
errorlog = "-"
# /tmp is the one writable place under a read-only root filesystem (an emptyDir in Kubernetes).
worker_tmp_dir = os.environ.get("WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None)

# Metrics (web/observability.py): off unless METRICS_PORT is given; then the master serves every
# worker's metrics on that port, apart from the app's.
METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if os.environ.get("METRICS_PORT"):
    if not METRICS_DIR:
        raise SystemExit("METRICS_PORT needs PROMETHEUS_MULTIPROC_DIR (a writable, empty directory)")
    os.makedirs(METRICS_DIR, exist_ok=True)
    for stale in os.listdir(METRICS_DIR):
        os.remove(os.path.join(METRICS_DIR, stale))


def when_ready(server):
    warm_up(server.app.wsgi())
    if os.environ.get("METRICS_PORT"):
        from web.observability import serve_metrics

        serve_metrics(int(os.environ["METRICS_PORT"]))


def child_exit(server, worker):
    if METRICS_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def warm_up(app):
    """Compile every template and load every catalog once in the master, before the workers are
    forked: a replacement worker then serves at full speed from its first request."""
    from web.i18n import LOCALES

    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)
    import flask_babel
    from flask import g

    for lang in LOCALES:
        with app.test_request_context(f"/{lang}/"):
            g.lang = lang
            flask_babel.get_translations()
