"""The LAO's calendar over the API: generation, owners that follow assignments, the
follow-up with approval and undo, and every bad input of the contract."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit import AuditEvent
from app.calendar import services
from app.calendar.duties import duty_index, fiscal_bounds, fiscal_year
from app.calendar.models import CalendarOccurrence
from app.dates import today
from app.db import utcnow
from app.errors import Conflict
from app.extensions import db
from tests.conftest import login, token


def _calendar(client, who, lao_id, **query):
    return client.get(f"/api/v1/laos/{lao_id}/calendar", headers=token(client, who),
                      query_string=query)


def test_the_year_is_generated_from_the_file_with_owner_and_backup(client, world, assign):
    assign(world.a, world.officer_a, "e-laas")
    assign(world.a, world.hr_a, "e-laas", role="backup", share=20)
    body = _calendar(client, "hr.a", world.a.id).get_json()
    start, end = fiscal_bounds(fiscal_year(today()))
    expected = sum(12 if d.due.kind == "monthly" else 1 for d in duty_index().values())
    assert len(body) == expected
    assert all(start.isoformat() <= o["due"] <= end.isoformat() for o in body)
    laas = [o for o in body if o["subsystem"] == "e-laas"]
    assert {(o["owner_id"], o["backup_id"]) for o in laas} == {(world.officer_a.id,
                                                                world.hr_a.id)}
    # nobody is assigned e-Plan: its duties have no owner, and HR sees the flag
    assert {o["owner_id"] for o in body if o["subsystem"] == "e-plan"} == {None}
    assert _calendar(client, "hr.a", world.a.id).get_json() == body  # generated once
    council = next(o for o in body if o["duty"] == "plan-evaluation-to-council")
    assert council["title"].startswith("เสนอผลการติดตาม")
    assert council["needs_approval"]


def test_a_range_and_bad_dates(client, world):
    start, _end = fiscal_bounds(fiscal_year(today()))
    last = start + timedelta(days=60)
    body = _calendar(client, "executive.a", world.a.id, **{
        "from": start.isoformat(), "to": last.isoformat()}).get_json()
    assert body
    assert all(o["due"] <= last.isoformat() for o in body)
    assert _calendar(client, "hr.a", world.a.id, **{"from": "07/12/2569"}).status_code == 422
    assert _calendar(client, "hr.a", world.a.id, **{"from": "2027-01-01",
                                                    "to": "2026-01-01"}).status_code == 422


def test_who_may_read_an_lao_calendar(client, world):
    assert _calendar(client, "officer.a", world.a.id).status_code == 403
    assert _calendar(client, world.sup_district_a.username, world.a.id).status_code == 200
    assert _calendar(client, "hr.b", world.a.id).status_code == 404
    assert _calendar(client, world.sup_province_b.username, world.a.id).status_code == 404


def test_the_owner_follows_assignment_changes_and_people_who_leave(app, client, world,
                                                                   assign, factory):
    first = assign(world.a, world.officer_a, "e-gp")
    newcomer = factory.user(world.a, "officer", username="newcomer.a")
    mine = client.get("/api/v1/me/calendar", headers=token(client, "officer.a")).get_json()
    assert mine
    assert {o["subsystem"] for o in mine} == {"e-gp"}
    # HR ends the assignment and gives the system to someone else
    assert client.delete(f"/api/v1/assignments/{first}",
                         headers=token(client, "hr.a")).status_code == 204
    login(client, "hr.a")
    assign(world.a, newcomer, "e-gp")
    assert client.get("/api/v1/me/calendar", headers=token(client, "officer.a")
                      ).get_json() == []
    body = _calendar(client, "hr.a", world.a.id).get_json()
    assert {o["owner_id"] for o in body if o["subsystem"] == "e-gp"} == {newcomer.id}
    # the new owner leaves: the duty is not left with them
    assert client.post(f"/users/{newcomer.id}/deactivate").status_code == 302
    body = _calendar(client, "hr.a", world.a.id).get_json()
    assert {o["owner_id"] for o in body if o["subsystem"] == "e-gp"} == {None}


def _done(client, who, occ_id, **body):
    return client.post(f"/api/v1/calendar/{occ_id}/done", headers=token(client, who),
                       json={"reference": "ศธ 0001/123", **body})


def test_done_without_approval_is_done_and_late_is_computed(app, client, world, assign,
                                                            occurrence):
    assign(world.a, world.officer_a, "e-laas")
    overdue = occurrence(world.a, "laas-monthly-report", overdue=True)
    answer = _done(client, "officer.a", overdue, note="ส่งช้าเพราะระบบล่ม")
    assert answer.status_code == 200
    assert answer.get_json() == {"id": overdue, "status": "done"}
    row = next(o for o in _calendar(client, "hr.a", world.a.id).get_json()
               if o["id"] == overdue)
    assert (row["status"], row["late"], row["overdue"]) == ("done", True, False)
    assert row["reference"] == "ศธ 0001/123"
    assert row["done_at"]
    coming = occurrence(world.a, "laas-monthly-report")
    assert _done(client, "officer.a", coming).status_code == 200
    row = next(o for o in _calendar(client, "hr.a", world.a.id).get_json()
               if o["id"] == coming)
    assert (row["status"], row["late"]) == ("done", False)


def test_approval_by_another_executive_and_never_by_the_one_who_marked(
        app, client, world, assign, occurrence, factory):
    assign(world.a, world.officer_a, "e-plan")
    occ = occurrence(world.a, "plan-evaluation-to-council")
    assert _done(client, "officer.a", occ).get_json()["status"] == "submitted"
    # HR may not approve; the officer who marked it may not either
    for who in ("hr.a", "officer.a"):
        assert client.post(f"/api/v1/calendar/{occ}/approve",
                           headers=token(client, who)).status_code == 403
    answer = client.post(f"/api/v1/calendar/{occ}/approve",
                         headers=token(client, "executive.a"))
    assert answer.status_code == 200
    assert answer.get_json()["status"] == "done"
    # an executive who marks one themself cannot approve it: a second executive does
    second = factory.user(world.a, "executive", username="deputy.a")
    assign(world.a, world.executive_a, "e-laas")
    draft = occurrence(world.a, "laas-budget-draft")
    assert _done(client, "executive.a", draft).get_json()["status"] == "submitted"
    own = client.post(f"/api/v1/calendar/{draft}/approve",
                      headers=token(client, "executive.a"))
    assert own.status_code == 403
    assert client.post(f"/api/v1/calendar/{draft}/approve",
                       headers=token(client, second.username)).status_code == 200
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEvent.action).where(
            AuditEvent.target_type == "calendaroccurrence").order_by(AuditEvent.id)))
    assert actions == ["calendar.done", "calendar.approve", "calendar.done",
                       "calendar.approve"]


def test_bad_input_answers_as_the_contract_says(client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-laas")
    occ = occurrence(world.a, "laas-monthly-report")
    # unknown occurrence, and another LAO's occurrence: 404 alike
    assert _done(client, "officer.a", 999_999).status_code == 404
    other = occurrence(world.b, "laas-monthly-report")
    assert _done(client, "officer.a", other).status_code == 404
    assert client.post(f"/api/v1/calendar/{other}/approve",
                       headers=token(client, "executive.a")).status_code == 404
    # an empty (or blank) reference: 422, nothing changed
    for reference in ("", "   "):
        answer = client.post(f"/api/v1/calendar/{occ}/done", headers=token(client, "officer.a"),
                             json={"reference": reference})
        assert answer.status_code == 422
        assert "reference" in answer.get_json()["details"]["fields"]
    assert client.post(f"/api/v1/calendar/{occ}/done", headers=token(client, "officer.a"),
                       json={}).status_code == 422
    # done twice: 409
    assert _done(client, "officer.a", occ).status_code == 200
    second = _done(client, "hr.a", occ)
    assert second.status_code == 409
    assert second.get_json()["error"] == "conflict"
    # someone of the LAO who neither owns nor backs it up, nor is HR: 403
    fresh = occurrence(world.a, "gp-monthly-summary")
    assert _done(client, "executive.a", fresh).status_code == 403
    # approving one that needs no approval: 409
    assert client.post(f"/api/v1/calendar/{occ}/approve",
                       headers=token(client, "executive.a")).status_code == 409


def test_the_backup_stands_in_and_hr_may_mark(client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-laas")
    assign(world.a, world.executive_a, "e-laas", role="backup", share=10)
    occ = occurrence(world.a, "laas-monthly-report")
    assert _done(client, "executive.a", occ).status_code == 200
    other = occurrence(world.a, "laas-monthly-report", overdue=True)
    assert _done(client, "hr.a", other).status_code == 200


def test_undo_within_a_day_is_audited_and_refused_later(app, client, world, assign,
                                                        occurrence):
    assign(world.a, world.officer_a, "e-plan")
    occ_id = occurrence(world.a, "plan-evaluation-to-council")
    assert _done(client, "officer.a", occ_id).status_code == 200
    client.post(f"/api/v1/calendar/{occ_id}/approve", headers=token(client, "executive.a"))
    # the officer cannot take back the executive's approval; the executive can
    assert client.post(f"/api/v1/calendar/{occ_id}/undo",
                       headers=token(client, "officer.a")).status_code == 403
    undone = client.post(f"/api/v1/calendar/{occ_id}/undo",
                         headers=token(client, "executive.a"))
    assert undone.get_json()["status"] == "submitted"
    assert client.post(f"/api/v1/calendar/{occ_id}/undo",
                       headers=token(client, "officer.a")).get_json()["status"] == "open"
    assert client.post(f"/api/v1/calendar/{occ_id}/undo",  # nothing left to take back
                       headers=token(client, "hr.a")).status_code == 409
    with app.app_context():
        occ = db.session.get(CalendarOccurrence, occ_id)
        officer = db.session.get(services.User, world.officer_a.id)
        services.mark_done(officer, occ, "เลขที่ 9", None, utcnow() - timedelta(days=2))
        db.session.commit()
    late = client.post(f"/api/v1/calendar/{occ_id}/undo", headers=token(client, "officer.a"))
    assert late.status_code == 409
    with app.app_context():
        undos = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "calendar.undo")).all()
        assert [(u.before["status"], u.after["status"]) for u in undos] == [
            ("done", "submitted"), ("submitted", "open")]


def test_an_lao_changes_an_unverified_date_but_never_a_fixed_one(app, client, world):
    login(client, "hr.a")
    before = _calendar(client, "hr.a", world.a.id).get_json()
    page = client.post(f"/laos/{world.a.id}/calendar/settings", data={
        "what": "duty", "duty-duty": "gp-monthly-summary", "duty-month": "0",
        "duty-day": "25"}, follow_redirects=True)
    assert page.status_code == 200
    after = _calendar(client, "hr.a", world.a.id).get_json()
    summaries = [o for o in after if o["duty"] == "gp-monthly-summary"]
    assert len(summaries) == 12  # one a month still
    horizon = (today() + timedelta(days=31)).isoformat()
    assert {o["due"][-2:] for o in summaries if o["due"] > horizon} <= {"25"}
    assert len(after) == len(before)
    # a confirmed deadline stays the rule's
    refused = client.post(f"/laos/{world.a.id}/calendar/settings", data={
        "what": "duty", "duty-duty": "laas-year-end-close", "duty-month": "9",
        "duty-day": "29"}, follow_redirects=True)
    assert "laas-year-end-close" not in refused.get_data(as_text=True)  # not offered
    with app.app_context():
        hr = db.session.get(services.User, world.hr_a.id)
        with pytest.raises(Conflict):
            services.set_duty_date(hr, world.a.id, "laas-year-end-close", 9, 29, today())
        db.session.rollback()
    # an officer may not change the settings
    client.post("/logout")
    login(client, "officer.a")
    assert client.post(f"/laos/{world.a.id}/calendar/settings", data={
        "what": "lead", "lead-lead_days": "5"}).status_code == 403


def test_when_the_primary_leaves_the_backup_owns_the_duties(client, world, assign, factory):
    assign(world.a, world.officer_a, "e-laas")
    stand_in = factory.user(world.a, "officer", username="standin.a")
    assign(world.a, stand_in, "e-laas", role="backup", share=20)
    login(client, "hr.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    body = _calendar(client, "hr.a", world.a.id).get_json()
    laas = [o for o in body if o["subsystem"] == "e-laas"]
    assert laas
    assert {(o["owner_id"], o["backup_id"]) for o in laas} == {(stand_in.id, None)}
    mine = client.get("/api/v1/me/calendar", headers=token(client, "standin.a")).get_json()
    assert {o["subsystem"] for o in mine} == {"e-laas"}
