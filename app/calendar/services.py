"""The LAO's calendar: occurrences from the duties file and the LAO's settings, who owns
them, and the follow-up (done, approval, undo). Flushes, never commits; audits every step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app import audit
from app.access import is_approver
from app.auth.models import User
from app.calendar.duties import Due, Duty, due_dates, duty_index, fiscal_bounds, fiscal_year
from app.calendar.models import (
    CalendarDutyDate,
    CalendarOccurrence,
    CalendarReminder,
    CalendarSettings,
)
from app.dates import local_date
from app.errors import N_, Conflict, Forbidden, Invalid, NotFound
from app.extensions import db
from app.register.models import Assignment

DEFAULT_LEAD_DAYS = 15  # seed 4.6: plan each report at least 15 days before
UNDO_WINDOW = timedelta(days=1)
MAX_REFERENCE, MAX_NOTE = 100, 1000


@dataclass(frozen=True)
class Holders:
    """Who holds a system now: its owner (active primary) and stand-in (active backup)."""

    owner_id: int | None
    backup_id: int | None


def lead_days(lao_id: int) -> int:
    row = db.session.get(CalendarSettings, lao_id)
    return row.lead_days if row else DEFAULT_LEAD_DAYS


def lao_dues(lao_id: int) -> dict[str, Due]:
    """Each duty's recurrence for this LAO: the file's, or the LAO's own date where the
    duty is unverified and the LAO set one."""
    own = {r.duty: r for r in db.session.scalars(
        select(CalendarDutyDate).where(CalendarDutyDate.lao_id == lao_id))}
    dues: dict[str, Due] = {}
    for code, duty in duty_index().items():
        row = own.get(code)
        if row is not None and duty.lao_may_change:
            if duty.due.kind == "monthly":
                dues[code] = Due("monthly", day=row.day)
            elif row.month is not None:
                dues[code] = Due("set_by_lao", month=row.month, day=row.day)
            else:
                dues[code] = Due("after_year_end", day=row.day)
        else:
            dues[code] = duty.due
    return dues


def _period(kind: str, due: date) -> tuple[int, int]:
    """What one occurrence stands for: a month of a monthly duty, else a fiscal year."""
    return (due.year, due.month) if kind == "monthly" else (fiscal_year(due), 0)


def ensure_year(lao_id: int, year_be: int) -> int:
    """Create the LAO's missing occurrences for a fiscal year; returns how many. A period
    (month or year) that has one already keeps it, whatever its date."""
    start, end = fiscal_bounds(year_be)
    duties = duty_index()
    have = {(code, _period(duties[code].due.kind, due)) for code, due in db.session.execute(
        select(CalendarOccurrence.duty, CalendarOccurrence.due).where(
            CalendarOccurrence.lao_id == lao_id, CalendarOccurrence.due.between(start, end)))
        if code in duties}
    missing = [(code, due) for code, rule in lao_dues(lao_id).items()
               for due in due_dates(rule, year_be)
               if (code, _period(duties[code].due.kind, due)) not in have]
    if not missing:
        return 0
    try:
        with db.session.begin_nested():  # another request may be creating the same year
            db.session.add_all(CalendarOccurrence(
                lao_id=lao_id, duty=code, subsystem=duties[code].subsystem, due=due,
                needs_approval=duties[code].approval, status="open") for code, due in missing)
    except IntegrityError:
        return 0
    return len(missing)


def ensure_current(lao_id: int, today: date) -> int:
    """This fiscal year, and the next one once its first reminders may start (September)."""
    created = ensure_year(lao_id, fiscal_year(today))
    if today.month == 9:
        created += ensure_year(lao_id, fiscal_year(today) + 1)
    return created


def holders(lao_id: int, today: date) -> dict[str, Holders]:
    """Per system: the active primary and backup who still work in this LAO (the largest
    share first), so a duty never stays with someone who left or moved."""
    rows = db.session.execute(
        select(Assignment.subsystem, Assignment.role, Assignment.user_id)
        .join(User, User.id == Assignment.user_id)
        .where(Assignment.lao_id == lao_id, Assignment.status == "active",
               Assignment.effective_from <= today, User.status == "active",
               User.lao_id == lao_id)
        .order_by(Assignment.share_percent.desc(), Assignment.id))
    found: dict[str, dict[str, int]] = {}
    for subsystem, role, user_id in rows:
        found.setdefault(subsystem, {}).setdefault(role, user_id)
    # no primary (ended, left, moved to another LAO): the backup stands in as the owner
    return {code: Holders(r.get("primary"), r.get("backup")) if r.get("primary")
            else Holders(r.get("backup"), None) for code, r in found.items()}


def occurrences(lao_id: int, start: date, end: date) -> list[CalendarOccurrence]:
    return list(db.session.scalars(select(CalendarOccurrence).where(
        CalendarOccurrence.lao_id == lao_id, CalendarOccurrence.due.between(start, end))
        .order_by(CalendarOccurrence.due, CalendarOccurrence.subsystem,
                  CalendarOccurrence.id)))


def systems_of(user: User, today: date) -> set[str]:
    """The systems a person owns or backs up in their LAO today."""
    if user.lao_id is None or user.status != "active":
        return set()
    return {code for code, h in holders(user.lao_id, today).items()
            if user.id in (h.owner_id, h.backup_id)}


def my_occurrences(user: User, start: date, end: date) -> list[CalendarOccurrence]:
    systems = systems_of(user, local_date_today())
    if not systems or user.lao_id is None:
        return []
    return [o for o in occurrences(user.lao_id, start, end) if o.subsystem in systems]


def local_date_today() -> date:
    from app.dates import today

    return today()


def is_late(occ: CalendarOccurrence) -> bool:
    """Finished after its due date (computed, never typed)."""
    return occ.completed_on is not None and occ.completed_on > occ.due


def is_overdue(occ: CalendarOccurrence, today: date) -> bool:
    return occ.status != "done" and occ.due < today


def duty_of(occ: CalendarOccurrence) -> Duty | None:
    return duty_index().get(occ.duty)


def title(occ: CalendarOccurrence, english: bool = False) -> str:
    duty = duty_of(occ)
    if duty is None:
        return occ.duty
    return duty.title_en if english else duty.title_th


def snapshot(occ: CalendarOccurrence) -> dict[str, Any]:
    return {"status": occ.status, "reference": occ.reference, "note": occ.note,
            "completed_on": occ.completed_on.isoformat() if occ.completed_on else None}


def require_may_mark(actor: User, occ: CalendarOccurrence, today: date) -> None:
    """The owner, the backup or HR of the LAO; anyone else: 403."""
    if actor.role == "hr" and actor.lao_id == occ.lao_id:
        return
    held = holders(occ.lao_id, today).get(occ.subsystem)
    if held is None or actor.id not in (held.owner_id, held.backup_id):
        raise Forbidden(N_("only the owner, the backup or HR of this LAO marks a duty done"))


def require_may_approve(actor: User, occ: CalendarOccurrence) -> None:
    if not is_approver(actor, occ.lao_id):
        raise Forbidden(N_("only an executive of this LAO approves a duty"))


def require_may_undo(actor: User, occ: CalendarOccurrence) -> None:
    """An approval is taken back by its approver (or an admin), a mark by the one who made
    it or HR of the LAO; anyone else: 403."""
    hr = actor.role == "hr" and actor.lao_id == occ.lao_id
    if occ.approved_at is not None:
        allowed = actor.id == occ.approved_by_id or actor.role == "admin"
    elif occ.marked_at is not None:
        allowed = actor.id == occ.marked_by_id or hr
    else:  # nothing to take back: those who could say so get 409, not 403
        allowed = hr or is_approver(actor, occ.lao_id)
    if not allowed:
        raise Forbidden(N_("only the one who took the last step (or HR, for a mark) takes it "
                           "back"))


def mark_done(actor: User, occ: CalendarOccurrence, reference: str, note: str | None,
              now: datetime) -> CalendarOccurrence:
    """The owner, the backup or HR records the duty as done in the e-system, with the
    document number there; a duty that needs approval waits for an executive."""
    reference, note = reference.strip(), (note or "").strip() or None
    require_may_mark(actor, occ, local_date(now))
    problems = {}
    if not reference:
        problems["reference"] = "is required: the document number in the e-system"
    elif len(reference) > MAX_REFERENCE:
        problems["reference"] = f"{MAX_REFERENCE} characters at most"
    if note and len(note) > MAX_NOTE:
        problems["note"] = f"{MAX_NOTE} characters at most"
    if problems:
        raise Invalid(N_("give the document number in the e-system"), {"fields": problems})
    if occ.status != "open":
        raise Conflict(N_("this duty is already marked done; this entry was not saved"))
    before = snapshot(occ)
    occ.reference, occ.note, occ.marked_by_id, occ.marked_at = reference, note, actor.id, now
    if occ.needs_approval:
        occ.status = "submitted"
    else:
        occ.status, occ.completed_on = "done", local_date(now)
    db.session.flush()
    audit.record(actor, "calendar.done", occ, before=before, after=snapshot(occ))
    return occ


def approve(actor: User, occ: CalendarOccurrence, now: datetime) -> CalendarOccurrence:
    """An executive of the LAO other than the one who marked it (seed 4.8)."""
    require_may_approve(actor, occ)
    if occ.marked_by_id == actor.id:
        raise Forbidden(N_("a duty is approved by someone other than the one who marked it"))
    if occ.status != "submitted":
        raise Conflict(N_("this duty is not waiting for approval"))
    before = snapshot(occ)
    occ.status, occ.approved_by_id, occ.approved_at = "done", actor.id, now
    occ.completed_on = local_date(now)
    db.session.flush()
    audit.record(actor, "calendar.approve", occ, before=before, after=snapshot(occ))
    return occ


def undo(actor: User, occ: CalendarOccurrence, now: datetime) -> CalendarOccurrence:
    """Take back the last step within a day: an approval (by its approver or an admin), or
    a mark (by the one who marked it or HR)."""
    require_may_undo(actor, occ)
    before = snapshot(occ)
    if occ.approved_at is not None:
        if now - occ.approved_at > UNDO_WINDOW:
            raise Conflict(N_("a step can be taken back within a day only"))
        occ.status, occ.approved_by_id, occ.approved_at, occ.completed_on = (
            "submitted", None, None, None)
    elif occ.marked_at is not None:
        if now - occ.marked_at > UNDO_WINDOW:
            raise Conflict(N_("a step can be taken back within a day only"))
        occ.status, occ.reference, occ.note, occ.completed_on = "open", None, None, None
        occ.marked_by_id, occ.marked_at = None, None
    else:
        raise Conflict(N_("nothing to take back"))
    db.session.flush()
    audit.record(actor, "calendar.undo", occ, before=before, after=snapshot(occ))
    return occ


def undo_open(occ: CalendarOccurrence, now: datetime) -> bool:
    """Whether its last step is still inside the day it may be taken back in."""
    last = occ.approved_at or occ.marked_at
    return last is not None and now - last <= UNDO_WINDOW


def approval_queue(lao_id: int) -> list[CalendarOccurrence]:
    return list(db.session.scalars(select(CalendarOccurrence).where(
        CalendarOccurrence.lao_id == lao_id, CalendarOccurrence.status == "submitted")
        .order_by(CalendarOccurrence.due, CalendarOccurrence.id)))


def unowned_systems(lao_id: int, today: date) -> list[str]:
    """Systems that have duties but nobody to own them: shown to HR and executives."""
    held = holders(lao_id, today)
    wanted = {d.subsystem for d in duty_index().values()}
    return sorted(code for code in wanted if held.get(code, Holders(None, None)).owner_id is None)


def awaiting_approval(lao_id: int) -> set[str]:
    """Systems whose primary is asked for but waits for an executive's approval (an
    override): the calendar says so beside "no owner", so HR does not ask twice."""
    return set(db.session.scalars(select(Assignment.subsystem).where(
        Assignment.lao_id == lao_id, Assignment.role == "primary",
        Assignment.status == "pending_approval")))


def set_lead_days(actor: User, lao_id: int, days: int) -> None:
    """HR sets how many days before the due date reminders start (1-60)."""
    if not 1 <= days <= 60:
        raise Invalid(N_("reminders start 1 to 60 days before"), {"fields": {
            "lead_days": "1 to 60"}})
    row = db.session.get(CalendarSettings, lao_id)
    before = {"lead_days": row.lead_days if row else DEFAULT_LEAD_DAYS}
    if row is None:
        row = CalendarSettings(lao_id=lao_id, lead_days=days)
        db.session.add(row)
    row.lead_days = days
    db.session.flush()
    audit.record(actor, "calendar.settings", row, lao_id=lao_id, before=before,
                 after={"lead_days": days})


def set_duty_date(actor: User, lao_id: int, code: str, month: int | None, day: int,
                  today: date) -> int:
    """HR gives an unverified duty the LAO's own date; open occurrences not yet due move
    to it. Returns how many moved."""
    duty = duty_index().get(code)
    if duty is None:
        raise NotFound(N_("no such duty"))
    if not duty.lao_may_change:
        raise Conflict(N_("this deadline is fixed by its rule"))
    monthly = duty.due.kind == "monthly"
    if not 1 <= day <= 31 or (not monthly and (month is None or not 1 <= month <= 12)):
        raise Invalid(N_("give a valid day and month"), {"fields": {"day": "1 to 31",
                                                                    "month": "1 to 12"}})
    if not monthly and month is not None:
        from app.calendar.duties import parse_month_day

        if parse_month_day(f"{month:02d}-{day:02d}") is None:
            raise Invalid(N_("give a valid day and month"), {"fields": {"day": "not in month"}})
    row = db.session.get(CalendarDutyDate, (lao_id, code))
    before = {"month": row.month, "day": row.day} if row else None
    if row is None:
        row = CalendarDutyDate(lao_id=lao_id, duty=code, month=None, day=day)
        db.session.add(row)
    row.month, row.day = (None if monthly else month), day
    stale = select(CalendarOccurrence.id).where(
        CalendarOccurrence.lao_id == lao_id, CalendarOccurrence.duty == code,
        CalendarOccurrence.status == "open", CalendarOccurrence.due >= today)
    ids = list(db.session.scalars(stale))
    if ids:
        db.session.execute(delete(CalendarReminder).where(
            CalendarReminder.occurrence_id.in_(ids)))
        db.session.execute(delete(CalendarOccurrence).where(CalendarOccurrence.id.in_(ids)))
    db.session.flush()
    db.session.expire_all()
    audit.record(actor, "calendar.duty_date", row, lao_id=lao_id, before=before,
                 after={"duty": code, "month": row.month, "day": day})
    ensure_current(lao_id, today)
    return len(ids)
