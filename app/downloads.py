"""File responses: exports download as attachments, certificates open inline."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response


def file_response(data: bytes | str, mimetype: str, filename: str,
                  inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


# a cell a spreadsheet would run as a formula (=HYPERLINK(...), +cmd|...): names come from
# HR's imports, so they are data, never code
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A text cell for CSV that Excel and LibreOffice show as text instead of running it."""
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV with a BOM (so Excel shows Thai), every text cell formula-safe."""
    out = io.StringIO()
    csv.writer(out).writerows([csv_safe(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def append_as_text(sheet: Any, rows: Iterable[Sequence[object]]) -> None:
    """Rows into an openpyxl sheet; a text starting with "=" stays text, not a formula."""
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
