"""Masking of the optional feedback text, before anything is kept.

The text is normalised (NFKC: full-width digits become ASCII digits), then every rule in `RULES`
replaces what it matches with a label, in order: the specific shapes first (so a reviewer sees
"[phone]" rather than three "[number]"s), then any run of two or more digits. A single digit is
kept, so "3割" or "1枚" still reads; it cannot identify anyone. The result is capped at
`MAX_TEXT` characters. tests/test_feedback_mask.py is the table of inputs and outputs.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT = 500
DASH = r"[-‐‑‒–—―ー−]"
SEP = rf"(?:\s*{DASH}\s*|\s+)"
ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHR])"
KANJI_DIGIT = "〇一二三四五六七八九零"
# Digit boundaries, not \b: in Japanese the letters around a number are word characters too.
START, END = r"(?<!\d)", r"(?!\d)"

RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("[email]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # 090-1234-5678, 03 1234 5678, (03)1234-5678, +81 90 1234 5678, 09012345678: Japanese numbers
    # start with 0 (or +81); without separators they have 10 or 11 digits (8 digits starting with
    # 0 are an insurer number). Before the dates, whose shapes would take a part of one.
    (
        "[phone]",
        re.compile(
            rf"(?:\+81{SEP}?\(?0?|{START}\(?0)\d{{1,4}}(?:\){SEP}?|{SEP}|(?=\())\(?\d{{1,4}}\)?{SEP}?\d{{3,4}}{END}"
            rf"|{START}0\d{{9,10}}{END}"
        ),
    ),
    # 令和7年5月6日, R7.5.6, 昭和55年
    ("[date]", re.compile(rf"{ERA}\s*(?:元|\d{{1,2}})\s*[年./-](?:\s*\d{{1,2}}\s*[月./-](?:\s*\d{{1,2}}\s*日?)?)?")),
    # 2026年5月6日, 2026/5/6, 2026-05, 1980年
    ("[date]", re.compile(r"\d{4}\s*[年./-]\s*\d{1,2}(?:\s*[月./-]\s*\d{1,2}\s*日?|\s*月)?")),
    ("[date]", re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日")),
    ("[postcode]", re.compile(rf"〒\s*\d{{3}}{DASH}?\d{{4}}|{START}\d{{3}}{DASH}\d{{4}}{END}")),
    # 記号・番号 and 保険者番号 may hold letters and a few kanji: mask the code that follows the label.
    (
        "[insurer-no]",
        re.compile(
            r"(?:保険者番号|被保険者番号|記号|番号|No\.?)\s*[:：]?\s*[^\s\d、。,.\[]{0,4}?"
            r"(?:[0-9A-Za-z-]*\d[0-9A-Za-z-]*|[A-Za-z][0-9A-Za-z-]*)",
            re.I,
        ),
    ),
    ("[insurer-no]", re.compile(rf"{START}(?:\d{{6}}|\d{{8}}){END}")),
    ("[number]", re.compile(rf"\d(?:[\s.,]*{DASH}?[\s.,]*\d)+")),
    ("[number]", re.compile(f"[{KANJI_DIGIT}]{{3,}}")),
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def mask(text: str) -> str | None:
    """The text as it may be kept, or None when nothing is left."""
    cleaned = CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    for label, pattern in RULES:
        cleaned = pattern.sub(label, cleaned)
    return cleaned[:MAX_TEXT].strip() or None
