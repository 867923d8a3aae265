"""Roll-ups of LAOs for supervisors: every figure computed by the database, in a constant
number of queries, the same SQL on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Float, Select, and_, case, cast, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app.auth.models import User
from app.calendar.models import CalendarOccurrence
from app.content.models import Course, Module
from app.dates import local_date
from app.extensions import db
from app.learning.models import Enrollment, ModuleProgress
from app.org.models import District, Lao, Province
from app.placement.models import Attempt
from app.register.competency import holders_query
from app.register.models import Assignment
from app.subsystems import CODES

COMPETENT = 2
SORTS = {"coverage", "compliance", "flags", "name", "activity"}


@dataclass(frozen=True)
class Area:
    level: str  # district | province | country
    area_id: int | None
    condition: ColumnElement[bool]


def _mandatory_total() -> int:
    return int(db.session.scalar(select(func.count(Module.id)).join(Course).where(
        Course.mandatory.is_(True), Course.audience == "executive",
        Module.retired.is_(False))) or 0)


def _calendar(in_area: Select[Any], now: datetime) -> Any:
    """Per LAO: occurrences due in the last 12 months, those finished by their due date,
    and those past due and not done (SPEC 4.8; the day is Thailand's)."""
    today = local_date(now)
    occ = CalendarOccurrence
    in_year = and_(occ.due >= today - timedelta(days=365), occ.due < today)
    return (select(occ.lao_id,
                   func.sum(case((in_year, 1), else_=0)).label("due_n"),
                   func.sum(case((and_(in_year, occ.completed_on <= occ.due), 1), else_=0))
                   .label("on_time_n"),
                   func.sum(case((and_(occ.status != "done", occ.due < today), 1), else_=0))
                   .label("overdue_n"))
            # older years count only while still open: the scan does not grow with history
            .where(occ.lao_id.in_(in_area), occ.due < today,
                   or_(occ.due >= today - timedelta(days=365), occ.status != "done"))
            .group_by(occ.lao_id).subquery("calendar"))


def lao_rows(area: Area, now: datetime, *, calendar: bool = True) -> Select[Any]:
    """One row per LAO in the area with coverage ratio, compliance, flags, last activity and
    the reporting calendar's on-time share and overdue count (calendar=False leaves those
    out: the benchmark's figure without the calendar)."""
    in_area = select(Lao.id).join(District, District.id == Lao.district_id).where(
        area.condition)
    # the whole country needs no filter: staff belong to an LAO or hold no level
    holder = holders_query(now, COMPETENT, None if area.level == "country" else in_area)
    covered = (select(Assignment.lao_id, func.count(func.distinct(Assignment.subsystem))
                      .label("n"))
               .join(holder, and_(holder.c.user_id == Assignment.user_id,
                                  holder.c.subsystem == Assignment.subsystem))
               .where(Assignment.status == "active", Assignment.role == "primary",
                      Assignment.lao_id.in_(in_area))
               .group_by(Assignment.lao_id).subquery("covered"))
    competent = (select(holder.c.lao_id, holder.c.subsystem, func.count().label("n"))
                 .group_by(holder.c.lao_id, holder.c.subsystem).subquery("competent"))
    well_staffed = (select(competent.c.lao_id, func.count().label("n"))
                    .where(competent.c.n >= 2).group_by(competent.c.lao_id)
                    .subquery("well_staffed"))
    executives = (select(User.lao_id, func.count().label("n"))
                  .where(User.role == "executive", User.status == "active",
                         User.lao_id.in_(in_area))
                  .group_by(User.lao_id).subquery("executives"))
    passed = (select(User.lao_id, func.count(ModuleProgress.id).label("n"))
              .join(Enrollment, Enrollment.user_id == User.id)
              .join(ModuleProgress, ModuleProgress.enrollment_id == Enrollment.id)
              .join(Module, Module.id == ModuleProgress.module_id)
              .join(Course, Course.id == Module.course_id)
              .where(User.role == "executive", User.status == "active",
                     User.lao_id.in_(in_area), Course.mandatory.is_(True),
                     Module.retired.is_(False), ModuleProgress.passed_at.is_not(None))
              .group_by(User.lao_id).subquery("passed"))
    activity = (select(Attempt.lao_id, func.max(Attempt.started_at).label("at"))
                .where(Attempt.lao_id.in_(in_area))
                .group_by(Attempt.lao_id).subquery("activity"))
    total = _mandatory_total()
    systems = len(CODES)
    needed = func.coalesce(executives.c.n, 0) * total
    stmt: Select[Any] = (
        select(  # type: ignore[assignment]
            Lao.id.label("lao_id"), Lao.code, Lao.name, Lao.type, Lao.size_class,
            District.id.label("district_id"), District.name_th.label("district"),
            Province.id.label("province_id"), Province.name_th.label("province"),
            (cast(func.coalesce(covered.c.n, 0), Float) / systems).label("coverage_ratio"),
            case((needed > 0, cast(func.coalesce(passed.c.n, 0), Float) / needed),
                 else_=literal(0.0)).label("mandatory_compliance"),
            (systems - func.coalesce(well_staffed.c.n, 0)).label("flags"),
            activity.c.at.label("last_activity"),
        )
        .join(District, District.id == Lao.district_id)
        .join(Province, Province.id == District.province_id)
        .outerjoin(covered, covered.c.lao_id == Lao.id)
        .outerjoin(well_staffed, well_staffed.c.lao_id == Lao.id)
        .outerjoin(executives, executives.c.lao_id == Lao.id)
        .outerjoin(passed, passed.c.lao_id == Lao.id)
        .outerjoin(activity, activity.c.lao_id == Lao.id)
        .where(area.condition)
    )
    if calendar:
        cal = _calendar(in_area, now)
        stmt = stmt.add_columns(
            case((cal.c.due_n > 0, cast(cal.c.on_time_n, Float) / cal.c.due_n),
                 else_=literal(None, Float)).label("on_time_share"),
            func.coalesce(cal.c.overdue_n, 0).label("overdue"),
        ).outerjoin(cal, cal.c.lao_id == Lao.id)
    return stmt


def with_summaries(stmt: Select[Any], sort: str, descending: bool, by: str | None
                   ) -> Select[Any]:
    """The LAO rows, sorted, each carrying the area totals, its group's averages, its
    histogram bucket and its rank of need, all as window functions: one query in all."""
    rows = stmt.cte("lao_rows")
    column = {"coverage": "coverage_ratio", "compliance": "mandatory_compliance",
              "flags": "flags", "name": "name", "activity": "last_activity"}[sort]
    group = rows.c.province_id if by == "province" else rows.c.district_id
    covered = func.round(rows.c.coverage_ratio * len(CODES))
    calendar = [func.avg(rows.c.on_time_share).over().label("t_on_time"),
                func.sum(rows.c.overdue).over().label("t_overdue")] \
        if "overdue" in rows.c else []
    return select(
        rows,
        func.count().over().label("t_laos"),
        func.avg(rows.c.coverage_ratio).over().label("t_coverage"),
        func.avg(rows.c.mandatory_compliance).over().label("t_compliance"),
        func.sum(case((rows.c.coverage_ratio >= 1.0, 1), else_=0)).over()
        .label("t_full"),
        func.count().over(partition_by=group).label("g_laos"),
        func.avg(rows.c.coverage_ratio).over(partition_by=group).label("g_coverage"),
        func.avg(rows.c.mandatory_compliance).over(partition_by=group).label("g_compliance"),
        covered.label("bucket"),
        func.count().over(partition_by=covered).label("bucket_laos"),
        func.row_number().over(order_by=(rows.c.coverage_ratio, rows.c.mandatory_compliance,
                                         rows.c.code)).label("need_rank"),
        *calendar,
    ).order_by(rows.c[column].desc() if descending else rows.c[column].asc(), rows.c.code)
