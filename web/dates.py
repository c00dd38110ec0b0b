"""Calendar arithmetic for the guide: birthdays, month ends and the fixed points the rules name.

Japanese law counts age from the day before a birthday (年齢計算ニ関スル法律 with 民法143条), so
"reaches N" and "the Nth birthday" are different days and both appear here. A 29 February birth
date has its birthday on 1 March in common years, so it still reaches an age at the end of
28 February. The JavaScript evaluator (issue "offline PWA") must mirror these functions; the
shared engine vectors in tests/ prove they agree.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day-of-month `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def anniversary(birth: date, years: int) -> date:
    """The `years`-th birthday; a 29 February birth date falls on 1 March in common years."""
    year = birth.year + years
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth.replace(year=year)


def reaches_age(birth: date, years: int) -> date:
    """The day the law says a person reaches `years`: the day before the birthday."""
    return anniversary(birth, years) - timedelta(days=1)


def age_on(birth: date, day: date) -> int:
    """Completed years on `day`, counting a birthday on the birthday itself (as people say it)."""
    age = day.year - birth.year
    if anniversary(birth, age) > day:
        age -= 1
    return age


def preschool_end(birth: date) -> date:
    """Last day of 未就学: the first 31 March on or after the day the child reaches 6."""
    reached = reaches_age(birth, 6)
    march_31 = date(reached.year, 3, 31)
    return march_31 if reached <= march_31 else date(reached.year + 1, 3, 31)


def first_of_month_after_reaching(birth: date, years: int) -> date:
    """The 1st of the month after the month in which the person reaches `years` (the 70-74 copay)."""
    reached = reaches_age(birth, years)
    return end_of_month(reached) + timedelta(days=1)


def ecert_expiry_estimate(birth: date, card_issued: date, birthdays: int) -> date:
    """The `birthdays`-th birthday after the card was issued (an issue on a birthday does not count)."""
    years = card_issued.year - birth.year
    while anniversary(birth, years) <= card_issued:
        years += 1
    return anniversary(birth, years + birthdays - 1)


def grace_end(expiry: date, months: int) -> date:
    """The last day of the `months`-th month after the month of `expiry`."""
    return end_of_month(add_months(expiry.replace(day=1), months))
