"""Decode rate of 申立書 QR symbols after a simulated phone-screen capture by a tablet camera.

Each of N random records (default 60) is drawn by the server-side path, then degraded as a camera
would see a phone screen: 3 camera pixels per module, blur, low contrast (glare), sensor noise and
a slight rotation; zxing-cpp reads it. The baseline is the clean symbol, read in the same run.
Target (issue "申立書 QR"): 100% over at least 50 records.
Run: .venv/bin/python bench/qr_decode_rate.py [N]
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import zxingcpp  # noqa: E402
from PIL import Image, ImageChops, ImageFilter  # noqa: E402
from records import random_record  # noqa: E402

from web import qr_payload, qr_symbol  # noqa: E402

PIXELS_PER_MODULE = 3


def capture(clean: Image.Image, modules: int, rng: random.Random) -> Image.Image:
    size = modules * PIXELS_PER_MODULE
    image = clean.convert("L").resize((size, size), Image.Resampling.BOX)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    image = image.point(lambda value: 40 + value * (215 - 40) // 255)  # glare: black 40, white 215
    noise = Image.effect_noise(image.size, 8).point(lambda value: value - 128 + 128)
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    return image.rotate(rng.uniform(-8, 8), resample=Image.Resampling.BILINEAR, expand=True, fillcolor=215)


def read(image: Image.Image) -> str | None:
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return results[0].text if results else None


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    rng = random.Random(2026)
    clean_ok = captured_ok = 0
    versions = []
    for _ in range(count):
        values, problems = qr_payload.normalise(random_record(rng))
        assert not problems, problems
        text = qr_payload.encode(values, "https://mochimono.example/r#")
        symbol = qr_symbol.make_symbol(text)
        versions.append(symbol.version)
        clean = Image.open(io.BytesIO(qr_symbol.png(text, box_size=1)))
        clean_ok += read(clean.resize((clean.width * 8, clean.height * 8), Image.Resampling.NEAREST)) == text
        captured_ok += read(capture(clean, symbol.modules_count + 8, rng)) == text
    clean_rate, captured_rate = clean_ok / count, captured_ok / count
    print(f"records: {count}, versions V{min(versions)}–V{max(versions)}")
    print(f"clean symbol (baseline):            {clean_rate:.0%}")
    print(f"after simulated capture (3 px/mod): {captured_rate:.0%}  ({captured_rate / clean_rate:.2f} × baseline)")
    return 0 if captured_rate == 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
