"""A served app on a fresh database with an HR officer, an officer and one of everything an
id-taking API operation needs, for running schemathesis against it as a client developer
would (tests/test_openapi_contract.py; `python -m tests.contract_server` to try by hand)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from werkzeug.datastructures import FileStorage
from werkzeug.serving import make_server
from werkzeug.test import encode_multipart

from app.auth.models import User
from app.auth.passwords import hash_password
from app.content.service import load_and_sync
from app.db import utcnow
from app.extensions import db
from app.org import national_id
from app.org.geography import sync_geography
from app.org.models import District, Lao
from app.register.competency import record_evidence
from tests.conftest import PASSWORD, fixed_forms, make_app

# the national IDs of a person moving in and of one asked for as executive
MOVING_ID, ASKED_ID = "3100600445651", "3100600445635"


@dataclass
class Served:
    url: str
    app: Flask
    tokens: dict[str, str]
    ids: dict[str, list[Any]] = field(default_factory=dict)


def _bearer(client: FlaskClient, username: str) -> dict[str, str]:
    answer = client.post("/api/v1/auth/token", json={"username": username,
                                                     "password": PASSWORD})
    assert answer.status_code == 200, answer.get_json()
    return {"Authorization": f"Bearer {answer.get_json()['token']}"}


def _people(app: Flask) -> dict[str, Any]:
    """Two LAOs with HR, an executive and officers; an admin; a supervisor."""
    with app.app_context():
        key = app.config["NATIONAL_ID_KEY"]
        district = db.session.scalar(db.select(District).where(District.code == "6001"))
        other = db.session.scalar(db.select(District).where(District.code == "9201"))
        assert district is not None
        assert other is not None
        a = Lao(code="6600101", name="อบต.ทดสอบ ก", type="sao", size_class="S",
                district_id=district.id)
        b = Lao(code="6920101", name="อบต.ทดสอบ ข", type="sao", size_class="S",
                district_id=other.id)
        db.session.add_all([a, b])
        db.session.flush()
        pw = hash_password(PASSWORD)
        people = [("hr.a", "hr", a, None), ("executive.a", "executive", a, None),
                  ("officer.a", "officer", a, None), ("colleague.a", "officer", a, None),
                  ("hr.b", "hr", b, None), ("moving.b", "officer", b, MOVING_ID)]
        for username, role, lao, nid in people:
            db.session.add(User(
                username=username, full_name=f"นายทดสอบ {username}", role=role, lao_id=lao.id,
                password_hash=pw, email=f"{username}@example.org",
                national_id_hash=national_id.keyed_hash(nid, key) if nid else None,
                national_id_last4=national_id.last4(nid) if nid else None))
        db.session.add(User(username="root", full_name="ผู้ดูแล", role="admin", password_hash=pw))
        db.session.flush()
        officer = db.session.scalar(db.select(User).where(User.username == "officer.a"))
        assert officer is not None
        now = utcnow()
        record_evidence(officer.id, "e-laas", 2, "placement", "seed", now, achieved_at=now,
                        expires_at=now + timedelta(days=365))
        db.session.commit()
        return {"lao_id": [a.id, b.id], "user_id": [officer.id],
                "level": ["district", "province", "country"],
                "area_id": [str(district.id), str(district.province_id), "th"]}


def _objects(client: FlaskClient, ids: dict[str, Any]) -> None:
    """One of everything, made through the API itself."""
    hr, officer = _bearer(client, "hr.a"), _bearer(client, "officer.a")
    lao_a = ids["lao_id"][0]
    started = client.post("/api/v1/placements/e-plan/attempts", headers=officer).get_json()
    course = client.get("/api/v1/courses", headers=officer).get_json()[0]
    enrolled = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                           headers=officer).get_json()
    assigned = client.post(f"/api/v1/laos/{lao_a}/assignments", headers=hr, json={
        "user_id": ids["user_id"][0], "subsystem": "e-laas", "role": "backup",
        "share_percent": 10, "effective_from": "2026-11-01", "order_ref": "1/2569"}).get_json()
    csv = ("username,national_id,full_name,position,unit,role,email\n"
           f"asked.a,{ASKED_ID},นายทดสอบ ขอบทบาท,,,executive,\n").encode()
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(csv), "s.csv")})
    client.post(f"/api/v1/laos/{lao_a}/staff/import", headers=hr, data=body,
                content_type=f"multipart/form-data; boundary={boundary}")
    grant = client.get(f"/api/v1/laos/{lao_a}/role-grants", headers=hr).get_json()[0]
    moving = client.post(f"/api/v1/laos/{lao_a}/transfers", headers=hr,
                         json={"national_id": MOVING_ID, "effective_from": "2099-01-01"})
    ids.update({
        "attempt_id": [started["attempt_id"]],
        "question_id": [q["id"] for q in started["questions"][:3]],
        "course_id": [course["id"]], "module_id": [m["id"] for m in course["modules"][:2]],
        "enrollment_id": [enrolled["enrollment_id"]], "assignment_id": [assigned["id"]],
        "grant_id": [grant["id"]], "transfer_id": [moving.get_json()["id"]],
        "code": ["e-plan", "e-laas"],
    })
    calendar = client.get(f"/api/v1/laos/{lao_a}/calendar", headers=hr)
    if calendar.status_code == 200 and calendar.get_json():
        ids["occurrence_id"] = [o["id"] for o in calendar.get_json()[:2]]


@contextmanager
def served(database: Path) -> Iterator[Served]:
    """The app on a fresh SQLite file, served on a free loopback port from a thread."""
    app = make_app(f"sqlite:///{database}", SERVER_NAME=None, PUBLIC_URL=None)
    with app.app_context():
        upgrade()
        sync_geography()
        load_and_sync(app)
        fixed_forms()
        db.session.commit()
    ids = _people(app)
    client = app.test_client()
    _objects(client, ids)
    tokens = {name: _bearer(client, name)["Authorization"] for name in ("hr.a", "officer.a")}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_port}", app, tokens, ids)
    finally:
        server.shutdown()
        thread.join()
        with app.app_context():
            db.engine.dispose()


def config_toml(ids: dict[str, list[Any]]) -> str:
    """schemathesis.toml: real ids offered for each id parameter half of the time, so the
    operations behind them are reached, not only their 404."""
    lines = []
    for name, values in ids.items():
        lines.append(f"[dictionaries.{name}]\nvalues = {values!r}\n".replace("'", '"'))
    lines.append("[parameters]")
    for name in ids:
        lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = 0.5 }}')
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import tempfile
    import time

    with tempfile.TemporaryDirectory() as tmp, served(Path(tmp) / "db.sqlite3") as live:
        (Path(tmp) / "schemathesis.toml").write_text(config_toml(live.ids))
        print(live.url, live.tokens, sep="\n")
        print(config_toml(live.ids))
        print("config in", tmp)
        time.sleep(3600)
