"""Numbers and dates as people type them, checked once at the edge.

`str.isdigit()` is true for `²`, `١٢٣` and `𐩀`, which `int()` then refuses or reads as another
number, and a 5,000-digit number is refused by `int()` itself. So a typed number is accepted only
as ASCII or full-width digits (what Japanese phone keyboards produce) of a stated length.

Every date the app takes is kept between MIN_DATE and MAX_DATE: far wider than any birth date,
card or visit, and narrow enough that the rules' arithmetic (ten years ahead, 75th birthdays,
grace months) never leaves the calendar that `datetime.date` can hold.
"""

from __future__ import annotations

import re
from datetime import date

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2200, 12, 31)
# Spaces people leave around a number, including the full-width space.
EDGE_SPACES = "\t\n\r \u3000"
TYPED_DIGITS = re.compile("[0-9０-９]+")
TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")


def read_digits(text: str | None, max_digits: int) -> tuple[int | None, str | None]:
    """The number typed, or None and why not: `not_a_number` or `too_long`."""
    typed = (text or "").strip(EDGE_SPACES)
    if not TYPED_DIGITS.fullmatch(typed):
        return None, "not_a_number"
    if len(typed) > max_digits:
        return None, "too_long"
    return int(typed.translate(TO_ASCII)), None


def read_int(text: str | None, max_digits: int) -> int | None:
    """The number typed, or None when it is not one (see read_digits)."""
    return read_digits(text, max_digits)[0]


def in_range(day: date) -> bool:
    return MIN_DATE <= day <= MAX_DATE


def read_date_parts(parts: list[str]) -> tuple[int, int, int]:
    """Year, month and day as typed; ValueError `not_a_number` or `out_of_range` (a year of five
    digits or more, a month or day of three)."""
    read = [read_digits(part, width) for part, width in zip(parts, (4, 2, 2), strict=True)]
    if any(problem == "not_a_number" for _, problem in read):
        raise ValueError("not_a_number")
    if read[0][1]:
        raise ValueError("out_of_range")
    if any(problem for _, problem in read):
        raise ValueError("invalid")
    return read[0][0], read[1][0], read[2][0]  # type: ignore[return-value]


def checked_date(day: date) -> date:
    """The day itself, or ValueError `out_of_range` outside MIN_DATE..MAX_DATE."""
    if not in_range(day):
        raise ValueError("out_of_range")
    return day


def date_problem(error: ValueError) -> str:
    """`out_of_range` from checked_date, `invalid` from `date()` refusing the day."""
    return "out_of_range" if str(error) == "out_of_range" else "invalid"


def iso_date_code(text: str) -> str:
    """The error code for a refused `YYYY-MM-DD`: a real day outside the range has its own."""
    try:
        outside = len(text) == 10 and not in_range(date.fromisoformat(text))
    except ValueError:
        outside = False
    return "date_out_of_range" if outside else "invalid_date"
