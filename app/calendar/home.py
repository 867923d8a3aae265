"""What the home page shows of the calendar: my duties, the approval queue, the LAO's flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.auth.models import User
from app.calendar import services
from app.calendar.duties import fiscal_bounds, fiscal_year
from app.calendar.models import CalendarOccurrence
from app.extensions import db


@dataclass
class HomeBlocks:
    now: date
    mine: list[CalendarOccurrence] = field(default_factory=list)
    holds: bool = False  # owns or backs up a system with duties, due soon or not
    queue: list[CalendarOccurrence] = field(default_factory=list)
    lao_id: int | None = None  # set for HR and executives: the LAO's calendar box
    overdue: int = 0
    unowned: list[str] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # who marked what is in the queue


def home_blocks(user: User, now: date) -> HomeBlocks:
    """Duties due within the LAO's lead time or overdue (owner or backup); for executives
    the duties waiting for approval; for HR and executives what is overdue or unowned."""
    blocks = HomeBlocks(now)
    if user.lao_id is None or user.status != "active":
        return blocks
    services.ensure_current(user.lao_id, now)
    db.session.commit()
    horizon = now + timedelta(days=services.lead_days(user.lao_id))
    start = fiscal_bounds(fiscal_year(now) - 1)[0]
    blocks.mine = [o for o in services.my_occurrences(user, start, horizon)
                   if o.status != "done"]
    blocks.holds = bool(blocks.mine) or bool(services.systems_of(user, now))
    if user.role == "executive":
        blocks.queue = services.approval_queue(user.lao_id)
        marked = {o.marked_by_id for o in blocks.queue if o.marked_by_id is not None}
        if marked:
            blocks.names = dict(db.session.execute(
                db.select(User.id, User.full_name).where(User.id.in_(marked))).all())
    if user.role in {"hr", "executive"}:
        blocks.lao_id = user.lao_id
        blocks.overdue = sum(1 for o in services.occurrences(user.lao_id, start, now)
                             if services.is_overdue(o, now))
        blocks.unowned = services.unowned_systems(user.lao_id, now)
    return blocks
