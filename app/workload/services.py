"""Workload verbs: read an LAO's volumes and settings, change them, analyse the LAO.

Flush, never commit; every change writes an audit record."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import audit
from app.auth.models import User
from app.errors import N_, Invalid
from app.extensions import db
from app.org.models import Lao
from app.org.staff import staff_of
from app.register.competency import current_levels, evidence_of
from app.register.models import Assignment
from app.workload import wisn
from app.workload.catalog import MAX_VOLUME, CatalogActivity, activity_index, load_catalog
from app.workload.models import WorkloadSettings, WorkloadVolume


@dataclass(frozen=True)
class VolumeRow:
    activity: CatalogActivity
    default: int
    volume: int
    overridden: bool


def volume_rows(lao: Lao) -> list[VolumeRow]:
    """Every catalog activity with the LAO's yearly volume (its own, else the default)."""
    own: dict[str, int] = dict(db.session.execute(
        select(WorkloadVolume.activity, WorkloadVolume.volume)
        .where(WorkloadVolume.lao_id == lao.id)).all())
    rows = []
    for acts in load_catalog().values():
        for a in acts:
            default = a.volume[lao.size_class]
            rows.append(VolumeRow(a, default, own.get(a.code, default), a.code in own))
    return rows


def _volume_problem(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be a whole number (or null for the default)"
    if not 0 <= value <= MAX_VOLUME:
        return f"must be from 0 to {MAX_VOLUME}"
    return None


def update_volumes(actor: User, lao: Lao, changes: Mapping[str, Any]) -> None:
    """Set the LAO's own yearly volumes ({activity code: whole number, or None for the
    default}); a single bad entry refuses them all."""
    index = activity_index(load_catalog())
    problems = {code: "is not an activity of the task catalog" for code in changes
                if code not in index}
    for code, value in changes.items():
        if code in index and (problem := _volume_problem(value)):
            problems[code] = problem
    if problems:
        raise Invalid(N_("invalid volumes: ") + "; ".join(f"{k} {v}" for k, v in problems.items()),
                      {"fields": problems})
    rows = {r.activity: r for r in db.session.scalars(select(WorkloadVolume).where(
        WorkloadVolume.lao_id == lao.id, WorkloadVolume.activity.in_(list(changes))))}
    before, after = {}, {}
    for code, value in changes.items():
        row = rows.get(code)
        old = row.volume if row else None
        new = None if value is None else int(value)
        if old == new:
            continue
        before[code], after[code] = old, new
        if new is None and row is not None:
            db.session.delete(row)
        elif new is not None and row is None:
            db.session.add(WorkloadVolume(lao_id=lao.id, subsystem=index[code].subsystem,
                                          activity=code, volume=new))
        elif new is not None and row is not None:
            row.volume = new
    db.session.flush()
    if after:
        audit.record(actor, "workload.volumes", lao, lao_id=lao.id, before=before, after=after)


def current_settings(lao: Lao) -> wisn.Settings:
    row = db.session.get(WorkloadSettings, lao.id)
    if row is None:
        return wisn.Settings()
    return wisn.Settings(row.working_days, row.public_holidays, row.annual_leave,
                         row.sick_leave, row.other_leave, row.hours_per_day,
                         dict(row.cas), dict(row.ias_hours))


def settings_dict(s: wisn.Settings) -> dict[str, Any]:
    return {**{name: getattr(s, name) for name in wisn.NUMBER_FIELDS},
            "cas": dict(s.cas), "ias_hours": dict(s.ias_hours)}


def invalid_settings(exc: wisn.SettingsError) -> Invalid:
    fields: dict[str, str] = {}
    for p in exc.problems:
        fields[p.field] = f"{fields[p.field]}; {p.message}" if p.field in fields else p.message
    return Invalid(f"invalid workload settings: {exc}", {
        "fields": fields,
        "problems": [{"field": p.field, "code": p.code, "message": p.message}
                     for p in exc.problems]})


def update_settings(actor: User, lao: Lao, changes: Mapping[str, Any]) -> wisn.Settings:
    """Change some or all working-time settings; any problem refuses the whole change."""
    before = current_settings(lao)
    try:
        new = wisn.settings_from(changes, before)
    except wisn.SettingsError as exc:
        raise invalid_settings(exc) from exc
    row = db.session.get(WorkloadSettings, lao.id)
    if row is None:
        row = WorkloadSettings(lao_id=lao.id)
        db.session.add(row)
    for name in wisn.NUMBER_FIELDS:
        setattr(row, name, getattr(new, name))
    row.cas, row.ias_hours, row.updated_by_id = dict(new.cas), dict(new.ias_hours), actor.id
    db.session.flush()
    audit.record(actor, "workload.settings", lao, lao_id=lao.id,
                 before=settings_dict(before), after=settings_dict(new))
    return new


@dataclass(frozen=True)
class LaoWorkload:
    lao: Lao
    analysis: wisn.Analysis
    people: dict[int, User]  # assignees and available staff, by id
    levels: dict[int, dict[str, int]]


def analyse_lao(lao: Lao, now: datetime) -> LaoWorkload:
    """The WISN picture of an LAO from its active assignments, volumes, settings and levels,
    in a constant number of queries."""
    staff = {u.id: u for u in staff_of(lao, active_only=True)}
    duties = list(db.session.scalars(select(Assignment).where(
        Assignment.lao_id == lao.id, Assignment.status == "active")
        .order_by(Assignment.id)))
    active = [uid for uid, u in staff.items() if u.status == "active"]
    evidence = evidence_of(active)
    levels = {uid: {code: ev.level for code, ev in current_levels(events, now).items()}
              for uid, events in evidence.items()}
    missing = {d.user_id for d in duties} - set(staff)
    if missing:  # an assignee no longer listed as staff still carries the work
        staff.update({u.id: u for u in db.session.scalars(
            select(User).where(User.id.in_(missing)))})
    activities: dict[str, list[wisn.Activity]] = {}
    for row in volume_rows(lao):
        activities.setdefault(row.activity.subsystem, []).append(
            wisn.Activity(row.activity.code, row.volume, row.activity.minutes))
    analysis = wisn.analyse(current_settings(lao), activities,
                            [wisn.Duty(d.user_id, d.subsystem, d.share_percent) for d in duties],
                            levels)
    return LaoWorkload(lao, analysis, staff, levels)
