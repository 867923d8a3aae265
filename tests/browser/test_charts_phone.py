"""Workload charts on a phone: redrawn narrow (no sideways scrolling), every label at least
14 px on screen, axes titled; the desktop keeps the wide drawing."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.org.models import Lao
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser

SMALLEST_TEXT = """() => {
  const shown = [...document.querySelectorAll('svg.chart')].filter(s => s.getClientRects().length);
  const sizes = shown.flatMap(s => [...s.querySelectorAll('text')].map(
      t => t.getBoundingClientRect().height)).filter(h => h > 0);
  return {charts: shown.length, smallest: Math.min(...sizes),
          widest: Math.max(...shown.map(s => s.getBoundingClientRect().width)),
          titles: shown.map(s => [...s.querySelectorAll('text[font-weight]')].map(
              t => t.textContent).join('|'))};
}"""


@pytest.mark.parametrize(("width", "narrow"), [(360, True), (1366, False)])
def test_workload_charts_are_readable_at_both_sizes(browser, live, width, narrow):
    with live.app.app_context():
        lao_id = db.session.scalar(select(Lao.id).where(Lao.code == "6520301"))
    context = browser.new_context(locale="th-TH", viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        _sign_in(page, live.url, "hr.6520301")
        page.goto(f"{live.url}/laos/{lao_id}/workload")
        seen = page.evaluate(SMALLEST_TEXT)
        assert seen["charts"] == 2
        assert seen["widest"] <= width  # fits the screen, nothing to scroll sideways
        # a 14 px font's glyph box is about 1.2 times that; shrunk text would be far below
        assert seen["smallest"] >= 14, seen
        assert all("คน" in t or "เวลาทำงาน" in t for t in seen["titles"])
        assert page.locator(".chart-narrow").first.is_visible() == narrow
    finally:
        context.close()
