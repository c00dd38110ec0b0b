"""Real symbols: records are encoded, drawn by the server-side path, and read back by zxing-cpp."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from qr_images import read_qr, svg_to_image

from web import qr_payload, qr_symbol

VECTORS = json.loads((Path(__file__).parent / "vectors" / "qr_payload.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS["records"], ids=[v["name"] for v in VECTORS["records"]])
def test_records_survive_a_real_decoder_field_by_field(vector):
    values, problems = qr_payload.normalise(vector["record"])
    assert problems == []
    text = qr_payload.encode(values, "https://mochimono.example/r#")
    for image in (Image.open(io.BytesIO(qr_symbol.png(text))), svg_to_image(qr_symbol.svg(text, "QR"))):
        assert qr_payload.decode(read_qr(image)) == values


def test_typical_record_fits_version_13_at_level_m_or_better():
    text = VECTORS["golden"][0]["text"]
    symbol = qr_symbol.make_symbol(text)
    assert symbol.version <= 13
    assert qr_symbol.level_of(symbol) in ("M", "Q", "H")


def test_a_record_too_big_for_version_20_is_refused():
    import random
    import zlib

    rng = random.Random(1)
    noise = bytes(rng.getrandbits(8) for _ in range(1400))
    text = "v1." + qr_payload.bytes_to_digits(bytes([1]) + zlib.compress(noise))
    with pytest.raises(qr_symbol.SymbolTooLarge):
        qr_symbol.make_symbol(text)
