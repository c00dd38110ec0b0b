"""Pages without answers: the language choice, the start page, information pages, health check."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from web.clinic import current, with_settings
from web.engine import load_rules
from web.i18n import localized_blueprint, select_locale

bp = Blueprint("pages", __name__)
localized = localized_blueprint("pages_localized", __name__)


@bp.get("/")
def choose_language() -> BaseResponse:
    """The bare address (on posters and QR flyers) picks a language from the browser, among the
    clinic's languages when a clinic's link (web/clinic.py) says which."""
    clinic = current()
    if clinic is None:
        return redirect(url_for("pages_localized.start", lang=select_locale()))
    lang = request.accept_languages.best_match(clinic.langs, default=clinic.langs[0])
    return redirect(with_settings(url_for("pages_localized.start", lang=lang)))


@bp.get("/healthz")
def healthz() -> Response:
    load_rules()
    return Response("ok\n", mimetype="text/plain")


@localized.get("/")
def start() -> str:
    return render_template("pages/start.html")


@localized.get("/reader-fails")
def reader_fails() -> str:
    """What to do at the counter when the card reader or the online check fails."""
    return render_template("pages/reader_fails.html")


@localized.get("/about")
def about() -> str:
    """Where the rules come from, how fresh they are, and what the app keeps (nothing)."""
    return render_template("pages/about.html", rules=load_rules())
