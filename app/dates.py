"""Buddhist Era dates for documents and pages (Babel has no Buddhist calendar)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from babel.dates import get_month_names

# Thailand keeps UTC+7 all year (no daylight saving): "today" for people and documents
THAI_TIME = timezone(timedelta(hours=7), "Asia/Bangkok")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def local_date(moment: datetime) -> date:
    """The calendar date in Thailand of a stored (UTC) moment: 01:00 on 1 January in
    Bangkok is 1 January, though it is still 31 December in UTC."""
    return moment.astimezone(THAI_TIME).date()


def today() -> date:
    from app.db import utcnow

    return local_date(utcnow())


def be_year(d: date) -> int:
    return d.year + 543


def thai_date(d: date, *, short: bool = False, thai_digits: bool = False) -> str:
    """26 พฤศจิกายน พ.ศ. 2569 (long) or 26 พ.ย. 2569 (short)."""
    if short:
        month = get_month_names("abbreviated", locale="th_TH")[d.month]
        text = f"{d.day} {month} {be_year(d)}"
    else:
        month = get_month_names("wide", locale="th_TH")[d.month]
        text = f"{d.day} {month} พ.ศ. {be_year(d)}"
    return text.translate(_THAI_DIGITS) if thai_digits else text
