"""Issuing, revoking and verifying certificates. Flush, never commit."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth.models import User
from app.certification import signing
from app.certification.models import Certificate, SerialCounter
from app.content.models import Course
from app.dates import be_year, local_date
from app.errors import N_, Conflict, Invalid
from app.extensions import db
from app.org.models import Lao
from app.register.competency import record_evidence, retract
from app.register.models import CompetencyEvent

CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def prefix_for(subsystem: str) -> str:
    return subsystem.replace("-", "").upper()  # e-laas -> ELAAS


@lru_cache(maxsize=4)
def _key(path: str) -> Ed25519PrivateKey:
    return signing.load_or_create_key(Path(path))


def platform_key() -> Ed25519PrivateKey:
    path = current_app.config.get("CERT_KEY_PATH") or str(
        Path(current_app.instance_path) / "certificate-key.pem")
    return _key(path)


def next_number(prefix: str, year_be: int) -> int:
    """The next serial number, gap-free: the counter row is locked by the UPDATE until commit,
    and a rolled-back issue gives its number back."""
    for _ in range(3):
        bumped = db.session.execute(
            update(SerialCounter).where(SerialCounter.prefix == prefix,
                                        SerialCounter.year_be == year_be)
            .values(last=SerialCounter.last + 1).returning(SerialCounter.last)).scalar()
        if bumped is not None:
            return int(bumped)
        try:
            with db.session.begin_nested():
                db.session.add(SerialCounter(prefix=prefix, year_be=year_be, last=0))
        except IntegrityError:
            continue  # another process created the counter first: bump that one
    raise Conflict(N_("could not allocate a certificate serial; try again"))


def mask_name(full_name: str) -> str:
    """นายสมชาย ใจดี -> นายสมชาย ใ***: enough to recognise, not to identify (PDPA)."""
    first, _space, last = full_name.partition(" ")
    return f"{first} {last[:1]}***" if last else f"{first[:3]}***"


def issue(actor: User | None, person: User, course: Course, level: int,
          now: datetime) -> Certificate:
    """Issue a signed certificate for a completed course."""
    if person.lao_id is None:
        raise Invalid(N_("certificates are issued to LAO staff"))
    lao = db.session.get(Lao, person.lao_id)
    issued_on = local_date(now)
    years = int(current_app.config.get("CERTIFICATE_VALID_YEARS", 2))
    expires_on = _add_years(issued_on, years)
    prefix, year = prefix_for(course.subsystem), be_year(issued_on)
    number = next_number(prefix, year)
    serial = f"{prefix}-{year}-{number:06d}"
    payload = signing.canonical({
        "v": 1, "serial": serial, "holder": person.full_name, "course": course.slug,
        "level": level, "issued": issued_on.isoformat(), "expires": expires_on.isoformat()})
    cert = Certificate(
        serial=serial, prefix=prefix, year_be=year, number=number,
        code="".join(secrets.choice(CODE_ALPHABET) for _ in range(20)),
        user_id=person.id, lao_id=person.lao_id, course_id=course.id,
        subsystem=course.subsystem, holder_name=person.full_name,
        lao_name=lao.name if lao else "", course_title=course.title_th, level=level,
        issued_on=issued_on, expires_on=expires_on, payload=payload,
        signature=signing.sign(platform_key(), payload))
    db.session.add(cert)
    db.session.flush()
    if course.audience == "officer":
        record_evidence(person.id, course.subsystem, level, "certificate",
                        f"certificate:{serial}", now,
                        expires_at=datetime.combine(expires_on, time(), tzinfo=UTC))
    audit.record(actor, "certificate.issue", cert, lao_id=person.lao_id,
                 after={"serial": serial, "user_id": person.id, "course": course.slug})
    return cert


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def status_of(cert: Certificate, today: date) -> str:
    if cert.revoked_at is not None:
        return "revoked"
    return "expired" if cert.expires_on < today else "valid"


def revoke(actor: User, cert: Certificate, reason: str, now: datetime) -> None:
    """Admin only (checked by the caller); the reason is required and audited."""
    if not reason.strip():
        raise Invalid(N_("a reason is required"), {"fields": {"reason": "is required"}})
    if cert.revoked_at is not None:
        raise Conflict(N_("the certificate is already revoked"))
    cert.revoked_at, cert.revoked_reason = now, reason.strip()
    db.session.flush()
    # the platform no longer vouches for that completion: neither the certificate nor the
    # course result that earned it (recorded in the same moment) counts for the register or
    # the assignment gate; a cohort certificate leaves a completion earned apart untouched
    ref = f"certificate:{cert.serial}"
    issued_at = select(CompetencyEvent.achieved_at).where(
        CompetencyEvent.user_id == cert.user_id, CompetencyEvent.evidence_ref == ref)
    earned_with_it = db.session.scalars(select(CompetencyEvent.evidence_ref).where(
        CompetencyEvent.user_id == cert.user_id, CompetencyEvent.subsystem == cert.subsystem,
        CompetencyEvent.source == "course",
        CompetencyEvent.achieved_at == issued_at.scalar_subquery()))
    withdrawn = retract(cert.user_id, cert.subsystem, [ref, *earned_with_it], now)
    audit.record(actor, "certificate.revoke", cert, lao_id=cert.lao_id,
                 after={"serial": cert.serial, "reason": reason.strip(),
                        "evidence_withdrawn": withdrawn})


def by_code(code: str) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def verify_body(cert: Certificate, today: date) -> dict[str, Any]:
    return {"status": status_of(cert, today), "holder": mask_name(cert.holder_name),
            "course": cert.course_title, "issued_on": cert.issued_on.isoformat(),
            "expires_on": cert.expires_on.isoformat(), "serial": cert.serial}


def valid_certificate(user_id: int, course_id: int, today: date) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(
        Certificate.user_id == user_id, Certificate.course_id == course_id,
        Certificate.revoked_at.is_(None), Certificate.expires_on >= today)
        .order_by(Certificate.issued_on.desc()).limit(1))
