"""The answers the guide takes, in the API's vocabulary, and their validation.

The JSON API and the HTML question flow both end here, so a request is checked the same way
whichever face it came through. Pure Python: errors carry a field and a code; the words for
each code are chosen by the caller in the user's language (web/guide_text.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from web import numbers
from web.dates import age_on

INSURANCE_TYPES = ("employee", "national", "elderly", "welfare", "other", "unknown")
HOLDS = (
    "mynumber_card",
    "smartphone",
    "kakuninsho",
    "oshirase",
    "paper_card",
    "subsidy_cert",
    "elderly_cert",
    "welfare_ticket",
)
YES_NO_UNKNOWN = ("yes", "no", "unknown")
MIN_AGE, MAX_AGE = 0, 120
DATE_KEYS = ("visit_date", "birth_date", "ecert_expiry", "card_issued", "kakuninsho_expiry")
KEYS = (
    "visit_date",
    "birth_date",
    "age",
    "insurance",
    "holds",
    "mynumber_registered",
    "ecert_expiry",
    "card_issued",
    "kakuninsho_expiry",
    "subsidy_linked",
)


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


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str


@dataclass
class Parsed:
    answers: Answers | None
    errors: list[FieldError] = field(default_factory=list)


def parse_iso_date(value: Any) -> date | None:
    """A strict `YYYY-MM-DD`, or None: `date.fromisoformat` alone also takes `20261123`."""
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if numbers.in_range(day) else None


def parse_answers(data: Any, today: date) -> Parsed:
    """Check a request body (already decoded from JSON) and build Answers, or list every error.

    `today` is the default visit date (Asia/Tokyo), passed in so that nothing here reads a clock.
    """
    if not isinstance(data, dict):
        return Parsed(None, [FieldError("", "not_an_object")])
    errors: list[FieldError] = [FieldError(str(key), "unknown_key") for key in data if key not in KEYS]
    dates = _read_dates(data, errors)
    visit = dates["visit_date"] or today
    age = _read_age(data, errors)
    birth = dates["birth_date"]
    _check_birth(data, birth, visit, errors)
    insurance = data.get("insurance")
    if insurance is None:
        errors.append(FieldError("insurance", "required"))
    elif insurance not in INSURANCE_TYPES:
        errors.append(FieldError("insurance", "invalid_choice"))
    holds = _read_holds(data, errors)
    for key in ("mynumber_registered", "subsidy_linked"):
        if data.get(key, "unknown") not in YES_NO_UNKNOWN:
            errors.append(FieldError(key, "invalid_choice"))
    if birth is not None and dates["card_issued"] is not None and dates["card_issued"] < birth:
        errors.append(FieldError("card_issued", "before_birth"))

    if errors:
        return Parsed(None, errors)
    if birth is not None and age_on(birth, visit) > MAX_AGE:
        return Parsed(None, [FieldError("birth_date", "out_of_range")])
    return Parsed(
        Answers(
            visit_date=visit,
            insurance=insurance,
            holds=frozenset(holds),
            birth_date=birth,
            age=None if birth is not None else age,
            mynumber_registered=data.get("mynumber_registered", "unknown"),
            ecert_expiry=dates["ecert_expiry"],
            card_issued=dates["card_issued"],
            kakuninsho_expiry=dates["kakuninsho_expiry"],
            subsidy_linked=data.get("subsidy_linked", "unknown"),
        )
    )


def _read_dates(data: dict, errors: list[FieldError]) -> dict[str, date | None]:
    dates: dict[str, date | None] = {}
    for key in DATE_KEYS:
        raw = data.get(key)
        dates[key] = None
        if raw is None:
            continue
        if not isinstance(raw, str):
            errors.append(FieldError(key, "wrong_type"))
            continue
        dates[key] = parse_iso_date(raw)
        if dates[key] is None:
            errors.append(FieldError(key, numbers.iso_date_code(raw)))
    return dates


def _read_age(data: dict, errors: list[FieldError]) -> int | None:
    age = data.get("age")
    if age is None:
        return None
    if isinstance(age, bool) or not isinstance(age, int):
        errors.append(FieldError("age", "wrong_type"))
        return None
    if not MIN_AGE <= age <= MAX_AGE:
        errors.append(FieldError("age", "out_of_range"))
        return None
    return age


def _check_birth(data: dict, birth: date | None, visit: date, errors: list[FieldError]) -> None:
    if birth is not None:
        if birth > visit:
            errors.append(FieldError("birth_date", "after_visit"))
        elif visit.year - birth.year > MAX_AGE + 1:
            errors.append(FieldError("birth_date", "out_of_range"))
    if data.get("birth_date") is None and data.get("age") is None:
        errors.append(FieldError("birth_date", "required"))


def _read_holds(data: dict, errors: list[FieldError]) -> list[str]:
    holds = data.get("holds", [])
    if not isinstance(holds, list) or not all(isinstance(item, str) for item in holds):
        errors.append(FieldError("holds", "wrong_type"))
        return []
    if any(item not in HOLDS for item in holds):
        errors.append(FieldError("holds", "invalid_choice"))
    return holds
