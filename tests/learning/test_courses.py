"""Courses: catalogue, enrolment, server-graded checks, personal path, completion."""

import json

import pytest
from sqlalchemy import select

from app.content.markdown import render
from app.content.models import QuestionOption
from app.content.service import load_and_sync
from app.extensions import db
from tests.conftest import login, token


@pytest.fixture
def me(client, factory):
    user = factory.user(factory.lao(), "officer")
    return user, token(client, user.username)


def _course(client, headers, slug):
    return next(c for c in client.get("/api/v1/courses", headers=headers).get_json()
                if c["slug"] == slug)


def _right(app, module):
    ids = [q["id"] for q in module["check"]]
    with app.app_context():
        return {str(o.question_id): o.id for o in db.session.scalars(select(QuestionOption).where(
            QuestionOption.question_id.in_(ids), QuestionOption.correct.is_(True)))}


def _pass(app, client, headers, enrollment_id, module_id):
    module = client.get(f"/api/v1/modules/{module_id}", headers=headers).get_json()
    return client.post(f"/api/v1/enrollments/{enrollment_id}/modules/{module_id}/check",
                       headers=headers, json={"answers": _right(app, module)}).get_json()


def test_catalogue_has_an_officer_and_a_mandatory_executive_course_per_system(client, me):
    _user, headers = me
    courses = client.get("/api/v1/courses", headers=headers).get_json()
    assert len(courses) == 12
    executive = client.get("/api/v1/courses?audience=executive", headers=headers).get_json()
    assert len(executive) == 6
    assert all(c["mandatory"] for c in executive)
    laas = client.get("/api/v1/courses?subsystem=e-laas", headers=headers).get_json()
    assert {c["audience"] for c in laas} == {"officer", "executive"}
    assert client.get("/api/v1/courses?subsystem=e-nope", headers=headers).status_code == 422


def test_module_has_its_check_but_never_the_key(client, me):
    _user, headers = me
    course = _course(client, headers, "e-gp-officer")
    module = client.get(f"/api/v1/modules/{course['modules'][0]['id']}", headers=headers)
    body = module.get_json()
    assert 4 <= len(body["check"]) <= 6
    assert "<h2>" in body["body_html"]
    assert "correct" not in json.dumps(body["check"])
    assert course["modules"][-1]["kind"] == "final"


def test_markdown_cannot_inject_script_or_raw_html():
    html = render("# t\n\n<script>alert(1)</script>\n\n<b onclick='x()'>b</b>\n\n"
                  "[x](javascript:alert(1)) ![i](http://example.org/i.png)")
    assert "<script" not in html  # raw HTML is shown as text, never as markup
    assert "<b " not in html
    assert 'href="javascript' not in html
    assert "<img" not in html


def test_enrol_twice_returns_the_same_enrolment(client, me):
    _user, headers = me
    course = _course(client, headers, "info-officer")
    first = client.post(f"/api/v1/courses/{course['id']}/enrollments", headers=headers)
    second = client.post(f"/api/v1/courses/{course['id']}/enrollments", headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json() == second.get_json()


def test_check_is_graded_on_the_server(app, client, me):
    _user, headers = me
    course = _course(client, headers, "e-office-officer")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    module_id = course["modules"][0]["id"]
    assert _pass(app, client, headers, enrollment, module_id) == {"passed": True, "score": 1.0}
    module = client.get(f"/api/v1/modules/{module_id}", headers=headers).get_json()
    right = _right(app, module)
    wrong = {qid: next(o["id"] for q in module["check"] if str(q["id"]) == qid
                       for o in q["options"] if o["id"] != oid) for qid, oid in right.items()}
    graded = client.post(f"/api/v1/enrollments/{enrollment}/modules/{module_id}/check",
                         headers=headers, json={"answers": wrong}).get_json()
    assert graded == {"passed": False, "score": 0.0}
    state = client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()
    assert state["status"] == "in_progress"
    assert next(m for m in state["modules"] if m["id"] == module_id)["passed"]  # kept


def test_bad_check_answers_are_422(client, me):
    _user, headers = me
    course = _course(client, headers, "e-office-officer")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    m1, m2 = course["modules"][0]["id"], course["modules"][1]["id"]
    other = client.get(f"/api/v1/modules/{m2}", headers=headers).get_json()["check"][0]
    url = f"/api/v1/enrollments/{enrollment}/modules/{m1}/check"
    foreign = client.post(url, headers=headers,
                          json={"answers": {str(other["id"]): other["options"][0]["id"]}})
    assert foreign.status_code == 422
    assert client.post(url, headers=headers, json={"answers": "all"}).status_code == 422
    mine = client.get(f"/api/v1/modules/{m1}", headers=headers).get_json()["check"][0]
    mixed = client.post(url, headers=headers,
                        json={"answers": {str(mine["id"]): other["options"][0]["id"]}})
    assert mixed.status_code == 422


def test_someone_elses_enrolment_is_404(client, factory, me):
    _user, headers = me
    course = _course(client, headers, "e-plan-officer")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    other = token(client, factory.user(factory.lao(), "hr").username)
    assert client.get(f"/api/v1/enrollments/{enrollment}", headers=other).status_code == 404
    module_id = course["modules"][0]["id"]
    assert client.post(f"/api/v1/enrollments/{enrollment}/modules/{module_id}/check",
                       headers=other, json={"answers": {}}).status_code == 404


def test_passing_every_module_completes_the_course_and_counts_as_evidence(app, client, me):
    user, headers = me
    course = _course(client, headers, "e-bidding-officer")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    for module in course["modules"][:-1]:
        assert _pass(app, client, headers, enrollment, module["id"])["passed"]
    state = client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()
    assert state["status"] == "in_progress"  # the final check is still due
    _pass(app, client, headers, enrollment, course["modules"][-1]["id"])
    state = client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()
    assert state["status"] == "completed"
    comp = client.get(f"/api/v1/users/{user.id}/competencies", headers=headers).get_json()
    # the course and its certificate are both evidence; the certificate is valid longer
    assert comp == [{**comp[0], "subsystem": "e-bidding", "level": 2, "source": "certificate"}]
    assert comp[0]["expires_at"][:4] == str(int(comp[0]["achieved_at"][:4]) + 2)


def test_placement_result_shortens_the_path(app, client, me):
    _user, headers = me
    attempt = client.post("/api/v1/placements/e-gp/attempts", headers=headers).get_json()
    ids = [q["id"] for q in attempt["questions"]]
    with app.app_context():
        key = {o.question_id: o.id for o in db.session.scalars(select(QuestionOption).where(
            QuestionOption.question_id.in_(ids), QuestionOption.correct.is_(True)))}
    for qid in ids:
        client.put(f"/api/v1/attempts/{attempt['attempt_id']}/answers/{qid}", headers=headers,
                   json={"option_id": key[qid]})
    client.post(f"/api/v1/attempts/{attempt['attempt_id']}/submit", headers=headers)
    course = _course(client, headers, "e-gp-officer")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    state = client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()
    assert [m["on_path"] for m in state["modules"]] == [False] * (len(state["modules"]) - 1) + [
        True]
    _pass(app, client, headers, enrollment, course["modules"][-1]["id"])
    state = client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()
    assert state["status"] == "completed"


def test_progress_survives_a_content_sync(app, client, me):
    _user, headers = me
    course = _course(client, headers, "e-laas-executive")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    _pass(app, client, headers, enrollment, course["modules"][0]["id"])
    with app.app_context():
        load_and_sync(app)
        db.session.commit()
    state = client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()
    assert state["modules"][0]["passed"]


def test_executive_sees_mandatory_modules_still_due(client, factory):
    executive = factory.user(factory.lao(), "executive")
    login(client, executive.username)
    page = client.get("/courses").get_data(as_text=True)
    assert "หลักสูตรบังคับสำหรับผู้บริหาร" in page or "Your mandatory executive modules" in page
    assert page.count("ยังค้าง") + page.count("still due") == 6


def test_reading_and_passing_a_module_on_the_web(app, client, factory):
    user = factory.user(factory.lao())
    login(client, user.username)
    headers = token(client, user.username)
    course = _course(client, headers, "info-executive")
    client.post(f"/courses/{course['id']}")
    module_id = course["modules"][0]["id"]
    page = client.get(f"/modules/{module_id}").get_data(as_text=True)
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    module = client.get(f"/api/v1/modules/{module_id}", headers=headers).get_json()
    form = {f"q{qid}": str(oid) for qid, oid in _right(app, module).items()}
    done = client.post(f"/modules/{module_id}", data=form).get_data(as_text=True)
    assert "100%" in done
    # the result sits where the page lands, the answers stay ticked, the next lesson is a click
    assert 'action="#check"' in done
    for qid, oid in form.items():
        assert f'name="{qid}" value="{oid}" checked' in done
    second = course["modules"][1]
    assert f'href="/modules/{second["id"]}"' in done.split('id="check"', 1)[1]


def test_a_check_submitted_twice_counts_once(app, client, me):
    _user, headers = me
    course = _course(client, headers, "e-plan-executive")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    for _ in range(2):
        assert _pass(app, client, headers, enrollment, course["modules"][0]["id"])["passed"]
    state = client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()
    assert sum(m["passed"] for m in state["modules"]) == 1


def test_the_final_check_waits_after_three_tries_that_did_not_pass(app, client, me,
                                                                    monkeypatch):
    """The final check earns a level for duties: after three failed tries in a row it opens
    again only an hour later, so its answers cannot be found by trying every option."""
    from datetime import timedelta

    from app.db import utcnow

    _user, headers = me
    course = _course(client, headers, "e-gp-officer")
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    final = course["modules"][-1]["id"]
    url = f"/api/v1/enrollments/{enrollment}/modules/{final}/check"
    for _ in range(3):
        tried = client.post(url, headers=headers, json={"answers": {}})
        assert tried.status_code == 200
        assert tried.get_json()["passed"] is False
    waited = client.post(url, headers=headers, json={"answers": {}})
    assert waited.status_code == 429
    assert "retry_after" in waited.get_json()["details"]
    # an hour later the check opens again, and a right answer passes
    later = utcnow() + timedelta(minutes=61)
    monkeypatch.setattr("app.learning.api.utcnow", lambda: later)
    assert _pass(app, client, headers, enrollment, final)["passed"] is True
    # a lesson's own check never waits
    lesson = course["modules"][0]["id"]
    lesson_url = f"/api/v1/enrollments/{enrollment}/modules/{lesson}/check"
    assert all(client.post(lesson_url, headers=headers, json={"answers": {}}).status_code == 200
               for _ in range(5))


def test_an_executive_is_enrolled_in_the_mandatory_courses_with_a_due_date(app, client,
                                                                           factory):
    from datetime import timedelta

    from app.content.models import Course
    from app.dates import thai_date, today
    from app.learning.models import Enrollment

    boss = factory.user(factory.lao(), "executive")
    login(client, boss.username)
    home = client.get("/").get_data(as_text=True)
    with app.app_context():
        enrolled = db.session.scalars(select(Enrollment).where(
            Enrollment.user_id == boss.id)).all()
        mandatory = db.session.scalars(select(Course).where(
            Course.audience == "executive", Course.mandatory.is_(True))).all()
    assert {e.course_id for e in enrolled} == {c.id for c in mandatory}
    due = thai_date(today() + timedelta(days=app.config["MANDATORY_DUE_DAYS"]), short=True)
    assert 'id="my-mandatory"' in home
    assert due in home
    client.get("/courses")  # seen again: no second enrolment
    with app.app_context():
        assert db.session.query(Enrollment).filter_by(user_id=boss.id).count() == len(mandatory)
    # the course page itself says it is mandatory and by when
    page = client.get(f"/courses/{mandatory[0].id}").get_data(as_text=True)
    assert 'id="mandatory-due"' in page
    assert due in page.split('id="mandatory-due"', 1)[1].split("</p>", 1)[0]
    officer = factory.user(factory.lao(), "officer")
    client.post("/logout")
    login(client, officer.username)
    client.get("/")
    with app.app_context():
        assert db.session.query(Enrollment).filter_by(user_id=officer.id).count() == 0
