"""API: roll-ups for supervisors."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from app.api import actor, route
from app.api.shapes import INT, NUMBER, OBJECT, STR, array, nullable, obj
from app.dashboards.report import rollup_report
from app.db import utcnow


@route("/rollups/<level>/<area_id>", "GET",
       "Coverage and compliance of every LAO in a district, province or the country ('th')",
       tag="dashboards", responses={200: "roll-up", 403: "not a supervisor",
                                    404: "outside your scope"},
       returns=obj(laos=array(obj(lao_id=INT, name=STR, coverage_ratio=NUMBER,
                                  mandatory_compliance=NUMBER, on_time_share=nullable(NUMBER),
                                  overdue=INT)), totals=OBJECT))
def rollup(level: str, area_id: str) -> ResponseReturnValue:
    report = rollup_report(actor(), level, area_id, utcnow(), sort="coverage", descending=False)
    return jsonify(laos=[{
        "lao_id": r.lao_id, "code": r.code, "name": r.name, "type": r.type,
        "size_class": r.size_class, "district_id": r.district_id,
        "coverage_ratio": round(r.coverage_ratio, 4),
        "mandatory_compliance": round(r.mandatory_compliance, 4), "flags": r.flags,
        "last_activity": r.last_activity.isoformat() if r.last_activity else None,
        "on_time_share": round(r.on_time_share, 4) if r.on_time_share is not None else None,
        "overdue": r.overdue,
    } for r in report.rows], totals=report.totals, groups=report.groups)
