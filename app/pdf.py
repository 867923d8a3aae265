"""HTML to PDF with WeasyPrint: Sarabun embedded, nothing fetched from outside."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

FONT_DIR = Path(str(files("fontpkg_sarabun") / "files"))
_FACES = (("Sarabun-Regular.ttf", 400), ("Sarabun-Bold.ttf", 700))


@lru_cache(maxsize=1)
def _fetcher() -> Any:
    """A fetcher that reads only the Sarabun font files and data: URIs; nothing else."""
    from weasyprint.urls import URLFetcher

    allowed = {(FONT_DIR / name).as_uri() for name, _w in _FACES}

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in allowed or url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url}")

    return LocalOnlyFetcher()


@lru_cache(maxsize=1)
def _fonts() -> tuple[Any, Any]:
    # one FontConfiguration and one compiled font stylesheet for every document: fast
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    faces = "\n".join(
        f'@font-face {{ font-family: "Sarabun"; src: url("{(FONT_DIR / name).as_uri()}"); '
        f"font-weight: {weight}; }}" for name, weight in _FACES)
    css = CSS(string=faces + '\nbody { font-family: "Sarabun"; }', font_config=config,
              url_fetcher=_fetcher())
    return config, css


@lru_cache(maxsize=8)
def _stylesheet(css: str) -> Any:
    """A stylesheet parsed once per text (a template's CSS changes only with the template)."""
    from weasyprint import CSS

    return CSS(string=css, font_config=_fonts()[0], url_fetcher=_fetcher())


def render_pdf(html: str, css: str = "") -> bytes:
    """A PDF of the given HTML and stylesheet, in Sarabun."""
    from weasyprint import HTML

    config, font_css = _fonts()
    sheets = [font_css] + ([_stylesheet(css)] if css else [])
    document = HTML(string=html, url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=sheets, font_config=config)  # type: ignore[no-any-return]
