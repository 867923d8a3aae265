"""iCalendar (RFC 5545) feeds at a secret address: one per person for their own duties, and
one LAO-wide for executives. Only the address's hash is stored; a new address kills the old."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select

from app import audit
from app.auth.models import User
from app.calendar import services
from app.calendar.duties import fiscal_bounds, fiscal_year
from app.calendar.models import CalendarFeed, CalendarOccurrence
from app.errors import N_, Forbidden
from app.extensions import db
from app.subsystems import SYSTEM_NAMES

STATUS_TH = {"open": "ยังไม่ทำ", "submitted": "รอผู้บริหารอนุมัติ", "done": "ทำแล้ว"}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed(actor: User, scope: str) -> str:
    """A new secret for the actor's feed of this scope ('mine', or 'lao' for executives);
    any earlier one stops working. Returns the secret (shown once)."""
    if scope == "lao" and actor.role != "executive":
        raise Forbidden(N_("the LAO-wide calendar feed is for executives"))
    token = secrets.token_urlsafe(32)
    row = db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.user_id == actor.id, CalendarFeed.scope == scope))
    if row is None:
        row = CalendarFeed(user_id=actor.id, scope=scope, token_hash=_hash(token))
        db.session.add(row)
    else:
        row.token_hash = _hash(token)
    db.session.flush()
    audit.record(actor, "calendar.feed_reset", row, lao_id=actor.lao_id,
                 after={"scope": scope})
    return token


def feed_owner(token: str) -> tuple[User, str] | None:
    """Whose feed a secret opens, while they still work where it was made for."""
    row = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    if row is None:
        return None
    user = db.session.get(User, row.user_id)
    if user is None or user.status != "active" or user.lao_id is None:
        return None
    if row.scope == "lao" and user.role != "executive":
        return None
    return user, row.scope


def feed_occurrences(user: User, scope: str, today: date) -> list[CalendarOccurrence]:
    """Last fiscal year, this one and the next: what a phone calendar should hold."""
    assert user.lao_id is not None
    services.ensure_current(user.lao_id, today)
    start = fiscal_bounds(fiscal_year(today) - 1)[0]
    end = fiscal_bounds(fiscal_year(today) + 1)[1]
    if scope == "lao":
        return services.occurrences(user.lao_id, start, end)
    return services.my_occurrences(user, start, end)


def render(occurrences: list[CalendarOccurrence], name: str, host: str,
           stamp: datetime, link: Callable[[int], str] | None = None) -> bytes:
    """An all-day VEVENT per occurrence, its UID stable across fetches and resets; with
    `link`, each event carries the address of its page (URL), where it is marked done."""
    cal = Calendar()
    cal.add("prodid", "-//LAO e-systems training//reporting calendar//TH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Bangkok")
    for occ in occurrences:
        event = Event()
        event.add("uid", f"calendar-occurrence-{occ.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", occ.due)
        event.add("dtend", occ.due + timedelta(days=1))
        mark = "✓ " if occ.status == "done" else ""
        event.add("summary", f"{mark}{services.title(occ)} ({SYSTEM_NAMES[occ.subsystem]})")
        lines = [f"สถานะ: {STATUS_TH[occ.status]}"]
        if occ.reference:
            lines.append(f"เลขที่เอกสาร: {occ.reference}")
        if occ.needs_approval:
            lines.append("ต้องให้ผู้บริหารอนุมัติ")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        if link is not None:
            event.add("url", link(occ.id))
        cal.add_component(event)
    return cal.to_ical()
