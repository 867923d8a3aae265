"""Demo competencies and assignments, so the register and dashboards show a real picture:
some LAOs well covered, some with gaps, one with an override waiting for approval."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.org.models import Lao
from app.register.competency import record_evidence
from app.register.models import Assignment, CompetencyEvent

# which systems a position usually runs (standard practice; see DOMAIN.md)
POSITION_SYSTEMS = {
    "นักวิเคราะห์นโยบายและแผน": ("e-plan", "info"),
    "นักวิชาการเงินและบัญชี": ("e-laas",),
    "เจ้าพนักงานการเงินและบัญชี": ("e-laas",),
    "นักวิชาการจัดเก็บรายได้": ("e-laas",),
    "เจ้าพนักงานจัดเก็บรายได้": ("e-laas",),
    "นักวิชาการพัสดุ": ("e-gp", "e-bidding"),
    "เจ้าพนักงานพัสดุ": ("e-gp",),
    "นักจัดการงานทั่วไป": ("e-office", "info"),
    "เจ้าพนักงานธุรการ": ("e-office",),
    "นักวิชาการคอมพิวเตอร์": ("info", "e-office"),
}


def load_results(lao: Lao, now: datetime) -> None:
    """Evidence and assignments for one demo LAO, once (skipped when it has any)."""
    staff = list(db.session.scalars(select(User).where(User.lao_id == lao.id)
                                    .order_by(User.id)))
    if not staff or db.session.scalar(select(CompetencyEvent.id).where(
            CompetencyEvent.user_id.in_([u.id for u in staff])).limit(1)) is not None:
        return
    rng = random.Random(f"results-{lao.code}")  # noqa: S311 - repeatable demo data
    hr = next(u for u in staff if u.role == "hr")
    best: dict[str, list[tuple[int, User]]] = {}
    for person in staff:
        for code in POSITION_SYSTEMS.get(person.position or "", ()):
            if rng.random() < 0.25:
                continue  # not everyone has been assessed yet
            level = rng.choice((1, 2, 2, 3))
            age = rng.choice((10, 60, 200, 320))  # 320 days: expires within 60 days
            achieved = now - timedelta(days=age)
            record_evidence(person.id, code, level, "placement", "demo", now,
                            achieved_at=achieved, expires_at=achieved + timedelta(days=365))
            best.setdefault(code, []).append((level, person))
    for code, holders in best.items():
        holders.sort(key=lambda pair: -pair[0])
        level, person = holders[0]
        status = "active" if level >= 2 else "pending_approval"
        db.session.add(Assignment(
            lao_id=lao.id, user_id=person.id, subsystem=code, role="primary",
            share_percent=70, effective_from=date(now.year, 10, 1),
            order_ref=f"คำสั่ง {lao.name} ที่ {rng.randint(10, 300)}/{now.year + 543}",
            status=status, created_by_id=hr.id,
            override_reason=None if status == "active" else "ยังไม่มีผู้ผ่านระดับ 2 ระหว่างส่งอบรม"))
        if len(holders) > 1 and holders[1][0] >= 1:
            db.session.add(Assignment(
                lao_id=lao.id, user_id=holders[1][1].id, subsystem=code, role="backup",
                share_percent=30, effective_from=date(now.year, 10, 1),
                order_ref="คำสั่งเดียวกัน", status="active", created_by_id=hr.id))
    db.session.flush()
