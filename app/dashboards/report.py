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
    """One query: the rows with their totals, groups, buckets and need ranks; this function
    only reads those figures off the rows."""
    area = resolve_area(actor, level, area_id)
    stmt = rollups.lao_rows(area, now)
    if lao_type in LAO_TYPES:
        stmt = stmt.where(Lao.type == lao_type)
    if size in SIZE_CLASSES:
        stmt = stmt.where(Lao.size_class == size)
    by = {"country": "province", "province": "district"}.get(level)
    rows = list(db.session.execute(rollups.with_summaries(
        stmt, sort if sort in rollups.SORTS else "coverage", descending, by)))
    first = rows[0] if rows else None
    totals = {"laos": int(first.t_laos) if first else 0,
              "coverage_ratio": round(float(first.t_coverage or 0), 4) if first else 0.0,
              "mandatory_compliance": round(float(first.t_compliance or 0), 4) if first
              else 0.0, "fully_covered": int(first.t_full or 0) if first else 0,
              "on_time_share": round(float(first.t_on_time), 4)
              if first is not None and getattr(first, "t_on_time", None) is not None else None,
              "overdue": int(getattr(first, "t_overdue", 0) or 0) if first else 0}
    groups: dict[Any, dict[str, Any]] = {}
    histogram = [0] * 7
    for r in rows:
        key = (r.province_id, r.province) if by == "province" else (r.district_id, r.district)
        groups.setdefault(key, {"id": key[0], "name": key[1], "laos": int(r.g_laos),
                                "coverage_ratio": round(float(r.g_coverage or 0), 4),
                                "mandatory_compliance": round(float(r.g_compliance or 0), 4)})
        histogram[int(r.bucket)] = int(r.bucket_laos)
    # an LAO with every system covered and every executive trained needs no help
    neediest = sorted((r for r in rows if r.need_rank <= 10 and (
        r.coverage_ratio < 1 or r.mandatory_compliance < 1)), key=lambda r: r.need_rank)
    ordered_groups = sorted(groups.values(), key=lambda g: (g["coverage_ratio"], g["name"]))
    return Report(level, area_id, rows, totals, ordered_groups if by else [], histogram,
                  neediest)
