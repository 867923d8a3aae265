"""Light on a slow line: small Thai web fonts, compressed text, assets cached until they change."""

import os
import re

import brotli
from fontTools.ttLib import TTFont

from app import webfonts


def test_woff2_subset_keeps_thai_shaping_and_latin(tmp_path):
    path = webfonts.build("Sarabun-Regular", tmp_path)
    font = TTFont(str(path))
    cmap = font.getBestCmap()
    for text in ("น้ำ ฐู ปั๊ม ๑๒๓ e-LAAS 2569", "ใบสำคัญคู่จ่าย"):
        assert all(ord(ch) in cmap for ch in text)
    assert "GPOS" in font  # tone marks sit where they belong
    assert "GSUB" in font
    assert font.flavor == "woff2"
    assert path.stat().st_size < 30 * 1024
    assert not list(tmp_path.glob("*.part"))  # written whole or not at all


def test_a_missing_or_stale_font_is_built_on_first_use(tmp_path):
    target = webfonts.ensure("Sarabun-Bold", tmp_path)
    assert target.read_bytes()[:4] == b"wOF2"
    target.write_bytes(b"stale")
    older = webfonts.source_ttf("Sarabun-Bold").stat().st_mtime - 10
    os.utime(target, (older, older))
    assert webfonts.ensure("Sarabun-Bold", tmp_path).read_bytes()[:4] == b"wOF2"


def test_pages_and_styles_are_compressed_when_the_browser_accepts_it(client):
    page = client.get("/login", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers["Content-Encoding"] == "br"
    html = brotli.decompress(page.data).decode()
    assert "เข้าสู่ระบบ" in html
    assert len(page.data) < len(html.encode()) / 2
    assert client.get("/login").headers.get("Content-Encoding") is None  # plain when not asked
    css = re.search(r'href="(/static/css/app\.css\?v=\w+)"', html).group(1)
    with client.get(css, headers={"Accept-Encoding": "gzip"}) as style:
        assert style.headers["Content-Encoding"] == "gzip"


def test_versioned_assets_are_cached_a_year_and_the_worker_knows_their_urls(client):
    html = client.get("/login").get_data(as_text=True)
    script = re.search(r'src="(/static/js/app\.js\?v=(\w+))"', html)
    with client.get(script.group(1)) as asset:
        assert "max-age=31536000" in asset.headers["Cache-Control"]
        assert "immutable" in asset.headers["Cache-Control"]
    worker = client.get("/sw.js")
    source = worker.get_data(as_text=True)
    assert script.group(1) in source
    assert "/fonts/Sarabun-Regular.woff2" in source
    assert "__ASSETS__" not in source
    assert "__VERSION__" not in source
    assert worker.headers["Service-Worker-Allowed"] == "/"
    again = client.get("/sw.js", headers={"If-None-Match": worker.headers["ETag"]})
    assert again.status_code == 304  # an unchanged worker costs a few hundred bytes
