"""Pages: the LAO's month view and list, one occurrence with its actions, my duties and my
feed, the LAO's calendar settings, and the secret iCalendar address."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from babel.dates import get_month_names
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import (
    get_in_scope_or_404,
    get_lao_or_404,
    is_approver,
    require_lao_manager,
    require_staff_reader,
)
from app.auth.models import User
from app.calendar import feeds, services
from app.calendar.duties import Due, duty_index, fiscal_bounds, fiscal_year
from app.calendar.forms import DoneForm, DutyDateForm, LeadDaysForm
from app.calendar.models import CalendarOccurrence
from app.calendar.month import month_bounds, shift, weeks
from app.dates import today
from app.db import utcnow
from app.errors import Forbidden
from app.extensions import db
from app.forms import choices
from app.org.forms import EmptyForm
from app.web import is_english, public_url, run_and_report

bp = Blueprint("calendar", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/calendar")


@bp.record_once
def _template_helpers(state: object) -> None:
    # the pages' status words (late, overdue) come from the same functions as the API's
    state.app.jinja_env.globals["calendar_services"] = services  # type: ignore[attr-defined]


def _names(lao_id: int) -> dict[int, str]:
    return dict(db.session.execute(
        db.select(User.id, User.full_name).where(User.lao_id == lao_id)).all())


def _month(arg: str | None, now: date) -> date:
    try:
        return date.fromisoformat(f"{arg}-01") if arg else now.replace(day=1)
    except ValueError:
        return now.replace(day=1)


@bp.get("/laos/<int:lao_id>/calendar")
@login_required
def lao_calendar(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_staff_reader(current_user, lao.id)
    now = today()
    services.ensure_current(lao.id, now)
    db.session.commit()
    view = "list" if request.args.get("view") == "list" else "month"
    first = _month(request.args.get("month"), now)
    if view == "list":
        year = request.args.get("year", type=int) or fiscal_year(now)
        start, end = fiscal_bounds(year)
    else:
        start, end = month_bounds(first)
        year = fiscal_year(first)
    rows = services.occurrences(lao.id, start, end)
    overdue = [o for o in services.occurrences(lao.id, fiscal_bounds(fiscal_year(now) - 1)[0],
                                               now) if services.is_overdue(o, now)]
    by_day: dict[date, list[CalendarOccurrence]] = {}
    for occ in rows:
        by_day.setdefault(occ.due, []).append(occ)
    return render_template(
        "calendar/lao.html", lao=lao, view=view, rows=rows, by_day=by_day, first=first,
        weeks=weeks(first.year, first.month), prev=shift(first, -1), next=shift(first, 1),
        year=year, now=now, overdue=overdue, held=services.holders(lao.id, now),
        names=_names(lao.id), unowned=services.unowned_systems(lao.id, now),
        awaiting=services.awaiting_approval(lao.id),
        can_manage=current_user.role == "hr"
        and current_user.lao_id == lao.id)


def _may_see(occ: CalendarOccurrence, now: date) -> bool:
    if current_user.role in {"admin", "supervisor"} or (
            current_user.role in {"hr", "executive"} and current_user.lao_id == occ.lao_id):
        return True
    held = services.holders(occ.lao_id, now).get(occ.subsystem)
    return held is not None and current_user.id in (held.owner_id, held.backup_id)


@bp.get("/calendar/<int:occurrence_id>")
@login_required
def occurrence(occurrence_id: int) -> ResponseReturnValue:
    occ = get_in_scope_or_404(CalendarOccurrence, occurrence_id, current_user)
    return _occurrence_page(occ, DoneForm())


def _occurrence_page(occ: CalendarOccurrence, form: DoneForm, status: int = 200
                     ) -> ResponseReturnValue:
    now = today()
    if not _may_see(occ, now):
        raise Forbidden(_("You are not allowed to do this."))
    holders = services.holders(occ.lao_id, now)
    held = holders.get(occ.subsystem)
    mine = held is not None and current_user.id in (held.owner_id, held.backup_id)
    manager = current_user.role in {"admin", "supervisor"} or (
        current_user.role in {"hr", "executive"} and current_user.lao_id == occ.lao_id)
    back_to_lao = manager and not mine  # else back to "my duties"
    return render_template("calendar/occurrence.html", occ=occ, form=form,
                           can_mark=_allowed(services.require_may_mark, current_user, occ, now),
                           can_undo=_allowed(services.require_may_undo, current_user, occ)
                           and services.undo_open(occ, utcnow()),
                           button=EmptyForm(), now=now, names=_names(occ.lao_id),
                           held=holders, duty=services.duty_of(occ), back_to_lao=back_to_lao,
                           can_approve=is_approver(current_user, occ.lao_id)
                           and occ.marked_by_id != current_user.id), status


def _allowed(check: Callable[..., None], *args: object) -> bool:
    try:
        check(*args)
    except Forbidden:
        return False
    return True


def _back(occ: CalendarOccurrence) -> ResponseReturnValue:
    target = request.form.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(url_for("calendar.occurrence", occurrence_id=occ.id))


@bp.post("/calendar/<int:occurrence_id>/done")
@login_required
def mark_done(occurrence_id: int) -> ResponseReturnValue:
    occ = get_in_scope_or_404(CalendarOccurrence, occurrence_id, current_user)
    services.require_may_mark(current_user, occ, today())  # 403, not a message
    form = DoneForm()
    if occ.status == "open" and not form.validate_on_submit():
        # the page again with the problem at its field and what was typed kept
        return _occurrence_page(occ, form, 422)
    run_and_report(lambda: services.mark_done(current_user, occ, form.reference.data or "",
                                              form.note.data, utcnow()),
                   _("Marked done.") if not occ.needs_approval
                   else _("Marked done; it now waits for an executive's approval."))
    return _back(occ)


@bp.post("/calendar/<int:occurrence_id>/approve")
@login_required
def approve(occurrence_id: int) -> ResponseReturnValue:
    occ = get_in_scope_or_404(CalendarOccurrence, occurrence_id, current_user)
    services.require_may_approve(current_user, occ)
    run_and_report(lambda: services.approve(current_user, occ, utcnow()), _("Approved."))
    return _back(occ)


@bp.post("/calendar/<int:occurrence_id>/undo")
@login_required
def undo(occurrence_id: int) -> ResponseReturnValue:
    occ = get_in_scope_or_404(CalendarOccurrence, occurrence_id, current_user)
    services.require_may_undo(current_user, occ)
    said = _("The approval is taken back.") if occ.approved_at \
        else _("The record that it was done is taken back.")
    run_and_report(lambda: services.undo(current_user, occ, utcnow()), said)
    return _back(occ)


@bp.get("/my/calendar")
@login_required
def mine() -> ResponseReturnValue:
    now = today()
    rows: list[CalendarOccurrence] = []
    if current_user.lao_id is not None:
        services.ensure_current(current_user.lao_id, now)
        db.session.commit()
        first, end = fiscal_bounds(fiscal_year(now))
        # this fiscal year, and what is still open from the one before
        rows = [o for o in services.my_occurrences(
            current_user, fiscal_bounds(fiscal_year(now) - 1)[0], end)
            if o.due >= first or o.status != "done"]
    return render_template("calendar/mine.html", rows=rows, now=now, button=EmptyForm())


@bp.post("/my/calendar/feed")
@login_required
def reset_feed() -> ResponseReturnValue:
    scope = "lao" if request.form.get("scope") == "lao" else "mine"
    token = ""

    def act() -> None:
        nonlocal token
        token = feeds.new_feed(current_user, scope)

    if run_and_report(act, _("A new calendar address is ready; any earlier one no longer "
                             "works.")):
        flash(public_url("calendar.feed", token=token), "feed")
    return redirect(url_for("calendar.mine"))


@bp.get("/calendar/feed/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    found = feeds.feed_owner(token)
    if found is None:
        abort(404)
    user, scope = found
    now = today()
    occurrences = feeds.feed_occurrences(user, scope, now)
    db.session.commit()
    name = user.lao.name if scope == "lao" and user.lao else f"งานตามกำหนด — {user.full_name}"
    body = feeds.render(occurrences, name, request.host.split(":")[0] or "lao", utcnow(),
                        lambda i: public_url("calendar.occurrence", occurrence_id=i))
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Cache-Control"] = "private, max-age=900"
    return response


@bp.route("/laos/<int:lao_id>/calendar/settings", methods=["GET", "POST"])
@login_required
def settings(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_staff_reader(current_user, lao.id)
    lead = LeadDaysForm(prefix="lead")
    own = DutyDateForm(prefix="duty")
    changeable = [d for d in duty_index().values() if d.lao_may_change]
    own.duty.choices = choices((d.code, d.title_en if is_english() else d.title_th)
                               for d in changeable)
    months = get_month_names("wide", locale="en" if is_english() else "th")
    own.month.choices = [(0, "—"), *((m, months[m]) for m in range(1, 13))]
    status = 200
    if request.method == "POST":
        require_lao_manager(current_user, lao.id)
        what = request.form.get("what")
        if what == "lead" and lead.validate_on_submit():
            run_and_report(lambda: services.set_lead_days(current_user, lao.id,
                                                          int(lead.lead_days.data or 0)),
                           _("Settings saved."))
            return redirect(url_for("calendar.settings", lao_id=lao.id))
        if what == "duty" and own.validate_on_submit():
            run_and_report(lambda: services.set_duty_date(
                current_user, lao.id, own.duty.data or "", own.month.data or None,
                int(own.day.data or 0), today()), _("Settings saved."))
            return redirect(url_for("calendar.settings", lao_id=lao.id))
        status = 422  # the page again, each problem at its field, what was typed kept
    if request.method == "GET" or request.form.get("what") != "lead":
        lead.lead_days.data = services.lead_days(lao.id)
    return render_template("calendar/settings.html", lao=lao, lead=lead, own=own,
                           duties=list(duty_index().values()), dues=services.lao_dues(lao.id),
                           can_manage=current_user.role in {"hr", "admin"},
                           describe=lambda due: _describe(due, months)), status


def _describe(due: Due, months: list[str] | Any) -> str:
    """A duty's default date in words, beside the LAO's own."""
    if due.kind == "monthly":
        return _("every month on day %(d)d", d=due.day)
    if due.kind == "after_year_end":
        return _("%(n)d days after the fiscal year ends", n=due.day)
    return _("every year on %(date)s", date=f"{due.day} {months[due.month]}")
