"""Register exports: CSV, XLSX (formatted, frozen panes) and a printable PDF."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from flask import render_template

from app.dates import local_date, thai_date
from app.downloads import append_as_text, csv_bytes
from app.org.models import Lao
from app.pdf import render_pdf
from app.register.register import Coverage, Row
from app.subsystems import CODES, SUBSYSTEMS

FLAG_TH = {"no_competent": "ไม่มีผู้ใช้ระบบได้", "single_competent": "มีผู้ใช้ได้คนเดียว",
           "assignee_not_competent": "ผู้รับผิดชอบระดับไม่ถึง", "expiring_soon": "ผลใกล้หมดอายุ"}
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "pdf": "application/pdf"}


def _cell(cell: dict[str, Any]) -> str:
    marker = {"primary": " P", "backup": " B"}.get(cell["assignment"] or "", "")
    return f"{cell['level']}{marker}"


def table(rows: list[Row]) -> list[list[str]]:
    header = ["ชื่อ-สกุล", "ตำแหน่ง", "สังกัด"] + [s.name_en for s in SUBSYSTEMS]
    body = [[r.user.full_name, r.user.position or "", r.user.unit.name if r.user.unit else ""]
            + [_cell(r.cells[c]) for c in CODES] for r in rows]
    return [header, *body]


def flags_th(cov: Coverage) -> str:
    return ", ".join(FLAG_TH[f] for f in cov.flags)


def _csv(rows: list[Row]) -> bytes:
    return csv_bytes(table(rows))


def _xlsx(lao: Lao, rows: list[Row], coverage: dict[str, Coverage]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "register"
    append_as_text(sheet, table(rows))
    sheet.append([])
    sheet.append(["สิ่งที่ต้องดูแล", "", ""] + [flags_th(coverage[c]) for c in CODES])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0B4F9C")
    sheet.freeze_panes = "B2"
    for column, width in zip("ABCDEFGHI", (30, 28, 28, 10, 10, 10, 10, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4 landscape; margin: 14mm;
        @bottom-right { content: "หน้า " counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-size: 10pt; }
h1 { font-size: 15pt; margin: 0 0 4pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #777; padding: 2pt 4pt; }
tr { break-inside: avoid; }  /* a person's row never splits across two pages */
th { background: #dde6f2; }
td.n { text-align: center; white-space: nowrap; }
.sys { white-space: nowrap; }
"""


def render(fmt: str, lao: Lao, rows: list[Row], coverage: dict[str, Coverage],
           now: datetime) -> tuple[bytes, str]:
    if fmt == "csv":
        return _csv(rows), FORMATS[fmt]
    if fmt == "xlsx":
        return _xlsx(lao, rows, coverage), FORMATS[fmt]
    html = render_template("register/register_pdf.html", lao=lao, table=table(rows),
                           flags=[flags_th(coverage[c]) for c in CODES],
                           printed=thai_date(local_date(now)))
    return render_pdf(html, PDF_CSS), FORMATS[fmt]
