"""Shared by the web and API views: reading an upload and listing staff."""

from __future__ import annotations

from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import LAO_ROLES, User
from app.errors import InvalidRows, TooLarge
from app.extensions import db
from app.org.importer import FileProblem, ParsedFile, parse_staff_file
from app.org.models import Lao


def read_upload(filename: str, stream: IO[bytes], max_bytes: int) -> ParsedFile:
    """Parse an uploaded staff file; 413 over the limit, 422 when it cannot be read."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge("ไฟล์ใหญ่เกิน 2 MB (the file is over 2 MB)")
    try:
        return parse_staff_file(filename, data)
    except FileProblem as exc:
        raise InvalidRows(exc.problem.message, {"rows": [exc.problem.as_dict()]}) from exc


def staff_of(lao: Lao, *, active_only: bool = False) -> list[User]:
    """The LAO's staff by name; active_only leaves out people who left (for choosing whom
    to give a duty or a certificate, or whose work to count)."""
    stmt = select(User).where(User.lao_id == lao.id, User.role.in_(LAO_ROLES))
    if active_only:
        stmt = stmt.where(User.status == "active")
    return list(db.session.scalars(
        stmt.options(selectinload(User.unit)).order_by(User.full_name)))


def staff_rows(lao: Lao) -> list[dict[str, Any]]:
    return [{
        "id": u.id, "username": u.username, "full_name": u.full_name,
        "position": u.position, "unit": u.unit.name if u.unit else None, "role": u.role,
        "national_id_last4": u.national_id_last4, "status": u.status,
    } for u in staff_of(lao)]
