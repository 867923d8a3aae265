"""Transfers between LAOs need two parties (SPEC 3): LAO A's HR asks for a person of LAO B by
national ID; B's HR or the person releases; the move happens on its date. Until released A
sees a masked name and nothing else of the person."""

import random
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.audit import AuditEvent
from app.auth.models import PasswordReset, User
from app.db import utcnow
from app.extensions import db
from app.org.demo import make_national_id
from app.org.models import RoleGrant, TransferRequest
from tests.conftest import login, token

PAST, FUTURE = "2026-11-20", "2099-01-01"


@pytest.fixture
def nid():
    rng = random.Random(7)
    return lambda: make_national_id(rng)


@pytest.fixture
def mover(factory, world, nid):
    """A staff member of LAO B with a national ID and an e-mail address HR typed in."""
    number = nid()
    person = factory.user(world.b, "executive", username="somchai.b", national_id=number,
                          full_name="นายสมชาย ใจดี", email="somchai@example.org")
    person.national_id = number
    return person


def _ask(client, world, national_id, when=PAST, who="hr.a", lao=None):
    return client.post(f"/api/v1/laos/{(lao or world.a).id}/transfers",
                       headers=token(client, who),
                       json={"national_id": national_id, "effective_from": when})


def _list(client, lao_id, who):
    return client.get(f"/api/v1/laos/{lao_id}/transfers", headers=token(client, who))


def _act(client, transfer_id, verb, who):
    return client.post(f"/api/v1/transfers/{transfer_id}/{verb}", headers=token(client, who))


def _sign_in(client, username):
    client.post("/logout")
    login(client, username)


def _person(app, user_id):
    with app.app_context():
        person = db.session.get(User, user_id)
        db.session.expunge(person)
        return person


def _actions(app, prefix):
    with app.app_context():
        return [e.action for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action.like(prefix + "%"))
            .order_by(AuditEvent.id))]


def test_the_destination_asks_and_sees_only_a_masked_name(app, client, world, mover):
    asked = _ask(client, world, mover.national_id)
    assert asked.status_code == 201
    assert asked.get_json() == {"id": asked.get_json()["id"], "status": "requested"}
    incoming = _list(client, world.a.id, "hr.a").get_json()
    assert incoming == [{"id": asked.get_json()["id"], "direction": "in", "status": "requested",
                         "person": "น••• ใ•••", "from_lao_id": world.b.id,
                         "to_lao_id": world.a.id, "effective_from": PAST}]
    assert "สมชาย" not in _list(client, world.a.id, "executive.a").get_data(as_text=True)
    outgoing = _list(client, world.b.id, "hr.b").get_json()
    assert outgoing[0]["direction"] == "out"
    assert outgoing[0]["person"] == "นายสมชาย ใจดี"  # the person's own LAO knows them
    assert _actions(app, "transfer.") == ["transfer.request"]


def test_until_released_every_endpoint_about_the_person_answers_404(client, world, mover):
    _ask(client, world, mover.national_id)
    hr_a = token(client, "hr.a")
    assert client.post(f"/api/v1/users/{mover.id}/reset-code", headers=hr_a).status_code == 404
    assert client.get(f"/api/v1/users/{mover.id}/competencies",
                      headers=hr_a).status_code == 404
    staff = client.get(f"/api/v1/laos/{world.a.id}/staff", headers=hr_a).get_json()
    assert mover.id not in {s["id"] for s in staff}
    login(client, "hr.a")
    assert client.post(f"/users/{mover.id}/reset-code").status_code == 404


def test_every_miss_is_the_same_404_and_is_audited(app, client, factory, world, nid):
    left = nid()
    factory.user(world.b, username="left.b", national_id=left, status="inactive")
    here = nid()
    factory.user(world.a, username="here.a", national_id=here)
    answers = [_ask(client, world, number) for number in (nid(), left, here)]
    assert {r.status_code for r in answers} == {404}
    assert len({r.get_data() for r in answers}) == 1  # not a word more for any of them
    assert _actions(app, "transfer.") == ["transfer.request_miss"] * 3
    with app.app_context():
        assert db.session.scalar(select(func.count(TransferRequest.id))) == 0


def test_a_malformed_request_is_422(client, world, mover):
    bad_digit = mover.national_id[:12] + str((int(mover.national_id[12]) + 1) % 10)
    assert _ask(client, world, bad_digit).status_code == 422
    bad_date = _ask(client, world, mover.national_id, when="1/11/2026")
    assert "effective_from" in bad_date.get_json()["details"]["fields"]


def test_only_hr_of_the_destination_or_an_admin_asks(client, world, mover):
    assert _ask(client, world, mover.national_id, who="officer.a").status_code == 403
    assert _ask(client, world, mover.national_id, who="executive.a").status_code == 403
    assert _ask(client, world, mover.national_id, who="hr.b").status_code == 404
    admin = _ask(client, world, mover.national_id, who=world.admin.username)
    assert admin.status_code == 201
    again = _ask(client, world, mover.national_id)  # the open request, not a second one
    assert again.status_code == 201
    assert again.get_json()["id"] == admin.get_json()["id"]


def test_requests_are_throttled_per_asking_lao_only(app, client, world, mover, nid,
                                                    monkeypatch):
    monkeypatch.setitem(app.config, "TRANSFER_REQUEST_LIMIT", "3 per day")
    for _ in range(3):
        assert _ask(client, world, nid()).status_code == 404
    assert _ask(client, world, mover.national_id).status_code == 429
    # outsiders posting to LAO A's address spend nothing of its allowance nor of their own
    assert _ask(client, world, mover.national_id, who="hr.b").status_code == 404
    assert _ask(client, world, mover.national_id, who="hr.b", lao=world.b).status_code == 404


def test_the_source_hr_releases_and_the_move_happens_that_day(app, client, factory, world,
                                                              mover):
    factory.evidence(mover, "e-laas", 2)
    hr_b = token(client, "hr.b")
    assigned = client.post(f"/api/v1/laos/{world.b.id}/assignments", headers=hr_b, json={
        "user_id": mover.id, "subsystem": "e-laas", "role": "primary", "share_percent": 50,
        "effective_from": "2026-11-01", "order_ref": "1/2569"})
    assert assigned.status_code == 201, assigned.get_json()
    with app.app_context():
        db.session.add(PasswordReset(user_id=mover.id, kind="link", secret_hash="x" * 64,
                                     expires_at=utcnow() + timedelta(hours=1)))
        db.session.add(RoleGrant(lao_id=world.b.id, user_id=mover.id, role="hr",
                                 requested_by_id=world.hr_b.id))
        db.session.commit()
    transfer_id = _ask(client, world, mover.national_id).get_json()["id"]

    assert _act(client, transfer_id, "release", "hr.a").status_code == 403  # the asker
    assert _act(client, transfer_id, "release", "executive.b").status_code == 403
    assert _act(client, transfer_id, "release", "officer.b").status_code == 404
    released = _act(client, transfer_id, "release", "hr.b")
    assert released.get_json() == {"id": transfer_id, "status": "done"}

    person = _person(app, mover.id)
    assert (person.lao_id, person.role, person.email) == (world.a.id, "officer", None)
    listed = client.get(f"/api/v1/laos/{world.b.id}/assignments", headers=hr_b).get_json()
    assert [(a["status"], a["effective_to"]) for a in listed] == [("ended", PAST)]
    with app.app_context():
        assert db.session.scalar(select(PasswordReset.used_at)) is not None
        assert db.session.scalar(select(RoleGrant.status)) == "withdrawn"
    assert _actions(app, "role_grant.withdraw") == ["role_grant.withdraw"]
    login(client, "hr.b")
    page = client.get(f"/laos/{world.b.id}/role-grants").get_data(as_text=True)
    assert "ถอนคำขอแล้ว: บุคคลนี้ย้ายไป อปท. อื่น" in page
    client.post("/logout")
    assert _actions(app, "transfer.") == ["transfer.request", "transfer.release",
                                          "transfer.done"]
    # now LAO A has them, by name, and may issue them a reset code
    assert _list(client, world.a.id, "hr.a").get_json()[0]["person"] == "นายสมชาย ใจดี"
    assert client.post(f"/api/v1/users/{mover.id}/reset-code",
                       headers=token(client, "hr.a")).status_code == 201
    assert _act(client, transfer_id, "cancel", "hr.a").status_code == 409  # done is done
    assert _act(client, transfer_id, "release", "hr.b").status_code == 409


def test_a_confirmed_email_moves_with_the_person(app, client, world, mover):
    with app.app_context():
        db.session.get(User, mover.id).email_confirmed_at = utcnow()
        db.session.commit()
    transfer_id = _ask(client, world, mover.national_id).get_json()["id"]
    _act(client, transfer_id, "release", "somchai.b")
    assert _person(app, mover.id).email == "somchai@example.org"


def test_the_person_releases_a_future_transfer_that_completes_on_its_date(app, client,
                                                                          world, mover):
    transfer_id = _ask(client, world, mover.national_id, when=FUTURE).get_json()["id"]
    released = _act(client, transfer_id, "release", "somchai.b")
    assert released.get_json() == {"id": transfer_id, "status": "released"}
    assert _person(app, mover.id).lao_id == world.b.id  # not yet
    assert _list(client, world.a.id, "hr.a").get_json()[0]["person"] == "นายสมชาย ใจดี"
    assert client.post(f"/api/v1/users/{mover.id}/reset-code",
                       headers=token(client, "hr.a")).status_code == 404

    runner = app.test_cli_runner()
    assert "0 transfers done" in runner.invoke(args=["transfers", "complete"]).output
    assert "1 transfers done" in runner.invoke(
        args=["transfers", "complete", "--on", FUTURE]).output
    assert "0 transfers done" in runner.invoke(
        args=["transfers", "complete", "--on", FUTURE]).output  # twice: nothing more
    assert _person(app, mover.id).lao_id == world.a.id
    assert _list(client, world.b.id, "hr.b").get_json()[0]["status"] == "done"
    assert _actions(app, "transfer.done") == ["transfer.done"]


def test_either_hr_cancels_nobody_else(app, client, world, mover, factory, nid):
    transfer_id = _ask(client, world, mover.national_id).get_json()["id"]
    for outsider in ("somchai.b", "officer.a", "executive.b", world.sup_country.username):
        assert _act(client, transfer_id, "cancel", outsider).status_code == 404, outsider
    assert _act(client, transfer_id, "cancel", "hr.b").get_json() == {
        "id": transfer_id, "status": "cancelled"}
    assert _act(client, transfer_id, "release", "somchai.b").status_code == 409
    assert _act(client, transfer_id, "cancel", "hr.a").status_code == 409
    again = _ask(client, world, mover.national_id).get_json()
    assert again["id"] != transfer_id  # a cancelled request does not block a new one
    assert _act(client, again["id"], "cancel", "hr.a").status_code == 200
    assert _person(app, mover.id).lao_id == world.b.id


def test_other_open_requests_lapse_when_the_person_moves(app, client, factory, world, mover):
    c = factory.lao("6001", code="6600199")
    factory.user(c, "hr", username="hr.c")
    to_c = _ask(client, world, mover.national_id, who="hr.c", lao=c).get_json()["id"]
    to_a = _ask(client, world, mover.national_id).get_json()["id"]
    _act(client, to_a, "release", "hr.b")
    assert _list(client, c.id, "hr.c").get_json()[0]["status"] == "cancelled"
    assert _act(client, to_c, "release", "somchai.b").status_code == 409


def test_the_person_confirms_from_the_home_page(client, world, mover):
    transfer_id = _ask(client, world, mover.national_id, when=FUTURE).get_json()["id"]
    login(client, "somchai.b")
    home = client.get("/").get_data(as_text=True)
    assert "ขอโอนย้ายท่าน" in home
    assert "1 ม.ค. 2642" in home
    assert f"/transfers/{transfer_id}/release" in home
    confirmed = client.post(f"/transfers/{transfer_id}/release")
    assert confirmed.status_code == 302
    assert f"/transfers/{transfer_id}/release" not in client.get("/").get_data(as_text=True)
    assert _list(client, world.b.id, "hr.b").get_json()[0]["status"] == "released"


def test_both_laos_see_the_requests_page_with_status_and_dates(client, world, mover):
    login(client, "hr.a")
    page = client.post(f"/laos/{world.a.id}/transfers",
                       data={"national_id": mover.national_id, "effective_from": PAST})
    assert page.status_code == 302
    text = client.get(f"/laos/{world.a.id}/transfers").get_data(as_text=True)
    assert "น••• ใ•••" in text
    assert "สมชาย" not in text
    assert "20 พ.ย. 2569" in text
    assert "รอการยินยอม" in text
    _sign_in(client, "hr.b")
    text = client.get(f"/laos/{world.b.id}/transfers").get_data(as_text=True)
    assert "นายสมชาย ใจดี" in text
    assert "ยินยอมให้ย้าย" in text
    _sign_in(client, "officer.b")
    assert client.get(f"/laos/{world.b.id}/transfers").status_code == 403


def _field_error(text):
    """The message printed at the national ID field, or None."""
    found = re.search(r'<p class="error" id="national_id-error">(.*?)</p>', text)
    return found.group(1) if found else None


def test_the_web_form_answers_a_miss_without_saying_why(client, world, nid):
    login(client, "hr.a")
    number = nid()
    page = client.post(f"/laos/{world.a.id}/transfers",
                       data={"national_id": number, "effective_from": PAST})
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "ไม่พบ" in _field_error(text)
    assert '<details class="card" open>' in text
    assert 'class="error-summary"' in text
    assert f'value="{number}"' in text  # what was typed stays


def test_a_mistyped_id_is_marked_at_its_field_and_the_form_stays_open(app, client, world,
                                                                     mover):
    login(client, "hr.a")
    typo = mover.national_id[:12] + str((int(mover.national_id[12]) + 1) % 10)
    page = client.post(f"/laos/{world.a.id}/transfers",
                       data={"national_id": typo, "effective_from": PAST})
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert _field_error(text) == "เลข 13 หลักไม่ถูกต้อง ตรวจเลขหลักสุดท้ายอีกครั้ง"
    assert "ข้อมูลบางช่องไม่ถูกต้อง" not in text
    assert '<details class="card" open>' in text
    assert 'href="#national_id"' in text.split('class="error-summary"')[1].split("</div>")[0]
    assert 'aria-invalid="true"' in text
    assert f'value="{typo}"' in text
    short = client.post(f"/laos/{world.a.id}/transfers",
                        data={"national_id": "12345", "effective_from": PAST})
    assert short.status_code == 422
    assert "ตอนนี้มี 5 หลัก" in _field_error(short.get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(func.count(TransferRequest.id))) == 0
    assert _actions(app, "transfer.") == []  # a typo is not a miss: nothing looked up


def test_the_admin_transfer_form_answers_422_when_refused(client, world, mover):
    login(client, world.admin.username)
    page = client.post(f"/users/{mover.id}/transfer", data={"to_lao_id": world.a.id})
    assert page.status_code == 422
    assert 'class="error-summary"' in page.get_data(as_text=True)


def test_the_person_confirms_their_email_by_the_link_sent_to_it(app, client, world, mover,
                                                                 outbox):
    login(client, "somchai.b")
    assert "ยืนยันอีเมล" in client.get("/").get_data(as_text=True)
    client.post("/me/email/confirm")
    assert outbox[-1]["To"] == "somchai@example.org"
    link = next(line for line in outbox[-1].get_content().splitlines() if "/me/email/" in line)
    path = link.split("lao.test", 1)[1]
    _sign_in(client, "officer.b")  # someone else who got hold of the link
    client.get(path)
    assert _person(app, mover.id).email_confirmed_at is None
    _sign_in(client, "somchai.b")
    client.get(path)
    assert _person(app, mover.id).email_confirmed_at is not None
    assert _actions(app, "user.email_confirm") == ["user.email_confirm"]


def test_a_new_address_from_hr_needs_a_new_confirmation(app, client, world, mover):
    import io

    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    with app.app_context():
        db.session.get(User, mover.id).email_confirmed_at = utcnow()
        db.session.commit()
    csv = ("username,national_id,full_name,position,unit,role,email\n"
           f"somchai.b,{mover.national_id},นายสมชาย ใจดี,,,officer,other@example.org\n")
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(csv.encode()), "s.csv")})
    imported = client.post(f"/api/v1/laos/{world.b.id}/staff/import",
                           headers=token(client, world.admin.username), data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert imported.status_code == 200, imported.get_json()
    assert _person(app, mover.id).email_confirmed_at is None
