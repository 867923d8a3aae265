"""Web: public verify page and key, certificate PDFs, bulk issuing with progress, revoking."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import (
    get_in_scope_or_404,
    get_lao_or_404,
    is_approver,
    require_lao_manager,
    require_role,
)
from app.auth.models import User
from app.certification import jobs, render, services, signing
from app.certification.access import get_certificate_or_404
from app.certification.models import BulkJob, Certificate
from app.content.models import Course
from app.dates import today
from app.db import utcnow
from app.downloads import file_response
from app.extensions import db, limiter
from app.learning.models import Enrollment
from app.org.forms import EmptyForm
from app.org.staff import staff_of
from app.web import run_and_report

bp = Blueprint("certification", __name__)


@bp.get("/verify/<code>")
@limiter.limit("30 per minute", deduct_when=lambda r: r.status_code == 404)
def verify_page(code: str) -> ResponseReturnValue:
    cert = services.by_code(code)
    if cert is None:
        return render_template("certification/verify.html", result=None), 404
    return render_template("certification/verify.html",
                           result=services.verify_body(cert, today()))


@bp.get("/.well-known/certificate-key")
def public_key() -> ResponseReturnValue:
    return Response(signing.public_pem(services.platform_key()), mimetype="text/plain")


@bp.get("/certificates/<serial>.pdf")
@login_required
def pdf(serial: str) -> ResponseReturnValue:
    cert = get_certificate_or_404(serial, current_user)
    thai = request.args.get("digits") == "thai"
    return file_response(render.pdf_bytes(cert, thai_digits=thai), "application/pdf",
                         f"{cert.serial}.pdf", inline=True)


@bp.get("/my/certificates")
@login_required
def mine() -> ResponseReturnValue:
    certs = db.session.scalars(select(Certificate).where(Certificate.user_id == current_user.id)
                               .order_by(Certificate.issued_on.desc()))
    on = today()
    return render_template("certification/mine.html",
                           certs=[(c, services.status_of(c, on)) for c in certs])


@bp.route("/laos/<int:lao_id>/certificates", methods=["GET", "POST"])
@login_required
def bulk(lao_id: int) -> ResponseReturnValue:
    lao = get_lao_or_404(lao_id, current_user)
    require_lao_manager(current_user, lao.id)
    courses = list(db.session.scalars(select(Course).order_by(Course.subsystem,
                                                               Course.audience)))
    people = staff_of(lao, active_only=True)
    course_id = request.values.get("course_id", "")
    shown_course = next((c for c in courses if str(c.id) == course_id), None)
    if request.method == "POST" and EmptyForm().validate_on_submit():
        course = shown_course
        chosen = {int(v) for v in request.form.getlist("user_id") if v.isdigit()}
        cohort = [p.id for p in people if p.id in chosen]
        if course is None or not cohort:
            flash(_("Choose a course and at least one person."), "error")
        else:
            job = jobs.create_job(current_user, lao.id, course, cohort)
            db.session.commit()
            if job.status == "awaiting":
                flash(_("Saved. The certificates are issued once an executive of the LAO "
                        "approves the cohort."), "success")
            else:
                jobs.enqueue_or_run(job.id)
            return redirect(url_for("certification.job", job_id=job.id))
    units = sorted({p.unit.name for p in people if p.unit is not None})
    unit, state = request.args.get("unit", ""), request.args.get("status", "")
    states = _course_states(shown_course, people)
    shown = [p for p in people
             if (not unit or (p.unit is not None and p.unit.name == unit))
             and (not state or states.get(p.id, "none") == state)]
    return render_template("certification/bulk.html", lao=lao, courses=courses, people=shown,
                           all_count=len(people), units=units, unit=unit, status=state,
                           course=shown_course, states=states,
                           form=EmptyForm(), recent=jobs.pending_jobs(lao.id))


def _course_states(course: Course | None, people: list[User]) -> dict[int, str]:
    """Each person's standing in the course: completed, in_progress (absent: not enrolled)."""
    if course is None:
        return {}
    rows = db.session.execute(select(Enrollment.user_id, Enrollment.status).where(
        Enrollment.course_id == course.id, Enrollment.user_id.in_([p.id for p in people])))
    return {row.user_id: row.status for row in rows}


@bp.get("/bulk-jobs/<int:job_id>")
@login_required
def job(job_id: int) -> ResponseReturnValue:
    found = get_in_scope_or_404(BulkJob, job_id, current_user)
    if not is_approver(current_user, found.lao_id):  # its executives see it to approve it
        require_lao_manager(current_user, found.lao_id)
    people = list(db.session.scalars(select(User).where(User.id.in_(jobs.cohort(found)))
                                     .order_by(User.full_name)))
    return render_template("certification/job.html", job=found, people=people,
                           course=db.session.get(Course, found.course_id), button=EmptyForm())


@bp.post("/bulk-jobs/<int:job_id>/approve")
@login_required
def approve_job(job_id: int) -> ResponseReturnValue:
    found = get_in_scope_or_404(BulkJob, job_id, current_user)
    require_role(current_user, "executive", "admin")
    if EmptyForm().validate_on_submit() and run_and_report(
            lambda: jobs.approve_job(current_user, found, utcnow()),
            _("Cohort approved: the page below shows the certificates as they are issued.")):
        jobs.enqueue_or_run(found.id)
    return redirect(url_for("certification.job", job_id=found.id))


@bp.route("/admin/certificates/<serial>", methods=["GET", "POST"])
@login_required
def admin_certificate(serial: str) -> ResponseReturnValue:
    require_role(current_user, "admin")
    cert = db.session.scalar(select(Certificate).where(Certificate.serial == serial))
    if cert is None:
        abort(404)
    if request.method == "POST" and EmptyForm().validate_on_submit():
        run_and_report(lambda: services.revoke(current_user, cert,
                                               request.form.get("reason", ""), utcnow()),
                       _("Certificate revoked."))
    return render_template("certification/admin.html", cert=cert, form=EmptyForm(),
                           status=services.status_of(cert, today()))
