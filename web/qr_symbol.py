"""Drawing the 申立書 QR (qr-payload-v1.md §6) on the server: for the form without JavaScript, the
command line and the tests. The phone draws the same symbol with static/js/declaration.js.

Segments: byte mode for the URL prefix and "v1.", numeric mode for the digits. Error correction
M, raised to Q or H while the version does not grow, lowered to L when M would pass version 20.
"""

from __future__ import annotations

import io
from xml.etree import ElementTree

import qrcode
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
from qrcode.exceptions import DataOverflowError
from qrcode.util import MODE_8BIT_BYTE, MODE_NUMBER, QRData

MAX_VERSION = 20
LEVEL_NAMES = {ERROR_CORRECT_L: "L", ERROR_CORRECT_M: "M", ERROR_CORRECT_Q: "Q", ERROR_CORRECT_H: "H"}


class SymbolTooLarge(ValueError):
    """Even at level L the text needs a version above 20: a field must be shortened."""


def segments(text: str) -> list[QRData]:
    head, _, digits = text.rpartition(".")
    return [QRData((head + ".").encode("ascii"), mode=MODE_8BIT_BYTE), QRData(digits, mode=MODE_NUMBER)]


def fitted(text: str, level: int, version: int | None = None) -> qrcode.QRCode | None:
    code = qrcode.QRCode(version=version, error_correction=level, border=4)
    for segment in segments(text):
        code.add_data(segment)
    try:
        code.make(fit=version is None)
    except DataOverflowError:
        return None
    if code.version > MAX_VERSION:
        return None
    return code


def make_symbol(text: str) -> qrcode.QRCode:
    code = fitted(text, ERROR_CORRECT_M)
    if code is None:
        code = fitted(text, ERROR_CORRECT_L)
        if code is None:
            raise SymbolTooLarge(text[:20])
        return code
    for level in (ERROR_CORRECT_Q, ERROR_CORRECT_H):
        stronger = fitted(text, level, code.version)
        if stronger is None:
            break
        code = stronger
    return code


def level_of(code: qrcode.QRCode) -> str:
    return LEVEL_NAMES[code.error_correction]


def svg(text: str, title: str) -> str:
    """The 申立書 symbol as an inline <svg>."""
    return draw_svg(make_symbol(text), title)


def link_svg(url: str, title: str) -> str:
    """A plain link (a clinic's poster) as an inline <svg>: byte mode, level M (L if very long)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(url.encode("ascii"), optimize=0)
    code.make(fit=True)
    if code.version > MAX_VERSION:
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_L, border=4)
        code.add_data(url.encode("ascii"), optimize=0)
        code.make(fit=True)
    return draw_svg(code, title)


def draw_svg(code: qrcode.QRCode, title: str) -> str:
    """An inline <svg> (no XML declaration), black modules on white, scaled by CSS."""
    size = code.modules_count + 2 * code.border
    path = []
    for row, cells in enumerate(code.get_matrix()):
        for column, dark in enumerate(cells):
            if dark:
                path.append(f"M{column} {row}h1v1h-1z")
    root = ElementTree.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {size} {size}",
        role="img",
        attrib={"class": "qr-symbol", "shape-rendering": "crispEdges"},
    )
    ElementTree.SubElement(root, "title").text = title
    ElementTree.SubElement(root, "rect", width=str(size), height=str(size), fill="#fff")
    ElementTree.SubElement(root, "path", d="".join(path), fill="#000")
    return ElementTree.tostring(root, encoding="unicode")


def png(text: str, box_size: int = 8) -> bytes:
    code = make_symbol(text)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()
