"""The browser's autosave route (session cookie + CSRF header): same rules as the API, and
the same one-statement hot path once the session has signed the person in."""

from datetime import timedelta

from app.db import utcnow
from app.extensions import db
from app.placement.models import Attempt
from tests.conftest import login, token


def _started(client, app, username):
    login(client, username)
    response = client.post("/placement/e-plan/start")
    assert response.status_code == 302
    attempt_id = int(response.headers["Location"].rstrip("/").split("/")[-2])
    api = token(app.test_client(), username)
    body = app.test_client().get(f"/api/v1/attempts/{attempt_id}", headers=api).get_json()
    return attempt_id, body["questions"], api


def _saved(app, attempt_id, api):
    return app.test_client().get(f"/api/v1/attempts/{attempt_id}", headers=api
                                 ).get_json()["answers"]


def test_a_browser_save_is_kept_and_a_changed_mind_replaces_it(app, client, world):
    attempt_id, questions, api = _started(client, app, "officer.a")
    q = questions[0]
    url = f"/attempts/{attempt_id}/answers/{q['id']}"
    first, second = q["options"][0]["id"], q["options"][1]["id"]
    assert client.put(url, json={"option_id": first}).status_code == 204
    assert client.put(url, json={"option_id": second}).status_code == 204
    assert _saved(app, attempt_id, api) == {str(q["id"]): second}


def test_browser_saves_refuse_what_the_api_refuses(app, client, world):
    attempt_id, questions, api = _started(client, app, "officer.a")
    q1, q2 = questions[:2]
    base = f"/attempts/{attempt_id}/answers"
    wrong_option = client.put(f"{base}/{q1['id']}", json={"option_id": q2["options"][0]["id"]})
    assert wrong_option.status_code == 422
    assert wrong_option.get_json()["error"] == "invalid"
    assert client.put(f"{base}/999999", json={"option_id": 1}).status_code == 422
    assert client.put(f"{base}/{q1['id']}", json={"option_id": True}).status_code == 422
    assert _saved(app, attempt_id, api) == {}

    colleague = app.test_client()  # same LAO, another person: not theirs to answer
    login(colleague, "hr.a")
    answer = {"option_id": q1["options"][0]["id"]}
    assert colleague.put(f"{base}/{q1['id']}", json=answer).status_code == 404
    assert _saved(app, attempt_id, api) == {}

    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.expires_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
    late = client.put(f"{base}/{q1['id']}", json=answer)
    assert late.status_code == 409
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).status == "expired"  # graded, not lost
