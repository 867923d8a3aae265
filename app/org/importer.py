"""Reading a staff file (CSV or XLSX) into plain rows, and checking each row on its own.

Pure: no database. Rules that need the database (usernames taken in another LAO, people
already registered elsewhere) are checked in services.import_staff.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from flask_babel import gettext

from app.errors import N_
from app.org import national_id

COLUMNS = ("username", "national_id", "full_name", "position", "unit", "role", "email")
REQUIRED = ("username", "national_id", "full_name", "role")
IMPORT_ROLES = ("officer", "hr", "executive")
# the column names HR types in Thai (the template file has them), beside the English ones
THAI_COLUMNS = {
    "ชื่อผู้ใช้": "username", "เลขประจำตัวประชาชน": "national_id",
    "ชื่อ-นามสกุล": "full_name", "ชื่อ นามสกุล": "full_name", "ชื่อและนามสกุล": "full_name",
    "ตำแหน่ง": "position", "สังกัด": "unit", "หน่วยงาน": "unit", "บทบาท": "role",
    "อีเมล": "email", "อีเมล์": "email",
}
TEMPLATE_HEADER = ("ชื่อผู้ใช้", "เลขประจำตัวประชาชน", "ชื่อ-นามสกุล", "ตำแหน่ง", "สังกัด",
                   "บทบาท", "อีเมล")
# roles as HR says them; the codes still work
THAI_ROLES = {"เจ้าหน้าที่": "officer", "ฝ่ายบุคคล": "hr", "งานบุคคล": "hr",
              "เจ้าหน้าที่ฝ่ายบุคคล": "hr", "ผู้บริหาร": "executive"}
# each column as the Thai UI names it: the catalogue gives exactly the template's Thai header
# (a test holds them together), the English UI the English name
COLUMN_NAMES = {
    "username": N_("Username"), "national_id": N_("National ID"),
    "full_name": N_("Full name"), "position": N_("Position"), "unit": N_("Unit"),
    "role": N_("Role"), "email": N_("E-mail"), "file": N_("file"),
}
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_ROWS = 5000  # data rows in one file: a large municipality's whole staff, many times over


@dataclass
class RowProblem:
    """One problem of one row. `message` is an English msgid (formatted with `params` and
    translated when shown) or, for problems worded elsewhere, the finished text."""

    row: int  # data rows count from 1; 0 means the file as a whole
    column: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    name: str = ""  # the person the row is about: their name, else their username

    def text(self) -> str:
        """The message in the language of the request (the catalogue's, or as written)."""
        return gettext(self.message, **self.params)

    def as_dict(self) -> dict[str, Any]:
        """The API's row problem (row, column, message), with what a person needs to find
        it: the row as Excel numbers it (the header is row 1), the name, the column's name."""
        names = [gettext(COLUMN_NAMES[c]) if c in COLUMN_NAMES else c
                 for c in self.column.split(",")]
        return {"row": self.row, "column": self.column, "message": self.text(),
                "excel_row": self.row + 1 if self.row else None, "name": self.name,
                "column_name": ", ".join(names)}


@dataclass
class StaffRow:
    row: int
    username: str
    national_id: str
    full_name: str
    position: str
    unit: str
    role: str
    email: str


@dataclass
class ParsedFile:
    rows: list[StaffRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


class FileProblem(Exception):
    """The file as a whole cannot be read (encoding, format, missing columns)."""

    def __init__(self, column: str, message: str, **params: Any) -> None:
        # worded at once in the request's language: the whole-file answer (413, 422) carries
        # this text as its message too
        text = gettext(message, **params)
        super().__init__(text)
        self.problem = RowProblem(0, column, text)


class TooManyRows(FileProblem):
    """More data rows than one import takes (answered 413, like a file over 2 MB)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel turns a 13-digit ID into a number
    return str(value).strip()


def _read_csv(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem("file", N_("The file is not saved as UTF-8: in Excel, save it as "
                                     "\"CSV UTF-8\" or as .xlsx.")) from exc

    def rows() -> Iterator[list[str]]:
        try:
            for row in csv.reader(io.StringIO(text)):
                yield [_cell(c) for c in row]
        except csv.Error as exc:  # a cell over 128 KB, a stray quote at the very end
            raise FileProblem("file", N_("The CSV file cannot be read: save it again from "
                                         "Excel as \"CSV UTF-8\".")) from exc

    return rows()


def _read_xlsx(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise FileProblem("file", N_("The Excel file cannot be read: open it in Excel and "
                                     "save it again as .xlsx.")) from exc

    def rows() -> Iterator[list[str]]:
        try:
            for row in book.worksheets[0].iter_rows(values_only=True):
                yield [_cell(c) for c in row]
        finally:
            book.close()

    return rows()


def read_table(filename: str, data: bytes) -> Iterator[list[str]]:
    """Rows of cells from a CSV or XLSX file, chosen by content, not only by name; read
    as they are needed, so a file over the row limit is refused without reading it all."""
    if data.startswith(b"PK") or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def parse_staff_file(filename: str, data: bytes) -> ParsedFile:
    """Parse and check every row; raises FileProblem when the file cannot be used at all.
    Linear in rows: each check looks at one row, duplicates are found through dictionaries."""
    filled = (row for row in read_table(filename, data) if any(cell for cell in row))
    table = list(islice(filled, MAX_ROWS + 2))  # the header, the limit, and one more
    if not table:
        raise FileProblem("file", N_("The file is empty: it has no header row."))
    if len(table) > MAX_ROWS + 1:
        raise TooManyRows("file", N_("The file has more than %(limit)s rows: split it into "
                                     "several files."), limit=f"{MAX_ROWS:,}")
    header = [THAI_COLUMNS.get(" ".join(h.split()), h.strip().lower()) for h in table[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise FileProblem(
            ",".join(missing),
            N_("These columns are missing: %(columns)s. Start from the empty file to fill in, "
               "which has them all."),
            columns=", ".join(gettext(COLUMN_NAMES[c]) for c in missing),
        )
    index = {name: header.index(name) for name in COLUMNS}
    parsed = ParsedFile()
    for number, cells in enumerate(table[1:], start=1):
        values = {
            name: cells[i] if i < len(cells) else "" for name, i in index.items()
        }
        row = StaffRow(
            row=number,
            username=values["username"].lower(),
            national_id=national_id.normalize(values["national_id"]),
            full_name=" ".join(values["full_name"].split()),
            position=values["position"],
            unit=values["unit"],
            role=THAI_ROLES.get(values["role"].strip(), values["role"].strip().lower()),
            email=values["email"],
        )
        parsed.problems.extend(check_row(row))
        parsed.rows.append(row)
    parsed.problems.extend(_duplicates(parsed.rows))
    return parsed


def _who(row: StaffRow) -> str:
    return row.full_name or row.username


def check_row(row: StaffRow) -> list[RowProblem]:
    """Problems of one row taken alone, each saying what to type instead."""
    problems = []

    def problem(column: str, message: str, **params: Any) -> None:
        problems.append(RowProblem(row.row, column, message, params, _who(row)))

    for name in REQUIRED:
        if not getattr(row, name):
            problem(name, N_("The cell is empty: fill it in."))
    if row.username and not USERNAME_RE.match(row.username):
        problem("username", N_("Use only a-z, 0-9 and . _ - (3 to 60 characters), "
                               "e.g. somchai.j"))
    wrong_id = national_id.problem(row.national_id) if row.national_id else None
    if wrong_id is not None:
        problem("national_id", wrong_id[0], **wrong_id[1])
    if row.role and row.role not in IMPORT_ROLES:
        problem("role", N_("Type the role as officer, hr or executive."))
    if row.email and not EMAIL_RE.match(row.email):
        problem("email", N_("Type a whole e-mail address, e.g. name@example.org, or leave "
                            "the cell empty."))
    for column in ("full_name", "position", "unit"):
        if len(getattr(row, column)) > 200:
            problem(column, N_("Shorten it to 200 characters at most (%(count)d now)."),
                    count=len(getattr(row, column)))
    return problems


def _duplicates(rows: list[StaffRow]) -> list[RowProblem]:
    """A national ID or username seen on an earlier row, named by its row in Excel."""
    problems = []
    seen: dict[str, dict[str, int]] = {"national_id": {}, "username": {}}
    messages = {
        "national_id": N_("The same national ID is on row %(row)d: each person once only."),
        "username": N_("The same username is on row %(row)d: give each person their own."),
    }
    for row in rows:
        for column, first in seen.items():
            value = getattr(row, column)
            if not value:
                continue
            if value in first:
                problems.append(RowProblem(row.row, column, messages[column],
                                           {"row": first[value] + 1}, _who(row)))
            else:
                first[value] = row.row
    return problems
