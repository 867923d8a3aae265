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
             f"/laos/{lao_id}/assignments", f"/laos/{lao_id}/workload"]
    _check(browser, live, "hr.6520301", paths, tables_fit=False)
    _check(browser, live, "exec.6520301", ["/", "/my/calendar"], tables_fit=False)


def test_item_analysis_reads_as_cards_on_a_phone(browser, live):
    _check(browser, live, "admin", ["/admin/items", "/admin/items/placement/e-laas"],
           tables_fit=True)
