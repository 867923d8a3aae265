"""Light on a slow line: what a first visit and a repeat visit move over the wire, read from
the browser's own network events (the page's and the service worker's requests alike)."""

import re

import pytest
from sqlalchemy import select

from app.content.models import Module
from app.extensions import db
from app.org.demo import DEMO_PASSWORD
from app.org.models import Lao

pytestmark = pytest.mark.browser

FIRST_LOAD_LIMIT = 150 * 1024
REPEAT_LIMIT = 30 * 1024


class Meter:
    """Bytes received per request (headers and encoded body), for every request the context
    makes, service worker included."""

    def __init__(self, context):
        self.finished = []
        context.on("requestfinished", lambda request: self.finished.append(request))

    def reset(self):
        self.finished.clear()

    def total(self):
        size = 0
        for request in self.finished:
            sizes = request.sizes()
            # Chromium's encoded length: 0 for an answer from a cache or the service worker
            size += max(sizes["responseHeadersSize"] + sizes["responseBodySize"], 0)
        return size

    def by_url(self):
        return [(r.url, r.sizes()["responseBodySize"]) for r in self.finished]


def _sign_in_without_loading(context, base, username):
    """The session cookie only: the page under test then loads cold."""
    login = context.request.get(f"{base}/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login.text()).group(1)
    context.request.post(f"{base}/login", form={
        "csrf_token": token, "username": username, "password": DEMO_PASSWORD})


def _settled(page):
    page.wait_for_load_state("networkidle")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_load_state("networkidle")  # the worker's own fetches, if any
    page.wait_for_timeout(300)


def _weigh(browser, base, path, username=None):
    context = browser.new_context(locale="th-TH")
    try:
        meter = Meter(context)
        if username:
            _sign_in_without_loading(context, base, username)
        meter.reset()
        page = context.new_page()
        page.goto(base + path)
        _settled(page)
        assert page.url.endswith(path)  # not sent back to the sign-in page
        first, detail = meter.total(), meter.by_url()
        meter.reset()
        page.goto(base + path)
        _settled(page)
        return first, meter.total(), detail
    finally:
        context.close()


@pytest.fixture(scope="module")
def paths(live):
    with live.app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "e-plan-officer-02"))
        lao = db.session.scalar(select(Lao).where(Lao.code == "6520301"))
        return {"lesson": f"/modules/{module.id}", "register": f"/laos/{lao.id}/register"}


@pytest.mark.parametrize(("name", "username"), [
    ("login", None), ("home", "officer.6520301"), ("lesson", "officer.6520301"),
    ("register", "hr.6520301")])
def test_first_load_and_repeat_load_are_light(browser, live, paths, name, username):
    path = {"login": "/login", "home": "/"}.get(name) or paths[name]
    first, repeat, detail = _weigh(browser, live.url, path, username)
    print(f"{name}: first {first / 1024:.1f} KB, repeat {repeat / 1024:.1f} KB")
    assert first <= FIRST_LOAD_LIMIT, detail
    assert repeat <= REPEAT_LIMIT


def test_fonts_are_woff2_and_text_is_compressed(browser, live):
    context = browser.new_context(locale="th-TH")
    try:
        meter = Meter(context)
        page = context.new_page()
        page.goto(live.url + "/login")
        _settled(page)
        fonts = [r for r in meter.finished if r.resource_type == "font"]
        assert fonts, "the page uses the web font"
        for request in fonts:
            assert request.url.split("?")[0].endswith(".woff2")
            assert request.response().headers["content-type"] == "font/woff2"
        html = next(r for r in meter.finished if r.resource_type == "document")
        css = next(r for r in meter.finished if r.url.split("?")[0].endswith(".css"))
        for request in (html, css):
            assert request.response().headers.get("content-encoding") in {"br", "gzip"}
    finally:
        context.close()
