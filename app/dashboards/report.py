"""A roll-up as pages and exports use it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.auth.models import User
from app.dashboards import rollups
from app.dashboards.scope import resolve_area
from app.extensions import db
from app.org.models import LAO_TYPES, SIZE_CLASSES, Lao


@dataclass
class Report:
    level: str
    area_id: str
    rows: list[Any]
    totals: dict[str, Any]
    groups: list[dict[str, Any]]
    histogram: list[int]
    neediest: list[Any]


def rollup_report(actor: User, level: str, area_id: str, now: datetime, *, sort: str,
                  descending: bool, lao_type: str | None = None,
                  size: str | None = None) -> Report:
    area = resolve_area(actor, level, area_id)
    stmt = rollups.lao_rows(area, now)
    if lao_type in LAO_TYPES:
        stmt = stmt.where(Lao.type == lao_type)
    if size in SIZE_CLASSES:
        stmt = stmt.where(Lao.size_class == size)
    rows = list(db.session.execute(rollups.ordered(stmt, sort if sort in rollups.SORTS
                                                   else "coverage", descending)))
    need = list(db.session.execute(
        rollups.ordered(stmt, "coverage", False).limit(10)))
    by = {"country": "province", "province": "district"}.get(level)
    return Report(level, area_id, rows, rollups.totals(stmt),
                  rollups.groups(stmt, by) if by else [], rollups.histogram(stmt), need)
