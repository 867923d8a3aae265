"""HR gives a duty: problems are listed at the top (linked to their fields) and named beside
each field; a date is typed as day / month / Buddhist Era year; a refusal for the level, then
the same duty with an override reason waits for an executive; a CE year is read with a note."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.org.models import Lao
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def test_problems_show_at_the_top_and_beside_fields_then_the_duty_waits(page, live):
    with live.app.app_context():
        lao_id = db.session.scalar(select(Lao.id).where(Lao.code == "3600102"))
    _sign_in(page, live.url, "hr.3600102")
    page.goto(f"{live.url}/laos/{lao_id}/assignments")
    page.get_by_label("สัดส่วนงาน").fill("150")
    page.get_by_label("วันที่", exact=True).fill("31")
    page.get_by_label("เดือน", exact=True).fill("2")
    page.get_by_label("ปี พ.ศ.").fill("2569")
    page.get_by_role("button", name="บันทึก", exact=True).click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    expect(links).to_have_count(3)  # share, date, order: all at once
    expect(summary).to_contain_text("ไม่มีวันที่นี้")
    date_block = page.locator(".field.has-error", has=page.locator("fieldset.date-field"))
    expect(date_block.locator(".error")).to_contain_text("ไม่มีวันที่นี้")
    expect(page.get_by_label("วันที่", exact=True)).to_have_value("31")  # kept to correct
    summary.get_by_role("link", name="มีผลตั้งแต่วันที่").click()
    expect(page.get_by_label("วันที่", exact=True)).to_be_focused()

    page.get_by_label("สัดส่วนงาน").fill("30")  # with the primary's 70: the whole work
    page.get_by_label("วันที่", exact=True).fill("1")
    page.get_by_label("เดือน", exact=True).fill("10")
    page.get_by_label("ปี พ.ศ.").fill("2026")  # a Christian-era year, from habit
    page.get_by_label("เลขที่คำสั่ง").fill("77/2569")
    page.get_by_label("ระบบ", exact=True).select_option("e-bidding")
    page.get_by_label("บทบาท").select_option("backup")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_load_state()
    refused = page.locator(".flash.error")
    expect(refused).to_contain_text("เหตุผลขอยกเว้น")  # below the level: the way out named
    expect(page.get_by_label("ปี พ.ศ.")).to_have_value("2026")  # nothing to type again
    page.get_by_label("เหตุผลขอยกเว้น").fill("ยังไม่มีผู้อื่น กำลังอบรม")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator(".flash.success")).to_contain_text("รอผู้บริหารอนุมัติ")
    expect(page.locator(".flash.info")).to_contain_text("1 ตุลาคม พ.ศ. 2569")

    # what the approver weighs is on the row: level needed, level now, the day it was asked
    row = page.locator("#assignments tr", has_text="ยังไม่มีผู้อื่น กำลังอบรม")
    expect(row).to_contain_text("ต้องมีระดับ 1 ระดับปัจจุบัน 0 ขอเมื่อ")
    page.get_by_role("button", name="ออกจากระบบ").click()
    _sign_in(page, live.url, "exec.3600102")
    page.goto(f"{live.url}/laos/{lao_id}/assignments")
    row = page.locator("#assignments tr", has_text="ยังไม่มีผู้อื่น กำลังอบรม")
    expect(row).to_contain_text("ต้องมีระดับ 1 ระดับปัจจุบัน 0")
    page.once("dialog", lambda d: d.accept())
    row.get_by_role("button", name="อนุมัติ").click()
    expect(page.locator("#assignments tr", has_text="ยังไม่มีผู้อื่น กำลังอบรม")).to_contain_text(
        "มีผล")
