"""The reporting duties file and the dates it gives: pure, no database.

A file with any problem is refused whole (DutiesError), each problem named with the file and
line, as the task catalog beside it is.
"""

from __future__ import annotations

import calendar as gregorian
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.content.files import LineDict, _LineLoader
from app.subsystems import CODES
from app.workload.catalog import CATALOG_PATH, CatalogActivity, check_code, load_catalog

DUTIES_PATH = CATALOG_PATH.with_name("reporting_duties.yaml")
MONTH_DAY_RE = re.compile(r"^(\d{2})-(\d{2})$")
KINDS = ("monthly", "yearly", "after_year_end", "set_by_lao")
KEYS = {"code", "subsystem", "activity", "title_th", "title_en", "due", "approval",
        "verified", "source", "basis_th"}
UNVERIFIED = "(unverified)"
THAI = re.compile("[\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Due:
    kind: str  # monthly | yearly | after_year_end | set_by_lao
    day: int = 0  # monthly: day of the month; after_year_end: days
    month: int = 0  # yearly, set_by_lao


@dataclass(frozen=True)
class Duty:
    code: str
    subsystem: str
    activity: str
    title_th: str
    title_en: str
    due: Due
    approval: bool
    verified: bool
    source: str
    basis_th: str = ""

    def basis(self, english: bool = False) -> str:
        """The rule or practice the date comes from, in the reader's language."""
        return self.source if english else self.basis_th

    @property
    def lao_may_change(self) -> bool:
        """Only an unverified default moves; a confirmed deadline is the rule's."""
        return not self.verified


class DutiesError(Exception):
    """The duties file is invalid; problems lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid reporting duties:\n" + "\n".join(problems))
        self.problems = problems


def parse_month_day(text: Any) -> tuple[int, int] | None:
    """'MM-DD' as (month, day) when it is a date of every year (never 29 February)."""
    match = MONTH_DAY_RE.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    month, day = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or not 1 <= day <= gregorian.monthrange(2025, month)[1]:
        return None
    return month, day


def _due(raw: Any) -> Due | str:
    if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in KINDS:
        return f"due needs exactly one of {', '.join(KINDS)}"
    kind, value = next(iter(raw.items()))
    if kind in ("monthly", "after_year_end"):
        top = 31 if kind == "monthly" else 365
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            return f"due {kind} must be a whole number from 1 to {top}"
        return Due(kind, day=value)
    month_day = parse_month_day(value)
    if month_day is None:
        return f"due {kind} must be a date \"MM-DD\" that every year has"
    return Due(kind, month=month_day[0], day=month_day[1])


def _duty(raw: Any, where: str, seen: set[str], activities: dict[str, CatalogActivity],
          problems: list[str]) -> Duty | None:
    line = raw.line if isinstance(raw, LineDict) else 0
    if not isinstance(raw, dict):
        problems.append(f"{where}:{line}: each duty must be a mapping")
        return None
    code = raw.get("code")
    label = f"{where}:{line}: {code}"
    before = len(problems)
    check_code(code, label, seen, problems)
    if raw.get("subsystem") not in CODES:
        problems.append(f"{label}: subsystem must be one of {' '.join(CODES)}")
    activity = activities.get(str(raw.get("activity")))
    if activity is None:
        problems.append(f"{label}: activity '{raw.get('activity')}' is not in the task catalog")
    elif activity.subsystem != raw.get("subsystem"):
        problems.append(f"{label}: activity '{activity.code}' belongs to {activity.subsystem}")
    for name in ("title_th", "title_en", "source", "basis_th"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            problems.append(f"{label}: {name} is required text")
    for name in ("title_th", "basis_th"):
        if isinstance(raw.get(name), str) and raw[name].strip() and not THAI.search(raw[name]):
            problems.append(f"{label}: {name} is read by officials and must be in Thai")
    for name in ("approval", "verified"):
        if not isinstance(raw.get(name), bool):
            problems.append(f"{label}: {name} must be true or false")
    due = _due(raw.get("due"))
    if isinstance(due, str):
        problems.append(f"{label}: {due}")
    source = str(raw.get("source") or "").strip()
    if raw.get("verified") is False and not source.startswith(UNVERIFIED):
        problems.append(f"{label}: an unverified duty's source starts with {UNVERIFIED}")
    if raw.get("verified") is True:
        if source.startswith(UNVERIFIED):
            problems.append(f"{label}: a verified duty cites its rule, not {UNVERIFIED}")
        if isinstance(due, Due) and due.kind == "set_by_lao":
            problems.append(f"{label}: a date the LAO sets cannot be verified")
    unknown = set(raw) - KEYS
    if unknown:
        problems.append(f"{label}: unknown keys {', '.join(sorted(unknown))}")
    if len(problems) > before or not isinstance(due, Due):
        return None
    return Duty(str(code), raw["subsystem"], raw["activity"], raw["title_th"].strip(),
                raw["title_en"].strip(), due, raw["approval"], raw["verified"], source,
                raw["basis_th"].strip())


def parse_duties(text: str, where: str = "reporting_duties.yaml",
                 activities: dict[str, CatalogActivity] | None = None) -> tuple[Duty, ...]:
    """Every duty of the file, in file order, or DutiesError naming each problem's line."""
    if activities is None:
        activities = {a.code: a for acts in load_catalog().values() for a in acts}
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        why = getattr(exc, "problem", None) or "unreadable"
        raise DutiesError([f"{where}:{line}: not valid YAML: {why}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("duties"), list) \
            or not data["duties"]:
        raise DutiesError([f"{where}:1: a mapping with a list of 'duties' is required"])
    problems: list[str] = []
    seen: set[str] = set()
    found = [_duty(raw, where, seen, activities, problems) for raw in data["duties"]]
    if problems:
        raise DutiesError(problems)
    return tuple(d for d in found if d is not None)


@lru_cache(maxsize=4)
def load_duties(path: Path = DUTIES_PATH) -> tuple[Duty, ...]:
    """The duties file, read and checked once per process."""
    return parse_duties(path.read_text(encoding="utf-8"), path.name)


def duty_index() -> dict[str, Duty]:
    return {d.code: d for d in load_duties()}


# --- dates -----------------------------------------------------------------------------

def fiscal_year(d: date) -> int:
    """The fiscal year (Buddhist Era, named by the year it ends in) that a day falls in."""
    return d.year + 543 + (1 if d.month >= 10 else 0)


def fiscal_bounds(year_be: int) -> tuple[date, date]:
    """First and last day of a fiscal year: 1 October to 30 September."""
    end_year = year_be - 543
    return date(end_year - 1, 10, 1), date(end_year, 9, 30)


def _on(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, gregorian.monthrange(year, month)[1]))


def due_dates(due: Due, year_be: int) -> list[date]:
    """Every due date of a recurrence inside one fiscal year, in order."""
    start, end = fiscal_bounds(year_be)
    if due.kind == "monthly":
        months = [(start.year, m) for m in (10, 11, 12)] + [(end.year, m) for m in range(1, 10)]
        return [_on(y, m, due.day) for y, m in months]
    if due.kind == "after_year_end":
        return [start - timedelta(days=1) + timedelta(days=due.day)]
    year = start.year if due.month >= 10 else end.year
    return [date(year, due.month, due.day)]
