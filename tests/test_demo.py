"""Demo data: the field-study provinces, varied LAOs, 150+ staff, every kind of account."""

from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.org.demo import load_demo
from app.org.models import District, Lao, Province


def test_demo_world_is_rich_enough_and_idempotent(app):
    with app.app_context():
        accounts = load_demo()
        db.session.commit()
        users = db.session.scalar(select(func.count(User.id)))
        load_demo()
        db.session.commit()
        assert db.session.scalar(select(func.count(User.id))) == users
        staff = db.session.scalar(select(func.count(User.id)).where(User.lao_id.is_not(None)))
        assert staff >= 150
        laos = list(db.session.scalars(select(Lao)))
        assert len(laos) >= 8
        assert {lao.type for lao in laos} == {"pao", "city", "town",
                                              "subdistrict_municipality", "sao"}
        assert {lao.size_class for lao in laos} == {"S", "M", "L"}
        provinces = set(db.session.scalars(
            select(Province.name_en).join(District).join(Lao, Lao.district_id == District.id)))
        assert provinces == {"Nakhon Sawan", "Lampang", "Chaiyaphum", "Trang"}
        for lao in laos:
            roles = set(db.session.scalars(select(User.role).where(User.lao_id == lao.id)))
            assert {"hr", "executive", "officer"} <= roles
        scopes = set(db.session.scalars(select(User.scope_level).where(
            User.role == "supervisor")))
        assert scopes == {"district", "province", "country"}
        assert ("admin", "ผู้ดูแลระบบ (admin)") in accounts


def test_demo_accounts_can_sign_in(app, client):
    from app.org.demo import DEMO_PASSWORD

    with app.app_context():
        load_demo()
        db.session.commit()
    response = client.post("/api/v1/auth/token", json={"username": "hr.2600101",
                                                       "password": DEMO_PASSWORD})
    assert response.status_code == 200
