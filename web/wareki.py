"""和暦 (Japanese era) dates: converting and formatting, for the five modern eras only.

Babel is Gregorian-only, so this small table is ours and is tested at every boundary. Each day
belongs to one era, as the 申立書 QR payload spec (shared/domain/qr-payload-v1.md §4) fixes them:
the change-over days 1912-07-30 and 1926-12-25 are 大正元年 and 昭和元年.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    key: str
    kanji: str
    romaji: str
    first_day: date
    last_day: date | None


ERAS: tuple[Era, ...] = (
    Era("meiji", "明治", "Meiji", date(1868, 1, 25), date(1912, 7, 29)),
    Era("taisho", "大正", "Taishō", date(1912, 7, 30), date(1926, 12, 24)),
    Era("showa", "昭和", "Shōwa", date(1926, 12, 25), date(1989, 1, 7)),
    Era("heisei", "平成", "Heisei", date(1989, 1, 8), date(2019, 4, 30)),
    Era("reiwa", "令和", "Reiwa", date(2019, 5, 1), None),
)
ERA_BY_KEY = {era.key: era for era in ERAS}


class WarekiError(ValueError):
    """The era, year, month and day do not name a day of that era."""


def era_of(day: date) -> Era:
    for era in reversed(ERAS):
        if day >= era.first_day:
            return era
    raise WarekiError("before 明治")


def to_wareki(day: date) -> tuple[Era, int]:
    era = era_of(day)
    return era, day.year - era.first_day.year + 1


def from_wareki(era_key: str, year: int, month: int, day: int) -> date:
    """The Gregorian date, or WarekiError when the day is not in that era (昭和64年1月8日)."""
    era = ERA_BY_KEY.get(era_key)
    if era is None:
        raise WarekiError("unknown era")
    if year < 1:
        raise WarekiError("era year starts at 1")
    try:
        result = date(era.first_day.year + year - 1, month, day)
    except ValueError as exc:
        raise WarekiError(str(exc)) from exc
    if result < era.first_day or (era.last_day is not None and result > era.last_day):
        raise WarekiError("date outside the era")
    return result


def era_year_text(year: int) -> str:
    return "元" if year == 1 else str(year)


def format_wareki(day: date) -> str:
    """`昭和64年1月7日`, `平成元年1月8日`: how the 申立書 and older cards write a date.

    A day before 明治 has no era here, so it is written with its Western year (`8年1月1日`):
    formatting never fails, whatever date reaches a page.
    """
    if day < ERAS[0].first_day:
        return f"{day.year}年{day.month}月{day.day}日"
    era, year = to_wareki(day)
    return f"{era.kanji}{era_year_text(year)}年{day.month}月{day.day}日"
