"""Japanese words inside a page in another language are marked lang="ja" (WCAG 3.1.2), so that
screen readers speak them in Japanese and Chinese pages draw them with Japanese glyphs."""

from __future__ import annotations

import pytest
from checks import check_page
from markupsafe import Markup, escape
from test_pages import ADULT, answer_all

from web.japanese_parts import mark, unmark


@pytest.mark.parametrize(
    ("tag", "text", "marked"),
    [
        (
            "en",
            "Bring the 資格確認書 (eligibility certificate).",
            'Bring the <span lang="ja">資格確認書</span> (eligibility',
        ),
        (
            "vi",
            "マイナ保険証 và 資格情報のお知らせ",
            '<span lang="ja">マイナ保険証</span> và <span lang="ja">資格情報のお知らせ</span>',
        ),
        # zh: the Japanese term is marked, its gloss (which contains the same characters) is not.
        ("zh-Hant", "資格確認書（保險資格確認書）", '<span lang="ja">資格確認書</span>（保險資格確認書）'),
        (
            "zh-Hans",
            "可以用マイナ保険証（个人编号医保卡）",
            '可以用<span lang="ja">マイナ保険証</span>（个人编号医保卡）',
        ),
        # The longest term wins: not 保険証 inside マイナ保険証.
        ("zh-Hans", "マイナ保険证", "マイナ保険证"),
    ],
)
def test_japanese_words_are_marked_and_nothing_else(tag, text, marked):
    html = mark(escape(text), tag)
    assert marked in html
    assert unmark(html) == escape(text)


def test_a_japanese_page_and_markup_are_left_alone():
    assert mark(escape("資格確認書"), "ja") == "資格確認書"
    assert mark(escape("資格確認書"), "ja-x-easy") == "資格確認書"
    # Only text between tags changes; an attribute with Japanese in it stays as it was.
    html = mark(Markup('<a title="保険証">保険証</a> &amp; <b>x</b>'), "en")
    assert html == '<a title="保険証"><span lang="ja">保険証</span></a> &amp; <b>x</b>'


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "vi"])
def test_the_result_marks_japanese_names_but_keeps_titles_and_attributes_plain(flow, lang):
    walk = answer_all(flow, ADULT, lang)
    check = walk.soup
    assert check.select('dd span[lang="ja"]'), "the check page's answers name 資格情報のお知らせ"
    result = walk.press("result")
    soup = check_page(result.get_data(as_text=True), lang)  # parses cleanly
    marked = [span.get_text() for span in soup.select('.checklist strong span[lang="ja"]')]
    assert "資格情報のお知らせ" in marked
    assert 'lang="ja"' not in soup.title.decode_contents()
    assert not [img for img in soup.select("img[alt]") if "<span" in img["alt"]]
