"""Static files on a slow line: each URL carries a hash of its file (?v=...), so a browser keeps
it a year and never asks again until the file changes; text answers are compressed; the
service worker learns the same versioned URLs, so it never fetches a file the page has
already fetched."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, request, url_for
from flask_compress import Compress

ONE_YEAR = 365 * 24 * 3600
# what the service worker keeps for offline reading (the quiz script too, though only the
# quiz page loads it: a quiz must keep working when the line drops mid-way)
OFFLINE_ASSETS = ("css/app.css", "js/app.js", "js/quiz.js")
compress = Compress()
_TEXT = {"text/css", "text/javascript", "application/javascript", "text/plain"}


@lru_cache(maxsize=256)
def _hash(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def file_version(folder: str | None, filename: str) -> str | None:
    """A short hash of a static file's bytes (recomputed only when the file changes)."""
    if folder is None:
        return None
    path = Path(folder) / filename
    try:
        return _hash(str(path), path.stat().st_mtime)
    except OSError:  # a missing file answers 404 anyway; no version to add
        return None


def _static_folder(app: Flask, endpoint: str) -> str | None:
    if endpoint == "static":
        return app.static_folder
    blueprint = app.blueprints.get(endpoint.rpartition(".")[0])
    return blueprint.static_folder if blueprint is not None else None


def _add_version(endpoint: str | None, values: dict[str, Any]) -> None:
    if not endpoint or not endpoint.endswith("static") or "v" in values:
        return
    version = file_version(_static_folder(current_app, endpoint), values.get("filename", ""))
    if version:
        values["v"] = version


def _cache_versioned(response: Response) -> Response:
    endpoint = request.endpoint or ""
    if endpoint.endswith("static") and request.args.get("v") and response.status_code in (
            200, 304):
        response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    if response.is_streamed and response.mimetype in _TEXT:
        # a small CSS or script file read whole, so it is compressed in one piece and the
        # file closed (the compressor's streaming mode leaves it open)
        response.direct_passthrough = False
        response.make_sequence()
    return response


def service_worker_source() -> str:
    """sw.js with the versioned asset URLs filled in: a changed file changes the worker,
    which the browser then installs, dropping the old cache."""
    assets = [url_for("static", filename=name) for name in OFFLINE_ASSETS]
    assets += [url_for("main.font", name=f"{name}.woff2") for name in font_names()]
    source = (files("app") / "static" / "js" / "sw.js").read_text(encoding="utf-8")
    version = hashlib.sha256(json.dumps(assets).encode()).hexdigest()[:10]
    return (source.replace('"__ASSETS__"', json.dumps(assets))
            .replace("__VERSION__", version))


def font_names() -> list[str]:
    from app.webfonts import WEIGHTS

    return list(WEIGHTS)


def install_assets(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "deflate"])
    compress.init_app(app)
    app.url_defaults(_add_version)
    app.after_request(_cache_versioned)
