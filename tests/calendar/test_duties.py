"""The duties file: the shipped one loads; a bad one is refused whole, naming line and
problem; recurrences give the right dates inside a fiscal year."""

from datetime import date

import pytest

from app.calendar.duties import (
    DUTIES_PATH,
    Due,
    DutiesError,
    due_dates,
    fiscal_bounds,
    fiscal_year,
    parse_duties,
)
from app.subsystems import CODES

GOOD = """\
duties:
  - code: laas-monthly-report
    subsystem: e-laas
    activity: laas-monthly-report
    title_th: รายงานประจำเดือน
    title_en: Monthly report
    due: {monthly: 10}
    approval: false
    verified: false
    source: (unverified) practice
    basis_th: แนวปฏิบัติทั่วไป
"""


def test_the_shipped_file_loads_and_marks_only_confirmed_dates_as_fixed():
    duties = parse_duties(DUTIES_PATH.read_text(encoding="utf-8"))
    by_code = {d.code: d for d in duties}
    assert {d.subsystem for d in duties} <= set(CODES)
    # the confirmed deadlines of DOMAIN.md are fixed; the e-Plan one cites its rule
    assert by_code["plan-evaluation-to-council"].verified
    assert by_code["plan-evaluation-to-council"].due == Due("yearly", month=12, day=31)
    assert "2548" in by_code["plan-evaluation-to-council"].source
    assert by_code["laas-year-end-close"].due == Due("yearly", month=9, day=30)
    # the commonly cited ones ship as defaults the LAO may change
    assert not by_code["laas-budget-draft"].verified
    assert by_code["laas-budget-draft"].lao_may_change
    assert by_code["laas-statements-to-sao"].due == Due("after_year_end", day=90)
    for duty in duties:
        assert duty.verified or duty.source.startswith("(unverified)")


def test_a_good_file_parses():
    (duty,) = parse_duties(GOOD)
    assert duty.code == "laas-monthly-report"
    assert not duty.approval


@pytest.mark.parametrize(("change", "line", "problem"), [
    (("subsystem: e-laas", "subsystem: e-payroll"), 2, "subsystem must be one of"),
    (("activity: laas-monthly-report", "activity: laas-nothing"), 2,
     "'laas-nothing' is not in the task catalog"),
    (("activity: laas-monthly-report", "activity: gp-annual-plan"), 2, "belongs to e-gp"),
    (("{monthly: 10}", "{monthly: 32}"), 2, "monthly must be a whole number from 1 to 31"),
    (("{monthly: 10}", "{yearly: \"02-30\"}"), 2, "a date \"MM-DD\" that every year has"),
    (("{monthly: 10}", "{weekly: 1}"), 2, "due needs exactly one of"),
    (("approval: false", "approval: maybe"), 2, "approval must be true or false"),
    (("verified: false", "verified: true"), 2, "a verified duty cites its rule"),
    (("source: (unverified) practice", "source: a rule"), 2, "starts with (unverified)"),
    (("    source: (unverified) practice", "    source: (unverified) x\n    colour: red"), 2,
     "unknown keys colour"),
    (("basis_th: แนวปฏิบัติทั่วไป", "basis_th: common practice"), 2, "must be in Thai"),
    (("    basis_th: แนวปฏิบัติทั่วไป\n", ""), 2, "basis_th is required text"),
])
def test_a_bad_duty_is_refused_with_its_line_and_problem(change, line, problem):
    with pytest.raises(DutiesError) as caught:
        parse_duties(GOOD.replace(*change), "duties.yaml")
    assert any(p.startswith(f"duties.yaml:{line}:") and problem in p
               for p in caught.value.problems), caught.value.problems


def test_one_bad_duty_refuses_the_whole_file_and_every_problem_is_listed():
    second = GOOD.split("\n", 1)[1].replace("monthly: 10", "monthly: 0")
    text = GOOD + second  # the same code twice, and a bad day
    with pytest.raises(DutiesError) as caught:
        parse_duties(text, "duties.yaml")
    problems = caught.value.problems
    assert any("duties.yaml:12:" in p and "code is used twice" in p for p in problems)
    assert any("duties.yaml:12:" in p and "from 1 to 31" in p for p in problems)


def test_broken_yaml_names_its_line():
    with pytest.raises(DutiesError) as caught:
        parse_duties(GOOD + "  - code: [unclosed\n", "duties.yaml")
    assert caught.value.problems[0].startswith("duties.yaml:")
    assert "not valid YAML" in caught.value.problems[0]


def test_fiscal_year_runs_october_to_september_in_buddhist_era():
    assert fiscal_year(date(2026, 9, 30)) == 2569
    assert fiscal_year(date(2026, 10, 1)) == 2570
    assert fiscal_bounds(2570) == (date(2026, 10, 1), date(2027, 9, 30))


def test_due_dates_inside_one_fiscal_year():
    monthly = due_dates(Due("monthly", day=31), 2570)
    assert len(monthly) == 12
    assert monthly[0] == date(2026, 10, 31)
    assert monthly[4] == date(2027, 2, 28)
    assert due_dates(Due("yearly", month=12, day=31), 2570) == [date(2026, 12, 31)]
    assert due_dates(Due("yearly", month=8, day=15), 2570) == [date(2027, 8, 15)]
    assert due_dates(Due("after_year_end", day=90), 2570) == [date(2026, 12, 29)]
