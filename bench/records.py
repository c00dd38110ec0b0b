"""Records for the QR benchmarks: typical, long, worst case at the field caps, and random ones."""

from __future__ import annotations

import json
import random
from pathlib import Path

VECTORS = json.loads(
    (Path(__file__).resolve().parent.parent / "tests" / "vectors" / "qr_payload.json").read_text(encoding="utf-8")
)
KANJI = "山田佐藤鈴木高橋田中伊渡辺小林加吉松井上木村林清水森池橋本石川前坂岡野原藤崎髙﨑𠮷"
KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"


def typical() -> dict[str, str]:
    return VECTORS["golden"][0]["fields"]


def minimal() -> dict[str, str]:
    return VECTORS["golden"][1]["fields"]


def long() -> dict[str, str]:
    """A parent filling in for a child with a long address and company name (realistic, not at the caps)."""
    return {
        "family": "長谷川",
        "given": "ひなた",
        "family_kana": "ハセガワ",
        "given_kana": "ヒナタ",
        "birth": "20220615",
        "sex": "2",
        "zip": "0600001",
        "address": "北海道札幌市中央区北一条西二丁目1番地 札幌グランドレジデンス北館3201号室",
        "tel": "09012345678",
        "ins_type": "1",
        "insurer_no": "06012340",
        "insurer_name": "北海道中央製造業健康保険組合 札幌支部",
        "employer": "株式会社北海道中央総合製造技術研究センター 札幌本社",
        "card_issued": "20240401",
        "copay": "0",
        "signer": "長谷川 美咲",
        "relation": "3",
        "signed_on": "20261123",
    }


def worst(seed: int = 7) -> dict[str, str]:
    """Every field at its cap with kanji that compress badly: the largest record the form accepts."""
    rng = random.Random(seed)
    text = lambda n: "".join(rng.choice(KANJI) for _ in range(n))  # noqa: E731
    kana = lambda n: "".join(rng.choice(KANA) for _ in range(n))  # noqa: E731
    return {
        "family": text(10),
        "given": text(10),
        "family_kana": kana(20),
        "given_kana": kana(20),
        "birth": "19450815",
        "sex": "1",
        "zip": "9071801",
        "address": text(60),
        "tel": "0980123456789",
        "ins_type": "8",
        "insurer_no": "39101233",
        "insurer_name": text(30),
        "employer": text(40),
        "card_issued": "20240401",
        "copay": "1",
        "signer": text(20),
        "relation": "9",
        "relation_text": text(10),
        "signed_on": "20261123",
    }


def random_record(rng: random.Random) -> dict[str, str]:
    def text(low: int, high: int) -> str:
        return "".join(rng.choice(KANJI) for _ in range(rng.randint(low, high)))

    return {
        "family": text(1, 4),
        "given": text(1, 3),
        "family_kana": "".join(rng.choice(KANA) for _ in range(rng.randint(2, 8))),
        "birth": f"{rng.randint(1930, 2025)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
        "sex": rng.choice("12"),
        "zip": f"{rng.randint(0, 9999999):07d}",
        "address": text(8, 40),
        "tel": "090" + f"{rng.randint(0, 99999999):08d}",
        "ins_type": rng.choice("12789"),
        "insurer_name": text(0, 20),
        "employer": text(0, 25),
        "copay": rng.choice("3210"),
        "relation": rng.choice("0123"),
        "signed_on": "20261123",
    }
