"""The guide engine: answers and a visit date in, the guide out. No Flask, no clock, no text.

The rules themselves are data (web/rules/rules.yaml); this module derives the facts they test,
evaluates them, and computes the personal timeline. It returns ids, dates and text keys; the
words are chosen in the user's language by web/guide_text.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from web import dates
from web.answers import Answers

RULES_PATH = Path(__file__).parent / "rules" / "rules.yaml"
SEVERITY_ORDER = {"high": 0, "medium": 1, "info": 2}


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Any]:
    with RULES_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass(frozen=True)
class Item:
    id: str
    why: str
    source_ids: tuple[str, ...]
    backup: bool = False  # in `bring`: the one backup paper a card holder carries (facts §3.0)


@dataclass(frozen=True)
class Warning:
    id: str
    severity: str
    message: str
    action: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    id: str
    date: date
    past: bool
    estimated: bool


@dataclass
class Guide:
    rules_as_of: date
    visit_date: date
    age_on_visit: int
    verdict: str
    copay_ratios: list[float]
    bring: list[Item] = field(default_factory=list)
    backup: list[Item] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)
    applied_rules: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    # The dates that texts may name (ecert_expiry, ecert_grace_end, kakuninsho_expiry, card_expiry,
    # card_grace_end …), so that presentation only formats them.
    dates: dict[str, date] = field(default_factory=dict)


def derive_facts(answers: Answers, rules: dict[str, Any]) -> dict[str, Any]:
    """The facts that rule conditions test. Each key here is a fact name the rules may use.

    - insurance: as answered; scheme: the same, except that from 75 the insured are in 後期
    - insured: scheme is one of the health insurance schemes (not 生活保護 or other)
    - holds: the set of held items; has_card: a マイナンバーカード or the smartphone version
    - registered, subsidy_linked: yes / no / unknown; card_auth: pin / face / unknown
    - age: completed years on the visit; band_70_74: in the 70-74 copay band on the visit
    - ecert: none / unknown / valid / renew_soon / grace / lapsed on the visit;
      ecert_estimated: that status comes from the card's issue date, not a date read off the card
    - card: the card's own expiry, in the same words as ecert (none without a card)
    - kakuninsho: none / valid / expired / unknown_expiry on the visit
    - elderly_85: yes / no / unknown: 85 or over on the day the 2026 後期 資格確認書 were sent
    - beyond_review_horizon: the visit is long after the rules were reviewed
    """
    constants, vocabularies = rules["constants"], rules["vocabularies"]
    visit = answers.visit_date
    birth = answers.birth_date
    age = dates.age_on(birth, visit) if birth is not None else answers.age
    assert age is not None
    elderly_age = constants["elderly_age"]

    scheme = answers.insurance
    if scheme in vocabularies["moves_to_elderly"] and age >= elderly_age:
        scheme = "elderly"

    if birth is not None:
        band_70_74 = (
            dates.first_of_month_after_reaching(birth, constants["copay_70_age"])
            <= visit
            < dates.anniversary(birth, elderly_age)
        )
    else:
        band_70_74 = constants["copay_70_age"] <= age < elderly_age

    has_card = bool(set(vocabularies["card_items"]) & answers.holds)
    ecert_expiry, estimated = ecert_expiry_of(answers, rules)
    ecert = card = "none"
    if has_card:
        ecert = ecert_status(ecert_expiry, visit, constants) if ecert_expiry else "unknown"
        card = card_status(answers.card_expiry, visit, constants) if answers.card_expiry else "unknown"

    kakuninsho = "none"
    if "kakuninsho" in answers.holds:
        if answers.kakuninsho_expiry is None:
            kakuninsho = "unknown_expiry"
        else:
            kakuninsho = "valid" if visit <= answers.kakuninsho_expiry else "expired"

    horizon = rules["rules_as_of"] + timedelta(days=rules["review_horizon_days"])
    return {
        "insurance": answers.insurance,
        "scheme": scheme,
        "insured": scheme in vocabularies["insured_schemes"],
        "holds": answers.holds,
        "has_card": has_card,
        "registered": answers.mynumber_registered,
        "subsidy_linked": answers.subsidy_linked,
        "card_auth": answers.card_auth,
        "visitor": answers.visitor,
        "age": age,
        "band_70_74": band_70_74,
        "ecert": ecert,
        "ecert_estimated": has_card and estimated,
        "card": card,
        "kakuninsho": kakuninsho,
        "elderly_85": aged_85_in_2026(answers, age, constants),
        "beyond_review_horizon": visit > horizon,
    }


def aged_85_in_2026(answers: Answers, age: int, constants: dict[str, Any]) -> str:
    """Whether the patient was 85 or over when the 2026 後期 資格確認書 were sent (yes / no / unknown).

    With only the age on a visit on or after that day, the age on that day is between
    `age - years since - 1` and `age`, so the answer is sure only outside that band.
    """
    on, threshold = constants["elderly_2026_from"], constants["elderly_all_kakuninsho_age"]
    if answers.birth_date is not None:
        return "yes" if dates.age_on(answers.birth_date, on) >= threshold else "no"
    if answers.visit_date < on:
        return "unknown"
    if age < threshold:
        return "no"
    if age - max(answers.visit_date.year - on.year, 0) - 1 >= threshold:
        return "yes"
    return "unknown"


def ecert_expiry_of(answers: Answers, rules: dict[str, Any]) -> tuple[date | None, bool]:
    """The e-certificate expiry as given, or estimated from the card's issue date (and whether estimated)."""
    if answers.ecert_expiry is not None:
        return answers.ecert_expiry, False
    if answers.card_issued is not None and answers.birth_date is not None:
        birthdays = rules["constants"]["ecert_valid_birthdays"]
        return dates.ecert_expiry_estimate(answers.birth_date, answers.card_issued, birthdays), True
    return None, False


def expiry_status(expiry: date, visit: date, window_months: int, grace_months: int) -> str:
    """valid / renew_soon (from `window_months` before, through the expiry day itself) / grace (to the
    end of the `grace_months`-th month after the month of expiry) / lapsed."""
    if visit > dates.grace_end(expiry, grace_months):
        return "lapsed"
    if visit > expiry:
        return "grace"
    if visit >= dates.add_months(expiry, -window_months):
        return "renew_soon"
    return "valid"


def ecert_status(expiry: date, visit: date, constants: dict[str, Any]) -> str:
    return expiry_status(expiry, visit, constants["ecert_renewal_window_months"], constants["ecert_grace_months"])


def card_status(expiry: date, visit: date, constants: dict[str, Any]) -> str:
    return expiry_status(expiry, visit, constants["card_renewal_window_months"], constants["card_grace_months"])


def holds_condition(condition: dict[str, Any], facts: dict[str, Any]) -> bool:
    """Evaluate one declarative condition (the grammar is described at the top of rules.yaml)."""
    if "all" in condition:
        return all(holds_condition(part, facts) for part in condition["all"])
    if "any" in condition:
        return any(holds_condition(part, facts) for part in condition["any"])
    if "not" in condition:
        return not holds_condition(condition["not"], facts)
    value = facts[condition["fact"]]
    if "is" in condition:
        return value == condition["is"]
    if "in" in condition:
        return value in condition["in"]
    if "has" in condition:
        return condition["has"] in value
    if "lt" in condition:
        return value < condition["lt"]
    if "gte" in condition:
        return value >= condition["gte"]
    raise ValueError(f"unknown condition {condition!r}")


def is_effective(rule: dict[str, Any], visit: date) -> bool:
    effective = rule.get("effective") or {}
    starts, ends = effective.get("from"), effective.get("until")
    return (starts is None or starts <= visit) and (ends is None or visit <= ends)


def copay_ratios(answers: Answers, facts: dict[str, Any], constants: dict[str, Any]) -> list[float]:
    """National standard ratios that can apply on the visit, before local subsidies.

    生活保護 has no ratio (医療扶助 pays), so the list is empty.
    """
    table = constants["copay"]
    if facts["scheme"] == "welfare":
        return []
    if facts["scheme"] == "elderly":
        return table["elderly"]
    if facts["band_70_74"]:
        return table["from_70"]
    birth, age = answers.birth_date, facts["age"]
    preschool_age = constants["preschool_age"]
    if birth is not None:
        return table["preschool"] if answers.visit_date <= dates.preschool_end(birth) else table["standard"]
    if age < preschool_age:
        return table["preschool"]
    if age == preschool_age:
        return sorted(set(table["preschool"]) | set(table["standard"]))
    return table["standard"]


def key_dates(answers: Answers, facts: dict[str, Any], rules: dict[str, Any]) -> dict[str, tuple[date, bool]]:
    """The dates of the patient's cards and papers, each with whether it is an estimate: what the
    timeline shows and what the texts may name."""
    constants = rules["constants"]
    found: dict[str, tuple[date, bool]] = {}
    expiry, estimated = ecert_expiry_of(answers, rules)
    if facts["has_card"] and expiry is not None:
        found["ecert_renewal_opens"] = (
            dates.add_months(expiry, -constants["ecert_renewal_window_months"]),
            estimated,
        )
        found["ecert_expiry"] = (expiry, estimated)
        found["ecert_grace_end"] = (dates.grace_end(expiry, constants["ecert_grace_months"]), estimated)
    if facts["has_card"] and answers.card_expiry is not None:
        found["card_expiry"] = (answers.card_expiry, False)
        found["card_grace_end"] = (dates.grace_end(answers.card_expiry, constants["card_grace_months"]), False)
    if answers.kakuninsho_expiry is not None and facts["kakuninsho"] != "none":
        found["kakuninsho_expiry"] = (answers.kakuninsho_expiry, False)
    elif (
        facts["kakuninsho"] == "unknown_expiry"
        and facts["scheme"] == "elderly"
        and answers.visit_date >= constants["elderly_2026_from"]
    ):
        # facts §6.2: the 後期 資格確認書 sent for 2026-08-01 onward run to 2027-07-31.
        found["kakuninsho_expiry"] = (constants["elderly_2026_kakuninsho_until"], True)
    return found


# Key dates that are timeline entries (the others are only named by texts).
TIMELINE_DATES = ("ecert_renewal_opens", "ecert_expiry", "ecert_grace_end", "card_expiry", "kakuninsho_expiry")


def build_timeline(answers: Answers, known: dict[str, tuple[date, bool]], rules: dict[str, Any]) -> list[TimelineEntry]:
    constants = rules["constants"]
    visit = answers.visit_date
    entries = [(entry_id, *known[entry_id]) for entry_id in TIMELINE_DATES if entry_id in known]

    birth = answers.birth_date
    if birth is not None:
        earliest = dates.add_months(visit, -12 * constants["timeline_past_years"])
        latest = dates.add_months(visit, 12 * constants["timeline_future_years"])
        for entry_id, day in (
            ("preschool_end", dates.preschool_end(birth)),
            ("copay_70", dates.first_of_month_after_reaching(birth, constants["copay_70_age"])),
            ("elderly_75", dates.anniversary(birth, constants["elderly_age"])),
        ):
            if earliest <= day <= latest:
                entries.append((entry_id, day, False))

    entries.sort(key=lambda entry: entry[1])
    return [TimelineEntry(entry_id, day, day < visit, estimated) for entry_id, day, estimated in entries]


def make_guide(answers: Answers) -> Guide:
    """Apply the rules in force on `answers.visit_date` to the answers."""
    rules = load_rules()
    facts = derive_facts(answers, rules)
    visit = answers.visit_date
    guide = Guide(
        rules_as_of=rules["rules_as_of"],
        visit_date=visit,
        age_on_visit=facts["age"],
        verdict="at_risk",
        copay_ratios=copay_ratios(answers, facts, rules["constants"]),
        facts=facts,
    )
    proofs: set[str] = set()
    force_check = False
    seen_items: set[tuple[str, str]] = set()
    seen_warnings: set[str] = set()

    def apply(rule: dict[str, Any]) -> None:
        nonlocal force_check
        then = rule["then"]
        source_ids = tuple(rule.get("sources", []))
        guide.applied_rules.append(rule["id"])
        for source_id in source_ids:
            if source_id not in guide.source_ids:
                guide.source_ids.append(source_id)
        if "proof" in then:
            proofs.add(then["proof"])
        if then.get("verdict") == "check":
            force_check = True
        for kind, target in (("bring", guide.bring), ("backup", guide.backup)):
            for entry in then.get(kind, []):
                if (kind, entry["item"]) not in seen_items:
                    seen_items.add((kind, entry["item"]))
                    target.append(Item(entry["item"], entry["why"], source_ids, entry.get("backup", False)))
        warn = then.get("warn")
        if warn and warn["id"] not in seen_warnings:
            seen_warnings.add(warn["id"])
            guide.warnings.append(Warning(warn["id"], warn["severity"], warn["message"], warn["action"], source_ids))

    for phase in ("holds", "outcome"):
        if phase == "outcome":
            facts["proof"] = "valid" if "valid" in proofs else "maybe" if "maybe" in proofs else "none"
        for rule in rules["rules"]:
            if (
                rule.get("phase", "holds") == phase
                and is_effective(rule, visit)
                and holds_condition(rule["when"], facts)
            ):
                apply(rule)

    if force_check:
        guide.verdict = "check"
    else:
        guide.verdict = {"valid": "ok", "maybe": "check", "none": "at_risk"}[facts["proof"]]
    guide.warnings.sort(key=lambda warning: SEVERITY_ORDER[warning.severity])
    known = key_dates(answers, facts, rules)
    guide.dates = {name: day for name, (day, _) in known.items()}
    guide.timeline = build_timeline(answers, known, rules)
    return guide


def rules_document() -> dict[str, Any]:
    """The rules data as JSON for the device: the same file, with dates as ISO strings."""

    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value

    return plain(load_rules())


def guide_as_plain(guide: Guide) -> dict[str, Any]:
    """The whole guide, ids and text keys, as JSON-ready data (for comparing the two engines)."""
    return {
        "rules_as_of": guide.rules_as_of.isoformat(),
        "visit_date": guide.visit_date.isoformat(),
        "age_on_visit": guide.age_on_visit,
        "verdict": guide.verdict,
        "copay_ratios": guide.copay_ratios,
        "bring": [plain_item(item) for item in guide.bring],
        "backup": [plain_item(item) for item in guide.backup],
        "warnings": [
            {
                "id": w.id,
                "severity": w.severity,
                "message": w.message,
                "action": w.action,
                "source_ids": list(w.source_ids),
            }
            for w in guide.warnings
        ],
        "timeline": [
            {"id": e.id, "date": e.date.isoformat(), "past": e.past, "estimated": e.estimated} for e in guide.timeline
        ],
        "source_ids": guide.source_ids,
        "applied_rules": guide.applied_rules,
        "dates": {name: day.isoformat() for name, day in guide.dates.items()},
    }


def plain_item(item: Item) -> dict[str, Any]:
    return {"id": item.id, "why": item.why, "source_ids": list(item.source_ids), "backup": item.backup}
