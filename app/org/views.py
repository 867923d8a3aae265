"""Web pages: LAOs, staff list, staff import, reset codes, transfers."""

from __future__ import annotations

import io

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.access import (
    get_in_scope_or_404,
    get_lao_or_404,
    get_user_in_scope_or_404,
    is_lao_manager,
    lao_condition,
    require_lao_manager,
    require_role,
    require_staff_reader,
)
from app.auth import services as auth_services
from app.dates import today
from app.db import utcnow
from app.downloads import file_response
from app.errors import N_, AppError, Forbidden
from app.extensions import db
from app.forms import choices
from app.org import grants, services
from app.org.forms import EmptyForm, ImportForm, LaoForm, TransferForm
from app.org.importer import TEMPLATE_HEADER
from app.org.models import Lao, Province, RoleGrant
from app.org.staff import read_upload, staff_of
from app.web import run_and_report

bp = Blueprint("org", __name__)


@bp.route("/laos", methods=["GET", "POST"])
@login_required
def list_laos() -> ResponseReturnValue:
    form = LaoForm()
    if current_user.role == "admin":
        provinces = db.session.scalars(select(Province).options(selectinload(
            Province.districts)).order_by(Province.name_th))
        form.district_id.choices = {  # type: ignore[assignment]
            p.name_th: [(d.id, d.name_th) for d in p.districts] for p in provinces}
    if current_user.role == "admin" and form.validate_on_submit():
        try:
            lao = services.create_lao(current_user, form.code.data or "", form.name.data or "",
                                      form.type.data or "", form.size_class.data or "",
                                      form.district_id.data or 0)
        except AppError as exc:
            db.session.rollback()
            fields = exc.details.get("fields", {})
            flash(exc.localized() + (": " + "; ".join(_(v) for v in fields.values())
                                     if fields else ""), "error")
        else:
            db.session.commit()
            flash(_("LAO created."), "success")
            return redirect(url_for("org.staff", lao_id=lao.id))
    laos = db.session.scalars(select(Lao).where(lao_condition(current_user))
                              .order_by(Lao.code).limit(500))
    return render_template("org/laos.html", laos=laos, form=form)


@bp.get("/laos/<int:lao_id>/staff")
@login_required
def staff(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_staff_reader(current_user, lao.id)
    return render_template(
        "org/staff.html", lao=lao, people=staff_of(lao), form=ImportForm(),
        button=EmptyForm(), can_manage=is_lao_manager(current_user, lao.id),
    )


@bp.get("/laos/<int:lao_id>/staff-template.<fmt>")
@login_required
def staff_template(lao_id: int, fmt: str) -> ResponseReturnValue:
    """An empty staff file with the Thai column names, to fill in and import."""
    lao = get_lao_or_404(lao_id, current_user)
    require_lao_manager(current_user, lao.id)
    if fmt == "csv":  # with a BOM, so Excel opens the Thai headers as Thai
        return file_response("\ufeff" + ",".join(TEMPLATE_HEADER) + "\r\n",
                             "text/csv; charset=utf-8", "staff-template.csv")
    if fmt != "xlsx":
        abort(404)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(TEMPLATE_HEADER))
    out = io.BytesIO()
    book.save(out)
    return file_response(out.getvalue(), "application/vnd.openxmlformats-officedocument."
                         "spreadsheetml.sheet", "staff-template.xlsx")


@bp.post("/laos/<int:lao_id>/staff/import")
@login_required
def import_staff(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_lao_manager(current_user, lao.id)
    form = ImportForm()
    problems: list[dict[str, object]] = []
    total = 0
    if form.validate_on_submit():
        upload = form.file.data
        try:
            parsed = read_upload(upload.filename or "", upload.stream,
                                 current_app.config["IMPORT_MAX_BYTES"])
            counts = services.import_staff(current_user, lao, parsed)
        except AppError as exc:
            db.session.rollback()
            problems = exc.details.get("rows") or [{"row": 0, "column": "file",
                                                    "message": exc.localized()}]
            total = exc.details.get("count", len(problems))
        else:
            db.session.commit()
            flash(_("Import done: %(created)d new, %(updated)d updated.",
                    created=counts.created, updated=counts.updated), "success")
            if counts.pending_roles:
                flash(_("%(n)d role requests (HR officer or executive) wait for an executive "
                        "of the LAO or an administrator to confirm them; until then those "
                        "people keep their current role.", n=counts.pending_roles), "info")
            return redirect(url_for("org.staff", lao_id=lao.id))
    status = 422 if problems or form.errors else 200
    return render_template("org/import_result.html", lao=lao, problems=problems,
                           total=total, form=form), status


@bp.post("/users/<int:user_id>/reset-code")
@login_required
def issue_reset_code(user_id: int) -> ResponseReturnValue:
    person = get_user_in_scope_or_404(user_id, current_user)
    require_lao_manager(current_user, person.lao_id)
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired. Please try again."), "error")
        return redirect(url_for("org.staff", lao_id=person.lao_id))
    code, expires = auth_services.issue_reset_code(current_user, person, utcnow())
    db.session.commit()
    return render_template("org/reset_code.html", person=person, code=code, expires=expires)


@bp.route("/users/<int:user_id>/transfer", methods=["GET", "POST"])
@login_required
def transfer(user_id: int) -> ResponseReturnValue:
    person = get_user_in_scope_or_404(user_id, current_user)
    require_role(current_user, "admin")
    form = TransferForm()
    form.to_lao_id.choices = choices([
        (lao.id, f"{lao.code} {lao.name}")
        for lao in db.session.scalars(select(Lao).where(Lao.id != person.lao_id)
                                      .order_by(Lao.code).limit(1000))
    ])
    if not form.is_submitted():
        return render_template("org/transfer.html", person=person, form=form)
    if form.validate() and run_and_report(
            lambda: services.transfer_user(current_user, person, form.to_lao_id.data,
                                           form.effective_from.data, today()),
            _("Transfer recorded.")):
        return redirect(url_for("org.staff", lao_id=person.lao_id))
    return render_template("org/transfer.html", person=person, form=form), 422


@bp.get("/laos/<int:lao_id>/role-grants")
@login_required
def role_grants(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    grants.require_reader(current_user, lao.id)
    found = grants.grants_of(lao.id)
    return render_template("org/role_grants.html", lao=lao, grants=found, button=EmptyForm(),
                           deciding={g.id for g in found if g.status == "pending"
                                     and grants.may_decide(current_user, g)})


def _decide_on_the_page(grant_id: int, confirm: bool) -> ResponseReturnValue:
    grant = get_in_scope_or_404(RoleGrant, grant_id, current_user)
    if not grants.may_decide(current_user, grant):
        grants.require_reader(current_user, grant.lao_id)  # 403 for the wrong role
        raise Forbidden(N_("a role is decided by a second person: not the person it is for, "
                           "nor the one who asked for it"))
    if EmptyForm().validate_on_submit():
        run_and_report(lambda: grants.decide(current_user, grant, confirm, utcnow()),
                       _("Role confirmed.") if confirm else _("Role request refused."))
    return redirect(url_for("org.role_grants", lao_id=grant.lao_id))


@bp.post("/role-grants/<int:grant_id>/confirm")
@login_required
def confirm_role_grant(grant_id: int) -> ResponseReturnValue:
    return _decide_on_the_page(grant_id, True)


@bp.post("/role-grants/<int:grant_id>/refuse")
@login_required
def refuse_role_grant(grant_id: int) -> ResponseReturnValue:
    return _decide_on_the_page(grant_id, False)


from app.org import transfer_views  # noqa: E402,F401  (its pages join this blueprint)
