"""Calendar test helpers: assignments made directly, occurrences found by duty."""

from datetime import date

import pytest
from sqlalchemy import select

from app.calendar.models import CalendarOccurrence
from app.dates import today
from app.extensions import db
from app.register.models import Assignment


@pytest.fixture
def assign(app):
    def make(lao, person, subsystem, role="primary", share=60, since=date(2026, 1, 1)):
        with app.app_context():
            a = Assignment(lao_id=lao.id, user_id=person.id, subsystem=subsystem, role=role,
                           share_percent=share, effective_from=since, order_ref="1/2569",
                           status="active", created_by_id=person.id)
            db.session.add(a)
            db.session.commit()
            return a.id
    return make


@pytest.fixture
def occurrence(app):
    """The id of an LAO's occurrence of a duty: the first one due after `after` (or the
    first overdue one when `overdue`), generating the year first."""
    def find(lao, duty, *, overdue=False):
        from app.calendar.services import ensure_current

        now = today()
        with app.app_context():
            ensure_current(lao.id, now)
            db.session.commit()
            stmt = select(CalendarOccurrence).where(
                CalendarOccurrence.lao_id == lao.id, CalendarOccurrence.duty == duty)
            stmt = stmt.where(CalendarOccurrence.due < now) if overdue else stmt.where(
                CalendarOccurrence.due >= now)
            occ = db.session.scalar(stmt.order_by(CalendarOccurrence.due))
            assert occ is not None, f"no {duty} occurrence"
            return occ.id
    return find
