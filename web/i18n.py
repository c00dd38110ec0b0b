"""Languages: the locale lives in the URL (`/ja/…`, `/zh-Hans/…`) so that pages, the offline cache
and shared links never mix languages; `/` and the API choose by `Accept-Language`.

Every language is listed once, in LANGUAGES. A language is offered (LOCALES) only while its catalog
is complete: a catalog with any missing or fuzzy entry would show a patient half-Japanese pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import flask_babel
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Blueprint, Flask, abort, g, has_request_context, request, url_for
from flask_babel import Babel, get_locale
from flask_babel.speaklater import LazyString
from markupsafe import Markup

from web import japanese_parts, ruby

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


@dataclass(frozen=True)
class Language:
    code: str  # in the URL: /<code>/…
    name: str  # in its own words, for the switcher
    tag: str  # BCP 47, for lang=, hreflang, Intl date formats and speech voices
    catalog: str | None  # its directory in translations/ (None: the Japanese source itself)
    held_back: str = ""  # why a complete language is not offered yet

    @property
    def babel_locale(self) -> str:
        """For Babel's date formats; Babel reads `ja_easy` as plain Japanese, which is right."""
        return self.catalog or "ja"

    @property
    def voice_tags(self) -> list[str]:
        """Speech voices' tags that can read this language, best first (voices say zh-TW, fil-PH)."""
        aliases = sorted((alias for alias, code in ALIASES.items() if code == self.code), key=len, reverse=True)
        tags = [self.tag.lower(), *aliases, self.tag.split("-")[0]]
        return list(dict.fromkeys(tags))

    @property
    def japanese(self) -> bool:
        """Readers of a Japanese page need no Japanese names beside the translated ones."""
        return self.tag.split("-")[0] == "ja"


LANGUAGES = (
    Language("ja", "日本語", "ja", None),
    Language("ja-easy", "やさしい日本語", "ja-x-easy", "ja_easy"),
    Language("en", "English", "en", "en"),
    Language("zh-Hans", "简体中文", "zh-Hans", "zh_Hans"),
    Language("zh-Hant", "繁體中文", "zh-Hant", "zh_Hant"),
    Language("ko", "한국어", "ko", "ko"),
    Language("vi", "Tiếng Việt", "vi", "vi"),
    Language("pt-BR", "Português (Brasil)", "pt-BR", "pt_BR"),
    Language("tl", "Tagalog", "tl", "tl"),
    Language("ne", "नेपाली", "ne", "ne"),
    Language("id", "Bahasa Indonesia", "id", "id"),
    Language("my", "မြန်မာဘာသာ", "my", "my"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
# Browser tags that name one of ours in another way (compared in lower case, longest prefix first).
ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-my": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "pt": "pt-BR",
    "fil": "tl",
    "in": "id",
    "ja-x-easy": "ja-easy",
}


def complete_catalogs(directory: Path, languages: Iterable[Language]) -> set[str]:
    """The catalogs with every message translated and none fuzzy. The messages expected are those
    of every catalog together, so a catalog not yet updated from the source is incomplete too."""
    catalogs = {}
    for language in languages:
        path = directory / str(language.catalog) / "LC_MESSAGES" / "messages.po"
        if language.catalog and path.exists():
            with path.open("rb") as file:
                catalogs[language.catalog] = {message.id: message for message in read_po(file) if message.id}
    expected = set().union(*catalogs.values())
    return {
        name
        for name, messages in catalogs.items()
        if set(messages) == expected
        and all(
            not message.fuzzy and all(message.string if isinstance(message.string, tuple) else (message.string,))
            for message in messages.values()
        )
    }


def offered_locales(directory: Path, languages: Iterable[Language] = LANGUAGES) -> tuple[str, ...]:
    languages = tuple(languages)
    complete = complete_catalogs(directory, languages)
    return tuple(
        language.code
        for language in languages
        if not language.held_back and (language.catalog is None or language.catalog in complete)
    )


# Decided once at start-up: a catalog changes only with a deploy.
LOCALES = offered_locales(TRANSLATIONS)
LOCALE_NAMES = {code: BY_CODE[code].name for code in LOCALES}
babel = Babel()


def match_language(tags: Iterable[str], offered: Iterable[str]) -> str | None:
    """The first of the browser's tags (best first) that names an offered language: exactly, by
    alias (zh-TW → zh-Hant, pt → pt-BR) or by its language alone (en-GB → en)."""
    by_lower = {code.lower(): code for code in offered}
    for tag in tags:
        subtags = tag.lower().replace("_", "-").split("-")
        for length in range(len(subtags), 0, -1):
            prefix = "-".join(subtags[:length])
            code = by_lower.get(prefix) or by_lower.get(ALIASES.get(prefix, "").lower())
            if code:
                return code
    return None


def current_language() -> Language:
    chosen = g.get("lang")
    if chosen not in LOCALES:
        tags = [tag for tag, quality in request.accept_languages if quality > 0] if has_request_context() else []
        chosen = match_language(tags, LOCALES) or "ja"
        g.lang = chosen
    return BY_CODE[chosen]


def select_locale() -> str:
    return current_language().code


@cache
def load_catalog(directory: str | None) -> NullTranslations:
    if directory is None:
        return NullTranslations()
    with (TRANSLATIONS / directory / "LC_MESSAGES" / "messages.mo").open("rb") as file:
        return Translations(file)


def format_day(day: date) -> str:
    """A full date in the page's language (never the 2-digit-year "short" form)."""
    return day_text(day, current_language().babel_locale)


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
        translations = g.translations = load_catalog(current_language().catalog)
    return translations


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Render part of a page in another language (a clinic's poster speaks each of its languages)."""
    saved = {key: g.pop(key, None) for key in ("lang", "translations")}
    g.lang = code
    try:
        yield
    finally:
        for key, value in saved.items():
            g.pop(key, None)
            if value is not None:
                setattr(g, key, value)


class CatalogDomain(flask_babel.Domain):
    """Flask-Babel's gettext and lazy strings read the catalog chosen by directory (Babel alone
    cannot tell やさしい日本語 from Japanese)."""

    def get_translations(self) -> Any:
        return request_translations() if has_request_context() else NullTranslations()


def fast_gettext(string: str, **variables: Any) -> str:
    translated = request_translations().ugettext(string)
    return translated % variables if variables else translated


def fast_ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return request_translations().ungettext(singular, plural, num) % variables


def text_html(text: Any) -> Markup:
    """A translated text as HTML, escaped: furigana as ruby (やさしい日本語), and Japanese words
    marked as Japanese on a page in another language (web/japanese_parts.py)."""
    return japanese_parts.mark(ruby.to_html(text), current_language().tag)


def finalize(value: Any) -> Any:
    """Jinja's `finalize`: a lazy translation printed into a template is a translated text (Flask-Babel's
    lazy strings would otherwise be printed as trusted HTML, unescaped); text with furigana shows
    them as ruby."""
    if isinstance(value, LazyString):
        return text_html(str(value))
    return ruby.to_html(value) if type(value) is str and ruby.MARK in value else value


def plain(text: Any) -> Any:
    """The `plain` filter: a translated text for where no markup can go (a title, an attribute)."""
    return ruby.base_text(japanese_parts.unmark(text) if isinstance(text, Markup) else text)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=lambda: current_language().babel_locale)
    babel.domain_instance = CatalogDomain()  # type: ignore[misc]
    # Jinja's newstyle wrapper does the %-formatting and escapes the values; the texts themselves
    # are escaped here, with furigana turned into ruby (web/ruby.py).
    app.jinja_env.install_gettext_callables(
        lambda string: text_html(request_translations().ugettext(string)),
        lambda singular, plural, num: text_html(request_translations().ungettext(singular, plural, num)),
        newstyle=True,
    )
    app.jinja_env.finalize = finalize
    app.jinja_env.globals.update(
        LOCALES=LOCALES,
        LOCALE_NAMES=LOCALE_NAMES,
        LANGUAGES=BY_CODE,
        get_locale=get_locale,
        other_locale_url=other_locale_url,
        alternate_links=alternate_links,
        current_language=current_language,
    )
    app.jinja_env.globals["url_for"] = template_url_for
    app.context_processor(lambda: {"page_lang": current_language().code, "page_language": current_language()})
    app.jinja_env.filters.update(
        day=format_day, isodate=iso_to_date, ratios=copay_ratios_text, plain=plain, syntax=ruby.to_syntax
    )


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


def alternate_links() -> list[tuple[str, str]]:
    """`hreflang` alternates of an information page (a page reached by GET with no answers); the
    URLs are relative, as the app never knows its public host name."""
    if request.method != "GET" or request.blueprint != "pages_localized" or not request.endpoint:
        return []
    links = [(BY_CODE[code].tag, url_for(request.endpoint, lang=code)) for code in LOCALES]
    if request.endpoint == "pages_localized.start":
        links.append(("x-default", url_for("pages.choose_language")))
    return links


def copay_ratios_text(ratios: list[float]) -> str:
    """`1割・2割` in Japanese, `10%, 20%` in English."""
    parts = [
        fast_gettext("%(tenths)s割（%(percent)s%%）", tenths=round(ratio * 10), percent=round(ratio * 100))
        for ratio in ratios
    ]
    return fast_gettext("・").join(parts)


def iso_to_date(value: str) -> date:
    return date.fromisoformat(value)
