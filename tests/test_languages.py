"""Languages: which are offered, how the first visit picks one, the switcher and alternates, the
glossary every catalog follows, and やさしい日本語's furigana (complete, and unable to inject HTML)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import BrowserLikeClient, Flow, soup_of
from markupsafe import Markup
from test_pages import ADULT

from app import create_app
from web import i18n, ruby

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = {language.code: language.catalog for language in i18n.LANGUAGES if language.catalog}
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
KANA_READING = re.compile(r"[\u3041-\u309f\u30a0-\u30ffー]+")
HIRAGANA = re.compile(r"[\u3041-\u309f]")
# Words kept as printed on papers and screens besides the glossary terms (translators' notes):
# the short name of the notice, two labels printed on the card and on マイナポータル, an insurer's
# name, the child's 医療証, the app's own name, and a phrase to look for in the city's notices.
PRINTED = (
    "お知らせ",
    "医療保険の資格情報",
    "電子証明書の有効期限",
    "協会けんぽ",
    "子ども医療証",
    "もちものナビ",
    "医療証の提示が不要に",
    "まで有効",  # the card's own expiry, printed "○○○○年○月○日まで有効"
)
# The parts of guide-texts.json the device shows in the result, as HTML with ruby.
RESULT_WORDS = ("items", "texts", "timeline", "verdicts", "severities", "terms")
# Words that contain a term but are not it: the insured person, and a named 国保 association.
NOT_TERMS = ("被保険者", "国民健康保険組合")


def glossary() -> dict[str, dict[str, str]]:
    with (ROOT / "translations" / "glossary.tsv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return {row["ja"]: row for row in rows}


def messages(code: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every translated entry of a catalog, plural forms each."""
    with (ROOT / "translations" / CATALOGS[code] / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalog = read_po(file)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(msgid, string) for string in strings if string]
    return pairs


def terms_in(text: str, terms: list[str]) -> set[str]:
    """The glossary terms a text uses, longest first (マイナ保険証 is not also 保険証). The source's own
    explanation in brackets right after a term does not count: the rendering beside the term in
    a translation takes its place."""
    longest_first = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    text = re.sub(f"({longest_first})（[^（）]*）", r"\1", text)
    found = set()
    for term in sorted([*terms, *NOT_TERMS], key=len, reverse=True):
        if term in text:
            text = text.replace(term, "\0")
            found.add(term)
    return found - set(NOT_TERMS)


@pytest.fixture
def every_language(monkeypatch):
    """A client of an app that offers every configured language, complete or not, for checks of
    how a language renders before its catalog is finished."""
    monkeypatch.setattr(i18n, "LOCALES", tuple(CATALOGS) + ("ja",))
    monkeypatch.setattr(i18n, "LOCALE_NAMES", {language.code: language.name for language in i18n.LANGUAGES})
    app = create_app({"TESTING": True})
    app.test_client_class = BrowserLikeClient
    return app.test_client()


# Offered languages ---------------------------------------------------------------------------


def test_a_catalog_with_a_missing_or_fuzzy_entry_is_not_offered(tmp_path):
    for name in ("en", "ko", "vi"):
        shutil.copytree(ROOT / "translations" / "en", tmp_path / name)
    ko = tmp_path / "ko" / "LC_MESSAGES" / "messages.po"
    ko.write_text(ko.read_text(encoding="utf-8").replace('msgstr "Continue"', 'msgstr ""'), encoding="utf-8")
    vi = tmp_path / "vi" / "LC_MESSAGES" / "messages.po"
    vi.write_text(vi.read_text(encoding="utf-8").replace('msgid "次へ"', '#, fuzzy\nmsgid "次へ"'), encoding="utf-8")
    assert i18n.offered_locales(tmp_path) == ("ja", "en")


def test_a_catalog_that_lacks_a_message_the_others_have_is_not_offered(tmp_path):
    shutil.copytree(ROOT / "translations" / "en", tmp_path / "en")
    shutil.copytree(ROOT / "translations" / "en", tmp_path / "ko")
    en = tmp_path / "en" / "LC_MESSAGES" / "messages.po"
    en.write_text(en.read_text(encoding="utf-8") + '\nmsgid "新しい文"\nmsgstr "A new sentence"\n', encoding="utf-8")
    assert i18n.offered_locales(tmp_path) == ("ja", "en")


def test_every_offered_language_has_a_complete_catalog_and_every_other_is_refused(client):
    complete = i18n.complete_catalogs(ROOT / "translations", i18n.LANGUAGES)
    for language in i18n.LANGUAGES:
        offered = language.code in i18n.LOCALES
        complete_and_ready = not language.held_back and (language.catalog is None or language.catalog in complete)
        assert offered == complete_and_ready, language.code
        assert client.get(f"/{language.code}/about").status_code == (200 if offered else 404)


# Choosing a language --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK,en;q=0.5", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("pt-PT,pt;q=0.8", "pt-BR"),
        ("fil-PH", "tl"),
        ("de-DE,vi;q=0.7", "vi"),
        ("en-GB,ja;q=0.5", "en"),
        ("fr", "ja"),
    ],
)
def test_the_bare_address_follows_the_browser_languages(every_language, header, expected):
    response = every_language.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{expected}/"


def test_a_language_not_offered_is_never_chosen(client):
    """Only complete catalogs are offered, so a browser asking for one that is not gets its next
    choice (やさしい日本語 falls back to Japanese)."""
    for language in i18n.LANGUAGES:
        if language.code not in i18n.LOCALES:
            response = client.get("/", headers={"Accept-Language": f"{language.tag},en;q=0.5"})
            assert response.headers["Location"] == ("/ja/" if language.japanese else "/en/")


def test_the_switcher_names_each_language_in_its_own_words_and_keeps_the_page(every_language):
    soup = soup_of(every_language.get("/zh-Hant/reader-fails"))
    links = soup.select("nav.language a[hreflang]")
    assert {link["href"]: link.get_text() for link in links}["/ja-easy/reader-fails"] == "やさしい日本語"
    assert len(links) == len(i18n.LANGUAGES) - 1
    for link in links:
        language = i18n.BY_CODE[link["href"].split("/")[1]]
        assert (link.get_text(), link["lang"], link["hreflang"]) == (language.name, language.tag, language.tag)
    assert soup.select_one("nav.language details summary")  # a disclosure, which works without scripts


def test_question_pages_switch_language_with_buttons_of_the_question_form(every_language):
    soup = soup_of(every_language.get("/ko/guide"))
    buttons = soup.select("nav.language button")
    assert len(buttons) == len(i18n.LANGUAGES) - 1
    for button in buttons:
        assert button["form"] == "flow-form" and button["formaction"].endswith("/guide")
        assert button.get_text() == i18n.BY_CODE[button["formaction"].split("/")[1]].name


def test_information_pages_list_their_alternates(every_language):
    soup = soup_of(every_language.get("/vi/"))
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    assert alternates["zh-Hant"] == "/zh-Hant/"
    assert alternates["ja-x-easy"] == "/ja-easy/"
    assert alternates["x-default"] == "/"
    assert len(alternates) == len(i18n.LANGUAGES) + 1
    assert not soup_of(every_language.get("/vi/guide")).select("link[rel=alternate]")  # a question page


def test_each_page_declares_its_language_and_formats_dates_in_it(every_language):
    assert soup_of(every_language.get("/ja-easy/")).html["lang"] == "ja-x-easy"
    about = every_language.get("/pt-BR/about")
    assert soup_of(about).html["lang"] == "pt-BR"
    assert re.search(r"\d+ de \w+ de 20\d\d", about.get_data(as_text=True))
    manifest = every_language.get("/zh-Hans/manifest.webmanifest").get_json()
    assert manifest["lang"] == "zh-Hans" and manifest["start_url"] == "/zh-Hans/"


# The glossary ----------------------------------------------------------------------------------


def test_the_glossary_gives_every_term_in_every_language():
    terms = glossary()
    assert set(next(iter(terms.values()))) == {"ja", *CATALOGS}
    for term, row in terms.items():
        assert all(row.values()), term
        assert not KANJI.search(row["ja-easy"]), "やさしい日本語 explains a term in kana"
    # 健康保険証 and its short form 保険証 are one term: one rendering in every language.
    assert {key: value for key, value in terms["保険証"].items() if key != "ja"} == {
        key: value for key, value in terms["健康保険証"].items() if key != "ja"
    }


@pytest.mark.parametrize("code", CATALOGS)
def test_every_catalog_keeps_the_japanese_terms_with_the_glossary_rendering(code):
    """Patients must match the word printed on their paper, so a term stays in Japanese with the
    same rendering beside it everywhere."""
    terms = glossary()
    problems = []
    for msgid, msgstr in messages(code):
        text = ruby.base_text(msgstr)
        for term in terms_in(msgid, list(terms)):
            if term not in text:
                problems.append(f"{term} missing: {msgstr}")
            elif terms[term][code] not in text:
                problems.append(f"{term} without its rendering {terms[term][code]!r}: {msgstr}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("code", CATALOGS)
def test_every_catalog_keeps_placeholders_and_no_bare_percent_sign(code):
    """Jinja formats every template text with %, so a bare % (write ％ or a word) breaks the page,
    even in a catalog not yet offered."""
    for msgid, msgstr in messages(code):
        assert set(re.findall(r"%\(\w+\)s", msgstr)) <= set(re.findall(r"%\(\w+\)s", msgid)), msgstr
        assert "%" not in re.sub(r"%\(\w+\)s|%%", "", msgstr), msgstr


@pytest.mark.parametrize("code", [code for code, catalog in CATALOGS.items() if not catalog.startswith("ja")])
def test_no_sentence_is_left_in_japanese(code):
    """Outside the glossary terms and the words kept as printed, a translation has no hiragana:
    every Japanese sentence has some, and Chinese, the other language written with kanji, none."""
    terms = sorted([*glossary(), *PRINTED], key=len, reverse=True)
    left = []
    for _msgid, msgstr in messages(code):
        text = msgstr
        for term in terms:
            text = text.replace(term, "")
        if HIRAGANA.search(text):
            left.append(msgstr)
    assert not left, "\n".join(left[:20])


# やさしい日本語 --------------------------------------------------------------------------------


def test_every_kanji_in_yasashii_nihongo_has_a_reading():
    problems = []
    for _msgid, msgstr in messages("ja-easy"):
        for match in ruby.SYNTAX.finditer(msgstr):
            if not KANA_READING.fullmatch(match.group(2)):
                problems.append(f"reading not in kana: {match.group(0)}")
            if "%" in match.group(1):
                problems.append(f"a placeholder under a reading: {match.group(0)}")
        rest = ruby.SYNTAX.sub("", msgstr)
        if KANJI.search(rest) or re.search("[｜《》]", rest):
            problems.append(f"kanji without a reading: {msgstr}")
    assert not problems, "\n".join(problems[:20])


def test_yasashii_nihongo_gives_readings_word_by_word():
    """A word with its reading cannot break across lines: a long term under one reading
    (｜後期高齢者医療《こうきこうれいしゃいりょう》) made pages scroll sideways at 200% text, so
    readings go word by word (｜後期《こうき》｜高齢者《こうれいしゃ》｜医療《いりょう》)."""
    long = {
        match.group(0)
        for _msgid, msgstr in messages("ja-easy")
        for match in ruby.SYNTAX.finditer(msgstr)
        if len(match.group(1)) > 4 or len(match.group(2)) > 8
    }
    assert not long, sorted(long)


def test_furigana_becomes_ruby_and_nothing_else():
    assert ruby.to_html("｜病院《びょういん》に｜行《い》く") == (
        "<ruby>病院<rt>びょういん</rt></ruby>に<ruby>行<rt>い</rt></ruby>く"
    )
    hostile = '｜<img src=x onerror="alert(1)">《</rt><script>x</script>》&｜a《b" onclick="c》'
    html = ruby.to_html(hostile)
    assert isinstance(html, Markup)
    assert "<img" not in html and "<script" not in html and "</rt><" not in html.replace("</rt></ruby>", "")
    assert re.sub(r"</?ruby>|</?rt>", "", html) == str(
        Markup.escape(hostile.replace("｜", "").replace("《", "").replace("》", ""))
    )
    assert ruby.base_text(html) == Markup.escape('<img src=x onerror="alert(1)">&a')
    assert ruby.base_text("｜漢字《かんじ》の本") == "漢字の本"


def test_yasashii_nihongo_pages_show_ruby_and_keep_it_out_of_titles_attributes_and_options(every_language):
    for path in ("/", "/guide", "/reader-fails", "/about", "/moushitatesho", "/reception", "/guide/offline"):
        html = every_language.get(f"/ja-easy{path}").get_data(as_text=True)
        assert "<ruby>" in html and "<rt>" in html, path
        assert not re.search("[｜《》]", html), path
        assert not re.search(r'="[^"]*<ruby>', html), path  # no ruby in an attribute
        soup = soup_of(every_language.get(f"/ja-easy{path}"))
        assert not soup.title.find("ruby") and "<" not in soup.title.get_text(), path
        assert not [option for option in soup.select("option") if "<" in option.decode_contents()], path


def test_texts_outside_html_carry_no_furigana(every_language):
    texts = every_language.get("/ja-easy/guide-texts.json").get_json()
    manifest = every_language.get("/ja-easy/manifest.webmanifest").get_data(as_text=True)
    api = every_language.post("/api/v1/guide", json={"who": "self"}, headers={"Accept-Language": "ja-x-easy"}).get_data(
        as_text=True
    )
    # The device shows the result's words as ruby (offline-result.js); it writes the rest as text.
    plain_parts = json.dumps(
        {key: value for key, value in texts.items() if key not in RESULT_WORDS}, ensure_ascii=False
    )
    for text in (plain_parts, manifest, api):
        assert not re.search("[｜《》]", text) and "<ruby>" not in text
    assert "病院" in plain_parts
    result_words = json.dumps({key: texts[key] for key in RESULT_WORDS}, ensure_ascii=False)
    assert "｜資格《しかく》" in result_words and "<ruby>" not in result_words


@pytest.mark.parametrize("code", CATALOGS)
def test_every_configured_language_renders_every_page_and_the_guide(every_language, code):
    """Before a catalog is complete and offered, its pages must already work (a translation can
    break a page, e.g. with a stray %)."""
    for path in (
        "/",
        "/guide",
        "/reader-fails",
        "/about",
        "/offline",
        "/guide/offline",
        "/moushitatesho",
        "/reception",
    ):
        assert every_language.get(f"/{code}{path}").status_code == 200, path
    walk = Flow(every_language, code)
    for answers in ADULT:
        assert walk.press(**answers).status_code == 200
    result = walk.press("result")
    assert result.status_code == 200 and soup_of(result).select(".checklist li")
