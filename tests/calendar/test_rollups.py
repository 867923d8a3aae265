"""Roll-ups carry each LAO's on-time share of the last 12 months and its overdue count,
computed in the roll-up's one statement."""

from datetime import timedelta

from app.calendar.models import CalendarOccurrence
from app.dates import today
from app.extensions import db
from tests.conftest import login, token


def _occ(lao_id, due, completed=None, status=None):
    return CalendarOccurrence(
        lao_id=lao_id, duty="laas-monthly-report", subsystem="e-laas", due=due,
        needs_approval=False, status=status or ("done" if completed else "open"),
        completed_on=completed, reference="1/2569" if completed or status else None,
        marked_at=None if not (completed or status) else __import__("app.db").db.utcnow())


def _rows(client, who):
    body = client.get("/api/v1/rollups/country/th", headers=token(client, who)).get_json()
    return {r["lao_id"]: r for r in body["laos"]}, body["totals"]


def test_on_time_share_and_overdue_per_lao(app, client, world):
    now = today()
    with app.app_context():
        db.session.add_all([
            _occ(world.a.id, now - timedelta(days=30), completed=now - timedelta(days=30)),
            _occ(world.a.id, now - timedelta(days=20), completed=now - timedelta(days=17)),
            _occ(world.a.id, now - timedelta(days=10)),  # overdue
            _occ(world.a.id, now - timedelta(days=11), status="submitted"),  # overdue too
            _occ(world.a.id, now - timedelta(days=400), completed=now - timedelta(days=380)),
            _occ(world.a.id, now + timedelta(days=5)),  # not due yet
        ])
        db.session.commit()
    rows, totals = _rows(client, world.sup_country.username)
    assert rows[world.a.id]["on_time_share"] == round(1 / 4, 4)
    assert rows[world.a.id]["overdue"] == 2
    # LAO B has nothing due yet: no share to speak of, nothing overdue
    assert (rows[world.b.id]["on_time_share"], rows[world.b.id]["overdue"]) == (None, 0)
    assert totals["overdue"] == 2
    assert totals["on_time_share"] == 0.25
    login(client, world.sup_country.username)
    page = client.get("/rollups/country/th").get_data(as_text=True)
    assert "25%" in page
    assert "งานเลยกำหนดที่ยังไม่ทำ 2 รายการ" in page  # the total, with what it counts
    # the exports carry both figures; an LAO with nothing due has an empty share, not 0 %
    lines = client.get("/rollups/country/th/export.csv").data.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert header[-2:] == ["งานตามกำหนดที่ทำทันกำหนดใน 12 เดือน (%)",
                           "งานตามกำหนดที่เลยกำหนดและยังไม่ทำ"]
    by_code = {line.split(",")[0]: line.split(",") for line in lines[1:]}
    assert by_code[world.a.code][-2:] == ["25", "2"]
    assert by_code[world.b.code][-2:] == ["", "0"]


def test_the_calendar_adds_no_query(app, world, count_queries):
    from app.auth.models import User
    from app.dashboards import rollups
    from app.dashboards.scope import resolve_area
    from app.db import utcnow

    with app.app_context():
        admin = db.session.get(User, world.admin.id)
        area = resolve_area(admin, "country", "th")
        counts = []
        for calendar in (False, True):
            with count_queries() as seen:
                db.session.execute(rollups.with_summaries(
                    rollups.lao_rows(area, utcnow(), calendar=calendar), "coverage", False,
                    "province")).all()
            counts.append(len(seen))
        assert counts[0] == counts[1] == 2  # the mandatory-module total, then the roll-up
