"""What a person sees while taking a placement quiz: the chosen answer stands out, the number
buttons say answered / not answered / on screen (to screen readers too), the save status counts,
the keyboard reaches the answers at once, a reload opens the first open question, the clock
warns once at five minutes, and a submit made offline is kept and carried out on reconnecting."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from app.auth.models import User
from app.db import utcnow
from app.extensions import db
from app.placement.models import Attempt
from tests.browser.test_hr_import import _sign_in
from tests.browser.test_quiz_offline import _choose

pytestmark = pytest.mark.browser


def _start(page, live, username, system):
    _sign_in(page, live.url, username)
    page.goto(f"{live.url}/placement")
    page.locator("tr", has_text=system).get_by_role("button", name="เริ่มทำ").click()
    page.wait_for_selector("#quiz")


def _focused(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {tag: el.tagName, type: el.type || '', text: el.textContent.trim(),
                visible: !!el.closest('section.question:not([hidden])')};
    }""")


def test_answers_stand_out_numbers_say_their_state_and_the_keyboard_comes_first(page, live):
    _start(page, live, "officer.5600401", "e-GP")
    status = page.locator("#save-status")
    expect(status).to_contain_text("ยังไม่ได้ตอบ")

    # the skip link, then straight to the first answer of the question on screen
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["type"] == "radio"
    assert focused["visible"]
    page.keyboard.press("Space")
    chosen = page.locator("section.question:visible label.option.chosen")
    expect(chosen).to_have_count(1)
    plain = page.locator("section.question:visible label.option:not(.chosen)").first
    assert chosen.evaluate("e => getComputedStyle(e).backgroundColor") != plain.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว ทั้ง 1 ข้อ")

    dots = page.locator("#dots button")
    expect(dots.nth(0)).to_have_attribute("aria-label", "ข้อ 1 ตอบแล้ว")
    expect(dots.nth(0)).to_have_attribute("aria-current", "step")
    expect(dots.nth(1)).to_have_attribute("aria-label", "ข้อ 2 ยังไม่ได้ตอบ")
    assert dots.nth(1).get_attribute("aria-current") is None

    page.locator("#next").click()  # focus moves to the next question
    focused = _focused(page)
    assert focused["tag"] == "H2"
    assert focused["text"] == "ข้อ 2"
    expect(dots.nth(1)).to_have_attribute("aria-current", "step")
    page.keyboard.press("Tab")
    assert _focused(page)["type"] == "radio"

    _choose(page, 1, 2)
    _choose(page, 2, 1)
    expect(status).to_contain_text("ทั้ง 3 ข้อ")
    page.reload()  # comes back at the first question still open
    page.wait_for_selector("#quiz")
    expect(page.locator("#progress")).to_contain_text("ข้อ 4 จาก")
    expect(page.locator("#dots button.done")).to_have_count(3)


def test_the_clock_is_labelled_and_warns_once_at_five_minutes(page, live):
    username = "officer.5600401"
    _start(page, live, username, "Info")
    clock = page.locator("#clock")
    expect(clock).to_contain_text("เวลาที่เหลือ")
    assert page.locator("#timer").get_attribute("aria-live") is None  # not read every second
    expect(page.locator("#quiz-notice")).to_have_text("")
    with live.app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == username))
        db.session.execute(update(Attempt).where(
            Attempt.user_id == user_id, Attempt.subsystem == "info", Attempt.status == "open")
            .values(expires_at=utcnow() + timedelta(minutes=4, seconds=30)))
        db.session.commit()
    page.reload()
    page.wait_for_selector("#quiz")
    notice = page.locator("#quiz-notice")
    expect(notice).to_contain_text("เหลือเวลา 5 นาที")
    expect(clock).to_have_class("clock warn")
    expect(page.locator("#timer")).to_contain_text("4:")


def test_a_submit_made_offline_is_kept_and_done_when_the_line_returns(page, live):
    _start(page, live, "officer.2600101", "e-Plan")
    _choose(page, 0, 0)
    expect(page.locator("#save-status")).to_contain_text("ทั้ง 1 ข้อ")
    page.context.set_offline(True)
    _choose(page, 1, 1)  # an answer that waits in the browser
    page.once("dialog", lambda d: d.accept())  # "18 questions open, submit anyway?"
    page.get_by_role("button", name="ส่งแบบทดสอบ").click()
    notice = page.locator("#quiz-notice")
    expect(notice).to_contain_text("ไม่มีการเชื่อมต่อ")
    expect(notice).to_contain_text("ยังไม่ได้ส่ง")
    assert "/take" in page.url  # no browser error page, nothing lost

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_url("**/result")
    with live.app.app_context():
        attempt = db.session.scalar(select(Attempt).join(User, User.id == Attempt.user_id).where(
            User.username == "officer.2600101", Attempt.subsystem == "e-plan")
            .order_by(Attempt.id.desc()))
        assert attempt.status == "submitted"
        assert sum(1 for i in attempt.items if i.answer_option_id) == 2  # both answers counted
