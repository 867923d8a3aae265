"""Buddhist Era dates for documents and pages (Babel has no Buddhist calendar)."""

from __future__ import annotations

from datetime import date

from babel.dates import get_month_names

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


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
