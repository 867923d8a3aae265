"""Placement attempts through the API: draw, autosave, resume, expiry, idempotent submit."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.auth.models import ApiToken, User
from app.content.models import Module, QuestionOption
from app.db import utcnow
from app.extensions import db
from app.placement.models import Attempt
from app.placement.services import expire_overdue
from tests.conftest import token


@pytest.fixture
def me(client, factory):
    user = factory.user(factory.lao(), "officer")
    return user, token(client, user.username)


def _start(client, headers, code="e-laas"):
    return client.post(f"/api/v1/placements/{code}/attempts", headers=headers)


def _key(app, question_ids):
    with app.app_context():
        return {o.question_id: o.id for o in db.session.scalars(select(QuestionOption).where(
            QuestionOption.question_id.in_(question_ids), QuestionOption.correct.is_(True)))}


def _answer_all(client, headers, body, key, right=True):
    for q in body["questions"]:
        option = key[q["id"]] if right else next(o["id"] for o in q["options"]
                                                 if o["id"] != key[q["id"]])
        response = client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}",
                              headers=headers, json={"option_id": option})
        assert response.status_code == 204


def test_start_draws_a_stratified_form_without_the_key(app, client, me):
    _user, headers = me
    response = _start(client, headers)
    assert response.status_code == 201
    body = response.get_json()
    assert len(body["questions"]) == 20
    assert "correct" not in json.dumps(body)
    assert "explanation" not in json.dumps(body)
    assert all(q["ref"].startswith("e-laas-") for q in body["questions"])
    levels = {int(q["ref"].split("-")[-1]) for q in body["questions"]}
    assert levels  # refs are well formed
    with app.app_context():
        attempt = db.session.get(Attempt, body["attempt_id"])
        cells = {(i.question.topic, i.question.level) for i in attempt.items}
    assert {lv for _t, lv in cells} == {1, 2, 3}
    assert len({t for t, _lv in cells}) == 6


def test_starting_again_resumes_the_same_attempt_with_saved_answers(app, client, me):
    _user, headers = me
    first = _start(client, headers).get_json()
    q = first["questions"][0]
    client.put(f"/api/v1/attempts/{first['attempt_id']}/answers/{q['id']}", headers=headers,
               json={"option_id": q["options"][1]["id"]})
    again = _start(client, headers)
    assert again.status_code == 200
    assert again.get_json()["questions"] == first["questions"]
    state = client.get(f"/api/v1/attempts/{first['attempt_id']}", headers=headers).get_json()
    assert state["status"] == "open"
    assert state["answers"] == {str(q["id"]): q["options"][1]["id"]}


def test_each_attempt_has_its_own_order(client, factory):
    lao = factory.lao()
    orders = []
    for _ in range(2):
        user = factory.user(lao)
        body = _start(client, token(client, user.username)).get_json()
        orders.append([q["id"] for q in body["questions"]])
    assert orders[0] != orders[1]


def test_all_right_gives_level_3_and_writes_the_competency(app, client, me):
    user, headers = me
    body = _start(client, headers).get_json()
    _answer_all(client, headers, body, _key(app, [q["id"] for q in body["questions"]]))
    result = client.post(f"/api/v1/attempts/{body['attempt_id']}/submit", headers=headers)
    assert result.status_code == 200
    data = result.get_json()
    assert data["score"] == 1.0
    assert data["level"] == 3
    assert all(t["mastery"] == 1.0 for t in data["topics"])
    with app.app_context():
        final = db.session.scalar(select(Module.id).where(Module.slug == "e-laas-officer-11"))
    assert data["learning_path"] == [final]  # every topic mastered: only the final check
    comp = client.get(f"/api/v1/users/{user.id}/competencies", headers=headers).get_json()
    assert comp[0]["subsystem"] == "e-laas"
    assert comp[0]["level"] == 3
    assert comp[0]["source"] == "placement"


def test_all_wrong_gives_level_0_and_the_whole_course(app, client, me):
    _user, headers = me
    body = _start(client, headers).get_json()
    _answer_all(client, headers, body, _key(app, [q["id"] for q in body["questions"]]),
                right=False)
    data = client.post(f"/api/v1/attempts/{body['attempt_id']}/submit", headers=headers).get_json()
    assert data["level"] == 0
    with app.app_context():
        modules = list(db.session.scalars(select(Module.id).join(Module.course).where(
            Module.slug.like("e-laas-officer-%"))))
    assert sorted(data["learning_path"]) == sorted(modules)


def test_submit_is_idempotent_and_closes_the_attempt(client, me):
    _user, headers = me
    body = _start(client, headers).get_json()
    url = f"/api/v1/attempts/{body['attempt_id']}/submit"
    first = client.post(url, headers=headers).get_json()
    assert client.post(url, headers=headers).get_json() == first
    q = body["questions"][0]
    late = client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}",
                      headers=headers, json={"option_id": q["options"][0]["id"]})
    assert late.status_code == 409


def test_bad_answers_are_422_and_change_nothing(client, me):
    _user, headers = me
    body = _start(client, headers).get_json()
    q1, q2 = body["questions"][:2]
    base = f"/api/v1/attempts/{body['attempt_id']}/answers"
    assert client.put(f"{base}/{q1['id']}", headers=headers,
                      json={"option_id": q2["options"][0]["id"]}).status_code == 422
    assert client.put(f"{base}/999999", headers=headers,
                      json={"option_id": q1["options"][0]["id"]}).status_code == 422
    assert client.put(f"{base}/{q1['id']}", headers=headers,
                      json={"option_id": "2"}).status_code == 422
    assert client.put(f"{base}/{q1['id']}", headers=headers, json={}).status_code == 422
    state = client.get(f"/api/v1/attempts/{body['attempt_id']}", headers=headers).get_json()
    assert state["answers"] == {}


def test_another_persons_attempt_is_404(client, factory, me):
    _user, headers = me
    body = _start(client, headers).get_json()
    other = factory.user(factory.lao(), "hr")
    theirs = token(client, other.username)
    q = body["questions"][0]
    assert client.get(f"/api/v1/attempts/{body['attempt_id']}", headers=theirs).status_code == 404
    assert client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}",
                      headers=theirs, json={"option_id": q["options"][0]["id"]}
                      ).status_code == 404
    assert client.post(f"/api/v1/attempts/{body['attempt_id']}/submit", headers=theirs
                       ).status_code == 404


def _expire(app, attempt_id):
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.started_at -= timedelta(hours=1)
        attempt.expires_at = utcnow() - timedelta(minutes=5)
        db.session.commit()


def test_expired_attempt_is_graded_on_saved_answers_never_zeroed(app, client, me):
    _user, headers = me
    body = _start(client, headers).get_json()
    key = _key(app, [q["id"] for q in body["questions"]])
    for q in body["questions"][:10]:
        client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}", headers=headers,
                   json={"option_id": key[q["id"]]})
    _expire(app, body["attempt_id"])
    q = body["questions"][10]
    late = client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}",
                      headers=headers, json={"option_id": key[q["id"]]})
    assert late.status_code == 409
    result = client.post(f"/api/v1/attempts/{body['attempt_id']}/submit", headers=headers)
    assert result.get_json()["score"] == 0.5
    assert result.get_json()["status"] == "expired"


def test_expiry_is_graded_even_if_the_person_never_returns(app, client, me):
    _user, headers = me
    body = _start(client, headers).get_json()
    key = _key(app, [q["id"] for q in body["questions"]])
    q = body["questions"][0]
    client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}", headers=headers,
               json={"option_id": key[q["id"]]})
    _expire(app, body["attempt_id"])
    runner = app.test_cli_runner()
    assert "1 attempt" in runner.invoke(args=["placement", "expire"]).output
    with app.app_context():
        attempt = db.session.get(Attempt, body["attempt_id"])
        assert attempt.status == "expired"
        assert attempt.score == 0.05
        assert expire_overdue(utcnow()) == 0


def test_retake_waits_for_the_cooldown(app, client, me):
    _user, headers = me
    body = _start(client, headers).get_json()
    client.post(f"/api/v1/attempts/{body['attempt_id']}/submit", headers=headers)
    blocked = _start(client, headers)
    assert blocked.status_code == 409
    assert blocked.get_json()["error"] == "cooldown"
    assert "retry_after" in blocked.get_json()["details"]
    with app.app_context():
        attempt = db.session.get(Attempt, body["attempt_id"])
        attempt.finished_at -= timedelta(hours=25)
        db.session.commit()
    assert _start(client, headers).status_code == 201


def test_unknown_system_code_is_404(client, me):
    _user, headers = me
    assert _start(client, headers, "e-unknown").status_code == 404


def test_a_second_login_resumes_with_every_saved_answer(client, me):
    user, headers = me
    body = _start(client, headers).get_json()
    q = body["questions"][3]
    client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}", headers=headers,
               json={"option_id": q["options"][2]["id"]})
    other_device = token(client, user.username)
    resumed = _start(client, other_device)
    assert resumed.status_code == 200
    state = client.get(f"/api/v1/attempts/{resumed.get_json()['attempt_id']}",
                       headers=other_device).get_json()
    assert state["answers"] == {str(q["id"]): q["options"][2]["id"]}


def test_reading_an_attempt_costs_the_same_queries_whatever_its_length(client, me,
                                                                      count_queries):
    _user, headers = me
    body = _start(client, headers).get_json()
    with count_queries() as seen:
        client.get(f"/api/v1/attempts/{body['attempt_id']}", headers=headers)
    assert len(seen) <= 6, seen  # token, attempt, items, questions, options


def test_a_save_needs_a_live_token_of_an_active_account(app, client, me):
    """The save checks the token inside its own statement: each way a token can be wrong is
    401, and no answer is written."""
    user, headers = me
    body = _start(client, headers).get_json()
    q = body["questions"][0]
    url = f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}"
    answer = {"option_id": q["options"][0]["id"]}
    assert client.put(url, json=answer).status_code == 401
    assert client.put(url, json=answer, headers={"Authorization": "Bearer nope"}
                      ).status_code == 401
    with app.app_context():
        db.session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert client.put(url, json=answer, headers=headers).status_code == 401
    fresh = token(client, user.username)
    with app.app_context():
        db.session.execute(update(User).where(User.id == user.id).values(status="inactive"))
        db.session.commit()
    assert client.put(url, json=answer, headers=fresh).status_code == 401
    with app.app_context():
        db.session.execute(update(User).where(User.id == user.id).values(status="active"))
        db.session.commit()
    state = client.get(f"/api/v1/attempts/{body['attempt_id']}", headers=fresh).get_json()
    assert state["answers"] == {}
    for odd in (True, 2**40, -1, None, [answer["option_id"]]):
        assert client.put(url, json={"option_id": odd}, headers=fresh).status_code == 422
    assert client.put(url, json=answer, headers=fresh).status_code == 204


def test_the_waiting_page_gives_the_time_in_thailand(app, client, me):
    """The retake time reads as a Thai date and clock time (UTC+7), never as UTC."""
    from datetime import datetime

    from app.dates import THAI_TIME, thai_date
    from tests.conftest import login

    user, headers = me
    body = _start(client, headers).get_json()
    client.post(f"/api/v1/attempts/{body['attempt_id']}/submit", headers=headers)
    retry = datetime.fromisoformat(_start(client, headers).get_json()["details"]["retry_after"])
    login(client, user.username)
    page = client.post("/placement/e-laas/start")
    assert page.status_code == 409
    text = page.get_data(as_text=True)
    local = retry.astimezone(THAI_TIME)
    assert f"{thai_date(local.date(), short=True)} เวลา {local:%H:%M} น." in text
    assert "UTC" not in text
    # the list of quizzes already says so, instead of offering a start that will be refused
    listing = client.get("/placement").get_data(as_text=True)
    assert f"ทำใหม่ได้ตั้งแต่ {thai_date(local.date(), short=True)}" in listing
    assert 'action="/placement/e-laas/start"' not in listing
    assert 'action="/placement/e-gp/start"' in listing


def test_the_result_page_shows_each_topic_and_links_the_learning_path(app, client, me):
    from tests.conftest import login

    user, headers = me
    body = _start(client, headers).get_json()
    done = client.post(f"/api/v1/attempts/{body['attempt_id']}/submit",
                       headers=headers).get_json()
    login(client, user.username)
    page = client.get(f"/attempts/{body['attempt_id']}/result").get_data(as_text=True)
    assert page.count('<progress class="low" max="100" value="0">') == len(done["topics"])
    assert done["learning_path"]
    for module_id in done["learning_path"]:
        assert f'href="/modules/{module_id}"' in page
