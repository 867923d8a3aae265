"""Domain errors and the one place that turns them into HTML pages or API error bodies."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DataError, OperationalError
from werkzeug.exceptions import HTTPException


def N_(text: str) -> str:  # noqa: N802  (the gettext convention)
    """Marks a domain message for the translation catalogue (pybabel -k N_): the API says it
    as written, a web page shows it in the reader's language (AppError.localized)."""
    return text


class AppError(Exception):
    """A domain error with an HTTP status and the API's error code."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str = "", details: dict[str, Any] | None = None,
                 params: dict[str, Any] | None = None) -> None:
        self.template, self.params = message, params or {}
        self.message = message % self.params if self.params else message
        super().__init__(self.message)
        self.details = details or {}

    def localized(self) -> str:
        """The message for a page: translated when the catalogue has it."""
        return _(self.template, **self.params) if self.template else ""


class BadRequest(AppError):
    status, code = 400, "bad_request"


class Unauthorized(AppError):
    status, code = 401, "unauthorized"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class NotFound(AppError):
    status, code = 404, "not_found"


class Conflict(AppError):
    status, code = 409, "conflict"


class Cooldown(Conflict):
    """A retake asked for inside the waiting time (details: retry_after)."""

    code = "cooldown"


class TooLarge(AppError):
    status, code = 413, "too_large"


class Invalid(AppError):
    status, code = 422, "invalid"


class InvalidRows(Invalid):
    """An import with bad rows: details list every row, column and reason (row 0 = file)."""

    code = "invalid_rows"


class Throttled(AppError):
    status, code = 429, "throttled"


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": code, "message": message, "details": details or {}}


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "throttled",
}


def _http_message(status: int) -> str:
    messages = {
        400: _("The request could not be understood."),
        401: _("Please sign in."),
        403: _("You are not allowed to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        413: _("The file is too large (2 MB at most)."),
        429: _("Too many attempts. Please wait and try again."),
    }
    return messages.get(status, _("Something went wrong. Please try again."))


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def handle_app_error(exc: AppError) -> tuple[Response | str, int]:
        if is_api_request():
            return jsonify(error_body(exc.code, exc.message, exc.details)), exc.status
        return render_template("error.html", status=exc.status, message=exc.localized()), exc.status

    def database_refused(status: int, code: str, message: str) -> tuple[Response | str, int]:
        # whatever the request had written is rolled back: nothing half-written stays
        from app.extensions import db

        db.session.rollback()
        if is_api_request():
            return jsonify(error_body(code, message)), status
        return render_template("error.html", status=status, message=message), status

    @app.errorhandler(DataError)
    def handle_bad_data(exc: DataError) -> tuple[Response | str, int]:
        return database_refused(422, "invalid", _(
            "Some of the data cannot be stored (for example an invisible control "
            "character). Nothing was saved."))

    @app.errorhandler(OperationalError)
    def handle_database_down(exc: OperationalError) -> tuple[Response | str, int]:
        app.logger.warning("database unavailable: %s", exc.orig)
        return database_refused(503, "unavailable", _(
            "The database is busy or unreachable. Nothing was saved; please try again in "
            "a moment."))

    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException) -> Any:
        status = exc.code or 500
        if status < 400:
            return exc
        message = _http_message(status)
        if is_api_request():
            body = error_body(_HTTP_CODES.get(status, "error"), message)
            response = jsonify(body)
            response.status_code = status
            # the headers the answer carries by its meaning: how long to wait (429), which
            # methods the path has (405, RFC 9110 requires Allow)
            for header in ("Retry-After", "Allow"):
                if exc.get_response().headers.get(header):
                    response.headers[header] = exc.get_response().headers[header]
            return response
        allow = {"Allow": exc.get_response().headers["Allow"]} if status == 405 else {}
        return render_template("error.html", status=status, message=message), status, allow
