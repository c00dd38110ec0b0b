"""The pictures of the papers: safe, small SVG files; each shown with a text alternative in the
page's language, lazily and with its size reserved; one beside each paper in "what do you hold"."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import soup_of
from flask import g, render_template_string

from web.assets import STATIC_DIR
from web.guide_text import ITEM_NAMES
from web.pictures import FOLDER, PICTURES
from web.questions import QUESTION_BY_ID

SVG = "{http://www.w3.org/2000/svg}"
FILES = sorted((STATIC_DIR / FOLDER).glob("*.svg"))
# The only words drawn: what is printed on the real paper and must be matched by eye, so they stay
# Japanese in every language (a picture loaded by <img> cannot be translated). Anything else
# belongs in the text alternative.
PRINTED_WORDS = {
    "個人番号カード",
    "20XX年X月X日まで有効",
    "電子証明書の有効期限",
    "20XX年X月X日",
    "顔認証",
    "資格確認書",
    "有効期限",
    "資格情報のお知らせ",
    "健康保険被保険者証",
    "医療証",
    "高齢受給者証",
    "○割",
    "医療券",
}
# Checklist items that are not a paper the patient already holds.
NOT_PAPERS = {"mynaportal_screen", "moushitatesho"}


def test_every_drawing_has_a_picture_entry_and_every_entry_a_drawing():
    assert {path.stem for path in FILES} == set(PICTURES)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_each_svg_is_well_formed_self_contained_and_small(path):
    data = path.read_bytes()
    root = ET.fromstring(data)  # raises on malformed XML
    assert root.tag == f"{SVG}svg"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", "")), "needs a viewBox"
    assert len(data) <= 3 * 1024
    for element in root.iter():
        name = element.tag.removeprefix(SVG)
        assert name not in ("script", "style", "foreignObject", "image", "use", "a"), name
        for attribute, value in element.attrib.items():
            assert not attribute.startswith("on"), f"event handler {attribute}"
            assert attribute != "style", "inline style (the CSP forbids it; use presentation attributes)"
            assert "href" not in attribute and "url(" not in value, "external reference"
        if name == "text":
            assert element.text in PRINTED_WORDS, element.text


def test_all_drawings_together_stay_small():
    assert sum(path.stat().st_size for path in FILES) <= 20 * 1024


def test_every_paper_on_the_checklist_has_a_picture():
    assert set(ITEM_NAMES) - NOT_PAPERS <= set(PICTURES)


def test_every_picture_a_question_names_exists():
    fields = [f for q in QUESTION_BY_ID.values() for f in q.fields]
    named = [name for f in fields for c in f.choices for name in c.pictures]
    named += [name for f in fields for name in f.pictures]
    assert named and set(named) <= set(PICTURES)


def render_picture(app, item_id: str, lang: str) -> str:
    with app.test_request_context(f"/{lang}/"):
        g.lang = lang
        return render_template_string(
            '{% from "components/pictures.html" import paper_picture %}{{ paper_picture(item_id) }}', item_id=item_id
        )


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ja", "「資格情報のお知らせ」と書いてあります"), ("en", "not enough on its own")],
)
def test_the_macro_draws_a_lazy_fingerprinted_picture_with_a_translated_alternative(app, lang, words):
    html = render_picture(app, "oshirase", lang)
    img = re.fullmatch(r"<img ([^>]+)>", html.strip())
    assert img, html
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', img.group(1)))
    assert re.fullmatch(r"/static/img/papers/oshirase\.[0-9a-f]{12}\.svg", attributes["src"])
    assert words in attributes["alt"].replace("&#34;", '"')
    assert attributes["loading"] == "lazy"
    assert (attributes["width"], attributes["height"]) == ("90", "127")  # A4, reserved before it loads


def test_the_macro_draws_nothing_for_an_item_without_a_picture(app):
    assert render_picture(app, "moushitatesho", "ja").strip() == ""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_holdings_question_shows_each_paper_with_its_alternative(flow, lang):
    walk = flow(lang)
    for answer in ({"who": "me"}, {"age": "40"}, {"insurance": "employee"}):
        walk.press(**answer)
    assert walk.step == "holds"
    soup = walk.soup
    for choice in QUESTION_BY_ID["holds"].fields[0].choices:
        box = soup.select_one(f'input[value="{choice.value}"]').find_parent(class_="choice")
        images = box.select("img")
        assert len(images) == len(choice.pictures), choice.value
        for img, name in zip(images, choice.pictures, strict=True):
            assert re.search(rf"/papers/{name}\.[0-9a-f]{{12}}\.svg$", img["src"])
            assert img["alt"].strip() and img["alt"] != str(choice.label)
            assert img["loading"] == "lazy" and img["width"] and img["height"]
            assert not img.find_parent("label"), "the alternative would join the checkbox's name"


def test_a_picture_is_served_as_an_immutable_svg_under_the_csp(client, flow):
    walk = flow("ja")
    for answer in ({"who": "me"}, {"age": "40"}, {"insurance": "employee"}):
        walk.press(**answer)
    src = soup_of(walk.response).select_one("img.paper-picture")["src"]
    response = client.get(src)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert "immutable" in response.headers["Cache-Control"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_e_certificate_question_shows_where_the_expiry_is_written(flow, lang):
    walk = flow(lang)
    for answer in (
        {"who": "me"},
        {"age": "40"},
        {"insurance": "employee"},
        {"holds": ["mynumber_card"]},
        {"registered": "yes"},
        {"card_auth": "pin"},
    ):
        walk.press(**answer)
    assert walk.step == "ecert"
    hint = walk.soup.select_one("#ecert_known-hint")
    img = hint.find_next_sibling(class_="hint-pictures").select_one("img")
    assert re.search(r"/papers/mynumber_card\.[0-9a-f]{12}\.svg$", img["src"])
    assert ("電子証明書の有効期限" if lang == "ja" else "電子証明書 (e-certificate) expiry") in img["alt"]
