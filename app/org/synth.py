"""A synthetic national dataset for scale tests: thousands of LAOs with staff, evidence,
assignments, executive training and certificates, inserted in bulk."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.auth.models import User
from app.certification.models import Certificate, SerialCounter
from app.content.models import Course, Module
from app.dates import local_date
from app.db import utcnow
from app.extensions import db
from app.learning.models import Enrollment, ModuleProgress
from app.org.models import District, Lao
from app.register.competency import rebuild_latest
from app.register.models import Assignment, CompetencyEvent
from app.subsystems import CODES

# the national mix (DOMAIN.md): PAOs, city, town and subdistrict municipalities, SAOs
MIX = (("pao", 76), ("city", 30), ("town", 195), ("subdistrict_municipality", 2247),
       ("sao", 5302))
TYPE_DIGIT = {"pao": "2", "city": "3", "town": "4", "subdistrict_municipality": "5", "sao": "6"}
SIZES = {"pao": "LLL", "city": "LLL", "town": "MML", "subdistrict_municipality": "SMM",
         "sao": "SSM"}
CHUNK = 5000


def _chunks(rows: list[dict[str, Any]]) -> Any:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _insert(model: Any, rows: list[dict[str, Any]], returning: Any = None) -> list[Any]:
    out: list[Any] = []
    for chunk in _chunks(rows):
        if returning is None:
            db.session.execute(insert(model), chunk)
        else:
            out.extend(db.session.execute(insert(model).returning(*returning), chunk).all())
    return out


def _laos(rng: random.Random, count: int) -> list[dict[str, Any]]:
    districts = list(db.session.scalars(select(District).order_by(District.code)))
    if not districts:
        raise RuntimeError("no districts: run 'flask --app app content sync' first")
    taken = set(db.session.scalars(select(Lao.code)))
    total = sum(n for _t, n in MIX)
    types = [t for t, n in MIX for _ in range(max(1, round(n * count / total)))][:count]
    while len(types) < count:
        types.append("sao")
    rows, seq = [], {d.code: 0 for d in districts}
    for i, lao_type in enumerate(types):
        district = districts[i % len(districts)]
        seq[district.code] += 1
        code = f"{TYPE_DIGIT[lao_type]}{district.code}{seq[district.code] % 100:02d}"
        while code in taken:
            seq[district.code] += 1
            code = f"{TYPE_DIGIT[lao_type]}{district.code}{seq[district.code] % 100:02d}"
        taken.add(code)
        rows.append({"code": code, "name": f"อปท.จำลอง {code}", "type": lao_type,
                     "size_class": rng.choice(SIZES[lao_type]), "district_id": district.id,
                     "created_at": utcnow()})
    return rows


def synthesize(lao_count: int, staff_per_lao: int, seed: int = 2569) -> dict[str, int]:
    """Insert the dataset (flushes, never commits); returns row counts."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    now = utcnow()
    laos = _insert(Lao, _laos(rng, lao_count), returning=(Lao.id, Lao.code))
    users: list[dict[str, Any]] = []
    for lao_id, code in laos:
        for n in range(staff_per_lao):
            role = "executive" if n < 2 else ("hr" if n == 2 else "officer")
            users.append({"username": f"syn{code}-{n:03d}", "full_name": f"บุคลากรจำลอง {n}",
                          "role": role, "lao_id": lao_id, "status": "active",
                          "session_epoch": 0, "created_at": now})
    people = _insert(User, users, returning=(User.id, User.lao_id, User.role))
    events: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    best: dict[tuple[int, str], int] = {}
    for user_id, lao_id, _role in people:
        for code in rng.sample(CODES, k=rng.choice((0, 1, 1, 2))):
            level = rng.choice((1, 2, 2, 3))
            achieved = now - timedelta(days=rng.randint(0, 420))
            events.append({"user_id": user_id, "subsystem": code, "level": level,
                           "source": "placement", "achieved_at": achieved,
                           "expires_at": achieved + timedelta(days=365),
                           "evidence_ref": "synthetic"})
            if level >= 2 and achieved > now - timedelta(days=365):
                best.setdefault((lao_id, code), user_id)
    for (lao_id, code), user_id in best.items():
        if rng.random() < 0.8:
            assignments.append({"lao_id": lao_id, "user_id": user_id, "subsystem": code,
                                "role": "primary", "share_percent": 60,
                                "effective_from": date(2026, 10, 1), "order_ref": "synthetic",
                                "status": "active", "created_by_id": user_id,
                                "created_at": now, "version": 1})
    _insert(CompetencyEvent, events)
    rebuild_latest()
    _insert(Assignment, assignments)
    training = _executive_training(rng, [p for p in people if p[2] == "executive"], now)
    certificates = _certificates(rng, [p for p in people if p[2] == "officer"], now)
    db.session.flush()
    return {"laos": len(laos), "staff": len(people), "evidence": len(events),
            "assignments": len(assignments), "module_passes": training,
            "certificates": certificates}


def _executive_training(rng: random.Random, executives: list[Any], now: Any) -> int:
    modules = list(db.session.execute(select(Module.id, Module.course_id).join(Course).where(
        Course.mandatory.is_(True), Module.retired.is_(False))))
    courses = sorted({c for _m, c in modules})
    if not courses:
        return 0
    enrolments = [{"user_id": uid, "course_id": cid, "status": "in_progress",
                   "started_at": now} for uid, _l, _r in executives for cid in courses
                  if rng.random() < 0.5]
    ids = _insert(Enrollment, enrolments, returning=(Enrollment.id, Enrollment.course_id))
    by_course: dict[int, list[int]] = {}
    for module_id, course_id in modules:
        by_course.setdefault(course_id, []).append(module_id)
    progress = [{"enrollment_id": eid, "module_id": mid, "opened_at": now, "passed_at": now,
                 "best_score": 1.0, "tries": 1}
                for eid, cid in ids for mid in by_course[cid] if rng.random() < 0.7]
    _insert(ModuleProgress, progress)
    return len(progress)


def _certificates(rng: random.Random, officers: list[Any], now: Any) -> int:
    course_ids = dict(db.session.execute(select(Course.subsystem, Course.id).where(
        Course.audience == "officer")).all())
    if not course_ids:
        return 0
    year = now.year + 543
    counters: dict[str, int] = {}
    rows = []
    for user_id, lao_id, _role in officers:
        if rng.random() > 0.03:
            continue
        code = rng.choice(CODES)
        prefix = code.replace("-", "").upper()
        counters[prefix] = counters.get(prefix, _last(prefix, year)) + 1
        serial = f"{prefix}-{year}-{counters[prefix]:06d}"
        rows.append({"serial": serial, "prefix": prefix, "year_be": year,
                     "number": counters[prefix], "code": f"syn{serial.lower()}",
                     "user_id": user_id, "lao_id": lao_id, "course_id": course_ids[code],
                     "subsystem": code, "holder_name": "บุคลากรจำลอง", "lao_name": "จำลอง",
                     "course_title": code, "level": 2, "issued_on": local_date(now),
                     "expires_on": local_date(now) + timedelta(days=730), "payload": "{}",
                     "signature": "synthetic", "created_at": now})
    _insert(Certificate, rows)
    for prefix, last in counters.items():
        counter = db.session.scalar(select(SerialCounter).where(
            SerialCounter.prefix == prefix, SerialCounter.year_be == year))
        if counter is None:
            db.session.add(SerialCounter(prefix=prefix, year_be=year, last=last))
        else:
            counter.last = last
    return len(rows)


def _last(prefix: str, year: int) -> int:
    return int(db.session.scalar(select(SerialCounter.last).where(
        SerialCounter.prefix == prefix, SerialCounter.year_be == year)) or 0)
