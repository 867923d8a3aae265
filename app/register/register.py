"""The per-LAO competency register and coverage flags, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import LAO_ROLES, User
from app.dates import local_date
from app.extensions import db
from app.org.models import Lao
from app.register.assignments import REQUIRED_LEVEL
from app.register.competency import Evidence, current_levels, evidence_of
from app.register.models import Assignment
from app.subsystems import CODES

COMPETENT = 2
EXPIRING_DAYS = 60
FLAGS = ("no_competent", "single_competent", "assignee_not_competent", "expiring_soon")


@dataclass
class Row:
    user: User
    cells: dict[str, dict[str, Any]]


@dataclass
class Coverage:
    competent: list[int] = field(default_factory=list)
    primary: list[int] = field(default_factory=list)
    backup: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    not_competent_assignees: list[int] = field(default_factory=list)
    expiring: list[int] = field(default_factory=list)


def coverage_flags(levels: dict[int, dict[str, Evidence]], assignments: list[Assignment],
                   subsystem: str, now: datetime) -> Coverage:
    """Pure: coverage of one system from everyone's current levels and assignments."""
    cov = Coverage()
    soon = now + timedelta(days=EXPIRING_DAYS)
    for user_id, held in levels.items():
        ev = held.get(subsystem)
        if ev and ev.level >= COMPETENT:
            cov.competent.append(user_id)
            if ev.expires_at <= soon:
                cov.expiring.append(user_id)
    for a in assignments:
        if a.subsystem != subsystem:
            continue
        if a.status == "pending_approval":
            cov.pending.append(a.user_id)
            continue
        (cov.primary if a.role == "primary" else cov.backup).append(a.user_id)
        ev = levels.get(a.user_id, {}).get(subsystem)
        if ev is None or ev.level < REQUIRED_LEVEL[a.role]:
            cov.not_competent_assignees.append(a.user_id)
        elif ev.expires_at <= soon and a.user_id not in cov.expiring:
            cov.expiring.append(a.user_id)
    if not cov.competent:
        cov.flags.append("no_competent")
    elif len(cov.competent) == 1:
        cov.flags.append("single_competent")
    if cov.not_competent_assignees:
        cov.flags.append("assignee_not_competent")
    if cov.expiring:
        cov.flags.append("expiring_soon")
    return cov


def build_register(lao: Lao, now: datetime) -> tuple[list[Row], dict[str, Coverage]]:
    """Staff x systems with level, source, expiry and P/B; coverage per system."""
    staff = list(db.session.scalars(
        select(User).where(User.lao_id == lao.id, User.role.in_(LAO_ROLES),
                           User.status == "active")
        .options(selectinload(User.unit)).order_by(User.full_name)))
    evidence = evidence_of([u.id for u in staff])
    levels = {uid: current_levels(events, now) for uid, events in evidence.items()}
    assignments = list(db.session.scalars(select(Assignment).where(
        Assignment.lao_id == lao.id, Assignment.status.in_(("active", "pending_approval")))))
    duty = {(a.user_id, a.subsystem): a for a in assignments if a.status == "active"}
    rows = []
    for user in staff:
        cells = {}
        for code in CODES:
            ev = levels[user.id].get(code)
            a = duty.get((user.id, code))
            cells[code] = {
                "level": ev.level if ev else 0,
                "source": ev.source if ev else None,
                "expires_at": local_date(ev.expires_at).isoformat() if ev else None,
                "assignment": a.role if a else None,
            }
        rows.append(Row(user, cells))
    coverage = {code: coverage_flags(levels, assignments, code, now) for code in CODES}
    return rows, coverage


def register_body(lao: Lao, rows: list[Row], coverage: dict[str, Coverage]) -> dict[str, Any]:
    return {
        "lao_id": lao.id,
        "staff": [{"user_id": r.user.id, "full_name": r.user.full_name,
                   "unit": r.user.unit.name if r.user.unit else None, "cells": r.cells}
                  for r in rows],
        "coverage": {code: {"competent": len(c.competent), "primary": len(c.primary),
                            "backup": len(c.backup), "flags": c.flags}
                     for code, c in coverage.items()},
    }
