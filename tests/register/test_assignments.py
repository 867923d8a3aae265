"""Assignments: the competency gate, overrides and approval, shares, versions, transfers."""

from sqlalchemy import select

from app.audit import AuditEvent
from app.extensions import db
from app.register.models import Assignment
from tests.conftest import token


def _body(user, role="primary", share=50, **extra):
    return {"user_id": user.id, "subsystem": "e-laas", "role": role, "share_percent": share,
            "effective_from": "2026-11-01", "order_ref": "คำสั่ง อบต. ที่ 123/2569", **extra}


def _assign(client, world, body, who="hr.a"):
    return client.post(f"/api/v1/laos/{world.a.id}/assignments", json=body,
                       headers=token(client, who))


def test_level_1_cannot_be_primary_and_the_reason_is_given(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 1)
    response = _assign(client, world, _body(world.officer_a))
    assert response.status_code == 409
    assert response.get_json()["error"] == "not_competent"
    assert response.get_json()["details"] == {"required_level": 2, "current_level": 1}


def test_level_2_may_be_primary_and_level_1_backup(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    factory.evidence(world.hr_a, "e-laas", 1)
    assert _assign(client, world, _body(world.officer_a)).get_json()["status"] == "active"
    backup = _assign(client, world, _body(world.hr_a, role="backup", share=20))
    assert backup.status_code == 201
    assert backup.get_json()["status"] == "active"


def test_expired_evidence_does_not_count(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 3, valid_days=365, age_days=400)
    response = _assign(client, world, _body(world.officer_a, role="backup"))
    assert response.status_code == 409
    assert response.get_json()["details"]["current_level"] == 0


def test_override_waits_for_an_executive_of_the_same_lao(client, world):
    pending = _assign(client, world, _body(world.officer_a,
                                           override_reason="ไม่มีผู้อื่น ระหว่างส่งอบรม"))
    assert pending.status_code == 201
    assert pending.get_json()["status"] == "pending_approval"
    url = f"/api/v1/assignments/{pending.get_json()['id']}/approve"
    assert client.post(url, headers=token(client, "executive.b")).status_code == 404
    assert client.post(url, headers=token(client, "hr.a")).status_code == 403
    approved = client.post(url, headers=token(client, "executive.a"))
    assert approved.status_code == 200
    assert approved.get_json()["status"] == "active"
    assert client.post(url, headers=token(client, "executive.a")).status_code == 409


def test_executive_home_lists_what_waits(client, world):
    from tests.conftest import login

    _assign(client, world, _body(world.officer_a, override_reason="ขาดคน"))
    login(client, "executive.a")
    page = client.get("/").get_data(as_text=True)
    assert "ขาดคน" in page


def test_shares_of_a_system_cannot_exceed_100(client, factory, world):
    for person in (world.officer_a, world.hr_a):
        factory.evidence(person, "e-laas", 2)
    assert _assign(client, world, _body(world.officer_a, share=70)).status_code == 201
    over = _assign(client, world, _body(world.hr_a, role="backup", share=40))
    assert over.status_code == 409
    assert over.get_json()["details"] == {"taken_percent": 70, "requested_percent": 40}
    assert _assign(client, world, _body(world.hr_a, role="backup", share=30)).status_code == 201


def test_bad_fields_are_422(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    for bad in ({"share_percent": 0}, {"share_percent": 101}, {"subsystem": "e-nope"},
                {"role": "deputy"}, {"effective_from": "26/11/2569"}, {"order_ref": "  "}):
        response = _assign(client, world, {**_body(world.officer_a), **bad})
        assert response.status_code == 422, bad


def test_only_hr_assigns_and_other_lao_people_are_404(client, factory, world):
    factory.evidence(world.officer_b, "e-laas", 3)
    assert _assign(client, world, _body(world.officer_b)).status_code == 404
    assert _assign(client, world, _body(world.officer_a), who="executive.a").status_code == 403
    assert _assign(client, world, _body(world.officer_a),
                   who=world.sup_country.username).status_code == 403
    assert _assign(client, world, _body(world.officer_a), who="hr.b").status_code == 404


def test_stale_version_is_refused_with_a_clear_message(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    created = _assign(client, world, _body(world.officer_a)).get_json()
    url = f"/api/v1/assignments/{created['id']}"
    headers = token(client, "hr.a")
    first = client.put(url, json={"version": created["version"], "share_percent": 60},
                       headers=headers)
    assert first.status_code == 200
    second = client.put(url, json={"version": created["version"], "share_percent": 80},
                        headers=headers)
    assert second.status_code == 409
    assert second.get_json()["error"] == "stale_version"
    listed = client.get(f"/api/v1/laos/{world.a.id}/assignments", headers=headers).get_json()
    assert listed[0]["share_percent"] == 60


def test_end_an_assignment(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    created = _assign(client, world, _body(world.officer_a)).get_json()
    headers = token(client, "hr.a")
    assert client.delete(f"/api/v1/assignments/{created['id']}", headers=headers
                         ).status_code == 204
    listed = client.get(f"/api/v1/laos/{world.a.id}/assignments", headers=headers).get_json()
    assert listed[0]["status"] == "ended"
    assert listed[0]["effective_to"] is not None


def test_transfer_ends_the_assignments_in_the_old_lao(app, client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    _assign(client, world, _body(world.officer_a))
    client.post(f"/api/v1/users/{world.officer_a.id}/transfer",
                headers=token(client, world.admin.username),
                json={"to_lao_id": world.b.id, "effective_from": "2026-11-20"})
    listed = client.get(f"/api/v1/laos/{world.a.id}/assignments",
                        headers=token(client, "hr.a")).get_json()
    assert listed[0]["status"] == "ended"
    assert listed[0]["effective_to"] == "2026-11-20"
    register = client.get(f"/api/v1/laos/{world.a.id}/register",
                          headers=token(client, "hr.a")).get_json()
    assert "no_competent" in register["coverage"]["e-laas"]["flags"]


def test_every_change_is_audited_with_before_and_after(app, client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    created = _assign(client, world, _body(world.officer_a)).get_json()
    client.delete(f"/api/v1/assignments/{created['id']}", headers=token(client, "hr.a"))
    with app.app_context():
        events = list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.target_type == "assignment").order_by(AuditEvent.id)))
    assert [e.action for e in events] == ["assignment.create", "assignment.end"]
    assert events[1].before["status"] == "active"
    assert events[1].after["status"] == "ended"


def test_the_page_explains_a_refusal_in_thai(client, factory, world):
    """A refusal on the web page reads as Thai, with the system's name, not the API's
    English sentence."""
    from tests.conftest import login

    for person in (world.officer_a, world.hr_a):
        factory.evidence(person, "e-office", 2)
    assert _assign(client, world, {**_body(world.officer_a, share=70),
                                   "subsystem": "e-office"}).status_code == 201
    login(client, "hr.a")
    page = client.post(f"/laos/{world.a.id}/assignments", data={
        "user_id": str(world.hr_a.id), "subsystem": "e-office", "role": "backup",
        "share_percent": "60", "effective_from": "2026-11-01", "order_ref": "5/2569",
        "override_reason": ""}).get_data(as_text=True)
    assert "สัดส่วนงานของระบบ e-Office จะรวมเป็น 130%" in page
    assert "would add up" not in page
    # the problem stands just above the form it is about, not at the top of a long page
    problem = page.index('id="assign-problem"')
    assert page.index("สัดส่วนงานของระบบ e-Office จะรวมเป็น 130%") > problem
    assert problem > page.index('id="assignments"')


def test_a_person_who_left_cannot_be_given_a_duty(client, factory, world):
    from tests.conftest import login

    factory.evidence(world.officer_a, "e-laas", 2)
    login(client, "hr.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    form = client.get(f"/laos/{world.a.id}/assignments").get_data(as_text=True)
    assert f'value="{world.officer_a.id}"' not in form  # not offered in the list of people
    refused = _assign(client, world, _body(world.officer_a))
    assert refused.status_code == 422
    assert refused.get_json()["details"]["fields"] == {"user_id": "deactivated"}


def test_an_executive_does_not_approve_their_own_duty(client, world):
    pending = _assign(client, world, _body(world.executive_a,
                                           override_reason="ยังไม่มีผู้ผ่านระดับ 2"))
    assert pending.get_json()["status"] == "pending_approval"
    url = f"/api/v1/assignments/{pending.get_json()['id']}/approve"
    assert client.post(url, headers=token(client, "executive.a")).status_code == 403
    listed = client.get(f"/api/v1/laos/{world.a.id}/assignments",
                        headers=token(client, "hr.a")).get_json()
    assert [a["status"] for a in listed] == ["pending_approval"]


def test_a_buddhist_era_year_typed_as_the_date_is_refused(client, factory, world):
    """HR types 2569-11-01 (the Thai year) into the date box: refused, with the reason."""
    factory.evidence(world.officer_a, "e-laas", 2)
    response = _assign(client, world, {**_body(world.officer_a), "effective_from": "2569-11-01"})
    assert response.status_code == 422
    assert response.get_json()["details"]["fields"] == {"effective_from": "out of range"}
    listed = client.get(f"/api/v1/laos/{world.a.id}/assignments",
                        headers=token(client, "hr.a")).get_json()
    assert listed == []


def test_an_administrator_approves_when_the_only_executive_is_the_one_assigned(client, world):
    pending = _assign(client, world, _body(world.executive_a,
                                           override_reason="ยังไม่มีผู้ผ่านระดับ 2"))
    url = f"/api/v1/assignments/{pending.get_json()['id']}/approve"
    approved = client.post(url, headers=token(client, world.admin.username))
    assert approved.status_code == 200
    assert approved.get_json()["status"] == "active"


def test_a_date_check_on_29_february_works(app, factory, world):
    from datetime import UTC, date, datetime

    from app.auth.models import User
    from app.org.models import Lao
    from app.register import assignments

    factory.evidence(world.officer_a, "e-laas", 2, valid_days=2000)
    with app.app_context():
        made = assignments.assign(
            db.session.get(User, world.hr_a.id), db.session.get(Lao, world.a.id),
            db.session.get(User, world.officer_a.id), "e-laas", "primary", 50,
            date(2028, 2, 1), "1/2571", None, datetime(2028, 2, 29, 3, 0, tzinfo=UTC))
        assert made.status == "active"
        db.session.rollback()


def test_hr_changes_a_share_on_the_page_and_too_much_changes_nothing(app, client, factory,
                                                                      world):
    from tests.conftest import login

    for person in (world.officer_a, world.hr_a):
        factory.evidence(person, "e-office", 2)
    first = _assign(client, world, {**_body(world.officer_a, share=70),
                                    "subsystem": "e-office"}).get_json()
    second = _assign(client, world, {**_body(world.hr_a, role="backup", share=30),
                                     "subsystem": "e-office"}).get_json()
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/assignments").get_data(as_text=True)
    assert f'action="/assignments/{first["id"]}/share"' in page
    too_much = client.post(f"/assignments/{first['id']}/share", follow_redirects=True,
                           data={"version": first["version"], "share_percent": "80"})
    assert "130%" not in too_much.get_data(as_text=True)  # 80 + 30 = 110
    assert "110%" in too_much.get_data(as_text=True)
    bad = client.post(f"/assignments/{first['id']}/share", follow_redirects=True,
                      data={"version": first["version"], "share_percent": "0"})
    assert "1 ถึง 100" in bad.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Assignment, first["id"]).share_percent == 70
    client.post(f"/assignments/{second['id']}/share",
                data={"version": second["version"], "share_percent": "20"})
    client.post(f"/assignments/{first['id']}/share",
                data={"version": first["version"], "share_percent": "80"})
    with app.app_context():
        assert db.session.get(Assignment, first["id"]).share_percent == 80
        assert db.session.get(Assignment, second["id"]).share_percent == 20
    stale = client.post(f"/assignments/{first['id']}/share", follow_redirects=True,
                        data={"version": first["version"], "share_percent": "60"})
    assert "กรุณาโหลดหน้าใหม่" in stale.get_data(as_text=True)  # changed since: say so
    client.post("/logout")
    login(client, "officer.a")
    assert client.post(f"/assignments/{first['id']}/share",
                       data={"share_percent": "10"}).status_code == 403
