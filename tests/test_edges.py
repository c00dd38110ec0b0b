"""Regression tests for each crash class the fuzz tests (tests/test_fuzz.py) and issue 9 found."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import soup_of
from test_declaration import VECTORS, post, token

from web import numbers
from web.dates import add_months, anniversary, grace_end
from web.wareki import format_wareki

BEFORE_KAKUNINSHO = [
    {"who": "me"},
    {"birth_era": "showa", "birth_year": "55", "birth_month": "5", "birth_day": "5"},
    {"insurance": "national"},
    {"holds": ["kakuninsho"]},
]


def errors(response) -> list[str]:
    return [item.get_text(" ", strip=True) for item in soup_of(response).select(".error-summary li")]


@pytest.mark.parametrize("typed", ["１２", "12", " 12 "])
def test_ascii_and_full_width_digits_are_numbers(typed):
    assert numbers.read_int(typed, 3) == 12


@pytest.mark.parametrize("typed", ["²", "١٢٣", "𐩀", "৪", "1.5", "-1", "+5", "1e5", "", "\u3000"])
def test_other_digits_and_signs_are_not_numbers(typed):
    assert numbers.read_digits(typed, 3) == (None, "not_a_number")


def test_a_five_thousand_digit_number_is_too_long_not_a_crash():
    assert numbers.read_digits("9" * 5000, 3) == (None, "too_long")


@pytest.mark.parametrize("age", ["²", "١٢٣", "𐩀", "9" * 5000])
def test_the_age_question_says_what_is_wrong_with_odd_digits(flow, age):
    walk = flow()
    walk.press(who="me")
    response = walk.press(age=age)
    assert response.status_code == 422
    assert errors(response) in (["年齢は数字で入力してください。"], ["年齢は0から120までの数字で入力してください。"])


@pytest.mark.parametrize("year", ["²⁰²⁶", "２０２６0", "9" * 5000, "0001", "9999"])
def test_a_birth_date_with_odd_or_extreme_years_is_an_error_not_a_crash(flow, year):
    walk = flow()
    walk.press(who="me")
    response = walk.press(birth_era="western", birth_year=year, birth_month="1", birth_day="1")
    assert response.status_code == 422
    assert len(errors(response)) == 1


def test_a_wareki_year_typed_with_the_era_left_at_western_keeps_every_answer(flow):
    """Issue 9: 資格確認書 expiry 8年 with 西暦 crashed the check page with JavaScript off."""
    walk = flow()
    for answer in BEFORE_KAKUNINSHO:
        assert walk.press(**answer).status_code == 200
    assert walk.step == "kakuninsho"
    response = walk.press(
        kakuninsho_known="expiry", kexpiry_era="western", kexpiry_year="8", kexpiry_month="3", kexpiry_day="31"
    )
    assert response.status_code == 422
    assert errors(response) == [
        "西暦の年は4けたで入力してください（例: 2026）。令和などの年なら、西暦ではなく元号を選んでください。"
    ]
    soup = soup_of(response)
    assert soup.select_one("#kexpiry_year")["value"] == "8"
    assert soup.select_one("input[name=a-insurance]")["value"] == "national"


def test_format_wareki_never_raises_for_a_day_before_meiji():
    assert format_wareki(date(8, 3, 31)) == "8年3月31日"
    assert format_wareki(date(1, 1, 1)) == "1年1月1日"


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-01", "1899-12-31", "2201-01-01"])
@pytest.mark.parametrize("key", ["visit_date", "birth_date", "ecert_expiry", "card_issued", "kakuninsho_expiry"])
def test_the_api_refuses_dates_outside_1900_to_2200_with_their_own_code(client, key, day):
    body = {"birth_date": "1980-05-05", "insurance": "employee", "holds": ["mynumber_card"], key: day}
    response = client.post("/api/v1/guide", json=body)
    assert response.status_code == 422
    assert {"field": key, "code": "date_out_of_range"} in [
        {"field": e["field"], "code": e["code"]} for e in response.get_json()["errors"]
    ]


@pytest.mark.parametrize("path", ["/ja/guide", "/ja/guide/calendar.ics"])
def test_carried_answers_near_year_1_or_9999_are_refused_not_a_crash(client, path):
    data = {
        "csrf_token": token(client),
        "step": "visit",
        "nav": "result",
        "a-birth_date": "1980-05-05",
        "a-insurance": "employee",
        "a-holds": "mynumber_card",
        "a-ecert_expiry": "9999-12-31",
        "a-visit_date": "0001-01-01",
    }
    assert client.post(path, data=data).status_code == 400


def test_date_arithmetic_holds_at_both_ends_of_the_range():
    # The rules look ten years ahead and back, to the 75th birthday and months after an expiry.
    assert grace_end(numbers.MAX_DATE, 3) == date(2201, 3, 31)
    assert add_months(numbers.MIN_DATE, -120) == date(1890, 1, 1)
    assert anniversary(numbers.MAX_DATE, 75) == date(2275, 12, 31)


def test_the_declaration_refuses_odd_digits_in_the_birth_date(client):
    response = post(client, birth_era="western", birth_year="１９8²", birth_month="1", birth_day="1")
    assert response.status_code == 422
    assert errors(response)


@pytest.mark.parametrize("vector", VECTORS["unreadable"], ids=[v["name"] for v in VECTORS["unreadable"]])
def test_reception_names_what_a_bad_qr_holds_and_shows_the_rest(client, vector):
    """Issue 9: a birth date `CANARY73` or a signed-on date `2` crashed the reception sheet."""
    response = client.post("/ja/reception", data={"qr_text": vector["text"], "csrf_token": token(client)})
    assert response.status_code == 422
    soup = soup_of(response)
    summary = soup.select_one(".error-summary")
    assert "正しい被保険者資格申立書ではありません" in summary.get_text()
    assert summary.select("li")
    sheet = soup.select_one("[data-sheet]").get_text()
    for key in ("family", "given", "address"):
        assert vector["readable"].get(key, "") in sheet
    assert "CANARY73" not in response.get_data(as_text=True)


@pytest.mark.parametrize("body", [{"birth_date": None}, {"age": None}, {"birth_date": None, "age": None}])
def test_a_null_birth_date_and_age_is_required_not_a_crash(client, body):
    """Found by `make fuzz`: `"birth_date": null` with no age reached the engine with neither."""
    response = client.post(
        "/api/v1/guide", json={"insurance": "employee", "holds": ["mynumber_card"], "visit_date": "2026-11-23", **body}
    )
    assert response.status_code == 422
    assert {"field": "birth_date", "code": "required"} in [
        {"field": e["field"], "code": e["code"]} for e in response.get_json()["errors"]
    ]
