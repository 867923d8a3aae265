"""Reminders: from the LAO's lead time before the due date to the owner, then, once overdue,
to the owner, the backup and the executives. Each stage goes out once per occurrence.

How once is guaranteed: a stage is sent only after its row in calendar_reminder is inserted
(unique on occurrence and stage) in the same transaction, and that transaction commits right
after the mail leaves. A second run, or a second process at the same moment, fails to insert
the same row (PostgreSQL makes it wait for the first one's commit, SQLite's write lock queues
it) and skips the stage. A crash between sending and committing rolls the row back, so the
stage goes out again on the next run: at worst twice after a crash, never lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError

from app.auth.models import User
from app.calendar import services
from app.calendar.models import CalendarOccurrence, CalendarReminder, CalendarSettings
from app.dates import thai_date
from app.extensions import db
from app.org.models import Lao
from app.subsystems import SYSTEM_NAMES
from app.web import public_url

Send = Callable[[str, str, str], None]


@dataclass(frozen=True)
class Candidate:
    occurrence_id: int
    lao_id: int
    stage: str


def ensure_all(today: date) -> int:
    """Every LAO's calendar for the year (the daily run keeps each one generated)."""
    return sum(services.ensure_current(lao_id, today)
               for lao_id in db.session.scalars(select(Lao.id).order_by(Lao.id)))


def candidates(today: date) -> list[Candidate]:
    """Stages due today and not yet sent, in one query."""
    leads: dict[int, int] = dict(db.session.execute(
        select(CalendarSettings.lao_id, CalendarSettings.lead_days)).all())
    horizon = today + timedelta(days=60)  # the longest lead time an LAO may set
    rows = db.session.execute(
        select(CalendarOccurrence.id, CalendarOccurrence.lao_id, CalendarOccurrence.due,
               CalendarReminder.stage)
        .outerjoin(CalendarReminder, CalendarReminder.occurrence_id == CalendarOccurrence.id)
        .where(CalendarOccurrence.status != "done", CalendarOccurrence.due <= horizon)
        .order_by(CalendarOccurrence.due, CalendarOccurrence.id))
    sent: dict[int, set[str]] = {}
    info: dict[int, tuple[int, date]] = {}
    for occ_id, lao_id, due, stage in rows:
        info[occ_id] = (lao_id, due)
        if stage:
            sent.setdefault(occ_id, set()).add(stage)
    out = []
    for occ_id, (lao_id, due) in info.items():
        done = sent.get(occ_id, set())
        if due < today and "overdue" not in done:
            out.append(Candidate(occ_id, lao_id, "overdue"))
        elif due >= today and due - timedelta(days=leads.get(
                lao_id, services.DEFAULT_LEAD_DAYS)) <= today and "upcoming" not in done:
            out.append(Candidate(occ_id, lao_id, "upcoming"))
    return out


def recipients(occ: CalendarOccurrence, stage: str, today: date) -> list[User]:
    """Upcoming: the owner (HR when nobody owns it). Overdue: owner, backup, executives."""
    held = services.holders(occ.lao_id, today).get(occ.subsystem)
    ids = [held.owner_id] if held and held.owner_id else []
    lao_people = select(User).where(User.lao_id == occ.lao_id, User.status == "active")
    if not ids:
        ids += list(db.session.scalars(select(User.id).where(
            User.lao_id == occ.lao_id, User.status == "active", User.role == "hr")))
    if stage == "overdue":
        if held and held.backup_id:
            ids.append(held.backup_id)
        ids += list(db.session.scalars(select(User.id).where(
            User.lao_id == occ.lao_id, User.status == "active", User.role == "executive")))
    people = {u.id: u for u in db.session.scalars(lao_people.where(User.id.in_(ids)))}
    return [people[i] for i in dict.fromkeys(ids) if i in people]


def _message(occ: CalendarOccurrence, stage: str) -> tuple[str, str]:
    """Subject and body in Thai: which LAO, what, by when, what to do, and the duty's page
    when the site's public address is configured (PUBLIC_URL)."""
    title = services.title(occ)
    when = thai_date(occ.due)
    lao = db.session.get(Lao, occ.lao_id)
    system = SYSTEM_NAMES.get(occ.subsystem, occ.subsystem)
    lines = [lao.name if lao else "", f"{title} (ระบบ {system})"]
    if stage == "overdue":
        subject = f"เลยกำหนด {when}: {title}"
        waiting = ("รอผู้บริหารอนุมัติ" if occ.status == "submitted"
                   else "ยังไม่ได้บันทึกว่าทำแล้ว")
        lines.append(f"กำหนด {when} — เลยกำหนดแล้ว ({waiting})")
    else:
        subject = f"ใกล้ถึงกำหนด {when}: {title}"
        lines.append(f"กำหนด {when}")
        lines.append("เมื่อทำในระบบแล้ว กรุณาบันทึกเลขที่เอกสารในปฏิทินงานตามกำหนด")
    if current_app.config.get("PUBLIC_URL"):  # a command has no request to build on
        lines.append(f"เปิดงานนี้: {public_url('calendar.occurrence', occurrence_id=occ.id)}")
    lines += ["", "อีเมลนี้ส่งโดยอัตโนมัติจากปฏิทินงานตามกำหนดของระบบฝึกอบรม อปท. "
                  "กรุณาอย่าตอบกลับ"]
    return subject, "\n".join(lines) + "\n"


def claim(occurrence_id: int, stage: str) -> bool:
    """Insert the stage's row; False when another run has it (or is sending it now)."""
    try:
        with db.session.begin_nested():
            db.session.add(CalendarReminder(occurrence_id=occurrence_id, stage=stage))
    except IntegrityError:
        return False
    return True


def run(today: date, send: Send) -> dict[str, int]:
    """Generate the year where needed, then send each due stage once. Commits once per
    stage: the row and the mail go together (see the module's docstring)."""
    created = ensure_all(today)
    db.session.commit()
    todo = candidates(today)
    db.session.commit()
    counts = {"created": created, "upcoming": 0, "overdue": 0, "mails": 0, "skipped": 0}
    for cand in todo:
        if not claim(cand.occurrence_id, cand.stage):
            db.session.rollback()
            counts["skipped"] += 1
            continue
        occ = db.session.get(CalendarOccurrence, cand.occurrence_id)
        if occ is None or occ.status == "done":
            db.session.rollback()
            continue
        people = recipients(occ, cand.stage, today)
        subject, body = _message(occ, cand.stage)
        for person in people:
            if person.email:
                send(person.email, subject, body)
                counts["mails"] += 1
        db.session.execute(CalendarReminder.__table__.update().where(and_(
            CalendarReminder.occurrence_id == occ.id, CalendarReminder.stage == cand.stage))
            .values(recipients=len(people)))
        db.session.commit()
        counts[cand.stage] += 1
    return counts
