"""The result page as a user reads and prints it: the backup paper in the numbered checklist, the
timeline split into coming and past dates, "renew now" while the e-certificate renewal window is
open, and each hard word explained once, where it first appears."""

from __future__ import annotations

import re

import pytest
from checks import check_page
from test_pages import ADULT, answer_all

from web.result_view import term_keys

LANGS = ("ja", "en")


def expiry(year: str, month: str, day: str) -> dict:
    return {"ecert_known": "expiry", "expiry_year": year, "expiry_month": month, "expiry_day": day}


def with_expiry(year: str, month: str, day: str) -> list[dict]:
    """The common adult's answers with another e-certificate expiry."""
    return [expiry(year, month, day) if "ecert_known" in answer else answer for answer in ADULT]


def result_page(flow, answers, lang="ja"):
    walk = answer_all(flow, answers, lang)
    response = walk.press("result")
    assert response.status_code == 200
    return check_page(response.get_data(as_text=True), lang)


def dates(soup, which: str) -> list[tuple[str, str, list[str]]]:
    """(date, what, tags) of each entry under the coming or the past heading."""
    return [
        (
            li.select_one(".when").get_text(),
            li.select_one(".what [data-field=label]").get_text(),
            [tag.get_text() for tag in li.select(".tag")],
        )
        for li in soup.select(f".timeline[data-list={which}] li")
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_while_the_renewal_window_is_open_it_says_renew_now(flow, lang):
    soup = result_page(flow, ADULT, lang)  # e-certificate expires 2027-01-10; renewal opened 2026-10-10
    coming = dates(soup, "coming")
    renew_now = "今すぐ更新できます" if lang == "ja" else "renew now"
    assert coming[0][0] == ("2026年10月10日" if lang == "ja" else "October 10, 2026")
    assert coming[0][2] == [renew_now]
    assert [tags for _, _, tags in coming[1:]] == [[], []]
    assert dates(soup, "past") == []
    assert "過ぎた日" not in soup.get_text() and "Dates that have passed" not in soup.get_text()


def test_past_dates_are_apart_from_coming_ones_and_nothing_says_renew_now_after_expiry(flow):
    answers = with_expiry("2026", "10", "1")  # in the grace on 2026-11-23
    soup = result_page(flow, answers)
    headings = [h.get_text() for h in soup.select("main h2")]
    assert headings.index("これからの日付") < headings.index("過ぎた日")
    assert dates(soup, "past") == [
        ("2026年7月1日", "電子証明書の更新ができるようになる日", []),
        ("2026年10月1日", "電子証明書の有効期限", []),
    ]
    assert dates(soup, "coming") == [
        ("2027年1月31日", "マイナ保険証として使える最後の日（期限切れ後の猶予の終わり）", [])
    ]
    assert "今すぐ更新できます" not in soup.get_text()


def test_before_the_renewal_window_every_date_is_coming_and_none_is_urgent(flow):
    answers = with_expiry("2027", "6", "10")
    soup = result_page(flow, answers)
    assert [when for when, _, _ in dates(soup, "coming")] == ["2027年3月10日", "2027年6月10日", "2027年9月30日"]
    assert all(tags == [] for _, _, tags in dates(soup, "coming"))
    assert dates(soup, "past") == []


HARD_WORDS = {
    "保険者": "(?<!被)保険者",  # not the 保険者 inside 被保険者 (the insured person)
    "電子証明書": "電子証明書",
    "利用登録": "利用登録",
    "広域連合": "広域連合",
    "療養費": "療養費",
}
LAPSED = with_expiry("2025", "12", "1")  # lapsed: 保険者, 電子証明書, 療養費
ELDERLY = [
    {"who": "me"},
    {"birth_era": "showa", "birth_year": "20", "birth_month": "5", "birth_day": "5"},
    {"insurance": "national"},  # at 81 that means 後期: ask the 広域連合
    {"holds": ["kakuninsho"]},
    {
        "kakuninsho_known": "expiry",
        "kexpiry_era": "reiwa",
        "kexpiry_year": "8",
        "kexpiry_month": "7",
        "kexpiry_day": "31",
    },
    {"visit_year": "2026", "visit_month": "11", "visit_day": "23"},
]


def parts_in_order(soup) -> list:
    """The parts of the result a hard word can appear in, in page order."""
    return soup.select(".verdict, .checklist > li, .warnings > li, .backup > li, .timeline > li")


def own_text(part) -> str:
    return "".join(text for text in part.find_all(string=True) if not text.find_parent(class_="term-note"))


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        (ADULT, {"電子証明書"}),
        (LAPSED, {"保険者", "電子証明書", "利用登録", "療養費"}),
        (ELDERLY, {"広域連合"}),
    ],
    ids=["renew", "lapsed", "elderly"],
)
def test_each_hard_word_is_explained_once_where_it_first_appears(flow, answers, words):
    soup = result_page(flow, answers)
    parts = parts_in_order(soup)
    explained = set()
    for word, pattern in HARD_WORDS.items():
        notes = [note for note in soup.select(".term-note") if note.get_text().startswith(f"「{word}」")]
        first = next((part for part in parts if re.search(pattern, own_text(part))), None)
        if first is None:
            assert notes == [], word
            continue
        explained.add(word)
        assert len(notes) == 1, word
        assert notes[0] in first.select(".term-note"), word
    assert explained >= words
    english = result_page(flow, answers, "en")
    notes = [note.get_text() for note in english.select(".term-note")]
    assert len(notes) == len(soup.select(".term-note"))
    assert all(re.search(r"^(保険者|電子証明書|利用登録|広域連合|療養費) \(", note) for note in notes), notes


def test_all_five_hard_words_are_found_in_the_texts_that_use_them():
    found = {term for terms in term_keys().values() for term in terms}
    assert found == {"hokensha", "denshi_shomeisho", "riyo_toroku", "koiki_rengo", "ryoyohi"}
    assert "hokensha" not in term_keys().get("item:moushitatesho", [])  # 被保険者資格申立書


@pytest.mark.parametrize("lang", LANGS)
def test_the_backup_paper_is_numbered_in_the_checklist_and_marked_as_a_backup(flow, lang):
    soup = result_page(flow, ADULT, lang)
    items = soup.select("ol.checklist > li")
    assert [item.strong.get_text() for item in items] == (
        ["マイナンバーカード（マイナ保険証）", "資格情報のお知らせ"]
        if lang == "ja"
        else [
            "マイナンバーカード (My Number card) as マイナ保険証 (My Number card used as a health insurance card)",
            "資格情報のお知らせ (insurance notice)",
        ]
    )
    assert items[0].select(".backup-tag") == []
    assert items[1].select_one(".backup-tag").get_text() == ("予備" if lang == "ja" else "backup")


@pytest.mark.parametrize("lang", LANGS)
def test_each_paper_on_the_list_is_shown_beside_its_item_with_a_translated_alternative(flow, lang):
    soup = result_page(flow, ADULT, lang)
    items = soup.select("ol.checklist > li, ul.backup > li")
    pictured = {"マイナンバーカード": "mynumber_card", "資格情報のお知らせ": "oshirase"}
    seen = []
    for item in items:
        img = item.select_one(".item-picture img")
        paper = next((file for name, file in pictured.items() if item.strong.get_text().startswith(name)), None)
        if paper is None:  # e.g. the 申立書 this app prepares: not a paper the patient holds
            assert img is None, item.strong.get_text()
            continue
        seen.append(paper)
        assert re.search(rf"/papers/{paper}\.[0-9a-f]{{12}}\.svg$", img["src"])
        assert img["width"] and img["height"] and img["loading"] == "lazy"
        # The alternative says what to look for, in the page's language, not the item's name again.
        assert img["alt"] != item.strong.get_text()
        assert len(img["alt"]) > 20 and (lang == "ja" or re.search("[a-z]{4}", img["alt"]))
    assert set(seen) == {"mynumber_card", "oshirase"}


@pytest.mark.parametrize(("age", "words"), [("1", "1 year old"), ("40", "40 years old")])
def test_the_check_page_says_an_age_in_the_plural_the_language_needs(flow, age, words):
    answers = [{"age": age} if "birth_era" in answer else answer for answer in ADULT]
    walk = answer_all(flow, answers, "en")
    assert walk.step == "check"
    assert words in walk.soup.select_one("main").get_text()


@pytest.mark.parametrize(("linked", "says_linked"), [("yes", True), ("no", False), ("unknown", False)])
def test_the_paper_certificate_is_explained_by_what_the_parent_said_about_the_link(client, linked, says_linked):
    """A 医療証 the parent says is linked is not called "mostly not linked"; the paper still comes."""
    request = {
        "birth_date": "2021-06-15",
        "visit_date": "2026-11-23",
        "insurance": "national",
        "holds": ["mynumber_card", "subsidy_cert"],
        "mynumber_registered": "yes",
        "ecert_expiry": "2029-06-15",
        "subsidy_linked": linked,
    }
    guide = client.post("/api/v1/guide", json=request, headers={"Accept-Language": "ja"}).get_json()
    why = next(item["why"] for item in guide["bring"] if item["id"] == "subsidy_cert")
    assert ("まだ限られています" in why) is says_linked
    assert ("ほとんどがマイナ保険証とつながっていません" in why) is not says_linked
