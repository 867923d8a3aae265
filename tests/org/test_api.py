"""Areas, LAOs, staff lists and transfers through the API."""

from sqlalchemy import select

from app.audit import AuditEvent
from app.extensions import db
from tests.conftest import token


def test_areas_list_every_province_and_district(client, world):
    body = client.get("/api/v1/areas", headers=token(client, "officer.a")).get_json()
    provinces = body["provinces"]
    assert len(provinces) == 77
    assert sum(len(p["districts"]) for p in provinces) == 928
    trang = next(p for p in provinces if p["name_en"] == "Trang")
    assert trang["name_th"] == "ตรัง"
    assert {"id", "name_th", "name_en"} <= set(trang["districts"][0])


def test_subsystems_have_the_six_fixed_codes(client, world):
    body = client.get("/api/v1/subsystems", headers=token(client, "officer.a")).get_json()
    assert [s["code"] for s in body] == ["e-plan", "e-laas", "e-gp", "e-bidding", "info",
                                         "e-office"]


def _lao_ids(client, username):
    return {lao["id"] for lao in client.get("/api/v1/laos",
                                            headers=token(client, username)).get_json()}


def test_laos_list_follows_each_callers_scope(client, world, factory):
    c = factory.lao("6002", code="6600201")  # same province as A, other district
    assert _lao_ids(client, "hr.a") == {world.a.id}
    assert _lao_ids(client, "officer.b") == {world.b.id}
    assert _lao_ids(client, world.sup_district_a.username) == {world.a.id}
    assert _lao_ids(client, world.sup_province_b.username) == {world.b.id}
    assert _lao_ids(client, world.sup_country.username) == {world.a.id, world.b.id, c.id}
    assert _lao_ids(client, world.admin.username) == {world.a.id, world.b.id, c.id}


def test_admin_creates_an_lao_and_a_duplicate_code_is_409(client, world):
    headers = token(client, world.admin.username)
    areas = client.get("/api/v1/areas", headers=headers).get_json()["provinces"]
    lampang = next(p for p in areas if p["name_en"] == "Lampang")
    district = lampang["districts"][0]
    body = {"code": "6520101", "name": "อบต.ทดลอง", "type": "sao", "size_class": "S",
            "district_id": district["id"]}
    created = client.post("/api/v1/laos", json=body, headers=headers)
    assert created.status_code == 201
    assert created.get_json()["id"] in _lao_ids(client, world.admin.username)
    assert client.post("/api/v1/laos", json=body, headers=headers).status_code == 409


def test_lao_with_bad_fields_lists_every_problem(client, world):
    headers = token(client, world.admin.username)
    response = client.post("/api/v1/laos", headers=headers, json={
        "code": 1234567, "name": "x", "type": "village", "size_class": "XL",
        "district_id": "9"})
    assert response.status_code == 422
    assert set(response.get_json()["details"]["fields"]) == {"code", "type", "size_class",
                                                            "district_id"}


def test_lao_code_must_match_its_district(client, world):
    response = client.post("/api/v1/laos", headers=token(client, world.admin.username), json={
        "code": "6999901", "name": "อบต.ผิดอำเภอ", "type": "sao", "size_class": "S",
        "district_id": world.a.district_id})
    assert response.status_code == 422
    assert "code" in response.get_json()["details"]["fields"]


def test_supervisor_and_hr_cannot_create_laos(client, world):
    body = {"code": "6600109", "name": "อบต.ก", "type": "sao", "size_class": "S",
            "district_id": world.a.district_id}
    for who in (world.sup_country.username, "hr.a"):
        assert client.post("/api/v1/laos", json=body, headers=token(client, who)
                           ).status_code == 403


def test_staff_list_by_role(client, world):
    url = f"/api/v1/laos/{world.a.id}/staff"
    assert client.get(url, headers=token(client, "hr.a")).status_code == 200
    assert client.get(url, headers=token(client, "executive.a")).status_code == 200
    assert client.get(url, headers=token(client, world.sup_district_a.username)
                      ).status_code == 200
    assert client.get(url, headers=token(client, "officer.a")).status_code == 403
    assert client.get(url, headers=token(client, world.sup_province_b.username)
                      ).status_code == 404
    names = {s["username"] for s in client.get(url, headers=token(client, "hr.a")).get_json()}
    assert names == {"hr.a", "executive.a", "officer.a"}


def test_an_admin_transfers_a_person_at_once_with_history(app, client, world):
    response = client.post(f"/api/v1/users/{world.hr_a.id}/transfer",
                           headers=token(client, world.admin.username),
                           json={"to_lao_id": world.b.id, "effective_from": "2026-11-01"})
    assert response.status_code == 200
    staff_b = client.get(f"/api/v1/laos/{world.b.id}/staff",
                         headers=token(client, "hr.b")).get_json()
    moved = next(s for s in staff_b if s["id"] == world.hr_a.id)
    assert moved["role"] == "officer"  # HR duty stays with the old LAO
    staff_a = client.get(f"/api/v1/laos/{world.a.id}/staff",
                         headers=token(client, world.admin.username)).get_json()
    assert world.hr_a.id not in {s["id"] for s in staff_a}
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.transfer"))
    assert event.before["lao_id"] == world.a.id
    assert event.after["lao_id"] == world.b.id


def test_transfer_refusals(client, world):
    url = f"/api/v1/users/{world.officer_a.id}/transfer"
    body = {"to_lao_id": world.b.id, "effective_from": "2026-11-01"}
    # one party alone moves nobody: HR of either LAO goes through /laos/{id}/transfers
    assert client.post(url, json=body, headers=token(client, "hr.a")).status_code == 404
    assert client.post(url, json=body, headers=token(client, "hr.b")).status_code == 404
    assert client.post(url, json=body, headers=token(client, world.sup_country.username)
                       ).status_code == 404
    admin = token(client, world.admin.username)
    assert client.post(url, json={**body, "to_lao_id": world.a.id}, headers=admin
                       ).status_code == 409
    bad_date = client.post(url, json={**body, "effective_from": "01/11/2026"}, headers=admin)
    assert bad_date.status_code == 422
    assert "effective_from" in bad_date.get_json()["details"]["fields"]
    future = client.post(url, json={**body, "effective_from": "2099-01-01"}, headers=admin)
    assert future.status_code == 422
    assert client.post(url, json={**body, "to_lao_id": 999999}, headers=admin
                       ).status_code == 404


def test_a_transfer_effective_today_is_taken_before_seven_in_the_morning(client, world,
                                                                         monkeypatch):
    """06:30 on 1 December in Thailand is still 30 November in UTC: "today" is Thai."""
    from datetime import UTC, datetime

    monkeypatch.setattr("app.db.utcnow", lambda: datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    response = client.post(f"/api/v1/users/{world.officer_b.id}/transfer",
                           headers=token(client, world.admin.username),
                           json={"to_lao_id": world.a.id, "effective_from": "2026-12-01"})
    assert response.status_code == 200, response.get_json()
