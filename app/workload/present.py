"""The workload analysis as the API body, a CSV file and chart geometry for the page."""

from __future__ import annotations

import csv
import io
from typing import Any

from app.downloads import csv_safe
from app.subsystems import CODES, SUBSYSTEMS
from app.workload.services import LaoWorkload, settings_dict
from app.workload.wisn import Analysis

READING_TH = {"no_workload": "ไม่มีงานในระบบนี้", "serious_shortage": "ขาดคนมาก",
              "shortage": "ขาดคน", "balanced": "พอดี", "surplus": "คนเกิน"}
FLAG_TH = {"overloaded": "งานเกินเวลาที่มี", "three_or_more_systems": "รับผิดชอบ 3 ระบบขึ้นไป",
           "only_competent": "เป็นคนเดียวที่ใช้ระบบได้"}


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def workload_body(w: LaoWorkload) -> dict[str, Any]:
    """The body of GET /laos/{lao_id}/workload (API.md), with a few added fields."""
    a = w.analysis
    return {
        "lao_id": w.lao.id,
        "size_class": w.lao.size_class,
        "awt_hours": _r(a.awt_hours, 2),
        "caf": _r(a.caf, 4),
        "settings": settings_dict(a.settings),
        "people": [{
            "user_id": p.user_id,
            "full_name": w.people[p.user_id].full_name if p.user_id in w.people else None,
            "hours_per_year": _r(p.hours, 1),
            "load_ratio": _r(p.load_ratio, 3),
            "systems": list(p.systems),
            "hours_by_system": {c: _r(h, 1) for c, h in p.hours_by_system.items()},
            "only_competent_in": list(p.only_competent_in),
            "flags": list(p.flags),
        } for p in a.people],
        "systems": {code: {
            "workload_hours": _r(s.workload_hours, 1),
            "required_staff": _r(s.required_staff, 3),
            "assigned_staff": s.assigned_staff,
            "wisn_ratio": _r(s.ratio, 3),
            "wisn_difference": _r(s.difference, 3),
            "iaf": _r(s.iaf, 4),
            "assigned_share_percent": s.assigned_share_percent,
            "reading": s.reading,
        } for code, s in a.systems.items()},
        "gini": _r(a.gini, 3),
        "max_hours": _r(a.max_hours, 1),
        "median_hours": _r(a.median_hours, 1),
        "max_to_median": _r(a.max_to_median, 2),
        "suggestions": [{
            "user_id": s.user_id, "subsystem": s.subsystem, "candidate_id": s.candidate_id,
            "hours_per_year": _r(s.hours, 1), "share_percent": _r(s.share_percent, 1),
            "trainable": list(s.trainable),
        } for s in a.suggestions],
    }


def _num(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def csv_bytes(w: LaoWorkload) -> bytes:
    """Systems, then people (heaviest first), then the fairness figures; UTF-8 with a BOM so
    Excel shows Thai."""
    a = w.analysis
    out = io.StringIO()
    sheet = csv.writer(out)
    sheet.writerow(["ระบบ", "ชั่วโมงงานต่อปี", "จำนวนคนที่ต้องการ (WISN)",
                    "จำนวนคนที่มอบหมาย", "ส่วนต่าง", "อัตราส่วน WISN", "ผลการอ่าน"])
    for s in SUBSYSTEMS:
        need = a.systems[s.code]
        sheet.writerow([s.name_en, _num(need.workload_hours, 1), _num(need.required_staff, 2),
                        need.assigned_staff, _num(need.difference, 2), _num(need.ratio, 2),
                        READING_TH[need.reading]])
    sheet.writerow([])
    sheet.writerow(["ชื่อ-สกุล", "ตำแหน่ง", "ชั่วโมงงานต่อปี", "ภาระงานเทียบเวลาที่มี (%)",
                    "ระบบที่รับผิดชอบ", "ข้อสังเกต"])
    for p in a.people:
        user = w.people.get(p.user_id)
        sheet.writerow([csv_safe(user.full_name if user else str(p.user_id)),
                        csv_safe(user.position or "" if user else ""), _num(p.hours, 1),
                        _num(p.load_ratio * 100, 0), " ".join(p.systems),
                        ", ".join(FLAG_TH[f] for f in p.flags)])
    sheet.writerow([])
    sheet.writerow(["เวลาทำงานที่มีต่อคนต่อปี (ชั่วโมง)", _num(a.awt_hours, 1)])
    sheet.writerow(["ค่าสัมประสิทธิ์จีนี (Gini)", _num(a.gini, 3)])
    sheet.writerow(["ชั่วโมงสูงสุด / มัธยฐาน", _num(a.max_hours, 1), _num(a.median_hours, 1)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


CHART_WIDTH = 640
LABEL_WIDTH = 110


def system_chart(a: Analysis) -> dict[str, Any]:
    """Required against assigned staff per system, as bar lengths in SVG units."""
    top = max([1.0] + [max(s.required_staff, s.assigned_staff) for s in a.systems.values()])
    scale = (CHART_WIDTH - LABEL_WIDTH - 60) / top
    rows = []
    for i, s in enumerate(SUBSYSTEMS):
        need = a.systems[s.code]
        rows.append({"code": s.code, "label": s.name_en, "y": 8 + i * 52,
                     "required": need.required_staff, "assigned": need.assigned_staff,
                     "required_w": round(need.required_staff * scale, 1),
                     "assigned_w": round(need.assigned_staff * scale, 1),
                     "short": need.reading in ("shortage", "serious_shortage")})
    return {"rows": rows, "height": 16 + len(CODES) * 52, "x0": LABEL_WIDTH,
            "width": CHART_WIDTH}


def people_chart(w: LaoWorkload) -> dict[str, Any]:
    """Each assignee's load against their available time; the line marks 100%."""
    a = w.analysis
    top = max([1.25] + [p.load_ratio for p in a.people])
    room = CHART_WIDTH - 200 - 70
    rows = [{"label": (w.people[p.user_id].full_name if p.user_id in w.people
                       else str(p.user_id))[:28],
             "y": 6 + i * 30, "w": round(p.load_ratio / top * room, 1),
             "percent": round(p.load_ratio * 100), "over": "overloaded" in p.flags}
            for i, p in enumerate(a.people)]
    return {"rows": rows, "height": 12 + len(rows) * 30, "x0": 200,
            "line_x": round(200 + room / top, 1), "width": CHART_WIDTH}
