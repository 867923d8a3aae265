"""Calendar history for scale tests and the demo: last fiscal year's and this year's
occurrences, most done (some late), some overdue, inserted in bulk."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.calendar.duties import due_dates, duty_index, fiscal_year
from app.calendar.models import CalendarOccurrence
from app.dates import THAI_TIME
from app.extensions import db

CHUNK = 5000


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=THAI_TIME)


def history_rows(lao_id: int, today: date, rng: random.Random,
                 marker_of: Callable[[str], int | None],
                 approver: int | None) -> list[dict[str, Any]]:
    """One LAO's occurrences from the start of last fiscal year to today plus 60 days: past
    ones done on time (about 70%), late (about 15%) or still open (overdue)."""
    rows = []
    horizon = today + timedelta(days=60)
    for code, duty in duty_index().items():
        marker = marker_of(duty.subsystem)
        for year in (fiscal_year(today) - 1, fiscal_year(today)):
            for due in due_dates(duty.due, year):
                if due > horizon:
                    continue
                row: dict[str, Any] = {
                    "lao_id": lao_id, "duty": code, "subsystem": duty.subsystem, "due": due,
                    "needs_approval": duty.approval, "status": "open", "reference": None,
                    "note": None, "marked_by_id": None, "marked_at": None,
                    "approved_by_id": None, "approved_at": None, "completed_on": None,
                    "created_at": _moment(due - timedelta(days=60))}
                draw = rng.random()
                if due < today and draw < 0.85 and marker is not None and (
                        approver is not None or not duty.approval):
                    finished = due - timedelta(days=rng.randint(0, 10)) if draw < 0.7 \
                        else due + timedelta(days=rng.randint(1, 20))
                    finished = min(finished, today)
                    row.update(status="done", reference=f"{rng.randint(1, 999)}/{year}",
                               marked_by_id=marker, marked_at=_moment(finished),
                               completed_on=finished)
                    if duty.approval and (today - finished).days < 45 and rng.random() < 0.5:
                        # marked lately, still waiting in the executive's queue
                        row.update(status="submitted", completed_on=None)
                    elif duty.approval:
                        row.update(approved_by_id=approver, approved_at=_moment(finished))
                rows.append(row)
    return rows


def synthesize_history(laos: list[tuple[int, int | None, int | None]], today: date,
                       seed: int = 2569) -> int:
    """History for (lao_id, marker_id, approver_id) triples; flushes, never commits."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    have = set(db.session.scalars(select(CalendarOccurrence.lao_id).distinct()))
    rows: list[dict[str, Any]] = []
    count = 0
    for lao_id, marker, approver in laos:
        if lao_id in have:
            continue
        rows += history_rows(lao_id, today, rng, _owner_or({}, marker), approver)
        if len(rows) >= CHUNK:
            db.session.execute(insert(CalendarOccurrence), rows)
            count += len(rows)
            rows = []
    if rows:
        db.session.execute(insert(CalendarOccurrence), rows)
        count += len(rows)
    db.session.flush()
    return count


def _owner_or(held: dict[str, Any], fallback: int | None) -> Callable[[str], int | None]:
    return lambda code: (held[code].owner_id if code in held else None) or fallback


def load_demo_history(today: date) -> int:
    """The demo LAOs' calendar history, each duty marked by whoever owns its system now (HR
    where nobody does) and approved by the LAO's first executive; idempotent."""
    from app.auth.models import User
    from app.calendar.services import ensure_current, holders
    from app.org.models import Lao

    rng = random.Random(today.toordinal())  # noqa: S311 - demo data, not secrets
    have = set(db.session.scalars(select(CalendarOccurrence.lao_id).distinct()))
    count = 0
    for lao in db.session.scalars(select(Lao).order_by(Lao.code)):
        if lao.id in have:
            continue
        # the lowest id of each role wins (rows come newest first)
        staff: dict[str, int] = dict(db.session.execute(
            select(User.role, User.id).where(User.lao_id == lao.id, User.status == "active")
            .order_by(User.id.desc())).all())
        rows = history_rows(lao.id, today, rng, _owner_or(holders(lao.id, today),
                                                          staff.get("hr")),
                            staff.get("executive"))
        for row in rows:  # the executive approves; never their own mark
            if row["approved_by_id"] is not None and row["approved_by_id"] == \
                    row["marked_by_id"]:
                row["marked_by_id"] = staff.get("hr")
        if rows:
            db.session.execute(insert(CalendarOccurrence), rows)
            count += len(rows)
        ensure_current(lao.id, today)
    db.session.flush()
    return count
