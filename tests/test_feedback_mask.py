"""The masking of feedback texts, as a table: what a patient might type, and what is kept."""

from __future__ import annotations

import pytest

from web.feedback.mask import MAX_TEXT, mask

TABLE = [
    # digit runs (full-width too), with or without separators; a single digit stays readable
    ("12345", "[number]"),
    ("全部で１２３４５円でした", "全部で[number]円でした"),
    ("1 2 3 4", "[number]"),
    ("3割と言われた", "3割と言われた"),
    ("1枚と2枚", "1枚と2枚"),
    ("一二三四五", "[number]"),
    ("二人で行った", "二人で行った"),
    # phone numbers
    ("電話は090-1234-5678です", "電話は[phone]です"),
    ("TEL 09012345678", "TEL [phone]"),
    ("０３（１２３４）５６７８", "[phone]"),
    ("(03)1234-5678", "[phone]"),
    ("+81 90 1234 5678", "[phone]"),
    ("0120-12-3456", "[phone]"),
    # postcodes
    ("〒123-4567 東京都", "[postcode] 東京都"),
    ("〒1234567", "[postcode]"),
    ("154ー0001", "[postcode]"),
    # insurer numbers and the 記号・番号 of a card
    ("保険者番号12345678", "[insurer-no]"),
    ("保険者番号：06130012", "[insurer-no]"),
    ("記号：東京ABC 番号：123", "[insurer-no] [insurer-no]"),
    ("被保険者番号 ＡＢ１２", "[insurer-no]"),
    ("番号は12345でした", "[insurer-no]でした"),
    ("記号 東京ABC", "[insurer-no]"),
    ("番号が違うと言われた", "番号が違うと言われた"),
    ("138123", "[insurer-no]"),
    # dates, western and 和暦
    ("令和7年5月6日に受診", "[date]に受診"),
    ("R7.5.6", "[date]"),
    ("昭和55年生まれ", "[date]生まれ"),
    ("平成元年", "[date]"),
    ("2026年5月6日", "[date]"),
    ("2026/5/6", "[date]"),
    ("2026-05-06", "[date]"),
    ("1980年", "[date]"),
    ("5月6日に", "[date]に"),
    # e-mail addresses
    ("連絡は a.b+c@example.co.jp まで", "連絡は [email] まで"),
    # text without anything to mask is kept as typed (NFKC, trimmed; control characters as spaces)
    ("  受付で資格確認書も出してと言われた  ", "受付で資格確認書も出してと言われた"),
    ("ｶｰﾄﾞ\x00が使えない", "カード が使えない"),
    ("The clinic wanted the paper card", "The clinic wanted the paper card"),
    ("", None),
    ("   ", None),
]


@pytest.mark.parametrize(("typed", "kept"), TABLE)
def test_masking(typed, kept):
    assert mask(typed) == kept


def test_the_kept_text_is_capped():
    assert mask("あ" * 2000) == "あ" * MAX_TEXT
    long = mask("電話090-1234-5678 " * 100)
    assert len(long) <= MAX_TEXT and long.startswith("電話[phone] 電話[phone]")


def test_no_digit_survives_a_text_full_of_numbers():
    typed = "090-1234-5678 〒100-0001 12345678 令和8年11月23日 R8.11.23 2026/11/23 番号 9876 54 321"
    assert not any(character.isdigit() for character in mask(typed))
