"""Languages: the locale lives in the URL (`/ja/…`, `/en/…`) so that pages, the offline cache and
shared links never mix languages; `/` and the API choose by `Accept-Language`."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

import flask_babel
from babel.dates import format_date
from flask import Blueprint, Flask, abort, g, request, url_for
from flask_babel import Babel, get_locale

LOCALES = ("ja", "en")
LOCALE_NAMES = {"ja": "日本語", "en": "English"}
babel = Babel()


def select_locale() -> str:
    chosen = g.get("lang")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES, default="ja") if request else "ja"


def page_locale() -> str:
    """This request's language, worked out once (Flask-Babel's get_locale is not free)."""
    locale = g.get("page_locale")
    if locale is None:
        locale = g.page_locale = str(get_locale())
    return locale


def format_day(day: date) -> str:
    """A full date in the page's language (never the 2-digit-year "short" form)."""
    return day_text(day, page_locale())


@lru_cache(maxsize=8192)
def day_text(day: date, locale: str) -> str:
    """Babel's formatting was a tenth of the result page's time; the same days recur."""
    return format_date(day, format="long", locale=locale)


def template_url_for(endpoint: str, **values: Any) -> str:
    """url_for for templates, each URL built once: a page's links depend only on the endpoint, its
    arguments, the language and the script root, and building them was 5% of the result page."""
    if endpoint.startswith(".") or any(name.startswith("_") for name in values):
        return url_for(endpoint, **values)
    key = (request.script_root, g.get("lang") or select_locale(), endpoint, tuple(sorted(values.items())))
    try:
        return BUILT_URLS[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable argument
        return url_for(endpoint, **values)
    if len(BUILT_URLS) > 4096:
        BUILT_URLS.clear()
    url = BUILT_URLS[key] = url_for(endpoint, **values)
    return url


BUILT_URLS: dict[tuple[Any, ...], str] = {}


def request_translations() -> Any:
    """This request's catalog, looked up once: Flask-Babel's own gettext looks it up on every call,
    which was a fifth of the result page's time."""
    translations = g.get("translations")
    if translations is None:
        translations = g.translations = flask_babel.get_translations()
    return translations


def fast_gettext(string: str, **variables: Any) -> str:
    translated = request_translations().ugettext(string)
    return translated % variables if variables else translated


def fast_ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return request_translations().ungettext(singular, plural, num) % variables


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    # Jinja's newstyle wrapper does the escaping and the %-formatting; it needs only the lookups.
    app.jinja_env.install_gettext_callables(
        lambda string: request_translations().ugettext(string),
        lambda singular, plural, num: request_translations().ungettext(singular, plural, num),
        newstyle=True,
    )
    app.jinja_env.globals.update(
        LOCALES=LOCALES, LOCALE_NAMES=LOCALE_NAMES, get_locale=get_locale, other_locale_url=other_locale_url
    )
    app.jinja_env.globals["url_for"] = template_url_for
    app.context_processor(lambda: {"page_lang": page_locale()})
    app.jinja_env.filters.update(day=format_day, isodate=iso_to_date, ratios=copay_ratios_text)


def localized_blueprint(name: str, import_name: str, url_prefix: str = "") -> Blueprint:
    """A blueprint whose URLs start with the locale; the locale is taken off into `g.lang`."""
    blueprint = Blueprint(name, import_name, url_prefix=f"/<lang>{url_prefix}")

    @blueprint.url_value_preprocessor
    def take_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
        lang = (values or {}).pop("lang", None)
        if lang not in LOCALES:
            abort(404)
        g.lang = lang

    @blueprint.url_defaults
    def add_lang(endpoint: str, values: dict[str, Any]) -> None:
        values.setdefault("lang", g.get("lang") or select_locale())

    return blueprint


def other_locale_url(lang: str) -> str:
    """The same page in another language, as a plain link (question pages use a form instead,
    which carries the answers)."""
    endpoint = request.endpoint or ""
    if request.method != "GET" or not request.blueprint or request.blueprint in ("pages", "api"):
        endpoint = "pages_localized.start"
    return url_for(endpoint, lang=lang)


def copay_ratios_text(ratios: list[float]) -> str:
    """`1割・2割` in Japanese, `10%, 20%` in English."""
    parts = [
        fast_gettext("%(tenths)s割（%(percent)s%%）", tenths=round(ratio * 10), percent=round(ratio * 100))
        for ratio in ratios
    ]
    return fast_gettext("・").join(parts)


def iso_to_date(value: str) -> date:
    return date.fromisoformat(value)
