"""Mochimono (受診もちものナビ): the application factory.

`create_app()` works with no environment at all: every setting has an embedded default, and the
only secret, SECRET_KEY, is made afresh at start-up when none is given. It signs nothing but the
CSRF token (no answers are ever kept), so a restart costs a user one resubmitted form at most;
give SECRET_KEY in the environment when several processes serve the app without --preload.
"""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from web import assets, cli, clinic, errors, feedback, i18n, observability, pictures, security
from web.views import api, declaration, guide, offline, pages
from web.views import clinic as clinic_views

DEFAULTS: dict[str, Any] = {
    "SESSION_COOKIE_NAME": "__Host-mochimono",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_PATH": "/",
    # The CSRF token lives as long as the browser session: a patient who pauses for an hour in
    # the middle of the questions must not lose what they typed.
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,
    "BABEL_DEFAULT_LOCALE": "ja",
    "BABEL_TRANSLATION_DIRECTORIES": os.path.join(os.path.dirname(os.path.abspath(__file__)), "translations"),
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, static_folder="static", template_folder="web/templates")
    app.config.from_mapping(DEFAULTS)
    app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
    app.config["TRUSTED_PROXIES"] = int(os.environ.get("TRUSTED_PROXIES", "0"))
    if test_config:
        app.config.from_mapping(test_config)
    if app.config["TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"], x_proto=1, x_host=1)  # type: ignore[method-assign]

    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    i18n.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    pictures.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(pages.localized)
    app.register_blueprint(guide.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(declaration.bp)
    app.register_blueprint(declaration.reception)
    app.register_blueprint(declaration.landing)
    app.register_blueprint(offline.bp)
    app.register_blueprint(offline.localized)
    app.register_blueprint(clinic_views.bp)
    app.register_blueprint(clinic_views.kiosk)
    clinic.init_app(app)
    declaration.register_filters(app)
    cli.init_app(app)
    feedback.init_app(app)
    observability.init_app(app)  # last: its middleware wraps everything, static files included
    return app
