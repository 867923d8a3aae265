"""Test set-up: one migrated database per run (SQLite, or PostgreSQL from TEST_DATABASE_URL),
emptied after each test; factories; sign-in helpers; a mail outbox."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text

from app import create_app
from app.auth.models import User
from app.auth.passwords import hash_password
from app.content.service import load_and_sync
from app.extensions import db, limiter
from app.org import national_id
from app.org.geography import sync_geography
from app.org.models import District, Lao, Unit
from app.single_statement import dispose

PASSWORD = "test-pass-12345"
# reference data and content, loaded once per run
KEEP_TABLES = {"province", "district", "alembic_version", "topic", "course", "module",
               "question", "question_option", "placement_bank"}


def _database_url(tmp: str) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        engine = create_engine(url)
        with engine.begin() as conn:  # a clean schema; the migrations build it again
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return url
    return f"sqlite:///{tmp}/test.sqlite3"


_SCRATCH = tempfile.mkdtemp(prefix="lao-test-")
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)


def make_app(url: str, **extra: Any) -> Flask:
    config = {
        "CERT_KEY_PATH": f"{_SCRATCH}/certificate-key.pem",
        "CERT_CACHE_DIR": f"{_SCRATCH}/certificate-cache",
        "APP_ENV": "testing",
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "FAST_PASSWORD_HASH": True,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": "lao.test",
        "PUBLIC_URL": "http://lao.test",
    }
    config.update(extra)
    application = create_app(config)
    _APPS.append(application)
    return application


_APPS: list[Flask] = []


@pytest.fixture(scope="session", autouse=True)
def _dispose_engines() -> Iterator[None]:
    """Close every pooled connection of every app the tests made (psycopg warns otherwise)."""
    yield
    for application in _APPS:
        with application.app_context():
            dispose(db.engine)
    from app.pdf import _fonts, _stylesheet

    _stylesheet.cache_clear()
    _fonts.cache_clear()  # WeasyPrint's font config cleans up while its modules still exist


def fixed_forms() -> None:
    """The shipped banks are adaptive (tests/content checks the files); the suite's placement
    tests exercise the fixed form, which every bank can still be set to and which open attempts
    keep, and tests/placement/test_adaptive.py switches one bank to adaptive where it needs it."""
    from sqlalchemy import update

    from app.content.models import PlacementBank

    db.session.execute(update(PlacementBank).values(mode="fixed"))


@pytest.fixture(scope="session")
def app() -> Iterator[Flask]:
    with tempfile.TemporaryDirectory() as tmp:
        application = make_app(_database_url(tmp))
        with application.app_context():
            upgrade()
            sync_geography()
            load_and_sync(application)
            fixed_forms()
            db.session.commit()
        yield application
        with application.app_context():
            dispose(db.engine)


@pytest.fixture(autouse=True)
def _clean(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    application: Flask = request.getfixturevalue("app")
    with application.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in KEEP_TABLES:
                db.session.execute(table.delete())
        fixed_forms()  # a test that synced the content or switched a bank leaves none adaptive
        db.session.commit()
    limiter.reset()
    application.extensions.pop("mail_outbox", None)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def outbox(app: Flask) -> list[Any]:
    return app.extensions.setdefault("mail_outbox", [])


class Factory:
    """Creates committed rows in their own app context and returns plain snapshots."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._seq = 0

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def lao(self, district_code: str = "6001", **fields: Any) -> SimpleNamespace:
        with self.app.app_context():
            district = db.session.scalar(select(District).where(District.code == district_code))
            assert district is not None
            n = self._next()
            lao = Lao(code=fields.pop("code", f"6{district_code}{n:02d}"),
                      name=fields.pop("name", f"อบต.ทดสอบ {n}"), type=fields.pop("type", "sao"),
                      size_class=fields.pop("size_class", "S"), district_id=district.id,
                      **fields)
            db.session.add(lao)
            db.session.commit()
            return SimpleNamespace(id=lao.id, code=lao.code, district_id=district.id,
                                   province_id=district.province_id)

    def user(self, lao: SimpleNamespace | None = None, role: str = "officer",
             **fields: Any) -> SimpleNamespace:
        with self.app.app_context():
            n = self._next()
            nid = fields.pop("national_id", None)
            unit_name = fields.pop("unit", None)
            user = User(username=fields.pop("username", f"{role}{n}"),
                        full_name=fields.pop("full_name", f"นายทดสอบ คนที่{n}"), role=role,
                        lao_id=lao.id if lao else None,
                        password_hash=hash_password(fields.pop("password", PASSWORD)), **fields)
            if nid:
                user.national_id_hash = national_id.keyed_hash(nid, self.app.config[
                    "NATIONAL_ID_KEY"])
                user.national_id_last4 = national_id.last4(nid)
            if unit_name and lao:
                user.unit = Unit(lao_id=lao.id, name=unit_name)
            db.session.add(user)
            db.session.commit()
            return SimpleNamespace(id=user.id, username=user.username, lao_id=user.lao_id,
                                   role=role)

    def supervisor(self, level: str, area_id: int | None) -> SimpleNamespace:
        return self.user(None, "supervisor", scope_level=level, scope_area_id=area_id)

    def evidence(self, user: SimpleNamespace, subsystem: str, level: int,
                 source: str = "placement", valid_days: int = 365,
                 age_days: int = 0) -> None:
        """Competency evidence achieved `age_days` ago, valid `valid_days` from then."""
        from datetime import timedelta

        from app.db import utcnow
        from app.register.competency import record_evidence

        with self.app.app_context():
            achieved = utcnow() - timedelta(days=age_days)
            record_evidence(user.id, subsystem, level, source, "test", utcnow(),
                            achieved_at=achieved,
                            expires_at=achieved + timedelta(days=valid_days))
            db.session.commit()

    def get_user(self, user_id: int) -> User:
        with self.app.app_context():
            user = db.session.get(User, user_id)
            assert user is not None
            db.session.expunge(user)
            return user


@pytest.fixture
def factory(app: Flask) -> Factory:
    return Factory(app)


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/login", data={"username": username, "password": password})


def token(client: FlaskClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"username": username,
                                                       "password": password})
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


@pytest.fixture
def world(factory: Factory) -> SimpleNamespace:
    """Two LAOs in different provinces, each with HR, executive and officer; plus
    supervisors and an admin."""
    a = factory.lao("6001", code="6600101")
    b = factory.lao("9201", code="6920101")
    people = {}
    for name, lao in (("a", a), ("b", b)):
        for role in ("hr", "executive", "officer"):
            people[f"{role}_{name}"] = factory.user(lao, role, username=f"{role}.{name}")
    return SimpleNamespace(
        a=a, b=b, **people,
        admin=factory.user(None, "admin", username="root"),
        sup_district_a=factory.supervisor("district", a.district_id),
        sup_province_b=factory.supervisor("province", b.province_id),
        sup_country=factory.supervisor("country", None),
    )


@pytest.fixture
def count_queries(app: Flask) -> Any:
    """Counts SQL statements run inside `with count_queries() as counter:`."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting() -> Iterator[list[str]]:
        seen: list[str] = []

        def listener(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            seen.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", listener)
        try:
            yield seen
        finally:
            event.remove(engine, "before_cursor_execute", listener)

    return counting
