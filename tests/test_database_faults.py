"""The database going away: the request fails cleanly, nothing is half-written, the next
request succeeds. PostgreSQL only (the server is told to drop the app's connections)."""

import os

import pytest
from sqlalchemy import create_engine, event, text

from app.extensions import db
from tests.conftest import token

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


def test_connection_lost_mid_request_fails_cleanly_and_writes_nothing(app, client, world):
    headers = token(client, "officer.a")
    attempt = client.post("/api/v1/placements/info/attempts", headers=headers).get_json()
    q = attempt["questions"][0]
    with app.app_context():
        engine = db.engine

    def drop_before_update(conn, cursor, statement, *args):
        if statement.startswith("UPDATE attempt_item"):
            _kill_app_connections(app)

    event.listen(engine, "before_cursor_execute", drop_before_update)
    try:
        response = client.put(f"/api/v1/attempts/{attempt['attempt_id']}/answers/{q['id']}",
                               headers=headers, json={"option_id": q["options"][0]["id"]})
    finally:
        event.remove(engine, "before_cursor_execute", drop_before_update)
    assert response.status_code == 503
    assert response.get_json()["error"] == "unavailable"
    state = client.get(f"/api/v1/attempts/{attempt['attempt_id']}", headers=headers)
    assert state.status_code == 200
    assert state.get_json()["answers"] == {}
