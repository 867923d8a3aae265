"""Responsibility assignments and the competency gate. Flush, never commit."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from app import audit
from app.access import is_approver
from app.auth.models import User
from app.dates import local_date
from app.errors import N_, Conflict, Forbidden, Invalid
from app.extensions import db
from app.org.models import Lao
from app.register.competency import levels_of
from app.register.models import Assignment
from app.subsystems import SYSTEM_NAMES

REQUIRED_LEVEL = {"primary": 2, "backup": 1}
OPEN_STATUSES = ("active", "pending_approval")
SENT_BACK = "assignment.send_back"


class NotCompetent(Conflict):
    code = "not_competent"


class StaleVersion(Conflict):
    code = "stale_version"


def snapshot(a: Assignment) -> dict[str, Any]:
    return {"user_id": a.user_id, "subsystem": a.subsystem, "role": a.role,
            "share_percent": a.share_percent, "status": a.status,
            "effective_from": a.effective_from.isoformat(),
            "effective_to": a.effective_to.isoformat() if a.effective_to else None,
            "order_ref": a.order_ref, "override_reason": a.override_reason}


def _check_shares(lao_id: int, subsystem: str, share: int, exclude: int | None = None) -> None:
    stmt = select(func.coalesce(func.sum(Assignment.share_percent), 0)).where(
        Assignment.lao_id == lao_id, Assignment.subsystem == subsystem,
        Assignment.status.in_(OPEN_STATUSES))
    if exclude is not None:
        stmt = stmt.where(Assignment.id != exclude)
    taken = int(db.session.scalar(stmt) or 0)
    if taken + share > 100:
        raise Conflict(
            N_("the shares of %(system)s would add up to %(total)d%% (at most 100%%): lower "
               "the share or end an earlier assignment first"),
            {"taken_percent": taken, "requested_percent": share},
            {"system": SYSTEM_NAMES.get(subsystem, subsystem), "total": taken + share})


def gate(person: User, subsystem: str, role: str, now: datetime) -> tuple[int, int]:
    """(required, current) level for this duty, from valid evidence only."""
    held = levels_of(person.id, now).get(subsystem)
    return REQUIRED_LEVEL[role], held.level if held else 0


def assign(actor: User, lao: Lao, person: User, subsystem: str, role: str, share: int,
           effective_from: date, order_ref: str, override_reason: str | None,
           now: datetime) -> Assignment:
    """Give a person a duty; refused below the required level unless HR gives a reason,
    in which case it waits for an executive of the same LAO."""
    if person.lao_id != lao.id:
        raise Invalid(N_("the person is not staff of this LAO"), {"fields": {"user_id": "other"}})
    if person.status != "active":
        raise Invalid(N_("the person has left (deactivated) and cannot be given a duty"),
                      {"fields": {"user_id": "deactivated"}})
    if not order_ref.strip():
        raise Invalid(N_("the order reference is required"), {"fields": {"order_ref": "required"}})
    today = local_date(now)
    if not today - timedelta(days=3653) <= effective_from <= today + timedelta(days=366):
        # 2569-11-01 is a Buddhist Era year typed where the Christian year belongs
        raise Invalid(N_("the effective date must be within a year from today, in the Christian "
                         "era (%(ce)d, not %(be)d)"),
                      {"fields": {"effective_from": "out of range"}},
                      {"ce": today.year, "be": today.year + 543})
    # one assignment change per LAO at a time (PostgreSQL row lock; SQLite transactions
    # are already serialised): the duplicate and share checks below see committed rows
    db.session.execute(select(Lao.id).where(Lao.id == lao.id).with_for_update())
    duplicate = db.session.scalar(select(Assignment.id).where(
        Assignment.lao_id == lao.id, Assignment.user_id == person.id,
        Assignment.subsystem == subsystem, Assignment.status.in_(OPEN_STATUSES)))
    if duplicate is not None:
        raise Conflict(N_("this person already holds this system; end that assignment first"),
                       {"assignment_id": duplicate})
    required, current = gate(person, subsystem, role, now)
    reason = (override_reason or "").strip() or None
    if current < required and reason is None:
        raise NotCompetent(
            f"{role} needs level {required}; the person's valid level is {current}",
            {"required_level": required, "current_level": current})
    _check_shares(lao.id, subsystem, share)
    assignment = Assignment(
        lao_id=lao.id, user_id=person.id, subsystem=subsystem, role=role, share_percent=share,
        effective_from=effective_from, order_ref=order_ref.strip(), created_by_id=actor.id,
        status="active" if current >= required else "pending_approval",
        override_reason=reason if current < required else None)
    db.session.add(assignment)
    db.session.flush()
    audit.record(actor, "assignment.create", assignment, after=snapshot(assignment))
    return assignment


def _expect_version(assignment: Assignment, version: int | None) -> None:
    if version is not None and version != assignment.version:
        raise StaleVersion(N_("someone else changed this assignment; reload and try again"),
                           {"current_version": assignment.version})


def may_decide(actor: User, assignment: Assignment, version: int | None) -> None:
    """Who may approve or send back an override, and only while it waits."""
    # an administrator may too: the LAO's only executive cannot approve their own duty
    if not is_approver(actor, assignment.lao_id):
        raise Forbidden(N_("only an executive of this LAO approves overrides"))
    if actor.id == assignment.user_id:
        raise Forbidden(N_("an executive does not approve an override of their own duty"))
    if actor.id == assignment.created_by_id:  # say an HR officer made executive since
        raise Forbidden(N_("an override is approved by someone other than the one who asked"))
    _expect_version(assignment, version)
    if assignment.status != "pending_approval":
        raise Conflict(N_("this assignment is not waiting for approval"))


def approve(actor: User, assignment: Assignment, version: int | None, now: datetime) -> None:
    """An executive of the same LAO accepts an override."""
    may_decide(actor, assignment, version)
    before = snapshot(assignment)
    assignment.status, assignment.approved_by_id, assignment.approved_at = "active", actor.id, now
    _flush_versioned()
    audit.record(actor, "assignment.approve", assignment, before=before,
                 after=snapshot(assignment))


def send_back(actor: User, assignment: Assignment, version: int | None, reason: str,
              now: datetime) -> None:
    """An executive does not approve an override: the request ends, and the reason, kept in
    the audit record, is what HR reads beside it (HR may ask again with more)."""
    may_decide(actor, assignment, version)
    reason = reason.strip()
    if not reason or len(reason) > 500:
        raise Invalid(N_("say why, in at most 500 characters: HR reads it"),
                      {"fields": {"reason": "required"}})
    before = snapshot(assignment)
    assignment.status = "ended"
    assignment.effective_to = max(local_date(now), assignment.effective_from)
    _flush_versioned()
    audit.record(actor, SENT_BACK, assignment, before=before,
                 after={**snapshot(assignment), "reason": reason})


def sent_back_notes(assignment_ids: list[int]) -> dict[int, tuple[str, int | None, datetime]]:
    """For requests an executive sent back: (reason, who, when) by assignment id."""
    if not assignment_ids:
        return {}
    rows = db.session.scalars(select(audit.AuditEvent).where(
        audit.AuditEvent.action == SENT_BACK, audit.AuditEvent.target_type == "assignment",
        audit.AuditEvent.target_id.in_(assignment_ids)))
    return {e.target_id: (str((e.after or {}).get("reason", "")), e.actor_id, e.at)
            for e in rows if e.target_id is not None}


def update(actor: User, assignment: Assignment, version: int, share: int, order_ref: str,
           ) -> None:
    """Change share or order reference, refusing a stale edit."""
    _expect_version(assignment, version)
    if assignment.status == "ended":
        raise Conflict(N_("an ended assignment cannot be changed"))
    db.session.execute(select(Lao.id).where(Lao.id == assignment.lao_id).with_for_update())
    _check_shares(assignment.lao_id, assignment.subsystem, share, exclude=assignment.id)
    before = snapshot(assignment)
    assignment.share_percent, assignment.order_ref = share, order_ref.strip() or \
        assignment.order_ref
    _flush_versioned()
    audit.record(actor, "assignment.update", assignment, before=before,
                 after=snapshot(assignment))


def end(actor: User | None, assignment: Assignment, on: date, version: int | None = None,
        action: str = "assignment.end") -> None:
    _expect_version(assignment, version)
    if assignment.status == "ended":
        return
    before = snapshot(assignment)
    assignment.status, assignment.effective_to = "ended", max(on, assignment.effective_from)
    _flush_versioned()
    audit.record(actor, action, assignment, before=before, after=snapshot(assignment))


def end_all_in_lao(actor: User, person_id: int, lao_id: int, on: date,
                   action: str = "assignment.end_by_transfer") -> int:
    """A transfer (or a departure) ends every open assignment of the person in the LAO."""
    open_ones = list(db.session.scalars(select(Assignment).where(
        Assignment.user_id == person_id, Assignment.lao_id == lao_id,
        Assignment.status.in_(OPEN_STATUSES))))
    for assignment in open_ones:
        end(actor, assignment, on, action=action)
    return len(open_ones)


def _flush_versioned() -> None:
    try:
        db.session.flush()
    except StaleDataError as exc:  # the row changed between our read and our write
        raise StaleVersion(N_("someone else changed this assignment; reload and try again")) \
            from exc
