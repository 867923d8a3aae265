"""Web pages: the register with coverage flags, assignments, approvals, exports."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import (
    get_in_scope_or_404,
    get_lao_or_404,
    get_user_in_scope_or_404,
    is_lao_manager,
    require_lao_manager,
    require_staff_reader,
)
from app.auth.models import User
from app.dates import thai_date, today
from app.db import utcnow
from app.downloads import file_response
from app.errors import AppError
from app.extensions import db
from app.forms import choices
from app.org.forms import EmptyForm
from app.org.staff import staff_of
from app.register import assignments, exports
from app.register.forms import AssignmentForm
from app.register.models import Assignment
from app.register.register import build_register
from app.subsystems import CODES, SUBSYSTEMS
from app.web import run_and_report

bp = Blueprint("register", __name__)


@bp.get("/laos/<int:lao_id>/register")
@login_required
def register(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_staff_reader(current_user, lao.id)
    rows, coverage = build_register(lao, utcnow())
    unit = request.args.get("unit") or ""
    system = request.args.get("system") if request.args.get("system") in CODES else ""
    units = sorted({r.user.unit.name for r in rows if r.user.unit})
    shown = [r for r in rows if not unit or (r.user.unit and r.user.unit.name == unit)]
    names = {r.user.id: r.user.full_name for r in rows}
    return render_template("register/register.html", lao=lao, rows=shown, coverage=coverage,
                           systems=[s for s in SUBSYSTEMS if not system or s.code == system],
                           units=units, unit=unit, system=system, names=names,
                           all_rows=rows, can_manage=is_lao_manager(current_user, lao.id))


@bp.get("/laos/<int:lao_id>/register.<fmt>")
@login_required
def register_export(lao_id: int, fmt: str) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_staff_reader(current_user, lao.id)
    if fmt not in exports.FORMATS:
        return redirect(url_for("register.register", lao_id=lao.id))
    rows, coverage = build_register(lao, utcnow())
    data, mimetype = exports.render(fmt, lao, rows, coverage, utcnow())
    filename = f"register-{lao.code}-{today().isoformat()}.{fmt}"
    return file_response(data, mimetype, filename)


@bp.route("/laos/<int:lao_id>/assignments", methods=["GET", "POST"])
@login_required
def assignments_page(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_staff_reader(current_user, lao.id)
    form = AssignmentForm()
    problem = None
    people = staff_of(lao, active_only=True)
    form.user_id.choices = choices((p.id, f"{p.full_name} ({p.position or p.role})")
                                   for p in people)
    if request.method == "POST":
        require_lao_manager(current_user, lao.id)
        if form.validate_on_submit():
            try:
                person = get_user_in_scope_or_404(form.user_id.data, current_user)
                created = assignments.assign(
                    current_user, lao, person, form.subsystem.data, form.role.data,
                    form.share_percent.data, form.effective_from.data, form.order_ref.data,
                    form.override_reason.data, utcnow())
            except AppError as exc:
                db.session.rollback()
                problem = _explain(exc)  # shown above the form, which keeps what was typed
            else:
                db.session.commit()
                flash(_("Assignment saved.") if created.status == "active" else
                      _("Saved and waiting for an executive's approval."), "success")
                if form.effective_from.gregorian:  # accepted, but say how it was read
                    flash(_("The year %(year)s was read as a Christian-era year: the duty "
                            "starts on %(date)s.", year=form.effective_from.parts[2].strip(),
                            date=thai_date(form.effective_from.data)), "info")
                return redirect(url_for("register.assignments_page", lao_id=lao.id))
    rows = list(db.session.scalars(select(Assignment).where(Assignment.lao_id == lao.id)
                                   .order_by(Assignment.status, Assignment.subsystem)))
    # what an approver weighs: the level the duty needs, the person's level today, when asked
    waiting = {a.id: assignments.gate(a.user, a.subsystem, a.role, utcnow())
               for a in rows if a.status == "pending_approval"}
    sent_back = assignments.sent_back_notes([a.id for a in rows if a.status == "ended"])
    deciders = {u.id: u.full_name for u in db.session.scalars(select(User).where(
        User.id.in_({who for _reason, who, _at in sent_back.values() if who})))}
    return render_template("register/assignments.html", lao=lao, form=form,
                           assignments=rows, waiting=waiting, button=EmptyForm(),
                           sent_back=sent_back, deciders=deciders, problem=problem,
                           can_manage=is_lao_manager(current_user, lao.id)), \
        422 if request.method == "POST" else 200


def _explain(exc: AppError) -> str:
    if exc.code == "not_competent":
        return _("Refused: this duty needs level %(req)d and the person's valid level is "
                 "%(cur)d. Give an override reason to ask an executive to approve.",
                 req=exc.details["required_level"], cur=exc.details["current_level"])
    return exc.localized()


@bp.post("/assignments/<int:assignment_id>/approve")
@login_required
def approve(assignment_id: int) -> ResponseReturnValue:
    assignment = get_in_scope_or_404(Assignment, assignment_id, current_user)
    if EmptyForm().validate_on_submit():
        version = request.form.get("version", type=int)
        try:
            assignments.approve(current_user, assignment, version, utcnow())
        except AppError as exc:
            db.session.rollback()
            if exc.status == 403:
                raise
            flash(exc.localized(), "error")
        else:
            db.session.commit()
            flash(_("Override approved."), "success")
    return redirect(request.referrer or url_for("main.home"))


@bp.post("/assignments/<int:assignment_id>/send-back")
@login_required
def send_back(assignment_id: int) -> ResponseReturnValue:
    assignment = get_in_scope_or_404(Assignment, assignment_id, current_user)
    if EmptyForm().validate_on_submit():
        try:
            assignments.send_back(current_user, assignment, request.form.get(
                "version", type=int), request.form.get("reason", ""), utcnow())
        except AppError as exc:
            db.session.rollback()
            if exc.status == 403:
                raise
            flash(exc.localized(), "error")
        else:
            db.session.commit()
            flash(_("Sent back to HR with your reason."), "success")
    if request.form.get("next") == "home":  # decided on the home page: back to it
        return redirect(url_for("main.home"))
    return redirect(url_for("register.assignments_page", lao_id=assignment.lao_id))


@bp.post("/assignments/<int:assignment_id>/share")
@login_required
def change_share(assignment_id: int) -> ResponseReturnValue:
    """HR changes a duty's share of the system's work (the other way to keep the shares
    within 100 % than ending a duty); a stale page or shares over 100 % say so."""
    assignment = get_in_scope_or_404(Assignment, assignment_id, current_user)
    require_lao_manager(current_user, assignment.lao_id)
    share = request.form.get("share_percent", type=int)
    if EmptyForm().validate_on_submit():
        if share is None or not 1 <= share <= 100:
            flash(_("Type a share from 1 to 100."), "error")
        else:
            version = request.form.get("version", type=int)
            run_and_report(lambda: assignments.update(
                current_user, assignment, -1 if version is None else version, share,
                assignment.order_ref), _("Share changed."))
    return redirect(url_for("register.assignments_page", lao_id=assignment.lao_id))


@bp.post("/assignments/<int:assignment_id>/end")
@login_required
def end(assignment_id: int) -> ResponseReturnValue:
    assignment = get_in_scope_or_404(Assignment, assignment_id, current_user)
    require_lao_manager(current_user, assignment.lao_id)
    if EmptyForm().validate_on_submit():
        run_and_report(lambda: assignments.end(current_user, assignment, today(),
                                               request.form.get("version", type=int)),
                       _("Assignment ended."))
    return redirect(url_for("register.assignments_page", lao_id=assignment.lao_id))
