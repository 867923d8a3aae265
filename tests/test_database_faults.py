"""The database going away: the request fails cleanly, nothing is half-written, the next
request succeeds. PostgreSQL only (the server is told to drop the app's connections)."""

import os

import pytest
from sqlalchemy import create_engine, event, text

from app.extensions import db
from tests.conftest import make_app, token

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL)")


def _kill_app_connections(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    admin.dispose()


def test_next_request_succeeds_after_the_server_dropped_every_connection(app, client, world):
    headers = token(client, "officer.a")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    _kill_app_connections(app)
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_connection_lost_mid_submit_fails_cleanly_and_writes_nothing(app, client, world):
    """Grading writes the attempt and the competency history in one transaction: the
    connection dies between the two, and neither is left behind."""
    headers = token(client, "officer.a")
    attempt = client.post("/api/v1/placements/info/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['attempt_id']}"
    for q in attempt["questions"][:3]:
        client.put(f"{url}/answers/{q['id']}", headers=headers,
                   json={"option_id": q["options"][0]["id"]})
    with app.app_context():
        engine = db.engine

    def drop_before_history(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO competency_event"):
            _kill_app_connections(app)

    event.listen(engine, "before_cursor_execute", drop_before_history)
    try:
        response = client.post(f"{url}/submit", headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", drop_before_history)
    assert response.status_code == 503
    assert response.get_json()["error"] == "unavailable"
    state = client.get(url, headers=headers).get_json()
    assert state["status"] == "open"
    assert len(state["answers"]) == 3
    me = client.get("/api/v1/me", headers=headers).get_json()["id"]
    levels = f"/api/v1/users/{me}/competencies"
    assert client.get(levels, headers=headers).get_json() == []
    assert client.post(f"{url}/submit", headers=headers).get_json()["status"] == "submitted"
    assert [c["source"] for c in client.get(levels, headers=headers).get_json()] == ["placement"]


def test_answer_save_survives_a_server_restart_and_fails_cleanly_when_it_is_down(
        app, client, world):
    """The autosave hot path has its own pool without a ping: a connection the server dropped
    is found dead by the save itself, which reconnects and saves. With no server at all the
    save answers 503 (the browser keeps the answer queued) and nothing else happens."""
    headers = token(client, "officer.a")
    attempt = client.post("/api/v1/placements/info/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['attempt_id']}"
    first, second = attempt["questions"][:2]

    def save(on, q):
        return on.put(f"{url}/answers/{q['id']}", headers=headers,
                      json={"option_id": q["options"][0]["id"]})

    assert save(client, first).status_code == 204  # the hot path's pool holds a connection
    _kill_app_connections(app)
    assert save(client, second).status_code == 204
    saved = client.get(url, headers=headers).get_json()["answers"]
    assert saved == {str(q["id"]): q["options"][0]["id"] for q in (first, second)}

    nowhere = make_app("postgresql://postgres@127.0.0.1:9/none")  # nothing listens there
    response = save(nowhere.test_client(), first)
    assert response.status_code == 503
    assert response.get_json()["error"] == "unavailable"
