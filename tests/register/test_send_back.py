"""An executive may send an override back to HR with a reason instead of approving it: the
request ends, HR reads who and why beside it; the same people who may not approve may not
send back either, and a reason is required."""

from app.extensions import db
from app.register.models import Assignment
from tests.conftest import login, token
from tests.register.test_assignments import _assign, _body


def _pending(client, world):
    response = _assign(client, world, _body(world.officer_a,
                                            override_reason="ยังไม่มีผู้ผ่านระดับ 2"))
    assert response.get_json()["status"] == "pending_approval"
    return response.get_json()


def test_an_executive_sends_an_override_back_and_hr_reads_why(app, client, world):
    pending = _pending(client, world)
    login(client, "executive.a")
    client.post(f"/assignments/{pending['id']}/send-back",
                data={"version": pending["version"], "reason": "ส่งอบรมก่อน แล้วค่อยเสนอใหม่"})
    with app.app_context():
        assert db.session.get(Assignment, pending["id"]).status == "ended"
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/assignments").get_data(as_text=True)
    assert "ส่งกลับแล้ว" in page
    assert "ส่งอบรมก่อน แล้วค่อยเสนอใหม่" in page
    listed = client.get(f"/api/v1/laos/{world.a.id}/assignments",
                        headers=token(client, "hr.a")).get_json()
    assert [a["status"] for a in listed] == ["ended"]


def test_sending_back_needs_a_reason_and_changes_nothing_without_one(app, client, world):
    pending = _pending(client, world)
    login(client, "executive.a")
    page = client.post(f"/assignments/{pending['id']}/send-back", follow_redirects=True,
                       data={"version": pending["version"], "reason": "   "})
    assert "กรุณาระบุเหตุผล" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Assignment, pending["id"]).status == "pending_approval"


def test_the_asker_may_not_send_back_their_own_request(app, client, world):
    pending = _pending(client, world)
    login(client, "hr.a")
    response = client.post(f"/assignments/{pending['id']}/send-back",
                           data={"version": pending["version"], "reason": "ไม่เอาแล้ว"})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Assignment, pending["id"]).status == "pending_approval"


def _send_back(client, who, assignment_id, body):
    return client.post(f"/api/v1/assignments/{assignment_id}/send-back",
                       headers=token(client, who), json=body)


def test_the_api_sends_back_with_a_reason_once(app, client, world):
    pending = _pending(client, world)
    sent = _send_back(client, "executive.a", pending["id"],
                      {"reason": "ส่งอบรมก่อน", "version": pending["version"]})
    assert sent.status_code == 200
    assert sent.get_json()["status"] == "ended"
    again = _send_back(client, "executive.a", pending["id"], {"reason": "ส่งอบรมก่อน"})
    assert again.status_code == 409  # it no longer waits
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/assignments").get_data(as_text=True)
    assert "ส่งอบรมก่อน" in page  # HR reads the reason given through the API


def test_the_api_refuses_a_bad_send_back_and_changes_nothing(app, client, world, factory):
    pending = _pending(client, world)
    blank = _send_back(client, "executive.a", pending["id"], {"reason": "  "})
    assert blank.status_code == 422
    assert "reason" in blank.get_json()["details"]["fields"]
    stale = _send_back(client, "executive.a", pending["id"],
                       {"reason": "ส่งอบรมก่อน", "version": pending["version"] + 5})
    assert stale.status_code == 409
    assert _send_back(client, "hr.a", pending["id"], {"reason": "x"}).status_code == 403
    assert _send_back(client, "officer.a", pending["id"], {}).status_code == 403
    assert _send_back(client, "executive.b", pending["id"], {"reason": "x"}).status_code == 404
    assert _send_back(client, "executive.a", 999_999, {"reason": "x"}).status_code == 404
    with app.app_context():
        assert db.session.get(Assignment, pending["id"]).status == "pending_approval"


def test_the_executive_decides_on_the_home_page_and_hr_reads_why_there(app, client, world):
    pending = _pending(client, world)
    login(client, "executive.a")
    home = client.get("/").get_data(as_text=True).split('id="pending"', 1)[1]
    assert "ต้องมีระดับ 2 ระดับปัจจุบัน 0" in home  # the gap the executive weighs
    assert f'action="/assignments/{pending["id"]}/send-back"' in home
    answer = client.post(f"/assignments/{pending['id']}/send-back",
                         data={"version": pending["version"], "next": "home",
                               "reason": "ให้สอบวัดระดับก่อน"})
    assert answer.headers["Location"].endswith("/")  # back where the decision was made
    with app.app_context():
        assert db.session.get(Assignment, pending["id"]).status == "ended"
    client.post("/logout")
    login(client, "hr.a")
    home = client.get("/").get_data(as_text=True)
    box = home.split('id="sent-back"', 1)[1].split("</section>", 1)[0]
    assert "ให้สอบวัดระดับก่อน" in box
    assert f'href="/laos/{world.a.id}/assignments"' in box
