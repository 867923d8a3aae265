"""Shared by the web and API views: reading an upload and listing staff."""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import LAO_ROLES, User
from app.errors import InvalidRows, TooLarge
from app.extensions import db
from app.org.importer import FileProblem, ParsedFile, TooManyRows, parse_staff_file
from app.org.models import Lao

UNPACKED_LIMIT = 10  # an XLSX may unpack to at most 10 times the upload limit (20 MB)


def _unpacked_size(data: bytes) -> int:
    """The size an XLSX (zip) declares for its contents; 0 for anything else."""
    if not data.startswith(b"PK"):
        return 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0  # not a readable zip: the XLSX reader says so


def read_upload(filename: str, stream: IO[bytes], max_bytes: int) -> ParsedFile:
    """Parse an uploaded staff file; 413 over the size or row limit, 422 when it cannot be
    read."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge("ไฟล์ใหญ่เกิน 2 MB (the file is over 2 MB)")
    if _unpacked_size(data) > UNPACKED_LIMIT * max_bytes:
        # an XLSX is a zip: a small file can unpack into gigabytes of sheet to parse
        raise TooLarge("ไฟล์ Excel มีข้อมูลมากเกินไปเมื่อเปิดออก — แบ่งเป็นหลายไฟล์ "
                       "(the XLSX file unpacks to too much data)")
    try:
        return parse_staff_file(filename, data)
    except TooManyRows as exc:
        raise TooLarge(exc.problem.message) from exc
    except FileProblem as exc:
        raise InvalidRows(exc.problem.message, {"rows": [exc.problem.as_dict()],
                                                "count": 1}) from exc


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
