"""Reminders: upcoming to the owner from the LAO's lead time, overdue to owner, backup and
executives; each stage once per occurrence, also when run twice or by two processes."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from app.calendar.duties import fiscal_bounds, fiscal_year
from app.calendar.models import CalendarReminder
from app.calendar.reminders import run
from app.dates import today
from app.extensions import db


@pytest.fixture
def day():
    """5 December of the current fiscal year: the October and November monthly reports are
    overdue, December's (the 10th) is within 15 days."""
    return date(fiscal_bounds(fiscal_year(today()))[0].year, 12, 5)


@pytest.fixture
def people(factory, world, assign):
    lao = world.a
    owner = factory.user(lao, "officer", username="owner.a", email="owner@lao.test")
    backup = factory.user(lao, "officer", username="backup.a", email="backup@lao.test")
    boss = factory.user(lao, "executive", username="boss.a", email="boss@lao.test")
    hr = factory.user(lao, "hr", username="hr2.a", email="hr@lao.test")
    assign(lao, owner, "e-laas")
    assign(lao, backup, "e-laas", role="backup", share=20)
    return owner, backup, boss, hr


class Mailbox(list):
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()
        self.bodies = []

    def __call__(self, to, subject, body):
        with self.lock:
            self.append((to, subject))
            self.bodies.append((to, body))

    def to(self, address, word=""):
        return [s for t, s in self if t == address and word in s]


def test_each_stage_reaches_the_right_people_once(app, world, people, day):
    mails = Mailbox()
    with app.app_context():
        counts = run(day, mails)
        again = run(day, Mailbox())
    report = "รายงานการเงินประจำเดือน"
    # two monthly reports overdue (October, November): owner, backup and executive each hear
    assert len(mails.to("owner@lao.test", "เลยกำหนด")) >= 2
    assert len(mails.to("backup@lao.test", report)) == 2
    assert len(mails.to("boss@lao.test", report)) == 2
    # December's is coming: only its owner hears, and the backup hears nothing of it
    assert len(mails.to("owner@lao.test", "ใกล้ถึงกำหนด")) >= 1
    assert not mails.to("backup@lao.test", "ใกล้ถึงกำหนด")
    assert counts["upcoming"] >= 1
    assert counts["overdue"] >= 2
    assert (again["upcoming"], again["overdue"], again["mails"]) == (0, 0, 0)


def test_a_duty_nobody_owns_is_flagged_to_hr(app, world, people, day):
    mails = Mailbox()
    with app.app_context():
        run(day, mails)
    # nobody is assigned e-GP: HR hears that December's summary is coming
    assert mails.to("hr@lao.test", "ใกล้ถึงกำหนด 10 ธันวาคม")
    # e-LAAS has an owner: HR is not bothered with it
    assert not mails.to("hr@lao.test", "รายงานการเงินประจำเดือน")


def test_done_duties_and_the_lao_lead_time(app, client, world, people, day):
    from app.calendar.services import set_lead_days

    with app.app_context():
        from app.auth.models import User

        hr = db.session.get(User, people[3].id)
        set_lead_days(hr, world.a.id, 3)  # the 10th is 5 days away: not yet
        db.session.commit()
        mails = Mailbox()
        run(day, mails)
    assert not mails.to("owner@lao.test", "ใกล้ถึงกำหนด")


def test_two_runs_at_once_send_each_stage_once(app, world, people, day):
    mails = Mailbox()
    errors = []

    def worker():
        try:
            with app.app_context():
                run(day, mails)
                db.session.remove()
        except Exception as exc:  # a failure in a thread must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(mails) == len(set(mails))  # nobody got the same reminder twice
    with app.app_context():
        stages = db.session.scalar(select(func.count(CalendarReminder.id)))
        assert stages >= 3


def test_the_command_and_the_scheduled_job(app, outbox, world, people, day):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["calendar", "remind", "--on", day.isoformat()])
    assert first.exit_code == 0, first.output
    assert "overdue" in first.output
    sent = len(outbox)
    assert sent >= 5
    second = runner.invoke(args=["calendar", "remind", "--on", day.isoformat()])
    assert "0 upcoming, 0 overdue, 0 e-mails" in second.output
    assert len(outbox) == sent


def test_the_rq_cron_scheduler_queues_the_daily_run(app):
    from redis import Redis

    from app.calendar.jobs import CRON, QUEUE, daily, scheduler

    cron = scheduler(Redis.from_url("redis://127.0.0.1:6379/15"))  # no connection is made
    (job,) = cron.get_jobs()
    assert (job.queue_name, job.cron, job.func) == (QUEUE, CRON, daily)
    with app.app_context():
        assert daily()["mails"] == 0  # nothing is due in an empty database


def test_a_reminder_says_which_lao_what_and_where_in_thai(app, world, people, day):
    mails = Mailbox()
    app.config["PUBLIC_URL"] = "https://lao-training.example"
    try:
        with app.app_context():
            run(day, mails)
            from app.org.models import Lao

            name = db.session.get(Lao, world.a.id).name
    finally:
        app.config.pop("PUBLIC_URL")
    body = next(b for t, b in mails.bodies if t == "owner@lao.test")
    assert name in body
    assert "(ระบบ e-LAAS)" in body
    assert "https://lao-training.example/calendar/" in body
    assert "Reporting calendar" not in body  # nothing left in English
