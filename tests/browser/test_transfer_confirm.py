"""A transfer in the browser: HR of the new LAO asks by national ID and sees a masked name;
the person finds the request on their home page, confirms it (after a question), and
belongs to the new LAO."""

import pytest
from flask import current_app
from sqlalchemy import select

from app.auth.models import User
from app.dates import today
from app.extensions import db
from app.org import national_id
from app.org.models import Lao
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser

NATIONAL_ID = "3100600445651"
PERSON = "s6920801-005"  # a staff member of อบต.นาโยงเหนือ whom no other browser test uses


def _sign_out(page):
    page.get_by_role("button", name="ออกจากระบบ").click()


def test_the_person_confirms_a_transfer_from_their_home_page(page, live):
    with live.app.app_context():
        person = db.session.scalar(select(User).where(User.username == PERSON))
        person.national_id_hash = national_id.keyed_hash(
            NATIONAL_ID, current_app.config["NATIONAL_ID_KEY"])
        name = person.full_name
        db.session.commit()

    _sign_in(page, live.url, "hr.5600401")
    page.get_by_role("link", name="รายชื่อบุคลากร").first.click()
    page.get_by_role("link", name="การโอนย้าย").click()
    page.locator("summary").click()
    page.get_by_label("เลขประจำตัวประชาชน").fill(NATIONAL_ID)
    on = today()  # typed as day / month / Buddhist Era year
    page.get_by_label("วันที่", exact=True).fill(str(on.day))
    page.get_by_label("เดือน", exact=True).fill(str(on.month))
    page.get_by_label("ปี พ.ศ.").fill(str(on.year + 543))
    page.get_by_role("button", name="ส่งคำขอโอนย้าย").click()
    page.wait_for_selector(".flash.success")
    row = page.locator("#transfers tbody tr").first.inner_text()
    assert "รอการยินยอมให้ย้าย" in row
    assert name not in row
    assert "•••" in row
    _sign_out(page)

    _sign_in(page, live.url, PERSON)
    block = page.locator("section", has_text="ขอโอนย้ายท่าน")
    assert "เทศบาลตำบลหนองบัว" in block.inner_text()
    questions = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    block.get_by_role("button", name="ยืนยันการโอนย้าย").click()
    page.wait_for_timeout(300)
    assert questions
    assert "เทศบาลตำบลหนองบัว" in questions[0]
    assert page.locator(".flash.success").count() == 0  # dismissed: nothing happened

    page.once("dialog", lambda d: d.accept())
    block.get_by_role("button", name="ยืนยันการโอนย้าย").click()
    page.wait_for_selector(".flash.success")
    assert "ยืนยันการโอนย้ายแล้ว" in page.locator(".flash.success").inner_text()
    assert page.locator("section", has_text="ขอโอนย้ายท่าน").count() == 0
    assert "เทศบาลตำบลหนองบัว" in page.locator(".lead").first.inner_text()
    with live.app.app_context():  # as the server holds it
        moved = db.session.scalar(select(User).where(User.username == PERSON))
        lao = db.session.get(Lao, moved.lao_id)
        assert (lao.code, moved.role) == ("5600401", "officer")
    _sign_out(page)

    _sign_in(page, live.url, "hr.5600401")
    page.goto(f"{live.url}/laos/{lao.id}/transfers")
    row = page.locator("#transfers tbody tr").first.inner_text()
    assert name in row
    assert "ย้ายแล้ว" in row
