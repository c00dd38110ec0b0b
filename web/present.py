"""The guide in words: the engine's ids and text keys turned into the contract's JSON shape, in
the language of the request. The API returns this dict; the result page renders it."""

from __future__ import annotations

from typing import Any

from web.answers import Answers
from web.dates import grace_end
from web.engine import Guide, ecert_expiry_of, load_rules
from web.guide_text import ITEM_NAMES, TIMELINE_LABELS, text
from web.i18n import fast_gettext as gettext
from web.i18n import format_day


def message_params(answers: Answers) -> dict[str, str]:
    """The dates that warnings may name, formatted for the page's language."""
    rules = load_rules()
    params = {"ecert_expiry": "", "ecert_grace_end": "", "kakuninsho_expiry": ""}
    expiry, _ = ecert_expiry_of(answers, rules)
    if expiry is not None:
        params["ecert_expiry"] = format_day(expiry)
        params["ecert_grace_end"] = format_day(grace_end(expiry, rules["constants"]["ecert_grace_months"]))
    if answers.kakuninsho_expiry is not None:
        params["kakuninsho_expiry"] = format_day(answers.kakuninsho_expiry)
    return params


def guide_document(guide: Guide, answers: Answers) -> dict[str, Any]:
    """The response body of POST /api/v1/guide (guide-api-v1.md)."""
    params = message_params(answers)
    sources = load_rules()["sources"]
    return {
        "api_version": "1",
        "rules_as_of": guide.rules_as_of.isoformat(),
        "visit_date": guide.visit_date.isoformat(),
        "age_on_visit": guide.age_on_visit,
        "verdict": guide.verdict,
        "copay_ratios": guide.copay_ratios,
        "bring": [
            {
                "id": item.id,
                "label": gettext(ITEM_NAMES[item.id]),
                "why": text(item.why),
                "source_ids": list(item.source_ids),
            }
            for item in guide.bring
        ],
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
