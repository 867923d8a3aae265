"""Swagger UI shows every operation of the document under the app's own CSP."""

import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_lists_the_operations_without_csp_errors(page, live_url):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_url}/api/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 50
    assert "LAO staff training" in page.locator(".info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/laos/{lao_id}/transfers").first.click()
    assert page.locator(".opblock-body").first.is_visible()
    assert [p for p in problems if "Content Security Policy" in p] == []
