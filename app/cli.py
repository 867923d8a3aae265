"""flask commands: content sync, demo data, create-admin, import-staff."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select

from app.auth.models import User
from app.auth.passwords import hash_password
from app.auth.services import check_new_password
from app.errors import AppError
from app.extensions import db


def register_cli(app: Flask) -> None:
    @app.cli.group("content")
    def content() -> None:
        """Reference data and course content."""

    @content.command("sync")
    def content_sync() -> None:
        """Load provinces and districts (geothai), courses/ and quizzes/; idempotent."""
        from app.content.files import ContentError
        from app.content.service import load_and_sync
        from app.org.geography import sync_geography

        provinces, districts = sync_geography()
        db.session.commit()  # the geography stands on its own, whatever the content says
        click.echo(f"geography: {provinces} provinces, {districts} districts")
        try:
            report = load_and_sync(app)
        except ContentError as exc:
            db.session.rollback()
            for problem in exc.problems:
                click.echo(f"ERROR {problem}", err=True)
            raise click.ClickException(f"{len(exc.problems)} problem(s); nothing loaded") from exc
        db.session.commit()
        click.echo(f"content: {report.courses} courses, {report.modules} modules, "
                   f"{report.questions} questions, {report.retired} retired")

    @content.command("lint")
    @click.argument("subsystem", required=False)
    def content_lint(subsystem: str | None) -> None:
        """What a know-nothing examinee scores on each bank and course check; fails on a trick."""
        from app.content.files import ContentError, read_content
        from app.content.lint import format_result, lint, read_words

        root = Path(app.config["CONTENT_ROOT"])
        try:  # the reference-list rule is the sync's; the lint judges the items
            content = read_content(root / "courses", root / "quizzes", strict=False)
        except ContentError as exc:
            for problem in exc.problems:
                click.echo(f"ERROR {problem}", err=True)
            raise click.ClickException(f"{len(exc.problems)} problem(s) in the files") from exc
        result = lint(content, read_words(root / "quizzes" / "lint-words.yaml"), subsystem)
        click.echo(format_result(result))
        if result.failures:
            raise click.ClickException("the content can be beaten without knowing the system")

    @content.command("item-stats")
    @click.argument("code")
    def content_item_stats(code: str) -> None:
        """Item analysis of a placement bank (system code) or a course's checks (course id,
        e.g. e-laas-officer), over the answers so far."""
        from app.content.item_stats import course_stats, placement_stats
        from app.content.models import Course, PlacementBank

        if db.session.scalar(select(PlacementBank).where(PlacementBank.subsystem == code)):
            stats = placement_stats(code)
        else:
            course = db.session.scalar(select(Course).where(Course.slug == code))
            if course is None:
                raise click.ClickException(f"no placement bank or course '{code}'")
            stats = course_stats(course.id)
        click.echo(f"{'ref':32} {'lvl':>3} {'answers':>7} {'facility':>8} {'discr':>6}  flags")
        for s in stats:
            facility = f"{s.facility:.2f}" if s.facility is not None else "-"
            discr = f"{s.discrimination:.2f}" if s.discrimination is not None else "-"
            click.echo(f"{s.ref:32} {s.level:>3} {s.responses:>7} {facility:>8} {discr:>6}  "
                       f"{' '.join(s.flags)}")
        flagged = sum(1 for s in stats if s.flags)
        click.echo(f"{len(stats)} items, {flagged} flagged")

    @app.cli.group("placement")
    def placement() -> None:
        """Placement quizzes."""

    @placement.command("expire")
    def placement_expire() -> None:
        """Grade every attempt whose time ran out (run it every few minutes from cron)."""
        from app.db import utcnow
        from app.placement.services import expire_overdue

        count = expire_overdue(utcnow())
        db.session.commit()
        click.echo(f"graded {count} attempt(s) whose time ran out")

    @placement.command("calibrate")
    @click.argument("code", required=False)
    @click.option("--min-answers", default=50, show_default=True,
                  help="an item with fewer answers keeps its prior")
    def placement_calibrate(code: str | None, min_answers: int) -> None:
        """Re-estimate item difficulties (Rasch) from finished attempts; prints what moved."""
        from app.placement.calibration import calibrate_bank

        for line in calibrate_bank(code, min_answers):
            click.echo(line)
        db.session.commit()

    @placement.command("simulate")
    @click.argument("code", required=False)
    @click.option("--people", default=2000, show_default=True)
    def placement_simulate(code: str | None, people: int) -> None:
        """Simulated examinees through each bank: fixed form against the adaptive test."""
        from app.placement.calibration import simulate_banks
        from app.placement.simulate import format_reports

        click.echo(format_reports(simulate_banks(code, people)))

    @app.cli.group("certificates")
    def certificates() -> None:
        """Certificates: offline verification and the bulk-issuing worker."""

    @certificates.command("verify-payload")
    @click.argument("qr_text")
    @click.option("--key", "key_path", type=click.Path(exists=True, dir_okay=False),
                  help="public key PEM (default: this platform's key)")
    def verify_payload(qr_text: str, key_path: str | None) -> None:
        """Check the signed payload a certificate's QR code carries, with no connection."""
        from app.certification import signing
        from app.certification.services import platform_key

        try:
            _url, payload, signature = signing.split_qr_text(qr_text)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        pem = Path(key_path).read_text() if key_path else signing.public_pem(platform_key())
        if not signing.verify(pem, payload, signature):
            raise click.ClickException("INVALID signature: the payload was changed or forged")
        click.echo(f"VALID signature\n{payload}")

    @certificates.command("worker")
    def certificates_worker() -> None:
        """Run the RQ worker that issues bulk certificates (needs REDIS_URL)."""
        from redis import Redis
        from rq import Worker

        from app.certification.jobs import QUEUE

        if not app.config.get("REDIS_URL"):
            raise click.ClickException("REDIS_URL is not set: bulk issuing runs inline")
        Worker([QUEUE], connection=Redis.from_url(app.config["REDIS_URL"])).work()

    @app.cli.group("calendar")
    def calendar() -> None:
        """Reporting calendar: reminders, their schedule, the duties file."""

    @calendar.command("remind")
    @click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
                  help="act as if today were this day (default: today in Thailand)")
    def calendar_remind(on: object) -> None:
        """Send the reminders due today, each stage once per occurrence (daily; safe to
        run twice or from two processes)."""
        from app.calendar.reminders import run
        from app.dates import today
        from app.mail import send_mail

        day = on.date() if on is not None else today()  # type: ignore[attr-defined]
        counts = run(day, send_mail)
        click.echo(f"{day}: {counts['upcoming']} upcoming, {counts['overdue']} overdue, "
                   f"{counts['mails']} e-mails, {counts['skipped']} already taken, "
                   f"{counts['created']} occurrences created")

    @calendar.command("check")
    def calendar_check() -> None:
        """Check the duties file; prints every problem with its line."""
        from app.calendar.duties import DUTIES_PATH, DutiesError, parse_duties

        try:
            duties = parse_duties(DUTIES_PATH.read_text(encoding="utf-8"), DUTIES_PATH.name)
        except DutiesError as exc:
            for problem in exc.problems:
                click.echo(f"ERROR {problem}", err=True)
            raise click.ClickException(f"{len(exc.problems)} problem(s)") from exc
        click.echo(f"{len(duties)} duties, {sum(d.verified for d in duties)} verified")

    @calendar.command("scheduler")
    def calendar_scheduler() -> None:
        """Run the RQ cron scheduler that queues the daily reminders (needs REDIS_URL)."""
        from redis import Redis

        from app.calendar.jobs import scheduler

        if not app.config.get("REDIS_URL"):
            raise click.ClickException("REDIS_URL is not set: run 'flask calendar remind' "
                                       "from cron instead")
        scheduler(Redis.from_url(app.config["REDIS_URL"])).start()

    @calendar.command("worker")
    def calendar_worker() -> None:
        """Run the RQ worker for the calendar queue (needs REDIS_URL)."""
        from redis import Redis
        from rq import Worker

        from app.calendar.jobs import QUEUE

        if not app.config.get("REDIS_URL"):
            raise click.ClickException("REDIS_URL is not set")
        Worker([QUEUE], connection=Redis.from_url(app.config["REDIS_URL"])).work()

    @app.cli.group("transfers")
    def transfers_group() -> None:
        """Transfers between LAOs."""

    @transfers_group.command("complete")
    @click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
                  help="act as if today were this day (default: today in Thailand)")
    def transfers_complete(on: object) -> None:
        """Carry out the released transfers whose date has come (daily; running it twice
        does nothing more)."""
        from app.dates import today
        from app.db import utcnow
        from app.org.transfers import complete_due

        day = on.date() if on is not None else today()  # type: ignore[attr-defined]
        done = complete_due(day, utcnow())
        db.session.commit()
        click.echo(f"{day}: {done} transfers done")

    @app.cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    def backup(path: Path) -> None:
        """Copy the SQLite database while the app runs (PostgreSQL: use pg_dump)."""
        from app.backup import backup_sqlite

        try:
            size = backup_sqlite(db.engine, path)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"backup written to {path} ({size} bytes)")

    @app.cli.command("restore")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def restore(path: Path) -> None:
        """Replace the SQLite database by a backup made with 'backup' (checked first)."""
        from app.backup import restore_sqlite

        try:
            restore_sqlite(db.engine, path)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"restored from {path}")

    @app.cli.group("privacy")
    def privacy() -> None:
        """Personal data retention."""

    @privacy.command("anonymise")
    @click.option("--days", default=1825, show_default=True,
                  help="keep people who left for this many days, then anonymise them")
    def anonymise(days: int) -> None:
        """Anonymise people deactivated longer ago than the retention period."""
        from app.db import utcnow
        from app.privacy.services import anonymise_departed

        count = anonymise_departed(utcnow(), days)
        db.session.commit()
        click.echo(f"anonymised {count} person(s)")

    @app.cli.command("synth")
    @click.option("--laos", "lao_count", default=7850, show_default=True)
    @click.option("--staff-per-lao", default=30, show_default=True)
    def synth(lao_count: int, staff_per_lao: int) -> None:
        """A synthetic national dataset for scale tests (never on a real database)."""
        import time

        from app.org.synth import synthesize

        started = time.perf_counter()
        counts = synthesize(lao_count, staff_per_lao)
        db.session.commit()
        click.echo(f"{counts} in {time.perf_counter() - started:.1f} s")

    @app.cli.command("demo")
    def demo() -> None:
        """Demo provinces, LAOs, staff and accounts; idempotent; prints the accounts."""
        from app.org.demo import DEMO_PASSWORD, load_demo

        accounts = load_demo()
        db.session.commit()
        from app.calendar.synth import load_demo_history
        from app.dates import today

        load_demo_history(today())  # the reporting calendar's past year, done and overdue
        db.session.commit()
        click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for username, label in accounts:
            click.echo(f"  {username:<28} {label}")
        from app.org.models import Lao
        from app.register.models import Assignment

        owners = db.session.execute(
            select(User.username, Assignment.subsystem, Lao.name).join(
                Assignment, Assignment.user_id == User.id).join(
                Lao, Lao.id == Assignment.lao_id)
            .where(Assignment.role == "primary", Assignment.status == "active",
                   Assignment.subsystem.in_(("e-laas", "e-plan")))
            .order_by(Lao.code, Assignment.subsystem).limit(4)).all()
        click.echo("Owners of reporting duties (my duties, marking one done; same password)")
        for username, system, lao_name in owners:
            click.echo(f"  {username:<28} {system} primary, {lao_name}")

    @app.cli.command("create-admin")
    @click.argument("username")
    def create_admin(username: str) -> None:
        """Create or reset an admin; password from ADMIN_PASSWORD or a prompt."""
        password = os.environ.get("ADMIN_PASSWORD") or click.prompt(
            "Password", hide_input=True, confirmation_prompt=True)
        try:
            check_new_password(password, username)
        except AppError as exc:
            raise click.ClickException(f"{exc.message} {exc.details}") from exc
        user = db.session.scalar(select(User).where(User.username == username.lower()))
        if user is None:
            user = User(username=username.lower(), full_name=username, role="admin")
            db.session.add(user)
        elif user.role != "admin":
            raise click.ClickException(f"{username} exists and is not an admin")
        user.password_hash = hash_password(password)
        db.session.commit()
        click.echo(f"admin {username} ready")

    @app.cli.command("import-staff")
    @click.argument("lao_code")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_staff(lao_code: str, path: Path) -> None:
        """Import a staff CSV/XLSX into the LAO with this code (as the platform)."""
        from app.org.models import Lao
        from app.org.services import import_staff as do_import
        from app.org.staff import read_upload

        lao = db.session.scalar(select(Lao).where(Lao.code == lao_code))
        if lao is None:
            raise click.ClickException(f"no LAO with code {lao_code}")
        admin = db.session.scalar(select(User).where(User.role == "admin").limit(1))
        try:
            with path.open("rb") as stream:
                parsed = read_upload(path.name, stream, app.config["IMPORT_MAX_BYTES"])
            counts = do_import(admin, lao, parsed)
        except AppError as exc:
            db.session.rollback()
            for row in exc.details.get("rows", []):
                click.echo(f"row {row['row']} {row['column']}: {row['message']}", err=True)
            raise click.ClickException(exc.message) from exc
        db.session.commit()
        click.echo(f"created {counts.created}, updated {counts.updated}")
