"""Personal data: notice, own-data download, deactivation, anonymisation, backups."""

import json
from datetime import timedelta

from flask_migrate import upgrade
from sqlalchemy import func, select

from app.audit import AuditEvent
from app.auth.models import User
from app.extensions import db
from tests.conftest import PASSWORD, login, make_app, token


def test_privacy_notice_in_thai_and_english(client):
    assert "ประกาศความเป็นส่วนตัว" in client.get("/privacy").get_data(as_text=True)
    client.get("/lang/en")
    assert "Privacy notice" in client.get("/privacy").get_data(as_text=True)


def test_a_person_downloads_their_own_data_without_the_national_id(client, factory):
    user = factory.user(factory.lao(), national_id="3100600445635",
                        full_name="นายวิชัย ทองมา")
    factory.evidence(user, "e-gp", 2)
    login(client, user.username)
    response = client.get("/me/data.json")
    data = json.loads(response.data)
    assert data["account"]["full_name"] == "นายวิชัย ทองมา"
    assert data["account"]["national_id_last4"] == "5635"
    assert data["competencies"][0]["subsystem"] == "e-gp"
    assert "3100600445635" not in response.get_data(as_text=True)


def test_hr_deactivates_a_person_who_left(client, world):
    api = token(client, "officer.a")
    login(client, "hr.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    client.post("/logout")
    assert login(client, "officer.a").status_code == 401
    assert client.get("/api/v1/me", headers=api).status_code == 401


def test_a_person_who_left_no_longer_covers_a_system(client, factory, world):
    """Their duties end on the day they are deactivated: the LAO's coverage and the
    country's roll-up show the gap, and an old reset code cannot reopen the account."""
    factory.evidence(world.officer_a, "e-laas", 2)
    hr = token(client, "hr.a")
    assert client.post(f"/api/v1/laos/{world.a.id}/assignments", headers=hr, json={
        "user_id": world.officer_a.id, "subsystem": "e-laas", "role": "primary",
        "share_percent": 100, "effective_from": "2026-11-01", "order_ref": "1/2569"},
    ).status_code == 201
    code = client.post(f"/api/v1/users/{world.officer_a.id}/reset-code",
                       headers=hr).get_json()["code"]

    def coverage():
        rows = client.get("/api/v1/rollups/country/th",
                          headers=token(client, world.sup_country.username)).get_json()["laos"]
        return next(r for r in rows if r["lao_id"] == world.a.id)["coverage_ratio"]

    assert coverage() > 0
    login(client, "hr.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    client.post("/logout")
    assert coverage() == 0
    duties = client.get(f"/api/v1/laos/{world.a.id}/assignments", headers=hr).get_json()
    assert [d["status"] for d in duties] == ["ended"]
    assert client.post("/api/v1/auth/reset", json={
        "username": "officer.a", "code": code, "new_password": "new-password-2569"},
    ).status_code == 400


def test_deactivation_roles(client, world):
    login(client, "executive.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 403
    client.post("/logout")
    login(client, "hr.b")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 404
    assert login(client, "officer.a", PASSWORD).status_code in (302, 200)


def test_people_gone_past_retention_are_anonymised_and_certificates_still_verify(
        app, client, world):
    from tests.certification.test_certificates import _issue

    _serial, code = _issue(app, world.officer_a.id)
    login(client, "hr.a")
    client.post(f"/users/{world.officer_a.id}/deactivate")
    runner = app.test_cli_runner()
    assert "anonymised 0" in runner.invoke(args=["privacy", "anonymise", "--days", "30"]).output
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "user.deactivate"))
        # the audit log is append-only: age the event with plain SQL, as time would
        db.session.execute(AuditEvent.__table__.update().where(
            AuditEvent.__table__.c.id == event.id).values(at=event.at - timedelta(days=31)))
        db.session.commit()
    assert "anonymised 1" in runner.invoke(args=["privacy", "anonymise", "--days", "30"]).output
    with app.app_context():
        person = db.session.get(User, world.officer_a.id)
        assert person.username.startswith("anon-")
        assert person.national_id_hash is None
    verified = client.get(f"/api/v1/verify/{code}").get_json()
    assert verified["status"] == "valid"
    assert verified["holder"].endswith("***")


def test_backup_and_restore_round_trip(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/live.sqlite3")
    runner = app.test_cli_runner()
    with app.app_context():
        upgrade()
        db.session.add(User(username="keeper", full_name="ก", role="admin"))
        db.session.commit()
    backup = tmp_path / "b.sqlite3"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    with app.app_context():
        db.session.add(User(username="later", full_name="ข", role="admin"))
        db.session.commit()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    refused = runner.invoke(args=["restore", str(bad)])
    assert refused.exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 2
    assert runner.invoke(args=["restore", str(backup)]).exit_code == 0
    with app.app_context():
        assert sorted(db.session.scalars(select(User.username))) == ["keeper"]
        db.engine.dispose()
