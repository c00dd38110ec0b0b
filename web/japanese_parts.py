"""Japanese words inside a page in another language say so (`<span lang="ja">`, WCAG 3.1.2): a
screen reader then speaks them with a Japanese voice, and a Chinese page draws them with Japanese
glyphs. The words matter: patients match them to what is printed on their papers.

In a language not written with Han characters or kana, every run of them is Japanese. In Chinese,
Han characters are the page's own, so only the glossary's Japanese terms are marked
(translations/glossary.tsv), and never inside the language's own gloss: zh-Hant writes its gloss of
資格確認書 as 保險資格確認書.

Only text between tags is changed, and the text is already escaped, so nothing but the span is added.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from markupsafe import Markup

GLOSSARY = Path(__file__).resolve().parent.parent / "translations" / "glossary.tsv"
SPAN = '<span lang="ja">'
JAPANESE_RUN = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
TAG = re.compile(r"(<[^>]*>)")
# What `unmark` takes out again, for text that cannot hold markup (a title, an attribute).
MARKED = re.compile(re.escape(SPAN) + r"(.*?)</span>")


@cache
def glossary_patterns(tag: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The glossary's Japanese terms (longest first, so マイナ保険証 wins over 保険証) and the
    language's own glosses, as patterns."""
    with GLOSSARY.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    terms = sorted((row["ja"] for row in rows), key=len, reverse=True)
    glosses = sorted((row[tag] for row in rows if row.get(tag)), key=len, reverse=True)
    term_pattern = re.compile("|".join(map(re.escape, terms)))
    return term_pattern, re.compile("|".join(map(re.escape, glosses))) if glosses else None


def _mark_terms(text: str, tag: str) -> str:
    terms, glosses = glossary_patterns(tag)
    inside_gloss = [match.span() for match in glosses.finditer(text)] if glosses else []

    def wrap(match: re.Match[str]) -> str:
        start, end = match.span()
        if any(start < gloss_end and gloss_start < end for gloss_start, gloss_end in inside_gloss):
            return match.group()
        return f"{SPAN}{match.group()}</span>"

    return terms.sub(wrap, text)


def device_rules(tag: str) -> dict[str, object]:
    """How the device marks the same words in its offline result (static/js/offline-result.js):
    `runs` (every run of kanji or kana), `terms` (the glossary's, outside the glosses) or nothing."""
    language = tag.split("-")[0]
    if language == "ja":
        return {"mode": "none"}
    if language != "zh":
        return {"mode": "runs", "pattern": JAPANESE_RUN.pattern}
    terms, glosses = glossary_patterns(tag)
    return {"mode": "terms", "pattern": terms.pattern, "glosses": glosses.pattern if glosses else ""}


def mark(html: Markup, tag: str) -> Markup:
    """`html` with its Japanese words marked, for a page whose BCP 47 language tag is `tag`."""
    language = tag.split("-")[0]
    if language == "ja" or not JAPANESE_RUN.search(html):
        return html
    parts = TAG.split(str(html))
    for index in range(0, len(parts), 2):  # text between tags; the odd parts are the tags
        if language == "zh":
            parts[index] = _mark_terms(parts[index], tag)
        else:
            parts[index] = JAPANESE_RUN.sub(lambda match: f"{SPAN}{match.group()}</span>", parts[index])
    return Markup("".join(parts))


def unmark(html: Markup) -> Markup:
    return Markup(MARKED.sub(r"\1", str(html))) if SPAN in html else html
