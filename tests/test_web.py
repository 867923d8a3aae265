"""The web shell: Thai first, English on request, role-aware home, safe headers, CSRF."""

import pytest

from app import create_app
from app.config import ConfigError
from tests.conftest import login, make_app, token


def test_login_page_is_thai_by_default_and_english_on_request(client):
    assert "เข้าสู่ระบบ" in client.get("/login").get_data(as_text=True)
    client.get("/lang/en")
    page = client.get("/login").get_data(as_text=True)
    assert "Sign in" in page
    assert 'lang="en"' in page


def test_security_headers_and_no_outside_assets(client):
    response = client.get("/login")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = response.get_data(as_text=True)
    assert "http://" not in html.replace("http://lao.test", "")
    assert "https://" not in html


def test_personal_pages_and_every_api_answer_are_never_stored_by_a_cache(client, world):
    """Shared office computers: a browser or proxy cache must not keep another person's data.
    Fonts and styles may be cached; a page for nobody in particular too."""
    assert "Cache-Control" not in client.get("/login").headers
    headers = token(client, "officer.a")
    for path in ("/api/v1/me", "/api/v1/openapi.json"):
        assert client.get(path, headers=headers).headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/me").headers["Cache-Control"] == "no-store"  # the 401 too
    login(client, "officer.a")
    assert client.get("/").headers["Cache-Control"] == "no-store"
    with client.get("/static/css/app.css") as asset:
        assert "no-store" not in asset.headers.get("Cache-Control", "")


def test_api_sends_thai_as_utf8_not_escapes(client, world):
    """Half the bytes on a slow line: Thai letters travel as UTF-8, not as \\u escapes."""
    raw = client.get("/api/v1/courses", headers=token(client, "officer.a")).data
    text = raw.decode("utf-8")
    assert "\\u0e" not in text.lower()
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in text)  # Thai letters, as they are


def test_sarabun_is_served_locally_as_small_woff2(client):
    with client.get("/fonts/Sarabun-Regular.woff2") as response:
        assert response.status_code == 200
        assert response.data[:4] == b"wOF2"
        assert len(response.data) < 30 * 1024  # Thai and Latin only; the TTF is 90 KB
    assert client.get("/fonts/Sarabun-Regular.ttf").status_code == 404
    assert client.get("/fonts/Sarabun-Thin.woff2").status_code == 404
    assert client.get("/fonts/../../etc/passwd").status_code == 404
    with client.get("/static/css/app.css") as css:
        assert "/fonts/Sarabun-Regular.woff2" in css.get_data(as_text=True)


@pytest.mark.parametrize(("who", "sees", "hidden"), [
    ("hr.a", "นำเข้ารายชื่อบุคลากร", "อปท. ในความรับผิดชอบ"),
    ("executive.a", "รายชื่อบุคลากร", "นำเข้ารายชื่อบุคลากร"),
    ("officer.a", "ระบบอิเล็กทรอนิกส์ทั้ง 6 ระบบ", "รายชื่อบุคลากร"),
])
def test_home_page_fits_the_role(client, world, who, sees, hidden):
    login(client, who)
    page = client.get("/").get_data(as_text=True)
    assert sees in page
    assert hidden not in page


def test_supervisor_home_lists_only_laos_in_scope(client, world):
    login(client, world.sup_district_a.username)
    page = client.get("/").get_data(as_text=True)
    assert world.a.code in page
    assert world.b.code not in page


def test_forms_refuse_a_post_without_csrf_token(world, app):
    strict = make_app(app.config["SQLALCHEMY_DATABASE_URI"], WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    response = client.post("/login", data={"username": "hr.a", "password": "x"})
    assert response.status_code == 400


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("APP_ENV", "production")
    with pytest.raises(ConfigError):
        create_app()


def test_production_refuses_to_start_without_its_public_address(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(ConfigError, match="PUBLIC_URL"):
        create_app()


def test_session_cookie_is_safe_in_production(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("PUBLIC_URL", "https://lao.example.go.th")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite3")
    prod = create_app()
    assert prod.config["SESSION_COOKIE_SECURE"] is True
    assert prod.config["SESSION_COOKIE_HTTPONLY"] is True


def test_admin_pages_with_choice_lists_render(client, world):
    login(client, world.admin.username)
    assert client.get("/laos").status_code == 200
    page = client.get(f"/users/{world.officer_a.id}/transfer")
    assert page.status_code == 200
    assert world.b.code in page.get_data(as_text=True)
    moved = client.post(f"/users/{world.officer_a.id}/transfer",
                        data={"to_lao_id": str(world.b.id), "effective_from": "2026-11-20"})
    assert moved.status_code == 302


def test_the_staff_page_names_roles_and_who_left_in_thai(client, world):
    login(client, "hr.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    page = client.get(f"/laos/{world.a.id}/staff").get_data(as_text=True)
    assert '<td data-label="บทบาท">งานบุคคล</td>' in page
    assert '<td data-label="บทบาท">ผู้บริหาร</td>' in page
    assert ">officer</td>" not in page
    assert ">hr</td>" not in page
    assert "พ้นจากงานแล้ว" in page
    # the button that ends someone's access asks first (app.js reads data-confirm)
    assert 'data-confirm="ยืนยันว่า' in page


def test_an_error_page_says_what_happened_in_words(client, world):
    login(client, "hr.a")
    page = client.get(f"/laos/{world.b.id}/staff")
    assert page.status_code == 404
    assert "<h1>ไม่พบหน้าที่ต้องการ</h1>" in page.get_data(as_text=True)


def test_english_pages_give_gregorian_dates_thai_pages_buddhist_era(client, factory, world):
    from datetime import timedelta

    from babel.dates import format_date

    from app.dates import local_date, thai_date
    from app.db import utcnow

    factory.evidence(world.officer_a, "e-laas", 2, valid_days=365)
    expiry = local_date(utcnow() + timedelta(days=365))
    login(client, "officer.a")
    client.get("/lang/th")
    assert thai_date(expiry, short=True) in client.get("/placement").get_data(as_text=True)
    client.get("/lang/en")
    english = client.get("/placement").get_data(as_text=True)
    assert format_date(expiry, "d MMM y", locale="en") in english
    assert str(expiry.year + 543) not in english
    assert "Electronic Local Administrative Accounting System" in english
    assert "ระบบบัญชีคอมพิวเตอร์" not in english


def test_an_admin_registers_an_lao_by_choosing_its_district(app, client, world):
    """The district is chosen from a list grouped by province, not typed as an internal id;
    a code that disagrees with the district is refused with the reason in Thai."""
    from sqlalchemy import select

    from app.extensions import db
    from app.org.models import District, Lao

    login(client, world.admin.username)
    page = client.get("/laos").get_data(as_text=True)
    with app.app_context():
        district = db.session.scalar(select(District).where(District.code == "6001"))
        district_id, name = district.id, district.name_th
    assert f'<option value="{district_id}">{name}</option>' in page
    assert "<optgroup" in page
    form = {"code": "6600199", "name": "องค์การบริหารส่วนตำบลทดสอบ", "type": "sao",
            "size_class": "S", "district_id": str(district_id)}
    assert client.post("/laos", data=form).status_code == 302
    wrong = client.post("/laos", data={**form, "code": "6920199"}).get_data(as_text=True)
    assert "ข้อมูล อปท. ไม่ถูกต้อง" in wrong
    with app.app_context():
        assert db.session.scalar(select(Lao.name).where(Lao.code == "6600199")) == form["name"]
        assert db.session.scalar(select(Lao.id).where(Lao.code == "6920199")) is None


def test_a_plain_date_is_shown_as_that_date_whatever_the_server_time_zone(app, monkeypatch):
    """An ISO date from an API-shaped dict (a register cell's expiry) is a calendar date:
    it must not move a day on a server whose clock runs in another zone."""
    import time
    from datetime import date

    from app.dates import thai_date

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        with app.test_request_context("/"):
            shown = app.jinja_env.filters["be_date"]("2027-11-27")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert shown == thai_date(date(2027, 11, 27), short=True)


def test_public_links_under_a_path_prefix_name_the_prefix_once(app, monkeypatch):
    from app.web import public_url

    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://lao.example.go.th/lao")
    with app.test_request_context("/", base_url="http://lao.test/lao"):
        assert public_url("certification.verify_page", code="abc") == \
            "https://lao.example.go.th/lao/verify/abc"
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://lao.example.go.th")
    with app.test_request_context("/"):
        assert public_url("certification.verify_page", code="abc") == \
            "https://lao.example.go.th/verify/abc"


def test_a_refused_form_lists_its_problems_at_the_top_linked_to_each_field(client, world):
    from app.settings import IDLE_TIMEOUT, get_int

    login(client, "root")
    page = client.post("/admin/settings", data={"idle_minutes": "3"})
    html = page.get_data(as_text=True)
    assert 'class="error-summary"' in html
    assert 'href="#idle_minutes"' in html
    assert 'id="idle_minutes-error"' in html  # and the message beside the field
    with client.application.app_context():
        assert get_int(IDLE_TIMEOUT, 60) != 3  # nothing changed
    client.post("/logout")
    refused = client.post("/login", data={"username": "", "password": ""}).get_data(as_text=True)
    assert 'href="#username"' in refused
    assert 'href="#password"' in refused


def test_form_messages_are_thai_too(client, world):
    page = client.post("/login", data={"username": "", "password": ""}).get_data(as_text=True)
    assert "กรุณากรอกช่องนี้" in page
    assert "This field is required." not in page
