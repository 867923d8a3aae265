"""THE place for LAO isolation: every LAO-owned read is scoped here.

Officers, HR and executives see their own LAO; supervisors see every LAO in their district,
province or the country; admins see everything. Rows outside the caller's scope answer 404
(never 403) so ids cannot be probed.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, false, select, true

from app.auth.models import User
from app.errors import N_, Forbidden, NotFound
from app.extensions import db
from app.org.models import District, Lao

M = TypeVar("M")


def lao_condition(actor: User) -> ColumnElement[bool]:
    """A WHERE clause on Lao that keeps only the LAOs the actor may see."""
    if actor.role == "admin":
        return true()
    if actor.role == "supervisor":
        if actor.scope_level == "country":
            return true()
        if actor.scope_level == "province":
            in_province = select(District.id).where(District.province_id == actor.scope_area_id)
            return Lao.district_id.in_(in_province)
        if actor.scope_level == "district":
            return Lao.district_id == actor.scope_area_id
        return false()
    if actor.lao_id is None:
        return false()
    return Lao.id == actor.lao_id


def visible_lao_ids(actor: User) -> Select[Any]:
    return select(Lao.id).where(lao_condition(actor))


def scoped(stmt: Select[Any], model: Any, actor: User) -> Select[Any]:
    """Restrict a select over an LAO-owned model to the actor's scope."""
    if actor.role == "admin":
        return stmt
    return stmt.where(model.lao_id.in_(visible_lao_ids(actor)))


def get_lao_or_404(lao_id: int, actor: User) -> Lao:
    """Load an LAO the actor may see, or 404."""
    lao = db.session.scalar(select(Lao).where(Lao.id == lao_id, lao_condition(actor)))
    if lao is None:
        raise NotFound(N_("LAO not found"))
    return lao


def get_in_scope_or_404(model: type[M], obj_id: int, actor: User) -> M:
    """Load an LAO-owned row by id only inside the actor's scope, or 404."""
    stmt = scoped(select(model).where(model.id == obj_id), model, actor)  # type: ignore[attr-defined]
    obj = db.session.scalar(stmt)
    if obj is None:
        raise NotFound(N_("not found"))
    return obj


def get_user_in_scope_or_404(user_id: int, actor: User) -> User:
    """A user the actor may see: themself, or staff of an LAO in scope."""
    if user_id == actor.id:
        return actor
    if actor.role == "admin":
        user = db.session.get(User, user_id)
        if user is None:
            raise NotFound(N_("user not found"))
        return user
    return get_in_scope_or_404(User, user_id, actor)


def is_lao_manager(actor: User, lao_id: int | None) -> bool:
    """HR of that LAO, or an admin: may change its staff."""
    return actor.role == "admin" or (actor.role == "hr" and actor.lao_id == lao_id)


def is_approver(actor: User, lao_id: int | None) -> bool:
    """An executive of that LAO, or an admin: may approve what HR asks for beyond the rules
    (an override, a cohort's certificates)."""
    return actor.role == "admin" or (actor.role == "executive" and actor.lao_id == lao_id)


def require_lao_manager(actor: User, lao_id: int | None) -> None:
    if not is_lao_manager(actor, lao_id):
        raise Forbidden(N_("only HR of this LAO or an admin may do this"))


def require_staff_reader(actor: User, lao_id: int) -> None:
    """HR, executive of that LAO, supervisors in scope (already checked) and admins."""
    if actor.role in {"admin", "supervisor"}:
        return
    if actor.role in {"hr", "executive"} and actor.lao_id == lao_id:
        return
    raise Forbidden(N_("your role may not see this LAO's staff"))


def require_role(actor: User, *roles: str) -> None:
    if actor.role not in roles:
        raise Forbidden(N_("your role may not do this"))
