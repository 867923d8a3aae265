"""Submitting a placement quiz with questions still open asks first and says which."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_hr_import import _sign_in
from tests.browser.test_quiz_offline import _choose

pytestmark = pytest.mark.browser


def test_submitting_with_open_questions_asks_and_can_go_back(page, live_url):
    _sign_in(page, live_url, "officer.6360501")
    page.goto(f"{live_url}/placement")
    page.locator("tr", has_text="e-Plan").get_by_role("button", name="เริ่มทำ").click()
    page.wait_for_selector("#quiz")
    expect(page.locator("#save-status")).to_contain_text("ยังไม่ได้ตอบ")
    _choose(page, 0, 0)
    _choose(page, 1, 1)
    expect(page.locator("#save-status")).to_contain_text("บันทึกคำตอบครบแล้ว")

    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="ส่งแบบทดสอบ").click()
    expect(page.locator("#progress")).to_contain_text("ข้อ 3 จาก 20")  # the first open one
    assert asked
    assert "18 ข้อ" in asked[0]
    assert "/take" in page.url

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="ส่งแบบทดสอบ").click()
    page.wait_for_url("**/result")
