"""The guide engine against the hand-written dated cases in tests/vectors/engine_cases.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from web.answers import parse_answers
from web.engine import load_rules, make_guide

CASES = json.loads((Path(__file__).parent / "vectors" / "engine_cases.json").read_text(encoding="utf-8"))["cases"]
NO_CLOCK = date(1900, 1, 1)  # every case gives its visit date; this default would be rejected


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_engine_gives_the_expected_guide(case):
    parsed = parse_answers(case["request"], NO_CLOCK)
    assert parsed.errors == []
    guide = make_guide(parsed.answers)
    expect = case["expect"]
    assert guide.verdict == expect["verdict"]
    if "bring" in expect:
        assert [item.id for item in guide.bring] == expect["bring"]
    if "backup" in expect:
        assert [item.id for item in guide.backup] == expect["backup"]
    if "warnings" in expect:
        assert {warning.id for warning in guide.warnings} == set(expect["warnings"])
    if "copay_ratios" in expect:
        assert guide.copay_ratios == expect["copay_ratios"]
    if "timeline" in expect:
        assert [[entry.id, entry.date.isoformat()] for entry in guide.timeline] == expect["timeline"]
    if "estimated" in expect:
        assert all(entry.estimated == expect["estimated"] for entry in guide.timeline if entry.id.startswith("ecert"))


def test_every_rule_is_exercised_by_some_case():
    applied = set()
    for case in CASES:
        applied.update(make_guide(parse_answers(case["request"], NO_CLOCK).answers).applied_rules)
    all_rules = {rule["id"] for rule in load_rules()["rules"]}
    untested = all_rules - applied
    # Rules for the historic paper-card dates are covered by test_paper_card_dates below.
    assert untested <= {
        "paper_card_transition",
        "paper_card_tolerance_national",
        "paper_card_tolerance_elderly",
        "paper_card_elderly_expired",
        "oshirase_tolerance_elderly",
        "oshirase_tolerance_all",
        "welfare_card",
        "ecert_renew_soon_untested",
        "backup_oshirase",
        "subsidy_linked_with_card",
    }, untested


@pytest.mark.parametrize(
    ("visit", "insurance", "verdict", "warning"),
    [
        ("2025-07-31", "elderly", "ok", None),  # 後期 paper cards valid to 2025-07-31
        ("2025-08-02", "elderly", "at_risk", "paper_card_not_accepted"),  # before the 8/4 extension
        ("2025-08-04", "elderly", "check", "paper_card_not_accepted"),  # temporary handling
        ("2025-09-01", "national", "check", "paper_card_not_accepted"),  # most 国保 cards expired 7/31
        ("2025-09-01", "employee", "ok", None),  # 社保 to the printed expiry, at most 12/1
        ("2026-07-31", "employee", "check", "paper_card_not_accepted"),  # last day of the extension
        ("2026-08-01", "employee", "at_risk", "paper_card_not_accepted"),  # no extension found
    ],
)
def test_paper_card_dates(visit, insurance, verdict, warning):
    answers = parse_answers(
        {"visit_date": visit, "birth_date": "1948-01-01" if insurance == "elderly" else "1980-01-01",
         "insurance": insurance, "holds": ["paper_card"]},
        NO_CLOCK,
    ).answers
    guide = make_guide(answers)
    assert guide.verdict == verdict
    ids = [item.id for item in guide.warnings]
    assert (warning in ids) if warning else ("paper_card_not_accepted" not in ids)


@pytest.mark.parametrize(
    ("visit", "insurance", "verdict"),
    [("2026-03-31", "employee", "check"), ("2025-11-11", "employee", "at_risk"), ("2025-08-04", "elderly", "check"),
     ("2026-04-01", "national", "at_risk")],
)
def test_oshirase_alone_only_in_the_temporary_period(visit, insurance, verdict):
    answers = parse_answers(
        {"visit_date": visit, "age": 50 if insurance != "elderly" else 80, "insurance": insurance, "holds": ["oshirase"]},
        NO_CLOCK,
    ).answers
    assert make_guide(answers).verdict == verdict


def test_linked_subsidy_with_a_registered_card_still_says_bring_the_paper():
    answers = parse_answers(
        {"visit_date": "2026-11-23", "birth_date": "2019-06-01", "insurance": "national",
         "holds": ["mynumber_card", "subsidy_cert"], "mynumber_registered": "yes", "subsidy_linked": "yes"},
        NO_CLOCK,
    ).answers
    guide = make_guide(answers)
    assert [item.id for item in guide.bring] == ["mynumber_card", "subsidy_cert"]
    assert "subsidy_linked_with_card" in guide.applied_rules


def test_welfare_card_alone_depends_on_the_clinic():
    answers = parse_answers(
        {"visit_date": "2026-11-23", "age": 50, "insurance": "welfare", "holds": ["mynumber_card"], "mynumber_registered": "yes"},
        NO_CLOCK,
    ).answers
    guide = make_guide(answers)
    assert guide.verdict == "check"
    assert [item.id for item in guide.bring] == ["mynumber_card"]
    assert guide.backup == []


def test_every_rule_cites_known_dated_sources_and_a_confidence():
    rules = load_rules()
    for rule in rules["rules"]:
        assert rule["confidence"] in ("high", "medium", "low"), rule["id"]
        assert rule["says"], rule["id"]
        for source_id in rule["sources"]:
            assert isinstance(rules["sources"][source_id]["date"], date), source_id
    assert [rule for rule in rules["rules"] if not rule["sources"]] == [
        rule for rule in rules["rules"] if rule["id"] == "beyond_review_horizon"
    ]


def test_every_text_key_in_the_rules_has_words():
    from web.guide_text import ITEM_NAMES, TEXTS

    for rule in load_rules()["rules"]:
        then = rule["then"]
        for entry in then.get("bring", []) + then.get("backup", []):
            assert entry["item"] in ITEM_NAMES and entry["why"] in TEXTS, rule["id"]
        if "warn" in then:
            assert then["warn"]["message"] in TEXTS and then["warn"]["action"] in TEXTS, rule["id"]
