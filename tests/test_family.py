"""Family mode (issue 11): a carer answers for several people with 「もう一人追加」 and gets one
result. Every person's answers travel as hidden fields of the flow's forms (`p1-…` for the first
person added) and are checked again on every request; nothing is in the URL or on the server.
The per-person parts of the combined result are compared with the single-person result for the
same answers. Dated: every person's visit date is 2026-11-23."""

from __future__ import annotations

import re

import pytest
from checks import check_page
from conftest import carried_fields, soup_of
from werkzeug.datastructures import MultiDict

from web.flow import MAX_PEOPLE

VISIT = {"visit_year": "2026", "visit_month": "11", "visit_day": "23"}
# Answers by question: only the questions asked for that person are used.
TODDLER = {  # 3 years old on the visit date; a 資格確認書 and a 医療証 that is not linked
    "who": {"who": "child"},
    "birth": {"birth_era": "western", "birth_year": "2023", "birth_month": "6", "birth_day": "15"},
    "insurance": {"insurance": "employee"},
    "holds": {"holds": ["kakuninsho", "subsidy_cert"]},
    "kakuninsho": {
        "kakuninsho_known": "expiry",
        "kexpiry_era": "western",
        "kexpiry_year": "2027",
        "kexpiry_month": "7",
        "kexpiry_day": "31",
    },
    "subsidy": {"linked": "no"},
    "visit": VISIT,
}
CHILD = {  # 8 years old; the card with the お知らせ
    "who": {"who": "child"},
    "birth": {"birth_era": "western", "birth_year": "2018", "birth_month": "4", "birth_day": "2"},
    "insurance": {"insurance": "employee"},
    "holds": {"holds": ["mynumber_card", "oshirase"]},
    "registered": {"registered": "yes"},
    "card_auth": {"card_auth": "face"},
    "ecert": {"ecert_known": "unknown"},
    "visit": VISIT,
}
PARENT = {  # the carer, with a card whose e-certificate renewal window is open on the visit date
    "who": {"who": "me"},
    "birth": {"birth_era": "showa", "birth_year": "55", "birth_month": "5", "birth_day": "5"},
    "insurance": {"insurance": "employee"},
    "holds": {"holds": ["mynumber_card", "oshirase"]},
    "registered": {"registered": "yes"},
    "card_auth": {"card_auth": "pin"},
    "ecert": {"ecert_known": "expiry", "expiry_year": "2027", "expiry_month": "1", "expiry_day": "10"},
    "visit": VISIT,
}
FAMILY = [TODDLER, CHILD, PARENT]


def answer_person(walk, answers) -> None:
    """Answer each question asked until the check page."""
    while walk.step != "check":
        step = walk.step
        if step == "visit" and not answers["visit"]:
            offered = [walk.soup.select_one(f"#visit_{part}")["value"] for part in ("year", "month", "day")]
            assert offered == ["2026", "11", "23"]
            answers = {**answers, "visit": VISIT}
        response = walk.press(**answers[step])
        assert response.status_code == 200, (step, soup_of(response).select_one(".error-summary"))


def family(flow, people, lang="ja"):
    walk = flow(lang)
    for number, answers in enumerate(people):
        if number:
            assert walk.press("add").status_code == 200
            assert walk.step == "who"
        answer_person(walk, answers)
    return walk


def result_of(walk, lang="ja"):
    response = walk.press("result")
    assert response.status_code == 200
    return check_page(response.get_data(as_text=True), lang)


def parts(section) -> dict:
    """What a user reads in one result: the verdict, the checklist, the warnings, the timeline."""
    return {
        "verdict": section.select_one(".verdict").get_text(" ", strip=True),
        "bring": [li.select_one("strong").get_text() for li in section.select(".checklist > li")],
        "warnings": [li.get_text(" ", strip=True) for li in section.select(".warnings > li")],
        "timeline": [
            (li.select_one(".when").get_text(), li.select_one("[data-field=label]").get_text())
            for li in section.select(".timeline li")
        ],
        "meta": section.select_one(".meta").get_text(" ", strip=True),
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_two_children_and_a_parent_each_get_their_own_result(flow, lang):
    singles = [parts(result_of(family(flow, [person], lang), lang)) for person in FAMILY]
    soup = result_of(family(flow, FAMILY, lang), lang)
    sections = soup.select("section.person-result")
    assert len(sections) == 3
    assert [parts(section) for section in sections] == singles
    # Sanity: the people really differ, so the comparison above can tell them apart.
    assert len({str(single["timeline"]) for single in singles}) == 3
    assert singles[0]["bring"] != singles[1]["bring"]
    headings = [section.select_one("h2").get_text(" ", strip=True) for section in sections]
    if lang == "ja":
        assert headings == ["1人目 子ども・2023年生まれ", "2人目 子ども・2018年生まれ", "3人目 自分・1980年生まれ"]
        assert "医療証" in str(singles[0]["bring"]) and "医療証" not in str(singles[1]["bring"])
    # The combined list at the top: each person's numbered items, in the same order as their result.
    combined = soup.select_one("section.family-bring")
    lists = combined.select("ol.family-checklist")
    assert [[li.select_one("strong").get_text() for li in ol.select("li")] for ol in lists] == [
        single["bring"] for single in singles
    ]
    # A backup paper is marked 予備 at the top as in the person's own checklist.
    backups = [[bool(li.select_one(".backup-tag")) for li in ol.select("li")] for ol in lists]
    assert backups == [[bool(li.select_one(".backup-tag")) for li in s.select("ol.checklist > li")] for s in sections]
    assert any(map(any, backups))
    if lang == "en":  # staff read the Japanese names
        assert all(li.select_one("[lang=ja]") for ol in lists for li in ol.select("li"))
    first = {"ja": "1人目: 子ども・2023年生まれ", "en": "Person 1: My child, born 2023"}[lang]
    assert [h3.get_text() for h3 in combined.find_all("h3")][0] == first


def test_one_person_is_the_same_result_as_before(flow):
    soup = result_of(family(flow, [CHILD]))
    assert not soup.select("section.person-result, section.family-bring")
    assert soup.select_one(".feedback, form[action*=feedback]") is not None


def test_each_person_has_their_own_calendar_and_moushitatesho_form(flow, client):
    soup = result_of(family(flow, FAMILY))
    for number, answers in enumerate(FAMILY, start=1):
        form = soup.select_one(f"#person-{number}-form")
        fields = MultiDict([(i["name"], i.get("value", "")) for i in form.select("input[type=hidden]")])
        names = list(fields)
        assert not [name for name in names if re.match(r"p\d+-", name)], "another person's answers"
        year = answers["birth"].get("birth_year")
        assert fields["a-birth_date"].startswith({"2023": "2023", "2018": "2018", "55": "1980"}[year])
        ics = client.post("/ja/guide/calendar.ics", data=fields)
        assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    # The end of preschool age (2 割 until then) is in the toddler's calendar only.
    first = MultiDict([(i["name"], i.get("value", "")) for i in soup.select("#person-1-form input[type=hidden]")])
    second = MultiDict([(i["name"], i.get("value", "")) for i in soup.select("#person-2-form input[type=hidden]")])
    assert "未就学" in client.post("/ja/guide/calendar.ics", data=first).get_data(as_text=True)
    assert "未就学" not in client.post("/ja/guide/calendar.ics", data=second).get_data(as_text=True)
    # The 申立書 button posts that person's answers to the form (as for one person): here the
    # parent's, whose card may fail at the reader.
    button = soup.select_one("#person-3 button[value=prefill]")
    assert button["form"] == "person-3-form" and button["formaction"].endswith("/ja/moushitatesho")
    third = MultiDict([(i["name"], i.get("value", "")) for i in soup.select("#person-3-form input[type=hidden]")])
    third["action"] = "prefill"
    response = client.post("/ja/moushitatesho", data=third)
    assert response.status_code == 200
    page = soup_of(response)
    assert page.select_one("input[name=ins_type][checked]")["value"] == "1"  # 被用者保険, from the answers


def test_the_check_and_question_pages_show_who_is_added(flow):
    walk = family(flow, [TODDLER])
    walk.press("add")
    assert "1人目: 子ども・2023年生まれ" in walk.soup.select_one(".people-added").get_text()
    assert "2023" not in str(walk.response.headers)  # nothing in the URL or headers
    answer_person(walk, CHILD)
    added = walk.soup.select_one(".people-added").get_text(" ", strip=True)
    assert "1人目: 子ども・2023年生まれ" in added and "2018" not in added
    assert "2人目" in walk.soup.select_one("main").get_text()
    # The visit date of the one before is offered for the next person.
    walk.press("add")
    answer_person(walk, {key: value for key, value in PARENT.items() if key != "visit"} | {"visit": {}})


def test_remove_a_person_before_the_result(flow):
    walk = family(flow, FAMILY)
    assert [li.get_text(" ", strip=True).split(" ")[0] for li in walk.soup.select(".people-added li")] == [
        "1人目:",
        "2人目:",
    ]
    walk.press("remove:1")  # the toddler
    assert walk.step == "check"
    assert [li.get_text() for li in walk.soup.select(".people-added li")][0].startswith("1人目: 子ども・2018年生まれ")
    soup = result_of(walk)
    assert [s.select_one(".person-text").get_text() for s in soup.select("section.person-result")] == [
        "子ども・2018年生まれ",
        "自分・1980年生まれ",
    ]
    walk = family(flow, FAMILY[:2])
    walk.press("remove:1")
    assert not soup_of(result_of(walk).encode() if False else walk.press("result")).select("section.person-result")


def test_back_from_a_new_persons_first_question_returns_to_the_one_before(flow):
    walk = family(flow, [TODDLER])
    walk.press("add")
    assert walk.step == "who"
    walk.press("back")
    assert walk.step == "check"
    assert not walk.soup.select(".people-added")
    assert "2023" in walk.soup.select_one(".summary-list").get_text()


def test_review_answers_from_the_result_keeps_everyone(flow):
    """「回答を見直す」 without JavaScript: the check page of the last person, the others still added."""
    walk = family(flow, FAMILY)
    result_of(walk)
    data = result_form(walk)
    data["nav"] = "back"
    walk.response = walk.client.post("/ja/guide", data=data)
    assert walk.step == "check"
    assert len(walk.soup.select(".people-added li")) == 2
    assert len(result_of(walk).select("section.person-result")) == 3


def result_form(walk) -> MultiDict:
    form = walk.soup.select_one("#result-form")
    return MultiDict([(field["name"], field.get("value", "")) for field in form.select("input[type=hidden]")])


def test_at_most_six_people(flow):
    walk = family(flow, [CHILD] * MAX_PEOPLE)
    assert walk.soup.select_one("button[value=add]") is None
    assert "6 人まで" in walk.soup.select_one("#people-full").get_text()
    response = walk.press("add")  # a tampered page that still sends it
    assert response.status_code == 422 and walk.step == "check"
    assert len(result_of(walk).select("section.person-result")) == MAX_PEOPLE


def test_add_needs_a_finished_person(flow):
    walk = flow("ja")
    walk.press(**TODDLER["who"])
    response = walk.press("add")
    assert response.status_code == 200 and walk.step == "birth"
    assert not walk.soup.select(".people-added")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda data: data.__setitem__("p1-a-insurance", "gold"),
        lambda data: data.__setitem__("p1-a-birth_date", "2023-02-30"),
        lambda data: data.__setitem__("p1-a-age", "百"),
        lambda data: data.__setitem__("p1-done", "who"),  # not finished
        lambda data: data.__setitem__("p1-u-birth_era", "<script>"),
        lambda data: data.__setitem__("p1-a-visit_date", "2020-01-01"),  # before the birth
        lambda data: [data.__setitem__(f"p{n}-done", "") for n in range(2, MAX_PEOPLE + 2)],
        lambda data: data.__setitem__("nav", "remove:7"),
        lambda data: data.__setitem__("nav", "remove:x"),
    ],
)
def test_tampered_people_give_a_clear_400(flow, client, tamper):
    walk = family(flow, [TODDLER, CHILD])
    data = carried_fields(walk.soup)
    data["nav"] = "result"
    tamper(data)
    response = client.post("/ja/guide", data=data)
    assert response.status_code == 400
    assert "回答を読み取れませんでした" in response.get_data(as_text=True)


def test_js_off_flow_carries_people_only_in_the_post_body(flow):
    walk = family(flow, FAMILY)
    for form in walk.soup.select("form"):
        assert form.get("method", "get").lower() == "post" or not form.select("input[name^=p1-]")
    assert not [a for a in walk.soup.select("a[href]") if "2023" in a["href"]]
    assert walk.response.headers["Cache-Control"].startswith("no-store")
    soup = result_of(walk)
    assert not [a for a in soup.select("a[href]") if "2023" in a["href"] or "a-" in a["href"]]
    # Start over forgets everyone: a plain link to the first question.
    start = soup.select_one(".start-over a")["href"]
    assert start == "/ja/guide"
