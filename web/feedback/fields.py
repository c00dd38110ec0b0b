"""What a feedback record may hold, and nothing else.

The result page carries the record's context as hidden fields, so nothing about the patient's
answers has to be sent again. Hidden fields are whatever the client says they are: each one is
checked here against a known vocabulary, and a value outside it is dropped (kept as None), never
stored as sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from web.answers import INSURANCE_TYPES
from web.engine import Guide, load_rules
from web.feedback.mask import mask

ANSWERS = ("yes", "no", "unclear")
VERDICTS = ("ok", "check", "at_risk")
# (band, lowest age, highest age): the copay bands a rule may differ by.
AGE_BANDS = (("0-5", 0, 5), ("6-69", 6, 69), ("70-74", 70, 74), ("75+", 75, 200))
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_RULE_IDS = 64
# The hidden fields the form carries (the answer and the text are the visible ones).
CONTEXT_FIELDS = ("rule_ids", "verdict", "visit_month", "insurance", "age_band", "rules_as_of")


@dataclass(frozen=True)
class Record:
    """One feedback record, exactly as stored (see README "Feedback")."""

    answer: str
    rule_ids: tuple[str, ...]
    verdict: str | None
    visit_month: str | None
    insurance: str | None
    age_band: str | None
    lang: str
    rules_as_of: date | None
    text: str | None


def age_band(age: int) -> str:
    return next(band for band, lowest, highest in AGE_BANDS if lowest <= age <= highest)


def context_of_guide(guide: Guide) -> dict[str, str]:
    """The hidden fields of the feedback form under a result: the rules that produced it and the
    kind of case, never the answers themselves (the day and the exact age stay out)."""
    return {
        "rule_ids": " ".join(guide.applied_rules),
        "verdict": guide.verdict,
        "visit_month": guide.visit_date.strftime("%Y-%m"),
        "insurance": guide.facts["insurance"],
        "age_band": age_band(guide.age_on_visit),
        "rules_as_of": guide.rules_as_of.isoformat(),
    }


def context_of_page() -> dict[str, str]:
    """A page made without the guide (the 申立書 QR): only the rules' date."""
    return {"rules_as_of": load_rules()["rules_as_of"].isoformat()}


def known_rule_ids() -> frozenset[str]:
    return frozenset(rule["id"] for rule in load_rules()["rules"])


def one_of(value: str, vocabulary: tuple[str, ...]) -> str | None:
    return value if value in vocabulary else None


def clean_month(value: str) -> str | None:
    found = MONTH.match(value)
    if not found or not 1 <= int(found.group(2)) <= 12 or not 2000 <= int(found.group(1)) <= 2200:
        return None
    return value


def clean_rules_as_of(value: str) -> date | None:
    """An ISO date no later than the rules in force (a page loaded before a deploy has an older one)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if len(value) == 10 and day <= load_rules()["rules_as_of"] else None


def clean_rule_ids(value: str) -> tuple[str, ...]:
    known = known_rule_ids()
    kept: list[str] = []
    for rule_id in value.split()[:MAX_RULE_IDS]:
        if rule_id in known and rule_id not in kept:
            kept.append(rule_id)
    return tuple(kept)


def context_from(form: MultiDict[str, str]) -> dict[str, Any]:
    """The hidden fields as they may be stored (and shown again with the form)."""
    return {
        "rule_ids": clean_rule_ids(form.get("rule_ids", "")),
        "verdict": one_of(form.get("verdict", ""), VERDICTS),
        "visit_month": clean_month(form.get("visit_month", "")),
        "insurance": one_of(form.get("insurance", ""), INSURANCE_TYPES),
        "age_band": one_of(form.get("age_band", ""), tuple(band for band, _, _ in AGE_BANDS)),
        "rules_as_of": clean_rules_as_of(form.get("rules_as_of", "")),
    }


def hidden_values(context: dict[str, Any]) -> dict[str, str]:
    """A checked context back as form values (for the form shown again after an error)."""
    values = {key: value for key, value in context.items() if value}
    if "rule_ids" in values:
        values["rule_ids"] = " ".join(values["rule_ids"])
    if "rules_as_of" in values:
        values["rules_as_of"] = values["rules_as_of"].isoformat()
    return values


def record_from(form: MultiDict[str, str], lang: str) -> Record | None:
    """The record to store, or None when no answer was chosen."""
    answer = one_of(form.get("answer", ""), ANSWERS)
    if answer is None:
        return None
    return Record(answer=answer, lang=lang, text=mask(form.get("text", "")), **context_from(form))
