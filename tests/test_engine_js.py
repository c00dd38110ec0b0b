"""The device engine (static/js/engine.js) and the server engine agree exactly: on every engine
case, and on a few hundred random answers across the rules' dates."""

from __future__ import annotations

import json
import random
import subprocess
from datetime import date, timedelta
from pathlib import Path

from web.answers import CARD_AUTH, HOLDS, INSURANCE_TYPES, parse_answers
from web.engine import guide_as_plain, make_guide, rules_document

HERE = Path(__file__).parent
CASES = json.loads((HERE / "vectors" / "engine_cases.json").read_text(encoding="utf-8"))["cases"]


def request_for_engine(answers) -> dict:
    """Validated answers in the API's vocabulary, as the device holds them."""
    plain = {key: (value.isoformat() if isinstance(value, date) else value) for key, value in vars(answers).items()}
    plain["holds"] = sorted(answers.holds)
    return plain


def random_requests(count: int) -> list[dict]:
    rng = random.Random(42)
    start = date(2024, 10, 1)
    requests = []
    while len(requests) < count:
        visit = start + timedelta(days=rng.randint(0, 1400))
        data = {
            "visit_date": visit.isoformat(),
            "insurance": rng.choice(INSURANCE_TYPES),
            "holds": rng.sample(HOLDS, rng.randint(0, 4)),
            "mynumber_registered": rng.choice(["yes", "no", "unknown"]),
            "subsidy_linked": rng.choice(["yes", "no", "unknown"]),
            "visitor": rng.choice(["me", "child", "care"]),
            "card_auth": rng.choice(CARD_AUTH),
        }
        if rng.random() < 0.8:
            data["birth_date"] = (visit - timedelta(days=rng.randint(0, 100 * 365))).isoformat()
        else:
            data["age"] = rng.randint(0, 100)
        if rng.random() < 0.6:
            data["ecert_expiry"] = (visit + timedelta(days=rng.randint(-400, 900))).isoformat()
        elif rng.random() < 0.5 and "birth_date" in data:
            data["card_issued"] = max(
                date.fromisoformat(data["birth_date"]), visit - timedelta(days=rng.randint(0, 3000))
            ).isoformat()
        if rng.random() < 0.6:
            data["kakuninsho_expiry"] = (visit + timedelta(days=rng.randint(-300, 900))).isoformat()
        if rng.random() < 0.5:
            data["card_expiry"] = (visit + timedelta(days=rng.randint(-200, 400))).isoformat()
        parsed = parse_answers(data, visit)
        if parsed.answers is not None:
            requests.append(parsed.answers)
    return requests


def run_device_engine(node, tmp_path, answers_list) -> list[dict]:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(rules_document(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [node, str(HERE / "js" / "engine_cli.mjs"), str(rules)],
        input=json.dumps([request_for_engine(answers) for answers in answers_list]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_device_engine_agrees_exactly_on_every_engine_case(node, tmp_path):
    answers_list = [parse_answers(case["request"], date(1900, 1, 1)).answers for case in CASES]
    device = run_device_engine(node, tmp_path, answers_list)
    for case, answers, on_device in zip(CASES, answers_list, device, strict=True):
        assert on_device == guide_as_plain(make_guide(answers)), case["name"]


def test_device_engine_agrees_exactly_on_random_answers(node, tmp_path):
    answers_list = random_requests(400)
    device = run_device_engine(node, tmp_path, answers_list)
    for answers, on_device in zip(answers_list, device, strict=True):
        assert on_device == guide_as_plain(make_guide(answers)), request_for_engine(answers)
