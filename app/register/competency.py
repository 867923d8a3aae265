"""THE derivation of a person's current level per system from their evidence.

The register, the assignment gate and the dashboards all read levels from here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import Subquery, func, select

from app.extensions import db
from app.register.models import CompetencyEvent


@dataclass(frozen=True)
class Evidence:
    subsystem: str
    level: int
    source: str
    achieved_at: datetime
    expires_at: datetime


def current_levels(events: Iterable[Evidence], now: datetime) -> dict[str, Evidence]:
    """Per system: the newest event of each source supersedes older ones of that source;
    of those still valid, the highest level counts (ties: the newest)."""
    latest: dict[tuple[str, str], Evidence] = {}
    for event in events:
        key = (event.subsystem, event.source)
        if key not in latest or event.achieved_at > latest[key].achieved_at:
            latest[key] = event
    best: dict[str, Evidence] = {}
    for event in latest.values():
        if event.expires_at <= now:
            continue
        held = best.get(event.subsystem)
        if held is None or (event.level, event.achieved_at) > (held.level, held.achieved_at):
            best[event.subsystem] = event
    return best


def record_evidence(user_id: int, subsystem: str, level: int, source: str, ref: str,
                    now: datetime) -> CompetencyEvent:
    """Append one piece of evidence (flushes, never commits)."""
    days = current_app.config.get("COMPETENCY_VALID_DAYS", 365)
    event = CompetencyEvent(user_id=user_id, subsystem=subsystem, level=level, source=source,
                            achieved_at=now, expires_at=now + timedelta(days=days),
                            evidence_ref=ref)
    db.session.add(event)
    db.session.flush()
    return event


def evidence_of(user_ids: list[int]) -> dict[int, list[Evidence]]:
    """Every piece of evidence of these people, in one query."""
    found: dict[int, list[Evidence]] = {uid: [] for uid in user_ids}
    if not user_ids:
        return found
    rows = db.session.scalars(select(CompetencyEvent).where(
        CompetencyEvent.user_id.in_(user_ids)))
    for row in rows:
        found[row.user_id].append(Evidence(row.subsystem, row.level, row.source,
                                           row.achieved_at, row.expires_at))
    return found


def levels_of(user_id: int, now: datetime) -> dict[str, Evidence]:
    return current_levels(evidence_of([user_id])[user_id], now)


def current_levels_query(now: datetime, user_filter: Any = None) -> Subquery:
    """The same rule as current_levels, for the database (roll-ups over thousands of LAOs):
    newest event per (person, system, source), still valid, highest level per system.
    Columns: user_id, subsystem, level."""
    ranked = select(
        CompetencyEvent.user_id, CompetencyEvent.subsystem, CompetencyEvent.level,
        CompetencyEvent.expires_at,
        func.row_number().over(
            partition_by=(CompetencyEvent.user_id, CompetencyEvent.subsystem,
                          CompetencyEvent.source),
            order_by=(CompetencyEvent.achieved_at.desc(), CompetencyEvent.id.desc()),
        ).label("rn"))
    if user_filter is not None:
        ranked = ranked.where(CompetencyEvent.user_id.in_(user_filter))
    latest = ranked.subquery("latest")
    return (select(latest.c.user_id, latest.c.subsystem, func.max(latest.c.level).label("level"))
            .where(latest.c.rn == 1, latest.c.expires_at > now)
            .group_by(latest.c.user_id, latest.c.subsystem).subquery("current_level"))
