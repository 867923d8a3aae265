"""An HR officer signs in, imports a small CSV and sees the new people in the staff list."""

import pytest

from app.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

CSV = (
    "username,national_id,full_name,position,unit,role,email\n"
    "wanida.t,3100600445635,นางสาววนิดา ทองดี,เจ้าพนักงานพัสดุ,กองคลัง,officer,\n"
    "kittipong.s,1234545678781,นายกิตติพงษ์ แสงอรุณ,นักวิชาการคอมพิวเตอร์,สำนักปลัด,officer,\n"
)


def _sign_in(page, live_url, username):
    page.goto(f"{live_url}/login")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_hr_imports_a_csv_and_sees_the_staff_list(page, live_url, tmp_path):
    _sign_in(page, live_url, "hr.6520301")
    page.get_by_role("link", name="รายชื่อบุคลากร").first.click()
    assert page.locator("#staff tbody tr").count() == 20
    csv_file = tmp_path / "staff.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    page.locator("summary").click()
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.get_by_role("button", name="นำเข้า", exact=True).click()
    page.wait_for_selector(".flash.success")
    assert "เพิ่มใหม่ 2 คน" in page.locator(".flash.success").inner_text()
    table = page.locator("#staff").inner_text()
    assert "นางสาววนิดา ทองดี" in table
    assert "x-xxxx-xxxxx-78-1" in table  # only the last digits of the ID are shown
    assert page.locator("#staff tbody tr").count() == 22


def test_bad_file_shows_every_bad_row_and_changes_nothing(page, live_url, tmp_path):
    _sign_in(page, live_url, "hr.6360501")
    page.get_by_role("link", name="รายชื่อบุคลากร").first.click()
    before = page.locator("#staff tbody tr").count()
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV.replace("3100600445635", "3100600445636"), encoding="utf-8")
    page.locator("summary").click()
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="นำเข้า", exact=True).click()
    # the row as Excel numbers it, the person, the Thai header, and what to type instead
    cells = page.locator("#problems tbody tr").first.locator("td").all_inner_texts()
    assert cells == ["2", "นางสาววนิดา ทองดี", "เลขประจำตัวประชาชน",
                     "เลข 13 หลักไม่ถูกต้อง ตรวจเลขหลักสุดท้ายอีกครั้ง"]
    page.get_by_role("link", name="กลับไปรายชื่อบุคลากร").click()
    assert page.locator("#staff tbody tr").count() == before


FITS = """() => ({sideways: document.documentElement.scrollWidth - window.innerWidth,
  buttons: [...document.querySelectorAll('#staff button')].slice(0, 6).map(b => {
    const box = b.getBoundingClientRect(); return [box.left, box.right]; })})"""


def test_the_staff_list_is_cards_with_their_buttons_on_a_phone(page, live_url):
    """At 360 px the reset-code and left-the-LAO buttons were off-screen in a table to pan."""
    _sign_in(page, live_url, "hr.6520301")
    page.get_by_role("link", name="รายชื่อบุคลากร").first.click()
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_timeout(100)
    seen = page.evaluate(FITS)
    assert seen["sideways"] <= 0, seen
    assert seen["buttons"], seen
    assert all(left >= 0 and right <= 360 for left, right in seen["buttons"]), seen
    card = page.locator("#staff tbody tr").nth(1)
    assert card.get_by_role("button", name="ออกรหัสรีเซ็ต").is_visible()
    assert card.get_by_role("button", name="พ้นจากงาน").is_visible()
    labels = card.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert '"ตำแหน่ง: "' in labels  # each figure named, as a card
