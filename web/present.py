"""The guide in words: the engine's ids and text keys turned into the contract's JSON shape, in
the language of the request. The API returns this dict; the result page renders it."""

from __future__ import annotations

from typing import Any

from web.answers import Answers
from web.engine import Guide, Item, load_rules
from web.guide_text import ITEM_NAMES, TIMELINE_LABELS, text
from web.i18n import fast_gettext as gettext
from web.i18n import format_day

# Every date a text may name; one the engine did not compute reads as empty.
MESSAGE_DATES = ("ecert_expiry", "ecert_grace_end", "kakuninsho_expiry", "card_expiry", "card_grace_end")


def message_params(guide: Guide) -> dict[str, str]:
    """The dates that warnings may name, as the engine computed them, formatted for the page's language."""
    params = dict.fromkeys(MESSAGE_DATES, "")
    params.update({name: format_day(day) for name, day in guide.dates.items()})
    return params


def bring_entry(item: Item) -> dict[str, Any]:
    entry = {
        "id": item.id,
        "label": gettext(ITEM_NAMES[item.id]),
        "why": text(item.why),
        "source_ids": list(item.source_ids),
    }
    if item.backup:
        entry["backup"] = True  # v1.1: the one backup paper on a card holder's checklist
    return entry


def guide_document(guide: Guide, answers: Answers | None = None) -> dict[str, Any]:
    """The response body of POST /api/v1/guide (guide-api-v1.md).

    Everything comes from the guide, dates included; `answers` is accepted for the callers that
    still pass it.
    """
    params = message_params(guide)
    sources = load_rules()["sources"]
    return {
        "api_version": "1",
        "rules_as_of": guide.rules_as_of.isoformat(),
        "visit_date": guide.visit_date.isoformat(),
        "age_on_visit": guide.age_on_visit,
        "verdict": guide.verdict,
        "copay_ratios": guide.copay_ratios,
        "bring": [bring_entry(item) for item in guide.bring],
        "backup": [
            {"id": item.id, "label": gettext(ITEM_NAMES[item.id]), "why": text(item.why)} for item in guide.backup
        ],
        "warnings": [
            {
                "id": warning.id,
                "severity": warning.severity,
                "message": text(warning.message, **params),
                "action": text(warning.action, **params),
                "source_ids": list(warning.source_ids),
            }
            for warning in guide.warnings
        ],
        "timeline": [
            {
                "id": entry.id,
                "date": entry.date.isoformat(),
                "label": gettext(TIMELINE_LABELS[entry.id]),
                "past": entry.past,
                "estimated": entry.estimated,
            }
            for entry in guide.timeline
        ],
        "sources": [source_entry(source_id, sources[source_id]) for source_id in guide.source_ids],
    }


def source_entry(source_id: str, source: dict[str, Any]) -> dict[str, Any]:
    entry = {"id": source_id, "title": source["title"], "date": source["date"].isoformat()}
    if source.get("url"):
        entry["url"] = source["url"]
    return entry
