"""What the service worker keeps so the app works without a network: the service worker itself,
the manifests, the rules and words for the device engine, and the offline pages.

None of these responses holds an answer; pages that do are never cached (static/sw.js).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, render_template, url_for
from flask_babel import gettext

from web import flow, japanese_parts
from web.assets import STATIC_DIR, asset_url
from web.calendar import calendar_data
from web.engine import load_rules, rules_document
from web.guide_text import ITEM_NAMES, SEVERITY_NAMES, TERMS, TEXTS, TIMELINE_LABELS, VERDICTS
from web.i18n import LOCALES, current_language, localized_blueprint
from web.pictures import PICTURE_FILES, PICTURES
from web.questions import device_document
from web.result_view import term_keys
from web.ruby import base_text_deep
from web.timeutil import today_in_tokyo

bp = Blueprint("offline", __name__)
localized = localized_blueprint("offline_localized", __name__)

# What a patient's phone keeps for offline use at install, in every shipped language: pages
# without answers and the static files they load. The budget (≤ 120 KiB gzip in all, bench/budget.py)
# is for patients on prepaid data plans, who download it again on every deploy.
PATIENT_PAGES = (
    "pages_localized.start",
    "pages_localized.reader_fails",
    "pages_localized.about",
    "offline_localized.offline",
    "offline_localized.offline_guide",
    "declaration.new",
    "kiosk.start",  # a clinic tablet opens it; small, and it must start offline
)
PATIENT_STATIC = (
    "css/app.css",
    "js/app.js",
    "js/feedback.js",
    "js/flow-history.js",
    "js/engine.js",
    "js/offline-guide.js",
    "js/offline-result.js",
    "js/calendar.js",
    "js/answers.js",
    "js/reveal.js",
    "js/read-aloud.js",
    "js/qr-payload.js",
    "js/wareki.js",
    "js/qr-symbol.js",
    "js/sheet.js",
    "js/declaration.js",
    "js/kiosk.js",
    "vendor/htmx-2.0.11.min.js",
    "vendor/qrcode-generator-2.0.4.js",
    "icons/icon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/maskable-512.png",
)
# Only a clinic's reception tablet (and the phone that reads a QR's link at /r) uses these, the
# ZXing WebAssembly reader above all: the service worker keeps them the first time the reception
# page is opened, so the tablet works offline from then on, and phones never download them.
RECEPTION_PAGES = ("reception.scan",)
RECEPTION_STATIC = (
    "js/qr-read.js",
    "js/copy-text.js",
    "js/reception.js",
    "js/landing.js",
    "vendor/zxing-wasm-3.1.4/reader.js",
    "vendor/zxing-wasm-3.1.4/zxing_reader.wasm",
)
# The postal-code files are cached the first time each is used (static/sw.js).


@lru_cache(maxsize=1)
def rules_json() -> bytes:
    return json.dumps(rules_document(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def rules_version() -> str:
    return hashlib.sha256(rules_json()).hexdigest()[:12]


@bp.get("/rules.json")
def rules() -> Response:
    return Response(rules_json(), mimetype="application/json")


@localized.get("/guide-texts.json")
def guide_texts() -> Response:
    """The words of the guide in this language, for the device engine's results."""
    sources = load_rules()["sources"]
    body = {
        "items": {key: {"label": gettext(text), "ja": text} for key, text in ITEM_NAMES.items()},
        "texts": {key: gettext(text) for key, text in TEXTS.items()},
        "timeline": {key: gettext(text) for key, text in TIMELINE_LABELS.items()},
        "verdicts": {key: gettext(text) for key, text in VERDICTS.items()},
        "severities": {key: gettext(text) for key, text in SEVERITY_NAMES.items()},
        "terms": {key: gettext(text) for key, text in TERMS.items()},
        "term_keys": term_keys(),
        "japanese": japanese_parts.device_rules(current_language().tag),
        "pictures": {
            key: {"src": asset_url(picture.file), "alt": str(picture.alt), "size": picture.size}
            for key, picture in PICTURES.items()
        },
        "calendar": calendar_data(),
        "sources": {
            key: {"title": value["title"], "url": value.get("url"), "date": value["date"].isoformat()}
            for key, value in sources.items()
        },
        "questions": device_document(),
    }
    # The result's words keep their furigana (やさしい日本語): the device shows them as ruby, as the
    # server's result does. Everything else is plain text (error lists, calendar files, links).
    with_readings = ("items", "texts", "timeline", "verdicts", "severities", "terms")
    body = {key: value if key in with_readings else base_text_deep(value) for key, value in body.items()}
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")


@localized.get("/offline")
def offline() -> str:
    """Shown by the service worker for a page that needs the network."""
    return render_template("pages/offline.html")


@localized.get("/guide/offline")
def offline_guide() -> str:
    """The whole question flow on one page, answered on the device by the device engine."""
    today = today_in_tokyo()
    forms = {step.id: step.form(formdata=None, today=today, data=step.form.prefill({}, {})) for step in flow.STEPS}
    return render_template(
        "pages/guide/offline.html",
        forms=forms,
        steps=[step.id for step in flow.STEPS],
        rules_url=url_for("offline.rules", v=rules_version()),
    )


def precache_urls() -> list[str]:
    """What every device keeps at install: the patient's path, apart from its pages, which are
    kept per language (language_urls)."""
    urls = [url_for("offline.rules", v=rules_version())]
    urls += [asset_url(name) for name in PATIENT_STATIC + PICTURE_FILES]
    return urls


def language_urls() -> dict[str, list[str]]:
    """Each language's pages and words. A device keeps those of the languages it has been used in
    (static/sw.js), not all eleven: together they would be four times the patient's budget."""
    return {
        lang: [url_for(endpoint, lang=lang) for endpoint in PATIENT_PAGES]
        + [url_for("offline_localized.guide_texts", lang=lang)]
        for lang in LOCALES
    }


def reception_urls() -> list[str]:
    """What a device keeps once the reception page has been opened on it."""
    urls = [url_for(endpoint, lang=lang) for lang in LOCALES for endpoint in RECEPTION_PAGES]
    urls += [url_for("landing.holder")]
    urls += [asset_url(name) for name in RECEPTION_STATIC]
    return urls


@lru_cache(maxsize=1)
def service_worker_source() -> str:
    return (STATIC_DIR / "sw.js").read_text(encoding="utf-8")


@bp.get("/sw.js")
def service_worker() -> Response:
    """The service worker with this deploy's lists in it (languages, precache, reception files):
    any change to an asset, the rules or the languages changes these bytes, so browsers install the
    new worker."""
    urls, reception, languages = precache_urls(), reception_urls(), language_urls()
    every_url = urls + reception + [url for pages in languages.values() for url in pages]
    version = hashlib.sha256("\n".join(every_url).encode()).hexdigest()[:12]
    fills = {
        "__VERSION__": version,
        "__LOCALES__": json.dumps(list(LOCALES)),
        "__PRECACHE__": json.dumps(urls),
        "__LANGUAGE_PAGES__": json.dumps(languages),
        "__RECEPTION__": json.dumps(reception),
        "__RULES__": url_for("offline.rules", v=rules_version()),
    }
    script = service_worker_source()
    for marker, value in fills.items():
        script = script.replace(marker, value)
    response = Response(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@localized.get("/manifest.webmanifest")
def manifest() -> Response:
    body: dict[str, Any] = {
        "id": "/",
        "name": gettext("受診もちものナビ"),
        "short_name": gettext("もちものナビ"),
        "description": gettext("受診のときに持って行くものを調べる"),
        "lang": current_language().tag,
        "start_url": url_for("pages_localized.start"),
        "scope": "/",
        "display": "standalone",
        "theme_color": "#0b3b60",
        "background_color": "#ffffff",
        "icons": [
            {
                "src": asset_url("icons/icon-192.png"),
                "sizes": "192x192",
                "type": "image/png",
            },
            {
                "src": asset_url("icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
            },
            {
                "src": asset_url("icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return Response(json.dumps(base_text_deep(body), ensure_ascii=False), mimetype="application/manifest+json")
