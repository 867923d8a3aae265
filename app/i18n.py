"""Language choice: Thai by default, English when the user switches."""

from __future__ import annotations

from flask import current_app, request, session


def select_locale() -> str:
    chosen = session.get("lang") or request.cookies.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        return str(chosen)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])
