"""Certificate PDFs: one warm, and 100 in one process, beside a minimal one-page WeasyPrint
document rendered the same way (target: at most 2x that floor per page)."""

import time
from pathlib import Path

from sqlalchemy import select

from app.certification.render import build_html
from app.certification.services import issue
from app.content.models import Course
from app.db import utcnow
from app.extensions import db
from app.pdf import render_pdf
from tests.bench.conftest import timed


def test_certificate_pdf_speed(app, factory):
    person = factory.user(factory.lao(), full_name="นางสาวกาญจนา ศรีสุข")
    with app.app_context(), app.test_request_context():
        from app.auth.models import User

        course = db.session.scalar(select(Course).where(Course.slug == "e-laas-officer"))
        cert = issue(None, db.session.get(User, person.id), course, 2, utcnow())
        css_text = (Path(app.config["CONTENT_ROOT"]) / "certificates/certificate.css"
                    ).read_text("utf-8")
        floor, _ = timed(lambda: render_pdf("<p>สวัสดี</p>"))
        one, _ = timed(lambda: render_pdf(build_html(cert), css_text))
        start = time.perf_counter()
        for _ in range(100):
            render_pdf(build_html(cert), css_text)
        hundred = time.perf_counter() - start
        print(f"\nminimal page: {floor * 1000:.0f} ms; certificate warm: {one * 1000:.0f} ms "
              f"({one / floor:.2f}x floor); 100 certificates: {hundred:.1f} s "
              f"({hundred * 10:.0f} ms each)")
