"""An executive sees what an override asks for (level needed, level now, the day asked) and
sends it back with a reason; HR then reads who sent it back and why, beside the duty."""

from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.register.models import Assignment
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def test_executive_sends_an_override_back_and_hr_reads_why(page, live):
    with live.app.app_context():
        person = db.session.scalar(select(User).where(User.username == "officer.5600401"))
        hr = db.session.scalar(select(User).where(User.username == "hr.5600401"))
        db.session.add(Assignment(lao_id=person.lao_id, user_id=person.id, subsystem="info",
                                  role="backup", share_percent=10,
                                  effective_from=date(2026, 10, 1), order_ref="31/2569",
                                  status="pending_approval",
                                  override_reason="คนเดิมย้ายออก ยังไม่มีใครแทน",
                                  created_by_id=hr.id))
        db.session.commit()
        lao_id = person.lao_id
    _sign_in(page, live.url, "exec.5600401")
    page.goto(f"{live.url}/laos/{lao_id}/assignments")
    row = page.locator("#assignments tr", has_text="คนเดิมย้ายออก")
    expect(row).to_contain_text("ต้องมีระดับ 1 ระดับปัจจุบัน")
    expect(row).to_contain_text("ขอเมื่อ")
    row.get_by_role("button", name="ส่งกลับ").click()  # no reason: the browser asks for one
    expect(row).to_contain_text("รออนุมัติ")
    row.get_by_label("หรือส่งกลับให้งานบุคคล พร้อมเหตุผล").fill("ให้ทำแบบทดสอบวัดระดับก่อน")
    row.get_by_role("button", name="ส่งกลับ").click()
    expect(page.locator(".flash.success")).to_contain_text("ส่งกลับให้งานบุคคล")

    page.get_by_role("button", name="ออกจากระบบ").click()
    _sign_in(page, live.url, "hr.5600401")
    page.goto(f"{live.url}/laos/{lao_id}/assignments")
    row = page.locator("#assignments tr", has_text="คนเดิมย้ายออก")
    expect(row).to_contain_text("ส่งกลับแล้ว")
    expect(row).to_contain_text("ให้ทำแบบทดสอบวัดระดับก่อน")
