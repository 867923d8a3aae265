"""The weeks of a month for the month view: pure."""

from __future__ import annotations

import calendar as gregorian
from datetime import date, timedelta


def weeks(year: int, month: int) -> list[list[date | None]]:
    """Monday-first weeks; days outside the month are None."""
    cal = gregorian.Calendar(firstweekday=0)
    return [[d if d.month == month else None for d in week]
            for week in cal.monthdatescalendar(year, month)]


def shift(first: date, months: int) -> date:
    """The first day of the month `months` away."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_bounds(first: date) -> tuple[date, date]:
    return first, shift(first, 1) - timedelta(days=1)
