"""Reading a JSON body against a small declared shape; every problem is reported at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request
from werkzeug.routing import IntegerConverter

from app.errors import N_, BadRequest, Invalid

# shape: field -> (kind, required); kinds: str, int, date, object, enum:<a|b|c>
Shape = dict[str, tuple[str, bool]]
INT_MAX = 2**31 - 1  # every id and number the API takes fits a 32-bit column


class BoundedIntConverter(IntegerConverter):
    """<int:...> in URLs, refusing numbers no row can have (404, never a 500)."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


def json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest(N_("the body must be a JSON object"))
    return data


def _coerce(kind: str, value: Any) -> tuple[Any, str | None]:
    if kind == "str":
        if not isinstance(value, str):
            return None, "must be a string"
        if "\x00" in value:
            return None, "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a \ud800-style JSON escape
            return None, "must be valid text"
        return value, None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, "must be an integer"
        if not -INT_MAX <= value <= INT_MAX:
            return None, "is out of range"
        return value, None
    if kind == "date":
        if not isinstance(value, str):
            return None, "must be a date YYYY-MM-DD"
        try:
            return date.fromisoformat(value), None
        except ValueError:
            return None, "must be a date YYYY-MM-DD"
    if kind == "object":
        if not isinstance(value, dict):
            return None, "must be an object"
        return value, None
    if kind.startswith("enum:"):
        allowed = kind[5:].split("|")
        if value not in allowed:
            return None, "must be one of " + ", ".join(allowed)
        return value, None
    raise ValueError(kind)


def parse(shape: Shape) -> dict[str, Any]:
    """The body's fields converted to their kinds, or 422 listing every bad field."""
    data = json_body()
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, (kind, required) in shape.items():
        if name not in data or data[name] is None:
            if required:
                problems[name] = "is required"
            continue
        value, problem = _coerce(kind, data[name])
        if problem:
            problems[name] = problem
        else:
            out[name] = value
    if problems:
        raise Invalid(N_("invalid fields"), {"fields": problems})
    return out


def openapi_schema(shape: Shape) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for name, (kind, _required) in shape.items():
        if kind == "int":
            props[name] = {"type": "integer", "minimum": -INT_MAX, "maximum": INT_MAX}
        elif kind == "date":
            props[name] = {"type": "string", "format": "date"}
        elif kind == "object":
            props[name] = {"type": "object"}
        elif kind.startswith("enum:"):
            props[name] = {"type": "string", "enum": kind[5:].split("|")}
        else:
            props[name] = {"type": "string"}
    required = [n for n, (_k, req) in shape.items() if req]
    return {"type": "object", "properties": props, "required": required}
