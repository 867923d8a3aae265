"""An officer's home is a task list: the systems HR gave them with the level each needs and
theirs, the steps (quiz, lessons, final check, certificate) with their state, and one
"continue" button to the next step."""

from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.content.models import Course
from app.extensions import db
from app.register.models import Assignment
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def test_home_lists_the_duty_its_steps_and_the_next_one(page, live):
    username = "officer.4360101"
    with live.app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        hr = db.session.scalar(select(User).where(User.username == "hr.4360101"))
        db.session.add(Assignment(lao_id=user.lao_id, user_id=user.id, subsystem="e-office",
                                  role="primary", share_percent=20,
                                  effective_from=date(2026, 10, 1), order_ref="9/2569",
                                  status="pending_approval", override_reason="อบรมอยู่",
                                  created_by_id=hr.id))
        db.session.commit()
        course_id = db.session.scalar(select(Course.id).where(Course.slug == "e-office-officer"))
    _sign_in(page, live.url, username)

    tasks = page.locator("#my-systems")
    expect(tasks).to_contain_text("e-Office")
    expect(tasks).to_contain_text("หน้าที่นี้ต้องมีระดับ 2")
    steps = tasks.locator(".task-list li")
    expect(steps).to_have_count(4)
    expect(steps.nth(0)).to_contain_text("แบบทดสอบวัดระดับ")
    expect(steps.nth(0)).to_contain_text("ยังไม่เริ่ม")
    cont = page.get_by_role("link", name="ทำต่อ: แบบทดสอบวัดระดับ · e-Office →")
    expect(cont).to_have_count(1)  # one primary step, not a page of equal buttons

    page.goto(f"{live.url}/courses/{course_id}")
    page.get_by_role("link", name="เริ่มเรียน:").click()  # opening a lesson enrols
    page.goto(live.url + "/")
    expect(steps.nth(1)).to_contain_text("กำลังทำ")  # lessons under way
    cont.click()
    expect(page).to_have_url(f"{live.url}/placement")
