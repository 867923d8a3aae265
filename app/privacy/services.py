"""Personal data (PDPA): a person's own data, deactivation, anonymisation after retention."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from app import audit
from app.audit import AuditEvent
from app.auth.models import ApiToken, User
from app.auth.services import void_resets
from app.certification.models import Certificate
from app.dates import local_date
from app.errors import N_, Conflict
from app.extensions import db
from app.learning.models import Enrollment
from app.placement.models import Attempt
from app.register.assignments import end_all_in_lao
from app.register.models import Assignment, CompetencyEvent


def own_data(user: User) -> dict[str, Any]:
    """Everything the platform keeps about one person, as JSON-ready values."""
    def iso(value: Any) -> Any:
        return value.isoformat() if value is not None else None

    return {
        "account": {"username": user.username, "full_name": user.full_name,
                    "email": user.email, "role": user.role, "lao": user.lao.name if user.lao
                    else None, "unit": user.unit.name if user.unit else None,
                    "position": user.position, "national_id_last4": user.national_id_last4,
                    "status": user.status, "created_at": iso(user.created_at)},
        "competencies": [{"subsystem": e.subsystem, "level": e.level, "source": e.source,
                          "achieved_at": iso(e.achieved_at), "expires_at": iso(e.expires_at),
                          "withdrawn_at": iso(e.retracted_at)}
                         for e in db.session.scalars(select(CompetencyEvent).where(
                             CompetencyEvent.user_id == user.id))],
        "placement_attempts": [{"subsystem": a.subsystem, "status": a.status,
                                "started_at": iso(a.started_at), "score": a.score,
                                "level": a.level}
                               for a in db.session.scalars(select(Attempt).where(
                                   Attempt.user_id == user.id))],
        "enrolments": [{"course": e.course.slug, "status": e.status,
                        "completed_at": iso(e.completed_at)}
                       for e in db.session.scalars(select(Enrollment).where(
                           Enrollment.user_id == user.id))],
        "assignments": [{"subsystem": a.subsystem, "role": a.role, "status": a.status,
                         "share_percent": a.share_percent,
                         "effective_from": iso(a.effective_from)}
                        for a in db.session.scalars(select(Assignment).where(
                            Assignment.user_id == user.id))],
        "certificates": [{"serial": c.serial, "course": c.course_title,
                          "issued_on": iso(c.issued_on), "expires_on": iso(c.expires_on)}
                         for c in db.session.scalars(select(Certificate).where(
                             Certificate.user_id == user.id))],
    }


def deactivate(actor: User, person: User, now: datetime) -> None:
    """A person who left: cannot sign in, sessions and tokens end, data kept until retention."""
    if person.status == "inactive":
        raise Conflict(N_("the person is already deactivated"))
    person.status = "inactive"
    person.session_epoch += 1
    for token in db.session.scalars(select(ApiToken).where(ApiToken.user_id == person.id)):
        token.expires_at = now
    void_resets(person.id, now)
    db.session.flush()
    if person.lao_id is not None:  # who left covers nothing: their duties end today
        end_all_in_lao(actor, person.id, person.lao_id, local_date(now),
                       action="assignment.end_by_deactivation")
    audit.record(actor, "user.deactivate", person, before={"status": "active"},
                 after={"status": "inactive"})


def anonymise_departed(now: datetime, retention_days: int) -> int:
    """Anonymise people deactivated longer ago than the retention period. Certificates stay
    verifiable (with the masked name they already show) and statistics keep their rows."""
    cutoff = now - timedelta(days=retention_days)
    departed = db.session.scalars(
        select(User).join(AuditEvent, (AuditEvent.target_id == User.id)
                          & (AuditEvent.target_type == "user")
                          & (AuditEvent.action == "user.deactivate"))
        .where(User.status == "inactive", User.username.not_like("anon-%"),
               AuditEvent.at < cutoff)).unique()
    count = 0
    for person in departed:
        for cert in db.session.scalars(select(Certificate).where(
                Certificate.user_id == person.id)):
            from app.certification.services import mask_name

            cert.holder_name = mask_name(cert.holder_name)
        person.username = f"anon-{person.id}"
        person.full_name = "บุคลากรที่พ้นจากระบบ"
        person.email = person.national_id_hash = person.national_id_last4 = None
        person.position = person.password_hash = None
        count += 1
    db.session.flush()
    return count
