"""Role grants: HR asks for a privileged role, a second party decides. Flush, never commit.

HR assigns duties and asks for overrides and cohort certificates; executives approve them.
If HR could make someone an executive (or HR) alone, it could approve its own requests
through an account it controls (SPEC 3). So a grant waits for an executive of the LAO who
is neither the person nor the one who asked, or for an administrator; the first executive
of an LAO can therefore only come from an administrator.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from app import audit
from app.access import is_approver
from app.auth.models import User
from app.auth.services import void_resets
from app.errors import N_, Conflict, Forbidden
from app.extensions import db
from app.org.models import GRANT_ROLES, RoleGrant


def may_grant_directly(actor: User | None) -> bool:
    """An administrator (or the platform itself, from the command line) sets roles at once."""
    return actor is None or actor.role == "admin"


def snapshot(grant: RoleGrant) -> dict[str, Any]:
    return {"user_id": grant.user_id, "role": grant.role, "status": grant.status,
            "requested_by": grant.requested_by_id, "decided_by": grant.decided_by_id}


def request_role(actor: User, person: User, role: str) -> RoleGrant:
    """Ask that a person of the LAO become hr or executive; asking again while a request
    waits replaces what it asks for, so one request per person is ever open."""
    assert role in GRANT_ROLES
    assert person.lao_id is not None
    grant = db.session.scalar(select(RoleGrant).where(RoleGrant.user_id == person.id,
                                                      RoleGrant.status == "pending"))
    if grant is None:
        grant = RoleGrant(lao_id=person.lao_id, user_id=person.id, role=role,
                          requested_by_id=actor.id, status="pending")
        db.session.add(grant)
        db.session.flush()
        audit.record(actor, "role_grant.request", grant, after=snapshot(grant))
    elif (grant.role, grant.requested_by_id) != (role, actor.id):
        before = snapshot(grant)
        grant.role, grant.requested_by_id = role, actor.id
        db.session.flush()
        audit.record(actor, "role_grant.request", grant, before=before, after=snapshot(grant))
    return grant


def require_reader(actor: User, lao_id: int) -> None:
    """HR and executives of the LAO see its requests (HR to follow them up, executives to
    decide), and administrators; nobody else (supervisors only read dashboards)."""
    if actor.role == "admin" or (actor.role in {"hr", "executive"} and actor.lao_id == lao_id):
        return
    raise Forbidden(N_("your role may not see this LAO's role requests"))


def may_decide(actor: User, grant: RoleGrant) -> bool:
    """An executive of the grant's LAO or an administrator, and a second party: never the
    person themself nor whoever asked."""
    return is_approver(actor, grant.lao_id) and actor.id not in (grant.user_id,
                                                                 grant.requested_by_id)


def decide(actor: User, grant: RoleGrant, confirm: bool, now: datetime) -> None:
    """Confirm (the person takes the role) or refuse a pending grant."""
    if not is_approver(actor, grant.lao_id):
        raise Forbidden(N_("only an executive of this LAO or an administrator decides on a "
                           "role"))
    if actor.id in (grant.user_id, grant.requested_by_id):
        raise Forbidden(N_("a role is decided by a second person: not the person it is for, "
                           "nor the one who asked for it"))
    if grant.status != "pending":
        raise Conflict(N_("this request was already decided"))
    before = snapshot(grant)
    person = grant.user
    if confirm:
        if person.lao_id != grant.lao_id or not person.is_active:
            raise Conflict(N_("the person is no longer staff of this LAO"))
        audit.record(actor, "user.role_change", person, lao_id=grant.lao_id,
                     before={"role": person.role}, after={"role": grant.role})
        person.role = grant.role
        # a code HR issued while the person was an officer must not open the new account
        void_resets(person.id, now, ("code",))
    grant.status = "confirmed" if confirm else "refused"
    grant.decided_by_id, grant.decided_at = actor.id, now
    db.session.flush()
    audit.record(actor, "role_grant.confirm" if confirm else "role_grant.refuse", grant,
                 before=before, after=snapshot(grant))


def grants_of(lao_id: int, limit: int = 100) -> list[RoleGrant]:
    """The LAO's requests: open ones first, then the most recent decisions."""
    return list(db.session.scalars(
        select(RoleGrant).where(RoleGrant.lao_id == lao_id)
        .options(selectinload(RoleGrant.user), selectinload(RoleGrant.requested_by))
        .order_by(case((RoleGrant.status == "pending", 0), else_=1), RoleGrant.id.desc())
        .limit(limit)))


def pending_count(lao_id: int) -> int:
    return int(db.session.scalar(select(func.count(RoleGrant.id)).where(
        RoleGrant.lao_id == lao_id, RoleGrant.status == "pending")) or 0)


def withdraw_pending(actor: User | None, person_id: int, now: datetime) -> int:
    """A person leaving the LAO takes no open role request along: it is withdrawn (nobody
    decided it), so no executive of the old LAO can confirm it afterwards."""
    open_ones = list(db.session.scalars(select(RoleGrant).where(
        RoleGrant.user_id == person_id, RoleGrant.status == "pending")))
    for grant in open_ones:
        before = snapshot(grant)
        grant.status, grant.decided_at = "withdrawn", now
        db.session.flush()
        audit.record(actor, "role_grant.withdraw", grant, before=before, after=snapshot(grant))
    return len(open_ones)
