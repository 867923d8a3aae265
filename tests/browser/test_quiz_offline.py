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


def _answers_on_the_server(page):
    """What the server holds, seen as from another device: nothing kept in the browser."""
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#quiz")
    return page.locator(".dot.done").count()


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
    assert _answers_on_the_server(page) == 5
    page.get_by_role("button", name="ข้อ 5 ตอบแล้ว", exact=True).click()
    assert page.locator("section.question:visible input:checked").count() == 1


def test_an_answer_the_server_could_not_take_stays_queued_until_it_can(page, live_url):
    """A busy or broken server (503) and an ended session (a redirect to sign in) must not
    count as saved: the answer waits in the browser and reaches the server later."""
    _sign_in(page, live_url, "officer.3920101")
    page.goto(f"{live_url}/placement")
    page.locator("tr", has_text="Info").get_by_role("button", name="เริ่มทำ").click()
    page.wait_for_selector("#quiz")
    quiz_url = page.url
    status = page.locator("#save-status")

    busy = {"left": 1}

    def once_unavailable(route):
        if busy["left"]:
            busy["left"] -= 1
            route.fulfill(status=503, content_type="application/json",
                          body='{"error": "unavailable", "message": "try again"}')
        else:
            route.continue_()

    page.route("**/answers/*", once_unavailable)
    _choose(page, 0, 0)
    expect(status).to_contain_text("รอการเชื่อมต่อ")
    page.evaluate("window.dispatchEvent(new Event('online'))")  # the next try gets through
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว")
    page.unroute("**/answers/*")

    page.context.clear_cookies()  # the session ended (idle timeout, another sign-in)
    _choose(page, 1, 0)
    expect(status).to_contain_text("กรุณาเข้าสู่ระบบใหม่")  # says why, keeps the answer
    assert "quiz-queue" in page.evaluate("Object.keys(localStorage).join(' ')")

    _sign_in(page, live_url, "officer.3920101")
    page.goto(quiz_url)  # back on the quiz, the waiting answer is sent
    page.wait_for_selector("#quiz")
    expect(status).to_contain_text("บันทึกคำตอบครบแล้ว")
    assert _answers_on_the_server(page) == 2
