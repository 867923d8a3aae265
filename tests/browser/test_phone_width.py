"""At 360 px (a phone) the pages people use do not scroll sideways; item analysis, a table of
seven columns, is read as one card per question instead of a strip to pan."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.org.models import Lao
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser

SIDEWAYS = """() => ({page: document.documentElement.scrollWidth - window.innerWidth,
  tables: [...document.querySelectorAll('.table-wrap')].map(w => w.scrollWidth - w.clientWidth)})"""


def _check(browser, live, username, paths, *, tables_fit):
    context = browser.new_context(locale="th-TH", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        _sign_in(page, live.url, username)
        for path in paths:
            response = page.goto(f"{live.url}{path}")
            assert response.status == 200, path
            seen = page.evaluate(SIDEWAYS)
            assert seen["page"] <= 0, (path, seen)
            if tables_fit:
                assert max(seen["tables"], default=0) <= 0, (path, seen)
    finally:
        context.close()


def test_hr_and_executive_pages_fit_a_phone(browser, live):
    with live.app.app_context():
        lao_id = db.session.scalar(select(Lao.id).where(Lao.code == "6520301"))
    paths = ["/", f"/laos/{lao_id}/calendar", f"/laos/{lao_id}/calendar?view=list",
             f"/laos/{lao_id}/assignments", f"/laos/{lao_id}/workload",
             f"/laos/{lao_id}/transfers"]
    _check(browser, live, "hr.6520301", paths, tables_fit=False)
    _check(browser, live, "exec.6520301", ["/", "/my/calendar"], tables_fit=False)


def test_wide_tables_read_as_cards_on_a_phone(browser, live):
    """Workload, assignments, calendar settings and the roll-up: no table to pan sideways."""
    with live.app.app_context():
        lao_id = db.session.scalar(select(Lao.id).where(Lao.code == "6520301"))
    _check(browser, live, "hr.6520301", [f"/laos/{lao_id}/workload",
                                         f"/laos/{lao_id}/calendar/settings"], tables_fit=True)
    _check(browser, live, "sup.country", ["/rollups/country/th"], tables_fit=True)


def test_item_analysis_reads_as_cards_on_a_phone(browser, live):
    _check(browser, live, "admin", ["/admin/items", "/admin/items/placement/e-laas"],
           tables_fit=True)


def test_the_menu_folds_on_a_phone_and_opens_to_finger_sized_links(browser, live):
    context = browser.new_context(locale="th-TH", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        _sign_in(page, live.url, "hr.6520301")
        menu = page.locator("#site-menu")
        assert not menu.is_visible()  # the page starts with its own content
        assert page.locator("header").bounding_box()["height"] < 150
        page.get_by_role("button", name="เมนู").click()
        assert menu.is_visible()
        sizes = [link.bounding_box() for link in menu.get_by_role("link").all()]
        assert len(sizes) >= 8
        assert min(box["height"] for box in sizes) >= 44
        menu.get_by_role("link", name="งานตามกำหนดของฉัน").click()
        page.wait_for_url("**/my/calendar")
    finally:
        context.close()
    wide = browser.new_context(locale="th-TH", viewport={"width": 1366, "height": 768})
    page = wide.new_page()
    try:
        _sign_in(page, live.url, "hr.6520301")
        assert page.locator("#site-menu").is_visible()  # an office screen: always open
        assert not page.get_by_role("button", name="เมนู").is_visible()
    finally:
        wide.close()
