"""Transfers between LAOs with two parties: the destination asks, the source LAO's HR or
the person releases, the move happens on its date. Flush, never commit.

One LAO's HR alone must never take over another LAO's account (SPEC 3): so until a request
is released the destination knows only a masked name, and the person stays where they are
(every scoped endpoint keeps answering the destination 404, reset codes included).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import current_app
from limits import parse as parse_limit
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app import audit
from app.auth.models import User
from app.auth.services import void_resets
from app.errors import N_, Conflict, Forbidden, Invalid, NotFound, Throttled
from app.extensions import db, limiter
from app.org import national_id
from app.org.grants import withdraw_pending
from app.org.models import OPEN_TRANSFER, Lao, StaffTransfer, TransferRequest
from app.register.assignments import end_all_in_lao

MISS = N_("no active person of another LAO has this national ID")


def mask_name(full_name: str) -> str:
    """The first letter of each word: enough to tell the right person from a typo, not
    enough to learn who works where."""
    return " ".join(word[0] + "•••" for word in full_name.split() if word) or "•••"


def spend_request_allowance(lao_id: int) -> None:
    """Requests are throttled per asking LAO (every ask counts, found or not): a national ID
    is a key to a name, so asking is not a search engine. Counted after the access check,
    so nobody outside the LAO can spend its allowance."""
    item = parse_limit(current_app.config["TRANSFER_REQUEST_LIMIT"])
    if not limiter.limiter.hit(item, "transfer-request", str(lao_id)):
        raise Throttled(N_("too many transfer requests from this LAO; try again later"))


def _person_by_national_id(raw: str, lao: Lao) -> User | None:
    key = current_app.config["NATIONAL_ID_KEY"]
    person = db.session.scalar(select(User).where(
        User.national_id_hash == national_id.keyed_hash(raw, key)))
    if (person is None or not person.is_active or person.lao_id is None
            or person.lao_id == lao.id):
        return None
    return person


def snapshot(req: TransferRequest) -> dict[str, Any]:
    return {"user_id": req.user_id, "from_lao_id": req.from_lao_id, "to_lao_id": req.to_lao_id,
            "effective_from": req.effective_from.isoformat(), "status": req.status}


def ask(actor: User, lao: Lao, raw_id: str, effective_from: date) -> TransferRequest:
    """The destination's HR asks for a person by national ID. Every miss is the same 404
    (unknown, inactive, already here); asking again returns the open request."""
    if not national_id.is_valid(raw_id):
        raise Invalid(N_("invalid fields"),
                      {"fields": {"national_id": "must be 13 digits with a valid check digit"}})
    raw_id = national_id.normalize(raw_id)
    person = _person_by_national_id(raw_id, lao)
    if person is None:
        # kept even though the request fails: repeated misses are how probing shows
        audit.record(actor, "transfer.request_miss", lao, lao_id=lao.id,
                     after={"national_id_last4": national_id.last4(raw_id)})
        raise NotFound(MISS)
    assert person.lao_id is not None
    req = db.session.scalar(select(TransferRequest).where(
        TransferRequest.user_id == person.id, TransferRequest.to_lao_id == lao.id,
        TransferRequest.status.in_(OPEN_TRANSFER)))
    if req is not None:
        return req
    req = TransferRequest(user_id=person.id, from_lao_id=person.lao_id, to_lao_id=lao.id,
                          effective_from=effective_from, status="requested",
                          requested_by_id=actor.id)
    db.session.add(req)
    db.session.flush()
    audit.record(actor, "transfer.request", req, lao_id=lao.id, after=snapshot(req))
    return req


def _hr_of(actor: User, *lao_ids: int) -> bool:
    return actor.role == "hr" and actor.lao_id in lao_ids


def is_visible(actor: User, req: TransferRequest) -> bool:
    """HR and executives of either LAO, the person, admins."""
    return (actor.role == "admin" or actor.id == req.user_id
            or (actor.role in {"hr", "executive"}
                and actor.lao_id in (req.from_lao_id, req.to_lao_id)))


def get_visible_or_404(transfer_id: int, actor: User) -> TransferRequest:
    req = db.session.get(TransferRequest, transfer_id)
    if req is None or not is_visible(actor, req):
        raise NotFound(N_("not found"))
    return req


def may_release(actor: User, req: TransferRequest) -> bool:
    """The source LAO's HR, the person themself, an admin."""
    return actor.role == "admin" or actor.id == req.user_id or _hr_of(actor, req.from_lao_id)


def may_cancel(actor: User, req: TransferRequest) -> bool:
    """HR of either LAO, an admin."""
    return actor.role == "admin" or _hr_of(actor, req.from_lao_id, req.to_lao_id)


def release(actor: User, req: TransferRequest, today: date, now: datetime) -> None:
    """The second party lets the person go; the move happens now when its date has come."""
    if not may_release(actor, req):
        raise Forbidden(N_("the person's own LAO or the person releases a transfer"))
    if req.status != "requested":
        raise Conflict(N_("this transfer request is no longer waiting for release"))
    person = req.user
    if person.lao_id != req.from_lao_id or not person.is_active:
        raise Conflict(N_("the person is no longer staff of that LAO"))
    before = snapshot(req)
    req.status, req.released_by_id, req.released_at = "released", actor.id, now
    db.session.flush()
    audit.record(actor, "transfer.release", req, lao_id=req.from_lao_id, before=before,
                 after=snapshot(req))
    if req.effective_from <= today:
        complete(actor, req, now)


def cancel(actor: User, req: TransferRequest, now: datetime) -> None:
    """HR of either LAO or an admin withdraws a request that has not happened yet."""
    if not may_cancel(actor, req):
        raise NotFound(N_("not found"))
    if req.status not in OPEN_TRANSFER:
        raise Conflict(N_("this transfer request is already done or cancelled"))
    before = snapshot(req)
    req.status, req.cancelled_by_id, req.cancelled_at = "cancelled", actor.id, now
    db.session.flush()
    audit.record(actor, "transfer.cancel", req, lao_id=req.to_lao_id, before=before,
                 after=snapshot(req))


def move_person(actor: User, person: User, destination: Lao, effective_from: date,
                now: datetime) -> StaffTransfer:
    """The person belongs to `destination` from now on, with their whole history: duties,
    secrets and roles of the old LAO stay behind."""
    assert person.lao_id is not None
    source_id = person.lao_id
    before: dict[str, Any] = {"lao_id": source_id, "role": person.role,
                              "unit_id": person.unit_id, "email_kept": True}
    end_all_in_lao(actor, person.id, source_id, effective_from)
    # a reset code or link from the old LAO's HR must not open an account that left it
    void_resets(person.id, now)
    withdraw_pending(actor, person.id, now)
    dropped_email = bool(person.email) and person.email_confirmed_at is None
    if dropped_email:  # HR of the old LAO typed it; only the person vouched for no address
        person.email = None
    move = StaffTransfer(user_id=person.id, from_lao_id=source_id, to_lao_id=destination.id,
                         effective_from=effective_from, by_id=actor.id)
    db.session.add(move)
    # HR and executive roles are duties in one LAO: the new LAO decides them again
    person.lao_id, person.unit_id, person.role = destination.id, None, "officer"
    db.session.flush()
    audit.record(actor, "user.transfer", person, lao_id=source_id, before=before,
                 after={"lao_id": destination.id, "role": "officer",
                        "effective_from": effective_from.isoformat(),
                        "email_kept": not dropped_email})
    return move


def complete(actor: User, req: TransferRequest, now: datetime) -> None:
    """Carry out a released request; other open requests for the person lapse."""
    assert req.status == "released"
    move_person(actor, req.user, req.to_lao, req.effective_from, now)
    before = snapshot(req)
    req.status, req.done_at = "done", now
    for other in db.session.scalars(select(TransferRequest).where(
            TransferRequest.user_id == req.user_id, TransferRequest.id != req.id,
            TransferRequest.status.in_(OPEN_TRANSFER))):
        other_before = snapshot(other)
        other.status, other.cancelled_by_id, other.cancelled_at = "cancelled", actor.id, now
        audit.record(actor, "transfer.cancel", other, lao_id=other.to_lao_id,
                     before=other_before, after=snapshot(other))
    db.session.flush()
    audit.record(actor, "transfer.done", req, lao_id=req.to_lao_id, before=before,
                 after=snapshot(req))


def complete_due(today: date, now: datetime) -> int:
    """Released requests whose date has come; run daily, twice is harmless."""
    due = list(db.session.scalars(select(TransferRequest).where(
        TransferRequest.status == "released", TransferRequest.effective_from <= today)
        .order_by(TransferRequest.id)))
    for req in due:
        releaser = db.session.get(User, req.released_by_id)
        assert releaser is not None
        complete(releaser, req, now)  # on behalf of whoever released it
    return len(due)


def transfers_of(lao_id: int, limit: int = 200) -> list[TransferRequest]:
    """Requests into and out of one LAO, newest first."""
    return list(db.session.scalars(
        select(TransferRequest)
        .where(or_(TransferRequest.from_lao_id == lao_id, TransferRequest.to_lao_id == lao_id))
        .options(selectinload(TransferRequest.user), selectinload(TransferRequest.from_lao),
                 selectinload(TransferRequest.to_lao))
        .order_by(TransferRequest.id.desc()).limit(limit)))


def waiting_for(person: User) -> list[TransferRequest]:
    """Requests the person may release themself (their home page)."""
    if person.lao_id is None:
        return []
    return list(db.session.scalars(
        select(TransferRequest).where(TransferRequest.user_id == person.id,
                                      TransferRequest.status == "requested",
                                      TransferRequest.from_lao_id == person.lao_id)
        .options(selectinload(TransferRequest.to_lao)).order_by(TransferRequest.id)))


def require_reader(actor: User, lao_id: int) -> None:
    """HR and executives of the LAO, admins."""
    if actor.role == "admin" or (actor.role in {"hr", "executive"} and actor.lao_id == lao_id):
        return
    raise Forbidden(N_("your role may not see this LAO's transfers"))


def as_dict(req: TransferRequest, lao_id: int | None) -> dict[str, object]:
    """One request as the LAO `lao_id` sees it (None: an admin, who sees names)."""
    destination_only = lao_id == req.to_lao_id and req.status == "requested"
    return {"id": req.id, "direction": "in" if lao_id == req.to_lao_id else "out",
            "status": req.status,
            "person": mask_name(req.user.full_name) if destination_only else req.user.full_name,
            "from_lao_id": req.from_lao_id, "to_lao_id": req.to_lao_id,
            "effective_from": req.effective_from.isoformat()}
