"""One page checker used on every HTML page the tests see."""

from __future__ import annotations

from collections import Counter

import html5lib
from bs4 import BeautifulSoup

TITLE_SEPARATOR = " – "


def check_page(html: str, lang: str | None) -> BeautifulSoup:
    """Assert the rules every page keeps; return the parsed page for more specific checks.
    `lang` None: any language the app ships."""
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(html)
    assert not [error for error in parser.errors if error[1] not in ("expected-doctype-but-got-start-tag",)], (
        parser.errors
    )
    soup = BeautifulSoup(html, "html5lib")
    if lang is None:
        from web.i18n import LANGUAGES

        assert soup.html.get("lang") in {language.tag for language in LANGUAGES}
    else:
        from web.i18n import BY_CODE

        assert soup.html.get("lang") == (BY_CODE[lang].tag if lang in BY_CODE else lang)
    headings = soup.find_all("h1")
    assert len(headings) == 1, [h.get_text() for h in headings]
    for reading in headings[0].find_all("rt"):  # furigana is not part of the heading's text
        reading.decompose()
    # The heading as read: its text nodes joined as they stand (ruby, Japanese words marked lang="ja").
    heading = " ".join(headings[0].get_text().split())
    title = soup.title.get_text(" ", strip=True)
    for prefix in ("Error: ", "エラー: "):
        title = title.removeprefix(prefix)
    assert title.startswith(heading + TITLE_SEPARATOR), (title, heading)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert not [i for i, n in Counter(ids).items() if n > 1], "duplicate ids"
    assert not soup.find_all("style") and not soup.find_all(style=True), "inline style"
    for script in soup.find_all("script"):
        assert script.get("src") and not script.get_text(strip=True), "inline script"
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on")], f"inline handler on {tag.name}"
    for form in soup.find_all("form"):
        assert form.get("action"), "form without action"
        if form.get("method", "get").lower() == "post":
            assert form.select_one("input[name=csrf_token]"), "POST form without CSRF field"
    for field in soup.select("input:not([type=hidden]), select, textarea"):
        field_id = field.get("id")
        assert field_id and soup.select_one(f'label[for="{field_id}"]'), f"unlabelled field {field}"
    return soup
