"""Who may open a certificate PDF: the holder, HR or an executive of the holder's LAO, admin."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.certification.models import Certificate
from app.errors import N_, NotFound
from app.extensions import db


def get_certificate_or_404(serial: str, actor: User) -> Certificate:
    cert = db.session.scalar(select(Certificate).where(Certificate.serial == serial))
    if cert is None:
        raise NotFound(N_("certificate not found"))
    holder = db.session.get(User, cert.user_id)
    allowed = (actor.role == "admin" or actor.id == cert.user_id or (
        actor.role in {"hr", "executive"} and holder is not None
        and holder.lao_id is not None and holder.lao_id == actor.lao_id))
    if not allowed:
        raise NotFound(N_("certificate not found"))  # never tell whether the serial exists
    return cert
