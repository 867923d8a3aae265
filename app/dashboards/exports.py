"""Roll-up exports: CSV, XLSX and a printable PDF with a Buddhist Era date."""

from __future__ import annotations

import io
from datetime import datetime

from flask import render_template

from app.dashboards.report import Report
from app.dates import local_date, thai_date
from app.downloads import append_as_text, csv_bytes
from app.pdf import render_pdf

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "pdf": "application/pdf"}
HEADER = ["รหัส อปท.", "ชื่อ อปท.", "อำเภอ", "จังหวัด", "ความครอบคลุม (%)",
          "ผู้บริหารเรียนหลักสูตรบังคับ (%)", "ระบบที่มีผู้ใช้ได้ไม่ถึง 2 คน",
          "งานตามกำหนดที่ทำทันกำหนดใน 12 เดือน (%)", "งานตามกำหนดที่เลยกำหนดและยังไม่ทำ"]


def table(report: Report) -> list[list[object]]:
    """The rows as exported; an LAO with no duty due in the last 12 months has no on-time
    share (an empty cell, not 0 %)."""
    return [HEADER] + [[r.code, r.name, r.district, r.province,
                        round(r.coverage_ratio * 100), round(r.mandatory_compliance * 100),
                        r.flags,
                        "" if r.on_time_share is None else round(r.on_time_share * 100),
                        r.overdue] for r in report.rows]


def area_title(report: Report) -> str:
    """Which area the roll-up covers, as the printed page names it."""
    if report.level == "country" or not report.rows:
        return "ทั้งประเทศ"
    first = report.rows[0]
    if report.level == "province":
        return f"จังหวัด{first.province}"
    return f"อำเภอ{first.district} จังหวัด{first.province}"


def render(fmt: str, report: Report, now: datetime) -> bytes:
    rows = table(report)
    if fmt == "csv":
        return csv_bytes(rows)
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        append_as_text(sheet, rows)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "C2"
        binary = io.BytesIO()
        book.save(binary)
        return binary.getvalue()
    html = render_template("dashboards/rollup_pdf.html", report=report, rows=rows,
                           printed=thai_date(local_date(now)), area=area_title(report))
    return render_pdf(html, "@page { size: A4 landscape; margin: 12mm; "
                            "@bottom-right { content: 'หน้า ' counter(page); } } "
                            "body { font-size: 9.5pt; } table { border-collapse: collapse; "
                            "width: 100%; } td, th { border: 0.5pt solid #777; "
                            "padding: 2pt 4pt; } th { background: #dde6f2; }")
