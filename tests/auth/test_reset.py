"""Password reset: e-mailed single-use links and HR-issued one-time codes."""

import re
from datetime import timedelta

from sqlalchemy import select

from app.audit import AuditEvent
from app.auth.models import PasswordReset
from app.db import utcnow
from app.extensions import db
from tests.conftest import login, token

NEW = "new-secret-2569"


def _link_from(outbox):
    body = outbox[-1].get_content()
    return re.search(r"http://lao\.test(/auth/reset/\S+)", body).group(1)


def test_email_link_resets_once(client, factory, outbox):
    user = factory.user(factory.lao(), email="somchai@example.org")
    client.post("/auth/forgot", data={"login": "somchai@example.org"})
    assert len(outbox) == 1
    assert outbox[0]["To"] == "somchai@example.org"
    link = _link_from(outbox)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert login(client, user.username, NEW).status_code == 302
    client.post("/logout")
    reused = client.post(link, data={"password": "other-secret-1", "confirm": "other-secret-1"})
    assert reused.status_code == 400
    assert "หมดอายุหรือถูกใช้ไปแล้ว" in reused.get_data(as_text=True)
    assert login(client, user.username, "other-secret-1").status_code == 401


def test_unknown_account_gets_the_same_answer_and_no_mail(client, outbox):
    response = client.post("/auth/forgot", data={"login": "nobody"}, follow_redirects=True)
    assert "หากบัญชีมีอีเมล" in response.get_data(as_text=True)
    assert outbox == []


def test_expired_link_is_refused(app, client, factory, outbox):
    factory.user(factory.lao(), username="kanya", email="kanya@example.org")
    client.post("/auth/forgot", data={"login": "kanya"})
    link = _link_from(outbox)
    with app.app_context():
        for row in db.session.scalars(select(PasswordReset)):
            row.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert client.get(link).status_code == 400
    assert client.post(link, data={"password": NEW, "confirm": NEW}).status_code == 400


def test_weak_password_on_the_link_page_is_explained_and_link_still_works(
        client, factory, outbox):
    user = factory.user(factory.lao(), username="wichai", email="w@example.org")
    client.post("/auth/forgot", data={"login": "wichai"})
    link = _link_from(outbox)
    weak = client.post(link, data={"password": "short", "confirm": "short"})
    assert "อย่างน้อย 10 ตัวอักษร" in weak.get_data(as_text=True)
    assert client.post(link, data={"password": NEW, "confirm": NEW}).status_code == 302
    assert login(client, user.username, NEW).status_code == 302


def test_hr_code_resets_the_password_once(client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, "officer", username="boonmee")
    issued = client.post(f"/api/v1/users/{staff.id}/reset-code", headers=token(client, hr.username))
    assert issued.status_code == 201
    code = issued.get_json()["code"]
    assert len(code) == 8
    body = {"username": "boonmee", "code": code.lower(), "new_password": NEW}
    assert client.post("/api/v1/auth/reset", json=body).status_code == 204
    assert login(client, "boonmee", NEW).status_code == 302
    again = client.post("/api/v1/auth/reset", json={**body, "new_password": "another-pass-77"})
    assert again.status_code == 400
    assert again.get_json()["error"] == "bad_request"


def test_reset_ends_old_tokens(client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, "officer", username="malai")
    old = token(client, "malai")
    code = client.post(f"/api/v1/users/{staff.id}/reset-code",
                       headers=token(client, hr.username)).get_json()["code"]
    client.post("/api/v1/auth/reset", json={"username": "malai", "code": code,
                                            "new_password": NEW})
    assert client.get("/api/v1/me", headers=old).status_code == 401


def test_weak_password_with_code_is_422_and_code_survives(client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, username="ratana")
    code = client.post(f"/api/v1/users/{staff.id}/reset-code",
                       headers=token(client, hr.username)).get_json()["code"]
    weak = client.post("/api/v1/auth/reset", json={"username": "ratana", "code": code,
                                                   "new_password": "ratana12345"})
    assert weak.status_code == 422
    assert weak.get_json()["details"]["password"]
    ok = client.post("/api/v1/auth/reset", json={"username": "ratana", "code": code,
                                                 "new_password": NEW})
    assert ok.status_code == 204


def test_expired_code_is_refused(app, client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, username="dara")
    code = client.post(f"/api/v1/users/{staff.id}/reset-code",
                       headers=token(client, hr.username)).get_json()["code"]
    with app.app_context():
        for row in db.session.scalars(select(PasswordReset)):
            row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = client.post("/api/v1/auth/reset", json={"username": "dara", "code": code,
                                                       "new_password": NEW})
    assert response.status_code == 400


def test_wrong_guesses_burn_the_code(client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, username="anucha")
    code = client.post(f"/api/v1/users/{staff.id}/reset-code",
                       headers=token(client, hr.username)).get_json()["code"]
    for _ in range(5):
        wrong = client.post("/api/v1/auth/reset", json={"username": "anucha", "code": "ZZZZZZZZ",
                                                        "new_password": NEW})
        assert wrong.status_code == 400
    right = client.post("/api/v1/auth/reset", json={"username": "anucha", "code": code,
                                                     "new_password": NEW})
    assert right.status_code == 400


def test_bad_codes_of_many_people_do_not_block_a_colleagues_good_code(client, factory):
    """Issue 21: 20 bad reset codes from one address made valid codes answer 429 for 15
    minutes; an office shares that address. Now they count per (address, username)."""
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, username="jintana")
    for i in range(30):
        assert client.post("/api/v1/auth/reset", json={
            "username": f"u{i}", "code": "AAAA1111", "new_password": NEW}).status_code == 400
    code = client.post(f"/api/v1/users/{staff.id}/reset-code",
                       headers=token(client, hr.username)).get_json()["code"]
    assert client.post("/api/v1/auth/reset", json={
        "username": "jintana", "code": code, "new_password": NEW}).status_code == 204


def test_reset_guesses_for_one_name_from_one_address_get_429(client):
    codes = [client.post("/api/v1/auth/reset", json={"username": "someone", "code": "AAAA1111",
                                                     "new_password": NEW}).status_code
             for i in range(11)]
    assert codes == [400] * 10 + [429]
    other = client.post("/api/v1/auth/reset", json={"username": "someone.else",
                                                    "code": "AAAA1111", "new_password": NEW})
    assert other.status_code == 400


def test_the_address_ceiling_for_reset_codes_still_holds(app, client):
    app.config["RESET_ADDRESS_LIMIT"] = "5 per 15 minutes"
    try:
        codes = [client.post("/api/v1/auth/reset", json={
            "username": f"u{i}", "code": "AAAA1111", "new_password": NEW}).status_code
            for i in range(6)]
        assert codes == [400] * 5 + [429]
    finally:
        app.config["RESET_ADDRESS_LIMIT"] = "200 per 15 minutes"


def test_new_code_replaces_the_old_one_and_is_audited(app, client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, username="chanida")
    headers = token(client, hr.username)
    first = client.post(f"/api/v1/users/{staff.id}/reset-code", headers=headers).get_json()
    second = client.post(f"/api/v1/users/{staff.id}/reset-code", headers=headers).get_json()
    stale = client.post("/api/v1/auth/reset", json={"username": "chanida",
                                                    "code": first["code"], "new_password": NEW})
    assert stale.status_code == 400
    fresh = client.post("/api/v1/auth/reset", json={"username": "chanida",
                                                    "code": second["code"], "new_password": NEW})
    assert fresh.status_code == 204
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEvent.action)))
    assert actions.count("user.reset_code_issued") == 2
    assert "user.password_reset" in actions


def test_reset_code_roles(client, world):
    target = f"/api/v1/users/{world.officer_a.id}/reset-code"
    assert client.post(target, headers=token(client, "executive.a")).status_code == 403
    assert client.post(target, headers=token(client, "officer.a")).status_code == 403
    assert client.post(target, headers=token(client, world.sup_district_a.username)
                       ).status_code == 403
    assert client.post(target, headers=token(client, "hr.b")).status_code == 404
    assert client.post(target, headers=token(client, world.admin.username)).status_code == 201


def test_hr_issues_a_code_on_the_web_and_staff_uses_it(client, factory):
    lao = factory.lao()
    hr = factory.user(lao, "hr")
    staff = factory.user(lao, username="prasert")
    login(client, hr.username)
    page = client.post(f"/users/{staff.id}/reset-code")
    assert page.status_code == 200
    shown = re.search(r'id="reset-code">([A-Z0-9]{4})-([A-Z0-9]{4})<',
                      page.get_data(as_text=True))
    client.post("/logout")
    done = client.post("/auth/reset-code", data={
        "username": "prasert", "code": shown.group(1) + "-" + shown.group(2),
        "password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert login(client, "prasert", NEW).status_code == 302


def test_help_page_explains_both_ways_in_thai(client):
    text = client.get("/help/password").get_data(as_text=True)
    assert "กรณีมีอีเมล" in text
    assert "กรณีไม่มีอีเมล" in text


def test_a_code_from_the_old_lao_dies_when_the_person_is_transferred(client, world):
    code = client.post(f"/api/v1/users/{world.officer_a.id}/reset-code",
                       headers=token(client, "hr.a")).get_json()["code"]
    moved = client.post(f"/api/v1/users/{world.officer_a.id}/transfer",
                        headers=token(client, world.admin.username),
                        json={"to_lao_id": world.b.id, "effective_from": "2026-06-01"})
    assert moved.status_code == 200
    reset = client.post("/api/v1/auth/reset", json={"username": "officer.a", "code": code,
                                                    "new_password": "taken-over-12345"})
    assert reset.status_code == 400
    assert login(client, "officer.a").status_code == 302  # the old password still works


def test_the_reset_link_goes_to_the_platform_whatever_host_the_request_named(
        app, client, factory, outbox, monkeypatch):
    """Someone asks for a victim's reset with a forged Host header: the e-mail the victim
    gets still links to the platform's own address, so the secret never reaches them."""
    monkeypatch.setitem(app.config, "SERVER_NAME", None)
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://lao.example.go.th")
    factory.user(factory.lao(), username="victim", email="victim@example.org")
    client.post("/auth/forgot", data={"login": "victim"}, headers={"Host": "evil.example"})
    body = outbox[-1].get_content()
    assert "evil.example" not in body
    assert "https://lao.example.go.th/auth/reset/" in body


def test_hr_gives_reset_codes_to_officers_only(app, client, world):
    """A code opens the account: HR taking an executive's account could approve its own
    requests. Refused on the API and the web; the admin still may; nothing issued."""
    hr = token(client, "hr.a")
    for target in (world.executive_a, world.hr_a):
        refused = client.post(f"/api/v1/users/{target.id}/reset-code", headers=hr)
        assert refused.status_code == 403, target.username
        assert refused.get_json()["error"] == "forbidden"
    login(client, "hr.a")
    assert client.post(f"/users/{world.executive_a.id}/reset-code").status_code == 403
    page = client.get(f"/laos/{world.a.id}/staff").get_data(as_text=True)
    assert page.count("/reset-code") == 1  # the button only beside the officer
    client.post("/logout")
    with app.app_context():
        assert db.session.scalars(select(PasswordReset)).all() == []
    admin = token(client, world.admin.username)
    assert client.post(f"/api/v1/users/{world.executive_a.id}/reset-code",
                       headers=admin).status_code == 201
    assert client.post(f"/api/v1/users/{world.officer_a.id}/reset-code",
                       headers=hr).status_code == 201


def test_an_executives_code_from_hr_cannot_take_the_account(client, world):
    """The attack of issue 21: HR asks for a code for an executive and signs in with it."""
    code = client.post(f"/api/v1/users/{world.executive_a.id}/reset-code",
                       headers=token(client, "hr.a")).get_json().get("code", "NONE1234")
    taken = client.post("/api/v1/auth/reset", json={
        "username": "executive.a", "code": code, "new_password": "taken-over-12345"})
    assert taken.status_code == 400
    assert login(client, "executive.a").status_code == 302  # the old password still works
