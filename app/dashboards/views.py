"""Supervisor pages: roll-up table, histogram, neediest LAOs, exports."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app.dashboards import exports
from app.dashboards.report import rollup_report
from app.dashboards.scope import home_area
from app.db import utcnow
from app.downloads import file_response
from app.org.models import LAO_TYPES

bp = Blueprint("dashboards", __name__)


def _report(level: str, area_id: str):  # type: ignore[no-untyped-def]
    return rollup_report(current_user, level, area_id, utcnow(),
                         sort=request.args.get("sort", "coverage"),
                         descending=request.args.get("dir") == "desc",
                         lao_type=request.args.get("type") or None,
                         size=request.args.get("size") or None)


@bp.get("/rollups")
@login_required
def start() -> ResponseReturnValue:
    level, area_id = home_area(current_user)
    return redirect(url_for("dashboards.rollup", level=level, area_id=area_id))


@bp.get("/rollups/<level>/<area_id>")
@login_required
def rollup(level: str, area_id: str) -> ResponseReturnValue:
    report = _report(level, area_id)
    return render_template("dashboards/rollup.html", report=report, types=LAO_TYPES,
                           args=request.args)


@bp.get("/rollups/<level>/<area_id>/export.<fmt>")
@login_required
def export(level: str, area_id: str, fmt: str) -> ResponseReturnValue:
    report = _report(level, area_id)
    if fmt not in exports.FORMATS:
        return redirect(url_for("dashboards.rollup", level=level, area_id=area_id))
    data = exports.render(fmt, report, utcnow())
    return file_response(data, exports.FORMATS[fmt], f"rollup-{level}-{area_id}.{fmt}")
