"""Business verbs for LAOs and staff: create, import, transfer. Flush, never commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from flask import current_app
from sqlalchemy import insert, select

from app import audit
from app.auth.models import User
from app.db import utcnow
from app.errors import N_, Conflict, Invalid, InvalidRows, NotFound
from app.extensions import db
from app.org import national_id
from app.org.grants import may_grant_directly, request_role
from app.org.importer import ParsedFile, RowProblem, StaffRow
from app.org.models import (
    GRANT_ROLES,
    LAO_TYPES,
    SIZE_CLASSES,
    District,
    Lao,
    StaffTransfer,
    Unit,
)
from app.org.transfers import move_person

_CHUNK = 500


def create_lao(actor: User, code: str, name: str, type_: str, size_class: str,
               district_id: int) -> Lao:
    """Register a new LAO; its code must be new and agree with its district."""
    problems: dict[str, str] = {}
    district = db.session.get(District, district_id)
    if district is None:
        problems["district_id"] = N_("unknown district")
    if not (len(code) == 7 and code.isdigit()):
        problems["code"] = N_("code must be 7 digits")
    elif district is not None and code[1:5] != district.code:
        problems["code"] = (
            f"digits 2-5 of the code must be the district's DOPA code {district.code}"
        )
    if type_ not in LAO_TYPES:
        problems["type"] = "type must be one of " + ", ".join(LAO_TYPES)
    if size_class not in SIZE_CLASSES:
        problems["size_class"] = N_("size_class must be S, M or L")
    if not name.strip():
        problems["name"] = N_("name is required")
    if problems:
        raise Invalid(N_("invalid LAO"), {"fields": problems})
    if db.session.scalar(select(Lao.id).where(Lao.code == code)) is not None:
        raise Conflict(N_("an LAO with this code already exists"))
    lao = Lao(code=code, name=name.strip(), type=type_, size_class=size_class,
              district_id=district_id)
    db.session.add(lao)
    db.session.flush()
    audit.record(actor, "lao.create", lao, lao_id=lao.id,
                 after={"code": code, "name": lao.name, "type": type_})
    return lao


def _in_chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _existing_people(rows: list[StaffRow], key: str) -> tuple[dict[str, User], dict[str, User]]:
    """Users already registered under the file's usernames and national-ID hashes."""
    names = sorted({r.username for r in rows if r.username})
    hashes = sorted({national_id.keyed_hash(r.national_id, key) for r in rows if r.national_id})
    by_name: dict[str, User] = {}
    by_hash: dict[str, User] = {}
    for chunk in _in_chunks(names):
        for user in db.session.scalars(select(User).where(User.username.in_(chunk))):
            by_name[user.username] = user
    for chunk in _in_chunks(hashes):
        for user in db.session.scalars(select(User).where(User.national_id_hash.in_(chunk))):
            by_hash[user.national_id_hash or ""] = user
    return by_name, by_hash


# one answer whether or not the person or name is known elsewhere: the import must not
# become a way to find out who works in which LAO
NOT_HERE_ID = N_("This national ID cannot be imported here. If the person is moving in "
                 "from elsewhere, ask for a transfer.")
NOT_HERE_NAME = N_("This username cannot be used: choose another.")
NAME_OF_ANOTHER = N_("This username belongs to another person in this LAO: give this person "
                     "their own.")
MAX_LISTED = 200  # problems listed in one answer; details.count says how many in all


def _match(row: StaffRow, lao: Lao, by_name: dict[str, User], by_hash: dict[str, User],
           key: str) -> tuple[User | None, list[RowProblem]]:
    """The person this row updates (or None for a new one), or the reasons it cannot."""
    named = by_name.get(row.username)
    identified = by_hash.get(national_id.keyed_hash(row.national_id, key))
    problems = []
    who = row.full_name or row.username

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(row.row, column, message, name=who))

    if identified is not None and identified.lao_id != lao.id:
        problem("national_id", NOT_HERE_ID)
    if named is not None and named.lao_id != lao.id:
        problem("username", NOT_HERE_NAME)
    if (not problems and named is not None and identified is not None
            and named.id != identified.id):
        problem("username", NAME_OF_ANOTHER)
    return (identified or named), problems


def _units_for(lao: Lao, matches: list[tuple[StaffRow, User | None]]) -> dict[str, Unit]:
    """The LAO's units by name, with the ones the file names for the first time added."""
    units = {u.name: u for u in db.session.scalars(select(Unit).where(Unit.lao_id == lao.id))}
    for name in {row.unit for row, _person in matches if row.unit} - set(units):
        units[name] = Unit(lao_id=lao.id, name=name)
        db.session.add(units[name])
    db.session.flush()  # the new units get their ids
    return units


class ImportCounts(NamedTuple):
    created: int
    updated: int
    pending_roles: int  # hr or executive asked for by HR, waiting for a second party


def _refuse(problems: list[RowProblem]) -> InvalidRows:
    """The 422: the first problems by row (a file of 5,000 bad rows must not answer
    megabytes), and how many there are in all."""
    problems.sort(key=lambda p: (p.row, p.column))
    return InvalidRows(N_("some rows are invalid; nothing was imported"),
                       {"rows": [p.as_dict() for p in problems[:MAX_LISTED]],
                        "count": len(problems)})


def _matches(lao: Lao, parsed: ParsedFile, key: str) -> list[tuple[StaffRow, User | None]]:
    """Each good row with the person it updates; every problem at once, or InvalidRows."""
    problems = list(parsed.problems)
    bad_rows = {p.row for p in parsed.problems}
    by_name, by_hash = _existing_people(parsed.rows, key)
    matches: list[tuple[StaffRow, User | None]] = []
    for row in parsed.rows:
        if row.row in bad_rows:
            continue
        person, row_problems = _match(row, lao, by_name, by_hash, key)
        problems.extend(row_problems)
        matches.append((row, person))
    if problems:
        raise _refuse(problems)
    return matches


def _set_role(actor: User | None, person: User, role: str,
              asked: list[tuple[User, str]]) -> None:
    """An administrator's file sets roles; HR's file asks for hr or executive (the person
    is created or kept as they are until a second party confirms) and may set officer."""
    if role == person.role:
        return
    if role in GRANT_ROLES and not may_grant_directly(actor):
        asked.append((person, role))  # a new person starts as an officer
        return
    if person.id is not None:
        audit.record(actor, "user.role_change", person,
                     before={"role": person.role}, after={"role": role})
    person.role = role


def _update(actor: User | None, person: User, row: StaffRow, unit: Unit | None, key: str,
            asked: list[tuple[User, str]]) -> None:
    person.username = row.username
    digest = national_id.keyed_hash(row.national_id, key) if row.national_id else None
    if digest is not None and digest != person.national_id_hash:
        # matched by username: the file corrects the national ID HR typed before
        audit.record(actor, "user.national_id_change", person,
                     before={"national_id_last4": person.national_id_last4},
                     after={"national_id_last4": national_id.last4(row.national_id)})
        person.national_id_hash = digest
        person.national_id_last4 = national_id.last4(row.national_id)
    _set_role(actor, person, row.role, asked)
    person.full_name = row.full_name
    person.position = row.position or None
    person.unit_id = unit.id if unit else None  # the id: no load of the old unit per person
    if (row.email or None) != person.email:
        person.email = row.email or None
        person.email_confirmed_at = None  # a new address is HR's word until confirmed


def _create(actor: User | None, lao: Lao, rows: list[tuple[StaffRow, Unit | None]],
            key: str, asked: list[tuple[User, str]]) -> None:
    """New people in one multi-row INSERT (thousands of ORM objects cost seconds on
    PostgreSQL); a new person asked for as hr or executive starts as an officer."""
    direct = may_grant_directly(actor)
    db.session.execute(insert(User), [{
        "lao_id": lao.id, "username": row.username, "full_name": row.full_name,
        "role": row.role if direct else "officer", "status": "active",
        "national_id_hash": national_id.keyed_hash(row.national_id, key),
        "national_id_last4": national_id.last4(row.national_id),
        "position": row.position or None, "unit_id": unit.id if unit else None,
        "email": row.email or None, "session_epoch": 0, "created_at": utcnow(),
    } for row, unit in rows])
    if direct:
        return
    roles = {row.username: row.role for row, _unit in rows if row.role in GRANT_ROLES}
    for person in db.session.scalars(select(User).where(User.username.in_(list(roles)))):
        asked.append((person, roles[person.username]))


def import_staff(actor: User | None, lao: Lao, parsed: ParsedFile) -> ImportCounts:
    """Create or update every row, or nothing at all when any row is bad."""
    key = current_app.config["NATIONAL_ID_KEY"]
    matches = _matches(lao, parsed, key)
    units = _units_for(lao, matches)
    asked: list[tuple[User, str]] = []
    fresh: list[tuple[StaffRow, Unit | None]] = []
    for row, person in matches:
        unit = units[row.unit] if row.unit else None
        if person is None:
            fresh.append((row, unit))
        else:
            _update(actor, person, row, unit, key, asked)
    db.session.flush()
    if fresh:
        _create(actor, lao, fresh, key, asked)
    for person, role in asked:
        assert actor is not None  # only HR's files ask
        request_role(actor, person, role)
    created, updated = len(fresh), len(matches) - len(fresh)
    audit.record(actor, "staff.import", lao, lao_id=lao.id,
                 after={"created": created, "updated": updated, "pending_roles": len(asked),
                        "rows": len(parsed.rows)})
    return ImportCounts(created, updated, len(asked))


def transfer_user(actor: User, person: User, to_lao_id: int, effective_from: date,
                  today: date) -> StaffTransfer:
    """An administrator moves a staff member at once (the two-party flow is
    app.org.transfers); the same consequences as a completed request."""
    destination = db.session.get(Lao, to_lao_id)
    if destination is None:
        raise NotFound(N_("destination LAO not found"))
    if person.lao_id is None:
        raise Invalid(N_("only LAO staff can be transferred"), {"fields": {"user_id": "not staff"}})
    if person.lao_id == destination.id:
        raise Conflict(N_("the person already belongs to this LAO"))
    if effective_from > today:
        raise Invalid(N_("a transfer cannot take effect in the future"),
                      {"fields": {"effective_from": "must be today or earlier"}})
    return move_person(actor, person, destination, effective_from, utcnow())
