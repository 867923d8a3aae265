"""Bulk issuing for a training cohort: on the RQ queue when REDIS_URL is set, else inline."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import select

from app.auth.models import User
from app.certification.models import BulkJob
from app.certification.services import issue, valid_certificate
from app.content.models import Course
from app.dates import local_date
from app.db import utcnow
from app.extensions import db

QUEUE = "certificates"


def create_job(actor: User, lao_id: int, course: Course, user_ids: list[int]) -> BulkJob:
    job = BulkJob(lao_id=lao_id, course_id=course.id, total=len(user_ids),
                  user_ids=",".join(str(i) for i in user_ids), created_by_id=actor.id,
                  status="queued")
    db.session.add(job)
    db.session.flush()
    return job


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
    if job is None or job.status == "done":
        return
    job.status = "running"
    db.session.commit()
    course = db.session.get(Course, job.course_id)
    actor = db.session.get(User, job.created_by_id)
    try:
        for raw in job.user_ids.split(","):
            # lock the person: two jobs for the same cohort never both issue (PostgreSQL;
            # SQLite transactions are serialised already)
            person = db.session.scalar(select(User).where(User.id == int(raw))
                                       .with_for_update())
            now = utcnow()
            if person is not None and person.lao_id == job.lao_id and course is not None \
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
