"""Pictures of the papers a patient may hold, and what each one's text alternative says.

One picture per paper, keyed by the guide's item ids where the paper is an item (web/guide_text.py
ITEM_NAMES), so the checklist can show `paper_picture(item_id)` (web/templates/components/
pictures.html) and a question's choices can name theirs (web/questions.py `Choice.pictures`).

The drawings (static/img/papers/) are our own schematic SVGs: no copied official image, no personal
data (grey bars stand for names and numbers). The only words drawn are the ones printed on the real
paper that a patient must find (its name, 有効期限), so they stay Japanese in every language; the text
alternative says, in the page's language, what to look for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from web.assets import STATIC_DIR

FOLDER = "img/papers"
# The drawings share one scale (a card is 172 units wide); shown at 0.6 of it, a card is about as
# wide as a thumb, small enough to sit beside a choice on a 320 px screen.
DISPLAY_SCALE = 0.6


@dataclass(frozen=True)
class Picture:
    id: str
    alt: Any

    @property
    def file(self) -> str:
        return f"{FOLDER}/{self.id}.svg"

    @property
    def size(self) -> tuple[int, int]:
        """Width and height to reserve on the page (no layout shift while it loads)."""
        width, height = view_box(self.file)
        return round(width * DISPLAY_SCALE), round(height * DISPLAY_SCALE)


@cache
def view_box(file: str) -> tuple[float, float]:
    found = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', (STATIC_DIR / file).read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f"{file} has no viewBox")
    return float(found.group(1)), float(found.group(2))


PICTURES: dict[str, Picture] = {
    picture.id: picture
    for picture in (
        Picture(
            "mynumber_card",
            _l(
                "マイナンバーカードの表面（顔写真付きのカード）。"
                "カードの有効期限は「まで有効」と書いてある欄、"
                "電子証明書の有効期限は右下の「電子証明書の有効期限」の欄にあります。"
            ),
        ),
        Picture(
            "face_card",
            _l(
                "顔認証マイナンバーカード。見た目はマイナンバーカードと同じで、"
                "追記欄に「顔認証」と書いてあります。暗証番号はありません。"
            ),
        ),
        Picture(
            "smartphone",
            _l("スマホのマイナ保険証。マイナンバーカードの機能を入れたスマホを、カードリーダーにかざして使います。"),
        ),
        Picture(
            "kakuninsho",
            _l("資格確認書（カード型）。「資格確認書」と大きく書いてあり、有効期限が印刷されています。"),
        ),
        Picture(
            "kakuninsho_sheet",
            _l("資格確認書（紙の型）。「資格確認書」と大きく書いてあり、有効期限が印刷されています。"),
        ),
        Picture(
            "oshirase",
            _l(
                "資格情報のお知らせ。A4 の紙で、下に切り取れるカードが付いています。"
                "「資格情報のお知らせ」と書いてあります。資格確認書とは別のもので、これだけでは受診できません。"
            ),
        ),
        Picture(
            "paper_card",
            _l("古い健康保険証（×印: 新しくは発行されていません）。「健康保険被保険者証」などと書いてあります。"),
        ),
        Picture(
            "subsidy_cert",
            _l("医療証・受給者証（子ども医療証など）。「医療証」「受給者証」などと書いてある証です。"),
        ),
        Picture(
            "elderly_cert",
            _l("高齢受給者証。「高齢受給者証」と書いてあり、負担割合（○割）が印刷されています。"),
        ),
        Picture("welfare_ticket", _l("医療券（生活保護）。福祉事務所から受け取る紙で、「医療券」と書いてあります。")),
    )
}

# What the service worker must keep for the question pages (and the offline guide, which shows
# every question) to show their pictures without a network.
PICTURE_FILES = tuple(picture.file for picture in PICTURES.values())


def init_app(app: Flask) -> None:
    app.jinja_env.globals["PAPER_PICTURES"] = PICTURES
