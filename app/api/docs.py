"""A browsable page of the OpenAPI document at /api/docs: Swagger UI from the
flask-swagger-ui package, served from here (nothing from a CDN), started by a script file
(the CSP forbids inline scripts). Outside /api/v1: a page for people, not an operation."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from flask import abort, render_template, send_from_directory
from flask.typing import ResponseReturnValue

from app.api import bp

DIST = files("flask_swagger_ui") / "dist"
ASSETS = {"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "LICENSE"}


def docs() -> ResponseReturnValue:
    return render_template("api/docs.html")


def docs_asset(name: str) -> ResponseReturnValue:
    if name not in ASSETS:
        abort(404)
    return send_from_directory(str(DIST), name, max_age=7 * 24 * 3600)


def _register(state: Any) -> None:
    state.app.add_url_rule("/api/docs", "api_docs", docs)
    state.app.add_url_rule("/api/docs/assets/<name>", "api_docs_asset", docs_asset)


bp.record_once(_register)
