"""Role grants (SPEC 3, separation of duties): HR asks for hr or executive, a second party
decides; HR alone can never make an executive and approve its own requests through it."""

import io
import random

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.audit import AuditEvent
from app.auth.models import User
from app.extensions import db
from app.org.demo import make_national_id
from app.org.models import RoleGrant
from tests.conftest import login, token

HEADER = "username,national_id,full_name,position,unit,role,email\n"


def _import(client, lao_id, rows, who):
    rng = random.Random(len(rows) + sum(map(len, rows)))
    lines = [row.replace("NID", make_national_id(rng)) for row in rows]
    boundary, body = encode_multipart({"file": FileStorage(
        io.BytesIO((HEADER + "\n".join(lines) + "\n").encode()), "staff.csv")})
    return client.post(f"/api/v1/laos/{lao_id}/staff/import", headers=token(client, who),
                       data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _roles(client, lao_id):
    staff = client.get(f"/api/v1/laos/{lao_id}/staff", headers=token(client, "root")).get_json()
    return {s["username"]: s["role"] for s in staff}


def _grants(client, lao_id, who="hr.a"):
    return client.get(f"/api/v1/laos/{lao_id}/role-grants", headers=token(client, who))


def _grant_for(client, world, username):
    listed = _grants(client, world.a.id).get_json()
    user_id = next(u for u, r in _roles_by_id(client, world.a.id).items() if r == username)
    return next(g for g in listed if g["user_id"] == user_id)


def _roles_by_id(client, lao_id):
    staff = client.get(f"/api/v1/laos/{lao_id}/staff", headers=token(client, "root")).get_json()
    return {s["id"]: s["username"] for s in staff}


def _decide(client, grant_id, verdict, who):
    return client.post(f"/api/v1/role-grants/{grant_id}/{verdict}", headers=token(client, who))


@pytest.fixture
def asked(client, world):
    """HR of LAO A imports a new deputy mayor and asks that officer.a become HR."""
    response = _import(client, world.a.id, [
        "deputy.new,NID,นายรอง ใหม่,รองนายก,สำนักปลัด,executive,",
        f"officer.a,NID,{'นายทดสอบ'},,,hr,",
    ], "hr.a")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_hr_asking_for_privileged_roles_creates_officers_with_pending_grants(client, world,
                                                                            asked):
    assert asked == {"created": 1, "updated": 1, "pending_roles": 2}
    roles = _roles(client, world.a.id)
    assert roles["deputy.new"] == "officer"
    assert roles["officer.a"] == "officer"
    listed = _grants(client, world.a.id).get_json()
    assert sorted((g["role"], g["status"], g["requested_by"]) for g in listed) == [
        ("executive", "pending", world.hr_a.id), ("hr", "pending", world.hr_a.id)]
    assert set(listed[0]) == {"id", "user_id", "role", "requested_by", "status"}


def test_the_issue_21_attack_no_longer_gives_hr_an_executive(client, world, factory, asked):
    """HR imports an executive, gives that account a reset code, signs in with it and tries
    to approve its own override: the account is only an officer, so every step refuses."""
    deputy = next(i for i, u in _roles_by_id(client, world.a.id).items() if u == "deputy.new")
    code = client.post(f"/api/v1/users/{deputy}/reset-code",
                       headers=token(client, "hr.a")).get_json()["code"]
    assert client.post("/api/v1/auth/reset", json={
        "username": "deputy.new", "code": code, "new_password": "controlled-by-hr-1"}
    ).status_code == 204
    controlled = token(client, "deputy.new", "controlled-by-hr-1")
    assert client.get("/api/v1/me", headers=controlled).get_json()["role"] == "officer"
    override = client.post(f"/api/v1/laos/{world.a.id}/assignments", headers=token(
        client, "hr.a"), json={"user_id": world.officer_a.id, "subsystem": "e-laas",
                               "role": "primary", "share_percent": 50,
                               "effective_from": "2026-11-01", "order_ref": "1/2569",
                               "override_reason": "ยังไม่มีใครผ่าน"}).get_json()
    assert override["status"] == "pending_approval"
    assert client.post(f"/api/v1/assignments/{override['id']}/approve",
                       headers=controlled).status_code == 403
    grant = _grant_for(client, world, "deputy.new")
    assert client.post(f"/api/v1/role-grants/{grant['id']}/confirm",
                       headers=controlled).status_code == 403
    assert _decide(client, grant["id"], "confirm", "hr.a").status_code == 403


def test_an_executive_of_the_lao_confirms_and_the_person_takes_the_role(app, client, world,
                                                                        asked):
    grant = _grant_for(client, world, "deputy.new")
    deputy = next(i for i, u in _roles_by_id(client, world.a.id).items() if u == "deputy.new")
    code = client.post(f"/api/v1/users/{deputy}/reset-code",
                       headers=token(client, "hr.a")).get_json()["code"]
    confirmed = _decide(client, grant["id"], "confirm", "executive.a")
    assert confirmed.status_code == 200
    assert confirmed.get_json() == {"id": grant["id"], "status": "confirmed"}
    assert _roles(client, world.a.id)["deputy.new"] == "executive"
    # the code HR issued while the person was an officer no longer opens the account
    assert client.post("/api/v1/auth/reset", json={
        "username": "deputy.new", "code": code, "new_password": "controlled-by-hr-1"}
    ).status_code == 400
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent))]
        row = db.session.get(RoleGrant, grant["id"])
        assert row.decided_by_id == world.executive_a.id
        assert row.decided_at is not None
    assert actions.count("role_grant.request") == 2
    assert "role_grant.confirm" in actions
    assert "user.role_change" in actions
    again = _decide(client, grant["id"], "refuse", "executive.a")
    assert again.status_code == 409


def test_a_refusal_keeps_the_role_and_is_audited(app, client, world, asked):
    grant = _grant_for(client, world, "officer.a")
    refused = _decide(client, grant["id"], "refuse", world.admin.username)
    assert refused.get_json() == {"id": grant["id"], "status": "refused"}
    assert _roles(client, world.a.id)["officer.a"] == "officer"
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "role_grant.refuse")).actor_id == world.admin.id


def test_who_may_decide(client, world, factory, asked):
    grant = _grant_for(client, world, "officer.a")
    for who, status in (("hr.a", 403), ("officer.a", 403), (world.sup_district_a.username, 403),
                        ("executive.b", 404), ("hr.b", 404), (world.sup_province_b.username,
                                                              404)):
        for verdict in ("confirm", "refuse"):
            assert _decide(client, grant["id"], verdict, who).status_code == status, who
    assert _decide(client, 999999, "confirm", "executive.a").status_code == 404
    assert _grants(client, world.a.id).get_json()[0]["status"] == "pending"


def test_the_person_cannot_decide_their_own_grant(client, world):
    """HR asks that executive.a also become HR: executive.a may not confirm it themself;
    another executive of the LAO may."""
    _import(client, world.a.id, ["executive.a,NID,นายก,,,hr,"], "hr.a")
    grant = _grants(client, world.a.id).get_json()[0]
    assert grant["user_id"] == world.executive_a.id
    assert _decide(client, grant["id"], "confirm", "executive.a").status_code == 403
    assert _decide(client, grant["id"], "refuse", "executive.a").status_code == 403


def test_the_one_who_asked_cannot_decide_even_as_an_executive_later(app, client, world,
                                                                    factory, asked):
    """HR asks, then is made an executive (by an admin): still not a second party."""
    with app.app_context():
        db.session.get(User, world.hr_a.id).role = "executive"
        db.session.commit()
    grant = _grant_for(client, world, "deputy.new")
    assert _decide(client, grant["id"], "confirm", "hr.a").status_code == 403
    assert _roles(client, world.a.id)["deputy.new"] == "officer"


def test_the_schema_refuses_a_grant_decided_by_the_one_who_asked(app, world, asked):
    from app.db import utcnow

    with app.app_context():
        grant = db.session.scalars(select(RoleGrant)).first()
        grant.status, grant.decided_by_id, grant.decided_at = ("confirmed",
                                                               grant.requested_by_id, utcnow())
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_only_an_admin_makes_the_first_executive_of_an_lao(client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    factory.user(None, "admin", username="root")
    _import(client, lao.id, ["first.mayor,NID,นายกคนแรก,นายก,,executive,"], hr.username)
    grant = _grants(client, lao.id, hr.username).get_json()[0]
    assert _decide(client, grant["id"], "confirm", hr.username).status_code == 403
    assert _roles(client, lao.id)["first.mayor"] == "officer"
    assert _decide(client, grant["id"], "confirm", "root").status_code == 200
    assert _roles(client, lao.id)["first.mayor"] == "executive"


def test_an_admins_file_sets_roles_at_once(client, world):
    response = _import(client, world.a.id, ["mayor.two,NID,นายกคนใหม่,,,executive,"],
                       world.admin.username)
    assert response.get_json() == {"created": 1, "updated": 0, "pending_roles": 0}
    assert _roles(client, world.a.id)["mayor.two"] == "executive"
    assert _grants(client, world.a.id).get_json() == []


def test_asking_again_keeps_one_open_request(client, world, asked):
    again = _import(client, world.a.id, ["officer.a,NID,นายทดสอบ,,,executive,"], "hr.a")
    assert again.get_json()["pending_roles"] == 1
    mine = [g for g in _grants(client, world.a.id).get_json()
            if g["user_id"] == world.officer_a.id]
    assert [(g["role"], g["status"]) for g in mine] == [("executive", "pending")]


def test_hr_may_still_set_officer(client, world):
    response = _import(client, world.a.id, ["executive.a,NID,นายก,,,officer,"], "hr.a")
    assert response.get_json()["pending_roles"] == 0
    assert _roles(client, world.a.id)["executive.a"] == "officer"


def test_who_sees_the_list(client, world, asked):
    assert _grants(client, world.a.id, "executive.a").status_code == 200
    assert _grants(client, world.a.id, world.admin.username).status_code == 200
    assert _grants(client, world.a.id, "officer.a").status_code == 403
    assert _grants(client, world.a.id, world.sup_district_a.username).status_code == 403
    assert _grants(client, world.a.id, "hr.b").status_code == 404
    assert _grants(client, world.a.id, "executive.b").status_code == 404


def test_the_executive_confirms_on_a_thai_page_linked_from_home(client, world, asked):
    login(client, "executive.a")
    home = client.get("/").get_data(as_text=True)
    assert f"/laos/{world.a.id}/role-grants" in home
    assert "คำขอบทบาท" in home
    page = client.get(f"/laos/{world.a.id}/role-grants").get_data(as_text=True)
    assert "นายรอง ใหม่" in page
    assert page.count("/confirm") == 2
    grant = _grant_for(client, world, "deputy.new")
    done = client.post(f"/role-grants/{grant['id']}/confirm", follow_redirects=True)
    assert done.status_code == 200
    assert "ยืนยันบทบาทแล้ว" in done.get_data(as_text=True)
    assert _roles(client, world.a.id)["deputy.new"] == "executive"
    client.get("/lang/en")
    english = client.get(f"/laos/{world.a.id}/role-grants").get_data(as_text=True)
    assert "Role requests" in english
    assert "confirmed" in english


def test_on_the_page_hr_sees_the_requests_but_cannot_decide(client, world, asked):
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/role-grants").get_data(as_text=True)
    assert "/confirm" not in page
    grant = _grant_for(client, world, "deputy.new")
    assert client.post(f"/role-grants/{grant['id']}/confirm").status_code == 403
    assert _roles(client, world.a.id)["deputy.new"] == "officer"
    client.post("/logout")
    login(client, "officer.a")
    assert client.get(f"/laos/{world.a.id}/role-grants").status_code == 403
    assert client.post(f"/role-grants/{grant['id']}/refuse").status_code == 403
