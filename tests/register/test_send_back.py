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
