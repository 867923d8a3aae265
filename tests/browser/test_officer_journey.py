"""An officer's whole journey from the task list (issue 20): signs in, follows "continue" to
the placement quiz, places at level 3, takes the final check the path leaves, and finds the
certificate — each step's state changing on the home page as it goes."""

from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.content.models import QuestionOption
from app.extensions import db
from app.register.models import Assignment
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def _key(live, question_id):
    with live.app.app_context():
        return db.session.scalar(select(QuestionOption.id).where(
            QuestionOption.question_id == question_id, QuestionOption.correct.is_(True)))


def test_officer_goes_from_sign_in_to_certificate_by_the_task_list(page, live):
    username = "officer.5600401"  # e-Bidding: a system no other browser test takes for them
    with live.app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        hr = db.session.scalar(select(User).where(User.username == "hr.5600401"))
        db.session.add(Assignment(lao_id=user.lao_id, user_id=user.id, subsystem="e-bidding",
                                  role="primary", share_percent=30,
                                  effective_from=date(2026, 10, 1), order_ref="12/2569",
                                  status="pending_approval", override_reason="รอผลสอบ",
                                  created_by_id=hr.id))
        db.session.commit()
    _sign_in(page, live.url, username)
    tasks = page.locator("#my-systems")
    expect(tasks).to_contain_text("e-Bidding")

    page.locator("#continue").click()  # the one "continue": the placement quiz
    expect(page).to_have_url(f"{live.url}/placement")
    page.locator("tr", has_text="e-Bidding").get_by_role("button", name="เริ่มทำ").click()
    page.wait_for_selector("#quiz")
    count = page.locator("#dots button").count()
    for i in range(count):
        page.locator("#dots button").nth(i).click()
        qid = int(page.locator("section.question:visible").get_attribute("data-qid"))
        page.locator(f"section.question:visible input[value='{_key(live, qid)}']").check()
    expect(page.locator("#save-status")).to_contain_text("บันทึกคำตอบครบแล้ว")
    page.get_by_role("button", name="ส่งแบบทดสอบ").click()
    expect(page.locator("h1")).to_contain_text("ระดับ 3")

    page.goto(live.url + "/")
    steps = tasks.locator(".task-list li")
    expect(steps.nth(0)).to_contain_text("เสร็จแล้ว")  # the quiz
    expect(tasks).to_contain_text("ระดับของท่านเพียงพอสำหรับหน้าที่นี้แล้ว")
    steps.nth(2).get_by_role("link").click()  # the final check the path still asks for
    page.wait_for_selector("fieldset.question")
    for fieldset in page.locator("fieldset.question").all():
        qid = int(fieldset.locator("input").first.get_attribute("name")[1:])
        fieldset.locator(f"input[value='{_key(live, qid)}']").check()
    page.get_by_role("button", name="ตรวจคำตอบ").click()
    expect(page.locator("#check-result")).to_have_class("flash success")

    page.goto(live.url + "/")
    expect(steps.nth(2)).to_contain_text("เสร็จแล้ว")
    expect(steps.nth(3)).to_contain_text("เสร็จแล้ว")  # the certificate, issued on completion
    steps.nth(3).get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("EBIDDING-")
