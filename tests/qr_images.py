"""Turning our QR symbols into pictures a real decoder (zxing-cpp) can read, as a phone camera would."""

from __future__ import annotations

import re

from PIL import Image, ImageDraw


def svg_to_image(svg: str, scale: int = 8) -> Image.Image:
    """Rasterise the <svg> our pages embed (a viewBox and one path of unit squares)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", svg):
        x, y = int(x), int(y)
        draw.rectangle([x * scale, y * scale, (x + 1) * scale - 1, (y + 1) * scale - 1], fill=0)
    return image


def read_qr(image: Image.Image) -> str | None:
    import zxingcpp

    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return results[0].text if results else None
