"""The browsable API document: Swagger UI served from the package, nothing from outside,
no inline script (the CSP forbids them)."""

import re


def test_the_docs_page_loads_everything_from_this_server(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(s.startswith("/") for s in sources), sources  # no CDN, no other host
    assert "<script>" not in html  # every script is a file
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert 'data-url="/api/v1/openapi.json"' in html
    bundle = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    assert "javascript" in bundle.content_type
    bundle.close()
    assert client.get("/api/docs/assets/../openapi.py").status_code == 404
    assert client.get("/api/docs/assets/index.html").status_code == 404
