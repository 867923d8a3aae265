"""Web pages of the two-party transfer: the LAO's requests in and out, the person's own
release, and the e-mail confirmation that lets an address move with the person."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import get_lao_or_404, is_lao_manager, require_lao_manager
from app.auth import email_confirm
from app.dates import today
from app.db import utcnow
from app.errors import AppError, NotFound
from app.extensions import db
from app.mail import send_mail
from app.org import transfers
from app.org.forms import EmptyForm, TransferRequestForm
from app.org.models import TransferRequest
from app.org.views import bp
from app.web import public_url, run_and_report


def _page(lao_id: int, form: TransferRequestForm, status: int = 200) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    transfers.require_reader(current_user, lao.id)
    found = transfers.transfers_of(lao.id)
    return render_template(
        "org/transfers.html", lao=lao, rows=[(t, transfers.as_dict(t, lao.id)) for t in found],
        form=form, button=EmptyForm(), can_ask=is_lao_manager(current_user, lao.id),
        releasing={t.id for t in found if t.status == "requested"
                   and transfers.may_release(current_user, t)},
        cancelling={t.id for t in found if t.status in ("requested", "released")
                    and transfers.may_cancel(current_user, t)}), status


def _put_at_fields(form: TransferRequestForm, exc: AppError) -> None:
    """The service's refusal beside the fields it names; the rest as a message, and the
    form stays open either way."""
    fields = exc.details.get("fields", {})
    for name, message in fields.items():
        if name in form:
            form[name].errors.append(_(message))
    if not any(name in form for name in fields):
        flash(exc.localized(), "error")
        form.form_errors.append(exc.localized())


@bp.get("/laos/<int:lao_id>/transfers")
@login_required
def transfers_page(lao_id: int) -> ResponseReturnValue:
    return _page(lao_id, TransferRequestForm())


@bp.post("/laos/<int:lao_id>/transfers")
@login_required
def request_transfer(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_lao_manager(current_user, lao.id)
    form = TransferRequestForm()
    if not form.validate_on_submit():
        return _page(lao.id, form, 422)
    transfers.spend_request_allowance(lao.id)
    try:
        transfers.ask(current_user, lao, form.national_id.data or "", form.effective_from.data)
    except NotFound:
        db.session.commit()  # the audited miss
        form.national_id.errors.append(_(
            "No active staff member of another LAO has this national ID. Check the number "
            "on the transfer order."))
        return _page(lao.id, form, 422)
    except AppError as exc:
        db.session.rollback()
        _put_at_fields(form, exc)
        return _page(lao.id, form, exc.status)
    db.session.commit()
    flash(_("Transfer requested. The person's LAO or the person confirms it; until then "
            "you see only a masked name."), "success")
    return redirect(url_for("org.transfers_page", lao_id=lao.id))


def _back(req: TransferRequest) -> ResponseReturnValue:
    if current_user.id == req.user_id or current_user.role not in ("hr", "executive"):
        return redirect(url_for("main.home"))
    return redirect(url_for("org.transfers_page", lao_id=current_user.lao_id))


@bp.post("/transfers/<int:transfer_id>/release")
@login_required
def release_transfer(transfer_id: int) -> ResponseReturnValue:
    req = transfers.get_visible_or_404(transfer_id, current_user)
    if not transfers.may_release(current_user, req):
        abort(403)
    if EmptyForm().validate_on_submit():
        run_and_report(lambda: transfers.release(current_user, req, today(), utcnow()),
                       _("Transfer confirmed."))
    return _back(req)


@bp.post("/transfers/<int:transfer_id>/cancel")
@login_required
def cancel_transfer(transfer_id: int) -> ResponseReturnValue:
    req = transfers.get_visible_or_404(transfer_id, current_user)
    if not transfers.may_cancel(current_user, req):
        abort(404)
    if EmptyForm().validate_on_submit():
        run_and_report(lambda: transfers.cancel(current_user, req, utcnow()),
                       _("Transfer request cancelled."))
    return _back(req)


@bp.post("/me/email/confirm")
@login_required
def send_email_confirmation() -> ResponseReturnValue:
    if EmptyForm().validate_on_submit() and current_user.email:
        link = public_url("org.confirm_email", token=email_confirm.token_for(current_user))
        send_mail(current_user.email, _("Confirm your e-mail address"), _(
            "Open this link, signed in as %(username)s, to confirm that this address is "
            "yours:\n%(link)s\n\nA confirmed address stays with your account when you move "
            "to another LAO. If you did not ask, ignore this message.",
            username=current_user.username, link=link))
        flash(_("A confirmation link is on its way to %(email)s.", email=current_user.email),
              "info")
    return redirect(url_for("main.home"))


@bp.get("/me/email/confirm/<token>")
@login_required
def confirm_email(token: str) -> ResponseReturnValue:
    run_and_report(lambda: email_confirm.confirm(current_user, token, utcnow()),
                   _("Your e-mail address is confirmed."))
    return redirect(url_for("main.home"))


def home_transfer_block() -> dict[str, object]:
    """What the person's home page shows: requests for them, an address to confirm."""
    if not current_user.is_authenticated or current_user.lao_id is None:
        return {"waiting": [], "confirm_email": False}
    return {"waiting": transfers.waiting_for(current_user),
            "confirm_email": bool(current_user.email) and current_user.email_confirmed_at is None,
            "button": EmptyForm()}


bp.add_app_template_global(home_transfer_block)
