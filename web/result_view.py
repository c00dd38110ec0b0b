"""What the result page shows, in the order it shows it: the guide document (web/present.py)
arranged for reading. The server renders this view with the result macros
(templates/components/result.html); the offline page builds the same view on the device
(static/js/offline-result.js) and fills the same macros. tests/test_offline.py checks that both
show the same result for the same answers.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from web.engine import Guide
from web.guide_text import ITEM_NAMES, SEVERITY_NAMES, TERMS, TEXTS, TIMELINE_LABELS, VERDICTS
from web.i18n import copay_ratios_text, format_day, text_html
from web.i18n import fast_gettext as gettext

# How each hard word is written in the Japanese texts. 被保険者 (the insured person) is another
# word that merely contains 保険者.
TERM_PATTERNS = {
    "hokensha": re.compile("(?<!被)保険者"),
    "denshi_shomeisho": re.compile("電子証明書"),
    "riyo_toroku": re.compile("利用登録"),
    "koiki_rengo": re.compile("広域連合"),
    "ryoyohi": re.compile("療養費"),
}


@lru_cache(maxsize=1)
def term_keys() -> dict[str, list[str]]:
    """The hard words in each text the result can show, keyed "item:<id>", "text:<key>",
    "timeline:<id>" or "verdict:<id>". Found in the Japanese source, so it holds in every language;
    the device gets this map in guide-texts.json."""
    sources = {
        **{f"item:{key}": value for key, value in ITEM_NAMES.items()},
        **{f"text:{key}": value for key, value in TEXTS.items()},
        **{f"timeline:{key}": value for key, value in TIMELINE_LABELS.items()},
        **{f"verdict:{key}": value for key, value in VERDICTS.items()},
    }
    found = {
        key: [term for term, pattern in TERM_PATTERNS.items() if pattern.search(text)] for key, text in sources.items()
    }
    return {key: terms for key, terms in found.items() if terms}


def place_terms(parts: list[tuple[dict[str, Any], list[str]]]) -> None:
    """Give each part, in page order, the notes for the hard words that first appear in it."""
    keys, seen = term_keys(), set()
    for part, text_keys in parts:
        here = {term for key in text_keys for term in keys.get(key, [])} - seen
        seen |= here
        part["terms"] = [{"note": text_html(gettext(TERMS[term]))} for term in TERMS if term in here]


def timeline_parts(entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The timeline split into coming and past dates. While the e-certificate renewal window is
    open (its first day past, the expiry not), its opening is something to do now, not history."""
    past_by_id = {entry["id"]: entry["past"] for entry in entries}
    window_open = past_by_id.get("ecert_renewal_opens") is True and past_by_id.get("ecert_expiry") is False
    coming, past = [], []
    for entry in entries:
        now = window_open and entry["id"] == "ecert_renewal_opens"
        shown = {
            "id": entry["id"],
            "when": format_day(date.fromisoformat(entry["date"])),
            "label": text_html(entry["label"]),
            "estimated": entry["estimated"],
            "now": now,
            "state": "now" if now else "past" if entry["past"] else "coming",
        }
        (past if entry["past"] and not now else coming).append(shown)
    return coming, past


def result_view(guide: Guide, document: dict[str, Any]) -> dict[str, Any]:
    """The view of one guide; `guide` gives the text keys behind the document's words."""
    coming, past = timeline_parts(document["timeline"])
    view: dict[str, Any] = {
        "visit": format_day(guide.visit_date),
        "num": guide.age_on_visit,
        "rules": format_day(guide.rules_as_of),
        "verdict": {"id": guide.verdict, "text": text_html(gettext(VERDICTS[guide.verdict]))},
        "bring": [_item(entry) for entry in document["bring"]],
        "copay": text_html(copay_ratios_text(guide.copay_ratios)) if guide.copay_ratios else "",
        "warnings": [
            {
                "severity": (severity := warning["severity"]),
                "severity_name": gettext(SEVERITY_NAMES[severity]),
                "message": text_html(warning["message"]),
                "action": text_html(warning["action"]),
            }
            for warning in document["warnings"]
        ],
        "backup": [_item(entry) for entry in document["backup"]],
        "prefill": any(entry["id"] == "moushitatesho" for entry in document["backup"]),
        "coming": coming,
        "past": past,
        "calendar": any(entry["state"] == "coming" for entry in coming),
        "sources": [
            {
                "title": text_html(source["title"]),
                "url": source.get("url", ""),
                "when": format_day(date.fromisoformat(source["date"])),
            }
            for source in document["sources"]
        ],
    }
    place_terms(
        [(view["verdict"], [f"verdict:{guide.verdict}"])]
        + [
            (shown, [f"item:{item.id}", f"text:{item.why}"])
            for shown, item in zip(view["bring"], guide.bring, strict=True)
        ]
        + [
            (shown, [f"text:{w.message}", f"text:{w.action}"])
            for shown, w in zip(view["warnings"], guide.warnings, strict=True)
        ]
        + [
            (shown, [f"item:{item.id}", f"text:{item.why}"])
            for shown, item in zip(view["backup"], guide.backup, strict=True)
        ]
        + [(shown, [f"timeline:{shown['id']}"]) for shown in coming + past]
    )
    return view


def _item(entry: dict[str, Any]) -> dict[str, Any]:
    # `backup: true` marks the one backup paper the engine puts in the numbered checklist.
    return {
        "id": entry["id"],
        "label": text_html(entry["label"]),
        "ja": ITEM_NAMES[entry["id"]],
        "why": text_html(entry["why"]),
        "backup": entry.get("backup") is True,
    }
