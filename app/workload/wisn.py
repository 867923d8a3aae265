"""The WHO WISN method and the fairness measures, as functions of plain values.

WISN (Workload Indicators of Staffing Need, WHO user's manual 2010), applied to e-system work:
  AWT  = (working days - public holidays - annual, sick and other leave) x hours per day
  standard workload of an activity = AWT / unit time      (units one person can do in a year)
  CAF  = 1 / (1 - total CAS% / 100)    support work everyone does (meetings, training)
  IAF  = total IAS hours / AWT         work only some do (committees), in staff
  required staff = sum(volume / standard workload) x CAF + IAF
  WISN difference = assigned - required; WISN ratio = assigned / required (< 1 = shortage)
No database, no Flask: the services load the numbers and call these.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dc_field  # Problem has a field named "field"
from typing import Any

from app.subsystems import CODES

COMPETENT = 2  # level 2 runs the system alone (app/register/register.py)
LEARNER = 1
DAY_FIELDS = ("working_days", "public_holidays", "annual_leave", "sick_leave", "other_leave")
NUMBER_FIELDS = (*DAY_FIELDS, "hours_per_day")
SETTING_FIELDS = (*NUMBER_FIELDS, "cas", "ias_hours")
MAX_DAYS = 366
EPS = 1e-9
# National defaults, documented in app/workload/README.md: 52 weeks x 5 days; the Cabinet's
# usual 19 weekday public holidays; 10 days of annual leave (a civil servant's yearly
# entitlement); 5 days of sick leave and 2 of other leave (training away, personal business)
# on average; 7 hours a day (08:30-16:30 less an hour's lunch).
DEFAULT_CAS = {"ประชุมประจำเดือนและประชุมกอง": 5.0, "ฝึกอบรมและพัฒนาตนเอง": 3.0}


@dataclass(frozen=True)
class Settings:
    working_days: float = 260
    public_holidays: float = 19
    annual_leave: float = 10
    sick_leave: float = 5
    other_leave: float = 2
    hours_per_day: float = 7
    cas: Mapping[str, float] = dc_field(default_factory=lambda: dict(DEFAULT_CAS))
    ias_hours: Mapping[str, float] = dc_field(default_factory=dict)

    @property
    def days_off(self) -> float:
        return self.public_holidays + self.annual_leave + self.sick_leave + self.other_leave


MESSAGES = {
    "unknown_field": "is not a setting",
    "not_a_number": "must be a number",
    "negative": "must not be negative",
    "too_many_days": f"must be at most {MAX_DAYS} days",
    "no_working_time": "public holidays and leave ({days_off:g} days) must be fewer than the "
                       "working days ({working_days:g})",
    "hours_range": "must be from 1 to 24 hours",
    "not_a_mapping": "must be an object",
    "empty_name": "each allowance needs a name",
    "cas_total": "allowances total {total:g}% and must stay below 100%",
    "unknown_system": "unknown system {code}",
}


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    params: Mapping[str, Any] = dc_field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)


class SettingsError(ValueError):
    """Working-time settings that cannot be used; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


def _number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _check_mapping(name: str, value: Any, problems: list[Problem]) -> bool:
    if not isinstance(value, Mapping):
        problems.append(Problem(name, "not_a_mapping"))
        return False
    for key, amount in value.items():
        if not isinstance(key, str) or not key.strip():
            problems.append(Problem(name, "empty_name"))
        elif name == "ias_hours" and key not in CODES:
            problems.append(Problem(name, "unknown_system", {"code": key}))
        if not _number(amount):
            problems.append(Problem(name, "not_a_number"))
        elif amount < 0:
            problems.append(Problem(name, "negative"))
    return True


def validate_settings(values: Mapping[str, Any]) -> list[Problem]:
    """Every problem of a full set of settings (types, ranges, leave within working days)."""
    problems = [Problem(k, "unknown_field") for k in values if k not in SETTING_FIELDS]
    numbers_ok = True
    for name in NUMBER_FIELDS:
        value: Any = values.get(name)
        if not _number(value):
            problems.append(Problem(name, "not_a_number"))
            numbers_ok = numbers_ok and name == "hours_per_day"
        elif name == "hours_per_day":
            if not 1 <= value <= 24:
                problems.append(Problem(name, "hours_range"))
        elif value < 0:
            problems.append(Problem(name, "negative"))
            numbers_ok = False
        elif value > MAX_DAYS:
            problems.append(Problem(name, "too_many_days"))
    if numbers_ok:
        days_off = sum(values[n] for n in DAY_FIELDS[1:])
        if days_off >= values["working_days"]:
            problems.append(Problem("leave", "no_working_time", {
                "days_off": days_off, "working_days": values["working_days"]}))
    cas: Any = values.get("cas")
    if _check_mapping("cas", cas, problems) and all(_number(v) for v in cas.values()):
        total = sum(cas.values())
        if total >= 100:
            problems.append(Problem("cas", "cas_total", {"total": total}))
    _check_mapping("ias_hours", values.get("ias_hours"), problems)
    return problems


def settings_from(changes: Mapping[str, Any], base: Settings | None = None) -> Settings:
    """The base settings with these changes applied, or SettingsError listing every problem."""
    base = base or Settings()
    merged: dict[str, Any] = {name: getattr(base, name) for name in SETTING_FIELDS}
    merged.update(changes)
    problems = validate_settings(merged)
    if problems:
        raise SettingsError(problems)
    return replace(base, **{k: float(merged[k]) for k in NUMBER_FIELDS},
                   cas={k.strip(): float(v) for k, v in merged["cas"].items()},
                   ias_hours={k: float(v) for k, v in merged["ias_hours"].items() if v})


# --- the WISN steps -------------------------------------------------------------------------

def available_working_time(s: Settings) -> float:
    """AWT in hours a year."""
    return (s.working_days - s.days_off) * s.hours_per_day


def category_allowance_factor(cas_percents: Iterable[float]) -> float:
    """CAF = 1 / (1 - total CAS% / 100)."""
    return 1 / (1 - sum(cas_percents) / 100)


def individual_allowance_factor(ias_hours: float, awt_hours: float) -> float:
    """IAF = total IAS hours / AWT, in staff."""
    return ias_hours / awt_hours


def standard_workload(awt_hours: float, unit_minutes: float) -> float:
    """Units of an activity one person can do in a year."""
    return awt_hours * 60 / unit_minutes


@dataclass(frozen=True)
class Activity:
    code: str
    volume: float
    unit_minutes: float


@dataclass(frozen=True)
class SystemNeed:
    workload_hours: float
    activity_staff: float  # sum(volume / standard workload), before the allowances
    iaf: float
    required_staff: float
    assigned_staff: int
    assigned_share_percent: float
    difference: float
    ratio: float | None
    reading: str


def wisn_ratio(assigned: float, required: float) -> float | None:
    """assigned / required; None when nothing is required."""
    return assigned / required if required > EPS else None


def reading(required: float, assigned: float) -> str:
    """Shortage below a ratio of 1 (serious below 0.5); surplus from one whole person more."""
    ratio = wisn_ratio(assigned, required)
    if ratio is None:
        return "no_workload"
    if ratio < 0.5:
        return "serious_shortage"
    if ratio < 1:
        return "shortage"
    return "surplus" if assigned - required >= 1 else "balanced"


def system_need(activities: Iterable[Activity], assigned: int, share_percent: float,
                awt_hours: float, caf: float, iaf: float) -> SystemNeed:
    acts = list(activities)
    activity_staff = sum(a.volume / standard_workload(awt_hours, a.unit_minutes) for a in acts)
    required = activity_staff * caf + iaf
    return SystemNeed(
        workload_hours=sum(a.volume * a.unit_minutes for a in acts) / 60,
        activity_staff=activity_staff, iaf=iaf, required_staff=required,
        assigned_staff=assigned, assigned_share_percent=share_percent,
        difference=assigned - required, ratio=wisn_ratio(assigned, required),
        reading=reading(required, assigned))


# --- per person and fairness -----------------------------------------------------------------

@dataclass(frozen=True)
class Duty:
    user_id: int
    subsystem: str
    share_percent: float


@dataclass(frozen=True)
class PersonLoad:
    user_id: int
    hours: float
    load_ratio: float
    systems: tuple[str, ...]
    hours_by_system: Mapping[str, float]
    only_competent_in: tuple[str, ...]
    flags: tuple[str, ...]


def person_loads(duties: Iterable[Duty], workload_hours: Mapping[str, float], awt_hours: float,
                 competent: Mapping[str, set[int]]) -> list[PersonLoad]:
    """Each assignee's yearly e-system hours (their share of each system's workload) and
    flags; heaviest load first."""
    by_person: dict[int, dict[str, float]] = {}
    assignees: dict[str, set[int]] = {}
    for d in duties:
        share = by_person.setdefault(d.user_id, {})
        share[d.subsystem] = share.get(d.subsystem, 0) + d.share_percent
        assignees.setdefault(d.subsystem, set()).add(d.user_id)
    out = []
    for uid, shares in by_person.items():
        hours_by = {c: workload_hours.get(c, 0) * p / 100 for c, p in shares.items()}
        hours = sum(hours_by.values())
        load = hours / awt_hours
        systems = tuple(c for c in CODES if c in shares)
        # the system hangs on this one person: the only competent one and the only assignee
        alone = tuple(c for c in systems
                      if competent.get(c, set()) == {uid} and assignees.get(c) == {uid})
        flags = [name for name, on in (("overloaded", load > 1.0),
                                       ("three_or_more_systems", len(systems) >= 3),
                                       ("only_competent", bool(alone))) if on]
        out.append(PersonLoad(uid, hours, load, systems, hours_by, alone, tuple(flags)))
    return sorted(out, key=lambda p: (-p.load_ratio, p.user_id))


def gini(values: Iterable[float]) -> float | None:
    """Gini coefficient: 0 = evenly spread, towards 1 = carried by one person.
    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean); None for no values."""
    xs = sorted(values)
    n = len(xs)
    if n == 0:
        return None
    total = sum(xs)
    if total <= 0:
        return 0.0
    # the sorted form of the double sum: sum_i (2i - n - 1) x_i, i from 1
    return sum((2 * i - n - 1) * x for i, x in enumerate(xs, start=1)) / (n * total)


def spread(values: Iterable[float]) -> tuple[float | None, float | None, float | None]:
    """(max, median, max / median) of the values; None where undefined."""
    xs = list(values)
    if not xs:
        return None, None, None
    top, mid = max(xs), statistics.median(xs)
    return top, mid, (top / mid if mid > EPS else None)


# --- suggestions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    user_id: int  # the overloaded person
    subsystem: str
    candidate_id: int | None  # None: nobody competent has spare time
    hours: float  # hours a year to hand over
    share_percent: float  # of the system's work
    trainable: tuple[int, ...] = ()  # with no candidate: level-1 people who could be trained


def _hand_over(person: PersonLoad, excess: float, spare: dict[int, float],
               workload_hours: Mapping[str, float], competent: Mapping[str, set[int]],
               ) -> tuple[list[Suggestion], float]:
    found = []
    order = sorted(person.systems, key=lambda c: (-person.hours_by_system.get(c, 0), c))
    for code in order:
        movable = person.hours_by_system.get(code, 0)
        candidates = sorted((uid for uid in competent.get(code, set())
                             if uid != person.user_id and spare.get(uid, 0) > EPS),
                            key=lambda uid: (-spare[uid], uid))
        for uid in candidates:
            if excess <= EPS or movable <= EPS:
                break
            hours = min(excess, movable, spare[uid])
            found.append(Suggestion(person.user_id, code, uid, hours,
                                    hours / workload_hours[code] * 100))
            spare[uid] -= hours
            excess -= hours
            movable -= hours
    return found, excess


def suggestions(people: Iterable[PersonLoad], workload_hours: Mapping[str, float],
                awt_hours: float, levels: Mapping[int, Mapping[str, int]],
                ) -> list[Suggestion]:
    """For each overloaded person, who could take over part of their work: competent
    (level >= 2) colleagues with spare time, most spare time first, never pushed over their
    own available time. What nobody can take names who could be trained (level 1).
    `levels` holds every available colleague, with {} for one without evidence."""
    loads = list(people)
    hours = {p.user_id: p.hours for p in loads}
    pool = set(levels)
    spare = {uid: awt_hours - hours.get(uid, 0) for uid in pool}
    competent = {c: {u for u in pool if levels.get(u, {}).get(c, 0) >= COMPETENT}
                 for c in CODES}
    out: list[Suggestion] = []
    for person in sorted(loads, key=lambda p: (-p.load_ratio, p.user_id)):
        if "overloaded" not in person.flags:
            continue
        found, left = _hand_over(person, person.hours - awt_hours, spare, workload_hours,
                                 competent)
        out.extend(found)
        if left > EPS:
            code = max(person.systems, key=lambda c: (person.hours_by_system.get(c, 0), c))
            learners = tuple(sorted(u for u in pool if u != person.user_id
                                    and levels.get(u, {}).get(code, 0) == LEARNER))
            share = left / workload_hours[code] * 100 if workload_hours.get(code) else 0.0
            out.append(Suggestion(person.user_id, code, None, left, share, learners))
    return out


# --- everything for one LAO -----------------------------------------------------------------

@dataclass(frozen=True)
class Analysis:
    settings: Settings
    awt_hours: float
    caf: float
    systems: Mapping[str, SystemNeed]
    people: list[PersonLoad]
    gini: float | None
    max_hours: float | None
    median_hours: float | None
    max_to_median: float | None
    suggestions: list[Suggestion]


def analyse(settings: Settings, activities: Mapping[str, Iterable[Activity]],
            duties: Iterable[Duty], levels: Mapping[int, Mapping[str, int]]) -> Analysis:
    """The whole workload picture of an LAO from plain values. Settings must be valid;
    `levels` holds the current level per system of every available staff member."""
    duties = list(duties)
    awt = available_working_time(settings)
    caf = category_allowance_factor(settings.cas.values())
    systems = {}
    for code in CODES:
        mine = [d for d in duties if d.subsystem == code]
        iaf = individual_allowance_factor(settings.ias_hours.get(code, 0), awt)
        systems[code] = system_need(activities.get(code, ()), len({d.user_id for d in mine}),
                                    sum(d.share_percent for d in mine), awt, caf, iaf)
    hours = {c: s.workload_hours for c, s in systems.items()}
    competent = {c: {u for u, held in levels.items() if held.get(c, 0) >= COMPETENT}
                 for c in CODES}
    people = person_loads(duties, hours, awt, competent)
    carrying = [p.hours for p in people if p.hours > EPS]
    top, mid, ratio = spread(carrying)
    return Analysis(settings, awt, caf, systems, people, gini(carrying), top, mid, ratio,
                    suggestions(people, hours, awt, levels))
