"""A clinic's own link and poster (`/<lang>/clinic`), and the waiting-room tablet (`/<lang>/kiosk`).

Everything a clinic sets travels in the link's query (web/clinic.py); these pages make links and
a poster from it and keep nothing.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, g, render_template, request, url_for
from flask_babel import gettext
from markupsafe import Markup

from web import qr_symbol
from web.assets import asset_url
from web.clinic import Clinic, ClinicSetupForm, current
from web.i18n import LOCALES, localized_blueprint, speaking

bp = localized_blueprint("clinic", __name__, "/clinic")
kiosk = localized_blueprint("kiosk", __name__, "/kiosk")


def patient_link(clinic: Clinic) -> str:
    """The address on the poster: the bare address picks one of the clinic's languages."""
    return url_for("pages.choose_language", _external=True) + "?" + clinic.query(kiosk=False)


def kiosk_link(clinic: Clinic) -> str:
    return url_for("kiosk.start", lang=clinic.langs[0], _external=True) + "?" + clinic.query(kiosk=True)


def read_form() -> tuple[ClinicSetupForm, Clinic | None]:
    """The clinic page's form, filled from the query when the clinic has pressed the button."""
    if not any(key.startswith("c-") for key in request.args):
        return ClinicSetupForm(), None
    form = ClinicSetupForm(request.args)
    valid = form.validate()
    return form, Clinic.from_form(form) if valid else None


@bp.get("")
def setup() -> Any:
    form, clinic = read_form()
    if clinic is None:
        return render_template("pages/clinic/setup.html", form=form), 422 if form.errors else 200
    link = patient_link(clinic)
    symbol = qr_symbol.link_svg(link, gettext("%(name)s の受診前チェックへのQRコード", name=clinic.name))
    return render_template(
        "pages/clinic/setup.html",
        form=form,
        clinic=clinic,
        link=link,
        kiosk_url=kiosk_link(clinic),
        poster_url=url_for("clinic.poster") + "?" + clinic.query(kiosk=False),
        symbol=Markup(symbol),
    )


def in_language(lang: str, template: str, **context: Any) -> Markup:
    """Part of a page rendered in another language (the poster speaks each of the clinic's)."""
    with speaking(lang):
        html = render_template(template, lang=lang, **context)
    return Markup(html)


@bp.get("/poster")
def poster() -> Any:
    form, clinic = read_form()
    if clinic is None:
        return render_template("pages/clinic/setup.html", form=form), 422
    link = patient_link(clinic)
    symbol = Markup(qr_symbol.link_svg(link, gettext("%(name)s の受診前チェックへのQRコード", name=clinic.name)))
    parts = [in_language(lang, "pages/clinic/poster_part.html", clinic=clinic) for lang in poster_languages(clinic)]
    sheets = [parts[start : start + LANGUAGES_PER_SHEET] for start in range(0, len(parts), LANGUAGES_PER_SHEET)]
    return render_template("pages/clinic/poster.html", clinic=clinic, sheets=sheets, symbol=symbol)


# The languages the clinic chose, or else Japanese and English. One A4 sheet holds three of them
# legibly beside the QR (the longest scripts, my and ne, included); more make more sheets, each a
# whole poster that can hang on its own.
POSTER_DEFAULT = ("ja", "en")
LANGUAGES_PER_SHEET = 3


def poster_languages(clinic: Clinic) -> tuple[str, ...]:
    if clinic.langs != LOCALES:
        return clinic.langs
    return tuple(code for code in POSTER_DEFAULT if code in LOCALES)


@kiosk.get("")
def start() -> Any:
    """The tablet's start: a large language chooser. Without settings, a tablet with no clinic
    name and the default idle time."""
    clinic = current() or Clinic(name="")
    g.clinic = Clinic(**{**vars(clinic), "kiosk": True})
    return render_template("pages/clinic/kiosk.html", clinic=g.clinic)


@kiosk.get("/manifest.webmanifest")
def manifest() -> Response:
    """The installed tablet app: full screen, starting at this tablet's kiosk link (settings only)."""
    clinic = current() or Clinic(name="")
    clinic = Clinic(**{**vars(clinic), "kiosk": True})
    body = {
        "id": url_for("kiosk.start"),
        "name": gettext("受診もちものナビ（待合室）"),
        "short_name": gettext("もちものナビ"),
        "lang": g.lang,
        "start_url": url_for("kiosk.start") + "?" + clinic.query(kiosk=True),
        "scope": "/",
        "display": "fullscreen",
        "display_override": ["fullscreen", "standalone"],
        "orientation": "any",
        "theme_color": "#0b3b60",
        "background_color": "#ffffff",
        "icons": [
            {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": asset_url("icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")
