"""Steps that cannot be undone ask first: cancelling changes nothing, confirming does it."""

import pytest

from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def test_marking_a_person_as_left_asks_first(page, live_url):
    _sign_in(page, live_url, "hr.4360101")
    page.get_by_role("link", name="รายชื่อบุคลากร").first.click()
    row = page.locator("#staff tbody tr", has=page.locator("button.danger")).first
    name = row.locator("td").first.inner_text()
    questions = []

    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    row.locator("button.danger").click()
    page.wait_for_timeout(300)
    assert questions
    assert name in questions[0]
    assert page.locator(".flash.success").count() == 0
    assert "พ้นจากงานแล้ว" not in page.locator("#staff").inner_text()

    page.once("dialog", lambda d: d.accept())
    row.locator("button.danger").click()
    page.wait_for_selector(".flash.success")
    left = page.locator("#staff tbody tr", has_text=name)
    assert "พ้นจากงานแล้ว" in left.inner_text()
