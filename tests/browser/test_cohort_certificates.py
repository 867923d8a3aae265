"""HR finds cohort certificates in the navigation, narrows the list by unit and by standing in
the course, selects everyone shown at once, sees how many are chosen, and sends the cohort."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def test_hr_filters_selects_all_and_sees_the_count(page, live_url):
    _sign_in(page, live_url, "hr.2600101")
    page.get_by_role("link", name="วุฒิบัตรสำหรับผู้เข้าอบรม").click()
    expect(page.locator("h1")).to_contain_text("วุฒิบัตร")
    page.get_by_label("หลักสูตร", exact=True).select_option(index=1)
    units = page.get_by_label("สังกัด", exact=True).locator("option")
    assert units.count() >= 3  # "every unit" and at least two units
    page.get_by_label("สังกัด", exact=True).select_option(index=1)
    page.get_by_role("button", name="แสดง", exact=True).click()

    people = page.locator("input[name=user_id]")
    shown = people.count()
    assert shown >= 1
    legend = page.locator("fieldset legend").inner_text()
    total = int(re.search(r"แสดง (\d+) จาก (\d+) คน", legend).group(2))
    assert shown < total  # one unit, not the whole LAO
    count = page.locator(".selected-count")
    expect(count).to_have_text("เลือกแล้ว 0 คน")
    page.get_by_label("เลือกทุกคนที่แสดงอยู่").check()
    expect(count).to_have_text(f"เลือกแล้ว {shown} คน")
    people.first.uncheck()
    expect(count).to_have_text(f"เลือกแล้ว {shown - 1} คน")
    assert page.get_by_label("เลือกทุกคนที่แสดงอยู่").evaluate("e => e.indeterminate") == (
        shown > 1)

    page.get_by_label("สถานะในหลักสูตร").select_option("completed")
    page.get_by_role("button", name="แสดง", exact=True).click()
    expect(page.locator("fieldset")).to_contain_text(re.compile("ไม่มีผู้ที่ตรงกับตัวกรองนี้|เรียนจบ"))

    page.get_by_label("สถานะในหลักสูตร").select_option("")
    page.get_by_role("button", name="แสดง", exact=True).click()
    page.get_by_label("เลือกทุกคนที่แสดงอยู่").check()
    page.get_by_role("button", name="ออกวุฒิบัตร").click()
    expect(page.locator(".flash.success")).to_contain_text("ผู้บริหาร")  # waits for approval
