"""Which roll-up areas a supervisor may open: inside their scope, else 404."""

from __future__ import annotations

from sqlalchemy import true

from app.auth.models import User
from app.dashboards.rollups import Area
from app.errors import N_, Forbidden, NotFound
from app.extensions import db
from app.org.models import District, Province


def resolve_area(actor: User, level: str, area_id: str) -> Area:
    """The area, if the actor's scope covers it; officers, HR and executives get 403."""
    if actor.role not in {"supervisor", "admin"}:
        raise Forbidden(N_("roll-ups are for supervisors"))
    everything = actor.role == "admin" or actor.scope_level == "country"
    if level == "country" and area_id == "th":
        if not everything:
            raise NotFound(N_("area not found"))
        return Area("country", None, true())
    if not area_id.isdigit() or level not in {"province", "district"}:
        raise NotFound(N_("area not found"))
    number = int(area_id)
    if level == "province":
        province = db.session.get(Province, number)
        allowed = everything or (actor.scope_level == "province"
                                 and actor.scope_area_id == number)
        if province is None or not allowed:
            raise NotFound(N_("area not found"))
        return Area("province", number, District.province_id == number)
    district = db.session.get(District, number)
    allowed = everything or (
        actor.scope_level == "province" and district is not None
        and district.province_id == actor.scope_area_id) or (
        actor.scope_level == "district" and actor.scope_area_id == number)
    if district is None or not allowed:
        raise NotFound(N_("area not found"))
    return Area("district", number, District.id == number)


def home_area(actor: User) -> tuple[str, str]:
    """Where a supervisor's dashboard starts."""
    if actor.role == "admin" or actor.scope_level == "country":
        return "country", "th"
    return str(actor.scope_level), str(actor.scope_area_id)
