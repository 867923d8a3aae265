"""The daily reminder run as an RQ cron job when REDIS_URL is set (`flask calendar
scheduler` enqueues it, `flask calendar worker` runs it); `flask calendar remind` from the
system's cron does the same without Redis."""

from __future__ import annotations

from typing import Any

from flask import has_app_context

QUEUE = "calendar"
# 00:30 UTC is 07:30 in Thailand: reminders are waiting when the office opens
CRON = "30 0 * * *"


def daily() -> dict[str, int]:
    """The queued function: works in the worker's app context, or makes one."""
    if not has_app_context():
        from app import create_app

        with create_app().app_context():
            return daily()
    from app.calendar.reminders import run
    from app.dates import today
    from app.mail import send_mail

    return run(today(), send_mail)


def scheduler(connection: Any) -> Any:
    """An RQ CronScheduler that puts `daily` on the calendar queue every morning. Two
    schedulers running by mistake still send each stage once (calendar_reminder's key)."""
    from rq.cron import CronScheduler

    cron = CronScheduler(connection=connection, name="lao-calendar")
    cron.register(daily, QUEUE, cron=CRON, job_timeout=3600)
    return cron
