"""Certificates: issued on completion, Thai PDF, signed QR payload, verify, revoke, bulk."""

import io
import os
import threading
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.auth.models import User
from app.certification import signing
from app.certification.models import Certificate
from app.certification.services import issue, platform_key
from app.content.models import Course
from app.dates import today as local_today
from app.db import utcnow
from app.extensions import db
from tests.conftest import login, token


def _issue(app, user_id, slug="e-laas-officer"):
    with app.app_context(), app.test_request_context():
        person = db.session.get(User, user_id)
        course = db.session.scalar(select(Course).where(Course.slug == slug))
        cert = issue(None, person, course, 2, utcnow())
        db.session.commit()
        return cert.serial, cert.code


def _complete_course(app, client, headers, slug):
    """Enrol and pass every module of a course through the API; the enrolment's state."""
    from tests.learning.test_courses import _course, _pass

    course = _course(client, headers, slug)
    enrollment = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                             headers=headers).get_json()["enrollment_id"]
    for module in course["modules"]:
        _pass(app, client, headers, enrollment, module["id"])
    return client.get(f"/api/v1/enrollments/{enrollment}", headers=headers).get_json()


@pytest.fixture
def holder(factory):
    lao = factory.lao(name="องค์การบริหารส่วนตำบลท่าผา")
    return factory.user(lao, "officer", full_name="นางสาวกาญจนา ศรีสุข")


def test_completing_a_course_issues_a_certificate(app, client, holder):
    state = _complete_course(app, client, token(client, holder.username), "info-executive")
    assert state["certificate_serial"].startswith(f"INFO-{local_today().year + 543}-")


def test_pdf_has_the_thai_name_course_and_buddhist_era_date(app, client, holder):
    serial, _code = _issue(app, holder.id)
    response = client.get(f"/api/v1/certificates/{serial}.pdf",
                          headers=token(client, holder.username))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert "นางสาวกาญจนาศรีสุข" in compact
    assert "e-LAAS" in text
    today = local_today()
    assert f"พ.ศ.{today.year + 543}" in compact
    assert serial in text


def test_serial_format_and_sequence(app, holder):
    first, _ = _issue(app, holder.id)
    second, _ = _issue(app, holder.id)
    year = local_today().year + 543
    assert first.startswith(f"ELAAS-{year}-")
    assert int(second[-6:]) == int(first[-6:]) + 1


def test_signature_verifies_and_fails_after_one_changed_byte(app, holder):
    serial, _ = _issue(app, holder.id)
    with app.app_context():
        cert = db.session.scalar(select(Certificate).where(Certificate.serial == serial))
        pem = signing.public_pem(platform_key())
        assert signing.verify(pem, cert.payload, cert.signature)
        tampered = cert.payload.replace('"level":2', '"level":3')
        assert tampered != cert.payload
        assert not signing.verify(pem, tampered, cert.signature)
        flipped = cert.signature[:-2] + ("A" if cert.signature[-2] != "A" else "B") + \
            cert.signature[-1]
        assert not signing.verify(pem, cert.payload, flipped)


def test_cli_checks_a_scanned_qr_text_offline(app, holder, tmp_path):
    serial, code = _issue(app, holder.id)
    with app.app_context():
        cert = db.session.scalar(select(Certificate).where(Certificate.serial == serial))
        text = signing.qr_text(f"http://lao.test/verify/{code}", cert.payload, cert.signature)
        key = tmp_path / "public.pem"
        key.write_text(signing.public_pem(platform_key()))
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["certificates", "verify-payload", text, "--key", str(key)])
    assert ok.exit_code == 0
    assert serial in ok.output
    url, _sep, rest = text.partition("#")
    payload, _dot, sig = rest.partition(".")
    forged_payload = signing.b64(signing.unb64(payload).replace(b'"level":2', b'"level":3'))
    bad = runner.invoke(args=["certificates", "verify-payload", f"{url}#{forged_payload}.{sig}",
                              "--key", str(key)])
    assert bad.exit_code != 0
    assert "INVALID" in bad.output


def test_public_key_is_published(client, app):
    response = client.get("/.well-known/certificate-key")
    assert response.status_code == 200
    assert "BEGIN PUBLIC KEY" in response.get_data(as_text=True)


def test_verify_shows_only_masked_data_and_status(app, client, holder):
    _serial, code = _issue(app, holder.id)
    body = client.get(f"/api/v1/verify/{code}").get_json()
    assert body["status"] == "valid"
    assert body["holder"] == "นางสาวกาญจนา ศ***"
    assert "national" not in str(body)
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    assert "นางสาวกาญจนา ศ***" in page
    assert "ศรีสุข" not in page
    assert client.get("/api/v1/verify/nope-nope").status_code == 404


def test_revoked_and_expired_certificates_say_so(app, client, factory, holder):
    serial, code = _issue(app, holder.id)
    admin = factory.user(None, "admin")
    headers = token(client, admin.username)
    assert client.post(f"/api/v1/certificates/{serial}/revoke", headers=headers,
                       json={"reason": ""}).status_code == 422
    assert client.post(f"/api/v1/certificates/{serial}/revoke",
                       headers=token(client, holder.username),
                       json={"reason": "x"}).status_code == 403
    revoked = client.post(f"/api/v1/certificates/{serial}/revoke", headers=headers,
                          json={"reason": "ออกผิดคน"})
    assert revoked.get_json()["status"] == "revoked"
    assert client.get(f"/api/v1/verify/{code}").get_json()["status"] == "revoked"
    old, old_code = _issue(app, holder.id, "e-gp-officer")
    with app.app_context():
        cert = db.session.scalar(select(Certificate).where(Certificate.serial == old))
        cert.expires_on = local_today() - timedelta(days=1)
        db.session.commit()
    assert client.get(f"/api/v1/verify/{old_code}").get_json()["status"] == "expired"


def test_guessing_codes_is_throttled(client):
    codes = [client.get(f"/api/v1/verify/guess{i:04d}").status_code for i in range(31)]
    assert codes[:30] == [404] * 30
    assert codes[30] == 429


def test_certificate_pdf_of_another_lao_is_404(app, client, world):
    serial, _ = _issue(app, world.officer_a.id)
    assert client.get(f"/api/v1/certificates/{serial}.pdf",
                      headers=token(client, "hr.b")).status_code == 404
    assert client.get(f"/api/v1/certificates/{serial}.pdf",
                      headers=token(client, "officer.b")).status_code == 404
    assert client.get(f"/api/v1/certificates/{serial}.pdf",
                      headers=token(client, "hr.a")).status_code == 200
    assert client.get(f"/api/v1/certificates/{serial}.pdf",
                      headers=token(client, "officer.a")).status_code == 200


def test_serials_stay_unique_and_gap_free_when_20_threads_issue(app, factory):
    lao = factory.lao()
    people = [factory.user(lao) for _ in range(20)]
    errors = []

    def work(user_id):
        try:
            _issue(app, user_id, "e-office-officer")
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p.id,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with app.app_context():
        numbers = sorted(db.session.scalars(select(Certificate.number).where(
            Certificate.prefix == "EOFFICE")))
    assert numbers == list(range(numbers[0], numbers[0] + 20))


def test_bulk_issuing_inline_skips_holders_of_a_valid_certificate(app, client, world):
    _issue(app, world.officer_a.id, "e-plan-officer")
    login(client, "hr.a")
    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "e-plan-officer"))
    response = client.post(f"/laos/{world.a.id}/certificates", data={
        "course_id": str(course.id),
        "user_id": [str(world.officer_a.id), str(world.hr_a.id),
                    str(world.officer_b.id)]})
    assert response.status_code == 302
    _approve(client, response.headers["Location"])
    login(client, "hr.a")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="2"' in page  # two people of this LAO processed (the other LAO's ignored)
    assert "ออกวุฒิบัตร 1 ฉบับ" in page or "1 certificates issued" in page


def _approve(client, job_page):
    """An executive of the LAO approves the cohort HR asked for."""
    client.post("/logout")
    login(client, "executive.a")
    assert client.post(job_page + "/approve").status_code == 302


def test_a_cohort_hr_asks_for_waits_for_an_executive(app, client, world):
    """Cohort certificates count for duties, so HR (who assigns duties) cannot issue them
    alone: nothing is issued until an executive of the LAO approves, and an executive
    never approves a cohort that includes them."""
    login(client, "hr.a")
    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "info-officer"))
    asked = client.post(f"/laos/{world.a.id}/certificates", data={
        "course_id": str(course.id), "user_id": [str(world.hr_a.id)]})
    job_page = asked.headers["Location"]
    assert client.post(job_page + "/approve").status_code == 403  # HR may not approve
    with_self = client.post(f"/laos/{world.a.id}/certificates", data={
        "course_id": str(course.id),
        "user_id": [str(world.hr_a.id), str(world.executive_a.id)]}).headers["Location"]
    client.post("/logout")
    login(client, "executive.b")
    assert client.get(job_page).status_code == 404
    assert client.post(job_page + "/approve").status_code == 404
    client.post("/logout")
    login(client, "executive.a")
    client.post(with_self + "/approve")
    with app.app_context():
        assert db.session.scalars(select(Certificate).where(
            Certificate.prefix == "INFO")).all() == []
    hr = token(client, "hr.a")
    duty = {"user_id": world.hr_a.id, "subsystem": "info", "role": "primary",
            "share_percent": 50, "effective_from": "2026-11-01", "order_ref": "3/2569"}
    assert client.post(f"/api/v1/laos/{world.a.id}/assignments", headers=hr,
                       json=duty).status_code == 409  # no certificate yet: the gate holds
    page = client.get(job_page).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, world.hr_a.id).full_name in page  # whom they approve
        title = db.session.get(Course, course.id).title_th
    assert title in client.get("/").get_data(as_text=True)  # the home page lists what waits
    assert client.post(job_page + "/approve").status_code == 302
    with app.app_context():
        issued = db.session.scalars(select(Certificate.user_id).where(
            Certificate.prefix == "INFO")).all()
    assert issued == [world.hr_a.id]


def _redis_up():
    try:
        from redis import Redis

        return Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except Exception:
        return False


def test_bulk_issuing_through_redis_and_an_rq_worker(app, client, world):
    if not _redis_up():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Redis must run in CI for the bulk-issuing test")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    from redis import Redis
    from rq import Queue, SimpleWorker

    redis = Redis.from_url("redis://127.0.0.1:6379/15")
    redis.flushdb()
    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    try:
        login(client, "hr.a")
        with app.app_context():
            course = db.session.scalar(select(Course).where(Course.slug == "e-gp-officer"))
        response = client.post(f"/laos/{world.a.id}/certificates", data={
            "course_id": str(course.id),
            "user_id": [str(world.officer_a.id), str(world.hr_a.id)]})
        job_page = response.headers["Location"]
        _approve(client, job_page)
        assert "รอคิว" in client.get(job_page).get_data(as_text=True) or \
            "waiting in the queue" in client.get(job_page).get_data(as_text=True)
        with app.app_context():
            SimpleWorker([Queue("certificates", connection=redis)], connection=redis).work(
                burst=True)
        page = client.get(job_page).get_data(as_text=True)
        assert 'value="2"' in page
        with app.app_context():
            issued = db.session.scalars(select(Certificate.user_id).where(
                Certificate.prefix == "EGP")).all()
        assert sorted(issued) == sorted([world.officer_a.id, world.hr_a.id])
    finally:
        app.config["REDIS_URL"] = None
        redis.flushdb()


def test_the_printed_qr_code_scans_to_the_verify_url_and_signed_payload(app, client, holder,
                                                                        tmp_path):
    import shutil
    import subprocess

    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("CI installs poppler-utils and zbar-tools for this test")
        pytest.skip("pdftoppm or zbarimg missing (apt-get install poppler-utils zbar-tools)")
    serial, code = _issue(app, holder.id)
    pdf = client.get(f"/api/v1/certificates/{serial}.pdf",
                     headers=token(client, holder.username)).data
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-singlefile", str(tmp_path / "c.pdf"),
                    str(tmp_path / "c")], check=True)
    scanned = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable",
                              str(tmp_path / "c.png")],
                             capture_output=True, text=True).stdout.strip()
    assert scanned.startswith(f"http://lao.test/verify/{code}#")
    _url, payload, signature = signing.split_qr_text(scanned)
    with app.app_context():
        assert signing.verify(signing.public_pem(platform_key()), payload, signature)
    assert serial in payload


def test_a_revoked_certificate_no_longer_counts_for_the_gate_or_the_register(app, client,
                                                                               factory, world):
    """Completing the course earns level 2 twice over (course result and certificate);
    revoking the certificate withdraws both, and the older placement result counts again."""
    factory.evidence(world.officer_a, "e-laas", 1, age_days=10)
    serial = _complete_course(app, client, token(client, "officer.a"),
                              "e-laas-officer")["certificate_serial"]
    hr = token(client, "hr.a")

    def cell():
        rows = client.get(f"/api/v1/laos/{world.a.id}/register", headers=hr).get_json()["staff"]
        return next(r for r in rows if r["user_id"] == world.officer_a.id)["cells"]["e-laas"]

    assert cell()["level"] == 2
    revoked = client.post(f"/api/v1/certificates/{serial}/revoke",
                          headers=token(client, world.admin.username),
                          json={"reason": "ทุจริตการสอบ"})
    assert revoked.status_code == 200
    assert (cell()["level"], cell()["source"]) == (1, "placement")
    duty = {"user_id": world.officer_a.id, "subsystem": "e-laas", "share_percent": 50,
            "effective_from": "2026-11-01", "order_ref": "12/2569"}
    refused = client.post(f"/api/v1/laos/{world.a.id}/assignments", headers=hr,
                          json={**duty, "role": "primary"})
    assert refused.status_code == 409
    assert refused.get_json()["error"] == "not_competent"
    assert client.post(f"/api/v1/laos/{world.a.id}/assignments", headers=hr,
                       json={**duty, "role": "backup"}).status_code == 201
    with app.app_context():
        from app.register.models import CompetencyEvent

        history = db.session.scalars(select(CompetencyEvent).where(
            CompetencyEvent.user_id == world.officer_a.id)).all()
        assert len(history) == 3  # nothing erased: the withdrawn two are marked
        assert sorted(e.source for e in history if e.retracted_at is not None) == [
            "certificate", "course"]


def test_a_certificate_issued_on_new_years_morning_carries_the_new_year(app, holder):
    from datetime import UTC, datetime

    with app.app_context(), app.test_request_context():
        person = db.session.get(User, holder.id)
        course = db.session.scalar(select(Course).where(Course.slug == "e-laas-officer"))
        # 01:00 on 1 January 2570 BE in Bangkok, still 31 December in UTC
        cert = issue(None, person, course, 2, datetime(2026, 12, 31, 18, 0, tzinfo=UTC))
        assert cert.issued_on.isoformat() == "2027-01-01"
        assert cert.serial.startswith("ELAAS-2570-")
        db.session.rollback()


def test_a_forged_host_never_reaches_a_printed_verify_link(app, client, factory, monkeypatch):
    """The first person to open a PDF sends a forged Host header: the PDF (cached for
    everyone after) still prints and encodes the platform's own verify address."""
    monkeypatch.setitem(app.config, "SERVER_NAME", None)
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://lao.example.go.th")
    lao = factory.lao()
    holder = factory.user(lao, "officer", full_name="นางสาวกาญจนา ศรีสุข")
    serial, code = _issue(app, holder.id)
    first = client.get(f"/api/v1/certificates/{serial}.pdf",
                       headers={**token(client, holder.username), "Host": "evil.example"})
    assert first.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(first.data)).pages)
    assert "evil.example" not in text
    assert f"lao.example.go.th/verify/{code}" in text.replace("\n", "")


def test_the_verify_page_gives_buddhist_era_dates(app, client, holder):
    from app.dates import thai_date

    serial, code = _issue(app, holder.id)
    with app.app_context():
        cert = db.session.scalar(select(Certificate).where(Certificate.serial == serial))
        issued, expires = thai_date(cert.issued_on), thai_date(cert.expires_on)
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    assert issued in page
    assert expires in page
    assert cert.issued_on.isoformat() not in page


def test_someone_who_left_before_the_approval_gets_no_certificate(app, client, world):
    with app.app_context():
        course_id = db.session.scalar(select(Course.id).where(Course.slug == "info-officer"))
    login(client, "hr.a")
    job_page = client.post(f"/laos/{world.a.id}/certificates", data={
        "course_id": str(course_id),
        "user_id": [str(world.officer_a.id), str(world.hr_a.id)]}).headers["Location"]
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    _approve(client, job_page)
    with app.app_context():
        issued = db.session.scalars(select(Certificate.user_id).where(
            Certificate.prefix == "INFO")).all()
    assert issued == [world.hr_a.id]


def test_an_administrator_approves_a_cohort_that_includes_the_only_executive(app, client,
                                                                           world):
    with app.app_context():
        course_id = db.session.scalar(select(Course.id).where(Course.slug == "info-officer"))
    login(client, "hr.a")
    job_page = client.post(f"/laos/{world.a.id}/certificates", data={
        "course_id": str(course_id), "user_id": [str(world.executive_a.id)]}).headers["Location"]
    client.post("/logout")
    login(client, world.admin.username)
    assert client.post(job_page + "/approve").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Certificate.user_id).where(
            Certificate.prefix == "INFO")).all() == [world.executive_a.id]


def test_revoking_a_cohort_certificate_leaves_a_completion_earned_apart(app, client, world):
    cohort_serial, _code = _issue(app, world.officer_a.id)  # e-LAAS, issued to a cohort
    _complete_course(app, client, token(client, "officer.a"), "e-laas-officer")
    assert client.post(f"/api/v1/certificates/{cohort_serial}/revoke",
                       headers=token(client, world.admin.username),
                       json={"reason": "ออกซ้ำ"}).status_code == 200
    with app.app_context():
        from app.register.models import CompetencyEvent

        withdrawn = db.session.scalars(select(CompetencyEvent.evidence_ref).where(
            CompetencyEvent.user_id == world.officer_a.id,
            CompetencyEvent.retracted_at.is_not(None))).all()
    assert withdrawn == [f"certificate:{cohort_serial}"]
    rows = client.get(f"/api/v1/laos/{world.a.id}/register",
                      headers=token(client, "hr.a")).get_json()["staff"]
    cell = next(r for r in rows if r["user_id"] == world.officer_a.id)["cells"]["e-laas"]
    assert cell["level"] == 2
