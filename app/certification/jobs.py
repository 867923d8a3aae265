"""Bulk issuing for a training cohort: on the RQ queue when REDIS_URL is set, else inline."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, has_app_context
from sqlalchemy import select

from app import audit
from app.access import is_approver
from app.auth.models import User
from app.certification.models import BulkJob
from app.certification.services import issue, valid_certificate
from app.content.models import Course
from app.dates import local_date
from app.db import utcnow
from app.errors import N_, Conflict, Forbidden
from app.extensions import db

QUEUE = "certificates"


def create_job(actor: User, lao_id: int, course: Course, user_ids: list[int]) -> BulkJob:
    """A cohort's certificates count as competency evidence, so HR (who also assigns
    duties) only asks for them: an executive of the LAO approves, as for an override.
    An administrator's job runs at once."""
    job = BulkJob(lao_id=lao_id, course_id=course.id, total=len(user_ids),
                  user_ids=",".join(str(i) for i in user_ids), created_by_id=actor.id,
                  status="queued" if actor.role == "admin" else "awaiting")
    db.session.add(job)
    db.session.flush()
    audit.record(actor, "certificate.cohort_request", job, lao_id=lao_id,
                 after={"course": course.slug, "user_ids": user_ids, "status": job.status})
    return job


def cohort(job: BulkJob) -> list[int]:
    return [int(raw) for raw in job.user_ids.split(",") if raw]


def approve_job(actor: User, job: BulkJob, now: datetime) -> None:
    """An executive of the same LAO lets a cohort's certificates be issued; never a cohort
    they are in themselves. An administrator may too (say the LAO's only executive is in
    the cohort)."""
    if not is_approver(actor, job.lao_id):
        raise Forbidden(N_("only an executive of this LAO approves a cohort's certificates"))
    if actor.id in cohort(job):
        raise Forbidden(N_("an executive does not approve a cohort that includes themselves"))
    if actor.id == job.created_by_id:  # say an HR officer made executive since
        raise Forbidden(N_("a cohort is approved by someone other than the one who asked"))
    if job.status != "awaiting":
        raise Conflict(N_("this cohort is not waiting for approval"))
    job.status, job.approved_by_id, job.approved_at = "queued", actor.id, now
    db.session.flush()
    audit.record(actor, "certificate.cohort_approve", job, lao_id=job.lao_id,
                 before={"status": "awaiting"}, after={"status": "queued"})


def awaiting_jobs(lao_id: int) -> list[BulkJob]:
    return list(db.session.scalars(select(BulkJob).where(
        BulkJob.lao_id == lao_id, BulkJob.status == "awaiting").order_by(BulkJob.id)))


def enqueue_or_run(job_id: int) -> str:
    """Put the job on Redis when configured ('queued'), otherwise run it now ('done')."""
    url = current_app.config.get("REDIS_URL")
    if url:
        from redis import Redis
        from rq import Queue

        Queue(QUEUE, connection=Redis.from_url(url)).enqueue(run_job, job_id, job_timeout=3600)
        return "queued"
    run_job(job_id)
    return "done"


def run_job(job_id: int) -> None:
    """The queued function: works in the worker's app context, or makes one."""
    if has_app_context():
        _run(job_id)
        return
    from app import create_app

    with create_app().app_context():
        _run(job_id)


def _run(job_id: int) -> None:
    """Issue the cohort's certificates one by one, committing progress as it goes."""
    job = db.session.get(BulkJob, job_id)
    if job is None or job.status in ("done", "awaiting"):
        return
    job.status = "running"
    db.session.commit()
    course = db.session.get(Course, job.course_id)
    actor = db.session.get(User, job.created_by_id)
    try:
        for user_id in cohort(job):
            # lock the person: two jobs for the same cohort never both issue (PostgreSQL;
            # SQLite transactions are serialised already)
            person = db.session.scalar(select(User).where(User.id == user_id)
                                       .with_for_update())
            now = utcnow()
            # someone who left after the cohort was asked for gets nothing
            if person is not None and person.lao_id == job.lao_id and course is not None \
                    and person.status == "active" \
                    and valid_certificate(person.id, course.id, local_date(now)) is None:
                issue(actor, person, course, 2, now)
                job.issued += 1
            job.done += 1
            db.session.commit()  # one certificate per commit: a crash loses nothing done
        job.status = "done"
    except Exception:
        db.session.rollback()
        job.status = "failed"
        raise
    finally:
        db.session.commit()


def pending_jobs(lao_id: int) -> list[BulkJob]:
    return list(db.session.scalars(select(BulkJob).where(BulkJob.lao_id == lao_id)
                                   .order_by(BulkJob.id.desc()).limit(10)))
