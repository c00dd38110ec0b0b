"""Feedback ("Was this right?") on each result and on the 申立書 QR page, kept without personal
data so that a wrong rule shows up fast (`flask --app app feedback report`).

Settings (all optional): DATABASE_URL (PostgreSQL in production; otherwise SQLite in the instance
folder), RATELIMIT_STORAGE_URI (a shared limit store such as redis://…; memory by default) and
FEEDBACK_RATE_LIMIT (Flask-Limiter's notation). FEEDBACK_MIGRATE_ON_FIRST_USE makes a configured
DATABASE_URL behave like the embedded store (the tests use it).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, current_app
from flask_limiter import Limiter

from web.feedback import report
from web.feedback.fields import context_of_page
from web.feedback.store import Store
from web.feedback.views import bp, client_key, page_titles

DEFAULT_RATE_LIMIT = "5 per minute;30 per hour"


def database_url(app: Flask) -> tuple[str, bool]:
    """The database and whether its schema is made on first use (only the embedded one)."""
    url = app.config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        return url, app.config.get("FEEDBACK_MIGRATE_ON_FIRST_USE", False)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'feedback.sqlite3'}", True


def init_app(app: Flask) -> None:
    app.config.setdefault("FEEDBACK_RATE_LIMIT", os.environ.get("FEEDBACK_RATE_LIMIT", DEFAULT_RATE_LIMIT))
    app.config.setdefault("RATELIMIT_STORAGE_URI", os.environ.get("RATELIMIT_STORAGE_URI", "memory://"))
    # A broken shared limit store must not stop feedback (or become a 5xx): the limit lapses instead.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    url, migrate_on_first_use = database_url(app)
    app.extensions["feedback"] = Store(url, migrate_on_first_use)
    # One limiter per app (its counts live with it); it limits this blueprint's only route, the POST.
    limiter = Limiter(key_func=client_key, app=app)
    limiter.limit(lambda: current_app.config["FEEDBACK_RATE_LIMIT"])(bp)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(feedback_page_context=context_of_page, feedback_page_titles=page_titles)
    report.init_app(app)
