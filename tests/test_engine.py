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
    if "estimated_ids" in expect:
        assert [entry.id for entry in guide.timeline if entry.estimated] == expect["estimated_ids"]
    if "bring_backup" in expect:
        assert [item.id for item in guide.bring if item.backup] == expect["bring_backup"]


def test_every_rule_is_exercised_by_some_case():
    applied = set()
    for case in CASES:
        applied.update(make_guide(parse_answers(case["request"], NO_CLOCK).answers).applied_rules)
    assert {rule["id"] for rule in load_rules()["rules"]} - applied == set()


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


def test_every_date_a_text_names_is_one_the_engine_computes():
    """Presentation only formats dates: a text may name only the dates in the guide's `dates`."""
    import re

    from web.guide_text import TEXTS
    from web.present import MESSAGE_DATES

    named = {name for words in TEXTS.values() for name in re.findall(r"%\((\w+)\)s", words)}
    assert named <= set(MESSAGE_DATES)
    computed = set()
    for case in CASES:
        computed.update(make_guide(parse_answers(case["request"], NO_CLOCK).answers).dates)
    assert set(MESSAGE_DATES) <= computed
