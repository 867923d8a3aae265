"""Reading a lesson offline: opened once, it reloads from the cache with no connection,
and its check is passed once the line is back."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.content.models import Course, Module, QuestionOption
from app.extensions import db
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def test_lesson_reloads_offline_and_its_check_passes_after_reconnecting(page, live):
    with live.app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "e-plan-officer"))
        module = db.session.scalar(select(Module).where(Module.slug == "e-plan-officer-02"))
        key = {o.question_id: o.id for o in db.session.scalars(select(QuestionOption).where(
            QuestionOption.question_id.in_([q.id for q in module.questions]),
            QuestionOption.correct.is_(True)))}
        course_id, module_id = course.id, module.id
    _sign_in(page, live.url, "officer.4520101")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(f"{live.url}/courses/{course_id}")
    page.goto(f"{live.url}/modules/{module_id}")  # opening a lesson enrols
    title = page.locator("h1").inner_text()

    page.context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text(title)
    assert page.locator("article.lesson h2").count() >= 5

    page.context.set_offline(False)
    for qid, oid in key.items():
        page.locator(f"input[name='q{qid}'][value='{oid}']").check()
    page.get_by_role("button", name="ตรวจคำตอบ").click()
    expect(page.locator("#check .flash")).to_contain_text("ผ่าน (100%)")
