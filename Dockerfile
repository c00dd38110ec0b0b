# Production image: gunicorn (gunicorn.conf.py), non-root, compiled catalogs, static files built and
# compressed at build time and served by WhiteNoise, /healthz and /readyz.
# The install and compile steps are the same commands as the README's and .ci/run's
# (tests/test_deploy.py keeps them in step, since no Docker engine runs where CI does).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY app.py babel.cfg gunicorn.conf.py ./
COPY web ./web
COPY static ./static
COPY translations ./translations
COPY migrations ./migrations
RUN pybabel compile -d translations
RUN flask --app app build-static

RUN useradd --create-home --uid 10001 mochimono
# Where the embedded feedback store (SQLite) lives when no DATABASE_URL is given.
RUN mkdir instance && chown mochimono instance
USER mochimono

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
# Workers, threads, keep-alive and why: gunicorn.conf.py.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "app:create_app()"]
