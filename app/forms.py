"""Small helpers shared by the web forms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import StopValidation


def choices(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for value, label in pairs]


# Thai digits typed on a Thai keyboard count like Arabic ones
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_OFFSET = 543


class DateProblem(ValueError):
    """A typed date that cannot be read; the message says what to fix."""


def parse_thai_date(day: str, month: str, year: str) -> tuple[date, bool]:
    """A date typed as day / month / Buddhist Era year; a Gregorian year (1900-2199) is also
    read, and the second value says so, for a note to the person."""
    parts = [p.strip().translate(_ARABIC_DIGITS) for p in (day, month, year)]
    if not all(parts):
        raise DateProblem(_l("Type the day, the month and the year."))
    if not all(p.isdigit() for p in parts):
        raise DateProblem(_l("Type the date in digits, e.g. 1 10 2569."))
    d, m, y = (int(p) for p in parts)
    if len(parts[2]) != 4:
        raise DateProblem(_l("Type the year with four digits, e.g. 2569."))
    gregorian = 1900 <= y < 2200
    if not gregorian and not 2400 <= y < 2800:
        raise DateProblem(_l("The year should be a Buddhist Era year, e.g. 2569."))
    try:
        value = date(y if gregorian else y - BE_OFFSET, m, d)
    except ValueError:
        raise DateProblem(_l("There is no such day: check the day and the month.")) from None
    return value, gregorian


class ThaiDateWidget:
    """Three boxes, day / month / year (พ.ศ.), as the GOV.UK date input: people type a date
    the way they write it on an order, and no browser date picker speaks Gregorian to them."""

    def __call__(self, field: ThaiDateField, **kwargs: Any) -> Markup:
        values = field.parts or _parts_of(field.data)
        names = (("day", _l("Day"), 2), ("month", _l("Month number"), 2),
                 ("year", _l("Year (BE)"), 4))
        bad = ' class="invalid" aria-invalid="true"' if field.errors else ""
        boxes = [
            f'<div class="date-part date-{key}"><label for="{field.id}-{key}">{escape(label)}'
            f'</label><input id="{field.id}-{key}" name="{field.name}-{key}" '
            f'inputmode="numeric" maxlength="{size}" size="{size}" '
            f'value="{escape(value)}"{bad}></div>'
            for (key, label, size), value in zip(names, values, strict=True)]
        # labels and typed values are escaped above; ids and names come from the code
        return Markup('<div class="date-input">' + "".join(boxes) + "</div>")  # noqa: S704


def _parts_of(value: date | None) -> list[str]:
    if value is None:
        return ["", "", ""]
    return [str(value.day), str(value.month), str(value.year + BE_OFFSET)]


class ThaiDateField(Field):
    """A date typed as day, month and Buddhist Era year (Gregorian accepted with a note)."""

    widget = ThaiDateWidget()
    data: Any  # a date once read (None when empty or wrong): WTForms' untyped attribute

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts: list[str] = []
        self.gregorian = False

    def process(self, formdata: Any, data: Any = unset_value,
                extra_filters: Any = None) -> None:
        super().process(None, data, extra_filters)
        if formdata is None:
            return
        self.parts = [formdata.get(f"{self.name}-{key}", "") for key in ("day", "month", "year")]
        whole = (formdata.get(self.name) or "").strip()
        self.raw_data = self.parts
        self.data = None
        try:
            if not any(p.strip() for p in self.parts) and whole:
                self._read_whole(whole)  # one box: a script, or an ISO date from elsewhere
            elif any(p.strip() for p in self.parts):  # empty: DataRequired (or Optional) decides
                self.data, self.gregorian = parse_thai_date(*self.parts)
        except DateProblem as problem:
            self.process_errors.append(str(problem.args[0]))

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:  # a date typed wrong is named as such, not as "missing"
            raise StopValidation()

    def _read_whole(self, text: str) -> None:
        try:
            self.data = date.fromisoformat(text)  # 2026-11-01: machine-made, Gregorian
            return
        except ValueError:
            pass
        pieces = re.split(r"[\s/.-]+", text)
        if len(pieces) != 3:
            raise DateProblem(_l("Type the date in digits, e.g. 1 10 2569."))
        self.parts = pieces
        self.data, self.gregorian = parse_thai_date(*pieces)

    def _value(self) -> str:
        return self.data.isoformat() if self.data else ""


class _ThaiMessages:
    """WTForms' own messages ("This field is required." ...) through the app's catalogue:
    WTForms ships no Thai, so its messages are translated in app/translations like ours."""

    def gettext(self, string: str) -> str:
        from flask_babel import gettext

        return str(gettext(string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        from flask_babel import ngettext

        return str(ngettext(singular, plural, n))


class Form(FlaskForm):
    """Every web form: Flask-WTF's CSRF, with WTForms' messages in the reader's language."""

    class Meta:
        def get_translations(self, form: Any) -> _ThaiMessages:
            return _ThaiMessages()
