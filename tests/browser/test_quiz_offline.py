"""Taking a placement quiz on a flaky line (issue: answers lost when the connection drops):
three answers online, two offline, a reload while still offline, then reconnecting —
the server ends up holding all five."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def _choose(page, index, option):
    page.locator("#dots button").nth(index).click()
    page.locator("section.question:visible label.option").nth(option).click()


def test_offline_answers_survive_a_reload_and_reach_the_server(page, live_url):
    _sign_in(page, live_url, "officer.3920101")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(f"{live_url}/placement")
    page.locator("tr", has_text="e-Office").get_by_role("button", name="เริ่มทำ").click()
    page.wait_for_selector("#quiz")
    status = page.locator("#save-status")
    assert page.locator("section.question:visible").count() == 1  # one question per screen
    expect(page.locator("#progress")).to_contain_text("ข้อ 1 จาก 20")
    page.reload()  # now the service worker has this page in its cache
    page.wait_for_selector("#quiz")

    for i in range(3):
        _choose(page, i, 0)
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว")

    page.context.set_offline(True)
    for i in (3, 4):
        _choose(page, i, 1)
    expect(status).to_contain_text("รอการเชื่อมต่อ")

    page.reload()  # still offline: the page comes from the cache, the answers from the browser
    page.wait_for_selector("#quiz")
    assert page.locator(".dot.done").count() == 5
    expect(status).to_contain_text("รอการเชื่อมต่อ")

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว")

    # another device (nothing in the browser): the server holds all five answers
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#quiz")
    assert page.locator(".dot.done").count() == 5
    page.get_by_role("button", name="5", exact=True).click()
    assert page.locator("section.question:visible input:checked").count() == 1
