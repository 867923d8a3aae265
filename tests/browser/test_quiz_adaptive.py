"""An adaptive placement quiz in the browser: a set of three, two answers given offline, the
next set asked for without a reload once the line is back; the server holds every answer."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select, update

from app.auth.models import User
from app.content.models import PlacementBank, QuestionOption
from app.extensions import db
from app.placement.models import Attempt, AttemptItem
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def adaptive_elaas(live):
    with live.app.app_context():
        db.session.execute(update(PlacementBank).where(PlacementBank.subsystem == "e-laas")
                           .values(mode="adaptive"))
        db.session.commit()
    yield
    with live.app.app_context():
        db.session.execute(update(PlacementBank).where(PlacementBank.subsystem == "e-laas")
                           .values(mode="fixed"))
        db.session.commit()


def _answered_on_server(live, username):
    with live.app.app_context():
        return db.session.scalar(
            select(func.count(AttemptItem.id)).join(Attempt).join(User, User.id == Attempt.user_id)
            .where(User.username == username, Attempt.subsystem == "e-laas",
                   AttemptItem.answer_option_id.is_not(None)))


def test_offline_answers_in_a_set_reach_the_server_and_the_next_set_follows(
        page, live, adaptive_elaas):
    username = "officer.6920801"
    _sign_in(page, live.url, username)
    page.goto(f"{live.url}/placement")
    page.locator("tr", has_text="e-LAAS").get_by_role("button", name="เริ่มทำ").click()
    page.wait_for_selector("#quiz")
    assert page.locator("#dots button").count() == 3
    assert page.locator("#submit-form").is_hidden()  # no submitting before the level is clear
    status = page.locator("#save-status")

    def choose(index):  # the right answer: three right never settles a level in one set
        page.locator("#dots button").nth(index).click()
        qid = int(page.locator("section.question:visible").get_attribute("data-qid"))
        with live.app.app_context():
            key = db.session.scalar(select(QuestionOption.id).where(
                QuestionOption.question_id == qid, QuestionOption.correct.is_(True)))
        page.locator(f"section.question:visible input[value='{key}']").check()

    choose(0)
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว")
    page.context.set_offline(True)
    for i in (1, 2):
        choose(i)
    page.locator("#next").click()  # on the last question of the set: ask for the next set
    expect(status).to_have_attribute("class", "save-status offline")
    assert page.locator("#dots button").count() == 3
    assert _answered_on_server(live, username) == 1

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    # the two offline answers go first, then the next set comes, without a reload
    expect(page.locator("#dots button")).to_have_count(6)
    assert _answered_on_server(live, username) == 3
    expect(page.locator("section.question:visible h2")).to_contain_text("4")
