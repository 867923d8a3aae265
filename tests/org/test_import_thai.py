"""Staff files with Thai column names and Thai role words read like English ones; the empty
template HR downloads has the Thai names."""

import io

from openpyxl import load_workbook

from app.org.importer import TEMPLATE_HEADER, parse_staff_file
from tests.conftest import login

THAI = (
    "ชื่อผู้ใช้,เลขประจำตัวประชาชน,ชื่อ-นามสกุล,ตำแหน่ง,สังกัด,บทบาท,อีเมล\n"
    "wanida.t,3100600445635,นางสาววนิดา ทองดี,เจ้าพนักงานพัสดุ,กองคลัง,เจ้าหน้าที่,\n"
    "somchai.k,1234545678781,นายสมชาย ใจดี,นักทรัพยากรบุคคล,สำนักปลัด,ฝ่ายบุคคล,\n"
    "prayut.m,1101700230708,นายประยุทธ มั่นคง,ปลัด,สำนักปลัด,ผู้บริหาร,\n"
)


def test_thai_headers_and_role_words_are_read():
    parsed = parse_staff_file("staff.csv", THAI.encode("utf-8-sig"))
    assert parsed.problems == []
    assert [r.role for r in parsed.rows] == ["officer", "hr", "executive"]
    assert parsed.rows[0].unit == "กองคลัง"


def test_an_unknown_thai_role_is_a_problem_of_its_row():
    parsed = parse_staff_file("staff.csv", THAI.replace("ฝ่ายบุคคล", "หัวหน้า").encode())
    assert [(p.row, p.column) for p in parsed.problems] == [(2, "role")]


def test_the_template_has_the_thai_column_names(client, world):
    login(client, "hr.a")
    csv = client.get(f"/laos/{world.a.id}/staff-template.csv")
    assert csv.status_code == 200
    assert csv.get_data(as_text=True).lstrip("\ufeff").strip() == ",".join(TEMPLATE_HEADER)
    xlsx = client.get(f"/laos/{world.a.id}/staff-template.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert tuple(c.value for c in sheet[1]) == TEMPLATE_HEADER
    assert client.get(f"/laos/{world.a.id}/staff-template.pdf").status_code == 404
    assert client.get(f"/laos/{world.b.id}/staff-template.csv").status_code == 404



def test_an_officer_gets_no_template(app, world):
    officer = app.test_client()
    login(officer, "officer.a")
    assert officer.get(f"/laos/{world.a.id}/staff-template.csv").status_code == 403
