"""A refused staff file is explained in the reader's language: each problem names the row as
Excel shows it, the person, the column by the template's header, and what to type instead."""

import io
import re

import pytest

from app.org.importer import COLUMN_NAMES, COLUMNS, TEMPLATE_HEADER
from tests.conftest import login

THAI_HEADER = ",".join(TEMPLATE_HEADER) + "\n"
GOOD = "supaporn.s,1234545678781,นางสุภาพร ศรีสุข,นักทรัพยากรบุคคล,สำนักปลัด,ฝ่ายบุคคล,\n"
BAD_ID = "wanida.t,3100600445636,นางสาววนิดา ทองดี,เจ้าพนักงานพัสดุ,กองคลัง,เจ้าหน้าที่,\n"
BAD_ROLE = "kittipong.s,1101700230708,นายกิตติพงษ์ แสงอรุณ,,,หัวหน้า,\n"
LATIN = re.compile("[A-Za-z]")


def _import(client, lao_id, text):
    return client.post(f"/laos/{lao_id}/staff/import",
                       data={"file": (io.BytesIO(text.encode("utf-8")), "staff.csv")},
                       content_type="multipart/form-data")


def _cells(page):
    """The problem table's rows, as lists of cell texts."""
    body = page.split('id="problems"')[1].split("</table>")[0]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in body.split("<tr>")[2:]]


def test_the_thai_page_names_row_person_column_and_what_to_type(client, world):
    login(client, "hr.a")
    page = _import(client, world.a.id, THAI_HEADER + GOOD + BAD_ID + BAD_ROLE)
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert _cells(text) == [
        ["3", "นางสาววนิดา ทองดี", "เลขประจำตัวประชาชน",
         "เลข 13 หลักไม่ถูกต้อง ตรวจเลขหลักสุดท้ายอีกครั้ง"],
        ["4", "นายกิตติพงษ์ แสงอรุณ", "บทบาท", "พิมพ์บทบาทเป็น เจ้าหน้าที่ ฝ่ายบุคคล หรือ ผู้บริหาร"],
    ]
    for cells in _cells(text):
        assert not LATIN.search(" ".join(cells)), cells  # no code names, no English asides
    assert "national_id" not in text


def test_the_english_page_says_the_same_in_english(client, world):
    login(client, "hr.a")
    client.get("/lang/en")
    text = _import(client, world.a.id, THAI_HEADER + GOOD + BAD_ID).get_data(as_text=True)
    assert _cells(text) == [["3", "นางสาววนิดา ทองดี", "National ID",
                             "The 13-digit number is not right: check the last digit again."]]


def test_a_repeated_person_points_to_the_excel_row_of_the_first(client, world):
    login(client, "hr.a")
    text = _import(client, world.a.id, THAI_HEADER + GOOD + GOOD.replace("supaporn.s", "sp2")
                   ).get_data(as_text=True)
    assert _cells(text) == [["3", "นางสุภาพร ศรีสุข", "เลขประจำตัวประชาชน",
                             "เลขประจำตัวประชาชนนี้ซ้ำกับแถว 2 ให้มีแต่ละคนเพียงแถวเดียว"]]


@pytest.mark.parametrize("column", COLUMNS)
def test_each_column_is_named_by_the_thai_template_header(app, column):
    with app.test_request_context():
        from flask_babel import gettext

        assert gettext(COLUMN_NAMES[column]) == TEMPLATE_HEADER[COLUMNS.index(column)]


def test_a_row_refused_against_the_database_names_its_person_too(client, world):
    login(client, "hr.a")
    taken = GOOD.replace("supaporn.s", "officer.b")  # a username used in another LAO
    text = _import(client, world.a.id, THAI_HEADER + taken).get_data(as_text=True)
    row, name, column, _message = _cells(text)[0]
    assert (row, name, column) == ("2", "นางสุภาพร ศรีสุข", "ชื่อผู้ใช้")


def test_a_file_that_cannot_be_used_is_explained_in_thai(client, world):
    login(client, "hr.a")
    missing = _import(client, world.a.id, "ชื่อผู้ใช้,ชื่อ-นามสกุล,บทบาท\na.b,นาย ก,เจ้าหน้าที่\n")
    assert missing.status_code == 422
    text = missing.get_data(as_text=True)
    assert ("ไม่มีคอลัมน์: เลขประจำตัวประชาชน, ตำแหน่ง, สังกัด, อีเมล "
            "ให้เริ่มจากไฟล์เปล่าสำหรับกรอก") in text
    assert "national_id" not in text
    latin1 = client.post(f"/laos/{world.a.id}/staff/import",
                         data={"file": (io.BytesIO("ชื่อ".encode("cp874")), "s.csv")},
                         content_type="multipart/form-data").get_data(as_text=True)
    assert "ไฟล์ไม่ได้บันทึกแบบ UTF-8" in latin1
    assert "(The file" not in latin1
