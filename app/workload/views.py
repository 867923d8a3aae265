"""Web pages: the workload analysis of an LAO, its CSV, and HR's volume and settings forms."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from app.access import get_lao_or_404, is_lao_manager, require_lao_manager, require_staff_reader
from app.dates import today
from app.db import utcnow
from app.downloads import file_response
from app.errors import Invalid
from app.extensions import db
from app.org.forms import EmptyForm
from app.org.models import Lao
from app.subsystems import CODES, SUBSYSTEMS
from app.workload import services, wisn
from app.workload.present import csv_bytes, people_chart, system_chart

bp = Blueprint("workload", __name__)
CAS_BLANK_ROWS, CAS_MIN_ROWS, CAS_MAX_ROWS = 2, 4, 30  # support-work rows on the form


def _reader_lao(lao_id: int) -> Lao:
    lao = get_lao_or_404(lao_id, current_user)
    require_staff_reader(current_user, lao.id)
    return lao


def _page(lao: Lao, status: int = 200, volume_errors: dict[str, str] | None = None,
          settings_errors: list[str] | None = None, form: MultiDict[str, str] | None = None,
          open_form: str = "") -> ResponseReturnValue:
    w = services.analyse_lao(lao, utcnow())
    settings = services.current_settings(lao)
    cas_rows: list[tuple[str, float | str]] = list(settings.cas.items())
    cas_rows += [("", "")] * max(CAS_BLANK_ROWS, CAS_MIN_ROWS - len(cas_rows))
    return render_template(
        "workload/workload.html", lao=lao, w=w, a=w.analysis, systems=SUBSYSTEMS,
        names={uid: u.full_name for uid, u in w.people.items()},
        hours_of={p.user_id: p.hours for p in w.analysis.people},
        system_names={sub.code: sub.name_en for sub in SUBSYSTEMS},
        system_chart=system_chart(w.analysis), people_chart=people_chart(w),
        can_manage=is_lao_manager(current_user, lao.id), button=EmptyForm(),
        rows=services.volume_rows(lao), settings=settings, cas_rows=cas_rows,
        defaults=wisn.Settings(), volume_errors=volume_errors or {},
        settings_errors=settings_errors or [], form=form, open_form=open_form,
    ), status


@bp.get("/laos/<int:lao_id>/workload")
@login_required
def workload(lao_id: int) -> ResponseReturnValue:
    return _page(_reader_lao(lao_id))


@bp.get("/laos/<int:lao_id>/workload.csv")
@login_required
def workload_csv(lao_id: int) -> ResponseReturnValue:
    lao = _reader_lao(lao_id)
    filename = f"workload-{lao.code}-{today().isoformat()}.csv"
    return file_response(csv_bytes(services.analyse_lao(lao, utcnow())),
                         "text/csv; charset=utf-8", filename)


def _manager_lao(lao_id: int) -> Lao:
    lao = get_lao_or_404(lao_id, current_user)
    require_lao_manager(current_user, lao.id)
    return lao


def _whole_or_text(raw: str) -> Any:
    text = raw.strip().replace(",", "")
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text  # the service names it: not a whole number


@bp.post("/laos/<int:lao_id>/workload/volumes")
@login_required
def save_volumes(lao_id: int) -> ResponseReturnValue:
    lao = _manager_lao(lao_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("workload.workload", lao_id=lao.id))
    changes: dict[str, Any] = {}
    for row in services.volume_rows(lao):
        raw = request.form.get(f"v-{row.activity.code}")
        if raw is None:
            continue
        value = _whole_or_text(raw)
        # blank or the default itself: follow the catalog default
        changes[row.activity.code] = None if value in (None, row.default) else value
    try:
        services.update_volumes(current_user, lao, changes)
    except Invalid as exc:
        db.session.rollback()
        flash(_("Nothing was saved: correct the volumes marked below."), "error")
        errors = {code: _("Enter a whole number from 0 to 1,000,000.")
                  for code in exc.details.get("fields", {})}
        return _page(lao, 422, volume_errors=errors, form=request.form, open_form="volumes")
    db.session.commit()
    flash(_("Yearly volumes saved."), "success")
    return redirect(url_for("workload.workload", lao_id=lao.id) + "#volumes")


def _number_or_text(raw: str | None) -> Any:
    text = (raw or "").strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        return text


def _settings_changes(form: MultiDict[str, str]) -> dict[str, Any]:
    changes: dict[str, Any] = {name: _number_or_text(form.get(name))
                               for name in wisn.NUMBER_FIELDS}
    cas: dict[str, Any] = {}
    for i in range(CAS_MAX_ROWS):
        if f"cas_name_{i}" not in form and f"cas_percent_{i}" not in form:
            break
        name = (form.get(f"cas_name_{i}") or "").strip()
        percent = (form.get(f"cas_percent_{i}") or "").strip()
        if name or percent:
            cas[name] = _number_or_text(percent)
    ias = {code: _number_or_text(form.get(f"ias_{code}")) for code in CODES
           if (form.get(f"ias_{code}") or "").strip()}
    return {**changes, "cas": cas, "ias_hours": ias}


def problem_text(p: wisn.Problem) -> str:
    """A settings problem in the reader's language, naming the field."""
    labels = {
        "working_days": _("Working days a year"), "public_holidays": _("Public holidays"),
        "annual_leave": _("Annual leave"), "sick_leave": _("Sick leave"),
        "other_leave": _("Other leave"), "hours_per_day": _("Working hours a day"),
        "leave": _("Holidays and leave"), "cas": _("Support work everyone does (CAS)"),
        "ias_hours": _("Work only some do (IAS)"),
    }
    off, days = f"{p.params.get('days_off', 0):g}", f"{p.params.get('working_days', 0):g}"
    total = f"{p.params.get('total', 0):g}"
    texts = {
        "not_a_number": _("enter a number"),
        "negative": _("must not be below 0"),
        "too_many_days": _("at most 366 days"),
        "no_working_time": _("public holidays and leave (%(off)s days) must be fewer than "
                             "the working days (%(days)s)", off=off, days=days),
        "hours_range": _("from 1 to 24 hours"),
        "empty_name": _("each allowance needs a name"),
        "cas_total": _("the allowances add up to %(total)s%%; they must stay below 100%%",
                       total=total),
    }
    return f"{labels.get(p.field, p.field)}: {texts.get(p.code, p.message)}"


@bp.post("/laos/<int:lao_id>/workload/settings")
@login_required
def save_settings(lao_id: int) -> ResponseReturnValue:
    lao = _manager_lao(lao_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("workload.workload", lao_id=lao.id))
    try:
        services.update_settings(current_user, lao, _settings_changes(request.form))
    except Invalid as exc:
        db.session.rollback()
        cause = exc.__cause__
        problems = cause.problems if isinstance(cause, wisn.SettingsError) else []
        flash(_("Nothing was saved: correct the settings listed below."), "error")
        return _page(lao, 422, settings_errors=[problem_text(p) for p in problems],
                     form=request.form, open_form="settings")
    db.session.commit()
    flash(_("Working-time settings saved."), "success")
    return redirect(url_for("workload.workload", lao_id=lao.id) + "#settings")
