"""Item analysis: facility, corrected item-total discrimination, option shares, flags, access."""

import statistics
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.content.item_stats import ItemStat, correlation, flags_for
from app.content.models import Course, Module, Question
from app.db import utcnow
from app.extensions import db
from app.placement.models import Attempt, AttemptItem
from tests.conftest import token

# four finished attempts on the same three items: 1 = right, 0 = wrong
PATTERN = [(1, 1, 1), (1, 0, 1), (0, 0, 1), (0, 1, 0)]


def _bank_questions(code, n=3):
    return list(db.session.scalars(select(Question).where(
        Question.subsystem == code, Question.module_id.is_(None),
        Question.retired.is_(False)).order_by(Question.position).limit(n)))


def _finished_attempts(app, factory, pattern, code="e-laas", status="submitted"):
    lao = factory.lao()
    users = [factory.user(lao) for _ in pattern]
    with app.app_context():
        questions = _bank_questions(code)
        for n, (row, user) in enumerate(zip(pattern, users, strict=True)):
            now = utcnow()
            attempt = Attempt(user_id=user.id, lao_id=lao.id, subsystem=code, seed=n,
                              status=status, started_at=now - timedelta(minutes=20),
                              expires_at=now + timedelta(minutes=10),
                              finished_at=None if status == "open" else now)
            for position, (question, right) in enumerate(zip(questions, row, strict=True)):
                key = next(o for o in question.active_options if o.correct)
                wrong = next(o for o in question.active_options if not o.correct)
                attempt.items.append(AttemptItem(
                    question_id=question.id, position=position,
                    option_order=[o.id for o in question.active_options],
                    answer_option_id=(key if right else wrong).id, answered_at=now))
            db.session.add(attempt)
        db.session.commit()
        return [q.ref for q in questions]


def test_figures_match_a_hand_computed_example(app, client, factory, world):
    refs = _finished_attempts(app, factory, PATTERN)
    # an open attempt does not count
    _finished_attempts(app, factory, [(0, 0, 0)], status="open")
    body = client.get("/api/v1/placements/e-laas/item-stats",
                      headers=token(client, "root")).get_json()
    by_ref = {s["ref"]: s for s in body}
    first = by_ref[refs[0]]
    assert first["responses"] == 4
    assert first["facility"] == 0.5
    # item 1 against the share right on the other two items of the same attempt:
    # x = 1, 1, 0, 0; rest = 2/2, 1/2, 1/2, 1/2 -> r = 0.25 / sqrt(1 * 0.1875) = 0.5774
    assert first["discrimination"] == pytest.approx(0.5774, abs=1e-4)
    assert first["discrimination"] == pytest.approx(
        statistics.correlation([1, 1, 0, 0], [1, 0.5, 0.5, 0.5]), abs=1e-4)
    key = next(o for o in first["options"] if o["correct"])
    assert key["share"] == 0.5
    assert sum(o["share"] for o in first["options"]) == pytest.approx(1.0)
    third = by_ref[refs[2]]
    assert third["facility"] == 0.75
    # x = 1, 1, 1, 0; rest = 1, 1/2, 0, 1/2
    assert third["discrimination"] == pytest.approx(
        statistics.correlation([1, 1, 1, 0], [1, 0.5, 0, 0.5]), abs=1e-4)
    untouched = [s for s in body if s["ref"] not in refs]
    assert untouched
    assert all(s["responses"] == 0 and s["facility"] is None for s in untouched)
    assert all(s["flags"] == [] for s in body)  # four answers are too few to judge


def test_flags_name_what_to_rewrite():
    def stat(facility, r, shares):
        s = ItemStat(1, "x", "t", 1, "?", 0.0, responses=100, facility=facility,
                     discrimination=r)
        s.options = [{"text": "k", "correct": True, "share": shares[0]}] + [
            {"text": "w", "correct": False, "share": v} for v in shares[1:]]
        return s

    assert flags_for(stat(0.6, 0.4, [0.6, 0.2, 0.1, 0.1])) == []
    assert flags_for(stat(0.95, 0.3, [0.95, 0.02, 0.02, 0.01])) == ["too_easy", "dead_distractor"]
    assert "negative_discrimination" in flags_for(stat(0.3, -0.2, [0.3, 0.4, 0.2, 0.1]))
    assert "distractor_beats_key" in flags_for(stat(0.3, -0.2, [0.3, 0.4, 0.2, 0.1]))
    assert "low_discrimination" in flags_for(stat(0.5, 0.1, [0.5, 0.2, 0.2, 0.1]))
    assert "too_hard" in flags_for(stat(0.1, 0.3, [0.1, 0.3, 0.3, 0.3]))


def test_correlation_is_none_when_nothing_varies():
    assert correlation(4, 4, 2, 1, 2) is None  # everyone right
    assert correlation(1, 1, 1, 1, 1) is None


def test_course_checks_are_analysed_from_every_try(app, client, factory, world):
    headers = token(client, "officer.a")
    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "e-laas-officer"))
        module = db.session.scalar(select(Module).where(Module.course_id == course.id)
                                   .order_by(Module.position))
        course_id, module_id = course.id, module.id
        keys = {q.id: next(o.id for o in q.active_options if o.correct) for q in module.questions}
        wrong = {q.id: next(o.id for o in q.active_options if not o.correct)
                 for q in module.questions}
    enrollment = client.post(f"/api/v1/courses/{course_id}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    url = f"/api/v1/enrollments/{enrollment}/modules/{module_id}/check"
    assert client.post(url, headers=headers, json={"answers": {
        str(q): o for q, o in wrong.items()}}).status_code == 200
    assert client.post(url, headers=headers, json={"answers": {
        str(q): o for q, o in keys.items()}}).status_code == 200
    body = client.get(f"/api/v1/courses/{course_id}/item-stats",
                      headers=token(client, "root")).get_json()
    answered = [s for s in body if s["responses"]]
    assert len(answered) == len(keys)
    assert all(s["responses"] == 2 and s["facility"] == 0.5 for s in answered)


@pytest.mark.parametrize("who", ["officer.a", "hr.a", "executive.a"])
def test_item_analysis_is_for_admins_only(client, world, who):
    headers = token(client, who)
    assert client.get("/api/v1/placements/e-laas/item-stats", headers=headers).status_code == 403
    assert client.get("/api/v1/courses/1/item-stats", headers=headers).status_code == 403


def test_item_analysis_unknown_scope_and_no_token(client, world):
    admin = token(client, "root")
    assert client.get("/api/v1/placements/nope/item-stats", headers=admin).status_code == 404
    assert client.get("/api/v1/courses/999999/item-stats", headers=admin).status_code == 404
    assert client.get("/api/v1/placements/e-laas/item-stats").status_code == 401


def test_admin_page_shows_items_and_csv(app, client, factory, world):
    from tests.conftest import login

    refs = _finished_attempts(app, factory, PATTERN)
    login(client, "root")
    page = client.get("/admin/items/placement/e-laas?sort=facility")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert refs[0] in html
    csv = client.get("/admin/items/placement/e-laas?format=csv")
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("ref,topic,level,responses,facility,discrimination")
    assert any(line.startswith(f"{refs[0]},") and ",4,0.5," in line for line in lines)
    assert client.get("/admin/items/placement/nope").status_code == 404
    client.post("/logout")
    login(client, "officer.a")
    assert client.get("/admin/items/placement/e-laas").status_code in (403, 404)


def test_the_database_counts_in_the_same_number_of_queries_however_many_answers(
        app, client, factory, world, count_queries):
    admin = token(client, "root")
    counts = []
    for pattern in (PATTERN, PATTERN * 4):
        _finished_attempts(app, factory, pattern)
        with count_queries() as seen:
            assert client.get("/api/v1/placements/e-laas/item-stats",
                              headers=admin).status_code == 200
        counts.append(len([s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]))
    assert counts[0] == counts[1]
    assert counts[0] <= 8
