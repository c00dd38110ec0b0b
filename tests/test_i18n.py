"""Catalogs are complete and current: every Japanese source string has an English translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from web.i18n import BY_CODE, LOCALES

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}
# Every catalog offered to users (web/i18n.py offers only complete ones; this checks them against the source).
SHIPPED = tuple(BY_CODE[code].catalog for code in LOCALES if BY_CODE[code].catalog)


def source_msgids() -> set[str]:
    method_map, options_map = parse_mapping_cfg((ROOT / "babel.cfg").open())
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("locale", SHIPPED)
def test_catalog_matches_the_source_with_nothing_fuzzy_or_missing(locale):
    catalog = read_po((ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb"))
    entries = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}
    assert set(entries) == source_msgids(), "run: make translations"
    for msgid, message in entries.items():
        assert "fuzzy" not in message.flags, msgid
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {msgid}"
        wanted = set(re.findall(r"%\(\w+\)s", msgid))
        for string in strings:
            assert set(re.findall(r"%\(\w+\)s", string)) <= wanted, msgid
            assert "%" not in re.sub(r"%\(\w+\)s|%%", "", string), f"stray % in {string}"


@pytest.mark.parametrize("path", ["/en/", "/en/guide", "/en/reader-fails", "/en/about"])
def test_english_pages_have_no_japanese_sentences(client, path):
    """Japanese names of cards stay (staff read them), but no sentence is left in Japanese."""
    page = client.get(path).get_data(as_text=True)
    body = page.split("<main", 1)[1].split("</main>", 1)[0]
    if path.endswith("about"):
        body = body.split('class="sources"', 1)[0]  # source titles are the sources' own words
    assert "。" not in body
