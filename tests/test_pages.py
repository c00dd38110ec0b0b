"""Every page passes the page checker, in every language, and the flow behaves as a user expects."""

from __future__ import annotations

import re

import pytest
from checks import check_page
from conftest import soup_of
from werkzeug.datastructures import MultiDict

LANGS = ("ja", "en")
ADULT = [
    {"who": "me"},
    {"birth_era": "showa", "birth_year": "55", "birth_month": "5", "birth_day": "5"},
    {"insurance": "employee"},
    {"holds": ["mynumber_card", "oshirase"]},
    {"registered": "yes"},
    {"card_auth": "pin"},
    {"ecert_known": "expiry", "expiry_year": "2027", "expiry_month": "1", "expiry_day": "10"},
    {"visit_year": "2026", "visit_month": "11", "visit_day": "23"},
]


def answer_all(flow, answers, lang):
    walk = flow(lang)
    check_page(walk.response.get_data(as_text=True), lang)
    for answer in answers:
        response = walk.press(**answer)
        assert response.status_code == 200, soup_of(response).select_one(".error-summary")
        check_page(response.get_data(as_text=True), lang)
    return walk


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/", "/guide", "/reader-fails", "/about", "/offline", "/guide/offline"])
def test_information_pages_pass_the_checker(client, lang, path):
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200
    check_page(response.get_data(as_text=True), lang)


def test_root_redirects_by_accept_language(client):
    assert client.get("/", headers={"Accept-Language": "en-US,en;q=0.8"}).headers["Location"].endswith("/en/")
    assert client.get("/", headers={"Accept-Language": "fr"}).headers["Location"].endswith("/ja/")


@pytest.mark.parametrize("lang", LANGS)
def test_the_common_adult_case_takes_at_most_eight_answers_and_shows_the_checklist(flow, lang):
    assert len(ADULT) <= 8
    walk = answer_all(flow, ADULT, lang)
    assert walk.step == "check"
    result = walk.press("result")
    soup = check_page(result.get_data(as_text=True), lang)
    items = [li.strong.get_text() for li in soup.select(".checklist li")]
    assert items == (  # the card and its one backup paper (facts §3.0)
        ["マイナンバーカード（マイナ保険証）", "資格情報のお知らせ"]
        if lang == "ja"
        else [
            "マイナンバーカード (My Number card) as マイナ保険証 (My Number card used as a health insurance card)",
            "資格情報のお知らせ (insurance notice)",
        ]
    )
    if lang == "en":
        assert soup.select_one(".checklist .ja-name").get_text() == "（マイナンバーカード（マイナ保険証））"
    timeline = [li.select_one(".what").get_text() for li in soup.select(".timeline li")]
    assert len(timeline) == 3
    assert result.headers["Cache-Control"] == "no-store"


def test_a_question_that_no_longer_applies_is_skipped(flow):
    walk = answer_all(flow, ADULT[:3] + [{"holds": ["kakuninsho"]}], "ja")
    assert walk.step == "kakuninsho"


def test_back_shows_the_previous_answer_again(flow):
    walk = answer_all(flow, ADULT[:3], "ja")
    walk.press("back")
    assert walk.step == "insurance"
    assert walk.soup.select_one("input[name=insurance][value=employee]").has_attr("checked")
    walk.press("back")
    assert walk.soup.select_one("select[name=birth_era] option[value=showa]").has_attr("selected")
    assert walk.soup.select_one("input[name=birth_year]")["value"] == "55"


def test_change_from_the_check_page_returns_there_unless_a_new_question_is_needed(flow):
    walk = answer_all(flow, ADULT, "ja")
    walk.press("change:insurance")
    walk.press(insurance="national")
    assert walk.step == "check"
    walk.press("change:holds")
    walk.press(holds=["mynumber_card", "oshirase", "subsidy_cert"])
    assert walk.step == "subsidy"
    walk.press(linked="no")
    assert walk.step == "check"
    assert "国民健康保険" in walk.soup.select_one(".summary-list").get_text()


@pytest.mark.parametrize(
    ("lang", "step_answers", "answer", "message"),
    [
        ("ja", [], {}, "受診する人を選んでください。"),
        ("en", [], {}, "Choose who is visiting."),
        (
            "ja",
            [{"who": "me"}],
            {"birth_era": "showa", "birth_year": "64", "birth_month": "1", "birth_day": "8"},
            "その元号にはない日付です。元号と年を確かめてください。",
        ),
        (
            "en",
            [{"who": "me"}],
            {"birth_era": "western", "birth_year": "2025", "birth_month": "2", "birth_day": "29"},
            "Enter a real date.",
        ),
        ("ja", [{"who": "me"}], {"birth_year": "1980", "birth_month": "5"}, "年・月・日をすべて入力してください。"),
        ("en", [{"who": "me"}], {"age": "121"}, "Enter an age from 0 to 120."),
        (
            "ja",
            [{"who": "me"}],
            {"birth_year": "2100", "birth_month": "1", "birth_day": "1"},
            "生年月日は今日より前の日付を入力してください。",
        ),
        (
            "en",
            [{"who": "me"}, {"age": "40"}, {"insurance": "employee"}],
            {"holds": ["none", "kakuninsho"]},
            'You cannot choose "I have none of these" together with other items.',
        ),
    ],
)
def test_errors_are_specific_summarised_and_linked(flow, lang, step_answers, answer, message):
    walk = answer_all(flow, step_answers, lang)
    response = walk.press(**answer)
    assert response.status_code == 422
    soup = check_page(response.get_data(as_text=True), lang)
    summary = soup.select_one(".error-summary[role=alert]")
    link = summary.select_one("a")
    assert link.get_text() == message
    assert soup.select_one(link["href"]) is not None
    assert soup.title.get_text().startswith("エラー: " if lang == "ja" else "Error: ")


def test_full_width_digits_and_wareki_are_read(flow):
    walk = answer_all(flow, [{"who": "me"}], "ja")
    walk.press(birth_era="heisei", birth_year="元", birth_month="１", birth_day="８")
    assert walk.response.status_code == 422  # 元 is not a number in the year box
    walk.press(birth_era="heisei", birth_year="１", birth_month="１", birth_day="８")
    assert walk.step == "insurance"
    assert walk.soup.select_one("form.flow-form input[name='a-birth_date']") is not None
    assert walk.soup.select_one("input[name='a-birth_date']")["value"] == "1989-01-08"


def switch_language(client, soup, answers=None):
    """Press the language button as a browser would: it submits the page's flow form, with what is
    on the screen."""
    button = soup.select_one("nav.language button[lang=en]")
    form = soup.select_one(f"form#{button['form']}")
    data = MultiDict([(field["name"], field.get("value", "")) for field in form.select("input[type=hidden]")])
    for name, value in (answers or {}).items():
        data[name] = value
    data[button["name"]] = button["value"]
    return client.post(button["formaction"], data=data)


def test_switching_language_mid_flow_keeps_the_answers(flow, client):
    walk = answer_all(flow, ADULT[:3], "ja")
    response = switch_language(client, walk.soup)
    soup = check_page(response.get_data(as_text=True), "en")
    assert soup.h1.get_text().startswith("Which of these do you have")
    assert soup.select_one("input[name='a-insurance']")["value"] == "employee"


def test_switching_language_keeps_a_choice_not_yet_sent(flow, client):
    walk = answer_all(flow, ADULT[:2], "ja")
    assert walk.step == "insurance"
    response = switch_language(client, walk.soup, {"insurance": "national"})
    soup = check_page(response.get_data(as_text=True), "en")
    assert soup.select_one("input[name='insurance'][value='national']").has_attr("checked")
    assert soup.select_one("input[name='a-birth_date']")["value"] == "1980-05-05"


def test_edited_hidden_answers_are_refused_not_trusted(flow):
    walk = answer_all(flow, ADULT[:3], "ja")
    walk.soup  # noqa: B018
    data_response = walk.press(**{"a-insurance": "premium"})
    assert data_response.status_code == 400
    check_page(data_response.get_data(as_text=True), "ja")


def test_answers_never_reach_urls_or_cookies(flow, client):
    walk = answer_all(flow, ADULT, "en")
    result = walk.press("result")
    html = result.get_data(as_text=True)
    for url in re.findall(r'(?:href|action|src)="([^"]+)"', html):
        assert "1980" not in url and "employee" not in url and "2027" not in url
    cookie = result.headers.get("Set-Cookie", "")
    for header in [cookie] + [c.value for c in client._cookies.values()]:
        assert "1980" not in header and "employee" not in header


def test_calendar_download_has_only_future_dates_and_is_not_stored(flow, client):
    walk = answer_all(flow, ADULT, "ja")
    result = walk.press("result")
    soup = soup_of(result)
    button = soup.select_one("button[formaction$='calendar.ics']")
    form = soup.select_one(f"form#{button['form']}")
    data = MultiDict([(field["name"], field.get("value", "")) for field in form.select("input[type=hidden]")])
    response = client.post(button["formaction"], data=data)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    assert body.count("BEGIN:VEVENT") == 2  # expiry 2027-01-10 and grace end 2027-04-30; renewal opened in October
    assert "DTSTART;VALUE=DATE:20270110" in body and "DTSTART;VALUE=DATE:20270430" in body


def test_unknown_pages_and_languages_are_404_pages(client):
    for path in ("/fr/", "/ja/nowhere"):
        response = client.get(path)
        assert response.status_code == 404
        check_page(response.get_data(as_text=True), "ja")


def test_a_post_without_a_csrf_token_is_refused_kindly(app):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/ja/guide", data={"step": "who", "who": "me", "nav": "next", "done": ""})
    assert response.status_code == 400
    check_page(response.get_data(as_text=True), "ja")
