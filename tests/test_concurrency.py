"""Concurrent requests (threads): no lost update, no duplicate, no 500 — on SQLite and on
PostgreSQL when the suite runs there."""

import threading

from sqlalchemy import func, select

from app.extensions import db
from app.register.models import Assignment, CompetencyEvent
from tests.conftest import token


def _together(app, calls):
    """Run the calls at the same moment, each with its own test client."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        client = app.test_client()
        barrier.wait()
        results[i] = call(client)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_hr_officers_assign_the_same_person_at_once(app, client, factory, world):
    second_hr = factory.user(world.a, "hr")
    factory.evidence(world.officer_a, "e-laas", 2)
    body = {"user_id": world.officer_a.id, "subsystem": "e-laas", "role": "primary",
            "share_percent": 60, "effective_from": "2026-11-01", "order_ref": "1/2569"}
    headers = [token(client, "hr.a"), token(client, second_hr.username)]
    codes = _together(app, [
        lambda c, h=h: c.post(f"/api/v1/laos/{world.a.id}/assignments", json=body,
                              headers=h).status_code for h in headers])
    assert sorted(codes) == [201, 409]
    with app.app_context():
        assert db.session.scalar(select(func.count(Assignment.id))) == 1


def test_two_submits_of_one_attempt_give_one_result(app, client, world):
    headers = token(client, "officer.a")
    attempt = client.post("/api/v1/placements/info/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['attempt_id']}/submit"
    results = _together(app, [lambda c: c.post(url, headers=headers) for _ in range(2)])
    assert [r.status_code for r in results] == [200, 200]
    assert results[0].get_json() == results[1].get_json()
    with app.app_context():
        assert db.session.scalar(select(func.count(CompetencyEvent.id))) == 1


def test_twenty_answer_saves_in_parallel_all_land(app, client, world):
    headers = token(client, "officer.a")
    attempt = client.post("/api/v1/placements/e-gp/attempts", headers=headers).get_json()
    calls = [
        (lambda c, q=q: c.put(f"/api/v1/attempts/{attempt['attempt_id']}/answers/{q['id']}",
                              json={"option_id": q["options"][1]["id"]},
                              headers=headers).status_code)
        for q in attempt["questions"]]
    assert _together(app, calls) == [204] * 20
    state = client.get(f"/api/v1/attempts/{attempt['attempt_id']}", headers=headers).get_json()
    assert len(state["answers"]) == 20


def test_two_bulk_jobs_for_one_cohort_issue_each_certificate_once(app, client, world):
    from app.auth.models import User
    from app.certification.jobs import create_job, run_job
    from app.certification.models import Certificate
    from app.content.models import Course

    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "info-officer"))
        actor = db.session.get(User, world.admin.id)  # an admin's jobs need no approval
        cohort = [world.officer_a.id, world.hr_a.id, world.executive_a.id]
        jobs = [create_job(actor, world.a.id, course, cohort).id for _ in range(2)]
        db.session.commit()

    def run(job_id):
        def call(_client):
            with app.app_context():
                run_job(job_id)
        return call

    _together(app, [run(j) for j in jobs])
    with app.app_context():
        holders = list(db.session.scalars(select(Certificate.user_id).where(
            Certificate.prefix == "INFO")))
        numbers = sorted(db.session.scalars(select(Certificate.number).where(
            Certificate.prefix == "INFO")))
    assert sorted(holders) == sorted(cohort)
    assert numbers == list(range(numbers[0], numbers[0] + 3))
