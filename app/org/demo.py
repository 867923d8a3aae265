"""Demo organisations, staff and accounts for a local run; idempotent."""

from __future__ import annotations

import random

from flask import current_app
from sqlalchemy import select

from app.auth.models import User
from app.auth.passwords import hash_password
from app.db import utcnow
from app.extensions import db
from app.org import national_id
from app.org.demo_answers import load_answers
from app.org.demo_data import FEMALE, LAOS, MALE, MAYOR, SURNAMES, UNIT_HEADS, UNITS
from app.org.demo_results import load_results
from app.org.geography import sync_geography
from app.org.models import District, Lao, Province, Unit

DEMO_PASSWORD = "demo-2569-lao"  # noqa: S105 - printed for the local demo only


def make_national_id(rng: random.Random) -> str:
    """A random ID that passes the check digit (demo only)."""
    body = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    total = sum(int(body[i]) * (13 - i) for i in range(12))
    return body + str((11 - total % 11) % 10)


def _person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        first, title = rng.choice(MALE), "นาย"
    else:
        first, title = rng.choice(FEMALE), rng.choice(["นาง", "นางสาว"])
    return f"{title}{first} {rng.choice(SURNAMES)}"


def _plan(lao_type: str, size: int) -> list[tuple[str, str | None, str | None]]:
    """(role, unit, position) for each demo staff member of one LAO."""
    plan: list[tuple[str, str | None, str | None]] = [
        ("executive", None, MAYOR[lao_type]),
        ("executive", "สำนักปลัด", "ปลัด (นักบริหารงานท้องถิ่น)"),
        ("hr", "สำนักปลัด", "นักทรัพยากรบุคคล"),
    ]
    plan += [("officer", unit, head) for unit, head in UNIT_HEADS.items()]
    slots = [(unit, pos) for unit, positions in UNITS.items() for pos in positions]
    i = 0
    while len(plan) < size:
        unit, position = slots[i % len(slots)]
        plan.append(("officer", unit, position))
        i += 1
    return plan


def _add_user(existing: set[str], pw_hash: str, **fields: object) -> bool:
    if fields["username"] in existing:
        return False
    db.session.add(User(password_hash=pw_hash, **fields))
    existing.add(str(fields["username"]))
    return True


def load_demo() -> list[tuple[str, str]]:
    """Create what is missing of the demo world; returns (username, description) to print."""
    sync_geography()
    key = current_app.config["NATIONAL_ID_KEY"]
    pw_hash = hash_password(DEMO_PASSWORD)  # one hash for every demo account: fast set-up
    existing = set(db.session.scalars(select(User.username)))
    districts = {d.code: d for d in db.session.scalars(select(District))}
    accounts: list[tuple[str, str]] = [("admin", "ผู้ดูแลระบบ (admin)")]
    _add_user(existing, pw_hash, username="admin", full_name="ผู้ดูแลระบบกลาง", role="admin",
              email="admin@example.org")
    for code, name, lao_type, size_class, district_code, size in LAOS:
        lao = db.session.scalar(select(Lao).where(Lao.code == code))
        if lao is None:
            lao = Lao(code=code, name=name, type=lao_type, size_class=size_class,
                      district_id=districts[district_code].id)
            db.session.add(lao)
            db.session.flush()
        units = {u.name: u for u in db.session.scalars(select(Unit).where(Unit.lao_id == lao.id))}
        rng = random.Random(code)  # noqa: S311 - repeatable demo people, not secrets
        for n, (role, unit_name, position) in enumerate(_plan(lao_type, size), start=1):
            username = {1: f"exec.{code}", 3: f"hr.{code}", 4: f"officer.{code}"}.get(
                n, f"s{code}-{n:03d}")
            nid = make_national_id(rng)
            full_name = _person(rng)
            if unit_name and unit_name not in units:
                units[unit_name] = Unit(lao_id=lao.id, name=unit_name)
                db.session.add(units[unit_name])
            _add_user(existing, pw_hash, username=username, full_name=full_name, role=role,
                      lao_id=lao.id, unit=units.get(unit_name or ""), position=position,
                      national_id_hash=national_id.keyed_hash(nid, key),
                      national_id_last4=national_id.last4(nid),
                      email=f"{username}@example.org" if n <= 3 else None)
        db.session.flush()
        load_results(lao, utcnow())
        accounts += [(f"hr.{code}", f"งานบุคคล (hr) {name}"),
                     (f"exec.{code}", f"ผู้บริหาร (executive) {name}"),
                     (f"officer.{code}", f"เจ้าหน้าที่ (officer) {name}")]
    nakhon_sawan = db.session.scalar(select(Province).where(Province.code == "60"))
    assert nakhon_sawan is not None
    supervisors = [
        ("sup.district", "ผู้กำกับระดับอำเภอ เมืองนครสวรรค์", "district", districts["6001"].id),
        ("sup.province", "ผู้กำกับระดับจังหวัด นครสวรรค์", "province", nakhon_sawan.id),
        ("sup.country", "ผู้กำกับระดับประเทศ (สถ.)", "country", None),
    ]
    for username, label, level, area in supervisors:
        _add_user(existing, pw_hash, username=username, full_name=label, role="supervisor",
                  scope_level=level, scope_area_id=area)
        accounts.append((username, label))
    db.session.flush()
    load_answers(utcnow())  # simulated answers behind the item-analysis pages
    return accounts
