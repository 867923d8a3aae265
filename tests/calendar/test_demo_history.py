"""Demo data gets a calendar history: a past year mostly done by the systems' owners, some
late, some overdue, approvals by an executive who did not mark them; loading it again adds
nothing."""

from sqlalchemy import func, select

from app.calendar.models import CalendarOccurrence
from app.calendar.services import is_late, is_overdue
from app.calendar.synth import load_demo_history
from app.dates import today
from app.extensions import db


def test_demo_history_is_plausible_and_idempotent(app, world, assign):
    assign(world.a, world.officer_a, "e-laas")
    with app.app_context():
        created = load_demo_history(today())
        db.session.commit()
        assert created > 40
        rows = list(db.session.scalars(select(CalendarOccurrence).where(
            CalendarOccurrence.lao_id == world.a.id)))
        done = [o for o in rows if o.status == "done"]
        assert done
        assert any(is_late(o) for o in rows)
        assert any(is_overdue(o, today()) for o in rows)
        laas = {o.marked_by_id for o in done if o.subsystem == "e-laas"}
        assert laas <= {world.officer_a.id, world.hr_a.id}
        assert all(o.approved_by_id == world.executive_a.id for o in done if o.needs_approval)
        assert all(o.approved_by_id is None for o in rows if o.status == "submitted")
        assert load_demo_history(today()) == 0
        db.session.commit()
        total = db.session.scalar(select(func.count(CalendarOccurrence.id)))
        assert total == len(rows) + db.session.scalar(select(func.count(
            CalendarOccurrence.id)).where(CalendarOccurrence.lao_id == world.b.id))
