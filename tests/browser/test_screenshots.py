"""Each journey's pages at 1366×768 (a shared office PC) and 360 px (a phone), saved for a person
to look at: `make screenshots` writes them to screenshots/. In the suite it checks that every
page of each journey opens for its role with a heading."""

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.content.models import Course, Module
from app.extensions import db
from app.org.models import Lao
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 360, "height": 740}}


def _journeys(live):
    with live.app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "e-office-officer"))
        module = db.session.scalar(select(Module).where(Module.slug == "e-office-officer-02"))
        lao = db.session.scalar(select(Lao).where(Lao.code == "5600401"))
        return {
            "officer": ("officer.5600401", ["/", "/placement", "/courses",
                                            f"/courses/{course.id}", f"/modules/{module.id}",
                                            "/my/certificates"]),
            "hr": ("hr.5600401", ["/", f"/laos/{lao.id}/staff", f"/laos/{lao.id}/assignments",
                                  f"/laos/{lao.id}/register", f"/laos/{lao.id}/workload"]),
            "executive": ("exec.5600401", ["/", f"/laos/{lao.id}/register"]),
        }


@pytest.mark.parametrize("size", list(SIZES))
def test_journey_pages_fit_the_screen(browser, live, size):
    folder = os.environ.get("SCREENSHOTS_DIR")
    for who, (username, paths) in _journeys(live).items():
        context = browser.new_context(locale="th-TH", viewport=SIZES[size])
        page = context.new_page()
        _sign_in(page, live.url, username)
        for number, path in enumerate(paths, 1):
            page.goto(live.url + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("h1").count() >= 1, path
            if folder:
                name = f"{who}-{number:02d}{path.replace('/', '_') or '_'}-{size}.png"
                page.screenshot(path=str(Path(folder) / name), full_page=True)
        if who == "officer":  # a quiz under way: one answer chosen, the second on screen
            page.goto(live.url + "/placement")
            page.locator("tr", has_text="e-Office").get_by_role(
                "button", name=re.compile("เริ่มทำ|ทำต่อ")).click()
            page.wait_for_selector("#quiz")
            page.locator("section.question:visible label.option").nth(1).click()
            if folder:
                page.screenshot(path=str(Path(folder) / f"officer-quiz-{size}.png"),
                                full_page=True)
        context.close()
