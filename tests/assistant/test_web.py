"""The web pages: the question box, answers with links, FAQ pages and the admins' gap list."""

import pytest
from flask import render_template
from flask_login import login_user
from sqlalchemy import func, select

from app.assistant.models import UnansweredQuestion
from app.audit import AuditEvent
from app.extensions import db
from tests.conftest import login


@pytest.fixture
def officer(client, factory):
    user = factory.user(factory.lao(), "officer")
    login(client, user.username)
    return user


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_footer_box_posts_to_the_assistant_for_signed_in_people(app, factory):
    user = factory.get_user(factory.user(factory.lao(), "officer").id)
    with app.test_request_context("/courses"):
        assert render_template("assistant/_box.html").strip() == ""  # signed out: no box
        login_user(user)
        box = render_template("assistant/_box.html")
    assert 'action="/assistant"' in box
    assert 'method="post"' in box
    assert 'name="csrf_token"' in box
    assert 'maxlength="500"' in box


def test_asking_shows_answers_that_link_into_the_lessons(client, officer):
    page = client.post("/assistant", data={"question": "ลืมรหัสผ่าน e-Plan"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "ลืมรหัสผ่านเข้า e-Plan ต้องทำอย่างไร" in html
    assert 'href="/modules/' in html
    assert "#s-" in html


def test_an_unanswered_question_is_said_plainly_with_the_help_contact(app, client, officer):
    html = client.post("/assistant", data={"question": "สารบรรณ ส่งการ์ดอวยพรปีใหม่"}
                       ).get_data(as_text=True)
    assert 'class="flash no-answer"' in html
    assert "ผู้ดูแลระบบ e-Office ของ อปท." in html  # the system's help contact
    assert _count(app, UnansweredQuestion) == 1


def test_a_huge_question_is_refused_on_the_page_and_not_logged(app, client, officer):
    html = client.post("/assistant", data={"question": "ก" * 10_240}).get_data(as_text=True)
    assert "500" in html
    assert 'class="error"' in html
    assert _count(app, UnansweredQuestion) == 0


def test_an_empty_question_asks_for_one(client, officer):
    html = client.post("/assistant", data={"question": "   "}).get_data(as_text=True)
    assert 'class="error"' in html


def test_a_script_in_the_question_is_shown_as_text(client, officer):
    html = client.post("/assistant", data={"question": "<script>alert(1)</script> ฎีกา"}
                       ).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_assistant_needs_a_signed_in_person(client):
    response = client.post("/assistant", data={"question": "ลืมรหัสผ่าน"})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_each_system_has_a_faq_page_with_anchors(client, officer):
    html = client.get("/assistant/faq/e-laas").get_data(as_text=True)
    assert 'id="e-laas-faq-voucher-will-not-post"' in html
    assert html.count('class="faq-entry"') >= 15
    assert client.get("/assistant/faq/e-nothing").status_code == 404


def test_only_admins_see_the_unanswered_questions(client, officer):
    assert client.get("/admin/assistant").status_code == 403
    assert client.post("/admin/assistant/dismiss", data={"normalized": "x"}).status_code == 403


def test_admins_see_unanswered_questions_most_asked_first(app, client, factory):
    a, b = factory.lao(), factory.lao()
    for lao, question in ((a, "e-LAAS พิมพ์สลิปเงินเดือนไม่ได้"), (b, "e-laas พิมพ์สลิปเงินเดือนไม่ได้ครับ"),
                          (b, "e-LAAS  พิมพ์สลิปเงินเดือน ไม่ได้"), (a, "อบต. จัดงานกาชาดได้ไหม")):
        client.post("/logout")
        login(client, factory.user(lao, "officer").username)
        client.post("/assistant", data={"question": question})
    client.post("/logout")
    login(client, factory.user(None, "admin").username)
    html = client.get("/admin/assistant").get_data(as_text=True)
    first, second = html.index("สลิปเงินเดือน"), html.index("กาชาด")
    assert first < second  # asked three times, from two LAOs, comes first
    assert "<td class=\"n\">3</td>\n      <td class=\"n\">2</td>" in html
    only_laas = client.get("/admin/assistant?subsystem=e-laas").get_data(as_text=True)
    assert "กาชาด" not in only_laas


def test_dismissing_a_group_removes_it_and_is_audited(app, client, factory):
    login(client, factory.user(factory.lao(), "officer").username)
    client.post("/assistant", data={"question": "e-Office ส่งการ์ดอวยพรปีใหม่ได้ไหม"})
    assert _count(app, UnansweredQuestion) == 1
    with app.app_context():
        key = db.session.scalar(select(UnansweredQuestion.normalized))
    client.post("/logout")
    login(client, factory.user(None, "admin").username)
    response = client.post("/admin/assistant/dismiss", data={"normalized": key})
    assert response.status_code == 302
    assert _count(app, UnansweredQuestion) == 0
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action)) == "assistant.dismiss"
