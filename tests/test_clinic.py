"""A clinic's link (web/clinic.py): the settings travel in the query and the hidden fields, change
the guide through the rules (not the templates), name the clinic, and refuse or escape hostile
values. The poster's QR decodes, with zxing-cpp, to the link."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from conftest import Flow, soup_of
from qr_images import read_qr, svg_to_image

from web import i18n
from web.clinic import IDLE_DEFAULT, Clinic, read_settings

NAME = "さくら内科"
# A parent, for a child who holds the smartphone card and a 医療証 linked in her city.
CHILD = [
    {"who": "child"},
    {"birth_era": "western", "birth_year": "2021", "birth_month": "6", "birth_day": "15"},
    {"insurance": "employee"},
    {"holds": ["smartphone", "subsidy_cert"]},
    {"registered": "yes"},
    {"ecert_known": "expiry", "expiry_year": "2029", "expiry_month": "6", "expiry_day": "15"},
    {"linked": "yes"},
    {"visit_year": "2026", "visit_month": "11", "visit_day": "23"},
]


def link(**settings) -> str:
    return urlencode({f"c-{key}": value for key, value in settings.items()}, doseq=True)


def result_for(client, query: str):
    walk = Flow(client, "ja")
    walk.response = client.get(f"/ja/guide?{query}")
    for answer in CHILD:
        assert walk.press(**answer).status_code == 200, answer
    response = walk.press("result")
    assert response.status_code == 200
    soup = soup_of(response)
    return {
        "bring": [strong.get_text() for strong in soup.select(".checklist li strong")],
        "warnings": [item.get_text(" ", strip=True) for item in soup.select(".warnings li")],
        "text": soup.select_one("main").get_text(" ", strip=True),
    }


def test_without_a_clinic_the_phone_is_listed_and_the_advice_is_general(client):
    plain = result_for(client, "")
    assert "スマホのマイナ保険証" in plain["bring"]
    assert any("専用の読み取り機がある医療機関でしか使えません" in w for w in plain["warnings"])
    assert "で受診するときの持ち物です" not in plain["text"]


def test_a_clinic_whose_reader_takes_no_phones_makes_the_physical_card_an_instruction(client):
    guide = result_for(client, link(name=NAME, phone="no"))
    assert "スマホのマイナ保険証" not in guide["bring"]
    assert "マイナンバーカード（マイナ保険証）" in guide["bring"]
    [phone] = [w for w in guide["warnings"] if "スマホ" in w]
    assert "この医療機関のカードリーダーは、スマホのマイナ保険証を読み取れません。" in phone
    assert "実物のマイナンバーカードを持って行き、受付で見せてください。" in phone
    assert f"{NAME} で受診するときの持ち物です。" in guide["text"]


def test_a_pmh_connected_clinic_says_so_and_still_asks_for_the_paper(client):
    guide = result_for(client, link(name=NAME, pmh="yes"))
    assert "医療証・受給者証（紙）" in guide["bring"]
    [note] = [w for w in guide["warnings"] if "医療証" in w]
    assert "この医療機関は、医療証の情報をマイナ保険証で確認できます" in note
    assert "紙の医療証・受給者証も必ず持って行ってください。" in note
    not_connected = result_for(client, link(name=NAME, pmh="no"))
    [note] = [w for w in not_connected["warnings"] if "医療証" in w]
    assert "この医療機関では、医療証の情報をマイナ保険証で確認できません。" in note


def test_the_settings_ride_along_in_hidden_fields_never_the_answers_in_a_url(client):
    walk = Flow(client, "ja")
    walk.response = client.get(f"/ja/guide?{link(name=NAME, phone='no', hours='9時〜18時')}")
    walk.press(**CHILD[0])
    soup = walk.soup
    assert soup.select_one("input[name='c-name']")["value"] == NAME
    assert soup.select_one("input[name='c-phone']")["value"] == "no"
    for anchor in soup.select("a[href]"):
        assert "a-" not in anchor["href"] and "child" not in anchor["href"], anchor["href"]


HOSTILE = {
    "script": {"name": "<script>alert(1)</script>"},
    "10 kB": {"name": "あ" * 10_000},
    "hours 10 kB": {"name": NAME, "hours": "x" * 10_000},
    "newline": {"name": "さくら\n内科"},
    "bell": {"name": "さくら\x07"},
    "bidi override": {"name": "\u202eさくら"},
    "zero width": {"name": "さく\u200bら"},
    "markup in hours": {"name": NAME, "hours": "<img src=x onerror=alert(1)>"},
    "unknown language": {"name": NAME, "lang": "xx"},
    "idle too short": {"name": NAME, "idle": "5"},
    "idle not a number": {"name": NAME, "idle": "1e9"},
    "phone neither": {"name": NAME, "phone": "maybe"},
    "kiosk long": {"name": NAME, "kiosk": "1" * 100},
}


@pytest.mark.parametrize("settings", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_settings_are_refused_on_the_clinic_page_and_dropped_elsewhere(client, settings):
    query = link(**settings)
    response = client.get(f"/ja/clinic?{query}")
    assert response.status_code == 422
    assert soup_of(response).select(".error-summary li")
    poster = client.get(f"/en/clinic/poster?{query}")
    assert poster.status_code == 422 and soup_of(poster).select(".error-summary li")
    for body in (response.get_data(as_text=True), poster.get_data(as_text=True)):
        assert "<script>alert" not in body and "<img src=x" not in body and "\x07" not in body
    # Anywhere else the settings are dropped whole: the page is the one everybody gets.
    for path in ("/ja/guide", "/ja/", "/ja/kiosk", "/ja/moushitatesho"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page and "\x07" not in page
        assert not re.search(r'c-name=[^&"]|name="c-name" value="[^"]', page) and NAME not in page, path


def test_odd_characters_that_are_allowed_are_escaped_everywhere(client):
    name = 'A&B "Clinic" \'s'
    query = link(name=name, hours="9時 & 14時")
    for path in ("/ja/clinic", "/ja/", "/ja/kiosk", "/en/clinic/poster"):
        page = client.get(f"{path}?{query}").get_data(as_text=True)
        assert name not in page and "A&amp;B &#34;Clinic&#34; &#39;s" in page, path
    guide = client.get(f"/ja/guide?{query}&c-kiosk=1")
    assert soup_of(guide).select_one("input[name='c-name']")["value"] == name


def test_settings_round_trip_through_the_link():
    clinic = Clinic(name=NAME, reads_phone="no", pmh="yes", hours="9–18", langs=("en",), kiosk=True, idle=120)
    from werkzeug.datastructures import MultiDict

    assert read_settings(MultiDict(clinic.pairs())) == clinic
    assert read_settings(MultiDict(Clinic(name=NAME).pairs())) == Clinic(name=NAME, idle=IDLE_DEFAULT)
    assert read_settings(MultiDict()) is None


def test_the_clinic_page_makes_a_link_a_kiosk_link_and_a_qr_of_the_link(client):
    response = client.get(
        f"/ja/clinic?{link(name=NAME, phone='no', pmh='yes', hours='午前のみ', lang=['en'], idle='120')}"
    )
    assert response.status_code == 200
    soup = soup_of(response)
    patient = soup.select_one("#patient-link")["href"]
    assert patient.startswith("https://localhost/?c-name=")
    assert read_qr(svg_to_image(str(soup.select_one(".clinic-qr svg")))) == patient
    kiosk = soup.select_one("#kiosk-link")["href"]
    assert kiosk.startswith("https://localhost/en/kiosk?") and "c-kiosk=1" in kiosk and "c-idle=120" in kiosk
    assert "c-kiosk" not in patient
    # The patient's link picks one of the clinic's languages and keeps the settings.
    landing = client.get(patient.removeprefix("https://localhost"))
    assert landing.status_code == 302 and landing.headers["Location"].startswith("/en/?c-name=")
    start = soup_of(client.get(landing.headers["Location"]))
    assert start.select_one(".clinic-name").get_text() == f"For patients of {NAME}"
    assert "c-phone=no" in start.select_one(".start-button")["href"]


def test_the_poster_speaks_every_chosen_language_and_its_qr_is_the_link(client):
    query = link(name=NAME, phone="no", pmh="yes", lang=["ja", "en"])
    setup = soup_of(client.get(f"/ja/clinic?{query}"))
    poster = soup_of(client.get(f"/ja/clinic/poster?{query}"))
    assert [part["lang"] for part in poster.select(".poster-part")] == ["ja", "en"]
    texts = [part.get_text(" ", strip=True) for part in poster.select(".poster-part")]
    assert "当院のカードリーダーは、スマホのマイナ保険証を読み取れません。" in texts[0]
    assert (
        "Our card reader cannot read the smartphone マイナ保険証 (My Number card used as a health insurance card). "
        "Please bring the physical マイナンバーカード (My Number card)." in texts[1]
    )
    assert read_qr(svg_to_image(str(poster.select_one(".poster-qr svg")))) == setup.select_one("#patient-link")["href"]
    assert not poster.select("[style]")


def test_the_kiosk_manifest_starts_full_screen_at_the_kiosk_link_with_settings_only(client):
    response = client.get(f"/ja/kiosk/manifest.webmanifest?{link(name=NAME, idle='120')}")
    manifest = response.get_json()
    assert manifest["display"] == "fullscreen"
    assert manifest["start_url"].startswith("/ja/kiosk?c-name=") and "c-kiosk=1&c-idle=120" in manifest["start_url"]
    page = soup_of(client.get(f"/ja/kiosk?{link(name=NAME, idle='120')}"))
    assert page.select_one("link[rel=manifest]")["href"].startswith("/ja/kiosk/manifest.webmanifest?c-name=")
    assert page.body["data-kiosk-idle"] == "120"


def test_a_clinics_link_lists_only_the_languages_it_chose(client):
    """On the clinic's guide (and its tablet) the language menu offers what the clinic chose."""
    walk = Flow(client, "ja")
    walk.response = client.get(f"/ja/guide?{link(name=NAME, lang=['ja', 'en', 'vi'])}")
    listed = {button["lang"] for button in walk.soup.select("nav.language li [lang]")}
    assert listed == {"en", "vi"}
    walk.press(**CHILD[0])
    assert {button["lang"] for button in walk.soup.select("nav.language li [lang]")} == {"en", "vi"}
    # Without a clinic, every offered language is listed.
    plain = soup_of(client.get("/ja/guide"))
    assert len(plain.select("nav.language li")) == len(i18n.LOCALES) - 1
