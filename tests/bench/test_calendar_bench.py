"""The national roll-up with the reporting calendar, on the synthetic national data set with
synthetic calendar history (PostgreSQL): printed beside the same roll-up without it.
Target: < 1 s; printed, not asserted: the figure depends on the machine's load (the
national roll-up bench beside it does the same)."""

import os

from sqlalchemy import func, select

from app.auth.models import User
from app.calendar.models import CalendarOccurrence
from app.calendar.synth import synthesize_history
from app.dashboards import rollups
from app.dashboards.scope import resolve_area
from app.dates import local_date
from app.db import utcnow
from app.extensions import db
from tests.bench.conftest import timed
from tests.bench.test_rollup_bench import national  # noqa: F401  (the shared fixture)


def _history(app):
    with app.app_context():
        if db.session.scalar(select(func.count(CalendarOccurrence.id))):
            return
        import time

        people = db.session.execute(select(User.lao_id, User.role, func.min(User.id)).where(
            User.lao_id.is_not(None), User.role.in_(("officer", "executive")))
            .group_by(User.lao_id, User.role)).all()
        by_lao: dict[int, dict[str, int]] = {}
        for lao_id, role, user_id in people:
            by_lao.setdefault(lao_id, {})[role] = user_id
        start = time.perf_counter()
        count = synthesize_history([(lao, r.get("officer"), r.get("executive"))
                                    for lao, r in sorted(by_lao.items())],
                                   local_date(utcnow()))
        db.session.commit()
        db.session.execute(db.text("ANALYZE calendar_occurrence"))
        db.session.commit()
        print(f"\ncalendar history: {count} occurrences in {time.perf_counter() - start:.1f} s")


def test_national_rollup_with_the_calendar(national):  # noqa: F811
    _history(national)
    with national.app_context():
        admin = User(username="bench-admin", full_name="bench", role="admin")
        area = resolve_area(admin, "country", "th")
        now = utcnow()
        occurrences = db.session.scalar(select(func.count(CalendarOccurrence.id)))

        def run(calendar):
            return db.session.execute(rollups.with_summaries(
                rollups.lao_rows(area, now, calendar=calendar), "coverage", False,
                "province")).all()

        without, _ = timed(lambda: run(False))
        with_cal, best = timed(lambda: run(True))
        rows = run(True)
        overdue = sum(r.overdue for r in rows)
        shares = [r.on_time_share for r in rows if r.on_time_share is not None]
        print(f"\nnational roll-up, {len(rows)} LAOs, {occurrences} calendar occurrences")
        print(f"  without the calendar: {without * 1000:8.1f} ms (median)")
        print(f"  with the calendar:    {with_cal * 1000:8.1f} ms (median), best "
              f"{best * 1000:.1f} ms")
        print(f"  on-time share (mean) {sum(shares) / len(shares):.3f}, overdue {overdue}")
        load = os.getloadavg()[0]
        print(f"  target < 1 s {'met' if with_cal < 1.0 else 'NOT met'} "
              f"(load average {load:.1f} on {os.cpu_count()} cores while measuring)")
        assert rows
