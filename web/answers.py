"""The answers the guide takes, in the API's vocabulary, and their one validator.

The JSON API, the HTML question pages (web/forms.py) and, through the same data, the device
(static/js/offline-guide.js) all validate here: the keys, their types and choices come from the
question declarations (web/questions.py), the cross-field checks from its CONSTRAINTS. Pure
Python: errors carry a field and a code; the words for each code are chosen by the caller in the
user's language (web/guide_text.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from web import numbers
from web.dates import add_months, age_on
from web.questions import CONSTRAINTS, FIELDS_BY_KEY, MAX_AGE, Constraint

KEYS = tuple(FIELDS_BY_KEY)
DATE_KEYS = tuple(key for key, f in FIELDS_BY_KEY.items() if f.kind == "date")
ENUMS = {key: f.api_values for key, f in FIELDS_BY_KEY.items() if f.choices}
INSURANCE_TYPES = ENUMS["insurance"]
HOLDS = ENUMS["holds"]
CARD_AUTH = ENUMS["card_auth"]
MIN_AGE = 0


@dataclass(frozen=True)
class Answers:
    visit_date: date
    insurance: str
    holds: frozenset[str]
    birth_date: date | None = None
    age: int | None = None
    mynumber_registered: str = "unknown"
    ecert_expiry: date | None = None
    card_issued: date | None = None
    kakuninsho_expiry: date | None = None
    subsidy_linked: str = "unknown"
    card_auth: str = "unknown"
    card_expiry: date | None = None
    visitor: str = "me"


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str


@dataclass
class Parsed:
    answers: Answers | None
    errors: list[FieldError] = field(default_factory=list)


def parse_iso_date(value: Any) -> date | None:
    """A strict `YYYY-MM-DD` from 1900 to 2200, or None: `date.fromisoformat` alone also takes
    `20261123`, and dates near year 1 or 9999 break date arithmetic."""
    day = parse_any_iso_date(value)
    return day if day is not None and numbers.in_range(day) else None


def parse_any_iso_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def read_value(key: str, raw: Any) -> tuple[Any, str | None]:
    """One API value in its Python form, or the error code."""
    f = FIELDS_BY_KEY[key]
    if f.kind == "date":
        if not isinstance(raw, str):
            return None, "wrong_type"
        day = parse_iso_date(raw)
        if day is None:
            return None, numbers.iso_date_code(raw)
        return day, None
    if f.kind == "number":
        if isinstance(raw, bool) or not isinstance(raw, int):
            return None, "wrong_type"
        return raw, None if MIN_AGE <= raw <= (f.maximum or 0) else "out_of_range"
    if f.kind == "checkboxes":
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            return None, "wrong_type"
        return raw, None if set(raw) <= set(f.api_values) else "invalid_choice"
    return raw, None if raw in f.api_values else "invalid_choice"


def parse_answers(data: Any, today: date) -> Parsed:
    """Check a request body (already decoded from JSON) and build Answers, or list every error.

    `today` is the default visit date (Asia/Tokyo), passed in so that nothing here reads a clock.
    """
    if not isinstance(data, dict):
        return Parsed(None, [FieldError("", "not_an_object")])
    errors = [FieldError(str(key), "unknown_key") for key in data if key not in KEYS]
    values: dict[str, Any] = {}
    for key in KEYS:
        if data.get(key) is None:
            continue
        value, code = read_value(key, data[key])
        if code:
            errors.append(FieldError(key, code))
        else:
            values[key] = value
    if data.get("insurance") is None:
        errors.append(FieldError("insurance", "required"))
    if data.get("birth_date") is None and data.get("age") is None:
        errors.append(FieldError("birth_date", "required"))
    errors += [FieldError(c.key, c.code) for c in violated(values, today)]
    if errors:
        return Parsed(None, errors)
    return Parsed(build_answers(values, today))


def build_answers(values: dict[str, Any], today: date) -> Answers:
    defaults = {key: f.default for key, f in FIELDS_BY_KEY.items() if f.default is not None}
    merged = {**defaults, **values}
    merged["holds"] = frozenset(merged.get("holds", ()))
    merged.setdefault("visit_date", today)
    if merged.get("birth_date") is not None:
        merged.pop("age", None)
    return Answers(**merged)


def as_date(value: Any) -> date | None:
    return value if isinstance(value, date) else parse_iso_date(value)


def breaks(constraint: Constraint, values: dict[str, Any], today: date) -> bool:
    """Whether the values break the constraint; a missing date breaks nothing (a missing visit
    date is today, as it is for the guide)."""
    day = as_date(values.get(constraint.key))
    if constraint.other == "visit_date":
        other = as_date(values.get("visit_date")) or today
    else:
        other = as_date(values.get(constraint.other)) or parse_iso_date(constraint.other)
    if day is None or other is None:
        return False
    if constraint.op == "not_after":
        return day > other
    if constraint.op == "not_before":
        return day < other
    if constraint.op == "age_at_most":
        return other >= day and age_on(day, other) > (constraint.years or MAX_AGE)
    if constraint.op == "within_years_after":
        return day > add_months(other, 12 * (constraint.years or 0))
    raise ValueError(f"unknown constraint op {constraint.op}")


def violated(values: dict[str, Any], today: date) -> list[Constraint]:
    return [constraint for constraint in CONSTRAINTS if breaks(constraint, values, today)]


def constraint_messages(values: dict[str, Any], today: date, answering: tuple[str, ...]) -> list[tuple[str, Any]]:
    """(key, message) for each broken constraint, on the side the user is answering now."""
    found = []
    for constraint in violated(values, today):
        for key in (constraint.key, constraint.other):
            if key in answering and key in constraint.messages:
                found.append((key, constraint.messages[key]))
                break
    return found
