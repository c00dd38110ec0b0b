"""Calendar edges the rules depend on, and 和暦 at every era boundary."""

from __future__ import annotations

from datetime import date

import pytest

from web import dates
from web.forms import DateParts
from web.wareki import WarekiError, format_wareki, from_wareki


@pytest.mark.parametrize(
    ("expiry", "grace_end"),
    [
        (date(2026, 2, 10), date(2026, 5, 31)),
        (date(2026, 2, 28), date(2026, 5, 31)),
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 11, 1), date(2028, 2, 29)),
        (date(2026, 10, 31), date(2027, 1, 31)),
    ],
)
def test_grace_runs_to_the_end_of_the_third_month_after_the_expiry_month(expiry, grace_end):
    assert dates.grace_end(expiry, 3) == grace_end


@pytest.mark.parametrize(
    ("expiry", "opens"),
    [
        (date(2027, 2, 23), date(2026, 11, 23)),
        (date(2026, 5, 31), date(2026, 2, 28)),
        (date(2028, 5, 31), date(2028, 2, 29)),
    ],
)
def test_renewal_opens_three_months_before_clamped_to_month_end(expiry, opens):
    assert dates.add_months(expiry, -3) == opens


@pytest.mark.parametrize(
    ("birth", "preschool_end"),
    [
        (date(2020, 4, 1), date(2026, 3, 31)),
        (date(2020, 4, 2), date(2027, 3, 31)),
        (date(2020, 3, 31), date(2026, 3, 31)),
        (date(2020, 2, 29), date(2026, 3, 31)),
    ],
)
def test_preschool_ends_on_the_first_march_31_after_reaching_six(birth, preschool_end):
    assert dates.preschool_end(birth) == preschool_end


@pytest.mark.parametrize(
    ("birth", "starts"),
    [
        (date(1956, 11, 1), date(2026, 11, 1)),
        (date(1956, 11, 2), date(2026, 12, 1)),
        (date(1956, 12, 31), date(2027, 1, 1)),
        (date(1956, 3, 1), date(2026, 3, 1)),
        (date(1956, 2, 29), date(2026, 3, 1)),
    ],
)
def test_the_70_74_ratio_starts_the_month_after_reaching_70(birth, starts):
    assert dates.first_of_month_after_reaching(birth, 70) == starts


def test_a_leap_day_birth_has_its_birthday_on_march_1_in_common_years():
    birth = date(1952, 2, 29)
    assert dates.anniversary(birth, 75) == date(2027, 3, 1)
    assert dates.anniversary(birth, 72) == date(2024, 2, 29)
    assert dates.reaches_age(birth, 75) == date(2027, 2, 28)
    assert dates.age_on(birth, date(2027, 2, 28)) == 74
    assert dates.age_on(birth, date(2027, 3, 1)) == 75


def test_the_ecert_estimate_counts_birthdays_after_the_issue_day():
    birth = date(1980, 5, 5)
    assert dates.ecert_expiry_estimate(birth, date(2021, 5, 4), 5) == date(2025, 5, 5)
    assert dates.ecert_expiry_estimate(birth, date(2021, 5, 5), 5) == date(2026, 5, 5)


@pytest.mark.parametrize(
    ("era", "year", "month", "day", "gregorian"),
    [
        ("taisho", 15, 12, 24, date(1926, 12, 24)),
        ("showa", 1, 12, 25, date(1926, 12, 25)),
        ("showa", 64, 1, 7, date(1989, 1, 7)),
        ("heisei", 1, 1, 8, date(1989, 1, 8)),
        ("heisei", 31, 4, 30, date(2019, 4, 30)),
        ("reiwa", 1, 5, 1, date(2019, 5, 1)),
        ("meiji", 45, 7, 29, date(1912, 7, 29)),
        ("taisho", 1, 7, 30, date(1912, 7, 30)),
    ],
)
def test_wareki_boundaries_convert(era, year, month, day, gregorian):
    assert from_wareki(era, year, month, day) == gregorian


@pytest.mark.parametrize(
    ("era", "year", "month", "day"),
    [
        ("showa", 64, 1, 8),
        ("heisei", 31, 5, 1),
        ("taisho", 15, 12, 25),
        ("meiji", 45, 7, 30),
        ("heisei", 1, 1, 7),
        ("reiwa", 1, 4, 30),
        ("showa", 0, 5, 5),
        ("taisho", 16, 1, 1),
        ("kansei", 1, 1, 1),
    ],
)
def test_days_outside_the_era_are_refused(era, year, month, day):
    with pytest.raises(WarekiError):
        from_wareki(era, year, month, day)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(2026, 11, 23), "令和8年11月23日"),
    ],
)
def test_wareki_is_written_with_gannen(day, text):
    assert format_wareki(day) == text


def test_full_width_digits_are_read_and_bad_parts_named():
    assert DateParts("heisei", "１", "１", "８").read() == date(1989, 1, 8)
    for parts, problem in (
        (("1980", "5", ""), "incomplete"),
        (("198O", "5", "5"), "not_a_number"),
        (("1980", "2", "30"), "invalid"),
        (("64", "1", "8"), "outside_era"),
    ):
        era = "showa" if problem == "outside_era" else "western"
        with pytest.raises(ValueError, match=problem):
            DateParts(era, *parts).read()
