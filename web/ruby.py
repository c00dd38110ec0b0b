"""Furigana for やさしい日本語: its catalog writes a reading as `｜漢字《かんじ》` (the syntax Japanese
e-book tools use). HTML shows it as `<ruby>漢字<rt>かんじ</rt></ruby>`; everything that is not HTML
body text (a <title>, an attribute, JSON, a calendar) keeps only the base text.

The text is escaped before the syntax is turned into markup, so a catalog can add ruby and nothing
else: no tag, attribute or entity of its own reaches the page."""

from __future__ import annotations

import re
from typing import Any

from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape

MARK = "《"
# A base is whatever sits between ｜ and 《; a reading is kana (tests/test_ruby.py checks the catalog).
SYNTAX = re.compile(r"｜([^｜《》]+)《([^｜《》]+)》")
MARKUP = re.compile(r"<ruby>(.*?)<rt>.*?</rt></ruby>")
MARKUP_WITH_READING = re.compile(r"<ruby>(.*?)<rt>(.*?)</rt></ruby>")


def to_html(text: Any) -> Markup:
    """`text` as safe HTML with its readings as ruby; Markup passes through as it is."""
    if isinstance(text, Markup):
        return text
    escaped = escape(str(text))
    if MARK not in escaped:
        return escaped
    return Markup(SYNTAX.sub(r"<ruby>\1<rt>\2</rt></ruby>", str(escaped)))


def base_text(text: Any) -> Any:
    """`text` with its readings taken out (Markup stays Markup, anything else becomes text)."""
    if isinstance(text, Markup):
        return Markup(MARKUP.sub(r"\1", str(text))) if "<ruby>" in text else text
    text = str(text)
    return SYNTAX.sub(r"\1", text) if MARK in text else text


def to_syntax(html: Markup) -> Markup:
    """HTML made from a translated text, as that text again with its ruby back in the catalog's
    syntax, escaped for an attribute: the device turns it into ruby itself
    (static/js/offline-result.js). Escaped already, so Jinja's `finalize` (web/i18n.py) leaves it as it is."""
    return escape(Markup(MARKUP_WITH_READING.sub(r"｜\1《\2》", str(html))).striptags())


def lazy_base_text(text: Any) -> LazyString:
    """A lazy translation that is shown without readings (an <option> can hold text only)."""
    return LazyString(base_text, text)


def base_text_deep(value: Any) -> Any:
    """A JSON-like document with every string's readings taken out."""
    if isinstance(value, str):
        return base_text(value)
    if isinstance(value, dict):
        return {key: base_text_deep(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [base_text_deep(item) for item in value]
    return value
