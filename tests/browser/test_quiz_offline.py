"""Taking a placement quiz on a flaky line: answers made offline wait in the browser,
are sent when the line returns, and survive closing the tab."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def test_offline_answers_are_queued_then_saved_and_resumed(page, live_url):
    _sign_in(page, live_url, "officer.3920101")
    page.goto(f"{live_url}/placement")
    page.locator("tr", has_text="e-Office").get_by_role("button", name="เริ่มทำ").click()
    page.wait_for_selector("#quiz")
    status = page.locator("#save-status")
    assert page.locator("section.question:visible").count() == 1  # one question per screen
    assert "ข้อ 1 จาก 20" in page.locator("#progress").inner_text()

    page.locator("section.question:visible label.option").nth(0).click()
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว")

    page.context.set_offline(True)
    page.get_by_role("button", name="ข้อถัดไป").click()
    page.locator("section.question:visible label.option").nth(1).click()
    expect(status).to_contain_text("รอการเชื่อมต่อ")
    second_qid = page.locator("section.question:visible").get_attribute("data-qid")
    chosen = page.locator("section.question:visible input").nth(1).get_attribute("value")
    queued = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz-queue-'))"
                           ".map(k => localStorage.getItem(k)).join('')")
    assert second_qid in queued

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว")
    assert "บันทึกคำตอบครบแล้ว" in status.inner_text()

    # a new tab (as after a power cut) shows both answers, from the server
    page.evaluate("localStorage.clear()")
    page.reload()
    page.get_by_role("button", name="2", exact=True).click()
    checked = page.locator(f"section[data-qid='{second_qid}'] input:checked")
    assert checked.get_attribute("value") == chosen
    assert page.locator(".dot.done").count() == 2
