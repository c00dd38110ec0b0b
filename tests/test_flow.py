"""The question flow node by node (the GOV.UK Smart Answers way): at each question a valid answer
leads to the next node and an invalid one gives that question's own message. And adding a
question is one declaration: a test adds one to a copy of the app and sees it asked, checked,
summarised, accepted by the API and sent to the device."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, soup_of

from web.flow import CHECK, FlowState, next_step, previous_step

# Everything held, so that every question is asked, in order.
PATH = [
    ("who", {"who": "care"}),
    ("birth", {"birth_era": "showa", "birth_year": "20", "birth_month": "3", "birth_day": "1"}),
    ("insurance", {"insurance": "elderly"}),
    ("holds", {"holds": ["mynumber_card", "kakuninsho", "subsidy_cert"]}),
    ("registered", {"registered": "unknown"}),
    ("card_auth", {"card_auth": "face"}),
    ("ecert", {"ecert_known": "unknown"}),
    (
        "kakuninsho",
        {
            "kakuninsho_known": "expiry",
            "kexpiry_era": "reiwa",
            "kexpiry_year": "9",
            "kexpiry_month": "7",
            "kexpiry_day": "31",
        },
    ),
    ("subsidy", {"linked": "no"}),
    ("visit", {"visit_year": "2026", "visit_month": "11", "visit_day": "23"}),
]
INVALID = {
    "who": ({}, "受診する人を選んでください。"),
    "birth": ({"age": "百"}, "年齢は数字で入力してください。"),
    "insurance": (
        {"insurance": "gold"},
        "保険の種類を選んでください。わからない場合は「わからない」を選んでください。",
    ),
    "holds": ({"holds": ["none", "kakuninsho"]}, "「どれも持っていない」と、ほかのものを一緒に選ぶことはできません。"),
    "registered": ({}, "「はい」「いいえ」「わからない」から選んでください。"),
    "card_auth": ({"card_auth": "maybe"}, "「はい」「いいえ」「わからない」から選んでください。"),
    "ecert": ({"ecert_known": "expiry"}, "電子証明書の有効期限を入力してください。"),
    "kakuninsho": (
        {
            "kakuninsho_known": "expiry",
            "kexpiry_era": "western",
            "kexpiry_year": "9",
            "kexpiry_month": "7",
            "kexpiry_day": "31",
        },
        "西暦の年は4けたで入力してください（例: 2026）。令和などの年なら、西暦ではなく元号を選んでください。",
    ),
    "subsidy": ({"linked": "perhaps"}, "「はい」「いいえ」「わからない」から選んでください。"),
    "visit": ({"visit_year": "2026", "visit_month": "2", "visit_day": "30"}, "実在する日付を入力してください。"),
}


def reach(flow, node: str):
    walk = flow("ja")
    for step, answer in PATH:
        if step == node:
            return walk
        assert walk.press(**answer).status_code == 200
    raise AssertionError(node)


@pytest.mark.parametrize("index", range(len(PATH)), ids=[step for step, _ in PATH])
def test_a_valid_answer_leads_to_the_next_node(flow, index):
    node, answer = PATH[index]
    walk = reach(flow, node)
    assert walk.step == node
    response = walk.press(**answer)
    assert response.status_code == 200
    expected = PATH[index + 1][0] if index + 1 < len(PATH) else CHECK
    assert walk.step == expected


@pytest.mark.parametrize("node", list(INVALID))
def test_an_invalid_answer_stays_on_the_node_with_its_message(flow, node):
    walk = reach(flow, node)
    answer, message = INVALID[node]
    response = walk.press(**answer)
    assert response.status_code == 422
    assert walk.step == node
    assert [a.get_text() for a in soup_of(response).select(".error-summary a")] == [message]


def test_questions_that_no_longer_apply_are_skipped_and_forgotten():
    state = FlowState(
        answers={"holds": ["mynumber_card"], "mynumber_registered": "yes"}, answered=["who", "holds", "registered"]
    )
    assert next_step(state, "holds", changing=False) == "registered"
    state.answers["holds"] = ["kakuninsho"]
    state.forget_unasked()
    assert "mynumber_registered" not in state.answers and "registered" not in state.answered
    assert next_step(state, "holds", changing=False) == "kakuninsho"
    assert previous_step(state, "kakuninsho") == "holds"
    assert previous_step(state, "who") is None


def test_a_date_typed_without_ticking_its_choice_is_read_as_that_choice(flow):
    walk = reach(flow, "ecert")
    walk.press(expiry_year="2027", expiry_month="1", expiry_day="10")
    assert walk.step == "kakuninsho"
    assert walk.soup.select_one("input[name='a-ecert_expiry']")["value"] == "2027-01-10"


ADDED_QUESTION = """
    Question(
        "interpreter",
        title=_l("通訳が必要ですか"),
        summary=_l("通訳"),
        fields=(
            Field(
                "interpreter", "radio", "interpreter",
                choices=YES_NO_UNKNOWN, required=YES_NO_REQUIRED, default="unknown",
            ),
        ),
    ),
"""
WALK_WITH_THE_ADDED_QUESTION = """
import json
from app import create_app
from werkzeug.datastructures import MultiDict
from bs4 import BeautifulSoup

app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
client = app.test_client()
seen = {}

def carried(html):
    form = BeautifulSoup(html, "html.parser").select_one("form.flow-form")
    return MultiDict([(i["name"], i.get("value", "")) for i in form.select("input[type=hidden]")])

html = client.get("/ja/guide", base_url="https://localhost").get_data(as_text=True)
answers = [{"who": "me"}, {"age": "40"}, {"insurance": "employee"}, {"holds": ["none"]}, {"interpreter": "maybe"},
           {"interpreter": "yes"}, {"visit_year": "2026", "visit_month": "11", "visit_day": "23"}]
for answer in answers:
    data = carried(html)
    for name, value in answer.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    data["nav"] = "next"
    response = client.post("/ja/guide", data=data, base_url="https://localhost")
    html = response.get_data(as_text=True)
    seen.setdefault("steps", []).append([response.status_code, carried(html)["step"]])
rows = BeautifulSoup(html, "html.parser").select(".summary-row")
seen["check_rows"] = [row.get_text(" ", strip=True) for row in rows]
api = lambda body: client.post("/api/v1/guide", json=body, base_url="https://localhost")
good = {"age": 40, "insurance": "employee", "interpreter": "yes"}
seen["api_ok"] = api(good).status_code
seen["api_bad"] = api({**good, "interpreter": "maybe"}).get_json()["errors"]
spec = client.get("/api/v1/openapi.json", base_url="https://localhost").get_json()
seen["openapi"] = spec["components"]["schemas"]["GuideRequest"]["properties"]["interpreter"]
texts = client.get("/ja/guide-texts.json", base_url="https://localhost").get_json()
seen["device"] = [q["id"] for q in texts["questions"]["questions"]]
print(json.dumps(seen, ensure_ascii=False))
"""


def test_adding_a_question_is_one_declaration_and_one_typed_answer(tmp_path):
    copy = tmp_path / "app"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "node_modules", "bench", "tests", "*.pyc")
    )
    questions = copy / "web" / "questions.py"
    source = questions.read_text(encoding="utf-8")
    visit = '    Question(\n        "visit",'
    assert visit in source
    questions.write_text(
        source.replace(visit, textwrap.dedent(ADDED_QUESTION).replace("\n", "\n    ").rstrip(" ") + visit[4:], 1),
        encoding="utf-8",
    )
    answers = copy / "web" / "answers.py"
    typed = '    subsidy_linked: str = "unknown"\n'
    answers.write_text(
        answers.read_text(encoding="utf-8").replace(typed, typed + '    interpreter: str = "unknown"\n'),
        encoding="utf-8",
    )

    result = subprocess.run(
        [sys.executable, "-c", WALK_WITH_THE_ADDED_QUESTION], cwd=copy, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])  # after the app's own log lines
    assert [step for _, step in seen["steps"]] == [
        "birth",
        "insurance",
        "holds",
        "interpreter",
        "interpreter",
        "visit",
        "check",
    ]
    assert seen["steps"][4][0] == 422  # "maybe" is not one of its choices
    assert "通訳 はい 変更 通訳" in seen["check_rows"]
    assert seen["api_ok"] == 200
    assert {"field": "interpreter", "code": "invalid_choice"} in [
        {k: e[k] for k in ("field", "code")} for e in seen["api_bad"]
    ]
    assert seen["openapi"] == {"type": "string", "enum": ["yes", "no", "unknown"]}
    assert seen["device"][-2:] == ["interpreter", "visit"]


@pytest.mark.parametrize(
    ("era", "year", "result"),
    [
        (
            "western",
            "8",
            "西暦の年は4けたで入力してください（例: 2026）。令和などの年なら、西暦ではなく元号を選んでください。",
        ),
        (
            "western",
            "26",
            "西暦の年は4けたで入力してください（例: 2026）。令和などの年なら、西暦ではなく元号を選んでください。",
        ),
        (
            "western",
            "８",
            "西暦の年は4けたで入力してください（例: 2026）。令和などの年なら、西暦ではなく元号を選んでください。",
        ),
        ("western", "2027", "2027-07-31"),
        ("western", "２０２７", "2027-07-31"),
        ("reiwa", "9", "2027-07-31"),
        ("reiwa", "９", "2027-07-31"),
    ],
)
def test_a_year_is_never_silently_read_as_year_8(flow, era, year, result):
    """A 令和 year typed with 西暦 left selected is refused with how to write it, never taken as
    the year 0008; the check page then shows the date both ways."""
    walk = reach(flow, "kakuninsho")
    walk.press(kakuninsho_known="expiry", kexpiry_era=era, kexpiry_year=year, kexpiry_month="7", kexpiry_day="31")
    if result.startswith("20"):
        assert walk.step == "subsidy"
        assert walk.soup.select_one("input[name='a-kakuninsho_expiry']")["value"] == result
    else:
        assert walk.response.status_code == 422
        assert [a.get_text() for a in walk.soup.select(".error-summary a")] == [result]


def test_the_check_page_shows_a_kakuninsho_expiry_with_its_era(flow):
    walk = reach(flow, "kakuninsho")
    walk.press(kakuninsho_known="expiry", kexpiry_era="reiwa", kexpiry_year="9", kexpiry_month="7", kexpiry_day="31")
    walk.press(linked="no")
    walk.press(visit_year="2026", visit_month="11", visit_day="23")
    assert walk.step == "check"
    assert "2027年7月31日（令和9年7月31日）" in walk.soup.select_one(".summary-list").get_text()
