"""Dates typed as day / month / Buddhist Era year: read right, wrong ones named, CE noticed."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from app.forms import DateProblem, ThaiDateField, parse_thai_date


@pytest.mark.parametrize(("typed", "expected", "gregorian"), [
    (("1", "10", "2569"), date(2026, 10, 1), False),
    (("๑", "๑๐", "๒๕๖๙"), date(2026, 10, 1), False),  # Thai digits
    ((" 29", "2 ", "2567"), date(2024, 2, 29), False),
    (("1", "10", "2026"), date(2026, 10, 1), True),  # a CE year, read and noted
])
def test_typed_dates_are_read(typed, expected, gregorian):
    assert parse_thai_date(*typed) == (expected, gregorian)


@pytest.mark.parametrize(("typed", "says"), [
    (("31", "2", "2569"), "no such day"),
    (("29", "2", "2569"), "no such day"),  # 2026 is no leap year
    (("1", "13", "2569"), "no such day"),
    (("1", "10", "69"), "four digits"),
    (("1", "10", "3000"), "Buddhist Era"),
    (("1", "ต.ค.", "2569"), "digits"),
    (("", "10", "2569"), "day, the month and the year"),
])
def test_bad_dates_say_what_to_fix(typed, says):
    with pytest.raises(DateProblem, match=says):
        parse_thai_date(*typed)


def test_the_field_reads_three_boxes_or_one(app):
    from flask_wtf import FlaskForm

    class Form(FlaskForm):
        start = ThaiDateField("start")

    with app.test_request_context():
        three = Form(MultiDict({"start-day": "1", "start-month": "10", "start-year": "2569"}),
                     meta={"csrf": False})
        assert three.start.data == date(2026, 10, 1)
        assert 'value="2569"' in str(three.start())
        one = Form(MultiDict({"start": "2026-11-01"}), meta={"csrf": False})
        assert one.start.data == date(2026, 11, 1)
        slashed = Form(MultiDict({"start": "1/11/2569"}), meta={"csrf": False})
        assert slashed.start.data == date(2026, 11, 1)
        bad = Form(MultiDict({"start-day": "30", "start-month": "2", "start-year": "2569"}),
                   meta={"csrf": False})
        assert not bad.validate()
        assert bad.start.data is None
        assert 'aria-invalid="true"' in str(bad.start())
        assert 'value="30"' in str(bad.start())  # what was typed stays, to be corrected
